#!/bin/sh
# A change interrupted by SIGKILL leaves a hot journal beside the project. The next program
# that opens the project rolls the change back, read-only commands included, and one that
# may not write says what is needed.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
margin init p.margin >/dev/null
printf 'I: one\nR: two\nI: three\nR: four\n' >int01.txt
margin import p.margin int01.txt >/dev/null
margin codebook import p.margin "$SOURCE_ROOT/codebooks/example.yaml" >/dev/null
margin code p.margin --coder A --source int01 --code 01.01 --start 0 --end 6 >/dev/null
cp p.margin before.margin

# interrupt: a writer dies half-way through a change to p.margin.
interrupt() {
    cp before.margin p.margin
    python3 "$SOURCE_ROOT/tests/reliability/hot_journal.py" p.margin
}

interrupt
if [ -s p.margin-journal ] && ! cmp -s p.margin before.margin; then
    pass "a killed writer leaves the project half-written and a journal beside it"
else
    fail "a killed writer leaves the project half-written and a journal beside it" "$(ls -l)"
fi
for command in "info P" "list P sources" "export P --segments -" "codebook export P" "check P"; do
    interrupt
    # shellcheck disable=SC2086
    run $(printf '%s\n' "$command" | sed 's/P/p.margin/')
    expect_ok "'$command' rolls the interrupted change back and reads the project"
    same_file p.margin before.margin "and the project is as it was before the change ($command)"
done
interrupt
run info p.margin
expect_equal "$(printf '%s\n' "$out" | sed -n 's/^codings  //p')" "1" "the coding made before is there"
expect_equal "$(ls p.margin-journal 2>/dev/null)" "" "the journal is gone once rolled back"

interrupt
run backup p.margin copy.margin
expect_ok "a backup of an interrupted project rolls the change back first"
expect_equal "$(sql copy.margin "select count(*) from settings where key like 'interrupted %'")" "0" \
    "and copies the project without the half-made change"

interrupt
run code p.margin --coder B --source int01 --code 01.02 --start 0 --end 6
expect_ok "a writer rolls the change back and makes its own"
expect_equal "$(sql p.margin "select count(*) from codings")" "2" "with both codings there"

# Someone who may not write cannot roll the change back; margin says what is needed.
interrupt
mkdir ro
cp p.margin p.margin-journal ro/
cp ro/p.margin ro.before
chmod 755 "$work"
chmod 444 ro/p.margin ro/p.margin-journal
chmod 555 ro
as_reader=""
if [ "$(id -u)" -eq 0 ]; then
    as_reader="setpriv --reuid=nobody --regid=nogroup --clear-groups"
fi
for command in info check; do
    $as_reader ${MARGIN_WRAPPER:-} "$MARGIN" $command ro/p.margin >"$work/stdout" 2>"$work/stderr"
    status=$?
    err=$(cat "$work/stderr")
    expect_error 1 "ro/p.margin: a change was interrupted and must be rolled back from ro/p.margin-journal before the project can be read, which needs write access to the project and its folder; run margin check as someone who can write there" \
        "'$command' without write access says the interrupted change must be rolled back"
done
same_file ro/p.margin ro.before "and leaves the project as it was"
if [ -s ro/p.margin-journal ]; then
    pass "and keeps the journal for someone who can roll it back"
else
    fail "and keeps the journal for someone who can roll it back"
fi
chmod 755 ro

finish
