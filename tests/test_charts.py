"""Inline SVG charts are valid XML with one bar per row and escaped labels; stats feed them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from catalogue.network.charts import bar_chart, chart_table
from catalogue.products.model import Catalogue, Certification, Contact, Cooperative, Pesantren, Price, Product, Text
from catalogue.network.stats import chart_rows, counts

SVG = "{http://www.w3.org/2000/svg}"
ROWS = [("Makanan", 5), ("Kabupaten Hulu Sungai Selatan", 3), ("Jasa", 0)]
HOSTILE = '<script>alert("x")</script> & \'Kopi\' *tebal* \x00'


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def bars(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{SVG}rect")


def test_chart_is_valid_xml_with_one_bar_per_row():
    root = parse(bar_chart("Produk per kategori", ROWS))
    assert root.tag == f"{SVG}svg"
    assert len(bars(root)) == 3
    assert [float(b.get("width")) for b in bars(root)] == [296.0, 177.6, 0.0]  # longest = 360 - 2×4 - 56
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["Makanan", "5", "Kabupaten Hulu Sungai Selatan", "3", "Jasa", "0"]


def test_chart_is_accessible_and_scales_to_a_phone():
    root = parse(bar_chart("Produk per kategori", ROWS))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert (title.get("id"), desc.get("id")) == (title_id, desc_id)
    assert title.text == "Produk per kategori"
    assert desc.text == "Makanan: 5; Kabupaten Hulu Sungai Selatan: 3; Jasa: 0"
    assert root.get("viewBox") == "0 0 360 140" and root.get("width") == "100%"
    assert "var(--md-primary-fg-color," in bars(root)[0].get("style")


def test_hostile_labels_stay_escaped():
    svg = bar_chart(HOSTILE, [(HOSTILE, 1)], href=['produk/"><script>/'])
    assert "<script" not in svg and "\x00" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == '<script>alert("x")</script> & \'Kopi\' *tebal* '
    assert root.find(f".//{SVG}a").get("href") == 'produk/"><script>/'
    for bad in ("javascript:alert(1)", " JavaScript:x", "data:text/html,x"):
        with pytest.raises(ValueError, match="only relative or http"):
            bar_chart("x", [("a", 1)], href=[bad])
    assert parse(bar_chart("x", [("a", 1)], href=["https://example.org/a"])) is not None
    table = chart_table([(HOSTILE, 1)], caption=HOSTILE, href=['"><b>'])
    assert "<script" not in table and '"><b>' not in table
    assert ET.fromstring(table).find(".//a").text.startswith("<script>")


def test_long_labels_are_shortened_on_screen_but_whole_in_the_description():
    label = "Koperasi Pondok Pesantren Nurul Hidayah Kelayan Banjarmasin Selatan"
    root = parse(bar_chart("Koperasi", [(label, 1)]))
    shown = next(root.iter(f"{SVG}text")).text
    assert shown.endswith("…") and len(shown) == 44
    assert label in root.find(f"{SVG}desc").text


def test_links_wrap_each_bar_and_are_named_by_label_and_value():
    root = parse(bar_chart("Per kategori", ROWS, href=["kategori/makanan/", "kabupaten/hss/", "kategori/jasa/"]))
    links = root.findall(f"{SVG}a")
    assert [a.get("href") for a in links] == ["kategori/makanan/", "kabupaten/hss/", "kategori/jasa/"]
    # Links inside role="img" would be out of a screen reader's reach: a chart with links is
    # a named group, and each bar a link in the Tab order.
    assert (root.get("role"), root.get("aria-labelledby")) == ("group", root.find(f"{SVG}title").get("id"))
    assert {a.get("tabindex") for a in links} == {None}
    assert [[t.text for t in a.iter(f"{SVG}text")] for a in links] == [  # the link's name
        ["Makanan", "5"], ["Kabupaten Hulu Sungai Selatan", "3"], ["Jasa", "0"]]
    assert all(len(a.findall(f".//{SVG}rect")) == 1 for a in links)
    with pytest.raises(ValueError, match="2 links for 3 rows"):
        bar_chart("x", ROWS, href=["a", "b"])


def test_output_is_deterministic_and_numbers_can_be_formatted():
    assert bar_chart("Kapasitas", [("Madu", 1200)]) == bar_chart("Kapasitas", [("Madu", 1200)])
    assert bar_chart("a", ROWS) != bar_chart("b", ROWS)
    root = parse(bar_chart("Kapasitas", [("Madu", 1200)], format_value=lambda n: f"{n:,}".replace(",", ".")))
    assert [t.text for t in root.iter(f"{SVG}text")] == ["Madu", "1.200"]


def test_an_empty_chart_still_parses():
    root = parse(bar_chart("Belum ada data", []))
    assert bars(root) == [] and root.find(f"{SVG}desc").text == "-"


def test_table_alternative_has_a_row_per_bar():
    table = ET.fromstring(chart_table(ROWS, caption="Produk per kategori", headers=("Kategori", "Produk"),
                                      href=["a/", "b/", "c/"]))
    assert table.find("caption").text == "Produk per kategori"
    assert [th.text for th in table.find("thead").iter("th")] == ["Kategori", "Produk"]
    assert [(tr.find("th/a").text, tr.find("th/a").get("href"), tr.find("td").text)
            for tr in table.find("tbody")] == [("Makanan", "a/", "5"), ("Kabupaten Hulu Sungai Selatan", "b/", "3"),
                                               ("Jasa", "c/", "0")]
    assert "\n\n" not in chart_table(ROWS)  # safe as one raw-HTML block in Markdown


# --- stats ----------------------------------------------------------------------------------

BASE = Product(
    slug="base", source=Path("products/base/product.yml"), name=Text("Base"), summary=Text("Base"),
    description=Text("Base"), category="makanan", pesantren=Pesantren("Pondok Pesantren Base", "63.03", "Jl. Contoh"),
    cooperative=Cooperative("Kopontren Base"), price=Price(1000, Text("bungkus")), markets=("regional",),
    photos=(), contact=Contact("Ustadz Contoh", "+6281150000001"), updated=date(2026, 1, 5),
)


def product(slug, category, regency, markets, *certs) -> Product:
    return replace(BASE, slug=slug, category=category, pesantren=Pesantren(f"PP {slug}", regency, "Jl."),
                   markets=markets, certifications=certs)


def test_counts_per_breakdown_sorted_by_count_then_label():
    halal = Certification("halal", "ID63110000123450824", date(2028, 8, 1))
    expired = Certification("halal", "ID63110000987650521", date(2023, 5, 1))
    pirt = Certification("pirt", "2066303010214-30", expires_year=2030)
    catalogue = Catalogue((
        product("a", "minuman", "63.03", ("regional", "national"), halal, pirt),
        product("b", "makanan", "63.71", ("regional",), expired, pirt),
        product("c", "makanan", "63.03", ("national", "international"), halal, halal),
        product("d", "kerajinan", "63.01", ("regional",)),
    ), date(2026, 11, 28))
    found = counts(catalogue)
    table = {key: [(c.code, c.count) for c in rows] for key, rows in found.items()}
    assert table == {
        "category": [("makanan", 2), ("kerajinan", 1), ("minuman", 1)],
        "regency": [("63.03", 2), ("63.01", 1), ("63.71", 1)],
        "certification": [("halal", 2), ("pirt", 2)],  # "c" counts once; "b"'s halal expired
        "market": [("regional", 3), ("national", 2), ("international", 1)],
    }
    assert chart_rows(found["category"], "en") == [("Food", 2), ("Crafts", 1), ("Drinks", 1)]
    assert len(bars(parse(bar_chart("Produk per pasar", chart_rows(found["market"]))))) == 3
