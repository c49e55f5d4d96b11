/* margin: `margin COMMAND ...` runs a command; `margin [OPTIONS] PROJECT` opens the project. */
#include "app/tui.h"
#include "cli/cli.h"
#include "cli/usage.h"
#include "core/strbuf.h"
#include "input/actions.h"
#include "input/script.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints a section of margin(1) that write() makes (--keys-doc, --commands-doc). */
static int print_doc(bool (*write)(struct strbuf *out))
{
    struct strbuf out = STRBUF_INIT;
    bool ok = write(&out);
    fputs(strbuf_str(&out), stdout);
    strbuf_finish(&out);
    return ok ? CLI_OK : CLI_INTERNAL_ERROR;
}

/* Reads `margin [--coder NAME] [--script FILE] [--size RxC] PROJECT`. */
static int open_project(int argc, char **argv)
{
    struct tui_options options = {.rows = 24, .cols = 80, .dump = stdout};
    const char *no_colour = getenv("NO_COLOR");
    options.colour = !no_colour || !*no_colour;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        bool has_value = i + 1 < argc;
        if (strcmp(arg, "--coder") == 0 && has_value) {
            options.coder = argv[++i];
        } else if (strcmp(arg, "--consensus") == 0 && has_value) {
            options.consensus = argv[++i];
        } else if (strcmp(arg, "--script") == 0 && has_value) {
            options.script = argv[++i];
        } else if (strcmp(arg, "--size") == 0 && has_value) {
            if (!script_parse_size(argv[++i], &options.rows, &options.cols)) {
                fprintf(stderr, "margin: --size takes ROWSxCOLS, such as 24x80\n");
                return CLI_USER_ERROR;
            }
        } else if (arg[0] == '-' && arg[1] != '\0') {
            fprintf(stderr, "margin: unknown option '%s' (or it needs a value)\n", arg);
            usage_print_overview(stderr, false);
            return CLI_USER_ERROR;
        } else if (!options.project) {
            options.project = arg;
        } else {
            fprintf(stderr, "margin: one project at a time ('%s' and '%s')\n", options.project,
                    arg);
            return CLI_USER_ERROR;
        }
    }
    if (!options.project) {
        fprintf(stderr, "margin: which project?\n");
        usage_print_overview(stderr, false);
        return CLI_USER_ERROR;
    }
    return tui_run(&options);
}

/* Makes sure that what was printed reached standard output: a listing sent to a full disk must
 * not end as a success. Returns the exit status. */
static int finish(int status)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return status;
    if (errno)
        fprintf(stderr, "margin: could not write to standard output: %s\n", strerror(errno));
    else
        fprintf(stderr, "margin: could not write all of the output to standard output\n");
    return status == CLI_OK ? CLI_USER_ERROR : status;
}

static int run(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    /* A write past a file size limit is an error to report (the disk is as good as full), not a
     * reason to die half-way. */
    signal(SIGXFSZ, SIG_IGN);

    if (argc < 2) {
        usage_print_overview(stderr, false);
        return CLI_USER_ERROR;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage_print_overview(stdout, true);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("margin %s\n", MARGIN_VERSION);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--keys-doc") == 0)
        return print_doc(actions_write_manual);
    if (strcmp(argv[1], "--commands-doc") == 0)
        return print_doc(usage_write_manual);
    if (cli_claims(argv[1]))
        return cli_main(argc, argv);
    return open_project(argc, argv);
}

int main(int argc, char **argv)
{
    return finish(run(argc, argv));
}
