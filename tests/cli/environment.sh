#!/bin/sh
# What margin needs from its surroundings, and what it says when it lacks it: a terminal that
# can move its cursor, file descriptors, a folder it may write its journal in, a lock it can
# take, and a MARGIN_BUSY_TIMEOUT that makes sense. Each refusal says what is wrong and changes
# nothing.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
sample_project p.margin
margin info p.margin >/dev/null
cp p.margin before.margin

# MARGIN_BUSY_TIMEOUT is read, not guessed at.
for value in abc -5 600001 12ms; do
    MARGIN_BUSY_TIMEOUT=$value margin info p.margin >stdout 2>stderr
    status=$?
    err=$(cat stderr)
    expect_error 1 "MARGIN_BUSY_TIMEOUT is '$value'; it must be a whole number of milliseconds from 0 to 600000, or unset for 5000" \
        "MARGIN_BUSY_TIMEOUT=$value is refused"
done
MARGIN_BUSY_TIMEOUT=0 margin info p.margin >stdout 2>stderr
expect_equal "$? $(head -n 1 stdout)" "0 project  p.margin" "MARGIN_BUSY_TIMEOUT=0 is a timeout like any other"

# A terminal that cannot move its cursor is refused, not garbled.
script -qec "TERM=dumb ${MARGIN_WRAPPER:-} '$MARGIN' --coder A p.margin" /dev/null >dumb.out 2>&1
expect_contains "$(cat dumb.out)" "margin: a terminal of type 'dumb' cannot move its cursor, so margin cannot show a project on it; set TERM to your terminal's type (such as xterm-256color)" \
    "TERM=dumb is refused with a reason"

# Too few file descriptors is said as such, not blamed on the terminfo entry.
printf '@state\n' >state.script
(ulimit -n 5 && "$MARGIN" --script state.script --coder A p.margin) >stdout 2>stderr
status=$?
err=$(cat stderr)
expect_error 1 "cannot open a virtual screen: Too many open files" "too few file descriptors is named"

# A project that may be written in a folder that may not: the folder is named.
if [ "$(id -u)" = 0 ]; then
    mkdir shut
    cp p.margin shut/p.margin
    chmod 666 shut/p.margin
    chmod 755 shut "$work"
    setpriv --reuid=nobody --regid=nogroup --clear-groups ${MARGIN_WRAPPER:-} "$MARGIN" code \
        shut/p.margin --coder A --source int01 --code 11 --start 0 --end 3 >stdout 2>stderr
    status=$?
    err=$(cat stderr)
    expect_error 1 "shut/p.margin: the folder the project is in cannot be written, and margin writes its journal there while it changes the project; nothing was changed (adding a coding)" \
        "a read-only folder is named as the reason"
    same_file shut/p.margin p.margin "and the project is as it was"
else
    pass "# SKIP a read-only folder needs root to test"
    pass "# SKIP and the project is as it was"
fi

# Reading a project another program has locked is not 'nothing was changed'.
hold_lock p.margin exclusive
run list p.margin coders
release_lock
expect_error 1 "p.margin: the project is locked by another program, so it could not be read (opening the project). Try again when the other program has finished" \
    "a locked project that cannot be read says so, without claiming a change"
same_file p.margin before.margin "nothing changed"

finish
