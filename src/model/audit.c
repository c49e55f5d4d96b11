#include "model/audit.h"

#include "core/list.h"
#include "core/wordmatch.h"
#include "model/change.h"
#include "store/codings.h"
#include "store/journal.h"
#include "store/sources.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *state_name(enum journal_state state)
{
    static const char *const names[] = {"done", "undone", "final"};
    return names[state];
}

void audit_finish(struct audit_log *log)
{
    free(log->items);
    if (log->journal)
        journal_list_finish(log->journal);
    free(log->journal);
    row_coder_list_finish(&log->coders);
    row_source_list_finish(&log->sources);
    memset(log, 0, sizeof *log);
}

/* Accepts "YYYY-MM-DD", optionally followed by "THH:MM", ":SS" and "Z". */
static bool valid_since(const char *s)
{
    static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
    size_t n = strlen(s);
    if (n != 10 && n != 16 && n != 19 && n != 20)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (pattern[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != pattern[i])
            return false;
    }
    return true;
}

/* A coding's source, by the coding's id. */
struct owner {
    int64_t coding_id;
    int64_t source_id;
};

static int compare_owners(const void *x, const void *y)
{
    const struct owner *a = x, *b = y;
    return (a->coding_id > b->coding_id) - (a->coding_id < b->coding_id);
}

struct owners {
    struct owner *items;
    size_t count, cap;
};

static bool add_owner(struct owners *o, int64_t coding_id, int64_t source_id)
{
    if (o->count == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 256;
        struct owner *items = realloc(o->items, cap * sizeof *items);
        if (!items)
            return false;
        o->items = items;
        o->cap = cap;
    }
    o->items[o->count++] = (struct owner){coding_id, source_id};
    return true;
}

static int64_t owner_of(const struct owners *o, int64_t coding_id)
{
    struct owner key = {coding_id, 0};
    const struct owner *found = bsearch(&key, o->items, o->count, sizeof key, compare_owners);
    return found ? found->source_id : 0;
}

/* The source a change concerns, or 0. */
static int64_t source_of(const struct change *c, const struct owners *owners)
{
    switch (c->kind) {
    case CHANGE_CODING_INSERT:
        return c->coding.source_id;
    case CHANGE_CODING_DELETE:
    case CHANGE_CODING_SET:
    case CHANGE_CODING_PLACE:
    case CHANGE_CODING_CODER:
    case CHANGE_QUOTE_SET:
        return owner_of(owners, c->coding.id);
    case CHANGE_SOURCE_TEXT:
    case CHANGE_SOURCE_RENAME:
    case CHANGE_SOURCE_RELINK:
    case CHANGE_SOURCE_DELETE:
        return c->source_id;
    case CHANGE_SOURCE_INSERT:
        return c->source.id;
    case CHANGE_DECISION_INSERT:
        return c->decision.source_id;
    default:
        return 0;
    }
}

/* Learns which source each coding belongs to: from the project, then from the journal's
 * insertions of codings since deleted. */
static bool learn_owners(struct project *project, const struct journal_list *journal,
                         struct owners *owners, struct error *err)
{
    struct coding_list codings = {0};
    struct coding_filter all = {.state = CODINGS_ALL};
    bool ok = store_codings_list(project_store(project), &all, &codings, err);
    for (size_t i = 0; ok && i < codings.count; i++)
        ok = add_owner(owners, codings.items[i].id, codings.items[i].source_id) ||
             error_internal(err, "out of memory reading the journal");
    row_coding_list_finish(&codings);
    for (size_t i = 0; ok && i < journal->count; i++) {
        const char *sides[] = {journal->items[i].redo, journal->items[i].undo};
        for (int s = 0; ok && s < 2; s++) {
            struct change c;
            if (!sides[s] || strncmp(sides[s], "coding.insert ", 14) != 0 ||
                !change_decode(sides[s], &c, &(struct error){0}))
                continue;
            ok = add_owner(owners, c.coding.id, c.coding.source_id) ||
                 error_internal(err, "out of memory reading the journal");
            change_finish(&c);
        }
    }
    if (ok)
        qsort(owners->items, owners->count, sizeof *owners->items, compare_owners);
    return ok;
}

static const char *name_of_source(const struct source_list *sources, int64_t id)
{
    for (size_t i = 0; id && i < sources->count; i++) {
        if (sources->items[i].id == id)
            return sources->items[i].name;
    }
    return "";
}

static const char *name_of_coder(const struct coder_list *coders, int64_t id)
{
    for (size_t i = 0; id && i < coders->count; i++) {
        if (coders->items[i].id == id)
            return coders->items[i].name;
    }
    return "";
}

/* Adds to `sources` each source the journal can put back (the undo of its deletion) that the
 * project no longer has, so that the entries about it are named and can be asked for. */
static bool learn_deleted_sources(const struct journal_list *journal, struct source_list *sources,
                                  struct error *err)
{
    bool ok = true;
    for (size_t i = 0; ok && i < journal->count; i++) {
        const char *sides[] = {journal->items[i].redo, journal->items[i].undo};
        for (int s = 0; ok && s < 2; s++) {
            struct change c;
            if (!sides[s] || strncmp(sides[s], "source.insert ", 14) != 0 ||
                !change_decode(sides[s], &c, &(struct error){0}))
                continue;
            if (!name_of_source(sources, c.source.id)[0]) {
                struct source_row row = {.id = c.source.id, .name = c.source.name};
                c.source.name = NULL;
                if (!LIST_PUSH(sources, row)) {
                    free(row.name);
                    ok = error_internal(err, "out of memory reading the journal");
                }
            }
            change_finish(&c);
        }
    }
    return ok;
}

/* The source an entry concerns, from its redo or else its undo. */
static int64_t entry_source(const struct journal_entry *e, const struct owners *owners)
{
    const char *sides[] = {e->redo, e->undo};
    for (int s = 0; s < 2; s++) {
        struct change c;
        if (!sides[s] || !change_decode(sides[s], &c, &(struct error){0}))
            continue;
        int64_t id = source_of(&c, owners);
        change_finish(&c);
        if (id)
            return id;
    }
    return 0;
}

bool audit_read(struct project *project, const struct audit_filter *filter, struct audit_log *out,
                struct error *err)
{
    memset(out, 0, sizeof *out);
    if (filter->since && !valid_since(filter->since))
        return error_user(err,
                          "--since takes a date such as 2026-03-01 or a time such as "
                          "2026-03-01T09:30 (UTC), not '%s'",
                          filter->since);
    struct store *store = project_store(project);
    int64_t coder_id = 0, source_id = 0;
    bool ok =
        project_coders(project, &out->coders, err) && store_sources_list(store, &out->sources, err);
    if (ok && filter->coder && !project_coder(project, filter->coder, false, &coder_id, err))
        ok = false;
    if (ok && filter->coder && !coder_id)
        ok = error_user(err, "the project has no coder named '%s'", filter->coder);
    if (ok && !(out->journal = calloc(1, sizeof *out->journal)))
        ok = error_internal(err, "out of memory reading the journal");
    ok = ok && store_journal_list(store, filter->since, coder_id, out->journal, err) &&
         learn_deleted_sources(out->journal, &out->sources, err);
    for (size_t i = 0; ok && filter->source && i < out->sources.count; i++) {
        if (strcmp(out->sources.items[i].name, filter->source) == 0)
            source_id = out->sources.items[i].id;
    }
    if (ok && filter->source && !source_id)
        ok = error_user(err, "the project has no source named '%s'", filter->source);
    struct owners owners = {0};
    ok = ok && learn_owners(project, out->journal, &owners, err);
    if (ok && !(out->items = calloc(out->journal->count + 1, sizeof *out->items)))
        ok = error_internal(err, "out of memory reading the journal");
    struct wordmatch *name = filter->source ? wordmatch_create(false) : NULL;
    if (ok && filter->source && (!name || wordmatch_add(name, filter->source, "") < 0))
        ok = error_internal(err, "out of memory reading the journal");
    for (size_t i = 0; ok && i < out->journal->count; i++) {
        const struct journal_entry *e = &out->journal->items[i];
        int64_t source = entry_source(e, &owners);
        if (!source && name && wordmatch_find(name, e->summary, strlen(e->summary), NULL) > 0)
            source = source_id;
        if (source_id && source != source_id)
            continue;
        out->items[out->count++] = (struct audit_entry){
            .id = e->id,
            .batch = e->batch,
            .at = e->at,
            .coder = name_of_coder(&out->coders, e->coder_id),
            .program = e->program ? e->program : "",
            .operation = e->operation,
            .summary = e->summary,
            .change = e->redo ? e->redo : "",
            .state = state_name(e->state),
            .source = name_of_source(&out->sources, source),
        };
    }
    free(owners.items);
    wordmatch_destroy(name);
    if (!ok)
        audit_finish(out);
    return ok;
}
