"""Sort orders in Chromium: listing pages reorder their cards and keep the order in the
address; without JavaScript they keep their A–Z order."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CARDS = "Array.from(document.querySelectorAll('.opop-listing .opop-card'), c => [c.querySelector('.opop-card__title').textContent, +c.dataset.harga, +c.dataset.diperbarui])"


@pytest.mark.parametrize("lang", ["id", "ar"])
@pytest.mark.parametrize("width", [390, 1280])
def test_listing_orders_are_kept_in_the_address(open_page, sample_url, sample_catalogue, lang, width):
    prefix = "" if lang == "id" else f"{lang}/"
    page = open_page(f"{sample_url}{prefix}katalog/?urut=harga-naik", width=width)
    cards = page.evaluate(CARDS)
    assert len(cards) == len(sample_catalogue.products)
    assert [c[1] for c in cards] == sorted(p.price.min for p in sample_catalogue.products)
    page.select_option("#opop-urut", "harga-turun")
    assert page.url.endswith("?urut=harga-turun")
    assert [c[1] for c in page.evaluate(CARDS)] == sorted((p.price.min for p in sample_catalogue.products), reverse=True)
    page.select_option("#opop-urut", "terbaru")
    assert [c[2] for c in page.evaluate(CARDS)] == sorted((int(p.updated.strftime("%Y%m%d")) for p in sample_catalogue.products), reverse=True)
    page.reload()
    assert page.locator("#opop-urut").input_value() == "terbaru"
    page.select_option("#opop-urut", "nama")
    assert "urut=" not in page.url


def test_without_javascript_the_list_stays_a_to_z(browser, sample_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{sample_url}kategori/makanan/?urut=harga-turun")
        assert page.locator(".opop-sort").is_hidden()
        names = page.evaluate("Array.from(document.querySelectorAll('.opop-card__title'), h => h.textContent)")
        assert names == sorted(names, key=str.casefold)
    finally:
        context.close()


PRICES = "Array.from(document.querySelectorAll('.opop-search__list .opop-card'), c => c.querySelector('a').getAttribute('href'))"


@pytest.mark.parametrize("lang", ["id", "ar"])
def test_search_orders_are_kept_in_the_address_with_the_query(open_page, sample_url, sample_catalogue, lang):
    prefix = "" if lang == "id" else f"{lang}/"
    price = {p.slug: p.price.min for p in sample_catalogue.products}
    page = open_page(f"{sample_url}{prefix}cari/?q=madu&urut=harga-turun", width=390)
    page.wait_for_selector('#opop-search[data-done="?q=madu&urut=harga-turun"]')
    slugs = [href.rstrip("/").rsplit("/", 1)[-1] for href in page.evaluate(PRICES)]
    assert len(slugs) >= 2 and [price[s] for s in slugs] == sorted((price[s] for s in slugs), reverse=True)
    assert page.locator("#opop-search-urut").input_value() == "harga-turun"
    page.select_option("#opop-search-urut", "harga-naik")
    page.wait_for_selector('#opop-search[data-done="?q=madu&urut=harga-naik"]')
    slugs = [href.rstrip("/").rsplit("/", 1)[-1] for href in page.evaluate(PRICES)]
    assert [price[s] for s in slugs] == sorted(price[s] for s in slugs)
    # Every product, cheapest first, and a price band filter with its count.
    page.goto(f"{sample_url}{prefix}cari/?urut=harga-naik")
    page.wait_for_selector("#opop-search[data-done]")
    slugs = [href.rstrip("/").rsplit("/", 1)[-1] for href in page.evaluate(PRICES)]
    assert len(slugs) == len(sample_catalogue.products)
    assert [price[s] for s in slugs] == sorted(price.values())
