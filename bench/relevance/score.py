#!/usr/bin/env python3
"""nDCG@10 and P@10 of each run from the judged set.

usage: score.py [LABEL...]     (default: every runs/*.tsv)

Reads queries.tsv, runs/LABEL.tsv (query id, rank, passage key) and
grades.tsv (query id, key, grade 0/1/2). nDCG@10 uses gain 2^grade - 1 and
log2(rank + 1) discount; the ideal ranking is the best 10 grades of the pool
(every graded passage of the query, from all runs). P@10 counts grade 2, and
grade >= 1, over 10 (a run returning fewer than 10 hits is not excused). An
ungraded hit counts 0 and is reported. Standard library only.
"""
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    qids = [ln.split("\t")[0] for ln in open(os.path.join(HERE, "queries.tsv"), encoding="utf-8")
            if ln.strip() and not ln.startswith("#")]
    grades = {}
    for ln in open(os.path.join(HERE, "grades.tsv"), encoding="utf-8"):
        if ln.startswith("#") or not ln.strip():
            continue
        q, k, g = ln.rstrip("\n").split("\t")[:3]
        grades[(q, k)] = int(g)
    labels = sys.argv[1:] or sorted(f[:-4] for f in os.listdir(os.path.join(HERE, "runs"))
                                    if f.endswith(".tsv"))
    ideal = {}
    for (q, k), g in grades.items():
        ideal.setdefault(q, []).append(g)
    print("%-16s %8s %8s %8s %6s %9s" % ("run", "nDCG@10", "P@10=2", "P@10>=1", "n", "ungraded"))
    for lb in labels:
        run = {}
        for ln in open(os.path.join(HERE, "runs", lb + ".tsv"), encoding="utf-8"):
            q, r, k = ln.rstrip("\n").split("\t")
            run.setdefault(q, []).append(k)
        nd = p2 = p1 = 0.0
        ungraded = 0
        for q in qids:
            hits = run.get(q, [])[:10]
            gs = []
            for k in hits:
                if (q, k) not in grades:
                    ungraded += 1
                gs.append(grades.get((q, k), 0))
            dcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gs))
            best = sorted(ideal.get(q, []), reverse=True)[:10]
            idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(best))
            nd += dcg / idcg if idcg > 0 else 0.0
            p2 += sum(1 for g in gs if g == 2) / 10.0
            p1 += sum(1 for g in gs if g >= 1) / 10.0
        n = len(qids)
        print("%-16s %8.3f %8.3f %8.3f %6d %9d" % (lb, nd / n, p2 / n, p1 / n, n, ungraded))


if __name__ == "__main__":
    main()
