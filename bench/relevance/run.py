#!/usr/bin/env python3
"""Run the judged queries against vnplan and against plain FTS5, and save the
top 10 of each as a run file (bench/relevance/runs/LABEL.tsv).

usage: run.py --db INDEX.db --label NAME [--bin bin/vnplan]     (vnplan)
       run.py --db INDEX.db --label fts5 --baseline SIDE.db     (FTS5 bm25)

A run line is: query id, rank (1-10), key. The key names a passage by its
file and byte offset ("file@start"), so grades survive a re-index that
renumbers passages. The baseline side database (SIDE.db, built on first use
from the passages of INDEX.db) is one FTS5 table with SQLite's own
`unicode61 remove_diacritics 2` tokenizer, rowid = passage id, ranked by
bm25. Standard library only.
"""
import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys

# the judged set: this folder, or the one RELEVANCE_SET names (holdout/)
HERE = os.environ.get("RELEVANCE_SET") or os.path.dirname(os.path.abspath(__file__))


def read_queries(path=os.path.join(HERE, "queries.tsv")):
    out = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        out.append((f[0], f[1]))
    return out


def keys_of(db, ids):
    out = []
    for pid in ids:
        r = db.execute("SELECT d.file, p.start FROM passage p JOIN doc d ON d.id = p.doc_id"
                       " WHERE p.id = ?", (pid,)).fetchone()
        out.append("%s@%d" % r if r else "?%d" % pid)
    return out


def build_side(index_db, side):
    if os.path.exists(side):
        return
    s = sqlite3.connect(side)
    s.execute("CREATE VIRTUAL TABLE b USING fts5(text, tokenize='unicode61 remove_diacritics 2')")
    s.execute("ATTACH ? AS v", (index_db,))
    s.execute("INSERT INTO b(rowid, text) SELECT id, text FROM v.passage")
    s.commit()
    s.execute("INSERT INTO b(b) VALUES('optimize')")
    s.commit()
    s.close()


def fts5_query(q):
    """Each word as a quoted string, implicitly ANDed: what a plain FTS5
    search box does with what a person types."""
    words = [w for w in re.split(r"\s+", q) if re.search(r"\w", w)]
    return " ".join('"%s"' % w.replace('"', '""') for w in words)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--label", required=True)
    ap.add_argument("--bin", default="bin/vnplan")
    ap.add_argument("--baseline")
    a = ap.parse_args()
    db = sqlite3.connect("file:%s?mode=ro" % a.db, uri=True)
    out = open(os.path.join(HERE, "runs", a.label + ".tsv"), "w", encoding="utf-8")
    if a.baseline:
        build_side(a.db, a.baseline)
        side = sqlite3.connect(a.baseline)
    for qid, q in read_queries():
        if a.baseline:
            ids = [r[0] for r in side.execute(
                "SELECT rowid FROM b WHERE b MATCH ? ORDER BY bm25(b) LIMIT 10", (fts5_query(q),))]
        else:
            p = subprocess.run([a.bin, "search", "--db", a.db, "--json", "--limit", "10", q],
                               capture_output=True)
            if p.returncode != 0:
                sys.exit("%s: %s" % (q, p.stderr.decode()))
            ids = [h["passage"] for h in json.loads(p.stdout)["hits"]]
        for i, k in enumerate(keys_of(db, ids)):
            out.write("%s\t%d\t%s\n" % (qid, i + 1, k))
    out.close()


if __name__ == "__main__":
    main()
