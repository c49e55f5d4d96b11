/* The framework matrix command: a case × code table of summaries, written in a format, and
 * setting one cell's summary (its row is in cli/commands.c). Returns an exit status (enum
 * cli_status). */
#ifndef MARGIN_CLI_CMD_MATRIX_H
#define MARGIN_CLI_CMD_MATRIX_H

#include "cli/cli.h"

int cmd_matrix_show(struct cli_call *call); /* margin matrix PROJECT */

#endif
