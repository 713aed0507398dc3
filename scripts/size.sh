#!/usr/bin/env bash
# Prints the gzip size of the built site's wasm + js + css and fails over the 400 KB budget.
set -euo pipefail
cd "$(dirname "$0")/../dist"
budget=$((400 * 1024))
total=0
for f in *.wasm *.js *.css; do
  size=$(gzip -9 -c "$f" | wc -c)
  printf '  %-40s %8d bytes raw, %7d gzipped\n' "$f" "$(wc -c < "$f")" "$size"
  total=$((total + size))
done
printf 'site (wasm + js + css), gzipped: %d bytes of a %d budget\n' "$total" "$budget"
[ "$total" -le "$budget" ] || { echo "over the size budget" >&2; exit 1; }
