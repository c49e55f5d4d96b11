/* CSV reading and writing (RFC 4180). */
#include "check.h"
#include "io/csv.h"

#include <stdlib.h>
#include <string.h>

/* Reads all records of `data` and joins them as "a|b;c|d" for comparison. */
static char *read_joined(const char *data, struct error *err, int *status)
{
    static char out[1024];
    out[0] = '\0';
    struct csv_reader *reader = csv_reader_create(data, strlen(data), "t.csv", err);
    if (!reader) {
        *status = -1;
        return out;
    }
    struct csv_record record;
    while ((*status = csv_next(reader, &record, err)) == 1) {
        if (out[0])
            strcat(out, ";");
        for (size_t i = 0; i < record.count; i++) {
            if (i)
                strcat(out, "|");
            strcat(out, record.fields[i]);
        }
    }
    csv_reader_destroy(reader);
    return out;
}

static void reads_plain_and_quoted_fields(void)
{
    struct error err;
    int status;
    CHECK_STR(read_joined("a,b,c\n1,2,3\n", &err, &status), "a|b|c;1|2|3");
    CHECK_INT(status, 0);
    CHECK_STR(read_joined("\"x, y\",\"say \"\"hi\"\"\",z\r\n", &err, &status), "x, y|say \"hi\"|z");
    CHECK_STR(read_joined("\"two\nlines\",end", &err, &status), "two\nlines|end");
    CHECK_STR(read_joined("a,,\n", &err, &status), "a||");
    CHECK_STR(read_joined("\xEF\xBB\xBFZoë,€\n\n\nlast", &err, &status), "Zoë|€;last");
    CHECK_STR(read_joined("old\rmac\r", &err, &status), "old;mac");
}

static void records_know_their_line(void)
{
    struct error err;
    const char *data = "h1,h2\n\"multi\nline\",x\nnext,y\n";
    struct csv_reader *reader = csv_reader_create(data, strlen(data), "t.csv", &err);
    struct csv_record record;
    CHECK_INT(csv_next(reader, &record, &err), 1);
    CHECK_INT(record.line, 1);
    CHECK_INT(csv_next(reader, &record, &err), 1);
    CHECK_INT(record.line, 2);
    CHECK_INT(csv_next(reader, &record, &err), 1);
    CHECK_INT(record.line, 4);
    CHECK_STR(record.fields[0], "next");
    CHECK_INT(csv_next(reader, &record, &err), 0);
    csv_reader_destroy(reader);
}

static void reports_malformed_quoting(void)
{
    struct error err;
    int status;
    read_joined("a,b\n\"open,c\n", &err, &status);
    CHECK_INT(status, -1);
    CHECK_STR(err.message, "t.csv:2: a quoted field that starts here never ends (a \" is missing)");
    read_joined("a,b\nsay \"hi\",c\n", &err, &status);
    CHECK_INT(status, -1);
    CHECK(strstr(err.message, "t.csv:2: a field that does not start with a quote contains one") !=
          NULL);
    read_joined("\"closed\"junk,c\n", &err, &status);
    CHECK_INT(status, -1);
    CHECK(strstr(err.message, "t.csv:1: unexpected text after a quoted field") != NULL);
    read_joined("ok\nbad\xff,x\n", &err, &status);
    CHECK_INT(status, -1);
    CHECK_STR(err.message, "t.csv:2:4: not valid UTF-8 text; save the file as UTF-8");
}

static char *written(const char *const *fields, size_t n, bool safe)
{
    static char buf[512];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    csv_write_row(f, fields, n, safe);
    fclose(f);
    return buf;
}

static void writes_what_it_reads(void)
{
    const char *fields[] = {"plain", "with, comma", "say \"hi\"", "two\nlines", ""};
    char *line = written(fields, 5, false);
    CHECK_STR(line, "plain,\"with, comma\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
    struct error err;
    int status;
    CHECK_STR(read_joined(line, &err, &status), "plain|with, comma|say \"hi\"|two\nlines|");
}

static void safe_mode_neutralises_formulas(void)
{
    const char *fields[] = {"=SUM(A1)", "+cmd", "-2+3", "@cmd", "\tx", "ok", "a=b"};
    CHECK_STR(written(fields, 7, true), "'=SUM(A1),'+cmd,'-2+3,'@cmd,'\tx,ok,a=b\r\n");
    CHECK_STR(written(fields, 7, false), "=SUM(A1),+cmd,-2+3,@cmd,\tx,ok,a=b\r\n");
    const char *quoted[] = {"=1,2", "\rx"};
    CHECK_STR(written(quoted, 2, true), "\"'=1,2\",\"'\rx\"\r\n");
}

/* A negative kappa in a comparison's CSV stays a number a spreadsheet can add up. */
static void safe_mode_leaves_numbers(void)
{
    const char *fields[] = {"-2", "+1", "-0.25", "0.5", "-", "+", "-.5", "-1.", "-1e3", "--1"};
    CHECK_STR(written(fields, 10, true), "-2,+1,-0.25,0.5,'-,'+,'-.5,'-1.,'-1e3,'--1\r\n");
    CHECK(!csv_formula_like("-12.5"));
    CHECK(csv_formula_like("-12.5%"));
    CHECK(!csv_formula_like(""));
}

/* csv_neutralise() turns what the writer wrote without `safe` into what it writes with it. */
static void neutralising_is_writing_safely(void)
{
    const char *rows[][4] = {
        {"=1+2", "plain", "", "-3"},           {"", "", "", ""},
        {"say \"=x\"", "=\"q\"", "-a,b", "@"}, {"\rcr", "two\nlines", "\t", "+"},
        {"\"=", "-1.5", "a\r\nb", "=,"},
    };
    size_t nrows = sizeof rows / sizeof rows[0];
    char exact[1024], safe[1024], neutralised[1024];
    FILE *e = fmemopen(exact, sizeof exact, "w");
    FILE *s = fmemopen(safe, sizeof safe, "w");
    for (size_t r = 0; r < nrows; r++) {
        csv_write_row(e, rows[r], 4, false);
        csv_write_row(s, rows[r], 4, true);
    }
    /* A last record without its line end, and one field alone. */
    csv_write_field(e, "=end", false);
    csv_write_field(s, "=end", true);
    fclose(e);
    fclose(s);
    FILE *n = fmemopen(neutralised, sizeof neutralised, "w");
    CHECK(csv_neutralise(exact, strlen(exact), n));
    fclose(n);
    CHECK_STR(neutralised, safe);
    n = fmemopen(neutralised, sizeof neutralised, "w");
    CHECK(csv_neutralise("a,\r\n,=b,", 8, n));
    fclose(n);
    CHECK_STR(neutralised, "a,\r\n,'=b,");
}

/* A CSV file saved as UTF-16 (as spreadsheets on Windows offer) was refused as text that is
 * not UTF-8, or as a binary file for its NUL bytes, without a word about UTF-16. */
static void refuses_utf16_saying_so(void)
{
    struct error err;
    const char bom[] = "\xFF\xFE"
                       "c\0o\0d\0e\0r\0,\0s\0\r\0\n\0";
    CHECK(csv_reader_create(bom, sizeof bom - 1, "t.csv", &err) == NULL);
    CHECK_STR(err.message, "t.csv is UTF-16 text; margin reads UTF-8, so save it as UTF-8 (iconv "
                           "-f UTF-16 -t UTF-8 converts it)");
    const char little[] = "c\0o\0d\0e\0r\0,\0s\0\r\0\n\0";
    CHECK(csv_reader_create(little, sizeof little - 1, "t.csv", &err) == NULL);
    CHECK_STR(err.message, "t.csv is UTF-16 text; margin reads UTF-8, so save it as UTF-8 (iconv "
                           "-f UTF-16LE -t UTF-8 converts it)");
    const char big[] = "\0c\0o\0d\0e\0r\0,\0s\0\r\0\n";
    CHECK(csv_reader_create(big, sizeof big - 1, "t.csv", &err) == NULL);
    CHECK_STR(err.message, "t.csv is UTF-16 text; margin reads UTF-8, so save it as UTF-8 (iconv "
                           "-f UTF-16BE -t UTF-8 converts it)");
    /* A NUL or two in UTF-8 text is still a NUL, not UTF-16. */
    const char one[] = "coder,source\nA,b\0c\n";
    CHECK(csv_reader_create(one, sizeof one - 1, "t.csv", &err) == NULL);
    CHECK_STR(err.message,
              "t.csv:2:4: contains a NUL byte; this looks like a binary file, not CSV");
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"reads_plain_and_quoted_fields", reads_plain_and_quoted_fields},
        {"records_know_their_line", records_know_their_line},
        {"reports_malformed_quoting", reports_malformed_quoting},
        {"writes_what_it_reads", writes_what_it_reads},
        {"safe_mode_leaves_numbers", safe_mode_leaves_numbers},
        {"neutralising_is_writing_safely", neutralising_is_writing_safely},
        {"safe_mode_neutralises_formulas", safe_mode_neutralises_formulas},
        {"refuses_utf16_saying_so", refuses_utf16_saying_so},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
