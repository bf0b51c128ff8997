#!/usr/bin/env bash
# Measures otss on a generated ledger of N records (default 1,000,000), side by side with the
# jq scan a user would otherwise write and with `cat | wc -l` over the same files, and prints
# a table of medians, peak memory and ratios.
#
#   bash benches/compare.sh [N] [RUNS]
#
# Needs jq (Debian package `jq`); peak memory is read with GNU time (package `time`) when it is
# installed. Each command runs RUNS times (default 7) after one warm-up; the median wall time
# is reported, with the largest peak resident memory seen.
set -euo pipefail

N=${1:-1000000}
RUNS=${2:-7}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

command -v jq >/dev/null || { echo "compare.sh: jq is needed (apt-get install jq)" >&2; exit 1; }
(cd "$ROOT" && cargo build --release --quiet --bin otss --example synth_ledger)
"$ROOT/target/release/examples/synth_ledger" --events "$N" --out "$WORK/site"

export OTSS_CONTRACT="$WORK/site/otss.toml"
export OTSS_NOW="2025-12-15T10:00:00+08:00"
export OTSS_ENGINEER="bench"
export XDG_CACHE_HOME="$WORK/cache"
export OTSS_BIN="$ROOT/target/release/otss"
export LEDGER="$WORK/site/ledger"
export RUNS

python3 - <<'PY'
import os, platform, shutil, statistics, subprocess, tempfile, time
from pathlib import Path

otss, ledger, runs = os.environ["OTSS_BIN"], Path(os.environ["LEDGER"]), int(os.environ["RUNS"])
files = sorted(str(p) for p in ledger.glob("*/*.jsonl"))
months = {}
for f in files:
    months[Path(f).parent.name] = months.get(Path(f).parent.name, 0) + os.path.getsize(f)
month = max(months, key=months.get)
year = month[:4]
records = sum(1 for f in files for _ in open(f, "rb"))

gnu_time = shutil.which("time") if os.path.exists("/usr/bin/time") else None
peak_file = tempfile.NamedTemporaryFile(delete=False).name

def run(argv, shell=False):
    """Wall time and peak resident memory (MB, or None when it cannot be read) of one run."""
    if shell:
        argv = ["sh", "-c", argv]
    measured = gnu_time and not shell
    if measured:
        argv = ["/usr/bin/time", "-f", "%M", "-o", peak_file] + argv
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
    elapsed = time.perf_counter() - start
    memory = int(open(peak_file).read().split()[-1]) / 1024 if measured else None
    return elapsed, memory

def measure(argv, shell=False):
    run(argv, shell)
    results = [run(argv, shell) for _ in range(runs)]
    memories = [m for _, m in results if m is not None]
    return statistics.median(t for t, _ in results), max(memories) if memories else None

def mb(memory):
    return "—" if memory is None else f"{memory:.0f} MB"

first_build, first_memory = run([otss, "incident", "list", "--open", "--json"])
quoted = " ".join(f"'{f}'" for f in files)
jq = measure(f"jq -c 'select(.at|startswith(\"{month}\"))|.type' {quoted}", shell=True)
cat = measure(f"cat {quoted} | wc -l", shell=True)
rows = [
    (f"otss report {month} --format json", [otss, "report", month, "--format", "json"], ("jq", 10)),
    (f"otss report {year} --format json", [otss, "report", year, "--format", "json"], ("jq", 4)),
    ("otss incident list --open --json", [otss, "incident", "list", "--open", "--json"], ("ms", 50)),
    ("otss inspect today --json", [otss, "inspect", "today", "--json"], ("ms", 50)),
    ("otss status", [otss, "status"], ("ms", 50)),
    ("otss --version", [otss, "--version"], ("ms", 5)),
]

def ms(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"

print(f"{records:,} records in {len(files)} files ({sum(months.values()) / 2**20:.0f} MB); "
      f"busiest month {month}; median of {runs} runs; {os.cpu_count()} cores, {platform.machine()}")
print(f"first index build (cold cache): {ms(first_build)}, peak {mb(first_memory)}\n")
print(f"| command | median | peak memory | target | result |")
print(f"|---|---|---|---|---|")
print(f"| `jq -c 'select(.at\\|startswith(\"{month}\"))\\|.type'` | {ms(jq[0])} | {mb(jq[1])} | | |")
print(f"| `cat \\| wc -l` | {ms(cat[0])} | {mb(cat[1])} | | |")
for name, argv, (kind, goal) in rows:
    elapsed, memory = measure(argv)
    if kind == "jq":
        ratio = jq[0] / elapsed
        target, ok = f"≥ {goal}× faster than jq", ratio >= goal
        result = f"{ratio:.1f}× faster"
    else:
        target, ok = f"≤ {goal} ms", elapsed * 1000 <= goal
        result = "met" if ok else "missed"
    ok = ok and (memory is None or memory <= 64)
    print(f"| `{name}` | {ms(elapsed)} | {mb(memory)} | {target}, ≤ 64 MB | {result}{'' if ok else ' ✗'} |")
PY
