#include "io/refi.h"

#include "core/list.h"
#include "core/strbuf.h"
#include "core/utf8.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char *const variable_type_names[] = {
    [REFI_VARIABLE_TEXT] = "Text",       [REFI_VARIABLE_BOOLEAN] = "Boolean",
    [REFI_VARIABLE_INTEGER] = "Integer", [REFI_VARIABLE_FLOAT] = "Float",
    [REFI_VARIABLE_DATE] = "Date",       [REFI_VARIABLE_DATETIME] = "DateTime",
};

const char *refi_variable_type_name(enum refi_variable_type type)
{
    return variable_type_names[type];
}

bool refi_variable_type_parse(const char *name, enum refi_variable_type *type)
{
    for (size_t i = 0; i < sizeof variable_type_names / sizeof variable_type_names[0]; i++) {
        if (strcmp(name, variable_type_names[i]) == 0) {
            *type = (enum refi_variable_type)i;
            return true;
        }
    }
    return false;
}

static void finish_codings(struct refi_coding_list *codings)
{
    for (size_t i = 0; i < codings->count; i++)
        free(codings->items[i].notes.items);
    free(codings->items);
}

void refi_selection_finish(struct refi_selection *selection)
{
    free(selection->name);
    free(selection->description);
    finish_codings(&selection->codings);
    free(selection->notes.items);
    memset(selection, 0, sizeof *selection);
}

void refi_source_finish(struct refi_source *source)
{
    free(source->name);
    free(source->description);
    free(source->text);
    free(source->plain_path);
    free(source->rich_path);
    for (size_t s = 0; s < source->selections.count; s++)
        refi_selection_finish(&source->selections.items[s]);
    free(source->selections.items);
    finish_codings(&source->codings);
    free(source->notes.items);
    memset(source, 0, sizeof *source);
}

static void finish_sources(struct refi_source_list *sources)
{
    for (size_t i = 0; i < sources->count; i++)
        refi_source_finish(&sources->items[i]);
    free(sources->items);
}

void refi_project_finish(struct refi_project *project)
{
    free(project->name);
    free(project->origin);
    free(project->description);
    for (size_t i = 0; i < project->users.count; i++)
        free(project->users.items[i].name);
    free(project->users.items);
    codetree_destroy(project->codes);
    free(project->code_notes.items);
    for (size_t i = 0; i < project->variables.count; i++) {
        free(project->variables.items[i].name);
        free(project->variables.items[i].description);
    }
    free(project->variables.items);
    for (size_t i = 0; i < project->cases.count; i++) {
        struct refi_case *c = &project->cases.items[i];
        free(c->name);
        free(c->description);
        for (size_t v = 0; v < c->values.count; v++)
            free(c->values.items[v].value);
        free(c->values.items);
        free(c->sources.items);
    }
    free(project->cases.items);
    finish_sources(&project->sources);
    finish_sources(&project->notes);
    free(project->project_notes.items);
    warnings_finish(&project->warnings);
    memset(project, 0, sizeof *project);
}

bool refi_guid_parse(const char *text, char out[REFI_GUID_SIZE])
{
    while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
        text++;
    size_t n = strlen(text);
    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t' || text[n - 1] == '\n' ||
                     text[n - 1] == '\r'))
        n--;
    if (n == 38 && text[0] == '{' && text[37] == '}') {
        text++;
        n = 36;
    }
    if (n != 36)
        return false;
    char guid[REFI_GUID_SIZE];
    for (size_t i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        unsigned char c = (unsigned char)text[i];
        if (dash ? c != '-' : !isxdigit(c))
            return false;
        guid[i] = (char)tolower(c);
    }
    guid[36] = '\0';
    memcpy(out, guid, sizeof guid);
    return true;
}

static bool is_colour_digit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool refi_colour_parse(const char *text, char out[8])
{
    size_t n = strlen(text);
    if ((n != 7 && n != 4) || text[0] != '#')
        return false;
    for (size_t i = 1; i < n; i++) {
        if (!is_colour_digit(text[i]))
            return false;
    }
    if (n == 7) {
        memcpy(out, text, 8);
    } else {
        char rgb[8] = {'#', text[1], text[1], text[2], text[2], text[3], text[3], '\0'};
        memcpy(out, rgb, 8);
    }
    return true;
}

const struct refi_user *refi_find_user(const struct refi_project *project, const char *guid)
{
    for (size_t i = 0; i < project->users.count; i++) {
        if (strcmp(project->users.items[i].guid, guid) == 0)
            return &project->users.items[i];
    }
    return NULL;
}

static const struct refi_source *find_in(const struct refi_source_list *list, const char *guid)
{
    for (size_t i = 0; i < list->count; i++) {
        if (strcmp(list->items[i].guid, guid) == 0)
            return &list->items[i];
    }
    return NULL;
}

const struct refi_source *refi_find_source(const struct refi_project *project, const char *guid)
{
    return find_in(&project->sources, guid);
}

const struct refi_source *refi_find_note(const struct refi_project *project, const char *guid)
{
    return find_in(&project->notes, guid);
}

const struct refi_variable *refi_find_variable(const struct refi_project *project, const char *guid)
{
    for (size_t i = 0; i < project->variables.count; i++) {
        if (strcmp(project->variables.items[i].guid, guid) == 0)
            return &project->variables.items[i];
    }
    return NULL;
}

/* How many of the sorted positions removed[0..count) are less than p. */
static size_t count_below(const int64_t *removed, size_t count, int64_t p)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (removed[mid] < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* How a source is named in messages: its name, its file or its GUID. */
static const char *label_of(const struct refi_source *source)
{
    if (source->name && *source->name)
        return source->name;
    if (source->plain_path && *source->plain_path)
        return source->plain_path;
    return source->guid;
}

bool refi_source_set_text(struct refi_source *source, const char *raw, size_t n, const char *qde,
                          const char *file, struct warning_list *warnings, struct error *err)
{
    if (n > REFI_TEXT_MAX_BYTES) {
        return error_user(err, "%s is %zu MB; margin reads texts of up to %u MB", file,
                          n / (1024 * 1024), REFI_TEXT_MAX_BYTES / (1024 * 1024));
    }
    if (n >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) {
        raw += 3;
        n -= 3;
    }
    struct text_position at;
    if (!utf8_validate(raw, n, &at)) {
        return error_user(err, "%s:%zu:%zu: not valid UTF-8 text (byte 0x%02X)", file, at.line,
                          at.column, (unsigned char)raw[at.byte]);
    }
    const char *nul = memchr(raw, '\0', n);
    if (nul) {
        return error_user(err, "%s: contains a NUL byte at byte %zu; this is not plain text", file,
                          (size_t)(nul - raw));
    }

    char *text = malloc(n + 1);
    int64_t *removed = NULL;
    size_t nremoved = 0, removed_cap = 0;
    bool ok = false;
    if (!text) {
        error_internal(err, "out of memory reading %s", file);
        goto cleanup;
    }
    size_t size = 0;
    int64_t length = 0; /* code points of the text as stored */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)raw[i];
        if (c == '\r' && i + 1 < n && raw[i + 1] == '\n') {
            if (!list_reserve((void **)&removed, &removed_cap, nremoved + 1, sizeof *removed)) {
                error_internal(err, "out of memory reading %s", file);
                goto cleanup;
            }
            removed[nremoved++] = length++;
            continue;
        }
        text[size++] = c == '\r' ? '\n' : (char)c;
        length += utf8_is_lead(c);
    }
    text[size] = '\0';

    struct refi_selection_list *selections = &source->selections;
    for (size_t i = 0; i < selections->count; i++) {
        const struct refi_selection *s = &selections->items[i];
        if (s->start < 0 || s->end < s->start) {
            error_user(err, "%s:%zu: the selection %" PRId64 "-%" PRId64 " of '%s' is reversed",
                       qde, s->line, s->start, s->end, label_of(source));
            goto cleanup;
        }
        if (s->end > length) {
            error_user(err,
                       "%s:%zu: the selection %" PRId64 "-%" PRId64 " ends past the end of the "
                       "text of '%s' (%s), which has %" PRId64 " characters",
                       qde, s->line, s->start, s->end, label_of(source), file, length);
            goto cleanup;
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < selections->count; i++) {
        struct refi_selection *s = &selections->items[i];
        s->start -= (int64_t)count_below(removed, nremoved, s->start);
        s->end -= (int64_t)count_below(removed, nremoved, s->end);
        if (s->start == s->end) {
            if (!warnings_add(warnings, "an empty selection of '%s' was skipped", label_of(source)))
                goto out_of_memory;
            refi_selection_finish(s);
            continue;
        }
        selections->items[kept++] = *s;
    }
    selections->count = kept;
    free(source->text);
    source->text = text;
    source->size = size;
    text = NULL;
    ok = true;
    goto cleanup;
out_of_memory:
    error_internal(err, "out of memory reading %s", file);
cleanup:
    free(text);
    free(removed);
    return ok;
}

static bool warn_missing_notes(struct refi_project *project, const struct refi_ref_list *refs)
{
    for (size_t i = 0; i < refs->count; i++) {
        if (!refi_find_note(project, refs->items[i].guid) &&
            !warnings_add(&project->warnings,
                          "a NoteRef points to a note the file does not have; it was skipped"))
            return false;
    }
    return true;
}

static bool refers_to(const struct refi_ref_list *refs, const char *guid)
{
    for (size_t i = 0; i < refs->count; i++) {
        if (strcmp(refs->items[i].guid, guid) == 0)
            return true;
    }
    return false;
}

static bool codings_refer_to(const struct refi_coding_list *codings, const char *guid)
{
    for (size_t i = 0; i < codings->count; i++) {
        if (refers_to(&codings->items[i].notes, guid))
            return true;
    }
    return false;
}

/* True when anything margin keeps refers to the note. */
static bool note_used(const struct refi_project *project, const char *guid)
{
    if (refers_to(&project->project_notes, guid))
        return true;
    for (size_t i = 0; i < project->code_notes.count; i++) {
        if (strcmp(project->code_notes.items[i].to, guid) == 0)
            return true;
    }
    for (size_t i = 0; i < project->sources.count; i++) {
        const struct refi_source *source = &project->sources.items[i];
        if (refers_to(&source->notes, guid) || codings_refer_to(&source->codings, guid))
            return true;
        for (size_t s = 0; s < source->selections.count; s++) {
            const struct refi_selection *selection = &source->selections.items[s];
            if (refers_to(&selection->notes, guid) ||
                (selection->codings.count && codings_refer_to(&selection->codings, guid)))
                return true;
        }
    }
    return false;
}

static bool check_codings(struct refi_project *project, const struct refi_coding_list *codings,
                          const char *name, struct error *err)
{
    for (size_t i = 0; i < codings->count; i++) {
        const struct refi_coding *coding = &codings->items[i];
        if (!project->codes || codetree_find_guid(project->codes, coding->code) < 0) {
            return error_user(err,
                              "%s:%zu: the coding refers to the code %s, which the codebook "
                              "does not have",
                              name, coding->line, coding->code);
        }
        if (!warn_missing_notes(project, &coding->notes))
            return error_internal(err, "out of memory");
    }
    return true;
}

bool refi_project_check(struct refi_project *project, const char *name, struct error *err)
{
    for (size_t i = 0; i < project->sources.count; i++) {
        const struct refi_source *source = &project->sources.items[i];
        if (!check_codings(project, &source->codings, name, err))
            return false;
        for (size_t s = 0; s < source->selections.count; s++) {
            const struct refi_selection *selection = &source->selections.items[s];
            if (!check_codings(project, &selection->codings, name, err))
                return false;
            if (!warn_missing_notes(project, &selection->notes))
                goto out_of_memory;
        }
        if (!warn_missing_notes(project, &source->notes))
            goto out_of_memory;
    }
    if (!warn_missing_notes(project, &project->project_notes))
        goto out_of_memory;
    for (size_t i = 0; i < project->code_notes.count; i++) {
        if (!refi_find_note(project, project->code_notes.items[i].to) &&
            !warnings_add(&project->warnings,
                          "a NoteRef points to a note the file does not have; it was skipped"))
            goto out_of_memory;
    }
    for (size_t i = 0; i < project->cases.count; i++) {
        const struct refi_case *c = &project->cases.items[i];
        for (size_t s = 0; s < c->sources.count; s++) {
            if (!refi_find_source(project, c->sources.items[s].guid) &&
                !warnings_add(&project->warnings,
                              "a case refers to a source margin did not import; that link was "
                              "skipped"))
                goto out_of_memory;
        }
        for (size_t v = 0; v < c->values.count; v++) {
            if (!refi_find_variable(project, c->values.items[v].variable) &&
                !warnings_add(&project->warnings,
                              "a case has a value of a variable the file does not declare; it "
                              "was skipped"))
                goto out_of_memory;
        }
    }
    for (size_t i = 0; i < project->notes.count; i++) {
        const struct refi_source *note = &project->notes.items[i];
        if (!note_used(project, note->guid) &&
            !warnings_add(&project->warnings,
                          "the note '%.80s' is attached to nothing margin keeps; it was skipped",
                          label_of(note)))
            goto out_of_memory;
    }
    return true;
out_of_memory:
    return error_internal(err, "out of memory checking %s", name);
}

bool refi_notes_text(const struct refi_project *project, const char *first,
                     const struct refi_ref_list *refs, char **out)
{
    struct strbuf joined = STRBUF_INIT;
    bool ok = true;
    *out = NULL;
    if (first && *first)
        ok = strbuf_puts(&joined, first);
    for (size_t i = 0; ok && refs && i < refs->count; i++) {
        const struct refi_source *note = refi_find_note(project, refs->items[i].guid);
        if (!note || !note->text || !*note->text)
            continue;
        if (joined.len)
            ok = strbuf_puts(&joined, "\n\n");
        ok = ok && strbuf_puts(&joined, note->text);
    }
    if (ok && joined.len)
        ok = (*out = strbuf_detach(&joined)) != NULL;
    strbuf_finish(&joined);
    return ok;
}

/* Whether needle occurs in data[0..n). */
static bool contains(const char *data, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; k <= n && i <= n - k; i++) {
        if (data[i] == needle[0] && memcmp(data + i, needle, k) == 0)
            return true;
    }
    return false;
}

/* Whether data[i..n) starts with s. */
static bool starts(const char *data, size_t n, size_t i, const char *s)
{
    size_t k = strlen(s);
    return i <= n && n - i >= k && memcmp(data + i, s, k) == 0;
}

/* The index just after the first `end` at or after i, or n when there is none. */
static size_t past(const char *data, size_t n, size_t i, const char *end)
{
    size_t k = strlen(end);
    for (; i < n; i++) {
        if (starts(data, n, i, end))
            return i + k;
    }
    return n;
}

enum refi_file_kind refi_file_identify(const char *data, size_t n)
{
    if (starts(data, n, 0, "PK\003\004") || starts(data, n, 0, "PK\005\006"))
        return contains(data, n, "project.qde") ? REFI_FILE_ARCHIVE : REFI_FILE_ZIP;
    size_t i = starts(data, n, 0, "\xEF\xBB\xBF") ? 3 : 0;
    bool declared = false;
    for (;;) {
        while (i < n && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
            i++;
        if (starts(data, n, i, "<?")) {
            declared = declared || starts(data, n, i, "<?xml");
            i = past(data, n, i, "?>");
        } else if (starts(data, n, i, "<!--")) {
            i = past(data, n, i, "-->");
        } else {
            break;
        }
    }
    if (!starts(data, n, i, "<"))
        return REFI_FILE_NONE;
    /* The root element's name, without a namespace prefix, and its start tag. */
    size_t name = ++i;
    while (i < n && (isalnum((unsigned char)data[i]) || (data[i] && strchr("_-.:", data[i])))) {
        if (data[i] == ':')
            name = i + 1;
        i++;
    }
    size_t length = i - name;
    size_t tag_end = past(data, n, i, ">");
    bool project = length == 7 && memcmp(data + name, "Project", 7) == 0;
    bool codebook = length == 8 && memcmp(data + name, "CodeBook", 8) == 0;
    if (project && (declared || contains(data + i, tag_end - i, "urn:QDA-XML:project")))
        return REFI_FILE_PROJECT;
    if (codebook && (declared || contains(data + i, tag_end - i, "urn:QDA-XML:codebook")))
        return REFI_FILE_CODEBOOK;
    return REFI_FILE_NONE;
}

const char *refi_file_kind_name(enum refi_file_kind kind)
{
    switch (kind) {
    case REFI_FILE_ARCHIVE:
        return "a REFI-QDA project archive (.qdpx)";
    case REFI_FILE_ZIP:
        return "a zip archive (a Word, Excel or OpenDocument file, say)";
    case REFI_FILE_PROJECT:
        return "the project.qde of a REFI-QDA project archive";
    case REFI_FILE_CODEBOOK:
        return "a REFI-QDA codebook (.qdc)";
    case REFI_FILE_NONE:
        break;
    }
    return "";
}
