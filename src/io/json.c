#include "io/json.h"

#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <string.h>

void json_init(struct json_writer *j, FILE *out)
{
    *j = (struct json_writer){out, 0, true, false};
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
    fprintf(j->out, "%*s", 2 * j->depth, "");
    j->first = false;
}

static void escaped(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p == '\r')
            fputs("\\r", out);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
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
    if (!j->first)
        fprintf(j->out, "\n%*s", 2 * j->depth, "");
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
    fprintf(j->out, "%" PRId64, v);
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
