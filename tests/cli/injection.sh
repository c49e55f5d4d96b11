#!/bin/sh
# Hostile names and memos: quotes, SQL, line feeds, tabs, terminal escape sequences and very
# long strings go in through every command that takes text and come out exactly in CSV and
# YAML, with the tables intact; listings, messages and the screen show control characters
# visibly and never send them to the terminal raw.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1

# The strings, one per file (no trailing line feed), named s1 ... s7.
python3 - <<'PY'
strings = [
    "O'Brien said \"no\"",
    "'); DROP TABLE codings; --",
    "two\nlines",
    "a\tb",
    "\033[31mred\033[0m",
    "\033]0;pwned\007 title",
    "long " + "abcdéfghi🙂" * 1000,
]
for i, s in enumerate(strings, 1):
    with open("s%d" % i, "w", encoding="utf-8", newline="") as f:
        f.write(s)
PY
s() { cat "s$1"; }
tables() { sql "$1" "select name from sqlite_master where type = 'table' order by name" | tr '\n' ' '; }

margin init p.margin >/dev/null
tables_before=$(tables p.margin)
printf 'Interviewer: first\nRespondent: second\nInterviewer: third\nRespondent: fourth\n' >int01.txt
margin import p.margin int01.txt >/dev/null

# Codebook YAML: names and descriptions with each string, in YAML's own escapes.
python3 - <<'PY' >codes.yaml
import json
print("codes:")
print("  - number: \"01\"\n    name: Plain")
for i in range(1, 8):
    s = open("s%d" % i, encoding="utf-8").read()
    print("  - number: \"%02d\"" % (i + 1))
    print("    name: %s" % json.dumps(s, ensure_ascii=False))
    print("    description: %s" % json.dumps(s, ensure_ascii=False))
PY
run codebook import p.margin codes.yaml
expect_equal "$out" "codebook: 8 added, 0 updated, 0 unchanged; the project has 8 codes" \
    "a codebook with hostile code names imports"
python3 - p.margin >names.txt <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for i in range(1, 8):
    s = open("s%d" % i, encoding="utf-8").read()
    row = db.execute("select count(*) from codes where name = ? and description = ?", (s, s)).fetchone()
    print(i, row[0])
PY
expect_equal "$(tr '\n' ' ' <names.txt)" "1 1 2 1 3 1 4 1 5 1 6 1 7 1 " "each code name is stored exactly"

# Memos through margin code, one per string; each string as a coder's name too, where a name may
# be it (quotes and SQL are names like any other; control characters and 10,000 characters are
# not, by the rule of core/names.h).
for i in 1 2 3 4 5 6 7; do
    run code p.margin --coder "memo$i" --source int01 --code 01 --start 0 --end 12 --memo "$(s $i)"
    expect_equal "$status $out" "0 coded int01 0-12 as 01 Plain" "margin code takes memo $i"
done
for i in 1 2; do
    run code p.margin --coder "$(s $i)" --source int01 --code 01 --start 0 --end 12 --memo "$(s $i)"
    expect_equal "$status $out" "0 coded int01 0-12 as 01 Plain" "margin code takes coder $i"
done
for i in 3 4 5 6; do
    run code p.margin --coder "$(s $i)" --source int01 --code 01 --start 0 --end 12
    expect_contains "$status $err" "1 margin: the coder's name '" "coder $i is refused"
    expect_contains "$err" "' holds a control character" "because it holds a control character"
done
run code p.margin --coder "$(s 7)" --source int01 --code 01 --start 0 --end 12
expect_contains "$status $err" "has 10005 characters; a name has at most 64" "coder 7 is refused for its length"
# Codings import: the strings as coders, codes (by name) and memos in quoted CSV cells.
python3 - <<'PY' >codings.csv
import csv, sys
w = csv.writer(sys.stdout, lineterminator="\r\n")
w.writerow(["coder", "source", "code", "start", "end", "memo"])
for i in range(1, 8):
    s = open("s%d" % i, encoding="utf-8").read()
    w.writerow(["csv " + (s if i <= 2 else str(i)), "int01", s, "13", "31", s])
PY
run codings import p.margin codings.csv
expect_equal "$status $out" "0 codings: 7 added" "a codings file with hostile coders, codes and memos imports"
# Cases: names, an attribute's name and values.
python3 - <<'PY' >cases.csv
import csv, sys
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["case", open("s1", encoding="utf-8").read()])
for i in range(1, 8):
    s = open("s%d" % i, encoding="utf-8").read()
    w.writerow(["case " + s, s])
PY
run cases import p.margin cases.csv
expect_equal "$status $out" "0 cases: 7 added, 0 updated" "a cases file with hostile names and values imports"
# Sources named after files with hostile names.
for i in 1 2 3 4 5 6; do
    printf 'Interviewer: %s\nRespondent: yes\n' "$i" >"$(s $i).txt"
    run import p.margin "$(s $i).txt"
    expect_equal "$status $out" "0 imported 1 source" "a file named with string $i imports"
done

expect_equal "$(tables p.margin)" "$tables_before" "every table is still there"
expect_equal "$(sql p.margin "select count(*) from codings")" "16" "and holds every coding"

# Out again, exactly: segments CSV, codebook YAML (read back by margin) and CSV.
margin export p.margin --segments segments.csv
python3 - segments.csv >export.txt <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
for i in range(1, 8):
    s = open("s%d" % i, encoding="utf-8").read()
    by_memo = [r for r in rows if r["coder"] == "memo%d" % i and r["memo"] == s]
    by_name = [r for r in rows if r["coder"] == s and r["memo"] == s]
    coder = "csv " + (s if i <= 2 else str(i))
    by_csv = [r for r in rows if r["coder"] == coder and r["memo"] == s and r["code_name"] == s]
    print(i, len(by_memo), len(by_name), len(by_csv))
PY
expect_equal "$(tr '\n' ' ' <export.txt)" "1 1 1 1 2 1 1 1 3 1 0 1 4 1 0 1 5 1 0 1 6 1 0 1 7 1 0 1 " \
    "export writes every coder, code name and memo exactly"
run codebook export p.margin --output codes-out.yaml
margin init q.margin >/dev/null
run codebook import q.margin codes-out.yaml
expect_equal "$out" "codebook: 8 added, 0 updated, 0 unchanged; the project has 8 codes" \
    "the exported YAML imports into a new project"
expect_equal "$(sql q.margin "select group_concat(hex(name) || hex(description), ',') from (select * from codes order by position)")" \
    "$(sql p.margin "select group_concat(hex(name) || hex(ifnull(description, '')), ',') from (select * from codes order by position)" | sed 's/,/,/g')" \
    "with the same names and descriptions, byte for byte"
run codebook export p.margin --format csv
python3 - <<'PY' >csvcodes.txt
import csv, io, subprocess, sys, os
PY
printf '%s\n' "$out" >codes.csv
python3 - codes.csv >csvcodes.txt <<'PY'
import csv, sys
names = [r["name"] for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))]
print(all(open("s%d" % i, encoding="utf-8").read() in names for i in range(1, 8)))
PY
expect_equal "$(cat csvcodes.txt)" "True" "the codebook's CSV holds every name exactly"

# Listings and messages for people: control characters shown as ^[ and the like, never raw.
raw_controls() {
    # Counts bytes below 0x20 other than the line feed, and DEL.
    printf '%s' "$1" | tr -d '\n' | tr -d '\040-\176\200-\377' | wc -c
}
for what in sources codes coders cases; do
    run list p.margin $what
    expect_equal "$status $(raw_controls "$out")" "0 0" "list $what sends no control character to the terminal"
done
run list p.margin codes
expect_contains "$out" "^[[31mred^[[0m" "an escape sequence in a name is listed as ^["
expect_contains "$out" "^[]0;pwned^G title" "and a title sequence too"
expect_contains "$out" "two^Jlines" "a line feed in a name shows as ^J, keeping one row per code"
expect_contains "$out" "a^Ib" "a tab shows as ^I"
expect_equal "$(printf '%s\n' "$out" | wc -l)" "9" "one line per code and the header"
run list p.margin sources
expect_contains "$out" "O'Brien said \"no\"" "quotes are listed as they are"
run info p.margin
expect_equal "$(raw_controls "$out")" "0" "info sends no control character to the terminal"
run code p.margin --coder A --source "no $(s 5)" --code 01 --start 0 --end 1
expect_error 1 "there is no source named 'no ^[[31mred^[[0m'" "an error message shows a name's escapes visibly"
run compare p.margin --coders "memo5,memo6"
expect_equal "$(raw_controls "$out")" "0" "compare's table sends no control character to the terminal"

# A merge lists codes it cannot match by name: visibly too.
margin init x.margin >/dev/null
margin import x.margin int01.txt >/dev/null
printf 'codes:\n  - number: "09"\n    name: "\\e[31mMoney"\n' >money.yaml
margin codebook import x.margin money.yaml >/dev/null
margin code x.margin --coder X --source int01 --code 09 --start 0 --end 5 >/dev/null
run merge p.margin x.margin
expect_equal "$status $(raw_controls "$out")" "0 0" "merge's report sends no control character to the terminal"
expect_contains "$out" "09 ^[[31mMoney: 1 coding" "and names the code it skipped visibly"

# The screen: names with escape sequences appear as ^[ text in the dump.
cat >screen.script <<'SCRIPT'
S
@screen
<Esc> <Tab>
@screen
SCRIPT
run --script screen.script --size 30x100 --coder S p.margin
expect_equal "$status $(raw_controls "$out")" "0 0" "the screen sends no control character from a name to the terminal"
expect_contains "$out" "^[]0;pwned^G title" "a source named with a title sequence is shown visibly"
expect_contains "$out" "^[[31mred^[[0m" "as is a code named with colour escapes"

# --safe-csv: cells starting with = + - @, a tab or a carriage return get an apostrophe; a plain
# number such as -2 is left a number.
printf 'Interviewer: -5 or =SUM(A1)?\nRespondent: @home\n' >formula.txt
margin import p.margin formula.txt >/dev/null
python3 - <<'PY' >formulas.csv
import csv, sys
w = csv.writer(sys.stdout, lineterminator="\n", quoting=csv.QUOTE_ALL)
w.writerow(["coder", "source", "code", "start", "end", "memo"])
for i, memo in enumerate(["=1+2", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx", "plain", "-2"]):
    w.writerow(["F", "formula", "01", str(i), str(i + 20), memo])
PY
margin codings import p.margin formulas.csv >/dev/null
run export p.margin --segments - --coder F --safe-csv
printf '%s\n' "$out" >safe.csv
run export p.margin --segments - --coder F
printf '%s\n' "$out" >exact.csv
python3 - safe.csv exact.csv >safe.txt <<'PY'
import csv, sys
safe = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
exact = list(csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8")))
print(" ".join(repr(r["memo"]) for r in safe))
print(" ".join(repr(r["memo"]) for r in exact))
print(" ".join(repr(r["text"][:3]) for r in safe))
PY
expect_equal "$(sed -n 1p safe.txt)" "\"'=1+2\" \"'+cmd\" \"'-2+3\" \"'@SUM(A1)\" \"'\\tx\" \"'\\rx\" 'plain' '-2'" \
    "--safe-csv puts an apostrophe before = + - @, tab and CR, not before a number"
expect_equal "$(sed -n 2p safe.txt)" "'=1+2' '+cmd' '-2+3' '@SUM(A1)' '\\tx' '\\rx' 'plain' '-2'" \
    "without it every cell is exact"
expect_equal "$(sed -n 3p safe.txt)" "'Int' 'nte' 'ter' 'erv' 'rvi' 'vie' 'iew' 'ewe'" \
    "text cells that start with a letter are left alone"

finish
