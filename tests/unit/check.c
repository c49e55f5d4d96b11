#include "check.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static bool current_failed;

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
    return failed ? 1 : 0;
}
