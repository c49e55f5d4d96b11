/* A comparison (model/compare.h) as a table for people, 80 columns wide: what it compared (unit
 * and n, coders, sources and those left out), a row per code and an overall row, then what the
 * columns mean and why any figure is n/a. Two coders over characters get each coder's characters,
 * both, agreement, kappa, positive agreement (and alpha when asked for); three or more get each
 * coder's characters and alpha per code, then every pair; segments get each coder's segments,
 * those matched, agreement and Brennan and Prediger's kappa, then code presence and frequency. */
#ifndef MARGIN_CLI_RENDER_TABLE_H
#define MARGIN_CLI_RENDER_TABLE_H

#include "model/compare.h"

#include <stddef.h>
#include <stdio.h>

/* Writes the table with the codes in the order of `rows` (indexes into result->codes). Write
 * errors are left on the stream. */
void render_table_comparison(FILE *out, const struct compare_result *result, const size_t *rows);

#endif
