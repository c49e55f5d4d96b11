/* The codebook as a tree in memory.
 *
 * Codes are added with an id and their parent's id (0 for a top-level code) in any order;
 * codetree_index() then checks the tree and puts it in outline order (preorder, siblings by
 * position), so that a code's descendants are the codes at indexes (i, end). Ids are the store's
 * row ids, or provisional ones for a codebook read from a file. */
#ifndef MARGIN_CORE_CODETREE_H
#define MARGIN_CORE_CODETREE_H

#include "core/error.h"
#include "core/outline.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CODE_GUID_SIZE 37

struct code {
    int64_t id;
    int64_t parent_id; /* 0 for a top-level code */
    char guid[CODE_GUID_SIZE];
    int position; /* its number among its siblings, 1 or more */
    char *name;
    char *description; /* NULL when there is none */
    char *colour;      /* "#rrggbb", or NULL */
    bool codable;      /* false for headings that only group other codes */

    /* Set by codetree_index(): */
    int parent; /* index of the parent, -1 for a top-level code */
    int depth;  /* 0 for a top-level code */
    int end;    /* one past the index of the last descendant */
    struct outline number;
};

struct codetree;

/* Returns an empty tree, or NULL when memory runs out. */
struct codetree *codetree_create(void);

/* Frees a tree and every string it holds; accepts NULL. */
void codetree_destroy(struct codetree *tree);

/* Adds a copy of `code` (its strings are copied; the derived fields are ignored).
 * Returns false when memory runs out. The tree is unindexed until codetree_index(). */
bool codetree_add(struct codetree *tree, const struct code *code);

/* Checks the tree and puts it in outline order: every parent id must exist, there must be no
 * cycle, no two siblings may share a position, and nesting may not exceed OUTLINE_DEPTH_MAX.
 * On failure returns false with a message naming the offending code; the tree is then unusable
 * until fixed. */
bool codetree_index(struct codetree *tree, struct error *err);

/* The number of codes, and the code at an index (0 <= index < count). */
size_t codetree_count(const struct codetree *tree);
const struct code *codetree_get(const struct codetree *tree, size_t index);

/* Index of the code with this id, number or GUID, or -1. */
int codetree_find_id(const struct codetree *tree, int64_t id);
int codetree_find_number(const struct codetree *tree, const struct outline *number);
int codetree_find_guid(const struct codetree *tree, const char *guid);

/* Finds the code a user means by `text`: a number ("07.01.02", "7.1.2"), a number and its name
 * ("07.01.02 Management and governance"), a path of names joined by " > ", or a name that only
 * one code has. Returns the index, or -1 with a message saying why (unknown, ambiguous). */
int codetree_resolve(const struct codetree *tree, const char *text, struct error *err);

/* True when the code at `index` matches what a user typed to find it: a number or the start of
 * one ("07.01.02", "7.1.2", "07.0", "7.1" for 07.01 and 07.10-07.19), then any words, each
 * the start of a word of the name, in any case ("man gov" for "Management and governance").
 * An empty query matches every code. */
bool codetree_matches(const struct codetree *tree, int index, const char *query);

/* True when the code at `index` is `ancestor` or lies beneath it. */
bool codetree_within(const struct codetree *tree, int index, int ancestor);

/* Writes the code's outline number ("07.01.02") into buf. */
void codetree_number_text(const struct codetree *tree, int index, char buf[OUTLINE_TEXT_MAX]);

/* Returns the largest position among the children of `parent_id` (0 for top level), or 0. */
int codetree_last_position(const struct codetree *tree, int64_t parent_id);

#endif
