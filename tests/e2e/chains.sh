#!/usr/bin/env bash
# chains.sh — the chains of SPEC §3 "Line of sight, explained" on the
# hand-worked tests/chains/org (figures worked out in tests/chains/README.md):
# report.json's new keys against tests/chains/expected.json (the binary and
# the reference alike), --anonymize renaming every node, --min-group keeping
# them in JSON only, and the chains and untouched customers in md and html.
. "$(dirname "$0")/common.inc"
org=$repo/tests/chains/org
exp=$repo/tests/chains/expected.json
cmp_py=$repo/tests/reference/compare.py
export SOURCE_DATE_EPOCH=0

"$tp" report -q -o "$tmp/plain" "$org" 2> "$tmp/err"
rc=$?
check "report exits 0" '[ $rc -eq 0 ]'
check "report.json: chains, untouched customers, coverage, team trend as worked by hand" \
    'python3 "$cmp_py" "$exp" "$tmp/plain/report.json" > "$tmp/diff" || { cat "$tmp/diff"; false; }'
python3 "$repo/tests/reference/reference.py" "$org" > "$tmp/ref.json" 2> "$tmp/ref.err"
check "reference.py: the same by hand" \
    'python3 "$cmp_py" "$exp" "$tmp/ref.json" > "$tmp/diff2" || { cat "$tmp/diff2"; false; }'

# --anonymize: every node of every chain, and the untouched customers, renamed.
"$tp" report -q --anonymize -f json -o "$tmp/anon" "$org"
check "anonymized chains and customers carry no id or name" \
    'python3 - "$tmp/anon/report.json" <<PY
import json, sys, re
d = json.load(open(sys.argv[1]))
nodes = [n for p in d["people"] + d["projects"] for n in (p["chain"] or [])]
assert nodes, "no chain"
for n in nodes:
    if n["kind"] == "anonymous":
        assert n["id"] is None and n["name"] is None
    else:
        want = "Person" if n["kind"] == "person" else "Customer"
        assert re.fullmatch(want + r" \d{3}", n["id"]) and n["name"] == n["id"], n
for c in d["customers_untouched"]:
    assert re.fullmatch(r"Customer \d{3}", c["id"]) and c["name"] == c["id"], c
assert [c["segment"] for c in d["customers_untouched"]] == [None, "retail"]
# acme is the first customer by id, gus the seventh person
gus = [p for p in d["people"] if p["id"] == "Person 007"][0]
assert [n["id"] for n in gus["chain"]] == ["Person 007", "Person 003", "Customer 004", "Person 004", "Customer 001"], gus
PY'

# --min-group 2: chains stay in JSON.
"$tp" report -q --min-group 2 -f json -o "$tmp/mg" "$org"
check "--min-group keeps chains in JSON" \
    'python3 "$cmp_py" "$exp" "$tmp/mg/report.json" > "$tmp/diff3" || { cat "$tmp/diff3"; false; }'
finish
