"""What search engines, link previews and trade agencies read: JSON-LD, Open Graph, hreflang,
sitemap.xml, robots.txt and the published open data.

Read from the "published" session build (with a site_url, as production builds); the sample
build without one checks that nothing absolute is written wrong.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import PUBLISHED_URL
from PIL import Image

from catalogue.site import exports, i18n, seo
from catalogue.products.taxonomy import CATEGORIES

LANGS = ("id", "en", "ar")
PREFIX = {"id": "", "en": "en/", "ar": "ar/"}


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict] = []
        self.jsonld: list[str] = []
        self.title = ""
        self._ld = self._title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta.setdefault(a.get("property") or a.get("name"), []).append(a.get("content", ""))
        elif tag == "link":
            self.links.append(a)
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._ld = True
            self.jsonld.append("")
        elif tag == "title":
            self._title = True

    def handle_data(self, data):
        if self._ld:
            self.jsonld[-1] += data
        if self._title:
            self.title += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._ld = False
        if tag == "title":
            self._title = False

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]

    def alternates(self) -> dict[str, str]:
        return {a["hreflang"]: a["href"] for a in self.links if a.get("rel") == "alternate" and a.get("hreflang")}


def head(site: Path, url: str) -> _Head:
    parser = _Head()
    parser.feed((site / url / "index.html").read_text("utf-8"))
    return parser


def page_urls(site: Path) -> list[str]:
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html") if "pagefind" not in p.parts)


# --- JSON inside <script> ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!-- x", "a & b > c",
                                  "line\u2028break\u2029", "\"quoted\" \\ back"])
def test_script_json_cannot_break_out(text):
    out = seo.script_json({"name": text})
    assert not set(out) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(out) == {"name": text}


# --- product pages: JSON-LD and link previews --------------------------------------------------

FORBIDDEN = ("aggregateRating", "review", "Review", "AggregateRating", "ratingValue")


def test_product_jsonld_on_every_product_page(published_site, sample_catalogue):
    for product in sample_catalogue.products:
        for lang in LANGS:
            url = f"{PREFIX[lang]}produk/{product.slug}/"
            h = head(published_site, url)
            assert len(h.jsonld) == 1, url
            raw = h.jsonld[0]
            assert "<" not in raw and not any(word in raw for word in FORBIDDEN), url  # no made-up ratings
            data = json.loads(raw)
            page = PUBLISHED_URL + url
            assert data["@context"] == "https://schema.org" and data["@type"] == "Product"
            assert data["name"] == product.name.get(lang)
            assert data["description"] == product.summary.get(lang)
            assert data["url"] == page and data["sku"] == product.slug
            assert data["category"] == CATEGORIES[product.category].get(lang)
            assert data["brand"] == {"@type": "Brand", "name": product.pesantren.name}
            assert data["manufacturer"]["@type"] == "Organization"
            assert data["manufacturer"]["name"] == product.pesantren.name
            offer = data["offers"]
            assert offer["url"] == page and offer["priceCurrency"] == "IDR"
            assert offer["availability"] == "https://schema.org/InStock"
            assert offer["seller"]["name"] == product.cooperative.name
            if product.price.max and product.price.max != product.price.min:  # a range: nothing claims one price
                assert offer["@type"] == "AggregateOffer" and "price" not in offer
                assert (offer["lowPrice"], offer["highPrice"]) == (str(product.price.min), str(product.price.max))
            else:
                assert offer["@type"] == "Offer" and offer["price"] == str(product.price.min)
                assert "lowPrice" not in offer
            if product.min_order:
                assert offer["eligibleQuantity"]["minValue"] == product.min_order.quantity
            assert data["image"][0] == h.one("og:image")
            assert len(data["image"]) == 1 + len(product.photos)
            assert all(i.startswith(PUBLISHED_URL + "media/") for i in data["image"])


def test_link_previews(published_site, sample_catalogue):
    for product in sample_catalogue.products:
        for lang in LANGS:
            url = f"{PREFIX[lang]}produk/{product.slug}/"
            h = head(published_site, url)
            assert h.title.strip() == f"{product.name.get(lang)} - {h.one('og:site_name')}"
            assert h.one("og:title") == product.name.get(lang)
            assert "twitter:title" not in h.meta and "twitter:description" not in h.meta  # X reads og:*
            assert h.one("og:description") == product.summary.get(lang) == h.one("description")
            assert h.one("og:url") == PUBLISHED_URL + url
            assert [a["href"] for a in h.links if a.get("rel") == "canonical"] == [PUBLISHED_URL + url]
            assert h.one("og:type") == "product"
            assert h.one("og:locale") == i18n.OG_LOCALES[lang]
            assert sorted(h.meta["og:locale:alternate"]) == sorted(i18n.OG_LOCALES[x] for x in LANGS if x != lang)
            assert h.one("twitter:card") == "summary_large_image"
            image = h.one("og:image")
            assert image.startswith(PUBLISHED_URL + "media/") and image.endswith(".jpg")
            assert (h.one("og:image:width"), h.one("og:image:height")) == ("1200", "630")
            with Image.open(published_site / image.removeprefix(PUBLISHED_URL)) as im:
                assert im.size == (1200, 630)
            assert h.one("og:image:alt")


def test_every_page_has_a_title_description_and_preview(published_site):
    for url in page_urls(published_site):
        h = head(published_site, url)
        lang = i18n.lang_of(url)
        assert h.title.strip() and h.one("description") and h.one("og:title"), url
        assert h.one("og:locale") == i18n.OG_LOCALES[lang], url
        assert h.one("og:url") == PUBLISHED_URL + url, url
        # A link to any page shared on WhatsApp shows a picture (a collage off product pages).
        assert h.one("twitter:card") == "summary_large_image", url
        image = h.one("og:image")
        assert image.startswith(PUBLISHED_URL + "media/") and image.endswith(".jpg"), url
        with Image.open(published_site / image.removeprefix(PUBLISHED_URL)) as im:
            assert im.size == (1200, 630) and im.format == "JPEG" and not im.getexif(), url
        assert h.one("og:image:alt") and h.one("twitter:image:alt") == h.one("og:image:alt"), url


def test_a_listing_preview_shows_its_own_first_products(published_site, sample_catalogue):
    from catalogue.photos.collage import collage
    from catalogue.photos.renditions import plan_catalogue

    plans = plan_catalogue(sample_catalogue)
    drinks = sorted((p for p in sample_catalogue.products if p.category == "minuman"), key=lambda p: p.name.id.casefold())
    h = head(published_site, "kategori/minuman/")
    expected = collage([plans[p.slug].og for p in drinks])
    assert h.one("og:image") == PUBLISHED_URL + expected.url
    assert h.one("og:image:alt") == "Foto produk pesantren: " + ", ".join(p.name.id for p in drinks[:4])
    assert head(published_site, "kategori/kerajinan/").one("og:image") != h.one("og:image")


def test_no_absolute_addresses_without_a_site_url(sample_site):
    h = head(sample_site, "produk/" + next((sample_site / "produk").iterdir()).name)
    assert "og:image" not in h.meta and "og:url" not in h.meta
    assert not [a for a in h.links if a.get("rel") in ("canonical", "alternate")]
    assert h.jsonld and "url" not in json.loads(h.jsonld[0])  # the facts, without addresses
    assert not (sample_site / "sitemap.xml").exists()
    assert (sample_site / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"


# --- hreflang ---------------------------------------------------------------------------------


def test_hreflang_absolute_self_including_and_reciprocal(published_site):
    urls = page_urls(published_site)
    declared = {PUBLISHED_URL + url: head(published_site, url).alternates() for url in urls}
    assert len(declared) == len(urls) > 3 * 30
    translated = {page: alternates for page, alternates in declared.items() if alternates}
    assert len(translated) >= len(declared) - 1  # docs/photos.md, a maintainers' note, has no translation
    for page, alternates in translated.items():
        assert set(alternates) == {"id", "en", "ar", "x-default"}, page
        assert alternates[i18n.lang_of(page.removeprefix(PUBLISHED_URL))] == page, page  # self
        assert alternates["x-default"] == alternates["id"]
        for lang, href in alternates.items():
            assert href.startswith(PUBLISHED_URL), href  # absolute
            assert declared[href] == alternates, (page, lang, href)  # reciprocal: the same set


# --- sitemap.xml and robots.txt ---------------------------------------------------------------

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_every_page_with_alternates_and_dates(published_site, sample_catalogue):
    root = ET.parse(published_site / "sitemap.xml").getroot()
    entries = {}
    for node in root.findall("s:url", NS):
        loc = node.find("s:loc", NS).text
        assert loc not in entries
        entries[loc] = (node.find("s:lastmod", NS).text,
                        {l.get("hreflang"): l.get("href") for l in node.findall("x:link", NS)})
    assert sorted(entries) == sorted(PUBLISHED_URL + url for url in page_urls(published_site))
    latest = max(p.updated for p in sample_catalogue.products).isoformat()
    updated = {f"{PUBLISHED_URL}{PREFIX[lang]}produk/{p.slug}/": p.updated.isoformat()
               for p in sample_catalogue.products for lang in LANGS}
    for loc, (lastmod, alternates) in entries.items():
        assert lastmod == updated.get(loc, latest), loc
        assert alternates == head(published_site, loc.removeprefix(PUBLISHED_URL)).alternates(), loc
    robots = (published_site / "robots.txt").read_text()
    assert robots == f"User-agent: *\nAllow: /\n\nSitemap: {PUBLISHED_URL}sitemap.xml\n"


# --- open data, as published ------------------------------------------------------------------


def _photo_file(site: Path, url: str) -> Path:
    assert url.startswith(PUBLISHED_URL + "media/"), url
    return site / url.removeprefix(PUBLISHED_URL)


def _plain(value):
    """The export's view of a model value, for comparing every field."""
    from catalogue.site.exports import _plain as plain

    return plain(value)


def test_published_json_round_trips_every_product_and_field(published_site, sample_catalogue):
    data = json.loads((published_site / exports.JSON_PATH).read_text("utf-8"))
    assert data["format"] == "katalog-opop-kalsel" and data["format_version"] == exports.FORMAT_VERSION
    assert data["documentation"] == PUBLISHED_URL + "data/"
    assert (published_site / "data" / "index.html").is_file()
    records = {r["slug"]: r for r in data["products"]}
    assert list(records) == [p.slug for p in sample_catalogue.products]
    for product in sample_catalogue.products:
        record = records[product.slug]
        assert record["url"] == f"{PUBLISHED_URL}produk/{product.slug}/"
        for field in product.__dataclass_fields__:
            if field in ("source", "photos", "certifications", "needs"):
                continue
            value = getattr(product, field)
            expected = _plain(exports._dataclass_dict(value) if hasattr(value, "__dataclass_fields__")
                              and not hasattr(value, "has") else value)
            if expected in (None, (), [], {}):  # left out (or an empty object: `export` with no values)
                assert record.get(field) in (None, {}), (product.slug, field)
            else:
                assert record[field] == (list(expected) if isinstance(expected, tuple) else expected), (product.slug, field)
        assert [c["number"] for c in record.get("certifications", [])] == [c.number for c in product.certifications]
        assert [n["text"] for n in record.get("needs", [])] == [_plain(n.text) for n in product.needs]
        assert len(record["photos"]) == len(product.photos)
        for photo, out in zip(product.photos, record["photos"]):
            assert out["alt"] == _plain(photo.alt)
            with Image.open(_photo_file(published_site, out["url"])) as im:  # the file is on the site
                assert im.format == "WEBP" and im.width <= 960


def test_published_csv_round_trips_every_product_and_column(published_site, sample_catalogue):
    raw = (published_site / exports.CSV_PATH).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    rows = list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    assert list(rows[0]) == list(exports.CSV_COLUMNS)
    assert [r["slug"] for r in rows] == [p.slug for p in sample_catalogue.products]
    for row, product in zip(rows, sample_catalogue.products):
        base = PUBLISHED_URL
        expected = {k: "" if v is None else str(v) for k, v in exports._row(
            product, base, [base + "x"] * len(product.photos)).items()}
        for column in exports.CSV_COLUMNS:
            if column == "photo":
                assert _photo_file(published_site, row["photo"]).is_file()
                continue
            assert row[column] == expected[column], (product.slug, column)
        assert row["name_id"] == product.name.id and int(row["price_min"]) == product.price.min


def test_open_data_is_linked_from_every_page(published_site):
    for url in ("", "en/", "ar/produk/" + next((published_site / "produk").iterdir()).name + "/"):
        html = (published_site / url / "index.html").read_text("utf-8")
        depth = url.count("/")
        for target in ("data/catalogue.json", "data/catalogue.csv"):
            assert f'href="{"../" * depth}{target}"' in html, (url, target)
    for lang in LANGS:  # and the field reference exists in each language, naming every column
        text = (published_site / PREFIX[lang] / "data" / "index.html").read_text("utf-8")
        assert "format_version" in text
    docs = Path(__file__).resolve().parents[1] / "docs"
    for page in (docs / "data.md", docs / "en" / "data.md"):
        words = set(re.findall(r"`([a-z_]+)`", page.read_text("utf-8")))
        assert set(exports.CSV_COLUMNS) <= words, (page, set(exports.CSV_COLUMNS) - words)
