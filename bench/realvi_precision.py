#!/usr/bin/env python3
"""realvi_precision.py — what the extractors put in a vnplan index, laid out
so that a person can judge its precision: tasks by document kind, how many
agencies come from the alias table and how many from the open class, and
fixed random samples of agencies and of tasks with the text they came from.

Written for the index of the real-vi corpus (../shared/corpus/real-vi.tar.xz,
mostly text that is not a plan, so everything extracted from it is worth a
look), but it reads any vnplan index. It reads the ordinary tables only (doc,
passage, task, task_agency, agency), opened read-only; never passage_fts,
whose tokenizer lives in vnplan. The source files are read again for the
lines around each sampled task (--root when they have moved).

Usage:
  bench/realvi_precision.py --db INDEX [--seed N] [--tasks 60] [--agencies 100]
                            [--json] [--out FILE] [--root DIR]
The report goes to stdout, and also to FILE with --out. `make
realvi-precision` unpacks real-vi, indexes it afresh and runs this.
Python 3, standard library only.
"""
import argparse
import json
import os
import random
import sqlite3
import sys
import unicodedata

# vp_pkind in include/vp_reader.h
PASSAGE_KINDS = {0: "text", 1: "heading", 2: "item", 3: "row",
                 4: "table head", 5: "recipient", 6: "signature"}
NO_KIND = "(no kind)"
CONTEXT_LINES = 3        # raw lines shown before and after a sampled task
MAX_RAW_LINES = 40       # cap on the raw lines shown for one task
AGENCY_CONTEXT = 100     # characters of passage shown around an agency name


def open_index(path):
    if not os.path.exists(path):
        sys.exit(f"realvi_precision: no index at {path}")
    uri = "file:" + os.path.abspath(path) + "?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True)
        tables = {r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.Error as e:
        sys.exit(f"realvi_precision: cannot read {path}: {e}")
    missing = {"doc", "passage", "task", "task_agency", "agency"} - tables
    if missing:
        sys.exit(f"realvi_precision: {path} is not a vnplan index"
                 f" (no table {', '.join(sorted(missing))})")
    return db


def squash(s):
    """NFC, whitespace runs as one space."""
    return " ".join(unicodedata.normalize("NFC", s or "").split())


# ---------------------------------------------------------------- a. tasks

def tasks_by_kind(db):
    rows = db.execute("""
        SELECT coalesce(nullif(trim(d.kind), ''), ?) AS k,
               count(DISTINCT d.id),
               count(DISTINCT t.doc_id),
               count(t.id),
               count(DISTINCT ta.task_id),
               count(DISTINCT CASE WHEN t.deadline IS NOT NULL
                                    AND t.deadline <> '' THEN t.id END)
        FROM doc d
        LEFT JOIN task t ON t.doc_id = d.id
        LEFT JOIN (SELECT DISTINCT task_id FROM task_agency) ta
               ON ta.task_id = t.id
        GROUP BY k ORDER BY count(t.id) DESC, k""", (NO_KIND,)).fetchall()
    kinds = [dict(kind=r[0], docs=r[1], docs_with_tasks=r[2], tasks=r[3],
                  tasks_with_agency=r[4], tasks_with_deadline=r[5])
             for r in rows]
    total = sum(k["tasks"] for k in kinds)
    no_kind = sum(k["tasks"] for k in kinds if k["kind"] == NO_KIND)
    kind_no_issuer = db.execute("""
        SELECT count(*) FROM task t JOIN doc d ON d.id = t.doc_id
        WHERE nullif(trim(d.kind), '') IS NOT NULL
          AND nullif(trim(d.issuer), '') IS NULL""").fetchone()[0]
    docs_kind_no_issuer = db.execute("""
        SELECT count(*) FROM doc WHERE nullif(trim(kind), '') IS NOT NULL
          AND nullif(trim(issuer), '') IS NULL""").fetchone()[0]
    return dict(total_docs=sum(k["docs"] for k in kinds), total_tasks=total,
                by_kind=kinds, tasks_no_kind=no_kind,
                tasks_kind_no_issuer=kind_no_issuer,
                docs_kind_no_issuer=docs_kind_no_issuer)


# ------------------------------------------------------------- b. agencies

def find_around(text, name):
    """About AGENCY_CONTEXT characters of text centred on the name; None
    when the name is not in it."""
    flat = squash(text)
    want = squash(name)
    i = flat.find(want)
    if i < 0:
        i = flat.lower().find(want.lower())
    if i < 0 or not want:
        return None
    pad = max(0, (AGENCY_CONTEXT - len(want)) // 2)
    a, b = max(0, i - pad), min(len(flat), i + len(want) + pad)
    return ("…" if a > 0 else "") + flat[a:b] + ("…" if b < len(flat) else "")


def agency_context(sources, path, line, ptext, name):
    """(line, context): the name in the task's passage, else in the lines
    above it (a heading or lead-in that gives its bullets their agency)."""
    ctx = find_around(ptext, name)
    if ctx is not None:
        return line, ctx
    lines = sources.lines(path)
    if lines and line:
        for n in range(min(line, len(lines)), max(0, line - 300), -1):
            window = " ".join(lines[n - 1:n + 1])
            ctx = find_around(window, name)
            if ctx is not None:
                return n, ctx + f"   [above the task at line {line}]"
    flat = squash(ptext)
    return line, ("[name not found near the task] " + flat[:AGENCY_CONTEXT]
                  + ("…" if len(flat) > AGENCY_CONTEXT else ""))


def agencies(db, n, rng, sources):
    # The store gives an agency the kind of its record in the alias table
    # (data/agencies.tsv: "sở", "generic", "ban đảng", …) and kind 'other'
    # when the name resolves to no record, i.e. a named body found by its
    # head noun (store.c, agency_id()). So: open class = kind 'other'.
    rows = db.execute("""
        SELECT a.id, a.canon, coalesce(a.kind, ''), count(*),
               count(DISTINCT ta.doc_id),
               sum(ta.role = 'lead'), sum(ta.role <> 'lead')
        FROM agency a JOIN task_agency ta ON ta.agency_id = a.id
        GROUP BY a.id ORDER BY a.id""").fetchall()
    n_rows = db.execute("SELECT count(*) FROM agency").fetchone()[0]
    open_rows = [r for r in rows if r[2] == "other"]
    mentions = sum(r[3] for r in rows)
    open_mentions = sum(r[3] for r in open_rows)
    summary = dict(
        agency_rows=n_rows, distinct_used=len(rows),
        alias_table=len(rows) - len(open_rows), open_class=len(open_rows),
        mentions=mentions, alias_table_mentions=mentions - open_mentions,
        open_class_mentions=open_mentions,
        how_distinguished="agency.kind = 'other' (no record in the alias "
                          "table) is the open class; any other kind is an "
                          "alias-table record")
    sample = []
    for r in rng.sample(rows, min(n, len(rows))):
        aid, canon, kind, count, ndocs, lead, support = r
        occ = db.execute("""
            SELECT ta.name, ta.role, d.path, t.line, p.text
            FROM task_agency ta JOIN task t ON t.id = ta.task_id
            JOIN doc d ON d.id = ta.doc_id
            LEFT JOIN passage p ON p.id = t.passage_id
            WHERE ta.agency_id = ? ORDER BY ta.task_id, ta.rowid""",
                         (aid,)).fetchall()
        name, role, path, tline, ptext = rng.choice(occ)
        line, context = agency_context(sources, path, tline, ptext or "",
                                       name or canon)
        sample.append(dict(
            canon=canon, kind=kind, open_class=(kind == "other"),
            mentions=count, docs=ndocs, lead=lead, support=support,
            name=name, role=role, file=path, line=line, task_line=tline,
            context=context))
    return summary, sample


# ---------------------------------------------------------------- c. tasks

class Sources:
    """The indexed files, read again for the lines around a task."""

    def __init__(self, db, root):
        self.cache = {}
        self.root = root
        self.prefix = None
        if root:
            paths = [r[0] for r in db.execute("SELECT path FROM doc")]
            if paths:
                self.prefix = os.path.commonpath(paths)
                if len(paths) == 1:
                    self.prefix = os.path.dirname(self.prefix)

    def lines(self, path):
        if path in self.cache:
            return self.cache[path]
        found = path
        if not os.path.exists(found) and self.root and self.prefix:
            found = os.path.join(self.root, os.path.relpath(path, self.prefix))
        try:
            with open(found, "rb") as f:
                data = f.read()
            if data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            out = [l.rstrip(b"\r").decode("utf-8", "replace")
                   for l in data.split(b"\n")]
        except OSError:
            out = None
        self.cache[path] = out
        return out


def raw_lines(sources, path, line, end_line):
    """Lines line-3 .. end_line+3 of the file, numbered; None when unreadable."""
    lines = sources.lines(path)
    if lines is None or line is None:
        return None
    a = max(1, line - CONTEXT_LINES)
    b = min(len(lines), max(line, end_line or line) + CONTEXT_LINES)
    b = min(b, a + MAX_RAW_LINES - 1)
    return [dict(n=i, text=lines[i - 1]) for i in range(a, b + 1)]


def end_line_of(line, ptext):
    """Last line of the passage: its start line plus the newlines it holds
    (a passage's text keeps the file's bytes, markup blanked)."""
    if line is None or ptext is None:
        return line
    return line + ptext.count("\n")


def task_sample(db, n, rng, sources):
    ids = [r[0] for r in db.execute("""
        SELECT t.id FROM task t JOIN doc d ON d.id = t.doc_id
        WHERE nullif(trim(d.kind), '') IS NOT NULL ORDER BY t.id""")]
    out = []
    for tid in sorted(rng.sample(ids, min(n, len(ids)))):
        (path, dkind, issuer, line, section, text, deadline, dnorm,
         pkind, ptext, parent) = db.execute("""
            SELECT d.path, d.kind, d.issuer, t.line, t.section, t.text,
                   t.deadline, t.deadline_norm, p.kind, p.text, pp.line || ': '
                   || replace(replace(pp.text, char(10), ' '), char(13), ' ')
            FROM task t JOIN doc d ON d.id = t.doc_id
            LEFT JOIN passage p ON p.id = t.passage_id
            LEFT JOIN passage pp ON pp.doc_id = p.doc_id AND pp.seq = p.parent
            WHERE t.id = ?""", (tid,)).fetchone()
        ags = [dict(role=r[0], name=r[1], canon=r[2], kind=r[3],
                    line=agency_context(sources, path, line, ptext or "",
                                        r[1] or r[2])[0])
               for r in db.execute("""
            SELECT ta.role, ta.name, a.canon, a.kind FROM task_agency ta
            JOIN agency a ON a.id = ta.agency_id
            WHERE ta.task_id = ? ORDER BY ta.role <> 'lead', ta.rowid""",
                                   (tid,))]
        end = end_line_of(line, ptext)
        out.append(dict(
            task_id=tid, file=path, doc_kind=dkind, issuer=issuer, line=line,
            section=section, text=text, agencies=ags, deadline=deadline,
            deadline_norm=dnorm,
            passage_kind=PASSAGE_KINDS.get(pkind, pkind),
            parent=squash(parent) if parent else None,
            passage=squash(ptext) if ptext is not None else None,
            raw=raw_lines(sources, path, line, end)))
    return ids, out


# ---------------------------------------------------------------- printing

def pct(a, b):
    return f"{100.0 * a / b:.1f}%" if b else "-"


def clip(s, n):
    return s if len(s) <= n else s[:n] + f"… [{len(s)} chars]"


def text_report(r):
    out = []
    w = out.append
    w(f"realvi_precision — index {r['db']}")
    w(f"seed {r['seed']}: {r['agency_sample_size']} agencies, "
      f"{r['task_sample_size']} tasks sampled")
    a = r["tasks"]
    w("")
    w("== a. Tasks by document kind")
    w(f"{a['total_docs']} documents, {a['total_tasks']} tasks")
    w(f"{'kind':<24} {'docs':>6} {'w/tasks':>7} {'tasks':>7} {'share':>6}"
      f" {'w/agency':>8} {'w/deadl.':>8}")
    for k in a["by_kind"]:
        w(f"{k['kind']:<24} {k['docs']:>6} {k['docs_with_tasks']:>7}"
          f" {k['tasks']:>7} {pct(k['tasks'], a['total_tasks']):>6}"
          f" {k['tasks_with_agency']:>8} {k['tasks_with_deadline']:>8}")
    w(f"tasks in files with no kind:            {a['tasks_no_kind']}"
      f" ({pct(a['tasks_no_kind'], a['total_tasks'])})")
    w(f"tasks in files with a kind, no issuer:  {a['tasks_kind_no_issuer']}"
      f" ({a['docs_kind_no_issuer']} such files)")

    s = r["agencies"]
    w("")
    w("== b. Agencies")
    w(f"agency rows {s['agency_rows']}; named by at least one task:"
      f" {s['distinct_used']}")
    w(f"  alias table: {s['alias_table']:>6} agencies,"
      f" {s['alias_table_mentions']:>6} task mentions")
    w(f"  open class:  {s['open_class']:>6} agencies,"
      f" {s['open_class_mentions']:>6} task mentions"
      f" ({pct(s['open_class'], s['distinct_used'])} of agencies)")
    w(f"  ({s['how_distinguished']})")
    w("")
    w(f"-- sample of {len(r['agency_sample'])} agencies (seed {r['seed']});"
      " [T] alias table, [O] open class")
    for i, g in enumerate(r["agency_sample"], 1):
        tag = "O" if g["open_class"] else "T"
        w(f"A{i:03d} [{tag}] {g['canon']}   (kind {g['kind']}; "
          f"{g['mentions']} mentions in {g['docs']} files, "
          f"{g['lead']} lead / {g['support']} support)")
        w(f"     as written: {g['name']!r} ({g['role']})"
          f" at {g['file']}:{g['line']}")
        w(f"     {g['context']}")

    w("")
    w(f"== c. Sample of {len(r['task_sample'])} tasks from documents with a"
      f" kind ({r['tasks_in_kind_docs']} such tasks; seed {r['seed']})")
    for i, t in enumerate(r["task_sample"], 1):
        w("")
        w(f"T{i:02d} #{t['task_id']} {t['file']}:{t['line']}"
          f"  [{t['doc_kind']}] section {t['section'] or '-'}"
          f"  passage {t['passage_kind']}")
        w(f"  task:     {t['text']}")
        if t["agencies"]:
            for g in t["agencies"]:
                canon = "" if g["canon"] == g["name"] else f" → {g['canon']}"
                at = "" if g["line"] == t["line"] else f"  [line {g['line']}]"
                w(f"  {g['role']:<8}  {g['name']}{canon}  ({g['kind']}){at}")
        else:
            w("  agencies: (none)")
        w(f"  deadline: {t['deadline']!r} → {t['deadline_norm']!r}")
        if t["parent"]:
            w(f"  under:    line {clip(t['parent'], 200)}")
        if t["passage"] is not None and t["passage"] != squash(t["text"]):
            w(f"  passage:  {clip(t['passage'], 1500)}")
        if t["raw"] is None:
            w("  raw:      (file not readable; try --root)")
        else:
            for l in t["raw"]:
                mark = ">" if l["n"] == t["line"] else " "
                w(f"  {mark}{l['n']:>5}| {clip(l['text'], 400)}")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="the vnplan index")
    ap.add_argument("--seed", type=int, default=1, help="sampling seed (1)")
    ap.add_argument("--tasks", type=int, default=60,
                    help="tasks to sample from documents with a kind (60)")
    ap.add_argument("--agencies", type=int, default=100,
                    help="agencies to sample (100)")
    ap.add_argument("--json", action="store_true", help="JSON instead of text")
    ap.add_argument("--out", help="also write the report to this file")
    ap.add_argument("--root", help="folder the indexed files are in now, when"
                    " the paths stored in the index no longer exist")
    args = ap.parse_args()

    db = open_index(args.db)
    sources = Sources(db, args.root)
    # one generator per sample, so changing --tasks leaves the agency sample
    # as it was and the reverse
    summary, asample = agencies(db, args.agencies,
                                random.Random(f"agencies-{args.seed}"), sources)
    kind_ids, tsample = task_sample(db, args.tasks,
                                    random.Random(f"tasks-{args.seed}"),
                                    sources)
    report = dict(db=args.db, seed=args.seed,
                  agency_sample_size=len(asample),
                  task_sample_size=len(tsample),
                  tasks=tasks_by_kind(db), agencies=summary,
                  agency_sample=asample, tasks_in_kind_docs=len(kind_ids),
                  task_sample=tsample)
    if args.json:
        text = json.dumps(report, ensure_ascii=False, indent=1) + "\n"
    else:
        text = text_report(report)
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
