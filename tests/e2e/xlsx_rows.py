#!/usr/bin/env python3
# xlsx_rows.py WORKBOOK: every row of every sheet as "SHEET<TAB>cell<TAB>cell...",
# cells as text (inline or shared strings, numbers as written).
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
ss = [re.sub(r"<[^>]+>", "", si) for si in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)] \
    if "xl/sharedStrings.xml" in names else []
wb = z.read("xl/workbook.xml").decode()
rels = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', z.read("xl/_rels/workbook.xml.rels").decode()))
rels.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', z.read("xl/_rels/workbook.xml.rels").decode())})
for name, rid in re.findall(r'<sheet name="([^"]*)"[^>]*r:id="(rId\d+)"', wb):
    xml = z.read("xl/" + rels[rid].lstrip("/").replace("xl/", "")).decode()
    for row in re.findall(r"<row [^>]*>(.*?)</row>", xml, re.S):
        cells = []
        for attrs, body in re.findall(r"<c ([^>]*?)(?:/>|>(.*?)</c>)", row, re.S):
            v = re.search(r"<v>(.*?)</v>", body or "")
            t = re.search(r'\bt="(\w+)"', attrs)
            if t and t.group(1) == "inlineStr":
                val = re.sub(r"<[^>]+>", "", body)
            else:
                val = "" if not v else (ss[int(v.group(1))] if t and t.group(1) == "s" else v.group(1))
            cells.append(val)
        print(name + "\t" + "\t".join(cells))
