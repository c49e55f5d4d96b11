/* Text being typed: the gap buffer against a plain string doing the same edits. */
#include "check.h"
#include "core/editbuf.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole text, with "|" at the cursor. */
static const char *shown(const struct editbuf *b)
{
    static char out[4096];
    size_t before, after;
    const char *head = editbuf_before(b, &before);
    const char *tail = editbuf_after(b, &after);
    snprintf(out, sizeof out, "%.*s|%.*s", (int)before, head, (int)after, tail);
    return out;
}

static void edits_at_the_cursor(void)
{
    struct editbuf b = {0};
    CHECK_STR(shown(&b), "|");
    editbuf_erase(&b, -1);
    editbuf_move(&b, -3);
    CHECK(editbuf_set(&b, "Zoë"));
    CHECK_STR(shown(&b), "Zoë|");
    editbuf_move(&b, -1);
    CHECK_STR(shown(&b), "Zo|ë");
    CHECK(editbuf_insert(&b, "—", strlen("—")));
    CHECK_STR(shown(&b), "Zo—|ë");
    editbuf_erase(&b, 1);
    CHECK_STR(shown(&b), "Zo—|");
    editbuf_erase(&b, -1);
    CHECK_STR(shown(&b), "Zo|");
    editbuf_move_to(&b, 0);
    CHECK_STR(shown(&b), "|Zo");
    CHECK_INT(editbuf_cursor(&b), 0);
    CHECK_INT(editbuf_size(&b), 2);
    char *text = editbuf_text(&b);
    CHECK_STR(text, "Zo");
    free(text);
    editbuf_clear(&b);
    CHECK_STR(shown(&b), "|");
    editbuf_finish(&b);
    editbuf_finish(&b);
}

static void moves_by_whole_code_points(void)
{
    struct editbuf b = {0};
    CHECK(editbuf_set(&b, "a€😀b"));
    editbuf_move(&b, -2);
    CHECK_STR(shown(&b), "a€|😀b");
    editbuf_move_to(&b, 3); /* inside € */
    CHECK_STR(shown(&b), "a|€😀b");
    editbuf_move(&b, 100);
    CHECK_STR(shown(&b), "a€😀b|");
    editbuf_move(&b, -100);
    CHECK_STR(shown(&b), "|a€😀b");
    editbuf_finish(&b);
}

/* Random edits, done to the buffer and to a plain string with a cursor, must agree. */
static void agrees_with_a_plain_string(void)
{
    static const char *const pieces[] = {"a", "é", "€", "😀", "\n", "xyz"};
    srand(5);
    for (int round = 0; round < 50; round++) {
        struct editbuf b = {0};
        char plain[8192] = "";
        size_t cursor = 0;
        for (int step = 0; step < 300; step++) {
            size_t len = strlen(plain);
            int what = rand() % 5;
            if (what <= 1 && len < 6000) {
                const char *piece = pieces[rand() % 6];
                size_t n = strlen(piece);
                memmove(plain + cursor + n, plain + cursor, len - cursor + 1);
                memcpy(plain + cursor, piece, n);
                cursor += n;
                CHECK(editbuf_insert(&b, piece, n));
            } else if (what == 2) {
                int direction = rand() % 2 ? 1 : -1;
                size_t from = cursor, to = cursor;
                if (direction < 0 && cursor > 0)
                    while (from > 0 && !utf8_is_lead((unsigned char)plain[--from]))
                        ;
                if (direction > 0 && cursor < len)
                    for (to++; to < len && !utf8_is_lead((unsigned char)plain[to]); to++)
                        ;
                memmove(plain + from, plain + to, len - to + 1);
                cursor = from;
                editbuf_erase(&b, direction);
            } else {
                size_t target = len ? (size_t)rand() % (len + 1) : 0;
                while (target > 0 && target < len && !utf8_is_lead((unsigned char)plain[target]))
                    target--;
                cursor = target;
                editbuf_move_to(&b, target);
            }
            CHECK_INT(editbuf_cursor(&b), cursor);
            CHECK_INT(editbuf_size(&b), strlen(plain));
        }
        char *text = editbuf_text(&b);
        CHECK_STR(text, plain);
        free(text);
        editbuf_finish(&b);
    }
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"edits_at_the_cursor", edits_at_the_cursor},
        {"moves_by_whole_code_points", moves_by_whole_code_points},
        {"agrees_with_a_plain_string", agrees_with_a_plain_string},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
