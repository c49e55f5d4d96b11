/* Queries: parsing, errors with their column, and the set operations behind them. */
#include "check.h"
#include "core/query.h"
#include "core/strbuf.h"

#include <stdlib.h>
#include <string.h>

/* Writes a parsed query back in a fully bracketed form, to check its shape. */
static void show(const struct query_node *n, struct strbuf *out)
{
    switch (n->kind) {
    case QUERY_CODE:
        strbuf_printf(out, "%s%s", n->code, n->subcodes ? "*" : "");
        return;
    case QUERY_TEXT:
        strbuf_printf(out, "text<%s>", n->phrase);
        return;
    case QUERY_ANY:
        strbuf_puts(out, "any[");
        for (size_t i = 0; i < n->nchildren; i++) {
            if (i)
                strbuf_puts(out, "|");
            show(n->children[i], out);
        }
        strbuf_puts(out, "]");
        return;
    case QUERY_AND:
    case QUERY_NOT:
    case QUERY_NEAR:
        break;
    }
    strbuf_puts(out, "{");
    show(n->children[0], out);
    if (n->kind == QUERY_NEAR)
        strbuf_printf(out, " near%lld%s ", (long long)n->distance, n->turns ? "t" : "");
    else
        strbuf_puts(out, n->kind == QUERY_AND ? " & " : " - ");
    show(n->children[1], out);
    strbuf_puts(out, "}");
}

static void shape_is(const char *text, const char *want)
{
    struct error err = {0};
    struct query_node *q = query_parse(text, &err);
    struct strbuf out = STRBUF_INIT;
    if (q)
        show(q, &out);
    else
        strbuf_printf(&out, "error: %s", err.message);
    CHECK_STR(strbuf_str(&out), want);
    strbuf_finish(&out);
    query_destroy(q);
}

static void parses_the_grammar(void)
{
    shape_is("07.01.02", "07.01.02");
    shape_is("07.01* and 05", "{07.01* & 05}");
    shape_is("07 AND NOT 05 and 06", "{{07 - 05} & 06}");
    shape_is("07 not 05", "{07 - 05}");
    shape_is("07 and (05 not 06)", "{07 & {05 - 06}}");
    shape_is("07.02 near(200) 05", "{07.02 near200 05}");
    shape_is("07.02 near( 2 turns ) 05", "{07.02 near2t 05}");
    shape_is("any(05, 06*, 07 and 08)", "any[05|06*|{07 & 08}]");
    shape_is("text(\"clinical director\") and 10.01", "{text<clinical director> & 10.01}");
    shape_is("text('say \"no\"')", "text<say \"no\">");
}

static void errors_name_the_column(void)
{
    shape_is("", "error: column 1: the query is empty");
    shape_is("07 and", "error: column 7: expected a code number, any(...), text(\"...\") or '(', "
                       "found the end");
    shape_is("07 or 05", "error: column 4: expected 'and', 'not', 'near(...)' or the end, found "
                         "'or'");
    shape_is("07 near 05", "error: column 9: expected '(' after 'near', found '05'");
    shape_is("07 near(ten) 05",
             "error: column 9: expected a whole number of characters or turns, found 'ten'");
    shape_is("07 near(10 lines) 05", "error: column 12: expected ')' after the distance, found "
                                     "'lines'");
    shape_is("any(05, 06", "error: column 11: expected ',' or ')' to close the '(' at column 4, "
                           "found the end");
    shape_is("(07 and 05", "error: column 11: expected ')' to close the '(' at column 1, found the "
                           "end");
    shape_is("text(director)", "error: column 6: expected a phrase in quotes, found 'director'");
    shape_is("text(\"director)", "error: column 6: this string has no closing \"");
    shape_is("07..01", "error: column 1: expected a code number, any(...), text(\"...\") or '(', "
                       "found '07..01'");
    shape_is("07 & 05", "error: column 4: '&' has no place here");
}

static void limits_hold(void)
{
    struct strbuf deep = STRBUF_INIT;
    for (int i = 0; i <= QUERY_DEPTH_MAX; i++)
        strbuf_puts(&deep, "(");
    strbuf_puts(&deep, "07");
    struct error err = {0};
    CHECK(query_parse(strbuf_str(&deep), &err) == NULL);
    CHECK(strstr(err.message, "nests more than") != NULL);
    strbuf_reset(&deep);
    strbuf_puts(&deep, "07");
    for (int i = 0; i <= QUERY_NODES_MAX; i++)
        strbuf_puts(&deep, " and 07");
    CHECK(query_parse(strbuf_str(&deep), &err) == NULL);
    CHECK(strstr(err.message, "more than 1000 parts") != NULL);
    strbuf_finish(&deep);
}

static struct span_set set_of(const struct span *v, size_t n)
{
    struct span_set s = {0};
    for (size_t i = 0; i < n; i++)
        query_set_add(&s, v[i]);
    query_set_normalise(&s);
    return s;
}

static void set_is(struct span_set *got, const char *want)
{
    struct strbuf out = STRBUF_INIT;
    for (size_t i = 0; i < got->count; i++)
        strbuf_printf(&out, "%s%lld-%lld", i ? " " : "", (long long)got->items[i].start,
                      (long long)got->items[i].end);
    CHECK_STR(out.data ? out.data : "", want);
    strbuf_finish(&out);
    query_set_finish(got);
}

static long turn_of(void *context, int64_t offset)
{
    (void)context;
    return offset < 0 ? -1 : (long)(offset / 100); /* a turn every 100 characters */
}

static void set_operations(void)
{
    struct span av[] = {{0, 10}, {20, 40}, {35, 50}, {100, 110}, {300, 310}};
    struct span bv[] = {{5, 25}, {60, 70}, {200, 210}};
    struct span_set a = set_of(av, 5), b = set_of(bv, 3), out = {0};
    CHECK_INT(a.count, 4); /* 20-40 and 35-50 merged */
    CHECK(query_set_and(&a, &b, &out));
    set_is(&out, "5-10 20-25");
    CHECK(query_set_not(&a, &b, &out));
    set_is(&out, "100-110 300-310");
    CHECK(query_set_near(&a, &b, 10, &out));
    set_is(&out, "0-10 20-50");
    CHECK(query_set_near(&a, &b, 30, &out)); /* 100 is 30 after 70: within */
    set_is(&out, "0-10 20-50 100-110");
    CHECK(query_set_near(&a, &b, 29, &out));
    set_is(&out, "0-10 20-50");
    CHECK(query_set_near_turns(&a, &b, 0, turn_of, NULL, &out));
    set_is(&out, "0-10 20-50");
    CHECK(query_set_near_turns(&a, &b, 1, turn_of, NULL, &out));
    set_is(&out, "0-10 20-50 100-110 300-310");
    struct span_set none = {0};
    CHECK(query_set_and(&a, &none, &out));
    set_is(&out, "");
    CHECK(query_set_not(&a, &none, &out));
    set_is(&out, "0-10 20-50 100-110 300-310");
    query_set_finish(&a);
    query_set_finish(&b);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"parses the grammar", parses_the_grammar},
        {"errors name the column", errors_name_the_column},
        {"limits hold", limits_hold},
        {"set operations", set_operations},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
