#!/bin/sh
# CI check of one libFuzzer driver: replays its committed corpus, then fuzzes for a few seconds
# from a copy of the corpus (so the repository is never written). A crash, leak, timeout or
# sanitizer report fails the test; the input that caused it is kept and named in the output.
# Usage: replay.sh DRIVER CORPUS_DIR DICTIONARY SECONDS
driver=$1
corpus=$2
dict=$3
seconds=$4
work=$(mktemp -d "${TMPDIR:-/tmp}/margin-fuzz.XXXXXX") || exit 1
keep=""
trap '[ -n "$keep" ] || rm -rf "$work"' EXIT
common="-rss_limit_mb=2048 -timeout=10 -dict=$dict -artifact_prefix=$work/"

# run N DESCRIPTION ARGS...: runs the driver and prints one TAP line.
failed=0
run() {
    number=$1
    what=$2
    shift 2
    # shellcheck disable=SC2086
    if "$driver" $common "$@" >"$work/log" 2>&1; then
        echo "ok $number - $what"
        grep -E '^#[0-9]+[[:space:]]+(DONE|INITED)' "$work/log" | tail -n 1 | sed 's/^/# /'
    else
        failed=1
        keep=yes
        echo "not ok $number - $what"
        grep -E 'ERROR|SUMMARY|Test unit written|invariant|round trip|abort' "$work/log" |
            head -n 20 | sed 's/^/#   /'
        echo "#   full log and inputs kept in $work"
    fi
}

echo "1..2"
run 1 "replays $(basename "$corpus")" -runs=0 "$corpus"
mkdir "$work/corpus" && cp "$corpus"/* "$work/corpus/"
run 2 "explores for $seconds s from a copy of the corpus" -seed=1 -max_total_time="$seconds" \
    "$work/corpus"
exit "$failed"
