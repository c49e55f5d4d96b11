/* Writing one sheet of a spreadsheet workbook (.xlsx, Office Open XML) with libxlsxwriter.
 *
 * Every text cell is written as a string, never as a formula, so that a transcript line that
 * starts with "=" stays text; text is UTF-8 and opens as such in every spreadsheet. Numbers are
 * numbers. The workbook appears at its path only when xlsx_close() succeeds. */
#ifndef MARGIN_IO_XLSX_H
#define MARGIN_IO_XLSX_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest text a cell holds (Excel's limit, in characters). */
#define XLSX_CELL_MAX 32767

struct xlsx;

/* Starts a workbook to be written to `path`, with one sheet named `sheet` (at most 31
 * characters, none of []:*?/\). Returns NULL with a message when memory runs out. */
struct xlsx *xlsx_create(const char *path, const char *sheet, struct error *err);

/* Writes text or a number into a cell (0-based row and column; at most 1,048,576 rows and
 * 16,384 columns). A text longer than XLSX_CELL_MAX characters is cut there, ending in "...".
 * Failures are kept and reported by xlsx_close(). */
void xlsx_text(struct xlsx *x, size_t row, size_t column, const char *s);
void xlsx_number(struct xlsx *x, size_t row, size_t column, int64_t n);

/* Makes a column `width` characters wide and its text wrap, for long summaries. */
void xlsx_column_width(struct xlsx *x, size_t column, double width);

/* Writes the workbook and frees it. Returns false with a message (naming the path) when a cell
 * could not be written or the file not saved; then no file is left at the path. */
bool xlsx_close(struct xlsx *x, struct error *err);

#endif
