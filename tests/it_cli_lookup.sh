#!/bin/sh
# it_cli_lookup.sh — lookups as people type them and the command line's
# options and output formats (tests/it_cli_lookup.py) under the ASan build.
cd "$(dirname "$0")/.." && exec python3 tests/it_cli_lookup.py
