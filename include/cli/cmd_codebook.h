/* Changing the codebook from the command line: each command is one row of cli/commands.c and
 * one undoable batch of the coder named by --coder (model/codebook.h), as the screen's edits
 * are, so that the coder's `u` on the screen undoes it. Each returns an exit status (enum
 * cli_status). */
#ifndef MARGIN_CLI_CMD_CODEBOOK_H
#define MARGIN_CLI_CMD_CODEBOOK_H

#include "cli/cli.h"

int cmd_codebook_add(struct cli_call *call);      /* margin codebook add PROJECT NAME */
int cmd_codebook_rename(struct cli_call *call);   /* margin codebook rename PROJECT CODE NAME */
int cmd_codebook_move(struct cli_call *call);     /* margin codebook move PROJECT CODE WHERE */
int cmd_codebook_merge(struct cli_call *call);    /* margin codebook merge PROJECT CODE INTO */
int cmd_codebook_delete(struct cli_call *call);   /* margin codebook delete PROJECT CODE */
int cmd_codebook_renumber(struct cli_call *call); /* margin codebook renumber PROJECT */
int cmd_codebook_editors(struct cli_call *call);  /* margin codebook editors PROJECT [NAMES] */

#endif
