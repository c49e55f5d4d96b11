/* Whole files in and out. */
#ifndef MARGIN_IO_FILE_H
#define MARGIN_IO_FILE_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Reads the whole of a regular file into *data (NUL-terminated; the caller frees it).
 * Refuses a file larger than `limit` bytes with a message giving both sizes. */
bool file_read(const char *path, size_t limit, char **data, size_t *n, struct error *err);

/* An output that replaces `path` only when complete: writes go to a temporary file beside it,
 * which file_output_commit() renames into place. "-" writes to standard output instead. */
struct file_output {
    FILE *stream;
    char *path;
    char *temp; /* NULL for standard output */
};

/* Opens the output. Returns false with a message when the directory cannot be written. */
bool file_output_open(struct file_output *out, const char *path, struct error *err);

/* Flushes, syncs and renames the output into place. Returns false with a message (the disk is
 * full, say) and removes the temporary file when anything failed, leaving `path` as it was. */
bool file_output_commit(struct file_output *out, struct error *err);

/* Abandons the output, removing the temporary file. Accepts an output that was never opened. */
void file_output_abort(struct file_output *out);

#endif
