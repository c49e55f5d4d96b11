#!/bin/sh
# log: the journal as an audit trail, filtered by time, coder and source, as text, CSV and JSON.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
margin init p.margin >/dev/null
printf 'codes:\n  - name: Staff\n  - name: Money\n' >cb.yaml
margin codebook import p.margin cb.yaml >/dev/null
printf 'I: How is it going?\nR: Slowly, the rota is hard.\n' >int01.txt
printf 'I: And money?\nR: Tight.\n' >int02.txt
margin import p.margin int01.txt int02.txt >/dev/null
margin code p.margin --coder A --source int01 --code 01 --start 34 --end 38 >/dev/null
margin code p.margin --coder B --source int02 --code 02 --start 17 --end 22 >/dev/null
printf 'I: How is it going?\nR: Oh, slowly, the rota is hard.\n' >fixed.txt
margin source update p.margin int01 fixed.txt --coder A >/dev/null

run log p.margin
expect_ok "log reads the journal"
expect_equal "$(printf '%s\n' "$out" | sed 's/^[0-9-]* [0-9:]* */TIME /; s/  */ /g')" "TIME - command line imported the codebook cb.yaml (YAML): 2 added, 0 updated
TIME - command line imported int01.txt as source int01 (49 characters, 2 speaker turns)
TIME - command line imported int02.txt as source int02 (24 characters, 2 speaker turns)
TIME A command line coded int01 34-38 as 01 Staff
TIME B command line coded int02 17-22 as 02 Money
TIME A command line replaced the text of int01 (1 codings moved with it, 0 detached) (3 changes)" \
    "one line per action: when, who, from where, what"

run log p.margin --coder B
expect_equal "$(printf '%s\n' "$out" | sed 's/^[0-9-]* [0-9:]* *//')" "B           command line  coded int02 17-22 as 02 Money" \
    "--coder keeps that coder's changes"
run log p.margin --source int01 --format csv
expect_ok "the log is written as CSV"
expect_equal "$(printf '%s\n' "$out" | tr -d '\r' | cut -d, -f4-8)" "coder,program,operation,source,state
,command line,source.import,int01,final
A,command line,coding.insert,int01,done
A,command line,coding.place,int01,done
A,command line,source.text,int01,done
A,command line,coding.place,int01,done" "--source keeps the changes to that source, each with its operation"
run log p.margin --format json --coder A
expect_equal "$(printf '%s\n' "$out" | python3 -c "import json, sys; d = json.load(sys.stdin); print(len(d['entries']), d['entries'][0]['change'])")" \
    "4 coding.insert 1 1 1 1 34 38 -" "as JSON, with the change itself"
# A deleted source keeps its name in the log: its deletion, and the changes to it before.
cp p.margin deleted.margin
margin source delete deleted.margin int02 --yes --coder B >/dev/null
run log deleted.margin --source int02 --format csv
expect_equal "$(printf '%s\n' "$out" | tr -d '\r' | cut -d, -f4-8 | sort | uniq -c | sed 's/^ *//')" \
    "1 ,command line,source.import,int02,final
1 B,command line,coding.delete,int02,done
1 B,command line,coding.insert,int02,done
1 B,command line,source.delete,int02,done
1 coder,program,operation,source,state" "--source finds a deleted source's deletion and its history by its name"
run log p.margin --since 2999-01-01
expect_equal "$out" "no changes" "--since leaves out what came before"
run log p.margin --since "$(date -u +%Y-%m-%d)"
expect_equal "$(printf '%s\n' "$out" | wc -l)" "6" "and keeps what came after"
run log p.margin --since yesterday
expect_error 1 "--since takes a date such as 2026-03-01 or a time such as 2026-03-01T09:30 (UTC), not 'yesterday'" \
    "a date it cannot read is refused"
run log p.margin --coder Z
expect_error 1 "the project has no coder named 'Z'" "an unknown coder is named"
run log p.margin --source int09
expect_error 1 "the project has no source named 'int09'" "and an unknown source"
finish
