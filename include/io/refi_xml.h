/* The XML of REFI-QDA 1.5: a project's project.qde (namespace urn:QDA-XML:project:1.0) and a
 * .qdc codebook (urn:QDA-XML:codebook:1.0), read with libxml2 and written to validate against
 * the standard's Project.xsd and Codebook.xsd.
 *
 * Reading is tolerant, as files from other tools need: elements may come in any order, optional
 * ones may be missing, GUIDs may be in braces or capitals, and elements margin does not keep
 * (pictures, audio, video, links, sets, graphs, unknown elements) are skipped with a warning.
 * What margin cannot do without is an error naming the file and the line: XML that is not well
 * formed, a document type declaration (refused, so that no entity is ever expanded), a code
 * without a GUID or with one used twice, a position that is not a whole number. */
#ifndef MARGIN_IO_REFI_XML_H
#define MARGIN_IO_REFI_XML_H

#include "core/codetree.h"
#include "core/error.h"
#include "io/refi.h"
#include "io/warnings.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The namespaces of a project.qde and of a .qdc. */
#define REFI_XML_PROJECT_NS  "urn:QDA-XML:project:1.0"
#define REFI_XML_CODEBOOK_NS "urn:QDA-XML:codebook:1.0"

/* The largest project.qde or .qdc margin reads. */
#define REFI_XML_MAX_BYTES (256u * 1024 * 1024)

/* True when data[0..n) looks like XML: after an optional byte order mark and white space, '<';
 * or UTF-16 with a byte order mark and '<'. */
bool refi_xml_detect(const char *data, size_t n);

/* Parses a project.qde from data[0..n) into *out; `name` ("study.qdpx: project.qde") starts
 * every message. Texts given inline (PlainTextContent) are kept as written: the archive reader
 * (io/qdpx.h) gives every source its normalised text and checks the positions. On failure *out
 * is empty; on success the caller finishes it. Warnings go to out->warnings. */
bool refi_xml_parse_project(const char *data, size_t n, const char *name, struct refi_project *out,
                            struct error *err);

/* Parses a .qdc codebook into a new, indexed code tree with provisional ids 1, 2, ... in file
 * order and positions 1, 2, ... among siblings, as the other codebook readers give; GUIDs,
 * names, descriptions, colours (#rgb becomes #rrggbb) and isCodable are kept. A project.qde is
 * read for its codebook too. Warnings go to `warnings` (may be NULL). Returns NULL with a
 * message on failure; the caller destroys the tree. */
struct codetree *refi_xml_parse_codebook(const char *data, size_t n, const char *name,
                                         struct warning_list *warnings, struct error *err);

/* Writes the project as project.qde. A source with plain_path gets a plainTextPath and no
 * PlainTextContent; one without gets its text inline. Notes are written inline. Text that XML
 * cannot hold (control characters other than tab and line breaks, bytes that are not UTF-8)
 * is written as U+FFFD, one for one. Code GUIDs are written in lowercase; elements whose GUID
 * is "" (a code's: not a GUID) get one derived from their place, so that the output always
 * validates. The document goes to out as it is written; returns false when writing fails, and
 * out may then hold part of it. */
bool refi_xml_write_project(const struct refi_project *project, FILE *out, struct error *err);

/* Writes the tree as a .qdc codebook (`origin` names the writer, or NULL). A code's outline
 * number is not written, as the standard has no place for it; reading the file back gives
 * the codes in the same order, numbered 1, 2, ... among siblings. Fails for an empty tree,
 * which the schema does not allow, and when writing fails (out may then hold part of it). */
bool refi_xml_write_codebook(const struct codetree *tree, const char *origin, FILE *out,
                             struct error *err);

#endif
