/* margin agreement --ratings FILE: agreement on unit-level ratings from a CSV file. */
#ifndef MARGIN_CLI_CMD_AGREEMENT_H
#define MARGIN_CLI_CMD_AGREEMENT_H

#include "cli/cli.h"

/* Returns an exit status (enum cli_status); the row is in cli/commands.c. */
int cmd_agreement_run(struct cli_call *call);

#endif
