#include "core/turns.h"

#include "core/list.h"
#include "core/utf8.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

#define LABEL_WORDS_MAX 4

struct turn_rule {
    char *pattern;
    regex_t regex;
    size_t groups;
};

/* Where a line's label lies, in bytes from the line's start. */
struct label_match {
    size_t start;         /* the first non-blank byte: the timestamp or the label */
    size_t speaker_start; /* the speaker's name */
    size_t speaker_end;
    size_t body; /* what was said */
};

/* A word of a label: n bytes of the line from text. */
struct word {
    const char *text;
    size_t n;
};

static const char *const codes_refused[] = {"NB", "PS", "OK", "RE"};

static const char *const roles[] = {
    "Interviewer", "Interviewee", "Respondent", "Participant", "Moderator", "Facilitator",
    "Researcher",  "Speaker",     "Patient",    "Nurse",       "Doctor",    "Chair",
    "Member",      "Translator",  "Dr",         "Mr",          "Mrs",       "Ms",
    "Miss",        "Mx",          "Prof",       "Professor",   "Sir",       "Dame",
    "Cllr",        "Rev",         "Revd",
};

static const char *const particles[] = {"de",  "da",  "di", "du", "del", "della", "der", "den",
                                        "van", "von", "la", "le", "ten", "ter",   "bin", "al"};

/* Words that start headers and sentences, not names; plural roles and the observer name the
 * people of a header ("Interviewers: two researchers", "Observer: the second author"). */
static const char *const not_names[] = {
    "Note",         "Notes",       "NB",          "Date",        "Time",
    "Location",     "Place",       "Venue",       "Site",        "Setting",
    "Interview",    "Transcript",  "Transcribed", "Transcriber", "Transcription",
    "Duration",     "Length",      "Recording",   "Audio",       "File",
    "Page",         "Subject",     "Title",       "Topic",       "Theme",
    "Summary",      "Question",    "Questions",   "Section",     "Part",
    "Comment",      "Comments",    "Keywords",    "Present",     "Attendees",
    "Project",      "Study",       "Version",     "Start",       "End",
    "Total",        "Source",      "Case",        "Code",        "Memo",
    "Age",          "Gender",      "Sex",         "Role",        "Job",
    "Ethnicity",    "Occupation",  "Status",      "Type",        "Category",
    "Group",        "Session",     "Day",         "Week",        "Month",
    "Year",         "Email",       "Phone",       "Tel",         "Address",
    "Website",      "Link",        "Warning",     "Caution",     "Tip",
    "Example",      "Update",      "Key",         "Next",        "Aim",
    "Aims",         "Background",  "Method",      "Methods",     "Purpose",
    "Agenda",       "Action",      "Actions",     "Outcome",     "Result",
    "Results",      "Conclusion",  "Reason",      "Problem",     "Issue",
    "Issues",       "Answer",      "Also",        "However",     "Basically",
    "Anyway",       "So",          "Well",        "Yes",         "No",
    "Okay",         "Ok",          "Right",       "Then",        "Now",
    "First",        "Second",      "Finally",     "Remember",    "Translation",
    "The",          "This",        "That",        "These",       "Those",
    "It",           "We",          "They",        "He",          "She",
    "You",          "My",          "Our",         "There",       "What",
    "Why",          "How",         "When",        "Where",       "Who",
    "But",          "And",         "Or",          "If",          "Interviewers",
    "Participants", "Respondents", "Speakers",    "Observer",    "Observers",
};

static bool word_is(struct word w, const char *const *list, size_t count)
{
    size_t n = w.n > 0 && w.text[w.n - 1] == '.' ? w.n - 1 : w.n; /* "Dr." is "Dr" */
    for (size_t i = 0; i < count; i++) {
        if (strlen(list[i]) == n && memcmp(list[i], w.text, n) == 0)
            return true;
    }
    return false;
}

#define WORD_IS(w, list) word_is(w, list, sizeof list / sizeof list[0])

static bool is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool is_label_char(unsigned char c)
{
    return is_upper(c) || (c >= 'a' && c <= 'z') || is_digit(c) || c == '.' || c == '\'' ||
           c == '-' || c >= 0x80;
}

static bool capitalised(struct word w)
{
    return is_upper((unsigned char)w.text[0]) || (unsigned char)w.text[0] >= 0x80;
}

static bool number(struct word w)
{
    for (size_t i = 0; i < w.n; i++) {
        if (!is_digit((unsigned char)w.text[i]))
            return false;
    }
    return true;
}

/* One to four capital letters and up to three digits. */
static bool code_form(struct word w)
{
    size_t i = 0;
    while (i < w.n && is_upper((unsigned char)w.text[i]))
        i++;
    size_t letters = i;
    while (i < w.n && is_digit((unsigned char)w.text[i]))
        i++;
    return i == w.n && letters >= 1 && letters <= 4 && w.n - letters <= 3;
}

/* Whether words[0..count) form a speaker label under the default rule. */
static bool speaker_label(const struct word *words, size_t count)
{
    if (count == 1 && WORD_IS(words[0], codes_refused))
        return false;
    if (count == 1 && code_form(words[0]))
        return true;
    if (!capitalised(words[0]))
        return false;
    bool role = WORD_IS(words[0], roles);
    if (!role && (count > 3 || WORD_IS(words[0], not_names)))
        return false;
    for (size_t i = 1; i < count; i++) {
        bool last = i + 1 == count;
        if (!capitalised(words[i]) && !number(words[i]) && (last || !WORD_IS(words[i], particles)))
            return false;
    }
    return true;
}

/* The length of a timestamp and the blanks and dash after it at line[0..n), or 0. */
static size_t scan_timestamp(const char *line, size_t n)
{
    size_t i = 0;
    char close = 0;
    if (n > 0 && (line[0] == '[' || line[0] == '(')) {
        close = line[0] == '[' ? ']' : ')';
        i++;
    }
    size_t digits = 0;
    while (i < n && is_digit((unsigned char)line[i]) && digits < 3) {
        i++;
        digits++;
    }
    if (digits == 0 || digits > 2)
        return 0;
    int groups = 1;
    while (groups < 3 && i + 2 < n && line[i] == ':' && is_digit((unsigned char)line[i + 1]) &&
           is_digit((unsigned char)line[i + 2]) && line[i + 1] <= '5') {
        i += 3;
        groups++;
    }
    if (groups < 2)
        return 0;
    if (i + 1 < n && (line[i] == '.' || line[i] == ',') && is_digit((unsigned char)line[i + 1])) {
        i++;
        while (i < n && is_digit((unsigned char)line[i]))
            i++;
    }
    if (close) {
        if (i >= n || line[i] != close)
            return 0;
        i++;
    }
    size_t blanks = i;
    while (i < n && (line[i] == ' ' || line[i] == '\t'))
        i++;
    if (i == blanks && !close)
        return 0;
    size_t dash = 0;
    if (i < n && line[i] == '-')
        dash = 1;
    else if (i + 2 < n && memcmp(line + i, "\xE2\x80", 2) == 0 &&
             (line[i + 2] == '\x93' || line[i + 2] == '\x94'))
        dash = 3;
    if (dash && i + dash < n && (line[i + dash] == ' ' || line[i + dash] == '\t')) {
        i += dash;
        while (i < n && (line[i] == ' ' || line[i] == '\t'))
            i++;
    }
    return i;
}

/* Reads a label at line[0..n) into its words: returns the bytes up to the colon (which must be
 * followed by a blank or the end of the line), or 0 when there is no label. */
static size_t scan_label(const char *line, size_t n, struct word *words, size_t *count)
{
    size_t i = 0, code_points = 0;
    *count = 0;
    while (i < n) {
        size_t start = i;
        while (i < n && is_label_char((unsigned char)line[i])) {
            code_points += utf8_is_lead((unsigned char)line[i]);
            i++;
        }
        if (i == start || *count == LABEL_WORDS_MAX || code_points > TURNS_LABEL_MAX)
            return 0;
        words[(*count)++] = (struct word){line + start, i - start};
        if (i < n && line[i] == ':')
            return i + 1 == n || line[i + 1] == ' ' || line[i + 1] == '\t' ? i : 0;
        if (i + 1 >= n || line[i] != ' ')
            return 0;
        i++;
        code_points++;
    }
    return 0;
}

static size_t skip_blanks(const char *line, size_t n, size_t i)
{
    while (i < n && (line[i] == ' ' || line[i] == '\t'))
        i++;
    return i;
}

static bool default_match(const char *line, size_t n, struct label_match *m)
{
    size_t i = skip_blanks(line, n, 0);
    m->start = i;
    i += scan_timestamp(line + i, n - i);
    struct word words[LABEL_WORDS_MAX];
    size_t count;
    size_t label = scan_label(line + i, n - i, words, &count);
    if (label == 0 || !speaker_label(words, count))
        return false;
    m->speaker_start = i;
    m->speaker_end = i + label;
    m->body = skip_blanks(line, n, i + label + 1);
    return true;
}

/* Moves a byte index forward to the start of a character. */
static size_t to_lead(const char *line, size_t n, size_t i)
{
    while (i < n && !utf8_is_lead((unsigned char)line[i]))
        i++;
    return i;
}

/* Matches the pattern at the start of line[0..n), which is NUL-terminated at n. */
static bool pattern_match(const struct turn_rule *rule, const char *line, size_t n,
                          struct label_match *m)
{
    regmatch_t found[2];
    if (regexec(&rule->regex, line, 2, found, 0) != 0 || found[0].rm_so != 0 || found[0].rm_eo <= 0)
        return false;
    size_t end = to_lead(line, n, (size_t)found[0].rm_eo);
    size_t from = 0, to = end;
    if (rule->groups >= 1 && found[1].rm_so >= 0) {
        from = to_lead(line, n, (size_t)found[1].rm_so);
        to = to_lead(line, n, (size_t)found[1].rm_eo);
    }
    from = skip_blanks(line, to, from);
    while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t' || line[to - 1] == ':'))
        to--;
    if (to <= from)
        return false;
    m->start = skip_blanks(line, end, 0);
    m->speaker_start = from;
    m->speaker_end = to;
    m->body = skip_blanks(line, n, end);
    return true;
}

/* Ends `turn` at code point `end`, which is byte `byte` of text, pulled back over trailing
 * spaces, tabs and line breaks (one byte each) but not before the turn's body. */
static void end_turn(struct turn_row *turn, const char *text, size_t byte, int64_t end)
{
    while (end > turn->body && byte > 0 &&
           (text[byte - 1] == '\n' || text[byte - 1] == ' ' || text[byte - 1] == '\t')) {
        byte--;
        end--;
    }
    turn->end = end;
}

bool turns_find(const struct turn_rule *rule, const char *text, size_t size, struct turn_list *out)
{
    size_t first = out->count;
    char *copy = NULL;
    size_t copy_cap = 0;
    bool ok = false;
    int64_t offset = 0; /* code point offset of line_start */
    size_t line_start = 0;
    while (line_start < size) {
        const char *line = text + line_start;
        const char *nl = memchr(line, '\n', size - line_start);
        size_t n = nl ? (size_t)(nl - line) : size - line_start;
        struct label_match m;
        bool matched;
        if (rule) {
            if (n + 1 > copy_cap) {
                char *grown = realloc(copy, n + 1);
                if (!grown)
                    goto cleanup;
                copy = grown;
                copy_cap = n + 1;
            }
            memcpy(copy, line, n);
            copy[n] = '\0';
            matched = pattern_match(rule, copy, n, &m);
        } else {
            matched = default_match(line, n, &m);
        }
        if (matched) {
            if (out->count > first)
                end_turn(&out->items[out->count - 1], text, line_start + m.start,
                         offset + (int64_t)utf8_length(line, m.start));
            struct turn_row turn = {
                .start = offset + (int64_t)utf8_length(line, m.start),
                .body = offset + (int64_t)utf8_length(line, m.body),
                .end = -1,
                .speaker = strndup(line + m.speaker_start, m.speaker_end - m.speaker_start),
            };
            if (!turn.speaker || !LIST_PUSH(out, turn)) {
                free(turn.speaker);
                goto cleanup;
            }
        }
        offset += (int64_t)utf8_length(line, n) + (nl ? 1 : 0);
        line_start += n + 1;
    }
    ok = true;
cleanup:
    if (out->count > first)
        end_turn(&out->items[out->count - 1], text, line_start < size ? line_start : size, offset);
    free(copy);
    return ok;
}

struct turn_rule *turns_rule_create(const char *pattern, struct error *err)
{
    size_t n = strlen(pattern);
    if (n == 0) {
        error_user(err, "the turn pattern is empty; give a POSIX extended regular expression, or "
                        "'default' for the default rule");
        return NULL;
    }
    if (n > TURNS_PATTERN_MAX) {
        error_user(err, "the turn pattern is %zu bytes long; the limit is %d", n,
                   TURNS_PATTERN_MAX);
        return NULL;
    }
    if (strpbrk(pattern, "\n\r")) {
        error_user(err, "the turn pattern holds a line break; it is matched against one line at "
                        "a time");
        return NULL;
    }
    struct turn_rule *rule = calloc(1, sizeof *rule);
    if (!rule || !(rule->pattern = strdup(pattern))) {
        free(rule);
        error_internal(err, "out of memory");
        return NULL;
    }
    int rc = regcomp(&rule->regex, pattern, REG_EXTENDED);
    if (rc != 0) {
        char why[256];
        regerror(rc, &rule->regex, why, sizeof why);
        error_user(err,
                   "the turn pattern '%.200s' is not a valid POSIX extended regular "
                   "expression: %s",
                   pattern, why);
        free(rule->pattern);
        free(rule);
        return NULL;
    }
    rule->groups = rule->regex.re_nsub;
    regmatch_t found[1];
    if (regexec(&rule->regex, "", 1, found, 0) == 0) {
        error_user(err,
                   "the turn pattern '%.200s' matches an empty line, so every line would start "
                   "a turn; make it require the label (for example '^[A-Z][A-Za-z0-9]*:')",
                   pattern);
        turns_rule_destroy(rule);
        return NULL;
    }
    return rule;
}

void turns_rule_destroy(struct turn_rule *rule)
{
    if (!rule)
        return;
    regfree(&rule->regex);
    free(rule->pattern);
    free(rule);
}

const char *turns_rule_pattern(const struct turn_rule *rule)
{
    return rule->pattern;
}
