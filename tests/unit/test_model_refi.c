/* REFI-QDA in the model: importing a real export from another tool (QualCoder's qc-demo), a
 * project through an archive and back, all-or-nothing imports, and .qdc codebooks. */
#include "check.h"
#include "core/list.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "io/qdpx.h"
#include "io/refi_xml.h"
#include "model/codebook.h"
#include "model/edit.h"
#include "model/exchange.h"
#include "store/codings.h"
#include "store/journal.h"
#include "store/memos.h"
#include "store/people.h"
#include "store/sources.h"
#include "store/store.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static struct project *empty_project(void)
{
    struct error err;
    struct project *project = project_open_memory(&err);
    CHECK(project != NULL);
    return project;
}

static struct store_counts counts_of(struct project *project)
{
    struct store_counts counts = {0};
    struct error err;
    CHECK(store_counts(project_store(project), &counts, &err));
    return counts;
}

static int64_t source_id(struct project *project, const char *name)
{
    struct source_row row;
    struct error err;
    CHECK(store_source_find(project_store(project), name, &row, &err));
    free(row.name);
    return row.id;
}

static int64_t code_id(struct project *project, const char *name)
{
    const struct codetree *tree = project_codes(project);
    for (size_t i = 0; i < codetree_count(tree); i++) {
        if (strcmp(codetree_get(tree, i)->name, name) == 0)
            return codetree_get(tree, i)->id;
    }
    return 0;
}

/* The text a coding of `code` at [start, end) of `source` covers, or NULL when the project
 * has no such coding (the caller frees it). */
static char *coded_text(struct project *project, const char *source, const char *code,
                        int64_t start, int64_t end)
{
    struct error err;
    struct coding_list codings = {0};
    struct coding_filter filter = {.source_id = source_id(project, source),
                                   .code_id = code_id(project, code)};
    char *result = NULL;
    CHECK(store_codings_list(project_store(project), &filter, &codings, &err));
    for (size_t i = 0; i < codings.count && !result; i++) {
        if (codings.items[i].start != start || codings.items[i].end != end)
            continue;
        struct text *text = project_source_text(project, filter.source_id, &err);
        result = text_slice(text, (size_t)start, (size_t)end);
        text_destroy(text);
    }
    row_coding_list_finish(&codings);
    return result;
}

static void check_coded(struct project *project, const char *code, int64_t start, int64_t end,
                        const char *want)
{
    char *got = coded_text(project, "board_2017", code, start, end);
    CHECK(got != NULL);
    if (got)
        CHECK_STR(got, want);
    free(got);
}

static bool import_demo(struct project *project, struct exchange_report *report)
{
    struct error err;
    bool ok = exchange_import_qdpx(project, check_data_path("qc-demo.qdpx"), SOURCE_INTERVIEW,
                                   report, &err);
    if (!ok)
        fprintf(stderr, "# %s\n", err.message);
    return ok;
}

static void imports_the_qc_demo_export(void)
{
    struct project *project = empty_project();
    struct exchange_report report;
    CHECK(import_demo(project, &report));
    CHECK_INT(report.sources_added, 2);
    CHECK_INT(report.codes_added, 262);
    CHECK_INT(report.coders_added, 1);
    CHECK_INT(report.codings_added, 205);
    CHECK_INT(report.warnings.count, 0);
    exchange_report_finish(&report);

    /* Counted independently in the file: 2 TextSources, 262 Codes, 205 Codings (in 158
     * selections), one User. */
    struct store_counts counts = counts_of(project);
    CHECK_INT(counts.sources, 2);
    CHECK_INT(counts.codes, 262);
    CHECK_INT(counts.codings, 205);
    CHECK_INT(counts.coders, 1);
    int64_t coder;
    struct error err;
    CHECK(project_coder(project, "cp", false, &coder, &err));
    CHECK(coder != 0);
    /* The sources have no name in the file: they are named after their files. */
    CHECK(source_id(project, "board_2017") != 0);
    CHECK(source_id(project, "admin-1") != 0);
    /* The hierarchy: programming sits under competencies under rq1_definition. */
    const struct codetree *tree = project_codes(project);
    int programming = codetree_find_id(tree, code_id(project, "programming"));
    CHECK(programming >= 0);
    if (programming >= 0) {
        const struct code *code = codetree_get(tree, (size_t)programming);
        CHECK_STR(code->guid, "36636563-3863-6264-3638-303637613863");
        const struct code *parent = codetree_get(tree, (size_t)code->parent);
        CHECK_STR(parent->name, "competencies");
        CHECK_STR(codetree_get(tree, (size_t)parent->parent)->name, "rq1_definition");
    }

    /* Codings read by hand from project.qde and sources/board_2017.txt: each selection is a
     * whole line, and its codes say what the line is about. */
    check_coded(
        project, "fun", 320, 400,
        "This district goal is engage every student in joyful, purposeful learning that \n");
    check_coded(project, "abstraction", 9283, 9361,
                "students. It includes abstraction, modeling, and decomposition. This type of \n");
    check_coded(project, "decomposition", 9283, 9361,
                "students. It includes abstraction, modeling, and decomposition. This type of \n");
    check_coded(project, "fear", 43934, 44011,
                "approach art with no fear. They feel confident. They feel experienced. They \n");
    check_coded(project, "graduation_requirement", 11320, 11394,
                "computer science to the graduation requirements to ensure equity in each \n");
    check_coded(
        project, "equity", 51547, 51627,
        "similar equity issues [inaudible 00:54:11] access to that curriculum, which we \n");
    project_close(project);
}

/* The exporter names each selection after the line it covers, "line:N" (from 0): every
 * coding's text must be that line of the source, newline included. */
static void every_demo_coding_covers_the_line_it_is_named_after(void)
{
    struct project *project = empty_project();
    struct exchange_report report;
    CHECK(import_demo(project, &report));
    exchange_report_finish(&report);
    struct refi_project demo;
    struct error err;
    CHECK(qdpx_read(check_data_path("qc-demo.qdpx"), &demo, &err));
    struct text *text = project_source_text(project, source_id(project, "board_2017"), &err);
    CHECK(text != NULL);
    size_t checked = 0, wrong = 0, missing = 0;
    for (size_t i = 0; text && i < demo.sources.count; i++) {
        const struct refi_source *source = &demo.sources.items[i];
        if (strcmp(source->plain_path, "board_2017.txt") != 0)
            continue;
        for (size_t s = 0; s < source->selections.count; s++) {
            const struct refi_selection *selection = &source->selections.items[s];
            long line = -1;
            CHECK(sscanf(selection->name, "line:%ld", &line) == 1);
            /* Line `line` of the text, found by counting newlines here. */
            const char *data = text_data(text);
            const char *at = data;
            for (long l = 0; l < line && at; l++) {
                at = strchr(at, '\n');
                at = at ? at + 1 : NULL;
            }
            const char *nl = at ? strchr(at, '\n') : NULL;
            char *want = at && nl ? strndup(at, (size_t)(nl + 1 - at)) : NULL;
            for (size_t c = 0; c < selection->codings.count; c++) {
                const struct code *code =
                    codetree_get(project_codes(project),
                                 (size_t)codetree_find_guid(project_codes(project),
                                                            selection->codings.items[c].code));
                char *got =
                    coded_text(project, "board_2017", code->name, selection->start, selection->end);
                missing += got == NULL;
                wrong += got && (!want || strcmp(got, want) != 0);
                checked++;
                free(got);
            }
            free(want);
        }
    }
    CHECK_INT(checked, 205);
    CHECK_INT(missing, 0);
    CHECK_INT(wrong, 0);
    text_destroy(text);
    refi_project_finish(&demo);
    project_close(project);
}

static void importing_twice_changes_nothing(void)
{
    struct project *project = empty_project();
    struct exchange_report report;
    CHECK(import_demo(project, &report));
    exchange_report_finish(&report);
    struct store_counts before = counts_of(project);
    CHECK(import_demo(project, &report));
    CHECK_INT(report.sources_added, 0);
    CHECK_INT(report.sources_unchanged, 2);
    CHECK_INT(report.codes_added, 0);
    CHECK_INT(report.codes_unchanged, 262);
    CHECK_INT(report.codings_added, 0);
    CHECK_INT(report.codings_unchanged, 205);
    exchange_report_finish(&report);
    struct store_counts after = counts_of(project);
    CHECK_INT(after.codings, before.codings);
    CHECK_INT(after.codes, before.codes);
    CHECK_INT(after.sources, before.sources);
    project_close(project);
}

/* ---- A project through an archive and back ---- */

static const char *const codebook_yaml = "codes:\n"
                                         "  - number: \"01\"\n"
                                         "    name: Challenges\n"
                                         "    codable: false\n"
                                         "    description: \"What goes wrong,\\nand why\"\n"
                                         "    colour: \"#d62728\"\n"
                                         "    codes:\n"
                                         "      - name: Staff\n"
                                         "      - number: \"01.03\"\n"
                                         "        name: Money & \"time\"\n"
                                         "  - number: \"03\"\n"
                                         "    name: Quotes\n"
                                         "    guid: 3F2504E0-4F89-41D3-9A0C-0305E82C3301\n";

static const char *const cases_csv =
    "case,site,age:integer,score:real,seen:date,consented:boolean\n"
    "P01,Site A,47,1.5e3,2019-11-14,yes\n"
    "P02,Site B,,-0.25,,false\n";

/* A project with every part an archive carries. */
static struct project *rich_project(void)
{
    struct error err;
    struct import_report report;
    struct project *project = empty_project();
    CHECK(project_import_codebook(project, NULL, check_temp_text("cb.yaml", codebook_yaml), &report,
                                  &err));
    CHECK(project_import_cases_data(project, cases_csv, strlen(cases_csv), "cases.csv", &report,
                                    &err));
    const char *int01 =
        check_temp_text("int01.txt", "I: How is it going?\r\nR: Zoë says €5k — "
                                     "slowly.\r\nI: And staff?\r\nR: Stretched.\r\n");
    CHECK(project_import_sources(project, &int01, 1, "P01", SOURCE_INTERVIEW, &report, &err));
    const char *obs = check_temp_text("obs01.txt", "The room was cold.\n<b>&amp;</b>\n");
    CHECK(project_import_sources(project, &obs, 1, NULL, SOURCE_OBSERVATION, &report, &err));
    struct coding_request codings[] = {
        {"A", "int01", "01.01", NULL, CODE_MATCH_BOTH, 0, 20, "the whole question"},
        {"B", "int01", "01.01", NULL, CODE_MATCH_BOTH, 0, 20, NULL},
        {"A", "int01", "01.03", NULL, CODE_MATCH_BOTH, 23, 36, "pay, & <tags>"},
        {"B", "int01", "03", NULL, CODE_MATCH_BOTH, 21, 42, NULL},
        {"A", "obs01", "03", NULL, CODE_MATCH_BOTH, 19, 31, NULL},
    };
    for (size_t i = 0; i < sizeof codings / sizeof codings[0]; i++) {
        enum edit_outcome outcome;
        char message[256];
        CHECK(edit_code_request(project, &codings[i], &outcome, message, sizeof message, &err));
    }
    int64_t idle;
    CHECK(project_coder(project, "consensus", true, &idle, &err));
    struct store *store = project_store(project);
    int64_t p01;
    CHECK(store_case_find(store, "P01", &p01, &err));
    CHECK(store_memo_set(store, MEMO_PROJECT, 0, "Pilot study.\nTwo coders.", 0, &err));
    CHECK(store_memo_set(store, MEMO_SOURCE, source_id(project, "int01"), "Noisy recording.", 0,
                         &err));
    CHECK(store_memo_set(store, MEMO_CASE, p01, "Joined late.", 0, &err));
    CHECK(codebook_set_memo(project, 0, code_id(project, "Staff"), "Includes locums.", &err));
    return project;
}

/* Exports a project to an archive in memory (the caller frees *data). */
static void export_to_memory(struct project *project, char **data, size_t *n)
{
    struct error err;
    *data = NULL;
    FILE *out = open_memstream(data, n);
    size_t detached;
    bool ok = exchange_export_qdpx(project, out, &detached, &err);
    if (!ok)
        fprintf(stderr, "# %s\n", err.message);
    CHECK(ok);
    fclose(out);
}

/* The project.qde an archive holds, written again by margin, and its sources' texts. */
static char *archive_xml(const char *data, size_t n)
{
    struct refi_project refi;
    struct error err;
    char *xml = NULL;
    size_t size = 0;
    if (!qdpx_parse(data, n, "a.qdpx", &refi, &err)) {
        fprintf(stderr, "# %s\n", err.message);
        return NULL;
    }
    FILE *out = open_memstream(&xml, &size);
    CHECK(refi_xml_write_project(&refi, out, &err));
    for (size_t i = 0; i < refi.sources.count; i++)
        fprintf(out, "\n-- %s --\n%s", refi.sources.items[i].guid, refi.sources.items[i].text);
    fclose(out);
    refi_project_finish(&refi);
    return xml;
}

static int compare_lines(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every coding as one line (source, code GUID in lowercase, coder, span, memo), sorted. */
static char *codings_of(struct project *project)
{
    struct error err;
    struct coding_list codings = {0};
    struct coder_list coders = {0};
    struct source_list sources = {0};
    struct coding_filter all = {0};
    CHECK(store_codings_list(project_store(project), &all, &codings, &err));
    CHECK(store_coders_list(project_store(project), &coders, &err));
    CHECK(store_sources_list(project_store(project), &sources, &err));
    char **lines = calloc(codings.count + 1, sizeof *lines);
    for (size_t i = 0; i < codings.count; i++) {
        const struct coding_row *c = &codings.items[i];
        const char *coder = "?", *source = "?";
        for (size_t k = 0; k < coders.count; k++)
            coder = coders.items[k].id == c->coder_id ? coders.items[k].name : coder;
        for (size_t k = 0; k < sources.count; k++)
            source = sources.items[k].id == c->source_id ? sources.items[k].name : source;
        int code = codetree_find_id(project_codes(project), c->code_id);
        char guid[REFI_GUID_SIZE] = "?";
        if (code >= 0)
            refi_guid_parse(codetree_get(project_codes(project), (size_t)code)->guid, guid);
        struct strbuf line = STRBUF_INIT;
        strbuf_printf(&line, "%s|%s|%s|%" PRId64 "-%" PRId64 "|%s", source, guid, coder, c->start,
                      c->end, c->memo ? c->memo : "");
        lines[i] = strbuf_detach(&line);
    }
    qsort(lines, codings.count, sizeof *lines, compare_lines);
    struct strbuf all_lines = STRBUF_INIT;
    for (size_t i = 0; i < codings.count; i++) {
        strbuf_printf(&all_lines, "%s\n", lines[i]);
        free(lines[i]);
    }
    free(lines);
    row_coding_list_finish(&codings);
    row_coder_list_finish(&coders);
    row_source_list_finish(&sources);
    return strbuf_detach(&all_lines);
}

static char *memo_of(struct project *project, enum memo_target target, int64_t id)
{
    char *text = NULL;
    struct error err;
    CHECK(store_memo_get(project_store(project), target, id, &text, &err));
    return text;
}

static void a_project_survives_an_archive_and_back(void)
{
    struct project *first = rich_project();
    char *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    export_to_memory(first, &a, &na);

    struct project *second = empty_project();
    struct exchange_report report;
    struct error err;
    CHECK(exchange_import_qdpx_data(second, a, na, "a.qdpx", SOURCE_INTERVIEW, &report, &err));
    CHECK_INT(report.warnings.count, 0);
    CHECK_INT(report.codings_added, 5);
    CHECK_INT(report.coding_memos, 2);
    CHECK_INT(report.memos_written, 4);
    CHECK_INT(report.coders_added, 3);
    exchange_report_finish(&report);
    export_to_memory(second, &b, &nb);

    /* Exported again, the project gives the same archive contents. */
    char *xa = archive_xml(a, na), *xb = archive_xml(b, nb);
    CHECK(xa && xb);
    if (xa && xb)
        CHECK_STR(xb, xa);

    /* And the same project: codes, codings, coders, cases, memos. */
    const struct codetree *ta = project_codes(first), *tb = project_codes(second);
    CHECK_INT(codetree_count(tb), codetree_count(ta));
    for (size_t i = 0; i < codetree_count(ta) && i < codetree_count(tb); i++) {
        const struct code *x = codetree_get(ta, i), *y = codetree_get(tb, i);
        CHECK(strcasecmp(y->guid, x->guid) == 0);
        CHECK_STR(y->name, x->name);
        CHECK_INT(y->codable, x->codable);
        CHECK((!x->colour && !y->colour) ||
              (x->colour && y->colour && !strcmp(x->colour, y->colour)));
        CHECK((!x->description && !y->description) ||
              (x->description && y->description && !strcmp(x->description, y->description)));
    }
    char *ca = codings_of(first), *cb = codings_of(second);
    CHECK_STR(cb, ca);
    free(ca);
    free(cb);
    struct store_counts count_a = counts_of(first), count_b = counts_of(second);
    CHECK_INT(count_b.coders, count_a.coders);
    CHECK_INT(count_b.cases, count_a.cases);
    CHECK_INT(count_b.memos, count_a.memos);
    char *memo = memo_of(second, MEMO_PROJECT, 0);
    CHECK_STR(memo, "Pilot study.\nTwo coders.");
    free(memo);
    memo = memo_of(second, MEMO_SOURCE, source_id(second, "int01"));
    CHECK_STR(memo, "Noisy recording.");
    free(memo);
    memo = memo_of(second, MEMO_CODE, code_id(second, "Staff"));
    CHECK_STR(memo, "Includes locums.");
    free(memo);
    int64_t p01;
    CHECK(store_case_find(project_store(second), "P01", &p01, &err));
    memo = memo_of(second, MEMO_CASE, p01);
    CHECK_STR(memo, "Joined late.");
    free(memo);
    struct source_row int01;
    CHECK(store_source_find(project_store(second), "int01", &int01, &err));
    CHECK_INT(int01.case_id, p01);
    free(int01.name);

    /* The archive says what the schema asks for each attribute's type. */
    CHECK(xa && strstr(xa, "<FloatValue>1500</FloatValue>"));
    CHECK(xa && strstr(xa, "<FloatValue>-0.25</FloatValue>"));
    CHECK(xa && strstr(xa, "<BooleanValue>true</BooleanValue>"));
    CHECK(xa && strstr(xa, "<DateValue>2019-11-14</DateValue>"));
    CHECK(xa && strstr(xa, "<IntegerValue>47</IntegerValue>"));
    free(xa);
    free(xb);
    free(a);
    free(b);
    project_close(first);
    project_close(second);
}

/* Runs xmllint --schema on a file, showing what it says as TAP comments; true when the file
 * validates, or when xmllint is missing (said in a comment). */
static bool validates(const char *path, const char *schema)
{
    if (system("command -v xmllint >/dev/null 2>&1") != 0) {
        printf("# xmllint is not installed (Debian: libxml2-utils); %s not checked\n", path);
        return true;
    }
    char report[1024], command[4096];
    snprintf(report, sizeof report, "%s.xmllint", path);
    snprintf(command, sizeof command, "xmllint --noout --schema '%s' '%s' >'%s' 2>&1",
             check_data_path(schema), path, report);
    int status = system(command);
    size_t n;
    char *said = check_read_file(report, &n);
    for (char *line = said ? strtok(said, "\n") : NULL; line; line = strtok(NULL, "\n"))
        printf("# %s\n", line);
    free(said);
    return status == 0;
}

/* Memos of every kind, a heading, a colour, values of every type, text needing escapes: what
 * margin writes of it must be what the standard's schemas allow. */
static void exports_validate_against_the_schemas(void)
{
    struct project *project = rich_project();
    char *data = NULL;
    size_t n = 0;
    export_to_memory(project, &data, &n);
    struct refi_project refi;
    struct error err;
    CHECK(qdpx_parse(data, n, "a.qdpx", &refi, &err));
    /* The project.qde as the archive holds it: the archive's sources keep their paths. */
    const char *qde = check_temp_path("project.qde");
    FILE *out = fopen(qde, "w");
    CHECK(out && refi_xml_write_project(&refi, out, &err));
    if (out)
        fclose(out);
    CHECK(validates(qde, "refi/Project.xsd"));
    refi_project_finish(&refi);
    free(data);

    const char *qdc = check_temp_path("codebook.qdc");
    out = fopen(qdc, "w");
    CHECK(out && project_export_codebook(project, CODEBOOK_OUTPUT_QDC, out, &err));
    if (out)
        fclose(out);
    CHECK(validates(qdc, "refi/Codebook.xsd"));

    /* And the check can fail: a selection without its required positions does not validate. */
    const char *bad = check_temp_text(
        "bad.qde", "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\"><Sources><TextSource "
                   "guid=\"50000000-0000-4000-8000-000000000001\"><PlainTextSelection "
                   "guid=\"50000000-0000-4000-8000-000000000002\"/></TextSource></Sources>"
                   "</Project>");
    if (system("command -v xmllint >/dev/null 2>&1") == 0)
        CHECK(!validates(bad, "refi/Project.xsd"));
    project_close(project);
}

/* ---- All or nothing ---- */

static void journal_top(struct project *project, char *buf, size_t size)
{
    struct journal_list recent = {0};
    struct error err;
    CHECK(store_journal_recent(project_store(project), 1, &recent, &err));
    snprintf(buf, size, "%s", recent.count ? recent.items[0].summary : "");
    journal_list_finish(&recent);
}

/* Packs a project.qde and one source into an archive in memory. */
static void pack_archive(const char *qde, const char *text, char **data, size_t *n)
{
    struct error err;
    struct qdpx_entry entries[] = {{"project.qde", qde, strlen(qde)},
                                   {"sources/t.txt", text, strlen(text)}};
    FILE *out = open_memstream(data, n);
    CHECK(qdpx_pack(entries, 2, out, &err));
    fclose(out);
}

static void a_failing_import_leaves_the_project_as_it_was(void)
{
    struct project *project = rich_project();
    struct store_counts before = counts_of(project);
    size_t codes_before = codetree_count(project_codes(project));
    char journal_before[512];
    journal_top(project, journal_before, sizeof journal_before);

    /* Everything before the cases is new and would be written: a coder, a code, a source and
     * a coding; then a value that the project's integer attribute 'age' cannot hold. */
    const char *qde =
        "<Project name=\"x\"><Users><User guid=\"11111111-1111-4111-8111-111111111111\" "
        "name=\"Zed\"/></Users><CodeBook><Codes><Code "
        "guid=\"c0000001-0000-4000-8000-0000000000ff\" "
        "name=\"New\" isCodable=\"true\"/></Codes></CodeBook>\n"
        "<Variables><Variable guid=\"b0000000-0000-4000-8000-000000000001\" name=\"age\" "
        "typeOfVariable=\"Text\"/></Variables>\n"
        "<Cases><Case guid=\"d0000000-0000-4000-8000-000000000001\" name=\"P09\">\n"
        "<VariableValue><VariableRef targetGUID=\"b0000000-0000-4000-8000-000000000001\"/>"
        "<TextValue>fifties</TextValue></VariableValue></Case></Cases>\n"
        "<Sources><TextSource guid=\"50000000-0000-4000-8000-000000000001\" name=\"new\" "
        "plainTextPath=\"internal://t.txt\"><PlainTextSelection startPosition=\"0\" "
        "endPosition=\"3\"><Coding creatingUser=\"11111111-1111-4111-8111-111111111111\">"
        "<CodeRef targetGUID=\"c0000001-0000-4000-8000-0000000000ff\"/></Coding>"
        "</PlainTextSelection></TextSource></Sources></Project>";
    char *data = NULL;
    size_t n = 0;
    pack_archive(qde, "new text", &data, &n);
    struct exchange_report report;
    struct error err;
    CHECK(!exchange_import_qdpx_data(project, data, n, "x.qdpx", SOURCE_INTERVIEW, &report, &err));
    CHECK_STR(err.message, "x.qdpx: project.qde:4: 'fifties' does not fit the project's "
                           "attribute 'age', which is of type integer");
    exchange_report_finish(&report);
    free(data);

    /* A source the project has under the same name with other text. */
    const char *clash = "<Project name=\"x\"><Sources><TextSource "
                        "guid=\"50000000-0000-4000-8000-000000000001\" name=\"int01\" "
                        "plainTextPath=\"internal://t.txt\"/></Sources></Project>";
    pack_archive(clash, "other words", &data, &n);
    CHECK(!exchange_import_qdpx_data(project, data, n, "x.qdpx", SOURCE_INTERVIEW, &report, &err));
    CHECK_STR(err.message, "x.qdpx: the project already has a source named 'int01' with other "
                           "text; import the archive into another project, or rename that "
                           "source");
    exchange_report_finish(&report);
    free(data);

    /* Not an archive at all. */
    CHECK(!exchange_import_qdpx(project, check_temp_text("x.qdpx", "<Project/>"), SOURCE_INTERVIEW,
                                &report, &err));
    CHECK(strstr(err.message, "x.qdpx is not a REFI-QDA project archive") != NULL);
    exchange_report_finish(&report);

    struct store_counts after = counts_of(project);
    CHECK_INT(after.coders, before.coders);
    CHECK_INT(after.codes, before.codes);
    CHECK_INT(after.sources, before.sources);
    CHECK_INT(after.codings, before.codings);
    CHECK_INT(after.cases, before.cases);
    CHECK_INT(codetree_count(project_codes(project)), codes_before);
    char journal_after[512];
    journal_top(project, journal_after, sizeof journal_after);
    CHECK_STR(journal_after, journal_before);
    project_close(project);
}

static void what_is_skipped_is_reported(void)
{
    const char *qde =
        "<Project name=\"x\"><Users><User guid=\"11111111-1111-4111-8111-111111111111\" "
        "name=\"Ann&#x202E;nnA\"/></Users>"
        "<CodeBook><Codes><Code guid=\"c0000001-0000-4000-8000-000000000001\" "
        "name=\"Heading\" isCodable=\"false\"/></Codes></CodeBook>\n"
        "<Sources><TextSource guid=\"50000000-0000-4000-8000-000000000001\" "
        "plainTextPath=\"internal://t.txt\"><PlainTextSelection startPosition=\"0\" "
        "endPosition=\"3\"><Coding><CodeRef targetGUID=\"c0000001-0000-4000-8000-000000000001\"/>"
        "</Coding></PlainTextSelection>\n<PlainTextSelection startPosition=\"4\" "
        "endPosition=\"5\"/></TextSource>\n"
        "<PictureSource guid=\"50000000-0000-4000-8000-000000000002\"/>\n"
        "<VideoSource guid=\"50000000-0000-4000-8000-000000000003\"/></Sources>\n"
        "<Notes><Note guid=\"a0000000-0000-4000-8000-000000000001\" name=\"journal\">"
        "<PlainTextContent>Day one.</PlainTextContent></Note></Notes><Links/></Project>";
    char *data = NULL;
    size_t n = 0;
    pack_archive(qde, "abc def", &data, &n);
    struct project *project = empty_project();
    struct exchange_report report;
    struct error err;
    CHECK(exchange_import_qdpx_data(project, data, n, "x.qdpx", SOURCE_DOCUMENT, &report, &err));
    CHECK_INT(report.codings_added, 1);
    char all[2048];
    warnings_summary(&report.warnings, all, sizeof all);
    CHECK(strstr(all, "picture sources (PictureSource) are not imported") != NULL);
    CHECK(strstr(all, "video sources (VideoSource) are not imported") != NULL);
    CHECK(strstr(all, "links (Links) are not imported") != NULL);
    CHECK(strstr(all, "the note 'journal' is attached to nothing margin keeps") != NULL);
    CHECK(strstr(all, "selections that carry no code were skipped") != NULL);
    CHECK(strstr(all, "codings that name no user were imported as the coder 'unattributed'"));
    CHECK(strstr(all, "the heading 'Heading' has codings in the file; it was made codable"));
    /* A user's name that is not a coder's name (a bidirectional override in it). */
    CHECK(strstr(all, "that user's codings are the coder 'user 11111111'"));
    int64_t coder;
    CHECK(project_coder(project, "user 11111111", false, &coder, &err));
    CHECK(coder != 0);
    CHECK(codetree_get(project_codes(project), 0)->codable);
    CHECK(source_id(project, "t") != 0);
    exchange_report_finish(&report);
    free(data);
    project_close(project);
}

/* ---- .qdc codebooks ---- */

static void a_qdc_goes_out_and_comes_back_by_guid(void)
{
    struct project *project = rich_project();
    struct error err;
    const char *path = check_temp_path("cb.qdc");
    FILE *out = fopen(path, "w");
    CHECK(project_export_codebook(project, CODEBOOK_OUTPUT_QDC, out, &err));
    fclose(out);

    /* Back into the same project: every code is found by its GUID, numbers and all (03 stays
     * 03, though the file only says it comes second). */
    struct import_report report;
    CHECK(project_import_codebook(project, NULL, path, &report, &err));
    CHECK_INT(report.added, 0);
    CHECK_INT(report.updated, 0);
    CHECK_INT(report.unchanged, 4);
    CHECK_STR(report.skipped, "");

    /* Into a new project: the same codes, numbered by their order. */
    struct project *fresh = empty_project();
    CHECK(project_import_codebook(fresh, NULL, path, &report, &err));
    CHECK_INT(report.added, 4);
    const struct codetree *tree = project_codes(fresh);
    CHECK_INT(codetree_count(tree), 4);
    char number[OUTLINE_TEXT_MAX];
    codetree_number_text(tree, 3, number);
    CHECK_STR(number, "02");
    /* GUIDs are the same in any case; margin writes them in lowercase. */
    CHECK_STR(codetree_get(tree, 3)->guid, "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    CHECK_STR(codetree_get(tree, 0)->description, "What goes wrong,\nand why");
    CHECK_STR(codetree_get(tree, 0)->colour, "#d62728");
    CHECK(!codetree_get(tree, 0)->codable);
    project_close(fresh);

    /* Another tool's codebook: a renamed code (same GUID), a new one under it, and sets. */
    char qdc[2048];
    snprintf(qdc, sizeof qdc,
             "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n"
             "<Code guid=\"%s\" name=\"Difficulties\" isCodable=\"false\" color=\"#d62728\">"
             "<Description>What goes wrong,\nand why</Description>\n"
             "<Code guid=\"c0000001-0000-4000-8000-000000000077\" name=\"Premises\" "
             "isCodable=\"true\"/></Code></Codes>\n"
             "<Sets><Set guid=\"c0000001-0000-4000-8000-000000000078\" name=\"s\"/></Sets>"
             "</CodeBook>\n",
             codetree_get(project_codes(project), 0)->guid);
    CHECK(project_import_codebook(project, NULL, check_temp_text("other.qdc", qdc), &report, &err));
    CHECK_INT(report.added, 1);
    CHECK_INT(report.updated, 1);
    CHECK_STR(report.skipped, "sets of codes (Sets) are not imported");
    tree = project_codes(project);
    CHECK_STR(codetree_get(tree, 0)->name, "Difficulties");
    int premises = codetree_find_id(tree, code_id(project, "Premises"));
    CHECK(premises >= 0);
    if (premises >= 0) {
        codetree_number_text(tree, premises, number);
        CHECK_STR(number, "01.04");
    }
    project_close(project);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"imports_the_qc_demo_export", imports_the_qc_demo_export},
        {"every_demo_coding_covers_the_line_it_is_named_after",
         every_demo_coding_covers_the_line_it_is_named_after},
        {"importing_twice_changes_nothing", importing_twice_changes_nothing},
        {"a_project_survives_an_archive_and_back", a_project_survives_an_archive_and_back},
        {"exports_validate_against_the_schemas", exports_validate_against_the_schemas},
        {"a_failing_import_leaves_the_project_as_it_was",
         a_failing_import_leaves_the_project_as_it_was},
        {"what_is_skipped_is_reported", what_is_skipped_is_reported},
        {"a_qdc_goes_out_and_comes_back_by_guid", a_qdc_goes_out_and_comes_back_by_guid},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
