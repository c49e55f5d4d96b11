/* Outline numbers of codes: "07.01.02" is the second child of the first child of the seventh
 * top-level code. Numbers are written with at least two digits per level and read leniently
 * ("7.1.2" and "07.01.02" are the same number). */
#ifndef MARGIN_CORE_OUTLINE_H
#define MARGIN_CORE_OUTLINE_H

#include <stdbool.h>
#include <stddef.h>

#define OUTLINE_DEPTH_MAX 12
#define OUTLINE_PART_MAX  9999
/* Room for the longest formatted number and its terminator. */
#define OUTLINE_TEXT_MAX (OUTLINE_DEPTH_MAX * 5 + 1)

struct outline {
    int depth; /* number of parts; 0 for the empty number */
    int part[OUTLINE_DEPTH_MAX];
};

/* Reads a number occupying all of s[0..n): parts of 1 to 4 digits, each at least 1, separated
 * by single dots, with an optional trailing dot. Returns false for anything else. */
bool outline_parse(const char *s, size_t n, struct outline *out);

/* Reads the number at the start of s[0..n) when one is followed by the end, a space or a tab
 * ("07.01.02 Management and governance"). Returns the number of bytes it took, 0 if none. */
size_t outline_scan(const char *s, size_t n, struct outline *out);

/* Writes the number with two or more digits per part into buf; returns its length. */
size_t outline_format(const struct outline *o, char *buf, size_t size);

/* Orders numbers as an outline does: 01 < 01.01 < 01.02 < 02. */
int outline_compare(const struct outline *a, const struct outline *b);

/* True when `prefix` is `o` or one of its ancestors (07.01 is a prefix of 07.01.02). */
bool outline_has_prefix(const struct outline *o, const struct outline *prefix);

#endif
