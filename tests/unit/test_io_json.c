/* The JSON writer: layout as Python's json.dumps(indent=2), escapes, numbers. */
#include "check.h"
#include "io/json.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a writer wrote into memory; the caller frees it. */
struct capture {
    FILE *stream;
    char *text;
    size_t n;
};

static void capture_begin(struct capture *c, struct json_writer *j)
{
    c->text = NULL;
    c->n = 0;
    c->stream = open_memstream(&c->text, &c->n);
    json_init(j, c->stream);
}

static char *capture_end(struct capture *c)
{
    fclose(c->stream);
    return c->text;
}

static void lays_out_as_python_does(void)
{
    /* python3 -c 'import json; print(json.dumps({...}, indent=2, ensure_ascii=False))' */
    static const char want[] = "{\n"
                               "  \"unit\": \"characters\",\n"
                               "  \"n\": 12,\n"
                               "  \"coders\": [\n"
                               "    \"A\",\n"
                               "    \"B\"\n"
                               "  ],\n"
                               "  \"empty\": [],\n"
                               "  \"none\": {},\n"
                               "  \"codes\": [\n"
                               "    {\n"
                               "      \"code\": \"07.01\",\n"
                               "      \"kappa\": null,\n"
                               "      \"x\": 0.5\n"
                               "    }\n"
                               "  ],\n"
                               "  \"say\": \"a \\\"q\\\"\\\\\\n\\t\\r\\u0001\xC3\xA9\"\n"
                               "}\n";
    struct capture c;
    struct json_writer j;
    capture_begin(&c, &j);
    json_object_begin(&j, NULL);
    json_string(&j, "unit", "characters");
    json_int(&j, "n", 12);
    json_array_begin(&j, "coders");
    json_string(&j, NULL, "A");
    json_string(&j, NULL, "B");
    json_array_end(&j);
    json_array_begin(&j, "empty");
    json_array_end(&j);
    json_object_begin(&j, "none");
    json_object_end(&j);
    json_array_begin(&j, "codes");
    json_object_begin(&j, NULL);
    json_string(&j, "code", "07.01");
    json_null(&j, "kappa");
    json_number(&j, "x", 0.5);
    json_object_end(&j);
    json_array_end(&j);
    json_string(&j, "say", "a \"q\"\\\n\t\r\x01\xC3\xA9");
    json_object_end(&j);
    char *got = capture_end(&c);
    CHECK_STR(got, want);
    free(got);
}

static void top_level_values_end_their_line(void)
{
    struct capture c;
    struct json_writer j;
    capture_begin(&c, &j);
    json_array_begin(&j, NULL);
    json_int(&j, NULL, -3);
    json_bool(&j, NULL, true);
    json_bool(&j, NULL, false);
    json_array_end(&j);
    char *got = capture_end(&c);
    CHECK_STR(got, "[\n  -3,\n  true,\n  false\n]\n");
    free(got);
    capture_begin(&c, &j);
    json_object_begin(&j, NULL);
    json_object_end(&j);
    got = capture_end(&c);
    CHECK_STR(got, "{}\n");
    free(got);
}

static void integers_at_their_limits_and_deep_nesting(void)
{
    struct capture c;
    struct json_writer j;
    capture_begin(&c, &j);
    json_array_begin(&j, NULL);
    json_int(&j, NULL, 0);
    json_int(&j, NULL, INT64_MAX);
    json_int(&j, NULL, INT64_MIN);
    json_array_end(&j);
    char *got = capture_end(&c);
    CHECK_STR(got, "[\n  0,\n  9223372036854775807,\n  -9223372036854775808\n]\n");
    free(got);
    /* 40 levels: 80 spaces before the innermost value, more than one run of them. */
    capture_begin(&c, &j);
    for (int i = 0; i < 40; i++)
        json_array_begin(&j, NULL);
    json_int(&j, NULL, 7);
    for (int i = 0; i < 40; i++)
        json_array_end(&j);
    got = capture_end(&c);
    char want[80 + 8];
    snprintf(want, sizeof want, "\n%80s7\n", "");
    CHECK(strstr(got, want) != NULL);
    free(got);
}

/* Writes one number as the only element of an array ("[\n  1\n]\n") and returns its text. */
static char *number_text(double v)
{
    static char text[64];
    struct capture c;
    struct json_writer j;
    capture_begin(&c, &j);
    json_array_begin(&j, NULL);
    json_number(&j, NULL, v);
    json_array_end(&j);
    char *got = capture_end(&c);
    snprintf(text, sizeof text, "%.*s", got && strlen(got) > 7 ? (int)strlen(got) - 7 : 0,
             got ? got + 4 : "");
    free(got);
    return text;
}

static void numbers_read_back_and_null_what_json_cannot_hold(void)
{
    CHECK_STR(number_text(1), "1");
    CHECK_STR(number_text(0.1), "0.10000000000000001");
    CHECK_STR(number_text(-2.5e-7), "-2.4999999999999999e-07");
    CHECK(strtod(number_text(2.0 / 3), NULL) == 2.0 / 3);
    CHECK_STR(number_text(NAN), "null");
    CHECK_STR(number_text(INFINITY), "null");
    CHECK_STR(number_text(-INFINITY), "null");
}

static void numbers_have_a_point_in_any_locale(void)
{
    /* A locale with a decimal comma, where the system has one. */
    static const char *const locales[] = {"de_DE.UTF-8", "fr_FR.UTF-8", "nl_NL.UTF-8"};
    const char *found = NULL;
    for (size_t i = 0; i < 3 && !found; i++)
        found = setlocale(LC_NUMERIC, locales[i]);
    CHECK_STR(number_text(0.25), "0.25");
    setlocale(LC_NUMERIC, "C");
    if (!found)
        printf("# no locale with a decimal comma here; checked under C only\n");
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"lays_out_as_python_does", lays_out_as_python_does},
        {"top_level_values_end_their_line", top_level_values_end_their_line},
        {"integers_at_their_limits_and_deep_nesting", integers_at_their_limits_and_deep_nesting},
        {"numbers_read_back_and_null_what_json_cannot_hold",
         numbers_read_back_and_null_what_json_cannot_hold},
        {"numbers_have_a_point_in_any_locale", numbers_have_a_point_in_any_locale},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
