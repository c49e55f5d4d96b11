#!/bin/sh
# Agreement on unit-level ratings, against the published worked examples of Krippendorff (2011)
# and Fleiss (1971) (tests/data/ratings-*.csv), and the ways a ratings file can be wrong.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
data="$SOURCE_ROOT/tests/data"

# row LABEL: the line of the table that starts with LABEL, spaces squeezed.
row() {
    printf '%s\n' "$out" | grep "^$1 " | tr -s ' '
}

# Krippendorff (2011), section B: two observers, 12 units, nominal values a to e.
run agreement --ratings "$data/ratings-krippendorff-nominal.csv"
expect_ok "ratings are read"
expect_equal "$(printf '%s\n' "$out" | head -n 3)" "unit: units; 12 units, 24 values given, 24 of them pairable
coders: observer 1, observer 2
categories (5, nominal): a, b, d, c, e" "the report states the unit, n, the coders and the categories"
expect_equal "$(row "Krippendorff's alpha, nominal")" "Krippendorff's alpha, nominal 0.692 24 values" \
    "Krippendorff (2011) two observers: nominal alpha 0.692 (published)"
expect_equal "$(row "Cohen's kappa") | $(row "Scott's pi") | $(row "percent agreement")" \
    "Cohen's kappa 0.684 12 units | Scott's pi 0.679 12 units | percent agreement 0.750 12 units" \
    "Cohen's kappa 13/19, Scott's pi 19/28, agreement 9/12"
expect_equal "$(row "Brennan-Prediger")" "Brennan-Prediger kappa, q = 5 0.688 12 units" \
    "Brennan-Prediger kappa with q = the 5 categories used"
run agreement --ratings "$data/ratings-krippendorff-nominal.csv" --categories 7
expect_equal "$(row "Brennan-Prediger")" "Brennan-Prediger kappa, q = 7 0.708 12 units" \
    "--categories sets q: (0.75 - 1/7) / (6/7) = 17/24"
run agreement --ratings "$data/ratings-krippendorff-nominal.csv" --categories 4
expect_equal "$(row "Brennan-Prediger")" \
    "Brennan-Prediger kappa, q = 4 n/a fewer categories than two or than the values used" \
    "q below the categories used is refused with the reason"

# Krippendorff (2011), section C: four observers, 12 units, missing values.
run agreement --ratings "$data/ratings-krippendorff-missing.csv"
expect_equal "$(row "Krippendorff's alpha, nominal") | $(row "Krippendorff's alpha, ordinal") | $(row "Krippendorff's alpha, interval") | $(row "Krippendorff's alpha, ratio")" \
    "Krippendorff's alpha, nominal 0.743 40 values | Krippendorff's alpha, ordinal 0.815 40 values | Krippendorff's alpha, interval 0.849 40 values | Krippendorff's alpha, ratio 0.797 40 values" \
    "Krippendorff (2011) four observers: 0.743 nominal, 0.815 ordinal, 0.849 interval, 0.797 ratio"
expect_equal "$(printf '%s\n' "$out" | head -n 1)" "unit: units; 12 units, 41 values given, 40 of them pairable" \
    "unit 12's lone value is not pairable"
expect_equal "$(row "Fleiss' kappa") | $(row "Cohen's kappa")" \
    "Fleiss' kappa n/a some units lack a coder's value | Cohen's kappa n/a defined for exactly two coders" \
    "figures that do not apply say why"
run agreement --ratings "$data/ratings-krippendorff-missing.csv" --format json
expect_equal "$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["unit"], d["units"], d["level"], d["pairable_values"],
      abs(d["alpha_nominal"]["value"] - 113 / 152) < 1e-12,
      abs(d["alpha_interval"]["value"] - 951 / 1120) < 1e-12,
      d["fleiss_kappa"]["value"], d["fleiss_kappa"]["reason"])')" \
    "units 12 numeric 40 True True None some units lack a coder's value" \
    "JSON gives exact values (113/152, 951/1120) and null with a reason"

# Fleiss (1971): 30 patients, 6 psychiatrists, 5 diagnoses.
run agreement --ratings "$data/ratings-fleiss-1971.csv"
expect_equal "$(row "Fleiss' kappa")" "Fleiss' kappa 0.430 30 units" "Fleiss (1971): kappa 0.430 (published)"
expect_equal "$(row "Conger's kappa")" "Conger's kappa 0.442 30 units" \
    "Conger's kappa over all six columns (nltk 3.8's multi_kappa: 0.44180854032933303)"
run agreement --ratings "$data/ratings-fleiss-1971.csv" --format json
expect_equal "$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
f = d["fleiss_kappa"]
print(round(f["P"], 3), round(f["P_e"], 3), round((f["P"] - f["P_e"]) / (1 - f["P_e"]), 12) == round(f["value"], 12),
      sorted(d["conger_kappa"]), round(d["alpha_nominal"]["D_o"], 12) == round(1 - f["P"], 12))')" \
    "0.556 0.22 True ['P', 'P_e', 'n', 'unit', 'value'] True" \
    "JSON gives Fleiss' P and P_e as published (0.556, 0.220), Conger's and alpha's D_o"

# CSV: a header and one row with every figure, its n and its reason.
run agreement --ratings "$data/ratings-krippendorff-nominal.csv" --format csv
expect_ok "agreement writes CSV"
expect_equal "$(printf '%s\n' "$out" | tr -d '\r')" \
    "units,percent_agreement,percent_agreement_n,percent_agreement_reason,cohen_kappa,cohen_kappa_n,cohen_kappa_reason,scott_pi,scott_pi_n,scott_pi_reason,fleiss_kappa,fleiss_kappa_n,fleiss_kappa_reason,conger_kappa,conger_kappa_n,conger_kappa_reason,alpha_nominal,alpha_nominal_n,alpha_nominal_reason,brennan_prediger,brennan_prediger_n,brennan_prediger_reason
12,0.75,12,,0.68421052631578949,12,,0.6785714285714286,12,,0.6785714285714286,12,,0.68421052631578949,12,,0.6919642857142857,24,,0.6875,12," \
    "CSV: Krippendorff (2011) two observers, agreement 9/12, kappa 13/19, pi 19/28, alpha 0.692"
run agreement --ratings "$data/ratings-krippendorff-missing.csv" --format csv --bootstrap 100
expect_equal "$(printf '%s\n' "$out" | python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
r = rows[0]
print(len(rows), repr(r["fleiss_kappa"]), r["fleiss_kappa_reason"], r["alpha_interval_n"],
      float(r["alpha_lower"]) <= float(r["alpha_nominal"]) <= float(r["alpha_upper"]),
      repr(r["kappa_lower"]))')" \
    "1 '' some units lack a coder's value 40 True ''" \
    "CSV: undefined figures have an empty value and a reason; --bootstrap adds the interval columns"

# Values and their kinds.
printf 'A,B\n1,1.0\n2, 2\n3,\n' >numbers.csv
run agreement --ratings numbers.csv
expect_contains "$out" "categories (3, numbers): 1, 2, 3" "1 and 1.0 are the same number; spaces are ignored"
expect_contains "$out" "Krippendorff's alpha, interval" "numbers get interval alpha"
printf 'A,B\n1,yes\n2,no\n' >mixed.csv
run agreement --ratings mixed.csv
expect_contains "$out" "categories (4, nominal): 1, yes, 2, no" "a non-number makes every value a category"
case "$out" in
*interval*) fail "nominal data gets no interval alpha" "$out" ;;
*) pass "nominal data gets no interval alpha" ;;
esac

printf 'A,B\n1,2\n3\n' >ragged.csv
run agreement --ratings ragged.csv
expect_error 1 "ragged.csv:3: this row has 1 cells, but the header names 2 coders" "a short row is named by line"
printf 'A\n1\n' >one.csv
run agreement --ratings one.csv
expect_error 1 "one.csv:1: the header names one coder; agreement needs a column for each of two or more coders" \
    "one coder is refused"
printf 'A,B\n' >header.csv
run agreement --ratings header.csv
expect_error 1 "header.csv has a header but no units; add a row per unit" "a file without units is refused"
printf 'A,,C\n1,2,3\n' >unnamed.csv
run agreement --ratings unnamed.csv
expect_error 1 "unnamed.csv:1: column 2 of the header names no coder" "an unnamed column is refused"
printf 'A,B,A\n1,2,3\n' >twice.csv
run agreement --ratings twice.csv
expect_error 1 "twice.csv:1: the coder 'A' heads two columns" "a coder named twice is refused"
printf 'A,B\n1,1e999\n' >huge.csv
run agreement --ratings huge.csv
expect_error 1 "huge.csv:2: the value 1e999 is too large" "a number too large is named by line"
run agreement --ratings missing.csv
expect_error 1 "missing.csv: No such file or directory" "a missing file is named"
run agreement
expect_status 1 "--ratings is needed"
run agreement --ratings numbers.csv --categories 0
expect_status 1 "--categories must be 1 or more"

# "-" reads the ratings from standard input, a pipe say; messages name "standard input".
cat "$data/ratings-krippendorff-nominal.csv" | margin agreement --ratings - >"$work/stdout" 2>"$work/stderr"
status=$?
expect_equal "$status $(head -n 1 "$work/stdout")" "0 unit: units; 12 units, 24 values given, 24 of them pairable" \
    "ratings are read from a pipe given as -"
printf 'A,B\na,b,c\n' | margin agreement --ratings - >"$work/stdout" 2>"$work/stderr"
status=$?
expect_equal "$status $(cat "$work/stderr")" \
    "1 margin: standard input:2: this row has 3 cells, but the header names 2 coders" \
    "a bad row from standard input is refused, naming standard input and the line"

finish
