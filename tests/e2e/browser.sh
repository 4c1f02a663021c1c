#!/bin/bash
# Browser test of report.html: headless Chromium opens the page and must see
# no console error, no request leaving the file, and draw a page that is not
# blank, in light mode, dark mode, on a phone and with the print style.
#
#   TOUCHPOINT=build/touchpoint tests/e2e/browser.sh
#
# The page comes from `touchpoint report fixtures/northwind` (and a second
# one with --min-group 5 --anonymize --lang pt); without the program or the
# fixture, from the synthetic report of build/tests/test_render_html
# (TP_HTML_OUT). Screenshots stay in BROWSER_OUT (default build/browser).
# Two control pages check that the checks themselves catch a request.
# Needs chromium and python3. Prints "N passed, M failed"; exits 1 on failure.

set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
TP=${TOUCHPOINT:-$root/build/touchpoint}
out=${BROWSER_OUT:-$root/build/browser}
CHROME=${CHROMIUM:-chromium}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }

if ! command -v "$CHROME" >/dev/null 2>&1; then
    echo "chromium not found (apt-get install chromium)"
    echo "0 passed, 1 failed"
    exit 1
fi

# chrome FLAGS... URL: one headless run in a fresh profile; stderr kept in
# $tmp/err, the network log in $tmp/net.json.
chrome() {
    local profile
    profile=$(mktemp -d "$tmp/profile.XXXXXX")
    timeout 90 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-extensions --hide-scrollbars --user-data-dir="$profile" \
        --enable-logging=stderr --v=0 --log-net-log="$tmp/net.json" \
        --host-resolver-rules="MAP * ~NOTFOUND" "$@" >"$tmp/stdout" 2>"$tmp/err"
}

# Requests the page made: the browser's own (update checks...) have no
# initiator ("not an origin"); anything the page asks for has one.
page_requests() {
    python3 - "$tmp/net.json" <<'EOF'
import json, sys
try:
    log = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    text = open(sys.argv[1]).read().rstrip().rstrip(",")
    log = json.loads(text if text.endswith("}") else text + "]}")
names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
for e in log["events"]:
    p = e.get("params", {})
    if (names.get(e["type"]) == "URL_REQUEST_START_JOB" and "url" in p
            and p.get("initiator") != "not an origin"):
        print(p.get("url"))
EOF
}

console_errors() {
    grep -E 'CONSOLE|Refused to|ERR_|Uncaught|Failed to load' "$tmp/err" | grep -v 'dbus' || true
}

# static_checks FILE: nothing in the HTML that could fetch or run anything.
static_checks() {
    python3 - "$1" <<'EOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
problems = []
tags = re.findall(r"<[A-Za-z][^<>]*>", html)
for t in tags:
    name = re.match(r"<([A-Za-z0-9-]+)", t).group(1).lower()
    if name in ("script", "link", "iframe", "object", "embed", "img", "base", "form", "video", "audio", "source"):
        problems.append("tag " + t[:80])
    if re.search(r"\s(src|href|xlink:href|srcset|action|poster)\s*=", t):
        problems.append("attribute " + t[:80])
    if re.search(r"\son[a-z]+\s*=", t):
        problems.append("handler " + t[:80])
for style in re.findall(r"<style[^>]*>(.*?)</style>", html, re.S):
    if "url(" in style or "@import" in style:
        problems.append("style fetches: " + style[:80])
if re.search(r"style=\"[^\"]*url\(", html):
    problems.append("inline style url(")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
}

# check_page NAME FILE: every check on one page, screenshots in $out.
check_page() {
    local name=$1 page=$2 url="file://$2" shot
    if static_checks "$page" >"$tmp/static"; then ok "$name: no script, no external reference"
    else bad "$name: $(head -3 "$tmp/static" | tr '\n' ';')"; fi

    chrome --dump-dom "$url"
    if grep -q '<svg' "$tmp/stdout" && grep -q '</html>' "$tmp/stdout"; then ok "$name: DOM loaded with inline charts"
    else bad "$name: DOM not dumped"; fi
    if [ -z "$(console_errors)" ]; then ok "$name: no console error"
    else bad "$name: console: $(console_errors | head -3)"; fi
    local requests
    requests=$(page_requests)
    if [ -z "$requests" ]; then ok "$name: no request beyond the file"
    else bad "$name: requests: $(echo "$requests" | head -3 | tr '\n' ' ')"; fi

    for mode in light dark phone print; do
        shot="$out/$name-$mode.png"
        rm -f "$shot"
        case $mode in
        light) chrome --screenshot="$shot" --window-size=1280,2000 "$url" ;;
        dark) chrome --screenshot="$shot" --window-size=1280,2000 --force-dark-mode "$url" ;;
        phone) chrome --screenshot="$shot" --window-size=390,1600 "$url" ;;
        print) # the print style sheet made the screen's, at A4 width
            sed 's/@media print/@media all/' "$page" >"$tmp/print.html"
            chrome --screenshot="$shot" --window-size=794,2000 "file://$tmp/print.html" ;;
        esac
        if [ -s "$shot" ] && python3 "$here/pngcheck.py" "$shot" >"$tmp/png"; then ok "$name: $(cat "$tmp/png")"
        else bad "$name $mode: $(cat "$tmp/png" 2>/dev/null) blank or missing screenshot"; fi
    done
}

# ---------------------------------------------------------------- pages
pages=()
if [ -x "$TP" ] && [ -d "$root/fixtures/northwind" ]; then
    export SOURCE_DATE_EPOCH=1790000000
    if "$TP" report -q -f html,md -o "$tmp/nw" "$root/fixtures/northwind" &&
       "$TP" report -q -f html -o "$tmp/nw-small" --min-group 5 --anonymize --lang pt "$root/fixtures/northwind"; then
        ok "touchpoint wrote the northwind reports"
        cp "$tmp/nw/report.html" "$out/northwind.html"
        cp "$tmp/nw-small/report.html" "$out/northwind-min5-pt.html"
        pages+=(northwind northwind-min5-pt)
    else
        bad "touchpoint report fixtures/northwind"
    fi
    # Names that are markup: they must reach the page as text only.
    mkdir -p "$tmp/hostile"
    cat >"$tmp/hostile/org.yaml" <<'EOF'
organization: "<script>alert('org')</script> & Co"
people:
  - {id: p1, name: "<img src=x onerror=alert(1)>", team: "R&D | <b>Labs</b>", reports_to: CEO,
     allocations: [{project: pr1, percent: 60}]}
  - {id: p2, name: "[click](https://evil.example/x) ![i](https://evil.example/i.png)",
     team: "<style>body{background:url(https://evil.example/bg)}</style>"}
  - {id: p3, name: "  &amp; *emph* `code` <!-- c --> \\", team: "# heading\n- list"}
customers:
  - {id: c1, name: "ACME &amp; <Sons>"}
projects:
  - {id: pr1, name: "<iframe src=https://evil.example></iframe>", serves: {teams: ["R&D | <b>Labs</b>"]}}
interactions:
  - {type: customer_meeting, date: 2026-08-01, people: [p1, p2, p3], customers: [c1],
     title: "<script>alert(2)</script>", hours: 2}
EOF
    if "$TP" report -q -f html -o "$tmp/hostile-out" "$tmp/hostile/org.yaml" &&
        cp "$tmp/hostile-out/report.html" "$out/hostile.html"; then
        ok "touchpoint wrote the hostile-names report"
        pages+=(hostile)
        if grep -qF '&lt;img src=x onerror=alert(1)&gt;' "$out/hostile.html" &&
            grep -qF '&amp;amp; *emph* `code` &lt;!-- c --&gt; \' "$out/hostile.html"; then
            ok "hostile: names shown as their text"
        else
            bad "hostile: names not shown as text"
        fi
    else
        bad "touchpoint report (hostile names)"
    fi
else
    make -s -C "$root" build/tests/test_render_html >/dev/null &&
        TP_HTML_OUT="$out/synthetic.html" "$root/build/tests/test_render_html" >/dev/null 2>&1
    if [ -s "$out/synthetic.html" ]; then ok "synthetic page written"; pages+=(synthetic)
    else bad "could not write the synthetic page"; fi
fi

for p in "${pages[@]}"; do
    check_page "$p" "$out/$p.html"
done

# ------------------------------------------------------- control pages
# Without the policy, an external image must show up as a page request;
# with it, as a console error. So both checks above can see a failure.
printf '<!DOCTYPE html><html><body><img src="http://example.invalid/x.png" alt=""></body></html>' >"$tmp/leak.html"
chrome --dump-dom "file://$tmp/leak.html"
if [ -n "$(page_requests)" ]; then ok "control: a leaking page is caught by the network log"
else bad "control: the network log missed a request"; fi
sed 's|<html>|<html><head><meta http-equiv="Content-Security-Policy" content="default-src '"'none'"'"></head>|' \
    "$tmp/leak.html" >"$tmp/leak-csp.html"
chrome --dump-dom "file://$tmp/leak-csp.html"
if [ -n "$(console_errors)" ]; then ok "control: a blocked request is caught on the console"
else bad "control: the console check missed a blocked request"; fi
if ! static_checks "$tmp/leak.html" >/dev/null; then ok "control: the static check catches <img src>"
else bad "control: the static check missed <img src>"; fi

echo "screenshots in $out"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
