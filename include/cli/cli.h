/* The command line: `margin COMMAND [ARGS...]` for every job that needs no screen. */
#ifndef MARGIN_CLI_CLI_H
#define MARGIN_CLI_CLI_H

#include "cli/options.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "model/project.h"

#include <stdbool.h>
#include <stdio.h>

/* Exit statuses of every command. */
enum cli_status {
    CLI_OK = 0,
    CLI_USER_ERROR = 1,
    CLI_INTERNAL_ERROR = 2,
};

/* True when `name` is a command (so that `margin NAME` is not taken for a project). */
bool cli_is_command(const char *name);

/* Runs `margin argv[1] ...` and returns its exit status. argv[1] must be a command. */
int cli_main(int argc, char **argv);

/* Prints the list of commands (for `margin --help`). */
void cli_print_commands(void);

/* Reports an error on standard error as "margin: MESSAGE" and returns the matching status. */
int cli_report(const struct error *err);

/* Reports a wrong use of a command with its usage line; returns CLI_USER_ERROR. */
int cli_usage_error(const char *command, const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Opens a command's project. On failure reports why and sets *status; returns NULL. */
struct project *cli_open(const char *path, enum project_access access, int *status);

/* Writes a command's output to `target`: standard output for NULL or "-", else a file replaced
 * only once it is complete. write(out, context, err) does the writing and returns false with a
 * message when it fails. Returns false with a message (the disk is full, say), the file left as
 * it was. */
bool cli_write(const char *target, bool (*write)(FILE *out, void *context, struct error *err),
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

/* How a command is used: its usage line, its help text, its options and how many positional
 * arguments it takes (max_args -1 for any number). */
struct cli_spec {
    const char *usage;
    const char *help;
    const struct option_spec *options;
    size_t noptions;
    int min_args;
    int max_args;
};

/* Parses a command's arguments. Returns true when the command should go on; otherwise it has
 * printed the help (status CLI_OK) or a usage error (CLI_USER_ERROR) and sets *status. */
bool cli_parse(int argc, char **argv, const struct cli_spec *spec, struct parsed_options *out,
               int *status);

#endif
