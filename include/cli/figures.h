/* How the agreement commands (margin compare, margin agreement) write what they found: figures
 * in tables and files, cells cut to a width, the reasons for undefined figures, and wrapped lists
 * of names. Text from a project (coder, code and source names) is shown with its control
 * characters made visible (cli_visible()) in tables and lists; CSV and JSON keep it exact. */
#ifndef MARGIN_CLI_FIGURES_H
#define MARGIN_CLI_FIGURES_H

#include "core/agree.h"
#include "io/json.h"

#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The terminal width tables and lists are laid out for. */
#define FIGURES_COLUMNS 80

/* Numbers are written with a point, whatever the locale, so that CSV and JSON read back
 * anywhere: between enter and leave, LC_NUMERIC is "C" for this thread. When the C locale cannot
 * be made, nothing changes. */
struct figures_locale {
    locale_t c;
    locale_t previous;
};
void figures_locale_enter(struct figures_locale *l);
void figures_locale_leave(struct figures_locale *l);

/* Writes raw cut to fit `columns - 1` terminal columns (ending in "…" when cut), then spaces up
 * to `columns`; with `right`, the spaces go first. */
void figures_cell(FILE *out, const char *raw, size_t columns, bool right);

/* A figure as text in buf: three decimals for a table, or every digit needed to read it back
 * (`exact`, for CSV); "n/a" when it is undefined. Returns buf or "n/a". */
const char *figures_text(char buf[32], struct agree_figure f, bool exact);

/* A figure as a percentage with one decimal ("87.5%"), or "n/a". */
const char *figures_percent(char buf[32], struct agree_figure f);

/* A whole number as text in buf; returns buf. */
const char *figures_int(char buf[32], int64_t v);

/* The reasons of the undefined figures a table showed, each to be explained once below it. */
struct figures_reasons {
    enum agree_status seen[16];
    size_t count;
};

/* Remembers why f is undefined (nothing for a defined figure). */
void figures_note(struct figures_reasons *r, struct agree_figure f);

/* Writes "n/a: REASON" for each reason noted, in the order they were first noted. */
void figures_reasons_print(FILE *out, const struct figures_reasons *r);

/* A list written as "label: a, b, c", wrapped at FIGURES_COLUMNS with continuation lines indented
 * under the first item: begin, an item at a time, end (which ends the line). */
struct figures_listing {
    FILE *out;
    size_t indent;
    size_t at;
    size_t count;
};
void figures_listing_begin(struct figures_listing *l, FILE *out, const char *label);
void figures_listing_item(struct figures_listing *l, const char *raw);
void figures_listing_end(struct figures_listing *l);

/* A whole list at once. */
void figures_list(FILE *out, const char *label, const char *const *items, size_t count);

/* Writes the member "key": value, or "key": null and "key_reason": why. */
void figures_json(struct json_writer *j, const char *key, struct agree_figure f);

/* Writes "key": {"value": ..., "n": ...} with "unit" (what n counts) when `unit` is given, and a
 * "reason" when the value is null. */
void figures_json_object(struct json_writer *j, const char *key, struct agree_figure f,
                         const char *unit);

/* As figures_json_object(), with the observed and expected agreement (or disagreement) the
 * figure is made of as members under the names given. */
void figures_json_details(struct json_writer *j, const char *key, struct agree_figure f,
                          const char *unit, const char *observed_name, double observed,
                          const char *expected_name, double expected);

#endif
