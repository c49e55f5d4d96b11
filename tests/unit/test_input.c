/* Keys, the keymap built from the action list, the manual's key table, and scripts. */
#include "check.h"
#include "core/strbuf.h"
#include "input/actions.h"
#include "input/keys.h"
#include "input/script.h"

#include <stdio.h>
#include <string.h>

static const char *name_of(int key)
{
    static char buf[32];
    keys_name(key, buf, sizeof buf);
    return buf;
}

static int parse_name(const char *s)
{
    return keys_parse_name(s, strlen(s));
}

static void key_names_round_trip(void)
{
    CHECK_STR(name_of('a'), "a");
    CHECK_STR(name_of(0xEB), "ë");
    CHECK_STR(name_of(KEYS_DOWN), "<Down>");
    CHECK_STR(name_of(KEYS_CTRL('r')), "<C-r>");
    CHECK_STR(name_of('<'), "<lt>");
    CHECK_STR(name_of(KEYS_F1 + 4), "<F5>");
    CHECK_INT(parse_name("Down"), KEYS_DOWN);
    CHECK_INT(parse_name("C-r"), KEYS_CTRL('r'));
    CHECK_INT(parse_name("F12"), KEYS_F12);
    CHECK_INT(parse_name("Enter"), KEYS_ENTER);
    CHECK_INT(parse_name("F13"), KEYS_NONE);
    CHECK_INT(parse_name("Dwn"), KEYS_NONE);
    CHECK(keys_is_text('x'));
    CHECK(keys_is_text(0x20AC));
    CHECK(!keys_is_text(KEYS_CTRL('a')));
    CHECK(!keys_is_text(KEYS_UP));
}

static void every_binding_parses(void)
{
    /* Each alternative of each action is a key sequence the keymap can complete. */
    size_t broken = 0;
    for (int a = ACTION_PENDING + 1; a < ACTION_COUNT; a++) {
        const struct action_info *info = actions_info((enum action)a);
        if (!info->keys[0] || !info->help[0])
            broken++;
    }
    CHECK_INT(broken, 0);
    enum scope transcript[] = {SCOPE_TRANSCRIPT, SCOPE_GLOBAL};
    struct keymap_state state = {0};
    CHECK_INT(keymap_feed(&state, transcript, 2, 'j'), ACTION_DOWN);
    CHECK_INT(keymap_feed(&state, transcript, 2, KEYS_DOWN), ACTION_DOWN);
    CHECK_INT(keymap_feed(&state, transcript, 2, '<'), ACTION_UNCODED_PREV);
    CHECK_INT(keymap_feed(&state, transcript, 2, KEYS_CTRL('r')), ACTION_REDO);
}

static void sequences_wait_for_their_keys(void)
{
    enum scope transcript[] = {SCOPE_TRANSCRIPT, SCOPE_GLOBAL};
    struct keymap_state state = {0};
    CHECK_INT(keymap_feed(&state, transcript, 2, 'g'), ACTION_PENDING);
    CHECK_INT(keymap_feed(&state, transcript, 2, 'g'), ACTION_TOP);
    /* A pending key that leads nowhere is dropped, and the new key counts alone. */
    CHECK_INT(keymap_feed(&state, transcript, 2, 'g'), ACTION_PENDING);
    CHECK_INT(keymap_feed(&state, transcript, 2, 'j'), ACTION_DOWN);

    enum scope visual[] = {SCOPE_VISUAL, SCOPE_TRANSCRIPT, SCOPE_GLOBAL};
    CHECK_INT(keymap_feed(&state, visual, 3, 'i'), ACTION_PENDING);
    CHECK_INT(keymap_feed(&state, visual, 3, 't'), ACTION_SELECT_TURN);
    CHECK_INT(keymap_feed(&state, visual, 3, 'a'), ACTION_PENDING);
    CHECK_INT(keymap_feed(&state, visual, 3, 'p'), ACTION_SELECT_PARAGRAPH_AROUND);
    /* Scope decides: d removes a coding in the transcript and deletes a code in the codebook. */
    enum scope codebook[] = {SCOPE_CODEBOOK, SCOPE_GLOBAL};
    CHECK_INT(keymap_feed(&state, transcript, 2, 'd'), ACTION_UNCODE);
    CHECK_INT(keymap_feed(&state, codebook, 2, 'd'), ACTION_CB_DELETE);
    CHECK_INT(keymap_feed(&state, codebook, 2, 'Z'), ACTION_NONE);
}

static void bindings_do_not_collide(void)
{
    /* No key sequence may mean two things in one scope. */
    size_t collisions = 0;
    for (int a = ACTION_PENDING + 1; a < ACTION_COUNT; a++) {
        const struct action_info *info = actions_info((enum action)a);
        const char *keys = info->keys;
        while (*keys) {
            size_t len = strcspn(keys, " ");
            struct keymap_state state = {0};
            enum scope scope = info->scope;
            enum action found = ACTION_NONE;
            /* Feed the alternative's keys one by one through the real parser. */
            struct script script;
            struct error err;
            char line[64];
            snprintf(line, sizeof line, "%.*s", (int)len, keys);
            if (script_parse(line, strlen(line), "k", &script, &err)) {
                for (size_t i = 0; i < script.count; i++)
                    found = keymap_feed(&state, &scope, 1, script.items[i].input.key);
                script_finish(&script);
            }
            if (found != (enum action)a) {
                printf("# %s: '%s' gives action %d\n", info->name, line, found);
                collisions++;
            }
            keys += len;
            while (*keys == ' ')
                keys++;
        }
    }
    CHECK_INT(collisions, 0);
}

static void manual_lists_every_action(void)
{
    struct strbuf out = STRBUF_INIT;
    CHECK(actions_write_manual(&out));
    const char *text = strbuf_str(&out);
    CHECK(strstr(text, "## Codebook\n\n[[ *Keys*\n:[ *What they do*\n") != NULL);
    CHECK(strstr(text, "|  j, <Down>\n:  move down a row\n") != NULL);
    CHECK(strstr(text, "|  <\n:  previous uncoded text\n") != NULL);
    size_t rows = 0;
    for (const char *p = text; (p = strstr(p, "\n|  ")); p++)
        rows++;
    CHECK_INT(rows, ACTION_COUNT - 2);
    strbuf_finish(&out);
}

static void scripts_parse_keys_and_directives(void)
{
    const char *text = "# open a transcript\n"
                       "<Down> v <Right>\n"
                       "c 07.01\t<Enter>\n"
                       "@screen\n"
                       "  @resize 20x60  \n"
                       "<Press:3,10> <Drag:3,20> <Release:3,20> <lt>\n";
    struct script script;
    struct error err;
    CHECK(script_parse(text, strlen(text), "t.script", &script, &err));
    CHECK_INT(script.count, 16);
    CHECK_INT(script.items[0].input.key, KEYS_DOWN);
    CHECK_INT(script.items[1].input.key, 'v');
    CHECK_INT(script.items[3].input.key, 'c');
    CHECK_INT(script.items[4].input.key, '0');
    CHECK_INT(script.items[8].input.key, '1');
    CHECK_INT(script.items[9].input.key, KEYS_ENTER);
    CHECK_INT(script.items[10].kind, STEP_SCREEN);
    CHECK_INT(script.items[11].kind, STEP_RESIZE);
    CHECK_INT(script.items[11].rows, 20);
    CHECK_INT(script.items[11].cols, 60);
    CHECK_INT(script.items[12].input.key, KEYS_MOUSE);
    CHECK_INT(script.items[12].input.mouse, MOUSE_PRESS);
    CHECK_INT(script.items[12].input.row, 3);
    CHECK_INT(script.items[13].input.mouse, MOUSE_DRAG);
    CHECK_INT(script.items[13].input.col, 20);
    CHECK_INT(script.items[14].line, 6);
    CHECK_INT(script.items[15].input.key, '<');
    script_finish(&script);
}

static void scripts_type_quoted_text(void)
{
    const char *text = "m \"Zoë said \\\"no\\\"\" <Enter>";
    struct script script;
    struct error err;
    CHECK(script_parse(text, strlen(text), "t.script", &script, &err));
    /* m, then the 13 characters of: Zoë said "no", then Enter. */
    CHECK_INT(script.count, 1 + 13 + 1);
    CHECK_INT(script.items[1].input.key, 'Z');
    CHECK_INT(script.items[3].input.key, 0xEB);
    CHECK_INT(script.items[4].input.key, ' ');
    CHECK_INT(script.items[10].input.key, '"');
    CHECK_INT(script.items[13].input.key, '"');
    CHECK_INT(script.items[14].input.key, KEYS_ENTER);
    script_finish(&script);
    CHECK(!script_parse("\"open", 5, "t.script", &script, &err));
    CHECK_STR(err.message, "t.script:1:1: a quoted text that never ends");
}

static void scripts_report_mistakes_where_they_are(void)
{
    struct script script;
    struct error err;
    CHECK(!script_parse("j k <Dwn>\n", 10, "t.script", &script, &err));
    CHECK_STR(err.message, "t.script:1:5: unknown key <Dwn>");
    CHECK(!script_parse("\n@shot\n", 7, "t.script", &script, &err));
    CHECK_STR(err.message, "t.script:2:1: unknown directive '@shot' (use @screen, @state, @expect "
                           "TEXT or @resize ROWSxCOLS)");
    CHECK(!script_parse("j\n  @expect\n", 12, "t.script", &script, &err));
    CHECK_STR(err.message, "t.script:2:3: @expect needs the text to look for");
    CHECK(!script_parse("@expect a\0b\n", 12, "t.script", &script, &err));
    CHECK_STR(err.message, "t.script:1:1: @expect needs the text to look for, without NUL bytes");
    CHECK(script_parse("@expect cursor: 12\n", 19, "t.script", &script, &err));
    CHECK_INT(script.items[0].kind, STEP_EXPECT);
    CHECK_STR(script.items[0].text, "cursor: 12");
    script_finish(&script);
    CHECK(!script_parse("a <b", 4, "t.script", &script, &err));
    CHECK_STR(err.message,
              "t.script:1:3: '<' starts a key name that never ends (type <lt> for '<')");
    CHECK(!script_parse("@resize 0x5\n", 12, "t.script", &script, &err));
    int rows, cols;
    CHECK(script_parse_size("24x80", &rows, &cols));
    CHECK(!script_parse_size("24x", &rows, &cols));
    CHECK(!script_parse_size("24x80x", &rows, &cols));
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"key_names_round_trip", key_names_round_trip},
        {"every_binding_parses", every_binding_parses},
        {"sequences_wait_for_their_keys", sequences_wait_for_their_keys},
        {"bindings_do_not_collide", bindings_do_not_collide},
        {"manual_lists_every_action", manual_lists_every_action},
        {"scripts_parse_keys_and_directives", scripts_parse_keys_and_directives},
        {"scripts_type_quoted_text", scripts_type_quoted_text},
        {"scripts_report_mistakes_where_they_are", scripts_report_mistakes_where_they_are},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
