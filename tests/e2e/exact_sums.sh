#!/usr/bin/env bash
# exact_sums.sh — every sum of the report is the correctly rounded exact sum
# of its terms (SPEC §3 "Small print"), so no figure depends on the order of
# the records or on how they are split across files.
#
# Files 1..3 hold 0.1, 0.2 and 0.3 hours of p1 (read in that order, plain
# addition gives 0.6000000000000001); file 4 ten 6-minute visits of p2 (0.1
# each: plain addition gives 0.9999999999999999); file 5 one 0.1-hour
# interaction of p1, p2 and p3 (the term 0.1 × 3 is the double product
# 0.30000000000000004).
source "$(dirname "$0")/common.inc"

logs=$tmp/logs one=$tmp/one
mkdir -p "$logs" "$one"
cat > "$logs/roster.yaml" <<'EOF'
organization: Exact Sums Ltd
people:
  - {id: p1, name: P One, team: T}
  - {id: p2, name: P Two, team: T}
  - {id: p3, name: P Three, team: U}
customers:
  - {id: acme, name: ACME}
EOF
cp "$logs/roster.yaml" "$one/roster.yaml"
n=0
for h in 0.1 0.2 0.3; do
    n=$((n + 1))
    printf 'interactions:\n  - {type: customer_meeting, date: 2026-07-0%s, people: [p1], customers: [acme], hours: %s}\n' \
        "$n" "$h" > "$logs/$n.yaml"
done
{ echo 'interactions:'
  for d in 01 02 03 04 05 06 07 08 09 10; do
      echo "  - {type: store_visit, date: 2026-08-$d, people: [p2], minutes: 6}"
  done; } > "$logs/4.yaml"
printf 'interactions:\n  - {type: order_desk, date: 2026-09-01, people: [p1, p2, p3], hours: 0.1}\n' > "$logs/5.yaml"
# The same records in one file, in reverse order.
{ echo 'interactions:'; cat "$logs"/[1-5].yaml | grep -v '^interactions:' | tac; } > "$one/all.yaml"

export SOURCE_DATE_EPOCH=1790000000
for d in logs one; do
    "$tp" report -q -f json -p 2026-Q3 -o "$tmp/out-$d" "$tmp/$d" 2>"$tmp/err-$d"
    check "$d: report exits 0" '[ $? -eq 0 ] || { cat "$tmp/err-$d"; false; }'
done

# name, then a Python expression over the report d, then the JSON text it must be
fig() {
    got=$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(json.dumps(eval(sys.argv[2])))' \
        "$tmp/out-logs/report.json" "$2")
    want=$3
    check "$1 = $3 (got $got)" '[ "$got" = "$want" ]'
}
fig "customer meeting hours: 0.1 + 0.2 + 0.3" \
    '[t["hours"] for t in d["by_type"] if t["type"] == "customer_meeting"][0]' 0.6
fig "store visit hours: ten times 0.1" \
    '[t["hours"] for t in d["by_type"] if t["type"] == "store_visit"][0]' 1
fig "order desk hours: the double product 0.1 x 3" \
    '[t["hours"] for t in d["by_type"] if t["type"] == "order_desk"][0]' 0.30000000000000004
fig "p1 contact hours: 0.1 + 0.2 + 0.3 + 0.1" '[p["contact_hours"] for p in d["people"] if p["id"] == "p1"][0]' 0.7
fig "p2 contact hours: eleven times 0.1" '[p["contact_hours"] for p in d["people"] if p["id"] == "p2"][0]' 1.1
fig "team T: 0.7 + 1.1" '[t["contact_hours"] for t in d["by_team"] if t["team"] == "T"][0]' 1.8
# 0.1 + 0.2 + 0.3 + 10 x 0.1 + 0.30000000000000004, exactly: 1.9 + about 6e-17,
# nearer to 1.9000000000000001 than to 1.9 (1.899999999999999911...)
fig "contact hours" 'd["kpis"]["contact_hours"]' 1.9000000000000001

same=$(python3 - "$tmp/out-logs/report.json" "$tmp/out-one/report.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
print(all(a[k] == b[k] for k in ("kpis", "by_type", "by_team", "people", "trend")))
PY
)
check "five files, or one in reverse order: the same figures" '[ "$same" = True ]'
finish
