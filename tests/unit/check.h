/* A small test harness: each test program lists its tests and hands them to check_main(),
 * which runs them in order and reports in TAP, one line per test. A failed check prints where
 * and what, and marks its test as failed; the test goes on running. */
#ifndef MARGIN_TESTS_CHECK_H
#define MARGIN_TESTS_CHECK_H

#include <stdbool.h>
#include <stddef.h>

struct test {
    const char *name;
    void (*run)(void);
};

#define TEST_COUNT(tests) (sizeof(tests) / sizeof((tests)[0]))

/* Runs the tests (all, or those whose name contains argv[1]); returns the exit status. */
int check_main(const struct test *tests, size_t count, int argc, char **argv);

bool check_true(bool ok, const char *what, const char *file, int line);
bool check_int(long long got, long long want, const char *what, const char *file, int line);
bool check_str(const char *got, const char *want, const char *what, const char *file, int line);
bool check_near(double got, double want, double tolerance, const char *what, const char *file,
                int line);

#define CHECK(cond) check_true((cond), #cond, __FILE__, __LINE__)
#define CHECK_INT(got, want)                                                                       \
    check_int((long long)(got), (long long)(want), #got, __FILE__, __LINE__)
#define CHECK_STR(got, want)       check_str((got), (want), #got, __FILE__, __LINE__)
#define CHECK_NEAR(got, want, tol) check_near((got), (want), (tol), #got, __FILE__, __LINE__)

#endif
