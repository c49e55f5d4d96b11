/* Times margin's core on generated transcripts of several sizes and prints the figures; it
 * never fails on time. Each figure is the median of several runs, in processor time.
 *
 *   core_bench [--quick]
 *
 * Tables have a column per text size and end with the ratio of the largest size's figure to
 * the smallest's: about 1 for a cost that does not depend on the text's size, about 1000 for a
 * cost proportional to it (10 MB / 10 kB). Per-position figures are averages over positions
 * drawn uniformly from the whole text, so an operation whose cost grows with the offset shows
 * it. --quick runs two sizes, fewer positions and fewer runs, for a smoke test.
 *
 * The last table replaces a source's text: the diff of the old and the new text and the
 * re-mapping of codings through it, for a 1 MB transcript after scattered corrections, a short
 * one after names are replaced, and two harder cases. */
#include "corpus.h"

#include "core/agree.h"
#include "core/anchor.h"
#include "core/bootstrap.h"
#include "core/diff.h"
#include "core/motion.h"
#include "core/ratings.h"
#include "core/text.h"
#include "core/utf8.h"
#include "core/wrap.h"
#include "io/transcript.h"
#include "io/yaml_codebook.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SIZES_MAX 4
#define COUNT(a)  (sizeof(a) / sizeof((a)[0]))

/* What a run measures: set once from the command line. */
struct plan {
    size_t sizes[SIZES_MAX];
    size_t nsizes;
    int runs;         /* runs per figure; the median is printed */
    size_t positions; /* positions per run of a per-position operation */
    size_t spans[3];  /* spans (both coders together) for the agreement figures */
    size_t nspans;
};

/* Results of the operations go here so that the compiler cannot drop them. */
static volatile int64_t sink;

/* Processor time of this thread: unlike wall time it leaves out waiting for other programs on
 * a busy machine. */
static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int compare_double(const void *x, const void *y)
{
    double a = *(const double *)x;
    double b = *(const double *)y;
    return (a > b) - (a < b);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, compare_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* A figure with three significant digits or so, without an exponent; a count as a whole
 * number. */
static void print_value(double v, bool count)
{
    if (count)
        printf(" %11.0f", v);
    else if (v < 0)
        printf(" %11s", "-");
    else if (v >= 100)
        printf(" %11.0f", v);
    else if (v >= 10)
        printf(" %11.1f", v);
    else
        printf(" %11.2f", v);
}

static void print_size_header(const char *title, const struct plan *plan)
{
    printf("\n%-34s", title);
    for (size_t i = 0; i < plan->nsizes; i++) {
        char label[32];
        size_t s = plan->sizes[i];
        if (s >= 1000000)
            snprintf(label, sizeof label, "%zu MB", s / 1000000);
        else
            snprintf(label, sizeof label, "%zu kB", s / 1000);
        printf(" %11s", label);
    }
    printf(" %7s  %s\n", "ratio", "unit");
}

static void print_row(const char *name, const double *values, size_t n, const char *unit,
                      bool count)
{
    printf("%-34s", name);
    for (size_t i = 0; i < n; i++)
        print_value(values[i], count);
    double ratio = n > 1 && values[0] > 0 ? values[n - 1] / values[0] : 0;
    printf(" %7.1f  %s\n", ratio, unit);
}

/* --- One text, at one size -------------------------------------------------------------- */

struct sample {
    struct transcript transcript;
    struct text *text;
    struct wrap wrap80;
    int64_t *positions;
};

/* The per-position operations: what the transcript pane calls for a key press. */
typedef int64_t (*position_fn)(const struct sample *s, int64_t offset);

static int64_t op_text_byte(const struct sample *s, int64_t o)
{
    return (int64_t)text_byte(s->text, (size_t)o);
}
static int64_t op_text_offset(const struct sample *s, int64_t o)
{
    /* o is below the length, hence below the size: a valid byte offset. */
    return (int64_t)text_offset(s->text, (size_t)o);
}
static int64_t op_text_char(const struct sample *s, int64_t o)
{
    return text_char(s->text, (size_t)o);
}
static int64_t op_wrap_row_of(const struct sample *s, int64_t o)
{
    return (int64_t)wrap_row_of(&s->wrap80, o);
}
static int64_t op_word_next(const struct sample *s, int64_t o)
{
    return motion_word_next(s->text, o);
}
static int64_t op_word_prev(const struct sample *s, int64_t o)
{
    return motion_word_prev(s->text, o);
}
static int64_t op_word_end(const struct sample *s, int64_t o)
{
    return motion_word_end(s->text, o);
}
static int64_t op_sentence_next(const struct sample *s, int64_t o)
{
    return motion_sentence_next(s->text, o);
}
static int64_t op_sentence_prev(const struct sample *s, int64_t o)
{
    return motion_sentence_prev(s->text, o);
}
static int64_t op_paragraph_next(const struct sample *s, int64_t o)
{
    return motion_paragraph_next(s->text, o);
}
static int64_t op_paragraph_prev(const struct sample *s, int64_t o)
{
    return motion_paragraph_prev(s->text, o);
}
static int64_t op_line_start(const struct sample *s, int64_t o)
{
    return motion_line_start(s->text, o);
}
static int64_t op_line_end(const struct sample *s, int64_t o)
{
    return motion_line_end(s->text, o);
}
static int64_t op_word_at(const struct sample *s, int64_t o)
{
    return motion_word_at(s->text, o, true).end;
}
static int64_t op_sentence_at(const struct sample *s, int64_t o)
{
    return motion_sentence_at(s->text, o, true).end;
}
static int64_t op_paragraph_at(const struct sample *s, int64_t o)
{
    return motion_paragraph_at(s->text, o, true).end;
}
static int64_t op_turn_at(const struct sample *s, int64_t o)
{
    return motion_turn_at(&s->transcript.turns, o);
}
static int64_t op_turn_span(const struct sample *s, int64_t o)
{
    return motion_turn_span(&s->transcript.turns, o, false).end;
}
static int64_t op_turn_next(const struct sample *s, int64_t o)
{
    return motion_turn_next(&s->transcript.turns, o);
}
static int64_t op_turn_prev(const struct sample *s, int64_t o)
{
    return motion_turn_prev(&s->transcript.turns, o);
}

static const struct {
    const char *name;
    position_fn fn;
} position_ops[] = {
    {"text_byte", op_text_byte},
    {"text_offset", op_text_offset},
    {"text_char", op_text_char},
    {"wrap_row_of (width 80)", op_wrap_row_of},
    {"motion_word_next (w)", op_word_next},
    {"motion_word_prev (b)", op_word_prev},
    {"motion_word_end (e)", op_word_end},
    {"motion_sentence_next ())", op_sentence_next},
    {"motion_sentence_prev (()", op_sentence_prev},
    {"motion_paragraph_next (})", op_paragraph_next},
    {"motion_paragraph_prev ({)", op_paragraph_prev},
    {"motion_line_start", op_line_start},
    {"motion_line_end", op_line_end},
    {"motion_word_at (aw)", op_word_at},
    {"motion_sentence_at (as)", op_sentence_at},
    {"motion_paragraph_at (ap)", op_paragraph_at},
    {"motion_turn_at", op_turn_at},
    {"motion_turn_span (it)", op_turn_span},
    {"motion_turn_next (t)", op_turn_next},
    {"motion_turn_prev (T)", op_turn_prev},
};

/* Builds the sample of `bytes` bytes: generated, parsed as an import parses it, indexed and
 * wrapped, with `npositions` random positions. Times the parse, the index and the wraps into
 * one_shot[0..4) (milliseconds). Returns false when something fails. */
static bool sample_init(struct sample *s, size_t bytes, size_t npositions, int runs,
                        double one_shot[4])
{
    memset(s, 0, sizeof *s);
    struct corpus_rng rng;
    corpus_seed(&rng, 1);
    struct strbuf raw = STRBUF_INIT;
    struct error err;
    if (!corpus_transcript(&rng, bytes, &raw)) {
        strbuf_finish(&raw);
        return false;
    }
    double t[16];
    struct wrap wrap200 = {0};
    bool ok = true;
    for (int r = 0; r < runs && ok; r++) {
        transcript_finish(&s->transcript);
        double t0 = now_ns();
        ok = transcript_parse(raw.data, raw.len, "bench", NULL, &s->transcript, &err);
        t[r] = (now_ns() - t0) / 1e6;
    }
    one_shot[0] = ok ? median(t, runs) : -1;
    for (int r = 0; r < runs && ok; r++) {
        text_destroy(s->text);
        double t0 = now_ns();
        s->text = text_create(s->transcript.text, s->transcript.size);
        t[r] = (now_ns() - t0) / 1e6;
        ok = s->text != NULL;
    }
    one_shot[1] = ok ? median(t, runs) : -1;
    for (int r = 0; r < runs && ok; r++) {
        double t0 = now_ns();
        ok = wrap_text(s->text, 80, &s->wrap80);
        t[r] = (now_ns() - t0) / 1e6;
    }
    one_shot[2] = ok ? median(t, runs) : -1;
    for (int r = 0; r < runs && ok; r++) {
        double t0 = now_ns();
        ok = wrap_text(s->text, 200, &wrap200);
        t[r] = (now_ns() - t0) / 1e6;
    }
    one_shot[3] = ok ? median(t, runs) : -1;
    wrap_finish(&wrap200);
    strbuf_finish(&raw);
    s->positions = ok ? malloc(npositions * sizeof *s->positions) : NULL;
    if (!s->positions)
        return false;
    corpus_seed(&rng, 2);
    uint64_t length = text_length(s->text);
    for (size_t i = 0; i < npositions; i++)
        s->positions[i] = (int64_t)corpus_below(&rng, length);
    return true;
}

static void sample_finish(struct sample *s)
{
    transcript_finish(&s->transcript);
    text_destroy(s->text);
    wrap_finish(&s->wrap80);
    free(s->positions);
}

/* Nanoseconds per call of fn, over the sample's positions, median of `runs` runs. */
static double time_positions(const struct sample *s, position_fn fn, size_t npositions, int runs)
{
    double t[16];
    for (int r = 0; r < runs; r++) {
        int64_t sum = 0;
        double t0 = now_ns();
        for (size_t i = 0; i < npositions; i++)
            sum += fn(s, s->positions[i]);
        t[r] = (now_ns() - t0) / (double)npositions;
        sink += sum;
    }
    return median(t, runs);
}

static bool text_tables(const struct plan *plan)
{
    enum { ONE_SHOTS = 4 };
    static const char *const one_shot_names[ONE_SHOTS] = {
        "transcript_parse (import)",
        "text_create (open a source)",
        "wrap_text, width 80",
        "wrap_text, width 200",
    };
    double one_shot[ONE_SHOTS][SIZES_MAX];
    double per_op[COUNT(position_ops)][SIZES_MAX];
    double turns[SIZES_MAX];
    double rows[SIZES_MAX];
    for (size_t k = 0; k < plan->nsizes; k++) {
        struct sample s;
        double once[ONE_SHOTS];
        if (!sample_init(&s, plan->sizes[k], plan->positions, plan->runs, once)) {
            fputs("core_bench: could not build a sample text\n", stderr);
            sample_finish(&s);
            return false;
        }
        for (size_t i = 0; i < ONE_SHOTS; i++)
            one_shot[i][k] = once[i];
        turns[k] = (double)s.transcript.turns.count;
        rows[k] = (double)s.wrap80.count;
        for (size_t i = 0; i < COUNT(position_ops); i++)
            per_op[i][k] = time_positions(&s, position_ops[i].fn, plan->positions, plan->runs);
        sample_finish(&s);
    }
    print_size_header("Text", plan);
    print_row("speaker turns", turns, plan->nsizes, "turns", true);
    print_row("rows at width 80", rows, plan->nsizes, "rows", true);
    print_size_header("Once per source (or resize)", plan);
    for (size_t i = 0; i < ONE_SHOTS; i++)
        print_row(one_shot_names[i], one_shot[i], plan->nsizes, "ms", false);
    print_size_header("Per call, from random positions", plan);
    for (size_t i = 0; i < COUNT(position_ops); i++)
        print_row(position_ops[i].name, per_op[i], plan->nsizes, "ns/call", false);
    return true;
}

/* --- Codebooks --------------------------------------------------------------------------- */

/* Writes a codebook of one shape, about `bytes` long, into a new buffer; *n is its length. */
typedef char *(*codebook_fn)(size_t bytes, size_t *n);

/* "codes: [[[...]]]": nested as deep as the size allows, which margin refuses at once. */
static char *codebook_nested(size_t bytes, size_t *n)
{
    size_t depth = bytes / 2;
    char *d = malloc(bytes + 16);
    if (!d)
        return NULL;
    size_t k = (size_t)sprintf(d, "codes: ");
    memset(d + k, '[', depth);
    memset(d + k + depth, ']', depth);
    *n = k + 2 * depth;
    d[(*n)++] = '\n';
    return d;
}

/* Lists nested 24 deep, side by side: refused at its first item, which is not a code. */
static char *codebook_wide(size_t bytes, size_t *n)
{
    static const char item[] = "[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]], ";
    char *d = malloc(bytes + sizeof item + 16);
    if (!d)
        return NULL;
    size_t k = (size_t)sprintf(d, "codes: [");
    while (k < bytes) {
        memcpy(d + k, item, sizeof item - 1);
        k += sizeof item - 1;
    }
    k += (size_t)sprintf(d + k, "x]\n");
    *n = k;
    return d;
}

/* Half anchors, half aliases to them, in one list: refused where the list is a description. */
static char *codebook_aliases(size_t bytes, size_t *n)
{
    char *d = malloc(bytes + 64);
    if (!d)
        return NULL;
    size_t k = (size_t)sprintf(d, "codes:\n  - name: x\n    description: [");
    size_t anchors = 0;
    while (k < bytes / 2)
        k += (size_t)sprintf(d + k, "&a%zu x, ", anchors++);
    for (size_t i = 0; k < bytes; i++)
        k += (size_t)sprintf(d + k, "*a%zu, ", i % anchors);
    k += (size_t)sprintf(d + k, "x]\n");
    *n = k;
    return d;
}

/* A codebook margin reads: 100 codes under each code, three levels deep, up to the size. */
static char *codebook_codes(size_t bytes, size_t *n)
{
    char *d = malloc(bytes + 256);
    if (!d)
        return NULL;
    size_t k = (size_t)sprintf(d, "codes:\n");
    for (int a = 1; k < bytes && a <= 100; a++) {
        k += (size_t)sprintf(d + k, "- name: Code %d\n  codes:\n", a);
        for (int b = 1; k < bytes && b <= 100; b++) {
            k += (size_t)sprintf(d + k, "  - name: Code %d.%d\n    codes:\n", a, b);
            for (int c = 1; k < bytes && c <= 100; c++)
                k += (size_t)sprintf(d + k, "    - {name: Code %d.%d.%d}\n", a, b, c);
        }
    }
    *n = k;
    return d;
}

static const struct {
    const char *name;
    codebook_fn make;
} codebook_shapes[] = {
    {"nested [[[...]]] (refused)", codebook_nested},
    {"lists 24 deep, side by side (ref.)", codebook_wide},
    {"anchors and aliases (refused)", codebook_aliases},
    {"codes 3 levels deep (read)", codebook_codes},
};

/* Milliseconds to read (or refuse) codebooks of each shape and size with yaml_codebook_parse. */
static bool codebook_tables(const struct plan *plan)
{
    double ms[COUNT(codebook_shapes)][SIZES_MAX];
    int runs = plan->runs < 3 ? plan->runs : 3;
    for (size_t i = 0; i < COUNT(codebook_shapes); i++) {
        for (size_t k = 0; k < plan->nsizes; k++) {
            size_t n;
            char *data = codebook_shapes[i].make(plan->sizes[k], &n);
            if (!data) {
                fputs("core_bench: out of memory\n", stderr);
                return false;
            }
            double t[16];
            for (int r = 0; r < runs; r++) {
                struct error err;
                double t0 = now_ns();
                struct codetree *tree = yaml_codebook_parse(data, n, "bench.yaml", &err);
                t[r] = (now_ns() - t0) / 1e6;
                sink += tree ? (int64_t)codetree_count(tree) : -1;
                codetree_destroy(tree);
            }
            ms[i][k] = median(t, runs);
            free(data);
        }
    }
    print_size_header("YAML codebook, read or refused", plan);
    for (size_t i = 0; i < COUNT(codebook_shapes); i++)
        print_row(codebook_shapes[i].name, ms[i], plan->nsizes, "ms", false);
    return true;
}

/* --- Agreement ---------------------------------------------------------------------------- */

enum agree_op { OP_TABLE, OP_COINCIDENCE, OP_SEGMENTS, AGREE_OPS };

static const char *const agree_names[AGREE_OPS] = {
    "agree_table_from_spans",
    "agree_coincidence_add",
    "agree_segments_match (90 %)",
};

/* Milliseconds for one call of `op` on copies ca and cb of a[0..n) and b[0..n) (the functions
 * sort their input, so every run starts from the same unsorted spans), median of `runs` runs. */
static double time_agree(enum agree_op op, const struct span *a, const struct span *b, size_t n,
                         int64_t length, int runs, struct span *ca, struct span *cb)
{
    double t[16];
    for (int r = 0; r < runs; r++) {
        memcpy(ca, a, n * sizeof *a);
        memcpy(cb, b, n * sizeof *b);
        struct span *coders[2] = {ca, cb};
        size_t counts[2] = {n, n};
        struct agree_coincidence m = {0};
        double t0 = now_ns();
        switch (op) {
        case OP_TABLE:
            sink += agree_table_from_spans(ca, n, cb, n, length).a;
            break;
        case OP_COINCIDENCE:
            sink += agree_coincidence_add(&m, coders, counts, 2, length);
            sink += (int64_t)m.o11;
            break;
        case OP_SEGMENTS:
            sink += agree_segments_match(ca, n, cb, n, AGREE_SEGMENT_THRESHOLD).a_matched;
            break;
        case AGREE_OPS:
            break;
        }
        t[r] = (now_ns() - t0) / 1e6;
    }
    return median(t, runs);
}

/* Two coders' spans: n each, the second agreeing with the first three times in five. */
static void two_coders(int64_t length, size_t n, int64_t min_len, int64_t max_len, int64_t jitter,
                       struct span *a, struct span *b, int64_t *from)
{
    struct corpus_rng rng;
    corpus_seed(&rng, 3);
    corpus_spans(&rng, length, n, min_len, max_len, a);
    corpus_second_coder(&rng, a, n, length, n, 60, jitter, min_len, max_len, b, from);
}

/* Prints one operation's row: its figures at the short and the long length, and their ratio. */
static void print_pair(const char *name, double lo, double hi)
{
    printf("%-34s", name);
    print_value(lo, false);
    print_value(hi, false);
    printf(" %7.2f\n", lo > 0 ? hi / lo : 0);
}

static bool agree_tables(const struct plan *plan)
{
    const int64_t big = 10000000;
    const int64_t small = 10000;
    size_t most = plan->spans[plan->nspans - 1] / 2;
    /* a and b: the coders' spans; ca and cb: copies each call may sort; sa and sb: a and b
     * scaled with the length. */
    struct span *a = malloc(most * sizeof *a);
    struct span *b = malloc(most * sizeof *b);
    struct span *ca = malloc(most * sizeof *ca);
    struct span *cb = malloc(most * sizeof *cb);
    struct span *sa = malloc(most * sizeof *sa);
    struct span *sb = malloc(most * sizeof *sb);
    int64_t *from = malloc(most * sizeof *from);
    bool ok = a && b && ca && cb && sa && sb && from;
    if (!ok) {
        fputs("core_bench: out of memory\n", stderr);
        goto cleanup;
    }

    printf("\nAgreement on one code in one source of %lld characters (10 MB); spans of 20 to "
           "2000\ncharacters, both coders together (half each); milliseconds per call\n",
           (long long)big);
    printf("%-34s", "spans");
    for (size_t k = 0; k < plan->nspans; k++)
        printf(" %11zu", plan->spans[k]);
    printf(" %7s\n", "ratio");
    for (int op = 0; op < AGREE_OPS; op++) {
        double v[COUNT(plan->spans)];
        for (size_t k = 0; k < plan->nspans; k++) {
            size_t n = plan->spans[k] / 2;
            two_coders(big, n, 20, 2000, 30, a, b, from);
            v[k] = time_agree((enum agree_op)op, a, b, n, big, plan->runs, ca, cb);
        }
        printf("%-34s", agree_names[op]);
        for (size_t k = 0; k < plan->nspans; k++)
            print_value(v[k], false);
        printf(" %7.1f\n", plan->nspans > 1 ? v[plan->nspans - 1] / v[0] : 0);
    }

    size_t n = most;
    two_coders(small, n, 1, 300, 3, a, b, from);
    for (size_t i = 0; i < n; i++) {
        sa[i] = (struct span){a[i].start * 1000, a[i].end * 1000};
        sb[i] = (struct span){b[i].start * 1000, b[i].end * 1000};
    }
    printf("\nThe same %zu spans against a 10 kB and a 10 MB source length; milliseconds per "
           "call.\nA cost that grew with the characters would show a ratio near 1000.\n",
           2 * n);
    printf("%-34s %11s %11s %7s\n", "identical spans, inside 10 kB", "L=10^4", "L=10^7", "ratio");
    for (int op = 0; op < AGREE_OPS; op++) {
        print_pair(agree_names[op],
                   time_agree((enum agree_op)op, a, b, n, small, plan->runs, ca, cb),
                   time_agree((enum agree_op)op, a, b, n, big, plan->runs, ca, cb));
    }
    printf("%-34s %11s %11s %7s\n", "spans scaled x1000 with the length", "L=10^4", "L=10^7",
           "ratio");
    for (int op = 0; op < AGREE_OPS; op++) {
        print_pair(agree_names[op],
                   time_agree((enum agree_op)op, a, b, n, small, plan->runs, ca, cb),
                   time_agree((enum agree_op)op, sa, sb, n, big, plan->runs, ca, cb));
    }
cleanup:
    free(a);
    free(b);
    free(ca);
    free(cb);
    free(sa);
    free(sb);
    free(from);
    return ok;
}

/* --- Replacing a source's text ------------------------------------------------------------ */

/* The code points of UTF-8 text, into *out (malloc'd). */
static bool decode_text(const char *s, size_t n, uint32_t **out, size_t *count)
{
    *out = malloc((n + 1) * sizeof **out);
    if (!*out)
        return false;
    size_t k = 0;
    for (size_t i = 0; i < n; k++)
        i += utf8_decode_or_replace(s + i, n - i, &(*out)[k]);
    *count = k;
    return true;
}

static bool put_code_points(struct strbuf *sb, const uint32_t *c, size_t n)
{
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        char bytes[4];
        size_t len = utf8_encode(c[i], bytes);
        ok = strbuf_append(sb, bytes, len);
    }
    return ok;
}

static int compare_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x;
    size_t b = *(const size_t *)y;
    return (a > b) - (a < b);
}

/* `count` positions in [0, n), sorted (malloc'd). */
static size_t *sorted_positions(struct corpus_rng *rng, size_t n, size_t count)
{
    size_t *at = malloc((count + 1) * sizeof *at);
    if (!at)
        return NULL;
    for (size_t i = 0; i < count; i++)
        at[i] = (size_t)corpus_below(rng, n);
    qsort(at, count, sizeof *at, compare_size);
    return at;
}

/* Writes a[0..n) with `count` scattered corrections (at random places, each deleting,
 * inserting or replacing 1 to 5 code points: letters and spaces) as UTF-8 to *out. */
static bool scatter_corrections(struct corpus_rng *rng, const uint32_t *a, size_t n, size_t count,
                                struct strbuf *out)
{
    size_t *at = sorted_positions(rng, n, count);
    bool ok = at != NULL;
    size_t x = 0;
    for (size_t i = 0; i < count && ok; i++) {
        if (at[i] < x)
            continue;
        ok = put_code_points(out, a + x, at[i] - x);
        uint64_t kind = corpus_below(rng, 3);
        size_t del = kind == 1 ? 0 : 1 + (size_t)corpus_below(rng, 5);
        size_t ins = kind == 0 ? 0 : 1 + (size_t)corpus_below(rng, 5);
        for (size_t k = 0; k < ins && ok; k++)
            ok = strbuf_putc(out, " abcdefghijklmnopqrstuvwxyz"[corpus_below(rng, 27)]);
        x = at[i] + del < n ? at[i] + del : n;
    }
    ok = ok && put_code_points(out, a + x, n - x);
    free(at);
    return ok;
}

static bool is_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0;
}

/* Writes a[0..n) with `count` words, at random places, replaced by placeholders such as
 * "[P07]" and "[GP practice 2]", as UTF-8 to *out; the words replaced go to names[0..count). */
static bool replace_names(struct corpus_rng *rng, const uint32_t *a, size_t n, size_t count,
                          struct strbuf *out, struct span *names)
{
    size_t *at = sorted_positions(rng, n, count);
    bool ok = at != NULL;
    size_t x = 0;
    for (size_t i = 0; i < count && ok; i++) {
        size_t s = at[i] > x ? at[i] : x;
        while (s < n && (is_letter(a[s]) || !is_letter(a[s + 1 < n ? s + 1 : s])))
            s++;
        s = s + 1 < n ? s + 1 : n; /* the start of the next word */
        size_t e = s;
        while (e < n && is_letter(a[e]))
            e++;
        names[i] = (struct span){(int64_t)s, (int64_t)e};
        ok = put_code_points(out, a + x, s - x) &&
             (i % 3 ? strbuf_printf(out, "[P%02zu]", i % 29 + 1)
                    : strbuf_printf(out, "[GP practice %zu]", i % 4 + 1));
        x = e;
    }
    ok = ok && put_code_points(out, a + x, n - x);
    free(at);
    return ok;
}

/* Writes a[0..n) without the `cut` code points from `from`, and with `count` scattered
 * corrections elsewhere, as UTF-8 to *out. */
static bool cut_passage(struct corpus_rng *rng, const uint32_t *a, size_t n, size_t from,
                        size_t cut, size_t count, struct strbuf *out)
{
    struct strbuf head = STRBUF_INIT;
    bool ok = scatter_corrections(rng, a, from, count / 2, &head) &&
              strbuf_append(out, head.data, head.len) &&
              scatter_corrections(rng, a + from + cut, n - from - cut, count - count / 2, out);
    strbuf_finish(&head);
    return ok;
}

enum replace_case { CASE_SCATTERED, CASE_NAMES, CASE_PASSAGE, CASE_UNRELATED, REPLACE_CASES };

static const char *const case_names[REPLACE_CASES] = {
    "1 MB, 10000 scattered edits",
    "30 kB, 100 words to names",
    "1 MB, 20000 cut, 100 edits",
    "1 MB, an unrelated transcript",
};

/* Builds a case: the old and the new text as UTF-8, and `*nspans` codings of the old one: 10000
 * at random places, or 300 and then the 100 words replaced by names. */
static bool build_case(enum replace_case c, struct strbuf *old, struct strbuf *new,
                       struct span **spans, size_t *nspans)
{
    struct corpus_rng rng;
    corpus_seed(&rng, 1);
    size_t bytes = c == CASE_NAMES ? 30000 : 1000000;
    if (!corpus_transcript(&rng, bytes, old))
        return false;
    uint32_t *a = NULL;
    size_t n = 0;
    if (!decode_text(old->data, old->len, &a, &n))
        return false;
    *nspans = c == CASE_NAMES ? 400 : 10000;
    *spans = malloc(*nspans * sizeof **spans);
    bool ok = *spans != NULL;
    corpus_seed(&rng, 7);
    switch (ok ? c : REPLACE_CASES) {
    case CASE_SCATTERED:
        ok = scatter_corrections(&rng, a, n, 10000, new);
        break;
    case CASE_NAMES:
        ok = replace_names(&rng, a, n, 100, new, *spans + 300);
        break;
    case CASE_PASSAGE:
        ok = cut_passage(&rng, a, n, n / 2, 20000, 100, new);
        break;
    case CASE_UNRELATED:
        corpus_seed(&rng, 99);
        ok = corpus_transcript(&rng, bytes, new);
        break;
    case REPLACE_CASES:
        break;
    }
    if (ok) {
        corpus_seed(&rng, 3);
        corpus_spans(&rng, (int64_t)n, c == CASE_NAMES ? 300 : *nspans, 20, 2000, *spans);
    }
    free(a);
    return ok;
}

static bool replace_table(const struct plan *plan)
{
    printf("\nReplacing a source's text: diff_utf8 (decoding included), diff_cleanup_utf8 and\n"
           "anchor_remap of its codings (20 to 2000 code points long, and in the second case\n"
           "also the 100 words replaced); milliseconds per call; the distance and the runs of\n"
           "the script after the clean-up\n");
    printf("%-30s %7s %7s %5s %7s %7s %6s %8s %6s  %s\n", "case", "old cp", "new cp", "spans",
           "diff", "cleanup", "remap", "distance", "runs", "script");
    int counts[REPLACE_CASES][ANCHOR_CHANGES] = {{0}};
    bool ok = true;
    for (int c = 0; c < REPLACE_CASES && ok; c++) {
        struct strbuf old = STRBUF_INIT;
        struct strbuf new = STRBUF_INIT;
        struct span *spans = NULL;
        size_t nspans = 0;
        struct diff_script script = {0};
        struct anchor_result *out = NULL;
        ok = build_case((enum replace_case)c, &old, &new, &spans, &nspans);
        out = ok ? malloc(nspans * sizeof *out) : NULL;
        ok = ok && out;
        double td[16];
        double tc[16];
        double tr[16];
        for (int r = 0; r < plan->runs && ok; r++) {
            double t0 = now_ns();
            ok = diff_utf8(old.data, old.len, new.data, new.len, &script);
            td[r] = (now_ns() - t0) / 1e6;
            t0 = now_ns();
            ok = ok && diff_cleanup_utf8(&script, old.data, old.len);
            tc[r] = (now_ns() - t0) / 1e6;
            t0 = now_ns();
            ok = ok && anchor_remap(&script, spans, nspans, out);
            tr[r] = (now_ns() - t0) / 1e6;
        }
        if (ok) {
            int64_t old_length = 0;
            int64_t new_length = 0;
            diff_script_lengths(&script, &old_length, &new_length);
            const char *how = script.coarse ? "coarse" : script.minimal ? "minimal" : "anchored";
            printf("%-30s %7lld %7lld %5zu", case_names[c], (long long)old_length,
                   (long long)new_length, nspans);
            printf(" %7.1f %7.2f %6.2f", median(td, plan->runs), median(tc, plan->runs),
                   median(tr, plan->runs));
            printf(" %8lld %6zu  %s\n", (long long)diff_script_distance(&script), script.count,
                   how);
            for (size_t i = 0; i < nspans; i++)
                counts[c][out[i].change]++;
        }
        diff_script_finish(&script);
        free(out);
        free(spans);
        strbuf_finish(&old);
        strbuf_finish(&new);
    }
    if (!ok) {
        fputs("core_bench: could not build or diff a replaced text\n", stderr);
        return false;
    }
    printf("%-30s", "codings afterwards");
    for (int k = 0; k < ANCHOR_INVALID; k++)
        printf(" %9s", anchor_change_name((enum anchor_change)k));
    printf("\n");
    for (int c = 0; c < REPLACE_CASES; c++) {
        printf("%-30s", case_names[c]);
        for (int k = 0; k < ANCHOR_INVALID; k++)
            printf(" %9d", counts[c][k]);
        printf("\n");
    }
    return true;
}

/* --- Bootstrap ---------------------------------------------------------------------------- */

/* A table of `units` units rated by `coders` coders on `values` values, the coders agreeing
 * about four times in five. */
static struct ratings *bench_ratings(size_t units, size_t coders, uint64_t values)
{
    struct corpus_rng rng;
    corpus_seed(&rng, 4);
    struct ratings *r = ratings_create(coders);
    double row[8];
    for (size_t u = 0; r && u < units; u++) {
        double truth = (double)corpus_below(&rng, values);
        for (size_t i = 0; i < coders; i++)
            row[i] = corpus_below(&rng, 5) ? truth : (double)corpus_below(&rng, values);
        if (!ratings_add_unit(r, row)) {
            ratings_destroy(r);
            return NULL;
        }
    }
    return r;
}

enum boot_kind { BOOT_ALPHA_NOMINAL, BOOT_ALPHA_INTERVAL, BOOT_KAPPA };

/* Milliseconds for one bootstrap of `resamples`, median of `runs` runs. */
static double time_bootstrap(const struct ratings *r, enum boot_kind kind, size_t resamples,
                             int runs)
{
    double t[16];
    for (int k = 0; k < runs; k++) {
        double t0 = now_ns();
        struct bootstrap *b =
            kind == BOOT_KAPPA
                ? bootstrap_cohen_kappa(r, resamples, 1)
                : bootstrap_alpha(r,
                                  kind == BOOT_ALPHA_NOMINAL ? RATINGS_NOMINAL : RATINGS_INTERVAL,
                                  resamples, 1);
        t[k] = (now_ns() - t0) / 1e6;
        if (b) {
            sink += (int64_t)bootstrap_count(b);
            bootstrap_destroy(b);
        }
    }
    return median(t, runs);
}

static bool bootstrap_tables(const struct plan *plan)
{
    static const struct {
        const char *name;
        size_t coders;
        uint64_t values;
        enum boot_kind kind;
    } rows[] = {
        {"alpha, nominal, 2 coders, 5 values", 2, 5, BOOT_ALPHA_NOMINAL},
        {"alpha, nominal, 4 coders, 5 values", 4, 5, BOOT_ALPHA_NOMINAL},
        {"alpha, interval, 3 coders, 500 val.", 3, 500, BOOT_ALPHA_INTERVAL},
        {"Cohen's kappa, 2 coders, 5 values", 2, 5, BOOT_KAPPA},
    };
    size_t sizes[] = {1000, 100000};
    printf("\nBootstrap of 1000 resamples (bootstrap_alpha: KALPHA's resampling of pairs;\n"
           "bootstrap_cohen_kappa: resampling units); milliseconds per call\n");
    printf("%-34s %11s %11s %7s\n", "units", "1000", "100000", "ratio");
    for (size_t i = 0; i < COUNT(rows); i++) {
        double v[2];
        for (size_t k = 0; k < 2; k++) {
            struct ratings *r = bench_ratings(sizes[k], rows[i].coders, rows[i].values);
            if (!r) {
                fputs("core_bench: out of memory\n", stderr);
                return false;
            }
            v[k] = time_bootstrap(r, rows[i].kind, 1000, plan->runs);
            ratings_destroy(r);
        }
        print_pair(rows[i].name, v[0], v[1]);
    }
    return true;
}

int main(int argc, char **argv)
{
    struct plan plan = {
        .sizes = {10000, 100000, 1000000, 10000000},
        .nsizes = 4,
        .runs = 7,
        .positions = 2000,
        .spans = {1000, 10000, 100000},
        .nspans = 3,
    };
    if (argc == 2 && strcmp(argv[1], "--quick") == 0) {
        plan = (struct plan){
            .sizes = {10000, 1000000},
            .nsizes = 2,
            .runs = 3,
            .positions = 300,
            .spans = {1000, 10000},
            .nspans = 2,
        };
    } else if (argc != 1) {
        fputs("usage: core_bench [--quick]\n", stderr);
        return 2;
    }
    /* As margin does; words are told apart with iswalnum(), which needs a UTF-8 locale. */
    setlocale(LC_ALL, "");
    if (MB_CUR_MAX == 1)
        setlocale(LC_ALL, "C.UTF-8");
    printf("core_bench: margin's core on generated transcripts; processor time, median of %d "
           "runs;\nsizes in bytes (1 MB = 10^6)\n",
           plan.runs);
    if (!text_tables(&plan) || !codebook_tables(&plan) || !agree_tables(&plan) ||
        !replace_table(&plan) || !bootstrap_tables(&plan))
        return 1;
    return 0;
}
