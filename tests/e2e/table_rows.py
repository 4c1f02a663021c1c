#!/usr/bin/env python3
"""Prints "ok" when every table of the page (argv[1]) is wrapped in a
"table-wrap" block that is marked "long" exactly when the table has more
than 12 body rows (printed, only those may break between rows); else what
differs."""
import sys
from html.parser import HTMLParser

WHOLE_ROWS = 12


class Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.wrap = None  # the classes of the open table-wrap block
        self.rows = 0
        self.in_body = False
        self.found = []  # (classes, body rows)

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and "table-wrap" in classes:
            self.wrap, self.rows = classes, 0
        elif tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.rows += 1

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False
        elif tag == "table" and self.wrap is not None:
            self.found.append((self.wrap, self.rows))
            self.wrap = None


p = Tables()
p.feed(open(sys.argv[1], encoding="utf-8").read())
bad = [f"{rows} rows, classes {' '.join(c)}" for c, rows in p.found if ("long" in c) != (rows > WHOLE_ROWS)]
print("ok" if p.found and not bad and any(r > WHOLE_ROWS for _, r in p.found) and any(r <= WHOLE_ROWS for _, r in p.found)
      else "; ".join(bad) or "no tables of both kinds")
