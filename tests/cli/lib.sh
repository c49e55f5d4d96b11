# TAP helpers for tests that run the real margin binary.
# A test script sets MARGIN (the binary) and SOURCE_ROOT, sources this file, calls the
# helpers, and ends with `finish`. Each check prints one TAP line.
set -u

count=0
failures=0
work=$(mktemp -d "${TMPDIR:-/tmp}/margin-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
export MARGIN_BUSY_TIMEOUT=${MARGIN_BUSY_TIMEOUT:-200}

pass() {
    count=$((count + 1))
    echo "ok $count - $1"
}

fail() {
    count=$((count + 1))
    failures=$((failures + 1))
    echo "not ok $count - $1"
    shift
    # Each line of each detail as a TAP comment, so that text of several lines stays one.
    for detail in "$@"; do
        printf '%s\n' "$detail" | sed 's/^/#   /'
    done
}

# margin ARGS...: runs the binary, under $MARGIN_WRAPPER (valgrind, say) when that is set.
margin() {
    ${MARGIN_WRAPPER:-} "$MARGIN" "$@"
}

# run ARGS...: runs margin, keeping its output in $out, $err and its status in $status.
run() {
    margin "$@" >"$work/stdout" 2>"$work/stderr"
    status=$?
    out=$(cat "$work/stdout")
    err=$(cat "$work/stderr")
}

# expect_status N DESCRIPTION
expect_status() {
    if [ "$status" -eq "$1" ]; then
        pass "$2"
    else
        fail "$2" "status $status, expected $1" "stdout: $out" "stderr: $err"
    fi
}

# expect_ok DESCRIPTION: status 0 and nothing on stderr.
expect_ok() {
    if [ "$status" -eq 0 ] && [ -z "$err" ]; then
        pass "$1"
    else
        fail "$1" "status $status" "stderr: $err"
    fi
}

# expect_error STATUS MESSAGE DESCRIPTION: the status, and stderr exactly "margin: MESSAGE".
expect_error() {
    if [ "$status" -eq "$1" ] && [ "$err" = "margin: $2" ]; then
        pass "$3"
    else
        fail "$3" "status $status, expected $1" "stderr:   $err" "expected: margin: $2"
    fi
}

# expect_equal GOT WANT DESCRIPTION
expect_equal() {
    if [ "$1" = "$2" ]; then
        pass "$3"
    else
        fail "$3" "got:      $1" "expected: $2"
    fi
}

# expect_contains HAYSTACK NEEDLE DESCRIPTION
expect_contains() {
    case "$1" in
    *"$2"*) pass "$3" ;;
    *) fail "$3" "'$2' not found in:" "$1" ;;
    esac
}

# same_file A B DESCRIPTION: the files are byte for byte the same.
same_file() {
    if cmp -s "$1" "$2"; then
        pass "$3"
    else
        fail "$3" "$1 and $2 differ"
    fi
}

# sample_project PATH: builds the sample project at PATH.
sample_project() {
    "$SOURCE_ROOT/scripts/sample-project" "$MARGIN" "$1"
}

# sql PROJECT QUERY: runs a query with Python's sqlite3 (independent of margin), printing rows.
sql() {
    python3 - "$1" "$2" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
PY
}

# hold_lock PROJECT MODE [SQL]: another program (Python's sqlite3) begins a transaction on
# PROJECT, immediate (other writers wait) or exclusive (everyone waits), runs SQL in it if given,
# and holds it until release_lock. Returns once the lock is held: the holder says so by creating
# a file, so nothing here depends on how fast the machine is.
hold_lock() {
    rm -f "$work/locked" "$work/release"
    python3 - "$1" "$2" "$work" "${3:-}" <<'PY' &
import os, sqlite3, sys, time
project, mode, work, sql = sys.argv[1:5]
db = sqlite3.connect(project, isolation_level=None)
db.execute("begin " + mode)
if sql:
    db.execute(sql)
open(os.path.join(work, "locked"), "w").close()
while not os.path.exists(os.path.join(work, "release")):
    time.sleep(0.02)
db.execute("rollback")
PY
    locker=$!
    while [ ! -e "$work/locked" ] && kill -0 "$locker" 2>/dev/null; do sleep 0.02; done
}

# release_lock: ends hold_lock's transaction (rolled back) and waits for its holder to finish.
release_lock() {
    : >"$work/release"
    wait "$locker"
}

finish() {
    echo "1..$count"
    [ "$failures" -eq 0 ]
}
