#!/bin/sh
# Queries: overlap, exclusion, proximity, any, text search, and coding every hit.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
sample_project s.margin

# spans: the source, start and end of each hit of the query's CSV on standard input.
spans() {
    python3 -c 'import csv, sys
for r in csv.DictReader(sys.stdin): print(r["source"], r["start"], r["end"])'
}

# expected OP X Y: what a query should find, computed with Python from the project's tables.
expected() {
    python3 - s.margin "$@" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
op, x, y = sys.argv[2:5]
def code_id(number):
    parent = None
    for part in number.split("."):
        q = "select id from codes where position = ? and parent_id " + ("is null" if parent is None else "= ?")
        args = (int(part),) if parent is None else (int(part), parent)
        parent = db.execute(q, args).fetchone()[0]
    return parent
def union(spans):
    out = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out
def stretches(number, source):
    return union(db.execute("select start, end from codings where code_id = ? and source_id = ?",
                            (code_id(number), source)).fetchall())
for source, name in db.execute("select id, name from sources order by name"):
    a, b = stretches(x, source), stretches(y, source)
    if op == "and":
        hits = union([(max(s, t), min(e, f)) for s, e in a for t, f in b if max(s, t) < min(e, f)])
    elif op == "not":
        hits = [(s, e) for s, e in a if not any(s < f and t < e for t, f in b)]
    else:
        n = int(op)
        hits = [(s, e) for s, e in a if any(t <= e + n and f >= s - n for t, f in b)]
    for s, e in hits:
        print(name, s, e)
PY
}

run query s.margin "07.01.02 and 07.02" --format csv
expect_ok "an AND query runs"
got=$(printf '%s\n' "$out" | spans)
expect_equal "$got" "$(expected and 07.01.02 07.02)" "X and Y finds where the codes overlap"
[ -n "$got" ] && pass "and finds something in the sample" || fail "and finds something in the sample"

run query s.margin "07.01.02 not 07.02" --format csv
expect_equal "$(printf '%s\n' "$out" | spans)" "$(expected not 07.01.02 07.02)" \
    "X not Y keeps the stretches of X that Y does not touch"
run query s.margin "07.01.02 AND NOT 07.02" --format csv
expect_equal "$(printf '%s\n' "$out" | spans)" "$(expected not 07.01.02 07.02)" \
    "X and not Y is the same"
run query s.margin "07.01.02 near(300) 07.03" --format csv
expect_equal "$(printf '%s\n' "$out" | spans)" "$(expected 300 07.01.02 07.03)" \
    "X near(N) Y keeps the stretches of X within N characters of Y"

run query s.margin "any(07.01.02, 07.02)" --format csv
any=$(printf '%s\n' "$out" | spans | wc -l)
run query s.margin "07.01* and 07.01.02" --format csv
expect_equal "$(printf '%s\n' "$out" | spans)" "$(expected and 07.01.02 07.01.02)" \
    "a code with * takes in its sub-codes"
[ "$any" -gt 0 ] && pass "any() finds stretches" || fail "any() finds stretches"

run query s.margin 'text("clinical director")' --format csv
expect_equal "$(printf '%s\n' "$out" | spans | wc -l)" \
    "$(sql s.margin "select t.text from source_texts t" | python3 -c 'import sys; print(sys.stdin.read().lower().count("clinical director"))')" \
    "text() finds every occurrence, in any case"
run query s.margin 'text("clinical director")' --where "site = Site A" --format csv
expect_equal "$(printf '%s\n' "$out" | python3 -c 'import csv,sys; print(sorted(set(r["site"] for r in csv.DictReader(sys.stdin))))')" \
    "['Site A']" "--where keeps the sources of the cases that pass"

run query s.margin "07.01.02 and"
expect_error 1 "query column 13: expected a code number, any(...), text(\"...\") or '(', found the end" \
    "a query that stops short names the column"
run query s.margin "07.01.02 near 05"
expect_error 1 "query column 15: expected '(' after 'near', found '05'" "so does a bad near"
run query s.margin "07.01.02 and 42.7"
expect_error 1 "query column 14: no code is numbered 42.07" "an unknown code is named with its column"
run query s.margin "07.02" --coders Z
expect_error 1 "there is no coder named 'Z'" "an unknown coder is refused"
run query s.margin "07.02" --as turn
expect_status 1 "--as without --code-hits is refused"

# Coding every hit: one change in the journal, one batch.
before=$(sql s.margin "select count(*) from codings")
hits=$(margin query s.margin 'text("clinical director")' --format csv | spans | wc -l)
run query s.margin 'text("clinical director")' --code-hits 10.01 --as sentence --coder Q
expect_ok "--code-hits codes the hits"
expect_contains "$out" "$hits hits: " "and says how many"
added=$(sql s.margin "select count(*) from codings where coder_id = (select id from coders where name = 'Q')")
expect_equal "$(sql s.margin "select count(*) from codings")" "$((before + added))" "the codings are added"
expect_equal "$(sql s.margin "select count(distinct batch), count(*), min(state) from journal where coder_id = (select id from coders where name = 'Q')")" \
    "1|$added|done" "in one batch that undo can take back"
expect_equal "$(sql s.margin "select count(*) from codings g join source_texts t on t.source_id = g.source_id
  where g.coder_id = (select id from coders where name = 'Q') and lower(substr(t.text, g.start + 1, g.end - g.start)) like '%clinical director%'")" \
    "$added" "each coded sentence holds the phrase"
run query s.margin 'text("clinical director")' --code-hits 10.01 --as sentence --coder Q
expect_contains "$out" "0 codings added, $added already there" "coding the same hits again adds nothing"
run query s.margin 'text("clinical director")' --code-hits 01 --coder Q
expect_error 1 "01 General information is a heading and cannot be coded" "a heading is refused"

chmod a-w s.margin
run query s.margin "07.02"
expect_ok "a query only reads the project"
chmod u+w s.margin

finish
