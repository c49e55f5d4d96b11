/* Commands that look after a project file. Each takes argv[0] as the command name and returns
 * an exit status (enum cli_status). */
#ifndef MARGIN_CLI_CMD_UPKEEP_H
#define MARGIN_CLI_CMD_UPKEEP_H

int cmd_upkeep_check(int argc, char **argv);  /* margin check PROJECT */
int cmd_upkeep_backup(int argc, char **argv); /* margin backup PROJECT DEST */

#endif
