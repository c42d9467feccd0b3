"""The secondary-cooperative view: member cooperatives, their legal standing, and what they
can supply together per month.

Contract:
- One row per product file, which is one per pesantren (validate.py enforces "one
  pesantren, one flagship product").
- Capacity is summed only within the same category and the same unit text: packs are never
  added to kilograms, and "botol 250 ml" is never added to "botol 600 ml".
- Capacity per week or year is turned into capacity per month rounded down (see `monthly`),
  so the combined figure never promises more than the members stated. No I/O here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from catalogue.products.model import Capacity, Catalogue, Product, Text
from catalogue.products.taxonomy import CATEGORIES, REGENCIES

NO_LEGAL_ENTITY = Text("belum berbadan hukum", "not yet a legal entity", "ليست كيانًا قانونيًا بعد")


@dataclass(frozen=True)
class MemberRow:
    cooperative: str
    pesantren: str
    regency: str  # Kemendagri code, e.g. "63.03"
    regency_label: Text
    legal_entity: str | None  # the badan hukum number, as written
    legal_status: Text  # the number itself (same in every language) or NO_LEGAL_ENTITY
    nib: str | None
    members: int | None
    opop_since: int | None
    product: str  # slug of the pesantren's flagship product


@dataclass(frozen=True)
class Totals:
    cooperatives: int
    with_legal_entity: int
    without_legal_entity: int
    members: int  # sum over the cooperatives that stated a member count
    members_reported: int  # how many cooperatives that sum covers


@dataclass(frozen=True)
class Contribution:
    product: Product
    per_month: int


@dataclass(frozen=True)
class CapacityGroup:
    """Combined monthly capacity of one category in one unit, e.g. peternakan, "botol 250 ml"."""

    category: str
    unit: str  # the grouping key: see `unit_key`
    unit_label: Text  # as the first contributor (by slug) wrote it
    per_month: int
    contributions: tuple[Contribution, ...]  # sorted by slug

    @property
    def pesantren(self) -> tuple[str, ...]:
        return tuple(c.product.pesantren.name for c in self.contributions)


def members(catalogue: Catalogue) -> list[MemberRow]:
    """Member cooperatives, sorted by cooperative name (case-folded), then product slug."""
    rows = []
    for product in catalogue.products:
        coop = product.cooperative
        rows.append(MemberRow(
            cooperative=coop.name,
            pesantren=product.pesantren.name,
            regency=product.pesantren.regency,
            regency_label=REGENCIES[product.pesantren.regency],
            legal_entity=coop.legal_entity,
            legal_status=Text(coop.legal_entity, coop.legal_entity, coop.legal_entity) if coop.legal_entity else NO_LEGAL_ENTITY,
            nib=coop.nib,
            members=coop.members,
            opop_since=coop.opop_since,
            product=product.slug,
        ))
    rows.sort(key=lambda r: (r.cooperative.casefold(), r.product))
    return rows


def totals(catalogue: Catalogue) -> Totals:
    """Counts for the secondary-cooperative summary (the province counted 25 cooperatives
    with legal status in 2024; this is what the catalogue itself shows)."""
    coops = [p.cooperative for p in catalogue.products]
    legal = sum(1 for c in coops if c.legal_entity)
    stated = [c.members for c in coops if c.members is not None]
    return Totals(len(coops), legal, len(coops) - legal, sum(stated), len(stated))


def monthly(capacity: Capacity) -> int:
    """Capacity per month, rounded down.

    week → × 52 / 12 (52 working weeks a year spread over 12 months, ≈ 4.33; a calendar
    month is ≈ 4.35 weeks, but a cooperative rarely produces every week of the year);
    year → ÷ 12. Rounding down per product keeps a group's total equal to the sum of the
    figures shown for each member.
    """
    if capacity.per == "week":
        return capacity.quantity * 52 // 12
    if capacity.per == "year":
        return capacity.quantity // 12
    return capacity.quantity


def unit_key(unit: Text) -> str:
    """The Indonesian unit folded for grouping: NFKC, case-folded, spaces collapsed, and no
    space between a number and its measure ("Botol 250 ml" = "botol 250ml"). Nothing else
    is merged: "bungkus" and "pack", or "kg" and "kilogram", stay apart rather than risk
    adding different things."""
    text = " ".join(unicodedata.normalize("NFKC", unit.id).casefold().split())
    return re.sub(r"(\d) (?=[^\W\d_])", r"\1", text)


def monthly_capacity(catalogue: Catalogue) -> list[CapacityGroup]:
    """Combined capacity per (category, unit), in category order, then largest first, then
    unit. Products without a stated capacity are left out (the members table shows them)."""
    groups: dict[tuple[str, str], list[Product]] = {}
    for product in sorted(catalogue.products, key=lambda p: p.slug):
        if product.capacity is not None:
            groups.setdefault((product.category, unit_key(product.capacity.unit)), []).append(product)
    out = []
    for (category, unit), products in groups.items():
        contributions = tuple(Contribution(p, monthly(p.capacity)) for p in products)
        out.append(CapacityGroup(category, unit, products[0].capacity.unit,
                                 sum(c.per_month for c in contributions), contributions))
    order = list(CATEGORIES)
    out.sort(key=lambda g: (order.index(g.category) if g.category in order else len(order), -g.per_month, g.unit))
    return out
