"""A province's catalogue.json → the products the national site shows, each value checked.

Everything in the file is untrusted: a province site may be broken, outdated or hostile.
The file as a whole must say `"format": "katalog-opop-kalsel"` and a `format_version` whose
major this reader knows (catalogue/site/exports.py writes it), and hold at most MAX_PRODUCTS
records; otherwise the whole province fails. Each product record is then checked on its own,
only for what the national site uses: texts must be text (control characters and bidi
overrides refused, lengths capped), the price a whole number of Rupiah, the regency one of
that province, the product's address on the province's own site (a relative one is resolved
against its site root). A record with a problem is skipped and reported; the others are kept.
A photo that is not on the province's site or one of its `photo_hosts` is dropped (the
product stays, reported). A file with no usable product at all fails the province. At most
MAX_PROBLEMS problems are kept per province, and the rest counted (a hostile file of a
million broken records costs no more memory than a good one).
Texts are kept as they are — escaping is the templates' job (Jinja autoescape) and the search
script's (textContent only).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

from catalogue.national.problems import Problem, shown
from catalogue.national.regions import regions
from catalogue.national.sources import Source, is_web_url, origin

FORMAT = "katalog-opop-kalsel"
SUPPORTED_MAJOR = 1  # catalogue.site.exports.FORMAT_VERSION
LANGS = ("id", "en", "ar")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REGENCY = re.compile(r"^\d\d\.\d\d$")
# Longest texts kept: a name is a line; a summary is two sentences (a longer one is cut).
MAX_NAME, MAX_SUMMARY, MAX_TEXT, MAX_TAGS = 200, 400, 300, 30
MAX_PRICE = 10**12
# A province is expected near 10,000 products (Jawa Timur); five times that is a broken or
# hostile file. Problems kept per province: enough to fix a file, bounded in memory.
MAX_PRODUCTS, MAX_PROBLEMS = 50_000, 100
# Format characters (Cf: zero-width joiner in emoji and Arabic, soft hyphen, …) are kept; the
# bidi overrides and isolates are not: they reorder the text around them on the page.
BIDI_CONTROLS = frozenset([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


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
    price_min: int  # Rupiah
    unit: str
    url: str  # absolute: the province's product page, the canonical address
    photo: str | None  # absolute, on the province's site or one of its photo_hosts
    photo_alt: str


class Reading(NamedTuple):
    """What a province's file gives: its products (sorted by slug), the first MAX_PROBLEMS
    problems, how many more there were, and how many records were skipped."""
    items: list[Item]
    problems: list[Problem]
    more: int
    skipped: int


class Invalid(Exception):
    """The whole file cannot be used; `id` and `en` say why."""

    def __init__(self, id_text: str, en_text: str):
        super().__init__(en_text)
        self.id, self.en = id_text, en_text


class _Skip(Exception):
    def __init__(self, field: str, id_expected: str, en_expected: str, found: str):
        super().__init__(field)
        self.field, self.id_expected, self.en_expected, self.found = field, id_expected, en_expected, found


def read_catalogue(data: bytes, source: Source) -> Reading:
    """The usable products of a province's file and its problems; raises Invalid if the file as
    a whole is not a catalogue this reader can use or has no usable product."""
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
    if not products:
        raise Invalid("products: diharapkan paling sedikit satu produk, ditemukan daftar kosong "
                      "(perbaiki: periksa bahwa situs provinsi dibangun dari folder products/ yang benar)",
                      "products: expected at least one product, found an empty list "
                      "(fix: check that the province site was built from the right products/ folder)")
    if len(products) > MAX_PRODUCTS:
        cap, n = f"{MAX_PRODUCTS:,}", f"{len(products):,}"
        raise Invalid(f"products: diharapkan paling banyak {cap.replace(',', '.')} produk, ditemukan {n.replace(',', '.')} "
                      f"(perbaiki: periksa data/catalogue.json situs provinsi: lebih dari {cap.replace(',', '.')} produk "
                      "bukan katalog satu provinsi)",
                      f"products: expected at most {cap} products, found {n} (fix: check the province site's "
                      f"data/catalogue.json: more than {cap} products is not one province's catalogue)")
    items: dict[str, Item] = {}
    problems: list[Problem] = []
    count = skipped = 0
    where = f"provinsi {source.code} ({source.name})"

    def report(i: int, record, field: str, id_text: str, en_text: str) -> None:
        nonlocal count
        count += 1
        if len(problems) < MAX_PROBLEMS:  # formatted only while kept
            label = f"{where} products[{i}]"
            if isinstance(record, dict) and isinstance(record.get("slug"), str) and SLUG.match(record["slug"]):
                label += f" {record['slug']}"
            problems.append(Problem(label, field, id_text, en_text))

    for i, record in enumerate(products):
        try:
            item, photo_problem = _item(record, source)
            if item.slug in items:
                raise _Skip("slug", "slug yang belum dipakai di provinsi ini", "a slug not used before in this province", shown(item.slug))
        except _Skip as skip:
            skipped += 1
            report(i, record, skip.field,
                   f"diharapkan {skip.id_expected}, ditemukan {skip.found} (perbaiki: perbaiki produk ini di situs provinsi; produk ini dilewati)",
                   f"expected {skip.en_expected}, found {skip.found} (fix: correct this product on the province site; it is skipped)")
            continue
        if photo_problem is not None:  # the product is kept without its photo
            skip = photo_problem
            report(i, record, skip.field,
                   f"diharapkan {skip.id_expected}, ditemukan {skip.found} (perbaiki: perbaiki foto ini di situs provinsi; produk tampil tanpa foto)",
                   f"expected {skip.en_expected}, found {skip.found} (fix: correct this photo on the province site; the product is shown without it)")
        items[item.slug] = item
    if not items:
        first = problems[0]
        raise Invalid(f"tidak ada satu pun produk yang sah dari {len(products)} (masalah pertama: {first.field}: {first.id})",
                      f"not one valid product of {len(products)} (first problem: {first.field}: {first.en})")
    return Reading(sorted(items.values(), key=lambda it: it.slug), problems, count - len(problems), skipped)


def _bad_character(value: str) -> str | None:
    for ch in value:
        category = unicodedata.category(ch)
        if (category == "Cc" and ch not in "\t\n\r") or category == "Cs" or ord(ch) in BIDI_CONTROLS:
            return ch
    return None


def _text(value, field: str, limit: int, *, required: bool = True, cut: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise _Skip(field, "teks", "text", shown(value))
    bad = _bad_character(value)
    if bad is not None:
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


def _price(value, field: str) -> int:
    """Whole Rupiah (the province format stores integers; 10000.0 is read as 10000)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_PRICE:
        raise _Skip(field, f"bilangan bulat Rupiah 0…{MAX_PRICE}", f"a whole number of Rupiah 0…{MAX_PRICE}", shown(value))
    return value


def _url(value, field: str, base: str | None, origins: tuple[str, ...], id_where: str, en_where: str) -> str:
    """An absolute http(s) address whose origin is one of `origins` (a relative one is
    resolved against `base`; `//host/x` is relative too, and then checked like any other)."""
    if not isinstance(value, str) or not value or any(ch.isspace() or not ch.isprintable() for ch in value):
        raise _Skip(field, "alamat http(s)", "an http(s) address", shown(value))
    if not urlsplit(value).scheme:
        if base is None:
            raise _Skip(field, "alamat lengkap http(s)://… (alamat relatif perlu `site:` provinsi di SOURCES.yml)",
                        "a full http(s)://… address (a relative one needs the province's `site:` in SOURCES.yml)", shown(value))
        value = urljoin(base, value)
    if not is_web_url(value) or origin(value) is None:
        raise _Skip(field, "alamat http(s)", "an http(s) address", shown(value))
    if origin(value) not in origins:
        raise _Skip(field, f"alamat di {id_where}", f"an address on {en_where}", shown(value))
    return value


def _item(record, source: Source) -> tuple[Item, _Skip | None]:
    """The record's product and None, or the product without its photo and the photo's problem."""
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
        raise _Skip("price", "objek {min, unit}", "an object {min, unit}", shown(price))
    price_min = _price(price.get("min"), "price.min")
    unit = _texts(price.get("unit"), "price.unit", 60, required=True)["id"]
    own = source.origin or "-"
    url = _url(record.get("url"), "url", source.base, (source.origin,) if source.origin else (),
               f"situs provinsi ini ({own})", f"this province's site ({own})")
    item = Item(source.code, slug, name, summary, category, tags, pesantren_name, regency, price_min, unit, url, None, "")
    try:
        photo, alt = _photo(record.get("photos", []), source)
    except _Skip as skip:
        return item, skip
    return (replace(item, photo=photo, photo_alt=alt) if photo else item), None


def _photo(photos, source: Source) -> tuple[str | None, str]:
    if not isinstance(photos, list):
        raise _Skip("photos", "daftar foto", "a list of photos", shown(photos))
    if not photos:
        return None, ""
    first = photos[0]
    if not isinstance(first, dict):
        raise _Skip("photos[0]", "objek {url, alt}", "an object {url, alt}", shown(first))
    hosts = " ".join(source.photo_origins) or "-"
    photo = _url(first.get("url"), "photos[0].url", source.base, source.photo_origins,
                 f"situs provinsi ini atau photo_hosts-nya ({hosts})", f"this province's site or its photo_hosts ({hosts})")
    alt = first.get("alt")
    return photo, _text(alt.get("id") if isinstance(alt, dict) else alt, "photos[0].alt.id", MAX_TEXT, required=False)
