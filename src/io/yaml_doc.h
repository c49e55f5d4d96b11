/* The YAML text of a codebook read into a document of nodes for yaml_codebook.c to walk;
 * nothing outside src/io includes this. */
#ifndef MARGIN_IO_YAML_DOC_H
#define MARGIN_IO_YAML_DOC_H

#include "core/error.h"
#include "core/outline.h"
#include "core/strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

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

/* The value of `name`, or NULL when it is not in the table. */
const size_t *yaml_doc_name_find(const struct name_table *t, const char *name);

/* Adds `name`, which is not in the table yet, with `value`; false when memory runs out. */
bool yaml_doc_name_add(struct name_table *t, const char *name, size_t value);

/* Frees the table's names and slots and empties it. */
void yaml_doc_names_finish(struct name_table *t);

/* Refuses a file that is not UTF-8 text where the problem is (libyaml's reader reports no line).
 * A file with a UTF-16 byte order mark is left to libyaml, which reads it; UTF-16 without one
 * is refused as UTF-16. */
bool yaml_doc_check_text(const char *data, size_t n, const char *name, struct error *err);

/* The document as read, for the walk in yaml_codebook.c: the nodes in the order the parser met
 * them, each list's items and each mapping's keys and values (key, value, key, value) linked in
 * order, and their text in one buffer. libyaml's own document (yaml_parser_load()) makes two
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

/* Frees what the document holds. */
void yaml_doc_finish(struct doc *doc);

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

/* Reads the text's one document into l->doc, event by event. Returns false with a message
 * naming the line and column: libyaml's refusals, an alias without its anchor, an anchor
 * defined twice, a second document, and lists and mappings nested deeper than NEST_MAX, which
 * is refused as soon as the parser reaches it. The caller initialises l->parser first. */
bool yaml_doc_load(struct loader *l);

#endif
