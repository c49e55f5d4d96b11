#!/bin/sh
# Codebook import (NVivo table and YAML), export and round trip.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
table=$SOURCE_ROOT/tests/data/nvivo12-codebook-table7.txt
margin init p.margin >/dev/null

run codebook import p.margin "$table"
expect_ok "the NVivo table of the PCN evaluation imports"
expect_equal "$out" "codebook: 140 added, 0 updated, 0 unchanged; the project has 140 codes" \
    "as exactly 140 codes"
# The codes in the order printed, with the numbers and names printed (awk reads the table).
awk -F'\t' '/^[0-9]/ { print $1 }' "$table" >printed.txt
sql p.margin "select 1" >/dev/null
margin list p.margin codes | awk 'NR > 1' | sed -E 's/ {2,}/\t/g' | cut -f1,2 |
    tr '\t' ' ' >listed.txt
same_file printed.txt listed.txt "the codes come in the printed order with the printed numbers"
expect_equal "$(sql p.margin "select p.name from codes c join codes p on p.id = c.parent_id where c.name = 'Management staff'")" \
    "Internal stakeholders" "01.03.01.01 sits under 01.03.01"

# A table saved with a byte order mark, as Windows editors save UTF-8, its header first.
printf '\357\273\277Name\tFiles\tReferences\n01 Setting up\t2\t3\n01.01 Premises\t1\t1\n' >bom-table.txt
margin init bom.margin >/dev/null
run codebook import bom.margin bom-table.txt
expect_equal "$out" "codebook: 2 added, 0 updated, 0 unchanged; the project has 2 codes" \
    "an NVivo table with a byte order mark imports"
expect_equal "$(margin list bom.margin codes | awk 'NR > 1 { print $1 }' | tr '\n' ' ')" "01 01.01 " \
    "with the numbers printed"

# Numbers are listed whole, however long: twelve levels, the last of four digits.
python3 - >long-table.txt <<'PY'
print("Name\tFiles\tReferences")
number = ""
for level in range(12):
    number += ("." if number else "") + ("9999" if level == 11 else "01")
    print("%s Level %d\t0\t0" % (number, level + 1))
PY
margin init long.margin >/dev/null
run codebook import long.margin long-table.txt
expect_equal "$(margin list long.margin codes | awk 'NR > 1 { print $1 }' | tail -n 1)" \
    "01.01.01.01.01.01.01.01.01.01.01.9999" "list codes shows a number of 37 characters whole"

run codebook export p.margin --output first.yaml
expect_ok "the codebook exports as YAML"
margin init q.margin >/dev/null
run codebook import q.margin first.yaml
expect_equal "$out" "codebook: 140 added, 0 updated, 0 unchanged; the project has 140 codes" \
    "the YAML imports into a new project"
margin codebook export q.margin --output second.yaml
same_file first.yaml second.yaml "YAML round trip gives the same codebook, GUIDs and all"
run codebook import q.margin first.yaml
expect_equal "$out" "codebook: 0 added, 0 updated, 140 unchanged; the project has 140 codes" \
    "importing it again changes nothing"

run codebook export p.margin --format csv
expect_contains "$out" "number,name,parent,codable,description,colour,guid" "CSV export has a header"
expect_contains "$out" "01.03.01.01,Management staff,01.03.01,true" "and one row per code"
run codebook export p.margin --format xml
expect_status 1 "an unknown format is refused"

cat >renamed.yaml <<'YAML'
format: margin-codebook 1
codes:
  - number: "07"
    name: What is not going well
    codable: false
    codes:
      - number: "07.02"
        name: Tensions between practices
        description: Disagreement about money, staff or say.
      - number: "07.05"
        name: A new code
YAML
run codebook import p.margin renamed.yaml
expect_equal "$out" "codebook: 1 added, 1 updated, 1 unchanged; the project has 141 codes" \
    "a second codebook merges by number"
expect_equal "$(sql p.margin "select name, description from codes where name like 'Tensions%'")" \
    "Tensions between practices|Disagreement about money, staff or say." "a matched code takes the new name"

printf 'codes:\n  - name: A\n    number: 3\n  - name: B\n    number: 3\n' >dup.yaml
run codebook import p.margin dup.yaml
expect_error 1 "dup.yaml:5:13: this number is already used on line 2" "duplicate numbers are refused where they are"
printf 'codes:\n  - name: A\n   name: B\n' >indent.yaml
run codebook import p.margin indent.yaml
expect_error 1 "indent.yaml:3:4: did not find expected '-' indicator (while parsing a block collection, which starts at line 2)" \
    "bad indentation is refused with libyaml's line and column"
printf 'codes:\n  - &c\n    name: Loop\n    codes:\n      - *c\n' >cycle.yaml
run codebook import p.margin cycle.yaml
expect_error 1 "cycle.yaml:2:5: this code contains itself through a YAML alias (a cycle)" "a cycle is refused"
expect_equal "$(sql p.margin "select count(*) from codes")" "141" "failed imports leave the codebook as it was"
run codebook import p.margin nothing.yaml
expect_error 1 "nothing.yaml: No such file or directory" "a missing codebook is named"

# A code matched by number keeps its identity: another GUID in the file is another code, and a
# coded code does not silently become a heading.
sample_project s.margin
margin codebook export s.margin --output s.yaml
cp s.margin s.before
python3 - s.yaml <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r"guid: [0-9a-f-]+", "guid: 00000000-0000-4000-8000-000000000000", text, count=1)
open("otherguid.yaml", "w", encoding="utf-8").write(text)
PY
first_guid=$(sed -n 's/^ *guid: //p' s.yaml | head -n 1)
run codebook import s.margin otherguid.yaml
expect_error 1 "code 01 'General information' has the GUID 00000000-0000-4000-8000-000000000000 in the file and $first_guid in the project: it is another code under the same number (leave its guid out to match it by number)" \
    "a matched code with another GUID is refused"
python3 - s.yaml <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
out = []
for i, line in enumerate(lines):
    out.append(line)
    if line.strip() == "name: Management and governance":
        out.append(line[:len(line) - len(line.lstrip())] + "codable: false")
open("heading.yaml", "w", encoding="utf-8").write("\n".join(out))
PY
coded=$(sql s.margin "select count(*) from codings where code_id = (select min(id) from codes where name = 'Management and governance')")
run codebook import s.margin heading.yaml
expect_error 1 "code 06.01.02 'Management and governance' has $coded codings, and the file makes it a heading, which cannot be coded; move or remove its codings first" \
    "a coded code is not made a heading by an import"
same_file s.margin s.before "and neither import changed anything"

finish
