/* Reading whole input files: what is not a regular file, and standard input for "-". */
#include "check.h"
#include "io/file.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Makes `path` margin's standard input; returns the old one's copy, to put back. */
static int redirect_standard_input(const char *path)
{
    int saved = dup(STDIN_FILENO);
    FILE *f = fopen(path, "r");
    if (!f || dup2(fileno(f), STDIN_FILENO) < 0)
        abort();
    fclose(f);
    return saved;
}

static void restore_standard_input(int saved)
{
    dup2(saved, STDIN_FILENO);
    close(saved);
}

static void refuses_what_is_not_a_regular_file(void)
{
    struct error err;
    char *data = NULL;
    size_t n = 0;
    const char *folder = check_temp_path("folder");
    CHECK(mkdir(folder, 0755) == 0);
    CHECK(!file_read(folder, 1024, &data, &n, &err));
    CHECK(strstr(err.message, "folder is not a regular file (a folder)") != NULL);
    const char *fifo = check_temp_path("fifo");
    CHECK(mkfifo(fifo, 0644) == 0);
    /* Without a writer, a blocking open would wait for ever; the alarm ends the test then. */
    alarm(20);
    CHECK(!file_read(fifo, 1024, &data, &n, &err));
    alarm(0);
    CHECK(strstr(err.message, "fifo is not a regular file (a FIFO)") != NULL);
    CHECK(!file_read_input("/dev/null", 1024, &data, &n, &err));
    CHECK_STR(err.message, "/dev/null is not a regular file (a character device)");
    CHECK(data == NULL);
    CHECK_INT(n, 0);
}

static void reads_standard_input_for_a_dash(void)
{
    const char *text = "coder,source,code,start,end\nA,int01,07.01.02,0,3\n";
    int saved = redirect_standard_input(check_temp_text("in.csv", text));
    struct error err;
    char *data = NULL;
    size_t n = 0;
    CHECK(file_read_input("-", 1024, &data, &n, &err));
    restore_standard_input(saved);
    CHECK_INT(n, strlen(text));
    CHECK_STR(data, text);
    free(data);
    CHECK_STR(file_input_name("-"), "standard input");
    CHECK_STR(file_input_name("codings.csv"), "codings.csv");
}

static void refuses_standard_input_beyond_the_limit(void)
{
    size_t size = 150 * 1024;
    char *big = malloc(size);
    CHECK(big != NULL);
    if (!big)
        return;
    memset(big, 'x', size);
    const char *path = check_temp_file("big.csv", big, size);
    free(big);
    struct error err;
    char *data = NULL;
    size_t n = 0;
    int saved = redirect_standard_input(path);
    CHECK(!file_read_input("-", 100 * 1024, &data, &n, &err));
    restore_standard_input(saved);
    CHECK_STR(err.message,
              "standard input is more than 100 KB; margin reads files of up to 100 KB");
    CHECK(data == NULL);
    /* Exactly the limit is read. */
    saved = redirect_standard_input(path);
    CHECK(file_read_input("-", size, &data, &n, &err));
    restore_standard_input(saved);
    CHECK_INT(n, size);
    free(data);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"refuses_what_is_not_a_regular_file", refuses_what_is_not_a_regular_file},
        {"reads_standard_input_for_a_dash", reads_standard_input_for_a_dash},
        {"refuses_standard_input_beyond_the_limit", refuses_standard_input_beyond_the_limit},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
