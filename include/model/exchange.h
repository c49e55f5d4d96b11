/* Exchanging whole projects with other QDA programs: REFI-QDA 1.5 .qdpx archives.
 *
 * What corresponds to what:
 *   users              coders, by name (a user without a name, or with one that is not a
 *                      coder's name by core/names.h, is "user" and the GUID's first 8 digits;
 *                      codings that name nobody belong to the coder "unattributed")
 *   the codebook       codes, by GUID (names, descriptions, colours, isCodable; the order of
 *                      siblings gives the numbers)
 *   text sources       sources, by name (else the file's name); the text LF-normalised
 *   PlainTextSelection one coding per Coding in it, at its start and end (code points)
 *   a Coding of a      a coding of the whole text
 *   whole source
 *   cases, variables   cases and their attributes (Text, Integer, Float, Date, Boolean; a
 *                      DateTime is text); a case's SourceRef links the source to it
 *   notes              memos: on the project, a source, a code, a coding (a selection's
 *                      Description and notes, and its Coding's notes); a case's Description
 * margin keeps no GUIDs for coders, sources, cases and attributes, nor for codings; export
 * derives them from names, text and spans (guid_derive), so that exporting a project twice
 * gives the same GUIDs, and exporting what was imported gives the same file again. */
#ifndef MARGIN_MODEL_EXCHANGE_H
#define MARGIN_MODEL_EXCHANGE_H

#include "core/error.h"
#include "core/row.h"
#include "io/warnings.h"
#include "model/project.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The coder of codings whose file names nobody as their author. */
#define EXCHANGE_UNATTRIBUTED "unattributed"

/* What an import did, for the user. */
struct exchange_report {
    size_t sources_added;
    size_t sources_unchanged; /* already in the project with the same text */
    size_t codes_added;
    size_t codes_updated;
    size_t codes_unchanged;
    size_t coders_added;
    size_t cases_added;
    size_t codings_added;
    size_t codings_unchanged; /* the coder already had that code on that span */
    size_t memos_written;     /* on the project, sources, codes, cases (a coding's comes with it) */
    size_t coding_memos;      /* codings added with a memo */
    struct warning_list warnings; /* what was skipped or changed, one line each */
};

/* Frees the report's warnings; accepts a report that was never filled. */
void exchange_report_finish(struct exchange_report *report);

/* Imports a .qdpx archive into the project: coders, codes, cases and attributes, text sources
 * (of the given kind; REFI-QDA has no kinds) with their codings, and memos, as the table above
 * says. The whole archive is read and checked first, then everything is written in one
 * transaction, or nothing is: a bad archive (not a zip, no project.qde, a position past the end
 * of a text, a coding of a code the codebook lacks), a source whose name the project already
 * has with other text, or an attribute whose type the values do not fit, fails with a message
 * naming the file and the place, and leaves the project as it was. What margin does not keep
 * (pictures, audio, video, PDF selections, links, sets, variables of sources, ...) is skipped
 * and listed in report->warnings. A coding the coder already has is not added again, so
 * importing the same archive twice changes nothing. On success and on failure the caller
 * finishes the report. */
bool exchange_import_qdpx(struct project *project, const char *path, enum source_kind kind,
                          struct exchange_report *report, struct error *err);

/* As exchange_import_qdpx(), from an archive in memory; `name` starts messages. */
bool exchange_import_qdpx_data(struct project *project, const char *data, size_t n,
                               const char *name, enum source_kind kind,
                               struct exchange_report *report, struct error *err);

/* Writes the project as a .qdpx archive to out: every coder, the codebook with its memos,
 * attributes, cases, sources (texts as sources/GUID.txt) and every coder's codings, one
 * PlainTextSelection per coding, with memos as notes. A detached coding, which the standard
 * has no place for, is a note on its source saying who coded what where, with its memo;
 * *detached is set to how many there were. The project.qde validates against the standard's
 * Project.xsd. The project is only read. Returns false with a message when reading the
 * project or writing fails; out may then hold part of an archive, so the caller writes to a
 * temporary file (io/file.h: file_output_open) and keeps it only on success. */
bool exchange_export_qdpx(struct project *project, FILE *out, size_t *detached, struct error *err);

#endif
