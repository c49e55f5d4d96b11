#!/bin/sh
# source update and detached: a corrected transcript, codings that follow their text, detached
# codings listed, attached again and dropped, and files of the format before detached codings.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
margin init p.margin >/dev/null
printf 'codes:\n  - name: Staff\n  - name: Money\n  - name: Time\n' >cb.yaml
margin codebook import p.margin cb.yaml >/dev/null
printf 'I: How is the network going?\nR: Slowly. Zoe does the rotas, 5k a year.\nI: And staff?\nR: Stretched thin.\n' >int01.txt
margin import p.margin int01.txt >/dev/null
# "Zoe does the rotas" 40-58, "5k a year" 60-69, "Stretched thin" 88-102
margin code p.margin --coder A --source int01 --code 01 --start 40 --end 58 --memo "who" >/dev/null
margin code p.margin --coder A --source int01 --code 02 --start 60 --end 69 >/dev/null
margin code p.margin --coder B --source int01 --code 03 --start 88 --end 102 >/dev/null
printf 'I: So, how is the network going?\nR: Slowly. Zoe does the rotas, 5k a year.\nI: And staff?\n' >fixed.txt
cp p.margin before.margin

run source update p.margin int01 fixed.txt --dry-run
expect_ok "a dry run succeeds"
expect_equal "$out" 'int01: 3 codings: 2 moved, 1 detached
  moved     coding 1 (01 Staff) 40-58 -> 44-62
  moved     coding 2 (02 Money) 60-69 -> 64-73
  detached  coding 3 (03 Time) 88-102 -> detached at 88, 14 of its characters deleted, its text was "Stretched thin"
dry run: nothing was changed' "and prints what moves and detaches"
same_file p.margin before.margin "a dry run changes nothing"

run source update p.margin int01 fixed.txt --coder A
expect_ok "the update succeeds"
expect_contains "$out" "1 detached coding: see margin detached p.margin" "and points to the detached codings"
run export p.margin --segments -
expect_equal "$(printf '%s\n' "$out" | tr -d '\r')" 'source,case,coder,code,code_name,start,end,speaker,text,memo
int01,,A,01,Staff,44,62,R,Zoe does the rotas,who
int01,,A,02,Money,64,73,R,5k a year,' "codings cover the same words in the new text, memos with them"
expect_equal "$(sql p.margin "select id, start, end, detached from codings where id = 3")" "3|88|88|1" \
    "the coding of deleted text is kept, detached"
run check p.margin
expect_ok "the project checks clean"
expect_equal "$(sql p.margin "select operation, program from journal where batch = (select max(batch) from journal) order by id" | sort | uniq -c | tr -s ' ')" \
    " 6 coding.place|command line
 1 source.text|command line" "the update is journaled as one batch"

run detached p.margin
expect_equal "$out" "coding 3  int01 at 88  B  03 Time" "detached lists it"
run info p.margin
expect_contains "$out" "codings  3 (1 detached: see margin detached p.margin)" \
    "info counts it among the codings and says where to find it"

# REFI-QDA has no detached codings: the archive carries it as a note on its source, and says so.
run refi export p.margin detached.qdpx
expect_status 0 "a project with a detached coding exports"
expect_equal "$err" "margin: 1 detached coding, which REFI-QDA has no place for, is written as a note on its source (margin detached lists them)" \
    "saying where its detached coding went"
note=$(python3 - detached.qdpx <<'PY'
import sys, zipfile, xml.etree.ElementTree as ET
ns = "{urn:QDA-XML:project:1.0}"
root = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read("project.qde"))
for note in root.iter(ns + "Note"):
    if note.get("name") == "Detached coding of 03 Time by B":
        print(note.findtext(ns + "PlainTextContent"))
PY
)
expect_contains "$note" "B's coding of 03 Time in int01 is detached: a new version of the source's text deleted what it covered. It stood at character 88." \
    "the note says who coded what where"
margin init back.margin >/dev/null
margin refi import back.margin detached.qdpx >/dev/null
run memos back.margin
expect_contains "$out" "B's coding of 03 Time in int01 is detached" "and comes back as the source's memo"
run detached p.margin --id 1 --drop
expect_error 1 "coding 1 is not detached" "an attached coding cannot be dropped here"
run detached p.margin --id 3 --start 0 --end 2
expect_ok "a detached coding is attached again by hand"
expect_equal "$out" "attached coding 3 to int01 0-2" "and says so"
run detached p.margin
expect_equal "$out" "no detached codings" "after which none is detached"

printf 'I: So, how is the network going?\nR: Slowly.\nI: And staff?\n' >short.txt
run source update p.margin int01 short.txt
expect_ok "a second update detaches two more"
run detached p.margin --id 1 --drop --source int01
expect_ok "a detached coding can be dropped"
expect_equal "$(sql p.margin "select id from codings order by id" | tr '\n' ' ')" "2 3 " \
    "and only it is gone"

# Bad input changes nothing.
cp p.margin ok.margin
printf 'caf\351\n' >latin1.txt
run source update p.margin int01 latin1.txt
expect_error 1 "latin1.txt:1:4: not valid UTF-8 (byte 0xE9); save the file as UTF-8 and import it again" \
    "a text that is not UTF-8 is refused"
: >empty.txt
run source update p.margin int01 empty.txt
expect_error 1 "empty.txt is empty; there is no text to import" "an empty text is refused"
printf 'Another interview entirely.\n' >int02.txt
margin import p.margin int02.txt >/dev/null
cp p.margin ok.margin
run source update p.margin int01 int02.txt
expect_error 1 "int02.txt holds the text of source 'int02', not a new text for 'int01'; nothing was changed" \
    "the text of another source is refused"
run source update p.margin int01 short.txt
expect_error 1 "short.txt holds the text source 'int01' has already; nothing to change" \
    "the same text is refused"
run source update p.margin int09 short.txt
expect_error 1 "the project has no source named 'int09'" "an unknown source is named"
same_file p.margin ok.margin "and none of them changed the project"

# Another program writing the project: the update waits, then gives up changing nothing.
cp p.margin ok.margin
printf 'I: So, how is the network going?\nR: Slowly, and then quickly.\nI: And staff?\n' >later.txt
hold_lock p.margin immediate
run source update p.margin int01 later.txt
expect_error 1 "p.margin: the project is locked by another program; nothing was changed (starting a change). Try again when the other program has finished" \
    "an update while another program writes is refused"
release_lock
same_file p.margin ok.margin "and changes nothing"
run source update p.margin int01 later.txt
expect_ok "once the other program is done, it goes through"

# A project of format 2 gets the detached column, keeping ids and the id counter.
cp "$SOURCE_ROOT/tests/data/format2.margin" old.margin
# The newest coding was deleted: its id must still never be used again.
python3 -c "import sqlite3; c = sqlite3.connect('old.margin'); c.execute('delete from codings where id = (select max(id) from codings)'); c.commit()"
before_seq=$(sql old.margin "select seq from sqlite_sequence where name = 'codings'")
expect_equal "$(sql old.margin "select seq > (select max(id) from codings) from sqlite_sequence where name = 'codings'")" "1" \
    "(the id counter is past the largest id)"
before_rows=$(sql old.margin "select id, start, end from codings order by id")
margin info old.margin >/dev/null
expect_equal "$(sql old.margin "select id, start, end from codings order by id")" "$before_rows" \
    "an upgraded project keeps its codings and their ids"
expect_equal "$(sql old.margin "select count(*) from codings where detached = 0")" \
    "$(echo "$before_rows" | wc -l)" "all of them attached"
expect_equal "$(sql old.margin "select seq from sqlite_sequence where name = 'codings'")" "$before_seq" \
    "and the id counter, so that ids are never used twice"
run check old.margin
expect_ok "the upgraded project checks clean"
margin code old.margin --coder A --source int01 --code 01.01 --start 0 --end 3 >/dev/null
expect_equal "$(sql old.margin "select max(id) from codings")" "$((before_seq + 1))" \
    "a new coding takes an id never used before"

finish
