/* margin merge PROJECT OTHER: the codings of another copy of a project, merged into this one. */
#ifndef MARGIN_CLI_CMD_MERGE_H
#define MARGIN_CLI_CMD_MERGE_H

/* Takes argv[0] as the command name and returns an exit status (enum cli_status). */
int cmd_merge_run(int argc, char **argv);

#endif
