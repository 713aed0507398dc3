#!/usr/bin/env bash
# Prints the gzip size of the code the page loads to show the demo (its wasm + js + css) and
# fails over the 400 KB budget. The demo's data (its link and precomputed statistics), the
# workers' wasm (passk-lens-worker*: every reader and the statistics, started beside the first
# chart) and the Parquet reader (only for Parquet files) are printed apart, not counted.
set -euo pipefail
cd "$(dirname "$0")/../dist"
budget=$((400 * 1024))
total=0
worker=0
parquet=0
demo=0
for f in *.wasm *.js *.css demo.*; do
  size=$(gzip -9 -c "$f" | wc -c)
  case "$f" in
    passk-lens-worker*|ingest-worker.js) kind="worker"; worker=$((worker + size)) ;;
    passk-lens-parquet*) kind="parquet"; parquet=$((parquet + size)) ;;
    demo.*) kind="demo"; demo=$((demo + size)) ;;
    *) kind="page"; total=$((total + size)) ;;
  esac
  printf '  %-6s %-44s %8d bytes raw, %7d gzipped\n' "$kind" "$f" "$(wc -c < "$f")" "$size"
done
printf 'page (wasm + js + css), gzipped: %d bytes of a %d budget\n' "$total" "$budget"
printf "the demo's data (link and first view's statistics), gzipped: %d bytes\n" "$demo"
printf 'workers (readers, statistics), started beside the first chart, gzipped: %d bytes\n' "$worker"
printf 'Parquet reader, loaded when a Parquet file is read, gzipped: %d bytes\n' "$parquet"
[ "$total" -le "$budget" ] || { echo "over the size budget" >&2; exit 1; }
