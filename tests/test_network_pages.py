"""Issue 6 on the built sample site: the exchange board (tukar/), member cooperatives
(koperasi/), statistics (statistik/), and the trust and exchange blocks of product pages.

Expected values come from the logic modules (exchange, secondary_cooperative, stats, trust), so these
tests check that the pages show what the logic computed, plus the known sample pairs.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from catalogue.network import exchange, secondary_cooperative, stats, trust
from catalogue.products.model import Catalogue, Contact, Cooperative, Need, Pesantren, Price, Product, Text
from catalogue.site.network_pages import NetworkBuilder, build_network_pages, need_anchor

SVG = "{http://www.w3.org/2000/svg}"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Elements(HTMLParser):
    """Every element with an id or class: its attributes, the links and text inside it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []
        self.by_id: dict[str, dict] = {}
        self.all: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        node = {"tag": tag, "id": a.get("id"), "class": (a.get("class") or "").split(), "attrs": a,
                "hrefs": [], "text": [], "parents": [n["id"] for n in self.stack if n["id"]]}
        for open_node in self.stack + [node]:
            if a.get("href"):
                open_node["hrefs"].append(a["href"])
        self.all.append(node)
        if node["id"]:
            self.by_id[node["id"]] = node
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):  # <rect/> in SVG: opens and closes at once
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        for node in self.stack:
            node["text"].append(data)

    def with_class(self, name: str) -> list[dict]:
        return [n for n in self.all if name in n["class"]]


def elements(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text("utf-8"))
    return parser


def text(node: dict) -> str:
    return " ".join("".join(node["text"]).split())


def page(site: Path, url: str) -> Path:
    return site / url / "index.html"


def target(site: Path, from_url: str, href: str) -> tuple[str, str]:
    """(site-relative page URL, fragment) of a relative link on the page at `from_url`."""
    parts = urlsplit(href)
    resolved = (site / from_url / unquote(parts.path)).resolve().relative_to(site.resolve()).as_posix()
    return (resolved + "/" if resolved != "." else ""), parts.fragment


# --- the exchange board ---------------------------------------------------------------------


def test_board_lists_every_need_with_its_candidates(sample_site, sample_catalogue):
    board = elements(page(sample_site, "tukar"))
    matches = exchange.match_needs(sample_catalogue)
    assert matches
    for m in matches:
        entry = board.by_id[need_anchor(m.product.slug, m.index)]
        linked = {target(sample_site, "tukar/", h)[0] for h in entry["hrefs"]}
        assert m.product.url in linked  # the pesantren that needs it
        assert {c.product.url for c in m.candidates} <= linked
        section = "peluang" if m.is_open else "dengan-pemasok"
        assert section in entry["parents"], (m.product.slug, entry["parents"])
        assert ("opop-need--open" in entry["class"]) == m.is_open


def test_known_sample_pairs(sample_site):
    board = elements(page(sample_site, "tukar"))
    soap = board.by_id["kebutuhan-sabun-herbal-rantau-0"]
    assert "madu kelulut" in text(soap).casefold()
    assert {"../produk/madu-kelulut-balangan/", "../produk/madu-kelulut-tanah-bumbu/"} <= set(soap["hrefs"])
    vacuum = board.by_id["kebutuhan-abon-ikan-haruan-amuntai-0"]
    assert "vakum" in text(vacuum) and "peluang" in vacuum["parents"]
    assert "Belum ada pemasok di katalog" in text(vacuum)
    assert [h for h in vacuum["hrefs"]] == ["../produk/abon-ikan-haruan-amuntai/"] * 2  # maker + contact
    stats_text = text(board.with_class("opop-stats")[0])
    assert "6 kebutuhan" in stats_text and "1 peluang terbuka" in stats_text


def test_links_go_both_ways_and_land_on_the_board(sample_site, sample_catalogue):
    board_ids = set(elements(page(sample_site, "tukar")).by_id)
    needed = exchange.needed_by(sample_catalogue)
    for product in sample_catalogue.products:
        found = elements(page(sample_site, product.url))
        # This product's needs: each links to its candidates and to its entry on the board.
        if product.needs:
            needs = found.by_id["kebutuhan"]
            for m in exchange.match_needs(sample_catalogue):
                if m.product.slug == product.slug:
                    links = {target(sample_site, product.url, h) for h in needs["hrefs"]}
                    assert {(c.product.url, "") for c in m.candidates} <= links
                    assert ("tukar/", need_anchor(product.slug, m.index)) in links
        # Who needs this product: exactly exchange.needed_by, each with a board link that exists.
        block = found.by_id.get("dibutuhkan-oleh")
        if not needed[product.slug]:
            assert block is None, product.slug
            continue
        links = [target(sample_site, product.url, h) for h in block["hrefs"]]
        assert {u for u, f in links if u.startswith("produk/")} == {p.url for p in needed[product.slug]}
        board_links = [f for u, f in links if u == "tukar/"]
        assert board_links and set(board_links) <= board_ids


def test_palm_sugar_is_needed_by_coffee_and_dodol(sample_site):
    found = elements(page(sample_site, "produk/gula-aren-batang-alai"))
    block = found.by_id["dibutuhkan-oleh"]
    assert text(block).startswith("Dibutuhkan oleh")
    linked = {target(sample_site, "produk/gula-aren-batang-alai/", h)[0] for h in block["hrefs"]}
    assert {"produk/kopi-liberika-aranio/", "produk/dodol-kandangan/"} <= linked
    assert "data-pagefind-ignore" in block["attrs"]  # the needers are not this product's words


# --- cooperatives ---------------------------------------------------------------------------


def test_cooperatives_page_totals_match_the_samples(sample_site, sample_catalogue):
    totals = secondary_cooperative.totals(sample_catalogue)
    assert (totals.cooperatives, totals.with_legal_entity, totals.without_legal_entity) == (14, 11, 3)
    found = elements(page(sample_site, "koperasi"))
    summary = text(found.with_class("opop-stats")[0])
    assert "14 koperasi" in summary and "11 berbadan hukum" in summary and "3 belum berbadan hukum" in summary
    assert f"{totals.members:,}".replace(",", ".") + " anggota" in summary
    cards = found.with_class("opop-coop")
    assert len(cards) == len(secondary_cooperative.members(sample_catalogue)) == 14
    assert len(found.with_class("opop-coop--no-legal")) == 3
    assert sum("belum berbadan hukum" in text(c) for c in cards) == 3
    for row in secondary_cooperative.members(sample_catalogue):
        card = next(c for c in cards if text(c).startswith(row.cooperative))
        assert (row.legal_entity or "belum berbadan hukum") in text(card)
        if row.nib:
            assert row.nib in text(card)
    assert "25 koperasi pesantren berbadan hukum pada 2024" in text(found.with_class("opop-note")[0])


def test_combined_capacity_per_category_and_unit(sample_site, sample_catalogue):
    found = elements(page(sample_site, "koperasi"))
    groups = secondary_cooperative.monthly_capacity(sample_catalogue)
    shown = found.with_class("opop-capacity")
    assert len(shown) == len(groups)
    honey = next(text(s) for s in shown if "botol 250 ml" in text(s))
    assert "650 botol 250 ml/bulan dari 2 pesantren" in honey
    assert "Madu Kelulut Paringin" in honey and ": 250" in honey and ": 400" in honey


# --- statistics -----------------------------------------------------------------------------


def test_statistics_has_four_charts_with_one_bar_per_row(sample_site, sample_catalogue):
    html = page(sample_site, "statistik").read_text("utf-8")
    svgs = re.findall(r"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"opop-chart\".*?</svg>", html, re.S)
    breakdowns = stats.counts(sample_catalogue)
    assert len(svgs) == len(breakdowns) == 4
    for svg, (key, rows) in zip(svgs, breakdowns.items()):
        root = ET.fromstring(svg)
        assert all(r.count > 0 for r in rows)
        assert len(root.findall(f".//{SVG}rect")) == len(rows), key
        # Bars that are links make a named group, not an image (WCAG: no links inside role="img").
        linked = root.find(f".//{SVG}a") is not None
        assert root.get("role") == ("group" if linked else "img") and root.find(f"{SVG}title").text == stats.BREAKDOWNS[key].id
    found = elements(page(sample_site, "statistik"))
    figures = found.with_class("opop-figure")
    assert len(figures) == 4
    # Each chart sits in a <figure> with its table (the text alternative) right next to it.
    tables = re.findall(r'<figure class="opop-figure".*?</figure>', html, re.S)
    for figure, rows in zip(tables, breakdowns.values()):
        assert "<details" in figure and "Lihat sebagai tabel" in figure
        assert figure.count('<tr><th scope="row">') == len(rows)


def test_chart_links_open_existing_pages_or_a_filtered_search(sample_site):
    found = elements(page(sample_site, "statistik"))
    figure = found.by_id["per-sertifikasi"]
    assert "../cari/?sertifikasi=Halal" in figure["hrefs"]
    for href in found.by_id["per-kategori"]["hrefs"] + found.by_id["per-kabupaten"]["hrefs"]:
        url, _ = target(sample_site, "statistik/", href)
        assert page(sample_site, url.rstrip("/")).is_file(), href


# --- trust signals on product pages ---------------------------------------------------------


def test_every_product_shows_its_export_checklist(sample_site, sample_catalogue):
    for product in sample_catalogue.products:
        found = elements(page(sample_site, product.url))
        [checklist] = found.with_class("opop-checklist")
        items = trust.export_checklist(product, sample_catalogue.today)
        shown = [n for n in found.with_class("opop-check")]
        assert len(shown) == len(items), product.slug
        for node, item in zip(shown, items):
            marked = text(node)
            assert marked.startswith("✓" if item.ok else "✗"), (product.slug, marked)
            assert item.label.id in marked  # words, not a colour
            assert marked.endswith(": ada" if item.ok else ": belum ada")
        done = sum(i.ok for i in items)
        assert f"{done} dari {len(items)} terpenuhi" in text(found.by_id["kesiapan-ekspor"])


def test_data_age_registry_links_and_pirt_year(sample_site, sample_catalogue):
    today = sample_catalogue.today
    for product in sample_catalogue.products:
        found = elements(page(sample_site, product.url))
        [checked] = found.with_class("opop-checked")
        assert ("opop-checked--stale" in checked["class"]) == trust.is_stale(product.updated, today), product.slug
        assert "Data diperiksa pada" in text(checked)
        certs = found.by_id["sertifikasi"]
        for cert in product.certifications:
            link = trust.registry_link(cert)
            if link:
                assert link in certs["hrefs"], (product.slug, cert.number)
            if cert.type == "pirt":
                assert f"hingga {trust.pirt_expiry_year(cert.number)}" in text(certs)
    honey = elements(page(sample_site, "produk/madu-kelulut-balangan"))  # checked 2025-01-15
    assert "opop-checked--stale" in honey.with_class("opop-checked")[0]["class"]
    assert "Lebih dari setahun" in text(honey.with_class("opop-checked")[0])


def filters(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for node in elements(path).all:
        if "data-pagefind-filter" in node["attrs"]:
            out.setdefault(node["attrs"]["data-pagefind-filter"], []).append(text(node))
    return out


def test_halal_and_permit_filters_follow_the_trust_signals(sample_site, sample_catalogue):
    today = sample_catalogue.today
    with_halal = 0
    for product in sample_catalogue.products:
        found = filters(page(sample_site, product.url))
        signals = trust.signal_filters(product, today)
        assert ("Halal" in found) == bool(signals["halal"]), product.slug
        with_halal += "Halal" in found
        assert found.get("Halal", []) in ([], ["Ya"])
        assert found.get("Izin edar (P-IRT/BPOM)", []) == signals["izin-edar"]
        # Siap ekspor stays the cooperative's declaration, not the computed checklist.
        assert found["Siap ekspor"] == ["Ya" if product.export.ready else "Tidak"]
    assert with_halal >= 1
    assert "Halal" not in filters(page(sample_site, "produk/madu-kelulut-balangan"))  # expired in 2023
    facets = json.loads(elements(page(sample_site, "cari")).by_id["opop-search"]["attrs"]["data-facets"])
    assert {"halal", "izin-edar", "siap-ekspor"} <= {f["key"] for f in facets}


def test_home_and_nav_lead_to_the_network_pages(sample_site):
    home = elements(sample_site / "index.html")
    hrefs = [h for n in home.with_class("opop-tile") for h in n["hrefs"]]
    assert {"tukar/", "koperasi/", "statistik/"} <= set(hrefs)
    tabs = home.with_class("md-tabs__link")
    assert any(text(t) == "Jaringan" for t in tabs)


# --- escaping and languages, on a tiny catalogue --------------------------------------------

HOSTILE = '<script>alert("x")</script> & *tebal*'
BASE = Product(
    slug="base", source=Path("products/base/product.yml"), name=Text("Base"), summary=Text("Base"),
    description=Text("Base"), category="makanan", pesantren=Pesantren("Pondok Pesantren Base", "63.03", "Jl. Contoh"),
    cooperative=Cooperative("Kopontren Base"), price=Price(1000, Text("bungkus")), markets=("regional",),
    photos=(), contact=Contact("Ustadz Contoh", "+6281150000001"), updated=date(2026, 1, 5),
)


def tiny() -> Catalogue:
    needer = replace(BASE, slug="a", name=Text(HOSTILE), cooperative=Cooperative(HOSTILE),
                     needs=(Need("jasa", Text(HOSTILE)),))
    return Catalogue((needer,), date(2026, 11, 28))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_product_text_is_escaped_on_every_network_page(lang):
    for built in build_network_pages(tiny(), {}, lang):
        body = str(built.body)
        assert "<script" not in body, built.url
    board = str(build_network_pages(tiny(), {}, lang)[0].body)
    assert "&lt;script&gt;" in board and 'id="kebutuhan-a-0"' in board


def test_english_strings_and_reference_day():
    builder = NetworkBuilder(tiny(), "en", today=date(2027, 2, 1))
    assert builder.today == date(2027, 2, 1)
    board = str(builder.exchange_page().body)
    assert "Open opportunities" in board and "Exchange board" in board
    net = builder.product_context(tiny().products[0])["net"]
    assert net["stale"] is True and net["checked"] == "5 January 2026"
