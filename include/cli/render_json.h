/* A comparison (model/compare.h) as one JSON object: the unit and n, the coders, the sources
 * compared and left out, a member per code with its pooled counts and figures and one per source,
 * the overall counts, and over segments code presence and frequency. An undefined figure is null
 * with a "_reason" member beside it. */
#ifndef MARGIN_CLI_RENDER_JSON_H
#define MARGIN_CLI_RENDER_JSON_H

#include "model/compare.h"

#include <stddef.h>
#include <stdio.h>

/* Writes the JSON with the codes in the order of `rows`. Write errors are left on the stream. */
void render_json_comparison(FILE *out, const struct compare_result *result, const size_t *rows);

#endif
