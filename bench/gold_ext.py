#!/usr/bin/env python3
"""gold_ext.py — a copy of a scorer gold file whose file names end in another
extension (.md/.txt → .docx, .pdf …), so score.py can score a converted copy
of a corpus. usage: gold_ext.py GOLD.json .EXT OUT.json"""
import json
import re
import sys

gold = json.load(open(sys.argv[1], encoding="utf-8"))
ext = sys.argv[2]


def rename(f):
    return re.sub(r"\.(md|txt)$", ext, f)


for d in gold.get("docs", []):
    d["file"] = rename(d["file"])
for c in gold.get("refs", []):
    c["files"] = [rename(f) for f in c["files"]]
json.dump(gold, open(sys.argv[3], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
