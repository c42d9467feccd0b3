"""Product descriptions: limited Markdown in, safe HTML out.

Two walls, one module:

- `find_description_problems(md)` is what the validator calls: raw HTML (tags, comments) and
  links other than http(s)/mailto are reported, never quietly dropped, so the cooperative
  learns why its text looks different on the site.
- `render_description(md)` is what the pages call: Python-Markdown, then the nh3 allowlist
  (p, br, ul, ol, li, strong, em, a[href] with http/https/mailto). Even if a bad description
  slipped past validation, nothing outside that allowlist reaches a page.

Secretaries type these on phones, so a list may start right under a sentence without the
blank line Markdown wants. Single new lines join into one paragraph, as Markdown says: the
sample files wrap long sentences, and breaking lines there would look broken.
"""

from __future__ import annotations

import html
import re
import threading
import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

# The whole href must start with one of these; anything else (javascript:, data:, relative
# paths, "//host", obfuscated schemes with tabs or entities) is a problem.
_SAFE_HREF = re.compile(r"(?i)^(?:https?://[^\s]|mailto:[^\s])")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")


def _loosen_lists(md: str) -> str:
    """Insert the blank line Markdown wants before a list that follows a paragraph line."""
    out: list[str] = []
    for line in md.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if _LIST_ITEM.match(line) and out and out[-1].strip() and not _LIST_ITEM.match(out[-1]):
            # Only when the previous line is ordinary text, not a list item or its continuation.
            if not out[-1].startswith((" ", "\t")):
                out.append("")
        out.append(line)
    return "\n".join(out)


class _Collector(markdown.treeprocessors.Treeprocessor):
    """Records the links and images the Markdown produced (run after inline patterns)."""

    def run(self, root: etree.Element) -> None:
        # Automatic e-mail links come entity-encoded behind a placeholder; decode them so the
        # check sees the address a browser would follow (and `&#106;avascript:` is caught).
        # Each link is kept as (followed, as typed): a message quotes what the author wrote.
        typed = [el.get("href", "").replace(markdown.util.AMP_SUBSTITUTE, "&") for el in root.iter("a")]
        self.md.opop_links = [(html.unescape(href), href) for href in typed]
        self.md.opop_images = [el for el in root.iter("img")]


class _CollectorExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After "inline" (20) so links exist, and after "unescape" (0) so backslash escapes
        # are back to the characters the author typed.
        md.treeprocessors.register(_Collector(md), "opop_collect", -1)


_LOCAL = threading.local()


def _markdown() -> markdown.Markdown:
    """One converter per thread, reset before each text: building a Markdown instance costs
    about as much as converting a short description, and a build converts every description
    in every language (reset() is Python-Markdown's documented way to convert many texts)."""
    converter = getattr(_LOCAL, "converter", None)
    if converter is None:
        converter = _LOCAL.converter = markdown.Markdown(
            extensions=["sane_lists", _CollectorExtension()], output_format="html")
    return converter.reset()


def _convert(md: str) -> tuple[str, markdown.Markdown]:
    converter = _markdown()
    html = converter.convert(_loosen_lists(md))
    return html, converter


def _raw_html(converter: markdown.Markdown) -> list[str]:
    """Raw HTML the parser met, block or inline. Entities (&amp;) are stashed too: ignore."""
    found = []
    for chunk in converter.htmlStash.rawHtmlBlocks:
        text = str(chunk).strip()
        if text.startswith("<"):
            found.append(text)
    return found


def find_description_problems(md: str) -> list[tuple[str, dict[str, str]]]:
    """Every reason this description would not show as written, grouped by kind.

    Returns (code, params) pairs, judged by the same parser that renders the page:
    ("description_html", {"found": "<tag …>"}) for raw HTML or an HTML comment,
    ("description_image", {"found": "![alt](src)"}) for a Markdown image, and
    ("description_link", {"found": url}) for a link that is not http(s):// or mailto:, `url`
    as a browser follows it (see `link_as_written` for what the author typed).
    """
    _, converter = _convert(md)
    problems: list[tuple[str, dict[str, str]]] = []
    tags = [text.split(">", 1)[0] + ">" if ">" in text else text for text in _raw_html(converter)]
    opening = [tag for tag in tags if not tag.startswith("</")]
    # "<b>x</b>" is one mistake, not two: closing tags only count when nothing else does.
    for tag in opening or tags:
        problems.append(("description_html", {"found": _shorten(tag)}))
    for img in converter.opop_images:
        problems.append(("description_image", {"found": _shorten(f"![{img.get('alt', '')}]({img.get('src', '')})")}))
    for href, _ in converter.opop_links:
        if not _SAFE_HREF.match(href):
            problems.append(("description_link", {"found": _shorten(href)}))
    return problems


def link_as_written(md: str, found: str) -> str:
    """A refused link, `found` as `find_description_problems` gives it, the way the author
    typed it in `md` (`&#106;avascript:…` rather than `javascript:…`), so a message can quote
    it and point at it; `found` itself when the typed form is not in `md` as such."""
    _, converter = _convert(md)
    for href, typed in converter.opop_links:
        if _shorten(href) == found and typed in md:
            return _shorten(typed)
    return found


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _keep_safe_href(tag: str, attr: str, value: str) -> str | None:
    if tag == "a" and attr == "href":
        return value if _SAFE_HREF.match(value) else None
    return value


@lru_cache(maxsize=8192)
def render_description(md: str) -> Markup:
    """The description as sanitised HTML, safe to embed in a page. Remembered per text: a
    page in a language without a translation shows the Indonesian text rendered once."""
    html, _ = _convert(md)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_safe_href,
        url_schemes=ALLOWED_SCHEMES,
        url_relative="deny",
        link_rel="nofollow noopener noreferrer ugc",
        strip_comments=True,
    )
    return Markup(clean.strip())
