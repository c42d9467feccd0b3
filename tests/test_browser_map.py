"""The producers' map in Chromium: every regency with products is a link to its page, its
number is written on it, focus is visible, the table says the same, and Arabic pages mirror
around a map that does not."""

from __future__ import annotations

import pytest

from catalogue.locales import STRINGS
from catalogue.region import REGIONS_DIR
from catalogue.site import formatting
from catalogue.products.taxonomy import REGENCIES, REGENCY_SLUGS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["id", "ar"])
@pytest.mark.parametrize("width", [390, 1280])
def test_map_links_counts_focus_and_table(open_page, sample_url, sample_catalogue, lang, width):
    prefix = "" if lang == "id" else f"{lang}/"
    page = open_page(f"{sample_url}{prefix}kabupaten/", width=width)
    svg = page.locator(".opop-map svg").first
    assert svg.get_attribute("role") is None  # its regions are links: not one image
    assert page.evaluate("el => el.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent)",
                         svg.element_handle())[0]
    counts = {code: len(products) for code, products in sample_catalogue.by_regency().items()}
    links = svg.locator("a")
    assert links.count() == len(counts)  # one link per regency that has products
    for code, count in counts.items():
        href = f"{REGENCY_SLUGS[code]}/"
        link = svg.locator(f'a[href$="{href}"]')
        assert link.locator("text").text_content() == str(count)  # the number, not colour alone
        unit = STRINGS[lang]["map.unit"]  # the name holds the visible digit, in every language
        assert link.get_attribute("aria-label") == f"{REGENCIES[code].get(lang)}: {formatting.number(count, lang)} {unit}"
    rows = page.locator(".opop-map__table tbody tr")
    assert rows.count() == len(REGENCIES)  # all 13, those without products too
    # Keyboard: Tab reaches a region, it shows a focus ring, Enter opens its page.
    first = links.first
    first.focus()
    ring = page.evaluate("el => getComputedStyle(el.querySelector('path')).strokeWidth", first.element_handle())
    assert float(ring.rstrip("px")) >= 5
    target = first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{target.rsplit('/', 2)[-2]}/")
    assert page.locator(".opop-map__area--current").count() == 1  # its own regency highlighted
    assert page.locator('.opop-map a[aria-current="page"]').count() == 1
    if lang == "ar":
        assert page.locator("html").get_attribute("dir") == "rtl"
        # The map is not mirrored: its first regency (63.01, south-west) stays on the left.
        box = page.locator(".opop-map svg path").first.bounding_box()
        whole = page.locator(".opop-map svg").first.bounding_box()
        assert box["x"] < whole["x"] + whole["width"] / 2


def test_map_is_light_and_needs_no_request(sample_site):
    html = (sample_site / "kabupaten" / "index.html").read_text("utf-8")
    start = html.index('<svg class="opop-map__svg"')
    svg = html[start:html.index("</svg>", start) + 6]
    assert len(svg.encode()) < 12_000  # ≈ 10 KB inline, no tile server
    assert "http" not in svg.replace("http://www.w3.org", "")
    assert (REGIONS_DIR / "LICENSE-boundaries.txt").read_text().count("MIT License") == 1
    credits = [(sample_site / p / "tentang" / "index.html").read_text("utf-8") for p in ("", "en", "ar")]
    assert all("cahyadsn/wilayah_boundaries" in c and "MIT" in c for c in credits)


def test_product_page_locates_the_pesantren(open_page, sample_url, sample_catalogue):
    located = next(p for p in sample_catalogue.products if p.pesantren.location)
    page = open_page(f"{sample_url}ar/produk/{located.slug}/", width=390)
    locator = page.locator("svg.opop-map__locator")
    assert locator.get_attribute("role") == "img" and located.pesantren.name in locator.get_attribute("aria-label")
    assert locator.locator("circle").count() == 1  # the pesantren's own location
    # The province comes from one shared file (two <use>), so each page carries ~200 bytes.
    hrefs = locator.locator("use").evaluate_all("uses => uses.map(u => u.getAttribute('href'))")
    assert [h.split("#")[1] for h in hrefs] == ["dasar", "r" + located.pesantren.regency]
    drawn = page.evaluate("el => el.querySelector('use').getBBox().width", locator.element_handle())
    assert drawn > 100  # the shared drawing loaded (an unresolved <use> has no box)
    assert not page.errors
