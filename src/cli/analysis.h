/* What the analysis commands (cmd_analysis.c, cmd_matrix.c) share; nothing outside src/cli
 * includes this. */
#ifndef MARGIN_CLI_ANALYSIS_H
#define MARGIN_CLI_ANALYSIS_H

#include "cli/cli.h"
#include "core/outline.h"
#include "core/strbuf.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>

enum output_format { FORMAT_TEXT, FORMAT_MD, FORMAT_CSV, FORMAT_JSON, FORMAT_XLSX };

/* The format --format asks for; text when it is not given. */
enum output_format analysis_format_of(const struct cli_call *call);

/* The format of a command that can write a workbook: --format, or xlsx for an --output file
 * named *.xlsx. */
enum output_format analysis_sheet_format_of(const struct cli_call *call);

/* The values of a repeatable option, each a list of names as names_split() reads it ("A,B", a
 * name with a comma in double quotes), in a NULL-ended array the caller frees with
 * analysis_free_words(). Fails with a message naming the option: a name left empty or a quote left
 * open, or memory running out. */
struct words {
    char **items;
    size_t count;
};

bool analysis_split_words(const struct cli_call *call, const char *name, struct words *out,
                          struct error *err);
void analysis_free_words(struct words *w);

/* Appends s to out with each run of line feeds as " / ", so that a segment stays on one line. */
void analysis_put_flat(struct strbuf *out, const char *s);

#endif
