/* Bootstrap intervals (core/bootstrap.h) as the agreement commands offer them: the options
 * --bootstrap N, --seed S and --ci PERCENT, Krippendorff's alpha (nominal) and, for two coders,
 * Cohen's kappa resampled from one table of unit data, and the interval and the probabilities of
 * alpha falling short of the usual minimums written as text, JSON or CSV cells. */
#ifndef MARGIN_CLI_BOOTSTRAP_FIGURES_H
#define MARGIN_CLI_BOOTSTRAP_FIGURES_H

#include "cli/cli.h"
#include "core/bootstrap.h"
#include "core/ratings.h"
#include "io/json.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* What to resample; resamples 0 means no bootstrap. */
struct bootstrap_request {
    size_t resamples;
    uint64_t seed;
    double level; /* 0 < level < 1 */
};

/* Reads --bootstrap, --seed (default 1) and --ci (default 95, with or without '%') into *req.
 * Returns CLI_OK, or the status of the usage error it reported (a bad number, or --seed or --ci
 * without --bootstrap). */
int bootstrap_figures_options(struct cli_call *call, struct bootstrap_request *req);

/* The two distributions of one table; either may be NULL (kappa with more than two coders). */
struct bootstrap_figures {
    struct bootstrap *alpha;
    struct bootstrap *kappa;
};

/* Resamples alpha (nominal) and, for two coders, Cohen's kappa. Returns false when memory runs
 * out, with nothing to finish. */
bool bootstrap_figures_run(const struct ratings *table, const struct bootstrap_request *req,
                           struct bootstrap_figures *out);

/* Frees the distributions; accepts an empty one. */
void bootstrap_figures_finish(struct bootstrap_figures *f);

/* The minimums whose shortfall probability is reported (Hayes and Krippendorff 2007). */
#define BOOTSTRAP_FIGURES_MINIMUMS 2
extern const double bootstrap_figures_minimums[BOOTSTRAP_FIGURES_MINIMUMS];

/* A few lines: each figure's estimate, interval and, for alpha, the shortfall probabilities. */
void bootstrap_figures_text(FILE *out, const struct bootstrap_request *req,
                            const struct bootstrap_figures *f);

/* A "bootstrap" member: resamples, seed, level, and an object per figure with its estimate,
 * draws per resample, the resamples with a figure, the interval (or null and the reason) and,
 * for alpha, the probability of falling below each minimum. */
void bootstrap_figures_json(struct json_writer *j, const struct bootstrap_request *req,
                            const struct bootstrap_figures *f);

/* The CSV cells, in the order of bootstrap_figures_csv_head: alpha's lower and upper bounds and
 * shortfall probabilities, kappa's lower and upper bounds (empty when undefined). buf holds the
 * text. */
#define BOOTSTRAP_FIGURES_CSV 6
extern const char *const bootstrap_figures_csv_head[BOOTSTRAP_FIGURES_CSV];
void bootstrap_figures_csv(const struct bootstrap_figures *f, double level,
                           char buf[BOOTSTRAP_FIGURES_CSV][32],
                           const char *cells[BOOTSTRAP_FIGURES_CSV]);

#endif
