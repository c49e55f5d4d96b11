/* A comparison (model/compare.h) as one JSON object: the unit and n, the coders, the sources
 * compared and left out, a member per code with its pooled counts and figures and one per source,
 * the overall counts, and over segments code presence and frequency. An undefined figure is null
 * with a "_reason" member beside it. */
#ifndef MARGIN_CLI_RENDER_JSON_H
#define MARGIN_CLI_RENDER_JSON_H

#include "io/json.h"
#include "model/compare.h"

#include <stddef.h>
#include <stdio.h>

/* Writes the JSON with the codes in the order of `rows`. Write errors are left on the stream. */
void render_json_comparison(FILE *out, const struct compare_result *result, const size_t *rows);

/* The members every comparison's JSON shares, for the renderers over units and unitizing too. */

/* Writes "coders": the names compared, in order. */
void render_json_coders(struct json_writer *j, const struct compare_result *result);

/* Writes "key": an array with each source's name, length, its number of units when `units` is
 * given (units[i] for list[i]) and the reason it was left out when it has one. */
void render_json_sources(struct json_writer *j, const char *key, const struct compare_source *list,
                         size_t count, const size_t *units);

/* Writes a code's number ("code"), "name" and whether anybody used it ("used"), inside the
 * caller's object. */
void render_json_code_head(struct json_writer *j, const struct compare_code *code);

#endif
