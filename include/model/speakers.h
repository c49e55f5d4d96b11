/* The project's rule for speaker turns, and the turns it finds.
 *
 * A project finds turns by the default rule of core/turns.h unless it has a pattern of its
 * own (the setting SPEAKERS_SETTING). Turns are found when a source is imported and found
 * again in every source when the pattern changes, so the screen and every command see the
 * same turns. */
#ifndef MARGIN_MODEL_SPEAKERS_H
#define MARGIN_MODEL_SPEAKERS_H

#include "core/error.h"
#include "core/turns.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>

/* The settings key that holds a project's turn pattern. */
#define SPEAKERS_SETTING "turns.pattern"

/* Sets *rule to the project's rule: a compiled pattern (the caller destroys it) or NULL for
 * the default rule. A stored pattern that no longer compiles fails with its message. */
bool speakers_rule(struct project *project, struct turn_rule **rule, struct error *err);

/* Sets the project's pattern (NULL goes back to the default rule) and finds the turns of every
 * source again, in one transaction recorded in the journal; *sources and *turns are set to how
 * many sources and turns there are now. An invalid pattern fails with a message naming what is
 * wrong and changes nothing. */
bool speakers_set_pattern(struct project *project, const char *pattern, size_t *sources,
                          size_t *turns, struct error *err);

/* How often one speaker starts a turn in a source. */
struct speaker_tally {
    char *speaker;
    size_t turns;
};

/* One source's turns: their number and their speakers in order of first appearance. */
struct source_speakers {
    char *source;
    size_t turns;
    struct speaker_tally *items;
    size_t count, cap;
};

/* The turns found in every source, by name, under the project's rule. */
struct speakers_report {
    char *pattern; /* NULL for the default rule */
    struct source_speakers *items;
    size_t count, cap;
};

/* Fills out (which the caller finishes) with the project's rule and its stored turns. */
bool speakers_report(struct project *project, struct speakers_report *out, struct error *err);

/* Frees what a report holds and empties it; accepts an empty report. */
void speakers_report_finish(struct speakers_report *report);

#endif
