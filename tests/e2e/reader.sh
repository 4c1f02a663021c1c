#!/usr/bin/env bash
# reader.sh — the reader's bounds and messages (SPEC §1): the alias budget
# per file, skipped values, the message caps, escaping and "reported once".
# Limits are generous (10x): time in seconds, memory as peak RSS (not under ASan).
. "$(dirname "$0")/common.inc"
asan=0
case "$tp" in *asan*) asan=1 ;; esac
# run NAME ARGS...: validate with a 60 s limit; peak RSS in KiB in $tmp/NAME.kb.
run() {
    local name=$1; shift
    /usr/bin/time -f %M -o "$tmp/$name.kb" timeout -k 2 60 "$tp" validate "$@" >/dev/null 2>"$tmp/$name.err"
}
kb() { tail -1 "$tmp/$1.kb"; }
small() { [ $asan = 1 ] || [ "$(kb "$1")" -lt "$2" ]; }

python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
head = "people:\n  - {id: a, name: A}\ncustomers:\n  - {id: c, name: C}\n"
# 150,000 records, each merging one template: fine (SPEC §1).
with open(f"{d}/template.yaml", "w") as f:
    f.write(head + "x-meeting: &m {type: customer_meeting, customers: [c], people: [a], minutes: 30}\ninteractions:\n")
    for i in range(150_000):
        f.write(f"  - {{<<: *m, date: 2026-07-{i % 28 + 1:02d}}}\n")
# 200 documents, each a 1,000-person meeting aliased 990 times: refused early.
with open(f"{d}/docs.yaml", "w") as f:
    ppl = ", ".join(f"p{i}" for i in range(1000))
    for k in range(200):
        f.write("---\n" + head + f"interactions:\n  - &m{k} {{type: customer_meeting, date: 2026-07-01, people: [{ppl}]}}\n")
        for j in range(990):
            f.write(f"  - *m{k}\n")
# a 20 MB flow sequence under an unknown key: skipped, not built.
with open(f"{d}/skipped.yaml", "w") as f:
    f.write(head + "x-junk: [" + "aaaaaaa, " * 2_200_000 + "a]\n")
# one 1 MB id aliased 2,000 times in one list.
with open(f"{d}/bigid.yaml", "w") as f:
    f.write(head + "interactions:\n  - {type: customer_meeting, date: 2026-07-01, people: [&big " + "x" * 1_000_000
            + ", " + ", ".join(["*big"] * 2000) + "]}\n")
# 150 errors and 150 warnings.
with open(f"{d}/many.yaml", "w") as f:
    f.write(head + "interactions:\n")
    for i in range(150):
        f.write(f"  - {{type: customer_meeting, date: 2026-07-01, people: [a], minutes: -1, minuts{i}: 1}}\n")
# 10,050 errors, then a template with a bad date reached through 500
# aliases: past the 10,000 problems kept, the template's still counts once.
with open(f"{d}/past.yaml", "w") as f:
    f.write("people: [{id: a, name: A}, " + ", ".join(["1"] * 10_050) + "]\n")
    f.write("x-t: &t {type: customer_meeting, date: 2026-02-30, people: [a]}\n")
    f.write("interactions: [" + ", ".join(["*t"] * 500) + "]\n")
# The same for a template's values of the wrong kind (a list for a title
# and for hours), whose messages past the cap are not written out in full.
with open(f"{d}/pastkind.yaml", "w") as f:
    f.write(head + "x-t: &t {type: customer_meeting, date: 2026-07-01, people: [a], title: [x], hours: [1]}\n")
    f.write("interactions:\n  - *t\n")
    for i in range(10_000):
        f.write(f"  - {{type: customer_meeting, date: 2026-07-01, people: [a], calls: x{i}}}\n")
    f.write("  - *t\n  - *t\n")
# control characters in text, and a long id.
with open(f"{d}/ctl.yaml", "w") as f:
    f.write(head + 'interactions:\n  - {type: customer_meeting, date: 2026-07-01, people: ["\\e[31mred\\t\\x7f\\N", '
            + '"' + "é" * 100 + '"]}\n')
PY

run template "$tmp/template.yaml"; rc=$?
check "150,000 records each merging a template: accepted" "[ $rc -eq 0 ]"
run docs "$tmp/docs.yaml"; rc=$?
check "200 documents of a 1,000-person meeting aliased 990 times: refused at the alias that crosses the budget" \
    "[ $rc -eq 1 ] && grep -q '^$tmp/docs.yaml:[0-9]*:5: error: aliases expand past 1000000 nodes (an alias bomb?)\$' $tmp/docs.err"
check "  early: in the second document (line < 2,000)" \
    "[ \$(sed -n 's/^[^:]*:\([0-9]*\):.*aliases expand.*/\1/p' $tmp/docs.err) -lt 2000 ]"
check "  in under 200 MiB ($(kb docs) KiB)" "small docs 204800"
run skipped "$tmp/skipped.yaml"; rc=$?
check "a 20 MB flow sequence under an x- key: accepted" "[ $rc -eq 0 ]"
check "  skipped, not built: under 100 MiB ($(kb skipped) KiB; built, 1.7 GB)" "small skipped 102400"
start=$(date +%s)
run bigid "$tmp/bigid.yaml"; rc=$?
secs=$(( $(date +%s) - start ))
check "a 1 MB id aliased 2,000 times: exit 1 in under 120 s ($secs s; about 3 s on an idle machine)" "[ $rc -eq 1 ] && [ $secs -lt 120 ]"
check "  reported once, cut to 80 characters: 79 and …" \
    "[ \$(grep -c 'unknown person' $tmp/bigid.err) -eq 1 ] && grep -q \"error: unknown person '\$(printf 'x%.0s' \$(seq 79))…'\$\" $tmp/bigid.err"
check "  small standard error ($(wc -c <"$tmp/bigid.err") bytes)" "[ \$(wc -c <$tmp/bigid.err) -lt 10000 ]"
check "  in under 300 MiB ($(kb bigid) KiB)" "small bigid 307200"
run many "$tmp/many.yaml"; rc=$?
check "150 errors and 150 warnings: 100 of each shown, then a count of the rest" \
    "[ $rc -eq 1 ] && [ \$(grep -c ': error: ' $tmp/many.err) -eq 100 ] && [ \$(grep -c ': warning: ' $tmp/many.err) -eq 100 ] && grep -qx 'touchpoint: 50 more errors and 50 more warnings not shown' $tmp/many.err"
run past "$tmp/past.yaml"; rc=$?
check "past 10,000 problems a template's problem still counts once (10,051 errors, not 10,550)" \
    "[ $rc -eq 1 ] && grep -qx 'touchpoint: 9951 more errors not shown' $tmp/past.err && grep -q '^touchpoint: 10051 errors' $tmp/past.err"
run pastkind "$tmp/pastkind.yaml"; rc=$?
check "  and a template's wrong kinds (10,002 errors, not 10,006)" \
    "[ $rc -eq 1 ] && grep -q '^touchpoint: 10002 errors' $tmp/pastkind.err"
run ctl "$tmp/ctl.yaml"; rc=$?
check "control characters in a value are written as \\xHH (C0, tab, DEL, C1)" \
    "grep -qF \"error: unknown person '\\x1b[31mred\\x09\\x7f\\x85'\" $tmp/ctl.err"
check "  a long value is cut between characters" \
    "grep -qF \"error: unknown person '\$(printf 'é%.0s' \$(seq 79))…'\" $tmp/ctl.err"
mkdir -p "$tmp/nl"
printf 'people: [{id: a, name: A, nmae: x}]\n' >"$tmp/nl/a
b.yaml"
run nl "$tmp/nl"
check "a newline in a file name cannot forge a line" "grep -qF '$tmp/nl/a\\x0ab.yaml:1:27: warning: unknown key' $tmp/nl.err && [ \$(wc -l <$tmp/nl.err) -eq 2 ]"
finish
