#!/usr/bin/env bash
# Installs everything passk-lens needs to build, serve and test, from package registries only
# (crates.io, npm, Debian). Idempotent: each step checks first, so a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must match the wasm-bindgen the crate is built with, exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in clippy rustfmt; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (a few minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# The browser is for the tests; a site-only build (the Pages workflow) sets SETUP_NO_BROWSER=1.
if [ -z "${SETUP_NO_BROWSER:-}" ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  say "installing Debian's chromium and chromium-driver"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Playwright (driving /usr/bin/chromium, never downloading a browser) and binaryen's wasm-opt.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

# pyarrow and zstandard write the Parquet test fixtures (tests/fixtures/make_parquet.py), the
# fuzz seeds (fuzz/seeds/make_seeds.py) and the benchmark's large .eval and Parquet files.
if ! python3 -c 'import pyarrow, zstandard' 2>/dev/null; then
  say "installing pyarrow and zstandard (Python, from PyPI)"
  python3 -m pip install --quiet --disable-pip-version-check pyarrow zstandard
fi

# The engine recipes (recipes/) and their tests: DuckDB and PySpark from PyPI, numpy for the
# Python reference of `make bench`, and a Java runtime from Debian for Spark.
if ! python3 -c 'import duckdb, pyspark, numpy' 2>/dev/null; then
  say "installing duckdb, pyspark and numpy (Python, from PyPI)"
  python3 -m pip install --quiet --disable-pip-version-check duckdb pyspark numpy
fi
if ! command -v java >/dev/null; then
  say "installing a Java runtime for Spark (Debian's default-jre-headless)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi

# Trunk builds offline: every crate must already be in the local registry.
cargo fetch --locked --quiet
