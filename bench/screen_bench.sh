#!/bin/bash
# Times the real margin binary on generated projects and prints the figures; it never fails on
# time (only when margin itself fails). See bench/README.md for what each figure means.
#
#   bench/screen_bench.sh [--quick] [--sizes 10k,100k,1m,10m,10m-sparse] [--runs R] [--steps N]
#                         [--work DIR]
#                         [--tool auto|cpu|wall|perf|callgrind]
#                         [--margin BIN --gen-corpus BIN --cpu-time BIN]
#
# 1. Builds margin, gen_corpus and cpu_time in build-bench (a release build) unless the
#    options name them, and makes one project per size: margin init, codebook import
#    codebooks/pcn-2020.yaml, import of a generated transcript, codings import of two coders'
#    generated codings (each step timed once).
# 2. Replays scripts in script mode at 24x80 and 60x200: a prefix (nothing, or a search that
#    jumps to the middle of the transcript), then N times a step (a key, or a few keys). The
#    cost of a step is (median time of prefix + N steps - median time of the prefix) / N, so
#    startup, loading and the first wrap are left out. The screen is drawn before every key,
#    as on a terminal, so a step's cost includes drawing.
# 3. Times margin compare (characters, segments, alpha) and margin export on each project.
#
# --tool: perf stat instruction counts (auto's choice when perf can count instructions),
# processor time, user plus system (auto's choice otherwise: unlike wall time it leaves out
# waiting for other programs on a busy machine and for the disk), wall time, or valgrind
# callgrind instruction counts (repeatable, about 50 times slower). --quick: two sizes, 60
# steps, one screen size (about 20 s). --sizes: only these projects.
set -eu
export LC_ALL=C.UTF-8

root=$(cd "$(dirname "$0")/.." && pwd)
quick=0
runs=3
steps=""
tool=auto
work=""
only=""
margin_bin=""
gen_bin=""
cpu_bin=""
while [ $# -gt 0 ]; do
    case $1 in
    --quick) quick=1 ;;
    --sizes) only=,$2, && shift ;;
    --runs) runs=$2 && shift ;;
    --steps) steps=$2 && shift ;;
    --tool) tool=$2 && shift ;;
    --work) work=$2 && shift ;;
    --margin) margin_bin=$2 && shift ;;
    --gen-corpus) gen_bin=$2 && shift ;;
    --cpu-time) cpu_bin=$2 && shift ;;
    *)
        sed -n '5,8p' "$0" | sed 's/^# *//' >&2
        exit 2
        ;;
    esac
    shift
done

# Projects: name, bytes of transcript, spans per coder, label.
if [ "$quick" = 1 ]; then
    sizes=("10k 10000 150 10kB" "1m 1000000 5000 1MB")
    steps=${steps:-60}
else
    sizes=("10k 10000 150 10kB" "100k 100000 1000 100kB" "1m 1000000 5000 1MB"
        "10m 10000000 10000 10MB" "10m-sparse 10000000 150 10MB/300")
    steps=${steps:-200}
fi
screens=(24x80 60x200)
[ "$quick" = 1 ] && screens=(24x80)

die() {
    echo "screen_bench: $*" >&2
    exit 1
}

if [ -n "$only" ]; then
    chosen=()
    for entry in "${sizes[@]}"; do
        case $only in *",${entry%% *},"*) chosen+=("$entry") ;; esac
    done
    [ ${#chosen[@]} -gt 0 ] || die "no such sizes: $only"
    sizes=("${chosen[@]}")
fi
if [ -z "$margin_bin" ] || [ -z "$gen_bin" ] || [ -z "$cpu_bin" ]; then
    build=$root/build-bench
    if [ ! -f "$build/build.ninja" ]; then
        meson setup "$build" "$root" --buildtype=release >/dev/null || die "meson setup failed"
    fi
    ninja -C "$build" margin bench/gen_corpus bench/cpu_time >/dev/null || die "the build failed"
    margin_bin=$build/margin
    gen_bin=$build/bench/gen_corpus
    cpu_bin=$build/bench/cpu_time
fi

if [ -z "$work" ]; then
    work=$(mktemp -d "${TMPDIR:-/tmp}/margin-bench.XXXXXX")
    trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
log=$work/screen_bench.log
: >"$log"

if [ "$tool" = auto ]; then
    tool=cpu
    if command -v perf >/dev/null 2>&1 &&
        perf stat -x, -e instructions true 2>&1 >/dev/null | grep -q '^[0-9]'; then
        tool=perf
    fi
fi
case $tool in
cpu | wall) unit_total="ms" unit_step="ms" per_total=1e3 ;;
perf | callgrind) unit_total="M instructions" unit_step="k instructions" per_total=1e6 ;;
*) die "unknown --tool $tool" ;;
esac

# measure COMMAND...: runs it (output to $work/out) and prints its cost: microseconds or
# instructions. Stops the benchmark when the command fails or writes to standard error.
measure() {
    case $tool in
    cpu | wall)
        "$cpu_bin" "$work/cost" "$@" >"$work/out" 2>"$work/err" ||
            die "failed: $* ($(head -c 300 "$work/err"))"
        if [ "$tool" = cpu ]; then
            cut -d ' ' -f 1 "$work/cost"
        else
            cut -d ' ' -f 2 "$work/cost"
        fi
        ;;
    perf)
        perf stat -x, -e instructions -o "$work/perf" "$@" >"$work/out" 2>"$work/err" ||
            die "failed: $*"
        sed -n 's/^\([0-9]*\),.*instructions.*/\1/p' "$work/perf"
        ;;
    callgrind)
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" >"$work/out" \
            2>"$work/err" || die "failed: $*"
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/err"
        ;;
    esac
    if [ "$tool" != callgrind ] && [ -s "$work/err" ]; then
        die "$* wrote to standard error: $(head -c 300 "$work/err")"
    fi
}

# median VALUE...: the median of the values.
median() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 }
        END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# total COST [MINUS] and per_step COST MINUS STEPS: costs in the units of the tables.
total() {
    awk -v v="$1" -v w="${2:-0}" -v d="$per_total" 'BEGIN { printf "%.1f", (v - w) / d }'
}
per_step() {
    awk -v v="$1" -v w="$2" -v n="$3" 'BEGIN { x = (v - w) / n / 1000
        if (x <= 0) print "noise"; else printf (x < 0.1 ? "%.3f" : x < 10 ? "%.2f" : "%.1f"), x }'
}

echo "screen_bench: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores;" \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1);" \
    "$(uname -sr); tool: $tool; median of $runs runs"
echo "margin: $margin_bin ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'))"

# --- Projects ------------------------------------------------------------------------------

echo
echo "Building the projects (each step timed once, $unit_total)"
printf '%-12s %11s %9s %9s %12s %12s\n' project bytes chars codings "import text" \
    "import codings"
for entry in "${sizes[@]}"; do
    read -r name bytes spans label <<<"$entry"
    text=$work/t${bytes}.txt
    [ -f "$text" ] || "$gen_bin" text "$bytes" >"$text"
    "$gen_bin" codings "$root/codebooks/pcn-2020.yaml" "$text" "$spans" >"$work/$name.csv"
    project=$work/$name.margin
    rm -f "$project"
    "$margin_bin" init "$project" >/dev/null
    "$margin_bin" codebook import "$project" "$root/codebooks/pcn-2020.yaml" >/dev/null
    t_text=$(measure "$margin_bin" import "$project" "$text" --case P01)
    t_codings=$(measure "$margin_bin" codings import "$project" "$work/$name.csv")
    chars=$("$margin_bin" list "$project" sources | awk 'NR == 2 { print $4 }')
    codings=$("$margin_bin" info "$project" | awk '$1 == "codings" { print $2 }')
    printf '%-12s %11s %9s %9s %12s %12s\n' "$label" "$bytes" "$chars" "$codings" \
        "$(total "$t_text")" "$(total "$t_codings")"
done

# --- Script mode ---------------------------------------------------------------------------

mid='/ "[midpoint]" <Enter>'
# Benchmarks: name | prefix | step | steps (0: the default) | where it runs ("all" projects, or
# "dense": all but the sparse one, which only needs to tell text size from codings).
benches=(
    "redraw (start)||<C-l>|0|dense"
    "redraw (middle)|$mid|<C-l>|0|all"
    "redraw (end)|G|<C-l>|0|all"
    "j|$mid|j|0|all"
    "j, all coders shown|$mid O|j|0|dense"
    "<C-f> page down|$mid|<C-f>|0|dense"
    "G gg|$mid|G gg|0|dense"
    "w|$mid|w|0|dense"
    ")|$mid|)|0|dense"
    "}|$mid|}|0|dense"
    "t|$mid|t|0|all"
    "T|$mid|T|0|dense"
    "]|$mid|]|0|dense"
    "[|$mid|[|0|dense"
    ">|$mid|>|0|all"
    "<|$mid|<lt>|0|dense"
    "/ search (a word)|$mid|/ \"premises\" <Enter>|0|dense"
    "n|$mid / \"premises\" <Enter>|n|0|dense"
    "N|$mid / \"premises\" <Enter>|N|0|dense"
    "/ search (no match)|$mid|/ \"qqxz\" <Enter>|20|dense"
    "t v it c 07.01.02 <Enter>|$mid|t v it c 07.01.02 <Enter>|30|all"
)

# script FILE PREFIX STEP COUNT: writes a script.
script() {
    {
        [ -n "$2" ] && printf '%s\n' "$2"
        for _ in $(seq "$4"); do printf '%s\n' "$3"; done
        echo @state
    } >"$1"
}

# run_cost PROJECT SIZE SCRIPT: the median cost of replaying SCRIPT. Each run gets a fresh copy
# of the project: a script may change it, and every session records where its coder left off,
# where the next one would start.
run_cost() {
    local values=()
    for _ in $(seq "$runs"); do
        cp "$1" "$work/copy.margin"
        values+=("$(measure "$margin_bin" --script "$3" --size "$2" --coder A "$work/copy.margin")")
    done
    median "${values[@]}"
}

results=$work/results.tsv
: >"$results"
for screen in "${screens[@]}"; do
    for entry in "${sizes[@]}"; do
        read -r name bytes spans label <<<"$entry"
        project=$work/$name.margin
        script "$work/empty.script" "" "" 0
        empty=$(run_cost "$project" "$screen" "$work/empty.script")
        printf '%s\t%s\t%s\t%s\n' "$screen" "startup (open, load, wrap)" "$label" \
            "$(total "$empty")" >>"$results"
        declare -A base=()
        for bench in "${benches[@]}"; do
            IFS='|' read -r title prefix step count where <<<"$bench"
            [ "$where" = dense ] && [ "$name" = 10m-sparse ] && continue
            [ "$count" = 0 ] && count=$steps
            [ "$count" -gt "$steps" ] && count=$steps
            [ "$count" != "$steps" ] && title="$title [$count]"
            if [ -z "${base[key:$prefix]:-}" ]; then
                script "$work/base.script" "$prefix" "" 0
                base[key:$prefix]=$(run_cost "$project" "$screen" "$work/base.script")
            fi
            script "$work/bench.script" "$prefix" "$step" "$count"
            full=$(run_cost "$project" "$screen" "$work/bench.script")
            mark=""
            grep -q '^message: (error)' "$work/out" && mark="*"
            {
                echo "== $screen $label: $title ($count steps)"
                grep -E '^(cursor|message|codings shown):' "$work/out"
            } >>"$log"
            printf '%s\t%s\t%s\t%s%s\n' "$screen" "$title" "$label" \
                "$(per_step "$full" "${base[key:$prefix]}" "$count")" "$mark" >>"$results"
        done
        unset base
    done
done

labels=()
for entry in "${sizes[@]}"; do
    read -r _ _ _ label <<<"$entry"
    labels+=("$label")
done

# table SCREEN: the results for one screen size, a column per project.
table() {
    awk -F '\t' -v screen="$1" -v labels="${labels[*]}" '
        BEGIN { n = split(labels, l, " ") }
        $1 == screen { if (!($2 in seen)) { seen[$2] = 1; order[++rows] = $2 }
                       v[$2, $3] = $4 }
        END {
            printf "%-30s", "step"
            for (i = 1; i <= n; i++) printf " %10s", l[i]
            printf "\n"
            for (r = 1; r <= rows; r++) {
                printf "%-30s", order[r]
                for (i = 1; i <= n; i++) {
                    x = ((order[r], l[i]) in v) ? v[order[r], l[i]] : "-"
                    printf " %10s", x
                }
                printf "\n"
            }
        }' "$results"
}

for screen in "${screens[@]}"; do
    echo
    echo "Script mode at $screen: $unit_step per step (startup rows: $unit_total); median of" \
        "$runs runs of $steps steps, or [as many as shown]"
    table "$screen"
done
echo "(* the last key reported an error: expected for the search with no match; otherwise the"
echo "   cursor ran out of targets on a short transcript, as in \"no later speaker turn\", and the"
echo "   later steps timed a key that did not move)"

# --- Commands ------------------------------------------------------------------------------

echo
echo "Commands ($unit_total; median of $runs runs; output to a file)"
printf '%-12s %16s %16s %16s %16s\n' project "compare json" "compare segments" "compare alpha" \
    "export"
for entry in "${sizes[@]}"; do
    read -r name bytes spans label <<<"$entry"
    project=$work/$name.margin
    c=() s=() a=() e=()
    for _ in $(seq "$runs"); do
        c+=("$(measure "$margin_bin" compare "$project" --coders A,B --format json)")
        s+=("$(measure "$margin_bin" compare "$project" --coders A,B --mode segments \
            --format json)")
        a+=("$(measure "$margin_bin" compare "$project" --coders A,B --alpha --format json)")
        e+=("$(measure "$margin_bin" export "$project" --segments -)")
    done
    printf '%-12s %16s %16s %16s %16s\n' "$label" "$(total "$(median "${c[@]}")")" \
        "$(total "$(median "${s[@]}")")" "$(total "$(median "${a[@]}")")" \
        "$(total "$(median "${e[@]}")")"
done
