/* Importing transcripts as sources. */

#include "model/project.h"

#include "core/strbuf.h"
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
        bool logged = project_journal_final(project, 0, "source.import", strbuf_str(&summary), err);
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
