#include "store/store.h"

#include "core/strbuf.h"
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
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

int64_t store_pragma_int(struct store *store, const char *sql, bool *ok)
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
    int64_t app = store_pragma_int(store, "PRAGMA application_id", &ok);
    if (!ok && mode == STORE_READ_ONLY &&
        sqlite3_extended_errcode(store->db) == SQLITE_READONLY_ROLLBACK) {
        /* A writer was killed half-way through a change and left a hot journal, which only a
         * connection that may write can roll back: do that, as the next writer would, then
         * read as asked. Without write access the message says what is needed. */
        store_close(store);
        if (!(store = store_connect(path, SQLITE_OPEN_READWRITE, err)))
            return NULL;
        app = store_pragma_int(store, "PRAGMA application_id", &ok);
        if (ok) {
            store_close(store);
            if (!(store = store_connect(path, flags, err)))
                return NULL;
            app = store_pragma_int(store, "PRAGMA application_id", &ok);
        }
    }
    if (!ok) {
        if ((sqlite3_errcode(store->db) & 0xFF) == SQLITE_NOTADB)
            error_user(err, "%s is not a margin project (it is not an SQLite database)", path);
        else
            store_failure(store, err, "opening the project");
        goto fail;
    }
    int64_t version = store_pragma_int(store, "PRAGMA user_version", &ok);
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
    return store_pragma_int(store, "PRAGMA data_version", &ok);
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

bool store_set_bulk(struct store *store, bool bulk, struct error *err)
{
    if (bulk) {
        bool ok = true;
        int64_t before = store_pragma_int(store, "PRAGMA cache_size", &ok);
        if (!ok)
            return store_failure(store, err, "reading the page cache's size");
        store->cache_size = before;
        return store_exec(store, "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536", err,
                          "setting the project up for a large change");
    }
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA temp_store = DEFAULT; PRAGMA cache_size = %" PRId64,
             store->cache_size);
    return store_exec(store, sql, err, "setting the project back after a large change");
}
