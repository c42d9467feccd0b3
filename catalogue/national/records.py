"""A province's catalogue.json → the products the national site shows, each value checked.

Everything in the file is untrusted: a province site may be broken, outdated or hostile.
The file as a whole must say `"format": "katalog-opop-kalsel"` and a `format_version` whose
major this reader knows (catalogue/site/exports.py writes it); otherwise the whole province
fails. Each product record is then checked on its own: texts must be text (control
characters refused, lengths capped), numbers must be JSON numbers, addresses must be http(s)
(a relative one is resolved against the province's site root), the regency must be a regency
of that province. A record with a problem is skipped and reported; the others are kept.
Texts are kept as they are — escaping is the templates' job (Jinja autoescape) and the search
script's (textContent only).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

from catalogue.national.problems import Problem, shown
from catalogue.national.regions import regions
from catalogue.national.sources import Source, is_web_url

FORMAT = "katalog-opop-kalsel"
SUPPORTED_MAJOR = 1  # catalogue.site.exports.FORMAT_VERSION
LANGS = ("id", "en", "ar")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REGENCY = re.compile(r"^\d\d\.\d\d$")
HOST = re.compile(r"^[A-Za-z0-9.-]+(:[0-9]{1,5})?$")  # no user:password@, no quotes: an origin goes into the CSP
DAY = re.compile(r"^\d{4}-\d\d-\d\d$")
# Longest texts kept: a name is a line; a summary is two sentences (a longer one is cut).
MAX_NAME, MAX_SUMMARY, MAX_TEXT, MAX_TAGS = 200, 400, 300, 30
MAX_PRICE = 10**12


@dataclass(frozen=True)
class Item:
    """One product as the national site shows it."""
    province: str  # "63"
    slug: str
    name: dict  # {"id": …, "en": …, "ar": …} (id always there)
    summary: dict
    category: str
    tags: tuple[str, ...]
    pesantren: str
    regency: str  # "63.08"
    price_min: int | float
    price_max: int | float | None
    unit: str
    url: str  # absolute: the province's product page, the canonical address
    photo: str | None  # absolute
    photo_alt: str
    updated: str | None  # "2026-05-18"


class Invalid(Exception):
    """The whole file cannot be used; `id` and `en` say why."""

    def __init__(self, id_text: str, en_text: str):
        super().__init__(en_text)
        self.id, self.en = id_text, en_text


class _Skip(Exception):
    def __init__(self, field: str, id_expected: str, en_expected: str, found: str):
        super().__init__(field)
        self.field, self.id_expected, self.en_expected, self.found = field, id_expected, en_expected, found


def read_catalogue(data: bytes, source: Source) -> tuple[list[Item], list[Problem]]:
    """Items of a province's file (sorted by slug) and the problems of skipped records;
    raises Invalid if the file as a whole is not a catalogue this reader can use."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise Invalid("bukan teks UTF-8", "not UTF-8 text") from None
    except (ValueError, RecursionError) as error:
        raise Invalid(f"bukan JSON yang sah ({str(error)[:80]})", f"not valid JSON ({str(error)[:80]})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        found = shown(doc.get("format")) if isinstance(doc, dict) else shown(doc)
        raise Invalid(f'diharapkan "format": "{FORMAT}", ditemukan {found} (perbaiki: alamatnya harus menunjuk data/catalogue.json situs katalog provinsi)',
                      f'expected "format": "{FORMAT}", found {found} (fix: the address must point at a province catalogue\'s data/catalogue.json)')
    version = doc.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise Invalid(f"format_version: diharapkan bilangan bulat ≥ 1, ditemukan {shown(version)}",
                      f"format_version: expected a whole number ≥ 1, found {shown(version)}")
    if version > SUPPORTED_MAJOR:
        raise Invalid(f"format_version {version} lebih baru dari yang dikenal pembangun ini ({SUPPORTED_MAJOR}) "
                      "(perbaiki: perbarui paket katalog-opop-kalsel pembangun nasional)",
                      f"format_version {version} is newer than this builder knows ({SUPPORTED_MAJOR}) "
                      "(fix: update the national builder's katalog-opop-kalsel package)")
    products = doc.get("products")
    if not isinstance(products, list):
        raise Invalid(f"products: diharapkan daftar, ditemukan {shown(products)}", f"products: expected a list, found {shown(products)}")
    items: dict[str, Item] = {}
    problems: list[Problem] = []
    where = f"provinsi {source.code} ({source.name})"
    for i, record in enumerate(products):
        label = f"{where} products[{i}]"
        if isinstance(record, dict) and isinstance(record.get("slug"), str) and SLUG.match(record["slug"]):
            label += f" {record['slug']}"
        try:
            item = _item(record, source)
            if item.slug in items:
                raise _Skip("slug", "slug yang belum dipakai di provinsi ini", "a slug not used before in this province", shown(item.slug))
            items[item.slug] = item
        except _Skip as skip:
            problems.append(Problem(label, skip.field,
                                    f"diharapkan {skip.id_expected}, ditemukan {skip.found} (perbaiki: perbaiki produk ini di situs provinsi; produk ini dilewati)",
                                    f"expected {skip.en_expected}, found {skip.found} (fix: correct this product on the province site; it is skipped)"))
    if products and not items:
        raise Invalid(f"tidak ada satu pun produk yang sah dari {len(products)} (masalah pertama: {problems[0].field}: {problems[0].id})",
                      f"not one valid product of {len(products)} (first problem: {problems[0].field}: {problems[0].en})")
    return sorted(items.values(), key=lambda it: it.slug), problems


def _text(value, field: str, limit: int, *, required: bool = True, cut: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise _Skip(field, "teks", "text", shown(value))
    if any(not ch.isprintable() and ch not in "\n\t" for ch in value):
        bad = next(ch for ch in value if not ch.isprintable() and ch not in "\n\t")
        raise _Skip(field, "teks tanpa karakter kendali", "text without control characters", f"U+{ord(bad):04X}")
    value = " ".join(value.split())
    if len(value) > limit:
        if not cut:
            raise _Skip(field, f"paling banyak {limit} karakter", f"at most {limit} characters", f"{len(value)}")
        value = value[: limit - 1].rstrip() + "…"
    return value


def _texts(value, field: str, limit: int, *, required: bool, cut: bool = False) -> dict:
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        raise _Skip(field, "objek {id, en, ar}", "an object {id, en, ar}", shown(value))
    out = {lang: _text(value.get(lang), f"{field}.{lang}", limit, required=(lang == "id" and required), cut=cut)
           for lang in LANGS}
    return {lang: text for lang, text in out.items() if text}


def _number(value, field: str, *, required: bool = True):
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not 0 <= value <= MAX_PRICE:
        raise _Skip(field, f"angka 0…{MAX_PRICE}", f"a number 0…{MAX_PRICE}", shown(value))
    return int(value) if isinstance(value, int) or value.is_integer() else value


def _url(value, field: str, base: str | None) -> str:
    if not isinstance(value, str) or not value or any(ch.isspace() or not ch.isprintable() for ch in value):
        raise _Skip(field, "alamat http(s)", "an http(s) address", shown(value))
    if not urlsplit(value).scheme:
        if base is None:
            raise _Skip(field, "alamat lengkap http(s)://… (alamat relatif perlu `site:` provinsi di SOURCES.yml)",
                        "a full http(s)://… address (a relative one needs the province's `site:` in SOURCES.yml)", shown(value))
        value = urljoin(base, value)
    if not is_web_url(value) or not HOST.match(urlsplit(value).netloc):
        raise _Skip(field, "alamat http(s)", "an http(s) address", shown(value))
    return value


def _item(record, source: Source) -> Item:
    if not isinstance(record, dict):
        raise _Skip("", "objek produk", "a product object", shown(record))
    slug = record.get("slug")
    if not isinstance(slug, str) or not SLUG.match(slug) or len(slug) > 100:
        raise _Skip("slug", "slug huruf kecil-angka-tanda hubung", "a lowercase-digits-hyphens slug", shown(slug))
    name = _texts(record.get("name"), "name", MAX_NAME, required=True)
    summary = _texts(record.get("summary"), "summary", MAX_SUMMARY, required=False, cut=True)
    category = record.get("category")
    if not isinstance(category, str) or not SLUG.match(category) or len(category) > 40:
        raise _Skip("category", "kode kategori", "a category code", shown(category))
    tags = record.get("tags", [])
    if not isinstance(tags, list) or len(tags) > MAX_TAGS:
        raise _Skip("tags", f"daftar teks (paling banyak {MAX_TAGS})", f"a list of texts (at most {MAX_TAGS})", shown(tags))
    tags = tuple(_text(t, f"tags[{i}]", 60) for i, t in enumerate(tags))
    pesantren = record.get("pesantren")
    if not isinstance(pesantren, dict):
        raise _Skip("pesantren", "objek {name, regency}", "an object {name, regency}", shown(pesantren))
    pesantren_name = _text(pesantren.get("name"), "pesantren.name", MAX_TEXT)
    regency = pesantren.get("regency")
    if not isinstance(regency, str) or not REGENCY.match(regency):
        raise _Skip("pesantren.regency", "kode kabupaten/kota seperti 63.08", "a regency code like 63.08", shown(regency))
    if not regency.startswith(source.code + "."):
        raise _Skip("pesantren.regency", f"kabupaten/kota provinsi {source.code} ({source.code}.xx)",
                    f"a regency of province {source.code} ({source.code}.xx)", shown(regency))
    if regency not in regions().regencies:
        raise _Skip("pesantren.regency", "kode kabupaten/kota Kemendagri", "a Kemendagri regency code", shown(regency))
    price = record.get("price")
    if not isinstance(price, dict):
        raise _Skip("price", "objek {min, max, unit}", "an object {min, max, unit}", shown(price))
    price_min = _number(price.get("min"), "price.min")
    price_max = _number(price.get("max"), "price.max", required=False)
    if price_max is not None and price_max < price_min:
        raise _Skip("price.max", f"paling sedikit price.min ({price_min})", f"at least price.min ({price_min})", shown(price_max))
    unit = _texts(price.get("unit"), "price.unit", 60, required=True)["id"]
    url = _url(record.get("url"), "url", source.base)
    photo, photo_alt = None, ""
    photos = record.get("photos", [])
    if not isinstance(photos, list):
        raise _Skip("photos", "daftar foto", "a list of photos", shown(photos))
    if photos:
        first = photos[0]
        if not isinstance(first, dict):
            raise _Skip("photos[0]", "objek {url, alt}", "an object {url, alt}", shown(first))
        photo = _url(first.get("url"), "photos[0].url", source.base)
        alt = first.get("alt")
        photo_alt = _text(alt.get("id") if isinstance(alt, dict) else alt, "photos[0].alt.id", MAX_TEXT, required=False)
    updated = record.get("updated")
    if updated is not None:
        if not isinstance(updated, str) or not DAY.match(updated):
            raise _Skip("updated", "tanggal YYYY-MM-DD", "a date YYYY-MM-DD", shown(updated))
        try:
            date.fromisoformat(updated)
        except ValueError:
            raise _Skip("updated", "tanggal yang ada", "a real date", shown(updated)) from None
    return Item(source.code, slug, name, summary, category, tags, pesantren_name, regency,
                price_min, price_max, unit, url, photo, photo_alt, updated)
