/* margin compare PROJECT --coders A,B[,C...]: agreement between coders' codings, code by code. */
#ifndef MARGIN_CLI_CMD_COMPARE_H
#define MARGIN_CLI_CMD_COMPARE_H

#include "cli/cli.h"

/* Returns an exit status (enum cli_status); the row is in cli/commands.c. */
int cmd_compare_run(struct cli_call *call);

#endif
