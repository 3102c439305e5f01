#!/usr/bin/env python3
"""it_server_browser.py — the page in headless Chromium, as an official uses
it (usage: BASE_URL [--screenshots DIR]). Run by it_server_client.py against
a running server on corpus/:
- search: a query without diacritics shows hits with <mark>, Vietnamese
  intact; a hostile query injects nothing;
- a hit opens its document page: the passage (#L<line>) is the target, in
  view, and holds the searched words marked; metadata and outline shown;
- the province filter: a 2025 unit (Lâm Đồng) picked in the filter bar
  keeps only hits whose plan belongs to it; facets are links with counts;
- an instrument's chain: the SVG has a node per implementing plan
  (/api/instruments/KEY's implemented_by) and the instrument at its centre,
  every node a link;
- coverage: 34 units, the covered count as /api/instruments/KEY/coverage;
- agency × province grid: 34 cells, the cells with tasks are links;
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

    # ---- the implementation chain of an instrument
    key = "69-KL/TW"
    inst = get_json("/api/instruments/" + urllib.parse.quote(key, safe=""))
    open_view(driver, "#i/" + urllib.parse.quote(key, safe=""), "svg.chain a.node", "chain")
    wait_for(driver, "chain drawn", lambda d: css(d, "svg.chain a.node"))
    docs = css(driver, "svg.chain a.node[data-kind=doc]")
    check("chain: one SVG node per implementing plan (/api/instruments/KEY implemented_by)",
          len(docs) == len(inst["implemented_by"]), f"{len(docs)} vs {len(inst['implemented_by'])}")
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
        links = css(driver, "#who-grid a.cell")
        check("grid: the cells with tasks open that province's tasks",
              links and all("#tasks?" in a.get_attribute("href") for a in links))
        if links:
            links[0].click()
            wait_for(driver, "tasks of a cell", lambda d: css(d, "#tasks-result tbody tr") or status_error(d))
            check("a cell opens its tasks", len(css(driver, "#tasks-result tbody tr")) > 0)

    # ---- export: CSV and XLSX of the documents table, read back
    n_docs = get_json("/api/docs")["total"]
    open_view(driver, "#docs", "#docs-result tbody tr", "documents")
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
