"""HTML fragments from the catalogue's own Jinja templates (catalogue/templates/).

This environment autoescapes: every product value is escaped unless it is `Markup` (the
sanitised description, icons). MkDocs' own Jinja does not autoescape, which is why product
HTML is rendered here and handed to MkDocs as finished raw HTML.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

_ENV = Environment(
    loader=PackageLoader("catalogue", "templates"),
    autoescape=True,
    undefined=StrictUndefined,  # a missing value is a bug: fail the build, not show blank
    trim_blocks=True,
    lstrip_blocks=True,
)

_BLANK_LINES = re.compile(r"\n\s*\n+")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def render(template: str, **context: object) -> Markup:
    """Render `template` to one HTML block with no blank lines.

    Blank lines are dropped because the block is embedded in Markdown as raw HTML, and a
    Markdown reader is safest when a raw block has none (no <pre> is ever generated).
    """
    html = _ENV.get_template(template).render(**context)
    return Markup(_BLANK_LINES.sub("\n", html).strip())


@cache
def icon(name: str) -> Markup:
    """An inline SVG from Material's icon set (e.g. "fontawesome/brands/whatsapp"),
    marked decorative: the text next to it says what the button does."""
    svg = (resources.files("material") / "templates" / ".icons" / f"{name}.svg").read_text("utf-8")
    svg = _COMMENT.sub("", svg)  # the licence comment, ~200 bytes per use; credited in docs
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1).strip())
