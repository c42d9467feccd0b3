"""The national site in Chromium: one search over two provinces, the province filter, a price
order across both, and results that link to each province's own product page.

Province 63 is the samples' published catalogue.json, province 35 is fabricated from it
(tests/test_national.py: jatim_from); both point their photos at the sample site served
locally, listed as each province's `photo_hosts`, so photos load through the page's
Content-Security-Policy (img-src lists the photo origins SOURCES.yml allows) and any violation
shows up as a console error.
"""

from __future__ import annotations

import json

import pytest
from conftest import PUBLISHED_URL, serve_dir
from test_national import JATIM_SITE, SAMPLE_SITE, jatim_from, write_json, write_sources

from catalogue.national.build import build_national
from catalogue.national.sources import read_sources

pytestmark = pytest.mark.browser

CARDS = ("Array.from(document.querySelectorAll('.search__list .card'), c => [c.querySelector('a').href, "
         "c.querySelector('.card__place').textContent, c.querySelector('.card__price strong').textContent])")


@pytest.fixture(scope="module")
def national(published_site, tmp_path_factory):
    """(national site URL, {product URL: lowest price}) for the two provinces."""
    folder = tmp_path_factory.mktemp("national")
    with serve_dir(published_site) as photos:
        kalsel = json.loads((published_site / "data" / "catalogue.json").read_text("utf-8"))
        jatim = jatim_from(kalsel)
        for doc in (kalsel, jatim):
            for product in doc["products"]:
                for photo in product["photos"]:  # photos from the locally served sample site
                    photo["url"] = photos + photo["url"].split("/katalog/", 1)[1]
        write_json(folder / "kalsel.json", kalsel)
        write_json(folder / "jatim.json", jatim)
        photo_host = photos.rstrip("/")  # the photos' own origin, as a photo site's would be
        sources, problems = read_sources(write_sources(folder, [("63", "kalsel.json", SAMPLE_SITE, [photo_host]),
                                                                ("35", "jatim.json", JATIM_SITE, [photo_host])]))
        assert not problems
        assert build_national(sources, folder / "site", folder / "cache", say=lambda text: None).built
        prices = {p["url"]: p["price"]["min"] for doc in (kalsel, jatim) for p in doc["products"]}
        with serve_dir(folder / "site") as url:
            yield url, prices


def results(page, address: str):
    page.wait_for_selector(f'#cari[data-done="{address}"]')
    return page.evaluate(CARDS)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_search_shows_both_provinces_and_links_to_their_pages(open_page, national, width):
    url, prices = national
    page = open_page(f"{url}?q=madu", width=width)
    cards = results(page, "?q=madu")
    places = {place.rsplit(", ", 1)[1] for _, place, _ in cards}
    assert places == {"Kalimantan Selatan", "Jawa Timur"}
    for href, _, _ in cards:
        assert href in prices and href.startswith((PUBLISHED_URL + "produk/", "https://opop-jatim.example/katalog/produk/"))
    page.wait_for_function("Array.from(document.querySelectorAll('.search__list img')).slice(0, 4).every(i => i.complete && i.naturalWidth > 0)")
    assert page.errors == []


def test_price_order_runs_across_both_provinces(open_page, national):
    url, prices = national
    page = open_page(f"{url}?urut=harga-naik", width=390)
    cards = results(page, "?urut=harga-naik")
    assert len(cards) == 24  # the first page of results
    expected = sorted(prices.values())[:24]
    assert [prices[href] for href, _, _ in cards] == expected
    assert {place.rsplit(", ", 1)[1] for _, place, _ in cards} == {"Kalimantan Selatan", "Jawa Timur"}
    page.select_option("#cari-urut", "harga-turun")
    cards = results(page, "?urut=harga-turun")
    assert [prices[href] for href, _, _ in cards] == sorted(prices.values(), reverse=True)[:24]
    assert page.errors == []


def test_the_province_filter_keeps_one_province(open_page, national):
    url, prices = national
    page = open_page(url, width=1280)
    page.click(".facets summary")  # opening the panel starts the search and loads the filters
    page.wait_for_selector('.facets input[name="provinsi"][value="Jawa Timur"]')
    page.check('.facets input[name="provinsi"][value="Jawa Timur"]')
    cards = results(page, "?provinsi=Jawa+Timur")
    assert len(cards) == min(24, len(prices) // 2)
    assert {place.rsplit(", ", 1)[1] for _, place, _ in cards} == {"Jawa Timur"}
    assert page.locator("#cari .search__status").text_content() == f"{len(prices) // 2} produk"
    # With a province chosen, its regencies become a filter too.
    page.wait_for_selector('.facets input[name="kabupaten"]')
    page.select_option("#cari-urut", "harga-naik")
    cards = results(page, "?urut=harga-naik&provinsi=Jawa+Timur")
    assert [prices[h] for h, _, _ in cards] == sorted(p for u, p in prices.items() if "opop-jatim" in u)[:24]
    assert page.errors == []


@pytest.mark.parametrize("address", ["?q=madu", "provinsi/35/", "kategori/makanan/"])
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_wcag_violation_on_the_national_pages(open_page, national, address, width):
    from axe_playwright_python.sync_playwright import Axe  # in the test extras; CI installs them
    from test_browser_a11y import AXE_OPTIONS

    url, _ = national
    page = open_page(url + address, width=width)
    if address.startswith("?"):
        results(page, address)
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
