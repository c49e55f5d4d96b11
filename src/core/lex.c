#include "core/lex.h"

#include <stdio.h>
#include <string.h>

void lex_init(struct lexer *lexer, const char *s)
{
    lexer->s = s;
    lexer->pos = 0;
    lexer->column = 1;
}

static bool is_word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z') || (c != 0 && strchr("_.-:/*+", c) != NULL);
}

/* Moves past one byte, counting a column for each byte that starts a character. */
static void advance(struct lexer *lexer)
{
    lexer->pos++;
    unsigned char c = (unsigned char)lexer->s[lexer->pos];
    if ((c & 0xC0) != 0x80)
        lexer->column++;
}

bool lex_next(struct lexer *lexer, struct lex_token *token, struct error *err)
{
    const char *s = lexer->s;
    while (s[lexer->pos] == ' ' || s[lexer->pos] == '\t' || s[lexer->pos] == '\n' ||
           s[lexer->pos] == '\r')
        advance(lexer);
    unsigned char c = (unsigned char)s[lexer->pos];
    token->text = s + lexer->pos;
    token->column = lexer->column;
    token->len = 0;
    if (c == '\0') {
        token->kind = LEX_END;
        return true;
    }
    if (c == '"' || c == '\'') {
        size_t column = lexer->column;
        advance(lexer);
        token->kind = LEX_STRING;
        token->text = s + lexer->pos;
        while (s[lexer->pos] && (unsigned char)s[lexer->pos] != c)
            advance(lexer);
        if (!s[lexer->pos])
            return error_user(err, "column %zu: this string has no closing %c", column, c);
        token->len = (size_t)(s + lexer->pos - token->text);
        advance(lexer);
        return true;
    }
    if (c == '(' || c == ')' || c == ',') {
        token->kind = c == '(' ? LEX_LPAREN : c == ')' ? LEX_RPAREN : LEX_COMMA;
        token->len = 1;
        advance(lexer);
        return true;
    }
    if (c == '=' || c == '<' || c == '>' || (c == '!' && s[lexer->pos + 1] == '=')) {
        token->kind = LEX_OP;
        token->len = s[lexer->pos + 1] == '=' && c != '=' ? 2 : 1;
        for (size_t i = 0; i < token->len; i++)
            advance(lexer);
        return true;
    }
    if (!is_word_byte(c)) {
        if (c < 0x20 || c == 0x7F)
            return error_user(err, "column %zu: a control character (0x%02X) has no place here",
                              lexer->column, c);
        return error_user(err, "column %zu: '%c' has no place here", lexer->column, c);
    }
    token->kind = LEX_WORD;
    while (is_word_byte((unsigned char)s[lexer->pos]))
        advance(lexer);
    token->len = (size_t)(s + lexer->pos - token->text);
    return true;
}

bool lex_is(const struct lex_token *token, const char *word)
{
    if (token->kind != LEX_WORD || strlen(word) != token->len)
        return false;
    for (size_t i = 0; i < token->len; i++) {
        char a = token->text[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != word[i])
            return false;
    }
    return true;
}

bool lex_expected(const struct lex_token *token, const char *what, struct error *err)
{
    char found[64];
    return error_user(err, "column %zu: expected %s, found %s", token->column, what,
                      lex_describe(token, found, sizeof found));
}

const char *lex_describe(const struct lex_token *token, char *buf, size_t size)
{
    if (token->kind == LEX_END)
        snprintf(buf, size, "the end");
    else if (token->kind == LEX_STRING)
        snprintf(buf, size, "\"%.*s\"", (int)(token->len > 40 ? 40 : token->len), token->text);
    else
        snprintf(buf, size, "'%.*s'", (int)(token->len > 40 ? 40 : token->len), token->text);
    return buf;
}

bool lex_parser_start(struct lex_parser *p, const char *text, const char *noun, struct error *err)
{
    *p = (struct lex_parser){.err = err};
    lex_init(&p->lexer, text);
    if (!lex_parser_next(p))
        return false;
    return p->token.kind != LEX_END || error_user(err, "column 1: the %s is empty", noun);
}

bool lex_parser_next(struct lex_parser *p)
{
    return lex_next(&p->lexer, &p->token, p->err);
}

bool lex_parser_expected(struct lex_parser *p, const char *what)
{
    return lex_expected(&p->token, what, p->err);
}
