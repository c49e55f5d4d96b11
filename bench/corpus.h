/* A deterministic generator of fictional interview transcripts and codings for the benchmarks.
 *
 * The same seed gives the same bytes on every machine: the generator uses its own random
 * numbers (splitmix64), never rand(). The text is invented from a word list; it quotes no
 * real interview. */
#ifndef MARGIN_BENCH_CORPUS_H
#define MARGIN_BENCH_CORPUS_H

#include "core/span.h"
#include "core/strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A note that a transcript holds exactly once, about halfway through, so that a script can
 * jump to the middle of a big source with `/ "[midpoint]" <Enter>`. */
#define CORPUS_MIDPOINT "[midpoint]"

struct corpus_rng {
    uint64_t state;
};

void corpus_seed(struct corpus_rng *rng, uint64_t seed);

/* The next 64 random bits. */
uint64_t corpus_next(struct corpus_rng *rng);

/* A number in [0, n); n must be at least 1. */
uint64_t corpus_below(struct corpus_rng *rng, uint64_t n);

/* Appends to `out` a transcript of at least `bytes` bytes of UTF-8 that ends after a whole
 * speaker turn: a header, then turns labelled "I:" (short questions) and "R:" (answers of one
 * to four paragraphs, one line each), separated by blank lines. About one word in forty is
 * non-ASCII (é, —, €, £, ’, 中文, ...). Returns false when memory runs out. */
bool corpus_transcript(struct corpus_rng *rng, size_t bytes, struct strbuf *out);

/* Fills out[0..n) with spans inside [0, length) (length >= 1): starts uniform, lengths between
 * min_len and max_len (>= 1) on a logarithmic scale, cut at the end of the text. */
void corpus_spans(struct corpus_rng *rng, int64_t length, size_t n, int64_t min_len,
                  int64_t max_len, struct span *out);

/* A second coder's spans for a first coder's a[0..na): each of out[0..n) is, with probability
 * `agree_percent` %, one of a's spans (chosen at random; its index goes to from[i]) with each
 * end moved by up to `jitter` code points, and otherwise a fresh span as corpus_spans() makes
 * (from[i] = -1). Spans stay inside [0, length) and are never empty. */
void corpus_second_coder(struct corpus_rng *rng, const struct span *a, size_t na, int64_t length,
                         size_t n, int agree_percent, int64_t jitter, int64_t min_len,
                         int64_t max_len, struct span *out, int64_t *from);

#endif
