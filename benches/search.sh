#!/usr/bin/env bash
# Measures the knowledge base (docs/rules.md §12) on a generated ledger of N records (default
# 1,000,000): the first build of the search index, a warm search, a search right after one
# record was appended (the index catches up first), and `incident open` with the similar
# incidents looked up. Prints medians and the largest peak memory seen.
#
#   bash benches/search.sh [N] [RUNS]
#
# Peak memory is read with GNU time (Debian package `time`) when it is installed. Its own
# timings, beside benches/compare.sh: both generate their ledger with benches/generated-site.sh.
set -euo pipefail

N=${1:-1000000}
RUNS=${2:-7}
# shellcheck source=benches/generated-site.sh
source "$(dirname "$0")/generated-site.sh"
export RUNS

python3 - <<'PY'
import os, shutil, statistics, subprocess, tempfile, time

otss, runs = os.environ["OTSS_BIN"], int(os.environ["RUNS"])
gnu_time = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None
peak_file = tempfile.NamedTemporaryFile(delete=False).name

def run(args):
    """Wall time (ms) and peak resident memory (MB, or None) of one `otss ARGS`."""
    argv = [otss] + args
    if gnu_time:
        argv = [gnu_time, "-f", "%M", "-o", peak_file] + argv
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
    elapsed = (time.perf_counter() - start) * 1000
    memory = int(open(peak_file).read().split()[-1]) / 1024 if gnu_time else None
    return elapsed, memory

def row(name, measured):
    times = [t for t, _ in measured]
    peaks = [m for _, m in measured if m is not None]
    peak = f"{max(peaks):.0f} MB" if peaks else "-"
    print(f"| {name} | {statistics.median(times):.0f} ms | {peak} | {len(times)} |")

print("| what | median | peak memory | runs |")
print("|---|---|---|---|")
shutil.rmtree(os.environ["XDG_CACHE_HOME"], ignore_errors=True)
row("first build of the index (`search` on a cold cache)", [run(["search", "replication lag"])])
queries = [["search", "replication lag"], ["search", "TKE 节点 NotReady"],
           ["search", "慢查询", "--kind", "incident"], ["search", "cdb-prod-01 5xx", "--since", "2024"]]
for query in queries:
    run(query)
    row(f"`{' '.join(query)}` warm", [run(query) for _ in range(runs)])
appended = []
for n in range(runs):
    run(["support", "log", f"bench consultation {n}: CVM 主从延迟", "--force"])
    appended.append(run(["search", "replication lag"]))
row("`search` right after one appended record", appended)
run(["search", "warm up"])
opened = []
for n in range(runs):
    opened.append(run(["incident", "open", "--level", "3", "--title", f"TKE 节点 NotReady {n}", "--force"]))
row("`incident open` with similar incidents", opened)
PY
