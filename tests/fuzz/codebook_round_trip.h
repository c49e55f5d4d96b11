/* The round trip that the codebook drivers ask of every tree a reader accepts: written with
 * yaml_codebook_write() and read again with yaml_codebook_parse(), it must give the same tree
 * (numbers, names, descriptions, colours, headings and GUIDs). Included by one driver each. */
#ifndef MARGIN_FUZZ_CODEBOOK_ROUND_TRIP_H
#define MARGIN_FUZZ_CODEBOOK_ROUND_TRIP_H

#include "io/yaml_codebook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void mismatch(const char *what, size_t index, const char *written)
{
    fprintf(stderr, "round trip changed the %s of code %zu; the codebook written was:\n%s\n", what,
            index, written);
    abort();
}

/* Writes `tree` as YAML to memory, reads it back and compares; aborts, saying what differs,
 * when the tree cannot be written, does not read back or reads back as another tree. */
static void check_codebook_round_trip(const struct codetree *tree)
{
    struct error err;
    char *written = NULL;
    size_t written_size = 0;
    FILE *out = open_memstream(&written, &written_size);
    if (!out)
        abort();
    bool ok = yaml_codebook_write(tree, out, &err);
    if (fclose(out) != 0 || !ok) {
        fprintf(stderr, "could not write a codebook that was read: %s\n", err.message);
        abort();
    }
    struct codetree *again = yaml_codebook_parse(written, written_size, "written.yaml", &err);
    if (!again) {
        fprintf(stderr, "the written codebook does not read back: %s\n%s\n", err.message, written);
        abort();
    }
    if (codetree_count(again) != codetree_count(tree)) {
        fprintf(stderr, "%zu codes read, %zu after writing and reading again:\n%s\n",
                codetree_count(tree), codetree_count(again), written);
        abort();
    }
    for (size_t i = 0; i < codetree_count(tree); i++) {
        const struct code *a = codetree_get(tree, i);
        const struct code *b = codetree_get(again, i);
        char number_a[OUTLINE_TEXT_MAX], number_b[OUTLINE_TEXT_MAX];
        codetree_number_text(tree, (int)i, number_a);
        codetree_number_text(again, (int)i, number_b);
        if (strcmp(number_a, number_b) != 0)
            mismatch("number", i, written);
        if (strcmp(a->name, b->name) != 0)
            mismatch("name", i, written);
        if (!same_text(a->description, b->description))
            mismatch("description", i, written);
        if (!same_text(a->colour, b->colour))
            mismatch("colour", i, written);
        if (a->codable != b->codable)
            mismatch("heading flag", i, written);
        if (strcmp(a->guid, b->guid) != 0)
            mismatch("GUID", i, written);
    }
    codetree_destroy(again);
    free(written);
}

#endif
