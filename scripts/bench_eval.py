#!/usr/bin/env python3
"""Writes an Inspect `.eval` log for `make bench`: 500 samples x 32 epochs with long transcripts
(about 60 KB of compressed text each), zstd entries as inspect_ai writes them since 2026, with
its header, journal and summaries.

    scripts/bench_eval.py OUT MEGABYTES

Deterministic, and skipped when OUT already has the requested size class. Needs zstandard.
"""
import base64
import json
import os
import random
import struct
import sys
import zlib

import zstandard

out, megabytes = sys.argv[1], int(sys.argv[2])
target = megabytes * 1_000_000
if os.path.exists(out) and os.path.getsize(out) >= target:
    sys.exit(0)
samples, epochs = 500, 32
per_sample = target // (samples * epochs)
rng = random.Random(7)
compressor = zstandard.ZstdCompressor(level=1)
body, central = bytearray(), bytearray()
tmp = out + ".part"
f = open(tmp, "wb")
written = 0


def entry(name, data):
    global written
    comp = compressor.compress(data)
    crc = zlib.crc32(data) & 0xFFFFFFFF
    n = name.encode()
    header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 63, 0, 93, 0, 0, crc, len(comp), len(data), len(n), 0)
    central.extend(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 63, 63, 0, 93, 0, 0, crc, len(comp), len(data), len(n), 0, 0, 0, 0, 0, written) + n)
    f.write(header + n + comp)
    written += len(header) + len(n) + len(comp)


spec = {"task": "bench_math", "model": "bench/model-7b", "dataset": {"name": "bench"}, "config": {"epochs": epochs, "epochs_reducer": ["mean"]}}
entry("_journal/start.json", json.dumps({"version": 2, "eval": spec, "plan": {}}).encode())
summaries = []
correct = 0
for epoch in range(1, epochs + 1):
    for sid in range(1, samples + 1):
        rate = 0 if sid % 17 == 0 else (sid * 37 % 100) / 100
        value = "C" if rng.random() < rate else "I"
        correct += value == "C"
        # Incompressible text stands for a long transcript (tool calls, reasoning).
        transcript = base64.b64encode(rng.randbytes(per_sample)).decode()
        sample = {
            "id": sid, "epoch": epoch, "input": f"Problem {sid}", "target": str(sid % 97),
            "messages": [{"role": "user", "content": f"Problem {sid}"}, {"role": "assistant", "content": transcript}],
            "output": {"completion": transcript[-200:]},
            "scores": {"match": {"value": value, "answer": str(sid % 97), "explanation": "..."}},
        }
        entry(f"samples/{sid}_epoch_{epoch}.json", json.dumps(sample).encode())
        summaries.append({"id": sid, "epoch": epoch, "input": f"Problem {sid}", "target": str(sid % 97), "scores": {"match": {"value": value}}})
entry("summaries.json", json.dumps(summaries).encode())
accuracy = correct / (samples * epochs)
header = {"version": 2, "status": "success", "eval": spec, "plan": {},
          "results": {"total_samples": samples * epochs, "completed_samples": samples * epochs,
                      "scores": [{"name": "match", "scorer": "match", "metrics": {"accuracy": {"name": "accuracy", "value": accuracy}}}]},
          "stats": {}}
entry("header.json", json.dumps(header).encode())
start = written
f.write(central)
count = len(summaries) + 3
f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, min(count, 0xFFFF), min(count, 0xFFFF), len(central), start, 0))
f.close()
os.replace(tmp, out)
