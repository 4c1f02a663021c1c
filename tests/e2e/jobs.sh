#!/usr/bin/env bash
# -j/--jobs N (SPEC §4, issue 7): files are read on N threads and periods
# computed at once, yet every output is byte-identical for every N: the
# bundled demo, a generated organisation of many files and documents, and
# the benchmark of several organisations, in all four formats (the
# workbook included, with SOURCE_DATE_EPOCH), with errors in the same order.
. "$(dirname "$0")/common.inc"
export SOURCE_DATE_EPOCH=1790000000

# same NAME DIR_A DIR_B: every file of the two output folders byte-identical.
same() { diff -r "$2" "$3" >"$tmp/$1.diff" 2>&1; }

python3 "$repo/tests/reference/genorg.py" 11 "$tmp/gen" >/dev/null
[ "$(find "$tmp/gen" -name '*.yaml' | wc -l)" -gt 1 ] || echo "note: genorg.py wrote one file only"

for org in "$repo/fixtures/northwind" "$tmp/gen"; do
    name=$(basename "$org")
    "$tp" report -q -j1 -o "$tmp/$name-1" "$org" 2>/dev/null; rc1=$?
    check "$name: report -j1 exits 0" "[ $rc1 -eq 0 ]"
    for j in 2 3 8; do
        "$tp" report -q -j$j -o "$tmp/$name-$j" "$org" 2>/dev/null
        check "$name: -j$j writes the same md, html, xlsx, json and charts as -j1" "same $name-$j '$tmp/$name-1' '$tmp/$name-$j'"
    done
    "$tp" report -q -o "$tmp/$name-default" "$org" 2>/dev/null
    check "$name: the default (online CPUs) writes the same as -j1" "same $name-default '$tmp/$name-1' '$tmp/$name-default'"
    check "$name: the workbook is among them" "[ -s '$tmp/$name-1/report.xlsx' ]"
done

# A benchmark of sources read in parallel.
"$tp" benchmark -q -j1 -o "$tmp/bench-1" "$repo/fixtures/bench/alpha" "$repo/fixtures/bench/beta" "$repo/fixtures/bench/gamma"
"$tp" benchmark -q -j4 -o "$tmp/bench-4" "$repo/fixtures/bench/alpha" "$repo/fixtures/bench/beta" "$repo/fixtures/bench/gamma"
check "benchmark: -j4 writes the same as -j1" "same bench '$tmp/bench-1' '$tmp/bench-4'"

# Problems from files read on several threads come out in one order.
cp -r "$tmp/gen" "$tmp/broken"
for f in $(find "$tmp/broken" -name '*.yaml' -not -path '*/.*' | sort | head -3); do
    printf -- '---\ninteractions:\n  - {type: order_desk, date: 2026-13-01, people: [nobody]}\n---\npeople: [{id: x}]\n' >>"$f"
done
"$tp" validate -j1 "$tmp/broken" 2>"$tmp/err1"; rc1=$?
"$tp" validate -j3 "$tmp/broken" 2>"$tmp/err3"; rc3=$?
check "problems: exit 1 with -j1 and -j3" "[ $rc1 -eq 1 ] && [ $rc3 -eq 1 ]"
check "problems: the same messages in the same order" "cmp -s '$tmp/err1' '$tmp/err3' && [ \$(grep -c ': error: ' '$tmp/err1') -ge 9 ]"

finish
