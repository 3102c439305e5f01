#!/bin/sh
# tests/it_formats.sh — the files `vnplan index` meets besides UTF-8 .txt/.md,
# run by `make test`: a folder with a Markdown plan, a Windows-1258 copy of
# corpus/000_*.txt (NFC text with its tone marks split off, as Windows-1258
# writes them), a UTF-16 copy, a DOCX copy and an ODT copy (one paragraph
# per line, built with zipfile), an HTML page of the same plan (each line a <p>, between a
# script and a nav that must not be indexed), a TCVN3-looking file too short
# to trust, a damaged .docx, a damaged .odt, a PDF of the plan, a damaged .pdf and a .jpg. The converted copies are
# indexed with the passages and tasks of the UTF-8 original (the DOCX, the
# ODT and the page: their tasks and citations) and noted on stderr; a PDF of the plan in
# ASCII (written here with python3's standard library: Courier, the base
# fonts carry no Vietnamese) is indexed and found by a search, a damaged .pdf
# is refused with poppler's reason; every other file is
# named in a warning with its reason; the summary counts skips by reason; the
# exit status is 1. Then the seeds as LibreOffice wrote them
# (tests/data/formats): the scorer's verdicts on their DOCX, PDF and ODT
# copies equal those on corpus/; a .doc, .docx, .odt, .pdf and the text of one plan give
# the same tasks and citations; a scanned page is read by OCR (a progress
# line, ocr_pages, "(OCR)" in its locators; VNPLAN_OCR=off and --ocr=off
# skip it saying so, --ocr=auto wins over the variable); PDF, DOCX and ODT passages keep page/line and paragraph locators. Last,
# hostile files beside a good one — a zip bomb as DOCX, a truncated DOCX,
# billion laughs, a PDF claiming 10,000 pages, an encrypted PDF — each
# skipped with its reason in bounded time, the good one indexed.
# Prints "N passed, N failed" last.
set -u
cd "$(dirname "$0")/.." || exit 1
VNPLAN=${VNPLAN_ASAN:-bin/asan/vnplan}
[ -x "$VNPLAN" ] || VNPLAN=bin/vnplan
T=tests/tmp/formats
rm -rf "$T"; mkdir -p "$T/d"
pass=0; fail=0
ok()  { echo "ok   $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
check() { d=$1; shift; if "$@"; then ok "$d"; else bad "$d"; fi; }

src=$(ls corpus/000_*.txt | head -n 1)
cp "$src" "$T/d/plan.md"
python3 - "$T/d" "$src" <<'PY' || bad "python3 fixtures"
import sys, unicodedata
d, src = sys.argv[1], sys.argv[2]
text = open(src, encoding="utf-8").read()
TONES = "\u0300\u0301\u0303\u0309\u0323"
def cp1258(s):
    # Windows-1258 has precomposed â ê ô ơ ư ă đ and some Latin-1 letters, and
    # the five tone marks as combining bytes: NFD, then recompose the letter
    # without its tone
    out = bytearray()
    for ch in unicodedata.normalize("NFC", s):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
        out += (base + "".join(c for c in nfd if c in TONES)).encode("cp1258")
    return bytes(out)
open(d + "/plan-cp1258.txt", "wb").write(cp1258(text))
open(d + "/plan-utf16.txt", "wb").write(text.encode("utf-16"))
open(d + "/short-tcvn3.txt", "wb").write(b"K\xd5 ho\xb9ch ABC\n")
open(d + "/broken.pdf", "wb").write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n%%EOF\n")
# a PDF of the seed in ASCII (tone marks dropped, d for đ), 60 lines a page
import textwrap
ascii_lines = []
for l in text.split("\n"):
    a = unicodedata.normalize("NFD", l.replace("đ", "d").replace("Đ", "D"))
    a = "".join(c for c in a if not unicodedata.combining(c)).encode("ascii", "replace").decode()
    ascii_lines += textwrap.wrap(a, 95) or [""]
pages = [ascii_lines[i:i + 60] for i in range(0, len(ascii_lines), 60)] or [[]]
def esc(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
objs = ["<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Count %d /Kids [%s] >>" % (len(pages), " ".join(
            "%d 0 R" % (4 + 2 * i) for i in range(len(pages)))),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"]
for i, pg in enumerate(pages):
    objs.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                "<< /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i))
    st = "BT /F1 9 Tf 36 756 Td 12 TL\n" + "".join("(%s) Tj T*\n" % esc(l) for l in pg) + "ET\n"
    objs.append("<< /Length %d >>\nstream\n%sendstream" % (len(st), st))
out = bytearray(b"%PDF-1.4\n")
offs = []
for i, o in enumerate(objs):
    offs.append(len(out))
    out += ("%d 0 obj\n%s\nendobj\n" % (i + 1, o)).encode("ascii")
xref = len(out)
out += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)).encode()
out += "".join("%010d 00000 n \n" % o for o in offs).encode()
out += ("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)).encode()
open(d + "/plan.pdf", "wb").write(bytes(out))
import html
body = "".join("<p>%s</p>\n" % html.escape(l) for l in text.splitlines() if l.strip())
open(d + "/plan.html", "w", encoding="utf-8").write(
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Plan</title>"
    "<script>var zzscriptword = 1;</script></head><body>"
    "<nav><a href=\"/\">zznavword</a></nav>\n" + body + "</body></html>\n")
open(d + "/broken.docx", "wb").write(b"PK\x03\x04\x14\x00\x00\x00 not really a docx")
# a minimal DOCX of the seed: one w:p per line, the text as written
import zipfile
from xml.sax.saxutils import escape
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
body = "".join('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % escape(l)
               for l in text.split("\n") if l.strip())
with zipfile.ZipFile(d + "/plan.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns='
               '"http://schemas.openxmlformats.org/package/2006/content-types"><Override '
               'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
               'officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (W, body))
# a minimal ODT of the seed: one text:p per line
ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
body = "".join("<text:p>%s</text:p>" % escape(l) for l in text.split("\n") if l.strip())
with zipfile.ZipFile(d + "/plan.odt", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
    z.writestr("content.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-content %s>'
               '<office:body><office:text>%s</office:text></office:body></office:document-content>' % (ns, body))
open(d + "/broken.odt", "wb").write(b"PK\x03\x04\x14\x00\x00\x00 not really an odt")
open(d + "/scan.jpg", "wb").write(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
open(d + "/.hidden.pdf", "wb").write(b"%PDF-1.4\n")
PY
check "CP1258 fixture is not UTF-8" sh -c "! iconv -f UTF-8 -t UTF-8 '$T/d/plan-cp1258.txt' >/dev/null 2>&1"

"$VNPLAN" index --db "$T/f.db" "$T/d" >"$T/out" 2>"$T/err"
rc=$?
check "exit status 1 (files skipped), got $rc" test "$rc" = 1
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error' "$T/err"; then
  bad "sanitizer report: $(grep -m1 -E 'ERROR|runtime error' "$T/err")"
fi
check "plan.pdf not skipped" sh -c "! grep -q 'skipping $T/d/plan.pdf' '$T/err'"
check "broken.pdf named: damaged PDF" grep -q "skipping $T/d/broken.pdf: damaged PDF" "$T/err"
check "broken.docx named: damaged DOCX" grep -q "skipping $T/d/broken.docx: damaged DOCX" "$T/err"
check "plan.docx not skipped" sh -c "! grep -q 'skipping $T/d/plan.docx' '$T/err'"
check "broken.odt named: damaged ODT" grep -q "skipping $T/d/broken.odt: damaged ODT" "$T/err"
check "plan.odt not skipped" sh -c "! grep -q 'skipping $T/d/plan.odt' '$T/err'"
check "scan.jpg named: unsupported type" grep -q "skipping $T/d/scan.jpg: unsupported type .jpg" "$T/err"
check "short-tcvn3.txt refused, likely TCVN3" grep -q "skipping $T/d/short-tcvn3.txt: invalid UTF-8 .*likely TCVN3" "$T/err"
check "plan-cp1258.txt noted as Windows-1258" grep -q "$T/d/plan-cp1258.txt: likely Windows-1258, converted" "$T/err"
check "plan-utf16.txt noted as UTF-16" grep -q "$T/d/plan-utf16.txt: .*UTF-16, converted" "$T/err"
check "hidden file passed over silently" sh -c "! grep -q hidden '$T/err'"
check "summary counts skips by reason" grep -q "12 files: 7 indexed (2 converted to UTF-8), 0 unchanged, 5 skipped (1 unsupported type, 1 encoding, 3 other)" "$T/err"

"$VNPLAN" docs --db "$T/f.db" --json >"$T/docs.json" 2>>"$T/err"
python3 - "$T/docs.json" >"$T/cmp" <<'PY'
import json, sys
docs = {d["file"].rsplit("/", 1)[-1]: d for d in json.load(open(sys.argv[1]))["docs"]}
ref = docs.get("plan.md")
for name in ("plan-cp1258.txt", "plan-utf16.txt", "plan.docx", "plan.odt"):
    d = docs.get(name)
    # a DOCX or ODT has one paragraph per line: its passages may differ, not
    # its tasks, citations, number or title
    keys = ("tasks", "citations", "number", "title") if name.endswith((".docx", ".odt")) else \
        ("passages", "tasks", "citations", "number", "title")
    same = bool(ref and d) and all(d[k] == ref[k] for k in keys)
    print("%s %s %s" % (name, "same" if same else "differs",
                        {k: (d or {}).get(k) for k in ("passages", "tasks", "citations")}))
PY
check "Windows-1258 copy: same passages, tasks, citations, number, title as UTF-8 ($(grep cp1258 "$T/cmp"))" grep -q "plan-cp1258.txt same" "$T/cmp"
check "UTF-16 copy: same passages, tasks, citations, number, title as UTF-8" grep -q "plan-utf16.txt same" "$T/cmp"
check "DOCX copy: same tasks and citations as the text ($(grep docx "$T/cmp"))" grep -q "plan.docx same" "$T/cmp"
check "ODT copy: same tasks and citations as the text ($(grep odt "$T/cmp"))" grep -q "plan.odt same" "$T/cmp"
python3 - "$T/docs.json" >"$T/cmph" <<'PY'
import json, sys
docs = {d["file"].rsplit("/", 1)[-1]: d for d in json.load(open(sys.argv[1]))["docs"]}
ref, d = docs.get("plan.md"), docs.get("plan.html")
same = bool(ref and d) and all(d[k] == ref[k] for k in ("tasks", "citations"))
print("plan.html %s %s" % ("same" if same else "differs",
                           {k: ((d or {}).get(k), (ref or {}).get(k)) for k in ("tasks", "citations")}))
PY
check "HTML copy: same citations and tasks as the text ($(cat "$T/cmph"))" grep -q "plan.html same" "$T/cmph"
for w in zzscriptword zznavword; do
  n=$("$VNPLAN" search --db "$T/f.db" --json "$w" 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["hits"]))' 2>/dev/null)
  check "HTML page's script and nav not indexed ($w: ${n:-?} hits)" test "${n:-1}" = 0
done
n=$("$VNPLAN" search --db "$T/f.db" --json "khoa học" 2>/dev/null | python3 -c 'import json,sys; print(len({h["doc"]["id"] for h in json.load(sys.stdin)["hits"]}))' 2>/dev/null)
check "a search finds the converted copies (files hit: $n)" test "${n:-0}" -ge 2

n=$(pdftotext "$T/d/plan.pdf" - 2>/dev/null | grep -c 'Ke hoach\|KE HOACH')
command -v pdftotext >/dev/null && check "plan.pdf holds the plan's text (pdftotext: $n title lines)" test "${n:-0}" -ge 1
n=$("$VNPLAN" search --db "$T/f.db" --json "khoa hoc cong nghe" 2>/dev/null | python3 -c 'import json,sys; print(sum(1 for h in json.load(sys.stdin)["hits"] if h["doc"]["file"].endswith("plan.pdf")))' 2>/dev/null)
check "a search finds the PDF copy (hits in plan.pdf: ${n:-?})" test "${n:-0}" -ge 1
python3 - "$T/docs.json" >"$T/cmpp" <<'PY'
import json, sys
docs = {d["file"].rsplit("/", 1)[-1]: d for d in json.load(open(sys.argv[1]))["docs"]}
d = docs.get("plan.pdf")
print("plan.pdf %s" % ("indexed" if d and d.get("passages", 0) > 0 else "missing"),
      {k: (d or {}).get(k) for k in ("passages", "tasks", "citations", "number")})
PY
check "PDF copy indexed with passages ($(cat "$T/cmpp"))" grep -q "plan.pdf indexed" "$T/cmpp"

# ---- the seeds as LibreOffice made them (tests/data/formats: DOCX from the
# text, PDF from the DOCX, a Word 97 .doc, the first page of a PDF rasterized
# at 200 dpi and wrapped back with img2pdf: a scan): the scorer's verdicts on
# the DOCX and PDF copies are those on corpus/; the .doc gives the text's
# tasks and citations; the scan is read by OCR and marked; passages keep
# their locators
F=tests/data/formats
if [ -f ../shared/eval/score.py ]; then
  python3 ../shared/eval/score.py --verbose --bin "$VNPLAN" --gold ../shared/eval/seeds.gold.json corpus/ >"$T/sc-orig" 2>&1
  sed -E 's/\.(txt|md|docx|pdf|odt)\b/.X/g' "$T/sc-orig" | grep -E '^(ok|FAIL) ' | sort >"$T/v-orig"
  for fmt in docx pdf odt; do
    mkdir -p "$T/$fmt"; cp $F/0*.$fmt "$T/$fmt/"
    python3 bench/gold_ext.py ../shared/eval/seeds.gold.json .$fmt "$T/gold-$fmt.json"
    python3 ../shared/eval/score.py --verbose --bin "$VNPLAN" --gold "$T/gold-$fmt.json" "$T/$fmt" >"$T/sc-$fmt" 2>&1
    sed -E 's/\.(txt|md|docx|pdf|odt)\b/.X/g' "$T/sc-$fmt" | grep -E '^(ok|FAIL) ' | sort >"$T/v-$fmt"
    nd=$(diff "$T/v-orig" "$T/v-$fmt" | grep -c '^>')
    check "seeds as $fmt: the scorer's docs/refs/who verdicts equal the text's ($nd differ; $(grep -c '^ok' "$T/v-$fmt") ok)" \
      test "$nd" = 0 -a -s "$T/v-$fmt"
    grep -E 'precision' "$T/sc-$fmt" | sed "s/^/    $fmt /"
  done
else
  echo "skipped: ../shared/eval/score.py is not here"
fi

mkdir -p "$T/m"
cp corpus/004_*.txt "$T/m/"; cp $F/004_*.doc $F/004_*.docx $F/004_*.odt $F/004_*.pdf $F/scan-004-p1.pdf "$T/m/"
VNPLAN_OCR=auto "$VNPLAN" index --db "$T/m.db" "$T/m" >"$T/m.out" 2>"$T/m.err"; rc=$?
check "mixed folder (txt, doc, docx, odt, pdf, scan) indexed, exit 0 (got $rc)" test "$rc" = 0
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error' "$T/m.err"; then
  bad "sanitizer report: $(grep -m1 -E 'ERROR|runtime error' "$T/m.err")"
fi
if command -v antiword >/dev/null; then
  "$VNPLAN" docs --db "$T/m.db" --json >"$T/m.json" 2>/dev/null
  python3 - "$T/m.json" >"$T/m.cmp" <<'PY'
import json, sys
docs = {d["file"].rsplit("/", 1)[-1]: d for d in json.load(open(sys.argv[1]))["docs"]}
ref = next((d for n, d in docs.items() if n.endswith(".txt")), None)
for n, d in sorted(docs.items()):
    same = ref is not None and all(d.get(k) == ref.get(k) for k in ("tasks", "citations", "number", "province"))
    print(n, "same" if same else "differs", {k: d.get(k) for k in ("tasks", "citations", "number", "ocr_pages")})
PY
  for ext in doc docx odt pdf; do
    check "004 as .$ext: tasks, citations, number as the text ($(grep "\.$ext " "$T/m.cmp"))" grep -q "^004_.*\.$ext same" "$T/m.cmp"
  done
  check "the scan is marked as read by OCR ($(grep scan "$T/m.cmp"))" grep -q "^scan-004-p1.pdf .*'ocr_pages': 1" "$T/m.cmp"
fi
if grep -q 'OCR is not built' "$T/m.err"; then
  ok "OCR not built: the scan is skipped saying so"
else
  check "OCR progress line on stderr" grep -q "vnplan: OCR .*/scan-004-p1.pdf page 1 of 1" "$T/m.err"
  "$VNPLAN" search --db "$T/m.db" --json --limit 50 "Ninh Thuận" >"$T/m.hits" 2>/dev/null
  python3 - "$T/m.hits" >"$T/m.loc" <<'PY'
import json, sys
for h in json.load(open(sys.argv[1]))["hits"]:
    print(h["doc"]["file"].rsplit("/", 1)[-1], h.get("loc"))
PY
  check "a search finds the scan's OCR text, located on its page ($(grep -m1 scan "$T/m.loc"))" grep -q '^scan-004-p1.pdf p\. 1, l\. [0-9]* (OCR)$' "$T/m.loc"
  check "PDF passages keep page and line ($(grep -m1 '\.pdf p' "$T/m.loc" | grep -v scan))" grep -q '^004_.*\.pdf p\. [0-9]*, l\. [0-9]*$' "$T/m.loc"
  check "DOCX passages keep their paragraph ($(grep -m1 '\.docx' "$T/m.loc"))" grep -q '^004_.*\.docx ¶ [0-9]*$' "$T/m.loc"
  check "ODT passages keep their paragraph ($(grep -m1 '\.odt' "$T/m.loc"))" grep -q '^004_.*\.odt ¶ [0-9]*$' "$T/m.loc"
  check "text passages have no locator (their line says it)" grep -q '^004_.*\.txt None$' "$T/m.loc"
  mkdir -p "$T/off"; cp $F/scan-004-p1.pdf "$T/off/"
  VNPLAN_OCR=off "$VNPLAN" index --db "$T/off.db" "$T/off" >/dev/null 2>"$T/off.err"
  check "VNPLAN_OCR=off: the scan is skipped, OCR named as off" grep -q "skipping $T/off/scan-004-p1.pdf: no text layer (a scan; OCR is off" "$T/off.err"
  rm -f "$T/off.db"*
  "$VNPLAN" index --db "$T/off.db" --ocr=off "$T/off" >/dev/null 2>"$T/off.err"
  check "--ocr=off: the scan is skipped, OCR named as off" grep -q "skipping $T/off/scan-004-p1.pdf: no text layer (a scan; OCR is off" "$T/off.err"
  rm -f "$T/off.db"*
  VNPLAN_OCR=off "$VNPLAN" index --db "$T/off.db" --ocr=auto "$T/off" >/dev/null 2>"$T/off.err"
  check "--ocr=auto wins over VNPLAN_OCR=off: the scan is read" grep -q "vnplan: OCR .*scan-004-p1.pdf page 1 of 1" "$T/off.err"
  "$VNPLAN" index --db "$T/off.db" --ocr=sometimes "$T/off" >/dev/null 2>"$T/off.err"; rc=$?
  check "--ocr=sometimes: a usage error (exit 2, got $rc) naming the values" sh -c "test $rc = 2 && grep -q 'auto, off or force' '$T/off.err'"
fi

# ---- a task table in a PDF (pandoc → DOCX → LibreOffice → PDF: a real
# table, no rules in the text layer): rebuilt from positions, its tasks
# have lead and support agencies
mkdir -p "$T/t"; cp $F/table-tasks.pdf "$T/t/"
"$VNPLAN" index --db "$T/t.db" "$T/t" >/dev/null 2>&1
for a in "Sở Nông nghiệp và Môi trường:1:0" "Sở Khoa học và Công nghệ:0:2" "Sở Nội vụ:1:0"; do
  ag=${a%%:*}; want=${a#*:}
  got=$("$VNPLAN" who --db "$T/t.db" --json "$ag" 2>/dev/null | python3 -c 'import json,sys; p=json.load(sys.stdin)["provinces"]; print("%d:%d" % (p[0]["lead"], p[0]["support"]) if p else "none")' 2>/dev/null)
  check "PDF task table: $ag lead:support $want (got ${got:-?})" test "$got" = "$want"
done

# ---- a scan of a ruled task table (HTML → pandoc → DOCX with ruled
# tables → LibreOffice → PDF → pdftoppm 200 dpi gray → img2pdf), its group
# rows spanning the table: OCR's word boxes and the page's rules rebuild
# it, its tasks have lead and support agencies as the text layer's do
if command -v tesseract >/dev/null 2>&1 && [ -f $F/scan-ruled-tasks.pdf ]; then
  mkdir -p "$T/s"; cp $F/scan-ruled-tasks.pdf "$T/s/"
  "$VNPLAN" index --db "$T/s.db" "$T/s" >/dev/null 2>&1
  for a in "Sở Nông nghiệp và Môi trường:1:0" "Sở Khoa học và Công nghệ:0:2" "Sở Nội vụ:1:0" "Sở Tài chính:0:1"; do
    ag=${a%%:*}; want=${a#*:}
    got=$("$VNPLAN" who --db "$T/s.db" --json "$ag" 2>/dev/null | python3 -c 'import json,sys; p=json.load(sys.stdin)["provinces"]; print("%d:%d" % (p[0]["lead"], p[0]["support"]) if p else "none")' 2>/dev/null)
    check "scanned ruled task table: $ag lead:support $want (got ${got:-?})" test "$got" = "$want"
  done
  n=$("$VNPLAN" tasks --db "$T/s.db" --format tsv 2>/dev/null | tail -n +2 | wc -l)
  check "scanned ruled task table: 3 tasks, the group rows none (got $n)" test "$n" = 3
fi

# ---- the same ruled task table as a Word 97 .doc (LibreOffice): antiword's
# "|cell|" lines rebuilt as rows (a row's lines joined, the group rows one
# cell): its tasks have lead and support agencies
if command -v antiword >/dev/null 2>&1; then
  mkdir -p "$T/w"; cp $F/table-tasks-ruled.doc "$T/w/"
  "$VNPLAN" index --db "$T/w.db" "$T/w" >/dev/null 2>&1
  for a in "Sở Nông nghiệp và Môi trường:1:0" "Sở Khoa học và Công nghệ:0:2" "Sở Nội vụ:1:0" "Sở Tài chính:0:1"; do
    ag=${a%%:*}; want=${a#*:}
    got=$("$VNPLAN" who --db "$T/w.db" --json "$ag" 2>/dev/null | python3 -c 'import json,sys; p=json.load(sys.stdin)["provinces"]; print("%d:%d" % (p[0]["lead"], p[0]["support"]) if p else "none")' 2>/dev/null)
    check "DOC task table: $ag lead:support $want (got ${got:-?})" test "$got" = "$want"
  done
fi

# ---- hostile files beside a good one: each skipped with its reason, the
# rest indexed, in bounded time
mkdir -p "$T/h"
cp corpus/000_*.txt "$T/h/plan.txt"
python3 - "$T/h" "$F/000_601f249a7af0c82b.docx" "$F/000_601f249a7af0c82b.pdf" <<'PY' || bad "python3 hostile fixtures"
import sys, zipfile
d, docx, pdf = sys.argv[1:4]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# a zip bomb as DOCX: 65 MB of spaces inside <w:t>, deflated to ~64 KB
with zipfile.ZipFile(d + "/bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", b"<w:document " + W.encode() + b"><w:body><w:p><w:r><w:t>"
               + b" " * (65 << 20) + b"</w:t></w:r></w:p></w:body></w:document>")
# a truncated DOCX: the first half of a real one
b = open(docx, "rb").read()
open(d + "/truncated.docx", "wb").write(b[: len(b) // 2])
# billion laughs
laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join('<!ENTITY lol%d "%s">' % (i, ("&lol%s;" % (i - 1 if i > 1 else "")) * 10) for i in range(1, 10))
          + ']><w:document %s><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>' % W)
with zipfile.ZipFile(d + "/laughs.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", laughs)
# a PDF whose page tree claims 10,000 pages (one page object, 10,000 kids)
kids = " ".join(["3 0 R"] * 10000)
objs = ["<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Count 10000 /Kids [%s] >>" % kids,
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]
out = bytearray(b"%PDF-1.4\n"); offs = []
for i, o in enumerate(objs):
    offs.append(len(out)); out += ("%d 0 obj\n%s\nendobj\n" % (i + 1, o)).encode()
x = len(out)
out += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)).encode()
out += "".join("%010d 00000 n \n" % o for o in offs).encode()
out += ("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)).encode()
open(d + "/pages10000.pdf", "wb").write(bytes(out))
PY
command -v qpdf >/dev/null && qpdf --encrypt user owner 256 -- "$F/000_601f249a7af0c82b.pdf" "$T/h/encrypted.pdf"
start=$(date +%s)
VNPLAN_OCR=off "$VNPLAN" index --db "$T/h.db" "$T/h" >"$T/h.out" 2>"$T/h.err"; rc=$?
secs=$(( $(date +%s) - start ))
check "hostile folder: exit 1 (files skipped), got $rc, in ${secs}s (bounded: < 120 s)" test "$rc" = 1 -a "$secs" -lt 120
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error' "$T/h.err"; then
  bad "sanitizer report (hostile): $(grep -m1 -E 'ERROR|runtime error' "$T/h.err")"
fi
check "zip bomb as DOCX skipped: over the limit" grep -q "skipping $T/h/bomb.docx: .*limit" "$T/h.err"
check "truncated DOCX skipped: damaged" grep -q "skipping $T/h/truncated.docx: damaged DOCX" "$T/h.err"
check "billion laughs skipped: DTD" grep -q "skipping $T/h/laughs.docx: .*DTD" "$T/h.err"
check "10,000-page PDF skipped ($(grep pages10000 "$T/h.err" | sed 's/.*: //'))" grep -q "skipping $T/h/pages10000.pdf: " "$T/h.err"
[ -f "$T/h/encrypted.pdf" ] && check "encrypted PDF skipped" grep -q "skipping $T/h/encrypted.pdf: encrypted PDF" "$T/h.err"
check "the good file beside them indexed" grep -q "1 indexed" "$T/h.err"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
