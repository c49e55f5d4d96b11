/* UTF-8 decoding and validation, the code point index of texts, and SHA-256. */
#include "check.h"
#include "core/sha256.h"
#include "core/text.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

static void decodes_every_length(void)
{
    uint32_t cp = 0;
    CHECK_INT(utf8_decode("A", 1, &cp), 1);
    CHECK_INT(cp, 'A');
    CHECK_INT(utf8_decode("\xc3\xab", 2, &cp), 2); /* ë */
    CHECK_INT(cp, 0xEB);
    CHECK_INT(utf8_decode("\xe2\x82\xac", 3, &cp), 3); /* € */
    CHECK_INT(cp, 0x20AC);
    CHECK_INT(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4); /* 😀 */
    CHECK_INT(cp, 0x1F600);
}

static void rejects_malformed_sequences(void)
{
    uint32_t cp;
    CHECK_INT(utf8_decode("\x80", 1, &cp), 0);             /* lone continuation */
    CHECK_INT(utf8_decode("\xc3", 1, &cp), 0);             /* truncated */
    CHECK_INT(utf8_decode("\xc0\xaf", 2, &cp), 0);         /* overlong '/' */
    CHECK_INT(utf8_decode("\xe0\x80\xaf", 3, &cp), 0);     /* overlong */
    CHECK_INT(utf8_decode("\xed\xa0\x80", 3, &cp), 0);     /* surrogate D800 */
    CHECK_INT(utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0); /* beyond 10FFFF */
    CHECK_INT(utf8_decode("\xff", 1, &cp), 0);
    CHECK_INT(utf8_decode("\xc3\x28", 2, &cp), 0); /* bad continuation */
}

static void replaces_malformed_sequences(void)
{
    uint32_t cp;
    CHECK_INT(utf8_decode_or_replace("\xc3\xab", 2, &cp), 2); /* ë */
    CHECK_INT(cp, 0xEB);
    CHECK_INT(utf8_decode_or_replace("\xe2\x82", 2, &cp), 1); /* truncated € */
    CHECK_INT(cp, 0xFFFD);
    CHECK_INT(utf8_decode_or_replace("\xff"
                                     "A",
                                     2, &cp),
              1);
    CHECK_INT(cp, 0xFFFD);
}

static void encode_round_trips(void)
{
    const uint32_t points[] = {0x24, 0xA3, 0x939, 0x20AC, 0xD55C, 0x10348, 0x10FFFF};
    for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
        char buf[4];
        size_t n = utf8_encode(points[i], buf);
        uint32_t back = 0;
        CHECK(n > 0);
        CHECK_INT(utf8_decode(buf, n, &back), n);
        CHECK_INT(back, points[i]);
    }
    char buf[4];
    CHECK_INT(utf8_encode(0xD800, buf), 0);
    CHECK_INT(utf8_encode(0x110000, buf), 0);
}

static void validation_reports_line_and_column(void)
{
    const char *good = "Zoë said: €5\nok";
    CHECK(utf8_validate(good, strlen(good), NULL));
    const char *bad = "first line\nsecond l\xe9ne";
    struct text_position at = {0};
    CHECK(!utf8_validate(bad, strlen(bad), &at));
    CHECK_INT(at.line, 2);
    CHECK_INT(at.column, 9);
    CHECK_INT(at.byte, 19);
    const char *after_accent = "Siobh\xc3\xa1n \xff";
    CHECK(!utf8_validate(after_accent, strlen(after_accent), &at));
    CHECK_INT(at.line, 1);
    CHECK_INT(at.column, 9);
}

/* Validation skips ASCII several bytes at a time: a bad byte or a cut character is found at
 * every alignment, with its line and column, and a good character straddling the steps passes. */
static void validation_finds_bad_bytes_at_every_alignment(void)
{
    static const char *const faults[] = {"\xff", "\xc3", "\xe2\x82", "\xed\xa0\x80", "\xc0\xaf"};
    for (size_t f = 0; f < sizeof faults / sizeof faults[0]; f++) {
        for (size_t at = 0; at < 24; at++) {
            char s[64];
            memset(s, 'a', at);
            if (at > 10)
                s[10] = '\n';
            memcpy(s + at, faults[f], strlen(faults[f]));
            size_t n = at + strlen(faults[f]);
            memcpy(s + n, "zzzzzzzzzz", 10);
            struct text_position bad = {0};
            CHECK(!utf8_validate(s, n + 10, &bad));
            CHECK(!utf8_validate(s, n, &bad));
            CHECK_INT(bad.byte, at);
            CHECK_INT(bad.line, at > 10 ? 2 : 1);
            CHECK_INT(bad.column, at > 10 ? at - 10 : at + 1);
        }
    }
    for (size_t at = 0; at < 24; at++) {
        char s[64];
        memset(s, 'a', sizeof s);
        memcpy(s + at, "\xf0\x9f\x98\x80", 4);
        CHECK(utf8_validate(s, sizeof s, NULL));
        CHECK(utf8_validate(s, at + 4, NULL));
        CHECK(!utf8_validate(s, at + 3, NULL));
    }
}

static void counts_and_offsets(void)
{
    const char *s = "a€b😀c";
    size_t n = strlen(s);
    CHECK_INT(utf8_length(s, n), 5);
    CHECK_INT(utf8_offset(s, n, 0), 0);
    CHECK_INT(utf8_offset(s, n, 1), 1);
    CHECK_INT(utf8_offset(s, n, 2), 4);
    CHECK_INT(utf8_offset(s, n, 3), 5);
    CHECK_INT(utf8_offset(s, n, 4), 9);
    CHECK_INT(utf8_offset(s, n, 5), n);
    CHECK_INT(utf8_offset(s, n, 99), n);
}

static void text_index_agrees_with_a_scan(void)
{
    /* Mixed widths over several strides, so that every stop and every remainder is used. */
    size_t cps = 1000;
    char *buf = malloc(cps * 4 + 1);
    size_t n = 0;
    const char *pieces[] = {"a", "é", "€", "😀"};
    for (size_t i = 0; i < cps; i++) {
        const char *p = pieces[(i * 7 + i / 3) % 4];
        memcpy(buf + n, p, strlen(p));
        n += strlen(p);
    }
    struct text *text = text_create(buf, n);
    CHECK(text != NULL);
    CHECK_INT(text_length(text), cps);
    CHECK_INT(text_size(text), n);
    bool all_agree = true;
    for (size_t k = 0; k <= cps + 2; k++) {
        size_t want = utf8_offset(buf, n, k);
        all_agree &= text_byte(text, k) == want;
        if (k < cps) {
            all_agree &= text_offset(text, want) == k;
            /* A byte inside a code point belongs to that code point. */
            size_t next = utf8_offset(buf, n, k + 1);
            all_agree &= text_offset(text, next - 1) == k;
        }
    }
    CHECK(all_agree);
    CHECK_INT(text_offset(text, n + 5), cps);
    free(buf);
    text_destroy(text);
}

static void text_slices_by_code_point(void)
{
    const char *s = "Siobhán — €20, Zoë.";
    struct text *text = text_create(s, strlen(s));
    char *slice = text_slice(text, 8, 9);
    CHECK_STR(slice, "—");
    free(slice);
    slice = text_slice(text, 10, 13);
    CHECK_STR(slice, "€20");
    free(slice);
    slice = text_slice(text, 15, 100);
    CHECK_STR(slice, "Zoë.");
    free(slice);
    slice = text_slice(text, 30, 20);
    CHECK_STR(slice, "");
    free(slice);
    CHECK_INT(text_char(text, 5), 0xE1);
    CHECK_INT(text_char(text, 1000), 0);
    text_destroy(text);
}

static void empty_text(void)
{
    struct text *text = text_create("", 0);
    CHECK(text != NULL);
    CHECK_INT(text_length(text), 0);
    CHECK_INT(text_byte(text, 0), 0);
    CHECK_INT(text_offset(text, 0), 0);
    char *slice = text_slice(text, 0, 1);
    CHECK_STR(slice, "");
    free(slice);
    text_destroy(text);
}

static void sha256_known_vectors(void)
{
    char hex[SHA256_HEX_SIZE];
    sha256_hex("", 0, hex);
    CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    sha256_hex("abc", 3, hex);
    CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha256_hex(two_blocks, strlen(two_blocks), hex);
    CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char million[1000000];
    memset(million, 'a', sizeof million);
    sha256_hex(million, sizeof million, hex);
    CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"decodes_every_length", decodes_every_length},
        {"rejects_malformed_sequences", rejects_malformed_sequences},
        {"replaces_malformed_sequences", replaces_malformed_sequences},
        {"encode_round_trips", encode_round_trips},
        {"validation_reports_line_and_column", validation_reports_line_and_column},
        {"counts_and_offsets", counts_and_offsets},
        {"text_index_agrees_with_a_scan", text_index_agrees_with_a_scan},
        {"text_slices_by_code_point", text_slices_by_code_point},
        {"empty_text", empty_text},
        {"sha256_known_vectors", sha256_known_vectors},
        {"validation_finds_bad_bytes_at_every_alignment",
         validation_finds_bad_bytes_at_every_alignment},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
