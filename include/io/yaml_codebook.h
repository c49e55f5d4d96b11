/* margin's YAML codebook format (described in margin-codebook(5)). */
#ifndef MARGIN_IO_YAML_CODEBOOK_H
#define MARGIN_IO_YAML_CODEBOOK_H

#include "core/codetree.h"
#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The value of a codebook's `format` key. */
#define YAML_CODEBOOK_FORMAT_LINE "margin-codebook 1"

/* Parses a YAML codebook from data[0..n) into a new, indexed tree with provisional ids; `name`
 * (the file name) starts every error message, followed by the line and column. Refuses unknown
 * keys, codes without names, duplicate numbers and GUIDs, numbers that contradict the nesting,
 * codes repeated or nested through YAML aliases, and nesting deeper than OUTLINE_DEPTH_MAX
 * (lists and mappings nested too deep are refused as the parser reaches them, so that no file
 * keeps libyaml busy). Also refuses what YAML allows but would lose part of a codebook: a key
 * given twice in one mapping, a second document, a value margin reads as text with a tag that
 * makes it something else (!!binary, !!int), and a NUL character written as an escape. */
struct codetree *yaml_codebook_parse(const char *data, size_t n, const char *name,
                                     struct error *err);

/* Writes the tree in the same format; parsing the output gives the same tree (numbers, names,
 * descriptions, colours, headings and GUIDs). Returns false when writing fails. */
bool yaml_codebook_write(const struct codetree *tree, FILE *out, struct error *err);

#endif
