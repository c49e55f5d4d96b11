#!/bin/sh
# The command table: help for every command, mistyped commands named as such, usage errors.
. "$(dirname "$0")/lib.sh"

cd "$work" || exit 1

run --help
overview=$out
run help
expect_ok "margin help runs"
expect_equal "$out" "$overview" "margin help says what margin --help says"

# Every command margin --help lists: its --help starts with its usage line, fits 79 columns, and
# is what `margin help COMMAND` says.
commands=$(printf '%s\n' "$overview" | sed -n '/^commands:$/,/^$/p' | sed '1d;$d' |
    awk -F '  +' '{ print $2 }')
n=$(printf '%s\n' "$commands" | wc -l)
[ "$n" -ge 16 ]
expect_status 0 "margin --help lists the commands ($n)"
printf '%s\n' "$commands" >"$work/commands"
while IFS= read -r command; do
    # shellcheck disable=SC2086
    run $command --help
    first=$(printf '%s\n' "$out" | head -n 1)
    case "$first" in
    "usage: margin $command" | "usage: margin $command "*)
        if [ "$status" -eq 0 ] && [ -z "$err" ]; then
            pass "'$command --help' starts with its usage line"
        else
            fail "'$command --help' starts with its usage line" "status $status" "$err"
        fi
        ;;
    *) fail "'$command --help' starts with its usage line" "first line: $first" ;;
    esac
    wide=$(printf '%s\n' "$out" | awk 'length($0) > 79' | head -n 1)
    expect_equal "$wide" "" "'$command --help' fits 79 columns"
    help=$out
    # shellcheck disable=SC2086
    run help $command
    expect_equal "$out" "$help" "'help $command' says what '$command --help' says"
done <"$work/commands"

run help export
expect_ok "margin help export runs"
expect_contains "$out" "usage: margin export PROJECT --segments FILE [--coder NAME] [--code CODE]" \
    "margin help export starts with the usage line"
expect_contains "$out" "  --safe-csv       neutralise cells a spreadsheet would run as formulas" \
    "and lists the options"
expect_contains "$out" "Write coded segments as CSV (RFC 4180, UTF-8) with the header
source,case,coder,code,code_name,start,end,speaker,text,memo" "and the manual's text without its markup"
run help codebook
expect_ok "margin help codebook runs"
expect_contains "$out" "usage: margin codebook import PROJECT FILE" "and describes codebook import"
expect_contains "$out" "usage: margin codebook export PROJECT" "and codebook export"
codebook=$out
run codebook --help
expect_equal "$out" "$codebook" "margin codebook --help says the same"
run help frobnicate
expect_status 1 "help for no command is a usage error"
expect_contains "$err" "margin help: unknown command 'frobnicate'" "and names it"

# Mistakes named as such.
run frobnicate
expect_error 1 "unknown command 'frobnicate'; \`margin --help\` lists the commands" \
    "a word that is no command and no file is an unknown command"
run exprot
expect_error 1 "unknown command 'exprot' (did you mean 'export'?); \`margin --help\` lists the commands" \
    "a mistyped command is named with the command it is closest to"
run lst p.margin sources
expect_error 1 "unknown command 'lst' (did you mean 'list'?); \`margin --help\` lists the commands" \
    "whatever follows it"
verbs="import export add rename move merge delete renumber editors"
run codebook frob
expect_error 1 "'codebook' needs one of: $verbs" "a noun with an unknown verb names its verbs"
run codebook exprot
expect_error 1 "'codebook' needs one of: $verbs; did you mean 'codebook export'?" \
    "and the verb it is closest to"
run codebook
expect_error 1 "'codebook' needs one of: $verbs" "and so does a noun alone"
run missing.margin
expect_error 1 "missing.margin: No such file or directory" "a path-looking project that is missing is named"
run ./frobnicate
expect_error 1 "./frobnicate: No such file or directory" "and so is one with a slash"
printf 'not a project\n' >frobnicate
run frobnicate
expect_status 1 "a file named like a word is opened as a project"
case "$err" in
*"unknown command"*) fail "and is not taken for a command" "$err" ;;
*) pass "and is not taken for a command" ;;
esac

# Usage errors the table's rows make: what is missing, and values outside a list.
run init
expect_status 1 "a missing argument is a usage error"
expect_equal "$err" "margin init: PROJECT is missing
usage: margin init PROJECT
(margin init --help says more)" "naming the argument, with the usage line"
run export p.margin
expect_status 1 "a missing required option is a usage error"
expect_contains "$err" "margin export: --segments FILE is missing" "naming the option"
run list p.margin memos
expect_status 1 "a positional argument outside its list is a usage error"
expect_contains "$err" "margin list: unknown argument 'memos'; use sources, codes, coders or cases" \
    "naming the choices"
run compare p.margin --coders A,B --sort size
expect_status 1 "an option value outside its list is a usage error"
expect_contains "$err" "margin compare: unknown sort 'size'; use code, kappa or disagreement" \
    "naming the choices"
run compare p.margin --coders A,B --format=xml
expect_contains "$err" "margin compare: unknown format 'xml'; use table, csv or json" \
    "in either spelling of an option"
run compare p.margin --mode segments --help
expect_ok "--help wins over a missing required option"
run backup a.margin
expect_status 1 "backup needs its destination"
expect_contains "$err" "margin backup: DEST is missing" "and says so"
run info a.margin b.margin
expect_contains "$err" "margin info: unexpected argument 'b.margin'" "an extra argument is named"

# The manual's section.
run --commands-doc
expect_ok "--commands-doc runs"
expect_equal "$(printf '%s\n' "$out" | head -n 1)" "*init* _PROJECT_" "and starts with init in scdoc"
expect_contains "$out" "*compare* _PROJECT_ *--coders* _A_,_B_[,_C_...] [*--source* _NAME_]..." \
    "marking arguments, options and values up"

finish
