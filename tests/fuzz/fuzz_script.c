/* Fuzzes the script parser of margin --script, script_parse(). A script it accepts is written
 * back out, one step per line (named keys as <Name>, other keys quoted, mouse events and
 * directives as themselves), and must parse again to the same steps. */
#include "core/strbuf.h"
#include "core/utf8.h"
#include "input/script.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, size_t step)
{
    fprintf(stderr, "fuzz_script: step %zu: %s\n", step, what);
    abort();
}

/* Appends one input event as a token that script_parse() reads back as the same event. */
static bool write_input(struct strbuf *out, const struct input_event *input)
{
    static const char *const mice[] = {
        [MOUSE_PRESS] = "Press",          [MOUSE_DRAG] = "Drag",
        [MOUSE_RELEASE] = "Release",      [MOUSE_WHEEL_UP] = "WheelUp",
        [MOUSE_WHEEL_DOWN] = "WheelDown",
    };
    if (input->key == KEYS_MOUSE)
        return strbuf_printf(out, "<%s:%d,%d>\n", mice[input->mouse], input->row, input->col);
    char name[32];
    keys_name(input->key, name, sizeof name);
    if (name[0] == '<')
        return strbuf_printf(out, "%s\n", name);
    char bytes[4];
    size_t n = utf8_encode((uint32_t)input->key, bytes);
    bool ok = strbuf_putc(out, '"');
    if (n == 1 && (bytes[0] == '"' || bytes[0] == '\\'))
        ok = ok && strbuf_putc(out, '\\');
    return ok && strbuf_append(out, bytes, n) && strbuf_puts(out, "\"\n");
}

static bool write_script(struct strbuf *out, const struct script *script)
{
    bool ok = true;
    for (size_t i = 0; ok && i < script->count; i++) {
        const struct script_step *step = &script->items[i];
        switch (step->kind) {
        case STEP_INPUT:
            ok = write_input(out, &step->input);
            break;
        case STEP_SCREEN:
            ok = strbuf_puts(out, "@screen\n");
            break;
        case STEP_STATE:
            ok = strbuf_puts(out, "@state\n");
            break;
        case STEP_EXPECT:
            ok = strbuf_printf(out, "@expect %s\n", step->text);
            break;
        case STEP_RESIZE:
            ok = strbuf_printf(out, "@resize %dx%d\n", step->rows, step->cols);
            break;
        }
    }
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct script first, second;
    struct error err;
    if (!script_parse((const char *)data, size, "fuzz.script", &first, &err)) {
        if (first.count != 0 || first.items)
            fail("a refused script left steps behind", 0);
        return 0;
    }
    size_t last_line = 0;
    for (size_t i = 0; i < first.count; i++) {
        const struct script_step *step = &first.items[i];
        if (step->line < 1 || step->line < last_line)
            fail("steps out of line order", i);
        last_line = step->line;
        if (step->kind == STEP_RESIZE &&
            (step->rows < 1 || step->rows > 1000 || step->cols < 1 || step->cols > 1000))
            fail("a size outside 1 to 1000", i);
        if (step->kind == STEP_INPUT && step->input.key == KEYS_MOUSE &&
            (step->input.row < 0 || step->input.col < 0))
            fail("a mouse event at a negative cell", i);
    }

    struct strbuf text = STRBUF_INIT;
    if (!write_script(&text, &first))
        fail("out of memory writing the script back", 0);
    if (!script_parse(strbuf_str(&text), text.len, "written.script", &second, &err)) {
        fprintf(stderr, "%s\n", err.message);
        fail("the script written back does not parse", 0);
    }
    if (second.count != first.count)
        fail("the script written back has another number of steps", second.count);
    for (size_t i = 0; i < first.count; i++) {
        const struct script_step *a = &first.items[i], *b = &second.items[i];
        if (a->kind != b->kind || a->rows != b->rows || a->cols != b->cols ||
            a->input.key != b->input.key || a->input.mouse != b->input.mouse ||
            a->input.row != b->input.row || a->input.col != b->input.col ||
            (a->kind == STEP_EXPECT && strcmp(a->text, b->text) != 0))
            fail("the script written back reads as another step", i);
    }
    strbuf_finish(&text);
    script_finish(&first);
    script_finish(&second);
    return 0;
}
