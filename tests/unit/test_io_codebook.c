/* Codebooks: the NVivo table of the PCN evaluation, the YAML format and its refusals. */
#include "check.h"
#include "core/outline.h"
#include "io/nvivo_table.h"
#include "io/yaml_codebook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct codetree *yaml(const char *text, struct error *err)
{
    return yaml_codebook_parse(text, strlen(text), "cb.yaml", err);
}

static void nvivo_table_gives_the_printed_codes(void)
{
    size_t n;
    char *data = check_read_file(check_data_path("nvivo12-codebook-table7.txt"), &n);
    CHECK(data != NULL);
    if (!data)
        return;
    CHECK(nvivo_table_detect(data, n));
    struct error err;
    struct codetree *tree = nvivo_table_parse(data, n, "table7.txt", &err);
    CHECK(tree != NULL);
    CHECK_INT(codetree_count(tree), 140);

    /* Walk the file's code lines independently: each must be the next code, numbered and named
     * as printed. */
    size_t index = 0;
    size_t mismatches = 0;
    char *line = data;
    while (line && *line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (line[0] >= '0' && line[0] <= '9') {
            char *space = strchr(line, ' ');
            char *tab = strchr(line, '\t');
            char printed_number[32] = "";
            char printed_name[128] = "";
            snprintf(printed_number, sizeof printed_number, "%.*s", (int)(space - line), line);
            snprintf(printed_name, sizeof printed_name, "%.*s", (int)(tab - space - 1), space + 1);
            char number[OUTLINE_TEXT_MAX];
            codetree_number_text(tree, (int)index, number);
            if (index >= codetree_count(tree) || strcmp(number, printed_number) != 0 ||
                strcmp(codetree_get(tree, index)->name, printed_name) != 0)
                mismatches++;
            index++;
        }
        line = nl ? nl + 1 : NULL;
    }
    CHECK_INT(index, 140);
    CHECK_INT(mismatches, 0);

    /* The hierarchy: 01.03.01.01 sits under 01.03.01, which sits under 01.03. */
    struct outline leaf;
    outline_parse("01.03.01.01", 11, &leaf);
    int i = codetree_find_number(tree, &leaf);
    CHECK(i >= 0);
    const struct code *code = codetree_get(tree, (size_t)i);
    CHECK_STR(code->name, "Management staff");
    CHECK_STR(codetree_get(tree, (size_t)code->parent)->name, "Internal stakeholders");
    CHECK_INT(code->depth, 3);
    /* Headings: sub-codes and never coded. 02 was coded once, so it stays codable. */
    CHECK(!codetree_get(tree, 0)->codable);
    CHECK(codetree_get(tree, (size_t)codetree_resolve(tree, "02", &err))->codable);
    CHECK(codetree_get(tree, (size_t)codetree_resolve(tree, "01.03.04", &err))->codable);
    size_t headings = 0;
    for (size_t k = 0; k < codetree_count(tree); k++)
        headings += !codetree_get(tree, k)->codable;
    CHECK_INT(headings, 29);
    codetree_destroy(tree);
    free(data);
}

static void nvivo_table_refusals(void)
{
    struct error err;
    const char *orphan = "Name\tFiles\tReferences\n01 A\t0\t0\n01.02.01 Deep\t1\t1\n";
    CHECK(nvivo_table_parse(orphan, strlen(orphan), "t.txt", &err) == NULL);
    CHECK_STR(err.message, "t.txt:3: code 01.02.01 has no parent 01.02 in the table");
    const char *twice = "Name\tFiles\tReferences\n01 A\t0\t0\n\n01 B\t1\t2\n";
    CHECK(nvivo_table_parse(twice, strlen(twice), "t.txt", &err) == NULL);
    CHECK_STR(err.message, "t.txt:4: the number 01 is used twice (also on line 2)");
    const char *broken = "Name\tFiles\tReferences\n01 A\t0\n";
    CHECK(nvivo_table_parse(broken, strlen(broken), "t.txt", &err) == NULL);
    CHECK_STR(err.message, "t.txt:2: expected a code line 'NUMBER NAME<tab>FILES<tab>REFERENCES'");
    const char *nothing = "Name\tFiles\tReferences\n";
    CHECK(nvivo_table_parse(nothing, strlen(nothing), "t.txt", &err) == NULL);
    CHECK(!nvivo_table_detect("codes:\n  - name: x\n", 20));
}

/* Fuzzing finding (fuzz_nvivo_table): a count that ended the data was read with strtol(),
 * which ran past data[n) into whatever followed. Here a '7' follows the data: read, it would
 * turn 01's references from 0 into 7 and the heading into a codable code. */
static void nvivo_table_reads_counts_only_within_the_data(void)
{
    const char table[] = "Name\tFiles\tReferences\n01.01 B\t1\t1\n01 A\t0\t07";
    struct error err;
    struct codetree *tree = nvivo_table_parse(table, strlen(table) - 1, "t.txt", &err);
    CHECK(tree != NULL);
    if (tree) {
        CHECK_INT(codetree_count(tree), 2);
        CHECK_STR(codetree_get(tree, 0)->name, "A");
        CHECK(!codetree_get(tree, 0)->codable);
    }
    codetree_destroy(tree);
}

/* Fuzzing finding (fuzz_nvivo_table): a table with a name that is not UTF-8 (a Windows-1252
 * export) was accepted, and the codebook then could not be written as YAML ("write error"). */
static void nvivo_table_refuses_text_that_is_not_utf8(void)
{
    const char *table = "Name\tFiles\tReferences\n01 Caf\xe9 culture\t1\t1\n";
    struct error err;
    struct codetree *tree = nvivo_table_parse(table, strlen(table), "t.txt", &err);
    CHECK(tree == NULL);
    CHECK_STR(err.message, "t.txt:2:7: not valid UTF-8 text; save the file as UTF-8");
    codetree_destroy(tree);
}

/* Fuzzing finding (fuzz_nvivo_table): a NUL byte in a code line cut the name short, to nothing
 * at all here, and the codebook then wrote a code without a name that did not read back. */
static void nvivo_table_refuses_nul_bytes_in_code_lines(void)
{
    const char table[] = "Name\tFiles\tReferences\n01 \0ther\t3\t4\n";
    struct error err;
    struct codetree *tree = nvivo_table_parse(table, sizeof table - 1, "t.txt", &err);
    CHECK(tree == NULL);
    CHECK_STR(err.message,
              "t.txt:2: contains a NUL byte; this looks like a binary file, not a table");
    codetree_destroy(tree);
}

/* A table saved with a byte order mark before its header (or before its first code) is still a
 * table, and its first line still counts. */
static void nvivo_table_after_a_byte_order_mark(void)
{
    const char headed[] = "\xEF\xBB\xBFName\tFiles\tReferences\n01 Setting up\t2\t3\n";
    CHECK(nvivo_table_detect(headed, sizeof headed - 1));
    const char bare[] = "\xEF\xBB\xBF"
                        "01 Setting up\t2\t3\n02 Funding\t1\t1\n";
    struct error err;
    struct codetree *tree = nvivo_table_parse(bare, sizeof bare - 1, "t.txt", &err);
    CHECK(tree != NULL);
    CHECK_INT(codetree_count(tree), 2);
    CHECK_STR(codetree_get(tree, 0)->name, "Setting up");
    codetree_destroy(tree);
}

/* A line whose number margin cannot give a code was skipped, and the code with all of its
 * sub-codes left out of an import that said nothing; the YAML reader refuses such numbers. */
static void nvivo_table_refuses_numbers_it_cannot_give(void)
{
    struct error err;
    const char *five = "Name\tFiles\tReferences\n01 General\t0\t0\n01.12345 Five\t1\t1\n"
                       "01.01 A\t2\t3\n";
    CHECK(nvivo_table_parse(five, strlen(five), "t.txt", &err) == NULL);
    CHECK_STR(err.message, "t.txt:3: the number 01.12345 has a level of more than 4 digits; "
                           "margin numbers the codes of each level from 1 to 9999");
    const char *zero = "Name\tFiles\tReferences\n01 General\t0\t0\n01.00 Zero\t1\t1\n";
    CHECK(nvivo_table_parse(zero, strlen(zero), "t.txt", &err) == NULL);
    CHECK_STR(err.message, "t.txt:3: the number 01.00 has a level numbered 0; margin numbers the "
                           "codes of each level from 1 to 9999");
    const char *dots = "Name\tFiles\tReferences\n01 General\t0\t0\n01..02 Dots\t1\t1\n";
    CHECK(nvivo_table_parse(dots, strlen(dots), "t.txt", &err) == NULL);
    CHECK_STR(err.message, "t.txt:3: 01..02 is not a code number such as 07 or 07.01.02");

    /* Twelve levels are read; a thirteenth is refused. */
    char table[2048] = "Name\tFiles\tReferences\n";
    char number[64] = "";
    for (int level = 1; level <= OUTLINE_DEPTH_MAX + 1; level++) {
        size_t len = strlen(number);
        snprintf(number + len, sizeof number - len, "%s01", level > 1 ? "." : "");
        len = strlen(table);
        snprintf(table + len, sizeof table - len, "%s Level %d\t1\t1\n", number, level);
    }
    size_t without_last = (size_t)(strrchr(table, '\n') - table);
    while (without_last > 0 && table[without_last - 1] != '\n')
        without_last--;
    struct codetree *tree = nvivo_table_parse(table, without_last, "t.txt", &err);
    CHECK(tree != NULL);
    CHECK_INT(tree ? codetree_count(tree) : 0, OUTLINE_DEPTH_MAX);
    codetree_destroy(tree);
    CHECK(nvivo_table_parse(table, strlen(table), "t.txt", &err) == NULL);
    CHECK_STR(err.message, "t.txt:14: the number 01.01.01.01.01.01.01.01.01.01.01.01.01 has 13 "
                           "levels; codes are nested at most 12 levels deep");
}

/* A table without its header line fell through to the YAML reader, whose message said nothing
 * about tables; the line that shows it is a table is found, with the header absent. */
static void nvivo_table_without_its_header_is_recognised(void)
{
    const char *tabs = "Table 7: Codebook\n\n01 General information\t0\t0\n01.01 A\t2\t3\n";
    CHECK_INT(nvivo_table_headless(tabs, strlen(tabs)), 3);
    const char *spaces = "01 General information    0    0\n";
    CHECK_INT(nvivo_table_headless(spaces, strlen(spaces)), 1);
    const char *headed = "Name\tFiles\tReferences\n01 General information\t0\t0\n";
    CHECK_INT(nvivo_table_headless(headed, strlen(headed)), 0);
    /* Single spaces, or no counts, are not enough to call it a table. */
    const char *prose = "01 General information 0 0\n02 Funding\n";
    CHECK_INT(nvivo_table_headless(prose, strlen(prose)), 0);
    const char *yaml_text = "codes:\n  - name: A\n    description: |\n      01 Note\t1\t2\n";
    CHECK_INT(nvivo_table_headless(yaml_text, strlen(yaml_text)), 0);
}

static const char *const sample = "format: margin-codebook 1\n"
                                  "title: Example\n"
                                  "codes:\n"
                                  "  - number: \"07\"\n"
                                  "    name: What is not going well\n"
                                  "    codable: false\n"
                                  "    codes:\n"
                                  "      - name: Types of challenges\n"
                                  "        description: |\n"
                                  "          Two lines\n"
                                  "          of notes.\n"
                                  "        colour: \"#e15759\"\n"
                                  "      - number: 07.03\n"
                                  "        name: \"Tensions: \\\"quoted\\\"\"\n"
                                  "        guid: 0b6f5c1e-8d2a-4c47-9e3b-2f1d7a6c5e40\n"
                                  "  - name: Zoë’s code — €\n";

static void yaml_reads_numbers_from_order_and_from_the_file(void)
{
    struct error err;
    struct codetree *tree = yaml(sample, &err);
    CHECK(tree != NULL);
    if (!tree)
        return;
    CHECK_INT(codetree_count(tree), 4);
    const char *numbers[] = {"07", "07.01", "07.03", "08"};
    for (int i = 0; i < 4; i++) {
        char number[OUTLINE_TEXT_MAX];
        codetree_number_text(tree, i, number);
        CHECK_STR(number, numbers[i]);
    }
    CHECK(!codetree_get(tree, 0)->codable);
    CHECK_STR(codetree_get(tree, 1)->description, "Two lines\nof notes.\n");
    CHECK_STR(codetree_get(tree, 1)->colour, "#e15759");
    CHECK_STR(codetree_get(tree, 2)->name, "Tensions: \"quoted\"");
    CHECK_STR(codetree_get(tree, 2)->guid, "0b6f5c1e-8d2a-4c47-9e3b-2f1d7a6c5e40");
    CHECK_STR(codetree_get(tree, 3)->name, "Zoë’s code — €");
    codetree_destroy(tree);
}

static void yaml_round_trips(void)
{
    struct error err;
    struct codetree *tree = yaml(sample, &err);
    char *first = NULL, *second = NULL;
    size_t first_n = 0, second_n = 0;
    FILE *f = open_memstream(&first, &first_n);
    CHECK(yaml_codebook_write(tree, f, &err));
    fclose(f);
    struct codetree *again = yaml_codebook_parse(first, first_n, "out.yaml", &err);
    CHECK(again != NULL);
    if (!again)
        return;
    CHECK_INT(codetree_count(again), codetree_count(tree));
    for (size_t i = 0; i < codetree_count(tree); i++) {
        const struct code *a = codetree_get(tree, i);
        const struct code *b = codetree_get(again, i);
        CHECK_STR(a->name, b->name);
        CHECK(outline_compare(&a->number, &b->number) == 0);
        CHECK((a->description == NULL) == (b->description == NULL));
        if (a->description && b->description)
            CHECK_STR(a->description, b->description);
        CHECK(a->codable == b->codable);
        CHECK_STR(a->guid, b->guid);
    }
    f = open_memstream(&second, &second_n);
    CHECK(yaml_codebook_write(again, f, &err));
    fclose(f);
    CHECK_STR(first, second);
    free(first);
    free(second);
    codetree_destroy(tree);
    codetree_destroy(again);
}

static void yaml_refusals_name_line_and_column(void)
{
    struct error err;
    CHECK(yaml("codes:\n  - name: A\n    number: 2\n  - name: B\n    number: 2\n", &err) == NULL);
    CHECK_STR(err.message, "cb.yaml:5:13: this number is already used on line 2");
    CHECK(yaml("codes:\n  - name: A\n   name: B\n", &err) == NULL);
    CHECK_STR(err.message, "cb.yaml:3:4: did not find expected '-' indicator (while parsing a "
                           "block collection, which starts at line 2)");
    CHECK(yaml("codes:\n  - name: A\n    nmae: B\n", &err) == NULL);
    CHECK(strstr(err.message, "cb.yaml:3:5: unknown key 'nmae'") != NULL);
    CHECK(yaml("codes:\n  - &loop\n    name: A\n    codes:\n      - *loop\n", &err) == NULL);
    CHECK(strstr(err.message, "this code contains itself through a YAML alias (a cycle)") != NULL);
    CHECK(yaml("codes:\n  - &a {name: A}\n  - *a\n", &err) == NULL);
    CHECK(strstr(err.message, "a YAML alias repeats a code") != NULL);
    CHECK(yaml("codes:\n  - number: \"01\"\n    name: A\n    codes:\n"
               "      - number: 02.01\n        name: B\n",
               &err) == NULL);
    CHECK_STR(err.message, "cb.yaml:5:17: the number 02.01 does not fit here, under 01");
    CHECK(yaml("codes:\n  - description: nameless\n", &err) == NULL);
    CHECK_STR(err.message, "cb.yaml:2:5: this code has no name");
    CHECK(yaml("format: margin-codebook 9\ncodes: []\n", &err) == NULL);
    CHECK(strstr(err.message, "this margin reads codebooks in the format 'margin-codebook 1'") !=
          NULL);
    CHECK(yaml("codes:\n  - name: A\n    guid: nope\n", &err) == NULL);
    CHECK(strstr(err.message, "cb.yaml:3:11: not a GUID") != NULL);
    CHECK(yaml("codes:\n  - name: A\n    colour: red\n", &err) == NULL);
    CHECK(strstr(err.message, "cb.yaml:3:13: a colour is written #rrggbb") != NULL);
    CHECK(yaml("", &err) == NULL);
    CHECK_STR(err.message, "cb.yaml: the file holds no codebook");
    CHECK(yaml("codes: 5\n", &err) == NULL);
    CHECK(strstr(err.message, "expected a list of codes") != NULL);
}

static void yaml_refuses_deep_nesting(void)
{
    char buf[4096] = "codes:\n";
    char indent[64] = "";
    for (int depth = 0; depth <= OUTLINE_DEPTH_MAX; depth++) {
        size_t len = strlen(buf);
        snprintf(buf + len, sizeof buf - len, "%s- name: L%d\n%s  codes:\n", indent, depth, indent);
        strcat(indent, "    ");
    }
    struct error err;
    CHECK(yaml(buf, &err) == NULL);
    CHECK(strstr(err.message, "codes are nested more than 12 levels deep") != NULL);
}

/* A file nested 100,000 deep kept libyaml busy for 18 s (and 150,000 deep for minutes) before
 * margin's own check of the nesting saw it. Lists and mappings are now counted as the parser
 * reaches them, and the first one too deep is refused where it is. Here the brackets are
 * never closed, so a reader that parsed the whole file first would refuse it at its end, line
 * 100,001, instead of on line 28. */
static void yaml_refuses_deep_nesting_where_it_starts(void)
{
    enum { DEEP = 100000 };
    char *text = malloc(2 * DEEP + 16);
    CHECK(text != NULL);
    if (!text)
        return;
    for (size_t i = 0; i < DEEP; i++)
        memcpy(text + 2 * i, "[\n", 2);
    struct error err;
    CHECK(yaml_codebook_parse(text, 2 * DEEP, "cb.yaml", &err) == NULL);
    CHECK_STR(err.message, "cb.yaml:28:1: lists and mappings are nested more than 27 deep here; "
                           "a codebook nests codes at most 12 levels deep");

    /* codes: [[[...]]], 100,000 deep on one line (200 kB): the 27th bracket is one too many. */
    size_t k = (size_t)sprintf(text, "codes: ");
    memset(text + k, '[', DEEP);
    memset(text + k + DEEP, ']', DEEP);
    CHECK(yaml_codebook_parse(text, k + 2 * DEEP, "cb.yaml", &err) == NULL);
    CHECK_STR(err.message, "cb.yaml:1:34: lists and mappings are nested more than 27 deep here; "
                           "a codebook nests codes at most 12 levels deep");
    free(text);
}

/* Codes may nest 12 levels deep in the block style, flow style, or both: the limit on lists and
 * mappings leaves room for that, and for the walk's own message one level further. */
static void yaml_nesting_limit_leaves_room_for_twelve_levels(void)
{
    char buf[4096] = "format: margin-codebook 1\ncodes: ";
    char tail[256] = "";
    for (int depth = 1; depth <= OUTLINE_DEPTH_MAX; depth++) {
        size_t len = strlen(buf);
        snprintf(buf + len, sizeof buf - len, "[{name: L%d, codes: ", depth);
        size_t t = strlen(tail);
        snprintf(tail + t, sizeof tail - t, "}]");
    }
    size_t len = strlen(buf);
    snprintf(buf + len, sizeof buf - len, "[]%s\n", tail);
    struct error err;
    struct codetree *tree = yaml(buf, &err);
    CHECK(tree != NULL);
    CHECK_INT(tree ? codetree_count(tree) : 0, OUTLINE_DEPTH_MAX);
    codetree_destroy(tree);
    /* One level more: the code is refused by name, not the nesting. */
    char deeper[4096];
    snprintf(deeper, sizeof deeper, "%.*s[{name: L13}]%s\n", (int)len, buf, tail);
    CHECK(yaml(deeper, &err) == NULL);
    CHECK(strstr(err.message, "codes are nested more than 12 levels deep") != NULL);
}

/* Many anchors and aliases, GUIDs and sibling codes are each found without a search through
 * all of the others; these check that what they find is still right. */
static void yaml_finds_anchors_guids_and_numbers(void)
{
    struct error err;
    CHECK(yaml("codes:\n  - name: &n A\n  - name: *n\n    description: *m\n", &err) == NULL);
    CHECK_STR(err.message, "cb.yaml:4:18: the alias *m names no anchor defined before it");
    CHECK(yaml("codes:\n  - name: &n A\n  - name: &n B\n", &err) == NULL);
    CHECK_STR(err.message, "cb.yaml:3:11: the anchor &n is defined twice (also on line 2)");
    struct codetree *tree = yaml("codes:\n  - name: &n A\n  - name: *n\n", &err);
    CHECK(tree != NULL);
    CHECK_STR(tree ? codetree_get(tree, 1)->name : "", "A");
    codetree_destroy(tree);
    CHECK(yaml("codes:\n  - name: A\n    guid: 0B6F5C1E-8D2A-4C47-9E3B-2F1D7A6C5E40\n"
               "  - name: B\n    guid: 0b6f5c1e-8d2a-4c47-9e3b-2f1d7a6c5e40\n",
               &err) == NULL);
    CHECK_STR(err.message, "cb.yaml:5:11: this GUID is already used on line 3");
    /* A number is free again in another list of the same depth. */
    tree = yaml("codes:\n  - name: A\n    codes: [{name: A1, number: 01.03}]\n"
                "  - name: B\n    codes: [{name: B1, number: 02.03}, {name: B2, number: 02.03}]\n",
                &err);
    CHECK(tree == NULL);
    CHECK_STR(err.message, "cb.yaml:5:59: this number is already used on line 5");
}

/* What YAML allows but a codebook must not have: each was read without a word, and something in
 * the file was lost (a second value of a key, a second document) or read as other text (a
 * tagged value, a NUL from an escape that cut a name short). */
static void yaml_refuses_what_would_be_lost(void)
{
    struct error err;
    CHECK(yaml("codes:\n  - name: A\n    name: B\n", &err) == NULL);
    CHECK_STR(err.message, "cb.yaml:3:5: 'name' appears twice in this code (also on line 2)");
    CHECK(yaml("codes: [{name: A, codes: [], number: 1, codes: [{name: B}]}]\n", &err) == NULL);
    CHECK_STR(err.message, "cb.yaml:1:41: 'codes' appears twice in this code (also on line 1)");
    CHECK(yaml("codes: []\ntitle: T\ncodes:\n  - name: A\n", &err) == NULL);
    CHECK_STR(err.message, "cb.yaml:3:1: 'codes' appears twice in the codebook (also on line 1)");
    CHECK(yaml("codes:\n  - name: A\n---\ncodes:\n  - name: B\n", &err) == NULL);
    CHECK_STR(err.message,
              "cb.yaml:3:1: a second YAML document starts here; a codebook file holds one "
              "document");
    CHECK(yaml("codes:\n  - name: A\n...\n--- {codes: [{name: B}]}\n", &err) == NULL);
    CHECK_STR(err.message,
              "cb.yaml:4:1: a second YAML document starts here; a codebook file holds one "
              "document");
    CHECK(yaml("codes:\n  - name: !!binary QUJD\n", &err) == NULL);
    CHECK_STR(err.message,
              "cb.yaml:2:11: 'name' is tagged !!binary, but margin reads it as text; remove the "
              "tag");
    CHECK(yaml("codes:\n  - name: A\n    number: !!int 7\n", &err) == NULL);
    CHECK_STR(err.message,
              "cb.yaml:3:13: 'number' is tagged !!int, but margin reads it as text; remove the "
              "tag");
    CHECK(yaml("codes:\n  - name: A\n    description: !note B\n", &err) == NULL);
    CHECK_STR(err.message,
              "cb.yaml:3:18: 'description' is tagged !note, but margin reads it as text; remove "
              "the tag");
    CHECK(yaml("codes:\n  - !!binary bmFtZQ==: A\n", &err) == NULL);
    CHECK_STR(err.message,
              "cb.yaml:2:5: this key is tagged !!binary, but margin reads it as text; remove the "
              "tag");
    CHECK(yaml("codes:\n  - name: A\n    codable: !!int 0\n", &err) == NULL);
    CHECK_STR(err.message, "cb.yaml:3:14: 'codable' is tagged !!int, but margin reads it as true "
                           "or false; remove the tag");
    CHECK(yaml("codes:\n  - name: \"A\\0B\"\n", &err) == NULL);
    CHECK_STR(err.message,
              "cb.yaml:2:11: 'name' holds a NUL character (\\0), which margin cannot keep in text");

    /* What is allowed: the string tag, the non-specific tag, a boolean tag on 'codable', the
     * end of the one document, and comments after it. */
    struct codetree *tree = yaml("--- !!map\nformat: !!str margin-codebook 1\ncodes:\n"
                                 "  - name: !!str A\n    number: ! \"07\"\n"
                                 "    codable: !!bool false\n...\n# the end\n",
                                 &err);
    CHECK(tree != NULL);
    if (tree) {
        CHECK_STR(codetree_get(tree, 0)->name, "A");
        CHECK(!codetree_get(tree, 0)->codable);
        CHECK_INT(codetree_get(tree, 0)->position, 7);
    }
    codetree_destroy(tree);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"nvivo_table_gives_the_printed_codes", nvivo_table_gives_the_printed_codes},
        {"nvivo_table_refusals", nvivo_table_refusals},
        {"nvivo_table_reads_counts_only_within_the_data",
         nvivo_table_reads_counts_only_within_the_data},
        {"nvivo_table_refuses_text_that_is_not_utf8", nvivo_table_refuses_text_that_is_not_utf8},
        {"nvivo_table_after_a_byte_order_mark", nvivo_table_after_a_byte_order_mark},
        {"nvivo_table_refuses_nul_bytes_in_code_lines",
         nvivo_table_refuses_nul_bytes_in_code_lines},
        {"nvivo_table_refuses_numbers_it_cannot_give", nvivo_table_refuses_numbers_it_cannot_give},
        {"nvivo_table_without_its_header_is_recognised",
         nvivo_table_without_its_header_is_recognised},
        {"yaml_reads_numbers_from_order_and_from_the_file",
         yaml_reads_numbers_from_order_and_from_the_file},
        {"yaml_round_trips", yaml_round_trips},
        {"yaml_refusals_name_line_and_column", yaml_refusals_name_line_and_column},
        {"yaml_refuses_deep_nesting", yaml_refuses_deep_nesting},
        {"yaml_refuses_deep_nesting_where_it_starts", yaml_refuses_deep_nesting_where_it_starts},
        {"yaml_nesting_limit_leaves_room_for_twelve_levels",
         yaml_nesting_limit_leaves_room_for_twelve_levels},
        {"yaml_finds_anchors_guids_and_numbers", yaml_finds_anchors_guids_and_numbers},
        {"yaml_refuses_what_would_be_lost", yaml_refuses_what_would_be_lost},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
