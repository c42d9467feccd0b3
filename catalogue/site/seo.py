"""What search engines and link previews read: head tags, Product JSON-LD, sitemap, robots.

Pure functions returning finished, escaped text; the plugin calls them per page. Absolute
addresses need the site's public URL (`site_url`, set by the Pages workflow from
OPOP_SITE_URL). Without it, everything that must be absolute (canonical, hreflang, og:url,
og:image, the sitemap) is left out rather than written wrong.

JSON inside <script> is escaped (`script_json`) so that no product text, say a name ending
in "</script>", can close the element early.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from markupsafe import Markup, escape

from catalogue import region
from catalogue.site import i18n
from catalogue.products.model import Product
from catalogue.products.taxonomy import CATEGORIES

_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> Markup:
    """JSON safe inside <script>: no "<", ">" or "&" (so no "</script>" or "<!--"), and no
    U+2028/2029, which end a line in older JavaScript parsers."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup("".join(_SCRIPT_ESCAPES.get(ch, ch) for ch in text))


def absolute(site_url: str | None, url: str) -> str | None:
    """site_url + a site-relative address, or None without a site_url. An address that is
    already absolute (a photo on the photo site, catalogue/site/photo_site.py) stays as it is."""
    if "://" in url:
        return url if site_url else None
    return site_url.rstrip("/") + "/" + url if site_url else None


# Product JSON-LD ---------------------------------------------------------------------------

AVAILABILITY = "https://schema.org/InStock"  # listed = sold today (spec: `markets`)


def product_jsonld(product: Product, lang: str, *, page_url: str | None, images: Sequence[str],
                   min_order_unit: str = "") -> dict[str, Any]:
    """schema.org Product with an Offer in rupiah (an AggregateOffer for a price range); the
    pesantren is brand and manufacturer,
    the cooperative the seller. Only facts from the product file: no rating, no review.

    `page_url` and `images` are absolute (None / empty without a site_url)."""
    ranged = product.price.max is not None and product.price.max != product.price.min
    # A price range is an AggregateOffer (lowPrice…highPrice); one price is an Offer.
    price = ({"@type": "AggregateOffer", "lowPrice": str(product.price.min), "highPrice": str(product.price.max)}
             if ranged else {"@type": "Offer", "price": str(product.price.min)})
    offer: dict[str, Any] = {
        **price,
        "priceCurrency": "IDR",
        "availability": AVAILABILITY,
        "itemCondition": "https://schema.org/NewCondition",
        "seller": {"@type": "Organization", "name": product.cooperative.name},
    }
    if product.min_order:
        offer["eligibleQuantity"] = {"@type": "QuantitativeValue", "minValue": product.min_order.quantity,
                                     "unitText": min_order_unit or product.min_order.unit.get(lang)}
    if page_url:
        offer["url"] = page_url
    pesantren: dict[str, Any] = {"@type": "Organization", "name": product.pesantren.name,
                                 "address": {"@type": "PostalAddress", "streetAddress": product.pesantren.address,
                                             "addressRegion": region.current().name_in("id"), "addressCountry": "ID"}}
    if product.pesantren.website:
        pesantren["url"] = product.pesantren.website
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name.get(lang),
        "description": product.summary.get(lang),
        "sku": product.slug,
        "category": CATEGORIES[product.category].get(lang),
        "brand": {"@type": "Brand", "name": product.pesantren.name},
        "manufacturer": pesantren,
        "countryOfOrigin": {"@type": "Country", "name": "ID"},
        "offers": offer,
    }
    if page_url:
        data["url"] = page_url
    if images:
        data["image"] = list(images)
    if product.hs_code:
        data["additionalProperty"] = [{"@type": "PropertyValue", "name": "HS code", "value": product.hs_code}]
    if product.tags:
        data["keywords"] = ", ".join(product.tags)
    return data


# Head tags -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Head:
    """What the head of one page says about it (all text plain; `tags` escapes)."""

    lang: str
    title: str
    description: str
    site_name: str
    url: str | None  # absolute, or None without a site_url
    alternates: Sequence[tuple[str, str]]  # (lang, absolute url), the page itself included
    kind: str = "website"  # og:type: "website" | "product"
    image: str | None = None  # absolute
    image_width: int | None = None
    image_height: int | None = None
    image_alt: str = ""
    jsonld: Mapping[str, Any] | None = None


def tags(head: Head) -> Markup:
    """<link rel=canonical/alternate>, Open Graph, Twitter card and JSON-LD, escaped."""
    out: list[str] = []

    def meta(attr: str, name: str, content: object) -> None:
        out.append(f'<meta {attr}="{name}" content="{escape(str(content))}">')

    if head.url:
        out.append(f'<link rel="canonical" href="{escape(head.url)}">')
    if head.url and len(head.alternates) > 1:  # a page in one language only has no alternates
        for lang, href in head.alternates:
            out.append(f'<link rel="alternate" hreflang="{lang}" href="{escape(href)}">')
        default = dict(head.alternates).get(i18n.DEFAULT)
        if default:
            out.append(f'<link rel="alternate" hreflang="x-default" href="{escape(default)}">')
    meta("property", "og:site_name", head.site_name)
    meta("property", "og:locale", i18n.OG_LOCALES[head.lang])
    for lang, _ in head.alternates:
        if lang != head.lang:
            meta("property", "og:locale:alternate", i18n.OG_LOCALES[lang])
    meta("property", "og:type", head.kind)
    meta("property", "og:title", head.title)
    if head.description:
        meta("property", "og:description", head.description)
    if head.url:
        meta("property", "og:url", head.url)
    if head.image:
        meta("property", "og:image", head.image)
        if head.image.startswith("https://"):
            meta("property", "og:image:secure_url", head.image)
        meta("property", "og:image:type", "image/jpeg")
        if head.image_width and head.image_height:
            meta("property", "og:image:width", head.image_width)
            meta("property", "og:image:height", head.image_height)
        if head.image_alt:
            meta("property", "og:image:alt", head.image_alt)
    # X reads og:title, og:description and og:image when its own tags are missing: only the card
    # type and the image's description (which has no Open Graph fallback there) are its own.
    meta("name", "twitter:card", "summary_large_image" if head.image else "summary")
    if head.image and head.image_alt:
        meta("name", "twitter:image:alt", head.image_alt)
    if head.jsonld:
        out.append(f'<script type="application/ld+json">{script_json(head.jsonld)}</script>')
    return Markup("\n".join(out))


# Sitemap and robots.txt ----------------------------------------------------------------------


@dataclass(frozen=True)
class SitemapEntry:
    url: str  # site-relative
    lastmod: date | str
    alternates: Sequence[tuple[str, str]]  # (lang, site-relative url), self included


def sitemap(entries: Iterable[SitemapEntry], site_url: str) -> str:
    """sitemap.xml with hreflang alternates (xhtml:link) for every page: the same alternates
    as the pages' heads, so both ways of declaring them agree. Sorted: byte-identical builds."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for entry in sorted(entries, key=lambda e: e.url):
        lines.append("<url>")
        lines.append(f"<loc>{xml_escape(absolute(site_url, entry.url))}</loc>")
        lastmod = entry.lastmod.isoformat() if isinstance(entry.lastmod, date) else entry.lastmod
        lines.append(f"<lastmod>{lastmod}</lastmod>")
        if len(entry.alternates) > 1:
            for lang, url in entry.alternates:
                lines.append(f'<xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(absolute(site_url, url))}/>')
            default = dict(entry.alternates).get(i18n.DEFAULT)
            if default is not None:
                lines.append(f'<xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(absolute(site_url, default))}/>')
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(site_url: str | None) -> str:
    """Everything may be crawled. The sitemap line needs an absolute address (crawlers only
    read robots.txt at a domain's root; on a project site it is harmless and ignored)."""
    text = "User-agent: *\nAllow: /\n"
    if site_url:
        text += f"\nSitemap: {absolute(site_url, 'sitemap.xml')}\n"
    return text
