#!/bin/sh
# A first session on the sample project, key by key, as a new user would try it in tmux with the
# TERM tmux gives its panes (tmux-256color), at 80x24 and at 200x60: code a speaker turn and see
# its code with its name at the cursor; add a code and see that no other code's number changes;
# compare two coders, settle a disagreement, undo it and see the list and the table follow.
. "$SOURCE_ROOT/tests/pty/lib.sh"

# numbers PROJECT: every code's number and name, as `margin list codes` gives them.
numbers() {
    "$MARGIN" list "$1" codes | awk 'NR > 1 { print $1, $2, $3, $4 }'
}

for size in 80x24 200x60; do
    cols=${size%x*} rows=${size#*x}
    copy=$work/session-$size.margin
    cp "$project" "$copy"
    before=$(numbers "$copy")
    tmux_ new-session -d -x "$cols" -y "$rows" -s "$size" \
        "TERM=tmux-256color '$MARGIN' --coder A '$copy'; sleep 600"
    check "$size" "coding as A" "$size: the screen opens on the sample project"

    # Code the second source's second speaker turn by number.
    keys "$size" S j Enter t t v i t c 0 7 . 0 1 . 0 2
    check "$size" "07.01.02 Management and governance" "$size: the picker finds the code by number"
    keys "$size" Enter
    check "$size" "coded int02 205-659 as 07.01.02 Management and governance" \
        "$size: the turn is coded"
    check "$size" "07.01.02 Management and governance (A)" \
        "$size: the status line names the code at the cursor and whose coding it is"

    # Add a code at 07.01.02's level: it takes the next free number, and nothing is renumbered.
    keys "$size" Tab a
    check "$size" "New code at this level:" "$size: the codebook asks for the new code's name"
    keys "$size" -l "Funding flows"
    keys "$size" Enter
    check "$size" "added 07.01.08 Funding flows" "$size: the new code takes the next free number"
    after=$(numbers "$copy" | grep -v "^07.01.08 ")
    expect_equal "$after" "$before" "$size: every other code keeps its number and name"

    # Compare A and B, settle one of 07.01.02's disagreements, undo, and see both views follow.
    keys "$size" C
    check "$size" "Compare coders: A,B" "$size: the comparison offers the two coders"
    keys "$size" Enter
    check "$size" "A and B: 0 of" "$size: the comparison table opens"
    keys "$size" / 0 7 . 0 1 . 0 2 Enter Enter
    check "$size" "07.01.02 Management and governance: 10 disagreements, 0 settled" \
        "$size: a code is found by number and its disagreements listed"
    keys "$size" n
    check "$size" "07.01.02 Management and governance: 10 disagreements, 1 settled" \
        "$size: settling one counts it in the list's heading"
    check "$size" "coded nothing" "$size: the list shows how it was settled"
    keys "$size" u
    check "$size" "undone: settled 07.01.02 in int01 5413-5955: coded nothing" \
        "$size: undo takes the decision back"
    check "$size" "07.01.02 Management and governance: 10 disagreements, 0 settled" \
        "$size: and the list follows at once"
    keys "$size" q
    check "$size" "0/10" "$size: the table shows the code with none of its 10 settled"
    keys "$size" q q
    tmux_ kill-session -t "$size"
done
finish
