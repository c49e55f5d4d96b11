/* Names of coders: one rule wherever a coder is named (the screen's --coder, margin code, a
 * codings file, a merge), and lists of names that may hold commas.
 *
 * A coder's name is 1 to CODER_NAME_MAX characters of UTF-8 text, with no control characters or
 * bidirectional overrides and no space at either end: what people read as the same name is the
 * same name. */
#ifndef MARGIN_CORE_NAMES_H
#define MARGIN_CORE_NAMES_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>

/* The longest coder's name, in characters (code points). */
#define CODER_NAME_MAX 64

/* Checks a new coder's name against the rule above. Fails with a message that quotes the name
 * (control characters made visible) and says what is wrong. */
bool names_check_coder(const char *name, struct error *err);

/* A list of names read from one argument. */
struct name_list {
    char **items;
    size_t count, cap;
};

/* Splits "A,B,C" into names. A name that holds a comma or a double quote is written in double
 * quotes, a quote inside doubled, as in CSV: "\"Smith, J\",B" is Smith, J and B. Fails with a
 * message (an empty name, a quote left open) naming where; on failure out is left empty. */
bool names_split(const char *list, struct name_list *out, struct error *err);

/* Appends `name` to out as names_split() reads it back: as it is, or in double quotes when it
 * holds a comma or a quote. Returns false when memory runs out. */
struct strbuf;
bool names_quote(struct strbuf *out, const char *name);

/* Frees the names. */
void names_finish(struct name_list *list);

#endif
