#include "cli/cmd_sources.h"

#include "model/manage.h"
#include "model/redact.h"
#include "model/revise.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sets *coder_id to the coder --coder names (added when new), or 0 without the option. */
static bool option_coder(struct cli_call *call, int64_t *coder_id, struct error *err)
{
    const char *name = cli_option(call, "coder");
    *coder_id = 0;
    return !name || project_coder(call->project, name, true, coder_id, err);
}

int cmd_sources_update(struct cli_call *call)
{
    struct error err;
    struct revision revision;
    int64_t coder_id = 0;
    bool dry = cli_flag(call, "dry-run");
    if ((!dry && !option_coder(call, &coder_id, &err)) ||
        !revision_plan_file(call->project, call->args[1], call->args[2], &revision, &err))
        return cli_report(&err);
    struct strbuf report = STRBUF_INIT;
    bool ok = revision_describe(call->project, &revision, true, &report, &err) &&
              (dry || revision_commit(call->project, &revision, coder_id, &err));
    if (ok) {
        cli_say("%s", strbuf_str(&report));
        if (dry)
            cli_say("dry run: nothing was changed\n");
        else if (revision.newly_detached)
            cli_say("%zu detached %s: see margin detached %s\n", revision.newly_detached,
                    revision.newly_detached == 1 ? "coding" : "codings", call->args[0]);
    }
    strbuf_finish(&report);
    revision_finish(&revision);
    return ok ? CLI_OK : cli_report(&err);
}

/* Lists the detached codings (of --source when given). */
static int list_detached(struct cli_call *call, const char *source_name)
{
    struct error err;
    struct strbuf out = STRBUF_INIT;
    size_t count = 0;
    bool ok = revision_list_detached(call->project, source_name, &out, &count, &err);
    if (ok)
        cli_say("%s", count ? strbuf_str(&out) : "no detached codings\n");
    strbuf_finish(&out);
    return ok ? CLI_OK : cli_report(&err);
}

int cmd_sources_detached(struct cli_call *call)
{
    const char *id_text = cli_option(call, "id");
    const char *start = cli_option(call, "start");
    const char *end = cli_option(call, "end");
    const char *source = cli_option(call, "source");
    bool drop = cli_flag(call, "drop");
    if (!id_text) {
        if (start || end || drop)
            return cli_misuse(call, "--start, --end and --drop need --id");
        return list_detached(call, source);
    }
    long id, from = 0, to = 0;
    if (!cli_parse_whole(id_text, 1, 999999999, &id))
        return cli_misuse(call, "--id takes a coding's number, not '%s'", id_text);
    if (drop == (start || end))
        return cli_misuse(call, "give --id with either --start and --end (to attach the coding "
                                "there) or --drop");
    if (!drop && (!start || !end || !cli_parse_whole(start, 0, 999999999, &from) ||
                  !cli_parse_whole(end, 0, 999999999, &to)))
        return cli_misuse(call, "--start and --end take character offsets");
    struct error err;
    int64_t coder_id;
    char message[512];
    bool ok =
        option_coder(call, &coder_id, &err) &&
        (drop ? revision_drop(call->project, id, source, coder_id, message, sizeof message, &err)
              : revision_attach(call->project, id, source, from, to, coder_id, message,
                                sizeof message, &err));
    if (!ok)
        return cli_report(&err);
    cli_say("%s\n", message);
    return CLI_OK;
}

int cmd_sources_redact(struct cli_call *call)
{
    struct error err;
    bool dry = cli_flag(call, "dry-run");
    const char *keep = cli_option(call, "keep-map");
    struct redaction *redaction =
        redaction_read(cli_option(call, "map"), cli_flag(call, "ignore-case"), &err);
    if (!redaction)
        return cli_report(&err);
    struct strbuf report = STRBUF_INIT;
    int64_t coder_id = 0;
    bool safe = false;
    bool ok = (!keep || cli_safe_csv(call, call->project, &safe, &err)) &&
              (dry || option_coder(call, &coder_id, &err)) &&
              redaction_run(call->project, redaction, dry, coder_id, &report, &err);
    cli_say("%s", strbuf_str(&report));
    if (ok && keep && !dry) {
        ok = redaction_keep_map(redaction, keep, safe, &err);
        if (ok)
            cli_say("the map, with how often each original was replaced, is in %s; keep it "
                    "apart from the project\n",
                    keep);
    }
    strbuf_finish(&report);
    redaction_destroy(redaction);
    return ok ? CLI_OK : cli_report(&err);
}

/* Runs a manage_ function and says what it did. */
static int said(bool ok, const char *message, const struct error *err)
{
    if (!ok)
        return cli_report(err);
    cli_say("%s\n", message);
    return CLI_OK;
}

int cmd_sources_rename(struct cli_call *call)
{
    struct error err;
    char message[512];
    int64_t coder_id;
    return said(option_coder(call, &coder_id, &err) &&
                    manage_source_rename(call->project, call->args[1], call->args[2], coder_id,
                                         message, sizeof message, &err),
                message, &err);
}

int cmd_sources_delete(struct cli_call *call)
{
    struct error err;
    char message[512];
    int64_t coder_id;
    return said(option_coder(call, &coder_id, &err) &&
                    manage_source_delete(call->project, call->args[1], cli_flag(call, "yes"),
                                         coder_id, message, sizeof message, &err),
                message, &err);
}

int cmd_sources_relink(struct cli_call *call)
{
    const char *case_name = cli_option(call, "case");
    if (!case_name == !cli_flag(call, "no-case"))
        return cli_misuse(call, "give either --case NAME or --no-case");
    struct error err;
    char message[512];
    int64_t coder_id;
    return said(option_coder(call, &coder_id, &err) &&
                    manage_source_relink(call->project, call->args[1], case_name, coder_id, message,
                                         sizeof message, &err),
                message, &err);
}

int cmd_cases_manage(struct cli_call *call)
{
    struct error err;
    char message[512];
    const char *verb = strchr(call->command->name, ' ') + 1;
    bool ok;
    int64_t coder_id;
    if (strcmp(verb, "rename") == 0)
        ok = option_coder(call, &coder_id, &err) &&
             manage_case_rename(call->project, call->args[1], call->args[2], coder_id, message,
                                sizeof message, &err);
    else if (strcmp(verb, "set") == 0)
        ok = option_coder(call, &coder_id, &err) &&
             manage_case_set(call->project, call->args[1], call->args[2], call->args[3], coder_id,
                             message, sizeof message, &err);
    else if (strcmp(verb, "merge") == 0)
        ok = option_coder(call, &coder_id, &err) &&
             manage_case_merge(call->project, call->args[1], call->args[2], coder_id, message,
                               sizeof message, &err);
    else
        ok = option_coder(call, &coder_id, &err) &&
             manage_case_delete(call->project, call->args[1], coder_id, message, sizeof message,
                                &err);
    return said(ok, message, &err);
}

int cmd_coders_manage(struct cli_call *call)
{
    struct error err;
    char message[512];
    const char *verb = strchr(call->command->name, ' ') + 1;
    bool ok;
    int64_t coder_id;
    if (strcmp(verb, "rename") == 0)
        ok = option_coder(call, &coder_id, &err) &&
             manage_coder_rename(call->project, call->args[1], call->args[2], coder_id, message,
                                 sizeof message, &err);
    else if (strcmp(verb, "merge") == 0)
        ok = option_coder(call, &coder_id, &err) &&
             manage_coder_merge(call->project, call->args[1], call->args[2], coder_id, message,
                                sizeof message, &err);
    else
        ok = option_coder(call, &coder_id, &err) &&
             manage_coder_delete(call->project, call->args[1], cli_flag(call, "drop-codings"),
                                 coder_id, message, sizeof message, &err);
    return said(ok, message, &err);
}
