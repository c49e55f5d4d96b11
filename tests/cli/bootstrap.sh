#!/bin/sh
# Bootstrap intervals (--bootstrap N --seed S --ci PERCENT) of margin agreement and margin
# compare --unit: Cohen's kappa recomputed resample by resample (bootstrap_check.py, with its own
# generator), and alpha's distribution against the one its definition implies for Krippendorff's
# (2011) published example.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
data="$SOURCE_ROOT/tests/data"
check="$SOURCE_ROOT/tests/cli/bootstrap_check.py"

# check_kappa DESCRIPTION ARGS...: runs bootstrap_check.py and expects agreement.
check_kappa() {
    description=$1
    shift
    if report=$(python3 "$check" "$@" 2>&1); then
        pass "$description ($report)"
    else
        fail "$description" "$report"
    fi
}

run agreement --ratings "$data/ratings-krippendorff-nominal.csv" --bootstrap 1000 --seed 5 --format json
expect_ok "agreement --bootstrap writes JSON"
printf '%s' "$out" >nominal.json
check_kappa "agreement: Cohen's kappa's 95% interval matches an independent resampling" \
    "$data/ratings-krippendorff-nominal.csv" 1000 5 0.95 nominal.json
run agreement --ratings "$data/ratings-krippendorff-nominal.csv" --bootstrap 1000 --seed 5 --format json
expect_equal "$out" "$(cat nominal.json)" "the same seed gives the same figures"
run agreement --ratings "$data/ratings-krippendorff-nominal.csv" --bootstrap 1000 --seed 6 --format json
expect_equal "$(printf '%s' "$out" | python3 -c 'import json,sys; b=json.load(sys.stdin)["bootstrap"]; print(b["seed"], b["resamples"], b["level"])')" \
    "6 1000 0.95" "JSON names the seed, the resamples and the level"

# Krippendorff (2011), section C: four observers, nominal. Each resample draws M pairs of values
# (M = min(25 q, (m - 1) n / 2) = min(25 x 10, 3 x 40 / 2) = 60) from the coincidence matrix;
# a draw disagrees with probability D_o, so alpha* = 1 - K / (M D_e) with K ~ Binomial(M, D_o).
# From 20000 resamples, the probability of alpha* below 0.8 and 0.667 must be within four
# standard errors of the binomial's, and the interval's bounds must be values alpha* can take
# at K within one of the binomial's 97.5 % and 2.5 % quantiles.
run agreement --ratings "$data/ratings-krippendorff-missing.csv" --bootstrap 20000 --seed 1 --format json
printf '%s' "$out" >missing.json
expect_equal "$(python3 - "$data/ratings-krippendorff-missing.csv" missing.json <<'PY'
import csv, json, math, sys
from collections import Counter
rows = list(csv.reader(open(sys.argv[1], newline="")))[1:]
o = Counter()
for row in rows:
    values = [v.strip() for v in row if v.strip()]
    if len(values) < 2:
        continue
    for i, a in enumerate(values):
        for j, b in enumerate(values):
            if i != j:
                o[(a, b)] += 1 / (len(values) - 1)
n = round(sum(o.values()))
totals = Counter()
for (a, _), c in o.items():
    totals[a] += c
d_o = sum(c for (a, b), c in o.items() if a != b) / n
d_e = sum(totals[a] * totals[b] for a in totals for b in totals if a != b) / (n * (n - 1))
cells = sum(1 for c in o.values() if c > 0)
m = 4
draws = min(25 * cells, math.floor((m - 1) * n / 2))
b = json.load(open(sys.argv[2]))["bootstrap"]["alpha"]
def pmf(k):
    return math.comb(draws, k) * d_o ** k * (1 - d_o) ** (draws - k)
def alpha(k):
    return 1 - k / (draws * d_e)
checks = [b["draws"] == draws, abs(b["estimate"] - (1 - d_o / d_e)) < 1e-12]
for entry in b["below"]:
    p = sum(pmf(k) for k in range(draws + 1) if alpha(k) < entry["minimum"])
    se = math.sqrt(p * (1 - p) / 20000)
    checks.append(abs(entry["probability"] - p) <= 4 * se)
def quantile(q):
    total = 0
    for k in range(draws + 1):
        total += pmf(k)
        if total >= q:
            return k
for bound, q in (("lower", 0.975), ("upper", 0.025)):
    k = quantile(q)
    checks.append(any(abs(b[bound] - alpha(j)) < 1e-12 for j in (k - 1, k, k + 1)))
print(draws, round(d_o / d_e, 4), checks)
PY
)" "60 0.2566 [True, True, True, True, True, True]" \
    "Krippendorff (2011) four observers: alpha's bootstrap has M = 60 draws and the distribution its definition implies"

# margin compare --unit: the pooled table's kappa, at 90 %.
sample_project samples.margin
run compare samples.margin --coders A,B --unit turn --code 11 --bootstrap 500 --seed 3 --ci 90% \
    --format json --output turns.json --ratings-out turns.csv
expect_ok "compare --unit --bootstrap"
check_kappa "compare --unit: the pooled kappa's 90% interval matches an independent resampling of the ratings written" \
    turns.csv 500 3 0.9 turns.json pooled
# Code 11 has no sub-codes and is the only code asked for, so its own table is the pooled one
# that --ratings-out wrote: its bootstrap must be that one's too.
check_kappa "compare --unit: each code has its own bootstrap, here code 11's, recomputed from its table" \
    turns.csv 500 3 0.9 turns.json code=11
run compare samples.margin --coders A,B --unit turn --code 11 --bootstrap 500 --seed 3 --ci 90%
expect_contains "$out" "Pooled, bootstrap, 500 resamples from seed 3:
  alpha " "the table reports the pooled bootstrap"
expect_contains "$out" "    probability of alpha below 0.667: " "and the probability of alpha below 0.667"
run compare samples.margin --coders A,B --unit turn --code 11 --bootstrap 50 --format csv
expect_equal "$(printf '%s\n' "$out" | tr -d '\r' | python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
print(list(rows[0])[-6:], [r["alpha_lower"] == rows[-1]["alpha_lower"] != "" for r in rows], float(rows[-1]["kappa_lower"]) <= float(rows[-1]["kappa_upper"]))')" \
    "['alpha_lower', 'alpha_upper', 'alpha_below_0.8', 'alpha_below_0.667', 'kappa_lower', 'kappa_upper'] [True, True] True" \
    "CSV: the bootstrap columns, filled in each code's row and the pooled row"
# Several codes: each code's bootstrap estimates its own table's figures.
run compare samples.margin --coders A,B --unit turn --code 07.01 --bootstrap 50 --seed 2 --format json
expect_equal "$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
same = [c["bootstrap"]["alpha"]["estimate"] == c["alpha"]["value"] and
        c["bootstrap"]["cohen_kappa"]["estimate"] == c["cohen_kappa"]["value"] for c in d["codes"]]
print(len(same) > 2, all(same), len({c["bootstrap"]["alpha"]["estimate"] for c in d["codes"]}) > 1)')" \
    "True True True" "--unit --bootstrap: every code's bootstrap estimates that code's alpha and kappa"

run compare samples.margin --coders A,B --bootstrap 100
expect_status 1 "--bootstrap without --unit is a usage error"
run agreement --ratings "$data/ratings-krippendorff-nominal.csv" --seed 4
expect_status 1 "--seed without --bootstrap is a usage error"
run agreement --ratings "$data/ratings-krippendorff-nominal.csv" --bootstrap 10 --ci 100
expect_status 1 "--ci 100 is a usage error"
run agreement --ratings "$data/ratings-krippendorff-nominal.csv" --bootstrap 0
expect_status 1 "--bootstrap 0 is a usage error"

finish
