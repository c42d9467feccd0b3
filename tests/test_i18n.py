"""Three languages: where each page lives, what each page says it is, and the words on it.

Indonesian at the root, English under en/, Arabic (right to left) under ar/ (catalogue.site.i18n).
The built-site tests read the session's sample site; the pure pieces are checked row by row.
"""

from __future__ import annotations

import re
import string
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from helpers import write_product

from catalogue.site import formatting, i18n
from catalogue.locales import STRINGS, plural, t

LANGS = ("id", "en", "ar")
PREFIX = {"id": "", "en": "en/", "ar": "ar/"}

# --- the URL scheme -------------------------------------------------------------------------


@pytest.mark.parametrize("url, lang, localized", [
    ("produk/kopi/", "en", "en/produk/kopi/"),
    ("produk/kopi/", "id", "produk/kopi/"),
    ("", "ar", "ar/"),
    ("tukar/#kebutuhan-x-0", "ar", "ar/tukar/#kebutuhan-x-0"),
    ("cari/?kategori=Minuman", "en", "en/cari/?kategori=Minuman"),
    ("media/a-480.jpg", "en", "media/a-480.jpg"),  # files are shared by every language
    ("assets/stylesheets/opop.css", "ar", "assets/stylesheets/opop.css"),
    ("pagefind/", "en", "pagefind/"),
    ("data/catalogue.json", "ar", "data/catalogue.json"),
    ("data/", "en", "en/data/"),  # … but the page describing them is a page
])
def test_localize(url, lang, localized):
    assert i18n.localize(url, lang) == localized


@pytest.mark.parametrize("url, lang, base", [
    ("", "id", ""), ("en/", "en", ""), ("ar/produk/x/", "ar", "produk/x/"),
    ("produk/x/", "id", "produk/x/"), ("404.html", "id", "404.html"),
    ("english/", "id", "english/"),  # only the exact prefixes are languages
])
def test_language_of_an_address(url, lang, base):
    assert i18n.lang_of(url) == lang and i18n.base_of(url) == base


def test_alternates_include_the_page_itself_and_only_pages_that_exist():
    assert i18n.alternates("en/katalog/") == [("id", "katalog/"), ("en", "en/katalog/"), ("ar", "ar/katalog/")]
    assert i18n.alternates("ar/foto/", exists={"foto/", "ar/foto/"}) == [("id", "foto/"), ("ar", "ar/foto/")]


@pytest.mark.parametrize("page, target, shared, link", [
    ("produk/x/", "kategori/minuman/", False, "../../kategori/minuman/"),
    ("produk/x/", "media/a.jpg", False, "../../../media/a.jpg"),  # from en/produk/x/
    ("cari/", "pagefind/", False, "../../pagefind/"),
    ("cari/", "", True, "../../"),  # the search bundle's base: the site root, not en/
    ("", "katalog/", False, "katalog/"),
])
def test_links_from_an_english_page(page, target, shared, link):
    assert i18n.linker(page, "en")(target, shared=shared) == link


# --- interface strings ------------------------------------------------------------------------

# Written the same in every language (registration marks), so no translation is missing.
SAME_EVERYWHERE = {"badge.pirt", "badge.bpom-md", "badge.bpom-ml"}


# Filled from the region file by `t` itself (catalogue/locales), not by the caller.
REGION_FIELDS = {"province", "province_short"}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name} - REGION_FIELDS


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_interface_string_is_translated(lang):
    missing = sorted(set(STRINGS["id"]) - set(STRINGS[lang]) - SAME_EVERYWHERE)
    assert missing == [], f"catalogue/locales/{lang}.py lacks: {missing}"
    unknown = sorted(k for k in STRINGS[lang] if k.split("#")[0] not in STRINGS["id"])
    assert unknown == [], f"catalogue/locales/{lang}.py has keys Indonesian lacks: {unknown}"
    for key, template in STRINGS[lang].items():
        assert _fields(template) <= _fields(STRINGS["id"][key.split("#")[0]]), (lang, key)


@pytest.mark.parametrize("lang, counts", [
    ("id", ["1 produk", "2 produk", "11 produk"]),
    ("en", ["1 product", "2 products", "11 products"]),
    ("ar", ["منتج واحد", "منتجان", "11 منتجًا"]),
])
def test_product_counts_have_plural_forms(lang, counts):
    assert [plural(lang, "count.products", n, n=n) for n in (1, 2, 11)] == counts


@pytest.mark.parametrize("lang, money, day, number", [
    ("id", "Rp35.000", "3 Oktober 2024", "1.500"),
    ("en", "IDR\u00a035,000", "3 October 2024", "1,500"),
    ("ar", "IDR\u00a035,000", "3 أكتوبر 2024", "1,500"),  # Latin digits, as on the packs
])
def test_money_dates_and_numbers_per_language(lang, money, day, number):
    assert formatting.rupiah(35000, lang) == money
    assert formatting.long_date(date(2024, 10, 3), lang) == day
    assert formatting.number(1500, lang) == number


def test_phone_as_people_write_it():
    assert formatting.phone("+6281150000001") == "+62 811-5000-0001"


# --- the built site ---------------------------------------------------------------------------


class _Page(HTMLParser):
    """<html>/<body> attributes, anchors, tabs and the language switcher of one page."""

    def __init__(self):
        super().__init__()
        self.html, self.body, self.anchors, self.tabs, self.switcher = {}, {}, [], [], []
        self.h1, self._in, self._text = "", None, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html = a
        elif tag == "body":
            self.body = a
        elif tag == "a":
            self.anchors.append(a)
            if "md-tabs__link" in (a.get("class") or ""):
                self._in, self._text = "tab", []
            if "md-select__link" in (a.get("class") or ""):
                self.switcher.append(a)
        elif tag == "h1" and not self.h1:
            self._in, self._text = "h1", []

    def handle_data(self, data):
        if self._in:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._in == "tab" and tag == "a":
            self.tabs.append(" ".join("".join(self._text).split()))
            self._in = None
        elif self._in == "h1" and tag == "h1":
            self.h1 = " ".join("".join(self._text).split())
            self._in = None


def read(site: Path, url: str) -> _Page:
    page = _Page()
    page.feed((site / url / "index.html").read_text("utf-8"))
    return page


def site_pages(site: Path) -> list[str]:
    """Site-relative addresses of every built page but 404.html."""
    return sorted(p.parent.relative_to(site).as_posix().removesuffix(".") + "/" if p.parent != site else ""
                  for p in site.rglob("index.html") if "pagefind" not in p.parts)


DOCS = Path(__file__).resolve().parents[1] / "docs"


def declared_lang(url: str) -> str | None:
    """`lang:` in the front matter of the docs page built at `url` (a note in English)."""
    for source in (DOCS / (url.rstrip("/") + ".md"), DOCS / url / "index.md"):
        if url and source.is_file():
            found = re.match(r"---\n(?:.*\n)*?lang: (\w+)\n(?:.*\n)*?---\n", source.read_text("utf-8"))
            return found.group(1) if found else None
    return None


def test_every_page_says_its_language_and_direction(sample_site):
    pages = site_pages(sample_site)
    assert len(pages) > 3 * 30
    for url in pages:
        page = read(sample_site, url)
        lang = declared_lang(url) or i18n.lang_of(url)
        assert page.html.get("lang") == lang, url
        if lang == "ar":
            assert page.html.get("dir") == "rtl" and page.body.get("dir") == "rtl", url
        else:
            assert "dir" not in page.html and page.body.get("dir") == "ltr", url


def test_switcher_keeps_the_buyer_on_the_same_page(sample_site):
    pages = set(site_pages(sample_site))
    for url in pages:
        page = read(sample_site, url)
        base = i18n.base_of(url)
        hrefs = {a["hreflang"]: a["href"] for a in page.switcher}
        assert list(hrefs) == list(LANGS), url
        for lang, href in hrefs.items():
            # The same page in that language; its home if the page is not translated (a
            # maintainers' note such as photos/).
            same = PREFIX[lang] + base
            expected = same if same in pages else PREFIX[lang]
            resolved = (sample_site / url / urlsplit(href).path).resolve()
            assert resolved == (sample_site / expected).resolve(), (url, lang, href)
        assert [a.get("aria-current") for a in page.switcher].count("page") == 1


def test_english_and_arabic_nav(sample_site):
    assert read(sample_site, "en/").tabs[:3] == ["Home", "Catalogue", "Categories"]
    assert read(sample_site, "ar/").tabs[:3] == ["الرئيسية", "الكتالوج", "الفئات"]
    assert read(sample_site, "").tabs[:3] == ["Beranda", "Katalog", "Kategori"]
    for lang in ("en", "ar"):
        page = read(sample_site, f"{lang}/katalog/")
        tabs = [a["href"] for a in page.anchors if "md-tabs__link" in (a.get("class") or "")]
        # Every tab stays in the language (relative links from <lang>/katalog/).
        assert all((sample_site / f"{lang}/katalog" / h).resolve().is_relative_to((sample_site / lang).resolve())
                   for h in tabs), tabs


def test_interface_is_translated_not_only_material(sample_site, sample_catalogue):
    product = sample_catalogue.products[0]
    for lang in ("en", "ar"):
        html = (sample_site / lang / "produk" / product.slug / "index.html").read_text("utf-8")
        for key in ("section.description", "section.spec", "contact.whatsapp", "header.search"):
            assert t(lang, key) in html, (lang, key)
        assert t("id", "section.spec") not in html
    home = (sample_site / "en" / "index.html").read_text("utf-8")
    assert "Skip to content" in home and t("en", "home.featured") in home
    assert "انتقل إلى المحتوى" in (sample_site / "ar" / "index.html").read_text("utf-8")  # Material's Arabic


def test_untranslated_text_falls_back_with_a_note(sample_site, sample_catalogue):
    for product in sample_catalogue.products:
        for lang in ("en", "ar"):
            html = (sample_site / lang / "produk" / product.slug / "index.html").read_text("utf-8")
            missing = not all(x.has(lang) for x in (product.name, product.summary, product.description))
            assert ('class="opop-untranslated"' in html) == missing, (lang, product.slug)
            h1 = re.search(r'<h1 class="opop-product__name"([^>]*)>', html).group(1)
            if product.name.has(lang):
                assert "lang=" not in h1
            else:  # the Indonesian name is marked as Indonesian (and LTR inside Arabic)
                assert 'lang="id"' in h1 and (lang != "ar" or 'dir="ltr"' in h1), (lang, product.slug)


def test_search_page_per_language(sample_site):
    for lang in LANGS:
        html = (sample_site / PREFIX[lang] / "cari" / "index.html").read_text("utf-8")
        depth = 1 + (lang != "id")
        assert f'data-bundle="{"../" * depth}pagefind/"' in html  # one bundle, indexes per language
        assert f'data-base="{"../" * depth}"' in html  # result URLs are site-root relative
        assert f'placeholder="{t(lang, "search.placeholder")}"' in html


def _wa_and_mail(html: str) -> tuple[str, str, str]:
    wa = re.search(r'href="(https://wa\.me/[^"]+)"', html).group(1)
    parts = urlsplit(wa.replace("&amp;", "&"))
    mail = re.search(r'href="(mailto:[^"]+)"', html)
    subject = parse_qs(urlsplit(mail.group(1).replace("&amp;", "&")).query)["subject"][0] if mail else ""
    return parts.path[1:], parse_qs(parts.query)["text"][0], subject


def test_whatsapp_and_email_speak_the_page_language(sample_site, sample_catalogue):
    for product in sample_catalogue.products:
        for lang in LANGS:
            html = (sample_site / PREFIX[lang] / "produk" / product.slug / "index.html").read_text("utf-8")
            number, text, subject = _wa_and_mail(html)
            assert number == product.contact.whatsapp.lstrip("+")
            assert text == t(lang, "contact.wa_message", product=product.name.get(lang),
                             pesantren=product.pesantren.name)  # no site_url: no address line
            if product.contact.email:
                assert subject == t(lang, "contact.email_subject", product=product.name.get(lang))


def test_whatsapp_names_the_page_address_when_published(published_site, sample_catalogue):
    from conftest import PUBLISHED_URL

    product = sample_catalogue.products[0]
    for lang in LANGS:
        html = (published_site / PREFIX[lang] / "produk" / product.slug / "index.html").read_text("utf-8")
        _, text, _ = _wa_and_mail(html)
        greeting, address = text.split("\n")
        assert address == f"{PUBLISHED_URL}{PREFIX[lang]}produk/{product.slug}/"
        assert product.name.get(lang) in greeting
    arabic = (published_site / "ar" / "produk" / product.slug / "index.html").read_text("utf-8")
    assert _wa_and_mail(arabic)[1].startswith("السلام عليكم")  # decoded from the wa.me address


@pytest.mark.parametrize("typed", ["0811-5000-0001", "+62 811 5000 0001", "62 811-5000-0001",
                                   "0811 5000 0001", "+62-811-5000-0001"])
def test_contact_links_work_with_numbers_as_typed(tmp_path, typed):
    from catalogue.site.pages import build_pages
    from catalogue.photos.renditions import plan_catalogue
    from catalogue.products.validate import check_catalogue

    write_product(tmp_path, "kopi-satu", contact={"name": "Ustadz Contoh", "whatsapp": typed,
                                                  "email": "koperasi+kopi@contoh.example.org"})
    result = check_catalogue(tmp_path, date(2026, 1, 1))
    assert result.catalogue is not None, [p.format() for p in result.problems]
    images = plan_catalogue(result.catalogue)
    for lang in LANGS:
        page = next(p for p in build_pages(result.catalogue, images, lang) if p.url.endswith("produk/kopi-satu/"))
        number, text, subject = _wa_and_mail(str(page.body))
        assert number == "6281150000001"
        assert t(lang, "contact.wa_message", product=result.catalogue.products[0].name.get(lang),
                 pesantren="Pondok Pesantren kopi-satu") == text
        assert 'href="mailto:koperasi%2Bkopi@contoh.example.org?subject=' in str(page.body)
        assert subject == t(lang, "contact.email_subject", product=result.catalogue.products[0].name.get(lang))


def test_hand_written_pages_exist_in_every_language():
    docs = DOCS
    for page in ("index.md", "tentang.md", "data.md"):
        for lang in ("en", "ar"):
            assert (docs / lang / page).is_file(), f"docs/{lang}/{page}"
    for lang in ("en", "ar"):  # the home page has every generated block the Indonesian one has
        markers = set(re.findall(r"<!-- opop:([a-z-]+) -->", (docs / "index.md").read_text("utf-8")))
        assert markers == set(re.findall(r"<!-- opop:([a-z-]+) -->", (docs / lang / "index.md").read_text("utf-8")))
