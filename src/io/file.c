#include "io/file.h"

#include "core/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void describe_size(double bytes, char *buf, size_t size)
{
    if (bytes >= 1024.0 * 1024.0)
        snprintf(buf, size, "%.1f MB", bytes / (1024.0 * 1024.0));
    else
        snprintf(buf, size, "%.0f KB", bytes / 1024.0);
}

/* Refuses an input larger than `limit`; `more` when only a lower bound of its size is known. */
static bool too_large(const char *name, double size, size_t limit, bool more, struct error *err)
{
    char have[32], most[32];
    describe_size(size, have, sizeof have);
    describe_size((double)limit, most, sizeof most);
    return error_user(err, "%s is %s%s; margin reads files of up to %s", name,
                      more ? "more than " : "", have, most);
}

/* What something that is not a regular file is, for messages. */
static const char *kind_of(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a folder";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a file";
}

const char *file_input_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "standard input" : path;
}

bool file_read(const char *path, size_t limit, char **data, size_t *n, struct error *err)
{
    *data = NULL;
    *n = 0;
    /* Without O_NONBLOCK, opening a FIFO waits for a writer, which may never come. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return error_user(err, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int saved = errno;
        close(fd);
        return error_user(err, "%s: %s", path, strerror(saved));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return error_user(err, "%s is not a regular file (%s)", path, kind_of(st.st_mode));
    }
    if ((unsigned long long)st.st_size > limit) {
        close(fd);
        return too_large(path, (double)st.st_size, limit, false, err);
    }
    size_t size = (size_t)st.st_size;
    char *buf = malloc(size + 1);
    if (!buf) {
        close(fd);
        return error_internal(err, "out of memory reading %s", path);
    }
    size_t got = 0;
    while (got < size) {
        ssize_t r = read(fd, buf + got, size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    int saved = errno;
    close(fd);
    if (got < size) {
        free(buf);
        return error_user(err, "%s: could not read the whole file (%s)", path,
                          got == 0 && saved ? strerror(saved) : "it shrank while being read");
    }
    buf[size] = '\0';
    *data = buf;
    *n = size;
    return true;
}

/* Reads standard input to its end, refusing more than `limit` bytes. */
static bool read_standard_input(size_t limit, char **data, size_t *n, struct error *err)
{
    const char *name = file_input_name("-");
    size_t cap = 64 * 1024;
    size_t got = 0;
    char *buf = malloc(cap + 1);
    bool ok = false;
    if (!buf) {
        error_internal(err, "out of memory reading %s", name);
        goto cleanup;
    }
    for (;;) {
        if (got == cap) {
            if (cap > limit) {
                too_large(name, (double)limit, limit, true, err);
                goto cleanup;
            }
            size_t bigger = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
            char *grown = realloc(buf, bigger + 1);
            if (!grown) {
                error_internal(err, "out of memory reading %s", name);
                goto cleanup;
            }
            buf = grown;
            cap = bigger;
        }
        ssize_t r = read(STDIN_FILENO, buf + got, cap - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            error_user(err, "could not read %s: %s", name, strerror(errno));
            goto cleanup;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    if (got > limit) {
        too_large(name, (double)limit, limit, true, err);
        goto cleanup;
    }
    buf[got] = '\0';
    *data = buf;
    *n = got;
    buf = NULL;
    ok = true;
cleanup:
    free(buf);
    return ok;
}

bool file_read_input(const char *path, size_t limit, char **data, size_t *n, struct error *err)
{
    if (strcmp(path, "-") != 0)
        return file_read(path, limit, data, n, err);
    *data = NULL;
    *n = 0;
    return read_standard_input(limit, data, n, err);
}

/* How many pairs of bytes at the start of the data the UTF-16 check looks at. */
#define UTF16_PAIRS 256

const char *file_utf16_encoding(const char *data, size_t n)
{
    if (n >= 2 && data[0] == '\xFF' && data[1] == '\xFE')
        return "UTF-16";
    if (n >= 2 && data[0] == '\xFE' && data[1] == '\xFF')
        return "UTF-16";
    /* Latin-script text in UTF-16 has a NUL in nearly every pair of bytes: the second of each
     * in little-endian order, the first in big-endian. */
    size_t pairs = n / 2 < UTF16_PAIRS ? n / 2 : UTF16_PAIRS;
    if (pairs < 2)
        return NULL;
    size_t little = 0, big = 0;
    for (size_t i = 0; i < pairs; i++) {
        char first = data[2 * i], second = data[2 * i + 1];
        little += first != '\0' && second == '\0';
        big += first == '\0' && second != '\0';
    }
    if (little * 4 >= pairs * 3)
        return "UTF-16LE";
    if (big * 4 >= pairs * 3)
        return "UTF-16BE";
    return NULL;
}

bool file_refuse_utf16(const char *data, size_t n, const char *name, struct error *err)
{
    const char *encoding = file_utf16_encoding(data, n);
    if (!encoding)
        return true;
    return error_user(err,
                      "%s is UTF-16 text; margin reads UTF-8, so save it as UTF-8 (iconv -f %s -t "
                      "UTF-8 converts it)",
                      name, encoding);
}

/* What a path names before an output is written to it. */
enum output_kind {
    OUTPUT_NEW,     /* nothing yet: a file is created */
    OUTPUT_FILE,    /* a regular file, replaced whole */
    OUTPUT_IN_PLACE /* a character device or a FIFO, written to as it is */
};

/* The first bytes of every SQLite database, and of a hot rollback journal. */
static const unsigned char sqlite_magic[16] = "SQLite format 3";
static const unsigned char journal_magic[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};

/* Refuses to replace a regular file that is a project, another SQLite database or a hot
 * journal: an export aimed at one by mistake would destroy work that lives nowhere else. */
static bool check_not_database(const char *path, const char *target, struct error *err)
{
    int fd = open(target ? target : path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return true; /* unreadable: the write will say why, or succeed on a file it may replace */
    unsigned char head[100];
    ssize_t got = pread(fd, head, sizeof head, 0);
    close(fd);
    const char *what = NULL;
    if (got >= (ssize_t)sizeof sqlite_magic && memcmp(head, sqlite_magic, sizeof sqlite_magic) == 0)
        what = got >= 72 && memcmp(head + 68, "MRGN", 4) == 0 ? "a margin project"
                                                              : "an SQLite database";
    else if (got >= (ssize_t)sizeof journal_magic &&
             memcmp(head, journal_magic, sizeof journal_magic) == 0)
        what = "a project's rollback journal, which holds changes not yet saved";
    if (!what)
        return true;
    if (target)
        return error_user(err,
                          "%s is a link to %s, %s; margin does not write an export over it "
                          "(choose another file name)",
                          path, target, what);
    return error_user(err,
                      "%s is %s; margin does not write an export over it (choose another "
                      "file name)",
                      path, what);
}

/* Looks at what `path` names, following a symbolic link to the file it points to: sets *kind
 * and, for a link, *target to the path written (the caller frees it). Refuses folders, block
 * devices, sockets, links to nothing, and files that hold a project's data. */
static bool examine_output(const char *path, enum output_kind *kind, char **target,
                           struct error *err)
{
    struct stat st;
    *target = NULL;
    if (lstat(path, &st) != 0) {
        if (errno != ENOENT)
            return error_user(err, "cannot write %s: %s", path, strerror(errno));
        *kind = OUTPUT_NEW;
        return true;
    }
    if (S_ISLNK(st.st_mode)) {
        /* A link is followed: the file it points to is replaced and the link stays a link. */
        if (!(*target = realpath(path, NULL))) {
            char link[256];
            ssize_t n = readlink(path, link, sizeof link - 1);
            link[n > 0 ? n : 0] = '\0';
            return error_user(err,
                              "%s is a symbolic link to %s, which cannot be reached (%s); "
                              "margin follows links only to files that exist",
                              path, link, strerror(errno));
        }
        if (stat(*target, &st) != 0) {
            int saved = errno;
            free(*target);
            *target = NULL;
            return error_user(err, "cannot write %s: %s", path, strerror(saved));
        }
    }
    const char *what = S_ISDIR(st.st_mode)    ? "a folder"
                       : S_ISBLK(st.st_mode)  ? "a block device"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                                              : NULL;
    if (what) {
        free(*target);
        *target = NULL;
        return error_user(err, "%s is %s; margin writes to files, character devices and FIFOs",
                          path, what);
    }
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
        *kind = OUTPUT_IN_PLACE;
        return true;
    }
    *kind = OUTPUT_FILE;
    if (!check_not_database(path, *target, err)) {
        free(*target);
        *target = NULL;
        return false;
    }
    return true;
}

bool file_output_open(struct file_output *out, const char *path, struct error *err)
{
    memset(out, 0, sizeof *out);
    if (strcmp(path, "-") == 0) {
        out->stream = stdout;
        return true;
    }
    enum output_kind kind = OUTPUT_NEW;
    char *target;
    if (!examine_output(path, &kind, &target, err))
        return false;
    if (!(out->path = strdup(path))) {
        free(target);
        return error_internal(err, "out of memory");
    }
    if (kind == OUTPUT_IN_PLACE) {
        free(target);
        /* O_NONBLOCK lets a FIFO nobody reads fail at once instead of waiting for a reader. */
        int fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        int saved = errno;
        if (fd >= 0 && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) == 0 &&
            (out->stream = fdopen(fd, "w"))) {
            out->in_place = true;
            return true;
        }
        if (fd >= 0) {
            saved = errno;
            close(fd);
        }
        if (saved == ENXIO)
            error_user(err, "nothing is reading from %s (a FIFO)", path);
        else
            error_user(err, "cannot write %s: %s", path, strerror(saved));
        file_output_abort(out);
        return false;
    }
    struct strbuf temp = STRBUF_INIT;
    bool named = strbuf_printf(&temp, "%s.tmp-%ld", target ? target : path, (long)getpid());
    if (target) {
        free(out->path);
        out->path = target;
    }
    if (!named) {
        strbuf_finish(&temp);
        file_output_abort(out);
        return error_internal(err, "out of memory");
    }
    out->temp = strbuf_detach(&temp);
    int fd = open(out->temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || !(out->stream = fdopen(fd, "w"))) {
        int saved = errno;
        if (fd >= 0)
            close(fd);
        error_user(err, "cannot write %s: %s", path, strerror(saved));
        file_output_abort(out);
        return false;
    }
    return true;
}

bool file_output_failed(struct file_output *out, int cause, struct error *err)
{
    if (out->temp)
        error_user(err, "could not write %s: %s; the file was left as it was", out->path,
                   strerror(cause));
    else if (out->in_place)
        error_user(err, "could not write %s: %s", out->path, strerror(cause));
    else
        error_user(err, "could not write to standard output: %s", strerror(cause));
    file_output_abort(out);
    return false;
}

bool file_output_commit(struct file_output *out, struct error *err)
{
    if (!out->temp && !out->in_place) {
        if (fflush(out->stream) != 0 || ferror(out->stream))
            return file_output_failed(out, errno, err);
        return true;
    }
    bool ok = fflush(out->stream) == 0 && !ferror(out->stream) &&
              (out->in_place || fsync(fileno(out->stream)) == 0);
    int saved = errno;
    if (fclose(out->stream) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    out->stream = NULL;
    if (ok && out->temp && rename(out->temp, out->path) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok)
        return file_output_failed(out, saved, err);
    free(out->temp);
    free(out->path);
    memset(out, 0, sizeof *out);
    return true;
}

void file_output_abort(struct file_output *out)
{
    if (out->stream && out->stream != stdout)
        fclose(out->stream);
    if (out->temp)
        unlink(out->temp);
    free(out->temp);
    free(out->path);
    memset(out, 0, sizeof *out);
}
