#include "cli/cmd_import.h"

#include "model/edit.h"
#include "model/project.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The commands of the form `margin ... PROJECT FILE`: import FILE into the open project, then
 * say what was done. */
typedef bool import_file_fn(struct project *project, const char *path, struct import_report *report,
                            struct error *err);
typedef void report_fn(const struct project *project, const struct import_report *report);

static int import_file(struct cli_call *call, import_file_fn *import, report_fn *print_report)
{
    struct import_report report;
    struct error err;
    if (!import(call->project, call->args[1], &report, &err))
        return cli_report(&err);
    print_report(call->project, &report);
    return CLI_OK;
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

int cmd_import_init(struct cli_call *call)
{
    struct error err;
    struct project *project = project_create(call->args[0], &err);
    if (!project)
        return cli_report(&err);
    project_close(project);
    cli_say("created %s\n", call->args[0]);
    return CLI_OK;
}

int cmd_import_sources(struct cli_call *call)
{
    enum source_kind kind = SOURCE_INTERVIEW;
    const char *kind_name = cli_option(call, "kind");
    if (kind_name && !row_kind_parse(kind_name, &kind))
        return cli_misuse(call, "unknown kind '%s'; use interview, observation or document",
                          kind_name);
    struct import_report report;
    struct error err;
    if (!project_import_sources(call->project, (const char *const *)call->args + 1, call->nargs - 1,
                                cli_option(call, "case"), kind, &report, &err))
        return cli_report(&err);
    printf("imported %zu %s", report.added, plural(report.added, "source", "sources"));
    if (report.unchanged)
        printf(" (%zu already in the project)", report.unchanged);
    printf("\n");
    /* Without --kind, importing an observation's text again is an ordinary re-import. */
    if (kind_name && report.skipped[0]) {
        fputs("warning: ", stdout);
        cli_put_visible(stdout, report.skipped);
        putchar('\n');
    }
    return CLI_OK;
}

static void report_codebook(const struct project *project, const struct import_report *report)
{
    size_t total = codetree_count(project_codes(project));
    printf("codebook: %zu added, %zu updated, %zu unchanged; the project has %zu %s\n",
           report->added, report->updated, report->unchanged, total,
           plural(total, "code", "codes"));
    if (report->skipped[0]) {
        fputs("warning: ", stdout);
        cli_put_visible(stdout, report->skipped);
        putchar('\n');
    }
}

static void report_cases(const struct project *project, const struct import_report *report)
{
    printf("cases: %zu added, %zu updated\n", report->added, report->updated);
}

static void report_codings(const struct project *project, const struct import_report *report)
{
    printf("codings: %zu added", report->added);
    if (report->updated)
        printf(", %zu with a changed memo", report->updated);
    if (report->unchanged)
        printf(", %zu already present", report->unchanged);
    printf("\n");
}

int cmd_import_codebook(struct cli_call *call)
{
    struct import_report report;
    struct error err;
    if (!project_import_codebook(call->project, cli_option(call, "coder"), call->args[1], &report,
                                 &err))
        return cli_report(&err);
    report_codebook(call->project, &report);
    return CLI_OK;
}

int cmd_import_cases(struct cli_call *call)
{
    return import_file(call, project_import_cases, report_cases);
}

int cmd_import_codings(struct cli_call *call)
{
    const char *trust = cli_option(call, "match");
    enum code_match match = !trust                       ? CODE_MATCH_BOTH
                            : strcmp(trust, "name") == 0 ? CODE_MATCH_NAME
                                                         : CODE_MATCH_NUMBER;
    struct import_report report;
    struct error err;
    if (!project_import_codings(call->project, call->args[1], match, &report, &err))
        return cli_report(&err);
    report_codings(call->project, &report);
    return CLI_OK;
}

/* Reads a whole, non-negative number of characters from an option. */
static bool parse_count(const char *s, int64_t *value)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || errno || v < 0 || strspn(s, "0123456789") != strlen(s))
        return false;
    *value = v;
    return true;
}

int cmd_import_code(struct cli_call *call)
{
    struct coding_request request = {
        .coder = cli_option(call, "coder"),
        .source = cli_option(call, "source"),
        .code = cli_option(call, "code"),
        .memo = cli_option(call, "memo"),
    };
    if (!parse_count(cli_option(call, "start"), &request.start) ||
        !parse_count(cli_option(call, "end"), &request.end))
        return cli_misuse(call, "--start and --end must be whole numbers of characters");
    struct error err;
    enum edit_outcome outcome;
    char message[1024];
    if (!edit_code_request(call->project, &request, &outcome, message, sizeof message, &err))
        return cli_report(&err);
    cli_say("%s\n", message);
    return CLI_OK;
}
