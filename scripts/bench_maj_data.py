#!/usr/bin/env python3
"""Writes the maj@k benchmark file for `make bench`: 8 models x 1000 problems x 1024 samples,
one line per (model, problem) with each sample's extracted answer (`pred`) and verdict
(`score`). As `core::explain::synth` draws them for tests/web_bench.rs: success rates from
Beta(0.3, 0.3), the correct samples on one answer, the wrong ones over 49 answers with Zipf
weights (1/j). Deterministic (seeded), ~80 MB; skipped when OUT exists.

    scripts/bench_maj_data.py OUT
"""
import bisect
import json
import os
import random
import sys

out = sys.argv[1]
if os.path.exists(out):
    sys.exit(0)
rng = random.Random(16)
weights = [1 / j for j in range(1, 50)]
cumulative = []
total = 0.0
for w in weights:
    total += w
    cumulative.append(total)
tmp = out + ".part"
with open(tmp, "w") as f:
    for model in range(8):
        for idx in range(1000):
            rate = rng.betavariate(0.3, 0.3)
            preds, scores = [], []
            for _ in range(1024):
                if rng.random() < rate:
                    preds.append("right")
                    scores.append(True)
                else:
                    j = bisect.bisect_left(cumulative, rng.random() * total)
                    preds.append(f"wrong{min(j, 48)}")
                    scores.append(False)
            record = {"model": f"model-{model}", "idx": idx, "pred": preds, "score": scores}
            f.write(json.dumps(record, separators=(",", ":")) + "\n")
os.replace(tmp, out)
