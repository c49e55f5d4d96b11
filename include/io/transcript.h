/* Transcripts: plain text files as they come from transcribers.
 *
 * Reading one strips a UTF-8 byte order mark, turns CRLF and lone CR into LF, and refuses what
 * is not UTF-8 text (naming the line and column of the first bad byte). Speaker turns are
 * found by a rule of core/turns.h: the default one, or a project's pattern. */
#ifndef MARGIN_IO_TRANSCRIPT_H
#define MARGIN_IO_TRANSCRIPT_H

#include "core/error.h"
#include "core/row.h"
#include "core/sha256.h"
#include "core/turns.h"

#include <stddef.h>

/* The largest transcript margin imports: far beyond any interview, small enough to edit. */
#define TRANSCRIPT_MAX_BYTES (64u * 1024 * 1024)

struct transcript {
    char *text;    /* normalised UTF-8, NUL-terminated */
    size_t size;   /* bytes */
    size_t length; /* code points */
    char sha256[SHA256_HEX_SIZE];
    struct turn_list turns;
};

/* Normalises and checks bytes[0..n) and finds its speaker turns by `rule` (NULL for the
 * default rule); `name` starts error messages. On failure out is left empty. The caller
 * finishes out. */
bool transcript_parse(const char *bytes, size_t n, const char *name, const struct turn_rule *rule,
                      struct transcript *out, struct error *err);

/* Reads and parses a file, refusing one larger than TRANSCRIPT_MAX_BYTES, and a zip archive, a
 * project.qde or a .qdc (io/refi.h: refi_file_identify) with a message that says what the file
 * is and, for REFI-QDA's, which command imports it. */
bool transcript_read(const char *path, const struct turn_rule *rule, struct transcript *out,
                     struct error *err);

/* Frees what a transcript holds and empties it. */
void transcript_finish(struct transcript *transcript);

#endif
