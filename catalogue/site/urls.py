"""Addresses: where each generated page lives, relative links between them, contact links.

Site-relative URLs here never start with "/" ("produk/kopi/", "media/a.jpg", "" for home),
and links inside pages are relative ("../../kategori/minuman/"), so the site works at a
domain root and under a GitHub Pages project path alike.
"""

from __future__ import annotations

from urllib.parse import quote

from catalogue.products.taxonomy import REGENCY_SLUGS


def product(slug: str) -> str:
    return f"produk/{slug}/"


def category(code: str) -> str:
    return f"kategori/{code}/"


def regency(code: str) -> str:
    return f"kabupaten/{REGENCY_SLUGS[code]}/"


CATALOGUE = "katalog/"
CATEGORIES = "kategori/"
REGENCIES = "kabupaten/"
PESANTREN = "pesantren/"
SEARCH = "cari/"
PRINT = "cetak/"  # the printable catalogue (issue 5)
SHORTLIST = "daftar/"  # the buyer's saved products (site/shortlist.py)
HOME = ""
# Network pages (issue 6; catalogue/site/network_pages.py)
EXCHANGE = "tukar/"
COOPERATIVES = "koperasi/"
STATISTICS = "statistik/"


def src_uri(url: str) -> str:
    """The Markdown source path MkDocs maps to a directory URL: "produk/x/" → "produk/x/index.md"."""
    return url + "index.md"


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at directory URL `from_url` to the site-relative `to_url`.

    >>> relative("produk/kopi/", "kategori/minuman/")
    '../../kategori/minuman/'
    >>> relative("", "media/a.jpg")
    'media/a.jpg'
    >>> relative("katalog/", "")
    '../'
    """
    if "://" in to_url:  # a photo on the photo site (catalogue/site/photo_site.py): already absolute
        return to_url
    # By segments rather than posixpath.relpath, which calls os.getcwd() twice: a hundred
    # thousand links per 1,000 products made that 4 % of a build.
    base = [s for s in from_url.split("/") if s]
    target = [s for s in to_url.split("/") if s]
    common = 0
    while common < min(len(base), len(target)) and base[common] == target[common]:
        common += 1
    rel = "/".join([".."] * (len(base) - common) + target[common:]) or "."
    if to_url.endswith("/") or to_url == "":
        rel = "./" if rel == "." else rel + "/"
    return rel


def whatsapp(e164: str, message: str) -> str:
    """wa.me click-to-chat: digits of the E.164 number and the prefilled, URL-encoded text."""
    digits = "".join(ch for ch in e164 if ch.isdigit())
    return f"https://wa.me/{digits}?text={quote(message, safe='')}"


def mailto(address: str, subject: str) -> str:
    return f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}"


def map_link(lat: float, lon: float) -> str:
    """OpenStreetMap centred on the pesantren (no API key, no tracking script)."""
    return f"https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lon:.5f}#map=16/{lat:.5f}/{lon:.5f}"
