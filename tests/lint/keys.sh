#!/bin/sh
# The key tables of doc/margin.1.scd are what `margin --keys-doc` writes from the action list.
# Usage: keys.sh ROOT MARGIN   (scripts/update-doc rewrites them)
root=$1
in_doc=$(sed -n '/^; BEGIN KEYS$/,/^; END KEYS$/p' "$root/doc/margin.1.scd" | sed '1d;$d')
generated=$("$2" --keys-doc)
if [ "$in_doc" = "$generated" ]; then
    echo "ok 1 - the manual's key tables match the action list"
else
    echo "not ok 1 - the manual's key tables match the action list (run scripts/update-doc)"
    printf '%s\n' "$generated" >/tmp/keys-generated.$$
    printf '%s\n' "$in_doc" | diff - /tmp/keys-generated.$$ | head -20 | sed 's/^/#   /'
    rm -f /tmp/keys-generated.$$
fi
echo "1..1"
[ "$in_doc" = "$generated" ]
