/* Case attribute filters: parsing, errors with their column, typed comparison. */
#include "check.h"
#include "core/where.h"

#include <stdlib.h>
#include <string.h>

/* A fictional case: its attributes and values. */
struct fixture {
    const char *names[5];
    enum attribute_type types[5];
    const char *values[5];
};

static const struct fixture case_gp = {
    {"site", "staff_group", "age", "joined", "salaried"},
    {ATTRIBUTE_TEXT, ATTRIBUTE_TEXT, ATTRIBUTE_INTEGER, ATTRIBUTE_DATE, ATTRIBUTE_BOOLEAN},
    {"Site B", "GP", "52", "2019-07-01", "yes"},
};

static bool type_of(void *context, const char *name, enum attribute_type *type)
{
    const struct fixture *f = context;
    for (size_t i = 0; i < 5; i++) {
        if (strcmp(f->names[i], name) == 0) {
            *type = f->types[i];
            return true;
        }
    }
    return false;
}

static const char *value_of(void *context, const char *name)
{
    const struct fixture *f = context;
    for (size_t i = 0; i < 5; i++) {
        if (strcmp(f->names[i], name) == 0)
            return f->values[i];
    }
    return NULL;
}

/* Parses, checks against the fixture and matches; -1 when the filter is refused, with the
 * message in err. */
static int verdict(const struct fixture *f, const char *text, struct error *err)
{
    struct where *where = where_parse(text, err);
    if (!where)
        return -1;
    int result = -1;
    if (where_check(where, type_of, (void *)f, err))
        result = where_match(where, value_of, (void *)f);
    where_destroy(where);
    return result;
}

static int passes(const char *text)
{
    struct error err = {0};
    int v = verdict(&case_gp, text, &err);
    if (v < 0)
        CHECK_STR(err.message, "(no error)");
    return v;
}

static void comparisons_of_text(void)
{
    CHECK_INT(passes("site = 'Site B'"), 1);
    CHECK_INT(passes("site = Site B"), 1);
    CHECK_INT(passes("site = site b"), 1); /* ASCII letters in any case */
    CHECK_INT(passes("site = B"), 0);
    CHECK_INT(passes("site != \"Site A\""), 1);
    CHECK_INT(passes("staff_group in (GP, PM)"), 1);
    CHECK_INT(passes("staff_group IN (PM, 'Practice manager')"), 0);
    CHECK_INT(passes("site < 'Site C'"), 1);
}

static void comparisons_by_type(void)
{
    CHECK_INT(passes("age >= 40"), 1);
    CHECK_INT(passes("age >= 100"), 0);
    CHECK_INT(passes("age > 9"), 1); /* as numbers, not as text */
    CHECK_INT(passes("age = 52"), 1);
    CHECK_INT(passes("joined < 2020-01-01"), 1);
    CHECK_INT(passes("joined >= 2019-07-02"), 0);
    CHECK_INT(passes("salaried = true"), 1);
    CHECK_INT(passes("salaried = no"), 0);
    CHECK_INT(passes("salaried != FALSE"), 1);
}

static void logic_and_precedence(void)
{
    CHECK_INT(passes("site = A or age > 40 and salaried = no"), 0); /* and binds tighter */
    CHECK_INT(passes("(site = A or age > 40) and salaried = yes"), 1);
    CHECK_INT(passes("not site = A"), 1);
    CHECK_INT(passes("not not site = A"), 0);
    CHECK_INT(passes("not (age < 40 or staff_group = PM) and site = Site B"), 1);
}

static void missing_values_fail_every_comparison(void)
{
    struct fixture f = case_gp;
    f.values[0] = "";
    f.values[2] = NULL;
    struct error err = {0};
    CHECK_INT(verdict(&f, "site = A", &err), 0);
    CHECK_INT(verdict(&f, "site != A", &err), 0);
    CHECK_INT(verdict(&f, "not site = A", &err), 1);
    CHECK_INT(verdict(&f, "age < 1000 or age >= 1000", &err), 0);
}

static void error_is(const char *text, const char *message)
{
    struct error err = {0};
    CHECK_INT(verdict(&case_gp, text, &err), -1);
    CHECK_STR(err.message, message);
}

static void errors_name_the_column(void)
{
    error_is("", "column 1: the filter is empty");
    error_is("site =", "column 7: expected a value after '=', found the end");
    error_is("site = A and", "column 13: expected the name of a case attribute, found the end");
    error_is("site A", "column 6: expected =, !=, <, <=, >, >= or 'in' after 'site', found 'A'");
    error_is("(site = A", "column 10: expected ')' to close the '(' at column 1, found the end");
    error_is("site = A )", "column 10: expected 'and', 'or' or the end, found ')'");
    error_is("staff_group in GP", "column 16: expected '(' after 'in', found 'GP'");
    error_is("staff_group in (GP PM",
             "column 22: expected ',' or ')' to close the '(' at column 16, found the end");
    error_is("site = 'Site B", "column 8: this string has no closing '");
    error_is("site = A; drop", "column 9: ';' has no place here");
    error_is("siet = A", "column 1: there is no case attribute 'siet'");
    error_is("age >= forty", "column 8: 'age' holds whole numbers, and 'forty' is not one");
    error_is("x = 1 or age in (3, 4.5)", "column 1: there is no case attribute 'x'");
    error_is("age in (3, 4.5)", "column 12: 'age' holds whole numbers, and '4.5' is not one");
    error_is("salaried > no", "column 1: 'salaried' is true or false, so compare it with = or !=");
    error_is("joined = 2019-02-30",
             "column 10: 'joined' holds dates (YYYY-MM-DD), and '2019-02-30' is not one");
    /* Columns count characters, not bytes. */
    error_is("site = \xc3\xa9t\xc3\xa9 )", "column 12: expected 'and', 'or' or the end, found ')'");
}

static void deep_nesting_is_refused(void)
{
    char text[WHERE_DEPTH_MAX * 4 + 32];
    size_t n = 0;
    for (int i = 0; i <= WHERE_DEPTH_MAX; i++)
        text[n++] = '(';
    strcpy(text + n, "site = A");
    struct error err = {0};
    CHECK(where_parse(text, &err) == NULL);
    CHECK(strstr(err.message, "nests more than") != NULL);

    struct error err2 = {0};
    size_t size = (WHERE_NODES_MAX + 1) * 14 + 1;
    char *longer = malloc(size);
    CHECK(longer != NULL);
    if (!longer)
        return;
    longer[0] = '\0';
    for (int i = 0; i <= WHERE_NODES_MAX; i++)
        strcat(longer, i ? " or site = A" : "site = A");
    CHECK(where_parse(longer, &err2) == NULL);
    CHECK(strstr(err2.message, "more than 1000 parts") != NULL);
    free(longer);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"comparisons of text", comparisons_of_text},
        {"comparisons by type", comparisons_by_type},
        {"logic and precedence", logic_and_precedence},
        {"missing values fail every comparison", missing_values_fail_every_comparison},
        {"errors name the column", errors_name_the_column},
        {"deep nesting is refused", deep_nesting_is_refused},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
