/* The model: coding in a session, codebook edits, and undo and redo through the journal,
 * on an in-memory project. */
#include "check.h"
#include "model/adjudication.h"
#include "model/change.h"
#include "model/codebook.h"
#include "model/edit.h"
#include "model/history.h"
#include "model/session.h"
#include "model/speakers.h"
#include "model_fixture.h"
#include "store/codings.h"
#include "store/journal.h"
#include "store/memos.h"
#include "store/people.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const codebook_yaml = "codes:\n"
                                         "  - name: Challenges\n"
                                         "    codable: false\n"
                                         "    codes:\n"
                                         "      - name: Staff\n"
                                         "      - name: Money\n"
                                         "      - name: Time\n"
                                         "  - name: Quotes\n";

static const char *const transcript = "I: How is the network going?\n"
                                      "R: Slowly. Zoë does the rotas — €5k a year.\n"
                                      "I: And staff?\n"
                                      "R: Stretched.\n";

/* A project with the codebook above and the transcript as source "int01". */
static struct project *fixture(void)
{
    struct project *project = fixture_project(codebook_yaml, NULL);
    fixture_source(project, "int01", transcript, NULL);
    return project;
}

static int code_index(struct project *project, const char *number)
{
    struct error err;
    return codetree_resolve(project_codes(project), number, &err);
}

static const char *number_of(struct project *project, const char *name)
{
    static char buf[OUTLINE_TEXT_MAX];
    const struct codetree *tree = project_codes(project);
    for (size_t i = 0; i < codetree_count(tree); i++) {
        if (strcmp(codetree_get(tree, i)->name, name) == 0) {
            codetree_number_text(tree, (int)i, buf);
            return buf;
        }
    }
    return "(none)";
}

static void codes_a_selection_and_undoes_it(void)
{
    struct project *project = fixture();
    struct error err;
    struct session *session = session_create(project, "A", &err);
    CHECK(session != NULL);
    CHECK(session_text(session) != NULL);
    CHECK_INT(session_turns(session)->count, 4);
    char message[256];

    CHECK(!session_code_selection(session, code_index(project, "01.01"), message, sizeof message,
                                  &err));
    CHECK_STR(err.message, "select some text first");

    session_set_cursor(session, 33);
    session_select(session, true);
    session_set_cursor(session, 42);
    struct span span = session_selection(session);
    CHECK_INT(span.start, 33);
    CHECK_INT(span.end, 43);
    CHECK(session_code_selection(session, code_index(project, "01.01"), message, sizeof message,
                                 &err));
    CHECK_STR(message, "coded int01 33-43 as 01.01 Staff");
    CHECK(!session_selecting(session));
    CHECK_INT(session_codings(session)->count, 1);
    CHECK_INT(session_cursor(session), 33);

    /* Coding ends the selection: coding again needs a new one. */
    CHECK(
        !session_code_selection(session, code_index(project, "01"), message, sizeof message, &err));
    CHECK_STR(err.message, "select some text first");
    session_select(session, true);
    CHECK(
        !session_code_selection(session, code_index(project, "01"), message, sizeof message, &err));
    CHECK_STR(err.message, "01 Challenges is a heading and cannot be coded");
    session_select(session, false);

    CHECK(session_undo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(message, "undone: coded int01 33-43 as 01.01 Staff");
    CHECK_INT(session_codings(session)->count, 0);
    CHECK(session_redo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(message, "redone: coded int01 33-43 as 01.01 Staff");
    CHECK_INT(session_codings(session)->count, 1);
    CHECK(!session_redo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(err.message, "nothing to redo");
    int recent[4];
    CHECK_INT(session_recent_codes(session, recent, 4), 1);
    CHECK_INT(recent[0], code_index(project, "01.01"));
    session_destroy(session);
    project_close(project);
}

static void changes_the_chosen_coding(void)
{
    struct project *project = fixture();
    struct error err;
    struct session *session = session_create(project, "A", &err);
    char message[256];
    session_select_span(session, (struct span){30, 74});
    CHECK(session_code_selection(session, code_index(project, "01.02"), message, sizeof message,
                                 &err));
    session_select_span(session, (struct span){33, 43});
    CHECK(
        session_code_selection(session, code_index(project, "02"), message, sizeof message, &err));
    session_set_cursor(session, 35);
    CHECK_INT(session_codings_at_cursor(session), 2);
    /* The innermost coding is chosen first; ; cycles. */
    CHECK_INT(session_chosen_coding(session)->start, 33);
    session_cycle_coding(session);
    CHECK_INT(session_chosen_coding(session)->start, 30);

    CHECK(session_recode(session, code_index(project, "01.03"), message, sizeof message, &err));
    CHECK_STR(message, "recoded int01 30-74 as 01.03 Time");
    /* The choice stays with the coding through changes to it. */
    CHECK_INT(session_chosen_coding(session)->start, 30);
    CHECK(session_set_coding_memo(session, session_chosen_coding(session)->id, "pace of change",
                                  &err));
    const struct coding_row *chosen = session_chosen_coding(session);
    CHECK_STR(chosen->memo, "pace of change");
    CHECK(session_move_coding(session, chosen->id, (struct span){30, 40}, message, sizeof message,
                              &err));
    CHECK_STR(message, "moved a coding of int01 from 30-74 to 30-40");
    CHECK(!session_move_coding(session, chosen->id, (struct span){40, 40}, message, sizeof message,
                               &err));

    /* Undo walks back one change at a time: the move, the memo, the recode. */
    CHECK(session_undo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK(session_undo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK(session_undo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(message, "undone: recoded int01 30-74 as 01.03 Time");
    chosen = session_chosen_coding(session);
    CHECK_INT(chosen->end, 74);
    CHECK(chosen->memo == NULL);
    CHECK_INT(chosen->code_id,
              codetree_get(project_codes(project), code_index(project, "01.02"))->id);

    CHECK(session_uncode(session, message, sizeof message, &err));
    CHECK_STR(message, "removed 01.02 Money from int01 30-74");
    CHECK_INT(session_codings(session)->count, 1);
    session_destroy(session);
    project_close(project);
}

/* The codings a session shows equal those a new session reads, field by field. */
static void same_codings(struct session *session, struct project *project, const char *coder,
                         bool others)
{
    struct error err;
    struct session *fresh = session_create(project, coder, &err);
    CHECK(fresh != NULL);
    session_set_show_others(fresh, others);
    const struct coding_list *x = session_codings(session);
    const struct coding_list *y = session_codings(fresh);
    CHECK_INT(x->count, y->count);
    for (size_t i = 0; i < x->count && i < y->count; i++) {
        CHECK_INT(x->items[i].id, y->items[i].id);
        CHECK_INT(x->items[i].code_id, y->items[i].code_id);
        CHECK_INT(x->items[i].coder_id, y->items[i].coder_id);
        CHECK_INT(x->items[i].start, y->items[i].start);
        CHECK_INT(x->items[i].end, y->items[i].end);
        CHECK((x->items[i].memo == NULL) == (y->items[i].memo == NULL));
        if (x->items[i].memo && y->items[i].memo)
            CHECK_STR(x->items[i].memo, y->items[i].memo);
    }
    const struct code_usage_list *u = session_usage(session, true);
    const struct code_usage_list *v = session_usage(fresh, true);
    CHECK_INT(u->count, v->count);
    for (size_t i = 0; i < u->count && i < v->count; i++) {
        CHECK_INT(u->items[i].code_id, v->items[i].code_id);
        CHECK_INT(u->items[i].references, v->items[i].references);
    }
    session_destroy(fresh);
}

static void changes_keep_the_shown_codings_in_order(void)
{
    struct project *project = fixture();
    struct error err;
    struct session *a = session_create(project, "A", &err);
    struct session *b = session_create(project, "B", &err);
    char message[256];
    session_select_span(b, (struct span){10, 20});
    CHECK(session_code_selection(b, code_index(project, "01.01"), message, sizeof message, &err));
    CHECK(session_reload(a, true, &(bool){false}, &err));
    session_set_show_others(a, true);
    /* Added out of order, at the same start, with B's coding among them; one inside another of
     * its code (nothing changes), then two that join those they overlap or touch. */
    static const struct {
        struct span span;
        const char *code;
    } steps[] = {
        {{30, 40}, "01.01"}, {{5, 25}, "01.02"},  {{10, 20}, "01.01"}, {{10, 15}, "01.02"},
        {{50, 60}, "01.01"}, {{20, 30}, "01.01"}, {{45, 50}, "01.01"}, {{44, 46}, "01.02"},
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        session_select_span(a, steps[i].span);
        CHECK(session_code_selection(a, code_index(project, steps[i].code), message, sizeof message,
                                     &err));
        same_codings(a, project, "A", true);
    }
    CHECK_INT(session_codings(a)->count, 5); /* 5-25, B's 10-20, 10-40, 44-46, 45-60 */
    session_set_cursor(a, 7);                /* inside A's 5-25 alone */
    CHECK(session_recode(a, code_index(project, "02"), message, sizeof message, &err));
    same_codings(a, project, "A", true);
    CHECK(session_set_coding_memo(a, session_chosen_coding(a)->id, "a memo", &err));
    same_codings(a, project, "A", true);
    CHECK(session_move_coding(a, session_chosen_coding(a)->id, (struct span){1, 70}, message,
                              sizeof message, &err));
    same_codings(a, project, "A", true);
    CHECK(session_uncode(a, message, sizeof message, &err));
    same_codings(a, project, "A", true);
    session_set_show_others(a, false);
    same_codings(a, project, "A", false);
    CHECK(session_undo(a, message, sizeof message, &(int64_t){0}, &err));
    same_codings(a, project, "A", false);
    session_destroy(a);
    session_destroy(b);
    project_close(project);
}

static void blind_coding_hides_others(void)
{
    struct project *project = fixture();
    struct error err;
    struct session *a = session_create(project, "A", &err);
    struct session *b = session_create(project, "B", &err);
    char message[256];
    session_select_span(a, (struct span){3, 10});
    CHECK(session_code_selection(a, code_index(project, "02"), message, sizeof message, &err));
    bool changed;
    CHECK(session_reload(b, true, &changed, &err));
    CHECK_INT(session_codings(b)->count, 0);
    session_set_show_others(b, true);
    CHECK_INT(session_codings(b)->count, 1);
    session_set_cursor(b, 5);
    CHECK(!session_uncode(b, message, sizeof message, &err));
    CHECK_STR(err.message, "that coding is A's; only A can change it");
    /* B's undo does not touch A's work. */
    CHECK(!session_undo(b, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(err.message, "nothing to undo");
    CHECK_INT(session_usage(a, false)->count, 1);
    CHECK_INT(session_usage(b, false)->count, 0);
    CHECK_INT(session_usage(b, true)->count, 1);
    session_destroy(a);
    session_destroy(b);
    project_close(project);
}

static void codebook_edits_keep_numbers_stable(void)
{
    struct project *project = fixture();
    struct error err;
    int64_t me;
    CHECK(store_coder_ensure(project_store(project), "A", &me, &err));
    int64_t challenges = codetree_get(project_codes(project), 0)->id;
    int64_t money = codetree_get(project_codes(project), code_index(project, "01.02"))->id;
    int64_t added;
    /* A new code takes the next free number: no other number changes. */
    CHECK(codebook_add(project, me, challenges, "Premises", &added, &err));
    CHECK_STR(number_of(project, "Premises"), "01.04");
    CHECK_STR(number_of(project, "Money"), "01.02");
    CHECK_STR(number_of(project, "Time"), "01.03");
    size_t codes, codings;
    CHECK(codebook_renumbering(project, RENUMBER_MOVE_UP, money, &codes, &codings, &err));
    CHECK_INT(codes, 2);
    CHECK(codebook_move(project, me, money, -1, &err));
    CHECK_STR(number_of(project, "Money"), "01.01");
    CHECK_STR(number_of(project, "Staff"), "01.02");
    CHECK(!codebook_move(project, me, money, -1, &err));
    CHECK_STR(err.message, "the code is already first");
    /* Moving a code in or out gives it the next free number where it goes, leaving a gap. */
    CHECK(codebook_indent(project, me, added, &err));
    CHECK_STR(number_of(project, "Premises"), "01.03.01");
    CHECK_STR(number_of(project, "Time"), "01.03");
    CHECK(codebook_outdent(project, me, added, &err));
    CHECK_STR(number_of(project, "Premises"), "01.04");
    CHECK(codebook_outdent(project, me, added, &err));
    CHECK_STR(number_of(project, "Premises"), "03");
    CHECK_STR(number_of(project, "Quotes"), "02");
    CHECK(codebook_rename(project, me, added, "Buildings", &err));
    CHECK_STR(number_of(project, "Buildings"), "03");
    CHECK(!codebook_rename(project, me, added, "", &err));
    /* Deleting leaves a gap; renumbering closes the gaps, after saying how many move. */
    int64_t quotes = codetree_get(project_codes(project), code_index(project, "02"))->id;
    CHECK(codebook_delete(project, me, quotes, &err));
    CHECK_STR(number_of(project, "Buildings"), "03");
    CHECK(codebook_renumbering(project, RENUMBER_ALL, 0, &codes, &codings, &err));
    CHECK_INT(codes, 1);
    size_t renumbered;
    CHECK(codebook_renumber(project, me, &renumbered, &err));
    CHECK_INT(renumbered, 1);
    CHECK_STR(number_of(project, "Buildings"), "02");
    CHECK(codebook_renumbering(project, RENUMBER_ALL, 0, &codes, &codings, &err));
    CHECK_INT(codes, 0);

    /* Undo all eight edits in turn; the codebook is as it was. */
    char summary[256];
    for (int i = 0; i < 8; i++)
        CHECK(history_undo(project, me, summary, sizeof summary, &(struct history_place){0}, &err));
    CHECK_STR(summary, "added the code 'Premises'");
    CHECK_INT(codetree_count(project_codes(project)), 5);
    CHECK_STR(number_of(project, "Money"), "01.02");
    CHECK_STR(number_of(project, "Quotes"), "02");
    project_close(project);
}

/* When the project names its codebook's editors, only they change the codebook. */
static void only_editors_change_the_codebook(void)
{
    struct project *project = fixture();
    struct error err;
    int64_t a, lead;
    CHECK(project_coder(project, "A", true, &a, &err));
    CHECK(project_coder(project, "Lead", true, &lead, &err));
    CHECK(codebook_set_editors(project, "Lead,\"Smith, J\"", &err));
    int64_t id;
    CHECK(!codebook_add(project, a, 0, "Rotas", &id, &err));
    CHECK_STR(err.message, "only Lead,\"Smith, J\" may change this project's codebook, not A");
    CHECK(codebook_add(project, lead, 0, "Rotas", &id, &err));
    CHECK(!codebook_rename(project, a, id, "Rota", &err));
    CHECK(!codebook_set_editors(project, "Lead,", &err));
    CHECK(codebook_set_editors(project, "", &err));
    CHECK(codebook_rename(project, a, id, "Rota", &err));
    project_close(project);
}

static void deleting_a_code_takes_its_codings_and_comes_back(void)
{
    struct project *project = fixture();
    struct error err;
    struct session *session = session_create(project, "A", &err);
    char message[256];
    session_select_span(session, (struct span){33, 43});
    CHECK(session_code_selection(session, code_index(project, "01.02"), message, sizeof message,
                                 &err));
    session_select_span(session, (struct span){50, 60});
    CHECK(session_code_selection(session, code_index(project, "01.03"), message, sizeof message,
                                 &err));
    int64_t top = codetree_get(project_codes(project), 0)->id;
    int64_t time = codetree_get(project_codes(project), code_index(project, "01.03"))->id;
    CHECK(store_memo_set(project_store(project), MEMO_CODE, time, "keep me", 0, &err));
    struct codebook_reach reach;
    CHECK(codebook_reach(project, top, &reach, &err));
    CHECK_INT(reach.descendants, 3);
    CHECK_INT(reach.codings, 2);
    CHECK_STR(reach.whose, "A 2");
    free(reach.whose);
    CHECK(!codebook_set_codable(project, session_coder_id(session), time, false, &err));
    CHECK_STR(err.message, "01.03 'Time' has 1 coding; a heading cannot have any");

    CHECK(codebook_delete(project, session_coder_id(session), top, &err));
    CHECK_INT(codetree_count(project_codes(project)), 1);
    /* The gap stays: Quotes keeps its number. */
    CHECK_STR(number_of(project, "Quotes"), "02");
    struct coding_list all = {0};
    CHECK(store_codings_list(project_store(project), NULL, &all, &err));
    CHECK_INT(all.count, 0);
    row_coding_list_finish(&all);

    CHECK(session_undo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(message, "undone: deleted 01 'Challenges'");
    CHECK_INT(codetree_count(project_codes(project)), 5);
    CHECK_STR(number_of(project, "Time"), "01.03");
    CHECK(store_codings_list(project_store(project), NULL, &all, &err));
    CHECK_INT(all.count, 2);
    row_coding_list_finish(&all);
    char *memo;
    CHECK(store_memo_get(project_store(project), MEMO_CODE, time, &memo, &err));
    CHECK_STR(memo, "keep me");
    free(memo);
    session_destroy(session);
    project_close(project);
}

static void merging_moves_codings_and_sub_codes(void)
{
    struct project *project = fixture();
    struct error err;
    struct session *a = session_create(project, "A", &err);
    char message[256];
    session_select_span(a, (struct span){33, 43});
    CHECK(session_code_selection(a, code_index(project, "01.02"), message, sizeof message, &err));
    session_select_span(a, (struct span){33, 43});
    CHECK(session_code_selection(a, code_index(project, "01.03"), message, sizeof message, &err));
    session_select_span(a, (struct span){50, 55});
    CHECK(session_code_selection(a, code_index(project, "01.03"), message, sizeof message, &err));
    int64_t money = codetree_get(project_codes(project), code_index(project, "01.02"))->id;
    int64_t time = codetree_get(project_codes(project), code_index(project, "01.03"))->id;
    int64_t top = codetree_get(project_codes(project), 0)->id;
    CHECK(!codebook_merge(project, 1, top, money, &err));
    CHECK_STR(err.message, "a code cannot be merged into itself or one of its sub-codes");
    CHECK(codebook_merge(project, 1, time, money, &err));
    CHECK_STR(number_of(project, "Time"), "(none)");
    struct coding_list all = {0};
    CHECK(store_codings_list(project_store(project), NULL, &all, &err));
    /* 33-43 was coded with both: the duplicate is dropped. */
    CHECK_INT(all.count, 2);
    CHECK_INT(all.items[0].code_id, money);
    CHECK_INT(all.items[1].code_id, money);
    row_coding_list_finish(&all);
    char summary[256];
    CHECK(history_undo(project, 1, summary, sizeof summary, &(struct history_place){0}, &err));
    CHECK_STR(summary, "merged 01.03 'Time' into 01.02 'Money'");
    CHECK(store_codings_list(project_store(project), NULL, &all, &err));
    CHECK_INT(all.count, 3);
    row_coding_list_finish(&all);
    session_destroy(a);
    project_close(project);
}

static void undo_survives_a_restart(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s", check_temp_text("restart.margin", ""));
    unlink(path);
    struct error err;
    struct project *project = project_create(path, &err);
    struct import_report report;
    CHECK(project_import_codebook(project, NULL, check_temp_text("cb.yaml", codebook_yaml), &report,
                                  &err));
    const char *source = check_temp_text("int01.txt", transcript);
    CHECK(project_import_sources(project, &source, 1, NULL, SOURCE_INTERVIEW, &report, &err));
    struct session *session = session_create(project, "A", &err);
    char message[256];
    session_select_span(session, (struct span){3, 10});
    CHECK(
        session_code_selection(session, code_index(project, "02"), message, sizeof message, &err));
    session_destroy(session);
    project_close(project);

    project = project_open(path, PROJECT_READ_WRITE, &err);
    session = session_create(project, "A", &err);
    CHECK_INT(session_codings(session)->count, 1);
    CHECK(session_undo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(message, "undone: coded int01 3-10 as 02 Quotes");
    CHECK_INT(session_codings(session)->count, 0);
    session_destroy(session);
    project_close(project);
}

static void two_programs_add_codes_at_the_same_place(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s", check_temp_text("two.margin", ""));
    unlink(path);
    struct error err;
    struct project *first = project_create(path, &err);
    struct import_report report;
    CHECK(project_import_codebook(first, NULL, check_temp_text("cb.yaml", codebook_yaml), &report,
                                  &err));
    struct project *second = project_open(path, PROJECT_READ_WRITE, &err);
    CHECK(second != NULL);
    int64_t challenges = codetree_get(project_codes(first), 0)->id;

    /* Both screens show 01 Challenges with three codes; each adds two, each taking the next
     * free number as the codebook stands when it is added. */
    int64_t id;
    CHECK(codebook_add(first, 0, challenges, "Premises", &id, &err));
    CHECK(codebook_add(second, 0, challenges, "Rotas", &id, &err));
    CHECK(codebook_add(first, 0, challenges, "Leadership", &id, &err));
    CHECK(codebook_add(second, 0, challenges, "Digital", &id, &err));
    CHECK_STR(number_of(second, "Money"), "01.02");
    CHECK_STR(number_of(second, "Premises"), "01.04");
    CHECK_STR(number_of(second, "Rotas"), "01.05");
    CHECK_STR(number_of(second, "Leadership"), "01.06");
    CHECK_STR(number_of(second, "Digital"), "01.07");
    project_close(second);
    project_close(first);
}

static void an_undo_that_no_longer_fits_changes_nothing(void)
{
    struct project *project = fixture();
    struct error err;
    struct session *session = session_create(project, "A", &err);
    char message[256];
    session_select_span(session, (struct span){3, 10});
    CHECK(
        session_code_selection(session, code_index(project, "02"), message, sizeof message, &err));
    session_set_cursor(session, 5);
    CHECK(session_recode(session, code_index(project, "01.01"), message, sizeof message, &err));
    /* Another program removes the coding behind the session's back. */
    int64_t id = session_chosen_coding(session)->id;
    bool found;
    CHECK(store_coding_delete(project_store(project), id, &found, &err));
    CHECK(found);
    CHECK(!session_undo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(err.message, "cannot undo 'recoded int01 3-10 as 01.01 Staff': that coding was "
                           "removed meanwhile, by another coder or program; it can no longer be "
                           "undone, and the next undo goes further back");
    /* The refused batch is retired, not recorded as undone: the next undo reaches the coding
     * before it, which is gone too; and the project is as the other program left it. */
    struct journal_list batch = {0};
    CHECK(store_journal_last_batch(project_store(project), session_coder_id(session), JOURNAL_DONE,
                                   &batch, &err));
    CHECK_INT(batch.count, 1);
    CHECK_STR(batch.items[0].summary, "coded int01 3-10 as 02 Quotes");
    journal_list_finish(&batch);
    CHECK(store_journal_last_batch(project_store(project), session_coder_id(session),
                                   JOURNAL_UNDONE, &batch, &err));
    CHECK_INT(batch.count, 0);
    struct coding_list all = {0};
    CHECK(store_codings_list(project_store(project), NULL, &all, &err));
    CHECK_INT(all.count, 0);
    row_coding_list_finish(&all);
    session_destroy(session);
    project_close(project);
}

/* The consensus coder's codings of one code in the first source, as "start-end ...". */
static const char *consensus_spans(struct project *project, int64_t consensus, int64_t code)
{
    static char out[256];
    struct coding_list list = {0};
    struct coding_filter filter = {.coder_id = consensus, .code_id = code};
    struct error err;
    out[0] = '\0';
    CHECK(store_codings_list(project_store(project), &filter, &list, &err));
    for (size_t i = 0; i < list.count; i++) {
        char one[48];
        snprintf(one, sizeof one, "%s%lld-%lld", i ? " " : "", (long long)list.items[i].start,
                 (long long)list.items[i].end);
        strcat(out, one);
    }
    row_coding_list_finish(&list);
    return out;
}

static void settles_disagreements_into_a_consensus(void)
{
    struct project *project = fixture();
    struct error err;
    int64_t a, b, consensus, lead;
    struct store *store = project_store(project);
    CHECK(store_coder_ensure(store, "A", &a, &err));
    CHECK(store_coder_ensure(store, "B", &b, &err));
    CHECK(store_coder_ensure(store, "consensus", &consensus, &err));
    CHECK(store_coder_ensure(store, "lead", &lead, &err));
    int64_t code = codetree_get(project_codes(project), code_index(project, "01.02"))->id;
    /* A: 10-20, 40-50; B: 12-20, 40-50 (agreed), 60-70. */
    int64_t spans[][3] = {{10, 20, 0}, {40, 50, 0}, {12, 20, 1}, {40, 50, 1}, {60, 70, 1}};
    for (size_t i = 0; i < 5; i++) {
        struct coding_row row = {.source_id = 1,
                                 .code_id = code,
                                 .coder_id = spans[i][2] ? b : a,
                                 .start = spans[i][0],
                                 .end = spans[i][1]};
        bool added;
        CHECK(store_coding_add(store, &row, &added, &err));
    }
    struct adjudication *adj = adjudication_open(project, code, a, b, consensus, &err);
    CHECK(adj != NULL);
    CHECK_INT(adjudication_count(adj), 2);
    CHECK_INT(adjudication_agreed(adj), 1);
    CHECK_INT(adjudication_settled(adj), 0);
    const struct stretch *first = adjudication_get(adj, 0);
    CHECK_INT(first->start, 10);
    CHECK_INT(first->end, 20);
    CHECK_INT(first->nfirst, 1);
    CHECK_INT(first->second[0].start, 12);

    char message[320];
    struct span none = {0, 0};
    CHECK(adjudication_settle(adj, 0, DECISION_FIRST, none, lead, message, sizeof message, &err));
    CHECK_STR(message, "settled 01.02 in int01 10-20: took A's coding");
    CHECK(adjudication_settle(adj, 1, DECISION_NEITHER, none, lead, message, sizeof message, &err));
    CHECK_STR(message, "settled 01.02 in int01 60-70: coded nothing");
    CHECK_INT(adjudication_settled(adj), 2);
    CHECK_STR(consensus_spans(project, consensus, code), "10-20");

    size_t taken;
    CHECK(adjudication_take_agreed(adj, lead, &taken, &err));
    CHECK_INT(taken, 1);
    CHECK(adjudication_take_agreed(adj, lead, &taken, &err));
    CHECK_INT(taken, 0);
    CHECK_STR(consensus_spans(project, consensus, code), "10-20 40-50");

    /* Deciding again replaces the earlier decision. */
    CHECK(adjudication_settle(adj, 0, DECISION_INTERSECTION, none, lead, message, sizeof message,
                              &err));
    CHECK_STR(consensus_spans(project, consensus, code), "12-20 40-50");
    CHECK(adjudication_settle(adj, 1, DECISION_UNION, none, lead, message, sizeof message, &err));
    CHECK_STR(consensus_spans(project, consensus, code), "12-20 40-50 60-70");
    CHECK(adjudication_settle(adj, 1, DECISION_EDITED, (struct span){55, 75}, lead, message,
                              sizeof message, &err));
    CHECK_STR(message, "settled 01.02 in int01 60-70: coded 55-75");
    CHECK_STR(consensus_spans(project, consensus, code), "12-20 40-50 55-75");
    CHECK_INT(adjudication_settled(adj), 2);

    /* Undo goes back one decision at a time, decisions and codings together. */
    char summary[320];
    CHECK(history_undo(project, lead, summary, sizeof summary, &(struct history_place){0}, &err));
    CHECK(history_undo(project, lead, summary, sizeof summary, &(struct history_place){0}, &err));
    CHECK_STR(summary, "settled 01.02 in int01 60-70: took what either coded");
    CHECK(adjudication_reload(adj, &err));
    CHECK_STR(consensus_spans(project, consensus, code), "12-20 40-50");
    CHECK_INT(adjudication_get(adj, 1)->choice, DECISION_NEITHER);
    CHECK(history_undo(project, lead, summary, sizeof summary, &(struct history_place){0}, &err));
    CHECK(adjudication_reload(adj, &err));
    CHECK_STR(consensus_spans(project, consensus, code), "10-20 40-50");
    CHECK_INT(adjudication_get(adj, 0)->choice, DECISION_FIRST);
    adjudication_destroy(adj);
    project_close(project);
}

static void changes_round_trip_through_text(void)
{
    struct change original = {.kind = CHANGE_CODE_INSERT};
    original.code = (struct code){.id = 7,
                                  .parent_id = 3,
                                  .position = 2,
                                  .codable = true,
                                  .name = "Tensions: 100% \"real\"\nline two",
                                  .description = NULL,
                                  .colour = "#e15759"};
    snprintf(original.code.guid, sizeof original.code.guid, "%s",
             "0b6f5c1e-8d2a-4c47-9e3b-2f1d7a6c5e40");
    char *text = change_encode(&original);
    CHECK(text != NULL && strchr(text, '\n') == NULL);
    struct change back;
    struct error err;
    CHECK(change_decode(text, &back, &err));
    CHECK_INT(back.kind, CHANGE_CODE_INSERT);
    CHECK_INT(back.code.id, 7);
    CHECK_INT(back.code.position, 2);
    CHECK_STR(back.code.name, original.code.name);
    CHECK(back.code.description == NULL);
    CHECK_STR(back.code.colour, "#e15759");
    CHECK_STR(back.code.guid, original.code.guid);
    change_finish(&back);
    free(text);
    struct change value = {
        .kind = CHANGE_CASE_VALUE, .target_id = 4, .attribute_id = 2, .text = "North 2%"};
    text = change_encode(&value);
    CHECK_STR(text, "case.value 4 2 =North%202%25");
    CHECK(change_decode(text, &back, &err));
    CHECK(back.kind == CHANGE_CASE_VALUE && back.target_id == 4 && back.attribute_id == 2);
    CHECK_STR(back.text, "North 2%");
    change_finish(&back);
    free(text);
    value.text = NULL;
    text = change_encode(&value);
    CHECK_STR(text, "case.value 4 2 -");
    CHECK(change_decode(text, &back, &err));
    CHECK(back.text == NULL);
    change_finish(&back);
    free(text);
    CHECK(!change_decode("case.value 4 =North", &back, &err));
    const char *const forms[] = {"case.insert 4 =P%2004",  "case.delete 4",
                                 "matrix.restore 4 7 999", "coder.insert 3 =A.%20Lee",
                                 "coder.delete 3",         "coder.owns 0 =1-5,9,12-13 -",
                                 "coder.owns 2 - =7",      "coding.coder 41 2"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        CHECK(change_decode(forms[i], &back, &err));
        text = change_encode(&back);
        CHECK_STR(text, forms[i]);
        change_finish(&back);
        free(text);
    }
    CHECK(change_decode("case.insert 4 =P%2004", &back, &err));
    CHECK(back.kind == CHANGE_CASE_INSERT && back.target_id == 4);
    CHECK_STR(back.text, "P 04");
    change_finish(&back);
    CHECK(!change_decode("case.insert 4 -", &back, &err));
    struct turn_row turns[] = {{0, 4, 10, "Dr, A"}, {11, 14, 20, "R"}};
    struct change source = {.kind = CHANGE_SOURCE_INSERT,
                            .source = {.id = 3,
                                       .name = "int 03",
                                       .kind = SOURCE_DOCUMENT,
                                       .case_id = 2,
                                       .length = 20,
                                       .sha256 = "ab12"},
                            .text = "Dr, A: Hi.\nR: Hello.",
                            .turns = {turns, 2, 2}};
    text = change_encode(&source);
    CHECK_STR(text, "source.insert 3 2 document 20 =ab12 =int%2003 =Dr,%20A:%20Hi.%0AR:%20Hello. "
                    "=0,4,10,Dr,%20A%0A11,14,20,R%0A");
    CHECK(change_decode(text, &back, &err));
    CHECK(back.source.id == 3 && back.source.case_id == 2 && back.source.kind == SOURCE_DOCUMENT);
    CHECK_STR(back.source.name, "int 03");
    CHECK_STR(back.source.sha256, "ab12");
    CHECK_STR(back.text, source.text);
    CHECK_INT(back.turns.count, 2);
    CHECK_STR(back.turns.items[0].speaker, "Dr, A");
    CHECK(back.turns.items[1].start == 11 && back.turns.items[1].body == 14);
    change_finish(&back);
    free(text);
    CHECK(!change_decode("source.insert 3 2 document 20 =ab12 =int03 =Hi =0,4%0A", &back, &err));
    CHECK(!change_decode("source.insert 3 2 poem 20 =ab12 =int03 =Hi -", &back, &err));
    CHECK(!change_decode("coder.owns 2 =5-3 -", &back, &err));
    CHECK(!change_decode("coder.owns 2 =1,,2 -", &back, &err));
    CHECK(!change_decode("coder.owns 2 =1- -", &back, &err));
    CHECK(!change_decode("coder.owns 2 =x -", &back, &err));
    CHECK(!change_decode("coding.delete", &back, &err));
    CHECK(!change_decode("coding.set 1 2 3 4 =bad%G1", &back, &err));
    CHECK(!change_decode("rename everything", &back, &err));
    CHECK_STR(err.message, "the journal holds an unknown change 'rename everything'");
}

/* Every coding of the project, as "coder:start-end" in id order. */
static const char *all_codings(struct project *project)
{
    static char out[512];
    struct coding_list list = {0};
    struct error err;
    out[0] = '\0';
    CHECK(store_codings_list(project_store(project), NULL, &list, &err));
    for (size_t i = 0; i < list.count; i++) {
        char one[48];
        snprintf(one, sizeof one, "%s%lld:%lld-%lld", i ? " " : "",
                 (long long)list.items[i].coder_id, (long long)list.items[i].start,
                 (long long)list.items[i].end);
        strncat(out, one, sizeof out - strlen(out) - 1);
    }
    row_coding_list_finish(&list);
    return out;
}

/* A codes a span; B deletes the code and with it A's coding. A's undo is refused, since there is
 * nothing of A's left to undo; B's undo brings code and coding back; after that A has neither
 * anything to undo nor to redo, and nothing meets a constraint error. */
static void undo_histories_of_two_coders_interleave(void)
{
    struct project *project = fixture();
    struct error err;
    struct session *a = session_create(project, "A", &err);
    struct session *b = session_create(project, "B", &err);
    char message[512];
    session_select_span(a, (struct span){3, 10});
    CHECK(session_code_selection(a, code_index(project, "01.01"), message, sizeof message, &err));
    const char *coded = all_codings(project);
    int64_t staff = codetree_get(project_codes(project), (size_t)code_index(project, "01.01"))->id;
    CHECK(codebook_delete(project, session_coder_id(b), staff, &err));
    CHECK_STR(all_codings(project), "");

    CHECK(!session_undo(a, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(err.message, "cannot undo 'coded int01 3-10 as 01.01 Staff': that coding was "
                           "removed meanwhile, by another coder or program; it can no longer "
                           "be undone, and the next undo goes further back");
    CHECK_STR(all_codings(project), "");
    CHECK(session_undo(b, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(all_codings(project), coded);
    CHECK(!session_undo(a, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(err.message, "nothing to undo");
    CHECK(!session_redo(a, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(err.message, "nothing to redo");
    /* B can take the deletion back and forth as before. */
    CHECK(session_redo(b, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(all_codings(project), "");
    CHECK(session_undo(b, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(all_codings(project), coded);
    session_destroy(a);
    session_destroy(b);
    project_close(project);
}

/* B adds a code; A codes a span with it and undoes that; B undoes adding the code. A's redo
 * cannot put the coding back under a code that is gone: it is refused with the reason, not
 * with SQLite's "FOREIGN KEY constraint failed". */
static void a_redo_whose_code_is_gone_is_refused(void)
{
    struct project *project = fixture();
    struct error err;
    struct session *a = session_create(project, "A", &err);
    struct session *b = session_create(project, "B", &err);
    char message[512];
    int64_t probe = 0;
    CHECK(codebook_add(project, session_coder_id(b), 0, "Probe", &probe, &err));
    session_select_span(a, (struct span){3, 10});
    CHECK(session_code_selection(a, code_index(project, number_of(project, "Probe")), message,
                                 sizeof message, &err));
    CHECK(session_undo(a, message, sizeof message, &(int64_t){0}, &err));
    CHECK(session_undo(b, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(message, "undone: added the code 'Probe'");
    CHECK(!session_redo(a, message, sizeof message, &(int64_t){0}, &err));
    CHECK(strstr(err.message, "cannot redo 'coded int01 3-10 as ") == err.message);
    CHECK(strstr(err.message, ": the code, source or coder of that coding was deleted meanwhile, "
                              "by another coder or program; it can no longer be redone") != NULL);
    CHECK_STR(all_codings(project), "");
    CHECK(!session_redo(a, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(err.message, "nothing to redo");
    /* B brings the code back; A's coding stays retired. */
    CHECK(session_redo(b, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(all_codings(project), "");
    session_destroy(a);
    session_destroy(b);
    project_close(project);
}

/* A codes a span and undoes it; another program puts the same coding in under a new id. A's
 * redo is refused with the reason instead of failing on the unique key, and A's older work can
 * still be undone. */
static void a_redo_that_no_longer_fits_is_refused(void)
{
    struct project *project = fixture();
    struct error err;
    struct session *a = session_create(project, "A", &err);
    char message[512];
    session_select_span(a, (struct span){0, 2});
    CHECK(session_code_selection(a, code_index(project, "02"), message, sizeof message, &err));
    session_select_span(a, (struct span){3, 10});
    CHECK(session_code_selection(a, code_index(project, "01.01"), message, sizeof message, &err));
    CHECK(session_undo(a, message, sizeof message, &(int64_t){0}, &err));
    struct coding_request again = {
        .coder = "A", .source = "int01", .code = "01.01", .start = 3, .end = 10};
    struct coding_row row;
    CHECK(project_resolve_coding(project, &again, &row, &err));
    bool added;
    CHECK(store_coding_add(project_store(project), &row, &added, &err));
    CHECK(added);
    CHECK(!session_redo(a, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(err.message, "cannot redo 'coded int01 3-10 as 01.01 Staff': that coding is in the "
                           "project already; it can no longer be redone, and the next redo goes "
                           "further back");
    CHECK(!session_redo(a, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(err.message, "nothing to redo");
    CHECK(session_undo(a, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(message, "undone: coded int01 0-2 as 02 Quotes");
    session_destroy(a);
    project_close(project);
}

/* A coding made from the command line is one the same coder can undo on the screen; coding the
 * same span again with another memo changes the memo, and that can be undone too. */
static void command_line_codings_share_the_screen_history(void)
{
    struct project *project = fixture();
    struct error err;
    struct coding_request request = {
        .coder = "A", .source = "int01", .code = "01.01", .start = 3, .end = 10, .memo = "first"};
    enum edit_outcome outcome;
    char message[512];
    CHECK(edit_code_request(project, &request, &outcome, message, sizeof message, &err));
    CHECK_INT(outcome, EDIT_ADDED);
    CHECK_STR(message, "coded int01 3-10 as 01.01 Staff");
    CHECK(edit_code_request(project, &request, &outcome, message, sizeof message, &err));
    CHECK_INT(outcome, EDIT_UNCHANGED);
    CHECK_STR(message, "already coded: int01 3-10 as 01.01 Staff; nothing changed");
    request.memo = "second";
    CHECK(edit_code_request(project, &request, &outcome, message, sizeof message, &err));
    CHECK_INT(outcome, EDIT_MEMO_CHANGED);
    CHECK_STR(message, "changed the memo of the coding of int01 3-10 as 01.01 Staff");
    /* The journal says which program made each change. */
    struct journal_list recent = {0};
    CHECK(store_journal_recent(project_store(project), 1, &recent, &err));
    CHECK_STR(recent.items[0].program, "command line");
    journal_list_finish(&recent);

    project_set_program(project, "screen");
    struct session *a = session_create(project, "A", &err);
    CHECK_STR(session_codings(a)->items[0].memo, "second");
    CHECK(session_undo(a, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(message, "undone: changed the memo of the coding of int01 3-10 as 01.01 Staff");
    CHECK_STR(session_codings(a)->items[0].memo, "first");
    CHECK(session_undo(a, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(message, "undone: coded int01 3-10 as 01.01 Staff");
    CHECK_INT(session_codings(a)->count, 0);
    session_select_span(a, (struct span){0, 2});
    CHECK(session_code_selection(a, code_index(project, "02"), message, sizeof message, &err));
    CHECK(store_journal_recent(project_store(project), 1, &recent, &err));
    CHECK_STR(recent.items[0].program, "screen");
    journal_list_finish(&recent);
    session_destroy(a);
    project_close(project);
}

/* The number of turns of the project's first source, as margin turns reports them. */
static size_t turns_of_first(struct project *project)
{
    struct error err;
    struct speakers_report report;
    CHECK(speakers_report(project, &report, &err));
    size_t n = report.count ? report.items[0].turns : 0;
    speakers_report_finish(&report);
    return n;
}

static void a_turn_pattern_finds_every_sources_turns_again(void)
{
    struct error err;
    struct project *project = fixture();
    CHECK_INT(turns_of_first(project), 4);
    size_t sources, turns;
    CHECK(speakers_set_pattern(project, "^(R):", &sources, &turns, &err));
    CHECK_INT(sources, 1);
    CHECK_INT(turns, 2);
    struct speakers_report report;
    CHECK(speakers_report(project, &report, &err));
    CHECK_STR(report.pattern, "^(R):");
    CHECK_INT(report.items[0].count, 1);
    CHECK_STR(report.items[0].items[0].speaker, "R");
    CHECK_INT(report.items[0].items[0].turns, 2);
    speakers_report_finish(&report);

    /* A source imported now is read by the pattern too. */
    struct import_report imported;
    const char *path = check_temp_text("int02.txt", "R: one\nI: two\nR: three\n");
    CHECK(project_import_sources(project, &path, 1, NULL, SOURCE_INTERVIEW, &imported, &err));
    CHECK(speakers_report(project, &report, &err));
    CHECK_INT(report.count, 2);
    CHECK_INT(report.items[1].turns, 2);
    speakers_report_finish(&report);

    /* A bad pattern changes nothing; going back to the default finds all turns again. */
    CHECK(!speakers_set_pattern(project, "^(R:", &sources, &turns, &err));
    CHECK(strstr(err.message, "'^(R:' is not a valid POSIX extended regular expression") != NULL);
    CHECK_INT(turns_of_first(project), 2);
    CHECK(speakers_set_pattern(project, NULL, &sources, &turns, &err));
    CHECK_INT(turns, 7);
    CHECK(speakers_report(project, &report, &err));
    CHECK(report.pattern == NULL);
    speakers_report_finish(&report);
    CHECK_INT(turns_of_first(project), 4);
    project_close(project);
}

static void the_screen_sees_turns_another_program_found(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s", check_temp_text("turns.margin", ""));
    unlink(path);
    struct error err;
    struct project *screen = project_create(path, &err);
    struct import_report report;
    const char *source = check_temp_text("int01.txt", transcript);
    CHECK(project_import_sources(screen, &source, 1, NULL, SOURCE_INTERVIEW, &report, &err));
    struct session *session = session_create(screen, "A", &err);
    CHECK_INT(session_turns(session)->count, 4);

    struct project *other = project_open(path, PROJECT_READ_WRITE, &err);
    size_t sources, turns;
    CHECK(speakers_set_pattern(other, "^(I):", &sources, &turns, &err));
    bool changed = false;
    CHECK(session_reload(session, false, &changed, &err));
    CHECK(changed);
    CHECK_INT(session_turns(session)->count, 2);
    CHECK_STR(session_turns(session)->items[1].speaker, "I");
    project_close(other);
    session_destroy(session);
    project_close(screen);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "C.UTF-8");
    static const struct test tests[] = {
        {"a_turn_pattern_finds_every_sources_turns_again",
         a_turn_pattern_finds_every_sources_turns_again},
        {"the_screen_sees_turns_another_program_found",
         the_screen_sees_turns_another_program_found},
        {"codes_a_selection_and_undoes_it", codes_a_selection_and_undoes_it},
        {"changes_the_chosen_coding", changes_the_chosen_coding},
        {"changes_keep_the_shown_codings_in_order", changes_keep_the_shown_codings_in_order},
        {"blind_coding_hides_others", blind_coding_hides_others},
        {"codebook_edits_keep_numbers_stable", codebook_edits_keep_numbers_stable},
        {"only_editors_change_the_codebook", only_editors_change_the_codebook},
        {"deleting_a_code_takes_its_codings_and_comes_back",
         deleting_a_code_takes_its_codings_and_comes_back},
        {"merging_moves_codings_and_sub_codes", merging_moves_codings_and_sub_codes},
        {"undo_survives_a_restart", undo_survives_a_restart},
        {"two_programs_add_codes_at_the_same_place", two_programs_add_codes_at_the_same_place},
        {"an_undo_that_no_longer_fits_changes_nothing",
         an_undo_that_no_longer_fits_changes_nothing},
        {"settles_disagreements_into_a_consensus", settles_disagreements_into_a_consensus},
        {"changes_round_trip_through_text", changes_round_trip_through_text},
        {"undo_histories_of_two_coders_interleave", undo_histories_of_two_coders_interleave},
        {"a_redo_whose_code_is_gone_is_refused", a_redo_whose_code_is_gone_is_refused},
        {"a_redo_that_no_longer_fits_is_refused", a_redo_that_no_longer_fits_is_refused},
        {"command_line_codings_share_the_screen_history",
         command_line_codings_share_the_screen_history},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
