#!/usr/bin/env python3
"""Reduces per-sample results (JSON Lines, optionally .gz, or Parquet) to the counts the
passk-lens page and command line open: one JSON line per (benchmark, model, problem),
{"benchmark", "problem_id", "model", "n", "c"}. DuckDB, in-process: as fast as the machine's
disks and cores allow, on files of any size (it streams).

    recipes/duckdb_counts.py 'runs/**/*.jsonl' counts.jsonl
    recipes/duckdb_counts.py 's3://bucket/evals/*.parquet' counts.jsonl   # with DuckDB's httpfs

A sample is one record with a problem id and a verdict. Field names: `problem_id`, `correct`,
and optionally `model` and `benchmark`; others by --id, --correct, --model, --benchmark (a
JSON path such as `meta.task` reaches into objects). Without a model field the model is the
file's name without its extensions; without a benchmark field the benchmark is `all` (as in
passk-lens).

A verdict counts as passk-lens counts it: true, 1 or the strings "passed", "pass", "correct",
"true", "C" are correct; false, 0, "failed", "fail", "incorrect", "false", "timed out", "I" and
"failed: …" are not; another number is correct above 0.5 (a score). Records without a problem
id or with any other verdict (null, another string, a list or an object) are left out and
counted on standard error, never guessed. (passk-lens itself also reads a list of verdicts as a
whole problem and Inspect's {"value": …} scores; reduce those files with it directly.)
"""
import argparse
import os
import sys

import duckdb

CORRECT = ("passed", "pass", "correct", "true", "C")
WRONG = ("failed", "fail", "incorrect", "false", "timed out", "I")


def json_path(field: str) -> str:
    """`meta.task` → `$.meta.task` (a field name with dots or quotes: `$."a.b"`)."""
    if field.startswith("$"):
        return field
    return "$." + ".".join('"' + p.replace('"', '\\"') + '"' for p in field.split("."))


def sql_list(words) -> str:
    return ", ".join("'" + w.replace("'", "''") + "'" for w in words)


def reduce(pattern: str, out: str, id_field: str, correct_field: str, model_field: str, benchmark_field: str,
           con: duckdb.DuckDBPyConnection) -> dict:
    """Writes the counts of the files matching `pattern` to `out`; returns what was read."""
    quoted = "'" + pattern.replace("'", "''") + "'"
    if pattern.endswith(".parquet"):
        # A Parquet row as a JSON object: one path for both kinds.
        rows = f"SELECT p.filename AS filename, to_json(p) AS json FROM read_parquet({quoted}, filename = true) p"
    else:
        rows = f"SELECT filename, json FROM read_json_objects({quoted}, format = 'newline_delimited', filename = true)"
    idp, cp, mp, bp = (json_path(f) for f in (id_field, correct_field, model_field, benchmark_field))
    con.execute(f"""
        CREATE OR REPLACE TEMP VIEW samples AS
        WITH raw AS ({rows}),
        fields AS (
            SELECT
                json_type(json, '{idp}') AS id_type,
                json ->> '{idp}' AS id,
                json_type(json, '{cp}') AS verdict_type,
                json ->> '{cp}' AS verdict,
                coalesce(json ->> '{bp}', 'all') AS benchmark,
                coalesce(json ->> '{mp}',
                         regexp_replace(regexp_replace(filename, '^.*[/\\\\]', ''),
                                        '(\\.(jsonl|json|parquet))?(\\.gz)?$', '')) AS model
            FROM raw
        )
        SELECT benchmark, model, id AS problem_id,
            CASE
                WHEN verdict_type = 'BOOLEAN' THEN verdict = 'true'
                WHEN verdict_type IN ('UBIGINT', 'BIGINT', 'DOUBLE') THEN CAST(verdict AS DOUBLE) > 0.5
                WHEN verdict_type = 'VARCHAR' AND (verdict IN ({sql_list(CORRECT)})) THEN true
                WHEN verdict_type = 'VARCHAR' AND (verdict IN ({sql_list(WRONG)}) OR starts_with(verdict, 'failed:')) THEN false
            END AS correct
        FROM fields
        WHERE id_type IN ('VARCHAR', 'UBIGINT', 'BIGINT')
    """)
    total = con.execute(f"SELECT count(*) FROM ({rows})").fetchone()[0]
    used = con.execute("SELECT count(*) FROM samples WHERE correct IS NOT NULL").fetchone()[0]
    con.execute(f"""
        COPY (
            SELECT benchmark, problem_id, model, count(*) AS n, CAST(sum(CASE WHEN correct THEN 1 ELSE 0 END) AS BIGINT) AS c
            FROM samples WHERE correct IS NOT NULL
            GROUP BY benchmark, model, problem_id
            ORDER BY benchmark, model, problem_id
        ) TO '{out.replace("'", "''")}' (FORMAT json)
    """)
    return {"records": total, "used": used, "left_out": total - used}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="a file or glob of JSON Lines (.jsonl, .jsonl.gz) or Parquet (.parquet) files")
    parser.add_argument("output", help="the counts file to write (JSON Lines)")
    parser.add_argument("--id", default="problem_id", help="the problem id's field (default: problem_id)")
    parser.add_argument("--correct", default="correct", help="the verdict's field (default: correct)")
    parser.add_argument("--model", default="model", help="the model's field (default: model; else the file name)")
    parser.add_argument("--benchmark", default="benchmark", help="the benchmark's field (default: benchmark; else all)")
    parser.add_argument("--threads", type=int, default=0, help="DuckDB threads (default: every core)")
    args = parser.parse_args()
    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads = {int(args.threads)}")
    try:
        seen = reduce(args.input, args.output, args.id, args.correct, args.model, args.benchmark, con)
    except duckdb.Error as e:
        print(f"duckdb_counts: {args.input}: {e}", file=sys.stderr)
        return 1
    print(f"duckdb_counts: {seen['records']} records, {seen['used']} samples counted, "
          f"{seen['left_out']} left out (no problem id, or a verdict that is not one)", file=sys.stderr)
    if seen["used"] == 0:
        print("duckdb_counts: nothing usable: check --id and --correct", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
