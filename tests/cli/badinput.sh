#!/bin/sh
# The bad input catalogue: files that are binary, empty, not UTF-8, hold NUL bytes or are too
# big; malformed codebooks, codings and cases; a full disk (a file size limit, and a small
# tmpfs when one can be mounted); paths with spaces and non-ASCII characters for every command
# that takes a path. Each gives its exact message, and the project is left byte for byte as it
# was (or, for the paths, is changed as asked). doc/reliability.md lists the rows.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
margin init p.margin >/dev/null
margin codebook import p.margin "$SOURCE_ROOT/codebooks/pcn-2020.yaml" >/dev/null
printf 'Interviewer: one two\nRespondent: three four\nInterviewer: five\nRespondent: six\n' >int01.txt
margin import p.margin int01.txt >/dev/null
margin code p.margin --coder A --source int01 --code 7.1.2 --start 0 --end 5 >/dev/null
cp p.margin before.margin

# unchanged DESCRIPTION: p.margin is byte for byte as before, with no journal beside it.
unchanged() {
    if cmp -s p.margin before.margin && [ ! -e p.margin-journal ]; then
        pass "$1"
    else
        fail "$1" "$(ls -l p.margin*)"
    fi
}

# A PNG image, given to every command that reads a file.
python3 - <<'PY'
import struct, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
with open("picture.png", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))
PY
run import p.margin picture.png
expect_error 1 "picture.png:3:1: contains a NUL byte; this looks like a binary file, not a text transcript" \
    "a PNG is not a transcript"
run codebook import p.margin picture.png
expect_error 1 "picture.png:1:1: not valid UTF-8 text; save the file as UTF-8" "nor a codebook"
run codings import p.margin picture.png
expect_error 1 "picture.png:1:1: not valid UTF-8 text; save the file as UTF-8" "nor a codings file"
run cases import p.margin picture.png
expect_error 1 "picture.png:1:1: not valid UTF-8 text; save the file as UTF-8" "nor a cases file"
run agreement --ratings picture.png
expect_error 1 "picture.png:1:1: not valid UTF-8 text; save the file as UTF-8" "nor a ratings file"
run merge p.margin picture.png
expect_error 1 "picture.png is not a margin project (it is not an SQLite database)" "nor a project to merge"
run info picture.png
expect_error 1 "picture.png is not a margin project (it is not an SQLite database)" "nor a project"
unchanged "a binary file changes nothing"

# Empty files.
: >empty.yaml
: >empty.csv
: >empty.margin
run codebook import p.margin empty.yaml
expect_error 1 "empty.yaml: the file holds no codebook" "an empty codebook is refused"
run codings import p.margin empty.csv
expect_error 1 "empty.csv is empty; expected the header coder,source,code,start,end,memo" \
    "an empty codings file is refused"
run cases import p.margin empty.csv
expect_error 1 "empty.csv is empty; expected a header row such as case,site,staff_group" \
    "an empty cases file is refused"
run info empty.margin
expect_error 1 "empty.margin is empty; it is not a margin project" "an empty project file is refused"
mkdir folder.margin
run info folder.margin
expect_error 1 "folder.margin is not a file" "a folder is not a project"
run import p.margin folder.margin
expect_error 1 "folder.margin is not a regular file (a folder)" "nor a transcript"

# A FIFO that no program writes to: every reader of an input file refuses it at once rather
# than waiting for a writer for ever. Each runs under timeout, so that a reader that waits
# fails its check (status 124) instead of hanging the test.
# bounded ARGS...: as run, giving up after 20 seconds.
bounded() {
    timeout 20 ${MARGIN_WRAPPER:-} "$MARGIN" "$@" >"$work/stdout" 2>"$work/stderr" </dev/null
    status=$?
    out=$(cat "$work/stdout")
    err=$(cat "$work/stderr")
}
mkfifo fifo.txt
fifo="fifo.txt is not a regular file (a FIFO)"
bounded import p.margin fifo.txt
expect_error 1 "$fifo" "a FIFO without a writer is not a transcript"
bounded codebook import p.margin fifo.txt
expect_error 1 "$fifo" "nor a codebook"
bounded cases import p.margin fifo.txt
expect_error 1 "$fifo" "nor a cases file"
bounded codings import p.margin fifo.txt
expect_error 1 "$fifo" "nor a codings file"
bounded agreement --ratings fifo.txt
expect_error 1 "$fifo" "nor a ratings file"
bounded codings import p.margin /dev/null
expect_error 1 "/dev/null is not a regular file (a character device)" "nor is a device"
unchanged "refusing them changes nothing"
# (The screen keeps its coder's place in the project even when its script is refused.)
cp p.margin screen.margin
bounded --script fifo.txt --size 24x80 --coder A screen.margin
expect_error 1 "$fifo" "nor a screen script"

# Text that is not UTF-8, and NUL bytes, in codebooks and CSV files: line and column.
printf 'codes:\n  - name: Caf\351\n' >latin1.yaml
run codebook import p.margin latin1.yaml
expect_error 1 "latin1.yaml:2:14: not valid UTF-8 text; save the file as UTF-8" \
    "a Latin-1 codebook is refused at its line and column"
printf 'codes:\n  - name: A\000B\n' >nul.yaml
run codebook import p.margin nul.yaml
expect_error 1 "nul.yaml:2:12: contains a NUL byte; this looks like a binary file, not a codebook" \
    "a NUL byte in a codebook is refused where it is"
printf 'codes:\n  - name: A\001B\n' >control.yaml
run codebook import p.margin control.yaml
expect_error 1 "control.yaml:2:12: control characters are not allowed (U+0001)" \
    "another control character is refused where it is"
printf 'coder,source,code,start,end\nA,int01,07.01.02,0,3\nB\351,int01,07.01.02,0,3\n' >latin1.csv
run codings import p.margin latin1.csv
expect_error 1 "latin1.csv:3:2: not valid UTF-8 text; save the file as UTF-8" \
    "a Latin-1 codings file is refused at its line and column"
printf 'coder,source,code,start,end,memo\nA,int01,07.01.02,0,3,a\000b\n' >nul.csv
run codings import p.margin nul.csv
expect_error 1 "nul.csv:2:23: contains a NUL byte; this looks like a binary file, not CSV" \
    "a NUL byte in a codings file is refused, not cut short"
printf 'case,site\nP1,Site\000A\n' >nulcases.csv
run cases import p.margin nulcases.csv
expect_error 1 "nulcases.csv:2:8: contains a NUL byte; this looks like a binary file, not CSV" \
    "and in a cases file"
printf 'Name\tFiles\tReferences\n01 General\t0\t0\n01.01 Caf\351 models\t2\t3\n' >latin1-table.txt
run codebook import p.margin latin1-table.txt
expect_error 1 "latin1-table.txt:3:10: not valid UTF-8 text; save the file as UTF-8" \
    "a Latin-1 NVivo table is refused at its line and column"
printf 'Name\tFiles\tReferences\n01 General\t0\t0\n01.01 \000Models\t2\t3\n' >nul-table.txt
run codebook import p.margin nul-table.txt
expect_error 1 "nul-table.txt:3: contains a NUL byte; this looks like a binary file, not a table" \
    "a NUL byte in an NVivo table is refused, not cut short"
unchanged "files that are not text change nothing"

# UTF-16, as spreadsheets and NVivo on Windows save "Unicode text": said, with how to convert.
printf 'coder,source,code,start,end\r\nA,int01,07.01.02,0,3\r\n' | iconv -t UTF-16 >utf16.csv
run codings import p.margin utf16.csv
expect_error 1 "utf16.csv is UTF-16 text; margin reads UTF-8, so save it as UTF-8 (iconv -f UTF-16 -t UTF-8 converts it)" \
    "a UTF-16 codings file is refused as UTF-16"
printf 'case,site\r\nP1,Site A\r\n' | iconv -t UTF-16LE >utf16le.csv
run cases import p.margin utf16le.csv
expect_error 1 "utf16le.csv is UTF-16 text; margin reads UTF-8, so save it as UTF-8 (iconv -f UTF-16LE -t UTF-8 converts it)" \
    "and so is a UTF-16 cases file without a byte order mark"
printf 'Name\tFiles\tReferences\r\n01 General\t0\t0\r\n' | iconv -t UTF-16 >utf16-table.txt
run codebook import p.margin utf16-table.txt
expect_error 1 "utf16-table.txt is UTF-16 text; margin reads UTF-8, so save it as UTF-8 (iconv -f UTF-16 -t UTF-8 converts it)" \
    "and so is a UTF-16 NVivo table"
printf 'Codebook\n\n01 General\t0\t0\n01.01 Setting up\t2\t3\n' >headless-table.txt
run codebook import p.margin headless-table.txt
expect_error 1 "headless-table.txt:3: this looks like a codebook table from NVivo without its header line; put the line 'Name<tab>Files<tab>References' above the codes" \
    "an NVivo table without its header line is told so"
unchanged "none of them changes the project"

# NVivo tables with numbers margin cannot give a code: refused, not skipped with their
# sub-codes while the import reports success.
printf 'Name\tFiles\tReferences\n01 General\t0\t0\n01.12345 Five digits\t1\t1\n01.01 A\t2\t3\n' >five-table.txt
run codebook import p.margin five-table.txt
expect_error 1 "five-table.txt:3: the number 01.12345 has a level of more than 4 digits; margin numbers the codes of each level from 1 to 9999" \
    "an NVivo table with a level of five digits is refused at its line"
python3 - <<'PY'
with open("deep-table.txt", "w") as f:
    f.write("Name\tFiles\tReferences\n")
    for level in range(1, 14):
        f.write("%s Level %d\t1\t1\n" % (".".join(["01"] * level), level))
PY
run codebook import p.margin deep-table.txt
expect_error 1 "deep-table.txt:14: the number 01.01.01.01.01.01.01.01.01.01.01.01.01 has 13 levels; codes are nested at most 12 levels deep" \
    "and so is one with a number of 13 levels"
unchanged "neither changes the project"

# A new project where none can be made.
run init "no such folder/p.margin"
expect_error 1 "cannot create no such folder/p.margin: No such file or directory" \
    "a new project in a missing folder is refused, naming the project"
mkdir locked-folder
chmod 755 "$work"
chmod 555 locked-folder
as_other=""
if [ "$(id -u)" -eq 0 ]; then
    as_other="setpriv --reuid=nobody --regid=nogroup --clear-groups"
fi
$as_other ${MARGIN_WRAPPER:-} "$MARGIN" init locked-folder/p.margin >"$work/stdout" 2>"$work/stderr"
status=$?
err=$(cat "$work/stderr")
expect_error 1 "cannot create locked-folder/p.margin: Permission denied" \
    "and so is one in a folder this user may not write"
expect_equal "$(ls "no such folder" locked-folder 2>/dev/null)" "locked-folder:" "leaving nothing behind"

# Codebooks: tabs, a quote left open, an unknown key, a number that does not fit.
printf 'codes:\n\t- name: A\n' >tab.yaml
run codebook import p.margin tab.yaml
expect_error 1 "tab.yaml:2:1: found character that cannot start any token (while scanning for the next token, which starts at line 2)" \
    "a tab for indentation is refused with libyaml's line and column"
printf 'codes:\n  - name: "open\n' >quote.yaml
run codebook import p.margin quote.yaml
expect_error 1 "quote.yaml:3:1: found unexpected end of stream (while scanning a quoted scalar, which starts at line 2)" \
    "an unclosed quote is refused"
printf 'codes:\n  - name: A\n    nmae: B\n' >key.yaml
run codebook import p.margin key.yaml
expect_error 1 "key.yaml:3:5: unknown key 'nmae' (a code has number, name, description, colour, codable, guid and codes)" \
    "a misspelt key is refused"
printf 'codes:\n  - name: A\n    colour: "#112233"\n    name: B\n' >twice.yaml
run codebook import p.margin twice.yaml
expect_error 1 "twice.yaml:4:5: 'name' appears twice in this code (also on line 2)" \
    "a key given twice in a code is refused, not read as one of its values"
printf 'codes:\n  - name: A\n---\ncodes:\n  - name: B\n' >two-documents.yaml
run codebook import p.margin two-documents.yaml
expect_error 1 "two-documents.yaml:3:1: a second YAML document starts here; a codebook file holds one document" \
    "a second document is refused, not ignored"
printf 'codes:\n  - name: !!binary QmluYXJ5\n' >binary.yaml
run codebook import p.margin binary.yaml
expect_error 1 "binary.yaml:2:11: 'name' is tagged !!binary, but margin reads it as text; remove the tag" \
    "a value tagged !!binary is refused, not read as its base64 text"
printf 'codes:\n  - name: A\n    number: "01.02"\n' >fit.yaml
run codebook import p.margin fit.yaml
expect_error 1 "fit.yaml:3:13: the number 01.02 does not fit here, under the top level" \
    "a number that does not fit its place is refused"
python3 -c 'print("codes: " + "[" * 100000 + "]" * 100000)' >deep.yaml
run codebook import p.margin deep.yaml
expect_error 1 "deep.yaml:1:34: lists and mappings are nested more than 27 deep here; a codebook nests codes at most 12 levels deep" \
    "a codebook nested 100,000 deep is refused where the nesting passes the limit"
unchanged "bad codebooks change nothing"

# Codings files: ragged rows, negative and huge offsets.
printf 'coder,source,code,start,end\nA,int01,07.01.02,0\n' >ragged.csv
run codings import p.margin ragged.csv
expect_error 1 "ragged.csv:2: this row has 4 fields, but the header has 5" "a ragged codings row is refused"
printf 'coder,source,code,start,end\nA,int01,07.01.02,-3,5\n' >negative.csv
run codings import p.margin negative.csv
expect_error 1 "negative.csv:2: start and end must be whole numbers of characters, not '-3' and '5'" \
    "a negative offset is refused"
printf 'coder,source,code,start,end\nA,int01,07.01.02,0,99999999999999999999\n' >huge.csv
run codings import p.margin huge.csv
expect_error 1 "huge.csv:2: start and end must be whole numbers of characters, not '0' and '99999999999999999999'" \
    "an offset too large to be one is refused"
printf 'coder,source,code,start,end\nA,int01,07.01.02,0,"3\n' >open.csv
run codings import p.margin open.csv
expect_status 1 "a quote left open in a codings file is refused"
expect_contains "$err" "open.csv:2" "naming where"
unchanged "bad codings files change nothing"

# Files too big to read: sparse files, so that no disk space is used.
truncate -s 300M huge-codings.csv
run codings import p.margin huge-codings.csv
expect_error 1 "huge-codings.csv is 300.0 MB; margin reads files of up to 256.0 MB" \
    "a 300 MB codings file is refused before it is read"
truncate -s 20M huge.yaml
run codebook import p.margin huge.yaml
expect_error 1 "huge.yaml is 20.0 MB; margin reads files of up to 16.0 MB" "a 20 MB codebook is refused"
rm -f huge-codings.csv huge.yaml
unchanged "files too big change nothing"

# A full disk, as a file size limit (margin ignores SIGXFSZ, so writes fail with EFBIG):
# 4 KB stops the first write of the journal; the project's size and a little more lets the
# project grow before it stops. (A limit between the two would also stop the writes in
# place and the roll back, which a full disk does not.)
size=$(wc -c <p.margin)
python3 - <<'PY'
import random
random.seed(3)
words = "alpha beta gamma delta board money staff".split()
with open("big.txt", "w") as f:
    for i in range(10000):
        f.write(("Interviewer: " if i % 2 == 0 else "Respondent: ")
                + " ".join(random.choice(words) for _ in range(12)) + "\n")
print("coder,source,code,start,end,memo", file=open("many.csv", "w"))
spans = [(s, e) for s in range(0, 70) for e in range(s + 1, 71)]
with open("many.csv", "a") as f:
    for i, (s, e) in enumerate(spans[:2000]):
        f.write("F,int01,07.01.02,%d,%d,memo %d %s\n" % (s, e, i, "x" * 40))
PY
printf 'coder,source,code,start,end\nB,int01,07.01.02,0,9\n' >one.csv
printf 'case,site\nP1,A\n' >cases.csv
printf 'codes:\n  - number: "90"\n    name: New\n' >new.yaml
cp p.margin other.margin
margin code other.margin --coder M --source int01 --code 7.1.2 --start 2 --end 9 >/dev/null
# limited BYTES ARGS...: runs margin with a file size limit.
limited() {
    limit=$1
    shift
    prlimit --fsize="$limit" ${MARGIN_WRAPPER:-} "$MARGIN" "$@" >"$work/stdout" 2>"$work/stderr"
    status=$?
    out=$(cat "$work/stdout")
    err=$(cat "$work/stderr")
}
full="could not write the project file (File too large); nothing was changed"
limited $((size + 100000)) import p.margin big.txt
expect_error 1 "p.margin: could not write the project file (disk I/O error); nothing was changed (saving a change). Is the disk full?" \
    "an import that fills the disk says so"
unchanged "and leaves the project as it was, with no journal to roll back"
limited 4096 import p.margin big.txt
expect_error 1 "p.margin: $full (adding a source). Is the disk full?" "and so it does with no room at all"
unchanged "the same"
limited 4096 codings import p.margin one.csv
expect_error 1 "p.margin: $full (adding a coder). Is the disk full?" "a codings import on a full disk"
unchanged "leaves the project as it was"
limited $((size + 20000)) codings import p.margin many.csv
expect_error 1 "p.margin: could not write the project file (disk I/O error); nothing was changed (saving a change). Is the disk full?" \
    "a larger codings import that fills the disk while saving says so"
unchanged "and leaves the project as it was"
limited 4096 cases import p.margin cases.csv
expect_error 1 "p.margin: $full (adding an attribute). Is the disk full?" "a cases import on a full disk"
limited 4096 codebook import p.margin new.yaml
expect_error 1 "p.margin: $full (adding a code). Is the disk full?" "a codebook import on a full disk"
limited 4096 merge p.margin other.margin
expect_error 1 "p.margin: $full (adding a coding). Is the disk full?" "a merge on a full disk"
limited 4096 code p.margin --coder A --source int01 --code 7.1.2 --start 7 --end 12
expect_error 1 "p.margin: $full (adding a coding). Is the disk full?" "coding a span on a full disk"
unchanged "none of them changes the project"
limited 4096 backup p.margin copy.margin
expect_error 1 "cannot back up to copy.margin: File too large; is the disk full?" "a backup to a full disk"
expect_equal "$(ls copy.margin* 2>/dev/null)" "" "leaves no partial copy"
limited 4096 init new.margin
expect_error 1 "cannot create new.margin: could not write it; is the disk full?" \
    "a new project on a full disk names the project, not a temporary file"
expect_equal "$(ls new.margin* 2>/dev/null)" "" "and leaves nothing behind"
margin codings import p.margin many.csv >/dev/null
cp p.margin before.margin
echo "an older export" >segments.csv
limited 8192 export p.margin --segments segments.csv
expect_error 1 "could not write segments.csv: File too large; the file was left as it was" \
    "an export to a full disk"
expect_equal "$(cat segments.csv)" "an older export" "leaves the file it would replace as it was"
limited 2048 codebook export p.margin --output segments.csv
expect_error 1 "could not write segments.csv: File too large; the file was left as it was" \
    "and so does a codebook export"
expect_equal "$(ls ./*.tmp-* 2>/dev/null)" "" "with no temporary file left"
unchanged "a full disk never changes the project"

# A real full disk: a 1 MB tmpfs, when this user may mount one.
small=$work/small
mkdir "$small"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=1m margin-test "$small" 2>/dev/null; then
    trap 'umount "$small" 2>/dev/null; rm -rf "$work"' EXIT
    # The project and a file that leaves 48 KB free: room for the journal, not for the text.
    cp before.margin "$small/p.margin"
    head -c $((1048576 - $(wc -c <before.margin) - 49152)) /dev/zero >"$small/room"
    run import "$small/p.margin" big.txt
    # Which write meets the full disk depends on the project's size, so the step in brackets
    # is not checked.
    case "$status $err" in
    "1 margin: $small/p.margin: the disk is full; nothing was changed ("*")") \
        pass "an import onto a full disk says the disk is full" ;;
    *) fail "an import onto a full disk says the disk is full" "status $status" "stderr: $err" ;;
    esac
    if cmp -s "$small/p.margin" before.margin && [ ! -e "$small/p.margin-journal" ]; then
        pass "and leaves the project as it was, the disk's space given back"
    else
        fail "and leaves the project as it was, the disk's space given back" "$(ls -l "$small")"
    fi
    rm "$small/room"
    dd if=/dev/zero of="$small/filler" bs=1024 count=2048 2>/dev/null
    run backup p.margin "$small/copy.margin"
    expect_error 1 "cannot back up to $small/copy.margin: the disk is full" "a backup onto a full disk"
    run init "$small/new.margin"
    expect_error 1 "cannot create $small/new.margin: could not write it; is the disk full?" \
        "a new project onto a full disk"
    run export p.margin --segments "$small/segments.csv"
    expect_error 1 "could not write $small/segments.csv: No space left on device; the file was left as it was" \
        "an export onto a full disk"
    expect_equal "$(ls "$small")" "filler
p.margin" "leave nothing behind"
    umount "$small"
else
    for check in "an import onto a full disk says the disk is full" \
        "and leaves the project as it was, the disk's space given back" \
        "a backup onto a full disk" "a new project onto a full disk" "an export onto a full disk" \
        "leave nothing behind"; do
        count=$((count + 1))
        echo "ok $count - $check # SKIP cannot mount a tmpfs"
    done
fi

# Paths with spaces, quotes and non-ASCII characters, for every command that takes one.
dir="Projets d'été/Étude n° 1"
mkdir -p "$dir"
project="$dir/Mon projet (v2).margin"
run init "$project"
expect_equal "$status $out" "0 created $project" "init takes such a path"
cp "$SOURCE_ROOT/codebooks/example.yaml" "$dir/livre de codes é.yaml"
run codebook import "$project" "$dir/livre de codes é.yaml"
expect_equal "$status" "0" "codebook import reads from one"
printf 'Interviewer: Où?\nRespondent: Ici.\n' >"$dir/Entretien n°1 — Zoë.txt"
run import "$project" "$dir/Entretien n°1 — Zoë.txt"
expect_equal "$status $out" "0 imported 1 source" "import reads one"
printf 'case,site\n"Zoë, P1",Lowmoor\n' >"$dir/cas à importer.csv"
run cases import "$project" "$dir/cas à importer.csv"
expect_equal "$status $out" "0 cases: 1 added, 0 updated" "cases import reads one"
run code "$project" --coder "Zoë B" --source "Entretien n°1 — Zoë" --code 01.01 --start 0 --end 5
expect_equal "$status $out" "0 coded Entretien n°1 — Zoë 0-5 as 01.01 Role and background" "code writes to one"
printf 'coder,source,code,start,end\nÉmile,Entretien n°1 — Zoë,01.01,6,12\n' >"$dir/codages à importer.csv"
run codings import "$project" "$dir/codages à importer.csv"
expect_equal "$status $out" "0 codings: 1 added" "codings import reads one"
run export "$project" --segments "$dir/segments exportés.csv"
expect_equal "$status $(wc -l <"$dir/segments exportés.csv")" "0 3" "export writes one"
run codebook export "$project" --output "$dir/livre exporté.yaml"
expect_equal "$status $(grep -c 'name:' "$dir/livre exporté.yaml")" \
    "0 $(grep -c 'name:' "$dir/livre de codes é.yaml")" "codebook export writes one"
run info "$project"
expect_contains "$out" "project  $project" "info reads one"
run list "$project" sources
expect_contains "$out" "Entretien n°1 — Zoë" "list reads one"
run check "$project"
expect_equal "$out" "$project: no problems found" "check reads one"
run backup "$project" "$dir/copie de sûreté.margin"
expect_equal "$status $out" "0 backed up $project to $dir/copie de sûreté.margin" "backup writes one"
margin code "$dir/copie de sûreté.margin" --coder "Zoë B" --source "Entretien n°1 — Zoë" \
    --code 01.01 --start 13 --end 20 >/dev/null
run merge "$project" "$dir/copie de sûreté.margin"
expect_equal "$status $(printf '%s\n' "$out" | head -n 1)" \
    "0 merged 3 codings from $dir/copie de sûreté.margin: 1 added, 2 already present" "merge reads one"
run compare "$project" --coders "Zoë B,Émile" --output "$dir/accord é.txt"
expect_equal "$status $(head -n 1 "$dir/accord é.txt")" "0 unit: characters; n = 34 characters in 1 source" \
    "compare writes one"
printf 'Zoë,Émile\na,a\nb,b\na,b\n' >"$dir/notes à deux.csv"
run agreement --ratings "$dir/notes à deux.csv"
expect_contains "$out" "coders: Zoë, Émile" "agreement reads one"
printf 'S\n@state\n' >"$dir/écran.script"
run --script "$dir/écran.script" --coder "Zoë B" "$project"
expect_contains "$out" "source: Entretien n°1 — Zoë (1 of 1)" "the screen opens one"
run check "$project"
expect_equal "$out" "$project: no problems found" "and the project is sound after all that"

finish
