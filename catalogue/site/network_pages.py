"""The network pages (issue 6): exchange board, member cooperatives, statistics, and the
trust and exchange blocks of each product page.

Pure, like `catalogue.site.pages`: (catalogue, photo plan, language, reference day) in, `Page`s
and template context out. The logic lives in exchange.py, secondary_cooperative.py, trust.py, stats.py
and charts.py; this module only arranges it for templates (tukar.html, koperasi.html,
statistik.html, _trust.html, _needed_by.html).

Pages: tukar/ (every need with its candidate suppliers; open needs apart, one anchor per
need: `#kebutuhan-<slug>-<index>`), koperasi/ (members, legal status, combined monthly
capacity), statistik/ (four bar charts drawn at build time, each with a table).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from catalogue.network import charts, exchange, secondary_cooperative, stats, trust
from catalogue.site import html, i18n, urls
from catalogue.site import formatting as fmt
from catalogue.site.page import Page, Tile
from catalogue.locales import t as translate
from catalogue.locales import translator
from catalogue.products.model import Catalogue, Product, Text
from catalogue.products.taxonomy import CAPACITY_PERIODS, CATEGORIES, CERTIFICATION_TYPES, MARKETS, REGENCIES

NAV_URLS = (urls.EXCHANGE, urls.COOPERATIVES, urls.STATISTICS)
HOME_ICONS = {
    urls.EXCHANGE: "material/swap-horizontal",
    urls.COOPERATIVES: "material/account-group-outline",
    urls.STATISTICS: "material/chart-bar",
}


# Lists kept short enough for a phone whatever the catalogue's size (3,057 synthetic products
# made a 9.5 MB board when every candidate was listed): the best candidates of each need, and
# the first needers (by slug) of a product; the rest are counted, with a link to see them.
CANDIDATES_SHOWN = 5
# On a product page, where the exchange is a side note to the product: the three best of each
# (the board and the category page list the rest). Ten needers and five candidates were 5.7 KB
# of a 32 KB product page at 3,057 products (issue 17).
PAGE_CANDIDATES_SHOWN = 3
NEEDERS_SHOWN = 3
# Section ids on the statistics page, per breakdown (stats.BREAKDOWNS): Indonesian, like the URLs.
ANCHORS = {"category": "kategori", "regency": "kabupaten", "certification": "sertifikasi", "market": "pasar"}
# Full width, like the other catalogue pages: the nav lives in the header tabs / drawer.
_HIDE = {"hide": ["navigation", "toc"]}


def need_anchor(slug: str, index: int) -> str:
    """The id of one need on the exchange board: "kebutuhan-dodol-kandangan-0"."""
    return f"kebutuhan-{slug}-{index}"


def need_url(slug: str, index: int) -> str:
    """Site-relative address of one need on the board: "tukar/#kebutuhan-dodol-kandangan-0"."""
    return f"{urls.EXCHANGE}#{need_anchor(slug, index)}"


def search_value(kind: str, lang: str) -> str:
    """The "sertifikasi" search-filter value of a certification type (as buyer_view.search_filters
    writes it), so a chart bar can open the search page filtered to that type."""
    return translate(lang, "badge.pirt") if kind == "pirt" else CERTIFICATION_TYPES[kind].get(lang)


@functools.lru_cache(maxsize=2)
def _board(catalogue: Catalogue) -> tuple[exchange.NeedMatch, ...]:
    """exchange.match_needs, once per catalogue: pages.py makes a NetworkBuilder per language
    and another for each home page, and matching is language-free (1.7 s at 3,057 synthetic
    products; hashing the catalogue for this cache, 0.05-0.1 s)."""
    return tuple(exchange.match_needs(catalogue))


class NetworkBuilder:
    """Arranges the network data of one catalogue in one language. The exchange board is
    matched once here and reused by every product page (match_needs is products × needs)."""

    def __init__(self, catalogue: Catalogue, lang: str = "id", today: date | None = None):
        if today is not None and today != catalogue.today:
            catalogue = dataclasses.replace(catalogue, today=today)
        self.catalogue = catalogue
        self.today = catalogue.today
        self.lang = lang
        self.t = translator(lang)
        self.matches = _board(catalogue)
        self.by_need = {(m.product.slug, m.index): m for m in self.matches}
        # Supplier slug → the needs it can meet, in board order (the pairs of exchange.needed_by).
        self.needed: dict[str, list[exchange.NeedMatch]] = {}
        for match in self.matches:
            for candidate in match.candidates:
                self.needed.setdefault(candidate.product.slug, []).append(match)

    # Small pieces -------------------------------------------------------------------------

    def tx(self, text: Text | None) -> str:
        return text.get(self.lang) if text is not None else ""

    def number(self, n: int) -> str:
        return fmt.number(n, self.lang)

    def render(self, template: str, page_url: str, **context: Any) -> Markup:
        # i18n.linker: page links stay in this language, media links reach the shared media/.
        return html.render(template, t=self.t, tx=self.tx, u=i18n.linker(page_url, self.lang),
                           lang=self.lang, **context)

    def place(self, product: Product) -> dict[str, str]:
        """Who makes a product: the links and names every network list shows."""
        return {"url": product.url, "name": self.tx(product.name), "pesantren": product.pesantren.name,
                "regency": REGENCIES[product.pesantren.regency].get(self.lang)}

    def capacity(self, product: Product) -> str:
        cap = product.capacity
        if cap is None:
            return ""
        return self.t("spec.capacity_value", quantity=self.number(cap.quantity), unit=self.tx(cap.unit),
                      per=CAPACITY_PERIODS[cap.per].get(self.lang))

    def candidate(self, c: exchange.Candidate) -> dict[str, Any]:
        return {**self.place(c.product), "capacity": self.capacity(c.product),
                "words": ", ".join(c.reason(self.lang))}

    def need(self, m: exchange.NeedMatch, shown: int = CANDIDATES_SHOWN) -> dict[str, Any]:
        """One need with its best `shown` candidates; the rest are counted and point to the
        category page (every candidate is in the need's category, so that page exists)."""
        more = len(m.candidates) - shown
        return {
            "anchor": need_anchor(m.product.slug, m.index),
            "board": need_url(m.product.slug, m.index),
            "text": self.tx(m.need.text),
            "category": CATEGORIES[m.need.category].get(self.lang),
            "owner": self.place(m.product),
            "cooperative": m.product.cooperative.name,
            "candidates": [self.candidate(c) for c in m.candidates[:shown]],
            "more": self.t("exchange.more", n=self.number(more)) if more > 0 else "",
            "more_url": urls.category(m.need.category),
        }

    # Product page blocks ------------------------------------------------------------------

    def product_context(self, product: Product) -> dict[str, Any]:
        """`net` for product.html's includes: where to look each certificate up, data age,
        the export checklist (_trust.html); the product's needs with candidate suppliers and
        who needs this product (_needed_by.html)."""
        # One entry per certificate, in file order: the order of pages.py's `certs` rows
        # (buyer_view.certification_rows), which _trust.html pairs them with.
        certs = []
        for cert in product.certifications:
            found = trust.registry(cert)
            certs.append({
                "registry_url": found.url if found else None,
                "registry_note": self.tx(found.note) if found else "",
                "pirt_year": trust.pirt_expiry_year(cert.number) if cert.type == "pirt" else None,
            })
        checklist = trust.export_checklist(product, self.today)
        needers: dict[str, list[exchange.NeedMatch]] = {}
        for match in self.needed.get(product.slug, []):
            needers.setdefault(match.product.slug, []).append(match)
        return {"net": {
            "certs": certs,
            "checked": fmt.long_date(product.updated, self.lang),
            "checked_iso": product.updated.isoformat(),
            "stale": trust.is_stale(product.updated, self.today),
            "checklist": [{"label": self.tx(item.label), "ok": item.ok} for item in checklist],
            "checklist_done": self.t("trust.checklist_done", n=self.number(sum(i.ok for i in checklist)),
                                     total=self.number(len(checklist))),
            "needs": [self.need(self.by_need[(product.slug, i)], PAGE_CANDIDATES_SHOWN) for i in range(len(product.needs))],
            "needed_by": [{**self.place(matches[0].product),
                           "needs": [{"text": self.tx(m.need.text), "board": need_url(m.product.slug, m.index)}
                                     for m in matches]}
                          for _, matches in sorted(needers.items())[:NEEDERS_SHOWN]],
            "needed_by_more": (self.t("exchange.needed_by_more", n=self.number(len(needers) - NEEDERS_SHOWN))
                               if len(needers) > NEEDERS_SHOWN else ""),
        }}

    # Pages --------------------------------------------------------------------------------

    def exchange_page(self) -> Any:
        url, title = urls.EXCHANGE, self.t("exchange.title")
        matched = [self.need(m) for m in self.matches if not m.is_open]
        open_ = [self.need(m) for m in exchange.open_needs(self.matches)]
        intro = self.t("exchange.intro")
        summary = [
            (self.number(len(self.matches)), self.t("exchange.stat_needs")),
            (self.number(len(matched)), self.t("exchange.stat_matched")),
            (self.number(len(open_)), self.t("exchange.stat_open")),
            (self.number(len({c["url"] for n in matched for c in n["candidates"]})), self.t("exchange.stat_suppliers")),
        ]
        body = self.render("tukar.html", url, title=title, intro=intro, summary=summary,
                           matched=matched, open=open_)
        return Page(url, title, body, {"description": intro, **_HIDE})

    def cooperatives_page(self) -> Any:
        url, title = urls.COOPERATIVES, self.t("coops.title")
        totals = secondary_cooperative.totals(self.catalogue)
        by_slug = {p.slug: p for p in self.catalogue.products}
        rows = [{
            "cooperative": r.cooperative,
            "pesantren": r.pesantren,
            "regency": self.tx(r.regency_label),
            "legal_entity": r.legal_entity,
            "legal_status": self.tx(r.legal_status),
            "nib": r.nib,
            "members": self.t("coop.members_value", n=self.number(r.members)) if r.members is not None else None,
            "opop_since": str(r.opop_since) if r.opop_since is not None else None,
            "product": self.place(by_slug[r.product]),
        } for r in secondary_cooperative.members(self.catalogue)]
        groups = [{
            "category": CATEGORIES[g.category].get(self.lang),
            "unit": self.tx(g.unit_label),
            "total": self.t("coops.capacity_total", quantity=self.number(g.per_month), unit=self.tx(g.unit_label)),
            "from": self.t("coops.capacity_from", n=self.number(len(g.contributions))),
            "contributions": [{**self.place(c.product), "per_month": self.number(c.per_month)}
                              for c in g.contributions],
        } for g in secondary_cooperative.monthly_capacity(self.catalogue)]
        summary = [
            (self.number(totals.cooperatives), self.t("coops.stat_cooperatives")),
            (self.number(totals.with_legal_entity), self.t("coops.stat_legal")),
            (self.number(totals.without_legal_entity), self.t("coops.stat_no_legal")),
            (self.number(totals.members), self.t("coops.stat_members")),
        ]
        intro = self.t("coops.intro")
        members_note = (self.t("coops.members_note", n=self.number(totals.members_reported),
                               total=self.number(totals.cooperatives))
                        if totals.members_reported < totals.cooperatives else "")
        body = self.render("koperasi.html", url, title=title, intro=intro, summary=summary,
                           totals=totals, members_note=members_note, rows=rows, groups=groups)
        return Page(url, title, body, {"description": intro, **_HIDE})

    def statistics_page(self) -> Any:
        url, title = urls.STATISTICS, self.t("statistics.title")
        lang = self.lang
        u = i18n.linker(url, lang)
        search = u(urls.SEARCH)

        def link(key: str, code: str) -> str:
            if key == "category":
                return u(urls.category(code))
            if key == "regency":
                return u(urls.regency(code))
            if key == "certification":
                return f"{search}?{urlencode({'sertifikasi': search_value(code, lang)})}"
            return f"{search}?{urlencode({'pasar': MARKETS[code].get(lang)})}"

        figures = []
        for key, breakdown in stats.counts(self.catalogue).items():
            chart_title = stats.BREAKDOWNS[key].get(lang)
            rows = stats.chart_rows(breakdown, lang)
            href = [link(key, c.code) for c in breakdown]
            # Markup only because charts.py escapes every label, title and link itself
            # (tests/test_charts.py::test_hostile_labels_stay_escaped); hrefs are built here.
            svg = Markup(charts.bar_chart(chart_title, rows, href=href, format_value=self.number))
            table = Markup(charts.chart_table(
                rows, headers=(self.t(f"statistics.head_{key}"), self.t("statistics.head_count")),
                href=href, format_value=self.number))
            figures.append({"key": key, "anchor": ANCHORS[key], "title": chart_title, "svg": svg, "table": table})
        intro = self.t("statistics.intro", n=self.number(len(self.catalogue.products)))
        body = self.render("statistik.html", url, title=title, intro=intro, figures=figures)
        return Page(url, title, body, {"description": intro, **_HIDE})

    def pages(self) -> list:
        return [self.exchange_page(), self.cooperatives_page(), self.statistics_page()]

    def home_block(self) -> Markup:
        """Entry tiles for the home page marker `<!-- opop:network -->`."""
        counts = {
            urls.EXCHANGE: self.t("home.network_needs", n=self.number(len(self.matches))),
            urls.COOPERATIVES: self.t("home.network_coops", n=self.number(len(self.catalogue.products))),
            urls.STATISTICS: self.t("home.network_charts"),
        }
        labels = {urls.EXCHANGE: "exchange.title", urls.COOPERATIVES: "coops.title", urls.STATISTICS: "statistics.title"}
        tiles = [Tile(u, self.t(labels[u]), counts[u], html.icon(HOME_ICONS[u])) for u in NAV_URLS]
        return self.render("home_tiles.html", urls.HOME, heading=self.t("home.network"), tiles=tiles)


def build_network_pages(catalogue: Catalogue, images: Mapping[str, Any] | None = None, lang: str = "id",
                        today: date | None = None) -> list:
    """tukar/, koperasi/ and statistik/ in `lang`. `images` is accepted for symmetry with
    pages.build_pages; these pages show no photos."""
    return NetworkBuilder(catalogue, lang, today).pages()
