#!/bin/sh
# Managing sources, cases and coders: rename, delete, relink and merge, journaled, with deletions
# of codings only when told.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
margin init p.margin >/dev/null
printf 'codes:\n  - name: Staff\n  - name: Money\n' >cb.yaml
margin codebook import p.margin cb.yaml >/dev/null
printf 'case,site\nP01,North\nP02,South\nP03,\n' >cases.csv
margin cases import p.margin cases.csv >/dev/null
printf 'I: How is it going?\nR: Slowly.\n' >int01.txt
printf 'I: And money?\nR: Tight.\n' >int02.txt
printf 'Observed: a meeting.\n' >obs01.txt
margin import p.margin int01.txt --case P01 >/dev/null
margin import p.margin int02.txt obs01.txt --case P02 >/dev/null
margin code p.margin --coder Ann --source int01 --code 01 --start 0 --end 5 >/dev/null
margin code p.margin --coder Ann --source int02 --code 02 --start 0 --end 5 --memo "first" >/dev/null
margin code p.margin --coder "A. Lee" --source int02 --code 02 --start 0 --end 5 --memo "second" >/dev/null
margin code p.margin --coder "A. Lee" --source int01 --code 02 --start 3 --end 9 >/dev/null

# write PROJECT SQL: runs a statement that changes the project, as another program would.
write() {
    python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("pragma foreign_keys = on")
db.execute(sys.argv[2])
db.commit()' "$1" "$2"
}
printf 'u\n@state\n' >undo.script
printf '<C-r>\n@state\n' >redo.script

# Sources
run import p.margin obs01.txt --case P03
expect_error 1 "obs01.txt: the project already has this text as source 'obs01', linked to case P02; importing it again does not link it to case P03, so nothing was changed. To link it, run margin source relink p.margin obs01 --case P03" \
    "import does not relink, and says what does"
run source rename p.margin obs01 obs-01
expect_equal "$out" "renamed source obs01 to obs-01" "a source is renamed"
run source rename p.margin obs-01 int01
expect_error 1 "the project already has a source named 'int01'" "not to a name taken"
run source relink p.margin obs-01 --case P03
expect_equal "$out" "linked source obs-01 to case P03" "relink links a source to another case"
expect_equal "$(sql p.margin "select c.name from sources s join cases c on c.id = s.case_id where s.name = 'obs-01'")" "P03" \
    "and it is linked"
run source relink p.margin obs-01
expect_status 1 "relink needs a case or --no-case"
run source relink p.margin obs-01 --no-case
expect_equal "$(sql p.margin "select ifnull(case_id, 'none') from sources where name = 'obs-01'")" "none" \
    "--no-case unlinks it"
run source delete p.margin int01
expect_error 1 "source 'int01' has 2 codings and 0 decisions, which would be deleted with it; nothing was deleted. Run again with --yes to delete them" \
    "a source with codings is not deleted unless told"
expect_equal "$(sql p.margin "select count(*) from sources where name = 'int01'")" "1" "and is still there"
# What a source holds and what refers to it, ids included, but not when it was written.
sources_state() {
    sql p.margin "select 'source', id, name, kind, ifnull(case_id, ''), length, sha256 from sources order by id"
    sql p.margin "select 'text', source_id, text from source_texts order by 1"
    sql p.margin "select 'turn', source_id, start, body, end, speaker from turns order by 2, 3"
    sql p.margin "select 'coding', id, source_id, code_id, coder_id, start, end, ifnull(memo, ''), detached from codings order by id"
    sql p.margin "select 'decision', id, source_id, code_id, consensus_id, first_id, second_id, start, end, choice from decisions order by id"
    sql p.margin "select 'memo', target, target_id, text from memos order by 2, 3"
    sql p.margin "select 'quote', coding_id from quotes order by 2"
    sql p.margin "select 'link', case_id, code_id, coding_id from matrix_links order by 2, 3, 4"
    sql p.margin "select 'usage', code_id, coder_id, sources, codings from code_usage order by 2, 3"
}
margin memo p.margin --coder Lead --source int01 --text "Short interview." >/dev/null
margin quote p.margin --coder Lead --source int01 --start 0 --end 5 >/dev/null
write p.margin "insert into decisions(source_id, code_id, consensus_id, first_id, second_id, start, end, choice, decided_at) select 1, 1, c.id, c.id, c.id, 0, 5, 'first', '2026-01-01T00:00:00Z' from coders c where c.name = 'Ann'"
write p.margin "insert into matrix_links select 1, 1, id from codings where source_id = 1 and code_id = 1"
before=$(sources_state)
run source delete p.margin int01 --yes --coder Lead
expect_equal "$out" "deleted source int01 with its 2 codings and 1 decisions" "with --yes a source is deleted with its codings"
expect_equal "$(sql p.margin "select count(*) from sources where name = 'int01'") $(sql p.margin "select count(*) from codings where source_id = 1") $(sql p.margin "select count(*) from turns where source_id = 1")" \
    "0 0 0" "and its codings and turns are gone"
run --script undo.script --coder Lead p.margin
expect_contains "$out" "message: undone: deleted source int01 with its 2 codings and 1 decisions" \
    "the coder's u on the screen undoes the deletion"
expect_equal "$(sources_state)" "$before" \
    "and the source is back with its text, turns, codings, decisions, memo, quote and link, ids included"
run --script redo.script --coder Lead p.margin
expect_equal "$(sql p.margin "select count(*) from sources where name = 'int01'")" "0" "the deletion is redone"
run --script undo.script --coder Lead p.margin
expect_equal "$(sources_state)" "$before" "and undone again"
margin code p.margin --coder Ann --source int01 --code 02 --start 20 --end 26 >/dev/null
run --script redo.script --coder Lead p.margin
expect_contains "$out" "message: (error) cannot redo 'deleted source int01 with its 2 codings and 1 decisions': that source was given codings, decisions or a memo meanwhile, which deleting it would lose" \
    "a deletion is not redone when the source has gained a coding since"
expect_equal "$(sql p.margin "select count(*) from codings where source_id = 1")" "3" "and the source keeps its codings"
write p.margin "delete from codings where source_id = 1 and start = 20"
write p.margin "delete from decisions"
write p.margin "delete from matrix_links"
run source delete p.margin obs-01
expect_equal "$out" "deleted source obs-01 with its 0 codings and 0 decisions" "one without codings is deleted"

# Coders
run coder rename p.margin Ann "Ann Lee"
expect_equal "$out" "renamed coder Ann to Ann Lee" "a coder is renamed"
run coder rename p.margin "Ann Lee" "A. Lee"
expect_error 1 "the project already has a coder named 'A. Lee'" "not to a name taken"
run coder delete p.margin "A. Lee"
expect_error 1 "coder 'A. Lee' has 2 codings; nothing was deleted. Merge the coder into another (margin coder merge), or delete the codings too with --drop-codings" \
    "a coder with codings is not deleted unless told what to do"
# Two decisions by Ann Lee, one with A. Lee as first coder that becomes the other when the names
# are merged; a memo by A. Lee; and the coder who merges them.
write p.margin "insert into decisions(source_id, code_id, consensus_id, first_id, second_id, start, end, choice, decided_at) select 1, 1, a.id, l.id, a.id, 0, 5, 'first', '2026-01-01T00:00:00Z' from coders a, coders l where a.name = 'Ann Lee' and l.name = 'A. Lee'"
write p.margin "insert into decisions(source_id, code_id, consensus_id, first_id, second_id, start, end, choice, decided_at) select 1, 1, a.id, a.id, a.id, 0, 5, 'first', '2026-01-01T00:00:00Z' from coders a where a.name = 'Ann Lee'"
margin memo p.margin --coder "A. Lee" --source int02 --text "Noted." >/dev/null
margin memo p.margin --coder Lead --project --text "Pilot." >/dev/null
# coders_state LAST: coders, codings, decisions, memos, code counts and who owns the journal's
# entries up to LAST, ids included, but not when each was written.
coders_state() {
    sql p.margin "select 'coder', id, name from coders order by id"
    sql p.margin "select 'coding', id, source_id, code_id, coder_id, start, end, ifnull(memo, ''), detached from codings order by id"
    sql p.margin "select 'decision', id, source_id, code_id, consensus_id, first_id, second_id, start, end, choice from decisions order by id"
    sql p.margin "select 'memo', target, target_id, text, ifnull(coder_id, '') from memos order by 2, 3"
    sql p.margin "select 'usage', code_id, coder_id, sources, codings from code_usage order by 2, 3"
    sql p.margin "select 'journal', id, ifnull(coder_id, '') from journal where id <= $1 order by id"
}
last=$(sql p.margin "select max(id) from journal")
before=$(coders_state "$last")
run coder merge p.margin "A. Lee" "Ann Lee" --coder "A. Lee"
expect_error 1 "coder 'A. Lee' cannot delete or merge away its own name; name another coder with --coder" \
    "a coder does not merge its own name away"
run coder merge p.margin "A. Lee" "Ann Lee" --coder Lead
expect_equal "$out" "merged coder A. Lee into Ann Lee: 1 coding moved, 1 that Ann Lee had already kept once" \
    "two names of one coder are merged"
expect_equal "$(sql p.margin "select count(*) from decisions") $(sql p.margin "select count(*) from journal j join coders c on c.id = j.coder_id where c.name = 'Ann Lee' and j.id <= $last") $(sql p.margin "select c.name from memos m join coders c on c.id = m.coder_id where m.text = 'Noted.'")" \
    "1 6 Ann Lee" "a decision both names had is kept once; journal entries and memos follow the coder"
run --script undo.script --coder Lead p.margin
expect_contains "$out" "message: undone: merged coder A. Lee into Ann Lee" "the coder's u on the screen undoes a merge"
expect_equal "$(coders_state "$last")" "$before" \
    "and the coders, codings, decisions, memos, counts and journal are as they were, ids included"
run --script redo.script --coder Lead p.margin
expect_contains "$out" "message: redone: merged coder A. Lee into Ann Lee" "the merge is redone"
expect_equal "$(sql p.margin "select s.name, k.name, c.start, c.end, ifnull(c.memo, '') from codings c join coders k on k.id = c.coder_id join sources s on s.id = c.source_id order by s.name, c.start")" \
    "int01|Ann Lee|0|5|
int01|Ann Lee|3|9|
int02|Ann Lee|0|5|first" "every coding is the merged coder's, a shared one kept once with its memo"
expect_equal "$(sql p.margin "select name from coders order by name")" "Ann Lee
Lead" "and the other name is gone"
margin code p.margin --coder Zed --source int02 --code 01 --start 6 --end 9 >/dev/null
write p.margin "insert into decisions(source_id, code_id, consensus_id, first_id, second_id, start, end, choice, decided_at) select 2, 1, a.id, z.id, a.id, 6, 9, 'first', '2026-01-01T00:00:00Z' from coders a, coders z where a.name = 'Ann Lee' and z.name = 'Zed'"
margin memo p.margin --coder Zed --source int01 --text "Read twice." >/dev/null
last=$(sql p.margin "select max(id) from journal")
before=$(coders_state "$last")
no_one=$(sql p.margin "select count(*) from journal where coder_id is null and id <= $last")
run coder delete p.margin Zed --drop-codings --coder Lead
expect_equal "$out" "deleted coder Zed with 1 coding" "--drop-codings deletes a coder with the codings"
expect_equal "$(sql p.margin "select count(*) from decisions where start = 6") $(sql p.margin "select count(*) from journal where coder_id is null and id <= $last") $(sql p.margin "select ifnull(coder_id, 'none') from memos where text = 'Read twice.'")" \
    "0 $((no_one + 2)) none" "and its decisions; its journal entries and memos are no one's"
run --script undo.script --coder Lead p.margin
expect_contains "$out" "message: undone: deleted coder Zed with 1 coding" "the coder's u on the screen undoes a deletion"
expect_equal "$(coders_state "$last")" "$before" "and the coder is back with all that was theirs"
run --script redo.script --coder Lead p.margin
expect_equal "$(sql p.margin "select count(*) from coders where name = 'Zed'")" "0" "the deletion is redone"

# Case values: set and cleared one at a time, of the attribute's type, undone on the screen.
value() {
    sql p.margin "select ifnull((select v.value from case_values v join cases c on c.id = v.case_id join attributes a on a.id = v.attribute_id where c.name = '$1' and a.name = '$2'), 'none')"
}
printf 'case,age:integer,since:date\nP01,41,2019-07-01\n' | margin cases import p.margin - >/dev/null
run case set p.margin P01 site West --coder Lead
expect_equal "$out" "set case P01's site to West (was North)" "a case's value is set, saying what it was"
expect_equal "$(value P01 site)" "West" "and it is"
run case set p.margin P03 site East --coder Lead
expect_equal "$out" "set case P03's site to East" "a value a case lacked is set"
run case set p.margin P01 age "" --coder Lead
expect_equal "$out" "cleared case P01's age (was 41)" "an empty value clears it"
expect_equal "$(value P01 age)" "none" "and it is gone"
run case set p.margin P01 age 4l
expect_error 1 "'4l' is not a value of the attribute 'age', whose type is integer" \
    "a value not of the attribute's type is refused"
run case set p.margin P01 since 2019-02-30
expect_error 1 "'2019-02-30' is not a value of the attribute 'since', whose type is date" \
    "so is a date that is not one"
run case set p.margin P01 region North
expect_error 1 "the project has no attribute named 'region'; its cases have site, age, since" \
    "an unknown attribute is named, with the ones there are"
run case set p.margin P09 site North
expect_error 1 "the project has no case named 'P09'" "an unknown case is named"
run case set p.margin P01 site West
expect_equal "$out" "case P01's site is West already; nothing changed" "setting the value it has changes nothing"
expect_equal "$(value P01 site) $(value P01 age) $(value P03 site)" "West none East" "after the refusals, values are as set"
run --script undo.script --coder Lead p.margin
expect_contains "$out" "message: undone: cleared case P01's age (was 41)" "the coder's u on the screen undoes a value"
expect_equal "$(value P01 age)" "41" "the cleared value is back"
run --script undo.script --coder Lead p.margin
expect_equal "$(value P03 site)" "none" "undoing a value the case lacked clears it"
run --script undo.script --coder Lead p.margin
expect_equal "$(value P01 site)" "North" "and the value before is back"
margin case set p.margin P03 site East --coder Lead >/dev/null
margin case delete p.margin P03 >/dev/null
run --script undo.script --coder Lead p.margin
expect_contains "$out" "message: (error) cannot undo 'set case P03's site to East': that case, or its attribute, was deleted meanwhile, by another coder or program" \
    "a value of a case deleted since is not undone, and says why"
printf 'case\nP04\n' | margin cases import p.margin - >/dev/null
margin case rename p.margin P04 P05 --coder Lead >/dev/null
margin case delete p.margin P05 >/dev/null
run --script undo.script --coder Lead p.margin
expect_contains "$out" "message: (error) cannot undo 'renamed case P04 to P05': that case was deleted meanwhile, by another coder or program" \
    "so is the name of a case deleted since"

# Cases
run case rename p.margin P01 P10
expect_equal "$out" "renamed case P01 to P10" "a case is renamed"
# What a case holds and what refers to it, ids included (a memo is named by what it is on, not
# by its id), but not when it was written.
cases_state() {
    sql p.margin "select 'case', id, name from cases order by id"
    sql p.margin "select 'value', case_id, attribute_id, value from case_values order by 2, 3"
    sql p.margin "select 'source', id, name, ifnull(case_id, '') from sources order by id"
    sql p.margin "select 'memo', target, target_id, text from memos order by 2, 3"
    sql p.margin "select 'cell', case_id, code_id, summary from matrix_cells order by 2, 3"
    sql p.margin "select 'link', case_id, code_id, coding_id from matrix_links order by 2, 3, 4"
}
margin memo p.margin --coder Lead --case P10 --text "Met twice." >/dev/null
margin memo p.margin --coder Lead --case P02 --text "Site lead." >/dev/null
margin matrix p.margin P10 01 "Slow start." --set --coder Lead >/dev/null
margin matrix p.margin P02 02 "Tight money." --set --coder Lead >/dev/null
# A link to a coding of the case, and one to a coding deleted since, which stays unseen.
write p.margin "insert into matrix_links select c.id, k.id, g.id from cases c, codes k, codings g where c.name = 'P10' and k.name = 'Staff' and g.code_id = k.id"
write p.margin "insert into matrix_links select id, (select id from codes where name = 'Staff'), 999 from cases where name = 'P10'"
before=$(cases_state)
run case merge p.margin P10 P02 --coder Lead
expect_equal "$out" "merged case P10 into P02: 1 source relinked; 1 attribute had another value in P02, whose value was kept" \
    "cases are merged, saying which values were kept"
expect_equal "$(sql p.margin "select m.text from memos m join cases c on c.id = m.target_id where m.target = 'case'")" "Site lead.

Met twice." "the merged case's memo follows the other's"
expect_equal "$(sql p.margin "select count(*) from matrix_cells") $(sql p.margin "select count(*) from matrix_links")" "1 0" \
    "the merged case's matrix summaries and links go with it"
run --script undo.script --coder Lead p.margin
expect_contains "$out" "message: undone: merged case P10 into P02" "the coder's u on the screen undoes a merge"
expect_equal "$(cases_state)" "$before" \
    "and the cases, values, sources, memos, summaries and links are as they were, ids included"
run --script redo.script --coder Lead p.margin
expect_contains "$out" "message: redone: merged case P10 into P02" "the merge is redone"
expect_equal "$(sql p.margin "select s.name, c.name from sources s join cases c on c.id = s.case_id order by s.name")" "int01|P02
int02|P02" "the sources of the merged case are relinked"
expect_equal "$(value P02 site) $(value P02 age)" "South 41" \
    "and the case kept its own value, taking the ones it lacked"
before=$(cases_state)
run case delete p.margin P02 --coder Lead
expect_equal "$out" "deleted case P02; 2 sources now belong to no case" "a case is deleted, its sources kept"
expect_equal "$(sql p.margin "select count(*) from cases where name = 'P02'") $(sql p.margin "select count(*) from memos where target = 'case'") $(sql p.margin "select count(*) from matrix_cells")" \
    "0 0 0" "with its memo and summaries"
run --script undo.script --coder Lead p.margin
expect_contains "$out" "message: undone: deleted case P02; 2 sources now belong to no case" \
    "the coder's u on the screen undoes a deletion"
expect_equal "$(cases_state)" "$before" "and all of the case is back, its sources linked to it again"
run --script redo.script --coder Lead p.margin
expect_equal "$(sql p.margin "select count(*) from cases where name = 'P02'")" "0" "the deletion is redone"
run case delete p.margin P99
expect_error 1 "the project has no case named 'P99'" "an unknown case is named"

run log p.margin
expect_contains "$out" "renamed coder Ann to Ann Lee" "every change is in the log"
expect_contains "$out" "merged case P10 into P02" "merges too"
# An undoable change is journaled as the changes it is made of, a row each.
expect_equal "$(sql p.margin "select group_concat(operation, ' ') from journal where operation like 'source.%' or operation like 'case.%' or operation like 'coder.%' group by batch order by batch")" \
    "source.import
source.import
source.import
source.rename
source.relink
source.relink
source.delete
source.delete
coder.rename
coder.owns coder.delete
coder.owns coder.delete
case.value
case.value
case.value
case.value
case.value case.delete
case.rename
case.delete
case.rename
source.relink case.value case.value case.value case.value case.value case.delete
source.relink source.relink case.value case.value case.value case.delete" \
    "each journaled under its own operations"
run check p.margin
expect_ok "the project checks clean"
finish
