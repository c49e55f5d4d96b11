/* Matching a command line to a command's row of the command table: GNU-style long options
 * anywhere on the line, positional arguments counted against the row's arguments, required
 * options and values chosen from a list. */
#ifndef MARGIN_CLI_OPTIONS_H
#define MARGIN_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

enum option_flags {
    OPTION_REQUIRED = 1 << 0,   /* the command cannot run without it */
    OPTION_REPEATABLE = 1 << 1, /* it may be given more than once; every value counts */
};

/* One option a command takes. A list of options ends with an entry whose name is NULL. */
struct option_spec {
    const char *name;  /* without the dashes: "coder" is given as --coder */
    const char *value; /* what its value is called in the usage line: "NAME", "A,B[,C...]", or
                          lowercase words joined by | ("yaml|csv") for the only values it takes;
                          NULL for a flag, which takes no value */
    const char *help;  /* one line for the help and the manual, scdoc markup */
    unsigned flags;    /* enum option_flags */
};

#define OPTIONS_MAX       32
#define OPTION_VALUES_MAX 64

/* What was given on the command line. */
struct parsed_options {
    const char *values[OPTIONS_MAX][OPTION_VALUES_MAX]; /* per option: the values given */
    size_t counts[OPTIONS_MAX];
    char **positional;
    int npositional;
    bool help; /* --help or -h */
};

/* Parses argv[1..argc) (argv[0] is the command) against `specs` (NULL for none). Accepts
 * --name VALUE, --name=VALUE and -- to end options; --help and -h are always known. Positional
 * arguments are gathered in place at the front of argv + 1. On a mistake (an unknown option, a
 * missing value, a value for a flag, a second value for an option that takes one) returns false
 * and writes why into reason (size bytes). */
bool options_parse(int argc, char **argv, const struct option_spec *specs,
                   struct parsed_options *out, char *reason, size_t size);

/* Checks what was parsed against `specs` and `arguments` (a row's positional arguments, as
 * options_arity() reads them): the number of positional arguments, a positional word of choices
 * ("sources|codes") given one of them, every required option given, and every option of choices
 * given one of them. Returns false and writes the first mistake into reason. */
bool options_check(const struct parsed_options *parsed, const struct option_spec *specs,
                   const char *arguments, char *reason, size_t size);

/* How many positional arguments `arguments` takes: one per word ("PROJECT FILE"), fewer when
 * words are in [brackets] ("[COMMAND [VERB]]"), and any number from a word ending in "...". Sets
 * *max to -1 for any number. */
void options_arity(const char *arguments, int *min, int *max);

/* The index of the option named `name` in specs, or -1. */
int options_find(const struct option_spec *specs, const char *name);

/* Whether a value name is a list of the only values an option takes ("yaml|csv"). */
bool options_is_choice_list(const char *value_name);

#endif
