#include "io/json.h"

#include <locale.h>
#include <math.h>
#include <string.h>

void json_init(struct json_writer *j, FILE *out)
{
    *j = (struct json_writer){out, 0, true, false};
}

/* Writes 2 * depth spaces. (fprintf's "%*s" parsed its format on every line of a comparison's
 * 26 MB.) */
static void indent(struct json_writer *j)
{
    static const char spaces[] = "                                                                ";
    size_t n = 2 * (size_t)j->depth;
    while (n > 0) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        fwrite(spaces, 1, k, j->out);
        n -= k;
    }
}

/* Starts a new line at the current depth for the next member or element, unless it follows its
 * key. */
static void place(struct json_writer *j)
{
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (j->depth > 0)
        fputs(j->first ? "\n" : ",\n", j->out);
    indent(j);
    j->first = false;
}

/* Whether a byte is written as it is inside a string. */
static bool plain(unsigned char c)
{
    return c >= 0x20 && c != '"' && c != '\\';
}

static void escaped(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const unsigned char *run = p;
        while (plain(*p))
            p++;
        if (p > run)
            fwrite(run, 1, (size_t)(p - run), out);
        if (!*p)
            break;
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p == '\r')
            fputs("\\r", out);
        else
            fprintf(out, "\\u%04x", *p);
    }
    fputc('"', out);
}

/* Places a value: after its key when it has one. */
static void value(struct json_writer *j, const char *key)
{
    if (key) {
        place(j);
        escaped(j->out, key);
        fputs(": ", j->out);
        j->after_key = true;
    }
    place(j);
}

static void begin(struct json_writer *j, const char *key, char bracket)
{
    value(j, key);
    fputc(bracket, j->out);
    j->depth++;
    j->first = true;
}

static void end(struct json_writer *j, char bracket)
{
    j->depth--;
    if (!j->first) {
        fputc('\n', j->out);
        indent(j);
    }
    fputc(bracket, j->out);
    j->first = false;
    if (j->depth == 0)
        fputc('\n', j->out);
}

void json_object_begin(struct json_writer *j, const char *key)
{
    begin(j, key, '{');
}

void json_object_end(struct json_writer *j)
{
    end(j, '}');
}

void json_array_begin(struct json_writer *j, const char *key)
{
    begin(j, key, '[');
}

void json_array_end(struct json_writer *j)
{
    end(j, ']');
}

void json_string(struct json_writer *j, const char *key, const char *s)
{
    value(j, key);
    escaped(j->out, s);
}

void json_int(struct json_writer *j, const char *key, int64_t v)
{
    value(j, key);
    /* Digits from the last, as the magnitude in unsigned arithmetic (INT64_MIN has no
     * positive counterpart). */
    char text[24];
    char *at = text + sizeof text;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        *--at = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--at = '-';
    fwrite(at, 1, (size_t)(text + sizeof text - at), j->out);
}

void json_null(struct json_writer *j, const char *key)
{
    value(j, key);
    fputs("null", j->out);
}

void json_bool(struct json_writer *j, const char *key, bool v)
{
    value(j, key);
    fputs(v ? "true" : "false", j->out);
}

void json_number(struct json_writer *j, const char *key, double v)
{
    if (!isfinite(v)) {
        json_null(j, key);
        return;
    }
    char text[64];
    snprintf(text, sizeof text, "%.17g", v);
    /* The locale may write the decimal point as something else ("," or a longer character). */
    const char *point = localeconv()->decimal_point;
    size_t n = point ? strlen(point) : 0;
    char *at = n && strcmp(point, ".") != 0 ? strstr(text, point) : NULL;
    if (at) {
        *at = '.';
        memmove(at + 1, at + n, strlen(at + n) + 1);
    }
    value(j, key);
    fputs(text, j->out);
}
