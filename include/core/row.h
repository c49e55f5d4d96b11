/* Rows of a project as plain values: what the store hands out and the layers above read.
 * Strings in a row belong to the row; row_*_finish() frees them, and a list's finish frees
 * every row and the array. */
#ifndef MARGIN_CORE_ROW_H
#define MARGIN_CORE_ROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum source_kind {
    SOURCE_INTERVIEW,
    SOURCE_OBSERVATION,
    SOURCE_DOCUMENT,
};

/* "interview", "observation", "document". */
const char *row_kind_name(enum source_kind kind);

/* Reads a kind name; returns false for anything else. */
bool row_kind_parse(const char *name, enum source_kind *kind);

/* How a consensus coder settled a disagreement between two coders about one code in one stretch
 * of a source (store/decisions.h keeps the decisions). */
enum decision_choice {
    DECISION_FIRST,  /* the first coder's spans */
    DECISION_SECOND, /* the second coder's */
    DECISION_UNION,
    DECISION_INTERSECTION,
    DECISION_NEITHER, /* no coding */
    DECISION_EDITED,  /* a span chosen by hand */
};

struct coder_row {
    int64_t id;
    char *name;
};

struct case_row {
    int64_t id;
    char *name;
};

enum attribute_type {
    ATTRIBUTE_TEXT,
    ATTRIBUTE_INTEGER,
    ATTRIBUTE_REAL,
    ATTRIBUTE_DATE,
    ATTRIBUTE_BOOLEAN,
};

/* "text", "integer", "real", "date", "boolean". */
const char *row_attribute_type_name(enum attribute_type type);
bool row_attribute_type_parse(const char *name, enum attribute_type *type);

/* True when `value` can be a value of the type: integer ("-12"), real ("3.5", "1e3"),
 * date ("2019-11-14", a real calendar date), boolean ("true", "false", "yes", "no", any case)
 * or text (anything). The empty string fits every type (a missing value). */
bool row_attribute_fits(enum attribute_type type, const char *value);

struct attribute_row {
    int64_t id;
    char *name;
    enum attribute_type type;
};

/* A case's value for an attribute. */
struct case_value_row {
    int64_t case_id;
    int64_t attribute_id;
    char *value;
};

struct source_row {
    int64_t id;
    char *name;
    enum source_kind kind;
    int64_t case_id; /* 0 when the source belongs to no case */
    int64_t length;  /* in code points */
    char sha256[65];
};

/* A speaker turn: the label occupies [start, body), what was said [body, end). */
struct turn_row {
    int64_t start;
    int64_t body;
    int64_t end;
    char *speaker;
};

struct coding_row {
    int64_t id;
    int64_t source_id;
    int64_t code_id;
    int64_t coder_id;
    int64_t start;
    int64_t end;
    char *memo;    /* NULL when there is none */
    bool detached; /* its text was deleted: [start, end) is empty, where the text was */
};

/* How much a code is used: by one coder, or by all together when coder_id is 0. */
struct code_usage_row {
    int64_t code_id;
    int64_t coder_id;
    int64_t sources;    /* sources with at least one coding at the code */
    int64_t references; /* codings at the code */
};

/* How many attached codings a coder made of a code in a source. */
struct coding_tally_row {
    int64_t source_id;
    int64_t code_id;
    int64_t coder_id;
    int64_t count;
};

/* A coding as a comparison reads it: whose, which code, where. */
struct coding_span_row {
    int64_t code_id;
    int64_t coder_id;
    int64_t start;
    int64_t end;
};

struct coder_list {
    struct coder_row *items;
    size_t count, cap;
};
struct case_list {
    struct case_row *items;
    size_t count, cap;
};
struct attribute_list {
    struct attribute_row *items;
    size_t count, cap;
};
struct case_value_list {
    struct case_value_row *items;
    size_t count, cap;
};
struct source_list {
    struct source_row *items;
    size_t count, cap;
};
struct turn_list {
    struct turn_row *items;
    size_t count, cap;
};
struct coding_list {
    struct coding_row *items;
    size_t count, cap;
};

struct code_usage_list {
    struct code_usage_row *items;
    size_t count, cap;
};
struct coding_tally_list {
    struct coding_tally_row *items;
    size_t count, cap;
};

void row_coder_list_finish(struct coder_list *list);
void row_case_list_finish(struct case_list *list);
void row_attribute_list_finish(struct attribute_list *list);
void row_case_value_list_finish(struct case_value_list *list);
void row_source_list_finish(struct source_list *list);
void row_turn_list_finish(struct turn_list *list);
void row_coding_list_finish(struct coding_list *list);
void row_code_usage_list_finish(struct code_usage_list *list);
void row_coding_tally_list_finish(struct coding_tally_list *list);

#endif
