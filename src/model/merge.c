#include "model/merge.h"

#include "core/codetree.h"
#include "core/list.h"
#include "core/row.h"
#include "core/strbuf.h"
#include "model/project.h"
#include "store/codings.h"
#include "store/journal.h"
#include "store/people.h"
#include "store/sources.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* What the other project's codes and sources became here. */
struct mapping {
    int64_t *source_ids;   /* per other source: ours, or 0 */
    int64_t *code_ids;     /* per other code (tree index): ours, or 0 */
    const char **code_why; /* per other code without a match: why */
    int64_t *coder_ids;    /* per other coder: ours, or 0 until first needed */
    size_t *source_skips;  /* per other source: codings skipped */
    size_t *code_codings;  /* per other code: codings in matched sources */
};

static void mapping_finish(struct mapping *map)
{
    free(map->source_ids);
    free(map->code_ids);
    free(map->code_why);
    free(map->coder_ids);
    free(map->source_skips);
    free(map->code_codings);
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa;
    struct stat sb;
    return strcmp(a, b) == 0 || (stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
                                 sa.st_ino == sb.st_ino);
}

/* Our source with the same text as `theirs`: the one with the same name if several, else the
 * first by name. */
static int64_t match_source(const struct source_list *ours, const struct source_row *theirs)
{
    int64_t found = 0;
    for (size_t i = 0; i < ours->count; i++) {
        const struct source_row *row = &ours->items[i];
        if (strcmp(row->sha256, theirs->sha256) != 0)
            continue;
        if (strcmp(row->name, theirs->name) == 0)
            return row->id;
        if (!found)
            found = row->id;
    }
    return found;
}

/* Matches every code of `theirs` to one of `ours`: by GUID, then by number, then by a name only
 * one of our codes has; each of our codes takes at most one of theirs. */
static bool match_codes(const struct codetree *ours, const struct codetree *theirs,
                        struct mapping *map, bool *matched_by_number, struct error *err)
{
    size_t n_ours = codetree_count(ours);
    size_t n_theirs = codetree_count(theirs);
    bool *taken = calloc(n_ours ? n_ours : 1, sizeof *taken);
    int *match = malloc((n_theirs ? n_theirs : 1) * sizeof *match);
    if (!taken || !match) {
        free(taken);
        free(match);
        return error_internal(err, "out of memory");
    }
    for (size_t i = 0; i < n_theirs; i++) {
        match[i] = codetree_find_guid(ours, codetree_get(theirs, i)->guid);
        matched_by_number[i] = false;
        if (match[i] >= 0)
            taken[match[i]] = true;
    }
    for (size_t i = 0; i < n_theirs; i++) {
        if (match[i] >= 0)
            continue;
        int at = codetree_find_number(ours, &codetree_get(theirs, i)->number);
        if (at >= 0 && !taken[at]) {
            match[i] = at;
            taken[at] = true;
            matched_by_number[i] = true;
        }
    }
    for (size_t i = 0; i < n_theirs; i++) {
        if (match[i] >= 0)
            continue;
        const char *name = codetree_get(theirs, i)->name;
        int at = -1;
        size_t named = 0;
        for (size_t k = 0; k < n_ours; k++) {
            if (strcmp(codetree_get(ours, k)->name, name) == 0) {
                named++;
                at = (int)k;
            }
        }
        if (named == 1 && !taken[at]) {
            match[i] = at;
            taken[at] = true;
        } else {
            map->code_why[i] = named > 1    ? "several codes here have its name"
                               : named == 1 ? "the code here with its name matched another code"
                                            : "no code here has its GUID, number or name";
        }
    }
    for (size_t i = 0; i < n_theirs; i++) {
        if (match[i] < 0)
            continue;
        const struct code *code = codetree_get(ours, (size_t)match[i]);
        if (code->codable)
            map->code_ids[i] = code->id;
        else
            map->code_why[i] = "it matched a heading here, which cannot be coded";
    }
    free(taken);
    free(match);
    return true;
}

/* "07.01.02 Name" for a code of a tree. */
static char *code_label(const struct codetree *tree, size_t i)
{
    char number[OUTLINE_TEXT_MAX];
    codetree_number_text(tree, (int)i, number);
    struct strbuf sb = STRBUF_INIT;
    char *label = strbuf_printf(&sb, "%s %s", number, codetree_get(tree, i)->name)
                      ? strbuf_detach(&sb)
                      : NULL;
    strbuf_finish(&sb);
    return label;
}

static bool add_miss(struct merge_misses *list, char *what, const char *why, size_t codings)
{
    char *reason = strdup(why);
    struct merge_miss miss = {what, reason, codings};
    if (!what || !reason || !LIST_PUSH(list, miss)) {
        free(what);
        free(reason);
        return false;
    }
    return true;
}

/* Lists what did not match and the codings it cost, and the codes matched by number whose
 * names differ. */
static bool report_misses(const struct codetree *ours, const struct codetree *theirs,
                          const struct source_list *sources, const struct mapping *map,
                          const bool *matched_by_number, struct merge_report *report)
{
    for (size_t s = 0; s < sources->count; s++) {
        if (map->source_skips[s] > 0 &&
            !add_miss(&report->sources, strdup(sources->items[s].name),
                      "its text is not in this project", map->source_skips[s]))
            return false;
    }
    for (size_t c = 0; c < codetree_count(theirs); c++) {
        if (map->code_codings[c] > 0 && !map->code_ids[c] &&
            !add_miss(&report->codes, code_label(theirs, c), map->code_why[c],
                      map->code_codings[c]))
            return false;
        if (!matched_by_number[c] || !map->code_ids[c] || map->code_codings[c] == 0)
            continue;
        int here = codetree_find_id(ours, map->code_ids[c]);
        if (strcmp(codetree_get(ours, (size_t)here)->name, codetree_get(theirs, c)->name) == 0)
            continue;
        struct merge_renamed renamed = {code_label(theirs, c), code_label(ours, (size_t)here)};
        if (!renamed.theirs || !renamed.ours || !LIST_PUSH(&report->renamed, renamed)) {
            free(renamed.theirs);
            free(renamed.ours);
            return false;
        }
    }
    return true;
}

/* The index of the source with this id, looked for first at *cursor: codings come in the
 * order of the sources, so the search rarely goes further. */
static size_t source_index(const struct source_list *sources, int64_t id, size_t *cursor)
{
    for (size_t k = 0; k < sources->count; k++) {
        size_t i = (*cursor + k) % sources->count;
        if (sources->items[i].id == id) {
            *cursor = i;
            return i;
        }
    }
    return SIZE_MAX;
}

static size_t coder_index(const struct coder_list *coders, int64_t id)
{
    for (size_t i = 0; i < coders->count; i++) {
        if (coders->items[i].id == id)
            return i;
    }
    return SIZE_MAX;
}

/* Adds the matched codings inside the caller's transaction. */
static bool copy_codings(struct store *store, const struct coding_list *codings,
                         const struct codetree *theirs, const struct source_list *sources,
                         const struct coder_list *coders, struct mapping *map,
                         struct merge_report *report, struct error *err)
{
    size_t cursor = 0;
    for (size_t i = 0; i < codings->count; i++) {
        const struct coding_row *coding = &codings->items[i];
        size_t s = source_index(sources, coding->source_id, &cursor);
        int code = codetree_find_id(theirs, coding->code_id);
        size_t coder = coder_index(coders, coding->coder_id);
        if (s == SIZE_MAX || code < 0 || coder == SIZE_MAX)
            return error_user(err, "the other project is inconsistent: a coding refers to a "
                                   "source, code or coder it does not have");
        if (!map->source_ids[s]) {
            map->source_skips[s]++;
            continue;
        }
        map->code_codings[code]++;
        if (!map->code_ids[code])
            continue;
        if (!map->coder_ids[coder]) {
            int64_t before;
            if (!store_coder_find(store, coders->items[coder].name, &before, err) ||
                !store_coder_ensure(store, coders->items[coder].name, &map->coder_ids[coder], err))
                return false;
            report->coders_added += before == 0;
        }
        struct coding_row row = {
            .source_id = map->source_ids[s],
            .code_id = map->code_ids[code],
            .coder_id = map->coder_ids[coder],
            .start = coding->start,
            .end = coding->end,
            .memo = coding->memo,
            .detached = coding->detached,
        };
        bool added;
        if (!store_coding_add(store, &row, &added, err))
            return false;
        report->codings++;
        report->detached += coding->detached;
        if (added)
            report->added++;
        else
            report->present++;
    }
    return true;
}

bool merge_project(struct project *project, const char *other_path, struct merge_report *report,
                   struct error *err)
{
    memset(report, 0, sizeof *report);
    if (same_file(project_path(project), other_path))
        return error_user(err, "%s is this project's own file; name another project to merge",
                          other_path);
    struct project *other = project_open(other_path, PROJECT_READ_ONLY, err);
    if (!other)
        return false;
    struct store *store = project_store(project);
    const struct codetree *ours = project_codes(project);
    const struct codetree *theirs = project_codes(other);
    size_t ncodes = codetree_count(theirs);
    struct source_list our_sources = {0};
    struct source_list their_sources = {0};
    struct coder_list their_coders = {0};
    struct coding_list codings = {0};
    struct coding_filter every = {.state = CODINGS_ALL};
    struct mapping map = {0};
    bool *matched_by_number = NULL;
    bool ok = false;
    bool in_transaction = false;
    if (!store_sources_list(store, &our_sources, err) ||
        !store_sources_list(project_store(other), &their_sources, err) ||
        !store_coders_list(project_store(other), &their_coders, err) ||
        !store_codings_list(project_store(other), &every, &codings, err))
        goto cleanup;
    size_t nsources = their_sources.count ? their_sources.count : 1;
    size_t ncoders = their_coders.count ? their_coders.count : 1;
    size_t ncode_slots = ncodes ? ncodes : 1;
    map.source_ids = calloc(nsources, sizeof *map.source_ids);
    map.source_skips = calloc(nsources, sizeof *map.source_skips);
    map.code_ids = calloc(ncode_slots, sizeof *map.code_ids);
    map.code_why = calloc(ncode_slots, sizeof *map.code_why);
    map.code_codings = calloc(ncode_slots, sizeof *map.code_codings);
    map.coder_ids = calloc(ncoders, sizeof *map.coder_ids);
    matched_by_number = calloc(ncode_slots, sizeof *matched_by_number);
    if (!map.source_ids || !map.source_skips || !map.code_ids || !map.code_why ||
        !map.code_codings || !map.coder_ids || !matched_by_number) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    for (size_t s = 0; s < their_sources.count; s++)
        map.source_ids[s] = match_source(&our_sources, &their_sources.items[s]);
    if (!match_codes(ours, theirs, &map, matched_by_number, err))
        goto cleanup;

    if (!store_begin(store, err))
        goto cleanup;
    in_transaction = true;
    if (!copy_codings(store, &codings, theirs, &their_sources, &their_coders, &map, report, err))
        goto cleanup;
    struct strbuf summary = STRBUF_INIT;
    strbuf_printf(&summary, "merged %zu codings from %s: %zu added, %zu already present",
                  report->codings, other_path, report->added, report->present);
    int64_t batch;
    bool logged =
        store_journal_new_batch(store, &batch, err) &&
        store_journal_add(store, batch, 0, "codings.merge", strbuf_str(&summary), NULL, NULL, err);
    strbuf_finish(&summary);
    if (!logged)
        goto cleanup;
    in_transaction = false;
    if (!store_commit(store, err))
        goto cleanup;
    if (!report_misses(ours, theirs, &their_sources, &map, matched_by_number, report)) {
        error_internal(err, "out of memory reporting the merge (the merge itself is saved)");
        goto cleanup;
    }
    ok = true;
cleanup:
    if (in_transaction)
        store_rollback(store);
    if (!ok)
        merge_report_finish(report);
    mapping_finish(&map);
    free(matched_by_number);
    row_source_list_finish(&our_sources);
    row_source_list_finish(&their_sources);
    row_coder_list_finish(&their_coders);
    row_coding_list_finish(&codings);
    project_close(other);
    return ok;
}

void merge_report_finish(struct merge_report *report)
{
    for (size_t i = 0; i < report->sources.count; i++) {
        free(report->sources.items[i].what);
        free(report->sources.items[i].why);
    }
    free(report->sources.items);
    for (size_t i = 0; i < report->codes.count; i++) {
        free(report->codes.items[i].what);
        free(report->codes.items[i].why);
    }
    free(report->codes.items);
    for (size_t i = 0; i < report->renamed.count; i++) {
        free(report->renamed.items[i].theirs);
        free(report->renamed.items[i].ours);
    }
    free(report->renamed.items);
    memset(report, 0, sizeof *report);
}
