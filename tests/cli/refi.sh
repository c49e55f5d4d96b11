#!/bin/sh
# REFI-QDA exchange through the commands: the sample project exported with `margin refi export`
# and checked against the standard's schemas with xmllint, imported into a new project and
# exported again to the same files; QualCoder's qc-demo export imported; .qdc codebooks out and
# in; bad archives refused without a trace; REFI-QDA files given to the wrong import named.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
schemas=$SOURCE_ROOT/tests/data/refi
demo=$SOURCE_ROOT/tests/data/qc-demo.qdpx

# unpack ARCHIVE DIR: extracts a zip with Python (independent of margin).
unpack() {
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$1" "$2"
}

# validates FILE SCHEMA DESCRIPTION: xmllint --schema accepts the file. xmllint is a test
# dependency (Debian: libxml2-utils, in scripts/lib/packages.sh), so its absence fails.
validates() {
    if report=$(xmllint --noout --schema "$2" "$1" 2>&1); then
        pass "$3"
    else
        fail "$3" "$report"
    fi
}

# qde_count ARCHIVE ELEMENT: how many of the element (in the standard's namespace) the
# archive's project.qde holds, counted with Python's XML parser.
qde_count() {
    python3 - "$1" "$2" <<'PY'
import sys, zipfile, xml.etree.ElementTree as ET
root = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read("project.qde"))
print(len(root.findall(".//{urn:QDA-XML:project:1.0}" + sys.argv[2])))
PY
}

# segment PROJECT CODE_NAME START: the text of the coded segment at that code and start, as
# `margin export --segments` writes it, read with Python's csv module and printed exactly.
segment() {
    margin export "$1" --segments - | python3 -c '
import csv, sys
for row in csv.DictReader(sys.stdin):
    if row["code_name"] == sys.argv[1] and row["start"] == sys.argv[2]:
        sys.stdout.write("[" + row["text"] + "]")
' "$2" "$3"
}

# zip_of ARCHIVE NAME=FILE...: writes a zip holding each FILE under NAME.
zip_of() {
    python3 - "$@" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for entry in sys.argv[2:]:
        name, path = entry.split("=", 1)
        z.write(path, name)
PY
}

hash_of() {
    sha256sum "$1" | cut -d' ' -f1
}

# count PROJECT TABLE: the rows of a table, read with Python's sqlite3.
count() {
    sql "$1" "select count(*) from $2"
}

# ---- The sample project out and back ----

sample_project samples.margin
run refi export samples.margin one.qdpx
expect_ok "the sample project exports"
expect_equal "$out" "" "saying nothing"
unpack one.qdpx one
validates one/project.qde "$schemas/Project.xsd" "its project.qde validates against Project.xsd"
expect_equal "$(ls one/sources | wc -l) $(qde_count one.qdpx TextSource) $(qde_count one.qdpx PlainTextSelection)" \
    "$(count samples.margin sources) $(count samples.margin sources) $(count samples.margin codings)" \
    "with every source's text and a selection per coding"
same_file one/sources/"$(grep -o 'name="int01" plainTextPath="internal://[^"]*' one/project.qde |
    sed 's|.*internal://||')" "$SOURCE_ROOT/samples/transcripts/int01.txt" \
    "a source's text is its transcript, byte for byte"

margin refi export samples.margin - >stdout.qdpx
same_file stdout.qdpx one.qdpx "- writes the same archive to standard output"

run codebook export samples.margin --format qdc --output codebook.qdc
expect_ok "the codebook exports as a .qdc"
validates codebook.qdc "$schemas/Codebook.xsd" "and validates against Codebook.xsd"
expect_equal "$(grep -c '<Code ' codebook.qdc)" "$(count samples.margin codes)" \
    "with a Code element per code"
run codebook export samples.margin --format qdc
same_file "$work/stdout" codebook.qdc "--format qdc writes the same to standard output"

mkdir fresh
margin init fresh/samples.margin >/dev/null
run refi import fresh/samples.margin one.qdpx
expect_ok "the archive imports into a new project"
coding_memos=$(sql samples.margin "select count(*) from codings where memo is not null")
expect_equal "$out" "imported one.qdpx: $(count samples.margin coders) coders, $(count samples.margin codes) codes added and 0 matched, $(count samples.margin sources) sources, $(count samples.margin cases) cases, $(count samples.margin codings) codings, $coding_memos memos ($coding_memos on codings)" \
    "one line says what came in, and nothing was skipped"
for table in sources codes coders codings cases case_values; do
    expect_equal "$(count fresh/samples.margin $table)" "$(count samples.margin $table)" \
        "as many $table as the original"
done
expect_equal "$(sql fresh/samples.margin "select count(*) from codings where memo is not null")" \
    "$coding_memos" "the coding memos come back"

run refi export fresh/samples.margin two.qdpx
expect_ok "the imported project exports"
unpack two.qdpx two
if diff -r one two >diff.txt; then
    pass "exported again, it gives the same project.qde and source files"
else
    fail "exported again, it gives the same project.qde and source files" "$(head -20 diff.txt)"
fi
margin export samples.margin --segments one.csv
margin export fresh/samples.margin --segments two.csv
same_file one.csv two.csv "every coded segment is the same in both projects, text and all"

run refi import fresh/samples.margin one.qdpx
expect_equal "$out" "imported one.qdpx: 0 coders, 0 codes added and $(count samples.margin codes) matched, 0 sources ($(count samples.margin sources) already there), 0 cases, 0 codings ($(count samples.margin codings) already there), 0 memos" \
    "imported again, everything is already there"
expect_equal "$(count fresh/samples.margin codings)" "$(count samples.margin codings)" \
    "and no coding is added twice"

run codebook import samples.margin codebook.qdc
expect_equal "$out" "codebook: 0 added, 0 updated, $(count samples.margin codes) unchanged; the project has $(count samples.margin codes) codes" \
    "the .qdc imports back into its project unchanged, code for code by GUID"

# A .qdc with what margin does not keep: a set of codes.
guid=$(grep -o 'guid="[^"]*"' codebook.qdc | head -1 | cut -d'"' -f2)
cat >sets.qdc <<XML
<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0">
<Codes><Code guid="$guid" name="General information" isCodable="false"/></Codes>
<Sets><Set guid="f0000000-0000-4000-8000-000000000001" name="Pilot"><MemberCode guid="$guid"/></Set></Sets>
</CodeBook>
XML
run codebook import samples.margin sets.qdc
expect_equal "$out" "codebook: 0 added, 0 updated, 1 unchanged; the project has $(count samples.margin codes) codes
warning: sets of codes (Sets) are not imported" "codebook import says what a .qdc held that was skipped"

# ---- What another program exported ----

margin init demo.margin >/dev/null
run refi import demo.margin "$demo"
expect_ok "QualCoder's qc-demo archive imports"
expect_equal "$out" "imported $demo: $(qde_count "$demo" User) coder, $(qde_count "$demo" Code) codes added and 0 matched, $(qde_count "$demo" TextSource) sources, 0 cases, $(qde_count "$demo" Coding) codings, 0 memos" \
    "with every user, code, source and coding in its project.qde"
expect_equal "$(count demo.margin sources) $(count demo.margin codings) $(sql demo.margin "select name from coders")" \
    "$(qde_count "$demo" TextSource) $(qde_count "$demo" Coding) cp" \
    "which the project holds, by the coder cp"
# Each selection covers the line of board_2017.txt it is named after; these were read by hand.
expect_equal "$(segment demo.margin fun 320)" \
    "[This district goal is engage every student in joyful, purposeful learning that 
]" "a coding at 'fun' covers the text QualCoder coded"
expect_equal "$(segment demo.margin fear 43934)" \
    "[approach art with no fear. They feel confident. They feel experienced. They 
]" "so does one at 'fear', in the middle of the interview"
expect_equal "$(segment demo.margin equity 51547)" \
    "[similar equity issues [inaudible 00:54:11] access to that curriculum, which we 
]" "and one at 'equity' near its end"
run refi export demo.margin demo.qdpx
unpack demo.qdpx demo
validates demo/project.qde "$schemas/Project.xsd" "what margin exports of it validates"

# The kind of source, which REFI-QDA does not have, comes from --kind.
margin init kinds.margin >/dev/null
run refi import kinds.margin "$demo" --kind observation
expect_equal "$status $(sql kinds.margin "select distinct kind from sources")" "0 observation" \
    "--kind observation imports the sources as observations"
run refi import kinds.margin "$demo" --kind video
expect_status 1 "an unknown --kind is refused"

# Pictures, audio, PDF regions, sets and an element the standard does not have are skipped and
# listed, each once; the text source still comes in.
printf 'R: We met on Tuesdays.\n' >t.txt
cat >project.qde <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="mixed">
<Users><User guid="11111111-1111-4111-8111-111111111111" name="ann"/></Users>
<CodeBook><Codes><Code guid="c0000001-0000-4000-8000-000000000001" name="Meetings" isCodable="true"/></Codes></CodeBook>
<Sources>
<TextSource guid="50000000-0000-4000-8000-000000000001" name="int09" plainTextPath="internal://t.txt">
<PlainTextSelection guid="d0000000-0000-4000-8000-000000000001" startPosition="3" endPosition="22" creatingUser="11111111-1111-4111-8111-111111111111">
<Coding guid="e0000000-0000-4000-8000-000000000001" creatingUser="11111111-1111-4111-8111-111111111111"><CodeRef targetGUID="c0000001-0000-4000-8000-000000000001"/></Coding>
</PlainTextSelection>
</TextSource>
<PictureSource guid="50000000-0000-4000-8000-000000000002" name="site plan" path="internal://p.png"/>
<PictureSource guid="50000000-0000-4000-8000-000000000003" name="poster" path="internal://q.png"/>
<AudioSource guid="50000000-0000-4000-8000-000000000004" name="int09 audio" path="internal://a.mp3"/>
<PDFSource guid="50000000-0000-4000-8000-000000000005" name="minutes" path="internal://m.pdf">
<PDFSelection guid="d0000000-0000-4000-8000-000000000002" page="1" firstX="0" firstY="0" secondX="10" secondY="10"/>
</PDFSource>
</Sources>
<Sets><Set guid="f0000000-0000-4000-8000-000000000001" name="Pilot"/></Sets>
<Gadgets/>
</Project>
XML
zip_of mixed.qdpx project.qde=project.qde sources/t.txt=t.txt
margin init mixed.margin >/dev/null
run refi import mixed.margin mixed.qdpx
expect_ok "an archive with what margin does not keep imports"
expect_equal "$(printf '%s\n' "$out" | head -1)" \
    "imported mixed.qdpx: 1 coder, 1 code added and 0 matched, 1 source, 0 cases, 1 coding, 0 memos" \
    "its text source and coding come in"
expect_equal "$(printf '%s\n' "$out" | sed 1d | sort)" "$(sort <<'TXT'
warning: picture sources (PictureSource) are not imported: margin codes text (2 times)
warning: audio sources (AudioSource) are not imported: margin codes text
warning: selections of PDF pages (PDFSelection) and codings of whole PDFs are not imported; a PDF's text representation is imported as a text source
warning: a PDF source without a text representation was skipped
warning: sets (Sets) are not imported
warning: the element <Gadgets> in <Project> is not part of REFI-QDA 1.5 and was skipped
TXT
)" "and every kind of thing skipped is listed on a line of its own"
expect_equal "$(segment mixed.margin Meetings 3)" "[We met on Tuesdays.]" "at the right place"

# ---- Bad archives: a clear message naming the file and the place; the project unchanged ----

# refused FILE MESSAGE DESCRIPTION: `margin refi import` of FILE into fresh/samples.margin fails
# with status 1 and the message, and leaves the project file byte for byte as it was.
refused() {
    before=$(hash_of fresh/samples.margin)
    run refi import fresh/samples.margin "$1"
    expect_error 1 "$2" "$3"
    expect_equal "$(hash_of fresh/samples.margin)" "$before" "and the project is unchanged"
}

printf 'PK\003\004 not really a zip' >bad.qdpx
refused bad.qdpx \
    "bad.qdpx is not a REFI-QDA project archive: it is not a zip file (Not a zip archive); a .qdpx file is a zip holding project.qde" \
    "a file that is not a zip archive is refused, naming it"

zip_of noqde.qdpx sources/t.txt=t.txt
refused noqde.qdpx \
    "noqde.qdpx has no project.qde; it is a zip file, but not a REFI-QDA project archive" \
    "a zip without project.qde is refused"

# past_end: the selection runs one character past the end of the text.
length=$(python3 -c 'import sys; print(len(open(sys.argv[1], encoding="utf-8").read()))' t.txt)
mkdir past
sed "s/endPosition=\"22\"/endPosition=\"$((length + 1))\"/" project.qde >past/project.qde
zip_of past.qdpx project.qde=past/project.qde sources/t.txt=t.txt
refused past.qdpx \
    "past.qdpx: project.qde:7: the selection 3-$((length + 1)) ends past the end of the text of 'int09' (past.qdpx: sources/t.txt), which has $length characters" \
    "a selection past the end of its text is refused, naming the line and the text"

mkdir orphan
sed 's/<CodeRef targetGUID="c0000001-0000-4000-8000-000000000001"/<CodeRef targetGUID="c0000001-0000-4000-8000-000000000099"/' \
    project.qde >orphan/project.qde
zip_of orphan.qdpx project.qde=orphan/project.qde sources/t.txt=t.txt
refused orphan.qdpx \
    "orphan.qdpx: project.qde:8: the coding refers to the code c0000001-0000-4000-8000-000000000099, which the codebook does not have" \
    "a coding of a code the codebook lacks is refused, naming the line"

refused missing.qdpx "missing.qdpx: No such file or directory" "a missing archive is named"
refused codebook.qdc \
    "codebook.qdc is a REFI-QDA codebook (.qdc), not a project archive; \`margin codebook import\` imports it" \
    "a .qdc is named as such"

# ---- Exports that cannot be written leave nothing behind ----

before=$(hash_of fresh/samples.margin)
run refi export samples.margin fresh/samples.margin
expect_error 1 "fresh/samples.margin is a margin project; margin does not write an export over it (choose another file name)" \
    "an export never replaces a project"
expect_equal "$(hash_of fresh/samples.margin)" "$before" "which is left as it was"
run refi export samples.margin nowhere/x.qdpx
expect_error 1 "cannot write nowhere/x.qdpx: No such file or directory" \
    "an export into a folder that does not exist is refused, naming the file"

# ---- REFI-QDA files given to the other imports ----

before=$(hash_of fresh/samples.margin)
run import fresh/samples.margin one.qdpx
expect_error 1 "one.qdpx is a REFI-QDA project archive (.qdpx), not a text transcript; \`margin refi import\` imports it" \
    "margin import names a .qdpx and the command that imports it"
run import fresh/samples.margin codebook.qdc
expect_error 1 "codebook.qdc is a REFI-QDA codebook (.qdc), not a text transcript; \`margin codebook import\` imports it" \
    "and a .qdc"
run import fresh/samples.margin one/project.qde
expect_error 1 "one/project.qde is the project.qde of a REFI-QDA project archive, not a text transcript; \`margin refi import\` imports the .qdpx archive it comes from" \
    "and a project.qde"
python3 -c 'import zipfile; zipfile.ZipFile("notes.docx", "w").writestr("word/document.xml", "<w:document/>")'
run import fresh/samples.margin notes.docx
expect_error 1 "notes.docx is a zip archive (a Word, Excel or OpenDocument file, say), not a text transcript; save it as plain text (UTF-8) and import that" \
    "and another zip, a Word file say, as a zip"
run codebook import fresh/samples.margin one.qdpx
expect_error 1 "one.qdpx is a REFI-QDA project archive (.qdpx), not a codebook; \`margin refi import\` imports it, codebook and all" \
    "margin codebook import names a .qdpx and the command that imports it"
expect_equal "$(hash_of fresh/samples.margin)" "$before" "none of them changes the project"

finish
