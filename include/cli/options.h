/* Option parsing shared by the commands: GNU-style long options, anywhere on the line. */
#ifndef MARGIN_CLI_OPTIONS_H
#define MARGIN_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

/* One option a command takes. `value` names its argument ("NAME"), NULL for a flag. */
struct option_spec {
    const char *name;
    const char *value;
    bool repeatable;
};

#define OPTIONS_MAX       16
#define OPTION_VALUES_MAX 64

/* What was given on the command line. */
struct parsed_options {
    const char *values[OPTIONS_MAX][OPTION_VALUES_MAX]; /* per spec: the values given */
    size_t counts[OPTIONS_MAX];
    char **positional;
    int npositional;
    bool help;
};

/* Parses argv[1..argc) (argv[0] is the command) against specs[0..nspecs). Accepts --name VALUE,
 * --name=VALUE and -- to end options; --help is always known. On a mistake returns false and
 * writes why into reason (size bytes). */
bool options_parse(int argc, char **argv, const struct option_spec *specs, size_t nspecs,
                   struct parsed_options *out, char *reason, size_t size);

/* The last value given for spec `index`, or NULL. */
const char *options_value(const struct parsed_options *parsed, size_t index);

#endif
