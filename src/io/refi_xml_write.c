/* Writing REFI-QDA XML: a project's project.qde and a .qdc codebook. */
#include "io/refi_xml.h"

#include "core/guid.h"
#include "core/strbuf.h"
#include "core/utf8.h"

#include <inttypes.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct writer {
    xmlTextWriterPtr w;
    bool ok;
    unsigned long counter; /* for GUIDs of elements that have none */
};

/* A copy of s that XML 1.0 can hold: every code point it cannot (C0 controls other than tab,
 * LF and CR; U+FFFE, U+FFFF) and every byte that is not UTF-8 becomes U+FFFD. */
static char *xml_safe(const char *s)
{
    struct strbuf out = STRBUF_INIT;
    size_t n = strlen(s);
    bool ok = strbuf_reserve(&out, n);
    for (size_t i = 0; ok && i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        bool allowed = len > 0 && (cp == 0x9 || cp == 0xA || cp == 0xD ||
                                   (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF));
        ok = allowed ? strbuf_append(&out, s + i, len) : strbuf_puts(&out, "\xEF\xBF\xBD");
        i += len ? len : 1;
    }
    char *copy = ok ? strbuf_detach(&out) : NULL;
    strbuf_finish(&out);
    return copy;
}

static void start(struct writer *wr, const char *name)
{
    if (wr->ok && xmlTextWriterStartElement(wr->w, (const xmlChar *)name) < 0)
        wr->ok = false;
}

static void end(struct writer *wr)
{
    if (wr->ok && xmlTextWriterEndElement(wr->w) < 0)
        wr->ok = false;
}

/* Writes an attribute; nothing for a NULL value. */
static void attr(struct writer *wr, const char *name, const char *value)
{
    if (!wr->ok || !value)
        return;
    char *safe = xml_safe(value);
    if (!safe || xmlTextWriterWriteAttribute(wr->w, (const xmlChar *)name, (xmlChar *)safe) < 0)
        wr->ok = false;
    free(safe);
}

/* Writes a GUID attribute, deriving one from the element's place when `guid` is "". */
static void guid_attr(struct writer *wr, const char *name, const char *guid, const char *kind)
{
    char derived[GUID_SIZE];
    if (!guid[0]) {
        char place[64];
        int n = snprintf(place, sizeof place, "%lu", ++wr->counter);
        guid_derive(kind, place, (size_t)n, derived);
        guid = derived;
    }
    attr(wr, name, guid);
}

/* Writes <name>text</name>; nothing for a NULL text. */
static void text_element(struct writer *wr, const char *name, const char *text)
{
    if (!wr->ok || !text)
        return;
    char *safe = xml_safe(text);
    if (!safe || xmlTextWriterWriteElement(wr->w, (const xmlChar *)name, (xmlChar *)safe) < 0)
        wr->ok = false;
    free(safe);
}

static void ref_element(struct writer *wr, const char *name, const char *guid)
{
    start(wr, name);
    attr(wr, "targetGUID", guid);
    end(wr);
}

static void refs(struct writer *wr, const char *name, const struct refi_ref_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        ref_element(wr, name, list->items[i].guid);
}

static bool valid_colour(const char *colour)
{
    char expanded[8];
    return colour && refi_colour_parse(colour, expanded);
}

/* Writes the codes at indexes [from, to) that are siblings, each with its sub-codes. */
static void write_codes(struct writer *wr, const struct codetree *tree, int from, int to,
                        const struct refi_link_list *notes)
{
    for (int i = from; wr->ok && i < to;) {
        const struct code *code = codetree_get(tree, (size_t)i);
        char guid[REFI_GUID_SIZE];
        start(wr, "Code");
        if (refi_guid_parse(code->guid, guid)) {
            attr(wr, "guid", guid);
        } else {
            char number[OUTLINE_TEXT_MAX];
            char derived[GUID_SIZE];
            codetree_number_text(tree, i, number);
            guid_derive("margin code", number, strlen(number), derived);
            attr(wr, "guid", derived);
        }
        attr(wr, "name", code->name);
        attr(wr, "isCodable", code->codable ? "true" : "false");
        if (valid_colour(code->colour))
            attr(wr, "color", code->colour);
        text_element(wr, "Description", code->description);
        for (size_t k = 0; notes && k < notes->count; k++) {
            if (strcasecmp(notes->items[k].from, code->guid) == 0)
                ref_element(wr, "NoteRef", notes->items[k].to);
        }
        write_codes(wr, tree, i + 1, code->end, notes);
        end(wr);
        i = code->end;
    }
}

static void write_coding(struct writer *wr, const struct refi_coding *coding)
{
    start(wr, "Coding");
    guid_attr(wr, "guid", coding->guid, "margin coding");
    if (coding->creator[0])
        attr(wr, "creatingUser", coding->creator);
    ref_element(wr, "CodeRef", coding->code);
    refs(wr, "NoteRef", &coding->notes);
    end(wr);
}

/* Writes a <TextSource> or a <Note> (`element`). */
static void write_text_source(struct writer *wr, const char *element,
                              const struct refi_source *source)
{
    char number[24];
    start(wr, element);
    guid_attr(wr, "guid", source->guid, "margin source");
    attr(wr, "name", source->name);
    if (source->plain_path)
        attr(wr, "plainTextPath", source->plain_path);
    attr(wr, "richTextPath", source->rich_path);
    if (source->creator[0])
        attr(wr, "creatingUser", source->creator);
    text_element(wr, "Description", source->description);
    if (!source->plain_path)
        text_element(wr, "PlainTextContent", source->text ? source->text : "");
    for (size_t s = 0; wr->ok && s < source->selections.count; s++) {
        const struct refi_selection *selection = &source->selections.items[s];
        start(wr, "PlainTextSelection");
        guid_attr(wr, "guid", selection->guid, "margin selection");
        attr(wr, "name", selection->name);
        snprintf(number, sizeof number, "%" PRId64, selection->start);
        attr(wr, "startPosition", number);
        snprintf(number, sizeof number, "%" PRId64, selection->end);
        attr(wr, "endPosition", number);
        if (selection->creator[0])
            attr(wr, "creatingUser", selection->creator);
        text_element(wr, "Description", selection->description);
        for (size_t c = 0; c < selection->codings.count; c++)
            write_coding(wr, &selection->codings.items[c]);
        refs(wr, "NoteRef", &selection->notes);
        end(wr);
    }
    for (size_t c = 0; c < source->codings.count; c++)
        write_coding(wr, &source->codings.items[c]);
    refs(wr, "NoteRef", &source->notes);
    end(wr);
}

static const char *value_element(const struct refi_project *project, const char *variable)
{
    const struct refi_variable *v = refi_find_variable(project, variable);
    switch (v ? v->type : REFI_VARIABLE_TEXT) {
    case REFI_VARIABLE_BOOLEAN:
        return "BooleanValue";
    case REFI_VARIABLE_INTEGER:
        return "IntegerValue";
    case REFI_VARIABLE_FLOAT:
        return "FloatValue";
    case REFI_VARIABLE_DATE:
        return "DateValue";
    case REFI_VARIABLE_DATETIME:
        return "DateTimeValue";
    case REFI_VARIABLE_TEXT:
        break;
    }
    return "TextValue";
}

static void write_project(struct writer *wr, const struct refi_project *p)
{
    start(wr, "Project");
    attr(wr, "xmlns", REFI_XML_PROJECT_NS);
    attr(wr, "name", p->name ? p->name : "");
    attr(wr, "origin", p->origin);
    if (p->users.count) {
        start(wr, "Users");
        for (size_t i = 0; i < p->users.count; i++) {
            start(wr, "User");
            attr(wr, "guid", p->users.items[i].guid);
            attr(wr, "name", p->users.items[i].name);
            end(wr);
        }
        end(wr);
    }
    if (p->codes && codetree_count(p->codes)) {
        start(wr, "CodeBook");
        start(wr, "Codes");
        write_codes(wr, p->codes, 0, (int)codetree_count(p->codes), &p->code_notes);
        end(wr);
        end(wr);
    }
    if (p->variables.count) {
        start(wr, "Variables");
        for (size_t i = 0; i < p->variables.count; i++) {
            const struct refi_variable *v = &p->variables.items[i];
            start(wr, "Variable");
            attr(wr, "guid", v->guid);
            attr(wr, "name", v->name);
            attr(wr, "typeOfVariable", refi_variable_type_name(v->type));
            text_element(wr, "Description", v->description);
            end(wr);
        }
        end(wr);
    }
    if (p->cases.count) {
        start(wr, "Cases");
        for (size_t i = 0; i < p->cases.count; i++) {
            const struct refi_case *c = &p->cases.items[i];
            start(wr, "Case");
            guid_attr(wr, "guid", c->guid, "margin case");
            attr(wr, "name", c->name);
            text_element(wr, "Description", c->description);
            for (size_t v = 0; v < c->values.count; v++) {
                start(wr, "VariableValue");
                ref_element(wr, "VariableRef", c->values.items[v].variable);
                text_element(wr, value_element(p, c->values.items[v].variable),
                             c->values.items[v].value);
                end(wr);
            }
            refs(wr, "SourceRef", &c->sources);
            end(wr);
        }
        end(wr);
    }
    if (p->sources.count) {
        start(wr, "Sources");
        for (size_t i = 0; i < p->sources.count; i++)
            write_text_source(wr, "TextSource", &p->sources.items[i]);
        end(wr);
    }
    if (p->notes.count) {
        start(wr, "Notes");
        for (size_t i = 0; i < p->notes.count; i++)
            write_text_source(wr, "Note", &p->notes.items[i]);
        end(wr);
    }
    text_element(wr, "Description", p->description);
    refs(wr, "NoteRef", &p->project_notes);
    end(wr);
}

/* Stands in for libxml2's error handler while a document is written: a failed write is
 * reported by the caller, and libxml2 would print lines of its own ("I/O error : ...") too. */
static void ignore_error(void *context, xmlErrorPtr error)
{
    (void)context;
    (void)error;
}

/* Runs `body` with an XML writer that writes to `out` as it goes (a document in memory first
 * would grow by a copy at every element: libxml2's xmlBuffer grows by exactly what is added). */
static bool write_document(FILE *out, const char *what, struct error *err,
                           void (*body)(struct writer *, const void *), const void *arg)
{
    xmlSetStructuredErrorFunc(NULL, ignore_error);
    xmlOutputBufferPtr buffer = xmlOutputBufferCreateFile(out, NULL);
    struct writer wr = {.ok = buffer != NULL};
    if (buffer && !(wr.w = xmlNewTextWriter(buffer))) {
        xmlOutputBufferClose(buffer);
        wr.ok = false;
    }
    if (wr.ok && (xmlTextWriterSetIndent(wr.w, 1) < 0 ||
                  xmlTextWriterSetIndentString(wr.w, (const xmlChar *)"  ") < 0 ||
                  xmlTextWriterStartDocument(wr.w, NULL, "UTF-8", NULL) < 0))
        wr.ok = false;
    if (wr.ok)
        body(&wr, arg);
    if (wr.ok && (xmlTextWriterEndDocument(wr.w) < 0 || xmlTextWriterFlush(wr.w) < 0))
        wr.ok = false;
    if (wr.w)
        xmlFreeTextWriter(wr.w); /* and the output buffer; out stays open */
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (wr.ok)
        return true;
    if (ferror(out))
        return error_user(err, "could not write %s", what);
    return error_internal(err, "could not write %s (out of memory?)", what);
}

static void project_body(struct writer *wr, const void *arg)
{
    write_project(wr, arg);
}

bool refi_xml_write_project(const struct refi_project *project, FILE *out, struct error *err)
{
    return write_document(out, "project.qde", err, project_body, project);
}

struct codebook_args {
    const struct codetree *tree;
    const char *origin;
};

static void codebook_body(struct writer *wr, const void *arg)
{
    const struct codebook_args *a = arg;
    start(wr, "CodeBook");
    attr(wr, "xmlns", REFI_XML_CODEBOOK_NS);
    attr(wr, "origin", a->origin);
    start(wr, "Codes");
    write_codes(wr, a->tree, 0, (int)codetree_count(a->tree), NULL);
    end(wr);
    end(wr);
}

bool refi_xml_write_codebook(const struct codetree *tree, const char *origin, FILE *out,
                             struct error *err)
{
    if (codetree_count(tree) == 0)
        return error_user(err, "the codebook has no codes; a REFI-QDA codebook needs at least one");
    struct codebook_args args = {tree, origin};
    return write_document(out, "the codebook", err, codebook_body, &args);
}
