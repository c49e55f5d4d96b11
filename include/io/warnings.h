/* What an import skipped or changed, for the user: a list of one-line warnings.
 *
 * Importers from other tools meet things margin does not keep (images, audio, links between
 * codes) and must say so rather than abort or drop them in silence. The same warning met again
 * is counted rather than repeated, so that a file with 500 pictures gives one line. */
#ifndef MARGIN_IO_WARNINGS_H
#define MARGIN_IO_WARNINGS_H

#include <stdbool.h>
#include <stddef.h>

struct warning {
    char *text;   /* one line, without a final full stop */
    size_t count; /* how many times it was given */
};

struct warning_list {
    struct warning *items;
    size_t count, cap;
};

/* Adds a printf-style warning, or counts it again when the list already has the same text.
 * Returns false when memory runs out (the list is then as it was). */
bool warnings_add(struct warning_list *list, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The warning as a user reads it: its text, followed by " (N times)" when given more than once.
 * Writes at most `size` bytes into buf, always terminated. */
void warnings_describe(const struct warning *warning, char *buf, size_t size);

/* All the warnings on one line, described as above and joined by "; ", in buf (at most `size`
 * bytes, always terminated, cut short with "..." when they do not fit); "" for none. */
void warnings_summary(const struct warning_list *list, char *buf, size_t size);

/* Frees the list's warnings and empties it; accepts an empty list. */
void warnings_finish(struct warning_list *list);

#endif
