/* The project file's format: the migrations that bring a file from each format to the next,
 * the first of which creates every table of the first format. */
#include "internal.h"

#include "store/store.h"

#include <stdio.h>
#include <string.h>

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

bool store_migrate(struct store *store, struct error *err)
{
    bool ok;
    if (!store_exec(store, "BEGIN IMMEDIATE", err, "upgrading the project"))
        return false;
    int64_t version = store_pragma_int(store, "PRAGMA user_version", &ok);
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
