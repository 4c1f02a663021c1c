#!/usr/bin/env bash
# touchpoint benchmark (SPEC §7) on three tiny organisations whose figures
# were worked out by hand (fixtures/bench/*/logs.yaml say how): mid-rank
# percentiles with ties, a missing value taking no rank, the peer median, a
# single organisation, mixed sources, anonymised names, and the errors.
. "$(dirname "$0")/common.inc"
fx=$repo/fixtures/bench
export SOURCE_DATE_EPOCH=1790000000
# jq-like look-ups with python: jget FILE EXPR (EXPR in Python over d)
jget() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps($2))" "$1"; }
near() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); sys.exit(abs(a-b) > 1e-9*max(1,abs(b)))" "$1" "$2"; }

"$tp" benchmark -q -p 2026-Q3 -o "$tmp/all" "$fx/alpha" "$fx/beta" "$fx/gamma"; rc=$?
check "three directories: exit 0" "[ $rc -eq 0 ]"
b=$tmp/all/benchmark.json
check "all four formats and the charts" "[ -s $tmp/all/benchmark.md ] && [ -s $tmp/all/benchmark.html ] && [ -s $tmp/all/benchmark.xlsx ] && [ -s $tmp/all/charts/bench_contact_rate.svg ]"
check "organisations sorted by name" "[ \"\$(jget $b '[o[\"name\"] for o in d[\"organizations\"]]')\" = '[\"Alpha\", \"Beta\", \"Gamma\"]' ]"
# contact rate: Alpha 1, Beta 0.5, Gamma 1 -> Alpha and Gamma (1 + 1/2*2)/3, Beta (0 + 1/2)/3
check "tie: Alpha's contact-rate rank 66.67" "near \$(jget $b 'd[\"organizations\"][0][\"ranks\"][\"contact_rate\"]') 66.66666666666667"
check "tie: Gamma's equals Alpha's" "near \$(jget $b 'd[\"organizations\"][2][\"ranks\"][\"contact_rate\"]') 66.66666666666667"
check "Beta's contact-rate rank 16.67" "near \$(jget $b 'd[\"organizations\"][1][\"ranks\"][\"contact_rate\"]') 16.666666666666668"
check "peer median of 0.5, 1, 1 is 1" "near \$(jget $b 'd[\"peer_median\"][\"contact_rate\"]') 1"
# attested rate: Alpha 1/2, Beta none done (null, no rank), Gamma 1/1
check "missing value: Beta's attested rate null" "[ \"\$(jget $b 'd[\"organizations\"][1][\"values\"][\"attested_rate\"]')\" = null ]"
check "missing value: no rank" "[ \"\$(jget $b 'd[\"organizations\"][1][\"ranks\"][\"attested_rate\"]')\" = null ]"
check "ranks over the two with a value: 25 and 75" "near \$(jget $b 'd[\"organizations\"][0][\"ranks\"][\"attested_rate\"]') 25 && near \$(jget $b 'd[\"organizations\"][2][\"ranks\"][\"attested_rate\"]') 75"
check "peer median of two values is their mean" "near \$(jget $b 'd[\"peer_median\"][\"attested_rate\"]') 0.75"
check "hours per head 2, 1.5, 1.5" "[ \"\$(jget $b '[o[\"values\"][\"contact_hours_per_head\"] for o in d[\"organizations\"]]')\" = '[2, 1.5, 1.5]' ]"
check "no request anywhere: coverage null, median null" "[ \"\$(jget $b 'd[\"peer_median\"][\"request_coverage\"]')\" = null ]"
check "the survey's reference" "[ \"\$(jget $b 'd[\"reference\"][\"values\"][\"contact_rate\"]')\" = 0.65 ]"

# One organisation: rank 50 in every column with a value; the median is its value.
"$tp" benchmark -q -p 2026-Q3 -f json -o "$tmp/one" "$fx/alpha"
one=$tmp/one/benchmark.json
check "single organisation: every rank 50" "[ \"\$(jget $one 'sorted(set(v for v in d[\"organizations\"][0][\"ranks\"].values() if v is not None))')\" = '[50]' ]"
check "single organisation: median is its value" "[ \"\$(jget $one 'd[\"peer_median\"]')\" = \"\$(jget $one 'd[\"organizations\"][0][\"values\"]')\" ]"

# Mixed sources give what directories give (but for source).
"$tp" report -q -p 2026-Q3 -f json -o "$tmp/beta-report" "$fx/beta"
"$tp" benchmark -q -p 2026-Q3 -f json -o "$tmp/mixed" "$fx/alpha" "$tmp/beta-report/report.json" "$fx/gamma"
strip='[{k: v for k, v in o.items() if k != "source"} for o in d["organizations"]] + [d["peer_median"]]'
check "mixed sources: same figures as directories" "[ \"\$(jget $tmp/mixed/benchmark.json '$strip')\" = \"\$(jget $b '$strip')\" ]"
# Without -p: the latest quarter of any directory source.
"$tp" benchmark -q -f json -o "$tmp/default" "$fx/alpha" "$tmp/beta-report/report.json"
check "default period: 2026-Q3" "[ \"\$(jget $tmp/default/benchmark.json 'd[\"period\"][\"label\"]')\" = '\"2026-Q3\"' ]"

# Errors: another period, another schema, one name twice.
"$tp" report -q -p 2026-Q2 -f json -o "$tmp/q2" "$fx/beta" 2>/dev/null
"$tp" benchmark -q -p 2026-Q3 -o "$tmp/e1" "$fx/alpha" "$tmp/q2/report.json" 2>"$tmp/err"; rc=$?
check "report of another period: exit 1 naming the file" "[ $rc -eq 1 ] && grep -q '$tmp/q2/report.json' '$tmp/err' && [ ! -e '$tmp/e1' ]"
sed 's#touchpoint/report-v1#touchpoint/report-v9#' "$tmp/beta-report/report.json" > "$tmp/other.json"
"$tp" benchmark -q -p 2026-Q3 -o "$tmp/e2" "$fx/alpha" "$tmp/other.json" 2>"$tmp/err"; rc=$?
check "another schema: exit 1 naming the file" "[ $rc -eq 1 ] && grep -q 'other.json' '$tmp/err'"
cp -r "$fx/alpha" "$tmp/alpha-again"
"$tp" benchmark -q -p 2026-Q3 -o "$tmp/e3" "$fx/alpha" "$tmp/alpha-again" 2>"$tmp/err"; rc=$?
check "one organisation twice: exit 1" "[ $rc -eq 1 ] && grep -q \"organization 'Alpha'\" '$tmp/err'"

# Anonymised: Organization A, B, ... in bytewise order of SHA-256 of the names; --focus keeps its name.
"$tp" benchmark -q -p 2026-Q3 -f json,md --anonymize --focus Beta -o "$tmp/anon" "$fx/alpha" "$fx/beta" "$fx/gamma"
want=$(python3 -c '
import hashlib, json
names = ["Alpha", "Gamma"]
order = sorted(names, key=lambda n: hashlib.sha256(n.encode()).hexdigest())
pseudo = {n: "Organization " + "AB"[i] for i, n in enumerate(order)}
print(json.dumps(sorted(["Beta", pseudo["Alpha"], pseudo["Gamma"]])))')
check "anonymised names in SHA-256 order, focus kept" "[ \"\$(jget $tmp/anon/benchmark.json '[o[\"name\"] for o in d[\"organizations\"]]')\" = '$want' ]"
check "anonymised: no real name in md or json but the focus" "! grep -qE 'Alpha|Gamma|bench/alpha|bench/gamma' $tmp/anon/benchmark.json $tmp/anon/benchmark.md"
check "html: no script, no outside request" "! grep -qiE '<script|src=\"http|href=\"http|url\\(' $tmp/all/benchmark.html"

# Sample sizes and intervals (SPEC §7, Wilson of §3): Alpha 2 of 2 with
# contact, 1 of 2 regular, 0 of 2 at risk, 1 of 2 done attested, no request.
# Wilson at k of n = 2: 1 of 2 -> 0.5 ± 1.96·√(0.125 + z²/16)/(1 + z²/2) =
# [0.0945312057, 0.9054687943]; 2 of 2 -> centre (1 + z²/4)/(1 + z²/2) =
# 0.6711901138, half 0.3288098862 -> [0.3423802275, 1].
check "n: Alpha's it_staff 2, actions_done 2, requests 0" "[ \"\$(jget $b 'd[\"organizations\"][0][\"n\"]')\" = '{\"it_staff\": 2, \"actions_done\": 2, \"requests\": 0}' ]"
check "ci95: Alpha's contact rate 2 of 2" "near \$(jget $b 'd[\"organizations\"][0][\"ci95\"][\"contact_rate\"][0]') 0.3423802275066530 && near \$(jget $b 'd[\"organizations\"][0][\"ci95\"][\"contact_rate\"][1]') 1"
check "ci95: Alpha's regular and attested rate 1 of 2" "near \$(jget $b 'd[\"organizations\"][0][\"ci95\"][\"regular_rate\"][0]') 0.0945312057342307 && near \$(jget $b 'd[\"organizations\"][0][\"ci95\"][\"attested_rate\"][1]') 0.9054687942657693"
check "ci95: null where n is 0 (coverage; Beta's attested)" "[ \"\$(jget $b '[d[\"organizations\"][0][\"ci95\"][\"request_coverage\"], d[\"organizations\"][1][\"ci95\"][\"attested_rate\"]]')\" = '[null, null]' ]"
check "ci95: only the five rate columns" "[ \"\$(jget $b 'sorted(d[\"organizations\"][0][\"ci95\"])')\" = '[\"at_risk_share\", \"attested_rate\", \"contact_rate\", \"regular_rate\", \"request_coverage\"]' ]"
check "focus null without --focus" "[ \"\$(jget $b 'd[\"focus\"]')\" = null ]"

# --focus Beta: the peer median over Alpha and Gamma; Fisher of Beta (1 of 2
# with contact) against 4 of 4: the tables with margins 2 (Beta) and 5
# (with contact) of 6 are x = 1 (5/15) and x = 2 (10/15), so p = 1/3;
# regular: 0 of 2 against 1 of 4, p = 1 (the observed table is the likelier).
"$tp" benchmark -q -p 2026-Q3 -f json --focus Beta -o "$tmp/focus" "$fx/alpha" "$fx/beta" "$fx/gamma"
f=$tmp/focus/benchmark.json
check "--focus: p-values 1/3 and 1" "near \$(jget $f 'd[\"focus\"][\"p_value\"][\"contact_rate\"]') 0.3333333333333333 && near \$(jget $f 'd[\"focus\"][\"p_value\"][\"regular_rate\"]') 1 && [ \"\$(jget $f 'd[\"focus\"][\"name\"]')\" = '\"Beta\"' ]"
check "--focus: peer median over the others (regular 0.5, 0 -> 0.25; hours 2, 1.5 -> 1.75)" "near \$(jget $f 'd[\"peer_median\"][\"regular_rate\"]') 0.25 && near \$(jget $f 'd[\"peer_median\"][\"contact_hours_per_head\"]') 1.75 && near \$(jget $f 'd[\"peer_median\"][\"contact_rate\"]') 1"
check "--focus: ranks still over all three" "[ \"\$(jget $f '[o[\"ranks\"] for o in d[\"organizations\"]]')\" = \"\$(jget $b '[o[\"ranks\"] for o in d[\"organizations\"]]')\" ]"
"$tp" benchmark -q -p 2026-Q3 -f json --focus Alpha -o "$tmp/lone" "$fx/alpha"
l=$tmp/lone/benchmark.json
check "--focus with no other organisation: peer median and p-values null" "[ \"\$(jget $l 'sorted(set(d[\"peer_median\"].values()), key=str) + list(d[\"focus\"][\"p_value\"].values())')\" = '[null, null, null]' ]"

# Sources that are not what they seem.
mkdir -p "$tmp/clients/sent" "$tmp/clients/empty"
cp "$tmp/beta-report/report.json" "$tmp/clients/sent/"
"$tp" benchmark -q -p 2026-Q3 -f json -o "$tmp/dirjson" "$fx/alpha" "$tmp/clients/sent" "$fx/gamma"; rc=$?
check "a directory holding only a report.json is read as it: exit 0, same figures" "[ $rc -eq 0 ] && [ \"\$(jget $tmp/dirjson/benchmark.json '$strip')\" = \"\$(jget $b '$strip')\" ]"
check "... and its source is the directory" "[ \"\$(jget $tmp/dirjson/benchmark.json 'd[\"organizations\"][1][\"source\"]')\" = '\"$tmp/clients/sent\"' ]"
"$tp" benchmark -q -p 2026-Q3 -o "$tmp/e4" "$fx/alpha" "$tmp/clients/empty" 2>"$tmp/err"; rc=$?
check "a directory holding neither logs nor report.json: exit 1 naming it" "[ $rc -eq 1 ] && grep -q '^$tmp/clients/empty: error: holds no log file' '$tmp/err' && [ ! -e '$tmp/e4' ]"
rmdir "$tmp/clients/empty"
cp -r "$fx/alpha" "$tmp/clients/alpha"
"$tp" benchmark -q -p 2026-Q3 -o "$tmp/e5" "$tmp/clients/" 2>"$tmp/err"; rc=$?
check "a folder of several clients (logs and report.json files): exit 1, what to pass instead" \
    "[ $rc -eq 1 ] && grep -qF '$tmp/clients/: error: holds logs and report.json files; each organisation is a SOURCE of its own, e.g. $tmp/clients/*' '$tmp/err' && [ ! -e '$tmp/e5' ]"
"$tp" benchmark -q -p 2026-Q3 -f json -o "$tmp/star" "$tmp"/clients/* "$fx/gamma"; rc=$?
check "... and clients/* works, whatever each client sent" "[ $rc -eq 0 ] && [ \"\$(jget $tmp/star/benchmark.json '$strip')\" = \"\$(jget $b '$strip')\" ]"
rm -r "$tmp/clients/alpha"
mkdir -p "$tmp/reports-only/x" && cp "$tmp/beta-report/report.json" "$tmp/reports-only/x/"
"$tp" benchmark -q -p 2026-Q3 -o "$tmp/e6" "$fx/alpha" "$tmp/reports-only" 2>"$tmp/err"; rc=$?
check "a folder of report.json folders: exit 1, what to pass instead" "[ $rc -eq 1 ] && grep -qF 'e.g. $tmp/reports-only/*' '$tmp/err'"
# No IT staff in the period: every IT person joins after it.
mkdir -p "$tmp/late"
sed 's/- {id: b1, name: Bruno}/- {id: b1, name: Bruno, joined: 2026-10-01}/; s/- {id: b2, name: Bea}/- {id: b2, name: Bea, joined: 2026-10-01}/; s/organization: Beta/organization: Late/' \
    "$fx/beta/logs.yaml" > "$tmp/late/logs.yaml"
"$tp" benchmark -q -p 2026-Q3 -o "$tmp/e7" "$fx/alpha" "$tmp/late" 2>"$tmp/err"; rc=$?
check "an organisation without IT staff in the period: exit 1 naming it" "[ $rc -eq 1 ] && grep -q '^$tmp/late: error: no IT staff in 2026-Q3' '$tmp/err' && [ ! -e '$tmp/e7' ]"
"$tp" report -q -p 2026-Q3 -f json -o "$tmp/late-report" "$tmp/late" 2>/dev/null
"$tp" benchmark -q -p 2026-Q3 -o "$tmp/e8" "$fx/alpha" "$tmp/late-report/report.json" 2>"$tmp/err"; rc=$?
check "... also when it sent a report.json" "[ $rc -eq 1 ] && grep -q 'late-report/report.json: error: no IT staff in 2026-Q3' '$tmp/err'"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); del d["kpis"]["with_contact"]; json.dump(d, open(sys.argv[2], "w"))' \
    "$tmp/beta-report/report.json" "$tmp/old.json"
"$tp" benchmark -q -p 2026-Q3 -o "$tmp/e9" "$fx/alpha" "$tmp/old.json" 2>"$tmp/err"; rc=$?
check "a report.json without the counts behind a rate: exit 1 naming the key" "[ $rc -eq 1 ] && grep -q 'old.json.*kpis.with_contact' '$tmp/err'"

# The human formats: each rate with its interval, n where it is not the IT
# staff; with --focus, whether each difference is within chance, in words.
"$tp" benchmark -q -p 2026-Q3 -f md,html --focus Beta -o "$tmp/fmd" "$fx/alpha" "$fx/beta" "$fx/gamma"
m=$tmp/fmd/benchmark.md
nb=$(printf '\302\240') # "n = 2" is kept on one line by no-break spaces
check "md: Alpha's row: IT staff 2, contact 100.0% (34–100%), attested 50.0% (9–91%, n = 2)" \
    "grep -F '| Alpha | 2 | 100.0% (34–100%) | 50.0% (9–91%) |' '$m' | grep -qF '| 50.0% (9–91%, n${nb}=${nb}2) |'"
check "md: Beta's p-values in words" "grep -qF '**Contact rate**: 50.0% (1 of 2) against 100.0% (4 of 4): within chance (p = 0.333).' '$m' && grep -qF 'within chance (p = 1.000)' '$m'"
check "md: the peer median is said to be over the peers" "grep -q 'Beta against its 2 peers pooled' '$m'"
check "html: the same words" "grep -q 'within chance (p = 0.333)' '$tmp/fmd/benchmark.html'"
"$tp" benchmark -q -p 2026-Q3 -f md --lang pt --focus Beta -o "$tmp/fpt" "$fx/alpha" "$fx/beta" "$fx/gamma"
check "md pt: compatível com o acaso" "grep -qF 'compatível com o acaso (p = 0,333)' '$tmp/fpt/benchmark.md'"
"$tp" benchmark -q -p 2026-Q3 -f md --focus Alpha -o "$tmp/flone" "$fx/alpha"
check "md: a lone focus organisation has no test" "grep -q 'No other organisation to compare it with' '$tmp/flone/benchmark.md'"
# Charts that do not distort (read from the SVG): the value axis starts at
# zero where every bar starts; the focus bar hatched and outlined, its name
# marked; the two reference labels on rows of their own; no reference line
# reaches the column of the bars' values.
svgcheck() {
    python3 - "$1" "$2" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
what = sys.argv[2]
texts = [(t, "".join(t.itertext())) for t in root.iter(ns + "text")]
rects = [r for r in root.iter(ns + "rect") if r.get("height") == "16"]
lines = [l for l in root.iter(ns + "line") if l.get("stroke-dasharray")]
if what == "zero":
    zero = [t for t, s in texts if s in ("0%", "0.0")]
    ok = zero and all(float(r.get("x")) == float(zero[0].get("x")) for r in rects) and rects
elif what == "focus":
    f = [r for r in rects if r.get("fill", "").startswith("url(#") and r.get("stroke")]
    ok = len(f) == 1 and any(s.startswith("\u25b6 Beta (focus)") for _, s in texts)
elif what == "labels":
    ys = [float(t.get("y")) for t, s in texts if s.startswith(("State of the CIO", "Peer median"))]
    ok = len(ys) == 2 and abs(ys[0] - ys[1]) >= 14
elif what == "values":
    vals = [float(t.get("x")) for t, s in texts if s.endswith(("%)", "%", ".0", ".5")) and t.get("text-anchor") is None]
    ok = vals and lines and min(vals) > max(float(l.get("x1")) for l in lines) + 5
sys.exit(0 if ok else 1)
PY
}
cr=$tmp/fmd/charts/bench_contact_rate.svg
check "svg: every bar starts at the axis' zero" "svgcheck $cr zero && svgcheck $tmp/fmd/charts/bench_contact_hours_per_head.svg zero"
check "svg: the focus bar hatched and outlined, its name marked" "svgcheck $cr focus"
check "svg: peer median and survey labels on rows of their own" "svgcheck $cr labels"
check "svg: no reference line crosses a bar's value label" "svgcheck $cr values"
check "svg: the axis in percent for a rate" "grep -q '>100%</text>' $cr && grep -q '>50%</text>' $cr"

mkdir -p "$tmp/longname"
sed 's/^organization: Alpha/organization: "Alpha Omega Logistics and Freight Forwarding of the North 株式会社"/' "$fx/alpha/logs.yaml" > "$tmp/longname/logs.yaml"
"$tp" benchmark -q -p 2026-Q3 -f md -o "$tmp/long" "$tmp/longname" "$fx/beta"
check "svg: a long name is cut with an ellipsis to fit left of the bars, whole in its tooltip" \
    "grep -q '<title>Alpha Omega Logistics and Freight Forwarding of the North 株式会社</title><text' $tmp/long/charts/bench_contact_rate.svg && grep -q '>Alpha Omega Logistics and…</text>' $tmp/long/charts/bench_contact_rate.svg"

# The workbook read from the file: charts from zero, in percent, the focus
# point patterned and outlined, the peer median and the survey as bars of
# their own; every sheet landscape and fitted to the width; every column at
# least as wide as its header; the Fisher test on the values sheet.
"$tp" benchmark -q -p 2026-Q3 -f xlsx --focus Beta -o "$tmp/fx" "$fx/alpha" "$fx/beta" "$fx/gamma"
xlsxcheck() {
    python3 - "$1" "$2" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
what = sys.argv[2]
read = lambda n: z.read(n).decode("utf-8")
sheets = sorted(n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", n))
charts = sorted((n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)), key=lambda n: int(re.findall(r"\d+", n)[0]))
strings = [re.sub(r"<[^>]+>", "", si) for si in re.findall(r"<si>(.*?)</si>", read("xl/sharedStrings.xml"), re.S)]
strings = [s.replace("&amp;", "&") for s in strings]
def unescape(s): return s.replace("&lt;", "<").replace("&gt;", ">")
ok = False
if what == "print":
    ok = sheets and all('orientation="landscape"' in read(n) and 'fitToHeight="0"' in read(n) and '<pageSetUpPr fitToPage="1"/>' in read(n) for n in sheets)
elif what == "widths":
    ok = True
    for n in sheets:
        x = read(n)
        widths = {}
        for lo, hi, w in re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', x):
            for c in range(int(lo), int(hi) + 1):
                widths[c] = float(w)
        row1 = re.search(r'<row r="1"[^>]*>(.*?)</row>', x, re.S)
        for ref, idx in re.findall(r'<c r="([A-Z]+)1"[^>]*t="s"[^>]*><v>(\d+)</v>', row1.group(1) if row1 else ""):
            col = 0
            for ch in ref:
                col = col * 26 + ord(ch) - 64
            if widths.get(col, 8.43) < len(strings[int(idx)]):
                print("%s column %s: width %s < %r" % (n, ref, widths.get(col), strings[int(idx)]))
                ok = False
elif what == "axes":
    ok = len(charts) == 7
    for i, n in enumerate(charts):
        val = re.search(r"<c:valAx>.*?</c:valAx>", read(n), re.S).group(0)
        rate = i not in (2, 3)
        ok = ok and '<c:min val="0"/>' in val and (('formatCode="0%"' in val) == rate)
elif what == "bars":
    c1, c2 = read(charts[0]), read(charts[1])
    # 3 organisations (rows 2-4), the peer median (5), the survey (6, contact rate only)
    ok = "Benchmark!$A$2:$A$6" in c1 and "Benchmark!$A$2:$A$5" in c2 and "Benchmark!$C$2:$C$6" in c1
    focus = re.search(r'<c:dPt><c:idx val="1"/>(.*?)</c:dPt>', c1, re.S)   # Beta, second by name
    ok = ok and focus and "<a:pattFill" in focus.group(1) and "<a:ln w=" in focus.group(1) and '<a:srgbClr val="000000"/>' in focus.group(1)
    others = re.findall(r'<c:dPt><c:idx val="(\d+)"/>', c1)
    ok = ok and others == ["1", "3", "4"]
elif what == "focus":
    ok = "Fisher p against the peers: Beta" in strings and "within chance" in strings
sys.exit(0 if ok else 1)
PY
}
wx=$tmp/fx/benchmark.xlsx
check "xlsx: every sheet landscape, fitted to the page width" "xlsxcheck $wx print"
check "xlsx: every column at least as wide as its header" "xlsxcheck $wx widths"
check "xlsx: every chart's value axis from 0, rates in 0%" "xlsxcheck $wx axes"
check "xlsx: focus point patterned and outlined; peer median and survey bars of their own" "xlsxcheck $wx bars"
check "xlsx: the Fisher test and its words on the values sheet" "xlsxcheck $wx focus"
check "xlsx: the n and the intervals" "unzip -p $wx xl/sharedStrings.xml | grep -q 'IT staff (n)' && unzip -p $wx xl/workbook.xml | grep -q '<sheet name=\"95% intervals\"'"

# --lang pt: the workbook's sheets, headings and charts in Portuguese, the
# charts still drawing from the values sheet; English by default.
"$tp" benchmark -q --lang pt -p 2026-Q3 -o "$tmp/pt" "$fx/alpha" "$fx/beta" "$fx/gamma"
x=$tmp/pt/benchmark.xlsx
check "pt workbook: sheets Comparação and Posição em percentil" \
    "unzip -p $x xl/workbook.xml | grep -q '<sheet name=\"Comparação\"' && unzip -p $x xl/workbook.xml | grep -q '<sheet name=\"Posição em percentil\"'"
check "pt workbook: headings and the peer median row" \
    "unzip -p $x xl/sharedStrings.xml | grep -q 'Organização' && unzip -p $x xl/sharedStrings.xml | grep -q 'Mediana dos pares' && unzip -p $x xl/sharedStrings.xml | grep -q 'Mediana de Bacon (mais baixo é melhor)'"
check "pt workbook: chart titles, drawn from the values sheet" \
    "unzip -p $x xl/charts/chart1.xml | grep -q 'Taxa de contacto' && unzip -p $x xl/charts/chart1.xml | grep -q \"'Comparação'!\\\$A\\\$2\""
check "en workbook: English headings" \
    "unzip -p $tmp/all/benchmark.xlsx xl/workbook.xml | grep -q '<sheet name=\"Benchmark\"' && unzip -p $tmp/all/benchmark.xlsx xl/sharedStrings.xml | grep -q 'Peer median'"

# Warnings of the logs read come through (SPEC §1, §2): a date after today
# in a directory source, and a source without an interaction in the period;
# --strict makes them errors and writes nothing.
mkdir -p "$tmp/fut"
cp -r "$fx/alpha" "$tmp/fut/"
printf '  - {type: customer_meeting, date: 2026-12-01, people: [a1], customers: [ca]}\n' >>"$tmp/fut/alpha/logs.yaml"
"$tp" benchmark -q -p 2026-Q3 -o "$tmp/fut-out" "$tmp/fut/alpha" "$fx/beta" 2>"$tmp/fut.err"; rc=$?
check "a future date in a source: exit 0 with its warning" \
    "[ $rc -eq 0 ] && grep -q '^$tmp/fut/alpha/logs.yaml:[0-9]*:[0-9]*: warning: date 2026-12-01 is in the future' '$tmp/fut.err'"
"$tp" benchmark -q --strict -p 2026-Q3 -o "$tmp/fut-strict" "$tmp/fut/alpha" "$fx/beta" 2>/dev/null; rc=$?
check "  under --strict: exit 1, nothing written" "[ $rc -eq 1 ] && [ ! -e '$tmp/fut-strict' ]"
"$tp" benchmark -q -p 2025-Q1 -o "$tmp/empty-out" "$fx/alpha" "$fx/beta" 2>"$tmp/empty.err"; rc=$?
check "no interaction in the period: a warning for each source" \
    "[ $rc -eq 0 ] && [ \$(grep -c ': warning: no interaction in 2025-Q1$' '$tmp/empty.err') -eq 2 ]"
"$tp" benchmark -q --strict -p 2025-Q1 -o "$tmp/empty-strict" "$fx/alpha" "$fx/beta" 2>/dev/null; rc=$?
check "  under --strict: exit 1, nothing written" "[ $rc -eq 1 ] && [ ! -e '$tmp/empty-strict' ]"

# A report written into its own logs' folder, then that folder compared:
# the message says what to do with the one report.json.
cp -r "$fx/alpha" "$tmp/self"
"$tp" report -q -f json -p 2026-Q3 -o "$tmp/self" "$tmp/self"
"$tp" benchmark -q -p 2026-Q3 -o "$tmp/self-out" "$tmp/self" "$fx/beta" 2>"$tmp/err"; rc=$?
check "logs and their own report.json in one folder: exit 1, move it out or give it" \
    "[ $rc -eq 1 ] && grep -qF \"$tmp/self: error: holds logs and a report.json beside them (a report written into its logs' folder?): move the report.json out to compare the logs, or give $tmp/self/report.json\" '$tmp/err' && [ ! -e '$tmp/self-out' ]"

# One source reached twice (a glob and a path, ./ or a trailing slash):
# said as such, not as an organisation clashing with itself.
"$tp" benchmark -q -p 2026-Q3 -o "$tmp/twice-out" "$fx/alpha" "$fx/beta" "$fx/alpha/" 2>"$tmp/err"; rc=$?
check "the same source twice: exit 1, 'given twice', nothing written" \
    "[ $rc -eq 1 ] && grep -qF \"$fx/alpha/: error: the same source as $fx/alpha, given twice (give it once)\" '$tmp/err' && ! grep -q 'is also the organisation' '$tmp/err' && [ ! -e '$tmp/twice-out' ]"

finish
