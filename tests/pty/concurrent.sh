#!/bin/sh
# margin on screen (in tmux) while other programs change the same project: the screen notices
# another program's change and shows it; two screens code as two coders at
# once and neither loses a coding; a screen that waits too long for another program's lock
# says so, changes nothing, and codes once the lock is gone.
. "$SOURCE_ROOT/tests/pty/lib.sh"

# start NAME CODER [TIMEOUT]: runs margin as CODER in a new 80x24 session.
start() {
    tmux_ new-session -d -x 80 -y 24 -s "$1" \
        "MARGIN_BUSY_TIMEOUT=${3:-10000} TERM=xterm-256color '$MARGIN' --coder $2 '$project'; sleep 600"
}

# check_status SESSION PATTERN DESCRIPTION: waits (as wait_for does) for the status line (the
# row above the message line) to match the extended regular expression PATTERN.
check_status() {
    tries=0
    while [ $tries -lt 1200 ]; do
        if screen "$1" | tail -n 2 | head -n 1 | grep -qE -- "$2"; then
            pass "$3"
            return
        fi
        sleep 0.1
        tries=$((tries + 1))
    done
    fail "$3" "the status line never matched: $2" "$(screen "$1")"
}

# 1. Another program codes the transcript on show: the screen re-reads and shows it.
start one A
check one "coder A" "a screen is open on the project"
if screen one | grep -q '^11 '; then
    fail "the first row has no coding at 11 yet" "$(screen one)"
else
    pass "the first row has no coding at 11 yet"
fi
"$MARGIN" code "$project" --coder A --source int01 --code 11 --start 0 --end 40 >/dev/null
check one "the project was changed by another program; shown" \
    "a coding made by another program is noticed and shown"
check one "11          Interview 1" "and shown in the margin of the transcript"

# 2. Another program imports a source: it appears in the source list. (A key clears the news
# of the first change, so that the screen's news of this one can be waited for.)
keys one l
printf 'Interviewer: Is this new?\nRespondent: Quite new.\n' >"$work/int99.txt"
"$MARGIN" import "$project" "$work/int99.txt" >/dev/null
check one "the project was changed by another program; shown" "the screen notices the import"
keys one S
check one "int99" "a source imported by another program is in the source list"
keys one Escape

# 2b. A list of segments on show follows another program's coding.
keys one Q 1 1 Enter
check one "query 11: 17 segments, your codings" "a query lists the stretches coded at 11"
"$MARGIN" code "$project" --coder A --source int01 --code 11 --start 200 --end 240 >/dev/null
check one "query 11: 18 segments, your codings" "another program's coding joins the list on show"
keys one q q

# 3. Two screens, two coders, coding the same speaker turn at the same moment.
start a A
start b B
check a "coder A" "coder A's screen is open"
check b "coder B" "coder B's screen is open alongside"
for s in a b; do
    keys $s S j Enter t t v i t c 0 7 . 0 1 . 0 2
done
check a "07.01.02 Management and governance" "A picks a code"
check b "07.01.02 Management and governance" "B picks the same code"
keys a Enter
keys b Enter
# Each screen's "coded ..." may already have given way to the news of the other's coding; the
# status line shows the coding at the cursor either way.
check_status a "coder A +07\.01\.02 Management and governance \(A\) · 1%" "A's screen shows the turn coded"
check_status b "coder B +07\.01\.02 Management and governance \(B\) · 1%" "B's screen shows the turn coded"
check a "the project was changed by another program; shown" "A's screen notices B's coding"
keys a O
check a "showing every coder's codings" "A shows everyone's codings"
both=$("$MARGIN" export "$project" --segments - --code 07.01.02 |
    grep -c '^int02,P02,[AB],07.01.02,Management and governance,205,659,')
expect_equal "$both" "2" "both coders' codings are saved, neither lost"
keys a q
keys b q

# 4. Another program holds the write lock; a screen that may wait 200 ms gives up with the
# message, and codes once the lock is gone.
start late A 200
check late "coder A" "a screen that waits at most 200 ms is open"
hold_lock "$project" immediate
keys late S g g j j Enter t v i t c 0 7 . 0 1 . 0 2
check late "07.01.02 Management and governance" "the code is picked while another program writes"
keys late Enter
check late "project.margin: the project is locked by another program" \
    "coding while another program holds the lock says the project is locked"
check late "VISUAL" "and keeps the selection to try again"
before=$(sql "$project" "select count(*) from codings c join coders d on d.id = c.coder_id
    join sources s on s.id = c.source_id where d.name = 'A' and s.name = 'int03'")
release_lock
keys late c 0 7 . 0 1 . 0 2 Enter
check late "coded int03" "once the lock is gone the same coding is made"
after=$(sql "$project" "select count(*) from codings c join coders d on d.id = c.coder_id
    join sources s on s.id = c.source_id where d.name = 'A' and s.name = 'int03'")
expect_equal "$((after - before))" "1" "exactly once"
keys late q

run check "$project"
expect_equal "$out" "$project: no problems found" "the project is sound after it all"

finish
