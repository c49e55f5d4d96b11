/* Reading REFI-QDA XML: a project.qde or a .qdc, walked from the root down by one reader
 * (struct reader) that every function here shares, with its warnings, its seen GUIDs and the
 * tree it builds. The codebook's part and the project's part are two halves of one walk (a
 * project holds its codebook), so the file stays one unit; writing is in refi_xml_write.c. */
#include "io/refi_xml.h"

#include "core/list.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* A code's GUID and line, to find one used twice. */
struct seen_code {
    char guid[REFI_GUID_SIZE];
    size_t line;
};

struct seen_codes {
    struct seen_code *items;
    size_t count, cap;
};

struct reader {
    const char *name;
    struct refi_project *project; /* NULL when reading a codebook alone */
    struct warning_list *warnings;
    struct codetree *tree;
    int64_t next_id;
    struct seen_codes seen;
    struct error *err;
};

static size_t line_of(const xmlNode *node)
{
    long line = xmlGetLineNo(node);
    return line > 0 ? (size_t)line : 0;
}

static bool fail_at(struct reader *r, const xmlNode *node, const char *what)
{
    return error_user(r->err, "%s:%zu: %s", r->name, line_of(node), what);
}

static bool out_of_memory(struct reader *r)
{
    return error_internal(r->err, "out of memory reading %s", r->name);
}

static bool warn(struct reader *r, const char *text)
{
    if (r->warnings && !warnings_add(r->warnings, "%s", text))
        return out_of_memory(r);
    return true;
}

/* True for an element of REFI-QDA (either namespace, or none) named `name`. */
static bool named(const xmlNode *node, const char *name)
{
    if (node->type != XML_ELEMENT_NODE || strcmp((const char *)node->name, name) != 0)
        return false;
    if (!node->ns || !node->ns->href)
        return true;
    const char *ns = (const char *)node->ns->href;
    return strcmp(ns, REFI_XML_PROJECT_NS) == 0 || strcmp(ns, REFI_XML_CODEBOOK_NS) == 0;
}

/* Warns about an element margin does not know, inside `parent`. */
static bool unknown(struct reader *r, const xmlNode *node, const xmlNode *parent)
{
    char text[256];
    snprintf(text, sizeof text,
             "the element <%.60s> in <%.60s> is not part of REFI-QDA 1.5 and was skipped",
             (const char *)node->name, (const char *)parent->name);
    return warn(r, text);
}

/* A copy of an attribute's value (the caller frees it), or NULL when it is absent; *oom is set
 * when memory runs out. */
static char *attribute(const xmlNode *node, const char *name, bool *oom)
{
    xmlChar *value = xmlGetNoNsProp(node, (const xmlChar *)name);
    if (!value)
        return NULL;
    char *copy = strdup((const char *)value);
    xmlFree(value);
    if (!copy)
        *oom = true;
    return copy;
}

/* A copy of an element's text (the caller frees it); *oom is set when memory runs out. */
static char *content(const xmlNode *node, bool *oom)
{
    xmlChar *value = xmlNodeGetContent(node);
    char *copy = strdup(value ? (const char *)value : "");
    xmlFree(value);
    if (!copy)
        *oom = true;
    return copy;
}

/* Replaces *slot (freeing what was there) with the element's text, NULL when it is only white
 * space. */
static bool read_text(struct reader *r, const xmlNode *node, char **slot)
{
    bool oom = false;
    char *text = content(node, &oom);
    if (oom)
        return out_of_memory(r);
    if (strspn(text, " \t\r\n") == strlen(text)) {
        free(text);
        text = NULL;
    }
    free(*slot);
    *slot = text;
    return true;
}

/* Reads a GUID attribute into out. A missing or malformed one is an error when `required`,
 * else leaves out "" (with a warning when it was malformed). */
static bool read_guid(struct reader *r, const xmlNode *node, const char *attr, bool required,
                      char out[REFI_GUID_SIZE])
{
    bool oom = false;
    char *value = attribute(node, attr, &oom);
    if (oom)
        return out_of_memory(r);
    out[0] = '\0';
    bool ok = value && refi_guid_parse(value, out);
    if (!ok && required) {
        char what[200];
        if (value)
            snprintf(what, sizeof what, "<%s> has %s=\"%.40s\", which is not a GUID",
                     (const char *)node->name, attr, value);
        else
            snprintf(what, sizeof what, "<%s> has no %s", (const char *)node->name, attr);
        free(value);
        return fail_at(r, node, what);
    }
    if (!ok && value) {
        char what[200];
        snprintf(what, sizeof what, "a %s attribute of <%s> is not a GUID and was ignored", attr,
                 (const char *)node->name);
        free(value);
        return warn(r, what);
    }
    free(value);
    return true;
}

/* Reads a position attribute (xsd:integer, at most 15 digits, not negative). */
static bool read_position(struct reader *r, const xmlNode *node, const char *attr, int64_t *value)
{
    bool oom = false;
    char *text = attribute(node, attr, &oom);
    if (oom)
        return out_of_memory(r);
    char what[160];
    if (!text) {
        snprintf(what, sizeof what, "<%s> has no %s", (const char *)node->name, attr);
        return fail_at(r, node, what);
    }
    const char *s = text;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    if (*s == '+')
        s++;
    size_t digits = strspn(s, "0123456789");
    const char *rest = s + digits;
    while (*rest == ' ' || *rest == '\t' || *rest == '\r' || *rest == '\n')
        rest++;
    bool ok = digits > 0 && *rest == '\0';
    while (ok && digits > 1 && *s == '0') {
        s++;
        digits--;
    }
    ok = ok && digits <= 15;
    if (ok)
        *value = (int64_t)strtoll(s, NULL, 10);
    else
        snprintf(what, sizeof what, "%s=\"%.30s\" is not a position (a whole number of characters)",
                 attr, text);
    free(text);
    return ok || fail_at(r, node, what);
}

static bool push_ref(struct reader *r, const xmlNode *node, struct refi_ref_list *list)
{
    struct refi_ref ref = {.line = line_of(node)};
    if (!read_guid(r, node, "targetGUID", false, ref.guid))
        return false;
    if (!ref.guid[0]) {
        char what[120];
        snprintf(what, sizeof what, "a <%s> without a valid targetGUID was skipped",
                 (const char *)node->name);
        return warn(r, what);
    }
    return LIST_PUSH(list, ref) || out_of_memory(r);
}

static bool read_codes(struct reader *r, const xmlNode *parent, int64_t parent_id, int depth);

/* Reads one <Code>, adds it at `position` under parent_id, then its sub-codes. */
static bool read_code(struct reader *r, const xmlNode *node, int64_t parent_id, int position,
                      int depth)
{
    if (depth >= OUTLINE_DEPTH_MAX) {
        char what[96];
        snprintf(what, sizeof what, "codes are nested more than %d levels deep", OUTLINE_DEPTH_MAX);
        return fail_at(r, node, what);
    }
    if (position > OUTLINE_PART_MAX) {
        char what[96];
        snprintf(what, sizeof what, "a code has more than %d sub-codes", OUTLINE_PART_MAX);
        return fail_at(r, node, what);
    }
    struct code code = {
        .id = r->next_id++, .parent_id = parent_id, .position = position, .codable = true};
    struct seen_code seen = {.line = line_of(node)};
    char colour[8];
    bool oom = false;
    bool ok = false;
    char *name = attribute(node, "name", &oom);
    char *codable = attribute(node, "isCodable", &oom);
    char *color = attribute(node, "color", &oom);
    char *description = NULL;
    if (oom) {
        out_of_memory(r);
        goto cleanup;
    }
    if (!read_guid(r, node, "guid", true, code.guid))
        goto cleanup;
    memcpy(seen.guid, code.guid, sizeof seen.guid);
    if (!LIST_PUSH(&r->seen, seen)) {
        out_of_memory(r);
        goto cleanup;
    }
    if (!name || !*name) {
        free(name);
        if (!(name = strdup("(no name)")) ||
            !warn(r, "a code without a name was named '(no name)'"))
            goto cleanup_oom;
    }
    code.name = name;
    if (codable) {
        if (strcmp(codable, "false") == 0 || strcmp(codable, "0") == 0) {
            code.codable = false;
        } else if (strcmp(codable, "true") != 0 && strcmp(codable, "1") != 0 &&
                   !warn(r, "an isCodable that is neither true nor false was read as true")) {
            goto cleanup;
        }
    }
    if (color) {
        if (refi_colour_parse(color, colour))
            code.colour = colour;
        else if (!warn(r, "a colour that is not #rrggbb or #rgb was ignored"))
            goto cleanup;
    }
    for (const xmlNode *child = node->children; child; child = child->next) {
        if (named(child, "Description") && !read_text(r, child, &description))
            goto cleanup;
    }
    code.description = description;
    if (!codetree_add(r->tree, &code))
        goto cleanup_oom;
    for (const xmlNode *child = node->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE || named(child, "Description") || named(child, "Code"))
            continue;
        if (named(child, "NoteRef")) {
            if (!r->project) {
                if (!warn(r, "notes on codes (NoteRef) are not read from a codebook file"))
                    goto cleanup;
                continue;
            }
            struct refi_link link = {.line = line_of(child)};
            memcpy(link.from, code.guid, sizeof link.from);
            if (!read_guid(r, child, "targetGUID", false, link.to))
                goto cleanup;
            if (!link.to[0]) {
                if (!warn(r, "a <NoteRef> without a valid targetGUID was skipped"))
                    goto cleanup;
                continue;
            }
            if (!LIST_PUSH(&r->project->code_notes, link))
                goto cleanup_oom;
        } else if (!unknown(r, child, node)) {
            goto cleanup;
        }
    }
    ok = read_codes(r, node, code.id, depth + 1);
    goto cleanup;
cleanup_oom:
    out_of_memory(r);
cleanup:
    free(name);
    free(codable);
    free(color);
    free(description);
    return ok;
}

/* Reads the <Code> children of `parent` (a <Codes> or a <Code>). */
static bool read_codes(struct reader *r, const xmlNode *parent, int64_t parent_id, int depth)
{
    int position = 0;
    bool is_list = named(parent, "Codes");
    for (const xmlNode *child = parent->children; child; child = child->next) {
        if (named(child, "Code")) {
            if (!read_code(r, child, parent_id, ++position, depth))
                return false;
        } else if (is_list && child->type == XML_ELEMENT_NODE && !unknown(r, child, parent)) {
            return false;
        }
    }
    return true;
}

static int compare_seen(const void *a, const void *b)
{
    const struct seen_code *x = a, *y = b;
    int c = strcmp(x->guid, y->guid);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Reads the <Codes> of a <CodeBook>, or the codebook element itself. */
static bool read_codebook(struct reader *r, const xmlNode *node)
{
    bool found = false;
    for (const xmlNode *child = node->children; child; child = child->next) {
        if (named(child, "Codes")) {
            found = true;
            if (!read_codes(r, child, 0, 0))
                return false;
        } else if (named(child, "Sets")) {
            if (!warn(r, "sets of codes (Sets) are not imported"))
                return false;
        } else if (child->type == XML_ELEMENT_NODE && !unknown(r, child, node)) {
            return false;
        }
    }
    if (!found && !warn(r, "the codebook has no <Codes>"))
        return false;
    return true;
}

/* Checks that no two codes share a GUID and indexes the tree. */
static bool finish_codebook(struct reader *r)
{
    if (r->seen.count > 1)
        qsort(r->seen.items, r->seen.count, sizeof *r->seen.items, compare_seen);
    for (size_t i = 1; i < r->seen.count; i++) {
        if (strcmp(r->seen.items[i].guid, r->seen.items[i - 1].guid) == 0) {
            return error_user(r->err, "%s:%zu: the code GUID %s is already used on line %zu",
                              r->name, r->seen.items[i].line, r->seen.items[i].guid,
                              r->seen.items[i - 1].line);
        }
    }
    if (!codetree_index(r->tree, r->err))
        return error_prefix(r->err, "%s: ", r->name);
    return true;
}

static bool read_users(struct reader *r, const xmlNode *node)
{
    for (const xmlNode *child = node->children; child; child = child->next) {
        if (!named(child, "User")) {
            if (child->type == XML_ELEMENT_NODE && !unknown(r, child, node))
                return false;
            continue;
        }
        struct refi_user user = {.line = line_of(child)};
        if (!read_guid(r, child, "guid", false, user.guid))
            return false;
        if (!user.guid[0]) {
            if (!warn(r, "a user without a valid GUID was skipped"))
                return false;
            continue;
        }
        if (refi_find_user(r->project, user.guid)) {
            if (!warn(r, "a user listed twice was read once"))
                return false;
            continue;
        }
        bool oom = false;
        user.name = attribute(child, "name", &oom);
        if (!user.name || !*user.name) {
            free(user.name);
            user.name = attribute(child, "id", &oom);
        }
        if (oom || !LIST_PUSH(&r->project->users, user)) {
            free(user.name);
            return out_of_memory(r);
        }
    }
    return true;
}

static bool read_coding(struct reader *r, const xmlNode *node, struct refi_coding_list *list)
{
    struct refi_coding coding = {.line = line_of(node)};
    bool have_code = false;
    if (!read_guid(r, node, "guid", false, coding.guid) ||
        !read_guid(r, node, "creatingUser", false, coding.creator))
        return false;
    for (const xmlNode *child = node->children; child; child = child->next) {
        bool ok = true;
        if (named(child, "CodeRef")) {
            ok = read_guid(r, child, "targetGUID", true, coding.code);
            have_code = true;
        } else if (named(child, "NoteRef")) {
            ok = push_ref(r, child, &coding.notes);
        } else if (child->type == XML_ELEMENT_NODE) {
            ok = unknown(r, child, node);
        }
        if (!ok) {
            free(coding.notes.items);
            return false;
        }
    }
    if (!have_code) {
        free(coding.notes.items);
        return fail_at(r, node, "the <Coding> has no <CodeRef> saying which code it applies");
    }
    if (!LIST_PUSH(list, coding)) {
        free(coding.notes.items);
        return out_of_memory(r);
    }
    return true;
}

static bool read_selection(struct reader *r, const xmlNode *node, struct refi_source *source)
{
    struct refi_selection selection = {.line = line_of(node)};
    bool oom = false;
    bool ok = read_guid(r, node, "guid", false, selection.guid) &&
              read_guid(r, node, "creatingUser", false, selection.creator) &&
              read_position(r, node, "startPosition", &selection.start) &&
              read_position(r, node, "endPosition", &selection.end);
    if (ok) {
        selection.name = attribute(node, "name", &oom);
        if (oom)
            ok = out_of_memory(r);
    }
    for (const xmlNode *child = node->children; ok && child; child = child->next) {
        if (named(child, "Description"))
            ok = read_text(r, child, &selection.description);
        else if (named(child, "Coding"))
            ok = read_coding(r, child, &selection.codings);
        else if (named(child, "NoteRef"))
            ok = push_ref(r, child, &selection.notes);
        else if (child->type == XML_ELEMENT_NODE)
            ok = unknown(r, child, node);
    }
    if (ok && !LIST_PUSH(&source->selections, selection))
        ok = out_of_memory(r);
    if (!ok)
        refi_selection_finish(&selection);
    return ok;
}

/* Reads a <TextSource>, a <Note> (`note`), or a PDF's text <Representation>, appending it to
 * `list`. `fallback_name` names a representation after its PDF. */
static bool read_text_source(struct reader *r, const xmlNode *node, struct refi_source_list *list,
                             bool note, const char *fallback_name)
{
    struct refi_source source = {.line = line_of(node)};
    bool oom = false;
    bool ok = read_guid(r, node, "guid", true, source.guid) &&
              read_guid(r, node, "creatingUser", false, source.creator);
    if (ok) {
        source.name = attribute(node, "name", &oom);
        if (!source.name && fallback_name && !(source.name = strdup(fallback_name)))
            oom = true;
        source.plain_path = attribute(node, "plainTextPath", &oom);
        source.rich_path = attribute(node, "richTextPath", &oom);
        if (oom)
            ok = out_of_memory(r);
    }
    for (const xmlNode *child = node->children; ok && child; child = child->next) {
        if (named(child, "Description")) {
            ok = read_text(r, child, &source.description);
        } else if (named(child, "PlainTextContent")) {
            free(source.text);
            source.text = content(child, &oom);
            source.size = source.text ? strlen(source.text) : 0;
            if (oom)
                ok = out_of_memory(r);
        } else if (named(child, "PlainTextSelection") || named(child, "Coding")) {
            if (note)
                ok = warn(r, "selections and codings inside notes are not imported");
            else if (named(child, "Coding"))
                ok = read_coding(r, child, &source.codings);
            else
                ok = read_selection(r, child, &source);
        } else if (named(child, "NoteRef")) {
            ok = push_ref(r, child, &source.notes);
        } else if (named(child, "VariableValue")) {
            ok = warn(r, "variables of sources are not imported (margin keeps variables on "
                         "cases)");
        } else if (child->type == XML_ELEMENT_NODE) {
            ok = unknown(r, child, node);
        }
    }
    if (ok && !LIST_PUSH(list, source))
        ok = out_of_memory(r);
    if (!ok)
        refi_source_finish(&source);
    return ok;
}

/* A PDF source: its text representation is imported, its selections on the page are not. */
static bool read_pdf_source(struct reader *r, const xmlNode *node)
{
    bool oom = false;
    char *name = attribute(node, "name", &oom);
    bool have_text = false;
    bool ok = !oom || out_of_memory(r);
    for (const xmlNode *child = node->children; ok && child; child = child->next) {
        if (named(child, "Representation")) {
            have_text = true;
            ok = read_text_source(r, child, &r->project->sources, false, name);
        } else if (named(child, "PDFSelection") || named(child, "Coding")) {
            ok = warn(r, "selections of PDF pages (PDFSelection) and codings of whole PDFs are "
                         "not imported; a PDF's text representation is imported as a text "
                         "source");
        } else if (named(child, "NoteRef")) {
            ok = warn(r, "notes on PDF sources are not imported");
        } else if (child->type == XML_ELEMENT_NODE && !named(child, "Description") &&
                   !named(child, "VariableValue")) {
            ok = unknown(r, child, node);
        }
    }
    if (ok && !have_text)
        ok = warn(r, "a PDF source without a text representation was skipped");
    free(name);
    return ok;
}

static bool read_sources(struct reader *r, const xmlNode *node)
{
    for (const xmlNode *child = node->children; child; child = child->next) {
        bool ok = true;
        if (named(child, "TextSource"))
            ok = read_text_source(r, child, &r->project->sources, false, NULL);
        else if (named(child, "PDFSource"))
            ok = read_pdf_source(r, child);
        else if (named(child, "PictureSource"))
            ok = warn(r, "picture sources (PictureSource) are not imported: margin codes text");
        else if (named(child, "AudioSource"))
            ok = warn(r, "audio sources (AudioSource) are not imported: margin codes text");
        else if (named(child, "VideoSource"))
            ok = warn(r, "video sources (VideoSource) are not imported: margin codes text");
        else if (child->type == XML_ELEMENT_NODE)
            ok = unknown(r, child, node);
        if (!ok)
            return false;
    }
    return true;
}

static bool read_notes(struct reader *r, const xmlNode *node)
{
    for (const xmlNode *child = node->children; child; child = child->next) {
        bool ok = true;
        if (named(child, "Note"))
            ok = read_text_source(r, child, &r->project->notes, true, NULL);
        else if (child->type == XML_ELEMENT_NODE)
            ok = unknown(r, child, node);
        if (!ok)
            return false;
    }
    return true;
}

static bool read_variables(struct reader *r, const xmlNode *node)
{
    for (const xmlNode *child = node->children; child; child = child->next) {
        if (!named(child, "Variable")) {
            if (child->type == XML_ELEMENT_NODE && !unknown(r, child, node))
                return false;
            continue;
        }
        struct refi_variable variable = {.line = line_of(child)};
        bool oom = false;
        if (!read_guid(r, child, "guid", false, variable.guid))
            return false;
        variable.name = attribute(child, "name", &oom);
        char *type = attribute(child, "typeOfVariable", &oom);
        bool ok = !oom || out_of_memory(r);
        if (ok && (!variable.guid[0] || !variable.name || !*variable.name)) {
            ok = warn(r, "a variable without a GUID or a name was skipped");
            free(variable.name);
            free(type);
            if (!ok)
                return false;
            continue;
        }
        if (ok && (!type || !refi_variable_type_parse(type, &variable.type))) {
            variable.type = REFI_VARIABLE_TEXT;
            ok = warn(r, "a variable of a type REFI-QDA does not define was read as Text");
        }
        for (const xmlNode *c = child->children; ok && c; c = c->next) {
            if (named(c, "Description"))
                ok = read_text(r, c, &variable.description);
            else if (c->type == XML_ELEMENT_NODE)
                ok = unknown(r, c, child);
        }
        free(type);
        if (ok && !LIST_PUSH(&r->project->variables, variable))
            ok = out_of_memory(r);
        if (!ok) {
            free(variable.name);
            free(variable.description);
            return false;
        }
    }
    return true;
}

/* Reads a case's <VariableValue>: a VariableRef and one value element. */
static bool read_value(struct reader *r, const xmlNode *node, struct refi_case *c)
{
    static const char *const kinds[] = {"TextValue",  "BooleanValue", "IntegerValue",
                                        "FloatValue", "DateValue",    "DateTimeValue"};
    struct refi_value value = {.line = line_of(node)};
    bool ok = true;
    for (const xmlNode *child = node->children; ok && child; child = child->next) {
        if (named(child, "VariableRef")) {
            ok = read_guid(r, child, "targetGUID", false, value.variable);
            continue;
        }
        bool known = false;
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
            known |= named(child, kinds[k]);
        if (known) {
            bool oom = false;
            free(value.value);
            value.value = content(child, &oom);
            if (oom)
                ok = out_of_memory(r);
        } else if (child->type == XML_ELEMENT_NODE) {
            ok = unknown(r, child, node);
        }
    }
    if (ok && !value.variable[0]) {
        free(value.value);
        return warn(r, "a variable's value without a valid VariableRef was skipped");
    }
    if (ok && !value.value && !(value.value = strdup("")))
        ok = out_of_memory(r);
    if (ok && !LIST_PUSH(&c->values, value))
        ok = out_of_memory(r);
    if (!ok)
        free(value.value);
    return ok;
}

static bool read_cases(struct reader *r, const xmlNode *node)
{
    for (const xmlNode *child = node->children; child; child = child->next) {
        if (!named(child, "Case")) {
            if (child->type == XML_ELEMENT_NODE && !unknown(r, child, node))
                return false;
            continue;
        }
        struct refi_case c = {.line = line_of(child)};
        bool oom = false;
        bool ok = read_guid(r, child, "guid", false, c.guid);
        c.name = attribute(child, "name", &oom);
        if (oom)
            ok = out_of_memory(r);
        for (const xmlNode *e = child->children; ok && e; e = e->next) {
            if (named(e, "Description"))
                ok = read_text(r, e, &c.description);
            else if (named(e, "VariableValue"))
                ok = read_value(r, e, &c);
            else if (named(e, "SourceRef"))
                ok = push_ref(r, e, &c.sources);
            else if (named(e, "CodeRef") || named(e, "SelectionRef"))
                ok = warn(r, "cases' links to codes and selections are not imported");
            else if (e->type == XML_ELEMENT_NODE)
                ok = unknown(r, e, child);
        }
        if (ok && !LIST_PUSH(&r->project->cases, c))
            ok = out_of_memory(r);
        if (!ok) {
            free(c.name);
            free(c.description);
            for (size_t v = 0; v < c.values.count; v++)
                free(c.values.items[v].value);
            free(c.values.items);
            free(c.sources.items);
            return false;
        }
    }
    return true;
}

static bool read_project(struct reader *r, const xmlNode *root)
{
    bool oom = false;
    r->project->name = attribute(root, "name", &oom);
    r->project->origin = attribute(root, "origin", &oom);
    if (oom)
        return out_of_memory(r);
    for (const xmlNode *child = root->children; child; child = child->next) {
        bool ok = true;
        if (named(child, "Users"))
            ok = read_users(r, child);
        else if (named(child, "CodeBook"))
            ok = read_codebook(r, child);
        else if (named(child, "Variables"))
            ok = read_variables(r, child);
        else if (named(child, "Cases"))
            ok = read_cases(r, child);
        else if (named(child, "Sources"))
            ok = read_sources(r, child);
        else if (named(child, "Notes"))
            ok = read_notes(r, child);
        else if (named(child, "Description"))
            ok = read_text(r, child, &r->project->description);
        else if (named(child, "NoteRef"))
            ok = push_ref(r, child, &r->project->project_notes);
        else if (named(child, "Links"))
            ok = warn(r, "links (Links) are not imported");
        else if (named(child, "Sets"))
            ok = warn(r, "sets (Sets) are not imported");
        else if (named(child, "Graphs"))
            ok = warn(r, "graphs (Graphs) are not imported");
        else if (child->type == XML_ELEMENT_NODE)
            ok = unknown(r, child, root);
        if (!ok)
            return false;
    }
    return true;
}

/* What parsing met, kept through the parser context's _private. */
struct parse_state {
    bool doctype;
    bool failed;
    int line;
    char message[300];
};

/* SAX hook: a document type declaration stops the parser before it reads any of it, so that
 * no entity is declared, let alone expanded. */
static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
                           const xmlChar *system_id)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct parse_state *state = ctxt->_private;
    state->doctype = true;
    xmlStopParser(ctxt);
}

/* Keeps the first error, which says what went wrong; later ones follow from it. Errors that
 * leave the document well formed (a namespace prefix never declared) do not fail it. */
static void keep_first_error(void *ctx, xmlErrorPtr error)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct parse_state *state = ctxt->_private;
    if (state->failed || !error || error->level < XML_ERR_ERROR)
        return;
    state->failed = true;
    state->line = error->line;
    snprintf(state->message, sizeof state->message, "%s",
             error->message ? error->message : "not well-formed XML");
    size_t len = strlen(state->message);
    while (len > 0 && (state->message[len - 1] == '\n' || state->message[len - 1] == ' '))
        state->message[--len] = '\0';
}

bool refi_xml_detect(const char *data, size_t n)
{
    /* UTF-16, as Windows programs may write it: a byte order mark, then '<'. */
    if (n >= 4 && (memcmp(data, "\xFF\xFE<\0", 4) == 0 || memcmp(data, "\xFE\xFF\0<", 4) == 0))
        return true;
    size_t i = 0;
    if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    return i < n && data[i] == '<';
}

/* Parses data into a document, or fails with a message naming the file and line. */
static xmlDoc *parse_document(const char *data, size_t n, const char *name, struct error *err)
{
    if (n > REFI_XML_MAX_BYTES || n > INT_MAX) {
        error_user(err, "%s is %zu MB; margin reads REFI-QDA XML of up to %u MB", name,
                   n / (1024 * 1024), REFI_XML_MAX_BYTES / (1024 * 1024));
        return NULL;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        error_internal(err, "out of memory reading %s", name);
        return NULL;
    }
    struct parse_state state = {0};
    ctxt->_private = &state;
    ctxt->sax->internalSubset = refuse_doctype;
    ctxt->sax->serror = keep_first_error;
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, data, (int)n, NULL, NULL, options);
    if (state.doctype) {
        error_user(err,
                   "%s: the file has a document type declaration (<!DOCTYPE>); REFI-QDA files "
                   "have none, and margin does not read them",
                   name);
        xmlFreeDoc(doc);
        doc = NULL;
    } else if (!doc || !ctxt->wellFormed) {
        error_user(err, "%s:%d: not well-formed XML: %s", name, state.line,
                   state.failed ? state.message : "the parser gave up");
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

bool refi_xml_parse_project(const char *data, size_t n, const char *name, struct refi_project *out,
                            struct error *err)
{
    memset(out, 0, sizeof *out);
    xmlDoc *doc = parse_document(data, n, name, err);
    if (!doc)
        return false;
    struct reader r = {
        .name = name, .project = out, .warnings = &out->warnings, .next_id = 1, .err = err};
    bool ok = false;
    const xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || !named(root, "Project")) {
        error_user(err, "%s: the document is <%s>, not a REFI-QDA <Project>", name,
                   root ? (const char *)root->name : "empty");
        goto cleanup;
    }
    if (!(r.tree = codetree_create())) {
        out_of_memory(&r);
        goto cleanup;
    }
    if (!read_project(&r, root) || !finish_codebook(&r))
        goto cleanup;
    if (codetree_count(r.tree) > 0) {
        out->codes = r.tree;
        r.tree = NULL;
    }
    if (!out->name && !(out->name = strdup(""))) {
        out_of_memory(&r);
        goto cleanup;
    }
    ok = true;
cleanup:
    codetree_destroy(r.tree);
    free(r.seen.items);
    xmlFreeDoc(doc);
    if (!ok)
        refi_project_finish(out);
    return ok;
}

struct codetree *refi_xml_parse_codebook(const char *data, size_t n, const char *name,
                                         struct warning_list *warnings, struct error *err)
{
    xmlDoc *doc = parse_document(data, n, name, err);
    if (!doc)
        return NULL;
    struct reader r = {.name = name, .warnings = warnings, .next_id = 1, .err = err};
    bool ok = false;
    const xmlNode *root = xmlDocGetRootElement(doc);
    const xmlNode *codebook = root && named(root, "CodeBook") ? root : NULL;
    for (const xmlNode *child = root && named(root, "Project") ? root->children : NULL;
         child && !codebook; child = child->next) {
        if (named(child, "CodeBook"))
            codebook = child;
    }
    if (!codebook) {
        error_user(err, "%s: the document is <%s>, not a REFI-QDA <CodeBook>", name,
                   root ? (const char *)root->name : "empty");
        goto cleanup;
    }
    if (!(r.tree = codetree_create())) {
        out_of_memory(&r);
        goto cleanup;
    }
    ok = read_codebook(&r, codebook) && finish_codebook(&r);
cleanup:
    free(r.seen.items);
    xmlFreeDoc(doc);
    if (!ok) {
        codetree_destroy(r.tree);
        return NULL;
    }
    return r.tree;
}
