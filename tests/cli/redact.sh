#!/bin/sh
# redact and check --identifiers: names replaced across the sample project, codings on the same
# words, and no original left anywhere in the project file's bytes, its journal or its exports.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
sample_project s.margin
printf 'original,replacement\nDr Okafor,[GP 1]\nOkafor,[GP 1]\nFernhill,[Town 1]\nLowmoor,[Village 1]\nSite A,[Site 1]\n' >map.csv

# Originals reach the journal's undo history: a source update, and a coding memo.
python3 - "$SOURCE_ROOT/samples/transcripts/int02.txt" <<'PY' >int02.txt
import sys
sys.stdout.write(open(sys.argv[1], encoding="utf-8").read().replace("practices", "practices near Fernhill", 1))
PY
margin source update s.margin int02 int02.txt --coder A >/dev/null
margin code s.margin --coder A --source int02 --code 10.01 --start 0 --end 5 --memo "ask Okafor" >/dev/null
margin export s.margin --segments before.csv >/dev/null

run check s.margin --identifiers map.csv
expect_status 1 "check finds the identifiers before redaction"
expect_contains "$out" "'Okafor' in the memo of coding" "in a coding memo"
expect_contains "$out" "'Fernhill' in the redo of journal entry" "in the journal's undo history, decoded"
expect_contains "$out" "'Site A' in a case attribute value" "in case attributes"
expect_contains "$out" "'Lowmoor' in the bytes of s.margin" "and in the file's bytes"

expect_equal "$(grep -c -a -w Lowmoor s.margin | sed 's/^[1-9][0-9]*$/some/')" "some" \
    "the raw bytes hold the originals before"
cp s.margin dry.before
run redact s.margin --map map.csv --dry-run
expect_ok "a dry run succeeds"
expect_contains "$out" "int01: 16 replacements; codings:" "and says what it would replace"
same_file s.margin dry.before "and changes nothing"

run redact s.margin --map map.csv --keep-map kept.csv --coder lead
expect_ok "redact succeeds"
expect_contains "$out" "the undo history before this was dropped" "and says the undo history is gone"
expect_equal "$(cat kept.csv | tr -d '\r')" "original,replacement,replaced
Dr Okafor,[GP 1],16
Okafor,[GP 1],1
Fernhill,[Town 1],14
Lowmoor,[Village 1],5
Site A,[Site 1],6" "--keep-map writes the map with its counts outside the project"

run check s.margin --identifiers map.csv
expect_ok "check finds none of the originals afterwards"
expect_equal "$out" "s.margin: none of the identifiers listed in map.csv was found" "and says so"
for name in Okafor Fernhill Lowmoor "Site A"; do
    expect_equal "$(grep -c -a -w "$name" s.margin)" "0" "the raw bytes of the project file hold no '$name'"
done
expect_equal "$(ls s.margin-journal s.margin-wal 2>/dev/null)" "" "and no journal or WAL file is left beside it"
expect_equal "$(sql s.margin "select count(*) from journal where undo is not null or redo is not null or state <> 'final'")" "0" \
    "nothing in the journal can be undone or redone"
expect_equal "$(sql s.margin "select operation from journal order by id desc limit 1")" "project.redact" \
    "and the redaction is journaled"
run check s.margin
expect_ok "the redacted project checks clean"

margin export s.margin --segments after.csv >/dev/null
margin codebook export s.margin --output codebook.yaml >/dev/null
margin list s.margin cases >cases.txt
for name in Okafor Fernhill Lowmoor "Site A"; do
    expect_equal "$(cat after.csv codebook.yaml cases.txt | grep -c -w "$name")" "0" "no export holds '$name'"
done
expect_equal "$(python3 - <<'PY'
import csv
pairs = [("Dr Okafor", "[GP 1]"), ("Okafor", "[GP 1]"), ("Fernhill", "[Town 1]"), ("Lowmoor", "[Village 1]"), ("Site A", "[Site 1]")]
def redacted(s):
    import re
    for a, b in pairs:
        s = re.sub(r"(?<!\w)" + re.escape(a) + r"(?!\w)", b, s)
    return s
before = [r for r in csv.DictReader(open("before.csv", encoding="utf-8"))]
after = [r for r in csv.DictReader(open("after.csv", encoding="utf-8"))]
same = len(before) == len(after) and all(
    redacted(b["text"]) == a["text"] and redacted(b["memo"]) == a["memo"] and b["code"] == a["code"]
    for b, a in zip(before, after))
print("same" if same else "differ")
PY
)" "same" "every coding covers the same words, names replaced"

# Maps that would leave originals behind, or are not maps.
printf 'original,replacement\nAnn,[P1]\nLee,Ann Lee\n' >leaky.csv
run redact s.margin --map leaky.csv
expect_error 1 "leaky.csv: the replacement 'Ann Lee' of 'Lee' holds an original the map replaces; choose placeholders that name no one" \
    "a replacement that holds an original is refused"
printf 'original,replacement\nAnn,[P1]\nAnn,[P2]\n' >twice.csv
run redact s.margin --map twice.csv
expect_error 1 "twice.csv:3: 'Ann' is listed twice" "a repeated original is refused"
printf 'name,placeholder\nAnn,[P1]\n' >header.csv
run redact s.margin --map header.csv
expect_error 1 "header.csv:1: the header must name the columns original and replacement" \
    "a map without the columns is refused"

# Case: exact by default, any case with --ignore-case.
margin init c.margin >/dev/null
printf 'I: Did BEN come?\nR: Ben did, and ben too.\n' >c1.txt
margin import c.margin c1.txt >/dev/null
printf 'original,replacement\nBen,[P3]\n' >ben.csv
margin redact c.margin --map ben.csv >/dev/null
expect_equal "$(sql c.margin "select text from source_texts")" "I: Did BEN come?
R: [P3] did, and ben too." "by default only the same case is replaced"
margin redact c.margin --map ben.csv --ignore-case >/dev/null
expect_equal "$(sql c.margin "select text from source_texts")" "I: Did [P3] come?
R: [P3] did, and [P3] too." "--ignore-case replaces every case"
printf 'ben\n' >ids.txt
run check c.margin --identifiers ids.txt
expect_ok "check reads one identifier a line"

finish
