/* margin agreement --ratings FILE: agreement on unit-level ratings from a CSV file. */
#ifndef MARGIN_CLI_CMD_AGREEMENT_H
#define MARGIN_CLI_CMD_AGREEMENT_H

/* Takes argv[0] as the command name and returns an exit status (enum cli_status). */
int cmd_agreement_run(int argc, char **argv);

#endif
