/* Commands that read a project and report on it or export from it. Each takes argv[0] as the
 * command name and returns an exit status (enum cli_status). */
#ifndef MARGIN_CLI_REPORTS_H
#define MARGIN_CLI_REPORTS_H

int reports_info(int argc, char **argv);     /* margin info PROJECT */
int reports_list(int argc, char **argv);     /* margin list PROJECT WHAT */
int reports_export(int argc, char **argv);   /* margin export PROJECT --segments FILE */
int reports_codebook(int argc, char **argv); /* margin codebook export PROJECT */

#endif
