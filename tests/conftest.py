"""Shared fixtures: the sample site (built once per session), a static file server, and a
headless Chromium driven by Playwright.

The sample build takes a few seconds (photos come from the shared cache after the first
run), so every site and browser test reuses the one built here.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import sys
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# The suite's fixed expectations (the sample site, messages with dates) were written on this
# day; every test that does not ask for another reference day sees it, whatever the calendar
# or the caller's SOURCE_DATE_EPOCH says (catalogue/clock.py reads it).
WRITTEN_ON = date(2026, 11, 28)
os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime(2026, 11, 28, 12, tzinfo=timezone(timedelta(hours=7))).timestamp()))

# Tests that depend on "today" run under each of these and compute what they expect from it:
# the real today, a day when some sample certificates have expired, and one when most have.
REFERENCE_DAYS = [datetime.now(timezone(timedelta(hours=7))).date(), date(2027, 6, 1), date(2031, 1, 1)]


@pytest.fixture(params=REFERENCE_DAYS, ids=lambda day: day.isoformat())
def reference_day(request) -> date:
    """A reference day, passed explicitly (SOURCE_DATE_EPOCH stays at WRITTEN_ON, so code that
    read the wall clock instead of the day it was given would be caught)."""
    return request.param
sys.path.insert(0, str(Path(__file__).parent))  # tests/helpers.py

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def build(products: Path, site: Path) -> list:
    """build_site with the repository's mkdocs.yml; fails the test on any error."""
    from catalogue.site.build import build_site

    problems = build_site(products, site, config_file=REPO / "mkdocs.yml")
    errors = [p.format() for p in problems if p.is_error]
    assert not errors, "\n".join(errors)
    return problems


@pytest.fixture(scope="session")
def sample_catalogue():
    from catalogue.products.validate import check_catalogue

    result = check_catalogue(REPO / "products")
    assert result.catalogue is not None, "\n".join(p.format() for p in result.problems)
    return result.catalogue


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The site built from products/ (the samples) into a temporary folder."""
    site = tmp_path_factory.mktemp("sample") / "site"
    build(REPO / "products", site)
    return site


# The published address the "published" build uses: a GitHub Pages project path, like the
# Pages workflow's OPOP_SITE_URL.
PUBLISHED_URL = "https://opop.example/katalog/"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The samples built as production builds them, with a site_url (OPOP_SITE_URL): absolute
    canonical, hreflang and Open Graph addresses, sitemap.xml, QR codes on print views."""
    site = tmp_path_factory.mktemp("published") / "site"
    before = os.environ.get("OPOP_SITE_URL")
    os.environ["OPOP_SITE_URL"] = PUBLISHED_URL  # mkdocs.yml: site_url: !ENV OPOP_SITE_URL
    try:
        build(REPO / "products", site)
    finally:
        if before is None:
            del os.environ["OPOP_SITE_URL"]
        else:
            os.environ["OPOP_SITE_URL"] = before
    return site


@pytest.fixture(scope="session")
def published_url(published_site):
    with serve_dir(published_site) as url:
        yield url


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser closing a connection mid-file (page closed) is normal here.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_dir(root: Path):
    """Serve `root` on 127.0.0.1 on a free port; yields the base URL ("http://…:port/")."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def sample_url(sample_site):
    with serve_dir(sample_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium. Missing Chromium: skip locally, fail in CI (CI is set)."""
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        message = f"{CHROMIUM} not found (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # launch() gives every run a fresh temporary profile (no --user-data-dir needed).
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def open_page(browser, tmp_path):
    """open_page(url, width=390) → a page that records console errors, dialogs and requested
    URLs in page.errors / page.dialogs (dismissed) / page.fetched. Screenshots go to tmp_path."""
    contexts = []

    def opener(url: str, width: int = 390):
        context = browser.new_context(viewport={"width": width, "height": 844 if width < 800 else 900})
        contexts.append(context)
        page = context.new_page()
        page.errors, page.dialogs, page.fetched = [], [], []
        # Every request, the web worker's too (Pagefind fetches its index from a worker).
        context.on("request", lambda r: page.fetched.append(r.url))
        page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
        page.on("pageerror", lambda e: page.errors.append(str(e)))

        def on_dialog(dialog):
            page.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.shots = tmp_path
        page.goto(url)
        return page

    yield opener
    for context in contexts:
        context.close()
