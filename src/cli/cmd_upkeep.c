#include "cli/cmd_upkeep.h"

#include "cli/cli.h"
#include "core/strbuf.h"
#include "model/upkeep.h"

#include <stdio.h>

int cmd_upkeep_check(int argc, char **argv)
{
    static const struct cli_spec spec = {
        .usage = "PROJECT",
        .help = "Checks a project file: SQLite's integrity and foreign key checks, every coding\n"
                "inside its source's text, memos attached to what exists, and each source's\n"
                "text against its stored length and SHA-256. Prints each problem and exits\n"
                "with status 1 when there is any.\n",
        .min_args = 1,
        .max_args = 1,
    };
    struct parsed_options opts;
    int status;
    if (!cli_parse(argc, argv, &spec, &opts, &status))
        return status;
    struct error err;
    struct strbuf problems = STRBUF_INIT;
    long found = upkeep_check(opts.positional[0], &problems, &err);
    if (found < 0) {
        strbuf_finish(&problems);
        return cli_report(&err);
    }
    fputs(strbuf_str(&problems), stdout);
    strbuf_finish(&problems);
    if (found > 0) {
        cli_say("%s: %ld %s\n", opts.positional[0], found, found == 1 ? "problem" : "problems");
        return CLI_USER_ERROR;
    }
    cli_say("%s: no problems found\n", opts.positional[0]);
    return CLI_OK;
}

int cmd_upkeep_backup(int argc, char **argv)
{
    static const struct cli_spec spec = {
        .usage = "PROJECT DEST",
        .help = "Copies a project to DEST (which must not exist) with SQLite's online backup:\n"
                "safe while margin or anything else has the project open, and the copy is\n"
                "consistent. DEST appears only once the copy is complete.\n",
        .min_args = 2,
        .max_args = 2,
    };
    struct parsed_options opts;
    int status;
    if (!cli_parse(argc, argv, &spec, &opts, &status))
        return status;
    struct error err;
    bool ok = upkeep_backup(opts.positional[0], opts.positional[1], &err);
    if (!ok)
        return cli_report(&err);
    cli_say("backed up %s to %s\n", opts.positional[0], opts.positional[1]);
    return CLI_OK;
}
