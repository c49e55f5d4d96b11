/* Citation label templates: parts, braces, errors with their column, source numbers. */
#include "check.h"
#include "core/citation.h"

#include <stdio.h>
#include <string.h>

/* The parts of a template as "text|{field}@column ..." for comparison. */
static const char *parts_of(const char *template)
{
    static char buf[512];
    struct citation c = {0};
    struct error err = {0};
    buf[0] = '\0';
    if (!citation_parse(template, &c, &err)) {
        snprintf(buf, sizeof buf, "error: %.400s", err.message);
    } else {
        size_t n = 0;
        for (size_t i = 0; i < c.count && n < sizeof buf - 64; i++)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s%s%s@%zu", i ? " " : "",
                                  c.items[i].field ? "{" : "'", c.items[i].text,
                                  c.items[i].field ? "}" : "'", c.items[i].column);
    }
    citation_finish(&c);
    return buf;
}

static void splits_text_and_fields(void)
{
    CHECK_STR(parts_of("(Int{source.number}, {case.staff_group}, site {case.site})"),
              "'(Int'@1 {source.number}@5 ', '@20 {case.staff_group}@22 ', site '@40 "
              "{case.site}@47 ')'@58");
    CHECK_STR(parts_of("{ coder }"), "{coder}@1");
    CHECK_STR(parts_of(""), "");
    CHECK_STR(parts_of("plain"), "'plain'@1");
}

static void braces_are_doubled(void)
{
    CHECK_STR(parts_of("{{x}} {coder}"), "'{x} '@1 {coder}@7");
    /* Columns count characters, not bytes. */
    CHECK_STR(parts_of("Zoë {coder}"), "'Zoë '@1 {coder}@5");
}

static void errors_name_the_column(void)
{
    CHECK_STR(parts_of("(Int{source.number"),
              "error: column 5: '{' without its '}' (write '{{' for a brace)");
    CHECK_STR(parts_of("é} {coder}"),
              "error: column 2: '}' closes no field (write '}}' for a brace)");
    CHECK_STR(parts_of("ab {  }"), "error: column 4: an empty field '{}'");
    CHECK_STR(parts_of("{a{b}"), "error: column 1: '{' without its '}' (write '{{' for a brace)");
}

static const char *number_of(const char *name)
{
    static char buf[16];
    citation_number(name, buf, sizeof buf);
    return buf;
}

static void numbers_sources(void)
{
    CHECK_STR(number_of("int07"), "7");
    CHECK_STR(number_of("int7"), "7");
    CHECK_STR(number_of("site2_int12b"), "12");
    CHECK_STR(number_of("int00"), "0");
    CHECK_STR(number_of("interview"), "");
    CHECK_STR(number_of("2023"), "2023");
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"splits text and fields", splits_text_and_fields},
        {"braces are doubled", braces_are_doubled},
        {"errors name the column", errors_name_the_column},
        {"numbers sources", numbers_sources},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
