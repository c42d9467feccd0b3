"""HTML fragments from the catalogue's own Jinja templates (catalogue/templates/).

This environment autoescapes: every product value is escaped unless it is `Markup` (the
sanitised description, icons). MkDocs' own Jinja does not autoescape, which is why product
HTML is rendered here and handed to MkDocs as finished raw HTML.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

_ENV = Environment(
    loader=PackageLoader("catalogue", "templates"),
    autoescape=True,
    undefined=StrictUndefined,  # a missing value is a bug: fail the build, not show blank
    trim_blocks=True,
    lstrip_blocks=True,
)

# The shared icon sprite (catalogue/theme/assets/images/opop-icons.svg): the name of each
# symbol and its viewBox, which the <svg> that shows it repeats for its aspect ratio.
SPRITE = "assets/images/opop-icons.svg"
SPRITE_ICONS = {"logo": "0 0 24 24", "menu": "0 0 24 24", "translate": "0 0 24 24", "search": "0 0 24 24",
                "whatsapp": "0 0 448 512", "email": "0 0 24 24", "print": "0 0 24 24"}
_ENV.globals.update(sprite_path=SPRITE, sprite_icons=SPRITE_ICONS)

_BLANK_LINES = re.compile(r"\n\s*\n+")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def render(template: str, **context: object) -> Markup:
    """Render `template` to one HTML block with no blank lines.

    Blank lines are dropped because the block is embedded in Markdown as raw HTML, and a
    Markdown reader is safest when a raw block has none (no <pre> is ever generated).
    """
    html = _ENV.get_template(template).render(**context)
    return Markup(_BLANK_LINES.sub("\n", html).strip())


_PERCENT_UTF8 = re.compile(r"(?:%[CDEF][0-9A-F]%[89AB][0-9A-F](?:%[89AB][0-9A-F]){0,2})+", re.I)


def _readable(match: re.Match) -> str:
    """One run of percent-encoded UTF-8, as characters where that is safe to show."""
    try:
        text = bytes.fromhex(match.group().replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        return match.group()
    # Letters, marks, digits and punctuation only: never a space, control, bidi or other
    # format character (which could disguise the address), never anything ASCII.
    if all(unicodedata.category(ch)[0] in "LMNP" for ch in text):
        return text
    return "".join(ch if unicodedata.category(ch)[0] in "LMNP" else quote(ch, safe="") for ch in text)


def iri(url: str) -> str:
    """`url` with its percent-encoded non-ASCII letters written as the letters themselves.

    An Arabic WhatsApp message is 6 bytes a letter encoded (%D8%A7) and 2 as UTF-8: the three
    wa.me links of an Arabic product page were 2.5 KB (issue 17). Browsers encode them back
    to the same bytes before following the link (WHATWG URL: query and path are
    percent-encoded as UTF-8), so the address is unchanged; ASCII stays encoded as it was.
    """
    return _PERCENT_UTF8.sub(_readable, url)


_ENV.filters["iri"] = iri


@cache
def icon(name: str) -> Markup:
    """An inline SVG from Material's icon set (e.g. "fontawesome/brands/whatsapp"),
    marked decorative: the text next to it says what the button does."""
    svg = (resources.files("material") / "templates" / ".icons" / f"{name}.svg").read_text("utf-8")
    svg = _COMMENT.sub("", svg)  # the licence comment, ~200 bytes per use; credited in docs
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1).strip())
