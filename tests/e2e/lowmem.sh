#!/usr/bin/env bash
# Memory running out (ulimit -v), in every format, for a report and a
# benchmark, at every limit from the least the program starts with to one it
# finishes under: each run either writes everything (exit 0) or says
# "touchpoint: out of memory" alone and exits 4 (SPEC §4: nothing from a
# library printed on its own, cmark-gfm's abort included), and the last good
# output stays as it was, with no temporary left. One exception, told in the
# README: libxlsxwriter 1.1.4 crashes on some failed allocations (in
# lxw_worksheet_new's cleanup); its process is the workbook's own, so the
# run exits 3 naming report.xlsx, and still nothing is published.
# Not on the sanitizer build: AddressSanitizer reserves far more address
# space than any limit here.
. "$(dirname "$0")/common.inc"
if nm "$tp" 2>/dev/null | grep -q __asan_init; then
    echo "ok   SKIPPED under AddressSanitizer"
    finish
    exit
fi
org=$repo/fixtures/northwind bench=$repo/fixtures/bench
export SOURCE_DATE_EPOCH=1791000000
sums() { (cd "$1" && find . -type f | sort | xargs sha256sum); }

# limits CMD...: every limit (KiB, in steps of 100) from the first at which
# the dynamic loader maps every library to the first at which CMD succeeds;
# "none" when CMD never succeeds below 200 MiB.
limits() {
    local v=4000 start=""
    while [ $v -lt 204800 ]; do
        (ulimit -v $v; "$tp" --version) >/dev/null 2>&1 && { start=$v; break; }
        v=$((v + 100))
    done
    [ -n "$start" ] || { echo none; return; }
    while [ $v -lt 204800 ]; do
        echo $v
        (ulimit -v $v; "$@" -o "$tmp/probe") >/dev/null 2>&1 && return
        rm -rf "$tmp/probe"
        v=$((v + 100))
    done
    echo none
}

# run_at NAME GOOD CMD...: CMD -o a copy of GOOD at every limit.
run_at() {
    local name=$1 good=$2; shift 2
    local vs ok=1 runs=0 nomem=0 crashed=0
    vs=$(limits "$@")
    if [ "$vs" = none ] || [ -z "$vs" ]; then
        bad "$name: no limit under 200 MiB lets it run"; return
    fi
    sums "$good" > "$tmp/good.sums"
    for v in $vs; do
        rm -rf "$tmp/out" && cp -r "$good" "$tmp/out"
        (ulimit -v $v; exec "$@" -o "$tmp/out") >/dev/null 2>"$tmp/err"; rc=$?
        runs=$((runs + 1))
        why=""
        if [ $rc -eq 0 ]; then
            [ -z "$(find "$tmp/out" -name '.*' ! -name .)" ] || why="a temporary left"
        elif [ $rc -eq 4 ]; then
            nomem=$((nomem + 1))
            [ "$(cat "$tmp/err")" = "touchpoint: out of memory" ] || why="exit 4, but stderr is not the one message"
        elif [ $rc -eq 3 ] && grep -qx "touchpoint: cannot write $tmp/out/[a-z]*\.xlsx: Input/output error" "$tmp/err" &&
            [ "$(wc -l < "$tmp/err")" -eq 1 ]; then
            crashed=$((crashed + 1))
        else
            why="exit $rc"
        fi
        if [ $rc -ne 0 ] && [ -z "$why" ]; then
            sums "$tmp/out" | cmp -s - "$tmp/good.sums" || why="exit $rc, and the last good output changed"
        fi
        if [ -n "$why" ]; then
            ok=0; echo "    ulimit -v $v: $why; stderr:"; head -3 "$tmp/err" | sed 's/^/      /'
        fi
    done
    check "$name: $runs limits, $nomem out of memory, $crashed in the workbook's writer; one message, nothing else changed" \
        "[ $ok -eq 1 ] && [ $nomem -gt 0 ]"
}

"$tp" report -q -o "$tmp/good-report" "$org" || { bad "the report without a limit"; finish; exit; }
run_at "report, every format" "$tmp/good-report" "$tp" report -q -j2 "$org"
"$tp" report -q -p 2026-Q3 -f json -o "$tmp/beta" "$bench/beta" || { bad "the beta report.json"; finish; exit; }
"$tp" benchmark -q -p 2026-Q3 -o "$tmp/good-bench" "$bench/alpha" "$tmp/beta/report.json" "$bench/gamma" ||
    { bad "the benchmark without a limit"; finish; exit; }
run_at "benchmark, every format" "$tmp/good-bench" "$tp" benchmark -q -j2 -p 2026-Q3 "$bench/alpha" \
    "$tmp/beta/report.json" "$bench/gamma"
finish
