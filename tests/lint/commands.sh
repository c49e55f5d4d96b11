#!/bin/sh
# The COMMANDS section of doc/margin.1.scd is what `margin --commands-doc` writes from the
# command table (src/cli/commands.c).
# Usage: commands.sh ROOT MARGIN   (scripts/update-doc rewrites it)
root=$1
in_doc=$(sed -n '/^; BEGIN COMMANDS$/,/^; END COMMANDS$/p' "$root/doc/margin.1.scd" | sed '1d;$d')
generated=$("$2" --commands-doc)
if [ -z "$in_doc" ]; then
    echo "not ok 1 - the manual's commands match the command table (no '; BEGIN COMMANDS' section)"
elif [ "$in_doc" = "$generated" ]; then
    echo "ok 1 - the manual's commands match the command table"
else
    echo "not ok 1 - the manual's commands match the command table (run scripts/update-doc)"
    printf '%s\n' "$generated" >/tmp/commands-generated.$$
    printf '%s\n' "$in_doc" | diff - /tmp/commands-generated.$$ | head -20 | sed 's/^/#   /'
    rm -f /tmp/commands-generated.$$
fi
echo "1..1"
[ -n "$in_doc" ] && [ "$in_doc" = "$generated" ]
