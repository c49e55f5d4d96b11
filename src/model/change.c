#include "model/change.h"

#include "change_data.h"
#include "core/list.h"
#include "core/strbuf.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {
    [CHANGE_CODING_INSERT] = "coding.insert",
    [CHANGE_CODING_DELETE] = "coding.delete",
    [CHANGE_CODING_SET] = "coding.set",
    [CHANGE_CODE_INSERT] = "code.insert",
    [CHANGE_CODE_DELETE] = "code.delete",
    [CHANGE_CODE_SET] = "code.set",
    [CHANGE_MEMO_SET] = "memo.set",
    [CHANGE_DECISION_INSERT] = "decision.insert",
    [CHANGE_DECISION_DELETE] = "decision.delete",
    [CHANGE_CODING_PLACE] = "coding.place",
    [CHANGE_SOURCE_TEXT] = "source.text",
    [CHANGE_SOURCE_RENAME] = "source.rename",
    [CHANGE_SOURCE_RELINK] = "source.relink",
    [CHANGE_CASE_RENAME] = "case.rename",
    [CHANGE_CODER_RENAME] = "coder.rename",
    [CHANGE_MATRIX_SET] = "matrix.set",
    [CHANGE_MATRIX_LINK] = "matrix.link",
    [CHANGE_MATRIX_UNLINK] = "matrix.unlink",
    [CHANGE_QUOTE_SET] = "quote.set",
    [CHANGE_CASE_VALUE] = "case.value",
    [CHANGE_CASE_INSERT] = "case.insert",
    [CHANGE_CASE_DELETE] = "case.delete",
    [CHANGE_MATRIX_RESTORE] = "matrix.restore",
    [CHANGE_CODER_INSERT] = "coder.insert",
    [CHANGE_CODER_DELETE] = "coder.delete",
    [CHANGE_CODER_OWNS] = "coder.owns",
    [CHANGE_CODING_CODER] = "coding.coder",
    [CHANGE_SOURCE_INSERT] = "source.insert",
    [CHANGE_SOURCE_DELETE] = "source.delete",
};

static const char *const target_names[] = {"project", "source", "case", "code"};

const char *change_name(enum change_kind kind)
{
    return kind_names[kind];
}

/* Strings are written "-" for NULL or "=" followed by the text with %, space and control
 * characters percent-encoded, so that a change stays one line of space-separated fields. */
static bool put_string(struct strbuf *out, const char *s)
{
    if (!s)
        return strbuf_puts(out, " -");
    if (!strbuf_puts(out, " ="))
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        bool escape = *p == '%' || *p <= ' ' || *p == 0x7F;
        if (escape ? !strbuf_printf(out, "%%%02X", *p) : !strbuf_putc(out, (char)*p))
            return false;
    }
    return true;
}

/* A source's turns as one string: a line "start,body,end,speaker" each. */
static bool put_turns(struct strbuf *out, const struct turn_list *turns)
{
    struct strbuf lines = STRBUF_INIT;
    bool ok = true;
    for (size_t i = 0; ok && i < turns->count; i++) {
        const struct turn_row *t = &turns->items[i];
        ok = strbuf_printf(&lines, "%" PRId64 ",%" PRId64 ",%" PRId64 ",%s\n", t->start, t->body,
                           t->end, t->speaker);
    }
    ok = ok && put_string(out, strbuf_str(&lines));
    strbuf_finish(&lines);
    return ok;
}

char *change_encode(const struct change *c)
{
    struct strbuf out = STRBUF_INIT;
    bool ok = strbuf_puts(&out, kind_names[c->kind]);
    const struct coding_row *g = &c->coding;
    const struct code *k = &c->code;
    switch (c->kind) {
    case CHANGE_CODING_INSERT:
        ok = ok &&
             strbuf_printf(&out,
                           " %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64,
                           g->id, g->source_id, g->code_id, g->coder_id, g->start, g->end) &&
             put_string(&out, g->memo) && (!g->detached || strbuf_puts(&out, " detached"));
        break;
    case CHANGE_CODING_PLACE:
        ok = ok && strbuf_printf(&out, " %" PRId64 " %" PRId64 " %" PRId64 " %d", g->id, g->start,
                                 g->end, g->detached);
        break;
    case CHANGE_SOURCE_TEXT:
    case CHANGE_SOURCE_RENAME:
        ok = ok && strbuf_printf(&out, " %" PRId64, c->source_id) && put_string(&out, c->text);
        break;
    case CHANGE_SOURCE_RELINK:
        ok = ok && strbuf_printf(&out, " %" PRId64 " %" PRId64, c->source_id, c->target_id);
        break;
    case CHANGE_CASE_RENAME:
    case CHANGE_CODER_RENAME:
    case CHANGE_CASE_INSERT:
    case CHANGE_CODER_INSERT:
        ok = ok && strbuf_printf(&out, " %" PRId64, c->target_id) && put_string(&out, c->text);
        break;
    case CHANGE_CASE_DELETE:
    case CHANGE_CODER_DELETE:
        ok = ok && strbuf_printf(&out, " %" PRId64, c->target_id);
        break;
    case CHANGE_CODER_OWNS:
        ok = ok && strbuf_printf(&out, " %" PRId64, c->target_id) &&
             put_string(&out, c->journal_ids) && put_string(&out, c->memo_ids);
        break;
    case CHANGE_CODING_CODER:
        ok = ok && strbuf_printf(&out, " %" PRId64 " %" PRId64, g->id, g->coder_id);
        break;
    case CHANGE_SOURCE_INSERT: {
        const struct source_row *s = &c->source;
        ok = ok &&
             strbuf_printf(&out, " %" PRId64 " %" PRId64 " %s %" PRId64, s->id, s->case_id,
                           row_kind_name(s->kind), s->length) &&
             put_string(&out, s->sha256) && put_string(&out, s->name) &&
             put_string(&out, c->text) && put_turns(&out, &c->turns);
        break;
    }
    case CHANGE_SOURCE_DELETE:
        ok = ok && strbuf_printf(&out, " %" PRId64, c->source_id);
        break;
    case CHANGE_CASE_VALUE:
        ok = ok && strbuf_printf(&out, " %" PRId64 " %" PRId64, c->target_id, c->attribute_id) &&
             put_string(&out, c->text);
        break;
    case CHANGE_CODING_DELETE:
        ok = ok && strbuf_printf(&out, " %" PRId64, g->id);
        break;
    case CHANGE_CODING_SET:
        ok = ok &&
             strbuf_printf(&out, " %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64, g->id, g->code_id,
                           g->start, g->end) &&
             put_string(&out, g->memo);
        break;
    case CHANGE_CODE_INSERT:
        ok = ok &&
             strbuf_printf(&out, " %" PRId64 " %" PRId64 " %d %d", k->id, k->parent_id, k->position,
                           k->codable) &&
             put_string(&out, k->guid) && put_string(&out, k->name) &&
             put_string(&out, k->description) && put_string(&out, k->colour);
        break;
    case CHANGE_CODE_DELETE:
        ok = ok && strbuf_printf(&out, " %" PRId64, k->id);
        break;
    case CHANGE_CODE_SET:
        ok = ok &&
             strbuf_printf(&out, " %" PRId64 " %" PRId64 " %d %d", k->id, k->parent_id, k->position,
                           k->codable) &&
             put_string(&out, k->name) && put_string(&out, k->description) &&
             put_string(&out, k->colour);
        break;
    case CHANGE_MEMO_SET:
        ok = ok && strbuf_printf(&out, " %s %" PRId64, target_names[c->memo_target], c->memo_id) &&
             put_string(&out, c->memo_text);
        break;
    case CHANGE_DECISION_INSERT: {
        const struct decision_row *d = &c->decision;
        ok = ok && strbuf_printf(&out,
                                 " %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64
                                 " %" PRId64 " %" PRId64 " %" PRId64 " %s",
                                 d->id, d->source_id, d->code_id, d->consensus_id, d->first_id,
                                 d->second_id, d->start, d->end, decision_choice_name(d->choice));
        break;
    }
    case CHANGE_DECISION_DELETE:
        ok = ok && strbuf_printf(&out, " %" PRId64, c->decision.id);
        break;
    case CHANGE_MATRIX_SET:
        ok = ok && strbuf_printf(&out, " %" PRId64 " %" PRId64, c->cell_case_id, c->cell_code_id) &&
             put_string(&out, c->cell_text);
        break;
    case CHANGE_MATRIX_LINK:
    case CHANGE_MATRIX_UNLINK:
    case CHANGE_MATRIX_RESTORE:
        ok = ok && strbuf_printf(&out, " %" PRId64 " %" PRId64 " %" PRId64, c->cell_case_id,
                                 c->cell_code_id, c->target_id);
        break;
    case CHANGE_QUOTE_SET:
        ok = ok && strbuf_printf(&out, " %" PRId64 " %d", g->id, c->quote ? 1 : 0);
        break;
    }
    if (!ok) {
        strbuf_finish(&out);
        return NULL;
    }
    return strbuf_detach(&out);
}

/* Reading fields one at a time from a change's text. */
struct fields {
    const char *p;
    bool ok;
    bool oom;
};

static size_t field_length(const struct fields *f)
{
    return strcspn(f->p, " ");
}

static void skip_field(struct fields *f, size_t len)
{
    f->p += len;
    if (*f->p == ' ')
        f->p++;
}

static int64_t read_int(struct fields *f)
{
    size_t len = field_length(f);
    char buf[24];
    char *end;
    if (len == 0 || len >= sizeof buf) {
        f->ok = false;
        return 0;
    }
    memcpy(buf, f->p, len);
    buf[len] = '\0';
    long long v = strtoll(buf, &end, 10);
    if (*end)
        f->ok = false;
    skip_field(f, len);
    return v;
}

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static char *read_string(struct fields *f)
{
    size_t len = field_length(f);
    if (len == 1 && f->p[0] == '-') {
        skip_field(f, len);
        return NULL;
    }
    if (len == 0 || f->p[0] != '=') {
        f->ok = false;
        return NULL;
    }
    char *s = malloc(len);
    if (!s) {
        f->oom = true;
        f->ok = false;
        return NULL;
    }
    size_t o = 0;
    for (size_t i = 1; i < len; i++) {
        if (f->p[i] == '%') {
            int hi = i + 2 < len ? hex(f->p[i + 1]) : -1;
            int lo = i + 2 < len ? hex(f->p[i + 2]) : -1;
            if (hi < 0 || lo < 0) {
                f->ok = false;
                break;
            }
            s[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            s[o++] = f->p[i];
        }
    }
    s[o] = '\0';
    skip_field(f, len);
    return s;
}

bool change_next_range(const char **p, int64_t *first, int64_t *last)
{
    char *end;
    if (!isdigit((unsigned char)**p))
        return false;
    *first = *last = strtoll(*p, &end, 10);
    if (*end == '-') {
        if (!isdigit((unsigned char)end[1]))
            return false;
        *last = strtoll(end + 1, &end, 10);
    }
    if (*end != ',' && *end != '\0')
        return false;
    *p = *end == ',' ? end + 1 : end;
    return *first <= *last;
}

/* True for NULL (no ids) or well-formed ranges of ids. */
static bool ranges_valid(const char *ranges)
{
    int64_t first, last;
    while (ranges && *ranges) {
        if (!change_next_range(&ranges, &first, &last))
            return false;
    }
    return true;
}

/* Reads the lines put_turns() wrote into out; false when one is malformed. */
static bool parse_turns(const char *lines, struct turn_list *out, bool *oom)
{
    while (lines && *lines) {
        int used = 0;
        long long start, body, end;
        if (sscanf(lines, "%lld,%lld,%lld,%n", &start, &body, &end, &used) != 3 || used == 0)
            return false;
        const char *speaker = lines + used;
        const char *newline = strchr(speaker, '\n');
        if (!newline)
            return false;
        struct turn_row t = {start, body, end, strndup(speaker, (size_t)(newline - speaker))};
        if (!t.speaker || !LIST_PUSH(out, t)) {
            free(t.speaker);
            *oom = true;
            return false;
        }
        lines = newline + 1;
    }
    return true;
}

void change_finish(struct change *c)
{
    free(c->coding.memo);
    free(c->code.name);
    free(c->code.description);
    free(c->code.colour);
    free(c->memo_text);
    free(c->text);
    free(c->cell_text);
    free(c->journal_ids);
    free(c->memo_ids);
    free(c->source.name);
    row_turn_list_finish(&c->turns);
    memset(c, 0, sizeof *c);
}

bool change_decode(const char *text, struct change *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    struct fields f = {text, true, false};
    size_t len = field_length(&f);
    int kind = -1;
    for (int k = 0; k < (int)(sizeof kind_names / sizeof kind_names[0]); k++) {
        if (strlen(kind_names[k]) == len && strncmp(kind_names[k], text, len) == 0)
            kind = k;
    }
    if (kind < 0)
        return error_internal(err, "the journal holds an unknown change '%.40s'", text);
    skip_field(&f, len);
    out->kind = (enum change_kind)kind;
    struct coding_row *g = &out->coding;
    struct code *k = &out->code;
    switch (out->kind) {
    case CHANGE_CODING_INSERT:
        g->id = read_int(&f);
        g->source_id = read_int(&f);
        g->code_id = read_int(&f);
        g->coder_id = read_int(&f);
        g->start = read_int(&f);
        g->end = read_int(&f);
        g->memo = read_string(&f);
        if (strcmp(f.p, "detached") == 0) {
            g->detached = true;
            f.p += strlen(f.p);
        }
        break;
    case CHANGE_CODING_PLACE:
        g->id = read_int(&f);
        g->start = read_int(&f);
        g->end = read_int(&f);
        g->detached = read_int(&f) != 0;
        break;
    case CHANGE_SOURCE_TEXT:
    case CHANGE_SOURCE_RENAME:
        out->source_id = read_int(&f);
        out->text = read_string(&f);
        f.ok &= out->text != NULL;
        break;
    case CHANGE_SOURCE_RELINK:
        out->source_id = read_int(&f);
        out->target_id = read_int(&f);
        break;
    case CHANGE_CASE_RENAME:
    case CHANGE_CODER_RENAME:
    case CHANGE_CASE_INSERT:
    case CHANGE_CODER_INSERT:
        out->target_id = read_int(&f);
        out->text = read_string(&f);
        f.ok &= out->text != NULL;
        break;
    case CHANGE_CASE_DELETE:
    case CHANGE_CODER_DELETE:
        out->target_id = read_int(&f);
        break;
    case CHANGE_CODER_OWNS:
        out->target_id = read_int(&f);
        out->journal_ids = read_string(&f);
        out->memo_ids = read_string(&f);
        f.ok &= ranges_valid(out->journal_ids) && ranges_valid(out->memo_ids);
        break;
    case CHANGE_CODING_CODER:
        g->id = read_int(&f);
        g->coder_id = read_int(&f);
        break;
    case CHANGE_SOURCE_INSERT: {
        struct source_row *s = &out->source;
        s->id = read_int(&f);
        s->case_id = read_int(&f);
        size_t length = field_length(&f);
        char kind_name[16];
        snprintf(kind_name, sizeof kind_name, "%.*s", (int)(length < 15 ? length : 15), f.p);
        f.ok &= length < 15 && row_kind_parse(kind_name, &s->kind);
        skip_field(&f, length);
        s->length = read_int(&f);
        char *sha = read_string(&f);
        f.ok &= sha && strlen(sha) < sizeof s->sha256;
        snprintf(s->sha256, sizeof s->sha256, "%s", sha ? sha : "");
        free(sha);
        s->name = read_string(&f);
        out->text = read_string(&f);
        char *turns = read_string(&f);
        f.ok &= s->name && out->text && parse_turns(turns, &out->turns, &f.oom);
        free(turns);
        break;
    }
    case CHANGE_SOURCE_DELETE:
        out->source_id = read_int(&f);
        break;
    case CHANGE_CASE_VALUE:
        out->target_id = read_int(&f);
        out->attribute_id = read_int(&f);
        out->text = read_string(&f);
        break;
    case CHANGE_CODING_DELETE:
        g->id = read_int(&f);
        break;
    case CHANGE_CODING_SET:
        g->id = read_int(&f);
        g->code_id = read_int(&f);
        g->start = read_int(&f);
        g->end = read_int(&f);
        g->memo = read_string(&f);
        break;
    case CHANGE_CODE_INSERT:
    case CHANGE_CODE_SET: {
        k->id = read_int(&f);
        k->parent_id = read_int(&f);
        k->position = (int)read_int(&f);
        k->codable = read_int(&f) != 0;
        if (out->kind == CHANGE_CODE_INSERT) {
            char *guid = read_string(&f);
            snprintf(k->guid, sizeof k->guid, "%s", guid ? guid : "");
            free(guid);
        }
        k->name = read_string(&f);
        k->description = read_string(&f);
        k->colour = read_string(&f);
        if (!k->name)
            f.ok = false;
        break;
    }
    case CHANGE_CODE_DELETE:
        k->id = read_int(&f);
        break;
    case CHANGE_MEMO_SET: {
        size_t tlen = field_length(&f);
        bool known = false;
        for (int t = 0; t < 4; t++) {
            if (strlen(target_names[t]) == tlen && strncmp(target_names[t], f.p, tlen) == 0) {
                out->memo_target = (enum memo_target)t;
                known = true;
            }
        }
        f.ok &= known;
        skip_field(&f, tlen);
        out->memo_id = read_int(&f);
        out->memo_text = read_string(&f);
        break;
    }
    case CHANGE_DECISION_INSERT: {
        struct decision_row *d = &out->decision;
        d->id = read_int(&f);
        d->source_id = read_int(&f);
        d->code_id = read_int(&f);
        d->consensus_id = read_int(&f);
        d->first_id = read_int(&f);
        d->second_id = read_int(&f);
        d->start = read_int(&f);
        d->end = read_int(&f);
        size_t length = field_length(&f);
        char choice[16];
        snprintf(choice, sizeof choice, "%.*s", (int)(length < 15 ? length : 15), f.p);
        f.ok &= length < 15 && decision_choice_parse(choice, &d->choice);
        skip_field(&f, length);
        break;
    }
    case CHANGE_DECISION_DELETE:
        out->decision.id = read_int(&f);
        break;
    case CHANGE_MATRIX_SET:
        out->cell_case_id = read_int(&f);
        out->cell_code_id = read_int(&f);
        out->cell_text = read_string(&f);
        break;
    case CHANGE_MATRIX_LINK:
    case CHANGE_MATRIX_UNLINK:
    case CHANGE_MATRIX_RESTORE:
        out->cell_case_id = read_int(&f);
        out->cell_code_id = read_int(&f);
        out->target_id = read_int(&f);
        break;
    case CHANGE_QUOTE_SET: {
        g->id = read_int(&f);
        int64_t quote = read_int(&f);
        f.ok &= quote == 0 || quote == 1;
        out->quote = quote == 1;
        break;
    }
    }
    if (!f.ok || *f.p) {
        change_finish(out);
        if (f.oom)
            return error_internal(err, "out of memory reading the journal");
        return error_internal(err, "the journal holds a malformed change '%.60s'", text);
    }
    return true;
}
