#!/usr/bin/env bash
# bad.sh — every fixtures/bad/*.yaml is refused (or warned about) at the right place.
#
# Each fixture begins with a comment line
#     # expect: LINE:COL: error: SUBSTRING      (or warning:)
# where FILE in SUBSTRING stands for the path given on the command line.
#
# error fixtures:   `report -o OUT FILE` exits 1 within 10 s, prints
#                   "FILE:LINE:COL: error: ...SUBSTRING..." on standard error,
#                   and writes nothing (OUT does not exist).
# warning fixtures: `validate FILE` exits 0 and prints the warning;
#                   `validate --strict FILE` exits 1.
#
# TOUCHPOINT is the binary (default: build/touchpoint of this repository).
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
TOUCHPOINT=${TOUCHPOINT:-$root/build/touchpoint}
case $TOUCHPOINT in /*) ;; *) TOUCHPOINT=$(pwd)/$TOUCHPOINT ;; esac
if [ ! -x "$TOUCHPOINT" ]; then
    echo "bad.sh: no touchpoint binary at $TOUCHPOINT" >&2
    exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0

fail() {
    echo "FAIL $name: $*"
    if [ -s "$tmp/err" ]; then sed 's/^/    | /' "$tmp/err" | head -n 20; fi
    failed=$((failed + 1))
}

# run ARGS...: runs touchpoint in the scratch directory with a 10 s limit;
# sets rc, leaves standard error in $tmp/err.
run() {
    (cd "$tmp/work" && timeout 10 "$TOUCHPOINT" "$@" >"$tmp/out" 2>"$tmp/err")
    rc=$?
}

# has_line PREFIX SUBSTRING: some line of standard error starts with PREFIX and holds SUBSTRING.
has_line() {
    local line
    while IFS= read -r line || [ -n "$line" ]; do
        if [[ $line == "$1"* && $line == *"$2"* ]]; then return 0; fi
    done <"$tmp/err"
    return 1
}

for file in "$root"/fixtures/bad/*.yaml; do
    name=$(basename "$file")
    rm -rf "$tmp/work" && mkdir -p "$tmp/work"
    expect=$(head -n 1 "$file")
    if [[ ! $expect =~ ^#\ expect:\ ([0-9]+):([0-9]+):\ (error|warning):\ (.*)$ ]]; then
        fail "no '# expect: LINE:COL: error|warning: TEXT' first line"
        continue
    fi
    line=${BASH_REMATCH[1]} col=${BASH_REMATCH[2]} sev=${BASH_REMATCH[3]} text=${BASH_REMATCH[4]}
    text=${text//FILE/$file}
    prefix="$file:$line:$col: $sev: "

    if [ "$sev" = error ]; then
        run report -o OUT "$file"
        if [ $rc -eq 124 ]; then fail "report timed out (10 s)"; continue; fi
        if [ $rc -ne 1 ]; then fail "report exited $rc, expected 1"; continue; fi
        if ! has_line "$prefix" "$text"; then fail "expected on stderr: $prefix...$text..."; continue; fi
        if [ -e "$tmp/work/OUT" ]; then fail "report wrote OUT although the input has errors"; continue; fi
    else
        run validate "$file"
        if [ $rc -eq 124 ]; then fail "validate timed out (10 s)"; continue; fi
        if [ $rc -ne 0 ]; then fail "validate exited $rc, expected 0 (warnings only)"; continue; fi
        if ! has_line "$prefix" "$text"; then fail "expected on stderr: $prefix...$text..."; continue; fi
        run validate --strict "$file"
        if [ $rc -eq 124 ]; then fail "validate --strict timed out (10 s)"; continue; fi
        if [ $rc -ne 1 ]; then fail "validate --strict exited $rc, expected 1"; continue; fi
    fi
    passed=$((passed + 1))
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
