/* Work on the whole project file: backups, checks, and reading and rewriting every text people
 * wrote (for redaction) with what goes with it. */
#include "store/store.h"

#include "core/outline.h"
#include "core/sha256.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "internal.h"
#include "store/codes.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool store_backup(struct store *store, const char *dest, struct error *err)
{
    struct stat st;
    if (stat(dest, &st) == 0)
        return error_user(err, "%s already exists; choose a new name for the backup", dest);

    bool ok = false;
    sqlite3 *out = NULL;
    struct strbuf tmp = STRBUF_INIT;
    if (!strbuf_printf(&tmp, "%s.new-%ld", dest, (long)getpid())) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    unlink(tmp.data);
    if (sqlite3_open_v2(tmp.data, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        error_user(err, "cannot create %s: %s", dest, out ? sqlite3_errmsg(out) : "out of memory");
        goto cleanup;
    }
    sqlite3_backup *backup = sqlite3_backup_init(out, "main", store->db, "main");
    if (!backup) {
        error_user(err, "cannot back up to %s: %s", dest, sqlite3_errmsg(out));
        goto cleanup;
    }
    int rc;
    while ((rc = sqlite3_backup_step(backup, 64)) == SQLITE_OK || rc == SQLITE_BUSY ||
           rc == SQLITE_LOCKED)
        sqlite3_sleep(rc == SQLITE_OK ? 0 : 50);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        int sys = sqlite3_system_errno(out);
        const char *why = sys                 ? strerror(sys)
                          : rc == SQLITE_FULL ? "the disk is full"
                                              : sqlite3_errstr(rc);
        error_user(err, "cannot back up to %s: %s%s", dest, why,
                   (rc & 0xFF) == SQLITE_IOERR ? "; is the disk full?" : "");
        goto cleanup;
    }
    sqlite3_close(out);
    out = NULL;
    if (link(tmp.data, dest) != 0) {
        error_user(err, "cannot create %s: %s", dest, strerror(errno));
        goto cleanup;
    }
    ok = true;
cleanup:
    if (out)
        sqlite3_close(out);
    if (tmp.data)
        unlink(tmp.data);
    strbuf_finish(&tmp);
    return ok;
}

/* The most lines one check prints; the rest are counted. */
#define CHECK_LINES_MAX 10

/* Appends each row of a one-text-column query to problems, prefixed; returns the count. */
static long collect(struct store *store, const char *sql, const char *prefix, const char *healthy,
                    struct strbuf *problems, struct error *err)
{
    sqlite3_stmt *stmt = NULL;
    long count = 0;
    if (sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        store_failure(store, err, "checking the project");
        return -1;
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *line = (const char *)sqlite3_column_text(stmt, 0);
        if (healthy && line && strcmp(line, healthy) == 0)
            continue;
        if (count++ < CHECK_LINES_MAX)
            strbuf_printf(problems, "%s%s\n", prefix, line ? line : "");
    }
    sqlite3_finalize(stmt);
    if (count > CHECK_LINES_MAX)
        strbuf_printf(problems, "%sand %ld more like these\n", prefix, count - CHECK_LINES_MAX);
    if (rc != SQLITE_DONE) {
        store_failure(store, err, "checking the project");
        return -1;
    }
    return count;
}

/* Checks each source's stored length and hash against its text. */
static long check_sources(struct store *store, struct strbuf *problems, struct error *err)
{
    sqlite3_stmt *stmt = NULL;
    long count = 0;
    if (sqlite3_prepare_v2(store->db,
                           "SELECT s.name, t.text, s.length, s.sha256 FROM sources s "
                           "LEFT JOIN source_texts t ON t.source_id = s.id",
                           -1, &stmt, NULL) != SQLITE_OK) {
        store_failure(store, err, "checking sources");
        return -1;
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(stmt, 0);
        const char *text = (const char *)sqlite3_column_text(stmt, 1);
        size_t n = (size_t)sqlite3_column_bytes(stmt, 1);
        int64_t length = sqlite3_column_int64(stmt, 2);
        const char *hash = (const char *)sqlite3_column_text(stmt, 3);
        char actual[SHA256_HEX_SIZE];
        if (!text) {
            strbuf_printf(problems, "source %s: its text is missing\n", name);
            count++;
            continue;
        }
        if (!utf8_validate(text, n, NULL)) {
            strbuf_printf(problems, "source %s: text is not valid UTF-8\n", name);
            count++;
            continue;
        }
        if ((int64_t)utf8_length(text, n) != length) {
            strbuf_printf(problems, "source %s: stored length %lld does not match its text\n", name,
                          (long long)length);
            count++;
        }
        sha256_hex(text, n, actual);
        if (!hash || strcmp(hash, actual) != 0) {
            strbuf_printf(problems, "source %s: text does not match its SHA-256\n", name);
            count++;
        }
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) {
        store_failure(store, err, "checking sources");
        return -1;
    }
    return count;
}

#define STRINGIFY(x)           #x
#define TEXT_OF(x)             STRINGIFY(x)
#define OUTLINE_PART_MAX_TEXT  TEXT_OF(OUTLINE_PART_MAX)
#define OUTLINE_DEPTH_MAX_TEXT TEXT_OF(OUTLINE_DEPTH_MAX)

/* Runs the checks of store_check(). */
static long run_checks(struct store *store, struct strbuf *problems, struct error *err)
{
    static const struct {
        const char *sql;
        const char *prefix;
        const char *healthy;
    } checks[] = {
        {"PRAGMA integrity_check", "integrity: ", "ok"},
        {"SELECT format('%s row %d refers to a missing row of %s', \"table\", rowid, parent) "
         "FROM pragma_foreign_key_check",
         "foreign key: ", NULL},
        {"SELECT format('coding %d (%s, %d-%d) lies outside its source''s %d characters', "
         "c.id, s.name, c.start, c.end, s.length) "
         "FROM codings c JOIN sources s ON s.id = c.source_id "
         "WHERE c.start < 0 OR c.end > s.length OR c.start > c.end "
         "OR (c.start = c.end AND c.detached = 0)",
         "coding: ", NULL},
        {"SELECT format('turn at %d of %s lies outside its text', t.start, s.name) "
         "FROM turns t JOIN sources s ON s.id = t.source_id WHERE t.end > s.length",
         "turn: ", NULL},
        {"SELECT format('codes %s share the number %d under %s', group_concat(id, ' and '), "
         "position, ifnull('code ' || parent_id, 'the top level')) "
         "FROM codes GROUP BY ifnull(parent_id, 0), position HAVING count(*) > 1",
         "code: ", NULL},
        {"SELECT format('code %d is numbered %d at its level, where numbers run from 1 to %d', "
         "id, position, " OUTLINE_PART_MAX_TEXT
         ") FROM codes WHERE position NOT BETWEEN 1 AND " OUTLINE_PART_MAX_TEXT,
         "code: ", NULL},
        /* Each code's chain of parents, followed at most one step past the deepest nesting
         * allowed, so that a cycle ends. */
        {"WITH RECURSIVE up(id, ancestor, depth) AS ("
         "  SELECT id, parent_id, 1 FROM codes"
         "  UNION ALL SELECT up.id, c.parent_id, up.depth + 1 FROM up JOIN codes c"
         "  ON c.id = up.ancestor WHERE up.ancestor <> up.id AND up.depth "
         "<= " OUTLINE_DEPTH_MAX_TEXT
         ") SELECT CASE WHEN min(depth) = 1 THEN format('code %d is its own parent', id)"
         "  ELSE format('code %d is its own ancestor, %d parents up (a cycle of parents)', id, "
         "  min(depth)) END FROM up WHERE ancestor = id GROUP BY id "
         "UNION ALL SELECT format('code %d is nested more than %d levels deep', "
         "id, " OUTLINE_DEPTH_MAX_TEXT ") FROM up WHERE depth > " OUTLINE_DEPTH_MAX_TEXT
         "  AND id NOT IN (SELECT id FROM up WHERE ancestor IN"
         "    (SELECT id FROM up WHERE ancestor = id)) GROUP BY id",
         "code: ", NULL},
        {"SELECT format('memo %d is attached to a missing %s %d', id, target, target_id) "
         "FROM memos m WHERE "
         "(target = 'source' AND NOT EXISTS (SELECT 1 FROM sources WHERE id = m.target_id)) OR "
         "(target = 'case' AND NOT EXISTS (SELECT 1 FROM cases WHERE id = m.target_id)) OR "
         "(target = 'code' AND NOT EXISTS (SELECT 1 FROM codes WHERE id = m.target_id))",
         "memo: ", NULL},
        /* The counts that triggers keep (format 9) against the attached codings they count,
         * counted by source, code and coder first: one pass over codings_unique, in its order,
         * rather than two sorts of every coding. */
        {"WITH per(source_id, code_id, coder_id, n) AS MATERIALIZED ("
         "  SELECT source_id, code_id, coder_id, count(*) FROM codings WHERE detached = 0"
         "  GROUP BY source_id, code_id, coder_id),"
         " counted(code_id, coder_id, sources, codings) AS ("
         "  SELECT code_id, coder_id, count(*), sum(n) FROM per GROUP BY code_id, coder_id"
         "  UNION ALL SELECT code_id, 0, count(DISTINCT source_id), sum(n) FROM per"
         "  GROUP BY code_id),"
         " kept AS (SELECT * FROM code_usage WHERE codings <> 0),"
         " wrong(code_id, coder_id, kept_codings, kept_sources, codings, sources) AS ("
         "  SELECT c.code_id, c.coder_id, ifnull(k.codings, 0), ifnull(k.sources, 0),"
         "  c.codings, c.sources FROM counted c LEFT JOIN kept k USING (code_id, coder_id)"
         "  WHERE k.codings IS NOT c.codings OR k.sources IS NOT c.sources"
         "  UNION ALL SELECT k.code_id, k.coder_id, k.codings, k.sources, 0, 0"
         "  FROM kept k LEFT JOIN counted c USING (code_id, coder_id) WHERE c.code_id IS NULL)"
         "SELECT format('code %d has %d codings in %d sources by %s, but its counts say %d in "
         "%d', code_id, codings, sources, iif(coder_id = 0, 'everyone', 'coder ' || coder_id), "
         "kept_codings, kept_sources) FROM wrong ORDER BY code_id, coder_id",
         "code counts: ", NULL},
    };
    long total = 0;
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        long found =
            collect(store, checks[i].sql, checks[i].prefix, checks[i].healthy, problems, err);
        if (found < 0)
            return -1;
        total += found;
        /* The other checks read the damaged structures; stop at the first sign of damage. */
        if (i == 0 && found > 0)
            return total;
    }
    long sources = check_sources(store, problems, err);
    if (sources < 0)
        return -1;
    total += sources;
    /* Whatever else makes the codebook unreadable to every command is a problem too. */
    struct error unreadable;
    struct codetree *tree = store_codes_load(store, &unreadable);
    if (tree) {
        codetree_destroy(tree);
    } else if (!strstr(strbuf_str(problems), "code: ")) {
        strbuf_printf(problems, "code: %s\n", unreadable.message);
        total++;
    }
    return total;
}

long store_check(struct store *store, struct strbuf *problems, struct error *err)
{
    /* integrity_check reads every page and walks every index; through SQLite's 2 MB page
     * cache it reads most pages of a large project back from the file many times over. */
    if (!store_set_bulk(store, true, err))
        return -1;
    long total = run_checks(store, problems, err);
    struct error unused;
    if (!store_set_bulk(store, false, total < 0 ? &unused : err))
        return -1;
    return total;
}

/* Every text column people write or that quotes them: where it is, for messages, and how to
 * read and write it by rowid. */
static const struct text_column {
    const char *table;
    const char *column;
    const char *what;
    bool rewrite; /* store_texts_rewrite() changes it; the others are changed otherwise */
} text_columns[] = {
    {"source_texts", "text", "the text of source", false},
    {"turns", "speaker", "a speaker label, row", false},
    {"sources", "name", "the name of source", true},
    {"cases", "name", "the name of case", true},
    {"coders", "name", "the name of coder", true},
    {"attributes", "name", "the name of attribute", true},
    {"case_values", "value", "a case attribute value, row", true},
    {"codes", "name", "the name of code", true},
    {"codes", "description", "the description of code", true},
    {"memos", "text", "memo", true},
    {"codings", "memo", "the memo of coding", true},
    {"journal", "summary", "the summary of journal entry", true},
    {"journal", "undo", "the undo of journal entry", false},
    {"journal", "redo", "the redo of journal entry", false},
    {"settings", "value", "a project setting, row", true},
};

/* Prepares "SELECT rowid, COLUMN FROM TABLE WHERE COLUMN IS NOT NULL" for a text column. */
static sqlite3_stmt *select_texts(struct store *store, const struct text_column *c,
                                  struct error *err)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT rowid, %s FROM %s WHERE %s IS NOT NULL ORDER BY rowid",
             c->column, c->table, c->column);
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        store_failure(store, err, "reading the project's texts");
        return NULL;
    }
    return stmt;
}

bool store_texts_scan(struct store *store,
                      bool (*visit)(void *context, const char *where, int64_t row, const char *text,
                                    size_t n),
                      void *context, struct error *err)
{
    for (size_t i = 0; i < sizeof text_columns / sizeof text_columns[0]; i++) {
        sqlite3_stmt *stmt = select_texts(store, &text_columns[i], err);
        if (!stmt)
            return false;
        int rc;
        bool ok = true;
        while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            const char *text = (const char *)sqlite3_column_text(stmt, 1);
            size_t n = (size_t)sqlite3_column_bytes(stmt, 1);
            ok = !text ||
                 visit(context, text_columns[i].what, sqlite3_column_int64(stmt, 0), text, n);
        }
        if (ok && rc != SQLITE_DONE)
            ok = store_failure(store, err, "reading the project's texts");
        else if (!ok)
            error_internal(err, "out of memory reading the project's texts");
        sqlite3_finalize(stmt);
        if (!ok)
            return false;
    }
    return true;
}

/* A row's new text, kept until the rows of a column have all been read. */
struct rewritten {
    int64_t row;
    char *text;
};

static bool rewrite_column(struct store *store, const struct text_column *c,
                           char *(*rewrite)(void *context, const char *text, size_t n,
                                            bool *failed),
                           void *context, size_t *changed, struct error *err)
{
    sqlite3_stmt *stmt = select_texts(store, c, err);
    if (!stmt)
        return false;
    struct rewritten *rows = NULL;
    size_t count = 0, cap = 0;
    bool failed = false;
    int rc;
    while (!failed && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(stmt, 1);
        char *next =
            text ? rewrite(context, text, (size_t)sqlite3_column_bytes(stmt, 1), &failed) : NULL;
        if (!next)
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            struct rewritten *grown = realloc(rows, cap * sizeof *rows);
            if (!grown) {
                free(next);
                failed = true;
                break;
            }
            rows = grown;
        }
        rows[count++] = (struct rewritten){sqlite3_column_int64(stmt, 0), next};
    }
    bool ok = !failed && rc == SQLITE_DONE;
    if (failed)
        error_internal(err, "out of memory rewriting the project's texts");
    else if (!ok)
        store_failure(store, err, "reading the project's texts");
    sqlite3_finalize(stmt);
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE %s SET %s = ? WHERE rowid = ?", c->table, c->column);
    stmt = NULL;
    if (ok && sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        ok = store_failure(store, err, "rewriting the project's texts");
    for (size_t i = 0; ok && i < count; i++) {
        sqlite3_reset(stmt);
        store_bind_text(stmt, 1, rows[i].text);
        sqlite3_bind_int64(stmt, 2, rows[i].row);
        if (sqlite3_step(stmt) != SQLITE_DONE)
            ok = store_failure(store, err, "rewriting the project's texts");
    }
    sqlite3_finalize(stmt);
    for (size_t i = 0; i < count; i++)
        free(rows[i].text);
    free(rows);
    *changed += ok ? count : 0;
    return ok;
}

bool store_texts_rewrite(struct store *store,
                         char *(*rewrite)(void *context, const char *text, size_t n, bool *failed),
                         void *context, size_t *changed, struct error *err)
{
    *changed = 0;
    for (size_t i = 0; i < sizeof text_columns / sizeof text_columns[0]; i++) {
        if (text_columns[i].rewrite &&
            !rewrite_column(store, &text_columns[i], rewrite, context, changed, err))
            return false;
    }
    return true;
}

bool store_journal_forget_history(struct store *store, struct error *err)
{
    return store_exec(store,
                      "UPDATE journal SET undo = NULL, redo = NULL, state = 'final' "
                      "WHERE undo IS NOT NULL OR redo IS NOT NULL OR state <> 'final'",
                      err, "forgetting the undo history");
}

bool store_set_secure_delete(struct store *store, struct error *err)
{
    return store_exec(store, "PRAGMA secure_delete = ON", err, "setting secure deletion");
}

bool store_vacuum(struct store *store, struct error *err)
{
    if (store->depth > 0)
        return error_internal(err, "the project cannot be rewritten inside a transaction");
    return store_exec(store, "VACUUM", err, "rewriting the project file");
}
