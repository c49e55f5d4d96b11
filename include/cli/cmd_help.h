/* margin help [COMMAND [VERB]]: what `margin --help` or `margin COMMAND --help` says. */
#ifndef MARGIN_CLI_CMD_HELP_H
#define MARGIN_CLI_CMD_HELP_H

#include "cli/cli.h"

int cmd_help_run(struct cli_call *call);

#endif
