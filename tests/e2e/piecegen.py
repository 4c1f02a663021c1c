#!/usr/bin/env python3
"""piecegen.py SEED OUT — a random YAML-ish log of several documents with
document markers, directives and marker-like lines in many places (in
block scalars, quoted and plain multi-line scalars, flow collections,
after a tab, at the end of the file without a line break), CRLF, lone CR
and NEL line breaks, a BOM in the middle, anchors and aliases near
markers, and errors of every kind (per record, stopping the file, across
documents). pieces.sh reads each whole and in pieces and compares.
Deterministic for a seed."""
import random
import sys

rng = random.Random(int(sys.argv[1]))
VALID = rng.random() < 0.3  # no error at all (warnings aside): the report is written
CLEAN = VALID or rng.random() < 0.45  # no error that stops the file on purpose


def pick(good, bad):
    """One of good, or (unless VALID) of good and bad."""
    return rng.choice(good if VALID else good + bad)
out = []

PEOPLE = ["ana", "rui", "eva", "bob"]  # bob is never defined
IDS = iter(range(10**6))  # unique interaction ids
ORGS = ["Northwind", "Northwind", "Northwind", "Southwind"]


def date():
    y = rng.choice([2026, 2026, 2026, 2062])  # 2062: in the future
    m = rng.randint(1, 12)
    d = rng.choice([1, 10, 28] if VALID else [1, 10, 28, 29, 30, 31])
    return "%d-%02d-%02d" % (y, m, d)


def person_ref():
    return pick(PEOPLE[:3] * 3, ["bob"])


def tricky_text():
    """A scalar value, possibly over several lines, with markers inside."""
    k = rng.randrange(12)
    if k == 0:  # block scalar with indented marker-like lines, maybe one at column 0
        body = ["@line one", "@--- not a marker", "@... nor this", "@%text"]
        if not VALID and rng.random() < 0.3:
            body.append("--- " if rng.random() < 0.5 else "---")  # ends the scalar and the document
        return "|\n" + "\n".join(body)
    if k == 1:  # folded
        return ">-\n@folded\n@---\n@more"
    if k == 2:  # double-quoted over lines, maybe a marker at column 0 (an error)
        mid = rng.choice(["@--- inside", "%not a directive", "@plain"] + ([] if CLEAN else ["--- at column 0", "..."]))
        return '"first\n%s\n@last"' % mid
    if k == 3:
        mid = rng.choice(["@---", "@# not a comment"] + ([] if CLEAN else ["---"]))
        return "'single\n%s\n@end'" % mid
    if k == 4:  # plain multi-line
        return "plain start\n@continued --- here\n@and ---"
    if k == 5:
        return "tab\there"
    if k == 6:
        return "dup"  # the caller may repeat the key
    if k == 7:
        return '"nel\x85ls\u2028ps\u2029cr\rend"'
    if k == 8:
        return "x\x00y" if not CLEAN and rng.random() < 0.3 else "ok"
    if k == 9:
        return "\"bad \\q escape\"" if not CLEAN and rng.random() < 0.3 else "fine"
    if k == 10 and not VALID:
        return "[a, b,\n@---, c]"  # a flow list whose item is '---' (indented: text)
    return "Title %d" % rng.randrange(1000)


def interaction(ind, anchor=None):
    fields = []
    t = pick(["customer_meeting", "store_visit", "support_call_listening", "concierge_desk"], ["callz"])
    fields.append("type: %s" % t)
    if VALID or rng.random() < 0.95:
        fields.append("date: %s" % date())
    fields.append("people: [%s]" % ", ".join(person_ref() for _ in range(rng.randint(1 if VALID else 0, 2))))
    if rng.random() < 0.6:
        fields.append("customers: [%s]" % pick(["acme", "zeta", "acme, zeta"], ["acmee"]))
    if rng.random() < 0.5:
        fields.append("minutes: %s" % pick(["30", "90", "1e3"], ["-5", "'40'", "600000"]))
    if not VALID and rng.random() < 0.2:
        fields.append("hours: 2")
    if rng.random() < 0.3:
        fields.append("id: i%d" % (next(IDS) if VALID else rng.randrange(30)))  # duplicates across documents
    if rng.random() < 0.1:
        fields.append("minuts: 5")  # unknown key: a warning
    if rng.random() < 0.4:
        key = rng.choice(["title", "notes", "event"])
        fields.append("%s: %s" % (key, tricky_text().replace("@", " " * (ind + 4 + (0 if CLEAN else rng.choice([0, 0, 0, -2]))))))
        if not VALID and rng.random() < 0.1:
            fields.append("%s: again" % key)
    if rng.random() < 0.2:
        fields.append("insights: [\"a\", {text: b, tags: [x, x]}]")
    if rng.random() < 0.2:
        fields.append("actions:\n%s  - {text: do it, owner: %s, status: %s}" %
                      (" " * (ind + 2), person_ref(), pick(["open", "done"], ["dne"])))
    pad = " " * (ind + 2)
    head = "%s- %s" % (" " * ind, ("&%s " % anchor) if anchor else "")
    if rng.random() < 0.3 and all("\n" not in f for f in fields):
        return head + "{" + ", ".join(fields) + "}"
    lines = [fields[0]] + [pad + f for f in fields[1:]]
    return head + "\n".join(lines)


def roster():
    doc = []
    if rng.random() < 0.7:
        doc.append("organization: %s" % (ORGS[0] if VALID else rng.choice(ORGS)))
    doc.append("people:")
    for p in PEOPLE[:3]:
        if VALID or rng.random() < 0.9:
            doc.append("  - {id: %s, name: %s, team: %s}" % (p, p.title(), rng.choice(["Apps", "Ops", "Opss"])))
    doc.append("customers:\n  - {id: acme, name: Acme}\n  - {id: zeta, name: Zeta, paying: false}")
    return "\n".join(doc)


def document():
    kind = rng.randrange(10)
    if (kind == 2 and CLEAN) or (kind in (0, 5) and VALID):
        kind = 7
    if kind == 0:
        return roster()
    if kind == 1:  # a template and its aliases
        n = rng.randint(1, 6)
        t = "x-t: &t {type: customer_meeting, date: %s, people: [%s], customers: [acme]}" % (date(), person_ref())
        return t + "\ninteractions:\n" + "\n".join("  - {<<: *t, minutes: %d}" % i if rng.random() < 0.5 else "  - *t"
                                                  for i in range(n))
    if kind == 2 and not CLEAN:  # an alias to an anchor of an earlier document (an error: anchors are per document)
        return "interactions:\n  - *t"
    if kind == 3:
        return "requests:\n  - {date: %s, text: EDI, status: %s, customer: acme, votes: 3}" % (
            date(), pick(["planned", "gap"], ["nope"]))
    if kind == 4:
        return "organization: %s" % (ORGS[0] if VALID else rng.choice(ORGS))
    if kind == 5 and not VALID:
        return "interaction:\n  - {type: store_visit}"  # an unknown section
    if kind == 6:  # a flow document over several lines
        return "{interactions: [\n  {type: customer_meeting, date: %s, people: [ana]}\n  ]}" % date()
    recs = [interaction(2, "r%d" % i if rng.random() < 0.1 else None) for i in range(rng.randint(1, 4))]
    s = "interactions:\n" + "\n".join(recs)
    if not CLEAN and rng.random() < 0.05:
        s += "\n  - [unclosed"  # a syntax error
    return s


def separator(first):
    """What comes before a document: a marker of some kind, maybe directives."""
    parts = []
    if not first and rng.random() < 0.3:
        parts.append("...")
        if rng.random() < 0.2:
            parts.append("# after the end")
    if (first or parts) and rng.random() < 0.3:
        parts.append(rng.choice(["%YAML 1.2", "%YAML 1.1", "%TAG !t! tag:x.example,2026:"] + ([] if CLEAN else ["%FOO bar"])))
        if rng.random() < 0.3:
            parts.append("# between")
    if not first and not parts and rng.random() < 0.03:
        parts.append("%YAML 1.2")  # a directive with no "..." before it
    marker = pick(["---", "---", "--- ", "--- # c", "---\t"], ["--- |\n  root text\n---"])
    if first and not parts and rng.random() < 0.3:
        return ""
    parts.append(marker)
    return "\n".join(parts)


docs = rng.randint(2, 12)
for i in range(docs):
    sep = separator(i == 0)
    doc = roster() if i == 0 and (VALID or rng.random() < 0.7) else document()
    if sep.endswith("--- ") and not VALID and rng.random() < 0.3 and "\n" not in doc:
        out.append(sep + doc)
    else:
        if sep:
            out.append(sep)
        out.append(doc)
    if rng.random() < 0.1:
        out.append("# trailing comment")
    if rng.random() < 0.03:
        out.append("\ufeff# a BOM in the middle")
    if not CLEAN and rng.random() < 0.05:
        out.append("----\n---x")  # not markers (errors or text)
text = "\n".join(out)
r = rng.random()
if r < 0.1:
    text += "\n---"  # a marker at the end, no line break
elif r < 0.15:
    text += "\n--- "
elif r < 0.9:
    text += "\n"
style = rng.random()
if style < 0.1:
    text = text.replace("\n", "\r\n")
elif style < 0.13:
    text = text.replace("\n", "\r")
elif style < 0.16:
    text = "\ufeff" + text
data = text.encode("utf-8")
with open(sys.argv[2], "wb") as f:
    f.write(data)
