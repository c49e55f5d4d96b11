#include "store/store.h"

#include "core/outline.h"
#include "core/sha256.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "internal.h"
#include "store/codes.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* How long a change waits for another program's lock before giving up, unless
 * MARGIN_BUSY_TIMEOUT (milliseconds) says otherwise. */
#define DEFAULT_BUSY_TIMEOUT_MS 5000

/* migrations[v] brings a file from format v to v + 1. */
static const char *const migrations[STORE_FORMAT_VERSION] = {
    "CREATE TABLE coders ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  created_at TEXT NOT NULL"
    ") STRICT;"

    "CREATE TABLE cases ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  created_at TEXT NOT NULL"
    ") STRICT;"

    "CREATE TABLE attributes ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  type TEXT NOT NULL CHECK (type IN ('text', 'integer', 'real', 'date', 'boolean'))"
    ") STRICT;"

    "CREATE TABLE case_values ("
    "  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
    "  attribute_id INTEGER NOT NULL REFERENCES attributes(id) ON DELETE CASCADE,"
    "  value TEXT NOT NULL,"
    "  PRIMARY KEY (case_id, attribute_id)"
    ") STRICT;"

    "CREATE TABLE sources ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  kind TEXT NOT NULL CHECK (kind IN ('interview', 'observation', 'document')),"
    "  case_id INTEGER REFERENCES cases(id) ON DELETE SET NULL,"
    "  text TEXT NOT NULL,"
    "  length INTEGER NOT NULL CHECK (length >= 0),"
    "  sha256 TEXT NOT NULL,"
    "  imported_at TEXT NOT NULL"
    ") STRICT;"
    "CREATE INDEX sources_case ON sources(case_id);"
    "CREATE INDEX sources_sha256 ON sources(sha256);"

    "CREATE TABLE turns ("
    "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
    "  start INTEGER NOT NULL,"
    "  body INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  speaker TEXT NOT NULL,"
    "  PRIMARY KEY (source_id, start),"
    "  CHECK (0 <= start AND start <= body AND body <= end)"
    ") STRICT;"

    /* AUTOINCREMENT: an id is never used twice, so that undoing a deletion can put a row back
     * under its old id. */
    "CREATE TABLE codes ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  guid TEXT NOT NULL UNIQUE,"
    "  parent_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL CHECK (position >= 1),"
    "  name TEXT NOT NULL,"
    "  description TEXT,"
    "  colour TEXT,"
    "  codable INTEGER NOT NULL DEFAULT 1 CHECK (codable IN (0, 1)),"
    "  created_at TEXT NOT NULL"
    ") STRICT;"
    /* Siblings' numbers are kept apart by the model, which checks the whole tree before each
     * commit: a move passes through states where two siblings briefly share a number. */
    "CREATE INDEX codes_parent ON codes(parent_id);"

    "CREATE TABLE codings ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
    "  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,"
    "  coder_id INTEGER NOT NULL REFERENCES coders(id),"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  memo TEXT,"
    "  created_at TEXT NOT NULL,"
    "  modified_at TEXT NOT NULL,"
    "  CHECK (0 <= start AND start < end),"
    "  UNIQUE (source_id, code_id, coder_id, start, end)"
    ") STRICT;"
    "CREATE INDEX codings_source ON codings(source_id, coder_id, start);"
    "CREATE INDEX codings_code ON codings(code_id);"
    "CREATE INDEX codings_coder ON codings(coder_id);"
    "CREATE TRIGGER codings_inside_text_on_insert BEFORE INSERT ON codings"
    "  WHEN NEW.end > (SELECT length FROM sources WHERE id = NEW.source_id)"
    "  BEGIN SELECT RAISE(ABORT, 'coding ends past the end of its source'); END;"
    "CREATE TRIGGER codings_inside_text_on_update BEFORE UPDATE OF start, end ON codings"
    "  WHEN NEW.end > (SELECT length FROM sources WHERE id = NEW.source_id)"
    "  BEGIN SELECT RAISE(ABORT, 'coding ends past the end of its source'); END;"

    "CREATE TABLE memos ("
    "  id INTEGER PRIMARY KEY,"
    "  target TEXT NOT NULL CHECK (target IN ('project', 'source', 'case', 'code')),"
    "  target_id INTEGER NOT NULL,"
    "  text TEXT NOT NULL,"
    "  coder_id INTEGER REFERENCES coders(id) ON DELETE SET NULL,"
    "  modified_at TEXT NOT NULL,"
    "  UNIQUE (target, target_id)"
    ") STRICT;"
    "CREATE TRIGGER memos_follow_sources AFTER DELETE ON sources BEGIN"
    "  DELETE FROM memos WHERE target = 'source' AND target_id = OLD.id; END;"
    "CREATE TRIGGER memos_follow_cases AFTER DELETE ON cases BEGIN"
    "  DELETE FROM memos WHERE target = 'case' AND target_id = OLD.id; END;"
    "CREATE TRIGGER memos_follow_codes AFTER DELETE ON codes BEGIN"
    "  DELETE FROM memos WHERE target = 'code' AND target_id = OLD.id; END;"

    "CREATE TABLE journal ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  coder_id INTEGER REFERENCES coders(id) ON DELETE SET NULL,"
    "  batch INTEGER NOT NULL,"
    "  operation TEXT NOT NULL,"
    "  summary TEXT NOT NULL,"
    "  undo TEXT,"
    "  redo TEXT,"
    "  state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'final'))"
    ") STRICT;"
    "CREATE INDEX journal_batch ON journal(batch);"

    "CREATE TABLE settings ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL"
    ") STRICT;",

    /* 2: how a consensus coder settled each disagreement between two coders, so that a
     * disagreement settled by coding nothing still counts as settled. */
    "CREATE TABLE decisions ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
    "  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,"
    "  consensus_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,"
    "  first_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,"
    "  second_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  choice TEXT NOT NULL"
    "    CHECK (choice IN ('first', 'second', 'union', 'intersection', 'neither', 'edited')),"
    "  decided_at TEXT NOT NULL,"
    "  CHECK (0 <= start AND start < end),"
    "  UNIQUE (source_id, code_id, consensus_id, first_id, second_id, start, end)"
    ") STRICT;"
    "CREATE INDEX decisions_code ON decisions(code_id, consensus_id);",

    /* 3: each source's text in a table of its own. SQLite stores a row's columns in order, and
     * `length` and `sha256` came after `text`, so that reading them (as the check that a new
     * coding lies inside its source does) read through the whole text. */
    "CREATE TABLE source_texts ("
    "  source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,"
    "  text TEXT NOT NULL"
    ") STRICT;"
    "INSERT INTO source_texts(source_id, text) SELECT id, text FROM sources;"
    "ALTER TABLE sources DROP COLUMN text;",

    /* 4: which program made each change: the screen or the command line (NULL before). */
    "ALTER TABLE journal ADD COLUMN program TEXT;",

    /* 5: detached codings, whose text a new version of their source deleted: they keep an
     * empty span where that text was until someone attaches them again or drops them. The
     * table is rebuilt because SQLite cannot change a CHECK; ids and the AUTOINCREMENT counter
     * are kept, so that the journal's ids still name the same codings. Two detached codings
     * may share a place, so the rule that a coder has a code on a span once holds for
     * attached codings only. */
    "CREATE TABLE codings_new ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
    "  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,"
    "  coder_id INTEGER NOT NULL REFERENCES coders(id),"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  memo TEXT,"
    "  created_at TEXT NOT NULL,"
    "  modified_at TEXT NOT NULL,"
    "  detached INTEGER NOT NULL DEFAULT 0 CHECK (detached IN (0, 1)),"
    "  CHECK (0 <= start AND start <= end AND (start < end OR detached = 1))"
    ") STRICT;"
    "INSERT INTO codings_new(id, source_id, code_id, coder_id, start, end, memo, created_at, "
    "  modified_at) SELECT id, source_id, code_id, coder_id, start, end, memo, created_at, "
    "  modified_at FROM codings;"
    "UPDATE sqlite_sequence SET seq = max(seq, ifnull((SELECT seq FROM sqlite_sequence "
    "  WHERE name = 'codings'), 0)) WHERE name = 'codings_new';"
    "DROP TABLE codings;"
    "ALTER TABLE codings_new RENAME TO codings;"
    "CREATE UNIQUE INDEX codings_unique ON codings(source_id, code_id, coder_id, start, end)"
    "  WHERE detached = 0;"
    "CREATE INDEX codings_source ON codings(source_id, coder_id, start);"
    "CREATE INDEX codings_code ON codings(code_id);"
    "CREATE INDEX codings_coder ON codings(coder_id);"
    "CREATE TRIGGER codings_inside_text_on_insert BEFORE INSERT ON codings"
    "  WHEN NEW.detached = 0 AND NEW.end > (SELECT length FROM sources WHERE id = NEW.source_id)"
    "  BEGIN SELECT RAISE(ABORT, 'coding ends past the end of its source'); END;"
    "CREATE TRIGGER codings_inside_text_on_update BEFORE UPDATE OF start, end, detached ON codings"
    "  WHEN NEW.detached = 0 AND NEW.end > (SELECT length FROM sources WHERE id = NEW.source_id)"
    "  BEGIN SELECT RAISE(ABORT, 'coding ends past the end of its source'); END;",
    /* 6: the framework matrix: a researcher's summary of what a case says about a code. */
    "CREATE TABLE matrix_cells ("
    "  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
    "  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,"
    "  summary TEXT NOT NULL,"
    "  modified_at TEXT NOT NULL,"
    "  PRIMARY KEY (case_id, code_id)"
    ") STRICT;",
    /* 7: the codings a matrix cell's summary rests on. As with quotes, a coding has no foreign
     * key here: the link of a deleted coding stays behind, unseen, so that undoing the deletion
     * brings it back. */
    "CREATE TABLE matrix_links ("
    "  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
    "  code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,"
    "  coding_id INTEGER NOT NULL,"
    "  PRIMARY KEY (case_id, code_id, coding_id)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX matrix_links_coding ON matrix_links(coding_id);",
    /* 8: codings marked as quotes, to cite in the write-up. A quote is its coding, so it
     * follows the coding when a source is updated or redacted. There is no foreign key: when
     * a coding is deleted its mark stays behind, unseen, so that undoing the deletion, which
     * puts the coding back under its old id, brings the quote back too. */
    "CREATE TABLE quotes ("
    "  coding_id INTEGER PRIMARY KEY,"
    "  marked_at TEXT NOT NULL"
    ") STRICT;",
    /* 9: what opening a project and a source reads, kept ready.
     * code_usage counts the attached codings and their sources of each code, by coder and
     * (coder_id 0) by everyone, kept up to date by triggers, so that the codebook's counts cost
     * as much as the codes rather than the codings. A detached coding counts nowhere. A coding's
     * source counts once per code: the triggers ask codings_unique, the index of attached
     * codings by (source_id, code_id, coder_id, ...), whether another one is there. They name
     * it: the planner prefers codings_source, which also answers but holds a source's codings in
     * the order of their spans, so that each answer would read all of them.
     * codings_source holds a source's codings in the order the screen shows them, with their
     * code, coder and state, so that opening a source reads one range of one index;
     * codings_memo finds the few codings with a memo. */
    "DROP INDEX codings_source;"
    "CREATE INDEX codings_source ON codings(source_id, start, end, code_id, coder_id, detached);"
    "CREATE INDEX codings_memo ON codings(source_id) WHERE memo IS NOT NULL;"
    "CREATE TABLE code_usage ("
    "  code_id INTEGER NOT NULL,"
    "  coder_id INTEGER NOT NULL,"
    "  sources INTEGER NOT NULL,"
    "  codings INTEGER NOT NULL,"
    "  PRIMARY KEY (code_id, coder_id)"
    ") STRICT, WITHOUT ROWID;"
    "INSERT INTO code_usage SELECT code_id, coder_id, count(DISTINCT source_id), count(*) "
    "  FROM codings WHERE detached = 0 GROUP BY code_id, coder_id;"
    "INSERT INTO code_usage SELECT code_id, 0, count(DISTINCT source_id), count(*) "
    "  FROM codings WHERE detached = 0 GROUP BY code_id;"
    "CREATE TRIGGER code_usage_on_insert AFTER INSERT ON codings WHEN NEW.detached = 0 BEGIN"
    "  INSERT INTO code_usage VALUES (NEW.code_id, NEW.coder_id, 1, 1) ON CONFLICT DO UPDATE SET"
    "    codings = codings + 1, sources = sources + NOT EXISTS (SELECT 1"
    "    FROM codings INDEXED BY codings_unique WHERE source_id = NEW.source_id"
    "    AND code_id = NEW.code_id AND coder_id = NEW.coder_id AND detached = 0 AND id <> NEW.id);"
    "  INSERT INTO code_usage VALUES (NEW.code_id, 0, 1, 1) ON CONFLICT DO UPDATE SET"
    "    codings = codings + 1, sources = sources + NOT EXISTS (SELECT 1"
    "    FROM codings INDEXED BY codings_unique WHERE source_id = NEW.source_id"
    "    AND code_id = NEW.code_id AND detached = 0 AND id <> NEW.id);"
    "END;"
    "CREATE TRIGGER code_usage_on_delete AFTER DELETE ON codings WHEN OLD.detached = 0 BEGIN"
    "  UPDATE code_usage SET codings = codings - 1, sources = sources - NOT EXISTS (SELECT 1"
    "    FROM codings INDEXED BY codings_unique WHERE source_id = OLD.source_id"
    "    AND code_id = OLD.code_id AND coder_id = OLD.coder_id AND detached = 0)"
    "    WHERE code_id = OLD.code_id AND coder_id = OLD.coder_id;"
    "  UPDATE code_usage SET codings = codings - 1, sources = sources - NOT EXISTS (SELECT 1"
    "    FROM codings INDEXED BY codings_unique WHERE source_id = OLD.source_id"
    "    AND code_id = OLD.code_id AND detached = 0)"
    "    WHERE code_id = OLD.code_id AND coder_id = 0;"
    "  DELETE FROM code_usage WHERE code_id = OLD.code_id AND codings = 0;"
    "END;"
    /* An update takes the old row's place out of the counts (when it was attached) and puts the
     * new one's in (when it is): each step asks about the codings other than this one, which
     * holds its new values by then. */
    "CREATE TRIGGER code_usage_on_update AFTER UPDATE OF source_id, code_id, coder_id, detached"
    "  ON codings WHEN OLD.source_id <> NEW.source_id OR OLD.code_id <> NEW.code_id"
    "    OR OLD.coder_id <> NEW.coder_id OR OLD.detached <> NEW.detached BEGIN"
    "  UPDATE code_usage SET codings = codings - 1, sources = sources - NOT EXISTS (SELECT 1"
    "    FROM codings INDEXED BY codings_unique WHERE source_id = OLD.source_id"
    "    AND code_id = OLD.code_id AND coder_id = OLD.coder_id AND detached = 0 AND id <> OLD.id)"
    "    WHERE OLD.detached = 0 AND code_id = OLD.code_id AND coder_id = OLD.coder_id;"
    "  UPDATE code_usage SET codings = codings - 1, sources = sources - NOT EXISTS (SELECT 1"
    "    FROM codings INDEXED BY codings_unique WHERE source_id = OLD.source_id"
    "    AND code_id = OLD.code_id AND detached = 0 AND id <> OLD.id)"
    "    WHERE OLD.detached = 0 AND code_id = OLD.code_id AND coder_id = 0;"
    "  INSERT INTO code_usage SELECT NEW.code_id, NEW.coder_id, 1, 1 WHERE NEW.detached = 0"
    "    ON CONFLICT DO UPDATE SET codings = codings + 1, sources = sources + NOT EXISTS (SELECT 1"
    "    FROM codings INDEXED BY codings_unique WHERE source_id = NEW.source_id"
    "    AND code_id = NEW.code_id AND coder_id = NEW.coder_id AND detached = 0 AND id <> NEW.id);"
    "  INSERT INTO code_usage SELECT NEW.code_id, 0, 1, 1 WHERE NEW.detached = 0"
    "    ON CONFLICT DO UPDATE SET codings = codings + 1, sources = sources + NOT EXISTS (SELECT 1"
    "    FROM codings INDEXED BY codings_unique WHERE source_id = NEW.source_id"
    "    AND code_id = NEW.code_id AND detached = 0 AND id <> NEW.id);"
    "  DELETE FROM code_usage WHERE code_id = OLD.code_id AND codings = 0;"
    "END;",
};

void store_timestamp(char out[21])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int store_bind_text(sqlite3_stmt *stmt, int index, const char *s)
{
    return s ? sqlite3_bind_text(stmt, index, s, -1, SQLITE_TRANSIENT)
             : sqlite3_bind_null(stmt, index);
}

char *store_column_text(sqlite3_stmt *stmt, int column, bool *failed)
{
    const unsigned char *s = sqlite3_column_text(stmt, column);
    if (!s)
        return NULL;
    char *copy = strdup((const char *)s);
    if (!copy)
        *failed = true;
    return copy;
}

/* True when the folder holding `path` exists but cannot be written. */
static bool folder_read_only(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return false;
    bool read_only = access(dirname(copy), W_OK) != 0 && errno == EACCES;
    free(copy);
    return read_only;
}

bool store_failure(struct store *store, struct error *err, const char *doing)
{
    int code = sqlite3_extended_errcode(store->db);
    const char *what = sqlite3_errmsg(store->db);
    const char *path = store->path;
    if ((code & 0xFF) == SQLITE_FULL || (code & 0xFF) == SQLITE_IOERR)
        store->write_failed = true;
    switch (code & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        if (store->depth == 0)
            return error_user(err,
                              "%s: the project is locked by another program, so it could not be "
                              "read (%s). Try again when the other program has finished",
                              path, doing);
        return error_user(err,
                          "%s: the project is locked by another program; nothing was changed "
                          "(%s). Try again when the other program has finished",
                          path, doing);
    case SQLITE_READONLY:
        if (code == SQLITE_READONLY_ROLLBACK) {
            return error_user(err,
                              "%s: a change was interrupted and must be rolled back from "
                              "%s-journal before the project can be read, which needs write "
                              "access to the project and its folder; run margin check as someone "
                              "who can write there",
                              path, path);
        }
        if (access(path, W_OK) == 0 && folder_read_only(path))
            return error_user(err,
                              "%s: the folder the project is in cannot be written, and margin "
                              "writes its journal there while it changes the project; nothing was "
                              "changed (%s)",
                              path, doing);
        return error_user(err, "%s: the project file is read-only; nothing was changed (%s)", path,
                          doing);
    case SQLITE_FULL:
        return error_user(err, "%s: the disk is full; nothing was changed (%s)", path, doing);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return error_user(err,
                          "%s: the project file is damaged (%s, while %s); "
                          "restore it from a backup",
                          path, what, doing);
    case SQLITE_IOERR:
        if (code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC) {
            int sys = sqlite3_system_errno(store->db);
            return error_user(err,
                              "%s: could not write the project file (%s); nothing was changed "
                              "(%s). Is the disk full?",
                              path, sys ? strerror(sys) : what, doing);
        }
        return error_user(err, "%s: could not read or write the project file (%s, while %s)", path,
                          what, doing);
    case SQLITE_CANTOPEN:
        return error_user(err, "%s: cannot open the project file (%s)", path, what);
    case SQLITE_CONSTRAINT:
        return error_user(err, "%s: %s (while %s)", path, what, doing);
    default:
        return error_internal(err, "%s: %s (SQLite error %d, while %s)", path, what, code, doing);
    }
}

sqlite3_stmt *store_statement(struct store *store, const char *sql, struct error *err)
{
    for (int i = 0; i < store->cached; i++) {
        if (store->cache[i].sql == sql) {
            sqlite3_stmt *stmt = store->cache[i].stmt;
            sqlite3_reset(stmt);
            sqlite3_clear_bindings(stmt);
            return stmt;
        }
    }
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) !=
        SQLITE_OK) {
        store_failure(store, err, "preparing a query");
        return NULL;
    }
    /* The statements are string literals, so the cache only fills if that list grows past
     * STORE_CACHE_SIZE; then the last slot is recycled. */
    if (store->cached == STORE_CACHE_SIZE)
        sqlite3_finalize(store->cache[--store->cached].stmt);
    store->cache[store->cached++] = (struct cached_statement){sql, stmt};
    return stmt;
}

bool store_run(struct store *store, sqlite3_stmt *stmt, struct error *err, const char *doing)
{
    int rc = sqlite3_step(stmt);
    bool ok = rc == SQLITE_DONE || rc == SQLITE_ROW;
    if (!ok)
        store_failure(store, err, doing);
    sqlite3_reset(stmt);
    return ok;
}

bool store_run_found(struct store *store, sqlite3_stmt *stmt, bool *found, struct error *err,
                     const char *doing)
{
    bool ok = store_run(store, stmt, err, doing);
    *found = ok && sqlite3_changes(store->db) > 0;
    return ok;
}

bool store_run_restore(struct store *store, sqlite3_stmt *stmt, bool *taken, bool *orphaned,
                       struct error *err, const char *doing)
{
    int rc = sqlite3_step(stmt);
    int code = sqlite3_extended_errcode(store->db);
    *taken = (rc & 0xFF) == SQLITE_CONSTRAINT &&
             (code == SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLITE_CONSTRAINT_UNIQUE);
    *orphaned = (rc & 0xFF) == SQLITE_CONSTRAINT && code == SQLITE_CONSTRAINT_FOREIGNKEY;
    bool ok = rc == SQLITE_DONE || *taken || *orphaned;
    if (!ok)
        store_failure(store, err, doing);
    sqlite3_reset(stmt);
    return ok;
}

bool store_exec(struct store *store, const char *sql, struct error *err, const char *doing)
{
    if (sqlite3_exec(store->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_failure(store, err, doing);
    return true;
}

static int64_t pragma_int(struct store *store, const char *sql, bool *ok)
{
    sqlite3_stmt *stmt = NULL;
    int64_t value = 0;
    *ok = false;
    if (sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
        value = sqlite3_column_int64(stmt, 0);
        *ok = true;
    }
    sqlite3_finalize(stmt);
    return value;
}

/* The longest wait MARGIN_BUSY_TIMEOUT may ask for: ten minutes. */
#define MAX_BUSY_TIMEOUT_MS 600000

/* Sets *ms to how long a change waits for another program's lock: MARGIN_BUSY_TIMEOUT when set,
 * else the default. Fails with a message when the variable holds anything but a whole number
 * of milliseconds in range, rather than quietly waiting some other time. */
static bool busy_timeout_ms(int *ms, struct error *err)
{
    const char *env = getenv("MARGIN_BUSY_TIMEOUT");
    *ms = DEFAULT_BUSY_TIMEOUT_MS;
    if (!env || !*env)
        return true;
    char *end;
    errno = 0;
    long value = strtol(env, &end, 10);
    if (*end || errno || value < 0 || value > MAX_BUSY_TIMEOUT_MS || !isdigit((unsigned char)*env))
        return error_user(err,
                          "MARGIN_BUSY_TIMEOUT is '%.40s'; it must be a whole number of "
                          "milliseconds from 0 to %d, or unset for %d",
                          env, MAX_BUSY_TIMEOUT_MS, DEFAULT_BUSY_TIMEOUT_MS);
    *ms = (int)value;
    return true;
}

static struct store *store_connect(const char *path, int flags, struct error *err)
{
    int timeout;
    if (!busy_timeout_ms(&timeout, err))
        return NULL;
    struct store *store = calloc(1, sizeof *store);
    if (!store || !(store->path = strdup(path))) {
        free(store);
        error_internal(err, "out of memory opening %s", path);
        return NULL;
    }
    if (sqlite3_open_v2(path, &store->db, flags | SQLITE_OPEN_EXRESCODE, NULL) != SQLITE_OK) {
        if (store->db)
            store_failure(store, err, "opening the project");
        else
            error_internal(err, "out of memory opening %s", path);
        store_close(store);
        return NULL;
    }
    sqlite3_busy_timeout(store->db, timeout);
    sqlite3_extended_result_codes(store->db, 1);
    if (!store_exec(store, "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF;", err,
                    "opening the project")) {
        store_close(store);
        return NULL;
    }
    return store;
}

/* Brings the file from its format to STORE_FORMAT_VERSION in one transaction. */
static bool store_migrate(struct store *store, struct error *err)
{
    bool ok;
    if (!store_exec(store, "BEGIN IMMEDIATE", err, "upgrading the project"))
        return false;
    int64_t version = pragma_int(store, "PRAGMA user_version", &ok);
    if (!ok) {
        store_failure(store, err, "reading the project's format");
        goto fail;
    }
    for (int64_t v = version; v < STORE_FORMAT_VERSION; v++) {
        if (sqlite3_exec(store->db, migrations[v], NULL, NULL, NULL) == SQLITE_OK)
            continue;
        /* A file that already holds what this step adds was not in the format it says. */
        const char *what = sqlite3_errmsg(store->db);
        if (sqlite3_extended_errcode(store->db) == SQLITE_ERROR &&
            (strstr(what, "already exists") || strstr(what, "duplicate column"))) {
            error_user(err,
                       "%s says it is in format %lld, but it already holds what a later format "
                       "adds (%s): its format number was changed by something other than margin. "
                       "Restore it from a backup; nothing was changed",
                       store->path, (long long)version, what);
        } else {
            store_failure(store, err, "upgrading the project");
        }
        goto fail;
    }
    char sql[128];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d",
             STORE_APPLICATION_ID, STORE_FORMAT_VERSION);
    if (!store_exec(store, sql, err, "upgrading the project") ||
        !store_exec(store, "COMMIT", err, "upgrading the project"))
        goto fail;
    return true;
fail:
    sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
    return false;
}

struct store *store_open(const char *path, enum store_mode mode, struct error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return error_user(err, "%s: %s", path, strerror(errno)), NULL;
    if (!S_ISREG(st.st_mode))
        return error_user(err, "%s is not a file", path), NULL;
    if (st.st_size == 0)
        return error_user(err, "%s is empty; it is not a margin project", path), NULL;

    int flags = mode == STORE_READ_ONLY ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    struct store *store = store_connect(path, flags, err);
    if (!store)
        return NULL;

    bool ok;
    int64_t app = pragma_int(store, "PRAGMA application_id", &ok);
    if (!ok && mode == STORE_READ_ONLY &&
        sqlite3_extended_errcode(store->db) == SQLITE_READONLY_ROLLBACK) {
        /* A writer was killed half-way through a change and left a hot journal, which only a
         * connection that may write can roll back: do that, as the next writer would, then
         * read as asked. Without write access the message says what is needed. */
        store_close(store);
        if (!(store = store_connect(path, SQLITE_OPEN_READWRITE, err)))
            return NULL;
        app = pragma_int(store, "PRAGMA application_id", &ok);
        if (ok) {
            store_close(store);
            if (!(store = store_connect(path, flags, err)))
                return NULL;
            app = pragma_int(store, "PRAGMA application_id", &ok);
        }
    }
    if (!ok) {
        if ((sqlite3_errcode(store->db) & 0xFF) == SQLITE_NOTADB)
            error_user(err, "%s is not a margin project (it is not an SQLite database)", path);
        else
            store_failure(store, err, "opening the project");
        goto fail;
    }
    int64_t version = pragma_int(store, "PRAGMA user_version", &ok);
    if (!ok) {
        store_failure(store, err, "opening the project");
        goto fail;
    }
    if (app != STORE_APPLICATION_ID) {
        error_user(err, "%s is an SQLite database but not a margin project", path);
        goto fail;
    }
    if (version > STORE_FORMAT_VERSION) {
        error_user(err,
                   "%s was written by a newer version of margin (format %lld; this version "
                   "reads formats up to %d); nothing was changed",
                   path, (long long)version, STORE_FORMAT_VERSION);
        goto fail;
    }
    if (version < STORE_FORMAT_VERSION && mode == STORE_READ_ONLY) {
        /* An older project is upgraded on first opening, whatever the command: with a
         * connection that may write, then read as asked. */
        store_close(store);
        struct store *writer = store_open(path, STORE_READ_WRITE, err);
        if (!writer)
            return NULL;
        store_close(writer);
        return store_open(path, STORE_READ_ONLY, err);
    }
    if (version < STORE_FORMAT_VERSION) {
        if (sqlite3_db_readonly(store->db, "main") == 1) {
            error_user(err,
                       "%s is in an older format (%lld) and needs upgrading, which needs write "
                       "access",
                       path, (long long)version);
            goto fail;
        }
        if (!store_migrate(store, err))
            goto fail;
    }
    store->read_only = sqlite3_db_readonly(store->db, "main") == 1 || folder_read_only(store->path);
    return store;
fail:
    store_close(store);
    return NULL;
}

struct store *store_open_memory(struct error *err)
{
    struct store *store =
        store_connect(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err);
    if (store && !store_migrate(store, err)) {
        store_close(store);
        return NULL;
    }
    return store;
}

struct store *store_create(const char *path, struct error *err)
{
    struct stat st;
    if (stat(path, &st) == 0)
        return error_user(err, "%s already exists; margin will not overwrite it", path), NULL;
    if (errno != ENOENT)
        return error_user(err, "%s: %s", path, strerror(errno)), NULL;

    struct strbuf tmp = STRBUF_INIT;
    struct store *store = NULL;
    if (!strbuf_printf(&tmp, "%s.new-%ld", path, (long)getpid())) {
        error_internal(err, "out of memory creating %s", path);
        goto cleanup;
    }
    unlink(tmp.data);
    /* Creating the file first names a missing folder or a lack of permission plainly. */
    int fd = open(tmp.data, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        error_user(err, "cannot create %s: %s", path, strerror(errno));
        goto cleanup;
    }
    close(fd);
    store = store_connect(tmp.data, SQLITE_OPEN_READWRITE, err);
    if (!store) {
        error_prefix(err, "cannot create %s: ", path);
        unlink(tmp.data);
        goto cleanup;
    }
    bool made = store_migrate(store, err);
    int sys = sqlite3_system_errno(store->db);
    if (!made && store->write_failed)
        error_user(err, "cannot create %s: %s; is the disk full?", path,
                   sys ? strerror(sys) : "could not write it");
    else if (!made)
        error_prefix(err, "cannot create %s: ", path);
    store_close(store);
    store = NULL;
    if (!made) {
        unlink(tmp.data);
        goto cleanup;
    }
    /* link() refuses to replace a file that appeared meanwhile; rename() would not. */
    if (link(tmp.data, path) != 0) {
        error_user(err, "cannot create %s: %s", path, strerror(errno));
        unlink(tmp.data);
        goto cleanup;
    }
    unlink(tmp.data);
    store = store_open(path, STORE_READ_WRITE, err);
cleanup:
    strbuf_finish(&tmp);
    return store;
}

void store_close(struct store *store)
{
    if (!store)
        return;
    for (int i = 0; i < store->cached; i++)
        sqlite3_finalize(store->cache[i].stmt);
    if (store->db) {
        if (!sqlite3_get_autocommit(store->db))
            sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(store->db);
    }
    /* After a failed write SQLite leaves the half-written file and its journal for the next
     * program to roll back. Roll back now, so that the file is as it was when margin ends, and
     * a copy of the file alone, without its journal, is whole. */
    if (store->write_failed) {
        sqlite3 *db = NULL;
        if (sqlite3_open_v2(store->path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
            sqlite3_exec(db, "PRAGMA application_id", NULL, NULL, NULL);
        sqlite3_close(db);
    }
    free(store->path);
    free(store);
}

const char *store_path(const struct store *store)
{
    return store->path;
}

bool store_read_only(const struct store *store)
{
    return store->read_only;
}

bool store_begin(struct store *store, struct error *err)
{
    /* Counted before it begins, so that a failure to begin is reported as a change's. */
    if (store->depth++ == 0) {
        if (!store_exec(store, "BEGIN IMMEDIATE", err, "starting a change")) {
            store->depth = 0;
            return false;
        }
        store->doomed = false;
    }
    return true;
}

bool store_commit(struct store *store, struct error *err)
{
    if (store->depth == 0)
        return error_internal(err, "commit without a transaction");
    if (--store->depth > 0)
        return !store->doomed || error_internal(err, "an inner change failed");
    if (store->doomed) {
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
        return error_internal(err, "an inner change failed; nothing was saved");
    }
    if (!store_exec(store, "COMMIT", err, "saving a change")) {
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
        return false;
    }
    store->commits++;
    return true;
}

void store_set_program(struct store *store, const char *program)
{
    store->program = program;
}

uint64_t store_commits(const struct store *store)
{
    return store->commits;
}

void store_rollback(struct store *store)
{
    if (store->depth == 0)
        return;
    if (--store->depth > 0) {
        store->doomed = true;
        return;
    }
    sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
    store->doomed = false;
}

int64_t store_data_version(struct store *store)
{
    bool ok;
    return pragma_int(store, "PRAGMA data_version", &ok);
}

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

bool store_counts(struct store *store, struct store_counts *out, struct error *err)
{
    sqlite3_stmt *stmt = store_statement(
        store,
        "SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM cases), "
        "(SELECT count(*) FROM codes), (SELECT count(*) FROM coders), "
        "(SELECT count(*) FROM codings), "
        "(SELECT count(*) FROM memos) + (SELECT count(*) FROM codings WHERE memo IS NOT NULL), "
        "(SELECT count(*) FROM codings WHERE detached = 1)",
        err);
    if (!stmt)
        return false;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        out->sources = sqlite3_column_int64(stmt, 0);
        out->cases = sqlite3_column_int64(stmt, 1);
        out->codes = sqlite3_column_int64(stmt, 2);
        out->coders = sqlite3_column_int64(stmt, 3);
        out->codings = sqlite3_column_int64(stmt, 4);
        out->memos = sqlite3_column_int64(stmt, 5);
        out->detached = sqlite3_column_int64(stmt, 6);
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || store_failure(store, err, "counting the project's contents");
}

bool store_setting_get(struct store *store, const char *key, char **value, struct error *err)
{
    *value = NULL;
    sqlite3_stmt *stmt = store_statement(store, "SELECT value FROM settings WHERE key = ?", err);
    if (!stmt)
        return false;
    store_bind_text(stmt, 1, key);
    int rc = sqlite3_step(stmt);
    bool oom = false;
    if (rc == SQLITE_ROW)
        *value = store_column_text(stmt, 0, &oom);
    sqlite3_reset(stmt);
    if (oom)
        return error_internal(err, "out of memory reading a setting");
    return rc == SQLITE_ROW || rc == SQLITE_DONE || store_failure(store, err, "reading a setting");
}

bool store_setting_set(struct store *store, const char *key, const char *value, struct error *err)
{
    sqlite3_stmt *stmt =
        value ? store_statement(store,
                                "INSERT INTO settings(key, value) VALUES (?, ?) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                err)
              : store_statement(store, "DELETE FROM settings WHERE key = ?", err);
    if (!stmt)
        return false;
    store_bind_text(stmt, 1, key);
    if (value)
        store_bind_text(stmt, 2, value);
    return store_run(store, stmt, err, "saving a setting");
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

long store_check(struct store *store, struct strbuf *problems, struct error *err)
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

bool store_set_temporaries_in_memory(struct store *store, bool in_memory, struct error *err)
{
    return store_exec(store,
                      in_memory ? "PRAGMA temp_store = MEMORY" : "PRAGMA temp_store = DEFAULT", err,
                      "choosing where temporary files go");
}
