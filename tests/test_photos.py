"""Photos: header inspection (catalogue.products.imageinfo) and renditions (catalogue.photos.renditions).

Every input is generated in tmp_path with Pillow / pillow-heif. The central table (`CASES`) pairs
each kind of upload with its expected outcome; accepted ones are rendered and the assertions are
on the output bytes: markers and chunks (no metadata), decoded size, pixels (orientation,
colour, transparency) and file size budgets.
"""

from __future__ import annotations

import io
import os
import re
import struct
import time
import zlib
from datetime import date
from functools import lru_cache
from pathlib import Path

import pillow_heif
import pytest
from PIL import Image, ImageChops, ImageFilter

from catalogue.photos import renditions as photos
from catalogue.products.imageinfo import ImageInfo, ImageRejected, inspect_bytes, inspect_image
from catalogue.products.model import Catalogue, Contact, Cooperative, Pesantren, Photo, Price, Product, Text

pillow_heif.register_heif_opener()  # lets the tests *write* HEIC with Image.save; the code reads with open_heif

RED, GREEN, BLUE, YELLOW, WHITE = (255, 0, 0), (0, 160, 0), (0, 0, 255), (255, 220, 0), (255, 255, 255)

# --- generated inputs -------------------------------------------------------------------------


def quadrants(size, tl=RED, tr=GREEN, bl=BLUE, br=YELLOW) -> Image.Image:
    w, h = size
    im = Image.new("RGB", size)
    for colour, box in ((tl, (0, 0, w // 2, h // 2)), (tr, (w // 2, 0, w, h // 2)),
                        (bl, (0, h // 2, w // 2, h)), (br, (w // 2, h // 2, w, h))):
        im.paste(colour, box)
    return im


# How a camera stores an upright picture (corners TL, TR, BL, BR) for each EXIF orientation,
# written from the EXIF 2.32 table ("the 0th row is the visual …, the 0th column is the visual …"),
# not from Pillow's transpose constants, so the test checks the implementation's mapping.
STORED_CORNERS = {
    1: ("TL", "TR", "BL", "BR"),  # row 0 = top, column 0 = left
    2: ("TR", "TL", "BR", "BL"),  # row 0 = top, column 0 = right
    3: ("BR", "BL", "TR", "TL"),  # row 0 = bottom, column 0 = right
    4: ("BL", "BR", "TL", "TR"),  # row 0 = bottom, column 0 = left
    5: ("TL", "BL", "TR", "BR"),  # row 0 = left, column 0 = top
    6: ("TR", "BR", "TL", "BL"),  # row 0 = right, column 0 = top
    7: ("BR", "TR", "BL", "TL"),  # row 0 = right, column 0 = bottom
    8: ("BL", "TL", "BR", "TR"),  # row 0 = left, column 0 = bottom
}
UPRIGHT = {"TL": RED, "TR": GREEN, "BL": BLUE, "BR": YELLOW}
UPRIGHT_SIZE = (1200, 900)


def stored_image(orientation: int) -> Image.Image:
    w, h = UPRIGHT_SIZE
    size = (h, w) if orientation >= 5 else (w, h)
    return quadrants(size, *(UPRIGHT[c] for c in STORED_CORNERS[orientation]))


def exif_bytes(orientation=None, gps=False) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    if orientation:
        exif[0x0112] = orientation
    if gps:
        ifd = exif.get_ifd(0x8825)
        ifd[1], ifd[2] = "S", (3.0, 26.0, 30.0)  # Banjarbaru
        ifd[3], ifd[4] = "E", (114.0, 49.0, 50.0)
    return exif.tobytes()


def photo_like(size, seed=0) -> Image.Image:
    """Smooth gradients, sharp edges and sensor grain: compresses like a phone photo."""
    w, h = size
    base = Image.linear_gradient("L").resize(size).rotate(30 + seed)
    fractal = Image.effect_mandelbrot(size, (-2.0, -1.2, 0.8, 1.2), 40)
    im = Image.merge("RGB", (base, fractal, ImageChops.invert(base)))
    grain = Image.effect_noise(size, 10).convert("RGB")
    return ImageChops.add(im.filter(ImageFilter.GaussianBlur(1)), grain, offset=-128)


def s15(x: float) -> bytes:
    return struct.pack(">i", round(x * 65536))


def display_p3_icc() -> bytes:
    """A minimal ICC v4 matrix/TRC profile for Display P3 (Pillow can only create sRGB/LAB/XYZ).

    Primaries are the Bradford-adapted (D50) Display P3 primaries, as in Apple's profile;
    the curves are the sRGB curve (parametric type 3)."""
    def xyz(x, y, z):
        return b"XYZ \0\0\0\0" + s15(x) + s15(y) + s15(z)

    curve = b"para\0\0\0\0" + struct.pack(">HH", 3, 0) + b"".join(
        s15(v) for v in (2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045))
    text = "Display P3 (test)".encode("utf-16-be")
    desc = b"mluc\0\0\0\0" + struct.pack(">II", 1, 12) + b"enUS" + struct.pack(">II", len(text), 28) + text
    tags = [(b"desc", desc), (b"cprt", desc), (b"wtpt", xyz(0.96422, 1.0, 0.82521)),
            (b"rXYZ", xyz(0.51510, 0.24118, -0.00105)), (b"gXYZ", xyz(0.29196, 0.69224, 0.04188)),
            (b"bXYZ", xyz(0.15715, 0.06658, 0.78438)), (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    table, data = b"", b""
    offset = 128 + 4 + 12 * len(tags)
    for sig, body in tags:
        body += b"\0" * (-len(body) % 4)
        table += sig + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"lcms" + struct.pack(">I", 0x04300000) + b"mntrRGB XYZ "
              + struct.pack(">6H", 2024, 1, 1, 0, 0, 0) + b"acsp" + b"APPL" + b"\0" * 20
              + struct.pack(">I", 0) + s15(0.9642) + s15(1.0) + s15(0.8249) + b"lcms" + b"\0" * 44)
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


def srgb_from_p3(rgb) -> tuple[int, ...]:
    """Expected sRGB of an in-gamut Display P3 colour: linearise, 3×3 matrix, re-encode."""
    m = ((1.2249, -0.2249, 0.0), (-0.0421, 1.0421, 0.0), (-0.0196, -0.0786, 1.0983))

    def lin(v):
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    def enc(v):
        v = min(max(v, 0.0), 1.0)
        return round(255 * (12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055))

    l = [lin(v) for v in rgb]
    return tuple(enc(sum(m[i][k] * l[k] for k in range(3))) for i in range(3))


P3_COLOUR = (200, 120, 80)


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(width=100_000, height=100_000) -> bytes:
    """A 100-byte PNG that claims 10 gigapixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
            + png_chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + png_chunk(b"IEND", b""))


def jpeg_bomb(width=65_000, height=65_000) -> bytes:
    """A real small JPEG whose frame header is rewritten to claim 65000×65000."""
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), RED).save(buf, "JPEG")
    data = bytearray(buf.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5: sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def save(im: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **kw)
    return buf.getvalue()


@lru_cache(maxsize=None)
def make_input(kind: str) -> bytes:
    """The bytes of one generated upload (made once per test run: x265 is slow on a busy machine)."""
    if kind.startswith("orientation-"):
        o = int(kind.rsplit("-", 1)[1])
        return save(stored_image(o), "JPEG", quality=92, exif=exif_bytes(orientation=o))
    if kind == "gps-jpeg":
        return save(photo_like((1600, 1200)), "JPEG", quality=90, exif=exif_bytes(gps=True),
                    comment=b"shot at the cooperative", xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>secret</x:xmpmeta>")
    if kind == "cmyk-jpeg":
        im = Image.new("CMYK", (1200, 900), (0, 0, 0, 0))
        im.paste((0, 255, 255, 0), (0, 0, 600, 900))  # left half red ink, right half paper
        return save(im, "JPEG", quality=95)
    if kind == "p3-jpeg":
        return save(Image.new("RGB", (1200, 900), P3_COLOUR), "JPEG", quality=95, icc_profile=display_p3_icc())
    if kind == "gray16-png":
        im = Image.new("I;16", (1000, 800), 128 * 257)
        return save(im, "PNG")
    if kind == "palette-png":
        im = Image.new("P", (1000, 800), 0)
        im.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
        im.paste(1, (500, 0, 1000, 800))  # right half red, left half index 0 = transparent
        return save(im, "PNG", transparency=0)
    if kind == "rgba-png":
        im = Image.new("RGBA", (1000, 800), (255, 0, 0, 128))  # half-transparent red
        im.paste((0, 0, 255, 255), (500, 0, 1000, 800))
        return save(im, "PNG")
    if kind == "heic":
        return save(quadrants((1280, 960)), "HEIF", quality=80)
    if kind == "heic-rotated":  # pillow-heif turns EXIF orientation 6 into an irot box
        return save(stored_image(6), "HEIF", quality=90, exif=exif_bytes(orientation=6))
    if kind == "webp":
        return save(quadrants(UPRIGHT_SIZE), "WEBP", quality=90)
    if kind == "webp-lossless-exif":
        return save(stored_image(8), "WEBP", lossless=True, exif=exif_bytes(orientation=8))
    if kind == "png-exif":  # eXIf chunk before IDAT
        return save(stored_image(5), "PNG", exif=exif_bytes(orientation=5))
    if kind == "xmp-then-exif":  # orientation in the second APP1 segment, after an XMP one
        data = save(stored_image(7), "JPEG", exif=exif_bytes(orientation=7))
        xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"
        return data[:2] + b"\xff\xe1" + (len(xmp) + 2).to_bytes(2, "big") + xmp + data[2:]
    if kind == "motion-photo":  # Google motion photo: an MP4 appended after the JPEG's end
        return save(quadrants(UPRIGHT_SIZE), "JPEG") + b"\0\0\0\x18ftypmp42" + bytes(5000)
    if kind == "animated-webp":
        frames = [quadrants(UPRIGHT_SIZE, tl=c) for c in (RED, GREEN, BLUE)]
        return save(frames[0], "WEBP", save_all=True, append_images=frames[1:], duration=100)
    if kind == "apng":
        frames = [quadrants(UPRIGHT_SIZE, tl=c) for c in (RED, GREEN)]
        return save(frames[0], "PNG", save_all=True, append_images=frames[1:])
    if kind == "png-bomb":
        return png_bomb()
    if kind == "jpeg-bomb":
        return jpeg_bomb()
    if kind == "truncated-jpeg":
        data = save(photo_like((1200, 900)), "JPEG", quality=90)
        return data[: len(data) // 2]
    if kind == "truncated-png":
        data = save(photo_like((1200, 900)), "PNG")
        return data[: len(data) - 5000]
    if kind == "svg":
        return b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="900" height="900"/>'
    if kind == "gif-as-jpg":
        return save(quadrants(UPRIGHT_SIZE), "GIF")
    if kind == "avif":
        return save(quadrants(UPRIGHT_SIZE), "AVIF")
    if kind == "tiff":
        return save(quadrants(UPRIGHT_SIZE), "TIFF")
    if kind == "html":
        return b"<!DOCTYPE html>\n<html><body><img src=x></body></html>"
    if kind == "bmp":
        return save(quadrants(UPRIGHT_SIZE), "BMP")
    if kind == "pdf":
        return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    if kind == "zip-polyglot":  # a JPEG that is also a ZIP archive (end-of-central-directory at the end)
        return save(quadrants(UPRIGHT_SIZE), "JPEG") + b"PK\x05\x06" + bytes(18)
    if kind == "html-polyglot":
        return save(quadrants(UPRIGHT_SIZE), "JPEG", comment=b"<script>alert(1)</script>")
    if kind == "too-small":
        return save(quadrants((1000, 700)), "JPEG")
    if kind == "too-small-rotated":  # stored 1000×700 but orientation 6: upright 700×1000
        return save(quadrants((1000, 700)), "JPEG", exif=exif_bytes(orientation=6))
    if kind == "empty":
        return b""
    raise AssertionError(kind)


# --- the table --------------------------------------------------------------------------------

OK = "ok"
# kind, file name, expected: ("ok", format, upright width, height) or (code, params subset)
CASES = [
    *[(f"orientation-{o}", f"o{o}.jpg", (OK, "jpeg", 1200, 900)) for o in range(1, 9)],
    ("gps-jpeg", "gps.jpg", (OK, "jpeg", 1600, 1200)),
    ("cmyk-jpeg", "cmyk.jpg", (OK, "jpeg", 1200, 900)),
    ("p3-jpeg", "p3.jpg", (OK, "jpeg", 1200, 900)),
    ("gray16-png", "gray16.png", (OK, "png", 1000, 800)),
    ("palette-png", "palette.png", (OK, "png", 1000, 800)),
    ("rgba-png", "rgba.png", (OK, "png", 1000, 800)),
    ("heic", "photo.heic", (OK, "heif", 1280, 960)),
    ("heic-rotated", "rotated.heic", (OK, "heif", 1200, 900)),
    ("webp", "photo.webp", (OK, "webp", 1200, 900)),
    ("webp-lossless-exif", "lossless.webp", (OK, "webp", 1200, 900)),
    ("png-exif", "rotated.png", (OK, "png", 1200, 900)),
    ("xmp-then-exif", "xmp.jpg", (OK, "jpeg", 1200, 900)),
    ("motion-photo", "motion.jpg", (OK, "jpeg", 1200, 900)),
    ("animated-webp", "anim.webp", ("photo_animated", {"frames": 3})),
    ("apng", "anim.png", ("photo_animated", {"frames": 2})),
    ("png-bomb", "bomb.png", ("photo_too_large", {"width": 100000, "height": 100000, "megapixels": 10000.0, "maximum": 60})),
    ("jpeg-bomb", "bomb.jpg", ("photo_too_large", {"width": 65000, "height": 65000, "megapixels": 4225.0, "maximum": 60})),
    ("truncated-jpeg", "cut.jpg", ("photo_corrupt", {})),
    ("truncated-png", "cut.png", ("photo_corrupt", {})),
    ("svg", "logo.jpg", ("photo_type", {"found": "SVG"})),
    ("gif-as-jpg", "anim.jpg", ("photo_type", {"found": "GIF"})),
    ("bmp", "scan.jpg", ("photo_type", {"found": "BMP"})),
    ("avif", "photo.heic", ("photo_type", {"found": "AVIF"})),
    ("tiff", "scan.jpeg", ("photo_type", {"found": "TIFF"})),
    ("html", "page.png", ("photo_type", {"found": "HTML"})),
    ("pdf", "brosur.jpg", ("photo_type", {"found": "PDF"})),
    ("zip-polyglot", "poly.jpg", ("photo_type", {"found": "JPEG/ZIP polyglot"})),
    ("html-polyglot", "poly2.jpg", ("photo_type", {"found": "JPEG/HTML polyglot"})),
    ("too-small", "small.jpg", ("photo_too_small", {"width": 1000, "height": 700, "minimum": 800})),
    ("too-small-rotated", "small6.jpg", ("photo_too_small", {"width": 700, "height": 1000, "minimum": 800})),
    ("empty", "empty.jpg", ("photo_corrupt", {"detail": "file is empty"})),
]
ACCEPTED = [c for c in CASES if c[2][0] == OK]
REJECTED = [c for c in CASES if c[2][0] != OK]


def write_input(tmp_path: Path, kind: str, name: str) -> Path:
    path = tmp_path / "products" / "contoh" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(make_input(kind))
    return path


def make_product(paths: list[Path], slug="contoh", infos=None) -> Product:
    infos = infos or [inspect_image(p) for p in paths]
    return Product(
        slug=slug, source=paths[0].parent / "product.yml", name=Text("Kopi"), summary=Text("Kopi."),
        description=Text("Kopi."), category="minuman",
        pesantren=Pesantren("Pondok Contoh", "63.03", "Jl. Contoh"), cooperative=Cooperative("Kopontren Contoh"),
        price=Price(35000, Text("bungkus")), markets=("regional",),
        photos=tuple(Photo(p.name, Text("foto"), p, i.width, i.height, i.format) for p, i in zip(paths, infos)),
        contact=Contact("Ahmad", "+6281150000001"), updated=date(2024, 10, 3),
    )


def render_product(tmp_path: Path, product: Product, **kw) -> tuple[photos.ProductImages, Path, list]:
    plan = photos.plan_product(product)
    cache = tmp_path / "cache"
    problems = photos.render(photos.all_renditions({product.slug: plan}), cache, workers=kw.pop("workers", 1),
                             progress=False, **kw)
    return plan, cache, problems


# --- reading output bytes ---------------------------------------------------------------------


NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7]")


def jpeg_markers(data: bytes) -> list[int]:
    """Every marker in a JPEG, entropy-coded data skipped."""
    assert data[:2] == b"\xff\xd8"
    markers, i = [0xD8], 2
    while i < len(data):
        assert data[i] == 0xFF, f"marker expected at {i}"
        marker = data[i + 1]
        markers.append(marker)
        if marker == 0xD9:
            assert i + 2 == len(data), "data after end of image"
            return markers
        length = int.from_bytes(data[i + 2: i + 4], "big")
        i += 2 + length
        if marker == 0xDA:  # scan: skip to the next marker that is not stuffing or a restart
            i = NEXT_MARKER.search(data, i).start()
    raise AssertionError("no end-of-image marker")


def webp_chunks(data: bytes) -> list[bytes]:
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    assert int.from_bytes(data[4:8], "little") + 8 == len(data)
    chunks, i = [], 12
    while i < len(data):
        kind, length = data[i: i + 4], int.from_bytes(data[i + 4: i + 8], "little")
        chunks.append(kind)
        i += 8 + length + (length & 1)
    return chunks


# Allowed: SOI, APP0 (JFIF), DQT, SOF0/SOF2, DHT, SOS, EOI. Not APP1 (EXIF, XMP), APP2 (ICC),
# APP13 (IPTC), COM (comments) or anything else.
ALLOWED_JPEG = {0xD8, 0xE0, 0xDB, 0xC0, 0xC2, 0xC4, 0xDA, 0xD9}


def assert_clean(r: photos.Rendition, data: bytes) -> Image.Image:
    """Output bytes carry pixels only; returns the decoded image after checking its size."""
    if r.format == "jpeg":
        assert set(jpeg_markers(data)) <= ALLOWED_JPEG, f"{r.name}: {sorted(map(hex, set(jpeg_markers(data))))}"
        app0 = data.index(b"\xff\xe0")
        assert data[app0 + 4: app0 + 9] == b"JFIF\0"
    else:
        assert webp_chunks(data) == [b"VP8 "], r.name  # lossy, no VP8X: no EXIF, XMP, ICCP, alpha
    for needle in (b"Exif", b"http://ns.adobe.com", b"ICC_PROFILE", b"PhoneMaker", b"secret", b"cooperative"):
        assert needle not in data, (r.name, needle)
    im = Image.open(io.BytesIO(data))
    assert im.format == {"jpeg": "JPEG", "webp": "WEBP"}[r.format]
    assert im.size == (r.width, r.height)
    assert im.mode == "RGB"
    assert not {"exif", "icc_profile", "xmp", "comment"} & set(im.info)
    assert not im.getexif()
    return im


def near(actual, expected, tolerance=12) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected))


def pixel(im: Image.Image, fx: float, fy: float):
    return im.convert("RGB").getpixel((int(im.width * fx), int(im.height * fy)))


# --- tests: inspection ------------------------------------------------------------------------


@pytest.mark.parametrize("kind,name,expected", ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_inspect_accepts(tmp_path, kind, name, expected):
    info = inspect_image(write_input(tmp_path, kind, name))
    assert (OK, info.format, info.width, info.height) == expected


@pytest.mark.parametrize("kind,name,expected", REJECTED, ids=[c[0] for c in REJECTED])
def test_inspect_rejects(tmp_path, kind, name, expected):
    code, params = expected
    with pytest.raises(ImageRejected) as caught:
        inspect_image(write_input(tmp_path, kind, name))
    assert caught.value.code == code
    assert params.items() <= caught.value.params.items()
    if code == "photo_corrupt":
        assert caught.value.params["detail"]


def test_inspect_orientation_and_stored_size(tmp_path):
    info = inspect_image(write_input(tmp_path, "orientation-6", "a.jpg"))
    assert info == ImageInfo("jpeg", 1200, 900, 6)
    assert info.stored_size == (900, 1200)
    assert ImageInfo("png", 1000, 800) == ImageInfo("png", 1000, 800, 1)  # the documented 3-field shape


def test_limits_are_inclusive():
    exactly_60mp = inspect_bytes(png_bomb(7500, 8000))
    assert (exactly_60mp.width, exactly_60mp.height) == (7500, 8000)
    with pytest.raises(ImageRejected) as caught:
        inspect_bytes(png_bomb(7501, 8000))
    assert caught.value.params == {"width": 7501, "height": 8000, "megapixels": 60.0, "maximum": 60}
    assert inspect_bytes(png_bomb(800, 800)).width == 800
    with pytest.raises(ImageRejected, match="photo_too_small"):
        inspect_bytes(png_bomb(799, 5000))


def test_type_comes_from_bytes_not_name(tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(make_input("webp"))
    assert inspect_image(path).format == "webp"


# --- tests: renditions of every accepted input ------------------------------------------------


@pytest.mark.parametrize("kind,name,expected", ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_render_accepted(tmp_path, kind, name, expected):
    product = make_product([write_input(tmp_path, kind, name)])
    plan, cache, problems = render_product(tmp_path, product)
    assert problems == []
    images = plan.photos[0]
    every = [*images.gallery_webp, images.card_webp, plan.og]
    decoded = {r.name: assert_clean(r, (cache / r.name).read_bytes()) for r in every}

    _, _, w, h = expected
    assert [r.format for r in every] == ["webp"] * (len(every) - 1) + ["jpeg"]  # JPEG: link preview only
    assert max(r.width for r in images.gallery_webp) <= 960
    assert all(r.width <= w and r.height <= h for r in every if r.kind != "og")
    assert (images.card_webp.width, images.card_webp.height) == (480, 360)
    assert (plan.og.width, plan.og.height) == (1200, 630)
    assert (cache / plan.og.name).stat().st_size < 300_000

    check = PIXEL_CHECKS.get(kind)
    if check:
        for r in (images.gallery_webp[0], images.gallery_webp[-1]):
            check(decoded[r.name])


def check_upright(im):
    for (fx, fy), colour in (((0.25, 0.25), RED), ((0.75, 0.25), GREEN), ((0.25, 0.75), BLUE), ((0.75, 0.75), YELLOW)):
        assert near(pixel(im, fx, fy), colour, 30), (fx, fy, pixel(im, fx, fy), colour)


def check_left_right(left, right, tolerance=12):
    def check(im):
        assert near(pixel(im, 0.25, 0.5), left, tolerance), pixel(im, 0.25, 0.5)
        assert near(pixel(im, 0.75, 0.5), right, tolerance), pixel(im, 0.75, 0.5)
    return check


def check_p3(im):
    # Display P3 (200, 120, 80) is sRGB ≈ (213, 115, 70); left untouched it would stay (200, 120, 80).
    assert near(pixel(im, 0.5, 0.5), srgb_from_p3(P3_COLOUR), 4), (pixel(im, 0.5, 0.5), srgb_from_p3(P3_COLOUR))


def check_gray16(im):
    # 16-bit grey 128×257 is 8-bit 128, not clipped to white.
    assert near(pixel(im, 0.5, 0.5), (128, 128, 128), 3), pixel(im, 0.5, 0.5)


PIXEL_CHECKS = {
    **{f"orientation-{o}": check_upright for o in range(1, 9)},
    "heic": check_upright,
    "heic-rotated": check_upright,
    "webp": check_upright,
    "webp-lossless-exif": check_upright,
    "motion-photo": check_upright,
    "png-exif": check_upright,
    "xmp-then-exif": check_upright,
    "p3-jpeg": check_p3,
    "cmyk-jpeg": check_left_right(RED, WHITE, 20),
    "gray16-png": check_gray16,
    "palette-png": check_left_right(WHITE, RED),  # transparent left half on white
    "rgba-png": check_left_right((255, 127, 127), BLUE),  # half-transparent red on white is pink
}


def test_orientation_8_in_card_and_og(tmp_path):
    product = make_product([write_input(tmp_path, "orientation-8", "o8.jpg")])
    plan, cache, _ = render_product(tmp_path, product)
    check_upright(Image.open(cache / plan.photos[0].card_webp.name))
    check_upright(Image.open(cache / plan.og.name))


@pytest.mark.parametrize("kind,name,expected", REJECTED, ids=[c[0] for c in REJECTED])
def test_render_refuses_what_inspect_refuses(tmp_path, kind, name, expected):
    """The renderer checks again before decoding: a file swapped after validation (or a plan
    made by hand) gives a Problem quickly, never a hang, a crash or a half-written file."""
    path = write_input(tmp_path, kind, name)
    product = make_product([path], infos=[ImageInfo("jpeg", 1200, 900)])
    start = time.monotonic()
    plan, cache, problems = render_product(tmp_path, product)
    assert time.monotonic() - start < 5
    assert [(p.code, p.field, p.line) for p in problems] == [(expected[0], "photos", 0)]
    assert expected[1].items() <= dict(problems[0].params).items()
    assert os.listdir(cache) == []


def test_bomb_within_limits_fails_fast(tmp_path):
    """Exactly 60 MP claimed by a 100-byte PNG: allowed by the header check, so the decoder
    runs and finds the data missing."""
    path = tmp_path / "bomb60.png"
    path.write_bytes(png_bomb(7500, 8000))
    start = time.monotonic()
    _, cache, problems = render_product(tmp_path, make_product([path]))
    assert time.monotonic() - start < 10
    assert [p.code for p in problems] == ["photo_corrupt"]
    assert os.listdir(cache) == []


def test_corrupt_data_after_valid_header(tmp_path):
    data = bytearray(save(photo_like((1200, 900)), "JPEG", quality=90))
    sos = data.index(b"\xff\xda")
    data[sos + 200: sos + 5000] = b"\xff\xd0" * 2400  # restart markers where image data should be
    path = tmp_path / "broken.jpg"
    path.write_bytes(bytes(data))
    info = inspect_image(path)  # the header is fine
    _, cache, problems = render_product(tmp_path, make_product([path], infos=[info]))
    # libjpeg may decode damaged data as grey blocks; then the output is clean and complete.
    assert [p.code for p in problems] in ([], ["photo_corrupt"])


# --- tests: geometry and names ----------------------------------------------------------------


@pytest.mark.parametrize("size,widths", [
    ((4000, 3000), [960]),
    ((700, 500), [700]),  # capped at the source width, never upscaled
    ((400, 300), [400]),
    ((1600, 1600), [960]),
    ((800, 4000), [384]),  # at most twice as tall as wide
])
def test_gallery_widths(size, widths):
    geometry = photos.gallery_geometry(*size)
    assert [w for w, _, _ in geometry] == widths
    for w, h, box in geometry:
        assert box == (0, 0, *size)
        assert abs(w / h - size[0] / size[1]) < 0.01


def test_card_and_og_geometry():
    assert photos.cover_geometry(4000, 3000, (480, 360)) == (480, 360, (0, 0, 4000, 3000))
    assert photos.cover_geometry(3000, 4000, (480, 360)) == (480, 360, (0, 875, 3000, 3125))
    # Landscape, large enough: centre crop fills the canvas.
    assert photos.og_geometry(4000, 3000) == ((0, 450, 4000, 2550), (0, 0, 1200, 630))
    # Portrait: whole photo on white, not a 1.9:1 slice of it.
    assert photos.og_geometry(3000, 4000) == ((0, 0, 3000, 4000), (364, 0, 472, 630))
    # Landscape but narrower than 1200: fitted, never upscaled.
    assert photos.og_geometry(1067, 800) == ((0, 0, 1067, 800), (180, 0, 840, 630))


def test_portrait_og_has_white_sides(tmp_path):
    path = tmp_path / "tall.jpg"
    path.write_bytes(save(Image.new("RGB", (900, 1200), BLUE), "JPEG"))
    plan, cache, _ = render_product(tmp_path, make_product([path]))
    og = Image.open(cache / plan.og.name)
    assert og.size == (1200, 630)
    assert near(og.getpixel((10, 315)), WHITE, 3) and near(og.getpixel((600, 315)), BLUE, 12)


def test_names_follow_content_not_path_or_time(tmp_path):
    a = write_input(tmp_path, "webp", "a.webp")
    b = tmp_path / "other" / "b.webp"
    b.parent.mkdir()
    b.write_bytes(a.read_bytes())
    os.utime(b, (0, 0))
    names = lambda p: [r.name for r in photos.all_renditions({"x": photos.plan_product(make_product([p]))})]
    assert names(a) == names(b)
    assert names(a) == names(a)
    b.write_bytes(a.read_bytes() + b"\0")  # one more byte: every name changes
    assert not set(names(a)) & set(names(b))
    name = names(a)[0]
    assert len(name.split("-")[0]) == 20 and name.endswith((".webp", ".jpg"))


def test_names_change_with_pillow_version(tmp_path, monkeypatch):
    import PIL

    path = write_input(tmp_path, "webp", "a.webp")
    before = photos.plan_product(make_product([path])).og.name
    monkeypatch.setattr(PIL, "__version__", "99.0.0")
    photos._versions.cache_clear()
    try:
        assert photos.plan_product(make_product([path])).og.name != before
    finally:
        monkeypatch.undo()
        photos._versions.cache_clear()


def test_only_the_first_photo_has_a_card(tmp_path):
    paths = [write_input(tmp_path, "webp", "a.webp"), write_input(tmp_path, "orientation-6", "b.jpg")]
    plan = photos.plan_product(make_product(paths))
    first, second = plan.photos
    assert (first.card_webp.kind, first.card_webp.width, first.card_webp.height) == ("card", 480, 360)
    assert second.card_webp is None and second.renditions == second.gallery_webp
    names = [r.name for r in photos.all_renditions({"x": plan})]
    assert names == sorted(set(names)) and len(names) == 4  # 960 + card, 960, link preview


def test_a_rendition_made_alone_has_the_same_bytes(tmp_path):
    """The decode scale depends on all of a source's renditions (`siblings`), never on which
    are made in one call: a share of the photos, or a damaged cache file remade alone, gives
    the bytes of a full build (tests/test_shards.py relies on it)."""
    tall = tmp_path / "tall.jpg"
    tall.write_bytes(save(photo_like((1500, 2000)), "JPEG", quality=90))
    plan = photos.plan_product(make_product([tall]))
    every = [*plan.photos[0].renditions, plan.og]
    assert plan.og.place[2:] == (472, 630)  # portrait: whole, on white
    data = tall.read_bytes()
    together = photos.make_renditions(data, every)
    assert [photos.make_renditions(data, [r], every)[0] for r in every] == together


def test_photo_base_url_changes_addresses_not_names(tmp_path):
    product = make_product([write_input(tmp_path, "webp", "a.webp")])
    local = photos.plan_product(product)
    remote = photos.plan_product(product, base_url="https://org.github.io/foto/")
    r, s = local.photos[0].gallery_webp[0], remote.photos[0].gallery_webp[0]
    assert (r.name, r.path, r.url) == (s.name, s.path, f"media/{s.name}")
    assert s.url == f"https://org.github.io/foto/media/{s.name}"
    assert remote.og.url.startswith("https://org.github.io/foto/media/")


def test_plan_catalogue_and_srcset(tmp_path):
    a = make_product([write_input(tmp_path / "a", "webp", "a.webp")], slug="kopi-a")
    b = make_product([write_input(tmp_path / "b", "heic", "b.heic"),
                      write_input(tmp_path / "b", "orientation-6", "c.jpg")], slug="kopi-b")
    plans = photos.plan_catalogue(Catalogue((a, b), date(2025, 1, 1)))
    assert set(plans) == {"kopi-a", "kopi-b"}
    assert plans["kopi-b"] == photos.plan_product(b)
    assert plans["kopi-b"].og.source == b.photos[0].source
    g = plans["kopi-a"].photos[0].gallery_webp
    assert photos.srcset(g) == ", ".join(f"media/{r.name} {r.width}w" for r in g)
    assert g[0].url == f"media/{g[0].name}"


def test_digests_are_remembered_between_builds_and_an_edit_is_seen(tmp_path, monkeypatch):
    paths = [write_input(tmp_path / "p", "webp", "a.webp"), write_input(tmp_path / "p", "orientation-1", "b.jpg")]
    catalogue = Catalogue((make_product(paths),), date(2025, 1, 1))
    memo = tmp_path / "cache" / "digests.json"
    later = time.time_ns() + 10**10  # the files are older than the 2 s "racily clean" window
    monkeypatch.setattr(photos.time, "time_ns", lambda: later)
    first = photos.plan_catalogue(catalogue, memo_file=memo)

    hashed = []
    real = photos.hashlib.file_digest
    monkeypatch.setattr(photos.hashlib, "file_digest", lambda f, algo: hashed.append(f.name) or real(f, algo))
    photos._digests.clear()  # a new build process
    assert photos.plan_catalogue(catalogue, memo_file=memo) == first
    assert hashed == []

    paths[1].write_bytes(paths[0].read_bytes())  # the secretary replaced a photo
    photos._digests.clear()
    again = photos.plan_catalogue(catalogue, memo_file=memo)
    assert hashed == [str(paths[1])]
    assert again["contoh"].photos[1].gallery_webp[0].digest == first["contoh"].photos[0].gallery_webp[0].digest

    memo.write_text('{"digests": {"x": [[1], "nonsense"]}}')  # damaged memo: everything is hashed
    photos._digests.clear()
    hashed.clear()
    assert photos.plan_catalogue(catalogue, memo_file=memo) == again
    assert sorted(hashed) == sorted(map(str, paths))


# --- tests: cache, determinism, pool, progress ------------------------------------------------


def test_cache_is_reused_and_nothing_is_rendered_twice(tmp_path, monkeypatch):
    product = make_product([write_input(tmp_path, "orientation-3", "a.jpg")])
    plan, cache, problems = render_product(tmp_path, product)
    before = {n: (cache / n).stat().st_mtime_ns for n in os.listdir(cache)}
    monkeypatch.setattr(photos, "make_renditions", lambda *a: pytest.fail("rendered again"))
    assert render_product(tmp_path, product)[2] == []
    assert {n: (cache / n).stat().st_mtime_ns for n in os.listdir(cache)} == before
    assert sorted(before) == [r.name for r in photos.all_renditions({"x": plan})]


def test_deterministic_and_pool_equals_inline(tmp_path):
    paths = [write_input(tmp_path, k, n) for k, n in (("gps-jpeg", "a.jpg"), ("rgba-png", "b.png"),
                                                    ("heic", "c.heic"), ("p3-jpeg", "d.jpg"))]
    renditions = photos.all_renditions({"x": photos.plan_product(make_product(paths))})
    outputs = []
    for workers, folder in ((1, "one"), (2, "two"), (1, "again")):
        assert photos.render(renditions, tmp_path / folder, workers=workers, progress=False) == []
        outputs.append({n: (tmp_path / folder / n).read_bytes() for n in sorted(os.listdir(tmp_path / folder))})
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(outputs[0]) == len(renditions)


def test_killed_build_leaves_no_file_under_a_final_name(tmp_path, monkeypatch):
    product = make_product([write_input(tmp_path, "webp", "a.webp")])
    renditions = photos.all_renditions({"x": photos.plan_product(product)})

    def crash(src, dst):
        raise KeyboardInterrupt  # the build is stopped between writing and renaming

    monkeypatch.setattr(photos.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        photos.render(renditions, tmp_path / "cache", workers=1, progress=False)
    assert os.listdir(tmp_path / "cache") == []


def test_file_changed_after_planning_is_not_cached_under_old_name(tmp_path):
    path = write_input(tmp_path, "webp", "a.webp")
    renditions = photos.all_renditions({"x": photos.plan_product(make_product([path]))})
    path.write_bytes(make_input("orientation-2"))
    problems = photos.render(renditions, tmp_path / "cache", workers=1, progress=False)
    assert [p.code for p in problems] == ["photo_corrupt"]
    assert os.listdir(tmp_path / "cache") == []


def test_progress_only_when_asked(tmp_path, capsys, monkeypatch):
    product = make_product([write_input(tmp_path, "webp", "a.webp")])
    renditions = photos.all_renditions({"x": photos.plan_product(product)})
    monkeypatch.setenv("CI", "true")
    photos.render(renditions, tmp_path / "quiet", workers=1)  # auto: CI set, not a terminal
    assert capsys.readouterr().err == ""
    photos.render(renditions, tmp_path / "loud", workers=1, progress=True)
    err = capsys.readouterr().err
    assert err.startswith("\rPhotos [") and err.endswith("1/1 100 %\n")


def test_default_cache_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("OPOP_PHOTO_CACHE", str(tmp_path / "c"))
    assert photos.default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("OPOP_PHOTO_CACHE")
    default = photos.default_cache_dir()
    assert default.parts[-2:] == (".cache", "photos") and "site" not in default.parts


def test_prune_cache(tmp_path):
    product = make_product([write_input(tmp_path, "webp", "a.webp")])
    renditions = photos.all_renditions({"x": photos.plan_product(product)})
    cache = tmp_path / "cache"
    photos.render(renditions, cache, workers=1, progress=False)
    (cache / "old-480.webp").write_bytes(b"x")
    assert photos.prune_cache(cache, renditions) == 1
    assert sorted(os.listdir(cache)) == [r.name for r in renditions]


def test_og_fits_budget_for_grainy_photo(tmp_path):
    """Heavy grain at preview scale: over 300 KB at the first quality, so the ladder must step down."""
    size = (1300, 975)
    noisy = ImageChops.add(photo_like(size), Image.effect_noise(size, 90).convert("RGB"), offset=-128)
    preview = noisy.crop((0, 146, 1300, 829)).resize((1200, 630), Image.Resampling.LANCZOS)
    assert len(save(preview, "JPEG", quality=photos.OG_QUALITIES[0], optimize=True, progressive=True)) > 300_000
    path = tmp_path / "grain.jpg"
    path.write_bytes(save(noisy, "JPEG", quality=95))
    plan, cache, problems = render_product(tmp_path, make_product([path]))
    assert problems == []
    og = (cache / plan.og.name).read_bytes()
    assert 200_000 < len(og) < 300_000
    assert Image.open(io.BytesIO(og)).size == (1200, 630)


def test_heif_decoder_available():
    assert pillow_heif.libheif_info()["decoders"], "pillow-heif without an HEVC decoder cannot read iPhone photos"
