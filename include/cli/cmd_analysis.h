/* Commands for the analysis after coding: retrieval, queries and counts; the framework matrix
 * is cli/cmd_matrix.h (their rows are in cli/commands.c). Each returns an exit status (enum
 * cli_status). */
#ifndef MARGIN_CLI_CMD_ANALYSIS_H
#define MARGIN_CLI_CMD_ANALYSIS_H

#include "cli/cli.h"

int cmd_analysis_retrieve(struct cli_call *call); /* margin retrieve PROJECT --code N */
int cmd_analysis_query(struct cli_call *call);    /* margin query PROJECT EXPR */
int cmd_analysis_counts(struct cli_call *call);   /* margin counts PROJECT */

#endif
