/* Agreement over units (model/units.h) as a table, CSV or JSON, and the unit table as a ratings
 * CSV that `margin agreement --ratings` reads. Each code's figures, and the pooled ones: percent
 * agreement, Cohen's kappa and Scott's pi (two coders), Fleiss' and Conger's kappa, Krippendorff's
 * alpha (nominal) and Brennan and Prediger's kappa with q = 2 (coded or not), each with its n. */
#ifndef MARGIN_CLI_RENDER_UNITS_H
#define MARGIN_CLI_RENDER_UNITS_H

#include "cli/bootstrap_figures.h"
#include "model/units.h"

#include <stdbool.h>
#include <stdio.h>

/* With `boot` (NULL for none), the pooled table's bootstrap figures `pooled` follow the pooled
 * figures, and each code's, codes[k] for the k-th row of result->comparison->codes, follow its
 * own (the table lists them under the pooled ones). Write errors are left on the stream. */
void render_units_table(FILE *out, const struct units_result *result,
                        const struct bootstrap_request *boot,
                        const struct bootstrap_figures *pooled,
                        const struct bootstrap_figures *codes);
void render_units_json(FILE *out, const struct units_result *result,
                       const struct bootstrap_request *boot, const struct bootstrap_figures *pooled,
                       const struct bootstrap_figures *codes);

/* Returns false when a write fails. With `boot`, every row gets the bootstrap columns. */
bool render_units_csv(FILE *out, const struct units_result *result,
                      const struct bootstrap_request *boot, const struct bootstrap_figures *pooled,
                      const struct bootstrap_figures *codes);

/* The pooled table: a header naming the coders, then one row per (unit, code) with each coder's
 * value, 1 or 0. */
bool render_units_ratings(FILE *out, const struct units_result *result);

/* Krippendorff's unitizing alphas (units_unitizing()): a table, JSON, or CSV with one row per
 * figure (code, name, domain, figure, value, n, observed, expected, reason). */
void render_unitizing_table(FILE *out, const struct unitizing_result *result);
void render_unitizing_json(FILE *out, const struct unitizing_result *result);
bool render_unitizing_csv(FILE *out, const struct unitizing_result *result);

#endif
