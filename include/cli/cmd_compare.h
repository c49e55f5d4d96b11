/* margin compare PROJECT --coders A,B[,C...]: agreement between coders' codings, code by code. */
#ifndef MARGIN_CLI_CMD_COMPARE_H
#define MARGIN_CLI_CMD_COMPARE_H

/* Takes argv[0] as the command name and returns an exit status (enum cli_status). */
int cmd_compare_run(int argc, char **argv);

#endif
