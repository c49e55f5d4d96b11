#include "io/codebook_file.h"

#include "io/csv.h"
#include "io/file.h"
#include "io/nvivo_table.h"
#include "io/yaml_codebook.h"

#include <stdlib.h>

struct codetree *codebook_file_read(const char *path, enum codebook_file_format *format,
                                    struct error *err)
{
    char *data;
    size_t n;
    if (!file_read(path, CODEBOOK_FILE_MAX_BYTES, &data, &n, err))
        return NULL;
    struct codetree *tree;
    if (nvivo_table_detect(data, n)) {
        *format = CODEBOOK_FILE_NVIVO_TABLE;
        tree = nvivo_table_parse(data, n, path, err);
    } else {
        *format = CODEBOOK_FILE_YAML;
        tree = yaml_codebook_parse(data, n, path, err);
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
