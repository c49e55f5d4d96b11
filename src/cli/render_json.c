#include "cli/render_json.h"

#include "cli/figures.h"
#include "core/agree.h"
#include "io/json.h"

/* A figure as an object: value (or null and the reason), n, what n counts, and the observed and
 * expected agreement (or disagreement) it is made of, under the names given. */
static void json_details(struct json_writer *j, const char *key, struct agree_details d,
                         const char *unit, const char *observed, const char *expected)
{
    figures_json_details(j, key, d.figure, unit, observed, d.observed, expected, d.expected);
}

/* A two-coder table and its figures as members: a, b, c, d, percent agreement, Cohen's kappa
 * with its p_o and p_e, NVivo's kappa when asked for, positive agreement and Jaccard. */
static void json_table(struct json_writer *j, const struct compare_result *r, struct agree_table t)
{
    json_int(j, "a", t.a);
    json_int(j, "b", t.b);
    json_int(j, "c", t.c);
    json_int(j, "d", t.d);
    figures_json(j, "percent_agreement", agree_percent(t));
    struct agree_details kappa = agree_kappa_details(t);
    figures_json(j, "kappa", kappa.figure);
    if (kappa.figure.status != AGREE_EMPTY) {
        json_number(j, "kappa_p_o", kappa.observed);
        json_number(j, "kappa_p_e", kappa.expected);
    }
    if (r->nvivo)
        figures_json(j, "kappa_nvivo", agree_kappa_nvivo(t));
    figures_json(j, "positive_agreement", agree_positive(t));
    figures_json(j, "jaccard", agree_jaccard(t));
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
        figures_json(j, "percent", agree_tally_percent(tally));
        figures_json(j, "kappa", agree_tally_kappa(tally, (int64_t)r->categories));
        return;
    }
    json_int(j, "length", c->length);
    if (r->ncoders == 2) {
        json_table(j, r, c->pairs[0]);
    } else {
        json_object_begin(j, "coded");
        for (size_t i = 0; i < r->ncoders; i++)
            json_int(j, r->coders[i], c->coded[i]);
        json_object_end(j);
        struct agree_details conger = agree_conger_kappa(c->pairs, r->ncoders);
        json_details(j, "conger_kappa", conger, "characters", "P", "P_e");
    }
    if (r->alpha)
        json_details(j, "alpha", agree_alpha_details(&c->coincidence), "values", "D_o", "D_e");
    if (r->ncoders == 2)
        return;
    json_array_begin(j, "pairs");
    for (size_t i = 0; i < r->ncoders; i++) {
        for (size_t k = i + 1; k < r->ncoders; k++) {
            json_object_begin(j, NULL);
            json_array_begin(j, "coders");
            json_string(j, NULL, r->coders[i]);
            json_string(j, NULL, r->coders[k]);
            json_array_end(j);
            json_table(j, r, c->pairs[compare_pair(r->ncoders, i, k)]);
            json_object_end(j);
        }
    }
    json_array_end(j);
}

/* Each pair's mean over the code's sources of the per-source kappa, unweighted and weighted by
 * the sources' lengths: a convention, next to the pooled kappa. */
static void json_source_means(struct json_writer *j, const struct compare_result *r,
                              const struct compare_code *code)
{
    json_array_begin(j, "kappa_source_means");
    for (size_t i = 0; i < r->ncoders; i++) {
        for (size_t k = i + 1; k < r->ncoders; k++) {
            size_t p = compare_pair(r->ncoders, i, k);
            struct agree_mean mean = {0};
            for (size_t s = 0; s < code->ncells; s++) {
                const struct compare_counts *cell = &code->cells[s].counts;
                agree_mean_add(&mean, agree_kappa(cell->pairs[p]), cell->length);
            }
            json_object_begin(j, NULL);
            json_array_begin(j, "coders");
            json_string(j, NULL, r->coders[i]);
            json_string(j, NULL, r->coders[k]);
            json_array_end(j);
            figures_json_object(j, "unweighted", agree_mean_value(&mean, false), "sources");
            figures_json_object(j, "weighted_by_length", agree_mean_value(&mean, true), "sources");
            json_object_end(j);
        }
    }
    json_array_end(j);
}

void render_json_coders(struct json_writer *j, const struct compare_result *result)
{
    json_array_begin(j, "coders");
    for (size_t i = 0; i < result->ncoders; i++)
        json_string(j, NULL, result->coders[i]);
    json_array_end(j);
}

void render_json_sources(struct json_writer *j, const char *key, const struct compare_source *list,
                         size_t count, const size_t *units)
{
    json_array_begin(j, key);
    for (size_t i = 0; i < count; i++) {
        json_object_begin(j, NULL);
        json_string(j, "source", list[i].name);
        json_int(j, "length", list[i].length);
        if (units)
            json_int(j, "units", (int64_t)units[i]);
        if (list[i].reason)
            json_string(j, "reason", list[i].reason);
        json_object_end(j);
    }
    json_array_end(j);
}

void render_json_code_head(struct json_writer *j, const struct compare_code *code)
{
    json_string(j, "code", code->number);
    json_string(j, "name", code->name);
    json_bool(j, "used", code->used);
}

/* What the figures that are conventions rather than the primary figures mean. */
static void json_conventions(struct json_writer *j, const struct compare_result *r)
{
    json_object_begin(j, "conventions");
    json_string(j, "pooled",
                "a code's pooled figures come from its tables added up over the sources "
                "compared: the primary figures");
    json_string(j, "kappa_source_means",
                "the mean over the code's sources of each source's kappa, sources where kappa "
                "is undefined left out (n = the sources averaged); weighted_by_length weights "
                "each source by its characters. Not the pooled kappa");
    json_string(j, "kappa_p_e",
                "with kappa_p_o, Cohen's chance agreement ((a+b)(a+c) + (c+d)(b+d))/L^2 and "
                "observed agreement (a+d)/L: kappa = (p_o - p_e) / (1 - p_e)");
    if (r->ncoders > 2)
        json_string(j, "conger_kappa",
                    "Conger's kappa over all the coders: P is the mean over pairs of coders of "
                    "their percent agreement, P_e the mean of their Cohen chance agreements");
    if (r->alpha)
        json_string(j, "alpha",
                    "Krippendorff's alpha over characters, all coders at once, with its "
                    "observed and expected disagreements D_o and D_e");
    if (r->nvivo)
        json_string(j, "kappa_nvivo",
                    "NVivo's coding comparison column: Cohen's kappa, but 1 where kappa is "
                    "undefined because neither coder used the code there (or both coded every "
                    "character); not a statistic");
    json_object_end(j);
}

void render_json_comparison(FILE *out, const struct compare_result *r, const size_t *rows)
{
    struct json_writer j;
    json_init(&j, out);
    bool segments = r->mode == COMPARE_SEGMENTS;
    json_object_begin(&j, NULL);
    json_string(&j, "unit", segments ? "segments" : "characters");
    if (segments) {
        json_int(&j, "n", agree_segments_tally(r->overall.segments).total);
        json_int(&j, "threshold", r->threshold);
        json_int(&j, "categories", (int64_t)r->categories);
        json_array_begin(&j, "category_codes");
        for (size_t k = 0; k < r->ncodes; k++) {
            if (r->codes[k].used)
                json_string(&j, NULL, r->codes[k].number);
        }
        json_array_end(&j);
    } else {
        json_int(&j, "n", r->length);
    }
    render_json_coders(&j, r);
    render_json_sources(&j, "sources", r->sources, r->nsources, NULL);
    render_json_sources(&j, "excluded_sources", r->excluded, r->nexcluded, NULL);
    if (!segments)
        json_conventions(&j, r);
    json_array_begin(&j, "codes");
    for (size_t k = 0; k < r->ncodes; k++) {
        const struct compare_code *code = &r->codes[rows[k]];
        json_object_begin(&j, NULL);
        render_json_code_head(&j, code);
        json_object_begin(&j, "pooled");
        json_counts(&j, r, &code->pooled);
        json_object_end(&j);
        if (!segments)
            json_source_means(&j, r, code);
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
    json_string(&j, "pools",
                segments ? "every code's segments over the sources compared"
                         : "the codes coded directly in a source every coder "
                           "coded, each counting only its own codings, over the "
                           "sources compared");
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
        figures_json_object(&j, "percent", agree_jaccard(p), "units either coder used");
        figures_json_object(&j, "kappa", agree_kappa(p), "units");
        json_object_end(&j);
        json_object_begin(&j, "frequency");
        json_string(&j, "unit", "(source, code) units either coder used");
        json_int(&j, "n", r->frequency.total);
        json_int(&j, "agreed", r->frequency.agreed);
        figures_json(&j, "percent", agree_tally_percent(r->frequency));
        json_object_end(&j);
    }
    json_object_end(&j);
}
