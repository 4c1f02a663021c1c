#!/usr/bin/env bash
# make bench: times touchpoint against libyaml's bare event parser on the same
# generated files, in one run, and prints ratios (never pass/fail on time).
#
#   BENCH_INTERACTIONS  interactions to generate (default 1000000)
#   BENCH_RUNS          runs of each command (default 3; the median is shown)
#   BENCH_DIR           where the data and outputs go (default build/bench)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
n=${BENCH_INTERACTIONS:-1000000}
runs=${BENCH_RUNS:-3}
dir=${BENCH_DIR:-$repo/build/bench}
tp=${TOUCHPOINT:-$repo/build/touchpoint}
gen=$repo/build/bench-gen
base=$repo/build/bench-baseline
data=$dir/data-$n
mkdir -p "$dir"
if [ ! -f "$data/.done" ]; then
    rm -rf "$data"
    "$gen" "$data" "$n"
    touch "$data/.done"
fi
bytes=$(cat "$data"/*.yaml | wc -c)
files=("$data"/*.yaml)

# The same "generated" time, so outputs can be compared: 2027-01-15, after
# every generated date (2026), so no run spends its time on warnings of
# future dates; the default period is then 2026-Q4, the latest quarter.
export SOURCE_DATE_EPOCH=1800000000
names=(baseline json md,html,json all)
cmd_baseline=("$base" "${files[@]}")
cmd_json=("$tp" report -q -f json -o "$dir/out-json" "$data")
cmd_mhj=("$tp" report -q -f md,html,json -o "$dir/out-mhj" "$data")
cmd_all=("$tp" report -q -o "$dir/out-all" "$data")
declare -A array=([baseline]=cmd_baseline [json]=cmd_json [md,html,json]=cmd_mhj [all]=cmd_all)

# Runs are interleaved (baseline, json, md,html,json, all; then again), so
# that a slow spell of a shared machine falls on every command alike. For
# each command: the median wall seconds and the peak RSS (KiB) of its runs.
declare -A times mems wall rss
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

# -j1 gives byte for byte what the default (every core) gave.
"$tp" report -q -j1 -o "$dir/out-j1" "$data" 2>/dev/null
if diff -r "$dir/out-all" "$dir/out-j1" >/dev/null; then
    jobs_same="identical"
else
    echo "bench: -j1 output differs from the default's"; exit 1
fi

printf '\n%s interactions, %s files, %.1f MB, %s cores\n\n' "$n" "${#files[@]}" "$(echo "$bytes / 1000000" | bc -l)" "$(nproc)"
printf '| run | median wall (s) | ratio to baseline | peak RSS (MiB) | RSS - input (MiB) | MB/s | interactions/s |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for name in "${names[@]}"; do
    w=${wall[$name]}; m=${rss[$name]}
    awk -v name="$name" -v w="$w" -v b="${wall[baseline]}" -v m="$m" -v bytes="$bytes" -v n="$n" 'BEGIN {
        printf "| %s | %.2f | %.2fx | %.0f | %.0f | %.0f | %.0f |\n", name, w, w / b, m / 1024, m / 1024 - bytes / 1048576,
               bytes / 1e6 / w, n / w }'
done
printf '\nOutput of -j1 and of the default (%s jobs): %s.\n' "$(nproc)" "$jobs_same"
