#!/bin/sh
# The framework matrix: summaries per case and code, segment counts, output formats.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
sample_project s.margin

run matrix s.margin --theme 07 --format csv
expect_ok "the matrix of a theme"
expect_equal "$(printf '%s\n' "$out" | head -n 1 | tr -d '\r')" \
    "case,07.01 Types of challenges or failures,07.01 Types of challenges or failures (segments),07.02 Tensions,07.02 Tensions (segments),07.03 Overcoming challenges or failures,07.03 Overcoming challenges or failures (segments),07.04 Other information on challenges or failures,07.04 Other information on challenges or failures (segments)" \
    "a summary and a segment column per sub-code"
got=$(printf '%s\n' "$out" | python3 -c 'import csv,sys
rows = list(csv.reader(sys.stdin))
for r in rows[1:]: print(r[0], r[2], r[4])')
expect_equal "$got" "$(sql s.margin "with recursive t(id, top) as (
    select id, id from codes where parent_id = (select id from codes where parent_id is null and position = 7)
    union all select c.id, t.top from codes c join t on c.parent_id = t.id)
  select k.name, (select count(*) from codings g join sources s on s.id = g.source_id
                  join t on t.id = g.code_id join codes p on p.id = t.top
                  where s.case_id = k.id and p.position = 1),
                 (select count(*) from codings g join sources s on s.id = g.source_id
                  join t on t.id = g.code_id join codes p on p.id = t.top
                  where s.case_id = k.id and p.position = 2)
  from cases k order by k.name" | tr '|' ' ')" "each cell counts the case's segments at the code and its sub-codes"

run matrix s.margin --set P01 07.01 "Weighting of votes argued over; payee liability." --coder A
expect_equal "$out" "wrote the summary of P01 at 07.01 Types of challenges or failures" "--set writes a summary"
run matrix s.margin --set P02 07.02 "Federation seen as overstepping." --coder A
run matrix s.margin --set P03 07.01 "=SUM(A1) is not a formula here" --coder B
expect_equal "$(sql s.margin "select count(*) from matrix_cells")" "3" "three summaries stored"
expect_equal "$(sql s.margin "select count(*), count(distinct batch) from journal where operation = 'matrix.set'")" \
    "3|3" "each journaled as a change of its own"
run matrix s.margin --set P02 07.02 "Federation seen as overstepping." --coder A
expect_contains "$out" "nothing changed" "writing the same summary again changes nothing"

run matrix s.margin --theme 07
expect_contains "$out" "  07.01 Types of challenges or failures (22 segments)
    Weighting of votes argued over; payee liability." "text shows the summary under its cell"
expect_contains "$out" "  07.02 Tensions (9 segments)  to summarise" \
    "a cell with segments and no summary is marked"
expect_contains "$out" "5 cases x 4 codes: 3 summaries written, 8 cells to summarise" \
    "and the progress is counted"

run matrix s.margin --set P04 07.02 "Rota | cover
and leave" --coder A
run matrix s.margin --theme 07 --cases P01,P04 --format md
expect_equal "$out" "| case | 07.01 Types of challenges or failures | 07.02 Tensions | 07.03 Overcoming challenges or failures | 07.04 Other information on challenges or failures |
|---|---|---|---|---|
| P01 | Weighting of votes argued over; payee liability. (22 segments) | *to summarise* (9 segments) | *to summarise* (2 segments) | (0 segments) |
| P04 | *to summarise* (17 segments) | Rota \\| cover<br>and leave (0 segments) | (0 segments) | (0 segments) |" \
    "Markdown: a table for a report, bars escaped and line feeds as <br>"
run matrix s.margin --set P04 07.02 "" --coder A

run matrix s.margin --codes 07.02,07.01 --cases P02,P01 --format json
got=$(printf '%s\n' "$out" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print([c["code"] for c in d["codes"]], [r["case"] for r in d["cases"]], d["cases"][0]["cells"][0]["summary"], d["cases"][1]["cells"][0]["summary"])')
expect_equal "$got" "['07.02', '07.01'] ['P01', 'P02'] None Federation seen as overstepping." \
    "--codes and --cases choose the columns and rows"
run matrix s.margin --theme 07 --where "site in (Site A, Site C)" --format csv
expect_equal "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1 | tr -d '\r' | tr '\n' ' ')" "M01 P01 P03 " \
    "--where keeps the cases that pass"

run matrix s.margin --set P01 07.01 "" --coder A
expect_equal "$out" "removed the summary of P01 at 07.01 Types of challenges or failures" \
    "an empty summary removes it"
run matrix s.margin --set P01 07.01 "x"
expect_status 1 "--set needs a coder"
run matrix s.margin --set P99 07.01 "x" --coder A
expect_error 1 "there is no case named 'P99'" "an unknown case is refused"
run matrix s.margin --set P01 99 "x" --coder A
expect_status 1 "an unknown code is refused"
run matrix s.margin --theme 07 --codes 07.01
expect_error 1 "choose a theme or codes, not both" "a theme and codes together are refused"
# A workbook: strings stay strings (never formulas), numbers are numbers, any text survives.
run matrix s.margin --set P04 07.01 "=HYPERLINK(\"x\") — Zoë's rota, 5 €" --coder A
run matrix s.margin --theme 07 --output m.xlsx
expect_ok "the matrix as a workbook, chosen by the file's extension"
got=$(/usr/bin/python3 - m.xlsx <<'PY'
import sys
try:
    import openpyxl
except ImportError:
    sys.exit("python3-openpyxl is needed (scripts/lib/packages.sh)")
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
cell = rows["P04"][1]
print(ws.title, ws.max_row - 1, ws.max_column, cell.data_type, cell.value, rows["P04"][2].value)
PY
)
expect_equal "$got" "Framework matrix 5 9 s =HYPERLINK(\"x\") — Zoë's rota, 5 € 17" \
    "openpyxl reads it: a cell starting with = is a string, the segment count a number"
run matrix s.margin --theme 07 --format xlsx
expect_status 1 "a workbook needs --output"
run matrix s.margin --theme 07 --format xlsx --output nowhere/m.xlsx
expect_status 1 "a workbook that cannot be written is reported"

chmod a-w s.margin
run matrix s.margin --theme 07
expect_ok "the matrix only reads the project"
chmod u+w s.margin

finish
