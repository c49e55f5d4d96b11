/* Whole files in and out. */
#ifndef MARGIN_IO_FILE_H
#define MARGIN_IO_FILE_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Reads the whole of a regular file into *data (NUL-terminated; the caller frees it).
 * Refuses a file larger than `limit` bytes with a message giving both sizes. Every input file
 * margin reads comes through here: it opens without blocking and refuses what is not a regular
 * file ("PATH is not a regular file (a FIFO)"), so that a FIFO without a writer or a device is
 * never waited for. */
bool file_read(const char *path, size_t limit, char **data, size_t *n, struct error *err);

/* As file_read(), except that a path of "-" reads standard input (a pipe, a redirected file or
 * a terminal) to its end, refusing more than `limit` bytes. For inputs a pipe naturally gives. */
bool file_read_input(const char *path, size_t limit, char **data, size_t *n, struct error *err);

/* The name messages give an input read with file_read_input(): "standard input" for "-",
 * else the path itself. */
const char *file_input_name(const char *path);

/* The encoding of data[0..n) when it is UTF-16 text, which margin does not read, as iconv
 * names it: "UTF-16" after a byte order mark, "UTF-16LE" or "UTF-16BE" when one byte of nearly
 * every pair at the start is NUL, as UTF-16 gives Latin-script text. NULL for anything else. */
const char *file_utf16_encoding(const char *data, size_t n);

/* Returns true unless data[0..n) is UTF-16 text; then false, with a message that starts with
 * `name`, says so and says how to convert it. Every reader of text checks this first. */
bool file_refuse_utf16(const char *data, size_t n, const char *name, struct error *err);

/* An output that replaces a file only when complete: writes go to a temporary file beside it,
 * which file_output_commit() renames into place. A symbolic link is followed (the file it points
 * to is replaced; the link stays). A character device or a FIFO is written to in place, as it
 * is. "-" writes to standard output. */
struct file_output {
    FILE *stream;
    char *path;    /* the file written; NULL for standard output */
    char *temp;    /* the temporary file, or NULL when writing in place or to standard output */
    bool in_place; /* a character device or FIFO */
};

/* Opens the output. Returns false with a message when the directory cannot be written, and
 * refuses a folder, a block device, a socket, a link to nothing, a FIFO that nothing reads, and
 * a file that holds a project's data (a margin project, any SQLite database, a rollback
 * journal), which an export must never replace. */
bool file_output_open(struct file_output *out, const char *path, struct error *err);

/* Flushes, syncs and renames the output into place. Returns false with a message (the disk is
 * full, say) and removes the temporary file when anything failed, leaving `path` as it was. */
bool file_output_commit(struct file_output *out, struct error *err);

/* Abandons an output whose writing failed with errno `cause`: sets err to say what could not be
 * written and why, and aborts the output. Returns false. */
bool file_output_failed(struct file_output *out, int cause, struct error *err);

/* Abandons the output, removing the temporary file. Accepts an output that was never opened. */
void file_output_abort(struct file_output *out);

#endif
