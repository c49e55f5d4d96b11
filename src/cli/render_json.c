#include "cli/render_json.h"

#include "cli/figures.h"
#include "core/agree.h"
#include "io/json.h"

/* The counts of one code (or all) in one source (or pooled) as JSON members. */
static void json_counts(struct json_writer *j, const struct compare_result *r,
                        const struct compare_counts *c)
{
    if (r->mode == COMPARE_SEGMENTS) {
        struct agree_segments s = c->segments;
        struct agree_tally tally = agree_segments_tally(s);
        json_int(j, "n", tally.total);
        json_int(j, "a_segments", s.a_segments);
        json_int(j, "b_segments", s.b_segments);
        json_int(j, "a_matched", s.a_matched);
        json_int(j, "b_matched", s.b_matched);
        figures_json(j, "percent", agree_tally_percent(tally));
        figures_json(j, "kappa", agree_tally_kappa(tally, (int64_t)r->categories));
        return;
    }
    json_int(j, "length", c->length);
    if (r->ncoders == 2) {
        struct agree_table t = c->pairs[0];
        json_int(j, "a", t.a);
        json_int(j, "b", t.b);
        json_int(j, "c", t.c);
        json_int(j, "d", t.d);
        figures_json(j, "percent_agreement", agree_percent(t));
        figures_json(j, "kappa", agree_kappa(t));
        figures_json(j, "positive_agreement", agree_positive(t));
        figures_json(j, "jaccard", agree_jaccard(t));
    } else {
        json_object_begin(j, "coded");
        for (size_t i = 0; i < r->ncoders; i++)
            json_int(j, r->coders[i], c->coded[i]);
        json_object_end(j);
    }
    if (r->alpha)
        figures_json_object(j, "alpha", agree_alpha_binary(&c->coincidence), "values");
    if (r->ncoders == 2)
        return;
    json_array_begin(j, "pairs");
    for (size_t i = 0; i < r->ncoders; i++) {
        for (size_t k = i + 1; k < r->ncoders; k++) {
            struct agree_table t = c->pairs[compare_pair(r->ncoders, i, k)];
            json_object_begin(j, NULL);
            json_array_begin(j, "coders");
            json_string(j, NULL, r->coders[i]);
            json_string(j, NULL, r->coders[k]);
            json_array_end(j);
            json_int(j, "a", t.a);
            json_int(j, "b", t.b);
            json_int(j, "c", t.c);
            json_int(j, "d", t.d);
            figures_json(j, "percent_agreement", agree_percent(t));
            figures_json(j, "kappa", agree_kappa(t));
            figures_json(j, "positive_agreement", agree_positive(t));
            figures_json(j, "jaccard", agree_jaccard(t));
            json_object_end(j);
        }
    }
    json_array_end(j);
}

static void json_sources(struct json_writer *j, const char *key, const struct compare_source *list,
                         size_t count)
{
    json_array_begin(j, key);
    for (size_t i = 0; i < count; i++) {
        json_object_begin(j, NULL);
        json_string(j, "source", list[i].name);
        json_int(j, "length", list[i].length);
        if (list[i].reason)
            json_string(j, "reason", list[i].reason);
        json_object_end(j);
    }
    json_array_end(j);
}

void render_json_comparison(FILE *out, const struct compare_result *r, const size_t *rows)
{
    struct json_writer j;
    json_init(&j, out);
    bool segments = r->mode == COMPARE_SEGMENTS;
    json_object_begin(&j, NULL);
    json_string(&j, "unit", segments ? "segments" : "characters");
    if (segments) {
        json_int(&j, "n", agree_segments_tally(r->overall.segments).total);
        json_int(&j, "threshold", r->threshold);
        json_int(&j, "categories", (int64_t)r->categories);
        json_array_begin(&j, "category_codes");
        for (size_t k = 0; k < r->ncodes; k++) {
            if (r->codes[k].used)
                json_string(&j, NULL, r->codes[k].number);
        }
        json_array_end(&j);
    } else {
        json_int(&j, "n", r->length);
    }
    json_array_begin(&j, "coders");
    for (size_t i = 0; i < r->ncoders; i++)
        json_string(&j, NULL, r->coders[i]);
    json_array_end(&j);
    json_sources(&j, "sources", r->sources, r->nsources);
    json_sources(&j, "excluded_sources", r->excluded, r->nexcluded);
    json_array_begin(&j, "codes");
    for (size_t k = 0; k < r->ncodes; k++) {
        const struct compare_code *code = &r->codes[rows[k]];
        json_object_begin(&j, NULL);
        json_string(&j, "code", code->number);
        json_string(&j, "name", code->name);
        json_bool(&j, "used", code->used);
        json_object_begin(&j, "pooled");
        json_counts(&j, r, &code->pooled);
        json_object_end(&j);
        json_array_begin(&j, "sources");
        for (size_t c = 0; c < code->ncells; c++) {
            json_object_begin(&j, NULL);
            json_string(&j, "source", r->sources[code->cells[c].source].name);
            json_counts(&j, r, &code->cells[c].counts);
            json_object_end(&j);
        }
        json_array_end(&j);
        json_object_end(&j);
    }
    json_array_end(&j);
    json_object_begin(&j, "overall");
    json_int(&j, "codes", (int64_t)r->direct_codes);
    json_string(&j, "pools",
                segments ? "every code's segments over the sources compared"
                         : "the codes coded directly in a source every coder "
                           "coded, each counting only its own codings, over the "
                           "sources compared");
    json_counts(&j, r, &r->overall);
    json_object_end(&j);
    if (segments) {
        struct agree_table p = r->presence;
        json_object_begin(&j, "presence");
        json_string(&j, "unit", "(source, code) units");
        json_int(&j, "n", p.a + p.b + p.c + p.d);
        json_int(&j, "a", p.a);
        json_int(&j, "b", p.b);
        json_int(&j, "c", p.c);
        json_int(&j, "d", p.d);
        figures_json_object(&j, "percent", agree_jaccard(p), "units either coder used");
        figures_json_object(&j, "kappa", agree_kappa(p), "units");
        json_object_end(&j);
        json_object_begin(&j, "frequency");
        json_string(&j, "unit", "(source, code) units either coder used");
        json_int(&j, "n", r->frequency.total);
        json_int(&j, "agreed", r->frequency.agreed);
        figures_json(&j, "percent", agree_tally_percent(r->frequency));
        json_object_end(&j);
    }
    json_object_end(&j);
}
