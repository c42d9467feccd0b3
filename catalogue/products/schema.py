"""The product file's fields, declared once.

`PRODUCT` below is the single declaration: `catalogue.products.validate` walks it to convert and check
a file, and `json_schema()` turns it into the JSON Schema committed at
`catalogue/schema/product.schema.json` for editors (VS Code YAML / yaml-language-server).

Each kind converts the exact text typed (see catalogue.products.load) into a Python value or raises
`Invalid(code, **params)`; the code's message text is in catalogue.products.messages.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

import phonenumbers
from babel import Locale
from babel.core import get_global

from catalogue.products.load import Mapping, Node, Scalar, Sequence
from catalogue.products.model import LANGUAGES
from catalogue.products.problems import describe_char
from catalogue import region
from catalogue.products.taxonomy import CAPACITY_PERIODS, CATEGORIES, CERTIFICATION_TYPES, MARKETS, REGENCIES

REQUIRED, OPTIONAL, WARN_IF_MISSING = "R", "O", "W"


class Invalid(Exception):
    """A value that its field's rule rejects; `line`/`col` default to the value's node."""

    def __init__(self, code: str, node: Node | None = None, suffix: str = "", at: str | None = None, **params):
        super().__init__(code)
        self.code = code
        self.node = node
        self.suffix = suffix  # appended to the field path, e.g. ".en" inside a Text mapping
        self.at = at  # text inside the value to point at, when the value's start is not the place
        self.params = params


def describe(node: Node) -> str:
    """What a secretary typed, shortened for a message."""
    if isinstance(node, Scalar):
        text = node.text if len(node.text) <= 40 else node.text[:37] + "…"
        return f'"{text}"'
    return "daftar/list" if isinstance(node, Sequence) else "pemetaan/mapping"


# Embedding, override and isolate controls reorder what follows them on every page, in the
# <title>, og:title and the exports: `\u202eabon` reads to a buyer as "noba". The marks that
# Arabic text and emoji legitimately need (U+200E, U+200F, U+061C, and the joiners U+200C,
# U+200D) are not among them.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Control characters other than tab and line feed (a line break inside a value is a line feed).
VALUE_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def scalar_text(node: Node, expected: str) -> str:
    """The text of a scalar, stripped; every field's rule starts here."""
    if not isinstance(node, Scalar):
        raise Invalid("type", node, expected=expected, found=describe(node))
    text = node.text.strip()
    if not text:
        raise Invalid("empty", node, expected=expected)
    control = BIDI_CONTROLS.search(text)
    if control:
        raise Invalid("bidi_control", node, at=control.group(), char=describe_char(control.group()))
    control = VALUE_CONTROLS.search(text)
    if control:  # typed as an escape in double quotes (`"\x07"`, `"C:\Nota"`); load refuses raw ones
        raise Invalid("value_control_character", node, char=describe_char(control.group()))
    return text


# --- kinds -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    expected: str = "teks"  # short description used in messages ("expected …")

    def convert(self, node: Node):
        raise NotImplementedError

    def json(self) -> dict:
        raise NotImplementedError


@dataclass(frozen=True)
class Line(Kind):
    """One line of plain text (names, addresses)."""

    max_len: int = 200
    pattern: str | None = None
    pattern_code: str = "pattern"

    def convert(self, node):
        text = scalar_text(node, self.expected)
        if "\n" in text:
            raise Invalid("multiline", node)
        if len(text) > self.max_len:
            raise Invalid("too_long", node, length=len(text), maximum=self.max_len)
        if self.pattern and not re.fullmatch(self.pattern, text):
            raise Invalid(self.pattern_code, node, expected=self.expected, found=describe(node))
        return text

    def json(self):
        out = {"type": "string", "minLength": 1, "maxLength": self.max_len}
        if self.pattern:
            out["pattern"] = f"^(?:{self.pattern})$"
        return out


@dataclass(frozen=True)
class MultiText(Kind):
    """`Text`: a string (Indonesian) or a mapping of `id` (required), `en`, `ar`."""

    expected: str = "teks atau {id, en, ar}"
    max_len: int = 2000
    multiline: bool = False

    def convert(self, node):
        if isinstance(node, Scalar):
            return {"id": self._one(node, "")}
        if not isinstance(node, Mapping):
            raise Invalid("type", node, expected=self.expected, found=describe(node))
        out = {}
        for key, (key_node, value) in node.items.items():
            if key not in LANGUAGES:
                raise Invalid("text_language", key_node, found=key)
            out[key] = self._one(value, f".{key}")
        if "id" not in out:
            raise Invalid("text_missing_id", node)
        return out

    def _one(self, node, suffix):
        try:
            text = scalar_text(node, "teks")
        except Invalid as exc:
            exc.suffix = suffix
            raise
        if not self.multiline and "\n" in text:
            raise Invalid("multiline", node, suffix)
        if len(text) > self.max_len:
            raise Invalid("too_long", node, suffix, length=len(text), maximum=self.max_len)
        return text

    def json(self):
        one = {"type": "string", "minLength": 1, "maxLength": self.max_len}
        return {
            "anyOf": [
                one,
                {
                    "type": "object",
                    "properties": {lang: one for lang in LANGUAGES},
                    "required": ["id"],
                    "additionalProperties": False,
                },
            ]
        }


@dataclass(frozen=True)
class Choice(Kind):
    choices: tuple[str, ...] = ()

    def convert(self, node):
        text = scalar_text(node, self.expected)
        if text not in self.choices:
            raise Invalid("choice", node, found=describe(node), choices=", ".join(self.choices))
        return text

    def json(self):
        return {"type": "string", "enum": list(self.choices)}


# "15.000", "Rp 15.000", "Rp15000", "15.000,-": a price typed the way it is printed.
RUPIAH_WRITTEN = re.compile(r"(rp\.?\s*)?\d{1,3}([.,]\d{3})+(,-|,00)?|rp\.?\s*\d+(,-|,00)?", re.IGNORECASE)


@dataclass(frozen=True)
class Integer(Kind):
    expected: str = "bilangan bulat"
    minimum: int = 1
    maximum: int | None = None
    rupiah: bool = False

    def convert(self, node):
        text = scalar_text(node, self.expected)
        if not re.fullmatch(r"\d+", text):
            if self.rupiah and RUPIAH_WRITTEN.fullmatch(text):
                raise Invalid("rupiah_format", node, found=describe(node), digits=re.sub(r"\D", "", re.sub(r",(-|00)$", "", text)))
            raise Invalid("integer", node, expected=self.expected, found=describe(node))
        value = int(text)
        if value < self.minimum:
            raise Invalid("too_small", node, minimum=self.minimum, found=value)
        if self.maximum is not None and value > self.maximum:
            raise Invalid("too_big", node, maximum=self.maximum, found=value)
        return value

    def json(self):
        out = {"type": "integer", "minimum": self.minimum}
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


@dataclass(frozen=True)
class Year(Integer):
    expected: str = "tahun 4 angka"
    minimum: int = 1900

    def convert(self, node):
        from catalogue.clock import today

        value = super().convert(node)
        if value > today().year:
            raise Invalid("year_future", node, found=value, maximum=today().year)
        return value


@dataclass(frozen=True)
class Decimal(Kind):
    expected: str = "angka desimal"

    def convert(self, node):
        text = scalar_text(node, self.expected)
        if not re.fullmatch(r"-?\d{1,3}(\.\d+)?", text):
            raise Invalid("decimal", node, found=describe(node))
        return float(text)

    def json(self):
        return {"type": "number"}


@dataclass(frozen=True)
class Day(Kind):
    expected: str = "tanggal YYYY-MM-DD"
    not_future: bool = False

    def convert(self, node):
        text = scalar_text(node, self.expected)
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
        if not match:
            raise Invalid("date_format", node, found=describe(node))
        try:
            value = date(*map(int, match.groups()))
        except ValueError:
            raise Invalid("date_impossible", node, found=describe(node)) from None
        if self.not_future:
            from catalogue.clock import today

            if value > today():
                raise Invalid("date_future", node, found=text, today=today().isoformat())
        return value

    def json(self):
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


@dataclass(frozen=True)
class Boolean(Kind):
    expected: str = "true atau false"

    def convert(self, node):
        text = scalar_text(node, self.expected)
        if text not in ("true", "false"):
            raise Invalid("boolean", node, found=describe(node))
        return text == "true"

    def json(self):
        return {"type": "boolean"}


@dataclass(frozen=True)
class Url(Kind):
    expected: str = "alamat https://"

    def convert(self, node):
        text = scalar_text(node, self.expected)
        parts = urlsplit(text)
        if parts.scheme != "https" or not parts.netloc or " " in text or "." not in parts.netloc:
            raise Invalid("url", node, found=describe(node))
        return text

    def json(self):
        return {"type": "string", "format": "uri", "pattern": "^https://"}


@dataclass(frozen=True)
class Email(Kind):
    expected: str = "alamat e-mail"

    def convert(self, node):
        text = scalar_text(node, self.expected)
        if not re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", text):
            raise Invalid("email", node, found=describe(node))
        return text

    def json(self):
        return {"type": "string", "format": "email"}


@dataclass(frozen=True)
class Phone(Kind):
    """An Indonesian number as typed; stored as E.164 (`+62811…`)."""

    expected: str = "nomor WhatsApp Indonesia"

    def convert(self, node):
        text = scalar_text(node, self.expected)
        # Unquoted digits are a number to every other YAML tool (leading 0 lost, maybe octal).
        if isinstance(node, Scalar) and node.plain and re.fullmatch(r"\+?\d+", text):
            raise Invalid("phone_unquoted", node, found=text)
        try:
            number = phonenumbers.parse(text, "ID")
        except phonenumbers.NumberParseException:
            raise Invalid("phone", node, found=describe(node)) from None
        if number.country_code != 62 or not phonenumbers.is_valid_number(number):
            raise Invalid("phone", node, found=describe(node))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def json(self):
        return {"type": "string", "pattern": r"^[+0-9][0-9 ().-]{6,}$"}


COUNTRIES = tuple(sorted(code for code in Locale("en").territories if re.fullmatch(r"[A-Z]{2}", code) and code not in ("ZZ", "EU", "EZ", "UN", "QO", "XA", "XB", "XK")))
# Codes and names people write for a country that are not its ISO code or CLDR name. CLDR's
# own aliases (alpha-3 codes like MYS, numeric codes, UK) are read from Babel.
COUNTRY_ALIASES = {
    "EL": "GR", "UK": "GB", "KSA": "SA", "UAE": "AE", "PRC": "CN", "RRC": "CN",
    "inggris": "GB", "britania raya": "GB", "britain": "GB", "great britain": "GB", "england": "GB",
    "amerika": "US", "america": "US", "cina": "CN", "china": "CN", "turkey": "TR", "holland": "NL",
    "korea": "KR", "emirat arab": "AE", "saudi": "SA",
}


def _fold(text: str) -> str:
    """Lowercase without accents or punctuation: `Türkiye` and `turkiye` are one name."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Folded Indonesian and English country names → code."""
    names: dict[str, str] = {}
    for lang in ("en", "id"):
        territories = Locale(lang).territories
        for code in COUNTRIES:
            names.setdefault(_fold(territories[code]), code)
    for alias, code in COUNTRY_ALIASES.items():
        if alias.islower():
            names.setdefault(alias, code)
    return names


def suggest_countries(typed: str, limit: int = 3) -> list[str]:
    """The codes a secretary most likely meant by `typed`: `my` → MY, `UK` → GB, `Malaysia`
    → MY, `Malasya` → MY. Empty when nothing is close (a list of 250 codes helps no one)."""
    compact = re.sub(r"[\s.]", "", typed).upper()
    if compact in COUNTRIES:
        return [compact]
    alias = COUNTRY_ALIASES.get(compact) or next(iter(get_global("territory_aliases").get(compact, ())), None)
    if alias in COUNTRIES:
        return [alias]
    names = _country_names()
    key = _fold(typed)
    if key in names:
        return [names[key]]
    found: list[str] = []
    if len(key) >= 4:  # a word of a name: `saudi`, `korea`, `emirat`
        found += [code for name, code in sorted(names.items()) if key in name.split() or name.startswith(key + " ")]
        found += [names[name] for name in difflib.get_close_matches(key, names, n=limit, cutoff=0.75)]
    elif len(compact) == 3 and compact.isalpha():  # `MYY`, `IDD`: a code with a letter too many
        found += difflib.get_close_matches(compact, COUNTRIES, n=limit, cutoff=0.8)
    return list(dict.fromkeys(found))[:limit]


def country_label(code: str, lang: str) -> str:
    return f"{code} ({Locale(lang).territories[code]})"


@dataclass(frozen=True)
class Country(Choice):
    """An ISO 3166-1 alpha-2 code. Too many to list in a message: a wrong one gets the
    nearest codes instead, named in the message's language."""

    expected: str = "kode negara ISO 2 huruf"
    choices: tuple[str, ...] = COUNTRIES

    def convert(self, node):
        text = scalar_text(node, self.expected)
        if text in self.choices:
            return text
        codes = suggest_countries(text)
        if not codes:
            raise Invalid("country_unknown", node, found=describe(node))
        raise Invalid(
            "country",
            node,
            found=describe(node),
            suggestion_id=" atau ".join(country_label(code, "id") for code in codes),
            suggestion_en=" or ".join(country_label(code, "en") for code in codes),
        )


@dataclass(frozen=True)
class ListOf(Kind):
    item: object = None  # Kind or Obj
    min_items: int = 0
    max_items: int | None = None
    unique: bool = False
    expected: str = "daftar"

    def json(self):
        out = {"type": "array", "items": self.item.json(), "minItems": self.min_items}
        if self.max_items is not None:
            out["maxItems"] = self.max_items
        if self.unique:
            out["uniqueItems"] = True
        return out


@dataclass(frozen=True)
class Field:
    key: str
    kind: object  # Kind, Obj or ListOf
    need: str = OPTIONAL
    doc: str = ""  # Indonesian description, shown by editors on hover


@dataclass(frozen=True)
class Obj:
    fields: tuple[Field, ...]
    expected: str = "pemetaan (kunci: nilai)"

    def field(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)

    def json(self):
        return {
            "type": "object",
            "properties": {f.key: {**f.kind.json(), "description": f.doc} for f in self.fields},
            "required": [f.key for f in self.fields if f.need == REQUIRED],
            "additionalProperties": False,
        }


# --- the declaration -------------------------------------------------------------------------

SLUG_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
CATEGORY = Choice(expected="kategori", choices=tuple(CATEGORIES))

PRODUCT = Obj(
    (
        Field("name", MultiText(max_len=80), REQUIRED, "Nama produk (≤ 80 karakter per bahasa)."),
        Field("summary", MultiText(max_len=160), REQUIRED, "Satu kalimat untuk kartu produk dan pratinjau tautan (≤ 160 karakter)."),
        Field("description", MultiText(max_len=5000, multiline=True), REQUIRED, "Deskripsi: paragraf, daftar, **tebal**, *miring*, tautan https. Tanpa HTML."),
        Field("category", CATEGORY, REQUIRED, "Kategori: " + ", ".join(CATEGORIES)),
        Field("tags", ListOf(item=Line(expected="kata kunci huruf kecil", max_len=30, pattern=r"[^A-Z]+", pattern_code="tag_case"), max_items=10, unique=True), OPTIONAL, "Kata kunci huruf kecil, paling banyak 10."),
        Field(
            "pesantren",
            Obj(
                (
                    Field("name", Line(max_len=120), REQUIRED, "Nama pondok pesantren."),
                    Field("nspp", Line(expected="12 angka", pattern=r"\d{12}", max_len=12), OPTIONAL, "Nomor Statistik Pondok Pesantren, 12 angka, dalam tanda kutip."),
                    Field("regency", Choice(expected="kode kabupaten/kota", choices=REGENCIES), REQUIRED, "Kode Kemendagri kabupaten/kota dalam tanda kutip (daftar: regencies di file wilayah katalog)."),
                    Field("address", Line(max_len=200), REQUIRED, "Alamat jalan."),
                    Field("location", Obj((Field("lat", Decimal(), REQUIRED, "Lintang, mis. -3.41"), Field("lon", Decimal(), REQUIRED, "Bujur, mis. 114.84"))), OPTIONAL, "Koordinat {lat, lon} di provinsi katalog (location_box di file wilayah)."),
                    Field("website", Url(), OPTIONAL, "Situs web, https:// saja."),
                )
            ),
            REQUIRED,
            "Pondok pesantren pemilik produk.",
        ),
        Field(
            "cooperative",
            Obj(
                (
                    Field("name", Line(max_len=120), REQUIRED, "Nama koperasi pondok pesantren (kopontren)."),
                    Field("legal_entity", Line(max_len=80), WARN_IF_MISSING, "Nomor SK badan hukum, mis. AHU-0001234.AH.01.26.TAHUN 2024."),
                    Field("nib", Line(expected="13 angka", pattern=r"\d{13}", max_len=13), OPTIONAL, "Nomor Induk Berusaha, 13 angka, dalam tanda kutip."),
                    Field("founded", Year(), OPTIONAL, "Tahun berdiri."),
                    Field("members", Integer(), OPTIONAL, "Jumlah anggota."),
                    Field("opop_since", Year(), OPTIONAL, "Tahun bergabung dengan OPOP."),
                )
            ),
            REQUIRED,
            "Koperasi pondok pesantren.",
        ),
        Field(
            "price",
            Obj(
                (
                    Field("min", Integer(expected="harga rupiah tanpa titik", rupiah=True), REQUIRED, "Harga terendah dalam rupiah, tanpa titik: 25000."),
                    Field("max", Integer(expected="harga rupiah tanpa titik", rupiah=True), OPTIONAL, "Harga tertinggi dalam rupiah (≥ min)."),
                    Field("unit", MultiText(max_len=60), REQUIRED, "Satuan yang dibeli dengan harga itu, mis. bungkus 250 g."),
                )
            ),
            REQUIRED,
            "Harga.",
        ),
        Field("min_order", Obj((Field("quantity", Integer(), REQUIRED, "Jumlah."), Field("unit", MultiText(max_len=60), REQUIRED, "Satuan."))), WARN_IF_MISSING, "Pesanan minimum pembeli."),
        Field(
            "capacity",
            Obj(
                (
                    Field("quantity", Integer(), REQUIRED, "Jumlah."),
                    Field("unit", MultiText(max_len=60), REQUIRED, "Satuan."),
                    Field("per", Choice(expected="periode", choices=tuple(CAPACITY_PERIODS)), REQUIRED, "week, month atau year."),
                )
            ),
            WARN_IF_MISSING,
            "Kapasitas produksi.",
        ),
        Field("shelf_life_months", Integer(), OPTIONAL, "Masa simpan dalam bulan."),
        Field("packaging", MultiText(max_len=200), OPTIONAL, "Kemasan."),
        Field("hs_code", Line(expected="kode HS 4–10 angka", pattern=r"\d{4}(\.?\d{2}){0,3}", max_len=13), OPTIONAL, "Kode HS, 4 sampai 10 angka, titik boleh (0901.21)."),
        Field(
            "certifications",
            ListOf(
                item=Obj(
                    (
                        Field("type", Choice(expected="jenis sertifikat", choices=tuple(CERTIFICATION_TYPES)), REQUIRED, "halal, pirt, bpom-md, bpom-ml, sni atau other."),
                        Field("number", Line(max_len=60), REQUIRED, "Nomor sertifikat, dalam tanda kutip."),
                        Field("valid_until", Day(), OPTIONAL, "Berlaku sampai (YYYY-MM-DD)."),
                    )
                )
            ),
            WARN_IF_MISSING,
            "Sertifikat: halal, P-IRT, BPOM, SNI.",
        ),
        Field("markets", ListOf(item=Choice(expected="pasar", choices=tuple(MARKETS)), min_items=1, unique=True), REQUIRED, "Pasar saat ini: regional, national, international."),
        Field(
            "export",
            Obj(
                (
                    Field("ready", Boolean(), OPTIONAL, "Siap ekspor: true atau false."),
                    Field("countries", ListOf(item=Country(), unique=True), OPTIONAL, "Kode negara ISO 3166-1 alpha-2 tujuan ekspor, mis. MY, SA."),
                )
            ),
            OPTIONAL,
            "Ekspor.",
        ),
        Field(
            "photos",
            ListOf(
                item=Obj(
                    (
                        Field("file", Line(expected="nama file foto di folder yang sama", max_len=100), REQUIRED, "Nama file foto di folder produk ini."),
                        Field("alt", MultiText(max_len=200), REQUIRED, "Keterangan foto untuk tunanetra."),
                        Field("caption", MultiText(max_len=200), OPTIONAL, "Keterangan di bawah foto."),
                    )
                ),
                min_items=1,
                max_items=8,
            ),
            REQUIRED,
            "Foto produk, 1 sampai 8.",
        ),
        Field(
            "contact",
            Obj(
                (
                    Field("name", Line(max_len=100), REQUIRED, "Nama orang yang dihubungi pembeli."),
                    Field("role", Line(max_len=60), OPTIONAL, "Jabatan, mis. Bendahara."),
                    Field("whatsapp", Phone(), REQUIRED, "Nomor WhatsApp, dalam tanda kutip: \"0811-5000-123\"."),
                    Field("email", Email(), OPTIONAL, "Alamat e-mail."),
                    Field("links", ListOf(item=Url(), max_items=10, unique=True), OPTIONAL, "Tautan toko daring atau media sosial, https:// saja."),
                )
            ),
            REQUIRED,
            "Kontak.",
        ),
        Field("needs", ListOf(item=Obj((Field("category", CATEGORY, REQUIRED, "Kategori yang dibutuhkan."), Field("text", MultiText(max_len=200), REQUIRED, "Apa yang dibutuhkan.")))), OPTIONAL, "Kebutuhan koperasi dari pesantren lain."),
        Field("updated", Day(not_future=True), REQUIRED, "Tanggal data terakhir diperiksa, YYYY-MM-DD."),
    )
)


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) generated from `PRODUCT`, for the active province
    (its regencies are the enum of pesantren.regency)."""
    area = region.current()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://opop-{area.slug}.example/schema/product.schema.json",
        "title": f"Produk OPOP {area.name_in('id')} (product.yml, versi 1)",
        **PRODUCT.json(),
    }
