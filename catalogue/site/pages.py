"""The catalogue as pages: Markdown with front matter, in memory, one per site address.

Pure: (catalogue, photo plan, language) in, `Page`s out; no MkDocs, no files. Each body is
one raw-HTML block rendered by `catalogue.site.html` (autoescaped), so MkDocs only wraps it in the
theme. Links inside bodies are relative (see `catalogue.site.urls`).

Pages: katalog/, kategori/ and kategori/<id>/, kabupaten/ and kabupaten/<slug>/, pesantren/,
cari/, cetak/ (the printable catalogue), produk/<slug>/; every one in each language of
`catalogue.site.i18n` (Indonesian at the root, en/…, ar/…). The home page is hand-written (docs/index.md); `home_sections` gives
the generated blocks it places with `<!-- opop:NAME -->` markers.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from catalogue.network import regency_map
from catalogue.site import buyer_view, html, i18n, network_pages, search_words, urls
from catalogue.site.page import Page, Tile
from catalogue.site import formatting as fmt
from catalogue.locales import STRINGS, plural, translator
from catalogue.products.markdown_text import render_description
from catalogue.products.model import Catalogue, Product, Text
from catalogue.products.taxonomy import CATEGORIES, REGENCIES

FEATURED_LIMIT = 8  # two rows of four on a desktop, four rows of two on a phone
PREVIEW_PRODUCTS = 4  # photos in a listing page's link preview (catalogue.photos.collage)
# Material's bundled icons (no extra files, no font): a picture beside each entry tile.
CATEGORY_ICONS = {
    "makanan": "material/food-apple-outline", "minuman": "material/cup-outline",
    "kerajinan": "material/basket-outline", "fesyen": "material/tshirt-crew-outline",
    "pertanian": "material/sprout-outline", "perikanan": "material/fish",
    "peternakan": "material/bee", "herbal": "material/leaf",
    "rumah-tangga": "material/home-outline", "jasa": "material/handshake-outline",
}
REGENCY_ICON = "material/map-marker-outline"
HOME_MARKERS = ("search", "stats", "featured", "categories", "regencies", "network")


@dataclass(frozen=True)
class Card:
    slug: str
    url: str
    name: str
    alt: str
    pesantren: str
    regency: str
    price: str
    unit: str
    badges: list[buyer_view.Badge]
    image: Any  # the WebP card rendition
    price_min: int = 0  # for the listing's sort orders (assets/javascripts/opop-sort.js)
    updated: str = ""  # YYYYMMDD


def _sort_key(text: str) -> str:
    return unicodedata.normalize("NFKD", text).casefold()


class _Builder:
    """Renders pages for one catalogue in one language. `images` is the photo plan:
    slug → ProductImages (catalogue.photos.renditions)."""

    def __init__(self, catalogue: Catalogue, images: Mapping[str, Any], lang: str,
                 site_url: str | None = None, qr: Any = None, pdfs: Mapping[str, tuple[str, int]] | None = None):
        self.catalogue = catalogue
        self.pdfs = pdfs or {}  # page address → (PDF address, bytes): catalogue.site.pdf_files
        self.qr = qr  # catalogue.site.printing.QrCodes, or None: no QR codes (no site_url either)
        self.images = images
        self.lang = lang
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.t = translator(lang)
        self.by_category = catalogue.by_category()
        self.by_regency = catalogue.by_regency()
        self.network = network_pages.NetworkBuilder(catalogue, lang)  # issue 6: exchange, trust

    def tx(self, text: Text | None) -> str:
        return text.get(self.lang) if text is not None else ""

    def render(self, template: str, page_url: str, **context: Any) -> Markup:
        # `u` links pages in this page's language (catalogue.site.i18n): templates name addresses
        # as in Indonesian ("kategori/x/") and the link lands on "en/kategori/x/" in English.
        return html.render(template, t=self.t, tx=self.tx, u=i18n.linker(page_url, self.lang),
                           lang=self.lang, **context)

    def pdf_link(self, page_url: str) -> dict[str, str] | None:
        """The "Unduh katalog PDF (2,4 MB)" link a page offers, addressed from that page."""
        from catalogue.site.pdf_files import download_link

        found = download_link(self.pdfs, page_url, self.lang)
        if found is None:
            return None
        return {"href": i18n.linker(page_url, self.lang)(found[0], shared=True), "text": found[1]}

    def absolute(self, url: str) -> str | None:
        """The public address of a page of this language (None without a site_url)."""
        return self.site_url + i18n.localize(url, self.lang) if self.site_url else None

    def fallback_attrs(self, text: Text | None) -> Markup:
        """lang (and, on right-to-left pages, dir) for product text shown in Indonesian
        because it has no translation, so screen readers and line layout treat it right."""
        if text is None or self.lang == i18n.DEFAULT or text.has(self.lang):
            return Markup("")
        extra = ' dir="ltr"' if i18n.direction(self.lang) == "rtl" else ""
        return Markup(f' lang="{i18n.DEFAULT}"{extra}')

    # Pieces ---------------------------------------------------------------------------

    def card(self, product: Product) -> Card:
        first = self.images[product.slug].photos[0]
        return Card(
            slug=product.slug,
            url=product.url,
            name=self.tx(product.name),
            alt=self.tx(first.photo.alt),
            pesantren=product.pesantren.name,
            regency=REGENCIES[product.pesantren.regency].get(self.lang),
            price=buyer_view.price_from(product, self.lang),
            unit=self.tx(product.price.unit),
            badges=buyer_view.badges(product, self.catalogue.today, self.lang),
            image=first.card_webp,
            price_min=product.price.min,
            updated=product.updated.strftime("%Y%m%d"),
        )

    @functools.cached_property
    def name_rank(self) -> dict[str, int]:
        """Each product's place in this language's A–Z order (the search's name sort)."""
        return {p.slug: rank for rank, p in enumerate(self.sorted_products(self.catalogue.products), 1)}

    def sorted_products(self, products: Sequence[Product]) -> list[Product]:
        return sorted(products, key=lambda p: (_sort_key(self.tx(p.name)), p.slug))

    def count(self, n: int) -> str:
        return plural(self.lang, "count.products", n, n=fmt.number(n, self.lang))

    def category_tiles(self) -> list[Tile]:
        return [Tile(urls.category(code), label.get(self.lang), self.count(len(self.by_category[code])),
                     html.icon(CATEGORY_ICONS.get(code, "material/tag-outline")))
                for code, label in CATEGORIES.items() if code in self.by_category]

    def regency_tiles(self) -> list[Tile]:
        return [Tile(urls.regency(code), label.get(self.lang), self.count(len(self.by_regency[code])),
                     html.icon(REGENCY_ICON))
                for code, label in REGENCIES.items() if code in self.by_regency]

    def listing(self, url: str, title: str, intro: str, products: Sequence[Product],
                _map: dict[str, Any] | None = None, **meta: Any) -> Page:
        shown = self.sorted_products(products)
        cards = [self.card(p) for p in shown]
        body = self.render("listing.html", url, title=title, intro=intro, cards=cards,
                           count=self.count(len(cards)), map=_map, pdf=self.pdf_link(url))
        # `preview`: the products whose photos make the page's link preview (photos/collage.py).
        return Page(url, title, body, {"description": intro, **_hide(), **meta,
                                       "preview": [p.slug for p in shown[:PREVIEW_PRODUCTS]]})

    # Pages ----------------------------------------------------------------------------

    def product_page(self, product: Product) -> Page:
        lang, today = self.lang, self.catalogue.today
        url = product.url
        plan = self.images[product.slug]
        name = self.tx(product.name)
        category = CATEGORIES[product.category].get(lang)
        regency = REGENCIES[product.pesantren.regency].get(lang)
        page_abs = self.absolute(url)
        loc = product.pesantren.location
        needs = [{"text": self.tx(n.text), "category": CATEGORIES[n.category].get(lang),
                  "url": urls.category(n.category) if n.category in self.by_category else None}
                 for n in product.needs]
        body = self.render(
            "product.html", url,
            p=product, name=name, category=category, regency=regency,
            links={"catalogue": urls.CATALOGUE, "category": urls.category(product.category),
                   "regency": urls.regency(product.pesantren.regency), "shortlist": urls.SHORTLIST},
            counts={"category": self.count(len(self.by_category[product.category])),
                    "regency": self.count(len(self.by_regency[product.pesantren.regency]))},
            badge_list=buyer_view.badges(product, today, lang),
            photos=plan.photos,
            card_image=plan.photos[0].card_webp,
            price=buyer_view.price_range(product, lang),
            price_from=buyer_view.price_from(product, lang),
            min_order=(f"{fmt.number(product.min_order.quantity, lang)} {self.tx(product.min_order.unit)}"
                       if product.min_order else ""),
            whatsapp=urls.whatsapp(product.contact.whatsapp,
                                   buyer_view.whatsapp_message(product, lang, page_abs)),
            mailto=(urls.mailto(product.contact.email, self.t("contact.email_subject", product=name))
                    if product.contact.email else ""),
            description=render_description(self.tx(product.description)),
            spec=buyer_view.spec_rows(product, lang),
            certs=buyer_view.certification_rows(product, today, lang),
            coop=buyer_view.cooperative_rows(product, lang),
            map=urls.map_link(loc.lat, loc.lon) if loc else "",
            needs=needs,
            filters=buyer_view.search_filters(product, today, lang),
            fallback=self.fallback_attrs,
            untranslated=self.untranslated(product),
            sheet=self.print_facts(product),
            search_words=search_words.extra_words(product, lang),
            locator=regency_map.locator_map(
                product.pesantren.regency, location=(loc.lat, loc.lon) if loc else None,
                sprite=i18n.linker(url, lang)(regency_map.SPRITE_URL, shared=True),
                label=self.t("map.locator", pesantren=product.pesantren.name, regency=regency)),
            sort_keys=buyer_view.search_sort_keys(product, self.name_rank[product.slug]),
            **self.network.product_context(product),  # `net`: _trust.html, _needed_by.html
        )
        meta = {
            "description": self.tx(product.summary),
            **_hide(),
            "opop": {"kind": "product", "slug": product.slug, "image": plan.og.url,
                     "image_width": plan.og.width, "image_height": plan.og.height,
                     "image_alt": self.tx(plan.photos[0].photo.alt),
                     "updated": product.updated.isoformat()},
        }
        return Page(url, name, body, meta)

    def untranslated(self, product: Product) -> bool:
        """Does this page show some of the product's main text in Indonesian (no translation)?"""
        if self.lang == i18n.DEFAULT:
            return False
        return not all(t.has(self.lang) for t in (product.name, product.summary, product.description))

    def print_facts(self, product: Product) -> dict[str, Any]:
        """What only the printed page shows: the page address as text and as a QR code, and
        the WhatsApp number written out (a link cannot be tapped on paper)."""
        address = self.absolute(product.url)
        qr = self.qr.svg(address, label=address) if self.qr is not None and address else Markup("")
        return {"address": address or "", "qr": qr, "whatsapp": fmt.phone(product.contact.whatsapp)}

    def printable_page(self) -> Page:
        """cetak/: every product in one list for trade fairs, by category, each with its QR
        code (see catalogue.site.printing), price, minimum order, permits and WhatsApp number."""
        url, title = urls.PRINT, self.t("print.catalogue")
        groups = []
        for code, label in CATEGORIES.items():
            if code not in self.by_category:
                continue
            entries = []
            for p in self.sorted_products(self.by_category[code]):
                entries.append({
                    "p": p, "name": self.tx(p.name), "name_attrs": self.fallback_attrs(p.name),
                    "url": p.url, "regency": REGENCIES[p.pesantren.regency].get(self.lang),
                    "price": buyer_view.price_range(p, self.lang), "unit": self.tx(p.price.unit),
                    "min_order": (f"{fmt.number(p.min_order.quantity, self.lang)} {self.tx(p.min_order.unit)}"
                                  if p.min_order else ""),
                    "badges": buyer_view.badges(p, self.catalogue.today, self.lang),
                    **self.print_facts(p),
                })
            groups.append({"label": label.get(self.lang), "entries": entries})
        latest = max((p.updated for p in self.catalogue.products), default=None)
        intro = self.t("print.catalogue_intro")
        body = self.render("printable.html", url, title=title, intro=intro, groups=groups,
                           as_of=self.t("print.as_of", date=fmt.long_date(latest, self.lang)) if latest else "",
                           count=self.count(len(self.catalogue.products)))
        return Page(url, title, body, {"description": intro, **_hide(), "opop": {"kind": "print"}})

    def catalogue_page(self) -> Page:
        return self.listing(urls.CATALOGUE, self.t("catalogue.title"), self.t("catalogue.intro"),
                            self.catalogue.products)

    def category_pages(self) -> list[Page]:
        pages = []
        for code, label in CATEGORIES.items():
            if code in self.by_category:
                title = label.get(self.lang)
                pages.append(self.listing(urls.category(code), title,
                                          self.t("category.intro", category=title),
                                          self.by_category[code]))
        return pages

    def regency_pages(self) -> list[Page]:
        pages = []
        for code, label in REGENCIES.items():
            if code in self.by_regency:
                title = label.get(self.lang)
                pages.append(self.listing(urls.regency(code), title,
                                          self.t("regency.intro", regency=title),
                                          self.by_regency[code],
                                          _map=self.producers_map(urls.regency(code), highlight=code)))
        return pages

    def producers_map(self, page_url: str, highlight: str | None = None) -> dict[str, Any]:
        """The producers' map for a page (templates/_map.html): the SVG, its legend, and the
        same numbers as a table, every regency linked to its page when it has products.
        None when the province has no map (its region file names none)."""
        if not regency_map.has_map():
            return None
        u = i18n.linker(page_url, self.lang)
        regions = []
        for code, label in REGENCIES.items():
            name, count = label.get(self.lang), len(self.by_regency.get(code, ()))
            # The link's name holds the digit the map shows ("…: 1 produk"; WCAG 2.5.3).
            regions.append(regency_map.Region(code, name, count, u(urls.regency(code)) if count else None,
                                              f"{name}: {fmt.number(count, self.lang)} {self.t('map.unit')}"))
        svg = regency_map.producers_map(
            regions, title=self.t("map.title"), description=self.t("map.description"), highlight=highlight,
            map_id="peta-" + (highlight or "semua").replace(".", "-"))
        return {"svg": svg, "legend": regency_map.legend(regions, self.t("map.unit"), self.t("map.none")),
                "rows": [(r.name, r.url, r.count, r.code == highlight) for r in regions]}

    def tiles_page(self, url: str, title: str, intro: str, tiles: list[Tile], with_map: bool = False) -> Page:
        body = self.render("tiles.html", url, title=title, intro=intro, tiles=tiles,
                           map=self.producers_map(url) if with_map else None)
        return Page(url, title, body, {"description": intro, **_hide()})

    def pesantren_page(self) -> Page:
        url, title = urls.PESANTREN, self.t("pesantren.title")
        groups = []
        for code, label in REGENCIES.items():
            if code not in self.by_regency:
                continue
            entries = sorted(self.by_regency[code], key=lambda p: _sort_key(p.pesantren.name))
            groups.append({"label": label.get(self.lang), "url": urls.regency(code), "entries": [
                {"pesantren": p.pesantren, "cooperative": p.cooperative.name, "product": self.tx(p.name),
                 "url": p.url, "category": CATEGORIES[p.category].get(self.lang)} for p in entries]})
        intro = self.t("pesantren.intro", n=fmt.number(len(self.catalogue.products), self.lang))
        body = self.render("pesantren.html", url, title=title, intro=intro, groups=groups)
        return Page(url, title, body, {"description": intro, **_hide()})

    def shortlist_page(self) -> Page:
        """daftar/: the buyer's saved products, one message per seller (site/shortlist.py)."""
        url, title = urls.SHORTLIST, self.t("shortlist.title")
        keys = ("count", "empty", "error", "quantity", "minimum", "remove", "remove_named", "note", "whatsapp",
                "email", "subject", "greeting", "line", "note_line", "closing")
        words = {key: self.t(f"shortlist.{key}") for key in keys}
        body = self.render("shortlist.html", url, title=title, intro=self.t("shortlist.intro"),
                           words_json=json.dumps(words, ensure_ascii=False))
        return Page(url, title, body, {"description": self.t("shortlist.intro"), **_hide(), "opop": {"kind": "shortlist"}})

    def search_page(self) -> Page:
        url, title = urls.SEARCH, self.t("search.title")
        facets = [{"key": key, "label": self.t(f"filter.{key}")} for key in buyer_view.SEARCH_FACETS]
        words = {key: self.t(f"search.{key}") for key in (
            "count", "none", "error", "more", "clear", "active")}
        # Plural forms of the result count, by CLDR category, for Intl.PluralRules in the page.
        words["plural"] = {form: STRINGS[self.lang][f"search.count#{form}"]
                           for form in ("zero", "one", "two", "few", "many", "other")
                           if f"search.count#{form}" in STRINGS.get(self.lang, {})}
        body = self.render("search.html", url, title=title, intro=self.t("search.intro"),
                           facets_json=json.dumps(facets, ensure_ascii=False),
                           words_json=json.dumps(words, ensure_ascii=False))
        return Page(url, title, body, {"description": self.t("search.intro"), **_hide(),
                                       "template": "opop-search.html",
                                       "opop": {"kind": "search"}})

    # Home -----------------------------------------------------------------------------

    def featured(self, slugs: Sequence[str]) -> list[Product]:
        """The chosen slugs in their order; otherwise the most recently checked product of
        each category (variety before recency), newest first, at most FEATURED_LIMIT."""
        by_slug = {p.slug: p for p in self.catalogue.products}
        if slugs:
            return [by_slug[s] for s in slugs]
        newest = [max(group, key=lambda p: (p.updated, p.slug)) for group in self.by_category.values()]
        return sorted(newest, key=lambda p: (p.updated, p.slug), reverse=True)[:FEATURED_LIMIT]

    def home_sections(self, featured: Sequence[str]) -> dict[str, Markup]:
        url, products = urls.HOME, self.catalogue.products
        stats = [
            (fmt.number(len(products), self.lang), self.t("stats.products")),
            (fmt.number(len({p.pesantren.name for p in products}), self.lang), self.t("stats.pesantren")),
            (fmt.number(len(self.by_regency), self.lang), self.t("stats.regencies")),
            (fmt.number(sum(1 for p in products if p.export.ready), self.lang), self.t("stats.export")),
        ]
        cards = [self.card(p) for p in self.featured(featured)]
        return {
            "search": self.render("home_search.html", url),
            "stats": self.render("home_stats.html", url, stats=stats),
            "featured": self.render("home_featured.html", url, cards=cards, pdf=self.pdf_link(url)),
            "categories": self.render("home_tiles.html", url, heading=self.t("home.categories"),
                                      tiles=self.category_tiles(), more=urls.CATEGORIES, map=None),
            "regencies": self.render("home_tiles.html", url, heading=self.t("home.regencies"),
                                     tiles=self.regency_tiles(), more=urls.REGENCIES, map=self.producers_map(url)),
            "network": self.network.home_block(),
        }


def _hide() -> dict[str, list[str]]:
    # Catalogue pages use the full width: the nav lives in the header tabs / drawer.
    return {"hide": ["navigation", "toc"]}


def build_pages(catalogue: Catalogue, images: Mapping[str, Any], lang: str = "id", *,
                site_url: str | None = None, qr: Any = None,
                pdfs: Mapping[str, tuple[str, int]] | None = None) -> list[Page]:
    """Every generated page in `lang`, index pages first, then products by slug (stable
    order). Addresses are the language's own (catalogue.site.i18n: "en/produk/x/"). `qr` (a
    catalogue.site.printing.QrCodes) adds QR codes to print views; they need `site_url`."""
    b = _Builder(catalogue, images, lang, site_url, qr, pdfs)
    pages = [
        b.catalogue_page(),
        b.tiles_page(urls.CATEGORIES, b.t("categories.title"), b.t("categories.intro"), b.category_tiles()),
        *b.category_pages(),
        b.tiles_page(urls.REGENCIES, b.t("regencies.title"), b.t("regencies.intro"), b.regency_tiles(), with_map=True),
        *b.regency_pages(),
        b.pesantren_page(),
        b.search_page(),
        b.shortlist_page(),
        b.printable_page(),
        *b.network.pages(),  # tukar/, koperasi/, statistik/
    ]
    pages.extend(b.product_page(p) for p in catalogue.products)
    if lang != i18n.DEFAULT:
        pages = [dataclasses.replace(page, url=i18n.localize(page.url, lang)) for page in pages]
    return pages


def home_sections(catalogue: Catalogue, images: Mapping[str, Any], lang: str = "id", *,
                  featured: Sequence[str] = (), pdfs: Mapping[str, tuple[str, int]] | None = None) -> dict[str, Markup]:
    """Generated blocks for the hand-written home page, by marker name (HOME_MARKERS)."""
    return _Builder(catalogue, images, lang, pdfs=pdfs).home_sections(featured)


def featured_slugs(catalogue: Catalogue, featured: Sequence[str] = ()) -> list[str]:
    """The home page's featured products: also the link preview of pages that list none."""
    return [p.slug for p in _Builder(catalogue, {}, i18n.DEFAULT).featured(featured)]


def unknown_featured(catalogue: Catalogue, featured: Sequence[str]) -> list[str]:
    """Slugs in the `featured` option that name no product (a configuration error)."""
    known = {p.slug for p in catalogue.products}
    return [s for s in featured if s not in known]
