#!/bin/sh
# bench/formats.sh — measured equivalence and throughput of the file formats
# (issue 10), part of `make bench`, also runnable alone. The seed plans
# (corpus/*.txt) and ../shared/corpus/real-plans/*.md are converted with
# real tools into bench/out/formats/: DOCX (seeds: LibreOffice's text import,
# a paragraph a line; real plans: pandoc, hard line breaks kept, each table
# the portal writes as lone "|" lines between cells made a real ruled Word
# table by bench/portal_tables.py — published DOCX/PDF plans and scans of
# printed ones have ruled tables, never literal "|" paragraphs, which the
# earlier fixture had and which OCR drops, so that fixture measured an
# artefact, not the reader; it is gone), PDF with a
# text layer (LibreOffice from the DOCX), DOC (LibreOffice, Word 97), ODT
# (LibreOffice from the DOCX) and a scan (pdftoppm at 200 dpi, gray, then img2pdf: no text layer, so OCR).
# Each set is scored with ../shared/eval/score.py against the gold with its
# file names renamed (bench/gold_ext.py), and the scorer's per-case verdicts
# are compared with those on the Markdown/text originals: "same answers" or
# the cases that differ. Then throughput per format (bin/bench/fmtdump -t:
# render only, MB/s; the scan: pages/s of indexing through OCR).
# Output: a table on stdout and bench/out/formats.tsv (set, format, docs,
# refs, who recall, roles, verdict vs. original, MB/s, pages/s, target:
# the same answers as the original, and for scans refs >= 0.9, who >= 0.8).
# Needs: pandoc, libreoffice-writer-nogui, poppler-utils, img2pdf, tesseract
# (tools/deps.sh bench installs them). FORMATS_SETS="seeds real" picks the
# sets; FORMATS_SCAN=0 leaves the scans out (OCR: several seconds a page);
# FORMATS_REUSE=1 scores the converted sets already in bench/out/formats.
set -u
cd "$(dirname "$0")/.." || exit 1
VNPLAN=${VNPLAN:-bin/vnplan}
FMTDUMP=${FMTDUMP:-bin/bench/fmtdump}
SCORE=../shared/eval/score.py
O=bench/out/formats
SETS=${FORMATS_SETS:-"seeds real"}
SCAN=${FORMATS_SCAN:-1}
mkdir -p "$O"
TSV=${FORMATS_TSV:-bench/out/formats.tsv}
printf 'set\tformat\tdocs_recall\trefs_recall\twho_recall\troles\tvs_original\tMB_per_s\tpages_per_s\ttarget\n' >"$TSV"
nfail=0
for t in pandoc soffice pdftoppm img2pdf; do
  command -v $t >/dev/null || { echo "formats: $t is missing (sh tools/deps.sh bench)"; exit 1; }
done
[ -f "$SCORE" ] || { echo "formats: $SCORE not found, skipped"; exit 0; }
[ -n "${FORMATS_NOBUILD:-}" ] || { make --no-print-directory -s bin/vnplan && make --no-print-directory -s -f bench/bench.mk bin/bench/fmtdump || exit 1; }

recall() { sed -n "s/^$1: .* recall \([0-9.]*\) .*/\1/p" "$2"; }
roles() { sed -n 's/^roles: \([0-9]*\) of \([0-9]*\) .*/\1\/\2/p' "$1"; }
# the verdict lines with the extension folded, to compare sets
verdicts() { sed -E 's/\.(md|txt|docx|doc|odt|pdf)\b/.X/g' "$1" | grep -E '^(ok|FAIL) ' | sort; }

build_set() { # NAME SRC_DIR GOLD
  name=$1; src=$2; d=$O/$name
  if [ -n "${FORMATS_REUSE:-}" ] && [ -d "$d/docx" ]; then echo "== $name: reusing $d"; return; fi
  rm -rf "$d"; mkdir -p "$d/orig" "$d/docx" "$d/pdf" "$d/doc" "$d/odt" "$d/scan"
  cp "$src"/*.txt "$src"/*.md "$d/orig/" 2>/dev/null
  echo "== $name: converting $(ls "$d/orig" | wc -l) files"
  if ls "$d/orig" | grep -q '\.txt$'; then
    soffice --headless --infilter="Text (encoded):UTF8,LF,Liberation Serif,vi" \
      --convert-to docx:"MS Word 2007 XML" --outdir "$d/docx" "$d"/orig/*.txt >/dev/null 2>&1
  fi
  python3 bench/portal_tables.py --reference "$d/reference.docx" || exit 1
  for f in "$d"/orig/*.md; do
    [ -f "$f" ] || continue
    b=$(basename "$f" .md)
    { python3 bench/portal_tables.py "$f" "$d/$b.json" &&
      pandoc -f json -t docx --reference-doc "$d/reference.docx" -o "$d/docx/$b.docx" "$d/$b.json"; } ||
      echo "   portal_tables/pandoc failed on $f"
    rm -f "$d/$b.json"
  done
  soffice --headless --convert-to pdf --outdir "$d/pdf" "$d"/docx/*.docx >/dev/null 2>&1
  soffice --headless --convert-to doc:"MS Word 97" --outdir "$d/doc" "$d"/docx/*.docx >/dev/null 2>&1
  soffice --headless --convert-to odt:writer8 --outdir "$d/odt" "$d"/docx/*.docx >/dev/null 2>&1
  if [ "$SCAN" = 1 ]; then
    for f in "$d"/pdf/*.pdf; do
      b=$(basename "$f" .pdf); mkdir -p "$d/scan/$b.pages"
      pdftoppm -r 200 -gray -png "$f" "$d/scan/$b.pages/p"
      img2pdf -o "$d/scan/$b.pdf" "$d/scan/$b.pages"/p*.png && rm -rf "$d/scan/$b.pages"
    done
  fi
}

score_set() { # NAME GOLD
  name=$1; gold=$2; d=$O/$name
  python3 "$SCORE" --verbose --bin "$VNPLAN" --gold "$gold" "$d/orig" >"$d/score-orig.txt" 2>&1
  verdicts "$d/score-orig.txt" >"$d/verdicts-orig.txt"
  for fmt in orig docx pdf doc odt scan; do
    ls "$d/$fmt" 2>/dev/null | grep -q . || continue
    [ "$fmt" = scan ] && [ "$SCAN" != 1 ] && continue
    ext=.$fmt; [ "$fmt" = scan ] && ext=.pdf
    if [ "$fmt" != orig ]; then
      python3 bench/gold_ext.py "$gold" "$ext" "$d/gold-$fmt.json"
      # the index first (the scorer gives `index` 10 minutes, and OCR of a
      # few hundred pages takes longer); the scorer then finds it current
      rm -f "$d/$fmt.db" "$d/$fmt.db-wal" "$d/$fmt.db-shm"
      start=$(date +%s.%N)
      "$VNPLAN" index --db "$d/$fmt.db" "$d/$fmt" >"$d/index-$fmt.log" 2>&1
      end=$(date +%s.%N)
      python3 "$SCORE" --verbose --bin "$VNPLAN" --gold "$d/gold-$fmt.json" --db "$d/$fmt.db" "$d/$fmt" >"$d/score-$fmt.txt" 2>&1
      verdicts "$d/score-$fmt.txt" >"$d/verdicts-$fmt.txt"
      ndiff=$(diff "$d/verdicts-orig.txt" "$d/verdicts-$fmt.txt" | grep -c '^>')
      same=$([ "$ndiff" = 0 ] && echo "same answers" || echo "$ndiff cases differ")
      [ -s "$d/verdicts-$fmt.txt" ] || { same="no answers (see $d/score-$fmt.txt)"; nfail=$((nfail + 1)); }
    else
      same="-"
    fi
    s=$d/score-$fmt.txt
    mbs="-"; pps="-"
    if [ "$fmt" != orig ]; then
      files=$(ls "$d/$fmt"/*$ext 2>/dev/null)
      if [ "$fmt" = scan ]; then
        # OCR once: pages/s of the index run
        pages=0; for f in $files; do pages=$((pages + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}'))); done
        pps=$(awk -v p="$pages" -v a="$start" -v b="$end" 'BEGIN{ printf "%.3f", p / (b - a) }')
      else
        "$FMTDUMP" -t $files >"$d/tp-$fmt.txt" 2>/dev/null
        mbs=$(awk '{ print $NF }' "$d/tp-$fmt.txt")
      fi
    fi
    # targets: DOCX, PDF, DOC and ODT answer as the original; a scan through OCR
    # has refs recall >= 0.9 and who recall >= 0.8
    rr=$(recall refs "$s"); wr=$(recall who "$s")
    case $fmt in
      orig) tgt="-" ;;
      scan) tgt=$(awk -v r="${rr:-0}" -v w="${wr:-0}" 'BEGIN{ print (r >= 0.9 && w >= 0.8) ? "PASS (refs>=0.9, who>=0.8)" : "MISS (refs>=0.9, who>=0.8)" }') ;;
      *) tgt=$([ "$same" = "same answers" ] && echo "PASS (same answers)" || echo "MISS (same answers)") ;;
    esac
    case $same in
      no\ answers*) tgt="FAIL (no answers)" ;;
    esac
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$fmt" "$(recall docs "$s")" "$rr" \
      "$wr" "$(roles "$s")" "$same" "$mbs" "$pps" "$tgt" >>"$TSV"
  done
}

for s in $SETS; do
  case $s in
    seeds) build_set seeds corpus; score_set seeds ../shared/eval/seeds.gold.json ;;
    real) [ -d ../shared/corpus/real-plans ] || continue
          build_set real ../shared/corpus/real-plans; score_set real ../shared/eval/real.gold.json ;;
  esac
done
echo
column -t -s "$(printf '\t')" "$TSV"
echo "(per-case differences: diff $O/SET/verdicts-orig.txt $O/SET/verdicts-FORMAT.txt)"
exit $nfail
