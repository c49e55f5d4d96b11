#!/bin/sh
# Agreement over units of the sources (margin compare --unit): a transcript worked by hand, the
# sample project recomputed independently (units_check.py reads the project file with Python's
# sqlite3), and the ratings file read back by margin agreement.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
check="$SOURCE_ROOT/tests/cli/units_check.py"

# check_units DESCRIPTION ARGS...: runs units_check.py and expects no mismatch.
check_units() {
    description=$1
    shift
    if report=$(python3 "$check" "$@" 2>&1); then
        pass "$description"
    else
        fail "$description" "$report"
    fi
}

# json EXPRESSION: evaluates a Python expression over the JSON in $out, bound to d.
json() {
    printf '%s' "$out" | python3 -c "import json, sys; d = json.load(sys.stdin); print($1)"
}

# Four turns; their bodies (what was said, after "I: " or "R: ") are [3,11), [15,22), [26,35)
# and [39,48): 8, 7, 9 and 9 characters.
margin init t.margin >/dev/null
margin codebook import t.margin "$SOURCE_ROOT/codebooks/pcn-2020.yaml" >/dev/null
printf 'I: Tell me.\nR: We met.\nI: And then?\nR: It ended.\n' >t1.txt
margin import t.margin t1.txt >/dev/null
cat >t.csv <<'CSV'
coder,source,code,start,end
A,t1,11,3,11
A,t1,11,15,18
B,t1,11,15,22
B,t1,11,26,31
B,t1,11,39,40
CSV
margin codings import t.margin t.csv >/dev/null

# Any character: A codes turns 1 and 2, B turns 2, 3 and 4: units (1,0) (1,1) (0,1) (0,1).
# p_o = 1/4; Cohen p_e = 1/2 * 3/4 + 1/2 * 1/4 = 1/2: kappa -1/2; Scott p_e = (5/8)^2 + (3/8)^2 =
# 17/32: pi (8/32 - 17/32) / (15/32) = -3/5 (Fleiss' kappa the same for two coders); alpha
# 1 - (n - 1) o_01 / (n_0 n_1) = 1 - 7 * 3 / (3 * 5) = -2/5; Brennan-Prediger (1/4 - 1/2) / (1/2).
run compare t.margin --coders A,B --unit turn --code 11 --code 09 --format json
expect_ok "compare --unit turn writes JSON"
expect_equal "$(json 'd["unit"], d["n"], d["cover_percent"], [(s["source"], s["units"]) for s in d["sources"]]')" \
    "turns 4 None [('t1', 4)]" "JSON states the unit, n and the share a unit needs"
expect_equal "$(json '[(c["code"], c["units"], c["coded"], [c[k]["value"] for k in ("percent_agreement", "cohen_kappa", "scott_pi", "fleiss_kappa", "conger_kappa", "alpha", "brennan_prediger")]) for c in d["codes"]]')" \
    "[('09', 4, {'A': 0, 'B': 0}, [1, None, None, None, None, None, 1]), ('11', 4, {'A': 2, 'B': 3}, [0.25, -0.5, -0.6, -0.6, -0.5, -0.4, -0.5])]" \
    "turns by hand: agreement 1/4, kappa -1/2, pi and Fleiss -3/5, Conger -1/2, alpha -2/5, BP -1/2"
expect_equal "$(json 'd["codes"][0]["cohen_kappa"]["reason"], d["codes"][0]["alpha"]["reason"], d["codes"][1]["cohen_kappa"]["p_o"], d["codes"][1]["cohen_kappa"]["p_e"], d["codes"][1]["alpha"]["n"], d["codes"][1]["alpha"]["unit"], d["codes"][1]["brennan_prediger"]["q"]')" \
    "every value is the same, so chance agreement is total every value is the same, so chance agreement is total 0.25 0.5 8 pairable values 2" \
    "undefined figures say why; kappa gives p_o and p_e, alpha its n of pairable values, BP its q"
expect_equal "$(json 'd["pooled"]["codes"], d["pooled"]["units"], d["pooled"]["cohen_kappa"]["value"]')" \
    "1 4 -0.5" "pooled over the one code coded directly"

# --cover 40%: A's 3 of turn 2's 7 characters (43 %) count, B's 5 of 9 (56 %) too, 1 of 9 not:
# units (1,0) (1,1) (0,1) (0,0): p_o = 1/2 = p_e, kappa and pi 0, alpha 1 - 7 * 2 / 16 = 1/8.
run compare t.margin --coders A,B --unit turn --cover 40% --code 11 --format json
expect_equal "$(json 'd["cover_percent"], [d["codes"][0][k]["value"] for k in ("percent_agreement", "cohen_kappa", "scott_pi", "alpha", "brennan_prediger")]')" \
    "40 [0.5, 0, 0, 0.125, 0]" "--cover 40%: a unit counts when 40 % of it is covered"
run compare t.margin --coders A,B --unit turn --cover 44 --code 11
expect_contains "$out" "11          Quotes               25.0% -0.500 -0.600 -0.600 -0.400 -0.500      3" \
    "--cover 44 (43 % is short): the table shows each figure; 0.000 is never -0.000"
expect_contains "$out" "unit: turns; n = 4 turns in 1 source" "the table states the unit and n"
run compare t.margin --coders A,B --unit turn --cover 40 --code 11
expect_contains "$out" "pooled      1 code               50.0%  0.000  0.000  0.000  0.125  0.000      4" \
    "zero prints as 0.000"
run compare t.margin --coders A,B --unit sentence --code 11 --format csv
expect_equal "$(printf '%s\n' "$out" | tr -d '\r' | sed -n '1p;$p')" \
    "code,name,units,percent_agreement,percent_agreement_n,percent_agreement_reason,cohen_kappa,cohen_kappa_n,cohen_kappa_reason,scott_pi,scott_pi_n,scott_pi_reason,fleiss_kappa,fleiss_kappa_n,fleiss_kappa_reason,conger_kappa,conger_kappa_n,conger_kappa_reason,alpha,alpha_n,alpha_reason,brennan_prediger,brennan_prediger_n,brennan_prediger_reason
(pooled),,4,0.25,4,,-0.5,4,,-0.59999999999999998,4,,-0.59999999999999998,4,,-0.5,4,,-0.40000000000000002,8,,-0.5,4," \
    "sentences (one per line here, as the turns) in CSV: a row per code and a pooled row"

run compare t.margin --coders A,B --cover 50%
expect_status 1 "--cover without --unit is a usage error"
run compare t.margin --coders A,B --unit turn --cover 0
expect_status 1 "--cover 0 is a usage error"
run compare t.margin --coders A,B --unit turn --cover 101%
expect_status 1 "--cover above 100% is a usage error"
run compare t.margin --coders A,B --unit word
expect_status 1 "an unknown unit is a usage error"
run compare t.margin --coders A,B --unit turn --mode segments
expect_status 1 "--unit with segments is a usage error"

# The sample project, recomputed independently; the ratings read back by margin agreement.
sample_project samples.margin
run compare samples.margin --coders A,B --unit turn --code 07.01 --code 11 --code 01.01.02 \
    --format json --output turns.json --ratings-out turns.csv
expect_ok "the sample project's turns"
check_units "turns: every code's and the pooled table and figures match an independent computation, and so does the ratings file" \
    samples.margin A,B turn 0 turns.json --ratings turns.csv
run agreement --ratings turns.csv --format json
printf '%s' "$out" >back.json
expect_equal "$(python3 -c '
import json, sys
u = json.load(open(sys.argv[1]))["pooled"]
a = json.load(open(sys.argv[2]))
pairs = (("percent_agreement", "percent_agreement"), ("cohen_kappa", "cohen_kappa"),
         ("scott_pi", "scott_pi"), ("fleiss_kappa", "fleiss_kappa"), ("alpha", "alpha_nominal"),
         ("brennan_prediger", "brennan_prediger"))
print(a["units"] == u["units"], [(k, u[k]["value"] == a[v]["value"], u[k]["n"] == a[v]["n"]) for k, v in pairs if u[k]["value"] != a[v]["value"] or u[k]["n"] != a[v]["n"]])' turns.json back.json)" \
    "True []" "margin agreement --ratings reads the table back to the same figures and n"
run compare samples.margin --coders A,B --unit paragraph --cover 50% --code 07 --format json --output paragraphs.json
check_units "paragraphs at 50 %: every figure matches an independent computation" \
    samples.margin A,B paragraph 50 paragraphs.json

# Three coders: Cohen's kappa and Scott's pi do not apply; Fleiss', Conger's and alpha do.
cp samples.margin three.margin
margin code three.margin --coder C --source int01 --code 07.01.02 --start 100 --end 900 >/dev/null
margin code three.margin --coder C --source int02 --code 11 --start 0 --end 500 >/dev/null
margin code three.margin --coder C --source int03 --code 11 --start 0 --end 5 >/dev/null
run compare three.margin --coders A,B,C --unit turn --code 07.01 --code 11 --format json --output three.json
expect_ok "three coders over turns"
check_units "three coders: Fleiss', Conger's kappa and alpha match an independent computation" \
    three.margin A,B,C turn 0 three.json
expect_equal "$(python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))["pooled"]; print(p["cohen_kappa"]["reason"], "|", p["fleiss_kappa"]["value"] is not None)' three.json)" \
    "defined for exactly two coders | True" "Cohen's kappa says it needs two coders"

finish
