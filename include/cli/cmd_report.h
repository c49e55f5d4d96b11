/* Commands that read a project and report on it or export from it. Each takes argv[0] as the
 * command name and returns an exit status (enum cli_status). */
#ifndef MARGIN_CLI_CMD_REPORT_H
#define MARGIN_CLI_CMD_REPORT_H

int cmd_report_info(int argc, char **argv);     /* margin info PROJECT */
int cmd_report_list(int argc, char **argv);     /* margin list PROJECT WHAT */
int cmd_report_export(int argc, char **argv);   /* margin export PROJECT --segments FILE */
int cmd_report_codebook(int argc, char **argv); /* margin codebook export PROJECT */

#endif
