/* REFI-QDA 1.5 project archives (.qdpx): a zip holding project.qde (io/refi_xml.h) and the
 * sources' files under sources/, read and written with libzip.
 *
 * Reading takes each text source's text from the archive (plainTextPath "internal://x.txt", or
 * "x.txt" as some tools write it, is sources/x.txt; a source stored only as a .docx is read from
 * the .txt beside it), normalises it and checks every selection against it
 * (refi_source_set_text), then checks the references between the parts (refi_project_check).
 * A source whose text lies outside the archive, or that has only a rich-text file, is skipped
 * with a warning; an archive that is not a zip, has no project.qde, lacks a file its project
 * names, or holds a position past the end of a text is refused with a message naming the file
 * and what is wrong. */
#ifndef MARGIN_IO_QDPX_H
#define MARGIN_IO_QDPX_H

#include "core/error.h"
#include "io/refi.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Reads an archive from data[0..n); `name` (the file's name) starts every message. On success
 * the caller finishes *out, whose sources all have their text; on failure *out is empty. */
bool qdpx_parse(const char *data, size_t n, const char *name, struct refi_project *out,
                struct error *err);

/* As qdpx_parse(), from a file of up to REFI_TOTAL_MAX_BYTES. */
bool qdpx_read(const char *path, struct refi_project *out, struct error *err);

/* Writes the project as an archive: project.qde, and each source's text (which must be set) as
 * sources/GUID.txt, which its plainTextPath names as internal://GUID.txt (a GUID that two
 * sources share gets sources/source-N.txt). Notes are written inside project.qde. Returns false
 * with a message when writing fails. */
bool qdpx_write(const struct refi_project *project, FILE *out, struct error *err);

/* A named file for qdpx_pack(). */
struct qdpx_entry {
    const char *name;
    const void *data;
    size_t size;
};

/* The time every entry of an archive margin writes carries, in MS-DOS form: 1980-01-01 00:00,
 * the earliest a zip can hold. */
#define QDPX_DOS_TIME 0x0000u
#define QDPX_DOS_DATE 0x0021u

/* Writes a zip archive of the entries, compressed, to out. Every entry is dated QDPX_DOS_DATE
 * and QDPX_DOS_TIME, so that the same entries give the same bytes whenever they are packed.
 * qdpx_write() uses it; tests use it to build archives as other tools write them. */
bool qdpx_pack(const struct qdpx_entry *entries, size_t count, FILE *out, struct error *err);

#endif
