#!/bin/sh
# Times margin compare --unit turn, --unitizing and a 1,000-resample bootstrap on a generated
# project of many sources (by default 1,000 sources of about 10 kB with 50 codings per coder
# each: 100,000 codings), and margin agreement --bootstrap on a ratings file of 100,000 units.
# Prints each figure as processor seconds (what the goals are about: it does not count waiting
# for other programs on a busy machine) and wall seconds; it never fails on time.
#
#   bench/agreement_bench.sh [--sources N] [--spans S] [--work DIR]
#       [--margin BIN --gen-corpus BIN --cpu-time BIN]
#       (default: build/margin, build/bench/gen_corpus, build/bench/cpu_time)
set -eu
export LC_ALL=C.UTF-8
root=$(cd "$(dirname "$0")/.." && pwd)
sources=1000
spans=50
work=""
margin=$root/build/margin
gen=$root/build/bench/gen_corpus
cpu_time=$root/build/bench/cpu_time
while [ $# -gt 0 ]; do
    case $1 in
    --sources) sources=$2; shift 2 ;;
    --spans) spans=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --margin) margin=$2; shift 2 ;;
    --gen-corpus) gen=$2; shift 2 ;;
    --cpu-time) cpu_time=$2; shift 2 ;;
    *) echo "usage: $0 [--sources N] [--spans S] [--work DIR] [--margin BIN --gen-corpus BIN --cpu-time BIN]" >&2; exit 2 ;;
    esac
done
if [ -z "$work" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
cd "$work"

# seconds COMMAND...: runs it, output discarded, and prints "P s CPU, W s wall".
seconds() {
    "$cpu_time" cost "$@" >/dev/null
    awk '{printf "%.2f s CPU, %.2f s wall", $1 / 1e6, $2 / 1e6}' cost
}

if [ ! -f big.margin ]; then
    "$margin" init big.margin >/dev/null
    "$margin" codebook import big.margin "$root/codebooks/pcn-2020.yaml" >/dev/null
    mkdir -p texts
    echo "coder,source,code,start,end" >codings.csv
    i=1
    while [ "$i" -le "$sources" ]; do
        name=$(printf 's%04d' "$i")
        "$gen" text 10000 "$i" >"texts/$name.txt"
        "$gen" codings "$root/codebooks/pcn-2020.yaml" "texts/$name.txt" "$spans" "$i" |
            tail -n +2 | sed "s/^\([AB]\),[^,]*,/\1,$name,/" >>codings.csv
        i=$((i + 1))
    done
    "$margin" import big.margin texts/*.txt >/dev/null
    "$margin" codings import big.margin codings.csv >/dev/null
fi
echo "project: $sources sources, $(($(wc -l <codings.csv) - 1)) codings"
echo "compare (characters):           $(seconds "$margin" compare big.margin --coders A,B --format json)"
echo "compare --unit turn:            $(seconds "$margin" compare big.margin --coders A,B --unit turn --format json)"
echo "compare --unitizing:            $(seconds "$margin" compare big.margin --coders A,B --unitizing --format json)"
echo "compare --unit turn, bootstrap: $(seconds "$margin" compare big.margin --coders A,B --unit turn --bootstrap 1000 --format json --ratings-out ratings.csv)"
echo "pooled units: $(($(wc -l <ratings.csv) - 1))"
awk 'BEGIN { srand(1); print "A,B"; for (i = 0; i < 100000; i++) { a = int(rand() * 4); b = rand() < 0.7 ? a : int(rand() * 4); print a "," b } }' >units.csv
echo "agreement --bootstrap 1000, 100,000 units: $(seconds "$margin" agreement --ratings units.csv --bootstrap 1000)"
