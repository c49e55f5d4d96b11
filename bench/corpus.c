#include "corpus.h"

#include <math.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Words of a fictional study of general practices working together. */
static const char *const common[] = {
    "the",   "a",     "and",  "we",    "they",  "it",      "was",    "is",    "of",
    "to",    "in",    "that", "for",   "with",  "on",      "but",    "so",    "really",
    "just",  "you",   "know", "I",     "think", "because", "there",  "were",  "had",
    "have",  "not",   "all",  "some",  "more",  "what",    "when",   "then",  "our",
    "their", "about", "very", "quite", "would", "could",   "should", "never", "always",
};

static const char *const content[] = {
    "practice",      "network",    "pharmacist",   "rota",        "appointments", "funding",
    "meeting",       "partners",   "reception",    "contract",    "hub",          "clinic",
    "workload",      "patients",   "list",         "locum",       "director",     "budget",
    "premises",      "software",   "data",         "targets",     "staff",        "nurse",
    "paramedic",     "prescriber", "governance",   "federation",  "commissioner", "locality",
    "rooms",         "phones",     "evening",      "weekend",     "access",       "pathway",
    "referrals",     "audit",      "scheme",       "recruitment", "training",     "trust",
    "colleagues",    "board",      "minutes",      "spreadsheet", "email",        "surgery",
    "manager",       "vaccines",   "frailty",      "visits",      "care homes",   "estates",
    "specification", "dashboard",  "money",        "chairs",      "deadline",     "merger",
    "boundaries",    "population", "coordinator",  "agreement",   "time",         "pressure",
    "winter",        "leaflets",   "interpreters", "transport",   "carers",       "waiting room",
};

/* Non-ASCII words: accents, typographic punctuation, currency, CJK and one emoji. */
static const char *const foreign[] = {
    "café",   "Siobhán", "Zoë",    "naïve",  "rôle", "€40,000", "£12,000",    "—",
    "don’t",  "it’s",    "中文",   "Łukasz", "São",  "résumé",  "coördinate", "déjà vu",
    "“fine”", "Ngozi’s", "Müller", "façade", "👍",    "½",       "€",          "Chloé",
};

static const char *const notes[] = {"[laughs]", "[pause]", "[inaudible]", "[crosstalk]"};

/* Interviewer's questions: the words before and after a noun. */
static const char *const questions[][2] = {
    {"How did you find the ", "?"},
    {"Can you tell me more about the ", "?"},
    {"What happened with the ", " after that?"},
    {"Who decided about the ", " in the end?"},
    {"And how was that received by the ", "?"},
    {"Was the ", " something you had planned for?"},
    {"Mm-hm. And the ", "?"},
    {"What would you change about the ", ", looking back?"},
};

void corpus_seed(struct corpus_rng *rng, uint64_t seed)
{
    rng->state = seed;
}

uint64_t corpus_next(struct corpus_rng *rng)
{
    uint64_t z = (rng->state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

uint64_t corpus_below(struct corpus_rng *rng, uint64_t n)
{
    return corpus_next(rng) % n;
}

/* A number uniform in [0, 1). */
static double unit(struct corpus_rng *rng)
{
    return (double)(corpus_next(rng) >> 11) / 9007199254740992.0;
}

static const char *pick(struct corpus_rng *rng, const char *const *words, size_t n)
{
    return words[corpus_below(rng, n)];
}

/* One word: mostly common words and study vocabulary, sometimes a non-ASCII one. */
static const char *word(struct corpus_rng *rng)
{
    uint64_t r = corpus_below(rng, 40);
    if (r == 0)
        return pick(rng, foreign, COUNT(foreign));
    if (r < 22)
        return pick(rng, common, COUNT(common));
    return pick(rng, content, COUNT(content));
}

static bool sentence(struct corpus_rng *rng, struct strbuf *out)
{
    size_t words = 5 + corpus_below(rng, 20);
    bool ok = true;
    for (size_t i = 0; i < words && ok; i++) {
        const char *w = word(rng);
        if (i == 0 && w[0] >= 'a' && w[0] <= 'z') {
            ok = strbuf_putc(out, (char)(w[0] - 'a' + 'A')) && strbuf_puts(out, w + 1);
        } else {
            ok = (i == 0 || strbuf_putc(out, ' ')) && strbuf_puts(out, w);
        }
        if (ok && i + 1 < words && corpus_below(rng, 12) == 0)
            ok = strbuf_putc(out, ',');
    }
    uint64_t end = corpus_below(rng, 100);
    const char *stop = end < 85 ? "." : end < 93 ? "?" : end < 96 ? "!" : ".’";
    ok = ok && strbuf_puts(out, stop);
    if (ok && corpus_below(rng, 30) == 0)
        ok = strbuf_putc(out, ' ') && strbuf_puts(out, pick(rng, notes, COUNT(notes)));
    return ok;
}

static bool paragraph(struct corpus_rng *rng, struct strbuf *out)
{
    size_t sentences = 2 + corpus_below(rng, 7);
    bool ok = true;
    for (size_t i = 0; i < sentences && ok; i++)
        ok = (i == 0 || strbuf_putc(out, ' ')) && sentence(rng, out);
    return ok;
}

bool corpus_transcript(struct corpus_rng *rng, size_t bytes, struct strbuf *out)
{
    size_t begin = out->len;
    bool midpoint = false;
    if (!strbuf_puts(out, "Interview B-17 — fictional transcript for benchmarks\n"
                          "Site: Fernhill (invented)\n\n"))
        return false;
    while (out->len - begin < bytes) {
        const char *const *question = questions[corpus_below(rng, COUNT(questions))];
        if (!strbuf_puts(out, "I: ") || !strbuf_puts(out, question[0]) ||
            !strbuf_puts(out, pick(rng, content, COUNT(content))) ||
            !strbuf_puts(out, question[1]) || !strbuf_puts(out, "\n\nR: "))
            return false;
        size_t paragraphs = 1 + corpus_below(rng, 4);
        for (size_t p = 0; p < paragraphs; p++) {
            if ((p > 0 && !strbuf_puts(out, "\n\n")) || !paragraph(rng, out))
                return false;
        }
        if (!midpoint && out->len - begin >= bytes / 2) {
            if (!strbuf_puts(out, " " CORPUS_MIDPOINT))
                return false;
            midpoint = true;
        }
        if (!strbuf_puts(out, "\n\n"))
            return false;
    }
    return true;
}

static int64_t span_length_between(struct corpus_rng *rng, int64_t min_len, int64_t max_len)
{
    double ratio = (double)max_len / (double)min_len;
    int64_t len = (int64_t)((double)min_len * pow(ratio, unit(rng)));
    return len < min_len ? min_len : len > max_len ? max_len : len;
}

void corpus_spans(struct corpus_rng *rng, int64_t length, size_t n, int64_t min_len,
                  int64_t max_len, struct span *out)
{
    for (size_t i = 0; i < n; i++) {
        int64_t start = (int64_t)corpus_below(rng, (uint64_t)length);
        int64_t end = start + span_length_between(rng, min_len, max_len);
        out[i] = (struct span){start, end < length ? end : length};
    }
}

static int64_t clamp(int64_t v, int64_t lo, int64_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void corpus_second_coder(struct corpus_rng *rng, const struct span *a, size_t na, int64_t length,
                         size_t n, int agree_percent, int64_t jitter, int64_t min_len,
                         int64_t max_len, struct span *out, int64_t *from)
{
    for (size_t i = 0; i < n; i++) {
        if (na == 0 || (int)corpus_below(rng, 100) >= agree_percent) {
            corpus_spans(rng, length, 1, min_len, max_len, &out[i]);
            from[i] = -1;
            continue;
        }
        size_t k = (size_t)corpus_below(rng, na);
        int64_t shift = 2 * jitter + 1;
        int64_t start = a[k].start + (int64_t)corpus_below(rng, (uint64_t)shift) - jitter;
        int64_t end = a[k].end + (int64_t)corpus_below(rng, (uint64_t)shift) - jitter;
        start = clamp(start, 0, length - 1);
        end = clamp(end, start + 1, length);
        out[i] = (struct span){start, end};
        from[i] = (int64_t)k;
    }
}
