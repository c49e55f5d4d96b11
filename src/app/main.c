/* margin: `margin COMMAND ...` runs a command; `margin PROJECT` opens the project. */
#include "cli/cli.h"
#include "cli/reports.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static void print_usage(FILE *out)
{
    fprintf(out, "usage: margin PROJECT              open a project\n"
                 "       margin COMMAND [ARGS...]    run a command:\n\n");
    if (out == stdout)
        cli_print_commands();
    fprintf(out, "\n`margin COMMAND --help` describes a command; margin(1) describes them all.\n");
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    /* A write past a file size limit is an error to report (the disk is as good as full), not a
     * reason to die half-way. */
    signal(SIGXFSZ, SIG_IGN);

    if (argc < 2) {
        print_usage(stderr);
        return CLI_USER_ERROR;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_usage(stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("margin %s\n", MARGIN_VERSION);
        return CLI_OK;
    }
    if (cli_is_command(argv[1]))
        return cli_main(argc, argv);
    char *info[] = {"info", argv[1], NULL};
    return reports_info(2, info);
}
