#!/usr/bin/env python3
"""Recomputes `margin compare` from the exported segments, character by character.

Usage: compare_check.py SEGMENTS.csv SOURCES.txt CODERS [--code N]... [--source S]...
                        [--codes CODES.txt] [--skip-empty]
                        [--json OUT.json] [--csv OUT.csv] [--table OUT.txt]

SEGMENTS.csv is `margin export --segments -`, SOURCES.txt is `margin list PROJECT sources`
(for the lengths) and CODERS is "A,B" or "A,B,C". With CODES.txt (`margin list PROJECT codes`)
every code of the selection has a row and every source a cell, as `margin compare` writes them
by default; with --skip-empty only the codes and cells some coder used, and the codes named. Nothing here uses margin's code: each coder's
coverage of a code in a source is a Python set of character offsets, a code counts the codings
of every code whose number starts with its own (its descendants), and the statistics are the
textbook formulas. Every figure margin wrote is compared with the recomputed one (to 1e-9 for
JSON and CSV, to the printed decimals for the table). Prints one line,
"codes N sources M checked K mismatches 0", and exits 1 on any mismatch.
"""
import csv
import json
import sys

TOLERANCE = 1e-9

mismatches = []
checked = 0


def expect(what, got, want):
    global checked
    checked += 1
    if want is None or got is None:
        ok = got is None and want is None
    elif isinstance(want, float) or isinstance(got, float):
        ok = abs(float(got) - want) <= TOLERANCE
    else:
        ok = got == want
    if not ok:
        mismatches.append(f"{what}: margin {got!r}, expected {want!r}")


def parse_args(argv):
    args = {"code": [], "source": [], "json": None, "csv": None, "table": None, "codes": None,
            "skip-empty": False}
    positional = []
    i = 0
    while i < len(argv):
        if argv[i] == "--skip-empty":
            args["skip-empty"] = True
            i += 1
        elif argv[i].startswith("--"):
            key = argv[i][2:]
            if isinstance(args[key], list):
                args[key].append(argv[i + 1])
            else:
                args[key] = argv[i + 1]
            i += 2
        else:
            positional.append(argv[i])
            i += 1
    args["segments"], args["sources"], args["coders"] = positional
    args["coders"] = args["coders"].split(",")
    return args


def normalise(number):
    return ".".join(f"{int(p):02d}" for p in number.split("."))


def within(code, ancestor):
    return code == ancestor or code.startswith(ancestor + ".")


def percent(t):
    a, b, c, d = t
    n = a + b + c + d
    return (a + d) / n


def kappa(t):
    a, b, c, d = t
    n = a + b + c + d
    p_o = (a + d) / n
    p_e = ((a + b) * (a + c) + (c + d) * (b + d)) / (n * n)
    return None if p_e == 1 else (p_o - p_e) / (1 - p_e)


def chance(t):
    """Cohen's p_o and p_e of a table."""
    a, b, c, d = t
    n = a + b + c + d
    return (a + d) / n, ((a + b) * (a + c) + (c + d) * (b + d)) / (n * n)


def conger(tables):
    """Conger's kappa, P and P_e from every pair's table: the mean observed agreement of the
    pairs against the mean of their Cohen chance agreements."""
    parts = [chance(t) for t in tables]
    p = sum(o for o, _ in parts) / len(parts)
    p_e = sum(e for _, e in parts) / len(parts)
    if p_e == 1:
        return None, p, p_e
    return (p - p_e) / (1 - p_e), p, p_e


def source_means(per_source, lengths, pair):
    """The mean of kappa over the sources where it is defined, unweighted and by length."""
    kappas = [(kappa(tables[pair]), lengths[s]) for s, tables in per_source.items()]
    kappas = [(k, w) for k, w in kappas if k is not None]
    if not kappas:
        return None, None, 0
    return (sum(k for k, _ in kappas) / len(kappas),
            sum(k * w for k, w in kappas) / sum(w for _, w in kappas), len(kappas))


def positive(t):
    a, b, c, _ = t
    return None if a + b + c == 0 else 2 * a / (2 * a + b + c)


def jaccard(t):
    a, b, c, _ = t
    return None if a + b + c == 0 else a / (a + b + c)


def alpha(units):
    """Krippendorff's alpha for binary values from {(m, k): count}: `count` units, each with m
    values of which k are 1. D_o and D_e as Krippendorff (2011) defines them."""
    n = sum(m * count for (m, k), count in units.items() if m >= 2)
    n1 = sum(k * count for (m, k), count in units.items() if m >= 2)
    n0 = n - n1
    if n < 2 or n1 == 0 or n0 == 0:
        return None, n, None, None
    # Disagreeing ordered pairs within a unit: 2 k (m - k), each weighted 1 / (m - 1).
    d_o = sum(count * 2 * k * (m - k) / (m - 1) for (m, k), count in units.items() if m >= 2) / n
    d_e = 2 * n0 * n1 / (n * (n - 1))
    return 1 - d_o / d_e, n, d_o, d_e


def main():
    args = parse_args(sys.argv[1:])
    coders = args["coders"]
    lengths = {}
    with open(args["sources"], encoding="utf-8") as f:
        for line in list(f)[1:]:
            fields = line.split()
            lengths[fields[0]] = int(fields[-1])
    codings = []
    with open(args["segments"], newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["coder"] in coders:
                codings.append((row["coder"], row["source"], normalise(row["code"]),
                                int(row["start"]), int(row["end"])))
    selection = [normalise(c) for c in args["code"]]

    def selected(code):
        return not selection or any(within(code, s) for s in selection)

    coded_in = {c: {s for (who, s, _, _, _) in codings if who == c} for c in coders}
    eligible = [s for s in sorted(lengths) if all(s in coded_in[c] for c in coders)]
    candidates = args["source"] or sorted(lengths)
    sources = [s for s in sorted(candidates) if s in eligible]
    every = not args["skip-empty"] and args["codes"] is not None
    codebook = []
    if args["codes"]:
        with open(args["codes"], encoding="utf-8") as f:
            codebook = [line.split()[0] for line in list(f)[1:] if line.strip()]
    names = {}
    with open(args["segments"], newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names[normalise(row["code"])] = row["code_name"]

    def covered(coder, source, code, own):
        chars = set()
        for who, s, k, start, end in codings:
            if who == coder and s == source and (k == code if own else within(k, code)):
                chars.update(range(start, end))
        return chars

    def table(x, y, length):
        a = len(x & y)
        b = len(x - y)
        c = len(y - x)
        return (a, b, c, length - a - b - c)

    def add(t, u):
        return tuple(p + q for p, q in zip(t, u))

    def count_units(units, sets, length):
        """Adds each character as a unit of len(sets) values, k of them 1."""
        for ch in range(length):
            k = sum(ch in x for x in sets)
            units[(len(sets), k)] = units.get((len(sets), k), 0) + 1

    used = {k for (_, s, k, _, _) in codings if s in sources and selected(k)}
    rows = set()
    for code in used:
        parts = code.split(".")
        for i in range(1, len(parts) + 1):
            prefix = ".".join(parts[:i])
            if selected(prefix):
                rows.add(prefix)
    rows.update(selection)
    if every:
        rows.update(c for c in codebook if selected(c))
    rows = sorted(rows, key=lambda n: [int(p) for p in n.split(".")])

    pairs = [(i, j) for i in range(len(coders)) for j in range(i + 1, len(coders))]
    want = {}
    for code in rows:
        pooled = {p: (0, 0, 0, 0) for p in pairs}
        per_source = {}
        all_sets = {}
        coded = [0] * len(coders)
        for s in sources:
            sets = [covered(c, s, code, False) for c in coders]
            all_sets[s] = sets
            tables = {(i, j): table(sets[i], sets[j], lengths[s]) for (i, j) in pairs}
            for p in pairs:
                pooled[p] = add(pooled[p], tables[p])
            if any(sets) or every:
                per_source[s] = tables
            for i, x in enumerate(sets):
                coded[i] += len(x)
        want[code] = (pooled, per_source, coded, all_sets)
    # The overall row pools the codes coded directly in any source every coder coded, so that
    # the figures of a source filter are that source's share of the whole project's.
    direct = sorted({k for (_, s, k, _, _) in codings if s in eligible and selected(k)})
    overall = {p: (0, 0, 0, 0) for p in pairs}
    overall_units = {}
    for code in direct:
        for s in sources:
            sets = [covered(c, s, code, True) for c in coders]
            for (i, j) in pairs:
                overall[(i, j)] = add(overall[(i, j)], table(sets[i], sets[j], lengths[s]))
            if len(coders) > 2:
                count_units(overall_units, sets, lengths[s])

    def check_table_figures(where, got, t):
        for key in ("a", "b", "c", "d"):
            expect(f"{where} {key}", got[key], t["abcd".index(key)])
        for key, f in (("percent_agreement", percent), ("kappa", kappa),
                       ("positive_agreement", positive), ("jaccard", jaccard)):
            value = f(t)
            expect(f"{where} {key}", got[key], value)
            if value is None:
                expect(f"{where} {key}_reason", got.get(key + "_reason"),
                       "neither coder used the code")
        p_o, p_e = chance(t)
        expect(f"{where} kappa_p_o", got["kappa_p_o"], p_o)
        expect(f"{where} kappa_p_e", got["kappa_p_e"], p_e)
        if "kappa_nvivo" in got:
            value = kappa(t)
            expect(f"{where} kappa_nvivo", got["kappa_nvivo"], 1.0 if value is None else value)

    if args["json"]:
        with open(args["json"], encoding="utf-8") as f:
            data = json.load(f)
        expect("unit", data["unit"], "characters")
        expect("n", data["n"], sum(lengths[s] for s in sources))
        expect("coders", data["coders"], coders)
        expect("sources", [s["source"] for s in data["sources"]], sources)
        expect("excluded", sorted(s["source"] for s in data["excluded_sources"]),
               sorted(set(lengths) - set(sources)))
        expect("codes", [c["code"] for c in data["codes"]], rows)
        for entry in data["codes"]:
            code = entry["code"]
            if code not in want:
                continue
            pooled, per_source, coded, all_sets = want[code]
            expect(f"{code} name", entry["name"], names.get(code, entry["name"]))
            got = entry["pooled"]
            expect(f"{code} length", got["length"], sum(lengths[s] for s in sources))
            if len(coders) == 2:
                check_table_figures(f"{code} pooled", got, pooled[(0, 1)])
                expect(f"{code} sources", [s["source"] for s in entry["sources"]],
                       sorted(per_source))
                for cell in entry["sources"]:
                    check_table_figures(f"{code} {cell['source']}", cell,
                                        per_source[cell["source"]][(0, 1)])
            else:
                expect(f"{code} coded", [got["coded"][c] for c in coders], coded)
                for pair in got["pairs"]:
                    i, j = coders.index(pair["coders"][0]), coders.index(pair["coders"][1])
                    check_table_figures(f"{code} {i}-{j}", pair, pooled[(i, j)])
                value, p, p_e = conger([pooled[q] for q in pairs])
                if not any(coded):
                    value = None
                expect(f"{code} conger", got["conger_kappa"]["value"], value)
                expect(f"{code} conger P", got["conger_kappa"]["P"], p)
                expect(f"{code} conger P_e", got["conger_kappa"]["P_e"], p_e)
            expect(f"{code} source means", len(entry["kappa_source_means"]), len(pairs))
            for means in entry["kappa_source_means"]:
                i, j = coders.index(means["coders"][0]), coders.index(means["coders"][1])
                plain, weighted, n = source_means(per_source, lengths, (i, j))
                expect(f"{code} {i}-{j} mean", means["unweighted"]["value"], plain)
                expect(f"{code} {i}-{j} weighted mean", means["weighted_by_length"]["value"],
                       weighted)
                expect(f"{code} {i}-{j} means n", means["unweighted"]["n"], n)
            if "alpha" in got:
                units = {}
                for s in sources:
                    count_units(units, all_sets[s], lengths[s])
                value, n, d_o, d_e = alpha(units)
                expect(f"{code} alpha", got["alpha"]["value"], value)
                expect(f"{code} alpha n", got["alpha"]["n"], n)
                if value is not None:
                    expect(f"{code} alpha D_o", got["alpha"]["D_o"], d_o)
                    expect(f"{code} alpha D_e", got["alpha"]["D_e"], d_e)
        got = data["overall"]
        expect("overall codes", got["codes"], len(direct))
        expect("overall length", got["length"], len(direct) * sum(lengths[s] for s in sources))
        if len(coders) == 2:
            check_table_figures("overall", got, overall[(0, 1)])
        else:
            value = alpha(overall_units)[0]
            expect("overall alpha", got["alpha"]["value"], value)
            value, p, p_e = conger([overall[q] for q in pairs])
            expect("overall conger", got["conger_kappa"]["value"], value)
            expect("overall conger P_e", got["conger_kappa"]["P_e"], p_e)

    if args["csv"]:
        with open(args["csv"], newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            for column in ("code", "name", "source", "length", "a", "b", "c", "d",
                           "percent_agreement", "kappa", "kappa_reason", "positive_agreement",
                           "jaccard"):
                expect(f"csv column {column}", column in reader.fieldnames, True)
            seen = 0
            for row in reader:
                i, j = coders.index(row["coder_1"]), coders.index(row["coder_2"])
                if row["code"] == "(overall)":
                    t = overall[(i, j)]
                elif row["source"] == "(pooled)":
                    t = want[row["code"]][0][(i, j)]
                else:
                    t = want[row["code"]][1][row["source"]][(i, j)]
                where = f"csv {row['code']} {row['source']}"
                expect(f"{where} length", int(row["length"]), sum(t))
                expect(f"{where} abcd", tuple(int(row[k]) for k in "abcd"), t)
                for key, f in (("percent_agreement", percent), ("kappa", kappa),
                               ("positive_agreement", positive), ("jaccard", jaccard)):
                    value = f(t)
                    expect(f"{where} {key}", None if row[key] == "" else float(row[key]), value)
                means = (None, None, None)
                if row["source"] == "(pooled)" and row["code"] != "(overall)":
                    means = source_means(want[row["code"]][1], lengths, (i, j))
                for key, value in zip(("kappa_source_mean", "kappa_source_mean_weighted",
                                       "kappa_source_mean_n"), means):
                    cell = row[key]
                    expect(f"{where} {key}", None if cell == "" else float(cell),
                           None if value is None else float(value))
                seen += 1
            expect("csv rows", seen, len(pairs) * (1 + sum(1 + len(want[c][1]) for c in rows)))

    if args["table"]:
        with open(args["table"], encoding="utf-8") as f:
            lines = f.read().splitlines()
        expect("table width", max(len(line) for line in lines) <= 80, True)
        expect("table unit", lines[0],
               f"unit: characters; n = {sum(lengths[s] for s in sources)} characters in "
               f"{len(sources)} source{'s' if len(sources) != 1 else ''}")

        def shown(value):
            return "n/a" if value is None else f"{value:.3f}"

        found = 0
        for line in lines:
            fields = line.split()
            if not fields or (fields[0] not in want and fields[0] != "overall"):
                continue
            t = overall[(0, 1)] if fields[0] == "overall" else want[fields[0]][0][(0, 1)]
            a, b, c, _ = t
            expected = [str(a + b), str(a + c), str(a),
                        "n/a" if percent(t) is None else f"{100 * percent(t):.1f}%",
                        shown(kappa(t)), shown(positive(t))]
            expect(f"table {fields[0]}", fields[-6:], expected)
            found += 1
        expect("table rows", found, len(rows) + 1)

    print(f"codes {len(rows)} sources {len(sources)} checked {checked} "
          f"mismatches {len(mismatches)}")
    for m in mismatches[:20]:
        print("#", m)
    sys.exit(1 if mismatches else 0)


main()
