#!/bin/sh
# Where exports go: never over a project, an SQLite database or a rollback journal; into
# character devices and FIFOs as they are; through a symbolic link to the file it points to;
# write errors reported. What goes to a terminal has its control characters made visible, and
# nothing ends with status 0 when standard output could not be written.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
sample_project p.margin
cp p.margin other.margin
cp p.margin before.margin

# unchanged PROJECT DESCRIPTION: the project is byte for byte the sample project.
unchanged() {
    if cmp -s "$1" before.margin; then
        pass "$2"
    else
        fail "$2" "$(ls -l "$1")"
    fi
}

# Projects and databases are never export targets.
run export p.margin --segments p.margin
expect_error 1 "p.margin is a margin project; margin does not write an export over it (choose another file name)" \
    "an export over its own project is refused"
unchanged p.margin "and the project is intact"
run export p.margin --segments other.margin
expect_error 1 "other.margin is a margin project; margin does not write an export over it (choose another file name)" \
    "an export over another project is refused"
unchanged other.margin "and that project is intact"
run codebook export p.margin --output p.margin
expect_error 1 "p.margin is a margin project; margin does not write an export over it (choose another file name)" \
    "a codebook export over the project is refused"
run compare p.margin --coders A,B --output p.margin
expect_error 1 "p.margin is a margin project; margin does not write an export over it (choose another file name)" \
    "a comparison written over the project is refused"
for command in "matrix p.margin --theme 07" "counts p.margin"; do
    # shellcheck disable=SC2086
    run $command --format xlsx --output other.margin
    expect_error 1 "other.margin is a margin project; margin does not write an export over it (choose another file name)" \
        "a workbook of '$command' over a project is refused"
done
unchanged other.margin "and that project survives the workbooks"
unchanged p.margin "the project survives every attempt"
python3 -c "import sqlite3; sqlite3.connect('plain.db').execute('create table t(x)')"
cp plain.db plain-before.db
run export p.margin --segments plain.db
expect_error 1 "plain.db is an SQLite database; margin does not write an export over it (choose another file name)" \
    "an export over any SQLite database is refused"
same_file plain.db plain-before.db "and the database is intact"
printf '\331\325\005\371\040\241\143\327rest of a journal' >x.margin-journal
cp x.margin-journal journal-before
run export p.margin --segments x.margin-journal
expect_error 1 "x.margin-journal is a project's rollback journal, which holds changes not yet saved; margin does not write an export over it (choose another file name)" \
    "an export over a hot journal is refused"
same_file x.margin-journal journal-before "and the journal is intact"

# Symbolic links are followed to the file they point to; the link stays a link.
run export p.margin --segments segments.csv
echo old >target.csv
ln -s target.csv link.csv
run export p.margin --segments link.csv
expect_ok "an export through a link succeeds"
if [ -L link.csv ] && cmp -s target.csv segments.csv; then
    pass "the link's target holds the export and the link is still a link"
else
    fail "the link's target holds the export and the link is still a link" "$(ls -l link.csv target.csv)"
fi
echo old >target.xlsx
ln -s target.xlsx link.xlsx
run counts p.margin --output link.xlsx
expect_ok "a workbook through a link succeeds"
if [ -L link.xlsx ] && [ "$(head -c 2 target.xlsx)" = PK ]; then
    pass "the link's target holds the workbook and the link is still a link"
else
    fail "the link's target holds the workbook and the link is still a link" "$(ls -l link.xlsx target.xlsx)"
fi
ln -s p.margin project-link
run export p.margin --segments project-link
expect_error 1 "project-link is a link to $work/p.margin, a margin project; margin does not write an export over it (choose another file name)" \
    "a link to a project is refused"
unchanged p.margin "and the project behind it is intact"
ln -s nowhere.csv dangling.csv
run export p.margin --segments dangling.csv
expect_error 1 "dangling.csv is a symbolic link to nowhere.csv, which cannot be reached (No such file or directory); margin follows links only to files that exist" \
    "a link to nothing is refused"
if [ -L dangling.csv ] && [ ! -e nowhere.csv ]; then
    pass "and nothing is created"
else
    fail "and nothing is created" "$(ls -l dangling.csv nowhere.csv 2>&1)"
fi
mkdir folder
run export p.margin --segments folder
expect_error 1 "folder is a folder; margin writes to files, character devices and FIFOs" \
    "a folder is not an output"

# Character devices are written in place: the full device's error is reported. A device node of
# our own (as root) keeps a missing fix from replacing the system's /dev/full.
if mknod full c 1 7 2>/dev/null; then full=full; else full=/dev/full; fi
run export p.margin --segments "$full"
expect_error 1 "could not write $full: No space left on device" "a full device fails with 'no space'"
if [ -c "$full" ]; then
    pass "and the device is still a device"
else
    fail "and the device is still a device" "$(ls -l "$full")"
fi
run codebook export p.margin --format csv --output "$full"
expect_error 1 "could not write $full: No space left on device" "so does a codebook export"
run codebook export p.margin --format qdc --output "$full"
expect_error 1 "could not write $full: No space left on device" \
    "and a .qdc codebook, without lines of the XML library's own"
run counts p.margin --format xlsx --output "$full"
expect_error 1 "could not write $full: No space left on device" "and a workbook"
run refi export p.margin "$full"
expect_error 1 "could not write $full: No space left on device" "and a .qdpx archive"
run export p.margin --segments /dev/null
expect_ok "an export to /dev/null succeeds"
if [ -c /dev/null ]; then pass "and /dev/null stays a device"; else fail "and /dev/null stays a device"; fi

# A FIFO is written to as it is, and one that nothing reads is refused at once.
mkfifo pipe
run export p.margin --segments pipe
expect_error 1 "nothing is reading from pipe (a FIFO)" "a FIFO without a reader is refused"
python3 - "$MARGIN" <<'PY' >fifo.out 2>&1
import os, select, subprocess, sys, shlex
# Opening the FIFO for reading and writing makes a reader that never sees the end; the export
# is read until margin has exited and the FIFO is empty.
fd = os.open("pipe", os.O_RDWR | os.O_NONBLOCK)
wrapper = shlex.split(os.environ.get("MARGIN_WRAPPER", ""))
margin = subprocess.Popen(wrapper + [sys.argv[1], "export", "p.margin", "--segments", "pipe"])
data = bytearray()
while True:
    ready, _, _ = select.select([fd], [], [], 0.2)
    if ready:
        data += os.read(fd, 1 << 16)
    elif margin.poll() is not None:
        break
open("from-pipe.csv", "wb").write(data)
print("status", margin.returncode)
PY
expect_equal "$(cat fifo.out)" "status 0" "an export into a FIFO that is read succeeds"
same_file from-pipe.csv segments.csv "and the reader gets the whole export"
if [ -p pipe ]; then pass "the FIFO stays a FIFO"; else fail "the FIFO stays a FIFO" "$(ls -l pipe)"; fi

# Standard output that cannot be written is a failure, for every command that prints.
for command in "info p.margin" "list p.margin codes" "check p.margin" "export p.margin --segments -"; do
    # shellcheck disable=SC2086
    margin $command >"$full" 2>stderr
    status=$?
    err=$(cat stderr)
    case "$status $err" in
    "1 margin: could not write"*) pass "'$command' to a full device fails" ;;
    *) fail "'$command' to a full device fails" "status $status" "stderr: $err" ;;
    esac
done
"$MARGIN" --keys-doc >"$full" 2>stderr
expect_equal "$?" 1 "--keys-doc to a full device fails"

# What goes to a terminal shows control characters; files stay exact.
esc=$(printf '\033')
title=$(printf '\033]0;pwned\007')
run code p.margin --coder T --source int01 --code 07.01.02 --start 0 --end 9 --memo "memo $title"
expect_ok "a memo with a terminal title sequence is saved"
script -qec "$MARGIN export p.margin --segments - --coder T" /dev/null >terminal.out 2>&1
case "$(cat terminal.out)" in
*"$esc"*) fail "export to a terminal shows the escape sequence" "$(od -c terminal.out | head)" ;;
*"memo ^[]0;pwned^G"*) pass "export to a terminal shows the escape sequence" ;;
*) fail "export to a terminal shows the escape sequence" "$(cat terminal.out)" ;;
esac
run export p.margin --segments - --coder T
expect_contains "$out" "memo $title" "export to a pipe keeps the memo exact"
bidi=$(printf 'cod\342\200\256cod.exe')
script -qec "$MARGIN init '$bidi$title.margin'" /dev/null >terminal.out 2>&1
expect_contains "$(cat terminal.out)" "created cod<202e>cod.exe^[]0;pwned^G.margin" \
    "init names its project with control characters and overrides visible"
script -qec "$MARGIN backup p.margin 'copy$title.margin'" /dev/null >terminal.out 2>&1
expect_contains "$(cat terminal.out)" "backed up p.margin to copy^[]0;pwned^G.margin" \
    "backup names its copy visibly"

# Bidirectional overrides are shown in listings rather than obeyed.
printf 'Interviewer: Which file?\nRespondent: That one.\n' >"$(printf 'note\342\200\256txt.exe')"
run import p.margin "$(printf 'note\342\200\256txt.exe')"
run list p.margin sources
expect_contains "$out" "note<202e>txt" "list shows a source name's override visibly"

finish
