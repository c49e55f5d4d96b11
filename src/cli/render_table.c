#include "cli/render_table.h"

#include "cli/cli.h"
#include "cli/figures.h"
#include "core/agree.h"
#include "core/strbuf.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static void print_sources(FILE *out, const struct compare_result *r)
{
    struct figures_listing l;
    figures_listing_begin(&l, out, "sources");
    for (size_t i = 0; i < r->nsources; i++)
        figures_listing_item(&l, r->sources[i].name);
    figures_listing_end(&l);
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
        figures_listing_begin(&l, out, label);
        for (size_t k = i; k < r->nexcluded; k++) {
            if (strcmp(r->excluded[k].reason, reason) == 0)
                figures_listing_item(&l, r->excluded[k].name);
        }
        figures_listing_end(&l);
    }
}

static void print_coders(FILE *out, const struct compare_result *r)
{
    figures_list(out, "coders", (const char *const *)r->coders, r->ncoders);
}

/* Says what the overall row and pairs pool. */
static void print_overall_note(FILE *out, const struct compare_result *r)
{
    fprintf(out,
            "overall: the %zu code%s coded directly in a source every coder coded, each\n"
            "  counting only its own codings, over the sources compared\n"
            "  (n = %zu x %" PRId64 " characters)\n",
            r->direct_codes, r->direct_codes == 1 ? "" : "s", r->direct_codes, r->length);
}

/* Two coders over characters: code, name, each coder's characters, both, agreement, kappa,
 * positive agreement and, when asked for, NVivo's kappa and alpha. */
static void table_two_coders(FILE *out, const struct compare_result *r, const size_t *rows)
{
    enum { CODE, NAME, FIRST, SECOND, BOTH, AGREE, KAPPA, POSITIVE, NVIVO, ALPHA, COLUMNS };
    bool shown[COLUMNS] = {true, true, true, true, true, true, true, true, r->nvivo, r->alpha};
    size_t widths[COLUMNS] = {12, 24, 7, 7, 7, 7, 7, 7, 7, 7};
    widths[NAME] -= (r->nvivo ? 7 : 0) + (r->alpha ? 7 : 0);
    struct figures_reasons reasons = {0};
    const char *head[COLUMNS] = {"code",  "name",  r->coders[0], r->coders[1], "both",
                                 "agree", "kappa", "pos.",       "NVivo",      "alpha"};
    for (size_t c = 0; c < COLUMNS; c++) {
        if (shown[c])
            figures_cell(out, head[c], widths[c], c >= FIRST);
    }
    fputc('\n', out);
    for (size_t k = 0; k <= r->ncodes; k++) {
        bool overall = k == r->ncodes;
        const struct compare_code *code = overall ? NULL : &r->codes[rows[k]];
        const struct compare_counts *c = overall ? &r->overall : &code->pooled;
        char b[8][32];
        char codes_text[32];
        struct agree_table t = c->pairs[0];
        struct agree_figure figures[] = {agree_percent(t), agree_kappa(t), agree_positive(t),
                                         agree_kappa_nvivo(t), agree_alpha_binary(&c->coincidence)};
        for (size_t f = 0; f < 5; f++) {
            if (f < 3 || shown[NVIVO + f - 3])
                figures_note(&reasons, figures[f]);
        }
        snprintf(codes_text, sizeof codes_text, "%zu code%s", r->direct_codes,
                 r->direct_codes == 1 ? "" : "s");
        const char *cells[COLUMNS] = {overall ? "overall" : code->number,
                                      overall ? codes_text : code->name,
                                      figures_int(b[0], t.a + t.b),
                                      figures_int(b[1], t.a + t.c),
                                      figures_int(b[2], t.a),
                                      figures_percent(b[3], figures[0]),
                                      figures_text(b[4], figures[1], false),
                                      figures_text(b[5], figures[2], false),
                                      figures_text(b[6], figures[3], false),
                                      figures_text(b[7], figures[4], false)};
        for (size_t i = 0; i < COLUMNS; i++) {
            if (shown[i])
                figures_cell(out, cells[i], widths[i], i >= FIRST);
        }
        fputc('\n', out);
    }
    fprintf(out,
            "\nA row pools the code and its sub-codes over the sources: %s and %s are the\n"
            "characters each coded, both those they both coded, agree the percent agreement\n"
            "(a+d)/n, kappa Cohen's kappa and pos. the positive agreement 2a/(2a+b+c)",
            r->coders[0], r->coders[1]);
    if (r->nvivo)
        fputs(";\nNVivo is NVivo's convention: Cohen's kappa, but 1 where kappa is undefined", out);
    if (r->alpha)
        fputs(";\nalpha is Krippendorff's alpha (binary, over characters)", out);
    fputs(".\n", out);
    print_overall_note(out, r);
    figures_reasons_print(out, &reasons);
}

/* Three or more coders over characters: each coder's characters and alpha per code, then each
 * pair's kappa over the codes coded directly. */
static void table_many_coders(FILE *out, const struct compare_result *r, const size_t *rows)
{
    struct figures_reasons reasons = {0};
    figures_cell(out, "code", 12, false);
    figures_cell(out, "name", 24, false);
    for (size_t i = 0; i < r->ncoders; i++)
        figures_cell(out, r->coders[i], 7, true);
    figures_cell(out, "alpha", 7, true);
    fputc('\n', out);
    for (size_t k = 0; k <= r->ncodes; k++) {
        bool overall = k == r->ncodes;
        const struct compare_code *code = overall ? NULL : &r->codes[rows[k]];
        const struct compare_counts *c = overall ? &r->overall : &code->pooled;
        char b[32];
        char codes_text[32];
        snprintf(codes_text, sizeof codes_text, "%zu code%s", r->direct_codes,
                 r->direct_codes == 1 ? "" : "s");
        figures_cell(out, overall ? "overall" : code->number, 12, false);
        figures_cell(out, overall ? codes_text : code->name, 24, false);
        for (size_t i = 0; i < r->ncoders; i++)
            figures_cell(out, figures_int(b, c->coded[i]), 7, true);
        struct agree_figure alpha = agree_alpha_binary(&c->coincidence);
        figures_note(&reasons, alpha);
        figures_cell(out, figures_text(b, alpha, false), 7, true);
        fputc('\n', out);
    }
    fputs("\nA row pools the code and its sub-codes over the sources: each coder's coded\n"
          "characters and Krippendorff's alpha (binary, over characters, all coders).\n\n"
          "Pairs, over the codes coded directly:\n",
          out);
    static const size_t widths[] = {24, 8, 9, 9, 7, 7, 7};
    const char *head[] = {"coders", "both", "1st only", "2nd only", "agree", "kappa", "pos."};
    for (size_t c = 0; c < 7; c++)
        figures_cell(out, head[c], widths[c], c >= 1);
    fputc('\n', out);
    for (size_t i = 0; i < r->ncoders; i++) {
        for (size_t j = i + 1; j < r->ncoders; j++) {
            struct agree_table t = r->overall.pairs[compare_pair(r->ncoders, i, j)];
            char b[6][32];
            char pair[128];
            snprintf(pair, sizeof pair, "%s, %s", r->coders[i], r->coders[j]);
            struct agree_figure kappa = agree_kappa(t);
            struct agree_figure positive = agree_positive(t);
            figures_note(&reasons, kappa);
            figures_note(&reasons, positive);
            const char *cells[] = {pair,
                                   figures_int(b[0], t.a),
                                   figures_int(b[1], t.b),
                                   figures_int(b[2], t.c),
                                   figures_percent(b[3], agree_percent(t)),
                                   figures_text(b[4], kappa, false),
                                   figures_text(b[5], positive, false)};
            for (size_t c = 0; c < 7; c++)
                figures_cell(out, cells[c], widths[c], c >= 1);
            fputc('\n', out);
        }
    }
    print_overall_note(out, r);
    figures_reasons_print(out, &reasons);
}

static void table_segments(FILE *out, const struct compare_result *r, const size_t *rows)
{
    static const size_t widths[] = {12, 24, 6, 6, 8, 8, 7, 7};
    struct figures_reasons reasons = {0};
    char matched[2][64];
    snprintf(matched[0], sizeof matched[0], "%s match", r->coders[0]);
    snprintf(matched[1], sizeof matched[1], "%s match", r->coders[1]);
    const char *head[] = {"code",     "name",     r->coders[0], r->coders[1],
                          matched[0], matched[1], "agree",      "kappa"};
    for (size_t c = 0; c < 8; c++)
        figures_cell(out, head[c], widths[c], c >= 2);
    fputc('\n', out);
    for (size_t k = 0; k <= r->ncodes; k++) {
        bool overall = k == r->ncodes;
        const struct compare_code *code = overall ? NULL : &r->codes[rows[k]];
        const struct compare_counts *c = overall ? &r->overall : &code->pooled;
        struct agree_segments s = c->segments;
        struct agree_tally tally = agree_segments_tally(s);
        struct agree_figure p = agree_tally_percent(tally);
        struct agree_figure kappa = agree_tally_kappa(tally, (int64_t)r->categories);
        figures_note(&reasons, p);
        figures_note(&reasons, kappa);
        char b[6][32];
        const char *cells[] = {
            overall ? "overall" : code->number, overall ? "all codes" : code->name,
            figures_int(b[0], s.a_segments),    figures_int(b[1], s.b_segments),
            figures_int(b[2], s.a_matched),     figures_int(b[3], s.b_matched),
            figures_percent(b[4], p),           figures_text(b[5], kappa, false)};
        for (size_t i = 0; i < 8; i++)
            figures_cell(out, cells[i], widths[i], i >= 2);
        fputc('\n', out);
    }
    fprintf(out,
            "\nA segment is a coder's coded span at a code (overlapping ones merged); it is\n"
            "matched when the other coder has a segment at the same code that overlaps it by\n"
            "at least %d%% of the extent of the two. agree: matched segments of both coders\n"
            "over all their segments; kappa: Brennan and Prediger's, q = %zu codes.\n",
            r->threshold, r->categories);
    struct figures_listing counted;
    figures_listing_begin(&counted, out, "q counts the codes some coder used");
    for (size_t k = 0; k < r->ncodes; k++) {
        if (r->codes[k].used)
            figures_listing_item(&counted, r->codes[k].number);
    }
    if (r->categories == 0)
        figures_listing_item(&counted, "none");
    figures_listing_end(&counted);
    struct agree_table pr = r->presence;
    struct agree_figure presence = agree_jaccard(pr);
    struct agree_figure frequency = agree_tally_percent(r->frequency);
    char b[2][32];
    figures_note(&reasons, presence);
    figures_note(&reasons, frequency);
    fprintf(out,
            "code presence: of %" PRId64
            " (source, code) units, both coders used the code in %" PRId64
            ",\n  only %s in %" PRId64 ", only %s in %" PRId64 ", neither in %" PRId64
            "; agreement %s of the %" PRId64 " units\n  either coder used\n",
            pr.a + pr.b + pr.c + pr.d, pr.a, r->coders[0], pr.b, r->coders[1], pr.c, pr.d,
            figures_percent(b[0], presence), pr.a + pr.b + pr.c);
    fprintf(out,
            "code frequency: the coders gave the same number of segments in %" PRId64
            " of the %" PRId64 "\n  units either coder used (%s)\n",
            r->frequency.agreed, r->frequency.total, figures_percent(b[1], frequency));
    figures_reasons_print(out, &reasons);
}

void render_table_comparison(FILE *out, const struct compare_result *result, const size_t *rows)
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
