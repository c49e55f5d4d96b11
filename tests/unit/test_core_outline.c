/* Outline numbers: reading, writing, order. */
#include "check.h"
#include "core/outline.h"

#include <string.h>

static struct outline parsed(const char *s)
{
    struct outline o = {0};
    CHECK(outline_parse(s, strlen(s), &o));
    return o;
}

static void reads_padded_and_plain_numbers(void)
{
    struct outline a = parsed("07.01.02");
    struct outline b = parsed("7.1.2");
    CHECK_INT(a.depth, 3);
    CHECK_INT(a.part[0], 7);
    CHECK_INT(a.part[2], 2);
    CHECK_INT(outline_compare(&a, &b), 0);
    struct outline c = parsed("10.");
    CHECK_INT(c.depth, 1);
    CHECK_INT(c.part[0], 10);
}

static void rejects_what_is_not_a_number(void)
{
    struct outline o;
    const char *bad[] = {"", ".", "07..01", "7.x", "0", "07.00", "12345", "a1", "1.2 ", "-1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(!outline_parse(bad[i], strlen(bad[i]), &o));
    const char *deep = "1.1.1.1.1.1.1.1.1.1.1.1.1";
    CHECK(!outline_parse(deep, strlen(deep), &o));
}

static void scans_a_number_before_a_name(void)
{
    struct outline o;
    const char *line = "07.01.02 Management and governance";
    CHECK_INT(outline_scan(line, strlen(line), &o), 8);
    CHECK_INT(o.depth, 3);
    CHECK_INT(outline_scan("2020s plan", 10, &o), 0);
    CHECK_INT(outline_scan("07.01.02", 8, &o), 8);
    CHECK_INT(outline_scan("Quotes", 6, &o), 0);
}

static void writes_two_digits_per_level(void)
{
    char buf[OUTLINE_TEXT_MAX];
    struct outline o = parsed("7.1.12");
    CHECK_INT(outline_format(&o, buf, sizeof buf), 8);
    CHECK_STR(buf, "07.01.12");
    o = parsed("123.4");
    outline_format(&o, buf, sizeof buf);
    CHECK_STR(buf, "123.04");
    struct outline empty = {0};
    outline_format(&empty, buf, sizeof buf);
    CHECK_STR(buf, "");
}

static void orders_as_an_outline(void)
{
    struct outline a = parsed("01");
    struct outline b = parsed("01.01");
    struct outline c = parsed("01.02");
    struct outline d = parsed("02");
    struct outline e = parsed("10");
    CHECK(outline_compare(&a, &b) < 0);
    CHECK(outline_compare(&b, &c) < 0);
    CHECK(outline_compare(&c, &d) < 0);
    CHECK(outline_compare(&d, &e) < 0);
    CHECK(outline_compare(&e, &a) > 0);
    CHECK(outline_has_prefix(&b, &a));
    CHECK(outline_has_prefix(&a, &a));
    CHECK(!outline_has_prefix(&a, &b));
    CHECK(!outline_has_prefix(&d, &a));
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"reads_padded_and_plain_numbers", reads_padded_and_plain_numbers},
        {"rejects_what_is_not_a_number", rejects_what_is_not_a_number},
        {"scans_a_number_before_a_name", scans_a_number_before_a_name},
        {"writes_two_digits_per_level", writes_two_digits_per_level},
        {"orders_as_an_outline", orders_as_an_outline},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
