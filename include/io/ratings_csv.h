/* Unit-level ratings as CSV: a header row naming the coders, then one row per unit (a speaker
 * turn, a paragraph, a case) with each coder's value; an empty cell is a missing value.
 *
 * Values are nominal categories, numbered 1, 2, ... in the order they first appear, unless every
 * value given is a number ("3", "-1.5", "2e3"), in which case the numbers themselves are kept so
 * that ordinal, interval and ratio statistics apply too. Spaces around a value are ignored. */
#ifndef MARGIN_IO_RATINGS_CSV_H
#define MARGIN_IO_RATINGS_CSV_H

#include "core/error.h"
#include "core/ratings.h"

#include <stdbool.h>
#include <stddef.h>

struct ratings_csv {
    struct ratings *table; /* units x coders */
    char **coders;         /* the header's names */
    size_t ncoders;
    char **categories; /* the distinct values, in order of first appearance */
    size_t ncategories;
    bool numeric;    /* every value is a number: table holds the numbers */
    size_t values;   /* values given */
    size_t pairable; /* values in units with at least two values */
};

/* Reads ratings from data[0..n); `name` (a file name) starts error messages. Fails, naming the
 * file and line, for CSV that cannot be read, fewer than two coders, an empty or repeated coder
 * name, a row with more or fewer cells than the header, or no units. On success fills *out,
 * which the caller finishes; on failure *out is empty. */
bool ratings_csv_parse(const char *data, size_t n, const char *name, struct ratings_csv *out,
                       struct error *err);

/* As ratings_csv_parse(), from a file, or from standard input when `path` is "-". */
bool ratings_csv_read(const char *path, struct ratings_csv *out, struct error *err);

/* Frees what a parse filled in and empties *r; accepts an empty one. */
void ratings_csv_finish(struct ratings_csv *r);

#endif
