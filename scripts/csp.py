#!/usr/bin/env python3
"""Trunk post-build hook: writes the Content-Security-Policy <meta> into the built index.html.

The policy lets the page talk to its own origin only (connect-src 'self'): a user's files can
never be sent anywhere. Trunk's inline module script (it names the content-hashed wasm) is
allowed by its SHA-256, computed here because it changes with every build.
"""
import base64
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
path = os.path.join(staging, "index.html")
html = open(path, encoding="utf-8").read()
scripts = re.findall(r"<script type=\"module\">(.*?)</script>", html, flags=re.S)
if len(scripts) != 1:
    sys.exit(f"csp.py: expected one inline module script in {path}, found {len(scripts)}")
digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
policy = "; ".join(
    [
        "default-src 'none'",
        f"script-src 'self' 'wasm-unsafe-eval' 'sha256-{digest}'",
        # Leptos and the tooltips set style attributes.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "worker-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)
meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}" />'
html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', "", html)
html = html.replace('<meta charset="utf-8" />', f'<meta charset="utf-8" />\n    {meta}', 1)
if meta not in html:
    sys.exit("csp.py: no <meta charset> to put the policy after")
open(path, "w", encoding="utf-8").write(html)
