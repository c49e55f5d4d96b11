#include "io/qdpx.h"

#include "core/strbuf.h"
#include "io/file.h"
#include "io/refi_xml.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

/* An open archive being read, with the names its messages give. */
struct archive {
    zip_t *zip;
    const char *name;  /* the file, "study.qdpx" */
    char *base;        /* the folder holding project.qde inside the archive, "" or "x/" */
    size_t text_bytes; /* read so far, against REFI_TOTAL_MAX_BYTES */
};

/* Finds project.qde: at the root, as the standard says, or else alone in one folder. */
static zip_int64_t find_project(struct archive *a)
{
    zip_int64_t index = zip_name_locate(a->zip, "project.qde", ZIP_FL_NOCASE);
    if (index >= 0)
        return index;
    zip_int64_t count = zip_get_num_entries(a->zip, 0);
    for (zip_int64_t i = 0; i < count; i++) {
        const char *entry = zip_get_name(a->zip, (zip_uint64_t)i, 0);
        const char *slash = entry ? strrchr(entry, '/') : NULL;
        if (slash && strcasecmp(slash + 1, "project.qde") == 0) {
            free(a->base);
            a->base = strndup(entry, (size_t)(slash + 1 - entry));
            return a->base ? i : -2;
        }
    }
    return -1;
}

/* Reads an entry whole (NUL-terminated, the caller frees it), refusing more than `limit`
 * bytes whatever its header claims. `label` names it in messages. */
static bool read_entry(struct archive *a, zip_int64_t index, size_t limit, const char *label,
                       char **data, size_t *n, struct error *err)
{
    *data = NULL;
    *n = 0;
    zip_file_t *file = zip_fopen_index(a->zip, (zip_uint64_t)index, 0);
    if (!file) {
        return error_user(err, "%s: %s cannot be read: %s", a->name, label,
                          zip_error_strerror(zip_get_error(a->zip)));
    }
    struct strbuf buf = STRBUF_INIT;
    bool ok = false;
    for (;;) {
        if (!strbuf_reserve(&buf, 65536)) {
            error_internal(err, "out of memory reading %s: %s", a->name, label);
            goto cleanup;
        }
        zip_int64_t got = zip_fread(file, buf.data + buf.len, 65536);
        if (got < 0) {
            error_user(err, "%s: %s cannot be read: %s", a->name, label,
                       zip_error_strerror(zip_file_get_error(file)));
            goto cleanup;
        }
        if (got == 0)
            break;
        buf.len += (size_t)got;
        buf.data[buf.len] = '\0';
        if (buf.len > limit || a->text_bytes + buf.len > REFI_TOTAL_MAX_BYTES) {
            error_user(err, "%s: %s is larger than margin reads (%u MB, and %u MB in all)", a->name,
                       label, (unsigned)(limit / (1024 * 1024)),
                       REFI_TOTAL_MAX_BYTES / (1024 * 1024));
            goto cleanup;
        }
    }
    a->text_bytes += buf.len;
    *n = buf.len;
    *data = strbuf_detach(&buf);
    ok = *data != NULL;
    if (!ok)
        error_internal(err, "out of memory reading %s: %s", a->name, label);
cleanup:
    zip_fclose(file);
    strbuf_finish(&buf);
    return ok;
}

/* The entry a REFI path names: "internal://x.txt" (or "x.txt") is sources/x.txt beside
 * project.qde. Sets *external for a path outside the archive (file://, relative://, an
 * absolute path). Returns the index, or -1. */
static zip_int64_t locate(struct archive *a, const char *path, bool *external, char *entry,
                          size_t size)
{
    *external = false;
    const char *rel = path;
    if (strncasecmp(rel, "internal://", 11) == 0) {
        rel += 11;
    } else if (strstr(rel, "://") || rel[0] == '/' || rel[0] == '\\' || (rel[0] && rel[1] == ':')) {
        *external = true;
        return -1;
    }
    snprintf(entry, size, "%ssources/%s", a->base, rel);
    zip_int64_t index = zip_name_locate(a->zip, entry, ZIP_FL_NOCASE);
    if (index < 0) {
        char other[1024];
        snprintf(other, sizeof other, "%s%s", a->base, rel);
        index = zip_name_locate(a->zip, other, ZIP_FL_NOCASE);
    }
    return index;
}

/* How a source is named in messages. */
static const char *label_of(const struct refi_source *source)
{
    if (source->name && *source->name)
        return source->name;
    if (source->plain_path && *source->plain_path)
        return source->plain_path;
    if (source->rich_path && *source->rich_path)
        return source->rich_path;
    return source->guid;
}

/* Gives a source or note its text. Sets *keep to false when it has none to give (with a
 * warning). */
static bool load_text(struct archive *a, struct refi_source *source, const char *qde,
                      struct warning_list *warnings, bool *keep, struct error *err)
{
    char entry[1024];
    char label[1200];
    char *data = NULL;
    size_t n = 0;
    bool external = false;
    *keep = true;
    if (!source->plain_path && source->text) {
        snprintf(label, sizeof label, "%s: the text of '%s' (line %zu)", qde, label_of(source),
                 source->line);
        return refi_source_set_text(source, source->text, source->size, qde, label, warnings, err);
    }
    zip_int64_t index = -1;
    if (source->plain_path) {
        index = locate(a, source->plain_path, &external, entry, sizeof entry);
        if (index < 0 && !external) {
            return error_user(err,
                              "%s:%zu: '%s' has its text in %s, which the archive does not "
                              "have",
                              qde, source->line, label_of(source), entry);
        }
    } else if (source->rich_path) {
        /* Only a rich-text file (.docx, .rtf): some tools put a plain-text copy beside it. */
        char txt[1024];
        snprintf(txt, sizeof txt, "%s", source->rich_path);
        char *dot = strrchr(txt, '.');
        char *slash = strrchr(txt, '/');
        if (dot && (!slash || dot > slash) && (size_t)(dot - txt) + 5 <= sizeof txt) {
            strcpy(dot, ".txt");
            index = locate(a, txt, &external, entry, sizeof entry);
        }
        if (index < 0) {
            *keep = false;
            return warnings_add(warnings,
                                "'%.80s' is stored only as rich text (%.80s) with no plain-text "
                                "copy; it was skipped",
                                label_of(source), source->rich_path) ||
                   error_internal(err, "out of memory");
        }
    }
    if (external) {
        *keep = false;
        return warnings_add(warnings,
                            "the text of '%.80s' is outside the archive (%.80s); it was skipped",
                            label_of(source), source->plain_path) ||
               error_internal(err, "out of memory");
    }
    if (index < 0) {
        *keep = false;
        return warnings_add(warnings, "'%.80s' has no text; it was skipped", label_of(source)) ||
               error_internal(err, "out of memory");
    }
    const char *entry_name = zip_get_name(a->zip, (zip_uint64_t)index, 0);
    snprintf(label, sizeof label, "%s: %s", a->name, entry_name ? entry_name : entry);
    if (!read_entry(a, index, REFI_TEXT_MAX_BYTES, label + strlen(a->name) + 2, &data, &n, err))
        return false;
    bool ok = refi_source_set_text(source, data, n, qde, label, warnings, err);
    free(data);
    return ok;
}

/* Gives every source and note its text, dropping those that have none. */
static bool load_texts(struct archive *a, struct refi_source_list *list, const char *qde,
                       struct warning_list *warnings, struct error *err)
{
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        bool keep;
        if (!load_text(a, &list->items[i], qde, warnings, &keep, err)) {
            /* Close the gap so that refi_project_finish() frees the rest. */
            memmove(&list->items[kept], &list->items[i], (list->count - i) * sizeof *list->items);
            list->count = kept + (list->count - i);
            return false;
        }
        if (keep)
            list->items[kept++] = list->items[i];
        else
            refi_source_finish(&list->items[i]);
    }
    list->count = kept;
    return true;
}

static bool open_archive(struct archive *a, const char *data, size_t n, const char *name,
                         struct error *err)
{
    memset(a, 0, sizeof *a);
    a->name = name;
    if (!(a->base = strdup("")))
        return error_internal(err, "out of memory");
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *source = zip_source_buffer_create(data, n, 0, &ze);
    if (source && !(a->zip = zip_open_from_source(source, ZIP_RDONLY, &ze)))
        zip_source_free(source);
    if (!a->zip) {
        enum refi_file_kind kind = refi_file_identify(data, n);
        if (kind == REFI_FILE_CODEBOOK)
            error_user(err, "%s is %s, not a project archive; `margin codebook import` imports it",
                       name, refi_file_kind_name(kind));
        else if (kind == REFI_FILE_PROJECT)
            error_user(err, "%s is %s, not the archive itself; import the .qdpx file it comes from",
                       name, refi_file_kind_name(kind));
        else if (zip_error_code_zip(&ze) == ZIP_ER_NOZIP ||
                 zip_error_code_zip(&ze) == ZIP_ER_INCONS)
            error_user(err,
                       "%s is not a REFI-QDA project archive: it is not a zip file (%s); a "
                       ".qdpx file is a zip holding project.qde",
                       name, zip_error_strerror(&ze));
        else
            error_user(err, "%s cannot be opened as a zip archive: %s", name,
                       zip_error_strerror(&ze));
        zip_error_fini(&ze);
        free(a->base);
        a->base = NULL;
        return false;
    }
    zip_error_fini(&ze);
    return true;
}

static void close_archive(struct archive *a)
{
    if (a->zip)
        zip_discard(a->zip);
    free(a->base);
    memset(a, 0, sizeof *a);
}

bool qdpx_parse(const char *data, size_t n, const char *name, struct refi_project *out,
                struct error *err)
{
    memset(out, 0, sizeof *out);
    struct archive a;
    if (!open_archive(&a, data, n, name, err))
        return false;
    char *xml = NULL;
    size_t xml_size = 0;
    bool ok = false;
    struct strbuf qde = STRBUF_INIT;
    zip_int64_t index = find_project(&a);
    if (index == -2) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    if (index < 0) {
        error_user(err,
                   "%s has no project.qde; it is a zip file, but not a REFI-QDA project "
                   "archive",
                   name);
        goto cleanup;
    }
    const char *entry = zip_get_name(a.zip, (zip_uint64_t)index, 0);
    if (!strbuf_printf(&qde, "%s: %s", name, entry ? entry : "project.qde")) {
        error_internal(err, "out of memory");
        goto cleanup;
    }
    if (!read_entry(&a, index, REFI_XML_MAX_BYTES, entry ? entry : "project.qde", &xml, &xml_size,
                    err))
        goto cleanup;
    /* The XML's size does not count against the texts' budget. */
    a.text_bytes = 0;
    if (!refi_xml_parse_project(xml, xml_size, strbuf_str(&qde), out, err))
        goto cleanup;
    if (!load_texts(&a, &out->sources, strbuf_str(&qde), &out->warnings, err) ||
        !load_texts(&a, &out->notes, strbuf_str(&qde), &out->warnings, err) ||
        !refi_project_check(out, strbuf_str(&qde), err))
        goto cleanup;
    ok = true;
cleanup:
    if (!ok)
        refi_project_finish(out);
    free(xml);
    strbuf_finish(&qde);
    close_archive(&a);
    return ok;
}

bool qdpx_read(const char *path, struct refi_project *out, struct error *err)
{
    char *data;
    size_t n;
    memset(out, 0, sizeof *out);
    if (!file_read(path, REFI_TOTAL_MAX_BYTES, &data, &n, err))
        return false;
    bool ok = qdpx_parse(data, n, path, out, err);
    free(data);
    return ok;
}

bool qdpx_pack(const struct qdpx_entry *entries, size_t count, FILE *out, struct error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *buffer = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *zip = buffer ? zip_open_from_source(buffer, ZIP_TRUNCATE, &ze) : NULL;
    bool ok = false;
    bool opened = false;
    if (!zip) {
        error_internal(err, "cannot make a zip archive: %s", zip_error_strerror(&ze));
        zip_source_free(buffer);
        zip_error_fini(&ze);
        return false;
    }
    zip_error_fini(&ze);
    zip_source_keep(buffer);
    for (size_t i = 0; i < count; i++) {
        zip_source_t *data = zip_source_buffer(zip, entries[i].data, entries[i].size, 0);
        zip_int64_t index = data ? zip_file_add(zip, entries[i].name, data, ZIP_FL_ENC_UTF_8) : -1;
        if (index < 0) {
            error_internal(err, "cannot add %s to the archive: %s", entries[i].name,
                           zip_error_strerror(zip_get_error(zip)));
            zip_source_free(data);
            zip_discard(zip);
            goto cleanup;
        }
        /* A fixed time, so that the same entries always give the same archive. */
        if (zip_file_set_dostime(zip, (zip_uint64_t)index, QDPX_DOS_TIME, QDPX_DOS_DATE, 0) < 0) {
            error_internal(err, "cannot date %s in the archive: %s", entries[i].name,
                           zip_error_strerror(zip_get_error(zip)));
            zip_discard(zip);
            goto cleanup;
        }
    }
    if (zip_close(zip) != 0) {
        error_internal(err, "cannot write the archive: %s", zip_error_strerror(zip_get_error(zip)));
        zip_discard(zip);
        goto cleanup;
    }
    if (zip_source_open(buffer) != 0) {
        error_internal(err, "cannot read back the archive: %s",
                       zip_error_strerror(zip_source_error(buffer)));
        goto cleanup;
    }
    opened = true;
    char chunk[65536];
    zip_int64_t got;
    while ((got = zip_source_read(buffer, chunk, sizeof chunk)) > 0) {
        if (fwrite(chunk, 1, (size_t)got, out) != (size_t)got) {
            error_user(err, "could not write the archive");
            goto cleanup;
        }
    }
    if (got < 0) {
        error_internal(err, "cannot read back the archive: %s",
                       zip_error_strerror(zip_source_error(buffer)));
        goto cleanup;
    }
    ok = true;
cleanup:
    if (opened)
        zip_source_close(buffer);
    zip_source_free(buffer);
    return ok;
}

bool qdpx_write(const struct refi_project *project, FILE *out, struct error *err)
{
    /* A copy of the project whose sources point at their files in the archive. */
    struct refi_project copy = *project;
    size_t count = project->sources.count;
    struct refi_source *sources = calloc(count ? count : 1, sizeof *sources);
    struct refi_source *notes = NULL;
    struct qdpx_entry *entries = calloc(count + 1, sizeof *entries);
    char **names = calloc(count ? count : 1, sizeof *names);
    char **paths = calloc(count ? count : 1, sizeof *paths);
    char *xml = NULL;
    size_t xml_size = 0;
    FILE *stream = NULL;
    bool ok = false;
    if (!sources || !entries || !names || !paths) {
        error_internal(err, "out of memory writing the archive");
        goto cleanup;
    }
    for (size_t i = 0; i < count; i++) {
        const struct refi_source *source = &project->sources.items[i];
        sources[i] = *source;
        /* Each text is named by its source's GUID; a GUID given twice (or none) gets a name by
         * place, so that no file replaces another. */
        bool unique = source->guid[0] != '\0';
        for (size_t j = 0; unique && j < i; j++)
            unique = strcmp(project->sources.items[j].guid, source->guid) != 0;
        char file[64];
        if (unique)
            snprintf(file, sizeof file, "%s.txt", source->guid);
        else
            snprintf(file, sizeof file, "source-%zu.txt", i + 1);
        struct strbuf name = STRBUF_INIT, path = STRBUF_INIT;
        if (!strbuf_printf(&name, "sources/%s", file) ||
            !strbuf_printf(&path, "internal://%s", file) || !(names[i] = strbuf_detach(&name)) ||
            !(paths[i] = strbuf_detach(&path))) {
            strbuf_finish(&name);
            strbuf_finish(&path);
            error_internal(err, "out of memory writing the archive");
            goto cleanup;
        }
        sources[i].plain_path = paths[i];
        sources[i].rich_path = NULL;
        entries[i + 1] = (struct qdpx_entry){names[i], source->text ? source->text : "",
                                             source->text ? source->size : 0};
    }
    copy.sources.items = sources;
    /* Notes go inside project.qde, whatever files they came from. */
    notes = calloc(project->notes.count ? project->notes.count : 1, sizeof *notes);
    if (!notes) {
        error_internal(err, "out of memory writing the archive");
        goto cleanup;
    }
    for (size_t i = 0; i < project->notes.count; i++) {
        notes[i] = project->notes.items[i];
        notes[i].plain_path = NULL;
        notes[i].rich_path = NULL;
    }
    copy.notes.items = notes;
    if (!(stream = open_memstream(&xml, &xml_size))) {
        error_internal(err, "out of memory writing the archive");
        goto cleanup;
    }
    bool wrote = refi_xml_write_project(&copy, stream, err);
    if (fclose(stream) != 0 && wrote)
        wrote = error_internal(err, "out of memory writing project.qde");
    stream = NULL;
    if (!wrote)
        goto cleanup;
    entries[0] = (struct qdpx_entry){"project.qde", xml, xml_size};
    ok = qdpx_pack(entries, count + 1, out, err);
cleanup:
    for (size_t i = 0; names && paths && i < count; i++) {
        free(names[i]);
        free(paths[i]);
    }
    free(names);
    free(paths);
    free(entries);
    free(sources);
    free(notes);
    free(xml);
    return ok;
}
