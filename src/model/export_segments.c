/* Exporting the coded segments as CSV. */

#include "model/project.h"

#include "core/motion.h"
#include "internal.h"
#include "io/csv.h"
#include "model/casebook.h"
#include "store/codings.h"
#include "store/people.h"
#include "store/sources.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char *name_of_coder(const struct coder_list *coders, int64_t id)
{
    for (size_t i = 0; i < coders->count; i++) {
        if (coders->items[i].id == id)
            return coders->items[i].name;
    }
    return "";
}

/* Writes the header of the segment CSV. */
static bool write_segment_header(FILE *out, const struct casebook *book, bool attributes)
{
    static const char *const header[] = {"source", "case", "coder",   "code", "code_name",
                                         "start",  "end",  "speaker", "text", "memo"};
    bool ok = true;
    for (size_t i = 0; i < sizeof header / sizeof header[0]; i++)
        ok = ok && (i == 0 || fputc(',', out) != EOF) && csv_write_field(out, header[i], false);
    if (attributes) {
        for (size_t a = 0; a < casebook_attribute_count(book); a++)
            ok = ok && fputc(',', out) != EOF &&
                 csv_write_field(out, casebook_attribute(book, a)->name, false);
    }
    return ok && csv_end_record(out);
}

/* The export's source: its text and turns, loaded when the source changes. */
struct export_source {
    int64_t id;
    struct text *text;
    struct turn_list turns;
};

static bool export_load(struct project *project, struct export_source *src, int64_t id,
                        struct error *err)
{
    if (src->id == id)
        return true;
    text_destroy(src->text);
    row_turn_list_finish(&src->turns);
    src->id = id;
    src->text = project_source_text(project, id, err);
    return src->text && store_source_turns(project->store, id, &src->turns, err);
}

/* Writes one coding's row. */
static bool write_segment_row(FILE *out, struct project *project, const struct coding_row *coding,
                              int code, const char *source, const char *coder,
                              const struct casebook *book, int64_t case_id,
                              const struct export_source *src, bool attributes, bool safe)
{
    char number[OUTLINE_TEXT_MAX];
    char start[24], end[24];
    codetree_number_text(project->codes, code, number);
    snprintf(start, sizeof start, "%" PRId64, coding->start);
    snprintf(end, sizeof end, "%" PRId64, coding->end);
    char *segment = text_slice(src->text, (size_t)coding->start, (size_t)coding->end);
    if (!segment)
        return false;
    int turn = motion_turn_at(&src->turns, coding->start);
    const char *fields[] = {source,
                            casebook_case_name(book, case_id),
                            coder,
                            number,
                            codetree_get(project->codes, (size_t)code)->name,
                            start,
                            end,
                            turn >= 0 ? src->turns.items[turn].speaker : "",
                            segment,
                            coding->memo ? coding->memo : ""};
    bool ok = true;
    for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++)
        ok = ok && (f == 0 || fputc(',', out) != EOF) && csv_write_field(out, fields[f], safe);
    free(segment);
    if (attributes) {
        for (size_t a = 0; a < casebook_attribute_count(book); a++)
            ok = ok && fputc(',', out) != EOF &&
                 csv_write_field(out, casebook_value(book, case_id, a), safe);
    }
    return ok && csv_end_record(out);
}

bool project_export_segments(struct project *project, const struct segment_filter *filter,
                             bool safe, FILE *out, struct error *err)
{
    static const struct segment_filter everything = {0};
    struct coder_list coders = {0};
    struct source_list sources = {0};
    struct coding_list codings = {0};
    struct export_source src = {0};
    struct casebook *book = NULL;
    bool ok = false;
    if (!filter)
        filter = &everything;

    struct coding_filter query = {0};
    int ancestor = -1;
    if (!store_coders_list(project->store, &coders, err) ||
        !store_sources_list(project->store, &sources, err) ||
        !(book = casebook_load(project, err)) ||
        !casebook_select(book, filter->cases, filter->ncases, filter->where, err))
        goto cleanup;
    if (filter->coder) {
        for (size_t i = 0; i < coders.count && !query.coder_id; i++) {
            if (strcmp(coders.items[i].name, filter->coder) == 0)
                query.coder_id = coders.items[i].id;
        }
        if (!query.coder_id) {
            error_user(err, "there is no coder named '%s'", filter->coder);
            goto cleanup;
        }
    }
    if (filter->code) {
        ancestor = codetree_resolve(project->codes, filter->code, err);
        if (ancestor < 0)
            goto cleanup;
    }
    if (!store_codings_list(project->store, &query, &codings, err))
        goto cleanup;

    if (!write_segment_header(out, book, filter->attributes))
        goto write_failed;
    for (size_t i = 0; i < codings.count; i++) {
        const struct coding_row *coding = &codings.items[i];
        int code = codetree_find_id(project->codes, coding->code_id);
        if (code < 0 || (ancestor >= 0 && !codetree_within(project->codes, code, ancestor)))
            continue;
        const struct source_row *source = NULL;
        for (size_t s = 0; s < sources.count && !source; s++) {
            if (sources.items[s].id == coding->source_id)
                source = &sources.items[s];
        }
        if (!source || !casebook_selected(book, source->case_id))
            continue;
        if (!export_load(project, &src, coding->source_id, err))
            goto cleanup;
        if (!write_segment_row(out, project, coding, code, source->name,
                               name_of_coder(&coders, coding->coder_id), book, source->case_id,
                               &src, filter->attributes, safe))
            goto write_failed;
    }
    ok = true;
    goto cleanup;
write_failed:
    error_user(err, "could not write the segments");
cleanup:
    text_destroy(src.text);
    row_turn_list_finish(&src.turns);
    casebook_destroy(book);
    row_coder_list_finish(&coders);
    row_source_list_finish(&sources);
    row_coding_list_finish(&codings);
    return ok;
}
