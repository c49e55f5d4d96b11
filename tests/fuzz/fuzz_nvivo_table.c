/* Fuzzes the NVivo codebook table reader: nvivo_table_detect() and nvivo_table_parse() on the
 * same bytes. A table it accepts must have codes and, being a codebook like any other, must
 * export: it is written with yaml_codebook_write() and read again, which must succeed and give
 * the same numbers, names and headings; anything else aborts. */
#include "io/nvivo_table.h"
#include "io/yaml_codebook.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct error err;
    (void)nvivo_table_detect(text, size);
    struct codetree *tree = nvivo_table_parse(text, size, "fuzz.txt", &err);
    if (!tree)
        return 0;
    if (codetree_count(tree) == 0) {
        fprintf(stderr, "a table was accepted with no codes\n");
        abort();
    }

    char *written = NULL;
    size_t written_size = 0;
    FILE *out = open_memstream(&written, &written_size);
    if (!out)
        abort();
    bool ok = yaml_codebook_write(tree, out, &err);
    if (fclose(out) != 0 || !ok) {
        fprintf(stderr, "an accepted table cannot be written as YAML: %s\n", err.message);
        abort();
    }
    struct codetree *again = yaml_codebook_parse(written, written_size, "written.yaml", &err);
    if (!again) {
        fprintf(stderr, "an accepted table, written as YAML, does not read back: %s\n%s\n",
                err.message, written);
        abort();
    }
    if (codetree_count(again) != codetree_count(tree))
        abort();
    for (size_t i = 0; i < codetree_count(tree); i++) {
        const struct code *a = codetree_get(tree, i);
        const struct code *b = codetree_get(again, i);
        char number_a[OUTLINE_TEXT_MAX], number_b[OUTLINE_TEXT_MAX];
        codetree_number_text(tree, (int)i, number_a);
        codetree_number_text(again, (int)i, number_b);
        if (strcmp(number_a, number_b) != 0 || strcmp(a->name, b->name) != 0 ||
            a->codable != b->codable) {
            fprintf(stderr, "code %s '%s' came back as %s '%s'\n", number_a, a->name, number_b,
                    b->name);
            abort();
        }
    }
    codetree_destroy(again);
    codetree_destroy(tree);
    free(written);
    return 0;
}
