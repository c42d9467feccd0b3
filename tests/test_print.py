"""Paper: QR codes made at build time, the sell sheet (a product page printed) and the
printable catalogue (cetak/). The browser tests print to PDF and count the pages."""

from __future__ import annotations

import re

import pytest
import segno
from conftest import PUBLISHED_URL

from catalogue.site import printing

LANGS = ("id", "en", "ar")
PREFIX = {"id": "", "en": "en/", "ar": "ar/"}


def modules(svg: str) -> list[list[bool]]:
    """The dark modules an inline QR <svg> draws (segno's path: M, relative m, and h runs)."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    path = re.search(r'<path stroke="#000" d="([^"]+)"', svg).group(1)
    grid = [[False] * size for _ in range(size)]
    x = y = 0.0
    for cmd, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if cmd == "M":
            x, y = float(a), float(b)
        elif cmd == "m":
            x, y = x + float(a), y + float(b)
        else:
            for col in range(int(x), int(x + float(a))):
                grid[int(y)][col] = True
            x += float(a)
    return grid


def expected_modules(url: str) -> list[list[bool]]:
    code = segno.make(url, error=printing.ERROR_LEVEL, micro=False)
    return [[bool(v) for v in row] for row in code.matrix_iter(border=printing.QUIET_ZONE)]


@pytest.mark.parametrize("url", ["https://opop.example/katalog/produk/kopi-liberika-aranio/",
                                 "https://opop.example/katalog/ar/produk/madu-kelulut-balangan/"])
def test_qr_draws_exactly_the_code_for_the_address(url):
    svg = str(printing.QrCodes().svg(url, label=url))
    assert modules(svg) == expected_modules(url)
    assert f'aria-label="{url}"' in svg and 'role="img"' in svg


def test_qr_codes_are_cached_on_disk(tmp_path, monkeypatch):
    url = "https://opop.example/katalog/en/produk/x/"
    first = printing.QrCodes(tmp_path).svg(url)
    assert len(list(tmp_path.glob("*.qr"))) == 1
    monkeypatch.setattr(printing, "encode", lambda u: pytest.fail("encoded again"))
    assert printing.QrCodes(tmp_path).svg(url) == first  # a new build reads the cache
    assert printing.QrCodes(tmp_path).prepare([url]) == 0
    monkeypatch.undo()
    cached = next(tmp_path.glob("*.qr"))
    cached.write_text(cached.read_text()[:40])  # restored cut short: made again, not trusted
    assert printing.QrCodes(tmp_path).svg(url) == first
    assert cached.read_text().endswith("\n")


def test_sell_sheet_has_the_qr_code_of_its_own_page(published_site, sample_catalogue):
    for product in sample_catalogue.products:
        for lang in LANGS:
            url = f"{PUBLISHED_URL}{PREFIX[lang]}produk/{product.slug}/"
            html = (published_site / PREFIX[lang] / "produk" / product.slug / "index.html").read_text("utf-8")
            sheet = html[html.index('<div class="opop-sheet">'):]
            svg = sheet[sheet.index("<svg"):sheet.index("</svg>") + 6]
            assert modules(svg) == expected_modules(url), (lang, product.slug)
            assert f'<span class="opop-sheet__url" dir="ltr">{url}</span>' in sheet
            assert "+62 8" in sheet  # the WhatsApp number written out for paper


def test_no_qr_without_a_site_url(sample_site, sample_catalogue):
    html = (sample_site / "produk" / sample_catalogue.products[0].slug / "index.html").read_text("utf-8")
    assert 'class="opop-sheet"' in html and "opop-qr" not in html


def test_printable_catalogue_lists_every_product_with_its_code(published_site, sample_catalogue):
    for lang in LANGS:
        html = (published_site / PREFIX[lang] / "cetak" / "index.html").read_text("utf-8")
        entries = html.split('<li class="opop-printable__entry">')[1:]
        assert len(entries) == len(sample_catalogue.products)
        for product in sample_catalogue.products:
            url = f"{PUBLISHED_URL}{PREFIX[lang]}produk/{product.slug}/"
            entry = next(e for e in entries if f'aria-label="{url}"' in e)
            svg = entry[entry.index("<svg"):entry.index("</svg>") + 6]
            assert modules(svg) == expected_modules(url)
        assert 'media="print"' in html and "print.css" in html


# --- in a browser: what actually comes out of the printer -------------------------------------


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


A4_CONTENT = (695, 1024)  # A4 less print.css's @page margins, in CSS pixels (96 dpi)


@pytest.mark.browser
def test_every_product_prints_on_one_a4_page(published_url, published_site, sample_catalogue, open_page):
    """Every sell sheet, in every language, is one A4 page: laid out for print at the page's
    size and measured (fast), then the five longest printed to PDF and their pages counted."""
    page = open_page(published_url, A4_CONTENT[0])
    page.set_viewport_size({"width": A4_CONTENT[0], "height": A4_CONTENT[1]})
    page.emulate_media(media="print")
    heights = []
    for product in sample_catalogue.products:
        for lang in LANGS:
            url = f"{published_url}{PREFIX[lang]}produk/{product.slug}/"
            page.goto(url, wait_until="domcontentloaded")  # images have their size already
            heights.append((page.evaluate("document.documentElement.scrollHeight"), url))
    assert [u for h, u in heights if h > A4_CONTENT[1]] == []
    for _, url in sorted(heights, reverse=True)[:5]:
        page.goto(url)
        page.wait_for_load_state("load")
        assert _pdf_pages(page.pdf(format="A4", print_background=True)) == 1, url
    assert page.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_sell_sheet_shows_paper_things_and_hides_screen_things(published_url, sample_catalogue, open_page, lang):
    product = max(sample_catalogue.products, key=lambda p: (len(p.photos), p.slug))
    page = open_page(f"{published_url}{PREFIX[lang]}produk/{product.slug}/", 1280)
    assert not page.is_visible(".opop-sheet") and page.is_visible(".opop-print-action")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 695, "height": 1024})  # A4 less the @page margins, at 96 dpi
    page.screenshot(path=str(page.shots / f"sell-sheet-{lang}.png"), full_page=True)
    assert page.is_visible(".opop-sheet .opop-qr")
    for hidden in (".md-header", ".opop-buy__actions", ".opop-stickybar", ".opop-related", ".opop-print-action"):
        assert not page.is_visible(hidden), hidden
    visible = page.evaluate("Array.from(document.querySelectorAll('.opop-gallery img')).filter(i => i.offsetParent).length")
    assert visible == 1  # one photo on paper
    box = page.query_selector(".opop-sheet .opop-qr").bounding_box()
    assert box["width"] >= 90  # ≥ 24 mm: scannable from arm's length


@pytest.mark.browser
def test_print_button_opens_the_print_dialog(published_url, sample_catalogue, open_page):
    page = open_page(f"{published_url}en/cetak/", 390)
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.click("[data-opop-print]")
    assert page.evaluate("window.__printed") == 1
    assert len(page.query_selector_all(".opop-printable__entry .opop-qr")) == len(sample_catalogue.products)
