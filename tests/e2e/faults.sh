#!/usr/bin/env bash
# Output faults: an unwritable place, a full disk, kill -9 while writing and
# two runs at once. The last good report must stay exactly as it was (or be
# replaced whole), and a failed write exits 3 naming the file.
. "$(dirname "$0")/common.inc"
org=$repo/fixtures/northwind
export SOURCE_DATE_EPOCH=1790000000

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

# 2. A full disk: writes fail with EFBIG past a small file-size limit.
cp -r "$tmp/good" "$tmp/full"
bash -c "trap '' XFSZ; ulimit -f 40; exec '$tp' report -q -o '$tmp/full' '$org'" 2>"$tmp/err"; rc=$?
check "full disk: exit 3" "[ $rc -eq 3 ]"
check "full disk: message names a file" "grep -qE 'cannot write $tmp/full/[^ ]+' '$tmp/err'"
check "full disk: the previous report is untouched" "same_as_good '$tmp/full'"
check "full disk: no temporary file left" "[ -z \"\$(find '$tmp/full' -name '.*.*' -type f)\" ]"
# A tmpfs that is really full, where the sandbox allows mounting one.
mkdir -p "$tmp/tiny"
if mount -t tmpfs -o size=300k tmpfs "$tmp/tiny" 2>/dev/null; then
    cp -r "$tmp/good"/. "$tmp/tiny"/ 2>/dev/null
    if same_as_good "$tmp/tiny"; then
        head -c 200000 /dev/zero > "$tmp/tiny/filler" 2>/dev/null
        "$tp" report -q -o "$tmp/tiny" "$org" 2>"$tmp/err"; rc=$?
        rm -f "$tmp/tiny/filler"
        check "tmpfs full: exit 3" "[ $rc -eq 3 ]"
        check "tmpfs full: the previous report is untouched" "same_as_good '$tmp/tiny'"
    else
        echo "note: the previous report does not fit the 300k tmpfs; tested with ulimit -f only"
    fi
    umount "$tmp/tiny"
else
    echo "note: tmpfs cannot be mounted here; the full disk is tested with ulimit -f"
fi

# 3. kill -9 while writing: every file is the old one or a whole new one.
"$tp" report -q -p 2026-Q2 -o "$tmp/new" "$org"
sums "$tmp/new" > "$tmp/new.sums"
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

finish
