#!/usr/bin/env bash
# Measures otss on a generated ledger of N records (default 1,000,000; 5000000 for the large
# size), side by side with the jq scan a user would otherwise write, `cat | wc -l` over the
# same files, and DuckDB over the JSON lines and over the same data exported once to Parquet
# (the month's and the year's counts by level, rounds by kind and backup checks), and prints
# a table of medians, peak memory and ratios; then benches/search.sh's table of the knowledge
# base on the same ledger.
#
#   bash benches/compare.sh [N] [RUNS]
#
# Needs jq (Debian package `jq`). Each command is timed as a whole process, started by itself;
# its peak memory is read in one more run under GNU time (package `time`) when it is installed
# (benches/measure.py). DuckDB is installed from PyPI into a throwaway virtual environment;
# when it cannot be, the script says so and goes on without it. Each command runs once on an
# empty cache (cold: the index is built first), then RUNS times (default 7) after one warm-up;
# the median wall time is reported, with the peak resident memory of one more run.
set -euo pipefail

N=${1:-1000000}
RUNS=${2:-7}
command -v jq >/dev/null || { echo "compare.sh: jq is needed (apt-get install jq)" >&2; exit 1; }
# shellcheck source=benches/generated-site.sh
source "$(dirname "$0")/generated-site.sh"
export LEDGER="$WORK/site/ledger"
export RUNS

export DUCKDB_PYTHON=""
if python3 -m venv "$WORK/venv" >/dev/null 2>&1 \
    && "$WORK/venv/bin/pip" install --quiet duckdb >/dev/null 2>&1; then
    DUCKDB_PYTHON="$WORK/venv/bin/python"
else
    echo "compare.sh: DuckDB could not be installed from PyPI; going on without it" >&2
fi

BENCHES="$(cd "$(dirname "$0")" && pwd)" python3 - <<'PY'
import os, platform, shutil, statistics, subprocess, sys, tempfile
from pathlib import Path

sys.path.insert(0, os.environ["BENCHES"])
from measure import peak, run

otss, ledger, runs = os.environ["OTSS_BIN"], Path(os.environ["LEDGER"]), int(os.environ["RUNS"])
files = sorted(str(p) for p in ledger.glob("*/*.jsonl"))
months = {}
for f in files:
    months[Path(f).parent.name] = months.get(Path(f).parent.name, 0) + os.path.getsize(f)
month = max(months, key=months.get)
year = month[:4]
records = sum(1 for f in files for _ in open(f, "rb"))

def measure(argv, shell=False):
    """The median wall time of RUNS runs after one warm-up, and the peak memory of one more."""
    run(argv, shell)
    elapsed = statistics.median(run(argv, shell) for _ in range(runs))
    return elapsed, None if shell else peak(argv)[1]

def mb(memory):
    return "—" if memory is None else f"{memory:.0f} MB"

cache = Path(os.environ["XDG_CACHE_HOME"])

def cold(argv):
    """One run on an empty cache: the index is built first."""
    shutil.rmtree(cache, ignore_errors=True)
    return peak(argv)

first_build, first_memory = cold([otss, "incident", "list", "--open", "--json"])
# An incident of the busiest month, by its id, for the commands that act on one.
incident = next(
    line.split(b'"incident":"')[1].split(b'"')[0].decode()
    for f in files if Path(f).parent.name == month
    for line in open(f, "rb") if b'"type":"incident.opened"' in line
)
quoted = " ".join(f"'{f}'" for f in files)
jq = measure(f"jq -c 'select(.at|startswith(\"{month}\"))|.type' {quoted}", shell=True)
cat = measure(f"cat {quoted} | wc -l", shell=True)
# Each command with its target: a ratio to jq, or a time in ms; and its memory bound in MB.
rows = [
    (f"otss report {month} --format json", [otss, "report", month, "--format", "json"], ("ms", 40), 20),
    (f"otss report {year} --format json", [otss, "report", year, "--format", "json"], ("jq", 12), 64),
    ("otss incident list --open --json", [otss, "incident", "list", "--open", "--json"], ("ms", 50), 64),
    ("otss inspect today --json", [otss, "inspect", "today", "--json"], ("ms", 50), 64),
    ("otss status", [otss, "status"], ("ms", 25), 64),
    ("otss risk list --open --json", [otss, "risk", "list", "--open", "--json"], ("ms", 50), 16),
    ("otss risk list --json", [otss, "risk", "list", "--json"], ("ms", 50), 16),
    ("otss overtime balance --json", [otss, "overtime", "balance", "--json"], ("ms", 50), 16),
    ("otss backup status --json", [otss, "backup", "status", "--json"], ("ms", 50), 16),
    (f"otss incident show {incident} --json", [otss, "incident", "show", incident, "--json"], ("ms", 20), 16),
    ("otss incident list --json", [otss, "incident", "list", "--json"], None, 64),
    ("otss check", [otss, "check"], None, 64),
    ("otss --version", [otss, "--version"], ("ms", 5), 64),
]

# The DuckDB run each report must beat, by the row's name.
beats = {
    f"otss report {month} --format json": f"DuckDB over Parquet, {month}",
    f"otss report {year} --format json": f"DuckDB over JSON lines, {year}",
}

def duckdb_peers():
    """DuckDB in a new process on the month's and the year's aggregation, over the JSON lines
    and over Parquet exported once; empty when DuckDB is not installed."""
    python = os.environ.get("DUCKDB_PYTHON")
    if not python:
        return []
    parquet = str(Path(tempfile.mkdtemp()) / "ledger.parquet")
    columns = "{'at': 'VARCHAR', 'type': 'VARCHAR', 'level': 'INTEGER', 'kind': 'VARCHAR', 'ok': 'BOOLEAN'}"
    def source(paths):
        listed = ", ".join(f"'{p}'" for p in paths)
        return f"read_json([{listed}], format='newline_delimited', columns={columns})"
    export = f"COPY (SELECT * FROM {source(files)}) TO '{parquet}' (FORMAT parquet)"
    subprocess.run([python, "-c", "import duckdb, sys; duckdb.sql(sys.argv[1])", export], check=True)
    run_sql = "import duckdb, sys; duckdb.sql(sys.argv[1]).fetchall()"
    def query(table, prefix):
        sql = (f"SELECT type, level, kind, ok, count(*) FROM {table} "
               f"WHERE \"at\" LIKE '{prefix}%' GROUP BY ALL")
        return [python, "-c", run_sql, sql]
    in_month = [f for f in files if Path(f).parent.name == month]
    in_year = [f for f in files if Path(f).parent.name.startswith(year)]
    # README's "incidents breached per site and level" on the facts `otss export` wrote once:
    # the verdicts `otss report MONTH --format json` gives, beside it in the rows below.
    facts = Path(tempfile.mkdtemp()) / "facts"
    subprocess.run([otss, "export", "--out", str(facts)], stdout=subprocess.DEVNULL, check=True)
    breached = (f"SELECT site, level, count(*) FILTER (WHERE response_met = false), "
                f"sum(arrivals_breached) FROM '{facts}/incidents.parquet' "
                f"WHERE month = '{month}' AND NOT voided GROUP BY site, level")
    return [
        (f"DuckDB over JSON lines, {month}", query(source(in_month), month)),
        (f"DuckDB over JSON lines, {year}", query(source(in_year), year)),
        (f"DuckDB over Parquet, {month}", query(f"'{parquet}'", month)),
        (f"DuckDB over Parquet, {year}", query(f"'{parquet}'", year)),
        (f"DuckDB, breached per site and level over `otss export`, {month}",
         [python, "-c", run_sql, breached]),
    ]

def ms(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"

print(f"{records:,} records in {len(files)} files ({sum(months.values()) / 2**20:.0f} MB); "
      f"busiest month {month}; median of {runs} runs; {os.cpu_count()} cores, {platform.machine()}")
print(f"first index build (cold cache): {ms(first_build)}, peak {mb(first_memory)}\n")
print(f"| command | cold | median | peak memory | target | result |")
print(f"|---|---|---|---|---|---|")
print(f"| `jq -c 'select(.at\\|startswith(\"{month}\"))\\|.type'` | | {ms(jq[0])} | {mb(jq[1])} | | |")
print(f"| `cat \\| wc -l` | | {ms(cat[0])} | {mb(cat[1])} | | |")
peers = {}
for name, argv in duckdb_peers():
    elapsed, memory = measure(argv)
    peers[name] = elapsed
    print(f"| {name} | | {ms(elapsed)} | {mb(memory)} | | |")
for name, argv, goal, bound in rows:
    cold_elapsed, _ = cold(argv)
    elapsed, memory = measure(argv)
    if goal is None:
        target, ok, result = "", True, ""
    elif goal[0] == "jq":
        ratio = jq[0] / elapsed
        target, ok = f"≥ {goal[1]}× faster than jq", ratio >= goal[1]
        result = f"{ratio:.1f}× faster"
    else:
        target, ok = f"≤ {goal[1]} ms", elapsed * 1000 <= goal[1]
        result = "met" if ok else "missed"
    peer = beats.get(name)
    if peer in peers:
        target += f", faster than {peer.split(',')[0]}"
        ok = ok and elapsed < peers[peer]
        ratio = peers[peer] / elapsed
        result += (f"; {ratio:.1f}× faster than DuckDB" if ratio >= 1
                   else f"; {1 / ratio:.1f}× slower than DuckDB")
    if memory is not None and memory > bound:
        over = f"{memory:.1f} MB, over {bound}"
        ok, result = False, f"{result} in time; {over}" if result == "met" else f"{result}; {over}".lstrip("; ")
    print(f"| `{name}` | {ms(cold_elapsed)} | {ms(elapsed)} | {mb(memory)} | "
          f"{target + ', ' if target else ''}≤ {bound} MB | {result}{'' if ok else ' ✗'} |")
PY

# The knowledge base's figures (search, its index, similar incidents) on the same generated
# ledger: benches/search.sh generates it again with the same seed.
echo
bash "$(dirname "$0")/search.sh" "$N" "$RUNS"
