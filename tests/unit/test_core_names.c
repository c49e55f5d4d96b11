/* Coders' names: the one rule, and lists of names that may hold commas. */
#include "check.h"
#include "core/names.h"
#include "core/strbuf.h"

#include <stdio.h>
#include <string.h>

static const char *verdict(const char *name)
{
    static struct error err;
    return names_check_coder(name, &err) ? "ok" : err.message;
}

static void one_rule_for_names(void)
{
    CHECK_STR(verdict("A"), "ok");
    CHECK_STR(verdict("Smith, J"), "ok");
    CHECK_STR(verdict("Zoë Ó Súilleabháin"), "ok");
    CHECK_STR(verdict(""), "a coder needs a name");
    CHECK_STR(verdict(" "), "the coder's name ' ' starts or ends with a space; leave it out");
    CHECK_STR(verdict("Z "), "the coder's name 'Z ' starts or ends with a space; leave it out");
    CHECK_STR(verdict("A\tB"), "the coder's name 'A^IB' holds a control character");
    CHECK_STR(verdict("A\xe2\x80\xae"
                      "B"),
              "the coder's name 'A\xe2\x80\xae"
              "B' holds a control character");
    CHECK_STR(verdict("caf\xe9"), "the coder's name 'caf\xe9' is not valid UTF-8 text");
    char long_name[300];
    memset(long_name, 'x', 64);
    long_name[64] = '\0';
    CHECK_STR(verdict(long_name), "ok");
    strcat(long_name, "y");
    CHECK(strstr(verdict(long_name), "has 65 characters; a name has at most 64") != NULL);
    /* Seventy two-byte letters are counted as characters, and quoted whole. */
    char accents[200] = "";
    for (int i = 0; i < 70; i++)
        strcat(accents, "é");
    const char *said = verdict(accents);
    CHECK(strstr(said, "has 70 characters") != NULL);
    CHECK(strstr(said, "\xc3...") == NULL);
}

static const char *split(const char *list)
{
    static char out[256];
    static struct error err;
    struct name_list names;
    if (!names_split(list, &names, &err))
        return err.message;
    out[0] = '\0';
    for (size_t i = 0; i < names.count; i++) {
        strcat(out, i ? "|" : "");
        strcat(out, names.items[i]);
    }
    names_finish(&names);
    return out;
}

static void lists_of_names(void)
{
    CHECK_STR(split("A,B"), "A|B");
    CHECK_STR(split("A"), "A");
    CHECK_STR(split("\"Smith, J\",B"), "Smith, J|B");
    CHECK_STR(split("A,\"say \"\"hi\"\"\""), "A|say \"hi\"");
    CHECK_STR(split("A,"), "an empty name at character 3 of 'A,'");
    CHECK_STR(split(",B"), "an empty name at character 1 of ',B'");
    CHECK_STR(split("\"A,B"), "a quote opened at character 1 of '\"A,B' is not closed");
    CHECK_STR(split("\"A\"x,B"),
              "after the quoted name at character 1 of '\"A\"x,B' comes 'x', not a comma");
    CHECK_STR(split("A\"B"),
              "a name holding a quote is written in quotes, with the quote doubled: 'A\"B'");
    /* What names_quote writes reads back as the names. */
    struct strbuf joined = STRBUF_INIT;
    const char *names[] = {"Smith, J", "say \"hi\"", "B"};
    for (size_t i = 0; i < 3; i++)
        CHECK((!i || strbuf_putc(&joined, ',')) && names_quote(&joined, names[i]));
    CHECK_STR(strbuf_str(&joined), "\"Smith, J\",\"say \"\"hi\"\"\",B");
    CHECK_STR(split(strbuf_str(&joined)), "Smith, J|say \"hi\"|B");
    strbuf_finish(&joined);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"one_rule_for_names", one_rule_for_names},
        {"lists_of_names", lists_of_names},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
