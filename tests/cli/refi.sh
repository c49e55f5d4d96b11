#!/bin/sh
# REFI-QDA exchange with real project files: the sample project exported, checked against the
# standard's schemas with xmllint, imported into a new project and exported again to the same
# files; QualCoder's qc-demo export imported; a bad archive refused without a trace.
# Needs REFI_DRIVER (tests/cli/refi_driver.c), besides MARGIN and SOURCE_ROOT.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
schemas=$SOURCE_ROOT/tests/data/refi

# driver ARGS...: runs the REFI driver like run() runs margin.
driver() {
    ${MARGIN_WRAPPER:-} "$REFI_DRIVER" "$@" >"$work/stdout" 2>"$work/stderr"
    status=$?
    out=$(cat "$work/stdout")
    err=$(cat "$work/stderr")
}

# unpack ARCHIVE DIR: extracts a zip with Python (independent of margin).
unpack() {
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$1" "$2"
}

# validates FILE SCHEMA DESCRIPTION: xmllint --schema accepts the file.
validates() {
    if ! command -v xmllint >/dev/null 2>&1; then
        count=$((count + 1))
        echo "ok $count - $3 # SKIP xmllint is not installed (Debian: libxml2-utils)"
        return
    fi
    if report=$(xmllint --noout --schema "$2" "$1" 2>&1); then
        pass "$3"
    else
        fail "$3" "$report"
    fi
}

sample_project samples.margin
driver export samples.margin one.qdpx
expect_ok "the sample project exports"
unpack one.qdpx one
validates one/project.qde "$schemas/Project.xsd" "its project.qde validates against Project.xsd"
expect_equal "$(ls one/sources | wc -l) $(grep -c '<PlainTextSelection ' one/project.qde)" \
    "6 641" "with the six sources' texts and a selection per coding"
same_file one/sources/"$(grep -o 'name="int01" plainTextPath="internal://[^"]*' one/project.qde |
    sed 's|.*internal://||')" "$SOURCE_ROOT/samples/transcripts/int01.txt" \
    "a source's text is its transcript, byte for byte"

driver codebook-export samples.margin codebook.qdc
expect_ok "the codebook exports as a .qdc"
validates codebook.qdc "$schemas/Codebook.xsd" "and validates against Codebook.xsd"

mkdir fresh
run init fresh/samples.margin
driver import fresh/samples.margin one.qdpx
expect_ok "the archive imports into a new project"
expect_equal "$out" "sources: 6 added, 0 already there
codes: 140 added, 0 updated, 0 unchanged
coders: 2 added; cases: 5 added; memos: 0 written
codings: 641 added, 0 already there" "everything in it is added"
for table in sources codes coders codings cases case_values; do
    expect_equal "$(sql fresh/samples.margin "select count(*) from $table")" \
        "$(sql samples.margin "select count(*) from $table")" "as many $table as the original"
done
expect_equal "$(sql fresh/samples.margin "select count(*) from codings where memo is not null")" \
    "64" "the 64 coding memos come back"

driver export fresh/samples.margin two.qdpx
expect_ok "the imported project exports"
unpack two.qdpx two
if diff -r one two >diff.txt; then
    pass "exported again, it gives the same project.qde and source files"
else
    fail "exported again, it gives the same project.qde and source files" "$(head -20 diff.txt)"
fi
run export samples.margin --segments one.csv
run export fresh/samples.margin --segments two.csv
same_file one.csv two.csv "every coded segment has the same text in both projects"

driver codebook-import samples.margin codebook.qdc
expect_equal "$out" "codes: 0 added, 0 updated, 140 unchanged" \
    "the .qdc imports back into its project unchanged, code for code by GUID"

run init demo.margin
driver import demo.margin "$SOURCE_ROOT/tests/data/qc-demo.qdpx"
expect_ok "QualCoder's qc-demo archive imports"
expect_equal "$(sql demo.margin "select count(*) from sources") $(sql demo.margin "select count(*) from codings") $(sql demo.margin "select name from coders")" \
    "2 205 cp" "with its two sources, 205 codings and coder cp"
driver export demo.margin demo.qdpx
unpack demo.qdpx demo
validates demo/project.qde "$schemas/Project.xsd" "and what margin exports of it validates"

printf 'PK\003\004 not really a zip' >bad.qdpx
before=$(sql fresh/samples.margin "select count(*) from journal")
driver import fresh/samples.margin bad.qdpx
expect_equal "$status $err" \
    "1 refi_driver: bad.qdpx is not a REFI-QDA project archive: it is not a zip file (Not a zip archive); a .qdpx file is a zip holding project.qde" \
    "a file that is not a zip archive is refused, naming it"
expect_equal "$(sql fresh/samples.margin "select count(*) from journal")" "$before" \
    "and the project is left as it was"

finish
