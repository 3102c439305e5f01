#!/bin/sh
# bench/valgrind.sh — valgrind --leak-check=full over `vnplan index` of the
# seed plans and a few queries (search, refs, who, docs): any leak or memory
# error fails. Run by tests/it_robust.sh; usable alone. Prints "N passed,
# N failed" last. VNPLAN=bin/vnplan is the binary under test.
set -u
cd "$(dirname "$0")/.." || exit 1
VNPLAN=${VNPLAN:-bin/vnplan}
T=tests/tmp/valgrind
rm -rf "$T"; mkdir -p "$T"
pass=0; fail=0
command -v valgrind >/dev/null || { echo "FAIL valgrind is not installed (apt-get install valgrind)"; echo "0 passed, 1 failed"; exit 1; }
vg() { # NAME ARGS... — exit 0 or 1 from vnplan is fine; 99 means valgrind found errors
  name=$1; shift
  valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
    "$VNPLAN" "$@" >"$T/$name.out" 2>"$T/$name.err"
  rc=$?
  if [ "$rc" = 99 ] || grep -q '^==[0-9]*== ' "$T/$name.err"; then
    echo "FAIL valgrind $name: $(grep -m1 -E 'definitely|indirectly|possibly|Invalid|uninitialised' "$T/$name.err")"
    grep '^==' "$T/$name.err" | head -n 25
    fail=$((fail + 1))
  elif [ "$rc" -gt 2 ]; then
    echo "FAIL valgrind $name: exit $rc: $(tail -n 1 "$T/$name.err")"; fail=$((fail + 1))
  else
    echo "ok   valgrind $name: no leak, no error"; pass=$((pass + 1))
  fi
}
vg index index --db "$T/v.db" corpus/
vg search search --db "$T/v.db" --limit 5 "khoa học và công nghệ"
vg search-json search --db "$T/v.db" --json khoa hoc
vg refs refs --db "$T/v.db" "Nghị quyết số 20-NQ/TW"
vg who who --db "$T/v.db" "Sở Tài chính"
vg reindex index --db "$T/v.db" corpus/
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
