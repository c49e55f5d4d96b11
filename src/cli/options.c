#include "cli/options.h"

#include <stdio.h>
#include <string.h>

int options_find(const struct option_spec *specs, const char *name)
{
    for (int i = 0; specs && specs[i].name; i++) {
        if (strcmp(specs[i].name, name) == 0)
            return i;
    }
    return -1;
}

/* options_find() for the first n bytes of name. */
static int find_prefix(const struct option_spec *specs, const char *name, size_t n)
{
    for (int i = 0; specs && specs[i].name; i++) {
        if (strlen(specs[i].name) == n && strncmp(specs[i].name, name, n) == 0)
            return i;
    }
    return -1;
}

bool options_parse(int argc, char **argv, const struct option_spec *specs,
                   struct parsed_options *out, char *reason, size_t size)
{
    memset(out, 0, sizeof *out);
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
        int spec = find_prefix(specs, name, n);
        if (spec < 0 || spec >= OPTIONS_MAX) {
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
        if (*count > 0 && !(specs[spec].flags & OPTION_REPEATABLE)) {
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

bool options_is_choice_list(const char *value_name)
{
    return value_name && strchr(value_name, '|') &&
           strspn(value_name, "abcdefghijklmnopqrstuvwxyz-|") == strlen(value_name);
}

/* Whether `value` is one of the choices "a|b|c". */
static bool is_choice(const char *choices, const char *value)
{
    size_t n = strlen(value);
    for (const char *p = choices; *p;) {
        size_t len = strcspn(p, "|");
        if (len == n && strncmp(p, value, n) == 0)
            return true;
        p += len + (p[len] == '|');
    }
    return false;
}

/* Writes "a, b or c" for the choices "a|b|c". */
static void choices_text(const char *choices, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (const char *p = choices; *p && used < size;) {
        size_t len = strcspn(p, "|");
        const char *sep = used == 0 ? "" : p[len] ? ", " : " or ";
        int wrote = snprintf(out + used, size - used, "%s%.*s", sep, (int)len, p);
        used += wrote > 0 ? (size_t)wrote : 0;
        p += len + (p[len] == '|');
    }
}

/* Calls each(word, optional, context) for every word of `arguments`, and stops when it returns
 * false. A word is optional inside brackets; brackets and a trailing "..." stay in the word. */
static void each_word(const char *arguments, bool (*each)(const char *, size_t, bool, void *),
                      void *context)
{
    int depth = 0;
    const char *p = arguments ? arguments : "";
    while (*p) {
        if (*p == ' ') {
            p++;
            continue;
        }
        size_t len = strcspn(p, " ");
        bool optional = depth > 0 || *p == '[';
        for (size_t i = 0; i < len; i++)
            depth += p[i] == '[' ? 1 : p[i] == ']' ? -1 : 0;
        if (!each(p, len, optional, context))
            return;
        p += len;
    }
}

struct arity {
    int min;
    int max;
};

static bool count_word(const char *word, size_t len, bool optional, void *context)
{
    struct arity *a = context;
    size_t end = len;
    while (end > 0 && word[end - 1] == ']')
        end--;
    bool many = end >= 3 && strncmp(word + end - 3, "...", 3) == 0;
    a->min += !optional;
    if (a->max >= 0)
        a->max = many ? -1 : a->max + 1;
    return true;
}

void options_arity(const char *arguments, int *min, int *max)
{
    struct arity a = {0, 0};
    each_word(arguments, count_word, &a);
    *min = a.min;
    *max = a.max;
}

/* Finds the word at `index`, stripped of brackets and dots. */
struct word_at {
    int index;
    char word[128];
};

static bool find_word(const char *word, size_t len, bool optional, void *context)
{
    struct word_at *w = context;
    if (w->index-- > 0)
        return true;
    size_t start = strspn(word, "[");
    size_t end = len;
    while (end > start && (word[end - 1] == ']' || word[end - 1] == '.'))
        end--;
    snprintf(w->word, sizeof w->word, "%.*s", (int)(end - start), word + start);
    return false;
}

/* The word for missing arguments: "PROJECT FILE" of "PROJECT FILE...". */
static void missing_words(const char *arguments, int from, int to, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = from; i < to && used < size; i++) {
        struct word_at w = {i, ""};
        each_word(arguments, find_word, &w);
        int wrote = snprintf(out + used, size - used, "%s%s", used ? " " : "", w.word);
        used += wrote > 0 ? (size_t)wrote : 0;
    }
}

bool options_check(const struct parsed_options *parsed, const struct option_spec *specs,
                   const char *arguments, char *reason, size_t size)
{
    int min;
    int max;
    char choices[256];
    options_arity(arguments, &min, &max);
    if (parsed->npositional < min) {
        char missing[256];
        missing_words(arguments, parsed->npositional, min, missing, sizeof missing);
        snprintf(reason, size, "%s is missing", missing);
        return false;
    }
    if (max >= 0 && parsed->npositional > max) {
        snprintf(reason, size, "unexpected argument '%s'", parsed->positional[max]);
        return false;
    }
    for (int i = 0; i < parsed->npositional; i++) {
        struct word_at w = {i, ""};
        each_word(arguments, find_word, &w);
        if (options_is_choice_list(w.word) && !is_choice(w.word, parsed->positional[i])) {
            choices_text(w.word, choices, sizeof choices);
            snprintf(reason, size, "unknown argument '%s'; use %s", parsed->positional[i], choices);
            return false;
        }
    }
    for (int i = 0; specs && specs[i].name && i < OPTIONS_MAX; i++) {
        const struct option_spec *spec = &specs[i];
        if ((spec->flags & OPTION_REQUIRED) && parsed->counts[i] == 0) {
            snprintf(reason, size, "--%s%s%s is missing", spec->name, spec->value ? " " : "",
                     spec->value ? spec->value : "");
            return false;
        }
        for (size_t v = 0; options_is_choice_list(spec->value) && v < parsed->counts[i]; v++) {
            if (!is_choice(spec->value, parsed->values[i][v])) {
                choices_text(spec->value, choices, sizeof choices);
                snprintf(reason, size, "unknown %s '%s'; use %s", spec->name, parsed->values[i][v],
                         choices);
                return false;
            }
        }
    }
    return true;
}
