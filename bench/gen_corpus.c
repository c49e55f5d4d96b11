/* Writes the benchmarks' corpus: fictional transcripts, and two coders' random codings of one as
 * margin's codings CSV (coder,source,code,start,end; offsets in code points).
 *
 *   gen_corpus text BYTES [SEED] > NAME.txt
 *   gen_corpus codings CODEBOOK NAME.txt SPANS [SEED] > codings.csv
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
          "       gen_corpus codings CODEBOOK FILE.txt SPANS [SEED]\n",
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

static int write_codings(const char *codebook, const char *path, uint64_t count, uint64_t seed)
{
    struct error err;
    enum codebook_file_format format;
    struct transcript transcript = {0};
    struct span *a = NULL;
    struct span *b = NULL;
    int64_t *from = NULL;
    int *a_codes = NULL;
    int *b_codes = NULL;
    int *codable = NULL;
    int status = 1;
    struct codetree *tree = codebook_file_read(codebook, &format, NULL, &err);
    if (!tree || !transcript_read(path, NULL, &transcript, &err)) {
        fprintf(stderr, "gen_corpus: %s\n", err.message);
        goto cleanup;
    }
    size_t ncodes = codetree_count(tree);
    size_t n = (size_t)count;
    codable = malloc((ncodes ? ncodes : 1) * sizeof *codable);
    a = malloc((n ? n : 1) * sizeof *a);
    b = malloc((n ? n : 1) * sizeof *b);
    from = malloc((n ? n : 1) * sizeof *from);
    a_codes = malloc((n ? n : 1) * sizeof *a_codes);
    b_codes = malloc((n ? n : 1) * sizeof *b_codes);
    if (!codable || !a || !b || !from || !a_codes || !b_codes) {
        fputs("gen_corpus: out of memory\n", stderr);
        goto cleanup;
    }
    size_t ncodable = 0;
    for (size_t i = 0; i < ncodes; i++) {
        if (codetree_get(tree, i)->codable)
            codable[ncodable++] = (int)i;
    }
    int64_t length = (int64_t)transcript.length;
    if (ncodable == 0 || length == 0) {
        fputs("gen_corpus: need a codable code and a non-empty text\n", stderr);
        goto cleanup;
    }
    struct corpus_rng rng;
    corpus_seed(&rng, seed);
    corpus_spans(&rng, length, n, SPAN_MIN, SPAN_MAX, a);
    for (size_t i = 0; i < n; i++)
        a_codes[i] = codable[corpus_below(&rng, ncodable)];
    corpus_second_coder(&rng, a, n, length, n, AGREE_PERCENT, JITTER, SPAN_MIN, SPAN_MAX, b, from);
    for (size_t i = 0; i < n; i++) {
        bool same = from[i] >= 0 && corpus_below(&rng, 100) < SAME_CODE_PERCENT;
        b_codes[i] = same ? a_codes[from[i]] : codable[corpus_below(&rng, ncodable)];
    }
    char name[256];
    source_name(path, name, sizeof name);
    printf("coder,source,code,start,end\n");
    write_rows("A", name, a, a_codes, n, tree);
    write_rows("B", name, b, b_codes, n, tree);
    status = fflush(stdout) == 0 ? 0 : 1;
cleanup:
    free(codable);
    free(a);
    free(b);
    free(from);
    free(a_codes);
    free(b_codes);
    transcript_finish(&transcript);
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
    return usage();
}
