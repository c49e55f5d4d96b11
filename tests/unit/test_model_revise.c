/* Replacing a source's text: codings move with their text, wholly deleted ones are detached,
 * and the screen's undo puts everything back. */
#include "check.h"
#include "model/change.h"
#include "model/edit.h"
#include "model/manage.h"
#include "model/revise.h"
#include "model/session.h"
#include "model_fixture.h"
#include "store/codings.h"
#include "store/people.h"
#include "store/sources.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

static const char *const codebook_yaml = "codes:\n"
                                         "  - name: Staff\n"
                                         "  - name: Money\n"
                                         "  - name: Time\n";

static const char *const before = "I: How is the network going?\n"
                                  "R: Slowly. Zoë does the rotas, €5k a year.\n"
                                  "I: And staff?\n"
                                  "R: Stretched.\n";

/* "Zoë" became "Ann", a word went in front, and the last answer was deleted. */
static const char *const after = "I: So, how is the network going?\n"
                                 "R: Slowly. Ann does the rotas, €5k a year.\n"
                                 "I: And staff?\n";

static struct project *fixture(void)
{
    struct project *project = fixture_project(codebook_yaml, NULL);
    fixture_source(project, "int01", before, NULL);
    return project;
}

/* Sets [*at, *end) to the code points of the first occurrence of `words` in the text. */
static void find_words(const char *words, size_t *at, size_t *end)
{
    struct text *t = text_create(before, strlen(before));
    size_t byte = (size_t)(strstr(before, words) - before);
    *at = text_offset(t, byte);
    *end = text_offset(t, byte + strlen(words));
    text_destroy(t);
}

/* Codes the first occurrence of `words` in the text as `code` for `coder`. */
static void code_words(struct project *project, const char *coder, const char *code,
                       const char *words)
{
    size_t at, end;
    find_words(words, &at, &end);
    struct coding_request request = {
        .coder = coder, .source = "int01", .code = code, .start = (int64_t)at, .end = (int64_t)end};
    enum edit_outcome outcome;
    char message[256];
    struct error err;
    CHECK(edit_code_request(project, &request, &outcome, message, sizeof message, &err));
}

/* Imports a coding of the first occurrence of `words` as `code` for `coder`: unlike coding on
 * the screen, an import may leave two codings of one code by one coder overlapping. */
static void import_words(struct project *project, const char *coder, const char *code,
                         const char *words)
{
    size_t at, end;
    find_words(words, &at, &end);
    char csv[256];
    int n = snprintf(csv, sizeof csv, "coder,source,code,start,end\n%s,int01,%s,%zu,%zu\n", coder,
                     code, at, end);
    struct import_report report;
    struct error err;
    CHECK(project_import_codings_data(project, csv, (size_t)n, "codings", CODE_MATCH_BOTH, &report,
                                      &err));
}

/* The text each coding of int01 covers, in order, "-" for a detached one, joined by "|". */
static const char *covered(struct project *project)
{
    static char out[512];
    struct error err;
    struct coding_list list = {0};
    struct coding_filter filter = {.state = CODINGS_ALL};
    CHECK(store_codings_list(project_store(project), &filter, &list, &err));
    struct text *t = project_source_text(project, 1, &err);
    out[0] = '\0';
    for (size_t i = 0; i < list.count; i++) {
        char *s = list.items[i].detached
                      ? strdup("-")
                      : text_slice(t, (size_t)list.items[i].start, (size_t)list.items[i].end);
        strcat(strcat(out, i ? "|" : ""), s);
        free(s);
    }
    text_destroy(t);
    row_coding_list_finish(&list);
    return out;
}

static void codings_follow_a_new_text_and_undo_puts_it_back(void)
{
    struct project *project = fixture();
    code_words(project, "A", "01", "Zoë does the rotas");
    code_words(project, "A", "02", "€5k a year");
    code_words(project, "B", "03", "Stretched");
    CHECK_STR(covered(project), "Zoë does the rotas|€5k a year|Stretched");

    struct error err;
    struct revision revision;
    CHECK(revision_plan_file(project, "int01", check_temp_text("new.txt", after), &revision, &err));
    CHECK_INT(revision.counts[ANCHOR_EDITED], 1);
    CHECK_INT(revision.counts[ANCHOR_MOVED], 1);
    CHECK_INT(revision.counts[ANCHOR_DETACHED], 1);
    CHECK_INT(revision.newly_detached, 1);
    struct strbuf report = STRBUF_INIT;
    CHECK(revision_describe(project, &revision, true, &report, &err));
    CHECK(strstr(strbuf_str(&report), "int01: 3 codings: 1 moved, 1 edited, 1 detached\n") != NULL);
    CHECK(strstr(strbuf_str(&report), "its text was \"Stretched\"") != NULL);
    strbuf_finish(&report);
    CHECK_STR(covered(project), "Zoë does the rotas|€5k a year|Stretched");

    int64_t coder_a;
    CHECK(project_coder(project, "A", false, &coder_a, &err));
    CHECK(revision_commit(project, &revision, coder_a, &err));
    revision_finish(&revision);
    CHECK_STR(covered(project), "Ann does the rotas|€5k a year|-");

    project_set_program(project, "screen");
    struct session *session = session_create(project, "A", &err);
    CHECK(session != NULL);
    char message[256];
    CHECK(session_undo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(message, "undone: replaced the text of int01 (3 codings moved with it, 1 detached)");
    CHECK_STR(covered(project), "Zoë does the rotas|€5k a year|Stretched");
    struct text *t = project_source_text(project, 1, &err);
    CHECK_STR(text_data(t), before);
    text_destroy(t);
    CHECK(session_redo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(covered(project), "Ann does the rotas|€5k a year|-");
    session_destroy(session);
    project_close(project);
}

static void detached_codings_are_attached_again_or_dropped(void)
{
    struct project *project = fixture();
    code_words(project, "B", "03", "Stretched");
    import_words(project, "B", "03", "R: Stretched.");
    struct error err;
    struct revision revision;
    CHECK(revision_plan_file(project, "int01", check_temp_text("new.txt", after), &revision, &err));
    CHECK(revision_commit(project, &revision, 0, &err));
    revision_finish(&revision);
    CHECK_STR(covered(project), "-|-");
    struct strbuf list = STRBUF_INIT;
    size_t count;
    CHECK(revision_list_detached(project, NULL, &list, &count, &err));
    CHECK_INT(count, 2);
    CHECK_STR(strbuf_str(&list), "coding 1  int01 at 89  B  03 Time\n"
                                 "coding 2  int01 at 89  B  03 Time\n");
    strbuf_finish(&list);
    /* What deleting the source would take away counts them (the screen's question says it). */
    size_t held = 0, decisions = 1;
    CHECK(manage_source_holds(project, "int01", &held, &decisions, &err));
    CHECK_INT(held, 2);
    CHECK_INT(decisions, 0);
    CHECK(!manage_source_holds(project, "int99", &held, &decisions, &err));
    CHECK_STR(err.message, "the project has no source named 'int99'");
    char message[256];
    CHECK(!revision_attach(project, 1, "int02", 3, 6, 0, message, sizeof message, &err));
    CHECK_STR(err.message, "coding 1 belongs to source 'int01', not 'int02'");
    CHECK(!revision_attach(project, 1, NULL, 85, 95, 0, message, sizeof message, &err));
    CHECK_STR(err.message, "85-95 is not a span of source 'int01', which has 90 characters; a "
                           "coding needs at least one");
    CHECK(revision_attach(project, 1, "int01", 3, 6, 0, message, sizeof message, &err));
    CHECK_STR(message, "attached coding 1 to int01 3-6");
    CHECK(!revision_attach(project, 2, NULL, 3, 6, 0, message, sizeof message, &err));
    CHECK_STR(err.message, "its coder already has its code on int01 3-6");
    CHECK(!revision_attach(project, 1, NULL, 3, 7, 0, message, sizeof message, &err));
    CHECK_STR(err.message, "coding 1 is not detached");
    CHECK(revision_drop(project, 2, NULL, 0, message, sizeof message, &err));
    CHECK_STR(covered(project), "So,");
    project_close(project);
}

static void a_plan_overtaken_by_another_change_is_refused(void)
{
    struct project *project = fixture();
    code_words(project, "A", "01", "Zoë does the rotas");
    struct error err;
    struct revision revision;
    CHECK(revision_plan_file(project, "int01", check_temp_text("new.txt", after), &revision, &err));
    code_words(project, "B", "02", "€5k a year");
    CHECK(!revision_commit(project, &revision, 0, &err));
    CHECK_STR(err.message, "source 'int01' or its codings were changed by another program "
                           "meanwhile; nothing was changed, try again");
    revision_finish(&revision);
    CHECK_STR(covered(project), "Zoë does the rotas|€5k a year");
    project_close(project);
}

/* The name of source 1 and of its case, as "int01/P01". */
static const char *source_and_case(struct project *project)
{
    static char out[128];
    struct error err;
    struct source_list sources = {0};
    struct case_list cases = {0};
    CHECK(store_sources_list(project_store(project), &sources, &err));
    CHECK(store_cases_list(project_store(project), &cases, &err));
    const char *case_name = "-";
    for (size_t i = 0; i < cases.count; i++) {
        if (cases.items[i].id == sources.items[0].case_id)
            case_name = cases.items[i].name;
    }
    snprintf(out, sizeof out, "%s/%s", sources.items[0].name, case_name);
    row_source_list_finish(&sources);
    row_case_list_finish(&cases);
    return out;
}

static void renames_and_relinks_are_undone_on_the_screen(void)
{
    struct project *project = fixture();
    struct error err;
    char message[256];
    int64_t a;
    CHECK(project_coder(project, "A", true, &a, &err));
    CHECK(manage_source_relink(project, "int01", "P01", a, message, sizeof message, &err));
    CHECK(manage_source_rename(project, "int01", "int-01", a, message, sizeof message, &err));
    CHECK(manage_case_rename(project, "P01", "P10", a, message, sizeof message, &err));
    CHECK(manage_coder_rename(project, "A", "Ann", a, message, sizeof message, &err));
    CHECK_STR(source_and_case(project), "int-01/P10");
    CHECK(!manage_source_rename(project, "int-01", "int-01", a, message, sizeof message, &err));
    CHECK_STR(err.message, "the project already has a source named 'int-01'");

    project_set_program(project, "screen");
    struct session *session = session_create(project, "Ann", &err);
    CHECK(session != NULL);
    CHECK(session_undo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(message, "undone: renamed coder A to Ann");
    int64_t found;
    CHECK(store_coder_find(project_store(project), "A", &found, &err));
    CHECK_INT(found, a);
    CHECK(session_undo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(source_and_case(project), "int-01/P01");
    CHECK(session_undo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK(session_undo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(message, "undone: linked source int01 to case P01");
    CHECK_STR(source_and_case(project), "int01/-");
    CHECK(session_redo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(source_and_case(project), "int01/P01");
    session_destroy(session);
    project_close(project);
}

static void text_changes_round_trip(void)
{
    struct change place = {.kind = CHANGE_CODING_PLACE,
                           .coding = {.id = 7, .start = 12, .end = 12, .detached = true}};
    char *text = change_encode(&place);
    CHECK_STR(text, "coding.place 7 12 12 1");
    struct change back;
    struct error err;
    CHECK(change_decode(text, &back, &err));
    CHECK(back.kind == CHANGE_CODING_PLACE && back.coding.detached && back.coding.end == 12);
    change_finish(&back);
    free(text);
    struct change source = {.kind = CHANGE_SOURCE_TEXT, .source_id = 3, .text = "a b\n%"};
    text = change_encode(&source);
    CHECK_STR(text, "source.text 3 =a%20b%0A%25");
    CHECK(change_decode(text, &back, &err));
    CHECK_STR(back.text, "a b\n%");
    change_finish(&back);
    free(text);
    struct change insert = {.kind = CHANGE_CODING_INSERT, .coding = {1, 2, 3, 4, 5, 5, NULL, true}};
    text = change_encode(&insert);
    CHECK_STR(text, "coding.insert 1 2 3 4 5 5 - detached");
    CHECK(change_decode(text, &back, &err));
    CHECK(back.coding.detached && back.coding.start == 5);
    change_finish(&back);
    free(text);
}

/* Plans and commits a correction of the first occurrence of `words` in source 1's text as it
 * is now to `to`, as coder A. */
static bool correct(struct project *project, const char *words, const char *to, struct error *err)
{
    struct text *t = project_source_text(project, 1, err);
    size_t byte = (size_t)(strstr(text_data(t), words) - text_data(t));
    size_t at = text_offset(t, byte), end = text_offset(t, byte + strlen(words));
    text_destroy(t);
    struct revision revision;
    int64_t coder_a;
    bool ok =
        project_coder(project, "A", true, &coder_a, err) &&
        revision_plan_edit(project, "int01", (int64_t)at, (int64_t)end, words, to, &revision, err);
    ok = ok && revision_commit(project, &revision, coder_a, err);
    revision_finish(&revision);
    return ok;
}

static void a_correction_moves_codings_with_the_words_and_undo_takes_it_back(void)
{
    struct project *project = fixture();
    code_words(project, "A", "01", "Zoë does the rotas");
    code_words(project, "A", "02", "€5k a year");
    code_words(project, "B", "03", "Stretched");
    project_set_program(project, "screen");
    struct error err;
    struct session *session = session_create(project, "A", &err);
    CHECK(session != NULL);

    /* A misheard word inside a coding: the coding covers the corrected words. */
    struct revision revision;
    size_t at, end;
    find_words("does the rotas", &at, &end);
    CHECK(revision_plan_edit(project, "int01", (int64_t)at, (int64_t)end, "does the rotas",
                             "did the rotas", &revision, &err));
    CHECK_INT(revision.counts[ANCHOR_EDITED], 1);
    CHECK_INT(revision.counts[ANCHOR_MOVED], 2);
    CHECK_STR(revision.what, "corrected 'does the rotas' to 'did the rotas' in int01");
    revision_finish(&revision);
    CHECK(correct(project, "does the rotas", "did the rotas", &err));
    CHECK_STR(covered(project), "Zoë did the rotas|€5k a year|Stretched");

    /* Deleting the words of a coding detaches it. */
    CHECK(correct(project, " €5k a year", "", &err));
    CHECK_STR(covered(project), "Zoë did the rotas|-|Stretched");

    char message[256];
    CHECK(session_undo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(message, "undone: corrected ' €5k a year' to '' in int01 (2 codings moved with it, "
                       "1 detached)");
    CHECK(session_undo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK_STR(covered(project), "Zoë does the rotas|€5k a year|Stretched");
    CHECK_STR(text_data(session_text(session)), before);
    CHECK(session_redo(session, message, sizeof message, &(int64_t){0}, &err));
    CHECK(strstr(text_data(session_text(session)), "Zoë did the rotas") != NULL);
    session_destroy(session);
    project_close(project);
}

static void a_correction_that_cannot_be_made_is_refused(void)
{
    struct project *project = fixture();
    struct error err;
    struct revision revision;
    CHECK(!revision_plan_edit(project, "int01", 11, 14, "Zoë", "Zo\xC3", &revision, &err));
    CHECK_STR(err.message, "the correction is not valid UTF-8 (byte 0xC3 at byte 3 of it); "
                           "nothing was changed");
    CHECK(!revision_plan_edit(project, "int01", 0, 1, NULL, "a\r\nb", &revision, &err));
    CHECK_STR(err.message, "the correction holds a carriage return, which a source's text "
                           "cannot; nothing was changed");
    CHECK(!revision_plan_edit(project, "int01", 0, 1, NULL, "\xEF\xBB\xBFI", &revision, &err));
    CHECK(strstr(err.message, "byte order mark") != NULL);
    CHECK(!revision_plan_edit(project, "int01", 95, 105, NULL, "x", &revision, &err));
    CHECK_STR(err.message, "95-105 is not a span of source 'int01', which has 100 characters; "
                           "nothing was changed");
    size_t at, end;
    find_words("Zoë", &at, &end);
    CHECK(!revision_plan_edit(project, "int01", (int64_t)at, (int64_t)end, "Zoe", "Ann", &revision,
                              &err));
    CHECK_STR(err.message, "source 'int01' no longer has 'Zoe' at 40-43: it was changed "
                           "meanwhile; nothing was changed");
    CHECK(!revision_plan_edit(project, "int01", (int64_t)at, (int64_t)end, "Zoë", "Zoë", &revision,
                              &err));
    CHECK_STR(err.message, "the correction is the text it replaces; nothing to change");
    CHECK(!revision_plan_edit(project, "int01", 0, 100, NULL, " \n", &revision, &err));
    CHECK_STR(err.message, "the correction would leave source 'int01' without text; a source's "
                           "text cannot be removed; nothing was changed");
    CHECK(!revision_plan_edit(project, "int02", 0, 1, NULL, "x", &revision, &err));
    CHECK_STR(err.message, "the project has no source named 'int02'");
    CHECK_STR(covered(project), "");
    struct text *t = project_source_text(project, 1, &err);
    CHECK_STR(text_data(t), before);
    text_destroy(t);
    project_close(project);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "C.UTF-8");
    static const struct test tests[] = {
        {"codings_follow_a_new_text_and_undo_puts_it_back",
         codings_follow_a_new_text_and_undo_puts_it_back},
        {"detached_codings_are_attached_again_or_dropped",
         detached_codings_are_attached_again_or_dropped},
        {"a_plan_overtaken_by_another_change_is_refused",
         a_plan_overtaken_by_another_change_is_refused},
        {"renames_and_relinks_are_undone_on_the_screen",
         renames_and_relinks_are_undone_on_the_screen},
        {"text_changes_round_trip", text_changes_round_trip},
        {"a_correction_moves_codings_with_the_words_and_undo_takes_it_back",
         a_correction_moves_codings_with_the_words_and_undo_takes_it_back},
        {"a_correction_that_cannot_be_made_is_refused",
         a_correction_that_cannot_be_made_is_refused},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
