#include "cli/figures.h"

#include "cli/cli.h"
#include "core/strbuf.h"
#include "core/width.h"

#include <inttypes.h>
#include <string.h>

void figures_locale_enter(struct figures_locale *l)
{
    locale_t base = duplocale(LC_GLOBAL_LOCALE);
    l->c = base ? newlocale(LC_NUMERIC_MASK, "C", base) : (locale_t)0;
    if (base && !l->c)
        freelocale(base);
    l->previous = l->c ? uselocale(l->c) : (locale_t)0;
}

void figures_locale_leave(struct figures_locale *l)
{
    if (!l->c)
        return;
    uselocale(l->previous);
    freelocale(l->c);
}

void figures_cell(FILE *out, const char *raw, size_t columns, bool right)
{
    struct strbuf shown = STRBUF_INIT;
    const char *s = cli_visible(&shown, raw) ? strbuf_str(&shown) : raw;
    size_t n = strlen(s);
    size_t width = width_of_text(s, n);
    size_t keep = n;
    bool cut = width + 1 > columns;
    if (cut) {
        keep = width_fit(s, n, columns > 2 ? columns - 2 : 0);
        width = width_of_text(s, keep) + 1;
    }
    if (right) {
        for (size_t i = width; i < columns; i++)
            fputc(' ', out);
    }
    fwrite(s, 1, keep, out);
    if (cut)
        fputs("\xE2\x80\xA6", out);
    if (!right) {
        for (size_t i = width; i < columns; i++)
            fputc(' ', out);
    }
    strbuf_finish(&shown);
}

const char *figures_text(char buf[32], struct agree_figure f, bool exact)
{
    if (f.status != AGREE_DEFINED)
        return "n/a";
    if (exact)
        snprintf(buf, 32, "%.17g", f.value);
    else
        snprintf(buf, 32, "%.3f", f.value);
    return buf;
}

const char *figures_percent(char buf[32], struct agree_figure f)
{
    if (f.status != AGREE_DEFINED)
        return "n/a";
    snprintf(buf, 32, "%.1f%%", 100 * f.value);
    return buf;
}

const char *figures_int(char buf[32], int64_t v)
{
    snprintf(buf, 32, "%" PRId64, v);
    return buf;
}

void figures_note(struct figures_reasons *r, struct agree_figure f)
{
    if (f.status == AGREE_DEFINED)
        return;
    for (size_t i = 0; i < r->count; i++) {
        if (r->seen[i] == f.status)
            return;
    }
    if (r->count < sizeof r->seen / sizeof r->seen[0])
        r->seen[r->count++] = f.status;
}

void figures_reasons_print(FILE *out, const struct figures_reasons *r)
{
    for (size_t i = 0; i < r->count; i++)
        fprintf(out, "n/a: %s\n", agree_status_text(r->seen[i]));
}

void figures_listing_begin(struct figures_listing *l, FILE *out, const char *label)
{
    struct strbuf shown = STRBUF_INIT;
    const char *text = cli_visible(&shown, label) ? strbuf_str(&shown) : label;
    *l = (struct figures_listing){out, width_of_text(text, strlen(text)) + 2, 0, 0};
    l->at = l->indent;
    fprintf(out, "%s:", text);
    strbuf_finish(&shown);
}

void figures_listing_item(struct figures_listing *l, const char *raw)
{
    struct strbuf shown = STRBUF_INIT;
    const char *item = cli_visible(&shown, raw) ? strbuf_str(&shown) : raw;
    size_t w = width_of_text(item, strlen(item)) + 2;
    if (l->count > 0 && l->at + w > FIGURES_COLUMNS) {
        fprintf(l->out, ",\n%*s", (int)l->indent, "");
        l->at = l->indent;
    } else {
        fputs(l->count ? ", " : " ", l->out);
    }
    fputs(item, l->out);
    l->at += w;
    l->count++;
    strbuf_finish(&shown);
}

void figures_listing_end(struct figures_listing *l)
{
    fputc('\n', l->out);
}

void figures_list(FILE *out, const char *label, const char *const *items, size_t count)
{
    struct figures_listing l;
    figures_listing_begin(&l, out, label);
    for (size_t i = 0; i < count; i++)
        figures_listing_item(&l, items[i]);
    figures_listing_end(&l);
}

void figures_json(struct json_writer *j, const char *key, struct agree_figure f)
{
    if (f.status == AGREE_DEFINED) {
        json_number(j, key, f.value);
        return;
    }
    json_null(j, key);
    char reason[64];
    snprintf(reason, sizeof reason, "%s_reason", key);
    json_string(j, reason, agree_status_text(f.status));
}

/* Writes value (or null), n, unit when given and the reason when the value is null. */
static void figure_members(struct json_writer *j, struct agree_figure f, const char *unit)
{
    if (f.status == AGREE_DEFINED)
        json_number(j, "value", f.value);
    else
        json_null(j, "value");
    json_int(j, "n", f.n);
    if (unit)
        json_string(j, "unit", unit);
    if (f.status != AGREE_DEFINED)
        json_string(j, "reason", agree_status_text(f.status));
}

void figures_json_object(struct json_writer *j, const char *key, struct agree_figure f,
                         const char *unit)
{
    json_object_begin(j, key);
    figure_members(j, f, unit);
    json_object_end(j);
}

void figures_json_details(struct json_writer *j, const char *key, struct agree_figure f,
                          const char *unit, const char *observed_name, double observed,
                          const char *expected_name, double expected)
{
    json_object_begin(j, key);
    figure_members(j, f, unit);
    json_number(j, observed_name, observed);
    json_number(j, expected_name, expected);
    json_object_end(j);
}
