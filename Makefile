# passk-lens. The two commands a newcomer needs: `make serve` and `make test`.
# Both install whatever is missing first (scripts/setup.sh, registries only, idempotent).
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
WASM := --target wasm32-unknown-unknown
# Chromium under chromedriver leaves a ~100 MB scratch folder in $TMPDIR per test binary (the
# runner ends it without a clean quit): the browser tests keep theirs in target/, emptied each run.
BROWSER_TMP := $(CURDIR)/target/browser-tmp

.PHONY: setup serve dist test lint test-native test-recipes test-wasm e2e bench bench-big bench-cli cli

setup:
	@scripts/setup.sh

## Build and serve the page on http://127.0.0.1:8080 (rebuilds on change).
serve: setup
	@echo "passk-lens: serving on http://127.0.0.1:8080/"
	trunk serve --release

## The release site in dist/ (wasm-opt applied): copy it to any static host.
dist: setup
	trunk build --release
	@scripts/size.sh

## Everything CI checks: format, lints (host and wasm32), native tests, browser tests, the
## release build and the end-to-end suite against it.
test: setup lint test-native test-recipes test-wasm dist e2e

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets $(WASM) -- -D warnings

test-native:
	cargo test

## The engine recipes against the command line built by test-native (DuckDB, PySpark).
test-recipes:
	python3 recipes/test_recipes.py

test-wasm:
	rm -rf $(BROWSER_TMP) && mkdir -p $(BROWSER_TMP)
	TMPDIR=$(BROWSER_TMP) cargo test $(WASM) --test web --test web_worker
	rm -rf $(BROWSER_TMP)

e2e:
	playwright test

## Performance figures (not a test): criterion natively, then the same work timed in headless
## Chromium. Copy the printed table into BENCHMARKS.md with the date and machine.
bench: setup
	cargo bench --bench stats -- --noplot 2>&1 | grep -E '^[a-z].*|time:'
	rm -rf $(BROWSER_TMP) && mkdir -p $(BROWSER_TMP)
	TMPDIR=$(BROWSER_TMP) WASM_BINDGEN_TEST_TIMEOUT=900 cargo test --release $(WASM) --test web_bench -- --nocapture 2>&1 | grep BENCH
	rm -rf $(BROWSER_TMP)
	trunk build --release
	mkdir -p target/bench
	scripts/bench_data.py target/bench/paper-500mb.jsonl 512
	python3 -c 'import numpy' 2>/dev/null || pip install --quiet numpy
	scripts/bench_python.py target/bench/paper-500mb.jsonl
	scripts/bench_eval.py target/bench/inspect-1gb.eval 1024
	scripts/bench_parquet.py target/bench/table-1gb.parquet 1024
	scripts/bench_maj_data.py target/bench/maj-8x1000x1024.jsonl
	# Four 500 MB files for the worker pool: links to one, under four names (four models).
	for x in a b c d; do ln -f target/bench/paper-500mb.jsonl target/bench/four-$$x.jsonl; done
	[ -f target/bench/paper-500mb.jsonl.gz ] || gzip -1 -k -c target/bench/paper-500mb.jsonl > target/bench/paper-500mb.jsonl.gz
	cargo run --quiet --release --example index_memory -- target/bench/paper-500mb.jsonl target/bench/inspect-1gb.eval target/bench/table-1gb.parquet
	BENCH=1 BENCH_FILE=target/bench/paper-500mb.jsonl BENCH_EVAL_FILE=target/bench/inspect-1gb.eval \
	  BENCH_GZ_FILE=target/bench/paper-500mb.jsonl.gz \
	  BENCH_PARQUET_FILE=target/bench/table-1gb.parquet \
	  BENCH_MAJ_FILE=target/bench/maj-8x1000x1024.jsonl \
	  BENCH_FOUR=$$(echo target/bench/four-{a,b,c,d}.jsonl | tr ' ' ,) \
	  playwright test bench --workers 1 2>&1 | grep BENCH

## The command line, built for speed (target/cli/passk-lens); `cargo install --path
## crates/passk-lens-cli --profile cli` puts it on the PATH.
cli:
	cargo build -p passk-lens-cli --profile cli

## The command line against the Python reference, its memory on a 20 GB stream, and the
## engine recipes on a 2 GB per-sample file (written to target/bench once).
bench-cli: setup cli
	mkdir -p target/bench
	scripts/bench_data.py target/bench/paper-500mb.jsonl 512
	scripts/bench_cli.py target/cli/passk-lens target/bench/paper-500mb.jsonl target/bench/per-sample-2gb.jsonl 2>&1 | grep BENCH

## The same load with a 2 GB file, for the tab's peak memory (writes 2 GB to target/bench).
bench-big: setup
	trunk build --release
	mkdir -p target/bench
	scripts/bench_data.py target/bench/paper-2gb.jsonl 2048
	BENCH=1 BENCH_FILE=/dev/null BENCH_BIG_FILE=target/bench/paper-2gb.jsonl playwright test bench -g '2 GB' --workers 1 2>&1 | grep BENCH
