"""The national site's pages, written with Jinja2 (autoescape on) into a folder.

Not MkDocs: the national site has a handful of page kinds and, at 40,000 products, only
listing pages (100 products each) — MkDocs would add a navigation of thousands of pages and
minutes of work for nothing it is needed for. MkDocs stays the province sites' generator.

Pages: the home page (search over every product, the provinces, the categories), one page
per province and one per category, each listing its products 100 to a page (`provinsi/63/`,
`provinsi/63/2/`, …). Every link inside the site is relative, so the site works under any
path (a Pages project site or a domain root). Every product links out to its province's
page; photos are shown from the province's own site (or its photo_hosts), never copied.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2

from catalogue.national.records import Item
from catalogue.national.words import WORDS, say
from catalogue.products.taxonomy import CATEGORIES
from catalogue.site.formatting import long_date, number, rupiah

PAGE_SIZE = 100
ASSETS = Path(__file__).parent / "assets"
TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class ProvinceView:
    code: str
    name: str
    status: str  # "ok" | "stale" | "missing"
    fetched: str | None  # "2026-11-28"
    site: str | None  # the province catalogue's home, for the "visit" link
    count: int


def category_label(code: str) -> str:
    label = CATEGORIES.get(code)
    return label.id if label else code.replace("-", " ").capitalize()


def price_text(item: Item) -> str:
    return rupiah(item.price_min, "id")


def csp(photo_origins: list[str]) -> str:
    """No inline script or style anywhere, so no 'unsafe-inline' at all; Pagefind's
    WebAssembly needs 'wasm-unsafe-eval'; photos may come only from the origins given: the
    provinces' own and their photo_hosts (SOURCES.yml), never an origin a record names."""
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' " + " ".join(photo_origins) if photo_origins else "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    env.globals.update(w=WORDS, say=say, price=price_text, category_label=category_label,
                       long_date=lambda day: long_date(date.fromisoformat(day), "id"),
                       number=lambda n: number(n, "id"))
    return env


def _relative(depth: int):
    up = "../" * depth

    def u(target: str) -> str:
        return (up + target) or "./"

    return u


class Writer:
    def __init__(self, out: Path, title: str, photo_origins: list[str], provinces: list[ProvinceView],
                 regency_names: dict[str, str], province_names: dict[str, str]):
        self.out, self.title = out, title
        self.env = _environment()
        self.policy = csp(photo_origins)
        self.provinces = provinces
        self.regency_names, self.province_names = regency_names, province_names
        self.files = 0

    def _write(self, address: str, template: str, **context) -> None:
        depth = address.count("/")
        html = self.env.get_template(template).render(
            site_title=self.title, csp=self.policy, u=_relative(depth),
            regency_names=self.regency_names, province_names=self.province_names, **context)
        path = self.out / address / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
        self.files += 1

    def home(self, categories: list[tuple[str, int]]) -> None:
        facets = [{"key": "provinsi", "label": "provinsi", "title": WORDS["filter.province"]},
                  {"key": "kategori", "label": "kategori", "title": WORDS["filter.category"]},
                  {"key": "kabupaten", "label": "kabupaten", "title": WORDS["filter.regency"], "needs": "provinsi"}]
        words = {k.split(".", 1)[1]: WORDS[k] for k in
                 ("search.count", "search.none", "search.error", "search.active", "search.more", "search.loading")}
        self._write("", "home.html", title=self.title, provinces=self.provinces, categories=categories,
                    facets_json=json.dumps(facets, ensure_ascii=False),
                    words_json=json.dumps(words, ensure_ascii=False))

    def listing(self, base: str, heading: str, items: list[Item], *, province: ProvinceView | None = None,
                crumb: str) -> None:
        """`base` is "provinsi/63/" or "kategori/makanan/"; writes base, base+"2/", …"""
        pages = max(1, math.ceil(len(items) / PAGE_SIZE))
        for n in range(1, pages + 1):
            address = base if n == 1 else f"{base}{n}/"
            chunk = items[(n - 1) * PAGE_SIZE: n * PAGE_SIZE]
            self._write(address, "listing.html", title=heading if n == 1 else f"{heading} ({say('page', n=n, total=pages)})",
                        heading=heading, items=chunk, page=n, pages=pages, base=base, count=len(items),
                        province=province, crumb=crumb)

    def assets(self) -> None:
        target = self.out / "assets"
        target.mkdir(parents=True, exist_ok=True)
        for source in sorted(ASSETS.iterdir()):
            if source.is_file():
                (target / source.name).write_bytes(source.read_bytes())
                self.files += 1
