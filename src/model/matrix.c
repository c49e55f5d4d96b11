#include "model/matrix.h"

#include "core/codetree.h"
#include "model/casebook.h"
#include "model/history.h"
#include "store/codings.h"
#include "store/matrix.h"
#include "store/people.h"
#include "store/sources.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void matrix_finish(struct matrix *m)
{
    for (size_t r = 0; m->case_names && r < m->rows; r++)
        free(m->case_names[r]);
    for (size_t i = 0; m->summaries && i < m->rows * m->columns; i++)
        free(m->summaries[i]);
    free(m->case_ids);
    free(m->case_names);
    free(m->codes);
    free(m->summaries);
    free(m->segments);
    free(m->links);
    memset(m, 0, sizeof *m);
}

bool matrix_cell_pending(const struct matrix *m, size_t row, size_t column)
{
    size_t i = row * m->columns + column;
    return m->segments[i] > 0 && !m->summaries[i];
}

/* Chooses the columns: the theme's children, the codes named, or the top-level codes. */
static bool choose_columns(const struct codetree *codes, const struct matrix_request *request,
                           struct matrix *m, struct error *err)
{
    size_t n = codetree_count(codes);
    if (request->theme && request->ncodes)
        return error_user(err, "choose a theme or codes, not both");
    m->codes = calloc(n + request->ncodes + 1, sizeof *m->codes);
    if (!m->codes)
        return error_internal(err, "out of memory");
    if (request->ncodes) {
        for (size_t i = 0; i < request->ncodes; i++) {
            int at = codetree_resolve(codes, request->codes[i], err);
            if (at < 0)
                return false;
            m->codes[m->columns++] = at;
        }
        return true;
    }
    int theme = -1;
    if (request->theme && (theme = codetree_resolve(codes, request->theme, err)) < 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (codetree_get(codes, i)->parent == theme)
            m->codes[m->columns++] = (int)i;
    }
    if (theme >= 0 && m->columns == 0)
        m->codes[m->columns++] = theme;
    return true;
}

static bool choose_rows(struct casebook *book, struct matrix *m, struct error *err)
{
    size_t n = casebook_case_count(book);
    m->case_ids = calloc(n + 1, sizeof *m->case_ids);
    m->case_names = calloc(n + 1, sizeof *m->case_names);
    if (!m->case_ids || !m->case_names)
        return error_internal(err, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const struct case_row *c = casebook_case(book, i);
        if (!casebook_selected(book, c->id))
            continue;
        m->case_ids[m->rows] = c->id;
        if (!(m->case_names[m->rows++] = strdup(c->name)))
            return error_internal(err, "out of memory");
    }
    return true;
}

static long row_of(const struct matrix *m, int64_t case_id)
{
    for (size_t r = 0; r < m->rows; r++) {
        if (m->case_ids[r] == case_id)
            return (long)r;
    }
    return -1;
}

/* Counts codings into the cells, and reads the summaries. */
static bool fill_cells(struct project *project, struct matrix *m, struct error *err)
{
    const struct codetree *codes = project_codes(project);
    struct store *store = project_store(project);
    struct source_list sources = {0};
    struct coding_list codings = {0};
    struct matrix_cell_list cells = {0};
    struct coding_filter filter = {0};
    bool ok = store_sources_list(store, &sources, err) &&
              store_codings_list(store, &filter, &codings, err) &&
              store_matrix_list(store, &cells, err);
    long row = -1;
    int64_t source_id = 0;
    for (size_t i = 0; ok && i < codings.count; i++) {
        const struct coding_row *c = &codings.items[i];
        if (c->source_id != source_id) {
            source_id = c->source_id;
            row = -1;
            for (size_t s = 0; s < sources.count; s++) {
                if (sources.items[s].id == source_id && sources.items[s].case_id)
                    row = row_of(m, sources.items[s].case_id);
            }
        }
        int at = codetree_find_id(codes, c->code_id);
        for (size_t k = 0; row >= 0 && at >= 0 && k < m->columns; k++) {
            if (codetree_within(codes, at, m->codes[k]))
                m->segments[(size_t)row * m->columns + k]++;
        }
    }
    for (size_t i = 0; ok && i < cells.count; i++) {
        long r = row_of(m, cells.items[i].case_id);
        for (size_t k = 0; r >= 0 && k < m->columns; k++) {
            if (codetree_get(codes, (size_t)m->codes[k])->id == cells.items[i].code_id) {
                m->summaries[(size_t)r * m->columns + k] = cells.items[i].summary;
                cells.items[i].summary = NULL;
            }
        }
    }
    for (size_t i = 0; ok && i < m->rows * m->columns; i++) {
        struct coding_id_list links = {0};
        int64_t code_id = codetree_get(codes, (size_t)m->codes[i % m->columns])->id;
        ok = store_matrix_links(store, m->case_ids[i / m->columns], code_id, &links, err);
        m->links[i] = (int64_t)links.count;
        coding_id_list_finish(&links);
    }
    matrix_cell_list_finish(&cells);
    row_coding_list_finish(&codings);
    row_source_list_finish(&sources);
    return ok;
}

bool matrix_build(struct project *project, const struct matrix_request *request, struct matrix *out,
                  struct error *err)
{
    memset(out, 0, sizeof *out);
    struct casebook *book = casebook_load(project, err);
    bool ok = book && choose_columns(project_codes(project), request, out, err) &&
              casebook_select(book, request->cases, request->ncases, request->where, err) &&
              choose_rows(book, out, err);
    if (ok) {
        out->summaries = calloc(out->rows * out->columns + 1, sizeof *out->summaries);
        out->segments = calloc(out->rows * out->columns + 1, sizeof *out->segments);
        out->links = calloc(out->rows * out->columns + 1, sizeof *out->links);
        ok =
            (out->summaries && out->segments && out->links) || error_internal(err, "out of memory");
    }
    ok = ok && fill_cells(project, out, err);
    casebook_destroy(book);
    return ok;
}

static bool same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

bool matrix_set_summary(struct project *project, const char *case_name, const char *code,
                        const char *summary, const char *coder, char *message, size_t size,
                        struct error *err)
{
    int64_t case_id = 0;
    int at = codetree_resolve(project_codes(project), code, err);
    if (at < 0 || !store_case_find(project_store(project), case_name, &case_id, err))
        return false;
    if (!case_id)
        return error_user(err, "there is no case named '%s'", case_name);
    return matrix_write_summary(project, case_id,
                                codetree_get(project_codes(project), (size_t)at)->id, summary,
                                coder, message, size, err);
}

bool matrix_summary(struct project *project, int64_t case_id, int64_t code_id, char **summary,
                    struct error *err)
{
    return store_matrix_get(project_store(project), case_id, code_id, summary, err);
}

/* Copies the name of the case with this id into out; fails when there is none. */
static bool case_name_of(struct store *store, int64_t case_id, char *out, size_t size,
                         struct error *err)
{
    struct case_list cases = {0};
    if (!store_cases_list(store, &cases, err))
        return false;
    bool found = false;
    for (size_t i = 0; i < cases.count && !found; i++)
        if ((found = cases.items[i].id == case_id))
            snprintf(out, size, "%s", cases.items[i].name);
    row_case_list_finish(&cases);
    return found || error_user(err, "that case was deleted meanwhile, by another coder or program");
}

bool matrix_write_summary(struct project *project, int64_t case_id, int64_t code_id,
                          const char *summary, const char *coder, char *message, size_t size,
                          struct error *err)
{
    struct store *store = project_store(project);
    int64_t coder_id = 0;
    char case_name[256];
    if (!case_name_of(store, case_id, case_name, sizeof case_name, err))
        return false;
    char label[256];
    if (!project_code_label(project, code_id, label, sizeof label, err) ||
        !project_coder(project, coder, true, &coder_id, err))
        return false;
    char *before = NULL;
    if (!store_matrix_get(store, case_id, code_id, &before, err))
        return false;
    const char *wanted = summary && *summary ? summary : NULL;
    if (same_text(before, wanted)) {
        free(before);
        snprintf(message, size, "the summary of %s at %s is already that; nothing changed",
                 case_name, label);
        return true;
    }
    char line[512];
    snprintf(line, sizeof line, "%s the summary of %.200s at %.250s", wanted ? "wrote" : "removed",
             case_name, label);
    struct history_batch batch;
    bool ok = history_begin(&batch, project, coder_id, line, err);
    if (ok) {
        struct change forward = {.kind = CHANGE_MATRIX_SET,
                                 .cell_case_id = case_id,
                                 .cell_code_id = code_id,
                                 .cell_text = (char *)wanted};
        struct change backward = forward;
        backward.cell_text = before;
        ok = history_change(&batch, &forward, &backward, err);
        if (ok)
            ok = history_commit(&batch, err);
        else
            history_abort(&batch);
    }
    free(before);
    if (ok)
        snprintf(message, size, "%s", line);
    return ok;
}

bool matrix_links(struct project *project, int64_t case_id, int64_t code_id, int64_t **ids,
                  size_t *count, struct error *err)
{
    struct coding_id_list links = {0};
    *ids = NULL;
    *count = 0;
    if (!store_matrix_links(project_store(project), case_id, code_id, &links, err)) {
        coding_id_list_finish(&links);
        return false;
    }
    *ids = links.items;
    *count = links.count;
    return true;
}

bool matrix_link(struct project *project, int64_t case_id, int64_t code_id, int64_t coding_id,
                 bool linked, const char *coder, char *message, size_t size, struct error *err)
{
    int64_t coder_id = 0;
    char case_name[256], label[256];
    if (!case_name_of(project_store(project), case_id, case_name, sizeof case_name, err) ||
        !project_code_label(project, code_id, label, sizeof label, err) ||
        !project_coder(project, coder, true, &coder_id, err))
        return false;
    char line[600];
    snprintf(line, sizeof line, "%s coding %" PRId64 " %s the cell of %.200s at %.250s",
             linked ? "linked" : "unlinked", coding_id, linked ? "to" : "from", case_name, label);
    struct change forward = {.kind = linked ? CHANGE_MATRIX_LINK : CHANGE_MATRIX_UNLINK,
                             .cell_case_id = case_id,
                             .cell_code_id = code_id,
                             .target_id = coding_id};
    struct change backward = forward;
    backward.kind = linked ? CHANGE_MATRIX_UNLINK : CHANGE_MATRIX_LINK;
    struct history_batch batch;
    if (!history_begin(&batch, project, coder_id, line, err))
        return false;
    if (!history_change(&batch, &forward, &backward, err)) {
        history_abort(&batch);
        return false;
    }
    if (!history_commit(&batch, err))
        return false;
    snprintf(message, size, "%s", line);
    return true;
}
