#!/usr/bin/env bash
# min_group.sh — --min-group (SPEC §4) on a hand-worked organisation of 13:
# team A 6 people (all regular: contact in July and August), team B 5 (b1,
# b2 occasional: July only; b3..b5 none), team C 2 (none). a1, b1 and c1
# report to the CEO.
#
# With --min-group 5: C (2) is hidden, "fewer than 5"; that would hide one
# row alone (A + B + C = 13 shown in the headline), so the other row with
# the fewest people, B (5), is withheld. In each cross-tab: regular 6,
# occasional 2 (hidden), none 5 (withheld, the fewest of the other two);
# All 13 shown. At the default of 1 nothing is hidden anywhere, even where
# a cell has no one (2026-Q4: no interaction, regular and occasional n = 0).
source "$(dirname "$0")/common.inc"
export SOURCE_DATE_EPOCH=1790000000
python3 - "$tmp/logs" <<'PY'
import os, sys
os.makedirs(sys.argv[1])
with open(sys.argv[1] + "/logs.yaml", "w") as f:
    f.write("organization: Min Group Ltd\ncustomers: [{id: acme, name: ACME}]\npeople:\n")
    for pid, team in [(f"a{i}", "A") for i in range(1, 7)] + [(f"b{i}", "B") for i in range(1, 6)] + [("c1", "C"), ("c2", "C")]:
        boss = ", reports_to: CEO" if pid in ("a1", "b1", "c1") else ""
        f.write(f"  - {{id: {pid}, name: {pid.upper()}, team: {team}{boss}}}\n")
    f.write("interactions:\n")
    for i in range(1, 7):
        for month in ("07", "08"):
            f.write(f"  - {{type: customer_meeting, date: 2026-{month}-0{i}, people: [a{i}], customers: [acme], hours: 1}}\n")
    for i in (1, 2):
        f.write(f"  - {{type: customer_meeting, date: 2026-07-1{i}, people: [b{i}], customers: [acme], hours: 2}}\n")
PY
rows() { python3 "$here/xlsx_rows.py" "$1"; }

"$tp" report -q --min-group 5 -p 2026-Q3 -f md,xlsx,json -o "$tmp/five" "$tmp/logs"
check "--min-group 5: exit 0" "[ $? -eq 0 ]"
md=$tmp/five/report.md
check "team A shown" "grep -qxF '| A | 6 | 6 | 100.0% | 6 | 12.0 | 1 |' $md"
check "team B (5) withheld: else C = 13 - 6 - 5" "grep -qxF '| B | withheld |  |  |  |  |  |' $md"
check "team C (2): fewer than 5" "grep -qxF '| C | fewer than 5 |  |  |  |  |  |' $md"
check "the team medians: B withheld, C fewer than 5" "grep -qxF '| B | withheld |' $md && grep -qxF '| C | fewer than 5 |' $md"
check "cross-tab: regular 6, 1 to the CEO" "grep -qxF '| Regular | 6 | 1 | 16.7% | 3.0% – 56.4% |' $md"
check "cross-tab: occasional (2) fewer than 5" "[ \$(grep -cxF '| Occasional | fewer than 5 |  |  |  |' $md) -eq 2 ]"
check "cross-tab: none (5) withheld, else occasional = 13 - 6 - 5" "[ \$(grep -cxF '| None | withheld |  |  |  |' $md) -eq 2 ]"
check "cross-tab: All 13 shown" "grep -qxF '| All | 13 | 3 | 23.1% | 8.2% – 50.3% |' $md"
rows "$tmp/five/report.xlsx" > "$tmp/five.rows"
check "workbook: team B withheld, C fewer than 5, A shown" \
    "grep -qxP 'Teams\tB\twithheld' $tmp/five.rows && grep -qxP 'Teams\tC\tfewer than 5' $tmp/five.rows && grep -qP '^Teams\tA\t6\t6\t6\t' $tmp/five.rows"
check "workbook: occasional fewer than 5, none withheld, in both cross-tabs" \
    "[ \$(grep -cP '^Cross-tabs\t.*\toccasional\tfewer than 5$' $tmp/five.rows) -eq 2 ] && [ \$(grep -cP '^Cross-tabs\t.*\tnone\twithheld$' $tmp/five.rows) -eq 2 ]"
check "workbook: regular and all shown" \
    "grep -qP '^Cross-tabs\tReport directly to the CEO\treports_to\tCEO\tregular\t6\t1\t' $tmp/five.rows && grep -qP '^Cross-tabs\tReport directly to the CEO\treports_to\tCEO\tall\t13\t3\t' $tmp/five.rows"
check "workbook: no person named on any sheet (Interactions without its People column)" \
    "! grep -qP '\t(A[1-6]|B[1-5]|C[12]|[abc][1-6])(\t|,|\$)' $tmp/five.rows && grep -qP '^Interactions\tDate\tType\tCustomers\t' $tmp/five.rows"
"$tp" report -q -p 2026-Q3 -f xlsx -o "$tmp/all" "$tmp/logs"
check "  at the default, the Interactions sheet names them" \
    "rows $tmp/all/report.xlsx | grep -qP '^Interactions\tDate\tType\tPeople\tCustomers\t' && rows $tmp/all/report.xlsx | grep -qP '^Interactions\t\S+\tCustomer meeting\tA1\tACME\t'"
check "the team chart: B withheld, C fewer than 5" \
    "grep -q '>withheld<' $tmp/five/charts/contact_by_team.svg && grep -q '>fewer than 5<' $tmp/five/charts/contact_by_team.svg"
check "JSON keeps every figure" "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d[\"by_team\"][2][\"headcount\"] != 2)' $tmp/five/report.json"

# At 4, still only C is below: B withheld again; at 6, B and C are both below 6: two
# hidden rows, nothing more to withhold.
"$tp" report -q --min-group 4 -p 2026-Q3 -f md -o "$tmp/four" "$tmp/logs"
check "--min-group 4: B (5) and A shown, C alone hidden, so B withheld" "grep -qxF '| B | withheld |  |  |  |  |  |' $tmp/four/report.md"
"$tp" report -q --min-group 6 -p 2026-Q3 -f md -o "$tmp/six" "$tmp/logs"
check "--min-group 6: B (5) and C (2) hidden by size, both 'fewer than 6', nothing withheld" \
    "grep -qxF '| B | fewer than 6 |  |  |  |  |  |' $tmp/six/report.md && grep -qxF '| C | fewer than 6 |  |  |  |  |  |' $tmp/six/report.md && ! grep -q withheld $tmp/six/report.md"

for p in 2026-Q3 2026-Q4; do
    "$tp" report -q -p $p -f md,xlsx -o "$tmp/one-$p" "$tmp/logs" 2>/dev/null
    check "default --min-group 1, $p: no 'fewer than', nothing withheld" \
        "! grep -qE 'fewer than|withheld' $tmp/one-$p/report.md $tmp/one-$p/charts/*.svg && ! rows $tmp/one-$p/report.xlsx | grep -qE 'fewer than|withheld'"
done
check "2026-Q4: a cell with no one shows 0" "grep -qxF '| Regular | 0 | 0 | — | — |' $tmp/one-2026-Q4/report.md"
finish
