#!/usr/bin/env bash
# actions.sh — the lists to act on and the targets (SPEC §3 "What to act on",
# "Targets") of fixtures/actions against the hand-worked expected.json
# (fixtures/actions/WORKING.md), and what --anonymize leaves of them.
. "$(dirname "$0")/common.inc"
fx=$repo/fixtures/actions
cmp=$repo/tests/reference/compare.py
export SOURCE_DATE_EPOCH=1789459200 # 2026-09-15T08:00:00Z

"$tp" report -q -f json -p 2026-Q3 -o "$tmp/out" "$fx" 2> "$tmp/err"
check "report runs" '[ -f "$tmp/out/report.json" ]'
if python3 "$cmp" "$fx/expected.json" "$tmp/out/report.json" > "$tmp/diff" 2>&1; then
    ok "lists and targets as worked out by hand"
else
    bad "lists and targets as worked out by hand"; sed 's/^/    /' "$tmp/diff"
fi

"$tp" report -q -f json -p 2026-Q3 --anonymize -o "$tmp/anon" "$fx" 2> "$tmp/err"
python3 - "$tmp/anon/report.json" > "$tmp/anon.out" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
f = d["followups"]
assert [x["text"] for x in f + d["awaiting_attestation"] + d["requests_open"]] == [None] * 12, "texts"
assert [x["interaction"] for x in f] == [None] * 5, "interaction ids"
assert [x["id"] for x in d["requests_open"]] == [None] * 5, "request ids"
# people and customers numbered in id order: ana, bo, cy, dee; acme, beta, gamma
assert [x["owner"] for x in f] == ["Person 003", "Person 002", None, "Person 001", "Person 002"], "owners"
assert f[1]["customers"] == ["Customer 001", "Customer 002"], "customers"
assert [(x["owner"], x["name"]) for x in d["followups_by_owner"]] == [
    ("Person 002", "Person 002"), ("Person 001", "Person 001"), ("Person 003", "Person 003"), (None, None)], "by owner"
assert d["requests_open"][2]["customer"] == "Customer 001", "request customer"
assert d["insight_tags"][0]["tag"] == "Billing", "tags stay"
text = open(sys.argv[1], encoding="utf-8").read()
for secret in ("Restock", "qbr-acme", "Ana Alves", "\"acme\"", "EDI invoices", "R5"):
    assert secret not in text, secret
PY
check "--anonymize: texts and ids null, owners and customers renamed" '[ $? -eq 0 ] || { cat "$tmp/anon.out"; false; }'
finish
