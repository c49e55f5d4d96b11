/* Commands that read a project and report on it or export from it (their rows are in
 * cli/commands.c). Each returns an exit status (enum cli_status). */
#ifndef MARGIN_CLI_CMD_REPORT_H
#define MARGIN_CLI_CMD_REPORT_H

#include "cli/cli.h"

int cmd_report_info(struct cli_call *call);     /* margin info PROJECT */
int cmd_report_list(struct cli_call *call);     /* margin list PROJECT WHAT */
int cmd_report_export(struct cli_call *call);   /* margin export PROJECT --segments FILE */
int cmd_report_codebook(struct cli_call *call); /* margin codebook export PROJECT */
int cmd_report_turns(struct cli_call *call);    /* margin turns PROJECT [--pattern REGEX] */

#endif
