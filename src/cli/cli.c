#include "cli/cli.h"

#include "cli/cmd_agreement.h"
#include "cli/cmd_compare.h"
#include "cli/cmd_import.h"
#include "cli/cmd_merge.h"
#include "cli/cmd_report.h"
#include "cli/cmd_upkeep.h"
#include "core/utf8.h"
#include "core/width.h"
#include "io/file.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct command {
    const char *name; /* one word, or a noun and a verb ("codebook import") */
    const char *summary;
    int (*run)(int argc, char **argv);
};

static const struct command commands[] = {
    {"init", "create a new, empty project file", cmd_import_init},
    {"import", "import transcripts as sources", cmd_import_sources},
    {"codebook import", "import a codebook (margin YAML or an NVivo table)", cmd_import_codebook},
    {"codebook export", "write the codebook as YAML or CSV", cmd_report_codebook},
    {"cases import", "import cases and their attributes from CSV", cmd_import_cases},
    {"code", "code one span of a source", cmd_import_code},
    {"codings import", "import codings from CSV", cmd_import_codings},
    {"export", "export coded segments as CSV", cmd_report_export},
    {"compare", "compare coders' codings: agreement code by code", cmd_compare_run},
    {"agreement", "agreement on unit-level ratings from a CSV file", cmd_agreement_run},
    {"merge", "merge the codings of another copy of a project", cmd_merge_run},
    {"info", "count what a project holds", cmd_report_info},
    {"list", "list sources, codes, coders or cases", cmd_report_list},
    {"check", "check a project file for damage", cmd_upkeep_check},
    {"backup", "copy a project safely, even while it is in use", cmd_upkeep_backup},
};

#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

/* Finds the command named by argv[1] (and argv[2] for two-word commands); sets *words. */
static const struct command *find_command(int argc, char **argv, int *words)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        const char *name = commands[i].name;
        const char *space = strchr(name, ' ');
        if (!space) {
            if (strcmp(argv[1], name) == 0) {
                *words = 1;
                return &commands[i];
            }
            continue;
        }
        size_t noun = (size_t)(space - name);
        if (argc > 2 && strlen(argv[1]) == noun && strncmp(argv[1], name, noun) == 0 &&
            strcmp(argv[2], space + 1) == 0) {
            *words = 2;
            return &commands[i];
        }
    }
    return NULL;
}

bool cli_is_command(const char *name)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        const char *command = commands[i].name;
        size_t n = strcspn(command, " ");
        if (strlen(name) == n && strncmp(name, command, n) == 0)
            return true;
    }
    return false;
}

void cli_print_commands(void)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        printf("  %-16s %s\n", commands[i].name, commands[i].summary);
}

int cli_main(int argc, char **argv)
{
    int words = 0;
    const struct command *command = find_command(argc, argv, &words);
    if (!command) {
        fprintf(stderr, "margin: '%s' needs one of:", argv[1]);
        for (size_t i = 0; i < COMMAND_COUNT; i++) {
            if (strncmp(commands[i].name, argv[1], strlen(argv[1])) == 0 &&
                commands[i].name[strlen(argv[1])] == ' ')
                fprintf(stderr, " %s", strchr(commands[i].name, ' ') + 1);
        }
        fprintf(stderr, "\n");
        return CLI_USER_ERROR;
    }
    /* The command sees itself as argv[0]. */
    char **args = argv + words;
    args[0] = (char *)command->name;
    return command->run(argc - words, args);
}

int cli_report(const struct error *err)
{
    struct strbuf shown = STRBUF_INIT;
    const char *message = err->message[0] ? err->message : "unknown error";
    fprintf(stderr, "margin: %s\n", cli_visible(&shown, message) ? strbuf_str(&shown) : message);
    strbuf_finish(&shown);
    return err->kind == ERROR_INTERNAL ? CLI_INTERNAL_ERROR : CLI_USER_ERROR;
}

/* cli_visible() over s[0..n); with `layout`, line feeds, tabs and a carriage return before a
 * line feed are kept as they are. */
static bool make_visible(struct strbuf *out, const char *s, size_t n, bool layout)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        bool ok;
        bool kept =
            layout && (cp == '\n' || cp == '\t' || (cp == '\r' && i + 1 < n && s[i + 1] == '\n'));
        if (len == 0)
            ok = strbuf_printf(out, "<%02x>", (unsigned char)s[i]);
        else if ((cp < 0x20 || cp == 0x7F) && !kept)
            ok = strbuf_putc(out, '^') && strbuf_putc(out, cp == 0x7F ? '?' : (char)(cp + '@'));
        else if ((cp >= 0x80 && cp < 0xA0) || utf8_is_bidi_control(cp))
            ok = strbuf_printf(out, "<%02x>", (unsigned)cp);
        else
            ok = strbuf_append(out, s + i, len);
        if (!ok)
            return false;
        i += len ? len : 1;
    }
    return true;
}

bool cli_visible(struct strbuf *out, const char *s)
{
    return make_visible(out, s, strlen(s), false);
}

bool cli_put_visible(FILE *stream, const char *s)
{
    struct strbuf shown = STRBUF_INIT;
    bool ok = cli_visible(&shown, s);
    if (ok)
        fputs(strbuf_str(&shown), stream);
    strbuf_finish(&shown);
    return ok;
}

int cli_usage_error(const char *command, const char *usage, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "margin %s: ", command);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nusage: margin %s %s\n(margin %s --help says more)\n", command, usage,
            command);
    return CLI_USER_ERROR;
}

bool cli_parse(int argc, char **argv, const struct cli_spec *spec, struct parsed_options *out,
               int *status)
{
    char reason[256];
    if (!options_parse(argc, argv, spec->options, spec->noptions, out, reason, sizeof reason)) {
        *status = cli_usage_error(argv[0], spec->usage, "%s", reason);
        return false;
    }
    if (out->help) {
        printf("usage: margin %s %s\n\n%s", argv[0], spec->usage, spec->help);
        *status = CLI_OK;
        return false;
    }
    if (out->npositional < spec->min_args) {
        *status = cli_usage_error(argv[0], spec->usage, "missing arguments");
        return false;
    }
    if (spec->max_args >= 0 && out->npositional > spec->max_args) {
        *status = cli_usage_error(argv[0], spec->usage, "unexpected argument '%s'",
                                  out->positional[spec->max_args]);
        return false;
    }
    return true;
}

void cli_say(const char *fmt, ...)
{
    struct strbuf said = STRBUF_INIT;
    struct strbuf shown = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    bool ok = strbuf_vprintf(&said, fmt, ap);
    va_end(ap);
    if (ok && make_visible(&shown, strbuf_str(&said), said.len, true))
        fputs(strbuf_str(&shown), stdout);
    strbuf_finish(&said);
    strbuf_finish(&shown);
}

void cli_cell(const char *s, size_t columns)
{
    size_t used = width_of_text(s, strlen(s));
    fputs(s, stdout);
    do {
        putchar(' ');
    } while (++used < columns);
}

struct project *cli_open(const char *path, enum project_access access, int *status)
{
    struct error err;
    struct project *project = project_open(path, access, &err);
    if (!project)
        *status = cli_report(&err);
    return project;
}

bool cli_write(const char *target, bool (*write)(FILE *out, void *context, struct error *err),
               void *context, struct error *err)
{
    struct file_output out;
    if (!file_output_open(&out, target ? target : "-", err))
        return false;
    /* What goes to a terminal has its control characters made visible; files stay exact. */
    bool terminal = !out.path && isatty(fileno(out.stream));
    char *held = NULL;
    size_t nheld = 0;
    FILE *stream = terminal ? open_memstream(&held, &nheld) : out.stream;
    if (!stream) {
        file_output_abort(&out);
        return error_internal(err, "out of memory");
    }
    bool written = write(stream, context, err);
    int saved = errno;
    bool failed = ferror(stream);
    if (terminal) {
        failed = fclose(stream) != 0 || failed;
        struct strbuf shown = STRBUF_INIT;
        if (written && !failed && !make_visible(&shown, held, nheld, true))
            written = error_internal(err, "out of memory");
        fputs(strbuf_str(&shown), out.stream);
        strbuf_finish(&shown);
        free(held);
    }
    if (!written) {
        /* A stream that failed (a full disk) says more than the writer can. */
        if (failed && saved)
            return file_output_failed(&out, saved, err);
        file_output_abort(&out);
        return false;
    }
    return file_output_commit(&out, err);
}

bool cli_parse_whole(const char *s, long lo, long hi, long *value)
{
    if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
        return false;
    *value = strtol(s, NULL, 10);
    return *value >= lo && *value <= hi;
}
