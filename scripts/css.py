#!/usr/bin/env python3
"""Trunk pre-build hook: writes style/main.css without its comments and spare whitespace to
target/site/main.css, which index.html links (the page's start-size budget; Trunk's own
minifier cannot be used: it breaks on the wasm-bindgen glue and changes the inline script that
scripts/csp.py hashes). The rules are conservative: whitespace runs become one space, and the
space around `{`, `}`, `;` and after `,` and `:` goes (the stylesheet has no `:` or `,` inside
a string, which `check` asserts)."""
import os
import re
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
src = os.path.join(root, "style", "main.css")
out_dir = os.path.join(root, "target", "site")
css = open(src, encoding="utf-8").read()
for string in re.findall(r'"[^"]*"', css):
    if ":" in string or "," in string or "  " in string:
        sys.exit(f"css.py: a string holds ':' or ',' or two spaces: {string}")
small = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
small = re.sub(r"\s+", " ", small)
small = re.sub(r"\s*([{};])\s*", r"\1", small)
small = re.sub(r",\s+", ",", small)
small = re.sub(r":\s+", ":", small)
os.makedirs(out_dir, exist_ok=True)
tmp = os.path.join(out_dir, "main.css.part")
with open(tmp, "w", encoding="utf-8") as f:
    f.write(small.strip() + "\n")
os.replace(tmp, os.path.join(out_dir, "main.css"))
