#include "cli/cli.h"

#include "cli/commands.h"
#include "cli/usage.h"
#include "core/utf8.h"
#include "core/width.h"
#include "io/csv.h"
#include "io/file.h"
#include "io/xlsx.h"

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* How far a mistyped word may be from a command for "did you mean" (edits: a character added,
 * removed, changed, or two neighbours swapped). */
#define SUGGEST_DISTANCE 2

/* The length of a command's first word (its noun, for a two-word command). */
static size_t noun_length(const char *name)
{
    return strcspn(name, " ");
}

/* Whether `word` is the first word of the command `name`. */
static bool is_first_word(const char *name, const char *word)
{
    size_t n = noun_length(name);
    return strlen(word) == n && strncmp(word, name, n) == 0;
}

/* Finds the command named by argv[1] (and argv[2] for two-word commands); sets *words. */
static const struct cli_command *find_command(int argc, char **argv, int *words)
{
    for (size_t i = 0; i < commands_count; i++) {
        const char *name = commands_table[i].name;
        const char *space = strchr(name, ' ');
        if (!space && strcmp(argv[1], name) == 0) {
            *words = 1;
            return &commands_table[i];
        }
        if (space && argc > 2 && is_first_word(name, argv[1]) && strcmp(argv[2], space + 1) == 0) {
            *words = 2;
            return &commands_table[i];
        }
    }
    return NULL;
}

/* The optimal string alignment distance between a and b (both short words), or a number above
 * SUGGEST_DISTANCE for long ones. */
static size_t distance(const char *a, size_t n, const char *b, size_t m)
{
    enum { MAX = 32 };
    if (n >= MAX || m >= MAX)
        return SUGGEST_DISTANCE + 1;
    size_t d[MAX][MAX];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++) {
        for (size_t j = 1; j <= m; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t best = d[i - 1][j - 1] + cost;
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[n][m];
}

/* The word among the commands' first words (or, with `noun`, the verbs of that noun) nearest to
 * `word`, when it is near enough to be a mistyping of it; NULL otherwise. Writes it into buf. */
static const char *suggestion(const char *word, const char *noun, char *buf, size_t size)
{
    size_t best = SUGGEST_DISTANCE + 1;
    const char *found = NULL;
    for (size_t i = 0; i < commands_count; i++) {
        const char *name = commands_table[i].name;
        const char *candidate = name;
        size_t n = noun_length(name);
        if (noun) {
            if (!name[n] || !is_first_word(name, noun))
                continue;
            candidate = name + n + 1;
            n = strlen(candidate);
        }
        size_t d = distance(word, strlen(word), candidate, n);
        if (d < best) {
            best = d;
            found = candidate;
            snprintf(buf, size, "%.*s", (int)n, candidate);
        }
    }
    return found ? buf : NULL;
}

bool cli_claims(const char *arg)
{
    for (size_t i = 0; i < commands_count; i++) {
        if (is_first_word(commands_table[i].name, arg))
            return true;
    }
    /* A word that cannot be a project: no file by that name, and nothing path-like in it. */
    struct stat st;
    return arg[0] != '-' && arg[0] && !strpbrk(arg, "/.") && lstat(arg, &st) != 0 &&
           errno == ENOENT;
}

/* Reports argv[1] (and argv[2]) as no command; returns the exit status. */
static int unknown_command(int argc, char **argv)
{
    char near[64];
    bool noun = false;
    for (size_t i = 0; i < commands_count && !noun; i++)
        noun = is_first_word(commands_table[i].name, argv[1]);
    if (!noun) {
        struct strbuf word = STRBUF_INIT;
        const char *shown = cli_visible(&word, argv[1]) ? strbuf_str(&word) : argv[1];
        const char *maybe = suggestion(argv[1], NULL, near, sizeof near);
        fprintf(stderr, "margin: unknown command '%s'", shown);
        if (maybe)
            fprintf(stderr, " (did you mean '%s'?)", maybe);
        fprintf(stderr, "; `margin --help` lists the commands\n");
        strbuf_finish(&word);
        return CLI_USER_ERROR;
    }
    /* A noun without one of its verbs: `margin codebook --help` describes them all. */
    if (argc > 2 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
        const char *sep = "";
        for (size_t i = 0; i < commands_count; i++) {
            if (strchr(commands_table[i].name, ' ') &&
                is_first_word(commands_table[i].name, argv[1])) {
                fputs(sep, stdout);
                usage_print_help(stdout, &commands_table[i]);
                sep = "\n";
            }
        }
        return CLI_OK;
    }
    fprintf(stderr, "margin: '%s' needs one of:", argv[1]);
    for (size_t i = 0; i < commands_count; i++) {
        const char *name = commands_table[i].name;
        if (strchr(name, ' ') && is_first_word(name, argv[1]))
            fprintf(stderr, " %s", strchr(name, ' ') + 1);
    }
    const char *maybe = argc > 2 ? suggestion(argv[2], argv[1], near, sizeof near) : NULL;
    if (maybe)
        fprintf(stderr, "; did you mean '%s %s'?", argv[1], maybe);
    fprintf(stderr, "\n");
    return CLI_USER_ERROR;
}

/* Prints "margin COMMAND: REASON" and the command's usage line; returns CLI_USER_ERROR. */
static int misuse(const struct cli_command *command, const char *reason)
{
    struct strbuf usage = STRBUF_INIT;
    struct strbuf shown = STRBUF_INIT;
    bool ok = usage_line(&usage, command) && cli_visible(&shown, reason);
    fprintf(stderr, "margin %s: %s\n%s(margin %s --help says more)\n", command->name,
            ok ? strbuf_str(&shown) : reason, ok ? strbuf_str(&usage) : "", command->name);
    strbuf_finish(&usage);
    strbuf_finish(&shown);
    return CLI_USER_ERROR;
}

int cli_misuse(const struct cli_call *call, const char *fmt, ...)
{
    char reason[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    return misuse(call->command, reason);
}

int cli_main(int argc, char **argv)
{
    int words = 0;
    const struct cli_command *command = find_command(argc, argv, &words);
    if (!command)
        return unknown_command(argc, argv);
    /* The command sees itself as argv[0]. */
    char **args = argv + words;
    args[0] = (char *)command->name;
    struct cli_call call = {.command = command};
    char reason[512];
    if (!options_parse(argc - words, args, command->options, &call.options, reason, sizeof reason))
        return misuse(command, reason);
    if (call.options.help) {
        usage_print_help(stdout, command);
        return CLI_OK;
    }
    if (!options_check(&call.options, command->options, command->arguments, reason, sizeof reason))
        return misuse(command, reason);
    call.args = call.options.positional;
    call.nargs = (size_t)call.options.npositional;
    if (command->access != CLI_NO_PROJECT) {
        struct error err;
        enum project_access access =
            command->access == CLI_READ_ONLY ? PROJECT_READ_ONLY : PROJECT_READ_WRITE;
        call.project = project_open(call.args[0], access, &err);
        if (!call.project)
            return cli_report(&err);
    }
    int status = command->run(&call);
    project_close(call.project);
    return status;
}

/* The index of the option `name` in the call's command; the name must be one of its options. */
static int option_index(const struct cli_call *call, const char *name)
{
    int index = options_find(call->command->options, name);
    assert(index >= 0 && "an option the command's row does not have");
    return index;
}

const char *cli_option(const struct cli_call *call, const char *name)
{
    int index = option_index(call, name);
    size_t count = index >= 0 ? call->options.counts[index] : 0;
    return count ? call->options.values[index][count - 1] : NULL;
}

bool cli_flag(const struct cli_call *call, const char *name)
{
    int index = option_index(call, name);
    return index >= 0 && call->options.counts[index] > 0;
}

const char *const *cli_values(const struct cli_call *call, const char *name, size_t *count)
{
    int index = option_index(call, name);
    *count = index >= 0 ? call->options.counts[index] : 0;
    return index >= 0 ? call->options.values[index] : NULL;
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

/* Copies the workbook file named by `context` to `out`, for cli_write(). */
static bool copy_workbook(FILE *out, void *context, struct error *err)
{
    FILE *in = fopen(context, "rb");
    if (!in)
        return error_user(err, "could not read the workbook back: %s", strerror(errno));
    char buffer[1 << 16];
    size_t n;
    bool ok = true;
    while (ok && (n = fread(buffer, 1, sizeof buffer, in)) > 0)
        ok = fwrite(buffer, 1, n, out) == n;
    ok = ok && !ferror(in);
    fclose(in);
    return ok || error_user(err, "could not write the workbook");
}

/* libxlsxwriter writes only to a file it names, so the workbook is made in a folder of its own
 * under $TMPDIR (or /tmp) first and copied through cli_write(), with its checks. */
bool cli_write_workbook(const char *path, const char *sheet,
                        void (*fill)(struct xlsx *x, const void *context), const void *context,
                        struct error *err)
{
    const char *tmp = getenv("TMPDIR");
    struct strbuf folder = STRBUF_INIT;
    struct strbuf part = STRBUF_INIT;
    if (!strbuf_printf(&folder, "%s/margin-XXXXXX", tmp && *tmp ? tmp : "/tmp"))
        return error_internal(err, "out of memory");
    if (!mkdtemp(folder.data)) {
        bool failed =
            error_user(err, "could not make a temporary folder in %s for the workbook: %s",
                       tmp && *tmp ? tmp : "/tmp", strerror(errno));
        strbuf_finish(&folder);
        return failed;
    }
    struct xlsx *x = NULL;
    if (!strbuf_printf(&part, "%s/workbook.xlsx", strbuf_str(&folder)))
        error_internal(err, "out of memory");
    else
        x = xlsx_create(strbuf_str(&part), sheet, err);
    bool ok = x != NULL;
    if (ok) {
        fill(x, context);
        ok = xlsx_close(x, err);
    }
    ok = ok && cli_write(path, copy_workbook, part.data, err);
    remove(strbuf_str(&part));
    rmdir(strbuf_str(&folder));
    strbuf_finish(&part);
    strbuf_finish(&folder);
    return ok;
}

bool cli_safe_csv(const struct cli_call *call, struct project *project, bool *safe,
                  struct error *err)
{
    *safe = cli_flag(call, "safe-csv");
    const char *env = getenv("MARGIN_SAFE_CSV");
    if (*safe)
        return true;
    if (env && *env) {
        if (strcmp(env, "1") != 0 && strcmp(env, "0") != 0)
            return error_user(err,
                              "MARGIN_SAFE_CSV is '%.40s'; set it to 1 to neutralise formula cells "
                              "in the CSV files margin writes, to 0 for exact cells, or unset it "
                              "for the project's setting",
                              env);
        *safe = strcmp(env, "1") == 0;
        return true;
    }
    char *value = NULL;
    if (!project)
        return true;
    if (!project_setting(project, CLI_SAFE_CSV_SETTING, &value, err))
        return false;
    bool ok = true;
    if (value && strcmp(value, "on") == 0)
        *safe = true;
    else if (value && strcmp(value, "off") != 0)
        ok =
            error_user(err,
                       "the project's setting safe-csv is '%.40s'; set it to on or off with margin "
                       "settings",
                       value);
    free(value);
    return ok;
}

/* A writer and its context, for neutralise(). */
struct csv_job {
    bool (*write)(FILE *out, void *context, struct error *err);
    void *context;
};

/* Runs the job's writer into memory and copies what it wrote to `out` neutralised. */
static bool neutralise(FILE *out, void *context, struct error *err)
{
    const struct csv_job *job = context;
    char *data = NULL;
    size_t n = 0;
    FILE *memory = open_memstream(&data, &n);
    if (!memory)
        return error_internal(err, "out of memory");
    bool ok = job->write(memory, job->context, err);
    if (fclose(memory) != 0 && ok)
        ok = error_internal(err, "out of memory");
    ok = ok && csv_neutralise(data, n, out);
    free(data);
    return ok;
}

bool cli_write_as(const struct cli_call *call, struct project *project, bool csv,
                  const char *target, bool (*write)(FILE *out, void *context, struct error *err),
                  void *context, struct error *err)
{
    bool safe = false;
    if (csv && !cli_safe_csv(call, project, &safe, err))
        return false;
    struct csv_job job = {write, context};
    return safe ? cli_write(target, neutralise, &job, err) : cli_write(target, write, context, err);
}

bool cli_parse_whole(const char *s, long lo, long hi, long *value)
{
    if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
        return false;
    *value = strtol(s, NULL, 10);
    return *value >= lo && *value <= hi;
}
