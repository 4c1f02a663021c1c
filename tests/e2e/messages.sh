#!/usr/bin/env bash
# messages.sh — messages a person can act on (SPEC §1 "Bad input", issue 14):
# errors never cascade, ids of broken records still count as defined, and
# validate's total says what it read. Exact messages are kept here.
. "$(dirname "$0")/common.inc"
export SOURCE_DATE_EPOCH=1790000000 # 2026-09-21

# many FOLDER: 300 files of interactions naming the roster's people.
many() {
    mkdir -p "$1/teams"
    for i in $(seq 1 300); do
        printf 'interactions:\n  - {type: customer_meeting, date: 2026-07-01, people: [hl, pc, zz], customers: [acme]}\n' \
            >"$1/teams/t$i.yaml"
    done
    printf 'customers:\n  - {id: acme, name: Acme}\n' >"$1/customers.yaml"
}
wait_line='touchpoint: the checks of the whole input (unknown and duplicate ids, served teams, organisation names, team and segment suggestions) wait until every file can be read'

# A broken roster among many files: its own error and one line, nothing else.
for case in syntax tab latin1; do
    d=$tmp/$case
    many "$d"
    case $case in
    syntax) printf 'people:\n  - {id: hl, name: Helena}\n  - id: pc\n    name: [Helena Lindqvist\n  - {id: zz, name: Z}\n' ;;
    tab) printf 'people:\n  - {id: hl, name: Helena}\n\t- {id: pc, name: P}\n' ;;
    latin1) printf 'people:\n  - {id: hl, name: Helena}\n  - {id: pc, name: Jo\343o}\n' ;;
    esac >"$d/roster.yaml"
    (cd "$d" && "$tp" validate .) 2>"$tmp/$case.err"; rc=$?
    check "$case in the roster: exit 1, one error, then the line that the checks wait, then the total" \
        "[ $rc -eq 1 ] && [ \$(grep -vc ': note: ' '$tmp/$case.err') -eq 3 ] && grep -q '^./roster.yaml:[0-9]*:[0-9]*: error: ' '$tmp/$case.err' &&
         [ \"\$(grep -v ': note: ' '$tmp/$case.err' | sed -n 2p)\" = '$wait_line' ] && grep -q '^touchpoint: 1 error, 0 warnings; read 302 files: ' '$tmp/$case.err'"
    check "$case in the roster: no unknown person" "! grep -q 'unknown person' '$tmp/$case.err'"
done
check "syntax error: at libyaml's mark, in the roster" "grep -q \"^./roster.yaml:5:5: error: YAML syntax\" '$tmp/syntax.err'"
check "syntax error: a note where the '[' never closed opens" "sed -n 2p '$tmp/syntax.err' | grep -qxF \"./roster.yaml:4:11: note: the '[' is here\""

# An unreadable file stops the checks of the whole input likewise.
if [ "$(id -u)" != 0 ]; then
    d=$tmp/unreadable
    many "$d"
    printf 'people:\n  - {id: hl, name: H}\n' >"$d/roster.yaml" && chmod 000 "$d/roster.yaml"
    "$tp" validate "$d" 2>"$tmp/unreadable.err"; rc=$?
    check "unreadable roster: its error and the line, no unknown person" \
        "[ $rc -eq 1 ] && grep -q 'roster.yaml: error: cannot read' '$tmp/unreadable.err' && grep -qxF '$wait_line' '$tmp/unreadable.err' && ! grep -q 'unknown person' '$tmp/unreadable.err'"
fi

# The record checks still run in every file, the others do not: a record
# before the error is checked, the one it cuts short is not.
d=$tmp/partial
mkdir -p "$d"
printf 'people:\n  - {id: a, name: A, it: yes}\n  - {id: b, name: [B\n' >"$d/a.yaml"
printf 'interactions:\n  - {type: customer_meeting, date: 2026-02-30, people: [nobody]}\n' >"$d/b.yaml"
"$tp" validate "$d" 2>"$tmp/partial.err"; rc=$?
check "partial file: the record before the error is checked" "grep -q \"a.yaml:2:26: error: it: 'yes' is not a boolean\" '$tmp/partial.err'"
check "partial file: another file's records are checked" "grep -q \"b.yaml:2:36: error: invalid date '2026-02-30'\" '$tmp/partial.err'"
check "partial file: no unknown-id check while a file cannot be read" "! grep -q 'unknown person' '$tmp/partial.err' && grep -qxF '$wait_line' '$tmp/partial.err'"

# An id whose record has errors still counts as defined.
d=$tmp/defined
many "$d"
printf 'people:\n  - {id: hl, nmae: Helena}\n  - {id: pc, name: P, team: [Infra]}\n  - {id: zz, name: Z, joined: 2026-13-01}\n' >"$d/roster.yaml"
"$tp" validate "$d" 2>"$tmp/defined.err"; rc=$?
check "broken person records: their own errors, no unknown person" \
    "[ $rc -eq 1 ] && grep -q \"roster.yaml:2:14: error: unknown key 'nmae' (did you mean 'name'?), so the required field 'name' is missing\" '$tmp/defined.err' && ! grep -q 'unknown person' '$tmp/defined.err' && ! grep -qF '$wait_line' '$tmp/defined.err'"
# A misspelt required key is one problem, in its place: not a missing field
# at the record and a warning at the key. A misspelt optional key stays a
# warning; a key given twice, once misspelt, is a warning too.
printf 'people:\n  - {ID: bob, name: Bob}\n  - {id: al, name: Al, tem: x}\n  - {id: cy, idd: c, name: Cy}\ninteractions:\n  - {typ: customer_meeting, dat: 2026-07-01, peple: [al], minuts: 30}\n' >"$tmp/typo.yaml"
"$tp" validate "$tmp/typo.yaml" 2>"$tmp/typo.err"; rc=$?
check "misspelt keys: one error for a required one, at the key; a warning for an optional one" \
    "[ $rc -eq 1 ] && diff - '$tmp/typo.err' <<EOT
$tmp/typo.yaml:2:6: error: unknown key 'ID' (did you mean 'id'?), so the required field 'id' is missing
$tmp/typo.yaml:3:24: warning: unknown key 'tem' (did you mean 'team'?)
$tmp/typo.yaml:4:14: warning: unknown key 'idd' (did you mean 'id'?)
$tmp/typo.yaml:6:6: error: unknown key 'typ' (did you mean 'type'?), so the required field 'type' is missing
$tmp/typo.yaml:6:29: error: unknown key 'dat' (did you mean 'date'?), so the required field 'date' is missing
$tmp/typo.yaml:6:46: error: unknown key 'peple' (did you mean 'people'?), so the required field 'people' is missing
$tmp/typo.yaml:6:59: warning: unknown key 'minuts' (did you mean 'minutes'?)
touchpoint: references to people were not checked: an error above lost their ids (a section misspelt or not a list, a record without an id)
touchpoint: 4 errors, 3 warnings; read 1 file: 2 people, 0 customers, 0 projects, 1 interaction, 0 requests
EOT"

# A duplicate id is the error at the later place in input order (files by
# path), with a note at the first; the note is not counted as a problem.
d=$tmp/dup
mkdir -p "$d/b"
printf 'customers:\n  - {id: acme, name: Acme}\n' >"$d/a.yaml"
printf 'people:\n  - {id: hl, name: H}\n  - {id: acme, name: Alex}\n' >"$d/b/roster.yaml"
"$tp" validate "$d" 2>"$tmp/dup.err"; rc=$?
check "duplicate id: the later copy, then a note at the first, then the total" \
    "[ $rc -eq 1 ] && diff - '$tmp/dup.err' >/dev/null <<EOT
$d/b/roster.yaml:3:10: error: duplicate id 'acme' (ids are unique among people, customers and projects)
$d/a.yaml:2:10: note: 'acme' is first defined here
touchpoint: 1 error, 0 warnings; read 2 files: 2 people, 1 customer, 0 projects, 0 interactions, 0 requests
EOT"

# Wrong kinds name the field and what was expected; impossible dates say why.
printf 'people:\n  - {id: pcosta, name: P}\ninteractions:\n  - {type: customer_meeting, date: 2026-09-31, people: pcosta}\n' >"$tmp/kind.yaml"
"$tp" validate "$tmp/kind.yaml" 2>"$tmp/kind.err"
check "wrong kind and impossible date: exact messages" \
    "grep -qxF \"$tmp/kind.yaml:4:36: error: invalid date '2026-09-31': September has 30 days\" '$tmp/kind.err' &&
     grep -qxF \"$tmp/kind.yaml:4:56: error: people: expected a list of person ids, found the text 'pcosta'\" '$tmp/kind.err'"

# Dates after today (the UTC date of SOURCE_DATE_EPOCH) are warnings, and
# the default period is never after today (SPEC §2).
d=$tmp/future
mkdir -p "$d"
cat >"$d/a.yaml" <<'EOT'
people:
  - {id: a, name: A}
interactions:
  - {type: customer_meeting, date: 2026-05-01, people: [a]}
  - {type: customer_meeting, date: 2026-09-21T23:59:00-05:00, people: [a]}
  - {type: customer_meeting, date: 2062-07-14, people: [a]}
requests:
  - {date: 2062-07-15, text: t, status: gap}
EOT
"$tp" validate "$d" 2>"$tmp/future.err"; rc=$?
check "future dates: warnings at the date, exit 0 (the written date of a timestamp counts: 2026-09-21 is today)" \
    "[ $rc -eq 0 ] && diff - '$tmp/future.err' >/dev/null <<EOT
$d/a.yaml:6:36: warning: date 2062-07-14 is in the future
$d/a.yaml:8:12: warning: date 2062-07-15 is in the future
touchpoint: 0 errors, 2 warnings; read 1 file: 1 person, 0 customers, 0 projects, 3 interactions, 1 request
EOT"
"$tp" report -q -f json -o "$tmp/future-out" "$d" 2>/dev/null; rc=$?
check "future dates: the default period is the quarter of the latest date not after today (2026-Q3)" \
    "[ $rc -eq 0 ] && grep -q '\"label\": \"2026-Q3\"' '$tmp/future-out/report.json'"
SOURCE_DATE_EPOCH=1777593600 "$tp" report -q -f json -o "$tmp/future-q2" "$d" 2>/dev/null # 2026-05-01
check "future dates: today 2026-05-01 gives 2026-Q2" "grep -q '\"label\": \"2026-Q2\"' '$tmp/future-q2/report.json'"
SOURCE_DATE_EPOCH=1000000000 "$tp" report -q -f json -o "$tmp/future-all" "$d" 2>/dev/null # 2001
check "every interaction in the future: the quarter of the latest (2062-Q3)" "grep -q '\"label\": \"2062-Q3\"' '$tmp/future-all/report.json'"
# The independent reference (tests/reference/reference.py) agrees on the rule.
for epoch in 1790000000:2026-Q3 1777593600:2026-Q2 1000000000:2062-Q3; do
    label=$(SOURCE_DATE_EPOCH=${epoch%%:*} python3 "$repo/tests/reference/reference.py" "$d" 2>/dev/null |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["period"]["label"])')
    check "reference.py: the default period at $epoch is ${epoch#*:}" "[ '$label' = '${epoch#*:}' ]"
done
"$tp" report --strict -o "$tmp/future-strict" "$d" 2>"$tmp/future-strict.err"; rc=$?
check "future dates under --strict: errors, nothing written" \
    "[ $rc -eq 1 ] && grep -q 'a.yaml:6:36: error: date 2062-07-14 is in the future' '$tmp/future-strict.err' && [ ! -e '$tmp/future-strict' ]"

# A person without an id loses the people's ids: their references go
# unchecked (no cascade), and one line says so; the other kinds are checked.
printf 'people:\n  - {name: P6}\n  - {id: a, name: A}\ninteractions:\n  - {type: customer_meeting, date: 2026-05-01, people: [a, p9], customers: [zz]}\n' >"$tmp/lost.yaml"
"$tp" validate "$tmp/lost.yaml" 2>"$tmp/lost.err"; rc=$?
check "a person without an id: exit 1, the customer still checked, one line says people went unchecked" \
    "[ $rc -eq 1 ] && grep -q \"unknown customer 'zz'\" '$tmp/lost.err' && ! grep -q \"unknown person\" '$tmp/lost.err' &&
     grep -qxF 'touchpoint: references to people were not checked: an error above lost their ids (a section misspelt or not a list, a record without an id)' '$tmp/lost.err'"

# A period without any interaction is reported, with an unlocated warning
# (an error under --strict).
printf 'people:\n  - {id: a, name: A}\ninteractions:\n  - {type: customer_meeting, date: 2026-05-01, people: [a]}\n' >"$tmp/one.yaml"
"$tp" report -p 2030-q1 -o "$tmp/empty" "$tmp/one.yaml" 2>"$tmp/empty.err"; rc=$?
check "empty period: the warning, the report written" \
    "[ $rc -eq 0 ] && grep -qxF 'touchpoint: warning: no interaction in 2030-Q1' '$tmp/empty.err' && [ -s '$tmp/empty/report.json' ]"
"$tp" report -q -p 2026-Q2 -o "$tmp/nonempty" "$tmp/one.yaml" 2>"$tmp/nonempty.err"
check "a period with an interaction: no such warning" "[ ! -s '$tmp/nonempty.err' ]"
"$tp" report --strict -p 2030-Q1 -o "$tmp/empty-strict" "$tmp/one.yaml" 2>"$tmp/empty-strict.err"; rc=$?
check "empty period under --strict: an error, nothing written" \
    "[ $rc -eq 1 ] && grep -qxF 'touchpoint: error: no interaction in 2030-Q1' '$tmp/empty-strict.err' && [ ! -e '$tmp/empty-strict' ]"
check "empty period: the one-line total follows (SPEC §1), counting it" \
    "grep -qxF 'touchpoint: 0 errors, 1 warning' '$tmp/empty.err' && [ \"\$(sed -n 2p '$tmp/empty-strict.err')\" = 'touchpoint: 1 error, 0 warnings' ]"

# Percents are exact as written: 18.94 + 21.21 + 9.85 is 50 (not at risk),
# 1.29 + 78.76 + 20.45 is 100.5 (allowed); C and the reference agree.
"$tp" report -q -f json -o "$tmp/pct" "$repo/fixtures/percents" 2>"$tmp/pct.err"; rc=$?
python3 "$repo/tests/reference/reference.py" "$repo/fixtures/percents" >"$tmp/pct-ref.json" 2>/dev/null
for json in "$tmp/pct/report.json" "$tmp/pct-ref.json"; do
    check "exact percents ($(basename "$json")): a 50 not at risk, b 100.5 at risk" "python3 - '$json' <<'PY'
import json, sys
people = {p['id']: p for p in json.load(open(sys.argv[1]))['people']}
a, b = people['a'], people['b']
sys.exit(not (a['distant_share'] == 50 and a['at_risk'] is False and b['distant_share'] == 100.5 and b['at_risk'] is True))
PY"
done
printf 'projects: [{id: p, name: P}, {id: q, name: Q}]\npeople:\n  - {id: a, name: A, allocations: [{project: p, percent: 1.29}, {project: q, percent: 99.210001}]}\n  - {id: b, name: B, allocations: [{project: p, percent: 1e1}, {project: q, percent: 0.1234567}]}\n' >"$tmp/pct-bad.yaml"
"$tp" validate "$tmp/pct-bad.yaml" 2>"$tmp/pct-bad.err"
check "percents: above 100.5 by a millionth is an error; an exponent or a 7th decimal is one" "diff - '$tmp/pct-bad.err' >/dev/null <<EOT
$tmp/pct-bad.yaml:3:35: error: allocations sum to 100.500001% (more than 100.5%)
$tmp/pct-bad.yaml:4:58: error: percent: expected a number with at most 6 digits after the decimal point and no exponent, found '1e1'
$tmp/pct-bad.yaml:4:86: error: percent: expected a number with at most 6 digits after the decimal point and no exponent, found '0.1234567'
touchpoint: 3 errors, 0 warnings; read 1 file: 2 people, 0 customers, 2 projects, 0 interactions, 0 requests
EOT"

# A section lost (misspelled as near a known one, or not a list) or a record
# that is neither a mapping nor its id alone, or has no id: its one error,
# and no "unknown" error at every use of the ids it held; references to the
# other kinds are still checked (zz is nobody's id). A record written as its
# id alone keeps that id defined.
lost() { # NAME YAML EXPECTED-ERRORS...
    local name=$1 yaml=$2; shift 2
    printf '%s' "$yaml" >"$tmp/lost.yaml"
    (cd "$tmp" && "$tp" validate lost.yaml) 2>"$tmp/lost.err"; local rc=$?
    local want
    want=$(printf '%s\n' "$@")
    check "$name: exit 1 and only $# error(s)" "[ $rc -eq 1 ] && [ \"\$(grep ': error: ' '$tmp/lost.err')\" = \"\$want\" ]" ||
        sed 's/^/    /' "$tmp/lost.err"
}
uses='interactions:
  - {type: customer_meeting, date: 2026-07-01, people: [a], customers: [acme]}
  - {type: customer_meeting, date: 2026-07-02, people: [a, zz], customers: [acme]}
'
lost "'customer:' for 'customers:'" "people: [{id: a, name: A}]
customer:
  - {id: acme, name: Acme}
$uses" "lost.yaml:2:1: error: unknown section 'customer' (did you mean 'customers'?)" \
    "lost.yaml:6:60: error: unknown person 'zz'"
lost "customers as a mapping" "people: [{id: a, name: A}]
customers:
  acme: {name: Acme}
$uses" "lost.yaml:3:3: error: customers: expected a list of customers, found a mapping" \
    "lost.yaml:6:60: error: unknown person 'zz'"
lost "a person written as its id (the id stays defined)" "people:
  - a
customers: [{id: acme, name: Acme}]
$uses" "lost.yaml:2:5: error: people: expected a person (a mapping with id, name, ...), found the text 'a'" \
    "lost.yaml:6:60: error: unknown person 'zz'"
lost "a person written as a list (its kind lost)" "people:
  - [a]
customers: [{id: acme, name: Acme}]
$uses" "lost.yaml:2:5: error: people: expected a person (a mapping with id, name, ...), found a list"
lost "a person without an id" "people:
  - {name: A}
customers: [{id: acme, name: Acme}]
$uses" "lost.yaml:2:5: error: missing required field 'id'"

# A lookalike id (a Cyrillic 'о' for a Latin 'o', a no-break space, an
# accent) is named by its code point, or the message looks impossible.
printf 'people:\n  - {id: bob, name: Bob, team: Support}\n  - {id: ana, name: Ana, team: Support}\n  - {id: al, name: Al, team: Supp\320\276rt}\n  - {id: jos\303\251, name: José, team: Sales}\ncustomers: [{id: acme, name: Acme}]\ninteractions:\n  - {type: customer_meeting, date: 2026-07-01, people: [b\320\276b, "ana\302\240", jose], customers: [acme]}\n' >"$tmp/look.yaml"
"$tp" validate "$tmp/look.yaml" 2>"$tmp/look.err"; rc=$?
look_ok=1
for want in "$tmp/look.yaml:8:57: error: unknown person 'bоb' (did you mean 'bob'? this one holds U+043E, a character that one does not)" \
    "$tmp/look.yaml:8:62: error: unknown person 'ana$(printf '\302\240')' (did you mean 'ana'? this one holds U+00A0, a character that one does not)" \
    "$tmp/look.yaml:8:70: error: unknown person 'jose' (did you mean 'josé'? that one holds U+00E9, a character this one does not)" \
    "$tmp/look.yaml:4:30: warning: team 'Suppоrt' (did you mean 'Support'? this one holds U+043E, a character that one does not)"; do
    grep -qxF "$want" "$tmp/look.err" || { look_ok=0; echo "    missing: $want"; }
done
[ $look_ok -eq 1 ] || cat "$tmp/look.err"
check "a lookalike id or team: exit 1, the code point that tells them apart" "[ $rc -eq 1 ] && [ $look_ok -eq 1 ]"

# validate's total line says what it read; -q leaves it out when all is well.
SOURCE_DATE_EPOCH=1791000000 "$tp" validate "$repo/fixtures/northwind" 2>"$tmp/nw.err"; rc=$? # 2026-10-03: no date in the future
check "validate: ok and what it read" \
    "[ $rc -eq 0 ] && [ \"\$(cat '$tmp/nw.err')\" = 'touchpoint: ok; read 10 files: 50 people, 27 customers, 11 projects, 1,782 interactions, 76 requests' ]"
SOURCE_DATE_EPOCH=1791000000 "$tp" validate -q "$repo/fixtures/northwind" 2>"$tmp/nwq.err"; rc=$?
check "validate -q: nothing when there is no problem" "[ $rc -eq 0 ] && [ ! -s '$tmp/nwq.err' ]"
printf 'people:\n  - {id: a, name: A, tem: x}\n' >"$tmp/warn.yaml"
"$tp" validate -q "$tmp/warn.yaml" 2>"$tmp/warn.err"; rc=$?
check "validate -q with a warning: the warning and the total" \
    "[ $rc -eq 0 ] && [ \"\$(tail -n 1 '$tmp/warn.err')\" = 'touchpoint: 0 errors, 1 warning; read 1 file: 1 person, 0 customers, 0 projects, 0 interactions, 0 requests' ]"

finish
