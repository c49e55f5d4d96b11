#!/bin/sh
# Retrieval, queries, counts and the matrix on a large generated project, as ratios against the
# sample project: the processor time of each command on each, and large / sample.
#
#   bench/analysis_bench.sh MARGIN GEN_CORPUS CPU_TIME [SOURCES [SPANS]]
#
# The large project has SOURCES sources (default 1000) of 30,000 bytes in 30 cases, and
# 2 x SPANS codings per source (default 50: 100,000 codings). It prints figures; it never fails
# on time. Building the large project takes some minutes.
set -eu
margin=$1 gen=$2 cpu=$3 sources=${4:-1000} spans=${5:-50}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/margin-analysis.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$root/scripts/sample-project" "$margin" "$work/sample.margin"
mkdir "$work/src"
echo "coder,source,code,start,end" >"$work/codings.csv"
i=1
while [ "$i" -le "$sources" ]; do
    "$gen" text 30000 "$i" >"$work/src/s$i.txt"
    "$gen" codings "$root/codebooks/pcn-2020.yaml" "$work/src/s$i.txt" "$spans" "$i" |
        tail -n +2 >>"$work/codings.csv"
    i=$((i + 1))
done
big=$work/large.margin
"$margin" init "$big" >/dev/null
"$margin" codebook import "$big" "$root/codebooks/pcn-2020.yaml" >/dev/null
{
    echo "case,site,staff_group"
    c=1
    while [ "$c" -le 30 ]; do
        echo "C$c,Site $((c % 4)),group $((c % 3))"
        c=$((c + 1))
    done
} >"$work/cases.csv"
"$margin" cases import "$big" "$work/cases.csv" >/dev/null
c=1
while [ "$c" -le 30 ]; do
    # shellcheck disable=SC2046 # one word per file
    "$margin" import "$big" $(ls "$work"/src/*.txt | awk -v c="$c" 'NR % 30 == c - 1') \
        --case "C$c" >/dev/null
    c=$((c + 1))
done
"$margin" codings import "$big" "$work/codings.csv" >/dev/null

# cost PROJECT COMMAND ARGS...: the processor time of `margin COMMAND PROJECT ARGS`, in
# milliseconds.
cost() {
    project=$1 command=$2
    shift 2
    "$cpu" "$work/cost" "$margin" "$command" "$project" "$@" --output "$work/out" >/dev/null
    awk '{ printf "%.1f", $1 / 1000 }' "$work/cost"
}

printf '%-58s %10s %10s %7s\n' "command" "sample ms" "large ms" "ratio"
while IFS='|' read -r name args; do
    # shellcheck disable=SC2086 # the arguments are words
    small=$(cost "$work/sample.margin" $args)
    # shellcheck disable=SC2086
    large=$(cost "$big" $args)
    printf '%-58s %10s %10s %7s\n' "$name" "$small" "$large" \
        "$(awk -v a="$small" -v b="$large" 'BEGIN { printf("%.1f", a > 0 ? b / a : 0) }')"
done <<'EOF2'
retrieve one code|retrieve --code 07.01.01 --format csv
retrieve a theme with sub-codes|retrieve --code 07 --with-subcodes --format csv
query X and Y|query (07.01.01)and(07.02) --format csv
counts by code|counts --format csv
counts by case|counts --by case --format csv
counts co-occurrence|counts --by cooccurrence --format csv
matrix of theme 07|matrix --theme 07 --format csv
EOF2

# The same views on the screen (script mode, 40x120): the processor time of opening the project
# and showing the view, less that of opening it alone, on each project (the median of five).
printf '\n%-58s %10s %10s %7s\n' "screen view (less the start-up)" "sample ms" "large ms" "ratio"
printf '@state\n' >"$work/start.script"
# screen_cost PROJECT SCRIPT: the processor time of the screen running SCRIPT, in milliseconds.
screen_cost() {
    "$cpu" "$work/cost" "$margin" --script "$2" --size 40x120 --coder A "$1" >/dev/null </dev/null
    awk '{ printf "%.1f", $1 / 1000 }' "$work/cost"
}
# view_cost PROJECT: the median over five alternating runs of view.script's processor time
# less start.script's.
view_cost() {
    for run in 1 2 3 4 5; do
        view=$(screen_cost "$1" "$work/view.script")
        start=$(screen_cost "$1" "$work/start.script")
        awk -v a="$view" -v b="$start" 'BEGIN { printf("%.1f\n", a - b) }'
    done | sort -n | sed -n 3p
}
while IFS='|' read -r name keys; do
    printf '%s\n@state\n' "$keys" >"$work/view.script"
    small=$(view_cost "$work/sample.margin")
    large=$(view_cost "$big")
    printf '%-58s %10s %10s %7s\n' "$name" "$small" "$large" \
        "$(awk -v a="$small" -v b="$large" 'BEGIN { printf("%.1f", a > 0 ? b / a : 0) }')"
done <<'EOF3'
segments of 07.01.01 and its sub-codes (s), first screen|<Tab> / "07.01.01" <Enter> j j j s
query 07.01.01 and 07.02 (Q), first screen|Q "07.01.01 and 07.02" <Enter>
counts per code (=)|=
framework matrix of 07.01 (F)|<Tab> / "07 " <Enter> j F
EOF3
