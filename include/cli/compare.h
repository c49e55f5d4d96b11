/* Commands that compare coders: agreement over a project's codings, agreement over unit-level
 * ratings from a CSV file, and merging the codings of another copy of a project. Each takes
 * argv[0] as the command name and returns an exit status (enum cli_status). */
#ifndef MARGIN_CLI_COMPARE_H
#define MARGIN_CLI_COMPARE_H

int compare_command_compare(int argc, char **argv);   /* margin compare PROJECT --coders A,B */
int compare_command_agreement(int argc, char **argv); /* margin agreement --ratings FILE */
int compare_command_merge(int argc, char **argv);     /* margin merge PROJECT OTHER */

#endif
