#include "cli/cmd_upkeep.h"

#include "cli/cli.h"
#include "core/strbuf.h"
#include "model/redact.h"
#include "model/upkeep.h"

#include <stdio.h>

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
