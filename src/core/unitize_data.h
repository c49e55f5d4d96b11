/* What the two files of the unitizing measures share: the stored units and the helpers that
 * turn disagreements into figures. Nothing outside src/core includes this. */
#ifndef MARGIN_CORE_UNITIZE_DATA_H
#define MARGIN_CORE_UNITIZE_DATA_H

#include "core/unitize.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A unit as stored: after clipping and joining. */
struct stored {
    int64_t start;
    int64_t end;
    uint32_t coder;
    uint32_t value;
};

/* A source: its length and its units, u->units[first .. first + count), sorted by coder, then
 * value, then start. */
struct source {
    int64_t length;
    size_t first;
    size_t count;
};

struct unitize {
    size_t ncoders;
    size_t nvalues;
    enum unitize_joining joining;
    struct stored *units;
    size_t nunits;
    size_t units_cap;
    struct source *sources;
    size_t nsources;
    size_t sources_cap;
    int64_t length;   /* of all sources */
    size_t widest;    /* most units in one source */
    bool overlapping; /* some coder's units of two values share a character */
};

/* A figure that cannot be computed, for the reason `status`, over n. */
struct unitize_details unitize_undefined(enum agree_status status, int64_t n);

/* x - y, or 0 when the difference is within rounding error of the two: a few units in the last
 * place of the larger, in double precision (long double may be no wider, as under valgrind). */
long double unitize_cancel(long double x, long double y);

/* 1 - observed / expected with both as shares of `total`; the caller has checked that the
 * expected disagreement is above zero. */
struct unitize_details unitize_defined(long double observed, long double expected,
                                       long double total, int64_t n);

/* Why a figure over the domain cannot be computed before looking at the units, or
 * AGREE_DEFINED. */
enum agree_status unitize_precondition(const struct unitize *u, bool whole_domain);

/* The characters of every source, once per coder. */
int64_t unitize_coder_characters(const struct unitize *u);

/* Coder `coder`'s units in source s with `value` (UNITIZE_ALL: every value) into out, sorted by
 * start; returns how many. out has room for the source's units. */
size_t unitize_coder_units(const struct unitize *u, const struct source *s, size_t coder,
                           size_t value, struct stored *out);

#endif
