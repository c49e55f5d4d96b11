#include "writing.h"

#include "core/strbuf.h"
#include "model/codebook.h"
#include "model/matrix.h"
#include "model/memos.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What each kind of writing is called, and how it is read and saved. */
struct kind {
    const char *title;
    const char *noun;
    bool (*read)(struct ui *ui, int64_t id, char **text, struct error *err);
    bool (*save)(struct ui *ui, int64_t id, const char *text, struct error *err);
};

static bool read_coding_memo(struct ui *ui, int64_t id, char **text, struct error *err)
{
    return session_coding_memo(ui->session, id, text, err);
}

static bool save_coding_memo(struct ui *ui, int64_t id, const char *text, struct error *err)
{
    return session_set_coding_memo(ui->session, id, text, err);
}

static bool read_source_memo(struct ui *ui, int64_t id, char **text, struct error *err)
{
    return session_source_memo(ui->session, id, text, err);
}

static bool save_source_memo(struct ui *ui, int64_t id, const char *text, struct error *err)
{
    return session_set_source_memo(ui->session, id, text, err);
}

static bool read_code_memo(struct ui *ui, int64_t id, char **text, struct error *err)
{
    return codebook_memo(ui->project, id, text, err);
}

static bool save_code_memo(struct ui *ui, int64_t id, const char *text, struct error *err)
{
    return codebook_set_memo(ui->project, session_coder_id(ui->session), id, text, err);
}

static bool read_description(struct ui *ui, int64_t id, char **text, struct error *err)
{
    int index = codetree_find_id(project_codes(ui->project), id);
    if (index < 0)
        return error_user(err, "that code was deleted meanwhile, by another coder or program");
    const char *description = codetree_get(project_codes(ui->project), (size_t)index)->description;
    *text = description ? strdup(description) : NULL;
    return !description || *text || error_internal(err, "out of memory");
}

static bool save_description(struct ui *ui, int64_t id, const char *text, struct error *err)
{
    return codebook_describe(ui->project, session_coder_id(ui->session), id, text, err);
}

int64_t writing_cell(int64_t case_id, int64_t code_id)
{
    if (case_id < 0 || case_id >= INT32_MAX || code_id < 0 || code_id >= INT32_MAX)
        return -1;
    return case_id << 32 | code_id;
}

static bool read_summary(struct ui *ui, int64_t cell, char **text, struct error *err)
{
    return matrix_summary(ui->project, cell >> 32, cell & INT32_MAX, text, err);
}

static bool save_summary(struct ui *ui, int64_t cell, const char *text, struct error *err)
{
    char message[512];
    return matrix_write_summary(ui->project, cell >> 32, cell & INT32_MAX, text,
                                session_coder_name(ui->session), message, sizeof message, err);
}

static bool read_project_memo(struct ui *ui, int64_t id, char **text, struct error *err)
{
    return memos_get_id(ui->project, MEMOS_PROJECT, 0, text, err);
}

static bool save_project_memo(struct ui *ui, int64_t id, const char *text, struct error *err)
{
    return memos_set_id(ui->project, session_coder_id(ui->session), MEMOS_PROJECT, 0, text, err);
}

static bool read_case_memo(struct ui *ui, int64_t id, char **text, struct error *err)
{
    return memos_get_id(ui->project, MEMOS_CASE, id, text, err);
}

static bool save_case_memo(struct ui *ui, int64_t id, const char *text, struct error *err)
{
    return memos_set_id(ui->project, session_coder_id(ui->session), MEMOS_CASE, id, text, err);
}

static const struct kind kinds[] = {
    [WRITING_CODING_MEMO] = {"Memo on the coding", "memo", read_coding_memo, save_coding_memo},
    [WRITING_SOURCE_MEMO] = {"Memo on the source", "memo", read_source_memo, save_source_memo},
    [WRITING_CODE_MEMO] = {"Memo on the code", "memo", read_code_memo, save_code_memo},
    [WRITING_CODE_DESCRIPTION] = {"Description of the code", "description", read_description,
                                  save_description},
    [WRITING_MATRIX_SUMMARY] = {"Summary of the cell", "summary", read_summary, save_summary},
    [WRITING_PROJECT_MEMO] = {"Memo on the project", "memo", read_project_memo, save_project_memo},
    [WRITING_CASE_MEMO] = {"Memo on the case", "memo", read_case_memo, save_case_memo},
};

#define KINDS (sizeof kinds / sizeof kinds[0])

static void open_with(struct ui *ui, enum writing what, int64_t id, const char *text);

/* Saves what the editor wrote: the editor's purpose is the kind of writing. When it cannot be
 * saved (another coder's coding, a project locked or read-only), the editor opens again with the
 * text, so that nothing written is lost without the writer's say. */
static void saved(struct ui *ui, const char *text, int purpose, int64_t id)
{
    struct error err;
    bool changed;
    if (!kinds[purpose].save(ui, id, text, &err)) {
        char cancel[16];
        ui_key_name(ACTION_EDIT_CANCEL, cancel, sizeof cancel);
        open_with(ui, (enum writing)purpose, id, text);
        ui_message(ui, true, "%s; the %s is still here (%s drops it)", err.message,
                   kinds[purpose].noun, cancel);
        return;
    }
    /* The session shows codings with their memos: read them again. */
    if (!session_reload(ui->session, true, &changed, &err))
        ui_fail(ui, &err);
    else
        ui_message(ui, false, "%s %s", kinds[purpose].noun, text[0] ? "saved" : "removed");
}

static void open_with(struct ui *ui, enum writing what, int64_t id, const char *text)
{
    /* A case is named, since the source on show does not say which it is. */
    char title[200], what_on[160];
    struct error err;
    if (what == WRITING_CASE_MEMO &&
        memos_describe_id(ui->project, MEMOS_CASE, id, what_on, sizeof what_on, &err))
        snprintf(title, sizeof title, "Memo on the %s", what_on);
    else
        snprintf(title, sizeof title, "%s", kinds[what].title);
    editor_open(ui, &(struct editor_request){title, text, saved, (int)what, id});
}

void writing_open(struct ui *ui, enum writing what, int64_t id)
{
    char *text = NULL;
    struct error err;
    if (kinds[what].read(ui, id, &text, &err))
        open_with(ui, what, id, text);
    else
        ui_fail(ui, &err);
    free(text);
}

/* The setting that keeps a coder's draft. */
static void draft_key(const struct ui *ui, struct strbuf *key)
{
    strbuf_printf(key, "draft.%s", session_coder_name(ui->session));
}

void writing_keep_draft(struct ui *ui)
{
    for (size_t i = ui->nlayers; i-- > 0;) {
        int purpose;
        int64_t id;
        char *text;
        if (!editor_draft(ui->layers[i], &purpose, &id, &text))
            continue;
        struct strbuf key = STRBUF_INIT, value = STRBUF_INIT;
        struct error err;
        draft_key(ui, &key);
        if (strbuf_printf(&value, "%d %" PRId64 "\n%s", purpose, id, text))
            project_set_setting(ui->project, strbuf_str(&key), strbuf_str(&value), &err);
        strbuf_finish(&key);
        strbuf_finish(&value);
        free(text);
        return;
    }
}

void writing_offer_draft(struct ui *ui)
{
    struct strbuf key = STRBUF_INIT;
    char *value = NULL;
    struct error err;
    draft_key(ui, &key);
    int purpose;
    int64_t id;
    const char *text = NULL;
    if (project_setting(ui->project, strbuf_str(&key), &value, &err) && value &&
        sscanf(value, "%d %" SCNd64, &purpose, &id) == 2 && purpose >= 0 &&
        (size_t)purpose < KINDS && (text = strchr(value, '\n')) &&
        project_set_setting(ui->project, strbuf_str(&key), NULL, &err)) {
        open_with(ui, (enum writing)purpose, id, text + 1);
        char save[16], cancel[16];
        ui_key_name(ACTION_EDIT_SAVE, save, sizeof save);
        ui_key_name(ACTION_EDIT_CANCEL, cancel, sizeof cancel);
        ui_message(ui, false,
                   "this is the %s you were writing when margin was stopped: %s saves it, %s "
                   "drops it",
                   kinds[purpose].noun, save, cancel);
    }
    strbuf_finish(&key);
    free(value);
}
