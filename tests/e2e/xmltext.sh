#!/usr/bin/env bash
# What the XML outputs may contain (SPEC §1, §5): a character XML 1.0 cannot
# hold (reached through YAML escapes) is written as U+FFFD in the page, the
# charts and every part of the workbooks, which all stay well-formed; a cut
# label is cut between characters and ends with "…"; report.json keeps the
# text as written. Parsed by python's expat (tests/e2e/xmlcheck.py).
. "$(dirname "$0")/common.inc"
export SOURCE_DATE_EPOCH=1790000000
xmlcheck() { python3 "$here/xmlcheck.py" "$@"; }
# part XLSX MEMBER: the member's text
part() { python3 -c "import sys,zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())" "$1" "$2"; }
has() { grep -qF -- "$2" "$1"; }
FFFD=$'\xef\xbf\xbd'
ELL=$'\xe2\x80\xa6'
E1=$'\xf0\x9f\x98\x80' # 😀
emoji30=$(printf "$E1%.0s" $(seq 30)) emoji24=$(printf "$E1%.0s" $(seq 24))

# 1. Escapes in every kind of text: names, a team, a title, a customer.
mkdir -p "$tmp/in1"
cat > "$tmp/in1/log.yaml" <<EOF
organization: "Org\e\x01\v\uFFFE\uFFFF end"
people:
  - {id: a, name: "Ana \e[31mred\x01", team: "$emoji30"}
  - {id: b, name: "Bo\uFFFE<script>alert(1)</script>", team: "T\v\uFFFF"}
customers:
  - {id: c, name: "Cust\f <img src=x onerror=alert(1)>", paying: true}
interactions:
  - {type: customer_meeting, date: 2026-07-02, title: "t\x03\uFFFE", people: [a, b], customers: [c], minutes: 60,
     insights: ["ins\x04 <b>bold</b>"]}
EOF
"$tp" report -q -o "$tmp/o1" "$tmp/in1"; rc=$?
check "escapes: exit 0" "[ $rc -eq 0 ]"
check "every chart, the page and every workbook part well-formed" \
    "xmlcheck $tmp/o1/charts/*.svg $tmp/o1/report.html $tmp/o1/report.xlsx"
check "a team of 30 emoji: the label is 24 of them and \"…\"" \
    "has $tmp/o1/charts/contact_by_team.svg '>$emoji24$ELL</text>'"
check "  and its tooltip the whole name" "has $tmp/o1/charts/contact_by_team.svg '<title>$emoji30</title>'"
check "  the page shows the same label" "has $tmp/o1/report.html '>$emoji24$ELL</text>'"
check "a team's \\v and U+FFFF as U+FFFD in the chart" "has $tmp/o1/charts/contact_by_team.svg '<title>T$FFFD$FFFD</title>'"
check "  in its label too, not a space" "has $tmp/o1/charts/contact_by_team.svg '>T$FFFD$FFFD</text>'"
part "$tmp/o1/report.xlsx" xl/worksheets/sheet3.xml > "$tmp/people.xml"
check "People sheet: \"\\e\" and \"\\x01\" as U+FFFD" "has $tmp/people.xml '<t>Ana $FFFD[31mred$FFFD</t>'"
check "  U+FFFE as U+FFFD, the markup as text" \
    "has $tmp/people.xml '<t>Bo$FFFD&lt;script&gt;alert(1)&lt;/script&gt;</t>'"
part "$tmp/o1/report.xlsx" xl/worksheets/sheet4.xml > "$tmp/inter.xml"
check "Interactions sheet: the title's \\x03 and U+FFFE" "has $tmp/inter.xml '<t>t$FFFD$FFFD</t>'"
part "$tmp/o1/report.xlsx" docProps/core.xml > "$tmp/core1.xml"
check "docProps/core.xml: the organisation's five as U+FFFD" \
    "has $tmp/core1.xml '<dc:title>Org$FFFD$FFFD$FFFD$FFFD$FFFD end — 2026-Q3</dc:title>'"
check "the page: the organisation as in the workbook" "has $tmp/o1/report.html 'Org$FFFD$FFFD$FFFD$FFFD$FFFD end'"
check "  no element or attribute from the logs" \
    "! grep -qiE '<script|<img|onerror=|<b>bold' $tmp/o1/report.html"
check "report.json keeps the text as written" \
    "[ \"\$(python3 -c 'import json,sys; print(ascii(json.load(open(sys.argv[1]))[\"organization\"]))' $tmp/o1/report.json)\" = \"'Org\\\\x1b\\\\x01\\\\x0b\\\\ufffe\\\\uffff end'\" ]"

# 2. A 200 × "é" organisation: the workbook's title holds it whole.
e200=$(printf 'é%.0s' $(seq 200)) e300=$(printf 'é%.0s' $(seq 300)) e252=$(printf 'é%.0s' $(seq 252))
mkdir -p "$tmp/in2"
sed "s/^organization: .*/organization: $e200/" "$tmp/in1/log.yaml" > "$tmp/in2/log.yaml"
"$tp" report -q -f xlsx -o "$tmp/o2" "$tmp/in2"; rc=$?
check "200 × é: exit 0, the workbook well-formed" "[ $rc -eq 0 ] && xmlcheck $tmp/o2/report.xlsx"
part "$tmp/o2/report.xlsx" docProps/core.xml > "$tmp/core2.xml"
check "  docProps/core.xml holds the whole name" "has $tmp/core2.xml '<dc:title>$e200 — 2026-Q3</dc:title>'"
# 300 × "é" and " — 2026-Q3" is 310 characters: cut to 255, the last "…".
sed "s/^organization: .*/organization: $e300/" "$tmp/in1/log.yaml" > "$tmp/in2/log.yaml"
"$tp" report -q -f xlsx -o "$tmp/o3" "$tmp/in2"; rc=$?
part "$tmp/o3/report.xlsx" docProps/core.xml > "$tmp/core3.xml"
check "300 × é: the title cut to 254 characters and \"…\", between characters" \
    "[ $rc -eq 0 ] && xmlcheck $tmp/o3/report.xlsx && has $tmp/core3.xml '<dc:title>$e252éé$ELL</dc:title>'"

# 3. The benchmark: an organisation name and a source path with escapes.
"$tp" report -q -p 2026-Q3 -f json -o "$tmp/r" "$repo/fixtures/bench/alpha"
src="$tmp/r/al"$'\x01'"pha.json"
python3 - "$tmp/r/report.json" "$src" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["organization"] = "Al\x1bpha\ufffe <script>x</script>"
json.dump(d, open(sys.argv[2], "w"))
PY
"$tp" benchmark -q -p 2026-Q3 -o "$tmp/b" "$src" "$repo/fixtures/bench/beta"; rc=$?
check "benchmark: exit 0, its charts, page and workbook well-formed" \
    "[ $rc -eq 0 ] && xmlcheck $tmp/b/charts/*.svg $tmp/b/benchmark.html $tmp/b/benchmark.xlsx"
part "$tmp/b/benchmark.xlsx" xl/sharedStrings.xml > "$tmp/bench1.xml"
check "  the name's \\e and U+FFFE as U+FFFD in the workbook" \
    "has $tmp/bench1.xml '<t>Al${FFFD}pha$FFFD &lt;script&gt;x&lt;/script&gt;</t>'"
check "  the source path's \\x01 as U+FFFD" "has $tmp/bench1.xml 'al${FFFD}pha.json</t>'"
# (the chart cuts a long name to fit left of its bar; the whole name is its tooltip)
check "  and in the chart" "has $tmp/b/charts/bench_contact_rate.svg '<title>Al${FFFD}pha$FFFD &lt;script&gt;x&lt;/script&gt;</title>' && has $tmp/b/charts/bench_contact_rate.svg '>Al${FFFD}pha$FFFD &lt;scr'"
check "  no element from the input on the page" "! grep -qi '<script' $tmp/b/benchmark.html"
finish
