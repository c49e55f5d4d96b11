#include "cli/cmd_help.h"

#include "cli/commands.h"
#include "cli/usage.h"

#include <stdio.h>
#include <string.h>

int cmd_help_run(struct cli_call *call)
{
    if (call->nargs == 0) {
        usage_print_overview(stdout, true);
        return CLI_OK;
    }
    /* A command's name, or a noun alone for each of its commands. */
    char name[128];
    snprintf(name, sizeof name, "%s%s%s", call->args[0], call->nargs > 1 ? " " : "",
             call->nargs > 1 ? call->args[1] : "");
    size_t n = strlen(name);
    const char *sep = "";
    for (size_t i = 0; i < commands_count; i++) {
        const char *command = commands_table[i].name;
        if (strcmp(command, name) == 0 ||
            (call->nargs == 1 && strncmp(command, name, n) == 0 && command[n] == ' ')) {
            fputs(sep, stdout);
            usage_print_help(stdout, &commands_table[i]);
            sep = "\n";
        }
    }
    if (*sep)
        return CLI_OK;
    return cli_misuse(call, "unknown command '%s'; `margin --help` lists the commands", name);
}
