"""Issue 6 in a browser: the trust filters narrow the search, and the network pages fit a
phone and a desktop screen without sideways scrolling or console errors.

Screenshots land in each test's tmp_path; look at them when changing these pages.
"""

from __future__ import annotations

import pytest
from test_browser import no_horizontal_scroll, settled

from catalogue.network import trust

pytestmark = pytest.mark.browser


def test_halal_filter_narrows_results(open_page, sample_url, sample_catalogue):
    page = open_page(sample_url + "cari/", 1280)
    everything = settled(page)
    assert len(everything) == len(sample_catalogue.products)
    halal = sorted(p.name.id for p in sample_catalogue.products
                   if trust.signal_filters(p, sample_catalogue.today)["halal"])
    assert 1 <= len(halal) < len(everything)
    box = page.locator(".opop-facet__value:has(input[name='halal'][value='Ya'])")
    assert box.locator(".opop-facet__count").inner_text() == f"({len(halal)})"
    box.locator("input").check()
    page.wait_for_function("() => new URL(location).searchParams.get('halal') === 'Ya'")
    assert sorted(settled(page)) == halal
    assert "Madu Kelulut Paringin" not in halal  # its halal certificate expired in 2023
    page.screenshot(path=str(page.shots / "search-halal-1280.png"), full_page=True)
    assert page.errors == []


@pytest.mark.parametrize("width", [390, 1280])
def test_network_pages_fit_the_screen(open_page, sample_url, width):
    page = open_page(sample_url + "tukar/", width)
    for url in ("tukar/", "koperasi/", "statistik/", "produk/madu-kelulut-balangan/"):
        page.goto(sample_url + url)
        page.wait_for_load_state("load")
        page.screenshot(path=str(page.shots / f"{url.strip('/').replace('/', '-')}-{width}.png"), full_page=True)
        assert no_horizontal_scroll(page), url
    # The chart's table opens from its summary, and the charts are as wide as the content on a phone.
    page.goto(sample_url + "statistik/")
    summary = page.locator(".opop-figure__table > summary").first
    summary.click()
    assert page.locator(".opop-chart-table").first.is_visible()
    chart = page.locator("svg.opop-chart").first.bounding_box()
    assert chart["width"] >= min(width - 40, 300)
    assert page.errors == []
