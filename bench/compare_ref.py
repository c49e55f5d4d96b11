#!/usr/bin/env python3
"""The reference for `margin compare --format json` (characters, two coders), in plain Python.

    compare_ref.py PROJECT CODER_A CODER_B OUT.json   compute and write the comparison
    compare_ref.py --check REF.json MARGIN.json        check that margin's numbers are the same

It reads the project file with Python's sqlite3 module and computes, from the definitions in
DESIGN.md ("Agreement statistics") and not from margin's code, what margin compare --skip-empty
reports: the sources compared (those where both coders coded something; detached codings count
nowhere), one row per code that a coder used itself or through a sub-code (in outline order),
and for each row the 2x2 table of characters a, b, c, d with percent agreement, Cohen's kappa,
positive agreement and Jaccard, per source and pooled over every source compared; then the
overall table, pooled over the codes each coder used itself, each counting only its own codings.
It writes them in the layout of margin's JSON.

--check compares the two files: the same sources, codes and cells, every count equal, every
figure equal to within 1e-12, and null exactly where the other is null. It prints what differs
and exits with status 1 when anything does.
"""
import json
import sqlite3
import sys

TOLERANCE = 1e-12


def union(spans):
    """The union of spans [start, end) as sorted, disjoint runs."""
    runs = []
    for start, end in sorted(spans):
        if runs and start <= runs[-1][1]:
            if end > runs[-1][1]:
                runs[-1][1] = end
        else:
            runs.append([start, end])
    return runs


def covered(runs):
    return sum(end - start for start, end in runs)


def overlap(x, y):
    """Characters in both lists of disjoint sorted runs."""
    i = j = total = 0
    while i < len(x) and j < len(y):
        lo = max(x[i][0], y[j][0])
        hi = min(x[i][1], y[j][1])
        if hi > lo:
            total += hi - lo
        if x[i][1] < y[j][1]:
            i += 1
        else:
            j += 1
    return total


def table(spans_a, spans_b, length):
    ra, rb = union(spans_a), union(spans_b)
    both = overlap(ra, rb)
    only_a = covered(ra) - both
    only_b = covered(rb) - both
    return [both, only_a, only_b, length - both - only_a - only_b]


def figures(t):
    """The four figures of a table; None where undefined."""
    a, b, c, d = t
    n = a + b + c + d
    out = {}
    out["percent_agreement"] = (a + d) / n if n else None
    if n == 0 or a + b + c == 0 or b + c + d == 0:
        out["kappa"] = None
    else:
        out["kappa"] = 2 * (a * d - b * c) / ((a + b) * (b + d) + (a + c) * (c + d))
    out["positive_agreement"] = 2 * a / (2 * a + b + c) if n and a + b + c else None
    out["jaccard"] = a / (a + b + c) if n and a + b + c else None
    return out


def counts(t, length):
    row = {"length": length, "a": t[0], "b": t[1], "c": t[2], "d": t[3]}
    row.update(figures(t))
    return row


def outline(db):
    """Codes in outline order: (id, number, name, ancestors' ids from the parent up)."""
    children = {}
    names = {}
    for code_id, parent_id, position, name in db.execute(
            "SELECT id, ifnull(parent_id, 0), position, name FROM codes"):
        children.setdefault(parent_id, []).append((position, code_id))
        names[code_id] = name
    order = []

    def walk(parent, prefix, ancestors):
        for position, code_id in sorted(children.get(parent, [])):
            number = prefix + "%02d" % position
            order.append((code_id, number, names[code_id], ancestors))
            walk(code_id, number + ".", [code_id] + ancestors)

    walk(0, "", [])
    return order


def compute(path, first, second):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    ids = []
    for name in (first, second):
        row = db.execute("SELECT id FROM coders WHERE name = ?", (name,)).fetchone()
        if row is None:
            sys.exit("compare_ref: there is no coder named %s" % name)
        ids.append(row[0])
    sources = db.execute("SELECT id, name, length FROM sources ORDER BY name").fetchall()
    codes = outline(db)
    ancestors = {code_id: up for code_id, _, _, up in codes}
    codings = db.execute(
        "SELECT source_id, code_id, coder_id, start, end FROM codings "
        "WHERE detached = 0 AND coder_id IN (?, ?)", ids).fetchall()
    db.close()

    coded = {(source_id, coder_id) for source_id, _, coder_id, _, _ in codings}
    compared = [s for s in sources if all((s[0], c) in coded for c in ids)]
    place = {s[0]: k for k, s in enumerate(compared)}
    total = sum(s[2] for s in compared)

    # groups[code][source index][coder 0 or 1]: spans of the code and its sub-codes;
    # own[code][source index][coder]: spans of the code itself.
    groups = {}
    own = {}
    for source_id, code_id, coder_id, start, end in codings:
        k = place.get(source_id)
        if k is None or code_id not in ancestors:
            continue
        i = ids.index(coder_id)
        for at in [code_id] + ancestors[code_id]:
            groups.setdefault(at, {}).setdefault(k, ([], []))[i].append((start, end))
        own.setdefault(code_id, {}).setdefault(k, ([], []))[i].append((start, end))

    rows = []
    overall = [0, 0, 0, 0]
    direct = 0
    for code_id, number, name, _ in codes:
        if code_id not in groups:
            continue
        pooled = [0, 0, 0, 0]
        seen = 0
        cells = []
        for k in sorted(groups[code_id]):
            length = compared[k][2]
            t = table(*groups[code_id][k], length)
            pooled = [p + x for p, x in zip(pooled, t)]
            seen += length
            cell = {"source": compared[k][1]}
            cell.update(counts(t, length))
            cells.append(cell)
        pooled[3] += total - seen
        rows.append({"code": number, "name": name, "pooled": counts(pooled, total),
                     "sources": cells})
        if code_id in own:
            direct += 1
            own_seen = 0
            for k, (spans_a, spans_b) in own[code_id].items():
                length = compared[k][2]
                overall = [p + x for p, x in zip(overall, table(spans_a, spans_b, length))]
                own_seen += length
            overall[3] += total - own_seen
    result_overall = {"codes": direct}
    result_overall.update(counts(overall, direct * total))
    return {
        "unit": "characters",
        "n": total,
        "coders": [first, second],
        "sources": [{"source": s[1], "length": s[2]} for s in compared],
        "excluded_sources": [{"source": s[1], "length": s[2]} for s in sources
                             if s[0] not in place],
        "codes": rows,
        "overall": result_overall,
    }


def differences(ref, got, where, out):
    """Appends to out a line for each way got differs from ref."""
    if len(out) > 20:
        return
    if isinstance(ref, dict):
        if not isinstance(got, dict):
            out.append("%s: expected an object" % where)
            return
        for key, value in ref.items():
            if key not in got:
                out.append("%s: no %s" % (where, key))
            else:
                differences(value, got[key], "%s.%s" % (where, key), out)
    elif isinstance(ref, list):
        if not isinstance(got, list) or len(got) != len(ref):
            out.append("%s: %d items expected, %s found" %
                       (where, len(ref), len(got) if isinstance(got, list) else "no list"))
            return
        for i, (x, y) in enumerate(zip(ref, got)):
            differences(x, y, "%s[%d]" % (where, i), out)
    elif ref is None or got is None:
        if ref is not got:
            out.append("%s: %r expected, %r found" % (where, ref, got))
    elif isinstance(ref, float) or isinstance(got, float):
        if abs(ref - got) > TOLERANCE:
            out.append("%s: %r expected, %r found" % (where, ref, got))
    elif ref != got:
        out.append("%s: %r expected, %r found" % (where, ref, got))


def check(ref_path, got_path):
    with open(ref_path) as f:
        ref = json.load(f)
    with open(got_path) as f:
        got = json.load(f)
    # margin lists the reason a source was left out; the reference only which ones.
    for source in got.get("excluded_sources", []):
        source.pop("reason", None)
    out = []
    differences(ref, got, "compare", out)
    if out:
        print("margin compare and the reference differ:")
        for line in out[:20]:
            print("  " + line)
        return 1
    tables = sum(len(code["sources"]) for code in ref["codes"])
    print("margin compare = reference: %d codes, %d code x source tables, overall over %d codes"
          % (len(ref["codes"]), tables, ref["overall"]["codes"]))
    return 0


def main(argv):
    if len(argv) == 4 and argv[1] == "--check":
        return check(argv[2], argv[3])
    if len(argv) != 5:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    result = compute(argv[1], argv[2], argv[3])
    with open(argv[4], "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
