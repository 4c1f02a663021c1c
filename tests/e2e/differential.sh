#!/bin/sh
# Differential test: touchpoint's report.json against the independent Python
# reference (tests/reference/reference.py), written from SPEC.md alone.
#
#   TOUCHPOINT=build/touchpoint DIFF_SEEDS=12 tests/e2e/differential.sh
#
# 1. reference.py against the hand-worked tests/reference/tiny/expected.json
#    (and the binary against it too);
# 2. for seeds 1..DIFF_SEEDS: genorg.py SEED makes an organisation; for the
#    default period and for a quarter, a year, a month and three ranges (one
#    across a year boundary, one of more than 64 months) taken from the data, the binary and the reference
#    each write report.json and compare.py compares them.
#
# TOUCHPOINT defaults to build/touchpoint; when it is not there only the
# reference is checked (tiny case, and that it runs on every seed).
# DIFF_KEEP=DIR keeps every failing case's files in DIR.  PYTHON picks the
# interpreter (default /usr/bin/python3, which needs python3-yaml).
# Prints "N passed, M failed" and exits 1 if anything failed.

set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ref=$root/tests/reference
PY=${PYTHON:-/usr/bin/python3}
seeds=${DIFF_SEEDS:-12}
TP=${TOUCHPOINT:-$root/build/touchpoint}
keep=${DIFF_KEEP:-}
SOURCE_DATE_EPOCH=0
export SOURCE_DATE_EPOCH

have_tp=1
if [ ! -x "$TP" ]; then
	echo "differential: no binary at $TP: checking the reference alone" >&2
	have_tp=0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/differential.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
passed=0
failed=0

# ok NAME / bad NAME DETAILFILE CASEDIR: count a result, show why it failed.
ok() { passed=$((passed + 1)); }
bad() {
	failed=$((failed + 1))
	echo "FAIL $1"
	[ -s "$2" ] && sed -n '1,40p' "$2" | sed 's/^/    /'
	n=$(wc -l < "$2" 2>/dev/null || echo 0)
	[ "$n" -gt 40 ] && echo "    ... ($n lines in all)"
	if [ -n "$keep" ] && [ -n "${3:-}" ]; then
		mkdir -p "$keep" && cp -r "$3" "$keep/" 2>/dev/null
	fi
}

# run_tp PERIOD ORGDIR OUTDIR: the binary's report.json; sets tp_rc.
run_tp() {
	if [ -n "$1" ]; then
		"$TP" report -q -f json -o "$3" -p "$1" "$2" < /dev/null > "$3.out" 2> "$3.err"
	else
		"$TP" report -q -f json -o "$3" "$2" < /dev/null > "$3.out" 2> "$3.err"
	fi
	tp_rc=$?
}

# run_ref PERIOD ORGDIR OUTFILE: the reference's report.json; sets ref_rc.
run_ref() {
	if [ -n "$1" ]; then
		"$PY" "$ref/reference.py" -p "$1" "$2" < /dev/null > "$3" 2> "$3.err"
	else
		"$PY" "$ref/reference.py" "$2" < /dev/null > "$3" 2> "$3.err"
	fi
	ref_rc=$?
}

# --- 1. the hand-worked tiny organisation ----------------------------------
run_ref "" "$ref/tiny/org" "$tmp/tiny-ref.json"
if [ "$ref_rc" -eq 0 ] &&
	"$PY" "$ref/compare.py" "$ref/tiny/expected.json" "$tmp/tiny-ref.json" > "$tmp/tiny-ref.diff" 2>&1; then
	ok
else
	cat "$tmp/tiny-ref.json.err" >> "$tmp/tiny-ref.diff"
	bad "tiny: reference.py vs tiny/expected.json" "$tmp/tiny-ref.diff"
fi
if [ "$have_tp" -eq 1 ]; then
	run_tp "" "$ref/tiny/org" "$tmp/tiny-tp"
	if [ "$tp_rc" -eq 0 ] &&
		"$PY" "$ref/compare.py" "$ref/tiny/expected.json" "$tmp/tiny-tp/report.json" > "$tmp/tiny-tp.diff" 2>&1; then
		ok
	else
		{ echo "touchpoint exit $tp_rc"; cat "$tmp/tiny-tp.err"; } >> "$tmp/tiny-tp.diff"
		bad "tiny: touchpoint vs tiny/expected.json" "$tmp/tiny-tp.diff"
	fi
fi

# --- 2. generated organisations ----------------------------------------------
seed=1
while [ "$seed" -le "$seeds" ]; do
	case_dir=$tmp/seed-$seed
	org=$case_dir/org
	mkdir -p "$case_dir"
	if ! "$PY" "$ref/genorg.py" "$seed" "$org" > "$case_dir/periods" 2> "$case_dir/gen.err"; then
		bad "seed $seed: genorg.py failed" "$case_dir/gen.err"
		seed=$((seed + 1))
		continue
	fi
	# "default" first, then KIND PERIOD lines from genorg.py; its "today
	# EPOCH" line is the generated time of the explicit periods (the
	# default one keeps 0, so that the default period stays the quarter of
	# the latest interaction in both implementations).
	# With a today inside the data, the default period once more at a today
	# inside the data: the quarter of the latest interaction not after it (SPEC §2).
	today=$(sed -n 's/^today //p' "$case_dir/periods")
	{ echo "default -"; [ -n "$today" ] && echo "default-today -"; grep -v '^today ' "$case_dir/periods"; } > "$case_dir/cases"
	i=0
	while read -r kind period; do
		i=$((i + 1))
		p=$period
		SOURCE_DATE_EPOCH=${today:-0}
		[ "$kind" = default ] && p= && SOURCE_DATE_EPOCH=0
		# That today lies inside the data: later interactions exist.
		[ "$kind" = default-today ] && p=
		name="seed $seed, $kind ${p:-(default)}"
		out=$case_dir/$i
		mkdir -p "$out"
		echo "genorg.py $seed ORG; period: $kind ${p:-(default)}" > "$out/README"
		run_ref "$p" "$org" "$out/ref.json"
		if [ "$have_tp" -eq 0 ]; then
			# Reference alone: it must run (or, with no interaction and no
			# period, refuse with 1), and give well-formed JSON.
			if [ "$ref_rc" -eq 0 ] && "$PY" -c 'import json,sys; json.load(open(sys.argv[1]))' "$out/ref.json" 2> "$out/diff"; then
				ok
			elif [ "$ref_rc" -eq 1 ] && [ -z "$p" ]; then
				ok
			else
				cat "$out/ref.json.err" >> "$out/diff"
				bad "$name: reference.py failed" "$out/diff" "$case_dir"
			fi
			continue
		fi
		run_tp "$p" "$org" "$out/tp"
		if [ "$ref_rc" -ne 0 ]; then
			# Only a default period over no interaction: both must refuse (exit 1).
			if [ "$tp_rc" -eq 1 ] && [ -z "$p" ]; then
				ok
			else
				{ echo "reference exit $ref_rc, touchpoint exit $tp_rc"; cat "$out/ref.json.err" "$out/tp.err"; } > "$out/diff"
				bad "$name" "$out/diff" "$case_dir"
			fi
			continue
		fi
		if [ "$tp_rc" -ne 0 ] || [ ! -f "$out/tp/report.json" ]; then
			{ echo "touchpoint exit $tp_rc"; sed -n '1,20p' "$out/tp.err"; } > "$out/diff"
			bad "$name" "$out/diff" "$case_dir"
			continue
		fi
		if "$PY" "$ref/compare.py" "$out/ref.json" "$out/tp/report.json" > "$out/diff" 2>&1; then
			ok
		else
			bad "$name (expected = reference, actual = touchpoint)" "$out/diff" "$case_dir"
		fi
	done < "$case_dir/cases"
	seed=$((seed + 1))
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
