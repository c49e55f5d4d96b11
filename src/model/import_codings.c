/* Importing codings from CSV, and resolving a coding named by source, code and coder. */

#include "model/project.h"

#include "core/list.h"
#include "core/names.h"
#include "core/strbuf.h"
#include "core/strmap.h"
#include "internal.h"
#include "io/file.h"
#include "store/codings.h"
#include "store/people.h"
#include "store/sources.h"
#include "store/store.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* What resolving codings looks up, each name once however many rows give it: the sources by
 * name, the coders by name (their ids, 0 while the project has no such coder) and the codes by
 * what the rows say (code and code_name). */
struct resolver {
    const struct source_list *sources;
    struct strmap source_index; /* name -> index in sources */
    struct strmap coder_ids;    /* name -> id, 0 for a coder still to be added */
    struct strmap code_index;   /* "LENGTH:CODECODE_NAME" -> index in the codebook */
    struct {
        char **items;
        size_t count, cap;
    } keys; /* the keys of coder_ids and code_index, which the maps do not own */
};

static bool resolver_init(struct resolver *r, const struct source_list *sources, struct error *err)
{
    *r = (struct resolver){.sources = sources};
    for (size_t i = 0; i < sources->count; i++) {
        if (!strmap_put(&r->source_index, sources->items[i].name, (int64_t)i))
            return error_internal(err, "out of memory");
    }
    return true;
}

static void resolver_finish(struct resolver *r)
{
    strmap_finish(&r->source_index);
    strmap_finish(&r->coder_ids);
    strmap_finish(&r->code_index);
    for (size_t i = 0; i < r->keys.count; i++)
        free(r->keys.items[i]);
    free(r->keys.items);
}

/* Puts `key` (a copy) in `map` with `value`. */
static bool resolver_put(struct resolver *r, struct strmap *map, const char *key, int64_t value,
                         struct error *err)
{
    char *copy = strdup(key);
    if (!copy || !LIST_PUSH(&r->keys, copy)) {
        free(copy);
        return error_internal(err, "out of memory");
    }
    return strmap_put(map, copy, value) || error_internal(err, "out of memory");
}

static const struct source_row *find_source(const struct resolver *r, const char *name)
{
    int64_t index;
    return strmap_get(&r->source_index, name, &index) ? &r->sources->items[index] : NULL;
}

/* Sets *id to the id of the coder named `name`, 0 when the project has none yet, asking the
 * project the first time the name comes. */
static bool find_coder(struct project *project, struct resolver *r, const char *name, int64_t *id,
                       struct error *err)
{
    if (strmap_get(&r->coder_ids, name, id))
        return true;
    return store_coder_find(project->store, name, id, err) &&
           resolver_put(r, &r->coder_ids, name, *id, err);
}

/* Reads a whole number from a CSV cell or a command line. */
static bool parse_offset(const char *s, int64_t *value)
{
    char *end;
    if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 15)
        return false;
    *value = (int64_t)strtoll(s, &end, 10);
    return *end == '\0';
}

/* Finds the code a request names by its code (a number, perhaps with a name after it, a path or
 * a name) and code_name, trusting what request->match says when number and name disagree.
 * Returns the index, or -1 with a message. */
static int resolve_code(const struct codetree *tree, const struct coding_request *request,
                        struct error *err)
{
    const char *text = request->code ? request->code : "";
    size_t n = strlen(text);
    while (n && (*text == ' ' || *text == '\t')) {
        text++;
        n--;
    }
    bool named = request->code_name && *request->code_name;
    struct outline number;
    size_t used = outline_scan(text, n, &number);
    if (!used || (!named && request->match == CODE_MATCH_BOTH))
        return codetree_resolve(tree, text, err);
    /* The name beside the number: the code_name column's, else what follows the number. */
    const char *name = request->code_name;
    if (!named) {
        name = text + used;
        name += strspn(name, " \t");
    }
    char shown[OUTLINE_TEXT_MAX];
    outline_format(&number, shown, sizeof shown);
    if (request->match == CODE_MATCH_NAME && *name)
        return codetree_resolve(tree, name, err);
    int index = codetree_find_number(tree, &number);
    if (index < 0) {
        error_user(err, "no code is numbered %s", shown);
        return -1;
    }
    const char *ours = codetree_get(tree, (size_t)index)->name;
    if (request->match == CODE_MATCH_BOTH && *name && strcmp(ours, name) != 0) {
        error_user(err,
                   "code %s is named '%s' in the project, not '%s'; match by number or by "
                   "name to take it all the same",
                   shown, ours, name);
        return -1;
    }
    return index;
}

/* The index of the code a request names, resolved once for each code and code_name given;
 * -1 with a message. */
static int find_code(struct project *project, struct resolver *r,
                     const struct coding_request *request, struct error *err)
{
    /* The code's length first, so that no two pairs share a key. */
    const char *text = request->code ? request->code : "";
    struct strbuf key = STRBUF_INIT;
    if (!strbuf_printf(&key, "%zu:%s%s", strlen(text), text,
                       request->code_name ? request->code_name : "")) {
        strbuf_finish(&key);
        error_internal(err, "out of memory");
        return -1;
    }
    int64_t found;
    int index;
    if (strmap_get(&r->code_index, strbuf_str(&key), &found))
        index = (int)found;
    else if ((index = resolve_code(project->codes, request, err)) >= 0 &&
             !resolver_put(r, &r->code_index, strbuf_str(&key), index, err))
        index = -1;
    strbuf_finish(&key);
    return index;
}

/* Checks a coding against the project and turns it into ids (its coder's 0 while the project
 * has no such coder). `where` starts messages. */
static bool resolve_coding(struct project *project, struct resolver *resolver,
                           const struct coding_request *request, const char *where,
                           struct coding_row *row, struct error *err)
{
    if (!request->coder || !*request->coder)
        return error_user(err, "%sno coder given", where);
    int64_t coder_id;
    if (!find_coder(project, resolver, request->coder, &coder_id, err))
        return false;
    if (!coder_id && !names_check_coder(request->coder, err))
        return error_prefix(err, "%s", where);
    const struct source_row *source = find_source(resolver, request->source);
    if (!source)
        return error_user(err, "%sthere is no source named '%s'", where, request->source);
    int index = find_code(project, resolver, request, err);
    if (index < 0)
        return error_prefix(err, "%s", where);
    const struct code *code = codetree_get(project->codes, (size_t)index);
    if (!code->codable) {
        char number[OUTLINE_TEXT_MAX];
        codetree_number_text(project->codes, index, number);
        return error_user(err, "%scode %s '%s' is a heading and cannot be coded", where, number,
                          code->name);
    }
    if (request->start < 0 || request->start >= request->end) {
        return error_user(err,
                          "%sthe span %" PRId64 "-%" PRId64 " is empty or reversed; start "
                          "must be less than end",
                          where, request->start, request->end);
    }
    if (request->end > source->length) {
        return error_user(err,
                          "%sthe span %" PRId64 "-%" PRId64 " ends past the end of %s, "
                          "which has %" PRId64 " characters",
                          where, request->start, request->end, source->name, source->length);
    }
    *row = (struct coding_row){
        .source_id = source->id,
        .code_id = code->id,
        .coder_id = coder_id,
        .start = request->start,
        .end = request->end,
        .memo = (char *)(request->memo && *request->memo ? request->memo : NULL),
    };
    return true;
}

bool project_resolve_coding(struct project *project, const struct coding_request *request,
                            struct coding_row *row, struct error *err)
{
    struct source_list sources = {0};
    struct resolver resolver = {0};
    bool ok = store_sources_list(project->store, &sources, err) &&
              resolver_init(&resolver, &sources, err) &&
              resolve_coding(project, &resolver, request, "", row, err);
    resolver_finish(&resolver);
    row_source_list_finish(&sources);
    return ok;
}

/* Finds a named column of a header; -1 when absent. */
static int column_of(const struct csv_record *header, const char *name)
{
    for (size_t i = 0; i < header->count; i++) {
        if (strcmp(header->fields[i], name) == 0)
            return (int)i;
    }
    return -1;
}

/* Gives an existing coding the memo of an imported row (NULL for none) when the two differ. */
static bool update_memo(struct project *project, const struct coding_row *imported, bool *changed,
                        struct error *err)
{
    struct coding_row current;
    bool found;
    if (!store_coding_get(project->store, imported->id, &current, &found, err))
        return false;
    *changed = found &&
               strcmp(current.memo ? current.memo : "", imported->memo ? imported->memo : "") != 0;
    bool ok = true;
    if (*changed) {
        struct coding_row updated = current;
        updated.memo = imported->memo;
        ok = store_coding_update(project->store, &updated, &found, err);
    }
    free(current.memo);
    return ok;
}

/* Adds codings one by one, as store_coding_add() does, with the insert triggers suspended:
 * counts each added coding in the tally, and gives a coding already there the memo of its row
 * when the file has memos. */
static bool add_codings(struct project *project, struct coding_row *codings, size_t n, bool memos,
                        struct usage_tally *tally, struct import_report *report, struct error *err)
{
    struct codings_suspended suspended;
    if (!store_codings_suspend(project->store, false, &suspended, err))
        return false;
    for (size_t r = 0; r < n; r++) {
        bool added;
        bool memo_changed = false;
        if (!store_coding_add(project->store, &codings[r], &added, err) ||
            (!added && memos && !update_memo(project, &codings[r], &memo_changed, err))) {
            store_codings_suspended_finish(&suspended);
            return false;
        }
        if (added) {
            usage_tally_count(tally, &codings[r]);
            report->added++;
        } else if (memo_changed) {
            report->updated++;
        } else {
            report->unchanged++;
        }
    }
    return store_codings_resume(project->store, &suspended, err);
}

bool project_import_codings(struct project *project, const char *path, enum code_match match,
                            struct import_report *report, struct error *err)
{
    char *data;
    size_t n;
    memset(report, 0, sizeof *report);
    if (!file_read_input(path, CSV_MAX_BYTES, &data, &n, err))
        return false;
    bool ok =
        project_import_codings_data(project, data, n, file_input_name(path), match, report, err);
    free(data);
    return ok;
}

bool project_import_codings_data(struct project *project, const char *data, size_t n,
                                 const char *path, enum code_match match,
                                 struct import_report *report, struct error *err)
{
    static const char *const required[] = {"coder", "source", "code", "start", "end"};
    struct csv_table table;
    struct saved_records rows = {0};
    struct source_list sources = {0};
    struct resolver resolver = {0};
    struct coding_row *codings = NULL;
    const char **coders = NULL;
    bool ok = false;
    bool in_transaction = false;
    bool bulk = false;
    struct usage_tally tally = {0};
    memset(report, 0, sizeof *report);
    if (!import_table_open(&table, data, n, path, err))
        return false;

    struct csv_record header;
    if (!import_table_header(&table, "the header coder,source,code,start,end,memo", &header, err))
        goto cleanup;
    int col[5];
    for (int i = 0; i < 5; i++) {
        col[i] = column_of(&header, required[i]);
        if (col[i] < 0) {
            error_user(err,
                       "%s:1: there is no '%s' column (expected coder,source,code,start,end "
                       "and optionally memo)",
                       path, required[i]);
            goto cleanup;
        }
    }
    int memo_col = column_of(&header, "memo");
    int name_col = column_of(&header, "code_name");
    size_t ncolumns = header.count;
    if (!import_read_rows(&table, ncolumns, &rows, err))
        goto cleanup;
    /* Only speed depends on it: a failure leaves the connection as it was. */
    bulk = store_set_bulk(project->store, true, &(struct error){0});
    /* The rows are checked against the sources inside the transaction that adds them, so that
     * no other program shortens a source in between: nothing checks the spans after this. */
    if (!store_begin(project->store, err))
        goto cleanup;
    in_transaction = true;
    if (!store_sources_list(project->store, &sources, err) ||
        !resolver_init(&resolver, &sources, err))
        goto cleanup;

    codings = calloc(rows.count ? rows.count : 1, sizeof *codings);
    coders = calloc(rows.count ? rows.count : 1, sizeof *coders);
    if (!codings || !coders) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    for (size_t r = 0; r < rows.count; r++) {
        char **f = rows.items[r].fields;
        char where[64];
        snprintf(where, sizeof where, "%.40s:%zu: ", path, rows.items[r].line);
        struct coding_request request = {
            .coder = f[col[0]],
            .source = f[col[1]],
            .code = f[col[2]],
            .code_name = name_col >= 0 ? f[name_col] : NULL,
            .match = match,
            .memo = memo_col >= 0 ? f[memo_col] : NULL,
        };
        if (!parse_offset(f[col[3]], &request.start) || !parse_offset(f[col[4]], &request.end)) {
            error_user(err,
                       "%sstart and end must be whole numbers of characters, not '%s' and "
                       "'%s'",
                       where, f[col[3]], f[col[4]]);
            goto cleanup;
        }
        if (!resolve_coding(project, &resolver, &request, where, &codings[r], err))
            goto cleanup;
        coders[r] = request.coder;
    }

    /* A coder the project lacked is added at its first row, so that coders get their ids in
     * the order the file names them. */
    for (size_t r = 0; r < rows.count; r++) {
        if (!codings[r].coder_id)
            strmap_get(&resolver.coder_ids, coders[r], &codings[r].coder_id);
        if (!codings[r].coder_id) {
            if (!store_coder_ensure(project->store, coders[r], &codings[r].coder_id, err))
                goto cleanup;
            if (!strmap_put(&resolver.coder_ids, coders[r], codings[r].coder_id)) {
                error_internal(err, "out of memory");
                goto cleanup;
            }
        }
    }
    /* The triggers would count each coding as it is added, and check that it lies inside its
     * source, which resolve_coding() did for every row: the import counts them itself. An
     * import of at least twice as many rows as the project holds codings builds two indexes
     * again rather than adding to them row by row: at half that, the two cost about the same. */
    int64_t held = 0;
    bool large = rows.count >= BULK_MIN_ROWS;
    if (large && !store_codings_count(project->store, &held, err))
        goto cleanup;
    large = large && (int64_t)rows.count >= 2 * held;
    if (!usage_tally_prepare(&tally, project->store, codings, rows.count, err))
        goto cleanup;
    if (large) {
        if (!import_codings_bulk(project, codings, rows.count, memo_col >= 0, &tally, report, err))
            goto cleanup;
    } else if (!add_codings(project, codings, rows.count, memo_col >= 0, &tally, report, err)) {
        goto cleanup;
    }
    if (!usage_tally_apply(&tally, project->store, err))
        goto cleanup;
    struct strbuf summary = STRBUF_INIT;
    strbuf_printf(&summary,
                  "imported codings from %s: %zu added, %zu memos changed, %zu already present",
                  path, report->added, report->updated, report->unchanged);
    bool logged = project_journal_final(project, 0, "codings.import", strbuf_str(&summary), err);
    strbuf_finish(&summary);
    if (!logged)
        goto cleanup;
    in_transaction = false;
    ok = store_commit(project->store, err);
cleanup:
    if (in_transaction)
        store_rollback(project->store);
    usage_tally_finish(&tally);
    if (bulk)
        store_set_bulk(project->store, false, &(struct error){0});
    free(codings);
    free(coders);
    resolver_finish(&resolver);
    row_source_list_finish(&sources);
    import_rows_finish(&rows);
    import_table_close(&table);
    return ok;
}
