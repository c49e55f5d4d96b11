#!/bin/sh
# margin in a real pseudo-terminal (tmux): startup, coding with real key presses, resizing,
# a mouse drag, a bracketed paste, and the terminal given back after quitting, after SIGTERM,
# SIGHUP and SIGINT, and after a crash.
. "$SOURCE_ROOT/tests/pty/lib.sh"

# start NAME [TERM]: runs margin in a new 80x24 session, with TERM xterm-256color unless given,
# under a shell that reports, once margin has ended, its exit status and whether the terminal is
# back in its usual modes.
start() {
    cat >"$work/$1.sh" <<EOF
printf 'BEFORE\n'
stty sane
TERM=${2:-xterm-256color} "$MARGIN" --coder A "$project"
status=\$?
printf 'EXITED %s\n' "\$status"
stty -a | tr ' ;' '\n\n' | grep -E '^-?(icanon|echo|icrnl)$' | tr '\n' ' '
printf '\nMODES\n'
sleep 600
EOF
    tmux_ new-session -d -x 80 -y 24 -s "$1" "sh $work/$1.sh"
}

margin_pid() {
    shell=$(tmux_ list-panes -t "$1" -F '#{pane_pid}')
    pgrep -P "$shell" -x margin
}

start main
check main "coder A" "margin starts on a terminal and shows the status line"
check main "Codebook" "and the codebook"

keys main S j Enter t t v i t c 0 7 . 0 1 . 0 2
check main "07.01.02 Management and governance" "typing a number in the picker finds the code"
keys main Enter
check main "coded int02 205-659 as 07.01.02" "real key presses code a speaker turn"

tmux_ resize-window -t main -x 40 -y 12
check main "int02 · coder A" "the screen follows a resize to 40x12"
# Only at 40 columns does the message run over two rows, the second being just this.
tries=0
while ! screen main | grep -qx "Management and governance *" && [ $tries -lt 1200 ]; do
    sleep 0.1
    tries=$((tries + 1))
done
if [ $tries -lt 1200 ]; then
    pass "and shows the whole of the last message, under the status line"
else
    fail "and shows the whole of the last message, under the status line" "$(screen main)"
fi
tmux_ resize-window -t main -x 10 -y 5
check main "too small" "a 10x5 terminal is told it is too small"
tmux_ resize-window -t main -x 80 -y 24
check main "coder A" "and the screen comes back at 80x24"

# drag SESSION: drags the mouse from row 9, column 20 to row 10, column 30 (1-based) with the
# button held, sending the reports in the encoding margin asked the terminal for (tmux knows
# which, from margin's own requests), as tmux or xterm itself would send them.
drag() {
    if [ "$(tmux_ display -p -t "$1" '#{mouse_sgr_flag}')" = 1 ]; then
        reports=$(printf '\033[<0;20;9M\033[<32;25;9M\033[<32;30;10M\033[<0;30;10m')
    else
        # The classic encoding: button + 32, column + 32, row + 32, one byte each.
        reports=$(printf '\033[M 4)\033[M@9)\033[M@>*\033[M#>*')
    fi
    keys "$1" -l "$reports"
}

drag main
check main "VISUAL" "dragging the mouse selects text"
keys main Escape

# A bracketed paste into the source memo's editor keeps its lines.
keys main M
check main "Memo on the source" "M opens the source's memo"
keys main -l "$(printf '\033[200~pasted memo\nsecond line\033[201~')"
keys main C-s
check main "memo saved" "pasted text goes into the memo, and Ctrl-S saves it"
memo=$(sql "$project" "select text from memos where target = 'source'")
expect_equal "$memo" "pasted memo
second line" "with its two lines"

# A memo being written when the connection drops (SIGHUP) is kept as a draft, and offered back.
keys main M C-u
keys main -l "unfinished thought about the rota"
check main "unfinished thought about the rota" "a memo is being written"
kill -s HUP "$(margin_pid main)"
check main "EXITED 0" "SIGHUP ends margin"
tmux_ kill-session -t main
start main
check main "you were writing when margin was stopped" "the next screen offers the draft back"
check main "unfinished thought about the rota" "with its text"
keys main C-s
check main "memo saved" "and it can be saved"
memo=$(sql "$project" "select text from memos where target = 'source'")
expect_equal "$memo" "unfinished thought about the rota" "as the memo"

# A coding made from the command line by the same coder is one that u on the screen undoes.
"$MARGIN" code "$project" --coder A --source int01 --code 07.01.02 --start 0 --end 10 >/dev/null
check main "the project was changed by another program" "the screen notices a coding made by margin code"
keys main u
check main "undone: coded int01 0-10 as 07.01.02" "u on the screen undoes a coding made with margin code"
left=$(sql "$project" "select count(*) from codings where start = 0 and end = 10 and coder_id = (select id from coders where name = 'A')")
expect_equal "$left" "0" "and the coding is gone from the project"

keys main q
check main "EXITED 0" "q quits"
check main "icrnl icanon echo" "the terminal's modes are given back"
if screen main | grep -q BEFORE; then
    pass "the screen as it was before comes back"
else
    fail "the screen as it was before comes back" "$(screen main)"
fi
coded=$("$MARGIN" export "$project" --segments - --coder A --code 07.01.02 | grep -c '^int02,P02,A,07.01.02,Management and governance,205,659,')
expect_equal "$coded" "1" "the coding made with real keys is saved"

# Ctrl-Z gives the terminal back to the shell and stops margin; the shell's fg brings the screen
# back. An interactive shell with job control, as a user's is: a shell script's children are
# not stopped by Ctrl-Z.
tmux_ new-session -d -x 80 -y 24 -s suspend "PS1='shell> ' bash --norc --noprofile -i"
check suspend "shell>" "an interactive shell is ready"
keys suspend -l "TERM=xterm-256color '$MARGIN' --coder A '$project'"
keys suspend Enter
# (The shell's own line holds "--coder A": margin's screen is told by its codebook.)
check suspend "Codebook" "margin starts from it"
keys suspend C-z
check suspend "Stopped" "Ctrl-Z gives the terminal back to the shell"
pid=$(margin_pid suspend)
expect_equal "$(sed 's/.*) //' "/proc/$pid/stat" | cut -c1)" "T" "and margin is stopped"
keys suspend -l "fg"
keys suspend Enter
check suspend "Codebook" "fg brings margin's screen back"
drag suspend
check suspend "VISUAL" "and the mouse works as before"
keys suspend Escape q
tries=0
while [ -n "$(margin_pid suspend)" ] && [ $tries -lt 1200 ]; do
    sleep 0.1
    tries=$((tries + 1))
done
keys suspend -l 'echo "EXITED $?"'
keys suspend Enter
check suspend "EXITED 0" "and it quits as usual"

# In the C locale, as on many servers, the transcript's dashes and accents are still drawn: margin
# reads and writes UTF-8 where the system has a UTF-8 locale.
tmux_ new-session -d -x 80 -y 24 -s ascii \
    "LC_ALL=C LANG=C TERM=xterm-256color '$MARGIN' --coder A '$project'; sleep 600"
check ascii "coder A" "margin starts with LC_ALL=C"
keys ascii g g
check ascii "—" "and draws the letters beyond ASCII (the heading's dash)"
keys ascii q

# The mouse under the usual TERM of xterm, tmux and GNU screen, whose terminfo entries name
# different mouse encodings.
for type in xterm tmux-256color screen screen-256color; do
    start "mouse-$type" "$type"
    check "mouse-$type" "coder A" "margin starts with TERM=$type"
    drag "mouse-$type"
    check "mouse-$type" "VISUAL" "with TERM=$type, dragging the mouse selects text"
    keys "mouse-$type" Escape q
    check "mouse-$type" "EXITED 0" "and it quits"
done

# Signals: each ends margin with the terminal given back and the work saved.
for sig in TERM HUP INT SEGV; do
    name=sig$sig
    start "$name"
    if ! wait_for "$name" "coder A"; then
        fail "margin starts for SIG$sig" "$(screen "$name")"
        continue
    fi
    kill -s "$sig" "$(margin_pid "$name")"
    check "$name" "MODES" "margin ends on SIG$sig"
    check "$name" "icrnl icanon echo" "SIG$sig gives the terminal's modes back"
    if screen "$name" | grep -q BEFORE; then
        pass "SIG$sig gives the screen back"
    else
        fail "SIG$sig gives the screen back" "$(screen "$name")"
    fi
done
status=$(screen sigSEGV | sed -n 's/^EXITED //p')
expect_equal "$status" "139" "a crash still ends with the crash's own status"
check=$("$MARGIN" check "$project")
expect_equal "$check" "$project: no problems found" "the project is intact after every signal"

finish
