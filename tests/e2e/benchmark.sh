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

# --lang pt: the workbook's sheets, headings and charts in Portuguese, the
# charts still drawing from the values sheet; English by default.
"$tp" benchmark -q --lang pt -p 2026-Q3 -o "$tmp/pt" "$fx/alpha" "$fx/beta" "$fx/gamma"
x=$tmp/pt/benchmark.xlsx
check "pt workbook: sheets Comparação and Posição (percentil)" \
    "unzip -p $x xl/workbook.xml | grep -q '<sheet name=\"Comparação\"' && unzip -p $x xl/workbook.xml | grep -q '<sheet name=\"Posição (percentil)\"'"
check "pt workbook: headings and the peer median row" \
    "unzip -p $x xl/sharedStrings.xml | grep -q 'Organização' && unzip -p $x xl/sharedStrings.xml | grep -q 'Mediana dos pares' && unzip -p $x xl/sharedStrings.xml | grep -q 'Bacon mediano (mais baixo é melhor)'"
check "pt workbook: chart titles, drawn from the values sheet" \
    "unzip -p $x xl/charts/chart1.xml | grep -q 'Taxa de contacto' && unzip -p $x xl/charts/chart1.xml | grep -q \"'Comparação'!\\\$A\\\$2\""
check "en workbook: English headings" \
    "unzip -p $tmp/all/benchmark.xlsx xl/workbook.xml | grep -q '<sheet name=\"Benchmark\"' && unzip -p $tmp/all/benchmark.xlsx xl/sharedStrings.xml | grep -q 'Peer median'"

finish
