#include "io/codebook_file.h"

#include "io/csv.h"
#include "io/file.h"
#include "io/nvivo_table.h"
#include "io/refi.h"
#include "io/refi_xml.h"
#include "io/yaml_codebook.h"

#include <stdlib.h>
#include <string.h>

/* True when data[0..n) is UTF-16 text with an NVivo table's header line. The header is ASCII,
 * so without the NUL bytes UTF-16 gives it, it reads as it would in UTF-8. */
static bool utf16_table(const char *data, size_t n)
{
    const char *encoding = file_utf16_encoding(data, n);
    if (!encoding)
        return false;
    size_t head = n < 4096 ? n : 4096;
    char ascii[4096];
    size_t k = 0;
    size_t bom = strcmp(encoding, "UTF-16") == 0 ? 2 : 0; /* a byte order mark */
    for (size_t i = bom; i < head; i++) {
        if (data[i] != '\0')
            ascii[k++] = data[i];
    }
    return nvivo_table_detect(ascii, k);
}

struct codetree *codebook_file_read(const char *path, enum codebook_file_format *format,
                                    struct warning_list *warnings, struct error *err)
{
    char *data;
    size_t n;
    if (!file_read(path, CODEBOOK_FILE_MAX_BYTES, &data, &n, err))
        return NULL;
    struct codetree *tree = NULL;
    enum refi_file_kind kind = refi_file_identify(data, n);
    if (kind == REFI_FILE_ARCHIVE) {
        error_user(err,
                   "%s is %s, not a codebook; `margin refi import` imports it, codebook and all",
                   path, refi_file_kind_name(kind));
    } else if (kind == REFI_FILE_ZIP) {
        error_user(err,
                   "%s is %s, not a codebook; margin reads its own YAML, NVivo's codebook table "
                   "saved as text, and REFI-QDA .qdc files",
                   path, refi_file_kind_name(kind));
    } else if (refi_xml_detect(data, n)) {
        *format = CODEBOOK_FILE_QDC;
        tree = refi_xml_parse_codebook(data, n, path, warnings, err);
    } else if (nvivo_table_detect(data, n)) {
        *format = CODEBOOK_FILE_NVIVO_TABLE;
        tree = nvivo_table_parse(data, n, path, err);
    } else if (utf16_table(data, n)) {
        /* libyaml reads UTF-16, so a YAML codebook in it is read; a table is not. */
        *format = CODEBOOK_FILE_NVIVO_TABLE;
        file_refuse_utf16(data, n, path, err);
    } else {
        *format = CODEBOOK_FILE_YAML;
        tree = yaml_codebook_parse(data, n, path, err);
        size_t line = tree ? 0 : nvivo_table_headless(data, n);
        if (line) {
            error_user(err,
                       "%s:%zu: this looks like a codebook table from NVivo without its header "
                       "line; put the line 'Name<tab>Files<tab>References' above the codes",
                       path, line);
        }
    }
    free(data);
    return tree;
}

bool codebook_file_write_csv(const struct codetree *tree, FILE *out)
{
    static const char *const header[] = {"number",      "name",   "parent", "codable",
                                         "description", "colour", "guid"};
    if (!csv_write_row(out, header, sizeof header / sizeof header[0], false))
        return false;
    for (size_t i = 0; i < codetree_count(tree); i++) {
        const struct code *code = codetree_get(tree, i);
        char number[OUTLINE_TEXT_MAX];
        char parent[OUTLINE_TEXT_MAX] = "";
        codetree_number_text(tree, (int)i, number);
        if (code->parent >= 0)
            codetree_number_text(tree, code->parent, parent);
        const char *fields[] = {number,
                                code->name,
                                parent,
                                code->codable ? "true" : "false",
                                code->description ? code->description : "",
                                code->colour ? code->colour : "",
                                code->guid};
        if (!csv_write_row(out, fields, sizeof fields / sizeof fields[0], false))
            return false;
    }
    return true;
}
