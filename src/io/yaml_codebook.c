#include "io/yaml_codebook.h"

#include "core/guid.h"
#include "core/list.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "io/file.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#define FORMAT_LINE "margin-codebook 1"

/* How deeply lists and mappings may nest. A codebook needs 2 * OUTLINE_DEPTH_MAX + 3: the root
 * mapping, a list and a code for each level, and the code one level too deep, which the walk
 * refuses by name. The limit is checked as the parser reaches each collection, before it reads
 * on: libyaml's scanner spends time in proportion to the flow nesting on every token, so that
 * a file nested 100,000 deep would otherwise keep it busy for many seconds. */
#define NEST_MAX (2 * OUTLINE_DEPTH_MAX + 3)

/* Strings with a number each (an anchor's node, a GUID's line), found by hashing, so that
 * neither many anchors nor many GUIDs make reading a file quadratic. */
struct name_entry {
    char *name; /* NULL for an empty slot */
    size_t value;
};

struct name_table {
    struct name_entry *slots;
    size_t count, cap; /* cap is 0 or a power of two */
};

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

/* The value of `name`, or NULL when it is not in the table. */
static const size_t *name_find(const struct name_table *t, const char *name)
{
    if (t->count == 0)
        return NULL;
    const struct name_entry *e = name_slot(t, name);
    return e->name ? &e->value : NULL;
}

/* Adds `name`, which is not in the table yet, with `value`; false when memory runs out. */
static bool name_add(struct name_table *t, const char *name, size_t value)
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

static void name_table_finish(struct name_table *t)
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

/* Refuses a file that is not UTF-8 text where the problem is (libyaml's reader reports no line).
 * A file with a UTF-16 byte order mark is left to libyaml, which reads it; UTF-16 without one
 * is refused as UTF-16. */
static bool check_text(const char *data, size_t n, const char *name, struct error *err)
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

/* The document as read, for the walk below: the nodes in the order the parser met them, each
 * list's items and each mapping's keys and values (key, value, key, value) linked in order,
 * and their text in one buffer. libyaml's own document (yaml_parser_load()) makes two
 * allocations for every list and mapping, which for a file of small nested lists came to
 * a hundred bytes of memory and more for every byte of the file. */
enum doc_kind {
    DOC_SCALAR,
    DOC_LIST,
    DOC_MAPPING,
    DOC_ALIAS, /* `target` is the node an alias refers to */
};

struct doc_node {
    unsigned char kind; /* enum doc_kind */
    bool plain;         /* a scalar written without quotes */
    uint32_t text;      /* a scalar's text: its offset in doc.text */
    uint32_t tag;       /* offset in doc.text of an explicit tag, or 0 for none */
    uint32_t length;    /* a scalar's length in bytes */
    uint32_t first;     /* a collection's first child, or an alias's target: index + 1 */
    uint32_t next;      /* the next child of the same collection: index + 1, or 0 */
    uint32_t line;      /* 1-based */
    uint32_t column;    /* 1-based */
};

struct doc_nodes {
    struct doc_node *items;
    size_t count, cap;
};

struct doc {
    struct doc_nodes nodes;
    struct strbuf text; /* starts with a NUL, so that offset 0 means none */
};

static void doc_finish(struct doc *doc)
{
    free(doc->nodes.items);
    strbuf_finish(&doc->text);
}

/* A list or mapping being read. */
struct open_node {
    uint32_t index; /* its node */
    uint32_t last;  /* its last child so far: index + 1, or 0 */
};

/* Reads the parser's events into a doc. */
struct loader {
    yaml_parser_t parser;
    struct doc doc;
    bool have_doc;
    struct open_node open[NEST_MAX];
    int depth;
    struct name_table anchors; /* anchor name -> node index + 1 */
    const char *data;
    size_t n;
    const char *name;
    struct error *err;
};

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
        const size_t *earlier = name_find(&l->anchors, (const char *)anchor);
        if (earlier) {
            char what[160];
            snprintf(what, sizeof what, "the anchor &%.60s is defined twice (also on line %u)",
                     (const char *)anchor, (unsigned)doc->nodes.items[*earlier - 1].line);
            return load_fail(l, event->start_mark, what);
        }
        if (!name_add(&l->anchors, (const char *)anchor, doc->nodes.count))
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
        const size_t *target = name_find(&l->anchors, (const char *)event->data.alias.anchor);
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

/* Reads the text's one document into l->doc, event by event. Returns false with a message
 * naming the line and column: libyaml's refusals, an alias without its anchor, an anchor
 * defined twice, a second document, and lists and mappings nested deeper than NEST_MAX, which
 * is refused as soon as the parser reaches it. */
static bool load(struct loader *l)
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

/* The numbers given to the codes of one list so far, to report a number used twice where it
 * is: the positions in a list, and the line of each in an array indexed by position, one
 * array for each depth and shared by the lists of that depth, which are never open at once.
 * A list of 9999 codes is checked in 9999 steps, not fifty million. */
struct used_positions {
    int *items;
    size_t count, cap;
    uint32_t *line_of; /* OUTLINE_PART_MAX + 1 entries; 0 for a position not used */
};

enum node_state {
    NODE_UNSEEN,
    NODE_OPEN, /* being read: meeting it again means a cycle */
    NODE_READ, /* read: meeting it again means an alias repeats it */
};

struct walk {
    const struct doc *doc;
    const char *name;
    struct codetree *tree;
    int64_t next_id;
    unsigned char *state;                     /* enum node_state per node */
    uint32_t *line_of[OUTLINE_DEPTH_MAX + 1]; /* struct used_positions' arrays, made when needed */
    struct name_table guids;                  /* in lower case, with the line of each */
    struct error *err;
};

/* The node numbered `n` (index + 1; 0 for none), an alias taken as the node it refers to. */
static const struct doc_node *node_at(const struct walk *w, uint32_t n)
{
    if (n == 0)
        return NULL;
    const struct doc_node *node = &w->doc->nodes.items[n - 1];
    return node->kind == DOC_ALIAS ? &w->doc->nodes.items[node->first - 1] : node;
}

/* The node after `node` among its collection's children, its `next` read before following an
 * alias: `link` is the child as linked, which may be an alias. */
static const struct doc_node *next_child(const struct walk *w, const struct doc_node **link)
{
    uint32_t next = (*link)->next;
    *link = next ? &w->doc->nodes.items[next - 1] : NULL;
    return node_at(w, next);
}

static const struct doc_node *first_child(const struct walk *w, const struct doc_node *node,
                                          const struct doc_node **link)
{
    *link = node->first ? &w->doc->nodes.items[node->first - 1] : NULL;
    return node_at(w, node->first);
}

static bool fail_at(struct walk *w, const struct doc_node *node, const char *what)
{
    return error_user(w->err, "%s:%u:%u: %s", w->name, (unsigned)node->line, (unsigned)node->column,
                      what);
}

static size_t node_index(struct walk *w, const struct doc_node *node)
{
    return (size_t)(node - w->doc->nodes.items);
}

static const char *scalar(const struct walk *w, const struct doc_node *node)
{
    return w->doc->text.data + node->text;
}

static bool is_null(const struct walk *w, const struct doc_node *node)
{
    if (node->kind != DOC_SCALAR || !node->plain)
        return false;
    const char *s = scalar(w, node);
    return *s == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0;
}

/* Checks a scalar that margin reads as text: `what` names it in messages ("'name'", or "this
 * key") and `as` says what margin reads it as ("text"). Refuses a tag that makes it something
 * else (!!binary, !!int, a local !tag), other than `also` when that is given, and a NUL
 * character from an escape (\0), which would cut the text short. */
static bool check_scalar(struct walk *w, const struct doc_node *node, const char *what,
                         const char *also, const char *as)
{
    char message[200];
    if (node->tag) {
        const char *tag = w->doc->text.data + node->tag;
        if (strcmp(tag, YAML_STR_TAG) != 0 && !(also && strcmp(tag, also) == 0)) {
            static const char core[] = "tag:yaml.org,2002:";
            bool short_form = strncmp(tag, core, sizeof core - 1) == 0;
            snprintf(message, sizeof message,
                     "%s is tagged %s%.60s, but margin reads it as %s; remove the tag", what,
                     short_form ? "!!" : "", short_form ? tag + sizeof core - 1 : tag, as);
            return fail_at(w, node, message);
        }
    }
    if (strlen(scalar(w, node)) != node->length) {
        snprintf(message, sizeof message,
                 "%s holds a NUL character (\\0), which margin cannot keep in text", what);
        return fail_at(w, node, message);
    }
    return true;
}

static bool read_bool(struct walk *w, const struct doc_node *node, bool *value)
{
    if (node->kind == DOC_SCALAR) {
        if (!check_scalar(w, node, "'codable'", YAML_BOOL_TAG, "true or false"))
            return false;
        const char *s = scalar(w, node);
        if (strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0) {
            *value = true;
            return true;
        }
        if (strcasecmp(s, "false") == 0 || strcasecmp(s, "no") == 0) {
            *value = false;
            return true;
        }
    }
    return fail_at(w, node, "expected true or false");
}

static bool is_colour(const char *s)
{
    if (strlen(s) != 7 || s[0] != '#')
        return false;
    for (int i = 1; i < 7; i++) {
        char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

static bool walk_codes(struct walk *w, const struct doc_node *list, int64_t parent_id,
                       const struct outline *parent_number);

/* The keys of a code, and of the codebook: each may be given once. */
enum { CODE_KEYS = 7, ROOT_KEYS = 3 };
static const char *const code_keys[CODE_KEYS] = {"number",  "name", "description", "colour",
                                                 "codable", "guid", "codes"};
static const char *const root_keys[ROOT_KEYS] = {"format", "title", "codes"};

/* Refuses a key given a second time in one mapping (`where`: "this code"), which YAML does not
 * allow and libyaml does not check: one of the two values would be lost. seen[] holds the line
 * of each of `keys` given so far. Keys not among them are left to the caller. */
static bool check_once(struct walk *w, const struct doc_node *key, const char *const *keys,
                       size_t nkeys, uint32_t *seen, const char *where)
{
    const char *k = scalar(w, key);
    for (size_t i = 0; i < nkeys; i++) {
        if (strcmp(k, keys[i]) != 0)
            continue;
        if (seen[i]) {
            char what[160];
            snprintf(what, sizeof what, "'%s' appears twice in %s (also on line %u)", k, where,
                     (unsigned)seen[i]);
            return fail_at(w, key, what);
        }
        seen[i] = key->line;
    }
    return true;
}

/* Reads one code mapping, adds it, then its sub-codes. */
static bool walk_code(struct walk *w, const struct doc_node *node, int64_t parent_id,
                      const struct outline *parent_number, int *next_position,
                      struct used_positions *used)
{
    size_t index = node_index(w, node);
    if (w->state[index] == NODE_OPEN)
        return fail_at(w, node, "this code contains itself through a YAML alias (a cycle)");
    if (w->state[index] == NODE_READ)
        return fail_at(w, node, "a YAML alias repeats a code; write each code out once");
    if (node->kind != DOC_MAPPING)
        return fail_at(w, node, "expected a code: a mapping with at least a 'name'");
    if (parent_number->depth == OUTLINE_DEPTH_MAX) {
        char what[96];
        snprintf(what, sizeof what, "codes are nested more than %d levels deep", OUTLINE_DEPTH_MAX);
        return fail_at(w, node, what);
    }
    w->state[index] = NODE_OPEN;

    struct code code = {.id = w->next_id++, .parent_id = parent_id, .codable = true};
    const struct doc_node *number_node = NULL;
    const struct doc_node *children = NULL;
    const struct doc_node *link;
    uint32_t seen[CODE_KEYS] = {0}; /* the line of each key given */
    for (const struct doc_node *key = first_child(w, node, &link); key;
         key = next_child(w, &link)) {
        const struct doc_node *value = next_child(w, &link);
        if (key->kind != DOC_SCALAR)
            return fail_at(w, key, "expected a key such as 'name'");
        if (!check_scalar(w, key, "this key", NULL, "text"))
            return false;
        const char *k = scalar(w, key);
        if (!check_once(w, key, code_keys, CODE_KEYS, seen, "this code"))
            return false;
        if (strcmp(k, "codes") == 0) {
            children = value;
            continue;
        }
        if (strcmp(k, "codable") == 0) {
            if (!read_bool(w, value, &code.codable))
                return false;
            continue;
        }
        bool known = strcmp(k, "number") == 0 || strcmp(k, "name") == 0 ||
                     strcmp(k, "description") == 0 || strcmp(k, "colour") == 0 ||
                     strcmp(k, "guid") == 0;
        if (!known) {
            char what[200];
            snprintf(what, sizeof what,
                     "unknown key '%.80s' (a code has number, name, description, colour, "
                     "codable, guid and codes)",
                     k);
            return fail_at(w, key, what);
        }
        char label[100];
        snprintf(label, sizeof label, "'%s'", k);
        if (value->kind != DOC_SCALAR) {
            char what[140];
            snprintf(what, sizeof what, "%s must be a single value", label);
            return fail_at(w, value, what);
        }
        if (!check_scalar(w, value, label, NULL, "text"))
            return false;
        const char *v = scalar(w, value);
        if (strcmp(k, "number") == 0) {
            number_node = value;
        } else if (strcmp(k, "name") == 0) {
            code.name = (char *)v;
        } else if (strcmp(k, "description") == 0) {
            code.description = *v ? (char *)v : NULL;
        } else if (strcmp(k, "colour") == 0) {
            if (!is_colour(v))
                return fail_at(w, value, "a colour is written #rrggbb, such as #1f77b4");
            code.colour = (char *)v;
        } else {
            if (!guid_valid(v))
                return fail_at(w, value, "not a GUID (8-4-4-4-12 hexadecimal digits)");
            snprintf(code.guid, sizeof code.guid, "%s", v);
            char lower[GUID_SIZE];
            for (size_t i = 0; i < sizeof lower; i++)
                lower[i] = (char)tolower((unsigned char)code.guid[i]);
            const size_t *line = name_find(&w->guids, lower);
            if (line) {
                char what[96];
                snprintf(what, sizeof what, "this GUID is already used on line %zu", *line);
                return fail_at(w, value, what);
            }
            if (!name_add(&w->guids, lower, value->line))
                return error_internal(w->err, "out of memory reading %s", w->name);
        }
    }
    if (!code.name || !*code.name)
        return fail_at(w, node, "this code has no name");

    struct outline number = *parent_number;
    if (number_node) {
        const char *text = scalar(w, number_node);
        struct outline given;
        if (!outline_parse(text, strlen(text), &given))
            return fail_at(w, number_node, "not a code number such as 07 or 07.01.02");
        if (given.depth == parent_number->depth + 1 && outline_has_prefix(&given, parent_number)) {
            code.position = given.part[given.depth - 1];
        } else if (given.depth == 1) {
            code.position = given.part[0];
        } else {
            char parent_text[OUTLINE_TEXT_MAX];
            char what[160];
            outline_format(parent_number, parent_text, sizeof parent_text);
            snprintf(what, sizeof what, "the number %.40s does not fit here, under %s", text,
                     parent_number->depth ? parent_text : "the top level");
            return fail_at(w, number_node, what);
        }
    } else {
        code.position = *next_position;
    }
    if (code.position > OUTLINE_PART_MAX)
        return fail_at(w, number_node ? number_node : node, "the number is too large");
    if (used->line_of[code.position]) {
        char what[96];
        snprintf(what, sizeof what, "this number is already used on line %u",
                 (unsigned)used->line_of[code.position]);
        return fail_at(w, number_node ? number_node : node, what);
    }
    if (!LIST_PUSH(used, code.position) || !codetree_add(w->tree, &code))
        return error_internal(w->err, "out of memory reading %s", w->name);
    used->line_of[code.position] = node->line;
    *next_position = code.position + 1;
    number.part[number.depth++] = code.position;

    if (children && !walk_codes(w, children, code.id, &number))
        return false;
    w->state[index] = NODE_READ;
    return true;
}

static bool walk_codes(struct walk *w, const struct doc_node *list, int64_t parent_id,
                       const struct outline *parent_number)
{
    if (is_null(w, list))
        return true;
    if (list->kind != DOC_LIST)
        return fail_at(w, list, "expected a list of codes (lines starting with '- ')");
    size_t index = node_index(w, list);
    if (w->state[index] == NODE_OPEN)
        return fail_at(w, list, "a list of codes contains itself through a YAML alias (a cycle)");
    if (w->state[index] == NODE_READ)
        return fail_at(w, list, "a YAML alias repeats a list of codes; write each code out once");
    int depth = parent_number->depth;
    if (!w->line_of[depth] &&
        !(w->line_of[depth] = calloc(OUTLINE_PART_MAX + 1, sizeof *w->line_of[depth])))
        return error_internal(w->err, "out of memory reading %s", w->name);
    w->state[index] = NODE_OPEN;
    struct used_positions used = {.line_of = w->line_of[depth]};
    int next_position = 1;
    bool ok = true;
    const struct doc_node *link;
    for (const struct doc_node *child = first_child(w, list, &link); ok && child;
         child = next_child(w, &link))
        ok = walk_code(w, child, parent_id, parent_number, &next_position, &used);
    for (size_t i = 0; i < used.count; i++)
        used.line_of[used.items[i]] = 0;
    free(used.items);
    w->state[index] = NODE_READ;
    return ok;
}

/* Finds the list of codes in the document: the root list, or the root mapping's `codes`. */
static bool walk_root(struct walk *w, const struct doc_node *root)
{
    struct outline top = {0};
    if (!root)
        return error_user(w->err, "%s: the file holds no codebook", w->name);
    if (root->kind == DOC_LIST)
        return walk_codes(w, root, 0, &top);
    if (root->kind != DOC_MAPPING)
        return fail_at(w, root, "expected a codebook: 'format' and a list of 'codes'");
    const struct doc_node *codes = NULL;
    const struct doc_node *link;
    uint32_t seen[ROOT_KEYS] = {0};
    for (const struct doc_node *key = first_child(w, root, &link); key;
         key = next_child(w, &link)) {
        const struct doc_node *value = next_child(w, &link);
        if (key->kind == DOC_SCALAR &&
            (!check_scalar(w, key, "this key", NULL, "text") ||
             !check_once(w, key, root_keys, ROOT_KEYS, seen, "the codebook")))
            return false;
        const char *k = key->kind == DOC_SCALAR ? scalar(w, key) : "";
        if (strcmp(k, "codes") == 0) {
            codes = value;
        } else if (strcmp(k, "format") == 0) {
            if (value->kind == DOC_SCALAR && !check_scalar(w, value, "'format'", NULL, "text"))
                return false;
            if (value->kind != DOC_SCALAR || strcmp(scalar(w, value), FORMAT_LINE) != 0)
                return fail_at(w, value,
                               "this margin reads codebooks in the format '" FORMAT_LINE "'");
        } else if (strcmp(k, "title") == 0) {
            if (value->kind == DOC_SCALAR && !check_scalar(w, value, "'title'", NULL, "text"))
                return false;
        } else {
            return fail_at(w, key, "unknown key (a codebook has format, title and codes)");
        }
    }
    if (!codes)
        return fail_at(w, root, "the codebook has no 'codes'");
    return walk_codes(w, codes, 0, &top);
}

struct codetree *yaml_codebook_parse(const char *data, size_t n, const char *name,
                                     struct error *err)
{
    if (!check_text(data, n, name, err))
        return NULL;
    struct loader l = {.data = data, .n = n, .name = name, .err = err};
    struct walk w = {.doc = &l.doc, .name = name, .next_id = 1, .err = err};
    bool ok = false;

    if (!yaml_parser_initialize(&l.parser)) {
        error_internal(err, "out of memory reading %s", name);
        return NULL;
    }
    if (!load(&l))
        goto cleanup;
    w.tree = codetree_create();
    w.state = calloc(l.doc.nodes.count ? l.doc.nodes.count : 1, 1);
    if (!w.tree || !w.state) {
        error_internal(err, "out of memory reading %s", name);
        goto cleanup;
    }
    if (!walk_root(&w, l.doc.nodes.count ? &l.doc.nodes.items[0] : NULL))
        goto cleanup;
    if (!codetree_index(w.tree, err)) {
        error_prefix(err, "%s: ", name);
        goto cleanup;
    }
    ok = true;
cleanup:
    yaml_parser_delete(&l.parser);
    doc_finish(&l.doc);
    name_table_finish(&l.anchors);
    free(w.state);
    for (int depth = 0; depth <= OUTLINE_DEPTH_MAX; depth++)
        free(w.line_of[depth]);
    name_table_finish(&w.guids);
    if (!ok) {
        codetree_destroy(w.tree);
        return NULL;
    }
    return w.tree;
}

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
    return fwrite(buffer, 1, size, (FILE *)data) == size;
}

static bool emit(yaml_emitter_t *emitter, yaml_event_t *event)
{
    return yaml_emitter_emit(emitter, event) != 0;
}

static bool emit_scalar(yaml_emitter_t *emitter, const char *value, yaml_scalar_style_t style)
{
    yaml_event_t event;
    return yaml_scalar_event_initialize(&event, NULL, NULL, (yaml_char_t *)value, -1, 1, 1,
                                        style) &&
           emit(emitter, &event);
}

static bool emit_pair(yaml_emitter_t *emitter, const char *key, const char *value,
                      yaml_scalar_style_t style)
{
    return emit_scalar(emitter, key, YAML_PLAIN_SCALAR_STYLE) && emit_scalar(emitter, value, style);
}

static bool emit_mapping_start(yaml_emitter_t *emitter)
{
    yaml_event_t event;
    return yaml_mapping_start_event_initialize(&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE) &&
           emit(emitter, &event);
}

static bool emit_mapping_end(yaml_emitter_t *emitter)
{
    yaml_event_t event;
    return yaml_mapping_end_event_initialize(&event) && emit(emitter, &event);
}

static bool emit_sequence_start(yaml_emitter_t *emitter)
{
    yaml_event_t event;
    return yaml_sequence_start_event_initialize(&event, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE) &&
           emit(emitter, &event);
}

static bool emit_sequence_end(yaml_emitter_t *emitter)
{
    yaml_event_t event;
    return yaml_sequence_end_event_initialize(&event) && emit(emitter, &event);
}

/* Emits the sibling codes that start at `from`, each with its subtree, up to index `to`. */
static bool emit_codes(yaml_emitter_t *emitter, const struct codetree *tree, int from, int to)
{
    if (!emit_sequence_start(emitter))
        return false;
    for (int i = from; i < to;) {
        const struct code *code = codetree_get(tree, (size_t)i);
        char number[OUTLINE_TEXT_MAX];
        codetree_number_text(tree, i, number);
        bool multiline = code->description && strchr(code->description, '\n');
        if (!emit_mapping_start(emitter) ||
            !emit_pair(emitter, "number", number, YAML_DOUBLE_QUOTED_SCALAR_STYLE) ||
            !emit_pair(emitter, "name", code->name, YAML_ANY_SCALAR_STYLE) ||
            (!code->codable && !emit_pair(emitter, "codable", "false", YAML_PLAIN_SCALAR_STYLE)) ||
            (code->description &&
             !emit_pair(emitter, "description", code->description,
                        multiline ? YAML_LITERAL_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE)) ||
            (code->colour &&
             !emit_pair(emitter, "colour", code->colour, YAML_DOUBLE_QUOTED_SCALAR_STYLE)) ||
            (code->guid[0] && !emit_pair(emitter, "guid", code->guid, YAML_PLAIN_SCALAR_STYLE)))
            return false;
        if (code->end > i + 1) {
            if (!emit_scalar(emitter, "codes", YAML_PLAIN_SCALAR_STYLE) ||
                !emit_codes(emitter, tree, i + 1, code->end))
                return false;
        }
        if (!emit_mapping_end(emitter))
            return false;
        i = code->end;
    }
    return emit_sequence_end(emitter);
}

bool yaml_codebook_write(const struct codetree *tree, FILE *out, struct error *err)
{
    yaml_emitter_t emitter;
    yaml_event_t event;
    if (!yaml_emitter_initialize(&emitter))
        return error_internal(err, "out of memory writing a codebook");
    yaml_emitter_set_output(&emitter, write_handler, out);
    yaml_emitter_set_unicode(&emitter, 1);
    yaml_emitter_set_width(&emitter, 100);
    yaml_emitter_set_indent(&emitter, 2);
    bool ok = yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING) &&
              emit(&emitter, &event) &&
              yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1) &&
              emit(&emitter, &event) && emit_mapping_start(&emitter) &&
              emit_pair(&emitter, "format", FORMAT_LINE, YAML_PLAIN_SCALAR_STYLE) &&
              emit_scalar(&emitter, "codes", YAML_PLAIN_SCALAR_STYLE) &&
              emit_codes(&emitter, tree, 0, (int)codetree_count(tree)) &&
              emit_mapping_end(&emitter) && yaml_document_end_event_initialize(&event, 1) &&
              emit(&emitter, &event) && yaml_stream_end_event_initialize(&event) &&
              emit(&emitter, &event) && yaml_emitter_flush(&emitter);
    if (!ok) {
        error_user(err, "could not write the codebook: %s",
                   emitter.problem ? emitter.problem : "write error");
    }
    yaml_emitter_delete(&emitter);
    return ok;
}
