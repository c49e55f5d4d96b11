#!/usr/bin/env python3
"""Recomputes `margin compare --unit` from the project file, read with Python's sqlite3.

Usage: units_check.py PROJECT.margin CODERS turn|paragraph COVER OUT.json [--code N]...
                      [--ratings RATINGS.csv]

CODERS is "A,B" or "A,B,C"; COVER a percent (0: any character). Nothing here uses margin's code:
turns are the stored turns' bodies [body, end); a paragraph is a run of lines that are not blank
(only spaces and tabs), from its first character that is not a space or tab to the end of its
last line. A coder codes a unit at a code when the characters of the unit that the coder's
codings with the code or a code beneath it cover (a Python set) are at least COVER percent of
it. The figures are the textbook formulas: Cohen (1960), Scott (1955), Fleiss (1971), Conger
(1980), Krippendorff's alpha (2011, nominal) and Brennan and Prediger (1981) with q = 2.
With --ratings, the ratings CSV margin wrote must hold the pooled table row for row.
Prints "units N codes M checked K mismatches 0" and exits 1 on any mismatch.
"""
import csv
import json
import sqlite3
import sys
from collections import Counter

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


def paragraphs(text):
    units = []
    lines = []
    at = 0
    for line in text.split("\n"):
        lines.append((at, line))
        at += len(line) + 1
    current = None
    for start, line in lines:
        if line.strip(" \t") == "":
            if current:
                units.append(current)
            current = None
            continue
        if current is None:
            current = [start + len(line) - len(line.lstrip(" \t")), start + len(line)]
        else:
            current[1] = start + len(line)
    if current:
        units.append(current)
    return [tuple(u) for u in units]


def figures(table, m):
    """table: list of units, each a tuple of m values 0/1."""
    n = len(table)
    out = {}
    if n == 0:
        return {k: None for k in ("percent_agreement", "cohen_kappa", "scott_pi",
                                  "fleiss_kappa", "conger_kappa", "alpha", "brennan_prediger")}
    out["percent_agreement"] = sum(len(set(u)) == 1 for u in table) / n
    # Share of agreeing pairs of values per unit, averaged: Fleiss' P.
    pairs = m * (m - 1)
    p_bar = sum(sum(c * (c - 1) for c in Counter(u).values()) / pairs for u in table) / n
    share = {v: sum(u.count(v) for u in table) / (n * m) for v in (0, 1)}
    fleiss_pe = sum(p * p for p in share.values())
    out["fleiss_kappa"] = None if fleiss_pe == 1 else (p_bar - fleiss_pe) / (1 - fleiss_pe)
    by_coder = [{v: sum(u[i] == v for u in table) / n for v in (0, 1)} for i in range(m)]
    coder_pairs = [(i, j) for i in range(m) for j in range(i + 1, m)]
    conger_pe = sum(sum(by_coder[i][v] * by_coder[j][v] for v in (0, 1))
                    for i, j in coder_pairs) / len(coder_pairs)
    out["conger_kappa"] = None if conger_pe == 1 else (p_bar - conger_pe) / (1 - conger_pe)
    if m == 2:
        p_o = out["percent_agreement"]
        cohen_pe = sum(by_coder[0][v] * by_coder[1][v] for v in (0, 1))
        out["cohen_kappa"] = None if cohen_pe == 1 else (p_o - cohen_pe) / (1 - cohen_pe)
        out["scott_pi"] = None if fleiss_pe == 1 else (p_o - fleiss_pe) / (1 - fleiss_pe)
    else:
        out["cohen_kappa"] = out["scott_pi"] = None
    # Krippendorff's alpha: coincidences of values within units, each unit's pairs / (m - 1).
    o = Counter()
    for u in table:
        for i in range(m):
            for j in range(m):
                if i != j:
                    o[(u[i], u[j])] += 1 / (m - 1)
    total = sum(o.values())
    n0 = o[(0, 0)] + o[(0, 1)]
    n1 = o[(1, 1)] + o[(1, 0)]
    if n0 == 0 or n1 == 0:
        out["alpha"] = None
    else:
        out["alpha"] = 1 - (total - 1) * o[(0, 1)] / (n0 * n1)
    out["brennan_prediger"] = (p_bar - 0.5) / 0.5
    return out


def main():
    argv = sys.argv[1:]
    project, coders, kind, cover, result = argv[:5]
    coders = coders.split(",")
    cover = int(cover)
    selection = []
    ratings = None
    rest = argv[5:]
    for i in range(0, len(rest), 2):
        if rest[i] == "--code":
            selection.append(rest[i + 1])
        elif rest[i] == "--ratings":
            ratings = rest[i + 1]
    db = sqlite3.connect(project)
    codes = {cid: (parent, position) for cid, parent, position in
             db.execute("SELECT id, parent_id, position FROM codes")}

    def number(cid):
        parent, position = codes[cid]
        return (number(parent) + "." if parent is not None else "") + f"{position:02d}"

    id_of = {number(cid): cid for cid in codes}
    coder_ids = {name: cid for cid, name in db.execute("SELECT id, name FROM coders")}
    with open(result, encoding="utf-8") as f:
        data = json.load(f)
    # Which sources margin compared is compare's business (checked elsewhere); the units are ours.
    sources = {}
    for s in data["sources"]:
        sid, text = db.execute("SELECT s.id, t.text FROM sources s JOIN source_texts t "
                               "ON t.source_id = s.id WHERE s.name = ?", (s["source"],)).fetchone()
        if kind == "turn":
            units = [(b, e) for b, e in db.execute(
                "SELECT body, end FROM turns WHERE source_id = ? ORDER BY start", (sid,))
                if e > b]
        else:
            units = paragraphs(text)
        sources[s["source"]] = (sid, units)
        expect(f"{s['source']} units", s["units"], len(units))
    expect("n", data["n"], sum(len(u) for _, u in sources.values()))

    def ancestors(cid):
        while cid is not None:
            yield cid
            cid = codes[cid][0]

    codings = []
    for who in coders:
        for sid, cid, start, end in db.execute(
                "SELECT source_id, code_id, start, end FROM codings WHERE coder_id = ?",
                (coder_ids[who],)):
            codings.append((who, sid, cid, start, end))

    def table_of(cid, own):
        rows = []
        for name in [s["source"] for s in data["sources"]]:
            sid, units = sources[name]
            covered = []
            for who in coders:
                chars = set()
                for w, s, c, start, end in codings:
                    if w == who and s == sid and (c == cid if own else cid in ancestors(c)):
                        chars.update(range(start, end))
                covered.append(chars)
            for b, e in units:
                values = []
                for chars in covered:
                    inside = sum(1 for ch in range(b, e) if ch in chars)
                    coded = inside > 0 if cover == 0 else inside * 100 >= cover * (e - b)
                    values.append(1 if coded else 0)
                rows.append(tuple(values))
        return rows

    def check(where, got, table):
        want = figures(table, len(coders))
        expect(f"{where} units", got["units"], len(table))
        for i, who in enumerate(coders):
            expect(f"{where} coded {who}", got["coded"][who], sum(u[i] for u in table))
        for key, value in want.items():
            expect(f"{where} {key}", got[key]["value"], value)

    compared_ids = {sid for sid, _ in sources.values()}
    pooled = []
    pooled_codes = 0
    rows = [id_of[entry["code"]] for entry in data["codes"]]
    for entry, cid in zip(data["codes"], rows):
        check(entry["code"], entry, table_of(cid, False))
    for cid in rows:
        if any(c == cid and s in compared_ids for _, s, c, _, _ in codings):
            pooled.extend(table_of(cid, True))
            pooled_codes += 1
    expect("pooled codes", data["pooled"]["codes"], pooled_codes)
    check("pooled", data["pooled"], pooled)
    if ratings:
        with open(ratings, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        expect("ratings header", rows[0], coders)
        expect("ratings rows", Counter(tuple(int(v) for v in r) for r in rows[1:]),
               Counter(pooled))
    print(f"units {data['n']} codes {len(data['codes'])} checked {checked} "
          f"mismatches {len(mismatches)}")
    for m in mismatches[:20]:
        print("#", m)
    sys.exit(1 if mismatches else 0)


main()
