#!/bin/sh
# Retrieval of coded segments, case filters, and the segment export's filters and attributes.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
sample_project s.margin

# The codes under 07 (07 itself included), for cross-checks.
subtree="with recursive t(id) as (select id from codes where parent_id is null and position = 7
  union all select c.id from codes c join t on c.parent_id = t.id) select id from t"

run retrieve s.margin --code 07 --with-subcodes --format csv
expect_ok "retrieve lists the segments of a code and its sub-codes"
rows=$(printf '%s\n' "$out" | python3 -c 'import csv,sys; print(len(list(csv.reader(sys.stdin)))-1)')
expect_equal "$rows" "$(sql s.margin "select count(*) from codings where code_id in ($subtree)")" \
    "as many segments as the project has codings under 07"

run retrieve s.margin --code 07 --with-subcodes --where "site = Site A" --format csv
rows=$(printf '%s\n' "$out" | python3 -c 'import csv,sys; print(len(list(csv.reader(sys.stdin)))-1)')
expect_equal "$rows" "$(sql s.margin "select count(*) from codings g join sources s on s.id = g.source_id
  join case_values v on v.case_id = s.case_id join attributes a on a.id = v.attribute_id
  where a.name = 'site' and v.value = 'Site A' and g.code_id in ($subtree)")" \
    "--where keeps the segments of the cases that pass"
sites=$(printf '%s\n' "$out" | python3 -c 'import csv,sys
rows = list(csv.DictReader(sys.stdin)); print(sorted(set(r["site"] for r in rows)))')
expect_equal "$sites" "['Site A']" "and each row carries its case's attributes"

run retrieve s.margin --code 07.02 --coder B --format json
expect_ok "json output"
got=$(printf '%s\n' "$out" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print(d["count"], sorted(set(s["coder"] for s in d["segments"])), all(s["text"] for s in d["segments"]))')
expect_equal "$got" "$(sql s.margin "select count(*) from codings g join coders c on c.id = g.coder_id
  join codes k on k.id = g.code_id where c.name = 'B' and k.name = 'Tensions'") ['B'] True" \
    "--coder keeps one coder's segments, each with its text"

# The text of each segment is exactly its span of the source.
run retrieve s.margin --code 07.02 --format json --context 10
got=$(printf '%s\n' "$out" | python3 -c '
import json, sqlite3, sys
d = json.load(sys.stdin)
db = sqlite3.connect("s.margin")
bad = 0
for s in d["segments"]:
    (text,) = db.execute("select t.text from source_texts t join sources s on s.id = t.source_id where s.name = ?", (s["source"],)).fetchone()
    if text[s["start"]:s["end"]] != s["text"] or not text[:s["start"]].endswith(s["before"]) or not text[s["end"]:].startswith(s["after"]) or len(s["before"]) > 10:
        bad += 1
print(len(d["segments"]) > 0, bad)')
expect_equal "$got" "True 0" "text and context are the source's characters"

run retrieve s.margin --code 07.02 --source int02
expect_contains "$out" "int02 (P02), R, " "text output names source, case and speaker"
expect_contains "$out" "coder A, 07.02 Tensions" "and coder and code"

run retrieve s.margin --code 07 --where "staff_group in (GP, PM) and not (age >= 40"
expect_error 1 "case filter, column 43: expected ')' to close the '(' at column 33, found the end" \
    "an unclosed parenthesis is named with its column"
run retrieve s.margin --code 07 --where "staff_group in (GP, PM) and not (age >= 40)"
expect_error 1 "case filter, column 34: there is no case attribute 'age'" \
    "an unknown attribute is named with its column"
run retrieve s.margin --code 07 --where "site = A and"
expect_error 1 "case filter, column 13: expected the name of a case attribute, found the end" \
    "a filter that stops short names the column"
run retrieve s.margin --code 07 --where "interviews >= two"
expect_error 1 "case filter, column 15: 'interviews' holds whole numbers, and 'two' is not one" \
    "a value that does not fit a typed attribute is refused"
run retrieve s.margin --code 07 --with-subcodes --where "interviews >= 2" --format csv
expect_equal "$(printf '%s\n' "$out" | python3 -c 'import csv,sys; print(sorted(set(r["case"] for r in csv.DictReader(sys.stdin))))')" \
    "['P01']" "typed attributes compare as numbers"
run retrieve s.margin --code 99
expect_status 1 "an unknown code is refused"
run retrieve s.margin --code 07 --coder Z
expect_error 1 "there is no coder named 'Z'" "an unknown coder is refused"
run retrieve s.margin --code 07 --case P99
expect_error 1 "there is no case named 'P99'" "an unknown case is refused"
run retrieve s.margin --code 07 --consensus
expect_error 1 "nobody has settled a disagreement yet, so there is no consensus coder" \
    "--consensus needs a consensus coder"

# column NAME: the values of a column of the CSV on standard input, one a line.
column() {
    python3 -c 'import csv, sys
for r in csv.DictReader(sys.stdin): print(r[sys.argv[1]])' "$1"
}

# The consensus coder's codings alone.
python3 - s.margin <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("insert into coders(name, created_at) values ('C', '2020-01-01T00:00:00Z')")
c = db.execute("select id from coders where name = 'C'").fetchone()[0]
a, b = [r[0] for r in db.execute("select id from coders where name in ('A', 'B') order by name")]
code, src = db.execute("select code_id, source_id from codings limit 1").fetchone()
db.execute("insert into codings(source_id, code_id, coder_id, start, end, created_at, modified_at) values (?, ?, ?, 0, 5, 'x', 'x')", (src, code, c))
db.execute("insert into decisions(source_id, code_id, consensus_id, first_id, second_id, start, end, choice, decided_at) values (?, ?, ?, ?, ?, 0, 5, 'first', 'x')", (src, code, c, a, b))
db.commit()
PY
number=$(margin export s.margin --segments - --coder C | column code)
run retrieve s.margin --code "$number" --consensus --format csv
expect_equal "$(printf '%s\n' "$out" | column coder | sort -u)" "C" \
    "--consensus lists the consensus coder's codings"

# The export's filters and attribute columns.
run export s.margin --segments - --code 07 --where "site = Site B" --attributes
expect_ok "export takes --where and --attributes"
expect_equal "$(printf '%s\n' "$out" | head -n 1 | tr -d '\r')" \
    "source,case,coder,code,code_name,start,end,speaker,text,memo,site,staff_group,role,rurality,interviews" \
    "--attributes adds a column per attribute"
label=$(printf '%s\n' "$out" | python3 -c 'import csv,sys
r = next(csv.DictReader(sys.stdin)); print("(%s, %s)" % (r["case"], r["staff_group"]))')
expect_equal "$label" "(P02, Practice manager)" "enough for a citation label"
rows=$(printf '%s\n' "$out" | python3 -c 'import csv,sys; print(len(list(csv.reader(sys.stdin)))-1)')
expect_equal "$rows" "$(sql s.margin "select count(*) from codings g join sources s on s.id = g.source_id
  join cases c on c.id = s.case_id where c.name = 'P02' and g.code_id in ($subtree)")" \
    "and keeps only that site's segments"
run export s.margin --segments - --case P04 --case P03
expect_equal "$(printf '%s\n' "$out" | column case | sort -u | tr '\n' ' ')" "P03 P04 " \
    "--case may be given more than once"
run export s.margin --segments - --where "site ="
expect_error 1 "case filter, column 7: expected a value after '=', found the end" \
    "export reports a bad filter by column"
run export s.margin --segments -
expect_equal "$(printf '%s\n' "$out" | head -n 1 | tr -d '\r')" "source,case,coder,code,code_name,start,end,speaker,text,memo" \
    "without --attributes the columns stay as they were"

finish
