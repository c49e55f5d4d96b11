/* Commands that create a project and bring material into it. Each takes argv[0] as the command
 * name and returns an exit status (enum cli_status). */
#ifndef MARGIN_CLI_IMPORTS_H
#define MARGIN_CLI_IMPORTS_H

int imports_init(int argc, char **argv);     /* margin init PROJECT */
int imports_sources(int argc, char **argv);  /* margin import PROJECT FILE... */
int imports_codebook(int argc, char **argv); /* margin codebook import PROJECT FILE */
int imports_cases(int argc, char **argv);    /* margin cases import PROJECT FILE */
int imports_code(int argc, char **argv);     /* margin code PROJECT --coder ... */
int imports_codings(int argc, char **argv);  /* margin codings import PROJECT FILE */

#endif
