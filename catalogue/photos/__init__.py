"""Stage 2: uploaded photos → re-encoded renditions in a content-addressed cache.

Takes a `Catalogue` (each photo already header-checked by products/); gives the plan of every
rendition (gallery and card WebP, link-preview JPEG; names derived from content and
parameters, so they cache themselves) and renders the missing ones on every core: upright,
sRGB, stripped of metadata. Nothing uploaded is published as it is. The rendering can be split
over several machines by content hash (`shards`, `build.py photos --shard I/N`).
"""

from catalogue.photos.cachecheck import drop_damaged
from catalogue.photos.renditions import ProductImages, all_renditions, default_cache_dir, plan_catalogue, render

__all__ = ["ProductImages", "all_renditions", "default_cache_dir", "drop_damaged", "plan_catalogue", "render"]
