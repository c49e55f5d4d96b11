#include "cli/options.h"

#include <stdio.h>
#include <string.h>

static int find_spec(const struct option_spec *specs, size_t nspecs, const char *name, size_t n)
{
    for (size_t i = 0; i < nspecs; i++) {
        if (strlen(specs[i].name) == n && strncmp(specs[i].name, name, n) == 0)
            return (int)i;
    }
    return -1;
}

bool options_parse(int argc, char **argv, const struct option_spec *specs, size_t nspecs,
                   struct parsed_options *out, char *reason, size_t size)
{
    memset(out, 0, sizeof *out);
    /* Positional arguments are gathered in place at the front of argv + 1. */
    out->positional = argv + 1;
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        char *arg = argv[i];
        if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0) {
            out->positional[out->npositional++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            options_done = true;
            continue;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            out->help = true;
            continue;
        }
        if (strncmp(arg, "--", 2) != 0) {
            snprintf(reason, size, "unknown option '%s'", arg);
            return false;
        }
        const char *name = arg + 2;
        const char *eq = strchr(name, '=');
        size_t n = eq ? (size_t)(eq - name) : strlen(name);
        int spec = find_spec(specs, nspecs, name, n);
        if (spec < 0) {
            snprintf(reason, size, "unknown option '--%.*s'", (int)n, name);
            return false;
        }
        const char *value = NULL;
        if (specs[spec].value) {
            if (eq) {
                value = eq + 1;
            } else if (i + 1 < argc) {
                value = argv[++i];
            } else {
                snprintf(reason, size, "--%s needs a value (%s)", specs[spec].name,
                         specs[spec].value);
                return false;
            }
        } else if (eq) {
            snprintf(reason, size, "--%s takes no value", specs[spec].name);
            return false;
        } else {
            value = "";
        }
        size_t *count = &out->counts[spec];
        if (*count > 0 && !specs[spec].repeatable) {
            snprintf(reason, size, "--%s is given more than once", specs[spec].name);
            return false;
        }
        if (*count == OPTION_VALUES_MAX) {
            snprintf(reason, size, "--%s is given too many times", specs[spec].name);
            return false;
        }
        out->values[spec][(*count)++] = value;
    }
    return true;
}

const char *options_value(const struct parsed_options *parsed, size_t index)
{
    size_t count = parsed->counts[index];
    return count ? parsed->values[index][count - 1] : NULL;
}
