#!/usr/bin/env bash
# The command line a newcomer types: help in both spellings, a period in any
# letter case, the page template carried by the program (so nothing depends
# on the working directory or on where the program was moved), and a
# TOUCHPOINT_TEMPLATES that names no template: a read error before anything
# is written.
. "$(dirname "$0")/common.inc"
export SOURCE_DATE_EPOCH=1790000000
nw=$repo/fixtures/northwind

for c in report validate benchmark init schema help; do
    "$tp" help $c >"$tmp/h1" 2>"$tmp/e1"; rc1=$?
    "$tp" $c --help >"$tmp/h2" 2>"$tmp/e2"; rc2=$?
    check "help $c: exit 0, usage on stdout, nothing on stderr" \
      "[ $rc1 -eq 0 ] && grep -q '^usage: touchpoint $c' $tmp/h1 && [ ! -s $tmp/e1 ]"
    check "$c --help: the same text, exit 0" "[ $rc2 -eq 0 ] && cmp -s $tmp/h1 $tmp/h2 && [ ! -s $tmp/e2 ]"
done
"$tp" help >"$tmp/h" 2>&1; rc=$?
check "help: every command listed" "[ $rc -eq 0 ] && [ \$(grep -cE '^(usage:|      ) touchpoint (report|validate|benchmark|init|schema|help)' $tmp/h) -eq 6 ]"
check "help report: lists --min-group, not --focus" "\"$tp\" help report | grep -q -- '--min-group' && ! \"$tp\" help report | grep -q -- '--focus'"
"$tp" help bogus >"$tmp/o" 2>"$tmp/e"; rc=$?
check "help bogus: exit 2, said on stderr" "[ $rc -eq 2 ] && [ ! -s $tmp/o ] && grep -q \"unknown command 'bogus'\" $tmp/e"
"$tp" report -h >/dev/null; rc=$?
check "report -h: exit 0" "[ $rc -eq 0 ]"

# A period that does not parse, or an option the command does not take, is
# a usage error before any file is read (a missing path, a bad log: never
# reached), so a typo costs no wait and no list of the logs' problems.
period_ok=1
for cmd in report validate benchmark; do
    "$tp" $cmd -p 2026-Q5 "$repo/fixtures/bad" "$tmp/no-such-path" >"$tmp/o" 2>"$tmp/e"; rc=$?
    [ $rc -eq 2 ] && [ ! -s "$tmp/o" ] && [ "$(head -1 "$tmp/e")" = "touchpoint: invalid period '2026-Q5': there is no quarter 5 (quarters run from Q1 to Q4)" ] &&
        [ "$(wc -l <"$tmp/e")" -eq 2 ] || { period_ok=0; echo "    $cmd -p 2026-Q5: exit $rc"; head -3 "$tmp/e"; }
done
check "-p 2026-Q5 (report, validate, benchmark): exit 2, the period named, no file read" "[ $period_ok -eq 1 ]"
# The reason a busy person's period is refused, worked out by hand; what
# was written is repeated escaped, and only there.
why_ok=1
while IFS='|' read -r given want; do
    "$tp" report -p "$given" -o "$tmp/why-out" "$repo/fixtures/small" >"$tmp/o" 2>"$tmp/e"; rc=$?
    [ $rc -eq 2 ] && [ ! -e "$tmp/why-out" ] && [ "$(head -1 "$tmp/e")" = "touchpoint: invalid period '$given': $want" ] ||
        { why_ok=0; echo "    -p $given: exit $rc"; head -2 "$tmp/e"; }
done <<'EOF_CASES'
2026-02-30..2026-03-31|2026-02-30: February 2026 has 28 days
2026-09-30..2026-07-01|it ends on 2026-07-01, before it starts on 2026-09-30
2026-02-14|one day is the range 2026-02-14..2026-02-14
2026-7-1..2026-9-30|its start is not a day written YYYY-MM-DD
Q3-2026|expected 2026-Q3, 2026, 2026-07 or 2026-07-01..2026-09-30
EOF_CASES
"$tp" report -p "$(printf '2026-01-01..\033[31m')" "$repo/fixtures/small" >"$tmp/o" 2>"$tmp/e"
[ "$(head -1 "$tmp/e")" = "touchpoint: invalid period '2026-01-01..\x1b[31m': its end is not a day written YYYY-MM-DD" ] ||
    { why_ok=0; head -2 "$tmp/e" | od -c | head -5; }
check "-p with a day that does not exist, an end before the start, one day, a short date, a control character: the reason" "[ $why_ok -eq 1 ]"
opt_ok=1
for args in "validate -f json" "validate -o out" "validate --min-group 3" "benchmark -d def.yaml" "report --focus acme" "validate --lang pt"; do
    set -- $args
    "$tp" $args "$tmp/no-such-path" >"$tmp/o" 2>"$tmp/e"; rc=$?
    long=$(grep -o "does not take --[a-z-]*" "$tmp/e")
    [ $rc -eq 2 ] && [ -n "$long" ] && grep -qx "Try 'touchpoint help $1'." "$tmp/e" && [ ! -e "$tmp/out" ] ||
        { opt_ok=0; echo "    $args: exit $rc"; cat "$tmp/e"; }
done
check "an option the command does not list (validate -f, benchmark -d, ...): exit 2, named, not ignored" "[ $opt_ok -eq 1 ]"
(cd "$tmp" && "$tp" report -f json -o "$tmp/sum" "$nw" 2>"$tmp/e")
check "report's last line counts as validate does (1,782 in all)" \
  "grep -qE '^touchpoint: wrote $tmp/sum/ for 2026-Q3 \(2026-07-01 to 2026-09-30\): [0-9,]+ interactions in the period, 1,782 in all\$' $tmp/e"
# A log named in capitals in a folder is not read (SPEC §1: *.yaml,
# *.yml), but said, so its records are not missing without a word; named
# on the command line it is read.
mkdir -p "$tmp/caps" && cp "$nw/roster.yaml" "$tmp/caps/" && cp "$nw/2026-q3.yaml" "$tmp/caps/Q3.YAML"
SOURCE_DATE_EPOCH=1800000000 "$tp" validate "$tmp/caps" 2>"$tmp/e"; rc=$?
check "a folder's Q3.YAML: a warning that it is skipped, exit 0 (1 with --strict)" \
  "[ $rc -eq 0 ] && grep -qx '$tmp/caps/Q3.YAML: warning: skipped: only names ending in .yaml or .yml, in small letters, are read' $tmp/e &&
   ! SOURCE_DATE_EPOCH=1800000000 \"$tp\" validate -q --strict \"$tmp/caps\" 2>/dev/null"
SOURCE_DATE_EPOCH=1800000000 "$tp" validate -q "$tmp/caps/roster.yaml" "$tmp/caps/Q3.YAML" 2>"$tmp/e"; rc=$?
check "  named on the command line, it is read" "[ $rc -eq 0 ] && [ ! -s $tmp/e ]"
# Bash completion offers a command's own options, as its help lists them.
comp() { bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _touchpoint; echo "${COMPREPLY[*]}"' \
    _ "$repo/completion/touchpoint.bash" "$@"; }
check "completion: validate's own options only (no --format, no --output)" \
  "[ \"\$(comp '$tp' validate --)\" = '--jobs --period --quiet --strict --help' ]"
check "completion: benchmark --f gives --focus and --format" "[ \"\$(comp '$tp' benchmark --f)\" = '--focus --format' ]"
# A definition or a report.json cut short by a syntax error: located, exit
# 1, and no line saying the logs' whole-input checks wait (they ran).
printf 'title: [Mine\n' > "$tmp/cut-def.yaml"
printf 'people: [{id: a, name: A}]\ninteractions:\n  - {type: order_desk, date: 2026-01-01, people: [zz]}\n' > "$tmp/zz.yaml"
"$tp" report -q -d "$tmp/cut-def.yaml" -o "$tmp/cd" "$tmp/zz.yaml" 2>"$tmp/e"; rc=$?
check "a definition cut short: its syntax error and the log's unknown person, no 'wait' line" \
  "[ $rc -eq 1 ] && grep -q 'cut-def.yaml:2:1: error: YAML syntax' $tmp/e && grep -q \"unknown person 'zz'\" $tmp/e && ! grep -q 'wait until' $tmp/e"
mkdir -p "$tmp/cutjson" && printf '{"schema": "touchpoint/report-v1", "kpis": {' > "$tmp/cutjson/report.json"
"$tp" benchmark -q -f json -o "$tmp/cb" "$tmp/cutjson/report.json" "$nw" 2>"$tmp/e"; rc=$?
check "a report.json cut short: located, no 'wait' line" \
  "[ $rc -eq 1 ] && grep -q 'cutjson/report.json:[0-9]*:[0-9]*: error: YAML syntax' $tmp/e && ! grep -q 'wait until' $tmp/e"
printf 'title: Mine\n---\nsections: [bogus]\n' > "$tmp/two-def.yaml"
"$tp" report -q -d "$tmp/two-def.yaml" -o "$tmp/td" "$nw" 2>"$tmp/e"; rc=$?
check "a definition of two documents: an error at the second, nothing written" \
  "[ $rc -eq 1 ] && grep -q 'two-def.yaml:3:1: error: a report definition is one YAML document' $tmp/e && [ ! -e $tmp/td ]"
fmt_ok=1
for f in json, ,json json,,md; do
    (cd "$tmp" && "$tp" report -q -f "$f" -o "$tmp/fmt" "$nw" 2>/dev/null); rc=$?
    [ $rc -eq 2 ] && [ ! -e "$tmp/fmt" ] || { fmt_ok=0; echo "    -f $f: exit $rc"; }
done
check "-f with an empty name (json, / ,json / json,,md): usage error, nothing written" "[ $fmt_ok -eq 1 ]"
(cd "$tmp" && "$tp" report -q -o '' "$nw" 2>"$tmp/e"); rc=$?
check "-o '': a usage error (exit 2), not a write error" "[ $rc -eq 2 ] && grep -q 'an empty --output' $tmp/e"
SOURCE_DATE_EPOCH=1800000000 "$tp" validate -q -p 2026-Q3 --strict -j1 "$nw"; rc=$?
check "validate -p 2026-Q3 --strict -j1 (what it lists): exit 0" "[ $rc -eq 0 ]"

# -p in any letter case; the label is always upper case.
(cd "$tmp" && "$tp" report -q -f json -p 2026-q2 "$nw"); rc=$?
check "-p 2026-q2: exit 0, folder and label 2026-Q2" \
  "[ $rc -eq 0 ] && grep -q '\"label\": \"2026-Q2\"' $tmp/report-2026-Q2/report.json"

# The page template travels inside the program: a copy moved elsewhere and
# run from another folder makes the same page as the build.
mkdir -p "$tmp/moved" "$tmp/cwd"
cp "$tp" "$tmp/moved/tp"
(cd "$tmp/cwd" && "$tmp/moved/tp" report -q -f html -o "$tmp/a" "$nw"); rc=$?
(cd "$repo" && "$tp" report -q -f html -o "$tmp/b" "$nw")
check "a moved program: the full page (CSP) from its own copy of the template" \
  "[ $rc -eq 0 ] && grep -q 'Content-Security-Policy' $tmp/a/report.html && cmp -s $tmp/a/report.html $tmp/b/report.html"
(cd "$tmp/cwd" && TOUCHPOINT_TEMPLATES=$repo/templates "$tp" report -q -f html -o "$tmp/c" "$nw")
check "TOUCHPOINT_TEMPLATES=templates/: the same page" "cmp -s $tmp/a/report.html $tmp/c/report.html"
mkdir -p "$tmp/tpl"
sed 's/<body>/<body><p>HOUSE STYLE<\/p>/' "$repo/templates/report.html" >"$tmp/tpl/report.html"
TOUCHPOINT_TEMPLATES=$tmp/tpl "$tp" report -q -f html -o "$tmp/d" "$nw"
check "TOUCHPOINT_TEMPLATES: its template is used" "grep -q 'HOUSE STYLE' $tmp/d/report.html"
TOUCHPOINT_TEMPLATES=$tmp/nothing-here "$tp" report -o "$tmp/out-e" "$nw" 2>"$tmp/err"; rc=$?
check "TOUCHPOINT_TEMPLATES without report.html: exit 2, 'cannot read', nothing written" \
  "[ $rc -eq 2 ] && grep -q 'cannot read the page template $tmp/nothing-here/report.html' $tmp/err && ! grep -q 'cannot write' $tmp/err && [ ! -e $tmp/out-e ]"
TOUCHPOINT_TEMPLATES=$tmp/nothing-here "$tp" report -f json,xlsx -o "$tmp/f" "$nw" 2>"$tmp/err"; rc=$?
check "TOUCHPOINT_TEMPLATES is checked even when no page is due (one rule, no surprise later)" \
  "[ $rc -eq 2 ] && [ ! -e $tmp/f ]"

# An invalid SOURCE_DATE_EPOCH is a usage error for every command that
# reads logs (SPEC §4): today decides which dates are in the future.
for cmd in validate report benchmark; do
    for sde in abc "" -5 12x; do
        SOURCE_DATE_EPOCH=$sde "$tp" $cmd -q -o "$tmp/sde-out" "$nw" 2>"$tmp/sde.err" >/dev/null; rc=$?
        [ $cmd = validate ] && { SOURCE_DATE_EPOCH=$sde "$tp" validate -q "$nw" 2>"$tmp/sde.err"; rc=$?; }
        check "$cmd with SOURCE_DATE_EPOCH='$sde': exit 2, said, nothing written" \
            "[ $rc -eq 2 ] && grep -q 'invalid SOURCE_DATE_EPOCH' '$tmp/sde.err' && [ ! -e '$tmp/sde-out' ]"
    done
done

# An unknown option is named as typed: the letter and its cluster (-help is
# not -h), a prefix of two long options is ambiguous, a value on an option
# that takes none is said so (never the argument before it).
opt_msg() { "$tp" "$@" 2>&1 >/dev/null | head -1; }
check "report -help: the letter in its cluster, and --help suggested" \
    "[ \"\$(opt_msg report -help)\" = \"touchpoint: unknown option '-h' in '-help' (did you mean '--help'?)\" ]"
check "validate -q -lo DIR: '-l' in '-lo', not '-q'" \
    "[ \"\$(opt_msg validate -q -lo '$nw')\" = \"touchpoint: unknown option '-l' in '-lo'\" ]"
check "report DIR -logs: the option, not the folder before it" \
    "[ \"\$(opt_msg report '$nw' -logs)\" = \"touchpoint: unknown option '-l' in '-logs'\" ]"
check "report -x: just the option" "[ \"\$(opt_msg report -x '$nw')\" = \"touchpoint: unknown option '-x'\" ]"
check "report --fo: ambiguous, both named" \
    "[ \"\$(opt_msg report --fo json '$nw')\" = \"touchpoint: ambiguous option '--fo' (--format or --focus?)\" ]"
check "validate --quiet=1 -q: the long option is named, not the -q after it" \
    "[ \"\$(opt_msg validate --quiet=1 -q '$nw')\" = \"touchpoint: option '--quiet' takes no value\" ]"
check "report --str=1: an abbreviation's value refused by its whole name" \
    "[ \"\$(opt_msg report --str=1 '$nw')\" = \"touchpoint: option '--strict' takes no value\" ]"
check "report --strict=yes: takes no value" \
    "[ \"\$(opt_msg report --strict=yes '$nw')\" = \"touchpoint: option '--strict' takes no value\" ]"

# An output folder's name is escaped like every name in a message (SPEC §1).
"$tp" report -f json -o "$tmp/e"$'\x1b'"[31m" "$nw" 2>"$tmp/esc.err"; rc=$?
check "an output folder with an ESC: exit 0, the name escaped in 'wrote'" \
    "[ $rc -eq 0 ] && grep -qF 'wrote $tmp/e\\x1b[31m/' '$tmp/esc.err' && ! grep -q \$'\\x1b' '$tmp/esc.err'"

# Standard input is read first, then the files by path (SPEC §1), however
# the paths are spelled: the later copy of an id is the duplicate.
mkdir -p "$tmp/sd"; printf 'customers:\n  - {id: acme, name: S}\n' >"$tmp/sd/a.yaml"
for spelled in "$tmp/sd/a.yaml" sd/a.yaml ./sd/a.yaml; do
    (cd "$tmp" && printf 'customers:\n  - {id: acme, name: S}\n' | "$tp" validate - "$spelled") 2>"$tmp/in.err"
    check "stdin first (- and $spelled): the file's copy is the duplicate, stdin's the first" \
        "head -1 '$tmp/in.err' | grep -q \"^$spelled:2:10: error: duplicate id 'acme'\" && sed -n 2p '$tmp/in.err' | grep -q '^<stdin>:2:10: note:'"
done

# A page template without {{body}} (a mistyped placeholder) would publish
# a page without the report: a usage error, before anything is written.
mkdir -p "$tmp/tpl"; printf '<html><body>{{ body }}</body></html>' >"$tmp/tpl/report.html"
TOUCHPOINT_TEMPLATES="$tmp/tpl" "$tp" report -f html -o "$tmp/tplout" "$nw" 2>"$tmp/tpl.err"; rc=$?
check "a template without {{body}}: exit 2, said, nothing written" \
    "[ $rc -eq 2 ] && grep -qF 'has no {{body}}' '$tmp/tpl.err' && [ ! -e '$tmp/tplout' ]"

finish
