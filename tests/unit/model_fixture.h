/* Projects for the model's unit tests, built the way a user builds one: a codebook, cases and
 * transcripts imported into a project held in memory. */
#ifndef MARGIN_TESTS_MODEL_FIXTURE_H
#define MARGIN_TESTS_MODEL_FIXTURE_H

#include "model/project.h"

/* An in-memory project with the codebook `codebook_yaml` and, when cases_csv is not NULL, the
 * cases it lists. A failed step fails the test (CHECK) and leaves the project as far as it got. */
struct project *fixture_project(const char *codebook_yaml, const char *cases_csv);

/* Imports `text` as the interview `name` (the file name without ".txt"), linked to the case
 * `case_name` (NULL for none), checking that it went in. */
void fixture_source(struct project *project, const char *name, const char *text,
                    const char *case_name);

#endif
