#include "model/redact.h"

#include "core/wordmatch.h"
#include "io/csv.h"
#include "io/file.h"
#include "io/transcript.h"
#include "model/revise.h"
#include "model/speakers.h"
#include "store/journal.h"
#include "store/sources.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The largest map or list of identifiers margin reads. */
#define MAP_MAX_BYTES (16u * 1024 * 1024)

/* The largest project file redaction_check() reads whole. */
#define PROJECT_MAX_BYTES ((size_t)4 << 30)

struct redaction {
    struct wordmatch *set;
    char **originals;
    char **replacements;
    size_t count, cap;
    size_t *hits; /* per original: replacements made by the last run */
};

void redaction_destroy(struct redaction *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++) {
        free(r->originals[i]);
        free(r->replacements[i]);
    }
    free(r->originals);
    free(r->replacements);
    free(r->hits);
    wordmatch_destroy(r->set);
    free(r);
}

/* Adds one pair; a repeated original fails with a message naming the line. */
static bool add_pair(struct redaction *r, const char *original, const char *replacement,
                     const char *name, size_t line, struct error *err)
{
    if (!*original)
        return error_user(err, "%s:%zu: the original is empty", name, line);
    for (size_t i = 0; i < r->count; i++) {
        if (strcmp(r->originals[i], original) == 0)
            return error_user(err, "%s:%zu: '%s' is listed twice", name, line, original);
    }
    if (r->count == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        char **o = realloc(r->originals, cap * sizeof *o);
        if (o)
            r->originals = o;
        char **p = realloc(r->replacements, cap * sizeof *p);
        if (p)
            r->replacements = p;
        if (!o || !p)
            return error_internal(err, "out of memory reading %s", name);
        r->cap = cap;
    }
    char *a = strdup(original), *b = strdup(replacement);
    if (!a || !b || wordmatch_add(r->set, original, replacement) < 0) {
        free(a);
        free(b);
        return error_internal(err, "out of memory reading %s", name);
    }
    r->originals[r->count] = a;
    r->replacements[r->count++] = b;
    return true;
}

/* The index of the header field named `name`, or -1. */
static long column(const struct csv_record *header, const char *name)
{
    for (size_t i = 0; i < header->count; i++) {
        if (strcmp(header->fields[i], name) == 0)
            return (long)i;
    }
    return -1;
}

/* Reads the pairs of a map from CSV data; with `originals_only`, a replacement column is not
 * needed. */
static bool read_map(struct redaction *r, const char *data, size_t n, const char *name,
                     bool originals_only, struct error *err)
{
    struct csv_reader *reader = csv_reader_create(data, n, name, err);
    if (!reader)
        return false;
    struct csv_record record;
    int got = csv_next(reader, &record, err);
    bool ok = got > 0;
    long from = ok ? column(&record, "original") : -1;
    long to = ok ? column(&record, "replacement") : -1;
    if (got == 0)
        ok = error_user(err, "%s is empty; it needs the columns original and replacement", name);
    else if (ok && (from < 0 || (to < 0 && !originals_only)))
        ok = error_user(err, "%s:%zu: the header must name the columns original and replacement",
                        name, record.line);
    while (ok && (got = csv_next(reader, &record, err)) > 0) {
        size_t need = (size_t)(from > to ? from : to) + 1;
        if (record.count < need)
            ok = error_user(err, "%s:%zu: %zu fields; the header has %zu", name, record.line,
                            record.count, need);
        else
            ok = add_pair(r, record.fields[from], to >= 0 ? record.fields[to] : "", name,
                          record.line, err);
    }
    ok = ok && got == 0;
    csv_reader_destroy(reader);
    return ok;
}

/* Refuses a replacement that holds an original: the redaction would leave it in. */
static bool check_replacements(const struct redaction *r, const char *name, struct error *err)
{
    for (size_t i = 0; i < r->count; i++) {
        const char *s = r->replacements[i];
        if (wordmatch_find(r->set, s, strlen(s), NULL) != 0)
            return error_user(err,
                              "%s: the replacement '%s' of '%s' holds an original the map "
                              "replaces; choose placeholders that name no one",
                              name, s, r->originals[i]);
    }
    return true;
}

static struct redaction *redaction_new(bool fold, struct error *err)
{
    struct redaction *r = calloc(1, sizeof *r);
    if (!r || !(r->set = wordmatch_create(fold))) {
        free(r);
        error_internal(err, "out of memory reading a map");
        return NULL;
    }
    return r;
}

struct redaction *redaction_read(const char *path, bool ignore_case, struct error *err)
{
    char *data;
    size_t n;
    if (!file_read_input(path, MAP_MAX_BYTES, &data, &n, err))
        return NULL;
    struct redaction *r = redaction_new(ignore_case, err);
    bool ok = r && read_map(r, data, n, file_input_name(path), false, err) &&
              check_replacements(r, file_input_name(path), err);
    if (ok && r->count == 0)
        ok = error_user(err, "%s lists nothing to replace", file_input_name(path));
    if (ok && !(r->hits = calloc(r->count, sizeof *r->hits)))
        ok = error_internal(err, "out of memory reading a map");
    free(data);
    if (!ok) {
        redaction_destroy(r);
        return NULL;
    }
    return r;
}

struct redaction *redaction_of(const char *original, const char *replacement, bool ignore_case,
                               struct error *err)
{
    struct redaction *r = redaction_new(ignore_case, err);
    bool ok = r && add_pair(r, original, replacement, "the redaction", 1, err) &&
              check_replacements(r, "the redaction", err);
    if (ok && !(r->hits = calloc(r->count, sizeof *r->hits)))
        ok = error_internal(err, "out of memory");
    if (!ok) {
        redaction_destroy(r);
        return NULL;
    }
    return r;
}

/* Replaces the originals in one source's text, finding its turns again by `rule`; *replaced
 * counts them (0: nothing to do). */
static bool redact_source(struct project *project, struct redaction *r,
                          const struct source_row *source, const struct turn_rule *rule,
                          bool dry_run, struct strbuf *out, size_t *replaced, struct error *err)
{
    char *old = NULL;
    size_t size = 0;
    struct strbuf next = STRBUF_INIT;
    struct diff_script script = {0};
    struct transcript parsed = {0};
    struct revision revision = {0};
    bool ok = store_source_text(project_store(project), source->id, &old, &size, err);
    long count = ok ? wordmatch_replace(r->set, old, size, &next, &script, r->hits) : 0;
    if (count < 0)
        ok = error_internal(err, "out of memory redacting source '%s'", source->name);
    *replaced = ok ? (size_t)count : 0;
    if (ok && count > 0) {
        ok = transcript_parse(strbuf_str(&next), next.len, source->name, rule, &parsed, err) &&
             revision_plan_script(project, source, old, size, &parsed, &script, &revision, err) &&
             (dry_run || revision_apply(project, &revision, NULL, err));
    }
    if (ok && count > 0) {
        ok = strbuf_printf(out, "%s: %ld %s; codings:", source->name, count,
                           count == 1 ? "replacement" : "replacements");
        const char *sep = " ";
        for (int k = 0; ok && k < ANCHOR_CHANGES; k++) {
            if (revision.counts[k]) {
                ok = strbuf_printf(out, "%s%zu %s", sep, revision.counts[k],
                                   anchor_change_name((enum anchor_change)k));
                sep = ", ";
            }
        }
        ok = ok && strbuf_puts(out, revision.codings.count ? "\n" : " none\n");
        if (!ok)
            error_internal(err, "out of memory describing a redaction");
    }
    revision_finish(&revision);
    transcript_finish(&parsed);
    diff_script_finish(&script);
    strbuf_finish(&next);
    free(old);
    return ok;
}

/* store_texts_rewrite()'s callback: the text with its originals replaced, or NULL. */
static char *rewrite_text(void *context, const char *text, size_t n, bool *failed)
{
    struct redaction *r = context;
    struct strbuf out = STRBUF_INIT;
    long count = wordmatch_replace(r->set, text, n, &out, NULL, r->hits);
    if (count <= 0) {
        *failed |= count < 0;
        strbuf_finish(&out);
        return NULL;
    }
    return strbuf_detach(&out);
}

/* Everything but the file's rewriting, inside the caller's transaction. */
static bool redact_all(struct project *project, struct redaction *r, bool dry_run, int64_t coder_id,
                       struct strbuf *out, struct error *err)
{
    struct store *store = project_store(project);
    struct source_list sources = {0};
    size_t total = 0, redacted = 0, texts = 0;
    struct turn_rule *rule = NULL;
    bool ok = speakers_rule(project, &rule, err) && store_sources_list(store, &sources, err);
    for (size_t i = 0; ok && i < sources.count; i++) {
        size_t replaced;
        ok = redact_source(project, r, &sources.items[i], rule, dry_run, out, &replaced, err);
        total += replaced;
        redacted += replaced > 0;
    }
    row_source_list_finish(&sources);
    turns_rule_destroy(rule);
    ok = ok && store_texts_rewrite(store, rewrite_text, r, &texts, err);
    char summary[256];
    snprintf(summary, sizeof summary,
             "redacted %zu occurrences in %zu %s and %zu other %s (names, memos, journal); the "
             "undo history before this was dropped",
             total, redacted, redacted == 1 ? "source" : "sources", texts,
             texts == 1 ? "text" : "texts");
    int64_t batch;
    ok = ok && store_journal_forget_history(store, err) &&
         store_journal_new_batch(store, &batch, err) &&
         store_journal_add(store, batch, coder_id, "project.redact", summary, NULL, NULL, err);
    if (ok && !strbuf_printf(out, "%s\n", summary))
        ok = error_internal(err, "out of memory describing a redaction");
    return ok;
}

bool redaction_run(struct project *project, struct redaction *r, bool dry_run, int64_t coder_id,
                   struct strbuf *out, struct error *err)
{
    struct store *store = project_store(project);
    memset(r->hits, 0, r->count * sizeof *r->hits);
    if (!dry_run && !store_set_secure_delete(store, err))
        return false;
    if (!store_begin(store, err))
        return false;
    bool ok = redact_all(project, r, dry_run, coder_id, out, err);
    if (!ok || dry_run) {
        store_rollback(store);
        project_reload_codes(project, &(struct error){0});
        return ok && strbuf_puts(out, "dry run: nothing was changed\n");
    }
    if (!store_commit(store, err) || !project_reload_codes(project, err))
        return false;
    if (!store_vacuum(store, err)) {
        error_prefix(err, "the project was redacted, but its file could not be rewritten, so "
                          "originals may remain in its free pages; run margin redact again: ");
        return false;
    }
    return strbuf_puts(out, "the project file was rewritten: no free page holds an original\n");
}

bool redaction_keep_map(const struct redaction *r, const char *path, bool safe, struct error *err)
{
    struct file_output output;
    if (!file_output_open(&output, path, err))
        return false;
    bool ok = csv_write_row(output.stream,
                            (const char *const[]){"original", "replacement", "replaced"}, 3, safe);
    for (size_t i = 0; ok && i < r->count; i++) {
        char hits[24];
        snprintf(hits, sizeof hits, "%zu", r->hits[i]);
        ok = csv_write_row(output.stream,
                           (const char *const[]){r->originals[i], r->replacements[i], hits}, 3,
                           safe);
    }
    if (!ok)
        return file_output_failed(&output, errno, err);
    return file_output_commit(&output, err);
}

/* --- Checking --------------------------------------------------------------------------- */

struct check {
    struct redaction *identifiers;
    struct strbuf *out;
    long found;
};

/* Appends a line per identifier found in text[0..n). */
static bool report_hits(struct check *c, const char *where, int64_t row, const char *text, size_t n)
{
    size_t *hits = c->identifiers->hits;
    memset(hits, 0, c->identifiers->count * sizeof *hits);
    if (wordmatch_find(c->identifiers->set, text, n, hits) < 0)
        return false;
    for (size_t i = 0; i < c->identifiers->count; i++) {
        if (!hits[i])
            continue;
        c->found++;
        bool ok = row >= 0
                      ? strbuf_printf(c->out, "'%s' in %s %" PRId64 ": %zu %s\n",
                                      c->identifiers->originals[i], where, row, hits[i],
                                      hits[i] == 1 ? "time" : "times")
                      : strbuf_printf(c->out, "'%s' in %s: %zu %s\n", c->identifiers->originals[i],
                                      where, hits[i], hits[i] == 1 ? "time" : "times");
        if (!ok)
            return false;
    }
    return true;
}

static int hex_digit(char h)
{
    if (h >= '0' && h <= '9')
        return h - '0';
    if (h >= 'A' && h <= 'F')
        return h - 'A' + 10;
    return -1;
}

/* store_texts_scan()'s callback; the journal's undo and redo are percent-decoded first. */
static bool visit(void *context, const char *where, int64_t row, const char *text, size_t n)
{
    struct check *c = context;
    if (!strstr(where, "undo") && !strstr(where, "redo"))
        return report_hits(c, where, row, text, n);
    char *plain = malloc(n + 1);
    if (!plain)
        return false;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int hi = text[i] == '%' && i + 2 < n ? hex_digit(text[i + 1]) : -1;
        int lo = hi >= 0 ? hex_digit(text[i + 2]) : -1;
        if (lo >= 0) {
            plain[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            plain[k++] = text[i];
        }
    }
    bool ok = report_hits(c, where, row, plain, k);
    free(plain);
    return ok;
}

/* Looks through the raw bytes of a file, when it exists. */
static bool check_bytes(struct check *c, const char *path, bool must_exist, struct error *err)
{
    if (!must_exist && access(path, F_OK) != 0)
        return true;
    char *data;
    size_t n;
    if (!file_read(path, PROJECT_MAX_BYTES, &data, &n, err))
        return false;
    char where[512];
    snprintf(where, sizeof where, "the bytes of %s", path);
    bool ok = report_hits(c, where, -1, data, n);
    free(data);
    return ok || error_internal(err, "out of memory checking %s", path);
}

long redaction_check(const char *path, const char *identifiers, struct strbuf *out,
                     struct error *err)
{
    char *data;
    size_t n;
    if (!file_read_input(identifiers, MAP_MAX_BYTES, &data, &n, err))
        return -1;
    const char *name = file_input_name(identifiers);
    struct check c = {.out = out};
    c.identifiers = redaction_new(true, err);
    bool ok = c.identifiers != NULL;
    size_t first = strcspn(data, "\r\n");
    if (ok && first >= 8 && strncmp(data, "original", 8) == 0) {
        ok = read_map(c.identifiers, data, n, name, true, err);
    } else if (ok) {
        ok = file_refuse_utf16(data, n, name, err);
        size_t line = 1;
        for (char *p = data; ok && *p; line++) {
            size_t len = strcspn(p, "\r\n");
            char saved = p[len];
            p[len] = '\0';
            if (len)
                ok = add_pair(c.identifiers, p, "", name, line, err);
            p[len] = saved;
            p += len + (saved == '\r' && p[len + 1] == '\n' ? 2 : saved ? 1 : 0);
        }
    }
    free(data);
    if (ok && c.identifiers->count == 0)
        ok = error_user(err, "%s lists no identifiers", name);
    if (ok && !(c.identifiers->hits = calloc(c.identifiers->count, sizeof(size_t))))
        ok = error_internal(err, "out of memory reading %s", name);
    struct project *project = ok ? project_open(path, PROJECT_READ_ONLY, err) : NULL;
    ok = project && store_texts_scan(project_store(project), visit, &c, err);
    project_close(project);
    char side[4096];
    ok = ok && check_bytes(&c, path, true, err);
    snprintf(side, sizeof side, "%s-journal", path);
    ok = ok && check_bytes(&c, side, false, err);
    snprintf(side, sizeof side, "%s-wal", path);
    ok = ok && check_bytes(&c, side, false, err);
    redaction_destroy(c.identifiers);
    return ok ? c.found : -1;
}
