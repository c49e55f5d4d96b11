#!/bin/sh
# Replays every tests/tui/*.script in margin's script mode and compares what it prints (screen
# dumps with attribute masks, and pane state) with NAME.out beside it. Each script runs on a
# fresh copy of the sample project with tests/tui/fixtures/*.txt imported too. The first line
# of a script may give margin's options: "# args: --size 24x80 --coder A".
# Set MARGIN_UPDATE_GOLDEN=1 to write the .out files instead (then review them).
# Finally, every action of the action list must have been performed by some script.
. "$SOURCE_ROOT/tests/cli/lib.sh"
dir=$SOURCE_ROOT/tests/tui

base=$work/base.margin
sample_project "$base"
for fixture in "$dir"/fixtures/*.txt; do
    "$MARGIN" import "$base" "$fixture" --case fixtures >/dev/null
done

MARGIN_ACTION_LOG=$work/actions.log
export MARGIN_ACTION_LOG
for script in "$dir"/*.script; do
    name=$(basename "$script" .script)
    args=$(sed -n '1s/^# args: //p' "$script")
    cp "$base" "$work/$name.margin"
    # shellcheck disable=SC2086
    margin --script "$script" $args "$work/$name.margin" >"$work/$name.out" 2>"$work/$name.err"
    status=$?
    if [ "${MARGIN_UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$work/$name.out" "$dir/$name.out"
    fi
    if [ "$status" -ne 0 ] || [ -s "$work/$name.err" ]; then
        fail "$name runs cleanly" "status $status" "$(cat "$work/$name.err")"
    elif cmp -s "$work/$name.out" "$dir/$name.out"; then
        pass "$name matches its golden output"
    else
        fail "$name matches its golden output" \
            "$(diff "$dir/$name.out" "$work/$name.out" | head -n 40)"
    fi
done

memo=$(margin export "$work/coding.margin" --segments - --coder A --code 07.01.02 |
    grep -c '^int02,P02,A,07.01.02,Management and governance,205,659,.*,Pilot note — check with B')
expect_equal "$memo" "1" "the coding made on screen, with its memo, is in margin export"
expect_equal "$(grep -c Fernhill "$work/redact.margin")" "0" \
    "the name redacted on screen is nowhere in the project file's bytes"
printf 'Fernhill\n' >"$work/identifiers.txt"
expect_equal "$(margin check "$work/redact.margin" --identifiers "$work/identifiers.txt")" \
    "$work/redact.margin: none of the identifiers listed in $work/identifiers.txt was found" \
    "and margin check --identifiers finds it nowhere"
corrected=$(margin export "$work/correct.margin" --segments - --coder A --code 01.02.01 |
    grep -c '^int01,P01,A,01.02.01,.*,772,1232,Respondent,"Nobody else wanted it, is the short answer. that’s unfair\..* I think it was in March, and two')
expect_equal "$corrected" "1" \
    "the coding around words corrected on screen has its new offsets and text in margin export"
expect_contains "$(margin detached "$work/correct.margin")" "int01 at 816  A  07.02 Tensions" \
    "the coding of words deleted on screen is detached"
expect_equal "$(sql "$work/correct.margin" "select distinct program || ' ' || state from journal
    where summary like 'corrected %'")" "screen done" "the corrections are journaled as the screen's"

expect_equal "$(margin list "$work/manage.margin" sources)" \
    "source    kind         case      characters
board01   observation            4376
int01-gp  interview    P01       17536
int02     interview    P02       13441
int03     interview    P03       12029
int04     interview    P03       11336
wide      interview    fixtures  349" \
    "the sources renamed, relinked and deleted on screen are so in the project file"
expect_equal "$(sql "$work/manage.margin" "select group_concat(name, ',') from cases
    where name in ('P04', 'Board', 'Board meetings')")" "Board" \
    "the case made by a link is kept when the link is undone, its rename undone; P04 is merged"
expect_equal "$(sql "$work/manage.margin" "select count(*) from codings")" "452" \
    "of the 641 codings, the deleted source's 119 are gone and the merged coder's 70 doubles"
expect_equal "$(margin list "$work/manage.margin" coders | cut -d' ' -f1)" "coder
Ana" "the coder renamed and merged on screen is merged into A, which the screen renamed Ana"
expect_equal "$(sql "$work/manage.margin" "select j.summary, ifnull(k.name, '-'), j.program
    from journal j left join coders k on k.id = j.coder_id where j.program = 'screen'
    and j.state = 'done' group by j.batch order by min(j.id)")" "renamed source int01 to int01-gp|Ana|screen
renamed source obs01 to board01|Ana|screen
source board01 belongs to no case now|Ana|screen
merged case P04 into P03: 1 source relinked; 4 attributes had another value in P03, whose value was kept|Ana|screen
set case P03's rurality to urban (was mixed)|Ana|screen
cleared case P03's interviews (was 1)|Ana|screen
deleted source int05 with its 119 codings and 0 decisions|Ana|screen
renamed coder B to Bea|Ana|screen
merged coder Bea into A: 199 codings moved, 70 that A had already kept once|Ana|screen
renamed coder A to Ana|Ana|screen" \
    "and every change is journaled as one batch of the screen coder's, undoable"

# Scripts in reopen/ run again on the project their namesake left, as after quitting.
for script in "$dir"/reopen/*.script; do
    name=$(basename "$script" .script)
    args=$(sed -n '1s/^# args: //p' "$script")
    # shellcheck disable=SC2086
    margin --script "$script" $args "$work/$name.margin" >"$work/$name.reopen.out" 2>&1
    if [ "${MARGIN_UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$work/$name.reopen.out" "$dir/reopen/$name.out"
    fi
    if cmp -s "$work/$name.reopen.out" "$dir/reopen/$name.out"; then
        pass "$name reopened matches its golden output"
    else
        fail "$name reopened matches its golden output" \
            "$(diff "$dir/reopen/$name.out" "$work/$name.reopen.out" | head -n 40)"
    fi
done
# An expectation that does not hold stops the replay, naming the script's line.
printf 'j\n@expect cursor: 999\n' >"$work/wrong.script"
cp "$base" "$work/wrong.margin"
margin --script "$work/wrong.script" --coder A "$work/wrong.margin" >/dev/null 2>"$work/wrong.err"
status=$?
expect_equal "$status $(head -n 1 "$work/wrong.err")" \
    "1 margin: $work/wrong.script:2: expected a line of the state to hold 'cursor: 999'; it is:" \
    "a script's expectation that does not hold fails, naming its line"

# Between the panes, the help lists every scope of the action list.
listed=$(sed -n 's/^help: \(.*\) (from line [0-9]*)$/\1/p' "$dir"/*.out | tr ';' '\n' | sed 's/^ //' | sort -u)
unlisted=""
for title in $(sed -n 's/^[[:space:]]*X([A-Z]*, "\(.*\)")[[:space:]]*\\*$/\1/p' \
    "$SOURCE_ROOT/include/input/actions.h" | tr ' ' '_'); do
    printf '%s\n' "$listed" | tr ' ' '_' | grep -qx "$title" || unlisted="$unlisted $title"
done
if [ -z "$unlisted" ]; then
    pass "the help of some pane lists every scope of keys"
else
    fail "the help of some pane lists every scope of keys" "never listed:$unlisted"
fi

missing=""
for action in $(sed -n 's/^[[:space:]]*X(\([A-Z_]*\), [A-Z]*, ".*/\1/p' \
    "$SOURCE_ROOT/include/input/actions.h"); do
    grep -qx "$action" "$MARGIN_ACTION_LOG" || missing="$missing $action"
done
if [ -z "$missing" ]; then
    pass "the scripts perform every action of the action list"
else
    fail "the scripts perform every action of the action list" "never performed:$missing"
fi
finish
