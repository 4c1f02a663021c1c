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
# Targets of every form (min, max, both, a dotted path, an unknown key warned of).
defs=$repo/tests/definitions
"$tp" report -q -f json,md -p 2026-Q3 -d "$defs/targets.yaml" -o "$tmp/tg" "$fx" 2> "$tmp/tg.err"
cat > "$tmp/tg.want" <<'JSON'
{"targets": [
  {"kpi": "at_risk", "min": null, "max": 0, "value": 0, "met": true},
  {"kpi": "bacon.median", "min": 1, "max": 2, "value": 1, "met": true},
  {"kpi": "requests.coverage", "min": 0.5, "max": null, "value": 0.16666666666666666, "met": false},
  {"kpi": "actions_done", "min": 4, "max": null, "value": 3, "met": false},
  {"kpi": "done_rate", "min": null, "max": 0.3333333333333333, "value": 0.3333333333333333, "met": true}]}
JSON
check "targets of every form, judged in the order written" 'python3 "$cmp" "$tmp/tg.want" "$tmp/tg/report.json"'
check "an unknown key inside a target is a warning" \
    'grep -q "targets.yaml:9:26: warning: targets: unknown key .note." "$tmp/tg.err"'
check "targets in md: bound, value, met in words and a symbol" \
    'grep -q "| Median Customer Bacon Number | 1 – 2 | 1 | ✓ met |" "$tmp/tg/report.md" &&
     grep -q "| Actions done | ≥ 4 | 3 | ✗ not met |" "$tmp/tg/report.md" && grep -q "| People at risk | ≤ 0 | 0 | ✓ met |" "$tmp/tg/report.md"'
SOURCE_DATE_EPOCH=1789459200 python3 "$repo/tests/reference/reference.py" -p 2026-Q3 -d "$defs/targets.yaml" "$fx" > "$tmp/tg-ref.json" 2>/dev/null
check "the reference agrees on those targets" 'python3 "$cmp" "$tmp/tg-ref.json" "$tmp/tg/report.json"'
"$tp" report -q -f json -p 2026-Q3 -d "$defs/bad-targets.yaml" -o "$tmp/bt" "$fx" 2> "$tmp/bt.err"
rc=$?
check "bad targets: exit 1, nothing written" '[ $rc -eq 1 ] && [ ! -e "$tmp/bt" ]'
for want in "2:3: error: targets: unknown figure 'contact_rat' (did you mean 'contact_rate'?)" \
    "3:3: error: targets: 'bacon' is not a number of kpis" \
    "4:23: error: targets: contact_rate: min 0.9 is above max 0.5" \
    "5:12: error: targets: at_risk: no bound" \
    "6:23: error: targets: min: expected a number, found '0.5'" \
    "2:3: error: targets: a merge key '<<' is not allowed here" \
    "8:14: error: targets: done_rate: a merge key '<<' is not allowed inside targets" \
    "9:18: error: targets: attested_rate: a merge key '<<' is not allowed inside targets"; do
    check "bad targets, located: $want" 'grep -qF "bad-targets.yaml:$want" "$tmp/bt.err"'
done
"$tp" report -q -f json -p 2026-Q3 -d "$repo/reports/quarterly.yaml" -o "$tmp/qt" "$fx" 2> /dev/null
check "reports/quarterly.yaml sets the built-in targets" \
    'python3 -c "import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); sys.exit(a[\"targets\"] != b[\"targets\"])" "$tmp/qt/report.json" "$tmp/out/report.json"'

# The human formats: golden Markdown of the fixture (TP_UPDATE_GOLDEN=1 rewrites it).
"$tp" report -q -f md,html,xlsx -p 2026-Q3 -o "$tmp/human" "$fx" 2> "$tmp/err"
golden=$repo/tests/golden/actions.md
if [ "${TP_UPDATE_GOLDEN:-}" = 1 ]; then cp "$tmp/human/report.md" "$golden"; fi
if cmp -s "$golden" "$tmp/human/report.md"; then ok "report.md as tests/golden/actions.md"
else bad "report.md as tests/golden/actions.md"; diff "$golden" "$tmp/human/report.md" | head -40; fi
html=$tmp/human/report.html
check "page: oldest follow-up, top request, top tag" \
    'grep -q "Restock the shelf" "$html" && grep -q "Old gap" "$html" && grep -q "<td>Billing</td>" "$html"'
check "page: each target with its bound, met or not in words and a symbol" \
    'grep -q "≥ 65.0%" "$html" && grep -q "✓ met" "$html" && grep -q "≥ 90.0%" "$html" && grep -q "✗ not met" "$html"'
check "page: a change says better or worse in words and colour" \
    'grep -q "kpi-change better\">▲ 66.7 pp (better)" "$html"'
check "page: printed tables kept whole up to 12 rows, longer ones break between rows, headers repeated" \
    'grep -q "thead { display: table-header-group; }" "$html" && grep -q "table-wrap { break-inside: avoid" "$html" &&
     grep -q "tr { break-inside: avoid" "$html" && grep -q "table-wrap.long { break-inside: auto" "$html" &&
     [ "$(python3 "$repo/tests/e2e/table_rows.py" "$html")" = ok ]'
mkdir -p "$tmp/x" && (cd "$tmp/x" && unzip -q -o "$tmp/human/report.xlsx")
sheet10=$tmp/x/xl/worksheets/sheet10.xml
check "workbook: a Follow-ups sheet (open and awaiting) and a Tags sheet" \
    'grep -q "name=\"Follow-ups\"" "$tmp/x/xl/workbook.xml" && grep -q "name=\"Tags\"" "$tmp/x/xl/workbook.xml" &&
     [ "$(grep -o "<row " "$sheet10" | wc -l)" -eq 8 ]'
check "workbook: every sheet landscape, one page wide, header repeated" \
    '[ "$(grep -l "<pageSetup fitToHeight=\"0\" orientation=\"landscape\"/>" "$tmp"/x/xl/worksheets/sheet*.xml | wc -l)" -eq \
       "$(ls "$tmp"/x/xl/worksheets/sheet*.xml | wc -l)" ] && [ "$(grep -o "_xlnm.Print_Titles" "$tmp/x/xl/workbook.xml" | wc -l)" -eq 11 ]'

# --min-group 2: no per-owner list, no owner names in the human formats.
"$tp" report -q -f md,xlsx -p 2026-Q3 --min-group 2 -o "$tmp/mg" "$fx" 2> "$tmp/err"
check "--min-group 2: no owners in md" \
    '! grep -q "by owner" "$tmp/mg/report.md" && ! grep -q "Bo Berg" "$tmp/mg/report.md" && grep -q "Restock the shelf" "$tmp/mg/report.md"'
mkdir -p "$tmp/mx" && (cd "$tmp/mx" && unzip -q -o "$tmp/mg/report.xlsx")
check "--min-group 2: no owners on the Follow-ups sheet" 'grep -q "Restock the shelf" "$tmp/mx/xl/worksheets/sheet10.xml" && ! grep -q "Bo Berg" "$tmp/mx/xl/worksheets/sheet10.xml"'

# Long lists: md shows 20 rows of each and says how many more the workbook holds.
python3 - "$tmp/long" <<'PY'
import os, sys
d = sys.argv[1]; os.makedirs(d)
with open(os.path.join(d, "log.yaml"), "w") as f:
    f.write("people:\n" + "".join("  - {id: p%02d, name: Person %02d}\n" % (i, i) for i in range(25)))
    f.write("customers: [{id: c, name: C}]\ninteractions:\n")
    for i in range(25):
        f.write("  - {type: customer_meeting, date: 2026-07-%02d, people: [p%02d], customers: [c],\n"
                "     insights: [{text: x, tags: [t%02d]}], actions: [{text: Item %02d, owner: p%02d}]}\n"
                % (i + 1, i, i, i, i))
    f.write("requests:\n" + "".join("  - {date: 2026-07-01, text: Req %02d, status: gap, votes: %d}\n"
                                     % (i, 100 - i) for i in range(25)))
PY
"$tp" report -q -f md,xlsx -p 2026-Q3 -o "$tmp/lo" "$tmp/long" 2> "$tmp/err"
md=$tmp/lo/report.md
check "long lists: 20 rows shown" 'grep -q "Item 19" "$md" && ! grep -q "Item 20" "$md" && grep -q "Req 19" "$md" && ! grep -q "Req 20" "$md"'
check "long lists: how many more the workbook holds" \
    '[ "$(grep -c "^5 more in the workbook (sheet Follow-ups)\." "$md")" -eq 2 ] &&
     grep -q "^5 more in the workbook (sheet Requests)\." "$md" && grep -q "^5 more in the workbook (sheet Tags)\." "$md"'
mkdir -p "$tmp/lx" && (cd "$tmp/lx" && unzip -q -o "$tmp/lo/report.xlsx")
check "long lists: the workbook holds all 25" 'grep -q "Item 24" "$tmp/lx/xl/worksheets/sheet10.xml" && grep -q "t24" "$tmp/lx/xl/worksheets/sheet11.xml"'
finish
