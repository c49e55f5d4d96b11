#include "core/anchor.h"

#include <stdlib.h>

/* A kept run, or a change that deletes old_length characters and inserts new_length. Changes
 * that only insert have no piece: they show in the new offsets of the pieces after them. */
struct anchor_piece {
    int64_t old_start;
    int64_t new_start;
    int64_t old_length;
    int64_t new_length;
    int64_t deleted_before; /* old characters deleted before old_start */
    bool kept;
};

const char *anchor_change_name(enum anchor_change change)
{
    switch (change) {
    case ANCHOR_UNCHANGED:
        return "unchanged";
    case ANCHOR_MOVED:
        return "moved";
    case ANCHOR_SHRUNK:
        return "shrunk";
    case ANCHOR_GROWN:
        return "grown";
    case ANCHOR_EDITED:
        return "edited";
    case ANCHOR_REPLACED:
        return "replaced";
    case ANCHOR_DETACHED:
        return "detached";
    case ANCHOR_INVALID:
        return "invalid";
    }
    return "?";
}

void anchor_map_finish(struct anchor_map *map)
{
    free(map->pieces);
    *map = (struct anchor_map){0};
}

bool anchor_map_init(struct anchor_map *map, const struct diff_script *script)
{
    anchor_map_finish(map);
    struct anchor_piece *pieces = malloc((script->count + 1) * sizeof *pieces);
    if (!pieces)
        return false;
    size_t count = 0;
    int64_t old_at = 0;
    int64_t new_at = 0;
    int64_t deleted = 0;
    size_t i = 0;
    while (i < script->count) {
        const struct diff_run *r = &script->items[i];
        if (r->length <= 0) {
            i++;
            continue;
        }
        if (r->op == DIFF_EQUAL) {
            pieces[count++] =
                (struct anchor_piece){old_at, new_at, r->length, r->length, deleted, true};
            old_at += r->length;
            new_at += r->length;
            i++;
            continue;
        }
        /* A change: every delete and insert run up to the next kept run that keeps
         * something. */
        int64_t del = 0;
        int64_t ins = 0;
        for (; i < script->count; i++) {
            const struct diff_run *c = &script->items[i];
            if (c->length <= 0)
                continue;
            if (c->op == DIFF_EQUAL)
                break;
            if (c->op == DIFF_DELETE)
                del += c->length;
            else
                ins += c->length;
        }
        if (del > 0)
            pieces[count++] = (struct anchor_piece){old_at, new_at, del, ins, deleted, false};
        old_at += del;
        new_at += ins;
        deleted += del;
    }
    map->pieces = pieces;
    map->count = count;
    map->old_length = old_at;
    map->new_length = new_at;
    return true;
}

/* The piece holding old character x (0 <= x < old_length). */
static const struct anchor_piece *piece_of(const struct anchor_map *map, int64_t x)
{
    size_t lo = 0;
    size_t hi = map->count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (map->pieces[mid].old_start <= x)
            lo = mid;
        else
            hi = mid;
    }
    return &map->pieces[lo];
}

/* Old characters deleted before x, where x lies in piece p or is its end. */
static int64_t deleted_before(const struct anchor_piece *p, int64_t x)
{
    return p->deleted_before + (p->kept ? 0 : x - p->old_start);
}

struct anchor_result anchor_map_span(const struct anchor_map *map, struct span old)
{
    struct anchor_result r = {{0, 0}, ANCHOR_INVALID, 0, 0, 0};
    int64_t s = old.start;
    int64_t e = old.end;
    if (s < 0 || e < s || e > map->old_length)
        return r;
    if (s == e) {
        int64_t at = map->new_length;
        if (s < map->old_length) {
            const struct anchor_piece *p = piece_of(map, s);
            at = p->kept ? p->new_start + (s - p->old_start) : p->new_start + p->new_length;
        }
        r.span = (struct span){at, at};
        r.change = at == s ? ANCHOR_UNCHANGED : ANCHOR_MOVED;
        return r;
    }
    const struct anchor_piece *first = piece_of(map, s);
    const struct anchor_piece *last = piece_of(map, e - 1);
    /* The first character's new place, or the start of the change that deleted it; the last
     * character's, or the end of the change that deleted it. */
    int64_t start = first->kept ? first->new_start + (s - first->old_start) : first->new_start;
    int64_t end = last->kept ? last->new_start + (e - 1 - last->old_start) + 1
                             : last->new_start + last->new_length;
    r.span = (struct span){start, end};
    r.deleted = deleted_before(last, e) - deleted_before(first, s);
    r.kept = (e - s) - r.deleted;
    r.inserted = (end - start) - r.kept;
    if (r.kept == 0)
        r.change = r.inserted > 0 ? ANCHOR_REPLACED : ANCHOR_DETACHED;
    else if (r.deleted == 0 && r.inserted == 0)
        r.change = start == s ? ANCHOR_UNCHANGED : ANCHOR_MOVED;
    else if (r.inserted == 0)
        r.change = ANCHOR_SHRUNK;
    else if (r.deleted == 0)
        r.change = ANCHOR_GROWN;
    else
        r.change = ANCHOR_EDITED;
    return r;
}

bool anchor_remap(const struct diff_script *script, const struct span *old, size_t n,
                  struct anchor_result *out)
{
    struct anchor_map map = {0};
    if (!anchor_map_init(&map, script))
        return false;
    for (size_t i = 0; i < n; i++)
        out[i] = anchor_map_span(&map, old[i]);
    anchor_map_finish(&map);
    return true;
}
