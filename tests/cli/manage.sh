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
expect_error 1 "source 'int01' has 2 codings and 0 decisions, which would be deleted with it and cannot be brought back; nothing was deleted. Run again with --yes to delete them" \
    "a source with codings is not deleted unless told"
expect_equal "$(sql p.margin "select count(*) from sources where name = 'int01'")" "1" "and is still there"
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
run coder merge p.margin "A. Lee" "Ann Lee"
expect_equal "$out" "merged coder A. Lee into Ann Lee: 1 coding moved, 1 that Ann Lee had already kept once" \
    "two names of one coder are merged"
expect_equal "$(sql p.margin "select s.name, k.name, c.start, c.end, ifnull(c.memo, '') from codings c join coders k on k.id = c.coder_id join sources s on s.id = c.source_id order by s.name, c.start")" \
    "int01|Ann Lee|0|5|
int01|Ann Lee|3|9|
int02|Ann Lee|0|5|first" "every coding is the merged coder's, a shared one kept once with its memo"
expect_equal "$(sql p.margin "select name from coders")" "Ann Lee" "and the other name is gone"
margin code p.margin --coder Zed --source int02 --code 01 --start 6 --end 9 >/dev/null
run coder delete p.margin Zed --drop-codings
expect_equal "$out" "deleted coder Zed with 1 coding" "--drop-codings deletes a coder with the codings"

# Cases
run case rename p.margin P01 P10
expect_equal "$out" "renamed case P01 to P10" "a case is renamed"
run case merge p.margin P10 P02
expect_equal "$out" "merged case P10 into P02: 1 source relinked; 1 attribute had another value in P02, whose value was kept" \
    "cases are merged, saying which values were kept"
expect_equal "$(sql p.margin "select s.name, c.name from sources s join cases c on c.id = s.case_id order by s.name")" "int01|P02
int02|P02" "the sources of the merged case are relinked"
expect_equal "$(sql p.margin "select v.value from case_values v join cases c on c.id = v.case_id where c.name = 'P02'")" "South" \
    "and the case kept its own value"
run case delete p.margin P02
expect_equal "$out" "deleted case P02; 2 sources now belong to no case" "a case is deleted, its sources kept"
run case delete p.margin P99
expect_error 1 "the project has no case named 'P99'" "an unknown case is named"

run log p.margin
expect_contains "$out" "renamed coder Ann to Ann Lee" "every change is in the log"
expect_contains "$out" "merged case P10 into P02" "merges too"
expect_equal "$(sql p.margin "select operation from journal where operation like 'source.%' or operation like 'case.%' or operation like 'coder.%' order by id" | tr '\n' ' ')" \
    "source.import source.import source.import source.rename source.relink source.relink source.delete coder.rename coder.merge coder.delete case.rename case.merge case.delete " \
    "each journaled under its own operation"
run check p.margin
expect_ok "the project checks clean"
finish
