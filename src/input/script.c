#include "input/script.h"

#include "core/list.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool script_parse_size(const char *s, int *rows, int *cols)
{
    char *end;
    long r = strtol(s, &end, 10);
    if (end == s || *end != 'x')
        return false;
    const char *c_start = end + 1;
    long c = strtol(c_start, &end, 10);
    if (end == c_start || *end != '\0' || r < 1 || r > 1000 || c < 1 || c > 1000)
        return false;
    *rows = (int)r;
    *cols = (int)c;
    return true;
}

static bool push(struct script *out, struct script_step step, struct error *err)
{
    if (!LIST_PUSH(out, step))
        return error_internal(err, "out of memory reading a script");
    return true;
}

/* Reads <Press:R,C>-style mouse tokens; returns false if `name` is not one. */
static bool parse_mouse(const char *name, size_t n, struct input_event *event)
{
    static const struct {
        const char *word;
        enum mouse_kind kind;
    } kinds[] = {{"Press:", MOUSE_PRESS},
                 {"Drag:", MOUSE_DRAG},
                 {"Release:", MOUSE_RELEASE},
                 {"WheelUp:", MOUSE_WHEEL_UP},
                 {"WheelDown:", MOUSE_WHEEL_DOWN}};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        size_t len = strlen(kinds[k].word);
        if (n <= len || strncmp(name, kinds[k].word, len) != 0)
            continue;
        char coords[32];
        snprintf(coords, sizeof coords, "%.*s", (int)(n - len), name + len);
        int row, col;
        char extra;
        if (sscanf(coords, "%d,%d%c", &row, &col, &extra) != 2 || row < 0 || col < 0)
            return false;
        *event = (struct input_event){KEYS_MOUSE, kinds[k].kind, row, col};
        return true;
    }
    return false;
}

/* Pushes the character at line[*i] as a key press and moves *i past it; refuses bytes that are
 * not UTF-8, naming the column. */
static bool push_character(const char *line, size_t len, size_t *i, struct script_step step,
                           const char *name, struct script *out, struct error *err)
{
    uint32_t cp;
    size_t cp_len = utf8_decode(line + *i, len - *i, &cp);
    if (cp_len == 0)
        return error_user(err, "%s:%zu:%zu: not valid UTF-8", name, step.line, *i + 1);
    step.input = (struct input_event){.key = (int)cp};
    *i += cp_len;
    return push(out, step, err);
}

/* Parses one line of key tokens. */
static bool parse_keys(const char *line, size_t len, size_t line_no, const char *name,
                       struct script *out, struct error *err)
{
    size_t i = 0;
    while (i < len) {
        if (line[i] == ' ' || line[i] == '\t') {
            i++;
            continue;
        }
        struct script_step step = {.kind = STEP_INPUT, .line = line_no};
        if (line[i] == '<') {
            const char *close = memchr(line + i, '>', len - i);
            size_t name_len = close ? (size_t)(close - line - i - 1) : 0;
            if (!close || name_len == 0) {
                return error_user(err,
                                  "%s:%zu:%zu: '<' starts a key name that never ends (type "
                                  "<lt> for '<')",
                                  name, line_no, i + 1);
            }
            const char *key_name = line + i + 1;
            int key = keys_parse_name(key_name, name_len);
            if (key != KEYS_NONE) {
                step.input = (struct input_event){.key = key};
            } else if (!parse_mouse(key_name, name_len, &step.input)) {
                return error_user(err, "%s:%zu:%zu: unknown key <%.*s>", name, line_no, i + 1,
                                  (int)name_len, key_name);
            }
            if (!push(out, step, err))
                return false;
            i = (size_t)(close - line) + 1;
            continue;
        }
        if (line[i] == '"') {
            size_t open = i++;
            while (i < len && line[i] != '"') {
                if (line[i] == '\\' && i + 1 < len)
                    i++;
                if (!push_character(line, len, &i, step, name, out, err))
                    return false;
            }
            if (i >= len)
                return error_user(err, "%s:%zu:%zu: a quoted text that never ends", name, line_no,
                                  open + 1);
            i++;
            continue;
        }
        if (!push_character(line, len, &i, step, name, out, err))
            return false;
    }
    return true;
}

bool script_parse(const char *data, size_t n, const char *name, struct script *out,
                  struct error *err)
{
    memset(out, 0, sizeof *out);
    size_t line_no = 0;
    size_t start = 0;
    while (start < n) {
        const char *nl = memchr(data + start, '\n', n - start);
        size_t end = nl ? (size_t)(nl - data) : n;
        const char *line = data + start;
        size_t len = end - start;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        line_no++;
        start = end + 1;

        size_t lead = 0;
        while (lead < len && (line[lead] == ' ' || line[lead] == '\t'))
            lead++;
        if (lead >= len || line[lead] == '#')
            continue;
        if (len - lead >= 7 && strncmp(line + lead, "@expect", 7) == 0 &&
            (len - lead == 7 || line[lead + 7] == ' ')) {
            struct script_step step = {.kind = STEP_EXPECT, .line = line_no};
            size_t from = lead + (len - lead > 7 ? 8 : 7);
            if (from == len || memchr(line + from, '\0', len - from)) {
                script_finish(out);
                return error_user(err, "%s:%zu:%zu: @expect needs the text to look for%s", name,
                                  line_no, lead + 1, from == len ? "" : ", without NUL bytes");
            }
            if (!(step.text = strndup(line + from, len - from))) {
                script_finish(out);
                return error_internal(err, "out of memory reading %s", name);
            }
            if (!push(out, step, err)) {
                free(step.text);
                script_finish(out);
                return false;
            }
            continue;
        }
        if (line[lead] == '@') {
            char directive[64];
            snprintf(directive, sizeof directive, "%.*s", (int)(len - lead), line + lead);
            while (directive[0] && (directive[strlen(directive) - 1] == ' ' ||
                                    directive[strlen(directive) - 1] == '\t'))
                directive[strlen(directive) - 1] = '\0';
            struct script_step step = {.line = line_no};
            if (strcmp(directive, "@screen") == 0) {
                step.kind = STEP_SCREEN;
            } else if (strcmp(directive, "@state") == 0) {
                step.kind = STEP_STATE;
            } else if (strncmp(directive, "@resize ", 8) == 0 &&
                       script_parse_size(directive + 8, &step.rows, &step.cols)) {
                step.kind = STEP_RESIZE;
            } else {
                script_finish(out);
                return error_user(err,
                                  "%s:%zu:%zu: unknown directive '%s' (use @screen, @state, "
                                  "@expect TEXT or @resize ROWSxCOLS)",
                                  name, line_no, lead + 1, directive);
            }
            if (!push(out, step, err)) {
                script_finish(out);
                return false;
            }
            continue;
        }
        if (!parse_keys(line, len, line_no, name, out, err)) {
            script_finish(out);
            return false;
        }
    }
    return true;
}

void script_finish(struct script *script)
{
    for (size_t i = 0; i < script->count; i++)
        free(script->items[i].text);
    free(script->items);
    memset(script, 0, sizeof *script);
}
