/* The command table: one row per command, in the order `margin --help` and the manual list
 * them. */
#ifndef MARGIN_CLI_COMMANDS_H
#define MARGIN_CLI_COMMANDS_H

#include "cli/cli.h"

#include <stddef.h>

extern const struct cli_command commands_table[];
extern const size_t commands_count;

#endif
