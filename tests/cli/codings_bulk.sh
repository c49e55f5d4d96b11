#!/bin/sh
# A codings import of 1,000 rows or more, at least twice as many as the project holds codings,
# tells its rows apart in memory and builds two indexes again; it must leave the same project as
# adding the rows one by one does, and a failure must leave the project as it was.
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1

python3 - <<'PY'
import csv, random
random.seed(7)
words = ["rota", "ward", "shift", "handover", "budget", "clinic", "café", "naïve", "Łódź", "—"]
with open("t1.txt", "w", encoding="utf-8") as f:
    for i in range(120):
        f.write("R: " + " ".join(random.choice(words) for _ in range(12)) + "\n")
codes = ["01.01.01", "01.01.02", "01.01.03", "01.02.01", "01.02.02", "01.03.01.01"]
memos = ["", "", "", "seen twice", "ask about it, later", "\"quoted\""]
def row(coder):
    start = random.randrange(0, 4000)
    return [coder, "t1", random.choice(codes), start, start + random.randrange(1, 60),
            random.choice(memos)]
spans = [row(random.choice("AB")) for _ in range(2200)] + [row("C") for _ in range(100)]
# Spans named again later in the file, some with another memo.
rows = list(spans)
for _ in range(200):
    again = list(random.choice(spans))
    again[5] = random.choice(memos)
    rows.insert(random.randrange(len(rows) + 1), again)
header = ["coder", "source", "code", "start", "end", "memo"]
def write(name, part):
    with open(name, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(part)
write("big.csv", rows)
# What the projects hold before: 700 codings, some of them spans of big.csv with other memos.
write("held.csv", [list(r[:5]) + [random.choice(memos)] for r in random.sample(spans, 300)] +
      [row("A") for _ in range(400)])
# big.csv in pieces small enough to be added row by row.
for i in range(0, len(rows), 800):
    write("piece%d.csv" % (i // 800), rows[i:i + 800])
PY

for p in one two; do
    margin init $p.margin >/dev/null
    margin codebook import $p.margin "$SOURCE_ROOT/codebooks/pcn-2020.yaml" >/dev/null
    margin import $p.margin t1.txt >/dev/null
    margin codings import $p.margin held.csv >/dev/null
done
expect_equal "$(sql one.margin "select count(*) from codings")" "700" "the projects hold 700 codings"

# What must not change: every row of the tables an import writes, and the schema, in its order.
dump() {
    sql "$1" "select id, source_id, code_id, coder_id, start, end, ifnull(memo, '-'), detached
        from codings order by id" >"$2"
    sql "$1" "select * from code_usage order by code_id, coder_id" >>"$2"
    sql "$1" "select * from sqlite_sequence order by name" >>"$2"
    sql "$1" "select id, name from coders order by id" >>"$2"
    sql "$1" "select id, batch, operation, summary, state from journal order by id" >>"$2"
}
schema() {
    sql "$1" "select type, name, tbl_name, sql from sqlite_master $2" >"$3"
}

# A bad row near the end refuses the whole file, naming its line.
cp big.csv bad.csv
printf 'A,t1,01.01.01,10,99999,\n' >>bad.csv
dump one.margin before.txt
schema one.margin "" schema-before.txt
schema one.margin "order by name" schema-named.txt
run codings import one.margin bad.csv
expect_error 1 "bad.csv:2502: the span 10-99999 ends past the end of t1, which has $(sql one.margin "select length from sources") characters" \
    "a bad row at the end of a large file is refused with its line"
dump one.margin after.txt
schema one.margin "" schema-after.txt
same_file before.txt after.txt "and nothing of the file is added"
same_file schema-before.txt schema-after.txt "and the indexes and triggers are as they were, in their order"

# A disk that fills while the codings are written leaves the project as it was too.
size=$(wc -c <one.margin)
prlimit --fsize=$((size + 30000)) ${MARGIN_WRAPPER:-} "$MARGIN" codings import one.margin big.csv \
    >"$work/stdout" 2>"$work/stderr"
status=$?
err=$(cat "$work/stderr")
expect_contains "$status $err" "1 margin: one.margin: " "a large import that fills the disk fails"
expect_contains "$err" "Is the disk full?" "and says why"
dump one.margin after.txt
schema one.margin "" schema-after.txt
same_file before.txt after.txt "and adds nothing"
same_file schema-before.txt schema-after.txt "and leaves the indexes and triggers as they were"
expect_equal "$(ls one.margin-journal 2>/dev/null)" "" "with no journal left to roll back"

# The whole file at once (2,500 rows into 700 codings) against the same rows in pieces of 800.
run codings import one.margin big.csv
expect_ok "the large import succeeds"
bulk=$out
expect_equal "$(sql one.margin "select name from sqlite_master where type = 'index'
    and tbl_name = 'codings' order by rowid desc limit 2")" "codings_unique
codings_source" "it built codings_unique and codings_source again (they come last)"
for piece in piece0.csv piece1.csv piece2.csv piece3.csv; do
    run codings import two.margin $piece
    printf '%s\n' "$out" >>pieces.txt
done
expect_equal "$(sql two.margin "select name from sqlite_master where type = 'index'
    and tbl_name = 'codings' order by rowid desc limit 2")" "codings_memo
codings_source" "the pieces were added row by row (the indexes stay where they were)"
expect_equal "$bulk" "$(awk '{a += $2; m += $4; p += $(NF - 2)} END {
    printf "codings: %d added, %d with a changed memo, %d already present", a, m, p}' pieces.txt)" \
    "the large import reports what the pieces add up to"
expect_contains "$bulk" "with a changed memo" "some rows changed a memo"
sql one.margin "select id, source_id, code_id, coder_id, start, end, ifnull(memo, '-'), detached
    from codings order by id" >one.txt
sql two.margin "select id, source_id, code_id, coder_id, start, end, ifnull(memo, '-'), detached
    from codings order by id" >two.txt
same_file one.txt two.txt "the same codings under the same ids, with the same memos"
for query in "select * from code_usage order by code_id, coder_id" \
    "select * from sqlite_sequence order by name" "select id, name from coders order by id"; do
    expect_equal "$(sql one.margin "$query")" "$(sql two.margin "$query")" "the same: $query"
done
schema one.margin "order by name" schema-one.txt
schema two.margin "order by name" schema-two.txt
same_file schema-one.txt schema-two.txt "the same indexes and triggers"
same_file schema-named.txt schema-one.txt "as before the imports"
run check one.margin
expect_equal "$status $out" "0 one.margin: no problems found" "margin check finds the counts right"
run codings import one.margin big.csv
expect_contains "$status $out" "0 codings: 0 added, " "importing the file again adds nothing"
finish
