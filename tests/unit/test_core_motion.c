/* Moving through a text: words, sentences, paragraphs, speaker turns, searches, coded and
 * uncoded text. */
#include "check.h"
#include "core/motion.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct text *make(const char *s)
{
    return text_create(s, strlen(s));
}

static void words(void)
{
    struct text *text = make("Siobhán said: “no—never”. OK?");
    CHECK_INT(motion_word_next(text, 0), 8);
    CHECK_INT(motion_word_next(text, 8), 15);
    CHECK_INT(motion_word_next(text, 15), 18);
    CHECK_INT(motion_word_prev(text, 15), 8);
    CHECK_INT(motion_word_prev(text, 10), 8);
    CHECK_INT(motion_word_end(text, 0), 6);
    struct span w = motion_word_at(text, 3, false);
    CHECK_INT(w.start, 0);
    CHECK_INT(w.end, 7);
    w = motion_word_at(text, 3, true);
    CHECK_INT(w.end, 8);
    text_destroy(text);
}

static void sentences(void)
{
    const char *s = "First one. Second “quoted.” Third!\nNew line here";
    struct text *text = make(s);
    CHECK_INT(motion_sentence_next(text, 0), 11);
    CHECK_INT(motion_sentence_next(text, 11), 28);
    CHECK_INT(motion_sentence_next(text, 28), 35);
    CHECK_INT(motion_sentence_prev(text, 35), 28);
    CHECK_INT(motion_sentence_prev(text, 30), 28);
    CHECK_INT(motion_sentence_prev(text, 11), 0);
    struct span at = motion_sentence_at(text, 14, false);
    CHECK_INT(at.start, 11);
    CHECK_INT(at.end, 27);
    at = motion_sentence_at(text, 14, true);
    CHECK_INT(at.end, 28);
    at = motion_sentence_at(text, 40, false);
    CHECK_INT(at.start, 35);
    CHECK_INT(at.end, 48);
    text_destroy(text);
}

/* check_units TEXT KIND EXPECTED: the units as "start-end" pairs separated by spaces. */
static void check_units(const char *s, enum motion_unit kind, const char *want)
{
    struct text *text = make(s);
    struct span *units = NULL;
    size_t count = 0;
    CHECK(motion_units(text, kind, &units, &count));
    char got[256] = "";
    for (size_t i = 0; i < count; i++) {
        size_t at = strlen(got);
        snprintf(got + at, sizeof got - at, "%s%lld-%lld", i ? " " : "", (long long)units[i].start,
                 (long long)units[i].end);
    }
    CHECK_STR(got, want);
    free(units);
    text_destroy(text);
}

static void units_cover_every_sentence_and_paragraph_once(void)
{
    /* "First one." [0,10), "Second “quoted.”" [11,27), "Third!" [28,34), "New line here" [35,48).
     */
    check_units("First one. Second “quoted.” Third!\nNew line here", MOTION_SENTENCES,
                "0-10 11-27 28-34 35-48");
    /* Blank lines and leading spaces belong to no unit. */
    check_units("  I: One.\nStill one.\n\n \nR: Two.\n\n", MOTION_PARAGRAPHS, "2-20 24-31");
    check_units("  I: One.\nStill one.\n\n \nR: Two.\n\n", MOTION_SENTENCES, "2-9 10-20 24-31");
    check_units(" \n\t\n", MOTION_PARAGRAPHS, "");
    check_units("", MOTION_SENTENCES, "");
}

static void paragraphs(void)
{
    const char *s = "I: One.\nStill one.\n\n\nR: Two.\n\nI: Three.";
    struct text *text = make(s);
    CHECK_INT(motion_paragraph_next(text, 0), 21);
    CHECK_INT(motion_paragraph_next(text, 21), 30);
    CHECK_INT(motion_paragraph_next(text, 30), 39);
    CHECK_INT(motion_paragraph_prev(text, 30), 21);
    CHECK_INT(motion_paragraph_prev(text, 25), 21);
    CHECK_INT(motion_paragraph_prev(text, 21), 0);
    struct span p = motion_paragraph_at(text, 10, false);
    CHECK_INT(p.start, 0);
    CHECK_INT(p.end, 18);
    p = motion_paragraph_at(text, 10, true);
    CHECK_INT(p.end, 20);
    CHECK_INT(motion_line_start(text, 12), 8);
    CHECK_INT(motion_line_end(text, 12), 18);
    text_destroy(text);
}

static void turns(void)
{
    struct turn_row items[] = {{10, 13, 30, "I"}, {32, 35, 60, "R"}};
    struct turn_list list = {items, 2, 2};
    CHECK_INT(motion_turn_at(&list, 5), -1);
    CHECK_INT(motion_turn_at(&list, 10), 0);
    CHECK_INT(motion_turn_at(&list, 31), 0);
    CHECK_INT(motion_turn_at(&list, 45), 1);
    struct span body = motion_turn_span(&list, 20, false);
    CHECK_INT(body.start, 13);
    CHECK_INT(body.end, 30);
    struct span whole = motion_turn_span(&list, 40, true);
    CHECK_INT(whole.start, 32);
    CHECK_INT(whole.end, 60);
    CHECK_INT(motion_turn_next(&list, 0), 10);
    CHECK_INT(motion_turn_next(&list, 10), 32);
    CHECK_INT(motion_turn_next(&list, 32), -1);
    CHECK_INT(motion_turn_prev(&list, 40), 32);
    CHECK_INT(motion_turn_prev(&list, 32), 10);
    CHECK_INT(motion_turn_prev(&list, 10), -1);
    CHECK_INT(motion_turn_label_from(&list, 0), 0);
    CHECK_INT(motion_turn_label_from(&list, 12), 0);
    CHECK_INT(motion_turn_label_from(&list, 13), 1);
    CHECK_INT(motion_turn_label_from(&list, 35), 2);
}

/* The turn lookups are binary searches; these scans say what they must find. */
static int scanned_turn_at(const struct turn_list *turns, int64_t offset)
{
    int found = -1;
    for (size_t i = 0; i < turns->count && turns->items[i].start <= offset; i++) {
        int64_t reach = i + 1 < turns->count ? turns->items[i + 1].start : turns->items[i].end;
        if (offset < reach || offset <= turns->items[i].end)
            found = (int)i;
    }
    return found;
}

static int64_t scanned_turn_next(const struct turn_list *turns, int64_t offset)
{
    for (size_t i = 0; i < turns->count; i++)
        if (turns->items[i].start > offset)
            return turns->items[i].start;
    return -1;
}

static int64_t scanned_turn_prev(const struct turn_list *turns, int64_t offset)
{
    int64_t found = -1;
    for (size_t i = 0; i < turns->count; i++)
        if (turns->items[i].start < offset)
            found = turns->items[i].start;
    return found;
}

static size_t scanned_label_from(const struct turn_list *turns, int64_t offset)
{
    size_t i = 0;
    while (i < turns->count && turns->items[i].body <= offset)
        i++;
    return i;
}

static void turn_lookups_agree_with_a_scan(void)
{
    struct turn_row items[40];
    srand(7);
    for (int round = 0; round < 200; round++) {
        size_t count = (size_t)(rand() % 40);
        int64_t at = rand() % 3;
        for (size_t i = 0; i < count; i++) {
            /* Labels of 0 to 3 characters, bodies of 0 to 9, and gaps of 0 to 2 between turns
             * (a turn's end may be the next one's start). */
            items[i].start = at;
            items[i].body = at + rand() % 4;
            items[i].end = items[i].body + rand() % 10;
            items[i].speaker = "R";
            at = items[i].end + rand() % 3;
        }
        struct turn_list list = {items, count, count};
        for (int64_t offset = -1; offset <= at + 1; offset++) {
            CHECK_INT(motion_turn_at(&list, offset), scanned_turn_at(&list, offset));
            CHECK_INT(motion_turn_next(&list, offset), scanned_turn_next(&list, offset));
            CHECK_INT(motion_turn_prev(&list, offset), scanned_turn_prev(&list, offset));
            CHECK_INT(motion_turn_label_from(&list, offset), scanned_label_from(&list, offset));
        }
    }
}

static void searches_wrap_around_and_ignore_ascii_case(void)
{
    struct text *text = make("Zoë runs the PCN; zoë? the pcn board.");
    CHECK_INT(motion_search(text, "pcn", 0, 1), 13);
    CHECK_INT(motion_search(text, "pcn", 13, 1), 27);
    CHECK_INT(motion_search(text, "pcn", 27, 1), 13);
    CHECK_INT(motion_search(text, "pcn", 13, -1), 27);
    CHECK_INT(motion_search(text, "zoë", 0, 1), 18);
    /* Only ASCII letters fold: Ë is not ë. */
    CHECK_INT(motion_search(text, "ZOË", 0, 1), -1);
    CHECK_INT(motion_search(text, "", 0, 1), -1);
    CHECK_INT(motion_search(text, "absent", 3, -1), -1);
    text_destroy(text);
}

static struct coding_list codings_of(struct coding_row *rows, size_t n)
{
    return (struct coding_list){rows, n, n};
}

static void finds_coded_spans_by_start(void)
{
    struct coding_row rows[] = {{.start = 2, .end = 5},
                                {.start = 2, .end = 9},
                                {.start = 7, .end = 8},
                                {.start = 20, .end = 30}};
    struct coding_list list = codings_of(rows, 4);
    CHECK_INT(motion_coded(&list, 0, 1), 2);
    CHECK_INT(motion_coded(&list, 2, 1), 7);
    CHECK_INT(motion_coded(&list, 7, 1), 20);
    CHECK_INT(motion_coded(&list, 20, 1), -1);
    CHECK_INT(motion_coded(&list, 20, -1), 7);
    CHECK_INT(motion_coded(&list, 7, -1), 2);
    CHECK_INT(motion_coded(&list, 2, -1), -1);
    struct coding_list none = codings_of(NULL, 0);
    CHECK_INT(motion_coded(&none, 5, 1), -1);
}

/* The same answers from a scan over every coding. */
static int64_t scanned_coded(const struct coding_list *list, int64_t offset, int direction)
{
    int64_t found = -1;
    for (size_t i = 0; i < list->count; i++) {
        int64_t start = list->items[i].start;
        if (direction > 0 && start > offset && (found < 0 || start < found))
            found = start;
        if (direction < 0 && start < offset && start > found)
            found = start;
    }
    return found;
}

static int by_start(const void *x, const void *y)
{
    const struct coding_row *a = x, *b = y;
    return a->start != b->start ? (a->start > b->start) - (a->start < b->start)
                                : (a->end > b->end) - (a->end < b->end);
}

static void coded_spans_agree_with_a_scan(void)
{
    struct coding_row rows[30];
    srand(11);
    for (int round = 0; round < 300; round++) {
        size_t n = (size_t)(rand() % 30);
        for (size_t i = 0; i < n; i++) {
            rows[i].start = rand() % 50;
            rows[i].end = rows[i].start + 1 + rand() % 10;
        }
        qsort(rows, n, sizeof rows[0], by_start);
        struct coding_list list = codings_of(rows, n);
        for (int64_t offset = -1; offset <= 61; offset++) {
            CHECK_INT(motion_coded(&list, offset, 1), scanned_coded(&list, offset, 1));
            CHECK_INT(motion_coded(&list, offset, -1), scanned_coded(&list, offset, -1));
        }
    }
}

static void finds_uncoded_text(void)
{
    /*                        0123456789012345678901234 */
    struct text *text = make("one two three four five");
    struct coding_row rows[] = {{.start = 4, .end = 7}, {.start = 6, .end = 13}};
    struct coding_list list = codings_of(rows, 2);
    CHECK_INT(motion_uncoded(text, &list, 0, 1), 14);
    CHECK_INT(motion_uncoded(text, &list, 14, 1), 19);
    CHECK_INT(motion_uncoded(text, &list, 19, 1), -1);
    CHECK_INT(motion_uncoded(text, &list, 19, -1), 14);
    CHECK_INT(motion_uncoded(text, &list, 14, -1), 0);
    CHECK_INT(motion_uncoded(text, &list, 0, -1), -1);
    struct coding_list none = codings_of(NULL, 0);
    CHECK_INT(motion_uncoded(text, &none, 0, 1), 4);
    text_destroy(text);
}

int main(int argc, char **argv)
{
    if (!setlocale(LC_ALL, "C.UTF-8")) {
        printf("Bail out! the C.UTF-8 locale is missing\n");
        return 1;
    }
    static const struct test tests[] = {
        {"words", words},
        {"sentences", sentences},
        {"paragraphs", paragraphs},
        {"units_cover_every_sentence_and_paragraph_once",
         units_cover_every_sentence_and_paragraph_once},
        {"turns", turns},
        {"turn_lookups_agree_with_a_scan", turn_lookups_agree_with_a_scan},
        {"searches_wrap_around_and_ignore_ascii_case", searches_wrap_around_and_ignore_ascii_case},
        {"finds_coded_spans_by_start", finds_coded_spans_by_start},
        {"coded_spans_agree_with_a_scan", coded_spans_agree_with_a_scan},
        {"finds_uncoded_text", finds_uncoded_text},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
