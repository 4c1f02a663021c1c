#!/usr/bin/env bash
# The 402 cases of the YAML test suite through `touchpoint validate`: whatever
# libyaml accepts or rejects, touchpoint never crashes, hangs or leaks (under
# the sanitizer build ASan reports leaks), answers within the time limit, and
# points at a FILE:LINE:COLUMN whenever it exits 1.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
tp=${TOUCHPOINT:-$repo/build/touchpoint}
corpora=${TP_CORPORA:-$repo/../shared/corpora}
suite=$corpora/yaml-test-suite
limit=${YAML_SUITE_SECONDS:-2}
case "$tp" in *asan*) limit=${YAML_SUITE_SECONDS:-10} ;; esac
if [ ! -d "$suite" ]; then
    echo "yaml_suite: no test suite at $suite (set TP_CORPORA)"
    echo "0 passed, 1 failed"
    exit 1
fi
pass=0 fail=0
while IFS= read -r input; do
    err=$(mktemp)
    start=$(date +%s%N)
    timeout -k 1 "$limit" "$tp" validate -q "$input" >/dev/null 2>"$err"
    rc=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    why=""
    case $rc in
        0) ;;
        1) grep -qE "^[^:]+:[0-9]+:[0-9]+: error: " "$err" || why="exit 1 without a FILE:LINE:COLUMN error" ;;
        124|137) why="took longer than ${limit}s" ;;
        *) why="exit $rc" ;;
    esac
    if grep -qE "AddressSanitizer|LeakSanitizer|runtime error:" "$err"; then why="sanitizer report"; fi
    if [ -n "$why" ]; then
        fail=$((fail + 1))
        echo "FAIL ${input#"$suite"/}: $why (${ms} ms)"
        head -5 "$err" | sed 's/^/    /'
    else
        pass=$((pass + 1))
    fi
    rm -f "$err"
done < <(find "$suite" -name in.yaml | sort)
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
