#!/usr/bin/env python3
"""it_server_browser.py — the page in headless Chromium, as an official uses
it (usage: BASE_URL [--screenshots DIR]). Run by it_server_client.py against
a running server on corpus/:
- search: a query without diacritics shows hits with <mark>, Vietnamese
  intact; a hostile query injects nothing;
- a hit opens its document page: the passage (#L<line>) is the target, in
  view, and holds the searched words marked; metadata and outline shown;
  its chain has the nodes of /api/docs/ID/chain, the document at the centre;
- the province filter: a 2025 unit (Lâm Đồng) picked in the filter bar
  keeps only hits whose plan belongs to it; facets are links with counts;
- the issuer filter: an issuer picked in the filter bar keeps only hits of
  documents with that issuer (by /api/docs); issuer and relation facets
  are links with the API's counts, relations named in Vietnamese;
- sort by date: picked in the filter bar, the hits' dates never increase;
- hits show the heading they stand under (context) and "… N kết quả nữa
  trong văn bản này" as a link to the document, where the API gives them;
- the relation filter on refs: "Căn cứ" picked, every citation row's
  relation names Căn cứ, as many rows as /api/refs?relation=basis gives;
- an instrument's chain: the SVG has a node per node of
  /api/instruments/KEY/chain (one per implementing plan among them), an
  edge per edge, the instrument at its centre, every node a link;
- coverage: 34 units, the covered count as /api/instruments/KEY/coverage;
- agency × province grid: 34 cells with the lead/support counts of
  /api/who/grid, each cell's colour green where lead is more, amber where
  support is, white where none, darker with more tasks; the cells with
  tasks are links, and a cell's tasks page (2 a page) through all of them;
- documents: in Vietnamese order of province, the newest first within one;
- export: the documents table downloaded as CSV (UTF-8 BOM, read back with
  csv: a header and a row per document) and as XLSX (zipfile: a sheet with
  as many rows);
- at 390 px (device metrics), every view: no element wider than the
  viewport, no horizontal scroll;
- no English relation label (implements, basis, continues, mention, alias)
  visible on the views that show relations; no JavaScript errors.
With --screenshots DIR, writes DIR/<view>-1280.png and DIR/<view>-390.png
for each view. Prints "skipped: …" and exits 0 when Chromium, chromedriver
or selenium is missing; else "browser: N passed, N failed". Not for
checking the API's answers (it_server_client.py does).
"""
import csv
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
import zipfile

BASE = sys.argv[1].rstrip("/") + "/"
SHOTS = None
if "--screenshots" in sys.argv:
    SHOTS = sys.argv[sys.argv.index("--screenshots") + 1]
elif len(sys.argv) > 2 and sys.argv[2].endswith(".png"):
    SHOTS = None  # the old single-screenshot form: ignored
passed = failed = 0
ENGLISH_RELATIONS = re.compile(r"\b(implements|basis|continues|mention|alias)\b")
VIEWS = {  # name → hash route, what to wait for
    "search": ("#search?q=khoa%20hoc%20cong%20nghe", "#results li"),
    "document": ("#d/222%2FKH-UBND?q=khoa%20hoc&L=28", "#doc-text .psg"),
    "refs": ("#refs?q=69-KL%2FTW", "#refs-result tbody tr"),
    "chain": ("#i/69-KL%2FTW", "svg.chain a.node"),
    "coverage": ("#i/69-KL%2FTW?tab=coverage", "#coverage-summary"),
    "agency-grid": ("#who?agency=S%E1%BB%9F%20T%C3%A0i%20ch%C3%ADnh", "#who-grid .cell"),
    "tasks": ("#tasks?agency=S%E1%BB%9F%20T%C3%A0i%20ch%C3%ADnh", "#tasks-result tbody tr"),
    "documents": ("#docs", "#docs-result tbody tr"),
    "search-filtered": ("#search?q=khoa%20hoc&relation=implements&sort=date", "#results li"),
    "refs-relation": ("#refs?q=69-KL%2FTW&relation=basis", "#refs-result tbody tr"),
}


def check(desc, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL browser: {desc}" + (f": {detail}" if detail else ""), flush=True)


def get_json(path):
    with urllib.request.urlopen(BASE.rstrip("/") + path, timeout=30) as f:
        return json.loads(f.read().decode())


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def main():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        print("skipped: browser test (selenium not installed)")
        return 0
    chromium = find_chromium()
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        print("skipped: browser test (chromium or chromedriver not installed)")
        return 0
    profile = tempfile.mkdtemp(prefix="vnplan-chromium-")
    downloads = tempfile.mkdtemp(prefix="vnplan-downloads-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
              "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
              "--window-size=1280,1000", "--lang=vi", "--hide-scrollbars"):
        opts.add_argument(a)
    opts.add_experimental_option("prefs", {"download.default_directory": downloads,
                                           "download.prompt_for_download": False})
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=opts)
    try:
        driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
        if SHOTS:
            screenshots(driver, SHOTS)
        else:
            run_checks(driver, downloads)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(downloads, ignore_errors=True)
    if not SHOTS:
        print(f"browser: {passed} passed, {failed} failed")
    return 1 if failed else 0


def wait_for(driver, desc, condition, timeout=15):
    """True when condition(driver) came true in time; else a failed check."""
    t0 = time.time()
    last = None
    while time.time() - t0 < timeout:
        try:
            last = condition(driver)
            if last:
                return True
        except Exception as e:  # an element replaced while we read it
            last = e
        time.sleep(0.1)
    check(f"{desc} (timed out)", False, str(last)[:200])
    return False


def css(driver, sel):
    from selenium.webdriver.common.by import By
    return driver.find_elements(By.CSS_SELECTOR, sel)


def status_error(driver):
    return bool(css(driver, ".status.error"))


def open_view(driver, route, ready, desc):
    driver.get(BASE + route)
    ok = wait_for(driver, desc, lambda d: css(d, ready) or status_error(d))
    if ok and not css(driver, ready):
        check(f"{desc}: the view loads", False, css(driver, ".status.error")[0].text)
        return False
    return ok


def phone(driver, on):
    if on:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    else:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.set_window_size(1280, 1000)


OVERFLOW_JS = """
const vw = document.documentElement.clientWidth;
const bad = [];
for (const e of document.querySelectorAll('body *')) {
  const r = e.getBoundingClientRect();
  if (!r.width || !r.height) continue;
  const st = getComputedStyle(e);
  if (st.visibility === 'hidden' || st.display === 'none') continue;
  /* inside a box that clips or scrolls horizontally, the box is what counts */
  let p = e.parentElement, clipped = false;
  while (p && p !== document.body) {
    const ox = getComputedStyle(p).overflowX;
    if (ox === 'auto' || ox === 'hidden' || ox === 'scroll') { clipped = true; break; }
    p = p.parentElement;
  }
  if (clipped) continue;
  if (r.right > vw + 1 || r.left < -1) bad.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '') + ' ' + Math.round(r.width));
}
return [vw, document.documentElement.scrollWidth, bad.slice(0, 5)];
"""


def run_checks(driver, downloads):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select
    driver.get(BASE)
    check("page title", "vnplan" in driver.title, driver.title)

    # ---- search: type a query without diacritics, press Enter
    wait_for(driver, "search box", lambda d: css(d, "#q"))
    box = css(driver, "#q")[0]
    box.clear()
    box.send_keys("khoa hoc cong nghe", Keys.ENTER)
    wait_for(driver, "search answers", lambda d: css(d, "#results li") or status_error(d))
    items = css(driver, "#results li")
    check("search shows results", len(items) > 0, driver.find_element(By.ID, "view").text[:200])
    marks = css(driver, "#results li .snippet mark")
    check("results highlight matches with <mark>", len(marks) > 0)
    text = " ".join(m.text.lower() for m in marks)
    check("highlighted words are the query's, with diacritics shown",
          any(w in text for w in ("khoa", "học", "công", "nghệ")), text[:200])
    body = unicodedata.normalize("NFC", driver.find_element(By.ID, "results").text)
    check("Vietnamese text displays (no mojibake)",
          any(c in body for c in "ạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ")
          and not re.search("[ÃÄÆá][\u0080-\u00bf\u2018-\u203a]", body)
          and "\ufffd" not in body, body[:200])
    check("no literal <mark> text shown", "<mark>" not in body)
    check("the URL keeps the query", "khoa" in driver.current_url)

    # ---- a hit opens its document page, the passage anchored and marked
    link = css(driver, "#results li a.hit-title")[0]
    href = link.get_attribute("href")
    m = re.search(r"[?&]L=(\d+)", href)
    line = m.group(1) if m else None
    check("a hit links to its document page at its line", "#d/" in href and line, href)
    link.click()
    wait_for(driver, "document page", lambda d: css(d, "#doc-text .psg") or status_error(d))
    target = css(driver, f"#L{line}")
    check("the hit's passage is anchored (#L<line>) and is the target",
          target and "target" in target[0].get_attribute("class"), href)
    if target:
        check("the passage holds the searched words marked",
              len(target[0].find_elements(By.TAG_NAME, "mark")) > 0, target[0].text[:200])
        in_view = driver.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight;", target[0])
        check("the passage is scrolled into view", in_view)
    check("the document page shows its metadata", "Số, ký hiệu" in driver.find_element(By.ID, "doc-meta").text)
    check("the document page has an outline", len(css(driver, "#doc-outline a")) > 0)
    check("the document page lists citations by relation in Vietnamese",
          {e.text.split(" (")[0] for e in css(driver, "#doc-cites h4.relation")} & {"Thực hiện", "Căn cứ"})
    check("the document page lists its tasks", len(css(driver, "#doc-tasks tbody tr")) > 0)
    doc_id = re.search(r"#d/(\d+)", href).group(1)
    dchain = get_json(f"/api/docs/{doc_id}/chain")
    wait_for(driver, "the document's chain", lambda d: css(d, "#doc-chain-svg a.node"))
    check("the document's chain: one SVG node per node of /api/docs/ID/chain, it at the centre",
          {n.get_attribute("data-id") for n in css(driver, "#doc-chain-svg a.node")} == {n["id"] for n in dchain["nodes"]}
          and [n.get_attribute("data-id") for n in css(driver, "#doc-chain-svg a.node.center")] == [f"d:{doc_id}"],
          f"{len(css(driver, '#doc-chain-svg a.node'))} vs {len(dchain['nodes'])}")
    check("no English relation label on the document page",
          not ENGLISH_RELATIONS.search(driver.find_element(By.ID, "view").text))
    driver.back()
    wait_for(driver, "back to the results", lambda d: css(d, "#results li"))
    check("the back button returns to the search", "#search" in driver.current_url)

    # ---- a document by its number: /d/222/KH-UBND
    driver.get(BASE + "d/222/KH-UBND")
    wait_for(driver, "/d/NUMBER opens the document", lambda d: css(d, "#doc-meta") or status_error(d))
    check("/d/222/KH-UBND shows that plan", "222/KH-UBND" in (css(driver, "#doc-meta") or [driver])[0].text)

    # ---- hostile query: a message, never HTML
    driver.get(BASE + "#search")
    wait_for(driver, "search box", lambda d: css(d, "#q"))
    box = css(driver, "#q")[0]
    box.send_keys('"<img src=x onerror=alert(1)>', Keys.ENTER)
    wait_for(driver, "bad query answers", lambda d: status_error(d) or "Không" in d.find_element(By.ID, "search-status").text)
    check("a bad query shows a message, injects no element", not css(driver, "main img"))
    check("the error is in Vietnamese", not re.search(r"\b(the|query|cannot)\b", driver.find_element(By.ID, "search-status").text),
          driver.find_element(By.ID, "search-status").text)

    # ---- the province filter: a 2025 unit takes in its predecessors' plans
    open_view(driver, "#search?q=khoa%20hoc", "#results li", "search for the filter")
    sel = css(driver, "#f-province")
    check("the filter bar has a province choice", sel)
    if sel:
        Select(sel[0]).select_by_visible_text("Lâm Đồng")
        wait_for(driver, "filtered search", lambda d: "province=" in d.current_url and (css(d, "#results li") or status_error(d)))
        time.sleep(0.3)
        hits = css(driver, "#results li")
        provs = {h.get_attribute("data-province-2025") for h in hits}
        check("province filter applied: every hit's province is in Lâm Đồng (2025)", hits and provs == {"Lâm Đồng"},
              str(provs))
        api = get_json("/api/search?q=khoa%20hoc&limit=1&province=" + urllib.parse.quote("Lâm Đồng"))
        check("the page's count is the API's", str(api["total"]) in driver.find_element(By.ID, "search-status").text)
        chips = css(driver, "#search-facets a.chip")
        check("facets are links with counts", chips and all(re.search(r"\(\d+\)$", c.text) for c in chips))

    # ---- the issuer filter, issuer and relation facets
    docs_by_id = {d["id"]: d for d in get_json("/api/docs")["docs"]}
    open_view(driver, "#search?q=khoa%20hoc", "#results li", "search for the issuer filter")
    sel = css(driver, "#f-issuer")
    issuers = [o.get_attribute("value") for o in css(driver, "#f-issuer option")][1:]
    check("the filter bar has an issuer choice listing the index's issuers", sel and issuers
          and set(issuers) == {d["issuer"] for d in docs_by_id.values() if d.get("issuer")}, str(issuers))
    if sel and issuers:
        Select(sel[0]).select_by_value(issuers[0])
        wait_for(driver, "issuer-filtered search", lambda d: "issuer=" in d.current_url and (css(d, "#results li") or status_error(d)))
        time.sleep(0.3)
        hits = css(driver, "#results li")
        got = {docs_by_id.get(int(h.get_attribute("data-doc-id")), {}).get("issuer") for h in hits}
        check("issuer filter applied: every hit's document has that issuer", hits and got == {issuers[0]}, str(got))
        api = get_json("/api/search?q=khoa%20hoc&limit=1&issuer=" + urllib.parse.quote(issuers[0]))
        check("the page's count is the API's (issuer)", str(api["total"]) in driver.find_element(By.ID, "search-status").text)
        chips = css(driver, "#facets-issuer a.chip")
        check("issuer facets are links with the API's counts",
              chips and {c.get_attribute("data-issuer"): c.text for c in chips}
              == {k: f"{k} ({n})" for k, n in api["facets"]["issuer"].items()}, str([c.text for c in chips]))
        rchips = css(driver, "#facets-relation a.chip")
        want = {k: n for k, n in api["facets"]["relation"].items()}
        check("relation facets are links with the API's counts, in Vietnamese",
              rchips and {c.get_attribute("data-relation"): c.text.rsplit(" (", 1)[1].rstrip(")") for c in rchips}
              == {k: str(n) for k, n in want.items()}
              and all(c.text.split(" (")[0] in VI_RELATIONS for c in rchips), str([c.text for c in rchips]))
        check("no English relation label on the filtered search",
              not ENGLISH_RELATIONS.search(driver.find_element(By.ID, "view").text))
        if rchips:
            label = rchips[0].text.split(" (")[0]
            rchips[0].click()
            wait_for(driver, "a relation facet filters", lambda d: "relation=" in d.current_url and (css(d, "#results li") or status_error(d)))
            key = urllib.parse.parse_qs(driver.current_url.split("?", 1)[1]).get("relation", [""])[0]
            api = get_json("/api/search?q=khoa%20hoc&limit=1&issuer=" + urllib.parse.quote(issuers[0]) + "&relation=" + key)
            check(f"relation facet {label}: the count is the API's",
                  str(api["total"]) in driver.find_element(By.ID, "search-status").text and api["total"] == want.get(key),
                  driver.find_element(By.ID, "search-status").text)
    unknown = get_json_status("/api/search?q=khoa&issuer=" + urllib.parse.quote("Bộ Không Có"))
    check("an unknown issuer: 400 with the choices", unknown[0] == 400 and unknown[1]["error"].get("choices"))
    driver.get(BASE + "#search?q=khoa&issuer=" + urllib.parse.quote("Bộ Không Có"))
    wait_for(driver, "unknown issuer message", lambda d: status_error(d))
    msg = driver.find_element(By.ID, "search-status").text
    check("an unknown issuer says so in Vietnamese, with the choices", "Không có cơ quan ban hành" in msg
          and "Có thể chọn" in msg, msg)

    # ---- sort by date, from the filter bar
    open_view(driver, "#search?q=khoa%20hoc", "#results li", "search for sort")
    sel = css(driver, "#f-sort")
    check("the filter bar has a sort choice", sel)
    if sel:
        Select(sel[0]).select_by_value("date")
        wait_for(driver, "sorted search", lambda d: "sort=date" in d.current_url and (css(d, "#results li") or status_error(d)))
        time.sleep(0.3)
        dates = [h.get_attribute("data-date") for h in css(driver, "#results li")]
        keyed = [(d == "", d) for d in dates]
        check("sort=date: the hits' dates never increase (undated last)", dates and all(
            (a[0] < b[0]) or (a[0] == b[0] and a[1] >= b[1]) for a, b in zip(keyed, keyed[1:])), str(dates))
        nxt = [a for a in css(driver, ".pager a.button") if "Sau" in a.text]
        if nxt and "disabled" not in nxt[0].get_attribute("class"):
            last = dates[-1]
            nxt[0].click()
            wait_for(driver, "the next page, by date", lambda d: "offset=" in d.current_url and css(d, "#results li"))
            time.sleep(0.3)
            d2 = [h.get_attribute("data-date") for h in css(driver, "#results li")]
            check("sort=date: the next page goes on from the last date", d2 and (last == "" and d2[0] == ""
                  or d2[0] == "" or d2[0] <= last), f"{last} then {d2[:3]}")

    # ---- each hit's context and "N more in this document"
    api = get_json("/api/search?q=" + urllib.parse.quote("khoa học") + "&limit=10")
    open_view(driver, "#search?q=" + urllib.parse.quote("khoa học"), "#results li", "search for context")
    items = css(driver, "#results li")
    want_ctx = [bool(h.get("context")) for h in api["hits"]]
    got_ctx = [bool(i.find_elements(By.CSS_SELECTOR, ".hit-context")) for i in items]
    check("each hit shows the heading it stands under when the API gives one", want_ctx == got_ctx and any(want_ctx),
          f"{want_ctx} vs {got_ctx}")
    more = [(i, h) for i, h in zip(items, api["hits"]) if h.get("more_in_doc")]
    check("the API gives a hit with more in its document (seed corpus)", more)
    for i, h in more:
        a = i.find_elements(By.CSS_SELECTOR, "a.more-link")
        check("'… N kết quả nữa trong văn bản này' is a link to the document",
              a and f"… {h['more_in_doc']} kết quả nữa trong văn bản này" == a[0].text
              and f"#d/{h['doc']['id']}" in a[0].get_attribute("href"), a[0].text if a else "")

    # ---- the implementation chain of an instrument
    key = "69-KL/TW"
    inst = get_json("/api/instruments/" + urllib.parse.quote(key, safe=""))
    chain = get_json("/api/instruments/" + urllib.parse.quote(key, safe="") + "/chain")
    open_view(driver, "#i/" + urllib.parse.quote(key, safe=""), "svg.chain a.node", "chain")
    wait_for(driver, "chain drawn", lambda d: css(d, "svg.chain a.node"))
    docs = css(driver, "svg.chain a.node[data-kind=doc]")
    check("chain: one SVG node per implementing plan (/api/instruments/KEY implemented_by)",
          len(docs) == len(inst["implemented_by"]), f"{len(docs)} vs {len(inst['implemented_by'])}")
    check("chain: one SVG node per node of /api/instruments/KEY/chain",
          len(css(driver, "svg.chain a.node")) == len(chain["nodes"]),
          f"{len(css(driver, 'svg.chain a.node'))} vs {len(chain['nodes'])}")
    check("chain: the nodes are the API's", {n.get_attribute("data-id") for n in css(driver, "svg.chain a.node")}
          == {n["id"] for n in chain["nodes"]})
    check("chain: one path per edge of the API", len(css(driver, "svg.chain path.edge")) == len(chain["edges"]),
          f"{len(css(driver, 'svg.chain path.edge'))} vs {len(chain['edges'])}")
    check("chain: the levels the API gives are drawn (band labels in Vietnamese)",
          len(css(driver, "svg.chain text.band-label")) == len({n["level"] for n in chain["nodes"]}))
    center = css(driver, "svg.chain a.node.center")
    check("chain: the instrument at its centre", center and key in center[0].text, center[0].text if center else "")
    nodes = css(driver, "svg.chain a.node")
    check("chain: at least 1 + plans + what it implements nodes",
          len(nodes) >= 1 + len(inst["implemented_by"]) + len(inst["implements"]))
    check("chain: every node is a link", all(n.get_attribute("href") for n in nodes))
    check("no English relation label on the chain",
          not ENGLISH_RELATIONS.search(driver.find_element(By.ID, "view").text))

    # ---- coverage
    cov = get_json("/api/instruments/" + urllib.parse.quote(key, safe="") + "/coverage")
    open_view(driver, "#i/" + urllib.parse.quote(key, safe="") + "?tab=coverage", "#coverage-summary", "coverage")
    summ = (css(driver, "#coverage-summary") or [driver.find_element(By.ID, "view")])[0].text
    check("coverage: the covered count out of 34", f"{cov['covered_2025']}/34" in summ, summ)
    rows = css(driver, "table.coverage tbody tr")
    check("coverage: a row per unit (or per plan)", len(rows) >= 34, str(len(rows)))
    check("coverage: the uncovered stand out", len(css(driver, "table.coverage tr.uncovered")) == 34 - cov["covered_2025"])

    # ---- refs: relation names in Vietnamese
    open_view(driver, "#refs?q=69-KL%2FTW", "#refs-result tbody tr", "refs")
    check("refs 69-KL/TW lists citing plans", len(css(driver, "#refs-result table.citations tbody tr")) > 0)
    check("no English relation label on refs",
          not ENGLISH_RELATIONS.search(driver.find_element(By.ID, "view").text))
    check("citation rows link to the document page", css(driver, "#refs-result table.citations a.doc-link"))
    sel = css(driver, "#f-relation")
    check("refs: the filter bar has a relation choice in Vietnamese",
          sel and [o.text for o in css(driver, "#f-relation option")][1:] == ["Thực hiện", "Tiếp tục thực hiện", "Căn cứ", "Nhắc đến", "Viết tắt"])
    if sel:
        Select(sel[0]).select_by_visible_text("Căn cứ")
        wait_for(driver, "relation-filtered refs", lambda d: "relation=basis" in d.current_url and (css(d, "#refs-result table.citations tbody tr") or status_error(d)))
        time.sleep(0.3)
        api = get_json("/api/refs?q=69-KL%2FTW&relation=" + urllib.parse.quote("Căn cứ"))
        rels = [td.text for td in css(driver, "#refs-result table.citations td[data-label='Quan hệ']")]
        check("relation filter on refs: every row's relation names Căn cứ", rels and all("Căn cứ" in r.split(", ") for r in rels), str(rels))
        check("relation filter on refs: as many rows as the API's citations", len(rels) == len(api["citations"]) > 0,
              f"{len(rels)} vs {len(api['citations'])}")
        check("refs: relation facets with the API's counts", {c.get_attribute("data-relation"): c.text for c in css(driver, "#refs-facets-relation a.chip")}
              == {k: f"{RELATION_NAMES[k]} ({n})" for k, n in api["facets"]["relation"].items()})
        check("no English relation label on filtered refs",
              not ENGLISH_RELATIONS.search(driver.find_element(By.ID, "view").text))

    # ---- agency × province grid
    driver.get(BASE + "#who")
    wait_for(driver, "agency list loads", lambda d: css(d, "#agency[data-loaded]") or status_error(d))
    options = [o.get_attribute("value") for o in css(driver, "#agency option")][1:]
    check("the agency list is filled from /api/agencies", len(options) > 0)
    check("agencies in Vietnamese alphabetical order (Đ after D, Ủ after U)",
          options == sorted(options, key=vi_key), str(options[:8]))
    pick = next((o for o in options if o.startswith("Sở Tài chính")), options[0] if options else None)
    if pick:
        Select(css(driver, "#agency")[0]).select_by_value(pick)
        wait_for(driver, "who answers", lambda d: css(d, "#who-grid .cell") or status_error(d))
        cells = css(driver, "#who-grid .cell")
        check("grid: 34 units", len(cells) == 34, str(len(cells)))
        grid = get_json("/api/who/grid?agency=" + urllib.parse.quote(pick))
        want = {u["province"]: (u["lead"], u["support"]) for u in grid["units"]}
        got = {c.get_attribute("data-province"): (int(c.get_attribute("data-lead")), int(c.get_attribute("data-support")))
               for c in cells}
        check("grid: each cell's lead/support counts are /api/who/grid's", got == want, f"{got} vs {want}")
        check_grid_colours(driver, cells, want)
        driver.get(BASE + "#who?before=1&agency=" + urllib.parse.quote(pick))
        wait_for(driver, "the grid by the 63 provinces", lambda d: len(css(d, "#who-grid .cell")) == 63 or status_error(d))
        cells63 = css(driver, "#who-grid .cell")
        want63 = {p["province"]: (p["lead"], p["support"]) for p in grid["provinces"]}
        got63 = {c.get_attribute("data-province"): (int(c.get_attribute("data-lead")), int(c.get_attribute("data-support")))
                 for c in cells63}
        check("grid before 2025: 63 cells with /api/who/grid's provinces' counts", len(cells63) == 63 and got63 == want63)
        check_grid_colours(driver, cells63, want63)
        driver.get(BASE + "#who?agency=" + urllib.parse.quote(pick))
        wait_for(driver, "the grid again", lambda d: len(css(d, "#who-grid .cell")) == 34)
        links = css(driver, "#who-grid a.cell")
        check("grid: the cells with tasks open that province's tasks",
              links and all("#tasks?" in a.get_attribute("href") for a in links)
              and len(links) == sum(1 for l, s in want.values() if l + s))
        if links:
            links[0].click()
            wait_for(driver, "tasks of a cell", lambda d: css(d, "#tasks-result tbody tr") or status_error(d))
            check("a cell opens its tasks", len(css(driver, "#tasks-result tbody tr")) > 0)
        # the biggest cell's tasks, 2 a page: every page followed, all of them
        big = max(want.items(), key=lambda kv: kv[1][0] + kv[1][1])
        n_big = get_json("/api/tasks?limit=1&agency=" + urllib.parse.quote(pick) + "&province=" + urllib.parse.quote(big[0]))["total"]
        check("grid: the biggest cell has more tasks than a page of 2", n_big > 2, str(n_big))
        driver.get(BASE + "#who?agency=" + urllib.parse.quote(pick))
        wait_for(driver, "grid again", lambda d: css(d, f"#who-grid a.cell[data-province='{big[0]}']"))
        href = css(driver, f"#who-grid a.cell[data-province='{big[0]}']")[0].get_attribute("href")
        driver.get(href + "&per=2")
        seen, pages = [], 0
        while pages < 50:
            if not wait_for(driver, "a page of the cell's tasks", lambda d: css(d, "#tasks-result tbody tr") or status_error(d)):
                break
            time.sleep(0.2)
            rows = css(driver, "#tasks-result tbody tr")
            seen += [r.text for r in rows]
            pages += 1
            check("a page of the cell's tasks holds at most 2", len(rows) <= 2, str(len(rows)))
            nxt = css(driver, "#tasks-result .pager a.next")
            if not nxt or "disabled" in nxt[0].get_attribute("class"):
                break
            url = driver.current_url
            nxt[0].click()
            wait_for(driver, "the next page", lambda d: d.current_url != url)
        chips = css(driver, "#tasks-facets-issuer a.chip")
        api_t = get_json("/api/tasks?limit=1&agency=" + urllib.parse.quote(pick) + "&province=" + urllib.parse.quote(big[0]))
        check("tasks: issuer facets with the API's counts", chips and {c.get_attribute("data-issuer"): c.text for c in chips}
              == {k: f"{k} ({n})" for k, n in api_t["facets"]["issuer"].items()})
        check("grid: the cell's tasks page through all of them (the count /api/tasks and the cell give)",
              len(seen) == n_big == big[1][0] + big[1][1] and pages == -(-n_big // 2), f"{len(seen)} rows in {pages} pages, {n_big}, {big[1]}")

    # ---- export: CSV and XLSX of the documents table, read back
    n_docs = get_json("/api/docs")["total"]
    open_view(driver, "#docs", "#docs-result tbody tr", "documents")
    provs = [td.text for td in css(driver, "#docs-result td[data-label='Tỉnh']")]
    dates = [td.text for td in css(driver, "#docs-result td[data-label='Ngày']")]
    check("documents: by province in Vietnamese order", provs and provs == sorted(provs, key=vi_key), str(provs))
    ymd = ["-".join(reversed(d.split("/"))) if d else "" for d in dates]
    check("documents: the newest first within a province", all(
        (ymd[i] >= ymd[i + 1] or ymd[i + 1] == "") for i in range(len(ymd) - 1) if provs[i] == provs[i + 1]), str(dates))
    btn = css(driver, "#docs-result button.export-csv")
    if btn:
        btn[0].click()
        path = wait_file(downloads, ".csv")
        check("CSV downloaded", path, str(os.listdir(downloads)))
        if path:
            raw = open(path, "rb").read()
            check("CSV starts with a UTF-8 BOM", raw.startswith(b"\xef\xbb\xbf"))
            rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
            check("CSV: a header and a row per document", len(rows) == n_docs + 1 and rows[0][0] == "Tỉnh",
                  f"{len(rows)} rows, header {rows[0] if rows else None}")
            check("CSV: Vietnamese intact", any("Tuyên Quang" in c for r in rows for c in r))
    btn = css(driver, "#docs-result button.export-xlsx")
    check("an XLSX button", btn)
    if btn:
        btn[0].click()
        path = wait_file(downloads, ".xlsx")
        check("XLSX downloaded", path, str(os.listdir(downloads)))
        if path:
            try:
                with zipfile.ZipFile(path) as z:
                    bad = z.testzip()
                    sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
                check("XLSX: a valid zip", bad is None)
                check("XLSX: a row per document and a header", sheet.count("<row ") == n_docs + 1)
                check("XLSX: Vietnamese intact", "Tuyên Quang" in sheet)
            except zipfile.BadZipFile as e:
                check("XLSX: a valid zip", False, str(e))

    # ---- phone width: no element wider than the viewport
    phone(driver, True)
    try:
        for name, (route, ready) in VIEWS.items():
            open_view(driver, route, ready, f"{name} at 390 px")
            time.sleep(0.3)
            vw, sw, bad = driver.execute_script(OVERFLOW_JS)
            check(f"390 px, {name}: no element wider than the viewport", vw <= 390 and sw <= vw and not bad,
                  f"viewport {vw}, scroll width {sw}, {bad}")
    finally:
        phone(driver, False)

    logs = []
    try:
        logs = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"
                and "/api/" not in e.get("message", "")]
    except Exception:  # some drivers have no log API
        pass
    check("no JavaScript errors", not logs, str(logs[:3]))


VI_RELATIONS = {"Căn cứ", "Thực hiện", "Tiếp tục thực hiện", "Nhắc đến", "Viết tắt"}
RELATION_NAMES = {"basis": "Căn cứ", "implements": "Thực hiện", "continues": "Tiếp tục thực hiện",
                  "mention": "Nhắc đến", "alias": "Viết tắt"}


def get_json_status(path):
    try:
        with urllib.request.urlopen(BASE.rstrip("/") + path, timeout=30) as f:
            return f.status, json.loads(f.read().decode())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read().decode())


def rgb(s):
    m = re.match(r"rgba?\((\d+), (\d+), (\d+)", s or "")
    return tuple(int(x) for x in m.groups()) if m else None


def check_grid_colours(driver, cells, want):
    """White where no task; green (g > r) where lead is more, amber (r > g)
    where support is; a cell with more tasks no lighter than one with fewer."""
    colours = {c.get_attribute("data-province"): rgb(c.value_of_css_property("background-color")) for c in cells}
    empty = [p for p, (l, s) in want.items() if l + s == 0]
    check("grid colours: cells without tasks are white", all(colours[p] == (255, 255, 255) for p in empty),
          str({p: colours[p] for p in empty[:3]}))
    full = [p for p, (l, s) in want.items() if l + s]
    check("grid colours: lead-heavy cells green, support-heavy amber",
          full and all((colours[p][1] > colours[p][0]) == (want[p][0] >= want[p][1]) for p in full),
          str({p: (want[p], colours[p]) for p in full}))
    light = {p: sum(colours[p]) for p in full}
    order = sorted(full, key=lambda p: sum(want[p]))
    check("grid colours: darker with more tasks",
          all(light[a] >= light[b] or sum(want[a]) == sum(want[b]) for a, b in zip(order, order[1:])),
          str([(p, sum(want[p]), light[p]) for p in order]))


def vi_key(s):
    """Vietnamese order for the test: base letters (with ă â đ ê ô ơ ư after
    their base), then tones — the same as the page's and the API's."""
    order = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
    tones = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
    mods = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}
    prim, ton = [], []
    for ch in s:
        dec = unicodedata.normalize("NFD", ch.lower())
        base, tone = dec[0], 0
        for mk in dec[1:]:
            if mk in tones:
                tone = tones[mk]
            elif mk in mods:
                base = {"a\u0306": "ă", "a\u0302": "â", "e\u0302": "ê", "o\u0302": "ô",
                        "o\u031b": "ơ", "u\u031b": "ư"}.get(base + mk, base)
        prim.append((order.index(base) + 1000) if base in order else ord(base))
        ton.append(tone)
    return (prim, ton, s)


def wait_file(folder, ext, timeout=15):
    t0 = time.time()
    while time.time() - t0 < timeout:
        done = [f for f in os.listdir(folder) if f.endswith(ext)]
        if done:
            time.sleep(0.2)
            return os.path.join(folder, sorted(done, key=lambda f: os.path.getmtime(os.path.join(folder, f)))[-1])
        time.sleep(0.1)
    return None


def screenshots(driver, folder):
    os.makedirs(folder, exist_ok=True)
    for width in (1280, 390):
        phone(driver, width == 390)
        for name, (route, ready) in VIEWS.items():
            open_view(driver, route, ready, name)
            time.sleep(0.5)
            path = os.path.join(folder, f"{name}-{width}.png")
            driver.save_screenshot(path)
            print(path)
    phone(driver, False)


if __name__ == "__main__":
    sys.exit(main())
