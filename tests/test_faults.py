"""Faults: a build killed at any moment leaves the previous site as it was, and the next build
is correct; a damaged photo in the cache is noticed and made again.

The build runs as `build.py build` in its own process group. The test waits for the sign of a
stage (photos: a file in the cache; MkDocs: pages in the temporary site; Pagefind: its folder
in the temporary site), waits a random few milliseconds more (seeded; the seed is in the test
id), freezes the whole group with SIGSTOP, checks the build is still inside that stage, and
kills it with SIGKILL, which no cleanup code can catch.
"""

from __future__ import annotations

import copy
import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image
from helpers import VALID, product_yaml
from sandbox import REPO, SITECUSTOMIZE, run_build, tree_digest

PRODUCTS = 3


def photo(seed: int) -> bytes:
    """A 1600×1200 JPEG with some grain: renders in ~0.1 s, so the photo stage lasts ~1 s."""
    rng = random.Random(seed)
    im = Image.linear_gradient("L").resize((1600, 1200)).convert("RGB")
    im.paste(tuple(rng.randrange(256) for _ in range(3)), (rng.randrange(800), rng.randrange(600), 1400, 1000))
    noise = Image.effect_noise((1600, 1200), 20).convert("RGB")
    buf = io.BytesIO()
    Image.blend(im, noise, 0.3).save(buf, "JPEG", quality=85)
    return buf.getvalue()


def make_products(folder: Path, variant: int = 0) -> Path:
    for i in range(PRODUCTS):
        data = copy.deepcopy(VALID)
        data["name"] = {"id": f"Produk {i} versi {variant}"}
        data["pesantren"]["name"] = f"Pondok Pesantren {i}"
        data["photos"] = [{"file": n, "alt": {"id": f"Foto {n}"}} for n in ("depan.jpg", "belakang.jpg")]
        product = folder / f"produk-{i}"
        product.mkdir(parents=True)
        (product / "product.yml").write_text(product_yaml(data), encoding="utf-8")
        for k, entry in enumerate(data["photos"]):
            (product / entry["file"]).write_bytes(photo(1000 * variant + 10 * i + k))
    return folder


def comparable(site: Path) -> dict[str, str]:
    """Every file, search index included (catalogue.site.pagefind_stable makes Pagefind's stable)."""
    return tree_digest(site)


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> Path:
    """Two versions of the products (text and photos differ), v0/products and v1/products,
    and what a clean build (empty cache, no previous site) makes of each: v0/ref, v1/ref."""
    root = tmp_path_factory.mktemp("faults-products")
    for variant in (0, 1):
        make_products(root / f"v{variant}" / "products", variant)
        run = run_build(root / f"v{variant}", site="ref/site", writable=("ref", "refcache"),
                        env={"OPOP_PHOTO_CACHE": str(root / f"v{variant}" / "refcache")})
        assert run.code == 0, run.output
    return root


def clean_build(versions: Path, variant: int) -> dict[str, str]:
    return comparable(versions / f"v{variant}" / "ref" / "site")


def _start(root: Path) -> subprocess.Popen:
    (root / ".audit").mkdir(exist_ok=True)
    (root / ".audit" / "sitecustomize.py").write_text(SITECUSTOMIZE)
    env = {**{k: v for k, v in os.environ.items() if k not in ("OPOP_DEBUG", "OPOP_PRODUCTS")},
           "PYTHONDONTWRITEBYTECODE": "1", "OPOP_PHOTO_CACHE": str(root / "cache"),
           "PYTHONPATH": str(root / ".audit"), "OPOP_AUDIT_WRITABLE": f"{root / 'out'}{os.pathsep}{root / 'cache'}"}
    cmd = [sys.executable, str(REPO / "build.py"), "build", "--products", "products", "--site", "out/site",
           "--config", str(REPO / "mkdocs.yml")]
    return subprocess.Popen(cmd, cwd=root, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _temp_sites(root: Path) -> list[Path]:
    return sorted((root / "out").glob(".site-new-*"))


def _cached(root: Path) -> int:
    cache = root / "cache"
    return sum(_is_rendition(n) for n in os.listdir(cache)) if cache.is_dir() else 0


def _is_rendition(name: str) -> bool:
    """A photo under its final name (not a temporary file, not the digests memo)."""
    return not name.startswith(".") and name.endswith((".jpg", ".webp"))


def _signs(root: Path, stage: str, cached_before: int) -> bool:
    temp = _temp_sites(root)
    if stage == "photos":
        return _cached(root) > cached_before
    if stage == "mkdocs":
        return bool(temp) and (temp[0] / "produk").is_dir()
    if stage == "pagefind":
        return bool(temp) and (temp[0] / "pagefind").is_dir()
    raise ValueError(stage)


def _still_in(proc: subprocess.Popen, root: Path, stage: str, cached_before: int) -> bool:
    """Frozen inside `stage`? (not finished, not moved past it)"""
    if proc.poll() is not None:
        return False
    temp = _temp_sites(root)
    if stage == "photos":
        done = _cached(root)
        return not (temp and (temp[0] / "produk").exists()) and 0 < done - cached_before < 13 * 2 * PRODUCTS
    if stage == "mkdocs":
        return bool(temp) and not (temp[0] / "pagefind").exists()
    # Pagefind's own run, or our rewrite of its index after it (catalogue.site.pagefind_stable).
    return bool(temp) and (temp[0] / "pagefind").is_dir()


def kill_during(root: Path, stage: str, rng: random.Random) -> bool:
    """Start a build, kill it inside `stage`; True if it was caught there."""
    cached_before = _cached(root)
    proc = _start(root)
    deadline = time.monotonic() + 120
    try:
        while not _signs(root, stage, cached_before):
            if proc.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.002)
        time.sleep(rng.uniform(0, {"photos": 0.03, "mkdocs": 0.01, "pagefind": 0.002}[stage]))
        os.killpg(proc.pid, signal.SIGSTOP)
        caught = _still_in(proc, root, stage, cached_before)
        return caught
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=30)
        proc.communicate()


@pytest.mark.parametrize("stage", ["photos", "mkdocs", "pagefind"])
def test_killed_build_keeps_the_old_site_and_the_next_build_is_right(tmp_path, versions, stage):
    ref_root = versions
    seed = random.randrange(10**6)
    rng = random.Random(seed)
    root = tmp_path
    shutil.copytree(ref_root / "v0" / "products", root / "products")
    run = run_build(root)
    assert run.code == 0, run.output
    old = tree_digest(root / "out" / "site")
    # The next version of the catalogue: new text and new photos, so every stage has work.
    shutil.rmtree(root / "products")
    shutil.copytree(ref_root / "v1" / "products", root / "products")
    for _ in range(5):
        if kill_during(root, stage, rng):
            assert tree_digest(root / "out" / "site") == old, f"seed {seed}: site changed by a killed build"
            break
    else:
        pytest.fail(f"seed {seed}: never caught the build inside {stage}")
    # Every photo in the cache under a final name is complete.
    for name in os.listdir(root / "cache"):
        if _is_rendition(name):
            with Image.open(root / "cache" / name) as im:
                im.load()
    run = run_build(root)
    assert run.code == 0, run.output
    assert run.audit == []
    assert comparable(root / "out" / "site") == clean_build(versions, 1), f"seed {seed}"
    leftovers = sorted(p.name for p in (root / "out").iterdir() if p.name != "site")
    assert leftovers == [], f"temporary folders of killed builds left behind: {leftovers}"


def _damage_cache(root: Path) -> list[str]:
    """Cut one WebP short, halve one JPEG (a link preview), empty another WebP: what a broken
    cache restore leaves."""
    cache = root / "cache"
    names = sorted(n for n in os.listdir(cache) if n.endswith((".jpg", ".webp")))
    webp = next(n for n in names if n.endswith(".webp"))
    jpg = next(n for n in names if n.endswith(".jpg"))
    empty = next(n for n in names if n.endswith(".webp") and n != webp)
    (cache / webp).write_bytes((cache / webp).read_bytes()[:-500])
    (cache / jpg).write_bytes((cache / jpg).read_bytes()[: len((cache / jpg).read_bytes()) // 2])
    (cache / empty).write_bytes(b"")
    return [webp, jpg, empty]


def test_damaged_cache_entry_is_made_again(tmp_path, versions):
    shutil.copytree(versions / "v0" / "products", tmp_path / "products")
    assert run_build(tmp_path).code == 0
    damaged = _damage_cache(tmp_path)
    run = run_build(tmp_path)
    assert run.code == 0, run.output
    for name in damaged:
        for folder in (tmp_path / "cache", tmp_path / "out" / "site" / "media"):
            with Image.open(folder / name) as im:
                im.load()  # whole again
    site, clean = comparable(tmp_path / "out" / "site"), clean_build(versions, 0)
    assert site.keys() == clean.keys()
    assert [k for k in site if site[k] != clean[k] and not k.startswith("media/")] == []


def test_remade_cache_entry_has_the_bytes_of_a_clean_build(tmp_path, versions):
    shutil.copytree(versions / "v0" / "products", tmp_path / "products")
    assert run_build(tmp_path).code == 0
    _damage_cache(tmp_path)
    assert run_build(tmp_path).code == 0
    assert comparable(tmp_path / "out" / "site") == clean_build(versions, 0)


def test_killed_between_the_two_renames_of_the_swap(tmp_path, versions):
    """The one moment with no site/: the old one renamed away, the new one not yet in. The next
    build (even one that stops on an invalid catalogue) puts the previous site back first."""
    import socket

    from catalogue.site.build import build_site

    ref_root = versions
    shutil.copytree(ref_root / "v0" / "products", tmp_path / "products")
    assert run_build(tmp_path).code == 0
    out = tmp_path / "out"
    old = tree_digest(out / "site")
    host = re.sub(r"[^A-Za-z0-9_]", "_", socket.gethostname())
    dead = 2**22 + 12345  # above pid_max's default: no such process
    os.rename(out / "site", out / f".site-old-{host}-{dead}-abc123")
    (out / f".site-new-{host}-{dead}-def456").mkdir()  # the new one, never renamed in
    (out / f".site-new-{host}-{os.getpid()}-live").mkdir()  # a build still running: kept
    (tmp_path / "products" / "produk-0" / "product.yml").write_text("name: [\n")
    problems = build_site(tmp_path / "products", out / "site")
    assert any(p.code == "yaml_syntax" for p in problems)
    assert tree_digest(out / "site") == old
    assert sorted(p.name for p in out.iterdir()) == [f".site-new-{host}-{os.getpid()}-live", "site"]
