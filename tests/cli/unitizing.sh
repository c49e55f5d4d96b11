#!/bin/sh
# Krippendorff's unitizing alphas (margin compare --unitizing): the published worked example of
# 2004, and random projects against a direct implementation of the definitions
# (unitizing_check.py, character by character).
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
check="$SOURCE_ROOT/tests/cli/unitizing_check.py"

# json EXPRESSION: evaluates a Python expression over the JSON in $out, bound to d.
json() {
    printf '%s' "$out" | python3 -c "import json, sys; d = json.load(sys.stdin); print($1)"
}

# new_project NAME: a project with the PCN codebook.
new_project() {
    margin init "$1" >/dev/null
    margin codebook import "$1" "$SOURCE_ROOT/codebooks/pcn-2020.yaml" >/dev/null
}

expect_equal "$(python3 "$check" example)" "0.7286 1.0000" \
    "the direct implementation reproduces the published 2004 example itself"

# Krippendorff (2004), Content Analysis, 2nd ed., p. 254, shifted to start at 0: a continuum of
# 300 characters; category c is 07.01.01, k is 07.01.02. Published: c uα = 0.7286 (D_o = 0.0144,
# D_e = 0.0532), k uα = 1 (D_e = 0.0490).
new_project k.margin
printf '%0300d' 0 >x.txt
margin import k.margin x.txt >/dev/null
cat >k.csv <<'CSV'
coder,source,code,start,end
i,x,07.01.01,75,145
i,x,07.01.01,220,250
i,x,07.01.02,30,90
i,x,07.01.02,150,200
j,x,07.01.01,70,150
j,x,07.01.01,205,225
j,x,07.01.01,250,270
j,x,07.01.02,30,90
j,x,07.01.02,150,200
CSV
margin codings import k.margin k.csv >/dev/null
run compare k.margin --coders i,j --unitizing --code 07.01 --format json
expect_ok "compare --unitizing writes JSON"
expect_equal "$(json '[(c["code"], round(c["u_alpha_2004"]["value"], 4), round(c["u_alpha_2004"]["observed"], 4), round(c["u_alpha_2004"]["expected"], 4), c["u_alpha_2004"]["n"]) for c in d["codes"][1:3]]')" \
    "[('07.01.01', 0.7286, 0.0144, 0.0532, 600), ('07.01.02', 1, 0, 0.049, 600)]" \
    "Krippendorff (2004): uα 0.7286 for c and 1 for k, with D_o, D_e and n = 2 x 300 (published)"
expect_equal "$(json 'd["unit"], d["n"], d["domains"][0]["code"], d["domains"][0]["u_alpha"]["value"], d["domains"][0]["u_alpha"]["reason"]')" \
    "coder-characters 600 07.01 None a coder gave one stretch of text two values of the domain" \
    "c and k overlap within each observer: the domain's uα is undefined and says why"
run compare k.margin --coders i,j --unitizing --code 07.01
# |uα from the definitions (unitizing_check.py): 0.51628 for c; 0.56999 for 07.01, which
# covers c and k together (2004: D_o = 0.2075).
expect_contains "$out" "07.01       Types of challenges or failures            0.554     0.570
07.01.01    Ways of working and collaborating wi…      0.729     0.516
07.01.02    Management and governance                  1.000     1.000" \
    "the table gives uα (2004) and |uα per code"
expect_contains "$out" "unit: characters, a continuum cut at the sources' ends; n = 2 coders x 300 characters" \
    "the table states the unit and n"
run compare k.margin --coders i,j --unitizing --code 07.01.02 --format csv
# D_e of k and the expected off-diagonal share of |uα, from the definitions.
expect_equal "$(printf '%s\n' "$out" | python3 -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
print(rows[0])
want = [0.048978565808915242, 0.48126187323700415]
for row, e in zip(rows[1:], want):
    print(row[:7], abs(float(row[7]) - e) < 1e-15, row[8] == "")')" \
    "['code', 'name', 'domain', 'figure', 'value', 'n', 'observed', 'expected', 'reason']
['07.01.02', 'Management and governance', '', 'u_alpha_2004', '1', '600', '0'] True True
['07.01.02', 'Management and governance', '', 'binary_u_alpha', '1', '600', '0'] True True" \
    "CSV: a row per figure with its n, observed and expected disagreement"
run compare k.margin --coders i,j --unitizing --unit turn
expect_status 1 "--unitizing with --unit is a usage error"

# Random projects: two sources, two coders, the three values of the domain 07.01.
for seed in 1 2 3 4 5 6; do
    rm -f r.margin
    new_project r.margin
    python3 "$check" random "$seed" r.csv lengths.txt
    printf '%0120d' 0 >u1.txt
    printf '%080d' 0 >u2.txt
    margin import r.margin u1.txt u2.txt >/dev/null
    margin codings import r.margin r.csv >/dev/null
    margin compare r.margin --coders A,B --unitizing --code 07.01 --format json --output r.json
    if report=$(python3 "$check" compare "$seed" r.json 2>&1); then
        pass "random project $seed: uα (2004), |uα, and the domain's uα, |uα, cuα and (k)uα match the definitions ($report)"
    else
        fail "random project $seed: the unitizing alphas match the definitions" "$report"
    fi
done

finish
