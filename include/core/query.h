/* Queries over coded text, as users type them for `margin query` and the screen:
 *
 *     07.01.02 and 07.02          where both codes were applied (their overlap)
 *     07.01* not 07.03            07.01 or a sub-code, in stretches without 07.03
 *     07.02 near(200) 05          07.02 within 200 characters of 05
 *     07.02 near(1 turns) 05      07.02 in the same speaker turn as 05, or the next
 *     any(05, 06, 07.02)          any of the codes
 *     text("clinical director")   where the phrase appears, in any case
 *
 * Grammar (keywords in any case):
 *     query   = operand { operator operand }          (left to right, no precedence)
 *     operator = "and" | "and" "not" | "not" | "near" "(" N [ "turns" ] ")"
 *     operand = CODE | CODE "*" | "any" "(" query { "," query } ")"
 *             | "text" "(" STRING ")" | "(" query ")"
 * A CODE is an outline number ("07.01.02", "7.1.2"); with "*" its sub-codes count too.
 *
 * A query's value in one source is a set of stretches (spans, merged where they overlap or
 * touch). A code gives the union of its codings; "X and Y" the characters both cover; "X not
 * Y" the stretches of X that share no character with Y; "X near(N) Y" the stretches of X that
 * come within N characters of a stretch of Y (or overlap one); with "turns", within N speaker
 * turns; any() the union; text() each occurrence. This module parses and combines sets; the
 * model (model/query.h) finds codes and reads sources. */
#ifndef MARGIN_CORE_QUERY_H
#define MARGIN_CORE_QUERY_H

#include "core/error.h"
#include "core/span.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How deeply parentheses and any() may nest, and how many operands a query may hold. */
#define QUERY_DEPTH_MAX 64
#define QUERY_NODES_MAX 1000

enum query_kind {
    QUERY_CODE, /* code, subcodes */
    QUERY_TEXT, /* phrase */
    QUERY_AND,  /* children[0] and children[1] */
    QUERY_NOT,  /* children[0] not children[1] */
    QUERY_NEAR, /* children[0] near(distance [turns]) children[1] */
    QUERY_ANY,  /* any(children...) */
};

struct query_node {
    enum query_kind kind;
    size_t column; /* where it starts, 1-based, in characters */
    char *code;    /* QUERY_CODE: the number as typed, without "*" */
    bool subcodes;
    int target;       /* QUERY_CODE: for the caller, who finds the code (-1 until then) */
    char *phrase;     /* QUERY_TEXT */
    int64_t distance; /* QUERY_NEAR */
    bool turns;
    struct query_node **children;
    size_t nchildren;
};

/* Parses a query. Returns NULL with "column N: ..." when it cannot be read (or memory runs
 * out). The caller frees it with query_destroy(). */
struct query_node *query_parse(const char *text, struct error *err);

/* Frees a parsed query; accepts NULL. */
void query_destroy(struct query_node *query);

/* A set of stretches in one source: sorted, disjoint, not touching (as span_union() leaves
 * them). */
struct span_set {
    struct span *items;
    size_t count, cap;
};

void query_set_finish(struct span_set *set);

/* Appends a span (not yet normalised; query_set_normalise() sorts and merges). False when
 * memory runs out. */
bool query_set_add(struct span_set *set, struct span span);
void query_set_normalise(struct span_set *set);

/* out = a and b (their common characters); out = the spans of a that overlap no span of b;
 * out = the spans of a within `distance` characters of a span of b. out must be empty and
 * distinct from a and b. False when memory runs out. */
bool query_set_and(const struct span_set *a, const struct span_set *b, struct span_set *out);
bool query_set_not(const struct span_set *a, const struct span_set *b, struct span_set *out);
bool query_set_near(const struct span_set *a, const struct span_set *b, int64_t distance,
                    struct span_set *out);

/* As query_set_near(), counting speaker turns: a span is in the turns its characters touch
 * (turn_of(context, offset) gives a turn number, or -1 outside every turn), and a span of a
 * is kept when a span of b lies in a turn at most `distance` turns from one of its own. */
bool query_set_near_turns(const struct span_set *a, const struct span_set *b, int64_t distance,
                          long (*turn_of)(void *context, int64_t offset), void *context,
                          struct span_set *out);

#endif
