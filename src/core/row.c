#include "core/row.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const kind_names[] = {"interview", "observation", "document"};
static const char *const type_names[] = {"text", "integer", "real", "date", "boolean"};

const char *row_kind_name(enum source_kind kind)
{
    return kind_names[kind];
}

bool row_kind_parse(const char *name, enum source_kind *kind)
{
    for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++) {
        if (strcmp(name, kind_names[i]) == 0) {
            *kind = (enum source_kind)i;
            return true;
        }
    }
    return false;
}

const char *row_attribute_type_name(enum attribute_type type)
{
    return type_names[type];
}

bool row_attribute_type_parse(const char *name, enum attribute_type *type)
{
    for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++) {
        if (strcmp(name, type_names[i]) == 0) {
            *type = (enum attribute_type)i;
            return true;
        }
    }
    return false;
}

static bool is_integer(const char *s)
{
    if (*s == '-' || *s == '+')
        s++;
    size_t digits = strspn(s, "0123456789");
    return digits > 0 && digits <= 18 && s[digits] == '\0';
}

static bool is_real(const char *s)
{
    char *end;
    if (isspace((unsigned char)*s))
        return false;
    double v = strtod(s, &end);
    return end != s && *end == '\0' && isfinite(v);
}

static bool is_date(const char *s)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++) {
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return false;
    }
    int year = atoi(s);
    int month = atoi(s + 5);
    int day = atoi(s + 8);
    if (month < 1 || month > 12 || day < 1 || day > days[month - 1])
        return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && day == 29 && !leap);
}

static bool is_boolean(const char *s)
{
    return strcasecmp(s, "true") == 0 || strcasecmp(s, "false") == 0 || strcasecmp(s, "yes") == 0 ||
           strcasecmp(s, "no") == 0;
}

bool row_attribute_fits(enum attribute_type type, const char *value)
{
    if (*value == '\0')
        return true;
    switch (type) {
    case ATTRIBUTE_INTEGER:
        return is_integer(value);
    case ATTRIBUTE_REAL:
        return is_real(value);
    case ATTRIBUTE_DATE:
        return is_date(value);
    case ATTRIBUTE_BOOLEAN:
        return is_boolean(value);
    case ATTRIBUTE_TEXT:
        break;
    }
    return true;
}

#define FINISH_LIST(list, free_row)                                                                \
    do {                                                                                           \
        for (size_t i = 0; i < (list)->count; i++)                                                 \
            free_row(&(list)->items[i]);                                                           \
        free((list)->items);                                                                       \
        (list)->items = NULL;                                                                      \
        (list)->count = 0;                                                                         \
        (list)->cap = 0;                                                                           \
    } while (0)

static void free_coder(struct coder_row *row)
{
    free(row->name);
}
static void free_case(struct case_row *row)
{
    free(row->name);
}
static void free_attribute(struct attribute_row *row)
{
    free(row->name);
}
static void free_case_value(struct case_value_row *row)
{
    free(row->value);
}
static void free_source(struct source_row *row)
{
    free(row->name);
}
static void free_turn(struct turn_row *row)
{
    free(row->speaker);
}
static void free_coding(struct coding_row *row)
{
    free(row->memo);
}

void row_coder_list_finish(struct coder_list *list)
{
    FINISH_LIST(list, free_coder);
}
void row_case_list_finish(struct case_list *list)
{
    FINISH_LIST(list, free_case);
}
void row_attribute_list_finish(struct attribute_list *list)
{
    FINISH_LIST(list, free_attribute);
}
void row_case_value_list_finish(struct case_value_list *list)
{
    FINISH_LIST(list, free_case_value);
}
void row_source_list_finish(struct source_list *list)
{
    FINISH_LIST(list, free_source);
}
void row_turn_list_finish(struct turn_list *list)
{
    FINISH_LIST(list, free_turn);
}
void row_coding_list_finish(struct coding_list *list)
{
    FINISH_LIST(list, free_coding);
}

void row_code_usage_list_finish(struct code_usage_list *list)
{
    free(list->items);
    list->items = NULL;
    list->count = 0;
    list->cap = 0;
}

void row_coding_tally_list_finish(struct coding_tally_list *list)
{
    free(list->items);
    list->items = NULL;
    list->count = 0;
    list->cap = 0;
}
