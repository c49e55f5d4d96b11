#include "cli/cmd_memo.h"

#include "core/utf8.h"
#include "io/csv.h"
#include "io/file.h"
#include "io/json.h"
#include "model/memos.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The longest memo read from a file or an editor. */
#define MEMO_MAX_BYTES (4u * 1024 * 1024)

enum memo_format { MEMO_TEXT, MEMO_CSV, MEMO_JSON };

struct memos_job {
    const struct memos_list *memos;
    enum memo_format format;
};

static bool write_csv(FILE *out, const struct memos_list *memos)
{
    static const char *const header[] = {"kind",  "source", "case",   "code",     "code_name",
                                         "start", "end",    "author", "modified", "memo"};
    bool ok = csv_write_row(out, header, sizeof header / sizeof header[0], false);
    for (size_t i = 0; ok && i < memos->count; i++) {
        const struct memos_entry *e = &memos->items[i];
        char start[24] = "", end[24] = "";
        if (e->kind == MEMOS_CODING) {
            snprintf(start, sizeof start, "%" PRId64, e->start);
            snprintf(end, sizeof end, "%" PRId64, e->end);
        }
        const char *fields[] = {memos_kind_name(e->kind),
                                e->source ? e->source : "",
                                e->case_name ? e->case_name : "",
                                e->code ? e->code : "",
                                e->code_name ? e->code_name : "",
                                start,
                                end,
                                e->author ? e->author : "",
                                e->modified ? e->modified : "",
                                e->text};
        ok = csv_write_row(out, fields, sizeof fields / sizeof fields[0], false);
    }
    return ok;
}

/* A member that is null when s is NULL. */
static void json_maybe(struct json_writer *j, const char *key, const char *s)
{
    if (s)
        json_string(j, key, s);
    else
        json_null(j, key);
}

static void write_json(FILE *out, const struct memos_list *memos)
{
    struct json_writer j;
    json_init(&j, out);
    json_array_begin(&j, NULL);
    for (size_t i = 0; i < memos->count; i++) {
        const struct memos_entry *e = &memos->items[i];
        json_object_begin(&j, NULL);
        json_string(&j, "kind", memos_kind_name(e->kind));
        json_maybe(&j, "source", e->source);
        json_maybe(&j, "case", e->case_name);
        json_maybe(&j, "code", e->code);
        json_maybe(&j, "code_name", e->code_name);
        if (e->kind == MEMOS_CODING) {
            json_int(&j, "start", e->start);
            json_int(&j, "end", e->end);
        } else {
            json_null(&j, "start");
            json_null(&j, "end");
        }
        json_maybe(&j, "author", e->author);
        json_maybe(&j, "modified", e->modified);
        json_string(&j, "memo", e->text);
        json_object_end(&j);
    }
    json_array_end(&j);
}

/* A heading line per memo ("coding int01 12-40 at 07.01.02 Management and governance, by A,
 * 2026-01-31T09:30:00Z:"), then its text indented by two spaces, then a blank line. */
static void write_text(FILE *out, const struct memos_list *memos)
{
    if (memos->count == 0)
        fputs("no memos\n", out);
    for (size_t i = 0; i < memos->count; i++) {
        const struct memos_entry *e = &memos->items[i];
        fputs(memos_kind_name(e->kind), out);
        if (e->kind == MEMOS_CODING)
            fprintf(out, " %s %" PRId64 "-%" PRId64 " at", e->source, e->start, e->end);
        else if (e->kind == MEMOS_SOURCE)
            fprintf(out, " %s", e->source);
        else if (e->kind == MEMOS_CASE)
            fprintf(out, " %s", e->case_name);
        if (e->code)
            fprintf(out, " %s %s", e->code, e->code_name);
        fprintf(out, ", by %s, %s:\n  ", e->author ? e->author : "(unknown)",
                e->modified ? e->modified : "");
        for (const char *p = e->text; *p; p++) {
            fputc(*p, out);
            if (*p == '\n' && p[1])
                fputs("  ", out);
        }
        fputs(i + 1 < memos->count ? "\n\n" : "\n", out);
    }
}

static bool write_memos(FILE *out, void *context, struct error *err)
{
    const struct memos_job *job = context;
    switch (job->format) {
    case MEMO_CSV:
        write_csv(out, job->memos);
        break;
    case MEMO_JSON:
        write_json(out, job->memos);
        break;
    case MEMO_TEXT:
        write_text(out, job->memos);
        break;
    }
    if (ferror(out))
        return error_user(err, "cannot write the memos: %s", strerror(errno));
    return true;
}

int cmd_memo_list(struct cli_call *call)
{
    const char *format = cli_option(call, "format");
    struct memos_job job = {.format = MEMO_TEXT};
    if (format && strcmp(format, "csv") == 0)
        job.format = MEMO_CSV;
    else if (format && strcmp(format, "json") == 0)
        job.format = MEMO_JSON;
    struct memos_list memos;
    struct error err;
    bool ok = memos_list(call->project, &memos, &err);
    job.memos = &memos;
    const char *output = cli_option(call, "output");
    ok = ok &&
         cli_write_as(call, call->project, job.format == MEMO_CSV, output, write_memos, &job, &err);
    memos_list_finish(&memos);
    return ok ? CLI_OK : cli_report(&err);
}

/* Checks a memo read from `name`: UTF-8 text without NUL characters. */
static bool check_text(const char *data, size_t n, const char *name, struct error *err)
{
    struct text_position bad;
    if (memchr(data, '\0', n))
        return error_user(err, "%s holds a NUL character; a memo is text", name);
    if (!utf8_validate(data, n, &bad))
        return error_user(err, "%s:%zu:%zu: not UTF-8 text", name, bad.line, bad.column);
    return true;
}

/* Runs $VISUAL or $EDITOR (vi when neither is set) on a file holding `current`, and reads what
 * it holds after the editor exits successfully into *text. */
static bool edit_text(const char *current, char **text, struct error *err)
{
    char path[] = "/tmp/margin-memo-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return error_user(err, "cannot make a file to edit the memo in: %s", strerror(errno));
    size_t n = current ? strlen(current) : 0;
    bool ok = write(fd, current ? current : "", n) == (ssize_t)n;
    if (ok && n && current[n - 1] != '\n')
        ok = write(fd, "\n", 1) == 1;
    ok = close(fd) == 0 && ok;
    if (!ok) {
        unlink(path);
        return error_user(err, "cannot write %s: %s", path, strerror(errno));
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", "exec ${VISUAL:-${EDITOR:-vi}} \"$1\"", "sh", path,
              (char *)NULL);
        _exit(127);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) < 0)
        ok = error_user(err, "cannot run the editor: %s", strerror(errno));
    else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        ok = error_user(err, "the editor failed; the memo is left as it was");
    size_t len = 0;
    ok = ok && file_read(path, MEMO_MAX_BYTES, text, &len, err) &&
         check_text(*text, len, "the edited memo", err);
    unlink(path);
    return ok;
}

/* The memo's new text: --text, --file (- for standard input) or an editor, once the memo's
 * target is known to exist. */
static bool new_text(struct cli_call *call, enum memos_kind kind, const char *target, char **text,
                     struct error *err)
{
    const char *given = cli_option(call, "text");
    const char *file = cli_option(call, "file");
    char *current = NULL;
    size_t n;
    *text = NULL;
    bool ok = memos_get(call->project, kind, target, &current, err);
    if (ok && given) {
        *text = strdup(given);
        ok = *text || error_internal(err, "out of memory");
    } else if (ok && file) {
        ok = file_read_input(file, MEMO_MAX_BYTES, text, &n, err) &&
             check_text(*text, n, file_input_name(file), err);
    } else if (ok) {
        ok = edit_text(current, text, err);
    }
    free(current);
    return ok;
}

int cmd_memo_set(struct cli_call *call)
{
    static const struct {
        const char *option;
        enum memos_kind kind;
    } targets[] = {
        {"source", MEMOS_SOURCE},
        {"case", MEMOS_CASE},
        {"code", MEMOS_CODE},
    };
    enum memos_kind kind = MEMOS_PROJECT;
    const char *target = NULL;
    int given = cli_flag(call, "project");
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        const char *value = cli_option(call, targets[i].option);
        if (value) {
            kind = targets[i].kind;
            target = value;
            given++;
        }
    }
    if (given != 1)
        return cli_misuse(call, "give one of --project, --source, --case and --code");
    if (cli_option(call, "text") && cli_option(call, "file"))
        return cli_misuse(call, "give --text or --file, not both");
    struct error err;
    int64_t coder_id;
    char *text = NULL;
    bool ok = new_text(call, kind, target, &text, &err);
    /* An editor or a file ends the text with a line feed that is not part of the memo. */
    size_t n = text ? strlen(text) : 0;
    if (ok && !cli_option(call, "text") && n && text[n - 1] == '\n')
        text[--n] = '\0';
    ok = ok && project_coder(call->project, cli_option(call, "coder"), true, &coder_id, &err) &&
         memos_set(call->project, coder_id, kind, target, text, &err);
    if (ok) {
        size_t lines = 1;
        for (size_t i = 0; i < n; i++)
            lines += text[i] == '\n';
        const char *space = target ? " " : "";
        const char *what = target ? target : "";
        const char *kind_name = target ? memos_kind_name(kind) : "the project";
        if (n)
            cli_say("wrote the memo of %s%s%s (%zu line%s)\n", kind_name, space, what, lines,
                    lines == 1 ? "" : "s");
        else
            cli_say("removed the memo of %s%s%s\n", kind_name, space, what);
    }
    free(text);
    return ok ? CLI_OK : cli_report(&err);
}
