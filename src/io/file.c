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

bool file_read(const char *path, size_t limit, char **data, size_t *n, struct error *err)
{
    *data = NULL;
    *n = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return error_user(err, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return error_user(err, "%s is not a regular file", path);
    }
    if ((unsigned long long)st.st_size > limit) {
        char have[32], most[32];
        describe_size((double)st.st_size, have, sizeof have);
        describe_size((double)limit, most, sizeof most);
        close(fd);
        return error_user(err, "%s is %s; margin reads files of up to %s", path, have, most);
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

bool file_output_open(struct file_output *out, const char *path, struct error *err)
{
    memset(out, 0, sizeof *out);
    if (strcmp(path, "-") == 0) {
        out->stream = stdout;
        return true;
    }
    struct strbuf temp = STRBUF_INIT;
    if (!(out->path = strdup(path)) || !strbuf_printf(&temp, "%s.tmp-%ld", path, (long)getpid())) {
        free(out->path);
        out->path = NULL;
        strbuf_finish(&temp);
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

bool file_output_commit(struct file_output *out, struct error *err)
{
    if (!out->temp) {
        if (fflush(out->stream) != 0 || ferror(out->stream))
            return error_user(err, "could not write to standard output: %s", strerror(errno));
        return true;
    }
    bool ok = fflush(out->stream) == 0 && !ferror(out->stream) && fsync(fileno(out->stream)) == 0;
    int saved = errno;
    if (fclose(out->stream) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    out->stream = NULL;
    if (ok && rename(out->temp, out->path) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        error_user(err, "could not write %s: %s; the file was left as it was", out->path,
                   strerror(saved));
        file_output_abort(out);
        return false;
    }
    free(out->temp);
    free(out->path);
    out->temp = NULL;
    out->path = NULL;
    return true;
}

void file_output_abort(struct file_output *out)
{
    if (out->temp) {
        if (out->stream)
            fclose(out->stream);
        unlink(out->temp);
    }
    free(out->temp);
    free(out->path);
    memset(out, 0, sizeof *out);
}
