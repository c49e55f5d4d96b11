/* Speaker turns: the default rule's label forms, timestamps, what must stay text, and a
 * project's own pattern. */
#include "check.h"
#include "core/turns.h"

#include <stdlib.h>
#include <string.h>

/* Finds the turns of s by rule (NULL for the default). */
static struct turn_list find(const struct turn_rule *rule, const char *s)
{
    struct turn_list turns = {0};
    CHECK(turns_find(rule, s, strlen(s), &turns));
    return turns;
}

/* The number of turns the default rule finds in s. */
static size_t count_default(const char *s)
{
    struct turn_list turns = find(NULL, s);
    size_t n = turns.count;
    row_turn_list_finish(&turns);
    return n;
}

/* The speaker of the only turn the default rule finds in a one-line text, or "" for none. */
static void check_one_speaker(const char *line, const char *speaker)
{
    struct turn_list turns = find(NULL, line);
    CHECK_INT(turns.count, *speaker ? 1 : 0);
    if (turns.count == 1)
        CHECK_STR(turns.items[0].speaker, speaker);
    row_turn_list_finish(&turns);
}

static void finds_a_speaker_who_speaks_once(void)
{
    const char *s = "I: How did it start?\n"
                    "P1: With a meeting.\n"
                    "I: And then?\n"
                    "Dr Okafor: I joined later.\n";
    struct turn_list turns = find(NULL, s);
    CHECK_INT(turns.count, 4);
    CHECK_STR(turns.items[1].speaker, "P1");
    CHECK_STR(turns.items[3].speaker, "Dr Okafor");
    CHECK_INT(turns.items[3].start, 54);
    CHECK_INT(turns.items[3].body, 65);
    CHECK_INT(turns.items[3].end, 80);
    row_turn_list_finish(&turns);
}

static void recognises_codes_roles_titles_and_names(void)
{
    check_one_speaker("I: yes", "I");
    check_one_speaker("R: yes", "R");
    check_one_speaker("P12: yes", "P12");
    check_one_speaker("GP2: yes", "GP2");
    check_one_speaker("INT: yes", "INT");
    check_one_speaker("Interviewer: yes", "Interviewer");
    check_one_speaker("Interviewer 2: yes", "Interviewer 2");
    check_one_speaker("Participant A: yes", "Participant A");
    check_one_speaker("Dr Smith: yes", "Dr Smith");
    check_one_speaker("Prof. Ní Bhriain: yes", "Prof. Ní Bhriain");
    check_one_speaker("Anna: yes", "Anna");
    check_one_speaker("Siobhán Ní Bhriain: yes", "Siobhán Ní Bhriain");
    check_one_speaker("Ana de Souza: yes", "Ana de Souza");
    check_one_speaker("Mary-Jo O'Neill: yes", "Mary-Jo O'Neill");
    check_one_speaker("  Zoë:\tyes", "Zoë");
    check_one_speaker("P3:", "P3");
}

static void finds_labels_after_timestamps(void)
{
    const char *forms[] = {
        "[00:00:05] P1: yes",
        "(00:05) P1: yes",
        "00:00:05 - P1: yes",
        "0:05:12 P1: yes",
        "[00:05] P1: yes",
        "[00:00:05.250] P1: yes",
        "00:00:05 \xE2\x80\x93 P1: yes",
        "[1:02:03]P1: yes",
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        struct turn_list turns = find(NULL, forms[i]);
        CHECK_INT(turns.count, 1);
        if (turns.count == 1) {
            CHECK_STR(turns.items[0].speaker, "P1");
            CHECK_INT(turns.items[0].start, 0);
            /* What was said is "yes": the last three code points. */
            CHECK_INT(turns.items[0].end - turns.items[0].body, 3);
        }
        row_turn_list_finish(&turns);
    }
    struct turn_list turns = find(NULL, "[00:00:05] P1: one\n[00:00:09] Interviewer: two\n");
    CHECK_INT(turns.count, 2);
    CHECK_INT(turns.items[0].end, 18);
    CHECK_INT(turns.items[1].start, 19);
    CHECK_INT(turns.items[1].body, 43);
    CHECK_STR(turns.items[1].speaker, "Interviewer");
    row_turn_list_finish(&turns);
}

static void leaves_what_only_looks_like_a_label(void)
{
    check_one_speaker("The plan was simple: wait and see.", "");
    check_one_speaker("We had one rule: ask first.", "");
    check_one_speaker("Note: the recording stops here.", "");
    check_one_speaker("Date: 9 December 2019", "");
    check_one_speaker("Interview Date: 9 December", "");
    check_one_speaker("Interviewers: two researchers", "");
    check_one_speaker("https://example.org/a: link", "");
    check_one_speaker("See http://example.org: the site", "");
    check_one_speaker("10:30 the meeting began", "");
    check_one_speaker("We met at 10:30: early.", "");
    check_one_speaker("[00:00:05] we met early", "");
    check_one_speaker("[00:00:05] Note: phone rang", "");
    check_one_speaker("well: not a label", "");
    check_one_speaker("R:no space", "");
    check_one_speaker("P1 : spaced", "");
    check_one_speaker("OK: fine", "");
    check_one_speaker("So: what next?", "");
    check_one_speaker("This Is A Very Long Heading: no", "");
    check_one_speaker("Anna Maria Bell Jones: four names", "");
    check_one_speaker("Siobhán Ní Bhriain Ó Súilleabháin Mac Cárthaigh Ní Fhlatharta: long", "");
    check_one_speaker("12: a number", "");
    CHECK_INT(count_default("Some text\nwith lines\n\n"), 0);
}

static void turns_run_to_the_next_label(void)
{
    const char *s = "Interview 3\n"
                    "\n"
                    "I: How did it start?\n"
                    "\n"
                    "P3: Slowly.\n"
                    "\n"
                    "It took a year.\n"
                    "\n";
    struct turn_list turns = find(NULL, s);
    CHECK_INT(turns.count, 2);
    CHECK_INT(turns.items[0].start, 13);
    CHECK_INT(turns.items[0].end, 33);
    CHECK_INT(turns.items[1].start, 35);
    CHECK_INT(turns.items[1].body, 39);
    CHECK_INT(turns.items[1].end, 63);
    row_turn_list_finish(&turns);
}

/* A turn's end is pulled back over blanks and line breaks to its body at the most, counted in
 * code points after wide characters, and the last turn ends at the end of the text. */
static void turn_ends_skip_trailing_blanks(void)
{
    const char *s =
        "R: Zo\xC3\xAB \xE2\x80\x94 fine.  \t\n\n  I:\n\nP2: \xE4\xB8\xAD\xE6\x96\x87 ok";
    struct turn_list turns = find(NULL, s);
    CHECK_INT(turns.count, 3);
    CHECK_INT(turns.items[0].end, 14);
    CHECK_INT(turns.items[1].start, 21);
    CHECK_INT(turns.items[1].body, 23);
    CHECK_INT(turns.items[1].end, 23);
    CHECK_INT(turns.items[2].start, 25);
    CHECK_INT(turns.items[2].body, 29);
    CHECK_INT(turns.items[2].end, 34);
    row_turn_list_finish(&turns);
}

static void a_pattern_takes_its_first_group_as_the_speaker(void)
{
    struct error err;
    struct turn_rule *rule = turns_rule_create("^SPEAKER ([0-9]+) -", &err);
    CHECK(rule != NULL);
    CHECK_STR(turns_rule_pattern(rule), "^SPEAKER ([0-9]+) -");
    struct turn_list turns = find(rule, "SPEAKER 1 - hello\nI: not a turn now\nSPEAKER 22 -\n");
    CHECK_INT(turns.count, 2);
    CHECK_STR(turns.items[0].speaker, "1");
    CHECK_INT(turns.items[0].body, 12);
    CHECK_INT(turns.items[0].end, 35);
    CHECK_STR(turns.items[1].speaker, "22");
    row_turn_list_finish(&turns);
    turns_rule_destroy(rule);

    /* Without a group, the match less its colon and blanks; only at the start of a line. */
    rule = turns_rule_create("[A-Z][a-z]+ *:", &err);
    CHECK(rule != NULL);
    turns = find(rule, "Anna : hi\nsaid Anna: no\n  Ben: yes\n");
    CHECK_INT(turns.count, 1);
    CHECK_STR(turns.items[0].speaker, "Anna");
    row_turn_list_finish(&turns);
    turns_rule_destroy(rule);
}

static void refuses_patterns_that_cannot_work(void)
{
    struct error err;
    CHECK(turns_rule_create("^([A-Z]+:", &err) == NULL);
    static const char invalid[] = "the turn pattern '^([A-Z]+:' is not a valid POSIX extended "
                                  "regular expression: ";
    CHECK(strncmp(err.message, invalid, sizeof invalid - 1) == 0);
    CHECK(strlen(err.message) > sizeof invalid - 1);
    CHECK(turns_rule_create("^[A-Z]*", &err) == NULL);
    CHECK(strstr(err.message, "matches an empty line") != NULL);
    CHECK(turns_rule_create("", &err) == NULL);
    CHECK(strstr(err.message, "is empty") != NULL);
    CHECK(turns_rule_create("a\nb", &err) == NULL);
    CHECK(strstr(err.message, "line break") != NULL);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"finds_a_speaker_who_speaks_once", finds_a_speaker_who_speaks_once},
        {"recognises_codes_roles_titles_and_names", recognises_codes_roles_titles_and_names},
        {"finds_labels_after_timestamps", finds_labels_after_timestamps},
        {"leaves_what_only_looks_like_a_label", leaves_what_only_looks_like_a_label},
        {"turns_run_to_the_next_label", turns_run_to_the_next_label},
        {"turn_ends_skip_trailing_blanks", turn_ends_skip_trailing_blanks},
        {"a_pattern_takes_its_first_group_as_the_speaker",
         a_pattern_takes_its_first_group_as_the_speaker},
        {"refuses_patterns_that_cannot_work", refuses_patterns_that_cannot_work},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
