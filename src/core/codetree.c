#include "core/codetree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct id_slot {
    int64_t id;
    int index;
};

struct codetree {
    struct code *codes;
    size_t count;
    size_t cap;
    struct id_slot *ids; /* sorted by id; valid after codetree_index() */
    bool indexed;
};

struct codetree *codetree_create(void)
{
    return calloc(1, sizeof(struct codetree));
}

static void code_free_strings(struct code *code)
{
    free(code->name);
    free(code->description);
    free(code->colour);
}

void codetree_destroy(struct codetree *tree)
{
    if (!tree)
        return;
    for (size_t i = 0; i < tree->count; i++)
        code_free_strings(&tree->codes[i]);
    free(tree->codes);
    free(tree->ids);
    free(tree);
}

static char *copy_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

bool codetree_add(struct codetree *tree, const struct code *code)
{
    if (tree->count == tree->cap) {
        size_t cap = tree->cap ? tree->cap * 2 : 64;
        struct code *codes = realloc(tree->codes, cap * sizeof *codes);
        if (!codes)
            return false;
        tree->codes = codes;
        tree->cap = cap;
    }
    struct code copy = *code;
    copy.name = copy_or_null(code->name ? code->name : "");
    copy.description = copy_or_null(code->description);
    copy.colour = copy_or_null(code->colour);
    if (!copy.name || (code->description && !copy.description) || (code->colour && !copy.colour)) {
        code_free_strings(&copy);
        return false;
    }
    copy.parent = -1;
    copy.depth = 0;
    copy.end = 0;
    copy.number.depth = 0;
    tree->codes[tree->count++] = copy;
    tree->indexed = false;
    return true;
}

static int compare_slots(const void *a, const void *b)
{
    const struct id_slot *x = a;
    const struct id_slot *y = b;
    return (x->id > y->id) - (x->id < y->id);
}

static int slot_lookup(const struct codetree *tree, int64_t id)
{
    size_t lo = 0;
    size_t hi = tree->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tree->ids[mid].id < id)
            lo = mid + 1;
        else if (tree->ids[mid].id > id)
            hi = mid;
        else
            return tree->ids[mid].index;
    }
    return -1;
}

static bool build_id_map(struct codetree *tree, struct error *err)
{
    free(tree->ids);
    tree->ids = malloc((tree->count ? tree->count : 1) * sizeof *tree->ids);
    if (!tree->ids)
        return error_internal(err, "out of memory indexing the codebook");
    for (size_t i = 0; i < tree->count; i++)
        tree->ids[i] = (struct id_slot){tree->codes[i].id, (int)i};
    qsort(tree->ids, tree->count, sizeof *tree->ids, compare_slots);
    for (size_t i = 1; i < tree->count; i++) {
        if (tree->ids[i].id == tree->ids[i - 1].id)
            return error_internal(err, "two codes share the id %lld", (long long)tree->ids[i].id);
    }
    return true;
}

/* Siblings in order: by parent index, then position. */
static const struct codetree *sort_tree;

static int compare_siblings(const void *a, const void *b)
{
    const struct code *x = &sort_tree->codes[*(const int *)a];
    const struct code *y = &sort_tree->codes[*(const int *)b];
    if (x->parent != y->parent)
        return x->parent < y->parent ? -1 : 1;
    return (x->position > y->position) - (x->position < y->position);
}

bool codetree_index(struct codetree *tree, struct error *err)
{
    bool ok = false;
    size_t n = tree->count;
    int *by_parent = NULL;
    int *first = NULL; /* first[p + 1]: start of p's children in by_parent */
    int *order = NULL; /* preorder of old indexes */
    int *stack = NULL;
    int *new_index = NULL;
    struct code *sorted = NULL;

    if (!build_id_map(tree, err))
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        struct code *code = &tree->codes[i];
        if (code->position < 1 || code->position > OUTLINE_PART_MAX) {
            error_user(err, "code '%s' has position %d; positions run from 1 to %d", code->name,
                       code->position, OUTLINE_PART_MAX);
            goto cleanup;
        }
        code->parent = -1;
        if (code->parent_id != 0) {
            code->parent = slot_lookup(tree, code->parent_id);
            if (code->parent < 0) {
                error_user(err, "code '%s' has a parent that does not exist", code->name);
                goto cleanup;
            }
        }
    }

    by_parent = malloc((n + 1) * sizeof *by_parent);
    first = calloc(n + 2, sizeof *first);
    order = malloc((n + 1) * sizeof *order);
    stack = malloc((n + 1) * sizeof *stack);
    new_index = malloc((n + 1) * sizeof *new_index);
    sorted = malloc((n + 1) * sizeof *sorted);
    if (!by_parent || !first || !order || !stack || !new_index || !sorted) {
        error_internal(err, "out of memory indexing the codebook");
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++)
        by_parent[i] = (int)i;
    sort_tree = tree;
    qsort(by_parent, n, sizeof *by_parent, compare_siblings);
    sort_tree = NULL;
    for (size_t k = 0; k < n; k++) {
        const struct code *code = &tree->codes[by_parent[k]];
        first[code->parent + 2]++;
        if (k > 0) {
            const struct code *prev = &tree->codes[by_parent[k - 1]];
            if (prev->parent == code->parent && prev->position == code->position) {
                error_user(err, "codes '%s' and '%s' have the same number", prev->name, code->name);
                goto cleanup;
            }
        }
    }
    for (size_t p = 1; p < n + 2; p++)
        first[p] += first[p - 1];

    /* Depth-first walk from the top-level codes, children pushed in reverse. */
    size_t top = 0;
    size_t visited = 0;
    for (int k = first[1] - 1; k >= first[0]; k--)
        stack[top++] = by_parent[k];
    while (top > 0) {
        int i = stack[--top];
        order[visited++] = i;
        for (int k = first[i + 2] - 1; k >= first[i + 1]; k--)
            stack[top++] = by_parent[k];
    }
    if (visited != n) {
        for (size_t i = 0; i < n; i++)
            new_index[i] = -1;
        for (size_t k = 0; k < visited; k++)
            new_index[order[k]] = 0;
        for (size_t i = 0; i < n; i++) {
            if (new_index[i] < 0) {
                error_user(err, "code '%s' is its own ancestor (the codebook has a cycle)",
                           tree->codes[i].name);
                goto cleanup;
            }
        }
    }

    for (size_t k = 0; k < n; k++)
        new_index[order[k]] = (int)k;
    for (size_t k = 0; k < n; k++) {
        sorted[k] = tree->codes[order[k]];
        if (sorted[k].parent >= 0)
            sorted[k].parent = new_index[sorted[k].parent];
    }
    for (size_t k = 0; k < n; k++) {
        struct code *code = &sorted[k];
        if (code->parent < 0) {
            code->depth = 0;
            code->number.depth = 0;
        } else {
            code->depth = sorted[code->parent].depth + 1;
            code->number = sorted[code->parent].number;
        }
        if (code->number.depth == OUTLINE_DEPTH_MAX) {
            error_user(err, "code '%s' is nested more than %d levels deep", code->name,
                       OUTLINE_DEPTH_MAX);
            goto cleanup;
        }
        code->number.part[code->number.depth++] = code->position;
        code->end = (int)k + 1;
    }
    /* Extend each ancestor's end to cover its last descendant (children follow parents). */
    for (size_t k = n; k-- > 0;) {
        int parent = sorted[k].parent;
        if (parent >= 0 && sorted[parent].end < sorted[k].end)
            sorted[parent].end = sorted[k].end;
    }
    if (n > 0)
        memcpy(tree->codes, sorted, n * sizeof *sorted);
    if (!build_id_map(tree, err))
        goto cleanup;
    tree->indexed = true;
    ok = true;
cleanup:
    free(by_parent);
    free(first);
    free(order);
    free(stack);
    free(new_index);
    free(sorted);
    return ok;
}

size_t codetree_count(const struct codetree *tree)
{
    return tree->count;
}

const struct code *codetree_get(const struct codetree *tree, size_t index)
{
    return &tree->codes[index];
}

int codetree_find_id(const struct codetree *tree, int64_t id)
{
    return tree->ids ? slot_lookup(tree, id) : -1;
}

int codetree_find_number(const struct codetree *tree, const struct outline *number)
{
    size_t lo = 0;
    size_t hi = tree->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = outline_compare(&tree->codes[mid].number, number);
        if (c < 0)
            lo = mid + 1;
        else if (c > 0)
            hi = mid;
        else
            return (int)mid;
    }
    return -1;
}

int codetree_find_guid(const struct codetree *tree, const char *guid)
{
    for (size_t i = 0; i < tree->count; i++) {
        if (strcmp(tree->codes[i].guid, guid) == 0)
            return (int)i;
    }
    return -1;
}

static void trim(const char **s, size_t *n)
{
    while (*n > 0 && ((*s)[0] == ' ' || (*s)[0] == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

static bool name_is(const struct code *code, const char *s, size_t n)
{
    return strlen(code->name) == n && memcmp(code->name, s, n) == 0;
}

/* The child of `parent` (-1 for top level) named s[0..n), or -1 (-2 when several are). */
static int find_child_named(const struct codetree *tree, int parent, const char *s, size_t n)
{
    int found = -1;
    for (size_t i = 0; i < tree->count; i++) {
        if (tree->codes[i].parent == parent && name_is(&tree->codes[i], s, n)) {
            if (found >= 0)
                return -2;
            found = (int)i;
        }
    }
    return found;
}

static int resolve_path(const struct codetree *tree, const char *text, struct error *err)
{
    static const char sep[] = " > ";
    int parent = -1;
    const char *part = text;
    for (;;) {
        const char *next = strstr(part, sep);
        size_t n = next ? (size_t)(next - part) : strlen(part);
        const char *name = part;
        trim(&name, &n);
        int child = find_child_named(tree, parent, name, n);
        if (child == -2) {
            error_user(err, "'%s' names more than one code at the same level", text);
            return -1;
        }
        if (child < 0) {
            error_user(err, "no code '%.*s' in the path '%s'", (int)n, name, text);
            return -1;
        }
        if (!next)
            return child;
        parent = child;
        part = next + strlen(sep);
    }
}

int codetree_resolve(const struct codetree *tree, const char *text, struct error *err)
{
    const char *s = text;
    size_t n = strlen(text);
    trim(&s, &n);
    if (n == 0) {
        error_user(err, "no code given");
        return -1;
    }

    struct outline number;
    size_t used = outline_scan(s, n, &number);
    if (used > 0) {
        char shown[OUTLINE_TEXT_MAX];
        outline_format(&number, shown, sizeof shown);
        int index = codetree_find_number(tree, &number);
        if (index < 0) {
            error_user(err, "no code is numbered %s", shown);
            return -1;
        }
        const char *name = s + used;
        size_t name_len = n - used;
        trim(&name, &name_len);
        if (name_len > 0 && !name_is(&tree->codes[index], name, name_len)) {
            error_user(err, "code %s is named '%s', not '%.*s'", shown, tree->codes[index].name,
                       (int)name_len, name);
            return -1;
        }
        return index;
    }

    if (strstr(text, " > "))
        return resolve_path(tree, text, err);

    int found = -1;
    size_t matches = 0;
    char numbers[256] = "";
    size_t numbers_len = 0;
    for (size_t i = 0; i < tree->count; i++) {
        if (!name_is(&tree->codes[i], s, n))
            continue;
        if (matches++ == 0)
            found = (int)i;
        char shown[OUTLINE_TEXT_MAX];
        size_t len = outline_format(&tree->codes[i].number, shown, sizeof shown);
        if (numbers_len + len + 3 < sizeof numbers) {
            memcpy(numbers + numbers_len, matches > 1 ? ", " : "", matches > 1 ? 2 : 0);
            numbers_len += matches > 1 ? 2 : 0;
            memcpy(numbers + numbers_len, shown, len + 1);
            numbers_len += len;
        }
    }
    if (matches == 0) {
        error_user(err, "no code is named '%.*s'", (int)n, s);
        return -1;
    }
    if (matches > 1) {
        error_user(err, "%zu codes are named '%.*s' (%s); give the number instead", matches, (int)n,
                   s, numbers);
        return -1;
    }
    return found;
}

/* True when `part` (digits, possibly cut short) could be the number n being typed: "1" for 1
 * and for 10-19, "0" for 01-09, "07" for 7. */
static bool part_matches(const char *part, size_t len, int n)
{
    char plain[8], padded[8];
    snprintf(plain, sizeof plain, "%d", n);
    snprintf(padded, sizeof padded, "%02d", n);
    return (len <= strlen(plain) && strncmp(plain, part, len) == 0) ||
           (len <= strlen(padded) && strncmp(padded, part, len) == 0);
}

/* True when the typed number s[0..n) is a prefix of `number`: complete parts compare as
 * numbers, the last part as the start of one. */
static bool number_matches(const struct outline *number, const char *s, size_t n)
{
    int depth = 0;
    size_t i = 0;
    while (i < n) {
        size_t len = strspn(s + i, "0123456789");
        if (len > n - i)
            len = n - i;
        bool last = i + len >= n || (i + len + 1 >= n && s[i + len] == '.');
        if (depth >= number->depth || len > 4)
            return false;
        if (last && i + len >= n) {
            if (len > 0 && !part_matches(s + i, len, number->part[depth]))
                return false;
            return true;
        }
        if (len == 0 || s[i + len] != '.' || atoi(s + i) != number->part[depth])
            return false;
        depth++;
        i += len + 1;
    }
    return true;
}

static bool ascii_prefix(const char *word, size_t word_len, const char *prefix, size_t len)
{
    if (len > word_len)
        return false;
    for (size_t i = 0; i < len; i++) {
        char a = word[i], b = prefix[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

static bool is_word_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (unsigned char)c >= 0x80;
}

/* True when some word of name starts with prefix[0..len). */
static bool name_has_word(const char *name, const char *prefix, size_t len)
{
    const char *p = name;
    while (*p) {
        while (*p && !is_word_byte(*p))
            p++;
        const char *start = p;
        while (*p && is_word_byte(*p))
            p++;
        if (p > start && ascii_prefix(start, (size_t)(p - start), prefix, len))
            return true;
    }
    return false;
}

bool codetree_matches(const struct codetree *tree, int index, const char *query)
{
    const struct code *code = &tree->codes[index];
    const char *p = query;
    while (*p == ' ')
        p++;
    if (*p >= '0' && *p <= '9') {
        size_t len = strspn(p, "0123456789.");
        if (!number_matches(&code->number, p, len))
            return false;
        p += len;
    }
    while (*p) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (len > 0 && !name_has_word(code->name, p, len))
            return false;
        p += len;
    }
    return true;
}

bool codetree_within(const struct codetree *tree, int index, int ancestor)
{
    return index >= ancestor && index < tree->codes[ancestor].end;
}

void codetree_number_text(const struct codetree *tree, int index, char buf[OUTLINE_TEXT_MAX])
{
    outline_format(&tree->codes[index].number, buf, OUTLINE_TEXT_MAX);
}

int codetree_last_position(const struct codetree *tree, int64_t parent_id)
{
    int last = 0;
    for (size_t i = 0; i < tree->count; i++) {
        if (tree->codes[i].parent_id == parent_id && tree->codes[i].position > last)
            last = tree->codes[i].position;
    }
    return last;
}
