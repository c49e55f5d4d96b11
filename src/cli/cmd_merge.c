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

int cmd_merge_run(int argc, char **argv)
{
    static const struct cli_spec spec = {
        .usage = "PROJECT OTHER",
        .help = "Copies the codings of OTHER, another project file (a copy another coder\n"
                "worked in), into PROJECT, with their memos, in one change. Sources are\n"
                "matched by their text, codes by GUID, then by number, then by a name only\n"
                "one code has, coders by name (added when new). Codings already in PROJECT\n"
                "are not added again, so merging twice adds nothing. Codings whose source or\n"
                "code has no match are skipped and listed. OTHER is only read.\n",
        .min_args = 2,
        .max_args = 2,
    };
    struct parsed_options opts;
    int status;
    if (!cli_parse(argc, argv, &spec, &opts, &status))
        return status;
    struct project *project = cli_open(opts.positional[0], PROJECT_READ_WRITE, &status);
    if (!project)
        return status;
    struct error err;
    struct merge_report report;
    bool ok = merge_project(project, opts.positional[1], &report, &err);
    project_close(project);
    if (ok) {
        printf("merged %zu coding%s from %s: %zu added, %zu already present\n", report.codings,
               report.codings == 1 ? "" : "s", opts.positional[1], report.added, report.present);
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
