/* Times REFI-QDA exchange on generated projects and prints the figures; it never fails on time.
 *
 *   refi_bench [--quick] CODEBOOK
 *
 * Each project has N sources (10, 100 and 1,000; --quick: 10 and 100), each a generated
 * transcript of 20 kB, and 100 codings per source, 50 by each of two coders, with the codable
 * codes of CODEBOOK (codebooks/pcn-2020.yaml). The project lives in a file, as a user's does.
 * Export writes it as a .qdpx archive (exchange_export_qdpx, what `margin refi export` runs);
 * import reads that archive into a new, empty project file (exchange_import_qdpx, what `margin
 * refi import` runs), and must bring back every source and coding. Each figure is the median of
 * 3 runs (--quick: 1), in processor time (user and system) and in wall time.
 *
 * For reference, the table also times building the same project with margin's own importers
 * (the transcripts, then the codings as CSV), and ends with the ratio of the largest project's
 * figure to the smallest's: about 100 (1,000 sources / 10) for a cost proportional to the
 * project. The goal is under 10 s each for 1,000 sources with 100,000 codings. */
#include "corpus.h"

#include "core/codetree.h"
#include "core/utf8.h"
#include "model/exchange.h"
#include "model/project.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SIZES_MAX         3
#define SOURCE_BYTES      20000
#define CODINGS_PER_CODER 50
#define SPAN_MIN          20
#define SPAN_MAX          2000
#define AGREE_PERCENT     60
#define JITTER            30
#define RUNS_MAX          3

struct plan {
    size_t sources[SIZES_MAX];
    size_t nsizes;
    int runs;
    const char *codebook;
    char dir[64]; /* a temporary folder for the transcripts, projects and archives */
};

/* What one cost came to: processor and wall time, in seconds. */
struct cost {
    double cpu;
    double wall;
};

static double seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct cost now(void)
{
    return (struct cost){seconds(CLOCK_PROCESS_CPUTIME_ID), seconds(CLOCK_MONOTONIC)};
}

static struct cost since(struct cost start)
{
    struct cost end = now();
    return (struct cost){end.cpu - start.cpu, end.wall - start.wall};
}

static int compare_double(const void *x, const void *y)
{
    double a = *(const double *)x;
    double b = *(const double *)y;
    return (a > b) - (a < b);
}

/* The median of the runs, separately for processor and wall time. */
static struct cost median(struct cost *runs, int n)
{
    double cpu[RUNS_MAX];
    double wall[RUNS_MAX];
    for (int i = 0; i < n; i++) {
        cpu[i] = runs[i].cpu;
        wall[i] = runs[i].wall;
    }
    qsort(cpu, (size_t)n, sizeof *cpu, compare_double);
    qsort(wall, (size_t)n, sizeof *wall, compare_double);
    return (struct cost){cpu[n / 2], wall[n / 2]};
}

static bool fail(const char *what, const struct error *err)
{
    fprintf(stderr, "refi_bench: %s: %s\n", what, err ? err->message : "out of memory");
    return false;
}

/* Writes transcript i (of at least SOURCE_BYTES bytes) to DIR/sNNNN.txt, its path to `path`,
 * and appends two coders' codings of it to `csv`. */
static bool write_source(const struct plan *plan, size_t i, const int *codes, size_t ncodes,
                         const struct codetree *tree, char *path, size_t size, struct strbuf *csv)
{
    struct corpus_rng rng;
    corpus_seed(&rng, i + 1);
    struct strbuf text = STRBUF_INIT;
    snprintf(path, size, "%s/s%04zu.txt", plan->dir, i);
    FILE *f = NULL;
    bool ok = corpus_transcript(&rng, SOURCE_BYTES, &text) && (f = fopen(path, "w")) &&
              fwrite(text.data, 1, text.len, f) == text.len;
    if (f && fclose(f) != 0)
        ok = false;
    int64_t length = (int64_t)utf8_length(text.data, text.len);
    strbuf_finish(&text);
    if (!ok) {
        fprintf(stderr, "refi_bench: cannot write %s\n", path);
        return false;
    }
    struct span a[CODINGS_PER_CODER];
    struct span b[CODINGS_PER_CODER];
    int64_t from[CODINGS_PER_CODER];
    corpus_spans(&rng, length, CODINGS_PER_CODER, SPAN_MIN, SPAN_MAX, a);
    corpus_second_coder(&rng, a, CODINGS_PER_CODER, length, CODINGS_PER_CODER, AGREE_PERCENT,
                        JITTER, SPAN_MIN, SPAN_MAX, b, from);
    for (size_t k = 0; ok && k < 2 * CODINGS_PER_CODER; k++) {
        const struct span *s = k < CODINGS_PER_CODER ? &a[k] : &b[k - CODINGS_PER_CODER];
        char number[OUTLINE_TEXT_MAX];
        codetree_number_text(tree, codes[corpus_below(&rng, ncodes)], number);
        ok = strbuf_printf(csv, "%s,s%04zu,%s,%" PRId64 ",%" PRId64 "\n",
                           k < CODINGS_PER_CODER ? "A" : "B", i, number, s->start, s->end);
    }
    return ok || fail("writing codings", NULL);
}

/* The indexes of the codebook's codable codes; NULL when memory runs out. */
static int *codable_codes(const struct codetree *tree, size_t *n)
{
    size_t count = codetree_count(tree);
    int *codes = calloc(count ? count : 1, sizeof *codes);
    *n = 0;
    for (size_t i = 0; codes && i < count; i++) {
        if (codetree_get(tree, i)->codable)
            codes[(*n)++] = (int)i;
    }
    return codes;
}

/* Creates DIR/pN.margin with N sources and their codings, timing how long margin's importers
 * take to build it; *codings is how many codings it holds. */
static struct project *build(const struct plan *plan, size_t n, struct cost *cost, size_t *codings)
{
    char path[128];
    snprintf(path, sizeof path, "%s/p%zu.margin", plan->dir, n);
    struct error err;
    struct import_report report;
    struct project *project = project_create(path, &err);
    if (!project || !project_import_codebook(project, NULL, plan->codebook, &report, &err)) {
        fail(project ? plan->codebook : path, &err);
        if (project)
            project_close(project);
        return NULL;
    }
    const struct codetree *tree = project_codes(project);
    size_t ncodes = 0;
    int *codes = codable_codes(tree, &ncodes);
    char(*paths)[128] = calloc(n, sizeof *paths);
    const char **names = calloc(n, sizeof *names);
    struct strbuf csv = STRBUF_INIT;
    bool ok =
        codes && ncodes && paths && names && strbuf_printf(&csv, "coder,source,code,start,end\n");
    for (size_t i = 0; ok && i < n; i++) {
        ok = write_source(plan, i, codes, ncodes, tree, paths[i], sizeof paths[i], &csv);
        names[i] = paths[i];
    }
    struct cost start = now();
    ok = ok && (project_import_sources(project, names, n, NULL, SOURCE_INTERVIEW, &report, &err) ||
                fail("importing the transcripts", &err));
    ok = ok && (project_import_codings_data(project, csv.data, csv.len, "codings.csv",
                                            CODE_MATCH_NUMBER, &report, &err) ||
                fail("importing the codings", &err));
    *cost = since(start);
    *codings = report.added;
    for (size_t i = 0; names && i < n && names[i]; i++)
        unlink(paths[i]);
    strbuf_finish(&csv);
    free(names);
    free(paths);
    free(codes);
    if (!ok) {
        project_close(project);
        unlink(path);
        return NULL;
    }
    return project;
}

/* Exports the project to DIR/pN.qdpx. */
static bool export_once(struct project *project, const char *archive, struct cost *cost)
{
    struct error err;
    FILE *out = fopen(archive, "wb");
    if (!out)
        return fail(archive, NULL);
    struct cost start = now();
    size_t detached;
    bool ok = exchange_export_qdpx(project, out, &detached, &err);
    ok = (fclose(out) == 0 && ok) || fail("exporting", ok ? NULL : &err);
    *cost = since(start);
    return ok;
}

/* Imports the archive into a new project file, which must then hold every source and coding. */
static bool import_once(const struct plan *plan, const char *archive, size_t sources,
                        size_t codings, struct cost *cost)
{
    char path[128];
    snprintf(path, sizeof path, "%s/fresh.margin", plan->dir);
    unlink(path);
    struct error err;
    struct project *project = project_create(path, &err);
    if (!project)
        return fail(path, &err);
    struct exchange_report report;
    struct cost start = now();
    bool ok = exchange_import_qdpx(project, archive, SOURCE_INTERVIEW, &report, &err);
    *cost = since(start);
    if (!ok)
        fail("importing the archive", &err);
    else if (report.sources_added != sources || report.codings_added != codings) {
        fprintf(stderr,
                "refi_bench: the import brought %zu sources and %zu codings, not %zu and %zu\n",
                report.sources_added, report.codings_added, sources, codings);
        ok = false;
    }
    exchange_report_finish(&report);
    project_close(project);
    unlink(path);
    return ok;
}

/* The figures of one project size, medians over the runs. */
struct figures {
    size_t codings;
    double archive_mb;
    struct cost build, export, import;
};

static bool measure(const struct plan *plan, size_t n, struct figures *out)
{
    struct project *project = build(plan, n, &out->build, &out->codings);
    if (!project)
        return false;
    char archive[128];
    snprintf(archive, sizeof archive, "%s/p%zu.qdpx", plan->dir, n);
    struct cost exports[RUNS_MAX];
    struct cost imports[RUNS_MAX];
    bool ok = true;
    for (int r = 0; ok && r < plan->runs; r++)
        ok = export_once(project, archive, &exports[r]);
    for (int r = 0; ok && r < plan->runs; r++)
        ok = import_once(plan, archive, n, out->codings, &imports[r]);
    FILE *f = ok ? fopen(archive, "rb") : NULL;
    if (f && fseek(f, 0, SEEK_END) == 0)
        out->archive_mb = (double)ftell(f) / 1e6;
    if (f)
        fclose(f);
    unlink(archive);
    char path[128];
    snprintf(path, sizeof path, "%s", project_path(project));
    project_close(project);
    unlink(path);
    if (ok) {
        out->export = median(exports, plan->runs);
        out->import = median(imports, plan->runs);
    }
    return ok;
}

/* A row of figures with `decimals` decimals, and the ratio of the last to the first. */
static void print_row(const char *name, const double *v, size_t n, int decimals)
{
    printf("%-30s", name);
    for (size_t i = 0; i < n; i++)
        printf(" %11.*f", decimals, v[i]);
    printf(" %7.1f\n", n > 1 && v[0] > 0 ? v[n - 1] / v[0] : 0);
}

static void print_costs(const char *name, const struct figures *f, size_t n, size_t offset)
{
    double cpu[SIZES_MAX] = {0};
    double wall[SIZES_MAX] = {0};
    for (size_t i = 0; i < n; i++) {
        const struct cost *c = (const struct cost *)((const char *)&f[i] + offset);
        cpu[i] = c->cpu;
        wall[i] = c->wall;
    }
    char label[64];
    snprintf(label, sizeof label, "%s, processor", name);
    print_row(label, cpu, n, 3);
    snprintf(label, sizeof label, "%s, wall", name);
    print_row(label, wall, n, 3);
}

static void print_table(const struct plan *plan, const struct figures *f)
{
    size_t n = plan->nsizes;
    printf("\n%-30s", "sources");
    for (size_t i = 0; i < n; i++)
        printf(" %11zu", plan->sources[i]);
    printf(" %7s\n", "ratio");
    double v[SIZES_MAX] = {0};
    for (size_t i = 0; i < n; i++)
        v[i] = (double)f[i].codings;
    print_row("codings", v, n, 0);
    for (size_t i = 0; i < n; i++)
        v[i] = f[i].archive_mb;
    print_row("archive (MB)", v, n, 2);
    printf("seconds\n");
    print_costs("build (reference)", f, n, offsetof(struct figures, build));
    print_costs("refi export", f, n, offsetof(struct figures, export));
    print_costs("refi import", f, n, offsetof(struct figures, import));
}

int main(int argc, char **argv)
{
    struct plan plan = {.sources = {10, 100, 1000}, .nsizes = 3, .runs = 3};
    int arg = 1;
    if (arg < argc && strcmp(argv[arg], "--quick") == 0) {
        plan.nsizes = 2;
        plan.runs = 1;
        arg++;
    }
    if (arg + 1 != argc) {
        fputs("usage: refi_bench [--quick] CODEBOOK\n", stderr);
        return 2;
    }
    plan.codebook = argv[arg];
    const char *tmp = getenv("TMPDIR");
    snprintf(plan.dir, sizeof plan.dir, "%s/refi_bench.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (strlen(plan.dir) + 32 > sizeof plan.dir || !mkdtemp(plan.dir)) {
        fputs("refi_bench: cannot make a temporary folder\n", stderr);
        return 1;
    }
    printf("refi_bench: REFI-QDA export and import of projects of 20 kB transcripts with 100\n"
           "codings each (two coders); seconds, median of %d run%s\n",
           plan.runs, plan.runs == 1 ? "" : "s");
    struct figures figures[SIZES_MAX] = {0};
    bool ok = true;
    for (size_t i = 0; ok && i < plan.nsizes; i++)
        ok = measure(&plan, plan.sources[i], &figures[i]);
    rmdir(plan.dir);
    if (!ok)
        return 1;
    print_table(&plan, figures);
    return 0;
}
