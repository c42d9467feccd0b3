"""Hostile product text: nothing a product file says can run in a buyer's browser.

Payloads go into every free-text field that reaches a page (name, summary, pesantren name and
address, cooperative, contact, alt text, caption, tags). The built HTML must contain none of
them unescaped, and a browser that opens every page (and searches) must see no dialog.
A description with raw HTML or a javascript: link is refused by validation.
"""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import build, serve_dir
from helpers import VALID, product_yaml, write_product

SCRIPT = '<script>alert("xss-script")</script>'
IMG = '"><img src=x onerror=alert("xss-img")>'
CLOSE = "</script><script>alert('xss-close')</script>"
JS = "javascript:alert('xss-js')"
SVG = "<svg onload=alert('xss-svg')>"
PAYLOADS = (SCRIPT, IMG, CLOSE, JS, SVG)
ALL = " ".join(PAYLOADS)


def _write(products: Path, slug: str, photos: list[dict], **fields) -> None:
    data = copy.deepcopy(VALID)
    data.update(fields, photos=photos)
    write_product(products, slug, text=product_yaml(data), photos=[p["file"] for p in photos])


def hostile(products: Path) -> None:
    _write(
        products, "xss-satu",
        name={"id": f"Kopi {SCRIPT}", "en": f"Coffee {IMG}"},
        summary={"id": f"Ringkas {IMG} {CLOSE}"},
        tags=["kopi", "<b>x</b>"],
        pesantren={"name": f"Pondok {CLOSE}", "regency": "63.03", "address": f"Jl. {SVG} {JS}"},
        cooperative={"name": f"Kopontren {IMG}", "legal_entity": f"AHU {SCRIPT}"},
        price={"min": "35000", "unit": {"id": f"bungkus {SVG}"}},
        packaging={"id": ALL},
        contact={"name": f"Ustadz {SCRIPT}", "role": IMG, "whatsapp": "0811-5000-0001"},
        photos=[{"file": "kemasan.jpg", "alt": {"id": f"Foto {IMG} {SCRIPT}"}, "caption": {"id": ALL}}],
    )
    _write(products, "xss-dua", name={"id": f"Madu {CLOSE} {JS}"},
           pesantren={"name": f"Pondok {SVG}", "regency": "63.71", "address": ALL},
           photos=[{"file": "a.jpg", "alt": {"id": JS}}, {"file": "b.jpg", "alt": {"id": CLOSE}}])


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("xss")
    hostile(root / "products")
    build(root / "products", root / "site")
    return root / "site"


class _Scan(HTMLParser):
    """Event handlers, javascript: URLs, and the text of every <script>: `scripts` for code,
    `data_scripts` for JSON data blocks (JSON-LD, Material's config), which carry product
    text by design and must only be unable to end their element."""

    def __init__(self):
        super().__init__()
        self.handlers, self.js_urls, self.scripts, self._script = [], [], [], None
        self.data_scripts, self._data = [], False

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key.startswith("on"):
                self.handlers.append(f"<{tag} {key}={value!r}>")
            if key in ("href", "src", "action", "formaction") and value and \
                    re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(("javascript:", "data:text")):
                self.js_urls.append(f"<{tag} {key}={value!r}>")
        if tag == "script":
            self._script = []
            self._data = dict(attrs).get("type") in ("application/ld+json", "application/json")

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            (self.data_scripts if self._data else self.scripts).append("".join(self._script))
            self._script = None


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_no_payload_survives_unescaped(xss_site):
    assert (xss_site / "produk" / "xss-satu" / "index.html").is_file()
    for page in pages(xss_site):
        html = page.read_text("utf-8")
        for payload in PAYLOADS:
            if payload != JS:  # the javascript: text itself is harmless outside an attribute
                assert payload not in html, (page, payload)
        assert "<img src=x" not in html and "<svg onload" not in html
        scan = _Scan()
        scan.feed(html)
        assert scan.handlers == [], (page, scan.handlers)
        assert scan.js_urls == [], (page, scan.js_urls)
        assert not any("xss" in s for s in scan.scripts), page
        for data in scan.data_scripts:  # JSON-LD holds product text, escaped: no "<" at all
            json.loads(data)
            assert "<" not in data and ">" not in data, (page, data)


def test_payloads_are_shown_as_text(xss_site):
    html = (xss_site / "produk" / "xss-satu" / "index.html").read_text("utf-8")
    assert "Kopi &lt;script&gt;alert(&#34;xss-script&#34;)&lt;/script&gt;" in html
    assert "<title>Kopi &lt;script&gt;" in html


@pytest.mark.browser
def test_nothing_runs_in_the_browser(xss_site, open_page):
    with serve_dir(xss_site) as url:
        # One tab for every page (a fresh context per page made this minutes long once each
        # page exists in three languages); dialogs and errors are collected per tab.
        page = open_page(url, 390)
        for page_file in pages(xss_site):
            path = page_file.relative_to(xss_site).as_posix().removesuffix("index.html")
            page.goto(url + path)
            page.wait_for_load_state("load")
            assert page.dialogs == [], (path, page.dialogs)
            assert not any("xss" in e for e in page.errors), (path, page.errors)
        page = open_page(url + "cari/", 1280)
        for term in ("kopi", "madu", "pondok", "script", "onerror"):
            page.fill("#opop-search-q", term)
            page.wait_for_function("t => document.getElementById('opop-search').dataset.done === '?q=' + t", arg=term)
        assert page.query_selector_all(".opop-search__list .opop-card")
        page.screenshot(path=str(page.shots / "xss-search.png"), full_page=True)
        assert page.dialogs == []
        assert page.evaluate("document.querySelectorAll('#opop-search [onerror], #opop-search script, "
                             "#opop-search svg').length") == 0


@pytest.mark.parametrize("description, code", [
    ("Halo <script>alert(1)</script>", "description_html"),
    ('Lihat <img src=x onerror="alert(1)">', "description_html"),
    ("[klik](javascript:alert(1))", "description_link"),
])
def test_hostile_description_is_a_validation_error(tmp_path, description, code):
    from catalogue.site.build import build_site
    from conftest import REPO

    write_product(tmp_path / "products", "kopi-jahat", description={"id": description})
    problems = build_site(tmp_path / "products", tmp_path / "site", config_file=REPO / "mkdocs.yml")
    assert any(p.is_error and p.code == code for p in problems), [p.format() for p in problems]
    assert not (tmp_path / "site").exists()
