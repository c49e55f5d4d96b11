/* Display widths, wrapping into rows, and motions over a text. */
#include "check.h"
#include "core/motion.h"
#include "core/width.h"
#include "core/wrap.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct text *make(const char *s)
{
    return text_create(s, strlen(s));
}

/* The rows of s at width as "row|row|..." */
static const char *rows_of(const char *s, int width)
{
    static char out[1024];
    struct text *text = make(s);
    struct wrap wrap = {0};
    CHECK(wrap_text(text, width, &wrap));
    out[0] = '\0';
    for (size_t i = 0; i < wrap.count; i++) {
        char *row = text_slice(text, (size_t)wrap.items[i].start, (size_t)wrap.items[i].end);
        strcat(out, i ? "|" : "");
        strcat(out, row);
        free(row);
    }
    wrap_finish(&wrap);
    text_destroy(text);
    return out;
}

static void widths_of_characters(void)
{
    CHECK_INT(width_of('a'), 1);
    CHECK_INT(width_of(0xEB), 1);    /* ë */
    CHECK_INT(width_of(0x301), 0);   /* combining acute */
    CHECK_INT(width_of(0x4E2D), 2);  /* 中 */
    CHECK_INT(width_of(0x1F600), 2); /* 😀 */
    CHECK_INT(width_drawn(0x1B), 2); /* ^[ */
    CHECK_INT(width_drawn(0x9B), 4); /* <9b> */
    CHECK_INT(width_drawn('\t'), 1);
    CHECK_INT(width_drawn('\n'), 0);
    CHECK_INT(width_of_text("Zoë 中文", strlen("Zoë 中文")), 8);
    CHECK_INT(width_fit("中文字", strlen("中文字"), 5), 6); /* two wide characters fit in 5 */
}

static void wraps_at_spaces(void)
{
    CHECK_STR(rows_of("the quick brown fox", 10), "the quick |brown fox");
    CHECK_STR(rows_of("the quick brown fox", 9), "the quick |brown fox");
    CHECK_STR(rows_of("one\n\ntwo", 10), "one||two");
    CHECK_STR(rows_of("", 10), "");
    CHECK_STR(rows_of("end\n", 10), "end|");
}

static void breaks_long_words_and_keeps_marks_together(void)
{
    CHECK_STR(rows_of("abcdefghij", 4), "abcd|efgh|ij");
    CHECK_STR(rows_of("中文中文中", 4), "中文|中文|中");
    CHECK_STR(rows_of("中文中", 3), "中|文|中");
    /* e + combining acute takes one column. */
    CHECK_STR(rows_of("ae\xcc\x81"
                      "bc",
                      3),
              "ae\xcc\x81"
              "b|c");
}

static void finds_the_row_of_an_offset(void)
{
    struct text *text = make("the quick brown fox\nnext");
    struct wrap wrap = {0};
    wrap_text(text, 10, &wrap);
    CHECK_INT(wrap.count, 3);
    CHECK_INT(wrap_row_of(&wrap, 0), 0);
    CHECK_INT(wrap_row_of(&wrap, 9), 0);
    CHECK_INT(wrap_row_of(&wrap, 10), 1);
    CHECK_INT(wrap_row_of(&wrap, 19), 1); /* the line feed */
    CHECK_INT(wrap_row_of(&wrap, 20), 2);
    CHECK_INT(wrap_row_of(&wrap, 24), 2); /* the end */
    wrap_finish(&wrap);
    text_destroy(text);
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

int main(int argc, char **argv)
{
    if (!setlocale(LC_ALL, "C.UTF-8")) {
        printf("Bail out! the C.UTF-8 locale is missing\n");
        return 1;
    }
    static const struct test tests[] = {
        {"widths_of_characters", widths_of_characters},
        {"wraps_at_spaces", wraps_at_spaces},
        {"breaks_long_words_and_keeps_marks_together", breaks_long_words_and_keeps_marks_together},
        {"finds_the_row_of_an_offset", finds_the_row_of_an_offset},
        {"words", words},
        {"sentences", sentences},
        {"paragraphs", paragraphs},
        {"turns", turns},
        {"turn_lookups_agree_with_a_scan", turn_lookups_agree_with_a_scan},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
