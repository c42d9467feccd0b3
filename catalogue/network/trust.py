"""Trust signals a buyer can check: registry links, P-IRT expiry, data age, and an export
checklist computed from the product file (a list of facts, never an opaque score).

Everything that depends on the reference day takes `today` explicitly (the catalogue's
`today`, which honours SOURCE_DATE_EPOCH), so output never depends on the wall clock.

Registry addresses (taken from public code that links to them; the registries could not be
fetched from the machine this was written on, so they are not verified live):
- Halal: BPJPH's public certificate search, https://bpjph.halal.go.id/search/sertifikat,
  is a GET form; several independent projects deep-link it with
  `?nama_produk=&nama_pelaku_usaha=&no_sertifikat=<number>`. If the form ever changes, the
  link still opens the search page, and the number is shown next to it to copy.
- BPOM MD/ML: Cek BPOM (https://cekbpom.pom.go.id/) has changed its search URLs several
  times and searches from a script-driven form, so we link the site and show the number
  to copy rather than a deep link that may break.
- P-IRT: issued by the kabupaten/kota (Dinas Kesehatan), not listed in Cek BPOM: no link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from catalogue.products.model import Certification, Product, Text

HALAL_SEARCH = "https://bpjph.halal.go.id/search/sertifikat"
CEK_BPOM = "https://cekbpom.pom.go.id/"
STALE_AFTER_DAYS = 365

# Categories whose goods are eaten, drunk or put on the skin: only there do a food/cosmetic
# permit, a halal certificate and a shelf life belong on an export checklist. A batik cloth
# or a broom is not "missing" a P-IRT number.
CONSUMABLE = frozenset({"makanan", "minuman", "pertanian", "perikanan", "peternakan", "herbal"})

# Food permits, in the order buyers rank them (a national registration outranks P-IRT).
FOOD_PERMITS = {"bpom-md": "BPOM MD", "bpom-ml": "BPOM ML", "pirt": "P-IRT"}


@dataclass(frozen=True)
class Registry:
    """Where a buyer can look a certificate up, and what to tell them next to the link."""

    url: str | None  # None: there is no public registry to link
    note: Text


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: Text
    ok: bool


def _compact(number: str) -> str:
    return re.sub(r"[\s-]", "", number)


def registry(cert: Certification) -> Registry | None:
    """The public registry for `cert`, or None for types without one (SNI, other)."""
    if cert.type == "halal":
        return Registry(
            f"{HALAL_SEARCH}?nama_produk=&nama_pelaku_usaha=&no_sertifikat={quote(_compact(cert.number))}",
            Text(f"Cek nomor {cert.number} di pencarian sertifikat halal BPJPH.",
                 f"Check number {cert.number} in BPJPH's halal certificate search.",
                 f"تحقق من الرقم {cert.number} في بحث شهادات الحلال لدى BPJPH."),
        )
    if cert.type in ("bpom-md", "bpom-ml"):
        return Registry(
            CEK_BPOM,
            Text(f"Salin nomor {cert.number} lalu cari di Cek BPOM.",
                 f"Copy the number {cert.number} and search for it in Cek BPOM.",
                 f"انسخ الرقم {cert.number} وابحث عنه في Cek BPOM."),
        )
    if cert.type == "pirt":
        return Registry(
            None,
            Text("Nomor P-IRT diterbitkan oleh pemerintah kabupaten/kota dan tidak tercantum di Cek BPOM.",
                 "P-IRT numbers are issued by the regency or city government and are not listed in Cek BPOM.",
                 "تصدر أرقام P-IRT عن حكومة المحافظة أو المدينة ولا تظهر في Cek BPOM."),
        )
    return None


def registry_link(cert: Certification) -> str | None:
    """The address to look `cert` up: halal → BPJPH search for the number, BPOM MD/ML →
    Cek BPOM (number to copy), anything else (P-IRT included) → None."""
    found = registry(cert)
    return found.url if found else None


def pirt_expiry_year(number: str) -> int:
    """The year a P-IRT number expires: its last two digits, in this century.

    "2016303010123-29" → 2029. Raises ValueError unless the number is 15 digits once
    spaces and hyphens are removed (the shape validate.py accepts).
    """
    compact = _compact(number)
    if not re.fullmatch(r"\d{15}", compact):
        raise ValueError(f"not a P-IRT number (15 digits): {number!r}")
    return 2000 + int(compact[-2:])


def is_stale(updated: date, today: date) -> bool:
    """The data was last checked more than a year (365 days) before `today`."""
    return (today - updated).days > STALE_AFTER_DAYS


def _valid_types(product: Product, today: date) -> set[str]:
    return {c.type for c in product.certifications if c.is_valid_on(today)}


def _all_have(lang: str, *texts: Text) -> bool:
    return all(t.has(lang) for t in texts)


def export_checklist(product: Product, today: date) -> list[ChecklistItem]:
    """What an importer asks for, in a fixed order, each ticked from the data.

    Certificates count only when valid on `today`. English means name, summary and
    description (what `--strict` demands of export-ready products); Arabic means name and
    summary (what a card shows). Permit, halal and shelf life are left out for categories
    that are not consumed (see CONSUMABLE) rather than shown as missing.
    """
    valid = _valid_types(product, today)
    consumable = product.category in CONSUMABLE
    items = [
        ("legal_entity", Text("Koperasi berbadan hukum", "Cooperative is a legal entity", "التعاونية كيان قانوني"),
         bool(product.cooperative.legal_entity), True),
        ("nib", Text("NIB (Nomor Induk Berusaha)", "Business ID number (NIB)", "رقم تعريف الأعمال (NIB)"),
         bool(product.cooperative.nib), True),
        ("permit", Text("Izin edar P-IRT atau BPOM", "Food permit (P-IRT or BPOM)", "تصريح التداول (P-IRT أو BPOM)"),
         bool(valid & set(FOOD_PERMITS)), consumable),
        ("halal", Text("Sertifikat halal", "Halal certificate", "شهادة حلال"),
         "halal" in valid, consumable),
        ("hs_code", Text("Kode HS", "HS code", "رمز النظام المنسق (HS)"),
         bool(product.hs_code), True),
        ("min_order", Text("Minimum pemesanan", "Minimum order", "الحد الأدنى للطلب"),
         product.min_order is not None, True),
        ("capacity", Text("Kapasitas produksi", "Production capacity", "الطاقة الإنتاجية"),
         product.capacity is not None, True),
        ("shelf_life", Text("Masa simpan", "Shelf life", "مدة الصلاحية"),
         product.shelf_life_months is not None, consumable),
        ("english", Text("Teks bahasa Inggris", "English text", "نص باللغة الإنجليزية"),
         _all_have("en", product.name, product.summary, product.description), True),
        ("arabic", Text("Teks bahasa Arab", "Arabic text", "نص باللغة العربية"),
         _all_have("ar", product.name, product.summary), True),
    ]
    return [ChecklistItem(key, label, ok) for key, label, ok, applies in items if applies]


def is_export_ready(product: Product, today: date) -> bool:
    """Every item of the export checklist is ticked (computed, not self-declared)."""
    return all(item.ok for item in export_checklist(product, today))


def signal_filters(product: Product, today: date) -> dict[str, list[str]]:
    """Pagefind filter values for the trust signals; every key is always present.

    "halal": ["ya"] with a halal certificate valid on `today`, else [];
    "izin-edar": the valid food permits, e.g. ["BPOM MD", "P-IRT"];
    "siap-ekspor": ["ya"] when the whole export checklist is ticked, else ["tidak"].
    Values are fixed Indonesian words, never text from a product file.
    """
    valid = _valid_types(product, today)
    return {
        "halal": ["ya"] if "halal" in valid else [],
        "izin-edar": [label for kind, label in FOOD_PERMITS.items() if kind in valid],
        "siap-ekspor": ["ya" if is_export_ready(product, today) else "tidak"],
    }
