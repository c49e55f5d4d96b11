#include "cli/usage.h"

#include "cli/commands.h"
#include "core/width.h"

#include <ctype.h>
#include <string.h>

/* How margin is run, before the commands. */
static const char overview[] =
    "usage: margin [--coder NAME] [--consensus NAME] PROJECT\n"
    "                                         open a project on screen\n"
    "       margin COMMAND [ARGS...]          run a command\n"
    "       margin --script FILE [--size ROWSxCOLS] [--coder NAME] PROJECT\n"
    "                                         replay keys from a script (for tests)\n"
    "       margin --keys-doc                 print the key tables of margin(1)\n"
    "       margin --commands-doc             print the commands section of margin(1)\n";

/* Where options' help starts at the most, in terminal help. */
#define OPTION_COLUMN_MAX 26

bool usage_plain(struct strbuf *out, const char *s, size_t n)
{
    /* As scdoc reads its text: "*" always marks bold; "_" marks underline after a character
     * that is not a letter or digit, or to end one before such a character; "\\" escapes. */
    bool underline = false;
    unsigned char last = ' ';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned char next = i + 1 < n ? (unsigned char)s[i + 1] : '\0';
        if (c == '\\' && i + 1 < n) {
            if (!strbuf_putc(out, s[++i]))
                return false;
        } else if (c == '_' && (!isalnum(last) || (underline && !isalnum(next)))) {
            underline = !underline;
        } else if (c != '*') {
            if (!strbuf_putc(out, (char)c))
                return false;
            last = c;
        }
    }
    return true;
}

/* Appends a value or argument name with scdoc markup: names of things (runs of capitals)
 * underlined, literal words (runs of small letters) bold, anything else as it is. */
static bool put_marked(struct strbuf *out, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t run = 0;
        const char *mark = NULL;
        if (isupper((unsigned char)s[i])) {
            while (i + run < n && (isupper((unsigned char)s[i + run]) ||
                                   isdigit((unsigned char)s[i + run]) || s[i + run] == '_'))
                run++;
            mark = "_";
        } else if (islower((unsigned char)s[i])) {
            while (i + run < n && (islower((unsigned char)s[i + run]) || s[i + run] == '-'))
                run++;
            mark = "*";
        }
        bool ok = mark ? strbuf_puts(out, mark) && strbuf_append(out, s + i, run) &&
                             strbuf_puts(out, mark)
                       : strbuf_putc(out, s[i]);
        if (!ok)
            return false;
        i += mark ? run : 1;
    }
    return true;
}

/* The parts of a usage line after "margin", each either plain or in scdoc markup: the name,
 * each argument (a bracketed group stays one part) and each option. */
struct parts {
    struct strbuf text[2 + 2 * OPTIONS_MAX + 16];
    size_t count;
};

static void parts_finish(struct parts *p)
{
    for (size_t i = 0; i < p->count; i++)
        strbuf_finish(&p->text[i]);
}

static struct strbuf *parts_next(struct parts *p)
{
    if (p->count == sizeof p->text / sizeof p->text[0])
        return NULL;
    struct strbuf *sb = &p->text[p->count++];
    *sb = (struct strbuf)STRBUF_INIT;
    return sb;
}

/* Appends s[0..n) plain, or marked up for the manual. */
static bool put_part(struct strbuf *out, const char *s, size_t n, bool manual)
{
    return manual ? put_marked(out, s, n) : strbuf_append(out, s, n);
}

static bool usage_parts(const struct cli_command *command, bool manual, struct parts *p)
{
    p->count = 0;
    struct strbuf *sb = parts_next(p);
    bool ok = manual ? strbuf_printf(sb, "*%s*", command->name) : strbuf_puts(sb, command->name);
    /* Arguments, split at spaces outside brackets. */
    const char *a = command->arguments ? command->arguments : "";
    while (ok && *a) {
        while (*a == ' ')
            a++;
        size_t len = 0;
        int depth = 0;
        while (a[len] && (a[len] != ' ' || depth > 0)) {
            depth += a[len] == '[' ? 1 : a[len] == ']' ? -1 : 0;
            len++;
        }
        if (len == 0)
            break;
        ok = (sb = parts_next(p)) && put_part(sb, a, len, manual);
        a += len;
    }
    for (const struct option_spec *o = command->options; ok && o && o->name; o++) {
        bool required = o->flags & OPTION_REQUIRED;
        ok = (sb = parts_next(p)) && (required || strbuf_putc(sb, '[')) &&
             (manual ? strbuf_printf(sb, "*--%s*", o->name) : strbuf_printf(sb, "--%s", o->name));
        if (ok && o->value)
            ok = strbuf_putc(sb, ' ') && put_part(sb, o->value, strlen(o->value), manual);
        ok = ok && (required || strbuf_putc(sb, ']')) &&
             (!(o->flags & OPTION_REPEATABLE) || strbuf_puts(sb, "..."));
    }
    return ok;
}

bool usage_line(struct strbuf *out, const struct cli_command *command)
{
    struct parts p;
    bool ok = usage_parts(command, false, &p) && strbuf_puts(out, "usage: margin");
    size_t at = strlen("usage: margin");
    for (size_t i = 0; ok && i < p.count; i++) {
        const char *part = strbuf_str(&p.text[i]);
        size_t w = width_of_text(part, p.text[i].len);
        if (at + 1 + w > USAGE_COLUMNS && i > 0) {
            ok = strbuf_puts(out, "\n       ") && strbuf_puts(out, part);
            at = 7 + w;
        } else {
            ok = strbuf_putc(out, ' ') && strbuf_puts(out, part);
            at += 1 + w;
        }
    }
    ok = ok && strbuf_putc(out, '\n');
    parts_finish(&p);
    return ok;
}

/* Appends text (plain, one paragraph) wrapped to `columns`, every line after the first
 * `indent` spaces in, the first starting at column `at`. */
static bool put_wrapped(struct strbuf *out, const char *text, size_t at, size_t indent,
                        size_t columns)
{
    bool ok = true;
    bool first_word = true;
    const char *p = text;
    while (ok && *p) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (len == 0)
            break;
        size_t w = width_of_text(p, len);
        if (!first_word && at + 1 + w > columns) {
            ok = strbuf_printf(out, "\n%*s", (int)indent, "");
            at = indent;
        } else if (!first_word) {
            ok = strbuf_putc(out, ' ');
            at++;
        }
        ok = ok && strbuf_append(out, p, len);
        at += w;
        first_word = false;
        p += len;
    }
    return ok && strbuf_putc(out, '\n');
}

/* Appends the help text without markup, a paragraph at a time (its lines joined) wrapped to
 * USAGE_COLUMNS, with a blank line between paragraphs. */
static bool put_help_text(struct strbuf *out, const char *help)
{
    bool ok = true;
    const char *p = help ? help : "";
    while (ok && *p) {
        /* A paragraph runs to a blank line. */
        const char *end = strstr(p, "\n\n");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        struct strbuf plain = STRBUF_INIT;
        ok = usage_plain(&plain, p, n);
        for (size_t i = 0; ok && i < plain.len; i++) {
            if (plain.data[i] == '\n')
                plain.data[i] = ' ';
        }
        ok = ok && put_wrapped(out, strbuf_str(&plain), 0, 0, USAGE_COLUMNS);
        strbuf_finish(&plain);
        p += n;
        while (*p == '\n')
            p++;
        if (ok && *p)
            ok = strbuf_putc(out, '\n');
    }
    return ok;
}

/* What an option's help says after its one line: whether it must be given, or may be given
 * more than once. */
static const char *option_note(const struct option_spec *o)
{
    return (o->flags & OPTION_REQUIRED)     ? " (required)"
           : (o->flags & OPTION_REPEATABLE) ? " (repeatable)"
                                            : "";
}

static bool put_options(struct strbuf *out, const struct option_spec *options)
{
    size_t column = 0;
    for (const struct option_spec *o = options; o && o->name; o++) {
        size_t w = 2 + strlen(o->name) + (o->value ? 1 + strlen(o->value) : 0) + 2;
        if (w + 2 <= OPTION_COLUMN_MAX && w + 2 > column)
            column = w + 2;
    }
    bool ok = true;
    for (const struct option_spec *o = options; ok && o && o->name; o++) {
        struct strbuf label = STRBUF_INIT;
        struct strbuf help = STRBUF_INIT;
        ok = strbuf_printf(&label, "  --%s%s%s", o->name, o->value ? " " : "",
                           o->value ? o->value : "") &&
             usage_plain(&help, o->help, strlen(o->help)) && strbuf_puts(&help, option_note(o)) &&
             strbuf_puts(out, strbuf_str(&label));
        size_t at = label.len;
        if (ok && at + 2 > column) {
            ok = strbuf_printf(out, "\n%*s", (int)column, "");
            at = column;
        }
        if (ok && at < column) {
            ok = strbuf_printf(out, "%*s", (int)(column - at), "");
            at = column;
        }
        ok = ok && put_wrapped(out, strbuf_str(&help), at, column, USAGE_COLUMNS);
        strbuf_finish(&label);
        strbuf_finish(&help);
    }
    return ok;
}

void usage_print_help(FILE *out, const struct cli_command *command)
{
    struct strbuf text = STRBUF_INIT;
    bool ok = usage_line(&text, command) && strbuf_putc(&text, '\n') &&
              put_help_text(&text, command->help);
    if (ok && command->options && command->options->name)
        ok = strbuf_putc(&text, '\n') && put_options(&text, command->options);
    fputs(ok ? strbuf_str(&text) : "margin: out of memory\n", ok ? out : stderr);
    strbuf_finish(&text);
}

void usage_print_overview(FILE *out, bool commands)
{
    fputs(overview, out);
    if (commands) {
        /* Names and summaries in two columns, at least two spaces apart. */
        int width = 0;
        for (size_t i = 0; i < commands_count; i++) {
            int n = (int)strlen(commands_table[i].name);
            width = n > width ? n : width;
        }
        fputs("\ncommands:\n", out);
        for (size_t i = 0; i < commands_count; i++)
            fprintf(out, "  %-*s  %s\n", width, commands_table[i].name, commands_table[i].summary);
    }
    fputs("\n`margin help COMMAND` or `margin COMMAND --help` describes a command; margin(1)\n"
          "describes them all.\n",
          out);
}

bool usage_write_manual(struct strbuf *out)
{
    bool ok = true;
    for (size_t c = 0; ok && c < commands_count; c++) {
        const struct cli_command *command = &commands_table[c];
        struct parts p;
        ok = usage_parts(command, true, &p);
        for (size_t i = 0; ok && i < p.count; i++)
            ok = (i == 0 || strbuf_putc(out, ' ')) && strbuf_puts(out, strbuf_str(&p.text[i]));
        parts_finish(&p);
        ok = ok && strbuf_putc(out, '\n');
        /* Each line of the help one tab in; blank lines stay blank. */
        const char *h = command->help ? command->help : "";
        while (ok && *h) {
            size_t len = strcspn(h, "\n");
            ok = (len == 0 || (strbuf_putc(out, '\t') && strbuf_append(out, h, len))) &&
                 strbuf_putc(out, '\n');
            h += len + (h[len] == '\n');
        }
        if (ok && command->options && command->options->name)
            ok = strbuf_putc(out, '\n');
        for (const struct option_spec *o = command->options; ok && o && o->name; o++) {
            ok = strbuf_printf(out, "\t*--%s*", o->name) &&
                 (!o->value ||
                  (strbuf_putc(out, ' ') && put_marked(out, o->value, strlen(o->value)))) &&
                 strbuf_printf(out, "\n\t\t%s%s\n", o->help, option_note(o));
        }
        ok = ok && strbuf_putc(out, '\n');
    }
    return ok;
}
