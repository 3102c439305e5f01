#!/bin/sh
# tests/it_robust.sh — robustness of `vnplan index` and `vnplan serve`, run by
# `make test` (about a minute):
#   1. fuzz replay: every seed and saved crasher of tests/fuzz/ through the
#      targets under ASan+UBSan (tests/fuzz/run.sh --replay);
#   2. bad input: hostile files (invalid/overlong UTF-8, CESU surrogates, NUL
#      bytes, a binary, an empty file, a symlink loop, an unreadable file, a
#      huge single line, deep nesting, 10,000 columns) beside copies of the
#      seed plans: each bad file named on stderr and skipped, the seeds indexed
#      once, exit status 1, the index answers afterwards; documents stored
#      under other rules (version) are read again by the next run;
#   3. crash safety: `vnplan index` killed with SIGKILL at random points of a
#      generated corpus; the index opens, passes PRAGMA integrity_check and
#      FTS5 'integrity-check', and every document in it has exactly the
#      passages, citations and tasks of a clean index of the same file; a rerun
#      completes it; killed after some batches committed (VNPLAN_BATCH_MS=50),
#      every document a reader saw before the kill is there, whole, and the
#      rerun re-reads only what was not committed; a file whose rows fail
#      (a trigger refuses it) rolls back alone, the rest of its batch stays;
#   4. concurrency: searches through `vnplan serve` while `vnplan index`
#      rewrites the same database: no failed request;
#   5. valgrind over index + queries (bench/valgrind.sh).
# Prints "N passed, N failed" last; exits 1 on any failure. Environment:
# ROBUST_SEED (random kill points), ROBUST_BIGLINE_MB (8; 100 for the full test), ROBUST_CORPUS (6M),
# ROBUST_KILLS (4), VNPLAN / VNPLAN_ASAN (binaries under test).
set -u
cd "$(dirname "$0")/.." || exit 1
VNPLAN=${VNPLAN:-bin/vnplan}
VNPLAN_ASAN=${VNPLAN_ASAN:-bin/asan/vnplan}
[ -x "$VNPLAN_ASAN" ] || VNPLAN_ASAN=$VNPLAN
SEED=${ROBUST_SEED:-$$}
KILLS=${ROBUST_KILLS:-4}
T=tests/tmp/robust
rm -rf "$T"; mkdir -p "$T"
pass=0; fail=0
ok()  { echo "ok   $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
# check DESC COMMAND... : ok when the command succeeds
check() { d=$1; shift; if "$@"; then ok "$d"; else bad "$d"; fi; }

echo "== build"
make --no-print-directory -s bin/vnplan >/dev/null &&
  make --no-print-directory -s -f bench/bench.mk bin/bench/dbcheck >"$T/build.log" 2>&1 ||
  { bad "build bin/vnplan and bin/bench/dbcheck: $(tail -n 3 "$T/build.log")"; echo "$pass passed, $fail failed"; exit 1; }
DBCHECK=bin/bench/dbcheck

# ---------------------------------------------------------------------------
echo "== 1. fuzz replay"
sh tests/fuzz/run.sh --replay >"$T/replay.log" 2>&1
grep -E '^(ok|FAIL) ' "$T/replay.log"
p=$(tail -n 1 "$T/replay.log" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
f=$(tail -n 1 "$T/replay.log" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
if [ -z "$p" ]; then bad "fuzz replay gave no summary: $(tail -n 2 "$T/replay.log")"
else pass=$((pass + p)); fail=$((fail + f)); fi

# ---------------------------------------------------------------------------
echo "== 2. bad input"
H=$T/hostile; mkdir -p "$H"
cp corpus/*.txt corpus/*.md "$H/" 2>/dev/null
nseed=$(ls corpus | grep -cE '\.(txt|md)$')
printf 'K\341\272\277 ho\341\272\241ch \377\376 invalid\n' >"$H/bad-invalid.txt"
printf 'overlong slash \300\257 and \340\200\257 here\n' >"$H/bad-overlong.txt"
printf 'CESU surrogates \355\240\200\355\260\200 here\n' >"$H/bad-cesu.txt"
printf 'text with a NUL \000 byte\n' >"$H/bad-nul.txt"
head -c 8192 "$(command -v sh)" >"$H/bad-binary.txt"
: >"$H/bad-empty.txt"
ln -s bad-selfloop.txt "$H/bad-selfloop.txt"
ln -s . "$H/loopdir"
printf 'Sở Tài chính chủ trì.\n' >"$H/bad-unreadable.txt"; chmod 000 "$H/bad-unreadable.txt"
unreadable_blocks=1
if cat "$H/bad-unreadable.txt" >/dev/null 2>&1; then
  unreadable_blocks=0
  echo "  note: running as root, chmod 000 does not block reading: bad-unreadable.txt is not checked"
fi
python3 - "$H" "${ROBUST_BIGLINE_MB:-8}" <<'EOF'
import sys
d, mb = sys.argv[1], int(sys.argv[2])
unit = "phát triển khoa học và công nghệ theo Kết luận số 69-KL/TW, Sở Tài chính chủ trì; "
with open(d + "/big-line.txt", "w", encoding="utf-8") as f:
    f.write(unit * (mb * 1048576 // len(unit.encode())))
with open(d + "/deep-quote.md", "w", encoding="utf-8") as f:
    f.write(">" * 10000 + " Sở Nội vụ chủ trì\n\n" + "* " * 10000 + "Sở Y tế phối hợp\n")
    f.write("".join("  " * i + "- mục %d\n" % i for i in range(300)))
with open(d + "/wide-table.md", "w", encoding="utf-8") as f:
    f.write("|" + "|".join("c%d" % i for i in range(10000)) + "|\n")
    f.write("|" + "|".join("---" for _ in range(10000)) + "|\n")
    f.write("|" + "|".join("Sở Tài chính" for _ in range(10000)) + "|\n")
with open(d + "/wide-tsv.txt", "w", encoding="utf-8") as f:
    f.write("\t".join("ô %d" % i for i in range(10000)) + "\n")
EOF
DB=$T/hostile.db
timeout 300 "$VNPLAN_ASAN" index --db "$DB" "$H" >"$T/hostile.out" 2>"$T/hostile.err"
rc=$?
check "bad input: exit status 1 (some files skipped), got $rc" test "$rc" = 1
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error' "$T/hostile.err"; then
  bad "bad input: sanitizer report: $(grep -m1 -E 'ERROR|runtime error' "$T/hostile.err")"
fi
"$DBCHECK" counts "$DB" >"$T/hostile.counts" 2>"$T/hostile.counts.err"
must_skip="bad-invalid.txt bad-overlong.txt bad-cesu.txt bad-nul.txt bad-binary.txt bad-empty.txt bad-selfloop.txt"
[ "$unreadable_blocks" = 1 ] && must_skip="$must_skip bad-unreadable.txt"
for b in $must_skip; do
  if grep -q "$b" "$T/hostile.err" && ! grep -q "$b" "$T/hostile.counts"; then
    ok "bad input: $b named on stderr and skipped"
  else
    bad "bad input: $b $(grep -q "$b" "$T/hostile.err" || echo 'not named on stderr') $(grep -q "$b" "$T/hostile.counts" && echo 'but indexed')"
  fi
done
for b in big-line.txt deep-quote.md wide-table.md wide-tsv.txt; do
  if grep -q "$b" "$T/hostile.err" || grep -q "$b" "$T/hostile.counts"; then
    ok "bad input: $b indexed or reported, no crash"
  else
    bad "bad input: $b neither indexed nor reported"
  fi
done
for s in $(ls corpus | grep -E '\.(txt|md)$'); do
  n=$(grep -c "$s" "$T/hostile.counts")
  check "bad input: seed $s indexed exactly once (got $n; the loopdir symlink must not be followed into twice)" test "$n" = 1
done
timeout 15 "$VNPLAN_ASAN" search --db "$DB" "khoa học và công nghệ" >"$T/q1.out" 2>&1
rc=$?
check "bad input: the index answers a search afterwards within 15 s (exit $rc)" test $rc = 0 -a -s "$T/q1.out"
timeout 15 "$VNPLAN_ASAN" refs --db "$DB" "69-KL/TW" >"$T/q2.out" 2>&1
rc=$?
check "bad input: the index answers refs afterwards within 15 s (exit $rc)" test $rc = 0 -a -s "$T/q2.out"
chmod 644 "$H/bad-unreadable.txt" 2>/dev/null

# ---------------------------------------------------------------------------
echo "== 2b. new rules reach an old index"
R=$T/rules; mkdir -p "$R/in"; cp corpus/*.txt corpus/*.md "$R/in/" 2>/dev/null
nr=$(ls "$R/in" | wc -l)
"$VNPLAN" index --db "$R/r.db" "$R/in" >/dev/null 2>&1
out=$("$VNPLAN" index --db "$R/r.db" "$R/in" 2>&1 | tail -n 1)
check "rules: a rerun under the same rules reads nothing again ($out)" sh -c "echo '$out' | grep -q ' 0 indexed, $nr unchanged'"
# documents stored under other rules (an older vnplan, other word lists)
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("UPDATE doc SET version=version+2 WHERE rowid IN (SELECT rowid FROM doc LIMIT 2)"); c.commit()' "$R/r.db"
out=$("$VNPLAN" index --db "$R/r.db" "$R/in" 2>&1 | tail -n 1)
check "rules: the documents stored under other rules are read again ($out)" sh -c "echo '$out' | grep -q ' 2 indexed, $((nr - 2)) unchanged'"

# ---------------------------------------------------------------------------
echo "== 3. crash safety (SIGKILL during indexing; seed $SEED)"
C=$T/corpus
python3 bench/gen_corpus.py --quiet --size "${ROBUST_CORPUS:-6M}" --out "$C" corpus/ ||
  bad "crash: cannot generate the corpus"
CLEAN=$T/clean.db
t0=$(date +%s.%N)
"$VNPLAN" index --db "$CLEAN" "$C" >/dev/null 2>"$T/clean.err"
rc=$?
t1=$(date +%s.%N)
"$DBCHECK" counts "$CLEAN" >"$T/clean.counts" 2>>"$T/clean.err"
ndoc=$(wc -l <"$T/clean.counts")
nfile=$(ls "$C" | grep -cE '\.(txt|md)$')
if [ "$rc" -gt 1 ] || [ "$ndoc" = 0 ]; then
  bad "crash: the clean index of $nfile generated files has $ndoc documents (exit $rc): $(tail -n 1 "$T/clean.err")"
else
  check "crash: clean index has every generated file ($ndoc of $nfile)" test "$ndoc" = "$nfile"
  ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN{ printf "%d", (b - a) * 1000 }')
  echo "  clean index: $ndoc documents in $ms ms"
  KDB=$T/killed.db
  rm -f "$KDB" "$KDB-wal" "$KDB-shm"
  k=1
  while [ "$k" -le "$KILLS" ]; do
    # fresh database for odd kills, the previous (killed) one for even kills
    [ $((k % 2)) = 1 ] && rm -f "$KDB" "$KDB-wal" "$KDB-shm"
    delay=$(awk -v s="$SEED" -v k="$k" -v ms="$ms" 'BEGIN{ srand(s * 7 + k); printf "%.3f", (0.03 + 0.6 * rand()) * ms / 1000 }')
    "$VNPLAN" index --db "$KDB" "$C" >/dev/null 2>&1 &
    ipid=$!
    sleep "$delay"
    kill -9 "$ipid" 2>/dev/null
    wait "$ipid" 2>/dev/null
    if [ ! -f "$KDB" ]; then
      ok "crash $k (after ${delay}s): killed before the database existed"
    elif ! "$DBCHECK" check "$KDB" >"$T/check.out" 2>&1; then
      bad "crash $k (after ${delay}s): integrity: $(head -n 3 "$T/check.out" | tr '\n' ' ')"
      cp "$KDB" "$T/killed-$k.db" 2>/dev/null
    else
      "$DBCHECK" counts "$KDB" >"$T/killed.counts" 2>&1
      n=$(wc -l <"$T/killed.counts")
      partial=$(awk -F'\t' 'NR == FNR { c[$1] = $0; next } !($1 in c) || c[$1] != $0 { print; exit }' \
                "$T/clean.counts" "$T/killed.counts")
      if [ -z "$partial" ]; then
        ok "crash $k (after ${delay}s): integrity ok, $n documents all complete"
      else
        bad "crash $k (after ${delay}s): half-indexed document: $partial (clean: $(grep -F "$(echo "$partial" | cut -f1)	" "$T/clean.counts"))"
      fi
    fi
    k=$((k + 1))
  done
  "$VNPLAN" index --db "$KDB" "$C" >/dev/null 2>&1
  "$DBCHECK" counts "$KDB" >"$T/resumed.counts" 2>&1
  check "crash: a rerun after the kills completes the index (same counts as clean)" cmp -s "$T/clean.counts" "$T/resumed.counts"
  "$DBCHECK" check "$KDB" >"$T/check.out" 2>&1
  check "crash: the completed index passes the integrity checks" test $? = 0

  # group commit: what a reader saw committed before the kill is all there
  GDB=$T/committed.db
  rm -f "$GDB" "$GDB-wal" "$GDB-shm"
  VNPLAN_BATCH_MS=50 "$VNPLAN" index --db "$GDB" "$C" >/dev/null 2>&1 &
  ipid=$!
  : >"$T/seen.counts"
  i=0
  while [ $i -lt 600 ] && kill -0 "$ipid" 2>/dev/null; do
    if [ -f "$GDB" ] && "$DBCHECK" counts "$GDB" >"$T/seen.try" 2>/dev/null && [ -s "$T/seen.try" ]; then
      mv "$T/seen.try" "$T/seen.counts"; break
    fi
    i=$((i + 1)); sleep 0.05
  done
  kill -9 "$ipid" 2>/dev/null
  wait "$ipid" 2>/dev/null
  nseen=$(wc -l <"$T/seen.counts")
  if [ "$nseen" = 0 ]; then
    bad "commit: no committed document seen during the run (it ended or never committed)"
  else
    "$DBCHECK" counts "$GDB" >"$T/after.counts" 2>&1
    nafter=$(wc -l <"$T/after.counts")
    lost=$(awk -F'\t' 'NR == FNR { c[$1] = $0; next } !($1 in c) || c[$1] != $0 { print; exit }' \
           "$T/after.counts" "$T/seen.counts")
    check "commit: the $nseen documents seen committed before the kill are all there after it ($nafter) ${lost:+- missing or changed: $lost}" test -z "$lost"
    partial=$(awk -F'\t' 'NR == FNR { c[$1] = $0; next } !($1 in c) || c[$1] != $0 { print; exit }' \
              "$T/clean.counts" "$T/after.counts")
    check "commit: every document after the kill is whole ${partial:+- $partial}" test -z "$partial"
    "$VNPLAN" index --db "$GDB" "$C" >/dev/null 2>"$T/rerun.err"
    nunch=$(sed -n 's/.* \([0-9]*\) unchanged.*/\1/p' "$T/rerun.err")
    check "commit: the rerun re-reads only the uncommitted files ($nafter unchanged, got ${nunch:-?})" test "${nunch:-x}" = "$nafter"
    "$DBCHECK" counts "$GDB" >"$T/rerun.counts" 2>&1
    check "commit: the rerun completes the index (same counts as clean)" cmp -s "$T/clean.counts" "$T/rerun.counts"
  fi

  # a file whose rows fail rolls back alone; the others of its batch stay
  P=$T/poison; mkdir -p "$P"; PDB=$T/poison.db
  cp corpus/*.txt corpus/*.md "$P/" 2>/dev/null
  rm -f "$PDB" "$PDB-wal" "$PDB-shm"
  "$VNPLAN" index --db "$PDB" "$P" >/dev/null 2>&1
  python3 -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute("CREATE TRIGGER poison BEFORE INSERT ON passage WHEN NEW.text LIKE \x27%POISON-MARK%\x27 BEGIN SELECT RAISE(ABORT, \x27poisoned passage\x27); END"); db.commit()' "$PDB"
  printf 'Kế hoạch thử\n\nSở Tài chính chủ trì việc A.\n' >"$P/aa-good.txt"
  printf 'Kế hoạch hỏng\n\nĐoạn một.\n\nPOISON-MARK ở đây.\n' >"$P/ab-poison.txt"
  printf 'Kế hoạch thử hai\n\nSở Nội vụ phối hợp việc B.\n' >"$P/ac-good.txt"
  "$VNPLAN" index --db "$PDB" "$P" >/dev/null 2>"$T/poison.err"
  rc=$?
  "$DBCHECK" counts "$PDB" >"$T/poison.counts" 2>&1
  check "rollback: the refused file is named and skipped, exit 1 (got $rc)" \
    sh -c "test $rc = 1 && grep -q 'ab-poison.txt.*poisoned passage' '$T/poison.err' && ! grep -q ab-poison.txt '$T/poison.counts'"
  check "rollback: the files around it in the batch are indexed" \
    sh -c "grep -q aa-good.txt '$T/poison.counts' && grep -q ac-good.txt '$T/poison.counts'"
  "$DBCHECK" check "$PDB" >"$T/check.out" 2>&1
  check "rollback: the index passes the integrity checks" test $? = 0
fi

# ---------------------------------------------------------------------------
echo "== 4. concurrency: searches while the index is rewritten"
if [ "$ndoc" = 0 ]; then
  bad "concurrency: needs an index (crash test found none)"
elif ! command -v curl >/dev/null; then
  bad "concurrency: curl is not installed"
else
  L=$T/live; cp -r "$C" "$L"
  LDB=$T/live.db
  "$VNPLAN" index --db "$LDB" "$L" >/dev/null 2>&1
  port=$((20000 + SEED % 20000))
  "$VNPLAN" serve --db "$LDB" --port "$port" >"$T/serve.log" 2>&1 &
  spid=$!
  i=0; up=0
  while [ $i -lt 100 ] && kill -0 "$spid" 2>/dev/null; do
    curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && { up=1; break; }
    i=$((i + 1)); sleep 0.1
  done
  if [ "$up" = 0 ]; then
    bad "concurrency: vnplan serve did not answer /api/health: $(tail -n 2 "$T/serve.log" | tr '\n' ' ')"
  else
    for f in "$L"/*; do printf '\nBổ sung nhiệm vụ: Sở Tài chính chủ trì, phối hợp với Sở Nội vụ.\n' >>"$f"; done
    "$VNPLAN" index --db "$LDB" "$L" >/dev/null 2>"$T/reindex.err" &
    ipid=$!
    nreq=0; nbad=0
    url="http://127.0.0.1:$port/api/search?q=khoa%20h%E1%BB%8Dc"
    if command -v wrk >/dev/null; then
      w=$(wrk -t 2 -c 4 -d 4s -s bench/wrk_report.lua "$url" 2>&1 | grep '^WRK ')
      nreq=$(echo "$w" | cut -d' ' -f8); nbad=$(( $(echo "$w" | cut -d' ' -f6) + $(echo "$w" | cut -d' ' -f7) ))
    else
      end=$(( $(date +%s) + 4 ))
      while [ "$(date +%s)" -lt "$end" ]; do
        code=$(curl -s -o /dev/null -w '%{http_code}' "$url"); nreq=$((nreq + 1))
        [ "$code" = 200 ] || nbad=$((nbad + 1))
      done
    fi
    wait "$ipid"; irc=$?
    check "concurrency: reindex during the searches exits 0 or 1 (got $irc)" test "$irc" -le 1
    check "concurrency: $nreq searches during the rewrite, $nbad failed" test "${nreq:-0}" -gt 0 -a "$nbad" = 0
    code=$(curl -s -o "$T/after.json" -w '%{http_code}' "$url")
    check "concurrency: the server answers after the rewrite (HTTP $code)" test "$code" = 200
  fi
  kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null
fi

# ---------------------------------------------------------------------------
echo "== 5. valgrind"
VNPLAN=$VNPLAN sh bench/valgrind.sh >"$T/valgrind.log" 2>&1
grep -E '^(ok|FAIL) ' "$T/valgrind.log"
p=$(tail -n 1 "$T/valgrind.log" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
f=$(tail -n 1 "$T/valgrind.log" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
if [ -z "$p" ]; then bad "valgrind gave no summary: $(tail -n 2 "$T/valgrind.log")"
else pass=$((pass + p)); fail=$((fail + f)); fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
