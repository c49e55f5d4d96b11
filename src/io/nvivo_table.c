#include "io/nvivo_table.h"

#include "core/list.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

struct table_row {
    struct outline number;
    size_t line;
    char *name;
    long files;
    long references;
    int64_t id;
    bool has_children;
};

struct table_rows {
    struct table_row *items;
    size_t count, cap;
};

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* True when line[0..n) is "Name", "Files", "References" separated by tabs or spaces. */
static bool is_header(const char *line, size_t n)
{
    static const char *const words[] = {"Name", "Files", "References"};
    size_t i = 0;
    for (size_t w = 0; w < 3; w++) {
        while (i < n && is_blank(line[i]))
            i++;
        size_t len = strlen(words[w]);
        if (i + len > n || strncmp(line + i, words[w], len) != 0)
            return false;
        i += len;
        if (i < n && !is_blank(line[i]))
            return false;
    }
    while (i < n && is_blank(line[i]))
        i++;
    return i == n;
}

/* Where the text starts: after a UTF-8 byte order mark, which Windows programs put before it. */
static size_t text_start(const char *data, size_t n)
{
    return n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

bool nvivo_table_detect(const char *data, size_t n)
{
    size_t start = text_start(data, n);
    while (start < n) {
        const char *nl = memchr(data + start, '\n', n - start);
        size_t end = nl ? (size_t)(nl - data) : n;
        if (is_header(data + start, end - start))
            return true;
        start = end + 1;
    }
    return false;
}

/* The start of the gap of blanks that ends at line[end - 1] when it is a tab or two or more
 * spaces, as between the columns of a table; (size_t)-1 otherwise. */
static size_t column_gap_backwards(const char *line, size_t end)
{
    size_t i = end;
    bool tab = false;
    while (i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t')) {
        tab |= line[i - 1] == '\t';
        i--;
    }
    return tab || end - i >= 2 ? i : (size_t)-1;
}

/* True when line[0..n) is shaped as a code line of a table, its columns apart by tabs or
 * several spaces: a number, a name, and two counts. */
static bool looks_like_code_line(const char *line, size_t n)
{
    struct outline number;
    size_t number_len = outline_scan(line, n, &number);
    size_t end = n;
    while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\r'))
        end--;
    if (number_len == 0)
        return false;
    for (int count = 0; count < 2; count++) {
        size_t digits = end;
        while (digits > 0 && line[digits - 1] >= '0' && line[digits - 1] <= '9')
            digits--;
        if (digits == end || (end = column_gap_backwards(line, digits)) == (size_t)-1)
            return false;
    }
    return end > number_len + 1;
}

size_t nvivo_table_headless(const char *data, size_t n)
{
    if (nvivo_table_detect(data, n))
        return 0;
    size_t start = text_start(data, n);
    size_t line_no = 0;
    while (start < n) {
        const char *nl = memchr(data + start, '\n', n - start);
        size_t end = nl ? (size_t)(nl - data) : n;
        line_no++;
        if (looks_like_code_line(data + start, end - start))
            return line_no;
        start = end + 1;
    }
    return 0;
}

/* Reads a count that ends at line[end - 1], preceded by a tab or spaces; returns its first
 * byte's index, or (size_t)-1. */
static size_t read_count_backwards(const char *line, size_t end, long *value)
{
    size_t i = end;
    while (i > 0 && line[i - 1] >= '0' && line[i - 1] <= '9')
        i--;
    if (i == end || end - i > 9 || i == 0 || !is_blank(line[i - 1]))
        return (size_t)-1;
    /* Not strtol(): the data need not end in a NUL, and the count may end the data. */
    *value = 0;
    for (size_t k = i; k < end; k++)
        *value = *value * 10 + (line[k] - '0');
    return i;
}

/* The length of the number-like word that starts line[0..n): digits and dots, starting with a
 * digit and ending at a blank or the end of the line; 0 when the line starts otherwise. */
static size_t number_like(const char *line, size_t n)
{
    if (n == 0 || line[0] < '0' || line[0] > '9')
        return 0;
    size_t i = 0;
    while (i < n && ((line[i] >= '0' && line[i] <= '9') || line[i] == '.'))
        i++;
    return i == n || is_blank(line[i]) ? i : 0;
}

/* Says why the number-like word s[0..n) is not a number margin can give a code. */
static bool refuse_number(const char *s, size_t n, const char *name, size_t line_no,
                          struct error *err)
{
    int levels = 0;
    bool zero = false;
    bool long_part = false;
    bool empty_part = false;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != '.')
            j++;
        bool last = j == n || j + 1 == n; /* a trailing dot ends the number */
        if (j == i) {
            empty_part = true;
        } else {
            levels++;
            long_part |= j - i > 4;
            size_t zeros = 0;
            while (i + zeros < j && s[i + zeros] == '0')
                zeros++;
            zero |= zeros == j - i;
        }
        if (last)
            break;
        i = j + 1;
    }
    int shown = n > 60 ? 60 : (int)n;
    if (empty_part) {
        return error_user(err, "%s:%zu: %.*s is not a code number such as 07 or 07.01.02", name,
                          line_no, shown, s);
    }
    if (long_part) {
        return error_user(err,
                          "%s:%zu: the number %.*s has a level of more than 4 digits; margin "
                          "numbers the codes of each level from 1 to %d",
                          name, line_no, shown, s, OUTLINE_PART_MAX);
    }
    if (zero) {
        return error_user(err,
                          "%s:%zu: the number %.*s has a level numbered 0; margin numbers the "
                          "codes of each level from 1 to %d",
                          name, line_no, shown, s, OUTLINE_PART_MAX);
    }
    if (levels > OUTLINE_DEPTH_MAX) {
        return error_user(err,
                          "%s:%zu: the number %.*s has %d levels; codes are nested at most %d "
                          "levels deep",
                          name, line_no, shown, s, levels, OUTLINE_DEPTH_MAX);
    }
    return error_user(err, "%s:%zu: %.*s is not a code number such as 07 or 07.01.02", name,
                      line_no, shown, s);
}

/* Parses one code line; returns false when it does not have the expected shape. */
static bool parse_code_line(const char *line, size_t n, size_t number_len, struct table_row *row)
{
    size_t end = n;
    while (end > 0 && is_blank(line[end - 1]))
        end--;
    size_t refs_at = read_count_backwards(line, end, &row->references);
    if (refs_at == (size_t)-1)
        return false;
    end = refs_at;
    while (end > 0 && is_blank(line[end - 1]))
        end--;
    size_t files_at = read_count_backwards(line, end, &row->files);
    if (files_at == (size_t)-1)
        return false;
    end = files_at;
    while (end > number_len && is_blank(line[end - 1]))
        end--;
    size_t start = number_len;
    while (start < end && is_blank(line[start]))
        start++;
    if (start >= end)
        return false;
    row->name = strndup(line + start, end - start);
    return row->name != NULL;
}

static int compare_rows(const void *a, const void *b)
{
    const struct table_row *x = a;
    const struct table_row *y = b;
    int c = outline_compare(&x->number, &y->number);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

static struct table_row *find_row(struct table_rows *rows, const struct outline *number)
{
    struct table_row key = {.number = *number};
    size_t lo = 0;
    size_t hi = rows->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = outline_compare(&rows->items[mid].number, &key.number);
        if (c < 0)
            lo = mid + 1;
        else if (c > 0)
            hi = mid;
        else
            return &rows->items[mid];
    }
    return NULL;
}

struct codetree *nvivo_table_parse(const char *data, size_t n, const char *name, struct error *err)
{
    struct table_rows rows = {0};
    struct codetree *tree = NULL;
    size_t line_no = 0;
    size_t start = text_start(data, n);
    struct text_position bad;
    if (!utf8_validate(data, n, &bad)) {
        error_user(err, "%s:%zu:%zu: not valid UTF-8 text; save the file as UTF-8", name, bad.line,
                   bad.column);
        return NULL;
    }
    while (start < n) {
        const char *nl = memchr(data + start, '\n', n - start);
        size_t end = nl ? (size_t)(nl - data) : n;
        const char *line = data + start;
        size_t len = end - start;
        line_no++;
        start = end + 1;

        struct table_row row = {.line = line_no};
        size_t number_len = outline_scan(line, len, &row.number);
        if (number_len == 0) {
            /* A line that starts with a number margin cannot give a code is refused, not
             * skipped: skipping it would drop the code and all of its sub-codes silently. */
            size_t like = number_like(line, len);
            if (like > 0) {
                refuse_number(line, like, name, line_no, err);
                goto fail;
            }
            continue;
        }
        if (memchr(line, '\0', len)) {
            error_user(err,
                       "%s:%zu: contains a NUL byte; this looks like a binary file, not a table",
                       name, line_no);
            goto fail;
        }
        if (!parse_code_line(line, len, number_len, &row)) {
            error_user(err, "%s:%zu: expected a code line 'NUMBER NAME<tab>FILES<tab>REFERENCES'",
                       name, line_no);
            goto fail;
        }
        if (!LIST_PUSH(&rows, row)) {
            free(row.name);
            error_internal(err, "out of memory reading %s", name);
            goto fail;
        }
    }
    if (rows.count == 0) {
        error_user(err, "%s: no code lines ('NUMBER NAME<tab>FILES<tab>REFERENCES') found", name);
        goto fail;
    }

    qsort(rows.items, rows.count, sizeof *rows.items, compare_rows);
    for (size_t i = 0; i < rows.count; i++)
        rows.items[i].id = (int64_t)i + 1;
    for (size_t i = 1; i < rows.count; i++) {
        if (outline_compare(&rows.items[i].number, &rows.items[i - 1].number) == 0) {
            char shown[OUTLINE_TEXT_MAX];
            outline_format(&rows.items[i].number, shown, sizeof shown);
            error_user(err, "%s:%zu: the number %s is used twice (also on line %zu)", name,
                       rows.items[i].line, shown, rows.items[i - 1].line);
            goto fail;
        }
    }

    tree = codetree_create();
    if (!tree) {
        error_internal(err, "out of memory reading %s", name);
        goto fail;
    }
    for (size_t i = 0; i < rows.count; i++) {
        struct table_row *row = &rows.items[i];
        if (row->number.depth > 1) {
            struct outline parent_number = row->number;
            parent_number.depth--;
            struct table_row *parent = find_row(&rows, &parent_number);
            if (!parent) {
                char shown[OUTLINE_TEXT_MAX], parent_shown[OUTLINE_TEXT_MAX];
                outline_format(&row->number, shown, sizeof shown);
                outline_format(&parent_number, parent_shown, sizeof parent_shown);
                error_user(err, "%s:%zu: code %s has no parent %s in the table", name, row->line,
                           shown, parent_shown);
                goto fail;
            }
            parent->has_children = true;
        }
    }
    for (size_t i = 0; i < rows.count; i++) {
        struct table_row *row = &rows.items[i];
        int64_t parent_id = 0;
        if (row->number.depth > 1) {
            struct outline parent_number = row->number;
            parent_number.depth--;
            parent_id = find_row(&rows, &parent_number)->id;
        }
        struct code code = {
            .id = row->id,
            .parent_id = parent_id,
            .position = row->number.part[row->number.depth - 1],
            .name = row->name,
            .codable = !(row->has_children && row->files == 0 && row->references == 0),
        };
        if (!codetree_add(tree, &code)) {
            error_internal(err, "out of memory reading %s", name);
            goto fail;
        }
    }
    if (!codetree_index(tree, err)) {
        error_prefix(err, "%s: ", name);
        goto fail;
    }
    for (size_t i = 0; i < rows.count; i++)
        free(rows.items[i].name);
    free(rows.items);
    return tree;
fail:
    for (size_t i = 0; i < rows.count; i++)
        free(rows.items[i].name);
    free(rows.items);
    codetree_destroy(tree);
    return NULL;
}
