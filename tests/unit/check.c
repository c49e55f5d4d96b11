#include "check.h"

#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool current_failed;
static char temp_folder[64]; /* check_temp_path()'s folder, once made */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* Removes check_temp_path()'s folder and what is in it; false when something stays. */
static bool remove_temp_folder(void)
{
    return !temp_folder[0] || nftw(temp_folder, remove_entry, 8, FTW_DEPTH | FTW_PHYS) == 0;
}

static void report(const char *file, int line, const char *what)
{
    printf("# %s:%d: %s\n", file, line, what);
    current_failed = true;
}

bool check_true(bool ok, const char *what, const char *file, int line)
{
    if (!ok) {
        char msg[512];
        snprintf(msg, sizeof msg, "check failed: %s", what);
        report(file, line, msg);
    }
    return ok;
}

bool check_int(long long got, long long want, const char *what, const char *file, int line)
{
    if (got != want) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s is %lld, expected %lld", what, got, want);
        report(file, line, msg);
    }
    return got == want;
}

bool check_str(const char *got, const char *want, const char *what, const char *file, int line)
{
    bool ok = got && want ? strcmp(got, want) == 0 : got == want;
    if (!ok) {
        printf("# %s:%d: %s differs\n#   got:      \"%s\"\n#   expected: \"%s\"\n", file, line,
               what, got ? got : "(null)", want ? want : "(null)");
        current_failed = true;
    }
    return ok;
}

bool check_near(double got, double want, double tolerance, const char *what, const char *file,
                int line)
{
    bool ok = fabs(got - want) <= tolerance || (isnan(got) && isnan(want));
    if (!ok) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s is %.12g, expected %.12g (within %g)", what, got, want,
                 tolerance);
        report(file, line, msg);
    }
    return ok;
}

int check_main(const struct test *tests, size_t count, int argc, char **argv)
{
    const char *filter = argc > 1 ? argv[1] : NULL;
    size_t selected = 0;
    for (size_t i = 0; i < count; i++)
        selected += !filter || strstr(tests[i].name, filter);
    printf("1..%zu\n", selected);
    size_t number = 0;
    size_t failed = 0;
    for (size_t i = 0; i < count; i++) {
        if (filter && !strstr(tests[i].name, filter))
            continue;
        current_failed = false;
        fflush(stdout);
        tests[i].run();
        printf("%s %zu - %s\n", current_failed ? "not ok" : "ok", ++number, tests[i].name);
        failed += current_failed;
    }
    return remove_temp_folder() && failed == 0 ? 0 : 1;
}

const char *check_temp_path(const char *name)
{
    static char path[192];
    if (!temp_folder[0]) {
        snprintf(temp_folder, sizeof temp_folder, "/tmp/margin-test-XXXXXX");
        if (!mkdtemp(temp_folder))
            abort();
    }
    snprintf(path, sizeof path, "%s/%s", temp_folder, name);
    return path;
}

const char *check_temp_file(const char *name, const void *bytes, size_t n)
{
    const char *path = check_temp_path(name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(bytes, 1, n, f) != n || fclose(f) != 0)
        abort();
    return path;
}

const char *check_temp_text(const char *name, const char *text)
{
    return check_temp_file(name, text, strlen(text));
}

const char *check_data_path(const char *name)
{
    static char path[512];
    const char *folder = getenv("MARGIN_TEST_DATA");
    snprintf(path, sizeof path, "%s/%s", folder ? folder : "tests/data", name);
    return path;
}

char *check_read_file(const char *path, size_t *n)
{
    *n = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = size >= 0 ? malloc((size_t)size + 1) : NULL;
    if (buf) {
        *n = fread(buf, 1, (size_t)size, f);
        buf[*n] = '\0';
    }
    fclose(f);
    return buf;
}
