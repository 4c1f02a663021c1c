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

# run NAME CMD...: median wall seconds and peak RSS (KB) of $runs runs.
declare -A wall rss
run() {
    local name=$1; shift
    local times=() mems=()
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" >/dev/null 2>"$dir/stderr.txt" || {
            echo "bench: $name failed:"; cat "$dir/stderr.txt"; exit 1; }
        read -r t m < "$dir/time.txt"
        times+=("$t"); mems+=("$m")
    done
    wall[$name]=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
    rss[$name]=$(printf '%s\n' "${mems[@]}" | sort -g | tail -1)
}

run baseline "$base" "${files[@]}"
run json "$tp" report -q -f json -o "$dir/out-json" "$data"
run md,html,json "$tp" report -q -f md,html,json -o "$dir/out-mhj" "$data"
run all "$tp" report -q -o "$dir/out-all" "$data"

printf '\n%s interactions, %s files, %.1f MB, %s cores\n\n' "$n" "${#files[@]}" "$(echo "$bytes / 1000000" | bc -l)" "$(nproc)"
printf '| run | median wall (s) | ratio to baseline | peak RSS (MB) | RSS - input (MB) | MB/s | interactions/s |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for name in baseline json md,html,json all; do
    w=${wall[$name]}; m=${rss[$name]}
    awk -v name="$name" -v w="$w" -v b="${wall[baseline]}" -v m="$m" -v bytes="$bytes" -v n="$n" 'BEGIN {
        printf "| %s | %.2f | %.2fx | %.0f | %.0f | %.0f | %.0f |\n", name, w, w / b, m / 1024, m / 1024 - bytes / 1048576,
               bytes / 1e6 / w, n / w }'
done
