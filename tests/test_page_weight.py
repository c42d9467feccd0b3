"""A product page's weight (issue 17): what repeated on every page stays out, and the drawer,
tabs and icons still work.

Issue 17's target is 20 KB of HTML for every product page. What this change removed: template
indentation (catalogue/site/minify.py), ~6 KB of inline SVG icons (now one shared sprite,
assets/images/opop-icons.svg), Material's nav markup (partials/nav-item.html, tabs-item.html),
the empty table of contents, the search strings of Material's configuration, one inline script,
and the footer's second language list. The samples' heaviest pages are still above 20 KB
(their own content: the sections, three WhatsApp buttons, the Pagefind filters, JSON-LD), so
the 20 KB test is an expected failure that turns into a failure once it passes (strict), and a
ceiling just above today's pages keeps the weight from creeping back.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from catalogue.site.html import SPRITE, SPRITE_ICONS, iri
from catalogue.site.minify import minify

LANGS = ("", "en/", "ar/")
TARGET = 20 * 1024  # issue 17
# The heaviest sample page (Arabic, madu-kelulut-tanah-bumbu) is 30.6 KB after this change
# (43.4 KB before); a little room for a longer product text, none for the chrome coming back.
CEILING = 32 * 1024


def product_pages(site: Path) -> list[Path]:
    pages = [p for lang in LANGS for p in sorted((site / lang / "produk").glob("*/index.html"))]
    assert len(pages) >= 3 * 10
    return pages


def test_product_pages_stay_under_the_ceiling(sample_site):
    sizes = {p.relative_to(sample_site).as_posix(): p.stat().st_size for p in product_pages(sample_site)}
    over = {k: v for k, v in sizes.items() if v > CEILING}
    assert not over, over


@pytest.mark.xfail(strict=True, reason="issue 17's 20 KB is not met yet: docs/benchmarks.md says by how much")
def test_product_pages_meet_the_target(sample_site):
    assert max(p.stat().st_size for p in product_pages(sample_site)) <= TARGET


def test_what_repeated_on_every_page_stays_out(sample_site):
    for path in product_pages(sample_site):
        html = path.read_text("utf-8")
        where = path.relative_to(sample_site).as_posix()
        assert minify(html) == html, where  # no indentation or blank lines
        assert "<path" not in html, where  # no inline icon: the sprite has them
        # One nav (the drawer), one tab bar; no empty table of contents.
        assert html.count('class="md-nav md-nav--primary') == 1, where
        assert html.count('class="md-tabs"') == 1, where
        assert 'data-md-type="toc"' not in html, where
        assert "md-ellipsis" not in html.split('data-md-component="container"')[1], where
        assert "search.result" not in html and "Made with" not in html, where
        # Material's content-tab script is gone; its hash with it (catalogue/site/csp.py).
        assert html.count("<script>") == 1, where


def test_every_sprite_icon_exists(sample_site):
    sprite = (sample_site / SPRITE).read_text("utf-8")
    symbols = dict(re.findall(r'<symbol id="([^"]+)" viewBox="([^"]+)"', sprite))
    assert symbols == SPRITE_ICONS
    for path in product_pages(sample_site):
        html = path.read_text("utf-8")
        uses = re.findall(r'<svg[^>]* viewBox="([^"]+)"><use href="([^"#]+)#([^"]+)"/>', html)
        assert len(uses) >= 6, path
        for viewbox, href, name in uses:
            if href.endswith("peta-lokasi.svg"):
                continue
            assert (path.parent / href).resolve() == (sample_site / SPRITE).resolve(), (path, href)
            assert symbols[name] == viewbox, (path, name)


def test_other_pages_did_not_grow(sample_site):
    # Sizes before issue 17's change (the samples, 2 builds apart): every page type is smaller.
    before = {"": 55727, "kategori/makanan/": 19751, "kabupaten/banjar/": 32986, "katalog/": 32341,
              "cari/": 19851, "ar/": 59211}
    for url, size in before.items():
        assert (sample_site / url / "index.html").stat().st_size < size, url


# --- the two helpers ---------------------------------------------------------------------------


def test_minify_collapses_only_white_space_between_tags():
    html = ('\n<div>\n    <p title="a\n   b">x  \n  y\u00a0\u00a0z</p>\n\n'
            '<pre>  keep\n    this</pre>\n  <textarea>  a\n  b</textarea>'
            '<script>  var a = 1;\n    b()</script><!--  c\n   d -->\n   </div>')
    out = minify(html)
    assert out == ('<div>\n<p title="a\n   b">x\ny\u00a0\u00a0z</p>\n'
                   '<pre>  keep\n    this</pre>\n<textarea>  a\n  b</textarea>'
                   '<script>  var a = 1;\n    b()</script><!--  c\n   d -->\n</div>')
    assert minify(out) == out


def test_iri_writes_letters_and_keeps_everything_else_encoded():
    encoded = "https://wa.me/62811?text=%D8%B9%D8%B3%D9%84%20%26%20%E2%80%AE%0Aa%3Db"
    assert iri(encoded) == "https://wa.me/62811?text=عسل%20%26%20%E2%80%AE%0Aa%3Db"
    assert unquote(urlsplit(iri(encoded)).query) == unquote(urlsplit(encoded).query)
    assert iri("mailto:a@b.example?subject=Kopi%20%26%20Teh") == "mailto:a@b.example?subject=Kopi%20%26%20Teh"


# --- what a buyer sees -------------------------------------------------------------------------


@pytest.mark.browser
def test_drawer_lists_the_sections_on_a_phone(open_page, sample_url, sample_catalogue):
    slug = sample_catalogue.products[0].slug
    for lang in LANGS:
        page = open_page(sample_url + f"{lang}produk/{slug}/", 390)
        tabs = page.locator(".md-tabs__link")
        titles = [t.strip() for t in tabs.all_text_contents()]
        assert len(titles) == 8 and not tabs.first.is_visible()  # the tabs are for wide screens
        page.click('label.md-header__button[for="__drawer"]')
        drawer = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link")
        page.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().right > 200")
        assert [t.strip() for t in drawer.all_inner_texts()] == titles, lang
        # The network section opens in the drawer with its three pages.
        page.locator(".md-nav__item--nested > label.md-nav__link").click()
        nested = page.locator(".md-nav__item--nested .md-nav[data-md-level='1'] a.md-nav__link")
        nested.last.wait_for(state="visible")
        assert nested.count() == 3 and all(nested.nth(i).is_visible() for i in range(3))
        page.screenshot(path=str(page.shots / f"drawer-{lang.strip('/') or 'id'}-390.png"))
        assert page.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_icons_are_drawn_from_the_sprite(open_page, sample_url, sample_catalogue, width):
    page = open_page(sample_url + f"ar/produk/{sample_catalogue.products[0].slug}/", width)
    page.wait_for_load_state("networkidle")
    assert any(url.endswith(SPRITE) for url in page.fetched)
    if width == 1280:
        assert page.locator(".md-tabs").is_visible()
        button = page.locator(".opop-buy .opop-button--whatsapp svg")
    else:
        button = page.locator(".opop-stickybar .opop-button--whatsapp svg")
    box = button.bounding_box()
    assert box and 12 <= box["width"] <= 40 and 12 <= box["height"] <= 40, box
    # The logo on wide screens, the menu button on phones (Material shows one of the two).
    header = page.locator(".md-header .md-logo svg" if width == 1280 else ".md-header label[for=__drawer] svg")
    box = header.bounding_box()
    assert box and 12 <= box["width"] <= 40, box
    assert page.errors == []
