/* The codebook table NVivo exports ("Name / Files / References"), as found in reports. */
#ifndef MARGIN_IO_NVIVO_TABLE_H
#define MARGIN_IO_NVIVO_TABLE_H

#include "core/codetree.h"
#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>

/* True when data[0..n) has a "Name<TAB>Files<TAB>References" header line. */
bool nvivo_table_detect(const char *data, size_t n);

/* For a file that is not a table because it lacks the header line: the line of the first line
 * shaped as a code line of a table ("01.02 Name", then two counts, the columns apart by a tab or
 * several spaces), or 0 when there is none (or the header is there). */
size_t nvivo_table_headless(const char *data, size_t n);

/* Parses the table: lines "NUMBER NAME<TAB>FILES<TAB>REFERENCES" whose numbers give the
 * hierarchy (01.03.01.01 sits under 01.03.01) and the positions, as printed. Lines that do not
 * start with a number (titles, repeated headers, page furniture) are skipped; a line that starts
 * with a number but is not a code line, a number margin cannot give a code (a level of more than
 * four digits or numbered 0, more than OUTLINE_DEPTH_MAX levels), a number whose parent is
 * missing above it, or a number used twice is an error naming the line. A code that has sub-codes
 * and was never coded (0 files and 0 references) becomes a heading that cannot be coded. Data that
 * is not UTF-8 is refused, naming the line and column of the first bad byte, and so is a code line
 * with a NUL byte. */
struct codetree *nvivo_table_parse(const char *data, size_t n, const char *name, struct error *err);

#endif
