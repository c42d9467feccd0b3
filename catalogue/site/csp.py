"""The Content-Security-Policy of every page, written in a <meta> (theme/partials/csp.html).

GitHub Pages sets no response headers, so the policy travels in the page, first in <head>
(a <meta> policy governs only what comes after it). It says what may run and load:

- script-src: our files and Material's bundle ('self'); Pagefind's WebAssembly
  ('wasm-unsafe-eval': compiling WebAssembly, not JavaScript eval); and Material's two inline
  scripts by their SHA-256 (partials/javascripts/base.html and content.html). Their hashes are
  computed by rendering those partials with the page's own context, so they match the bytes
  Material writes on that page, whatever its depth (the first script embeds the relative base
  URL). No 'unsafe-inline': a script that got into a page anyway (the templates escape every
  product text) would not run.
- style-src 'unsafe-inline': style attributes (Markdown table alignment, chart bars, Material's
  icon fills) need it; hashing them would need CSP 3's 'unsafe-hashes', which Firefox only has
  since 2024, and CSS cannot run code.
- img-src data: Material draws its icons in CSS as data: SVG masks. With a photo site
  (photo_base_url, catalogue/site/photo_site.py) its one origin is added: photos only.
- connect-src / worker-src 'self': Pagefind fetches its index in a web worker.
- object-src 'none', base-uri 'self', form-action 'self' (the header search form).
  frame-ancestors is ignored in a <meta>; it would need a response header.

tests/test_csp.py opens every kind of page in Chromium and fails on any violation report.
"""

from __future__ import annotations

import base64
import hashlib
import re

from jinja2 import pass_context

INLINE_PARTIALS = ("partials/javascripts/base.html", "partials/javascripts/content.html")
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def policy_for(hashes: list[str], photo_origin: str = "") -> str:
    directives = [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(sorted(set(hashes))),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:" + (f" {photo_origin}" if photo_origin else ""),
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(d.strip() for d in directives)


@pass_context
def policy(context) -> str:
    """The policy for the page being rendered (a Jinja global: `opop_csp()`)."""
    values = dict(context.get_all())
    config = values.get("config")
    if "features" not in values and config is not None:  # set by base.html, not in the context
        values["features"] = (config.theme.get("features") if hasattr(config.theme, "get") else None) or []
    hashes = []
    for name in INLINE_PARTIALS:
        html = context.environment.get_template(name).render(values)
        hashes += [script_hash(body) for body in _SCRIPT.findall(html)]
    return policy_for(hashes, values.get("opop_photo_origin") or "")
