#!/usr/bin/env python3
"""it_server_client.py — drives a real `vnplan serve` (usage: BIN CORPUS_DIR).

Indexes the corpus into a temporary index, starts the server on a free port
of 127.0.0.1, then checks: every endpoint answers the same object as the
CLI's --json for the same question (took_ms aside), answers from the seed
corpus are not empty, every error status (400, 404, 405, 413, 414, 503)
comes as JSON {"error": {"code", "message"}}, ETag/304, CORS, headers,
hostile input, slow clients, concurrent clients during a re-index, a clean
stop on SIGTERM, and (tests/it_server_browser.py) the page in headless
Chromium. Prints "N passed, N failed" last; exit status 1 on any failure.
Not for unit-testing the query layer's answers in detail.
"""
import concurrent.futures
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import urllib.parse

BIN, CORPUS = sys.argv[1], sys.argv[2]
ALLOWED_ORIGIN = "http://allowed.example"
HERE = os.path.dirname(os.path.abspath(__file__))
passed = failed = 0


def check(desc, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {desc}" + (f": {detail}" if detail else ""), flush=True)
    return cond


# ---- the server ------------------------------------------------------------


class Server:
    """A `vnplan serve` child; its stderr is collected in self.log."""

    def __init__(self, db, *extra):
        self.log = []
        self.proc = subprocess.Popen(
            [BIN, "serve", "--db", db, "--port", "0", *extra],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            encoding="utf-8", errors="replace")
        self.port = None
        got_port = threading.Event()

        def reader():
            for line in self.proc.stderr:
                self.log.append(line)
                m = re.search(r"serving http://127\.0\.0\.1:(\d+)/", line)
                if m and self.port is None:
                    self.port = int(m.group(1))
                    got_port.set()
            got_port.set()

        self.thread = threading.Thread(target=reader, daemon=True)
        self.thread.start()
        got_port.wait(20)
        if self.port is None:
            raise RuntimeError("server did not start: " + "".join(self.log))
        deadline = time.time() + 15
        while time.time() < deadline:
            try:
                if request(self.port, "/api/health")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("no /api/health answer: " + "".join(self.log))

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.thread.join(5)
        return rc


def request(port, target, method="GET", headers=None, body=None, timeout=20):
    """(status, headers dict with lower-case names, body bytes)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, target, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def raw_request(port, data, timeout=10):
    """Send raw bytes, return (status or None, whole answer bytes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        try:
            while True:
                c = s.recv(65536)
                if not c:
                    break
                chunks.append(c)
        except (ConnectionResetError, socket.timeout):
            pass
    answer = b"".join(chunks)
    m = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
    return (int(m.group(1)) if m else None), answer


def get_json(port, target, **kw):
    status, headers, body = request(port, target, **kw)
    try:
        obj = json.loads(body.decode("utf-8")) if body else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        obj = None
    return status, headers, obj


def q(s):
    return urllib.parse.quote(s, safe="")


def cli_json(db, *args):
    r = subprocess.run([BIN, *args[:1], "--db", db, "--json", *args[1:]],
                       capture_output=True, timeout=60)
    try:
        return r.returncode, json.loads(r.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return r.returncode, None


def strip_transport(obj):
    if isinstance(obj, dict):
        obj = {k: v for k, v in obj.items() if k != "took_ms"}
    return obj


# ---- the checks ----------------------------------------------------------------


def check_same_as_cli(port, db):
    """Each API answer equals the CLI's --json for the same question."""
    cases = [
        ("/api/search?q=" + q("khoa hoc"), ["search", "khoa hoc"]),
        ("/api/search?q=" + q("khoa học và công nghệ") + "&limit=3&offset=2",
         ["search", "--limit", "3", "--offset", "2", "khoa học và công nghệ"]),
        ("/api/search?q=" + q("69-KL/TW"), ["search", "69-KL/TW"]),
        ("/api/refs?q=" + q("69-KL/TW"), ["refs", "69-KL/TW"]),
        ("/api/refs?q=" + q("Nghị quyết số 20-NQ/TW"),
         ["refs", "Nghị quyết số 20-NQ/TW"]),
        ("/api/who?agency=S%E1%BB%9F%20T%C3%A0i%20ch%C3%ADnh",
         ["who", "Sở Tài chính"]),
        ("/api/who?agency=" + q("Sở Khoa học và Công nghệ"),
         ["who", "Sở Khoa học và Công nghệ"]),
        ("/api/tasks", ["tasks"]),
        ("/api/tasks?agency=" + q("Sở Tài chính") + "&limit=5",
         ["tasks", "--agency", "Sở Tài chính", "--limit", "5"]),
        ("/api/docs", ["docs"]),
        ("/api/instruments", ["instruments"]),
        ("/api/agencies", ["agencies"]),
    ]
    answers = {}
    for target, args in cases:
        status, headers, obj = get_json(port, target)
        rc, want = cli_json(db, *args)
        check(f"{target}: 200", status == 200, f"got {status} {obj}")
        check(f"{target}: has took_ms", isinstance(obj, dict)
              and isinstance(obj.get("took_ms"), (int, float)))
        check(f"{target}: CLI --json exits 0", rc == 0, f"rc {rc}")
        check(f"{target}: same object as `vnplan {' '.join(args)} --json`",
              strip_transport(obj) == strip_transport(want),
              f"\n  api: {json.dumps(strip_transport(obj), ensure_ascii=False)[:300]}"
              f"\n  cli: {json.dumps(strip_transport(want), ensure_ascii=False)[:300]}")
        answers[target] = obj or {}

    # one document and one instrument by id / key, keys with '/' URL-encoded
    docs = (answers.get("/api/docs") or {}).get("docs") or []
    check("the seed corpus gives 5 documents", len(docs) == 5, f"{len(docs)}")
    if docs:
        did = str(docs[0]["id"])
        status, _, obj = get_json(port, "/api/docs/" + q(did))
        _, want = cli_json(db, "doc", did)
        check("/api/docs/{id} = vnplan doc --json", status == 200 and
              strip_transport(obj) == strip_transport(want), f"{status}")
    insts = (answers.get("/api/instruments") or {}).get("instruments") or []
    check("the seed corpus cites instruments", len(insts) > 0)
    slash = [i["key"] for i in insts if "/" in i.get("key", "")]
    if slash:
        key = slash[0]
        status, _, obj = get_json(port, "/api/instruments/" + q(key))
        _, want = cli_json(db, "instrument", key)
        check(f"/api/instruments/{q(key)} = vnplan instrument --json", status == 200
              and strip_transport(obj) == strip_transport(want), f"{status}")
        # an unencoded '/' in the key reaches the same instrument
        status2, _, obj2 = get_json(port, "/api/instruments/" + urllib.parse.quote(key, safe="/"))
        check("instrument key with a literal '/'", status2 == 200 and
              strip_transport(obj2) == strip_transport(obj), f"{status2}")

    # the answers say something about the seeds (not just "same as CLI")
    s = answers.get(cases[0][0]) or {}
    hits = s.get("hits") or []
    check("search 'khoa hoc' finds passages", s.get("total", 0) > 0 and hits)
    check("search hits mark matches with <mark>",
          any("<mark>" in (h.get("snippet") or "") for h in hits))
    check("search answers carry facets", isinstance(s.get("facets"), dict))
    r = answers.get(cases[3][0]) or {}
    check("refs 69-KL/TW finds citations", len(r.get("citations") or []) > 0)
    w = answers.get(cases[5][0]) or {}
    check("who Sở Tài chính finds provinces", len(w.get("provinces") or []) > 0)
    t = answers.get("/api/tasks") or {}
    check("tasks has total and facets", "total" in t and "facets" in t)


def check_pagination(port):
    _, _, a = get_json(port, "/api/search?q=" + q("khoa hoc") + "&limit=2&offset=0")
    _, _, b = get_json(port, "/api/search?q=" + q("khoa hoc") + "&limit=2&offset=2")
    a, b = a or {}, b or {}
    check("limit=2 gives at most 2 hits", len(a.get("hits") or []) <= 2)
    check("total is the same on every page", a.get("total") == b.get("total"))
    check("limit and offset are echoed", a.get("limit") == 2 and b.get("offset") == 2)
    if (a.get("total") or 0) > 2:
        check("pages differ", a.get("hits") != b.get("hits"))
    status, _, c = get_json(port, "/api/search?q=khoa&limit=200")
    check("limit=VP_LIMIT_MAX (200) is accepted", status == 200, f"{status}")


def check_error(port, target, want, desc, method="GET", headers=None, body=None):
    status, hdrs, obj = get_json(port, target, method=method, headers=headers,
                                 body=body)
    ok = check(f"{desc}: status {want}", status == want, f"got {status} {obj}")
    err = (obj or {}).get("error") if isinstance(obj, dict) else None
    check(f"{desc}: JSON error object", isinstance(err, dict)
          and err.get("code") == want and isinstance(err.get("message"), str)
          and err["message"], f"{obj}")
    if method != "HEAD":
        check(f"{desc}: JSON content type", hdrs.get("content-type")
              == "application/json; charset=utf-8")
    text = json.dumps(obj, ensure_ascii=False).lower()
    check(f"{desc}: no SQL in the message", not re.search(
        r"sqlite|select |syntax error near|fts5:|no such column", text), text)
    return ok, hdrs


def check_errors(port):
    check_error(port, "/api/search", 400, "missing q")
    check_error(port, "/api/search?q=", 400, "empty q")
    check_error(port, "/api/refs", 400, "refs without q")
    check_error(port, "/api/who", 400, "who without agency")
    check_error(port, "/api/search?q=" + q('"khoa hoc'), 400, "unclosed quote (FTS5 syntax)")
    check_error(port, "/api/search?q=" + q("khoa AND"), 400, "dangling AND")
    check_error(port, "/api/search?q=khoa&limit=99999999999999999999999", 400, "enormous limit")
    check_error(port, "/api/search?q=khoa&limit=201", 400, "limit above VP_LIMIT_MAX")
    check_error(port, "/api/search?q=khoa&limit=abc", 400, "non-numeric limit")
    check_error(port, "/api/search?q=khoa&limit=-1", 400, "negative limit")
    check_error(port, "/api/search?q=khoa&limit=0", 400, "zero limit")
    check_error(port, "/api/search?q=khoa&offset=x", 400, "non-numeric offset")
    check_error(port, "/api/tasks?limit=1e3", 400, "tasks limit with exponent")
    check_error(port, "/api/search?q=%00", 400, "NUL byte in q (%00)")
    check_error(port, "/api/search?q=khoa%00hoc", 400, "NUL inside q")
    check_error(port, "/api/search?q=%C3%28", 400, "invalid UTF-8 in q")
    check_error(port, "/api/search?q=%FF%FE", 400, "bytes FF FE in q")
    check_error(port, "/api/search?q=%ED%A0%80", 400, "UTF-16 surrogate in q")
    check_error(port, "/api/search?q=%C0%AF", 400, "overlong UTF-8 in q")
    check_error(port, "/api/search?q=%zz", 400, "bad %-escape")
    check_error(port, "/api/search?q=a%2", 400, "truncated %-escape")
    check_error(port, "/api/nope", 404, "unknown API path")
    check_error(port, "/nope.html", 404, "unknown page path")
    check_error(port, "/api/docs/999999", 404, "unknown document id")
    check_error(port, "/api/instruments/" + q("999-XX/ZZ"), 404, "unknown instrument")
    check_error(port, "/api/who?agency=" + q("Sở Không Tồn Tại Gì Cả"), 404, "unknown agency")
    ok, hdrs = check_error(port, "/api/search?q=khoa", 405, "POST", method="POST",
                           body=b"x=1", headers={"Content-Type": "text/plain"})
    check("405 has an Allow header with GET", "GET" in hdrs.get("allow", ""))
    check_error(port, "/api/health", 405, "DELETE", method="DELETE")
    check_error(port, "/api/health", 405, "PUT", method="PUT", body=b"")
    check_error(port, "/api/search?q=" + "a" * 10000, 414, "10 kB URL")
    check_error(port, "/api/health", 431, "20 kB of headers",
                headers={"X-Big": "b" * 9000, "X-Big2": "c" * 9000})
    check_error(port, "/api/health", 413, "GET with a body", body=b"0123456789")

    # path traversal: raw, encoded, double-encoded; never a file
    for target in [b"/../../../../etc/passwd", b"/%2e%2e/%2e%2e/etc/passwd",
                   b"/api/docs/..%2F..%2F..%2Fetc%2Fpasswd", b"/./app.js",
                   b"/%2E%2E%2fetc%2fpasswd", b"/..%5c..%5cetc%5cpasswd",
                   b"/api/instruments/..%2f..%2fetc%2fpasswd"]:
        status, answer = raw_request(port, b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        check(f"traversal {target.decode()}: 400 or 404", status in (400, 404), f"{status}")
        check(f"traversal {target.decode()}: no file content", b"root:" not in answer)
    # raw invalid UTF-8 and control bytes in the request line
    status, _ = raw_request(port, b"GET /api/search?q=\xff\xfe HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    check("raw invalid UTF-8 in the URL: 400", status == 400, f"{status}")
    # very long request line, beyond the connection's memory: refused, no crash
    status, _ = raw_request(port, b"GET /api/search?q=" + b"a" * 200000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    check("200 kB URL refused (413/414/431) or dropped", status in (None, 413, 414, 431), f"{status}")
    check("server alive after hostile input", request(port, "/api/health")[0] == 200)


def check_list_paging(port):
    """/api/docs, /api/instruments, /api/agencies page with limit/offset."""
    for path, key in (("/api/docs", "docs"), ("/api/instruments", "instruments"),
                      ("/api/agencies", "agencies")):
        _, _, whole = get_json(port, path)
        items = (whole or {}).get(key) or []
        status, _, a = get_json(port, path + "?limit=2")
        status2, _, b = get_json(port, path + "?limit=2&offset=2")
        a, b = a or {}, b or {}
        check(f"{path}?limit=2: 200 with 2 entries", status == 200
              and len(a.get(key) or []) == min(2, len(items)), f"{status} {a}")
        check(f"{path}?limit=2: total is the whole list's", a.get("total") == len(items)
              or (key == "instruments" and isinstance(a.get("total"), int)), f"{a.get('total')}")
        check(f"{path}: pages are slices of the list", (a.get(key) or []) == items[:2]
              and (b.get(key) or []) == items[2:4], path)
        check(f"{path}: limit and offset echoed", a.get("limit") == 2 and b.get("offset") == 2)
        _, _, c = get_json(port, path + "?offset=1")
        check(f"{path}?offset=1: default page", (c or {}).get("limit") == 100
              and (c or {}).get(key) == items[1:101])
    check_error(port, "/api/docs?limit=0", 400, "docs limit=0")
    check_error(port, "/api/agencies?offset=x", 400, "agencies offset=x")


def raw_error(port, data, want, desc):
    """A raw request answered `want` with the JSON error object."""
    t0 = time.time()
    status, answer = raw_request(port, data)
    head, _, body = answer.partition(b"\r\n\r\n")
    check(f"{desc}: status {want}", status == want, f"{status} {answer[:200]}")
    try:
        obj = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        obj = None
    check(f"{desc}: JSON error object", isinstance(obj, dict)
          and (obj.get("error") or {}).get("code") == want, f"{body[:200]}")
    return time.time() - t0, answer


def check_hostile_requests(port):
    """Requests the HTTP library would answer itself, or accept wrongly."""
    h = b"Host: 127.0.0.1\r\nConnection: close\r\n"
    raw_error(port, b"GET /api/health\x00x HTTP/1.1\r\n" + h + b"\r\n", 400, "raw NUL in the target")
    raw_error(port, b"GET /api/search?q=a\x00b HTTP/1.1\r\n" + h + b"\r\n", 400, "raw NUL in the query")
    _, answer = raw_error(port, b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          b"Content-Length: 0\r\nContent-Length: 5\r\n\r\nGET /", 400,
                          "duplicate Content-Length")
    check("duplicate Content-Length: the body is not read as a request",
          answer.count(b"HTTP/1.1 ") == 1, f"{answer[:300]}")
    raw_error(port, b"GET /api/health HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 0\r\n" + h + b"\r\n",
              400, "twice the same Content-Length")
    raw_error(port, b"GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "missing Host")
    raw_error(port, b"GET /api/health HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
              421, "Host not allowed (DNS rebinding)")
    raw_error(port, b"GET /api/health HTTP/1.1\r\nHost: evil.example:%d\r\nConnection: close\r\n\r\n" % port,
              421, "Host not allowed, with a port")
    for host in (b"localhost", b"localhost:%d" % port, b"127.0.0.1:%d" % port, b"[::1]:%d" % port):
        status, _ = raw_request(port, b"GET /api/health HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n")
        check(f"Host {host.decode()} is answered", status == 200, f"{status}")
    took, _ = raw_error(port, b"GET /api/search?q=x" + b"&a=1" * 1000 + b" HTTP/1.1\r\n" + h + b"\r\n",
                        400, "1000 query parameters")
    check("1000 query parameters: answered at once (not a time-out)", took < 5, f"{took:.1f}s")
    raw_error(port, b"GET /api/search?q=" + b"a" * 100000 + b" HTTP/1.1\r\n" + h + b"\r\n", 414, "100 kB URL")
    raw_error(port, b"GET /api/health HTTP/1.1\r\n" + h + b"X-A: " + b"a" * 100000 + b"\r\n\r\n",
              431, "100 kB header")
    raw_error(port, b"GET /api/health HTTP/1.1\r\n" + h + b"".join(b"X-%d: 1\r\n" % i for i in range(200)) + b"\r\n",
              431, "200 header lines")
    check("server alive after hostile requests", request(port, "/api/health")[0] == 200)


def check_head_deadline(db):
    """A client trickling its head (a header line every 0.3 s) is dropped
    at the head deadline, whatever it sends; others are answered meanwhile."""
    srv = Server(db, "--head-timeout", "1")
    try:
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
        s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        t0, closed = time.time(), False
        while time.time() - t0 < 8:
            try:
                s.sendall(b"X-Slow: 1\r\n")
                s.settimeout(0.3)
                if s.recv(100) == b"":
                    closed = True
                    break
            except socket.timeout:
                continue
            except OSError:
                closed = True
                break
        s.close()
        check("a slow head is dropped at the deadline", closed, f"{time.time() - t0:.1f}s")
        check("... while others are answered", request(srv.port, "/api/health")[0] == 200)
    finally:
        check("head-deadline server stops with 0", srv.stop() == 0)


def check_log_options(db, workdir):
    """--log FILE writes the request lines there; --no-log writes none."""
    path = os.path.join(workdir, "requests.log")
    srv = Server(db, "--log", path)
    try:
        request(srv.port, "/api/health")
    finally:
        srv.stop()
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    check("--log FILE: request lines in the file", " GET /api/health 200 " in text, text[-300:])
    check("--log FILE: none on stderr", " GET /api/health 200 " not in "".join(srv.log))
    srv = Server(db, "--no-log")
    try:
        request(srv.port, "/api/health")
    finally:
        srv.stop()
    check("--no-log: no request lines", " GET /api/health " not in "".join(srv.log))


def check_headers_and_cache(port):
    target = "/api/search?q=" + q("khoa hoc")
    status, h, body = request(port, target)
    check("no CORS header for an origin not configured",
          "access-control-allow-origin" not in h)
    check("Referrer-Policy: no-referrer", h.get("referrer-policy") == "no-referrer")
    _, hc, _ = request(port, target, headers={"Origin": ALLOWED_ORIGIN})
    check("CORS header for a configured origin",
          hc.get("access-control-allow-origin") == ALLOWED_ORIGIN, f"{hc}")
    check("Vary: Origin with CORS", "origin" in hc.get("vary", "").lower())
    _, hc2, _ = request(port, target, headers={"Origin": "http://evil.example"})
    check("no CORS header for another origin", "access-control-allow-origin" not in hc2)
    check("JSON content type", h.get("content-type") == "application/json; charset=utf-8")
    etag = h.get("etag")
    check("ETag on answers", bool(etag) and etag.startswith('"'), f"{etag}")
    status, h2, body2 = request(port, target, headers={"If-None-Match": etag or '"x"'})
    check("If-None-Match with the ETag: 304", status == 304, f"{status}")
    check("304 has no body", body2 == b"")
    check("304 repeats the ETag", h2.get("etag") == etag)
    status, _, _ = request(port, target, headers={"If-None-Match": f'"zzz", W/{etag}'})
    check("ETag in a list, weak form: 304", status == 304, f"{status}")
    status, _, _ = request(port, target, headers={"If-None-Match": '"other"'})
    check("other ETag: 200", status == 200, f"{status}")
    _, h3, _ = request(port, target + "&limit=3")
    check("another URL, another ETag", h3.get("etag") and h3.get("etag") != etag)
    _, h4, _ = request(port, "/api/nope", headers={"Origin": ALLOWED_ORIGIN})
    check("CORS header on errors", h4.get("access-control-allow-origin") == ALLOWED_ORIGIN)
    check("no ETag on errors", "etag" not in h4)
    status, h5, body5 = request(port, target, method="HEAD")
    check("HEAD: 200 without a body", status == 200 and body5 == b"", f"{status}")
    check("HEAD: same ETag", h5.get("etag") == etag)
    # keep-alive: two requests on one connection
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/api/health")
        r1 = conn.getresponse(); r1.read()
        conn.request("GET", "/api/docs")
        r2 = conn.getresponse(); r2.read()
        check("two requests on one kept-alive connection", r1.status == 200 and r2.status == 200)
    finally:
        conn.close()


def check_page(port):
    status, h, body = request(port, "/")
    check("/ serves the page", status == 200 and h.get("content-type", "").startswith("text/html"))
    text = body.decode("utf-8", "replace")
    check("the page declares UTF-8", re.search(r'<meta charset="utf-8"', text, re.I) is not None)
    check("the page loads no CDN", "http://" not in text and "https://" not in text)
    for path, ctype in [("/app.js", "text/javascript"), ("/style.css", "text/css")]:
        status, h, body = request(port, path)
        check(f"{path} served", status == 200 and h.get("content-type", "").startswith(ctype)
              and len(body) > 100, f"{status} {h.get('content-type')}")
    status, h, _ = request(port, "/")
    status2, _, _ = request(port, "/", headers={"If-None-Match": h.get("etag", '"x"')})
    check("the page is cacheable (304)", status2 == 304, f"{status2}")
    check("the page has a Content-Security-Policy", "default-src 'self'" in h.get("content-security-policy", ""))


def check_slow_clients(port):
    """Idle and half-sent connections do not stop others from being served."""
    socks = []
    try:
        for i in range(20):
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            if i % 2:
                s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
            socks.append(s)
        t0 = time.time()
        ok = all(request(port, "/api/health", timeout=5)[0] == 200 for _ in range(5))
        check("answers while 20 connections idle or half-sent", ok)
        check("... and promptly", time.time() - t0 < 5, f"{time.time() - t0:.1f}s")
    finally:
        for s in socks:
            s.close()


def check_concurrent_reindex(port, db, workdir):
    """Clients keep getting answers while the same index is re-indexed."""
    corpus2 = os.path.join(workdir, "corpus2")
    shutil.copytree(CORPUS, corpus2)
    _, h0, _ = request(port, "/api/search?q=" + q("khoa hoc"))
    targets = ["/api/search?q=" + q("khoa hoc"), "/api/refs?q=" + q("69-KL/TW"),
               "/api/who?agency=" + q("Sở Tài chính"), "/api/docs", "/api/tasks?limit=20",
               "/api/agencies", "/api/instruments", "/api/health"]
    stop = threading.Event()
    results = []

    def client(i):
        n = 0
        while not stop.is_set() or n < 10:
            try:
                status = request(port, targets[(i + n) % len(targets)], timeout=20)[0]
            except OSError as e:
                status = repr(e)
            results.append(status)
            n += 1

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        futs = [pool.submit(client, i) for i in range(8)]
        for round_ in range(2):
            # change a file so that the re-index really writes
            with open(os.path.join(corpus2, sorted(os.listdir(corpus2))[0]), "a",
                      encoding="utf-8") as f:
                f.write(f"\nPhụ lục bổ sung lần {round_}: khoa học công nghệ.\n")
            r = subprocess.run([BIN, "index", "--db", db, corpus2], capture_output=True, timeout=60)
            check(f"re-index {round_} while serving ends (exit 0/1)", r.returncode in (0, 1),
                  r.stderr.decode("utf-8", "replace")[-300:])
        stop.set()
        for f in futs:
            f.result()
    bad = [s for s in results if s != 200]
    check(f"{len(results)} concurrent requests during re-index: all 200", not bad and len(results) >= 80,
          f"{len(bad)} failed: {bad[:5]}")
    _, h1, _ = request(port, "/api/search?q=" + q("khoa hoc"))
    check("the ETag changes after a re-index", h0.get("etag") != h1.get("etag"),
          f"{h0.get('etag')} {h1.get('etag')}")


def check_unreadable_db(db, workdir):
    """503 when the index file is replaced by something unreadable."""
    db2 = os.path.join(workdir, "copy.db")
    subprocess.run(["sqlite3", db, f".backup '{db2}'"], check=False, capture_output=True)
    if not os.path.exists(db2):
        shutil.copyfile(db, db2)
    srv = Server(db2, "--threads", "2")
    try:
        check("copy of the index serves", request(srv.port, "/api/health")[0] == 200)
        junk = db2 + ".junk"
        with open(junk, "wb") as f:
            f.write(b"this is not a database\n" * 1000)
        os.replace(junk, db2)
        for p in (db2 + "-wal", db2 + "-shm"):
            if os.path.exists(p):
                os.remove(p)
        ok, hdrs = check_error(srv.port, "/api/search?q=khoa", 503, "index replaced by junk")
        check("503 has Retry-After", "retry-after" in hdrs)
        check_error(srv.port, "/api/health", 503, "health on a junk index")
    finally:
        check("second server stops with 0", srv.stop() == 0)


def check_budget(db):
    """A query over its time budget answers 503 (budget of 1 microsecond)."""
    srv = Server(db, "--budget", "0.001", "--threads", "1")
    try:
        status, hdrs, obj = get_json(srv.port, "/api/search?q=" + q("khoa OR hoc OR cong OR nghe"))
        check("query over its time budget: 503", status == 503, f"{status}")
        check("over budget: JSON error", isinstance(obj, dict) and (obj.get("error") or {}).get("code") == 503)
    finally:
        check("budget server stops with 0", srv.stop() == 0)


def check_options():
    r = subprocess.run([BIN, "serve", "--help"], capture_output=True, text=True, timeout=30)
    check("serve --help: status 0, usage on stdout", r.returncode == 0 and "--db" in r.stdout)
    for args in (["--port", "1"], ["--db", "x", "--port", "99999"], ["--db", "x", "--threads", "0"],
                 ["--db", "x", "--bind", "localhost"], ["--db", "x", "--bogus", "1"]):
        r = subprocess.run([BIN, "serve", *args], capture_output=True, text=True, timeout=30)
        check(f"serve {' '.join(args)}: misuse, status 2", r.returncode == 2, f"{r.returncode}")
    r = subprocess.run([BIN, "serve", "--db", "/nonexistent/x.db", "--port", "0"],
                       capture_output=True, text=True, timeout=30)
    check("serve on a missing index: status 1", r.returncode == 1, f"{r.returncode} {r.stderr}")


def check_page_api(port):
    """What the page needs beyond the CLI's answers: a document's text,
    coverage, the province list, Vietnamese order, 400 with choices."""
    st, _, body = request(port, "/api/text?doc=" + q("222/KH-UBND"))
    r = json.loads(body)
    check("/api/text: a document's passages in order", st == 200 and len(r.get("passages", [])) > 10
          and [p["line"] for p in r["passages"]] == sorted(p["line"] for p in r["passages"]), f"{st}")
    st, _, body = request(port, "/api/instruments/" + q("69-KL/TW") + "/coverage")
    r = json.loads(body)
    check("/api/instruments/KEY/coverage: 34 units and 63 provinces", st == 200 and r.get("total_2025") == 34
          and r.get("total") == 63 and len(r.get("provinces_2025", [])) == 34 and len(r.get("provinces", [])) == 63, f"{st}")
    plans = [p for u in r.get("provinces_2025", []) for p in u["plans"]]
    check("coverage: covered units have plans with lag and tasks", r.get("covered_2025", 0) > 0 and plans
          and all("lag_days" in p and p["tasks"] >= 0 for p in plans), str(plans[:1])[:200])
    st2, _, body2 = request(port, "/api/coverage?key=" + q("69-KL/TW"))
    check("/api/coverage?key= is the same answer", st2 == 200 and json.loads(body2).get("covered") == r.get("covered"))
    st, _, body = request(port, "/api/provinces")
    r = json.loads(body)
    check("/api/provinces: 34 units, 63 provinces, Vietnamese order",
          st == 200 and len(r["units"]) == 34 and len(r["provinces"]) == 63
          and r["units"].index("Đà Nẵng") < r["units"].index("Gia Lai")
          and r["units"].index("Cà Mau") < r["units"].index("Cần Thơ"), str(r)[:200])
    for param, value in (("province", "Narnia"), ("kind", "Thư tình")):
        st, _, body = request(port, "/api/search?q=khoa&" + param + "=" + q(value))
        err = json.loads(body).get("error", {})
        check(f"unknown {param} filter: 400 with the valid choices", st == 400 and err.get("choices"), f"{st} {body[:200]}")
    st, _, body = request(port, "/api/agencies")
    names = [a["name"] for a in json.loads(body)["agencies"] if not a.get("generic")]
    check("/api/agencies: Sở Tài chính before Sở Thông tin…, Ủy ban before Văn phòng",
          names.index("Sở Tài chính") < names.index("Sở Thông tin và Truyền thông"), str(names)[:300])
    st, h, body = request(port, "/d/222/KH-UBND")
    check("/d/NUMBER serves the page", st == 200 and b"app.js" in body)


def non_increasing(dates):
    """Dates newest first, the undated last."""
    keyed = [(d is None or d == "", d or "") for d in dates]
    return all(a[0] < b[0] or (a[0] == b[0] and a[1] >= b[1]) for a, b in zip(keyed, keyed[1:]))


def check_filters_api(port, db):
    """issuer=, relation= and sort= on search, refs, tasks and docs; the
    agency grid and the chain answers; the same as the CLI's options."""
    _, _, docs = get_json(port, "/api/docs")
    by_id = {d["id"]: d for d in docs["docs"]}
    issuer = next(d["issuer"] for d in docs["docs"] if d.get("issuer"))
    # issuer: as stored, typed loosely, a code written out
    _, _, a = get_json(port, "/api/search?q=" + q("khoa hoc") + "&limit=200&issuer=" + q(issuer))
    check("search issuer=: every hit's document has that issuer",
          a["hits"] and all(by_id[h["doc"]["id"]]["issuer"] == issuer for h in a["hits"]), str(a)[:200])
    _, _, b = get_json(port, "/api/search?q=" + q("khoa hoc") + "&limit=200&issuer=" + q("ubnd tinh"))
    check("issuer typed loosely (UBND tinh) is the stored one", b.get("total") == a.get("total"), f"{b.get('total')}")
    check("search facets by issuer and relation", set((a.get("facets") or {}).keys()) >= {"province", "issuer", "relation"})
    st, _, iss = get_json(port, "/api/issuers")
    check("/api/issuers: the issuers of /api/docs with their documents", st == 200 and
          {x["issuer"]: x["docs"] for x in iss["issuers"]} == {i: sum(1 for d in docs["docs"] if d.get("issuer") == i)
                                                               for i in {d.get("issuer") for d in docs["docs"]} if i})
    st, _, e = get_json(port, "/api/search?q=khoa&issuer=" + q("Bộ Không Có"))
    check("unknown issuer: 400 with the issuers as choices", st == 400 and issuer in e["error"].get("choices", []), f"{st} {e}")
    for path in ("/api/refs?q=" + q("69-KL/TW") + "&", "/api/tasks?", "/api/docs?"):
        st, _, e = get_json(port, path + "issuer=" + q("Bộ Không Có"))
        check(f"{path.split('?')[0]} unknown issuer: 400 with choices", st == 400 and e["error"].get("choices"), f"{st}")
    _, _, t = get_json(port, "/api/tasks?limit=200&issuer=" + q(issuer))
    check("tasks issuer=: every task's document has that issuer",
          t["tasks"] and all(by_id[x["doc"]["id"]]["issuer"] == issuer for x in t["tasks"]))
    _, _, d = get_json(port, "/api/docs?issuer=" + q(issuer))
    check("docs issuer=: every document has that issuer", d["docs"] and all(x["issuer"] == issuer for x in d["docs"]))
    # relation: label, folded label or key; refs rows carry it
    _, _, r1 = get_json(port, "/api/refs?q=" + q("69-KL/TW") + "&relation=" + q("Căn cứ"))
    _, _, r2 = get_json(port, "/api/refs?q=" + q("69-KL/TW") + "&relation=basis")
    _, _, r3 = get_json(port, "/api/refs?q=" + q("69-KL/TW") + "&relation=" + q("can cu"))
    check("refs relation=Căn cứ = relation=basis = relation=can cu", r1 == r2 == r3 or
          strip_transport(r1) == strip_transport(r2) == strip_transport(r3))
    check("refs relation=basis: every citation carries basis",
          r2["citations"] and all("basis" in c["relations"] for c in r2["citations"]), str(r2)[:200])
    _, _, r0 = get_json(port, "/api/refs?q=" + q("69-KL/TW"))
    check("refs relation=basis: fewer rows than without", len(r2["citations"]) < len(r0["citations"]))
    check("refs facets by relation count the basis citations", r0["facets"]["relation"].get("basis") == len(r2["citations"]),
          f"{r0['facets']['relation']} vs {len(r2['citations'])}")
    _, _, s1 = get_json(port, "/api/search?q=" + q("khoa hoc") + "&limit=200&relation=implements")
    check("search relation=implements: as many as the facet said", s1["total"] == a["facets"]["relation"].get("implements"),
          f"{s1['total']} vs {a['facets']['relation']}")
    st, _, e = get_json(port, "/api/refs?q=" + q("69-KL/TW") + "&relation=" + q("hướng dẫn"))
    check("unknown relation: 400 with the Vietnamese labels as choices", st == 400 and "Căn cứ" in e["error"].get("choices", []), f"{st} {e}")
    # sort=date everywhere; an unknown sort is a 400
    _, _, sd = get_json(port, "/api/search?q=" + q("khoa hoc") + "&limit=50&sort=date")
    check("search sort=date: dates never increase", sd["hits"] and non_increasing([h["doc"]["date"] for h in sd["hits"]]))
    _, _, sr = get_json(port, "/api/search?q=" + q("khoa hoc") + "&limit=50")
    check("search sort=date keeps the total", sd["total"] == sr["total"])
    _, _, rd = get_json(port, "/api/refs?q=" + q("20-NQ/TW") + "&sort=date")
    docs_order = []
    for c in rd["citations"]:
        if not docs_order or docs_order[-1] != c["doc"]["id"]:
            docs_order.append(c["doc"]["id"])
    check("refs sort=date: citing plans newest first", len(docs_order) > 1 and non_increasing([by_id[i]["date"] for i in docs_order]),
          str([by_id[i]["date"] for i in docs_order]))
    _, _, td = get_json(port, "/api/tasks?limit=200&sort=date")
    check("tasks sort=date: dates never increase", td["tasks"] and non_increasing([x["doc"]["date"] for x in td["tasks"]]))
    _, _, dd = get_json(port, "/api/docs?sort=date")
    check("docs sort=date: dates never increase", non_increasing([x["date"] for x in dd["docs"]]))
    for path in ("/api/search?q=khoa&", "/api/refs?q=" + q("69-KL/TW") + "&", "/api/tasks?", "/api/docs?"):
        st, _, e = get_json(port, path + "sort=newest")
        check(f"{path.split('?')[0]} sort=newest: 400 with the choices", st == 400 and e["error"].get("choices") == ["relevance", "date"], f"{st}")
    # docs in Vietnamese order of province, the newest first within one
    provs = [x["province"] or "" for x in docs["docs"]]
    check("docs: by province in Vietnamese order", provs == sorted(provs, key=vi_sort_key), str(provs))
    # the CLI takes the same options and gives the same objects
    for target, args in (
            ("/api/search?q=" + q("khoa hoc") + "&issuer=" + q(issuer) + "&relation=" + q("Thực hiện") + "&sort=date",
             ["search", "--issuer", issuer, "--relation", "Thực hiện", "--sort", "date", "khoa hoc"]),
            ("/api/refs?q=" + q("69-KL/TW") + "&relation=basis&sort=date",
             ["refs", "--relation", "basis", "--sort", "date", "69-KL/TW"]),
            ("/api/tasks?issuer=" + q("UBND tỉnh") + "&sort=date", ["tasks", "--issuer", "UBND tỉnh", "--sort", "date"]),
            ("/api/docs?sort=date", ["docs", "--sort", "date"])):
        _, _, obj = get_json(port, target)
        rc, want = cli_json(db, *args)
        check(f"{target}: same object as `vnplan {' '.join(args)} --json`", rc == 0 and strip_transport(obj) == strip_transport(want))
    rc, err = cli_json(db, "search", "--sort", "newest", "khoa")
    check("vnplan search --sort newest: exit 2", rc == 2, str(rc))
    rc, err = cli_json(db, "refs", "--relation", "hướng dẫn", "69-KL/TW")
    check("vnplan refs --relation 'hướng dẫn': exit 2", rc == 2, str(rc))
    rc, err = cli_json(db, "docs", "--issuer", "Bộ Không Có")
    check("vnplan docs --issuer unknown: exit 1, the issuers named", rc == 1 and issuer in json.dumps(err, ensure_ascii=False), str(err)[:200])
    # the agency × province grid in one answer
    st, _, g = get_json(port, "/api/who/grid?agency=" + q("so tai chinh"))
    _, _, w = get_json(port, "/api/who?agency=" + q("Sở Tài chính"))
    check("/api/who/grid: 34 units and 63 provinces", st == 200 and len(g["units"]) == 34 and len(g["provinces"]) == 63, f"{st}")
    check("/api/who/grid: lead and support as who counts them",
          sum(u["lead"] for u in g["units"]) == sum(p["lead"] for p in w["provinces"])
          and sum(u["support"] for u in g["units"]) == sum(p["support"] for p in w["provinces"])
          and {p["province"]: (p["lead"], p["support"]) for p in g["provinces"] if p["lead"] + p["support"]}
          == {p["province"]: (p["lead"], p["support"]) for p in w["provinces"]})
    check("/api/who/grid: units in Vietnamese order", [u["province"] for u in g["units"]]
          == sorted((u["province"] for u in g["units"]), key=vi_sort_key))
    st, _, e = get_json(port, "/api/who/grid")
    check("/api/who/grid without agency: 400", st == 400)
    st, _, e = get_json(port, "/api/who/grid?agency=" + q("Sở Không Tồn Tại Gì Cả"))
    check("/api/who/grid unknown agency: 404", st == 404)
    # the chain in one answer
    st, _, c = get_json(port, "/api/instruments/" + q("69-KL/TW") + "/chain")
    _, _, inst = get_json(port, "/api/instruments/" + q("69-KL/TW"))
    ids = {n["id"] for n in c.get("nodes", [])}
    check("/api/instruments/KEY/chain: a node per implementing plan",
          st == 200 and {f"d:{d['id']}" for d in inst["implemented_by"]} == {n["id"] for n in c["nodes"] if n["kind"] == "doc"})
    check("/api/instruments/KEY/chain: edges join its nodes", c["edges"] and all(e["from"] in ids and e["to"] in ids for e in c["edges"]))
    center = [n for n in c["nodes"] if n.get("center")]
    check("/api/instruments/KEY/chain: 69-KL/TW at the Party level, the plans at the People's Committees'",
          len(center) == 1 and center[0]["level"] == 0
          and all(n["level"] == 4 and n["level_from"] == "issuer" for n in c["nodes"] if n["kind"] == "doc"), str(center))
    check("/api/instruments/KEY/chain: a provincial Party plan between", any(n["level"] == 3 for n in c["nodes"]))
    check("/api/instruments/KEY/chain: every node has a link, a level and a label",
          all(n.get("link") and 0 <= n["level"] <= 4 and n.get("label") for n in c["nodes"]))
    st, _, e = get_json(port, "/api/instruments/" + q("999-XX/ZZ") + "/chain")
    check("/api/instruments/UNKNOWN/chain: 404", st == 404)
    # the chain centred on a document: by id or by number, the same
    st, _, dc = get_json(port, "/api/docs/" + q("222/KH-UBND") + "/chain")
    _, _, doc = get_json(port, "/api/docs/" + q("222/KH-UBND"))
    _, _, dc2 = get_json(port, "/api/docs/" + str(doc["doc"]["id"]) + "/chain")
    check("/api/docs/NUMBER/chain = /api/docs/ID/chain", st == 200 and strip_transport(dc) == strip_transport(dc2))
    above = {f"i:{c['key']}" + (f"@{c['scope']}" if c.get("scope") else "") for c in doc["instruments"]
             if c["relation"] in ("implements", "continues", "basis")}
    center = [n for n in dc["nodes"] if n.get("center")]
    check("/api/docs/ID/chain: the document at the centre, on the People's Committees' level from its issuer",
          len(center) == 1 and center[0]["id"] == f"d:{doc['doc']['id']}" and center[0]["level"] == 4
          and center[0]["level_from"] == "issuer", str(center))
    check("/api/docs/ID/chain: a node per instrument it rests on, an edge from it to each",
          above == {n["id"] for n in dc["nodes"] if n["kind"] == "instrument"}
          and {e["to"] for e in dc["edges"] if e["from"] == center[0]["id"]} == above)
    check("/api/docs/ID/chain: 69-KL/TW on the Party's level, 709/QĐ-TTg the Government's",
          {n["id"]: n["level"] for n in dc["nodes"]}.get("i:69-KL/TW") == 0
          and {n["id"]: n["level"] for n in dc["nodes"]}.get("i:709/QĐ-TTg") == 1)
    st, _, e = get_json(port, "/api/docs/999999/chain")
    check("/api/docs/UNKNOWN/chain: 404", st == 404)


def vi_sort_key(s):
    order = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
    tones = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
    prim, ton = [], []
    for ch in s:
        dec = unicodedata.normalize("NFD", ch.lower())
        base, tone = dec[0], 0
        for mk in dec[1:]:
            if mk in tones:
                tone = tones[mk]
            else:
                base = {"a\u0306": "ă", "a\u0302": "â", "e\u0302": "ê", "o\u0302": "ô",
                        "o\u031b": "ơ", "u\u031b": "ư"}.get(base + mk, base)
        prim.append((order.index(base) + 1000) if base in order else ord(base))
        ton.append(tone)
    return (prim, ton, s)


def check_browser(port):
    """tests/it_server_browser.py under a Python that has selenium."""
    script = os.path.join(HERE, "it_server_browser.py")
    for py in ("/usr/bin/python3", sys.executable):
        if not os.path.exists(py):
            continue
        r = subprocess.run([py, "-c", "import selenium"], capture_output=True)
        if r.returncode == 0:
            break
    else:
        print("skipped: browser test (python3-selenium not installed)")
        return
    r = subprocess.run([py, script, f"http://127.0.0.1:{port}/"], capture_output=True,
                       text=True, timeout=300)
    sys.stdout.write(r.stdout)
    if "skipped" in r.stdout and r.returncode == 0:
        return
    for line in r.stdout.splitlines():
        m = re.match(r"browser: (\d+) passed, (\d+) failed", line)
        if m:
            global passed, failed
            passed += int(m.group(1))
            failed += int(m.group(2))
            return
    check("browser test ran", False, r.stderr[-800:])


def check_index_swap(workdir):
    """A new index moved over the served one: the next answer is the new
    index's, and the old ETag is no longer 'not modified'."""
    a, b = os.path.join(workdir, "swap-a.db"), os.path.join(workdir, "swap-b.db")
    files = sorted(os.path.join(CORPUS, f) for f in os.listdir(CORPUS) if f.endswith(".txt"))
    subprocess.run([BIN, "index", "--db", a, CORPUS], capture_output=True, timeout=120)
    subprocess.run([BIN, "index", "--db", b, files[0]], capture_output=True, timeout=120)
    srv = Server(a)
    try:
        st, h, body = request(srv.port, "/api/docs")
        n_old, etag = len(json.loads(body)["docs"]), h.get("etag")
        os.replace(b, a)
        st2, h2, body2 = request(srv.port, "/api/docs", headers={"If-None-Match": etag or ""})
        n_new = len(json.loads(body2)["docs"]) if st2 == 200 else None
        check("index swap: the old ETag is not 304", st2 == 200, f"{st2}")
        check("index swap: the next answer is the new index's", n_new == 1 and n_old > 1, f"{n_old} -> {n_new}")
    finally:
        srv.stop()


def check_port_in_use(port, db):
    """A second server on a port in use refuses to start (no SO_REUSEPORT:
    the kernel never splits requests between two indexes)."""
    r = subprocess.run([BIN, "serve", "--db", db, "--port", str(port)], capture_output=True, timeout=30)
    err = r.stderr.decode("utf-8", "replace")
    check("a second server on a port in use refuses to start", r.returncode != 0, f"{r.returncode} {err[-300:]}")
    check("and says so", f"cannot listen on 127.0.0.1 port {port}" in err, err[-300:])


def main():
    workdir = tempfile.mkdtemp(prefix="vnplan-it-server-")
    db = os.path.join(workdir, "index.db")
    t0 = time.time()
    try:
        r = subprocess.run([BIN, "index", "--db", db, CORPUS], capture_output=True, timeout=120)
        check("vnplan index corpus/ (exit 0/1)", r.returncode in (0, 1),
              r.stderr.decode("utf-8", "replace")[-300:])
        check_options()
        srv = Server(db, "--cors-origin", ALLOWED_ORIGIN)
        try:
            check_same_as_cli(srv.port, db)
            check_list_paging(srv.port)
            check_hostile_requests(srv.port)
            check_pagination(srv.port)
            check_errors(srv.port)
            check_headers_and_cache(srv.port)
            check_page(srv.port)
            check_page_api(srv.port)
            check_filters_api(srv.port, db)
            check_slow_clients(srv.port)
            check_browser(srv.port)
            check_concurrent_reindex(srv.port, db, workdir)
            check_port_in_use(srv.port, db)
        finally:
            rc = srv.stop()
            log = "".join(srv.log)
            check("SIGTERM: clean stop with status 0", rc == 0, f"{rc}\n{log[-1500:]}")
            check("one log line per request (time, client, method, path, status, bytes, ms)",
                  re.search(r"^\d{4}-\d\d-\d\dT[0-9:.]+Z 127\.0\.0\.1 GET /api/health 200 \d+ [0-9.]+ms$",
                            log, re.M) is not None, log[-500:])
            check("log lines for errors too", re.search(r" POST /api/search\?q=khoa 405 ", log, re.M) is not None)
            check("no sanitizer report", "ERROR: AddressSanitizer" not in log
                  and "ERROR: LeakSanitizer" not in log and "runtime error:" not in log,
                  log[-2000:])
        check_index_swap(workdir)
        check_head_deadline(db)
        check_log_options(db, workdir)
        check_unreadable_db(db, workdir)
        check_budget(db)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"({time.time() - t0:.1f} s)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
