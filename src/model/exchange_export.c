/* Exporting the project as a REFI-QDA project (.qdpx). */
#include "model/exchange.h"

#include "core/guid.h"
#include "core/list.h"
#include "core/strbuf.h"
#include "io/qdpx.h"
#include "io/refi.h"
#include "store/codings.h"
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
