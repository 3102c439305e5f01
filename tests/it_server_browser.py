#!/usr/bin/env python3
"""it_server_browser.py — the page in headless Chromium (usage: BASE_URL
[SCREENSHOT.png]). Run by it_server_client.py against a running server:
types a query into the search box and checks the results list shows hits
with <mark> highlights and Vietnamese text intact; looks up an instrument
and an agency and checks the tables. Prints "skipped: …" and exits 0 when
Chromium, chromedriver or selenium is missing; else "browser: N passed,
N failed". Not for checking the API's answers (it_server_client.py does).
"""
import os
import re
import shutil
import sys
import tempfile
import unicodedata

BASE = sys.argv[1]
SHOT = sys.argv[2] if len(sys.argv) > 2 else None
passed = failed = 0


def check(desc, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL browser: {desc}" + (f": {detail}" if detail else ""), flush=True)


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
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.support import expected_conditions as EC
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        print("skipped: browser test (selenium not installed)")
        return 0
    chromium = find_chromium()
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        print("skipped: browser test (chromium or chromedriver not installed)")
        return 0
    profile = tempfile.mkdtemp(prefix="vnplan-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
              "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
              "--window-size=1200,1400", "--lang=vi"):
        opts.add_argument(a)
    driver = webdriver.Chrome(service=Service(driver_path), options=opts)
    try:
        run_checks(driver, By, Keys, EC, WebDriverWait(driver, 10))
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    print(f"browser: {passed} passed, {failed} failed")
    return 1 if failed else 0


def wait_for(wait, desc, condition):
    """True when condition came true in time; a timeout is a failed check."""
    from selenium.common.exceptions import TimeoutException
    try:
        wait.until(condition)
        return True
    except TimeoutException:
        check(f"{desc} (timed out)", False)
        return False


def run_checks(driver, By, Keys, EC, wait):
    from selenium.webdriver.support.ui import Select
    driver.get(BASE)
    check("page title", "vnplan" in driver.title, driver.title)

    # search: type a query without diacritics, press Enter
    box = wait.until(EC.presence_of_element_located((By.ID, "q")))
    box.clear()
    box.send_keys("khoa hoc cong nghe", Keys.ENTER)
    wait_for(wait, "search answers", lambda d: d.find_elements(By.CSS_SELECTOR, "#results li")
               or "error" in d.find_element(By.ID, "search-status").get_attribute("class")
               or d.find_element(By.ID, "search-status").text.startswith("Không"))
    items = driver.find_elements(By.CSS_SELECTOR, "#results li")
    check("search shows results", len(items) > 0,
          driver.find_element(By.ID, "search-status").text)
    marks = driver.find_elements(By.CSS_SELECTOR, "#results li .snippet mark")
    check("results highlight matches with <mark>", len(marks) > 0)
    text = " ".join(m.text.lower() for m in marks)
    check("highlighted words are the query's, with diacritics shown",
          any(w in text for w in ("khoa", "học", "công", "nghệ")), text[:200])
    body = unicodedata.normalize("NFC", driver.find_element(By.ID, "results").text)
    check("Vietnamese text displays (no mojibake)",
          any(c in body for c in "ạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ")
          and not re.search("[ÃÄÆá][\u0080-\u00bf\u2018-\u203a]", body)  # UTF-8 read as Latin-1
          and "\ufffd" not in body, body[:200])
    check("no literal <mark> text shown", "<mark>" not in body)
    check("the URL keeps the query", "khoa" in driver.current_url)
    if SHOT:
        driver.save_screenshot(SHOT)

    # hostile query: shown as an error message, not as HTML
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys('"<img src=x onerror=alert(1)>', Keys.ENTER)
    wait_for(wait, "bad query answers", lambda d: "error" in d.find_element(By.ID, "search-status").get_attribute("class")
               or d.find_element(By.ID, "search-status").text.startswith("Không"))
    check("a bad query shows a message, injects no element",
          not driver.find_elements(By.CSS_SELECTOR, "main img"))

    # an instrument: who cites it
    driver.get(BASE + "#refs")
    box = wait.until(EC.visibility_of_element_located((By.ID, "ref-q")))
    box.send_keys("69-KL/TW", Keys.ENTER)
    wait_for(wait, "refs answers", lambda d: d.find_elements(By.CSS_SELECTOR, "#refs-citations tbody tr")
               or d.find_element(By.ID, "refs-status").text.startswith("Không")
               or "error" in d.find_element(By.ID, "refs-status").get_attribute("class"))
    rows = driver.find_elements(By.CSS_SELECTOR, "#refs-citations tbody tr")
    check("refs 69-KL/TW lists citing plans", len(rows) > 0,
          driver.find_element(By.ID, "refs-status").text)

    # an agency picked from the list: province × role table
    driver.get(BASE + "#who")
    wait_for(wait, "agency list loads", lambda d: d.find_elements(By.CSS_SELECTOR, "#agency[data-loaded]")
             or "error" in d.find_element(By.ID, "who-status").get_attribute("class"))
    options = [o.get_attribute("value") for o in
               driver.find_elements(By.CSS_SELECTOR, "#agency option")][1:]
    check("the agency list is filled from /api/agencies", len(options) > 0)
    pick = next((o for o in options if o.startswith("Sở Tài chính")), options[0] if options else None)
    if pick:
        Select(driver.find_element(By.ID, "agency")).select_by_value(pick)
        wait_for(wait, "who answers", lambda d: d.find_elements(By.CSS_SELECTOR, "#who-result tbody tr")
                   or "error" in d.find_element(By.ID, "who-status").get_attribute("class"))
        rows = driver.find_elements(By.CSS_SELECTOR, "#who-result tbody tr")
        check(f"who {pick}: a province × role table", len(rows) > 0
              and len(rows[0].find_elements(By.TAG_NAME, "td")) == 4)
    logs = []
    try:
        logs = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"
                and "/api/" not in e.get("message", "")]
    except Exception:  # some drivers have no log API
        pass
    check("no JavaScript errors", not logs, str(logs[:3]))


if __name__ == "__main__":
    sys.exit(main())
