"""Determinism: two builds of the samples from two clean copies of the repository, at different
paths, with different PYTHONHASHSEED, time zone, locale and umask, and each with an empty photo
cache, are byte-identical, file for file, search index included (catalogue.site.pagefind_stable).
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sandbox import REPO, tree_digest

from catalogue.site.pagefind_stable import MAGIC, decode, encode


def clean_copy(target: Path) -> Path:
    """The working tree as git would commit it (tracked and untracked files, minus ignored)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        source = REPO / rel
        if source.is_file() and not source.is_symlink():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    return target


def build_copy(repo: Path, env: dict) -> Path:
    env = dict(env)
    umask = int(env.pop("UMASK"), 8) if "UMASK" in env else None
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("OPOP_PHOTO_CACHE", "OPOP_PRODUCTS", "OPOP_SITE_URL", "SOURCE_DATE_EPOCH")}
    environment.update(env, PYTHONPATH=str(repo), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run([sys.executable, "build.py", "build"], cwd=repo, env=environment,
                          capture_output=True, text=True, timeout=900,
                          preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)
    assert done.returncode == 0, done.stdout + done.stderr
    return repo / "site"


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """Copy A builds with an empty photo cache. Copy B starts from A's cache less every
    rendition of two products, so it renders those itself (in another process, with another
    hash seed) without paying for all the photos twice; the other photos' determinism across
    processes is tests/test_photos.py's."""
    from catalogue.photos.renditions import plan_catalogue
    from catalogue.products.validate import check_catalogue

    root = tmp_path_factory.mktemp("determinism")
    a = clean_copy(root / "a" / "katalog")
    b = clean_copy(root / "b" / "another path" / "katalog-opop")
    site_a = build_copy(a, {"PYTHONHASHSEED": "1", "TZ": "Asia/Jakarta", "LC_ALL": "C.UTF-8"})
    shutil.copytree(a / ".cache", b / ".cache")
    shutil.rmtree(b / ".cache" / "photos" / "pages")  # B renders every page itself
    plan = plan_catalogue(check_catalogue(b / "products").catalogue)
    for slug in sorted(plan)[:2]:
        images = plan[slug]
        for photo in images.photos:
            for r in photo.renditions:
                (b / ".cache" / "photos" / r.name).unlink(missing_ok=True)
        (b / ".cache" / "photos" / images.og.name).unlink(missing_ok=True)
    site_b = build_copy(b, {"PYTHONHASHSEED": "4242", "TZ": "America/Los_Angeles", "LC_ALL": "C", "UMASK": "077"})
    return (a, site_a), (b, site_b)


def test_two_clean_builds_are_byte_identical(two_builds):
    (_, site_a), (_, site_b) = two_builds
    tree_a, tree_b = tree_digest(site_a), tree_digest(site_b)
    assert tree_a.keys() == tree_b.keys()
    assert [name for name in tree_a if tree_a[name] != tree_b[name]] == []
    assert any(name.startswith("pagefind/filter/") for name in tree_a)


def _page_cache(repo: Path) -> set[str]:
    return {p.name for p in (repo / ".cache" / "photos" / "pages").rglob("*.html")}


def test_pages_reused_after_a_change_equal_a_clean_build(two_builds, tmp_path):
    """catalogue/site/page_cache.py: after one product changes, a build that reuses the stored
    HTML of unchanged pages gives exactly the site a build rendering every page gives (and
    catalogue/parallel.py: generating the languages in forked workers or in one process)."""
    (a, _), _ = two_builds
    reusing, clean = clean_copy(tmp_path / "reusing"), clean_copy(tmp_path / "clean")
    shutil.copytree(a / ".cache", reusing / ".cache")
    shutil.copytree(a / ".cache", clean / ".cache", ignore=shutil.ignore_patterns("pages"))
    for repo in (reusing, clean):
        product = repo / "products" / "madu-kelulut-balangan" / "product.yml"
        text = product.read_text(encoding="utf-8")
        assert "Madu Kelulut Paringin" in text
        product.write_text(text.replace("Madu Kelulut Paringin", "Madu Kelulut Paringin Asli"), encoding="utf-8")
    before = _page_cache(reusing)
    site_reusing = build_copy(reusing, {})
    after = _page_cache(reusing)
    rendered = after - before
    assert 0 < len(rendered) < len(after) / 2, (len(rendered), len(after))  # most pages were reused
    site_clean = build_copy(clean, {"OPOP_SERIAL": "1"})  # and one process, not forked workers
    tree_reusing, tree_clean = tree_digest(site_reusing), tree_digest(site_clean)
    assert tree_reusing.keys() == tree_clean.keys()
    assert [name for name in tree_reusing if tree_reusing[name] != tree_clean[name]] == []
    assert b"Madu Kelulut Paringin Asli" in (site_reusing / "produk" / "madu-kelulut-balangan" / "index.html").read_bytes()


def test_a_damaged_page_cache_entry_is_rendered_again(two_builds, tmp_path):
    (a, site_a), _ = two_builds
    repo = clean_copy(tmp_path / "repo")
    shutil.copytree(a / ".cache", repo / ".cache")
    entries = sorted((repo / ".cache" / "photos" / "pages").rglob("*.html"))
    entries[0].write_bytes(entries[0].read_bytes()[:-300])  # cut short, as a broken restore leaves it
    entries[1].write_bytes(entries[1].read_bytes().replace(b"<body", b"<body onload=alert(1)", 1))
    site = build_copy(repo, {})
    tree, expected = tree_digest(site), tree_digest(site_a)
    assert [name for name in expected if tree.get(name) != expected[name]] == []


def test_no_build_path_in_the_output(two_builds):
    for repo, site in two_builds:
        needles = [str(repo).encode(), str(repo.parent).encode(), b"/tmp/", b"/home/", str(REPO).encode()]
        for path in site.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                if path.suffix.startswith(".pf_") and data[:2] == b"\x1f\x8b":
                    data = gzip.decompress(data)
                assert not any(n in data for n in needles), path.relative_to(site)


def test_pagefind_index_files_round_trip(two_builds):
    """Our CBOR writer gives back Pagefind's exact bytes, so stabilising changes order only."""
    (_, site), _ = two_builds
    files = [p for p in (site / "pagefind").rglob("*") if p.suffix in (".pf_meta", ".pf_filter", ".pf_index")]
    assert files
    for path in files:
        data = gzip.decompress(path.read_bytes())
        value, end = decode(data, len(MAGIC))
        assert end == len(data) and encode(value) == data[len(MAGIC):], path.name
