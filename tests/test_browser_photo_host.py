"""The overflow path: photos published from a second site (photo_base_url,
catalogue/site/photo_site.py). The samples are built with the setting, the pages and the photo
folder are served by two local servers (two origins), and Chromium loads every image from the
photo server under the pages' Content-Security-Policy, with no violation."""

from __future__ import annotations

import json
import os
import re
import urllib.request

import pytest
from conftest import REPO, build, serve_dir

from catalogue.photos.renditions import all_renditions, plan_catalogue
from catalogue.products.validate import check_catalogue

COLLECT = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  [e.violatedDirective, e.blockedURI].join(' | ')));
"""


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory):
    """(pages folder, photo folder, pages URL, photo URL), the servers running."""
    root = tmp_path_factory.mktemp("photo-host")
    site, photos = root / "site", root / "site-foto"
    site.mkdir()
    photos.mkdir()
    with serve_dir(site) as site_url, serve_dir(photos) as photo_url:
        saved = {k: os.environ.get(k) for k in ("OPOP_SITE_URL", "OPOP_PHOTO_BASE_URL")}
        os.environ.update(OPOP_SITE_URL=site_url, OPOP_PHOTO_BASE_URL=photo_url)
        try:
            build(REPO / "products", site)  # the photos go to site-foto/, next to it
        finally:
            for key, value in saved.items():
                os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
        yield site, photos, site_url, photo_url


def test_photos_live_only_on_the_photo_site(two_sites):
    site, photos, site_url, photo_url = two_sites
    assert not (site / "media").exists()
    names = {r.name for r in all_renditions(plan_catalogue(check_catalogue(REPO / "products").catalogue))}
    assert names <= set(os.listdir(photos / "media"))  # and the link-preview collages
    assert (photos / "index.html").read_text(encoding="utf-8").count(site_url) == 1


def test_every_photo_address_is_on_the_photo_site(two_sites):
    site, photos, site_url, photo_url = two_sites
    slug = sorted(os.listdir(REPO / "products"))[0]
    html = (site / "produk" / slug / "index.html").read_text(encoding="utf-8")
    addresses = re.findall(r'(?:src|srcset|content|data-pagefind-meta)="([^"]*media/[^"]*)"', html)
    addresses += [a for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
                  for a in json.loads(m).get("image", [])]
    assert len(addresses) >= 4
    for value in addresses:
        for url in re.findall(r"(\S*media/\S+)", value.removeprefix("image:")):
            assert url.startswith(photo_url + "media/"), url
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    assert f"img-src 'self' data: {photo_url.rstrip('/')};" in policy
    data = json.loads((site / "data" / "catalogue.json").read_text(encoding="utf-8"))
    first = data["products"][0] if isinstance(data, dict) else data[0]
    assert all(u.startswith(photo_url + "media/") for u in re.findall(r'"(http[^"]*media/[^"]*)"', json.dumps(first)))
    csv_text = (site / "data" / "catalogue.csv").read_text(encoding="utf-8")
    assert photo_url + "media/" in csv_text and f"{site_url}media/" not in csv_text
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "media/" not in sitemap or photo_url + "media/" in sitemap
    og = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    with urllib.request.urlopen(og) as response:  # the link preview a crawler fetches
        assert response.status == 200 and response.headers["Content-Type"] == "image/jpeg"


@pytest.mark.browser
def test_every_image_loads_from_the_photo_site(open_page, two_sites):
    site, photos, site_url, photo_url = two_sites
    product = check_catalogue(REPO / "products").catalogue.products[0]
    page = open_page("about:blank")
    page.add_init_script(COLLECT)
    for path in ("", "katalog/", f"produk/{product.slug}/", f"en/produk/{product.slug}/", "ar/",
                 f"kategori/{product.category}/"):
        page.goto(site_url + path, wait_until="load")
        # Lazy images off screen (the gallery's other slides) are loaded too, then all checked.
        page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
        page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=15000)
        images = page.evaluate("[...document.images].map(i => [i.currentSrc || i.src, i.naturalWidth])")
        photos_seen = [src for src, _ in images if "/media/" in src]
        assert photos_seen, path
        assert [src for src, width in images if width == 0] == [], path
        assert all(src.startswith(photo_url + "media/") for src in photos_seen), path
        assert page.evaluate("window.__csp") == [], path
    page.goto(site_url + "cari/?q=kopi")
    page.wait_for_function("() => document.getElementById('opop-search').dataset.done === location.search")
    page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=15000)
    thumbs = page.evaluate("[...document.querySelectorAll('.opop-search__list img')].map(i => [i.src, i.naturalWidth])")
    assert thumbs and all(src.startswith(photo_url + "media/") and width > 0 for src, width in thumbs), thumbs
    assert page.evaluate("window.__csp") == [] and [e for e in page.errors if "Content Security Policy" in e] == []
    assert not [u for u in page.fetched if u.startswith(site_url + "media/")]
