"""Link previews for pages that are not one product: a 1200×630 collage of their products.

A link to the home page, a category or a regency shared on WhatsApp should show a picture, as a
product link does. Each collage is made from the products' own link-preview renditions (already
1200×630, upright, sRGB, without metadata): one product → its preview as it is; two → two
halves; three → a half and two quarters; four → four quarters. Its name is derived from its
sources' names, so it caches itself like every rendition and a page's preview changes only when
its first products do. Pure geometry apart from `render_collage`.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from PIL import Image

from catalogue.files import write_atomic
from catalogue.photos.cachecheck import is_whole
from catalogue.photos.renditions import Rendition

SIZE = (1200, 630)
MAX_TILES = 4
QUALITY = 80  # as the product previews: crawlers fetch these, people do not zoom in


@dataclass(frozen=True)
class Collage:
    sources: tuple[Rendition, ...]  # link-preview renditions, 1 to MAX_TILES
    width: int = SIZE[0]
    height: int = SIZE[1]

    @property
    def name(self) -> str:
        if len(self.sources) == 1:
            return self.sources[0].name
        key = "\n".join(["collage-v1", *(r.name for r in self.sources)])
        return f"{hashlib.sha256(key.encode()).hexdigest()[:20]}-og.jpg"

    @property
    def path(self) -> str:
        return f"media/{self.name}"

    @property
    def url(self) -> str:
        """Site-relative, or absolute at the photo site (its sources' `base`)."""
        return self.sources[0].base + self.path


def collage(previews: Sequence[Rendition]) -> Collage | None:
    """The collage of the first products' previews; None when there are none."""
    chosen = tuple(previews[:MAX_TILES])
    return Collage(chosen) if chosen else None


def tiles(count: int) -> list[tuple[int, int, int, int]]:
    """Where each source goes (left, top, width, height) in a collage of `count` sources."""
    w, h = SIZE
    half, quarter = (w // 2, h), (w // 2, h // 2)
    return {
        1: [(0, 0, w, h)],
        2: [(0, 0, *half), (w // 2, 0, *half)],
        3: [(0, 0, *half), (w // 2, 0, *quarter), (w // 2, h // 2, *quarter)],
        4: [(0, 0, *quarter), (w // 2, 0, *quarter), (0, h // 2, *quarter), (w // 2, h // 2, *quarter)],
    }[count]


def _cover(image: Image.Image, width: int, height: int) -> Image.Image:
    """`image` scaled to cover width×height, centred, cropped."""
    scale = max(width / image.width, height / image.height)
    size = (max(width, round(image.width * scale)), max(height, round(image.height * scale)))
    scaled = image.resize(size, Image.Resampling.LANCZOS)
    left, top = (size[0] - width) // 2, (size[1] - height) // 2
    return scaled.crop((left, top, left + width, top + height))


def render_collage(item: Collage, cache_dir: Path) -> Path:
    """The collage's file in `cache_dir`, made from the cached previews when missing."""
    target = cache_dir / item.name
    if target.is_file() and is_whole(target):  # a cut-short file from a restored cache is made again
        return target
    canvas = Image.new("RGB", SIZE, (255, 255, 255))
    for source, (left, top, width, height) in zip(item.sources, tiles(len(item.sources))):
        with Image.open(cache_dir / source.name) as image:
            canvas.paste(_cover(image.convert("RGB"), width, height), (left, top))
    encoded = io.BytesIO()
    canvas.save(encoded, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    write_atomic(target, encoded.getvalue())
    return target
