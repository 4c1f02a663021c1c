#!/usr/bin/python3
"""Independent reference implementation of touchpoint's report.json.

Written from /work/shared/SPEC.md alone (sections 1, 2, 3, 5 and 6), to check
the C implementation figure by figure.  It handles VALID input only: no
validation, no messages.  Clarity over speed.

    reference.py [--period P] [--definition FILE] PATH... > report.json

Where the spec can be read two ways the choice is marked
`# SPEC-AMBIGUITY:` and the most literal reading is taken.
"""

import argparse
import datetime
import json
import math
import os
import sys
from collections import deque
from fractions import Fraction

import yaml

# ---------------------------------------------------------------------------
# YAML loading: every plain scalar stays text (SPEC §1 types scalars by the
# field that holds them), except the merge key `<<` and nulls.

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TextLoader(_Base):
    """SafeLoader that resolves only `<<` (merge) and null; all else is str."""


TextLoader.yaml_implicit_resolvers = {}
for _first, _resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
    _keep = [(tag, rx) for tag, rx in _resolvers
             if tag in ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:null")]
    if _keep:
        TextLoader.yaml_implicit_resolvers[_first] = _keep


def as_text(value):
    """Ids and text: the scalar's text as written."""
    return None if value is None else str(value)


def as_bool(value, default):
    if value is None:
        return default
    return str(value) in ("true", "True", "TRUE")


def as_number(value):
    if value is None:
        return None
    return float(str(value))


def as_date(value):
    """A date, or a timestamp whose written date is used (SPEC §1)."""
    if value is None:
        return None
    return datetime.date.fromisoformat(str(value).strip()[:10])


def unique(ids):
    """An id repeated within one list counts once (SPEC §3 small print)."""
    seen, out = set(), []
    for x in ids or []:
        x = as_text(x)
        if x is not None and x not in seen:
            seen.add(x)
            out.append(x)
    return out


# ---------------------------------------------------------------------------
# Interaction types (SPEC §1 table)

BUILTIN_TYPES = [
    # id, label, contact, anonymous paying
    ("customer_meeting", "Customer meeting", "customer", False),
    ("trade_show_shift", "Trade-show shift", "customer", False),
    ("support_call_listening", "Support-call listening", "customer", True),
    ("quarterly_review", "Quarterly business review", "customer", False),
    ("store_visit", "Store visit", "customer", True),
    ("user_group", "User-group meeting", "customer", True),
    ("online_community", "Online community", "customer", True),
    ("lead_qualification", "Lead qualification", "customer", False),
    ("order_desk", "Quarter-end order desk", "customer", True),
    ("ride_along", 'Ride-along ("walk a mile in my shoes")', "customer", False),
    ("concierge_desk", "Concierge desk for customer-facing staff", "internal", False),
]


# ---------------------------------------------------------------------------
# Reading files (SPEC §1)

def collect_files(paths):
    """Files of all arguments, one list sorted bytewise by path, each once."""
    found = {}
    for arg in paths:
        if arg == "-":
            found.setdefault("-", "-")
        elif os.path.isdir(arg):
            for root, dirs, files in os.walk(arg):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if name.startswith("."):
                        continue
                    if name.endswith(".yaml") or name.endswith(".yml"):
                        path = os.path.join(root, name)
                        found.setdefault(os.path.realpath(path), path)
        else:
            found.setdefault(os.path.realpath(arg), arg)
    return sorted(found.values(), key=os.fsencode)


def load_documents(paths):
    docs = []
    for path in collect_files(paths):
        if path == "-":
            text = sys.stdin.buffer.read().decode("utf-8")
        else:
            with open(path, "rb") as f:
                text = f.read().decode("utf-8")
        for doc in yaml.load_all(text, Loader=TextLoader):
            if isinstance(doc, dict):
                docs.append(doc)
    return docs


def build_model(docs):
    """Pool the records of all documents and type each field."""
    m = {"organization": None, "people": {}, "customers": {}, "projects": {},
         "interactions": [], "requests": [], "types": {}}
    for t_id, label, contact, anon in BUILTIN_TYPES:
        m["types"][t_id] = {"label": label, "contact": contact, "anon": anon,
                            "builtin": True}
    for doc in docs:
        # All documents naming one name the same (valid input).
        if doc.get("organization") is not None:
            m["organization"] = as_text(doc["organization"])
        for rec in doc.get("people") or []:
            m["people"][as_text(rec["id"])] = person_record(rec)
        for rec in doc.get("customers") or []:
            m["customers"][as_text(rec["id"])] = {
                "name": as_text(rec["name"]),
                "paying": as_bool(rec.get("paying"), True),
                "segment": as_text(rec.get("segment"))}
        for rec in doc.get("projects") or []:
            serves = rec.get("serves") or {}
            m["projects"][as_text(rec["id"])] = {
                "name": as_text(rec["name"]),
                "customers": unique(serves.get("customers")),
                "people": unique(serves.get("people")),
                "teams": unique(serves.get("teams"))}
        for rec in doc.get("types") or []:
            t_id = as_text(rec["id"])
            m["types"][t_id] = {
                "label": as_text(rec.get("label")) if rec.get("label") is not None else t_id,
                "contact": as_text(rec.get("contact")) or "internal",
                "anon": as_bool(rec.get("anonymous_paying"), False),
                "builtin": False}
        for rec in doc.get("interactions") or []:
            m["interactions"].append(interaction_record(rec))
        for rec in doc.get("requests") or []:
            votes = rec.get("votes")
            m["requests"].append({"date": as_date(rec["date"]),
                                  "status": as_text(rec["status"]),
                                  "id": as_text(rec.get("id")),
                                  "customer": as_text(rec.get("customer")),
                                  "text": as_text(rec["text"]),
                                  "votes": 0 if votes is None else int(str(votes))})
    return m


def person_record(rec):
    # SPEC-AMBIGUITY: a key written in the mapping itself with a null value
    # (`reports_to: ~` next to `<<: *base`) wins over the merged value and,
    # being null, counts as absent.  PyYAML's merge gives exactly that.
    attrs = rec.get("attributes") or {}
    return {
        "name": as_text(rec["name"]),
        "team": as_text(rec.get("team")) if rec.get("team") is not None else "Unassigned",
        "role": as_text(rec.get("role")),
        "it": as_bool(rec.get("it"), True),
        "reports_to": as_text(rec.get("reports_to")),
        "focus": as_text(rec.get("focus")),
        "attributes": {as_text(k): as_text(v) for k, v in attrs.items()},
        "works_with": unique(rec.get("works_with")),
        # Percents are exact as written (SPEC §1): 18.94 + 21.21 + 9.85 is 50.
        "allocations": [(as_text(a["project"]), Fraction(str(a["percent"])))
                        for a in rec.get("allocations") or []],
        "joined": as_date(rec.get("joined")),
        "left": as_date(rec.get("left")),
    }


def duration_hours(rec):
    """duration(i) in hours = minutes/60 or hours, else 0 (SPEC §3)."""
    if rec.get("minutes") is not None:
        return as_number(rec["minutes"]) / 60.0
    if rec.get("hours") is not None:
        return as_number(rec["hours"])
    return 0.0


def interaction_record(rec):
    actions = []
    for a in rec.get("actions") or []:
        actions.append({"status": as_text(a.get("status")) or "open",
                        "attested": as_bool(a.get("attested"), False),
                        "owner": as_text(a.get("owner")),
                        "text": as_text(a["text"])})
    tags = []   # per insight: its tags, each once (SPEC §3 "Insight tags")
    for ins in rec.get("insights") or []:
        tags.append(unique(ins.get("tags")) if isinstance(ins, dict) else [])
    return {
        "type": as_text(rec["type"]),
        "date": as_date(rec["date"]),
        "id": as_text(rec.get("id")),
        "people": unique(rec.get("people")),
        "customers": unique(rec.get("customers")),
        "duration": duration_hours(rec),
        "insights": len(rec.get("insights") or []),
        "insight_tags": tags,
        "actions": actions,
    }


# ---------------------------------------------------------------------------
# Periods (SPEC §2)

class Period:
    def __init__(self, kind, start, end, label):
        self.kind, self.start, self.end, self.label = kind, start, end, label

    def json(self):
        return {"label": self.label, "start": self.start.isoformat(),
                "end": self.end.isoformat()}

    def contains(self, d):
        return self.start <= d <= self.end


def last_day_of_month(year, month):
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def quarter(year, q):
    return Period("quarter", datetime.date(year, 3 * q - 2, 1),
                  last_day_of_month(year, 3 * q), "%04d-Q%d" % (year, q))


def year_period(year):
    return Period("year", datetime.date(year, 1, 1), datetime.date(year, 12, 31),
                  "%04d" % year)


def month_period(year, month):
    return Period("month", datetime.date(year, month, 1),
                  last_day_of_month(year, month), "%04d-%02d" % (year, month))


def range_period(start, end):
    return Period("range", start, end, "%s..%s" % (start.isoformat(), end.isoformat()))


def parse_period(text):
    if ".." in text:
        a, b = text.split("..", 1)
        return range_period(datetime.date.fromisoformat(a), datetime.date.fromisoformat(b))
    if "-Q" in text:
        y, q = text.split("-Q")
        return quarter(int(y), int(q))
    if len(text) == 4:
        return year_period(int(text))
    y, mo = text.split("-")
    return month_period(int(y), int(mo))


def previous_period(p):
    """The period of the same kind just before p (SPEC §2)."""
    if p.kind == "quarter":
        q = (p.start.month - 1) // 3 + 1
        return quarter(p.start.year, q - 1) if q > 1 else quarter(p.start.year - 1, 4)
    if p.kind == "year":
        return year_period(p.start.year - 1)
    if p.kind == "month":
        if p.start.month > 1:
            return month_period(p.start.year, p.start.month - 1)
        return month_period(p.start.year - 1, 12)
    # A range: the equally long range ending the day before; never a quarter.
    length = (p.end - p.start).days + 1
    end = p.start - datetime.timedelta(days=1)
    return range_period(end - datetime.timedelta(days=length - 1), end)


def default_period(model):
    """The calendar quarter holding the latest interaction date that is not
    after today (the UTC date of the generated time); when every one is
    after today, the quarter of the latest (SPEC §2)."""
    today = generated_time().date()
    dates = [i["date"] for i in model["interactions"]]
    past = [d for d in dates if d <= today]
    latest = max(past) if past else max(dates)
    return quarter(latest.year, (latest.month - 1) // 3 + 1)


# SPEC-AMBIGUITY: a range's label is its start and end in ISO form
# (`2026-07-01..2026-09-30`) whatever zero padding was typed.

def months_touched(p):
    """M: calendar months that P touches."""
    return (p.end.year * 12 + p.end.month) - (p.start.year * 12 + p.start.month) + 1


def interactions_in(model, p):
    return [i for i in model["interactions"] if p.contains(i["date"])]


# ---------------------------------------------------------------------------
# Staff in scope and contact (SPEC §3)

def employed_during(person, p):
    """Employed during some day of p; joined and left are inclusive."""
    if person["joined"] is not None and person["joined"] > p.end:
        return False
    if person["left"] is not None and person["left"] < p.start:
        return False
    return True


def staff_in_scope(model, p):
    """S: people with it: true employed during P."""
    return {pid for pid, person in model["people"].items()
            if person["it"] and employed_during(person, p)}


def is_contact_type(model, type_id):
    return model["types"][type_id]["contact"] == "customer"


def contact_months(model, pid, inters):
    """Distinct calendar months of P holding a contact interaction of pid's."""
    return {(i["date"].year, i["date"].month) for i in inters
            if pid in i["people"] and is_contact_type(model, i["type"])}


def contact_class(model, pid, inters, M):
    months = len(contact_months(model, pid, inters))
    if months >= max(1, math.ceil(2 * M / 3)):
        return "regular"
    if months > 0:
        return "occasional"
    return "none"


def person_interactions(pid, inters):
    """Interactions of P, of any type, that pid took part in."""
    return sum(1 for i in inters if pid in i["people"])


def person_contact_hours(model, pid, inters):
    """Σ duration(i) over the customer-type interactions of P pid took part in."""
    return math.fsum(i["duration"] for i in inters
                     if pid in i["people"] and is_contact_type(model, i["type"]))


def total_contact_hours(model, inters, S):
    """Σ over customer-type i of duration(i) × (number of people of i in S),
    each product a double, the sum correctly rounded (SPEC §3 small print)."""
    return math.fsum(i["duration"] * len(set(i["people"]) & S) for i in inters
                     if is_contact_type(model, i["type"]))


def ratio(num, den):
    return None if den == 0 else num / den


def customers_touched(inters):
    return {c for i in inters for c in i["customers"]}


# ---------------------------------------------------------------------------
# Customer Bacon Number (SPEC §3)

ANONYMOUS = ("virtual", "anonymous paying customers")


def bacon_graph(model, inters):
    adj = {pid: set() for pid in model["people"]}
    adj.update({cid: set() for cid in model["customers"]})
    adj[ANONYMOUS] = set()

    def link(a, b):
        if a != b:
            adj[a].add(b)
            adj[b].add(a)

    for pid, person in model["people"].items():
        for other in person["works_with"]:
            link(pid, other)
    for i in inters:
        for a in i["people"]:
            for b in i["people"]:
                link(a, b)
            for c in i["customers"]:
                link(a, c)
            # SPEC-AMBIGUITY: "lists no customer" = `customers` absent, null
            # or an empty list.
            if model["types"][i["type"]]["anon"] and not i["customers"]:
                link(a, ANONYMOUS)
    return adj


def bacon_numbers(model, inters):
    """bacon(x) for every node that has a path to a paying node (BFS)."""
    adj = bacon_graph(model, inters)
    sources = [cid for cid, c in model["customers"].items() if c["paying"]]
    sources.append(ANONYMOUS)
    dist = {s: 0 for s in sources}
    queue = deque(sources)
    while queue:
        x = queue.popleft()
        for y in adj[x]:
            if y not in dist:
                dist[y] = dist[x] + 1
                queue.append(y)
    return dist


# ---------------------------------------------------------------------------
# Line of sight, explained (SPEC §3)

def node_kind(model, x):
    if x == ANONYMOUS:
        return "anonymous"
    return "customer" if x in model["customers"] else "person"


def node_order(model, x):
    """Customers before the anonymous node before people; bytewise by id."""
    rank = {"customer": 0, "anonymous": 1, "person": 2}[node_kind(model, x)]
    return (rank, b"" if x == ANONYMOUS else x.encode())


def edge_vias(model, inters):
    """For every edge made by an interaction of P: that interaction with the
    earliest written date, ties in input order (the order of inters)."""
    via = {}

    def offer(a, b, pos, i):
        if a == b:
            return
        key = frozenset((a, b))
        if key not in via or (i["date"], pos) < via[key][0]:
            via[key] = ((i["date"], pos), i)

    for pos, i in enumerate(inters):
        for a in i["people"]:
            for b in i["people"]:
                offer(a, b, pos, i)
            for c in i["customers"]:
                offer(a, c, pos, i)
            if model["types"][i["type"]]["anon"] and not i["customers"]:
                offer(a, ANONYMOUS, pos, i)
    return {k: v[1] for k, v in via.items()}


def chain_of(model, x, adj, dist, via):
    """One shortest path from x to a paying node, x first; None without one."""
    if x not in dist:
        return None
    nodes = [x]
    while dist[nodes[-1]] > 0:
        here = nodes[-1]
        nodes.append(min((y for y in adj[here] if dist.get(y) == dist[here] - 1),
                         key=lambda y: node_order(model, y)))
    out = []
    for k, y in enumerate(nodes):
        if k == 0:
            how = None
        else:
            i = via.get(frozenset((nodes[k - 1], y)))
            how = ({"type": "works_with", "date": None} if i is None
                   else {"type": i["type"], "date": i["date"].isoformat()})
        anon = y == ANONYMOUS
        out.append({"kind": node_kind(model, y),
                    "id": None if anon else y,
                    "name": None if anon else (model["customers"][y]["name"]
                                               if y in model["customers"]
                                               else model["people"][y]["name"]),
                    "via": how})
    return out


def project_served(model, proj):
    served = set(proj["customers"]) | set(proj["people"])
    served |= {pid for pid, person in model["people"].items()
               if person["team"] in proj["teams"]}
    return served


def project_chain(model, proj, adj, dist, via):
    """The chain of the served node with the smallest bacon, first in node
    order among equals; None when nothing served has a line of sight."""
    finite = [x for x in project_served(model, proj) if x in dist]
    if not finite:
        return None
    best = min(finite, key=lambda x: (dist[x], node_order(model, x)))
    return chain_of(model, best, adj, dist, via)


def customers_untouched(model, inters):
    touched = customers_touched(inters)
    return [{"id": cid, "name": c["name"], "segment": c["segment"]}
            for cid, c in sorted(model["customers"].items(), key=lambda kv: kv[0].encode())
            if c["paying"] and cid not in touched]


def coverage_by_segment(model, inters):
    touched = customers_touched(inters)
    groups = {}
    for cid, c in model["customers"].items():
        if c["paying"]:
            g = groups.setdefault(c["segment"], [0, 0])
            g[0] += 1
            g[1] += cid in touched
    order = sorted(groups, key=lambda s: (s is None, s.encode() if s is not None else b""))
    return [{"segment": s, "paying": groups[s][0], "touched": groups[s][1],
             "share": groups[s][1] / groups[s][0]} for s in order]


def team_contact_rates(model, S, classes):
    """Per team with at least one member in S: its contact rate."""
    teams = {}
    for pid in S:
        t = teams.setdefault(model["people"][pid]["team"], [0, 0])
        t[0] += 1
        t[1] += classes[pid] != "none"
    return {t: v[1] / v[0] for t, v in teams.items()}


def project_bacon(model, proj, dist):
    """1 + min bacon(x) over everything the project serves; None if none."""
    served = set(proj["customers"]) | set(proj["people"])
    served |= {pid for pid, person in model["people"].items()
               if person["team"] in proj["teams"]}
    finite = [dist[x] for x in served if x in dist]
    return 1 + min(finite) if finite else None


def distant_share(person, proj_bacon):
    """Σ percent of allocations to projects whose bacon is ≥ 4 or none."""
    # SPEC-AMBIGUITY: distant share, contact hours and hours are numbers, not
    # counts: written as JSON fractions here (0.0, 30.0); compare.py accepts
    # an integer in the other report for a whole value.  Bacon values and
    # medians are edge counts: JSON integers.
    total = Fraction(0)  # exact: the > 50 test is made on the sum as written
    for project, percent in person["allocations"]:
        b = proj_bacon[project]
        if b is None or b >= 4:
            total += percent
    return float(total)


def median_of(values):
    """Lower middle value, none sorting above every number; None if none."""
    if not values:
        return None
    ordered = sorted(values, key=lambda v: (v is None, v if v is not None else 0))
    return ordered[(len(ordered) - 1) // 2]


def mean_of(values):
    finite = [v for v in values if v is not None]
    return sum(finite) / len(finite) if finite else None


def bacon_buckets(values):
    out = {"1": 0, "2": 0, "3": 0, "4+": 0, "none": 0}
    for v in values:
        if v is None:
            out["none"] += 1
        elif v >= 4:
            out["4+"] += 1
        else:
            # SPEC-AMBIGUITY: a person can never be at 0 (only paying
            # customers are), so buckets 1..3 cover every finite value.
            out[str(v)] += 1
    out["median"] = median_of(values)
    out["mean"] = mean_of(values)
    return out


# ---------------------------------------------------------------------------
# Funnel and requests (SPEC §3)

def funnel(inters):
    insights = sum(i["insights"] for i in inters)
    actions = [a for i in inters for a in i["actions"]]
    done = [a for a in actions if a["status"] == "done"]
    attested = [a for a in done if a["attested"]]
    return {"insights": insights, "actions": len(actions),
            "actions_done": len(done), "actions_attested": len(attested),
            "done_rate": ratio(len(done), len(actions)),
            "attested_rate": ratio(len(attested), len(done))}


def requests_up_to(model, p):
    """Requests dated on or before the end of P."""
    counts = {"covered": 0, "planned": 0, "gap": 0, "declined": 0}
    for r in model["requests"]:
        if r["date"] <= p.end:
            counts[r["status"]] += 1
    counts["coverage"] = ratio(counts["covered"],
                               counts["covered"] + counts["planned"] + counts["gap"])
    return counts


# ---------------------------------------------------------------------------
# Cross-tabulations (SPEC §3)

Z = 1.959963984540054

DEFAULT_CROSSTABS = [
    ("Report directly to the CEO", "reports_to", "CEO"),
    ("Spend most time on strategic work", "focus", "strategic"),
]


def field_value(person, field):
    if field.startswith("attributes."):
        return person["attributes"].get(field[len("attributes."):])
    return person.get(field)   # team already defaults to Unassigned


def matches(person, field, value):
    return field_value(person, field) == value


def wilson(k, n):
    p = k / n
    denom = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denom
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denom
    return [centre - half, centre + half]


def cell(k, n):
    # pct and ci95 null where n is 0 (then k is 0 too).
    if n == 0:
        return {"n": 0, "k": k, "pct": None, "ci95": None}
    return {"n": n, "k": k, "pct": k / n, "ci95": wilson(k, n)}


def fisher_two_sided(a, b, c, d):
    """Rows regular / not regular, columns matching / not matching."""
    row1, col1, n = a + b, a + c, a + b + c + d
    if row1 in (0, n) or col1 in (0, n):
        return 1.0
    total = math.comb(n, row1)

    def prob(x):
        return Fraction(math.comb(col1, x) * math.comb(n - col1, row1 - x), total)

    # Exact rationals: ties between tables are exact, so the (1 + 1e-7)
    # slack only has to absorb what a floating-point implementation loses.
    observed = prob(a)
    limit = observed * (1 + Fraction(1, 10 ** 7))
    lo, hi = max(0, row1 - (n - col1)), min(row1, col1)
    s = sum((prob(x) for x in range(lo, hi + 1) if prob(x) <= limit), Fraction(0))
    return float(min(Fraction(1), s))


def crosstab(model, S, classes, label, field, value):
    cells = {}
    for name in ("regular", "occasional", "none", "all"):
        members = [pid for pid in S if name == "all" or classes[pid] == name]
        k = sum(1 for pid in members if matches(model["people"][pid], field, value))
        cells[name] = cell(k, len(members))
    if not S:
        p_value = None
    else:
        reg = [pid for pid in S if classes[pid] == "regular"]
        other = [pid for pid in S if classes[pid] != "regular"]
        a = sum(1 for pid in reg if matches(model["people"][pid], field, value))
        c = sum(1 for pid in other if matches(model["people"][pid], field, value))
        p_value = fisher_two_sided(a, len(reg) - a, c, len(other) - c)
    return {"label": label, "field": field, "equals": value,
            "cells": cells, "p_value": p_value}


# ---------------------------------------------------------------------------
# One period, computed as if it were P

def compute(model, p):
    inters = interactions_in(model, p)
    S = staff_in_scope(model, p)
    M = months_touched(p)
    classes = {pid: contact_class(model, pid, inters, M) for pid in S}
    dist = bacon_numbers(model, inters)
    adj = bacon_graph(model, inters)
    via = edge_vias(model, inters)
    bacon = {pid: dist.get(pid) for pid in S}
    proj_bacon = {j: project_bacon(model, proj, dist)
                  for j, proj in model["projects"].items()}
    share = {pid: distant_share(model["people"][pid], proj_bacon) for pid in S}
    hours = total_contact_hours(model, inters, S)
    touched = customers_touched(inters)
    n_contact = sum(1 for pid in S if classes[pid] != "none")
    n_regular = sum(1 for pid in S if classes[pid] == "regular")

    kpis = {
        "it_staff": len(S),
        "with_contact": n_contact,
        "contact_rate": ratio(n_contact, len(S)),
        "regular": n_regular,
        "occasional": sum(1 for pid in S if classes[pid] == "occasional"),
        "none": sum(1 for pid in S if classes[pid] == "none"),
        "regular_rate": ratio(n_regular, len(S)),
        "contact_hours": hours,
        "contact_hours_per_head": ratio(hours, len(S)),
        # SPEC-AMBIGUITY: a customer id named by an interaction is a known
        # customer in valid input, so "paying" is looked up on its record.
        "customers_touched": len(touched),
        "paying_customers_touched": sum(1 for c in touched
                                        if model["customers"][c]["paying"]),
        "bacon": bacon_buckets([bacon[pid] for pid in S]),
        "at_risk": sum(1 for pid in S if share[pid] > 50),
    }
    kpis.update(funnel(inters))
    kpis["requests"] = requests_up_to(model, p)

    return {"period": p, "inters": inters, "S": S, "classes": classes,
            "dist": dist, "adj": adj, "via": via, "bacon": bacon, "proj_bacon": proj_bacon,
            "share": share, "kpis": kpis}


def by_type(model, r):
    order = [t for t, *_ in BUILTIN_TYPES]
    order += sorted((t for t, v in model["types"].items() if not v["builtin"]),
                    key=lambda s: s.encode())
    rows = []
    for t in order:
        its = [i for i in r["inters"] if i["type"] == t]
        if not its:
            continue
        rows.append({
            "type": t,
            "label": model["types"][t]["label"],
            "interactions": len(its),
            "hours": math.fsum(i["duration"] * len(set(i["people"]) & r["S"]) for i in its),
            "people": len({pid for i in its for pid in i["people"] if pid in r["S"]}),
        })
    return rows


def people_rows(model, r):
    rows = []
    for pid in sorted(r["S"], key=lambda s: s.encode()):
        person = model["people"][pid]
        rows.append({
            "id": pid,
            "name": person["name"],
            "team": person["team"],
            "contact_class": r["classes"][pid],
            "interactions": person_interactions(pid, r["inters"]),
            "contact_hours": person_contact_hours(model, pid, r["inters"]),
            "bacon": r["bacon"][pid],
            "distant_share": r["share"][pid],
            "at_risk": r["share"][pid] > 50,
            "chain": chain_of(model, pid, r["adj"], r["dist"], r["via"]),
        })
    return rows


def by_team(model, r, people):
    teams = {}
    for row in people:
        teams.setdefault(row["team"], []).append(row)
    out = []
    for team in sorted(teams, key=lambda s: s.encode()):
        members = teams[team]
        out.append({
            "team": team,
            "headcount": len(members),
            "with_contact": sum(1 for m in members if m["contact_class"] != "none"),
            "regular": sum(1 for m in members if m["contact_class"] == "regular"),
            # not in SPEC §5's list (a key "beyond these"): with contact /
            # headcount of the team's people of S, as the trend's teams
            "contact_rate": ratio(sum(1 for m in members if m["contact_class"] != "none"), len(members)),
            # SPEC-AMBIGUITY: "Σ of its members'" — the terms are the
            # members' contact hours (each already a correctly rounded sum).
            "contact_hours": math.fsum(m["contact_hours"] for m in members),
            "bacon_median": median_of([m["bacon"] for m in members]),
        })
    return out


def project_rows(model, r):
    rows = []
    for j in sorted(model["projects"], key=lambda s: s.encode()):
        rows.append({
            "id": j,
            "name": model["projects"][j]["name"],
            "bacon": r["proj_bacon"][j],
            "people": sum(1 for pid in r["S"]
                          if any(proj == j and pct > 0
                                 for proj, pct in model["people"][pid]["allocations"])),
            "chain": project_chain(model, model["projects"][j], r["adj"], r["dist"], r["via"]),
        })
    return rows


def trend(model, p):
    """P and up to 7 earlier periods of its kind, oldest first, leading empty
    ones dropped."""
    periods = [p]
    for _ in range(7):
        periods.insert(0, previous_period(periods[0]))
    # SPEC-AMBIGUITY: only *leading* empty periods are dropped; an empty one
    # between two that hold interactions stays (with its own S: rates 0).
    while len(periods) > 1 and not interactions_in(model, periods[0]):
        periods.pop(0)
    out = []
    for q in periods:
        c = compute(model, q)
        k = c["kpis"]
        out.append({"period": q.label, "contact_rate": k["contact_rate"],
                    "regular_rate": k["regular_rate"],
                    "contact_hours_per_head": k["contact_hours_per_head"],
                    "bacon_median": k["bacon"]["median"],
                    "teams": team_contact_rates(model, c["S"], c["classes"])})
    return out


def previous(model, p):
    # "no interactions" = none of any type dated in the previous period.
    q = previous_period(p)
    if not interactions_in(model, q):
        return None
    return {"period": q.json(), "kpis": compute(model, q)["kpis"]}


def generated_time():
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)


def generated():
    return generated_time().strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------------
# What to act on (SPEC §3)

def action_rows(r, p, wanted):
    """The actions of the interactions of P for which wanted(action) holds,
    oldest written date first; ties in input order, then as listed."""
    today = generated_time().date()
    until = min(p.end, today)
    rows = []
    # sorted() is stable and r["inters"] is in input order.
    for i in sorted(r["inters"], key=lambda i: i["date"]):
        for a in i["actions"]:
            if wanted(a):
                rows.append({"date": i["date"].isoformat(), "type": i["type"],
                             "interaction": i["id"], "customers": list(i["customers"]),
                             "owner": a["owner"], "text": a["text"],
                             "age_days": max(0, (until - i["date"]).days)})
    return rows


def followups_by_owner(model, followups):
    owners = {}
    for f in followups:
        o = owners.setdefault(f["owner"], {"owner": f["owner"], "open": 0, "oldest_age_days": 0})
        o["open"] += 1
        o["oldest_age_days"] = max(o["oldest_age_days"], f["age_days"])
    rows = []
    for o in owners.values():
        o["name"] = None if o["owner"] is None else model["people"][o["owner"]]["name"]
        rows.append(o)
    rows.sort(key=lambda o: (-o["open"], o["owner"] is None,
                             b"" if o["owner"] is None else o["owner"].encode()))
    return rows


def requests_open(model, p):
    rows = [(k, q) for k, q in enumerate(model["requests"])
            if q["date"] <= p.end and q["status"] in ("gap", "planned")]
    rows.sort(key=lambda kq: (-kq[1]["votes"], kq[1]["date"], kq[0]))
    return [{"id": q["id"], "date": q["date"].isoformat(), "customer": q["customer"],
             "text": q["text"], "status": q["status"], "votes": q["votes"]} for _, q in rows]


def insight_tags(r):
    tags = {}
    for i in r["inters"]:
        for ins in i["insight_tags"]:
            for t in ins:
                row = tags.setdefault(t, {"tag": t, "insights": 0, "customers": set()})
                row["insights"] += 1
                row["customers"] |= set(i["customers"])
    rows = [{"tag": t["tag"], "insights": t["insights"], "customers": len(t["customers"])}
            for t in tags.values()]
    rows.sort(key=lambda t: (-t["insights"], t["tag"].encode()))
    return rows


DEFAULT_TARGETS = [("contact_rate", 0.65, None), ("requests.coverage", 0.9, None)]


def kpi_at(kpis, path):
    """A kpis path: `contact_rate`, `bacon.median`, `requests.coverage`."""
    v = kpis
    for part in path.split("."):
        v = v[part]
    return v


def targets(kpis, defs):
    rows = []
    for path, lo, hi in defs:
        v = kpi_at(kpis, path)
        met = None if v is None else ((lo is None or float(v) >= lo) and
                                      (hi is None or float(v) <= hi))
        rows.append({"kpi": path, "min": lo, "max": hi, "value": v, "met": met})
    return rows


def load_definition(path):
    """The cross-tabs and targets of a report definition (SPEC §6)."""
    with open(path, "rb") as f:
        d = yaml.load(f.read().decode("utf-8"), Loader=TextLoader) or {}
    crosstabs = [(as_text(x["label"]), as_text(x["field"]), as_text(x["equals"]))
                 for x in d.get("crosstabs") or []]
    tg = [(as_text(k), as_number((v or {}).get("min")), as_number((v or {}).get("max")))
          for k, v in (d.get("targets") or {}).items()]
    return crosstabs, tg


def report(model, p, definition=None):
    r = compute(model, p)
    people = people_rows(model, r)
    crosstab_defs, target_defs = definition or (DEFAULT_CROSSTABS, DEFAULT_TARGETS)
    followups = action_rows(r, p, lambda a: a["status"] == "open")
    return {
        "schema": "touchpoint/report-v1",
        "organization": model["organization"],
        "period": p.json(),
        "generated": generated(),
        "kpis": r["kpis"],
        "previous": previous(model, p),
        "trend": trend(model, p),
        "by_type": by_type(model, r),
        "by_team": by_team(model, r, people),
        "people": people,
        "projects": project_rows(model, r),
        "customers_untouched": customers_untouched(model, r["inters"]),
        "coverage_by_segment": coverage_by_segment(model, r["inters"]),
        "crosstabs": [crosstab(model, r["S"], r["classes"], label, field, value)
                      for label, field, value in crosstab_defs],
        "followups": followups,
        "awaiting_attestation": action_rows(r, p, lambda a: a["status"] == "done"
                                            and not a["attested"]),
        "followups_by_owner": followups_by_owner(model, followups),
        "requests_open": requests_open(model, p),
        "insight_tags": insight_tags(r),
        "targets": targets(r["kpis"], target_defs),
    }


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-p", "--period")
    ap.add_argument("-d", "--definition")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args(argv)
    definition = load_definition(args.definition) if args.definition else None
    model = build_model(load_documents(args.paths))
    if args.period:
        p = parse_period(args.period)
    elif model["interactions"]:
        p = default_period(model)
    else:
        print("reference.py: nothing to report", file=sys.stderr)
        return 1
    json.dump(report(model, p, definition), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
