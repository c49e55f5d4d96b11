#include "cli/cmd_codebook.h"

#include "core/strbuf.h"
#include "model/codebook.h"
#include "model/project.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* Sets *id to the code a user means by `text` (a number, a number and name, a path or a unique
 * name). */
static bool find_code(struct cli_call *call, const char *text, int64_t *id, struct error *err)
{
    const struct codetree *tree = project_codes(call->project);
    int index = codetree_resolve(tree, text, err);
    if (index < 0)
        return false;
    *id = codetree_get(tree, (size_t)index)->id;
    return true;
}

/* Sets *id to the coder named by --coder, added when new, once it is clear the project lets
 * that coder change the codebook (so that a refused change adds no coder). */
static bool editing_coder(struct cli_call *call, int64_t *id, struct error *err)
{
    const char *name = cli_option(call, "coder");
    return codebook_may_edit(call->project, name, err) &&
           project_coder(call->project, name, true, id, err);
}

int cmd_codebook_add(struct cli_call *call)
{
    struct error err;
    int64_t coder_id, parent_id = 0, id;
    const char *under = cli_option(call, "under");
    char label[OUTLINE_TEXT_MAX + 512];
    if ((under && !find_code(call, under, &parent_id, &err)) ||
        !editing_coder(call, &coder_id, &err) ||
        !codebook_add(call->project, coder_id, parent_id, call->args[1], &id, &err) ||
        !project_code_label(call->project, id, label, sizeof label, &err))
        return cli_report(&err);
    cli_say("added %s\n", label);
    return CLI_OK;
}

int cmd_codebook_rename(struct cli_call *call)
{
    struct error err;
    int64_t coder_id, id;
    char before[OUTLINE_TEXT_MAX + 512], after[OUTLINE_TEXT_MAX + 512];
    if (!find_code(call, call->args[1], &id, &err) ||
        !project_code_label(call->project, id, before, sizeof before, &err) ||
        !editing_coder(call, &coder_id, &err) ||
        !codebook_rename(call->project, coder_id, id, call->args[2], &err) ||
        !project_code_label(call->project, id, after, sizeof after, &err))
        return cli_report(&err);
    cli_say("renamed %s to %s\n", before, after);
    return CLI_OK;
}

/* Says "LEAD3 codes and 12 codings TAIL" for what a renumbering touches. */
static void say_renumbered(const char *lead, size_t codes, size_t codings, const char *tail)
{
    cli_say("%s%zu %s and %zu %s %s\n", lead, codes, plural(codes, "code", "codes"), codings,
            plural(codings, "coding", "codings"), tail);
}

int cmd_codebook_move(struct cli_call *call)
{
    static const struct {
        const char *word;
        enum codebook_renumbering what;
    } moves[] = {
        {"up", RENUMBER_MOVE_UP},
        {"down", RENUMBER_MOVE_DOWN},
        {"in", RENUMBER_INDENT},
        {"out", RENUMBER_OUTDENT},
    };
    enum codebook_renumbering what = RENUMBER_MOVE_UP;
    for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++) {
        if (strcmp(call->args[2], moves[i].word) == 0)
            what = moves[i].what;
    }
    struct error err;
    int64_t coder_id, id;
    size_t codes, codings;
    char before[OUTLINE_TEXT_MAX + 512], after[OUTLINE_TEXT_MAX + 512];
    if (!find_code(call, call->args[1], &id, &err) ||
        !project_code_label(call->project, id, before, sizeof before, &err) ||
        !codebook_renumbering(call->project, what, id, &codes, &codings, &err))
        return cli_report(&err);
    if (cli_flag(call, "dry-run")) {
        cli_say("moving %s %s would give ", before, call->args[2]);
        say_renumbered("", codes, codings, "new numbers");
        return CLI_OK;
    }
    bool ok = editing_coder(call, &coder_id, &err);
    switch (what) {
    case RENUMBER_INDENT:
        ok = ok && codebook_indent(call->project, coder_id, id, &err);
        break;
    case RENUMBER_OUTDENT:
        ok = ok && codebook_outdent(call->project, coder_id, id, &err);
        break;
    default:
        ok = ok &&
             codebook_move(call->project, coder_id, id, what == RENUMBER_MOVE_UP ? -1 : 1, &err);
        break;
    }
    if (!ok || !project_code_label(call->project, id, after, sizeof after, &err))
        return cli_report(&err);
    cli_say("moved %s %s: it is %s now; ", before, call->args[2], after);
    say_renumbered("", codes, codings, "have new numbers");
    return CLI_OK;
}

/* Describes what a code takes with it ("2 sub-codes and 45 codings (A 30, B 15)") into out,
 * nothing when it has neither; false when memory runs out. */
static bool describe_reach(struct strbuf *out, const struct codebook_reach *reach)
{
    bool ok = true;
    if (!reach->descendants && !reach->codings)
        return true;
    if (reach->descendants)
        ok = strbuf_printf(out, "%zu %s and ", reach->descendants,
                           plural(reach->descendants, "sub-code", "sub-codes"));
    ok = ok &&
         strbuf_printf(out, "%zu %s", reach->codings, plural(reach->codings, "coding", "codings"));
    if (ok && reach->codings)
        ok = strbuf_printf(out, " (%s)", reach->whose);
    return ok;
}

/* Reads what the code `id` takes with it and describes it into out. */
static bool reach_of(struct cli_call *call, int64_t id, struct codebook_reach *reach,
                     struct strbuf *out, struct error *err)
{
    if (!codebook_reach(call->project, id, reach, err))
        return false;
    if (!describe_reach(out, reach))
        return error_internal(err, "out of memory");
    return true;
}

int cmd_codebook_merge(struct cli_call *call)
{
    struct error err;
    int64_t coder_id, id, into;
    char which[OUTLINE_TEXT_MAX + 512], whither[OUTLINE_TEXT_MAX + 512];
    struct codebook_reach reach = {0};
    struct strbuf what = STRBUF_INIT;
    int status = CLI_OK;
    if (!find_code(call, call->args[1], &id, &err) ||
        !find_code(call, call->args[2], &into, &err) ||
        !project_code_label(call->project, id, which, sizeof which, &err) ||
        !project_code_label(call->project, into, whither, sizeof whither, &err) ||
        !reach_of(call, id, &reach, &what, &err)) {
        status = cli_report(&err);
    } else if (reach.codings && !cli_flag(call, "yes")) {
        error_user(&err, "%s holds %s; merging moves them to %s; give --yes to merge all the same",
                   which, strbuf_str(&what), whither);
        status = cli_report(&err);
    } else if (!editing_coder(call, &coder_id, &err) ||
               !codebook_merge(call->project, coder_id, id, into, &err)) {
        status = cli_report(&err);
    } else {
        cli_say("merged %s into %s%s%s\n", which, whither, what.len ? ", with " : "",
                strbuf_str(&what));
    }
    free(reach.whose);
    strbuf_finish(&what);
    return status;
}

int cmd_codebook_delete(struct cli_call *call)
{
    struct error err;
    int64_t coder_id, id;
    char which[OUTLINE_TEXT_MAX + 512];
    struct codebook_reach reach = {0};
    struct strbuf what = STRBUF_INIT;
    int status = CLI_OK;
    if (!find_code(call, call->args[1], &id, &err) ||
        !project_code_label(call->project, id, which, sizeof which, &err) ||
        !reach_of(call, id, &reach, &what, &err)) {
        status = cli_report(&err);
    } else if (reach.codings && !cli_flag(call, "yes")) {
        error_user(&err, "deleting %s would remove %s; give --yes to delete all the same", which,
                   strbuf_str(&what));
        status = cli_report(&err);
    } else if (!editing_coder(call, &coder_id, &err) ||
               !codebook_delete(call->project, coder_id, id, &err)) {
        status = cli_report(&err);
    } else {
        cli_say("deleted %s%s%s\n", which, what.len ? ", with " : "", strbuf_str(&what));
    }
    free(reach.whose);
    strbuf_finish(&what);
    return status;
}

int cmd_codebook_renumber(struct cli_call *call)
{
    struct error err;
    size_t codes, codings, renumbered;
    int64_t coder_id;
    if (!codebook_renumbering(call->project, RENUMBER_ALL, 0, &codes, &codings, &err))
        return cli_report(&err);
    if (codes == 0) {
        cli_say("the codebook's numbers have no gaps; nothing to renumber\n");
        return CLI_OK;
    }
    if (cli_flag(call, "dry-run")) {
        say_renumbered("renumbering would give ", codes, codings, "new numbers");
        return CLI_OK;
    }
    if (!cli_option(call, "coder"))
        return cli_misuse(call, "--coder names who renumbers (or --dry-run only counts)");
    if (!editing_coder(call, &coder_id, &err) ||
        !codebook_renumber(call->project, coder_id, &renumbered, &err))
        return cli_report(&err);
    say_renumbered("renumbered the codebook: ", codes, codings, "have new numbers");
    return CLI_OK;
}

int cmd_codebook_editors(struct cli_call *call)
{
    struct error err;
    bool clear = cli_flag(call, "clear");
    if (clear && call->nargs > 1)
        return cli_misuse(call, "give either a list of names or --clear, not both");
    if (clear || call->nargs > 1) {
        const char *names = clear ? NULL : call->args[1];
        if (!clear && !*names)
            return cli_misuse(call, "the list of editors is empty; --clear lets anyone edit");
        if (!codebook_set_editors(call->project, names, &err))
            return cli_report(&err);
    }
    char *editors = NULL;
    if (!codebook_editors(call->project, &editors, &err))
        return cli_report(&err);
    if (editors)
        cli_say("codebook editors: %s\n", editors);
    else
        cli_say("codebook editors: anyone\n");
    free(editors);
    return CLI_OK;
}
