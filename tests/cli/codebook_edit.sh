#!/bin/sh
# Changing the codebook on the command line: numbers stay put except through renumber and move,
# every change is undoable from the screen by the coder who made it, deleting and merging say
# whose codings go, and a project can name who may change its codebook.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
margin init p.margin >/dev/null
margin codebook import p.margin "$SOURCE_ROOT/codebooks/pcn-2020.yaml" >/dev/null
printf 'Interviewer: What has changed?\nP2: The board meets monthly now.\nInterviewer: Anything else?\nP2: Rotas are shared.\n' >int02.txt
margin import p.margin int02.txt >/dev/null
margin code p.margin --coder A --source int02 --code 07.01.02 --start 0 --end 10 >/dev/null
margin code p.margin --coder B --source int02 --code 07.01.03 --start 5 --end 15 >/dev/null
margin code p.margin --coder A --source int02 --code 07.01.03 --start 20 --end 30 >/dev/null
margin code p.margin --coder B --source int02 --code 08.01 --start 0 --end 4 >/dev/null

# numbers PROJECT: every coding as "coder number", in a fixed order.
numbers() {
    margin export "$1" --segments - | python3 -c '
import csv, sys
print("\n".join(sorted(r["coder"] + " " + r["code"] for r in csv.DictReader(sys.stdin))))'
}
codes() {
    margin list p.margin codes | sed -n "/^$1 /p" | cut -c1-60 | sed 's/ *$//'
}
before=$(numbers p.margin)

run codebook add p.margin "Leadership" --under 07.01 --coder Lead
expect_ok "a code is added"
expect_equal "$out" "added 07.01.08 Leadership" "with the next free number at its level"
run codebook add p.margin "Funding" --coder Lead
expect_equal "$out" "added 12 Funding" "and at the top level after the last code"
expect_equal "$(numbers p.margin)" "$before" "no coding's number changes"

run codebook rename p.margin 07.01.02 "Governance" --coder Lead
expect_equal "$out" "renamed 07.01.02 Management and governance to 07.01.02 Governance" \
    "a rename keeps the number"
printf 'u\n@state\n' >undo.script
run --script undo.script --coder C p.margin
expect_contains "$out" "message: (error) nothing to undo" "another coder's u on the screen does not undo it"
run --script undo.script --coder Lead p.margin
expect_contains "$out" "message: undone: renamed 07.01.02 'Management and governance' to 'Governance'" \
    "the coder's u on the screen undoes it"
expect_equal "$(codes 07.01.02)" "07.01.02     Management and governance" "and the old name is back"
run --script undo.script --coder Lead p.margin
expect_contains "$out" "undone: added the code 'Funding'" "the adds are undone in turn"

run codebook move p.margin 07.01.03 up --dry-run --coder Lead
expect_equal "$out" \
    "moving 07.01.03 Services provision challenges up would give 2 codes and 3 codings new numbers" \
    "a dry run of a move counts the codes and codings that would get new numbers"
expect_equal "$(numbers p.margin)" "$before" "and changes nothing"
run codebook move p.margin 07.01.03 up --coder Lead
expect_equal "$out" "moved 07.01.03 Services provision challenges up: it is 07.01.02 Services provision challenges now; 2 codes and 3 codings have new numbers" \
    "a move says what got new numbers"
run codebook move p.margin 07.01.02 down --coder Lead
expect_equal "$(numbers p.margin)" "$before" "moving back restores every number"
run codebook move p.margin 01 up --coder Lead
expect_error 1 "the code is already first" "a move that cannot be done is refused"
run codebook move p.margin 07.01.03 sideways --coder Lead
expect_status 1 "a direction other than up, down, in and out is a usage error"

run codebook delete p.margin 07.01.03 --coder Lead
expect_error 1 "deleting 07.01.03 Services provision challenges would remove 2 codings (A 1, B 1); give --yes to delete all the same" \
    "deleting a code with codings says whose they are and asks for --yes"
expect_equal "$(numbers p.margin)" "$before" "and deletes nothing"
run codebook delete p.margin 07.01.04 --coder Lead
expect_equal "$out" "deleted 07.01.04 Patient-level challenges" "a code without codings is deleted at once"
run codebook delete p.margin 07.01.03 --coder Lead --yes
expect_equal "$out" "deleted 07.01.03 Services provision challenges, with 2 codings (A 1, B 1)" \
    "with --yes the codings go, and it says whose"
expect_equal "$(codes 07.01.05)" "07.01.05     Policy and regulation challenges" \
    "the codes after it keep their numbers"
run --script undo.script --coder Lead p.margin
expect_equal "$(numbers p.margin)" "$before" "the screen's u puts the code and its codings back"

run codebook merge p.margin 08 07.01.02 --coder Lead
expect_error 1 "08 Future of collaboration holds 3 sub-codes and 1 coding (B 1); merging moves them to 07.01.02 Management and governance; give --yes to merge all the same" \
    "merging says whose codings move and asks for --yes"
run codebook merge p.margin 07.01.03 07.01.02 --coder Lead --yes
expect_equal "$out" "merged 07.01.03 Services provision challenges into 07.01.02 Management and governance, with 2 codings (A 1, B 1)" \
    "with --yes the code is merged"
expect_equal "$(numbers p.margin | tr '\n' ' ')" "A 07.01.02 A 07.01.02 B 07.01.02 B 08.01 " \
    "its codings are at the other code"

margin code p.margin --coder B --source int02 --code 07.01.06 --start 0 --end 4 >/dev/null
run codebook renumber p.margin --dry-run
expect_equal "$out" "renumbering would give 4 codes and 1 coding new numbers" \
    "a dry run of renumber counts the codes and codings that would get new numbers"
run codebook renumber p.margin
expect_status 1 "renumbering needs --coder"
run codebook renumber p.margin --coder Lead
expect_equal "$out" "renumbered the codebook: 4 codes and 1 coding have new numbers" "renumber says the same"
expect_equal "$(codes 07.01.03)" "07.01.03     Policy and regulation challenges" "and closes the gaps"
expect_contains "$(numbers p.margin)" "B 07.01.04" "taking the codings along"
run codebook renumber p.margin --coder Lead
expect_equal "$out" "the codebook's numbers have no gaps; nothing to renumber" "a second renumber does nothing"
run --script undo.script --coder Lead p.margin
expect_contains "$out" "undone: renumbered the codebook" "the screen's u undoes a renumbering"
run codebook renumber p.margin --dry-run
expect_equal "$out" "renumbering would give 4 codes and 1 coding new numbers" "and the gaps are back"

run codebook editors p.margin
expect_equal "$out" "codebook editors: anyone" "by default anyone may change the codebook"
run codebook editors p.margin 'A,Lead'
expect_equal "$out" "codebook editors: A,Lead" "the editors are named"
run codebook rename p.margin 07.01.02 "Boards" --coder B
expect_error 1 "only A,Lead may change this project's codebook, not B" "another coder is refused"
run codebook add p.margin "Boards" --coder Newcomer
expect_error 1 "only A,Lead may change this project's codebook, not Newcomer" "so is a new name"
expect_equal "$(sql p.margin "select count(*) from coders where name = 'Newcomer'")" "0" \
    "and the refused coder is not added"
printf '<Tab>\nr\n<C-u> Boards <Enter>\n@state\n' >rename.script
run --script rename.script --coder B p.margin
expect_contains "$out" "message: (error) only A,Lead may change this project's codebook, not B" \
    "the screen refuses with the model's message"
run codebook import p.margin "$SOURCE_ROOT/codebooks/pcn-2020.yaml"
expect_error 1 "only A,Lead may change this project's codebook" "importing a codebook needs an editor"
run codebook import p.margin "$SOURCE_ROOT/codebooks/pcn-2020.yaml" --coder B
expect_error 1 "only A,Lead may change this project's codebook, not B" "named by --coder"
run codebook rename p.margin 07.01.02 "Boards" --coder A
expect_equal "$out" "renamed 07.01.02 Management and governance to 07.01.02 Boards" "an editor may"
run codebook import p.margin "$SOURCE_ROOT/codebooks/pcn-2020.yaml" --coder Lead
expect_contains "$out" "codebook: 2 added, 1 updated" "and may import a codebook"
margin codebook rename p.margin 07.01.02 "Boards" --coder A >/dev/null
run codebook editors p.margin
expect_equal "$out" "codebook editors: A,Lead" "the list is printed"
run codebook editors p.margin --clear
expect_equal "$out" "codebook editors: anyone" "--clear lets anyone again"
run codebook rename p.margin 07.01.02 "Board" --coder B
expect_ok "and then another coder may"
run codebook editors p.margin 'A,'
expect_status 1 "a list with an empty name is refused"
run codebook rename p.margin 99 X --coder A
expect_error 1 "no code is numbered 99" "an unknown code is named"

# Imports that name codes by number and name: a name that is not the number's is refused, unless
# --match says which to trust.
margin init q.margin >/dev/null
margin codebook import q.margin "$SOURCE_ROOT/codebooks/pcn-2020.yaml" >/dev/null
margin import q.margin int02.txt >/dev/null
printf 'coder,source,code,code_name,start,end\nA,int02,11,Quotes,0,5\nB,int02,07.01.02,Management and governance,0,10\n' >old.csv
margin codebook rename q.margin 07.01.02 Governance --coder Lead >/dev/null
run codings import q.margin old.csv
expect_error 1 "old.csv:3: code 07.01.02 is named 'Governance' in the project, not 'Management and governance'; match by number or by name to take it all the same" \
    "an old row whose code was renamed since is refused with its line, number and both names"
expect_equal "$(sql q.margin "select count(*) from codings")" "0" "and nothing is imported"
printf 'coder,source,code,start,end\nB,int02,07.01.02 Management and governance,0,10\n' >named.csv
run codings import q.margin named.csv
expect_error 1 "named.csv:2: code 07.01.02 is named 'Governance', not 'Management and governance'" \
    "so is a number and name in the code column"
run codings import q.margin old.csv --match number
expect_equal "$out" "codings: 2 added" "--match number trusts the number"
expect_equal "$(numbers q.margin | tr '\n' ' ')" "A 11 B 07.01.02 " "and puts the row at that number"
margin codebook move q.margin 07.01.04 up --coder Lead >/dev/null
printf 'coder,source,code,code_name,start,end\nC,int02,07.01.04,Patient-level challenges,0,10\n' >moved.csv
run codings import q.margin moved.csv
expect_error 1 "moved.csv:2: code 07.01.04 is named 'Services provision challenges' in the project, not 'Patient-level challenges'; match by number or by name to take it all the same" \
    "a row whose code moved since is refused too"
run codings import q.margin moved.csv --match name
expect_equal "$out" "codings: 1 added" "--match name trusts the name"
expect_equal "$(sql q.margin "select c.name from codings g join codes c on c.id = g.code_id join coders p on p.id = g.coder_id where p.name = 'C'")" \
    "Patient-level challenges" "and looks the code up by it"
printf 'coder,source,code,start,end\nD,int02,07.01.04 Patient-level challenges,0,10\n' >named.csv
run codings import q.margin named.csv --match name
expect_equal "$out" "codings: 1 added" "as it does for a name in the code column"
expect_equal "$(numbers q.margin | tr '\n' ' ')" "A 11 B 07.01.02 C 07.01.03 D 07.01.03 " \
    "at the code's number now"
margin export q.margin --segments all.csv
run codings import q.margin all.csv
expect_equal "$out" "codings: 0 added, 4 already present" "a fresh export imports back without --match"
run codings import q.margin old.csv --match both
expect_status 1 "--match takes only number or name"

finish
