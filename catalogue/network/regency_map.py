"""The producers' map: the province's regencies as inline SVG, without a tile server.

Shapes come from the map file the region file names (catalogue/region.py; made once by
bench/make_map.py from the MIT-licensed boundaries; the notice is
catalogue/regions/LICENSE-boundaries.txt). A province without one has no map: both drawings
are then empty and the pages show the regencies as tiles only. Two drawings:

- `producers_map`: every regency a link to its page, shaded by its number of products, with
  the number written on it (colour is never the only cue), an accessible name and
  description, and a legend. Its regions are links, so the SVG is not `role="img"`; the page
  shows the same numbers as a table for screen readers (templates/_map.html).
- `locator_map`: a small picture (`role="img"`) with one regency highlighted and, when the
  pesantren gave its location, a dot there.

All text is escaped here (Markup.format); no I/O but reading the shapes once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup

from catalogue import region

SPRITE_URL = "assets/peta-lokasi.svg"  # site-relative; written by the build (locator_sprite)
# Fill per level: level 0 (no product) to 4 (the most), light to dark green; text stays
# readable on each (dark text on the light ones, white on the dark ones).
LEVEL_FILLS = ("#eceff1", "#c8e6c9", "#81c784", "#388e3c", "#1b5e20")
LEVEL_TEXT = ("#37474f", "#1b3a1d", "#10240f", "#ffffff", "#ffffff")


def shapes() -> dict:
    """The active province's map: viewBox, projection, per-regency path and label point."""
    return region.current().shapes()


def has_map() -> bool:
    return bool(shapes())


def is_wide() -> bool:
    """A province wider than tall (Jawa Timur: 600 × 370) gets more width on the page than a
    tall one (Kalimantan Selatan: 600 × 779), so that its regencies are as large."""
    _, _, width, height = shapes()["viewBox"]
    return width > 1.2 * height


@dataclass(frozen=True)
class Region:
    code: str  # Kemendagri code, "63.03"
    name: str  # in the page's language
    count: int  # products
    url: str | None  # the regency page, relative to the current page; None: no page (no product)
    label: str  # what a screen reader hears for the link: "Kabupaten Banjar: 3 produk"


def levels(counts: list[int]) -> list[tuple[int, int]]:
    """The legend's bands (lowest, highest) for levels 1–4, from the catalogue's own counts:
    1, then up to three equal steps to the largest count (fewer when the largest is small)."""
    top = max(counts, default=0)
    if top <= 0:
        return []
    if top <= 4:
        return [(n, n) for n in range(1, top + 1)]
    edges = [1] + [math.ceil(top * k / 4) for k in (1, 2, 3)] + [top]
    bands, low = [], 1
    for high in edges[1:]:
        if high >= low:
            bands.append((low, high))
            low = high + 1
    return bands


def level_of(count: int, bands: list[tuple[int, int]]) -> int:
    if count <= 0:
        return 0
    for index, (low, high) in enumerate(bands, 1):
        if low <= count <= high:
            return index
    return len(bands)


def _view_box() -> str:
    return " ".join(str(n) for n in shapes()["viewBox"])


def producers_map(regions: list[Region], *, title: str, description: str, highlight: str | None = None,
                  map_id: str = "peta") -> Markup:
    """The interactive map; `highlight` outlines one regency (its own page)."""
    if not has_map():
        return Markup("")
    bands = levels([r.count for r in regions])
    areas = []
    for region in regions:
        shape = shapes()["regencies"].get(region.code)
        if shape is None:
            continue
        level = level_of(region.count, bands)
        current = region.code == highlight
        drawing = Markup(
            '<path d="{d}" fill="{fill}" stroke="#ffffff" stroke-width="2" class="opop-map__area{cls}"/>'
            '<text x="{x}" y="{y}" fill="{ink}" font-size="22" font-weight="700" text-anchor="middle" '
            'dominant-baseline="middle" class="opop-map__count" aria-hidden="true">{count}</text>'
        ).format(d=shape["path"], fill=LEVEL_FILLS[level], cls=" opop-map__area--current" if current else "",
                 x=shape["label"][0], y=shape["label"][1], ink=LEVEL_TEXT[level], count=region.count)
        if region.url is None:  # no product, no page: drawn, not a link
            areas.append(Markup('<g class="opop-map__empty">{}</g>').format(drawing))
        else:
            areas.append(Markup('<a href="{url}" aria-label="{label}"{current} class="opop-map__link">{drawing}</a>').format(
                url=region.url, label=region.label, current=Markup(' aria-current="page"') if current else "",
                drawing=drawing))
    return Markup(
        '<svg class="opop-map__svg{wide}" viewBox="{box}" aria-labelledby="{id}-title {id}-desc" focusable="false">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>{areas}</svg>'
    ).format(box=_view_box(), id=map_id, wide=" opop-map__svg--wide" if is_wide() else "", title=title, description=description, areas=Markup("").join(areas))


def legend(regions: list[Region], unit: str, none: str) -> list[tuple[str, str]]:
    """(fill colour, text) per legend entry: "0" (`none`) and each band ("2–3 produk")."""
    bands = levels([r.count for r in regions])
    entries = [(LEVEL_FILLS[0], none)]
    for index, (low, high) in enumerate(bands, 1):
        entries.append((LEVEL_FILLS[index], f"{low} {unit}" if low == high else f"{low}–{high} {unit}"))
    return entries


def locator_sprite() -> str:
    """The SVG file the locator maps draw from (served once, cached by the browser): the
    province in grey (`#dasar`) and each regency filled (`#r63-03`), so a product page needs
    only two <use> references and a dot instead of the province's whole outline. "" without a map."""
    if not has_map():
        return ""
    base = "".join(f'<path d="{shape["path"]}"/>' for _, shape in sorted(shapes()["regencies"].items()))
    highlights = "".join(f'<symbol id="r{code}" viewBox="{_view_box()}"><path d="{shape["path"]}" fill="{LEVEL_FILLS[4]}" '
                         f'stroke="#ffffff" stroke-width="2"/></symbol>'
                         for code, shape in sorted(shapes()["regencies"].items()))
    return ('<svg xmlns="http://www.w3.org/2000/svg">'
            f'<symbol id="dasar" viewBox="{_view_box()}"><g fill="{LEVEL_FILLS[0]}" stroke="#ffffff" stroke-width="2">{base}</g></symbol>'
            f"{highlights}</svg>\n")


def locator_map(code: str, *, label: str, sprite: str, location: tuple[float, float] | None = None) -> Markup:
    """A small picture of the province with regency `code` filled and a dot at (lat, lon) when
    the pesantren gave its location; `sprite` is the address of `locator_sprite()`'s file."""
    if not has_map():
        return Markup("")
    dot = Markup("")
    if location is not None:
        x, y = project(*location)
        dot = Markup('<circle cx="{x}" cy="{y}" r="12" fill="#d84315" stroke="#ffffff" stroke-width="4"/>').format(x=x, y=y)
    return Markup('<svg class="opop-map__locator" viewBox="{box}" role="img" aria-label="{label}">'
                  '<use href="{sprite}#dasar"/><use href="{sprite}#r{code}"/>{dot}</svg>').format(
        box=_view_box(), label=label, sprite=sprite, code=code, dot=dot)


def project(lat: float, lon: float) -> tuple[int, int]:
    """A point in the shapes' coordinates (the same projection as bench/make_map.py)."""
    p = shapes()["projection"]
    x = (lon - p["min_lon"]) * math.cos(math.radians(p["mid_lat"])) * p["scale"]
    y = (p["max_lat"] - lat) * p["scale"]
    return round(x), round(y)
