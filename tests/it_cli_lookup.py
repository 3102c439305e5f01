#!/usr/bin/env python3
"""it_cli_lookup.py — the command line as a new user meets it, on the seed
corpus: instruments typed loosely (NQ 20, nghị quyết 20, 20/NQ-TW, QĐ 709),
agencies by prefix, without diacritics and with a typo, each command's
options and their errors, --json errors, exit statuses, CSV/TSV/NDJSON
equal to the JSON answer, filters, documents by number, no markers in a
pipe. Prints 'N passed, N failed'."""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error

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


def run(*args, env=None):
    e = dict(os.environ)
    e.pop("NO_COLOR", None)
    if env:
        e.update(env)
    p = subprocess.run([BIN] + list(args), capture_output=True, timeout=300, env=e)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def js(*args):
    rc, out, err = run(*args)
    if rc != 0:
        raise RuntimeError("%s: exit %d: %s %s" % (args, rc, err[-300:], out[-300:]))
    return json.loads(out)


def main():
    tmp = tempfile.mkdtemp(prefix="vnplan-lookup-")
    try:
        db = os.path.join(tmp, "seed.db")
        rc, out, err = run("index", "--db", db, CORPUS)
        check("index the seed corpus", rc == 0, err[-300:])
        D = ["--db", db]

        # instruments as people type them
        for q, key in (("nghị quyết 20", "20-NQ/TW"), ("nghi quyet 20", "20-NQ/TW"), ("NQ 20", "20-NQ/TW"),
                       ("NQ 20/TW", "20-NQ/TW"), ("20/NQ-TW", "20-NQ/TW"), ("KL 69", "69-KL/TW"),
                       ("Kết luận 69", "69-KL/TW"), ("QĐ 709", "709/QĐ-TTg"), ("qd 709", "709/QĐ-TTg"),
                       ("Quyết định 709 năm 2024", "709/QĐ-TTg"), ("Quyết định 709 của Thủ tướng", "709/QĐ-TTg"),
                       ("Kế hoạch 472", "472-KH/TU")):
            try:
                r = js("refs", *D, "--json", q)
                keys = {i["key"] for i in r["instruments"]}
                check("refs %r resolves to %s" % (q, key), keys == {key} and r["total"] > 0
                      and r.get("interpreted_as") == key, str((keys, r.get("interpreted_as"), r["total"])))
            except Exception as e:  # noqa: BLE001
                check("refs %r resolves to %s" % (q, key), False, str(e))
        # a name or a number left empty is misuse (exit 2), not a name the index lacks
        for cmd in ("who", "doc", "refs", "instrument"):
            rc, out, err = run(cmd, *D, "  ")
            check("%s with an empty argument: exit 2 saying so" % cmd, rc == 2 and "empty argument" in err, err)
        rc, out, err = run("agencies", *D, "--json", "zzzz")
        check("agencies with a prefix no name fits: exit 1 under --json, a JSON error",
              rc == 1 and json.loads(out)["error"]["exit"] == 1, out + err)
        i = js("instrument", *D, "--json", "KL 69")
        check("instrument 'KL 69' is 69-KL/TW", i.get("interpreted_as") == "69-KL/TW" and i["implemented_by"], str(i)[:200])
        rc, out, err = run("instrument", *D, "472")
        check("instrument '472': several, exit 1 naming them", rc == 1 and "472-KH/TU" in err and "472/QĐ-UBND" in err, err)
        exact = js("refs", *D, "--json", "20-NQ/TW")
        loose = js("refs", *D, "--json", "NQ 20")
        check("NQ 20 cites the same passages as 20-NQ/TW",
              [(c["doc"]["file"], c["line"]) for c in exact["citations"]] ==
              [(c["doc"]["file"], c["line"]) for c in loose["citations"]] and "interpreted_as" not in exact)
        r = js("refs", *D, "--json", "472")
        check("a bare number with two instruments lists candidates with issuer and date",
              sorted(c["key"] for c in r.get("candidates", [])) == ["472-KH/TU", "472/QĐ-UBND"]
              and all(c["issuer_body"] and c["dates"] for c in r["candidates"]) and r["citations"] == [], str(r)[:300])
        # a year stated is part of the number: one that fits none finds nothing, the other year suggested
        for q in ("Quyết định 709 năm 2022", "709/2022/QĐ-TTg"):
            rc, out, err = run("refs", *D, q)
            check("refs %r (709/QĐ-TTg is of 2024): exit 1, nothing cited, 709/QĐ-TTg suggested" % q,
                  rc == 1 and "did you mean" in out and "709/QĐ-TTg" in out and "line " not in out,
                  "%d %s %s" % (rc, out, err))
        rc, out, err = run("refs", *D, "NQ 21")
        check("refs of an uncited number: exit 1, the nearest suggested", rc == 1 and "did you mean" in out
              and "20-NQ/TW" in out, "%d %s %s" % (rc, out, err))
        rc, out, err = run("refs", *D, "--json", "Nghị quyết số 57-NQ/TW")
        e = json.loads(out) if out.strip() else {}
        check("--json refs of an uncited number: error object with suggestions, exit 1",
              rc == 1 and e.get("error", {}).get("code") == "not_found" and e["error"]["suggestions"], out)
        r = js("refs", *D, "--json", "69-KL/TW")
        seen = [(c["doc"]["file"], c["passage"], c["instrument"]) for c in r["citations"]]
        check("refs lists a passage once per instrument", len(seen) == len(set(seen)), str(len(seen)))
        check("refs never lists an alias definition as a citation",
              all(c["relation"] != "alias" for c in r["citations"]))
        check("refs: relations of a passage together", any(len(c["relations"]) > 1 for c in r["citations"])
              or all(len(c["relations"]) == 1 for c in r["citations"]))

        # the parts of a number are searchable; the number stays one term
        def marked(q):
            r = js("search", *D, "--json", "-n", "200", q)
            return r["total"], {h["snippet"].split("<mark>", 1)[1].split("</mark>", 1)[0] for h in r["hits"] if "<mark>" in h["snippet"]}
        n, m = marked("NQ/TW")
        check("search NQ/TW finds every Party resolution", n > 0 and {"20-NQ/TW", "29-NQ/TW"} <= m
              and all(x.endswith("-NQ/TW") for x in m), str(m))
        n, m = marked("QĐ-TTg")
        check("search QĐ-TTg finds the Prime Minister's decisions", n > 0 and "709/QĐ-TTg" in m
              and all(x.endswith("/QĐ-TTg") for x in m), str(m))
        check("search QD-TTg typed in ASCII too", marked("QD-TTg")[1] == m)
        n69, m = marked("69")
        check("search 69 finds 69-KL/TW", "69-KL/TW" in m, str(m))
        check("search 69-KL* finds 69-KL/TW", marked("69-KL*")[1] == {"69-KL/TW"})
        check("69-KL/TW stays one term", marked("69-KL/TW")[1] == {"69-KL/TW"} and marked("50-KL/TW")[1] == {"50-KL/TW"})
        check("tw and kl alone still find no number", marked("tw")[0] == 0 and marked("kl")[0] == 0)

        # a search that finds nothing says what would
        r = js("search", *D, "--json", "dổi mới")
        check("'dổi mới' (d for đ): no hits, the query without diacritics suggested",
              r["total"] == 0 and r.get("suggestion", {}).get("query") == "doi moi" and r["suggestion"]["total"] > 0, str(r.get("suggestion")))
        r = js("search", *D, "--json", "khoa hocj")
        check("'khoa hocj': did you mean 'khoa hoc'", r.get("suggestion", {}).get("query") == "khoa hoc"
              and r["suggestion"]["why"] == "spelling", str(r.get("suggestion")))
        rc, out, err = run("search", *D, "khoa hocj")
        check("text: did you mean, exit 0", rc == 0 and 'did you mean "khoa hoc"' in out, out)
        check("a query with hits has no suggestion", "suggestion" not in js("search", *D, "--json", "khoa hoc"))

        # agencies as people type them
        for q, name in (("Sở Giáo dục", "Sở Giáo dục và Đào tạo"), ("so giao duc", "Sở Giáo dục và Đào tạo"),
                        ("Sở Tài chánh", "Sở Tài chính"), ("Tài chính", "Sở Tài chính"),
                        ("so tai chinh", "Sở Tài chính"), ("Sở Khoa hoc", "Sở Khoa học và Công nghệ")):
            try:
                w = js("who", *D, "--json", q)
                check("who %r is %s" % (q, name), w["agency"]["name"] == name and w["provinces"], str(w["agency"]))
            except Exception as e:  # noqa: BLE001
                check("who %r is %s" % (q, name), False, str(e))
        # a ministry typed is never read as the department of its name
        for q, wrong in (("Bộ Tài chính", "Sở Tài chính"), ("Bộ Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo")):
            rc, out, err = run("who", *D, "--json", q)
            got = json.loads(out) if out.strip() else {}
            check("who %r is not %s" % (q, wrong), (got.get("agency") or {}).get("name") != wrong
                  and got.get("interpreted_as") != wrong, out[:200])
        rc, out, err = run("who", *D, "Sở")
        check("who with many fits: exit 1, did you mean with at most five", rc == 1 and "did you mean" in err
              and err.count(";") <= 6, "%d %s" % (rc, err))
        rc, out, err = run("who", *D, "--json", "Sở")
        e = json.loads(out) if out.strip() else {}
        check("--json who: error object with suggestions", rc == 1 and 0 < len(e.get("error", {}).get("suggestions", [])) <= 5, out)
        rc, out, err = run("who", *D, "--json", "zzz qqq")
        check("who of nothing known: exit 1, JSON error", rc == 1 and json.loads(out)["error"]["exit"] == 1, out)
        # a province typed with its unit word after the name: its documents only
        w = js("who", *D, "--json", "Sở Tài chính tỉnh Tuyên Quang")
        check("who 'Sở Tài chính tỉnh Tuyên Quang': Tuyên Quang only, said",
              [x["province"] for x in w["provinces"]] == ["Tuyên Quang"] and w.get("province_read") == "Tuyên Quang"
              and w["agency"]["name"] == "Sở Tài chính", str(w)[:300])
        w = js("who", *D, "--json", "so tai chinh tinh Lam Dong")
        check("who '… tinh Lam Dong': the 2025 unit's members (Bình Thuận)",
              [x["province"] for x in w["provinces"]] == ["Bình Thuận"] and w.get("province_read") == "Lâm Đồng", str(w)[:300])
        w = js("who", *D, "--json", "Sở Tài chính")
        check("who without a province: every province, none read", len(w["provinces"]) > 1 and "province_read" not in w,
              str(w)[:200])
        a = js("agencies", *D, "--json", "so giao")
        check("agencies PREFIX: typeahead names", a["agencies"] and a["agencies"][0]["name"] == "Sở Giáo dục và Đào tạo", str(a)[:200])

        # options per command
        for args, what in ((["who", *D, "--province", "Tuyên Quang", "Sở Tài chính"], "who --province"),
                           (["search", *D, "--provinse", "x", "y"], "misspelt option"),
                           (["docs", *D, "--offset", "3"], "docs --offset"),
                           (["search", *D, "--limit", "abc", "x"], "--limit abc"),
                           (["search", *D, "--format", "xml", "x"], "--format xml"),
                           (["doc", *D, "--format", "csv", "1"], "doc --format csv"),
                           (["search", *D], "search without a query"),
                           (["search", *D, "a", "b"], "search with two queries")):
            rc, out, err = run(*args)
            check("%s: exit 2 with a message" % what, rc == 2 and err.startswith("vnplan: "), "%d %s" % (rc, err))
        rc, out, err = run("search", *D, "--provinse", "x", "y")
        check("misspelt option: did you mean", "--province" in err, err)
        rc, out, err = run("serach", "x")
        check("misspelt command: did you mean, exit 2", rc == 2 and "did you mean search" in err, err)
        for cmd in ("index", "search", "refs", "who", "tasks", "docs", "doc", "instruments", "instrument", "agencies", "health"):
            rc, out, err = run(cmd, "-h")
            check("%s -h: usage and examples on stdout, exit 0" % cmd, rc == 0 and out.startswith("usage: vnplan %s" % cmd)
                  and "examples:" in out, "%d %s" % (rc, out[:200]))
        check("--limit=5 and -n 5 and -n5", len(js("search", *D, "--json", "--limit=5", "khoa")["hits"]) == 5
              and len(js("search", *D, "--json", "-n", "5", "khoa")["hits"]) == 5
              and len(js("search", *D, "--json", "-n5", "khoa")["hits"]) == 5)
        rc, out, err = run("--version")
        check("--version", rc == 0 and out.startswith("vnplan ") and len(out.split()) == 2, out)

        # filters do filter
        r = js("search", *D, "--json", "--limit", "200", "--province", "Tuyên Quang", "ngan sach")
        check("search --province keeps that province only", r["hits"] and {h["doc"]["province"] for h in r["hits"]} == {"Tuyên Quang"}
              and r["total"] == len(r["hits"]), str({h["doc"]["province"] for h in r["hits"]}))
        allp = js("search", *D, "--json", "--limit", "200", "ngan sach")
        check("without --province more provinces", len({h["doc"]["province"] for h in allp["hits"]}) > 1)
        r = js("refs", *D, "--json", "--province", "Bình Thuận", "69-KL/TW")
        check("refs --province", r["citations"] and {c["doc"]["province"] for c in r["citations"]} == {"Bình Thuận"})
        r = js("docs", *D, "--json", "--since", "2024")
        check("docs --since 2024", r["docs"] and all((d["date"] or "") >= "2024" for d in r["docs"]), str([d["date"] for d in r["docs"]]))
        r = js("docs", *D, "--json", "--year", "2020")
        check("docs --year 2020", [d["date"][:4] for d in r["docs"]] == ["2020"], str(r["docs"]))
        r = js("docs", *D, "--json", "--kind", "ke hoach")
        check("docs --kind 'ke hoach'", len(r["docs"]) == 5)
        r = js("tasks", *D, "--json", "--agency", "Sở Tài chính", "--province", "Tuyên Quang")
        check("tasks --agency --province", r["total"] > 0 and all(t["province"] == "Tuyên Quang" for t in r["tasks"]))
        r = js("tasks", *D, "--json", "--doc", "222/KH-UBND", "--limit", "200")
        check("tasks --doc by number", r["total"] > 0 and {t["doc"]["number"] for t in r["tasks"]} == {"222/KH-UBND"}, str(r["total"]))
        r = js("search", *D, "--json", "--agency", "Sở Ngoại vụ", "khoa")
        check("search --agency keeps documents that task the agency", r["hits"] and
              {h["doc"]["province"] for h in r["hits"]} == {"Bà Rịa - Vũng Tàu"}, str({h["doc"]["province"] for h in r["hits"]}))
        rc, out, err = run("search", *D, "--json", "--province", "Atlantis", "khoa")
        check("unknown province: exit 1, JSON error on stdout", rc == 1 and json.loads(out)["error"]["code"] == "not_found", "%d %s" % (rc, out))
        check("--agency takes a loosely typed agency too", len(js("docs", *D, "--json", "--agency", "so tai chanh")["docs"]) ==
              len(js("docs", *D, "--json", "--agency", "Sở Tài chính")["docs"]) > 0)
        rc, out, err = run("docs", *D, "--until", "2024-13")
        check("a month 13: exit 2", rc == 2, "%d %s" % (rc, err))
        rc, out, err = run("docs", *D, "--since", "last week")
        check("a date that cannot be read: exit 2", rc == 2, "%d %s" % (rc, err))

        # --json errors, exit statuses
        rc, out, err = run("search", "--db", os.path.join(tmp, "none.db"), "--json", "khoa")
        e = json.loads(out) if out.strip() else {}
        check("missing index under --json: exit 3, error object on stdout", rc == 3 and e.get("error", {}).get("exit") == 3, out)
        rc, out, err = run("search", *D, "--json", '"khoa hoc')
        check("bad query under --json: exit 2, error object", rc == 2 and json.loads(out)["error"]["code"] == "usage", out)
        rc, out, err = run("doc", *D, "--json", "nope.txt")
        check("unknown document under --json: exit 1", rc == 1 and json.loads(out)["error"]["code"] == "not_found", out)
        rc, out, err = run("instrument", *D, "--json", "57-NQ/TW")
        check("unknown instrument: exit 1", rc == 1, "%d" % rc)

        # documents by number, named by number and province
        d = js("doc", *D, "--json", "222/KH-UBND")
        check("doc 222/KH-UBND finds the plan", d["doc"]["number"] == "222/KH-UBND" and d["doc"]["label"] == "222/KH-UBND · Tuyên Quang")
        d2 = js("doc", *D, "--json", "222/kh-ubnd")
        check("doc by number typed in lower case", d2["doc"]["id"] == d["doc"]["id"])
        rows = [(i["line"], i["key"]) for i in d["instruments"]]
        check("doc lists a passage once per instrument, no alias", len(rows) == len(set(rows))
              and all("alias" not in i["relations"] for i in d["instruments"]), str(len(rows)))
        rc, out, err = run("search", *D, "-n", "3", "khoa học")
        check("text names documents by number and province", "222/KH-UBND · Tuyên Quang" in out or "3229/KH-UBND · Bình Thuận" in out or "· " in out, out[:300])
        check("no [[ ]] markers in a pipe", "[[" not in out and "\033[" not in out, out[:200])
        rc, out, err = run("search", *D, "--color=always", "-n", "3", "khoa học")
        check("--color=always colours the marks", "\033[1;33m" in out)
        rc, out, err = run("search", *D, "--color=never", "-n", "3", "khoa học")
        check("--color=never", "\033[" not in out)
        rc, out, err = run("search", *D, "-n", "1", "khoa học")
        check("plural and range: '1–1 of N passages'", "1–1 of " in out and " passages" in out, out[-100:])
        rc, out, err = run("search", *D, "--offset", "999", "khoa học")
        check("past the end: no '0–999'", "0–999" not in out and "none listed" in out, out[-120:])
        rc, out, err = run("who", *D, "-n", "1", "Sở Tài chính")
        check("who: '+N more' where the list is cut", "more" in out, out[-300:])

        # rows: CSV equal to JSON, TSV, NDJSON
        j = js("tasks", *D, "--json", "--limit", "50")
        rc, out, err = run("tasks", *D, "--limit", "50", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        check("tasks CSV: header and one row per task", rc == 0 and len(rows) == len(j["tasks"]) and
              list(rows[0].keys())[:3] == ["document", "file", "province"], str(rows[:1]))
        check("tasks CSV equals the JSON answer", all(r["text"] == t["text"] and r["line"] == str(t["line"])
              and r["lead"] == "; ".join(t["lead"]) and r["file"] == t["doc"]["file"] for r, t in zip(rows, j["tasks"])))
        check("CSV quotes per RFC 4180 (CRLF rows)", "\r\n" in out)
        rc, out, err = run("docs", *D, "--format", "tsv")
        lines = out.rstrip("\n").split("\n")
        check("docs TSV: header and five rows", rc == 0 and len(lines) == 6 and all(l.count("\t") == 9 for l in lines), str(lines[:2]))
        rc, out, err = run("search", *D, "--format", "ndjson", "-n", "4", "khoa")
        objs = [json.loads(l) for l in out.splitlines() if l.strip()]
        check("search NDJSON: one hit object a line", len(objs) == 4 and all("doc" in o for o in objs))
        rc, out, err = run("refs", *D, "--format", "csv", "KL 69")
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        check("refs CSV", rc == 0 and rows and all(r["instrument"] == "69-KL/TW" for r in rows))
        rc, out, err = run("who", *D, "--format", "csv", "Sở Tài chính")
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        w = js("who", *D, "--json", "Sở Tài chính")
        check("who CSV equals JSON provinces", [(r["province"], int(r["lead"]), int(r["support"])) for r in rows] ==
              [(p["province"], p["lead"], p["support"]) for p in w["provinces"]])

        # export for other engines: _bulk NDJSON pairs, the template, CSV tables
        rc, out, err = run("export", *D, "--format", "ndjson")
        lines = out.splitlines()
        ok = rc == 0 and len(lines) > 0 and len(lines) % 2 == 0
        kinds = {}
        for k in range(0, len(lines) - 1, 2):
            act, rec = json.loads(lines[k]), json.loads(lines[k + 1])
            ok = ok and set(act) == {"index"} and act["index"]["_index"].startswith("vnplan-") and "_id" in act["index"] and "id" in rec
            kinds[act["index"]["_index"]] = kinds.get(act["index"]["_index"], 0) + 1
        check("export ndjson: every line pair a bulk action and its record", ok, "%d %s" % (rc, err[-200:]))
        ndocs = len(js("docs", *D, "--json")["docs"])
        check("export ndjson: four indices, one record per document", set(kinds) ==
              {"vnplan-docs", "vnplan-passages", "vnplan-citations", "vnplan-tasks"} and kinds["vnplan-docs"] == ndocs, str(kinds))
        rc, out, err = run("export", *D, "--template")
        t = json.loads(out) if rc == 0 else {}
        check("export --template: an index template with the folding analyzer", t.get("index_patterns") == ["vnplan-*"]
              and "vnplan_folded" in t["template"]["settings"]["analysis"]["analyzer"])
        outdir = os.path.join(tmp, "tables")
        rc, out, err = run("export", *D, "--format", "csv", "--out", outdir)
        tables = {}
        for name in ("docs", "passages", "citations", "tasks"):
            path = os.path.join(outdir, name + ".csv")
            tables[name] = list(csv.DictReader(open(path, encoding="utf-8", newline=""))) if os.path.exists(path) else None
        check("export csv: four tables", rc == 0 and all(v is not None for v in tables.values()), err)
        check("export csv: documents and tasks equal the answers", tables["docs"] and len(tables["docs"]) == ndocs
              and len(tables["tasks"]) == js("tasks", *D, "--json")["total"]
              and len(tables["tasks"]) == kinds.get("vnplan-tasks"))
        rc, out, err = run("export", *D, "--format", "csv")
        check("export csv without --out: exit 2", rc == 2, "%d" % rc)

        # the same lookups over HTTP: /api/refs shares the query layer,
        # /api/agencies?prefix= is the page's typeahead, filters as params
        import socket, time, urllib.request, urllib.parse
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        sock.close()
        srv = subprocess.Popen([BIN, "serve", "--db", db, "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            def get(path):
                for _ in range(100):
                    try:
                        with urllib.request.urlopen("http://127.0.0.1:%d%s" % (port, path), timeout=10) as f:
                            return json.loads(f.read().decode())
                    except urllib.error.HTTPError:
                        raise
                    except OSError:
                        time.sleep(0.1)
                return {}
            r = get("/api/refs?q=" + urllib.parse.quote("NQ 20"))
            check("/api/refs?q=NQ 20 resolves to 20-NQ/TW", r.get("interpreted_as") == "20-NQ/TW" and r.get("total", 0) > 0, str(r)[:200])
            r = get("/api/agencies?prefix=" + urllib.parse.quote("so giao"))
            check("/api/agencies?prefix=so giao", r.get("agencies") and r["agencies"][0]["name"] == "Sở Giáo dục và Đào tạo", str(r)[:200])
            r = get("/api/search?q=ngan%20sach&province=" + urllib.parse.quote("Tuyên Quang"))
            check("/api/search with province", r.get("hits") and {h["doc"]["province"] for h in r["hits"]} == {"Tuyên Quang"})
        finally:
            srv.terminate()
            srv.wait(timeout=30)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
