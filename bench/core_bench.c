/* Times margin's core on generated transcripts of several sizes and prints the figures; it
 * never fails on time. Each figure is the median of several runs, in processor time.
 *
 *   core_bench [--quick]
 *
 * Tables have a column per text size and end with the ratio of the largest size's figure to
 * the smallest's: about 1 for a cost that does not depend on the text's size, about 1000 for a
 * cost proportional to it (10 MB / 10 kB). Per-position figures are averages over positions
 * drawn uniformly from the whole text, so an operation whose cost grows with the offset shows
 * it. --quick runs two sizes, fewer positions and fewer runs, for a smoke test. */
#include "corpus.h"

#include "core/agree.h"
#include "core/motion.h"
#include "core/text.h"
#include "core/wrap.h"
#include "io/transcript.h"

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
        ok = transcript_parse(raw.data, raw.len, "bench", &s->transcript, &err);
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
    if (!text_tables(&plan) || !agree_tables(&plan))
        return 1;
    return 0;
}
