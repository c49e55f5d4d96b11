#!/bin/sh
# Project files that are not margin's, damaged, newer, read-only or locked: a clear message,
# and the file as it was.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
margin init p.margin >/dev/null
printf 'I: one\nR: two\nI: three\nR: four\n' >int01.txt
margin import p.margin int01.txt >/dev/null
margin codebook import p.margin "$SOURCE_ROOT/codebooks/example.yaml" >/dev/null

printf 'these are my notes\n' >notes.margin
run info notes.margin
expect_error 1 "notes.margin is not a margin project (it is not an SQLite database)" \
    "a text file is not a project"
python3 -c "import sqlite3; c = sqlite3.connect('other.db'); c.execute('create table t(x)'); c.commit()"
cp other.db other.before
run import other.db int01.txt
expect_error 1 "other.db is an SQLite database but not a margin project" "another program's database is refused"
same_file other.db other.before "and left untouched"
run info missing.margin
expect_error 1 "missing.margin: No such file or directory" "a missing project is named"

cp p.margin newer.margin
python3 -c "import sqlite3; c = sqlite3.connect('newer.margin'); c.execute('pragma user_version = 99'); c.commit()"
cp newer.margin newer.before
run code newer.margin --coder A --source int01 --code 01.01 --start 0 --end 3
expect_error 1 "newer.margin was written by a newer version of margin (format 99; this version reads formats up to 9); nothing was changed" \
    "a project from a newer margin is refused"
same_file newer.margin newer.before "and left untouched"

cp p.margin damaged.margin
size=$(wc -c <damaged.margin)
truncate -s $((size / 2)) damaged.margin
cp damaged.margin damaged.before
run info damaged.margin
expect_error 1 "damaged.margin: the project file is damaged (database disk image is malformed, while opening the project); restore it from a backup" \
    "a truncated project is reported as damaged"
run import damaged.margin int01.txt
expect_status 1 "writing to it fails cleanly"
same_file damaged.margin damaged.before "and leaves it as it was"

run check p.margin
expect_ok "check passes a healthy project"
expect_equal "$out" "p.margin: no problems found" "and says so"
run backup p.margin copy.margin
expect_equal "$out" "backed up p.margin to copy.margin" "backup copies a project"
expect_equal "$(margin info copy.margin | tail -n +2)" "$(margin info p.margin | tail -n +2)" \
    "the copy holds the same"
run backup p.margin copy.margin
expect_error 1 "copy.margin already exists; choose a new name for the backup" "backup will not overwrite"
cp p.margin tampered.margin
python3 - tampered.margin <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("""
    drop trigger codings_inside_text_on_insert;
    insert into coders(name, created_at) values ('X', 'now');
    insert into codings(source_id, code_id, coder_id, start, end, created_at, modified_at)
        values (1, 2, 1, 10, 400, 'now', 'now');
    update source_texts set text = text || 'more';
""")
PY
run check tampered.margin
expect_status 1 "check fails a damaged project"
expect_equal "$out" "coding: coding 1 (int01, 10-400) lies outside its source's 31 characters
source int01: stored length 31 does not match its text
source int01: text does not match its SHA-256
tampered.margin: 3 problems" "and lists each problem"

# Read-only: margin cannot create its journal beside the file nor write the file. Root may write
# anywhere, so as root the check runs as the unprivileged user nobody.
mkdir ro
cp p.margin ro/p.margin
cp int01.txt ro/int02.txt
chmod 755 "$work"
chmod 555 ro
chmod 444 ro/p.margin
as_reader=""
if [ "$(id -u)" -eq 0 ]; then
    as_reader="setpriv --reuid=nobody --regid=nogroup --clear-groups"
fi
cp ro/p.margin ro.before
$as_reader ${MARGIN_WRAPPER:-} "$MARGIN" import ro/p.margin ro/int02.txt >"$work/stdout" 2>"$work/stderr"
status=$?
err=$(cat "$work/stderr")
expect_status 1 "a read-only project cannot be changed"
expect_contains "$err" "ro/p.margin: the project file is read-only; nothing was changed" \
    "and the message says it is read-only"
$as_reader ${MARGIN_WRAPPER:-} "$MARGIN" info ro/p.margin >"$work/stdout" 2>"$work/stderr"
expect_contains "$(cat "$work/stdout")" "sources  1 (1 interview)" "a read-only project can still be read"
same_file ro/p.margin ro.before "and is left untouched"

# The screen opens a read-only project for reading, as a coder who is not in it: every coder's
# codings are shown, the status line says read-only, and a coding or a correction is refused
# with the reason.
cat >ro.script <<'SCRIPT'
@state
@screen
v j c 0 1 . 0 1 <Enter>
@state
<Esc> v e R
@state
<Esc> <Esc> S r <C-u> "int09" <Enter>
@state
d y
@state
SCRIPT
chmod 644 ro.script
$as_reader ${MARGIN_WRAPPER:-} "$MARGIN" --script ro.script --coder Reader ro/p.margin >"$work/stdout" 2>"$work/stderr"
status=$?
out=$(cat "$work/stdout")
expect_status 0 "the screen opens a read-only project"
expect_contains "$out" "coder: Reader (every coder's codings shown)" \
    "for a reader not among its coders, with every coder's codings"
expect_contains "$out" " read-only · p.margin · int01 · coder Reader" "the status line says read-only"
expect_contains "$out" "message: (error) ro/p.margin: the project file is read-only; nothing was changed" \
    "and coding is refused with the reason"
expect_contains "$out" "message: (error) the project is read-only; its texts cannot be corrected" \
    "and so is correcting its text"
expect_contains "$out" "sources: int01 highlighted (1 of 1), case none" \
    "the source list shows the source under its name"
expect_equal "$(printf '%s\n' "$out" | grep -c "message: (error) ro/p.margin: the project file is read-only; nothing was changed")" "3" \
    "and renaming it, and deleting it after the question, are refused with the reason too"
same_file ro/p.margin ro.before "and the project is untouched"

# A project written by the previous version (format 2) is upgraded by whatever opens it first.
cp "$SOURCE_ROOT/tests/data/format2.margin" ro/old.margin
chmod 444 ro/old.margin
cp ro/old.margin old.before
$as_reader ${MARGIN_WRAPPER:-} "$MARGIN" info ro/old.margin >"$work/stdout" 2>"$work/stderr"
status=$?
err=$(cat "$work/stderr")
expect_error 1 "ro/old.margin is in an older format (2) and needs upgrading, which needs write access" \
    "an older project that cannot be written cannot be upgraded, and says so"
same_file ro/old.margin old.before "and is left untouched"
chmod 755 ro
cp "$SOURCE_ROOT/tests/data/format2.margin" old.margin
run info old.margin
expect_ok "info upgrades an older project it may write"
expect_contains "$out" "codings  2" "and reads it"
expect_equal "$(sql old.margin "pragma user_version")" "9" "which is now in format 9"
expect_equal "$(sql old.margin "select count(*) from quotes")" "0" "with a table for quotes"
expect_equal "$(sql old.margin "select count(*) from matrix_cells")" "0" \
    "with a table for the framework matrix's summaries"
expect_equal "$(sql old.margin "select count(*) from matrix_links")" "0" \
    "and one for the codings each summary rests on"
run export old.margin --segments -
expect_equal "$(printf '%s\n' "$out" | tr -d '\r')" 'source,case,coder,code,code_name,start,end,speaker,text,memo
int01,P01,A,01.01,Funding,61,134,R,"It began with three practices — we pooled €12,000 for a shared pharmacist",pooled money
int01,P01,B,01.02,Premises,160,204,R,Siobhán found rooms above the health centre.,' \
    "with its texts and codings as they were"

# Locked: another program holds a lock for longer than margin waits (MARGIN_BUSY_TIMEOUT).
cp p.margin unlocked.before
hold_lock p.margin immediate
run code p.margin --coder A --source int01 --code 01.01 --start 0 --end 3
expect_error 1 "p.margin: the project is locked by another program; nothing was changed (starting a change). Try again when the other program has finished" \
    "a change to a project another program is writing gives up with a clear message"
run info p.margin
expect_ok "while it can still be read"
release_lock
hold_lock p.margin exclusive
run info p.margin
expect_error 1 "p.margin: the project is locked by another program, so it could not be read (opening the project). Try again when the other program has finished" \
    "an exclusively locked project cannot even be read, and says so"
release_lock
same_file p.margin unlocked.before "the locked project was left as it was"
run code p.margin --coder A --source int01 --code 01.01 --start 0 --end 3
expect_ok "once the lock is gone, the same change succeeds"

# check finds everything every other command refuses, one line each, at most ten of a kind.
checked() {
    cp p.margin "$1.margin"
    margin info "$1.margin" >/dev/null 2>&1
    python3 -c "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute('pragma ignore_check_constraints = on'); db.executescript(sys.argv[2])" "$1.margin" "$2"
    run check "$1.margin"
}
checked selfparent "update codes set parent_id = id where id = (select min(id) from codes where parent_id is not null)"
expect_equal "$status $(printf '%s\n' "$out" | sed 's/[0-9][0-9]*/N/g' | tr '\n' '|')" \
    "1 code: code N is its own parent|selfparent.margin: N problem|" "a code that is its own parent is found"
checked zero "update codes set position = 0 where id = (select max(id) from codes)"
expect_equal "$status $(printf '%s\n' "$out" | sed -n 1p | sed 's/code [0-9]*/code N/')" \
    "1 code: code N is numbered 0 at its level, where numbers run from 1 to 9999" "a position of 0 is found"
checked huge "update codes set position = 99999999 where id = (select max(id) from codes)"
expect_contains "$out" "is numbered 99999999 at its level, where numbers run from 1 to 9999" "and one of 99999999"
checked cycle "create temp table pair as select id, parent_id from codes where parent_id is not null order by id desc limit 1; update codes set parent_id = (select id from pair) where id = (select parent_id from pair)"
expect_equal "$status $(printf '%s\n' "$out" | sed 's/[0-9][0-9]*/N/g' | sort -u | tr '\n' '|')" \
    "1 code: code N is its own ancestor, N parents up (a cycle of parents)|cycle.margin: N problems|" \
    "a cycle of two codes is found as a cycle"
python3 - deep.sql <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    parent = "NULL"
    for i in range(14):
        f.write("insert into codes(guid, parent_id, position, name, created_at) values "
                "('deep-%d', %s, %d, 'deep %d', 'x');\n" % (i, parent, 90 if i == 0 else 1, i))
        parent = "(select id from codes where guid = 'deep-%d')" % i
PY
checked deep "$(cat deep.sql)"
expect_equal "$status $(printf '%s\n' "$out" | sed 's/[0-9][0-9]*/N/g' | sort -u | tr '\n' '|')" \
    "1 code: code N is nested more than N levels deep|deep.margin: N problems|" "nesting deeper than 12 is found"
for name in selfparent zero huge cycle deep; do
    run info "$name.margin"
    case "$status $err" in
    "1 margin: $name.margin: the stored codebook is inconsistent: "*) pass "info refuses $name.margin as check says" ;;
    *) fail "info refuses $name.margin as check says" "$status $err" ;;
    esac
done
checked many "with recursive n(i) as (select 1 union all select i + 1 from n where i < 15) insert into memos(target, target_id, text, modified_at) select 'source', 9000 + i, 'lost', 'x' from n"
expect_equal "$(printf '%s\n' "$out" | grep -c '^memo: memo ')" "10" "check lists ten problems of a kind"
expect_contains "$out" "memo: and 5 more like these" "and counts the rest"
cp p.margin renumbered.margin
margin info renumbered.margin >/dev/null
sql renumbered.margin "pragma user_version = 2" >/dev/null
run check renumbered.margin
expect_error 1 "renumbered.margin says it is in format 2, but it already holds what a later format adds (table source_texts already exists): its format number was changed by something other than margin. Restore it from a backup; nothing was changed" \
    "a project whose format number was set back is named, not an internal error"

finish
