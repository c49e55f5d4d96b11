/* margin merge PROJECT OTHER: the codings of another copy of a project, merged into this one. */
#ifndef MARGIN_CLI_CMD_MERGE_H
#define MARGIN_CLI_CMD_MERGE_H

#include "cli/cli.h"

/* Returns an exit status (enum cli_status); the row is in cli/commands.c. */
int cmd_merge_run(struct cli_call *call);

#endif
