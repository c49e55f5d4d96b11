/* Writes the benchmarks' corpus: fictional transcripts, and two coders' random codings of one as
 * margin's codings CSV (coder,source,code,start,end; offsets in code points).
 *
 *   gen_corpus text BYTES [SEED] > NAME.txt
 *   gen_corpus codings CODEBOOK NAME.txt SPANS [SEED] > codings.csv
 *   gen_corpus project CODEBOOK DIR SOURCES BYTES SPANS [SEED] > codings.csv
 *
 * `project` writes SOURCES transcripts of BYTES bytes each as DIR/s0001.txt, DIR/s0002.txt, ...
 * (each from its own seed, derived from SEED and its number) and the codings of all of them, SPANS
 * per coder and source, as one CSV.
 *
 * Codings use only the codebook's codable codes. Coder A's SPANS spans start anywhere and are
 * 20 to 2000 code points long; coder B's SPANS spans are, three times in five, one of A's with
 * each end moved by up to 30 code points (with A's code four times in five), and otherwise
 * spans of their own. The source is named as `margin import` names it: the file name without
 * directory and extension. The same arguments give the same output. */
#include "corpus.h"

#include "core/codetree.h"
#include "io/codebook_file.h"
#include "io/transcript.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SPAN_MIN          20
#define SPAN_MAX          2000
#define AGREE_PERCENT     60
#define SAME_CODE_PERCENT 80
#define JITTER            30

static int usage(void)
{
    fputs("usage: gen_corpus text BYTES [SEED]\n"
          "       gen_corpus codings CODEBOOK FILE.txt SPANS [SEED]\n"
          "       gen_corpus project CODEBOOK DIR SOURCES BYTES SPANS [SEED]\n",
          stderr);
    return 2;
}

/* Reads a whole number argument; returns false for anything else. */
static bool parse_count(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *end != '\0' || s[0] == '-')
        return false;
    *out = (uint64_t)v;
    return true;
}

static int write_text(uint64_t bytes, uint64_t seed)
{
    struct corpus_rng rng;
    corpus_seed(&rng, seed);
    struct strbuf out = STRBUF_INIT;
    if (!corpus_transcript(&rng, (size_t)bytes, &out)) {
        fputs("gen_corpus: out of memory\n", stderr);
        return 1;
    }
    bool ok = fwrite(out.data, 1, out.len, stdout) == out.len && fflush(stdout) == 0;
    strbuf_finish(&out);
    return ok ? 0 : 1;
}

/* The source name `margin import` gives a file: its base name without the extension. */
static void source_name(const char *path, char *name, size_t size)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(name, size, "%s", base);
    char *dot = strrchr(name, '.');
    if (dot && dot != name)
        *dot = '\0';
}

static void write_rows(const char *coder, const char *source, const struct span *spans,
                       const int *codes, size_t n, const struct codetree *tree)
{
    for (size_t i = 0; i < n; i++) {
        char number[OUTLINE_TEXT_MAX];
        codetree_number_text(tree, codes[i], number);
        printf("%s,%s,%s,%" PRId64 ",%" PRId64 "\n", coder, source, number, spans[i].start,
               spans[i].end);
    }
}

/* The codable codes of a codebook, as indexes into its tree. */
struct codable_codes {
    int *items;
    size_t count;
};

static bool codable_codes(const struct codetree *tree, struct codable_codes *out)
{
    size_t ncodes = codetree_count(tree);
    out->count = 0;
    out->items = malloc((ncodes ? ncodes : 1) * sizeof *out->items);
    if (!out->items)
        return false;
    for (size_t i = 0; i < ncodes; i++) {
        if (codetree_get(tree, i)->codable)
            out->items[out->count++] = (int)i;
    }
    return true;
}

/* Writes both coders' codings of one source of `length` code points (no header). */
static bool write_source_codings(const struct codetree *tree, const struct codable_codes *codable,
                                 const char *name, int64_t length, size_t n, uint64_t seed)
{
    bool ok = false;
    struct span *a = malloc((n ? n : 1) * sizeof *a);
    struct span *b = malloc((n ? n : 1) * sizeof *b);
    int64_t *from = malloc((n ? n : 1) * sizeof *from);
    int *a_codes = malloc((n ? n : 1) * sizeof *a_codes);
    int *b_codes = malloc((n ? n : 1) * sizeof *b_codes);
    if (!a || !b || !from || !a_codes || !b_codes) {
        fputs("gen_corpus: out of memory\n", stderr);
        goto cleanup;
    }
    struct corpus_rng rng;
    corpus_seed(&rng, seed);
    corpus_spans(&rng, length, n, SPAN_MIN, SPAN_MAX, a);
    for (size_t i = 0; i < n; i++)
        a_codes[i] = codable->items[corpus_below(&rng, codable->count)];
    corpus_second_coder(&rng, a, n, length, n, AGREE_PERCENT, JITTER, SPAN_MIN, SPAN_MAX, b, from);
    for (size_t i = 0; i < n; i++) {
        bool same = from[i] >= 0 && corpus_below(&rng, 100) < SAME_CODE_PERCENT;
        b_codes[i] = same ? a_codes[from[i]] : codable->items[corpus_below(&rng, codable->count)];
    }
    write_rows("A", name, a, a_codes, n, tree);
    write_rows("B", name, b, b_codes, n, tree);
    ok = true;
cleanup:
    free(a);
    free(b);
    free(from);
    free(a_codes);
    free(b_codes);
    return ok;
}

static int write_codings(const char *codebook, const char *path, uint64_t count, uint64_t seed)
{
    struct error err;
    enum codebook_file_format format;
    struct transcript transcript = {0};
    struct codable_codes codable = {0};
    int status = 1;
    struct codetree *tree = codebook_file_read(codebook, &format, NULL, &err);
    if (!tree || !transcript_read(path, NULL, &transcript, &err)) {
        fprintf(stderr, "gen_corpus: %s\n", err.message);
        goto cleanup;
    }
    if (!codable_codes(tree, &codable)) {
        fputs("gen_corpus: out of memory\n", stderr);
        goto cleanup;
    }
    if (codable.count == 0 || transcript.length == 0) {
        fputs("gen_corpus: need a codable code and a non-empty text\n", stderr);
        goto cleanup;
    }
    char name[256];
    source_name(path, name, sizeof name);
    printf("coder,source,code,start,end\n");
    if (write_source_codings(tree, &codable, name, (int64_t)transcript.length, (size_t)count, seed))
        status = fflush(stdout) == 0 ? 0 : 1;
cleanup:
    free(codable.items);
    transcript_finish(&transcript);
    codetree_destroy(tree);
    return status;
}

/* The seed of source `index` (from 1) of a project generated from `seed`. */
static uint64_t source_seed(uint64_t seed, uint64_t index)
{
    struct corpus_rng rng;
    corpus_seed(&rng, seed ^ (index * 0x9E3779B97F4A7C15u));
    return corpus_next(&rng);
}

static int write_project(const char *codebook, const char *dir, uint64_t sources, uint64_t bytes,
                         uint64_t spans, uint64_t seed)
{
    struct error err;
    enum codebook_file_format format;
    struct codable_codes codable = {0};
    struct strbuf text = STRBUF_INIT;
    int status = 1;
    struct codetree *tree = codebook_file_read(codebook, &format, NULL, &err);
    if (!tree) {
        fprintf(stderr, "gen_corpus: %s\n", err.message);
        goto cleanup;
    }
    if (!codable_codes(tree, &codable) || codable.count == 0) {
        fputs("gen_corpus: need a codable code\n", stderr);
        goto cleanup;
    }
    printf("coder,source,code,start,end\n");
    for (uint64_t i = 1; i <= sources; i++) {
        char name[32];
        char path[4096];
        snprintf(name, sizeof name, "s%04" PRIu64, i);
        snprintf(path, sizeof path, "%s/%s.txt", dir, name);
        uint64_t text_seed = source_seed(seed, i);
        struct corpus_rng rng;
        corpus_seed(&rng, text_seed);
        text.len = 0;
        if (!corpus_transcript(&rng, (size_t)bytes, &text)) {
            fputs("gen_corpus: out of memory\n", stderr);
            goto cleanup;
        }
        FILE *f = fopen(path, "wb");
        bool written = f && fwrite(text.data, 1, text.len, f) == text.len;
        if (!f || fclose(f) != 0 || !written) {
            fprintf(stderr, "gen_corpus: cannot write %s\n", path);
            goto cleanup;
        }
        struct transcript transcript = {0};
        if (!transcript_parse(text.data, text.len, path, NULL, &transcript, &err)) {
            fprintf(stderr, "gen_corpus: %s\n", err.message);
            goto cleanup;
        }
        bool rows = write_source_codings(tree, &codable, name, (int64_t)transcript.length,
                                         (size_t)spans, text_seed + 1);
        transcript_finish(&transcript);
        if (!rows)
            goto cleanup;
    }
    status = fflush(stdout) == 0 ? 0 : 1;
cleanup:
    strbuf_finish(&text);
    free(codable.items);
    codetree_destroy(tree);
    return status;
}

int main(int argc, char **argv)
{
    uint64_t size = 0;
    uint64_t seed = 1;
    if (argc >= 3 && argc <= 4 && strcmp(argv[1], "text") == 0) {
        if (!parse_count(argv[2], &size) || (argc == 4 && !parse_count(argv[3], &seed)))
            return usage();
        return write_text(size, seed);
    }
    if (argc >= 5 && argc <= 6 && strcmp(argv[1], "codings") == 0) {
        if (!parse_count(argv[4], &size) || (argc == 6 && !parse_count(argv[5], &seed)))
            return usage();
        return write_codings(argv[2], argv[3], size, seed);
    }
    if (argc >= 7 && argc <= 8 && strcmp(argv[1], "project") == 0) {
        uint64_t sources = 0;
        uint64_t spans = 0;
        if (!parse_count(argv[4], &sources) || !parse_count(argv[5], &size) ||
            !parse_count(argv[6], &spans) || (argc == 8 && !parse_count(argv[7], &seed)))
            return usage();
        return write_project(argv[2], argv[3], sources, size, spans, seed);
    }
    return usage();
}
