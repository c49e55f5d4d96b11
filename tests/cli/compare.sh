#!/bin/sh
# Comparing coders: every figure of the sample project recomputed independently (compare_check.py,
# character sets in Python), the three output formats, filters, three coders and segment mode.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
check="$SOURCE_ROOT/tests/cli/compare_check.py"
sample_project samples.margin
margin export samples.margin --segments segments.csv
margin list samples.margin sources >sources.txt
margin list samples.margin codes >codes.txt

# check_compare DESCRIPTION ARGS...: runs compare_check.py and expects no mismatch.
check_compare() {
    description=$1
    shift
    if report=$(python3 "$check" segments.csv sources.txt "$@" 2>&1); then
        pass "$description"
    else
        fail "$description" "$report"
    fi
}

run compare samples.margin --coders A,B --format json --output all.json
expect_ok "compare writes JSON"
check_compare "every code's pooled and per-source table, kappa, percent, positive agreement, Jaccard and the overall figures match an independent computation" \
    A,B --codes codes.txt --json all.json
expect_equal "$(python3 "$check" segments.csv sources.txt A,B --codes codes.txt --json all.json | cut -d' ' -f1-4)" \
    "codes $(($(wc -l <codes.txt) - 1)) sources 6" "a row for every code of the codebook, used or not, with a cell for every source"
run compare samples.margin --coders A,B --skip-empty --format json --output used.json
check_compare "--skip-empty leaves out the cells where no coder used the code" \
    A,B --skip-empty --json used.json
expect_equal "$(python3 "$check" segments.csv sources.txt A,B --skip-empty --json used.json | cut -d' ' -f1-4)" \
    "codes 122 sources 6" "--skip-empty: a row for each of the 122 codes used by a coder or beneath it"
expect_equal "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["unit"], d["n"], d["overall"]["codes"], d["overall"]["length"])' all.json)" \
    "characters 68787 93 6397191" "JSON states the unit and n; overall pools the 93 codes coded directly"

run compare samples.margin --coders A,B
expect_ok "compare prints a table"
printf '%s\n' "$out" >table.txt
check_compare "the table's counts and figures match the independent computation and fit 80 columns" \
    A,B --codes codes.txt --table table.txt
expect_equal "$(printf '%s\n' "$out" | head -n 4)" "unit: characters; n = 68787 characters in 6 sources
coders: A, B
sources: int01, int02, int03, int04, int05, obs01
left out: none" "the table starts with the unit, n, the coders and the sources"
expect_contains "$out" "07.01.02    Management and governa…" "long names are shortened"

run compare samples.margin --coders A,B --format csv --output all.csv
expect_ok "compare writes CSV"
check_compare "every CSV row (per source, pooled, overall) matches the independent computation" \
    A,B --codes codes.txt --csv all.csv
run compare samples.margin --coders A,B --skip-empty --format csv --output used.csv
check_compare "--skip-empty CSV has only the cells some coder used" A,B --skip-empty --csv used.csv
expect_equal "$(head -n 1 all.csv | tr -d '\r')" \
    "code,name,source,length,a,b,c,d,percent_agreement,kappa,kappa_reason,positive_agreement,positive_agreement_reason,jaccard,jaccard_reason,coder_1,coder_2,kappa_source_mean,kappa_source_mean_weighted,kappa_source_mean_n" \
    "the CSV header"
expect_equal "$(grep -c '^(overall),,(pooled),6397191,' all.csv)" "1" "the CSV ends with one overall row"

run compare samples.margin --coders A,Z
expect_error 1 "there is no coder named 'Z'" "an unknown coder is named"
run compare samples.margin --coders A
expect_error 1 "name at least two coders to compare" "one coder is not a comparison"
run compare samples.margin --coders A,B,A
expect_error 1 "the coder 'A' is named twice" "a coder named twice is refused"
run compare samples.margin --coders A,
expect_status 1 "an empty coder name is a usage error"
run compare samples.margin --coders "$(seq -s, 1 65)"
expect_contains "$err" "margin compare: --coders names more than 64 coders" "more than 64 coders is a usage error"
run compare samples.margin --coders A,B --source int99
expect_error 1 "there is no source named 'int99'" "an unknown source is named"
run compare samples.margin --coders A,B --code 99.99
expect_error 1 "no code is numbered 99.99" "an unknown code is named"
run compare samples.margin --coders A,B --mode words
expect_status 1 "an unknown mode is a usage error"
run compare samples.margin --coders A,B --format xml
expect_status 1 "an unknown format is a usage error"
run compare samples.margin --coders A,B --mode segments --threshold 101
expect_status 1 "a threshold above 100 is a usage error"
run compare samples.margin --coders A,B --threshold 50
expect_status 1 "a threshold without segment mode is a usage error"

run compare samples.margin --coders A,B --code 01.01.02 --code 07.01 --format json --output filtered.json
expect_ok "compare takes codes"
check_compare "a code filter keeps the codes and their sub-codes, and a named code nobody used" \
    A,B --codes codes.txt --json filtered.json --code 01.01.02 --code 07.01
expect_equal "$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["codes"][0]; print(c["code"], c["used"], c["pooled"]["kappa"], c["pooled"]["kappa_reason"], [(s["source"], s["a"], s["b"], s["c"], s["d"], s["percent_agreement"], s["kappa"], s["kappa_reason"]) for s in c["sources"]][::5])' filtered.json)" \
    "01.01.02 False None neither coder used the code [('int01', 0, 0, 0, 17536, 1, None, 'neither coder used the code'), ('obs01', 0, 0, 0, 4376, 1, None, 'neither coder used the code')]" \
    "a code nobody used has a cell in every source: d = L, agreement 1, kappa null with the reason"
run compare samples.margin --coders A,B --code 01.01.02 --code 07.01 --skip-empty --format json --output filtered.json
expect_equal "$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["codes"][0]; print(c["code"], c["sources"])' filtered.json)" \
    "01.01.02 []" "--skip-empty keeps a named code's row but none of its empty cells"
run compare samples.margin --coders A,B --code 01.01.02
expect_contains "$out" "01.01.02    Super partnerships            0      0      0 100.0%    n/a    n/a" \
    "the table shows n/a for it"
expect_contains "$out" "n/a: neither coder used the code" "and gives the reason once below"

run compare samples.margin --coders A,B --source obs01 --source int02 --format json --output two.json
check_compare "a source filter compares only those sources; the overall pools the project's codes coded directly" \
    A,B --codes codes.txt --json two.json --source obs01 --source int02
run compare samples.margin --coders A,B --source obs01 --source int02
expect_contains "$out" "sources: int02, obs01
left out (not asked for): int01, int03, int04, int05" "the table says which sources were left out and why"

run compare samples.margin --coders A,B --sort kappa --format json --output sorted.json
expect_equal "$(python3 -c '
import json, sys
k = [c["pooled"]["kappa"] for c in json.load(open(sys.argv[1]))["codes"]]
defined = [x for x in k if x is not None]
print(defined == sorted(defined) and k[len(defined):] == [None] * (len(k) - len(defined)), len(k))' sorted.json)" \
    "True $(($(wc -l <codes.txt) - 1))" "--sort kappa puts the lowest kappa first"
run compare samples.margin --coders A,B --sort disagreement --format json --output sorted.json
expect_equal "$(python3 -c '
import json, sys
v = [c["pooled"]["b"] + c["pooled"]["c"] for c in json.load(open(sys.argv[1]))["codes"]]
print(v == sorted(v, reverse=True), v[0] > v[-1])' sorted.json)" \
    "True True" "--sort disagreement puts the most characters coded by one coder only first"

# A third coder, in two sources.
cp samples.margin three.margin
margin code three.margin --coder C --source int01 --code 07.01.02 --start 100 --end 900 >/dev/null
margin code three.margin --coder C --source int01 --code 07.01.02 --start 850 --end 1200 >/dev/null
margin code three.margin --coder C --source int02 --code 11 --start 0 --end 500 >/dev/null
margin export three.margin --segments segments.csv
margin list three.margin sources >sources.txt
margin list three.margin codes >codes.txt
run compare three.margin --coders A,B,C --code 07.01 --code 11 --format json --output three.json
expect_ok "three coders compare"
check_compare "three coders: each coder's characters, every pair's table and Krippendorff's alpha match" \
    A,B,C --codes codes.txt --json three.json --code 07.01 --code 11
run compare three.margin --coders A,B,C --code 07.01 --code 11
expect_contains "$out" "left out (C coded nothing in it): int03, int04, int05, obs01" \
    "sources the third coder did not code are left out, with the reason"
expect_contains "$out" "code        name                          A      B      C  alpha" \
    "the table gives each coder's characters and alpha"
run compare three.margin --coders B,C --source int03
expect_error 1 "nothing to compare: no source asked for has codings by each of B and C" \
    "nothing to compare is an error"
run compare three.margin --coders A,B,C --mode segments
expect_error 1 "segment agreement compares exactly two coders, not 3" "segments compare two coders"
margin export samples.margin --segments segments.csv
margin list samples.margin sources >sources.txt
margin list samples.margin codes >codes.txt
run compare samples.margin --coders A,B --code 07.01 --alpha --format json --output alpha.json
check_compare "--alpha adds Krippendorff's alpha for two coders" A,B --codes codes.txt --json alpha.json --code 07.01

# Segments, worked by hand. s1 is 100 characters, s2 20.
margin init seg.margin >/dev/null
margin codebook import seg.margin "$SOURCE_ROOT/codebooks/pcn-2020.yaml" >/dev/null
printf '%0100d' 0 >s1.txt
printf '%020d' 0 >s2.txt
margin import seg.margin s1.txt s2.txt >/dev/null
cat >seg.csv <<'CSV'
coder,source,code,start,end
A,s1,09,0,10
B,s1,09,0,10
A,s1,10.01,10,20
B,s1,10.01,30,40
A,s1,11,0,30
A,s1,11,25,50
B,s1,11,5,50
A,s1,11,60,80
B,s1,11,65,80
A,s2,09,0,10
B,s2,11,0,10
CSV
margin codings import seg.margin seg.csv >/dev/null

# Characters, by hand. Code 11 in s1: A covers [0,50) and [60,80) (its overlapping spans count
# once), B [5,50) and [65,80): a = 60, b = 10, c = 0, d = 30; in s2 B alone covers 10 of 20:
# c = 10, d = 10. Pooled a = 60, b = 10, c = 10, d = 40: kappa 2(ad - bc) / ((a+b)(b+d) +
# (a+c)(c+d)) = 4600/7000. The heading 10 covers 10.01: A [10,20), B [30,40) in s1 give
# a = 0, b = c = 10, d = 100 over both sources: kappa -200/2200.
run compare seg.margin --coders A,B --skip-empty --format json
expect_equal "$(printf '%s' "$out" | python3 -c '
import json, sys
c = {x["code"]: x["pooled"] for x in json.load(sys.stdin)["codes"]}
for code, kappa in (("11", 4600 / 7000), ("10", -200 / 2200)):
    p = c[code]
    print(code, p["length"], p["a"], p["b"], p["c"], p["d"], abs(p["kappa"] - kappa) < 1e-12)
print(sorted(c))')" "11 120 60 10 10 40 True
10 120 0 10 10 100 True
['09', '10', '10.01', '11']" "characters by hand: overlaps count once, a heading covers its sub-codes"
# Every cell, by hand: 09 is A's [0,10) and B's [0,10) in s1 (a = 10, d = 90) and A's [0,10) in
# s2 (b = 10, d = 10); 01.01.02 nobody used: d = L in both sources, agreement 1, kappa undefined.
run compare seg.margin --coders A,B --code 09 --code 01.01.02 --format json
expect_equal "$(printf '%s' "$out" | python3 -c '
import json, sys
for c in json.load(sys.stdin)["codes"]:
    print(c["code"], c["used"], [(s["source"], s["length"], s["a"], s["b"], s["c"], s["d"], s["percent_agreement"], s["kappa"], s.get("kappa_reason")) for s in c["sources"]])')" \
    "01.01.02 False [('s1', 100, 0, 0, 0, 100, 1, None, 'neither coder used the code'), ('s2', 20, 0, 0, 0, 20, 1, None, 'neither coder used the code')]
09 True [('s1', 100, 10, 0, 0, 90, 1, 1, None), ('s2', 20, 0, 10, 0, 10, 0.5, 0, None)]" \
    "every cell: a source where nobody used the code has d = L, agreement 1 and kappa null with its reason"
run compare seg.margin --coders A,B --code 01.01.02 --format csv
expect_equal "$(printf '%s\n' "$out" | tr -d '\r' | sed -n '2,3p')" \
    "01.01.02,Super partnerships,s1,100,0,0,0,100,1,,neither coder used the code,,neither coder used the code,,neither coder used the code,A,B,,,
01.01.02,Super partnerships,s2,20,0,0,0,20,1,,neither coder used the code,,neither coder used the code,,neither coder used the code,A,B,,," \
    "every cell in CSV: the reason stands in each undefined figure's reason column"
# NVivo's convention and the means over sources, by hand: 09 has kappa 1 in s1 (100 characters)
# and 0 in s2 (20): the mean is 0.5, weighted by length (100 + 0) / 120; pooled, a = 10, b = 10,
# d = 100 give p_o = 110/120, p_e = (20 x 10 + 100 x 110) / 120^2 and kappa 0.625. Where nobody
# used 01.01.02, NVivo shows 1; the mean has no source to average.
run compare seg.margin --coders A,B --code 09 --code 01.01.02 --nvivo-kappa --format json
expect_equal "$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print("kappa_nvivo" in d["conventions"], "kappa_source_means" in d["conventions"])
for c in d["codes"]:
    p, m = c["pooled"], c["kappa_source_means"][0]
    print(c["code"], p["kappa"], p["kappa_nvivo"], [s["kappa_nvivo"] for s in c["sources"]],
          round(p["kappa_p_o"] * 120, 9), round(p["kappa_p_e"] * 120 * 120, 9),
          m["unweighted"]["value"], m["unweighted"]["n"], m["unweighted"]["unit"],
          m["weighted_by_length"]["value"] and round(m["weighted_by_length"]["value"] * 120, 9),
          m["unweighted"].get("reason"))')" \
    "True True
01.01.02 None 1 [1, 1] 120 14400 None 0 sources None the figure is undefined wherever it would be averaged
09 0.625 0.625 [1, 0] 110.0 11200.0 0.5 2 sources 100.0 None" \
    "--nvivo-kappa adds NVivo's 1 where kappa is undefined; the means over sources are labelled and leave out undefined kappas"
run compare seg.margin --coders A,B --code 09 --format json
expect_equal "$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print("kappa_nvivo" in d["conventions"], "kappa_nvivo" in d["codes"][0]["pooled"])')" \
    "False False" "NVivo's kappa only on request"
run compare seg.margin --coders A,B --code 09 --code 01.01.02 --nvivo-kappa
expect_contains "$out" "01.01.02    Super partnersh…       0      0      0 100.0%    n/a    n/a  1.000" \
    "the table's NVivo column shows 1 where kappa is n/a"
expect_contains "$out" "NVivo is NVivo's convention: Cohen's kappa, but 1 where kappa is undefined" \
    "the table says what the NVivo column is"
run compare seg.margin --coders A,B --code 09 --code 01.01.02 --nvivo-kappa --format csv
expect_equal "$(printf '%s\n' "$out" | tr -d '\r' | sed -n '1p;4p;7p')" \
    "code,name,source,length,a,b,c,d,percent_agreement,kappa,kappa_reason,positive_agreement,positive_agreement_reason,jaccard,jaccard_reason,coder_1,coder_2,kappa_nvivo,kappa_source_mean,kappa_source_mean_weighted,kappa_source_mean_n
01.01.02,Super partnerships,(pooled),120,0,0,0,120,1,,neither coder used the code,,neither coder used the code,,neither coder used the code,A,B,1,,,0
09,Other topics,(pooled),120,10,10,0,100,0.91666666666666663,0.625,,0.66666666666666663,,0.5,,A,B,0.625,0.5,0.83333333333333337,2" \
    "CSV: NVivo's kappa on request, and the means over sources in each code's pooled row"
run compare seg.margin --coders A,B --mode segments --nvivo-kappa
expect_contains "$err" "margin compare: --nvivo-kappa applies to characters only" \
    "NVivo's kappa is over characters"
# --source s2: the overall pools 09, 10.01 and 11, the codes coded directly in the project, as
# 10.01 counts in the whole project's overall although nobody used it in s2. Their own tables in
# s2: 09 (0, 10, 0, 10), 10.01 (0, 0, 0, 20), 11 (0, 0, 10, 10): a = 0, b = 10, c = 10, d = 40,
# kappa 2(ad - bc) / ((a+b)(b+d) + (a+c)(c+d)) = -200/1000.
run compare seg.margin --coders A,B --source s2 --format json
expect_equal "$(printf '%s' "$out" | python3 -c 'import json,sys; o=json.load(sys.stdin)["overall"]; print(o["codes"], o["length"], o["a"], o["b"], o["c"], o["d"], round(o["kappa"], 12), round(o["percent_agreement"], 12))')" \
    "3 60 0 10 10 40 -0.2 0.666666666667" "--source: the overall row pools every code the project's overall pools"
run compare seg.margin --coders A,B --source s2
expect_contains "$out" "overall     3 codes" "the table's overall row counts the three codes"
# segments: compare_segments THRESHOLD prints agreed/total, percent and kappa overall.
segments() {
    margin compare seg.margin --coders A,B --mode segments --threshold "$1" --format json |
        python3 -c 'import json,sys; o=json.load(sys.stdin)["overall"]; print(o["a_matched"] + o["b_matched"], o["n"], round(o["percent"], 12), round(o["kappa"], 12))'
}
# A's 11 spans [0,30) and [25,50) overlap, so they are one segment [0,50). At 11, [0,50) and
# [5,50) share 45 of 50 characters (90 %), [60,80) and [65,80) 15 of 20 (75 %). 09 in s1
# matches; 10.01 does not overlap; in s2 each coder has a segment the other lacks.
# Segments: A 5, B 5. Brennan-Prediger with q = 3 codes: (p - 1/3) / (2/3).
expect_equal "$(segments 90)" "4 10 0.4 0.1" "threshold 90: 09 and 11's first pair match (90 % is inclusive)"
expect_equal "$(segments 91)" "2 10 0.2 -0.2" "threshold 91: only 09 matches"
expect_equal "$(segments 50)" "6 10 0.6 0.4" "threshold 50: 11's second pair matches too"
run compare seg.margin --coders A,B --mode segments --format json
expect_equal "$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); p=d["presence"]; f=d["frequency"]; print(d["unit"], d["categories"], p["a"], p["b"], p["c"], p["d"], p["percent"]["value"], p["kappa"]["value"], f["agreed"], f["n"])')" \
    "segments 3 3 1 1 1 0.6 0.25 3 5" \
    "code presence (both 3, only A 1, only B 1, neither 1) and frequency (3 of 5 equal) by hand"
expect_equal "$(printf '%s' "$out" | python3 -c 'import json,sys; c={x["code"]: x["pooled"] for x in json.load(sys.stdin)["codes"]}; s=c["11"]; print(s["a_segments"], s["b_segments"], s["a_matched"], s["b_matched"])')" \
    "2 3 1 1" "code 11: A's overlapping spans are one segment"
run compare seg.margin --coders A,B --mode segments
expect_contains "$out" "11          Quotes                       2     3       1       1  40.0%  0.100" \
    "the segment table shows a code's segments, matches, agreement and kappa"
expect_contains "$out" "kappa: Brennan and Prediger's, q = 3 codes." "and says what q is"
# q counts the codes used: 01.01.02, named but used by nobody, is not a category. 09: A 2
# segments, B 1, one pair matched; 11: A 2, B 3, at 90 % one pair matched, at 50 % two. Over 8
# segments, 4 (or 6) agreed: kappa (0.5 - 1/2) / (1/2) = 0 and (0.75 - 1/2) / (1/2) = 0.5.
run compare seg.margin --coders A,B --mode segments --code 09 --code 11 --code 01.01.02 --format json
expect_equal "$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); o=d["overall"]; print(d["categories"], d["category_codes"], [c["code"] for c in d["codes"]], o["n"], o["percent"], o["kappa"])')" \
    "2 ['09', '11'] ['01.01.02', '09', '11'] 8 0.5 0" "segments: a named code nobody used has a row but does not count in q"
run compare seg.margin --coders A,B --mode segments --threshold 50 --code 09 --code 11 --code 01.01.02
expect_contains "$out" "kappa: Brennan and Prediger's, q = 2 codes.
q counts the codes some coder used: 09, 11" "the table says which codes count in q"
expect_contains "$out" "overall     all codes                    4     4       3       3  75.0%  0.500" \
    "at 50 %, 6 of 8 segments agree: kappa 0.5 with q = 2"
run compare seg.margin --coders A,B --mode segments --format csv
expect_equal "$(printf '%s\n' "$out" | tr -d '\r' | sed -n '1p;$p')" \
    "code,name,source,a_segments,b_segments,a_matched,b_matched,percent,percent_reason,kappa,kappa_reason
(overall),,(pooled),5,5,2,2,0.40000000000000002,,0.10000000000000001," \
    "segment CSV has a header and an overall row"

# Zero is never -0: three sources of 20 characters where code 09's kappa is 3/10 (A [0,3),
# B [0,10)), -1/10 (A [0,1), B [1,11)) and -1/5 (A [0,2), B [2,12)). In doubles
# 0.3 - 0.1 - 0.2 is -2.8e-17, but the mean of the three is exactly 0; pooled, a = 3, b = 3,
# c = 27, d = 27 give kappa 2(ad - bc) / ... = 0 as well.
margin init zero.margin >/dev/null
margin codebook import zero.margin "$SOURCE_ROOT/codebooks/pcn-2020.yaml" >/dev/null
for s in z1 z2 z3; do printf '%020d' 0 >$s.txt; done
margin import zero.margin z1.txt z2.txt z3.txt >/dev/null
cat >zero.csv <<'CSV'
coder,source,code,start,end
A,z1,09,0,3
B,z1,09,0,10
A,z2,09,0,1
B,z2,09,1,11
A,z3,09,0,2
B,z3,09,2,12
CSV
margin codings import zero.margin zero.csv >/dev/null
run compare zero.margin --coders A,B --code 09 --format csv
expect_equal "$(printf '%s\n' "$out" | tr -d '\r' | grep '^09,Other topics,(pooled)' | cut -d, -f4-10,18-)" \
    "60,3,3,27,27,0.5,0,0,0,3" "CSV: a kappa of 0 and a mean of kappas that cancel are 0, not -0 or -2.8e-17"
run compare zero.margin --coders A,B --code 09 --format json
expect_equal "$(printf '%s' "$out" | python3 -c '
import json, math, sys
c = json.load(sys.stdin)["codes"][0]
m = c["kappa_source_means"][0]
print([s["kappa"] for s in c["sources"]], [math.copysign(1, v) for v in
      (c["pooled"]["kappa"], m["unweighted"]["value"], m["weighted_by_length"]["value"])])')" \
    "[0.3, -0.1, -0.2] [1.0, 1.0, 1.0]" "JSON: zero is +0"
run compare zero.margin --coders A,B --code 09
expect_contains "$out" "09          Other topics                  6     30      3  50.0%  0.000" "the table shows 0.000"
case "$out" in
*-0.000*) fail "the table never shows -0.000" "$out" ;;
*) pass "the table never shows -0.000" ;;
esac

finish
