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

bool transcript_parse(const char *bytes, size_t n, const char *name, const struct turn_rule *rule,
                      struct transcript *out, struct error *err)
{
    memset(out, 0, sizeof *out);
    if (!file_refuse_utf16(bytes, n, name, err))
        return false;
    if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
        bytes += 3;
        n -= 3;
    }

    char *text = malloc(n + 1);
    if (!text)
        return error_internal(err, "out of memory reading %s", name);
    size_t size = 0;
    for (size_t i = 0; i < n; i++) {
        if (bytes[i] == '\r') {
            text[size++] = '\n';
            if (i + 1 < n && bytes[i + 1] == '\n')
                i++;
        } else {
            text[size++] = bytes[i];
        }
    }
    text[size] = '\0';

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
    bool ok = transcript_parse(data, n, path, rule, out, err);
    free(data);
    return ok;
}
