#!/usr/bin/env bash
# Hostile shapes of the records themselves (issue 13, "Cost bounded"): what
# validation looks up is indexed, and suggestions stop once they would cost
# more than a real organisation needs. Each case must finish in seconds and
# a few hundred MiB on the release build; the bounds here are generous:
# 3 s of CPU time (the machine may be loaded: wall time only guards against
# a hang, 120 s) and 400 MiB of peak RSS; under ASan 60 s and no memory bound.
. "$(dirname "$0")/common.inc"
export SOURCE_DATE_EPOCH=1790000000
cpu=3 asan=0
case "$tp" in *asan*) asan=1; cpu=60 ;; esac

# bounded NAME RC FILE: validate FILE within the limits, exiting RC.
bounded() {
    local name=$1 want=$2 file=$3 rc kb s
    /usr/bin/time -f '%U %S %M' -o "$tmp/$name.time" timeout -k 2 120 "$tp" validate -q "$file" >/dev/null 2>"$tmp/$name.err"
    rc=$?
    read -r user sys kb < <(tail -n 1 "$tmp/$name.time")
    s=$(echo "$user + $sys" | bc)
    check "$name: exit $want in ${s} s of CPU, $kb KiB" \
        "[ $rc -eq $want ] && [ \$(echo '$s < $cpu' | bc) = 1 ] && { [ $asan = 1 ] || [ '$kb' -lt 409600 ]; }"
}

python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
n = 60_000
with open(f"{d}/allocs.yaml", "w") as f:  # one person allocated to 60,000 projects
    f.write("projects:\n" + "".join(f"  - {{id: p{i}, name: P{i}}}\n" for i in range(n)))
    f.write("people:\n  - id: a\n    name: A\n    allocations:\n")
    f.write("".join(f"      - {{project: p{i}, percent: 0.001}}\n" for i in range(n)))
    f.write("      - {project: p7, percent: 0.001}\n")  # one named twice: the error
n = 30_000
with open(f"{d}/unknown.yaml", "w") as f:  # 30,000 people, 30,000 unknown ids close to theirs
    f.write("people:\n" + "".join(f"  - {{id: person{i:05d}, name: N}}\n" for i in range(n)))
    f.write("interactions:\n" + "".join(
        f"  - {{type: customer_meeting, date: 2026-07-01, people: [persn{i:05d}]}}\n" for i in range(n)))
n = 100_000
with open(f"{d}/teams.yaml", "w") as f:  # 100,000 distinct teams, and as many named by a project
    f.write("people:\n" + "".join(f"  - {{id: p{i}, name: N, team: team{i:06d}}}\n" for i in range(n)))
    f.write("projects:\n  - {id: x, name: X, serves: {teams: [" + ", ".join(f"t{i}" for i in range(n)) + "]}}\n")
with open(f"{d}/types.yaml", "w") as f:  # 100,000 custom types, each used once
    f.write("people: [{id: a, name: A}]\ntypes:\n" + "".join(f"  - {{id: type{i}}}\n" for i in range(n)))
    f.write("interactions:\n" + "".join(
        f"  - {{type: type{i}, date: 2026-07-01, people: [a]}}\n" for i in range(n)))
with open(f"{d}/projects.yaml", "w") as f:  # 100,000 projects, a person on each
    f.write("projects:\n" + "".join(f"  - {{id: j{i}, name: J}}\n" for i in range(n)))
    f.write("people:\n" + "".join(
        f"  - {{id: p{i}, name: N, allocations: [{{project: j{i}, percent: 10}}]}}\n" for i in range(n)))
PY

bounded "60,000 allocations on one person" 1 "$tmp/allocs.yaml"
check "  the project named twice is the error" "grep -q \"error: project 'p7' is allocated twice\" '$tmp/60,000 allocations on one person.err'"
bounded "30,000 unknown ids among 30,000 people" 1 "$tmp/unknown.yaml"
check "  the first shown still have their suggestion" \
    "grep -q \"unknown person 'persn00000' (did you mean 'person00000'?)\" '$tmp/30,000 unknown ids among 30,000 people.err'"
bounded "100,000 distinct teams, 100,000 more only named by a project" 0 "$tmp/teams.yaml"
bounded "100,000 custom types" 0 "$tmp/types.yaml"
bounded "100,000 projects" 0 "$tmp/projects.yaml"

finish
