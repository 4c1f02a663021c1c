#!/usr/bin/env bash
# Every allocation of a small report fails in turn (tests/oom/failalloc.c):
# each run exits 4 saying "out of memory", with no crash and no leak (the
# binary is built with ASan), and the last good report stays as it was.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
tp=${TOUCHPOINT_OOM:?TOUCHPOINT_OOM names the failing-allocation build}
org=$repo/fixtures/small
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1790000000 TOUCHPOINT_TEMPLATES=$repo/templates
pass=0 fail=0
for formats in json md,html,json,xlsx; do
    rm -rf "$tmp/good"
    TP_FAIL_ALLOC=0 "$tp" report -q -j1 -f "$formats" -o "$tmp/good" "$org" 2>"$tmp/count" || { echo "FAIL the run without failures"; exit 1; }
    total=$(sed -n 's/^failalloc: \([0-9]*\) allocations$/\1/p' "$tmp/count")
    sums=$(cd "$tmp/good" && find . -type f | sort | xargs sha256sum)
    for n in $(seq 1 "$total"); do
        TP_FAIL_ALLOC=$n timeout 30 "$tp" report -q -j1 -f "$formats" -o "$tmp/good" "$org" >/dev/null 2>"$tmp/err"
        rc=$?
        why=""
        if grep -qE "Sanitizer|runtime error" "$tmp/err"; then why="sanitizer report"
        elif [ $rc -ne 4 ]; then why="exit $rc"
        elif ! grep -q "out of memory" "$tmp/err"; then why="no 'out of memory' message"
        elif [ "$(cd "$tmp/good" && find . -type f ! -name '.*' | sort | xargs sha256sum)" != "$sums" ]; then why="the last good report changed"
        fi
        if [ -n "$why" ]; then
            fail=$((fail + 1)); echo "FAIL -f $formats, allocation $n of $total: $why"; head -3 "$tmp/err" | sed 's/^/    /'
        else
            pass=$((pass + 1))
        fi
        find "$tmp/good" -name '.*' -type f -delete   # temporaries of a run cut short by memory
    done
    echo "-f $formats: $total allocations, each failed in turn"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
