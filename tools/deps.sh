#!/bin/sh
# deps.sh — installs the Debian packages vnplan needs to build and test when
# they are missing: with apt-get as root, through sudo where it exists, else
# prints the exact command and stops. Says what it installs.
# usage: deps.sh [build|test]   (test adds what the tests and benchmarks use)
set -u
need=""
build="gcc make libsqlite3-dev libutf8proc-dev libmicrohttpd-dev libcjson-dev libzip-dev libxml2-dev libpoppler-glib-dev"
# tests: python3 drives the CLI and the server, chromium + selenium the page,
# clang + libclang-rt-dev build the fuzzers, valgrind checks leaks, wrk and
# time measure the server and memory, qpdf encrypts a PDF for the PDF tests
test="python3 curl clang libclang-rt-dev valgrind wrk time chromium chromium-driver python3-selenium qpdf"
pkgs="$build"
[ "${1:-build}" = test ] && pkgs="$build $test"
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
