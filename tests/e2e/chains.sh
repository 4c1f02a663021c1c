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
# The human formats: chains in the at-risk section and the distant projects,
# the customers nobody met, coverage by segment and the team trend.
gus='Gus Gomes → Cy Costa (works with) → Prospect Co (lead qualification, 20 Aug) → Dan Dias (trade\-show shift, 21 Aug) → ACME Freight (trade\-show shift, 21 Aug)'
check "md: Gus's chain, at risk and on his distant project" '[ "$(grep -cF "$gus" "$tmp/plain/report.md")" -eq 2 ]'
check "md: the untouched customers and the segments" \
    'grep -qF "| Omega Oils | (no segment) |" "$tmp/plain/report.md" && grep -qF "| Zeta Zinc | retail |" "$tmp/plain/report.md" && grep -qF "| retail | 1 | 0 | 0.0% |" "$tmp/plain/report.md"'
check "md: team trend, teams by periods" \
    'grep -qF "| Team | 2026-Q2 | 2026-Q3 |" "$tmp/plain/report.md" && grep -qF "| New | — | 0.0% |" "$tmp/plain/report.md"'
check "html: the chain and the untouched customers" \
    'grep -qF "Gus Gomes → Cy Costa (works with) → Prospect Co (lead qualification, 20 Aug)" "$tmp/plain/report.html" && grep -qF "<td>Omega Oils</td>" "$tmp/plain/report.html"'
# The workbook: Gus's chain whole in People's Line of sight, wrapped, its
# row as tall as its lines: 156 characters at 45 a line, 4 lines of 15 pt.
check "xlsx: the chain whole in People, wrapped, its row 60 pt tall" \
    'python3 - "$tmp/plain/report.xlsx" "$gus" <<PY
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
chain = sys.argv[2].replace("\\\\", "")
assert len(chain) == 156, len(chain)
sheet = z.read("xl/worksheets/sheet3.xml").decode()
row = [r for r in re.findall(r"<row [^>]*>.*?</row>", sheet) if "<t>" + chain + "</t>" in r]
assert len(row) == 1, "chain not found whole"
assert re.search(r"<row [^>]*ht=\"60\"[^>]*customHeight=\"1\"", row[0]), row[0][:200]
style = int(re.search(r"<c [^>]*s=\"(\d+)\"[^>]*t=\"inlineStr\"><is><t>" + re.escape(chain), row[0]).group(1))
xfs = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", z.read("xl/styles.xml").decode().split("<cellXfs")[1])
assert "wrapText=\"1\"" in xfs[style], xfs[style]
PY'
# A chain of 120 people: its row stops at 27 lines (405 pt; Excel allows
# 409), the chain still whole in its cell.
python3 - "$tmp/line.yaml" <<'PY'
import sys
n = 120
with open(sys.argv[1], "w") as f:
    f.write("customers: [{id: c, name: C}]\npeople:\n")
    for i in range(n):
        f.write(f"  - {{id: p{i}, name: Person {i}" + (f", works_with: [p{i + 1}]" if i < n - 1 else "") + "}\n")
    f.write(f"interactions:\n  - {{type: customer_meeting, date: 2026-07-01, people: [p{n - 1}], customers: [c]}}\n")
PY
"$tp" report -q -f xlsx -o "$tmp/line" "$tmp/line.yaml"
check "xlsx: a 120-person chain's row is 405 pt at most, the chain whole" \
    'python3 - "$tmp/line/report.xlsx" <<PY
import re, sys, zipfile
sheet = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet3.xml").decode()
heights = [float(h) for h in re.findall(r"<row [^>]*\bht=\"([0-9.]+)\"", sheet)]
assert heights and max(heights) == 405, max(heights)
assert "Person 0 → Person 1 (works with) → " in sheet and "Person 119 → C (customer meeting, 1 Jul)" in sheet
PY'
"$tp" report -q --min-group 2 -f md,html,xlsx -o "$tmp/mgh" "$org"
check "--min-group 2: no chain in md or html" \
    '! grep -qF "Cy Costa (works with)" "$tmp/mgh/report.md" && ! grep -qF "Cy Costa (works with)" "$tmp/mgh/report.html"'
check "--min-group 2: team trend cells of one person hidden" 'grep -qF "| New | — | fewer than 2 |" "$tmp/mgh/report.md"'
# The team-trend chart: one small chart per team with a figure shown, the
# largest of P first (Ops 3, Apps 2, then Lab and New of 1 in name order),
# a dot per shown period and the last rate in figures; under --min-group 2
# the teams of one person are left out, as in the table.
panels_py='import sys, xml.etree.ElementTree as E
ns = {"s": "http://www.w3.org/2000/svg"}
g = [x for x in E.parse(sys.argv[1]).getroot().findall("s:g", ns) if x.find("s:circle", ns) is not None]
print(";".join(x.find("s:title", ns).text + ":" + str(len(x.findall("s:circle", ns))) + ":" + x.findall("s:text", ns)[-1].text for x in g))'
check "team_trend.svg: a panel per team, largest first, dots and last rates" \
    '[ "$(python3 -c "$panels_py" "$tmp/plain/charts/team_trend.svg")" = "Ops:2:66.7%;Apps:2:50.0%;Lab:2:0.0%;New:1:0.0%" ]'
check "md: the team-trend chart above its table" 'grep -qF "![Contact rate by team over time](charts/team_trend.svg)" "$tmp/plain/report.md"'
check "--min-group 2: the teams of one person left out of the chart" \
    '[ "$(python3 -c "$panels_py" "$tmp/mgh/charts/team_trend.svg")" = "Ops:2:66.7%;Apps:2:50.0%" ]'
"$tp" report -q --anonymize -f md -o "$tmp/anonmd" "$org"
check "--anonymize: chains in md name pseudonyms only" \
    'grep -qF "Person 007 → Person 003 (works with) → Customer 004" "$tmp/anonmd/report.md" && ! grep -q "Gus Gomes\|Omega Oils" "$tmp/anonmd/report.md"'
finish
