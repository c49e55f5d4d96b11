/* Quotes through the model: marking by span and by number, undo and redo, a quote that goes
 * with its coding and comes back with it, labels by template, and an old project upgraded. */
#include "check.h"
#include "model/edit.h"
#include "model/history.h"
#include "model/quotes.h"
#include "model_fixture.h"
#include "store/codings.h"
#include "store/quotes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const codebook_yaml = "codes:\n"
                                         "  - name: Challenges\n"
                                         "    codable: false\n"
                                         "    codes:\n"
                                         "      - name: Staff\n"
                                         "      - name: Money\n"
                                         "  - name: Other\n";

/* What R says first runs from 32 to 84; the second source is int12b. */
static const char *const transcript = "I: How is the network going?\n"
                                      "R: Slowly. The rota is thin and the budget is thinner.\n"
                                      "I: And staff?\n"
                                      "R: Stretched.\n";

static const char *const cases_csv = "case,site,staff_group\n"
                                     "P01,Site B,GP\n";

static struct project *fixture(void)
{
    struct error err;
    struct import_report report;
    struct project *project = fixture_project(codebook_yaml, cases_csv);
    fixture_source(project, "int07", transcript, "P01");
    const char *path = check_temp_text("site2_int12b.txt", "R: Nothing to add.\n");
    CHECK(project_import_sources(project, &path, 1, NULL, SOURCE_DOCUMENT, &report, &err));
    return project;
}

static void code(struct project *project, const char *coder, const char *source, const char *number,
                 int64_t start, int64_t end)
{
    struct coding_request request = {
        .coder = coder, .source = source, .code = number, .start = start, .end = end};
    enum edit_outcome outcome;
    char message[256];
    struct error err = {0};
    CHECK(edit_code_request(project, &request, &outcome, message, sizeof message, &err));
    CHECK_STR(err.message, "");
}

static bool mark(struct project *project, const char *source, int64_t start, int64_t end,
                 const char *number, bool on, char *message, struct error *err)
{
    struct quote_target target = {.source = source, .start = start, .end = end, .code = number};
    return quotes_mark(project, &target, on, "Lead", message, 512, err);
}

/* The collected quotes' labels, joined by " | ". */
static const char *labels_of(struct project *project, const char *template, struct error *err)
{
    static char buf[512];
    struct quotes_request request = {.label = template};
    struct quote_set *set = quotes_collect(project, &request, err);
    if (!set)
        return "(failed)";
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < quote_set_count(set) && n < sizeof buf - 100; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? " | " : "",
                              quote_set_label(set, i));
    quote_set_destroy(set);
    return buf;
}

static void marks_and_undoes(void)
{
    struct project *project = fixture();
    struct error err = {0};
    char message[512];
    code(project, "A", "int07", "01.01", 32, 84);
    code(project, "A", "int07", "01.02", 32, 84);
    CHECK(!mark(project, "int07", 32, 84, NULL, true, message, &err));
    CHECK_STR(err.message, "2 codings span 32-84 of int07: 01.01 Staff, coded by A (coding 1); "
                           "01.02 Money, coded by A (coding 2); say which with --code, "
                           "--coded-by or --coding");
    CHECK(!mark(project, "int07", 32, 80, NULL, true, message, &err));
    CHECK_STR(err.message, "int07 has no coding from 32 to 80");
    CHECK(mark(project, "int07", 32, 84, "01.01", true, message, &err));
    CHECK_STR(message, "marked as a quote: int07 32-84, 01.01 Staff, coded by A");
    CHECK(mark(project, "int07", 32, 84, "01.01", true, message, &err));
    CHECK_STR(message, "already a quote: int07 32-84, 01.01 Staff, coded by A; nothing changed");
    CHECK_STR(labels_of(project, NULL, &err), "(int07)");

    int64_t lead = 0;
    CHECK(project_coder(project, "Lead", false, &lead, &err));
    char summary[256];
    CHECK(history_undo(project, lead, summary, sizeof summary, &(struct history_place){0}, &err));
    CHECK_STR(summary, "marked as a quote: int07 32-84, 01.01 Staff, coded by A");
    CHECK_STR(labels_of(project, NULL, &err), "");
    CHECK(history_redo(project, lead, summary, sizeof summary, &(struct history_place){0}, &err));
    CHECK_STR(labels_of(project, NULL, &err), "(int07)");

    struct quote_target by_number = {.coding_id = 1};
    CHECK(quotes_mark(project, &by_number, false, "Lead", message, sizeof message, &err));
    CHECK_STR(message, "no longer a quote: int07 32-84, 01.01 Staff, coded by A");
    CHECK_STR(labels_of(project, NULL, &err), "");
    by_number.coding_id = 99;
    CHECK(!quotes_mark(project, &by_number, true, "Lead", message, sizeof message, &err));
    CHECK_STR(err.message, "there is no coding number 99");
    project_close(project);
}

static void follows_its_coding(void)
{
    struct project *project = fixture();
    struct error err = {0};
    char message[512];
    code(project, "A", "int07", "01.01", 32, 84);
    CHECK(mark(project, "int07", 32, 84, NULL, true, message, &err));
    /* A second coding that touches the first joins it: the quote keeps the joined span. */
    code(project, "A", "int07", "01.01", 84, 90);
    struct quotes_request all = {0};
    struct quote_set *set = quotes_collect(project, &all, &err);
    CHECK(set && quote_set_count(set) == 1);
    if (set && quote_set_count(set) == 1)
        CHECK_INT(quote_set_get(set, 0)->end, 90);
    quote_set_destroy(set);

    /* Deleting the coding takes the quote; undoing the deletion brings both back. */
    struct store *store = project_store(project);
    struct coding_row row = {0};
    bool found = false;
    CHECK(store_coding_get(store, 1, &row, &found, &err) && found);
    int64_t coder = row.coder_id;
    struct history_batch batch;
    CHECK(history_begin(&batch, project, coder, "removed it", &err));
    struct change forward = {.kind = CHANGE_CODING_DELETE, .coding = row};
    struct change backward = {.kind = CHANGE_CODING_INSERT, .coding = row};
    CHECK(history_change(&batch, &forward, &backward, &err) && history_commit(&batch, &err));
    free(row.memo);
    CHECK_STR(labels_of(project, NULL, &err), "");
    bool quoted = true;
    CHECK(store_quote_get(store, 1, &quoted, &err) && !quoted);
    char summary[256];
    CHECK(history_undo(project, coder, summary, sizeof summary, &(struct history_place){0}, &err));
    CHECK_STR(labels_of(project, NULL, &err), "(int07)");
    project_close(project);
}

static void labels_by_template(void)
{
    struct project *project = fixture();
    struct error err = {0};
    char message[512];
    code(project, "A", "int07", "01.01", 32, 84);
    code(project, "B", "site2_int12b", "02", 3, 18);
    CHECK(mark(project, "int07", 32, 84, NULL, true, message, &err));
    CHECK(mark(project, "site2_int12b", 3, 18, NULL, true, message, &err));
    CHECK_STR(labels_of(project,
                        "(Int{source.number}, {case.staff_group}, site {case.site}; "
                        "{source.name} {source.kind} {case.name} {speaker} {coder} "
                        "{code.number} {code.name} {{ok}})",
                        &err),
              "(Int7, GP, site Site B; int07 interview P01 R A 01.01 Staff {ok}) | "
              "(Int12, , site ; site2_int12b document  R B 02 Other {ok})");
    CHECK_STR(labels_of(project, "(Int{source.number}, {case.staf_group})", &err), "(failed)");
    CHECK_STR(err.message,
              "column 22: unknown field 'case.staf_group' (the fields are source.name, "
              "source.number, source.kind, case.name, speaker, coder, code.number, code.name and "
              "case.ATTRIBUTE for the attributes site, staff_group)");

    char *template = NULL;
    CHECK(quotes_label_template(project, &template, &err));
    CHECK_STR(template, QUOTES_LABEL_DEFAULT);
    free(template);
    CHECK(!quotes_set_label_template(project, "{case.age}", &err));
    CHECK(strncmp(err.message, "column 1: unknown field 'case.age'", 34) == 0);
    CHECK(quotes_set_label_template(project, "(Int{source.number})", &err));
    CHECK_STR(labels_of(project, NULL, &err), "(Int7) | (Int12)");
    CHECK(quotes_set_label_template(project, NULL, &err));
    CHECK_STR(labels_of(project, NULL, &err), "(int07) | (site2_int12b)");

    /* --code keeps a code and its sub-codes. */
    struct quotes_request request = {.code = "01"};
    struct quote_set *set = quotes_collect(project, &request, &err);
    CHECK(set && quote_set_count(set) == 1);
    quote_set_destroy(set);
    project_close(project);
}

/* tests/data/format2.margin, a project margin wrote in format 2 (one source, int01; coders A
 * and B with one coding each), upgraded on opening: its codings can be quoted. */
static void upgrades_an_old_project(void)
{
    size_t n;
    char *bytes = check_read_file(check_data_path("format2.margin"), &n);
    CHECK(bytes != NULL && n > 0);
    const char *path = check_temp_file("format2-quotes.margin", bytes, n);
    free(bytes);
    struct error err = {0};
    struct project *project = project_open(path, PROJECT_READ_WRITE, &err);
    CHECK(project != NULL);
    struct quote_target target = {.coding_id = 1};
    char message[512];
    CHECK(quotes_mark(project, &target, true, "A", message, sizeof message, &err));
    CHECK_STR(err.message, "");
    struct quote_id_list ids = {0};
    CHECK(store_quotes_list(project_store(project), &ids, &err));
    CHECK_INT(ids.count, 1);
    quote_id_list_finish(&ids);
    project_close(project);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"marks and undoes", marks_and_undoes},
        {"follows its coding", follows_its_coding},
        {"labels by template", labels_by_template},
        {"upgrades an old project", upgrades_an_old_project},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
