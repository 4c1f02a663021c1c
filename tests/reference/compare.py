#!/usr/bin/python3
"""Compare two report.json files structurally.

    compare.py [--ignore KEY]... expected.json actual.json

Every key of the expected must be in the actual (extra keys in the actual
are fine); lists are compared element by element and must have the same
length; numbers agree within a relative tolerance of 1e-9 (absolute 1e-12
near zero); a JSON integer in the expected must be a JSON integer in the
actual (counts are integers, SPEC §5), while a fractional number in the
expected may be written as an integer in the actual when it is whole (a
shortest decimal such as `12` reads back as 12.0); null against a value is a
difference.  Each difference is printed with its JSON path; exit status 1 if
there is any, 0 otherwise.  --ignore KEY skips every object key named KEY
(e.g. `--ignore generated`).  An object whose keys are data, not names
(`trend[].teams`, keyed by team) must have exactly the expected keys.
"""

import argparse
import json
import math
import sys

DATA_KEYED = {"teams"}   # objects keyed by data: no extra key allowed
REL_TOL = 1e-9
ABS_TOL = 1e-12


def kind(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, float):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def show(v):
    text = json.dumps(v, ensure_ascii=False)
    return text if len(text) <= 120 else text[:117] + "..."


def numbers_equal(a, b):
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)


def compare(exp, act, path, ignore, out):
    ek, ak = kind(exp), kind(act)
    if ek in ("integer", "number") and ak in ("integer", "number"):
        if ek == "integer" and ak != "integer":
            out.append("%s: expected the integer %s, got the non-integer %s"
                       % (path, show(exp), show(act)))
        elif not numbers_equal(exp, act):
            out.append("%s: expected %s, got %s" % (path, show(exp), show(act)))
        return
    if ek != ak:
        out.append("%s: expected %s %s, got %s %s" % (path, ek, show(exp), ak, show(act)))
        return
    if ek == "object":
        if path.rsplit(".", 1)[-1] in DATA_KEYED:
            for key in act:
                if key not in exp:
                    out.append("%s[%s]: unexpected (got %s)" % (path, json.dumps(key), show(act[key])))
        for key in exp:
            if key in ignore:
                continue
            sub = "%s.%s" % (path, key) if key.isidentifier() else "%s[%s]" % (path, json.dumps(key))
            if key not in act:
                out.append("%s: missing (expected %s)" % (sub, show(exp[key])))
            else:
                compare(exp[key], act[key], sub, ignore, out)
    elif ek == "array":
        if len(exp) != len(act):
            out.append("%s: expected %d elements, got %d" % (path, len(exp), len(act)))
        for i in range(min(len(exp), len(act))):
            compare(exp[i], act[i], "%s[%d]" % (path, i), ignore, out)
    elif exp != act:
        out.append("%s: expected %s, got %s" % (path, show(exp), show(act)))


def main(argv):
    ap = argparse.ArgumentParser(description="Compare two report.json files.")
    ap.add_argument("--ignore", action="append", default=[], metavar="KEY")
    ap.add_argument("expected")
    ap.add_argument("actual")
    args = ap.parse_args(argv)
    docs = []
    for name in (args.expected, args.actual):
        try:
            with open(name, encoding="utf-8") as f:
                docs.append(json.load(f))
        except (OSError, ValueError) as e:
            print("%s: cannot read JSON: %s" % (name, e))
            return 1
    out = []
    compare(docs[0], docs[1], "$", set(args.ignore), out)
    for line in out:
        print(line)
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
