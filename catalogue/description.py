"""What a product description may contain, checked before anything is rendered.

The description is limited Markdown (paragraphs, lists, bold, italic, http(s)/mailto links).
Raw HTML or a link with another scheme is a validation *error*, so the secretary learns about it,
instead of the sanitiser silently dropping it at render time (the sanitiser still runs, as a
second wall: catalogue.markdown_text).
"""

from __future__ import annotations

import re

ALLOWED_SCHEMES = ("http", "https", "mailto")

# An HTML tag, comment or declaration: `<b>`, `</p>`, `<img src=x onerror=…>`, `<!-- -->`.
HTML_TAG = re.compile(r"<(?:!--|!?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])[^>]*>?|/[A-Za-z][A-Za-z0-9-]*\s*>)")
# Markdown autolink `<scheme:…>`
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
# Inline link or image `[text](target "title")` and reference definition `[id]: target`.
INLINE_LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^\s)>]*)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(\s|$)", re.MULTILINE)


def _scheme_ok(target: str) -> bool:
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", target)
    return bool(match) and match.group(1).lower() in ALLOWED_SCHEMES


def description_problems(markdown: str) -> list[tuple[str, dict]]:
    """(code, params) for everything the description may not contain, in text order."""
    found: list[tuple[int, str, dict]] = []
    without_autolinks = AUTOLINK.sub(lambda m: " " * len(m.group(0)), markdown)
    for match in AUTOLINK.finditer(markdown):
        if not _scheme_ok(match.group(1)):
            found.append((match.start(), "description_link", {"found": match.group(1)[:60]}))
    for match in HTML_TAG.finditer(without_autolinks):
        found.append((match.start(), "description_html", {"found": match.group(0)[:60]}))
    for match in INLINE_LINK.finditer(markdown):
        image, target = match.groups()
        if image:
            found.append((match.start(), "description_image", {"found": target[:60]}))
        elif not _scheme_ok(target):
            found.append((match.start(), "description_link", {"found": target[:60] or "(kosong)"}))
    for match in REFERENCE.finditer(markdown):
        if not _scheme_ok(match.group(1)):
            found.append((match.start(), "description_link", {"found": match.group(1)[:60]}))
    return [(code, params) for _, code, params in sorted(found, key=lambda f: f[0])]
