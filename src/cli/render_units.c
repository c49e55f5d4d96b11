#include "cli/render_units.h"

#include "cli/cli.h"
#include "cli/figures.h"
#include "cli/render_json.h"
#include "core/ratings.h"
#include "core/strbuf.h"
#include "io/csv.h"
#include "io/json.h"

#include <inttypes.h>
#include <stdlib.h>

/* The figures of one table, in the order every output gives them. */
enum { PERCENT, COHEN, SCOTT, FLEISS, CONGER, ALPHA, BRENNAN, FIGURES };

static const char *const keys[FIGURES] = {"percent_agreement", "cohen_kappa",  "scott_pi",
                                          "fleiss_kappa",      "conger_kappa", "alpha",
                                          "brennan_prediger"};

/* The coefficients whose details ratings_explain() gives, by figure (-1: none). */
static const int explained[FIGURES] = {-1,
                                       RATINGS_COHEN_KAPPA,
                                       RATINGS_SCOTT_PI,
                                       RATINGS_FLEISS_KAPPA,
                                       RATINGS_CONGER_KAPPA,
                                       RATINGS_ALPHA,
                                       -1};

static void compute(const struct ratings *t, struct ratings_details *d)
{
    for (size_t f = 0; f < FIGURES; f++) {
        if (explained[f] >= 0)
            d[f] = ratings_explain(t, (enum ratings_coefficient)explained[f], RATINGS_NOMINAL);
        else
            d[f] = (struct ratings_details){{0, 0, AGREE_EMPTY}, 0, 0};
    }
    d[PERCENT].figure = ratings_percent(t);
    d[BRENNAN].figure = ratings_brennan_prediger(t, 2);
}

/* How many units each coder coded (value 1). */
static int64_t coded_by(const struct ratings *t, size_t coder)
{
    int64_t n = 0;
    for (size_t run = 0; run < ratings_runs(t); run++) {
        size_t units;
        n += ratings_run(t, run, &units)[coder] == 1 ? (int64_t)units : 0;
    }
    return n;
}

/* How much of a unit a coder's codings must cover. */
static const char *share(const struct units_result *r, char buf[32])
{
    if (r->cover == 0)
        return "at least one character";
    snprintf(buf, 32, "at least %d%%", r->cover);
    return buf;
}

void render_units_table(FILE *out, const struct units_result *r,
                        const struct bootstrap_request *boot,
                        const struct bootstrap_figures *resampled,
                        const struct bootstrap_figures *codes)
{
    const struct compare_result *c = r->comparison;
    char b[8][32];
    char why[32];
    fprintf(out, "unit: %s; n = %zu %s in %zu source%s\n", units_kind_name(r->kind), r->nunits,
            units_kind_name(r->kind), c->nsources, c->nsources == 1 ? "" : "s");
    figures_list(out, "coders", (const char *const *)c->coders, c->ncoders);
    struct figures_listing l;
    figures_listing_begin(&l, out, "sources");
    for (size_t k = 0; k < c->nsources; k++) {
        char item[300];
        snprintf(item, sizeof item, "%s (%zu)", c->sources[k].name, r->source_units[k]);
        figures_listing_item(&l, item);
    }
    figures_listing_end(&l);
    if (c->nexcluded > 0) {
        figures_listing_begin(&l, out, "left out");
        for (size_t k = 0; k < c->nexcluded; k++)
            figures_listing_item(&l, c->excluded[k].name);
        figures_listing_end(&l);
    }
    fprintf(out,
            "a unit is coded at a code by a coder whose codings with the code or a sub-code\n"
            "  cover %s of it\n\n",
            share(r, why));
    static const size_t widths[] = {12, 19, 7, 7, 7, 7, 7, 7, 7};
    const char *head[] = {"code", "name", "agree", "kappa", "pi", "Fleiss", "alpha", "BP", "coded"};
    for (size_t i = 0; i < 9; i++)
        figures_cell(out, head[i], widths[i], i >= 2);
    fputc('\n', out);
    struct figures_reasons reasons = {0};
    for (size_t k = 0; k <= c->ncodes; k++) {
        bool pooled = k == c->ncodes;
        const struct ratings *t = pooled ? r->pooled : r->tables[k];
        struct ratings_details d[FIGURES];
        compute(t, d);
        int64_t coded = 0;
        for (size_t i = 0; i < c->ncoders; i++)
            coded += coded_by(t, i);
        char ncodes[32];
        snprintf(ncodes, sizeof ncodes, "%zu code%s", r->pooled_codes,
                 r->pooled_codes == 1 ? "" : "s");
        const struct agree_figure shown[] = {d[PERCENT].figure, d[COHEN].figure, d[SCOTT].figure,
                                             d[FLEISS].figure,  d[ALPHA].figure, d[BRENNAN].figure};
        figures_cell(out, pooled ? "pooled" : c->codes[k].number, 12, false);
        figures_cell(out, pooled ? ncodes : c->codes[k].name, 19, false);
        for (size_t f = 0; f < 6; f++) {
            figures_note(&reasons, shown[f]);
            figures_cell(
                out, f == 0 ? figures_percent(b[f], shown[f]) : figures_text(b[f], shown[f], false),
                7, true);
        }
        figures_cell(out, figures_int(b[6], coded), 7, true);
        fputc('\n', out);
    }
    fprintf(out,
            "\nn = %zu units for each code; pooled: the %zu code%s coded directly, each\n"
            "counting only its own codings, as %zu (unit, code) units. agree: units where\n"
            "the coders agree; kappa: Cohen's; pi: Scott's; Fleiss: Fleiss' kappa; alpha:\n"
            "Krippendorff's (nominal, n = pairable values); BP: Brennan and Prediger's,\n"
            "q = 2; coded: units coded, summed over the coders.\n",
            r->nunits, r->pooled_codes, r->pooled_codes == 1 ? "" : "s", ratings_units(r->pooled));
    figures_reasons_print(out, &reasons);
    if (boot) {
        fputs("\nPooled, ", out);
        bootstrap_figures_text(out, boot, resampled);
        for (size_t k = 0; k < c->ncodes; k++) {
            struct strbuf shown = STRBUF_INIT;
            const char *name =
                cli_visible(&shown, c->codes[k].name) ? strbuf_str(&shown) : c->codes[k].name;
            fprintf(out, "\n%s %s, ", c->codes[k].number, name);
            bootstrap_figures_text(out, boot, &codes[k]);
            strbuf_finish(&shown);
        }
    }
}

/* A figure as an object: value (or null and the reason), n, what n counts, and what it is
 * made of. */
static void json_figure(struct json_writer *j, size_t f, const struct ratings_details *d)
{
    json_object_begin(j, keys[f]);
    struct agree_figure x = d->figure;
    if (x.status == AGREE_DEFINED)
        json_number(j, "value", x.value);
    else
        json_null(j, "value");
    json_int(j, "n", x.n);
    json_string(j, "unit", f == ALPHA ? "pairable values" : "units");
    if (x.status != AGREE_DEFINED)
        json_string(j, "reason", agree_status_text(x.status));
    if (f == ALPHA) {
        json_string(j, "metric", "nominal");
        json_number(j, "D_o", d->observed);
        json_number(j, "D_e", d->expected);
    } else if (f == FLEISS || f == CONGER) {
        json_number(j, "P", d->observed);
        json_number(j, "P_e", d->expected);
    } else if (f == COHEN || f == SCOTT) {
        json_number(j, "p_o", d->observed);
        json_number(j, "p_e", d->expected);
    } else if (f == BRENNAN) {
        json_int(j, "q", 2);
    }
    json_object_end(j);
}

static void json_table(struct json_writer *j, const struct units_result *r, const struct ratings *t)
{
    const struct compare_result *c = r->comparison;
    json_int(j, "units", (int64_t)ratings_units(t));
    json_object_begin(j, "coded");
    for (size_t i = 0; i < c->ncoders; i++)
        json_int(j, c->coders[i], coded_by(t, i));
    json_object_end(j);
    struct ratings_details d[FIGURES];
    compute(t, d);
    for (size_t f = 0; f < FIGURES; f++)
        json_figure(j, f, &d[f]);
}

void render_units_json(FILE *out, const struct units_result *r,
                       const struct bootstrap_request *boot, const struct bootstrap_figures *pooled,
                       const struct bootstrap_figures *codes)
{
    const struct compare_result *c = r->comparison;
    struct json_writer j;
    char why[32];
    json_init(&j, out);
    json_object_begin(&j, NULL);
    json_string(&j, "unit", units_kind_name(r->kind));
    json_int(&j, "n", (int64_t)r->nunits);
    if (r->cover)
        json_int(&j, "cover_percent", r->cover);
    else
        json_null(&j, "cover_percent");
    char when[160];
    snprintf(when, sizeof when,
             "a unit is coded at a code by a coder whose codings with the code or a sub-code "
             "cover %s of it",
             share(r, why));
    json_string(&j, "coded_when", when);
    render_json_coders(&j, c);
    render_json_sources(&j, "sources", c->sources, c->nsources, r->source_units);
    render_json_sources(&j, "excluded_sources", c->excluded, c->nexcluded, NULL);
    json_array_begin(&j, "codes");
    for (size_t k = 0; k < c->ncodes; k++) {
        json_object_begin(&j, NULL);
        render_json_code_head(&j, &c->codes[k]);
        json_table(&j, r, r->tables[k]);
        if (boot)
            bootstrap_figures_json(&j, boot, &codes[k]);
        json_object_end(&j);
    }
    json_array_end(&j);
    json_object_begin(&j, "pooled");
    json_int(&j, "codes", (int64_t)r->pooled_codes);
    json_string(&j, "pools",
                "(unit, code) units over the codes coded directly, each counting only its own "
                "codings");
    json_table(&j, r, r->pooled);
    if (boot)
        bootstrap_figures_json(&j, boot, pooled);
    json_object_end(&j);
    json_object_end(&j);
}

/* One CSV row: code, name, units and each figure with its n and reason, then with `boot` the
 * bootstrap cells of `bf` (empty without it). */
static bool csv_row(FILE *out, const char *number, const char *name, const struct ratings *t,
                    const struct bootstrap_request *boot, const struct bootstrap_figures *bf)
{
    struct ratings_details d[FIGURES];
    compute(t, d);
    char b[2 * FIGURES + 1][32];
    char cells[BOOTSTRAP_FIGURES_CSV][32];
    const char *fields[3 + 3 * FIGURES + BOOTSTRAP_FIGURES_CSV];
    size_t n = 0;
    fields[n++] = number;
    fields[n++] = name;
    fields[n++] = figures_int(b[2 * FIGURES], (int64_t)ratings_units(t));
    for (size_t f = 0; f < FIGURES; f++) {
        struct agree_figure x = d[f].figure;
        bool defined = x.status == AGREE_DEFINED;
        fields[n++] = defined ? figures_text(b[2 * f], x, true) : "";
        fields[n++] = figures_int(b[2 * f + 1], x.n);
        fields[n++] = defined ? "" : agree_status_text(x.status);
    }
    if (boot) {
        struct bootstrap_figures none = {0};
        bootstrap_figures_csv(bf ? bf : &none, boot->level, cells, fields + n);
        n += BOOTSTRAP_FIGURES_CSV;
    }
    return csv_write_row(out, fields, n, false);
}

bool render_units_csv(FILE *out, const struct units_result *r, const struct bootstrap_request *boot,
                      const struct bootstrap_figures *pooled, const struct bootstrap_figures *codes)
{
    const char *head[3 + 3 * FIGURES + BOOTSTRAP_FIGURES_CSV] = {"code", "name", "units"};
    char names[FIGURES][2][48];
    size_t n = 3;
    for (size_t f = 0; f < FIGURES; f++) {
        snprintf(names[f][0], sizeof names[f][0], "%s_n", keys[f]);
        snprintf(names[f][1], sizeof names[f][1], "%s_reason", keys[f]);
        head[n++] = keys[f];
        head[n++] = names[f][0];
        head[n++] = names[f][1];
    }
    for (size_t i = 0; boot && i < BOOTSTRAP_FIGURES_CSV; i++)
        head[n++] = bootstrap_figures_csv_head[i];
    bool ok = csv_write_row(out, head, n, false);
    const struct compare_result *c = r->comparison;
    for (size_t k = 0; ok && k < c->ncodes; k++)
        ok = csv_row(out, c->codes[k].number, c->codes[k].name, r->tables[k], boot,
                     boot ? &codes[k] : NULL);
    return ok && csv_row(out, "(pooled)", "", r->pooled, boot, pooled);
}

bool render_units_ratings(FILE *out, const struct units_result *r)
{
    const struct compare_result *c = r->comparison;
    bool ok = csv_write_row(out, (const char *const *)c->coders, c->ncoders, false);
    const char **fields = malloc(c->ncoders * sizeof *fields);
    if (!fields)
        return false;
    for (size_t run = 0; ok && run < ratings_runs(r->pooled); run++) {
        size_t units;
        const double *values = ratings_run(r->pooled, run, &units);
        for (size_t i = 0; i < c->ncoders; i++)
            fields[i] = values[i] == 1 ? "1" : "0";
        for (size_t u = 0; ok && u < units; u++)
            ok = csv_write_row(out, fields, c->ncoders, false);
    }
    free(fields);
    return ok;
}

/* --- Unitizing -------------------------------------------------------------------------------- */

static void unitizing_head(FILE *out, const struct compare_result *c)
{
    fprintf(out,
            "unit: characters, a continuum cut at the sources' ends; n = %zu coders x %" PRId64
            " characters\n",
            c->ncoders, c->length);
    figures_list(out, "coders", (const char *const *)c->coders, c->ncoders);
    struct figures_listing l;
    figures_listing_begin(&l, out, "sources");
    for (size_t k = 0; k < c->nsources; k++)
        figures_listing_item(&l, c->sources[k].name);
    figures_listing_end(&l);
    if (c->nexcluded > 0) {
        figures_listing_begin(&l, out, "left out");
        for (size_t k = 0; k < c->nexcluded; k++)
            figures_listing_item(&l, c->excluded[k].name);
        figures_listing_end(&l);
    }
    fputc('\n', out);
}

void render_unitizing_table(FILE *out, const struct unitizing_result *r)
{
    const struct compare_result *c = r->comparison;
    struct figures_reasons reasons = {0};
    char b[4][32];
    unitizing_head(out, c);
    static const size_t widths[] = {12, 38, 10, 10};
    const char *head[] = {"code", "name", "u-alpha", "|u-alpha"};
    for (size_t i = 0; i < 4; i++)
        figures_cell(out, head[i], widths[i], i >= 2);
    fputc('\n', out);
    for (size_t k = 0; k < c->ncodes; k++) {
        struct agree_figure f[] = {r->codes[k].alpha_2004.figure, r->codes[k].binary.figure};
        figures_note(&reasons, f[0]);
        figures_note(&reasons, f[1]);
        figures_cell(out, c->codes[k].number, 12, false);
        figures_cell(out, c->codes[k].name, 38, false);
        figures_cell(out, figures_text(b[0], f[0], false), 10, true);
        figures_cell(out, figures_text(b[1], f[1], false), 10, true);
        fputc('\n', out);
    }
    fputs("\nu-alpha: Krippendorff's (2004) unitizing alpha of the code; |u-alpha: the 2016\n"
          "binary one, the code's units against everything else. A code's codings and its\n"
          "sub-codes' are merged per coder where they overlap or touch.\n",
          out);
    if (r->ndomains > 0) {
        fputs("\nDomains: a code whose sub-codes are its values.\n", out);
        static const size_t dw[] = {12, 29, 7, 10, 10, 10};
        const char *dh[] = {"code", "name", "values", "u-alpha", "|u-alpha", "cu-alpha"};
        for (size_t i = 0; i < 6; i++)
            figures_cell(out, dh[i], dw[i], i >= 2);
        fputc('\n', out);
    }
    for (size_t d = 0; d < r->ndomains; d++) {
        const struct unitizing_domain *dom = &r->domains[d];
        struct agree_figure f[] = {dom->alpha.figure, dom->binary.figure, dom->coding.figure};
        figures_cell(out, c->codes[dom->row].number, 12, false);
        figures_cell(out, c->codes[dom->row].name, 29, false);
        figures_cell(out, figures_int(b[3], (int64_t)dom->nvalues), 7, true);
        for (size_t i = 0; i < 3; i++) {
            figures_note(&reasons, f[i]);
            figures_cell(out, figures_text(b[i], f[i], false), 10, true);
        }
        fputc('\n', out);
    }
    if (r->ndomains > 0) {
        char cu[32];
        figures_note(&reasons, r->domains_coding.figure);
        figures_cell(out, "all domains", 12, false);
        figures_cell(out, "Cu-alpha", 29, false);
        figures_cell(out, figures_int(b[3], (int64_t)r->ndomains), 7, true);
        figures_cell(out, "", 20, false);
        figures_cell(out, figures_text(cu, r->domains_coding.figure, false), 10, true);
        fputc('\n', out);
        fputs("\nu-alpha (2016) over the values and the gaps; |u-alpha: any value against the\n"
              "gaps; cu-alpha: the values where the coders' units overlap (two coders);\n"
              "Cu-alpha: cu-alpha of all the domains above together, their disagreements\n"
              "added up (values counts the domains).\n",
              out);
    }
    figures_reasons_print(out, &reasons);
}

/* A unitizing figure as an object: value (or null and the reason), n, what n counts, and its
 * observed and expected disagreement. */
static void json_unitizing(struct json_writer *j, const char *key, struct unitize_details d,
                           const char *unit)
{
    figures_json_details(j, key, d.figure, unit, "observed", d.observed, "expected", d.expected);
}

static const char overlap_unit[] = "coder-characters inside a unit that the other coder's units "
                                   "also cover";

void render_unitizing_json(FILE *out, const struct unitizing_result *r)
{
    const struct compare_result *c = r->comparison;
    struct json_writer j;
    json_init(&j, out);
    json_object_begin(&j, NULL);
    json_string(&j, "unit", "coder-characters");
    json_int(&j, "n", (int64_t)c->ncoders * c->length);
    json_int(&j, "length", c->length);
    render_json_coders(&j, c);
    render_json_sources(&j, "sources", c->sources, c->nsources, NULL);
    json_array_begin(&j, "codes");
    for (size_t k = 0; k < c->ncodes; k++) {
        json_object_begin(&j, NULL);
        render_json_code_head(&j, &c->codes[k]);
        json_unitizing(&j, "u_alpha_2004", r->codes[k].alpha_2004, "coder-characters");
        json_unitizing(&j, "binary_u_alpha", r->codes[k].binary, "coder-characters");
        json_object_end(&j);
    }
    json_array_end(&j);
    json_array_begin(&j, "domains");
    for (size_t d = 0; d < r->ndomains; d++) {
        const struct unitizing_domain *dom = &r->domains[d];
        json_object_begin(&j, NULL);
        json_string(&j, "code", c->codes[dom->row].number);
        json_string(&j, "name", c->codes[dom->row].name);
        json_unitizing(&j, "u_alpha", dom->alpha, "coder-characters");
        json_unitizing(&j, "binary_u_alpha", dom->binary, "coder-characters");
        json_unitizing(&j, "coding_u_alpha", dom->coding, overlap_unit);
        json_array_begin(&j, "values");
        for (size_t v = 0; v < dom->nvalues; v++) {
            json_object_begin(&j, NULL);
            json_string(&j, "code", c->codes[dom->values[v]].number);
            json_unitizing(&j, "value_u_alpha", dom->value_alphas[v], overlap_unit);
            json_object_end(&j);
        }
        json_array_end(&j);
        json_object_end(&j);
    }
    json_array_end(&j);
    json_unitizing(&j, "domains_coding_u_alpha", r->domains_coding, overlap_unit);
    json_string(&j, "domains_coding_u_alpha_pools",
                "Cu-alpha: every domain listed, each domain's cu-alpha disagreements (observed "
                "and expected) added up before dividing");
    json_object_end(&j);
}

static bool csv_unitizing(FILE *out, const char *number, const char *name, const char *domain,
                          const char *figure, struct unitize_details d)
{
    char b[4][32];
    bool defined = d.figure.status == AGREE_DEFINED;
    snprintf(b[2], sizeof b[2], "%.17g", d.observed);
    snprintf(b[3], sizeof b[3], "%.17g", d.expected);
    const char *fields[] = {number,
                            name,
                            domain,
                            figure,
                            defined ? figures_text(b[0], d.figure, true) : "",
                            figures_int(b[1], d.figure.n),
                            b[2],
                            b[3],
                            defined ? "" : agree_status_text(d.figure.status)};
    return csv_write_row(out, fields, 9, false);
}

bool render_unitizing_csv(FILE *out, const struct unitizing_result *r)
{
    static const char *const head[] = {"code", "name",     "domain",   "figure", "value",
                                       "n",    "observed", "expected", "reason"};
    const struct compare_result *c = r->comparison;
    bool ok = csv_write_row(out, head, 9, false);
    for (size_t k = 0; ok && k < c->ncodes; k++) {
        const char *number = c->codes[k].number;
        const char *name = c->codes[k].name;
        ok = csv_unitizing(out, number, name, "", "u_alpha_2004", r->codes[k].alpha_2004) &&
             csv_unitizing(out, number, name, "", "binary_u_alpha", r->codes[k].binary);
    }
    for (size_t d = 0; ok && d < r->ndomains; d++) {
        const struct unitizing_domain *dom = &r->domains[d];
        const char *number = c->codes[dom->row].number;
        const char *name = c->codes[dom->row].name;
        ok = csv_unitizing(out, number, name, number, "u_alpha", dom->alpha) &&
             csv_unitizing(out, number, name, number, "binary_u_alpha", dom->binary) &&
             csv_unitizing(out, number, name, number, "coding_u_alpha", dom->coding);
        for (size_t v = 0; ok && v < dom->nvalues; v++) {
            const struct compare_code *value = &c->codes[dom->values[v]];
            ok = csv_unitizing(out, value->number, value->name, number, "value_u_alpha",
                               dom->value_alphas[v]);
        }
    }
    return ok && (r->ndomains == 0 || csv_unitizing(out, "(domains)", "", "(all)",
                                                    "domains_coding_u_alpha", r->domains_coding));
}
