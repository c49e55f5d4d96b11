#!/bin/sh
# Quotes: marking codings as quotes and taking the mark off, the journal, citation labels by
# template, the quotes in text, Markdown, CSV, JSON and a workbook, the matrix's quotes, and a
# quote that follows its coding through a source update and a redaction.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
sample_project s.margin

# csv_cells: prints the given columns of CSV on standard input, one row a line, "|" between.
csv_cells() {
    python3 -c 'import csv, sys
cols = sys.argv[1].split(",")
for r in csv.DictReader(sys.stdin):
    print("|".join(r[c] for c in cols))' "$1"
}

# Marking, by span and by number.
run quote s.margin --coder Lead --source int01 --start 4762 --end 5355
expect_error 1 "2 codings span 4762-5355 of int01: 01.02.01 Management, leadership and decision making, coded by B (coding 90); 07.02 Tensions, coded by A (coding 19); say which with --code, --coded-by or --coding" \
    "a span several codings share is refused, with them listed"
run quote s.margin --coder Lead --source int01 --start 4762 --end 5355 --code 07.02
expect_equal "$out" "marked as a quote: int01 4762-5355, 07.02 Tensions, coded by A" \
    "--code says which coding"
run quote s.margin --coder Lead --source int02 --start 4412 --end 4591
expect_equal "$out" "marked as a quote: int02 4412-4591, 07.01.02 Management and governance, coded by B" \
    "a span one coding has needs nothing more"
run quote s.margin --coder Lead --source int05 --start 4573 --end 5049 --coded-by A --code 07.01.05
expect_ok "--code and --coded-by say whose coding at which code"
run quote s.margin --coder Lead --source obs01 --start 770 --end 864
expect_ok "a coding of an observation"
id=$(sql s.margin "select id from codings where source_id = (select id from sources where name = 'int01') and start = 229 and end = 694 and code_id = (select id from codes where name = 'Role')")
run quote s.margin --coder Lead --coding "$id"
expect_equal "$out" "marked as a quote: int01 229-694, 10.01 Role, coded by A" "--coding names it by number"
run quote s.margin --coder Lead --coding "$id"
expect_equal "$out" "already a quote: int01 229-694, 10.01 Role, coded by A; nothing changed" \
    "marking a quote again changes nothing"
run quote s.margin --coder Lead --source int01 --start 4762 --end 5300
expect_error 1 "int01 has no coding from 4762 to 5300" "a span no coding has is refused"
run quote s.margin --coder Lead --coding 99999
expect_error 1 "there is no coding number 99999" "so is a number no coding has"
run quote s.margin --coder Lead --source int01 --start 1
expect_status 1 "a span needs its end"
run quote s.margin --source int01 --start 4762 --end 5355 --code 07.02
expect_status 1 "marking needs a coder"
expect_equal "$(sql s.margin "select count(*) from quotes")" "5" "five quotes are stored"
expect_equal "$(sql s.margin "select count(*), count(distinct batch), min(undo) from journal where operation = 'quote.set' and undo like 'quote.set $id %'")" \
    "1|1|quote.set $id 0" "each mark is a journaled change that undo reverses"

run quote s.margin --coder Lead --coding "$id" --remove
expect_equal "$out" "no longer a quote: int01 229-694, 10.01 Role, coded by A" "--remove takes the mark off"
expect_equal "$(sql s.margin "select count(*) from quotes")" "4" "and four are left"
run quote s.margin --coder Lead --coding "$id" --remove
expect_contains "$out" "nothing changed" "taking it off again changes nothing"
run quote s.margin --coder Lead --coding "$id"

# The default label, the text listing and filters.
run quotes s.margin
expect_ok "quotes lists them"
expect_contains "$out" "int01 (P01), Respondent, 4762-5355, coder A, 07.02 Tensions, coding 19
    “Decisions are meant to be by consensus" "each with its place and its text"
expect_equal "$(printf '%s\n' "$out" | grep -c '^int')" "4" "in order of source and place"
expect_contains "$out" "5 quotes, labelled by ({source.name})" "labelled by the default template"
run quotes s.margin --code 07 --format csv
expect_equal "$(printf '%s\n' "$out" | csv_cells source,code)" "int01|07.02
int02|07.01.02
int05|07.01.05" "--code keeps the quotes at a code and its sub-codes"
run quotes s.margin --where "site = Site B" --format csv
expect_equal "$(printf '%s\n' "$out" | csv_cells source)" "int02" "--where keeps those of some cases"
run quotes s.margin --case M01 --format csv
expect_equal "$(printf '%s\n' "$out" | csv_cells source)" "obs01" "--case keeps those of a case"
run quotes s.margin --coder B --format csv
expect_equal "$(printf '%s\n' "$out" | csv_cells source | tr '\n' ' ')" "int02 obs01 " "--coder keeps a coder's"
run quotes s.margin --code 99
expect_status 1 "an unknown code is refused"

# Templates: every kind of field, braces, and a field the project does not have.
run quotes s.margin --format csv --label '{source.name}/{source.number}/{source.kind}/{case.name}/{case.staff_group}/{speaker}/{coder}/{code.number}/{code.name}/{{x}}'
expect_equal "$(printf '%s\n' "$out" | csv_cells label)" "int01/1/interview/P01/GP/Respondent/A/10.01/Role/{x}
int01/1/interview/P01/GP/Respondent/A/07.02/Tensions/{x}
int02/2/interview/P02/Practice manager/R/B/07.01.02/Management and governance/{x}
int05/5/interview/P01/GP/Dr Okafor/A/07.01.05/Policy and regulation challenges/{x}
obs01/1/observation/M01///B/04.03.02/Negative/{x}" \
    "--label fills every kind of field; an empty value stays empty"
run quotes s.margin --label '(Int{source.number}, {case.staf_group})'
expect_error 1 "--label column 22: unknown field 'case.staf_group' (the fields are source.name, source.number, source.kind, case.name, speaker, coder, code.number, code.name and case.ATTRIBUTE for the attributes site, staff_group, role, rurality, interviews)" \
    "an unknown field is named with its column"
run quotes s.margin --label '(Int{source.number'
expect_error 1 "--label column 5: '{' without its '}' (write '{{' for a brace)" "so is a brace left open"
run quotes s.margin --set-label '(Int{source.number}, {case.site'
expect_error 1 "--set-label column 22: '{' without its '}' (write '{{' for a brace)" \
    "a template that cannot be read is not set"
run quotes s.margin --set-label '(Int{source.number}, {case.staff_group}, site {case.site})'
expect_equal "$out" "citation label: (Int{source.number}, {case.staff_group}, site {case.site})" \
    "--set-label sets the project's template"
expect_equal "$(sql s.margin "select value from settings where key = 'quotes.label'")" \
    "(Int{source.number}, {case.staff_group}, site {case.site})" "as a project setting"

# Markdown.
run quotes s.margin --code 07 --format md
expect_equal "$(printf '%s\n' "$out" | grep -v '^> ')" "# Quotes

## 07.01.02 Management and governance


## 07.01.05 Policy and regulation challenges


## 07.02 Tensions" "md: a heading per code in the codebook's order"
expect_equal "$(printf '%s\n' "$out" | grep '^> ' | sed 's/.*\((Int[^)]*)\)$/\1/')" "(Int2, Practice manager, site Site B)
(Int5, GP, site Site A)
(Int1, GP, site Site A)" "each quote a block quote that ends in its label"
expect_contains "$out" "two whole meetings arguing about the weighting. \\[laughs\\] The small practices" \
    "with the text whole, brackets escaped"
printf 'Line one with *stars* and [brackets].\n- a dash\n1. first\n' >md.txt
margin import s.margin md.txt --case P02 >/dev/null
margin code s.margin --coder A --source md --code 07.02 --start 0 --end 55 >/dev/null
margin quote s.margin --coder A --source md --start 0 --end 55 >/dev/null
run quotes s.margin --source md --format md
expect_equal "$(printf '%s\n' "$out" | tail -n 3)" '> Line one with \*stars\* and \[brackets\].\
> \- a dash\
> 1\. first (Int, Practice manager, site Site B)' \
    "md escapes what would be markup and keeps the quote's lines"
margin quote s.margin --coder A --source md --start 0 --end 55 --remove >/dev/null

# CSV, JSON and a workbook.
run quotes s.margin --code 07.01 --format csv
expect_equal "$(printf '%s\n' "$out" | head -n 1 | tr -d '\r')" \
    "coding,source,case,speaker,coder,code,code_name,start,end,text,label" "the CSV header"
expect_equal "$(printf '%s\n' "$out" | csv_cells coding,case,speaker,start,end,label)" \
    "$(sql s.margin "select c.id from codings c join quotes q on q.coding_id = c.id join sources s on s.id = c.source_id where s.name = 'int02'")|P02|R|4412|4591|(Int2, Practice manager, site Site B)
$(sql s.margin "select c.id from codings c join quotes q on q.coding_id = c.id join sources s on s.id = c.source_id where s.name = 'int05'")|P01|Dr Okafor|4573|5049|(Int5, GP, site Site A)" \
    "a row per quote with its coding, place and label"
margin code s.margin --coder A --source int03 --code 07.02 --start 0 --end 10 >/dev/null
margin quote s.margin --coder A --source int03 --start 0 --end 10 >/dev/null
margin cases import s.margin - >/dev/null <<'EOF'
case,staff_group
P03,=cmd
EOF
run quotes s.margin --source int03 --format csv --safe-csv --label '{case.staff_group}'
expect_equal "$(printf '%s\n' "$out" | csv_cells label)" "'=cmd" \
    "--safe-csv neutralises a cell that would be a formula"
run quotes s.margin --source int03 --format csv --label '{case.staff_group}'
expect_equal "$(printf '%s\n' "$out" | csv_cells label)" "=cmd" "only when asked"
export MARGIN_SAFE_CSV=1
run quotes s.margin --source int03 --format csv --label '{case.staff_group}'
unset MARGIN_SAFE_CSV
expect_equal "$(printf '%s\n' "$out" | csv_cells label)" "'=cmd" \
    "as when the user asks for it for every export"
run settings s.margin safe-csv on
run quotes s.margin --source int03 --format csv --label '{case.staff_group}'
expect_equal "$(printf '%s\n' "$out" | csv_cells label)" "'=cmd" "or the project does"
run settings s.margin safe-csv off
run quotes s.margin --source int03 --safe-csv
expect_status 1 "--safe-csv goes with CSV"
run quotes s.margin --code 07 --format json
got=$(printf '%s\n' "$out" | python3 -c 'import json, sys
d = json.load(sys.stdin)
print(d["label_template"], d["count"], [q["label"] for q in d["quotes"]][0], d["quotes"][0]["speaker"])')
expect_equal "$got" "(Int{source.number}, {case.staff_group}, site {case.site}) 4 (Int1, GP, site Site A) Respondent" \
    "JSON has the template and each quote with its label"
run quotes s.margin --output q.xlsx
expect_ok "quotes as a workbook, chosen by the file's extension"
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
    got=$(/usr/bin/python3 - q.xlsx <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = list(ws.iter_rows(values_only=True))
three = [r for r in rows if r[1] == "int03"][0]
print(ws.title, len(rows) - 1, rows[0][9], rows[0][10], type(three[0]).__name__, three[10],
      ws.cell(row=rows.index(three) + 1, column=11).data_type)
print([r[10] for r in rows if r[1] == "int02"][0])
PY
)
    expect_equal "$got" "Quotes 6 text label int (Int3, =cmd, site Site C) s
(Int2, Practice manager, site Site B)" "openpyxl reads it: a label starting with = stays a string, numbers are numbers"
else
    mkdir x && (cd x && unzip -q ../q.xlsx)
    expect_contains "$(cat x/xl/sharedStrings.xml)" "(Int3, =cmd, site Site C)" "the workbook holds the labels as strings"
fi
run quotes s.margin --format xlsx
expect_status 1 "a workbook needs --output"

# The framework matrix with its quotes.
run matrix s.margin --theme 07 --quotes --format csv
expect_equal "$(printf '%s\n' "$out" | head -n 1 | tr -d '\r' | cut -d, -f1-4)" \
    "case,07.01 Types of challenges or failures,07.01 Types of challenges or failures (segments),07.01 Types of challenges or failures (quotes)" \
    "--quotes adds a quotes column per code"
expect_equal "$(printf '%s\n' "$out" | python3 -c 'import csv, sys
rows = {r[0]: r for r in csv.reader(sys.stdin)}
print(rows["P02"][3])
print(rows["P01"][6][-23:])
print(repr(rows["P01"][3][-25:]), rows["M01"][3] == "")')" \
    "“And there's some confusion about who Siobhán actually works for. If the federation asks her to do one thing and the board asks her to do something different, whose side is she on?” (Int2, Practice manager, site Site B)
(Int1, GP, site Site A)
'” (Int5, GP, site Site A)' True" \
    "each cell holds its case's quotes at the code and its sub-codes, cited by label"
run matrix s.margin --theme 07 --quotes
expect_contains "$out" "  07.01 Types of challenges or failures (14 segments)  to summarise
    > “And there's some confusion" "text shows the quotes under their cells"
run matrix s.margin --theme 07 --format csv
expect_equal "$(printf '%s\n' "$out" | head -n 1 | grep -c quotes)" "0" "without --quotes, no quotes"
run matrix s.margin --theme 07 --quotes --output m.xlsx
expect_ok "the matrix with quotes as a workbook"
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
    got=$(/usr/bin/python3 - m.xlsx <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = {r[0]: r for r in ws.iter_rows(values_only=True)}
print(ws.max_column, rows["case"][3], rows["P02"][3][-37:])
PY
)
    expect_equal "$got" "13 07.01 Types of challenges or failures (quotes) (Int2, Practice manager, site Site B)" \
        "openpyxl reads the quotes column"
fi

# A quote follows its coding: through a source update and a redaction.
python3 - "$SOURCE_ROOT/samples/transcripts/int02.txt" <<'PY' >int02.txt
import sys
sys.stdout.write(open(sys.argv[1], encoding="utf-8").read().replace("some confusion", "some real confusion", 1))
PY
margin source update s.margin int02 int02.txt --coder A >/dev/null
run quotes s.margin --source int02 --format csv
expect_equal "$(printf '%s\n' "$out" | csv_cells start,end | tr '\n' ' ')" "4412|4596 " \
    "a source update moves the quote with its coding"
expect_contains "$out" "some real confusion" "and it quotes the new text"
printf 'original,replacement\nSiobhán,[Name 1]\n' >map.csv
margin redact s.margin --map map.csv --coder lead >/dev/null
run quotes s.margin --source int02 --format csv
expect_contains "$out" "who [Name 1] actually works for" "a redaction rewrites the quote with its coding"

# A quote whose text a source update deletes is detached with its coding: left out, and its mark
# can still be taken off.
obs=$(sql s.margin "select q.coding_id from quotes q join codings c on c.id = q.coding_id join sources s on s.id = c.source_id where s.name = 'obs01'")
python3 - "$SOURCE_ROOT/samples/transcripts/obs01.txt" <<'PY' >obs01.txt
import sys
sys.stdout.write(open(sys.argv[1], encoding="utf-8").read().replace(
    "The meeting started about fifteen minutes late because two GPs were finishing evening surgery. ", "", 1))
PY
margin source update s.margin obs01 obs01.txt --coder A >/dev/null
run quotes s.margin --format csv
expect_equal "$(printf '%s\n' "$out" | csv_cells source | tr '\n' ' ')" "int01 int01 int02 int03 int05 " \
    "the quote of a detached coding is left out"
run quote s.margin --coder Lead --coding "$obs"
expect_error 1 "coding $obs is detached: its text was deleted (see margin detached)" \
    "a detached coding cannot be marked"
run quote s.margin --coder Lead --coding "$obs" --remove
expect_equal "$out" "no longer a quote: obs01 770-770, 04.03.02 Negative, coded by B" \
    "but its mark can be taken off"

# Deleting the coding takes its quote.
margin source delete s.margin int03 --yes >/dev/null
run quotes s.margin --format csv
expect_equal "$(printf '%s\n' "$out" | csv_cells source | tr '\n' ' ')" "int01 int01 int02 int05 " \
    "the quote of a deleted coding is gone"

# A template the project can no longer fill is reported where it is kept.
python3 - s.margin <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("update settings set value = '({case.region})' where key = 'quotes.label'")
db.commit()
PY
run quotes s.margin
expect_status 1 "a stored template naming a missing attribute is refused"
expect_contains "$err" "the project's label template (see --set-label), column 2: unknown field 'case.region'" \
    "saying which template"
run quotes s.margin --set-label default
expect_equal "$out" "citation label: ({source.name})" "--set-label default goes back to the default"

chmod a-w s.margin
run quotes s.margin
expect_ok "listing quotes only reads the project"
chmod u+w s.margin

finish
