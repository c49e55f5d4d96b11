#!/bin/sh
# Two programs on one project at once: a long import while spans are coded, two screens coding
# as two coders, readers during a write, and a writer that waits longer than
# MARGIN_BUSY_TIMEOUT allows, which gives up with a clear message and changes nothing.
# No coding that a command or the screen reported is ever lost.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
sample_project p.margin
# Under valgrind (MARGIN_WRAPPER) everything is slower: fewer rounds and a shorter import do.
rounds="1 2 3 4 5"
step=5
if [ -n "${MARGIN_WRAPPER:-}" ]; then
    rounds="1 2"
    step=20
fi

# present CODER SOURCE CODE START END: 1 when that coding is in p.margin.
present() {
    sql p.margin "select count(*) from codings c join coders d on d.id = c.coder_id
        join sources s on s.id = c.source_id join codes k on k.id = c.code_id
        where d.name = '$1' and s.name = '$2' and c.start = $3 and c.end = $4"
}

# 1. Two screens coding at once as two coders, five times over (twice under valgrind): every "coded ..." message that
# either screen showed is a coding in the project.
# screen_script TURN...: codes each speaker turn of int03 as 07.01.02, with @state after each.
screen_script() {
    printf 'S j j <Enter>\n@state\n'
    for turn in "$@"; do
        moves=""
        i=0
        while [ $i -lt "$turn" ]; do
            moves="$moves t"
            i=$((i + 1))
        done
        printf 'gg%s v it c 07.01.02 <Enter>\n@state\n' "$moves"
    done
    printf 'q\n'
}
screen_script 1 3 5 7 9 11 13 15 >a.script
screen_script 2 4 6 8 10 12 14 16 >b.script
errors=0
: >shown.txt
for round in $rounds; do
    MARGIN_BUSY_TIMEOUT=60000 margin --script a.script --coder "SA$round" p.margin >a.out 2>&1 &
    first=$!
    MARGIN_BUSY_TIMEOUT=60000 margin --script b.script --coder "SB$round" p.margin >b.out 2>&1
    wait $first
    errors=$((errors + $(cat a.out b.out | grep -c '(error)\|^margin:')))
    for who in a b; do
        coder=S$(echo $who | tr ab AB)$round
        sed -n "s/^message: coded int03 \([0-9]*\)-\([0-9]*\) as .*/$coder \1 \2/p" $who.out >>shown.txt
    done
done
shown=$(wc -l <shown.txt)
lost=$(python3 - p.margin shown.txt <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
lost = 0
for line in open(sys.argv[2]):
    coder, start, end = line.split()
    lost += db.execute("select count(*) = 0 from codings c join coders d on d.id = c.coder_id "
                       "join sources s on s.id = c.source_id where d.name = ? and s.name = 'int03' "
                       "and c.start = ? and c.end = ?", (coder, int(start), int(end))).fetchone()[0]
print(lost)
PY
)
expect_equal "$errors" "0" "two screens coding at once never fail"
expect_equal "$shown" "$(($(echo $rounds | wc -w) * 16))" "every coding is reported on its screen"
expect_equal "$lost" "0" "and every coding reported is in the project"

# 2. Two screens adding a code at the same place at once: both are added, one after the other;
# never a lost code, never two codes with one number.
cat >add.script <<'SCRIPT'
<Tab> G
a "NAME" <Enter>
@state
SCRIPT
sed 's/NAME/Added on screen A/' add.script >add-a.script
sed 's/NAME/Added on screen B/' add.script >add-b.script
MARGIN_BUSY_TIMEOUT=60000 margin --script add-a.script --coder A p.margin >a.out 2>&1 &
first=$!
MARGIN_BUSY_TIMEOUT=60000 margin --script add-b.script --coder B p.margin >b.out 2>&1
wait $first
added=$(sql p.margin "select count(*) from codes where name like 'Added on screen _'")
expect_equal "$added" "2" "two screens adding a code at once: both codes are added"
run check p.margin
expect_equal "$out" "p.margin: no problems found" "and the project is sound, no two codes sharing a number"

# A long codings import (about 40,000 rows; 10,000 under valgrind), to hold the project's write lock for a while.
python3 - "$step" <<'PY'
import sys
with open("long.csv", "w") as f:
    f.write("coder,source,code,start,end,memo\n")
    n = 0
    for s in range(0, 17000, int(sys.argv[1])):
        for e in range(s + 1, s + 24, 2):
            f.write("L,int01,07.01.02,%d,%d,long import\n" % (s, e))
            n += 1
print(n, file=open("long.count", "w"))
PY
rows=$(cat long.count)

# wait_for_journal: waits (up to 120 s) until a writer has started writing p.margin.
wait_for_journal() {
    tries=0
    while [ ! -e p.margin-journal ] && [ $tries -lt 12000 ]; do
        sleep 0.01
        tries=$((tries + 1))
    done
}

# 3. Coding spans while the import writes: each `margin code` waits its turn.
MARGIN_BUSY_TIMEOUT=60000 margin codings import p.margin long.csv >import.out 2>import.err &
importer=$!
wait_for_journal
failed=0
for i in 0 1 2 3 4 5 6 7 8 9; do
    MARGIN_BUSY_TIMEOUT=60000 margin code p.margin --coder W --source int02 --code 07.01.02 \
        --start $((i * 10)) --end $((i * 10 + 5)) >"code$i.out" 2>&1 || failed=$((failed + 1))
done
wait $importer
expect_equal "$(cat import.out import.err)" "codings: $rows added" "a long import finishes while spans are coded"
expect_equal "$failed" "0" "every span coded meanwhile waited its turn and succeeded"
expect_equal "$(sql p.margin "select count(*) from codings c join coders d on d.id = c.coder_id where d.name in ('L', 'W')")" \
    "$((rows + 10))" "and every one of them is in the project"

# 4. A reader during a write reads the project as it was.
before=$(sql p.margin "select count(*) from codings")
hold_lock p.margin immediate "delete from codings where id = (select min(id) from codings)"
MARGIN_BUSY_TIMEOUT=60000 margin info p.margin >info.out 2>&1
status=$?
release_lock
expect_equal "$status $(sed -n 's/^codings  //p' info.out)" "0 $before" \
    "info while another program writes reads the project as it was before the write"

# 5. A writer that must wait longer than MARGIN_BUSY_TIMEOUT gives up and says why.
cp p.margin unlocked.margin
hold_lock p.margin immediate
run code p.margin --coder X --source int02 --code 07.01.02 --start 0 --end 9
release_lock
expect_error 1 "p.margin: the project is locked by another program; nothing was changed (starting a change). Try again when the other program has finished" \
    "a writer that waits longer than MARGIN_BUSY_TIMEOUT gives up with a clear message"
same_file p.margin unlocked.margin "and the project is as it was"
run code p.margin --coder X --source int02 --code 07.01.02 --start 0 --end 9
expect_equal "$status $out" "0 coded int02 0-9 as 07.01.02 Management and governance" "once the lock is gone, the same change succeeds"

finish
