#!/usr/bin/env python3
"""End-to-end figures for `margin source update` and `margin redact` (bench/README.md).

    bench/revise_bench.py MARGIN GEN_CORPUS [--quick] [--work DIR]

update: a 1 MB transcript with 10,000 codings (5,000 each for coders A and B) after 10,000
scattered corrections (1 %: each deletes, inserts or replaces 1 to 5 code points).
redact: 1,000 sources of 30,000 characters with 100 codings each (100,000 in all) and 100
names, each used about 30 times, replaced from a map. --quick: a tenth of the sources.
Prints the wall-clock and processor seconds of the one command measured (setup excluded);
passes or fails on nothing."""
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
codebook = os.path.join(root, "codebooks", "pcn-2020.yaml")


def sh(*args, **kw):
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, **kw).stdout


def timed(*args):
    """Runs a command; returns its wall-clock and processor (user + system) seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    sh(*args)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return f"{wall:.2f} s ({cpu:.2f} s processor)"


def scatter(text, edits, rng):
    """Applies `edits` corrections of 1-5 code points at random places, keeping line ends."""
    chars = list(text)
    for at in sorted(rng.sample(range(len(chars) - 10), edits), reverse=True):
        n = rng.randint(1, 5)
        kind = rng.choice("dir")
        new = [rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(n)]
        if "\n" in chars[at:at + n]:
            continue
        if kind == "d":
            del chars[at:at + n]
        elif kind == "i":
            chars[at:at] = new
        else:
            chars[at:at + n] = new
    return "".join(chars)


def bench_update(margin, gen, work):
    project = os.path.join(work, "update.margin")
    txt = os.path.join(work, "big.txt")
    with open(txt, "wb") as f:
        f.write(sh(gen, "text", "1000000", "7"))
    codings = os.path.join(work, "big.csv")
    with open(codings, "wb") as f:
        f.write(sh(gen, "codings", codebook, txt, "5000", "7"))
    sh(margin, "init", project)
    sh(margin, "codebook", "import", project, codebook)
    sh(margin, "import", project, txt)
    sh(margin, "codings", "import", project, codings)
    text = open(txt, encoding="utf-8").read()
    fixed = os.path.join(work, "fixed.txt")
    with open(fixed, "w", encoding="utf-8") as f:
        f.write(scatter(text, len(text) // 100, random.Random(7)))
    dry = timed(margin, "source", "update", project, "big", fixed, "--dry-run")
    real = timed(margin, "source", "update", project, "big", fixed)
    print(f"update  1 MB, 10,000 codings, 1 % scattered edits: dry run {dry}, update {real}")


def bench_redact(margin, gen, work, sources):
    project = os.path.join(work, "redact.margin")
    rng = random.Random(11)
    names = [f"Quenby{chr(65 + i // 26)}{chr(97 + i % 26)}" for i in range(100)]
    sh(margin, "init", project)
    sh(margin, "codebook", "import", project, codebook)
    base = sh(gen, "text", "30000", "3").decode("utf-8")
    files = []
    for s in range(sources):
        words = base.split(" ")
        for _ in range(3):
            words[rng.randrange(len(words))] = rng.choice(names)
        path = os.path.join(work, f"s{s:04d}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"Source {s}\n" + " ".join(words))
        files.append(path)
    for i in range(0, len(files), 200):
        sh(margin, "import", project, *files[i:i + 200])
    csv_path = os.path.join(work, "codings.csv")
    with open(csv_path, "w", encoding="utf-8") as out:
        out.write("coder,source,code,start,end\n")
        for s in range(sources):
            part = sh(gen, "codings", codebook, files[s], "50", str(s)).decode("utf-8").splitlines()[1:]
            out.write("\n".join(part) + "\n")
    sh(margin, "codings", "import", project, csv_path)
    mapping = os.path.join(work, "map.csv")
    with open(mapping, "w", encoding="utf-8") as f:
        f.write("original,replacement\n" + "".join(f"{n},[P{i:03d}]\n" for i, n in enumerate(names)))
    real = timed(margin, "redact", project, "--map", mapping)
    print(f"redact  {sources} sources of 30,000 characters, {sources * 100} codings, 100 names: {real}")


def main():
    args = sys.argv[1:]
    quick = "--quick" in args
    work = args[args.index("--work") + 1] if "--work" in args else None
    margin, gen = [a for a in args if not a.startswith("--") and a != work][:2]
    with tempfile.TemporaryDirectory() as tmp:
        work = work or tmp
        os.makedirs(work, exist_ok=True)
        bench_update(margin, gen, work)
        bench_redact(margin, gen, work, 100 if quick else 1000)


main()
