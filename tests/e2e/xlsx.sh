#!/usr/bin/env bash
# xlsx.sh — the workbook end to end: touchpoint writes report.xlsx and
# report.json; LibreOffice reads the Summary sheet back as CSV and its
# figures must match report.json; two runs with the same SOURCE_DATE_EPOCH
# give byte-identical workbooks; hostile text never becomes a formula.
#
# Needs: TOUCHPOINT (path of the binary), python3, unzip, and for the
# figures libreoffice (Debian: libreoffice-calc-nogui). XLSX_FIXTURE picks
# another log directory (default fixtures/northwind).
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
tp=${TOUCHPOINT:-$root/build/touchpoint}
fixture=${XLSX_FIXTURE:-$root/fixtures/northwind}
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

tmp=$(mktemp -d /tmp/tp_xlsx_e2e.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

finish() {
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit $?
}

report() { # OUTDIR [OPTIONS...]: one report run, quiet, fixed time
    local out=$1
    shift
    SOURCE_DATE_EPOCH=1700000000 "$tp" report -q -f xlsx,json -o "$out" "$@" "$fixture" \
        >"$tmp/stdout" 2>"$tmp/stderr"
}

if [ ! -x "$tp" ]; then
    bad "touchpoint binary at $tp"
    finish
fi

# ---------------------------------------------------------------- a run
report "$tmp/a"
rc=$?
check "report -f xlsx,json exits 0" '[ "$rc" -eq 0 ]'
check "report.xlsx and report.json written" '[ -s "$tmp/a/report.xlsx" ] && [ -s "$tmp/a/report.json" ]'
check "only the formats asked for" '[ ! -e "$tmp/a/report.md" ] && [ ! -e "$tmp/a/report.html" ]'
[ -s "$tmp/a/report.xlsx" ] || finish
check "report.xlsx is a sound zip" 'unzip -tq "$tmp/a/report.xlsx" >/dev/null'
# libxlsxwriter's parts are deflated at level 1 (see cmd/zip_level.c), which
# zip marks as "superfast": unzip -v shows Defl:S for every entry.
check "every part deflated at level 1 (Defl:S)" \
    '[ "$(unzip -v "$tmp/a/report.xlsx" | grep -c " Defl:")" -gt 5 ] && ! unzip -v "$tmp/a/report.xlsx" | grep " Defl:" | grep -qv " Defl:S "'

sheets=$(unzip -p "$tmp/a/report.xlsx" xl/workbook.xml | grep -o '<sheet name="[^"]*"' |
    sed 's/<sheet name="//; s/"$//' | tr '\n' '|')
want='Summary|Teams|People|Interactions|Cross-tabs|Trend|Projects|Requests|Customers|Follow-ups|Tags|'
check "sheets in order ($sheets)" '[ "$sheets" = "$want" ]'

formulas=$(unzip -p "$tmp/a/report.xlsx" 'xl/worksheets/*.xml' | grep -c '<f[ >]')
check "no formula in any sheet" '[ "$formulas" -eq 0 ]'

# ------------------------------------------------------- reproducibility
report "$tmp/b"
check "a second run with the same SOURCE_DATE_EPOCH is byte-identical" \
    'cmp -s "$tmp/a/report.xlsx" "$tmp/b/report.xlsx"'
created=$(unzip -p "$tmp/a/report.xlsx" docProps/core.xml | grep -o '<dcterms:created[^<]*')
check "created is SOURCE_DATE_EPOCH ($created)" '[[ "$created" == *">2023-11-14T22:13:20Z" ]]'

# ------------------------------------------------- figures via LibreOffice
# Summary's rows carry report.json's key in column E; compare by key.
cat >"$tmp/cmp.py" <<'PY'
import csv, json, math, sys

rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
doc = json.load(open(sys.argv[2], encoding="utf-8"))
npass = nfail = 0

def report(good, what):
    global npass, nfail
    if good:
        npass += 1
        print("ok - " + what)
    else:
        nfail += 1
        print("not ok - " + what)

def lookup(obj, key):
    """report.json's value at a dotted key ("bacon.4+" is one step "4+")."""
    head, _, rest = key.partition(".")
    if not isinstance(obj, dict) or head not in obj:
        return KeyError
    return obj[head] if not rest else lookup(obj[head], rest)

def cell(text):
    """A CSV cell as a number, None when empty, else the text."""
    if text == "":
        return None
    try:
        return float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        return text

def same(got, want):
    if want is None or got is None:
        return got is None and want is None
    if isinstance(want, str):
        return got == want
    if isinstance(got, str):
        return False
    return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12)

meta = {"organization": doc.get("organization"), "period.label": doc["period"]["label"],
        "period.start": doc["period"]["start"], "period.end": doc["period"]["end"],
        "generated": doc["generated"],
        "previous.period.label": (doc.get("previous") or {}).get("period", {}).get("label")}
prev = (doc.get("previous") or {}).get("kpis")
seen = 0
targets = None  # the rows of the targets block, after its header "Target"
for row in rows[1:]:
    row = row + [""] * (6 - len(row))
    key = row[4]
    if row[0] == "Target":
        targets = []
        continue
    if targets is not None:
        if not key:
            break
        k = len(targets)
        targets.append(key)
        t = doc["targets"][k] if k < len(doc["targets"]) else {}
        report(t.get("kpi") == key and same(cell(row[1]), t.get("min")) and same(cell(row[2]), t.get("max"))
               and same(cell(row[3]), t.get("value")), "Summary target %d: %r" % (k, t))
        report(row[5] == {True: "\u2713 met", False: "\u2717 not met", None: "\u2014 no value"}[t.get("met")],
               "Summary target %d met in words: %r" % (k, row[5]))
        continue
    if not key:
        continue
    seen += 1
    if key == "generated":
        # a date-time cell, which the raw CSV writes as 2026-10-01 06:00:00
        # (a text cell would keep report.json's T and Z)
        want = meta[key].replace("T", " ").rstrip("Z")
        report(row[1] == want, "Summary generated is the date-time %r (got %r)" % (want, row[1]))
        continue
    if key in meta:
        report(same(row[1] or None, meta[key]), "Summary %s = %r" % (key, meta[key]))
        continue
    want = lookup(doc["kpis"], key)
    if want is KeyError:
        report(False, "Summary key %s is in report.json kpis" % key)
        continue
    got = cell(row[1])
    report(same(got, want), "Summary %s: %r = %r" % (key, got, want))
    if prev is not None:
        pw = lookup(prev, key)
        report(same(cell(row[2]), pw), "Summary previous %s = %r" % (key, pw))
        if want is not None and pw is not None:
            # a rate's change in percentage points (README), the rest as the figure
            rate = key.endswith("_rate") or key == "requests.coverage"
            report(same(cell(row[3]), (want - pw) * (100 if rate else 1)), "Summary change %s" % key)
report(seen >= 30, "Summary lists every figure (%d keys)" % seen)
report(targets is not None and len(targets) == len(doc["targets"]), "Summary lists every target")
report(rows and rows[0][:2] != ["", ""], "Summary has a header row")
print("PY %d %d" % (npass, nfail))
PY
if ! command -v libreoffice >/dev/null 2>&1; then
    bad "libreoffice installed (apt-get install libreoffice-calc-nogui)"
else
    # Raw values, not as shown: token 9 of the CSV filter options is false.
    filter='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false'
    timeout 180 libreoffice -env:UserInstallation="file://$tmp/lo-profile" --headless \
        --convert-to "$filter" --outdir "$tmp/csv" "$tmp/a/report.xlsx" >"$tmp/lo.log" 2>&1
    check "LibreOffice converts Summary to CSV" '[ -s "$tmp/csv/report.csv" ]'
    if [ -s "$tmp/csv/report.csv" ]; then
        python3 "$tmp/cmp.py" "$tmp/csv/report.csv" "$tmp/a/report.json" >"$tmp/cmp.out" 2>&1
        grep -v "^PY " "$tmp/cmp.out"
        p=$(sed -n 's/^PY \([0-9]*\) \([0-9]*\)$/\1/p' "$tmp/cmp.out")
        f=$(sed -n 's/^PY \([0-9]*\) \([0-9]*\)$/\2/p' "$tmp/cmp.out")
        pass=$((pass + ${p:-0}))
        fail=$((fail + ${f:-1}))
    fi
fi

# ---------------------------------------------------- the Requests sheet
# Sheets are numbered in workbook order: Requests is sheet8. Its rows are
# report.json's open requests first, in that list's order (md's "N more in
# the workbook (sheet Requests)" points there), then the covered and
# declined ones.
unzip -p "$tmp/a/report.xlsx" xl/worksheets/sheet8.xml >"$tmp/requests.xml"
requests=$(python3 - "$tmp/requests.xml" "$tmp/a/report.json" <<'PY'
import json, re, sys
xml = open(sys.argv[1], encoding="utf-8").read()
doc = json.load(open(sys.argv[2], encoding="utf-8"))
rows = []
for row in re.findall(r"<row [^>]*>(.*?)</row>", xml):
    cells = {}
    for col, body in re.findall(r'<c r="([A-Z]+)\d+"[^>]*>(.*?)</c>', row):
        m = re.search(r"<t[^>]*>(.*?)</t>|<v>(.*?)</v>", body)
        cells[col] = m.group(1) if m.group(1) is not None else m.group(2)
    rows.append(cells)
head, body = rows[0], rows[1:]
open_ids = [q["id"] for q in doc["requests_open"]]
ids = [r.get("A") for r in body]
statuses = [r.get("D") for r in body]
n = len(open_ids)
print("ok" if head.get("A") == "Id" and n > 0 and ids[:n] == open_ids
      and all(s in ("gap", "planned") for s in statuses[:n])
      and all(s in ("covered", "declined") for s in statuses[n:])
      and [int(r.get("E")) for r in body[:n]] == [q["votes"] for q in doc["requests_open"]]
      else "bad: %r / %r" % (ids[:n], open_ids))
PY
)
check "Requests sheet: the open requests first, in report.json's order, with their ids ($requests)" \
    '[ "$requests" = ok ]'

# The Cross-tabs sheet (sheet5): every p-value (column J) in the format
# 0.000, as md shows it, not 0.527665317139001.
pfmt=$(python3 - "$tmp/a/report.xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
styles = z.read("xl/styles.xml").decode()
ids = [m.group(1) for m in re.finditer(r'<numFmt numFmtId="(\d+)" formatCode="0\.000"', styles)]
xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S).group(1)
xf = [i for i, m in enumerate(re.finditer(r"<xf [^>]*?numFmtId=\"(\d+)\"", xfs)) if m.group(1) in ids]
sheet = z.read("xl/worksheets/sheet5.xml").decode()
cells = re.findall(r'<c r="J(\d+)"(?: s="(\d+)")?(?: t="[^"]*")?><v>', sheet)
vals = [c for c in cells if c[0] != "1"]
print("ok" if vals and all(c[1] and int(c[1]) in xf for c in vals) else "bad %r %r" % (vals[:3], xf))
PY
)
check "Cross-tabs: p-values in the format 0.000 ($pfmt)" '[ "$pfmt" = ok ]'

# Every number and date stands a character off its cell's right edge, so
# Votes does not run into Text, nor Date into Customer (Requests, sheet8),
# and every number of every sheet: right-aligned, indent 1.
right=$(python3 - "$tmp/a/report.xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
styles = z.read("xl/styles.xml").decode()
xfs = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S).group(1), re.S)
def off(i):
    return 'horizontal="right"' in xfs[i] and 'indent="1"' in xfs[i]
bad = []
numbers = 0
for name in sorted(n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", n)):
    sheet = z.read(name).decode()
    for ref, s in re.findall(r'<c r="([A-Z]+\d+)"(?: s="(\d+)")?><v>', sheet): # a number: no t= attribute
        numbers += 1
        if not s or not off(int(s)):
            bad.append(name + ":" + ref)
req = z.read("xl/worksheets/sheet8.xml").decode()
b2 = re.search(r'<c r="B2"(?: s="(\d+)")?><v>', req)
e2 = re.search(r'<c r="E2"(?: s="(\d+)")?><v>', req)
ok = numbers > 100 and not bad and b2 and e2 and off(int(b2.group(1))) and off(int(e2.group(1)))
print("ok" if ok else "bad %d numbers, %d not off the edge: %s" % (numbers, len(bad), bad[:5]))
PY
)
check "every number and date right-aligned, a character off the next column ($right)" '[ "$right" = ok ]'

# Customers (sheet9) when every paying customer was met: the empty table
# says so under its header, as md does.
SOURCE_DATE_EPOCH=1800000000 "$tp" report -q -f xlsx -p 2026-Q3 -o "$tmp/act" "$root/fixtures/actions" 2>/dev/null
check "Customers sheet: an empty list of customers not met says why" \
    'unzip -p "$tmp/act/report.xlsx" xl/worksheets/sheet9.xml | grep -q "<c r=\"A2\" t=\"inlineStr\"><is><t>Every paying customer was met in this period.</t>"'

# ------------------------------------------- small groups, anonymised
report "$tmp/c" --min-group 5 --anonymize
rc=$?
check "report --min-group 5 --anonymize exits 0" '[ "$rc" -eq 0 ]'
if [ -s "$tmp/c/report.xlsx" ]; then
    people=$(unzip -p "$tmp/c/report.xlsx" xl/workbook.xml | grep -o '<sheet name="People"[^>]*r:id="rId[0-9]*"')
    check "People sheet still present" '[ -n "$people" ]'
    # Sheets are numbered in workbook order: People is sheet3.
    check "People sheet holds only a note" \
        '! unzip -p "$tmp/c/report.xlsx" xl/worksheets/sheet3.xml | grep -q "<row r=\"2\""'
    names=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
print("\n".join(p["name"] for p in d.get("people", []) if len(p["name"]) > 3))' "$tmp/a/report.json")
    leaked=0
    while IFS= read -r name; do
        [ -z "$name" ] && continue
        if unzip -p "$tmp/c/report.xlsx" 'xl/worksheets/*.xml' | grep -qF "$name"; then
            leaked=$((leaked + 1))
            echo "# leaked: $name"
        fi
    done <<<"$names"
    check "no real person name in the anonymised workbook" '[ "$leaked" -eq 0 ]'
fi

# ------------------------------------------- a part deflated in pieces
# A sheet of several MiB is deflated in pieces of 1 MiB on every thread the
# run may use (cmd/zip_level.c): the workbook is the same for any -j, every
# part inflates to the CRC its header gives (unzip -t), the sheet parses,
# and the Interactions sheet holds a row per interaction of the period.
gen=${BENCH_GEN:-$root/build/bench-gen}
if [ -x "$gen" ]; then
    "$gen" "$tmp/big" 30000 files >/dev/null
    for j in 1 4; do
        SOURCE_DATE_EPOCH=1800000000 "$tp" report -q -j$j -f xlsx,json -o "$tmp/big-$j" "$tmp/big" 2>/dev/null
    done
    sheet_bytes=$(unzip -lv "$tmp/big-4/report.xlsx" | awk '$NF == "xl/worksheets/sheet4.xml" { print $1 }')
    check "pieces: the Interactions sheet is $sheet_bytes bytes, several pieces" '[ "${sheet_bytes:-0}" -gt 3145728 ]'
    check "pieces: -j4 writes the workbook -j1 writes, byte for byte" 'cmp -s "$tmp/big-1/report.xlsx" "$tmp/big-4/report.xlsx"'
    check "pieces: every part inflates to its CRC" 'unzip -tq "$tmp/big-4/report.xlsx" >/dev/null'
    check "pieces: every part parses" 'python3 "$root/tests/e2e/xmlcheck.py" "$tmp/big-4/report.xlsx"'
    rows=$(python3 "$root/tests/e2e/xlsx_rows.py" "$tmp/big-4/report.xlsx" | grep -c "^Interactions	")
    want=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["kpis"]["interactions"] + 1)' \
        "$tmp/big-4/report.json" 2>/dev/null)
    check "pieces: a row per interaction of the period and the header ($rows, $want)" '[ -n "$want" ] && [ "$rows" = "$want" ]'
    rm -rf "$tmp/big" "$tmp/big-1" "$tmp/big-4"
else
    bad "pieces: the generator at $gen (make build/bench-gen)"
fi

finish
