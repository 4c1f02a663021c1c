#!/usr/bin/env bash
# make bench: times touchpoint against libyaml's bare event parser on the same
# generated files, in one run, and prints ratios (never pass/fail on time).
#
#   BENCH_INTERACTIONS  interactions to generate (default 1000000)
#   BENCH_RUNS          runs of each command (default 3; the median is shown)
#   BENCH_LAYOUTS       gen.c's layouts to run (default "files one text")
#   BENCH_DIR           where the data and outputs go (default build/bench)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
n=${BENCH_INTERACTIONS:-1000000}
runs=${BENCH_RUNS:-3}
layouts=${BENCH_LAYOUTS:-files one text}
dir=${BENCH_DIR:-$repo/build/bench}
tp=${TOUCHPOINT:-$repo/build/touchpoint}
gen=$repo/build/bench-gen
base=$repo/build/bench-baseline
mkdir -p "$dir"

# The same "generated" time, so outputs can be compared: 2027-01-15, after
# every generated date (2026), so no run spends its time on warnings of
# future dates; the default period is then 2026-Q4, the latest quarter.
export SOURCE_DATE_EPOCH=1800000000

# bench LAYOUT: the table of one layout (tests/bench/gen.c).
bench() {
local layout=$1
local data=$dir/data-$layout-$n
if [ ! -f "$data/.done" ]; then
    rm -rf "$data"
    "$gen" "$data" "$n" "$layout"
    touch "$data/.done"
fi
local bytes files
bytes=$(cat "$data"/*.yaml | wc -c)
files=("$data"/*.yaml)
names=(baseline json md,html,json all)
cmd_baseline=("$base" "${files[@]}")
cmd_json=("$tp" report -q -f json -o "$dir/out-$layout-json" "$data")
cmd_mhj=("$tp" report -q -f md,html,json -o "$dir/out-$layout-mhj" "$data")
cmd_all=("$tp" report -q -o "$dir/out-$layout-all" "$data")
declare -A array=([baseline]=cmd_baseline [json]=cmd_json [md,html,json]=cmd_mhj [all]=cmd_all)

# Runs are interleaved (baseline, json, md,html,json, all; then again), so
# that a slow spell of a shared machine falls on every command alike. For
# each command: the median wall seconds and the peak RSS (KiB) of its runs.
unset times mems wall rss; declare -A times mems wall rss
for _ in $(seq "$runs"); do
    for name in "${names[@]}"; do
        declare -n c=${array[$name]}
        /usr/bin/time -f "%e %M" -o "$dir/time.txt" "${c[@]}" >/dev/null 2>"$dir/stderr.txt" || {
            echo "bench: $name failed:"; cat "$dir/stderr.txt"; exit 1; }
        read -r t m < "$dir/time.txt"
        times[$name]+="$t "; mems[$name]+="$m "
        unset -n c
    done
done
for name in "${names[@]}"; do
    wall[$name]=$(printf '%s\n' ${times[$name]} | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
    rss[$name]=$(printf '%s\n' ${mems[$name]} | sort -g | tail -1)
done

# -j1, and every file read whole, give byte for byte what the default
# (every core, big files in pieces) gave.
local jobs_same
"$tp" report -q -j1 -o "$dir/out-$layout-j1" "$data" 2>/dev/null
TOUCHPOINT_PIECE_BYTES=whole "$tp" report -q -j1 -o "$dir/out-$layout-whole" "$data" 2>/dev/null
if diff -r "$dir/out-$layout-all" "$dir/out-$layout-j1" >/dev/null &&
   diff -r "$dir/out-$layout-all" "$dir/out-$layout-whole" >/dev/null; then
    jobs_same="identical"
else
    echo "bench: the output of -j1 or of files read whole differs from the default's"; exit 1
fi

printf '\n%s layout: %s interactions, %s files, %.1f MB, %s cores\n\n' "$layout" "$n" "${#files[@]}" "$(echo "$bytes / 1000000" | bc -l)" "$(nproc)"
printf '| run | median wall (s) | ratio to baseline | peak RSS (MiB) | RSS - input (MiB) | MB/s | interactions/s |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for name in "${names[@]}"; do
    w=${wall[$name]}; m=${rss[$name]}
    awk -v name="$name" -v w="$w" -v b="${wall[baseline]}" -v m="$m" -v bytes="$bytes" -v n="$n" 'BEGIN {
        printf "| %s | %.2f | %.2fx | %.0f | %.0f | %.0f | %.0f |\n", name, w, w / b, m / 1024, m / 1024 - bytes / 1048576,
               bytes / 1e6 / w, n / w }'
done
printf '\nOutput of -j1, of every file read whole and of the default (%s jobs, pieces): %s.\n' "$(nproc)" "$jobs_same"
}

for layout in $layouts; do bench "$layout"; done
