#include "cli/cmd_refi.h"

#include "cli/cli.h"
#include "core/row.h"
#include "io/warnings.h"
#include "model/exchange.h"
#include "model/project.h"

#include <stdio.h>

/* "1 coding" or "641 codings". */
static void count(size_t n, const char *one, const char *many)
{
    printf("%zu %s", n, n == 1 ? one : many);
}

/* " (N already there)" after a count, when there were any. */
static void already(size_t n)
{
    if (n)
        printf(" (%zu already there)", n);
}

/* One line of what came in, then every warning of what was skipped or changed. */
static void print_report(const char *file, const struct exchange_report *r)
{
    cli_say("imported %s: ", file);
    count(r->coders_added, "coder", "coders");
    printf(", ");
    count(r->codes_added, "code", "codes");
    printf(" added and %zu matched", r->codes_updated + r->codes_unchanged);
    if (r->codes_updated)
        printf(" (%zu changed)", r->codes_updated);
    printf(", ");
    count(r->sources_added, "source", "sources");
    already(r->sources_unchanged);
    printf(", ");
    count(r->cases_added, "case", "cases");
    printf(", ");
    count(r->codings_added, "coding", "codings");
    already(r->codings_unchanged);
    printf(", ");
    count(r->memos_written + r->coding_memos, "memo", "memos");
    if (r->coding_memos)
        printf(" (%zu on codings)", r->coding_memos);
    printf("\n");
    for (size_t i = 0; i < r->warnings.count; i++) {
        char line[1024];
        warnings_describe(&r->warnings.items[i], line, sizeof line);
        fputs("warning: ", stdout);
        cli_put_visible(stdout, line);
        putchar('\n');
    }
}

int cmd_refi_import(struct cli_call *call)
{
    enum source_kind kind = SOURCE_INTERVIEW;
    const char *kind_name = cli_option(call, "kind");
    if (kind_name && !row_kind_parse(kind_name, &kind))
        return cli_misuse(call, "unknown kind '%s'; use interview, observation or document",
                          kind_name);
    struct exchange_report report;
    struct error err;
    bool ok = exchange_import_qdpx(call->project, call->args[1], kind, &report, &err);
    if (ok)
        print_report(call->args[1], &report);
    exchange_report_finish(&report);
    return ok ? CLI_OK : cli_report(&err);
}

/* What writing an archive takes and tells. */
struct archive_export {
    struct project *project;
    size_t detached;
};

static bool write_archive(FILE *out, void *context, struct error *err)
{
    struct archive_export *export = context;
    return exchange_export_qdpx(export->project, out, &export->detached, err);
}

int cmd_refi_export(struct cli_call *call)
{
    struct archive_export export = {call->project, 0};
    struct error err;
    if (!cli_write(call->args[1], write_archive, &export, &err))
        return cli_report(&err);
    /* On standard error: the archive itself may be going to standard output. */
    if (export.detached)
        fprintf(stderr,
                "margin: %zu detached coding%s, which REFI-QDA has no place for, %s (margin "
                "detached lists them)\n",
                export.detached, export.detached == 1 ? "" : "s",
                export.detached == 1 ? "is written as a note on its source"
                                     : "are written as notes on their sources");
    return CLI_OK;
}
