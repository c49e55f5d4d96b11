/* Citation label templates: literal text with fields in braces, as in
 * "(Int{source.number}, {case.staff_group}, site {case.site})". "{{" and "}}" stand for a brace.
 * This module only splits a template into its parts, each field with the column where it
 * starts; which fields exist and what they hold is the caller's (model/quotes.h). */
#ifndef MARGIN_CORE_CITATION_H
#define MARGIN_CORE_CITATION_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>

struct citation_part {
    bool field;    /* a field (text is its name, without braces and spaces) or literal text */
    char *text;    /* owned */
    size_t column; /* 1-based, in characters (code points): where the part starts, its "{" */
};

struct citation {
    struct citation_part *items;
    size_t count, cap;
};

/* Splits `template` into parts (out is empty on entry; the caller finishes it, also on
 * failure). A "{" without its "}", an empty field, a "{" inside a field or a "}" that closes
 * nothing fails with "column N: ..." naming the place. */
bool citation_parse(const char *template, struct citation *out, struct error *err);

/* Frees the parts. */
void citation_finish(struct citation *citation);

/* The digits that number a source: the last run of ASCII digits in `name`, without its leading
 * zeros ("int07" gives "7", "site2_int12b" "12", "int00" "0"); "" when the name has none. Writes
 * into out (size bytes). */
void citation_number(const char *name, char *out, size_t size);

#endif
