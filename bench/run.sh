#!/bin/sh
# bench/run.sh — `make bench`: vnplan against SQLite FTS5 `unicode61
# remove_diacritics 2` on the same generated corpora, in the same run, and a
# table of each figure, its baseline, the ratio and PASS/MISS against the
# targets of issue 5. Absolute numbers drift with the machine; the ratios are
# what counts. A part that cannot run is marked FAIL (and the exit status is
# 1), never skipped silently.
#
# Environment:
#   BENCH_QUICK=1      wrk 5 s per point, fewer query repetitions
#   BENCH_FULL=1       adds the 1 GB corpus (sizes 10M 100M 1G)
#   BENCH_SIZES="10M"  the corpus sizes, overriding the above ("": none, only real-vi)
#   BENCH_DURATION=30  wrk seconds per point
#   BENCH_REPS=200     query repetitions (each query stops after ~4 s)
#   BENCH_CONNS="1 8 32"  wrk concurrency levels
#   BENCH_PORT=18931   the server's port
#   VNPLAN=bin/vnplan  the binary under test
#   BENCH_REALVI=1     the real-vi rows (0: skip them); the corpus is
#                      BENCH_REALVI_TAR (../shared/corpus/real-vi.tar.xz),
#                      unpacked once into bench/out/real-vi; skipped (no
#                      row) when the archive is not there
#   BENCH_REALVI_REPS=3  runs of each engine (medians)
# Output: the table on stdout; raw figures in bench/out/results.tsv, logs and
# indexes in bench/out/ (git-ignored).
set -u
cd "$(dirname "$0")/.." || exit 1
QUICK=${BENCH_QUICK:-0}
DUR=${BENCH_DURATION:-30}
REPS=${BENCH_REPS:-200}
[ "$QUICK" = 1 ] && { DUR=${BENCH_DURATION:-5}; REPS=${BENCH_REPS:-50}; }
SIZES=${BENCH_SIZES-"10M 100M"}
[ "${BENCH_FULL:-0}" = 1 ] && SIZES=${BENCH_SIZES-"10M 100M 1G"}
CONNS=${BENCH_CONNS:-"1 8 32"}
PORT=${BENCH_PORT:-18931}
VNPLAN=${VNPLAN:-bin/vnplan}
OUT=bench/out
RES=$OUT/results.tsv
mkdir -p "$OUT"
: >"$RES"
nfail=0

# row SIZE WHAT VALUE BASELINE UNIT RATIO TARGET VERDICT
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$RES"; }
fail_row() { row "$1" "$2" "-" "-" "" "-" "${3:-}" "FAIL"; nfail=$((nfail + 1)); }
# ratio A B → A/B with 2 decimals, "-" when either is missing
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a+0 > 0 && b+0 > 0) printf "%.2f", a/b; else print "-" }'; }
# verdict OP VALUE LIMIT → PASS when VALUE OP LIMIT (ge|lt|eq)
verdict() {
  awk -v op="$1" -v v="$2" -v l="$3" 'BEGIN{
    if (v == "" || v == "-" || v == "ERR") { print "FAIL"; exit }
    ok = (op == "ge") ? (v+0 >= l+0) : (op == "lt") ? (v+0 < l+0) : (v+0 == l+0)
    print ok ? "PASS" : "MISS" }'
}
# /usr/bin/time -v output → seconds and peak kB
elapsed_s() { awk -F': ' '/Elapsed \(wall clock\)/{ n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"; }
peak_kb() { awk -F': ' '/Maximum resident set size/{ print $2 }' "$1"; }
corpus_bytes() { find "$1" -type f \( -name '*.txt' -o -name '*.md' \) -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
file_bytes() { [ -f "$1" ] && stat -c %s "$1" || echo 0; }
mb() { awk -v b="$1" 'BEGIN{ printf "%.1f", b / 1048576 }'; }

echo "== building"
command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }
make --no-print-directory -s bin/vnplan || exit 1
make --no-print-directory -s -f bench/bench.mk || { echo "bench: cannot build bench/ programs" >&2; exit 1; }

# The queries: label, vnplan kind:query, the FTS5 query on the baseline, p99 target (ms).
QUERIES=$OUT/queries.tsv
cat >"$QUERIES" <<'EOF'
common syllable	search:công	công	20
rare word	search:sương	sương	20
phrase	search:"khoa học và công nghệ"	"khoa học và công nghệ"	20
no diacritics	search:khoa hoc	khoa hoc	20
document number	search:69-KL/TW	"69-KL/TW"	20
refs	refs:Nghị quyết số 20-NQ/TW	"Nghị quyết số 20-NQ/TW"	5
who	who:Sở Tài chính	"Sở Tài chính"	5
EOF

bench_index() { # SIZE CORPUS
  size=$1; corpus=$2; text=$(corpus_bytes "$corpus")
  db=$OUT/vnplan-$size.db; bdb=$OUT/baseline-$size.db
  rm -f "$db" "$db-wal" "$db-shm" "$bdb" "$bdb-wal" "$bdb-shm"
  echo "   vnplan index ($size)"
  /usr/bin/time -v "$VNPLAN" index --db "$db" "$corpus" >"$OUT/index-$size.log" 2>"$OUT/index-$size.time"
  rc=$?
  echo "   baseline index ($size)"
  /usr/bin/time -v bin/bench/baseline index "$bdb" "$corpus" >"$OUT/bindex-$size.log" 2>"$OUT/bindex-$size.time"
  brc=$?
  bs=$(elapsed_s "$OUT/bindex-$size.time"); bkb=$(peak_kb "$OUT/bindex-$size.time")
  bmbps=$(awk -v b="$text" -v s="$bs" 'BEGIN{ if (s > 0) printf "%.1f", b/1048576/s }')
  bdisk=$(( $(file_bytes "$bdb") + $(file_bytes "$bdb-wal") ))
  [ "$brc" = 0 ] || { fail_row "$size" "baseline index" "exit $brc"; bmbps=""; }
  if [ "$rc" -gt 1 ] || ! [ -s "$db" ]; then
    fail_row "$size" "index MB/s" "exit $rc: $(grep -v '^\s' "$OUT/index-$size.time" | head -n 1)"
    return 1
  fi
  s=$(elapsed_s "$OUT/index-$size.time"); kb=$(peak_kb "$OUT/index-$size.time")
  mbps=$(awk -v b="$text" -v s="$s" 'BEGIN{ if (s > 0) printf "%.1f", b/1048576/s }')
  r=$(ratio "$mbps" "$bmbps")
  row "$size" "index MB/s (text $(mb "$text") MB)" "$mbps" "$bmbps" "MB/s" "$r" ">=0.5x" "$(verdict ge "$r" 0.5)"
  mbrss=$(awk -v k="$kb" 'BEGIN{ printf "%.0f", k/1024 }')
  row "$size" "index peak RSS" "$mbrss" "$(awk -v k="$bkb" 'BEGIN{ printf "%.0f", k/1024 }')" "MB" \
      "$(ratio "$kb" "$bkb")" "<512MB" "$(verdict lt "$mbrss" 512)"
  disk=$(( $(file_bytes "$db") + $(file_bytes "$db-wal") ))
  row "$size" "index on disk / text" "$(mb "$disk")" "$(mb "$bdisk")" "MB" "$(ratio "$disk" "$bdisk")" \
      "$(ratio "$disk" "$text")x text" "info"
}

# median of the arguments
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)] }'; }
cpu_s() { awk -F': ' '/User time/{ u = $2 } /System time/{ s = $2 } END { printf "%.2f", u + s }' "$1"; }

# real-vi: 13,967 real plans (193 MB, many small files). vnplan and the
# baseline index the same files from empty, in turn (A B A B …), REPS times
# each; medians of wall MB/s, CPU s, peak RSS and size on disk. Then the
# incremental row: 10 of the files changed, `vnplan index` again over all.
bench_realvi() {
  tar=${BENCH_REALVI_TAR:-../shared/corpus/real-vi.tar.xz}
  reps=${BENCH_REALVI_REPS:-3}
  [ "${BENCH_REALVI:-1}" = 1 ] || return 0
  [ -f "$tar" ] || { echo "== real-vi: $tar not found, no row"; return 0; }
  rv=$OUT/real-vi
  if ! ls "$rv" 2>/dev/null | grep -q '\.md$'; then
    echo "== unpacking $tar into $rv"
    rm -rf "$rv"; mkdir -p "$rv" && tar -xJf "$tar" -C "$rv" || { fail_row real-vi "unpack" "tar failed"; return; }
  fi
  echo "== real-vi ($reps runs of each, in turn)"
  text=$(corpus_bytes "$rv"); nfiles=$(find "$rv" -type f -name '*.md' | wc -l)
  db=$OUT/vnplan-realvi.db; bdb=$OUT/baseline-realvi.db
  w=""; c=""; k=""; d=""; bw=""; bc=""; bk=""; bd=""
  r=1
  while [ "$r" -le "$reps" ]; do
    echo "   vnplan index real-vi ($r)"
    rm -f "$db" "$db-wal" "$db-shm"
    /usr/bin/time -v "$VNPLAN" index --db "$db" "$rv" >"$OUT/index-realvi.log" 2>"$OUT/index-realvi.time"
    rc=$?
    [ "$rc" -le 1 ] || { fail_row real-vi "index" "exit $rc: $(grep -v '^\s' "$OUT/index-realvi.time" | head -n 1)"; return; }
    w="$w $(elapsed_s "$OUT/index-realvi.time")"; c="$c $(cpu_s "$OUT/index-realvi.time")"
    k="$k $(peak_kb "$OUT/index-realvi.time")"; d="$d $(( $(file_bytes "$db") + $(file_bytes "$db-wal") ))"
    echo "   baseline index real-vi ($r)"
    /usr/bin/time -v bin/bench/baseline index "$bdb" "$rv" >"$OUT/bindex-realvi.log" 2>"$OUT/bindex-realvi.time" ||
      { fail_row real-vi "baseline index" "exit $?"; return; }
    bw="$bw $(elapsed_s "$OUT/bindex-realvi.time")"; bc="$bc $(cpu_s "$OUT/bindex-realvi.time")"
    bk="$bk $(peak_kb "$OUT/bindex-realvi.time")"; bd="$bd $(( $(file_bytes "$bdb") + $(file_bytes "$bdb-wal") ))"
    r=$((r + 1))
  done
  # shellcheck disable=SC2086
  { w=$(median $w); c=$(median $c); k=$(median $k); d=$(median $d)
    bw=$(median $bw); bc=$(median $bc); bk=$(median $bk); bd=$(median $bd); }
  mbps=$(awk -v b="$text" -v s="$w" 'BEGIN{ printf "%.1f", b/1048576/s }')
  bmbps=$(awk -v b="$text" -v s="$bw" 'BEGIN{ printf "%.1f", b/1048576/s }')
  rr=$(ratio "$mbps" "$bmbps")
  row real-vi "index MB/s, wall (text $(mb "$text") MB, $nfiles files; median of $reps)" "$mbps" "$bmbps" "MB/s" "$rr" ">=0.6x" "$(verdict ge "$rr" 0.6)"
  rr=$(ratio "$c" "$bc")
  row real-vi "index CPU s (user + sys)" "$c" "$bc" "s" "$rr" "<=3x" "$(awk -v r="$rr" 'BEGIN{ print (r != "-" && r + 0 <= 3) ? "PASS" : "MISS" }')"
  mbrss=$(awk -v k="$k" 'BEGIN{ printf "%.0f", k/1024 }')
  row real-vi "index peak RSS" "$mbrss" "$(awk -v k="$bk" 'BEGIN{ printf "%.0f", k/1024 }')" "MB" "$(ratio "$k" "$bk")" "<=96MB" "$(awk -v m="$mbrss" 'BEGIN{ print (m + 0 <= 96) ? "PASS" : "MISS" }')"
  rr=$(ratio "$d" "$bd")
  row real-vi "index on disk" "$(mb "$d")" "$(mb "$bd")" "MB" "$rr" "<=1.3x" "$(awk -v r="$rr" 'BEGIN{ print (r != "-" && r + 0 <= 1.3) ? "PASS" : "MISS" }')"
  # incremental: 10 files changed (a line appended, different each run)
  iw=""
  r=1
  while [ "$r" -le "$reps" ]; do
    find "$rv" -type f -name '*.md' | sort |
      awk -v r="$r" -v t="$nfiles" 'BEGIN { s = int(t / 10); if (s < 1) s = 1 } (NR - r) % s == 0 && NR >= r && n < 10 { print; n++ }' |
      while read -r f; do printf '\nGhi chú bổ sung %s.\n' "$r" >>"$f"; done
    /usr/bin/time -v "$VNPLAN" index --db "$db" "$rv" >"$OUT/reindex-realvi.log" 2>"$OUT/reindex-realvi.time"
    rc=$?
    [ "$rc" -le 1 ] || { fail_row real-vi "re-index" "exit $rc"; return; }
    n=$(sed -n 's/.* \([0-9]*\) indexed.*/\1/p' "$OUT/reindex-realvi.time")
    [ "$n" = 10 ] || { fail_row real-vi "re-index" "expected 10 files re-indexed, got ${n:-?}"; return; }
    iw="$iw $(elapsed_s "$OUT/reindex-realvi.time")"
    r=$((r + 1))
  done
  # shellcheck disable=SC2086
  iw=$(median $iw)
  row real-vi "re-index, 10 files changed of $nfiles: wall s (median of $reps)" "$iw" "-" "s" "-" "<2s" "$(verdict lt "$iw" 2)"
  # the changed files go back to the archive's bytes for the next bench
  rm -rf "$rv"
}

bench_tok() { # SIZE CORPUS
  echo "   tokenizer alone ($1)"
  bin/bench/baseline tok "$2" >"$OUT/btok-$1.log" 2>&1
  b=$(awk '$1 == "mbps" { print $2 }' "$OUT/btok-$1.log")
  if ! bin/bench/tokbench "$2" >"$OUT/tok-$1.log" 2>&1; then
    fail_row "$1" "tokenizer MB/s" "tokbench: $(tail -n 1 "$OUT/tok-$1.log")"; return
  fi
  v=$(awk '$1 == "mbps" { print $2 }' "$OUT/tok-$1.log")
  r=$(ratio "$v" "$b")
  row "$1" "tokenizer alone MB/s" "$v" "$b" "MB/s" "$r" ">=1x" "$(verdict ge "$r" 1)"
}

bench_queries() { # SIZE
  db=$OUT/vnplan-$1.db; bdb=$OUT/baseline-$1.db
  echo "   queries ($1)"
  while IFS='	' read -r label vq bq target; do
    b=$(bin/bench/baseline query "$bdb" "$REPS" "$bq" 2>>"$OUT/bquery-$1.log")
    bmed=$(echo "$b" | cut -f2); bp99=$(echo "$b" | cut -f3); btot=$(echo "$b" | cut -f4)
    v=$(bin/bench/qbench "$db" "$REPS" "$vq" 2>>"$OUT/query-$1.log")
    med=$(echo "$v" | cut -f2); p99=$(echo "$v" | cut -f3); tot=$(echo "$v" | cut -f4)
    if [ -z "$v" ] || [ "$med" = ERR ]; then
      fail_row "$1" "$label" "$(tail -n 1 "$OUT/query-$1.log")"; continue
    fi
    row "$1" "$label median ms (hits $tot/$btot)" "$med" "$bmed" "ms" "$(ratio "$med" "$bmed")" "" "info"
    vv=$(verdict lt "$p99" "$target")
    [ "$tot" = 0 ] && vv="MISS (0 hits)"
    row "$1" "$label p99 ms" "$p99" "$bp99" "ms" "$(ratio "$p99" "$bp99")" "<${target}ms" "$vv"
  done <"$QUERIES"
}

bench_server() { # SIZE
  size=$1; db=$OUT/vnplan-$size.db
  command -v wrk >/dev/null || { fail_row "$size" "server" "wrk is not installed"; return; }
  "$VNPLAN" serve --db "$db" --port "$PORT" >"$OUT/serve.log" 2>&1 &
  spid=$!
  i=0
  until curl -fs "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1; do
    i=$((i + 1))
    if [ $i -gt 100 ] || ! kill -0 "$spid" 2>/dev/null; then
      fail_row "$size" "server" "vnplan serve did not answer /api/health: $(tail -n 1 "$OUT/serve.log")"
      kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null; return
    fi
    sleep 0.1
  done
  for ep in "refs?q=Ngh%E1%BB%8B%20quy%E1%BA%BFt%20s%E1%BB%91%2020-NQ%2FTW" \
            "search?q=khoa%20h%E1%BB%8Dc%20v%C3%A0%20c%C3%B4ng%20ngh%E1%BB%87"; do
    name=/api/${ep%%\?*}
    for c in $CONNS; do
      echo "   wrk $name -c $c -d ${DUR}s"
      th=2; [ "$c" -lt 2 ] && th=1   # wrk needs connections >= threads
      w=$(wrk -t "$th" -c "$c" -d "${DUR}s" --latency -s bench/wrk_report.lua \
            "http://127.0.0.1:$PORT/api/$ep" 2>&1 | grep '^WRK ')
      if [ -z "$w" ]; then fail_row "$size" "server $name -c $c" "wrk gave no result"; continue; fi
      rps=$(echo "$w" | cut -d' ' -f2); p50=$(echo "$w" | cut -d' ' -f3)
      p99=$(echo "$w" | cut -d' ' -f5)
      errs=$(( $(echo "$w" | cut -d' ' -f6) + $(echo "$w" | cut -d' ' -f7) ))
      tgt=""; vv=info
      if [ "$name" = /api/refs ]; then tgt=">=5000/s"; vv=$(verdict ge "$rps" 5000); fi
      [ "$errs" != 0 ] && vv="MISS ($errs errors)"
      row "$size" "server $name -c $c req/s (p50 ${p50} ms, p99 ${p99} ms, errors $errs)" "$rps" "-" "req/s" "-" "$tgt" "$vv"
    done
  done
  kill "$spid" 2>/dev/null
  wait "$spid" 2>/dev/null
}

last=""
for size in $SIZES; do
  echo "== corpus $size"
  corpus=$OUT/corpus-$size
  python3 bench/gen_corpus.py --size "$size" --out "$corpus" corpus/ || { fail_row "$size" "corpus" "gen_corpus failed"; continue; }
  if bench_index "$size" "$corpus"; then
    bench_tok "$size" "$corpus"
    bench_queries "$size"
    last=$size
  fi
done
if [ -n "$last" ]; then
  echo "== server on the $last index"
  bench_server "$last"
elif [ -n "$SIZES" ]; then
  fail_row "-" "server" "no index was built"
fi
bench_realvi

# the file formats (issue 10): scorer figures per format and throughput
# (MB/s rendered, pages/s through OCR), bench/formats.sh; BENCH_FORMATS=0
# leaves them out, BENCH_QUICK=1 leaves the scans out
if [ "${BENCH_FORMATS:-1}" = 1 ]; then
  echo "== file formats (bench/formats.sh)"
  scan=1; [ "$QUICK" = 1 ] && scan=0
  if FORMATS_SCAN=$scan VNPLAN=$VNPLAN sh bench/formats.sh >"$OUT/formats.log" 2>&1; then
    tail -n +2 bench/out/formats.tsv | while IFS="$(printf '\t')" read -r set fmt dr rr wr roles same mbs pps tgt; do
      [ "$fmt" = orig ] && continue
      v=info; case $tgt in PASS*) v=PASS ;; MISS*) v=MISS ;; esac
      row "$set" "format $fmt: docs/refs/who recall $dr/$rr/$wr, roles $roles, $same" "$mbs" "-" "MB/s" "-" "${tgt#* }" "$v"
      [ "$pps" != "-" ] && row "$set" "format $fmt through OCR" "$pps" "-" "pages/s" "-" "" info
    done
  else
    fail_row "-" "file formats" "bench/formats.sh failed (see $OUT/formats.log)"
  fi
fi

echo
printf '%-5s %-72s %10s %10s %-6s %7s %-12s %s\n' size figure vnplan baseline unit ratio target verdict
awk -F'\t' '{ printf "%-5s %-72s %10s %10s %-6s %7s %-12s %s\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$RES"
npass=$(grep -c 'PASS$' "$RES"); nmiss=$(grep -c '	MISS' "$RES")
echo
echo "bench: $npass PASS, $nmiss MISS, $nfail FAIL (could not run). Ratios are vnplan/baseline, same run, same files."
[ "$nfail" = 0 ]
