/* A comparison (model/compare.h) as CSV: a header row, then a row per code, source and pair of
 * coders, with a "(pooled)" row per code and pair and "(overall)" rows; figures with every digit
 * needed to read them back, and a *_reason column that says why one is empty. Over segments, a
 * row per code and source with the segment counts, percent and kappa. */
#ifndef MARGIN_CLI_RENDER_CSV_H
#define MARGIN_CLI_RENDER_CSV_H

#include "model/compare.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Writes the CSV with the codes in the order of `rows`; false when the stream fails. */
bool render_csv_comparison(FILE *out, const struct compare_result *result, const size_t *rows);

#endif
