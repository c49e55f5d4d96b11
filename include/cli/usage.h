/* Help written from the command table: a command's usage line and help for the terminal, the
 * overview `margin --help` prints, and the COMMANDS section of margin(1) in scdoc.
 *
 * A row's help is written once, in scdoc markup; the terminal gets it without the markup, each
 * paragraph wrapped to USAGE_COLUMNS. */
#ifndef MARGIN_CLI_USAGE_H
#define MARGIN_CLI_USAGE_H

#include "cli/cli.h"
#include "core/strbuf.h"

#include <stdbool.h>
#include <stdio.h>

/* The width terminal help is wrapped to. */
#define USAGE_COLUMNS 79

/* Appends "usage: margin NAME ARGUMENTS OPTIONS" and a line feed, wrapped to USAGE_COLUMNS with
 * continuation lines indented under "margin": required options as "--name VALUE", others in
 * brackets, repeatable ones followed by "...". False when memory runs out. */
bool usage_line(struct strbuf *out, const struct cli_command *command);

/* Prints a command's usage line, its help and its options (what `margin COMMAND --help` says). */
void usage_print_help(FILE *out, const struct cli_command *command);

/* Prints how margin is run; with `commands`, every command's name and summary too (what
 * `margin --help` says). */
void usage_print_overview(FILE *out, bool commands);

/* Appends the COMMANDS section of margin(1), scdoc: each command's usage line, its help and its
 * options, in the order of the table. False when memory runs out. */
bool usage_write_manual(struct strbuf *out);

/* Appends s without its scdoc markup: *bold* and _underline_ as scdoc reads them (an underscore
 * inside a word stays), and a backslash's escape. False when memory runs out. */
bool usage_plain(struct strbuf *out, const char *s, size_t n);

#endif
