#!/bin/sh
# --safe-csv for every command that writes CSV, chosen on the command line, by the user
# (MARGIN_SAFE_CSV) or once for the project (margin settings PROJECT safe-csv on).
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
sample_project p.margin

# Cells a spreadsheet would run: a coder '@A', a code '=Cmd', a case '-P9', memos and a summary
# starting with =, +, @, a tab; a redaction map whose original starts with '+'.
margin code p.margin --coder @A --source int01 --code 07.01.02 --start 0 --end 40 \
    --memo "=HYPERLINK(\"x\")" >/dev/null
margin code p.margin --coder @A --source int01 --code 07.01.02 --start 300 --end 340 \
    --memo "$(printf '\tx')" >/dev/null
margin codebook add p.margin "=Cmd" --coder @A >/dev/null
cmd=$(margin list p.margin codes | awk '/=Cmd/ {print $1}')
margin code p.margin --coder @A --source int01 --code "$cmd" --start 100 --end 140 \
    --memo "+cmd" >/dev/null
margin code p.margin --coder A --source int01 --code "$cmd" --start 120 --end 160 >/dev/null
printf 'case,site\n-P9,@site\n' >cases.csv
margin cases import p.margin cases.csv >/dev/null
margin matrix p.margin P01 07 "=SUM(A1)" --set --coder @A >/dev/null
printf 'Interviewer: =SUM(A1) or -5?\nRespondent: @home\n' >formula.txt
margin import p.margin --case "-P9" formula.txt >/dev/null
margin memo p.margin --text "@memo" >/dev/null 2>&1 || true
cp p.margin before.margin

# check FILE...: for each file, "unsafe N neutralised M": cells that start with = + - @ tab CR
# (plain numbers aside), and cells that start with an apostrophe before one of them.
check() {
    python3 - "$@" <<'PY'
import csv, re, sys
number = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?$")
for name in sys.argv[1:]:
    unsafe = neutralised = 0
    with open(name, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not number.match(cell):
                    unsafe += 1
                if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r"):
                    neutralised += 1
    print("unsafe", unsafe, "neutralised", neutralised)
PY
}

# writers: each line a name and the margin command that writes its CSV to the file out.csv.
cat >writers <<'EOF'
export|export p.margin --segments out.csv
codebook export|codebook export p.margin --format csv --output out.csv
retrieve|retrieve p.margin --code 07 --with-subcodes --format csv --output out.csv
query|query p.margin text("=SUM(A1)") --format csv --output out.csv
counts|counts p.margin --format csv --output out.csv
counts by case|counts p.margin --by case --format csv --output out.csv
matrix|matrix p.margin --format csv --output out.csv
compare|compare p.margin --coders @A,A --format csv --output out.csv
compare --unit|compare p.margin --coders @A,A --unit turn --format csv --output out.csv
compare --ratings-out|compare p.margin --coders @A,A --unit turn --ratings-out out.csv --output /dev/null
compare --unitizing|compare p.margin --coders @A,A --unitizing --format csv --output out.csv
memos|memos p.margin --format csv --output out.csv
log|log p.margin --format csv
EOF

# each MODE PREFIX SUFFIX EXPECTED: runs every writer with `env PREFIX margin ... SUFFIX` and
# checks what check() finds against EXPECTED (exact: some unsafe cells, none neutralised; safe:
# none unsafe, some neutralised).
each() {
    mode=$1 prefix=$2 suffix=$3 expected=$4
    n=0
    rm -f out-*.csv names
    while IFS='|' read -r name command; do
        n=$((n + 1))
        rm -f out.csv
        # shellcheck disable=SC2086
        env $prefix ${MARGIN_WRAPPER:-} "$MARGIN" $command $suffix >stdout 2>stderr
        status=$?
        if [ "$name" = log ]; then mv stdout out.csv; fi
        if [ "$status" -ne 0 ]; then
            fail "$name ($mode) succeeds" "status $status" "$(cat stderr)"
            continue
        fi
        mv out.csv "out-$n.csv"
        echo "$n|$name" >>names
    done <writers
    # shellcheck disable=SC2046
    check $(cut -d'|' -f1 names | sed 's/.*/out-&.csv/') >found
    paste -d'|' names found >results
    while IFS='|' read -r n name got; do
        case "$expected $got" in
        "exact unsafe "[1-9]*" neutralised 0" | "safe unsafe 0 neutralised "[1-9]*)
            pass "$name: $mode" ;;
        *) fail "$name: $mode" "$got" "$(head -5 "out-$n.csv")" ;;
        esac
    done <results
}

each "exact without --safe-csv" "" "" exact
each "--safe-csv neutralises" "" "--safe-csv" safe
each "MARGIN_SAFE_CSV=1 neutralises" "MARGIN_SAFE_CSV=1" "" safe

# The same numbers stay numbers: compare's figures are not given apostrophes.
run compare p.margin --coders @A,A --format csv --safe-csv
expect_contains "$out" "'@A" "a coder's name starting with @ gets an apostrophe"
case "$out" in
*"'-0"* | *"'0"* | *"'1"*) fail "figures stay numbers" "$out" ;;
*) pass "figures stay numbers" ;;
esac

# The redaction map written with --keep-map.
printf 'original,replacement\n+Bloggs,[name]\n' >map.csv
cp p.margin r.margin
run redact r.margin --map map.csv --keep-map kept.csv --coder @A --safe-csv
expect_ok "redact --keep-map --safe-csv succeeds"
expect_equal "$(check kept.csv)" "unsafe 0 neutralised 1" "the kept map's '+Bloggs' gets an apostrophe"
cp p.margin r.margin
run redact r.margin --map map.csv --keep-map kept.csv --coder @A
expect_equal "$(check kept.csv)" "unsafe 1 neutralised 0" "and is exact without --safe-csv"

# Once for the project: margin settings.
run settings p.margin
expect_equal "$out" "safe-csv off (on: every CSV file written from the project neutralises cells a spreadsheet would run as formulas, as --safe-csv does)" \
    "settings lists safe-csv, off by default"
run settings p.margin safe-csv on
expect_ok "safe-csv is set on"
run settings p.margin safe-csv
expect_contains "$out" "safe-csv on" "and reads back on"
each "the project's setting neutralises" "" "" safe
each "MARGIN_SAFE_CSV=0 overrides the project's setting" "MARGIN_SAFE_CSV=0" "" exact
run settings p.margin safe-csv off
run export p.margin --segments -
expect_contains "$out" ",@A,07.01.02," "off again, exact"

# Mistakes are named.
run settings p.margin safe-csv yes
expect_status 1 "a value other than on or off is refused"
expect_contains "$err" "safe-csv is off or on, not 'yes'" "saying which values it takes"
run settings p.margin colour on
expect_contains "$err" "there is no setting named 'colour' (the settings are: safe-csv)" \
    "an unknown setting is refused"
MARGIN_SAFE_CSV=yes margin export p.margin --segments - >/dev/null 2>stderr
expect_equal "$? $(cat stderr)" "1 margin: MARGIN_SAFE_CSV is 'yes'; set it to 1 to neutralise formula cells in the CSV files margin writes, to 0 for exact cells, or unset it for the project's setting" \
    "MARGIN_SAFE_CSV=yes is refused rather than read as either"
python3 -c "import sqlite3; db = sqlite3.connect('p.margin'); db.execute(\"update settings set value = 'maybe' where key = 'safe-csv'\"); db.commit()"
run export p.margin --segments -
expect_error 1 "the project's setting safe-csv is 'maybe'; set it to on or off with margin settings" \
    "a setting holding something else is named"

finish
