#!/usr/bin/python3
"""Deterministic random organisation generator for differential tests.

    genorg.py SEED OUTDIR

Writes a few YAML files into OUTDIR (a roster, projects, requests and one
interaction file per quarter, several documents per file) that are valid per
SPEC §1, and prints on standard output the periods worth testing, one
`KIND PERIOD` a line (quarter, year, month, range, range, range), and for
an even SEED a last line `today EPOCH`: the SOURCE_DATE_EPOCH to run those
periods with (a day inside the data, so that follow-up ages stop there).

Same SEED, same files, byte for byte.  Sizes vary with the seed: 10–150
people, 0–2000 interactions over 1–9 quarters (across year boundaries).
Every seed ending in 0 has no interaction at all.

Edge cases planted on purpose: an IT person with works_with but no
interaction ("idle"), a disconnected IT person ("lonely": no line of sight),
projects serving a team only, nothing, an empty team list, a team nobody
has, a lonely person (bacon none); people allocated mostly to those (at
risk); in some seeds every IT person joins after the first quarter (S
empty there); duplicated ids in an interaction's people; anchors, aliases
and `<<` merges (single and list); UTF-8 names; timestamps in dates;
fractional minutes and hours; `it: false` colleagues; prospects; custom
types; a hidden `.draft.yaml` and `.hidden/` directory that must be skipped.
"""

import datetime
import json
import os
import random
import sys

BUILTIN = [
    ("customer_meeting", False), ("trade_show_shift", False),
    ("support_call_listening", True), ("quarterly_review", False),
    ("store_visit", True), ("user_group", True), ("online_community", True),
    ("lead_qualification", False), ("order_desk", True), ("ride_along", False),
    ("concierge_desk", False),
]
ANON_PAYING = {t for t, anon in BUILTIN if anon}
ANON_PAYING.add("hackathon")

FIRST = ["João", "Zoë", "Ana", "Bruno", "Chloé", "Dmitri", "Eva", "Fátima",
         "Gus", "Hiro", "Ingrid", "Jürgen", "Kofi", "Léa", "Mónica", "Nils",
         "Olga", "Pål", "Quinn", "Rui", "Søren", "Tomás", "Uma", "Vera",
         "花子", "太郎", "Zoë-Ann", "Œdipe", "Ñusta"]
LAST = ["Gonçalves", "Müller", "Øvergaard", "佐藤", "Smith", "Núñez",
        "O'Brien", "Łukasiewicz", "Dupont", "Kim", "Adeyemi", "Silva",
        "Ærøskøbing", "van der Berg", "Çelik"]
TEAMS = ["Apps", "Infraestrutura", "Données & Analytique", "株式会社 IT",
         "Service Desk", "Security", "2026", "Office of the CIO", "Platform",
         "Zoë's crew"]
CUSTOMER_NAMES = ["Acme", "株式会社 サンプル", "Ökotech GmbH", "Northwind",
                  "Café Ñandú", "Contoso", "Initech", "Globex", "Umbrella",
                  "Søstrene Grene", "Ştefan & Co", "Zoë's Bakery"]
CITIES = ["Lisboa", "München", "São Paulo", "東京", "Zürich", "Oslo", "Austin"]
# Insight tags: case matters (Billing is not billing), a tag repeated in one
# insight counts once (a warning), a tag may look like a number.
TAG_LISTS = [["billing"], ["Billing"], ["ux", "ux"], ["2026", "billing"], ["portal", "ux", "edi"],
             ["edi"]]
TRUE_WORDS = ["true", "True", "TRUE"]
FALSE_WORDS = ["false", "False", "FALSE"]


def q(text):
    """A double-quoted YAML scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def num(x):
    """A plain YAML number: integers without a point, fractions as written."""
    if float(x).is_integer() and not isinstance(x, float):
        return str(int(x))
    return repr(float(x))


class Org:
    def __init__(self, seed):
        self.seed = seed
        self.rng = random.Random(seed)
        r = self.rng
        self.n_quarters = r.randint(1, 9)
        year = r.randint(2023, 2026)
        qtr = r.randint(1, 4)
        self.quarters = []
        for _ in range(self.n_quarters):
            self.quarters.append((year, qtr))
            qtr += 1
            if qtr == 5:
                year, qtr = year + 1, 1
        self.span_start = qstart(*self.quarters[0])
        self.span_end = qend(*self.quarters[-1])
        self.n_people = r.randint(10, 150)
        if seed % 10 == 0:
            self.n_inter = 0
        else:
            self.n_inter = int(r.choice([r.randint(1, 40), r.randint(40, 400),
                                         r.randint(400, 2000)]))
        self.empty_first = self.n_quarters >= 2 and r.random() < 0.35
        self.make_types()
        self.make_teams()
        self.make_customers()
        self.make_people()
        self.make_projects()
        self.make_allocations()
        self.make_interactions()
        self.make_requests()

    # -- helpers -----------------------------------------------------------
    def day_between(self, a, b):
        return a + datetime.timedelta(days=self.rng.randint(0, (b - a).days))

    def date_text(self, d, allow_ts=True):
        """A date as YAML: plain, quoted, or a timestamp whose date is d."""
        r = self.rng.random()
        if not allow_ts or r < 0.6:
            return d.isoformat()
        if r < 0.75:
            return q(d.isoformat())
        h, m = self.rng.randint(0, 23), self.rng.randint(0, 59)
        forms = ["%sT%02d:%02d:00Z", "%s %02d:%02d", "%st%02d:%02d:07.25+05:30",
                 "%sT%02d:%02d-08:00", "%s %02d:%02d:59Z"]
        form = self.rng.choice(forms)
        text = form % (d.isoformat(), h, m)
        return q(text) if self.rng.random() < 0.3 else text

    # -- records -----------------------------------------------------------
    def make_types(self):
        self.custom_types = [
            "  - {id: hackathon, label: %s, contact: customer, anonymous_paying: %s}"
            % (q("Hackathon with customers — 顧客"), self.rng.choice(TRUE_WORDS)),
            "  - {id: brownbag}",
            "  - id: field_day\n    label: Field day\n    contact: internal\n"
            "    anonymous_paying: %s" % self.rng.choice(FALSE_WORDS),
        ]
        self.type_ids = [t for t, _ in BUILTIN] + ["hackathon", "brownbag", "field_day"]
        self.contact_types = {t for t, _ in BUILTIN if t != "concierge_desk"} | {"hackathon"}

    def make_teams(self):
        self.teams = self.rng.sample(TEAMS, self.rng.randint(3, len(TEAMS)))

    def make_customers(self):
        r = self.rng
        n = r.randint(3, 60)
        self.customers = []
        for k in range(n):
            cid = "c%03d" % k if k % 7 else "%04d" % (k + 1)   # some look numeric
            base = CUSTOMER_NAMES[k % len(CUSTOMER_NAMES)]
            paying = r.random() < 0.8
            self.customers.append({"id": cid, "name": "%s %d" % (base, k),
                                   "paying": paying,
                                   "segment": r.choice([None, "retail", "enterprise", "público"])})
        self.paying_customers = [c["id"] for c in self.customers if c["paying"]]

    def make_people(self):
        r = self.rng
        self.people = []
        used = set()
        for k in range(self.n_people):
            if k % 11 == 5:
                pid = "%03d" % k          # `007` style: must stay text
            elif k % 13 == 7:
                pid = "joão.%d" % k
            else:
                pid = "p%03d" % k
            used.add(pid)
            person = {"id": pid,
                      "name": "%s %s" % (r.choice(FIRST), r.choice(LAST)),
                      "team": r.choice(self.teams) if r.random() < 0.88 else None,
                      "it": r.random() < 0.85,
                      "reports_to": r.choice([None, "CEO", "CEO", "CFO", "COO", "CIO"]),
                      "focus": r.choice([None, "strategic", "transformational",
                                         "functional", "mixed"]),
                      "role": r.choice([None, "Engineer", "Analyst", "Manager"]),
                      "joined": None, "left": None, "works_with": [],
                      "allocations": [], "attributes": None}
            if r.random() < 0.4:
                person["joined"] = self.day_between(self.span_start - datetime.timedelta(days=700),
                                                    self.span_end)
            if r.random() < 0.15:
                lo = person["joined"] or self.span_start - datetime.timedelta(days=200)
                person["left"] = self.day_between(lo, self.span_end + datetime.timedelta(days=60))
            if r.random() < 0.5:
                person["attributes"] = {"level": str(r.randint(1, 5)),
                                        "location": r.choice(CITIES),
                                        "remote": r.choice(["true", "false"])}
            self.people.append(person)
        # Planted: an idle IT person (works_with, never interacts) and a
        # lonely one (no edge at all).
        self.idle, self.lonely = self.people[0], self.people[1]
        for p in (self.idle, self.lonely):
            p["it"], p["joined"], p["left"] = True, None, None
        if self.empty_first:
            second = qstart(*self.quarters[1])
            for p in self.people:
                if p["it"]:
                    lo = max(second, p["joined"] or second)
                    p["joined"] = lo if lo <= self.span_end else second
                    if p["left"] is not None and p["left"] < p["joined"]:
                        p["left"] = None
        others = [p["id"] for p in self.people if p is not self.lonely]
        for p in self.people:
            if p is self.lonely:
                continue
            if r.random() < 0.5 or p is self.idle:
                p["works_with"] = r.sample([o for o in others if o != p["id"]],
                                           r.randint(1, 3))
                if r.random() < 0.05:
                    p["works_with"].append(p["works_with"][0])   # duplicate id
        self.active = [p["id"] for p in self.people[2:]]
        self.ids = used

    def make_projects(self):
        r = self.rng
        people_ids = [p["id"] for p in self.people]
        self.projects = [
            {"id": "prj-team-only", "name": "Team-only project",
             "serves": {"teams": [self.teams[0]]}},
            {"id": "prj-nothing", "name": "Serves nothing", "serves": None},
            {"id": "prj-empty-teams", "name": "Empty team list",
             "serves": {"teams": [], "customers": []}},
            {"id": "prj-ghost-team", "name": "Ghost team",
             "serves": {"teams": ["Nobody's team"]}},
            {"id": "prj-lonely", "name": "For the lonely one",
             "serves": {"people": [self.lonely["id"]]}},
            {"id": "prj-unassigned", "name": "Unassigned folk",
             "serves": {"teams": ["Unassigned"]}},
        ]
        for k in range(r.randint(3, 15)):
            serves = {}
            if r.random() < 0.5:
                serves["customers"] = r.sample([c["id"] for c in self.customers],
                                               r.randint(1, min(3, len(self.customers))))
            if r.random() < 0.4:
                serves["people"] = r.sample(people_ids, r.randint(1, 3))
            if r.random() < 0.3:
                serves["teams"] = r.sample(self.teams, r.randint(1, 2))
            self.projects.append({"id": "prj-%02d" % k, "name": "Projeto nº %d" % k,
                                  "serves": serves or None})

    def make_allocations(self):
        r = self.rng
        pids = [j["id"] for j in self.projects]
        distant = ["prj-nothing", "prj-empty-teams", "prj-ghost-team", "prj-lonely"]
        for k, p in enumerate(self.people):
            if r.random() < 0.35:
                continue
            chosen = r.sample(pids, r.randint(1, 3))
            if k % 6 == 0:
                chosen = [r.choice(distant)] + [j for j in chosen if j not in distant][:1]
            left = 100.0
            for j in chosen:
                pct = r.choice([0, 10, 12.5, 20, 25, 33.3, 40, 50, 50.5, 60, 75, 100])
                pct = min(pct, left)
                left = round(left - pct, 6)  # percents take at most 6 decimals (SPEC §1)
                p["allocations"].append((j, pct))

    def make_interactions(self):
        r = self.rng
        self.inter_by_quarter = {qq: [] for qq in self.quarters}
        cust_ids = [c["id"] for c in self.customers]
        for k in range(self.n_inter):
            t = self.type_ids[k] if k < len(self.type_ids) else r.choice(self.type_ids)
            d = self.day_between(self.span_start, self.span_end)
            if k < 3 and self.n_quarters >= 2:
                # something right at a year boundary
                d = r.choice([datetime.date(d.year, 12, 31), datetime.date(d.year, 1, 1)])
                d = min(max(d, self.span_start), self.span_end)
            if r.random() < 0.02:
                people = r.sample(self.active, min(len(self.active), r.randint(10, 40)))
            else:
                people = r.sample(self.active, r.randint(1, 3))
            if r.random() < 0.05:
                people.append(people[0])                        # duplicate id
            customers = []
            if t in ANON_PAYING:
                if r.random() < 0.5:
                    customers = r.sample(cust_ids, r.randint(1, 2))
            elif t in self.contact_types:
                if r.random() < 0.85:
                    customers = r.sample(cust_ids, r.randint(1, min(3, len(cust_ids))))
                    if r.random() < 0.03:
                        customers.append(customers[0])
            elif r.random() < 0.2:
                customers = r.sample(cust_ids, 1)
            rec = {"type": t, "date": d, "people": people, "customers": customers}
            x = r.random()
            if x < 0.45:
                rec["minutes"] = r.choice([15, 30, 45, 60, 90, 37.5, 7.25, 120, 0])
            elif x < 0.85:
                rec["hours"] = r.choice([0.5, 1, 1.25, 2, 3.75, 8, 0.1])
            if r.random() < 0.3:
                rec["id"] = "i-%05d" % k
            if r.random() < 0.3:
                rec["insights"] = [r.choice(["Wants SSO", {"text": "Slow invoices",
                                                           "tags": ["billing", "ux"]},
                                             "Gostaria de exportar — 輸出",
                                             {"text": "Faturas", "tags": r.choice(TAG_LISTS)}])
                                   for _ in range(r.randint(1, 4))]
            if r.random() < 0.3:
                acts = []
                for _ in range(r.randint(1, 3)):
                    a = {"text": r.choice(["Fix export", "Call back", "Ship fix"])}
                    s = r.choice([None, "open", "done", "done", "dropped"])
                    if s:
                        a["status"] = s
                    if r.random() < 0.5:
                        a["attested"] = r.choice(TRUE_WORDS + FALSE_WORDS)
                    if r.random() < 0.3:
                        a["owner"] = r.choice(people)
                    elif r.random() < 0.2:
                        a["owner"] = r.choice(self.active)     # not in the meeting
                    acts.append(a)
                rec["actions"] = acts
            if r.random() < 0.1:
                rec["calls"] = r.randint(0, 20)
            if r.random() < 0.2:
                rec["title"] = r.choice(["Visita à loja", "QBR — 株式会社", "Booth #12"])
            self.inter_by_quarter[quarter_of(d)].append(rec)
        self.plant_chain_shapes()

    def plant_chain_shapes(self):
        """Shapes the chains of SPEC §3 must settle, from a stream of their
        own (so the rest of the organisation stays as it was): an edge made
        twice on one date by interactions of different types (the earlier in
        input order wins), an edge made by works_with and by an interaction
        (the interaction wins), and a path through a prospect."""
        if not self.n_inter:
            return
        r = random.Random(self.seed * 104729 + 3)
        recs = [x for qq in self.quarters for x in self.inter_by_quarter[qq]]
        for rec in r.sample(recs, min(len(recs), 5)):
            twin = {"type": r.choice(self.type_ids), "date": rec["date"],
                    "people": list(dict.fromkeys(rec["people"]))[:2],
                    "customers": rec["customers"][:1]}
            self.inter_by_quarter[quarter_of(rec["date"])].append(twin)
        pairs = [(p["id"], p["works_with"][0]) for p in self.people[2:]
                 if p["works_with"] and p["works_with"][0] not in (self.idle["id"], self.lonely["id"])]
        prospects = [c["id"] for c in self.customers if not c["paying"]]
        for a, b in r.sample(pairs, min(len(pairs), 3)):
            d = self.day_between(self.span_start, self.span_end)
            self.inter_by_quarter[quarter_of(d)].append(
                {"type": "concierge_desk", "date": d, "people": [a, b], "customers": []})
            if prospects:
                # a and a stranger meet the same prospect: a path through it
                c = r.choice(prospects)
                other = r.choice(self.active)
                self.inter_by_quarter[quarter_of(d)].append(
                    {"type": "lead_qualification", "date": d, "people": [a], "customers": [c]})
                self.inter_by_quarter[quarter_of(d)].append(
                    {"type": "trade_show_shift", "date": d, "people": [other], "customers": [c]})

    def make_requests(self):
        r = self.rng
        self.requests = []
        for k in range(r.randint(0, 40)):
            d = self.day_between(self.span_start - datetime.timedelta(days=120),
                                 self.span_end + datetime.timedelta(days=30))
            self.requests.append({"date": d, "status": r.choice(["covered", "covered", "planned",
                                                                 "gap", "declined"]),
                                  "customer": r.choice([None] + [c["id"] for c in self.customers]),
                                  "votes": r.choice([None, 0, 3, 17]),
                                  "id": "req-%d" % k if r.random() < 0.5 else None})

    # -- writing -----------------------------------------------------------
    def person_yaml(self, p, k):
        r = self.rng
        lines = ["  - id: %s" % (p["id"] if r.random() < 0.7 else q(p["id"])),
                 "    name: %s" % q(p["name"])]
        if p["team"] is not None:
            lines.append("    team: %s" % (p["team"] if p["team"] == "2026" else q(p["team"])))
        elif r.random() < 0.3:
            lines.append("    team: ~")
        if not p["it"]:
            lines.append("    it: %s" % r.choice(FALSE_WORDS))
        elif r.random() < 0.3:
            lines.append("    it: %s" % r.choice(TRUE_WORDS))
        for key in ("reports_to", "focus", "role"):
            if p[key] is not None:
                lines.append("    %s: %s" % (key, p[key]))
        for key in ("joined", "left"):
            if p[key] is not None:
                lines.append("    %s: %s" % (key, self.date_text(p[key])))
        if p["attributes"]:
            a = p["attributes"]
            if k % 9 == 3 and self.attr_anchor_written:
                lines.append("    attributes: {<<: *attrs, level: %s}" % a["level"])
            elif not self.attr_anchor_written:
                lines.append("    attributes: &attrs {level: %s, location: %s, remote: %s}"
                             % (a["level"], q(a["location"]), a["remote"]))
                self.attr_anchor_written = True
            else:
                lines.append("    attributes:\n      level: %s\n      location: %s\n"
                             "      remote: %s" % (a["level"], q(a["location"]), a["remote"]))
        if p["works_with"]:
            lines.append("    works_with: [%s]" % ", ".join(q(x) for x in p["works_with"]))
        if p["allocations"]:
            lines.append("    allocations:")
            for j, pct in p["allocations"]:
                lines.append("      - {project: %s, percent: %s}" % (j, num(pct)))
        return "\n".join(lines)

    def write(self, outdir):
        os.makedirs(os.path.join(outdir, "logs"), exist_ok=True)
        r = self.rng
        org_name = None if self.seed % 5 == 4 else "Organização %d — 株式会社 Zoë" % self.seed
        self.attr_anchor_written = False
        roster = []
        head = []
        if org_name is not None:
            head.append("organization: %s" % q(org_name))
        head.append("types:\n" + "\n".join(self.custom_types))
        roster.append("# roster of seed %d\n" % self.seed + "\n".join(head))
        half = len(self.people) // 2
        for chunk in (self.people[:half], self.people[half:]):
            self.attr_anchor_written = False      # anchors live in one document
            roster.append("people:\n" + "\n".join(self.person_yaml(p, k)
                                                   for k, p in enumerate(chunk)))
        cust = ["customers:"]
        for c in self.customers:
            line = "  - {id: %s, name: %s" % (c["id"], q(c["name"]))   # `0001` plain
            if not c["paying"]:
                line += ", paying: %s" % r.choice(FALSE_WORDS)
            elif r.random() < 0.3:
                line += ", paying: %s" % r.choice(TRUE_WORDS)
            if c["segment"]:
                line += ", segment: %s" % q(c["segment"])
            cust.append(line + "}")
        roster.append("\n".join(cust))
        write_docs(os.path.join(outdir, "roster.yaml"), roster)

        proj = ["projects:"]
        for j in self.projects:
            proj.append("  - id: %s\n    name: %s" % (j["id"], q(j["name"])))
            s = j["serves"]
            if s is not None:
                parts = ["%s: [%s]" % (key, ", ".join(q(x) for x in s[key]))
                         for key in ("customers", "people", "teams") if key in s]
                proj.append("    serves: {%s}" % ", ".join(parts))
        docs = ["\n".join(proj)]
        if org_name is not None:
            docs.append("organization: %s" % q(org_name))   # named twice, same name
        write_docs(os.path.join(outdir, "projects.yml"), docs)

        req = ["requests:"]
        for x in self.requests:
            fields = ["date: %s" % self.date_text(x["date"]), "text: %s" % q("Pedido — want %s" % x["status"]),
                      "status: %s" % x["status"]]
            if x["customer"]:
                fields.append("customer: %s" % q(x["customer"]))
            if x["votes"] is not None:
                fields.append("votes: %d" % x["votes"])
            if x["id"]:
                fields.append("id: %s" % x["id"])
            req.append("  - {%s}" % ", ".join(fields))
        write_docs(os.path.join(outdir, "requests.yaml"), ["\n".join(req)] if self.requests
                   else ["requests: []"])

        for (year, qq) in self.quarters:
            recs = self.inter_by_quarter[(year, qq)]
            docs = self.interaction_docs(recs)
            sub = os.path.join(outdir, "logs", str(year))
            os.makedirs(sub, exist_ok=True)
            ext = "yaml" if (year + qq) % 2 else "yml"
            write_docs(os.path.join(sub, "%d-Q%d.%s" % (year, qq, ext)), docs)

        # Must be skipped: names starting with '.', and non-YAML files.
        draft = ("interactions:\n  - {type: customer_meeting, date: %s, people: [%s], "
                 "customers: [%s], hours: 100}\n"
                 % (self.span_end.isoformat(), q(self.idle["id"]), q(self.customers[0]["id"])))
        with open(os.path.join(outdir, ".draft.yaml"), "w", encoding="utf-8") as f:
            f.write(draft)
        os.makedirs(os.path.join(outdir, ".hidden"), exist_ok=True)
        with open(os.path.join(outdir, ".hidden", "more.yaml"), "w", encoding="utf-8") as f:
            f.write(draft)
        with open(os.path.join(outdir, "logs", "notes.txt"), "w", encoding="utf-8") as f:
            f.write("not YAML: {{{\n")

    def interaction_docs(self, recs):
        """Split recs into 1–3 documents; plant anchors, aliases and merges:
        up to two id-less template interactions (`&tplN`, with the same
        duration key so that merging both stays valid), later records made
        with `<<: *tpl` or `<<: [*tpl, *tpl2]` (the earlier one wins), and
        a people list anchored and reused by alias."""
        r = self.rng
        n_docs = r.randint(1, 3)
        docs = [[] for _ in range(n_docs)]
        for rec in recs:
            docs[r.randrange(n_docs)].append(rec)
        out = []
        for d_recs in docs:
            lines = ["interactions:"] if d_recs else ["interactions: []"]
            tpls = []
            people_anchor = None
            for k, rec in enumerate(d_recs):
                plain = "id" not in rec
                dur = "minutes" if "minutes" in rec else "hours" if "hours" in rec else None
                if plain and dur and (not tpls or (len(tpls) == 1 and tpls[0][1] == dur
                                                   and tpls[0][2] != rec["type"])):
                    name = "tpl%d_%d" % (len(out), len(tpls))
                    tpls.append((name, dur, rec["type"]))
                    lines.append(self.inter_yaml(rec, anchor=name))
                    continue
                if tpls and r.random() < 0.1:
                    names = [t[0] for t in tpls]
                    if len(names) == 2 and r.random() < 0.5:
                        merge = "[*%s, *%s]" % (names[0], names[1])
                    else:
                        merge = "*%s" % r.choice(names)
                    lines.append("  - <<: %s\n    date: %s\n    people: [%s]\n    customers: [%s]"
                                 % (merge, self.date_text(rec["date"]),
                                    ", ".join(q(x) for x in rec["people"]),
                                    ", ".join(q(x) for x in rec["customers"])))
                    continue
                if people_anchor is None and len(rec["people"]) >= 2 and r.random() < 0.2:
                    people_anchor = ("pp%d_%d" % (len(out), k), rec["people"])
                    lines.append(self.inter_yaml(rec, people_anchor=people_anchor[0]))
                    continue
                if people_anchor is not None and r.random() < 0.05:
                    rec = dict(rec, people=people_anchor[1])
                    lines.append(self.inter_yaml(rec, people_alias=people_anchor[0]))
                    continue
                lines.append(self.inter_yaml(rec))
            out.append("\n".join(lines))
        return out

    def inter_yaml(self, rec, anchor=None, people_anchor=None, people_alias=None):
        r = self.rng
        head = "  - &%s\n    " % anchor if anchor else "  - "
        lines = ["type: %s" % rec["type"], "date: %s" % self.date_text(rec["date"])]
        if people_alias:
            lines.append("people: *%s" % people_alias)
        else:
            lines.append("people: %s[%s]" % ("&%s " % people_anchor if people_anchor else "",
                                             ", ".join(q(x) for x in rec["people"])))
        if rec["customers"]:
            lines.append("customers: [%s]" % ", ".join(q(x) for x in rec["customers"]))
        elif r.random() < 0.2:
            lines.append(r.choice(["customers: []", "customers: ~", "customers:"]))
        for key in ("minutes", "hours", "calls"):
            if key in rec:
                lines.append("%s: %s" % (key, num(rec[key])))
        for key in ("id", "title"):
            if key in rec:
                lines.append("%s: %s" % (key, q(rec[key])))
        if "insights" in rec:
            lines.append("insights:")
            for ins in rec["insights"]:
                if isinstance(ins, str):
                    lines.append("      - %s" % q(ins))
                else:
                    lines.append("      - {text: %s, tags: [%s]}"
                                 % (q(ins["text"]), ", ".join(ins["tags"])))
        if "actions" in rec:
            lines.append("actions:")
            for a in rec["actions"]:
                parts = ["text: %s" % q(a["text"])]
                for key in ("owner", "status", "attested"):
                    if key in a:
                        parts.append("%s: %s" % (key, q(a[key]) if key == "owner" else a[key]))
                lines.append("      - {%s}" % ", ".join(parts))
        return head + "\n    ".join(lines)

    def periods(self):
        """KIND PERIOD lines: a quarter, a year, a month and three ranges, one
        spanning a year boundary and one of more than 64 months around all
        the data (contact months are then counted another way)."""
        r = random.Random(self.seed * 7919 + 1)
        if self.empty_first and r.random() < 0.5:
            y, qq = self.quarters[0]          # S is empty there
        else:
            y, qq = r.choice(self.quarters)
        out = [("quarter", "%d-Q%d" % (y, qq))]
        out.append(("year", "%d" % r.choice(sorted({yy for yy, _ in self.quarters}))))
        d = self.day_between_r(r, self.span_start, self.span_end)
        out.append(("month", "%04d-%02d" % (d.year, d.month)))
        yb = r.randint(self.span_start.year, self.span_end.year)
        a = datetime.date(yb - 1, r.randint(9, 12), r.randint(1, 28))
        b = datetime.date(yb, r.randint(1, 4), r.randint(1, 28))
        out.append(("range", "%s..%s" % (a.isoformat(), b.isoformat())))
        a = self.day_between_r(r, self.span_start, self.span_end)
        b = a + datetime.timedelta(days=r.randint(0, 120))
        out.append(("range", "%s..%s" % (a.isoformat(), b.isoformat())))
        a = datetime.date(self.span_start.year - 5, 1, 1)
        out.append(("range", "%s..%s" % (a.isoformat(), self.span_end.isoformat())))
        return out

    @staticmethod
    def day_between_r(r, a, b):
        return a + datetime.timedelta(days=r.randint(0, (b - a).days))


def qstart(year, q):
    return datetime.date(year, 3 * q - 2, 1)


def qend(year, q):
    if q == 4:
        return datetime.date(year, 12, 31)
    return datetime.date(year, 3 * q + 1, 1) - datetime.timedelta(days=1)


def quarter_of(d):
    return (d.year, (d.month - 1) // 3 + 1)


def write_docs(path, docs):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n---\n".join(docs) + "\n")


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: genorg.py SEED OUTDIR\n")
        return 2
    org = Org(int(argv[0]))
    org.write(argv[1])
    for kind, period in org.periods():
        print(kind, period)
    if org.seed % 2 == 0:
        # "today" for the follow-ups' ages: a day inside the data, 06:00 UTC,
        # so that some ages stop at today and others at the end of P.
        mid = org.span_start + (org.span_end - org.span_start) // 2
        epoch = int(datetime.datetime(mid.year, mid.month, mid.day, 6,
                                      tzinfo=datetime.timezone.utc).timestamp())
        print("today", epoch)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
