#include "model/exchange.h"

#include "core/guid.h"
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

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* ---- Export ---- */

/* Derives the GUID of `kind` ("margin source") from a printf-style key. */
static void derive(char out[REFI_GUID_SIZE], const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void derive(char out[REFI_GUID_SIZE], const char *kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[512];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof small) {
        guid_derive(kind, small, (size_t)n, out);
        return;
    }
    /* A long key (a long name): format it again into a buffer of its own. */
    va_start(ap, fmt);
    char *big = n > 0 ? malloc((size_t)n + 1) : NULL;
    if (big)
        vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    guid_derive(kind, big ? big : small, big ? (size_t)n : strlen(small), out);
    free(big);
}

struct exporter {
    struct project *project;
    struct store *store;
    struct refi_project *refi;
    struct coder_list coders;
    size_t detached; /* detached codings written as notes */
    struct error *err;
};

static bool oom(struct exporter *ex)
{
    return error_internal(ex->err, "out of memory exporting the project");
}

/* Adds a note holding `text` (owned by the caller) about `what`, and refers to it from refs. */
/* Adds a note named `name` holding `text` (its GUID derived from `kind` and `key`) to the
 * archive, and a reference to it to refs. */
static bool add_named_note(struct exporter *ex, const char *kind, const char *key, const char *name,
                           const char *text, struct refi_ref_list *refs)
{
    struct refi_source note = {0};
    derive(note.guid, kind, "%s", key);
    if (!(note.name = strdup(name)) || !(note.text = strdup(text))) {
        refi_source_finish(&note);
        return oom(ex);
    }
    note.size = strlen(note.text);
    struct refi_ref ref = {0};
    memcpy(ref.guid, note.guid, sizeof ref.guid);
    if (!LIST_PUSH(&ex->refi->notes, note)) {
        refi_source_finish(&note);
        return oom(ex);
    }
    return (refs ? LIST_PUSH(refs, ref) : true) || oom(ex);
}

/* Adds the memo `text` on `what` (the thing whose GUID is target_guid) as a note. */
static bool add_note(struct exporter *ex, const char *target_guid, const char *what,
                     const char *text, struct refi_ref_list *refs)
{
    struct strbuf name = STRBUF_INIT;
    bool ok = (strbuf_printf(&name, "Memo on %s", what) || oom(ex)) &&
              add_named_note(ex, "margin memo", target_guid, strbuf_str(&name), text, refs);
    strbuf_finish(&name);
    return ok;
}

static const char *coder_name(const struct exporter *ex, int64_t id)
{
    for (size_t i = 0; i < ex->coders.count; i++) {
        if (ex->coders.items[i].id == id)
            return ex->coders.items[i].name;
    }
    return "";
}

static void coder_guid(const char *name, char out[REFI_GUID_SIZE])
{
    derive(out, "margin coder", "%s", name);
}

static bool export_users(struct exporter *ex)
{
    if (!store_coders_list(ex->store, &ex->coders, ex->err))
        return false;
    for (size_t i = 0; i < ex->coders.count; i++) {
        struct refi_user user = {0};
        coder_guid(ex->coders.items[i].name, user.guid);
        if (!(user.name = strdup(ex->coders.items[i].name)) || !LIST_PUSH(&ex->refi->users, user)) {
            free(user.name);
            return oom(ex);
        }
    }
    return true;
}

static bool export_codes(struct exporter *ex)
{
    const struct codetree *tree = project_codes(ex->project);
    if (codetree_count(tree) == 0)
        return true;
    struct codetree *copy = codetree_create();
    if (!copy)
        return oom(ex);
    ex->refi->codes = copy;
    /* GUIDs in lowercase, as margin reads them, so that an imported project exports the same. */
    for (size_t i = 0; i < codetree_count(tree); i++) {
        struct code code = *codetree_get(tree, i);
        refi_guid_parse(code.guid, code.guid);
        if (!codetree_add(copy, &code))
            return oom(ex);
    }
    if (!codetree_index(copy, ex->err))
        return false;
    for (size_t i = 0; i < codetree_count(copy); i++) {
        const struct code *code = codetree_get(copy, i);
        char *memo = NULL;
        if (!store_memo_get(ex->store, MEMO_CODE, code->id, &memo, ex->err))
            return false;
        if (!memo)
            continue;
        struct strbuf what = STRBUF_INIT;
        bool ok = strbuf_printf(&what, "the code %s", code->name) || oom(ex);
        ok = ok && add_note(ex, code->guid, strbuf_str(&what), memo, NULL);
        struct refi_link link = {0};
        memcpy(link.from, code->guid, sizeof link.from);
        if (ok)
            memcpy(link.to, ex->refi->notes.items[ex->refi->notes.count - 1].guid, sizeof link.to);
        ok = ok && (LIST_PUSH(&ex->refi->code_notes, link) || oom(ex));
        strbuf_finish(&what);
        free(memo);
        if (!ok)
            return false;
    }
    return true;
}

static enum refi_variable_type variable_type_of(enum attribute_type type)
{
    switch (type) {
    case ATTRIBUTE_INTEGER:
        return REFI_VARIABLE_INTEGER;
    case ATTRIBUTE_REAL:
        return REFI_VARIABLE_FLOAT;
    case ATTRIBUTE_DATE:
        return REFI_VARIABLE_DATE;
    case ATTRIBUTE_BOOLEAN:
        return REFI_VARIABLE_BOOLEAN;
    case ATTRIBUTE_TEXT:
        break;
    }
    return REFI_VARIABLE_TEXT;
}

/* A real number as xsd:decimal writes it: "1.5e3" is "1500", "2.5E-3" is "0.0025". */
static char *decimal_of(const char *value)
{
    const char *s = value;
    struct strbuf out = STRBUF_INIT;
    bool ok = true;
    if (*s == '+' || *s == '-') {
        ok = *s == '-' ? strbuf_putc(&out, '-') : true;
        s++;
    }
    char digits[400];
    size_t n = 0;
    long point = -1; /* digits before the decimal point */
    for (; ok && (*s >= '0' && *s <= '9'); s++) {
        if (n + 1 < sizeof digits)
            digits[n++] = *s;
    }
    point = (long)n;
    if (*s == '.') {
        for (s++; *s >= '0' && *s <= '9'; s++) {
            if (n + 1 < sizeof digits)
                digits[n++] = *s;
        }
    }
    if (*s == 'e' || *s == 'E') {
        long exponent = strtol(s + 1, NULL, 10);
        if (exponent > 300)
            exponent = 300;
        if (exponent < -300)
            exponent = -300;
        point += exponent;
    } else if (*s) {
        /* Not a plain decimal with an exponent (hexadecimal, say): as C reads it. */
        strbuf_finish(&out);
        char text[64];
        snprintf(text, sizeof text, "%.17f", strtod(value, NULL));
        return strdup(text);
    }
    if (n == 0)
        ok = ok && strbuf_putc(&out, '0');
    if (point <= 0) {
        ok = ok && strbuf_puts(&out, "0.");
        for (long i = point; ok && i < 0; i++)
            ok = strbuf_putc(&out, '0');
        ok = ok && strbuf_append(&out, digits, n);
    } else {
        for (long i = 0; ok && i < point; i++)
            ok = strbuf_putc(&out, i < (long)n ? digits[i] : '0');
        if (ok && point < (long)n) {
            ok = strbuf_putc(&out, '.') && strbuf_append(&out, digits + point, n - (size_t)point);
        }
    }
    char *result = ok ? strbuf_detach(&out) : NULL;
    strbuf_finish(&out);
    return result;
}

/* A value as its variable's XSD type writes it. */
static char *xsd_value(enum attribute_type type, const char *value)
{
    if (type == ATTRIBUTE_BOOLEAN)
        return strdup(strcasecmp(value, "true") == 0 || strcasecmp(value, "yes") == 0 ? "true"
                                                                                      : "false");
    if (type == ATTRIBUTE_REAL)
        return decimal_of(value);
    return strdup(value);
}

static bool export_cases(struct exporter *ex, const struct source_list *sources,
                         const char (*source_guids)[REFI_GUID_SIZE])
{
    struct attribute_list attributes = {0};
    struct case_list cases = {0};
    struct case_value_list values = {0};
    bool ok = store_attributes_list(ex->store, &attributes, ex->err) &&
              store_cases_list(ex->store, &cases, ex->err) &&
              store_case_values_list(ex->store, &values, ex->err);
    for (size_t a = 0; ok && a < attributes.count; a++) {
        struct refi_variable variable = {.type = variable_type_of(attributes.items[a].type)};
        derive(variable.guid, "margin attribute", "%s", attributes.items[a].name);
        if (!(variable.name = strdup(attributes.items[a].name)) ||
            !LIST_PUSH(&ex->refi->variables, variable)) {
            free(variable.name);
            ok = oom(ex);
        }
    }
    for (size_t c = 0; ok && c < cases.count; c++) {
        const struct case_row *row = &cases.items[c];
        struct refi_case rc = {0};
        derive(rc.guid, "margin case", "%s", row->name);
        ok = (rc.name = strdup(row->name)) != NULL || oom(ex);
        ok = ok && store_memo_get(ex->store, MEMO_CASE, row->id, &rc.description, ex->err);
        for (size_t a = 0; ok && a < attributes.count; a++) {
            for (size_t v = 0; ok && v < values.count; v++) {
                const struct case_value_row *value = &values.items[v];
                if (value->case_id != row->id || value->attribute_id != attributes.items[a].id ||
                    !*value->value)
                    continue;
                struct refi_value rv = {0};
                memcpy(rv.variable, ex->refi->variables.items[a].guid, sizeof rv.variable);
                rv.value = xsd_value(attributes.items[a].type, value->value);
                if (!rv.value || !LIST_PUSH(&rc.values, rv)) {
                    free(rv.value);
                    ok = oom(ex);
                }
            }
        }
        for (size_t s = 0; ok && s < sources->count; s++) {
            if (sources->items[s].case_id != row->id)
                continue;
            struct refi_ref ref = {0};
            memcpy(ref.guid, source_guids[s], sizeof ref.guid);
            ok = LIST_PUSH(&rc.sources, ref) || oom(ex);
        }
        if (ok && !LIST_PUSH(&ex->refi->cases, rc))
            ok = oom(ex);
        if (!ok) {
            free(rc.name);
            free(rc.description);
            for (size_t v = 0; v < rc.values.count; v++)
                free(rc.values.items[v].value);
            free(rc.values.items);
            free(rc.sources.items);
        }
    }
    row_attribute_list_finish(&attributes);
    row_case_list_finish(&cases);
    row_case_value_list_finish(&values);
    return ok;
}

/* A coding with what orders it in the export. */
struct sorted_coding {
    const struct coding_row *row;
    int code; /* index in the codebook's outline order */
    const char *coder;
};

/* Every coding of the project, listed once (a query per source would scan them all each
 * time), in the order export writes them. */
struct all_codings {
    struct coding_list list;
    struct sorted_coding *sorted; /* by source id, start, end, code, coder */
    size_t count;
};

static int compare_codings(const void *a, const void *b)
{
    const struct sorted_coding *x = a, *y = b;
    if (x->row->source_id != y->row->source_id)
        return x->row->source_id < y->row->source_id ? -1 : 1;
    if (x->row->start != y->row->start)
        return x->row->start < y->row->start ? -1 : 1;
    if (x->row->end != y->row->end)
        return x->row->end < y->row->end ? -1 : 1;
    if (x->code != y->code)
        return x->code < y->code ? -1 : 1;
    return strcmp(x->coder, y->coder);
}

/* Lists and sorts every coding, attached or detached, of a code the codebook has; the caller
 * finishes `all`. */
static bool collect_codings(struct exporter *ex, struct all_codings *all)
{
    const struct codetree *tree = project_codes(ex->project);
    struct coding_filter every = {.state = CODINGS_ALL};
    if (!store_codings_list(ex->store, &every, &all->list, ex->err))
        return false;
    if (!(all->sorted = calloc(all->list.count ? all->list.count : 1, sizeof *all->sorted)))
        return oom(ex);
    for (size_t i = 0; i < all->list.count; i++) {
        const struct coding_row *row = &all->list.items[i];
        int code = codetree_find_id(tree, row->code_id);
        if (code >= 0)
            all->sorted[all->count++] =
                (struct sorted_coding){row, code, coder_name(ex, row->coder_id)};
    }
    qsort(all->sorted, all->count, sizeof *all->sorted, compare_codings);
    return true;
}

static void all_codings_finish(struct all_codings *all)
{
    free(all->sorted);
    row_coding_list_finish(&all->list);
}

/* The index in all->sorted of the source's first coding (all->count when it has none). */
static size_t first_coding_of(const struct all_codings *all, int64_t source_id)
{
    size_t low = 0, high = all->count;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        if (all->sorted[mid].row->source_id < source_id)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

/* Adds a note on the source for a detached coding, which the standard has no place for: who
 * coded which code, where it stood and its memo, so that an archive loses none of it. */
static bool add_detached_note(struct exporter *ex, struct refi_source *source,
                              const char *source_name, const struct coding_row *c, const char *who,
                              const struct code *code)
{
    char label[256];
    struct strbuf name = STRBUF_INIT, text = STRBUF_INIT, key = STRBUF_INIT;
    bool ok = project_code_label(ex->project, c->code_id, label, sizeof label, ex->err);
    ok = ok && ((strbuf_printf(&name, "Detached coding of %s by %s", label, who) &&
                 strbuf_printf(&text,
                               "%s's coding of %s in %s is detached: a new version of the "
                               "source's text deleted what it covered. It stood at character "
                               "%" PRId64 ". margin keeps it until it is attached again or "
                               "dropped.",
                               who, label, source_name, c->start) &&
                 (!c->memo || strbuf_printf(&text, "\n\nIts memo:\n%s", c->memo)) &&
                 strbuf_printf(&key, "%s %s %" PRId64, source->guid, code->guid, c->id)) ||
                oom(ex));
    ok = ok && add_named_note(ex, "margin detached coding", strbuf_str(&key), strbuf_str(&name),
                              strbuf_str(&text), &source->notes);
    ex->detached += ok;
    strbuf_finish(&name);
    strbuf_finish(&text);
    strbuf_finish(&key);
    return ok;
}

/* Adds a source's codings as selections, one coding each, in text order, and its detached
 * codings as notes on it. */
static bool export_codings(struct exporter *ex, struct refi_source *source,
                           const struct source_row *row, const struct all_codings *all)
{
    bool ok = true;
    for (size_t i = first_coding_of(all, row->id);
         ok && i < all->count && all->sorted[i].row->source_id == row->id; i++) {
        const struct coding_row *c = all->sorted[i].row;
        const char *who = all->sorted[i].coder;
        int exported = codetree_find_id(ex->refi->codes, c->code_id);
        const struct code *code = codetree_get(ex->refi->codes, (size_t)exported);
        if (c->detached) {
            ok = add_detached_note(ex, source, row->name, c, who, code);
            continue;
        }
        struct refi_selection selection = {.start = c->start, .end = c->end};
        struct refi_coding coding = {0};
        char coder[REFI_GUID_SIZE];
        coder_guid(who, coder);
        derive(selection.guid, "margin selection", "%s %s %s %" PRId64 " %" PRId64, source->guid,
               code->guid, coder, c->start, c->end);
        derive(coding.guid, "margin coding", "%s", selection.guid);
        memcpy(selection.creator, coder, sizeof selection.creator);
        memcpy(coding.creator, coder, sizeof coding.creator);
        memcpy(coding.code, code->guid, sizeof coding.code);
        if (c->memo) {
            struct strbuf what = STRBUF_INIT;
            ok = (strbuf_printf(&what, "%s's coding of %s %" PRId64 "-%" PRId64 " as %s", who,
                                row->name, c->start, c->end, code->name) ||
                  oom(ex)) &&
                 add_note(ex, selection.guid, strbuf_str(&what), c->memo, &selection.notes);
            strbuf_finish(&what);
        }
        if (ok &&
            (!LIST_PUSH(&selection.codings, coding) || !LIST_PUSH(&source->selections, selection)))
            ok = oom(ex);
        if (!ok)
            refi_selection_finish(&selection);
    }
    return ok;
}

static bool export_sources(struct exporter *ex)
{
    struct source_list sources = {0};
    struct all_codings codings = {0};
    char(*guids)[REFI_GUID_SIZE] = NULL;
    bool ok = store_sources_list(ex->store, &sources, ex->err) && collect_codings(ex, &codings);
    if (ok && !(guids = calloc(sources.count ? sources.count : 1, sizeof *guids)))
        ok = oom(ex);
    for (size_t i = 0; ok && i < sources.count; i++) {
        const struct source_row *row = &sources.items[i];
        struct refi_source source = {0};
        derive(guids[i], "margin source", "%s%c%s", row->name, '\0', row->sha256);
        memcpy(source.guid, guids[i], sizeof source.guid);
        ok = (source.name = strdup(row->name)) != NULL || oom(ex);
        ok = ok && store_source_text(ex->store, row->id, &source.text, &source.size, ex->err);
        char *memo = NULL;
        ok = ok && store_memo_get(ex->store, MEMO_SOURCE, row->id, &memo, ex->err);
        if (ok && memo) {
            struct strbuf what = STRBUF_INIT;
            ok = (strbuf_printf(&what, "the source %s", row->name) || oom(ex)) &&
                 add_note(ex, source.guid, strbuf_str(&what), memo, &source.notes);
            strbuf_finish(&what);
        }
        free(memo);
        ok = ok && export_codings(ex, &source, row, &codings);
        if (ok && !LIST_PUSH(&ex->refi->sources, source))
            ok = oom(ex);
        if (!ok)
            refi_source_finish(&source);
    }
    ok = ok && export_cases(ex, &sources, (const char(*)[REFI_GUID_SIZE])guids);
    free(guids);
    all_codings_finish(&codings);
    row_source_list_finish(&sources);
    return ok;
}

/* The project's name: its file's name without folder and extension. */
static char *project_name(struct project *project)
{
    const char *path = project_path(project);
    if (!path || strcmp(path, ":memory:") == 0)
        return strdup("margin project");
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    return strndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

bool exchange_export_qdpx(struct project *project, FILE *out, size_t *detached, struct error *err)
{
    struct refi_project refi = {0};
    struct exporter ex = {project, project_store(project), &refi, {0}, 0, err};
    bool ok = (refi.name = project_name(project)) && (refi.origin = strdup("margin"));
    if (!ok)
        oom(&ex);
    char *memo = NULL;
    ok = ok && export_users(&ex) && export_codes(&ex) && export_sources(&ex) &&
         store_memo_get(ex.store, MEMO_PROJECT, 0, &memo, err);
    if (ok && memo) {
        char guid[REFI_GUID_SIZE];
        derive(guid, "margin project", "%s", refi.name);
        ok = add_note(&ex, guid, "the project", memo, &refi.project_notes);
    }
    free(memo);
    ok = ok && qdpx_write(&refi, out, err);
    *detached = ex.detached;
    row_coder_list_finish(&ex.coders);
    refi_project_finish(&refi);
    return ok;
}
