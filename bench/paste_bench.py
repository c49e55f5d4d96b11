#!/usr/bin/env python3
"""Typing into a memo costs the same per key at any length: times the real margin binary in
script mode typing N characters into the memo editor (the screen drawn before every key, as on a
terminal) and prints the processor time per key at each length, and its ratio to the shortest.
It prints figures and never fails on time.

    bench/paste_bench.py [--margin BIN] [--lengths 1000,10000,100000] [--runs 3]

The cost of a key is (time of the script with N characters - time with none) / N, each the
median of alternating runs, in processor time (user plus system) of margin alone."""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cpu_of(argv):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--margin", default=os.path.join(ROOT, "build-bench", "margin"))
    parser.add_argument("--lengths", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    lengths = [int(n) for n in args.lengths.split(",")]
    work = tempfile.mkdtemp(prefix="margin-paste-")
    project = os.path.join(work, "p.margin")
    subprocess.run([os.path.join(ROOT, "scripts", "sample-project"), args.margin, project],
                   check=True)
    scripts = {}
    words = "the board met to talk about the rota and the money, "
    for n in [0] + lengths:
        text = (words * (n // len(words) + 1))[:n]
        path = os.path.join(work, "paste%d.script" % n)
        with open(path, "w", encoding="utf-8") as f:
            f.write('M "%s" <Esc>\nq\n' % text)
        scripts[n] = path
    times = {n: [] for n in scripts}
    for _ in range(args.runs):
        for n, path in scripts.items():
            times[n].append(cpu_of([args.margin, "--script", path, "--size", "24x80", "--coder",
                                    "A", project]))
    base = statistics.median(times[0])
    print("typing into the memo editor, 24x80, processor time per key (median of %d runs)"
          % args.runs)
    first = None
    for n in lengths:
        per_key = (statistics.median(times[n]) - base) / n
        first = first or per_key
        print("%8d characters: %7.1f µs per key, %5.2f× the %d-character figure"
              % (n, per_key * 1e6, per_key / first, lengths[0]))


if __name__ == "__main__":
    sys.exit(main())
