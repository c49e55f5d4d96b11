#!/usr/bin/env python3
"""Krippendorff's unitizing alphas computed directly from their definitions, character by
character, to check `margin compare --unitizing`.

Usage: unitizing_check.py example
       unitizing_check.py random SEED CODINGS.csv SOURCES.csv
       unitizing_check.py compare SEED OUT.json

`example` prints the 2004 uα of Krippendorff's worked example (Content Analysis, 2nd ed.,
pp. 251-256: published 0.7286 for c, 1 for k), as a check of this script itself.
`random` writes random codings of two coders at the codes 07.01.01 to 07.01.03 (the values of
the domain 07.01) in two sources, as `margin codings import` and `margin import` take them:
within a coder no two units of different values meet, and some units are written as two
touching codings, which a coder's reading joins. `compare` recomputes every figure margin
(Cuα, over the one domain 07.01, being its cuα)
wrote for the same seed and prints "checked N mismatches 0", exiting 1 on any mismatch.

The formulas, for m coders over a continuum of L characters cut into sources (a unit or a gap
never crosses a source's end):
  2004: D_o = 2 / (m (m-1) L^2) sum over pairs of coders of the overlapping sections g, h:
        (b_g - b_h)^2 + (e_g - e_h)^2 for two units, l_g^2 for a unit within a gap;
        D_e = 2/L sum over units g [(N - 1)(2 l^3 - 3 l^2 + l) / 3 + l^2 sum over gaps h with
        l_h >= l of (l_h - l + 1)] / [m L (m L - 1) - sum over units l (l - 1)]; uα = 1 - D_o/D_e.
  2016: per character, each coder's value (a value, or the gap φ); l_ck the coincidences over
        ordered pairs of coders divided by m - 1; S_c the sum of squared unit lengths (for φ the
        gaps' total length); e_cc = l.. (l_c.^2 - S_c) / (l..^2 - sum S);
        uα = 1 - (l.. - sum l_cc) / (l.. - sum e_cc); |uα with every value as one;
        cuα over values only, S*_c the squared lengths of the parts of each unit that the other
        coder's units cover; (k)uα = 1 - (e*_k. / l*_k.)(l*_k. - l*_kk) / (e*_k. - e*_kk).
"""
import json
import random
import sys

TOLERANCE = 1e-9
LENGTHS = {"u1": 120, "u2": 80}
VALUES = ["07.01.01", "07.01.02", "07.01.03"]


def random_units(rng):
    """{coder: {source: [(start, end, value)]}}, units apart from each other."""
    data = {}
    for coder in ("A", "B"):
        data[coder] = {}
        for source, length in LENGTHS.items():
            units = []
            at = rng.randrange(0, 6)
            while True:
                size = rng.randrange(1, 18)
                if at + size > length:
                    break
                units.append((at, at + size, rng.randrange(len(VALUES))))
                at += size + rng.randrange(1, 12)
            data[coder][source] = units
    return data


def sections(units, length):
    """Units and the gaps between them: (start, end, value or None)."""
    out = []
    at = 0
    for start, end, value in sorted(units):
        if start > at:
            out.append((at, start, None))
        out.append((start, end, value))
        at = end
    if at < length:
        out.append((at, length, None))
    return out


def alpha_2004(data, value):
    coders = sorted(data)
    m = len(coders)
    total = sum(LENGTHS.values())
    observed = 0.0
    unit_lengths = []
    gap_lengths = []
    for source, length in LENGTHS.items():
        secs = {}
        for c in coders:
            own = [(s, e, 1) for s, e, v in data[c][source] if v == value]
            secs[c] = sections(own, length)
            unit_lengths += [e - s for s, e, v in secs[c] if v is not None]
            gap_lengths += [e - s for s, e, v in secs[c] if v is None]
        for i in range(m):
            for j in range(i + 1, m):
                for g in secs[coders[i]]:
                    for h in secs[coders[j]]:
                        if g[0] >= h[1] or h[0] >= g[1]:
                            continue
                        if g[2] and h[2]:
                            observed += (g[0] - h[0]) ** 2 + (g[1] - h[1]) ** 2
                        elif g[2] and h[0] <= g[0] and g[1] <= h[1]:
                            observed += (g[1] - g[0]) ** 2
                        elif h[2] and g[0] <= h[0] and h[1] <= g[1]:
                            observed += (h[1] - h[0]) ** 2
    if not unit_lengths:
        return None, 0, 0
    d_o = 2 * observed / (m * (m - 1) * total * total)
    n = len(unit_lengths)
    top = 0.0
    for lg in unit_lengths:
        top += (n - 1) * (2 * lg ** 3 - 3 * lg ** 2 + lg) / 3
        top += lg * lg * sum(lh - lg + 1 for lh in gap_lengths if lh >= lg)
    bottom = m * total * (m * total - 1) - sum(lg * (lg - 1) for lg in unit_lengths)
    d_e = 2 / total * top / bottom
    return 1 - d_o / d_e, d_o, d_e


def per_character(data, view):
    """For each source, each coder's value per character under `view` (value -> label or None
    for gap), and the units' (label, length) after joining touching units of one label."""
    coders = sorted(data)
    chars = {}
    units = {c: [] for c in coders}
    for source, length in LENGTHS.items():
        for c in coders:
            row = [None] * length
            for s, e, v in data[c][source]:
                if view(v) is not None:
                    for p in range(s, e):
                        row[p] = view(v)
            chars[(source, c)] = row
            p = 0
            while p < length:
                q = p
                while q < length and row[q] == row[p]:
                    q += 1
                if row[p] is not None:
                    units[c].append((source, p, q, row[p]))
                p = q
    return chars, units


def alpha_2016(data, view):
    coders = sorted(data)
    m = len(coders)
    chars, units = per_character(data, view)
    coinc = {}
    for source, length in LENGTHS.items():
        for i in coders:
            for j in coders:
                if i == j:
                    continue
                for p in range(length):
                    key = (chars[(source, i)][p], chars[(source, j)][p])
                    coinc[key] = coinc.get(key, 0) + 1 / (m - 1)
    labels = {k[0] for k in coinc} | {k[1] for k in coinc}
    total = sum(coinc.values())
    row = {c: sum(v for k, v in coinc.items() if k[0] == c) for c in labels}
    squares = {c: 0 for c in labels}
    for c in coders:
        for _, s, e, label in units[c]:
            squares[label] += (e - s) ** 2
    squares[None] = sum(1 for key, row_ in chars.items() for x in row_ if x is None)
    denominator = total * total - sum(squares.values())
    expected = {c: total * (row[c] ** 2 - squares[c]) / denominator for c in labels}
    observed_off = total - sum(coinc.get((c, c), 0) for c in labels)
    expected_off = total - sum(expected.values())
    return 1 - observed_off / expected_off


def coding_alphas(data):
    """cuα and each value's (k)uα, two coders."""
    coders = sorted(data)
    chars, units = per_character(data, lambda v: v)
    star = {}
    for source, length in LENGTHS.items():
        for i in coders:
            for j in coders:
                if i == j:
                    continue
                for p in range(length):
                    a, b = chars[(source, i)][p], chars[(source, j)][p]
                    if a is not None and b is not None:
                        star[(a, b)] = star.get((a, b), 0) + 1
    labels = sorted({k[0] for k in star} | {k[1] for k in star})
    total = sum(star.values())
    row = {c: sum(v for k, v in star.items() if k[0] == c) for c in labels}
    squares = {c: 0 for c in labels}
    for i in coders:
        other = [j for j in coders if j != i][0]
        for source, s, e, label in units[i]:
            inside = sum(1 for p in range(s, e) if chars[(source, other)][p] is not None)
            if label in squares:
                squares[label] += inside ** 2
    denominator = total * total - sum(squares.values())

    def e(c, k):
        return total * (row[c] * row[k] - (squares[c] if c == k else 0)) / denominator

    cu = 1 - (total - sum(star.get((c, c), 0) for c in labels)) / \
        (total - sum(e(c, c) for c in labels))
    per_value = {}
    for k in labels:
        e_row = sum(e(k, c) for c in labels)
        per_value[k] = 1 - (e_row / row[k]) * (row[k] - star.get((k, k), 0)) / \
            (e_row - e(k, k))
    return cu, per_value


mismatches = []
checked = 0


def expect(what, got, want):
    global checked
    checked += 1
    if got is None or want is None:
        ok = got is None and want is None
    else:
        ok = abs(got - want) <= TOLERANCE
    if not ok:
        mismatches.append(f"{what}: margin {got!r}, expected {want!r}")


def main():
    mode = sys.argv[1]
    if mode == "example":
        LENGTHS.clear()
        LENGTHS["x"] = 300
        data = {"i": {"x": [(75, 145, 0), (220, 250, 0), (30, 90, 1), (150, 200, 1)]},
                "j": {"x": [(70, 150, 0), (205, 225, 0), (250, 270, 0), (30, 90, 1),
                            (150, 200, 1)]}}
        c, _, _ = alpha_2004(data, 0)
        k, _, _ = alpha_2004(data, 1)
        print(f"{c:.4f} {k:.4f}")
        return
    rng = random.Random(int(sys.argv[2]))
    data = random_units(rng)
    if mode == "random":
        with open(sys.argv[3], "w", encoding="utf-8") as f:
            f.write("coder,source,code,start,end\n")
            for coder, by_source in data.items():
                for source, units in by_source.items():
                    for s, e, v in units:
                        if e - s >= 2 and rng.random() < 0.3:
                            cut = rng.randrange(s + 1, e)
                            f.write(f"{coder},{source},{VALUES[v]},{s},{cut}\n")
                            f.write(f"{coder},{source},{VALUES[v]},{cut},{e}\n")
                        else:
                            f.write(f"{coder},{source},{VALUES[v]},{s},{e}\n")
        with open(sys.argv[4], "w", encoding="utf-8") as f:
            for source, length in LENGTHS.items():
                f.write(f"{source} {length}\n")
        return
    with open(sys.argv[3], encoding="utf-8") as f:
        result = json.load(f)
    codes = {c["code"]: c for c in result["codes"]}
    for v, number in enumerate(VALUES):
        got = codes[number]
        expect(f"{number} u_alpha_2004", got["u_alpha_2004"]["value"], alpha_2004(data, v)[0])
        expect(f"{number} binary_u_alpha", got["binary_u_alpha"]["value"],
               alpha_2016(data, lambda x, v=v: 1 if x == v else None))
    # The parent 07.01 covers its sub-codes: one value, all of them.
    expect("07.01 u_alpha_2004", codes["07.01"]["u_alpha_2004"]["value"],
           alpha_2004({c: {s: [(a, b, 0) for a, b, _ in u] for s, u in by.items()}
                       for c, by in data.items()}, 0)[0])
    domain = [d for d in result["domains"] if d["code"] == "07.01"][0]
    expect("domain u_alpha", domain["u_alpha"]["value"], alpha_2016(data, lambda x: x))
    expect("domain binary_u_alpha", domain["binary_u_alpha"]["value"],
           alpha_2016(data, lambda x: 1))
    cu, per_value = coding_alphas(data)
    expect("domain coding_u_alpha", domain["coding_u_alpha"]["value"], cu)
    # Cuα over the domains listed: 07.01 is the only one, so it is 07.01's cuα.
    expect("domains_coding_u_alpha", result["domains_coding_u_alpha"]["value"], cu)
    for entry in domain["values"]:
        v = VALUES.index(entry["code"]) if entry["code"] in VALUES else None
        expect(f"{entry['code']} value_u_alpha", entry["value_u_alpha"]["value"],
               per_value.get(v))
    print(f"checked {checked} mismatches {len(mismatches)}")
    for m in mismatches[:20]:
        print("#", m)
    sys.exit(1 if mismatches else 0)


main()
