#include "model/revise.h"

#include "core/utf8.h"
#include "model/speakers.h"
#include "store/codings.h"
#include "store/decisions.h"
#include "store/sources.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void revision_finish(struct revision *r)
{
    free(r->source.name);
    free(r->old_text);
    transcript_finish(&r->next);
    diff_script_finish(&r->script);
    row_coding_list_finish(&r->codings);
    free(r->coding_moves);
    if (r->decisions)
        decision_list_finish(r->decisions);
    free(r->decisions);
    free(r->decision_moves);
    memset(r, 0, sizeof *r);
}

/* Orders indexes of attached codings by code, coder, new span and id. */
struct dup_key {
    int64_t code_id, coder_id, start, end, id;
    size_t index;
};

static int compare_keys(const void *x, const void *y)
{
    const struct dup_key *a = x, *b = y;
    int64_t d[] = {a->code_id - b->code_id, a->coder_id - b->coder_id, a->start - b->start,
                   a->end - b->end, a->id - b->id};
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
        if (d[i])
            return d[i] < 0 ? -1 : 1;
    }
    return 0;
}

/* Detaches every attached coding whose new span another attached coding of its coder and code
 * (with a smaller id) has too. */
static bool mark_duplicates(struct revision *r, struct error *err)
{
    struct dup_key *keys = calloc(r->codings.count + 1, sizeof *keys);
    if (!keys)
        return error_internal(err, "out of memory planning a new text");
    size_t n = 0;
    for (size_t i = 0; i < r->codings.count; i++) {
        const struct coding_row *c = &r->codings.items[i];
        const struct revision_move *m = &r->coding_moves[i];
        if (!m->detached)
            keys[n++] = (struct dup_key){c->code_id,         c->coder_id, m->result.span.start,
                                         m->result.span.end, c->id,       i};
    }
    qsort(keys, n, sizeof *keys, compare_keys);
    for (size_t k = 1; k < n; k++) {
        if (keys[k].code_id == keys[k - 1].code_id && keys[k].coder_id == keys[k - 1].coder_id &&
            keys[k].start == keys[k - 1].start && keys[k].end == keys[k - 1].end) {
            struct revision_move *m = &r->coding_moves[keys[k].index];
            m->detached = true;
            m->duplicate = true;
            m->result.span.end = m->result.span.start;
            r->duplicates++;
        }
    }
    free(keys);
    return true;
}

/* Re-maps the codings and decisions of the revision's source through its script. */
static bool plan_moves(struct project *project, struct revision *r, struct error *err)
{
    struct store *store = project_store(project);
    struct coding_filter filter = {.source_id = r->source.id, .state = CODINGS_ALL};
    if (!store_codings_list(store, &filter, &r->codings, err) ||
        !(r->decisions = calloc(1, sizeof *r->decisions)) ||
        !store_decisions_of_source(store, r->source.id, r->decisions, err))
        return r->decisions ? false : error_internal(err, "out of memory planning a new text");
    struct anchor_map map = {0};
    r->coding_moves = calloc(r->codings.count + 1, sizeof *r->coding_moves);
    r->decision_moves = calloc(r->decisions->count + 1, sizeof *r->decision_moves);
    if (!r->coding_moves || !r->decision_moves || !anchor_map_init(&map, &r->script))
        return error_internal(err, "out of memory planning a new text");
    for (size_t i = 0; i < r->codings.count; i++) {
        const struct coding_row *c = &r->codings.items[i];
        struct revision_move *m = &r->coding_moves[i];
        m->result = anchor_map_span(&map, (struct span){c->start, c->end});
        m->detached = c->detached || m->result.change == ANCHOR_DETACHED ||
                      m->result.change == ANCHOR_INVALID;
        if (m->detached)
            m->result.span.end = m->result.span.start;
    }
    for (size_t i = 0; i < r->decisions->count; i++) {
        const struct decision_row *d = &r->decisions->items[i];
        struct revision_move *m = &r->decision_moves[i];
        m->result = anchor_map_span(&map, (struct span){d->start, d->end});
        m->detached = span_length(m->result.span) == 0;
        for (size_t j = 0; j < i && !m->detached; j++) {
            const struct decision_row *e = &r->decisions->items[j];
            const struct revision_move *o = &r->decision_moves[j];
            m->duplicate = !o->detached && e->code_id == d->code_id &&
                           e->consensus_id == d->consensus_id && e->first_id == d->first_id &&
                           e->second_id == d->second_id &&
                           o->result.span.start == m->result.span.start &&
                           o->result.span.end == m->result.span.end;
            m->detached = m->duplicate;
        }
        if (m->detached)
            r->decisions_dropped++;
        else if (m->result.change != ANCHOR_UNCHANGED)
            r->decisions_moved++;
    }
    anchor_map_finish(&map);
    if (!mark_duplicates(r, err))
        return false;
    for (size_t i = 0; i < r->codings.count; i++) {
        const struct revision_move *m = &r->coding_moves[i];
        r->counts[m->duplicate ? ANCHOR_DETACHED : m->result.change]++;
        if (m->detached && !r->codings.items[i].detached)
            r->newly_detached++;
    }
    return true;
}

bool revision_plan_script(struct project *project, const struct source_row *source, const char *old,
                          size_t old_size, struct transcript *next, struct diff_script *script,
                          struct revision *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    out->source = *source;
    out->source.name = strdup(source->name);
    out->old_text = malloc(old_size + 1);
    out->next = *next;
    *next = (struct transcript){0};
    out->script = *script;
    *script = (struct diff_script){0};
    if (!out->source.name || !out->old_text) {
        revision_finish(out);
        return error_internal(err, "out of memory planning a new text");
    }
    memcpy(out->old_text, old, old_size);
    out->old_text[old_size] = '\0';
    out->old_size = old_size;
    if (!plan_moves(project, out, err)) {
        revision_finish(out);
        return false;
    }
    return true;
}

/* Refuses a new text that is empty, the source's own, or another source's. */
static bool check_new_text(struct project *project, const struct source_row *source,
                           const struct transcript *next, const char *path, struct error *err)
{
    if (next->length == 0)
        return error_user(err, "%s is empty; a source's text cannot be removed this way", path);
    if (strcmp(next->sha256, source->sha256) == 0)
        return error_user(err, "%s holds the text source '%s' has already; nothing to change", path,
                          source->name);
    struct source_list sources = {0};
    if (!store_sources_list(project_store(project), &sources, err))
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < sources.count; i++) {
        if (sources.items[i].id != source->id && strcmp(sources.items[i].sha256, next->sha256) == 0)
            ok = error_user(err,
                            "%s holds the text of source '%s', not a new text for '%s'; "
                            "nothing was changed",
                            path, sources.items[i].name, source->name);
    }
    row_source_list_finish(&sources);
    return ok;
}

bool revision_plan_file(struct project *project, const char *source_name, const char *path,
                        struct revision *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    struct store *store = project_store(project);
    struct source_row source = {0};
    struct transcript next = {0};
    struct diff_script script = {0};
    char *old = NULL;
    size_t old_size = 0;
    bool ok = false;
    if (!store_source_find(store, source_name, &source, err))
        return false;
    if (!source.id) {
        error_user(err, "the project has no source named '%s'", source_name);
        goto cleanup;
    }
    struct turn_rule *rule = NULL;
    bool read = speakers_rule(project, &rule, err) && transcript_read(path, rule, &next, err);
    turns_rule_destroy(rule);
    if (!read || !check_new_text(project, &source, &next, path, err) ||
        !store_source_text(store, source.id, &old, &old_size, err))
        goto cleanup;
    if (!diff_utf8(old, old_size, next.text, next.size, &script) ||
        !diff_cleanup_utf8(&script, old, old_size)) {
        error_internal(err, "out of memory comparing %s with source '%s'", path, source_name);
        goto cleanup;
    }
    ok = revision_plan_script(project, &source, old, old_size, &next, &script, out, err);
cleanup:
    free(source.name);
    free(old);
    transcript_finish(&next);
    diff_script_finish(&script);
    return ok;
}

/* Refuses a correction a source's text cannot hold as it is typed (transcript_parse would change
 * it, and the edit script would no longer fit). */
static bool check_replacement(const char *replacement, int64_t start, struct error *err)
{
    size_t n = strlen(replacement);
    struct text_position bad;
    if (!utf8_validate(replacement, n, &bad))
        return error_user(err,
                          "the correction is not valid UTF-8 (byte 0x%02X at byte %zu of it); "
                          "nothing was changed",
                          (unsigned char)replacement[bad.byte], bad.byte + 1);
    if (memchr(replacement, '\r', n))
        return error_user(err, "the correction holds a carriage return, which a source's text "
                               "cannot; nothing was changed");
    if (start == 0 && strncmp(replacement, "\xEF\xBB\xBF", 3) == 0)
        return error_user(err, "the correction would start the text with a byte order mark, "
                               "which a source's text cannot; nothing was changed");
    return true;
}

/* Sets *script to keep old[0, from) (`start` code points), turn old[from, to) into replacement
 * as a cleaned-up diff of the two, and keep the rest (`rest` code points). */
static bool edit_script(const char *old, size_t from, size_t to, const char *replacement,
                        int64_t start, int64_t rest, struct diff_script *script)
{
    struct diff_script words = {0};
    bool ok = diff_utf8(old + from, to - from, replacement, strlen(replacement), &words) &&
              diff_cleanup_utf8(&words, old + from, to - from) &&
              diff_script_push(script, DIFF_EQUAL, start);
    for (size_t i = 0; ok && i < words.count; i++)
        ok = diff_script_push(script, words.items[i].op, words.items[i].length);
    ok = ok && diff_script_push(script, DIFF_EQUAL, rest);
    script->minimal = words.minimal;
    script->coarse = words.coarse;
    diff_script_finish(&words);
    return ok;
}

/* Refuses a span that is not one of the text or no longer holds `was`, and a correction that
 * changes nothing; sets [*from, *to) to the span's bytes. */
static bool check_span(const struct source_row *source, const char *old, size_t old_size,
                       int64_t start, int64_t end, const char *was, const char *replacement,
                       size_t *from, size_t *to, struct error *err)
{
    int64_t length = (int64_t)utf8_length(old, old_size);
    if (start < 0 || end < start || end > length)
        return error_user(err,
                          "%" PRId64 "-%" PRId64 " is not a span of source '%s', which has %" PRId64
                          " characters; nothing was changed",
                          start, end, source->name, length);
    *from = utf8_offset(old, old_size, (size_t)start);
    *to = utf8_offset(old, old_size, (size_t)end);
    if (was && (strlen(was) != *to - *from || memcmp(old + *from, was, *to - *from) != 0))
        return error_user(err,
                          "source '%s' no longer has '%.80s' at %" PRId64 "-%" PRId64
                          ": it was changed meanwhile; nothing was changed",
                          source->name, was, start, end);
    if (strlen(replacement) == *to - *from && memcmp(old + *from, replacement, *to - *from) == 0)
        return error_user(err, "the correction is the text it replaces; nothing to change");
    return true;
}

bool revision_plan_edit(struct project *project, const char *source_name, int64_t start,
                        int64_t end, const char *was, const char *replacement, struct revision *out,
                        struct error *err)
{
    memset(out, 0, sizeof *out);
    struct store *store = project_store(project);
    struct source_row source = {0};
    struct strbuf text = STRBUF_INIT;
    struct transcript next = {0};
    struct diff_script script = {0};
    struct turn_rule *rule = NULL;
    char *old = NULL;
    size_t old_size = 0, from = 0, to = 0;
    bool ok = false;
    if (!store_source_find(store, source_name, &source, err))
        return false;
    if (!source.id) {
        error_user(err, "the project has no source named '%s'", source_name);
        goto cleanup;
    }
    if (!check_replacement(replacement, start, err) ||
        !store_source_text(store, source.id, &old, &old_size, err) ||
        !check_span(&source, old, old_size, start, end, was, replacement, &from, &to, err))
        goto cleanup;
    if (!strbuf_append(&text, old, from) || !strbuf_puts(&text, replacement) ||
        !strbuf_append(&text, old + to, old_size - to) ||
        !edit_script(old, from, to, replacement, start,
                     (int64_t)utf8_length(old + to, old_size - to), &script)) {
        error_internal(err, "out of memory correcting source '%s'", source_name);
        goto cleanup;
    }
    if (strspn(strbuf_str(&text), " \t\n\f\v") == text.len) {
        error_user(err,
                   "the correction would leave source '%s' without text; a source's text "
                   "cannot be removed; nothing was changed",
                   source_name);
        goto cleanup;
    }
    if (!speakers_rule(project, &rule, err) ||
        !transcript_parse(strbuf_str(&text), text.len, "the corrected text", rule, &next, err) ||
        !check_new_text(project, &source, &next, "the corrected text", err))
        goto cleanup;
    ok = revision_plan_script(project, &source, old, old_size, &next, &script, out, err);
    if (ok) {
        size_t n = strlen(replacement);
        size_t was_clip = utf8_offset(old + from, to - from, 24);
        size_t now_clip = utf8_offset(replacement, n, 24);
        snprintf(out->what, sizeof out->what, "corrected '%.*s%s' to '%.*s%s' in %s", (int)was_clip,
                 old + from, was_clip < to - from ? "..." : "", (int)now_clip, replacement,
                 now_clip < n ? "..." : "", source_name);
    }
cleanup:
    turns_rule_destroy(rule);
    free(source.name);
    free(old);
    strbuf_finish(&text);
    transcript_finish(&next);
    diff_script_finish(&script);
    return ok;
}
