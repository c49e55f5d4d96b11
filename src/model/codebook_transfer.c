/* The codebook into and out of the project: merging an incoming tree into it, importing a
 * codebook file, exporting the codebook in a format. */

#include "model/project.h"

#include "core/list.h"
#include "core/strbuf.h"
#include "internal.h"
#include "io/codebook_file.h"
#include "io/refi_xml.h"
#include "io/yaml_codebook.h"
#include "model/codebook.h"
#include "store/codes.h"
#include "store/codings.h"
#include "store/store.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* How many codings are at a code (by id). */
static int64_t references_of(const struct code_usage_list *usage, int64_t code_id)
{
    for (size_t u = 0; u < usage->count; u++) {
        if (usage->items[u].code_id == code_id)
            return usage->items[u].references;
    }
    return 0;
}

/* Gives the project's code `existing` (index `index`) the incoming code's name, description,
 * colour and codability, counting it as updated or unchanged; a coded code is not made a
 * heading. */
static bool update_code(struct project *project, const struct code *existing, int index,
                        const struct code *incoming, const struct code_usage_list *usage,
                        struct import_report *report, struct error *err)
{
    int64_t codings = references_of(usage, existing->id);
    if (existing->codable && !incoming->codable && codings > 0) {
        char number[OUTLINE_TEXT_MAX];
        codetree_number_text(project->codes, index, number);
        return error_user(err,
                          "code %s '%s' has %" PRId64 " coding%s, and the file makes it a heading, "
                          "which cannot be coded; move or remove its codings first",
                          number, existing->name, codings, codings == 1 ? "" : "s");
    }
    if (strcmp(existing->name, incoming->name) == 0 &&
        same_text(existing->description, incoming->description) &&
        same_text(existing->colour, incoming->colour) && existing->codable == incoming->codable) {
        report->unchanged++;
        return true;
    }
    struct code code = *existing;
    code.name = incoming->name;
    code.description = incoming->description;
    code.colour = incoming->colour;
    code.codable = incoming->codable;
    bool found;
    if (!store_code_update(project->store, &code, &found, err))
        return false;
    report->updated++;
    return true;
}

/* Adds or updates the project's code for `incoming` (a code of the imported tree), whose
 * parent in the project is parent_id. Sets *id to the project's code. */
static bool merge_code(struct project *project, const struct code *incoming, int64_t parent_id,
                       const struct code_usage_list *usage, int64_t *id,
                       struct import_report *report, struct error *err)
{
    int index = codetree_find_number(project->codes, &incoming->number);
    if (incoming->guid[0]) {
        int holder = codetree_find_guid(project->codes, incoming->guid);
        if (holder >= 0 && holder != index) {
            char shown[OUTLINE_TEXT_MAX];
            codetree_number_text(project->codes, holder, shown);
            return error_user(err,
                              "the GUID of '%s' belongs to the project's code %s '%s'; the "
                              "codebook does not match this project's numbering",
                              incoming->name, shown, codetree_get(project->codes, holder)->name);
        }
    }
    if (index < 0) {
        struct code code = *incoming;
        code.parent_id = parent_id;
        if (!store_code_add(project->store, &code, err))
            return false;
        *id = code.id;
        report->added++;
        return true;
    }
    const struct code *existing = codetree_get(project->codes, (size_t)index);
    *id = existing->id;
    char number[OUTLINE_TEXT_MAX];
    codetree_number_text(project->codes, index, number);
    if (incoming->guid[0] && strcmp(incoming->guid, existing->guid) != 0)
        return error_user(err,
                          "code %s '%s' has the GUID %s in the file and %s in the project: it is "
                          "another code under the same number (leave its guid out to match it by "
                          "number)",
                          number, incoming->name, incoming->guid, existing->guid);
    return update_code(project, existing, index, incoming, usage, report, err);
}

/* The project's code with this GUID, in any case, or -1. */
static int find_guid(const struct codetree *tree, const char *guid)
{
    for (size_t i = 0; guid[0] && i < codetree_count(tree); i++) {
        if (strcasecmp(codetree_get(tree, i)->guid, guid) == 0)
            return (int)i;
    }
    return -1;
}

/* The last position given so far to a new sub-code of a parent in this merge. */
struct placed {
    int64_t parent_id;
    int last;
};

struct placed_list {
    struct placed *items;
    size_t count, cap;
};

/* The next free position under parent_id: after the project's last sub-code there and after
 * those this merge has added. */
static bool next_position(const struct project *project, struct placed_list *placed,
                          int64_t parent_id, int *position)
{
    for (size_t i = 0; i < placed->count; i++) {
        if (placed->items[i].parent_id == parent_id) {
            *position = ++placed->items[i].last;
            return true;
        }
    }
    struct placed entry = {parent_id, codetree_last_position(project->codes, parent_id) + 1};
    *position = entry.last;
    return LIST_PUSH(placed, entry);
}

/* As merge_code(), matching by GUID. */
static bool merge_code_by_guid(struct project *project, const struct code *incoming,
                               int64_t parent_id, const struct code_usage_list *usage,
                               struct placed_list *placed, int64_t *id,
                               struct import_report *report, struct error *err)
{
    int index = find_guid(project->codes, incoming->guid);
    if (index < 0) {
        struct code code = *incoming;
        code.parent_id = parent_id;
        if (!next_position(project, placed, parent_id, &code.position))
            return error_internal(err, "out of memory");
        if (code.position > OUTLINE_PART_MAX)
            return error_user(err, "'%s' would be sub-code number %d; margin numbers at most %d",
                              incoming->name, code.position, OUTLINE_PART_MAX);
        if (!store_code_add(project->store, &code, err))
            return false;
        *id = code.id;
        report->added++;
        return true;
    }
    const struct code *existing = codetree_get(project->codes, (size_t)index);
    *id = existing->id;
    return update_code(project, existing, index, incoming, usage, report, err);
}

bool project_merge_codebook(struct project *project, const struct codetree *incoming,
                            enum codebook_match match, int64_t *ids, struct import_report *report,
                            struct error *err)
{
    struct placed_list placed = {0};
    struct code_usage_list usage = {0};
    bool ok = store_code_usage(project->store, 0, &usage, err);
    for (size_t i = 0; ok && i < codetree_count(incoming); i++) {
        const struct code *code = codetree_get(incoming, i);
        int64_t parent_id = code->parent >= 0 ? ids[code->parent] : 0;
        if (match == CODEBOOK_MATCH_GUID)
            ok =
                merge_code_by_guid(project, code, parent_id, &usage, &placed, &ids[i], report, err);
        else
            ok = merge_code(project, code, parent_id, &usage, &ids[i], report, err);
    }
    free(placed.items);
    row_code_usage_list_finish(&usage);
    return ok;
}

static const char *format_name(enum codebook_file_format format)
{
    switch (format) {
    case CODEBOOK_FILE_NVIVO_TABLE:
        return "NVivo table";
    case CODEBOOK_FILE_QDC:
        return "REFI-QDA codebook";
    case CODEBOOK_FILE_YAML:
        break;
    }
    return "YAML";
}

bool project_import_codebook(struct project *project, const char *coder, const char *path,
                             struct import_report *report, struct error *err)
{
    enum codebook_file_format format;
    struct warning_list warnings = {0};
    memset(report, 0, sizeof *report);
    if (!codebook_may_edit(project, coder, err))
        return false;
    struct codetree *incoming = codebook_file_read(path, &format, &warnings, err);
    if (!incoming) {
        warnings_finish(&warnings);
        return false;
    }
    warnings_summary(&warnings, report->skipped, sizeof report->skipped);
    warnings_finish(&warnings);
    size_t n = codetree_count(incoming);
    int64_t *ids = calloc(n ? n : 1, sizeof *ids);
    bool ok = false;
    if (!ids) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    if (!store_begin(project->store, err))
        goto cleanup;
    enum codebook_match match =
        format == CODEBOOK_FILE_QDC ? CODEBOOK_MATCH_GUID : CODEBOOK_MATCH_NUMBER;
    if (!project_merge_codebook(project, incoming, match, ids, report, err)) {
        store_rollback(project->store);
        goto cleanup;
    }
    struct strbuf summary = STRBUF_INIT;
    strbuf_printf(&summary, "imported the codebook %s (%s): %zu added, %zu updated", path,
                  format_name(format), report->added, report->updated);
    bool logged = project_journal_final(project, 0, "codebook.import", strbuf_str(&summary), err);
    strbuf_finish(&summary);
    /* Reloading checks the tree (depth, numbers) before anything is committed. */
    if (!logged || !project_reload_codes(project, err)) {
        store_rollback(project->store);
        goto cleanup;
    }
    ok = store_commit(project->store, err);
cleanup:
    if (!ok)
        project_reload_codes(project, &(struct error){0});
    free(ids);
    codetree_destroy(incoming);
    return ok;
}

bool project_export_codebook(struct project *project, enum codebook_output format, FILE *out,
                             struct error *err)
{
    if (format == CODEBOOK_OUTPUT_CSV) {
        if (!codebook_file_write_csv(project->codes, out))
            return error_user(err, "could not write the codebook");
        return true;
    }
    if (format == CODEBOOK_OUTPUT_QDC)
        return refi_xml_write_codebook(project->codes, "margin", out, err);
    return yaml_codebook_write(project->codes, out, err);
}
