#!/usr/bin/env python3
"""Writes a paper-format result file for `make bench` (the RLVR paper's math eval output: one
line per problem with every response in `code` and per-sample correctness in `score`).

    scripts/bench_data.py OUT MEGABYTES [pred]

500 problems x 1024 samples with ~1 KB responses is ~0.5 GB; a larger size adds problems.
With `pred`, each line also holds the per-sample extracted answers, as the paper's files do.
Deterministic, and skipped when OUT already has the requested size class.
"""
import json
import os
import sys

out, megabytes = sys.argv[1], int(sys.argv[2])
with_pred = sys.argv[3:] == ["pred"]
target = megabytes * 1_000_000
if os.path.exists(out) and os.path.getsize(out) >= target:
    sys.exit(0)
samples = 1024
problems = max(500, target // (samples * 1_000))
filler = "Let us reason step by step about the quantities involved, then check the result. "
tmp = out + ".part"
with open(tmp, "w") as f:
    for idx in range(problems):
        # Response lengths vary (~0.9-1.1 KB); every 17th problem is never solved.
        code = [
            (filler * 12)[: 900 + (idx * 31 + s * 7) % 200] + f" The answer is {(idx + s) % 97}."
            for s in range(samples)
        ]
        rate = 0 if idx % 17 == 0 else ((idx * 37) % 100) / 100
        score = [((s * 2654435761 + idx) % 1000) / 1000 < rate for s in range(samples)]
        record = {"idx": idx, "question": f"Problem {idx}", "gt": str(idx % 97), "code": code, "score": score}
        if with_pred:
            record["pred"] = [str((idx + s) % 97) for s in range(samples)]
        f.write(json.dumps(record) + "\n")
os.replace(tmp, out)
