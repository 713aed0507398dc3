#!/usr/bin/env python3
"""Writes the two JSON documents the reader's document path is timed on (BENCHMARKS.md, "JSON
documents"): a 330 MB Inspect `.json` log, the real log in ../shared/data/real-formats (read at
run time, never copied into the repository) with its one sample repeated under 24 000 ids; and
520 MB of records pretty-printed one after another (`json.dump(record, f, indent=2)` appended).

    scripts/bench_json_docs.py OUTDIR

Deterministic; each file is skipped when it exists.
"""
import copy
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
shared = os.path.join(here, "..", "..", "shared", "data", "real-formats", "inspect")
out = sys.argv[1]
os.makedirs(out, exist_ok=True)

log_out = os.path.join(out, "inspect-330mb.json")
if not os.path.exists(log_out):
    with open(os.path.join(shared, "log_read_sample.json")) as f:
        log = json.load(f)
    first = log["samples"][0]
    samples = []
    for i in range(24000):
        s = copy.deepcopy(first)
        s["id"], s["epoch"] = i, 1
        samples.append(s)
    log["samples"] = samples
    with open(log_out + ".part", "w") as f:
        json.dump(log, f, indent=2)
    os.replace(log_out + ".part", log_out)

pretty_out = os.path.join(out, "pretty-520mb.json")
if not os.path.exists(pretty_out):
    with open(pretty_out + ".part", "w") as f:
        for i in range(100000):
            record = {
                "idx": i,
                "question": "What is 2 + 2? \\frac{1}{2} " * 20,
                "code": ["The answer is \\boxed{4}.\n" * 20] * 8,
                "pred": ["4"] * 8,
                "score": [True, False] * 4,
            }
            f.write(json.dumps(record, indent=2) + "\n")
    os.replace(pretty_out + ".part", pretty_out)
