#!/bin/sh
# Differential test of the benchmark (SPEC §7): touchpoint's benchmark.json
# against the independent tests/reference/bench_reference.py on generated
# organisations (tests/reference/genorg.py), for a quarter, a year and the
# default period; without --focus, with --focus, with --focus --anonymize,
# with one organisation a directory holding only a report.json (each side's
# own: touchpoint's `report` for touchpoint, reference.py for the
# reference), and a lone organisation with --focus (no peers: null median
# and p-values).  When the reference refuses a case (an organisation
# without IT staff in the period), touchpoint must refuse it too (exit 1).
#
#   TOUCHPOINT=build/touchpoint tests/e2e/bench_differential.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ref=$root/tests/reference
PY=${PYTHON:-/usr/bin/python3}
TP=${TOUCHPOINT:-$root/build/touchpoint}
SOURCE_DATE_EPOCH=0
export SOURCE_DATE_EPOCH
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench_differential.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
passed=0
failed=0
compared=0

# new_case, then run_ref ARGS... and run_tp ARGS... (benchmark's options
# and sources), then judge NAME: compare, or check both refused.
new_case() {
	out=$tmp/case-$((passed + failed))
	mkdir -p "$out"
}
run_ref() {
	"$PY" "$ref/bench_reference.py" "$@" > "$out/ref.json" 2> "$out/ref.err"
	ref_rc=$?
}
run_tp() {
	"$TP" benchmark -q -f json -o "$out/tp" "$@" < /dev/null > "$out/tp.out" 2> "$out/tp.err"
	tp_rc=$?
}
judge() {
	if [ "$ref_rc" -ne 0 ]; then
		if [ "$ref_rc" -eq 1 ] && [ "$tp_rc" -eq 1 ]; then
			[ -n "${BENCH_DIFF_VERBOSE:-}" ] && echo "refused by both: $1: $(cat "$out/ref.err")"
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			echo "FAIL $1: reference exit $ref_rc, touchpoint exit $tp_rc"
			sed -n '1,5p' "$out/ref.err" "$out/tp.err" | sed 's/^/    /'
		fi
		return
	fi
	if [ "$tp_rc" -eq 0 ] && "$PY" "$ref/compare.py" --ignore generated "$out/ref.json" "$out/tp/benchmark.json" > "$out/diff" 2>&1; then
		passed=$((passed + 1))
		compared=$((compared + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $1 (touchpoint exit $tp_rc; expected = reference, actual = touchpoint)"
		sed -n '1,30p' "$out/diff" "$out/tp.err" | sed 's/^/    /'
	fi
}
# one NAME ARGS...: both on the same arguments.
one() {
	name=$1
	shift
	new_case
	run_ref "$@"
	run_tp "$@"
	judge "$name"
}

# name_of BENCHMARK.JSON I: the I-th organisation's name.
name_of() { "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["organizations"][int(sys.argv[2])]["name"])' "$1" "$2"; }

mkdir -p "$tmp/g"
# Seeds with data in their first seed's quarter; seed 4 has no IT staff in
# 2023 (every IT person joins later): that group is refused by both.
# BENCH_DIFF_GROUPS (default 4) runs only the first so many groups.
groups=0
for group in "9 1 2 3 4" "6 7 5 8" "11 12 13 14" "15 16 19 4"; do
	groups=$((groups + 1))
	[ "$groups" -le "${BENCH_DIFF_GROUPS:-4}" ] || break
	orgs=
	for seed in $group; do
		"$PY" "$ref/genorg.py" "$seed" "$tmp/g/seed-$seed" > "$tmp/g/periods-$seed" || exit 2
		orgs="$orgs $tmp/g/seed-$seed"
	done
	first=${group%% *}
	quarter=$(sed -n 's/^quarter //p' "$tmp/g/periods-$first" | head -n 1)
	year=${quarter%%-*}
	for p in "$quarter" "$year" ""; do
		popt=
		[ -n "$p" ] && popt="-p $p"
		label="group $group, period ${p:-(default)}"
		# shellcheck disable=SC2086
		one "$label" $popt $orgs
		[ -f "$out/tp/benchmark.json" ] || continue
		focus=$(name_of "$out/tp/benchmark.json" 1)
		# shellcheck disable=SC2086
		one "$label, --focus" $popt --focus "$focus" $orgs
		# shellcheck disable=SC2086
		one "$label, --focus --anonymize" $popt --anonymize --focus "$focus" $orgs
		# shellcheck disable=SC2086
		one "$label, lone organisation" $popt "$tmp/g/seed-$first"
		[ -f "$out/tp/benchmark.json" ] || continue
		lone=$(name_of "$out/tp/benchmark.json" 0)
		# shellcheck disable=SC2086
		one "$label, lone organisation with --focus" $popt --focus "$lone" "$tmp/g/seed-$first"
	done
	# One client sent its report.json, alone in a directory: each side
	# reads its own implementation's report.json there.
	[ -n "$quarter" ] || continue
	rest=${orgs# }
	rest=${rest#* }
	sent=$tmp/sent/seed-$first
	mkdir -p "$sent"
	new_case
	"$TP" report -q -f json -p "$quarter" -o "$sent" "$tmp/g/seed-$first" 2>/dev/null
	# shellcheck disable=SC2086
	run_tp -p "$quarter" "$sent" $rest
	"$PY" "$ref/reference.py" -p "$quarter" "$tmp/g/seed-$first" > "$sent/report.json"
	# shellcheck disable=SC2086
	run_ref -p "$quarter" "$sent" $rest
	judge "group $group, $quarter, the first sent its report.json"
	rm -rf "$tmp/sent"
done

echo "$passed passed ($compared compared figure by figure), $failed failed"
[ "$failed" -eq 0 ] && [ "$compared" -ge 10 ]
