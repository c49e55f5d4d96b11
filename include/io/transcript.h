/* Transcripts: plain text files as they come from transcribers.
 *
 * Reading one strips a UTF-8 byte order mark, turns CRLF and lone CR into LF, and refuses what
 * is not UTF-8 text (naming the line and column of the first bad byte). Speaker turns are
 * found from labels at the start of a line ("Interviewer:", "I:", "R:", "P3:", "Dr Smith:"):
 * a label counts when the same label starts at least two lines, so that header lines such as
 * "Date: 14 November" are not taken for speakers. */
#ifndef MARGIN_IO_TRANSCRIPT_H
#define MARGIN_IO_TRANSCRIPT_H

#include "core/error.h"
#include "core/row.h"
#include "core/sha256.h"

#include <stddef.h>

/* The largest transcript margin imports: far beyond any interview, small enough to edit. */
#define TRANSCRIPT_MAX_BYTES (64u * 1024 * 1024)

/* The longest speaker label, in code points. */
#define TRANSCRIPT_LABEL_MAX 40

struct transcript {
    char *text;    /* normalised UTF-8, NUL-terminated */
    size_t size;   /* bytes */
    size_t length; /* code points */
    char sha256[SHA256_HEX_SIZE];
    struct turn_list turns;
};

/* Normalises and checks bytes[0..n) and finds its speaker turns; `name` starts error messages.
 * On failure out is left empty. The caller finishes out. */
bool transcript_parse(const char *bytes, size_t n, const char *name, struct transcript *out,
                      struct error *err);

/* Reads and parses a file, refusing one larger than TRANSCRIPT_MAX_BYTES. */
bool transcript_read(const char *path, struct transcript *out, struct error *err);

/* Frees what a transcript holds and empties it. */
void transcript_finish(struct transcript *transcript);

#endif
