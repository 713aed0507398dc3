#!/usr/bin/env python3
"""The Python reference for `make bench`: the RLVR paper's way (json per line, then the
human-eval unbiased estimator) over the same file; prints seconds and MB/s.

    scripts/bench_python.py FILE
"""
import json
import os
import sys
import time

import numpy as np


def estimate_pass_at_k(n: int, c: int, k: int) -> float:
    """human-eval's estimator: 1 - C(n-c, k) / C(n, k), as a numerically stable product."""
    if n - c < k:
        return 1.0
    return 1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1))


path = sys.argv[1]
size = os.path.getsize(path)
t0 = time.perf_counter()
counts = []
with open(path) as f:
    for line in f:
        record = json.loads(line)
        counts.append((len(record["score"]), sum(record["score"])))
t1 = time.perf_counter()
n_min = min(n for n, _ in counts)
curve = [np.mean([estimate_pass_at_k(n, c, k) for n, c in counts]) for k in range(1, n_min + 1)]
t2 = time.perf_counter()
print(
    f"BENCH python json.loads of {size / 1e6:.0f} MB: {t1 - t0:.2f} s ({size / 1e6 / (t1 - t0):.0f} MB/s); "
    f"estimator k = 1..{n_min}: {t2 - t1:.2f} s; pass@1 = {curve[0]:.6f}"
)
