#!/usr/bin/env bash
# Hostile input in bounded time and memory (SPEC §1): each case gives a
# located error or a clean result, never a crash, a hang or unbounded memory.
. "$(dirname "$0")/common.inc"
limit=20
asan=0
case "$tp" in *asan*) asan=1; limit=60 ;; esac

# run NAME FILE...: validate under a time limit (and, outside ASan, 2 GiB of address space).
run() {
    local name=$1; shift
    if [ $asan = 1 ]; then
        timeout -k 2 $limit "$tp" validate -q "$@" >/dev/null 2>"$tmp/$name.err"
    else
        (ulimit -v 2097152; exec timeout -k 2 $limit "$tp" validate -q "$@") >/dev/null 2>"$tmp/$name.err"
    fi
}
located() { grep -qE "^[^:]+:[0-9]+:[0-9]+: error: $2" "$tmp/$1.err"; }

# Under the sanitizers (memory errors, not bounds) the two largest inputs
# are a tenth of their size: the same code paths, a tenth of the time.
scale=1 big="100 MB" many="10 million"
[ $asan = 1 ] && scale=10 big="10 MB" many="1 million"
python3 - "$tmp" "$scale" <<'PY'
import sys
d, scale = sys.argv[1], int(sys.argv[2])
open(f"{d}/scalar.yaml", "w").write('organization: "' + "x" * (100_000_000 // scale) + '"\n')
with open(f"{d}/flow.yaml", "w") as f:
    f.write("people: [" + "a, " * (10_000_000 // scale) + "a]\n")
open(f"{d}/nest.yaml", "w").write("people: " + "[" * 10_000 + "]" * 10_000 + "\n")
open(f"{d}/utf8.yaml", "wb").write(b"people:\n  - {id: a, name: \"Jo\xe3o\"}\n")
open(f"{d}/nul.yaml", "wb").write(b"people:\n  - {id: a, name: A\x00B}\n")
open(f"{d}/bom.yaml", "wb").write(b"\xef\xbb\xbforganization: X\r\npeople:\r\n  - {id: a, name: A}\r\n")
open(f"{d}/empty.yaml", "w").write("")
n = 300_000
with open(f"{d}/keys.yaml", "w") as f:  # one record of 300,000 unknown keys
    f.write("people: [{id: a, name: A}]\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [a]")
    f.write("".join(f", k{i}: 1" for i in range(n)) + "}\n")
with open(f"{d}/ids.yaml", "w") as f:  # 300,000 different unknown people, then one id 300,000 times
    f.write("people: [{id: a, name: A}]\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [")
    f.write(", ".join(f"p{i}" for i in range(n)) + "]}\n")
    f.write("  - {type: order_desk, date: 2026-01-01, people: [" + ", ".join(["a"] * n) + "]}\n")
PY

run bomb "$repo/fixtures/bad/alias-bomb.yaml"; rc=$?
check "alias bomb: exit 1, located" "[ $rc -eq 1 ] && located bomb 'aliases expand past'"
run nest "$tmp/nest.yaml"; rc=$?
check "10,000 levels of nesting: exit 1, located" "[ $rc -eq 1 ] && located nest 'nesting deeper than 200'"
run scalar "$tmp/scalar.yaml"; rc=$?
check "a $big scalar: read in bounds" "[ $rc -eq 0 ]"
run flow "$tmp/flow.yaml"; rc=$?
check "a flow sequence of $many items: exit 1, located, in bounds" "[ $rc -eq 1 ] && located flow 'people: expected a person'"
check "  and the problems are counted, not all printed" "grep -q 'more errors not shown' $tmp/flow.err"
# Records are freed as soon as they are handled: a 30 MB document of ten
# million records needs little more than one record's memory, and so does a
# one-document file of 200,000 interactions. (Peak RSS; not under ASan.)
if [ $asan = 0 ]; then
    rss() { /usr/bin/time -f %M "$tp" validate -q -j1 "$1" 2>&1 >/dev/null | tail -1; }
    kb=$(rss "$tmp/flow.yaml")
    check "  in under 100 MiB ($kb KiB; the node tree alone would take 1 GB)" "[ $kb -lt 102400 ]"
    python3 - "$tmp" <<'PY'
import sys
with open(f"{sys.argv[1]}/onedoc.yaml", "w") as f:
    f.write("people: [{id: a, name: A}, {id: b, name: B}]\ninteractions:\n")
    for i in range(200_000):
        f.write(f"  - {{type: order_desk, date: 2026-01-{i % 28 + 1:02d}, people: [a, b], minutes: 30, "
                f"insights: [one, {{text: two, tags: [x, y]}}], title: Visit {i}}}\n")
PY
    kb=$(rss "$tmp/onedoc.yaml")
    check "one document of 200,000 interactions (26 MB): under 120 MiB ($kb KiB)" "[ $kb -lt 122880 ]"
fi
run utf8 "$tmp/utf8.yaml"; rc=$?
check "invalid UTF-8: exit 1, located" "[ $rc -eq 1 ] && located utf8 'not UTF-8 text \(byte 0x[0-9A-F]+\): save the file as UTF-8'"
run nul "$tmp/nul.yaml"; rc=$?
check "a NUL byte: exit 1, located" "[ $rc -eq 1 ] && located nul ''"
run bom "$tmp/bom.yaml"; rc=$?
check "byte-order mark and CRLF: accepted" "[ $rc -eq 0 ]"
run empty "$tmp/empty.yaml"; rc=$?
check "an empty file: accepted" "[ $rc -eq 0 ]"
run keys "$tmp/keys.yaml"; rc=$?
check "300,000 unknown keys in one mapping: warnings, in bounds" "[ $rc -eq 0 ] && grep -q \"warning: unknown key 'k0'\" $tmp/keys.err && grep -q '299900 more warnings not shown' $tmp/keys.err"
run ids "$tmp/ids.yaml"; rc=$?
check "300,000 ids in one list: exit 1, located, in bounds" "[ $rc -eq 1 ] && located ids \"unknown person 'p0'\""
check "  and an id listed 300,000 times is a warning" "grep -q \"warning: 'a' is listed twice\" $tmp/ids.err"
check "  and 299,999 warnings do not hide the errors" "[ \$(grep -c ': error: unknown person' $tmp/ids.err) -eq 100 ]"

# Costs of the figures (issue 13): no loop of teams x people, projects x
# people or projects x teams x people (each once took 25 s to minutes), and
# little kept per file (50,000 small files once took 1.5 GiB), so
# a report of each shape is done in seconds (12 s of CPU time, which a
# loaded machine does not inflate; wall time only guards against a hang)
# and under 400 MiB; measured on the release build only. The report's json and md (charts included).
# (The shapes are made only where they are measured.)
[ $asan = 1 ] || python3 - "$tmp" <<'PY'
import os, sys
d = sys.argv[1]
def shape(name, customers, projects, people, interactions):
    os.makedirs(f"{d}/{name}")
    with open(f"{d}/{name}/logs.yaml", "w") as f:
        f.write("customers: [{id: c, name: C}]\n")
        for key, rows in (("projects", projects), ("people", people), ("interactions", interactions)):
            if rows:
                f.write(key + ":\n" + "".join("  - " + r + "\n" for r in rows))
N = 100_000
meet = lambda i, p: f"{{type: customer_meeting, date: 2026-07-{i % 28 + 1:02d}, people: [{p}], customers: [c], hours: 1}}"
shape("teams", 1, [], [f"{{id: p{i}, name: P{i}, team: team{i}}}" for i in range(N)],
      [meet(i, f"p{i}") for i in range(N)])
shape("projects", 1, [f"{{id: pr{i}, name: Pr{i}, serves: {{teams: [T{i % 100}]}}}}" for i in range(N)],
      [f"{{id: p{i}, name: P{i}, team: T{i % 100}, allocations: [{{project: pr{i}, percent: 60}}]}}" for i in range(N)],
      [meet(i, f"p{i * 100}") for i in range(1000)])
rest = ", ".join(f"T{t}" for t in range(1, 1000))
shape("serve", 1, [f"{{id: pr{i}, name: Pr{i}, serves: {{teams: [{'T0, ' if i == 999 else ''}{rest}]}}}}"
                   for i in range(1000)],
      [f"{{id: p{i}, name: P{i}, team: T{i % 1000}}}" for i in range(20_000)],
      [meet(i, "p0") for i in range(1000)])
os.makedirs(f"{d}/files")  # 50,000 small files: per-file state stays small (once 31 KB each)
for i in range(50_000):
    with open(f"{d}/files/f{i:05d}.yaml", "w") as f:
        f.write(f"people:\n  - {{id: p{i}, name: P{i}, team: T{i % 50}}}\ninteractions:\n"
                f"  - {{type: customer_meeting, date: 2026-07-01, people: [p{i}], customers: [c], hours: 1}}\n")
open(f"{d}/files/customers.yaml", "w").write("customers: [{id: c, name: C}]\n")
PY
for shape in "teams:100,000 distinct teams" "projects:100,000 projects serving 100 teams" \
             "serve:1,000 projects each serving 1,000 teams" "files:50,000 small files"; do
    name=${shape%%:*} what=${shape#*:}
    if [ $asan = 1 ]; then
        echo "note: $what: a cost bound, measured on the release build only (not under the sanitizers)"
    else
        (ulimit -v 2097152; exec /usr/bin/time -o "$tmp/$name.kb" -f '%U %S %M' timeout -k 2 120 "$tp" report -q \
            -f json,md -p 2026-Q3 -o "$tmp/$name.out" "$tmp/$name") >/dev/null 2>"$tmp/$name.err"; rc=$?
        read -r user sys kb < <(tail -n 1 "$tmp/$name.kb")
        s=$(echo "$user + $sys" | bc)
        check "$what: a report in $s s of CPU (under 12) and $kb KiB (under 400 MiB)" \
            "[ $rc -eq 0 ] && [ -s $tmp/$name.out/report.md ] && [ \$(echo '$s < 12' | bc) = 1 ] && [ $kb -lt 409600 ]"
    fi
done

# The page of the 100,000 teams: rendered one section at a time, it holds
# one section's cmark tree (the whole report's took 1.2 GiB).
if [ $asan = 0 ]; then
    (ulimit -v 4194304; exec /usr/bin/time -o "$tmp/teams-html.kb" -f '%U %S %M' timeout -k 2 240 "$tp" report -q \
        -f html -p 2026-Q3 -o "$tmp/teams.html" "$tmp/teams") >/dev/null 2>"$tmp/teams-html.err"; rc=$?
    read -r user sys kb < <(tail -n 1 "$tmp/teams-html.kb")
    check "100,000 distinct teams: the page in $(echo "$user + $sys" | bc) s of CPU and $kb KiB (under 900 MiB)" \
        "[ $rc -eq 0 ] && [ -s $tmp/teams.html/report.html ] && [ $kb -lt 921600 ]"
fi

# Directories: a FIFO and a dangling link are skipped with a warning, a
# symlink loop ends, and nothing hangs.
mkdir -p "$tmp/dir/sub"
cp "$repo/fixtures/small/roster.yaml" "$tmp/dir/roster.yaml"
mkfifo "$tmp/dir/pipe.yaml"
ln -s nowhere.yaml "$tmp/dir/dangling.yaml"
ln -s .. "$tmp/dir/sub/loop"
ln -s . "$tmp/dir/a"
ln -s . "$tmp/dir/b"
run dir "$tmp/dir"; rc=$?
check "directory with a FIFO, a dangling link and a loop: ends, exit 0" "[ $rc -eq 0 ]"
check "  two symlinks to '.' and one to '..': each directory walked once, the file read once" \
    "[ \$(grep -c 'warning: skipped' $tmp/dir.err) -eq 2 ] && grep -q 'read 1 file' $tmp/dir.err"
check "  the FIFO is skipped with a warning" "grep -q 'pipe.yaml: warning: skipped' $tmp/dir.err"
check "  the dangling link is skipped with a warning" "grep -q 'dangling.yaml: warning: skipped' $tmp/dir.err"
# The same files named in any order give the same result (SPEC §1): the
# hand-worked chains organisation split in two folders and a symlink to one
# (whose path would otherwise name the file and order the input, and so
# break a tie of two interactions on one day in Eve's chain); a hard link
# to the roster is one file; a folder first met deeper than 64 levels is
# still read through a shallower path.
mkdir -p "$tmp/order/a" "$tmp/order/m"
cp "$repo"/tests/chains/org/*.yaml "$tmp/order/m/"
mv "$tmp/order/m/q3b.yaml" "$tmp/order/a/"
ln -s a "$tmp/order/z"
ln "$tmp/order/m/$(cd "$tmp/order/m" && ls | head -1)" "$tmp/order/m/zz-hardlink.yaml"
(cd "$tmp/order" && SOURCE_DATE_EPOCH=1800000000 "$tp" report -q -f json -o "$tmp/order/out1" a m z 2>"$tmp/order/err1" &&
    SOURCE_DATE_EPOCH=1800000000 "$tp" report -q -f json -o "$tmp/order/out2" z m a 2>"$tmp/order/err2"); rc=$?
check "paths in any order: the same report.json and messages" \
    "[ $rc -eq 0 ] && cmp -s $tmp/order/out1/report.json $tmp/order/out2/report.json && cmp -s $tmp/order/err1 $tmp/order/err2"
check "  a hard link is the same file, read once (no duplicate ids)" "! grep -q error $tmp/order/err1"
deep=$tmp/deep/root
mkdir -p "$deep/$(printf 'd/%.0s' $(seq 66))"
cp "$repo/fixtures/small/roster.yaml" "$deep/$(printf 'd/%.0s' $(seq 66))roster.yaml"
ln -s "$(printf 'd/%.0s' $(seq 66))" "$deep/zz"
run deep "$deep"; rc=$?
check "a folder too deep through one path is read through a shallower one" "[ $rc -eq 0 ] && grep -q 'read 1 file' $tmp/deep.err"
run missing "$tmp/no-such-file.yaml"; rc=$?
check "a missing file: exit 1 naming it" "[ $rc -eq 1 ] && grep -q 'no-such-file.yaml: error: cannot read' $tmp/missing.err"

# An unreadable file in a directory: an error naming it, never a hang. Root
# reads a mode-000 file anyway, so as root the run drops to nobody (setpriv).
# The program runs from a copy beside the files, so the case holds wherever
# the clone lives (under /root, or a mktemp -d folder nobody can enter).
ur=$(mktemp -d) && chmod 755 "$ur" && mkdir "$ur/d"
cp "$tp" "$ur/tp" && chmod 755 "$ur/tp"
cp "$repo/fixtures/small/roster.yaml" "$ur/d/roster.yaml" && chmod 644 "$ur/d/roster.yaml"
printf 'organization: X\n' > "$ur/d/secret.yaml" && chmod 000 "$ur/d/secret.yaml"
as=""
if [ "$(id -u)" -eq 0 ]; then
    if command -v setpriv >/dev/null; then as="setpriv --reuid=65534 --regid=65534 --clear-groups"
        echo "note: running as root; the unreadable-file case runs as uid 65534 (setpriv)"
    else as="none"; fi
fi
if [ "$as" = none ]; then
    fail=$((fail + 1)); echo "FAIL unreadable file: running as root without setpriv, cannot test"
else
    $as timeout -k 2 $limit "$ur/tp" validate -q "$ur/d" >/dev/null 2>"$tmp/unreadable.err"; rc=$?
    check "an unreadable file in a directory: exit 1 naming it" \
        "[ $rc -eq 1 ] && grep -q 'secret.yaml: error: cannot read' $tmp/unreadable.err"
fi
rm -rf "$ur"

finish
