/* Tokens of the small expression languages (case filters in core/where.h, queries in
 * core/query.h): words, quoted strings, parentheses, commas and comparison operators, each with
 * the column where it starts, so that a parser can say where an expression went wrong. */
#ifndef MARGIN_CORE_LEX_H
#define MARGIN_CORE_LEX_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>

enum lex_kind {
    LEX_END,    /* the end of the expression */
    LEX_WORD,   /* letters, digits, non-ASCII characters and _ . - : / * + */
    LEX_STRING, /* "..." or '...' (no escapes; the other quote may appear inside) */
    LEX_LPAREN,
    LEX_RPAREN,
    LEX_COMMA,
    LEX_OP, /* = != < <= > >= */
};

struct lex_token {
    enum lex_kind kind;
    const char *text; /* into the expression: a word, a string without its quotes, an operator */
    size_t len;
    size_t column; /* 1-based, in characters (code points), where the token starts */
};

struct lexer {
    const char *s;
    size_t pos;    /* byte offset of the next character */
    size_t column; /* its column */
};

/* Starts reading `s` (NUL-terminated UTF-8), which must outlive the lexer. */
void lex_init(struct lexer *lexer, const char *s);

/* Reads the next token, skipping spaces. Fails with "column N: ..." for a character no token
 * starts with and for a string without its closing quote. At the end it keeps returning
 * LEX_END. */
bool lex_next(struct lexer *lexer, struct lex_token *token, struct error *err);

/* Whether the token is the word `word`, in any case of ASCII letters. */
bool lex_is(const struct lex_token *token, const char *word);

/* Describes a token for messages ("'and'", "the end"), into buf. */
const char *lex_describe(const struct lex_token *token, char *buf, size_t size);

/* Fails with "column N: expected WHAT, found TOKEN" at the token; returns false. */
bool lex_expected(const struct lex_token *token, const char *what, struct error *err);

/* What a recursive-descent parser of these languages keeps: the lexer, the current token, where
 * its errors go, and how deep and how large the expression has grown, for the parser's limits. */
struct lex_parser {
    struct lexer lexer;
    struct lex_token token;
    struct error *err;
    int depth;
    size_t nodes;
};

/* Starts parsing `text` (which must outlive the parser) and reads its first token. Fails with
 * the lexer's message, or with "column 1: the NOUN is empty" (NOUN: "query", "filter") when
 * there is no token. */
bool lex_parser_start(struct lex_parser *p, const char *text, const char *noun, struct error *err);

/* Reads the next token into p->token. */
bool lex_parser_next(struct lex_parser *p);

/* lex_expected() at the parser's token. */
bool lex_parser_expected(struct lex_parser *p, const char *what);

#endif
