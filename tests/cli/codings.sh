#!/bin/sh
# Coding spans, importing codings, and exporting coded segments.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
margin init p.margin >/dev/null
margin codebook import p.margin "$SOURCE_ROOT/codebooks/pcn-2020.yaml" >/dev/null
printf 'Interviewer: What changed?\nDr Okafor: Siobhán — our manager — runs the board; €12k a year.\nInterviewer: And?\nDr Okafor: Zoë handles rotas.\n' >int07.txt
margin import p.margin int07.txt --case P07 >/dev/null

run code p.margin --coder A --source int07 --code 7.1.2 --start 38 --end 76 --memo 'board, "chair"'
expect_ok "a span is coded by a lenient number"
expect_equal "$out" "coded int07 38-76 as 07.01.02 Management and governance" "code reports the span and the code"
run code p.margin --coder A --source int07 --code 07.01.02 --start 38 --end 76
expect_equal "$out" "already coded: int07 38-76 as 07.01.02 Management and governance; nothing changed" \
    "coding the same span again adds nothing"
run code p.margin --coder B --source int07 --code "Resources" --start 0 --end 5
expect_error 1 "2 codes are named 'Resources' (06.01.05, 07.01.06); give the number instead" \
    "an ambiguous name is refused with the candidates"
run code p.margin --coder B --source int07 --code 01 --start 0 --end 5
expect_error 1 "code 01 'General information' is a heading and cannot be coded" "headings cannot be coded"
run code p.margin --coder B --source int07 --code 11 --start 0 --end 500
expect_error 1 "the span 0-500 ends past the end of int07, which has 139 characters" \
    "an offset past the end is refused"
run code p.margin --coder B --source int07 --code 11 --start 9 --end 9
expect_error 1 "the span 9-9 is empty or reversed; start must be less than end" "an empty span is refused"
run code p.margin --coder B --source int99 --code 11 --start 0 --end 5
expect_error 1 "there is no source named 'int99'" "an unknown source is refused"
run code p.margin --coder B --source int07 --code 11 --start x --end 5
expect_status 1 "a non-numeric offset is a usage error"

cat >codings.csv <<'CSV'
coder,source,code,start,end,memo
B,int07,07.01.02,38,59,
B,int07,11,38,76,"quotable, ""board"""
A,int07,06.01.02 Management and governance,120,138,
CSV
run codings import p.margin codings.csv
expect_ok "a codings file imports"
expect_equal "$out" "codings: 3 added" "and reports what it added"
run codings import p.margin codings.csv
expect_equal "$out" "codings: 0 added, 3 already present" "importing it twice adds nothing"

for bad in 'B,int07,11,100,200,|codings.csv:3: the span 100-200 ends past the end of int07, which has 139 characters' \
    'B,int07,11,50,40,|codings.csv:3: the span 50-40 is empty or reversed; start must be less than end' \
    'B,int07,99.99,1,2,|codings.csv:3: no code is numbered 99.99' \
    'B,int8,11,1,2,|codings.csv:3: there is no source named '"'"'int8'"'"'' \
    'B,int07,11,one,2,|codings.csv:3: start and end must be whole numbers of characters, not '"'"'one'"'"' and '"'"'2'"'"''; do
    row=${bad%%|*}
    message=${bad#*|}
    printf 'coder,source,code,start,end,memo\nC,int07,11,0,5,\n%s\n' "$row" >codings.csv
    run codings import p.margin codings.csv
    expect_error 1 "$message" "a bad row is refused: ${message#*: }"
done
expect_equal "$(sql p.margin "select count(*) from codings")" "4" "no row of a refused file is written"
expect_equal "$(sql p.margin "select count(*) from coders where name = 'C'")" "0" "nor its coder"
printf 'coder,source,code,start\n' >short.csv
run codings import p.margin short.csv
expect_error 1 "short.csv:1: there is no 'end' column (expected coder,source,code,start,end and optionally memo)" \
    "a missing column is named"

run export p.margin --segments segments.csv
expect_ok "segments export"
expect_equal "$(head -n 1 segments.csv | tr -d '\r')" "source,case,coder,code,code_name,start,end,speaker,text,memo" \
    "the export has the documented header"
python3 - segments.csv int07.txt >check.txt <<'PY'
import csv, sys
text = open(sys.argv[2], encoding="utf-8").read()
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
bad = [r for r in rows if text[int(r["start"]):int(r["end"])] != r["text"]]
mine = [r for r in rows if r["coder"] == "A" and r["code"] == "07.01.02"][0]
print(len(rows), len(bad), mine["text"], mine["memo"])
PY
expect_equal "$(cat check.txt)" '4 0 Siobhán — our manager — runs the board board, "chair"' \
    "each segment carries exactly the text between its offsets, non-ASCII included"
run export p.margin --segments - --coder B --code 07.01
expect_equal "$(printf '%s\n' "$out" | tr -d '\r' | cut -d, -f1-7)" "source,case,coder,code,code_name,start,end
int07,P07,B,07.01.02,Management and governance,38,59" "filters by coder and by code with its sub-codes"
run export p.margin --segments - --code 07
expect_equal "$(printf '%s\n' "$out" | wc -l)" "3" "a heading's filter includes its sub-codes"
run export p.margin --segments - --coder Nobody
expect_error 1 "there is no coder named 'Nobody'" "an unknown coder is refused"

printf 'coder,source,code,start,end,memo\nA,int07,11,0,12,"=HYPERLINK(""x"")"\n' >formula.csv
run codings import p.margin formula.csv
expect_ok "a memo that looks like a formula imports"
run export p.margin --segments - --code 11 --coder A --safe-csv
expect_contains "$out" ",\"'=HYPERLINK(\"\"x\"\")\"" "--safe-csv neutralises formula cells"
run export p.margin --segments - --code 11 --coder A
expect_contains "$out" ',"=HYPERLINK(""x"")"' "without it the cell is exact"

# Memos come back: a new memo on an existing coding replaces the old one, from margin code and
# from an exported file whose memos were edited, and each says so.
run code p.margin --coder A --source int07 --code 07.01.02 --start 38 --end 76 --memo "board, chair"
expect_equal "$status $out" "0 changed the memo of the coding of int07 38-76 as 07.01.02 Management and governance" \
    "margin code with another memo changes the memo"
expect_equal "$(sql p.margin "select memo from codings where start = 38 and end = 76 and coder_id = (select id from coders where name = 'A')")" \
    "board, chair" "and the new memo is stored"
run export p.margin --segments edited.csv
python3 - edited.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
for r in rows:
    if r["coder"] == "A" and r["code"] == "07.01.02":
        r["memo"] = "corrected in the spreadsheet"
    if r["coder"] == "B" and r["code"] == "11":
        r["memo"] = ""
with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
    w.writeheader()
    w.writerows(rows)
PY
run codings import p.margin edited.csv
expect_equal "$status $out" "0 codings: 0 added, 2 with a changed memo, 3 already present" \
    "an edited export comes back with its memos, and says how many changed"
expect_equal "$(sql p.margin "select memo from codings where start = 38 and end = 76 and coder_id = (select id from coders where name = 'A')")" \
    "corrected in the spreadsheet" "a corrected memo is stored"
expect_equal "$(sql p.margin "select ifnull(memo, 'none') from codings where start = 38 and end = 76 and coder_id = (select id from coders where name = 'B')")" \
    "none" "an emptied memo cell removes the memo"

# One rule for coders' names, wherever a coder is named.
for bad in ' |the coder'"'"'s name '"'"' '"'"' starts or ends with a space; leave it out' \
    'Z |the coder'"'"'s name '"'"'Z '"'"' starts or ends with a space; leave it out'; do
    name=${bad%%|*}
    run code p.margin --coder "$name" --source int07 --code 11 --start 0 --end 3
    expect_error 1 "${bad#*|}" "margin code refuses the coder's name '$name'"
done
long=$(python3 -c 'print("é" * 70)')
run code p.margin --coder "$long" --source int07 --code 11 --start 0 --end 3
expect_error 1 "the coder's name '$(python3 -c 'print("é" * 46)')...' has 70 characters; a name has at most 64" \
    "a name of 70 characters is refused, not cut"
printf 'coder,source,code,start,end\n"Z ",int07,11,0,3\n' >badname.csv
run codings import p.margin badname.csv
expect_error 1 "badname.csv:2: the coder's name 'Z ' starts or ends with a space; leave it out" \
    "a codings file's coder is held to the same rule, named by line"
printf '@state\n' >state.script
run --script state.script --coder "$(python3 -c 'print("x" * 300)')" p.margin
expect_contains "$err" "has 300 characters; a name has at most 64" "so is the screen's --coder, whole"
expect_equal "$(sql p.margin "select count(*) from coders where name like 'xxx%' or name like 'Z%' or name like 'é%'")" \
    "0" "and none of these coders was added"
run code p.margin --coder "Smith, J" --source int07 --code 11 --start 0 --end 3
expect_ok "a name with a comma is a name"
run compare p.margin --coders '"Smith, J",A' --source int07 --format json
expect_ok "compare --coders takes a name with a comma in double quotes"
expect_contains "$out" '"Smith, J"' "and compares that coder"
run retrieve p.margin --code 11 --coder '"Smith, J"' --format csv
expect_contains "$out" ',"Smith, J",' "retrieve --coder takes the same quoted name"
run counts p.margin --coder '"Smith, J"' --format csv
expect_contains "$out" '"Smith, J sources"' "and so does counts --coder"
run retrieve p.margin --code 11 --coder 'A,,B'
expect_error 1 "--coder: an empty name at character 3 of 'A,,B'" "an empty name in --coder is named"
run compare p.margin --coders 'A,,B'
expect_contains "$err" "margin compare: --coders: an empty name at character 3 of 'A,,B'" \
    "an empty name in --coders is named"

# "-" reads the codings from standard input, a pipe say; messages name "standard input".
printf 'coder,source,code,start,end\nD,int07,11,0,7\n' | margin codings import p.margin - \
    >"$work/stdout" 2>"$work/stderr"
status=$?
expect_equal "$status $(cat "$work/stdout")" "0 codings: 1 added" "codings are read from a pipe given as -"
printf 'coder,source,code,start,end\nD,int07,11,0,700\n' | margin codings import p.margin - \
    >"$work/stdout" 2>"$work/stderr"
status=$?
expect_equal "$status $(cat "$work/stderr")" \
    "1 margin: standard input:2: the span 0-700 ends past the end of int07, which has 139 characters" \
    "a bad row from standard input is refused, naming standard input and the line"

# One coder's codings of one code never overlap or touch: a span that does joins them into one
# coding, keeping every memo; the screen's undo takes the joining back.
spans() {
    sql p.margin "select c.start, c.end, replace(coalesce(c.memo, ''), char(10), '/') from codings c join coders d on
        d.id = c.coder_id join codes k on k.id = c.code_id where d.name = 'J' and k.name =
        'Management and governance' order by c.start"
}
margin code p.margin --coder J --source int07 --code 07.01.02 --start 0 --end 10 --memo first >/dev/null
margin code p.margin --coder J --source int07 --code 07.01.02 --start 40 --end 50 --memo second >/dev/null
run code p.margin --coder J --source int07 --code 07.01.02 --start 5 --end 20
expect_equal "$out" "coded int07 5-20 as 07.01.02 Management and governance, joined with the 1 coding of it that it overlaps or touches: now 0-20" \
    "a span overlapping a coding of the same code joins it, and says so"
run code p.margin --coder J --source int07 --code 07.01.02 --start 20 --end 40 --memo third
expect_equal "$out" "coded int07 20-40 as 07.01.02 Management and governance, joined with the 2 codings of it that it overlaps or touches: now 0-50" \
    "a span touching codings at both ends joins them all"
expect_equal "$(spans)" "0|50|first//second//third" "into one coding that keeps every memo"
run code p.margin --coder J --source int07 --code 07.01.02 --start 10 --end 30
expect_equal "$out" "already coded: int07 10-30 lies within the coding 0-50 as 07.01.02 Management and governance; nothing changed" \
    "a span inside a coding of the same code adds nothing"
margin code p.margin --coder K --source int07 --code 07.01.02 --start 45 --end 60 >/dev/null
expect_equal "$(spans | cut -d'|' -f1-2 | tr '\n' ' ')" "0|50 " "another coder's coding is not joined to it"
printf 'u\n@state\n' >undo-join.script
run --script undo-join.script --coder J p.margin
expect_contains "$out" "message: undone: coded int07 20-40 as 07.01.02 Management and governance" \
    "undo takes the joining back"
expect_equal "$(spans)" "0|20|first
40|50|second" "leaving the codings as they were"

finish
