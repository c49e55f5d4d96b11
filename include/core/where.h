/* Filters on case attributes, as users type them after --where:
 *
 *     site = B
 *     staff_group in (GP, "Practice manager") and not (age >= 40 or salaried = yes)
 *
 * Grammar (keywords in any case):
 *     expr       = term { "or" term }
 *     term       = factor { "and" factor }
 *     factor     = "not" factor | "(" expr ")" | comparison
 *     comparison = NAME OP VALUE | NAME "in" "(" VALUE { "," VALUE } ")"
 *     OP         = "=" | "!=" | "<" | "<=" | ">" | ">="
 * A NAME is a word or a quoted string; a VALUE is a quoted string or words, which run up to
 * "and", "or", a comma, a parenthesis or the end and are joined by single spaces
 * ("site = Site B").
 *
 * How values compare depends on the attribute's type (core/row.h): integers and reals as numbers,
 * dates in calendar order, booleans as true or false (with = and != only), text as text with
 * ASCII letters in any case. A case without a value for the attribute fails every comparison
 * with it (so "not site = A" keeps it).
 *
 * Everything here is pure: no project, no allocation that outlives the filter. */
#ifndef MARGIN_CORE_WHERE_H
#define MARGIN_CORE_WHERE_H

#include "core/error.h"
#include "core/row.h"

#include <stdbool.h>

/* How deeply parentheses and "not" may nest. */
#define WHERE_DEPTH_MAX 64

/* How many comparisons, "and"s, "or"s and "not"s a filter may hold. */
#define WHERE_NODES_MAX 1000

struct where;

/* Parses a filter. Returns NULL with "column N: ..." naming the column (1-based, in characters)
 * where the expression went wrong, or when memory runs out. Every attribute is text until
 * where_check() gives it a type. */
struct where *where_parse(const char *text, struct error *err);

/* Frees a filter; accepts NULL. */
void where_destroy(struct where *where);

/* Finds each attribute the filter names with type_of(context, name, &type), which returns false
 * when there is no such attribute, and checks the values against the types. Fails with
 * "column N: ..." for an unknown attribute, a value its attribute's type cannot hold ("age >=
 * forty") or an order comparison of a boolean. */
bool where_check(struct where *where,
                 bool (*type_of)(void *context, const char *name, enum attribute_type *type),
                 void *context, struct error *err);

/* Whether a case passes the filter, its values looked up by value_of(context, name), which
 * returns NULL or "" when the case has none. */
bool where_match(const struct where *where,
                 const char *(*value_of)(void *context, const char *name), void *context);

#endif
