#!/bin/sh
# Counts by code, case, attribute value and co-occurrence, recomputed from the segment export.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
sample_project s.margin
margin export s.margin --segments segments.csv --attributes

# same_lines GOT WANT DESCRIPTION: the same lines, in any order.
same_lines() {
    expect_equal "$(printf '%s\n' "$1" | LC_ALL=C sort)" "$(printf '%s\n' "$2" | LC_ALL=C sort)" "$3"
}

# recount KEY...: counts the export's rows by the columns named, as "key|key|n" lines.
recount() {
    python3 - segments.csv "$@" <<'PY'
import collections, csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
counts = collections.Counter(tuple(r[k] or "(none)" for k in sys.argv[2:]) for r in rows)
for key in counts:
    print("|".join(key + (str(counts[key]),)))
PY
}

# cells: the nonzero cells of a counts CSV on standard input as "code|column|n" lines, sorted.
cells() {
    python3 -c 'import csv, sys
rows = list(csv.reader(sys.stdin))
out = []
for r in rows[1:]:
    for name, n in zip(rows[0][2:], r[2:]):
        if int(n):
            out.append("%s|%s|%s" % (r[0], name, n))
for line in out: print(line)' | LC_ALL=C sort
}

run counts s.margin --format csv
expect_ok "counts by code"
got=$(printf '%s\n' "$out" | cells | grep '|all references|' | sed 's/|all references|/|/' | LC_ALL=C sort)
same_lines "$got" "$(recount code)" "references per code are the rows of the export"
got=$(printf '%s\n' "$out" | cells | grep '|A references|' | sed 's/|A references|/|A|/' | LC_ALL=C sort)
same_lines "$got" "$(recount code coder | grep '|A|')" "and per coder"
got=$(printf '%s\n' "$out" | cells | grep '|all sources|' | sed 's/|all sources|/|/' | LC_ALL=C sort)
same_lines "$got" "$(python3 - segments.csv <<'PY'
import collections, csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
sources = collections.defaultdict(set)
for r in rows: sources[r["code"]].add(r["source"])
for code in sources: print("%s|%d" % (code, len(sources[code])))
PY
)" "sources per code are the distinct sources in the export"
expect_equal "$(printf '%s\n' "$out" | python3 -c 'import csv,sys; print(len(list(csv.reader(sys.stdin))) - 1)')" \
    "$(sql s.margin "select count(*) from codes")" "every code has a row, as in NVivo's table"

run counts s.margin --by case --format csv
got=$(printf '%s\n' "$out" | cells | awk -F'|' '{print $1 "|" $2 "|" $3}')
same_lines "$got" "$(recount code case)" "code by case are the export's rows by case"

run counts s.margin --by attribute --attribute site --format csv
got=$(printf '%s\n' "$out" | cells)
same_lines "$got" "$(recount code site)" "code by attribute value are the export's rows by value"

run counts s.margin --by case --where "site = Site A" --coder B --format csv
got=$(printf '%s\n' "$out" | cells)
same_lines "$got" "$(margin export s.margin --segments - --where "site = Site A" --coder B >seg-a.csv &&
    python3 - seg-a.csv <<'PY'
import collections, csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
c = collections.Counter((r["code"], r["case"]) for r in rows)
for k in c: print("%s|%s|%d" % (k + (c[k],)))
PY
)" "filters count what the export with the same filters lists"

run counts s.margin --by cooccurrence --format csv
expect_ok "co-occurrence"
pair=$(printf '%s\n' "$out" | python3 -c 'import csv,sys
rows = list(csv.DictReader(sys.stdin))
best = max(rows, key=lambda r: int(r["overlapping"]))
print(best["code"], best["overlapping"], best["same turn"])')
set -- $pair
x=$1 y=$3 overlapping=$4 turns=$5
hits=$(margin query s.margin "$x and $y" --format csv | python3 -c 'import csv,sys; print(len(list(csv.DictReader(sys.stdin))))')
expect_equal "$overlapping" "$hits" "overlapping counts what the query X and Y finds ($x, $y)"
expect_equal "$turns" "$(python3 - s.margin "$x" "$y" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def code_id(number):
    parent = None
    for part in number.split("."):
        q = "select id from codes where position = ? and parent_id " + ("is null" if parent is None else "= ?")
        parent = db.execute(q, (int(part),) if parent is None else (int(part), parent)).fetchone()[0]
    return parent
x, y = code_id(sys.argv[2]), code_id(sys.argv[3])
n = 0
for source, start, end in db.execute("select source_id, start, end from turns"):
    has = lambda c: db.execute("select count(*) from codings where source_id = ? and code_id = ? and start < ? and end > ?", (source, c, end, start)).fetchone()[0] > 0
    n += has(x) and has(y)
print(n)
PY
)" "same turn counts the turns holding both"

run counts s.margin --by attribute
expect_status 1 "--by attribute without --attribute is refused"
run counts s.margin --attribute nothing
expect_error 1 "there is no case attribute 'nothing'" "an unknown attribute is refused"
run counts s.margin --coder Z
expect_error 1 "there is no coder named 'Z'" "an unknown coder is refused"
run counts s.margin
expect_contains "$out" "01.02.01     Management, leadership and decision maki" "text lines up codes and names"
run counts s.margin --format json
expect_equal "$(printf '%s\n' "$out" | python3 -c 'import json,sys; d = json.load(sys.stdin); print(d["columns"][-1], len(d["rows"][0]["counts"]))')" \
    "all references 6" "json carries the columns and counts"

run counts s.margin --output counts.xlsx
expect_ok "counts as a workbook"
got=$(/usr/bin/python3 - counts.xlsx <<'PY'
import sys
try:
    import openpyxl
except ImportError:
    sys.exit("python3-openpyxl is needed (scripts/lib/packages.sh)")
rows = list(openpyxl.load_workbook(sys.argv[1]).active.iter_rows(values_only=True))
for r in rows[1:]:
    if r[-1]:
        print("%s|%d" % (r[0], r[-1]))
PY
)
same_lines "$got" "$(recount code)" "its references per code are the rows of the export, as numbers"

# The segment export as a workbook, chosen by the file's extension: the CSV's rows, the offsets
# as numbers, a memo or text starting with = as a string.
margin code s.margin --coder C --source int01 --code 11 --start 0 --end 9 --memo "=1+1" >/dev/null
run export s.margin --segments segments.xlsx --coder C
expect_ok "the segments as a workbook"
got=$(/usr/bin/python3 - segments.xlsx <<'PY'
import sys
try:
    import openpyxl
except ImportError:
    sys.exit("python3-openpyxl is needed (scripts/lib/packages.sh)")
ws = openpyxl.load_workbook(sys.argv[1]).active
header = [c.value for c in ws[1]]
row = {h: c for h, c in zip(header, ws[2])}
print(ws.title, ws.max_row, ",".join(header), row["start"].value, row["end"].data_type,
      row["memo"].data_type, row["memo"].value, row["text"].value)
PY
)
expect_equal "$got" "Segments 2 source,case,coder,code,code_name,start,end,speaker,text,memo 0 n s =1+1 Interview" \
    "openpyxl reads it: the offsets are numbers, a memo starting with = a string"

finish
