#!/usr/bin/env python3
"""Check vnplan's document metadata against a legal portal's own table.

usage: portal_meta_check.py INDEX.db CORPUS_DIR [--list]

Many pages of real-vi (and of the legal portal the real plans come from)
carry the portal's metadata table before the document: "Số hiệu:",
"Loại văn bản:", "Nơi ban hành:", "Ngày ban hành:", each label on its line
and its value on the next. For every such file indexed in INDEX.db (built
with `vnplan index --db INDEX.db CORPUS_DIR`), this compares the number,
kind and date vnplan extracted with the portal's, and the province: a
portal place "Tỉnh X" / "Thành phố X" wants X, any other (a ministry, a
national body) wants none. Prints the agreement counts; --list prints
every disagreement. Standard library only.
"""
import os
import re
import sqlite3
import sys
import unicodedata

LABELS = ("Số hiệu:", "Loại văn bản:", "Nơi ban hành:", "Ngày ban hành:")


def fold(s):
    if s is None:
        return None
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower().strip()


def portal_fields(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        head = f.read().split("\n")[:120]
    lines = [l.replace("*", "").strip() for l in head]
    lines = [l for l in lines if l and set(l) != {"|"}]
    out = {}
    for i, l in enumerate(lines[:-1]):
        if l in LABELS and l not in out:
            out[l] = lines[i + 1]
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    db = sqlite3.connect("file:%s?mode=ro" % args[0], uri=True)
    rows = {r[0]: r[1:] for r in db.execute(
        "SELECT path, kind, number, date, province FROM doc")}
    n = 0
    ok = {"number": 0, "kind": 0, "date": 0, "province": 0}
    bad = []
    for name in sorted(os.listdir(args[1])):
        path = os.path.abspath(os.path.join(args[1], name))
        if path not in rows or not os.path.isfile(path):
            continue
        fld = portal_fields(path)
        if "Số hiệu:" not in fld:
            continue
        n += 1
        kind, number, date, prov = rows[path]
        m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})", fld.get("Ngày ban hành:", ""))
        iso = "%s-%02d-%02d" % (m.group(3), int(m.group(2)), int(m.group(1))) if m else None
        place = fold(fld.get("Nơi ban hành:"))
        want_prov = None
        if place and (place.startswith("tinh ") or place.startswith("thanh pho ")):
            want_prov = place.split(" ", 1)[1] if place.startswith("tinh ") else place.split(" ", 2)[2]
        got_prov = fold(prov)
        prov_ok = (want_prov is None and got_prov is None) or (
            want_prov is not None and got_prov is not None and (want_prov in got_prov or got_prov in want_prov))
        for key, good in (("number", fold(number) == fold(fld["Số hiệu:"])),
                          ("kind", fold(kind) == fold(fld.get("Loại văn bản:"))),
                          ("date", date == iso), ("province", prov_ok)):
            ok[key] += good
            if not good:
                bad.append((key, name, {"number": number, "kind": kind, "date": date, "province": prov}[key],
                            {"number": fld["Số hiệu:"], "kind": fld.get("Loại văn bản:"), "date": iso,
                             "province": fld.get("Nơi ban hành:")}[key]))
    print("%d files with the portal's table" % n)
    for key in ("number", "kind", "date", "province"):
        print("  %-8s agrees on %d" % (key, ok[key]))
    if "--list" in sys.argv:
        for b in bad:
            print("  %-8s %s: vnplan %r, portal %r" % b)


if __name__ == "__main__":
    main()
