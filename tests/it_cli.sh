#!/bin/sh
# it_cli.sh — the CLI integration tests (tests/it_cli.py) under the ASan build.
cd "$(dirname "$0")/.." && exec python3 tests/it_cli.py
