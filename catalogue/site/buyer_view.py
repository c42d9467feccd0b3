"""What a buyer reads about one product, as plain text per language (no HTML here).

Templates lay these out; tests can check them without parsing pages. Everything that
depends on the reference day (is a certificate still valid?) takes `today` explicitly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from catalogue.site import formatting as fmt
from catalogue.network import trust
from catalogue.locales import t
from catalogue.products.model import Certification, Product
from catalogue.products.taxonomy import CAPACITY_PERIODS, CATEGORIES, CERTIFICATION_TYPES, MARKETS, REGENCIES

# Registration types buyers recognise as "this food is registered"; one badge for the best.
_REGISTRATIONS = ("bpom-md", "bpom-ml", "pirt")


@dataclass(frozen=True)
class Badge:
    kind: str  # halal | registration | export: the CSS modifier
    label: str


@dataclass(frozen=True)
class CertificationRow:
    type: str
    label: str
    number: str
    validity: str  # "berlaku hingga 1 Agustus 2028", "kedaluwarsa sejak …", or ""
    valid: bool


def price_from(product: Product, lang: str) -> str:
    """Card price: "mulai Rp35.000"."""
    return t(lang, "price.from", price=fmt.rupiah(product.price.min, lang))


def price_range(product: Product, lang: str) -> str:
    """Product page price: "Rp150.000 – Rp450.000" or "Rp35.000"."""
    low = fmt.rupiah(product.price.min, lang)
    if product.price.max is None or product.price.max == product.price.min:
        return low
    return f"{low} – {fmt.rupiah(product.price.max, lang)}"


def valid_certifications(product: Product, today: date) -> list[Certification]:
    return [c for c in product.certifications if c.is_valid_on(today)]


def badges(product: Product, today: date, lang: str) -> list[Badge]:
    """Key badges for cards and the product header: halal, P-IRT/BPOM, export-ready.

    Only certifications valid on `today` earn a badge: an expired halal certificate is shown
    on the product page as expired, never as a badge.
    """
    valid = {c.type for c in valid_certifications(product, today)}
    out = []
    if "halal" in valid:
        out.append(Badge("halal", CERTIFICATION_TYPES["halal"].get(lang)))
    for kind in _REGISTRATIONS:
        if kind in valid:
            out.append(Badge("registration", t(lang, f"badge.{kind}")))
            break
    if product.export.ready:
        out.append(Badge("export", t(lang, "badge.export")))
    return out


def certification_rows(product: Product, today: date, lang: str) -> list[CertificationRow]:
    rows = []
    for cert in product.certifications:
        valid = cert.is_valid_on(today)
        if cert.valid_until is not None:
            key = "cert.valid_until" if valid else "cert.expired_on"
            validity = t(lang, key, date=fmt.long_date(cert.valid_until, lang))
        elif cert.expires_year is not None:
            key = "cert.valid_until_year" if valid else "cert.expired_year"
            validity = t(lang, key, year=cert.expires_year)
        else:
            validity = ""
        label = t(lang, "badge.pirt") if cert.type == "pirt" else CERTIFICATION_TYPES[cert.type].get(lang)
        rows.append(CertificationRow(cert.type, label, cert.number, validity, valid))
    return rows


def spec_rows(product: Product, lang: str) -> list[tuple[str, str]]:
    """The specification table, in the order a buyer asks: price, order, supply, logistics."""
    rows = [(t(lang, "spec.price"), f"{price_range(product, lang)} / {product.price.unit.get(lang)}")]
    if product.min_order:
        rows.append((t(lang, "spec.min_order"),
                     f"{fmt.number(product.min_order.quantity, lang)} {product.min_order.unit.get(lang)}"))
    if product.capacity:
        cap = product.capacity
        rows.append((t(lang, "spec.capacity"), t(
            lang, "spec.capacity_value", quantity=fmt.number(cap.quantity, lang),
            unit=cap.unit.get(lang), per=CAPACITY_PERIODS[cap.per].get(lang))))
    if product.shelf_life_months:
        rows.append((t(lang, "spec.shelf_life"),
                     t(lang, "spec.months", n=fmt.number(product.shelf_life_months, lang))))
    if product.packaging:
        rows.append((t(lang, "spec.packaging"), product.packaging.get(lang)))
    if product.hs_code:
        rows.append((t(lang, "spec.hs_code"), product.hs_code))
    rows.append((t(lang, "spec.markets"), ", ".join(MARKETS[m].get(lang) for m in product.markets)))
    if product.export.ready is not None:
        rows.append((t(lang, "spec.export_ready"), t(lang, "yes" if product.export.ready else "no")))
    if product.export.countries:
        rows.append((t(lang, "spec.export_countries"),
                     ", ".join(fmt.country(c, lang) for c in product.export.countries)))
    rows.append((t(lang, "spec.category"), CATEGORIES[product.category].get(lang)))
    rows.append((t(lang, "spec.updated"), fmt.long_date(product.updated, lang)))
    return rows


def cooperative_rows(product: Product, lang: str) -> list[tuple[str, str]]:
    coop = product.cooperative
    rows = [(t(lang, "coop.name"), coop.name)]
    if coop.legal_entity:
        rows.append((t(lang, "coop.legal_entity"), coop.legal_entity))
    if coop.nib:
        rows.append((t(lang, "coop.nib"), coop.nib))
    if coop.founded:
        rows.append((t(lang, "coop.founded"), str(coop.founded)))
    if coop.members:
        rows.append((t(lang, "coop.members"), t(lang, "coop.members_value", n=fmt.number(coop.members, lang))))
    if coop.opop_since:
        rows.append((t(lang, "coop.opop_since"), str(coop.opop_since)))
    return rows


def whatsapp_message(product: Product, lang: str, page_url: str | None = None) -> str:
    """The prefilled chat text: greets, names the product and pesantren, says where from."""
    text = t(lang, "contact.wa_message", product=product.name.get(lang), pesantren=product.pesantren.name)
    if page_url:
        text += f"\n{page_url}"
    return text


# Search facets, in the order the search page shows them (keys of the filter.* strings).
SEARCH_FACETS = ("kategori", "kabupaten", "harga", "halal", "izin-edar", "sertifikasi", "siap-ekspor", "pasar")

# Price bands of the "Harga" filter, by the lowest price (Pagefind has no range filters).
# Fixed, not fitted to today's prices: a band's address (?harga=…) must not move when one
# product is added. Chosen from what OPOP products cost: snacks and drinks under Rp25.000,
# most food and crafts 25–100 ribu, textiles and bulk 100–500 ribu, services above.
PRICE_BANDS = (0, 25_000, 100_000, 500_000)


def price_band(product: Product, lang: str) -> str:
    """The label of the product's price band: "di bawah Rp25.000", "Rp25.000–Rp100.000" (from
    the first, below the second), "Rp500.000 ke atas"."""
    price = product.price.min
    index = max(i for i, low in enumerate(PRICE_BANDS) if price >= low)
    if index == 0:
        return t(lang, "price.band_under", price=fmt.rupiah(PRICE_BANDS[1], lang))
    if index == len(PRICE_BANDS) - 1:
        return t(lang, "price.band_over", price=fmt.rupiah(PRICE_BANDS[index], lang))
    return f"{fmt.rupiah(PRICE_BANDS[index], lang)}–{fmt.rupiah(PRICE_BANDS[index + 1], lang)}"


def search_sort_keys(product: Product, name_rank: int) -> dict[str, str]:
    """Numbers Pagefind sorts results by (data-pagefind-sort): the lowest price, the day the
    data was checked (YYYYMMDD) and the name's place in this language's A–Z order. Every
    product has all three, so none drops out of a sorted search."""
    return {"harga": str(product.price.min), "diperbarui": product.updated.strftime("%Y%m%d"),
            "nama": str(name_rank)}


def search_filters(product: Product, today: date, lang: str) -> list[tuple[str, str]]:
    """(filter, value) pairs for the search facets. Values are taxonomy labels only, never
    free text from a product file, so they are safe inside attributes and stable for URLs."""
    pairs = [
        ("kategori", CATEGORIES[product.category].get(lang)),
        ("kabupaten", REGENCIES[product.pesantren.regency].get(lang)),
        ("harga", price_band(product, lang)),
    ]
    cert_types = sorted({c.type for c in valid_certifications(product, today)},
                        key=list(CERTIFICATION_TYPES).index)
    for kind in cert_types:
        label = t(lang, "badge.pirt") if kind == "pirt" else CERTIFICATION_TYPES[kind].get(lang)
        pairs.append(("sertifikasi", label))
    # Trust signals (issue 6): a valid halal certificate, valid P-IRT/BPOM permits. Their
    # "siap-ekspor" is not used: that filter stays the cooperative's declared export.ready.
    signals = trust.signal_filters(product, today)
    pairs += [("halal", t(lang, "yes")) for _ in signals["halal"]]
    pairs += [("izin-edar", label) for label in signals["izin-edar"]]
    pairs.append(("siap-ekspor", t(lang, "yes" if product.export.ready else "no")))
    for market in product.markets:
        pairs.append(("pasar", MARKETS[market].get(lang)))
    return pairs
