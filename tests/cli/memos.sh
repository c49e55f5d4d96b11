#!/bin/sh
# Memos on the command line: written on the project, a source, a case and a code (from --text,
# a file or an editor), undoable on the screen, and exported with what they are attached to.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
unset VISUAL
margin init p.margin >/dev/null
margin codebook import p.margin "$SOURCE_ROOT/codebooks/pcn-2020.yaml" >/dev/null
printf 'Interviewer: What has changed?\nP4: The board meets monthly now.\n' >int04.txt
margin import p.margin int04.txt --case P04 >/dev/null

run memos p.margin
expect_equal "$out" "no memos" "a project without memos says so"

run memo p.margin --coder Lead --project --text 'Aim: compare the four sites.
Framework agreed after the pilot.'
expect_equal "$out" "wrote the memo of the project (2 lines)" "the project's memo is written, on two lines"
printf 'Recorded in a busy room.\n' >memo.txt
run memo p.margin --coder A --source int04 --file memo.txt
expect_equal "$out" "wrote the memo of source int04 (1 line)" "a source's memo comes from a file"
printf 'Practice manager, joined 2019.' | margin memo p.margin --coder A --case P04 --file - >/dev/null
cat >editor.sh <<'SH'
#!/bin/sh
# Appends a line to the memo as an editor would, keeping what was there.
printf 'Also: boards of other PCNs.\n' >>"$1"
SH
chmod +x editor.sh
margin memo p.margin --coder B --code 07.01.02 --text 'Covers who decides.' >/dev/null
EDITOR="$work/editor.sh" run memo p.margin --coder B --code 07.01.02
expect_equal "$out" "wrote the memo of code 07.01.02 (2 lines)" "without --text or --file, \$EDITOR edits the memo as it is"
margin code p.margin --coder A --source int04 --code 07.01.02 --start 35 --end 63 --memo 'Monthly, "not weekly"' >/dev/null

run memos p.margin --format csv
expect_ok "memos are exported as CSV"
python3 - "$work/stdout" >"$work/rows" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    assert r["modified"].endswith("Z") and len(r["modified"]) == 20, r["modified"]
    print("|".join([r["kind"], r["source"], r["case"], r["code"], r["code_name"], r["start"],
                    r["end"], r["author"], r["memo"].replace("\n", "\\n")]))
PY
expect_equal "$(cat "$work/rows")" "project|||||||Lead|Aim: compare the four sites.\\nFramework agreed after the pilot.
source|int04|P04|||||A|Recorded in a busy room.
case||P04|||||A|Practice manager, joined 2019.
code|||07.01.02|Management and governance|||B|Covers who decides.\\nAlso: boards of other PCNs.
coding|int04|P04|07.01.02|Management and governance|35|63|A|Monthly, \"not weekly\"" \
    "every kind of memo, with what it is attached to, its author and time"
run memos p.margin --format json
expect_equal "$(printf '%s' "$out" | python3 -c 'import json,sys; print(",".join(m["kind"] + ":" + str(m["start"]) for m in json.load(sys.stdin)))')" \
    "project:None,source:None,case:None,code:None,coding:35" "and as JSON, null where a member does not apply"
run memos p.margin
expect_contains "$out" "coding int04 35-63 at 07.01.02 Management and governance, by A, " "and as text"
expect_contains "$out" "project, by Lead, " "naming who wrote each"
expect_contains "$out" "  Aim: compare the four sites.
  Framework agreed after the pilot." "with every line of a memo indented"

printf 'u\n@state\n' >undo.script
run --script undo.script --coder B p.margin
expect_contains "$out" "message: undone: wrote the memo of code 07.01.02" "the screen's u undoes a memo written on the command line"
run memos p.margin --format csv
expect_contains "$out" "code,,,07.01.02,Management and governance,,,B," "and the memo it had is back"
expect_contains "$out" ",Covers who decides." "with its text"

run memo p.margin --coder A --source int04 --text ''
expect_equal "$out" "removed the memo of source int04" "an empty text removes a memo"
run memo p.margin --coder A --source int99 --text 'x'
expect_error 1 "there is no source named 'int99'" "an unknown source is named"
run memo p.margin --coder A --case P99 --text 'x'
expect_error 1 "there is no case named 'P99'" "an unknown case is named"
run memo p.margin --coder Newcomer --code 99 --text 'x'
expect_error 1 "no code is numbered 99" "an unknown code is named"
expect_equal "$(sql p.margin "select count(*) from coders where name = 'Newcomer'")" "0" \
    "and a refused memo adds no coder"
run memo p.margin --coder A --text 'x'
expect_status 1 "a memo needs to say what it is on"
run memo p.margin --coder A --project --source int04 --text 'x'
expect_status 1 "and only one thing"
printf 'bad \377 byte\n' >bad.txt
run memo p.margin --coder A --project --file bad.txt
expect_error 1 "bad.txt:1:5: not UTF-8 text" "a file that is not UTF-8 is refused with its line and column"
EDITOR=false run memo p.margin --coder A --project
expect_error 1 "the editor failed; the memo is left as it was" "an editor that fails changes nothing"
run memos p.margin --format yaml
expect_status 1 "an unknown format is a usage error"

finish
