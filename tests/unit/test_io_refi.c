/* REFI-QDA: the XML of project.qde and .qdc codebooks read and written back, texts and their
 * positions, and .qdpx archives as other tools write them, good and bad. */
#include "check.h"
#include "core/guid.h"
#include "core/list.h"
#include "io/codebook_file.h"
#include "io/qdpx.h"
#include "io/refi_xml.h"
#include "io/yaml_codebook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USER_A  "11111111-1111-4111-8111-111111111111"
#define USER_B  "22222222-2222-4222-8222-222222222222"
#define CODE_1  "c0000001-0000-4000-8000-000000000001"
#define CODE_11 "c0000001-0000-4000-8000-000000000011"
#define CODE_12 "c0000001-0000-4000-8000-000000000012"
#define CODE_2  "c0000001-0000-4000-8000-000000000002"
#define SRC_1   "50000000-0000-4000-8000-000000000001"
#define NOTE_1  "a0000000-0000-4000-8000-000000000001"
#define NOTE_2  "a0000000-0000-4000-8000-000000000002"
#define NOTE_3  "a0000000-0000-4000-8000-000000000003"
#define VAR_1   "b0000000-0000-4000-8000-000000000001"
#define VAR_2   "b0000000-0000-4000-8000-000000000002"

/* A project using every part margin reads. */
static const char *const full_project =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Study &amp; co\" origin=\"test\">\n"
    "  <Users>\n"
    "    <User guid=\"" USER_A "\" name=\"Ann\"/>\n"
    "    <User guid=\"{" USER_B "}\" id=\"bob\"/>\n"
    "  </Users>\n"
    "  <CodeBook><Codes>\n"
    "    <Code guid=\"" CODE_1 "\" name=\"Challenges\" isCodable=\"false\" color=\"#abc\">\n"
    "      <Description>Things that go wrong</Description>\n"
    "      <NoteRef targetGUID=\"" NOTE_2 "\"/>\n"
    "      <Code guid=\"" CODE_11 "\" name=\"Staff\" isCodable=\"true\" color=\"#1F77B4\"/>\n"
    "      <Code guid=\"C0000001-0000-4000-8000-000000000012\" name=\"Money &lt;&gt;\" "
    "isCodable=\"1\"/>\n"
    "    </Code>\n"
    "    <Code guid=\"" CODE_2 "\" name=\"Quotes\" isCodable=\"true\"/>\n"
    "  </Codes></CodeBook>\n"
    "  <Variables>\n"
    "    <Variable guid=\"" VAR_1 "\" name=\"site\" typeOfVariable=\"Text\"/>\n"
    "    <Variable guid=\"" VAR_2 "\" name=\"age\" typeOfVariable=\"Integer\">"
    "<Description>in years</Description></Variable>\n"
    "  </Variables>\n"
    "  <Cases>\n"
    "    <Case guid=\"d0000000-0000-4000-8000-000000000001\" name=\"P01\">\n"
    "      <Description>first participant</Description>\n"
    "      <VariableValue><VariableRef targetGUID=\"" VAR_1 "\"/><TextValue>Site "
    "A</TextValue></VariableValue>\n"
    "      <VariableValue><VariableRef targetGUID=\"" VAR_2 "\"/><IntegerValue>47</IntegerValue>"
    "</VariableValue>\n"
    "      <SourceRef targetGUID=\"" SRC_1 "\"/>\n"
    "    </Case>\n"
    "  </Cases>\n"
    "  <Sources>\n"
    "    <TextSource guid=\"" SRC_1 "\" name=\"int01\" creatingUser=\"" USER_A "\">\n"
    "      <Description>first interview</Description>\n"
    "      <PlainTextContent>I: Hello.\nR: Zoë pays €5 &amp; more.\n</PlainTextContent>\n"
    "      <PlainTextSelection guid=\"e0000000-0000-4000-8000-000000000001\" name=\"s1\" "
    "startPosition=\"13\" endPosition=\"31\" creatingUser=\"" USER_A "\">\n"
    "        <Description>about pay</Description>\n"
    "        <Coding guid=\"f0000000-0000-4000-8000-000000000001\" creatingUser=\"" USER_A "\">"
    "<CodeRef targetGUID=\"" CODE_12 "\"/><NoteRef targetGUID=\"" NOTE_3 "\"/></Coding>\n"
    "        <Coding guid=\"f0000000-0000-4000-8000-000000000002\" creatingUser=\"" USER_B "\">"
    "<CodeRef targetGUID=\"" CODE_2 "\"/></Coding>\n"
    "        <NoteRef targetGUID=\"" NOTE_3 "\"/>\n"
    "      </PlainTextSelection>\n"
    "      <NoteRef targetGUID=\"" NOTE_1 "\"/>\n"
    "    </TextSource>\n"
    "  </Sources>\n"
    "  <Notes>\n"
    "    <Note guid=\"" NOTE_1 "\" name=\"on int01\"><PlainTextContent>Recorded in the "
    "car.</PlainTextContent></Note>\n"
    "    <Note guid=\"" NOTE_2 "\" name=\"on Challenges\" creatingUser=\"" USER_B "\">"
    "<PlainTextContent>Broad.</PlainTextContent></Note>\n"
    "    <Note guid=\"" NOTE_3 "\"><PlainTextContent>Check the "
    "amount.</PlainTextContent></Note>\n"
    "  </Notes>\n"
    "  <Description>A small study</Description>\n"
    "  <NoteRef targetGUID=\"" NOTE_1 "\"/>\n"
    "</Project>\n";

static bool parse_project(const char *xml, struct refi_project *out, struct error *err)
{
    return refi_xml_parse_project(xml, strlen(xml), "project.qde", out, err);
}

static bool has_warning(const struct refi_project *p, const char *part)
{
    for (size_t i = 0; i < p->warnings.count; i++) {
        if (strstr(p->warnings.items[i].text, part))
            return true;
    }
    return false;
}

/* Writes the project to memory and reads it back. */
static bool write_and_read(const struct refi_project *p, struct refi_project *again, char **xml)
{
    struct error err;
    size_t n = 0;
    *xml = NULL;
    FILE *out = open_memstream(xml, &n);
    bool ok = refi_xml_write_project(p, out, &err);
    fclose(out);
    CHECK(ok);
    if (!ok)
        return false;
    ok = refi_xml_parse_project(*xml, n, "written.qde", again, &err);
    if (!ok)
        fprintf(stderr, "# %s\n", err.message);
    return ok;
}

static void check_full_project(const struct refi_project *p)
{
    CHECK_STR(p->name, "Study & co");
    CHECK_STR(p->origin, "test");
    CHECK_STR(p->description, "A small study");
    CHECK_INT(p->users.count, 2);
    CHECK_STR(p->users.items[0].name, "Ann");
    CHECK_STR(p->users.items[1].guid, USER_B);
    CHECK_STR(p->users.items[1].name, "bob");

    CHECK(p->codes != NULL);
    if (!p->codes)
        return;
    CHECK_INT(codetree_count(p->codes), 4);
    const struct code *top = codetree_get(p->codes, 0);
    CHECK_STR(top->name, "Challenges");
    CHECK(!top->codable);
    CHECK_STR(top->colour, "#aabbcc");
    CHECK_STR(top->description, "Things that go wrong");
    const struct code *money = codetree_get(p->codes, 2);
    CHECK_STR(money->guid, CODE_12);
    CHECK_STR(money->name, "Money <>");
    CHECK(money->codable);
    CHECK_INT(money->parent, 0);
    CHECK_INT(money->position, 2);
    CHECK_STR(codetree_get(p->codes, 1)->colour, "#1F77B4");
    CHECK_INT(codetree_get(p->codes, 3)->position, 2);
    CHECK_INT(p->code_notes.count, 1);
    CHECK_STR(p->code_notes.items[0].from, CODE_1);
    CHECK_STR(p->code_notes.items[0].to, NOTE_2);

    CHECK_INT(p->variables.count, 2);
    CHECK_INT(p->variables.items[1].type, REFI_VARIABLE_INTEGER);
    CHECK_STR(p->variables.items[1].description, "in years");
    CHECK_INT(p->cases.count, 1);
    const struct refi_case *c = &p->cases.items[0];
    CHECK_STR(c->name, "P01");
    CHECK_STR(c->description, "first participant");
    CHECK_INT(c->values.count, 2);
    CHECK_STR(c->values.items[0].value, "Site A");
    CHECK_STR(c->values.items[1].value, "47");
    CHECK_STR(c->values.items[1].variable, VAR_2);
    CHECK_INT(c->sources.count, 1);
    CHECK_STR(c->sources.items[0].guid, SRC_1);

    CHECK_INT(p->sources.count, 1);
    const struct refi_source *s = &p->sources.items[0];
    CHECK_STR(s->name, "int01");
    CHECK_STR(s->description, "first interview");
    CHECK_STR(s->text, "I: Hello.\nR: Zoë pays €5 & more.\n");
    CHECK_STR(s->creator, USER_A);
    CHECK_INT(s->notes.count, 1);
    CHECK_INT(s->selections.count, 1);
    const struct refi_selection *sel = &s->selections.items[0];
    CHECK_INT(sel->start, 13);
    CHECK_INT(sel->end, 31);
    CHECK_STR(sel->description, "about pay");
    CHECK_INT(sel->codings.count, 2);
    CHECK_STR(sel->codings.items[0].code, CODE_12);
    CHECK_STR(sel->codings.items[1].creator, USER_B);
    CHECK_INT(sel->codings.items[0].notes.count, 1);
    CHECK_INT(sel->notes.count, 1);

    CHECK_INT(p->notes.count, 3);
    CHECK_STR(p->notes.items[1].text, "Broad.");
    CHECK_STR(p->notes.items[1].creator, USER_B);
    CHECK_INT(p->project_notes.count, 1);
}

static void reads_every_part_of_a_project(void)
{
    struct refi_project p;
    struct error err;
    CHECK(parse_project(full_project, &p, &err));
    check_full_project(&p);
    CHECK_INT(p.warnings.count, 0);
    char *memo = NULL;
    CHECK(refi_notes_text(&p, p.sources.items[0].selections.items[0].description,
                          &p.sources.items[0].selections.items[0].notes, &memo));
    CHECK_STR(memo, "about pay\n\nCheck the amount.");
    free(memo);
    refi_project_finish(&p);
}

static void a_written_project_reads_back_the_same(void)
{
    struct refi_project p, again;
    struct error err;
    char *xml = NULL, *xml2 = NULL;
    CHECK(parse_project(full_project, &p, &err));
    if (write_and_read(&p, &again, &xml)) {
        check_full_project(&again);
        /* Colours are kept as #rrggbb; a second round changes nothing at all. */
        struct refi_project third;
        if (write_and_read(&again, &third, &xml2)) {
            CHECK_STR(xml2, xml);
            refi_project_finish(&third);
        }
        refi_project_finish(&again);
    }
    /* The XML says what the schema asks: the namespace, and text escaped. */
    CHECK(xml && strstr(xml, "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Study &amp; co\""));
    CHECK(xml && strstr(xml, "name=\"Money &lt;&gt;\""));
    free(xml);
    free(xml2);
    refi_project_finish(&p);
}

static void writing_keeps_text_xml_cannot_hold_one_for_one(void)
{
    struct refi_project p;
    struct error err;
    CHECK(parse_project(full_project, &p, &err));
    free(p.notes.items[0].text);
    p.notes.items[0].text = strdup("bell\a and \r return\xff!");
    free(p.users.items[0].name);
    p.users.items[0].name = strdup("two\nlines");
    struct refi_project again;
    char *xml = NULL;
    if (write_and_read(&p, &again, &xml)) {
        CHECK_STR(again.notes.items[0].text, "bell\xEF\xBF\xBD and \r return\xEF\xBF\xBD!");
        CHECK_STR(again.users.items[0].name, "two\nlines");
        refi_project_finish(&again);
    }
    free(xml);
    refi_project_finish(&p);
}

static void tolerates_what_other_tools_write(void)
{
    /* No namespace, a byte order mark, elements out of order, optional parts missing, GUIDs
     * in braces and capitals, vendor elements, media sources, a PDF with a text
     * representation. */
    const char *xml =
        "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n"
        "<Project name=\"p\" xmlns:v=\"urn:vendor\">\n"
        "<Sources>\n"
        " <TextSource guid=\"{" SRC_1 "}\" plainTextPath=\"internal://a.txt\">\n"
        "  <PlainTextSelection startPosition=\" 2 \" endPosition=\"+4\">"
        "<Coding><CodeRef targetGUID=\"" CODE_2 "\"/></Coding></PlainTextSelection>\n"
        "  <VariableValue><VariableRef targetGUID=\"" VAR_1 "\"/></VariableValue>\n"
        "  <v:Highlight colour=\"red\"/>\n"
        " </TextSource>\n"
        " <PictureSource guid=\"" NOTE_1 "\" path=\"internal://x.png\"/>\n"
        " <PictureSource guid=\"" NOTE_2 "\" path=\"internal://y.png\"/>\n"
        " <AudioSource guid=\"" NOTE_3 "\"/>\n"
        " <PDFSource guid=\"" VAR_2 "\" name=\"report\">\n"
        "  <PDFSelection guid=\"" VAR_1 "\" page=\"1\" firstX=\"0\" firstY=\"0\" secondX=\"1\" "
        "secondY=\"1\"/>\n"
        "  <Representation guid=\"" USER_B "\"><PlainTextContent>The report.</PlainTextContent>"
        "</Representation>\n"
        " </PDFSource>\n"
        "</Sources>\n"
        "<CodeBook><Codes><Code guid=\"" CODE_2 "\" isCodable=\"true\"/></Codes></CodeBook>\n"
        "<Links/><Sets/><Graphs/><Gadgets/>\n"
        "</Project>\n";
    struct refi_project p;
    struct error err;
    CHECK(parse_project(xml, &p, &err));
    CHECK_INT(p.sources.count, 2);
    CHECK_STR(p.sources.items[0].guid, SRC_1);
    CHECK_STR(p.sources.items[0].plain_path, "internal://a.txt");
    CHECK(p.sources.items[0].name == NULL);
    CHECK_INT(p.sources.items[0].selections.items[0].start, 2);
    CHECK_INT(p.sources.items[0].selections.items[0].end, 4);
    CHECK_STR(p.sources.items[1].name, "report");
    CHECK_STR(p.sources.items[1].text, "The report.");
    CHECK_STR(codetree_get(p.codes, 0)->name, "(no name)");
    CHECK(has_warning(&p, "picture sources (PictureSource) are not imported"));
    CHECK(has_warning(&p, "audio sources"));
    CHECK(has_warning(&p, "selections of PDF pages (PDFSelection) and codings of whole PDFs are "
                          "not imported; a PDF's text representation is imported as a text "
                          "source"));
    CHECK(has_warning(&p, "variables of sources are not imported"));
    CHECK(has_warning(&p, "<Highlight> in <TextSource>"));
    CHECK(has_warning(&p, "<Gadgets> in <Project>"));
    CHECK(has_warning(&p, "links (Links)"));
    CHECK(has_warning(&p, "a code without a name"));
    /* The same warning twice is counted, not repeated. */
    for (size_t i = 0; i < p.warnings.count; i++) {
        if (strstr(p.warnings.items[i].text, "PictureSource")) {
            char line[600];
            warnings_describe(&p.warnings.items[i], line, sizeof line);
            CHECK(strstr(line, "(2 times)") != NULL);
        }
    }
    refi_project_finish(&p);
}

static void refuses_what_it_cannot_read(void)
{
    struct {
        const char *xml;
        const char *message;
    } cases[] = {
        {"<Project name=\"p\">\n<Users>\n</Project>",
         "project.qde:3: not well-formed XML: Opening and ending tag mismatch"},
        {"<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
         "\"&lol;&lol;&lol;\">]>\n<Project name=\"&lol2;\"/>",
         "project.qde: the file has a document type declaration (<!DOCTYPE>)"},
        {"<CodeBook/>", "project.qde: the document is <CodeBook>, not a REFI-QDA <Project>"},
        {"<Project name=\"p\"><CodeBook><Codes>\n<Code name=\"x\" isCodable=\"true\"/>"
         "</Codes></CodeBook></Project>",
         "project.qde:2: <Code> has no guid"},
        {"<Project name=\"p\"><CodeBook><Codes>\n<Code guid=\"" CODE_1 "\" name=\"x\"/>\n"
         "<Code guid=\"{" CODE_1 "}\" name=\"y\"/></Codes></CodeBook></Project>",
         "project.qde:3: the code GUID " CODE_1 " is already used on line 2"},
        {"<Project name=\"p\"><Sources><TextSource guid=\"" SRC_1 "\">\n"
         "<PlainTextSelection startPosition=\"1.5\" endPosition=\"3\"/>"
         "</TextSource></Sources></Project>",
         "project.qde:2: startPosition=\"1.5\" is not a position"},
        {"<Project name=\"p\"><Sources><TextSource guid=\"" SRC_1 "\">\n"
         "<PlainTextSelection startPosition=\"1\" endPosition=\"-3\"/>"
         "</TextSource></Sources></Project>",
         "project.qde:2: endPosition=\"-3\" is not a position"},
        {"<Project name=\"p\"><Sources><TextSource guid=\"" SRC_1 "\">\n"
         "<PlainTextSelection startPosition=\"1\" endPosition=\"3\">\n<Coding/>"
         "</PlainTextSelection></TextSource></Sources></Project>",
         "project.qde:3: the <Coding> has no <CodeRef>"},
        {"", "project.qde:1: not well-formed XML"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct refi_project p;
        struct error err;
        error_clear(&err);
        CHECK(!parse_project(cases[i].xml, &p, &err));
        CHECK_INT(err.kind, ERROR_USER);
        if (strncmp(err.message, cases[i].message, strlen(cases[i].message)) != 0)
            CHECK_STR(err.message, cases[i].message);
        CHECK(p.sources.count == 0 && p.codes == NULL);
    }
}

/* ---- Codebooks ---- */

static const char *const qdc =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"other\">\n"
    "  <Codes>\n"
    "    <Code guid=\"" CODE_1 "\" name=\"Challenges\" isCodable=\"false\" color=\"#123456\">\n"
    "      <Description>What goes wrong\nand why</Description>\n"
    "      <Code guid=\"" CODE_11 "\" name=\"Staff\" isCodable=\"true\"/>\n"
    "      <Code guid=\"" CODE_12 "\" name=\"Money\" isCodable=\"true\"/>\n"
    "    </Code>\n"
    "    <Code guid=\"" CODE_2 "\" name=\"Quotes\" isCodable=\"true\"/>\n"
    "  </Codes>\n"
    "  <Sets><Set guid=\"" NOTE_1 "\" name=\"s\"><MemberCode guid=\"" CODE_2 "\"/></Set></Sets>\n"
    "</CodeBook>\n";

/* The same codebook in margin's YAML. */
static const char *const same_yaml = "format: margin-codebook 1\n"
                                     "codes:\n"
                                     "- name: Challenges\n"
                                     "  codable: false\n"
                                     "  colour: \"#123456\"\n"
                                     "  description: \"What goes wrong\\nand why\"\n"
                                     "  guid: " CODE_1 "\n"
                                     "  codes:\n"
                                     "  - {name: Staff, guid: " CODE_11 "}\n"
                                     "  - {name: Money, guid: " CODE_12 "}\n"
                                     "- {name: Quotes, guid: " CODE_2 "}\n";

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Compares two trees code by code: ids, parents, numbers, names, descriptions, colours,
 * headings, GUIDs. */
static void check_same_tree(const struct codetree *a, const struct codetree *b)
{
    CHECK_INT(codetree_count(a), codetree_count(b));
    for (size_t i = 0; i < codetree_count(a) && i < codetree_count(b); i++) {
        const struct code *x = codetree_get(a, i), *y = codetree_get(b, i);
        char nx[OUTLINE_TEXT_MAX], ny[OUTLINE_TEXT_MAX];
        codetree_number_text(a, (int)i, nx);
        codetree_number_text(b, (int)i, ny);
        CHECK_STR(nx, ny);
        CHECK_INT(x->id, y->id);
        CHECK_INT(x->parent_id, y->parent_id);
        CHECK_STR(x->name, y->name);
        CHECK(same_text(x->description, y->description));
        CHECK(same_text(x->colour, y->colour));
        CHECK_INT(x->codable, y->codable);
        CHECK_STR(x->guid, y->guid);
    }
}

static void a_qdc_reads_as_the_yaml_codebook_does(void)
{
    struct error err;
    struct warning_list warnings = {0};
    struct codetree *tree = refi_xml_parse_codebook(qdc, strlen(qdc), "cb.qdc", &warnings, &err);
    struct codetree *yaml = yaml_codebook_parse(same_yaml, strlen(same_yaml), "cb.yaml", &err);
    CHECK(tree && yaml);
    if (tree && yaml)
        check_same_tree(tree, yaml);
    CHECK_INT(warnings.count, 1);
    CHECK(warnings.count && strstr(warnings.items[0].text, "Sets"));
    warnings_finish(&warnings);

    /* codebook_file_read() tells it apart by content, whatever the file is called. */
    enum codebook_file_format format;
    struct codetree *read =
        codebook_file_read(check_temp_text("codebook.txt", qdc), &format, NULL, &err);
    CHECK(read != NULL);
    CHECK_INT(format, CODEBOOK_FILE_QDC);
    if (read && yaml)
        check_same_tree(read, yaml);
    codetree_destroy(read);
    codetree_destroy(tree);
    codetree_destroy(yaml);

    /* UTF-16 with a byte order mark, as Windows programs write it, is XML too. */
    const char *ascii = "<CodeBook><Codes><Code guid=\"" CODE_2 "\" name=\"Quotes\" "
                        "isCodable=\"true\"/></Codes></CodeBook>";
    size_t n = strlen(ascii);
    char *utf16 = malloc(2 * n + 2);
    utf16[0] = '\xFF';
    utf16[1] = '\xFE';
    for (size_t i = 0; i < n; i++) {
        utf16[2 + 2 * i] = ascii[i];
        utf16[3 + 2 * i] = '\0';
    }
    FILE *out = fopen(check_temp_path("utf16.qdc"), "wb");
    fwrite(utf16, 1, 2 * n + 2, out);
    fclose(out);
    read = codebook_file_read(check_temp_path("utf16.qdc"), &format, NULL, &err);
    CHECK(read != NULL);
    CHECK_INT(format, CODEBOOK_FILE_QDC);
    if (read)
        CHECK_STR(codetree_get(read, 0)->name, "Quotes");
    codetree_destroy(read);
    free(utf16);
}

static void a_written_qdc_reads_back_the_same(void)
{
    struct error err;
    struct codetree *tree = yaml_codebook_parse(same_yaml, strlen(same_yaml), "cb.yaml", &err);
    char *xml = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&xml, &n);
    CHECK(refi_xml_write_codebook(tree, "margin", out, &err));
    fclose(out);
    struct codetree *again = refi_xml_parse_codebook(xml, n, "cb.qdc", NULL, &err);
    CHECK(again != NULL);
    if (again)
        check_same_tree(tree, again);
    CHECK(strstr(xml, "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"margin\">") != NULL);
    CHECK(strstr(xml, "<Description>What goes wrong\nand why</Description>") != NULL);
    codetree_destroy(again);
    codetree_destroy(tree);
    free(xml);

    /* The schema wants at least one code. */
    struct codetree *empty = codetree_create();
    CHECK(codetree_index(empty, &err));
    FILE *sink = fopen("/dev/null", "w");
    CHECK(!refi_xml_write_codebook(empty, NULL, sink, &err));
    CHECK_STR(err.message, "the codebook has no codes; a REFI-QDA codebook needs at least one");
    fclose(sink);
    codetree_destroy(empty);
}

static void codebook_refusals(void)
{
    struct error err;
    const char *deep_start = "<CodeBook><Codes>";
    char xml[4096];
    strcpy(xml, deep_start);
    for (int i = 0; i < 13; i++) {
        char code[128];
        snprintf(
            code, sizeof code,
            "<Code guid=\"c0000001-0000-4000-8000-0000000000%02d\" name=\"x\" isCodable=\"true\">",
            i);
        strcat(xml, code);
    }
    for (int i = 0; i < 13; i++)
        strcat(xml, "</Code>");
    strcat(xml, "</Codes></CodeBook>");
    CHECK(refi_xml_parse_codebook(xml, strlen(xml), "deep.qdc", NULL, &err) == NULL);
    CHECK_STR(err.message, "deep.qdc:1: codes are nested more than 12 levels deep");
    const char *project = "<Project name=\"p\"/>";
    CHECK(refi_xml_parse_codebook(project, strlen(project), "p.qdc", NULL, &err) == NULL);
    CHECK_STR(err.message, "p.qdc: the document is <Project>, not a REFI-QDA <CodeBook>");
}

/* ---- Texts and positions ---- */

static void crlf_and_bom_keep_positions_on_their_text(void)
{
    /* As stored: BOM, "ab\r\ncd\r\n\r\nef" — the CRs count, the BOM does not. */
    const char raw[] = "\xEF\xBB\xBF"
                       "ab\r\ncd\r\n\r\nef\rgh";
    struct refi_source s = {.name = strdup("t")};
    struct refi_selection sel[] = {
        {.start = 4, .end = 6, .line = 1},   /* "cd" */
        {.start = 0, .end = 12, .line = 2},  /* "ab\r\ncd\r\n\r\nef" */
        {.start = 2, .end = 3, .line = 3},   /* the first CR alone: empty once removed */
        {.start = 12, .end = 15, .line = 4}, /* "\rgh": the lone CR stays, as LF */
    };
    for (size_t i = 0; i < 4; i++)
        CHECK(LIST_PUSH(&s.selections, sel[i]));
    struct warning_list warnings = {0};
    struct error err;
    CHECK(refi_source_set_text(&s, raw, sizeof raw - 1, "p.qde", "t.txt", &warnings, &err));
    CHECK_STR(s.text, "ab\ncd\n\nef\ngh");
    CHECK_INT(s.selections.count, 3);
    CHECK_INT(s.selections.items[0].start, 3);
    CHECK_INT(s.selections.items[0].end, 5);
    CHECK_INT(s.selections.items[1].start, 0);
    CHECK_INT(s.selections.items[1].end, 9);
    CHECK_INT(s.selections.items[2].start, 9);
    CHECK_INT(s.selections.items[2].end, 12);
    CHECK_INT(warnings.count, 1);
    warnings_finish(&warnings);
    refi_source_finish(&s);
}

static void positions_past_the_end_are_refused(void)
{
    struct refi_source s = {.name = strdup("int01")};
    struct refi_selection sel = {.start = 2, .end = 9, .line = 40};
    CHECK(LIST_PUSH(&s.selections, sel));
    struct warning_list warnings = {0};
    struct error err;
    CHECK(!refi_source_set_text(&s, "Zoë\r\n€", 9, "x.qdpx: project.qde", "x.qdpx: sources/a.txt",
                                &warnings, &err));
    CHECK_STR(err.message, "x.qdpx: project.qde:40: the selection 2-9 ends past the end of the "
                           "text of 'int01' (x.qdpx: sources/a.txt), which has 6 characters");
    CHECK(s.text == NULL);
    s.selections.items[0].end = 6;
    CHECK(refi_source_set_text(&s, "Zoë\r\n€", 9, "q", "f", &warnings, &err));
    CHECK_INT(s.selections.items[0].end, 5);
    s.selections.items[0].start = 4;
    s.selections.items[0].end = 3;
    CHECK(!refi_source_set_text(&s, "abcde", 5, "q", "f", &warnings, &err));
    CHECK_STR(err.message, "q:40: the selection 4-3 of 'int01' is reversed");
    CHECK(!refi_source_set_text(&s, "ab\xC3(", 4, "q", "f", &warnings, &err));
    CHECK_STR(err.message, "f:1:3: not valid UTF-8 text (byte 0xC3)");
    warnings_finish(&warnings);
    refi_source_finish(&s);
}

static void guids(void)
{
    char out[REFI_GUID_SIZE];
    CHECK(refi_guid_parse(" {ABCDEF01-2345-4789-8BCD-EF0123456789} ", out));
    CHECK_STR(out, "abcdef01-2345-4789-8bcd-ef0123456789");
    CHECK(!refi_guid_parse("abcdef01-2345-4789-8bcd-ef012345678", out));
    CHECK(!refi_guid_parse("{abcdef01-2345-4789-8bcd-ef0123456789", out));
    CHECK(!refi_guid_parse("abcdef01x2345-4789-8bcd-ef0123456789", out));
    /* A GUID that goes wrong half-way leaves nothing of itself behind. */
    out[0] = '\0';
    CHECK(!refi_guid_parse("abcdef01-2345-4789-8bcd-ef012345678z", out));
    CHECK_STR(out, "");
    char a[GUID_SIZE], b[GUID_SIZE], c[GUID_SIZE];
    guid_derive("margin source", "int01", 5, a);
    guid_derive("margin source", "int01", 5, b);
    guid_derive("margin coder", "int01", 5, c);
    CHECK_STR(a, b);
    CHECK(strcmp(a, c) != 0);
    CHECK(guid_valid(a));
    CHECK(a[14] == '8');
    CHECK(strchr("89ab", a[19]) != NULL);
}

/* ---- Archives ---- */

/* Packs entries into an archive in memory (the caller frees *data). */
static void pack(const struct qdpx_entry *entries, size_t count, char **data, size_t *n)
{
    struct error err;
    FILE *out = open_memstream(data, n);
    CHECK(qdpx_pack(entries, count, out, &err));
    fclose(out);
}

static bool parse_archive(const struct qdpx_entry *entries, size_t count, struct refi_project *p,
                          struct error *err)
{
    char *data = NULL;
    size_t n = 0;
    pack(entries, count, &data, &n);
    bool ok = qdpx_parse(data, n, "x.qdpx", p, err);
    free(data);
    return ok;
}

#define ENTRY(name, text)                                                                          \
    {                                                                                              \
        name, text, sizeof text - 1                                                                \
    }

static const char *const archive_qde =
    "<Project name=\"p\"><CodeBook><Codes><Code guid=\"" CODE_1 "\" name=\"c\" isCodable=\"true\"/>"
    "</Codes></CodeBook><Sources>\n"
    "<TextSource guid=\"" SRC_1 "\" name=\"crlf\" plainTextPath=\"internal://a.txt\">\n"
    "<PlainTextSelection startPosition=\"4\" endPosition=\"9\"><Coding><CodeRef "
    "targetGUID=\"" CODE_1 "\"/></Coding></PlainTextSelection></TextSource>\n"
    "<TextSource guid=\"" NOTE_1 "\" richTextPath=\"internal://b.docx\"/>\n"
    "<TextSource guid=\"" NOTE_2 "\" plainTextPath=\"c.txt\"/>\n"
    "<TextSource guid=\"" NOTE_3 "\" plainTextPath=\"file:///home/x/d.txt\"/>\n"
    "<TextSource guid=\"" VAR_1 "\" richTextPath=\"internal://e.docx\"/>\n"
    "</Sources></Project>";

static void reads_an_archive_as_other_tools_write_it(void)
{
    struct qdpx_entry entries[] = {
        {"project.qde", archive_qde, strlen(archive_qde)},
        ENTRY("sources/a.txt", "\xEF\xBB\xBFone\r\ntwo three\r\n"),
        ENTRY("sources/b.docx", "PK not really a docx"),
        ENTRY("sources/b.txt", "the plain text of b"),
        ENTRY("sources/c.txt", "c's text"),
        ENTRY("sources/e.docx", "PK"),
    };
    struct refi_project p;
    struct error err;
    CHECK(parse_archive(entries, 6, &p, &err));
    CHECK_INT(p.sources.count, 3);
    if (p.sources.count == 3) {
        const struct refi_source *a = &p.sources.items[0];
        CHECK_STR(a->text, "one\ntwo three\n");
        /* [4, 9) of "one\r\ntwo three" is "\ntwo " minus nothing: "\ntwo" and a space. */
        CHECK_INT(a->selections.items[0].start, 3);
        CHECK_INT(a->selections.items[0].end, 8);
        CHECK_STR(p.sources.items[1].text, "the plain text of b");
        CHECK_STR(p.sources.items[2].text, "c's text");
    }
    CHECK(has_warning(&p, "outside the archive (file:///home/x/d.txt)"));
    CHECK(has_warning(&p, "stored only as rich text (internal://e.docx)"));
    refi_project_finish(&p);
}

static void refuses_bad_archives(void)
{
    struct refi_project p;
    struct error err;
    const char *not_zip = "<Project name=\"p\"/>";
    CHECK(!qdpx_parse(not_zip, strlen(not_zip), "x.qdpx", &p, &err));
    CHECK(strstr(err.message, "x.qdpx is not a REFI-QDA project archive: it is not a zip file") ==
          err.message);
    const char *codebook_xml =
        "<?xml version=\"1.0\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"/>";
    CHECK(!qdpx_parse(codebook_xml, strlen(codebook_xml), "x.qdc", &p, &err));
    CHECK_STR(err.message, "x.qdc is a REFI-QDA codebook (.qdc), not a project archive; `margin "
                           "codebook import` imports it");
    const char *project_xml =
        "<?xml version=\"1.0\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\"/>";
    CHECK(!qdpx_parse(project_xml, strlen(project_xml), "project.qde", &p, &err));
    CHECK_STR(err.message, "project.qde is the project.qde of a REFI-QDA project archive, not the "
                           "archive itself; import the .qdpx file it comes from");

    struct qdpx_entry no_project[] = {ENTRY("sources/a.txt", "text")};
    CHECK(!parse_archive(no_project, 1, &p, &err));
    CHECK_STR(err.message,
              "x.qdpx has no project.qde; it is a zip file, but not a REFI-QDA project archive");

    struct qdpx_entry missing_text[] = {{"project.qde", archive_qde, strlen(archive_qde)}};
    CHECK(!parse_archive(missing_text, 1, &p, &err));
    CHECK_STR(err.message, "x.qdpx: project.qde:2: 'crlf' has its text in sources/a.txt, which "
                           "the archive does not have");

    struct qdpx_entry short_text[] = {{"project.qde", archive_qde, strlen(archive_qde)},
                                      ENTRY("sources/a.txt", "one\ntwo"),
                                      ENTRY("sources/b.txt", "b"),
                                      ENTRY("sources/c.txt", "c")};
    CHECK(!parse_archive(short_text, 4, &p, &err));
    CHECK_STR(err.message,
              "x.qdpx: project.qde:3: the selection 4-9 ends past the end of the text of 'crlf' "
              "(x.qdpx: sources/a.txt), which has 7 characters");

    const char *unknown_code =
        "<Project name=\"p\"><Sources><TextSource guid=\"" SRC_1 "\">"
        "<PlainTextContent>abc</PlainTextContent>\n<PlainTextSelection startPosition=\"0\" "
        "endPosition=\"2\">\n<Coding><CodeRef targetGUID=\"" CODE_2 "\"/></Coding>"
        "</PlainTextSelection></TextSource></Sources></Project>";
    struct qdpx_entry orphan[] = {{"project.qde", unknown_code, strlen(unknown_code)}};
    CHECK(!parse_archive(orphan, 1, &p, &err));
    CHECK_STR(err.message, "x.qdpx: project.qde:3: the coding refers to the code " CODE_2
                           ", which the codebook does not have");

    const char *bad_xml = "<Project name=\"p\">\n<Sources>";
    struct qdpx_entry broken[] = {{"project.qde", bad_xml, strlen(bad_xml)}};
    CHECK(!parse_archive(broken, 1, &p, &err));
    CHECK(strstr(err.message, "x.qdpx: project.qde:2: not well-formed XML") == err.message);
    CHECK(p.sources.count == 0);
}

static void an_archive_written_reads_back(void)
{
    struct refi_project p;
    struct error err;
    CHECK(parse_project(full_project, &p, &err));
    char *data = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&data, &n);
    CHECK(qdpx_write(&p, out, &err));
    fclose(out);
    struct refi_project again;
    CHECK(qdpx_parse(data, n, "w.qdpx", &again, &err));
    check_full_project(&again);
    CHECK_STR(again.sources.items[0].plain_path, "internal://" SRC_1 ".txt");
    CHECK_INT(again.warnings.count, 0);
    refi_project_finish(&again);
    refi_project_finish(&p);
    free(data);
}

static void an_archive_keeps_notes_and_sources_sharing_a_guid(void)
{
    /* A note read from a file of the archive, and two sources that share a GUID. */
    const char *qde =
        "<Project name=\"p\"><Sources>\n"
        "<TextSource guid=\"" SRC_1 "\" name=\"one\"><PlainTextContent>first</PlainTextContent>"
        "<NoteRef targetGUID=\"" NOTE_1 "\"/></TextSource>\n"
        "<TextSource guid=\"" SRC_1 "\" name=\"two\"><PlainTextContent>second</PlainTextContent>"
        "</TextSource></Sources>\n"
        "<Notes><Note guid=\"" NOTE_1 "\" plainTextPath=\"internal://n.txt\"/></Notes></Project>";
    struct qdpx_entry entries[] = {{"project.qde", qde, strlen(qde)},
                                   ENTRY("sources/n.txt", "a memo\r\nin a file")};
    struct refi_project p;
    struct error err;
    CHECK(parse_archive(entries, 2, &p, &err));
    CHECK_STR(p.notes.items[0].text, "a memo\nin a file");
    char *data = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&data, &n);
    CHECK(qdpx_write(&p, out, &err));
    fclose(out);
    struct refi_project again;
    CHECK(qdpx_parse(data, n, "w.qdpx", &again, &err));
    CHECK_INT(again.sources.count, 2);
    if (again.sources.count == 2) {
        CHECK_STR(again.sources.items[0].text, "first");
        CHECK_STR(again.sources.items[1].text, "second");
        CHECK_STR(again.sources.items[1].plain_path, "internal://source-2.txt");
    }
    CHECK_INT(again.notes.count, 1);
    if (again.notes.count == 1) {
        CHECK_STR(again.notes.items[0].text, "a memo\nin a file");
        CHECK(again.notes.items[0].plain_path == NULL);
    }
    refi_project_finish(&again);
    refi_project_finish(&p);
    free(data);
}

/* The MS-DOS time and date stored at data[at], little-endian. */
static unsigned dos_word(const char *data, size_t at)
{
    return (unsigned char)data[at] | (unsigned)(unsigned char)data[at + 1] << 8;
}

static void archives_carry_a_fixed_date(void)
{
    struct qdpx_entry entries[] = {ENTRY("project.qde", "<Project/>"),
                                   ENTRY("sources/a.txt", "text")};
    char *data = NULL;
    size_t n = 0;
    pack(entries, 2, &data, &n);
    /* Every local header (PK 3 4: time at 10, date at 12) and central directory entry (PK 1 2:
     * time at 12, date at 14) carries the fixed date, not the time of writing. */
    size_t local = 0, central = 0;
    for (size_t i = 0; i + 16 <= n; i++) {
        if (memcmp(data + i, "PK\003\004", 4) == 0) {
            local++;
            CHECK_INT(dos_word(data, i + 10), QDPX_DOS_TIME);
            CHECK_INT(dos_word(data, i + 12), QDPX_DOS_DATE);
        } else if (memcmp(data + i, "PK\001\002", 4) == 0) {
            central++;
            CHECK_INT(dos_word(data, i + 12), QDPX_DOS_TIME);
            CHECK_INT(dos_word(data, i + 14), QDPX_DOS_DATE);
        }
    }
    CHECK_INT(local, 2);
    CHECK_INT(central, 2);
    free(data);
}

static enum refi_file_kind identify(const char *s)
{
    return refi_file_identify(s, strlen(s));
}

static void files_are_told_apart_by_content(void)
{
    char *archive = NULL, *other = NULL;
    size_t na = 0, no = 0;
    struct qdpx_entry qde[] = {ENTRY("project.qde", "<Project/>")};
    struct qdpx_entry docx[] = {ENTRY("word/document.xml", "<w/>")};
    pack(qde, 1, &archive, &na);
    pack(docx, 1, &other, &no);
    CHECK_INT(refi_file_identify(archive, na), REFI_FILE_ARCHIVE);
    CHECK_INT(refi_file_identify(other, no), REFI_FILE_ZIP);
    CHECK_INT(refi_file_identify("PK\005\006\0\0\0\0", 8), REFI_FILE_ZIP);
    free(archive);
    free(other);

    CHECK_INT(identify("<?xml version=\"1.0\"?>\n<Project name=\"p\"/>"), REFI_FILE_PROJECT);
    CHECK_INT(identify("\xEF\xBB\xBF <!-- from QualCoder -->\r\n<Project "
                       "xmlns=\"urn:QDA-XML:project:1.0\">"),
              REFI_FILE_PROJECT);
    CHECK_INT(identify("<qda:CodeBook xmlns:qda=\"urn:QDA-XML:codebook:1.0\"><Codes/>"),
              REFI_FILE_CODEBOOK);
    CHECK_INT(identify("<?xml version=\"1.0\"?><CodeBook>"), REFI_FILE_CODEBOOK);
    /* Text that starts like the root element, without the namespace or a declaration, is text;
     * so are other XML, a namespace later in the file, and a cut-off tag. */
    CHECK_INT(identify("<Project meeting> notes, urn:QDA-XML:project"), REFI_FILE_NONE);
    CHECK_INT(identify("<Project> meeting notes\n"), REFI_FILE_NONE);
    CHECK_INT(identify("<?xml version=\"1.0\"?><Projects/>"), REFI_FILE_NONE);
    CHECK_INT(identify("<CodeBook>\n<x xmlns=\"urn:QDA-XML:codebook:1.0\"/>"), REFI_FILE_NONE);
    CHECK_INT(identify("I: PK\003\004?"), REFI_FILE_NONE);
    CHECK_INT(identify("<"), REFI_FILE_NONE);
    CHECK_INT(identify("<!-- never closed"), REFI_FILE_NONE);
    CHECK_INT(identify(""), REFI_FILE_NONE);
    static const char nul[] = "<Code\0Book xmlns=\"urn:QDA-XML:codebook:1.0\">";
    CHECK_INT(refi_file_identify(nul, sizeof nul - 1), REFI_FILE_NONE);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"reads_every_part_of_a_project", reads_every_part_of_a_project},
        {"a_written_project_reads_back_the_same", a_written_project_reads_back_the_same},
        {"writing_keeps_text_xml_cannot_hold_one_for_one",
         writing_keeps_text_xml_cannot_hold_one_for_one},
        {"tolerates_what_other_tools_write", tolerates_what_other_tools_write},
        {"refuses_what_it_cannot_read", refuses_what_it_cannot_read},
        {"a_qdc_reads_as_the_yaml_codebook_does", a_qdc_reads_as_the_yaml_codebook_does},
        {"a_written_qdc_reads_back_the_same", a_written_qdc_reads_back_the_same},
        {"codebook_refusals", codebook_refusals},
        {"crlf_and_bom_keep_positions_on_their_text", crlf_and_bom_keep_positions_on_their_text},
        {"positions_past_the_end_are_refused", positions_past_the_end_are_refused},
        {"guids", guids},
        {"reads_an_archive_as_other_tools_write_it", reads_an_archive_as_other_tools_write_it},
        {"refuses_bad_archives", refuses_bad_archives},
        {"an_archive_written_reads_back", an_archive_written_reads_back},
        {"an_archive_keeps_notes_and_sources_sharing_a_guid",
         an_archive_keeps_notes_and_sources_sharing_a_guid},
        {"files_are_told_apart_by_content", files_are_told_apart_by_content},
        {"archives_carry_a_fixed_date", archives_carry_a_fixed_date},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
