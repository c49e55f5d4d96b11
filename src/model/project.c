#include "model/project.h"

#include "core/list.h"
#include "core/motion.h"
#include "core/names.h"
#include "core/strbuf.h"
#include "core/strmap.h"
#include "io/codebook_file.h"
#include "io/csv.h"
#include "io/file.h"
#include "io/refi_xml.h"
#include "io/transcript.h"
#include "io/yaml_codebook.h"
#include "model/casebook.h"
#include "model/codebook.h"
#include "model/speakers.h"
#include "store/codes.h"
#include "store/codings.h"
#include "store/journal.h"
#include "store/people.h"
#include "store/sources.h"
#include "store/store.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The largest CSV file margin reads (cases, codings). */
#define CSV_MAX_BYTES (256u * 1024 * 1024)

struct project {
    struct store *store;
    struct codetree *codes;
    uint64_t generation;
    uint64_t commits;     /* store_commits() when the generation was last read */
    int64_t data_version; /* store_data_version() then */
};

static struct project *project_wrap(struct store *store, struct error *err)
{
    if (!store)
        return NULL;
    struct project *project = calloc(1, sizeof *project);
    if (!project) {
        store_close(store);
        error_internal(err, "out of memory opening the project");
        return NULL;
    }
    project->store = store;
    if (!project_reload_codes(project, err)) {
        project_close(project);
        return NULL;
    }
    return project;
}

struct project *project_create(const char *path, struct error *err)
{
    return project_wrap(store_create(path, err), err);
}

struct project *project_open(const char *path, enum project_access access, struct error *err)
{
    enum store_mode mode = access == PROJECT_READ_ONLY ? STORE_READ_ONLY : STORE_READ_WRITE;
    return project_wrap(store_open(path, mode, err), err);
}

struct project *project_open_memory(struct error *err)
{
    return project_wrap(store_open_memory(err), err);
}

void project_close(struct project *project)
{
    if (!project)
        return;
    codetree_destroy(project->codes);
    store_close(project->store);
    free(project);
}

const char *project_path(const struct project *project)
{
    return store_path(project->store);
}

bool project_read_only(const struct project *project)
{
    return store_read_only(project->store);
}

struct store *project_store(struct project *project)
{
    return project->store;
}

const struct codetree *project_codes(const struct project *project)
{
    return project->codes;
}

bool project_coder(struct project *project, const char *name, bool add, int64_t *id,
                   struct error *err)
{
    if (!store_coder_find(project->store, name, id, err))
        return false;
    if (*id || !add)
        return true;
    if (!store_begin(project->store, err))
        return false;
    if (!store_coder_ensure(project->store, name, id, err) || !store_commit(project->store, err)) {
        store_rollback(project->store);
        return false;
    }
    return true;
}

bool project_code_label(const struct project *project, int64_t code_id, char *out, size_t size,
                        struct error *err)
{
    int index = codetree_find_id(project->codes, code_id);
    if (index < 0)
        return error_user(err, "the code was deleted meanwhile, by another program");
    char number[OUTLINE_TEXT_MAX];
    codetree_number_text(project->codes, index, number);
    snprintf(out, size, "%s %s", number, codetree_get(project->codes, (size_t)index)->name);
    return true;
}

bool project_code_codable(const struct project *project, int64_t code_id)
{
    int index = codetree_find_id(project->codes, code_id);
    return index >= 0 && codetree_get(project->codes, (size_t)index)->codable;
}

void project_set_program(struct project *project, const char *program)
{
    store_set_program(project->store, program);
}

bool project_setting(struct project *project, const char *key, char **value, struct error *err)
{
    return store_setting_get(project->store, key, value, err);
}

bool project_set_setting(struct project *project, const char *key, const char *value,
                         struct error *err)
{
    if (!store_begin(project->store, err))
        return false;
    if (!store_setting_set(project->store, key, value, err)) {
        store_rollback(project->store);
        return false;
    }
    return store_commit(project->store, err);
}

uint64_t project_generation(struct project *project)
{
    uint64_t commits = store_commits(project->store);
    int64_t data_version = store_data_version(project->store);
    if (commits != project->commits || data_version != project->data_version) {
        project->commits = commits;
        project->data_version = data_version;
        project->generation++;
    }
    return project->generation;
}

bool project_coders(struct project *project, struct coder_list *out, struct error *err)
{
    return store_coders_list(project->store, out, err);
}

bool project_reload_codes(struct project *project, struct error *err)
{
    struct codetree *codes = store_codes_load(project->store, err);
    if (!codes)
        return false;
    codetree_destroy(project->codes);
    project->codes = codes;
    return true;
}

/* Records a change that cannot be undone (a bulk import) in the journal. */
static bool journal_final(struct project *project, int64_t coder_id, const char *operation,
                          const char *summary, struct error *err)
{
    int64_t batch;
    return store_journal_new_batch(project->store, &batch, err) &&
           store_journal_add(project->store, batch, coder_id, operation, summary, NULL, NULL, err);
}

/* The file name without its directory and extension: "a/b/int01.txt" gives "int01". */
static char *name_from_path(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return strndup(base, n);
}

static const char *name_of_case(const struct case_list *cases, int64_t id)
{
    for (size_t i = 0; i < cases->count; i++) {
        if (cases->items[i].id == id)
            return cases->items[i].name;
    }
    return "";
}

bool project_import_sources(struct project *project, const char *const *paths, size_t count,
                            const char *case_name, enum source_kind kind,
                            struct import_report *report, struct error *err)
{
    bool ok = false;
    bool in_transaction = false;
    struct turn_rule *rule = NULL;
    struct transcript *transcripts = calloc(count ? count : 1, sizeof *transcripts);
    char **names = calloc(count ? count : 1, sizeof *names);
    memset(report, 0, sizeof *report);
    if (!transcripts || !names) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    if (!speakers_rule(project, &rule, err))
        goto cleanup;
    for (size_t i = 0; i < count; i++) {
        if (!transcript_read(paths[i], rule, &transcripts[i], err))
            goto cleanup;
        names[i] = name_from_path(paths[i]);
        if (!names[i] || !*names[i]) {
            error_user(err, "%s: cannot name a source after this file", paths[i]);
            goto cleanup;
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(names[i], names[j]) == 0) {
                error_user(err, "%s and %s would both become the source '%s'; rename one", paths[j],
                           paths[i], names[i]);
                goto cleanup;
            }
        }
    }

    if (!store_begin(project->store, err))
        goto cleanup;
    in_transaction = true;
    int64_t case_id = 0;
    if (case_name && !store_case_ensure(project->store, case_name, &case_id, err))
        goto cleanup;
    for (size_t i = 0; i < count; i++) {
        struct source_row existing;
        if (!store_source_find(project->store, names[i], &existing, err))
            goto cleanup;
        free(existing.name);
        if (existing.id) {
            if (strcmp(existing.sha256, transcripts[i].sha256) != 0) {
                error_user(err,
                           "%s: the project already has a source named '%s' with different "
                           "text; to replace its text and keep its codings, run margin source "
                           "update %s %s %s, or rename the file to import it as a new source",
                           paths[i], names[i], store_path(project->store), names[i], paths[i]);
                goto cleanup;
            }
            /* Importing the same text again changes nothing, so it must not seem to relink. */
            if (case_name && existing.case_id != case_id) {
                struct case_list known = {0};
                if (store_cases_list(project->store, &known, err))
                    error_user(err,
                               "%s: the project already has this text as source '%s', linked to "
                               "%s%s; importing it again does not link it to case %s, so nothing "
                               "was changed. To link it, run margin source relink %s %s --case %s",
                               paths[i], names[i], existing.case_id ? "case " : "no case",
                               name_of_case(&known, existing.case_id), case_name,
                               store_path(project->store), names[i], case_name);
                row_case_list_finish(&known);
                goto cleanup;
            }
            /* Nor must it seem to change the kind. */
            if (existing.kind != kind) {
                const char *was = row_kind_name(existing.kind);
                size_t used = strlen(report->skipped);
                snprintf(report->skipped + used, sizeof report->skipped - used,
                         "%s%s is in the project as a%s %s already; importing its text again "
                         "does not change its kind",
                         used ? "; " : "", names[i], strchr("aeiou", was[0]) ? "n" : "", was);
            }
            report->unchanged++;
            continue;
        }
        struct source_row row = {
            .name = names[i],
            .kind = kind,
            .case_id = case_id,
            .length = (int64_t)transcripts[i].length,
        };
        memcpy(row.sha256, transcripts[i].sha256, sizeof row.sha256);
        if (!store_source_add(project->store, &row, transcripts[i].text, transcripts[i].size,
                              &transcripts[i].turns, err))
            goto cleanup;
        struct strbuf summary = STRBUF_INIT;
        strbuf_printf(&summary, "imported %s as source %s (%zu characters, %zu speaker turns)",
                      paths[i], names[i], transcripts[i].length, transcripts[i].turns.count);
        bool logged = journal_final(project, 0, "source.import", strbuf_str(&summary), err);
        strbuf_finish(&summary);
        if (!logged)
            goto cleanup;
        report->added++;
    }
    in_transaction = false;
    ok = store_commit(project->store, err);
cleanup:
    if (in_transaction)
        store_rollback(project->store);
    for (size_t i = 0; transcripts && names && i < count; i++) {
        transcript_finish(&transcripts[i]);
        free(names[i]);
    }
    free(transcripts);
    free(names);
    turns_rule_destroy(rule);
    return ok;
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Adds or updates the project's code for `incoming` (a code of the imported tree), whose
 * parent in the project is parent_id. Sets *id to the project's code. */
/* How many codings are at a code (by id). */
static int64_t references_of(const struct code_usage_list *usage, int64_t code_id)
{
    for (size_t u = 0; u < usage->count; u++) {
        if (usage->items[u].code_id == code_id)
            return usage->items[u].references;
    }
    return 0;
}

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
    int64_t codings = references_of(usage, existing->id);
    if (existing->codable && !incoming->codable && codings > 0)
        return error_user(err,
                          "code %s '%s' has %" PRId64 " coding%s, and the file makes it a heading, "
                          "which cannot be coded; move or remove its codings first",
                          number, existing->name, codings, codings == 1 ? "" : "s");
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
    bool logged = journal_final(project, 0, "codebook.import", strbuf_str(&summary), err);
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

/* CSV data being read, with the name its messages give. */
struct csv_table {
    struct csv_reader *reader;
    const char *path;
};

static bool csv_table_open(struct csv_table *table, const char *data, size_t n, const char *name,
                           struct error *err)
{
    table->path = name;
    table->reader = csv_reader_create(data, n, name, err);
    return table->reader != NULL;
}

static void csv_table_close(struct csv_table *table)
{
    csv_reader_destroy(table->reader);
}

/* Reads a CSV file (or standard input, for "-") whole and runs an importer on its contents. */
static bool import_csv_file(struct project *project, const char *path,
                            bool (*import)(struct project *, const char *, size_t, const char *,
                                           struct import_report *, struct error *),
                            struct import_report *report, struct error *err)
{
    char *data;
    size_t n;
    memset(report, 0, sizeof *report);
    if (!file_read_input(path, CSV_MAX_BYTES, &data, &n, err))
        return false;
    bool ok = import(project, data, n, file_input_name(path), report, err);
    free(data);
    return ok;
}

/* A copy of a CSV record's fields, kept while later records are read. */
struct saved_record {
    char **fields;
    size_t count;
    size_t line;
};

struct saved_records {
    struct saved_record *items;
    size_t count, cap;
};

static void saved_records_finish(struct saved_records *records)
{
    for (size_t i = 0; i < records->count; i++) {
        for (size_t f = 0; f < records->items[i].count; f++)
            free(records->items[i].fields[f]);
        free(records->items[i].fields);
    }
    free(records->items);
}

/* Reads every record after the header into `records`, checking that each has as many fields
 * as the header. */
static bool read_rows(struct csv_table *table, size_t columns, struct saved_records *records,
                      struct error *err)
{
    struct csv_record record;
    int got;
    while ((got = csv_next(table->reader, &record, err)) == 1) {
        if (record.count != columns) {
            return error_user(err, "%s:%zu: this row has %zu fields, but the header has %zu",
                              table->path, record.line, record.count, columns);
        }
        struct saved_record saved = {calloc(columns, sizeof(char *)), columns, record.line};
        bool oom = !saved.fields;
        for (size_t f = 0; !oom && f < columns; f++)
            oom = !(saved.fields[f] = strdup(record.fields[f]));
        if (oom || !LIST_PUSH(records, saved)) {
            for (size_t f = 0; saved.fields && f < columns; f++)
                free(saved.fields[f]);
            free(saved.fields);
            return error_internal(err, "out of memory reading %s", table->path);
        }
    }
    return got == 0;
}

/* An attribute column of a cases file. */
struct attribute_column {
    char *name;
    enum attribute_type type;
    bool declared;       /* the header gave the type */
    unsigned candidates; /* bit t set while every value seen fits type t */
    int64_t id;
};

/* Types in the order inference prefers them: the narrowest that fits every value wins. */
static const enum attribute_type inference_order[] = {
    ATTRIBUTE_INTEGER, ATTRIBUTE_REAL, ATTRIBUTE_DATE, ATTRIBUTE_BOOLEAN, ATTRIBUTE_TEXT};

/* Drops the candidate types that `value` does not fit. */
static void observe(struct attribute_column *column, const char *value)
{
    for (size_t i = 0; i < sizeof inference_order / sizeof inference_order[0]; i++) {
        if (!row_attribute_fits(inference_order[i], value))
            column->candidates &= ~(1u << inference_order[i]);
    }
}

/* The declared type, or the first candidate left (text always is). */
static enum attribute_type chosen_type(const struct attribute_column *column)
{
    if (column->declared)
        return column->type;
    for (size_t i = 0; i < sizeof inference_order / sizeof inference_order[0]; i++) {
        if (column->candidates & (1u << inference_order[i]))
            return inference_order[i];
    }
    return ATTRIBUTE_TEXT;
}

/* True when s is a word of ASCII letters, as a type is written after the colon. */
static bool is_word(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
            return false;
    }
    return true;
}

/* Reads "name" or "name:type" from a header cell on line `line`. A cell that ends in a colon
 * and a word that is not a type is refused, naming the types; a cell whose colon is followed
 * by anything else ("Q1: age") is a name. */
static bool parse_attribute_header(const char *cell, size_t line, struct attribute_column *column,
                                   const char *path, struct error *err)
{
    const char *colon = strrchr(cell, ':');
    enum attribute_type type;
    if (colon && row_attribute_type_parse(colon + 1, &type)) {
        column->name = strndup(cell, (size_t)(colon - cell));
        column->type = type;
        column->declared = true;
    } else if (colon && is_word(colon + 1)) {
        return error_user(
            err,
            "%s:%zu: the column '%s' is given the type '%s', which margin does not "
            "know (the types are %s, %s, %s, %s and %s)",
            path, line, cell, colon + 1, row_attribute_type_name(ATTRIBUTE_TEXT),
            row_attribute_type_name(ATTRIBUTE_INTEGER), row_attribute_type_name(ATTRIBUTE_REAL),
            row_attribute_type_name(ATTRIBUTE_DATE), row_attribute_type_name(ATTRIBUTE_BOOLEAN));
    } else {
        column->name = strdup(cell);
        column->candidates = ~0u;
    }
    if (!column->name)
        return error_internal(err, "out of memory");
    if (!*column->name)
        return error_user(err, "%s:1: a column has no name", path);
    return true;
}

bool project_import_cases(struct project *project, const char *path, struct import_report *report,
                          struct error *err)
{
    return import_csv_file(project, path, project_import_cases_data, report, err);
}

bool project_import_cases_data(struct project *project, const char *data, size_t n,
                               const char *path, struct import_report *report, struct error *err)
{
    struct csv_table table;
    struct saved_records rows = {0};
    struct attribute_column *columns = NULL;
    size_t ncolumns = 0;
    bool ok = false;
    bool in_transaction = false;
    memset(report, 0, sizeof *report);
    if (!csv_table_open(&table, data, n, path, err))
        return false;

    struct csv_record header;
    int got = csv_next(table.reader, &header, err);
    if (got <= 0) {
        if (got == 0)
            error_user(err, "%s is empty; expected a header row such as case,site,staff_group",
                       path);
        goto cleanup;
    }
    ncolumns = header.count;
    if (ncolumns < 1 || !*header.fields[0]) {
        error_user(err, "%s:1: the first column must name the cases (a header such as 'case')",
                   path);
        goto cleanup;
    }
    columns = calloc(ncolumns, sizeof *columns);
    if (!columns) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    for (size_t c = 1; c < ncolumns; c++) {
        if (!parse_attribute_header(header.fields[c], header.line, &columns[c], path, err))
            goto cleanup;
        for (size_t d = 1; d < c; d++) {
            if (strcmp(columns[d].name, columns[c].name) == 0) {
                error_user(err, "%s:1: the column '%s' appears twice", path, columns[c].name);
                goto cleanup;
            }
        }
    }
    if (!read_rows(&table, ncolumns, &rows, err))
        goto cleanup;

    for (size_t r = 0; r < rows.count; r++) {
        const struct saved_record *row = &rows.items[r];
        if (!*row->fields[0]) {
            error_user(err, "%s:%zu: the case has no name", path, row->line);
            goto cleanup;
        }
        for (size_t s = 0; s < r; s++) {
            if (strcmp(rows.items[s].fields[0], row->fields[0]) == 0) {
                error_user(err, "%s:%zu: the case '%s' appears twice (also on line %zu)", path,
                           row->line, row->fields[0], rows.items[s].line);
                goto cleanup;
            }
        }
        for (size_t c = 1; c < ncolumns; c++) {
            const char *value = row->fields[c];
            if (columns[c].declared && !row_attribute_fits(columns[c].type, value)) {
                error_user(err, "%s:%zu: '%s' in the column '%s' is not of type %s", path,
                           row->line, value, columns[c].name,
                           row_attribute_type_name(columns[c].type));
                goto cleanup;
            }
            observe(&columns[c], value);
        }
    }

    if (!store_begin(project->store, err))
        goto cleanup;
    in_transaction = true;
    for (size_t c = 1; c < ncolumns; c++) {
        struct attribute_column *column = &columns[c];
        enum attribute_type stored;
        if (!store_attribute_find(project->store, column->name, &column->id, &stored, err))
            goto cleanup;
        if (!column->id) {
            if (!store_attribute_add(project->store, column->name, chosen_type(column), &column->id,
                                     err))
                goto cleanup;
            continue;
        }
        /* An existing attribute takes the narrowest type that fits its old values too. */
        struct case_value_list old = {0};
        if (!store_attribute_values(project->store, column->id, &old, err))
            goto cleanup;
        bool misfit = false;
        for (size_t v = 0; v < old.count; v++) {
            observe(column, old.items[v].value);
            misfit |= !row_attribute_fits(chosen_type(column), old.items[v].value);
        }
        row_case_value_list_finish(&old);
        if (misfit) {
            error_user(err, "%s:1: the project holds values of '%s' that are not %s values", path,
                       column->name, row_attribute_type_name(column->type));
            goto cleanup;
        }
        if (chosen_type(column) != stored &&
            !store_attribute_set_type(project->store, column->id, chosen_type(column), err))
            goto cleanup;
    }
    for (size_t r = 0; r < rows.count; r++) {
        const struct saved_record *row = &rows.items[r];
        int64_t case_id;
        if (!store_case_find(project->store, row->fields[0], &case_id, err))
            goto cleanup;
        if (case_id) {
            report->updated++;
        } else {
            if (!store_case_ensure(project->store, row->fields[0], &case_id, err))
                goto cleanup;
            report->added++;
        }
        for (size_t c = 1; c < ncolumns; c++) {
            if (!store_case_value_set(project->store, case_id, columns[c].id, row->fields[c], err))
                goto cleanup;
        }
    }
    struct strbuf summary = STRBUF_INIT;
    strbuf_printf(&summary, "imported cases from %s: %zu added, %zu updated", path, report->added,
                  report->updated);
    bool logged = journal_final(project, 0, "cases.import", strbuf_str(&summary), err);
    strbuf_finish(&summary);
    if (!logged)
        goto cleanup;
    in_transaction = false;
    ok = store_commit(project->store, err);
cleanup:
    if (in_transaction)
        store_rollback(project->store);
    for (size_t c = 0; columns && c < ncolumns; c++)
        free(columns[c].name);
    free(columns);
    saved_records_finish(&rows);
    csv_table_close(&table);
    return ok;
}

/* What resolving codings looks up, each name once however many rows give it: the sources by
 * name, the coders by name (their ids, 0 while the project has no such coder) and the codes by
 * what the rows say (code and code_name). */
struct resolver {
    const struct source_list *sources;
    struct strmap source_index; /* name -> index in sources */
    struct strmap coder_ids;    /* name -> id, 0 for a coder still to be added */
    struct strmap code_index;   /* "LENGTH:CODECODE_NAME" -> index in the codebook */
    struct {
        char **items;
        size_t count, cap;
    } keys; /* the keys of coder_ids and code_index, which the maps do not own */
};

static bool resolver_init(struct resolver *r, const struct source_list *sources, struct error *err)
{
    *r = (struct resolver){.sources = sources};
    for (size_t i = 0; i < sources->count; i++) {
        if (!strmap_put(&r->source_index, sources->items[i].name, (int64_t)i))
            return error_internal(err, "out of memory");
    }
    return true;
}

static void resolver_finish(struct resolver *r)
{
    strmap_finish(&r->source_index);
    strmap_finish(&r->coder_ids);
    strmap_finish(&r->code_index);
    for (size_t i = 0; i < r->keys.count; i++)
        free(r->keys.items[i]);
    free(r->keys.items);
}

/* Puts `key` (a copy) in `map` with `value`. */
static bool resolver_put(struct resolver *r, struct strmap *map, const char *key, int64_t value,
                         struct error *err)
{
    char *copy = strdup(key);
    if (!copy || !LIST_PUSH(&r->keys, copy)) {
        free(copy);
        return error_internal(err, "out of memory");
    }
    return strmap_put(map, copy, value) || error_internal(err, "out of memory");
}

static const struct source_row *find_source(const struct resolver *r, const char *name)
{
    int64_t index;
    return strmap_get(&r->source_index, name, &index) ? &r->sources->items[index] : NULL;
}

/* Sets *id to the id of the coder named `name`, 0 when the project has none yet, asking the
 * project the first time the name comes. */
static bool find_coder(struct project *project, struct resolver *r, const char *name, int64_t *id,
                       struct error *err)
{
    if (strmap_get(&r->coder_ids, name, id))
        return true;
    return store_coder_find(project->store, name, id, err) &&
           resolver_put(r, &r->coder_ids, name, *id, err);
}

/* Reads a whole number from a CSV cell or a command line. */
static bool parse_offset(const char *s, int64_t *value)
{
    char *end;
    if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 15)
        return false;
    *value = (int64_t)strtoll(s, &end, 10);
    return *end == '\0';
}

/* Finds the code a request names by its code (a number, perhaps with a name after it, a path or
 * a name) and code_name, trusting what request->match says when number and name disagree.
 * Returns the index, or -1 with a message. */
static int resolve_code(const struct codetree *tree, const struct coding_request *request,
                        struct error *err)
{
    const char *text = request->code ? request->code : "";
    size_t n = strlen(text);
    while (n && (*text == ' ' || *text == '\t')) {
        text++;
        n--;
    }
    bool named = request->code_name && *request->code_name;
    struct outline number;
    size_t used = outline_scan(text, n, &number);
    if (!used || (!named && request->match == CODE_MATCH_BOTH))
        return codetree_resolve(tree, text, err);
    /* The name beside the number: the code_name column's, else what follows the number. */
    const char *name = request->code_name;
    if (!named) {
        name = text + used;
        name += strspn(name, " \t");
    }
    char shown[OUTLINE_TEXT_MAX];
    outline_format(&number, shown, sizeof shown);
    if (request->match == CODE_MATCH_NAME && *name)
        return codetree_resolve(tree, name, err);
    int index = codetree_find_number(tree, &number);
    if (index < 0) {
        error_user(err, "no code is numbered %s", shown);
        return -1;
    }
    const char *ours = codetree_get(tree, (size_t)index)->name;
    if (request->match == CODE_MATCH_BOTH && *name && strcmp(ours, name) != 0) {
        error_user(err,
                   "code %s is named '%s' in the project, not '%s'; match by number or by "
                   "name to take it all the same",
                   shown, ours, name);
        return -1;
    }
    return index;
}

/* The index of the code a request names, resolved once for each code and code_name given;
 * -1 with a message. */
static int find_code(struct project *project, struct resolver *r,
                     const struct coding_request *request, struct error *err)
{
    /* The code's length first, so that no two pairs share a key. */
    const char *text = request->code ? request->code : "";
    struct strbuf key = STRBUF_INIT;
    if (!strbuf_printf(&key, "%zu:%s%s", strlen(text), text,
                       request->code_name ? request->code_name : "")) {
        strbuf_finish(&key);
        error_internal(err, "out of memory");
        return -1;
    }
    int64_t found;
    int index;
    if (strmap_get(&r->code_index, strbuf_str(&key), &found))
        index = (int)found;
    else if ((index = resolve_code(project->codes, request, err)) >= 0 &&
             !resolver_put(r, &r->code_index, strbuf_str(&key), index, err))
        index = -1;
    strbuf_finish(&key);
    return index;
}

/* Checks a coding against the project and turns it into ids (its coder's 0 while the project
 * has no such coder). `where` starts messages. */
static bool resolve_coding(struct project *project, struct resolver *resolver,
                           const struct coding_request *request, const char *where,
                           struct coding_row *row, struct error *err)
{
    if (!request->coder || !*request->coder)
        return error_user(err, "%sno coder given", where);
    int64_t coder_id;
    if (!find_coder(project, resolver, request->coder, &coder_id, err))
        return false;
    if (!coder_id && !names_check_coder(request->coder, err))
        return error_prefix(err, "%s", where);
    const struct source_row *source = find_source(resolver, request->source);
    if (!source)
        return error_user(err, "%sthere is no source named '%s'", where, request->source);
    int index = find_code(project, resolver, request, err);
    if (index < 0)
        return error_prefix(err, "%s", where);
    const struct code *code = codetree_get(project->codes, (size_t)index);
    if (!code->codable) {
        char number[OUTLINE_TEXT_MAX];
        codetree_number_text(project->codes, index, number);
        return error_user(err, "%scode %s '%s' is a heading and cannot be coded", where, number,
                          code->name);
    }
    if (request->start < 0 || request->start >= request->end) {
        return error_user(err,
                          "%sthe span %" PRId64 "-%" PRId64 " is empty or reversed; start "
                          "must be less than end",
                          where, request->start, request->end);
    }
    if (request->end > source->length) {
        return error_user(err,
                          "%sthe span %" PRId64 "-%" PRId64 " ends past the end of %s, "
                          "which has %" PRId64 " characters",
                          where, request->start, request->end, source->name, source->length);
    }
    *row = (struct coding_row){
        .source_id = source->id,
        .code_id = code->id,
        .coder_id = coder_id,
        .start = request->start,
        .end = request->end,
        .memo = (char *)(request->memo && *request->memo ? request->memo : NULL),
    };
    return true;
}

bool project_resolve_coding(struct project *project, const struct coding_request *request,
                            struct coding_row *row, struct error *err)
{
    struct source_list sources = {0};
    struct resolver resolver = {0};
    bool ok = store_sources_list(project->store, &sources, err) &&
              resolver_init(&resolver, &sources, err) &&
              resolve_coding(project, &resolver, request, "", row, err);
    resolver_finish(&resolver);
    row_source_list_finish(&sources);
    return ok;
}

/* Finds a named column of a header; -1 when absent. */
static int column_of(const struct csv_record *header, const char *name)
{
    for (size_t i = 0; i < header->count; i++) {
        if (strcmp(header->fields[i], name) == 0)
            return (int)i;
    }
    return -1;
}

/* Gives an existing coding the memo of an imported row (NULL for none) when the two differ. */
static bool update_memo(struct project *project, const struct coding_row *imported, bool *changed,
                        struct error *err)
{
    struct coding_row current;
    bool found;
    if (!store_coding_get(project->store, imported->id, &current, &found, err))
        return false;
    *changed = found &&
               strcmp(current.memo ? current.memo : "", imported->memo ? imported->memo : "") != 0;
    bool ok = true;
    if (*changed) {
        struct coding_row updated = current;
        updated.memo = imported->memo;
        ok = store_coding_update(project->store, &updated, &found, err);
    }
    free(current.memo);
    return ok;
}

bool project_import_codings(struct project *project, const char *path, enum code_match match,
                            struct import_report *report, struct error *err)
{
    char *data;
    size_t n;
    memset(report, 0, sizeof *report);
    if (!file_read_input(path, CSV_MAX_BYTES, &data, &n, err))
        return false;
    bool ok =
        project_import_codings_data(project, data, n, file_input_name(path), match, report, err);
    free(data);
    return ok;
}

bool project_import_codings_data(struct project *project, const char *data, size_t n,
                                 const char *path, enum code_match match,
                                 struct import_report *report, struct error *err)
{
    static const char *const required[] = {"coder", "source", "code", "start", "end"};
    struct csv_table table;
    struct saved_records rows = {0};
    struct source_list sources = {0};
    struct resolver resolver = {0};
    struct coding_row *codings = NULL;
    const char **coders = NULL;
    bool ok = false;
    bool in_transaction = false;
    bool temporaries_in_memory = false;
    memset(report, 0, sizeof *report);
    if (!csv_table_open(&table, data, n, path, err))
        return false;

    struct csv_record header;
    int got = csv_next(table.reader, &header, err);
    if (got <= 0) {
        if (got == 0)
            error_user(err, "%s is empty; expected the header coder,source,code,start,end,memo",
                       path);
        goto cleanup;
    }
    int col[5];
    for (int i = 0; i < 5; i++) {
        col[i] = column_of(&header, required[i]);
        if (col[i] < 0) {
            error_user(err,
                       "%s:1: there is no '%s' column (expected coder,source,code,start,end "
                       "and optionally memo)",
                       path, required[i]);
            goto cleanup;
        }
    }
    int memo_col = column_of(&header, "memo");
    int name_col = column_of(&header, "code_name");
    size_t ncolumns = header.count;
    if (!read_rows(&table, ncolumns, &rows, err) ||
        !store_sources_list(project->store, &sources, err) ||
        !resolver_init(&resolver, &sources, err))
        goto cleanup;

    codings = calloc(rows.count ? rows.count : 1, sizeof *codings);
    coders = calloc(rows.count ? rows.count : 1, sizeof *coders);
    if (!codings || !coders) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    for (size_t r = 0; r < rows.count; r++) {
        char **f = rows.items[r].fields;
        char where[64];
        snprintf(where, sizeof where, "%.40s:%zu: ", path, rows.items[r].line);
        struct coding_request request = {
            .coder = f[col[0]],
            .source = f[col[1]],
            .code = f[col[2]],
            .code_name = name_col >= 0 ? f[name_col] : NULL,
            .match = match,
            .memo = memo_col >= 0 ? f[memo_col] : NULL,
        };
        if (!parse_offset(f[col[3]], &request.start) || !parse_offset(f[col[4]], &request.end)) {
            error_user(err,
                       "%sstart and end must be whole numbers of characters, not '%s' and "
                       "'%s'",
                       where, f[col[3]], f[col[4]]);
            goto cleanup;
        }
        if (!resolve_coding(project, &resolver, &request, where, &codings[r], err))
            goto cleanup;
        coders[r] = request.coder;
    }

    /* Each row's statement journal in memory, not in a file; only speed depends on it. */
    temporaries_in_memory =
        store_set_temporaries_in_memory(project->store, true, &(struct error){0});
    if (!store_begin(project->store, err))
        goto cleanup;
    in_transaction = true;
    for (size_t r = 0; r < rows.count; r++) {
        bool added;
        /* A coder the project lacked is added once, at its first row. */
        if (!codings[r].coder_id)
            strmap_get(&resolver.coder_ids, coders[r], &codings[r].coder_id);
        if (!codings[r].coder_id) {
            if (!store_coder_ensure(project->store, coders[r], &codings[r].coder_id, err))
                goto cleanup;
            if (!strmap_put(&resolver.coder_ids, coders[r], codings[r].coder_id)) {
                error_internal(err, "out of memory");
                goto cleanup;
            }
        }
        if (!store_coding_add(project->store, &codings[r], &added, err))
            goto cleanup;
        bool memo_changed = false;
        if (!added && memo_col >= 0 && !update_memo(project, &codings[r], &memo_changed, err))
            goto cleanup;
        if (added)
            report->added++;
        else if (memo_changed)
            report->updated++;
        else
            report->unchanged++;
    }
    struct strbuf summary = STRBUF_INIT;
    strbuf_printf(&summary,
                  "imported codings from %s: %zu added, %zu memos changed, %zu already present",
                  path, report->added, report->updated, report->unchanged);
    bool logged = journal_final(project, 0, "codings.import", strbuf_str(&summary), err);
    strbuf_finish(&summary);
    if (!logged)
        goto cleanup;
    in_transaction = false;
    ok = store_commit(project->store, err);
cleanup:
    if (in_transaction)
        store_rollback(project->store);
    if (temporaries_in_memory)
        store_set_temporaries_in_memory(project->store, false, &(struct error){0});
    free(codings);
    free(coders);
    resolver_finish(&resolver);
    row_source_list_finish(&sources);
    saved_records_finish(&rows);
    csv_table_close(&table);
    return ok;
}

struct text *project_source_text(struct project *project, int64_t source_id, struct error *err)
{
    char *bytes;
    size_t n;
    if (!store_source_text(project->store, source_id, &bytes, &n, err))
        return NULL;
    struct text *text = text_create(bytes, n);
    free(bytes);
    if (!text)
        error_internal(err, "out of memory loading a source");
    return text;
}

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
