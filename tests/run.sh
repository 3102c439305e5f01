#!/bin/sh
# run.sh — runs every test of `make test`: the unit test binaries (ASan+UBSan),
# the integration scripts tests/it_*.sh, and the scorer when ../shared is
# there; sums their "N passed, N failed" lines and prints the total last.
set -u
cd "$(dirname "$0")/.." || exit 1
total_p=0; total_f=0
tally() { # $1 = name, $2 = output file, $3 = exit status
  line=$(grep -E '^([A-Za-z]+: )?[0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1)
  if [ -z "$line" ]; then
    echo "  $1: no summary line (exit $3) — counted as 1 failed"
    tail -n 20 "$2" | sed 's/^/    /'
    total_f=$((total_f + 1)); return
  fi
  p=$(echo "$line" | sed -E 's/^([A-Za-z]+: )?([0-9]+) passed.*/\2/')
  f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
  if [ "$3" != 0 ] && [ "$f" = 0 ]; then f=1; fi
  total_p=$((total_p + p)); total_f=$((total_f + f))
  echo "  $1: $p passed, $f failed"
  [ "$f" != 0 ] && grep -E '^FAIL' "$2" | head -n 30 | sed 's/^/    /'
  return 0
}
mkdir -p tests/tmp
out=tests/tmp/out.txt
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp
export UBSAN_OPTIONS=print_stacktrace=1
echo "== unit tests (ASan+UBSan)"
for t in bin/asan/test_*; do
  [ -x "$t" ] || continue
  "$t" >"$out" 2>&1; rc=$?
  tally "$(basename "$t")" "$out" "$rc"
done
if [ "${1:-}" != "--unit-only" ]; then
  echo "== integration tests"
  for s in tests/it_*.sh; do
    [ -f "$s" ] || continue
    sh "$s" >"$out" 2>&1; rc=$?
    tally "$(basename "$s")" "$out" "$rc"
  done
  echo "== scorer"
  if [ -f ../shared/eval/score.py ]; then
    python3 ../shared/eval/score.py --bin bin/asan/vnplan --gold ../shared/eval/seeds.gold.json corpus/ >"$out" 2>&1; rc=$?
    grep -E 'precision|roles:' "$out" | sed 's/^/  /'
    tally "score.py" "$out" "$rc"
    if [ -f ../shared/eval/real.gold.json ]; then
      # real plans as a legal portal serves them (../shared/corpus/real-plans)
      echo "== scorer, real plans"
      python3 ../shared/eval/score.py --bin bin/asan/vnplan --gold ../shared/eval/real.gold.json \
        ../shared/corpus/real-plans/ >"$out" 2>&1; rc=$?
      grep -E 'precision|roles:' "$out" | sed 's/^/  /'
      tally "score.py (real plans)" "$out" "$rc"
    fi
  else
    echo "  skipped: ../shared/eval/score.py is not here (a fresh clone has no ../shared)"
  fi
fi
echo "$total_p passed, $total_f failed"
[ "$total_f" = 0 ]
