#include "cli/compare.h"

#include "cli/cli.h"
#include "core/agree.h"
#include "core/ratings.h"
#include "core/width.h"
#include "io/csv.h"
#include "io/file.h"
#include "io/json.h"
#include "io/ratings.h"
#include "model/compare.h"
#include "model/merge.h"
#include "model/project.h"

#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The terminal width tables are laid out for. */
#define TABLE_COLUMNS 80

/* The most coders one comparison takes. */
#define CODERS_MAX 64

/* --- Output helpers ------------------------------------------------------------------------- */

/* Numbers are written with a point, whatever the locale, so that CSV and JSON read back
 * anywhere: LC_NUMERIC is "C" while a command writes. */
struct numeric_locale {
    locale_t c;
    locale_t previous;
};

static void numeric_locale_enter(struct numeric_locale *l)
{
    locale_t base = duplocale(LC_GLOBAL_LOCALE);
    l->c = base ? newlocale(LC_NUMERIC_MASK, "C", base) : (locale_t)0;
    if (base && !l->c)
        freelocale(base);
    l->previous = l->c ? uselocale(l->c) : (locale_t)0;
}

static void numeric_locale_leave(struct numeric_locale *l)
{
    if (!l->c)
        return;
    uselocale(l->previous);
    freelocale(l->c);
}

/* Writes s cut to fit `columns - 1` terminal columns (ending in "…" when cut), then spaces up to
 * `columns`; with `right`, the spaces go first. */
static void put_cell(FILE *out, const char *raw, size_t columns, bool right)
{
    struct strbuf shown = STRBUF_INIT;
    const char *s = cli_visible(&shown, raw) ? strbuf_str(&shown) : raw;
    size_t n = strlen(s);
    size_t width = width_of_text(s, n);
    size_t keep = n;
    bool cut = width + 1 > columns;
    if (cut) {
        keep = width_fit(s, n, columns > 2 ? columns - 2 : 0);
        width = width_of_text(s, keep) + 1;
    }
    if (right) {
        for (size_t i = width; i < columns; i++)
            fputc(' ', out);
    }
    fwrite(s, 1, keep, out);
    if (cut)
        fputs("\xE2\x80\xA6", out);
    if (!right) {
        for (size_t i = width; i < columns; i++)
            fputc(' ', out);
    }
    strbuf_finish(&shown);
}

/* A figure for a table (three decimals) or for CSV (every digit needed to read it back), or
 * "n/a". */
static const char *figure_text(char buf[32], struct agree_figure f, bool exact)
{
    if (f.status != AGREE_DEFINED)
        return "n/a";
    if (exact)
        snprintf(buf, 32, "%.17g", f.value);
    else
        snprintf(buf, 32, "%.3f", f.value);
    return buf;
}

static const char *percent_text(char buf[32], struct agree_figure f)
{
    if (f.status != AGREE_DEFINED)
        return "n/a";
    snprintf(buf, 32, "%.1f%%", 100 * f.value);
    return buf;
}

static const char *int_text(char buf[32], int64_t v)
{
    snprintf(buf, 32, "%" PRId64, v);
    return buf;
}

/* The reasons of the undefined figures a table showed, each to be explained once. */
struct reasons {
    enum agree_status seen[16];
    size_t count;
};

static void note(struct reasons *r, struct agree_figure f)
{
    if (f.status == AGREE_DEFINED)
        return;
    for (size_t i = 0; i < r->count; i++) {
        if (r->seen[i] == f.status)
            return;
    }
    if (r->count < sizeof r->seen / sizeof r->seen[0])
        r->seen[r->count++] = f.status;
}

static void print_reasons(FILE *out, const struct reasons *r)
{
    for (size_t i = 0; i < r->count; i++)
        fprintf(out, "n/a: %s\n", agree_status_text(r->seen[i]));
}

/* A list written as "label: a, b, c", wrapped at the table width with continuation lines
 * indented under the first item. */
struct listing {
    FILE *out;
    size_t indent;
    size_t at;
    size_t count;
};

static void listing_begin(struct listing *l, FILE *out, const char *label)
{
    struct strbuf shown = STRBUF_INIT;
    const char *text = cli_visible(&shown, label) ? strbuf_str(&shown) : label;
    *l = (struct listing){out, width_of_text(text, strlen(text)) + 2, 0, 0};
    l->at = l->indent;
    fprintf(out, "%s:", text);
    strbuf_finish(&shown);
}

static void listing_item(struct listing *l, const char *raw)
{
    struct strbuf shown = STRBUF_INIT;
    const char *item = cli_visible(&shown, raw) ? strbuf_str(&shown) : raw;
    size_t w = width_of_text(item, strlen(item)) + 2;
    if (l->count > 0 && l->at + w > TABLE_COLUMNS) {
        fprintf(l->out, ",\n%*s", (int)l->indent, "");
        l->at = l->indent;
    } else {
        fputs(l->count ? ", " : " ", l->out);
    }
    fputs(item, l->out);
    l->at += w;
    l->count++;
    strbuf_finish(&shown);
}

static void listing_end(struct listing *l)
{
    fputc('\n', l->out);
}

static void print_list(FILE *out, const char *label, const char *const *items, size_t count)
{
    struct listing l;
    listing_begin(&l, out, label);
    for (size_t i = 0; i < count; i++)
        listing_item(&l, items[i]);
    listing_end(&l);
}

/* --- JSON ----------------------------------------------------------------------------------- */

/* Writes "key": value, or "key": null and "key_reason": why. */
static void json_figure(struct json_writer *j, const char *key, struct agree_figure f)
{
    if (f.status == AGREE_DEFINED) {
        json_number(j, key, f.value);
        return;
    }
    json_null(j, key);
    char reason[64];
    snprintf(reason, sizeof reason, "%s_reason", key);
    json_string(j, reason, agree_status_text(f.status));
}

/* Writes "key": {"value": ..., "n": ...} with a "reason" when the value is null, and `unit` (what
 * n counts) when given. */
static void json_figure_object(struct json_writer *j, const char *key, struct agree_figure f,
                               const char *unit)
{
    json_object_begin(j, key);
    if (f.status == AGREE_DEFINED)
        json_number(j, "value", f.value);
    else
        json_null(j, "value");
    json_int(j, "n", f.n);
    if (unit)
        json_string(j, "unit", unit);
    if (f.status != AGREE_DEFINED)
        json_string(j, "reason", agree_status_text(f.status));
    json_object_end(j);
}

/* --- margin compare ------------------------------------------------------------------------- */

enum output_format {
    FORMAT_TABLE,
    FORMAT_CSV,
    FORMAT_JSON,
};

enum sort_order {
    SORT_CODE,
    SORT_KAPPA,
    SORT_DISAGREEMENT,
};

/* The headline agreement figure of a code's counts: Cohen's kappa for two coders over
 * characters, alpha for more, Brennan-Prediger's kappa over segments. */
static struct agree_figure headline(const struct compare_result *r, const struct compare_counts *c)
{
    if (r->mode == COMPARE_SEGMENTS)
        return agree_tally_kappa(agree_segments_tally(c->segments), (int64_t)r->ncodes);
    if (r->ncoders == 2)
        return agree_kappa(c->pairs[0]);
    return agree_alpha_binary(&c->coincidence);
}

/* What the coders disagreed on: characters only some covered, summed over pairs, or segments
 * not matched. */
static int64_t disagreement(const struct compare_result *r, const struct compare_counts *c)
{
    if (r->mode == COMPARE_SEGMENTS)
        return c->segments.a_segments - c->segments.a_matched + c->segments.b_segments -
               c->segments.b_matched;
    int64_t sum = 0;
    for (size_t p = 0; p < r->npairs; p++)
        sum += c->pairs[p].b + c->pairs[p].c;
    return sum;
}

/* A row and what it sorts by. */
struct row_key {
    size_t index;
    bool defined; /* the headline figure is defined */
    double headline;
    int64_t disagreement;
};

/* Lowest headline figure first, undefined ones last; then by code. */
static int by_headline(const void *x, const void *y)
{
    const struct row_key *a = x;
    const struct row_key *b = y;
    if (a->defined != b->defined)
        return a->defined ? -1 : 1;
    if (a->defined && a->headline != b->headline)
        return a->headline < b->headline ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

/* Most disagreement first; then by code. */
static int by_disagreement(const void *x, const void *y)
{
    const struct row_key *a = x;
    const struct row_key *b = y;
    if (a->disagreement != b->disagreement)
        return a->disagreement > b->disagreement ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

/* The rows' indexes in the order asked for, or NULL when memory runs out. */
static size_t *row_order(const struct compare_result *r, enum sort_order order)
{
    size_t n = r->ncodes ? r->ncodes : 1;
    size_t *rows = malloc(n * sizeof *rows);
    struct row_key *keys = malloc(n * sizeof *keys);
    if (!rows || !keys) {
        free(rows);
        free(keys);
        return NULL;
    }
    for (size_t i = 0; i < r->ncodes; i++) {
        struct agree_figure f = headline(r, &r->codes[i].pooled);
        keys[i] = (struct row_key){i, f.status == AGREE_DEFINED, f.value,
                                   disagreement(r, &r->codes[i].pooled)};
    }
    if (order == SORT_KAPPA)
        qsort(keys, r->ncodes, sizeof *keys, by_headline);
    else if (order == SORT_DISAGREEMENT)
        qsort(keys, r->ncodes, sizeof *keys, by_disagreement);
    for (size_t i = 0; i < r->ncodes; i++)
        rows[i] = keys[i].index;
    free(keys);
    return rows;
}

static void print_sources(FILE *out, const struct compare_result *r)
{
    struct listing l;
    listing_begin(&l, out, "sources");
    for (size_t i = 0; i < r->nsources; i++)
        listing_item(&l, r->sources[i].name);
    listing_end(&l);
    if (r->nexcluded == 0)
        fputs("left out: none\n", out);
    /* One line per reason, in the order the reasons first appear. */
    for (size_t i = 0; i < r->nexcluded; i++) {
        const char *reason = r->excluded[i].reason;
        bool done = false;
        for (size_t k = 0; k < i && !done; k++)
            done = strcmp(r->excluded[k].reason, reason) == 0;
        if (done)
            continue;
        char label[256];
        snprintf(label, sizeof label, "left out (%s)", reason);
        listing_begin(&l, out, label);
        for (size_t k = i; k < r->nexcluded; k++) {
            if (strcmp(r->excluded[k].reason, reason) == 0)
                listing_item(&l, r->excluded[k].name);
        }
        listing_end(&l);
    }
}

static void print_coders(FILE *out, const struct compare_result *r)
{
    print_list(out, "coders", (const char *const *)r->coders, r->ncoders);
}

/* Says what the overall row and pairs pool. */
static void print_overall_note(FILE *out, const struct compare_result *r)
{
    fprintf(out,
            "overall: the %zu code%s coded directly, each counting only its own codings,\n"
            "  over every source (n = %zu x %" PRId64 " characters)\n",
            r->direct_codes, r->direct_codes == 1 ? "" : "s", r->direct_codes, r->length);
}

/* Two coders over characters: code, name, each coder's characters, both, agreement, kappa,
 * positive agreement and, when asked for, alpha. */
static void table_two_coders(FILE *out, const struct compare_result *r, const size_t *rows)
{
    size_t widths[] = {12, r->alpha ? 17 : 24, 7, 7, 7, 7, 7, 7, 7};
    size_t columns = r->alpha ? 9 : 8;
    struct reasons reasons = {0};
    const char *head[] = {"code",  "name",  r->coders[0], r->coders[1], "both",
                          "agree", "kappa", "pos.",       "alpha"};
    for (size_t c = 0; c < columns; c++)
        put_cell(out, head[c], widths[c], c >= 2);
    fputc('\n', out);
    for (size_t k = 0; k <= r->ncodes; k++) {
        bool overall = k == r->ncodes;
        const struct compare_code *code = overall ? NULL : &r->codes[rows[k]];
        const struct compare_counts *c = overall ? &r->overall : &code->pooled;
        char b[7][32];
        char codes_text[32];
        struct agree_table t = c->pairs[0];
        struct agree_figure figures[] = {agree_percent(t), agree_kappa(t), agree_positive(t),
                                         agree_alpha_binary(&c->coincidence)};
        for (size_t f = 0; f < columns - 5; f++)
            note(&reasons, figures[f]);
        snprintf(codes_text, sizeof codes_text, "%zu code%s", r->direct_codes,
                 r->direct_codes == 1 ? "" : "s");
        const char *cells[] = {overall ? "overall" : code->number,
                               overall ? codes_text : code->name,
                               int_text(b[0], t.a + t.b),
                               int_text(b[1], t.a + t.c),
                               int_text(b[2], t.a),
                               percent_text(b[3], figures[0]),
                               figure_text(b[4], figures[1], false),
                               figure_text(b[5], figures[2], false),
                               figure_text(b[6], figures[3], false)};
        for (size_t i = 0; i < columns; i++)
            put_cell(out, cells[i], widths[i], i >= 2);
        fputc('\n', out);
    }
    fprintf(out,
            "\nA row pools the code and its sub-codes over the sources: %s and %s are the\n"
            "characters each coded, both those they both coded, agree the percent agreement\n"
            "(a+d)/n, kappa Cohen's kappa and pos. the positive agreement 2a/(2a+b+c)%s\n",
            r->coders[0], r->coders[1],
            r->alpha ? ";\nalpha is Krippendorff's alpha (binary, over characters)." : ".");
    print_overall_note(out, r);
    print_reasons(out, &reasons);
}

/* Three or more coders over characters: each coder's characters and alpha per code, then each
 * pair's kappa over the codes coded directly. */
static void table_many_coders(FILE *out, const struct compare_result *r, const size_t *rows)
{
    struct reasons reasons = {0};
    put_cell(out, "code", 12, false);
    put_cell(out, "name", 24, false);
    for (size_t i = 0; i < r->ncoders; i++)
        put_cell(out, r->coders[i], 7, true);
    put_cell(out, "alpha", 7, true);
    fputc('\n', out);
    for (size_t k = 0; k <= r->ncodes; k++) {
        bool overall = k == r->ncodes;
        const struct compare_code *code = overall ? NULL : &r->codes[rows[k]];
        const struct compare_counts *c = overall ? &r->overall : &code->pooled;
        char b[32];
        char codes_text[32];
        snprintf(codes_text, sizeof codes_text, "%zu code%s", r->direct_codes,
                 r->direct_codes == 1 ? "" : "s");
        put_cell(out, overall ? "overall" : code->number, 12, false);
        put_cell(out, overall ? codes_text : code->name, 24, false);
        for (size_t i = 0; i < r->ncoders; i++)
            put_cell(out, int_text(b, c->coded[i]), 7, true);
        struct agree_figure alpha = agree_alpha_binary(&c->coincidence);
        note(&reasons, alpha);
        put_cell(out, figure_text(b, alpha, false), 7, true);
        fputc('\n', out);
    }
    fputs("\nA row pools the code and its sub-codes over the sources: each coder's coded\n"
          "characters and Krippendorff's alpha (binary, over characters, all coders).\n\n"
          "Pairs, over the codes coded directly:\n",
          out);
    static const size_t widths[] = {24, 8, 9, 9, 7, 7, 7};
    const char *head[] = {"coders", "both", "1st only", "2nd only", "agree", "kappa", "pos."};
    for (size_t c = 0; c < 7; c++)
        put_cell(out, head[c], widths[c], c >= 1);
    fputc('\n', out);
    for (size_t i = 0; i < r->ncoders; i++) {
        for (size_t j = i + 1; j < r->ncoders; j++) {
            struct agree_table t = r->overall.pairs[compare_pair(r->ncoders, i, j)];
            char b[6][32];
            char pair[128];
            snprintf(pair, sizeof pair, "%s, %s", r->coders[i], r->coders[j]);
            struct agree_figure kappa = agree_kappa(t);
            struct agree_figure positive = agree_positive(t);
            note(&reasons, kappa);
            note(&reasons, positive);
            const char *cells[] = {pair,
                                   int_text(b[0], t.a),
                                   int_text(b[1], t.b),
                                   int_text(b[2], t.c),
                                   percent_text(b[3], agree_percent(t)),
                                   figure_text(b[4], kappa, false),
                                   figure_text(b[5], positive, false)};
            for (size_t c = 0; c < 7; c++)
                put_cell(out, cells[c], widths[c], c >= 1);
            fputc('\n', out);
        }
    }
    print_overall_note(out, r);
    print_reasons(out, &reasons);
}

static void table_segments(FILE *out, const struct compare_result *r, const size_t *rows)
{
    static const size_t widths[] = {12, 24, 6, 6, 8, 8, 7, 7};
    struct reasons reasons = {0};
    char matched[2][64];
    snprintf(matched[0], sizeof matched[0], "%s match", r->coders[0]);
    snprintf(matched[1], sizeof matched[1], "%s match", r->coders[1]);
    const char *head[] = {"code",     "name",     r->coders[0], r->coders[1],
                          matched[0], matched[1], "agree",      "kappa"};
    for (size_t c = 0; c < 8; c++)
        put_cell(out, head[c], widths[c], c >= 2);
    fputc('\n', out);
    for (size_t k = 0; k <= r->ncodes; k++) {
        bool overall = k == r->ncodes;
        const struct compare_code *code = overall ? NULL : &r->codes[rows[k]];
        const struct compare_counts *c = overall ? &r->overall : &code->pooled;
        struct agree_segments s = c->segments;
        struct agree_tally tally = agree_segments_tally(s);
        struct agree_figure p = agree_tally_percent(tally);
        struct agree_figure kappa = agree_tally_kappa(tally, (int64_t)r->ncodes);
        note(&reasons, p);
        note(&reasons, kappa);
        char b[6][32];
        const char *cells[] = {overall ? "overall" : code->number,
                               overall ? "all codes" : code->name,
                               int_text(b[0], s.a_segments),
                               int_text(b[1], s.b_segments),
                               int_text(b[2], s.a_matched),
                               int_text(b[3], s.b_matched),
                               percent_text(b[4], p),
                               figure_text(b[5], kappa, false)};
        for (size_t i = 0; i < 8; i++)
            put_cell(out, cells[i], widths[i], i >= 2);
        fputc('\n', out);
    }
    fprintf(out,
            "\nA segment is a coder's coded span at a code (overlapping ones merged); it is\n"
            "matched when the other coder has a segment at the same code that overlaps it by\n"
            "at least %d%% of the extent of the two. agree: matched segments of both coders\n"
            "over all their segments; kappa: Brennan and Prediger's, q = %zu codes.\n",
            r->threshold, r->ncodes);
    struct agree_table pr = r->presence;
    struct agree_figure presence = agree_jaccard(pr);
    struct agree_figure frequency = agree_tally_percent(r->frequency);
    char b[2][32];
    note(&reasons, presence);
    note(&reasons, frequency);
    fprintf(out,
            "code presence: of %" PRId64
            " (source, code) units, both coders used the code in %" PRId64
            ",\n  only %s in %" PRId64 ", only %s in %" PRId64 ", neither in %" PRId64
            "; agreement %s of the %" PRId64 " units\n  either coder used\n",
            pr.a + pr.b + pr.c + pr.d, pr.a, r->coders[0], pr.b, r->coders[1], pr.c, pr.d,
            percent_text(b[0], presence), pr.a + pr.b + pr.c);
    fprintf(out,
            "code frequency: the coders gave the same number of segments in %" PRId64
            " of the %" PRId64 "\n  units either coder used (%s)\n",
            r->frequency.agreed, r->frequency.total, percent_text(b[1], frequency));
    print_reasons(out, &reasons);
}

static void print_table(FILE *out, const struct compare_result *result, const size_t *rows)
{
    /* Coder names appear in the prose too: a copy of the result names them visibly. */
    struct compare_result shown = *result;
    const struct compare_result *r = &shown;
    char **names = calloc(result->ncoders, sizeof *names);
    bool all = names != NULL;
    for (size_t i = 0; all && i < result->ncoders; i++) {
        struct strbuf name = STRBUF_INIT;
        all = cli_visible(&name, result->coders[i]) && (names[i] = strbuf_detach(&name));
        strbuf_finish(&name);
    }
    if (all)
        shown.coders = names;
    if (r->mode == COMPARE_SEGMENTS) {
        struct agree_segments s = r->overall.segments;
        fprintf(out,
                "unit: segments; n = %" PRId64 " segments (%s %" PRId64 ", %s %" PRId64
                ") in %zu sources\n",
                s.a_segments + s.b_segments, r->coders[0], s.a_segments, r->coders[1], s.b_segments,
                r->nsources);
    } else {
        fprintf(out, "unit: characters; n = %" PRId64 " characters in %zu source%s\n", r->length,
                r->nsources, r->nsources == 1 ? "" : "s");
    }
    print_coders(out, r);
    print_sources(out, r);
    fputc('\n', out);
    if (r->mode == COMPARE_SEGMENTS)
        table_segments(out, r, rows);
    else if (r->ncoders == 2)
        table_two_coders(out, r, rows);
    else
        table_many_coders(out, r, rows);
    for (size_t i = 0; names && i < result->ncoders; i++)
        free(names[i]);
    free(names);
}

/* CSV: one row per code, source and pair of coders, then the pooled and overall rows. */
static bool csv_counts_row(FILE *out, const struct compare_result *r, const char *number,
                           const char *name, const char *source, const struct compare_counts *c,
                           size_t i, size_t j)
{
    struct agree_table t = c->pairs[compare_pair(r->ncoders, i, j)];
    struct agree_figure figures[] = {agree_percent(t), agree_kappa(t), agree_positive(t),
                                     agree_jaccard(t), agree_alpha_binary(&c->coincidence)};
    char b[16][32];
    const char *fields[20];
    size_t n = 0;
    fields[n++] = number;
    fields[n++] = name;
    fields[n++] = source;
    fields[n++] = int_text(b[0], c->length);
    fields[n++] = int_text(b[1], t.a);
    fields[n++] = int_text(b[2], t.b);
    fields[n++] = int_text(b[3], t.c);
    fields[n++] = int_text(b[4], t.d);
    fields[n++] = figure_text(b[5], figures[0], true);
    for (size_t f = 1; f < 4; f++) {
        bool defined = figures[f].status == AGREE_DEFINED;
        fields[n++] = defined ? figure_text(b[5 + f], figures[f], true) : "";
        fields[n++] = defined ? "" : agree_status_text(figures[f].status);
    }
    fields[n++] = r->coders[i];
    fields[n++] = r->coders[j];
    if (r->alpha) {
        bool defined = figures[4].status == AGREE_DEFINED;
        fields[n++] = defined ? figure_text(b[9], figures[4], true) : "";
        fields[n++] = int_text(b[10], figures[4].n);
        fields[n++] = defined ? "" : agree_status_text(figures[4].status);
    }
    return csv_write_row(out, fields, n, false);
}

static bool csv_segments_row(FILE *out, const struct compare_result *r, const char *number,
                             const char *name, const char *source, const struct compare_counts *c)
{
    struct agree_segments s = c->segments;
    struct agree_tally tally = agree_segments_tally(s);
    struct agree_figure figures[] = {agree_tally_percent(tally),
                                     agree_tally_kappa(tally, (int64_t)r->ncodes)};
    char b[8][32];
    const char *fields[11] = {number,
                              name,
                              source,
                              int_text(b[0], s.a_segments),
                              int_text(b[1], s.b_segments),
                              int_text(b[2], s.a_matched),
                              int_text(b[3], s.b_matched)};
    size_t n = 7;
    for (size_t f = 0; f < 2; f++) {
        bool defined = figures[f].status == AGREE_DEFINED;
        fields[n++] = defined ? figure_text(b[4 + f], figures[f], true) : "";
        fields[n++] = defined ? "" : agree_status_text(figures[f].status);
    }
    return csv_write_row(out, fields, n, false);
}

static bool csv_rows(FILE *out, const struct compare_result *r, const char *number,
                     const char *name, const char *source, const struct compare_counts *c)
{
    if (r->mode == COMPARE_SEGMENTS)
        return csv_segments_row(out, r, number, name, source, c);
    for (size_t i = 0; i < r->ncoders; i++) {
        for (size_t j = i + 1; j < r->ncoders; j++) {
            if (!csv_counts_row(out, r, number, name, source, c, i, j))
                return false;
        }
    }
    return true;
}

static bool print_csv(FILE *out, const struct compare_result *r, const size_t *rows)
{
    static const char *const characters[] = {"code",
                                             "name",
                                             "source",
                                             "length",
                                             "a",
                                             "b",
                                             "c",
                                             "d",
                                             "percent_agreement",
                                             "kappa",
                                             "kappa_reason",
                                             "positive_agreement",
                                             "positive_agreement_reason",
                                             "jaccard",
                                             "jaccard_reason",
                                             "coder_1",
                                             "coder_2",
                                             "alpha",
                                             "alpha_n",
                                             "alpha_reason"};
    static const char *const segments[] = {
        "code",      "name",    "source",         "a_segments", "b_segments",  "a_matched",
        "b_matched", "percent", "percent_reason", "kappa",      "kappa_reason"};
    bool ok = r->mode == COMPARE_SEGMENTS
                  ? csv_write_row(out, segments, 11, false)
                  : csv_write_row(out, characters, r->alpha ? 20 : 17, false);
    for (size_t k = 0; ok && k < r->ncodes; k++) {
        const struct compare_code *code = &r->codes[rows[k]];
        for (size_t c = 0; ok && c < code->ncells; c++)
            ok = csv_rows(out, r, code->number, code->name, r->sources[code->cells[c].source].name,
                          &code->cells[c].counts);
        ok = ok && csv_rows(out, r, code->number, code->name, "(pooled)", &code->pooled);
    }
    return ok && csv_rows(out, r, "(overall)", "", "(pooled)", &r->overall);
}

/* The counts of one code (or all) in one source (or pooled) as JSON members. */
static void json_counts(struct json_writer *j, const struct compare_result *r,
                        const struct compare_counts *c)
{
    if (r->mode == COMPARE_SEGMENTS) {
        struct agree_segments s = c->segments;
        struct agree_tally tally = agree_segments_tally(s);
        json_int(j, "n", tally.total);
        json_int(j, "a_segments", s.a_segments);
        json_int(j, "b_segments", s.b_segments);
        json_int(j, "a_matched", s.a_matched);
        json_int(j, "b_matched", s.b_matched);
        json_figure(j, "percent", agree_tally_percent(tally));
        json_figure(j, "kappa", agree_tally_kappa(tally, (int64_t)r->ncodes));
        return;
    }
    json_int(j, "length", c->length);
    if (r->ncoders == 2) {
        struct agree_table t = c->pairs[0];
        json_int(j, "a", t.a);
        json_int(j, "b", t.b);
        json_int(j, "c", t.c);
        json_int(j, "d", t.d);
        json_figure(j, "percent_agreement", agree_percent(t));
        json_figure(j, "kappa", agree_kappa(t));
        json_figure(j, "positive_agreement", agree_positive(t));
        json_figure(j, "jaccard", agree_jaccard(t));
    } else {
        json_object_begin(j, "coded");
        for (size_t i = 0; i < r->ncoders; i++)
            json_int(j, r->coders[i], c->coded[i]);
        json_object_end(j);
    }
    if (r->alpha)
        json_figure_object(j, "alpha", agree_alpha_binary(&c->coincidence), "values");
    if (r->ncoders == 2)
        return;
    json_array_begin(j, "pairs");
    for (size_t i = 0; i < r->ncoders; i++) {
        for (size_t k = i + 1; k < r->ncoders; k++) {
            struct agree_table t = c->pairs[compare_pair(r->ncoders, i, k)];
            json_object_begin(j, NULL);
            json_array_begin(j, "coders");
            json_string(j, NULL, r->coders[i]);
            json_string(j, NULL, r->coders[k]);
            json_array_end(j);
            json_int(j, "a", t.a);
            json_int(j, "b", t.b);
            json_int(j, "c", t.c);
            json_int(j, "d", t.d);
            json_figure(j, "percent_agreement", agree_percent(t));
            json_figure(j, "kappa", agree_kappa(t));
            json_figure(j, "positive_agreement", agree_positive(t));
            json_figure(j, "jaccard", agree_jaccard(t));
            json_object_end(j);
        }
    }
    json_array_end(j);
}

static void json_sources(struct json_writer *j, const char *key, const struct compare_source *list,
                         size_t count)
{
    json_array_begin(j, key);
    for (size_t i = 0; i < count; i++) {
        json_object_begin(j, NULL);
        json_string(j, "source", list[i].name);
        json_int(j, "length", list[i].length);
        if (list[i].reason)
            json_string(j, "reason", list[i].reason);
        json_object_end(j);
    }
    json_array_end(j);
}

static void print_json(FILE *out, const struct compare_result *r, const size_t *rows)
{
    struct json_writer j;
    json_init(&j, out);
    bool segments = r->mode == COMPARE_SEGMENTS;
    json_object_begin(&j, NULL);
    json_string(&j, "unit", segments ? "segments" : "characters");
    if (segments) {
        json_int(&j, "n", agree_segments_tally(r->overall.segments).total);
        json_int(&j, "threshold", r->threshold);
        json_int(&j, "categories", (int64_t)r->ncodes);
    } else {
        json_int(&j, "n", r->length);
    }
    json_array_begin(&j, "coders");
    for (size_t i = 0; i < r->ncoders; i++)
        json_string(&j, NULL, r->coders[i]);
    json_array_end(&j);
    json_sources(&j, "sources", r->sources, r->nsources);
    json_sources(&j, "excluded_sources", r->excluded, r->nexcluded);
    json_array_begin(&j, "codes");
    for (size_t k = 0; k < r->ncodes; k++) {
        const struct compare_code *code = &r->codes[rows[k]];
        json_object_begin(&j, NULL);
        json_string(&j, "code", code->number);
        json_string(&j, "name", code->name);
        json_object_begin(&j, "pooled");
        json_counts(&j, r, &code->pooled);
        json_object_end(&j);
        json_array_begin(&j, "sources");
        for (size_t c = 0; c < code->ncells; c++) {
            json_object_begin(&j, NULL);
            json_string(&j, "source", r->sources[code->cells[c].source].name);
            json_counts(&j, r, &code->cells[c].counts);
            json_object_end(&j);
        }
        json_array_end(&j);
        json_object_end(&j);
    }
    json_array_end(&j);
    json_object_begin(&j, "overall");
    json_int(&j, "codes", (int64_t)r->direct_codes);
    json_counts(&j, r, &r->overall);
    json_object_end(&j);
    if (segments) {
        struct agree_table p = r->presence;
        json_object_begin(&j, "presence");
        json_string(&j, "unit", "(source, code) units");
        json_int(&j, "n", p.a + p.b + p.c + p.d);
        json_int(&j, "a", p.a);
        json_int(&j, "b", p.b);
        json_int(&j, "c", p.c);
        json_int(&j, "d", p.d);
        json_figure_object(&j, "percent", agree_jaccard(p), "units either coder used");
        json_figure_object(&j, "kappa", agree_kappa(p), "units");
        json_object_end(&j);
        json_object_begin(&j, "frequency");
        json_string(&j, "unit", "(source, code) units either coder used");
        json_int(&j, "n", r->frequency.total);
        json_int(&j, "agreed", r->frequency.agreed);
        json_figure(&j, "percent", agree_tally_percent(r->frequency));
        json_object_end(&j);
    }
    json_object_end(&j);
}

/* Splits "A,B,C" into names (pointers into the modified string). */
static size_t split_names(char *list, const char **names, size_t most)
{
    size_t n = 0;
    for (char *p = list; n < most;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        names[n++] = p;
        if (!comma)
            break;
        p = comma + 1;
    }
    return n;
}

/* Reads a whole number from lo to hi. */
static bool parse_int(const char *s, long lo, long hi, long *value)
{
    char *end;
    if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
        return false;
    *value = strtol(s, &end, 10);
    return *value >= lo && *value <= hi;
}

/* What margin compare writes, for cli_write(). */
struct comparison_job {
    const struct compare_result *result;
    const size_t *rows;
    enum output_format format;
};

static bool write_comparison(FILE *out, void *context, struct error *err)
{
    struct comparison_job *job = context;
    struct numeric_locale numeric;
    bool ok = true;
    numeric_locale_enter(&numeric);
    if (job->format == FORMAT_TABLE)
        print_table(out, job->result, job->rows);
    else if (job->format == FORMAT_JSON)
        print_json(out, job->result, job->rows);
    else
        ok = print_csv(out, job->result, job->rows) ||
             error_user(err, "could not write the comparison");
    numeric_locale_leave(&numeric);
    return ok;
}

int compare_command_compare(int argc, char **argv)
{
    static const struct option_spec options[] = {
        {"coders", "A,B", false},
        {"source", "NAME", true},
        {"code", "CODE", true},
        {"mode", "characters|segments", false},
        {"threshold", "PERCENT", false},
        {"alpha", NULL, false},
        {"format", "table|csv|json", false},
        {"sort", "code|kappa|disagreement", false},
        {"output", "FILE", false},
    };
    static const struct cli_spec spec = {
        .usage = "PROJECT --coders A,B[,C...] [--source NAME]... [--code CODE]...\n"
                 "       [--mode characters|segments] [--threshold PERCENT] [--alpha]\n"
                 "       [--sort code|kappa|disagreement] [--format table|csv|json] "
                 "[--output FILE]",
        .help = "Compares coders' codings, code by code. By default the unit is the character:\n"
                "for each code and source, a = characters both coders coded with the code or a\n"
                "sub-code, b and c those only one coded, d those neither did; tables are pooled\n"
                "over sources (the headline figure) and over codes. Figures: percent agreement,\n"
                "Cohen's kappa, positive agreement and Jaccard for two coders; Krippendorff's\n"
                "alpha (binary, over characters) with --alpha and always for three or more\n"
                "coders, whose pairs are also compared. A figure that is undefined is shown as\n"
                "n/a (null in JSON) with the reason.\n\n"
                "  --coders A,B      the coders to compare (two or more, comma-separated)\n"
                "  --source NAME     compare only this source (repeatable); by default every\n"
                "                    source in which each coder coded something\n"
                "  --code CODE       only this code and its sub-codes (repeatable)\n"
                "  --mode segments   MAXQDA-style agreement of two coders over coded segments at\n"
                "                    each code, with code presence and frequency per source and\n"
                "                    Brennan and Prediger's kappa (q = the number of codes)\n"
                "  --threshold N     segments: the overlap, in percent of the extent of two\n"
                "                    segments, at which they match (default 90, inclusive)\n"
                "  --alpha           characters: Krippendorff's alpha for two coders too\n"
                "  --sort ORDER      code (the default), kappa (lowest first) or disagreement\n"
                "                    (most first)\n"
                "  --format FORMAT   table (the default), csv (a row per code, source and pair\n"
                "                    of coders, with (pooled) and (overall) rows) or json\n"
                "  --output FILE     write to FILE, replaced only when complete\n",
        .options = options,
        .noptions = sizeof options / sizeof options[0],
        .min_args = 1,
        .max_args = 1,
    };
    struct parsed_options opts;
    int status;
    if (!cli_parse(argc, argv, &spec, &opts, &status))
        return status;
    const char *coders_arg = options_value(&opts, 0);
    if (!coders_arg)
        return cli_usage_error(argv[0], spec.usage, "--coders is missing");
    char *coder_list = strdup(coders_arg);
    const char *coders[CODERS_MAX + 1];
    if (!coder_list) {
        struct error oom;
        error_internal(&oom, "out of memory");
        return cli_report(&oom);
    }
    struct compare_request request = {
        .coders = coders,
        .ncoders = split_names(coder_list, coders, CODERS_MAX + 1),
        .sources = opts.values[1],
        .nsources = opts.counts[1],
        .codes = opts.values[2],
        .ncodes = opts.counts[2],
        .mode = COMPARE_CHARACTERS,
        .threshold = AGREE_SEGMENT_THRESHOLD,
        .alpha = opts.counts[5] > 0,
    };
    enum output_format format = FORMAT_TABLE;
    enum sort_order order = SORT_CODE;
    const char *mode = options_value(&opts, 3);
    const char *threshold = options_value(&opts, 4);
    const char *format_name = options_value(&opts, 6);
    const char *sort_name = options_value(&opts, 7);
    long value = 0;
    status = CLI_OK;
    if (request.ncoders > CODERS_MAX)
        status =
            cli_usage_error(argv[0], spec.usage, "--coders names more than %d coders", CODERS_MAX);
    for (size_t i = 0; i < request.ncoders && status == CLI_OK; i++) {
        if (!*coders[i])
            status = cli_usage_error(argv[0], spec.usage, "--coders has an empty name in '%s'",
                                     coders_arg);
    }
    if (status == CLI_OK && mode) {
        if (strcmp(mode, "segments") == 0)
            request.mode = COMPARE_SEGMENTS;
        else if (strcmp(mode, "characters") != 0)
            status = cli_usage_error(argv[0], spec.usage,
                                     "unknown mode '%s'; use characters or segments", mode);
    }
    if (status == CLI_OK && threshold) {
        if (!parse_int(threshold, 0, 100, &value))
            status = cli_usage_error(argv[0], spec.usage,
                                     "--threshold takes a whole number from 0 to 100, not '%s'",
                                     threshold);
        else if (request.mode != COMPARE_SEGMENTS)
            status = cli_usage_error(argv[0], spec.usage, "--threshold needs --mode segments");
        request.threshold = (int)value;
    }
    if (status == CLI_OK && request.alpha && request.mode == COMPARE_SEGMENTS)
        status = cli_usage_error(argv[0], spec.usage, "--alpha applies to characters only");
    if (status == CLI_OK && format_name) {
        if (strcmp(format_name, "csv") == 0)
            format = FORMAT_CSV;
        else if (strcmp(format_name, "json") == 0)
            format = FORMAT_JSON;
        else if (strcmp(format_name, "table") != 0)
            status = cli_usage_error(argv[0], spec.usage, "unknown format '%s'", format_name);
    }
    if (status == CLI_OK && sort_name) {
        if (strcmp(sort_name, "kappa") == 0)
            order = SORT_KAPPA;
        else if (strcmp(sort_name, "disagreement") == 0)
            order = SORT_DISAGREEMENT;
        else if (strcmp(sort_name, "code") != 0)
            status = cli_usage_error(argv[0], spec.usage, "unknown order '%s'", sort_name);
    }
    if (status != CLI_OK) {
        free(coder_list);
        return status;
    }

    struct project *project = cli_open(opts.positional[0], PROJECT_READ_ONLY, &status);
    if (!project) {
        free(coder_list);
        return status;
    }
    struct error err;
    struct compare_result *result = compare_run(project, &request, &err);
    size_t *rows = result ? row_order(result, order) : NULL;
    bool ok = rows != NULL;
    if (result && !rows)
        error_internal(&err, "out of memory");
    if (ok) {
        struct comparison_job job = {result, rows, format};
        ok = cli_write(options_value(&opts, 8), write_comparison, &job, &err);
    }
    free(rows);
    compare_result_destroy(result);
    project_close(project);
    free(coder_list);
    return ok ? CLI_OK : cli_report(&err);
}

/* --- margin agreement ----------------------------------------------------------------------- */

struct statistic {
    const char *label;
    const char *key;
    struct agree_figure figure;
    const char *unit; /* what n counts */
};

int compare_command_agreement(int argc, char **argv)
{
    static const struct option_spec options[] = {
        {"ratings", "FILE", false},
        {"format", "table|json", false},
        {"categories", "N", false},
    };
    static const struct cli_spec spec = {
        .usage = "--ratings FILE.csv [--categories N] [--format table|json]",
        .help = "Measures agreement on unit-level data: speaker turns, paragraphs or cases that\n"
                "each coder gave one value. FILE is CSV with a header row naming the coders and\n"
                "one row per unit; an empty cell is a missing value. Values are categories, or\n"
                "numbers when every value is a number.\n\n"
                "Reports percent agreement (units with two or more values), Cohen's kappa and\n"
                "Scott's pi (two coders), Fleiss' kappa (no missing values), Krippendorff's alpha\n"
                "(nominal; also ordinal, interval and ratio for numbers) and Brennan and\n"
                "Prediger's kappa. Each figure gives its n; one that is undefined says why.\n\n"
                "  --categories N   the number of categories for Brennan-Prediger's kappa\n"
                "                   (default: the number of distinct values)\n"
                "  --format FORMAT  table (the default) or json\n",
        .options = options,
        .noptions = sizeof options / sizeof options[0],
        .min_args = 0,
        .max_args = 0,
    };
    struct parsed_options opts;
    int status;
    if (!cli_parse(argc, argv, &spec, &opts, &status))
        return status;
    const char *path = options_value(&opts, 0);
    const char *format_name = options_value(&opts, 1);
    const char *categories_arg = options_value(&opts, 2);
    long categories = 0;
    if (!path)
        return cli_usage_error(argv[0], spec.usage, "--ratings FILE is missing");
    if (format_name && strcmp(format_name, "table") != 0 && strcmp(format_name, "json") != 0)
        return cli_usage_error(argv[0], spec.usage, "unknown format '%s'", format_name);
    if (categories_arg && !parse_int(categories_arg, 1, 100000000, &categories))
        return cli_usage_error(argv[0], spec.usage,
                               "--categories takes a whole number of 1 or more, not '%s'",
                               categories_arg);
    bool json = format_name && strcmp(format_name, "json") == 0;
    struct ratings_csv data;
    struct error err;
    if (!ratings_csv_read(path, &data, &err))
        return cli_report(&err);
    size_t q = categories_arg ? (size_t)categories : data.ncategories;
    char bp_label[64];
    snprintf(bp_label, sizeof bp_label, "Brennan-Prediger kappa, q = %zu", q);
    const struct ratings *t = data.table;
    struct statistic stats[] = {
        {"percent agreement", "percent_agreement", ratings_percent(t), "units"},
        {"Cohen's kappa", "cohen_kappa", ratings_cohen_kappa(t), "units"},
        {"Scott's pi", "scott_pi", ratings_scott_pi(t), "units"},
        {"Fleiss' kappa", "fleiss_kappa", ratings_fleiss_kappa(t), "units"},
        {"Krippendorff's alpha, nominal", "alpha_nominal", ratings_alpha(t, RATINGS_NOMINAL),
         "values"},
        {"Krippendorff's alpha, ordinal", "alpha_ordinal", {0, 0, AGREE_EMPTY}, "values"},
        {"Krippendorff's alpha, interval", "alpha_interval", {0, 0, AGREE_EMPTY}, "values"},
        {"Krippendorff's alpha, ratio", "alpha_ratio", {0, 0, AGREE_EMPTY}, "values"},
        {bp_label, "brennan_prediger", ratings_brennan_prediger(t, q), "units"},
    };
    size_t nstats = sizeof stats / sizeof stats[0];
    if (data.numeric) {
        stats[5].figure = ratings_alpha(t, RATINGS_ORDINAL);
        stats[6].figure = ratings_alpha(t, RATINGS_INTERVAL);
        stats[7].figure = ratings_alpha(t, RATINGS_RATIO);
    }
    struct file_output out;
    if (!file_output_open(&out, "-", &err)) {
        ratings_csv_finish(&data);
        return cli_report(&err);
    }
    FILE *stream = out.stream;
    struct numeric_locale numeric;
    numeric_locale_enter(&numeric);
    if (json) {
        struct json_writer j;
        json_init(&j, stream);
        json_object_begin(&j, NULL);
        json_string(&j, "unit", "units");
        json_int(&j, "units", (int64_t)ratings_units(t));
        json_array_begin(&j, "coders");
        for (size_t i = 0; i < data.ncoders; i++)
            json_string(&j, NULL, data.coders[i]);
        json_array_end(&j);
        json_int(&j, "values", (int64_t)data.values);
        json_int(&j, "pairable_values", (int64_t)data.pairable);
        json_string(&j, "level", data.numeric ? "numeric" : "nominal");
        json_array_begin(&j, "categories");
        for (size_t i = 0; i < data.ncategories; i++)
            json_string(&j, NULL, data.categories[i]);
        json_array_end(&j);
        json_int(&j, "q", (int64_t)q);
        for (size_t s = 0; s < nstats; s++) {
            if (data.numeric || s < 5 || s > 7)
                json_figure_object(&j, stats[s].key, stats[s].figure, stats[s].unit);
        }
        json_object_end(&j);
    } else {
        fprintf(stream, "unit: units; %zu units, %zu values given, %zu of them pairable\n",
                ratings_units(t), data.values, data.pairable);
        print_list(stream, "coders", (const char *const *)data.coders, data.ncoders);
        char label[64];
        snprintf(label, sizeof label, "categories (%zu, %s)", data.ncategories,
                 data.numeric ? "numbers" : "nominal");
        print_list(stream, label, (const char *const *)data.categories, data.ncategories);
        fprintf(stream, "\n");
        put_cell(stream, "statistic", 34, false);
        put_cell(stream, "value", 8, true);
        fprintf(stream, "  n\n");
        for (size_t s = 0; s < nstats; s++) {
            if (!data.numeric && s >= 5 && s <= 7)
                continue;
            char b[32];
            struct agree_figure f = stats[s].figure;
            put_cell(stream, stats[s].label, 34, false);
            put_cell(stream, figure_text(b, f, false), 8, true);
            if (f.status == AGREE_DEFINED)
                fprintf(stream, "  %" PRId64 " %s\n", f.n, stats[s].unit);
            else
                fprintf(stream, "  %s\n", agree_status_text(f.status));
        }
    }
    numeric_locale_leave(&numeric);
    ratings_csv_finish(&data);
    return file_output_commit(&out, &err) ? CLI_OK : cli_report(&err);
}

/* --- margin merge --------------------------------------------------------------------------- */

static void print_misses(const struct merge_misses *misses, const char *what)
{
    if (misses->count == 0)
        return;
    size_t total = 0;
    for (size_t i = 0; i < misses->count; i++)
        total += misses->items[i].codings;
    printf("skipped %zu coding%s %s:\n", total, total == 1 ? "" : "s", what);
    for (size_t i = 0; i < misses->count; i++) {
        const struct merge_miss *miss = &misses->items[i];
        fputs("  ", stdout);
        cli_put_visible(stdout, miss->what);
        printf(": %zu coding%s (%s)\n", miss->codings, miss->codings == 1 ? "" : "s", miss->why);
    }
}

int compare_command_merge(int argc, char **argv)
{
    static const struct cli_spec spec = {
        .usage = "PROJECT OTHER",
        .help = "Copies the codings of OTHER, another project file (a copy another coder\n"
                "worked in), into PROJECT, with their memos, in one change. Sources are\n"
                "matched by their text, codes by GUID, then by number, then by a name only\n"
                "one code has, coders by name (added when new). Codings already in PROJECT\n"
                "are not added again, so merging twice adds nothing. Codings whose source or\n"
                "code has no match are skipped and listed. OTHER is only read.\n",
        .min_args = 2,
        .max_args = 2,
    };
    struct parsed_options opts;
    int status;
    if (!cli_parse(argc, argv, &spec, &opts, &status))
        return status;
    struct project *project = cli_open(opts.positional[0], PROJECT_READ_WRITE, &status);
    if (!project)
        return status;
    struct error err;
    struct merge_report report;
    bool ok = merge_project(project, opts.positional[1], &report, &err);
    project_close(project);
    if (ok) {
        printf("merged %zu coding%s from %s: %zu added, %zu already present\n", report.codings,
               report.codings == 1 ? "" : "s", opts.positional[1], report.added, report.present);
        if (report.coders_added)
            printf("added %zu coder%s\n", report.coders_added, report.coders_added == 1 ? "" : "s");
        print_misses(&report.sources, "in sources whose text is not in this project");
        print_misses(&report.codes, "at codes with no match in this project");
        if (report.renamed.count)
            printf("matched by number although the names differ:\n");
        for (size_t i = 0; i < report.renamed.count; i++) {
            fputs("  ", stdout);
            cli_put_visible(stdout, report.renamed.items[i].theirs);
            fputs(" -> ", stdout);
            cli_put_visible(stdout, report.renamed.items[i].ours);
            putchar('\n');
        }
    }
    merge_report_finish(&report);
    return ok ? CLI_OK : cli_report(&err);
}
