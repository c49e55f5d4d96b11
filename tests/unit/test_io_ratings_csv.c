/* Reading unit-level ratings from CSV. */
#include "check.h"
#include "io/ratings_csv.h"

#include <stdio.h>
#include <string.h>

static bool parse(const char *data, struct ratings_csv *out, struct error *err)
{
    return ratings_csv_parse(data, strlen(data), "r.csv", out, err);
}

static void names_categories_in_order_of_appearance(void)
{
    struct ratings_csv r;
    struct error err;
    CHECK(parse("coder 1,coder 2,coder 3\nyes,no,\n maybe ,yes,yes\n,,no\n", &r, &err));
    CHECK_INT(r.ncoders, 3);
    CHECK_STR(r.coders[1], "coder 2");
    CHECK_INT(ratings_units(r.table), 3);
    CHECK_INT(ratings_coders(r.table), 3);
    CHECK(!r.numeric);
    CHECK_INT(r.ncategories, 3);
    CHECK_STR(r.categories[0], "yes");
    CHECK_STR(r.categories[1], "no");
    CHECK_STR(r.categories[2], "maybe");
    /* Units with two or more values: (yes, no) and (maybe, yes, yes); the third has one. */
    CHECK_INT(r.values, 6);
    CHECK_INT(r.pairable, 5);
    struct agree_figure percent = ratings_percent(r.table);
    CHECK_INT(percent.status, AGREE_DEFINED);
    CHECK_NEAR(percent.value, 0.0, 0);
    CHECK_INT(percent.n, 2);
    ratings_csv_finish(&r);
    CHECK(r.table == NULL && r.coders == NULL && r.ncategories == 0);
}

static void keeps_numbers_when_every_value_is_one(void)
{
    struct ratings_csv r;
    struct error err;
    CHECK(parse("A,B\n1,1.0\n-2.5,-25e-1\n.5,0.50\n3E2,300\n", &r, &err));
    CHECK(r.numeric);
    /* The same number written differently is one category. */
    CHECK_INT(r.ncategories, 4);
    CHECK_STR(r.categories[0], "1");
    CHECK_STR(r.categories[3], "3E2");
    struct agree_figure percent = ratings_percent(r.table);
    CHECK_NEAR(percent.value, 1.0, 0);
    CHECK_INT(ratings_alpha(r.table, RATINGS_INTERVAL).status, AGREE_DEFINED);
    ratings_csv_finish(&r);

    /* Interval alpha sees the numbers: 1 and 2 are closer than 1 and 9. */
    CHECK(parse("A,B\n1,2\n5,5\n9,9\n", &r, &err));
    double near = ratings_alpha(r.table, RATINGS_INTERVAL).value;
    ratings_csv_finish(&r);
    CHECK(parse("A,B\n1,9\n5,5\n9,9\n", &r, &err));
    double far = ratings_alpha(r.table, RATINGS_INTERVAL).value;
    ratings_csv_finish(&r);
    CHECK(near > far);
}

static void anything_but_a_plain_number_makes_categories(void)
{
    static const char *const not_numbers[] = {"nan", "inf", "0x10", "1.2.3",     "1e",
                                              "+",   ".",   "1,5",  "12 apples", "−3"};
    for (size_t i = 0; i < sizeof not_numbers / sizeof not_numbers[0]; i++) {
        char data[64];
        snprintf(data, sizeof data, "A,B\n1,\"%s\"\n2,2\n", not_numbers[i]);
        struct ratings_csv r;
        struct error err;
        CHECK(parse(data, &r, &err));
        if (r.numeric)
            CHECK_STR(not_numbers[i], "a value taken for a number");
        CHECK_INT(r.ncategories, 3);
        ratings_csv_finish(&r);
    }
}

static void reports_bad_files_by_line(void)
{
    static const struct {
        const char *data;
        const char *message;
    } cases[] = {
        {"", "r.csv is empty; expected a header row naming the coders"},
        {"A,B\n", "r.csv has a header but no units; add a row per unit"},
        {"A\n1\n",
         "r.csv:1: the header names one coder; agreement needs a column for each of two or more "
         "coders"},
        {"A,B\n1,2\n3,4,5\n", "r.csv:3: this row has 3 cells, but the header names 2 coders"},
        {"A,B\n\"1\n2\",3\n4\n", "r.csv:4: this row has 1 cells, but the header names 2 coders"},
        {"A, ,C\n1,2,3\n", "r.csv:1: column 2 of the header names no coder"},
        {"A,B,A\n1,2,3\n", "r.csv:1: the coder 'A' heads two columns"},
        {"A,B\n1,-1e400\n", "r.csv:2: the value -1e400 is too large"},
        {"A,B\n1,\xff\n", "r.csv:2:3: not valid UTF-8 text; save the file as UTF-8"},
        {"A,B\n\"1,2\n", "r.csv:2: a quoted field that starts here never ends (a \" is missing)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct ratings_csv r;
        struct error err;
        error_clear(&err);
        CHECK(!parse(cases[i].data, &r, &err));
        CHECK_STR(err.message, cases[i].message);
        CHECK_INT(err.kind, ERROR_USER);
        CHECK(r.table == NULL && r.coders == NULL && r.categories == NULL);
    }
}

static void reads_files(void)
{
    struct ratings_csv r;
    struct error err;
    CHECK(!ratings_csv_read("/nonexistent/ratings.csv", &r, &err));
    CHECK_STR(err.message, "/nonexistent/ratings.csv: No such file or directory");
    ratings_csv_finish(&r);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"names categories in order of appearance", names_categories_in_order_of_appearance},
        {"keeps numbers when every value is one", keeps_numbers_when_every_value_is_one},
        {"anything but a plain number makes categories",
         anything_but_a_plain_number_makes_categories},
        {"reports bad files by line", reports_bad_files_by_line},
        {"reads files", reads_files},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
