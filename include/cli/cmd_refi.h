/* Whole projects to and from other QDA programs as REFI-QDA 1.5 .qdpx archives (their rows are
 * in cli/commands.c). Each returns an exit status (enum cli_status). */
#ifndef MARGIN_CLI_CMD_REFI_H
#define MARGIN_CLI_CMD_REFI_H

#include "cli/cli.h"

int cmd_refi_import(struct cli_call *call); /* margin refi import PROJECT FILE.qdpx */
int cmd_refi_export(struct cli_call *call); /* margin refi export PROJECT FILE.qdpx */

#endif
