/* Fuzzes the REFI-QDA XML reader: every input is read as a project.qde
 * (refi_xml_parse_project) and as a .qdc codebook (refi_xml_parse_codebook). What either accepts
 * is written back (refi_xml_write_project, refi_xml_write_codebook) and read again, and must
 * read back the same: users, codes (numbers, names, descriptions, colours, headings, GUIDs),
 * variables, cases and their values, sources and notes with their texts, selections,
 * positions and codings. A mismatch aborts, so that libFuzzer reports it as a crash. */
#include "io/refi_xml.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *written_text;

static void mismatch(const char *what)
{
    fprintf(stderr, "round trip changed %s; the XML written was:\n%s\n", what,
            written_text ? written_text : "");
    abort();
}

static bool same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static void compare_trees(const struct codetree *a, const struct codetree *b)
{
    size_t n = a ? codetree_count(a) : 0;
    if (n != (b ? codetree_count(b) : 0))
        mismatch("the number of codes");
    for (size_t i = 0; i < n; i++) {
        const struct code *x = codetree_get(a, i), *y = codetree_get(b, i);
        char nx[OUTLINE_TEXT_MAX], ny[OUTLINE_TEXT_MAX];
        codetree_number_text(a, (int)i, nx);
        codetree_number_text(b, (int)i, ny);
        if (strcmp(nx, ny) != 0)
            mismatch("a code's number");
        if (!same(x->name, y->name) || !same(x->description, y->description) ||
            !same(x->colour, y->colour) || x->codable != y->codable ||
            strcmp(x->guid, y->guid) != 0)
            mismatch("a code");
    }
}

static void compare_codings(const struct refi_coding_list *a, const struct refi_coding_list *b)
{
    if (a->count != b->count)
        mismatch("the number of codings");
    for (size_t i = 0; i < a->count; i++) {
        if (strcmp(a->items[i].code, b->items[i].code) != 0 ||
            strcmp(a->items[i].creator, b->items[i].creator) != 0 ||
            a->items[i].notes.count != b->items[i].notes.count)
            mismatch("a coding");
    }
}

static void compare_sources(const struct refi_source_list *a, const struct refi_source_list *b)
{
    if (a->count != b->count)
        mismatch("the number of sources or notes");
    for (size_t i = 0; i < a->count; i++) {
        const struct refi_source *x = &a->items[i], *y = &b->items[i];
        if (strcmp(x->guid, y->guid) != 0 || !same(x->name, y->name) ||
            !same(x->description, y->description) || !same(x->plain_path, y->plain_path) ||
            !same(x->rich_path, y->rich_path) || strcmp(x->creator, y->creator) != 0 ||
            x->notes.count != y->notes.count)
            mismatch("a source or note");
        if (!x->plain_path && !same(x->text, y->text))
            mismatch("a source's text");
        compare_codings(&x->codings, &y->codings);
        if (x->selections.count != y->selections.count)
            mismatch("the number of selections");
        for (size_t s = 0; s < x->selections.count; s++) {
            const struct refi_selection *p = &x->selections.items[s], *q = &y->selections.items[s];
            if (p->start != q->start || p->end != q->end || !same(p->name, q->name) ||
                !same(p->description, q->description) || strcmp(p->creator, q->creator) != 0 ||
                (p->guid[0] && strcmp(p->guid, q->guid) != 0) || p->notes.count != q->notes.count)
                mismatch("a selection");
            compare_codings(&p->codings, &q->codings);
        }
    }
}

static void check_project(const struct refi_project *p)
{
    char *xml = NULL;
    size_t n = 0;
    struct error err;
    FILE *out = open_memstream(&xml, &n);
    if (!out)
        abort();
    bool ok = refi_xml_write_project(p, out, &err);
    if (fclose(out) != 0 || !ok) {
        fprintf(stderr, "could not write a project that was read: %s\n", err.message);
        abort();
    }
    written_text = xml;
    struct refi_project again;
    if (!refi_xml_parse_project(xml, n, "written.qde", &again, &err)) {
        fprintf(stderr, "the written project does not read back: %s\n", err.message);
        mismatch("everything");
    }
    if (!same(p->name, again.name) || !same(p->origin, again.origin) ||
        !same(p->description, again.description) ||
        p->project_notes.count != again.project_notes.count ||
        p->code_notes.count != again.code_notes.count)
        mismatch("the project's own fields");
    if (p->users.count != again.users.count)
        mismatch("the number of users");
    for (size_t i = 0; i < p->users.count; i++) {
        if (strcmp(p->users.items[i].guid, again.users.items[i].guid) != 0 ||
            !same(p->users.items[i].name, again.users.items[i].name))
            mismatch("a user");
    }
    compare_trees(p->codes, again.codes);
    if (p->variables.count != again.variables.count)
        mismatch("the number of variables");
    for (size_t i = 0; i < p->variables.count; i++) {
        const struct refi_variable *x = &p->variables.items[i], *y = &again.variables.items[i];
        if (strcmp(x->guid, y->guid) != 0 || !same(x->name, y->name) || x->type != y->type ||
            !same(x->description, y->description))
            mismatch("a variable");
    }
    if (p->cases.count != again.cases.count)
        mismatch("the number of cases");
    for (size_t i = 0; i < p->cases.count; i++) {
        const struct refi_case *x = &p->cases.items[i], *y = &again.cases.items[i];
        if (!same(x->name, y->name) || !same(x->description, y->description) ||
            x->values.count != y->values.count || x->sources.count != y->sources.count)
            mismatch("a case");
        for (size_t v = 0; v < x->values.count; v++) {
            if (strcmp(x->values.items[v].variable, y->values.items[v].variable) != 0 ||
                !same(x->values.items[v].value, y->values.items[v].value))
                mismatch("a case's value");
        }
    }
    compare_sources(&p->sources, &again.sources);
    compare_sources(&p->notes, &again.notes);
    refi_project_finish(&again);
    written_text = NULL;
    free(xml);
}

static void check_codebook(const struct codetree *tree)
{
    if (codetree_count(tree) == 0)
        return;
    char *xml = NULL;
    size_t n = 0;
    struct error err;
    FILE *out = open_memstream(&xml, &n);
    if (!out)
        abort();
    bool ok = refi_xml_write_codebook(tree, "fuzz", out, &err);
    if (fclose(out) != 0 || !ok) {
        fprintf(stderr, "could not write a codebook that was read: %s\n", err.message);
        abort();
    }
    written_text = xml;
    struct codetree *again = refi_xml_parse_codebook(xml, n, "written.qdc", NULL, &err);
    if (!again) {
        fprintf(stderr, "the written codebook does not read back: %s\n", err.message);
        mismatch("everything");
    }
    compare_trees(tree, again);
    codetree_destroy(again);
    written_text = NULL;
    free(xml);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct error err;
    struct refi_project project;
    if (refi_xml_parse_project((const char *)data, size, "fuzz.qde", &project, &err)) {
        check_project(&project);
        refi_project_finish(&project);
    } else if (project.sources.count || project.codes || project.users.count) {
        fprintf(stderr, "a refused project left values behind: %s\n", err.message);
        abort();
    }
    struct warning_list warnings = {0};
    struct codetree *tree =
        refi_xml_parse_codebook((const char *)data, size, "fuzz.qdc", &warnings, &err);
    if (tree) {
        check_codebook(tree);
        codetree_destroy(tree);
    }
    warnings_finish(&warnings);
    return 0;
}
