"""Secondary-cooperative view: member rows, totals, and capacity summed only per unit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from catalogue.network.secondary_cooperative import NO_LEGAL_ENTITY, Totals, members, monthly, monthly_capacity, totals, unit_key
from catalogue.products.model import Capacity, Catalogue, Contact, Cooperative, Pesantren, Price, Product, Text
from catalogue.products.validate import check_catalogue
from tests.helpers import write_product

TODAY = date(2026, 11, 28)

BASE = Product(
    slug="base", source=Path("products/base/product.yml"), name=Text("Base"), summary=Text("Base"),
    description=Text("Base"), category="peternakan", pesantren=Pesantren("Pondok Pesantren Base", "63.03", "Jl. Contoh"),
    cooperative=Cooperative("Kopontren Base"), price=Price(1000, Text("botol")), markets=("regional",),
    photos=(), contact=Contact("Ustadz Contoh", "+6281150000001"), updated=date(2026, 1, 5),
)


def product(slug: str, category: str = "peternakan", capacity: tuple | None = None, regency: str = "63.03", **coop) -> Product:
    return replace(
        BASE, slug=slug, category=category,
        pesantren=Pesantren(f"Pondok Pesantren {slug}", regency, "Jl. Contoh"),
        cooperative=Cooperative(f"Kopontren {slug}", **coop),
        capacity=Capacity(capacity[0], capacity[1] if isinstance(capacity[1], Text) else Text(capacity[1]), capacity[2]) if capacity else None,
    )


def catalogue(*products: Product) -> Catalogue:
    return Catalogue(tuple(sorted(products, key=lambda p: p.slug)), TODAY)


@pytest.mark.parametrize("quantity, per, expected", [
    (1200, "month", 1200),
    (100, "week", 433),  # 100 × 52 / 12 = 433.3, rounded down
    (3, "week", 13),
    (1000, "year", 83),  # 83.3, rounded down
    (11, "year", 0),
])
def test_monthly_capacity_of_one_product(quantity, per, expected):
    assert monthly(Capacity(quantity, Text("kg"), per)) == expected


def test_unit_key_folds_case_spaces_and_number_spacing_only():
    assert unit_key(Text("Botol  250 ML")) == unit_key(Text("botol 250ml")) == "botol 250ml"
    assert unit_key(Text("bungkus")) != unit_key(Text("kg"))
    assert unit_key(Text("kg")) != unit_key(Text("kilogram"))  # not merged: no guessing


def test_capacity_is_summed_per_category_and_unit_never_across_units():
    groups = monthly_capacity(catalogue(
        product("madu-a", capacity=(250, Text("botol 250 ml", "250 ml bottles"), "month")),
        product("madu-b", capacity=(400, "Botol 250 ml", "month")),
        product("madu-c", capacity=(1200, "botol 250ml", "year")),
        product("madu-d", capacity=(50, "kg", "week")),
        product("madu-e", capacity=(30, "bungkus", "month")),
        product("madu-f"),  # no capacity stated: left out
        product("gula", "pertanian", capacity=(800, "kg", "month")),
    ))
    assert [(g.category, g.unit, g.per_month, [c.product.slug for c in g.contributions]) for g in groups] == [
        ("pertanian", "kg", 800, ["gula"]),
        ("peternakan", "botol 250ml", 750, ["madu-a", "madu-b", "madu-c"]),
        ("peternakan", "kg", 216, ["madu-d"]),
        ("peternakan", "bungkus", 30, ["madu-e"]),
    ]
    honey = groups[1]
    assert [c.per_month for c in honey.contributions] == [250, 400, 100]
    assert honey.unit_label == Text("botol 250 ml", "250 ml bottles")  # as the first member wrote it
    assert honey.pesantren == ("Pondok Pesantren madu-a", "Pondok Pesantren madu-b", "Pondok Pesantren madu-c")
    for group in groups:  # packs are never added to kilograms
        assert {unit_key(c.product.capacity.unit) for c in group.contributions} == {group.unit}
        assert {c.product.category for c in group.contributions} == {group.category}


def test_member_rows_show_legal_status_or_its_absence():
    rows = members(catalogue(
        product("b-koperasi", regency="63.11", legal_entity="AHU-0002291.AH.01.26.TAHUN 2021", nib="9120203631002",
                members=120, opop_since=2021),
        product("a-kelompok", regency="63.72", members=23, opop_since=2023),
    ))
    assert [(r.cooperative, r.product, r.regency, r.regency_label.id, r.legal_status.id, r.nib, r.members, r.opop_since)
            for r in rows] == [
        ("Kopontren a-kelompok", "a-kelompok", "63.72", "Kota Banjarbaru", "belum berbadan hukum", None, 23, 2023),
        ("Kopontren b-koperasi", "b-koperasi", "63.11", "Kabupaten Balangan", "AHU-0002291.AH.01.26.TAHUN 2021",
         "9120203631002", 120, 2021),
    ]
    assert rows[0].legal_status == NO_LEGAL_ENTITY and rows[0].legal_entity is None
    assert rows[0].legal_status.get("en") == "not yet a legal entity"


def test_totals_count_legal_status_and_stated_members():
    assert totals(catalogue(
        product("a", legal_entity="AHU-0000001.AH.01.26.TAHUN 2020", members=100),
        product("b", legal_entity="518/BH/KDK.17.4/III/1996"),  # an older decree still counts
        product("c", members=23),
    )) == Totals(cooperatives=3, with_legal_entity=2, without_legal_entity=1, members=123, members_reported=2)


def test_capacity_from_validated_product_files(tmp_path):
    write_product(tmp_path, "madu-satu", category="peternakan",
                  capacity={"quantity": "100", "unit": "botol 250 ml", "per": "week"})
    write_product(tmp_path, "madu-dua", category="peternakan",
                  capacity={"quantity": "400", "unit": {"id": "Botol 250 ml", "en": "250 ml bottles"}, "per": "month"})
    write_product(tmp_path, "madu-tiga", category="peternakan",
                  capacity={"quantity": "600", "unit": {"id": "kg", "en": "kg"}, "per": "year"})
    result = check_catalogue(tmp_path, today=TODAY)
    assert result.errors == []
    assert [(g.unit, g.per_month, len(g.contributions)) for g in monthly_capacity(result.catalogue)] == [
        ("botol 250ml", 833, 2),
        ("kg", 50, 1),
    ]
