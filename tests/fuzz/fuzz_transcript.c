/* Fuzzes transcript import, transcript_parse(). When a transcript is accepted its invariants
 * are checked, and a violation aborts: the text is NUL-free UTF-8 of `size` bytes and `length`
 * code points; speaker turns lie inside the text, in order and without overlap, each with
 * start <= body <= end, and each label part [start, body) holds its speaker's name and a colon. */
#include "io/transcript.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void violated(const char *what, const struct transcript *t)
{
    fprintf(stderr, "transcript invariant violated: %s (%zu bytes, %zu code points, %zu turns)\n",
            what, t->size, t->length, t->turns.count);
    abort();
}

/* The byte offset of code point `index` (the text's size for its length). */
static size_t byte_of(const struct transcript *t, int64_t index)
{
    int64_t seen = 0;
    for (size_t i = 0; i < t->size; i++) {
        if (((unsigned char)t->text[i] & 0xC0) != 0x80) {
            if (seen == index)
                return i;
            seen++;
        }
    }
    return t->size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct transcript t;
    struct error err;
    if (!transcript_parse((const char *)data, size, "fuzz.txt", NULL, &t, &err)) {
        if (t.text || t.turns.count)
            violated("a refused transcript left something behind", &t);
        return 0;
    }
    if (!t.text || t.size > size || strlen(t.text) != t.size)
        violated("text and size disagree", &t);
    size_t code_points = 0;
    for (size_t i = 0; i < t.size; i++)
        code_points += ((unsigned char)t.text[i] & 0xC0) != 0x80;
    if (code_points != t.length)
        violated("length is not the number of code points", &t);

    int64_t previous_end = 0;
    for (size_t i = 0; i < t.turns.count; i++) {
        const struct turn_row *turn = &t.turns.items[i];
        if (turn->start < previous_end)
            violated("a turn starts before the previous one ends", &t);
        if (!(turn->start <= turn->body && turn->body <= turn->end))
            violated("a turn does not have start <= body <= end", &t);
        if (turn->end > (int64_t)t.length)
            violated("a turn ends past the end of the text", &t);
        if (!turn->speaker || !*turn->speaker)
            violated("a turn has no speaker", &t);
        size_t at = byte_of(&t, turn->start), body = byte_of(&t, turn->body);
        size_t label = strlen(turn->speaker);
        bool named = false;
        for (size_t b = at; !named && b + label < body; b++)
            named = memcmp(t.text + b, turn->speaker, label) == 0 && t.text[b + label] == ':';
        if (!named)
            violated("a turn's label does not hold its speaker's name and a colon", &t);
        previous_end = turn->end;
    }
    transcript_finish(&t);
    return 0;
}
