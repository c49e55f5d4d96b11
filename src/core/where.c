#include "core/where.h"

#include "core/lex.h"
#include "core/strbuf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum node_kind { NODE_AND, NODE_OR, NODE_NOT, NODE_COMPARE, NODE_IN };

enum compare_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };

struct node {
    enum node_kind kind;
    struct node *left, *right; /* NOT uses left */
    char *name;                /* COMPARE and IN: the attribute */
    size_t name_column;
    enum attribute_type type;
    enum compare_op op;
    char **values; /* COMPARE: one; IN: the list */
    size_t *value_columns;
    size_t nvalues;
};

struct where {
    struct node *root;
};

static void node_free(struct node *node)
{
    if (!node)
        return;
    node_free(node->left);
    node_free(node->right);
    free(node->name);
    for (size_t i = 0; i < node->nvalues; i++)
        free(node->values[i]);
    free(node->values);
    free(node->value_columns);
    free(node);
}

static struct node *new_node(struct lex_parser *p, enum node_kind kind)
{
    if (++p->nodes > WHERE_NODES_MAX) {
        error_user(p->err, "column %zu: the filter has more than %d parts", p->token.column,
                   WHERE_NODES_MAX);
        return NULL;
    }
    struct node *node = calloc(1, sizeof *node);
    if (!node)
        error_internal(p->err, "out of memory reading a filter");
    else
        node->kind = kind;
    return node;
}

static bool is_keyword(const struct lex_token *t)
{
    return lex_is(t, "and") || lex_is(t, "or") || lex_is(t, "not") || lex_is(t, "in");
}

/* Reads one VALUE into node->values[node->nvalues]. */
static bool read_value(struct lex_parser *p, struct node *node, const char *after)
{
    char **values = realloc(node->values, (node->nvalues + 1) * sizeof *values);
    if (values)
        node->values = values;
    size_t *columns = realloc(node->value_columns, (node->nvalues + 1) * sizeof *columns);
    if (columns)
        node->value_columns = columns;
    if (!values || !columns)
        return error_internal(p->err, "out of memory reading a filter");
    struct strbuf value = STRBUF_INIT;
    size_t column = p->token.column;
    bool ok = true;
    if (p->token.kind == LEX_STRING) {
        ok = strbuf_append(&value, p->token.text, p->token.len) && lex_parser_next(p);
    } else if (p->token.kind == LEX_WORD && !lex_is(&p->token, "and") && !lex_is(&p->token, "or")) {
        while (ok && p->token.kind == LEX_WORD && !lex_is(&p->token, "and") &&
               !lex_is(&p->token, "or")) {
            ok = (value.len == 0 || strbuf_putc(&value, ' ')) &&
                 strbuf_append(&value, p->token.text, p->token.len) && lex_parser_next(p);
        }
    } else {
        char what[64];
        snprintf(what, sizeof what, "a value after %s", after);
        strbuf_finish(&value);
        return lex_parser_expected(p, what);
    }
    if (ok && !value.data)
        ok = strbuf_puts(&value, "");
    if (!ok) {
        strbuf_finish(&value);
        if (p->err->kind == ERROR_NONE)
            error_internal(p->err, "out of memory reading a filter");
        return false;
    }
    node->values[node->nvalues] = strbuf_detach(&value);
    node->value_columns[node->nvalues] = column;
    node->nvalues++;
    return true;
}

static struct node *parse_or(struct lex_parser *p);

static struct node *parse_comparison(struct lex_parser *p)
{
    if ((p->token.kind != LEX_WORD && p->token.kind != LEX_STRING) ||
        (p->token.kind == LEX_WORD && is_keyword(&p->token))) {
        lex_parser_expected(p, "the name of a case attribute");
        return NULL;
    }
    struct node *node = new_node(p, NODE_COMPARE);
    if (!node)
        return NULL;
    node->name = strndup(p->token.text, p->token.len);
    node->name_column = p->token.column;
    if (!node->name) {
        error_internal(p->err, "out of memory reading a filter");
        goto fail;
    }
    if (!lex_parser_next(p))
        goto fail;
    char after[80];
    snprintf(after, sizeof after, "'%.*s'", (int)p->token.len, p->token.text);
    if (lex_is(&p->token, "in")) {
        node->kind = NODE_IN;
        if (!lex_parser_next(p))
            goto fail;
        if (p->token.kind != LEX_LPAREN) {
            lex_parser_expected(p, "'(' after 'in'");
            goto fail;
        }
        size_t open = p->token.column;
        do {
            if (!lex_parser_next(p) || !read_value(p, node, node->nvalues ? "','" : "'('"))
                goto fail;
        } while (p->token.kind == LEX_COMMA);
        if (p->token.kind != LEX_RPAREN) {
            char what[64];
            snprintf(what, sizeof what, "',' or ')' to close the '(' at column %zu", open);
            lex_parser_expected(p, what);
            goto fail;
        }
        if (!lex_parser_next(p))
            goto fail;
        return node;
    }
    if (p->token.kind != LEX_OP) {
        char what[128];
        snprintf(what, sizeof what, "=, !=, <, <=, >, >= or 'in' after '%s'", node->name);
        lex_parser_expected(p, what);
        goto fail;
    }
    static const char *const ops[] = {"=", "!=", "<", "<=", ">", ">="};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        if (strlen(ops[i]) == p->token.len && strncmp(ops[i], p->token.text, p->token.len) == 0)
            node->op = (enum compare_op)i;
    }
    if (!lex_parser_next(p) || !read_value(p, node, after))
        goto fail;
    return node;
fail:
    node_free(node);
    return NULL;
}

static struct node *parse_factor(struct lex_parser *p)
{
    if (++p->depth > WHERE_DEPTH_MAX) {
        error_user(p->err, "column %zu: the filter nests more than %d deep", p->token.column,
                   WHERE_DEPTH_MAX);
        return NULL;
    }
    struct node *node = NULL;
    if (lex_is(&p->token, "not")) {
        node = new_node(p, NODE_NOT);
        if (node && (!lex_parser_next(p) || !(node->left = parse_factor(p)))) {
            node_free(node);
            node = NULL;
        }
    } else if (p->token.kind == LEX_LPAREN) {
        size_t open = p->token.column;
        if (!lex_parser_next(p) || !(node = parse_or(p)))
            return NULL;
        if (p->token.kind != LEX_RPAREN) {
            char what[64];
            snprintf(what, sizeof what, "')' to close the '(' at column %zu", open);
            lex_parser_expected(p, what);
            node_free(node);
            return NULL;
        }
        if (!lex_parser_next(p)) {
            node_free(node);
            return NULL;
        }
    } else {
        node = parse_comparison(p);
    }
    p->depth--;
    return node;
}

static struct node *parse_binary(struct lex_parser *p, const char *word, enum node_kind kind,
                                 struct node *(*operand)(struct lex_parser *))
{
    struct node *left = operand(p);
    while (left && lex_is(&p->token, word)) {
        struct node *node = new_node(p, kind);
        if (!node || !lex_parser_next(p) || !(node->right = operand(p))) {
            node_free(node);
            node_free(left);
            return NULL;
        }
        node->left = left;
        left = node;
    }
    return left;
}

static struct node *parse_and(struct lex_parser *p)
{
    return parse_binary(p, "and", NODE_AND, parse_factor);
}

static struct node *parse_or(struct lex_parser *p)
{
    return parse_binary(p, "or", NODE_OR, parse_and);
}

struct where *where_parse(const char *text, struct error *err)
{
    struct lex_parser p;
    if (!lex_parser_start(&p, text, "filter", err))
        return NULL;
    struct node *root = parse_or(&p);
    if (root && p.token.kind != LEX_END) {
        lex_parser_expected(&p, "'and', 'or' or the end");
        node_free(root);
        return NULL;
    }
    if (!root)
        return NULL;
    struct where *where = malloc(sizeof *where);
    if (!where) {
        node_free(root);
        error_internal(err, "out of memory reading a filter");
        return NULL;
    }
    where->root = root;
    return where;
}

void where_destroy(struct where *where)
{
    if (!where)
        return;
    node_free(where->root);
    free(where);
}

static const char *type_plural(enum attribute_type type)
{
    switch (type) {
    case ATTRIBUTE_INTEGER:
        return "whole numbers";
    case ATTRIBUTE_REAL:
        return "numbers";
    case ATTRIBUTE_DATE:
        return "dates (YYYY-MM-DD)";
    case ATTRIBUTE_BOOLEAN:
        return "true or false";
    case ATTRIBUTE_TEXT:
        break;
    }
    return "text";
}

static bool check_node(struct node *node,
                       bool (*type_of)(void *context, const char *name, enum attribute_type *type),
                       void *context, struct error *err)
{
    if (node->kind == NODE_AND || node->kind == NODE_OR)
        return check_node(node->left, type_of, context, err) &&
               check_node(node->right, type_of, context, err);
    if (node->kind == NODE_NOT)
        return check_node(node->left, type_of, context, err);
    if (!type_of(context, node->name, &node->type))
        return error_user(err, "column %zu: there is no case attribute '%s'", node->name_column,
                          node->name);
    if (node->kind == NODE_COMPARE && node->type == ATTRIBUTE_BOOLEAN && node->op != OP_EQ &&
        node->op != OP_NE)
        return error_user(err, "column %zu: '%s' is true or false, so compare it with = or !=",
                          node->name_column, node->name);
    for (size_t i = 0; i < node->nvalues; i++) {
        if (!*node->values[i] || !row_attribute_fits(node->type, node->values[i]))
            return error_user(err, "column %zu: '%s' holds %s, and '%s' is not one",
                              node->value_columns[i], node->name, type_plural(node->type),
                              node->values[i]);
    }
    return true;
}

bool where_check(struct where *where,
                 bool (*type_of)(void *context, const char *name, enum attribute_type *type),
                 void *context, struct error *err)
{
    return check_node(where->root, type_of, context, err);
}

static int truth(const char *s)
{
    char c = s[0];
    return c == 't' || c == 'T' || c == 'y' || c == 'Y';
}

static int fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* <0, 0 or >0 as the case's value is below, equal to or above the literal. */
static int compare_values(enum attribute_type type, const char *value, const char *literal)
{
    switch (type) {
    case ATTRIBUTE_INTEGER:
    case ATTRIBUTE_REAL: {
        double a = strtod(value, NULL), b = strtod(literal, NULL);
        return (a > b) - (a < b);
    }
    case ATTRIBUTE_DATE:
        return strcmp(value, literal);
    case ATTRIBUTE_BOOLEAN:
        return truth(value) - truth(literal);
    case ATTRIBUTE_TEXT:
        break;
    }
    const unsigned char *a = (const unsigned char *)value, *b = (const unsigned char *)literal;
    while (*a && fold(*a) == fold(*b)) {
        a++;
        b++;
    }
    return fold(*a) - fold(*b);
}

static bool match_node(const struct node *node,
                       const char *(*value_of)(void *context, const char *name), void *context)
{
    switch (node->kind) {
    case NODE_AND:
        return match_node(node->left, value_of, context) &&
               match_node(node->right, value_of, context);
    case NODE_OR:
        return match_node(node->left, value_of, context) ||
               match_node(node->right, value_of, context);
    case NODE_NOT:
        return !match_node(node->left, value_of, context);
    case NODE_COMPARE:
    case NODE_IN:
        break;
    }
    const char *value = value_of(context, node->name);
    if (!value || !*value)
        return false;
    if (node->kind == NODE_IN) {
        for (size_t i = 0; i < node->nvalues; i++) {
            if (compare_values(node->type, value, node->values[i]) == 0)
                return true;
        }
        return false;
    }
    int c = compare_values(node->type, value, node->values[0]);
    switch (node->op) {
    case OP_EQ:
        return c == 0;
    case OP_NE:
        return c != 0;
    case OP_LT:
        return c < 0;
    case OP_LE:
        return c <= 0;
    case OP_GT:
        return c > 0;
    case OP_GE:
        return c >= 0;
    }
    return false;
}

bool where_match(const struct where *where,
                 const char *(*value_of)(void *context, const char *name), void *context)
{
    return match_node(where->root, value_of, context);
}
