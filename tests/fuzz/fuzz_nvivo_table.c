/* Fuzzes the NVivo codebook table reader: nvivo_table_detect(), nvivo_table_headless() and
 * nvivo_table_parse() on the same bytes. A table it accepts must have codes and, being a codebook
 * like any other, must survive the round trip through YAML of codebook_round_trip.h; anything else
 * aborts. */
#include "codebook_round_trip.h"
#include "io/nvivo_table.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct error err;
    (void)nvivo_table_detect(text, size);
    (void)nvivo_table_headless(text, size);
    struct codetree *tree = nvivo_table_parse(text, size, "fuzz.txt", &err);
    if (!tree)
        return 0;
    if (codetree_count(tree) == 0) {
        fprintf(stderr, "a table was accepted with no codes\n");
        abort();
    }
    check_codebook_round_trip(tree);
    codetree_destroy(tree);
    return 0;
}
