/* Fuzzes the expression languages: the first byte chooses a case filter (where_parse, then
 * where_check against three typed attributes and where_match on one case) or a query
 * (query_parse); the rest is the expression. A refused expression must say "column N: " with N
 * inside the expression or just past its end. */
#include "core/query.h"
#include "core/where.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {"site", "age", "salaried"};
static const enum attribute_type types[] = {ATTRIBUTE_TEXT, ATTRIBUTE_INTEGER, ATTRIBUTE_BOOLEAN};
static const char *const values[] = {"Site B", "52", "yes"};

static bool type_of(void *context, const char *name, enum attribute_type *type)
{
    for (size_t i = 0; i < 3; i++) {
        if (strcmp(names[i], name) == 0) {
            *type = types[i];
            return true;
        }
    }
    return false;
}

static const char *value_of(void *context, const char *name)
{
    for (size_t i = 0; i < 3; i++) {
        if (strcmp(names[i], name) == 0)
            return values[i];
    }
    return NULL;
}

/* Aborts unless the message names a column from 1 to the expression's characters + 1
 * (counted as the lexer counts them: the first byte, then each byte that is not a UTF-8
 * continuation byte). */
static void check_message(const struct error *err, const char *text)
{
    unsigned long column = 0;
    if (err->kind == ERROR_INTERNAL)
        return; /* out of memory */
    if (sscanf(err->message, "column %lu: ", &column) != 1 || column < 1) {
        fprintf(stderr, "no column in '%s'\n", err->message);
        abort();
    }
    size_t characters = *text != '\0';
    for (const unsigned char *p = (const unsigned char *)text; *p && p[1]; p++)
        characters += (p[1] & 0xC0) != 0x80;
    if (column > characters + 1) {
        fprintf(stderr, "column %lu past the end (%zu characters) in '%s'\n", column, characters,
                err->message);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char *text = malloc(size);
    if (!text)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    if (strlen(text) != size - 1) { /* command-line arguments hold no NUL */
        free(text);
        return 0;
    }
    struct error err = {0};
    if (data[0] & 1) {
        struct where *where = where_parse(text, &err);
        if (!where)
            check_message(&err, text);
        else if (!where_check(where, type_of, NULL, &err))
            check_message(&err, text);
        else
            (void)where_match(where, value_of, NULL);
        where_destroy(where);
    } else {
        struct query_node *query = query_parse(text, &err);
        if (!query)
            check_message(&err, text);
        query_destroy(query);
    }
    free(text);
    return 0;
}
