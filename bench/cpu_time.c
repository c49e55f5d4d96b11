/* Runs a command and writes what it cost to a file: the processor time it used (user plus
 * system, in microseconds, from getrusage(RUSAGE_CHILDREN)), the wall time it took
 * (microseconds) and its peak resident memory (kilobytes, ru_maxrss).
 *
 *   cpu_time RESULT_FILE COMMAND [ARG...]
 *
 * RESULT_FILE receives one line, "CPU_US WALL_US MAXRSS_KB". This program is small, so the
 * child's peak is the command's own, not that of the process it was forked from. The command keeps
 * this program's standard input, output and error; the exit status is the command's (127 when it
 * cannot be run, 1 when it dies of a signal). Processor time is what the benchmarks compare: unlike
 * wall time it does not count waiting for other programs on a busy machine or for the disk. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long microseconds(struct timeval tv)
{
    return (long long)tv.tv_sec * 1000000 + tv.tv_usec;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: cpu_time RESULT_FILE COMMAND [ARG...]\n", stderr);
        return 2;
    }
    struct timespec t0;
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "cpu_time: cannot start %s: %s\n", argv[2], strerror(errno));
        return 127;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "cpu_time: cannot run %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "cpu_time: %s\n", strerror(errno));
            return 127;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    /* The command is the only child this program waits for. */
    struct rusage usage;
    getrusage(RUSAGE_CHILDREN, &usage);
    long long cpu = microseconds(usage.ru_utime) + microseconds(usage.ru_stime);
    long long wall =
        (long long)(t1.tv_sec - t0.tv_sec) * 1000000 + (t1.tv_nsec - t0.tv_nsec) / 1000;
    FILE *out = fopen(argv[1], "w");
    if (!out || fprintf(out, "%lld %lld %ld\n", cpu, wall, usage.ru_maxrss) < 0 ||
        fclose(out) != 0) {
        fprintf(stderr, "cpu_time: cannot write %s\n", argv[1]);
        return 127;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
