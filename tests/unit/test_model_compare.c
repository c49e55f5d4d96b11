/* Comparing coders on an in-memory project, with every count worked out by hand. */
#include "check.h"
#include "model/compare.h"
#include "model/project.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 01 Challenges (a heading) with 01.01 Staff and 01.02 Money; 02 Quotes. Sources s1, s2 and s3
 * of 10 characters each, and the codings given as CSV rows. */
static struct project *fixture(const char *codings)
{
    struct error err;
    struct import_report report;
    struct project *project = project_open_memory(&err);
    CHECK(project_import_codebook(project, NULL,
                                  check_temp_text("cb.yaml", "codes:\n"
                                                             "  - name: Challenges\n"
                                                             "    codable: false\n"
                                                             "    codes:\n"
                                                             "      - name: Staff\n"
                                                             "      - name: Money\n"
                                                             "  - name: Quotes\n"),
                                  &report, &err));
    const char *paths[3];
    char *copies[3];
    static const char *const names[] = {"s1.txt", "s2.txt", "s3.txt"};
    static const char *const texts[] = {"0123456789", "abcdefghij", "klmnopqrst"};
    for (int i = 0; i < 3; i++) {
        copies[i] = strdup(check_temp_text(names[i], texts[i]));
        paths[i] = copies[i];
    }
    CHECK(project_import_sources(project, paths, 3, NULL, SOURCE_INTERVIEW, &report, &err));
    for (int i = 0; i < 3; i++)
        free(copies[i]);
    char csv[2048];
    snprintf(csv, sizeof csv, "coder,source,code,start,end\n%s", codings);
    CHECK(project_import_codings_data(project, csv, strlen(csv), "codings.csv", CODE_MATCH_BOTH,
                                      &report, &err));
    return project;
}

static struct compare_result *run(struct project *project, const char *coders_text,
                                  enum compare_mode mode, const char *code, struct error *err)
{
    static char buf[64];
    static const char *coders[8];
    snprintf(buf, sizeof buf, "%s", coders_text);
    size_t n = 0;
    for (char *p = strtok(buf, ","); p && n < 8; p = strtok(NULL, ","))
        coders[n++] = p;
    const char *codes[] = {code};
    struct compare_request request = {
        .coders = coders,
        .ncoders = n,
        .codes = codes,
        .ncodes = code ? 1 : 0,
        .mode = mode,
        .threshold = AGREE_SEGMENT_THRESHOLD,
    };
    return compare_run(project, &request, err);
}

static const struct compare_code *row(const struct compare_result *r, const char *number)
{
    for (size_t i = 0; i < r->ncodes; i++) {
        if (strcmp(r->codes[i].number, number) == 0)
            return &r->codes[i];
    }
    return NULL;
}

#define TABLE_IS(t, a_, b_, c_, d_)                                                                \
    do {                                                                                           \
        CHECK_INT((t).a, a_);                                                                      \
        CHECK_INT((t).b, b_);                                                                      \
        CHECK_INT((t).c, c_);                                                                      \
        CHECK_INT((t).d, d_);                                                                      \
    } while (0)

static void a_parent_covers_its_descendants_and_overlaps_count_once(void)
{
    /* s1: A codes Staff 0-4 and Staff 2-6 (overlapping: 0-6 once) and Money 6-8; B codes
     * Money 0-5. s2: both code Quotes, A 0-5, B 3-8. s3 nobody codes: it is left out. */
    struct project *p = fixture("A,s1,01.01,0,4\nA,s1,01.01,2,6\nA,s1,01.02,6,8\n"
                                "B,s1,01.02,0,5\nA,s2,02,0,5\nB,s2,02,3,8\n");
    struct error err;
    struct compare_result *r = run(p, "A,B", COMPARE_CHARACTERS, NULL, &err);
    CHECK(r != NULL);
    if (!r) {
        project_close(p);
        return;
    }
    CHECK_INT(r->nsources, 2);
    CHECK_INT(r->length, 20);
    CHECK_INT(r->nexcluded, 1);
    CHECK_STR(r->excluded[0].name, "s3");
    CHECK_STR(r->excluded[0].reason, "A and B coded nothing in it");
    CHECK_INT(r->ncodes, 4); /* 01, 01.01, 01.02, 02 */
    /* 01 in s1: A covers 0-8, B 0-5: a 5, b 3, c 0, d 2; s2 adds d 10. */
    TABLE_IS(row(r, "01")->pooled.pairs[0], 5, 3, 0, 12);
    CHECK_INT(row(r, "01")->ncells, 1);
    /* 01.01: A 0-6 once, B nothing. */
    TABLE_IS(row(r, "01.01")->pooled.pairs[0], 0, 6, 0, 14);
    CHECK_INT(row(r, "01.01")->pooled.coded[0], 6);
    /* 01.02: A 6-8, B 0-5. */
    TABLE_IS(row(r, "01.02")->pooled.pairs[0], 0, 2, 5, 13);
    /* 02: A 0-5, B 3-8 in s2; s1 adds d 10. */
    TABLE_IS(row(r, "02")->pooled.pairs[0], 2, 3, 3, 12);
    /* Overall: the three codes coded directly, over 20 characters each. */
    CHECK_INT(r->direct_codes, 3);
    CHECK_INT(r->overall.length, 60);
    TABLE_IS(r->overall.pairs[0], 2, 11, 8, 39);
    compare_result_destroy(r);
    project_close(p);
}

static void three_coders_give_every_pair_and_the_coincidences(void)
{
    /* s1, code Quotes: A 0-4, B 0-4, C 2-6. By character, the number of coders who covered it:
     * 0-1 two, 2-3 three, 4-5 one, 6-9 none. With m = 3 values a character, o11 = sum of
     * k(k-1)/2 = 2 + 6 = 8, o01 = sum of k(3-k)/2 = 2 + 2 = 4, o00 = 2 + 12 = 14. */
    struct project *p = fixture("A,s1,02,0,4\nB,s1,02,0,4\nC,s1,02,2,6\nA,s2,02,0,1\n");
    struct error err;
    struct compare_result *r = run(p, "A,B,C", COMPARE_CHARACTERS, "02", &err);
    CHECK(r != NULL);
    if (!r) {
        project_close(p);
        return;
    }
    CHECK(r->alpha);
    CHECK_INT(r->npairs, 3);
    CHECK_INT(r->nexcluded, 2);
    CHECK_STR(r->excluded[0].reason, "B and C coded nothing in it");
    CHECK_STR(r->excluded[1].reason, "A, B and C coded nothing in it");
    const struct compare_counts *c = &row(r, "02")->pooled;
    TABLE_IS(c->pairs[compare_pair(3, 0, 1)], 4, 0, 0, 6);
    TABLE_IS(c->pairs[compare_pair(3, 0, 2)], 2, 2, 2, 4);
    TABLE_IS(c->pairs[compare_pair(3, 1, 2)], 2, 2, 2, 4);
    CHECK_INT(c->coded[2], 4);
    CHECK_NEAR(c->coincidence.o11, 8, 1e-12);
    CHECK_NEAR(c->coincidence.o01, 4, 1e-12);
    CHECK_NEAR(c->coincidence.o00, 14, 1e-12);
    compare_result_destroy(r);
    project_close(p);
}

static void segments_count_codes_coded_directly(void)
{
    /* Staff: A 0-10, B 1-10 (9 of 10: matched at 90 %). Money: A 0-2 only. Naming the heading
     * 01 selects its sub-codes but gives it no row of its own. */
    struct project *p = fixture("A,s1,01.01,0,10\nB,s1,01.01,1,10\nA,s1,01.02,0,2\n");
    struct error err;
    struct compare_result *r = run(p, "A,B", COMPARE_SEGMENTS, "01", &err);
    CHECK(r != NULL);
    if (!r) {
        project_close(p);
        return;
    }
    CHECK_INT(r->ncodes, 2);
    CHECK_STR(r->codes[0].number, "01.01");
    struct agree_segments s = r->overall.segments;
    CHECK_INT(s.a_segments, 2);
    CHECK_INT(s.b_segments, 1);
    CHECK_INT(s.a_matched, 1);
    CHECK_INT(s.b_matched, 1);
    /* Presence over 2 codes x 1 source: both used Staff, only A Money. */
    TABLE_IS(r->presence, 1, 1, 0, 0);
    CHECK_INT(r->frequency.agreed, 1);
    CHECK_INT(r->frequency.total, 2);
    compare_result_destroy(r);

    CHECK(run(p, "A,B,C", COMPARE_SEGMENTS, NULL, &err) == NULL);
    CHECK_STR(err.message, "segment agreement compares exactly two coders, not 3");
    project_close(p);
}

static void refuses_what_it_cannot_compare(void)
{
    struct project *p = fixture("A,s1,02,0,4\nB,s2,02,0,4\n");
    struct error err;
    CHECK(run(p, "A,Z", COMPARE_CHARACTERS, NULL, &err) == NULL);
    CHECK_STR(err.message, "there is no coder named 'Z'");
    CHECK(run(p, "A", COMPARE_CHARACTERS, NULL, &err) == NULL);
    CHECK_STR(err.message, "name at least two coders to compare");
    CHECK(run(p, "A,B", COMPARE_CHARACTERS, NULL, &err) == NULL);
    CHECK_STR(err.message, "nothing to compare: no source has codings by each of A and B");
    CHECK_INT(err.kind, ERROR_USER);
    project_close(p);
}

static void numbers_pairs_in_order(void)
{
    CHECK_INT(compare_pair(2, 0, 1), 0);
    CHECK_INT(compare_pair(4, 0, 3), 2);
    CHECK_INT(compare_pair(4, 1, 2), 3);
    CHECK_INT(compare_pair(4, 2, 3), 5);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"a parent covers its descendants and overlaps count once",
         a_parent_covers_its_descendants_and_overlaps_count_once},
        {"three coders give every pair and the coincidences",
         three_coders_give_every_pair_and_the_coincidences},
        {"segments count codes coded directly", segments_count_codes_coded_directly},
        {"refuses what it cannot compare", refuses_what_it_cannot_compare},
        {"numbers pairs in order", numbers_pairs_in_order},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
