#include "model/speakers.h"

#include "core/list.h"
#include "core/strbuf.h"
#include "store/journal.h"
#include "store/sources.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

bool speakers_rule(struct project *project, struct turn_rule **rule, struct error *err)
{
    char *pattern = NULL;
    *rule = NULL;
    if (!project_setting(project, SPEAKERS_SETTING, &pattern, err))
        return false;
    if (pattern) {
        *rule = turns_rule_create(pattern, err);
        if (!*rule)
            error_prefix(err, "the project's turn pattern cannot be used (set another with margin "
                              "turns --pattern): ");
    }
    free(pattern);
    return !pattern || *rule;
}

/* Finds the turns of one source again by rule and stores them; adds their number to *turns. */
static bool find_again(struct store *store, int64_t id, const struct turn_rule *rule, size_t *turns,
                       struct error *err)
{
    char *text = NULL;
    size_t n = 0;
    struct turn_list found = {0};
    bool ok = store_source_text(store, id, &text, &n, err);
    if (ok && !turns_find(rule, text, n, &found))
        ok = error_internal(err, "out of memory finding speaker turns");
    ok = ok && store_source_set_turns(store, id, &found, err);
    *turns += found.count;
    row_turn_list_finish(&found);
    free(text);
    return ok;
}

bool speakers_set_pattern(struct project *project, const char *pattern, size_t *sources,
                          size_t *turns, struct error *err)
{
    struct turn_rule *rule = NULL;
    struct source_list list = {0};
    struct strbuf summary = STRBUF_INIT;
    struct store *store = project_store(project);
    bool ok = false, in_transaction = false;
    *sources = *turns = 0;
    if (pattern && !(rule = turns_rule_create(pattern, err)))
        goto cleanup;
    if (!store_begin(store, err))
        goto cleanup;
    in_transaction = true;
    if (!store_setting_set(store, SPEAKERS_SETTING, pattern, err) ||
        !store_sources_list(store, &list, err))
        goto cleanup;
    for (size_t i = 0; i < list.count; i++) {
        if (!find_again(store, list.items[i].id, rule, turns, err))
            goto cleanup;
    }
    *sources = list.count;
    if (pattern)
        strbuf_printf(&summary, "set the turn pattern to '%s': %zu speaker turns in %zu sources",
                      pattern, *turns, *sources);
    else
        strbuf_printf(&summary,
                      "went back to the default turn rule: %zu speaker turns in %zu "
                      "sources",
                      *turns, *sources);
    int64_t batch;
    if (!store_journal_new_batch(store, &batch, err) ||
        !store_journal_add(store, batch, 0, "turns.pattern", strbuf_str(&summary), NULL, NULL, err))
        goto cleanup;
    in_transaction = false;
    ok = store_commit(store, err);
cleanup:
    if (in_transaction)
        store_rollback(store);
    strbuf_finish(&summary);
    row_source_list_finish(&list);
    turns_rule_destroy(rule);
    return ok;
}

/* Counts one turn of `speaker` in entry. */
static bool tally(struct source_speakers *entry, const char *speaker)
{
    entry->turns++;
    for (size_t i = 0; i < entry->count; i++) {
        if (strcmp(entry->items[i].speaker, speaker) == 0) {
            entry->items[i].turns++;
            return true;
        }
    }
    struct speaker_tally added = {strdup(speaker), 1};
    if (added.speaker && LIST_PUSH(entry, added))
        return true;
    free(added.speaker);
    return false;
}

bool speakers_report(struct project *project, struct speakers_report *out, struct error *err)
{
    struct store *store = project_store(project);
    struct source_list list = {0};
    memset(out, 0, sizeof *out);
    bool ok = project_setting(project, SPEAKERS_SETTING, &out->pattern, err) &&
              store_sources_list(store, &list, err);
    for (size_t i = 0; ok && i < list.count; i++) {
        struct source_speakers entry = {.source = strdup(list.items[i].name)};
        if (!entry.source || !LIST_PUSH(out, entry)) {
            free(entry.source);
            ok = error_internal(err, "out of memory");
            break;
        }
        struct turn_list turns = {0};
        ok = store_source_turns(store, list.items[i].id, &turns, err);
        for (size_t t = 0; ok && t < turns.count; t++) {
            if (!tally(&out->items[out->count - 1], turns.items[t].speaker))
                ok = error_internal(err, "out of memory");
        }
        row_turn_list_finish(&turns);
    }
    row_source_list_finish(&list);
    if (!ok)
        speakers_report_finish(out);
    return ok;
}

void speakers_report_finish(struct speakers_report *report)
{
    for (size_t i = 0; i < report->count; i++) {
        struct source_speakers *entry = &report->items[i];
        for (size_t s = 0; s < entry->count; s++)
            free(entry->items[s].speaker);
        free(entry->items);
        free(entry->source);
    }
    free(report->items);
    free(report->pattern);
    memset(report, 0, sizeof *report);
}
