/* Speaker turns in a transcript's text.
 *
 * A turn starts at a line that begins with a speaker label and runs to the next such line (or
 * the end of the text); its end leaves out trailing spaces, tabs and line breaks. The turn's
 * label part [start, body) runs from the line's first non-blank character (a timestamp
 * included) to what was said; the speaker is the label's name.
 *
 * The default rule. A line starts a turn when, after optional spaces or tabs and an optional
 * timestamp, it begins with a label followed by ':' and then a space, a tab or the end of the
 * line. A timestamp is H:MM:SS, MM:SS or M:SS (a fraction such as .250 allowed), bare or in
 * [] or (), then blanks and optionally a '-', '–' or '—' and blanks: "[00:00:05] P1:",
 * "(00:05) P1:", "00:00:05 - P1:", "0:05:12 P1:". The label has at most four words and
 * TURNS_LABEL_MAX code points, words made of letters, digits and . ' - with single spaces
 * between them, and is one of
 *   - a code: one to four capital letters and up to three digits ("I", "R", "P1", "GP2"),
 *     other than the abbreviations NB, PS, OK and RE;
 *   - a role or title and up to three capitalised words or numbers after it ("Interviewer",
 *     "Participant 3", "Dr Smith", "Prof. Ní Bhriain");
 *   - a name: one to three capitalised words (lower-case particles such as "de" or "van" may
 *     stand between them) that does not start with a heading or linking word such as Note,
 *     Date, Time, Location, Site, Interview, Interviewers, Observer, So, Well or However ("Anna",
 *     "Siobhán Ní Bhriain", "Ana de Souza").
 * A word is capitalised when it starts with a capital letter or a non-ASCII letter. A label
 * counts the first time it is seen: a speaker who speaks once is found. Times in running text
 * ("10:30 start"), sentences with a colon ("The plan was simple: wait"), lower-case words,
 * URLs and a colon without a blank after it are text.
 *
 * A project can set its own rule instead: a POSIX extended regular expression matched at the
 * start of each line (without its line break). A line it matches starts a turn whose label is
 * what the match covers and the blanks after it, and whose speaker is what the first
 * parenthesised group matched or else the match itself, without blanks and a trailing ':'
 * around it. A line whose speaker comes out empty is text. */
#ifndef MARGIN_CORE_TURNS_H
#define MARGIN_CORE_TURNS_H

#include "core/error.h"
#include "core/row.h"

#include <stdbool.h>
#include <stddef.h>

/* The longest label the default rule takes, in code points. */
#define TURNS_LABEL_MAX 40

/* The longest pattern a project may set, in bytes. */
#define TURNS_PATTERN_MAX 1000

/* The default rule in one line, for people. */
#define TURNS_DEFAULT_SUMMARY                                                                      \
    "a label such as I, P1, GP2, Interviewer 2, Dr Smith or a capitalised name at the start of "   \
    "a line, after an optional timestamp such as [00:00:05], followed by ':' and a blank"

/* A rule for finding turns: the default one or a project's pattern. Opaque. */
struct turn_rule;

/* Compiles a project's pattern. Fails with a message naming what is wrong (quoting the
 * pattern) for one that is empty, too long, holds a line break, is not a valid POSIX extended
 * regular expression, or matches an empty line (it would make every line a turn). The caller
 * destroys the rule. */
struct turn_rule *turns_rule_create(const char *pattern, struct error *err);

/* Frees a rule; accepts NULL. */
void turns_rule_destroy(struct turn_rule *rule);

/* The rule's pattern as it was given. */
const char *turns_rule_pattern(const struct turn_rule *rule);

/* Appends the turns of text[0..size) (valid UTF-8, LF line ends) to out in text order, found
 * by `rule`, or by the default rule when rule is NULL. Offsets are code points. Returns false
 * only when memory runs out, with out holding what was found so far. */
bool turns_find(const struct turn_rule *rule, const char *text, size_t size, struct turn_list *out);

#endif
