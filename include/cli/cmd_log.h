/* margin log: the journal as an audit trail (its row is in cli/commands.c). */
#ifndef MARGIN_CLI_CMD_LOG_H
#define MARGIN_CLI_CMD_LOG_H

#include "cli/cli.h"

int cmd_log(struct cli_call *call); /* margin log PROJECT */

#endif
