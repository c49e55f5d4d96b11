#include "cli/cmd_merge.h"

#include "cli/cli.h"
#include "model/merge.h"
#include "model/project.h"

#include <stdio.h>

static void print_misses(const struct merge_misses *misses, const char *what)
{
    if (misses->count == 0)
        return;
    size_t total = 0;
    for (size_t i = 0; i < misses->count; i++)
        total += misses->items[i].codings;
    printf("skipped %zu coding%s %s:\n", total, total == 1 ? "" : "s", what);
    for (size_t i = 0; i < misses->count; i++) {
        const struct merge_miss *miss = &misses->items[i];
        fputs("  ", stdout);
        cli_put_visible(stdout, miss->what);
        printf(": %zu coding%s (%s)\n", miss->codings, miss->codings == 1 ? "" : "s", miss->why);
    }
}

int cmd_merge_run(struct cli_call *call)
{
    struct error err;
    struct merge_report report;
    bool ok = merge_project(call->project, call->args[1], &report, &err);
    if (ok) {
        printf("merged %zu coding%s from %s: %zu added, %zu already present\n", report.codings,
               report.codings == 1 ? "" : "s", call->args[1], report.added, report.present);
        if (report.detached)
            printf("%zu of them %s detached, as in %s (margin detached lists %s)\n",
                   report.detached, report.detached == 1 ? "is" : "are", call->args[1],
                   report.detached == 1 ? "it" : "them");
        if (report.coders_added)
            printf("added %zu coder%s\n", report.coders_added, report.coders_added == 1 ? "" : "s");
        print_misses(&report.sources, "in sources whose text is not in this project");
        print_misses(&report.codes, "at codes with no match in this project");
        if (report.renamed.count)
            printf("matched by number although the names differ:\n");
        for (size_t i = 0; i < report.renamed.count; i++) {
            fputs("  ", stdout);
            cli_put_visible(stdout, report.renamed.items[i].theirs);
            fputs(" -> ", stdout);
            cli_put_visible(stdout, report.renamed.items[i].ours);
            putchar('\n');
        }
    }
    merge_report_finish(&report);
    return ok ? CLI_OK : cli_report(&err);
}
