#!/usr/bin/env python3
"""Reduces per-sample results (JSON Lines, optionally .gz, or Parquet) to the counts the
passk-lens page and command line open: one JSON line per (benchmark, model, problem),
{"benchmark", "problem_id", "model", "n", "c"}. PySpark: runs in local mode on one machine, and
unchanged on a cluster (`spark-submit --master yarn recipes/spark_counts.py 'hdfs:///evals/*'
counts.jsonl`); only the counts come back to the driver.

    recipes/spark_counts.py 'runs/**/*.jsonl' counts.jsonl
    recipes/spark_counts.py 'evals/*.parquet' counts.jsonl --id task_id --correct passed

Fields, defaults and the verdict rule are duckdb_counts.py's (and passk-lens's): `problem_id`,
`correct`, optional `model` (else the file's name without its extensions) and `benchmark`
(else `all`); true, 1, "passed", "pass", "correct", "true", "C" are correct; false, 0, "failed",
"fail", "incorrect", "false", "timed out", "I", "failed: …" are not; another number is correct
above 0.5. Records without a problem id or a verdict (null, another string, a list, an object)
are left out and counted on standard error. Needs Spark 4 (its VARIANT type tells a JSON string from a number).
"""
import argparse
import json
import sys

from pyspark.sql import SparkSession, functions as F

CORRECT = ("passed", "pass", "correct", "true", "C")
WRONG = ("failed", "fail", "incorrect", "false", "timed out", "I")


def json_path(field: str) -> str:
    """`meta.task` → `$.meta.task`, as DuckDB's recipe reads it."""
    if field.startswith("$"):
        return field
    return "$." + ".".join(field.split("."))


def sql_str(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def samples(spark: SparkSession, pattern: str, id_field: str, correct_field: str, model_field: str,
            benchmark_field: str):
    """One row per record: benchmark, model, problem_id and correct (null: not a verdict)."""
    if pattern.endswith(".parquet"):
        raw = spark.read.parquet(pattern).select(F.to_json(F.struct("*")).alias("value"))
    else:
        raw = spark.read.text(pattern)
    raw = raw.withColumn("filename", F.input_file_name())
    v = raw.select("filename", F.expr("try_parse_json(value)").alias("v"))
    get = lambda path, kind="string": F.expr(f"try_variant_get(v, {sql_str(json_path(path))}, '{kind}')")
    kind = lambda path: F.expr(f"schema_of_variant(variant_get(v, {sql_str(json_path(path))}))")
    stem = F.regexp_replace(F.regexp_replace("filename", r"^.*[/\\]", ""), r"(\.(jsonl|json|parquet))?(\.gz)?$", "")
    fields = v.select(
        kind(id_field).alias("id_type"),
        get(id_field).alias("problem_id"),
        kind(correct_field).alias("verdict_type"),
        get(correct_field).alias("verdict"),
        get(correct_field, "double").alias("score"),
        F.coalesce(get(benchmark_field), F.lit("all")).alias("benchmark"),
        F.coalesce(get(model_field), stem).alias("model"),
    )
    numeric = F.col("verdict_type").isin("BIGINT", "INT", "SMALLINT", "TINYINT", "DOUBLE", "FLOAT") | \
        F.col("verdict_type").startswith("DECIMAL")
    is_string = F.col("verdict_type") == "STRING"
    correct = (
        F.when(F.col("verdict_type") == "BOOLEAN", F.col("verdict") == "true")
        .when(numeric, F.col("score") > 0.5)
        .when(is_string & F.col("verdict").isin(*CORRECT), F.lit(True))
        .when(is_string & (F.col("verdict").isin(*WRONG) | F.col("verdict").startswith("failed:")), F.lit(False))
    )
    return fields.where(F.col("id_type").isin("STRING", "BIGINT", "INT", "SMALLINT", "TINYINT")).select(
        "benchmark", "model", "problem_id", correct.alias("correct")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="a file, folder or glob of JSON Lines (.jsonl, .jsonl.gz) or Parquet (.parquet) files")
    parser.add_argument("output", help="the counts file to write (JSON Lines, on the driver)")
    parser.add_argument("--id", default="problem_id", help="the problem id's field (default: problem_id)")
    parser.add_argument("--correct", default="correct", help="the verdict's field (default: correct)")
    parser.add_argument("--model", default="model", help="the model's field (default: model; else the file name)")
    parser.add_argument("--benchmark", default="benchmark", help="the benchmark's field (default: benchmark; else all)")
    parser.add_argument("--master", default=None, help="Spark master when not run by spark-submit (default: local[*])")
    args = parser.parse_args()
    builder = SparkSession.builder.appName("passk-lens counts").config("spark.ui.enabled", "false")
    if args.master or not SparkSession.getActiveSession():
        builder = builder.master(args.master or "local[*]")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        rows = samples(spark, args.input, args.id, args.correct, args.model, args.benchmark).cache()
        total = spark.read.parquet(args.input).count() if args.input.endswith(".parquet") else spark.read.text(args.input).count()
        counts = (
            rows.where(F.col("correct").isNotNull())
            .groupBy("benchmark", "model", "problem_id")
            .agg(F.count("*").alias("n"), F.sum(F.col("correct").cast("int")).alias("c"))
            .orderBy("benchmark", "model", "problem_id")
        )
        used = 0
        with open(args.output, "w") as out:
            for r in counts.toLocalIterator():
                used += r["n"]
                line = {"benchmark": r["benchmark"], "problem_id": r["problem_id"], "model": r["model"], "n": r["n"], "c": r["c"]}
                out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
    except Exception as e:  # Spark's errors come in many classes; each is a message here.
        print(f"spark_counts: {args.input}: {e}", file=sys.stderr)
        return 1
    finally:
        spark.stop()
    print(f"spark_counts: {total} records, {used} samples counted, {total - used} left out "
          "(no problem id, or a verdict that is not one)", file=sys.stderr)
    if used == 0:
        print("spark_counts: nothing usable: check --id and --correct", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
