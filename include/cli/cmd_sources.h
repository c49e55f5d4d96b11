/* Commands that change sources after coding: a new text, detached codings (their rows are in
 * cli/commands.c). Each returns an exit status (enum cli_status). */
#ifndef MARGIN_CLI_CMD_SOURCES_H
#define MARGIN_CLI_CMD_SOURCES_H

#include "cli/cli.h"

int cmd_sources_update(struct cli_call *call);   /* margin source update PROJECT SOURCE FILE */
int cmd_sources_detached(struct cli_call *call); /* margin detached PROJECT */
int cmd_sources_redact(struct cli_call *call);   /* margin redact PROJECT --map FILE */
int cmd_sources_rename(struct cli_call *call);   /* margin source rename PROJECT SOURCE NAME */
int cmd_sources_delete(struct cli_call *call);   /* margin source delete PROJECT SOURCE */
int cmd_sources_relink(struct cli_call *call);   /* margin source relink PROJECT SOURCE */
int cmd_cases_manage(struct cli_call *call);     /* margin case rename|set|delete|merge ... */
int cmd_coders_manage(struct cli_call *call);    /* margin coder rename|delete|merge ... */

#endif
