/* Links between a framework matrix cell and the codings its summary rests on: linking and
 * unlinking as undoable changes, a link refused twice, the matrix counting them, and a link
 * that goes with its coding and comes back when the coding's deletion is undone. */
#include "check.h"
#include "model/edit.h"
#include "model/history.h"
#include "model/matrix.h"
#include "model_fixture.h"
#include "store/codings.h"

#include <stdlib.h>
#include <string.h>

static const char *const codebook_yaml = "codes:\n"
                                         "  - name: Challenges\n"
                                         "    codes:\n"
                                         "      - name: Staff\n"
                                         "      - name: Money\n";

static const char *const transcript = "I: How is the network going?\n"
                                      "R: Slowly. The rota is thin and the budget is thinner.\n";

static const char *const cases_csv = "case,site\n"
                                     "P01,Site B\n";

static struct project *fixture(void)
{
    struct error err;
    struct project *project = fixture_project(codebook_yaml, cases_csv);
    fixture_source(project, "int07", transcript, "P01");
    struct coding_request request = {
        .coder = "A", .source = "int07", .code = "01.01", .start = 32, .end = 84};
    enum edit_outcome outcome;
    char message[256];
    CHECK(edit_code_request(project, &request, &outcome, message, sizeof message, &err));
    return project;
}

/* The number of links of the cell of P01 at 01.01, as the matrix of theme 01 counts them. */
static int64_t links_counted(struct project *project)
{
    struct matrix m;
    struct error err = {0};
    int64_t n = -1;
    if (matrix_build(project, &(struct matrix_request){.theme = "01"}, &m, &err) && m.rows == 1 &&
        m.columns == 2)
        n = m.links[0];
    CHECK_STR(err.message, "");
    matrix_finish(&m);
    return n;
}

static void links_and_undoes(void)
{
    struct project *project = fixture();
    struct error err = {0};
    struct matrix m;
    CHECK(matrix_build(project, &(struct matrix_request){.theme = "01"}, &m, &err));
    int64_t case_id = m.case_ids[0];
    int64_t code_id = codetree_get(project_codes(project), (size_t)m.codes[0])->id;
    matrix_finish(&m);
    char message[600];
    CHECK(matrix_link(project, case_id, code_id, 1, true, "Lead", message, sizeof message, &err));
    CHECK_STR(message, "linked coding 1 to the cell of P01 at 01.01 Staff");
    CHECK_INT(links_counted(project), 1);
    CHECK(!matrix_link(project, case_id, code_id, 1, true, "Lead", message, sizeof message, &err));
    CHECK_STR(err.message, "that coding was removed, or linked to the cell, meanwhile");
    CHECK(!matrix_link(project, case_id, code_id, 99, true, "Lead", message, sizeof message, &err));
    CHECK_INT(links_counted(project), 1);

    int64_t lead = 0;
    CHECK(project_coder(project, "Lead", false, &lead, &err));
    char summary[256];
    CHECK(history_undo(project, lead, summary, sizeof summary, &(struct history_place){0}, &err));
    CHECK_INT(links_counted(project), 0);
    CHECK(history_redo(project, lead, summary, sizeof summary, &(struct history_place){0}, &err));
    CHECK_INT(links_counted(project), 1);

    /* Deleting the coding hides its link; undoing the deletion brings it back. */
    struct coding_row row = {0};
    bool found = false;
    CHECK(store_coding_get(project_store(project), 1, &row, &found, &err) && found);
    struct history_batch batch;
    CHECK(history_begin(&batch, project, row.coder_id, "removed it", &err));
    struct change forward = {.kind = CHANGE_CODING_DELETE, .coding = row};
    struct change backward = {.kind = CHANGE_CODING_INSERT, .coding = row};
    CHECK(history_change(&batch, &forward, &backward, &err) && history_commit(&batch, &err));
    CHECK_INT(links_counted(project), 0);
    CHECK(history_undo(project, row.coder_id, summary, sizeof summary, &(struct history_place){0},
                       &err));
    CHECK_INT(links_counted(project), 1);
    free(row.memo);
    project_close(project);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"links and undoes", links_and_undoes},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
