#!/bin/sh
# deps.sh — installs the Debian packages vnplan needs to build and test when
# they are missing: with apt-get as root, through sudo where it exists, else
# prints the exact command and stops. Says what it installs.
# usage: deps.sh [build|test|bench]   (test adds what the tests use, bench
# also what bench/formats.sh converts with)
set -u
need=""
build="gcc make libsqlite3-dev libutf8proc-dev libmicrohttpd-dev libcjson-dev libzip-dev libxml2-dev libpoppler-glib-dev"
# optional formats: Tesseract and its Vietnamese model read scanned PDFs
# (without libtesseract-dev the build goes on with OCR off), antiword reads
# Word 97 .doc files (without it .doc files are skipped with the reason)
build="$build libtesseract-dev libleptonica-dev tesseract-ocr-vie antiword"
# tests: python3 drives the CLI and the server, chromium + selenium the page,
# clang + libclang-rt-dev build the fuzzers, valgrind checks leaks, wrk and
# time measure the server and memory, qpdf encrypts a PDF for the PDF tests,
# poppler-utils and img2pdf make a scanned PDF (pdftoppm) for the OCR test
test="python3 curl clang libclang-rt-dev valgrind wrk time chromium chromium-driver python3-selenium qpdf poppler-utils img2pdf"
# bench: pandoc and LibreOffice convert the plans to DOCX, PDF and DOC for
# bench/formats.sh
bench="pandoc libreoffice-writer-nogui"
pkgs="$build"
[ "${1:-build}" = test ] && pkgs="$build $test"
[ "${1:-build}" = bench ] && pkgs="$build $test $bench"
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
for p in $pkgs; do
  have_pkg "$p" || need="$need $p"
done
[ -z "$need" ] && exit 0
echo "vnplan: installing missing packages:$need"
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null && exit 0
elif command -v sudo >/dev/null 2>&1; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null && exit 0
else
  echo "vnplan: cannot install as a normal user without sudo; run as root:" >&2
  echo "  apt-get update && apt-get install -y$need" >&2
  exit 1
fi
echo "vnplan: installing$need failed" >&2
exit 1
