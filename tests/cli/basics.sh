#!/bin/sh
# Usage, help, exit statuses and project creation.
. "$(dirname "$0")/lib.sh"

run --version
expect_contains "$out" "margin 0." "--version prints the version"
run --help
expect_contains "$out" "codings import" "--help lists the commands"
run
expect_status 1 "no arguments is a usage error"

for command in init import "codebook import" "codebook export" "cases import" code \
    "codings import" export info list check backup; do
    # shellcheck disable=SC2086
    run $command --help
    if [ "$status" -eq 0 ] && [ -n "$out" ] && [ -z "$err" ]; then
        pass "'$command --help' explains the command"
    else
        fail "'$command --help' explains the command" "status $status" "$err"
    fi
done

run codebook frobnicate x
expect_error 1 "'codebook' needs one of: import export add rename move merge delete renumber editors" "an unknown sub-command lists the right ones"
run init
expect_status 1 "init without a project is a usage error"
expect_contains "$err" "usage: margin init PROJECT" "a usage error shows the usage"
run info p.margin --bogus
expect_status 1 "an unknown option is a usage error"
expect_contains "$err" "margin info: unknown option '--bogus'" "an unknown option is named"

cd "$work" || exit 1
run init new.margin
expect_ok "init creates a project"
expect_equal "$out" "created new.margin" "init says what it created"
run init new.margin
expect_error 1 "new.margin already exists; margin will not overwrite it" "init refuses to overwrite"
run info new.margin
expect_contains "$out" "codes    0" "a new project is empty"

finish
