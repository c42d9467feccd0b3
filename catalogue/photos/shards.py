"""Photo rendering split over several machines: share I of N renders the missing renditions
of the source photos whose content digest is I−1 modulo N, into the same content-addressed
cache a one-machine build uses.

A share depends only on the photo's bytes (SHA-256), so it is stable when other photos come
and go, and balanced (the digest is uniform). Every rendition of a source goes to the same
share, so the source is decoded once, and its bytes do not depend on how the work was split
(`make_renditions` chooses decode scale and parents from all of a source's renditions).
Merging shares is copying files: a name always holds the same bytes. A share that never ran,
or was killed, leaves only complete files (the renderer writes atomically); the full build
renders whatever is still missing.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

from catalogue.photos.cachecheck import drop_damaged
from catalogue.photos.renditions import ProductImages, Rendition, all_renditions, render
from catalogue.products.problems import Problem

# Splitting pays when the photos one runner would render take longer than what a share adds:
# a second job's start (checkout, Python, cache restore: ~90 s) and moving the renditions as
# artifacts. At ~100 ms CPU a photo on GitHub's 4-core runners that is from about 10,000
# photos (4 min on one runner); then one share per 4,000 photos (~100 s each), at most 8
# (docs/benchmarks.md, "8 photos a product").
SPLIT_FROM = 10_000
PHOTOS_PER_SHARD = 4000
MAX_SHARDS = 8

_SHARD = re.compile(r"^(\d+)/(\d+)$")


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def holds(self, digest: str) -> bool:
        return int(digest, 16) % self.count == self.index - 1


def parse_shard(text: str) -> Shard:
    """"2/4" → Shard(2, 4). Raises ValueError with the rule it broke."""
    match = _SHARD.match(text.strip())
    if not match:
        raise ValueError(f"expected I/N such as 2/4, found {text!r}")
    index, count = int(match.group(1)), int(match.group(2))
    if not 1 <= index <= count:
        raise ValueError(f"expected 1 ≤ I ≤ N, found {text!r}")
    return Shard(index, count)


def share(renditions: list[Rendition], shard: Shard | None) -> list[Rendition]:
    """The renditions of the sources in `shard` (all of them for None)."""
    return [r for r in renditions if shard is None or shard.holds(r.digest)]


def missing(renditions: list[Rendition], cache_dir: Path) -> list[Rendition]:
    """Renditions without a file in the cache (one directory read)."""
    try:
        present = set(os.listdir(cache_dir))
    except FileNotFoundError:
        present = set()
    return [r for r in renditions if r.name not in present]


def shards_for(missing_sources: int, per_shard: int = PHOTOS_PER_SHARD, most: int = MAX_SHARDS,
               split_from: int = SPLIT_FROM) -> int:
    """How many machines to use for this many source photos to render: 0 = let the build do
    it (too few to be worth another job's start), else 2..`most`."""
    if missing_sources <= split_from:
        return 0
    return max(2, min(most, math.ceil(missing_sources / per_shard)))


@dataclass(frozen=True)
class ShareResult:
    shard: Shard | None
    sources: int  # source photos in the share
    renditions: int  # renditions in the share
    rendered: tuple[str, ...]  # names made now
    problems: tuple[Problem, ...]


def render_share(plans: dict[str, ProductImages], cache_dir: Path, shard: Shard | None = None,
                 workers: int | None = None, progress: bool | None = None,
                 export_dir: Path | None = None) -> ShareResult:
    """Render the missing renditions of `shard`'s sources into `cache_dir`.

    With `export_dir`, the files made now are also linked (or copied) there: the new cache
    entries of this share, for a CI job to hand to the final build.
    """
    mine = share(all_renditions(plans), shard)
    drop_damaged(cache_dir, (r.name for r in mine))  # a cut-short file from a restored cache
    todo = missing(mine, cache_dir)
    problems = render(todo, cache_dir, workers=workers, progress=progress) if todo else []
    made = tuple(sorted(r.name for r in todo if (Path(cache_dir) / r.name).is_file()))
    if export_dir is not None:
        export_dir = Path(export_dir)
        export_dir.mkdir(parents=True, exist_ok=True)
        for name in made:
            _link_or_copy(Path(cache_dir) / name, export_dir / name)
    return ShareResult(shard, len({r.digest for r in mine}), len(mine), made, tuple(problems))


def _link_or_copy(source: Path, target: Path) -> None:
    if target.exists():
        return
    try:
        os.link(source, target)
    except OSError:
        import shutil

        shutil.copyfile(source, target)
