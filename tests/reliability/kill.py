#!/usr/bin/env python3
"""Kills margin with SIGKILL at random moments while it writes, and checks what is left.

    kill.py --margin PATH [--rounds N] [--seed S] [--scale small|full] [--workdir DIR]
            [--sabotage] [--summary FILE]

Each round runs one writing command against one project (the sample project, grown by the
rounds): an import of transcripts, a `margin source update` of a source's text (whose codings
must all survive, with their memos, moved, shrunk or detached), a `margin redact` of a word
of the transcripts (the same, in every source, with none of the word left), a `margin code` of a random span (sometimes with a memo), a
`margin codings import`, a `margin cases import`, a `margin codebook import`, a `margin merge`
of a copy of the project to which codings were added, the screen in script mode (--script)
coding speaker turns and undoing and redoing, or the comparison screen in script mode settling
disagreements between coders A and B into a consensus coder (adjudication), or an export (segments,
codebook, counts, a workbook, matrix, memos, comparison; with or without --safe-csv) to a file,
a symbolic link, a full device, a FIFO being read or the project itself, or two coders' undo
and redo interleaved on the screen (B adds a code, A codes with it, B perhaps deletes it, then
each presses u or Ctrl-R in a random order). A killer sends SIGKILL after a random delay (measured from the
start, or from the moment the project's rollback journal appears), or lets the command
finish. What each command acknowledged is recorded: its output when it returned 0, and for
script mode every "coded ..." or "settled ..." message its @state dumps printed before it died.

After each round: the first program to open the project (margin check, info, list, export,
or Python's sqlite3, chosen at random) must succeed, hot journal or not; then
PRAGMA integrity_check is "ok", PRAGMA foreign_key_check is empty, `margin check` finds no
problem, everything acknowledged so far is in the project (every coding with its span, code,
coder and memo, every source with its text's SHA-256, every case and code, every decision
with its choice), and a killed command left all of its work or none of it. An export leaves
its target what it was (a link a link, a device a device, a FIFO a FIFO), a file either as it
was or complete, a full device reported as full, and a project refused and unchanged; every
interleaved undo or redo is done or refused with its reason, never a constraint error.

The random choices (commands, their data, the delays) follow --seed; the moment the kill
lands also depends on the machine. Prints TAP, one line per round, and a summary.
--sabotage deletes an acknowledged coding behind margin's back after the third round (making
one first when no round has acknowledged any), and passes only if the checks report exactly
that coding missing.
"""
import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import stat
import tempfile
import threading
import time
import zipfile

WORDS = (
    "the board met and talked about money staff practices network patients rota funding "
    "clinical director manager pharmacist social prescriber meeting partners workload "
    "contract hub appointment waiting list trust care home visit Zoë Siobhán café naïve "
    "— “quoted” 12k £5 €7 日本 🙂"
).split()


class Failure(Exception):
    pass


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def transcript(rng, turns):
    """A random interview transcript with speaker labels, LF line endings."""
    lines = []
    for t in range(turns):
        speaker = "Interviewer" if t % 2 == 0 else "Respondent"
        n = rng.randint(4, 60)
        lines.append(speaker + ": " + " ".join(rng.choice(WORDS) for _ in range(n)))
        if rng.random() < 0.2:
            lines.append("")
    return "\n".join(lines) + "\n"


def csv_cell(value):
    if any(c in value for c in ',"\r\n') or value != value.strip():
        return '"' + value.replace('"', '""') + '"'
    return value


def memo_text(rng):
    return rng.choice(
        [
            None,
            "plain memo",
            'a "quoted" memo, with a comma',
            "two\nlines",
            "tab\there",
            "'); DROP TABLE codings; --",
            "Zoë — ünïcode 🙂",
        ]
    )


class Project:
    """The project file and a read-only view of it through Python's sqlite3."""

    def __init__(self, path):
        self.path = path

    def connect(self):
        db = sqlite3.connect(self.path, timeout=10)
        db.execute("PRAGMA foreign_keys = ON")
        return db

    def codes(self):
        """Every code as (id, number, codable), numbered as margin shows them."""
        db = self.connect()
        rows = db.execute("SELECT id, parent_id, position, codable FROM codes").fetchall()
        db.close()
        by_id = {r[0]: r for r in rows}

        def number(i):
            parts = []
            while i is not None:
                parts.append("%02d" % by_id[i][2])
                i = by_id[i][1]
            return ".".join(reversed(parts))

        return [(r[0], number(r[0]), r[3]) for r in rows]

    def sources(self):
        db = self.connect()
        rows = db.execute("SELECT id, name, length FROM sources ORDER BY name").fetchall()
        db.close()
        return rows


class Harness:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.margin = os.path.abspath(args.margin)
        self.root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        self.work = args.workdir or tempfile.mkdtemp(prefix="margin-kill.")
        os.makedirs(self.work, exist_ok=True)
        self.small = args.scale == "small"
        self.env = dict(os.environ)
        self.env["MARGIN_BUSY_TIMEOUT"] = "10000"
        # Workbooks are made in a temporary folder: keep a killed one's in the work folder.
        self.env["TMPDIR"] = self.work
        # A full device of our own where we may make one (as root), so that a regression writes
        # over it rather than over the system's /dev/full.
        self.full = os.path.join(self.work, "full")
        try:
            os.mknod(self.full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        except OSError:
            self.full = "/dev/full"
        # stdbuf's preloaded library must not upset AddressSanitizer's check of the load order.
        self.env["ASAN_OPTIONS"] = (self.env.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0").lstrip(":")
        self.durations = {}
        self.stats = {"rounds": 0, "killed": 0, "finished": 0, "hot_journals": 0,
                      "failures": 0, "acknowledged_codings": 0, "acknowledged_sources": 0,
                      "acknowledged_cases": 0, "acknowledged_codes": 0,
                      "acknowledged_decisions": 0, "epochs": 0,
                      "by_operation": {}, "first_openers": {}}
        self.epoch = 0
        self.round = 0
        self.test_number = 0
        self.results = []
        self.sabotaged = 0

    # ---- running margin ------------------------------------------------------------------

    def run(self, *args, check=True):
        p = subprocess.run([self.margin] + list(args), capture_output=True, text=True,
                           env=self.env, cwd=self.work)
        if check and p.returncode != 0:
            raise Failure("margin %s failed (%d): %s" % (" ".join(args), p.returncode, p.stderr.strip()))
        return p

    def run_killable(self, name, argv):
        """Runs argv, killing it at a random moment or not; returns (status, stdout, stderr,
        killed, delay in ms, mode)."""
        journal = self.project.path + "-journal"
        expected = self.durations.get(name, 0.15)
        r = self.rng.random()
        mode = "none" if r < 0.12 else "journal" if r < 0.55 else "time"
        if name == "export" and mode == "journal":
            mode = "time"  # an export reads the project: no journal appears
        # After the journal appears, what is left of the command is less than its usual duration.
        delay = self.rng.uniform(0, expected * 1.3 if mode == "time" else min(expected, 0.025))
        started = time.monotonic()
        p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=self.env,
                             cwd=self.work)
        killed = False
        if mode == "journal":
            deadline = started + expected * 3 + 1
            while p.poll() is None and not os.path.exists(journal) and time.monotonic() < deadline:
                time.sleep(0.0002)
        if mode != "none":
            time.sleep(delay)
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
                killed = True
        out, err = p.communicate()
        elapsed = time.monotonic() - started
        if p.returncode == -signal.SIGKILL:
            killed = True
        elif p.returncode == 0:
            old = self.durations.get(name)
            self.durations[name] = elapsed if old is None else 0.7 * old + 0.3 * elapsed
            killed = False
        return p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), killed, delay * 1000, mode

    # ---- the project and what it must hold ------------------------------------------------

    def new_epoch(self):
        """A fresh project: the sample project and two more transcripts."""
        self.epoch += 1
        self.stats["epochs"] += 1
        path = os.path.join(self.work, "project.margin")
        for suffix in ("", "-journal"):
            if os.path.exists(path + suffix):
                os.unlink(path + suffix)
        self.project = Project(path)
        # The sample project: the PCN codebook, six sources, two coders (A and B) who disagree.
        subprocess.run([os.path.join(self.root, "scripts", "sample-project"), self.margin, path],
                       check=True, env=self.env)
        files = []
        for i in range(2):
            name = os.path.join(self.work, "base%02d.txt" % i)
            with open(name, "w", encoding="utf-8") as f:
                f.write(transcript(self.rng, 40))
            files.append(name)
        self.run("import", path, *files)
        # What must be there: (coder, source, code_id, start, end) -> memo; sources by name ->
        # sha256; case names; code names.
        self.codings = {}
        self.sources = {}
        self.cases = set()
        self.code_names = set()
        self.decisions = {}  # (consensus, source, start, end) -> choice
        self.pending = []  # checks for killed commands, run once and then dropped
        self.next_code_number = 1

    def random_span(self, sources):
        sid, name, length = self.rng.choice(sources)
        start = self.rng.randrange(0, max(1, length - 1))
        end = self.rng.randint(start + 1, min(length, start + 400))
        return name, start, end

    def codable(self):
        return [(i, n) for i, n, c in self.project.codes() if c]

    # ---- operations: each returns (argv, on_success(stdout), on_kill()) -------------------

    def op_import(self):
        names = []
        texts = {}
        for k in range(self.rng.randint(1, 3)):
            name = "r%04d%s" % (self.round, "abc"[k])
            turns = self.rng.randint(20, 60 if self.small else 400)
            text = transcript(self.rng, turns)
            with open(os.path.join(self.work, name + ".txt"), "w", encoding="utf-8") as f:
                f.write(text)
            names.append(name)
            texts[name] = text
        argv = [self.margin, "import", self.project.path] + [n + ".txt" for n in names]
        if self.rng.random() < 0.5:
            argv += ["--case", "case%04d" % self.round]

        def success(out):
            want = "imported %d source%s" % (len(names), "" if len(names) == 1 else "s")
            if out.strip() != want:
                raise Failure("import printed %r, expected %r" % (out.strip(), want))
            for n in names:
                self.sources[n] = sha256(texts[n])
            self.stats["acknowledged_sources"] += len(names)

        def killed():
            db = self.project.connect()
            found = db.execute("SELECT count(*) FROM sources WHERE name LIKE ?",
                               ("r%04d_" % self.round,)).fetchone()[0]
            db.close()
            if found not in (0, len(names)):
                raise Failure("a killed import left %d of its %d sources" % (found, len(names)))

        return argv, success, killed

    def op_code(self):
        sources = self.project.sources()
        name, start, end = self.random_span(sources)
        code_id, number = self.rng.choice(self.codable())
        coder = self.rng.choice(["K1", "K2", "Kæ"])
        memo = memo_text(self.rng)
        argv = [self.margin, "code", self.project.path, "--coder", coder, "--source", name,
                "--code", number, "--start", str(start), "--end", str(end)]
        if memo:
            argv += ["--memo", memo]
        key = (coder, name, code_id, start, end)

        def success(out):
            said = out.strip()
            if said.startswith("coded %s %d-%d as " % (name, start, end)):
                self.codings[key] = memo
                self.stats["acknowledged_codings"] += 1
            elif said.startswith("changed the memo of the coding of %s %d-%d as " % (name, start, end)):
                self.codings[key] = memo
            elif said.startswith("already coded: %s %d-%d as " % (name, start, end)):
                if key not in self.codings:
                    self.codings[key] = "?"  # coded before by a killed command
            else:
                raise Failure("code printed %r" % out.strip())

        def killed():
            # A killed command may or may not have given an existing coding its new memo.
            if key in self.codings and memo:
                self.codings[key] = "?"

        return argv, success, killed

    def op_codings(self):
        sources = self.project.sources()
        codable = self.codable()
        coder = "I%04d" % self.round
        rows = {}
        for _ in range(self.rng.randint(2, 30 if self.small else 300)):
            name, start, end = self.random_span(sources)
            code_id, number = self.rng.choice(codable)
            rows[(coder, name, code_id, start, end)] = (number, memo_text(self.rng))
        path = os.path.join(self.work, "codings%04d.csv" % self.round)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("coder,source,code,start,end,memo\r\n")
            for (c, name, _, start, end), (number, memo) in rows.items():
                f.write(",".join(csv_cell(v) for v in (c, name, number, str(start), str(end), memo or "")) + "\r\n")
        argv = [self.margin, "codings", "import", self.project.path, path]

        def success(out):
            if out.strip() != "codings: %d added" % len(rows):
                raise Failure("codings import printed %r for %d rows" % (out.strip(), len(rows)))
            for key, (_, memo) in rows.items():
                self.codings[key] = memo
            self.stats["acknowledged_codings"] += len(rows)

        def killed():
            self.all_or_nothing_coder(coder, len(rows), "codings import")

        return argv, success, killed

    def source_state(self, name=None):
        """The SHA-256 and text of source `name` (None, None for all), and its (or every
        source's) codings by id ((coder, source, code, start, end), memo) and decisions by id
        ((consensus, source, start, end), choice)."""
        db = self.project.connect()
        text = db.execute("SELECT t.text FROM source_texts t JOIN sources s ON s.id = t.source_id "
                          "WHERE s.name = ?", (name,)).fetchone()[0] if name else None
        codings = {r[0]: (tuple(r[1:6]), r[6]) for r in db.execute(
            "SELECT c.id, d.name, s.name, c.code_id, c.start, c.end, c.memo FROM codings c "
            "JOIN coders d ON d.id = c.coder_id JOIN sources s ON s.id = c.source_id "
            "WHERE ?1 IS NULL OR s.name = ?1", (name,))}
        decisions = {r[0]: (tuple(r[1:5]), r[5]) for r in db.execute(
            "SELECT d.id, c.name, s.name, d.start, d.end, d.choice FROM decisions d "
            "JOIN coders c ON c.id = d.consensus_id JOIN sources s ON s.id = d.source_id "
            "WHERE ?1 IS NULL OR s.name = ?1", (name,))}
        db.close()
        return (sha256(text) if name else None), text, codings, decisions

    def follow(self, what, codings, decisions, name=None):
        """Checks that no coding was lost or gained and no memo changed by a change of texts,
        and moves the acknowledged codings and decisions to their new spans."""
        _, _, after, decided = self.source_state(name)
        if set(after) != set(codings):
            raise Failure("%s lost or added codings: %s" % (what, sorted(set(after) ^ set(codings))[:5]))
        for i, (key, memo) in codings.items():
            if after[i][1] != memo:
                raise Failure("%s changed the memo of coding %d" % (what, i))
        renamed = {key: after[i][0] for i, (key, _) in codings.items()}
        acknowledged = {k: self.codings.pop(k) for k in list(renamed) if k in self.codings}
        for k, memo in acknowledged.items():
            self.codings[renamed[k]] = memo
        for coder, keys in self.script_coders.items():
            self.script_coders[coder] = {renamed.get(k, k) for k in keys}
        moved = {key: decided[i][0] if i in decided else None for i, (key, _) in decisions.items()}
        kept = {k: self.decisions.pop(k) for k in list(moved) if k in self.decisions}
        for k, choice in kept.items():
            if moved[k] is not None:
                self.decisions[moved[k]] = choice

    def op_update(self):
        """`margin source update` of a source with a few deletions, insertions and
        replacements: every coding must survive it (moved, shrunk or detached) with its memo."""
        sources = [s for s in self.project.sources() if s[2] > 400]
        _, name, _ = self.rng.choice(sources)
        old_sha, text, codings, decisions = self.source_state(name)
        new = text
        for _ in range(self.rng.randint(1, 6)):
            at = self.rng.randrange(0, len(new) - 1)
            cut = self.rng.randint(0, 300)
            put = " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(0, 8)))
            new = new[:at] + put + new[at + cut:]
        new = (new if new.strip() else "") + "Revised in round %d.\n" % self.round
        path = os.path.join(self.work, "update%04d.txt" % self.round)
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)
        new_sha = sha256(new)
        argv = [self.margin, "source", "update", self.project.path, name, path]
        if self.rng.random() < 0.5:
            argv += ["--coder", "K1"]

        def moved():
            self.follow("source update", codings, decisions, name)
            if name in self.sources:
                self.sources[name] = new_sha

        def success(out):
            if not out.startswith(name + ": "):
                raise Failure("source update printed %r" % out[:200])
            if self.source_state(name)[0] != new_sha:
                raise Failure("source update reported success but the text is not the new one")
            moved()

        def killed():
            sha, _, after, _ = self.source_state(name)
            if sha == old_sha:
                if after != codings:
                    raise Failure("a killed source update left the old text with moved codings")
            elif sha == new_sha:
                moved()
            else:
                raise Failure("a killed source update left a text that is neither old nor new")

        return argv, success, killed

    def op_redact(self):
        """`margin redact` of one word of the transcripts (never of a memo, coder or case):
        every coding must survive with its memo, and none of the word be left."""
        word = self.rng.choice(["pharmacist", "rota", "hub", "café", "Siobhán", "contract"])
        _, _, codings, decisions = self.source_state()
        # Redaction leaves no trace of the word in memos either (the sample's own memos, or
        # memos joined with them, may hold it): the memos to expect have it replaced.
        whole = re.compile(r"(?<!\w)%s(?!\w)" % re.escape(word))
        redacted = {i: (key, whole.sub("[W%d]" % self.round, memo) if memo else memo)
                    for i, (key, memo) in codings.items()}
        path = os.path.join(self.work, "map%04d.csv" % self.round)
        with open(path, "w", encoding="utf-8") as f:
            f.write("original,replacement\n%s,[W%d]\n" % (word, self.round))
        argv = [self.margin, "redact", self.project.path, "--map", path]

        def left():
            db = self.project.connect()
            n = db.execute("SELECT count(*) FROM source_texts WHERE ' ' || text || ' ' GLOB ?",
                           ("*[^a-zA-Z]%s[^a-zA-Z]*" % word,)).fetchone()[0]
            db.close()
            return n

        def applied():
            self.follow("redact", redacted, decisions)
            db = self.project.connect()
            stored = dict(db.execute("SELECT name, sha256 FROM sources").fetchall())
            db.close()
            for n in self.sources:
                self.sources[n] = stored.get(n)

        def success(out):
            if "the project file was rewritten" not in out:
                raise Failure("redact printed %r" % out[-200:])
            if left():
                raise Failure("redact left '%s' in %d sources" % (word, left()))
            applied()

        def killed():
            db = self.project.connect()
            done = db.execute("SELECT count(*) FROM journal WHERE operation = 'project.redact' "
                              "AND undo IS NULL AND id = (SELECT max(id) FROM journal)").fetchone()[0]
            db.close()
            if done and not left():
                applied()
            else:
                _, _, after, _ = self.source_state()
                if {i: v for i, v in after.items()} != codings:
                    raise Failure("a killed redaction left codings moved without its text")

        return argv, success, killed

    def all_or_nothing_coder(self, coder, n, what):
        db = self.project.connect()
        found = db.execute("SELECT count(*) FROM codings c JOIN coders d ON d.id = c.coder_id "
                           "WHERE d.name = ?", (coder,)).fetchone()[0]
        db.close()
        if found not in (0, n):
            raise Failure("a killed %s left %d of its %d codings" % (what, found, n))

    def op_cases(self):
        names = ["c%04d_%d" % (self.round, i) for i in range(self.rng.randint(1, 20))]
        path = os.path.join(self.work, "cases%04d.csv" % self.round)
        with open(path, "w", encoding="utf-8") as f:
            f.write("case,site,age,joined\n")
            for n in names:
                f.write("%s,Site %s,%d,2020-0%d-1%d\n" % (n, self.rng.choice("ABCD"), self.rng.randint(20, 70),
                                                         self.rng.randint(1, 9), self.rng.randint(0, 9)))
        argv = [self.margin, "cases", "import", self.project.path, path]

        def success(out):
            if out.strip() != "cases: %d added, 0 updated" % len(names):
                raise Failure("cases import printed %r" % out.strip())
            self.cases.update(names)
            self.stats["acknowledged_cases"] += len(names)

        def killed():
            db = self.project.connect()
            found = db.execute("SELECT count(*) FROM cases WHERE name LIKE ?",
                               ("c%04d_%%" % self.round,)).fetchone()[0]
            db.close()
            if found not in (0, len(names)):
                raise Failure("a killed cases import left %d of its %d cases" % (found, len(names)))

        return argv, success, killed

    def op_codebook(self):
        names = []
        lines = ['format: margin-codebook 1', 'codes:', '  - number: "90"',
                 '    name: Harness codes', '    codable: false', '    codes:']
        for j in range(self.rng.randint(1, 8)):
            name = "R%04d code %d" % (self.round, j)
            names.append(name)
            lines.append('      - number: "90.%02d"' % self.next_code_number)
            lines.append('        name: "%s"' % name)
            lines.append('        description: "added by round %d"' % self.round)
            self.next_code_number += 1
        path = os.path.join(self.work, "codebook%04d.yaml" % self.round)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        argv = [self.margin, "codebook", "import", self.project.path, path]

        def success(out):
            # The heading 90 is added by the first codebook import of a project.
            m = re.match(r"codebook: (\d+) added, 0 updated, ([01]) unchanged; the project has \d+ codes$",
                         out.strip())
            if not m or int(m.group(1)) + int(m.group(2)) != len(names) + 1:
                raise Failure("codebook import printed %r" % out.strip())
            self.code_names.update(names)
            self.stats["acknowledged_codes"] += len(names)

        def killed():
            db = self.project.connect()
            found = db.execute("SELECT count(*) FROM codes WHERE name LIKE ?",
                               ("R%04d code %%" % self.round,)).fetchone()[0]
            db.close()
            if found not in (0, len(names)):
                raise Failure("a killed codebook import left %d of its %d codes" % (found, len(names)))

        return argv, success, killed

    def op_merge(self):
        other = os.path.join(self.work, "other.margin")
        for suffix in ("", "-journal"):
            if os.path.exists(other + suffix):
                os.unlink(other + suffix)
        shutil.copy(self.project.path, other)
        sources = self.project.sources()
        codable = self.codable()
        coder = "M%04d" % self.round
        rows = {}
        for _ in range(self.rng.randint(1, 20 if self.small else 150)):
            name, start, end = self.random_span(sources)
            code_id, number = self.rng.choice(codable)
            rows[(coder, name, code_id, start, end)] = (number, memo_text(self.rng))
        path = os.path.join(self.work, "merge%04d.csv" % self.round)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("coder,source,code,start,end,memo\n")
            for (c, name, _, start, end), (number, memo) in rows.items():
                f.write(",".join(csv_cell(v) for v in (c, name, number, str(start), str(end), memo or "")) + "\n")
        self.run("codings", "import", other, path)
        argv = [self.margin, "merge", self.project.path, other]

        def success(out):
            first = out.splitlines()[0] if out else ""
            # Every coding of the copy is offered; those already in the project are skipped.
            m = re.match(r"merged (\d+) codings? from .*other\.margin: (\d+) added, (\d+) already present$", first)
            if not m or int(m.group(2)) != len(rows):
                raise Failure("merge printed %r for %d new codings" % (out.strip(), len(rows)))
            for key, (_, memo) in rows.items():
                self.codings[key] = memo
            self.stats["acknowledged_codings"] += len(rows)

        def killed():
            self.all_or_nothing_coder(coder, len(rows), "merge")

        return argv, success, killed

    def op_script(self):
        """The screen in script mode: code speaker turns, undo and redo, with @state after each."""
        sources = self.project.sources()
        codable = self.codable()
        coder = "S%04d" % self.round
        index = self.rng.randrange(len(sources))
        lines = ["S", " ".join(["j"] * index) + " <Enter>" if index else "<Enter>", "@state"]
        plan = []
        stack = 0
        redo = 0
        turns = list(range(12))
        self.rng.shuffle(turns)
        for _ in range(self.rng.randint(3, 8)):
            r = self.rng.random()
            if r < 0.2 and stack:
                plan.append("undo")
                lines.append("u")
                stack, redo = stack - 1, redo + 1
            elif r < 0.35 and redo:
                plan.append("redo")
                lines.append("<C-r>")
                stack, redo = stack + 1, redo - 1
            elif turns:
                k = turns.pop()
                _, number = self.rng.choice(codable)
                plan.append("code")
                lines.append("gg " + " ".join(["t"] * k) + " v it c " + number + " <Enter>")
                stack, redo = stack + 1, 0
            else:
                continue
            lines.append("@state")
        lines.append("q")
        path = os.path.join(self.work, "screen%04d.script" % self.round)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        argv = ["stdbuf", "-oL", self.margin, "--script", path, "--size", "24x80", "--coder", coder,
                self.project.path]
        numbers = {n: i for i, n, _ in self.project.codes()}
        pattern = re.compile(r"^message: (undone: |redone: )?coded (\S+) (\d+)-(\d+) as (\S+) ")

        # What a step may answer when it changes nothing: `t` stops at the last turn, so two
        # codings of a short source can land on one turn, and an undo or redo then has less to do.
        refusals = {"code": "message: already coded: ", "undo": "message: nothing to undo",
                    "redo": "message: nothing to redo"}

        def replay(out):
            """The acknowledged state: codings present, the undo and redo stacks, and how many
            operations were acknowledged (a refusal that changed nothing counts as one)."""
            present, undo_stack, redo_stack = set(), [], []
            acks = 0
            # The first @state comes before any operation: its message (if any) is not an ack.
            # A dump cut short by the kill has no message line yet, or only part of one.
            for block in re.split(r"@state \(line \d+\)\n", out)[2:]:
                lines_ = block.split("\n")
                msg = [l for l in lines_[:-1] if l.startswith("message: ")]
                if not msg:
                    break
                step = plan[acks] if acks < len(plan) else None
                if step and msg[0].startswith(refusals[step]):
                    acks += 1
                    continue
                m = pattern.match(msg[0])
                if not m:
                    raise Failure("script printed %r" % msg[0])
                key = (coder, m.group(2), numbers[m.group(5)], int(m.group(3)), int(m.group(4)))
                kind = m.group(1) or ""
                if kind == "":
                    present.add(key)
                    undo_stack.append(key)
                    redo_stack = []
                elif kind == "undone: ":
                    present.discard(key)
                    redo_stack.append(undo_stack.pop())
                else:
                    present.add(key)
                    undo_stack.append(redo_stack.pop())
                acks += 1
            return present, undo_stack, redo_stack, acks

        def actual():
            db = self.project.connect()
            rows = db.execute(
                "SELECT d.name, s.name, c.code_id, c.start, c.end FROM codings c "
                "JOIN coders d ON d.id = c.coder_id JOIN sources s ON s.id = c.source_id "
                "WHERE d.name = ?", (coder,)).fetchall()
            db.close()
            return set(rows)

        def success(out):
            present, _, _, acks = replay(out)
            if acks != len(plan):
                raise Failure("the script acknowledged %d of %d operations" % (acks, len(plan)))
            for key in present:
                self.codings[key] = None
            self.stats["acknowledged_codings"] += len(present)
            self.script_coders[coder] = set(present)

        def killed_with(out):
            present, undo_stack, redo_stack, acks = replay(out)
            have = actual()
            inflight = plan[acks] if acks < len(plan) else None
            ok = have == present
            if not ok and inflight == "code":
                ok = present <= have and len(have - present) == 1
            elif not ok and inflight == "undo" and undo_stack:
                ok = have == present - {undo_stack[-1]}
            elif not ok and inflight == "redo" and redo_stack:
                ok = have == present | {redo_stack[-1]}
            if not ok:
                raise Failure("after %d acknowledged operations (next: %s) the screen's codings are %s, "
                              "expected %s" % (acks, inflight, sorted(have), sorted(present)))
            # What is in the file now (the acknowledged state, give or take the operation under
            # way when the kill came) is what later rounds must keep.
            for key in have:
                self.codings[key] = None
            self.stats["acknowledged_codings"] += len(present & have)
            self.script_coders[coder] = have

        return argv, success, killed_with

    def op_export(self):
        """An export to a file, a link, a full device, a FIFO with a reader or the project."""
        path = self.project.path
        n = self.round
        target_kind = self.rng.choice(["file", "new file", "link", "device", "fifo", "project"])
        old = b"old contents\n"
        if target_kind in ("file", "new file"):
            target = os.path.join(self.work, "out%04d" % n)
            if target_kind == "file":
                with open(target, "wb") as f:
                    f.write(old)
        elif target_kind == "link":
            target = os.path.join(self.work, "link%04d" % n)
            with open(target + ".target", "wb") as f:
                f.write(old)
            os.symlink(os.path.basename(target) + ".target", target)
        elif target_kind == "device":
            target = self.full
        elif target_kind == "fifo":
            target = os.path.join(self.work, "fifo%04d" % n)
            os.mkfifo(target)
        else:
            target = path
        writers = [
            ("segments", ["export", path, "--segments", target]),
            ("codebook", ["codebook", "export", path, "--format", "csv", "--output", target]),
            ("counts", ["counts", path, "--format", "csv", "--output", target]),
            ("workbook", ["counts", path, "--format", "xlsx", "--output", target]),
            ("matrix", ["matrix", path, "--format", "csv", "--output", target]),
            ("memos", ["memos", path, "--format", "csv", "--output", target]),
            ("compare", ["compare", path, "--coders", "A,B", "--format", "csv", "--output", target]),
        ]
        what, args = self.rng.choice(writers)
        if self.rng.random() < 0.5 and what != "workbook":
            args.append("--safe-csv")
        before = open(path, "rb").read() if target_kind == "project" else None
        # A FIFO's reader: it holds the FIFO open from before margin starts until margin has
        # ended and the FIFO is empty.
        received = bytearray()
        done = threading.Event()
        reader = None
        if target_kind == "fifo":
            fd = os.open(target, os.O_RDWR | os.O_NONBLOCK)

            def read():
                import select
                while True:
                    ready, _, _ = select.select([fd], [], [], 0.05)
                    if ready:
                        received.extend(os.read(fd, 1 << 16))
                    elif done.is_set():
                        break
                os.close(fd)
            reader = threading.Thread(target=read, daemon=True)
            reader.start()

        def finish_reader():
            if reader:
                done.set()
                reader.join()

        def complete(data):
            if what == "workbook":
                try:
                    import io
                    return zipfile.ZipFile(io.BytesIO(data)).testzip() is None
                except zipfile.BadZipFile:
                    return False
            return data.endswith(b"\r\n") and data.count(b"\r\n") >= 1

        def contents():
            file = target + ".target" if target_kind == "link" else target
            return open(file, "rb").read() if os.path.exists(file) else None

        def same_kind():
            mode = os.lstat(target).st_mode if os.path.lexists(target) else 0
            ok = {"link": stat.S_ISLNK(mode), "device": stat.S_ISCHR(mode),
                  "fifo": stat.S_ISFIFO(mode)}.get(target_kind, True)
            if not ok:
                raise Failure("the export's target %s (a %s) is now %s" % (target, target_kind, oct(mode)))

        def unchanged_project():
            if target_kind == "project" and open(path, "rb").read() != before:
                raise Failure("an export aimed at the project changed it")

        def success(out):
            finish_reader()
            same_kind()
            if target_kind in ("device", "project"):
                raise Failure("an export to the %s succeeded" % target_kind)
            data = bytes(received) if target_kind == "fifo" else contents()
            if not complete(data or b""):
                raise Failure("a finished %s export to a %s is incomplete (%d bytes)"
                              % (what, target_kind, len(data or b"")))

        def refused(status, err):
            finish_reader()
            same_kind()
            unchanged_project()
            expected = {"device": "No space left on device", "project": "is a margin project"}
            if status != 1 or target_kind not in expected or expected[target_kind] not in err:
                raise Failure("%s export to a %s failed (%d): %s" % (what, target_kind, status, err.strip()))

        def killed():
            finish_reader()
            same_kind()
            unchanged_project()
            if target_kind in ("file", "new file", "link"):
                data = contents()
                if not (data is None and target_kind == "new file") and data != old and \
                        not complete(data or b""):
                    raise Failure("a killed %s export left %s neither as it was nor complete (%d bytes)"
                                  % (what, target_kind, len(data or b"")))

        return [self.margin] + args, success, killed, refused

    def op_undo2(self):
        """Two coders' undo histories interleaved: B adds a code, A codes with it, B perhaps
        deletes the code with A's coding; then each presses u or Ctrl-R on the screen in a random
        order, the last press under the killer. Every press must be done or refused with its
        reason: never a constraint error."""
        a, b = "UA%04d" % self.round, "UB%04d" % self.round
        path = self.project.path
        out = self.run("codebook", "add", path, "Probe %04d" % self.round, "--coder", b).stdout
        number = out.split()[1]
        name, start, end = self.random_span(self.project.sources())
        self.run("code", path, "--coder", a, "--source", name, "--code", number,
                 "--start", str(start), "--end", str(end))
        if self.rng.random() < 0.5:
            self.run("codebook", "delete", path, number, "--coder", b, "--yes")
        allowed = re.compile(r"^message: (undone: |redone: |\(error\) nothing to (undo|redo)$|"
                             r"\(error\) cannot (undo|redo) '.*': .*; it can no longer be (undone|redone), "
                             r"and the next (undo|redo) goes further back$)")

        def script(coder, key):
            file = os.path.join(self.work, "undo%04d-%s-%s.script" % (self.round, coder, "u" if key == "u" else "r"))
            with open(file, "w", encoding="utf-8") as f:
                f.write("%s\n@state\nq\n" % key)
            return ["stdbuf", "-oL", self.margin, "--script", file, "--size", "24x80", "--coder", coder, path]

        def checked(output):
            msg = [l for l in output.split("\n") if l.startswith("message: ")]
            if msg and not allowed.match(msg[-1]):
                raise Failure("an interleaved undo or redo printed %r" % msg[-1])

        # Half the rounds start with A's undo and B's, after which both have something to redo
        # that depends on the other's.
        steps = [(a, "u"), (b, "u")] if self.rng.random() < 0.5 else []
        steps += [(self.rng.choice([a, b]), self.rng.choice(["u", "<C-r>"]))
                  for _ in range(self.rng.randint(1, 4))]
        # The presses before the last: what they print is checked with the round's result, so
        # that a failure is reported as the round's.
        problems = []
        for coder, key in steps[:-1]:
            p = subprocess.run(script(coder, key), capture_output=True, text=True, env=self.env, cwd=self.work)
            try:
                if p.returncode != 0:
                    raise Failure("%s's %s failed (%d): %s" % (coder, key, p.returncode, p.stderr.strip()))
                checked(p.stdout)
            except Failure as e:
                problems.append(str(e))
        coder, key = steps[-1]

        def success(out):
            if problems:
                raise Failure(problems[0])
            checked(out)

        def killed_with(out):
            if problems:
                raise Failure(problems[0])
            # Output is line-buffered: all but the last line, which the kill may have cut, are whole.
            checked("\n".join(out.split("\n")[:-1]))

        return script(coder, key), success, killed_with

    def op_adjudicate(self):
        """The comparison screen in script mode: settle disagreements between A and B at one
        code into a new consensus coder, with @state after each decision."""
        consensus = "C%04d" % self.round
        keys = [self.rng.choice("abnoi") for _ in range(self.rng.randint(2, 8))]
        lines = ['C <C-u> "A,B" <Enter> j j j j j <Enter> <Enter>', "@state"]
        for k in keys:
            lines += [k, "@state"]
        path = os.path.join(self.work, "adjudicate%04d.script" % self.round)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        argv = ["stdbuf", "-oL", self.margin, "--script", path, "--size", "24x100", "--coder", "lead",
                "--consensus", consensus, self.project.path]
        choices = {"took A's coding": "first", "took B's coding": "second", "coded nothing": "neither",
                   "took what either coded": "union", "took what both coded": "intersection"}
        pattern = re.compile(r"^message: settled (\S+) in (\S+) (\d+)-(\d+): (.*)$")

        def acknowledged(out):
            settled = {}
            for block in re.split(r"@state \(line \d+\)\n", out)[2:]:
                msg = [l for l in block.split("\n")[:-1] if l.startswith("message: ")]
                if not msg:
                    break
                m = pattern.match(msg[0])
                # The last decision at a code adds "; all N disagreements here are settled ...".
                choice = m.group(5).split("; all ")[0] if m else None
                if choice not in choices:
                    raise Failure("the comparison script printed %r" % msg[0])
                settled[(consensus, m.group(2), int(m.group(3)), int(m.group(4)))] = choices[choice]
            return settled

        def actual():
            db = self.project.connect()
            rows = db.execute(
                "SELECT c.name, s.name, d.start, d.end, d.choice FROM decisions d "
                "JOIN coders c ON c.id = d.consensus_id JOIN sources s ON s.id = d.source_id "
                "WHERE c.name = ?", (consensus,)).fetchall()
            db.close()
            return {r[:4]: r[4] for r in rows}

        def success(out):
            settled = acknowledged(out)
            if len(settled) != len(keys):
                raise Failure("the comparison script settled %d of %d disagreements" % (len(settled), len(keys)))
            self.decisions.update(settled)
            self.stats["acknowledged_decisions"] += len(settled)

        def killed_with(out):
            settled = acknowledged(out)
            have = actual()
            extra = set(have) - set(settled)
            if any(have.get(k) != v for k, v in settled.items()) or len(extra) > 1:
                raise Failure("after %d acknowledged decisions the consensus %s has %s" % (len(settled), consensus, have))
            self.decisions.update(have)
            self.stats["acknowledged_decisions"] += len(settled)

        return argv, success, killed_with

    # ---- checks ---------------------------------------------------------------------------

    def first_open(self):
        """The first program to open the project after the command, hot journal or not."""
        choice = self.rng.choice(["check", "info", "list", "export", "python"])
        self.stats["first_openers"][choice] = self.stats["first_openers"].get(choice, 0) + 1
        path = self.project.path
        if choice == "python":
            db = self.project.connect()
            db.execute("SELECT count(*) FROM codings").fetchone()
            db.close()
            return choice
        argv = {"check": ["check", path], "info": ["info", path], "list": ["list", path, "codes"],
                "export": ["export", path, "--segments", "-"]}[choice]
        p = self.run(*argv, check=False)
        if p.returncode != 0:
            raise Failure("margin %s, the first to open the project, failed (%d): %s"
                          % (choice, p.returncode, p.stderr.strip()))
        return choice

    def verify(self):
        path = self.project.path
        db = self.project.connect()
        integrity = db.execute("PRAGMA integrity_check").fetchall()
        if integrity != [("ok",)]:
            raise Failure("integrity_check: %s" % integrity[:5])
        fk = db.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            raise Failure("foreign_key_check: %s" % fk[:5])
        rows = db.execute(
            "SELECT d.name, s.name, c.code_id, c.start, c.end, c.memo FROM codings c "
            "JOIN coders d ON d.id = c.coder_id JOIN sources s ON s.id = c.source_id").fetchall()
        have = {r[:5]: r[5] for r in rows}
        missing = [k for k in self.codings if k not in have]
        if missing:
            raise Failure("%d acknowledged codings are missing, such as %s" % (len(missing), missing[:3]))
        wrong = [(k, m, have[k]) for k, m in self.codings.items() if m != "?" and have[k] != m]
        if wrong:
            raise Failure("%d acknowledged codings have another memo, such as %s" % (len(wrong), wrong[:3]))
        for coder, keys in self.script_coders.items():
            now = {k for k in have if k[0] == coder}
            if now != keys:
                raise Failure("the screen's codings of %s changed after it ended: %s, were %s"
                              % (coder, sorted(now ^ keys)[:3], len(keys)))
        stored = dict(db.execute("SELECT name, sha256 FROM sources").fetchall())
        for name, digest in self.sources.items():
            if stored.get(name) != digest:
                raise Failure("the acknowledged source %s is %s" % (name, "missing" if name not in stored else "changed"))
        cases = {r[0] for r in db.execute("SELECT name FROM cases")}
        if not self.cases <= cases:
            raise Failure("acknowledged cases are missing: %s" % sorted(self.cases - cases)[:3])
        decided = {r[:4]: r[4] for r in db.execute(
            "SELECT c.name, s.name, d.start, d.end, d.choice FROM decisions d "
            "JOIN coders c ON c.id = d.consensus_id JOIN sources s ON s.id = d.source_id")}
        lost = [k for k, v in self.decisions.items() if decided.get(k) != v]
        if lost:
            raise Failure("%d acknowledged decisions are missing or changed, such as %s" % (len(lost), lost[:3]))
        names = {r[0] for r in db.execute("SELECT name FROM codes")}
        if not self.code_names <= names:
            raise Failure("acknowledged codes are missing: %s" % sorted(self.code_names - names)[:3])
        db.close()
        p = self.run("check", path, check=False)
        if p.returncode != 0 or p.stdout.strip() != path + ": no problems found":
            raise Failure("margin check: %s %s" % (p.stdout.strip(), p.stderr.strip()))

    # ---- the loop -------------------------------------------------------------------------

    def tap(self, ok, text, details=()):
        self.test_number += 1
        self.results.append((ok, text, details))
        if self.args.sabotage:
            # Only the verdict on the sabotage is a test; the rounds are comments.
            print("# %s %d - %s" % ("ok" if ok else "not ok", self.test_number, text))
        else:
            print("%s %d - %s" % ("ok" if ok else "not ok", self.test_number, text))
        for d in details:
            print("#   " + d)
        sys.stdout.flush()

    def one_round(self):
        self.round += 1
        weights = [("import", 2), ("code", 4), ("codings", 3), ("cases", 1), ("codebook", 1),
                   ("merge", 2), ("script", 3), ("adjudicate", 2), ("update", 2), ("redact", 1),
                   ("export", 2), ("undo2", 2)]
        name = self.rng.choices([w[0] for w in weights], [w[1] for w in weights])[0]
        argv, success, killed, *more = getattr(self, "op_" + name)()
        refused = more[0] if more else None
        status, out, err, was_killed, delay, mode = self.run_killable(name, argv)
        journal = self.project.path + "-journal"
        hot = os.path.exists(journal) and os.path.getsize(journal) > 0
        by = self.stats["by_operation"].setdefault(name, {"rounds": 0, "killed": 0, "hot_journals": 0})
        by["rounds"] += 1
        self.stats["rounds"] += 1
        try:
            if was_killed:
                self.stats["killed"] += 1
                by["killed"] += 1
                if hot:
                    self.stats["hot_journals"] += 1
                    by["hot_journals"] += 1
            elif status == 0:
                self.stats["finished"] += 1
                success(out)
            elif refused:
                self.stats["finished"] += 1
                refused(status, err)
            else:
                raise Failure("%s failed with status %d: %s" % (name, status, err.strip()))
            opener = self.first_open()
            if was_killed:
                # Read what a killed command left only once the project has been opened again.
                if name in ("script", "adjudicate", "undo2"):
                    killed(out)
                else:
                    killed()
            if self.args.sabotage and self.round >= 3 and not self.sabotaged:
                if not self.codings:
                    # The kills may have left nothing acknowledged yet (on a busy machine they
                    # land earlier in each command): make one coding that margin acknowledges.
                    name, start, end = self.random_span(self.project.sources())
                    code_id, number = self.codable()[0]
                    self.run("code", self.project.path, "--coder", "S", "--source", name,
                             "--code", number, "--start", str(start), "--end", str(end))
                    self.codings[("S", name, code_id, start, end)] = None
                coder, source, code_id, start, end = sorted(self.codings)[0]
                db = self.project.connect()
                db.execute("DELETE FROM codings WHERE coder_id = (SELECT id FROM coders WHERE name = ?) "
                           "AND source_id = (SELECT id FROM sources WHERE name = ?) AND code_id = ? "
                           "AND start = ? AND end = ?", (coder, source, code_id, start, end))
                db.commit()
                db.close()
                self.sabotaged = self.round
            self.verify()
            what = "killed after %.1f ms (%s)%s" % (delay, mode, ", hot journal" if hot else "") \
                if was_killed else "finished"
            self.tap(True, "round %d: %s %s; first opened by %s; intact" % (self.round, name, what, opener))
        except Failure as e:
            self.stats["failures"] += 1
            self.tap(False, "round %d: %s (%s)" % (self.round, name, "killed" if was_killed else "finished"),
                     [str(e), "stderr: " + err.strip()[:300]])
            # Carry on from a fresh project so that one failure does not hide the next.
            self.new_epoch()
            self.script_coders = {}

    def main(self):
        try:
            return self.rounds()
        finally:
            if not self.args.workdir:
                shutil.rmtree(self.work, ignore_errors=True)

    def rounds(self):
        started = time.monotonic()
        self.new_epoch()
        self.script_coders = {}
        per_epoch = 25 if self.small else 100
        for r in range(self.args.rounds):
            if r and r % per_epoch == 0:
                self.new_epoch()
                self.script_coders = {}
            self.one_round()
        elapsed = time.monotonic() - started
        s = self.stats
        s["seconds"] = round(elapsed, 1)
        s["seed"] = self.args.seed
        if self.args.sabotage:
            caught = [r for r in self.results if not r[0]]
            ok = len(caught) == 1 and caught[0][1].startswith("round %d:" % self.sabotaged) and \
                "acknowledged codings are missing" in caught[0][2][0]
            print("%s 1 - a coding deleted behind margin's back after round %d is reported missing"
                  % ("ok" if ok else "not ok", self.sabotaged))
            print("1..1")
            return 0 if ok else 1
        print("1..%d" % self.test_number)
        print("# %d rounds in %.0f s (seed %d): %d killed (%d leaving a hot journal), %d finished; "
              "%d failures" % (s["rounds"], elapsed, self.args.seed, s["killed"], s["hot_journals"],
                               s["finished"], s["failures"]))
        print("# acknowledged and found: %d codings, %d sources, %d cases, %d codes, %d decisions"
              % (s["acknowledged_codings"], s["acknowledged_sources"], s["acknowledged_cases"],
                 s["acknowledged_codes"], s["acknowledged_decisions"]))
        for op, b in sorted(s["by_operation"].items()):
            print("#   %-9s %4d rounds, %4d killed, %4d hot journals" % (op, b["rounds"], b["killed"], b["hot_journals"]))
        if self.args.summary:
            with open(self.args.summary, "w") as f:
                json.dump(s, f, indent=1, sort_keys=True)
        return 1 if s["failures"] else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--margin", required=True)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", choices=["small", "full"], default="small")
    parser.add_argument("--workdir")
    parser.add_argument("--sabotage", action="store_true")
    parser.add_argument("--summary")
    args = parser.parse_args()
    return Harness(args).main()


if __name__ == "__main__":
    sys.exit(main())
