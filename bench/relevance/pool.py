#!/usr/bin/env python3
"""Pool the runs for blind grading, and merge the grades back.

usage: pool.py make --db INDEX.db --round N LABEL...
         every hit of the named runs (runs/LABEL.tsv) not yet in grades.tsv,
         per query, deduplicated and shuffled, written without any sign of the
         system that found it to pool/round-N.txt (for the reader) and the
         codes to pool/round-N.map.tsv (kept from the reader).
       pool.py merge --round N
         reads the reader's pool/round-N.grades.tsv (code, grade) and adds
         (query, key, grade) lines to grades.tsv.
Grades: 2 relevant (says what is to be done / what holds about the query's
subject), 1 thin (on the subject but a bare mention, a heading, a title),
0 wrong. Standard library only.
"""
import os
import random
import sqlite3
import sys

# the judged set: this folder, or the one RELEVANCE_SET names (holdout/)
HERE = os.environ.get("RELEVANCE_SET") or os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import read_queries  # noqa: E402


def read_grades():
    g = {}
    path = os.path.join(HERE, "grades.tsv")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            qid, key, grade = line.rstrip("\n").split("\t")[:3]
            g[(qid, key)] = int(grade)
    return g


def read_run(label):
    out = {}
    for line in open(os.path.join(HERE, "runs", label + ".tsv"), encoding="utf-8"):
        qid, rank, key = line.rstrip("\n").split("\t")
        out.setdefault(qid, []).append(key)
    return out


def passage(db, key):
    f, start = key.rsplit("@", 1)
    r = db.execute("SELECT d.title, p.section, p.text, p.parent, p.id - p.seq FROM doc d"
                   " CROSS JOIN passage p ON p.doc_id = d.id WHERE d.file = ? AND p.start = ?",
                   (f, int(start))).fetchone()
    if r is None:
        return None
    head = None
    if r[3] is not None and r[3] >= 0:
        h = db.execute("SELECT text FROM passage WHERE id = ?", (r[4] + r[3],)).fetchone()
        head = h[0] if h else None
    return r[0], r[1], head, r[2]


def clip(s, n):
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[:n] + " …"


def make(dbpath, rnd, labels):
    db = sqlite3.connect("file:%s?mode=ro" % dbpath, uri=True)
    grades = read_grades()
    runs = [read_run(lb) for lb in labels]
    rng = random.Random(int(rnd) * 7919)
    txt = open(os.path.join(HERE, "pool", "round-%s.txt" % rnd), "w", encoding="utf-8")
    mp = open(os.path.join(HERE, "pool", "round-%s.map.tsv" % rnd), "w", encoding="utf-8")
    n = 0
    for qid, q in read_queries():
        keys = []
        for r in runs:
            for k in r.get(qid, []):
                if k not in keys and (qid, k) not in grades:
                    keys.append(k)
        if not keys:
            continue
        rng.shuffle(keys)
        txt.write("\n======== %s  QUERY: %s\n" % (qid, q))
        for k in keys:
            n += 1
            code = "%s-%03d" % (qid, n)
            p = passage(db, k)
            mp.write("%s\t%s\t%s\n" % (code, qid, k))
            if p is None:
                txt.write("[%s] (passage missing)\n" % code)
                continue
            title, section, head, text = p
            txt.write("[%s] doc: %s | §%s\n" % (code, clip(title, 90), section or ""))
            if head:
                txt.write("    under: %s\n" % clip(head, 160))
            txt.write("    %s\n" % clip(text, 700))
    print("%d passages to grade in pool/round-%s.txt" % (n, rnd))


def merge(rnd):
    mp = {}
    for line in open(os.path.join(HERE, "pool", "round-%s.map.tsv" % rnd), encoding="utf-8"):
        code, qid, key = line.rstrip("\n").split("\t")
        mp[code] = (qid, key)
    grades = read_grades()
    out = open(os.path.join(HERE, "grades.tsv"), "a", encoding="utf-8")
    n = 0
    for line in open(os.path.join(HERE, "pool", "round-%s.grades.tsv" % rnd), encoding="utf-8"):
        f = line.split()
        if len(f) < 2 or f[0] not in mp:
            continue
        qid, key = mp[f[0]]
        if (qid, key) in grades:
            continue
        out.write("%s\t%s\t%s\tround-%s\n" % (qid, key, int(f[1]), rnd))
        grades[(qid, key)] = int(f[1])
        n += 1
    missing = [c for c in mp if mp[c] not in grades]
    print("%d grades merged; %d codes without a grade" % (n, len(missing)))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "merge":
        merge(sys.argv[sys.argv.index("--round") + 1])
    elif len(sys.argv) >= 4 and sys.argv[1] == "make":
        args = sys.argv[2:]
        dbp = args[args.index("--db") + 1]
        rnd = args[args.index("--round") + 1]
        labels = [x for i, x in enumerate(args) if x not in ("--db", "--round") and
                  args[i - 1] not in ("--db", "--round")]
        make(dbp, rnd, labels)
    else:
        sys.exit(__doc__)
