/* Codebook files: reading any format margin knows, and writing CSV for spreadsheets (YAML is
 * written by io/yaml_codebook.h, REFI-QDA's .qdc by io/refi_xml.h).
 *
 * Readers return a new, indexed code tree with provisional ids 1, 2, ... in file order; the
 * caller destroys it. Every error names the file, and the line and column where there is one. */
#ifndef MARGIN_IO_CODEBOOK_FILE_H
#define MARGIN_IO_CODEBOOK_FILE_H

#include "core/codetree.h"
#include "core/error.h"
#include "io/warnings.h"

#include <stdbool.h>
#include <stdio.h>

/* The largest codebook file margin reads. */
#define CODEBOOK_FILE_MAX_BYTES (16u * 1024 * 1024)

enum codebook_file_format {
    CODEBOOK_FILE_YAML,        /* margin's own, see margin-codebook(5) */
    CODEBOOK_FILE_NVIVO_TABLE, /* NVivo's "Name / Files / References" table */
    CODEBOOK_FILE_QDC,         /* REFI-QDA's codebook exchange file (XML) */
};

/* Reads a codebook file, telling the formats apart by content (XML is a .qdc; a table with
 * NVivo's header is one; anything else is YAML), and says which it was. A zip archive (a .qdpx,
 * or a .docx) is refused, saying what it is. A table in UTF-16 is
 * refused as UTF-16, and a file the YAML reader refuses that looks like a table without its
 * header line is refused with a message giving the header. What a .qdc holds that margin does
 * not keep (sets of codes, unknown elements) is skipped with a warning added to `warnings`,
 * which may be NULL. */
struct codetree *codebook_file_read(const char *path, enum codebook_file_format *format,
                                    struct warning_list *warnings, struct error *err);

/* Writes the tree as CSV with the header number,name,parent,codable,description,colour,guid. */
bool codebook_file_write_csv(const struct codetree *tree, FILE *out);

#endif
