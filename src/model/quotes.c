#include "model/quotes.h"

#include "core/citation.h"
#include "core/codetree.h"
#include "core/strbuf.h"
#include "model/history.h"
#include "model/retrieve.h"
#include "store/codings.h"
#include "store/people.h"
#include "store/quotes.h"
#include "store/sources.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The fields every project has; case.ATTRIBUTE adds one per attribute. */
enum fixed_field {
    FIELD_SOURCE_NAME,
    FIELD_SOURCE_NUMBER,
    FIELD_SOURCE_KIND,
    FIELD_CASE_NAME,
    FIELD_SPEAKER,
    FIELD_CODER,
    FIELD_CODE_NUMBER,
    FIELD_CODE_NAME,
    FIXED_FIELDS
};

static const char *const fixed_fields[FIXED_FIELDS] = {
    [FIELD_SOURCE_NAME] = "source.name", [FIELD_SOURCE_NUMBER] = "source.number",
    [FIELD_SOURCE_KIND] = "source.kind", [FIELD_CASE_NAME] = "case.name",
    [FIELD_SPEAKER] = "speaker",         [FIELD_CODER] = "coder",
    [FIELD_CODE_NUMBER] = "code.number", [FIELD_CODE_NAME] = "code.name",
};

/* What a field of a template stands for. */
struct field {
    int fixed;        /* an index into fixed_fields, or -1 for an attribute */
    size_t attribute; /* for an attribute: its index in the casebook */
};

/* A template read and resolved against a casebook: parts and, for each field part, what it
 * stands for. */
struct label_template {
    struct citation parts;
    struct field *fields; /* per part */
};

static void template_finish(struct label_template *t)
{
    citation_finish(&t->parts);
    free(t->fields);
    t->fields = NULL;
}

/* "source.name, ... and case.ATTRIBUTE for ATTR, ATTR" for messages. */
static void describe_fields(const struct casebook *book, struct strbuf *out)
{
    strbuf_puts(out, "the fields are ");
    for (size_t i = 0; i < FIXED_FIELDS; i++)
        strbuf_printf(out, "%s%s", i ? ", " : "", fixed_fields[i]);
    size_t n = casebook_attribute_count(book);
    if (!n) {
        strbuf_puts(out, ", and case.ATTRIBUTE once the cases have attributes");
        return;
    }
    strbuf_puts(out, " and case.ATTRIBUTE for the attributes ");
    for (size_t a = 0; a < n; a++)
        strbuf_printf(out, "%s%s", a ? ", " : "", casebook_attribute(book, a)->name);
}

/* Reads `text` and resolves its fields against the casebook's attributes. */
static bool template_read(const char *text, const struct casebook *book, struct label_template *t,
                          struct error *err)
{
    memset(t, 0, sizeof *t);
    if (!citation_parse(text, &t->parts, err))
        return false;
    t->fields = calloc(t->parts.count + 1, sizeof *t->fields);
    if (!t->fields)
        return error_internal(err, "out of memory");
    for (size_t i = 0; i < t->parts.count; i++) {
        const struct citation_part *part = &t->parts.items[i];
        if (!part->field)
            continue;
        struct field *f = &t->fields[i];
        f->fixed = -1;
        for (size_t k = 0; k < FIXED_FIELDS && f->fixed < 0; k++) {
            if (strcmp(part->text, fixed_fields[k]) == 0)
                f->fixed = (int)k;
        }
        bool found = f->fixed >= 0;
        if (!found && strncmp(part->text, "case.", 5) == 0) {
            for (size_t a = 0; a < casebook_attribute_count(book) && !found; a++) {
                if (strcmp(part->text + 5, casebook_attribute(book, a)->name) == 0) {
                    f->attribute = a;
                    found = true;
                }
            }
        }
        if (!found) {
            struct strbuf fields = STRBUF_INIT;
            describe_fields(book, &fields);
            error_user(err, "column %zu: unknown field '%s' (%s)", part->column, part->text,
                       strbuf_str(&fields));
            strbuf_finish(&fields);
            return false;
        }
    }
    return true;
}

bool quotes_label_template(struct project *project, char **template, struct error *err)
{
    if (!project_setting(project, QUOTES_LABEL_SETTING, template, err))
        return false;
    if (!*template && !(*template = strdup(QUOTES_LABEL_DEFAULT)))
        return error_internal(err, "out of memory");
    return true;
}

bool quotes_check_template(struct project *project, const char *template, struct error *err)
{
    struct casebook *book = casebook_load(project, err);
    if (!book)
        return false;
    struct label_template t;
    bool ok = template_read(template, book, &t, err);
    template_finish(&t);
    casebook_destroy(book);
    return ok;
}

bool quotes_set_label_template(struct project *project, const char *template, struct error *err)
{
    if (template && *template && !quotes_check_template(project, template, err))
        return false;
    return project_set_setting(project, QUOTES_LABEL_SETTING,
                               template && *template ? template : NULL, err);
}

/* "int01 120-240, 07.01 Structure, coded by A" for messages; without the source and span when
 * source is NULL. */
static void describe_coding(struct project *project, const struct coding_row *c, const char *source,
                            struct strbuf *out)
{
    char label[256] = "";
    project_code_label(project, c->code_id, label, sizeof label, &(struct error){0});
    struct coder_list coders = {0};
    const char *coder = "";
    if (project_coders(project, &coders, &(struct error){0})) {
        for (size_t i = 0; i < coders.count; i++) {
            if (coders.items[i].id == c->coder_id)
                coder = coders.items[i].name;
        }
    }
    if (source)
        strbuf_printf(out, "%s %" PRId64 "-%" PRId64 ", ", source, c->start, c->end);
    strbuf_printf(out, "%s, coded by %s", label, coder);
    row_coder_list_finish(&coders);
}

/* Finds the coding the target names into *out (the caller frees out->memo) and the name of its
 * source into source (size bytes). A detached coding can be named by number, to be unmarked
 * (not `on`). */
static bool find_target(struct project *project, const struct quote_target *target, bool on,
                        struct coding_row *out, char *source, size_t size, struct error *err)
{
    struct store *store = project_store(project);
    memset(out, 0, sizeof *out);
    if (target->coding_id) {
        bool found = false;
        if (!store_coding_get(store, target->coding_id, out, &found, err))
            return false;
        if (!found)
            return error_user(err, "there is no coding number %" PRId64, target->coding_id);
        struct source_list sources = {0};
        if (!store_sources_list(store, &sources, err))
            return false;
        snprintf(source, size, "?");
        for (size_t i = 0; i < sources.count; i++) {
            if (sources.items[i].id == out->source_id)
                snprintf(source, size, "%s", sources.items[i].name);
        }
        row_source_list_finish(&sources);
        if (out->detached && on)
            return error_user(err,
                              "coding %" PRId64 " is detached: its text was deleted (see margin "
                              "detached)",
                              target->coding_id);
        return true;
    }
    struct source_row row;
    if (!store_source_find(store, target->source, &row, err))
        return false;
    free(row.name);
    if (!row.id)
        return error_user(err, "there is no source named '%s'", target->source);
    snprintf(source, size, "%s", target->source);
    struct coding_filter filter = {.source_id = row.id};
    if (target->code) {
        int at = codetree_resolve(project_codes(project), target->code, err);
        if (at < 0)
            return false;
        filter.code_id = codetree_get(project_codes(project), (size_t)at)->id;
    }
    if (target->coded_by) {
        if (!project_coder(project, target->coded_by, false, &filter.coder_id, err))
            return false;
        if (!filter.coder_id)
            return error_user(err, "there is no coder named '%s'", target->coded_by);
    }
    struct coding_list codings = {0};
    if (!store_codings_list(store, &filter, &codings, err))
        return false;
    size_t matches = 0, first = 0;
    for (size_t i = 0; i < codings.count; i++) {
        const struct coding_row *c = &codings.items[i];
        if (c->start == target->start && c->end == target->end && !matches++)
            first = i;
    }
    bool ok = matches == 1;
    if (matches == 0) {
        error_user(err, "%s has no coding from %" PRId64 " to %" PRId64 "%s%s%s%s", source,
                   target->start, target->end, target->code ? " at " : "",
                   target->code ? target->code : "", target->coded_by ? " by " : "",
                   target->coded_by ? target->coded_by : "");
    } else if (matches > 1) {
        struct strbuf list = STRBUF_INIT;
        for (size_t i = 0; i < codings.count; i++) {
            const struct coding_row *c = &codings.items[i];
            if (c->start != target->start || c->end != target->end)
                continue;
            strbuf_puts(&list, list.len ? "; " : "");
            describe_coding(project, c, NULL, &list);
            strbuf_printf(&list, " (coding %" PRId64 ")", c->id);
        }
        error_user(err,
                   "%zu codings span %" PRId64 "-%" PRId64 " of %s: %s; say which with --code, "
                   "--coded-by or --coding",
                   matches, target->start, target->end, source, strbuf_str(&list));
        strbuf_finish(&list);
    } else {
        *out = codings.items[first];
        codings.items[first].memo = NULL;
    }
    row_coding_list_finish(&codings);
    return ok;
}

bool quotes_mark(struct project *project, const struct quote_target *target, bool on,
                 const char *coder, char *message, size_t size, struct error *err)
{
    struct coding_row coding;
    char source[256];
    int64_t coder_id = 0;
    if (!find_target(project, target, on, &coding, source, sizeof source, err))
        return false;
    free(coding.memo);
    bool quoted = false;
    if (!store_quote_get(project_store(project), coding.id, &quoted, err) ||
        !project_coder(project, coder, true, &coder_id, err))
        return false;
    struct strbuf line = STRBUF_INIT;
    if (quoted == on) {
        strbuf_puts(&line, on ? "already a quote: " : "not a quote: ");
        describe_coding(project, &coding, source, &line);
        strbuf_puts(&line, "; nothing changed");
        snprintf(message, size, "%s", strbuf_str(&line));
        strbuf_finish(&line);
        return true;
    }
    strbuf_puts(&line, on ? "marked as a quote: " : "no longer a quote: ");
    describe_coding(project, &coding, source, &line);
    struct history_batch batch;
    bool ok = history_begin(&batch, project, coder_id, strbuf_str(&line), err);
    if (ok) {
        struct change forward = {
            .kind = CHANGE_QUOTE_SET, .coding = {.id = coding.id}, .quote = on};
        struct change backward = forward;
        backward.quote = !on;
        ok = history_change(&batch, &forward, &backward, err);
        if (ok)
            ok = history_commit(&batch, err);
        else
            history_abort(&batch);
    }
    if (ok)
        snprintf(message, size, "%s", strbuf_str(&line));
    strbuf_finish(&line);
    return ok;
}

struct quote_set {
    struct project *project;
    struct segment_set *segments;
    char **labels; /* per segment */
};

void quote_set_destroy(struct quote_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; set->labels && i < segment_set_count(set->segments); i++)
        free(set->labels[i]);
    free(set->labels);
    segment_set_destroy(set->segments);
    free(set);
}

size_t quote_set_count(const struct quote_set *set)
{
    return segment_set_count(set->segments);
}

const struct segment *quote_set_get(const struct quote_set *set, size_t index)
{
    return segment_set_get(set->segments, index);
}

const char *quote_set_label(const struct quote_set *set, size_t index)
{
    return set->labels[index];
}

bool quote_set_in_cell(const struct quote_set *set, size_t index, int64_t case_id, int code)
{
    const struct segment *s = segment_set_get(set->segments, index);
    return s->case_id == case_id && s->code >= 0 &&
           codetree_within(project_codes(set->project), s->code, code);
}

static bool is_quote(const void *context, const struct coding_row *coding)
{
    return quote_id_list_has(context, coding->id);
}

/* The kind of the source with this id ("" when unknown). */
static const char *kind_of(const struct source_list *sources, int64_t id)
{
    for (size_t i = 0; i < sources->count; i++) {
        if (sources->items[i].id == id)
            return row_kind_name(sources->items[i].kind);
    }
    return "";
}

/* Writes the label of a segment by the template. */
static bool render(const struct quote_set *set, const struct label_template *t,
                   const struct segment *s, const char *kind, struct strbuf *out)
{
    const struct codetree *codes = project_codes(set->project);
    struct casebook *book = segment_set_casebook(set->segments);
    bool ok = true;
    for (size_t i = 0; ok && i < t->parts.count; i++) {
        const struct citation_part *part = &t->parts.items[i];
        if (!part->field) {
            ok = strbuf_puts(out, part->text);
            continue;
        }
        char number[OUTLINE_TEXT_MAX] = "";
        const char *value = "";
        switch (t->fields[i].fixed) {
        case FIELD_SOURCE_NAME:
            value = s->source;
            break;
        case FIELD_SOURCE_NUMBER:
            citation_number(s->source, number, sizeof number);
            value = number;
            break;
        case FIELD_SOURCE_KIND:
            value = kind;
            break;
        case FIELD_CASE_NAME:
            value = s->case_name;
            break;
        case FIELD_SPEAKER:
            value = s->speaker ? s->speaker : "";
            break;
        case FIELD_CODER:
            value = s->coder;
            break;
        case FIELD_CODE_NUMBER:
            if (s->code >= 0)
                codetree_number_text(codes, s->code, number);
            value = number;
            break;
        case FIELD_CODE_NAME:
            value = s->code >= 0 ? codetree_get(codes, (size_t)s->code)->name : "";
            break;
        default:
            value = casebook_value(book, s->case_id, t->fields[i].attribute);
            break;
        }
        ok = strbuf_puts(out, value);
    }
    return ok;
}

struct quote_set *quotes_collect(struct project *project, const struct quotes_request *request,
                                 struct error *err)
{
    struct quote_id_list ids = {0};
    struct source_list sources = {0};
    struct label_template t = {0};
    char *template = NULL;
    bool ok = false;
    struct quote_set *set = calloc(1, sizeof *set);
    if (!set) {
        error_internal(err, "out of memory");
        return NULL;
    }
    set->project = project;
    if (!store_quotes_list(project_store(project), &ids, err) ||
        !store_sources_list(project_store(project), &sources, err))
        goto cleanup;
    if (request->label)
        template = strdup(request->label);
    else if (!quotes_label_template(project, &template, err))
        goto cleanup;
    if (!template) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    struct retrieval_request retrieval = {
        .code = request->code,
        .subcodes = true,
        .coders = request->coders,
        .ncoders = request->ncoders,
        .sources = request->sources,
        .nsources = request->nsources,
        .cases = request->cases,
        .ncases = request->ncases,
        .where = request->where,
        .keep = is_quote,
        .keep_context = &ids,
    };
    set->segments = retrieve_segments(project, &retrieval, err);
    if (!set->segments)
        goto cleanup;
    if (!template_read(template, segment_set_casebook(set->segments), &t, err))
        goto cleanup;
    size_t n = segment_set_count(set->segments);
    set->labels = calloc(n + 1, sizeof *set->labels);
    if (!set->labels) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    if (!segment_set_load(set->segments, 0, n, 0, err))
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        const struct segment *s = segment_set_get(set->segments, i);
        struct strbuf label = STRBUF_INIT;
        if (!render(set, &t, s, kind_of(&sources, s->source_id), &label) ||
            !(set->labels[i] = strbuf_detach(&label))) {
            strbuf_finish(&label);
            error_internal(err, "out of memory");
            goto cleanup;
        }
    }
    ok = true;
cleanup:
    free(template);
    template_finish(&t);
    quote_id_list_finish(&ids);
    row_source_list_finish(&sources);
    if (!ok) {
        quote_set_destroy(set);
        set = NULL;
    }
    return set;
}

bool quotes_is_marked(struct project *project, int64_t coding_id, bool *marked, struct error *err)
{
    return store_quote_get(project_store(project), coding_id, marked, err);
}
