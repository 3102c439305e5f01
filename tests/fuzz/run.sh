#!/bin/sh
# tests/fuzz/run.sh — the fuzzing of `make fuzz`, and the replay of `make test`.
#   sh tests/fuzz/run.sh            builds the libFuzzer targets with clang and
#                                   runs each for FUZZ_SECONDS (default 60);
#                                   new inputs go to bin/fuzz/work/<t>/, crashes
#                                   to tests/fuzz/crashers/<t>/ (keep them: the
#                                   replay runs them forever after).
#   sh tests/fuzz/run.sh --replay   builds the replayers ($CC, ASan+UBSan, no
#                                   libFuzzer) and feeds them every file of
#                                   tests/fuzz/corpus/<t>/ and crashers/<t>/.
# FUZZ_TARGETS="tok docnum" limits the targets. Prints "N passed, N failed"
# (one per target) last; exits 1 on any crash or build failure.
set -u
cd "$(dirname "$0")/../.." || exit 1
mode=fuzz
[ "${1:-}" = "--replay" ] && mode=replay
targets=${FUZZ_TARGETS:-"tok docnum reader odt qparse"}
secs=${FUZZ_SECONDS:-60}
pass=0; fail=0
ok()  { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

# The library objects the targets link against.
if [ "$mode" = replay ]; then
  make --no-print-directory bin/asan/vnplan >/dev/null || { echo "FAIL cannot build bin/asan objects"; echo "0 passed, 1 failed"; exit 1; }
else
  command -v clang >/dev/null || { echo "FAIL clang is needed for libFuzzer (apt-get install clang)"; echo "0 passed, 1 failed"; exit 1; }
  make --no-print-directory bin/gen/data.c >/dev/null || exit 1
fi
for t in $targets; do
  if [ "$t" = qparse ] && [ ! -f include/vp_qparse.h ]; then
    bad "$t: include/vp_qparse.h is not there yet, the target cannot build"
    continue
  fi
  mkdir -p "tests/fuzz/crashers/$t" "bin/fuzz/work/$t"
  if [ "$mode" = replay ]; then
    if ! make --no-print-directory -s -f tests/fuzz/fuzz.mk "bin/fuzz/replay_$t" >bin/fuzz/build-$t.log 2>&1; then
      bad "$t: replayer does not build"; tail -n 15 "bin/fuzz/build-$t.log"; continue
    fi
    if "bin/fuzz/replay_$t" "tests/fuzz/corpus/$t" "tests/fuzz/crashers/$t" >"bin/fuzz/replay-$t.log" 2>&1; then
      ok "$t: $(tail -n 1 "bin/fuzz/replay-$t.log")"
    else
      bad "$t: replay crashed on $(grep '^replay ' "bin/fuzz/replay-$t.log" | tail -n 1 | cut -c8-)"
      grep -E 'ERROR|runtime error|invariant|#[0-9] ' "bin/fuzz/replay-$t.log" | head -n 12
    fi
  else
    if ! make --no-print-directory -s -f tests/fuzz/fuzz.mk "bin/fuzz/fuzz_$t" >bin/fuzz/build-$t.log 2>&1; then
      bad "$t: fuzzer does not build"; tail -n 15 "bin/fuzz/build-$t.log"; continue
    fi
    echo "fuzzing $t for ${secs}s"
    if "bin/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
         -print_final_stats=1 -artifact_prefix="tests/fuzz/crashers/$t/" \
         "bin/fuzz/work/$t" "tests/fuzz/corpus/$t" >"bin/fuzz/fuzz-$t.log" 2>&1; then
      ok "$t: $(grep -E '^stat::number_of_executed_units' "bin/fuzz/fuzz-$t.log" | awk '{print $2}') runs, no crash"
    else
      bad "$t: crash, input kept in tests/fuzz/crashers/$t/ (log bin/fuzz/fuzz-$t.log)"
      grep -E 'ERROR|runtime error|invariant|#[0-9] |Test unit written' "bin/fuzz/fuzz-$t.log" | head -n 16
    fi
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
