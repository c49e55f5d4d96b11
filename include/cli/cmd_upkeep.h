/* Commands that look after a project file (their rows are in cli/commands.c). Each returns an
 * exit status (enum cli_status). */
#ifndef MARGIN_CLI_CMD_UPKEEP_H
#define MARGIN_CLI_CMD_UPKEEP_H

#include "cli/cli.h"

int cmd_upkeep_check(struct cli_call *call);  /* margin check PROJECT */
int cmd_upkeep_backup(struct cli_call *call); /* margin backup PROJECT DEST */
/* margin settings PROJECT [NAME] [VALUE] */
int cmd_upkeep_settings(struct cli_call *call);

#endif
