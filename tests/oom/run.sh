#!/usr/bin/env bash
# Allocation failures (tests/oom/failalloc.c) on the ASan build, for a small
# report and a small benchmark:
#
# - from N on, for every N: each run exits 4 saying "out of memory", with no
#   crash and no leak, and the last good output stays as it was;
# - only the Nth (memory comes back after it, so work skipped on a failure
#   would show as a wrong figure): each run either exits 4 the same way or
#   writes output identical to the run without failures. Every allocation
#   site (two return addresses) is failed at its first and last allocation,
#   and every STRIDE-th allocation besides.
#
# OOM_STRIDE (default 15) thins the "only" runs; OOM_STRIDE=1 fails every one.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
tp=${TOUCHPOINT_OOM:?TOUCHPOINT_OOM names the failing-allocation build}
stride=${OOM_STRIDE:-15}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1790000000
pass=0 fail=0
small=$repo/fixtures/small bench=$repo/fixtures/bench
# A report.json among the benchmark's sources, so that reading one is covered too.
TP_FAIL_ALLOC=0 "$tp" report -q -j1 -f json -p 2026-Q3 -o "$tmp/beta" "$bench/beta" 2>/dev/null ||
    { echo "FAIL the beta report without failures"; exit 1; }

# sums DIR: a checksum line per file of DIR but temporaries.
sums() { (cd "$1" && find . -type f ! -name '.*' | sort | xargs sha256sum); }

# Which allocations to fail one at a time: the first and last of every site
# (the first only with PICK_LAST=0), every stride-th (PICK_STRIDE-th when set).
pick() {
    awk -v stride="${PICK_STRIDE:-$stride}" -v last_too="${PICK_LAST:-1}" '{ n = NR; if (!($0 in first)) first[$0] = n; last[$0] = n }
        END { for (s in first) { pick[first[s]] = 1; if (last_too) pick[last[s]] = 1 }
              for (i = 1; i <= n; i += stride) pick[i] = 1
              for (i in pick) print i }' "$1" | sort -n
}

# case NAME COMMAND...: the command (report or benchmark, -o $tmp/good appended) under both modes.
case_() {
    local name=$1; shift
    rm -rf "$tmp/good"
    TP_FAIL_ALLOC=0 TP_FAIL_SITES="$tmp/sites" "$@" -o "$tmp/good" 2>"$tmp/count" ||
        { echo "FAIL $name: the run without failures"; fail=$((fail + 1)); return; }
    local total good n rc why
    total=$(sed -n 's/^failalloc: \([0-9]*\) allocations$/\1/p' "$tmp/count")
    good=$(sums "$tmp/good")
    for n in $(seq 1 "${FROM_STRIDE:-1}" "$total"); do
        TP_FAIL_ALLOC=$n timeout 30 "$@" -o "$tmp/good" >/dev/null 2>"$tmp/err"
        rc=$? why=""
        if grep -qE "Sanitizer|runtime error" "$tmp/err"; then why="sanitizer report"
        elif [ $rc -ne 4 ]; then why="exit $rc"
        elif ! grep -q "out of memory" "$tmp/err"; then why="no 'out of memory' message"
        elif [ "$(sums "$tmp/good")" != "$good" ]; then why="the last good output changed"
        fi
        find "$tmp/good" -name '.*' -type f -delete # temporaries of a run cut short by memory
        if [ -n "$why" ]; then
            fail=$((fail + 1)); echo "FAIL $name, allocations from $n of $total on: $why"; head -3 "$tmp/err" | sed 's/^/    /'
        else pass=$((pass + 1)); fi
    done
    local picked=0 exits=0
    for n in $(pick "$tmp/sites"); do
        picked=$((picked + 1))
        TP_FAIL_ONLY=1 TP_FAIL_ALLOC=$n timeout 30 "$@" -o "$tmp/good" >/dev/null 2>"$tmp/err"
        rc=$? why=""
        if grep -qE "Sanitizer|runtime error" "$tmp/err"; then why="sanitizer report"
        elif [ $rc -ne 0 ] && [ $rc -ne 4 ]; then why="exit $rc"
        elif [ $rc -eq 4 ] && ! grep -q "out of memory" "$tmp/err"; then why="no 'out of memory' message"
        elif [ "$(sums "$tmp/good")" != "$good" ]; then
            why=$([ $rc -eq 0 ] && echo "exit 0 with output unlike the run without failures" || echo "the last good output changed")
        fi
        [ $rc -eq 4 ] && exits=$((exits + 1))
        find "$tmp/good" -name '.*' -type f -delete
        if [ -n "$why" ]; then
            fail=$((fail + 1)); echo "FAIL $name, only allocation $n of $total: $why"; head -3 "$tmp/err" | sed 's/^/    /'
        else pass=$((pass + 1)); fi
    done
    local each="each"
    [ "${FROM_STRIDE:-1}" -gt 1 ] && each="every ${FROM_STRIDE}th"
    echo "$name: $total allocations, $(sort -u "$tmp/sites" | wc -l) sites; $each failed from it on, and $picked failed alone ($exits exited 4)"
}

# problems NAME COMMAND...: a run that finds problems (exit 1), each of its
# allocations failed alone: it exits 4 saying "out of memory", or 1 with
# every message of the run without failures (none lost to memory).
problems_() {
    local name=$1; shift
    TP_FAIL_ALLOC=0 "$@" >/dev/null 2>"$tmp/perr"
    local rc=$? n total bad=0
    grep -v '^failalloc:' "$tmp/perr" > "$tmp/pwant"
    total=$(sed -n 's/^failalloc: \([0-9]*\) allocations$/\1/p' "$tmp/perr")
    if [ $rc -ne 1 ] || [ -z "$total" ]; then
        echo "FAIL $name: the run without failures exits $rc"; fail=$((fail + 1)); return
    fi
    for n in $(seq 1 "$total"); do
        TP_FAIL_ONLY=1 TP_FAIL_ALLOC=$n timeout 30 "$@" >/dev/null 2>"$tmp/perr"
        rc=$? why=""
        if grep -qE "Sanitizer|runtime error" "$tmp/perr"; then why="sanitizer report"
        elif [ $rc -eq 4 ]; then grep -q "out of memory" "$tmp/perr" || why="no 'out of memory' message"
        elif [ $rc -ne 1 ]; then why="exit $rc"
        elif ! grep -v '^failalloc:' "$tmp/perr" | cmp -s - "$tmp/pwant"; then why="exit 1 with other messages (one lost?)"
        fi
        if [ -n "$why" ]; then
            bad=$((bad + 1)); fail=$((fail + 1)); echo "FAIL $name, only allocation $n of $total: $why"
        else pass=$((pass + 1)); fi
    done
    echo "$name: $total allocations, each failed alone"
}

problems_ "validate with problems" "$tp" validate -j1 "$repo/fixtures/small" "$repo/fixtures/bad/duplicate-key.yaml" \
    "$repo/fixtures/bad/bad-status.yaml" "$repo/fixtures/bad/duplicate-id.yaml"
# (report -f json alone is inside the next case but one: md, json and xlsx.)

# The pieces' own allocations are few: every fifth failed from it on (and
# the first of every site and every 45th alone) covers them.
FROM_STRIDE=5 PICK_STRIDE=45 PICK_LAST=0 case_ "report -f json, every file in pieces" env TOUCHPOINT_PIECE_BYTES=1 "$tp" report -q -j1 -f json -p 2026-Q3 "$small"
case_ "report -f md,json,xlsx" "$tp" report -q -j1 -f md,json,xlsx -p 2026-Q3 "$small"
# The page: cmark-gfm allocates through touchpoint's allocator (so that it
# cannot abort), about 6,000 times for this report; every 80th failed from
# it on, every 120th and the first of every site alone.
FROM_STRIDE=80 PICK_STRIDE=120 PICK_LAST=0 case_ "report -f html, cmark-gfm's allocations too" \
    "$tp" report -q -j1 -f html -p 2026-Q3 "$small"
case_ "benchmark -f md,json,xlsx" "$tp" benchmark -q -j1 -f md,json,xlsx -p 2026-Q3 "$bench/alpha" \
    "$tmp/beta/report.json" "$bench/gamma"
FROM_STRIDE=60 PICK_STRIDE=100 PICK_LAST=0 case_ "benchmark -f html" "$tp" benchmark -q -j1 -f html -p 2026-Q3 "$bench/alpha" \
    "$tmp/beta/report.json" "$bench/gamma"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
