#include "yaml_doc.h"

#include "core/list.h"
#include "core/utf8.h"
#include "io/file.h"

#include <stdlib.h>
#include <string.h>

static size_t name_hash(const char *s)
{
    size_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The entry holding `name`, or the empty slot where it would go; the table must have room. */
static struct name_entry *name_slot(const struct name_table *t, const char *name)
{
    size_t i = name_hash(name) & (t->cap - 1);
    while (t->slots[i].name && strcmp(t->slots[i].name, name) != 0)
        i = (i + 1) & (t->cap - 1);
    return &t->slots[i];
}

const size_t *yaml_doc_name_find(const struct name_table *t, const char *name)
{
    if (t->count == 0)
        return NULL;
    const struct name_entry *e = name_slot(t, name);
    return e->name ? &e->value : NULL;
}

bool yaml_doc_name_add(struct name_table *t, const char *name, size_t value)
{
    if ((t->count + 1) * 2 > t->cap) {
        struct name_table bigger = {calloc(t->cap ? t->cap * 2 : 64, sizeof *t->slots), t->count,
                                    t->cap ? t->cap * 2 : 64};
        if (!bigger.slots)
            return false;
        for (size_t i = 0; i < t->cap; i++) {
            if (t->slots[i].name)
                *name_slot(&bigger, t->slots[i].name) = t->slots[i];
        }
        free(t->slots);
        *t = bigger;
    }
    struct name_entry *e = name_slot(t, name);
    if (!(e->name = strdup(name)))
        return false;
    e->value = value;
    t->count++;
    return true;
}

void yaml_doc_names_finish(struct name_table *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->slots[i].name);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

/* The line and column (1-based, in code points) of byte `offset` of valid UTF-8 data. */
static struct text_position position_of(const char *data, size_t offset)
{
    struct text_position at = {1, 1, offset};
    size_t line_start = 0;
    for (size_t i = 0; i < offset; i++) {
        if (data[i] == '\n') {
            at.line++;
            line_start = i + 1;
        }
    }
    at.column = utf8_length(data + line_start, offset - line_start) + 1;
    return at;
}

bool yaml_doc_check_text(const char *data, size_t n, const char *name, struct error *err)
{
    if (n >= 2 &&
        ((data[0] == '\xFF' && data[1] == '\xFE') || (data[0] == '\xFE' && data[1] == '\xFF')))
        return true;
    if (!file_refuse_utf16(data, n, name, err))
        return false;
    struct text_position at;
    if (!utf8_validate(data, n, &at)) {
        return error_user(err, "%s:%zu:%zu: not valid UTF-8 text; save the file as UTF-8", name,
                          at.line, at.column);
    }
    const char *nul = memchr(data, '\0', n);
    if (nul) {
        at = position_of(data, (size_t)(nul - data));
        return error_user(err,
                          "%s:%zu:%zu: contains a NUL byte; this looks like a binary file, not a "
                          "codebook",
                          name, at.line, at.column);
    }
    return true;
}

/* Says where and why libyaml refused the text. Returns false. */
static bool parser_failed(const yaml_parser_t *parser, const char *data, size_t n, const char *name,
                          struct error *err)
{
    const char *problem = parser->problem ? parser->problem : "not valid YAML";
    if (parser->error == YAML_MEMORY_ERROR)
        return error_internal(err, "out of memory reading %s", name);
    if (parser->error == YAML_READER_ERROR && parser->problem_offset < n) {
        /* The reader gives a byte offset, not a mark; the text is UTF-8 by now, so what it
         * refuses is a character. */
        struct text_position at = position_of(data, parser->problem_offset);
        return error_user(err, "%s:%zu:%zu: %s (U+%04X)", name, at.line, at.column, problem,
                          (unsigned)parser->problem_value);
    }
    if (parser->context) {
        return error_user(err, "%s:%zu:%zu: %s (%s, which starts at line %zu)", name,
                          parser->problem_mark.line + 1, parser->problem_mark.column + 1, problem,
                          parser->context, parser->context_mark.line + 1);
    }
    return error_user(err, "%s:%zu:%zu: %s", name, parser->problem_mark.line + 1,
                      parser->problem_mark.column + 1, problem);
}

void yaml_doc_finish(struct doc *doc)
{
    free(doc->nodes.items);
    strbuf_finish(&doc->text);
}

static bool load_fail(struct loader *l, yaml_mark_t mark, const char *what)
{
    return error_user(l->err, "%s:%zu:%zu: %s", l->name, mark.line + 1, mark.column + 1, what);
}

static bool load_out_of_memory(struct loader *l)
{
    return error_internal(l->err, "out of memory reading %s", l->name);
}

/* Copies bytes[0..n) and a NUL into the text buffer; *offset is where. */
static bool keep_text(struct loader *l, const yaml_char_t *bytes, size_t n, uint32_t *offset)
{
    if (l->doc.text.len == 0 && !strbuf_putc(&l->doc.text, '\0'))
        return load_out_of_memory(l);
    if (l->doc.text.len + n + 1 > UINT32_MAX)
        return error_user(l->err, "%s is too large to read as a codebook", l->name);
    *offset = (uint32_t)l->doc.text.len;
    if (!strbuf_append(&l->doc.text, (const char *)bytes, n) || !strbuf_putc(&l->doc.text, '\0'))
        return load_out_of_memory(l);
    return true;
}

/* Adds a node where the event is and links it as the next child of the open collection (or
 * as the root); *index is its index. An anchor, if any, is made to name it. */
static bool add_node(struct loader *l, enum doc_kind kind, const yaml_event_t *event,
                     const yaml_char_t *anchor, size_t *index)
{
    struct doc *doc = &l->doc;
    if (doc->nodes.count == UINT32_MAX - 1)
        return error_user(l->err, "%s is too large to read as a codebook", l->name);
    if (!LIST_PUSH(&doc->nodes, ((struct doc_node){
                                    .kind = (unsigned char)kind,
                                    .line = (uint32_t)event->start_mark.line + 1,
                                    .column = (uint32_t)event->start_mark.column + 1,
                                })))
        return load_out_of_memory(l);
    *index = doc->nodes.count - 1;
    if (l->depth > 0) {
        struct open_node *parent = &l->open[l->depth - 1];
        if (parent->last)
            doc->nodes.items[parent->last - 1].next = (uint32_t)doc->nodes.count;
        else
            doc->nodes.items[parent->index].first = (uint32_t)doc->nodes.count;
        parent->last = (uint32_t)doc->nodes.count;
    }
    if (anchor) {
        const size_t *earlier = yaml_doc_name_find(&l->anchors, (const char *)anchor);
        if (earlier) {
            char what[160];
            snprintf(what, sizeof what, "the anchor &%.60s is defined twice (also on line %u)",
                     (const char *)anchor, (unsigned)doc->nodes.items[*earlier - 1].line);
            return load_fail(l, event->start_mark, what);
        }
        if (!yaml_doc_name_add(&l->anchors, (const char *)anchor, doc->nodes.count))
            return load_out_of_memory(l);
    }
    return true;
}

/* Keeps a tag as libyaml's loader takes it: none, or "!" (none, but not plain), is no tag. */
static bool keep_tag(struct loader *l, const yaml_char_t *tag, size_t index)
{
    if (!tag || strcmp((const char *)tag, "!") == 0)
        return true;
    uint32_t offset;
    if (!keep_text(l, tag, strlen((const char *)tag), &offset))
        return false;
    l->doc.nodes.items[index].tag = offset;
    return true;
}

/* Handles one event; sets *done at the end of the text. */
static bool load_event(struct loader *l, const yaml_event_t *event, bool *done)
{
    size_t index;
    switch (event->type) {
    case YAML_DOCUMENT_START_EVENT:
        /* libyaml's loader read the first document and ignored any after it. */
        if (l->have_doc)
            return load_fail(l, event->start_mark,
                             "a second YAML document starts here; a codebook file holds one "
                             "document");
        l->have_doc = true;
        return true;
    case YAML_STREAM_END_EVENT:
        *done = true;
        return true;
    case YAML_ALIAS_EVENT: {
        const size_t *target =
            yaml_doc_name_find(&l->anchors, (const char *)event->data.alias.anchor);
        if (!target) {
            char what[160];
            snprintf(what, sizeof what, "the alias *%.60s names no anchor defined before it",
                     (const char *)event->data.alias.anchor);
            return load_fail(l, event->start_mark, what);
        }
        if (!add_node(l, DOC_ALIAS, event, NULL, &index))
            return false;
        l->doc.nodes.items[index].first = (uint32_t)*target;
        return true;
    }
    case YAML_SCALAR_EVENT: {
        uint32_t text;
        if (!add_node(l, DOC_SCALAR, event, event->data.scalar.anchor, &index) ||
            !keep_tag(l, event->data.scalar.tag, index) ||
            !keep_text(l, event->data.scalar.value, event->data.scalar.length, &text))
            return false;
        struct doc_node *node = &l->doc.nodes.items[index];
        node->text = text;
        node->length = (uint32_t)event->data.scalar.length;
        node->plain = event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        return true;
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        if (l->depth == NEST_MAX) {
            char what[160];
            snprintf(what, sizeof what,
                     "lists and mappings are nested more than %d deep here; a codebook nests "
                     "codes at most %d levels deep",
                     NEST_MAX, OUTLINE_DEPTH_MAX);
            return load_fail(l, event->start_mark, what);
        }
        bool list = event->type == YAML_SEQUENCE_START_EVENT;
        if (!add_node(l, list ? DOC_LIST : DOC_MAPPING, event,
                      list ? event->data.sequence_start.anchor : event->data.mapping_start.anchor,
                      &index) ||
            !keep_tag(l, list ? event->data.sequence_start.tag : event->data.mapping_start.tag,
                      index))
            return false;
        l->open[l->depth++] = (struct open_node){(uint32_t)index, 0};
        return true;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        l->depth--;
        return true;
    default:
        return true;
    }
}

bool yaml_doc_load(struct loader *l)
{
    yaml_parser_set_input_string(&l->parser, (const unsigned char *)l->data, l->n);
    bool done = false;
    while (!done) {
        yaml_event_t event;
        if (!yaml_parser_parse(&l->parser, &event))
            return parser_failed(&l->parser, l->data, l->n, l->name, l->err);
        bool ok = load_event(l, &event, &done);
        yaml_event_delete(&event);
        if (!ok)
            return false;
    }
    return true;
}
