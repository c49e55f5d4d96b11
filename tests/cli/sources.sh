#!/bin/sh
# Importing transcripts: normalisation, refusals with line and column, atomicity.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
margin init p.margin >/dev/null

printf '\357\273\277I: Hello, Zoë.\r\nR: Hi — €5.\r\nI: Bye.\r\nR: Bye.\r\n' >crlf.txt
run import p.margin crlf.txt --case P01
expect_ok "a CRLF transcript with a BOM imports"
expect_equal "$out" "imported 1 source" "import reports what it added"
expect_equal "$(sql p.margin "select length, substr(text, 1, 4), instr(text, char(13)) from sources join source_texts on source_id = id")" \
    "43|I: H|0" "the BOM and the CRs are gone and the length counts code points"
expect_equal "$(sql p.margin "select speaker, start, body, end from turns order by start")" \
    "I|0|3|14
R|15|18|26
I|27|30|34
R|35|38|42" "speaker turns are stored with their offsets"
expect_equal "$(sql p.margin "select c.name from sources s join cases c on c.id = s.case_id")" \
    "P01" "--case links the source to a new case"

run import p.margin crlf.txt
expect_ok "importing the same file again is harmless"
expect_equal "$out" "imported 0 sources (1 already in the project)" "and says so"

mkdir other
printf 'different text\n' >other/crlf.txt
run import p.margin other/crlf.txt
expect_error 1 "other/crlf.txt: the project already has a source named 'crlf' with different text; to replace its text and keep its codings, run margin source update p.margin crlf other/crlf.txt, or rename the file to import it as a new source" \
    "a different text under a taken name is refused"

printf 'good text\n' >good.txt
printf 'line one\nSiobh\341n\n' >latin1.txt
run import p.margin good.txt latin1.txt
expect_error 1 "latin1.txt:2:6: not valid UTF-8 (byte 0xE1); save the file as UTF-8 and import it again" \
    "invalid UTF-8 is refused with line and column"
expect_equal "$(sql p.margin "select count(*) from sources")" "1" "a bad file stops the whole import"

mkdir twin
printf 'one text\n' >one.txt
printf 'another text\n' >twin/one.txt
printf 'good text\n' >twin/good.txt
run import p.margin one.txt good.txt twin/good.txt twin/one.txt
expect_error 1 "good.txt and twin/good.txt would both become the source 'good'; rename one" \
    "two files that would give one name are refused, the first pair named"
expect_equal "$(sql p.margin "select count(*) from sources")" "1" "and nothing is imported"

printf 'abc\000def\n' >nul.txt
run import p.margin nul.txt
expect_error 1 "nul.txt:1:4: contains a NUL byte; this looks like a binary file, not a text transcript" \
    "a NUL byte is refused"
: >empty.txt
run import p.margin empty.txt
expect_error 1 "empty.txt is empty; there is no text to import" "an empty file is refused"
printf '\377\376I\000:\000' >utf16.txt
run import p.margin utf16.txt
expect_error 1 "utf16.txt is UTF-16 text; margin reads UTF-8, so save it as UTF-8 (iconv -f UTF-16 -t UTF-8 converts it)" \
    "UTF-16 is refused"
truncate -s 200M huge.txt
run import p.margin huge.txt
expect_error 1 "huge.txt is 200.0 MB; margin reads files of up to 64.0 MB" "a 200 MB file is refused"
run import p.margin missing.txt
expect_error 1 "missing.txt: No such file or directory" "a missing file is named"
run import p.margin good.txt --kind memo
expect_status 1 "an unknown kind is refused"
expect_contains "$err" "unknown kind 'memo'; use interview, observation or document" "with the choices"

mkdir "dir with spaces"
printf 'Observed: the board met.\n' >"dir with spaces/Réunion à Lowmoor.txt"
run import p.margin "dir with spaces/Réunion à Lowmoor.txt" --kind observation
expect_ok "paths with spaces and non-ASCII characters import"
expect_equal "$(sql p.margin "select name, kind from sources where kind = 'observation'")" \
    "Réunion à Lowmoor|observation" "the source is named after the file"
run import p.margin "dir with spaces/Réunion à Lowmoor.txt" --kind document
expect_equal "$out" "imported 0 sources (1 already in the project)
warning: Réunion à Lowmoor is in the project as an observation already; importing its text again does not change its kind" \
    "importing a source again as another kind says that its kind stays"
run import p.margin "dir with spaces/Réunion à Lowmoor.txt"
expect_equal "$out" "imported 0 sources (1 already in the project)" \
    "without --kind, importing it again is an ordinary re-import"

# Importing a source again with another case does not relink it, and says so.
printf 'Interviewer: Again?\nRespondent: Again.\n' >again.txt
run import p.margin again.txt --case P01
expect_ok "a source imports with its case"
run import p.margin again.txt --case P02
expect_error 1 "again.txt: the project already has this text as source 'again', linked to case P01; importing it again does not link it to case P02, so nothing was changed. To link it, run margin source relink p.margin again --case P02" \
    "importing it again with another case says it does not relink, and what does"
run import p.margin again.txt
expect_equal "$status $out" "0 imported 0 sources (1 already in the project)" "without a case it is simply already there"

finish
