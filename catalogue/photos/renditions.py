"""Photo renditions: a pure plan (which files, what size, what name) and the Pillow steps that
make them, in a cache addressed by content.

Plan: `plan_catalogue` hashes every source photo once and derives, without decoding, the exact
size and the file name of every rendition. Names are a hash of the source bytes, the rendition
parameters and the versions of every library that touches the pixels, so a name never changes
its content: browsers may cache `media/<name>` forever, and a name already in the cache is
never rendered again. File times play no part (git checkout resets them).

Render: `render` makes the missing files in a process pool, one task per source photo (decode
once, then every size). The cache directory lives outside site/ and may be kept by CI; a file
appears under its final name only when complete (temp file + os.replace).

Every output is re-encoded from pixels: upright (EXIF orientation), sRGB (from the embedded ICC
profile), 8-bit RGB, transparency flattened on white, no metadata at all (no EXIF, GPS, XMP,
ICC, comments). Measurements behind the settings are in docs/photos.md (bench/bench_photos.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path
from typing import Iterable

from PIL import Image, ImageCms

from catalogue.files import write_atomic
from catalogue.products.imageinfo import ImageInfo, ImageRejected, inspect_bytes
from catalogue.products.model import Catalogue, Photo, Product
from catalogue.products.problems import Problem

# One gallery width, 960: a phone at 2-3x density (360-390 CSS px) and the 560 px desktop
# gallery all choose it; the 480 px size was only chosen by screens of density 1.2 or less and
# cost 8 KB a photo, 182 MB at 3,057 products × 8 photos (the first photo's card remains). A 1600 px rendition cost 65 KB a photo
# (2.3 x the 960) and with it 3,057 products would not fit GitHub Pages' 1 GB
# (docs/photos.md, docs/benchmarks.md).
GALLERY_WIDTHS = (960,)
GALLERY_MAX_ASPECT = 2.0  # a gallery image is at most twice as tall as wide (WebP caps sides at 16383)
CARD_SIZE = (480, 360)  # 4:3, centre crop; fits a 2-column phone grid at 2× density; first photo only
OG_SIZE = (1200, 630)  # link preview (Open Graph): Facebook's recommended size; others crop it
OG_MAX_BYTES = 300_000

# Encoder settings, measured with `bench/bench_photos.py --tune` (docs/photos.md): a 12 MP JPEG
# scaled to 1600 px, CPU time on this 2-core Xeon, Pillow 13.0.0 / libwebp 1.6.0, PSNR against
# the scaled image; "grainy" is the synthetic photo, "smooth" the same denoised as phones do.
#   WebP method   CPU ms q80 (grainy/smooth)   size at equal PSNR vs method 4 (grainy/smooth)
#   0              35 /  28                    +13 % / +23 %
#   2              58 /  44                     +8 % / +14 %
#   4             145 / 116                        -
#   5             161 / 125                     -8 % /  +3 %
#   6             326 / 143                    -12 % /   0 %
# Method 4 (libwebp's default). Method 2 would save ~150 ms CPU per photo (all WebP sizes)
# once, since the cache never encodes a photo twice; its 8-14 % larger files would cost every
# visitor on slow mobile data, every time. Methods 5-6 gain nothing on smooth images.
# q80: PSNR 35.5 dB grainy / 40.7 dB smooth, the same as JPEG at q80-82.
WEBP_QUALITY = 80
WEBP_METHOD = 4
# Gallery and cards are WebP only: every browser in use reads it (Safari since iOS 14, 2020),
# and JPEG copies doubled the site (docs/benchmarks.md). JPEG is only the link preview, which
# crawlers (WhatsApp, Facebook) fetch: progressive, optimised Huffman tables.
# Tried in order until the preview fits OG_MAX_BYTES (WhatsApp is reported to skip larger
# ones). q70, not 82: a preview is seen at 300-500 px in a chat or a feed; 82 -> 70 is -30 %
# bytes for -1.3 dB (bench photos: 40 -> 28 KB). The tests' heavy grain needs a lower step; 20 is for
# pathological input (pure colour noise at 1200×630 is 255 KB at 40).
OG_QUALITIES = (70, 60, 50, 40, 30, 20)
# AVIF (Pillow 13 has an encoder) is not used: iPhones that stopped at iOS 15 and older
# Android browsers cannot show it, so every AVIF would need a WebP twin (docs/photos.md).

# Bump when the pixel pipeline changes the output for the same parameters.
# 5: bicubic link previews. ("2" to "4" were drafts that shared caches may hold.)
PIPELINE_VERSION = "5"


@dataclass(frozen=True)
class Rendition:
    """One output file. `width`/`height` are exact, so templates can write them into HTML.

    Beyond the public fields, a rendition carries everything needed to make it: the region
    `box` of the upright source it shows (left, top, right, bottom), where that region lands
    in the output (`place`: x, y, width, height; the rest is white), the encoder `quality`
    and the `digest` of the source bytes.
    """

    source: Path  # the uploaded file
    kind: str  # "gallery" | "card" | "og"
    format: str  # "webp" (gallery, card) | "jpeg" (og)
    width: int
    height: int
    name: str  # content-addressed file name, e.g. "3f9a…c2-960.webp"
    box: tuple[int, int, int, int] = (0, 0, 0, 0)
    place: tuple[int, int, int, int] = (0, 0, 0, 0)
    quality: int = 0
    digest: str = field(default="", repr=False)
    # Where the photos are published: "" = in the site itself (media/ next to the pages), or
    # the absolute address of a second site holding media/ ("https://org.github.io/foto/").
    base: str = field(default="", repr=False)

    @property
    def path(self) -> str:
        """Where the file lives in whichever site publishes the photos: "media/<name>"."""
        return f"media/{self.name}"

    @property
    def url(self) -> str:
        """The address pages link: site-relative, or absolute at the photo site's `base`."""
        return self.base + self.path


@dataclass(frozen=True)
class PhotoImages:
    """The renditions of one uploaded photo."""

    photo: Photo
    gallery_webp: tuple[Rendition, ...]  # ascending width, never wider than the source
    # Card thumbnail, 480×360 cropped 4:3 from the centre: only the product's first photo has
    # one (listings show the first photo only); None for the others.
    card_webp: Rendition | None

    @property
    def renditions(self) -> tuple[Rendition, ...]:
        return (*self.gallery_webp, *((self.card_webp,) if self.card_webp else ()))


@dataclass(frozen=True)
class ProductImages:
    photos: tuple[PhotoImages, ...]
    og: Rendition  # 1200×630 JPEG from the first photo, < 300 KB


def srcset(renditions: Iterable[Rendition], prefix: str = "") -> str:
    """The `srcset` attribute for renditions of one photo: "media/a-480.webp 480w, …"."""
    return ", ".join(f"{prefix}{r.url} {r.width}w" for r in renditions)


# --- geometry (pure) --------------------------------------------------------------------------

Box = tuple[int, int, int, int]
Place = tuple[int, int, int, int]


def gallery_geometry(width: int, height: int) -> list[tuple[int, int, Box]]:
    """(out width, out height, source box) per gallery width, ascending, duplicates merged.

    Each standard width is capped at the source width (never upscale) and at a height of
    GALLERY_MAX_ASPECT × width (a very tall image gets narrower instead of endless).
    """
    sizes: list[tuple[int, int, Box]] = []
    for target in GALLERY_WIDTHS:
        scale = min(1.0, target / width, GALLERY_MAX_ASPECT * target / height)
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        if not sizes or size[0] > sizes[-1][0]:
            sizes.append((*size, (0, 0, width, height)))
    return sizes


def cover_geometry(width: int, height: int, target: tuple[int, int]) -> tuple[int, int, Box]:
    """Centre crop of the source to the target's aspect, scaled down to the target.

    A source too small for the target gives the crop at its own size (never upscaled).
    """
    tw, th = target
    if width * th > height * tw:  # source wider than target: cut the sides
        cw, ch = round(height * tw / th), height
    else:
        cw, ch = width, round(width * th / tw)
    left, top = (width - cw) // 2, (height - ch) // 2
    scale = min(1.0, tw / cw)
    return round(cw * scale), round(ch * scale), (left, top, left + cw, top + ch)


def og_geometry(width: int, height: int) -> tuple[Box, Place]:
    """Source box and its place on the 1200×630 preview canvas.

    A landscape photo large enough is centre-cropped to fill the canvas (a 4:3 photo loses
    15 % at top and bottom). A portrait or square photo would lose most of itself to a 1.9:1
    crop (a bottle without cap or label), and a small one would need upscaling; these are
    shown whole, scaled to fit, centred on white. A photo with a short side ≥ 630 is never
    upscaled either way.
    """
    tw, th = OG_SIZE
    if width >= height:
        cw, ch, box = cover_geometry(width, height, OG_SIZE)
        if (cw, ch) == OG_SIZE:
            return box, (0, 0, tw, th)
    scale = min(1.0, tw / width, th / height)
    cw, ch = max(1, round(width * scale)), max(1, round(height * scale))
    return (0, 0, width, height), ((tw - cw) // 2, (th - ch) // 2, cw, ch)


# --- plan (pure but for hashing the sources) --------------------------------------------------


@lru_cache(maxsize=1)
def _versions() -> str:
    """Every library that touches output pixels or bytes; any upgrade gives new names."""
    import PIL
    import pillow_heif
    from PIL import features

    libs = ";".join(f"{lib}={features.version(lib)}" for lib in ("jpg", "libjpeg_turbo", "webp", "littlecms2"))
    return f"Pillow={PIL.__version__};pillow-heif={pillow_heif.__version__};{libs};pipeline={PIPELINE_VERSION}"


_digests: dict[str, tuple[tuple[int, ...], str]] = {}


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, hex. One pass at ~1.1 GB/s per core here (SHA-NI).

    Remembered under the file's device, inode, size, mtime and ctime, in this process and
    (plan_catalogue) in the cache folder, so a rebuild rehashes only edited photos; a fresh
    checkout (every CI build) has new inodes and hashes everything. ctime cannot be set by
    tools, and a file changed in the last 2 s is not remembered (the same "racily clean" rule
    as git's index), so an edit is never missed.
    """
    st = os.stat(path)
    key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    memo = _digests.get(str(path))
    if memo and memo[0] == key:
        return memo[1]
    with open(path, "rb") as f:
        digest = hashlib.file_digest(f, "sha256").hexdigest()
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > 2_000_000_000:
        _digests[str(path)] = (key, digest)
    return digest


def _rendition(photo: Photo, digest: str, kind: str, fmt: str, size: tuple[int, int], box: Box, place: Place,
               quality: int, base: str = "") -> Rendition:
    """The rendition with its content-addressed name.

    The name hashes everything that decides the output bytes: the source bytes (via their
    digest), the geometry, the encoder settings and the library versions. `kind` is left out,
    so a card that equals a gallery size (a 4:3 photo's 480×360) is one file, downloaded once.
    """
    if fmt == "webp":
        encoder = f"webp q{quality} m{WEBP_METHOD}"
    elif kind == "og":
        encoder = f"jpeg q{','.join(map(str, OG_QUALITIES))} under {OG_MAX_BYTES} progressive optimize 4:2:0"
    else:
        raise ValueError(f"JPEG is only made for the link preview, not for {kind}")
    params = f"{digest}|{size[0]}x{size[1]}|box{box}|place{place}|{encoder}|{_versions()}"
    key = hashlib.blake2b(params.encode(), digest_size=10).hexdigest()  # 80 bits: no collisions in practice
    ext = "jpg" if fmt == "jpeg" else fmt
    return Rendition(photo.source, kind, fmt, size[0], size[1], f"{key}-{size[0]}.{ext}", box, place, quality, digest,
                     base)


def _plan_photo(photo: Photo, digest: str, card: bool, base: str) -> PhotoImages:
    w, h = photo.width, photo.height
    gallery = tuple(_rendition(photo, digest, "gallery", "webp", (gw, gh), box, (0, 0, gw, gh), WEBP_QUALITY, base)
                    for gw, gh, box in gallery_geometry(w, h))
    thumbnail = None
    if card:
        cw, ch, box = cover_geometry(w, h, CARD_SIZE)
        thumbnail = _rendition(photo, digest, "card", "webp", (cw, ch), box, (0, 0, cw, ch), WEBP_QUALITY, base)
    return PhotoImages(photo, gallery, thumbnail)


def _plan_product(product: Product, digests: dict[Path, str], base: str = "") -> ProductImages:
    photos = tuple(_plan_photo(p, digests[p.source], i == 0, base) for i, p in enumerate(product.photos))
    first = product.photos[0]
    box, place = og_geometry(first.width, first.height)
    og = _rendition(first, digests[first.source], "og", "jpeg", OG_SIZE, box, place, OG_QUALITIES[0], base)
    return ProductImages(photos, og)


def plan_product(product: Product, base_url: str = "") -> ProductImages:
    """Every rendition of one product's photos. Reads (hashes) the source files, nothing else.

    Sizes come from `Photo.width/height` (the upright size read by the validator).
    """
    return _plan_product(product, {p.source: file_digest(p.source) for p in product.photos}, base_url)


def plan_catalogue(catalogue: Catalogue, threads: int | None = None,
                   memo_file: Path | None = None, base_url: str = "") -> dict[str, ProductImages]:
    """slug -> ProductImages for every product. Hashes each source file once, in threads
    (hashlib releases the GIL, so hashing runs on every core). With `memo_file`, digests of
    unchanged files come from the last build (3 s of a 1,000-product rebuild otherwise).

    `base_url` ("" or an absolute address ending in "/") is where the photos are published:
    it changes every rendition's `url`, never its name or bytes."""
    sources = sorted({p.source for product in catalogue.products for p in product.photos})
    if memo_file:
        _load_digests(memo_file)
    with ThreadPoolExecutor(threads or os.cpu_count() or 1) as pool:
        digests = dict(zip(sources, pool.map(file_digest, sources)))
    if memo_file:
        _save_digests(memo_file, [str(s) for s in sources])
    return {product.slug: _plan_product(product, digests, base_url) for product in catalogue.products}


def _load_digests(memo_file: Path) -> None:
    """Adds the remembered digests; an unreadable or malformed file is ignored (all rehashed)."""
    try:
        saved = json.loads(Path(memo_file).read_text(encoding="utf-8"))
        entries = {path: (tuple(key), digest) for path, (key, digest) in saved["digests"].items()
                   if len(key) == 5 and all(isinstance(k, int) for k in key)
                   and isinstance(digest, str) and len(digest) == 64}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return
    for path, entry in entries.items():
        _digests.setdefault(path, entry)


def _save_digests(memo_file: Path, paths: list[str]) -> None:
    """The digests of this catalogue's photos (only these: the file does not grow forever),
    written atomically; a cache folder that cannot be written is not an error."""
    data = {"digests": {p: [list(_digests[p][0]), _digests[p][1]] for p in paths if p in _digests}}
    memo_file = Path(memo_file)
    try:
        memo_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = memo_file.with_name(f".{memo_file.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
        os.replace(tmp, memo_file)
    except OSError:
        pass


def all_renditions(plans: dict[str, ProductImages]) -> list[Rendition]:
    """Every rendition of every product, one per name, sorted by name."""
    out: dict[str, Rendition] = {}
    for images in plans.values():
        for photo in images.photos:
            for r in photo.renditions:
                out.setdefault(r.name, r)
        out.setdefault(images.og.name, images.og)
    return [out[name] for name in sorted(out)]


# --- cache and render -------------------------------------------------------------------------


def default_cache_dir() -> Path:
    """$OPOP_PHOTO_CACHE, else <repo>/.cache/photos (ignored by git, kept by CI between runs)."""
    env = os.environ.get("OPOP_PHOTO_CACHE")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[2]
    if not (repo / "pyproject.toml").exists():  # installed as a package: use the working folder
        repo = Path.cwd()
    return repo / ".cache" / "photos"


def render(
    renditions: list[Rendition], cache_dir: Path, workers: int | None = None, progress: bool | None = None
) -> list[Problem]:
    """Write cache_dir/<name> for every rendition not already there.

    One task per source photo (decoded once for all its renditions); tasks run in a process
    pool of `workers` (default: every core), or in this process when there is one task or one
    worker. Returns a Problem (code photo_corrupt, or the validator's code if the file breaks
    a limit) for each photo that cannot be decoded; its renditions are not written. Errors
    writing the cache itself (disk full, permissions) are raised. A progress bar is drawn on
    stderr only if it is a terminal and CI is unset (`progress` forces it on or off).

    The pool starts workers with `spawn`, which re-imports the main module: call from a script
    or module (`mkdocs`, `build.py`, pytest), not from code piped to `python -`, or pass
    workers=1.
    """
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    done = set(os.listdir(cache_dir))  # one directory read instead of a stat per file
    tasks: dict[tuple[Path, str], list[Rendition]] = {}
    siblings: dict[tuple[Path, str], list[Rendition]] = {}
    for r in renditions:
        siblings.setdefault((r.source, r.digest), []).append(r)
        if r.name not in done:
            done.add(r.name)  # the same name twice (equal card and gallery size) is made once
            tasks.setdefault((r.source, r.digest), []).append(r)
    if not tasks:
        return []
    if progress is None:
        progress = sys.stderr.isatty() and not os.environ.get("CI")
    bar = _Progress(len(tasks)) if progress else None
    # Each job also carries every rendition of its source: the JPEG draft scale is chosen from
    # all of them, so a rendition remade alone (a damaged cache entry) has the same bytes.
    jobs = [(source, digest, rs, cache_dir, siblings[source, digest]) for (source, digest), rs in sorted(tasks.items())]
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    problems: list[Problem] = []
    if workers == 1:
        results = map(lambda job: _render_source(*job), jobs)
    else:
        # spawn, not fork: the MkDocs dev server runs threads, and forking a threaded process
        # can deadlock. Start-up costs 0.2 s CPU per worker (interpreter and imports), paid
        # only by builds with more than one photo to render.
        pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"))
        results = (f.result() for f in as_completed([pool.submit(_render_source, *job) for job in jobs]))
    try:
        for found in results:
            problems += found
            if bar:
                bar.step()
    finally:
        if workers > 1:
            pool.shutdown(cancel_futures=True)
        if bar:
            bar.close()
    return sorted(problems)


def prune_cache(cache_dir: Path, keep: Iterable[Rendition]) -> int:
    """Delete files in the cache that no rendition in `keep` names; returns how many.

    Not called by the build: a cache shared between branches keeps every branch's files.
    """
    names = {r.name for r in keep}
    removed = 0
    for entry in os.scandir(cache_dir):
        if entry.is_file() and entry.name not in names:
            os.unlink(entry.path)
            removed += 1
    return removed


class _Progress:
    """`Photos  123/456  27 %` redrawn in place on stderr, at most ten times a second."""

    def __init__(self, total: int):
        self.total, self.done, self.shown = total, 0, 0.0
        self.step(0)

    def step(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.shown >= 0.1 or self.done == self.total:
            self.shown = now
            width = 30
            filled = width * self.done // self.total
            sys.stderr.write(
                f"\rPhotos [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
                f" {100 * self.done // self.total:3d} %"
            )
            sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
        sys.stderr.flush()


# --- the pixel steps (run in worker processes) ------------------------------------------------


def _render_source(source: Path, digest: str, renditions: list[Rendition], cache_dir: Path,
                   siblings: list[Rendition] | None = None) -> list[Problem]:
    """Decode one source once and write all its `renditions` (`siblings`: every rendition of
    this source, made now or earlier). Anything wrong with the photo becomes a Problem naming
    the file; only errors writing the cache are raised."""
    data = Path(source).read_bytes()
    where, name = _display_path(source), Path(source).name
    if digest and hashlib.sha256(data).hexdigest() != digest:
        # Edited after planning: these names promise the old bytes. The next build plans again.
        detail = "file changed during the build; build again"
        return [Problem.make(where, 0, 0, "photos", "photo_corrupt", file=name, detail=detail)]
    try:
        blobs = make_renditions(data, renditions, siblings)
    except ImageRejected as e:
        return [Problem.make(where, 0, 0, "photos", e.code, **{"file": name, **e.params})]
    except Exception as e:  # Pillow and libheif report corrupt data with many exception types
        return [Problem.make(where, 0, 0, "photos", "photo_corrupt", file=name, detail=_detail(e))]
    for r, blob in zip(renditions, blobs):
        write_atomic(cache_dir / r.name, blob)
    return []


def make_renditions(data: bytes, renditions: list[Rendition], siblings: list[Rendition] | None = None) -> list[bytes]:
    """The encoded bytes of each rendition of one source photo (`data`), in order.

    `siblings` (default: `renditions`) are all renditions planned for this source; the decode
    scale depends on them only, so each rendition's bytes do not depend on which others are
    made in the same call. Limits are checked from the header before decoding; raises
    ImageRejected, or whatever Pillow/libheif raise for data that does not decode.
    """
    info = inspect_bytes(data)
    base, scale = _decode(data, info, siblings or renditions)
    base = _to_srgb(base)
    fitted: dict[tuple, Image.Image] = {}
    out = []
    for r in renditions:
        key = (r.box, r.place, r.width, r.height)
        if key not in fitted:
            fitted[key] = _fit(base, scale, r)
        out.append(_encode(fitted[key], r))
    return out


_PIL_FORMAT = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}

# EXIF orientation -> the transpose that makes the stored pixels upright (EXIF 2.32, tag 0x0112).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _decode(data: bytes, info: ImageInfo, renditions: list[Rendition]) -> tuple[Image.Image, float]:
    """The upright decoded image, and how many source pixels one of its pixels spans.

    JPEG is decoded at 1/2, 1/4 or 1/8 size in libjpeg's DCT (Image.draft) when every
    rendition is at least that much smaller: measured 82 -> 57 ms for a 12 MP photo whose
    largest rendition is 1600 px wide. Orientation is ours (from imageinfo), not Pillow's
    exif_transpose, so the planned sizes and the decoded sizes come from the same reading.
    """
    if info.format == "heif":
        import pillow_heif

        im = pillow_heif.open_heif(io.BytesIO(data), convert_hdr_to_8bit=True).to_pillow()  # upright
        if im.size != (info.width, info.height):
            detail = f"HEIF decodes to {im.size}, header says {(info.width, info.height)}"
            raise ImageRejected("photo_corrupt", detail=detail)
        return im, 1.0
    im = Image.open(io.BytesIO(data), formats=[_PIL_FORMAT[info.format]])
    if im.size != info.stored_size:
        raise ImageRejected("photo_corrupt", detail=f"decoder reads {im.size}, header says {info.stored_size}")
    scale = 1.0
    if info.format == "jpeg":
        shrink = min(min((r.box[2] - r.box[0]) / r.place[2], (r.box[3] - r.box[1]) / r.place[3]) for r in renditions)
        if shrink >= 2:
            w, h = im.size
            drafted = im.draft(None, (math.ceil(w / shrink), math.ceil(h / shrink)))
            if drafted:
                scale = w / drafted[1][2]
    im.load()
    if info.orientation in _UPRIGHT:
        im = im.transpose(_UPRIGHT[info.orientation])
    return im, scale


_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@lru_cache(maxsize=32)
def _transform_to_srgb(icc: bytes, mode: str) -> ImageCms.ImageCmsTransform:
    # Perceptual intent: gamut-maps CMYK and LUT profiles; matrix profiles such as Display P3
    # have no perceptual table, and lcms uses relative colorimetric for them.
    profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    return ImageCms.buildTransform(profile, _SRGB, mode, "RGB", ImageCms.Intent.PERCEPTUAL)


def _to_srgb(im: Image.Image) -> Image.Image:
    """8-bit sRGB RGB, transparency flattened on white, no info (so nothing leaks into saves).

    - 16-bit grey (I;16) is scaled to 8 bits: Pillow's convert("L") clips everything above 255
      to white.
    - Palette and grey+alpha images become RGBA/LA so that tRNS transparency is kept.
    - The embedded ICC profile (Display P3, Adobe RGB, a CMYK press profile, a grey gamma) is
      converted to sRGB with lcms; without one the pixels are taken as sRGB (the web's rule), and
      CMYK without one gets Pillow's plain conversion. A profile lcms cannot read (broken or
      for the wrong colour space) counts as none: one odd photo should not stop a catalogue.
    """
    icc = im.info.get("icc_profile")
    if im.mode.startswith("I;16") or im.mode == "I":
        im = im.convert("I").point(lambda v: v * (1 / 257) + 0.5).convert("L")
    elif im.mode in ("1", "F"):
        im = im.convert("L")
    elif im.mode in ("P", "PA"):
        im = im.convert("RGBA")
    elif im.mode in ("La", "RGBa"):
        im = im.convert(im.mode.upper())
    alpha = None
    if im.mode in ("LA", "RGBA"):
        alpha = im.getchannel("A")
        im = im.convert(im.mode[:-1])
        if alpha.getextrema() == (255, 255):
            alpha = None
    if im.mode not in ("L", "RGB", "CMYK"):
        im = im.convert("RGB")
    rgb = None
    if icc:
        try:
            rgb = _transform_to_srgb(icc, im.mode).apply(im)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            rgb = None
    if rgb is None:
        # An RGB photo without a profile (most phone JPEGs) is used as decoded: convert()
        # would copy 3 MP for nothing (5-10 ms a photo).
        rgb = im if im.mode == "RGB" else im.convert("RGB")
    if alpha is not None:
        rgb = Image.composite(rgb, Image.new("RGB", rgb.size, (255, 255, 255)), alpha)
    rgb.info = {}
    return rgb


def _fit(base: Image.Image, scale: float, r: Rendition) -> Image.Image:
    """The rendition's pixels: its source box resized and placed on its canvas."""
    left, top, right, bottom = (v / scale for v in r.box)
    x, y, w, h = r.place
    if (right - left, bottom - top) == (w, h):
        im = base.crop((round(left), round(top), round(right), round(bottom)))
    elif r.kind == "og":
        # Bicubic for the link preview: a third cheaper than Lanczos at this scale (1.7×, from
        # a JPEG decoded at 1/2), and 1-6 % fewer bytes at equal PSNR (docs/photos.md).
        im = base.resize((w, h), Image.Resampling.BICUBIC, box=(left, top, right, bottom))
    else:
        # Lanczos, reducing_gap=2: box-reduce by an integer factor first while Lanczos still has
        # >= 2× the output to work from. Resizing a 12 MP image to all sizes: 404 -> 246 ms CPU;
        # the result is >= 49 dB PSNR from exact Lanczos (invisible). A gap of 1, or scaling the
        # card from the 960 image, saved 3-15 ms but cost up to 14 % more bytes for the same
        # PSNR (docs/photos.md).
        im = base.resize((w, h), Image.Resampling.LANCZOS, box=(left, top, right, bottom), reducing_gap=2.0)
    if (x, y, w, h) != (0, 0, r.width, r.height):
        canvas = Image.new("RGB", (r.width, r.height), (255, 255, 255))
        canvas.paste(im, (x, y))
        im = canvas
    im.info = {}
    return im


def _encode(im: Image.Image, r: Rendition) -> bytes:
    """Encoded bytes. Only pixel data and the encoder's own headers: `im.info` is empty and no
    exif/icc_profile/xmp/comment is passed (Pillow's JPEG writer copies info["comment"])."""
    buf = io.BytesIO()
    if r.format == "webp":
        im.save(buf, "WEBP", quality=r.quality, method=WEBP_METHOD)
        return buf.getvalue()
    for quality in OG_QUALITIES if r.kind == "og" else (r.quality,):
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=quality, optimize=True, progressive=True, subsampling="4:2:0")
        if r.kind != "og" or buf.tell() < OG_MAX_BYTES:
            break
    return buf.getvalue()


def _display_path(source: Path) -> str:
    """The source relative to the working folder when inside it (as other problems show paths)."""
    try:
        return str(Path(source).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(source)


def _detail(e: Exception) -> str:
    text = str(e).strip() or type(e).__name__
    return text if len(text) <= 120 else text[:117] + "..."
