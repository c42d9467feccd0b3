"""Languages in a browser: the switcher keeps the buyer on the product, Arabic is mirrored,
search stays in the page's language, and the hreflang links cost no requests.

Reads the "published" session build (with a site_url, so the pages carry absolute hreflang
links, as in production). Screenshots land in each test's tmp_path.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PREFIX = {"id": "", "en": "en/", "ar": "ar/"}


def product_with_translations(catalogue):
    """A product with English and Arabic names, so every switch shows a different title."""
    return next(p for p in catalogue.products if p.name.has("en") and p.name.has("ar"))


def switch_to(page, name: str) -> None:
    """Open the header's language menu (Material's select opens on focus) and pick `name`."""
    page.click(".opop-languages__button")
    page.click(f".md-select__link:text-is('{name}')")
    page.wait_for_load_state("load")


@pytest.mark.parametrize("width", [390, 1280])
def test_switching_language_keeps_the_product(open_page, published_url, sample_catalogue, width):
    product = product_with_translations(sample_catalogue)
    page = open_page(f"{published_url}produk/{product.slug}/", width)
    assert page.inner_text("h1") == product.name.id
    switch_to(page, "English")
    assert page.url == f"{published_url}en/produk/{product.slug}/"
    assert page.inner_text("h1") == product.name.en
    assert page.get_attribute("html", "lang") == "en"
    switch_to(page, "العربية")
    assert page.url == f"{published_url}ar/produk/{product.slug}/"
    assert page.inner_text("h1") == product.name.ar
    assert page.get_attribute("html", "dir") == "rtl"
    page.screenshot(path=str(page.shots / f"switched-ar-{width}.png"), full_page=True)
    switch_to(page, "Bahasa Indonesia")
    assert page.url == f"{published_url}produk/{product.slug}/"
    assert page.errors == []


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_home_and_product_in_english_and_arabic(open_page, published_url, sample_catalogue, lang, width):
    page = open_page(f"{published_url}{PREFIX[lang]}", width)
    page.screenshot(path=str(page.shots / f"home-{lang}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    product = max(sample_catalogue.products, key=lambda p: (len(p.photos), p.slug))
    page.goto(f"{published_url}{PREFIX[lang]}produk/{product.slug}/")
    page.wait_for_load_state("load")
    page.screenshot(path=str(page.shots / f"product-{lang}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    if width == 1280:  # gallery and buy box side by side: mirrored in Arabic
        gallery = page.query_selector(".opop-gallery").bounding_box()
        buy = page.query_selector(".opop-buy").bounding_box()
        assert (buy["x"] < gallery["x"]) == (lang == "ar")
    assert page.errors == []


def test_hreflang_links_cost_no_requests(browser, published_url, sample_catalogue):
    """Material fetches "<href>sitemap.xml" for every <link rel=alternate>; opop.js hides ours
    from it for that moment, and puts them back for crawlers."""
    context = browser.new_context()
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    product = sample_catalogue.products[0]
    for lang in PREFIX:
        page.goto(f"{published_url}{PREFIX[lang]}produk/{product.slug}/")
        page.wait_for_load_state("networkidle")
        rels = page.evaluate("Array.from(document.querySelectorAll('link[hreflang]')).map(l => l.rel)")
        assert rels == ["alternate"] * 4
    context.close()
    assert [u for u in requests if "sitemap" in u or not u.startswith(published_url)] == []
    assert errors == []


def test_search_stays_in_the_page_language(open_page, published_url, sample_catalogue):
    coffee = [p for p in sample_catalogue.products if "kopi" in p.tags and p.name.has("en")]
    assert coffee
    page = open_page(f"{published_url}en/cari/?q=coffee", 1280)
    page.wait_for_function("() => document.getElementById('opop-search').dataset.done === location.search")
    titles = [t.inner_text().strip() for t in page.query_selector_all(".opop-search__list .opop-card__title")]
    assert {p.name.en for p in coffee} <= set(titles)
    links = page.eval_on_selector_all(".opop-search__list a", "as => as.map(a => a.href)")
    assert links and all(h.startswith(f"{published_url}en/produk/") for h in links)
    assert page.inner_text(".opop-search__status").endswith("products") or len(titles) == 1
    page.goto(f"{published_url}ar/cari/")
    page.wait_for_function("() => document.getElementById('opop-search').dataset.done === location.search")
    links = page.eval_on_selector_all(".opop-search__list a", "as => as.map(a => a.href)")
    assert len(links) == len(sample_catalogue.products)
    assert all(h.startswith(f"{published_url}ar/produk/") for h in links)
    page.screenshot(path=str(page.shots / "search-ar-1280.png"), full_page=True)
    assert page.errors == []
