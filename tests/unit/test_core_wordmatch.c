/* Whole-word matching and replacing, with the edit script that moves codings. */
#include "check.h"
#include "core/anchor.h"
#include "core/utf8.h"
#include "core/wordmatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Replaces with the set and returns the new text (static), checking that the script goes from
 * the old text's length to the new one's. */
static const char *replaced(struct wordmatch *set, const char *text, long *count)
{
    static char out[256];
    struct strbuf sb = STRBUF_INIT;
    struct diff_script script = {0};
    *count = wordmatch_replace(set, text, strlen(text), &sb, &script, NULL);
    snprintf(out, sizeof out, "%s", strbuf_str(&sb));
    int64_t from, to;
    diff_script_lengths(&script, &from, &to);
    CHECK_INT(from, (int64_t)utf8_length(text, strlen(text)));
    CHECK_INT(to, (int64_t)utf8_length(out, strlen(out)));
    strbuf_finish(&sb);
    diff_script_finish(&script);
    return out;
}

static void whole_words_only(void)
{
    struct wordmatch *set = wordmatch_create(false);
    CHECK(wordmatch_add(set, "Ann", "[P07]") == 0);
    CHECK(wordmatch_add(set, "Ann Lee", "[P08]") == 1);
    CHECK(wordmatch_add(set, "Zoë", "") == 2);
    long count;
    CHECK_STR(replaced(set, "Ann's plan, (Ann), Annual, Joanne, ann", &count),
              "[P07]'s plan, ([P07]), Annual, Joanne, ann");
    CHECK_INT(count, 2);
    CHECK_STR(replaced(set, "Ann Lee met Ann Leeds and Zoë.", &count),
              "[P08] met [P07] Leeds and .");
    CHECK_INT(count, 3);
    CHECK_STR(replaced(set, "Zoëlle", &count), "Zoëlle");
    CHECK_INT(count, 0);
    size_t hits[3] = {0};
    CHECK_INT(wordmatch_find(set, "Ann, Ann Lee", 12, hits), 2);
    CHECK_INT(hits[0], 1);
    CHECK_INT(hits[1], 1);
    wordmatch_destroy(set);
}

static void folding_is_stated(void)
{
    struct wordmatch *set = wordmatch_create(true);
    CHECK(wordmatch_add(set, "zoë smith", "[P1]") == 0);
    long count;
    CHECK_STR(replaced(set, "ZOË SMITH and Zoë Smith", &count), "[P1] and [P1]");
    CHECK_INT(count, 2);
    wordmatch_destroy(set);
}

static void codings_follow_replacements(void)
{
    struct wordmatch *set = wordmatch_create(false);
    wordmatch_add(set, "Smith", "[P07]");
    const char *text = "Dr Smith said no.";
    struct strbuf sb = STRBUF_INIT;
    struct diff_script script = {0};
    CHECK_INT(wordmatch_replace(set, text, strlen(text), &sb, &script, NULL), 1);
    CHECK_STR(strbuf_str(&sb), "Dr [P07] said no.");
    struct span old[] = {{3, 8}, {3, 13}, {9, 13}};
    struct anchor_result out[3];
    CHECK(anchor_remap(&script, old, 3, out));
    CHECK_INT(out[0].span.start, 3);
    CHECK_INT(out[0].span.end, 8);
    CHECK(out[0].change == ANCHOR_REPLACED);
    CHECK_INT(out[1].span.end, 13);
    CHECK_INT(out[2].span.start, 9);
    CHECK(out[2].change == ANCHOR_UNCHANGED);
    strbuf_finish(&sb);
    diff_script_finish(&script);
    wordmatch_destroy(set);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"whole_words_only", whole_words_only},
        {"folding_is_stated", folding_is_stated},
        {"codings_follow_replacements", codings_follow_replacements},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
