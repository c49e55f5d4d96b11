/* Memos on the command line: every memo exported, and one written (model/memos.h). Each returns
 * an exit status (enum cli_status); the rows are in cli/commands.c. */
#ifndef MARGIN_CLI_CMD_MEMO_H
#define MARGIN_CLI_CMD_MEMO_H

#include "cli/cli.h"

int cmd_memo_list(struct cli_call *call); /* margin memos PROJECT */
int cmd_memo_set(struct cli_call *call);  /* margin memo PROJECT --source S ... */

#endif
