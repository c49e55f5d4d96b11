#include "model/exchange.h"

#include "core/list.h"
#include "core/names.h"
#include "core/strbuf.h"
#include "io/file.h"
#include "io/qdpx.h"
#include "io/refi.h"
#include "io/transcript.h"
#include "model/speakers.h"
#include "store/codes.h"
#include "store/codings.h"
#include "store/journal.h"
#include "store/memos.h"
#include "store/people.h"
#include "store/sources.h"
#include "store/store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The largest archive margin imports. */
#define ARCHIVE_MAX_BYTES REFI_TOTAL_MAX_BYTES

void exchange_report_finish(struct exchange_report *report)
{
    warnings_finish(&report->warnings);
}

/* ---- Import ---- */

/* A text source of the archive as it will become a source of the project. */
struct planned_source {
    char *name;
    struct transcript transcript;
    bool skip; /* no text */
    int64_t id;
    int64_t case_id; /* the case it belongs to in the project (after this import) */
    bool linked;     /* a case of this archive has claimed it */
};

/* A user of the archive and the coder it became. */
struct coder_link {
    char guid[REFI_GUID_SIZE];
    int64_t id;
};

struct coder_links {
    struct coder_link *items;
    size_t count, cap;
};

struct import {
    struct project *project;
    struct store *store;
    const struct refi_project *refi;
    const char *name;
    struct exchange_report *report;
    struct error *err;
    struct turn_rule *rule;         /* the project's turn rule; NULL for the default */
    struct planned_source *sources; /* one per refi->sources item */
    int64_t *code_ids;              /* the project's id of each code of refi->codes */
    struct coder_links coders;
    int64_t unattributed;
};

static bool warn(struct import *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool warn(struct import *im, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (!warnings_add(&im->report->warnings, "%s", text))
        return error_internal(im->err, "out of memory");
    return true;
}

/* A copy of s without white space at either end. */
static char *trimmed(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    return strndup(s, n);
}

/* The name a source or user gets when its file names it only by GUID: "source 1a2b3c4d". */
static char *guid_name(const char *what, const char *guid)
{
    struct strbuf name = STRBUF_INIT;
    if (!strbuf_printf(&name, "%s %.8s", what, guid)) {
        strbuf_finish(&name);
        return NULL;
    }
    return strbuf_detach(&name);
}

/* A source's name: its name, else its file's name without folder and extension, else its
 * GUID's first digits. */
static char *source_name(const struct refi_source *source)
{
    if (source->name) {
        char *name = trimmed(source->name);
        if (!name || *name)
            return name;
        free(name);
    }
    const char *path = source->plain_path ? source->plain_path : source->rich_path;
    if (path) {
        const char *base = path;
        for (const char *p = path; *p; p++) {
            if (*p == '/' || *p == '\\')
                base = p + 1;
        }
        const char *dot = strrchr(base, '.');
        size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
        char *cut = strndup(base, n);
        char *name = cut ? trimmed(cut) : NULL;
        free(cut);
        if (!name || *name)
            return name;
        free(name);
    }
    return guid_name("source", source->guid);
}

/* Gives every text source a name no other has, and its text checked and indexed for speaker
 * turns, before anything is written. */
static bool plan_sources(struct import *im)
{
    const struct refi_source_list *list = &im->refi->sources;
    if (!speakers_rule(im->project, &im->rule, im->err))
        return false;
    im->sources = calloc(list->count ? list->count : 1, sizeof *im->sources);
    if (!im->sources)
        return error_internal(im->err, "out of memory");
    for (size_t i = 0; i < list->count; i++) {
        const struct refi_source *source = &list->items[i];
        struct planned_source *plan = &im->sources[i];
        char *base = source_name(source);
        if (!base || !(plan->name = strdup(base))) {
            free(base);
            return error_internal(im->err, "out of memory");
        }
        for (int k = 2;; k++) {
            bool taken = false;
            for (size_t j = 0; j < i && !taken; j++)
                taken = strcmp(im->sources[j].name, plan->name) == 0;
            if (!taken)
                break;
            struct strbuf other = STRBUF_INIT;
            free(plan->name);
            plan->name = strbuf_printf(&other, "%s (%d)", base, k) ? strbuf_detach(&other) : NULL;
            strbuf_finish(&other);
            if (!plan->name) {
                free(base);
                return error_internal(im->err, "out of memory");
            }
        }
        bool renamed = strcmp(base, plan->name) != 0;
        bool warned = !renamed || warn(im,
                                       "two sources are named '%.80s'; the second was imported "
                                       "as '%.80s'",
                                       base, plan->name);
        free(base);
        if (!warned)
            return false;
        const char *text = source->text ? source->text : "";
        if (strspn(text, " \t\n\f\v") == source->size) {
            plan->skip = true;
            if (!warn(im, "the source '%.80s' has no text; it was skipped with its codings",
                      plan->name))
                return false;
            continue;
        }
        struct strbuf label = STRBUF_INIT;
        if (!strbuf_printf(&label, "%s: the text of '%s'", im->name, plan->name)) {
            strbuf_finish(&label);
            return error_internal(im->err, "out of memory");
        }
        bool ok = transcript_parse(text, source->size, strbuf_str(&label), im->rule,
                                   &plan->transcript, im->err);
        strbuf_finish(&label);
        if (!ok)
            return false;
    }
    return true;
}

static void finish_plans(struct import *im)
{
    for (size_t i = 0; im->sources && i < im->refi->sources.count; i++) {
        free(im->sources[i].name);
        transcript_finish(&im->sources[i].transcript);
    }
    free(im->sources);
}

/* Finds or adds the coder called `name`. */
static bool ensure_coder(struct import *im, const char *name, int64_t *id)
{
    if (!store_coder_find(im->store, name, id, im->err))
        return false;
    if (*id)
        return true;
    im->report->coders_added++;
    return store_coder_ensure(im->store, name, id, im->err);
}

/* Makes a coder of every user. Users who share a name share a coder. */
static bool import_users(struct import *im)
{
    for (size_t i = 0; i < im->refi->users.count; i++) {
        const struct refi_user *user = &im->refi->users.items[i];
        char *name = user->name ? trimmed(user->name) : NULL;
        if (name && !*name) {
            free(name);
            name = NULL;
        }
        struct error why;
        if (name && !names_check_coder(name, &why)) {
            char *instead = guid_name("user", user->guid);
            bool warned = instead && warn(im, "%s; that user's codings are the coder '%s'",
                                          why.message, instead);
            free(name);
            name = instead;
            if (!warned) {
                free(name);
                return instead ? false : error_internal(im->err, "out of memory");
            }
        }
        if (!name && !(name = guid_name("user", user->guid)))
            return error_internal(im->err, "out of memory");
        for (size_t j = 0; j < i; j++) {
            const char *other = im->refi->users.items[j].name;
            if (other && strcmp(other, user->name ? user->name : "") == 0 &&
                !warn(im, "two users are named '%.80s'; their codings are one coder's", name)) {
                free(name);
                return false;
            }
        }
        struct coder_link link;
        memcpy(link.guid, user->guid, sizeof link.guid);
        bool ok = ensure_coder(im, name, &link.id);
        free(name);
        if (!ok)
            return false;
        if (!LIST_PUSH(&im->coders, link))
            return error_internal(im->err, "out of memory");
    }
    return true;
}

/* The coder of a coding made by `creator` (a user's GUID, or ""). */
static bool coder_of(struct import *im, const char *creator, int64_t *id)
{
    if (!creator[0]) {
        if (!im->unattributed &&
            (!warn(im, "codings that name no user were imported as the coder '%s'",
                   EXCHANGE_UNATTRIBUTED) ||
             !ensure_coder(im, EXCHANGE_UNATTRIBUTED, &im->unattributed)))
            return false;
        *id = im->unattributed;
        return true;
    }
    for (size_t i = 0; i < im->coders.count; i++) {
        if (strcmp(im->coders.items[i].guid, creator) == 0) {
            *id = im->coders.items[i].id;
            return true;
        }
    }
    /* A user the file does not list: a coder named after the GUID. */
    char *name = guid_name("user", creator);
    if (!name)
        return error_internal(im->err, "out of memory");
    struct coder_link link;
    memcpy(link.guid, creator, sizeof link.guid);
    bool ok = warn(im, "codings by a user the file does not list were imported as the coder '%s'",
                   name) &&
              ensure_coder(im, name, &link.id);
    free(name);
    if (!ok)
        return false;
    if (!LIST_PUSH(&im->coders, link))
        return error_internal(im->err, "out of memory");
    *id = link.id;
    return true;
}

/* The project's id of the code a coding refers to (the archive reader checked it exists). */
static int64_t code_id_of(const struct import *im, const char *guid)
{
    int index = codetree_find_guid(im->refi->codes, guid);
    return index >= 0 ? im->code_ids[index] : 0;
}

static void mark_used(const struct import *im, const struct refi_coding_list *codings, bool *used)
{
    for (size_t c = 0; c < codings->count; c++) {
        int index = codetree_find_guid(im->refi->codes, codings->items[c].code);
        if (index >= 0)
            used[index] = true;
    }
}

/* Merges the codebook by GUID, then makes every code the archive codes with codable. */
static bool import_codes(struct import *im)
{
    const struct codetree *incoming = im->refi->codes;
    size_t n = incoming ? codetree_count(incoming) : 0;
    if (n == 0)
        return true;
    im->code_ids = calloc(n, sizeof *im->code_ids);
    bool *used = calloc(n, sizeof *used);
    struct import_report counts = {0};
    bool ok = im->code_ids && used;
    if (!ok) {
        free(used);
        return error_internal(im->err, "out of memory");
    }
    ok = project_merge_codebook(im->project, incoming, CODEBOOK_MATCH_GUID, im->code_ids, &counts,
                                im->err) &&
         project_reload_codes(im->project, im->err);
    im->report->codes_added = counts.added;
    im->report->codes_updated = counts.updated;
    im->report->codes_unchanged = counts.unchanged;
    for (size_t i = 0; ok && i < im->refi->sources.count; i++) {
        const struct refi_source *source = &im->refi->sources.items[i];
        mark_used(im, &source->codings, used);
        for (size_t s = 0; s < source->selections.count; s++)
            mark_used(im, &source->selections.items[s].codings, used);
    }
    const struct codetree *tree = project_codes(im->project);
    for (size_t i = 0; ok && i < n; i++) {
        int index = used[i] ? codetree_find_id(tree, im->code_ids[i]) : -1;
        if (index < 0 || codetree_get(tree, (size_t)index)->codable)
            continue;
        struct code code = *codetree_get(tree, (size_t)index);
        code.codable = true;
        bool found;
        ok = warn(im, "the heading '%.80s' has codings in the file; it was made codable",
                  code.name) &&
             store_code_update(im->store, &code, &found, im->err);
    }
    free(used);
    return ok;
}

static bool import_sources(struct import *im, enum source_kind kind)
{
    for (size_t i = 0; i < im->refi->sources.count; i++) {
        struct planned_source *plan = &im->sources[i];
        if (plan->skip)
            continue;
        struct source_row existing;
        if (!store_source_find(im->store, plan->name, &existing, im->err))
            return false;
        free(existing.name);
        if (existing.id) {
            if (strcmp(existing.sha256, plan->transcript.sha256) != 0) {
                return error_user(im->err,
                                  "%s: the project already has a source named '%s' with other "
                                  "text; import the archive into another project, or rename "
                                  "that source",
                                  im->name, plan->name);
            }
            plan->id = existing.id;
            plan->case_id = existing.case_id;
            im->report->sources_unchanged++;
            continue;
        }
        struct source_row row = {
            .name = plan->name,
            .kind = kind,
            .length = (int64_t)plan->transcript.length,
        };
        memcpy(row.sha256, plan->transcript.sha256, sizeof row.sha256);
        if (!store_source_add(im->store, &row, plan->transcript.text, plan->transcript.size,
                              &plan->transcript.turns, im->err))
            return false;
        plan->id = row.id;
        im->report->sources_added++;
    }
    return true;
}

/* Writes a memo, or adds it below the memo already there (unless that already holds it). */
static bool write_memo(struct import *im, enum memo_target target, int64_t id, const char *text)
{
    if (!text || !*text)
        return true;
    char *old = NULL;
    if (!store_memo_get(im->store, target, id, &old, im->err))
        return false;
    bool ok = true;
    if (!old || !strstr(old, text)) {
        struct strbuf joined = STRBUF_INIT;
        ok = old ? strbuf_printf(&joined, "%s\n\n%s", old, text) : strbuf_puts(&joined, text);
        ok = ok ? store_memo_set(im->store, target, id, strbuf_str(&joined), 0, im->err)
                : error_internal(im->err, "out of memory");
        strbuf_finish(&joined);
        im->report->memos_written += ok;
    }
    free(old);
    return ok;
}

/* A value as margin keeps it, without spaces around; a boolean's 1 and 0 (as xsd:boolean
 * allows) become true and false. */
static char *normalised_value(enum attribute_type type, const char *value)
{
    char *v = trimmed(value);
    if (v && type == ATTRIBUTE_BOOLEAN && (strcmp(v, "1") == 0 || strcmp(v, "0") == 0)) {
        char *word = strdup(v[0] == '1' ? "true" : "false");
        free(v);
        return word;
    }
    return v;
}

static enum attribute_type attribute_type_of(enum refi_variable_type type)
{
    switch (type) {
    case REFI_VARIABLE_BOOLEAN:
        return ATTRIBUTE_BOOLEAN;
    case REFI_VARIABLE_INTEGER:
        return ATTRIBUTE_INTEGER;
    case REFI_VARIABLE_FLOAT:
        return ATTRIBUTE_REAL;
    case REFI_VARIABLE_DATE:
        return ATTRIBUTE_DATE;
    case REFI_VARIABLE_TEXT:
    case REFI_VARIABLE_DATETIME:
        break;
    }
    return ATTRIBUTE_TEXT;
}

/* The attribute for each variable: an existing one (whose type every value must fit) or a new
 * one of the variable's type (text when a value does not fit it). */
static bool import_variables(struct import *im, int64_t *ids, enum attribute_type *types)
{
    const struct refi_project *refi = im->refi;
    for (size_t v = 0; v < refi->variables.count; v++) {
        const struct refi_variable *variable = &refi->variables.items[v];
        char *name = trimmed(variable->name);
        enum attribute_type stored;
        bool ok = name != NULL;
        if (!ok)
            return error_internal(im->err, "out of memory");
        ok = store_attribute_find(im->store, name, &ids[v], &stored, im->err);
        enum attribute_type type = ids[v] ? stored : attribute_type_of(variable->type);
        bool fits = true;
        for (size_t c = 0; ok && c < refi->cases.count; c++) {
            const struct refi_case *rc = &refi->cases.items[c];
            for (size_t k = 0; ok && k < rc->values.count; k++) {
                if (strcmp(rc->values.items[k].variable, variable->guid) != 0)
                    continue;
                char *value = normalised_value(type, rc->values.items[k].value);
                if (!value) {
                    ok = error_internal(im->err, "out of memory");
                } else if (!row_attribute_fits(type, value)) {
                    fits = false;
                    if (ids[v])
                        ok = error_user(im->err,
                                        "%s: project.qde:%zu: '%s' does not fit the project's "
                                        "attribute '%s', which is of type %s",
                                        im->name, rc->values.items[k].line, value, name,
                                        row_attribute_type_name(type));
                }
                free(value);
            }
        }
        if (ok && !ids[v]) {
            if (!fits)
                ok = warn(im,
                          "the variable '%.80s' has values that are not of its type (%s); "
                          "it was imported as text",
                          name, refi_variable_type_name(variable->type));
            if (!fits)
                type = ATTRIBUTE_TEXT;
            ok = ok && store_attribute_add(im->store, name, type, &ids[v], im->err);
        }
        types[v] = type;
        free(name);
        if (!ok)
            return false;
    }
    return true;
}

static bool import_cases(struct import *im)
{
    const struct refi_project *refi = im->refi;
    size_t nvariables = refi->variables.count ? refi->variables.count : 1;
    int64_t *attributes = calloc(nvariables, sizeof *attributes);
    enum attribute_type *types = calloc(nvariables, sizeof *types);
    if (!attributes || !types) {
        free(attributes);
        free(types);
        return error_internal(im->err, "out of memory");
    }
    bool ok = import_variables(im, attributes, types);
    for (size_t c = 0; ok && c < refi->cases.count; c++) {
        const struct refi_case *rc = &refi->cases.items[c];
        char *name = rc->name ? trimmed(rc->name) : NULL;
        if (name && !*name) {
            free(name);
            name = NULL;
        }
        if (!name && !(name = guid_name("case", rc->guid))) {
            ok = error_internal(im->err, "out of memory");
            break;
        }
        int64_t case_id;
        ok = store_case_find(im->store, name, &case_id, im->err);
        if (ok && !case_id) {
            ok = store_case_ensure(im->store, name, &case_id, im->err);
            im->report->cases_added++;
        }
        for (size_t k = 0; ok && k < rc->values.count; k++) {
            for (size_t v = 0; v < refi->variables.count; v++) {
                if (strcmp(refi->variables.items[v].guid, rc->values.items[k].variable) != 0)
                    continue;
                char *value = normalised_value(types[v], rc->values.items[k].value);
                ok = value ? store_case_value_set(im->store, case_id, attributes[v], value, im->err)
                           : error_internal(im->err, "out of memory");
                free(value);
                break;
            }
        }
        ok = ok && write_memo(im, MEMO_CASE, case_id, rc->description);
        for (size_t s = 0; ok && s < rc->sources.count; s++) {
            for (size_t i = 0; i < refi->sources.count; i++) {
                struct planned_source *plan = &im->sources[i];
                if (strcmp(refi->sources.items[i].guid, rc->sources.items[s].guid) != 0 ||
                    plan->skip)
                    continue;
                if (plan->linked && plan->case_id != case_id) {
                    ok = warn(im, "a source belongs to more than one case; margin links it to "
                                  "the first");
                } else if (plan->case_id && plan->case_id != case_id) {
                    ok = warn(im,
                              "the source '%.80s' already belongs to another case in the "
                              "project; it was left there",
                              plan->name);
                } else if (!plan->case_id) {
                    ok = store_source_set_case(im->store, plan->id, case_id, im->err);
                    plan->case_id = case_id;
                }
                plan->linked = true;
                break;
            }
        }
        free(name);
    }
    free(attributes);
    free(types);
    return ok;
}

/* Adds one coding with its memo. */
static bool add_coding(struct import *im, int64_t source_id, const struct refi_coding *coding,
                       const char *creator, int64_t start, int64_t end, const char *memo)
{
    char *notes = NULL;
    struct coding_row row = {.source_id = source_id, .start = start, .end = end};
    bool added;
    bool ok = refi_notes_text(im->refi, memo, &coding->notes, &notes) ||
              error_internal(im->err, "out of memory");
    ok = ok && coder_of(im, coding->creator[0] ? coding->creator : creator, &row.coder_id);
    row.code_id = code_id_of(im, coding->code);
    row.memo = notes;
    ok = ok && store_coding_add(im->store, &row, &added, im->err);
    if (ok && added) {
        im->report->codings_added++;
        if (notes && *notes)
            im->report->coding_memos++;
    } else if (ok) {
        im->report->codings_unchanged++;
    }
    free(notes);
    return ok;
}

static bool import_codings(struct import *im)
{
    for (size_t i = 0; i < im->refi->sources.count; i++) {
        const struct refi_source *source = &im->refi->sources.items[i];
        const struct planned_source *plan = &im->sources[i];
        if (plan->skip)
            continue;
        for (size_t s = 0; s < source->selections.count; s++) {
            const struct refi_selection *selection = &source->selections.items[s];
            if (selection->codings.count == 0) {
                if (!warn(im, "selections that carry no code were skipped"))
                    return false;
                continue;
            }
            char *memo = NULL;
            if (!refi_notes_text(im->refi, selection->description, &selection->notes, &memo))
                return error_internal(im->err, "out of memory");
            bool ok = true;
            for (size_t c = 0; ok && c < selection->codings.count; c++)
                ok = add_coding(im, plan->id, &selection->codings.items[c], selection->creator,
                                selection->start, selection->end, memo);
            free(memo);
            if (!ok)
                return false;
        }
        for (size_t c = 0; c < source->codings.count; c++) {
            if (!add_coding(im, plan->id, &source->codings.items[c], "", 0,
                            (int64_t)plan->transcript.length, NULL))
                return false;
        }
    }
    return true;
}

static bool import_memos(struct import *im)
{
    const struct refi_project *refi = im->refi;
    char *text = NULL;
    bool ok = refi_notes_text(refi, refi->description, &refi->project_notes, &text) ||
              error_internal(im->err, "out of memory");
    ok = ok && write_memo(im, MEMO_PROJECT, 0, text);
    free(text);
    for (size_t i = 0; ok && i < refi->sources.count; i++) {
        const struct refi_source *source = &refi->sources.items[i];
        if (im->sources[i].skip)
            continue;
        text = NULL;
        ok = (refi_notes_text(refi, source->description, &source->notes, &text) ||
              error_internal(im->err, "out of memory")) &&
             write_memo(im, MEMO_SOURCE, im->sources[i].id, text);
        free(text);
    }
    for (size_t i = 0; ok && refi->codes && i < codetree_count(refi->codes); i++) {
        const char *guid = codetree_get(refi->codes, i)->guid;
        struct refi_ref_list refs = {0};
        for (size_t k = 0; ok && k < refi->code_notes.count; k++) {
            if (strcmp(refi->code_notes.items[k].from, guid) != 0)
                continue;
            struct refi_ref ref = {.line = refi->code_notes.items[k].line};
            memcpy(ref.guid, refi->code_notes.items[k].to, sizeof ref.guid);
            ok = LIST_PUSH(&refs, ref) || error_internal(im->err, "out of memory");
        }
        text = NULL;
        ok = ok && (refi_notes_text(refi, NULL, &refs, &text) ||
                    error_internal(im->err, "out of memory"));
        ok = ok && write_memo(im, MEMO_CODE, im->code_ids[i], text);
        free(text);
        free(refs.items);
    }
    return ok;
}

static bool journal(struct import *im)
{
    struct strbuf summary = STRBUF_INIT;
    int64_t batch;
    bool ok = strbuf_printf(&summary,
                            "imported %s (REFI-QDA): %zu sources added, %zu codes added, %zu "
                            "codings added",
                            im->name, im->report->sources_added, im->report->codes_added,
                            im->report->codings_added) ||
              error_internal(im->err, "out of memory");
    ok = ok && store_journal_new_batch(im->store, &batch, im->err) &&
         store_journal_add(im->store, batch, 0, "refi.import", strbuf_str(&summary), NULL, NULL,
                           im->err);
    strbuf_finish(&summary);
    return ok;
}

bool exchange_import_qdpx_data(struct project *project, const char *data, size_t n,
                               const char *name, enum source_kind kind,
                               struct exchange_report *report, struct error *err)
{
    memset(report, 0, sizeof *report);
    struct refi_project refi;
    if (!qdpx_parse(data, n, name, &refi, err))
        return false;
    /* The reader's warnings become the report's. */
    report->warnings = refi.warnings;
    memset(&refi.warnings, 0, sizeof refi.warnings);

    struct import im = {
        .project = project,
        .store = project_store(project),
        .refi = &refi,
        .name = name,
        .report = report,
        .err = err,
    };
    bool ok = false;
    bool in_transaction = false;
    if (!plan_sources(&im) || !store_begin(im.store, err))
        goto cleanup;
    in_transaction = true;
    /* With the write lock held, the codebook as it is now. */
    if (!project_reload_codes(project, err) || !import_users(&im) || !import_codes(&im) ||
        !import_sources(&im, kind) || !import_cases(&im) || !import_codings(&im) ||
        !import_memos(&im) || !journal(&im))
        goto cleanup;
    /* Reloading checks the codebook's tree before anything is committed. */
    if (!project_reload_codes(project, err))
        goto cleanup;
    in_transaction = false;
    ok = store_commit(im.store, err);
cleanup:
    if (in_transaction)
        store_rollback(im.store);
    if (!ok)
        project_reload_codes(project, &(struct error){0});
    finish_plans(&im);
    turns_rule_destroy(im.rule);
    free(im.code_ids);
    free(im.coders.items);
    refi_project_finish(&refi);
    return ok;
}

bool exchange_import_qdpx(struct project *project, const char *path, enum source_kind kind,
                          struct exchange_report *report, struct error *err)
{
    char *data;
    size_t n;
    memset(report, 0, sizeof *report);
    if (!file_read(path, ARCHIVE_MAX_BYTES, &data, &n, err))
        return false;
    bool ok = exchange_import_qdpx_data(project, data, n, path, kind, report, err);
    free(data);
    return ok;
}
