/* Transcript import: normalisation, refusals with line and column, and speaker turns. */
#include "check.h"
#include "core/text.h"
#include "io/transcript.h"

#include <stdlib.h>
#include <string.h>

static bool parse(const char *bytes, size_t n, struct transcript *t, struct error *err)
{
    return transcript_parse(bytes, n, "t.txt", NULL, t, err);
}

static bool parse_str(const char *s, struct transcript *t, struct error *err)
{
    return parse(s, strlen(s), t, err);
}

static void normalises_line_endings_and_bom(void)
{
    struct transcript t;
    struct error err;
    CHECK(parse_str("\xEF\xBB\xBFone\r\ntwo\rthree\n\r\n", &t, &err));
    CHECK_STR(t.text, "one\ntwo\nthree\n\n");
    CHECK_INT(t.size, 15);
    CHECK_INT(t.length, 15);
    transcript_finish(&t);
    CHECK(parse_str("Zoë paid €5 — fine", &t, &err));
    CHECK_INT(t.length, 18);
    CHECK_INT(t.size, strlen("Zoë paid €5 — fine"));
    transcript_finish(&t);
}

/* Reading a file normalises the buffer it read into: runs between carriage returns move down
 * over the bytes they free, however many there are. */
static void reading_a_file_normalises_it(void)
{
    struct transcript t;
    struct error err;
    const char *path = check_temp_text("crlf.txt", "\xEF\xBB\xBFI: Where?\r\nR: Here.\r\rAnd "
                                                   "there \xE2\x80\x94 both.\r\n\r\nI: Done\r");
    CHECK(transcript_read(path, NULL, &t, &err));
    CHECK_STR(t.text, "I: Where?\nR: Here.\n\nAnd there \xE2\x80\x94 both.\n\nI: Done\n");
    CHECK_INT(t.size, strlen(t.text));
    CHECK_INT(t.turns.count, 3);
    transcript_finish(&t);
    path = check_temp_text("bad.txt", "one\r\ntwo\r\nthr\xC3(e\r\n");
    CHECK(!transcript_read(path, NULL, &t, &err));
    CHECK(strstr(err.message, "bad.txt:3:4: not valid UTF-8 (byte 0xC3)") != NULL);
    CHECK(t.text == NULL);
}

static void hashes_the_normalised_text(void)
{
    struct transcript a, b;
    struct error err;
    CHECK(parse_str("same\r\ntext\r\n", &a, &err));
    CHECK(parse_str("same\ntext\n", &b, &err));
    CHECK_STR(a.sha256, b.sha256);
    /* printf 'same\ntext\n' | sha256sum */
    CHECK_STR(a.sha256, "2601d88ba4eb4ed4f34584f7b1efe503793934641f5dbc0d2686668e43a1daa8");
    transcript_finish(&a);
    transcript_finish(&b);
}

static void refuses_invalid_utf8_with_its_place(void)
{
    struct transcript t;
    struct error err;
    CHECK(!parse_str("fine\r\nSiobh\xe1n said\n", &t, &err));
    CHECK_STR(err.message, "t.txt:2:6: not valid UTF-8 (byte 0xE1); save the file as UTF-8 and "
                           "import it again");
    CHECK(t.text == NULL);
    CHECK(!parse_str("\x89PNG\r\n\x1a\n", &t, &err));
    CHECK(strstr(err.message, "t.txt:1:1: not valid UTF-8 (byte 0x89)") != NULL);
}

static void refuses_nul_bytes_utf16_and_empty_files(void)
{
    struct transcript t;
    struct error err;
    const char nul[] = "line one\nab\0cd\n";
    CHECK(!parse(nul, sizeof nul - 1, &t, &err));
    CHECK_STR(err.message, "t.txt:2:3: contains a NUL byte; this looks like a binary file, not a "
                           "text transcript");
    const char utf16[] = "\xFF\xFEI\0:\0";
    CHECK(!parse(utf16, sizeof utf16 - 1, &t, &err));
    CHECK_STR(err.message, "t.txt is UTF-16 text; margin reads UTF-8, so save it as UTF-8 (iconv "
                           "-f UTF-16 -t UTF-8 converts it)");
    /* Without a byte order mark, from the NUL bytes: here little-endian. */
    const char bare[] = "I\0:\0 \0h\0i\0\n\0R\0:\0 \0o\0k\0\n\0";
    CHECK(!parse(bare, sizeof bare - 1, &t, &err));
    CHECK_STR(err.message, "t.txt is UTF-16 text; margin reads UTF-8, so save it as UTF-8 (iconv "
                           "-f UTF-16LE -t UTF-8 converts it)");
    CHECK(!parse_str("", &t, &err));
    CHECK_STR(err.message, "t.txt is empty; there is no text to import");
    CHECK(!parse_str("\xEF\xBB\xBF \r\n\t\n", &t, &err));
    CHECK_STR(err.message, "t.txt is empty; there is no text to import");
}

/* The text of a turn's label and body, for comparison. */
static void turn_parts(const struct transcript *t, size_t i, char **label, char **body)
{
    struct text *text = text_create(t->text, t->size);
    *label = text_slice(text, (size_t)t->turns.items[i].start, (size_t)t->turns.items[i].body);
    *body = text_slice(text, (size_t)t->turns.items[i].body, (size_t)t->turns.items[i].end);
    text_destroy(text);
}

static void finds_speaker_turns(void)
{
    const char *s = "Interview 3 — Site C\n"
                    "Date: 9 December 2019\n"
                    "\n"
                    "I: How did the network start?\n"
                    "\n"
                    "P3: Slowly. We met in March.\n"
                    "\n"
                    "It took a year — longer, really.\n"
                    "\n"
                    "I: And now?\n"
                    "P3:\n"
                    "Better.\n";
    struct transcript t;
    struct error err;
    CHECK(parse_str(s, &t, &err));
    CHECK_INT(t.turns.count, 4);
    char *label, *body;
    turn_parts(&t, 0, &label, &body);
    CHECK_STR(label, "I: ");
    CHECK_STR(body, "How did the network start?");
    CHECK_STR(t.turns.items[0].speaker, "I");
    free(label);
    free(body);
    turn_parts(&t, 1, &label, &body);
    CHECK_STR(body, "Slowly. We met in March.\n\nIt took a year — longer, really.");
    CHECK_STR(t.turns.items[1].speaker, "P3");
    free(label);
    free(body);
    turn_parts(&t, 3, &label, &body);
    CHECK_STR(label, "P3:");
    CHECK_STR(body, "\nBetter.");
    free(label);
    free(body);
    transcript_finish(&t);
}

static void recognises_many_label_styles(void)
{
    const char *s = "Interviewer: one\nDr Okafor: two\nInterviewer: three\nDr Okafor: four\n"
                    "Siobhán Ní Bhriain: five\nSiobhán Ní Bhriain: six\n"
                    "Interviewer 2: seven\nInterviewer 2: eight\n";
    struct transcript t;
    struct error err;
    CHECK(parse_str(s, &t, &err));
    CHECK_INT(t.turns.count, 8);
    CHECK_STR(t.turns.items[1].speaker, "Dr Okafor");
    CHECK_STR(t.turns.items[4].speaker, "Siobhán Ní Bhriain");
    CHECK_STR(t.turns.items[6].speaker, "Interviewer 2");
    transcript_finish(&t);
}

static void ignores_what_only_looks_like_a_label(void)
{
    /* A heading word, a time, a lower-case word, a label without a space after its colon,
     * and a label too long to be a name are all text (core/turns.h has the whole rule). */
    const char *s = "Note: recorded on a phone\n"
                    "10:30 start\n"
                    "well: not a label\n"
                    "R:no space\n"
                    "R:no space again\n"
                    "This Is A Very Long Heading: no\n"
                    "This Is A Very Long Heading: no\n";
    struct transcript t;
    struct error err;
    CHECK(parse_str(s, &t, &err));
    CHECK_INT(t.turns.count, 0);
    transcript_finish(&t);
}

static void offsets_count_code_points(void)
{
    const char *s = "Zoë: café €\nZoë: ok\n";
    struct transcript t;
    struct error err;
    CHECK(parse_str(s, &t, &err));
    CHECK_INT(t.turns.count, 2);
    CHECK_INT(t.turns.items[0].start, 0);
    CHECK_INT(t.turns.items[0].body, 5);
    CHECK_INT(t.turns.items[0].end, 11);
    CHECK_INT(t.turns.items[1].start, 12);
    CHECK_INT(t.turns.items[1].end, 19);
    transcript_finish(&t);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"normalises_line_endings_and_bom", normalises_line_endings_and_bom},
        {"reading_a_file_normalises_it", reading_a_file_normalises_it},
        {"hashes_the_normalised_text", hashes_the_normalised_text},
        {"refuses_invalid_utf8_with_its_place", refuses_invalid_utf8_with_its_place},
        {"refuses_nul_bytes_utf16_and_empty_files", refuses_nul_bytes_utf16_and_empty_files},
        {"finds_speaker_turns", finds_speaker_turns},
        {"recognises_many_label_styles", recognises_many_label_styles},
        {"ignores_what_only_looks_like_a_label", ignores_what_only_looks_like_a_label},
        {"offsets_count_code_points", offsets_count_code_points},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
