/* Display widths and wrapping into rows. */
#include "check.h"
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
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
