#!/usr/bin/env bash
# handworked.sh — report.json of fixtures/small for 2026-Q3 against the figures
# worked out by hand (fixtures/small/WORKING.md, fixtures/small/expected.json).
#
# Every key in expected.json must be in report.json with the same value:
# objects are compared key by key (report.json may hold more keys), lists
# element by element (same length), numbers with a relative tolerance of 1e-9
# (absolute 1e-12 around zero), integers where expected must be JSON integers.
# Prints "N passed, M failed", one line per failed value.
#
# TOUCHPOINT is the binary (default: build/touchpoint of this repository).
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
TOUCHPOINT=${TOUCHPOINT:-$root/build/touchpoint}
PERIOD=2026-Q3
if [ ! -x "$TOUCHPOINT" ]; then
    echo "handworked.sh: no touchpoint binary at $TOUCHPOINT" >&2
    exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

SOURCE_DATE_EPOCH=0 timeout 60 "$TOUCHPOINT" report -q -f json -p "$PERIOD" -o "$tmp/out" "$root/fixtures/small" 2>"$tmp/err"
rc=$?
if [ $rc -ne 0 ] || [ ! -f "$tmp/out/report.json" ]; then
    echo "FAIL: touchpoint report exited $rc without report.json"
    sed 's/^/    | /' "$tmp/err" | head -n 30
    echo "0 passed, 1 failed"
    exit 1
fi

python3 - "$root/fixtures/small/expected.json" "$tmp/out/report.json" <<'PY'
import json, math, sys

expected = json.load(open(sys.argv[1], encoding="utf-8"))
try:
    actual = json.load(open(sys.argv[2], encoding="utf-8"))
except ValueError as e:
    print("FAIL: report.json is not JSON: %s" % e)
    print("0 passed, 1 failed")
    sys.exit(1)

passed = failed = 0

def show(v):
    return json.dumps(v, ensure_ascii=False)

def fail(path, msg):
    global failed
    failed += 1
    print("FAIL %s: %s" % (path, msg))

def same_number(e, a):
    if isinstance(a, bool) or not isinstance(a, (int, float)):
        return False
    if isinstance(e, int) and not isinstance(a, int):
        return False  # counts are JSON integers
    return math.isclose(float(e), float(a), rel_tol=1e-9, abs_tol=1e-12)

def compare(path, e, a):
    global passed
    if isinstance(e, dict):
        if not isinstance(a, dict):
            return fail(path, "expected an object, found %s" % show(a))
        for k, v in e.items():
            if k not in a:
                fail("%s.%s" % (path, k), "missing (expected %s)" % show(v))
            else:
                compare("%s.%s" % (path, k), v, a[k])
    elif isinstance(e, list):
        if not isinstance(a, list):
            return fail(path, "expected a list, found %s" % show(a))
        if len(a) != len(e):
            return fail(path, "expected %d elements, found %d: %s" % (len(e), len(a), show(a)[:300]))
        for i, (ev, av) in enumerate(zip(e, a)):
            compare("%s[%d]" % (path, i), ev, av)
    elif isinstance(e, bool) or e is None or isinstance(e, str):
        if type(a) is not type(e) or a != e:
            return fail(path, "expected %s, found %s" % (show(e), show(a)))
        passed += 1
    else:
        if not same_number(e, a):
            return fail(path, "expected %s, found %s" % (show(e), show(a)))
        passed += 1

compare("report", expected, actual)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
