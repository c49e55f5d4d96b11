#!/usr/bin/python3
"""Cross-checks margin's agreement statistics against independent implementations.

Usage: /usr/bin/python3 crosscheck.py PATH/TO/agree_driver

Generates random cases from a fixed seed (overlapping and touching spans, spans reaching past
the source, missing values, degenerate cases), runs them through agree_driver, and compares
every figure with:
  - sklearn (cohen_kappa_score, accuracy_score, f1_score, jaccard_score) on per-character
    0/1 vectors and on unit data;
  - nltk's AnnotationTask (alpha with binary, interval, ratio and Krippendorff's ordinal
    difference; pi, which is Scott's pi for two coders and Fleiss' kappa for complete data;
    avg_Ao);
  - plain Python, character by character and pair by pair, where neither library has the
    figure (segment matching, percent agreement of three or more coders);
  - for the unitizing alphas (core/unitize.h), which no packaged library computes, plain
    Python written from the definitions, character by character and section pair by section
    pair, and Cuα as the domains' cuα coincidences summed;
  - for Conger's (1980) kappa, nltk's multi_kappa (Davies and Fleiss 1982: the mean observed
    agreement of the pairs of coders against the mean of their Cohen chance agreements), and
    sklearn's cohen_kappa_score for two coders; the observed and expected agreements behind
    Cohen's, Fleiss' and Conger's kappas and alpha from nltk's Ao, Ae_kappa, avg_Ao, pi and
    Disagreement.
  - over characters for two or more coders (compare's JSON): Conger's kappa and its P and P_e
    from nltk's multi_kappa, avg_Ao and Ae_kappa, alpha's D_o and D_e as nltk makes them, the
    first pair's p_o (sklearn's accuracy) and p_e (nltk's Ae_kappa), NVivo's kappa (sklearn's,
    1 where it is undefined), and the means of kappa over sources, unweighted and weighted by
    length, from sklearn's kappa of each source.
A figure the reference cannot define must be undefined ("-") in margin too. Exits 1 on any
mismatch, 77 (skipped) when sklearn or nltk is missing.
"""
import math
import random
import subprocess
import sys
import warnings

try:
    from nltk.metrics.agreement import AnnotationTask
    from sklearn.metrics import accuracy_score, cohen_kappa_score, f1_score, jaccard_score
except ImportError as e:
    print(f"crosscheck: skipped, {e} (install python3-sklearn and python3-nltk)")
    sys.exit(77)

SEED = 20240611
TOLERANCE = 1e-9

warnings.filterwarnings("ignore")


def random_spans(rng, length, most):
    """Up to `most` spans, overlapping at will, some past either end or empty."""
    spans = []
    for _ in range(rng.randint(0, most)):
        start = rng.randint(-3, length + 2)
        spans.append((start, start + rng.randint(0, max(1, length // 2))))
    return spans


def covered(spans, length):
    v = [0] * length
    for start, end in spans:
        for i in range(max(start, 0), min(end, length)):
            v[i] = 1
    return v


def spans_text(spans):
    return " ".join([str(len(spans))] + [f"{s} {e}" for s, e in spans])


def alpha_of(items, distance_for=None):
    """nltk's alpha over {item: [values]} or None where alpha is undefined: no pairable values,
    or a single pairable value (nltk answers 1 or divides by zero there)."""
    pairable = [v for values in items.values() if len(values) >= 2 for v in values]
    if len(set(pairable)) < 2:
        return None
    data = [(str(c), str(item), v) for item, values in items.items() for c, v in enumerate(values)]
    if distance_for is None:
        return AnnotationTask(data=data).alpha()
    return AnnotationTask(data=data, distance=distance_for(pairable)).alpha()


def interval(_pairable):
    return lambda a, b: (a - b) ** 2


def ratio(_pairable):
    return lambda a, b: 0.0 if a + b == 0 else ((a - b) / (a + b)) ** 2


def ordinal(pairable):
    """Krippendorff's (2011) ordinal difference over the pairable values' frequencies."""
    counts = {}
    for v in pairable:
        counts[v] = counts.get(v, 0) + 1
    values = sorted(counts)

    def distance(a, b):
        lo, hi = min(a, b), max(a, b)
        s = sum(counts[g] for g in values if lo <= g <= hi) - (counts[lo] + counts[hi]) / 2
        return s * s

    return distance


def nan_to_none(x):
    return None if x is None or math.isnan(x) else x


def chars_case(rng):
    length = rng.choice([0, 1, 2] + [rng.randint(3, 40)] * 6 + [rng.randint(40, 150)] * 6)
    a = random_spans(rng, length, 6)
    b = random_spans(rng, length, 6)
    shape = rng.random()
    if shape < 0.06:
        a, b = [], []
    elif shape < 0.12:
        a = [(0, length)]
    elif shape < 0.16:
        a, b = [(0, length)], [(-1, length + 1)]
    elif shape < 0.24:
        b = list(a)
    x, y = covered(a, length), covered(b, length)
    table = [
        sum(p and q for p, q in zip(x, y)),
        sum(p and not q for p, q in zip(x, y)),
        sum(q and not p for p, q in zip(x, y)),
        sum(not p and not q for p, q in zip(x, y)),
    ]
    used = sum(table[:3])
    expect = list(table)
    if length == 0:
        expect += [None] * 5
    else:
        expect.append(accuracy_score(x, y))
        expect.append(nan_to_none(cohen_kappa_score(x, y)))
        expect.append(f1_score(x, y, zero_division=0) if used else None)
        expect.append(jaccard_score(x, y, zero_division=0) if used else None)
        expect.append(alpha_of({i: [p, q] for i, (p, q) in enumerate(zip(x, y))}))
    text = f"chars {length}\n{spans_text(a)}\n{spans_text(b)}\n"
    return text, expect


def alpha_case(rng):
    coders = rng.randint(2, 5)
    items = {}
    lines = []
    sources = rng.randint(1, 4)
    for s in range(sources):
        length = rng.choice([0, rng.randint(1, 20), rng.randint(20, 60)])
        present = [c for c in range(coders) if rng.random() < 0.75]
        lines.append(f"{length} {len(present)}")
        vectors = []
        for _ in present:
            spans = random_spans(rng, length, 4)
            lines.append(spans_text(spans))
            vectors.append(covered(spans, length))
        for i in range(length):
            items[(s, i)] = [v[i] for v in vectors]
    pairable = sum(len(v) for v in items.values() if len(v) >= 2)
    text = f"alpha {sources}\n" + "\n".join(lines) + "\n"
    return text, [alpha_of(items), pairable]


def merge_overlapping(spans):
    merged = []
    for s, e in sorted(sp for sp in spans if sp[1] > sp[0]):
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def segments_case(rng):
    length = rng.randint(1, 200)
    threshold = rng.choice([0, 50, 75, 90, 90, 95, 100, rng.randint(0, 100)])
    a = [sp for sp in random_spans(rng, length, 8) if sp[0] >= 0]
    if rng.random() < 0.5:
        b = [(s + rng.randint(-3, 3), e + rng.randint(-3, 3)) for s, e in a]
        b = [(max(s, 0), e) for s, e in b]
    else:
        b = [sp for sp in random_spans(rng, length, 8) if sp[0] >= 0]
    ma, mb = merge_overlapping(a), merge_overlapping(b)

    def matched(mine, theirs):
        count = 0
        for s in mine:
            for t in theirs:
                overlap = len(set(range(*s)) & set(range(*t)))
                extent = max(s[1], t[1]) - min(s[0], t[0])
                if overlap > 0 and 100 * overlap >= threshold * extent:
                    count += 1
                    break
        return count

    text = f"segments {threshold}\n{spans_text(a)}\n{spans_text(b)}\n"
    return text, [len(ma), len(mb), matched(ma, mb), matched(mb, ma)]


def units_case(rng):
    coders = rng.choice([2, 2, 3, 4, 5])
    units = rng.randint(1, 30)
    q = rng.randint(2, 5)
    scale = rng.choice([[float(v) for v in range(1, q + 1)], [0.5, 1.25, 3.0, 7.5, 20.0][:q]])
    missing = rng.choice([0.0, 0.0, 0.15, 0.4])
    rows = []
    for _ in range(units):
        row = [None if rng.random() < missing else rng.choice(scale) for _ in range(coders)]
        if rng.random() < 0.3:
            row = [row[0] if v is not None else None for v in row]
        rows.append(row)
    complete = all(v is not None for row in rows for v in row)
    multi = [[v for v in row if v is not None] for row in rows]
    multi = [vs for vs in multi if len(vs) >= 2]

    expect = []
    expect.append(sum(len(set(vs)) == 1 for vs in multi) / len(multi) if multi else None)
    if coders == 2:
        pairs = [row for row in rows if None not in row]
        x = [row[0] for row in pairs]
        y = [row[1] for row in pairs]
        labels = [[repr(v) for v in x], [repr(v) for v in y]]  # sklearn wants discrete labels
        expect.append(nan_to_none(cohen_kappa_score(*labels)) if pairs else None)
        if pairs and len(set(x + y)) > 1:
            data = [(str(c), str(i), row[c]) for i, row in enumerate(pairs) for c in range(2)]
            expect.append(AnnotationTask(data=data).pi())
        else:
            expect.append(None)
    else:
        expect += [None, None]
    if complete and len({v for row in rows for v in row}) > 1:
        data = [(str(c), str(i), row[c]) for i, row in enumerate(rows) for c in range(coders)]
        expect.append(AnnotationTask(data=data).pi())
    else:
        expect.append(None)
    if not multi:
        expect.append(None)
    elif complete:
        data = [(str(c), str(i), row[c]) for i, row in enumerate(rows) for c in range(coders)]
        observed = AnnotationTask(data=data).avg_Ao()
        expect.append((observed - 1 / q) / (1 - 1 / q))
    else:
        shares = [
            sum(a == b for i, a in enumerate(vs) for j, b in enumerate(vs) if i != j)
            / (len(vs) * (len(vs) - 1))
            for vs in multi
        ]
        observed = sum(shares) / len(shares)
        expect.append((observed - 1 / q) / (1 - 1 / q))
    items = {i: [v for v in row if v is not None] for i, row in enumerate(rows)}
    for distance in (None, ordinal, interval, ratio):
        expect.append(alpha_of(items, distance))

    body = "\n".join(" ".join("." if v is None else repr(v) for v in row) for row in rows)
    return f"units {coders} {units} {q}\n{body}\n", expect


def explain_case(rng):
    """Conger's kappa and the quantities behind four coefficients, on complete or incomplete
    nominal data."""
    coders = rng.choice([2, 2, 3, 4, 5])
    units = rng.randint(1, 25)
    q = rng.randint(2, 4)
    missing = rng.choice([0.0, 0.0, 0.0, 0.2])
    rows = []
    for _ in range(units):
        base = rng.randint(1, q)
        row = [base if rng.random() < 0.6 else rng.randint(1, q) for _ in range(coders)]
        if rng.random() < 0.1:
            row = [1] * coders
        rows.append([None if rng.random() < missing else v for v in row])
    complete = all(v is not None for row in rows for v in row)
    data = [
        (str(c), str(i), row[c]) for i, row in enumerate(rows) for c in range(coders)
        if row[c] is not None
    ]
    task = AnnotationTask(data=data) if data else None

    expect = []
    # Conger: nltk's multi_kappa, undefined where every coder used one value throughout.
    conger = None
    conger_parts = [None, None]
    if complete and coders >= 2:
        ae = task._pairwise_average(task.Ae_kappa)
        if ae < 1:
            conger = task.multi_kappa()
            conger_parts = [task.avg_Ao(), ae]
            if coders == 2:
                x = [str(row[0]) for row in rows]
                y = [str(row[1]) for row in rows]
                assert abs(cohen_kappa_score(x, y) - conger) < 1e-9
    expect.append(conger)
    # Cohen: p_o and p_e over the units both coders valued.
    cohen = [None, None]
    if coders == 2:
        pairs = [row for row in rows if None not in row]
        if pairs:
            both = AnnotationTask(
                data=[(str(c), str(i), row[c]) for i, row in enumerate(pairs) for c in range(2)]
            )
            ae = both.Ae_kappa("0", "1")
            if ae < 1:
                cohen = [both.Ao("0", "1"), ae]
    expect += cohen
    # Fleiss: P as nltk's avg_Ao, P_e as nltk's multi-pi makes it: sum_k T_k^2 / (N m)^2.
    fleiss = [None, None]
    if complete and len({v for row in rows for v in row}) > 1:
        totals = {}
        for row in rows:
            for v in row:
                totals[v] = totals.get(v, 0) + 1
        fleiss = [task.avg_Ao(), sum(t * t for t in totals.values()) / (units * coders) ** 2]
    expect += fleiss
    expect += conger_parts
    # Alpha: D_o and D_e as nltk's alpha() makes them.
    alpha = [None, None]
    items = [[v for v in row if v is not None] for row in rows]
    pairable = [v for vs in items if len(vs) >= 2 for v in vs]
    if len(set(pairable)) >= 2:
        total_do = 0.0
        freqs = {}
        for vs in items:
            if len(vs) < 2:
                continue
            f = {}
            for v in vs:
                f[v] = f.get(v, 0) + 1
                freqs[v] = freqs.get(v, 0) + 1
            total_do += task.Disagreement(f) * len(vs)
        alpha = [total_do / len(pairable), task.Disagreement(freqs)]
    expect += alpha

    body = "\n".join(" ".join("." if v is None else str(v) for v in row) for row in rows)
    return f"explain {coders} {units}\n{body}\n", expect


def pairs_case(rng):
    coders = rng.choice([2, 3, 3, 4, 5])
    length = rng.choice([0, 1, rng.randint(2, 30), rng.randint(30, 90)])
    spans = [random_spans(rng, length, 5) for _ in range(coders)]
    shape = rng.random()
    if shape < 0.08:
        spans = [[] for _ in range(coders)]
    elif shape < 0.14:
        spans = [[(0, length)] for _ in range(coders)]
    elif shape < 0.24:
        spans = [list(spans[0]) for _ in range(coders)]
    vectors = [covered(s, length) for s in spans]
    expect = []
    data = [(str(c), str(i), v[i]) for c, v in enumerate(vectors) for i in range(length)]
    task = AnnotationTask(data=data) if data else None
    if length and task._pairwise_average(task.Ae_kappa) < 1:
        expect += [task.multi_kappa(), task.avg_Ao(), task._pairwise_average(task.Ae_kappa)]
    else:
        expect += [None, None, None]
    values = [v for vec in vectors for v in vec]
    if length and len(set(values)) >= 2:
        do = sum(task.Disagreement({0: vs.count(0), 1: vs.count(1)}) * coders
                 for vs in ([vec[i] for vec in vectors] for i in range(length))) / len(values)
        de = task.Disagreement({0: values.count(0), 1: values.count(1)})
        expect += [1 - do / de, do, de]
    else:
        expect += [None, None, None]
    x, y = vectors[0], vectors[1]
    kappa = nan_to_none(cohen_kappa_score(x, y)) if length else None
    if kappa is None:
        expect += [None, None, None]
    else:
        pair = AnnotationTask(data=[(str(c), str(i), v[i]) for c, v in enumerate((x, y))
                                    for i in range(length)])
        expect += [kappa, accuracy_score(x, y), pair.Ae_kappa("0", "1")]
    expect.append(None if not length else 1.0 if kappa is None else kappa)
    text = f"pairs {coders} {length}\n" + "\n".join(spans_text(s) for s in spans) + "\n"
    return text, expect


def means_case(rng):
    sources = rng.randint(1, 5)
    lines, kappas = [], []
    for _ in range(sources):
        length = rng.choice([0, rng.randint(1, 10), rng.randint(10, 60)])
        a, b = random_spans(rng, length, 4), random_spans(rng, length, 4)
        if rng.random() < 0.2:
            a, b = [], []
        lines.append(f"{length}\n{spans_text(a)}\n{spans_text(b)}")
        if length:
            k = nan_to_none(cohen_kappa_score(covered(a, length), covered(b, length)))
            if k is not None:
                kappas.append((k, length))
    if kappas:
        expect = [math.fsum(k for k, _ in kappas) / len(kappas),
                  math.fsum(k * w for k, w in kappas) / sum(w for _, w in kappas)]
    else:
        expect = [None, None]
    return f"means {sources}\n" + "\n".join(lines) + "\n", expect


GAP = None


def unitize_reference(coders, values, sources, coding_parts=False):
    """Krippendorff's unitizing alphas from their definitions, character by character (see
    core/unitize.h for the formulas and their sources). `sources` is a list of (length,
    [codings per coder]), a coding being (start, end, value); a coder's codings of one value
    join where they overlap or touch. Returns the figures in the driver's order."""
    m = coders
    # Per source and coder: each character's set of values, and the units (maximal runs of a
    # value), with gaps between them.
    cover = []
    for length, per_coder in sources:
        rows = []
        for codings in per_coder:
            sets = [set() for _ in range(length)]
            for start, end, value in codings:
                for x in range(max(start, 0), min(end, length)):
                    sets[x].add(value)
            rows.append(sets)
        cover.append((length, rows))
    total = sum(length for length, _ in cover)
    if total == 0:
        return [None] * (3 * values + 4)
    overlapping = any(len(v) > 1 for _, rows in cover for sets in rows for v in sets)

    def runs(sets, member):
        """Maximal runs [start, end) of characters whose set contains `member`."""
        out, x = [], 0
        while x < len(sets):
            if member in sets[x]:
                y = x
                while y < len(sets) and member in sets[y]:
                    y += 1
                out.append((x, y))
                x = y
            else:
                x += 1
        return out

    def alpha_2004(value):
        """D_o and D_e of one value."""
        pairs, units, gaps = 0.0, [], []
        for length, rows in cover:
            sections = []
            for sets in rows:
                secs, at = [], 0
                for a, b in runs(sets, value):
                    if a > at:
                        secs.append((at, a, False))
                    secs.append((a, b, True))
                    at = b
                if length > at:
                    secs.append((at, length, False))
                sections.append(secs)
                units += [b - a for a, b, unit in secs if unit]
                gaps += [b - a for a, b, unit in secs if not unit]
            for i in range(m):
                for j in range(i + 1, m):
                    for a, b, ua in sections[i]:
                        for c, d, ub in sections[j]:
                            if not (a < d and c < b):
                                continue
                            if ua and ub:
                                pairs += (a - c) ** 2 + (b - d) ** 2
                            elif ua and c <= a and b <= d:
                                pairs += (b - a) ** 2
                            elif ub and a <= c and d <= b:
                                pairs += (d - c) ** 2
        do = 2 * pairs / (m * (m - 1) * total * total)
        s = sum((len(units) - 1) * (2 * l ** 3 - 3 * l ** 2 + l) / 3
                + l * l * sum(g - l + 1 for g in gaps if g >= l) for l in units)
        den = m * total * (m * total - 1) - sum(l * (l - 1) for l in units)
        return do, (2 / total * s / den if den > 0 else 0.0), len(units)

    def matrix(category):
        """Observed coincidences, S and S* under `category` (a value -> category or GAP)."""
        cats = sorted({category(v) for v in range(values)} - {GAP}) + [GAP]
        index = {c: k for k, c in enumerate(cats)}
        n = len(cats)
        l = [[0.0] * n for _ in range(n)]
        s, s_star = [0.0] * n, [0.0] * n
        for length, rows in cover:
            seen = [
                [min({category(x) for x in v} - {GAP}, default=GAP) for v in sets] for sets in rows
            ]
            for x in range(length):
                for i in range(m):
                    for j in range(m):
                        if i != j:
                            l[index[seen[i][x]]][index[seen[j][x]]] += 1 / (m - 1)
            for i, sets in enumerate(rows):
                s[index[GAP]] += sum(1 for x in range(length) if seen[i][x] is GAP)
                for value in range(values):
                    if category(value) is GAP:
                        continue
                    for a, b in runs(sets, value):
                        c = index[category(value)]
                        s[c] += (b - a) ** 2
                        for j in range(m):
                            if j != i:
                                shared = sum(1 for x in range(a, b) if seen[j][x] is not GAP)
                                s_star[c] += shared * shared / (m - 1)
        return l, s, s_star, n

    def parts(l, s, k):
        """cuα's disagreeing observed and expected coincidences and l*.., or None."""
        rows = [sum(l[c][:k]) for c in range(k)]
        t = sum(rows)
        ssum = sum(s[:k])
        if t == 0 or t * t - ssum <= 0:
            return None
        de = t - sum(t * (rows[c] ** 2 - s[c]) / (t * t - ssum) for c in range(k))
        return t - sum(l[c][c] for c in range(k)), de, t

    def alpha(l, s, k):
        rows = [sum(l[c][:k]) for c in range(k)]
        t = sum(rows)
        ssum = sum(s[:k])
        if t == 0 or t * t - ssum <= 0:
            return None
        de = t - sum(t * (rows[c] ** 2 - s[c]) / (t * t - ssum) for c in range(k))
        if abs(de) <= 1e-9 * t:
            return None
        return 1 - (t - sum(l[c][c] for c in range(k))) / de

    coded = [sum(1 for _, rows in cover for sets in rows for v in sets if value in v)
             for value in range(values)]
    out = []
    old = [alpha_2004(v) for v in range(values)]
    for do, de, n in old:
        out.append(1 - do / de if n and de > 1e-12 else None)
    do_all, de_all = sum(o[0] for o in old), sum(o[1] for o in old)
    out.append(1 - do_all / de_all if sum(o[2] for o in old) and de_all > 1e-12 else None)
    whole = not overlapping
    l, s, s_star, n = matrix(lambda v: v)
    if coding_parts:
        return overlapping, sum(coded) > 0, parts(l, s_star, n - 1)
    any_units = sum(coded) > 0
    out.append(alpha(l, s, n) if whole and any_units else None)
    la, sa, _, na = matrix(lambda v: 0)
    out.append(alpha(la, sa, na) if whole and any_units else None)
    for value in range(values):
        lv, sv, _, nv = matrix(lambda v, value=value: 0 if v == value else GAP)
        out.append(alpha(lv, sv, nv) if coded[value] else None)
    two = whole and m == 2 and any_units
    out.append(alpha(l, s_star, n - 1) if two else None)
    for value in range(values):
        figure = None
        k = n - 1
        row = sum(l[value][:k])
        if two and coded[value] and row > 0:
            t = sum(sum(l[c][:k]) for c in range(k))
            ssum = sum(s_star[:k])
            den = t * t - ssum
            e_row = sum(t * (row * sum(l[b][:k]) - (s_star[value] if b == value else 0)) / den
                        for b in range(k))
            e_kk = t * (row * row - s_star[value]) / den
            d_e = (e_row - e_kk) / e_row
            if abs(d_e) > 1e-9:
                figure = 1 - ((row - l[value][value]) / row) / d_e
        out.append(figure)
    return out


def unitize_case(rng):
    coders = rng.choice([2, 2, 3, 4])
    values = rng.randint(1, 3)
    overlap = rng.random() < 0.15
    sources = []
    for _ in range(rng.randint(1, 3)):
        length = rng.choice([0, rng.randint(1, 12), rng.randint(12, 40)])
        per_coder = []
        for _ in range(coders):
            codings, x = [], rng.randint(-2, 3)
            while x < length:
                size = rng.randint(1, 9)
                value = rng.randrange(values)
                if rng.random() < 0.55:
                    codings.append((x, x + size, value))
                    if rng.random() < 0.2:  # a second coding that overlaps or touches it
                        codings.append((x + size - rng.randint(0, 2), x + size + 3, value))
                    if overlap and rng.random() < 0.3:
                        codings.append((x + 1, x + size + 2, (value + 1) % values))
                x += size + rng.randint(0, 4)
            per_coder.append(codings)
        sources.append((length, per_coder))
    text = [f"unitize {coders} {values} {len(sources)}"]
    for length, per_coder in sources:
        text.append(str(length))
        for codings in per_coder:
            text.append(" ".join([str(len(codings))] + [f"{a} {b} {v}" for a, b, v in codings]))
    return "\n".join(text) + "\n", unitize_reference(coders, values, sources)


def domains_case(rng):
    """Cuα over 1 to 4 domains of two coders over the same sources: each domain's disagreeing
    observed and expected coincidences, from the definitions character by character, summed
    before they are divided."""
    count = rng.randint(1, 4)
    lengths = [rng.choice([0, rng.randint(1, 12), rng.randint(12, 40)])
               for _ in range(rng.randint(1, 3))]
    text = [f"domains {count}"]
    observed = expected = 0.0
    overlapping = used = False
    for _ in range(count):
        values = rng.randint(1, 3)
        sources = []
        for length in lengths:
            per_coder = []
            for _ in range(2):
                codings, x = [], rng.randint(-2, 3)
                while x < length:
                    size = rng.randint(1, 9)
                    if rng.random() < 0.5:
                        codings.append((x, x + size, rng.randrange(values)))
                        if rng.random() < 0.02:
                            codings.append((x + 1, x + size + 2, rng.randrange(values)))
                    x += size + rng.randint(0, 4)
                per_coder.append(codings)
            sources.append((length, per_coder))
        text.append(f"2 {values} {len(sources)}")
        for length, per_coder in sources:
            text.append(str(length))
            for codings in per_coder:
                text.append(" ".join([str(len(codings))] + [f"{a} {b} {v}" for a, b, v in codings]))
        if sum(lengths) == 0:
            continue
        over, any_units, got = unitize_reference(2, values, sources, coding_parts=True)
        overlapping = overlapping or over
        used = used or any_units
        if got is not None and any_units:
            observed += got[0]
            expected += got[1]
    figure = None
    if not overlapping and used and expected > 1e-9:
        figure = 1 - observed / expected
    return "\n".join(text) + "\n", [figure]


def main():
    if len(sys.argv) != 2:
        print(__doc__.splitlines()[2])
        return 2
    rng = random.Random(SEED)
    makers = [
        (chars_case, 250),
        (alpha_case, 120),
        (segments_case, 150),
        (units_case, 250),
        (explain_case, 300),
        (unitize_case, 150),
        (pairs_case, 200),
        (means_case, 100),
        (domains_case, 250),
    ]
    cases = []
    for make, count in makers:
        cases += [(make.__name__, *make(rng)) for _ in range(count)]
    run = subprocess.run(
        [sys.argv[1]], input="".join(text for _, text, _ in cases), capture_output=True, text=True
    )
    if run.returncode != 0:
        print(f"crosscheck: the driver failed: {run.stderr.strip()}")
        return 1
    lines = run.stdout.splitlines()
    if len(lines) != len(cases):
        print(f"crosscheck: {len(cases)} cases sent, {len(lines)} answers")
        return 1
    figures = 0
    mismatches = 0
    for (name, text, expect), line in zip(cases, lines):
        got = line.split()
        ok = len(got) == len(expect)
        for g, e in zip(got, expect):
            figures += 1
            if e is None:
                ok = ok and g == "-"
            else:
                ok = ok and g != "-" and abs(float(g) - e) <= TOLERANCE
        if not ok:
            mismatches += 1
            if mismatches <= 10:
                print(f"mismatch in {name}:\n{text}  margin:    {line}\n  reference: {expect}")
    kinds = ", ".join(f"{count} {make.__name__[:-5]}" for make, count in makers)
    print(f"crosscheck: {len(cases)} cases ({kinds}), {figures} figures, {mismatches} mismatches")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
