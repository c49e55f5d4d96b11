#!/bin/sh
# Every C file follows .clang-format. Usage: format.sh ROOT
cd "$1" || exit 1
if ! command -v clang-format >/dev/null 2>&1; then
    echo "1..0 # SKIP clang-format is not installed"
    exit 0
fi
files=$(find src include tests bench -name '*.[ch]' 2>/dev/null | sort)
if report=$(clang-format --dry-run -Werror $files 2>&1); then
    echo "ok 1 - every C file is formatted as .clang-format says"
else
    echo "not ok 1 - every C file is formatted as .clang-format says"
    printf '%s\n' "$report" | grep 'error:' | sed 's/^/#   /' | head -20
fi
echo "1..1"
[ -z "$report" ]
