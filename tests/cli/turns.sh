#!/bin/sh
# Speaker turns: labels after timestamps, speakers who speak once, and a project's own pattern
# (margin turns), which every command and the screen then use.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
margin init p.margin >/dev/null

printf '[00:00:05] Interviewer: Shall we start?\n[00:00:09] P1: Yes.\n[00:00:20] Interviewer: Thanks.\n[00:01:02] GP2: One thing first.\n' >stamped.txt
printf 'Date: 3 March\nNote: two voices\nSPEAKER 1 - Hello there.\nSPEAKER 2 - Hi.\nSPEAKER 1 - Bye.\n' >numbered.txt
run import p.margin stamped.txt numbered.txt
expect_ok "transcripts with timestamps import"
expect_equal "$(sql p.margin "select speaker, start, body, end from turns order by start")" \
    "Interviewer|0|24|39
P1|40|55|59
Interviewer|60|84|91
GP2|92|108|124" "labels after timestamps are found, and a speaker who speaks once (GP2)"

run turns p.margin
expect_ok "margin turns reports"
expect_equal "$out" "rule: the default, a label such as I, P1, GP2, Interviewer 2, Dr Smith or a capitalised name at the start of a line, after an optional timestamp such as [00:00:05], followed by ':' and a blank
numbered: no turns
stamped: 4 turns; Interviewer 2, P1 1, GP2 1" "the rule and each source's turns and speakers"

run turns p.margin --pattern '^SPEAKER ([0-9]+) -'
expect_ok "a pattern is set"
expect_equal "$out" "set the turn pattern: 3 speaker turns in 2 sources
rule: the project's pattern '^SPEAKER ([0-9]+) -'
numbered: 3 turns; 1 2, 2 1
stamped: no turns" "it finds the turns of every source again"
expect_equal "$(sql p.margin "select value from settings where key = 'turns.pattern'")" \
    "^SPEAKER ([0-9]+) -" "the pattern is a project setting"
expect_equal "$(sql p.margin "select speaker, start, body from turns order by start")" \
    "1|31|43
2|56|68
1|72|84" "the stored turns follow the pattern"

printf 'SPEAKER 3 - New.\nI: not a turn here\n' >later.txt
run import p.margin later.txt
expect_equal "$(sql p.margin "select count(*), min(speaker) from turns t join sources s on s.id = t.source_id where s.name = 'later'")" \
    "1|3" "a source imported later is read by the pattern"

run turns p.margin --pattern '^SPEAKER ([0-9]+ -'
expect_error 1 "the turn pattern '^SPEAKER ([0-9]+ -' is not a valid POSIX extended regular expression: $(printf '%s' "$err" | sed 's/.*expression: //')" \
    "an invalid pattern is refused with the reason"
case "$err" in
*"expression: "?*) pass "and the reason is not empty" ;;
*) fail "and the reason is not empty" "$err" ;;
esac
run turns p.margin --pattern '[A-Z]*'
expect_error 1 "the turn pattern '[A-Z]*' matches an empty line, so every line would start a turn; make it require the label (for example '^[A-Z][A-Za-z0-9]*:')" \
    "a pattern that matches an empty line is refused"
run turns p.margin --pattern ''
expect_error 1 "the turn pattern is empty; give a POSIX extended regular expression, or 'default' for the default rule" \
    "an empty pattern is refused"
expect_equal "$(sql p.margin "select value from settings where key = 'turns.pattern'")" \
    "^SPEAKER ([0-9]+) -" "a refused pattern changes nothing"

run turns p.margin --pattern default
expect_ok "--pattern default goes back to the default rule"
expect_equal "$(printf '%s\n' "$out" | head -n 1)" "went back to the default turn rule: 5 speaker turns in 3 sources" \
    "and finds the turns again"
expect_equal "$(sql p.margin "select count(*) from settings where key = 'turns.pattern'")" "0" \
    "the setting is cleared"
expect_equal "$(sql p.margin "select operation from journal order by id desc limit 1")" "turns.pattern" \
    "the change is in the journal"

# The segments export names the speaker of the turn where each segment starts.
margin codebook import p.margin "$SOURCE_ROOT/codebooks/pcn-2020.yaml" >/dev/null
margin code p.margin --coder A --source stamped --code 11 --start 55 --end 59 >/dev/null
margin code p.margin --coder A --source stamped --code 11 --start 108 --end 124 >/dev/null
margin code p.margin --coder A --source stamped --code 11 --start 35 --end 45 >/dev/null
margin code p.margin --coder A --source numbered --code 11 --start 0 --end 4 >/dev/null
run export p.margin --segments segments.csv
expect_ok "segments export"
expect_equal "$(python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    print(r["source"], r["start"], r["speaker"] or "-", r["text"])
' segments.csv)" "numbered 0 - Date
stamped 35 Interviewer art?
[00:0
stamped 55 P1 Yes.
stamped 108 GP2 One thing first." \
    "with the speaker of the turn where each starts, empty where there is none"

margin init q.margin >/dev/null
margin codebook import q.margin "$SOURCE_ROOT/codebooks/pcn-2020.yaml" >/dev/null
margin import q.margin stamped.txt numbered.txt >/dev/null
run codings import q.margin segments.csv
expect_ok "an export with the speaker column imports back"
expect_equal "$(sql q.margin "select count(*) from codings")" "4" "every segment is a coding again"
margin init r.margin >/dev/null
margin codebook import r.margin "$SOURCE_ROOT/codebooks/pcn-2020.yaml" >/dev/null
margin import r.margin stamped.txt numbered.txt >/dev/null
python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
w = csv.DictWriter(open(sys.argv[2], "w", newline="", encoding="utf-8"),
                   fieldnames=[f for f in rows[0] if f != "speaker"])
w.writeheader()
for r in rows:
    del r["speaker"]
    w.writerow(r)
' segments.csv old-segments.csv
run codings import r.margin old-segments.csv
expect_ok "an older export without the speaker column imports too"
expect_equal "$(sql r.margin "select count(*) from codings")" "4" "with every segment"

finish
