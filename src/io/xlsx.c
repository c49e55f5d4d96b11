#include "io/xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

struct xlsx {
    lxw_workbook *book;
    lxw_worksheet *sheet;
    lxw_format *wrap;
    char *path;
    lxw_error failed; /* the first failure, LXW_NO_ERROR when none */
};

struct xlsx *xlsx_create(const char *path, const char *sheet, struct error *err)
{
    struct xlsx *x = calloc(1, sizeof *x);
    if (!x || !(x->path = strdup(path))) {
        free(x);
        error_internal(err, "out of memory");
        return NULL;
    }
    lxw_workbook_options options = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    x->book = workbook_new_opt(path, &options);
    x->sheet = x->book ? workbook_add_worksheet(x->book, sheet) : NULL;
    x->wrap = x->book ? workbook_add_format(x->book) : NULL;
    if (!x->sheet || !x->wrap) {
        if (x->book)
            workbook_close(x->book);
        unlink(path);
        free(x->path);
        free(x);
        error_internal(err, "%s: could not start a workbook", path);
        return NULL;
    }
    format_set_text_wrap(x->wrap);
    format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
    return x;
}

static void keep(struct xlsx *x, lxw_error e)
{
    if (x->failed == LXW_NO_ERROR)
        x->failed = e;
}

void xlsx_text(struct xlsx *x, size_t row, size_t column, const char *s)
{
    if (row > LXW_ROW_MAX - 1 || column > LXW_COL_MAX - 1) {
        keep(x, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
        return;
    }
    size_t chars = 0, cut = 0;
    for (size_t i = 0; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars == XLSX_CELL_MAX - 2)
            cut = i;
    }
    if (chars <= XLSX_CELL_MAX) {
        keep(x, worksheet_write_string(x->sheet, (lxw_row_t)row, (lxw_col_t)column, s, NULL));
        return;
    }
    char *shorter = malloc(cut + 4);
    if (!shorter) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    memcpy(shorter, s, cut);
    memcpy(shorter + cut, "...", 4);
    keep(x, worksheet_write_string(x->sheet, (lxw_row_t)row, (lxw_col_t)column, shorter, NULL));
    free(shorter);
}

void xlsx_number(struct xlsx *x, size_t row, size_t column, int64_t n)
{
    if (row > LXW_ROW_MAX - 1 || column > LXW_COL_MAX - 1) {
        keep(x, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
        return;
    }
    keep(x, worksheet_write_number(x->sheet, (lxw_row_t)row, (lxw_col_t)column, (double)n, NULL));
}

void xlsx_column_width(struct xlsx *x, size_t column, double width)
{
    if (column <= LXW_COL_MAX - 1)
        keep(x,
             worksheet_set_column(x->sheet, (lxw_col_t)column, (lxw_col_t)column, width, x->wrap));
}

bool xlsx_close(struct xlsx *x, struct error *err)
{
    lxw_error closed = workbook_close(x->book);
    bool ok = x->failed == LXW_NO_ERROR && closed == LXW_NO_ERROR;
    if (!ok) {
        lxw_error e = x->failed != LXW_NO_ERROR ? x->failed : closed;
        error_user(err, "%s: could not write the workbook (%s)", x->path, lxw_strerror(e));
        unlink(x->path);
    }
    free(x->path);
    free(x);
    return ok;
}
