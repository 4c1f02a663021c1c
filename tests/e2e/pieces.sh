#!/usr/bin/env bash
# A big file read in pieces cut at document markers (issue 19) gives exactly
# what reading it whole gives: the same problems at the same FILE:LINE:COL,
# the same exit status, the same report. TOUCHPOINT_PIECE_BYTES=1 cuts at
# every marker it can; "whole" cuts nowhere.
source "$(dirname "$0")/common.inc"
export SOURCE_DATE_EPOCH=1800000000
corpora=${TP_CORPORA:-$repo/../shared/corpora}

# run MODE ARGS...: stdout, stderr and status of one run, as one text.
run() { local m=$1; shift; TOUCHPOINT_PIECE_BYTES=$m "$tp" "$@" 2>&1; echo "status $?"; }
# same NAME ARGS...: whole and in pieces (every marker, and 40-byte pieces) agree.
same() {
    local name=$1; shift
    local w; w=$(run whole "$@")
    if [ "$w" = "$(run 1 "$@")" ] && [ "$w" = "$(run 40 "$@")" ]; then ok "$name"; else
        bad "$name"; diff <(echo "$w") <(run 1 "$@") | head -6; fi
}

# Under the sanitizers (where this file looks for memory errors, the
# release run having compared everything) a quarter of the suite and 12
# random logs keep make check in time.
every=1 seeds=${PIECES_SEEDS:-60}
case "$tp" in *asan*) every=4 seeds=${PIECES_SEEDS:-12} ;; esac

# Every case of the YAML test suite validates alike.
n=0 differ=0 k=0
while IFS= read -r input; do
    k=$((k + 1)); [ $((k % every)) -eq 0 ] || continue
    n=$((n + 1))
    [ "$(run whole validate -q "$input")" = "$(run 1 validate -q "$input")" ] || {
        differ=$((differ + 1)); echo "  differs: ${input#"$corpora"/}"; }
done < <(find "$corpora/yaml-test-suite" -name in.yaml | sort)
check "the $n YAML test suite cases validate alike whole and in pieces" '[ "$n" -ge $((400 / every)) ] && [ "$differ" -eq 0 ]'

roster='people:
  - {id: ana, name: Ana, team: Apps}
  - {id: rui, name: Rui, team: Ops}
customers:
  - {id: acme, name: Acme, paying: true}'
meeting() { printf -- '---\ninteractions:\n  - {type: customer_meeting, date: 2026-%s, people: [%s], customers: [acme]}\n' "$1" "$2"; }

# Problems in several documents: each at its own line of the whole file.
{ echo "$roster"; meeting 01-10 ana; meeting 02-30 ana; meeting 03-05 bob; meeting 04-01 rui; } > "$tmp/errors.yaml"
same "problems in several documents: same messages, same places" validate "$tmp/errors.yaml"
# worked out by hand: the roster is lines 1-5; each document takes 3 lines, its record on the third
check "the bad date of the third document is at line 11" \
    'run 1 validate "$tmp/errors.yaml" | grep -q "errors.yaml:11:.*2026-02-30"'
check "the unknown person of the fourth document is at line 14" \
    'run 1 validate "$tmp/errors.yaml" | grep -q "errors.yaml:14:.*bob"'

# A syntax error in a later document: the file is read again whole.
{ echo "$roster"; meeting 01-10 ana; meeting 02-11 rui; printf -- '---\ninteractions: [ {type: call\n'; meeting 03-01 ana; } > "$tmp/syntax.yaml"
same "a syntax error in a later piece: the problems of the whole file" validate "$tmp/syntax.yaml"
check "the syntax error is told at its place" 'run 1 validate "$tmp/syntax.yaml" | grep -qE "syntax.yaml:1[0-9]:[0-9]+: error: YAML syntax"'

# Directives after "...", a %TAG used by the document it precedes, comments between.
{ echo "$roster"; echo '...'; echo '%YAML 1.2'; echo '# the next month'; echo '%TAG !t! tag:touchpoint.example,2026:'
  printf -- '---\ninteractions:\n  - {type: !t!x customer_meeting, date: 2026-01-12, people: [ana], customers: [acme]}\n...\n'
  echo '%YAML 1.2'; meeting 01-13 rui; } > "$tmp/directives.yaml"
same "directives travel with the document they precede" report -f json -o - "$tmp/directives.yaml"
check "the file with directives is a valid log" 'TOUCHPOINT_PIECE_BYTES=1 "$tp" validate -q "$tmp/directives.yaml"'

# A "%" line that is text: the root block scalar of a document, then a marker.
{ echo "$roster"; printf -- '--- |\n%%not a directive\n'; meeting 01-14 ana; } > "$tmp/percent.yaml"
same "a % line inside a scalar is text, not a directive" validate "$tmp/percent.yaml"

# CRLF lines, a BOM, and line breaks libyaml counts that are not LF (NEL, LS, PS, a lone CR).
{ printf '\xEF\xBB\xBF'; echo "$roster"; meeting 01-10 ana; meeting 02-30 ana; } | sed 's/$/\r/' > "$tmp/crlf.yaml"
same "CRLF lines and a BOM" validate "$tmp/crlf.yaml"
{ echo "$roster"; printf -- '---\ninteractions:\n  - {type: call, date: 2026-01-10, people: [ana], title: "a\xC2\x85b\xE2\x80\xA8c\xE2\x80\xA9d\re"}\n'
  meeting 02-30 ana; meeting 03-03 bob; } > "$tmp/breaks.yaml"
same "NEL, LS, PS and a lone CR in a title: lines counted as libyaml counts them" validate "$tmp/breaks.yaml"

# The alias budget is the whole file's: eleven documents each within
# 1,000,000 nodes but not together, aliases adding far more than ten times
# the nodes written (each 100 aliases of a record of 1,000 tags).
tags=$(printf 't%d, ' $(seq 1000)); tags=${tags%, }
{ echo "$roster"
  for d in $(seq 11); do
      printf -- '---\ninteractions:\n  - &i {type: call, date: 2026-01-%02d, people: [ana], tags: [%s]}\n' "$d" "$tags"
      for _ in $(seq 100); do echo '  - *i'; done
  done; } > "$tmp/budget.yaml"
same "an alias budget passed only by the pieces together" validate "$tmp/budget.yaml"
check "the budget is told as the whole file's" 'run 1 validate "$tmp/budget.yaml" | grep -q "aliases expand past 1000000 nodes"'

# Past TP_MAX_DIAGS (10,000) errors a file's problems are only counted,
# each once (SPEC §1: a template's problem is reported once), in pieces as
# when the file is read whole.
{ echo "$roster"; printf -- '---\ninteractions:\n'
  seq 10005 | sed 's/.*/  - {type: customer_meeting, date: 2026-02-30, people: [ana]}/'
  printf -- '---\nx-t: &t {type: customer_meeting, date: 2026-04-31, people: [ana]}\ninteractions:\n  - *t\n  - *t\n  - *t\n'
} > "$tmp/cap.yaml"
same "past 10,000 errors in a file: the same count in pieces" validate "$tmp/cap.yaml"
# worked out by hand: 10,005 bad dates and the template's, once for its three aliases
check "the template's error counts once when the file's errors are only counted" \
    'run 1 validate "$tmp/cap.yaml" | grep -q "^touchpoint: 10006 errors, 0 warnings"'

# Forty files of two documents under a limit of 30 open files: no file
# is held open between its pieces, so none of them cannot be read.
mkdir "$tmp/many"
for i in $(seq -w 40); do
    printf -- 'people:\n  - {id: p%s, name: P}\n---\ncustomers:\n  - {id: c%s, name: C}\n' "$i" "$i" > "$tmp/many/f$i.yaml"
done
check "forty files in pieces under 'ulimit -n 30': all read, as whole" \
    '[ "$(ulimit -n 30; run 1 validate "$tmp/many")" = "$(ulimit -n 30; run whole validate "$tmp/many")" ] &&
     (ulimit -n 30; run 1 validate "$tmp/many") | grep -q "read 40 files: 40 people, 40 customers"'

# Merge keys and anchors in every document (the bench's shape): no budget
# problem, and the report alike whole, in pieces, on one and on three threads.
"${BENCH_GEN:-$repo/build/bench-gen}" "$tmp/gen" 20000 one >/dev/null
for m in whole 4096; do
    for j in 1 3; do TOUCHPOINT_PIECE_BYTES=$m "$tp" report -q -j$j -o "$tmp/out-$m-$j" "$tmp/gen" 2>/dev/null; done
done
check "a one-file log of 20,000 interactions: the same report in 4 KiB pieces, -j1 and -j3" \
    'diff -r "$tmp/out-whole-1" "$tmp/out-4096-3" >/dev/null && diff -r "$tmp/out-whole-1" "$tmp/out-4096-1" >/dev/null && diff -r "$tmp/out-whole-1" "$tmp/out-whole-3" >/dev/null'

# Memory: a one-file log of 200,000 interactions (42 MB) read in pieces is
# never held whole (reading it whole takes the input + 58 MiB; in pieces
# + 28 MiB on the machine of BENCHMARKS.md). Release build only.
case "$tp" in *asan*) ;; *)
    "${BENCH_GEN:-$repo/build/bench-gen}" "$tmp/big" 200000 one >/dev/null
    input_kb=$(( $(wc -c < "$tmp/big/all.yaml") / 1024 ))
    kb=$(/usr/bin/time -f %M "$tp" report -q -f json -o "$tmp/big-out" "$tmp/big" 2>&1 >/dev/null | tail -1)
    check "a 42 MB one-file log in pieces: peak RSS $kb KiB, under the input + 48 MiB" "[ $kb -lt $((input_kb + 49152)) ]"
    rm -rf "$tmp/big" "$tmp/big-out"
    # Text-heavy records, every format: the workbook shows the notes, so
    # they are kept, and still the run takes less than the input and a
    # margin (+ 19 MiB on the machine of BENCHMARKS.md).
    "${BENCH_GEN:-$repo/build/bench-gen}" "$tmp/text" 100000 text >/dev/null
    input_kb=$(( $(cat "$tmp/text"/*.yaml | wc -c) / 1024 ))
    kb=$(/usr/bin/time -f %M "$tp" report -q -o "$tmp/text-out" "$tmp/text" 2>&1 >/dev/null | tail -1)
    check "a text-heavy log of $((input_kb / 1024)) MiB, every format: peak RSS $kb KiB, under the input + 48 MiB" \
        "[ $kb -lt $((input_kb + 49152)) ] && [ -s '$tmp/text-out/report.xlsx' ]"
    rm -rf "$tmp/text" "$tmp/text-out" ;;
esac

# Random logs (piecegen.py, seeded): markers, directives and marker-like
# lines in every place, errors of every kind; each validated and reported
# alike whole, cut at every marker and in 7-byte pieces, on one thread and three.
differ=0 written=0
for s in $(seq "$seeds"); do
    f=$tmp/random-$s.yaml
    python3 "$here/piecegen.py" "$s" "$f"
    for args in "validate -j1" "validate --strict -j3" "report -j3 -f json -o -"; do
        # shellcheck disable=SC2086 # the arguments are words
        w=$(run whole $args "$f")
        for m in 1 7; do
            # shellcheck disable=SC2086
            [ "$w" = "$(run $m $args "$f")" ] || { differ=$((differ + 1)); echo "  differs: seed $s, $m-byte pieces, $args"; }
        done
    done
    # a log without errors: every output file alike (the workbook keeps the notes)
    if TOUCHPOINT_PIECE_BYTES=whole "$tp" validate -q "$f" 2>/dev/null &&
        TOUCHPOINT_PIECE_BYTES=whole "$tp" report -q -j1 -o "$tmp/rw" "$f" 2>/dev/null; then
        written=$((written + 1))
        TOUCHPOINT_PIECE_BYTES=1 "$tp" report -q -j3 -o "$tmp/rp" "$f" 2>/dev/null &&
            diff -r "$tmp/rw" "$tmp/rp" >/dev/null || { differ=$((differ + 1)); echo "  differs: seed $s, the report files"; }
        rm -rf "$tmp/rw" "$tmp/rp"
    fi
done
check "$seeds random logs: the same problems and report whole and in pieces ($written reports of every format)" \
    '[ "$differ" -eq 0 ] && [ "$written" -gt $((seeds / 6)) ]'

# The fixtures, every file cut at every marker.
for d in "$repo"/fixtures/*/; do
    [ -n "$(find "$d" -name '*.yaml' | head -1)" ] || continue
    same "fixtures/$(basename "$d"): the same report" report -f json -o - "$d"
done
finish
