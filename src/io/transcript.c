#include "io/transcript.h"

#include "core/list.h"
#include "core/utf8.h"
#include "io/file.h"

#include <stdlib.h>
#include <string.h>

#define LABEL_WORDS_MAX 4

/* A line that starts with something shaped like a speaker label. */
struct candidate {
    int64_t start; /* code point offset of the label */
    int64_t body;  /* code point offset of what follows the label */
    char *label;
};

struct candidate_list {
    struct candidate *items;
    size_t count, cap;
};

static bool is_label_char(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '\'' || c == '-' || c >= 0x80;
}

/* Reads a label at line[0..n): up to LABEL_WORDS_MAX words of letters, digits, non-ASCII
 * characters and . ' -, single spaces between them, the first starting with a capital or a
 * non-ASCII letter, then ':' and a space, a tab or the end of the line. Returns the bytes up
 * to and including the colon, or 0. */
static size_t scan_label(const char *line, size_t n)
{
    unsigned char first = (unsigned char)line[0];
    if (n < 2 || !((first >= 'A' && first <= 'Z') || first >= 0x80))
        return 0;
    size_t i = 0;
    int words = 1;
    size_t code_points = 0;
    while (i < n) {
        unsigned char c = (unsigned char)line[i];
        if (c == ':') {
            if (i == 0 || line[i - 1] == ' ')
                return 0;
            bool ends = i + 1 == n || line[i + 1] == ' ' || line[i + 1] == '\t';
            return ends ? i + 1 : 0;
        }
        if (c == ' ') {
            if (++words > LABEL_WORDS_MAX || i + 1 >= n || line[i + 1] == ' ')
                return 0;
        } else if (!is_label_char(c)) {
            return 0;
        }
        code_points += utf8_is_lead(c);
        if (code_points > TRANSCRIPT_LABEL_MAX)
            return 0;
        i++;
    }
    return 0;
}

static void free_candidates(struct candidate_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].label);
    free(list->items);
}

static int compare_labels(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Finds label-shaped line starts, keeps the labels that start at least two lines, and turns
 * them into turns that run to the next kept label (trailing blank space excluded). */
static bool find_turns(const char *text, size_t size, struct turn_list *turns)
{
    struct candidate_list found = {0};
    char **labels = NULL;
    bool ok = false;
    int64_t offset = 0; /* code point offset of line_start */
    size_t line_start = 0;
    while (line_start < size) {
        const char *nl = memchr(text + line_start, '\n', size - line_start);
        size_t line_end = nl ? (size_t)(nl - text) : size;
        size_t skip = 0;
        while (line_start + skip < line_end &&
               (text[line_start + skip] == ' ' || text[line_start + skip] == '\t'))
            skip++;
        size_t label_len = scan_label(text + line_start + skip, line_end - line_start - skip);
        if (label_len > 0) {
            size_t body = line_start + skip + label_len;
            while (body < line_end && (text[body] == ' ' || text[body] == '\t'))
                body++;
            struct candidate c = {
                .start = offset + (int64_t)skip,
                .body = offset + (int64_t)utf8_length(text + line_start, body - line_start),
                .label = strndup(text + line_start + skip, label_len - 1),
            };
            if (!c.label || !LIST_PUSH(&found, c)) {
                free(c.label);
                goto cleanup;
            }
        }
        offset += (int64_t)utf8_length(text + line_start, line_end - line_start) + (nl ? 1 : 0);
        line_start = line_end + 1;
    }

    /* Count each label's lines by sorting a copy of the labels. */
    labels = malloc((found.count ? found.count : 1) * sizeof *labels);
    if (!labels)
        goto cleanup;
    for (size_t i = 0; i < found.count; i++)
        labels[i] = found.items[i].label;
    qsort(labels, found.count, sizeof *labels, compare_labels);

    int64_t length = offset;
    struct turn_row *last = NULL;
    for (size_t i = 0; i < found.count; i++) {
        char *key = found.items[i].label;
        char **hit = bsearch(&key, labels, found.count, sizeof *labels, compare_labels);
        bool repeated = (hit > labels && strcmp(hit[-1], key) == 0) ||
                        (hit + 1 < labels + found.count && strcmp(hit[1], key) == 0);
        if (!repeated)
            continue;
        if (last)
            last->end = found.items[i].start;
        struct turn_row turn = {found.items[i].start, found.items[i].body, length, NULL};
        if (!(turn.speaker = strdup(key)) || !LIST_PUSH(turns, turn)) {
            free(turn.speaker);
            goto cleanup;
        }
        last = &turns->items[turns->count - 1];
    }
    ok = true;
cleanup:
    free(labels);
    free_candidates(&found);
    return ok;
}

/* Pulls each turn's end back over trailing spaces, tabs and line breaks. */
static void trim_turn_ends(const char *text, struct turn_list *turns)
{
    if (turns->count == 0)
        return;
    /* Walk the text once, mapping code point offsets to bytes as turns need them. */
    size_t byte = 0;
    int64_t offset = 0;
    for (size_t t = 0; t < turns->count; t++) {
        struct turn_row *turn = &turns->items[t];
        while (offset < turn->end) {
            byte++;
            while (text[byte] && !utf8_is_lead((unsigned char)text[byte]))
                byte++;
            offset++;
        }
        size_t b = byte;
        int64_t end = turn->end;
        while (end > turn->body && b > 0 &&
               (text[b - 1] == '\n' || text[b - 1] == ' ' || text[b - 1] == '\t')) {
            b--;
            end--;
        }
        turn->end = end;
    }
}

void transcript_finish(struct transcript *transcript)
{
    free(transcript->text);
    row_turn_list_finish(&transcript->turns);
    memset(transcript, 0, sizeof *transcript);
}

bool transcript_parse(const char *bytes, size_t n, const char *name, struct transcript *out,
                      struct error *err)
{
    memset(out, 0, sizeof *out);
    if (!file_refuse_utf16(bytes, n, name, err))
        return false;
    if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
        bytes += 3;
        n -= 3;
    }

    char *text = malloc(n + 1);
    if (!text)
        return error_internal(err, "out of memory reading %s", name);
    size_t size = 0;
    for (size_t i = 0; i < n; i++) {
        if (bytes[i] == '\r') {
            text[size++] = '\n';
            if (i + 1 < n && bytes[i + 1] == '\n')
                i++;
        } else {
            text[size++] = bytes[i];
        }
    }
    text[size] = '\0';

    struct text_position at;
    const char *nul = memchr(text, '\0', size);
    if (nul) {
        size_t line = 1;
        const char *line_start = text;
        for (const char *p = text; p < nul; p++) {
            if (*p == '\n') {
                line++;
                line_start = p + 1;
            }
        }
        error_user(err,
                   "%s:%zu:%zu: contains a NUL byte; this looks like a binary file, not a text "
                   "transcript",
                   name, line, utf8_length(line_start, (size_t)(nul - line_start)) + 1);
        free(text);
        return false;
    }
    if (!utf8_validate(text, size, &at)) {
        error_user(err,
                   "%s:%zu:%zu: not valid UTF-8 (byte 0x%02X); save the file as UTF-8 and import "
                   "it again",
                   name, at.line, at.column, (unsigned char)text[at.byte]);
        free(text);
        return false;
    }
    if (strspn(text, " \t\n\f\v") == size) {
        free(text);
        return error_user(err, "%s is empty; there is no text to import", name);
    }

    out->text = text;
    out->size = size;
    out->length = utf8_length(text, size);
    sha256_hex(text, size, out->sha256);
    if (!find_turns(text, size, &out->turns)) {
        transcript_finish(out);
        return error_internal(err, "out of memory finding speaker turns in %s", name);
    }
    trim_turn_ends(text, &out->turns);
    return true;
}

bool transcript_read(const char *path, struct transcript *out, struct error *err)
{
    char *data;
    size_t n;
    memset(out, 0, sizeof *out);
    if (!file_read(path, TRANSCRIPT_MAX_BYTES, &data, &n, err))
        return false;
    bool ok = transcript_parse(data, n, path, out, err);
    free(data);
    return ok;
}
