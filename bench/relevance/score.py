#!/usr/bin/env python3
"""nDCG@10 and P@10 of each run from the judged set.

usage: score.py [--grades-suffix SUFFIX] [LABEL...]     (default: every runs/*.tsv)

Reads queries.tsv, runs/LABEL.tsv (query id, rank, passage key) and
grades.tsv (query id, key, grade 0/1/2). nDCG@10 uses gain 2^grade - 1 and
log2(rank + 1) discount; the ideal ranking is the best 10 grades of the pool
(every graded passage of the query, from all runs). P@10 counts grade 2, and
grade >= 1, over 10 (a run returning fewer than 10 hits is not excused). An
ungraded hit counts 0 and is reported. Standard library only.

--grades-suffix r2: score with a second reader's grades, read from
pool/round-N.grades-SUFFIX.tsv (code, grade) through pool/round-N.map.tsv
(code, query id, key); where the second reader did not grade a passage the
first reader's grade in grades.tsv is used. Before the table it prints how
the two readers agree on the passages both graded: exact agreement, Cohen's
kappa (unweighted, and linear-weighted as a second figure) and the 3x3 table.
"""
import math
import os
import sys

# the judged set: this folder, or the one RELEVANCE_SET names (holdout/)
HERE = os.environ.get("RELEVANCE_SET") or os.path.dirname(os.path.abspath(__file__))


def second_reader(suffix):
    """{(query id, key): grade} from pool/round-N.grades-SUFFIX.tsv via the maps."""
    pool = os.path.join(HERE, "pool")
    out = {}
    for f in sorted(os.listdir(pool)):
        if not (f.startswith("round-") and f.endswith(".grades-%s.tsv" % suffix)):
            continue
        rnd = f.split(".")[0]
        keymap = {}
        for ln in open(os.path.join(pool, rnd + ".map.tsv"), encoding="utf-8"):
            if ln.strip():
                c, q, k = ln.rstrip("\n").split("\t")[:3]
                keymap[c] = (q, k)
        for ln in open(os.path.join(pool, f), encoding="utf-8"):
            if ln.startswith("#") or not ln.strip():
                continue
            c, g = ln.rstrip("\n").split("\t")[:2]
            out[keymap[c]] = int(g)
    return out


def agreement(a, b):
    """Print agreement of two {key: grade} dicts on their common keys."""
    common = sorted(set(a) & set(b))
    n = len(common)
    if not n:
        print("no passage graded by both readers")
        return
    cats = (0, 1, 2)
    m = {(i, j): 0 for i in cats for j in cats}
    for k in common:
        m[(a[k], b[k])] += 1
    po = sum(m[(i, i)] for i in cats) / n
    ra = {i: sum(m[(i, j)] for j in cats) / n for i in cats}
    rb = {j: sum(m[(i, j)] for i in cats) / n for j in cats}
    pe = sum(ra[i] * rb[i] for i in cats)
    kappa = (po - pe) / (1 - pe) if pe < 1 else 1.0
    w = lambda i, j: 1 - abs(i - j) / 2.0
    pow_ = sum(w(i, j) * m[(i, j)] for i in cats for j in cats) / n
    pew = sum(w(i, j) * ra[i] * rb[j] for i in cats for j in cats)
    kw = (pow_ - pew) / (1 - pew) if pew < 1 else 1.0
    print("readers agree on %d of %d passages both graded: %.1f%%, Cohen's kappa %.3f "
          "(linear-weighted %.3f)" % (sum(m[(i, i)] for i in cats), n, 100 * po, kappa, kw))
    print("  first reader (rows) x second reader (columns), grades 0 1 2:")
    for i in cats:
        print("   %d: %s" % (i, " ".join("%5d" % m[(i, j)] for j in cats)))
    print()


def main():
    args = sys.argv[1:]
    suffix = None
    if args[:1] == ["--grades-suffix"]:
        if len(args) < 2:
            sys.exit("usage: score.py [--grades-suffix SUFFIX] [LABEL...]")
        suffix, args = args[1], args[2:]
    qids = [ln.split("\t")[0] for ln in open(os.path.join(HERE, "queries.tsv"), encoding="utf-8")
            if ln.strip() and not ln.startswith("#")]
    grades = {}
    for ln in open(os.path.join(HERE, "grades.tsv"), encoding="utf-8"):
        if ln.startswith("#") or not ln.strip():
            continue
        q, k, g = ln.rstrip("\n").split("\t")[:3]
        grades[(q, k)] = int(g)
    if suffix:
        second = second_reader(suffix)
        agreement(grades, second)
        print("grades: second reader (%s) on %d passages, first reader's on the other %d"
              % (suffix, len(second), len(set(grades) - set(second))))
        grades = dict(grades)
        grades.update(second)
    labels = args or sorted(f[:-4] for f in os.listdir(os.path.join(HERE, "runs"))
                                    if f.endswith(".tsv"))
    ideal = {}
    for (q, k), g in grades.items():
        ideal.setdefault(q, []).append(g)
    # a query whose pool holds no passage graded 1 or 2 has no ideal ranking:
    # its nDCG is undefined (counted 0 in nDCG@10 as before; the column
    # "defined" averages over the others, as trec_eval does)
    defined = [q for q in qids if any(g > 0 for g in ideal.get(q, []))]
    print("%-16s %8s %8s %8s %6s %9s %9s" % ("run", "nDCG@10", "P@10=2", "P@10>=1", "n", "ungraded",
                                             "defined"))
    for lb in labels:
        run = {}
        for ln in open(os.path.join(HERE, "runs", lb + ".tsv"), encoding="utf-8"):
            q, r, k = ln.rstrip("\n").split("\t")
            run.setdefault(q, []).append(k)
        nd = p2 = p1 = nd_defined = 0.0
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
            if q in defined:
                nd_defined += dcg / idcg
            p2 += sum(1 for g in gs if g == 2) / 10.0
            p1 += sum(1 for g in gs if g >= 1) / 10.0
        n = len(qids)
        print("%-16s %8.3f %8.3f %8.3f %6d %9d %5.3f/%d" % (lb, nd / n, p2 / n, p1 / n, n, ungraded,
                                                        nd_defined / max(1, len(defined)), len(defined)))


if __name__ == "__main__":
    main()
