"""Counts for the statistics page: products by category, kabupaten/kota, certification and
market. Pure; charts.py draws them.

Contract: every count is a number of products (a product with two halal certificates counts
once). Certifications count only when valid on the catalogue's `today`. Only codes with at
least one product appear. Rows are sorted by count (desc), then Indonesian label, so the
order is the same in every language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from catalogue.products.model import Catalogue, Product, Text
from catalogue.products.taxonomy import CATEGORIES, CERTIFICATION_TYPES, MARKETS, REGENCIES

BREAKDOWNS: dict[str, Text] = {
    "category": Text("Produk per kategori", "Products by category", "المنتجات حسب الفئة"),
    "regency": Text("Produk per kabupaten/kota", "Products by regency or city", "المنتجات حسب المحافظة أو المدينة"),
    "certification": Text("Produk per sertifikasi (yang masih berlaku)", "Products by certification (currently valid)",
                          "المنتجات حسب الشهادة (السارية)"),
    "market": Text("Produk per pasar", "Products by market", "المنتجات حسب السوق"),
}


@dataclass(frozen=True)
class Count:
    code: str  # taxonomy code: "makanan", "63.03", "halal", "national"
    label: Text
    count: int


def _count(products: Iterable[Product], codes_of: Callable[[Product], Iterable[str]], labels: dict[str, Text]) -> list[Count]:
    counter: Counter[str] = Counter()
    for product in products:
        counter.update(set(codes_of(product)))
    rows = [Count(code, labels[code], n) for code, n in counter.items()]
    rows.sort(key=lambda c: (-c.count, c.label.id.casefold(), c.code))
    return rows


def counts(catalogue: Catalogue) -> dict[str, list[Count]]:
    """The four breakdowns, keyed as in BREAKDOWNS (category, regency, certification, market)."""
    today = catalogue.today
    products = catalogue.products
    return {
        "category": _count(products, lambda p: [p.category], CATEGORIES),
        "regency": _count(products, lambda p: [p.pesantren.regency], REGENCIES),
        "certification": _count(products, lambda p: [c.type for c in p.certifications if c.is_valid_on(today)],
                                CERTIFICATION_TYPES),
        "market": _count(products, lambda p: p.markets, MARKETS),
    }


def chart_rows(breakdown: list[Count], lang: str = "id") -> list[tuple[str, int]]:
    """(label in `lang`, count) pairs for charts.bar_chart and charts.chart_table."""
    return [(c.label.get(lang), c.count) for c in breakdown]
