#include "cli/render_csv.h"

#include "cli/figures.h"
#include "core/agree.h"
#include "io/csv.h"

/* A cell of a figure that may be undefined: the value, or empty. */
static const char *cell(char buf[32], struct agree_figure f)
{
    return f.status == AGREE_DEFINED ? figures_text(buf, f, true) : "";
}

/* CSV: one row per code, source and pair of coders, then the pooled and overall rows. A code's
 * pooled rows (`code` given) carry the means of kappa over its sources. */
static bool csv_counts_row(FILE *out, const struct compare_result *r, const char *number,
                           const char *name, const char *source, const struct compare_counts *c,
                           const struct compare_code *code, size_t i, size_t j)
{
    size_t pair = compare_pair(r->ncoders, i, j);
    struct agree_table t = c->pairs[pair];
    struct agree_figure figures[] = {agree_percent(t), agree_kappa(t), agree_positive(t),
                                     agree_jaccard(t), agree_alpha_binary(&c->coincidence)};
    char b[20][32];
    const char *fields[25];
    size_t n = 0;
    fields[n++] = number;
    fields[n++] = name;
    fields[n++] = source;
    fields[n++] = figures_int(b[0], c->length);
    fields[n++] = figures_int(b[1], t.a);
    fields[n++] = figures_int(b[2], t.b);
    fields[n++] = figures_int(b[3], t.c);
    fields[n++] = figures_int(b[4], t.d);
    fields[n++] = figures_text(b[5], figures[0], true);
    for (size_t f = 1; f < 4; f++) {
        bool defined = figures[f].status == AGREE_DEFINED;
        fields[n++] = defined ? figures_text(b[5 + f], figures[f], true) : "";
        fields[n++] = defined ? "" : agree_status_text(figures[f].status);
    }
    fields[n++] = r->coders[i];
    fields[n++] = r->coders[j];
    if (r->alpha) {
        bool defined = figures[4].status == AGREE_DEFINED;
        fields[n++] = defined ? figures_text(b[9], figures[4], true) : "";
        fields[n++] = figures_int(b[10], figures[4].n);
        fields[n++] = defined ? "" : agree_status_text(figures[4].status);
    }
    if (r->nvivo)
        fields[n++] = cell(b[11], agree_kappa_nvivo(t));
    if (code) {
        struct agree_mean mean = {0};
        for (size_t s = 0; s < code->ncells; s++)
            agree_mean_add(&mean, agree_kappa(code->cells[s].counts.pairs[pair]),
                           code->cells[s].counts.length);
        struct agree_figure plain = agree_mean_value(&mean, false);
        fields[n++] = cell(b[12], plain);
        fields[n++] = cell(b[13], agree_mean_value(&mean, true));
        fields[n++] = figures_int(b[14], plain.n);
    } else {
        fields[n++] = "";
        fields[n++] = "";
        fields[n++] = "";
    }
    return csv_write_row(out, fields, n, false);
}

static bool csv_segments_row(FILE *out, const struct compare_result *r, const char *number,
                             const char *name, const char *source, const struct compare_counts *c)
{
    struct agree_segments s = c->segments;
    struct agree_tally tally = agree_segments_tally(s);
    struct agree_figure figures[] = {agree_tally_percent(tally),
                                     agree_tally_kappa(tally, (int64_t)r->categories)};
    char b[8][32];
    const char *fields[11] = {number,
                              name,
                              source,
                              figures_int(b[0], s.a_segments),
                              figures_int(b[1], s.b_segments),
                              figures_int(b[2], s.a_matched),
                              figures_int(b[3], s.b_matched)};
    size_t n = 7;
    for (size_t f = 0; f < 2; f++) {
        bool defined = figures[f].status == AGREE_DEFINED;
        fields[n++] = defined ? figures_text(b[4 + f], figures[f], true) : "";
        fields[n++] = defined ? "" : agree_status_text(figures[f].status);
    }
    return csv_write_row(out, fields, n, false);
}

static bool csv_rows(FILE *out, const struct compare_result *r, const char *number,
                     const char *name, const char *source, const struct compare_counts *c,
                     const struct compare_code *code)
{
    if (r->mode == COMPARE_SEGMENTS)
        return csv_segments_row(out, r, number, name, source, c);
    for (size_t i = 0; i < r->ncoders; i++) {
        for (size_t j = i + 1; j < r->ncoders; j++) {
            if (!csv_counts_row(out, r, number, name, source, c, code, i, j))
                return false;
        }
    }
    return true;
}

bool render_csv_comparison(FILE *out, const struct compare_result *r, const size_t *rows)
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
    static const char *const means[] = {"kappa_source_mean", "kappa_source_mean_weighted",
                                        "kappa_source_mean_n"};
    const char *head[24];
    size_t n = 0;
    for (size_t i = 0; i < (r->alpha ? 20u : 17u); i++)
        head[n++] = characters[i];
    if (r->nvivo)
        head[n++] = "kappa_nvivo";
    for (size_t i = 0; i < 3; i++)
        head[n++] = means[i];
    static const char *const segments[] = {
        "code",      "name",    "source",         "a_segments", "b_segments",  "a_matched",
        "b_matched", "percent", "percent_reason", "kappa",      "kappa_reason"};
    bool ok = r->mode == COMPARE_SEGMENTS ? csv_write_row(out, segments, 11, false)
                                          : csv_write_row(out, head, n, false);
    for (size_t k = 0; ok && k < r->ncodes; k++) {
        const struct compare_code *code = &r->codes[rows[k]];
        for (size_t c = 0; ok && c < code->ncells; c++)
            ok = csv_rows(out, r, code->number, code->name, r->sources[code->cells[c].source].name,
                          &code->cells[c].counts, NULL);
        ok = ok && csv_rows(out, r, code->number, code->name, "(pooled)", &code->pooled, code);
    }
    return ok && csv_rows(out, r, "(overall)", "", "(pooled)", &r->overall, NULL);
}
