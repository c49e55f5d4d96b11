/* The command line: `margin COMMAND [ARGS...]` for every job that needs no screen.
 *
 * Every command is one row of the command table (cli/commands.h): its name, arguments, options,
 * help and how it reaches its project. The code here reads the command line against the row
 * once, opens the project the row asks for, runs the command's function with a small context
 * (struct cli_call) and closes the project after it; the help, the usage lines and the manual's
 * COMMANDS section are written from the same rows (cli/usage.h). */
#ifndef MARGIN_CLI_CLI_H
#define MARGIN_CLI_CLI_H

#include "cli/options.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Exit statuses of every command. */
enum cli_status {
    CLI_OK = 0,
    CLI_USER_ERROR = 1,
    CLI_INTERNAL_ERROR = 2,
};

/* How a command reaches the project named by its first argument. */
enum cli_access {
    CLI_NO_PROJECT, /* it opens none, or opens the file itself (to create it, or to check a file
                       that may be too damaged to open as a project) */
    CLI_READ_ONLY,
    CLI_READ_WRITE,
};

struct cli_call;

/* One command: a row of the command table. */
struct cli_command {
    const char *name;    /* one word ("init"), or a noun and a verb ("codebook import") */
    const char *summary; /* one line for `margin --help` */
    /* The positional arguments as the usage line shows them ("PROJECT FILE..."): a word in
     * [brackets] is optional, a word ending in "..." takes any number, and a word of lowercase
     * words joined by | ("sources|codes") takes one of them. NULL for none. */
    const char *arguments;
    /* What the command does, for its --help and the manual: scdoc markup (*bold*, _underline_),
     * one sentence per line, a blank line between paragraphs. */
    const char *help;
    const struct option_spec *options; /* ending with an entry whose name is NULL; NULL for none */
    enum cli_access access;
    int (*run)(struct cli_call *call); /* returns an exit status (enum cli_status) */
};

/* What a command's function gets. */
struct cli_call {
    const struct cli_command *command;
    char **args; /* the positional arguments, checked against the row */
    size_t nargs;
    struct project *project; /* args[0], open as the row's access says; NULL for CLI_NO_PROJECT */
    struct parsed_options options; /* read with cli_option(), cli_flag() and cli_values() */
};

/* True when `arg`, the first argument of `margin ARG ...`, is for the command line rather than
 * a project to open on screen: a command's name or noun, or a word that names no file and has
 * no "/" or "." in it (a mistyped command, which cli_main() reports as one). */
bool cli_claims(const char *arg);

/* Runs `margin argv[1] ...` (argv[1] as cli_claims() accepts it) and returns its exit status. A
 * word that is no command is reported as "unknown command", with the command it is most likely
 * a mistyping of; a noun without one of its verbs is reported with its verbs. */
int cli_main(int argc, char **argv);

/* The last value given for the option `name` of the call's command, or NULL when it was not
 * given. `name` must be one of the row's options. */
const char *cli_option(const struct cli_call *call, const char *name);

/* Whether the flag (an option without a value) `name` was given. */
bool cli_flag(const struct cli_call *call, const char *name);

/* Every value given for the option `name`, in order; sets *count (0 when none). */
const char *const *cli_values(const struct cli_call *call, const char *name, size_t *count);

/* Reports a wrong use of the call's command with its usage line; returns CLI_USER_ERROR. */
int cli_misuse(const struct cli_call *call, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reports an error on standard error as "margin: MESSAGE" and returns the matching status. */
int cli_report(const struct error *err);

/* Writes a command's output to `target`: standard output for NULL or "-", else a file replaced
 * only once it is complete. write(out, context, err) does the writing and returns false with a
 * message when it fails. Returns false with a message (the disk is full, say), the file left as
 * it was. */
bool cli_write(const char *target, bool (*write)(FILE *out, void *context, struct error *err),
               void *context, struct error *err);

struct xlsx;

/* Writes a workbook (io/xlsx.h) of one sheet named `sheet` to `path` through fill(x, context),
 * as every export is written (cli_write(): never over a project, into devices and FIFOs in
 * place, write errors reported). Returns false with a message when it cannot be written. */
bool cli_write_workbook(const char *path, const char *sheet,
                        void (*fill)(struct xlsx *x, const void *context), const void *context,
                        struct error *err);

/* The project setting that makes every CSV file written from the project safe for
 * spreadsheets ("on"; "off" or unset for exact cells). */
#define CLI_SAFE_CSV_SETTING "safe-csv"

/* Sets *safe to whether the CSV the call writes neutralises formula-like cells
 * (csv_formula_like() in io/csv.h): the command's --safe-csv when given, else the environment
 * variable MARGIN_SAFE_CSV when set (1 or 0), else the project's setting CLI_SAFE_CSV_SETTING
 * (`project` may be NULL: none). Returns false with a message when MARGIN_SAFE_CSV or the
 * setting holds anything else, or the setting cannot be read. */
bool cli_safe_csv(const struct cli_call *call, struct project *project, bool *safe,
                  struct error *err);

/* cli_write() for a command that may write CSV: when `csv` and cli_safe_csv() is true, what
 * write() writes is neutralised (csv_neutralise()) on its way to `target`. */
bool cli_write_as(const struct cli_call *call, struct project *project, bool csv,
                  const char *target, bool (*write)(FILE *out, void *context, struct error *err),
                  void *context, struct error *err);

/* Appends s to out with its control characters made visible as the screen shows them: C0
 * controls and DEL in caret notation (ESC as "^[", a line feed as "^J", a tab as "^I"), C1
 * controls and bytes that are not UTF-8 as "<9b>", bidirectional overrides as "<202e>". Listings
 * and messages for people pass text from a project (names, memos) through it, so that the text
 * cannot move the cursor, clear the screen or retitle the terminal; CSV, YAML and JSON output stays
 * exact. Returns false when memory runs out. */
bool cli_visible(struct strbuf *out, const char *s);

/* Writes s to a stream as cli_visible() shows it; false when memory runs out. */
bool cli_put_visible(FILE *stream, const char *s);

/* Prints a message for people on standard output, printf-style, with the control characters of
 * what it quotes (project and file names, say) made visible; line feeds and tabs stay. */
void cli_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints s and then spaces up to `columns` terminal columns (at least one space after it),
 * measuring characters by display width so that tables line up with any names. */
void cli_cell(const char *s, size_t columns);

/* Reads a whole number from lo to hi (at most nine digits, no sign) into *value; false for
 * anything else. */
bool cli_parse_whole(const char *s, long lo, long hi, long *value);

#endif
