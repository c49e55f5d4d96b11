/* The growable string: always terminated, whatever was called on it. */
#include "check.h"
#include "core/strbuf.h"

#include <stdlib.h>
#include <string.h>

static void a_reserved_buffer_is_empty_text(void)
{
    struct strbuf sb = STRBUF_INIT;
    CHECK(strbuf_reserve(&sb, 100));
    CHECK_STR(strbuf_str(&sb), "");
    char *s = strbuf_detach(&sb);
    CHECK(s != NULL);
    if (s)
        CHECK_STR(s, "");
    free(s);
}

static void appends_and_formats(void)
{
    struct strbuf sb = STRBUF_INIT;
    CHECK(strbuf_puts(&sb, "Zoë"));
    CHECK(strbuf_putc(&sb, ' '));
    CHECK(strbuf_printf(&sb, "%d%s", 5, "€"));
    CHECK(strbuf_reserve(&sb, 1000));
    CHECK_STR(strbuf_str(&sb), "Zoë 5€");
    CHECK_INT(sb.len, strlen("Zoë 5€"));
    strbuf_reset(&sb);
    CHECK_STR(strbuf_str(&sb), "");
    strbuf_finish(&sb);
    CHECK_STR(strbuf_str(&sb), "");
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"a_reserved_buffer_is_empty_text", a_reserved_buffer_is_empty_text},
        {"appends_and_formats", appends_and_formats},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
