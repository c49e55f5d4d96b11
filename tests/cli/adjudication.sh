#!/bin/sh
# Settling disagreements on screen, then comparing the consensus with each coder.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
sample_project p.margin

# pooled FIELDS: the pooled row of 01.02.01 in the CSV on standard input, those fields joined
# by commas.
pooled() {
    python3 -c '
import csv, sys
for row in csv.DictReader(sys.stdin):
    if row["code"] == "01.02.01" and row["source"] == "(pooled)":
        print(",".join(row[f] for f in sys.argv[1:]))
' "$@"
}

# Walk through every disagreement at 01.02.01 (the sixth row by number) taking A's coding,
# and give the consensus the stretch both coders agree on.
cat >take-a.script <<'SCRIPT'
C <C-u> "A,B" <Enter> j j j j j <Enter> <Enter>
@state
a a a a a a a a a =
@state
SCRIPT
run --script take-a.script --coder lead p.margin
expect_contains "$out" "disagreements: 01.02.01 Management, leadership and decision making, reading 1 of 9 (0 settled)" \
    "the comparison opens the code's first disagreement"
expect_contains "$out" "disagreements: 01.02.01 Management, leadership and decision making, reading 9 of 9 (9 settled)" \
    "every disagreement is settled"
expect_contains "$out" "message: the consensus took 1 agreed stretches" "and the agreed stretch is taken"

run compare p.margin --coders consensus,A --code 01.02.01 --format csv
expect_equal "$(printf '%s\n' "$out" | pooled a b c kappa)" "4222,0,0,1" \
    "compare --coders consensus,A reflects the decisions: the consensus coded exactly what A did"
run compare p.margin --coders consensus,B --code 01.02.01 --format csv
# A and B differ by 2021 characters only A coded and 487 only B coded; of B's, the 145 in int04
# drop out, as the consensus coded nothing in int04 and compare leaves such sources out.
expect_equal "$(printf '%s\n' "$out" | pooled a b c)" "2201,2021,342" "and differs from B where A did"

# Deciding again for B: the consensus follows.
cat >take-b.script <<'SCRIPT'
C <C-u> "A,B" <Enter> j j j j j <Enter> <Enter>
b b b b b b b b b
@state
SCRIPT
run --script take-b.script --coder lead p.margin
run compare p.margin --coders consensus,B --code 01.02.01 --format csv
expect_equal "$(printf '%s\n' "$out" | pooled a b c kappa)" "2688,0,0,1" \
    "deciding again for B gives B's coding"
expect_equal "$(sql p.margin "select count(*), count(distinct choice) from decisions")" "10|2" \
    "each stretch keeps one decision, the latest"

# Undo, even after a restart, takes the decisions back one at a time.
printf 'u\n@state\n' >undo.script
run --script undo.script --coder lead p.margin
expect_contains "$out" "message: undone: settled 01.02.01 in obs01 3753-4375: took B's coding" \
    "undo takes back the last decision"
expect_equal "$(sql p.margin "select choice from decisions d join sources s on s.id = d.source_id where s.name = 'obs01' order by d.start")" \
    "second
first" "and the decision before it is A's again"
run check p.margin
expect_ok "the project is consistent after all of it"
finish
