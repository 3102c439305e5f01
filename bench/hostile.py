#!/usr/bin/env python3
"""hostile.py — `make bench-hostile`: replays the attacks of issue 11 on a
running `vnplan serve` and prints, for each, what the attack got (status,
JSON body or not), the latency of a normal request (/api/health and a
cached search, each on a fresh connection) during it and right after, and
the server's RSS. Attackers come from 127.0.0.1 (wrk) or 127.0.0.2… (Python
sockets), the normal client from 127.0.0.200: on loopback, as on a network,
they are different clients. Load figures drift with the machine; this is a
measurement, not a test (the deterministic parts are in tests/it_server.sh).

usage: hostile.py [--bin bin/vnplan] [--db FILE] [--size 10M] [--port N]
Without --db, a corpus of --size is generated (bench/gen_corpus.py) and
indexed into bench/out/ once. Prints the table last; exit 1 when a check of
the issue's "Measured" list misses.
"""
import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

NORMAL_SRC = "127.0.0.200"
ROWS = []
MISSES = []


def conn(port, src, timeout=10):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.bind((src, 0))
    s.connect(("127.0.0.1", port))
    return s


def get(port, target, src=NORMAL_SRC, headers=None, timeout=10):
    """(status, headers, body, ms) on a fresh connection; status None on error."""
    t0 = time.time()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout,
                                       source_address=(src, 0))
        c.request("GET", target, headers=headers or {})
        r = c.getresponse()
        body = r.read()
        c.close()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, body, (time.time() - t0) * 1000
    except OSError:
        return None, {}, b"", (time.time() - t0) * 1000


def raw(port, data, src="127.0.0.2", timeout=10):
    """Send raw bytes; (status, is the body a JSON error object, ms)."""
    t0 = time.time()
    try:
        s = conn(port, src, timeout)
        s.sendall(data)
        out = b""
        while True:
            c = s.recv(65536)
            if not c:
                break
            out += c
        s.close()
    except OSError:
        pass
    ms = (time.time() - t0) * 1000
    m = re.match(rb"HTTP/1\.[01] (\d{3})", out if "out" in dir() else b"")
    if not m:
        return None, False, ms
    body = out.partition(b"\r\n\r\n")[2]
    try:
        is_json = "error" in json.loads(body)
    except ValueError:
        is_json = False
    return int(m.group(1)), is_json, ms


class Normal:
    """The normal client: health and a cached search, fresh connections."""

    def __init__(self, port):
        self.port = port
        self.search = "/api/search?q=khoa+hoc"
        get(port, self.search)  # cached from now on

    def timed(self, target):
        """ms of one request by curl, in its own process (this one's threads
        and lock would otherwise slow the measure), or None."""
        if shutil.which("curl") is None:
            st, _, _, ms = get(self.port, target)
            return ms if st == 200 else None
        r = subprocess.run(["curl", "-s", "-o", "/dev/null", "--max-time", "10", "--interface", NORMAL_SRC,
                            "-w", "%{http_code} %{time_total}", f"http://127.0.0.1:{self.port}{target}"],
                           capture_output=True, text=True)
        parts = r.stdout.split()
        return float(parts[1]) * 1000 if len(parts) == 2 and parts[0] == "200" else None

    def once(self):
        return self.timed("/api/health"), self.timed(self.search)

    def sample(self, seconds, every=0.5):
        """Worst latencies over `seconds` (None when one was not answered)."""
        worst = [0.0, 0.0]
        t0 = time.time()
        while True:
            for i, ms in enumerate(self.once()):
                worst[i] = None if ms is None or worst[i] is None else max(worst[i], ms)
            if time.time() - t0 >= seconds:
                return worst
            time.sleep(every)


def fmt(ms):
    return "no answer" if ms is None else f"{ms:.0f} ms"


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0


def row(attack, status, during, after, pid, want_ms=100):
    r = rss_mb(pid)
    ROWS.append((attack, status, during, after, f"{r:.0f} MB"))
    for label, pair in (("during", during), ("after", after)):
        if isinstance(pair, (list, tuple)) and any(ms is None or ms > want_ms for ms in pair):
            MISSES.append(f"{attack}: normal requests {label} {pair}")


def pair(p):
    return p if isinstance(p, str) else f"{fmt(p[0])} / {fmt(p[1])}"


# ---- the attacks ---------------------------------------------------------------


def slow_clients(port, normal, pid, n=600, every=3.0, seconds=14):
    """n clients from 20 addresses, each sending a header line every 3 s."""
    socks, dropped = [], 0
    for i in range(n):
        try:
            s = conn(port, f"127.0.0.{2 + i % 20}", timeout=5)
            s.setblocking(False)
            s.send(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            socks.append(s)
        except OSError:
            dropped += 1
    stop = threading.Event()

    def trickle():
        while not stop.wait(every):
            for s in socks:
                try:
                    s.send(b"X-Slow: 1\r\n")
                except OSError:
                    pass
    t = threading.Thread(target=trickle, daemon=True)
    t.start()
    during = normal.sample(seconds)
    stop.set()
    t.join()
    closed = 0
    for s in socks:
        try:
            if s.recv(1) == b"":
                closed += 1
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
        s.close()
    after = normal.sample(1)
    row(f"{n} slow-header clients ({seconds}s)",
        f"{closed}/{len(socks)} dropped at the head deadline, {dropped} refused",
        during, after, pid)


def idle_flood(port, normal, pid, n=1000):
    """n connections from 20 addresses, each sending a request and never reading."""
    socks = []
    for i in range(n):
        try:
            s = conn(port, f"127.0.0.{30 + i % 20}", timeout=2)
            s.sendall(b"GET /api/docs HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            socks.append(s)
        except OSError:
            pass
    during = normal.sample(2)
    for s in socks:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        s.close()
    after = normal.sample(1, every=0.2)
    row(f"{n} connections never reading", f"{len(socks)} accepted", during, after, pid)


def wrk_flood(port, normal, pid, seconds=5):
    if shutil.which("wrk") is None:
        ROWS.append(("wrk -c1000 flood", "wrk not installed", "-", "-", "-"))
        return
    p = subprocess.Popen(["wrk", "-t2", "-c1000", f"-d{seconds}s", "--timeout", "2s",
                          f"http://127.0.0.1:{port}/api/health"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    time.sleep(0.5)
    during = normal.sample(seconds - 1.5)
    out = p.communicate()[0]
    after = normal.sample(1, every=0.2)
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errs = re.search(r"Socket errors: (.*)", out)
    row("wrk -t2 -c1000 /api/health (one address)",
        f"{m.group(1) if m else '?'} req/s" + (f"; {errs.group(1)}" if errs else ""),
        during, after, pid)


def expensive_queries(port, normal, pid, clients=8, seconds=6):
    """clients × distinct, uncached, expensive searches in a loop."""
    stop = threading.Event()
    counts = {}
    lock = threading.Lock()

    def client(k):
        i = 0
        while not stop.is_set():
            q = "+".join(f"t{(k * 1000 + i + j) % 10}*" for j in range(50))
            st, _, _, _ = get(port, f"/api/search?q={q}&offset={k * 1000 + i}", src=f"127.0.0.{60 + k}",
                              timeout=30)
            with lock:
                counts[st] = counts.get(st, 0) + 1
            i += 1
    ts = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
    for t in ts:
        t.start()
    time.sleep(0.5)
    during = normal.sample(seconds)
    stop.set()
    for t in ts:
        t.join()
    after = normal.sample(1)
    row(f"{clients} clients of expensive searches ({seconds}s)",
        ", ".join(f"{k}: {v}" for k, v in sorted(counts.items(), key=str)), during, after, pid)


def queue_burst(port, normal, pid, n=300):
    """n distinct expensive searches sent at once: past the queue, 503."""
    socks = []
    for i in range(n):
        try:
            s = conn(port, f"127.0.0.{80 + i % 10}", timeout=30)
            q = "+".join(f"t{(i + j) % 10}*" for j in range(50))
            s.sendall(f"GET /api/search?q={q}&offset={i} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      f"Connection: close\r\n\r\n".encode())
            socks.append(s)
        except OSError:
            pass
    during = normal.sample(1)
    counts, retry = {}, 0
    for s in socks:
        out = b""
        try:
            while True:
                c = s.recv(65536)
                if not c:
                    break
                out += c
        except OSError:
            pass
        s.close()
        m = re.match(rb"HTTP/1\.[01] (\d{3})", out)
        st = int(m.group(1)) if m else None
        counts[st] = counts.get(st, 0) + 1
        retry += st == 503 and b"\r\nRetry-After: " in out
    after = normal.sample(1)
    row(f"{n} expensive searches at once", ", ".join(f"{k}: {v}" for k, v in sorted(counts.items(), key=str))
        + f" ({retry} 503 with Retry-After)", during, after, pid)


def many_params(port, pid):
    st, js, ms = raw(port, b"GET /api/search?q=x" + b"&a=1" * 1000 +
                     b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    row("?q=x + 1000 x &a=1", f"{st}{' JSON' if js else ''} in {ms:.0f} ms", "-", "-", pid)
    if not (st and 400 <= st < 500 and js and ms < 100):
        MISSES.append(f"many parameters: {st} json={js} {ms:.0f} ms")


def hostile_requests(port, pid):
    h = b"Host: 127.0.0.1\r\nConnection: close\r\n"
    cases = [
        ("raw NUL in the target", b"GET /api/health\x00x HTTP/1.1\r\n" + h + b"\r\n"),
        ("two Content-Length (0, 5)", b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
         b"Content-Length: 0\r\nContent-Length: 5\r\n\r\nGET /"),
        ("Content-Length: -1", b"GET /api/health HTTP/1.1\r\n" + h + b"Content-Length: -1\r\n\r\n"),
        ("missing Host", b"GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n"),
        ("Host: evil.example (rebinding)", b"GET /api/health HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"),
        ("100 kB URL", b"GET /api/search?q=" + b"a" * 100000 + b" HTTP/1.1\r\n" + h + b"\r\n"),
        ("1 MB URL", b"GET /api/search?q=" + b"a" * 1000000 + b" HTTP/1.1\r\n" + h + b"\r\n"),
        ("100 kB header", b"GET /api/health HTTP/1.1\r\n" + h + b"X-A: " + b"a" * 100000 + b"\r\n\r\n"),
        ("HTTP/2.0 request line", b"GET /api/health HTTP/2.0\r\n" + h + b"\r\n"),
        ("POST with a body", b"POST /api/health HTTP/1.1\r\n" + h + b"Content-Length: 3\r\n\r\nabc"),
    ]
    for name, data in cases:
        st, js, ms = raw(port, data)
        row(name, f"{st}{' JSON' if js else ' not JSON'} in {ms:.0f} ms", "-", "-", pid)
        if not (st and 400 <= st < 600 and js):
            MISSES.append(f"{name}: {st} json={js}")


def distinct_urls(port, pid, n=5000):
    before = rss_mb(pid)
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=("127.0.0.3", 0))
    statuses = {}
    for i in range(n):
        try:
            c.request("GET", f"/api/docs?x={i}")
            r = c.getresponse()
            r.read()
            statuses[r.status] = statuses.get(r.status, 0) + 1
        except OSError:
            c.close()
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=("127.0.0.3", 0))
    c.close()
    after = rss_mb(pid)
    row(f"{n} distinct URLs (/api/docs?x=N)",
        ", ".join(f"{k}: {v}" for k, v in statuses.items()) + f"; RSS {before:.0f} -> {after:.0f} MB",
        "-", "-", pid)
    if after > 150:
        MISSES.append(f"RSS after {n} distinct URLs: {after:.0f} MB")


def index_swap(port, db, other, pid):
    st, h, body, _ = get(port, "/api/docs")
    old_n, etag = len(json.loads(body)["docs"]), h.get("etag", "")
    tmp = db + ".swap"
    shutil.copyfile(other, tmp)
    os.replace(tmp, db)
    st2, _, body2, _ = get(port, "/api/docs", headers={"If-None-Match": etag})
    new_n = len(json.loads(body2)["docs"]) if st2 == 200 else None
    row("index swapped by mv", f"old ETag -> {st2}; docs {old_n} -> {new_n}", "-", "-", pid)
    if st2 != 200 or new_n == old_n:
        MISSES.append(f"index swap: {st2} {old_n} -> {new_n}")


# ---- the server ----------------------------------------------------------------


def index(bin_, db, corpus):
    if not os.path.exists(db):
        print(f"== indexing {corpus} into {db}", flush=True)
        r = subprocess.run([bin_, "index", "--db", db, corpus], capture_output=True)
        if r.returncode not in (0, 1):
            sys.exit(f"hostile: cannot index {corpus}: {r.stderr.decode()[-300:]}")


def start(bin_, db, port, log):
    p = subprocess.Popen([bin_, "serve", "--db", db, "--port", str(port), "--log", log],
                         stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    line = p.stderr.readline()
    m = re.search(r":(\d+)/", line)
    if not m:
        sys.exit(f"hostile: server did not start: {line}")
    threading.Thread(target=p.stderr.read, daemon=True).start()
    return p, int(m.group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="bin/vnplan")
    ap.add_argument("--db")
    ap.add_argument("--size", default="10M")
    ap.add_argument("--port", type=int, default=0)
    a = ap.parse_args()
    out = "bench/out"
    os.makedirs(out, exist_ok=True)
    src_db = a.db
    if src_db is None:
        corpus = f"{out}/hostile-corpus-{a.size}"
        if not os.path.isdir(corpus):
            print(f"== generating a {a.size} corpus into {corpus}", flush=True)
            subprocess.run([sys.executable, "bench/gen_corpus.py", "--size", a.size, "--out", corpus,
                            "--quiet", "corpus/"], check=True)
        src_db = f"{out}/hostile-{a.size}.db"
        index(a.bin, src_db, corpus)
    small = f"{out}/hostile-small.db"
    index(a.bin, small, "corpus/")
    db = f"{out}/hostile-served.db"
    shutil.copyfile(src_db, db)
    proc, port = start(a.bin, db, a.port, f"{out}/hostile-requests.log")
    try:
        normal = Normal(port)
        ROWS.append(("(idle server)", "-", "-", pair(normal.sample(1)), f"{rss_mb(proc.pid):.0f} MB"))
        print("== slow-header clients", flush=True)
        slow_clients(port, normal, proc.pid)
        print("== connection floods", flush=True)
        idle_flood(port, normal, proc.pid)
        wrk_flood(port, normal, proc.pid)
        print("== expensive queries", flush=True)
        expensive_queries(port, normal, proc.pid)
        queue_burst(port, normal, proc.pid)
        print("== hostile requests", flush=True)
        many_params(port, proc.pid)
        hostile_requests(port, proc.pid)
        print("== distinct URLs", flush=True)
        distinct_urls(port, proc.pid)
        index_swap(port, db, small, proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            rc = "killed"
    w = [max(len(str(r[i])) for r in ROWS + [("attack", "what the attack got", "normal during (health / cached search)", "normal after", "RSS")]) for i in range(5)]
    head = ("attack", "what the attack got", "normal during (health / cached search)", "normal after", "RSS")
    print()
    for r in [head] + [(r[0], r[1], pair(r[2]), pair(r[3]), r[4]) for r in ROWS]:
        print(" | ".join(str(x).ljust(w[i]) for i, x in enumerate(r)))
    print(f"\nserver stopped: {rc}; normal requests must be answered within 100 ms")
    for m in MISSES:
        print("MISS", m)
    return 1 if MISSES else 0


if __name__ == "__main__":
    sys.exit(main())
