"""Photo rendering on several machines (catalogue/photos/shards.py, `build.py photos`): shares
by content hash are stable and cover every photo once; three shares merged into one cache and
then the full build give the same site, byte for byte, as a one-machine build; a share that
was killed or never ran only leaves work for the full build."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sandbox import tree_digest

from catalogue.photos.renditions import all_renditions, plan_catalogue
from catalogue.photos.run import run_photos
from catalogue.photos.shards import Shard, missing, parse_shard, share, shards_for
from catalogue.products.validate import check_catalogue

REPO = Path(__file__).resolve().parents[1]
PRODUCTS = REPO / "products"


@pytest.mark.parametrize("text,shard", [("1/1", Shard(1, 1)), ("2/4", Shard(2, 4)), (" 8/8 ", Shard(8, 8))])
def test_parse_shard(text, shard):
    assert parse_shard(text) == shard and str(shard) == text.strip()


@pytest.mark.parametrize("text", ["0/3", "4/3", "1/0", "2", "a/b", "1/3/5", ""])
def test_parse_shard_refuses(text):
    with pytest.raises(ValueError, match="expected"):
        parse_shard(text)


def test_shares_cover_every_photo_once_and_are_balanced():
    digests = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(8000)]
    for n in (2, 3, 4, 8):
        owners = [[i for i in range(1, n + 1) if Shard(i, n).holds(d)] for d in digests]
        assert all(len(o) == 1 for o in owners)
        counts = [sum(o == [i] for o in owners) for i in range(1, n + 1)]
        assert max(counts) / min(counts) < 1.15, counts  # uniform digests: shares within a few %


@pytest.mark.parametrize("count,shards", [(0, 0), (4000, 0), (10_000, 0), (10_001, 3), (24_456, 7), (100_000, 8)])
def test_number_of_shares(count, shards):
    assert shards_for(count) == shards


def same_site(a: Path, b: Path) -> None:
    """Every file byte for byte, the search index aside: it is made from the pages alone, and
    its own determinism is tests/test_determinism.py's."""
    digest_a, digest_b = ({k: v for k, v in tree_digest(s).items() if not k.startswith("pagefind/")} for s in (a, b))
    assert digest_a.keys() == digest_b.keys()
    assert [name for name in digest_a if digest_a[name] != digest_b[name]] == []


def build_site_into(site: Path, cache: Path) -> Path:
    from catalogue.site.build import build_site

    problems = build_site(PRODUCTS, site, config_file=REPO / "mkdocs.yml", cache_dir=cache)
    assert [p.format() for p in problems if p.is_error] == []
    return site


@pytest.fixture(scope="module")
def plans():
    return plan_catalogue(check_catalogue(PRODUCTS).catalogue)


def test_a_share_holds_every_rendition_of_its_sources(plans):
    renditions = all_renditions(plans)
    shares = [share(renditions, Shard(i, 3)) for i in (1, 2, 3)]
    assert sorted(r.name for s in shares for r in s) == sorted(r.name for r in renditions)
    for s in shares:
        sources = {r.digest for r in s}
        assert {r.name for r in renditions if r.digest in sources} == {r.name for r in s}


def test_sharded_then_full_build_equals_one_machine_build(tmp_path, sample_site, capsys):
    cache = tmp_path / "cache"
    exported = []
    for i in (1, 2, 3):
        out = tmp_path / f"share-{i}"
        assert run_photos(PRODUCTS, f"{i}/3", out, False, cache_dir=cache) == 0
        exported.append(sorted(os.listdir(out)))
        line = capsys.readouterr().out.splitlines()[-2]
        assert line.startswith(f"Foto bagian {i}/3: ") and f"dibuat {len(exported[-1])}, sudah ada 0 " in line
    names = sorted(n for e in exported for n in e)
    renditions = all_renditions(plan_catalogue(check_catalogue(PRODUCTS).catalogue))
    assert names == sorted(r.name for r in renditions)  # every share exported only its own new files
    assert missing(renditions, cache) == []  # the full build finds every rendition cached
    site = build_site_into(tmp_path / "site", cache)
    same_site(site, sample_site)


def test_killed_or_missing_share_leaves_work_for_the_full_build(tmp_path, sample_site):
    cache = tmp_path / "cache"
    assert run_photos(PRODUCTS, "1/3", None, False, cache_dir=cache) == 0  # share 2 killed, share 3 never ran
    done = sorted(os.listdir(cache))
    renditions = all_renditions(plan_catalogue(check_catalogue(PRODUCTS).catalogue))
    second = [r for r in share(renditions, Shard(2, 3))]
    # What a share killed mid-way leaves: a temporary file, and one cache file cut short by a
    # runner that died while the cache was being saved or restored.
    (cache / f".{second[0].name}.4242.tmp").write_bytes(b"RIFF")
    shutil.copyfile(cache / done[-1], cache / second[1].name)
    with open(cache / second[1].name, "r+b") as f:
        f.truncate(100)
    site = build_site_into(tmp_path / "site", cache)
    same_site(site, sample_site)
    assert missing(renditions, cache) == []


def test_photos_command_counts_and_writes_github_output(tmp_path):
    env = {**os.environ, "OPOP_PHOTO_CACHE": str(tmp_path / "cache"), "GITHUB_OUTPUT": str(tmp_path / "out")}
    done = subprocess.run([sys.executable, "build.py", "photos", "--count"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    sources = len({r.digest for r in all_renditions(plan_catalogue(check_catalogue(PRODUCTS).catalogue))})
    assert done.stdout.startswith(f"Foto: {sources} foto sumber; {sources} belum punya semua ukurannya (")
    assert done.stdout.rstrip().endswith("Bagian yang disarankan: 0 (sedikit: build merendernya sendiri).")
    assert (tmp_path / "out").read_text() == f"missing={sources}\nshards=0\nmatrix=[]\n"
    bad = subprocess.run([sys.executable, "build.py", "photos", "--shard", "0/3", "--lang", "en"], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and bad.stderr.strip() == "build.py photos: --shard: expected 1 ≤ I ≤ N, found '0/3'"
