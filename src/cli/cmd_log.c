#include "cli/cmd_log.h"

#include "io/csv.h"
#include "io/json.h"
#include "model/audit.h"

#include <stdio.h>
#include <string.h>

/* One line per action (a batch of entries): when, who, from where, what. */
static void write_text(const struct audit_log *log)
{
    for (size_t i = 0; i < log->count;) {
        const struct audit_entry *e = &log->items[i];
        size_t n = 1;
        while (i + n < log->count && log->items[i + n].batch == e->batch)
            n++;
        char when[21];
        snprintf(when, sizeof when, "%.10s %.8s", e->at, strlen(e->at) > 11 ? e->at + 11 : "");
        cli_cell(when, 21);
        cli_cell(*e->coder ? e->coder : "-", 12);
        cli_cell(*e->program ? e->program : "-", 14);
        cli_put_visible(stdout, e->summary);
        if (strcmp(e->state, "undone") == 0)
            fputs(" (undone)", stdout);
        if (n > 1)
            printf(" (%zu changes)", n);
        putchar('\n');
        i += n;
    }
}

static bool write_csv(FILE *out, void *context, struct error *err)
{
    const struct audit_log *log = context;
    bool ok =
        csv_write_row(out,
                      (const char *const[]){"id", "batch", "at", "coder", "program", "operation",
                                            "source", "state", "summary", "change"},
                      10, false);
    for (size_t i = 0; ok && i < log->count; i++) {
        const struct audit_entry *e = &log->items[i];
        char id[24], batch[24];
        snprintf(id, sizeof id, "%lld", (long long)e->id);
        snprintf(batch, sizeof batch, "%lld", (long long)e->batch);
        ok = csv_write_row(out,
                           (const char *const[]){id, batch, e->at, e->coder, e->program,
                                                 e->operation, e->source, e->state, e->summary,
                                                 e->change},
                           10, false);
    }
    return ok || error_user(err, "could not write the log");
}

static bool write_json(FILE *out, void *context, struct error *err)
{
    const struct audit_log *log = context;
    struct json_writer j;
    json_init(&j, out);
    json_object_begin(&j, NULL);
    json_array_begin(&j, "entries");
    for (size_t i = 0; i < log->count; i++) {
        const struct audit_entry *e = &log->items[i];
        json_object_begin(&j, NULL);
        json_int(&j, "id", e->id);
        json_int(&j, "batch", e->batch);
        json_string(&j, "at", e->at);
        json_string(&j, "coder", e->coder);
        json_string(&j, "program", e->program);
        json_string(&j, "operation", e->operation);
        json_string(&j, "source", e->source);
        json_string(&j, "state", e->state);
        json_string(&j, "summary", e->summary);
        json_string(&j, "change", e->change);
        json_object_end(&j);
    }
    json_array_end(&j);
    json_object_end(&j);
    return !ferror(out) || error_user(err, "could not write the log");
}

int cmd_log(struct cli_call *call)
{
    struct audit_filter filter = {cli_option(call, "since"), cli_option(call, "coder"),
                                  cli_option(call, "source")};
    const char *format = cli_option(call, "format");
    struct audit_log log;
    struct error err;
    if (!audit_read(call->project, &filter, &log, &err))
        return cli_report(&err);
    bool ok = true;
    if (!format || strcmp(format, "text") == 0) {
        write_text(&log);
        if (log.count == 0)
            cli_say("no changes\n");
    } else {
        bool csv = strcmp(format, "csv") == 0;
        ok = cli_write_as(call, call->project, csv, NULL, csv ? write_csv : write_json, &log, &err);
    }
    audit_finish(&log);
    return ok ? CLI_OK : cli_report(&err);
}
