"""The built site, end to end: pages, links, product facts, search index, the swap, and
reproducibility. Plus the pure pieces (formatting, descriptions, URLs) row by row."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import REPO, build
from helpers import write_product

from catalogue.site import formatting, urls
from catalogue.products.markdown_text import find_description_problems, render_description
from catalogue.products.taxonomy import REGENCY_SLUGS

# --- pure pieces ---------------------------------------------------------------------------


@pytest.mark.parametrize("amount, lang, text", [
    (35000, "id", "Rp35.000"), (1500000, "id", "Rp1.500.000"), (35000, "en", "IDR\u00a035,000"),
])
def test_rupiah(amount, lang, text):
    assert formatting.rupiah(amount, lang) == text


def test_dates_numbers_countries():
    assert formatting.long_date(date(2024, 10, 3), "id") == "3 Oktober 2024"
    assert formatting.long_date(date(2024, 10, 3), "en") == "3 October 2024"
    assert formatting.number(1500, "id") == "1.500"
    assert formatting.country("MY", "id") == "Malaysia"
    assert formatting.country("SA", "id") == "Arab Saudi"


def test_whatsapp_link():
    link = urls.whatsapp("+6281150000001", "Halo, saya mau Kopi & Teh?")
    assert link == "https://wa.me/6281150000001?text=Halo%2C%20saya%20mau%20Kopi%20%26%20Teh%3F"


@pytest.mark.parametrize("source, target, link", [
    ("produk/kopi/", "kategori/minuman/", "../../kategori/minuman/"),
    ("", "media/a.jpg", "media/a.jpg"),
    ("katalog/", "", "../"),
    ("cari/", "pagefind/", "../pagefind/"),
])
def test_relative_links(source, target, link):
    assert urls.relative(source, target) == link


@pytest.mark.parametrize("md, problems", [
    ("Biji kopi.\n- 250 g\n- bubuk", []),
    ("**tebal** dan *miring* <https://contoh.id> [surel](mailto:a@contoh.id)", []),
    ("Halo <b>tebal</b>", [("description_html", {"found": "<b>"})]),
    ("<script>alert(1)</script>", [("description_html", {"found": "<script>"})]),
    ("x <img src=x onerror=alert(1)>", [("description_html", {"found": "<img src=x onerror=alert(1)>"})]),
    ("<!-- catatan -->", [("description_html", {"found": "<!-- catatan -->"})]),
    ("[klik](javascript:alert(1))", [("description_link", {"found": "javascript:alert(1)"})]),
    ("[klik](&#106;avascript:alert(1))", [("description_link", {"found": "javascript:alert(1)"})]),
    ("[klik](data:text/html,hai)", [("description_link", {"found": "data:text/html,hai"})]),
    ("[klik](produk/lain)", [("description_link", {"found": "produk/lain"})]),
    ("![foto](https://contoh.id/a.jpg)", [("description_image", {"found": "![foto](https://contoh.id/a.jpg)"})]),
    ("harga < 5000 dan `<b>` di kode", []),
])
def test_description_problems(md, problems):
    assert find_description_problems(md) == problems


def test_description_renders_only_the_allowlist():
    html = render_description(
        "Biji **kopi**\n- satu\n\n<script>alert(1)</script> [a](javascript:alert(1)) "
        "[b](https://contoh.id) <img src=x onerror=alert(2)>")
    assert "<strong>kopi</strong>" in html and "<li>satu</li>" in html
    assert "script" not in html and "onerror" not in html and "javascript" not in html
    assert '<a href="https://contoh.id" rel="nofollow noopener noreferrer ugc">b</a>' in html
    tags = set(re.findall(r"</?([a-z0-9]+)", html))
    assert tags <= {"p", "br", "ul", "ol", "li", "strong", "em", "a"}


# --- the sample site ------------------------------------------------------------------------


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


def expected_pages(catalogue) -> set[str]:
    pages = {"index.html", "404.html", "tentang/index.html", "katalog/index.html", "kategori/index.html",
             "kabupaten/index.html", "pesantren/index.html", "cari/index.html",
             "tukar/index.html", "koperasi/index.html", "statistik/index.html"}  # issue 6
    pages |= {f"produk/{p.slug}/index.html" for p in catalogue.products}
    pages |= {f"kategori/{c}/index.html" for c in catalogue.by_category()}
    pages |= {f"kabupaten/{REGENCY_SLUGS[r]}/index.html" for r in catalogue.by_regency()}
    pages |= {"cetak/index.html", "data/index.html"}  # printable catalogue, open data (issue 5)
    pages |= {"daftar/index.html"}  # the buyer's shortlist (issue 16)
    # Every page but 404.html again in English and Arabic (catalogue.site.i18n), at en/… and ar/….
    pages |= {f"{lang}/{page}" for page in set(pages) - {"404.html"} for lang in ("en", "ar")}
    return pages  # docs/photos.md and docs/benchmarks.md are maintainers' notes: not published


def test_output_pages(sample_site, sample_catalogue):
    found = {p.relative_to(sample_site).as_posix() for p in html_files(sample_site)}
    assert found == expected_pages(sample_catalogue)


class _Links(HTMLParser):
    """Collects every href/src/srcset, the nav entries, and elements of interest."""

    def __init__(self):
        super().__init__()
        self.refs: list[str] = []
        self.imgs: list[dict] = []
        self.anchors: list[dict] = []
        self.tabs: list[str] = []
        self._in_tabs = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("href", "src"):
            if a.get(key):
                self.refs.append(a[key])
        if a.get("srcset"):
            self.refs += [part.strip().split(" ")[0] for part in a["srcset"].split(",")]
        if tag == "img":
            self.imgs.append(a)
        if tag == "a":
            self.anchors.append(a)
            if self._in_tabs:
                self.tabs.append(a.get("href", ""))
        if tag == "nav" and "md-tabs" in (a.get("class") or ""):
            self._in_tabs = 1

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_tabs = 0


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text("utf-8"))
    return parser


def test_internal_links_resolve(sample_site):
    broken = []
    for page in html_files(sample_site):
        for ref in parse(page).refs:
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith(("#", "//")):
                continue
            base = sample_site if ref.startswith("/") else page.parent  # 404.html links from the root
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(sample_site)} → {ref}")
    assert not broken, "\n".join(broken)


def test_product_pages_have_the_facts(sample_site, sample_catalogue):
    for product in sample_catalogue.products:
        page = sample_site / "produk" / product.slug / "index.html"
        text = page.read_text("utf-8")
        links = parse(page)
        gallery = [i for i in links.imgs if "media/" in i.get("src", "")]
        assert not any(i.get("srcset") for i in gallery)  # one rendition each: no srcset to repeat it
        assert len(gallery) == len(product.photos), product.slug
        for img in links.imgs:  # no layout shift: every image has its size
            assert img.get("width") and img.get("height"), (product.slug, img)
        assert gallery[0].get("fetchpriority") == "high" and "loading" not in gallery[0]
        assert all(i.get("loading") == "lazy" for i in gallery[1:])
        assert formatting.rupiah(product.price.min) in text
        for cert in product.certifications:
            assert cert.number in text, (product.slug, cert.number)
        wa = [a["href"] for a in links.anchors if a.get("href", "").startswith("https://wa.me/")]
        assert wa, product.slug
        for href in wa:
            parts = urlsplit(href)
            assert re.fullmatch(r"/62\d{8,12}", parts.path), href
            assert parts.path[1:] == product.contact.whatsapp.lstrip("+")
            message = parse_qs(parts.query)["text"][0]
            assert product.name.id in message
        if product.contact.email:
            assert any(a.get("href", "").startswith(f"mailto:{product.contact.email}") for a in links.anchors)
        assert f'href="../../kategori/{product.category}/"' in text
        assert f'href="../../kabupaten/{REGENCY_SLUGS[product.pesantren.regency]}/"' in text


def test_expired_certificate_is_shown_expired(tmp_path):
    products = tmp_path / "products"
    write_product(products, "madu-lama", name={"id": "Madu Lama"}, certifications=[
        {"type": "halal", "number": "ID63110000123450824", "valid_until": "2023-05-01"},
        {"type": "pirt", "number": "2016303010123-29"}])
    build(products, tmp_path / "site")
    text = (tmp_path / "site" / "produk" / "madu-lama" / "index.html").read_text("utf-8")
    assert 'class="opop-cert opop-cert--expired"' in text and "Kedaluwarsa · berakhir 1 Mei 2023" in text
    assert "opop-badge--halal" not in text  # an expired certificate earns no badge
    assert "opop-badge--registration" in text  # the P-IRT (valid until 2029) does
    catalogue_page = (tmp_path / "site" / "katalog" / "index.html").read_text("utf-8")
    assert "mulai Rp35.000" in catalogue_page


def test_nav_stays_small(sample_site):
    tabs = parse(sample_site / "index.html").tabs
    # "Jaringan" (tukar/, koperasi/, statistik/) is one tab, opening on its first page.
    assert tabs == [".", "katalog/", "kategori/", "kabupaten/", "pesantren/", "tukar/", "cari/", "tentang/"]
    for page in (sample_site / "produk").glob("*/index.html"):
        assert "produk/" not in " ".join(parse(page).tabs)


def test_search_index(sample_site, sample_catalogue):
    entry = json.loads((sample_site / "pagefind" / "pagefind-entry.json").read_text())
    # One index per language (Pagefind splits by <html lang>), each with its stemmer
    # (wasm.<lang>), and only product pages indexed.
    assert sorted(entry["languages"]) == ["ar", "en", "id"]
    for lang, index in entry["languages"].items():
        assert index["wasm"] == lang
        assert index["page_count"] == len(sample_catalogue.products)
        assert (sample_site / "pagefind" / f"wasm.{lang}.pagefind").is_file()
    assert (sample_site / "pagefind" / "pagefind.js").is_file()
    text = (sample_site / "produk" / sample_catalogue.products[0].slug / "index.html").read_text("utf-8")
    for key in ("Kategori", "Kabupaten/Kota", "Sertifikasi", "Siap ekspor", "Pasar"):
        assert f'data-pagefind-filter="{key}"' in text or key == "Sertifikasi"


def test_no_lunr_and_no_cdn(sample_site):
    home = (sample_site / "index.html").read_text("utf-8")
    assert not (sample_site / "search" / "search_index.json").exists()
    assert "fonts.googleapis.com" not in home and "unpkg" not in home and "jsdelivr" not in home
    assert '<html lang="id"' in home


def test_no_unused_search_bundles_are_deployed(sample_site):
    """Material's lunr worker and Pagefind's prebuilt UIs: ~1.6 MB that no page loads."""
    shipped = {p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*") if p.is_file()}
    unused = [p for p in shipped if p.startswith(("assets/javascripts/lunr/", "assets/javascripts/workers/"))
              or p.startswith("pagefind/pagefind-") and "-ui" in p or p == "pagefind/pagefind-highlight.js"]
    assert unused == []
    assert "pagefind/pagefind.js" in shipped and "pagefind/pagefind-worker.js" in shipped
    pages = "".join(p.read_text("utf-8") for p in sample_site.rglob("*.html"))
    assert "pagefind-ui" not in pages and "lunr" not in pages


def test_invalid_catalogue_leaves_site_untouched(tmp_path):
    from catalogue.site.build import build_site

    site = tmp_path / "site"
    site.mkdir()
    (site / "old.txt").write_text("previous site")
    products = tmp_path / "products"
    write_product(products, "harga-salah", price={"min": "15.000", "unit": "bungkus"})
    problems = build_site(products, site, config_file=REPO / "mkdocs.yml")
    assert any(p.is_error and p.field == "price.min" for p in problems)
    assert [p.name for p in site.iterdir()] == ["old.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["products", "site"]  # no temp left


def test_successful_build_replaces_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("old")
    products = tmp_path / "products"
    write_product(products, "kopi-satu")
    build(products, site)
    assert not (site / "stale.html").exists() and (site / "produk" / "kopi-satu" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["products", "site"]


def _tree(site: Path) -> dict[str, bytes]:
    # Pagefind 1.5 writes its filter and metadata indexes in hash-map order, so their bytes
    # (and the names derived from them) vary between runs; page fragments are stable
    # (Pagefind issue #638). Everything else must match byte for byte.
    unstable = re.compile(r"^pagefind/(filter/|index/|pagefind\.[^/]*\.pf_meta$|pagefind-entry\.json$)")
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not unstable.match(p.relative_to(site).as_posix())}


def test_same_input_same_bytes(tmp_path):
    products = tmp_path / "products"
    write_product(products, "kopi-satu")
    write_product(products, "kopi-dua", category="makanan", pesantren={
        "name": "Pondok Dua", "regency": "63.71", "address": "Jl. Dua"})
    build(products, tmp_path / "a")
    build(products, tmp_path / "b")
    a, b = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []
    assert b"<lastmod>" not in a.get("sitemap.xml", b"") or b"2024-10-03" in a["sitemap.xml"]


def test_mkdocs_build_gives_the_same_site(tmp_path, sample_site):
    """`mkdocs build --strict` with the repository's mkdocs.yml = `build.py build`."""
    env = {**os.environ, "OPOP_PRODUCTS": str(REPO / "products"), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "m")],
                          cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    a, b = _tree(sample_site), _tree(tmp_path / "m")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


def test_plugin_watches_products_when_serving(tmp_path):
    from mkdocs.config import load_config

    from catalogue.site.mkdocs_plugin import CataloguePlugin

    config = load_config(str(REPO / "mkdocs.yml"))
    plugin = next(p for p in config.plugins.values() if isinstance(p, CataloguePlugin))
    plugin.products_dir = tmp_path

    class Server:
        watched: list[str] = []

        def watch(self, path):
            self.watched.append(path)

    server = plugin.on_serve(Server(), config=config, builder=None)
    assert str(tmp_path) in server.watched


@pytest.mark.parametrize("title", ["Kopi: enak", "a\n---\nhide: [x]", "yes", "'\"\\ #x", "---", "Madu & Teh"])
def test_front_matter_keeps_any_text(title):
    from mkdocs.utils.meta import get_data

    from catalogue.site.page import front_matter

    body, meta = get_data(front_matter({"title": title, "opop": {"n": 3}}) + "\n<div>x</div>\n")
    assert meta == {"title": title, "opop": {"n": 3}} and body.strip() == "<div>x</div>"


def test_built_site_is_world_readable(sample_site):
    """A private (0700) site folder cannot be served by a web server running as another user."""
    assert sample_site.stat().st_mode & 0o755 == 0o755
