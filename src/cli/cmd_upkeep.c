#include "cli/cmd_upkeep.h"

#include "cli/cli.h"
#include "core/strbuf.h"
#include "model/redact.h"
#include "model/upkeep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_upkeep_check(struct cli_call *call)
{
    const char *path = call->args[0];
    struct error err;
    struct strbuf problems = STRBUF_INIT;
    const char *identifiers = cli_option(call, "identifiers");
    long found = identifiers ? redaction_check(path, identifiers, &problems, &err)
                             : upkeep_check(path, &problems, &err);
    if (found < 0) {
        strbuf_finish(&problems);
        return cli_report(&err);
    }
    fputs(strbuf_str(&problems), stdout);
    strbuf_finish(&problems);
    if (found > 0) {
        if (identifiers)
            cli_say("%s: %ld %s the identifiers listed in %s\n", path, found,
                    found == 1 ? "place holds one of" : "places hold some of", identifiers);
        else
            cli_say("%s: %ld %s\n", path, found, found == 1 ? "problem" : "problems");
        return CLI_USER_ERROR;
    }
    if (identifiers)
        cli_say("%s: none of the identifiers listed in %s was found\n", path, identifiers);
    else
        cli_say("%s: no problems found\n", path);
    return CLI_OK;
}

int cmd_upkeep_backup(struct cli_call *call)
{
    struct error err;
    bool ok = upkeep_backup(call->args[0], call->args[1], &err);
    if (!ok)
        return cli_report(&err);
    cli_say("backed up %s to %s\n", call->args[0], call->args[1]);
    return CLI_OK;
}

/* The settings `margin settings` shows and changes: each a name, its values (the first is what
 * an unset setting means) and what it does. */
static const struct {
    const char *name;
    const char *values[2];
    const char *meaning;
} settings[] = {
    {CLI_SAFE_CSV_SETTING,
     {"off", "on"},
     "on: every CSV file written from the project neutralises cells a spreadsheet would run as "
     "formulas, as --safe-csv does"},
};

int cmd_upkeep_settings(struct cli_call *call)
{
    const char *name = call->nargs > 1 ? call->args[1] : NULL;
    const char *value = call->nargs > 2 ? call->args[2] : NULL;
    size_t count = sizeof settings / sizeof settings[0];
    size_t which = count;
    for (size_t i = 0; name && i < count; i++) {
        if (strcmp(name, settings[i].name) == 0)
            which = i;
    }
    if (name && which == count)
        return cli_misuse(call, "there is no setting named '%s' (the settings are: safe-csv)",
                          name);
    if (value && strcmp(value, settings[which].values[0]) != 0 &&
        strcmp(value, settings[which].values[1]) != 0)
        return cli_misuse(call, "%s is %s or %s, not '%s'", name, settings[which].values[0],
                          settings[which].values[1], value);
    struct error err;
    struct project *project =
        project_open(call->args[0], value ? PROJECT_READ_WRITE : PROJECT_READ_ONLY, &err);
    if (!project)
        return cli_report(&err);
    bool ok = !value || project_set_setting(project, settings[which].name, value, &err);
    for (size_t i = 0; ok && i < count; i++) {
        if (name && i != which)
            continue;
        char *stored = NULL;
        ok = project_setting(project, settings[i].name, &stored, &err);
        if (ok)
            cli_say("%s %s (%s)\n", settings[i].name, stored ? stored : settings[i].values[0],
                    settings[i].meaning);
        free(stored);
    }
    project_close(project);
    return ok ? CLI_OK : cli_report(&err);
}
