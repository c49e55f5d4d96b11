#!/usr/bin/env python3
"""Recomputes the bootstrap of Cohen's kappa that margin reports, from the ratings file.

Usage: bootstrap_check.py RATINGS.csv RESAMPLES SEED LEVEL OUT.json [pooled|code=NUMBER]

The generator is xoshiro256** seeded by splitmix64 (Blackman and Vigna), a number below n drawn
by Lemire's multiply-and-reject method, as margin's documentation of its bootstrap says; each
resample draws as many units (with replacement, by index among the units both coders valued)
as there are, and computes Cohen's kappa (N agreed - sum n1k n2k) / (N^2 - sum n1k n2k),
leaving out a resample whose chance agreement is total. The interval is KALPHA's: of the X
sorted figures (ranks in exact arithmetic) the floor((1 - level) / 2 X)-th and the (floor((1 + level) / 2 X) + 1)-th.
With `pooled`, OUT.json is `margin compare --unit` output (the bootstrap is in "pooled"; with
`code=NUMBER`, in that code's entry of "codes"),
otherwise `margin agreement --format json`. Prints "count X lower L upper U" and exits 1 when
margin's figures differ.
"""
import csv
import json
import math
import sys
from fractions import Fraction

MASK = (1 << 64) - 1


class Rng:
    def __init__(self, seed):
        x = seed
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & MASK
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(z ^ (z >> 31))

    def next(self):
        s = self.s

        def rotl(x, k):
            return ((x << k) | (x >> (64 - k))) & MASK

        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def below(self, n):
        m = self.next() * n
        low = m & MASK
        if low < n:
            threshold = ((1 << 64) - n) % n
            while low < threshold:
                m = self.next() * n
                low = m & MASK
        return m >> 64


def main():
    path, resamples, seed, level, result = sys.argv[1:6]
    resamples, seed, level = int(resamples), int(seed), Fraction(level)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    units = [(r[0].strip(), r[1].strip()) for r in rows if r[0].strip() and r[1].strip()]
    n = len(units)
    rng = Rng(seed)
    values = []
    for _ in range(resamples):
        first, second, agreed = {}, {}, 0
        for _ in range(n):
            a, b = units[rng.below(n)]
            first[a] = first.get(a, 0) + 1
            second[b] = second.get(b, 0) + 1
            agreed += a == b
        chance = sum(first[k] * second.get(k, 0) for k in first)
        if chance != n * n:
            values.append((n * agreed - chance) / (n * n - chance))
    values.sort()
    x = len(values)
    lo = min(max(math.floor((1 - level) / 2 * x), 1), x)
    hi = min(max(math.floor((1 + level) / 2 * x) + 1, 1), x)
    with open(result, encoding="utf-8") as f:
        data = json.load(f)
    if len(sys.argv) > 6 and sys.argv[6].startswith("code="):
        data = next(c for c in data["codes"] if c["code"] == sys.argv[6][5:])
    elif len(sys.argv) > 6:
        data = data["pooled"]
    got = data["bootstrap"]["cohen_kappa"]
    ok = (got["count"] == x and got["draws"] == n and abs(got["lower"] - values[lo - 1]) < 1e-12
          and abs(got["upper"] - values[hi - 1]) < 1e-12)
    print(f"count {x} lower {values[lo - 1]:.6f} upper {values[hi - 1]:.6f}")
    if not ok:
        print(f"# margin: {got}")
    sys.exit(0 if ok else 1)


main()
