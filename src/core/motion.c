#include "core/motion.h"

#include "core/utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

static int64_t length_of(const struct text *text)
{
    return (int64_t)text_length(text);
}

static uint32_t at(const struct text *text, int64_t offset)
{
    return offset < 0 || offset >= length_of(text) ? 0 : text_char(text, (size_t)offset);
}

static bool is_word(uint32_t cp)
{
    return cp && (cp == '_' || iswalnum((wint_t)cp));
}

static bool is_blank(uint32_t cp)
{
    return cp == ' ' || cp == '\t';
}

int64_t motion_word_next(const struct text *text, int64_t offset)
{
    int64_t n = length_of(text);
    int64_t i = offset;
    while (i < n && is_word(at(text, i)))
        i++;
    while (i < n && !is_word(at(text, i)))
        i++;
    return i;
}

int64_t motion_word_prev(const struct text *text, int64_t offset)
{
    int64_t i = offset;
    while (i > 0 && !is_word(at(text, i - 1)))
        i--;
    while (i > 0 && is_word(at(text, i - 1)))
        i--;
    return i;
}

int64_t motion_word_end(const struct text *text, int64_t offset)
{
    int64_t n = length_of(text);
    int64_t i = offset + 1;
    while (i < n && !is_word(at(text, i)))
        i++;
    while (i + 1 < n && is_word(at(text, i + 1)))
        i++;
    return i < n ? i : (n > 0 ? n - 1 : 0);
}

int64_t motion_line_start(const struct text *text, int64_t offset)
{
    int64_t i = offset > length_of(text) ? length_of(text) : offset;
    while (i > 0 && at(text, i - 1) != '\n')
        i--;
    return i;
}

int64_t motion_line_end(const struct text *text, int64_t offset)
{
    int64_t n = length_of(text);
    int64_t i = offset;
    while (i < n && at(text, i) != '\n')
        i++;
    return i;
}

static bool is_closer(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x2019 || cp == 0x201D;
}

/* True when a sentence ends just before `offset`: a terminator (and closers) before a blank. */
static bool sentence_ends_before(const struct text *text, int64_t offset)
{
    uint32_t next = at(text, offset);
    if (offset < length_of(text) && !is_blank(next) && next != '\n')
        return false;
    int64_t i = offset - 1;
    while (i >= 0 && is_closer(at(text, i)))
        i--;
    uint32_t cp = at(text, i);
    return i >= 0 && (cp == '.' || cp == '!' || cp == '?');
}

/* Start of the sentence holding offset: after the last sentence end or line feed before it,
 * skipping blanks. */
static int64_t sentence_start(const struct text *text, int64_t offset)
{
    int64_t line = motion_line_start(text, offset);
    int64_t i = offset;
    /* A blank run belongs to the sentence before it. */
    while (i > line && is_blank(at(text, i)))
        i--;
    while (i > line && !sentence_ends_before(text, i))
        i--;
    while (i < offset && is_blank(at(text, i)))
        i++;
    return i;
}

/* End of the sentence holding offset: after its terminator and closers, or at the line end. */
static int64_t sentence_end(const struct text *text, int64_t offset)
{
    int64_t end = motion_line_end(text, offset);
    int64_t i = offset + 1;
    while (i < end && !sentence_ends_before(text, i))
        i++;
    return i < end ? i : end;
}

int64_t motion_sentence_next(const struct text *text, int64_t offset)
{
    int64_t n = length_of(text);
    int64_t i = sentence_end(text, offset);
    while (i < n && (is_blank(at(text, i)) || at(text, i) == '\n'))
        i++;
    return i;
}

int64_t motion_sentence_prev(const struct text *text, int64_t offset)
{
    int64_t start = sentence_start(text, offset);
    if (start < offset)
        return start;
    int64_t i = start;
    while (i > 0 && (is_blank(at(text, i - 1)) || at(text, i - 1) == '\n'))
        i--;
    return i > 0 ? sentence_start(text, i - 1) : 0;
}

static bool line_is_blank(const struct text *text, int64_t line_start)
{
    int64_t n = length_of(text);
    int64_t i = line_start;
    while (i < n && is_blank(at(text, i)))
        i++;
    return i >= n || at(text, i) == '\n';
}

/* Start of the line after the one holding offset, or the length. */
static int64_t next_line(const struct text *text, int64_t offset)
{
    int64_t end = motion_line_end(text, offset);
    return end < length_of(text) ? end + 1 : end;
}

int64_t motion_paragraph_next(const struct text *text, int64_t offset)
{
    int64_t n = length_of(text);
    int64_t line = motion_line_start(text, offset);
    while (line < n && !line_is_blank(text, line))
        line = next_line(text, line);
    while (line < n && line_is_blank(text, line)) {
        int64_t next = next_line(text, line);
        if (next == line)
            break;
        line = next;
    }
    return line;
}

/* Start of the paragraph holding the (non-blank) line at line_start. */
static int64_t paragraph_start(const struct text *text, int64_t line_start)
{
    int64_t line = line_start;
    while (line > 0) {
        int64_t prev = motion_line_start(text, line - 1);
        if (line_is_blank(text, prev))
            break;
        line = prev;
    }
    return line;
}

int64_t motion_paragraph_prev(const struct text *text, int64_t offset)
{
    int64_t line = motion_line_start(text, offset);
    int64_t start = line_is_blank(text, line) ? -1 : paragraph_start(text, line);
    if (start >= 0 && start < offset)
        return start;
    /* Go back over blank lines to the previous paragraph. */
    int64_t i = (start >= 0 ? start : line);
    while (i > 0) {
        int64_t prev = motion_line_start(text, i - 1);
        i = prev;
        if (!line_is_blank(text, prev))
            return paragraph_start(text, prev);
    }
    return 0;
}

struct span motion_word_at(const struct text *text, int64_t offset, bool around)
{
    int64_t n = length_of(text);
    if (offset >= n)
        return (struct span){n, n};
    bool word = is_word(at(text, offset));
    int64_t start = offset;
    int64_t end = offset;
    if (word) {
        while (start > 0 && is_word(at(text, start - 1)))
            start--;
        while (end < n && is_word(at(text, end)))
            end++;
        if (around) {
            while (end < n && is_blank(at(text, end)))
                end++;
        }
    } else {
        uint32_t here = at(text, offset);
        bool blank = is_blank(here);
        while (start > 0 && !is_word(at(text, start - 1)) &&
               is_blank(at(text, start - 1)) == blank && at(text, start - 1) != '\n')
            start--;
        while (end < n && !is_word(at(text, end)) && is_blank(at(text, end)) == blank &&
               at(text, end) != '\n')
            end++;
        if (end == offset)
            end = offset + 1;
    }
    return (struct span){start, end};
}

struct span motion_sentence_at(const struct text *text, int64_t offset, bool around)
{
    int64_t start = sentence_start(text, offset);
    int64_t end = sentence_end(text, start > offset ? start : offset);
    if (around) {
        int64_t line_end = motion_line_end(text, end);
        while (end < line_end && is_blank(at(text, end)))
            end++;
    }
    return (struct span){start, end > start ? end : start};
}

struct span motion_paragraph_at(const struct text *text, int64_t offset, bool around)
{
    int64_t n = length_of(text);
    int64_t line = motion_line_start(text, offset);
    if (line_is_blank(text, line))
        return (struct span){line, motion_line_end(text, line)};
    int64_t start = paragraph_start(text, line);
    int64_t end = line;
    for (;;) {
        int64_t next = next_line(text, end);
        if (next >= n || next == end || line_is_blank(text, next))
            break;
        end = next;
    }
    end = motion_line_end(text, end);
    if (around) {
        int64_t i = end < n ? end + 1 : end;
        while (i < n && line_is_blank(text, i)) {
            end = motion_line_end(text, i);
            int64_t next = next_line(text, i);
            if (next == i)
                break;
            i = next;
        }
    }
    return (struct span){start, end};
}

bool motion_units(const struct text *text, enum motion_unit kind, struct span **units,
                  size_t *count)
{
    int64_t n = length_of(text);
    struct span *list = NULL;
    size_t used = 0, cap = 0;
    *units = NULL;
    *count = 0;
    for (int64_t i = 0; i < n;) {
        uint32_t cp = at(text, i);
        if (is_blank(cp) || cp == '\n') {
            i++;
            continue;
        }
        struct span unit = kind == MOTION_PARAGRAPHS ? motion_paragraph_at(text, i, false)
                                                     : motion_sentence_at(text, i, false);
        unit.start = i;
        if (unit.end <= i)
            unit.end = i + 1;
        if (used == cap) {
            size_t grown = cap ? 2 * cap : 16;
            struct span *more = realloc(list, grown * sizeof *more);
            if (!more) {
                free(list);
                return false;
            }
            list = more;
            cap = grown;
        }
        list[used++] = unit;
        i = unit.end;
    }
    *units = list;
    *count = used;
    return true;
}

/* Where a turn is looked up by: its label's start or its body's start (both in text order). */
enum turn_edge { TURN_START, TURN_BODY };

/* The number of turns whose edge is at most offset, or below it when `strictly`. */
static size_t turns_before(const struct turn_list *turns, enum turn_edge edge, int64_t offset,
                           bool strictly)
{
    size_t low = 0, high = turns->count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        const struct turn_row *turn = &turns->items[middle];
        int64_t value = edge == TURN_START ? turn->start : turn->body;
        if (value < offset || (!strictly && value == offset))
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

int motion_turn_at(const struct turn_list *turns, int64_t offset)
{
    size_t before = turns_before(turns, TURN_START, offset, false);
    if (before == 0)
        return -1;
    size_t i = before - 1;
    /* A turn reaches up to the next turn's start; its stored end excludes trailing space. */
    int64_t reach = before < turns->count ? turns->items[before].start : turns->items[i].end;
    return offset < reach || offset <= turns->items[i].end ? (int)i : -1;
}

size_t motion_turn_label_from(const struct turn_list *turns, int64_t offset)
{
    return turns_before(turns, TURN_BODY, offset, false);
}

struct span motion_turn_span(const struct turn_list *turns, int64_t offset, bool around)
{
    int i = motion_turn_at(turns, offset);
    if (i < 0)
        return (struct span){0, 0};
    const struct turn_row *turn = &turns->items[i];
    return (struct span){around ? turn->start : turn->body, turn->end};
}

int64_t motion_turn_next(const struct turn_list *turns, int64_t offset)
{
    size_t i = turns_before(turns, TURN_START, offset, false);
    return i < turns->count ? turns->items[i].start : -1;
}

int64_t motion_turn_prev(const struct turn_list *turns, int64_t offset)
{
    size_t before = turns_before(turns, TURN_START, offset, true);
    return before > 0 ? turns->items[before - 1].start : -1;
}

/* True when needle matches the bytes at `bytes`, ASCII letters in either case. */
static bool matches_at(const char *bytes, const char *needle, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char a = (unsigned char)bytes[i], b = (unsigned char)needle[i];
        if (a != b && !(a < 0x80 && b < 0x80 && tolower(a) == tolower(b)))
            return false;
    }
    return true;
}

int64_t motion_search(const struct text *text, const char *needle, int64_t offset, int direction)
{
    size_t n = strlen(needle);
    const char *bytes = text_data(text);
    size_t size = text_size(text);
    if (n == 0 || n > size)
        return -1;
    size_t start = text_byte(text, offset < 0 ? 0 : (size_t)offset);
    for (size_t step = 1; step <= size; step++) {
        size_t i = direction > 0 ? (start + step) % size : (start + size - step) % size;
        if (i + n <= size && utf8_is_lead((unsigned char)bytes[i]) &&
            matches_at(bytes + i, needle, n))
            return (int64_t)text_offset(text, i);
    }
    return -1;
}

int64_t motion_coded(const struct coding_list *codings, int64_t offset, int direction)
{
    /* The first coding that starts after offset (or at or after it, going back). */
    size_t lo = 0, hi = codings->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        bool before = direction > 0 ? codings->items[mid].start <= offset
                                    : codings->items[mid].start < offset;
        if (before)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (direction > 0)
        return lo < codings->count ? codings->items[lo].start : -1;
    return lo > 0 ? codings->items[lo - 1].start : -1;
}

static bool is_space(const struct text *text, int64_t offset)
{
    uint32_t cp = at(text, offset);
    return cp == ' ' || cp == '\t' || cp == '\n';
}

int64_t motion_uncoded(const struct text *text, const struct coding_list *codings, int64_t offset,
                       int direction)
{
    int64_t length = length_of(text);
    struct span *spans = malloc((codings->count ? codings->count : 1) * sizeof *spans);
    if (!spans)
        return -1;
    for (size_t i = 0; i < codings->count; i++)
        spans[i] = (struct span){codings->items[i].start, codings->items[i].end};
    size_t n = span_union(spans, codings->count);
    int64_t i = offset;
    if (direction > 0) {
        while (i < length && !span_union_contains(spans, n, i) && !is_space(text, i))
            i++;
        while (i < length && (span_union_contains(spans, n, i) || is_space(text, i)))
            i++;
    } else {
        while (i > 0 && (span_union_contains(spans, n, i - 1) || is_space(text, i - 1)))
            i--;
        while (i > 0 && !span_union_contains(spans, n, i - 1) && !is_space(text, i - 1))
            i--;
        if (i == offset)
            i = -1;
    }
    free(spans);
    return i < length ? i : -1;
}
