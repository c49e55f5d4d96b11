/* Commands for quotes: marking codings as quotes and writing them out with their citation
 * labels (their rows are in cli/commands.c). Each returns an exit status (enum cli_status). */
#ifndef MARGIN_CLI_CMD_QUOTES_H
#define MARGIN_CLI_CMD_QUOTES_H

#include "cli/cli.h"
#include "core/strbuf.h"
#include "model/quotes.h"

int cmd_quotes_mark(struct cli_call *call); /* margin quote PROJECT --coder NAME ... */
int cmd_quotes_list(struct cli_call *call); /* margin quotes PROJECT */

/* Appends quote `index` of the set as it stands in a cell of a report: the text in curly
 * quotation marks, then its label ("“We pooled it.” (Int1, GP)"). With `flat`, line feeds
 * become " / " so that it stays on one line. */
bool cmd_quotes_cite(const struct quote_set *set, size_t index, bool flat, struct strbuf *out);

#endif
