/* Errors as values: a kind and a message the user can act on. */
#ifndef MARGIN_CORE_ERROR_H
#define MARGIN_CORE_ERROR_H

#include <stdbool.h>

enum error_kind {
    ERROR_NONE = 0,
    ERROR_USER,     /* bad input, missing file, locked project: the user can fix it */
    ERROR_INTERNAL, /* a bug or an unexpected library failure */
};

struct error {
    enum error_kind kind;
    char message[1024];
};

/* Empties err (kind ERROR_NONE, message ""). */
void error_clear(struct error *err);

/* Sets err to a user error with a printf-style message. Always returns false, so that a
 * failing function can end with `return error_user(err, ...)`. */
bool error_user(struct error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* As error_user, for internal errors. */
bool error_internal(struct error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Puts a printf-style prefix (such as "codings.csv:12: ") in front of err's message,
 * keeping its kind. Returns false. */
bool error_prefix(struct error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
