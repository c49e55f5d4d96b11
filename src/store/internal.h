/* What the store's modules share; nothing outside src/store includes this. */
#ifndef MARGIN_STORE_INTERNAL_H
#define MARGIN_STORE_INTERNAL_H

#include "core/error.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#define STORE_CACHE_SIZE 96

struct cached_statement {
    const char *sql; /* a string literal: the cache is keyed by its address */
    sqlite3_stmt *stmt;
};

struct store {
    sqlite3 *db;
    char *path;
    int depth;   /* nesting of store_begin() */
    bool doomed; /* a nested level rolled back: the outermost commit must fail */
    /* A write failed (a full disk): roll back what SQLite left behind on closing. */
    bool write_failed;
    uint64_t commits;    /* transactions committed through this connection */
    const char *program; /* what the journal records as making this connection's changes */
    bool read_only;      /* found when the file was opened: see store_read_only() */
    int64_t cache_size;  /* PRAGMA cache_size before store_set_bulk() changed it */
    struct cached_statement cache[STORE_CACHE_SIZE];
    int cached;
};

/* Returns a prepared statement for `sql` (a string literal), reset and with no bindings,
 * or NULL with a message. The store owns it. */
sqlite3_stmt *store_statement(struct store *store, const char *sql, struct error *err);

/* Describes the connection's last error as a message the user can act on, naming what was
 * being done ("adding a coding"). Locked, read-only, full and damaged files are user errors.
 * Returns false. */
bool store_failure(struct store *store, struct error *err, const char *doing);

/* Steps a statement that returns no rows. Returns false with a message on failure. */
bool store_run(struct store *store, sqlite3_stmt *stmt, struct error *err, const char *doing);

/* Steps a statement that changes rows by id (an update or delete) and sets *found to whether
 * it changed any. */
bool store_run_found(struct store *store, sqlite3_stmt *stmt, bool *found, struct error *err,
                     const char *doing);

/* Steps an insert that puts a row back under its old id. When the id or another unique key is
 * taken, nothing is inserted, *taken is set and the result is still true; so too, setting
 * *orphaned instead, when a row it refers to is gone (a foreign key). */
bool store_run_restore(struct store *store, sqlite3_stmt *stmt, bool *taken, bool *orphaned,
                       struct error *err, const char *doing);

/* Runs SQL text with no parameters and no result rows (schema, pragmas). */
bool store_exec(struct store *store, const char *sql, struct error *err, const char *doing);

/* Runs a query whose first row's first column is a number (a pragma) and returns it; *ok is
 * false (and the result 0) when the query fails or returns no row. */
int64_t store_pragma_int(struct store *store, const char *sql, bool *ok);

/* Brings the file from its format to STORE_FORMAT_VERSION in one transaction. */
bool store_migrate(struct store *store, struct error *err);

/* Binds text, or NULL when s is NULL. */
int store_bind_text(sqlite3_stmt *stmt, int index, const char *s);

/* A copy of a text column, or NULL for SQL NULL. *failed is set when memory runs out. */
char *store_column_text(sqlite3_stmt *stmt, int column, bool *failed);

#endif
