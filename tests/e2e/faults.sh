#!/usr/bin/env bash
# Output faults: an unwritable place, a full disk, kill -9 while writing and
# two runs at once. The last good report must stay exactly as it was (or be
# replaced whole, every file of it: SPEC 4, all or nothing per run), and a
# failed write exits 3 naming the file in touchpoint's one message, nothing
# from a library beside it. Then the folder's lock, modes, what a killed run
# leaves, a symlinked charts/, a second user racing a shared output folder,
# and -o -.
. "$(dirname "$0")/common.inc"
org=$repo/fixtures/northwind
export SOURCE_DATE_EPOCH=1791000000 # 2026-10-03: after every date of northwind (none in the future)

# A good report to protect, and a fingerprint of it.
"$tp" report -q -o "$tmp/good" "$org" || { echo "cannot make the first report"; exit 1; }
sums() { (cd "$1" && find . -type f ! -name '.*' | sort | xargs sha256sum); }
sums "$tmp/good" > "$tmp/good.sums"
same_as_good() { diff -q <(sums "$1") "$tmp/good.sums" >/dev/null; }

# 1. An output path under a regular file cannot be created.
touch "$tmp/file"
"$tp" report -q -o "$tmp/file/out" "$org" 2>"$tmp/err"; rc=$?
check "output under a file: exit 3" "[ $rc -eq 3 ]"
check "output under a file: message names the path" "grep -q '$tmp/file/out' '$tmp/err'"

# 2. A full disk: writes fail with EFBIG past a file-size limit. The new run
# (another period, so other bytes) fails somewhere in the middle: at each
# limit the whole previous report stays, and stderr holds one line.
"$tp" report -q -p 2026-Q2 -o "$tmp/new" "$org"
sums "$tmp/new" > "$tmp/new.sums"
one_message() { [ "$(wc -l < "$1")" -eq 1 ] && grep -qE "^touchpoint: cannot write $2/[^ ]+: " "$1"; }
full_ok=1
for limit in 2 8 12 20 45 50 58; do
    rm -rf "$tmp/full" && cp -r "$tmp/good" "$tmp/full"
    bash -c "trap '' XFSZ; ulimit -f $limit; exec '$tp' report -q -p 2026-Q2 -o '$tmp/full' '$org'" 2>"$tmp/err"; rc=$?
    if [ $rc -ne 3 ] || ! one_message "$tmp/err" "$tmp/full" || ! same_as_good "$tmp/full" \
        || [ -n "$(find "$tmp/full" -name '.*' ! -name . )" ]; then
        full_ok=0; echo "    ulimit -f $limit: exit $rc, stderr:"; sed 's/^/      /' "$tmp/err"
    fi
done
check "full disk (ulimit -f): exit 3, one message, the whole previous report, no temporary" "[ $full_ok -eq 1 ]"
# The workbook alone past the limit: libxlsxwriter's own [ERROR] lines stay
# out of stderr, under -q and without it.
rm -rf "$tmp/full" && cp -r "$tmp/good" "$tmp/full"
bash -c "trap '' XFSZ; ulimit -f 30; exec '$tp' report -q -f xlsx -p 2026-Q2 -o '$tmp/full' '$org'" 2>"$tmp/err"; rc=$?
check "full disk, workbook only: exit 3 and touchpoint's one message" "[ $rc -eq 3 ] && one_message '$tmp/err' '$tmp/full'"
check "full disk, workbook only: the previous workbook stays" "same_as_good '$tmp/full'"
bash -c "trap '' XFSZ; ulimit -f 8; exec '$tp' benchmark -p 2026-Q2 -f xlsx -o '$tmp/full' '$org'" 2>"$tmp/err"; rc=$?
check "full disk, benchmark workbook: exit 3 and one message" "[ $rc -eq 3 ] && one_message '$tmp/err' '$tmp/full'"
# A tmpfs that is really full, where the sandbox allows mounting one: filled
# to several levels, each run ends all old (exit 3) or all new (exit 0).
mkdir -p "$tmp/tiny"
if mount -t tmpfs -o size=400k tmpfs "$tmp/tiny" 2>/dev/null; then
    tiny_ok=1 tiny_failed=0
    for fill in 0 40 80 120 160 200 240 260; do
        rm -rf "$tmp/tiny"/* "$tmp/tiny"/.[!.]* 2>/dev/null
        cp -r "$tmp/good"/. "$tmp/tiny"/
        same_as_good "$tmp/tiny" || { tiny_ok=0; echo "    the previous report does not fit the tmpfs"; break; }
        head -c "${fill}000" /dev/zero > "$tmp/tiny/.filler" 2>/dev/null
        "$tp" report -q -p 2026-Q2 -o "$tmp/tiny" "$org" 2>"$tmp/err"; rc=$?
        rm -f "$tmp/tiny/.filler"
        if [ $rc -eq 0 ]; then
            diff -q <(sums "$tmp/tiny") "$tmp/new.sums" >/dev/null || { tiny_ok=0; echo "    fill ${fill}k: exit 0 but not the new report"; }
        elif [ $rc -eq 3 ] && one_message "$tmp/err" "$tmp/tiny" && same_as_good "$tmp/tiny"; then
            tiny_failed=$((tiny_failed + 1))
        else
            tiny_ok=0; echo "    fill ${fill}k: exit $rc, stderr:"; sed 's/^/      /' "$tmp/err"
        fi
        [ -z "$(find "$tmp/tiny" -name '.touchpoint-*')" ] || { tiny_ok=0; echo "    fill ${fill}k: a temporary left"; }
    done
    check "tmpfs full: every run all old (exit 3, one message) or all new" "[ $tiny_ok -eq 1 ]"
    check "tmpfs full: some fillings fail" "[ $tiny_failed -ge 2 ]"
    # The workbook alone on the full tmpfs, under -q: only touchpoint's line.
    rm -rf "$tmp/tiny"/* 2>/dev/null; cp -r "$tmp/good"/. "$tmp/tiny"/
    head -c 300000 /dev/zero > "$tmp/tiny/.filler" 2>/dev/null
    "$tp" report -q -f xlsx -p 2026-Q2 -o "$tmp/tiny" "$org" 2>"$tmp/err"; rc=$?
    rm -f "$tmp/tiny/.filler"
    check "tmpfs full, workbook only, -q: exit 3 and one message" "[ $rc -eq 3 ] && one_message '$tmp/err' '$tmp/tiny'"
    # A new nested output folder on the full tmpfs: a run that publishes
    # nothing leaves no folder it made behind.
    rm -rf "$tmp/tiny"/* 2>/dev/null; head -c 380000 /dev/zero > "$tmp/tiny/.filler" 2>/dev/null
    "$tp" report -q -p 2026-Q2 -o "$tmp/tiny/new/deeper" "$org" 2>"$tmp/err"; rc=$?
    rm -f "$tmp/tiny/.filler"
    check "tmpfs full, a new nested -o: exit 3, and no folder made is left" \
        "[ $rc -eq 3 ] && [ ! -e '$tmp/tiny/new' ]"
    umount "$tmp/tiny"
else
    echo "note: tmpfs cannot be mounted here; the full disk is tested with ulimit -f"
fi

# 3. kill -9 while writing: every file is the old one or a whole new one.
killed_ok=1
for delay in 0.01 0.03 0.06 0.1 0.15 0.2; do
    rm -rf "$tmp/k" && cp -r "$tmp/good" "$tmp/k"
    "$tp" report -q -p 2026-Q2 -o "$tmp/k" "$org" & pid=$!
    sleep "$delay"; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    while read -r sum name; do
        [ -f "$tmp/k/$name" ] || { killed_ok=0; echo "    $name missing after kill at ${delay}s"; continue; }
        now=$(cd "$tmp/k" && sha256sum "$name" | cut -d' ' -f1)
        new=$(grep "  $name\$" "$tmp/new.sums" | cut -d' ' -f1)
        if [ "$now" != "$sum" ] && [ "$now" != "$new" ]; then
            killed_ok=0; echo "    $name is neither the old nor the new file after kill at ${delay}s"
        fi
    done < "$tmp/good.sums"
done
check "kill -9 while writing: every file old or new, never torn" "[ $killed_ok -eq 1 ]"
# A run that fails removes the folders it made, and only those: through
# new/../keep/sub it made new and sub, and keep (empty, the user's) stays.
rm -rf "$tmp/mk" && mkdir -p "$tmp/mk/keep"
(trap '' XFSZ; ulimit -f 1; "$tp" report -q -o "$tmp/mk/new/../keep/sub" "$org" 2>/dev/null); rc=$?
check "a failed run through new/../keep/sub: exit 3, new and sub gone, keep still there" \
    "[ $rc -eq 3 ] && [ ! -e '$tmp/mk/new' ] && [ -d '$tmp/mk/keep' ] && [ ! -e '$tmp/mk/keep/sub' ]"
# What a killed run leaves (a 0700 private folder) goes at the next run; a
# user's folder that only has such a name (mode 755) stays, with its file.
rm -rf "$tmp/left" && mkdir -p "$tmp/left/.touchpoint-abc123" "$tmp/left/.touchpoint-zzz999"
chmod 755 "$tmp/left/.touchpoint-abc123"; chmod 700 "$tmp/left/.touchpoint-zzz999"
echo mine >"$tmp/left/.touchpoint-abc123/keep"; echo cut >"$tmp/left/.touchpoint-zzz999/report.md"
"$tp" report -q -f json -o "$tmp/left" "$org"
check "leftovers: a killed run's private folder removed, a user's folder of that name kept" \
    "[ ! -e '$tmp/left/.touchpoint-zzz999' ] && [ \"\$(cat '$tmp/left/.touchpoint-abc123/keep')\" = mine ]"

# 4. Two runs into one directory at once both succeed and leave whole files.
rm -rf "$tmp/two"
"$tp" report -q -o "$tmp/two" "$org" & a=$!
"$tp" report -q -o "$tmp/two" "$org" & b=$!
wait $a; ra=$?; wait $b; rb=$?
check "two runs at once: both exit 0" "[ $ra -eq 0 ] && [ $rb -eq 0 ]"
check "two runs at once: files whole" "diff -q <(sums '$tmp/two') '$tmp/good.sums' >/dev/null"

# 5. Input errors write nothing, not even the directory.
"$tp" report -q -o "$tmp/none" "$repo/fixtures/bad/unknown-person.yaml" 2>/dev/null; rc=$?
check "input error: exit 1" "[ $rc -eq 1 ]"
check "input error: no output directory" "[ ! -e '$tmp/none' ]"

# 6. The lock: a run waits while another holds the folder (flock on the
# folder itself, what flock(1) takes too), then writes.
rm -rf "$tmp/lk" && cp -r "$tmp/good" "$tmp/lk"
flock "$tmp/lk" sleep 3 & holder=$!
sleep 0.5
"$tp" report -q -p 2026-Q2 -o "$tmp/lk" "$org" & run=$!
sleep 1.5
check "lock: the second run waits (still running, nothing replaced)" "kill -0 $run 2>/dev/null && same_as_good '$tmp/lk'"
wait $holder; wait $run; rc=$?
check "lock: it then writes the new report" "[ $rc -eq 0 ] && diff -q <(sums '$tmp/lk') '$tmp/new.sums' >/dev/null"

# 7. Twenty kill -9s: each run removes what the one before left, so at most
# one run's temporaries are ever there, and none after a whole run.
rm -rf "$tmp/k20" && cp -r "$tmp/good" "$tmp/k20"
most=0
for i in $(seq 1 20); do
    "$tp" report -q -p 2026-Q2 -o "$tmp/k20" "$org" & pid=$!
    sleep "0.0$((i % 10))"; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    n=$(find "$tmp/k20" -name '.*' ! -name . -prune | wc -l)
    [ "$n" -gt "$most" ] && most=$n
done
check "20 kill -9s: at most one run's temporaries at a time ($most)" "[ $most -le 1 ]"
"$tp" report -q -p 2026-Q2 -o "$tmp/k20" "$org"
check "20 kill -9s: none after a whole run" "[ -z \"\$(find '$tmp/k20' -name '.*' ! -name .)\" ]"
check "20 kill -9s: the new report whole" "diff -q <(sums '$tmp/k20') '$tmp/new.sums' >/dev/null"

# 8. Modes: a replaced file keeps its bits, a new one gets 0666 less the
# umask, the benchmark's workbook like the report's.
rm -rf "$tmp/m" && cp -r "$tmp/good" "$tmp/m"
chmod 640 "$tmp/m/report.html"; chmod 600 "$tmp/m/report.xlsx"
(umask 022; "$tp" report -q -p 2026-Q2 -o "$tmp/m" "$org")
check "modes: a 0640 page stays 0640, a 0600 workbook 0600" \
    "[ \"\$(stat -c %a '$tmp/m/report.html' '$tmp/m/report.xlsx' | tr '\n' ' ')\" = '640 600 ' ]"
(umask 027; "$tp" benchmark -q -o "$tmp/mb" "$org" "$repo/fixtures/small")
check "modes: new benchmark files are 0640 under umask 027, workbook included" \
    "[ -z \"\$(find '$tmp/mb' -type f ! -perm 640)\" ] && [ -f '$tmp/mb/benchmark.xlsx' ]"
(umask 022; "$tp" benchmark -q -o "$tmp/mb" "$org" "$repo/fixtures/small")
check "modes: a replaced benchmark.xlsx keeps 0640" "[ \"\$(stat -c %a '$tmp/mb/benchmark.xlsx')\" = 640 ]"

# 9. A charts symlink planted in the folder is refused, never followed, and
# nothing of the run is published.
rm -rf "$tmp/cs" "$tmp/elsewhere" && cp -r "$tmp/good" "$tmp/cs" && mkdir "$tmp/elsewhere"
rm -rf "$tmp/cs/charts" && ln -s "$tmp/elsewhere" "$tmp/cs/charts"
"$tp" report -q -p 2026-Q2 -o "$tmp/cs" "$org" 2>"$tmp/err"; rc=$?
check "charts symlink: exit 3 naming charts" "[ $rc -eq 3 ] && grep -q 'cannot write $tmp/cs/charts:' '$tmp/err'"
check "charts symlink: nothing written where it points" "[ -z \"\$(ls -A '$tmp/elsewhere')\" ]"
check "charts symlink: the previous files stay" \
    "diff -q <(sums '$tmp/cs') <(grep -v ' ./charts/' '$tmp/good.sums') >/dev/null"

# 10. A second user races a shared output folder (0777, not sticky) with
# symlinks to a file and a folder of the cron user's: touchpoint warns, and
# neither the file (content, mode 600) nor the folder changes.
# python3 as the second user: the system one (a per-user shim may be closed to it).
py=$(PATH=/usr/bin:/bin command -v python3)
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && [ -n "$py" ] \
    && setpriv --reuid=65534 --regid=65534 --clear-groups "$py" -c '' 2>/dev/null; then
    race=$(mktemp -d /tmp/tp-race.XXXXXX); trap 'rm -rf "$tmp" "$race"' EXIT
    chmod 755 "$race"; mkdir -m 777 "$race/out"; mkdir -m 755 "$race/victim"
    echo secret > "$race/victim/secret"; chmod 600 "$race/victim/secret"
    cp "$race/victim/secret" "$race/victim/report.xlsx"; chmod 600 "$race/victim/report.xlsx"
    : > "$race/swaps"; chown 65534 "$race/swaps"
    cat > "$race/attack.py" <<'PY'
import os, sys, time
out, victim, stop, log = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
n = 0
while not os.path.exists(stop):
    for name in os.listdir(out):
        if name.startswith('.') and not name.startswith('.moved'):
            p = os.path.join(out, name)
            try:
                os.rename(p, os.path.join(out, '.moved%d' % n)); n += 1
                os.symlink(os.path.join(victim, 'secret') if '.xlsx' in name else victim, p)
            except OSError:
                pass
        elif name.startswith('.moved'):
            # a moved private folder: its files swapped for symlinks too
            d = os.path.join(out, name)
            try:
                for f in os.listdir(d):
                    os.rename(os.path.join(d, f), os.path.join(out, '.moved%d' % n)); n += 1
                    os.symlink(os.path.join(victim, 'secret'), os.path.join(d, f))
            except OSError:
                pass
    for name in ('report.xlsx', 'report.json'):
        try:
            os.symlink(os.path.join(victim, 'secret'), os.path.join(out, name))
        except OSError:
            pass
open(log, 'w').write('%d\n' % n)
PY
    setpriv --reuid=65534 --regid=65534 --clear-groups "$py" "$race/attack.py" "$race/out" "$race/victim" \
        "$race/stop" "$race/swaps" &
    attacker=$!
    warned=1 ran=0
    for i in 1 2 3 4 5 6; do
        "$tp" report -q -f xlsx,json -o "$race/out" "$org" 2>"$tmp/err" && ran=$((ran + 1))
        grep -q "warning: other users can write $race/out/" "$tmp/err" || warned=0
    done
    touch "$race/stop"; wait $attacker
    check "shared folder: the second user did swap entries for symlinks" "[ \"\$(cat '$race/swaps' 2>/dev/null || echo 0)\" -gt 0 ]"
    check "shared folder: a warning on every run" "[ $warned -eq 1 ]"
    check "shared folder: the runs still publish" "[ $ran -ge 1 ] && [ -f '$race/out/report.xlsx' ] && [ ! -L '$race/out/report.xlsx' ]"
    check "shared folder: the victim file is untouched (content, mode 600)" \
        "[ \"\$(cat '$race/victim/secret')\" = secret ] && [ \"\$(stat -c %a '$race/victim/secret' '$race/victim/report.xlsx' | tr '\n' ' ')\" = '600 600 ' ]"
    check "shared folder: nothing new in the victim's folder" "[ \"\$(ls -A '$race/victim' | tr '\n' ' ')\" = 'report.xlsx secret ' ]"
    # An output folder the user may not make (its parent is not theirs to
    # write): exit 3 and the reason as it is, not one a later call left in
    # errno. The program and the logs are copies nobody can reach.
    mkdir -m 555 "$race/ro"; cp "$tp" "$race/tp"; chmod 755 "$race/tp"
    cp -r "$org" "$race/org"; chmod -R a+rX "$race/org"
    for cmd in report benchmark; do
        setpriv --reuid=65534 --regid=65534 --clear-groups "$race/tp" $cmd -q -f json -o "$race/ro/out" "$race/org" \
            2>"$tmp/err"; rc=$?
        check "$cmd into a folder that cannot be made: exit 3, 'Permission denied'" \
            "[ $rc -eq 3 ] && [ \"\$(cat '$tmp/err')\" = 'touchpoint: cannot write $race/ro/out: Permission denied' ]"
    done
    # A sticky shared folder (1777) where one of the files is another
    # user's: its rename is refused (EPERM) in the middle of the burst.
    # The files already put in place go back: the whole previous report,
    # charts included, never a mix (SPEC §4).
    mkdir -m 1777 "$race/sticky"
    "$tp" report -q -o "$race/sticky" "$org" 2>/dev/null
    chown -R 65534 "$race/sticky"/*; chown 0 "$race/sticky/report.json"
    (cd "$race/sticky" && find . -type f | sort | xargs md5sum) > "$race/sticky.sums"
    setpriv --reuid=65534 --regid=65534 --clear-groups "$race/tp" report -q -p 2026-Q1 -o "$race/sticky" "$race/org" \
        2>"$tmp/err"; rc=$?
    check "sticky folder, a file of another user: exit 3 naming it" \
        "[ $rc -eq 3 ] && grep -q 'cannot write $race/sticky/report.json: Operation not permitted' '$tmp/err'"
    check "sticky folder: every file of the previous report as it was, nothing left behind" \
        "diff <(cd '$race/sticky' && find . -type f | sort | xargs md5sum) '$race/sticky.sums' && [ -z \"\$(ls -A '$race/sticky' | grep '^\\.')\" ]"
else
    echo "note: not root (or no setpriv/python3): the second user's race is not run"
fi

# 11. -o -: one format, json or html, to standard output; otherwise a usage
# error; never a folder named -.
(cd "$tmp" && "$tp" report -q -f json -o - "$org" > "$tmp/stdout.json"); rc=$?
"$tp" report -q -f json -o "$tmp/j" "$org"
check "-o - -f json: exit 0, the same bytes as report.json" "[ $rc -eq 0 ] && cmp -s '$tmp/stdout.json' '$tmp/j/report.json'"
(cd "$tmp" && "$tp" report -q -f html -o - "$org" > "$tmp/stdout.html"); rc=$?
"$tp" report -q -f html -o "$tmp/h" "$org"
check "-o - -f html: exit 0, the same bytes as report.html" "[ $rc -eq 0 ] && cmp -s '$tmp/stdout.html' '$tmp/h/report.html'"
usage_ok=1
for args in "" "-f md" "-f xlsx" "-f json,html" "-f json,md"; do
    (cd "$tmp" && "$tp" report -q $args -o - "$org" >/dev/null 2>&1); rc=$?
    [ $rc -eq 2 ] || { usage_ok=0; echo "    report $args -o -: exit $rc"; }
done
(cd "$tmp" && "$tp" benchmark -q -f json -o - "$org" >/dev/null 2>&1); rc=$?
[ $rc -eq 2 ] || { usage_ok=0; echo "    benchmark -f json -o -: exit $rc"; }
check "-o - with another format list, or for benchmark: usage error (exit 2)" "[ $usage_ok -eq 1 ]"
check "-o -: no folder named -" "[ ! -e '$tmp/-' ]"
(cd "$tmp" && "$tp" report -q -f json -o - "$org" >/dev/full 2>"$tmp/err"); rc=$?
check "-o - to a full device: exit 3, one message" \
    "[ $rc -eq 3 ] && [ \"\$(cat '$tmp/err')\" = 'touchpoint: cannot write standard output: No space left on device' ]"
# The same for what the other commands print: never a cut text and exit 0.
full_ok=1
for args in schema --version --help "help report" "report --help"; do
    "$tp" $args >/dev/full 2>"$tmp/err"; rc=$?
    [ $rc -eq 3 ] && [ "$(cat "$tmp/err")" = 'touchpoint: cannot write standard output: No space left on device' ] ||
        { full_ok=0; echo "    $args >/dev/full: exit $rc, $(head -c 200 "$tmp/err")"; }
done
check "schema, --version and help to a full device: exit 3, one message" "[ $full_ok -eq 1 ]"

# 12. Stopped while writing (a service stopped, a hang-up): the run's
# temporaries are taken back, the report published before stays as it was,
# and the exit status is the signal's. The private folder is waited for, so
# the signal comes while the workbook is written (about half a second here).
"${BENCH_GEN:-$repo/build/bench-gen}" "$tmp/sigdata" 50000 files >/dev/null
mkdir -p "$tmp/sigout" && "$tp" report -q -f json -o "$tmp/sigout" "$org" && cp "$tmp/sigout/report.json" "$tmp/first.json"
for sig in TERM HUP; do
    SOURCE_DATE_EPOCH=1800000000 "$tp" report -q -f json,xlsx -o "$tmp/sigout" "$tmp/sigdata" 2>/dev/null & pid=$!
    seen=0
    for _ in $(seq 1200); do
        if ls -A "$tmp/sigout" | grep -q '^\.touchpoint-'; then seen=1; break; fi
        sleep 0.05
    done
    kill -$sig $pid; wait $pid; rc=$?
    check "SIG$sig while writing: exit $((128 + $(kill -l $sig))), no temporary left, the earlier report untouched" \
        "[ $seen -eq 1 ] && [ $rc -eq $((128 + $(kill -l $sig))) ] && [ -z \"\$(ls -A '$tmp/sigout' | grep '^\.')\" ] &&
         cmp -s '$tmp/sigout/report.json' '$tmp/first.json' && [ ! -e '$tmp/sigout/report.xlsx' ]"
done

# Started with SIGCHLD ignored (an exec keeps that disposition), the
# workbook's child is reaped unseen: its status still decides, and a run
# that went well publishes every file, the workbook included.
rm -rf "$tmp/sigign"
python3 -c 'import os, signal, sys; signal.signal(signal.SIGCHLD, signal.SIG_IGN); os.execv(sys.argv[1], sys.argv[1:])' \
    "$tp" report -q -f md,xlsx -o "$tmp/sigign" "$org" 2>"$tmp/err"; rc=$?
check "SIGCHLD ignored: exit 0, the workbook published and whole" \
    "[ $rc -eq 0 ] && [ ! -s '$tmp/err' ] && unzip -tq '$tmp/sigign/report.xlsx' >/dev/null && [ -s '$tmp/sigign/report.md' ]"

finish
