#!/bin/sh
# Cases and their typed attributes.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
margin init p.margin >/dev/null

cat >cases.csv <<'CSV'
case,site,staff_group,age,joined,salaried
P01,Site A,GP,52,2019-07-01,yes
P02,Site B,"Practice manager, network lead",41,2019-09-15,no
P03,Site C,Commissioner,,2020-01-02,no
CSV
run cases import p.margin cases.csv
expect_ok "a cases file imports"
expect_equal "$out" "cases: 3 added, 0 updated" "and reports the cases"
expect_equal "$(sql p.margin "select name, type from attributes order by id")" \
    "site|text
staff_group|text
age|integer
joined|date
salaried|boolean" "attribute types are inferred from the values"
expect_equal "$(sql p.margin "select count(*) from case_values")" "14" "an empty cell stores no value"

printf 'case,age\nP01,52.5\nP04,60\n' >more.csv
run cases import p.margin more.csv
expect_equal "$out" "cases: 1 added, 1 updated" "a second file updates and adds"
expect_equal "$(sql p.margin "select type from attributes where name = 'age'")" "real" \
    "an attribute widens to fit new values"

printf 'case,site\nP01,Site A,extra\n' >ragged.csv
run cases import p.margin ragged.csv
expect_error 1 "ragged.csv:2: this row has 3 fields, but the header has 2" "ragged rows are refused"
printf 'case,age:integer\nP09,old\n' >typed.csv
run cases import p.margin typed.csv
expect_error 1 "typed.csv:2: 'old' in the column 'age' is not of type integer" \
    "a declared type is enforced"
printf 'case,site,age:bogus\nP09,Site D,52\n' >bogus.csv
run cases import p.margin bogus.csv
expect_error 1 "bogus.csv:1: the column 'age:bogus' is given the type 'bogus', which margin does not know (the types are text, integer, real, date and boolean)" \
    "a type margin does not know is refused, not read as part of the column's name"
expect_equal "$(sql p.margin "select count(*) from attributes where name like 'age:%'")" "0" \
    "and no attribute is made of it"
printf 'case,site\nP01,A\nP01,B\n' >twice.csv
run cases import p.margin twice.csv
expect_error 1 "twice.csv:3: the case 'P01' appears twice (also on line 2)" "a repeated case is refused"
expect_equal "$(sql p.margin "select count(*) from cases")" "4" "failed imports change nothing"

# "-" reads the cases from standard input, a pipe say; messages name "standard input".
printf 'case,site\nP09,Site D\n' | margin cases import p.margin - >"$work/stdout" 2>"$work/stderr"
status=$?
expect_equal "$status $(cat "$work/stdout")" "0 cases: 1 added, 0 updated" "cases are read from a pipe given as -"
printf 'case,age:integer\nP09,old\n' | margin cases import p.margin - >"$work/stdout" 2>"$work/stderr"
status=$?
expect_equal "$status $(cat "$work/stderr")" \
    "1 margin: standard input:2: 'old' in the column 'age' is not of type integer" \
    "a bad row from standard input is refused, naming standard input and the line"

run list p.margin cases
expect_contains "$out" "P02   Site B  Practice manager, network lead" "list cases shows the attributes"

printf 'case,Q1: age in years,time:10\nP10,52,yes\n' >colons.csv
run cases import p.margin colons.csv
expect_equal "$status $(sql p.margin "select name from attributes where name like '%:%' order by name")" \
    "0 Q1: age in years
time:10" "a colon followed by anything but a word is part of the name"

finish
