#include "input/actions.h"

#include "core/strbuf.h"
#include "core/utf8.h"
#include "input/keys.h"

#include <stdio.h>
#include <string.h>

static const struct action_info infos[ACTION_COUNT] = {
#define ACTION_INFO(id, scope, keys, help) [ACTION_##id] = {#id, SCOPE_##scope, keys, help},
    ACTIONS(ACTION_INFO)
#undef ACTION_INFO
};

static const char *const scope_titles[SCOPE_COUNT] = {
#define SCOPE_TITLE(id, title) [SCOPE_##id] = title,
    SCOPES(SCOPE_TITLE)
#undef SCOPE_TITLE
};

const struct action_info *actions_info(enum action action)
{
    return &infos[action];
}

const char *actions_scope_title(enum scope scope)
{
    return scope_titles[scope];
}

/* Reads the key sequence of one alternative ("gg", "<C-r>", "<lt>") from s[0..n) into keys.
 * Returns the number of keys, or 0 when it does not parse or is too long. */
static size_t parse_sequence(const char *s, size_t n, int keys[KEYMAP_SEQUENCE_MAX])
{
    size_t count = 0;
    size_t i = 0;
    while (i < n) {
        if (count == KEYMAP_SEQUENCE_MAX)
            return 0;
        if (s[i] == '<') {
            const char *close = memchr(s + i, '>', n - i);
            if (!close)
                return 0;
            int key = keys_parse_name(s + i + 1, (size_t)(close - s - i - 1));
            if (key == KEYS_NONE)
                return 0;
            keys[count++] = key;
            i = (size_t)(close - s) + 1;
        } else {
            uint32_t cp;
            size_t len = utf8_decode(s + i, n - i, &cp);
            if (len == 0)
                return 0;
            keys[count++] = (int)cp;
            i += len;
        }
    }
    return count;
}

enum match {
    MATCH_NONE,
    MATCH_PREFIX,
    MATCH_EXACT,
};

/* How the typed keys match one action's bindings. */
static enum match match_action(const struct action_info *info, const int *typed, size_t n)
{
    enum match best = MATCH_NONE;
    const char *s = info->keys;
    while (*s) {
        size_t len = strcspn(s, " ");
        int keys[KEYMAP_SEQUENCE_MAX];
        size_t count = parse_sequence(s, len, keys);
        if (count >= n && memcmp(keys, typed, n * sizeof *typed) == 0) {
            if (count == n)
                return MATCH_EXACT;
            best = MATCH_PREFIX;
        }
        s += len;
        while (*s == ' ')
            s++;
    }
    return best;
}

enum action keymap_feed(struct keymap_state *state, const enum scope *scopes, size_t nscopes,
                        int key)
{
    int typed[KEYMAP_SEQUENCE_MAX];
    size_t n = state->count;
    memcpy(typed, state->pending, n * sizeof *typed);
    typed[n++] = key;
    state->count = 0;
    for (size_t s = 0; s < nscopes; s++) {
        bool prefix = false;
        for (int a = ACTION_PENDING + 1; a < ACTION_COUNT; a++) {
            if (infos[a].scope != scopes[s])
                continue;
            enum match match = match_action(&infos[a], typed, n);
            if (match == MATCH_EXACT)
                return (enum action)a;
            prefix |= match == MATCH_PREFIX;
        }
        if (prefix && n < KEYMAP_SEQUENCE_MAX) {
            memcpy(state->pending, typed, n * sizeof *typed);
            state->count = n;
            return ACTION_PENDING;
        }
    }
    if (n > 1)
        return keymap_feed(state, scopes, nscopes, key);
    return ACTION_NONE;
}

/* Appends text with scdoc's markup characters escaped. */
static bool put_escaped(struct strbuf *out, const char *s)
{
    for (; *s; s++) {
        if ((*s == '*' || *s == '_' || *s == '\\') && !strbuf_putc(out, '\\'))
            return false;
        if (!strbuf_putc(out, *s))
            return false;
    }
    return true;
}

void actions_keys_text(const struct action_info *info, char *buf, size_t size)
{
    size_t used = 0;
    const char *keys = info->keys;
    buf[0] = '\0';
    while (*keys) {
        size_t len = strcspn(keys, " ");
        bool lt = len == 4 && strncmp(keys, "<lt>", 4) == 0;
        int wrote = snprintf(buf + used, size - used, "%s%.*s", used ? ", " : "", lt ? 1 : (int)len,
                             lt ? "<" : keys);
        if (wrote < 0 || (size_t)wrote >= size - used)
            return;
        used += (size_t)wrote;
        keys += len;
        while (*keys == ' ')
            keys++;
    }
}

bool actions_write_manual(struct strbuf *out)
{
    for (int scope = 0; scope < SCOPE_COUNT; scope++) {
        if (!strbuf_printf(out, "## %s\n\n[[ *Keys*\n:[ *What they do*\n", scope_titles[scope]))
            return false;
        for (int a = ACTION_PENDING + 1; a < ACTION_COUNT; a++) {
            if ((int)infos[a].scope != scope)
                continue;
            char keys[64];
            actions_keys_text(&infos[a], keys, sizeof keys);
            if (!strbuf_puts(out, "|  ") || !put_escaped(out, keys) || !strbuf_puts(out, "\n:  ") ||
                !put_escaped(out, infos[a].help) || !strbuf_putc(out, '\n'))
                return false;
        }
        if (!strbuf_putc(out, '\n'))
            return false;
    }
    return true;
}
