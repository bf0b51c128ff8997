#!/usr/bin/env bash
# Measures `otss portfolio` over SITES generated sites (default 100) of about PER_SITE records
# each (default 20,000), and `otss export` to Parquet of one ledger of BIG records (default
# 1,000,000): median wall time and peak memory of RUNS runs (default 5) after one warm-up, and
# the size of the Parquet files beside the JSON lines they come from. Its own timings, apart
# from benches/compare.sh.
#
#   bash benches/portfolio.sh [SITES] [PER_SITE] [BIG] [RUNS]
#
# Sites are made by `examples/synth_ledger.rs`, each with its own seed and customer name, and
# every other one made a 7x24 contract. Peak memory is read with GNU time (package `time`).
set -euo pipefail

SITES=${1:-100}
PER_SITE=${2:-20000}
BIG=${3:-1000000}
RUNS=${4:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

(cd "$ROOT" && cargo build --release --quiet --bin otss --example synth_ledger)
OTSS="$ROOT/target/release/otss"
SYNTH="$ROOT/target/release/examples/synth_ledger"
export OTSS_NOW="2025-04-10T10:00:00+08:00"
export XDG_CACHE_HOME="$WORK/cache"

for i in $(seq 1 "$SITES"); do
  "$SYNTH" --events "$PER_SITE" --out "$WORK/sites/site-$i" --seed "$i" >/dev/null
  sed -i "s/^customer = .*/customer = \"Site $i\"/" "$WORK/sites/site-$i/otss.toml"
  if (( i % 2 == 0 )); then
    sed -i 's/^mode = .*/mode = "7x24"/' "$WORK/sites/site-$i/otss.toml"
  fi
  echo "site-$i" >>"$WORK/sites/sites.txt"
done

# measure NAME COMMAND...: the median wall time and the largest peak memory of RUNS runs.
measure() {
  local name="$1"
  shift
  "$@" >/dev/null 2>&1 || true
  for _ in $(seq 1 "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>&1
    cat "$WORK/time"
  done | sort -n | awk -v name="$name" -v runs="$RUNS" '
    { t[NR] = $1; if ($2 > m) m = $2 }
    END { printf "| %s | %.2f s | %d MB |\n", name, t[int((runs + 1) / 2)], m / 1024 }'
}

echo "| command | median | peak memory |"
echo "|---|---|---|"
measure "otss portfolio 2025-03 over $SITES sites of $PER_SITE records (warm)" \
  "$OTSS" portfolio 2025-03 --sites-file "$WORK/sites/sites.txt" --json

"$SYNTH" --events "$BIG" --out "$WORK/big" >/dev/null
export OTSS_CONTRACT="$WORK/big/otss.toml"
# After the generated term has ended: every month is exported, and no record is after now.
export OTSS_NOW="2026-01-15T10:00:00+08:00"
measure "otss export of $BIG records to Parquet" "$OTSS" export --out "$WORK/export"
jsonl=$(du -sb "$WORK/big/ledger" | cut -f1)
parquet=$(du -sb "$WORK/export" | cut -f1)
echo
echo "JSON lines $((jsonl / 1024)) KiB, Parquet $((parquet / 1024)) KiB: $(awk -v j="$jsonl" -v p="$parquet" 'BEGIN { printf "%.1f", j / p }')x smaller"
