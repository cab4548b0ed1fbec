#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Merge the JSON reports of the shards of one injector run (inject.py or inject-mainline.py
with --shard K/N --format json, K = 1..N, on any machines) into the report of the whole run.

  merge-shards.py SHARD.json...          the merged table, failures and status
  merge-shards.py --format json FILE...  the same as one JSON report

Every shard of the split must be there, once, from the same injector.  Each cell's counts are
summed; the testbed's cells are then judged against its expectations table (inject-expected.txt,
as --expect does), the kernel's keep the status each shard gave against its reviewed failures
(a shard answers for its own points).  Exit status: 0, 1 (a deviation or failure), 2 (a
harness error, or shards that do not make one run).
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import judge  # noqa: E402

def refuse(msg):
    print("merge-shards: " + msg, file=sys.stderr)
    sys.exit(2)


CELL_KEYS = {"inject": ("variant", "pti", "entry", "sequence"),
             "inject-mainline": ("config", "area", "sequence")}


def load(paths):
    docs = []
    for p in paths:
        try:
            with open(p) as f:
                docs.append(json.load(f))
        except (OSError, ValueError) as e:
            refuse("%s: %s" % (p, e))
    kinds = {d.get("injector") for d in docs}
    if len(kinds) != 1 or None in kinds:
        refuse("the reports come from %s, not one injector" % sorted(map(str, kinds)))
    shards = sorted(tuple(int(x) for x in (d.get("shard") or "1/1").split("/")) for d in docs)
    n = shards[0][1]
    if shards != [(k, n) for k in range(1, n + 1)]:
        refuse("shards %s are not 1/%d to %d/%d, once each" %
               (", ".join("%d/%d" % s for s in shards), n, n, n))
    return kinds.pop(), docs


def merge(kind, docs):
    keys = CELL_KEYS[kind]
    cells = {}
    for d in docs:
        for r in d["results"]:
            key = tuple(r[k] for k in keys)
            m = cells.setdefault(key, dict({k: r[k] for k in keys}, tried=0, survived=0, boots=0,
                                           seconds=0.0, failures=[], harness_errors=[]))
            for k in ("tried", "survived", "boots"):
                m[k] += r[k]
            m["seconds"] = round(m["seconds"] + r["seconds"], 1)
            m["failures"] += r["failures"]
            m["harness_errors"] += r["harness_errors"]
            if "points" in r:
                m["points"] = r["points"]
    return list(cells.values())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--format", choices=["text", "json"], default="text")
    ap.add_argument("--expect", default=judge.EXPECTED, help="the testbed's expectations table")
    ap.add_argument("reports", nargs="+")
    args = ap.parse_args(argv)
    kind, docs = load(args.reports)
    cells = merge(kind, docs)
    deviations = []
    if kind == "inject":
        expected = judge.read_expected(args.expect)
        for c in cells:
            verdict = expected.get((c["variant"], c["pti"], c["entry"], c["sequence"]))
            why = ("no expected verdict for this cell in the table" if verdict is None else
                   judge.deviation(verdict, c["tried"], c["survived"]))
            if why:
                deviations.append(dict({k: c[k] for k in CELL_KEYS[kind]}, what=why))
        status = 1 if deviations else 2 if any(c["harness_errors"] for c in cells) else 0
    else:
        status = max(d["status"] for d in docs)
    if args.format == "json":
        print(json.dumps({"injector": kind, "shards": len(docs), "status": status,
                          "deviations": deviations, "results": cells}, indent=1))
        return status
    keys = CELL_KEYS[kind]
    for c in cells:
        print("%-40s tried %6d survived %6d boots %5d %8.1fs" % (
            " ".join(str(c[k]) for k in keys), c["tried"], c["survived"], c["boots"], c["seconds"]))
    for c in cells:
        for f in c["failures"]:
            print("FAIL %s at %s: %s" % (" ".join(str(c[k]) for k in keys), f["point"], f["what"]))
        for h in c["harness_errors"]:
            print("HARNESS %s at %s: %s" % (" ".join(str(c[k]) for k in keys), h["point"], h["what"]))
    for d in deviations:
        print("DEVIATION %s: %s" % (" ".join(str(d[k]) for k in keys), d["what"]))
    print("%d shards merged, status %d" % (len(docs), status))
    return status


if __name__ == "__main__":
    sys.exit(main())
