"""Horizontal bar charts drawn at build time as inline SVG, with an HTML table alternative.

Contract:
- Output is a deterministic string: same arguments, same bytes. Rows are drawn in the given
  order (callers sort; stats.py sorts by count, then label).
- Every label and link is XML-escaped (labels can come from product files), and characters
  XML 1.0 forbids are dropped, so the SVG always parses.
- Accessible: without links, role="img" with <title> and <desc> (the desc spells every value
  out). With links, an image would hold controls that a screen reader cannot reach (axe
  nested-interactive), so the chart is role="group" named by its <title>, and each bar is a
  link in the Tab order, named by its two texts ("Makanan 5"). `chart_table` gives the same
  numbers and links as a table, which should sit next to the chart.
- Phone first: a 360-unit-wide viewBox with each label on its own line above its bar, so
  long kabupaten names fit a 390 px screen; width follows the container (capped at 36rem).
- Colours follow the Material theme: bars use --md-primary-fg-color (fallback Material's
  default indigo), text uses currentColor, so dark mode works without a second chart.

Embed the result inside a block element (e.g. <figure>) and mark it safe for Jinja
(markupsafe.Markup); bare in Markdown it would be wrapped in <p> and "*" in labels would
turn into emphasis. Nothing is fetched at run time.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from html import escape

WIDTH = 360  # viewBox units; ≈ CSS px on a 390 px phone after the page's side margins
PAD = 4
ROW = 44  # label line + bar + gap
FONT = 14
BAR_HEIGHT = 16
VALUE_SPACE = 56  # room right of the longest bar for its number ("12.345")
MAX_LABEL = 44  # characters that fit one line at FONT in WIDTH; the rest goes to the desc
BAR_STYLE = "fill:var(--md-primary-fg-color,#4051b5)"

_SCHEME = re.compile(r"\s*[a-zA-Z][a-zA-Z0-9+.-]*:")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    """Escaped for XML/HTML text and attributes (quotes included)."""
    return escape(_NOT_XML.sub("", value), quote=True)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _check(rows: list[tuple[str, int]], href: list[str] | None) -> None:
    if href is not None and len(href) != len(rows):
        raise ValueError(f"href has {len(href)} links for {len(rows)} rows")
    for link in href or ():
        # Links are built by the site, never taken from product files; a "javascript:" or
        # "data:" address here is a bug, so refuse it rather than escape it.
        if _SCHEME.match(link) and not link.lower().startswith(("http://", "https://")):
            raise ValueError(f"only relative or http(s) links: {link!r}")
    if any(value < 0 for _, value in rows):
        raise ValueError("bar values must be 0 or more")


def chart_id(title: str, rows: list[tuple[str, int]]) -> str:
    """A stable id for aria-labelledby, distinct for charts with different content."""
    digest = hashlib.sha256(repr((title, rows)).encode("utf-8")).hexdigest()[:10]
    return f"chart-{digest}"


def bar_chart(title: str, rows: list[tuple[str, int]], *, href: list[str] | None = None,
              format_value: Callable[[int], str] = str) -> str:
    """One horizontal bar per row, labelled with its label and value.

    `href`, when given, has one link per row (site-relative or absolute). `format_value`
    writes the numbers, e.g. `lambda n: formatting.number(n, lang)` for "1.200".
    """
    _check(rows, href)
    ident = chart_id(title, rows)
    desc = "; ".join(f"{label}: {format_value(value)}" for label, value in rows) or "-"
    height = PAD * 2 + ROW * max(len(rows), 1)
    top = max((value for _, value in rows), default=0)
    span = WIDTH - 2 * PAD - VALUE_SPACE
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="opop-chart" viewBox="0 0 {WIDTH} {height}"'
        f' width="100%" style="max-width:36rem;height:auto"'
        + (f' role="img" aria-labelledby="{ident}-title {ident}-desc">' if href is None
           else f' role="group" aria-labelledby="{ident}-title">'),
        f'<title id="{ident}-title">{_text(title)}</title>',
        f'<desc id="{ident}-desc">{_text(desc)}</desc>',
    ]
    for index, (label, value) in enumerate(rows):
        y = PAD + index * ROW
        width = round(span * value / top, 1) if top else 0
        row = (
            f'<g class="opop-chart-row">'
            f'<text x="{PAD}" y="{y + FONT + 2}" font-size="{FONT}" fill="currentColor">{_text(_short(label))}</text>'
            f'<rect class="opop-chart-bar" x="{PAD}" y="{y + 22}" width="{width:g}" height="{BAR_HEIGHT}" rx="2" style="{BAR_STYLE}"/>'
            f'<text x="{PAD + width + 6:g}" y="{y + 22 + BAR_HEIGHT - 3}" font-size="{FONT}" fill="currentColor">{_text(format_value(value))}</text>'
            f"</g>"
        )
        if href is not None:
            row = f'<a href="{_text(href[index])}">{row}</a>'
        parts.append(row)
    parts.append("</svg>")
    return "\n".join(parts)


def chart_table(rows: list[tuple[str, int]], *, caption: str | None = None,
                headers: tuple[str, str] = ("Nama", "Jumlah"), href: list[str] | None = None,
                format_value: Callable[[int], str] = str) -> str:
    """The same data as an HTML table: the chart's text alternative, and where its links
    are reachable by keyboard. Everything escaped; no blank lines (safe as raw HTML)."""
    _check(rows, href)
    parts = ['<table class="opop-chart-table">']
    if caption:
        parts.append(f"<caption>{_text(caption)}</caption>")
    parts.append(f'<thead><tr><th scope="col">{_text(headers[0])}</th><th scope="col">{_text(headers[1])}</th></tr></thead>')
    parts.append("<tbody>")
    for index, (label, value) in enumerate(rows):
        name = _text(label)
        if href is not None:
            name = f'<a href="{_text(href[index])}">{name}</a>'
        parts.append(f'<tr><th scope="row">{name}</th><td>{_text(format_value(value))}</td></tr>')
    parts.append("</tbody>")
    parts.append("</table>")
    return "\n".join(parts)
