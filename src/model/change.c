#include "model/change.h"

#include "core/list.h"
#include "core/strbuf.h"
#include "io/transcript.h"
#include "model/speakers.h"
#include "store/codes.h"
#include "store/codings.h"
#include "store/matrix.h"
#include "store/people.h"
#include "store/quotes.h"
#include "store/sources.h"

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

/* Reads the next range of ids ("12" or "3-9", then "," or the end) from *p. */
static bool next_range(const char **p, int64_t *first, int64_t *last)
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
        if (!next_range(&ranges, &first, &last))
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

/* What makes a change stale: the row it would delete or change is gone, or the row it would put
 * back is there already. */
static const char *const gone[] = {
    [CHANGE_CODING_INSERT] = "that coding is in the project already",
    [CHANGE_CODING_DELETE] = "that coding was removed meanwhile, by another coder or program",
    [CHANGE_CODING_SET] = "that coding was removed meanwhile, by another coder or program",
    [CHANGE_CODE_INSERT] = "that code is in the codebook already",
    [CHANGE_CODE_DELETE] = "that code was deleted meanwhile, by another coder or program",
    [CHANGE_CODE_SET] = "that code was deleted meanwhile, by another coder or program",
    [CHANGE_MEMO_SET] = "",
    [CHANGE_DECISION_INSERT] = "that disagreement is settled already",
    [CHANGE_DECISION_DELETE] = "that decision was taken back meanwhile",
    [CHANGE_CODING_PLACE] = "that coding was removed meanwhile, by another coder or program",
    [CHANGE_SOURCE_TEXT] = "that source was deleted meanwhile, by another coder or program",
    [CHANGE_SOURCE_RENAME] = "that source was deleted meanwhile, by another coder or program",
    [CHANGE_SOURCE_RELINK] = "that source was deleted meanwhile, by another coder or program",
    [CHANGE_CASE_RENAME] = "that case was deleted meanwhile, by another coder or program",
    [CHANGE_CODER_RENAME] = "that coder was deleted meanwhile, by another coder or program",
    [CHANGE_MATRIX_SET] = "",
    [CHANGE_MATRIX_LINK] = "that coding was removed, or linked to the cell, meanwhile",
    [CHANGE_MATRIX_UNLINK] = "that coding's link to the cell was taken away meanwhile",
    [CHANGE_QUOTE_SET] = "that coding was removed meanwhile, by another coder or program",
    [CHANGE_CASE_VALUE] = "",
    [CHANGE_CASE_INSERT] = "a case with that id or name is in the project already",
    [CHANGE_CASE_DELETE] = "that case was deleted meanwhile, by another coder or program",
    [CHANGE_MATRIX_RESTORE] = "that coding is linked to the cell already",
    [CHANGE_CODER_INSERT] = "a coder with that id or name is in the project already",
    [CHANGE_CODER_DELETE] = "that coder was deleted meanwhile, by another coder or program",
    [CHANGE_CODER_OWNS] = "",
    [CHANGE_CODING_CODER] = "that coding was removed meanwhile, by another coder or program",
    [CHANGE_SOURCE_INSERT] = "a source with that id or name is in the project already",
    [CHANGE_SOURCE_DELETE] = "that source was deleted meanwhile, by another coder or program",
};

/* What makes a change that puts a row back stale when what the row refers to is gone. */
static const char *const orphan[] = {
    [CHANGE_CODING_INSERT] = "the code, source or coder of that coding was deleted meanwhile, by "
                             "another coder or program",
    [CHANGE_CODE_INSERT] = "the code that code was under was deleted meanwhile, by another coder "
                           "or program",
    [CHANGE_DECISION_INSERT] = "the source or a coder of that decision was deleted meanwhile, by "
                               "another coder or program",
    [CHANGE_CASE_VALUE] = "that case, or its attribute, was deleted meanwhile, by another coder "
                          "or program",
    [CHANGE_SOURCE_INSERT] = "the case that source belonged to was deleted meanwhile, by another "
                             "coder or program",
    [CHANGE_MATRIX_RESTORE] = "that cell's case or code was deleted meanwhile, by another coder "
                              "or program",
};

/* Why a deletion is stale when the row has gained, since the change was made, what deleting
 * it would lose. */
static const char *referred_message(enum change_kind kind)
{
    switch (kind) {
    case CHANGE_SOURCE_DELETE:
        return "that source was given codings, decisions or a memo meanwhile, which deleting it "
               "would lose";
    case CHANGE_CODER_DELETE:
        return "that coder made codings or decisions meanwhile, which deleting it would lose";
    default:
        return "that case was given sources, values, a memo or matrix summaries meanwhile, which "
               "deleting it would lose";
    }
}

/* Replaces a source's text with c->text, finding its turns again by the project's rule. */
static bool apply_text(struct store *store, const struct change *c, bool *found, struct error *err)
{
    struct transcript t = {0};
    char *pattern = NULL;
    if (!store_setting_get(store, SPEAKERS_SETTING, &pattern, err))
        return false;
    struct turn_rule *rule = pattern ? turns_rule_create(pattern, err) : NULL;
    bool parsed = (!pattern || rule) &&
                  transcript_parse(c->text, strlen(c->text), "the source's text", rule, &t, err);
    turns_rule_destroy(rule);
    free(pattern);
    if (!parsed)
        return false;
    struct source_row row = {.id = c->source_id, .length = (int64_t)t.length};
    snprintf(row.sha256, sizeof row.sha256, "%s", t.sha256);
    bool ok = store_source_replace_text(store, &row, t.text, t.size, &t.turns, found, err);
    transcript_finish(&t);
    return ok;
}

/* Makes the rows of `what` in `ranges` (checked when decoded) coder_id's. */
static bool give(struct store *store, enum store_owned what, const char *ranges, int64_t coder_id,
                 struct error *err)
{
    int64_t first, last;
    while (ranges && *ranges) {
        if (!next_range(&ranges, &first, &last) ||
            !store_owned_give(store, what, first, last, coder_id, err))
            return false;
    }
    return true;
}

bool change_apply(struct store *store, const struct change *c, int64_t coder_id, bool *stale,
                  struct error *err)
{
    bool found = true;
    bool taken = false;
    bool orphaned = false;
    bool referred = false; /* a row to delete has gained what the change would lose */
    bool ok = false;
    switch (c->kind) {
    case CHANGE_CODING_INSERT:
        ok = store_coding_restore(store, &c->coding, &taken, &orphaned, err);
        break;
    case CHANGE_CODING_DELETE:
        ok = store_coding_delete(store, c->coding.id, &found, err);
        break;
    case CHANGE_CODING_SET:
        ok = store_coding_update(store, &c->coding, &found, err);
        break;
    case CHANGE_CODE_INSERT:
        ok = store_code_restore(store, &c->code, &taken, &orphaned, err);
        break;
    case CHANGE_CODE_DELETE:
        ok = store_code_delete(store, c->code.id, &found, err);
        break;
    case CHANGE_CODE_SET:
        ok = store_code_update(store, &c->code, &found, err);
        break;
    case CHANGE_MEMO_SET:
        ok = store_memo_set(store, c->memo_target, c->memo_id, c->memo_text, coder_id, err);
        break;
    case CHANGE_DECISION_INSERT:
        ok = store_decision_restore(store, &c->decision, &taken, &orphaned, err);
        break;
    case CHANGE_DECISION_DELETE:
        ok = store_decision_delete(store, c->decision.id, &found, err);
        break;
    case CHANGE_CODING_PLACE:
        ok = store_coding_place(store, c->coding.id, c->coding.start, c->coding.end,
                                c->coding.detached, &found, err);
        break;
    case CHANGE_SOURCE_TEXT:
        ok = apply_text(store, c, &found, err);
        break;
    case CHANGE_SOURCE_RENAME:
        ok = store_source_rename(store, c->source_id, c->text, &found, err);
        break;
    case CHANGE_SOURCE_RELINK:
        ok = store_source_set_case(store, c->source_id, c->target_id, err);
        break;
    case CHANGE_CASE_RENAME:
        ok = store_case_rename(store, c->target_id, c->text, &found, err);
        break;
    case CHANGE_CODER_RENAME:
        ok = store_coder_rename(store, c->target_id, c->text, &found, err);
        break;
    case CHANGE_MATRIX_SET:
        ok = store_matrix_set(store, c->cell_case_id, c->cell_code_id, c->cell_text, err);
        break;
    case CHANGE_MATRIX_LINK:
    case CHANGE_MATRIX_UNLINK:
        ok = store_matrix_link(store, c->cell_case_id, c->cell_code_id, c->target_id,
                               c->kind == CHANGE_MATRIX_LINK, &found, err);
        break;
    case CHANGE_QUOTE_SET:
        ok = store_quote_set(store, c->coding.id, c->quote, &found, err);
        break;
    case CHANGE_CASE_INSERT:
        ok = store_case_restore(store, c->target_id, c->text, &taken, err);
        break;
    case CHANGE_CASE_DELETE:
        ok = store_referred(store, STORE_CASE, c->target_id, &referred, err) &&
             (referred || store_case_remove(store, c->target_id, &found, err));
        break;
    case CHANGE_CODER_INSERT:
        ok = store_coder_restore(store, c->target_id, c->text, &taken, err);
        break;
    case CHANGE_CODER_DELETE:
        ok = store_referred(store, STORE_CODER, c->target_id, &referred, err) &&
             (referred || store_coder_remove(store, c->target_id, &found, err));
        break;
    case CHANGE_CODER_OWNS:
        ok = give(store, STORE_OWNED_JOURNAL, c->journal_ids, c->target_id, err) &&
             give(store, STORE_OWNED_MEMOS, c->memo_ids, c->target_id, err);
        break;
    case CHANGE_SOURCE_INSERT:
        ok = store_source_restore(store, &c->source, c->text, strlen(c->text), &c->turns, &taken,
                                  &orphaned, err);
        break;
    case CHANGE_SOURCE_DELETE:
        ok = store_referred(store, STORE_SOURCE, c->source_id, &referred, err) &&
             (referred || store_source_delete(store, c->source_id, &found, err));
        break;
    case CHANGE_CODING_CODER:
        ok = store_coding_set_coder(store, c->coding.id, c->coding.coder_id, &found, err);
        break;
    case CHANGE_MATRIX_RESTORE: {
        struct matrix_link_row link = {c->cell_case_id, c->cell_code_id, c->target_id};
        ok = store_matrix_link_restore(store, &link, &taken, &orphaned, err);
        break;
    }
    case CHANGE_CASE_VALUE:
        ok =
            store_case_value_restore(store, c->target_id, c->attribute_id, c->text, &orphaned, err);
        break;
    default:
        return error_internal(err, "unknown change");
    }
    *stale = ok && (taken || orphaned || !found || referred);
    if (*stale && referred)
        return error_user(err, "%s", referred_message(c->kind));
    if (*stale && orphaned)
        return error_user(err, "%s", orphan[c->kind]);
    if (*stale)
        return error_user(err, "%s", gone[c->kind]);
    return ok;
}
