"""The catalogue as pages: Markdown with front matter, in memory, one per site address.

Pure: (catalogue, photo plan, language) in, `Page`s out; no MkDocs, no files. Each body is
one raw-HTML block rendered by `catalogue.html` (autoescaped), so MkDocs only wraps it in the
theme. Links inside bodies are relative (see `catalogue.urls`).

Pages: katalog/, kategori/ and kategori/<id>/, kabupaten/ and kabupaten/<slug>/, pesantren/,
cari/, produk/<slug>/. The home page is hand-written (docs/index.md); `home_sections` gives
the generated blocks it places with `<!-- opop:NAME -->` markers.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import yaml
from markupsafe import Markup

from catalogue import facts, html, urls
from catalogue import formatting as fmt
from catalogue.locales import t, translator
from catalogue.markdown_text import render_description
from catalogue.model import Catalogue, Product, Text
from catalogue.taxonomy import CATEGORIES, REGENCIES

FEATURED_LIMIT = 8  # two rows of four on a desktop, four rows of two on a phone
# Material's bundled icons (no extra files, no font): a picture beside each entry tile.
CATEGORY_ICONS = {
    "makanan": "material/food-apple-outline", "minuman": "material/cup-outline",
    "kerajinan": "material/basket-outline", "fesyen": "material/tshirt-crew-outline",
    "pertanian": "material/sprout-outline", "perikanan": "material/fish",
    "peternakan": "material/bee", "herbal": "material/leaf",
    "rumah-tangga": "material/home-outline", "jasa": "material/handshake-outline",
}
REGENCY_ICON = "material/map-marker-outline"
HOME_MARKERS = ("search", "stats", "featured", "categories", "regencies")


@dataclass(frozen=True)
class Page:
    """One generated page. `url` is site-relative ("produk/kopi/"); `meta` is its front matter."""

    url: str
    title: str
    body: Markup
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)

    @property
    def markdown(self) -> str:
        """Front matter + body: what MkDocs (or any Markdown site generator) reads."""
        return front_matter({"title": self.title, **self.meta}) + "\n" + str(self.body) + "\n"


class _QuotingDumper(yaml.SafeDumper):
    """Writes every string double-quoted on one line, so no product text (a colon, "---",
    a newline, "yes") can end the front matter early or change its type."""


_QuotingDumper.add_representer(
    str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"'))


def front_matter(meta: Mapping[str, Any]) -> str:
    text = yaml.dump(dict(meta), Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False,
                     width=2**31 - 1)
    return f"---\n{text}---\n"


@dataclass(frozen=True)
class Card:
    url: str
    name: str
    alt: str
    pesantren: str
    regency: str
    price: str
    unit: str
    badges: list[facts.Badge]
    image_webp: Any
    image_jpeg: Any


@dataclass(frozen=True)
class Tile:
    url: str
    label: str
    count: str
    icon: Markup = Markup("")


def _sort_key(text: str) -> str:
    return unicodedata.normalize("NFKD", text).casefold()


class _Builder:
    """Renders pages for one catalogue in one language. `images` is the photo plan:
    slug → ProductImages (catalogue.photos)."""

    def __init__(self, catalogue: Catalogue, images: Mapping[str, Any], lang: str,
                 site_url: str | None = None):
        self.catalogue = catalogue
        self.images = images
        self.lang = lang
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.t = translator(lang)
        self.by_category = catalogue.by_category()
        self.by_regency = catalogue.by_regency()

    def tx(self, text: Text | None) -> str:
        return text.get(self.lang) if text is not None else ""

    def render(self, template: str, page_url: str, **context: Any) -> Markup:
        return html.render(template, t=self.t, tx=self.tx, u=partial(urls.relative, page_url),
                           lang=self.lang, **context)

    # Pieces ---------------------------------------------------------------------------

    def card(self, product: Product) -> Card:
        first = self.images[product.slug].photos[0]
        return Card(
            url=product.url,
            name=self.tx(product.name),
            alt=self.tx(first.photo.alt),
            pesantren=product.pesantren.name,
            regency=REGENCIES[product.pesantren.regency].get(self.lang),
            price=facts.price_from(product, self.lang),
            unit=self.tx(product.price.unit),
            badges=facts.badges(product, self.catalogue.today, self.lang),
            image_webp=first.card_webp,
            image_jpeg=first.card_jpeg,
        )

    def sorted_products(self, products: Sequence[Product]) -> list[Product]:
        return sorted(products, key=lambda p: (_sort_key(self.tx(p.name)), p.slug))

    def count(self, n: int) -> str:
        return self.t("count.products", n=fmt.number(n, self.lang))

    def category_tiles(self) -> list[Tile]:
        return [Tile(urls.category(code), label.get(self.lang), self.count(len(self.by_category[code])),
                     html.icon(CATEGORY_ICONS.get(code, "material/tag-outline")))
                for code, label in CATEGORIES.items() if code in self.by_category]

    def regency_tiles(self) -> list[Tile]:
        return [Tile(urls.regency(code), label.get(self.lang), self.count(len(self.by_regency[code])),
                     html.icon(REGENCY_ICON))
                for code, label in REGENCIES.items() if code in self.by_regency]

    def listing(self, url: str, title: str, intro: str, products: Sequence[Product],
                **meta: Any) -> Page:
        cards = [self.card(p) for p in self.sorted_products(products)]
        body = self.render("listing.html", url, title=title, intro=intro, cards=cards,
                           count=self.count(len(cards)))
        return Page(url, title, body, {"description": intro, **_hide(), **meta})

    # Pages ----------------------------------------------------------------------------

    def product_page(self, product: Product) -> Page:
        lang, today = self.lang, self.catalogue.today
        url = product.url
        plan = self.images[product.slug]
        name = self.tx(product.name)
        category = CATEGORIES[product.category].get(lang)
        regency = REGENCIES[product.pesantren.regency].get(lang)
        page_abs = self.site_url + url if self.site_url else None
        loc = product.pesantren.location
        needs = [{"text": self.tx(n.text), "category": CATEGORIES[n.category].get(lang),
                  "url": urls.category(n.category) if n.category in self.by_category else None}
                 for n in product.needs]
        body = self.render(
            "product.html", url,
            p=product, name=name, category=category, regency=regency,
            links={"catalogue": urls.CATALOGUE, "category": urls.category(product.category),
                   "regency": urls.regency(product.pesantren.regency)},
            counts={"category": self.count(len(self.by_category[product.category])),
                    "regency": self.count(len(self.by_regency[product.pesantren.regency]))},
            badge_list=facts.badges(product, today, lang),
            photos=plan.photos,
            card_image=plan.photos[0].card_jpeg, card_alt=self.tx(plan.photos[0].photo.alt),
            price=facts.price_range(product, lang),
            price_from=facts.price_from(product, lang),
            min_order=(f"{fmt.number(product.min_order.quantity, lang)} {self.tx(product.min_order.unit)}"
                       if product.min_order else ""),
            whatsapp=urls.whatsapp(product.contact.whatsapp,
                                   facts.whatsapp_message(product, lang, page_abs)),
            mailto=(urls.mailto(product.contact.email, self.t("contact.email_subject", product=name))
                    if product.contact.email else ""),
            description=render_description(self.tx(product.description)),
            spec=facts.spec_rows(product, lang),
            certs=facts.certification_rows(product, today, lang),
            coop=facts.cooperative_rows(product, lang),
            map=urls.map_link(loc.lat, loc.lon) if loc else "",
            needs=needs,
            filters=facts.search_filters(product, today, lang),
            icon_whatsapp=html.icon("fontawesome/brands/whatsapp"),
            icon_email=html.icon("material/email-outline"),
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
                                          self.by_regency[code]))
        return pages

    def tiles_page(self, url: str, title: str, intro: str, tiles: list[Tile]) -> Page:
        body = self.render("tiles.html", url, title=title, intro=intro, tiles=tiles)
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

    def search_page(self) -> Page:
        url, title = urls.SEARCH, self.t("search.title")
        facets = [{"key": key, "label": self.t(f"filter.{key}")} for key in facts.SEARCH_FACETS]
        words = {key: self.t(f"search.{key}") for key in (
            "count", "none", "error", "more", "clear", "active")}
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
            "featured": self.render("home_featured.html", url, cards=cards),
            "categories": self.render("home_tiles.html", url, heading=self.t("home.categories"),
                                      tiles=self.category_tiles(), more=urls.CATEGORIES),
            "regencies": self.render("home_tiles.html", url, heading=self.t("home.regencies"),
                                     tiles=self.regency_tiles(), more=urls.REGENCIES),
        }


def _hide() -> dict[str, list[str]]:
    # Catalogue pages use the full width: the nav lives in the header tabs / drawer.
    return {"hide": ["navigation", "toc"]}


def build_pages(catalogue: Catalogue, images: Mapping[str, Any], lang: str = "id", *,
                site_url: str | None = None) -> list[Page]:
    """Every generated page, index pages first, then products by slug (stable order)."""
    b = _Builder(catalogue, images, lang, site_url)
    pages = [
        b.catalogue_page(),
        b.tiles_page(urls.CATEGORIES, b.t("categories.title"), b.t("categories.intro"), b.category_tiles()),
        *b.category_pages(),
        b.tiles_page(urls.REGENCIES, b.t("regencies.title"), b.t("regencies.intro"), b.regency_tiles()),
        *b.regency_pages(),
        b.pesantren_page(),
        b.search_page(),
    ]
    pages.extend(b.product_page(p) for p in catalogue.products)
    return pages


def home_sections(catalogue: Catalogue, images: Mapping[str, Any], lang: str = "id", *,
                  featured: Sequence[str] = ()) -> dict[str, Markup]:
    """Generated blocks for the hand-written home page, by marker name (HOME_MARKERS)."""
    return _Builder(catalogue, images, lang).home_sections(featured)


def unknown_featured(catalogue: Catalogue, featured: Sequence[str]) -> list[str]:
    """Slugs in the `featured` option that name no product (a configuration error)."""
    known = {p.slug for p in catalogue.products}
    return [s for s in featured if s not in known]
