/* Importing transcripts as sources. */

#include "model/project.h"

#include "core/strbuf.h"
#include "core/strmap.h"
#include "internal.h"
#include "io/transcript.h"
#include "model/speakers.h"
#include "store/people.h"
#include "store/sources.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

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

/* Names each file's source (names[i] for paths[i]), refusing a file that gives no name and two
 * files that give the same one. */
static bool name_sources(const char *const *paths, size_t count, char **names, struct error *err)
{
    struct strmap seen = STRMAP_INIT;
    bool ok = false;
    for (size_t i = 0; i < count; i++) {
        names[i] = name_from_path(paths[i]);
        if (!names[i] || !*names[i]) {
            error_user(err, "%s: cannot name a source after this file", paths[i]);
            goto cleanup;
        }
        int64_t j;
        if (strmap_get(&seen, names[i], &j)) {
            error_user(err, "%s and %s would both become the source '%s'; rename one", paths[j],
                       paths[i], names[i]);
            goto cleanup;
        }
        if (!strmap_put(&seen, names[i], (int64_t)i)) {
            error_internal(err, "out of memory");
            goto cleanup;
        }
    }
    ok = true;
cleanup:
    strmap_finish(&seen);
    return ok;
}

/* Adds the transcript read from `path` as source `name`, or counts it unchanged when the project
 * holds the same text under that name already. */
static bool import_one(struct project *project, const char *path, const char *name,
                       const struct transcript *transcript, const char *case_name, int64_t case_id,
                       enum source_kind kind, struct import_report *report, struct error *err)
{
    struct source_row existing;
    if (!store_source_find(project->store, name, &existing, err))
        return false;
    free(existing.name);
    if (existing.id) {
        if (strcmp(existing.sha256, transcript->sha256) != 0)
            return error_user(err,
                              "%s: the project already has a source named '%s' with different "
                              "text; to replace its text and keep its codings, run margin source "
                              "update %s %s %s, or rename the file to import it as a new source",
                              path, name, store_path(project->store), name, path);
        /* Importing the same text again changes nothing, so it must not seem to relink. */
        if (case_name && existing.case_id != case_id) {
            struct case_list known = {0};
            if (store_cases_list(project->store, &known, err))
                error_user(err,
                           "%s: the project already has this text as source '%s', linked to "
                           "%s%s; importing it again does not link it to case %s, so nothing "
                           "was changed. To link it, run margin source relink %s %s --case %s",
                           path, name, existing.case_id ? "case " : "no case",
                           name_of_case(&known, existing.case_id), case_name,
                           store_path(project->store), name, case_name);
            row_case_list_finish(&known);
            return false;
        }
        /* Nor must it seem to change the kind. */
        if (existing.kind != kind) {
            const char *was = row_kind_name(existing.kind);
            size_t used = strlen(report->skipped);
            snprintf(report->skipped + used, sizeof report->skipped - used,
                     "%s%s is in the project as a%s %s already; importing its text again "
                     "does not change its kind",
                     used ? "; " : "", name, strchr("aeiou", was[0]) ? "n" : "", was);
        }
        report->unchanged++;
        return true;
    }
    struct source_row row = {
        .name = (char *)name,
        .kind = kind,
        .case_id = case_id,
        .length = (int64_t)transcript->length,
    };
    memcpy(row.sha256, transcript->sha256, sizeof row.sha256);
    if (!store_source_add(project->store, &row, transcript->text, transcript->size,
                          &transcript->turns, err))
        return false;
    struct strbuf summary = STRBUF_INIT;
    strbuf_printf(&summary, "imported %s as source %s (%zu characters, %zu speaker turns)", path,
                  name, transcript->length, transcript->turns.count);
    bool logged = project_journal_final(project, 0, "source.import", strbuf_str(&summary), err);
    strbuf_finish(&summary);
    if (logged)
        report->added++;
    return logged;
}

bool project_import_sources(struct project *project, const char *const *paths, size_t count,
                            const char *case_name, enum source_kind kind,
                            struct import_report *report, struct error *err)
{
    bool ok = false;
    bool in_transaction = false;
    struct turn_rule *rule = NULL;
    char **names = calloc(count ? count : 1, sizeof *names);
    memset(report, 0, sizeof *report);
    if (!names) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    if (!name_sources(paths, count, names, err) || !speakers_rule(project, &rule, err))
        goto cleanup;

    if (!store_begin(project->store, err))
        goto cleanup;
    in_transaction = true;
    int64_t case_id = 0;
    if (case_name && !store_case_ensure(project->store, case_name, &case_id, err))
        goto cleanup;
    /* One file at a time, so that each reuses the memory of the one before. */
    for (size_t i = 0; i < count; i++) {
        struct transcript transcript;
        if (!transcript_read(paths[i], rule, &transcript, err))
            goto cleanup;
        bool imported = import_one(project, paths[i], names[i], &transcript, case_name, case_id,
                                   kind, report, err);
        transcript_finish(&transcript);
        if (!imported)
            goto cleanup;
    }
    in_transaction = false;
    ok = store_commit(project->store, err);
cleanup:
    if (in_transaction)
        store_rollback(project->store);
    for (size_t i = 0; names && i < count; i++)
        free(names[i]);
    free(names);
    turns_rule_destroy(rule);
    return ok;
}
