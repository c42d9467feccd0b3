"""The Content-Security-Policy <meta> (catalogue/site/csp.py): on every page, first in <head>, no
'unsafe-inline' for scripts; and in Chromium, every kind of page in every language (and a
search with a filter, which runs Pagefind's WebAssembly in its worker) reports no violation.
A probe page proves the browser does enforce the policy: its injected inline script is blocked.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import serve_dir

from catalogue.site.csp import policy_for, script_hash

LANGS = ("", "en/", "ar/")

# Registered before any page script runs: collects the browser's violation reports.
COLLECT = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  [e.violatedDirective, e.blockedURI, (e.sample || '').slice(0, 80), e.sourceFile, e.lineNumber].join(' | ')));
"""


class _Head(HTMLParser):
    """The CSP meta's content, and the tags that come before it in <head>."""

    def __init__(self):
        super().__init__()
        self.policies, self.before, self.scripts_before = [], [], 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(a.get("content") or "")
        elif not self.policies:
            self.before.append(tag)
            self.scripts_before += tag in ("script", "link", "style")


def page_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


def page_kinds(site: Path) -> list[str]:
    """One address per kind of page and language: the home, each index page, the first page
    under each index (a product, a category, …), 404.html."""
    seen, out = set(), []
    for path in page_files(site):
        rel = path.relative_to(site).as_posix()
        lang = next((p for p in LANGS if p and rel.startswith(p)), "")
        parts = rel[len(lang):].split("/")
        kind = (lang, parts[0] if len(parts) > 1 else rel[len(lang):], len(parts))
        if kind not in seen:
            seen.add(kind)
            out.append(rel.removesuffix("index.html"))
    return out


def test_every_page_has_the_policy_first(sample_site):
    pages = page_files(sample_site)
    assert pages
    for path in pages:
        head = _Head()
        head.feed(path.read_text("utf-8"))
        where = path.relative_to(sample_site)
        assert len(head.policies) == 1, where
        assert head.scripts_before == 0, (where, head.before)  # nothing loads before the policy
        directives = dict(d.strip().split(" ", 1) for d in head.policies[0].split(";"))
        script = directives["script-src"].split()
        assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, where
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"


def test_inline_scripts_are_exactly_the_hashed_ones(sample_site):
    """Every executable inline script on a page has its hash in that page's policy."""
    script = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
    for path in page_files(sample_site):
        html = path.read_text("utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
        allowed = set(re.findall(r"'sha256-[^']+'", policy))
        for m in script.finditer(html):
            attrs = m.group("attrs")
            if "src=" in attrs or re.search(r'type="application/(ld\+)?json"', attrs):
                continue  # a file ('self'), or data, which is never executed
            assert script_hash(m.group("body")) in allowed, (path.relative_to(sample_site), m.group("body")[:60])


@pytest.mark.browser
def test_no_page_reports_a_violation(open_page, sample_site, sample_url):
    kinds = page_kinds(sample_site)
    assert any(k.startswith("produk/") for k in kinds) and any(k.startswith("en/") for k in kinds)
    problems = {}
    page = _open(open_page, "about:blank")  # one tab for all: the collector is re-armed on every load

    def violations() -> list[str]:
        found = page.evaluate("window.__csp") + [e for e in page.errors if "Content Security Policy" in e]
        page.errors.clear()
        return found

    for path in kinds:
        page.goto(sample_url + path, wait_until="load")
        page.wait_for_timeout(100)
        if found := violations():
            problems[path] = found
    # Search runs Pagefind (WebAssembly in a worker): results and a filter, under the policy.
    for lang in LANGS:
        page.goto(sample_url + f"{lang}cari/?q=kopi")
        page.wait_for_function("() => document.getElementById('opop-search').dataset.done === location.search")
        assert page.query_selector_all(".opop-search__list .opop-card"), lang
        box = page.locator(".opop-facet__value input").first
        if box.count():
            if not box.is_visible():
                page.click(".opop-facets > summary")
            box.click()  # the list is drawn again after the click, so no .check()
            page.wait_for_function("() => location.search !== '?q=kopi' && "
                                   "document.getElementById('opop-search').dataset.done === location.search")
        if found := violations():
            problems[f"{lang}cari/ (search)"] = found
    assert problems == {}


def _open(open_page, url: str):
    """open_page with the violation collector installed before the page's own scripts."""
    page = open_page("about:blank")
    page.add_init_script(COLLECT)
    page.goto(url)
    return page


@pytest.mark.browser
def test_the_browser_enforces_the_policy(open_page, tmp_path):
    """The same policy on a probe page: the hashed script runs, an injected one does not."""
    allowed = "document.body.dataset.allowed='yes'"
    policy = policy_for([script_hash(allowed)])
    (tmp_path / "probe.html").write_text(
        f'<!doctype html><html><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}"></head><body>'
        f"<script>{allowed}</script><script>document.body.dataset.injected='yes'</script>"
        f'<img src="https://example.org/x.png" alt=""></body></html>', "utf-8")
    with serve_dir(tmp_path) as url:
        page = _open(open_page, url + "probe.html")
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)
        assert page.evaluate("document.body.dataset.allowed") == "yes"
        assert page.evaluate("document.body.dataset.injected") is None
        reports = page.evaluate("window.__csp")
        assert any(r.startswith("script-src") for r in reports), reports
        assert any(r.startswith("img-src") and "example.org" in r for r in reports), reports
