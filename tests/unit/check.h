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

/* Runs the tests (all, or those whose name contains argv[1]), then removes the folder of
 * check_temp_path(); returns the exit status. */
int check_main(const struct test *tests, size_t count, int argc, char **argv);

/* The path of `name` in a temporary folder of this test program's own, made on first use and
 * removed with everything in it when check_main() ends. The next call reuses the buffer. */
const char *check_temp_path(const char *name);

/* Writes bytes[0..n) to check_temp_path(name) and returns that path; aborts when it cannot. */
const char *check_temp_file(const char *name, const void *bytes, size_t n);

/* The same for a NUL-terminated text. */
const char *check_temp_text(const char *name, const char *text);

/* The path of `name` among the test data (MARGIN_TEST_DATA, else tests/data). The next call
 * reuses the buffer. */
const char *check_data_path(const char *name);

/* The bytes of a file, followed by a NUL that *n does not count; NULL (and *n == 0) when it
 * cannot be read. The caller frees them. */
char *check_read_file(const char *path, size_t *n);

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
