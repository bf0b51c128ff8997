# Sourced by the benchmarks that measure one generated site: builds otss and the generator in
# release, generates a ledger of $N records into a temporary directory (removed on exit) and
# points otss at it, as of a fixed "now".
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

(cd "$ROOT" && cargo build --release --quiet --bin otss --example synth_ledger)
"$ROOT/target/release/examples/synth_ledger" --events "$N" --out "$WORK/site"

export OTSS_CONTRACT="$WORK/site/otss.toml"
export OTSS_NOW="2025-12-31T23:59:00+08:00"
export OTSS_ENGINEER="bench"
export XDG_CACHE_HOME="$WORK/cache"
export OTSS_BIN="$ROOT/target/release/otss"
