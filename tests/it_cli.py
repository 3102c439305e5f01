#!/usr/bin/env python3
"""it_cli.py — integration tests of the `vnplan` command line on the seed
corpus: indexing (bad files skipped, idempotent re-index, prune), search
with and without diacritics, tone placement, NFD/CRLF/BOM input and exact
highlight offsets, document numbers, errors. Prints 'N passed, N failed'."""
import json
import re
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("VNPLAN_BIN") or os.path.join(ROOT, "bin/asan/vnplan")
if not os.path.exists(BIN):
    BIN = os.path.join(ROOT, "bin/vnplan")
CORPUS = os.path.join(ROOT, "corpus")
passed = failed = 0


def check(desc, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL %s %s" % (desc, detail))


def run(*args):
    p = subprocess.run([BIN] + list(args), capture_output=True, timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def js(*args):
    rc, out, err = run(*args)
    if rc != 0:
        raise RuntimeError("%s: exit %d: %s" % (args, rc, err[-300:]))
    return json.loads(out)


def hits(db, q, limit=200):
    return js("search", "--db", db, "--json", "--limit", str(limit), q)


def files_of(res):
    return {os.path.basename(h["doc"]["file"]) for h in res["hits"]}


def keyset(res):
    return {(os.path.basename(h["doc"]["file"]), h["line"]) for h in res["hits"]}


def main():
    tmp = tempfile.mkdtemp(prefix="vnplan-it-")
    try:
        db = os.path.join(tmp, "seed.db")
        rc, out, err = run("index", "--db", db, CORPUS)
        check("index the seed corpus exits 0", rc == 0, err[-300:])
        docs = js("docs", "--db", db, "--json")["docs"]
        check("five documents", len(docs) == 5, str(len(docs)))
        allfiles = {os.path.basename(d["file"]) for d in docs}

        # diacritic-free and exact search both find all five plans
        check("'khoa hoc' finds all five plans", files_of(hits(db, "khoa hoc")) == allfiles)
        check("'khoa học' finds all five plans", files_of(hits(db, "khoa học")) == allfiles)
        # tone placement: one word
        a, b = keyset(hits(db, "hoá")), keyset(hits(db, "hóa"))
        check("'hoá' and 'hóa' find the same passages", a == b and len(a) > 0, "%d vs %d" % (len(a), len(b)))
        a, b = keyset(hits(db, "uỷ")), keyset(hits(db, "ủy"))
        check("'uỷ' and 'ủy' find the same passages", a == b and len(a) > 0, "%d vs %d" % (len(a), len(b)))
        # a ranked phrase: passages where the words stand together come first
        r = hits(db, "khoa hoc cong nghe", 5)
        check("adjacent words rank first", all("<mark>" in h["snippet"] for h in r["hits"]) and r["total"] > 0)
        top = r["hits"][0]["snippet"].lower().replace("</mark> <mark>", " ") if r["hits"] else ""
        check("top hit has the words together", re.search(r"<mark>khoa học\W+(và )?công nghệ", top) is not None, top[:200])

        # document numbers: one token, found as typed
        r = hits(db, "69-KL/TW")
        check("69-KL/TW found in 000, 001, 002 only",
              files_of(r) == {"000_601f249a7af0c82b.txt", "001_73d1dfeeaa6b8b5c.txt", "002_2c04bff435a40578.txt"},
              str(sorted(files_of(r))))
        check("every 69-KL/TW hit highlights the number", all("69" in h["snippet"].split("<mark>", 1)[-1][:12] for h in r["hits"]))
        check("'69 KL/TW' typed with a space finds the same", keyset(hits(db, "69 KL/TW")) == keyset(r))
        n_spaced = sum(1 for h in hits(db, "472-KH/TU")["hits"])
        check("'472- KH/TU' (spacing noise in the text) is found by 472-KH/TU", n_spaced >= 3, str(n_spaced))
        check("'709/QD-TTg' typed without Đ finds 709/QĐ-TTg", len(hits(db, "709/QD-TTg")["hits"]) >= 3)
        check("'tw' alone does not match Party numbers", hits(db, "tw")["total"] == 0)
        check("'kl' alone does not match Party numbers", hits(db, "kl")["total"] == 0)
        check("472-KH/TU and 472/QĐ-UBND are different terms",
              files_of(hits(db, "472/QĐ-UBND")) == {"004_a36b9e1c40dbc1da.txt"})

        # JSON shape
        r = hits(db, "Sở Tài chính", 3)
        h = r["hits"][0] if r["hits"] else {}
        check("hit has doc.file, doc.title, section, line, snippet, score",
              all(k in h for k in ("doc", "section", "line", "snippet", "score")) and "file" in h.get("doc", {}) and "title" in h.get("doc", {}))
        check("limit respected", len(r["hits"]) == 3)
        r2 = js("search", "--db", db, "--json", "--limit", "3", "--offset", "3", "Sở Tài chính")
        check("offset pages on", keyset(r2).isdisjoint(keyset(r)) and r2["total"] == r["total"])

        # highlight offsets point at the right bytes of the file
        ok = True
        for q in ("khoa học", "Sở Tài chính", "69-KL/TW", "hoá"):
            for h in hits(db, q, 20)["hits"]:
                data = open(os.path.join(CORPUS, os.path.basename(h["doc"]["file"])), "rb").read()
                for s, e in h["highlights"]:
                    word = unicodedata.normalize("NFC", data[s:e].decode("utf-8")).lower()
                    if not word or word[0].isspace() or word[-1].isspace():
                        ok = False
        check("highlight offsets are words of the file", ok)

        # NFD + CRLF + BOM copy gives the same hits and correct offsets
        d2 = os.path.join(tmp, "nfd")
        os.mkdir(d2)
        src = open(os.path.join(CORPUS, "001_73d1dfeeaa6b8b5c.txt"), encoding="utf-8").read()
        nfd = "\ufeff" + unicodedata.normalize("NFD", src).replace("\n", "\r\n")
        open(os.path.join(d2, "001_73d1dfeeaa6b8b5c.txt"), "w", encoding="utf-8", newline="").write(nfd)
        db2 = os.path.join(tmp, "nfd.db")
        rc, out, err = run("index", "--db", db2, d2)
        check("index the NFD+CRLF+BOM copy", rc == 0, err[-300:])
        d3 = os.path.join(tmp, "nfc")
        os.mkdir(d3)
        shutil.copy(os.path.join(CORPUS, "001_73d1dfeeaa6b8b5c.txt"), d3)
        db3 = os.path.join(tmp, "nfc.db")
        run("index", "--db", db3, d3)
        nfd_bytes = open(os.path.join(d2, "001_73d1dfeeaa6b8b5c.txt"), "rb").read()
        nfc_bytes = open(os.path.join(d3, "001_73d1dfeeaa6b8b5c.txt"), "rb").read()
        for q in ("khoa học", "khoa hoc", "Sở Khoa học và Công nghệ", "hoá", "69-KL/TW", "\"đổi mới sáng tạo\""):
            ra, rb = hits(db3, q), hits(db2, q)
            la = [(h["line"], h["section"]) for h in ra["hits"]]
            lb = [(h["line"], h["section"]) for h in rb["hits"]]
            check("NFD copy: same hits for %r" % q, la == lb and len(la) > 0, "%s vs %s" % (la[:5], lb[:5]))
            wa = [unicodedata.normalize("NFC", nfc_bytes[s:e].decode()).lower() for h in ra["hits"] for s, e in h["highlights"]]
            wb = [unicodedata.normalize("NFC", nfd_bytes[s:e].decode()).lower() for h in rb["hits"] for s, e in h["highlights"]]
            check("NFD copy: highlights cover the same words for %r" % q, wa == wb and len(wa) > 0, "%s vs %s" % (wa[:4], wb[:4]))

        # exact vs diacritic-free on a small corpus of our own
        d4 = os.path.join(tmp, "words")
        os.mkdir(d4)
        open(os.path.join(d4, "a.txt"), "w").write("Vườn hoa đẹp nở rộ.\n")
        open(os.path.join(d4, "b.txt"), "w").write("Công nghiệp hóa đất nước.\n")
        open(os.path.join(d4, "c.txt"), "w").write("Phòng cháy chữa hỏa hoạn.\n")
        open(os.path.join(d4, "d.txt"), "w").write("Tỉnh Đồng Tháp hoà nhập.\n")
        db4 = os.path.join(tmp, "words.db")
        run("index", "--db", db4, d4)
        check("'hóa' matches hóa only", files_of(hits(db4, "hóa")) == {"b.txt"})
        check("'hoa' (no diacritics) matches every spelling", files_of(hits(db4, "hoa")) == {"a.txt", "b.txt", "c.txt", "d.txt"})
        check("'hòa' matches hoà (tone placement)", files_of(hits(db4, "hòa")) == {"d.txt"})
        check("'dong thap' folds đ", files_of(hits(db4, "dong thap")) == {"d.txt"})
        check("prefix 'côn*'", files_of(hits(db4, "côn*")) == {"b.txt"})
        check("prefix 'cong*'", files_of(hits(db4, "cong*")) == {"b.txt"})
        check("boolean 'hoa NOT vuon'", files_of(hits(db4, "hoa NOT vuon")) == {"b.txt", "c.txt", "d.txt"})
        check("boolean 'hoa OR nuoc'", files_of(hits(db4, "hoa OR nuoc")) == {"a.txt", "b.txt", "c.txt", "d.txt"})

        # a question is searched for its subject, a long query relaxed; the
        # CLI says both under its hits
        rc, out, err = run("search", "--db", db, "Sở Tài chính bố trí kinh phí là gì?")
        check("a question: the CLI says what it searched for",
              rc == 0 and '(a question: searched for "Sở Tài chính bố trí kinh phí")' in out, out[-300:])
        r = hits(db, "Sở Tài chính bố trí kinh phí thực hiện blockchain", 5)
        check("a long query no passage holds whole: relaxed, its left-out words said",
              r["total"] > 0 and "blockchain" in r.get("words_left_out", ""), json.dumps(r, ensure_ascii=False)[:300])
        rc, out, err = run("search", "--db", db, "Sở Tài chính bố trí kinh phí thực hiện blockchain")
        check("relaxed: the CLI says so", rc == 0 and "too few passages hold every word" in out, out[-300:])

        # a query that cannot be read is a clear error, exit 2
        for q in ('"khoa hoc', "AND", "(a", "a OR"):
            rc, out, err = run("search", "--db", db, q)
            check("bad query %r: exit 2 with a message" % q, rc == 2 and err.startswith("vnplan: ") and "fts5" not in err.lower() and "sql" not in err.lower(), "%d %s" % (rc, err))
        rc, out, err = run("search", "--db", os.path.join(tmp, "none.db"), "khoa")
        check("missing index: exit 3 and says so", rc == 3 and "no index" in err, "%d %s" % (rc, err))
        rc, out, err = run("frobnicate")
        check("unknown command: exit 2", rc == 2)
        rc, out, err = run("search", "--help")
        check("--help: exit 0 on stdout", rc == 0 and "usage" in out)

        # re-index: idempotent and fast
        before = js("docs", "--db", db, "--json")
        s_before = hits(db, "khoa học")
        rc, out, err = run("index", "--db", db, CORPUS)
        check("re-index exits 0", rc == 0)
        check("re-index changes nothing", "0 indexed, 5 unchanged" in err, err)
        after = js("docs", "--db", db, "--json")
        strip = lambda ds: [{k: v for k, v in d.items() if k != "indexed_at"} for d in ds["docs"]]
        check("re-index: same documents", strip(before) == strip(after))
        check("re-index: same search answer", hits(db, "khoa học") == s_before)

        # bad input is reported by name and skipped; the rest is indexed
        d5 = os.path.join(tmp, "bad")
        os.mkdir(d5)
        for f in os.listdir(CORPUS):
            shutil.copy(os.path.join(CORPUS, f), d5)
        open(os.path.join(d5, "invalid.txt"), "wb").write("Kế hoạch \xff\xfe hỏng".encode("latin-1", "replace") + b"\xc3\x28 bad")
        open(os.path.join(d5, "binary.md"), "wb").write(b"\x7fELF\x00\x01\x02" * 100)
        open(os.path.join(d5, "empty.txt"), "wb").write(b"")
        open(os.path.join(d5, "overlong.txt"), "wb").write(b"abc \xc0\xaf def")
        db5 = os.path.join(tmp, "bad.db")
        rc, out, err = run("index", "--db", db5, d5)
        check("bad files: exit 1 (some skipped)", rc == 1, "%d %s" % (rc, err))
        for name in ("invalid.txt", "binary.md", "empty.txt", "overlong.txt"):
            check("bad file %s named in a warning" % name, ("skipping %s" % os.path.join(d5, name)) in err, err)
        check("bad files: the five plans are indexed", len(js("docs", "--db", db5, "--json")["docs"]) == 5)

        # a changed file is replaced, a removed one dropped with --prune
        p = os.path.join(d5, "004_a36b9e1c40dbc1da.txt")
        open(p, "a", encoding="utf-8").write("\nPhụ lục bổ sung: xylophone.\n")
        rc, out, err = run("index", "--db", db5, d5)
        check("changed file re-indexed", "1 indexed" in err and len(hits(db5, "xylophone")["hits"]) == 1, err)
        os.remove(os.path.join(d5, "003_73f60b95696b55b5.txt"))
        rc, out, err = run("index", "--db", db5, "--prune", d5)
        check("--prune drops the removed file", "1 removed" in err and len(js("docs", "--db", db5, "--json")["docs"]) == 4, err)
        check("pruned file no longer found", "003_73f60b95696b55b5.txt" not in files_of(hits(db5, "khoa hoc")))
        # the per-province counts kept across re-index and prune equal a fresh index
        db7 = os.path.join(tmp, "fresh.db")
        run("index", "--db", db7, d5)
        check("who counts after changes equal a fresh index",
              js("agencies", "--db", db5, "--json") == js("agencies", "--db", db7, "--json"))
        strip_inst = lambda r: [(i["key"], i["scope"], i["citations"], i["docs"],
                                 [(d["date"], d["count"]) for d in i["dates"]]) for i in r["instruments"]]
        check("instrument counts after changes equal a fresh index",
              strip_inst(js("instruments", "--db", db5, "--json")) == strip_inst(js("instruments", "--db", db7, "--json")))
        r5, r7 = js("refs", "--db", db5, "--json", "20-NQ/TW"), js("refs", "--db", db7, "--json", "20-NQ/TW")
        check("refs totals after changes equal a fresh index",
              (r5["total"], r5["docs_total"]) == (r7["total"], r7["docs_total"]) and r5["docs_total"] == 3, str((r5["total"], r5["docs_total"])))
        for ag in ("Sở Tài chính", "Sở Nội vụ", "Sở Khoa học và Công nghệ"):
            a1, a2 = js("who", "--db", db5, "--json", ag), js("who", "--db", db7, "--json", ag)
            strip = lambda w: [(p["province"], p["lead"], p["support"], p["docs"]) for p in w["provinces"]]
            check("who %s after changes equals a fresh index" % ag, strip(a1) == strip(a2), "%s vs %s" % (strip(a1), strip(a2)))
        # a plan written in another style (Markdown header block and table,
        # "Giao X chủ trì", "Đề nghị X", aliases), not one of the seeds
        db6 = os.path.join(tmp, "other.db")
        rc, out, err = run("index", "--db", db6, os.path.join(ROOT, "tests/data/plans"))
        check("other plan: indexed", rc == 0, err)
        d = js("docs", "--db", db6, "--json")["docs"][0]
        check("other plan: metadata", (d["province"], d["number"], d["date"], d["kind"]) ==
              ("Đồng Tháp", "145/KH-UBND", "2023-06-05", "Kế hoạch"), str(d))
        tasks = js("tasks", "--db", db6, "--json", "--limit", "50")["tasks"]
        roles = {(a, "lead") for t in tasks for a in t["lead"]} | {(a, "support") for t in tasks for a in t["support"]}
        for want in (("Sở Công Thương", "lead"), ("Sở Kế hoạch và Đầu tư", "support"),
                     ("Sở Nông nghiệp và Phát triển nông thôn", "lead"), ("Sở Khoa học và Công nghệ", "support"),
                     ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "lead"), ("Sở Lao động, Thương binh và Xã hội", "lead"),
                     ("Sở Giáo dục và Đào tạo", "support"), ("Sở Thông tin và Truyền thông", "lead"),
                     ("Hiệp hội Doanh nghiệp tỉnh", "support")):
            check("other plan: %s is %s" % want, want in roles, str(sorted(roles)))
        check("other plan: recipients get no task", not any(a == "Sở Y tế" for a, _ in roles))
        w = js("who", "--db", db6, "--json", "so nn&ptnt")
        check("who with an alias typed without diacritics", w["agency"]["name"] == "Sở Nông nghiệp và Phát triển nông thôn"
              and w["provinces"][0]["lead"] == 1 and w["agency"]["successor"] == "Sở Nông nghiệp và Môi trường", str(w)[:300])
        r = js("refs", "--db", db6, "--json", "Nghị quyết số 167/NQ-CP")
        check("refs: basis relation and date", r["citations"] and r["citations"][0]["relation"] == "basis"
              and r["citations"][0]["date"] == "2022-12-28", str(r)[:300])
        r = js("refs", "--db", db6, "--json", "45-CTr/TU")
        check("refs: local instrument scoped to its province", r["instruments"] and r["instruments"][0]["scope"] == "Đồng Tháp")
        check("refs: a date of another term excludes the plan", js("refs", "--db", db6, "--json", "29-NQ/TW ngày 01/11/2012")["citations"] == [])
        check("tasks --province with the 2025 unit name",
              js("tasks", "--db", db6, "--json", "--province", "Đồng Tháp")["total"] == len(tasks))
        # a task longer than an answer shows: cut at a word, marked, valid UTF-8
        d8 = os.path.join(tmp, "long")
        os.mkdir(d8)
        with open(os.path.join(d8, "plan.txt"), "w", encoding="utf-8") as f:
            f.write("ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\n\nKẾ HOẠCH\n\n1. Sở Tài chính chủ trì, phối hợp với"
                    " Sở Nội vụ tham mưu " + "bố trí kinh phí thực hiện " * 400 + ".\n")
        db8 = os.path.join(tmp, "long.db")
        run("index", "--db", db8, d8)
        t = js("tasks", "--db", db8, "--json")["tasks"]
        check("long task text cut at a word and marked", len(t) == 1 and t[0]["text"].endswith(" …")
              and len(t[0]["text"].encode()) <= 4010 and t[0]["text"].startswith("Sở Tài chính chủ trì"),
              str(t)[:200])
        # one agency however its name's case is written across files
        d9 = os.path.join(tmp, "case")
        os.mkdir(d9)
        for n, v in ((1, "Thành phố"), (2, "thành phố")):
            with open(os.path.join(d9, "d%d.txt" % n), "w", encoding="utf-8") as f:
                f.write("ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\n\nKẾ HOẠCH\n\n1. Sở Tài chính chủ trì xây dựng cơ sở dữ"
                        " liệu tài chính, phối hợp với Trung tâm Chuyển đổi số %s.\n" % v)
        db9 = os.path.join(tmp, "case.db")
        run("index", "--db", db9, d9)
        names = [a["name"] for a in js("agencies", "--db", db9, "--json")["agencies"]]
        check("agencies: one record for names that differ only in case",
              sum(1 for a in names if a.lower() == "trung tâm chuyển đổi số thành phố") == 1, str(names))
        # a number two documents bear: both named, none picked
        d10 = os.path.join(tmp, "twins")
        os.makedirs(d10)
        for f, prov in (("a.md", "BÌNH THUẬN"), ("b.md", "ĐỒNG THÁP")):
            with open(os.path.join(d10, f), "w", encoding="utf-8") as fh:
                fh.write("ỦY BAN NHÂN DÂN\nTỈNH %s\n\nSố: 80/2025/QĐ-UBND\n\nQUYẾT ĐỊNH\n\n"
                         "Điều 1. Sở Tài chính chủ trì rà soát tài sản công.\n" % prov)
        db10 = os.path.join(tmp, "twins.db")
        run("index", "--db", db10, d10)
        rc, out, err = run("doc", "--db", db10, "80/2025/QĐ-UBND")
        check("doc by a number two documents bear: exit 1 naming both",
              rc == 1 and "a.md" in err and "b.md" in err, err)
        # an error that quotes a very long name is cut on a character, and
        # its JSON still reads
        rc, out, err = run("who", "--db", db9, "--json", "Sở Tài chính " * 500)
        try:
            msg = json.loads(out)["error"]["message"]
        except (ValueError, KeyError):
            msg = None
        check("a long name's error: valid JSON, cut and marked, exit 1",
              rc == 1 and msg is not None and msg.endswith("…"), out[-120:])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
