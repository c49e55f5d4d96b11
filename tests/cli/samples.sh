#!/bin/sh
# The sample project that ./scripts/demo opens.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1

run info missing.margin >/dev/null
sample_project samples.margin
run info samples.margin
expect_ok "the sample project builds from samples/"
expect_contains "$out" "sources  6 (5 interviews, 1 observation)" "it has six sources"
expect_contains "$out" "codes    140 (29 headings)" "the PCN codebook's 140 codes"
expect_contains "$out" "coders   2 (A, B)" "and two coders"
expect_equal "$(sql samples.margin "select count(*) from codings")" \
    "$(($(wc -l <"$SOURCE_ROOT/samples/codings.csv") - 1))" "every sample coding is in"
expect_equal "$(sql samples.margin "select count(distinct source_id) from codings where coder_id = (select id from coders where name = 'A')") $(sql samples.margin "select count(distinct source_id) from codings where coder_id = (select id from coders where name = 'B')")" \
    "6 6" "both coders coded every source"
expect_equal "$(sql samples.margin "select count(*) from turns") $(sql samples.margin "select count(distinct speaker) from turns")" \
    "193 8" "speaker turns are found in every interview"

run export samples.margin --segments segments.csv
expect_ok "the sample segments export"
python3 - segments.csv "$SOURCE_ROOT/samples/transcripts" >check.txt <<'PY'
import csv, os, sys
texts = {}
for name in os.listdir(sys.argv[2]):
    with open(os.path.join(sys.argv[2], name), encoding="utf-8") as f:
        texts[name.rsplit(".", 1)[0]] = f.read()
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
wrong = sum(texts[r["source"]][int(r["start"]):int(r["end"])] != r["text"] for r in rows)
non_ascii = sum(any(ord(c) > 127 for c in r["text"]) for r in rows)
print(len(rows), wrong, non_ascii > 0)
PY
expect_equal "$(cat check.txt)" "641 0 True" \
    "every exported segment is exactly its text, non-ASCII segments included"

finish
