#!/usr/bin/env bash
# Measures the knowledge base (docs/rules.md §12) on a generated ledger of N records (default
# 1,000,000): a search on an empty cache, the first build of the search index alone, warm
# searches, what learning one appended record adds to the write that appends it (a write
# with and without a search index to keep up), a search right after, and `incident open`
# with the similar incidents looked up. Prints medians and the largest peak memory seen.
#
#   bash benches/search.sh [N] [RUNS]
#
# Each command is timed as a whole process under GNU time (Debian package `time`), which reads
# its peak memory, when it is installed (benches/measure.py). Its own timings, beside
# benches/compare.sh: both generate their ledger with benches/generated-site.sh.
set -euo pipefail

N=${1:-1000000}
RUNS=${2:-7}
# shellcheck source=benches/generated-site.sh
source "$(dirname "$0")/generated-site.sh"
export RUNS

BENCHES="$(cd "$(dirname "$0")" && pwd)" python3 - <<'PY'
import os, shutil, statistics, sys

sys.path.insert(0, os.environ["BENCHES"])
import measure

otss, runs = os.environ["OTSS_BIN"], int(os.environ["RUNS"])

def run(args):
    """Wall time (ms) and peak resident memory (MB, or None) of one `otss ARGS`, under GNU
    time when it is installed (each run changes what the next one finds)."""
    elapsed, memory = measure.peak([otss] + args)
    return elapsed * 1000, memory

def row(name, measured):
    times = [t for t, _ in measured]
    peaks = [m for _, m in measured if m is not None]
    peak = f"{max(peaks):.0f} MB" if peaks else "-"
    print(f"| {name} | {statistics.median(times):.0f} ms | {peak} | {len(times)} |")

print("| what | median | peak memory | runs |")
print("|---|---|---|---|")
cache = os.environ["XDG_CACHE_HOME"]
shutil.rmtree(cache, ignore_errors=True)
row("`search` on an empty cache (builds the incident index too)", [run(["search", "replication lag"])])

def without_search_index():
    """Removes the search index from the cache, keeping the incident index."""
    for root, dirs, _ in os.walk(cache):
        for directory in [d for d in dirs if d.endswith(".search")]:
            shutil.rmtree(os.path.join(root, directory))

def log(n, tag):
    return run(["support", "log", f"bench consultation {tag} {n}: CVM 主从延迟", "--force"])

without_search_index()
unindexed = [log(n, "a") for n in range(runs)]
row("`support log` with no search index", unindexed)
without_search_index()
row("first build of the search index (`search`, incident index built)", [run(["search", "replication lag"])])
queries = [["search", "replication lag"], ["search", "TKE 节点 NotReady"],
           ["search", "慢查询", "--kind", "incident"], ["search", "cdb-prod-01 5xx", "--since", "2024"]]
for query in queries:
    run(query)
    row(f"`{' '.join(query)}` warm", [run(query) for _ in range(runs)])
indexed, after = [], []
for n in range(runs):
    indexed.append(log(n, "b"))
    after.append(run(["search", "replication lag"]))
row("`support log`, the search index learning the record", indexed)
update = statistics.median(t for t, _ in indexed) - statistics.median(t for t, _ in unindexed)
print(f"| update after one appended record (the two `support log` rows apart) | {update:.0f} ms | - | {runs} |")
row("`search` right after one appended record", after)
opened = []
for n in range(runs):
    opened.append(run(["incident", "open", "--level", "3", "--title", f"TKE 节点 NotReady {n}", "--force"]))
row("`incident open` with similar incidents", opened)
PY
