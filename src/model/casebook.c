#include "model/casebook.h"

#include "core/where.h"
#include "store/people.h"

#include <stdlib.h>
#include <string.h>

struct case_key {
    int64_t id;
    size_t index; /* into cases */
};

struct casebook {
    struct case_list cases;           /* by name */
    struct attribute_list attributes; /* as added */
    struct case_value_list values;
    struct case_key *by_id; /* ordered by id */
    const char **cells;     /* cases.count x attributes.count, "" for none */
    bool *selected;         /* per case */
    bool caseless;          /* sources without a case are selected */
};

static int compare_keys(const void *a, const void *b)
{
    int64_t x = ((const struct case_key *)a)->id, y = ((const struct case_key *)b)->id;
    return (x > y) - (x < y);
}

struct casebook *casebook_load(struct project *project, struct error *err)
{
    struct casebook *book = calloc(1, sizeof *book);
    if (!book) {
        error_internal(err, "out of memory reading cases");
        return NULL;
    }
    struct store *store = project_store(project);
    if (!store_cases_list(store, &book->cases, err) ||
        !store_attributes_list(store, &book->attributes, err) ||
        !store_case_values_list(store, &book->values, err))
        goto fail;
    size_t ncases = book->cases.count, nattr = book->attributes.count;
    book->by_id = calloc(ncases + 1, sizeof *book->by_id);
    book->cells = calloc(ncases * nattr + 1, sizeof *book->cells);
    book->selected = calloc(ncases + 1, sizeof *book->selected);
    if (!book->by_id || !book->cells || !book->selected) {
        error_internal(err, "out of memory reading cases");
        goto fail;
    }
    for (size_t i = 0; i < ncases; i++) {
        book->by_id[i] = (struct case_key){book->cases.items[i].id, i};
        book->selected[i] = true;
    }
    book->caseless = true;
    qsort(book->by_id, ncases, sizeof *book->by_id, compare_keys);
    for (size_t i = 0; i < ncases * nattr; i++)
        book->cells[i] = "";
    for (size_t v = 0; v < book->values.count; v++) {
        const struct case_value_row *row = &book->values.items[v];
        long c = casebook_find(book, row->case_id);
        for (size_t a = 0; c >= 0 && a < nattr; a++) {
            if (book->attributes.items[a].id == row->attribute_id)
                book->cells[(size_t)c * nattr + a] = row->value;
        }
    }
    return book;
fail:
    casebook_destroy(book);
    return NULL;
}

void casebook_destroy(struct casebook *book)
{
    if (!book)
        return;
    row_case_list_finish(&book->cases);
    row_attribute_list_finish(&book->attributes);
    row_case_value_list_finish(&book->values);
    free(book->by_id);
    free(book->cells);
    free(book->selected);
    free(book);
}

size_t casebook_attribute_count(const struct casebook *book)
{
    return book->attributes.count;
}

const struct attribute_row *casebook_attribute(const struct casebook *book, size_t index)
{
    return &book->attributes.items[index];
}

size_t casebook_case_count(const struct casebook *book)
{
    return book->cases.count;
}

const struct case_row *casebook_case(const struct casebook *book, size_t index)
{
    return &book->cases.items[index];
}

long casebook_find(const struct casebook *book, int64_t case_id)
{
    size_t lo = 0, hi = book->cases.count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int64_t id = book->by_id[mid].id;
        if (id == case_id)
            return (long)book->by_id[mid].index;
        if (id < case_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

const char *casebook_case_name(const struct casebook *book, int64_t case_id)
{
    long c = casebook_find(book, case_id);
    return c < 0 ? "" : book->cases.items[c].name;
}

const char *casebook_value(const struct casebook *book, int64_t case_id, size_t attribute)
{
    long c = casebook_find(book, case_id);
    if (c < 0 || attribute >= book->attributes.count)
        return "";
    return book->cells[(size_t)c * book->attributes.count + attribute];
}

static bool type_of(void *context, const char *name, enum attribute_type *type)
{
    const struct casebook *book = context;
    for (size_t a = 0; a < book->attributes.count; a++) {
        if (strcmp(book->attributes.items[a].name, name) == 0) {
            *type = book->attributes.items[a].type;
            return true;
        }
    }
    return false;
}

struct one_case {
    const struct casebook *book;
    size_t index;
};

static const char *value_of(void *context, const char *name)
{
    const struct one_case *one = context;
    const struct casebook *book = one->book;
    for (size_t a = 0; a < book->attributes.count; a++) {
        if (strcmp(book->attributes.items[a].name, name) == 0)
            return book->cells[one->index * book->attributes.count + a];
    }
    return NULL;
}

bool casebook_select(struct casebook *book, const char *const *names, size_t nnames,
                     const char *where, struct error *err)
{
    size_t ncases = book->cases.count;
    for (size_t i = 0; i < ncases; i++)
        book->selected[i] = nnames == 0;
    book->caseless = nnames == 0 && !where;
    for (size_t n = 0; n < nnames; n++) {
        bool found = false;
        for (size_t i = 0; i < ncases; i++) {
            if (strcmp(book->cases.items[i].name, names[n]) == 0) {
                book->selected[i] = true;
                found = true;
            }
        }
        if (!found) {
            memset(book->selected, 0, ncases * sizeof *book->selected);
            return error_user(err, "there is no case named '%s'", names[n]);
        }
    }
    if (!where)
        return true;
    struct where *filter = where_parse(where, err);
    if (!filter || !where_check(filter, type_of, book, err)) {
        where_destroy(filter);
        memset(book->selected, 0, ncases * sizeof *book->selected);
        return error_prefix(err, "case filter, ");
    }
    for (size_t i = 0; i < ncases; i++) {
        struct one_case one = {book, i};
        if (book->selected[i])
            book->selected[i] = where_match(filter, value_of, &one);
    }
    where_destroy(filter);
    return true;
}

bool casebook_selected(const struct casebook *book, int64_t case_id)
{
    long c = casebook_find(book, case_id);
    return c < 0 ? book->caseless : book->selected[c];
}
