/* The code tree: indexing into outline order, numbering, lookup and its refusals. */
#include "check.h"
#include "core/codetree.h"

#include <stdio.h>
#include <string.h>

static void add(struct codetree *tree, int64_t id, int64_t parent, int position, const char *name)
{
    struct code code = {
        .id = id, .parent_id = parent, .position = position, .name = (char *)name, .codable = true};
    CHECK(codetree_add(tree, &code));
}

/* 07 What is not going well > 07.01 Types > {07.01.01, 07.01.02}, 07.02 Tensions; 06 > 06.01;
 * added out of order on purpose. */
static struct codetree *sample_tree(void)
{
    struct codetree *tree = codetree_create();
    add(tree, 12, 10, 2, "Management and governance");
    add(tree, 10, 1, 1, "Types of challenges or failures");
    add(tree, 1, 0, 7, "What is not going well");
    add(tree, 11, 10, 1, "Ways of working and collaborating with staff");
    add(tree, 13, 1, 2, "Tensions");
    add(tree, 2, 0, 6, "What is going well");
    add(tree, 20, 2, 1, "Management and governance");
    struct error err;
    CHECK(codetree_index(tree, &err));
    return tree;
}

static const char *number_of(const struct codetree *tree, int index)
{
    static char buf[OUTLINE_TEXT_MAX];
    codetree_number_text(tree, index, buf);
    return buf;
}

static void indexes_into_outline_order(void)
{
    struct codetree *tree = sample_tree();
    const char *want[] = {"06", "06.01", "07", "07.01", "07.01.01", "07.01.02", "07.02"};
    CHECK_INT(codetree_count(tree), 7);
    for (int i = 0; i < 7; i++)
        CHECK_STR(number_of(tree, i), want[i]);
    const struct code *types = codetree_get(tree, 3);
    CHECK_STR(types->name, "Types of challenges or failures");
    CHECK_INT(types->depth, 1);
    CHECK_INT(types->end, 6);
    CHECK_INT(types->parent, 2);
    CHECK_INT(codetree_get(tree, 2)->end, 7);
    CHECK(codetree_within(tree, 5, 2));
    CHECK(!codetree_within(tree, 6, 3));
    CHECK(codetree_within(tree, 3, 3));
    CHECK_INT(codetree_find_id(tree, 12), 5);
    CHECK_INT(codetree_find_id(tree, 99), -1);
    codetree_destroy(tree);
}

static void resolves_what_users_type(void)
{
    struct codetree *tree = sample_tree();
    struct error err;
    CHECK_INT(codetree_resolve(tree, "07.01.02", &err), 5);
    CHECK_INT(codetree_resolve(tree, "7.1.2", &err), 5);
    CHECK_INT(codetree_resolve(tree, " 07.01.02 Management and governance ", &err), 5);
    CHECK_INT(codetree_resolve(tree, "Tensions", &err), 6);
    CHECK_INT(codetree_resolve(tree, "What is going well > Management and governance", &err), 1);
    CHECK_INT(codetree_resolve(tree, "Management and governance", &err), -1);
    CHECK_STR(err.message, "2 codes are named 'Management and governance' (06.01, 07.01.02); "
                           "give the number instead");
    CHECK_INT(codetree_resolve(tree, "07.09", &err), -1);
    CHECK_STR(err.message, "no code is numbered 07.09");
    CHECK_INT(codetree_resolve(tree, "07.02 Stress", &err), -1);
    CHECK_STR(err.message, "code 07.02 is named 'Tensions', not 'Stress'");
    CHECK_INT(codetree_resolve(tree, "Nothing", &err), -1);
    CHECK_STR(err.message, "no code is named 'Nothing'");
    CHECK_INT(codetree_resolve(tree, "  ", &err), -1);
    CHECK_INT(codetree_resolve(tree, "What is going well > Tensions", &err), -1);
    CHECK_STR(err.message, "no code 'Tensions' in the path 'What is going well > Tensions'");
    codetree_destroy(tree);
}

static void refuses_duplicate_numbers(void)
{
    struct codetree *tree = codetree_create();
    add(tree, 1, 0, 1, "One");
    add(tree, 2, 0, 1, "Also one");
    struct error err;
    CHECK(!codetree_index(tree, &err));
    CHECK_STR(err.message, "codes 'One' and 'Also one' have the same number");
    codetree_destroy(tree);
}

static void refuses_cycles_and_missing_parents(void)
{
    struct codetree *tree = codetree_create();
    add(tree, 1, 0, 1, "Root");
    add(tree, 2, 3, 1, "Left");
    add(tree, 3, 2, 1, "Right");
    struct error err;
    CHECK(!codetree_index(tree, &err));
    CHECK(strstr(err.message, "is its own ancestor") != NULL);
    codetree_destroy(tree);

    tree = codetree_create();
    add(tree, 1, 7, 1, "Orphan");
    CHECK(!codetree_index(tree, &err));
    CHECK_STR(err.message, "code 'Orphan' has a parent that does not exist");
    codetree_destroy(tree);
}

static void refuses_deep_nesting(void)
{
    struct codetree *tree = codetree_create();
    for (int i = 1; i <= OUTLINE_DEPTH_MAX + 1; i++)
        add(tree, i, i - 1, 1, "Level");
    struct error err;
    CHECK(!codetree_index(tree, &err));
    CHECK(strstr(err.message, "nested more than") != NULL);
    codetree_destroy(tree);
}

static void keeps_gaps_in_numbering(void)
{
    struct codetree *tree = codetree_create();
    add(tree, 1, 0, 3, "Third");
    add(tree, 2, 0, 1, "First");
    struct error err;
    CHECK(codetree_index(tree, &err));
    CHECK_STR(number_of(tree, 0), "01");
    CHECK_STR(number_of(tree, 1), "03");
    CHECK_INT(codetree_last_position(tree, 0), 3);
    CHECK_INT(codetree_last_position(tree, 1), 0);
    codetree_destroy(tree);
}

static void matches_what_users_type(void)
{
    struct codetree *tree = sample_tree();
    /* 5 is 07.01.02 Management and governance; 3 is 07.01 Types of challenges or failures. */
    const char *hits[] = {"",  "07.01.02", "7.1.2",   "07.01.0", "7.1",     "07.0",
                          "7", "07.",      "man gov", "MAN",     "7.1 gov", "  governance  "};
    for (size_t i = 0; i < sizeof hits / sizeof hits[0]; i++) {
        if (!codetree_matches(tree, 5, hits[i]))
            printf("# '%s' should match 07.01.02\n", hits[i]);
        CHECK(codetree_matches(tree, 5, hits[i]));
    }
    const char *misses[] = {"07.01.03",  "7.2",     "6",           "08",    "07.01.02.01",
                            "gov man x", "agement", "7.1 tension", "07..01"};
    for (size_t i = 0; i < sizeof misses / sizeof misses[0]; i++) {
        if (codetree_matches(tree, 5, misses[i]))
            printf("# '%s' should not match 07.01.02\n", misses[i]);
        CHECK(!codetree_matches(tree, 5, misses[i]));
    }
    CHECK(codetree_matches(tree, 3, "7.1"));
    CHECK(!codetree_matches(tree, 3, "7.1.2"));
    CHECK(codetree_matches(tree, 6, "7.2"));
    codetree_destroy(tree);
}

static void empty_tree(void)
{
    struct codetree *tree = codetree_create();
    struct error err;
    CHECK(codetree_index(tree, &err));
    CHECK_INT(codetree_count(tree), 0);
    CHECK_INT(codetree_resolve(tree, "01", &err), -1);
    codetree_destroy(tree);
    codetree_destroy(NULL);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"indexes_into_outline_order", indexes_into_outline_order},
        {"resolves_what_users_type", resolves_what_users_type},
        {"refuses_duplicate_numbers", refuses_duplicate_numbers},
        {"refuses_cycles_and_missing_parents", refuses_cycles_and_missing_parents},
        {"refuses_deep_nesting", refuses_deep_nesting},
        {"keeps_gaps_in_numbering", keeps_gaps_in_numbering},
        {"matches_what_users_type", matches_what_users_type},
        {"empty_tree", empty_tree},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
