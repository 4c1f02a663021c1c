#!/usr/bin/env bash
# touchpoint init: a starting repository that validates without a warning and
# reports straight away; an existing folder with files in it is never touched.
# Then make install into a temporary prefix, run from there, and uninstall.
. "$(dirname "$0")/common.inc"

"$tp" init "$tmp/logs" 2>/dev/null; rc=$?
check "init: exit 0" "[ $rc -eq 0 ]"
check "init: roster, interactions, requests, definition, README, schema" \
  "[ -s $tmp/logs/roster.yaml ] && [ -s $tmp/logs/interactions/2026-q3.yaml ] && [ -s $tmp/logs/requests.yaml ] && [ -s $tmp/logs/.touchpoint/report.yaml ] && [ -s $tmp/logs/README.md ] && [ -s $tmp/logs/touchpoint.schema.json ]"
check "init: every built-in type has an example" \
  "[ \$(grep -cE 'type: (customer_meeting|trade_show_shift|support_call_listening|quarterly_review|store_visit|user_group|online_community|lead_qualification|order_desk|ride_along|concierge_desk)\\b' $tmp/logs/interactions/2026-q3.yaml) -eq 11 ]"
"$tp" validate --strict "$tmp/logs" 2>"$tmp/err"; rc=$?
check "validate --strict: exit 0, no warning" "[ $rc -eq 0 ] && ! grep -q warning $tmp/err"
(cd "$tmp" && SOURCE_DATE_EPOCH=1790000000 "$tp" report -q -d logs/.touchpoint/report.yaml logs); rc=$?
check "report: exit 0 and all four formats" "[ $rc -eq 0 ] && [ -s $tmp/report-2026-Q3/report.json ] && [ -s $tmp/report-2026-Q3/report.xlsx ]"
check "report: the definition's third cross-tab is there" "grep -q 'attributes.location' $tmp/report-2026-Q3/report.json"
before=$(cd "$tmp/logs" && find . -type f | sort | xargs sha256sum)
"$tp" init "$tmp/logs" 2>"$tmp/err"; rc=$?
check "init into a folder with files: refused" "[ $rc -ne 0 ] && grep -q 'not empty' $tmp/err"
check "init into a folder with files: nothing changed" "[ \"\$(cd $tmp/logs && find . -type f | sort | xargs sha256sum)\" = \"\$before\" ]"

# init --bare: the same files and comments, no example record in them.
"$tp" init --bare "$tmp/bare" 2>/dev/null; rc=$?
check "init --bare: exit 0, the same files" \
  "[ $rc -eq 0 ] && [ -s $tmp/bare/roster.yaml ] && [ -s $tmp/bare/requests.yaml ] && [ -s $tmp/bare/.touchpoint/report.yaml ] && [ -s $tmp/bare/README.md ] && [ -s $tmp/bare/touchpoint.schema.json ] && ls $tmp/bare/interactions/*.yaml >/dev/null"
check "init --bare: comments kept" "grep -q 'works_with' $tmp/bare/roster.yaml && grep -q 'attested' $tmp/bare/interactions/*.yaml"
"$tp" validate --strict "$tmp/bare" 2>"$tmp/err"; rc=$?
check "init --bare: validates, with no record in it" \
  "[ $rc -eq 0 ] && grep -q '0 people, 0 customers, 0 projects, 0 interactions, 0 requests' $tmp/err"
check "init --bare: no example person left anywhere" "! grep -rqE '^ *- .*(mlopes|Marta Lopes)' $tmp/bare --include=*.yaml"
"$tp" init --bare 2>"$tmp/err"; rc=$?
check "init --bare without DIR: usage error" "[ $rc -eq 2 ]"

# init that cannot write one of its files (here past a file-size limit, as
# a full disk would): exit 3 naming it, and what it made is taken back, so
# the retry is not refused for a folder that is not empty; a folder that
# was there (empty) stays.
( trap '' XFSZ; ulimit -f 8; exec "$tp" init "$tmp/cut" ) 2>"$tmp/err"; rc=$?
check "init cut short: exit 3 naming the file, nothing left behind" \
  "[ $rc -eq 3 ] && grep -q 'cannot write $tmp/cut/touchpoint.schema.json' $tmp/err && [ ! -e $tmp/cut ]"
"$tp" init "$tmp/cut" 2>/dev/null; rc=$?
check "  and the retry makes the whole repository" "[ $rc -eq 0 ] && [ -s $tmp/cut/touchpoint.schema.json ] && [ -s $tmp/cut/.touchpoint/report.yaml ]"
mkdir "$tmp/was-empty"
( trap '' XFSZ; ulimit -f 8; exec "$tp" init "$tmp/was-empty" ) 2>/dev/null; rc=$?
check "  an empty folder given stays, empty" "[ $rc -eq 3 ] && [ -d $tmp/was-empty ] && [ -z \"\$(ls -A $tmp/was-empty)\" ]"

# make install / uninstall into a temporary prefix; the installed program carries its template.
make -s -C "$repo" install PREFIX="$tmp/prefix" >/dev/null 2>&1; rc=$?
check "make install: exit 0" "[ $rc -eq 0 ]"
check "installed: program, man pages, templates, definition, schema" \
  "[ -x $tmp/prefix/bin/touchpoint ] && [ -s $tmp/prefix/share/man/man1/touchpoint.1 ] && [ -s $tmp/prefix/share/man/man5/touchpoint-logs.5 ] && [ -s $tmp/prefix/share/touchpoint/templates/report.html ] && [ -s $tmp/prefix/share/touchpoint/reports/quarterly.yaml ] && [ -s $tmp/prefix/share/touchpoint/touchpoint.schema.json ]"
(cd / && "$tmp/prefix/bin/touchpoint" report -q -f html -o "$tmp/installed" "$repo/fixtures/northwind"); rc=$?
check "installed program: the page uses the installed template" "[ $rc -eq 0 ] && grep -q 'Content-Security-Policy' $tmp/installed/report.html"
for page in man1/touchpoint.1 man5/touchpoint-logs.5; do
    check "man page $page renders without warnings" "[ -z \"\$(MANWIDTH=80 man --warnings -l $tmp/prefix/share/man/$page 2>&1 >/dev/null)\" ]"
done
check "man touchpoint-logs documents every section and record field" \
  "MANWIDTH=200 man -l $tmp/prefix/share/man/man5/touchpoint-logs.5 2>/dev/null > $tmp/man5.txt; for k in organization people customers projects interactions requests types works_with allocations joined paying segment serves minutes hours insights actions attested votes x-; do grep -q -- \"\$k\" $tmp/man5.txt || exit 1; done"
check "man touchpoint: benchmark writes four files" "MANWIDTH=200 man -l $tmp/prefix/share/man/man1/touchpoint.1 2>/dev/null | grep -q 'benchmark.xlsx'"
make -s -C "$repo" uninstall PREFIX="$tmp/prefix" >/dev/null 2>&1
check "make uninstall: nothing left" "[ -z \"\$(find $tmp/prefix -type f)\" ]"

finish
