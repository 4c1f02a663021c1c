#!/usr/bin/python3
"""Independent reference for touchpoint's benchmark.json (SPEC §7).

Written from /work/shared/SPEC.md §7 and §3 "Small print" alone; each
directory of logs is measured by reference.py (the report's reference), a
report.json is read for its kpis.  VALID input only, but it refuses (exit 1)
what §7 calls an input error about sources, so a harness can check that
touchpoint refuses too: a directory with logs and report.json files, one
with neither, an organisation without IT staff in the period, a report of
another period, two sources of one organisation.

    bench_reference.py [-p PERIOD] [--focus NAME] [--anonymize] SOURCE... > benchmark.json

Rates are exact fractions k / n until written, so a value, its interval and
the Fisher test rest on the same counts.
"""

import argparse
import hashlib
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference as ref  # noqa: E402  (the report's reference: model, period, Wilson, Fisher)

COLUMNS = ["contact_rate", "regular_rate", "contact_hours_per_head", "bacon_median",
           "at_risk_share", "attested_rate", "request_coverage"]
RATES = ["contact_rate", "regular_rate", "at_risk_share", "attested_rate", "request_coverage"]


class InputError(Exception):
    pass


def is_log(name):
    return name.endswith(".yaml") or name.endswith(".yml")


def holdings(d):
    """(log files?, report.json at the top?, report.json below?) of a directory."""
    logs = top = deeper = False
    for root, dirs, files in os.walk(d):
        dirs[:] = [x for x in dirs if not x.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            if is_log(name):
                logs = True
            elif name == "report.json":
                if os.path.samefile(root, d):
                    top = True
                else:
                    deeper = True
    return logs, top, deeper


def counts_from_kpis(k):
    """The k and n of every rate (SPEC §7), and the two other columns."""
    req = k["requests"]
    return {
        "it_staff": k["it_staff"],
        "k": {"contact_rate": k["with_contact"], "regular_rate": k["regular"],
              "at_risk_share": k["at_risk"], "attested_rate": k["actions_attested"],
              "request_coverage": req["covered"]},
        "n": {"contact_rate": k["it_staff"], "regular_rate": k["it_staff"],
              "at_risk_share": k["it_staff"], "attested_rate": k["actions_done"],
              "request_coverage": req["covered"] + req["planned"] + req["gap"]},
        "contact_hours_per_head": k["contact_hours_per_head"],
        "bacon_median": k["bacon"]["median"],
    }


def read_source(path):
    """{'kind': 'dir'|'json', 'given', 'model' or 'report'}."""
    if os.path.isdir(path):
        logs, top, deeper = holdings(path)
        if logs and (top or deeper):
            raise InputError("%s: holds logs and report.json files" % path)
        if not logs and top:
            return {"kind": "json", "given": path, "report": load_json(os.path.join(path, "report.json"))}
        if not logs:
            raise InputError("%s: holds no log file and no report.json at its top" % path)
        return {"kind": "dir", "given": path, "model": ref.build_model(ref.load_documents([path]))}
    return {"kind": "json", "given": path, "report": load_json(path)}


def load_json(path):
    with open(path, encoding="utf-8") as f:
        r = json.load(f)
    if r.get("schema") != "touchpoint/report-v1":
        raise InputError("%s: another schema" % path)
    return r


def period_of(sources, text):
    if text:
        return ref.parse_period(text)
    dated = [s for s in sources if s["kind"] == "dir" and s["model"]["interactions"]]
    if dated:
        return max((ref.default_period(s["model"]) for s in dated), key=lambda p: p.start)
    for s in sources:
        label = (s["report"].get("period") or {}).get("label")
        if label:
            return ref.parse_period(label)
    raise InputError("nothing to compare")


def base_name(path):
    return os.path.basename(path.rstrip("/")) or path


def organisation(s, p):
    if s["kind"] == "dir":
        kpis = ref.compute(s["model"], p)["kpis"]
        name = s["model"]["organization"]
    else:
        r = s["report"]
        if r["period"]["label"] != p.label:
            raise InputError("%s: report of another period" % s["given"])
        kpis = r["kpis"]
        name = r.get("organization")
    c = counts_from_kpis(kpis)
    if c["it_staff"] == 0:
        raise InputError("%s: no IT staff in the period" % s["given"])
    values = {}
    for col in COLUMNS:
        if col in RATES:
            n = c["n"][col]
            values[col] = c["k"][col] / n if n else None
        else:
            values[col] = c[col]
    ci = {col: (ref.wilson(c["k"][col], c["n"][col]) if c["n"][col] else None) for col in RATES}
    return {"name": name if name is not None else base_name(s["given"]), "source": s["given"],
            "values": values, "k": c["k"], "nn": c["n"],
            "n": {"it_staff": c["it_staff"], "actions_done": c["n"]["attested_rate"],
                  "requests": c["n"]["request_coverage"]},
            "ci95": ci}


def mid_rank(x, values):
    below = sum(1 for v in values if v < x)
    equal = sum(1 for v in values if v == x)
    return 100 * (below + equal / 2) / len(values)


def ordinary_median(values):
    v = sorted(values)
    if not v:
        return None
    m = len(v) // 2
    return v[m] if len(v) % 2 else (v[m - 1] + v[m]) / 2


def letters(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(ord("A") + r) + s
    return s


def benchmark(paths, period=None, focus=None, anonymize=False):
    sources = [read_source(p) for p in paths]
    p = period_of(sources, period)
    orgs = [organisation(s, p) for s in sources]
    names = [o["name"] for o in orgs]
    if len(set(names)) != len(names):
        raise InputError("one organisation twice")
    if focus is not None and focus not in names:
        raise InputError("no organisation named %s" % focus)
    for o in orgs:
        o["focus"] = o["name"] == focus
    for col in COLUMNS:
        have = [o["values"][col] for o in orgs if o["values"][col] is not None]
        for o in orgs:
            x = o["values"][col]
            o.setdefault("ranks", {})[col] = None if x is None else mid_rank(x, have)
    peers = [o for o in orgs if not o["focus"]]
    peer_median = {col: ordinary_median([o["values"][col] for o in peers if o["values"][col] is not None])
                   for col in COLUMNS}
    focus_out = None
    if focus is not None:
        f = next(o for o in orgs if o["focus"])
        pv = {}
        for col in ("contact_rate", "regular_rate"):
            if not peers:
                pv[col] = None
                continue
            k = sum(o["k"][col] for o in peers)
            n = sum(o["nn"][col] for o in peers)
            pv[col] = ref.fisher_two_sided(f["k"][col], f["nn"][col] - f["k"][col], k, n - k)
        focus_out = {"name": f["name"], "p_value": pv}
    if anonymize:
        others = sorted((o for o in orgs if not o["focus"]),
                        key=lambda o: hashlib.sha256(o["name"].encode()).hexdigest())
        for i, o in enumerate(others):
            o["name"] = o["source"] = "Organization " + letters(i)
    orgs.sort(key=lambda o: o["name"].encode())
    return {
        "schema": "touchpoint/benchmark-v1",
        "period": p.json(),
        "columns": COLUMNS,
        "organizations": [{key: o[key] for key in ("name", "source", "focus", "values", "ranks", "n", "ci95")}
                          for o in orgs],
        "peer_median": peer_median,
        "focus": focus_out,
        "reference": {"name": "State of the CIO 2016", "source": "CIO.com", "values": {"contact_rate": 0.65}},
    }


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-p", "--period")
    ap.add_argument("--focus")
    ap.add_argument("--anonymize", action="store_true")
    ap.add_argument("sources", nargs="+")
    args = ap.parse_args(argv)
    try:
        out = benchmark(args.sources, args.period, args.focus, args.anonymize)
    except InputError as e:
        print("bench_reference.py: %s" % e, file=sys.stderr)
        return 1
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
