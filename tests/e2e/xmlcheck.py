#!/usr/bin/env python3
"""xmlcheck.py FILE... — fails (exit 1) when an XML output is not well-formed.

Each argument by its name: an .svg must parse as XML; every .xml and .rels
part of an .xlsx must parse; an .html page must hold no character XML 1.0
forbids and each of its inline <svg> must parse. The parser is the
standard library's expat (xml.dom.minidom), independent of the C code.
Prints one line per problem.
"""
import re
import sys
import xml.dom.minidom
import zipfile

# C0 controls but tab, newline and CR; U+FFFE, U+FFFF (SPEC §1).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def parse(name, data):
    try:
        xml.dom.minidom.parseString(data)
        return True
    except Exception as e:  # expat's ExpatError, or a decoding error
        print(f"{name}: not well-formed: {e}")
        return False


def check_html(path):
    try:
        text = open(path, encoding="utf-8").read()
    except UnicodeDecodeError as e:
        print(f"{path}: not UTF-8: {e}")
        return False
    ok = True
    m = FORBIDDEN.search(text)
    if m:
        print(f"{path}: character U+{ord(m.group()):04X} at offset {m.start()}")
        ok = False
    for i, svg in enumerate(re.findall(r"<svg\b.*?</svg>", text, re.S)):
        ok &= parse(f"{path}: inline svg {i + 1}", svg.encode("utf-8"))
    return ok


def check(path):
    if path.endswith(".xlsx"):
        ok = True
        with zipfile.ZipFile(path) as z:
            for n in z.namelist():
                if n.endswith((".xml", ".rels")):
                    ok &= parse(f"{path}:{n}", z.read(n))
        return ok
    if path.endswith(".html"):
        return check_html(path)
    return parse(path, open(path, "rb").read())


def main():
    results = [check(p) for p in sys.argv[1:]]
    sys.exit(0 if results and all(results) else 1)


if __name__ == "__main__":
    main()
