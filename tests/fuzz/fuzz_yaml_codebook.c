/* Fuzzes the YAML codebook reader, yaml_codebook_parse(). A codebook it accepts must survive
 * the round trip of codebook_round_trip.h; anything else aborts, so that libFuzzer reports a
 * round-trip mismatch as a crash. */
#include "codebook_round_trip.h"
#include "io/yaml_codebook.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct error err;
    struct codetree *tree = yaml_codebook_parse((const char *)data, size, "fuzz.yaml", &err);
    if (!tree)
        return 0;
    check_codebook_round_trip(tree);
    codetree_destroy(tree);
    return 0;
}
