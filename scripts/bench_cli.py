#!/usr/bin/env python3
"""`make bench-cli`: the command line against the Python reference, one core and every core;
its memory on a 20 GB stream; and the engine recipes beside it on a 2 GB per-sample file.
Prints each round and the medians; asserts nothing.

    scripts/bench_cli.py CLI PAPER_FILE PER_SAMPLE_FILE [ROUNDS]

CLI is the binary built with `--profile cli`; PAPER_FILE the paper-format file of `make bench`
(scripts/bench_data.py); PER_SAMPLE_FILE is written here when missing (about 2 GB).
"""
import json
import os
import random
import statistics
import subprocess
import sys
import time

cli, paper, per_sample = sys.argv[1:4]
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
here = os.path.dirname(os.path.abspath(__file__))
cores = os.cpu_count() or 1


def timed(args, stdin=None):
    """Wall seconds and peak resident KB of a command (GNU time), its output discarded."""
    t0 = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *args], stdin=stdin, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{args}: exit {done.returncode}: {done.stderr[-2000:]}")
    return seconds, int(done.stderr.strip().splitlines()[-1])


def cache(path):
    with open(path, "rb") as f:
        while f.read(16 << 20):
            pass


size = os.path.getsize(paper)
cache(paper)
runs = {
    "cli, 1 thread": lambda: timed([cli, "curves", "-q", "--threads", "1", paper]),
    f"cli, {cores} threads": lambda: timed([cli, "curves", "-q", paper]),
    "python reference": lambda: timed([sys.executable, os.path.join(here, "bench_python.py"), paper]),
}
seen = {name: [] for name in runs}
for r in range(rounds):
    order = list(runs)[r % 3:] + list(runs)[:r % 3]
    results = {name: runs[name]() for name in order}
    for name, (s, _) in results.items():
        seen[name].append(s)
    print(f"BENCH cli round {r + 1}/{rounds} ({', '.join(order)}): " + "; ".join(
        f"{name} {s:.2f} s ({size / 1e6 / s:.0f} MB/s, peak {kb / 1024:.0f} MiB)" for name, (s, kb) in results.items()))
med = {name: statistics.median(v) for name, v in seen.items()}
one, every, py = med["cli, 1 thread"], med[f"cli, {cores} threads"], med["python reference"]
print(f"BENCH cli on {size / 1e6:.0f} MB (curves with bands, end to end), median of {rounds}: 1 thread {one:.2f} s "
      f"({size / 1e9 / one:.2f} GB/s per core), {cores} threads {every:.2f} s ({size / 1e9 / every:.2f} GB/s); "
      f"python reference {py:.2f} s: {py / one:.1f}x (1 thread), {py / every:.1f}x ({cores} threads)")

# 20 GB through standard input, generated as it is read: the memory stays the chunk's.
line = open(paper, "rb").readline()
head, tail = line.split(b",", 1)
target, written = 20 * 10**9, 0
generator = subprocess.Popen([cli, "counts", "-q", "-"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
# (The CLI's own peak is read from /proc while it runs: GNU time would need a shell pipe.)
peak = 0
t0 = time.perf_counter()
idx = 0
while written < target:
    block = b"".join(b'{"idx": %d,' % (idx + i) + tail for i in range(16))
    generator.stdin.write(block)
    written += len(block)
    idx += 16
    try:
        with open(f"/proc/{generator.pid}/status") as f:
            for l in f:
                if l.startswith("VmHWM:"):
                    peak = max(peak, int(l.split()[1]))
    except FileNotFoundError:
        break
generator.stdin.close()
generator.wait()
seconds = time.perf_counter() - t0
print(f"BENCH cli counts of {written / 1e9:.1f} GB on standard input ({idx} problems x 1024 samples): "
      f"{seconds:.0f} s ({written / 1e6 / seconds:.0f} MB/s, the generator's pace), peak resident {peak / 1024:.0f} MiB")

# The engines on a ~2 GB per-sample file.
if not os.path.exists(per_sample) or os.path.getsize(per_sample) < 2 * 10**9:
    rng = random.Random(5)
    response = "Let me work through this carefully, step by step. " * 19
    with open(per_sample + ".part", "w") as f:
        written, i = 0, 0
        while written < 2 * 10**9:
            p = i % 2000
            row = json.dumps({"problem_id": f"q{p}", "model": ["base", "grpo", "dapo", "ppo"][i // 2000 % 4],
                              "correct": rng.random() < (p % 10) / 10, "response": response})
            f.write(row + "\n")
            written += len(row) + 1
            i += 1
    os.replace(per_sample + ".part", per_sample)
size = os.path.getsize(per_sample)
cache(per_sample)
out = per_sample + ".counts"
engines = {
    "cli counts": [cli, "counts", "-q", per_sample],
    "duckdb_counts.py": [sys.executable, os.path.join(here, "..", "recipes", "duckdb_counts.py"), per_sample, out],
    "spark_counts.py (local; peak of the Python driver, the JVM apart)": [sys.executable, os.path.join(here, "..", "recipes", "spark_counts.py"), per_sample, out],
}
results = {name: timed(args) for name, args in engines.items()}
print(f"BENCH engines on a {size / 1e9:.1f} GB per-sample file: " + "; ".join(
    f"{name} {s:.1f} s ({size / 1e6 / s:.0f} MB/s, peak {kb / 1024:.0f} MiB)" for name, (s, kb) in results.items()))
