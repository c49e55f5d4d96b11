/* What the commands that list segments (retrieve, query, quotes) write about each one, in the
 * same words whichever command writes it. */
#ifndef MARGIN_CLI_SEGMENT_FIELDS_H
#define MARGIN_CLI_SEGMENT_FIELDS_H

#include "core/outline.h"
#include "io/json.h"
#include "model/project.h"
#include "model/segments.h"

/* Sets number to the code's outline number ("07.01.02") and *name to its name, both "" for
 * code -1 (a stretch no code marks). *name points into the project's codebook. */
void segment_code_text(struct project *project, int code, char number[OUTLINE_TEXT_MAX],
                       const char **name);

/* Writes the members every listing of segments has, in this order: source, case, speaker,
 * coder, code, code_name, start, end and text. The caller opened the segment's object. */
void segment_json_fields(struct json_writer *j, struct project *project, const struct segment *s);

#endif
