/* Retrieval, queries and coding their hits through the model, on an in-memory project. */
#include "check.h"
#include "model/edit.h"
#include "model/history.h"
#include "model/matrix.h"
#include "model/query.h"
#include "model/retrieve.h"
#include "model_fixture.h"
#include "store/codings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const codebook_yaml = "codes:\n"
                                         "  - name: Challenges\n"
                                         "    codable: false\n"
                                         "    codes:\n"
                                         "      - name: Staff\n"
                                         "      - name: Money\n"
                                         "  - name: Quotes\n";

/* Turns start at 0, 29, 84 and 98; what R says first runs from 32 to 84. */
static const char *const transcript = "I: How is the network going?\n"
                                      "R: Slowly. The rota is thin and the budget is thinner.\n"
                                      "I: And staff?\n"
                                      "R: Stretched.\n";

static struct project *fixture(void)
{
    struct project *project = fixture_project(codebook_yaml, NULL);
    fixture_source(project, "int01", transcript, NULL);
    return project;
}

static void code(struct project *project, const char *coder, const char *number, int64_t start,
                 int64_t end)
{
    struct coding_request request = {
        .coder = coder, .source = "int01", .code = number, .start = start, .end = end};
    enum edit_outcome outcome;
    char message[256];
    struct error err = {0};
    CHECK(edit_code_request(project, &request, &outcome, message, sizeof message, &err));
    CHECK_STR(err.message, "");
}

/* The set's spans as "start-end" words. */
static const char *spans_of(struct segment_set *set)
{
    static char buf[256];
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < segment_set_count(set) && n < sizeof buf - 24; i++) {
        const struct segment *s = segment_set_get(set, i);
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%lld-%lld", i ? " " : "",
                              (long long)s->start, (long long)s->end);
    }
    return buf;
}

static void retrieves_with_subcodes_and_coders(void)
{
    struct project *project = fixture();
    code(project, "A", "01.01", 32, 39);
    code(project, "B", "01.02", 44, 48);
    code(project, "A", "02", 3, 28);
    struct error err = {0};
    struct retrieval_request request = {.code = "01", .subcodes = true};
    struct segment_set *set = retrieve_segments(project, &request, &err);
    CHECK(set != NULL);
    CHECK_STR(spans_of(set), "32-39 44-48");
    CHECK(segment_set_load(set, 0, 2, 5, &err));
    const struct segment *s = segment_set_get(set, 0);
    CHECK_STR(s->text, "Slowly.");
    CHECK_STR(s->speaker, "R");
    CHECK_STR(s->before, "R: "); /* context starts and ends at whole words */
    CHECK_STR(s->after, " The");
    segment_set_destroy(set);
    const char *coders[] = {"B"};
    request.coders = coders;
    request.ncoders = 1;
    set = retrieve_segments(project, &request, &err);
    CHECK_STR(spans_of(set), "44-48");
    segment_set_destroy(set);
    project_close(project);
}

static void codes_query_hits_in_one_undoable_step(void)
{
    struct project *project = fixture();
    code(project, "A", "01.01", 32, 39);
    code(project, "A", "01.02", 61, 71);
    struct error err = {0};
    struct query_request request = {.query = "text(\"the\") and not 01.02"};
    struct segment_set *hits = query_run(project, &request, &err);
    CHECK(hits != NULL);
    CHECK_STR(spans_of(hits), "10-13 40-43"); /* "the" in any case, not in "the budget" */
    size_t added = 0, present = 0;
    CHECK(query_code_hits(project, hits, "02", "C", QUERY_UNIT_SENTENCE, &added, &present, &err));
    CHECK_STR(err.message, "");
    CHECK_INT(added, 2);
    request.query = "02";
    segment_set_destroy(hits);
    hits = query_run(project, &request, &err);
    CHECK_STR(spans_of(hits), "0-28 40-83"); /* the two sentences, as the screen moves by them */
    struct coding_list list = {0};
    struct coding_filter filter = {0};
    CHECK(store_codings_list(project_store(project), &filter, &list, &err));
    CHECK_INT(list.count, 4);
    row_coding_list_finish(&list);
    segment_set_destroy(hits);

    int64_t coder = 0;
    CHECK(project_coder(project, "C", false, &coder, &err));
    char summary[256];
    CHECK(history_undo(project, coder, summary, sizeof summary, &(struct history_place){0}, &err));
    CHECK_STR(summary, "coded 2 query hits as 02 Quotes");
    CHECK(store_codings_list(project_store(project), &filter, &list, &err));
    CHECK_INT(list.count, 2);
    row_coding_list_finish(&list);
    project_close(project);
}

static void codes_hits_as_turns(void)
{
    struct project *project = fixture();
    struct error err = {0};
    struct query_request request = {.query = "text(\"budget\")"};
    struct segment_set *hits = query_run(project, &request, &err);
    size_t added = 0, present = 0;
    CHECK(query_code_hits(project, hits, "02", "C", QUERY_UNIT_TURN, &added, &present, &err));
    CHECK_INT(added, 1);
    segment_set_destroy(hits);
    request.query = "02";
    hits = query_run(project, &request, &err);
    CHECK_STR(spans_of(hits), "32-83"); /* what R said, without "R: " */
    CHECK(query_code_hits(project, hits, "02", "C", QUERY_UNIT_MATCH, &added, &present, &err));
    CHECK_INT(added, 0);
    CHECK_INT(present, 1);
    CHECK(!query_code_hits(project, hits, "01", "C", QUERY_UNIT_MATCH, &added, &present, &err));
    CHECK_STR(err.message, "01 Challenges is a heading and cannot be coded");
    segment_set_destroy(hits);
    project_close(project);
}

static void matrix_summaries_are_undone(void)
{
    struct error err = {0};
    struct project *project = project_open_memory(&err);
    struct import_report report;
    CHECK(project_import_codebook(project, NULL, check_temp_text("cb.yaml", codebook_yaml), &report,
                                  &err));
    const char *path = check_temp_text("int01.txt", transcript);
    CHECK(project_import_sources(project, &path, 1, "P01", SOURCE_INTERVIEW, &report, &err));
    code(project, "A", "01.01", 32, 39);
    code(project, "A", "01.02", 44, 48);
    char message[300];
    CHECK(matrix_set_summary(project, "P01", "01.01", "Thin rota.", "A", message, sizeof message,
                             &err));
    CHECK_STR(message, "wrote the summary of P01 at 01.01 Staff");
    CHECK(matrix_set_summary(project, "P01", "01.01", "Thin rota; tight budget.", "A", message,
                             sizeof message, &err));
    struct matrix m;
    struct matrix_request request = {.theme = "01"};
    CHECK(matrix_build(project, &request, &m, &err));
    CHECK_INT(m.rows, 1);
    CHECK_INT(m.columns, 2);
    CHECK_STR(m.summaries[0], "Thin rota; tight budget.");
    CHECK_INT(m.segments[0], 1);
    CHECK(!matrix_cell_pending(&m, 0, 0));
    CHECK(matrix_cell_pending(&m, 0, 1)); /* 01.02 has a segment and no summary */
    matrix_finish(&m);

    int64_t coder = 0;
    CHECK(project_coder(project, "A", false, &coder, &err));
    char summary[256];
    CHECK(history_undo(project, coder, summary, sizeof summary, &(struct history_place){0}, &err));
    CHECK(matrix_build(project, &request, &m, &err));
    CHECK_STR(m.summaries[0], "Thin rota.");
    matrix_finish(&m);
    CHECK(history_undo(project, coder, summary, sizeof summary, &(struct history_place){0}, &err));
    CHECK(matrix_build(project, &request, &m, &err));
    CHECK(m.summaries[0] == NULL);
    matrix_finish(&m);
    CHECK(history_redo(project, coder, summary, sizeof summary, &(struct history_place){0}, &err));
    CHECK_STR(summary, "wrote the summary of P01 at 01.01 Staff");
    CHECK(!matrix_set_summary(project, "P09", "01.01", "x", "A", message, sizeof message, &err));
    CHECK_STR(err.message, "there is no case named 'P09'");
    project_close(project);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"retrieves with sub-codes and coders", retrieves_with_subcodes_and_coders},
        {"codes query hits in one undoable step", codes_query_hits_in_one_undoable_step},
        {"codes hits as turns", codes_hits_as_turns},
        {"matrix summaries are undone", matrix_summaries_are_undone},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
