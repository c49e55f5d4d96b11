#include "io/yaml_codebook.h"

#include "core/guid.h"
#include "core/list.h"
#include "yaml_doc.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

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
            const size_t *line = yaml_doc_name_find(&w->guids, lower);
            if (line) {
                char what[96];
                snprintf(what, sizeof what, "this GUID is already used on line %zu", *line);
                return fail_at(w, value, what);
            }
            if (!yaml_doc_name_add(&w->guids, lower, value->line))
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
            if (value->kind != DOC_SCALAR ||
                strcmp(scalar(w, value), YAML_CODEBOOK_FORMAT_LINE) != 0)
                return fail_at(
                    w, value,
                    "this margin reads codebooks in the format '" YAML_CODEBOOK_FORMAT_LINE "'");
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
    if (!yaml_doc_check_text(data, n, name, err))
        return NULL;
    struct loader l = {.data = data, .n = n, .name = name, .err = err};
    struct walk w = {.doc = &l.doc, .name = name, .next_id = 1, .err = err};
    bool ok = false;

    if (!yaml_parser_initialize(&l.parser)) {
        error_internal(err, "out of memory reading %s", name);
        return NULL;
    }
    if (!yaml_doc_load(&l))
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
    yaml_doc_finish(&l.doc);
    yaml_doc_names_finish(&l.anchors);
    free(w.state);
    for (int depth = 0; depth <= OUTLINE_DEPTH_MAX; depth++)
        free(w.line_of[depth]);
    yaml_doc_names_finish(&w.guids);
    if (!ok) {
        codetree_destroy(w.tree);
        return NULL;
    }
    return w.tree;
}
