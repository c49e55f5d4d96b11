/* Fuzzes the .qdpx archive reader, qdpx_parse(). An archive it accepts must keep its promises,
 * or the driver aborts: every source has LF-normalised UTF-8 text without NUL bytes, every
 * selection lies inside it (0 <= start < end <= length in code points), every coding refers to
 * a code of the codebook; and written with qdpx_write() and read again, the archive gives the
 * same sources, texts and selections. */
#include "core/utf8.h"
#include "io/qdpx.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violated(const char *what, const struct refi_source *source)
{
    fprintf(stderr, "qdpx invariant violated: %s (source %s, %zu bytes of text)\n", what,
            source ? source->guid : "-", source ? source->size : 0);
    abort();
}

static void check_codings(const struct refi_project *p, const struct refi_coding_list *codings,
                          const struct refi_source *source)
{
    for (size_t c = 0; c < codings->count; c++) {
        if (!p->codes || codetree_find_guid(p->codes, codings->items[c].code) < 0)
            violated("a coding refers to a code the codebook lacks", source);
    }
}

static void check_texts(const struct refi_project *p, const struct refi_source_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        const struct refi_source *s = &list->items[i];
        if (!s->text || strlen(s->text) != s->size)
            violated("a text is missing or holds a NUL", s);
        if (!utf8_validate(s->text, s->size, NULL) || memchr(s->text, '\r', s->size))
            violated("a text is not LF-normalised UTF-8", s);
        int64_t length = (int64_t)utf8_length(s->text, s->size);
        for (size_t k = 0; k < s->selections.count; k++) {
            const struct refi_selection *sel = &s->selections.items[k];
            if (sel->start < 0 || sel->start >= sel->end || sel->end > length)
                violated("a selection lies outside its text", s);
            check_codings(p, &sel->codings, s);
        }
        check_codings(p, &s->codings, s);
    }
}

static void round_trip(const struct refi_project *p)
{
    char *archive = NULL;
    size_t n = 0;
    struct error err;
    FILE *out = open_memstream(&archive, &n);
    if (!out)
        abort();
    bool ok = qdpx_write(p, out, &err);
    if (fclose(out) != 0 || !ok) {
        fprintf(stderr, "could not write an archive that was read: %s\n", err.message);
        abort();
    }
    struct refi_project again;
    if (!qdpx_parse(archive, n, "written.qdpx", &again, &err)) {
        fprintf(stderr, "the written archive does not read back: %s\n", err.message);
        abort();
    }
    if (again.sources.count != p->sources.count || again.notes.count != p->notes.count)
        violated("the written archive has other sources or notes", NULL);
    for (size_t i = 0; i < p->sources.count; i++) {
        const struct refi_source *x = &p->sources.items[i], *y = &again.sources.items[i];
        if (x->size != y->size || strcmp(x->text, y->text) != 0 ||
            x->selections.count != y->selections.count)
            violated("the written archive changed a source", x);
        for (size_t k = 0; k < x->selections.count; k++) {
            if (x->selections.items[k].start != y->selections.items[k].start ||
                x->selections.items[k].end != y->selections.items[k].end)
                violated("the written archive moved a selection", x);
        }
    }
    refi_project_finish(&again);
    free(archive);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct refi_project p;
    struct error err;
    if (!qdpx_parse((const char *)data, size, "fuzz.qdpx", &p, &err)) {
        if (p.sources.count || p.codes || p.notes.count)
            violated("a refused archive left values behind", NULL);
        return 0;
    }
    check_texts(&p, &p.sources);
    check_texts(&p, &p.notes);
    round_trip(&p);
    refi_project_finish(&p);
    return 0;
}
