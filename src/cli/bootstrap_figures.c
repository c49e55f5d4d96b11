#include "cli/bootstrap_figures.h"

#include "cli/figures.h"

#include <inttypes.h>
#include <string.h>

const double bootstrap_figures_minimums[BOOTSTRAP_FIGURES_MINIMUMS] = {0.8, 0.667};

const char *const bootstrap_figures_csv_head[BOOTSTRAP_FIGURES_CSV] = {
    "alpha_lower",       "alpha_upper", "alpha_below_0.8",
    "alpha_below_0.667", "kappa_lower", "kappa_upper"};

/* A whole number from lo to hi, with an optional '%' after it when `percent`. */
static bool parse_number(const char *s, long lo, long hi, bool percent, long *value)
{
    char digits[16];
    size_t n = strlen(s);
    if (percent && n > 0 && s[n - 1] == '%')
        n--;
    if (n >= sizeof digits)
        return false;
    memcpy(digits, s, n);
    digits[n] = '\0';
    return cli_parse_whole(digits, lo, hi, value);
}

int bootstrap_figures_options(struct cli_call *call, struct bootstrap_request *req)
{
    const char *resamples = cli_option(call, "bootstrap");
    const char *seed = cli_option(call, "seed");
    const char *ci = cli_option(call, "ci");
    long value = 0;
    *req = (struct bootstrap_request){0, 1, BOOTSTRAP_LEVEL};
    if (!resamples && (seed || ci))
        return cli_misuse(call, "--%s needs --bootstrap", seed ? "seed" : "ci");
    if (!resamples)
        return CLI_OK;
    if (!parse_number(resamples, 1, 1000000, false, &value))
        return cli_misuse(call, "--bootstrap takes a whole number from 1 to 1000000, not '%s'",
                          resamples);
    req->resamples = (size_t)value;
    if (seed && !parse_number(seed, 0, 999999999, false, &value))
        return cli_misuse(call, "--seed takes a whole number from 0 to 999999999, not '%s'", seed);
    if (seed)
        req->seed = (uint64_t)value;
    if (ci && !parse_number(ci, 1, 99, true, &value))
        return cli_misuse(call, "--ci takes a percent from 1 to 99, such as 95%%, not '%s'", ci);
    if (ci)
        req->level = (double)value / 100;
    return CLI_OK;
}

bool bootstrap_figures_run(const struct ratings *table, const struct bootstrap_request *req,
                           struct bootstrap_figures *out)
{
    *out = (struct bootstrap_figures){0};
    out->alpha = bootstrap_alpha(table, RATINGS_NOMINAL, req->resamples, req->seed);
    if (out->alpha && ratings_coders(table) == 2)
        out->kappa = bootstrap_cohen_kappa(table, req->resamples, req->seed);
    if (!out->alpha || (ratings_coders(table) == 2 && !out->kappa)) {
        bootstrap_figures_finish(out);
        return false;
    }
    return true;
}

void bootstrap_figures_finish(struct bootstrap_figures *f)
{
    bootstrap_destroy(f->alpha);
    bootstrap_destroy(f->kappa);
    *f = (struct bootstrap_figures){0};
}

static void text_one(FILE *out, const char *label, const struct bootstrap *b, double level,
                     bool below)
{
    char e[32], lo[32], hi[32];
    struct bootstrap_interval ci = bootstrap_interval(b, level);
    fprintf(out, "  %s %s", label, figures_text(e, bootstrap_estimate(b), false));
    if (ci.status != AGREE_DEFINED) {
        fprintf(out, ", no interval: %s\n", agree_status_text(ci.status));
        return;
    }
    struct agree_figure x = {ci.lower, 0, AGREE_DEFINED};
    struct agree_figure y = {ci.upper, 0, AGREE_DEFINED};
    fprintf(out, ", %g%% interval %s to %s (%zu resamples with a figure, %" PRId64 " draws each)\n",
            100 * level, figures_text(lo, x, false), figures_text(hi, y, false), bootstrap_count(b),
            bootstrap_draws(b));
    for (size_t i = 0; below && i < BOOTSTRAP_FIGURES_MINIMUMS; i++) {
        char p[32];
        double minimum = bootstrap_figures_minimums[i];
        fprintf(out, "    probability of %s below %g: %s\n", label, minimum,
                figures_text(p, bootstrap_below(b, minimum), false));
    }
}

void bootstrap_figures_text(FILE *out, const struct bootstrap_request *req,
                            const struct bootstrap_figures *f)
{
    fprintf(out, "bootstrap, %zu resamples from seed %" PRIu64 ":\n", req->resamples, req->seed);
    text_one(out, "alpha", f->alpha, req->level, true);
    if (f->kappa)
        text_one(out, "kappa", f->kappa, req->level, false);
}

static void json_one(struct json_writer *j, const char *key, const struct bootstrap *b,
                     double level, bool below)
{
    json_object_begin(j, key);
    figures_json(j, "estimate", bootstrap_estimate(b));
    json_int(j, "draws", bootstrap_draws(b));
    json_int(j, "count", (int64_t)bootstrap_count(b));
    struct bootstrap_interval ci = bootstrap_interval(b, level);
    if (ci.status == AGREE_DEFINED) {
        json_number(j, "lower", ci.lower);
        json_number(j, "upper", ci.upper);
    } else {
        json_null(j, "lower");
        json_null(j, "upper");
        json_string(j, "reason", agree_status_text(ci.status));
    }
    if (below) {
        json_array_begin(j, "below");
        for (size_t i = 0; i < BOOTSTRAP_FIGURES_MINIMUMS; i++) {
            json_object_begin(j, NULL);
            json_number(j, "minimum", bootstrap_figures_minimums[i]);
            figures_json(j, "probability", bootstrap_below(b, bootstrap_figures_minimums[i]));
            json_object_end(j);
        }
        json_array_end(j);
    }
    json_object_end(j);
}

void bootstrap_figures_json(struct json_writer *j, const struct bootstrap_request *req,
                            const struct bootstrap_figures *f)
{
    json_object_begin(j, "bootstrap");
    json_int(j, "resamples", (int64_t)req->resamples);
    json_int(j, "seed", (int64_t)req->seed);
    json_number(j, "level", req->level);
    json_string(j, "alpha_method",
                "pairs of values resampled as Hayes and Krippendorff's KALPHA does, nominal");
    json_one(j, "alpha", f->alpha, req->level, true);
    if (f->kappa) {
        json_string(j, "kappa_method", "units resampled with replacement, Cohen's kappa");
        json_one(j, "cohen_kappa", f->kappa, req->level, false);
    }
    json_object_end(j);
}

void bootstrap_figures_csv(const struct bootstrap_figures *f, double level,
                           char buf[BOOTSTRAP_FIGURES_CSV][32],
                           const char *cells[BOOTSTRAP_FIGURES_CSV])
{
    for (size_t i = 0; i < BOOTSTRAP_FIGURES_CSV; i++)
        cells[i] = "";
    const struct bootstrap *b[] = {f->alpha, f->kappa};
    for (size_t k = 0; k < 2; k++) {
        struct bootstrap_interval ci =
            b[k] ? bootstrap_interval(b[k], level) : (struct bootstrap_interval){0, 0, AGREE_EMPTY};
        size_t at = k == 0 ? 0 : 4;
        if (ci.status != AGREE_DEFINED)
            continue;
        snprintf(buf[at], 32, "%.17g", ci.lower);
        snprintf(buf[at + 1], 32, "%.17g", ci.upper);
        cells[at] = buf[at];
        cells[at + 1] = buf[at + 1];
    }
    for (size_t i = 0; f->alpha && i < BOOTSTRAP_FIGURES_MINIMUMS; i++) {
        struct agree_figure q = bootstrap_below(f->alpha, bootstrap_figures_minimums[i]);
        if (q.status == AGREE_DEFINED)
            cells[2 + i] = figures_text(buf[2 + i], q, true);
    }
}
