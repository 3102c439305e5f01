#!/usr/bin/env python3
"""The queries whose ranking changed most between two runs (by nDCG@10),
with the top 3 of each and their grades.

usage: changed.py --db INDEX.db [--n 3] BEFORE AFTER   (run labels)
Standard library only.
"""
import argparse
import math
import os
import sqlite3
import sys

# the judged set: this folder, or the one RELEVANCE_SET names (holdout/)
HERE = os.environ.get("RELEVANCE_SET") or os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pool import read_run  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--n", type=int, default=3)
    ap.add_argument("before")
    ap.add_argument("after")
    a = ap.parse_args()
    queries = dict(ln.split("\t")[:2] for ln in open(os.path.join(HERE, "queries.tsv"), encoding="utf-8")
                   if ln.strip() and not ln.startswith("#"))
    grades, ideal = {}, {}
    for ln in open(os.path.join(HERE, "grades.tsv"), encoding="utf-8"):
        q, k, g = ln.rstrip("\n").split("\t")[:3]
        grades[(q, k)] = int(g)
        ideal.setdefault(q, []).append(int(g))

    def ndcg(q, ks):
        gs = [grades.get((q, k), 0) for k in ks[:10]]
        best = sorted(ideal.get(q, []), reverse=True)[:10]
        i = sum((2 ** g - 1) / math.log2(n + 2) for n, g in enumerate(best))
        return sum((2 ** g - 1) / math.log2(n + 2) for n, g in enumerate(gs)) / i if i else 0

    db = sqlite3.connect("file:%s?mode=ro" % a.db, uri=True)

    def text(k):
        f, st = k.rsplit("@", 1)
        r = db.execute("SELECT p.text FROM doc d CROSS JOIN passage p ON p.doc_id = d.id"
                       " WHERE d.file = ? AND p.start = ?", (f, int(st))).fetchone()
        t = " ".join((r[0] if r else "?").split())
        return t if len(t) <= 150 else t[:150] + " …"

    B, A = read_run(a.before), read_run(a.after)
    delta = sorted(queries, key=lambda q: -abs(ndcg(q, A.get(q, [])) - ndcg(q, B.get(q, []))))
    for q in delta[:a.n]:
        print("%s %r: nDCG@10 %.2f -> %.2f" % (q, queries[q], ndcg(q, B.get(q, [])), ndcg(q, A.get(q, []))))
        for lb, r in ((a.before, B), (a.after, A)):
            print("  %s:" % lb)
            for k in r.get(q, [])[:3]:
                print("    [%d] %s" % (grades.get((q, k), -1), text(k)))


if __name__ == "__main__":
    main()
