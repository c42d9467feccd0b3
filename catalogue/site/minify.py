"""Whitespace-only minification of a finished page (issue 17: a product page ≤ 20 KB).

Material's templates indent every line and leave the blank lines of their Jinja tags: about
4 KB of a 40 KB product page. A browser collapses any run of white space in text to one space,
so each run becomes one character (a newline where the run had one, which keeps the output
readable in a diff), and the page looks and reads exactly the same.

Deliberately not a full minifier (minify-html and the like): those drop attribute quotes and
optional closing tags, rewrite inline scripts (whose SHA-256 the Content-Security-Policy pins,
catalogue/site/csp.py) and change with every release. This is one regular expression over
text between tags: pure, deterministic, idempotent (a page from the page cache passes again
unchanged) and it never touches

- anything inside a tag (attribute values keep their spaces and newlines),
- comments, and the contents of <pre>, <textarea>, <script> and <style>, where white space
  is significant or belongs to another language,
- non-breaking and other Unicode spaces (only ASCII space, tab, CR, LF and FF are white space
  to HTML: https://infra.spec.whatwg.org/#ascii-whitespace).
"""

from __future__ import annotations

import re

# What is left alone, whole: a comment, a raw or preformatted element with its contents, or
# one tag with its attributes (quoted values may hold ">").
_KEEP = re.compile(r"""
    <!--.*?-->
  | <(pre|textarea|script|style)\b(?:[^>"']|"[^"]*"|'[^']*')*>.*?</\1\s*>
  | <[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>
""", re.S | re.I | re.X)
_RUN = re.compile(r"[ \t\n\r\f]{2,}|[\t\r\f]")


def _collapse(run: re.Match) -> str:
    return "\n" if "\n" in run.group() else " "


def minify(html: str) -> str:
    """`html` with every run of white space between tags reduced to one character."""
    out, end = [], 0
    for kept in _KEEP.finditer(html):
        out.append(_RUN.sub(_collapse, html[end:kept.start()]))
        out.append(kept.group())
        end = kept.end()
    out.append(_RUN.sub(_collapse, html[end:]))
    return "".join(out).lstrip(" \t\n\r\f")
