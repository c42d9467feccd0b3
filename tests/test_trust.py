"""Trust signals: registry links, P-IRT expiry, data age, export checklist, search filters."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from catalogue.products.model import (
    Capacity, Certification, Contact, Cooperative, Pesantren, Price, Product, Quantity, Text,
)
from catalogue.network.trust import (
    CEK_BPOM, export_checklist, is_export_ready, is_stale, pirt_expiry_year, registry, registry_link, signal_filters,
)
from catalogue.products.validate import check_catalogue
from tests.helpers import write_product

TODAY = date(2026, 11, 28)

HALAL = Certification("halal", "ID63110000123450824", date(2028, 8, 1))
HALAL_EXPIRED = Certification("halal", "ID63110000987650521", date(2023, 5, 1))
PIRT = Certification("pirt", "2066303010214-30", expires_year=2030)
PIRT_EXPIRED = Certification("pirt", "2106306020045-22", expires_year=2022)
BPOM_MD = Certification("bpom-md", "MD 265211001987")

# Everything an importer asks for is present.
READY = Product(
    slug="kopi", source=Path("products/kopi/product.yml"),
    name=Text("Kopi Liberika", "Liberica Coffee", "قهوة ليبيريكا"),
    summary=Text("Kopi sangrai.", "Roasted coffee.", "قهوة محمصة."),
    description=Text("Biji kopi.", "Coffee beans."), category="minuman",
    pesantren=Pesantren("Pondok Pesantren Contoh", "63.03", "Jl. Contoh"),
    cooperative=Cooperative("Kopontren Contoh", legal_entity="AHU-0001234.AH.01.26.TAHUN 2024", nib="9120306303006"),
    price=Price(35000, Text("bungkus 250 g")), markets=("national",), photos=(),
    contact=Contact("Ustadz Contoh", "+6281150000001"), updated=date(2026, 1, 5),
    min_order=Quantity(20, Text("bungkus")), capacity=Capacity(1500, Text("bungkus"), "month"),
    shelf_life_months=12, hs_code="0901.21", certifications=(HALAL, PIRT),
)

ORDER = ["legal_entity", "nib", "permit", "halal", "hs_code", "min_order", "capacity", "shelf_life", "english", "arabic"]


def ticks(product: Product) -> dict[str, bool]:
    return {item.key: item.ok for item in export_checklist(product, TODAY)}


def test_halal_links_to_the_bpjph_certificate_search_with_the_number():
    assert registry_link(HALAL) == (
        "https://bpjph.halal.go.id/search/sertifikat?nama_produk=&nama_pelaku_usaha=&no_sertifikat=ID63110000123450824")
    assert "ID63110000123450824" in registry(HALAL).note.id  # shown to copy if the link breaks


def test_bpom_links_to_cek_bpom_and_shows_the_number_to_copy():
    assert registry_link(BPOM_MD) == CEK_BPOM == "https://cekbpom.pom.go.id/"
    assert registry_link(Certification("bpom-ml", "ML 123456789012")) == CEK_BPOM
    assert registry(BPOM_MD).note.id == "Salin nomor MD 265211001987 lalu cari di Cek BPOM."


def test_pirt_has_no_registry_link_but_says_who_issues_it():
    assert registry_link(PIRT) is None
    assert "kabupaten/kota" in registry(PIRT).note.id
    assert registry(Certification("sni", "SNI 3553:2015")) is None
    assert registry_link(Certification("other", "Merek terdaftar")) is None


@pytest.mark.parametrize("number, year", [
    ("2016303010123-29", 2029),
    ("206 6303 0102 14 30", 2030),
    ("210630602004522", 2022),
])
def test_pirt_expiry_year_is_decoded_from_the_last_two_digits(number, year):
    assert pirt_expiry_year(number) == year


@pytest.mark.parametrize("number", ["2016303010123", "ID63110000123450824", "2016303010123-2x"])
def test_pirt_expiry_year_rejects_other_shapes(number):
    with pytest.raises(ValueError, match="P-IRT"):
        pirt_expiry_year(number)


def test_stale_after_more_than_365_days():
    assert not is_stale(TODAY, TODAY)
    assert not is_stale(TODAY - timedelta(days=365), TODAY)
    assert is_stale(TODAY - timedelta(days=366), TODAY)


def test_checklist_follows_the_issue_order_and_is_all_ticked_when_complete():
    items = export_checklist(READY, TODAY)
    assert [i.key for i in items] == ORDER
    assert all(i.ok for i in items) and is_export_ready(READY, TODAY)
    assert items[0].label == Text("Koperasi berbadan hukum", "Cooperative is a legal entity", "التعاونية كيان قانوني")


def test_checklist_unticks_each_missing_fact():
    bare = replace(
        READY, cooperative=Cooperative("Kelompok Usaha Santri"), certifications=(HALAL_EXPIRED, PIRT_EXPIRED),
        hs_code=None, min_order=None, capacity=None, shelf_life_months=None,
        name=Text("Kopi"), summary=Text("Kopi sangrai.", "Roasted coffee."),
    )
    assert ticks(bare) == dict.fromkeys(ORDER, False)
    assert not is_export_ready(bare, TODAY)


def test_bpom_meets_the_permit_item_and_english_needs_all_three_texts():
    product = replace(READY, certifications=(BPOM_MD,), description=Text("Biji kopi."))
    assert ticks(product) | {"halal": True, "english": True} == dict.fromkeys(ORDER, True)
    assert ticks(product)["english"] is False and ticks(product)["halal"] is False


def test_goods_that_are_not_consumed_skip_permit_halal_and_shelf_life():
    cloth = replace(READY, category="fesyen", certifications=(), shelf_life_months=None)
    assert [i.key for i in export_checklist(cloth, TODAY)] == [
        "legal_entity", "nib", "hs_code", "min_order", "capacity", "english", "arabic"]
    assert is_export_ready(cloth, TODAY)


def test_signal_filters_use_only_currently_valid_certificates():
    assert signal_filters(READY, TODAY) == {"halal": ["ya"], "izin-edar": ["P-IRT"], "siap-ekspor": ["ya"]}
    expired = replace(READY, certifications=(HALAL_EXPIRED, PIRT_EXPIRED, BPOM_MD))
    assert signal_filters(expired, TODAY) == {"halal": [], "izin-edar": ["BPOM MD"], "siap-ekspor": ["tidak"]}
    both = replace(READY, certifications=(PIRT, BPOM_MD, Certification("bpom-ml", "ML 123456789012")))
    assert signal_filters(both, TODAY)["izin-edar"] == ["BPOM MD", "BPOM ML", "P-IRT"]


def test_signals_on_a_validated_product(tmp_path):
    write_product(tmp_path, "kopi-contoh", updated="2025-06-01", certifications=[
        {"type": "halal", "number": "ID63110000123450824", "valid_until": "2028-08-01"},
        {"type": "pirt", "number": "2016303010123-29"},
    ])
    result = check_catalogue(tmp_path, today=TODAY)
    assert result.errors == []
    [product] = result.catalogue.products
    assert is_stale(product.updated, TODAY)
    assert [pirt_expiry_year(c.number) for c in product.certifications if c.type == "pirt"] == [2029]
    # The helper's product has no NIB, HS code, shelf life or Arabic text.
    assert [i.key for i in export_checklist(product, TODAY) if not i.ok] == ["nib", "hs_code", "shelf_life", "arabic"]
    assert signal_filters(product, TODAY) == {"halal": ["ya"], "izin-edar": ["P-IRT"], "siap-ekspor": ["tidak"]}
