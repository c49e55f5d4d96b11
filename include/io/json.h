/* Writing JSON: a value, its objects and arrays indented by two spaces and their members one to a
 * line, as Python's json.dumps(indent=2) lays them out, so that a person can read the output and
 * diff two runs of it.
 *
 * The writer goes straight to a stream and keeps no memory of its own. It does not check what
 * it is given: members get a key, array elements and the top value NULL, and every begin has its
 * end. A write error is left on the stream for the caller to find with ferror(). Keys and strings
 * are UTF-8, written as they are except for the escapes JSON needs (quote, backslash and the
 * control characters below U+0020). */
#ifndef MARGIN_IO_JSON_H
#define MARGIN_IO_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct json_writer {
    FILE *out;
    int depth;      /* objects and arrays open */
    bool first;     /* nothing written yet in the open object or array */
    bool after_key; /* the next value follows a key on the same line */
};

/* Starts a writer for one JSON value on `out`; the writer needs no finishing. */
void json_init(struct json_writer *j, FILE *out);

/* Opens an object or an array, as the member `key` of the open object or, with a NULL key, as an
 * element of the open array or the top value. Closing the top value ends its line. */
void json_object_begin(struct json_writer *j, const char *key);
void json_object_end(struct json_writer *j);
void json_array_begin(struct json_writer *j, const char *key);
void json_array_end(struct json_writer *j);

/* Writes a string, a whole number, null, or a number as "%.17g" writes it (enough digits to read
 * back the same double) with a point whatever the locale; a NaN or an infinity, which JSON
 * cannot hold, is written as null. `key` as for json_object_begin(). */
void json_string(struct json_writer *j, const char *key, const char *s);
void json_int(struct json_writer *j, const char *key, int64_t v);
void json_number(struct json_writer *j, const char *key, double v);
void json_null(struct json_writer *j, const char *key);

/* Writes true or false. `key` as for json_object_begin(). */
void json_bool(struct json_writer *j, const char *key, bool v);

#endif
