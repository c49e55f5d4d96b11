#!/bin/sh
# Merging the codings of another copy of a project: counts, merging twice, sources and codes
# that do not match, codes matched by GUID after renumbering, by number and by name.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1

cat >codes.yaml <<'YAML'
codes:
  - number: "01"
    name: Context
    codable: false
    codes:
      - number: "01.01"
        name: Role
      - number: "01.02"
        name: Setting
  - number: "02"
    name: Access
  - number: "03"
    name: Trust
YAML
printf 'Interviewer: How do patients reach you?\nRespondent: Mostly by phone, some walk in.\n' >int01.txt
printf 'Interviewer: And trust?\nRespondent: It takes years; Zoë knows everyone.\n' >int02.txt
printf 'Interviewer: Anything else?\nRespondent: No.\n' >int03.txt
margin init base.margin >/dev/null
margin codebook import base.margin codes.yaml >/dev/null
margin import base.margin int01.txt int02.txt >/dev/null
cp base.margin a.margin
cp base.margin b.margin

margin code a.margin --coder A --source int01 --code 01.01 --start 0 --end 20 >/dev/null
margin code a.margin --coder A --source int01 --code 02 --start 10 --end 30 >/dev/null
margin code a.margin --coder A --source int02 --code 03 --start 0 --end 15 >/dev/null
margin code b.margin --coder B --source int01 --code 01.01 --start 0 --end 25 --memo 'B thinks so' >/dev/null
margin code b.margin --coder B --source int02 --code 03 --start 5 --end 15 >/dev/null
margin code b.margin --coder B --source int02 --code 02 --start 0 --end 10 >/dev/null
margin code b.margin --coder A --source int01 --code 01.01 --start 0 --end 20 >/dev/null
cp b.margin b.before

run merge a.margin b.margin
expect_ok "a copy's codings merge"
expect_equal "$out" "merged 4 codings from b.margin: 3 added, 1 already present
added 1 coder" "the merge reports what it added, what was there and the new coder"
expect_equal "$(sql a.margin "select d.name, s.name, c.start, c.end, ifnull(c.memo, '') from codings c join coders d on d.id = c.coder_id join sources s on s.id = c.source_id order by d.name, s.name, c.start, c.end")" \
    "A|int01|0|20|
A|int01|10|30|
A|int02|0|15|
B|int01|0|25|B thinks so
B|int02|0|10|
B|int02|5|15|" "the project holds both coders' codings, memos included"
same_file b.margin b.before "the other project is only read"
expect_equal "$(sql a.margin "select operation, summary from journal order by id desc limit 1")" \
    "codings.merge|merged 4 codings from b.margin: 3 added, 1 already present" "the merge is journalled"
run merge a.margin b.margin
expect_equal "$out" "merged 4 codings from b.margin: 0 added, 4 already present" "merging again adds nothing"
expect_equal "$(sql a.margin "select count(*) from codings")" "6" "and the codings are as they were"

# A copy that was renumbered (Access and Trust swapped) and has a source the project lacks.
cp base.margin c.margin
margin import c.margin int03.txt >/dev/null
python3 - c.margin <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("update codes set position = 9 where parent_id is null and position = 2")
db.execute("update codes set position = 2 where parent_id is null and position = 3")
db.execute("update codes set position = 3 where parent_id is null and position = 9")
db.commit()
PY
margin code c.margin --coder C --source int01 --code 03 --start 0 --end 12 >/dev/null
margin code c.margin --coder C --source int03 --code 02 --start 0 --end 5 >/dev/null
margin code c.margin --coder C --source int03 --code 01.02 --start 5 --end 9 >/dev/null
run merge a.margin c.margin
expect_ok "a renumbered copy merges"
expect_equal "$out" "merged 1 coding from c.margin: 1 added, 0 already present
added 1 coder
skipped 2 codings in sources whose text is not in this project:
  int03: 2 codings (its text is not in this project)" \
    "codings of a source whose text is not in the project are skipped and listed"
run export a.margin --segments - --coder C
expect_equal "$(printf '%s\n' "$out" | tr -d '\r' | cut -d, -f3-7 | tail -n 1)" "C,02,Access,0,12" \
    "a code is matched by GUID after renumbering (03 there is 02 here)"

# An independent project: other GUIDs, the source under another name, a renamed code, a code
# at another number and a code this project lacks.
cat >other.yaml <<'YAML'
codes:
  - number: "01"
    name: Context
    codable: false
    codes:
      - number: "01.01"
        name: Role
      - number: "01.02"
        name: Setting
  - number: "02"
    name: Access to care
  - number: "04"
    name: Money
  - number: "06"
    name: Trust
YAML
cp int01.txt first.txt
margin init x.margin >/dev/null
margin codebook import x.margin other.yaml >/dev/null
margin import x.margin first.txt >/dev/null
margin code x.margin --coder X --source first --code 01.02 --start 0 --end 5 >/dev/null
margin code x.margin --coder X --source first --code 02 --start 5 --end 10 >/dev/null
margin code x.margin --coder X --source first --code 06 --start 10 --end 15 >/dev/null
margin code x.margin --coder X --source first --code 04 --start 15 --end 20 >/dev/null
run merge a.margin x.margin
expect_equal "$out" "merged 3 codings from x.margin: 3 added, 0 already present
added 1 coder
skipped 1 coding at codes with no match in this project:
  04 Money: 1 coding (no code here has its GUID, number or name)
matched by number although the names differ:
  02 Access to care -> 02 Access" \
    "codes match by number, then by name; the rest are listed with their codings"
run export a.margin --segments - --coder X
expect_equal "$(printf '%s\n' "$out" | tr -d '\r' | cut -d, -f1,4 | tail -n 3 | sort)" "int01,01.02
int01,02
int01,03" "sources match by text whatever their name; 06 Trust there is 03 Trust here"

run merge a.margin a.margin
expect_error 1 "a.margin is this project's own file; name another project to merge" \
    "a project does not merge into itself"
ln a.margin same.margin
run merge a.margin same.margin
expect_error 1 "same.margin is this project's own file; name another project to merge" \
    "nor through another name for the same file"
run merge a.margin nothing.margin
expect_error 1 "nothing.margin: No such file or directory" "a missing project is named"
printf 'not a project\n' >notes.txt
run merge a.margin notes.txt
expect_error 1 "notes.txt is not a margin project (it is not an SQLite database)" \
    "a file that is not a project is refused"
expect_equal "$(sql a.margin "select count(*) from codings")" "10" "failed merges change nothing"

# A detached coding (its text deleted by a correction both copies received) comes over detached,
# at its place, and only once.
printf 'Interviewer: And trust?\nRespondent: It takes years.\n' >int02-fixed.txt
cp base.margin d.margin
margin code d.margin --coder C --source int02 --code 03 --start 0 --end 15 >/dev/null
margin code d.margin --coder C --source int02 --code 02 --start 50 --end 66 --memo 'Zoë' >/dev/null
margin source update d.margin int02 int02-fixed.txt >/dev/null
cp base.margin e.margin
margin source update e.margin int02 int02-fixed.txt >/dev/null
run merge e.margin d.margin
expect_ok "a copy with a detached coding merges"
expect_equal "$out" "merged 2 codings from d.margin: 2 added, 0 already present
1 of them is detached, as in d.margin (margin detached lists it)
added 1 coder" "saying that one of its codings is detached"
expect_equal "$(sql e.margin "select code_id, start, end, detached, ifnull(memo, '') from codings order by start")" \
    "$(sql d.margin "select code_id, start, end, detached, ifnull(memo, '') from codings order by start")" \
    "the detached coding keeps its place, its state and its memo"
run merge e.margin d.margin
expect_equal "$out" "merged 2 codings from d.margin: 0 added, 2 already present
1 of them is detached, as in d.margin (margin detached lists it)" "merging again adds neither"
expect_equal "$(sql e.margin "select count(*) from codings")" "2" "and the codings are as they were"

finish
