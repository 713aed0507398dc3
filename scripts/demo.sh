#!/usr/bin/env bash
# Trunk pre-build hook: builds the site's demo (the MATH500 pair's counts as a share link opens them, and
# the statistics of its first view) from ../shared/data, so that the data is never committed.
# Without the shared data the site is built with no demo (empty files): the page opens empty.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/site
mkdir -p "$out"
counts=../shared/data/math500-qwen25-7b-vs-simplerl/counts.jsonl
if [ -f "$counts" ]; then
  cargo run --quiet --example demo_link -- "$counts" "$out/demo.snapshot.part" > "$out/demo.file.part"
  mv "$out/demo.snapshot.part" "$out/demo.snapshot"
  mv "$out/demo.file.part" "$out/demo.file"
else
  echo "demo.sh: $counts not found: building without a demo" >&2
  : > "$out/demo.file"
  : > "$out/demo.snapshot"
fi
