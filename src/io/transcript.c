#include "io/transcript.h"

#include "core/turns.h"
#include "core/utf8.h"
#include "io/file.h"
#include "io/refi.h"

#include <stdlib.h>
#include <string.h>

void transcript_finish(struct transcript *transcript)
{
    free(transcript->text);
    row_turn_list_finish(&transcript->turns);
    memset(transcript, 0, sizeof *transcript);
}

/* Strips a UTF-8 byte order mark from text[0..n) and turns CRLF and lone CR into LF, in place
 * (the text only shrinks); terminates it and returns its new size. */
static size_t normalise(char *text, size_t n)
{
    size_t from = n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t size = 0;
    while (from < n) {
        const char *cr = memchr(text + from, '\r', n - from);
        size_t run = cr ? (size_t)(cr - (text + from)) : n - from;
        if (size != from)
            memmove(text + size, text + from, run);
        size += run;
        from += run;
        if (cr) {
            text[size++] = '\n';
            from++;
            if (from < n && text[from] == '\n')
                from++;
        }
    }
    text[size] = '\0';
    return size;
}

/* transcript_parse on text[0..n), a buffer of n + 1 bytes that it takes over: it becomes
 * out->text, or is freed on failure. */
static bool parse_owned(char *text, size_t n, const char *name, const struct turn_rule *rule,
                        struct transcript *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    if (!file_refuse_utf16(text, n, name, err)) {
        free(text);
        return false;
    }
    size_t size = normalise(text, n);

    struct text_position at;
    const char *nul = memchr(text, '\0', size);
    if (nul) {
        size_t line = 1;
        const char *line_start = text;
        for (const char *p = text; p < nul; p++) {
            if (*p == '\n') {
                line++;
                line_start = p + 1;
            }
        }
        error_user(err,
                   "%s:%zu:%zu: contains a NUL byte; this looks like a binary file, not a text "
                   "transcript",
                   name, line, utf8_length(line_start, (size_t)(nul - line_start)) + 1);
        free(text);
        return false;
    }
    if (!utf8_validate(text, size, &at)) {
        error_user(err,
                   "%s:%zu:%zu: not valid UTF-8 (byte 0x%02X); save the file as UTF-8 and import "
                   "it again",
                   name, at.line, at.column, (unsigned char)text[at.byte]);
        free(text);
        return false;
    }
    if (strspn(text, " \t\n\f\v") == size) {
        free(text);
        return error_user(err, "%s is empty; there is no text to import", name);
    }

    out->text = text;
    out->size = size;
    out->length = utf8_length(text, size);
    sha256_hex(text, size, out->sha256);
    if (!turns_find(rule, text, size, &out->turns)) {
        transcript_finish(out);
        return error_internal(err, "out of memory finding speaker turns in %s", name);
    }
    return true;
}

bool transcript_parse(const char *bytes, size_t n, const char *name, const struct turn_rule *rule,
                      struct transcript *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    char *text = malloc(n + 1);
    if (!text)
        return error_internal(err, "out of memory reading %s", name);
    memcpy(text, bytes, n);
    return parse_owned(text, n, name, rule, out, err);
}

bool transcript_read(const char *path, const struct turn_rule *rule, struct transcript *out,
                     struct error *err)
{
    char *data;
    size_t n;
    memset(out, 0, sizeof *out);
    if (!file_read(path, TRANSCRIPT_MAX_BYTES, &data, &n, err))
        return false;
    enum refi_file_kind kind = refi_file_identify(data, n);
    if (kind != REFI_FILE_NONE) {
        static const char *const advice[] = {
            [REFI_FILE_ARCHIVE] = "`margin refi import` imports it",
            [REFI_FILE_ZIP] = "save it as plain text (UTF-8) and import that",
            [REFI_FILE_PROJECT] = "`margin refi import` imports the .qdpx archive it comes from",
            [REFI_FILE_CODEBOOK] = "`margin codebook import` imports it",
        };
        error_user(err, "%s is %s, not a text transcript; %s", path, refi_file_kind_name(kind),
                   advice[kind]);
        free(data);
        return false;
    }
    return parse_owned(data, n, path, rule, out, err);
}
