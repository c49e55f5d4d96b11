#include "io/yaml_codebook.h"

#include "core/guid.h"
#include "core/list.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#define FORMAT_LINE "margin-codebook 1"

/* A number already given to a sibling, to report duplicates where they are. */
struct used_position {
    int position;
    size_t line;
};

struct used_positions {
    struct used_position *items;
    size_t count, cap;
};

struct seen_guid {
    char guid[GUID_SIZE];
    size_t line;
};

struct seen_guids {
    struct seen_guid *items;
    size_t count, cap;
};

enum node_state {
    NODE_UNSEEN,
    NODE_OPEN, /* being read: meeting it again means a cycle */
    NODE_READ, /* read: meeting it again means an alias repeats it */
};

struct walk {
    yaml_document_t *doc;
    const char *name;
    struct codetree *tree;
    int64_t next_id;
    unsigned char *state; /* enum node_state per node */
    struct seen_guids guids;
    struct error *err;
};

static bool fail_at(struct walk *w, const yaml_node_t *node, const char *what)
{
    return error_user(w->err, "%s:%zu:%zu: %s", w->name, node->start_mark.line + 1,
                      node->start_mark.column + 1, what);
}

static size_t node_index(struct walk *w, const yaml_node_t *node)
{
    return (size_t)(node - w->doc->nodes.start);
}

static const char *scalar(const yaml_node_t *node)
{
    return (const char *)node->data.scalar.value;
}

static bool is_null(const yaml_node_t *node)
{
    if (node->type != YAML_SCALAR_NODE || node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *s = scalar(node);
    return *s == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0;
}

static bool read_bool(struct walk *w, const yaml_node_t *node, bool *value)
{
    if (node->type == YAML_SCALAR_NODE) {
        const char *s = scalar(node);
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

static bool walk_codes(struct walk *w, yaml_node_t *list, int64_t parent_id,
                       const struct outline *parent_number);

/* Reads one code mapping, adds it, then its sub-codes. */
static bool walk_code(struct walk *w, yaml_node_t *node, int64_t parent_id,
                      const struct outline *parent_number, int *next_position,
                      struct used_positions *used)
{
    size_t index = node_index(w, node);
    if (w->state[index] == NODE_OPEN)
        return fail_at(w, node, "this code contains itself through a YAML alias (a cycle)");
    if (w->state[index] == NODE_READ)
        return fail_at(w, node, "a YAML alias repeats a code; write each code out once");
    if (node->type != YAML_MAPPING_NODE)
        return fail_at(w, node, "expected a code: a mapping with at least a 'name'");
    if (parent_number->depth == OUTLINE_DEPTH_MAX) {
        char what[96];
        snprintf(what, sizeof what, "codes are nested more than %d levels deep", OUTLINE_DEPTH_MAX);
        return fail_at(w, node, what);
    }
    w->state[index] = NODE_OPEN;

    struct code code = {.id = w->next_id++, .parent_id = parent_id, .codable = true};
    yaml_node_t *number_node = NULL;
    yaml_node_t *children = NULL;
    for (yaml_node_pair_t *pair = node->data.mapping.pairs.start;
         pair < node->data.mapping.pairs.top; pair++) {
        yaml_node_t *key = yaml_document_get_node(w->doc, pair->key);
        yaml_node_t *value = yaml_document_get_node(w->doc, pair->value);
        if (key->type != YAML_SCALAR_NODE)
            return fail_at(w, key, "expected a key such as 'name'");
        const char *k = scalar(key);
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
        if (value->type != YAML_SCALAR_NODE) {
            char what[120];
            snprintf(what, sizeof what, "'%s' must be a single value", k);
            return fail_at(w, value, what);
        }
        const char *v = scalar(value);
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
            for (size_t i = 0; i < w->guids.count; i++) {
                if (strcasecmp(w->guids.items[i].guid, v) == 0) {
                    char what[96];
                    snprintf(what, sizeof what, "this GUID is already used on line %zu",
                             w->guids.items[i].line);
                    return fail_at(w, value, what);
                }
            }
            struct seen_guid seen = {.line = value->start_mark.line + 1};
            snprintf(seen.guid, sizeof seen.guid, "%s", v);
            if (!LIST_PUSH(&w->guids, seen))
                return error_internal(w->err, "out of memory reading %s", w->name);
        }
    }
    if (!code.name || !*code.name)
        return fail_at(w, node, "this code has no name");

    struct outline number = *parent_number;
    if (number_node) {
        const char *text = scalar(number_node);
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
    for (size_t i = 0; i < used->count; i++) {
        if (used->items[i].position == code.position) {
            char what[96];
            snprintf(what, sizeof what, "this number is already used on line %zu",
                     used->items[i].line);
            return fail_at(w, number_node ? number_node : node, what);
        }
    }
    struct used_position mine = {code.position, node->start_mark.line + 1};
    if (!LIST_PUSH(used, mine) || !codetree_add(w->tree, &code))
        return error_internal(w->err, "out of memory reading %s", w->name);
    *next_position = code.position + 1;
    number.part[number.depth++] = code.position;

    if (children && !walk_codes(w, children, code.id, &number))
        return false;
    w->state[index] = NODE_READ;
    return true;
}

static bool walk_codes(struct walk *w, yaml_node_t *list, int64_t parent_id,
                       const struct outline *parent_number)
{
    if (is_null(list))
        return true;
    if (list->type != YAML_SEQUENCE_NODE)
        return fail_at(w, list, "expected a list of codes (lines starting with '- ')");
    size_t index = node_index(w, list);
    if (w->state[index] == NODE_OPEN)
        return fail_at(w, list, "a list of codes contains itself through a YAML alias (a cycle)");
    if (w->state[index] == NODE_READ)
        return fail_at(w, list, "a YAML alias repeats a list of codes; write each code out once");
    w->state[index] = NODE_OPEN;
    struct used_positions used = {0};
    int next_position = 1;
    bool ok = true;
    for (yaml_node_item_t *item = list->data.sequence.items.start;
         ok && item < list->data.sequence.items.top; item++) {
        yaml_node_t *child = yaml_document_get_node(w->doc, *item);
        ok = walk_code(w, child, parent_id, parent_number, &next_position, &used);
    }
    free(used.items);
    w->state[index] = NODE_READ;
    return ok;
}

/* Finds the list of codes in the document: the root list, or the root mapping's `codes`. */
static bool walk_root(struct walk *w, yaml_node_t *root)
{
    struct outline top = {0};
    if (!root)
        return error_user(w->err, "%s: the file holds no codebook", w->name);
    if (root->type == YAML_SEQUENCE_NODE)
        return walk_codes(w, root, 0, &top);
    if (root->type != YAML_MAPPING_NODE)
        return fail_at(w, root, "expected a codebook: 'format' and a list of 'codes'");
    yaml_node_t *codes = NULL;
    for (yaml_node_pair_t *pair = root->data.mapping.pairs.start;
         pair < root->data.mapping.pairs.top; pair++) {
        yaml_node_t *key = yaml_document_get_node(w->doc, pair->key);
        yaml_node_t *value = yaml_document_get_node(w->doc, pair->value);
        const char *k = key->type == YAML_SCALAR_NODE ? scalar(key) : "";
        if (strcmp(k, "codes") == 0) {
            codes = value;
        } else if (strcmp(k, "format") == 0) {
            if (value->type != YAML_SCALAR_NODE || strcmp(scalar(value), FORMAT_LINE) != 0)
                return fail_at(w, value,
                               "this margin reads codebooks in the format '" FORMAT_LINE "'");
        } else if (strcmp(k, "title") != 0) {
            return fail_at(w, key, "unknown key (a codebook has format, title and codes)");
        }
    }
    if (!codes)
        return fail_at(w, root, "the codebook has no 'codes'");
    return walk_codes(w, codes, 0, &top);
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
 * A file with a UTF-16 byte order mark is left to libyaml, which reads it. */
static bool check_text(const char *data, size_t n, const char *name, struct error *err)
{
    if (n >= 2 &&
        ((data[0] == '\xFF' && data[1] == '\xFE') || (data[0] == '\xFE' && data[1] == '\xFF')))
        return true;
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

struct codetree *yaml_codebook_parse(const char *data, size_t n, const char *name,
                                     struct error *err)
{
    if (!check_text(data, n, name, err))
        return NULL;
    yaml_parser_t parser;
    yaml_document_t doc;
    struct walk w = {.doc = &doc, .name = name, .next_id = 1, .err = err};
    bool have_doc = false;
    bool ok = false;

    if (!yaml_parser_initialize(&parser)) {
        error_internal(err, "out of memory reading %s", name);
        return NULL;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, n);
    if (!yaml_parser_load(&parser, &doc)) {
        const char *problem = parser.problem ? parser.problem : "not valid YAML";
        if (parser.error == YAML_READER_ERROR && parser.problem_offset < n) {
            /* The reader gives a byte offset, not a mark; the text is UTF-8 by now, so what it
             * refuses is a character. */
            struct text_position at = position_of(data, parser.problem_offset);
            error_user(err, "%s:%zu:%zu: %s (U+%04X)", name, at.line, at.column, problem,
                       (unsigned)parser.problem_value);
        } else if (parser.context) {
            error_user(err, "%s:%zu:%zu: %s (%s, which starts at line %zu)", name,
                       parser.problem_mark.line + 1, parser.problem_mark.column + 1, problem,
                       parser.context, parser.context_mark.line + 1);
        } else {
            error_user(err, "%s:%zu:%zu: %s", name, parser.problem_mark.line + 1,
                       parser.problem_mark.column + 1, problem);
        }
        goto cleanup;
    }
    have_doc = true;
    size_t nodes = (size_t)(doc.nodes.top - doc.nodes.start);
    w.tree = codetree_create();
    w.state = calloc(nodes ? nodes : 1, 1);
    if (!w.tree || !w.state) {
        error_internal(err, "out of memory reading %s", name);
        goto cleanup;
    }
    if (!walk_root(&w, yaml_document_get_root_node(&doc)))
        goto cleanup;
    if (!codetree_index(w.tree, err)) {
        error_prefix(err, "%s: ", name);
        goto cleanup;
    }
    ok = true;
cleanup:
    if (have_doc)
        yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    free(w.state);
    free(w.guids.items);
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
