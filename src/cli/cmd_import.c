#include "cli/cmd_import.h"

#include "cli/cli.h"
#include "model/edit.h"
#include "model/project.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The commands of the form `margin ... PROJECT FILE`: import FILE into PROJECT, then say what
 * was done. */
typedef bool import_file_fn(struct project *project, const char *path, struct import_report *report,
                            struct error *err);
typedef void report_fn(const struct project *project, const struct import_report *report);

static int import_file(int argc, char **argv, const struct cli_spec *spec, import_file_fn *import,
                       report_fn *print_report)
{
    struct parsed_options opts;
    int status;
    if (!cli_parse(argc, argv, spec, &opts, &status))
        return status;
    struct project *project = cli_open(opts.positional[0], PROJECT_READ_WRITE, &status);
    if (!project)
        return status;
    struct import_report report;
    struct error err;
    bool ok = import(project, opts.positional[1], &report, &err);
    if (ok)
        print_report(project, &report);
    project_close(project);
    return ok ? CLI_OK : cli_report(&err);
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

int cmd_import_init(int argc, char **argv)
{
    static const struct cli_spec spec = {
        .usage = "PROJECT",
        .help = "Creates PROJECT, a new and empty project file (suggested extension .margin).\n"
                "margin refuses to overwrite an existing file.\n",
        .min_args = 1,
        .max_args = 1,
    };
    struct parsed_options opts;
    int status;
    if (!cli_parse(argc, argv, &spec, &opts, &status))
        return status;
    struct error err;
    struct project *project = project_create(opts.positional[0], &err);
    if (!project)
        return cli_report(&err);
    project_close(project);
    cli_say("created %s\n", opts.positional[0]);
    return CLI_OK;
}

int cmd_import_sources(int argc, char **argv)
{
    static const struct option_spec options[] = {
        {"case", "NAME", false},
        {"kind", "KIND", false},
    };
    static const struct cli_spec spec = {
        .usage = "PROJECT FILE... [--case NAME] [--kind interview|observation|document]",
        .help = "Imports plain text files (UTF-8) as sources named after the files, without\n"
                "directory and extension. A byte order mark is dropped and line endings become\n"
                "LF. Speaker turns are found from labels at the start of lines (Interviewer:,\n"
                "I:, R:, P3:, Dr Smith:) that start at least two lines.\n"
                "Every file is checked before any is imported; a bad file stops the import\n"
                "with its line and column, and nothing is written.\n\n"
                "  --case NAME   link the sources to this case (created if new)\n"
                "  --kind KIND   interview (the default), observation or document\n",
        .options = options,
        .noptions = sizeof options / sizeof options[0],
        .min_args = 2,
        .max_args = -1,
    };
    struct parsed_options opts;
    int status;
    if (!cli_parse(argc, argv, &spec, &opts, &status))
        return status;
    enum source_kind kind = SOURCE_INTERVIEW;
    const char *kind_name = options_value(&opts, 1);
    if (kind_name && !row_kind_parse(kind_name, &kind))
        return cli_usage_error(argv[0], spec.usage,
                               "unknown kind '%s'; use interview, observation or document",
                               kind_name);
    struct project *project = cli_open(opts.positional[0], PROJECT_READ_WRITE, &status);
    if (!project)
        return status;
    struct import_report report;
    struct error err;
    bool ok = project_import_sources(project, (const char *const *)opts.positional + 1,
                                     (size_t)opts.npositional - 1, options_value(&opts, 0), kind,
                                     &report, &err);
    project_close(project);
    if (!ok)
        return cli_report(&err);
    printf("imported %zu %s", report.added, plural(report.added, "source", "sources"));
    if (report.unchanged)
        printf(" (%zu already in the project)", report.unchanged);
    printf("\n");
    return CLI_OK;
}

static void report_codebook(const struct project *project, const struct import_report *report)
{
    size_t total = codetree_count(project_codes(project));
    printf("codebook: %zu added, %zu updated, %zu unchanged; the project has %zu %s\n",
           report->added, report->updated, report->unchanged, total,
           plural(total, "code", "codes"));
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

int cmd_import_codebook(int argc, char **argv)
{
    static const struct cli_spec spec = {
        .usage = "PROJECT FILE",
        .help = "Imports a codebook: margin's YAML format (see margin-codebook(5)) or the\n"
                "\"Name / Files / References\" table NVivo exports, told apart by content.\n"
                "Codes are matched to the project's by number: a match takes the file's name,\n"
                "description and colour; new codes are added. Codes the file does not\n"
                "mention are kept. In an NVivo table, a code with sub-codes that was never\n"
                "coded (0 files, 0 references) becomes a heading, which cannot be coded.\n",
        .min_args = 2,
        .max_args = 2,
    };
    return import_file(argc, argv, &spec, project_import_codebook, report_codebook);
}

int cmd_import_cases(int argc, char **argv)
{
    static const struct cli_spec spec = {
        .usage = "PROJECT FILE",
        .help = "Imports cases from CSV: one row per case, the first column its name, the\n"
                "other columns its attributes (site, staff group, ...). A column's type is\n"
                "inferred from its values (integer, real, date, boolean or text) unless the\n"
                "header gives it, as in age:integer. Existing cases are updated; an empty cell\n"
                "clears a value.\n",
        .min_args = 2,
        .max_args = 2,
    };
    return import_file(argc, argv, &spec, project_import_cases, report_cases);
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

int cmd_import_code(int argc, char **argv)
{
    static const struct option_spec options[] = {
        {"coder", "NAME", false}, {"source", "NAME", false}, {"code", "CODE", false},
        {"start", "N", false},    {"end", "N", false},       {"memo", "TEXT", false},
    };
    static const struct cli_spec spec = {
        .usage = "PROJECT --coder NAME --source NAME --code CODE --start N --end M [--memo TEXT]",
        .help = "Codes characters N to M (0-based code points, M excluded) of a source.\n"
                "CODE is a number (07.01.02 or 7.1.2), a number and its name, or a name only\n"
                "one code has. A new coder name adds the coder.\n",
        .options = options,
        .noptions = sizeof options / sizeof options[0],
        .min_args = 1,
        .max_args = 1,
    };
    struct parsed_options opts;
    int status;
    if (!cli_parse(argc, argv, &spec, &opts, &status))
        return status;
    static const char *const needed[] = {"coder", "source", "code", "start", "end"};
    for (size_t i = 0; i < 5; i++) {
        if (!options_value(&opts, i))
            return cli_usage_error(argv[0], spec.usage, "--%s is missing", needed[i]);
    }
    struct coding_request request = {
        .coder = options_value(&opts, 0),
        .source = options_value(&opts, 1),
        .code = options_value(&opts, 2),
        .memo = options_value(&opts, 5),
    };
    if (!parse_count(options_value(&opts, 3), &request.start) ||
        !parse_count(options_value(&opts, 4), &request.end))
        return cli_usage_error(argv[0], spec.usage,
                               "--start and --end must be whole numbers of characters");
    struct project *project = cli_open(opts.positional[0], PROJECT_READ_WRITE, &status);
    if (!project)
        return status;
    struct error err;
    enum edit_outcome outcome;
    char message[1024];
    bool ok = edit_code_request(project, &request, &outcome, message, sizeof message, &err);
    project_close(project);
    if (!ok)
        return cli_report(&err);
    cli_say("%s\n", message);
    return CLI_OK;
}

int cmd_import_codings(int argc, char **argv)
{
    static const struct cli_spec spec = {
        .usage = "PROJECT FILE",
        .help = "Imports codings from CSV with the columns coder,source,code,start,end and\n"
                "optionally memo; other columns (such as those of margin export) are ignored.\n"
                "Offsets are 0-based code points, end excluded. Every row is checked first:\n"
                "an unknown source or code, or a span outside the text, stops the import with\n"
                "the row's line, and nothing is written. A coding already present keeps its\n"
                "place; with a memo column, it takes the row's memo (an empty cell removes\n"
                "the memo), so that an exported file whose memos were edited can come back.\n",
        .min_args = 2,
        .max_args = 2,
    };
    return import_file(argc, argv, &spec, project_import_codings, report_codings);
}
