/* Commands that create a project and bring material into it (their rows are in cli/commands.c).
 * Each returns an exit status (enum cli_status). */
#ifndef MARGIN_CLI_CMD_IMPORT_H
#define MARGIN_CLI_CMD_IMPORT_H

#include "cli/cli.h"

int cmd_import_init(struct cli_call *call);     /* margin init PROJECT */
int cmd_import_sources(struct cli_call *call);  /* margin import PROJECT FILE... */
int cmd_import_codebook(struct cli_call *call); /* margin codebook import PROJECT FILE */
int cmd_import_cases(struct cli_call *call);    /* margin cases import PROJECT FILE */
int cmd_import_code(struct cli_call *call);     /* margin code PROJECT --coder ... */
int cmd_import_codings(struct cli_call *call);  /* margin codings import PROJECT FILE */

#endif
