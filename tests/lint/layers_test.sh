#!/bin/sh
# The layer check passes on the project and catches violations planted in a copy.
lint=$(dirname "$0")/layers.sh
root=$1
count=0
failures=0
result() {
    count=$((count + 1))
    if [ "$1" -eq 0 ]; then echo "ok $count - $2"; else failures=$((failures + 1)); echo "not ok $count - $2"; fi
}

sh "$lint" "$root" >/tmp/layers.$$ 2>&1
status=$?
sed 's/^/# /' /tmp/layers.$$
result $status "the project keeps its layers"

tree=$(mktemp -d)
trap 'rm -rf "$tree" /tmp/layers.$$' EXIT
mkdir -p "$tree/src/core" "$tree/src/model" "$tree/src/io"
printf '#include <curses.h>\n' >"$tree/src/core/bad.c"
printf '#include <sqlite3.h>\n#include "ui/screen.h"\n' >"$tree/src/model/bad.c"
printf '#include "store/store.h"\n' >"$tree/src/io/bad.c"
printf '#include <libxml/parser.h>\n#include <zip.h>\n' >"$tree/src/model/xml.c"
printf '#include <libxml/tree.h>\n' >"$tree/src/io/fine.c"
sh "$lint" "$tree" >/tmp/layers.$$ 2>&1
[ $? -ne 0 ]
result $? "a planted violation fails the check"
n=$(grep -c '^#   src/' /tmp/layers.$$)
[ "$n" -eq 6 ]
result $? "and each of the six planted includes is named ($n)"
grep -q 'src/io/fine.c' /tmp/layers.$$
[ $? -ne 0 ]
result $? "io may include libxml2"
# The model is the one door to the project: a copy of the project with one store header reached
# from src/cli through a model header, and one included by src/app directly.
door=$(mktemp -d)
trap 'rm -rf "$tree" "$door" /tmp/layers.$$' EXIT
cp -R "$root/src" "$root/include" "$door/"
printf '#include "model/leaky.h"\n' >>"$door/src/cli/cli.c"
printf '#include "core/row.h"\n#include "store/codes.h"\n' >"$door/include/model/leaky.h"
printf '#include "app.h"\n#include "store/people.h"\n' >"$door/src/app/planted.c"
sh "$lint" "$door" >/tmp/layers.$$ 2>&1
[ $? -ne 0 ]
result $? "a store header reached from src/cli or src/app fails the check"
grep -q '^#   src/cli/cli.c: model/leaky.h -> store/codes.h$' /tmp/layers.$$
result $? "and the chain of includes from src/cli is named"
grep -q '^#   src/app/planted.c: store/people.h$' /tmp/layers.$$
result $? "and so is the direct include in src/app"
grep -q '^#   src/app/planted.c:store/people.h$' /tmp/layers.$$
result $? "which app's own check names too"
n=$(grep -c '^#   ' /tmp/layers.$$)
[ "$n" -eq 3 ]
result $? "and nothing else is named ($n)"
echo "1..$count"
[ "$failures" -eq 0 ]
