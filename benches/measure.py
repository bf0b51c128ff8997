"""Times one command as a whole process, for benches/compare.sh and benches/search.sh.

A timed run starts the command itself, so that no wrapper's start-up is in its time. Peak
resident memory is read in a run of its own under GNU time (Debian package `time`): a process
started straight from Python would count Python's own memory as its peak.
"""
import os
import subprocess
import tempfile
import time

GNU_TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None


def run(argv, shell=False):
    """Wall seconds of one run of `argv` (a shell command line with `shell`), its output
    thrown away; fails if it fails."""
    if shell:
        argv = ["sh", "-c", argv]
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def peak(argv):
    """Wall seconds and peak resident memory (MB; None without GNU time) of one run of
    `argv` under GNU time: for a run whose memory matters more than a few milliseconds."""
    if not GNU_TIME:
        return run(argv), None
    with tempfile.NamedTemporaryFile() as report:
        elapsed = run([GNU_TIME, "-f", "%M", "-o", report.name] + argv)
        return elapsed, int(open(report.name).read().split()[-1]) / 1024
