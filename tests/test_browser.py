"""What only a browser shows: layout at phone and desktop widths, Pagefind search and its
filters, the gallery and the WhatsApp button, and no console errors.

Screenshots land in each test's tmp_path (pytest prints the folder on failure); look at them
when changing the theme.
"""

from __future__ import annotations

import re

import pytest

from catalogue.products.taxonomy import REGENCIES

pytestmark = pytest.mark.browser

SEARCH_INPUT = "#opop-search-q"
RESULT_TITLE = ".opop-search__list .opop-card__title"


def titles(page) -> list[str]:
    return [t.inner_text().strip() for t in page.query_selector_all(RESULT_TITLE)]


def settled(page) -> list[str]:
    """Wait until the results shown are those of the address (the search page marks it)."""
    page.wait_for_function("() => document.getElementById('opop-search').dataset.done === location.search")
    return titles(page)


def search(page, term: str) -> list[str]:
    page.wait_for_selector(SEARCH_INPUT)
    page.fill(SEARCH_INPUT, term)
    page.wait_for_function("t => new URL(location).searchParams.get('q') === t", arg=term)
    return settled(page)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [390, 1280])
def test_home_renders(open_page, sample_url, sample_catalogue, width):
    page = open_page(sample_url, width)
    page.screenshot(path=str(page.shots / f"home-{width}.png"), full_page=True)
    assert no_horizontal_scroll(page)
    cards = page.query_selector_all(".opop-card")
    assert 1 <= len(cards) <= 8
    assert page.query_selector(".opop-hero-search input[name=q]").is_visible()
    # Categories and regencies as entry points, with counts; plus the three network pages.
    assert len(page.query_selector_all(".opop-tile")) == (
        len(sample_catalogue.by_category()) + len(sample_catalogue.by_regency()) + 3)
    if width == 390:  # two cards side by side on a phone
        boxes = [c.bounding_box() for c in cards[:2]]
        assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]
    assert page.errors == []


def test_catalogue_and_category_pages(open_page, sample_url, sample_catalogue):
    page = open_page(sample_url + "katalog/", 390)
    page.screenshot(path=str(page.shots / "katalog-390.png"), full_page=True)
    assert len(page.query_selector_all(".opop-card")) == len(sample_catalogue.products)
    assert no_horizontal_scroll(page)
    page.goto(sample_url + "kategori/minuman/")
    page.screenshot(path=str(page.shots / "kategori-390.png"), full_page=True)
    assert len(page.query_selector_all(".opop-card")) == len(sample_catalogue.by_category()["minuman"])
    assert page.errors == []


def test_typing_kopi_and_sasirangan_finds_the_products(open_page, sample_url, sample_catalogue):
    page = open_page(sample_url + "cari/", 390)
    coffee = [p.name.id for p in sample_catalogue.products if "kopi" in p.tags]
    assert coffee and set(coffee) <= set(search(page, "kopi"))
    assert search(page, "kopi")[0] in coffee  # the coffee comes first, not a mention of it
    page.screenshot(path=str(page.shots / "search-kopi-390.png"), full_page=True)
    cloth = [p.name.id for p in sample_catalogue.products if "sasirangan" in p.tags]
    assert cloth and search(page, "sasirangan")[0] in cloth
    assert "q=sasirangan" in page.url  # the query is in the address, ready to share
    assert page.errors == []


def test_header_search_opens_results(open_page, sample_url):
    page = open_page(sample_url + "tentang/", 1280)
    page.fill(".opop-header-search__input", "madu")
    page.press(".opop-header-search__input", "Enter")
    page.wait_for_url("**/cari/?q=madu")
    assert any("Madu" in t for t in settled(page))
    assert page.input_value(SEARCH_INPUT) == "madu"
    assert page.errors == []


def test_kabupaten_filter_narrows_results(open_page, sample_url, sample_catalogue):
    page = open_page(sample_url + "cari/", 1280)
    found = search(page, "madu")
    products = {p.name.id: p for p in sample_catalogue.products}
    regencies = {products[t].pesantren.regency for t in found if t in products}
    assert len(found) >= 2 and len(regencies) >= 2, found
    label = REGENCIES[sorted(regencies)[0]].id
    value = page.locator(f".opop-facet__value:has(input[value='{label}'])")
    assert value.locator(".opop-facet__count").inner_text() == "(1)" or len(found) > 2
    value.locator("input").check()
    page.wait_for_function("l => new URL(location).searchParams.get('kabupaten') === l", arg=label)
    narrowed = settled(page)
    assert 1 <= len(narrowed) < len(found)
    assert all(products[t].pesantren.regency == sorted(regencies)[0] for t in narrowed)
    page.screenshot(path=str(page.shots / "search-filter-1280.png"), full_page=True)
    assert page.errors == []


def test_filters_alone_find_products_and_combine(open_page, sample_url, sample_catalogue):
    page = open_page(sample_url + "cari/", 390)
    assert len(settled(page)) == len(sample_catalogue.products)  # no words: everything
    page.click(".opop-facets > summary")  # closed on a phone
    ready = [p for p in sample_catalogue.products if p.export.ready]
    page.locator(".opop-facet__value:has(input[name='siap-ekspor'][value='Ya']) input").check()
    page.wait_for_function("() => new URL(location).searchParams.get('siap-ekspor') === 'Ya'")
    assert sorted(settled(page)) == sorted(p.name.id for p in ready)
    # A second group narrows further (AND across groups).
    regency = ready[0].pesantren.regency
    page.locator(f".opop-facet__value:has(input[value='{REGENCIES[regency].id}']) input").check()
    page.wait_for_function("() => new URL(location).searchParams.has('kabupaten')")
    assert sorted(settled(page)) == sorted(p.name.id for p in ready if p.pesantren.regency == regency)
    page.screenshot(path=str(page.shots / "search-filters-390.png"), full_page=True)
    assert page.errors == []


@pytest.mark.parametrize("width", [390, 1280])
def test_product_page_gallery_and_whatsapp(open_page, sample_url, sample_catalogue, width):
    product = max(sample_catalogue.products, key=lambda p: (len(p.photos), p.slug))
    page = open_page(sample_url + f"produk/{product.slug}/", width)
    page.wait_for_load_state("load")
    page.screenshot(path=str(page.shots / f"product-{width}.png"), full_page=True)
    assert no_horizontal_scroll(page)
    first = page.query_selector(".opop-gallery img")
    assert first.is_visible() and page.evaluate("img => img.complete && img.naturalWidth > 0", first)
    assert len(page.query_selector_all(".opop-gallery img")) == len(product.photos)
    # Without scrolling, a WhatsApp button is fully on screen (on a phone: the sticky bar).
    on_screen = page.evaluate("""() => Array.from(document.querySelectorAll('.opop-button--whatsapp'))
      .filter(a => a.offsetParent !== null).map(a => [a.href, a.getBoundingClientRect().toJSON()])
      .filter(([, r]) => r.top >= 0 && r.bottom <= window.innerHeight && r.height >= 44)""")
    assert on_screen and on_screen[0][0].startswith("https://wa.me/")
    if len(product.photos) > 1:  # the dots move the gallery
        page.click(".opop-gallery__dots a:nth-child(2)")
        page.wait_for_function("() => document.querySelector('.opop-gallery__track').scrollLeft > 0")  # a function: a bare expression is eval'd, which the CSP forbids
    assert page.errors == []


def test_tap_targets_are_at_least_24px(open_page, sample_url, sample_catalogue):
    page = open_page(sample_url + f"produk/{sample_catalogue.products[0].slug}/", 390)
    small = page.evaluate("""() => Array.from(document.querySelectorAll(
        '.opop-button, .opop-tile, .opop-card__link, .opop-gallery__dots a, .opop-crumbs a, .md-header__button'))
      .filter(el => el.offsetParent !== null)
      .map(el => [el.className, el.getBoundingClientRect()])
      .filter(([, r]) => r.width < 24 || r.height < 24)""")
    assert small == []


def test_a_phone_fetches_the_filter_indexes_only_when_the_filters_are_opened(open_page, sample_url):
    """The facet counts need every filter index (a quarter of a first search's bytes at 3,057
    products): a buyer on a phone who only types does not download them."""
    page = open_page(sample_url + "cari/", 390)
    found = search(page, "madu")
    assert len(found) >= 2
    page.wait_for_timeout(300)
    filters = lambda: [u for u in page.fetched if "/pagefind/filter/" in u]  # noqa: E731
    assert [u for u in page.fetched if "/pagefind/fragment/" in u] and filters() == []
    page.click(".opop-facets > summary")
    counts = page.locator(".opop-facet__count")
    counts.first.wait_for()
    assert filters() and all(re.fullmatch(r"\(\d+\)", c) for c in counts.all_inner_texts())
    assert page.errors == []
