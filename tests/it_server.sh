#!/bin/sh
# it_server.sh — integration test of `vnplan serve`: indexes corpus/ into a
# temporary index, starts the server on a free port of 127.0.0.1 and drives
# it with real queries (tests/it_server_client.py), including a headless
# browser test of the page (skipped when chromium is not installed). Builds
# nothing: run after `make` (prefers the ASan+UBSan binary). Prints
# "N passed, N failed" last and exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.." || exit 1
bin=bin/asan/vnplan
[ -x "$bin" ] || bin=bin/vnplan
if [ ! -x "$bin" ]; then
  echo "FAIL no vnplan binary: run make first"
  echo "0 passed, 1 failed"
  exit 1
fi
exec python3 tests/it_server_client.py "$bin" corpus
