"""Frozen value types of a validated catalogue. No I/O here.

A `Product` only exists once every field passed validation, so page and export code can trust
its types (ints are ints, dates are dates, the WhatsApp number is E.164).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

LANGUAGES = ("id", "en", "ar")


@dataclass(frozen=True)
class Text:
    """Text in Indonesian (always) and optionally English and Arabic."""

    id: str
    en: str | None = None
    ar: str | None = None

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to Indonesian."""
        return getattr(self, lang, None) or self.id

    def has(self, lang: str) -> bool:
        return bool(getattr(self, lang, None))

    def __str__(self) -> str:
        return self.id


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float


@dataclass(frozen=True)
class Pesantren:
    name: str
    regency: str  # Kemendagri code, e.g. "63.03"
    address: str
    nspp: str | None = None
    location: Location | None = None
    website: str | None = None


@dataclass(frozen=True)
class Cooperative:
    name: str
    legal_entity: str | None = None
    nib: str | None = None
    founded: int | None = None
    members: int | None = None
    opop_since: int | None = None


@dataclass(frozen=True)
class Price:
    min: int
    unit: Text
    max: int | None = None


@dataclass(frozen=True)
class Quantity:
    quantity: int
    unit: Text


@dataclass(frozen=True)
class Capacity:
    quantity: int
    unit: Text
    per: str  # week | month | year


@dataclass(frozen=True)
class Certification:
    type: str  # halal | pirt | bpom-md | bpom-ml | sni | other
    number: str
    valid_until: date | None = None
    # For P-IRT the last two digits encode the expiry year; decoded at validation.
    expires_year: int | None = None

    def is_valid_on(self, day: date) -> bool:
        if self.valid_until is not None and self.valid_until < day:
            return False
        if self.expires_year is not None and self.expires_year < day.year:
            return False
        return True


@dataclass(frozen=True)
class Export:
    ready: bool | None = None
    countries: tuple[str, ...] = ()


@dataclass(frozen=True)
class Photo:
    file: str
    alt: Text
    source: Path  # absolute path of the uploaded file
    width: int  # upright size (EXIF orientation applied), from the header
    height: int
    format: str  # jpeg | png | webp | heif
    caption: Text | None = None


@dataclass(frozen=True)
class Contact:
    name: str
    whatsapp: str  # E.164, e.g. "+6281150000001"
    role: str | None = None
    email: str | None = None
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Need:
    category: str
    text: Text


@dataclass(frozen=True)
class Product:
    slug: str
    source: Path  # the product.yml
    name: Text
    summary: Text
    description: Text  # limited Markdown, already checked: no raw HTML, safe links only
    category: str
    pesantren: Pesantren
    cooperative: Cooperative
    price: Price
    markets: tuple[str, ...]
    photos: tuple[Photo, ...]
    contact: Contact
    updated: date
    tags: tuple[str, ...] = ()
    min_order: Quantity | None = None
    capacity: Capacity | None = None
    shelf_life_months: int | None = None
    packaging: Text | None = None
    hs_code: str | None = None
    certifications: tuple[Certification, ...] = ()
    export: Export = field(default_factory=Export)
    needs: tuple[Need, ...] = ()

    @property
    def url(self) -> str:
        """Site-relative address of the product page; never changes once published."""
        return f"produk/{self.slug}/"


@dataclass(frozen=True)
class Catalogue:
    products: tuple[Product, ...]  # sorted by slug
    today: date  # the reference day for expiry checks (SOURCE_DATE_EPOCH aware)

    def by_category(self) -> dict[str, list[Product]]:
        out: dict[str, list[Product]] = {}
        for p in self.products:
            out.setdefault(p.category, []).append(p)
        return out

    def by_regency(self) -> dict[str, list[Product]]:
        out: dict[str, list[Product]] = {}
        for p in self.products:
            out.setdefault(p.pesantren.regency, []).append(p)
        return out
