"""Counts test results across meson test logs and prints "N passed, N failed".

Usage: tally.py TESTLOG.json...   (meson-logs/testlog.json of each build)
A TAP test counts each of its subtests; a test that died without reporting a failing subtest
counts one failure more. Any other test counts once. Skipped tests are not counted.
"""
import json
import re
import sys

passed = failed = 0
failures = []
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        failed += 1
        failures.append(f"{path}: no test log (the tests did not run)")
        continue
    for line in lines:
        record = json.loads(line)
        result = record["result"]
        if result == "SKIP":
            continue
        tap = re.findall(r"^(not ok|ok)\b", record.get("stdout") or "", re.M)
        if tap:
            ok = sum(1 for t in tap if t == "ok")
            bad = len(tap) - ok
            if result != "OK" and bad == 0:
                bad = 1
            passed += ok
            failed += bad
        elif result == "OK":
            passed += 1
        else:
            failed += 1
        if result != "OK":
            failures.append(f"{path.split('/')[0]}: {record['name']} ({result})")

for failure in failures:
    print("failed:", failure)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
