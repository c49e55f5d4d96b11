/* The project file: creation, refusal of foreign and newer files, transactions, and each
 * entity's queries, against in-memory and temporary databases. */
#include "check.h"
#include "core/list.h"
#include "core/strbuf.h"
#include "store/codes.h"
#include "store/codings.h"
#include "store/decisions.h"
#include "store/journal.h"
#include "store/memos.h"
#include "store/people.h"
#include "store/sources.h"
#include "store/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct store *memory_store(void)
{
    struct error err;
    struct store *store = store_open_memory(&err);
    CHECK(store != NULL);
    return store;
}

/* Adds a source of `text` named `name`; returns its id. */
static int64_t add_source(struct store *store, const char *name, const char *text)
{
    struct error err;
    struct source_row row = {
        .name = (char *)name, .kind = SOURCE_INTERVIEW, .length = (int64_t)strlen(text)};
    snprintf(row.sha256, sizeof row.sha256, "%064d", 0);
    CHECK(store_source_add(store, &row, text, strlen(text), NULL, &err));
    return row.id;
}

static int64_t add_code(struct store *store, int64_t parent, int position, const char *name)
{
    struct error err;
    struct code code = {
        .parent_id = parent, .position = position, .name = (char *)name, .codable = true};
    CHECK(store_code_add(store, &code, &err));
    return code.id;
}

static void creates_a_project_with_its_marks(void)
{
    const char *path = check_temp_path("new.margin");
    struct error err;
    struct store *store = store_create(path, &err);
    CHECK(store != NULL);
    store_close(store);

    sqlite3 *db;
    CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *stmt;
    sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &stmt, NULL);
    CHECK_INT(sqlite3_step(stmt), SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(stmt, 0), STORE_APPLICATION_ID);
    sqlite3_finalize(stmt);
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL);
    CHECK_INT(sqlite3_step(stmt), SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(stmt, 0), STORE_FORMAT_VERSION);
    sqlite3_finalize(stmt);
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL);
    CHECK_INT(sqlite3_step(stmt), SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(stmt, 0), "delete");
    sqlite3_finalize(stmt);
    sqlite3_close(db);

    /* No temporary file is left beside it, and it is not overwritten. */
    char leftover[160];
    snprintf(leftover, sizeof leftover, "%s.new-%ld", path, (long)getpid());
    CHECK(access(leftover, F_OK) != 0);
    CHECK(store_create(path, &err) == NULL);
    CHECK(strstr(err.message, "already exists") != NULL);
    CHECK_INT(err.kind, ERROR_USER);
}

static void refuses_files_that_are_not_projects(void)
{
    struct error err;
    const char *text = check_temp_file("notes.margin", "just some notes\n", 16);
    CHECK(store_open(text, STORE_READ_WRITE, &err) == NULL);
    CHECK(strstr(err.message, "is not a margin project (it is not an SQLite database)") != NULL);

    const char *empty = check_temp_file("empty.margin", "", 0);
    CHECK(store_open(empty, STORE_READ_WRITE, &err) == NULL);
    CHECK(strstr(err.message, "is empty; it is not a margin project") != NULL);

    const char *other = check_temp_path("other.sqlite");
    sqlite3 *db;
    sqlite3_open(other, &db);
    sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);", NULL, NULL, NULL);
    sqlite3_close(db);
    size_t before_n;
    char *before = check_read_file(other, &before_n);
    CHECK(store_open(other, STORE_READ_WRITE, &err) == NULL);
    CHECK(strstr(err.message, "is an SQLite database but not a margin project") != NULL);
    size_t after_n;
    char *after = check_read_file(other, &after_n);
    CHECK(before_n == after_n && memcmp(before, after, before_n) == 0);
    free(before);
    free(after);

    CHECK(store_open(check_temp_path("missing.margin"), STORE_READ_WRITE, &err) == NULL);
    CHECK(strstr(err.message, "No such file or directory") != NULL);
}

static void refuses_a_newer_format_without_touching_it(void)
{
    const char *path = check_temp_path("newer.margin");
    struct error err;
    store_close(store_create(path, &err));
    sqlite3 *db;
    sqlite3_open(path, &db);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", STORE_FORMAT_VERSION + 1);
    sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    size_t before_n;
    char *before = check_read_file(path, &before_n);
    CHECK(store_open(path, STORE_READ_WRITE, &err) == NULL);
    char want[160];
    snprintf(want, sizeof want, "was written by a newer version of margin (format %d;",
             STORE_FORMAT_VERSION + 1);
    CHECK(strstr(err.message, want) != NULL);
    size_t after_n;
    char *after = check_read_file(path, &after_n);
    CHECK(before_n == after_n && memcmp(before, after, before_n) == 0);
    free(before);
    free(after);
}

static void upgrades_an_empty_old_file(void)
{
    /* A file at format 0 with margin's mark (as an interrupted creation could leave) is brought
     * up to date on opening. */
    const char *path = check_temp_path("old.margin");
    sqlite3 *db;
    sqlite3_open(path, &db);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d", STORE_APPLICATION_ID);
    sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    struct error err;
    struct store *store = store_open(path, STORE_READ_WRITE, &err);
    CHECK(store != NULL);
    struct store_counts counts;
    CHECK(store_counts(store, &counts, &err));
    CHECK_INT(counts.codes, 0);
    store_close(store);
}

/* Copies tests/data/format2.margin, a project written by margin in format 2 (one source, int01,
 * of 205 characters; codes 01, 01.01 and 01.02; coders A and B with one coding each), to a
 * temporary file, and returns its path. */
static const char *format2_copy(const char *name)
{
    size_t n;
    char *bytes = check_read_file(check_data_path("format2.margin"), &n);
    CHECK(bytes != NULL && n > 0);
    const char *path = check_temp_file(name, bytes, n);
    free(bytes);
    return path;
}

static int user_version(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *stmt;
    sqlite3_open(path, &db);
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL);
    sqlite3_step(stmt);
    int version = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return version;
}

static void upgrades_format_1_keeping_its_data(void)
{
    /* A project as format 1 wrote it: format 2 without the decisions table. */
    const char *path = format2_copy("format1.margin");
    struct error err;
    int64_t coder;
    sqlite3 *db;
    sqlite3_open(path, &db);
    CHECK_INT(sqlite3_exec(db, "DROP TABLE decisions; PRAGMA user_version = 1;", NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(db);
    struct store *store = store_open(path, STORE_READ_WRITE, &err);
    CHECK(store != NULL);
    CHECK(store_coder_find(store, "A", &coder, &err));
    CHECK(coder > 0);
    struct decision_row row = {.source_id = 99,
                               .code_id = 1,
                               .consensus_id = coder,
                               .first_id = coder,
                               .second_id = coder,
                               .start = 0,
                               .end = 1};
    /* The table exists now (the foreign keys fail for want of a source, not of a table). */
    CHECK(!store_decision_add(store, &row, &err));
    CHECK(strstr(err.message, "FOREIGN KEY constraint failed") != NULL);
    store_close(store);
    CHECK_INT(user_version(path), STORE_FORMAT_VERSION);
}

static void upgrades_format_2_moving_each_text_to_its_own_table(void)
{
    const char *path = format2_copy("format2.margin");
    struct error err;
    /* Even to be read, as `margin info` does. */
    struct store *store = store_open(path, STORE_READ_ONLY, &err);
    CHECK(store != NULL);
    CHECK_INT(user_version(path), STORE_FORMAT_VERSION);

    struct source_row source;
    CHECK(store_source_find(store, "int01", &source, &err));
    CHECK_INT(source.length, 205);
    char *text;
    size_t n;
    CHECK(store_source_text(store, source.id, &text, &n, &err));
    const char *pooled = "we pooled €12,000";
    CHECK(n > 0 && strstr(text, pooled) != NULL);
    free(text);
    free(source.name);

    struct store_counts counts;
    CHECK(store_counts(store, &counts, &err));
    CHECK_INT(counts.sources, 1);
    CHECK_INT(counts.codings, 2);
    struct code_usage_list usage = {0};
    CHECK(store_code_usage(store, 0, &usage, &err)); /* counted as the upgrade found them */
    int64_t counted = 0;
    for (size_t i = 0; i < usage.count; i++)
        counted += usage.items[i].references;
    CHECK_INT(counted, 2);
    row_code_usage_list_finish(&usage);
    struct strbuf problems = STRBUF_INIT;
    CHECK_INT(store_check(store, &problems, &err), 0);
    strbuf_finish(&problems);
    store_close(store);

    /* A coding past the end of the text is still refused, now from the narrow table. */
    store = store_open(path, STORE_READ_WRITE, &err);
    CHECK(store != NULL);
    int64_t coder;
    CHECK(store_coder_find(store, "A", &coder, &err));
    /* Code 2 is 01.01, which A used. */
    struct coding_row past = {
        .source_id = source.id, .code_id = 2, .coder_id = coder, .start = 200, .end = 206};
    bool added;
    past.end = 205;
    CHECK(store_coding_add(store, &past, &added, &err) && added);
    past.end = 206;
    CHECK(!store_coding_add(store, &past, &added, &err));
    CHECK(strstr(err.message, "past the end") != NULL);
    store_close(store);

    sqlite3 *db;
    sqlite3_stmt *stmt;
    sqlite3_open(path, &db);
    CHECK_INT(sqlite3_prepare_v2(db, "SELECT text FROM sources", -1, &stmt, NULL), SQLITE_ERROR);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

static void upgrades_format_6_counting_attached_codings_only(void)
{
    /* The fixture brought to the current format, then taken back to how format 6 left it, with
     * one of its two codings detached by a new version of its text. */
    const char *path = format2_copy("format6.margin");
    struct error err;
    struct store *store = store_open(path, STORE_READ_WRITE, &err);
    CHECK(store != NULL);
    store_close(store);
    sqlite3 *db;
    CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db,
                           "DROP TRIGGER code_usage_on_insert; DROP TRIGGER code_usage_on_delete;"
                           "DROP TRIGGER code_usage_on_update; DROP TABLE code_usage;"
                           "DROP INDEX codings_memo; DROP INDEX codings_source;"
                           "CREATE INDEX codings_source ON codings(source_id, coder_id, start);"
                           "DROP TABLE matrix_links; DROP TABLE quotes;"
                           "UPDATE codings SET end = start, detached = 1 WHERE id = "
                           "(SELECT min(id) FROM codings); PRAGMA user_version = 6;",
                           NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(db);

    store = store_open(path, STORE_READ_ONLY, &err);
    CHECK(store != NULL);
    CHECK_INT(user_version(path), STORE_FORMAT_VERSION);
    struct code_usage_list usage = {0};
    CHECK(store_code_usage(store, 0, &usage, &err));
    CHECK_INT(usage.count, 1);
    CHECK(usage.count == 1 && usage.items[0].references == 1 && usage.items[0].sources == 1);
    row_code_usage_list_finish(&usage);
    struct strbuf problems = STRBUF_INIT;
    CHECK_INT(store_check(store, &problems, &err), 0);
    strbuf_finish(&problems);
    store_close(store);
}

static void transactions_nest_and_roll_back_whole(void)
{
    struct store *store = memory_store();
    struct error err;
    int64_t id;
    CHECK(store_begin(store, &err));
    CHECK(store_coder_ensure(store, "A", &id, &err));
    CHECK(store_begin(store, &err));
    CHECK(store_coder_ensure(store, "B", &id, &err));
    store_rollback(store); /* inner failure dooms the whole transaction */
    CHECK(!store_commit(store, &err));
    CHECK(store_coder_find(store, "A", &id, &err));
    CHECK_INT(id, 0);

    CHECK(store_begin(store, &err));
    CHECK(store_coder_ensure(store, "A", &id, &err));
    CHECK(store_begin(store, &err));
    CHECK(store_commit(store, &err));
    CHECK(store_commit(store, &err));
    CHECK(store_coder_find(store, "A", &id, &err));
    CHECK(id > 0);
    store_close(store);
}

static void coders_and_cases_by_name(void)
{
    struct store *store = memory_store();
    struct error err;
    int64_t a, b, again;
    const char *tricky = "O'Brien'); DROP TABLE codings; --";
    CHECK(store_coder_ensure(store, tricky, &a, &err));
    CHECK(store_coder_ensure(store, "Zoë", &b, &err));
    CHECK(store_coder_ensure(store, tricky, &again, &err));
    CHECK_INT(again, a);
    struct coder_list coders = {0};
    CHECK(store_coders_list(store, &coders, &err));
    CHECK_INT(coders.count, 2);
    CHECK_STR(coders.items[0].name, tricky);
    CHECK_STR(coders.items[1].name, "Zoë");
    row_coder_list_finish(&coders);

    int64_t p01, site;
    CHECK(store_case_ensure(store, "P01", &p01, &err));
    CHECK(store_attribute_add(store, "site", ATTRIBUTE_TEXT, &site, &err));
    CHECK(store_case_value_set(store, p01, site, "Site A", &err));
    CHECK(store_case_value_set(store, p01, site, "Site B", &err));
    struct case_value_list values = {0};
    CHECK(store_case_values_list(store, &values, &err));
    CHECK_INT(values.count, 1);
    CHECK_STR(values.items[0].value, "Site B");
    row_case_value_list_finish(&values);
    CHECK(store_case_value_set(store, p01, site, "", &err));
    CHECK(store_case_values_list(store, &values, &err));
    CHECK_INT(values.count, 0);
    row_case_value_list_finish(&values);
    enum attribute_type type;
    int64_t found;
    CHECK(store_attribute_find(store, "site", &found, &type, &err));
    CHECK_INT(found, site);
    CHECK_INT(type, ATTRIBUTE_TEXT);
    store_close(store);
}

static void sources_keep_text_and_turns(void)
{
    struct store *store = memory_store();
    struct error err;
    const char *text = "I: Hello.\nR: Grüß dich — €5.\n";
    struct turn_list turns = {0};
    struct turn_row t1 = {0, 3, 9, "I"};
    struct turn_row t2 = {10, 13, 29, "R"};
    LIST_PUSH(&turns, t1);
    LIST_PUSH(&turns, t2);
    struct source_row row = {.name = "int01", .kind = SOURCE_OBSERVATION, .length = 30};
    snprintf(row.sha256, sizeof row.sha256, "%s", "abc");
    CHECK(store_source_add(store, &row, text, strlen(text), &turns, &err));
    free(turns.items);
    CHECK(row.id > 0);
    CHECK(!store_source_add(store, &row, text, strlen(text), NULL, &err));
    CHECK_STR(err.message, "the project already has a source named 'int01'");

    struct source_row found;
    CHECK(store_source_find(store, "int01", &found, &err));
    CHECK_INT(found.id, row.id);
    CHECK_INT(found.kind, SOURCE_OBSERVATION);
    CHECK_INT(found.length, 30);
    free(found.name);
    char *back;
    size_t n;
    CHECK(store_source_text(store, row.id, &back, &n, &err));
    CHECK_STR(back, text);
    CHECK_INT(n, strlen(text));
    free(back);
    struct turn_list got = {0};
    CHECK(store_source_turns(store, row.id, &got, &err));
    CHECK_INT(got.count, 2);
    CHECK_STR(got.items[1].speaker, "R");
    CHECK_INT(got.items[1].body, 13);
    row_turn_list_finish(&got);
    store_close(store);
}

/* Turns are stored sixteen to a statement and the rest one at a time: each count around those
 * steps keeps every turn, in order, with its own offsets and speaker. */
static void sources_keep_every_turn_of_many(void)
{
    static const size_t counts[] = {15, 16, 17, 32, 37};
    for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
        struct store *store = memory_store();
        struct error err;
        struct turn_list turns = {0};
        char speakers[40][24];
        for (size_t i = 0; i < counts[c]; i++) {
            snprintf(speakers[i], sizeof speakers[i], "P%zu", i);
            struct turn_row turn = {(int64_t)i * 10, (int64_t)i * 10 + 4, (int64_t)i * 10 + 9,
                                    speakers[i]};
            CHECK(LIST_PUSH(&turns, turn));
        }
        struct source_row row = {.name = "int01", .length = (int64_t)counts[c] * 10};
        snprintf(row.sha256, sizeof row.sha256, "%s", "abc");
        CHECK(store_source_add(store, &row, "text", 4, &turns, &err));
        free(turns.items);
        struct turn_list got = {0};
        CHECK(store_source_turns(store, row.id, &got, &err));
        CHECK_INT(got.count, counts[c]);
        for (size_t i = 0; i < got.count; i++) {
            CHECK_INT(got.items[i].start, (int64_t)i * 10);
            CHECK_INT(got.items[i].body, (int64_t)i * 10 + 4);
            CHECK_INT(got.items[i].end, (int64_t)i * 10 + 9);
            CHECK_STR(got.items[i].speaker, speakers[i]);
        }
        row_turn_list_finish(&got);
        store_close(store);
    }
}

static void codes_form_a_tree(void)
{
    struct store *store = memory_store();
    struct error err;
    int64_t seven = add_code(store, 0, 7, "What is not going well");
    int64_t types = add_code(store, seven, 1, "Types of challenges or failures");
    add_code(store, types, 2, "Management and governance");
    add_code(store, 0, 6, "What is going well");
    struct code duplicate = {.parent_id = seven, .position = 1, .name = "Clash"};
    CHECK(!store_code_add(store, &duplicate, &err));
    CHECK_STR(err.message, "another code already has the number of 'Clash'");
    struct code top = {.parent_id = 0, .position = 6, .name = "Top clash"};
    CHECK(!store_code_add(store, &top, &err));
    CHECK_STR(err.message, "another code already has the number of 'Top clash'");

    struct codetree *tree = store_codes_load(store, &err);
    CHECK(tree != NULL);
    CHECK_INT(codetree_count(tree), 4);
    CHECK_INT(codetree_resolve(tree, "07.01.02", &err), 3);
    CHECK(strlen(codetree_get(tree, 3)->guid) == 36);
    struct code renamed = *codetree_get(tree, 3);
    renamed.name = "Management";
    renamed.codable = false;
    bool found;
    CHECK(store_code_update(store, &renamed, &found, &err));
    CHECK(found);
    codetree_destroy(tree);
    tree = store_codes_load(store, &err);
    CHECK_STR(codetree_get(tree, 3)->name, "Management");
    CHECK(!codetree_get(tree, 3)->codable);
    codetree_destroy(tree);

    /* Deleting a code takes its sub-codes with it. */
    CHECK(store_code_delete(store, seven, &found, &err));
    CHECK(found);
    CHECK(store_code_delete(store, seven, &found, &err));
    CHECK(!found);
    tree = store_codes_load(store, &err);
    CHECK_INT(codetree_count(tree), 1);
    codetree_destroy(tree);
    store_close(store);
}

static void codings_stay_inside_their_text(void)
{
    struct store *store = memory_store();
    struct error err;
    int64_t source = add_source(store, "s", "0123456789");
    int64_t code = add_code(store, 0, 1, "Code");
    int64_t coder;
    store_coder_ensure(store, "A", &coder, &err);
    struct coding_row row = {.source_id = source,
                             .code_id = code,
                             .coder_id = coder,
                             .start = 2,
                             .end = 10,
                             .memo = "fine"};
    bool added;
    CHECK(store_coding_add(store, &row, &added, &err));
    CHECK(added);
    int64_t first = row.id;
    CHECK(store_coding_add(store, &row, &added, &err));
    CHECK(!added);
    CHECK_INT(row.id, first);

    struct coding_row past = row;
    past.end = 11;
    CHECK(!store_coding_add(store, &past, &added, &err));
    CHECK(strstr(err.message, "coding ends past the end of its source") != NULL);
    CHECK_INT(err.kind, ERROR_USER);
    struct coding_row reversed = row;
    reversed.start = 5;
    reversed.end = 5;
    CHECK(!store_coding_add(store, &reversed, &added, &err));

    row.end = 4;
    row.memo = NULL;
    bool found;
    CHECK(store_coding_update(store, &row, &found, &err));
    CHECK(found);
    struct coding_row got;
    CHECK(store_coding_get(store, first, &got, &found, &err));
    CHECK(found);
    CHECK_INT(got.end, 4);
    CHECK(got.memo == NULL);
    row.end = 12;
    CHECK(!store_coding_update(store, &row, &found, &err));

    struct code_usage_list usage = {0};
    CHECK(store_code_usage(store, 0, &usage, &err));
    CHECK_INT(usage.count, 1);
    CHECK_INT(usage.items[0].references, 1);
    CHECK_INT(usage.items[0].sources, 1);
    row_code_usage_list_finish(&usage);

    bool taken, orphaned;
    row.end = 4;
    CHECK(store_coding_restore(store, &row, &taken, &orphaned, &err));
    CHECK(taken);
    CHECK(store_coding_delete(store, first, &found, &err));
    CHECK(found);
    CHECK(store_coding_get(store, first, &got, &found, &err));
    CHECK(!found);
    CHECK(store_coding_delete(store, first, &found, &err));
    CHECK(!found);
    CHECK(store_coding_restore(store, &row, &taken, &orphaned, &err));
    CHECK(!taken);
    store_close(store);
}

/* The problems store_check() finds with the counts of codings kept per code and coder. */
static int usage_problems(struct store *store)
{
    struct error err;
    struct strbuf problems = STRBUF_INIT;
    CHECK(store_check(store, &problems, &err) >= 0);
    int count = 0;
    for (const char *at = strbuf_str(&problems); (at = strstr(at, "code counts: ")); at++)
        count++;
    strbuf_finish(&problems);
    return count;
}

/* Counts of codings and sources per code by one coder (0: everyone), recomputed from the
 * attached codings, in the order store_code_usage() gives them (by code). */
static void recount(struct store *store, int64_t coder_id, struct code_usage_list *out)
{
    struct error err;
    struct coding_list all = {0};
    CHECK(store_codings_list(store, NULL, &all, &err));
    /* By code, then source: the list comes by source name, so sort a copy of the keys. */
    for (size_t i = 0; i < all.count; i++) {
        const struct coding_row *c = &all.items[i];
        if (c->detached || (coder_id && c->coder_id != coder_id))
            continue;
        size_t k = 0;
        while (k < out->count && out->items[k].code_id < c->code_id)
            k++;
        if (k == out->count || out->items[k].code_id != c->code_id) {
            struct code_usage_row row = {c->code_id, coder_id, 0, 0};
            CHECK(LIST_PUSH(out, row));
            memmove(out->items + k + 1, out->items + k, (out->count - 1 - k) * sizeof row);
            out->items[k] = row;
        }
        out->items[k].references++;
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) {
            const struct coding_row *d = &all.items[j];
            seen = !d->detached && (!coder_id || d->coder_id == coder_id) &&
                   d->code_id == c->code_id && d->source_id == c->source_id;
        }
        out->items[k].sources += !seen;
    }
    row_coding_list_finish(&all);
}

/* The kept counts equal the recomputed ones, for each coder and for everyone. */
static void counts_match(struct store *store, const int64_t *coders, size_t ncoders)
{
    struct error err;
    for (size_t c = 0; c <= ncoders; c++) {
        int64_t coder = c < ncoders ? coders[c] : 0;
        struct code_usage_list kept = {0}, counted = {0};
        CHECK(store_code_usage(store, coder, &kept, &err));
        recount(store, coder, &counted);
        CHECK_INT(kept.count, counted.count);
        for (size_t i = 0; i < kept.count && i < counted.count; i++) {
            CHECK_INT(kept.items[i].code_id, counted.items[i].code_id);
            CHECK_INT(kept.items[i].coder_id, coder);
            CHECK_INT(kept.items[i].references, counted.items[i].references);
            CHECK_INT(kept.items[i].sources, counted.items[i].sources);
        }
        row_code_usage_list_finish(&kept);
        row_code_usage_list_finish(&counted);
    }
}

/* A small deterministic generator (xorshift64*). */
static uint64_t next_random(uint64_t *state)
{
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return *state * 0x2545F4914F6CDD1DULL;
}

static void code_counts_follow_random_changes(void)
{
    struct store *store = memory_store();
    struct error err;
    int64_t sources[3], codes[4], coders[2];
    sources[0] = add_source(store, "one", "0123456789");
    sources[1] = add_source(store, "two", "abcdefghij");
    sources[2] = add_source(store, "three", "ABCDEFGHIJ");
    codes[0] = add_code(store, 0, 1, "Red");
    codes[1] = add_code(store, 0, 2, "Blue");
    codes[2] = add_code(store, codes[0], 1, "Pink");
    codes[3] = add_code(store, 0, 3, "Green");
    CHECK(store_coder_ensure(store, "A", &coders[0], &err));
    CHECK(store_coder_ensure(store, "B", &coders[1], &err));
    uint64_t state = 0x9E3779B97F4A7C15ULL;
    int64_t ids[64];
    size_t nids = 0;
    for (int step = 0; step < 600; step++) {
        uint64_t r = next_random(&state);
        int64_t start = (int64_t)(r >> 8 & 7), end = start + 1 + (int64_t)(r >> 16 & 1);
        struct coding_row row = {.source_id = sources[(r >> 20) % 3],
                                 .code_id = codes[(r >> 24) % 4],
                                 .coder_id = coders[(r >> 28) % 2],
                                 .start = start,
                                 .end = end};
        int64_t id = nids ? ids[(r >> 32) % nids] : 0;
        bool found = false, added = false;
        switch (nids < 4 ? 0 : (r >> 40) % 5) {
        case 0: /* insert, or find the same coding already there */
            CHECK(store_coding_add(store, &row, &added, &err));
            if (added && nids < sizeof ids / sizeof ids[0])
                ids[nids++] = row.id;
            break;
        case 1: /* delete */
            CHECK(store_coding_delete(store, id, &found, &err));
            for (size_t i = 0; i < nids; i++)
                if (ids[i] == id)
                    ids[i] = ids[--nids];
            break;
        case 2: /* another code and span (may clash with an attached twin, which is refused) */
            row.id = id;
            store_coding_update(store, &row, &found, &err);
            break;
        case 3: /* detach: an empty span where its text was */
            CHECK(store_coding_place(store, id, start, start, true, &found, &err));
            break;
        case 4: /* attach again (refused when an attached twin holds the span) */
            store_coding_place(store, id, start, end, false, &found, &err);
            break;
        }
        if (step % 50 == 0)
            counts_match(store, coders, 2);
    }
    counts_match(store, coders, 2);
    CHECK_INT(usage_problems(store), 0);

    /* Deleting a code or a source deletes their codings, and their counts. */
    bool found;
    CHECK(store_code_delete(store, codes[0], &found, &err) && found); /* and Pink under it */
    counts_match(store, coders, 2);
    CHECK(store_source_delete(store, sources[1], &found, &err) && found);
    counts_match(store, coders, 2);
    CHECK_INT(usage_problems(store), 0);
    store_close(store);
}

static void check_finds_wrong_code_counts(void)
{
    const char *path = check_temp_path("usage.margin");
    struct error err;
    struct store *store = store_create(path, &err);
    CHECK(store != NULL);
    int64_t one = add_source(store, "one", "0123456789");
    int64_t red = add_code(store, 0, 1, "Red");
    int64_t a;
    CHECK(store_coder_ensure(store, "A", &a, &err));
    struct coding_row row = {.source_id = one, .code_id = red, .coder_id = a, .start = 0, .end = 2};
    bool added;
    CHECK(store_coding_add(store, &row, &added, &err) && added);
    CHECK_INT(usage_problems(store), 0);
    store_close(store);

    sqlite3 *db;
    CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db,
                           "INSERT INTO code_usage VALUES (9, 0, 1, 7);"
                           "UPDATE code_usage SET codings = 3 WHERE coder_id <> 0",
                           NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(db);
    store = store_open(path, STORE_READ_ONLY, &err);
    CHECK(store != NULL);
    CHECK_INT(usage_problems(store), 2);
    store_close(store);
}

static void memos_and_settings(void)
{
    struct store *store = memory_store();
    struct error err;
    char *text;
    CHECK(store_memo_set(store, MEMO_PROJECT, 0, "Pilot: int01 first", 0, &err));
    CHECK(store_memo_get(store, MEMO_PROJECT, 99, &text, &err));
    CHECK_STR(text, "Pilot: int01 first");
    free(text);
    CHECK(store_memo_set(store, MEMO_PROJECT, 0, NULL, 0, &err));
    CHECK(store_memo_get(store, MEMO_PROJECT, 0, &text, &err));
    CHECK(text == NULL);

    int64_t code = add_code(store, 0, 1, "Code");
    CHECK(store_memo_set(store, MEMO_CODE, code, "\x1b[31mred\ttab\nline", 0, &err));
    CHECK(store_memo_get(store, MEMO_CODE, code, &text, &err));
    CHECK_STR(text, "\x1b[31mred\ttab\nline");
    free(text);
    bool found;
    CHECK(store_code_delete(store, code, &found, &err));
    CHECK(store_memo_get(store, MEMO_CODE, code, &text, &err));
    CHECK(text == NULL);

    char *value;
    CHECK(store_setting_get(store, "coder", &value, &err));
    CHECK(value == NULL);
    CHECK(store_setting_set(store, "coder", "A", &err));
    CHECK(store_setting_set(store, "coder", "B", &err));
    CHECK(store_setting_get(store, "coder", &value, &err));
    CHECK_STR(value, "B");
    free(value);
    store_close(store);
}

static void journal_batches_undo_and_redo(void)
{
    struct store *store = memory_store();
    struct error err;
    int64_t coder;
    store_coder_ensure(store, "A", &coder, &err);
    int64_t b1, b2;
    CHECK(store_journal_new_batch(store, &b1, &err));
    CHECK(store_journal_add(store, b1, coder, "coding.add", "one", "u1", "r1", &err));
    CHECK(store_journal_new_batch(store, &b2, &err));
    CHECK(b2 > b1);
    CHECK(store_journal_add(store, b2, coder, "coding.add", "two a", "u2a", "r2a", &err));
    CHECK(store_journal_add(store, b2, coder, "coding.add", "two b", "u2b", "r2b", &err));

    struct journal_list list = {0};
    CHECK(store_journal_last_batch(store, coder, JOURNAL_DONE, &list, &err));
    CHECK_INT(list.count, 2);
    CHECK_STR(list.items[0].undo, "u2a");
    journal_list_finish(&list);

    CHECK(store_journal_set_state(store, b2, JOURNAL_UNDONE, &err));
    CHECK(store_journal_set_state(store, b1, JOURNAL_UNDONE, &err));
    /* Redo repeats the batch undone last, which is the older one. */
    CHECK(store_journal_last_batch(store, coder, JOURNAL_UNDONE, &list, &err));
    CHECK_INT(list.count, 1);
    CHECK_STR(list.items[0].redo, "r1");
    journal_list_finish(&list);

    CHECK(store_journal_drop_redo(store, coder, &err));
    CHECK(store_journal_last_batch(store, coder, JOURNAL_UNDONE, &list, &err));
    CHECK_INT(list.count, 0);
    journal_list_finish(&list);
    /* An entry without undo is final at once. */
    CHECK(store_journal_add(store, b2 + 1, coder, "codings.import", "bulk", NULL, NULL, &err));
    CHECK(store_journal_recent(store, 1, &list, &err));
    CHECK_INT(list.items[0].state, JOURNAL_FINAL);
    journal_list_finish(&list);
    store_close(store);
}

static void check_finds_damage(void)
{
    const char *path = check_temp_path("check.margin");
    struct error err;
    struct store *store = store_create(path, &err);
    add_source(store, "s", "0123456789");
    struct strbuf problems = STRBUF_INIT;
    CHECK_INT(store_check(store, &problems, &err), 1); /* add_source stores a dummy hash */
    CHECK(strstr(strbuf_str(&problems), "source s: text does not match its SHA-256") != NULL);
    store_close(store);

    /* Tamper behind margin's back: a coding past the end, written without the trigger. */
    sqlite3 *db;
    sqlite3_open(path, &db);
    sqlite3_exec(db,
                 "DROP TRIGGER codings_inside_text_on_insert;"
                 "INSERT INTO coders(name, created_at) VALUES ('A', 'now');"
                 "INSERT INTO codes(guid, position, name, created_at) VALUES ('g', 1, 'c', 'now');"
                 "INSERT INTO codings(source_id, code_id, coder_id, start, end, created_at, "
                 "modified_at) VALUES (1, 1, 1, 5, 50, 'now', 'now');",
                 NULL, NULL, NULL);
    sqlite3_close(db);
    store = store_open(path, STORE_READ_ONLY, &err);
    strbuf_reset(&problems);
    CHECK_INT(store_check(store, &problems, &err), 2);
    CHECK(strstr(strbuf_str(&problems), "coding 1 (s, 5-50) lies outside its source's 10 "
                                        "characters") != NULL);
    store_close(store);
    strbuf_finish(&problems);
}

static void backup_copies_a_whole_project(void)
{
    const char *path = check_temp_path("live.margin");
    struct error err;
    struct store *store = store_create(path, &err);
    add_source(store, "s", "some text");
    char dest[160];
    snprintf(dest, sizeof dest, "%s", check_temp_path("copy.margin"));
    CHECK(store_backup(store, dest, &err));
    CHECK(!store_backup(store, dest, &err));
    CHECK(strstr(err.message, "already exists") != NULL);
    store_close(store);
    struct store *copy = store_open(dest, STORE_READ_ONLY, &err);
    CHECK(copy != NULL);
    struct store_counts counts;
    CHECK(store_counts(copy, &counts, &err));
    CHECK_INT(counts.sources, 1);
    store_close(copy);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"creates_a_project_with_its_marks", creates_a_project_with_its_marks},
        {"refuses_files_that_are_not_projects", refuses_files_that_are_not_projects},
        {"refuses_a_newer_format_without_touching_it", refuses_a_newer_format_without_touching_it},
        {"upgrades_an_empty_old_file", upgrades_an_empty_old_file},
        {"upgrades_format_1_keeping_its_data", upgrades_format_1_keeping_its_data},
        {"upgrades_format_2_moving_each_text_to_its_own_table",
         upgrades_format_2_moving_each_text_to_its_own_table},
        {"upgrades_format_6_counting_attached_codings_only",
         upgrades_format_6_counting_attached_codings_only},
        {"transactions_nest_and_roll_back_whole", transactions_nest_and_roll_back_whole},
        {"coders_and_cases_by_name", coders_and_cases_by_name},
        {"sources_keep_text_and_turns", sources_keep_text_and_turns},
        {"sources_keep_every_turn_of_many", sources_keep_every_turn_of_many},
        {"codes_form_a_tree", codes_form_a_tree},
        {"codings_stay_inside_their_text", codings_stay_inside_their_text},
        {"code_counts_follow_random_changes", code_counts_follow_random_changes},
        {"check_finds_wrong_code_counts", check_finds_wrong_code_counts},
        {"memos_and_settings", memos_and_settings},
        {"journal_batches_undo_and_redo", journal_batches_undo_and_redo},
        {"check_finds_damage", check_finds_damage},
        {"backup_copies_a_whole_project", backup_copies_a_whole_project},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
