#!/usr/bin/env python3
"""Leaves a hot journal beside a project, as a writer killed half-way through a change does.

    hot_journal.py PROJECT

A child process starts a change, writes enough that SQLite spills pages into the project
file before the commit, and kills itself with SIGKILL; the parent exits with 0 once the
child has died that way. The project file is then half-written and
PROJECT-journal holds the pages as they were; the next program that opens the project with
write access must roll the change back.
"""
import os
import signal
import sqlite3
import sys

child = os.fork()
if child == 0:
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("PRAGMA cache_size = 10")
    db.execute("BEGIN IMMEDIATE")
    db.execute(
        "INSERT INTO settings(key, value) "
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
        "SELECT 'interrupted ' || i, printf('%.200c', 'x') FROM n"
    )
    os.kill(os.getpid(), signal.SIGKILL)
    os._exit(1)
_, status = os.waitpid(child, 0)
sys.exit(0 if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL else 1)
