/* Commands that create a project and bring material into it. Each takes argv[0] as the command
 * name and returns an exit status (enum cli_status). */
#ifndef MARGIN_CLI_CMD_IMPORT_H
#define MARGIN_CLI_CMD_IMPORT_H

int cmd_import_init(int argc, char **argv);     /* margin init PROJECT */
int cmd_import_sources(int argc, char **argv);  /* margin import PROJECT FILE... */
int cmd_import_codebook(int argc, char **argv); /* margin codebook import PROJECT FILE */
int cmd_import_cases(int argc, char **argv);    /* margin cases import PROJECT FILE */
int cmd_import_code(int argc, char **argv);     /* margin code PROJECT --coder ... */
int cmd_import_codings(int argc, char **argv);  /* margin codings import PROJECT FILE */

#endif
