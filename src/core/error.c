#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void error_clear(struct error *err)
{
    err->kind = ERROR_NONE;
    err->message[0] = '\0';
}

/* The format attribute lets clang's -Wformat-nonliteral accept the vsnprintf() below. */
static bool error_vset(struct error *err, enum error_kind kind, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

static bool error_vset(struct error *err, enum error_kind kind, const char *fmt, va_list ap)
{
    err->kind = kind;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    return false;
}

bool error_user(struct error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_vset(err, ERROR_USER, fmt, ap);
    va_end(ap);
    return false;
}

bool error_internal(struct error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_vset(err, ERROR_INTERNAL, fmt, ap);
    va_end(ap);
    return false;
}

bool error_prefix(struct error *err, const char *fmt, ...)
{
    char prefix[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return false;
    size_t plen = (size_t)n < sizeof prefix ? (size_t)n : sizeof prefix - 1;
    size_t mlen = strlen(err->message);
    if (plen + mlen >= sizeof err->message)
        mlen = sizeof err->message - 1 - plen;
    memmove(err->message + plen, err->message, mlen);
    memcpy(err->message, prefix, plen);
    err->message[plen + mlen] = '\0';
    return false;
}
