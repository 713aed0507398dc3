#!/usr/bin/env python3
"""Writes a per-sample Parquet table for `make bench`, as Hugging Face datasets of generations
hold them: 500 problems x 1024 samples, one row each with its (long) response, Snappy.

    scripts/bench_parquet.py OUT MEGABYTES

Deterministic, and skipped when OUT already has the requested size class. Needs pyarrow.
"""
import base64
import os
import random
import sys

import pyarrow as pa
import pyarrow.parquet as pq

out, megabytes = sys.argv[1], int(sys.argv[2])
target = megabytes * 1_000_000
if os.path.exists(out) and os.path.getsize(out) >= target:
    sys.exit(0)
problems, samples = 500, 1024
per_row = target * 3 // 4 // (problems * samples)
rng = random.Random(7)
tmp = out + ".part"
schema = pa.schema([("problem_id", pa.string()), ("model", pa.string()), ("response", pa.string()), ("correct", pa.bool_())])
with pq.ParquetWriter(tmp, schema, compression="snappy") as writer:
    for p in range(problems):
        rate = 0 if p % 17 == 0 else (p * 37 % 100) / 100
        rows = {
            "problem_id": [f"p{p}"] * samples,
            "model": ["bench-model"] * samples,
            # Incompressible text stands for the responses.
            "response": [base64.b64encode(rng.randbytes(per_row)).decode() for _ in range(samples)],
            "correct": [rng.random() < rate for _ in range(samples)],
        }
        writer.write_table(pa.table(rows, schema=schema))
os.replace(tmp, out)
