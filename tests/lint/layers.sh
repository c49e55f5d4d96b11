#!/bin/sh
# Checks the include rules of DESIGN.md's layers in a source tree:
#   app -> ui, input -> model -> store, io -> core
# Usage: layers.sh ROOT   (prints one TAP line per layer; exits 1 on any violation)
# Forbidden headers are shell patterns ("libxml/*" is every libxml2 header).
set -f
root=$1
count=0
failures=0

# check LAYER ALLOWED_PROJECT_DIRS FORBIDDEN_SYSTEM_HEADERS
check() {
    layer=$1
    allowed=$2
    forbidden=$3
    bad=""
    # Each include as FILE:KIND:HEADER, KIND being < (system) or " (project).
    includes=$(find "$root/src/$layer" "$root/include/$layer" -name '*.[ch]' 2>/dev/null | sort |
        xargs -r awk '/^[ \t]*#[ \t]*include[ \t]*[<"]/ {
            line = $0; sub(/^[^<"]*/, "", line)
            kind = substr(line, 1, 1); header = substr(line, 2); sub(/[>"].*/, "", header)
            print FILENAME ":" kind ":" header }')
    for item in $includes; do
        file=${item%%:*}
        rest=${item#*:}
        kind=${rest%%:*}
        header=${rest#*:}
        # A project include without a directory is a private header of the same layer.
        if [ "$kind" = '"' ] && [ "${header#*/}" != "$header" ]; then
            case " $allowed " in
            *" ${header%%/*} "*) ;;
            *) bad="$bad ${file#"$root"/}:$header" ;;
            esac
        fi
        for name in $forbidden; do
            # shellcheck disable=SC2254
            case $header in
            $name) bad="$bad ${file#"$root"/}:$header" ;;
            esac
        done
    done
    count=$((count + 1))
    if [ -z "$bad" ]; then
        echo "ok $count - $layer includes only what its layer may"
    else
        failures=$((failures + 1))
        echo "not ok $count - $layer includes only what its layer may"
        for item in $bad; do
            echo "#   $item"
        done
    fi
}

curses="curses.h ncurses.h ncursesw/curses.h ncursesw/ncurses.h term.h"
# Format libraries: only io parses files.
formats="yaml.h expat.h zip.h zipconf.h libxml/*"
check core "core" "sqlite3.h $formats $curses"
check store "core store" "$formats $curses"
check io "core io" "sqlite3.h $curses"
check model "core store io model" "sqlite3.h $formats $curses"
check input "core model input" "sqlite3.h $formats $curses"
check ui "core model input ui" "sqlite3.h $formats"
check cli "core io model cli" "sqlite3.h $formats $curses"
check app "core io model input ui cli app" "sqlite3.h $formats $curses"
# The model is the one door to the project: nothing in src/cli or src/app reaches a store header,
# whether it includes one itself or through the headers it includes (followed to any depth).
door() {
    bad=$(find "$root/src/cli" "$root/include/cli" "$root/src/app" "$root/include/app" \
        -name '*.[ch]' 2>/dev/null | sort | awk -v root="$root" '
        # The chain of includes from `file` to the first store header it reaches, or "".
        function reach(file, chain,    line, header, path, dir, found) {
            if (file in seen)
                return ""
            seen[file] = 1
            dir = file
            sub(/\/[^\/]*$/, "", dir)
            found = ""
            while (found == "" && (getline line < file) > 0) {
                if (line !~ /^[ \t]*#[ \t]*include[ \t]*"/)
                    continue
                header = line
                sub(/^[^"]*"/, "", header)
                sub(/".*/, "", header)
                if (header ~ /^store\//) {
                    found = chain header
                } else {
                    path = header ~ /\// ? root "/include/" header : dir "/" header
                    found = reach(path, chain header " -> ")
                }
            }
            close(file)
            return found
        }
        {
            split("", seen)
            found = reach($0, "")
            if (found != "")
                print substr($0, length(root) + 2) ": " found
        }')
    count=$((count + 1))
    if [ -z "$bad" ]; then
        echo "ok $count - cli and app reach the project only through the model"
    else
        failures=$((failures + 1))
        echo "not ok $count - cli and app reach the project only through the model"
        printf '%s\n' "$bad" | sed 's/^/#   /'
    fi
}
door

echo "1..$count"
[ "$failures" -eq 0 ]
