/* Changing the open source's text from the transcript: "redact as..." replaces the selected
 * words everywhere in the project, "correct" replaces them in this source, with the codings
 * moving along (model/redact.h, model/revise.h). */
#include "text_edit.h"

#include "core/text.h"
#include "model/redact.h"
#include "model/revise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- Redacting the selected words everywhere ---------------------------------------------- */

static void redact_answered(struct ui *ui, bool yes, int purpose, int64_t id)
{
    struct text_edit *e = transcript_text_edit(ui);
    if (!yes) {
        ui_message(ui, false, "nothing was redacted");
        return;
    }
    struct error err;
    struct strbuf out = STRBUF_INIT;
    struct redaction *r = redaction_of(e->original, e->replacement, false, &err);
    bool changed;
    int open = session_source_index(ui->session);
    bool ok = r &&
              redaction_run(ui->project, r, false, session_coder_id(ui->session), &out, &err) &&
              session_reload(ui->session, true, &changed, &err) &&
              (open < 0 || session_open_source(ui->session, open, &err));
    redaction_destroy(r);
    if (ok) {
        size_t sources = 0;
        for (const char *line = strbuf_str(&out); (line = strstr(line, " replacement")); line++)
            sources++;
        session_select(ui->session, false);
        ui_message(ui, false,
                   "'%s' is now '%s' in %zu source%s, memos and names included; what came "
                   "before can no longer be undone",
                   e->original, e->replacement, sources, sources == 1 ? "" : "s");
    } else {
        ui_fail(ui, &err);
    }
    strbuf_finish(&out);
}

static void redact_replacement_given(struct ui *ui, const char *text, int64_t id)
{
    struct text_edit *e = transcript_text_edit(ui);
    snprintf(e->replacement, sizeof e->replacement, "%s", text);
    char question[800];
    snprintf(question, sizeof question,
             "Replace every '%s' (whole words, this case) in every source, memo and name with "
             "'%s', and drop the undo history, which holds the old text? y/n",
             e->original, e->replacement);
    question_open(ui, question, redact_answered, 0, 0);
}

/* The selected words, which the caller frees, and their span; NULL, with a message, when
 * memory runs out. */
static char *selected_words(struct ui *ui, struct span *span)
{
    *span = session_selection(ui->session);
    char *words = text_slice(session_text(ui->session), (size_t)span->start, (size_t)span->end);
    if (!words)
        ui_message(ui, true, "out of memory");
    return words;
}

void text_edit_redact(struct ui *ui, struct text_edit *e)
{
    if (!session_selecting(ui->session)) {
        ui_hint(ui, true, "select the words first: ", ACTION_VISUAL, "starts a selection");
        return;
    }
    struct span span;
    char *words = selected_words(ui, &span);
    if (!words)
        return;
    const char *from = words + strspn(words, " \t\n");
    size_t n = strlen(from);
    while (n > 0 && strchr(" \t\n", from[n - 1]))
        n--;
    bool usable = n > 0 && n < sizeof e->original && !memchr(from, '\n', n);
    if (usable)
        snprintf(e->original, sizeof e->original, "%.*s", (int)n, from);
    else
        ui_message(ui, true, "select a name or a few words on one line, not %s",
                   n ? "a passage" : "spaces");
    free(words);
    if (!usable)
        return;
    char label[400];
    snprintf(label, sizeof label, "Redact '%s' everywhere as: ", e->original);
    prompt_open(ui, &(struct prompt_request){label, "", redact_replacement_given, NULL, NULL, 0});
}

/* --- Correcting the selected words ---------------------------------------------------------- */

/* Says what a correction did: "corrected int01; codings: 2 moved, 1 grown; u undoes it". */
static void say_corrected(struct ui *ui, const struct revision *r)
{
    struct strbuf counts = STRBUF_INIT;
    for (int k = 0; k < ANCHOR_CHANGES; k++) {
        if (r->counts[k] && k != ANCHOR_UNCHANGED)
            strbuf_printf(&counts, "%s%zu %s", counts.len ? ", " : "", r->counts[k],
                          anchor_change_name((enum anchor_change)k));
    }
    char undo[32];
    ui_key_name(ACTION_UNDO, undo, sizeof undo);
    ui_message(ui, false, "corrected %s; codings: %s%s; %s undoes it", r->source.name,
               counts.len ? strbuf_str(&counts) : "none moved",
               r->newly_detached ? " (margin detached lists them)" : "", undo);
    strbuf_finish(&counts);
}

static void correct_given(struct ui *ui, const char *text, int64_t id)
{
    struct text_edit *e = transcript_text_edit(ui);
    struct session *session = ui->session;
    struct error err;
    struct revision revision = {0};
    int open = session_source_index(session);
    const char *name = session_sources(session)->items[open].name;
    bool changed;
    bool ok = revision_plan_edit(ui->project, name, e->span.start, e->span.end, e->was, text,
                                 &revision, &err) &&
              revision_commit(ui->project, &revision, session_coder_id(session), &err) &&
              session_reload(session, true, &changed, &err);
    free(e->was);
    e->was = NULL;
    if (ok) {
        session_select(session, false);
        session_set_cursor(session, e->span.start);
        say_corrected(ui, &revision);
    } else {
        ui_fail(ui, &err);
    }
    revision_finish(&revision);
}

static void correct_cancelled(struct ui *ui, int64_t id)
{
    struct text_edit *e = transcript_text_edit(ui);
    free(e->was);
    e->was = NULL;
    ui_message(ui, false, "nothing was corrected");
}

void text_edit_correct(struct ui *ui, struct text_edit *e)
{
    if (project_read_only(ui->project)) {
        ui_message(ui, true, "the project is read-only; its texts cannot be corrected");
        return;
    }
    struct span span;
    char *words = selected_words(ui, &span);
    if (!words)
        return;
    if (strchr(words, '\n')) {
        ui_message(ui, true,
                   "select words on one line to correct them; margin source update "
                   "takes a whole corrected transcript");
        free(words);
        return;
    }
    free(e->was);
    e->was = words;
    e->span = span;
    prompt_open(ui, &(struct prompt_request){"Correct to: ", words, correct_given, NULL,
                                             correct_cancelled, 0});
}

void text_edit_finish(struct text_edit *e)
{
    free(e->was);
    e->was = NULL;
}
