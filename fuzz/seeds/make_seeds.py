#!/usr/bin/env python3
"""Writes synthetic seed inputs for the `zip` and `parquet` fuzz targets into fuzz/corpus/.

Synthetic on purpose: the real files of ../shared/data are never committed, seeds included.
The zips have the parts of an Inspect .eval (header.json, summaries.json, journal summaries,
sample entries) stored, deflated and zstd-compressed (method 93, written by hand: Python's
zipfile has no zstd); the tables are tests/fixtures/parquet's. Needs pyarrow and zstandard.
"""
import io
import json
import os
import shutil
import struct
import zipfile
import zlib

import zstandard

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def header(epochs=2):
    return {
        "version": 2,
        "status": "success",
        "eval": {"task": "t", "model": "m", "config": {"epochs": epochs, "epochs_reducer": ["mean"]}},
        "results": {"scores": [{"name": "match", "scorer": "match", "metrics": {"accuracy": {"value": 0.5}}}]},
    }


def sample(i, epoch, value):
    return {"id": i, "epoch": epoch, "input": "q", "target": "a", "scores": {"match": {"value": value}}}


def parts(values):
    summaries = [sample(i, e, v) for i, row in enumerate(values) for e, v in enumerate(row, 1)]
    out = {"header.json": header(), "summaries.json": summaries, "_journal/start.json": {"version": 2, "eval": header()["eval"]}}
    out["_journal/summaries/1.json"] = summaries[: len(summaries) // 2]
    for s in summaries[:3]:
        out[f"samples/{s['id']}_epoch_{s['epoch']}.json"] = s
    return {name: json.dumps(v).encode() for name, v in out.items()}


def plain_zip(files, method):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def zstd_zip(files):
    """A zip whose entries are zstd (method 93), as inspect_ai writes them since 2026."""
    out, central = bytearray(), bytearray()
    for name, data in files.items():
        comp = zstandard.ZstdCompressor(level=3).compress(data)
        crc = zlib.crc32(data) & 0xFFFFFFFF
        offset = len(out)
        n = name.encode()
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 63, 0, 93, 0, 0, crc, len(comp), len(data), len(n), 0) + n + comp
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 63, 63, 0, 93, 0, 0, crc, len(comp), len(data), len(n), 0, 0, 0, 0, 0, offset) + n
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(files), len(files), len(central), start, 0)
    return bytes(out)


def main():
    zips = os.path.join(CORPUS, "zip")
    os.makedirs(zips, exist_ok=True)
    values = [["C", "I"], [1, 0], [True, "P"], ["N", {"x": 1}]]
    files = parts(values)
    seeds = {
        "stored.eval": plain_zip(files, zipfile.ZIP_STORED),
        "deflated.eval": plain_zip(files, zipfile.ZIP_DEFLATED),
        "zstd.eval": zstd_zip(files),
        "no-summaries.eval": plain_zip({k: v for k, v in files.items() if "summar" not in k}, zipfile.ZIP_DEFLATED),
        "journal-only.eval": plain_zip({k: v for k, v in files.items() if k.startswith("_journal")}, zipfile.ZIP_STORED),
    }
    for name, data in seeds.items():
        open(os.path.join(zips, "seed-" + name), "wb").write(data)
    tables = os.path.join(CORPUS, "parquet")
    os.makedirs(tables, exist_ok=True)
    fixtures = os.path.join(ROOT, "tests", "fixtures", "parquet")
    for i, (folder, _, names) in enumerate(os.walk(fixtures)):
        for j, name in enumerate(sorted(names)):
            data = open(os.path.join(folder, name), "rb").read()
            # The target's first byte picks a mapping; the table follows.
            open(os.path.join(tables, f"seed-{i}-{j}"), "wb").write(b"\x00" + data)


if __name__ == "__main__":
    main()
