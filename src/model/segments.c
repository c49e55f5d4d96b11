#include "model/segments.h"

#include "core/codetree.h"
#include "core/list.h"
#include "core/motion.h"
#include "core/text.h"
#include "store/people.h"
#include "store/sources.h"

#include <stdlib.h>
#include <string.h>

struct id_key {
    int64_t id;
    size_t index;
};

struct segment_list {
    struct segment *items;
    size_t count, cap;
};

struct segment_set {
    struct project *project;
    struct source_list sources; /* by name */
    struct coder_list coders;   /* by name */
    struct id_key *source_keys; /* by id */
    struct casebook *cases;
    struct segment_list segments;
};

static int compare_keys(const void *a, const void *b)
{
    int64_t x = ((const struct id_key *)a)->id, y = ((const struct id_key *)b)->id;
    return (x > y) - (x < y);
}

struct segment_set *segment_set_create(struct project *project, struct error *err)
{
    struct segment_set *set = calloc(1, sizeof *set);
    if (!set) {
        error_internal(err, "out of memory");
        return NULL;
    }
    set->project = project;
    struct store *store = project_store(project);
    if (!store_sources_list(store, &set->sources, err) ||
        !store_coders_list(store, &set->coders, err) || !(set->cases = casebook_load(project, err)))
        goto fail;
    set->source_keys = calloc(set->sources.count + 1, sizeof *set->source_keys);
    if (!set->source_keys) {
        error_internal(err, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < set->sources.count; i++)
        set->source_keys[i] = (struct id_key){set->sources.items[i].id, i};
    qsort(set->source_keys, set->sources.count, sizeof *set->source_keys, compare_keys);
    return set;
fail:
    segment_set_destroy(set);
    return NULL;
}

static void segment_free(struct segment *s)
{
    free((char *)s->memo);
    free(s->text);
    free(s->before);
    free(s->after);
    free(s->speaker);
}

void segment_set_destroy(struct segment_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->segments.count; i++)
        segment_free(&set->segments.items[i]);
    free(set->segments.items);
    free(set->source_keys);
    casebook_destroy(set->cases);
    row_source_list_finish(&set->sources);
    row_coder_list_finish(&set->coders);
    free(set);
}

static const struct source_row *source_of(const struct segment_set *set, int64_t id)
{
    struct id_key key = {id, 0};
    const struct id_key *found =
        bsearch(&key, set->source_keys, set->sources.count, sizeof *set->source_keys, compare_keys);
    return found ? &set->sources.items[found->index] : NULL;
}

bool segment_set_add(struct segment_set *set, const struct coding_row *coding, int code,
                     struct error *err)
{
    const struct source_row *source = source_of(set, coding->source_id);
    if (!source)
        return error_internal(err, "a segment of a source the project lacks (%lld)",
                              (long long)coding->source_id);
    if (!casebook_selected(set->cases, source->case_id))
        return true;
    struct segment s = {
        .coding_id = coding->id,
        .source_id = coding->source_id,
        .case_id = source->case_id,
        .coder_id = coding->coder_id,
        .code = code,
        .start = coding->start,
        .end = coding->end,
        .source = source->name,
        .case_name = casebook_case_name(set->cases, source->case_id),
        .coder = "",
    };
    for (size_t i = 0; coding->coder_id && i < set->coders.count; i++) {
        if (set->coders.items[i].id == coding->coder_id)
            s.coder = set->coders.items[i].name;
    }
    if (coding->memo && !(s.memo = strdup(coding->memo)))
        return error_internal(err, "out of memory");
    if (!LIST_PUSH(&set->segments, s)) {
        free((char *)s.memo);
        return error_internal(err, "out of memory");
    }
    return true;
}

static int compare_segments(const void *pa, const void *pb)
{
    const struct segment *a = pa, *b = pb;
    int c = strcmp(a->source, b->source);
    if (c)
        return c;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    if (a->code != b->code) /* outline order is number order */
        return a->code < b->code ? -1 : 1;
    return strcmp(a->coder, b->coder);
}

void segment_set_sort(struct segment_set *set)
{
    if (set->segments.count < 2)
        return; /* an empty set has no array to give qsort */
    qsort(set->segments.items, set->segments.count, sizeof *set->segments.items, compare_segments);
}

size_t segment_set_count(const struct segment_set *set)
{
    return set->segments.count;
}

const struct segment *segment_set_get(const struct segment_set *set, size_t index)
{
    return &set->segments.items[index];
}

struct casebook *segment_set_casebook(struct segment_set *set)
{
    return set->cases;
}

int64_t segment_set_source_id(const struct segment_set *set, const char *name)
{
    for (size_t i = 0; i < set->sources.count; i++) {
        if (strcmp(set->sources.items[i].name, name) == 0)
            return set->sources.items[i].id;
    }
    return 0;
}

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\n' || c == '\t';
}

/* Fills a segment's text, context and speaker from its source's text and turns. */
static bool load_one(struct segment *s, const struct text *text, const struct turn_list *turns,
                     size_t context, struct error *err)
{
    size_t length = text_length(text);
    size_t start = (size_t)s->start, end = (size_t)s->end;
    size_t from = start > context ? start - context : 0;
    size_t to = end + context < length ? end + context : length;
    while (from > 0 && from < start && !is_space(text_char(text, from - 1)))
        from++;
    while (to < length && to > end && !is_space(text_char(text, to)))
        to--;
    int turn = motion_turn_at(turns, s->start);
    free(s->text);
    free(s->before);
    free(s->after);
    free(s->speaker);
    s->text = text_slice(text, start, end);
    s->before = text_slice(text, from, start);
    s->after = text_slice(text, end, to);
    s->speaker = strdup(turn >= 0 ? turns->items[turn].speaker : "");
    if (!s->text || !s->before || !s->after || !s->speaker)
        return error_internal(err, "out of memory loading segments");
    return true;
}

bool segment_set_load(struct segment_set *set, size_t from, size_t to, size_t context,
                      struct error *err)
{
    if (to > set->segments.count)
        to = set->segments.count;
    struct text *text = NULL;
    struct turn_list turns = {0};
    int64_t loaded = 0;
    bool ok = true;
    for (size_t i = from; ok && i < to; i++) {
        struct segment *s = &set->segments.items[i];
        if (s->source_id != loaded) {
            text_destroy(text);
            row_turn_list_finish(&turns);
            text = project_source_text(set->project, s->source_id, err);
            ok = text && store_source_turns(project_store(set->project), s->source_id, &turns, err);
            loaded = s->source_id;
        }
        ok = ok && load_one(s, text, &turns, context, err);
    }
    text_destroy(text);
    row_turn_list_finish(&turns);
    return ok;
}
