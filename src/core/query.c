#include "core/query.h"

#include "core/lex.h"
#include "core/list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void query_destroy(struct query_node *node)
{
    if (!node)
        return;
    for (size_t i = 0; i < node->nchildren; i++)
        query_destroy(node->children[i]);
    free(node->children);
    free(node->code);
    free(node->phrase);
    free(node);
}

static struct query_node *new_node(struct lex_parser *p, enum query_kind kind, size_t column)
{
    if (++p->nodes > QUERY_NODES_MAX) {
        error_user(p->err, "column %zu: the query has more than %d parts", column, QUERY_NODES_MAX);
        return NULL;
    }
    struct query_node *node = calloc(1, sizeof *node);
    if (!node) {
        error_internal(p->err, "out of memory reading a query");
        return NULL;
    }
    node->kind = kind;
    node->column = column;
    return node;
}

static bool add_child(struct lex_parser *p, struct query_node *node, struct query_node *child)
{
    struct query_node **children =
        realloc(node->children, (node->nchildren + 1) * sizeof *children);
    if (!children) {
        query_destroy(child);
        return error_internal(p->err, "out of memory reading a query");
    }
    node->children = children;
    node->children[node->nchildren++] = child;
    return true;
}

/* Whether a word is a code number: digits and dots, starting and ending with a digit, and an
 * optional "*" at the end. */
static bool is_code_word(const char *s, size_t n)
{
    if (n && s[n - 1] == '*')
        n--;
    if (!n || s[0] < '0' || s[0] > '9' || s[n - 1] < '0' || s[n - 1] > '9')
        return false;
    for (size_t i = 0; i < n; i++) {
        if ((s[i] < '0' || s[i] > '9') && !(s[i] == '.' && s[i + 1] != '.'))
            return false;
    }
    return true;
}

static struct query_node *parse_query(struct lex_parser *p);

/* Expects `kind` (a parenthesis, a comma) and moves past it. */
static bool expect(struct lex_parser *p, enum lex_kind kind, const char *what)
{
    if (p->token.kind != kind)
        return lex_parser_expected(p, what);
    return lex_parser_next(p);
}

static struct query_node *parse_text(struct lex_parser *p, size_t column)
{
    if (!lex_parser_next(p) || !expect(p, LEX_LPAREN, "'(' after 'text'"))
        return NULL;
    if (p->token.kind != LEX_STRING || p->token.len == 0) {
        lex_parser_expected(p, "a phrase in quotes");
        return NULL;
    }
    struct query_node *node = new_node(p, QUERY_TEXT, column);
    if (!node)
        return NULL;
    if (!(node->phrase = strndup(p->token.text, p->token.len))) {
        error_internal(p->err, "out of memory reading a query");
        goto fail;
    }
    if (!lex_parser_next(p) || !expect(p, LEX_RPAREN, "')' after the phrase"))
        goto fail;
    return node;
fail:
    query_destroy(node);
    return NULL;
}

static struct query_node *parse_any(struct lex_parser *p, size_t column)
{
    if (!lex_parser_next(p))
        return NULL;
    size_t open = p->token.column;
    if (!expect(p, LEX_LPAREN, "'(' after 'any'"))
        return NULL;
    struct query_node *node = new_node(p, QUERY_ANY, column);
    if (!node)
        return NULL;
    for (;;) {
        struct query_node *child = parse_query(p);
        if (!child || !add_child(p, node, child))
            goto fail;
        if (p->token.kind != LEX_COMMA)
            break;
        if (!lex_parser_next(p))
            goto fail;
    }
    if (p->token.kind != LEX_RPAREN) {
        char what[64];
        snprintf(what, sizeof what, "',' or ')' to close the '(' at column %zu", open);
        lex_parser_expected(p, what);
        goto fail;
    }
    if (!lex_parser_next(p))
        goto fail;
    return node;
fail:
    query_destroy(node);
    return NULL;
}

static struct query_node *parse_operand(struct lex_parser *p)
{
    size_t column = p->token.column;
    if (++p->depth > QUERY_DEPTH_MAX) {
        error_user(p->err, "column %zu: the query nests more than %d deep", column,
                   QUERY_DEPTH_MAX);
        return NULL;
    }
    struct query_node *node = NULL;
    if (p->token.kind == LEX_LPAREN) {
        if (!lex_parser_next(p) || !(node = parse_query(p)))
            return NULL;
        if (p->token.kind != LEX_RPAREN) {
            char what[64];
            snprintf(what, sizeof what, "')' to close the '(' at column %zu", column);
            lex_parser_expected(p, what);
            query_destroy(node);
            return NULL;
        }
        if (!lex_parser_next(p)) {
            query_destroy(node);
            return NULL;
        }
    } else if (lex_is(&p->token, "any")) {
        node = parse_any(p, column);
    } else if (lex_is(&p->token, "text")) {
        node = parse_text(p, column);
    } else if (p->token.kind == LEX_WORD && is_code_word(p->token.text, p->token.len)) {
        bool star = p->token.text[p->token.len - 1] == '*';
        node = new_node(p, QUERY_CODE, column);
        if (node && !(node->code = strndup(p->token.text, p->token.len - star))) {
            error_internal(p->err, "out of memory reading a query");
            query_destroy(node);
            return NULL;
        }
        if (node) {
            node->subcodes = star;
            node->target = -1;
        }
        if (node && !lex_parser_next(p)) {
            query_destroy(node);
            return NULL;
        }
    } else {
        lex_parser_expected(p, "a code number, any(...), text(\"...\") or '('");
        return NULL;
    }
    p->depth--;
    return node;
}

/* Reads "near(N)" or "near(N turns)" into node, the token being "near". */
static bool parse_near(struct lex_parser *p, struct query_node *node)
{
    if (!lex_parser_next(p) || !expect(p, LEX_LPAREN, "'(' after 'near'"))
        return false;
    long n = -1;
    if (p->token.kind == LEX_WORD && p->token.len <= 9 &&
        strspn(p->token.text, "0123456789") >= p->token.len)
        n = strtol(p->token.text, NULL, 10);
    if (n < 0)
        return lex_parser_expected(p, "a whole number of characters or turns");
    node->distance = n;
    if (!lex_parser_next(p))
        return false;
    if (lex_is(&p->token, "turns") || lex_is(&p->token, "turn")) {
        node->turns = true;
        if (!lex_parser_next(p))
            return false;
    } else if (lex_is(&p->token, "characters") || lex_is(&p->token, "chars")) {
        if (!lex_parser_next(p))
            return false;
    }
    return expect(p, LEX_RPAREN, "')' after the distance");
}

static struct query_node *parse_query(struct lex_parser *p)
{
    struct query_node *left = parse_operand(p);
    while (left) {
        size_t column = p->token.column;
        enum query_kind kind;
        if (lex_is(&p->token, "and"))
            kind = QUERY_AND;
        else if (lex_is(&p->token, "not"))
            kind = QUERY_NOT;
        else if (lex_is(&p->token, "near"))
            kind = QUERY_NEAR;
        else
            break;
        struct query_node *node = new_node(p, kind, column);
        bool ok = node && add_child(p, node, left);
        left = NULL;
        if (ok && kind == QUERY_NEAR)
            ok = parse_near(p, node);
        else if (ok)
            ok = lex_parser_next(p);
        if (ok && kind == QUERY_AND && lex_is(&p->token, "not")) {
            node->kind = QUERY_NOT;
            ok = lex_parser_next(p);
        }
        struct query_node *right = ok ? parse_operand(p) : NULL;
        if (!right || !add_child(p, node, right)) {
            query_destroy(node);
            return NULL;
        }
        left = node;
    }
    return left;
}

struct query_node *query_parse(const char *text, struct error *err)
{
    struct lex_parser p;
    if (!lex_parser_start(&p, text, "query", err))
        return NULL;
    struct query_node *root = parse_query(&p);
    if (root && p.token.kind != LEX_END) {
        lex_parser_expected(&p, "'and', 'not', 'near(...)' or the end");
        query_destroy(root);
        return NULL;
    }
    return root;
}

void query_set_finish(struct span_set *set)
{
    free(set->items);
    set->items = NULL;
    set->count = set->cap = 0;
}

bool query_set_add(struct span_set *set, struct span span)
{
    return LIST_PUSH(set, span);
}

void query_set_normalise(struct span_set *set)
{
    if (set->count) /* an empty set may have no array, which span_union's qsort may not get */
        set->count = span_union(set->items, set->count);
}

bool query_set_and(const struct span_set *a, const struct span_set *b, struct span_set *out)
{
    size_t i = 0, j = 0;
    while (i < a->count && j < b->count) {
        struct span x = a->items[i], y = b->items[j];
        struct span both = {x.start > y.start ? x.start : y.start, x.end < y.end ? x.end : y.end};
        if (both.start < both.end && !query_set_add(out, both))
            return false;
        if (x.end < y.end)
            i++;
        else
            j++;
    }
    return true;
}

/* Keeps the spans of a for which keep(span, b, ...) holds. */
static bool filter_spans(const struct span_set *a, struct span_set *out,
                         bool (*keep)(struct span s, const void *context), const void *context)
{
    for (size_t i = 0; i < a->count; i++) {
        if (keep(a->items[i], context) && !query_set_add(out, a->items[i]))
            return false;
    }
    return true;
}

struct within {
    const struct span_set *b;
    int64_t distance;
};

/* Whether some span of b lies within w->distance characters of s (0: overlapping). */
static bool near_any(struct span s, const void *context)
{
    const struct within *w = context;
    struct span wide = {s.start - w->distance, s.end + w->distance};
    /* The first span of b that could reach s, by binary search. */
    size_t lo = 0, hi = w->b->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int64_t end = w->b->items[mid].end;
        if (w->distance ? end < wide.start : end <= wide.start)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == w->b->count)
        return false;
    struct span t = w->b->items[lo];
    if (w->distance == 0)
        return span_overlaps(s, t);
    return t.start <= wide.end;
}

static bool apart(struct span s, const void *context)
{
    return !near_any(s, context);
}

bool query_set_not(const struct span_set *a, const struct span_set *b, struct span_set *out)
{
    struct within w = {b, 0};
    return filter_spans(a, out, apart, &w);
}

bool query_set_near(const struct span_set *a, const struct span_set *b, int64_t distance,
                    struct span_set *out)
{
    struct within w = {b, distance};
    return filter_spans(a, out, near_any, &w);
}

bool query_set_near_turns(const struct span_set *a, const struct span_set *b, int64_t distance,
                          long (*turn_of)(void *context, int64_t offset), void *context,
                          struct span_set *out)
{
    for (size_t i = 0; i < a->count; i++) {
        struct span s = a->items[i];
        long first = turn_of(context, s.start), last = turn_of(context, s.end - 1);
        if (first < 0 || last < 0)
            continue;
        bool near = false;
        for (size_t j = 0; j < b->count && !near; j++) {
            struct span t = b->items[j];
            long tf = turn_of(context, t.start), tl = turn_of(context, t.end - 1);
            if (tf < 0 || tl < 0)
                continue;
            long gap = tf > last ? tf - last : first > tl ? first - tl : 0;
            near = gap <= distance;
        }
        if (near && !query_set_add(out, s))
            return false;
    }
    return true;
}
