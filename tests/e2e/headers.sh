#!/usr/bin/env bash
# The cut of the headers (README "Layout"): the program needs the public
# header alone, the public header names no private one, every header
# compiles on its own, and each module's file includes its own header (so
# the compiler checks the declarations against the definitions).
. "$(dirname "$0")/common.inc"
cc=${CC:-cc}
flags="-std=c11 -Wall -Wextra -Wpedantic -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE"

mkdir -p "$tmp/pub"
cp "$repo/lib/touchpoint.h" "$tmp/pub/"
check "cmd/main.c compiles with touchpoint.h alone" \
    "$cc $flags -I'$tmp/pub' -fsyntax-only '$repo/cmd/main.c' 2>'$tmp/err' || { cat '$tmp/err'; false; }"
check "touchpoint.h includes no header of the library" "! grep -q '^#include \"' '$repo/lib/touchpoint.h'"

alone=0
for h in "$repo"/lib/*.h; do
    echo "#include \"$(basename "$h")\"" | $cc $flags -I"$repo/lib" -fsyntax-only -x c - 2>"$tmp/err" ||
        { alone=1; echo "  $(basename "$h") does not compile on its own:"; head -3 "$tmp/err"; }
done
check "every header in lib/ compiles on its own" "[ $alone -eq 0 ]"

own=0
for c in "$repo"/lib/*.c; do
    h=${c%.c}.h
    [ -f "$h" ] || continue
    grep -q "^#include \"$(basename "$h")\"" "$c" || { own=1; echo "  $(basename "$c") does not include $(basename "$h")"; }
done
check "each lib/X.c includes its own lib/X.h" "[ $own -eq 0 ]"
finish
