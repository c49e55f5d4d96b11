/* REFI-QDA 1.5 projects as plain values: what margin reads from a .qdpx archive and writes to
 * one (io/qdpx.h), and what the XML of its project.qde holds (io/refi_xml.h).
 *
 * The values follow the standard's elements, keeping what margin can use: users, the codebook,
 * variables, cases, text sources with their selections and codings, and notes. GUIDs are kept
 * in lowercase 8-4-4-4-12 form (braces removed); "" means none. Positions are Unicode code
 * points, 0-based, end excluded. Every string belongs to the value it is in, and
 * refi_project_finish() frees them all. */
#ifndef MARGIN_IO_REFI_H
#define MARGIN_IO_REFI_H

#include "core/codetree.h"
#include "core/error.h"
#include "io/warnings.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REFI_GUID_SIZE 37

/* The largest text (a source or a note) margin reads from an archive, and the most text of all
 * sources and notes together. */
#define REFI_TEXT_MAX_BYTES  (64u * 1024 * 1024)
#define REFI_TOTAL_MAX_BYTES (512u * 1024 * 1024)

/* A reference to something by its GUID (a NoteRef, a SourceRef), and the line it is on. */
struct refi_ref {
    char guid[REFI_GUID_SIZE];
    size_t line;
};

struct refi_ref_list {
    struct refi_ref *items;
    size_t count, cap;
};

/* A NoteRef of a code: from the code `from` to the note `to`. */
struct refi_link {
    char from[REFI_GUID_SIZE];
    char to[REFI_GUID_SIZE];
    size_t line;
};

struct refi_link_list {
    struct refi_link *items;
    size_t count, cap;
};

/* A user (in margin, a coder). */
struct refi_user {
    char guid[REFI_GUID_SIZE];
    char *name; /* NULL when the file gives none */
    size_t line;
};

struct refi_user_list {
    struct refi_user *items;
    size_t count, cap;
};

/* A code applied to a selection (or to a whole source) by a user. */
struct refi_coding {
    char guid[REFI_GUID_SIZE];
    char code[REFI_GUID_SIZE];    /* the CodeRef */
    char creator[REFI_GUID_SIZE]; /* creatingUser, or "" */
    struct refi_ref_list notes;
    size_t line;
};

struct refi_coding_list {
    struct refi_coding *items;
    size_t count, cap;
};

/* A PlainTextSelection: a span of a text source and the codings on it. */
struct refi_selection {
    char guid[REFI_GUID_SIZE];
    char *name;        /* or NULL */
    char *description; /* or NULL */
    int64_t start;
    int64_t end;
    char creator[REFI_GUID_SIZE];
    struct refi_coding_list codings;
    struct refi_ref_list notes;
    size_t line;
};

struct refi_selection_list {
    struct refi_selection *items;
    size_t count, cap;
};

/* A text source, or a note (the standard gives both the same shape). Its text comes inline
 * (PlainTextContent) or from a file of the archive (plainTextPath); text is NULL until it is
 * known. After qdpx_parse() the text is LF-normalised UTF-8 and every selection lies inside
 * it. */
struct refi_source {
    char guid[REFI_GUID_SIZE];
    char *name;        /* or NULL */
    char *description; /* or NULL */
    char *text;        /* NUL-terminated; size bytes */
    size_t size;
    char *plain_path; /* plainTextPath as written, or NULL */
    char *rich_path;  /* richTextPath (a .docx, say), or NULL */
    char creator[REFI_GUID_SIZE];
    struct refi_selection_list selections;
    struct refi_coding_list codings; /* codings of the whole source */
    struct refi_ref_list notes;
    size_t line;
};

struct refi_source_list {
    struct refi_source *items;
    size_t count, cap;
};

enum refi_variable_type {
    REFI_VARIABLE_TEXT,
    REFI_VARIABLE_BOOLEAN,
    REFI_VARIABLE_INTEGER,
    REFI_VARIABLE_FLOAT,
    REFI_VARIABLE_DATE,
    REFI_VARIABLE_DATETIME,
};

/* "Text", "Boolean", "Integer", "Float", "Date", "DateTime" (typeOfVariable); and back. */
const char *refi_variable_type_name(enum refi_variable_type type);
bool refi_variable_type_parse(const char *name, enum refi_variable_type *type);

struct refi_variable {
    char guid[REFI_GUID_SIZE];
    char *name;
    char *description; /* or NULL */
    enum refi_variable_type type;
    size_t line;
};

struct refi_variable_list {
    struct refi_variable *items;
    size_t count, cap;
};

/* A case's value for a variable, as written (a boolean "true", a date "2019-11-14"). */
struct refi_value {
    char variable[REFI_GUID_SIZE];
    char *value;
    size_t line;
};

struct refi_value_list {
    struct refi_value *items;
    size_t count, cap;
};

struct refi_case {
    char guid[REFI_GUID_SIZE];
    char *name;        /* or NULL */
    char *description; /* or NULL */
    struct refi_value_list values;
    struct refi_ref_list sources; /* SourceRefs */
    size_t line;
};

struct refi_case_list {
    struct refi_case *items;
    size_t count, cap;
};

struct refi_project {
    char *name;
    char *origin;      /* the program that wrote it, or NULL */
    char *description; /* or NULL */
    struct refi_user_list users;
    struct codetree *codes;           /* indexed, in outline order; NULL without a codebook */
    struct refi_link_list code_notes; /* NoteRefs of codes */
    struct refi_variable_list variables;
    struct refi_case_list cases;
    struct refi_source_list sources;
    struct refi_source_list notes;
    struct refi_ref_list project_notes; /* the project's own NoteRefs */
    struct warning_list warnings;       /* what reading skipped */
};

/* Free everything the value holds and empty it; each accepts an empty value. */
void refi_project_finish(struct refi_project *project);
void refi_source_finish(struct refi_source *source);
void refi_selection_finish(struct refi_selection *selection);

/* Reads a GUID as the standard allows it (8-4-4-4-12 hex digits, optionally in braces, with
 * spaces around) into out, in lowercase without braces. Returns false for anything else,
 * leaving out as it was. */
bool refi_guid_parse(const char *text, char out[REFI_GUID_SIZE]);

/* Reads a colour (#rrggbb or #rgb) as #rrggbb into out; false for anything else. */
bool refi_colour_parse(const char *text, char out[8]);

/* The user, source, note or case with this GUID, or NULL. */
const struct refi_user *refi_find_user(const struct refi_project *project, const char *guid);
const struct refi_source *refi_find_source(const struct refi_project *project, const char *guid);
const struct refi_source *refi_find_note(const struct refi_project *project, const char *guid);
const struct refi_variable *refi_find_variable(const struct refi_project *project,
                                               const char *guid);

/* Gives a source (or note) its text from raw[0..n), as the exporter stored it: skips a UTF-8
 * byte order mark, turns CRLF and lone CR into LF as margin's transcript import does, and
 * moves every selection's positions with the text. Positions count the code points of the text
 * as stored (the CR of a CRLF counts; a byte order mark does not), so each selection keeps
 * pointing at the same characters. `file` names the text in messages ("study.qdpx:
 * sources/int01.txt"), `qde` the XML its selections were read from. Fails for text larger than
 * REFI_TEXT_MAX_BYTES, text that is not UTF-8 or holds a NUL byte, and a selection that is
 * reversed or ends past the end of the text; a selection that becomes empty is dropped with a
 * warning. On a failure other than running out of memory the source is unchanged. */
bool refi_source_set_text(struct refi_source *source, const char *raw, size_t n, const char *qde,
                          const char *file, struct warning_list *warnings, struct error *err);

/* Checks the references between the parts of a read project: a coding must refer to a code of
 * the codebook (an error naming `name`, the file, and the line); references to users, notes,
 * sources and variables that the file does not have, and notes nothing refers to, are warned
 * about. */
bool refi_project_check(struct refi_project *project, const char *name, struct error *err);

/* What a file is when it is a REFI-QDA file, told by its content, so that a file given to the
 * wrong reader is named for what it is rather than refused for a NUL byte or read as text. */
enum refi_file_kind {
    REFI_FILE_NONE,
    REFI_FILE_ARCHIVE,  /* a zip holding a project.qde: a .qdpx */
    REFI_FILE_ZIP,      /* any other zip (a .docx, .xlsx or .odt, say); not REFI-QDA */
    REFI_FILE_PROJECT,  /* XML whose root element is Project: a project.qde */
    REFI_FILE_CODEBOOK, /* XML whose root element is CodeBook: a .qdc */
};

/* The kind of data[0..n). A zip is known by its signature at the start; XML counts when its
 * root element (after a byte order mark, an XML declaration and comments) is Project or
 * CodeBook, in the standard's namespace or after an XML declaration. */
enum refi_file_kind refi_file_identify(const char *data, size_t n);

/* The kind as a message names it: "a REFI-QDA project archive (.qdpx)"; "" for none. */
const char *refi_file_kind_name(enum refi_file_kind kind);

/* The text of the notes `refs` refers to, joined by blank lines, in *out (the caller frees it;
 * NULL when there is none). `first` (may be NULL) comes before them, as a description does.
 * Returns false when memory runs out. */
bool refi_notes_text(const struct refi_project *project, const char *first,
                     const struct refi_ref_list *refs, char **out);

#endif
