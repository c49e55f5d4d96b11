# Shared by the pseudo-terminal tests: the command-line test helpers (tests/cli/lib.sh), a tmux
# server of this test's own, a copy of the sample project in $project, and waiting for text on
# a session's screen. Skips the test when tmux is not installed.
. "$SOURCE_ROOT/tests/cli/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
    echo "1..0 # SKIP tmux is not installed"
    exit 0
fi
socket="margin-$(basename "$0" .sh)-$$"
tmux_() {
    tmux -L "$socket" -f /dev/null "$@"
}
trap 'tmux_ kill-server 2>/dev/null; rm -rf "$work"' EXIT

project=$work/project.margin
sample_project "$project"

# screen SESSION: the session's screen as text.
screen() {
    tmux_ capture-pane -p -t "$1"
}

# wait_for SESSION TEXT: waits for TEXT to appear on the screen, looking ten times a second, for
# up to two minutes: long enough for the busiest machine, and costing nothing when it appears.
wait_for() {
    tries=0
    while [ $tries -lt 1200 ]; do
        if screen "$1" | grep -qF -- "$2"; then
            return 0
        fi
        sleep 0.1
        tries=$((tries + 1))
    done
    return 1
}

# check SESSION TEXT DESCRIPTION: passes when TEXT appears on the screen (see wait_for).
check() {
    if wait_for "$1" "$2"; then
        pass "$3"
    else
        fail "$3" "never saw: $2" "$(screen "$1")"
    fi
}

# keys SESSION KEY...: sends keys to the session, as tmux send-keys.
keys() {
    session=$1
    shift
    tmux_ send-keys -t "$session" "$@"
}
