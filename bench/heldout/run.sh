#!/bin/sh
# bench/heldout/run.sh — the scorer on every held-out gold of this folder
# (gold.json, gold-2a.json …): each set's documents taken from the real-vi
# archive into a folder of their own, indexed and scored by
# ../shared/eval/score.py. usage: run.sh VNPLAN REALVI_TAR OUT_DIR
# Prints the scorer's lines per set, a summary line per set last; exits 1
# when a case of any set fails (two of gold.json fail by design: README.md).
set -u
bin=$1 tar=$2 out=$3
here=$(dirname "$0")
if [ ! -f "$tar" ]; then
  echo "heldout: $tar not found, skipped"
  exit 0
fi
rc=0 summary=""
for gold in "$here"/gold*.json; do
  set=$(basename "$gold" .json)
  dir=$out/$set
  rm -rf "$dir" && mkdir -p "$dir/corpus" || exit 1
  files=$(python3 -c 'import json, sys; print(" ".join(d["file"] for d in json.load(open(sys.argv[1]))["docs"]))' "$gold") || exit 1
  # shellcheck disable=SC2086 # one word per file name
  tar -xJf "$tar" -C "$dir/corpus" $files || exit 1
  echo "== $set"
  python3 ../shared/eval/score.py --bin "$bin" --gold "$gold" --db "$dir/heldout.db" "$dir/corpus" >"$dir/score.txt" 2>&1 || rc=1
  cat "$dir/score.txt"
  summary="$summary$set: $(tail -1 "$dir/score.txt")
"
done
printf '%s' "$summary"
exit $rc
