"""Draw the photos of the sample catalogue: `python -m catalogue.samples [--products DIR]`.

Why drawings and not photographs: the sample catalogue is public, ships with the repository
and is copied into tests, screenshots and demos. It must not carry real people's faces,
real products' labels, real certificate numbers or real places' photos, and no camera data
(EXIF, GPS). So every sample product belongs to a fictional pesantren marked "(contoh)", and
its photos are simple drawings made here: a coloured background, shapes that suggest the
product, the product name and a visible "CONTOH" (example) label.

The output is deterministic: no clock, no unseeded randomness (each photo's decoration uses a
`random.Random` seeded with its own name), and JPEGs are written without metadata, so a rerun
gives the same bytes and git sees no change.

What each photo shows is a row in the `SKETCHES` table below (slug -> file -> sketch); the
product name printed on it comes from the product's `product.yml`, and the file names must
match the `photos` that file names.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

LANDSCAPE = (2000, 1500)
PORTRAIT = (1500, 2000)
UNIT = 2  # output pixels per design unit: drawings use a 1000x750 (or 750x1000) grid
SUPERSAMPLE = 2  # drawn this much larger, then reduced, for smooth edges
JPEG_QUALITY = 80
DEFAULT_PRODUCTS = Path(__file__).resolve().parent.parent / "products"


@dataclass(frozen=True)
class Sketch:
    """How to draw one photo: a motif (a drawing function below) and its colours."""

    motif: str
    colors: tuple[str, ...]  # main, accent, light, ... (meaning depends on the motif)
    bg: tuple[str, str] = ("#fbf3e4", "#f0dcc0")  # background gradient, top to bottom
    table: str = "#c9a57a"  # the surface the product stands on
    portrait: bool = False
    opts: dict = field(default_factory=dict)


def S(motif, colors, bg=("#fbf3e4", "#f0dcc0"), table="#c9a57a", portrait=False, **opts) -> Sketch:
    return Sketch(motif, tuple(colors), bg, table, portrait, opts)


HONEY = "#d9901a"
SKETCHES: dict[str, dict[str, Sketch]] = {
    "kain-sasirangan-banjarmasin": {
        "kain.jpg": S("cloth", ["#b8322a", "#f4c430", "#6e1a14", "#2f6f8f"], ("#fdf1e2", "#f3d9b8"), "#8d6e52", pattern="zigzag"),
        "motif.jpg": S("cloth", ["#1f4e79", "#f1f1e6", "#7fb3d5", "#c0392b"], ("#eaf2f8", "#c9dceb"), "#5d6d7e", portrait=True, pattern="diamond", single=True),
    },
    "anyaman-purun-banjarbaru": {
        "tas.jpg": S("bag", ["#4f7f3a", "#e9dcb5", "#8a5a2b"], ("#f4f1e4", "#e2dcc2"), "#b99d74", portrait=True),
        "parsel.jpg": S("basket", ["#c8a464", "#a8322d", "#f3e6c4", HONEY], ("#fff5e6", "#f2dcc0"), "#9c7b58"),
        "tikar.jpg": S("mat", ["#c9a66b", "#a8322d", "#efe0bd"], ("#f6efe2", "#e8d9bf"), "#7e6a55"),
    },
    "madu-kelulut-tanah-bumbu": {
        "botol.jpg": S("bottle", [HONEY, "#5b3a1a", "#fffaf0", "#2e7d32"], ("#fff6dc", "#f3d48c"), "#a47148", portrait=True, count=1, label="MADU KELULUT", comb=True),
        "sarang.jpg": S("hive", [HONEY, "#8b5a2b", "#3e2a14"], ("#f3f7e8", "#d9e6c0"), "#6d8b4a"),
    },
    "madu-kelulut-balangan": {
        "botol.jpg": S("bottle", ["#c77d12", "#3b5e2b", "#fdf6e3", "#8b4513"], ("#fbf0d5", "#ecd29a"), "#8f6a44", count=2, label="MADU", comb=True),
    },
    "amplang-ikan-kotabaru": {
        "kemasan.jpg": S("pouch", ["#e4572e", "#ffc857", "#fff8ec", "#e8c98a"], ("#e8f4f8", "#bfe0ea"), "#3f7f95", portrait=True, label="AMPLANG", window="amplang"),
        "amplang.jpg": S("pieces", ["#e8c98a", "#c9a05a", "#ffffff"], ("#eef7fa", "#cfe6ee"), "#2f6f85", kind="amplang", surface="plate"),
    },
    "dodol-kandangan": {
        "kemasan.jpg": S("box", ["#5a2e12", "#c0392b", "#f6e8c8", "#f1d27a"], ("#fdf3e7", "#f0d8bc"), "#7a5a3c", items="wrapped", label="DODOL"),
        "dodol.jpg": S("pieces", ["#4a2410", "#7a3e1c", "#3f7d3a"], ("#f9f1e3", "#ead7b8"), "#8a6a48", kind="dodol", surface="leaf"),
    },
    "kopi-liberika-aranio": {
        "kemasan.jpg": S("pouch", ["#4b2e1e", "#d4a373", "#f5ebe0", "#3b2416"], ("#f4ede4", "#dcc8b4"), "#6b4a34", portrait=True, label="KOPI LIBERIKA", valve=True, scatter="bean"),
        "biji.jpg": S("pieces", ["#5a3620", "#3b2416", "#b08968"], ("#efe6dc", "#d6c2ad"), "#4e3629", kind="bean", surface="board"),
    },
    "gula-aren-batang-alai": {
        "gula.jpg": S("pieces", ["#7b4a1e", "#a86b32", "#d9b77e"], ("#f7f0e3", "#e6d3b3"), "#6b5a3e", kind="sugar", surface="tray"),
        "gula-semut.jpg": S("pouch", ["#c8a27a", "#7b4a1e", "#fbf5ea", "#a86b32"], ("#f7efe2", "#e3cfae"), "#7d6444", portrait=True, label="GULA SEMUT", window="granules"),
    },
    "air-minum-martapura": {
        "botol.jpg": S("bottle", ["#d6eef8", "#1565c0", "#ffffff", "#2e9e5b"], ("#e3f2fd", "#b3d4f0"), "#5b7fa3", count=3, label="AIR MINUM", water=True),
        "dus.jpg": S("cartons", ["#c9a46c", "#1565c0", "#f5e9d3", "#2e9e5b"], ("#eef5fb", "#cddff0"), "#7a8a99"),
    },
    "abon-ikan-haruan-amuntai": {
        "toples.jpg": S("jar", ["#b07a3c", "#2e7d32", "#fffaf0", "#7a4f24"], ("#fbf4e6", "#ecdcbf"), "#8c6d4f", label="ABON HARUAN"),
    },
    "beras-siam-unus-barito-kuala": {
        "karung.jpg": S("sack", ["#f4f1e8", "#2e7d32", "#c8b88a", "#f9f7f1"], ("#f1f6ea", "#d8e5c4"), "#9a8463", label="BERAS 5 kg"),
    },
    "sabun-herbal-rantau": {
        "sabun.jpg": S("pieces", ["#e9c46a", "#8ab17d", "#f3ead8", "#5c8a3a"], ("#f2f7ee", "#d7e6cc"), "#a58e6f", kind="soap", surface="board"),
        "kotak.jpg": S("box", ["#b08a5a", "#5c8a3a", "#f5ecd9", "#e9c46a"], ("#f4f7ef", "#dbe6cf"), "#8a7356", items="soap", label="SABUN HERBAL"),
    },
    "sapu-ijuk-tabalong": {
        "sapu.jpg": S("broom", ["#8b5a2b", "#1e1a17", "#d8b56a", "#b8322a"], ("#f3ede2", "#e6dccb"), "#9c8a72", portrait=True),
    },
    "ikan-asin-takisung": {
        "ikan-asin.jpg": S("fishrack", ["#b9ad96", "#8c7a5b", "#c8a96b", "#3b7fa8"], ("#d9eefa", "#a9d3ee"), "#e3cf9f"),
        "kemasan.jpg": S("pouch", ["#e8eef2", "#1f6f8b", "#ffffff", "#b9ad96"], ("#eef4f7", "#cfdde6"), "#6b8796", label="IKAN ASIN", window="fish", clear=True),
    },
}


# --- drawing helpers -------------------------------------------------------------------------

def rgb(color) -> tuple[int, int, int]:
    if isinstance(color, tuple):
        return color
    color = color.lstrip("#")
    return tuple(int(color[i : i + 2], 16) for i in (0, 2, 4))


def shade(color, factor: float) -> tuple[int, int, int]:
    """Darker below 1, lighter above 1 (mixed towards white)."""
    r, g, b = rgb(color)
    if factor <= 1:
        return (round(r * factor), round(g * factor), round(b * factor))
    t = min(factor - 1, 1)
    return (round(r + (255 - r) * t), round(g + (255 - g) * t), round(b + (255 - b) * t))


_FONTS: dict[int, ImageFont.FreeTypeFont] = {}


def font(px: int) -> ImageFont.FreeTypeFont:
    if px not in _FONTS:
        _FONTS[px] = ImageFont.load_default(size=px)
    return _FONTS[px]


class Pen:
    """ImageDraw in design units (1 unit = UNIT * SUPERSAMPLE pixels)."""

    def __init__(self, img: Image.Image):
        self.img = img
        self.k = UNIT * SUPERSAMPLE
        self.d = ImageDraw.Draw(img)

    def _xy(self, pts):
        return [(x * self.k, y * self.k) for x, y in pts]

    def _box(self, box):
        x0, y0, x1, y1 = box
        return (x0 * self.k, y0 * self.k, x1 * self.k, y1 * self.k)

    def _w(self, width):
        return max(1, round(width * self.k)) if width else 0

    def rect(self, box, fill=None, r=0, outline=None, width=0):
        if r:
            self.d.rounded_rectangle(self._box(box), radius=r * self.k, fill=fill, outline=outline, width=self._w(width))
        else:
            self.d.rectangle(self._box(box), fill=fill, outline=outline, width=self._w(width))

    def ellipse(self, box, fill=None, outline=None, width=0):
        self.d.ellipse(self._box(box), fill=fill, outline=outline, width=self._w(width))

    def circle(self, cx, cy, r, fill=None, outline=None, width=0):
        self.ellipse((cx - r, cy - r, cx + r, cy + r), fill, outline, width)

    def poly(self, pts, fill=None, outline=None, width=0):
        self.d.polygon(self._xy(pts), fill=fill, outline=outline, width=self._w(width) or 1)

    def line(self, pts, fill, width=2):
        self.d.line(self._xy(pts), fill=fill, width=self._w(width), joint="curve")

    def arc(self, box, start, end, fill, width=2):
        self.d.arc(self._box(box), start, end, fill=fill, width=self._w(width))

    def chord(self, box, start, end, fill=None, outline=None, width=0):
        self.d.chord(self._box(box), start, end, fill=fill, outline=outline, width=self._w(width))

    def text(self, xy, s, size, fill, anchor="mm", bold=False, max_width=None):
        px = round(size * self.k)
        f = font(px)
        if max_width:  # shrink to fit
            while px > 8 and f.getlength(s) > max_width * self.k:
                px = round(px * 0.92)
                f = font(px)
        self.d.text((xy[0] * self.k, xy[1] * self.k), s, font=f, fill=fill, anchor=anchor,
                    stroke_width=max(1, px // 28) if bold else 0, stroke_fill=fill)


def hexagons(pen: Pen, cx, cy, r, rows, cols, fill, edge):
    """A small honeycomb."""
    for i in range(rows):
        for j in range(cols):
            x = cx + j * r * 1.75 + (r * 0.87 if i % 2 else 0)
            y = cy + i * r * 1.5
            pts = [(x + r * math.cos(math.radians(60 * a + 30)), y + r * math.sin(math.radians(60 * a + 30))) for a in range(6)]
            pen.poly(pts, fill=fill, outline=edge, width=3)
            pen.circle(x - r * 0.3, y - r * 0.3, r * 0.15, fill=shade("#ffffff", 1.0))


def weave(pen: Pen, box, a, b, cell, band=None, band_rows=(0, 0)):
    """Checker cells with thin gaps: how purun and pandan weaving looks from afar."""
    x0, y0, x1, y1 = box
    gap = shade(a, 0.7)
    pen.rect(box, fill=gap)
    row = 0
    y = y0
    while y < y1 - 0.5:
        col = 0
        x = x0
        while x < x1 - 0.5:
            c = a if (row + col) % 2 else b
            if band and band_rows[0] <= row < band_rows[1]:
                c = band if (row + col) % 2 else b
            pen.rect((x + 1, y + 1, min(x + cell, x1) - 1, min(y + cell / 2, y1) - 1), fill=c)
            x += cell
            col += 1
        y += cell / 2
        row += 1


def bottle(pen: Pen, x, base, bw, bh, s: Sketch, label: str | None):
    liquid, cap, lab, accent = s.colors[0], s.colors[1], s.colors[2], s.colors[3]
    water = s.opts.get("water")
    glass = shade(liquid, 1.35) if water else shade(liquid, 1.15)
    top = base - bh * 0.68
    pen.rect((x - bw / 2, top, x + bw / 2, base), fill=glass, r=bw * 0.2)
    pen.rect((x - bw / 2 + 5, top + (bh * 0.12 if water else 10), x + bw / 2 - 5, base - 5), fill=liquid, r=bw * 0.16)
    pen.poly([(x - bw / 2 + bw * 0.06, top + bw * 0.08), (x - bw * 0.2, top - bh * 0.13), (x + bw * 0.2, top - bh * 0.13), (x + bw / 2 - bw * 0.06, top + bw * 0.08)], fill=glass if water else liquid)
    pen.rect((x - bw * 0.2, top - bh * 0.24, x + bw * 0.2, top - bh * 0.12), fill=glass)
    pen.rect((x - bw * 0.25, base - bh, x + bw * 0.25, top - bh * 0.22), fill=cap, r=6)
    for i in range(1, 6):
        xx = x - bw * 0.25 + i * bw * 0.5 / 6
        pen.line([(xx, base - bh + 6), (xx, top - bh * 0.22 - 6)], fill=shade(cap, 0.75), width=2)
    pen.rect((x - bw * 0.38, top + bw * 0.15, x - bw * 0.3, base - bw * 0.2), fill=shade(liquid, 1.6), r=4)
    ly0, ly1 = top + bh * 0.2, top + bh * 0.48
    pen.rect((x - bw / 2, ly0, x + bw / 2, ly1), fill=lab)
    pen.rect((x - bw / 2, ly1 - (ly1 - ly0) * 0.22, x + bw / 2, ly1), fill=accent)
    if label:
        pen.text((x, (ly0 + ly1) / 2 - (ly1 - ly0) * 0.1), label, bw * 0.16, shade(cap, 0.9), bold=True, max_width=bw * 0.86)


# --- motifs: one function per kind of product picture ----------------------------------------
# Each gets the pen, the free area `box` (x0, y0, x1, y1) whose bottom edge rests on the table,
# the sketch and a seeded random generator for decoration.

def m_bottle(pen, box, s, rng):
    x0, y0, x1, y1 = box
    n = s.opts.get("count", 1)
    w, h = x1 - x0, y1 - y0
    bw = min(w / (n * 1.45), h * 0.4)
    if s.opts.get("comb"):
        hexagons(pen, x0 + 10 if n > 1 else x0 - 20, y1 - 95, 34, 2, 3, shade(s.colors[0], 1.1), shade(s.colors[0], 0.7))
    for i in range(n):
        x = x0 + w * (i + 0.5) / n + (60 if n > 1 and s.opts.get("comb") else 0) * (i + 1) / n
        bh = h * (0.92 if n == 1 else 0.8 - 0.06 * (i % 2))
        bottle(pen, x, y1, bw, bh, s, s.opts.get("label"))


def m_hive(pen, box, s, rng):
    x0, y0, x1, y1 = box
    honey, wood, dark = s.colors[:3]
    bx0, by0, bx1 = x0 + 20, y0 + 70, x1 - 20
    pen.rect((bx0, by0, bx1, y1), fill=wood, r=10)
    for i in range(6):
        yy = by0 + 15 + i * (y1 - by0 - 30) / 6
        pen.line([(bx0 + 8, yy), (bx0 + 30, yy + 8)], fill=shade(wood, 0.8), width=3)
        pen.line([(bx1 - 30, yy), (bx1 - 8, yy + 8)], fill=shade(wood, 0.8), width=3)
    ix0, iy0, ix1, iy1 = bx0 + 40, by0 + 35, bx1 - 40, y1 - 35
    pen.rect((ix0, iy0, ix1, iy1), fill=dark, r=6)
    r = 26
    y = iy0 + r + 6
    row = 0
    while y < iy1 - r:
        x = ix0 + r + 6 + (r if row % 2 else 0)
        while x < ix1 - r:
            rr = r * rng.uniform(0.8, 1.0)
            c = honey if rng.random() > 0.2 else shade(dark, 1.3)
            pen.circle(x + rng.uniform(-4, 4), y + rng.uniform(-4, 4), rr, fill=c, outline=shade(honey, 0.6), width=2)
            if c == honey:
                pen.circle(x - rr * 0.35, y - rr * 0.35, rr * 0.22, fill=shade(honey, 1.6))
            x += r * 2.05
        y += r * 1.8
        row += 1
    for bx, by in ((x0 + 60, y0 + 20), (x1 - 120, y0 + 5), (x1 - 40, y0 + 90)):
        pen.ellipse((bx - 14, by - 26, bx + 6, by - 4), fill=(235, 245, 250))
        pen.ellipse((bx - 2, by - 28, bx + 20, by - 6), fill=(235, 245, 250))
        pen.ellipse((bx - 16, by - 8, bx + 22, by + 10), fill="#2b2118")
        pen.line([(bx - 2, by - 7), (bx - 2, by + 9)], fill=honey, width=4)
        pen.line([(bx + 8, by - 7), (bx + 8, by + 9)], fill=honey, width=4)


def m_jar(pen, box, s, rng):
    x0, y0, x1, y1 = box
    floss, lid, lab, dark = s.colors[:4]
    cx = x0 + (x1 - x0) * 0.38
    jw, jh = (x1 - x0) * 0.42, (y1 - y0) * 0.75
    top = y1 - jh
    pen.rect((cx - jw / 2, top + 40, cx + jw / 2, y1), fill=shade(floss, 1.5), r=30)
    pen.rect((cx - jw / 2 + 8, top + 60, cx + jw / 2 - 8, y1 - 8), fill=floss, r=24)
    for _ in range(260):
        x = rng.uniform(cx - jw / 2 + 20, cx + jw / 2 - 20)
        y = rng.uniform(top + 70, y1 - 20)
        pen.line([(x, y), (x + rng.uniform(-14, 14), y + rng.uniform(-6, 6))], fill=shade(floss, rng.choice((0.7, 0.82, 1.2))), width=2)
    pen.rect((cx - jw / 2 - 6, top, cx + jw / 2 + 6, top + 50), fill=lid, r=8)
    for i in range(1, 14):
        xx = cx - jw / 2 + i * jw / 14
        pen.line([(xx, top + 6), (xx, top + 44)], fill=shade(lid, 0.75), width=2)
    ly0, ly1 = top + jh * 0.38, top + jh * 0.7
    pen.rect((cx - jw / 2, ly0, cx + jw / 2, ly1), fill=lab)
    pen.rect((cx - jw / 2, ly0, cx + jw / 2, ly0 + 14), fill=lid)
    pen.text((cx, (ly0 + ly1) / 2 + 6), s.opts.get("label", ""), jw * 0.1, dark, bold=True, max_width=jw * 0.85)
    # a small plate of floss beside the jar
    px = x0 + (x1 - x0) * 0.8
    pen.ellipse((px - 120, y1 - 50, px + 120, y1 + 10), fill="#ffffff", outline=shade("#ffffff", 0.85), width=3)
    pen.chord((px - 85, y1 - 90, px + 85, y1 - 10), 180, 360, fill=floss)
    for _ in range(90):
        x = rng.uniform(px - 70, px + 70)
        y = rng.uniform(y1 - 75, y1 - 52)
        pen.line([(x, y), (x + rng.uniform(-10, 10), y + rng.uniform(-4, 4))], fill=shade(floss, rng.choice((0.7, 1.2))), width=2)


def window_items(pen, box, kind, s, rng):
    x0, y0, x1, y1 = box
    if kind == "granules":
        for _ in range(700):
            x, y = rng.uniform(x0 + 6, x1 - 6), rng.uniform(y0 + 6, y1 - 6)
            pen.circle(x, y, rng.uniform(2, 4), fill=shade(s.colors[3], rng.choice((0.75, 0.9, 1.1, 1.3))))
    elif kind == "amplang":
        for _ in range(26):
            x, y = rng.uniform(x0 + 30, x1 - 30), rng.uniform(y0 + 22, y1 - 22)
            w, h = rng.uniform(22, 34), rng.uniform(14, 22)
            pen.ellipse((x - w, y - h, x + w, y + h), fill=s.colors[3], outline=shade(s.colors[3], 0.8), width=2)
    elif kind == "fish":
        for i in range(3):
            y = y0 + (y1 - y0) * (i + 0.5) / 3
            fish(pen, (x0 + x1) / 2, y, (x1 - x0) * 0.36, s.colors[3], flip=i % 2)


def m_pouch(pen, box, s, rng):
    x0, y0, x1, y1 = box
    body, accent, lab, _ = s.colors[:4]
    cx = (x0 + x1) / 2
    pw, ph = min((x1 - x0) * 0.62, (y1 - y0) * 0.62), (y1 - y0) * 0.94
    top = y1 - ph
    if s.opts.get("clear"):
        body = "#eef3f5"
    pen.rect((cx - pw / 2, top, cx + pw / 2, y1), fill=body, r=22)
    pen.ellipse((cx - pw / 2, y1 - 40, cx + pw / 2, y1 + 6), fill=shade(body, 0.85))
    # serrated top seal and hang hole
    teeth = 18
    pts = [(cx - pw / 2, top + 40)]
    for i in range(teeth + 1):
        pts.append((cx - pw / 2 + i * pw / teeth, top + (0 if i % 2 else 10)))
    pts.append((cx + pw / 2, top + 40))
    pen.poly(pts, fill=shade(body, 0.85))
    pen.rect((cx - 34, top + 14, cx + 34, top + 30), fill=tuple(shade(s.bg[0], 1.0)), r=8)
    ly0 = top + ph * 0.16
    ly1 = ly0 + ph * 0.32
    pen.rect((cx - pw * 0.4, ly0, cx + pw * 0.4, ly1), fill=lab, r=14)
    pen.rect((cx - pw * 0.4, ly1 - 22, cx + pw * 0.4, ly1), fill=accent, r=6)
    words = s.opts.get("label", "").split(" ", 1)
    pen.text((cx, ly0 + (ly1 - ly0) * 0.33), words[0], pw * 0.11, shade(body if not s.opts.get("clear") else accent, 0.9), bold=True, max_width=pw * 0.72)
    if len(words) > 1:
        pen.text((cx, ly0 + (ly1 - ly0) * 0.62), words[1], pw * 0.075, shade(accent, 0.6), max_width=pw * 0.72)
    if s.opts.get("valve"):
        pen.circle(cx + pw * 0.3, top + ph * 0.58, 18, fill=shade(body, 0.7), outline=shade(body, 1.4), width=3)
    if s.opts.get("window"):
        wb = (cx - pw * 0.3, top + ph * 0.58, cx + pw * 0.3, top + ph * 0.88)
        pen.rect(wb, fill=shade(s.bg[0], 1.2), r=40)
        window_items(pen, wb, s.opts["window"], s, rng)
        pen.rect(wb, outline=shade(body, 0.8), r=40, width=4)
    if s.opts.get("scatter") == "bean":
        for _ in range(14):
            x = rng.choice((rng.uniform(x0 - 60, cx - pw / 2 - 30), rng.uniform(cx + pw / 2 + 30, x1 + 60)))
            bean(pen, x, rng.uniform(y1 - 70, y1 + 20), 1.2, s.colors[3] if rng.random() > 0.5 else s.colors[0])


def bean(pen, x, y, k, color):
    pen.ellipse((x - 22 * k, y - 15 * k, x + 22 * k, y + 15 * k), fill=color, outline=shade(color, 0.7), width=2)
    pen.arc((x - 18 * k, y - 30 * k, x + 18 * k, y + 4 * k), 20, 160, fill=shade(color, 0.55), width=3)


def fish(pen, x, y, length, color, flip=False):
    d = -1 if flip else 1
    h = length * 0.2
    pen.poly([(x - d * length * 0.42, y), (x - d * length * 0.62, y - h * 0.9), (x - d * length * 0.62, y + h * 0.9)], fill=shade(color, 0.85))
    pen.ellipse((x - length * 0.46, y - h, x + length * 0.46, y + h), fill=color, outline=shade(color, 0.7), width=2)
    pen.line([(x - d * length * 0.3, y), (x + d * length * 0.25, y)], fill=shade(color, 0.75), width=2)
    pen.circle(x + d * length * 0.32, y - h * 0.25, max(2, h * 0.18), fill="#222222")


def m_pieces(pen, box, s, rng):
    x0, y0, x1, y1 = box
    kind, surface = s.opts["kind"], s.opts["surface"]
    cx = (x0 + x1) / 2
    sb = (x0 - 40, y0 + 140, x1 + 40, y1 + 30)
    if surface == "plate":
        pen.ellipse(sb, fill="#ffffff", outline=shade("#ffffff", 0.85), width=4)
        pen.ellipse((sb[0] + 50, sb[1] + 35, sb[2] - 50, sb[3] - 35), outline=shade("#ffffff", 0.9), width=3)
    elif surface == "leaf":
        leaf = s.colors[2]
        pen.ellipse(sb, fill=leaf)
        pen.line([(sb[0] + 20, (sb[1] + sb[3]) / 2), (sb[2] - 20, (sb[1] + sb[3]) / 2)], fill=shade(leaf, 0.7), width=6)
        a, b = (sb[2] - sb[0]) / 2, (sb[3] - sb[1]) / 2
        ecx, ecy = sb[0] + a, sb[1] + b
        for i in range(1, 14):
            xx = sb[0] + i * (sb[2] - sb[0]) / 14
            reach = b * max(0.0, 1 - ((xx + 20 - ecx) / a) ** 2) ** 0.5 * 0.85
            pen.line([(xx, ecy), (xx + 20, ecy - reach)], fill=shade(leaf, 0.85), width=2)
            pen.line([(xx, ecy), (xx + 20, ecy + reach)], fill=shade(leaf, 0.85), width=2)
    elif surface == "board":
        wood = "#b98b5e"
        pen.rect(sb, fill=wood, r=30)
        for i in range(7):
            yy = sb[1] + 30 + i * (sb[3] - sb[1] - 60) / 6
            pen.arc((sb[0] + 40, yy - 10, sb[2] - 40, yy + 30), 190, 350, fill=shade(wood, 0.85), width=3)
    elif surface == "tray":
        straw = "#d9b77e"
        pen.ellipse(sb, fill=shade(straw, 0.8))
        for i in range(8):
            pen.ellipse((sb[0] + i * 22, sb[1] + i * 14, sb[2] - i * 22, sb[3] - i * 14), outline=shade(straw, 0.95 if i % 2 else 1.1), width=9)
    ix0, iy0, ix1, iy1 = sb[0] + 110, sb[1] + 60, sb[2] - 110, sb[3] - 70
    if kind == "soap":
        for i in range(5):  # lemongrass leaves lying on the board
            pen.line([(x0 - 30, y1 - 20 - i * 6), (x0 + 330 - i * 30, y1 - 70 - i * 22)], fill=shade(s.colors[3], 0.9 + i * 0.06), width=10)
        bars = [(cx - 230, iy1 - 110), (cx - 10, iy1 - 190), (cx + 210, iy1 - 100)]
        for i, (x, y) in enumerate(bars):
            c = s.colors[i % 3]
            pen.rect((x - 95, y - 55, x + 95, y + 55), fill=shade(c, 0.8), r=26)
            pen.rect((x - 95, y - 62, x + 95, y + 44), fill=c, r=26)
            pen.rect((x - 70, y - 42, x + 70, y + 28), outline=shade(c, 0.85), r=18, width=4)
            pen.text((x, y - 7), "HERBAL", 22, shade(c, 0.7), bold=True)
        return
    rows, cols = {"amplang": (4, 7), "dodol": (3, 4), "bean": (6, 11), "sugar": (3, 4)}[kind]
    for r in range(rows):
        for c in range(cols):
            x = ix0 + (ix1 - ix0) * (c + 0.5 + (0.25 if r % 2 else 0)) / (cols + 0.25) + rng.uniform(-10, 10)
            y = iy0 + (iy1 - iy0) * (r + 0.5) / rows + rng.uniform(-8, 8)
            if kind == "amplang":
                w, h = rng.uniform(30, 42), rng.uniform(18, 26)
                pen.ellipse((x - w, y - h, x + w, y + h), fill=s.colors[0], outline=s.colors[1], width=2)
                for _ in range(3):
                    pen.circle(x + rng.uniform(-w / 2, w / 2), y + rng.uniform(-h / 2, h / 2), 3, fill=s.colors[1])
            elif kind == "dodol":
                pen.rect((x - 42, y - 22, x + 42, y + 30), fill=shade(s.colors[0], 0.8), r=12)
                pen.rect((x - 42, y - 30, x + 42, y + 22), fill=s.colors[0], r=12)
                pen.line([(x - 26, y - 18), (x + 14, y - 18)], fill=shade(s.colors[1], 1.3), width=4)
            elif kind == "bean":
                bean(pen, x, y, rng.uniform(0.95, 1.15), s.colors[0] if (r + c) % 3 else s.colors[1])
            elif kind == "sugar":
                pen.chord((x - 75, y - 55, x + 75, y + 55), 180, 360, fill=s.colors[0])
                pen.rect((x - 75, y - 2, x + 75, y + 12), fill=shade(s.colors[0], 0.8), r=5)
                pen.arc((x - 55, y - 42, x + 35, y + 30), 200, 260, fill=s.colors[1], width=6)


def zigzag_band(pen, x0, x1, y, amp, step, color, width):
    pts = []
    x = x0
    i = 0
    while x <= x1 + 0.1:
        pts.append((x, y + (amp if i % 2 else -amp)))
        x += step
        i += 1
    pen.line(pts, fill=color, width=width)


def cloth_pattern(pen, box, s, pattern, scale=1.0):
    x0, y0, x1, y1 = box
    base, a, b, c = s.colors[:4]
    pen.rect(box, fill=base)
    if pattern == "zigzag":  # gigi haruan: rows of teeth between zigzag lines
        step = 36 * scale
        y = y0 + 34 * scale
        i = 0
        while y < y1 - 30 * scale:
            color = (a, b, c)[i % 3]
            x = x0 + 4
            while x + step <= x1 - 4 + 0.1:
                pen.poly([(x, y - 14 * scale), (x + step, y - 14 * scale), (x + step / 2, y + 14 * scale)], fill=color)
                x += step
            zigzag_band(pen, x0 + 4, x1 - 4, y + 26 * scale, 8 * scale, step / 2, shade(base, 1.35), 4 * scale)
            y += 60 * scale
            i += 1
    elif pattern == "diamond":
        p = 110 * scale
        r = 0
        y = y0 + p / 2
        while y < y1 - p / 2 + 1:
            x = x0 + p / 2 + (p / 2 if r % 2 else 0)
            while x < x1 - p / 2 + 1:
                h = p * 0.48
                pen.poly([(x, y - h), (x + h, y), (x, y + h), (x - h, y)], fill=a)
                pen.poly([(x, y - h * 0.6), (x + h * 0.6, y), (x, y + h * 0.6), (x - h * 0.6, y)], fill=base)
                pen.poly([(x, y - h * 0.25), (x + h * 0.25, y), (x, y + h * 0.25), (x - h * 0.25, y)], fill=c)
                x += p
            pen.line([(x0, y + p / 2), (x1, y + p / 2)], fill=b, width=5 * scale)
            y += p / 2
            r += 1
    elif pattern == "dots":
        p = 30 * scale
        for i, y in enumerate(range(int(y0 + p), int(y1 - p / 2), int(p))):
            for x in range(int(x0 + p + (p / 2 if i % 2 else 0)), int(x1 - p / 2), int(p)):
                pen.circle(x, y, 6 * scale, fill=a)


def m_cloth(pen, box, s, rng):
    x0, y0, x1, y1 = box
    if s.opts.get("single"):
        # a close-up: the cloth fills the area, with a soft fold
        cb = (x0 - 40, y0 - 20, x1 + 40, y1 + 40)
        cloth_pattern(pen, cb, s, s.opts["pattern"], 1.0)
        pen.rect((cb[0], cb[1], cb[2], cb[3]), outline=shade(s.colors[0], 0.7), width=6)
        return
    # a stack of folded lengths seen from the front, a patterned one on top
    layers = [("#2f6f8f", "dots", 110), ("#6e1a14", "dots", 110), (s.colors[0], s.opts["pattern"], 230)]
    bottom = y1
    for i, (col, pat, h) in enumerate(layers):
        lb = (x0 + 20 + i * 12, bottom - h, x1 - 20 - i * 12, bottom)
        bottom -= h
        own = i == len(layers) - 1
        cloth_pattern(pen, lb, s if own else Sketch(s.motif, (col, "#f4c430", "#ffffff", "#f4c430")), pat, 0.8)
        pen.rect((lb[0], lb[3] - 16, lb[2], lb[3]), fill=shade(col, 0.75))
        pen.line([(lb[0], lb[1]), (lb[2], lb[1])], fill=shade(col, 0.7), width=3)


def m_bag(pen, box, s, rng):
    x0, y0, x1, y1 = box
    main, light, dark = s.colors[:3]
    cx = (x0 + x1) / 2
    bw, bh = (x1 - x0) * 0.78, (y1 - y0) * 0.62
    top = y1 - bh
    for dx in (-18, 18):
        pen.arc((cx - bw * 0.28 + dx, top - bh * 0.55, cx + bw * 0.28 + dx, top + bh * 0.25), 180, 360, fill=shade(main, 0.75), width=18)
    weave(pen, (cx - bw / 2, top, cx + bw / 2, y1), main, light, 30, band=dark, band_rows=(12, 16))
    pen.rect((cx - bw / 2, top, cx + bw / 2, top + 26), fill=shade(main, 0.8))
    pen.rect((cx - bw / 2, top, cx + bw / 2, y1), outline=shade(main, 0.6), width=4)


def m_basket(pen, box, s, rng):
    x0, y0, x1, y1 = box
    straw, ribbon, paper, honey = s.colors[:4]
    cx = (x0 + x1) / 2
    bw, bh = (x1 - x0) * 0.9, (y1 - y0) * 0.42
    top = y1 - bh
    pen.arc((cx - bw * 0.36, y0 - 10, cx + bw * 0.36, top + bh * 0.9), 180, 360, fill=shade(straw, 0.75), width=20)
    honey_sketch = Sketch("bottle", (honey, "#5b3a1a", "#fffaf0", "#2e7d32"))
    bottle(pen, cx - bw * 0.16, top + 60, 100, 300, honey_sketch, "MADU")
    bottle(pen, cx + 0.02 * bw, top + 50, 100, 300, honey_sketch, "MADU")
    for gx, gw, gh in ((cx - bw * 0.36, 140, 120), (cx + bw * 0.26, 150, 150)):
        pen.rect((gx - gw / 2, top - gh + 50, gx + gw / 2, top + 50), fill=paper, r=10)
        pen.rect((gx - 10, top - gh + 50, gx + 10, top + 50), fill=ribbon)
        pen.ellipse((gx - 40, top - gh + 30, gx, top - gh + 60), fill=ribbon)
        pen.ellipse((gx, top - gh + 30, gx + 40, top - gh + 60), fill=ribbon)
    weave(pen, (cx - bw / 2, top, cx + bw / 2, y1), straw, shade(straw, 1.25), 34, band=ribbon, band_rows=(3, 5))
    pen.rect((cx - bw / 2 - 10, top - 12, cx + bw / 2 + 10, top + 18), fill=shade(straw, 0.8), r=10)


def m_mat(pen, box, s, rng):
    x0, y0, x1, y1 = box
    straw, red, light = s.colors[:3]
    mb = (x0 - 80, y1 - 230, x1 - 130, y1 + 40)
    weave(pen, mb, straw, light, 36, band=red, band_rows=(2, 4))
    weave(pen, (mb[0], mb[3] - 80, mb[2], mb[3]), straw, light, 36, band=red, band_rows=(0, 2))
    # the rolled end
    rx0, rx1 = mb[2] - 10, mb[2] + 150
    pen.rect((rx0, mb[1] - 40, rx1, mb[3]), fill=shade(straw, 0.9), r=70)
    for i in range(8):
        yy = mb[1] - 20 + i * (mb[3] - mb[1] + 20) / 8
        pen.line([(rx0 + 10, yy), (rx1 - 10, yy + 12)], fill=red if i % 3 == 1 else shade(straw, 0.7), width=8)
    pen.ellipse((rx0 - 10, mb[1] - 60, rx0 + 70, mb[3] + 10), fill=shade(straw, 0.8))
    for i in range(5):
        pen.ellipse((rx0 - 10 + i * 7, mb[1] - 60 + i * 24, rx0 + 70 - i * 7, mb[3] + 10 - i * 24), outline=shade(straw, 1.2 if i % 2 else 0.65), width=5)


def m_box(pen, box, s, rng):
    x0, y0, x1, y1 = box
    item, boxc, paper, accent = s.colors[:4]
    cx = (x0 + x1) / 2 - 60
    bw, bh = 460, 190
    top = y1 - bh
    # lid leaning behind, with the label
    lid = (cx - bw / 2 + 30, top - 300, cx + bw / 2 - 30, top - 40)
    pen.rect(lid, fill=shade(boxc, 1.15), r=12)
    pen.rect((lid[0] + 30, lid[1] + 40, lid[2] - 30, lid[3] - 80), fill=paper, r=10)
    pen.text(((lid[0] + lid[2]) / 2, (lid[1] + lid[3]) / 2 - 20), s.opts.get("label", ""), 44, shade(boxc, 0.7), bold=True, max_width=bw - 140)
    pen.rect((cx - bw / 2, top - 60, cx + bw / 2, top + 30), fill=shade(boxc, 0.65))
    wrapped = s.opts["items"] == "wrapped"
    for i in range(4 if wrapped else 3):
        x = cx - bw / 2 + (80 + i * (bw - 160) / 3 if wrapped else 90 + i * (bw - 180) / 2)
        if wrapped:
            pen.poly([(x - 50, top - 44), (x - 34, top - 30), (x - 50, top - 16)], fill=shade(paper, 0.92))
            pen.poly([(x + 50, top - 44), (x + 34, top - 30), (x + 50, top - 16)], fill=shade(paper, 0.92))
            pen.rect((x - 36, top - 50, x + 36, top - 10), fill=paper, r=6)
            pen.line([(x - 18, top - 30), (x + 18, top - 30)], fill=shade(item, 1.4), width=3)
        else:
            pen.rect((x - 62, top - 70, x + 62, top + 10), fill=shade(boxc, 1.3), r=10)
            pen.rect((x - 62, top - 40, x + 62, top - 20), fill=(accent, "#f3ead8", item)[i])
    pen.rect((cx - bw / 2, top, cx + bw / 2, y1), fill=boxc, r=6)
    pen.rect((cx - bw / 2, top + 60, cx + bw / 2, top + 100), fill=accent)
    # a few loose pieces on the table
    for i, (dx, dy) in enumerate(((90, -10), (215, -30), (150, -62))):
        x, y = cx + bw / 2 + dx, y1 + dy
        if wrapped:
            pen.rect((x - 55, y - 22, x + 55, y + 22), fill=paper, r=8)
            pen.poly([(x - 70, y - 16), (x - 54, y), (x - 70, y + 16)], fill=paper)
            pen.poly([(x + 70, y - 16), (x + 54, y), (x + 70, y + 16)], fill=paper)
        else:
            pen.rect((x - 60, y - 28, x + 60, y + 28), fill=(accent, "#f3ead8", item)[i], r=16)


def m_cartons(pen, box, s, rng):
    x0, y0, x1, y1 = box
    kraft, blue, light, green = s.colors[:4]
    cw, ch = 300, 200
    spots = [(x0 + 20, y1 - ch), (x0 + 20 + cw + 10, y1 - ch), (x0 + 20 + cw / 2 + 5, y1 - 2 * ch - 6)]
    for bx, by in spots:
        pen.rect((bx, by, bx + cw, by + ch), fill=kraft, outline=shade(kraft, 0.75), width=3)
        pen.rect((bx, by + 14, bx + cw, by + 34), fill=shade(kraft, 1.15))
        pen.text((bx + cw / 2, by + 80), "AIR MINUM", 30, blue, bold=True)
        for i in range(4):
            cx = bx + 60 + i * 60
            pen.poly([(cx - 20, by + 120), (cx + 20, by + 120), (cx + 14, by + 170), (cx - 14, by + 170)], fill=shade(blue, 1.5))
            pen.rect((cx - 22, by + 114, cx + 22, by + 124), fill=blue)
    for i in range(4):  # cups on the table
        cx = x1 - 150 + i * 62 - (i // 2) * 10
        base = y1 - (i % 2) * 30
        pen.poly([(cx - 30, base - 90), (cx + 30, base - 90), (cx + 22, base), (cx - 22, base)], fill=shade(blue, 1.75), outline=shade(blue, 1.2), width=2)
        pen.rect((cx - 32, base - 98, cx + 32, base - 86), fill=(blue, green)[i % 2], r=3)


def m_sack(pen, box, s, rng):
    x0, y0, x1, y1 = box
    sack, green, tie, rice = s.colors[:4]
    cx = x0 + (x1 - x0) * 0.35
    sw, sh = 360, 420
    top = y1 - sh
    pen.ellipse((cx - sw / 2 - 20, y1 - 160, cx + sw / 2 + 20, y1 + 10), fill=sack)
    pen.rect((cx - sw / 2, top + 70, cx + sw / 2, y1 - 60), fill=sack, r=40)
    pen.poly([(cx - sw / 2 + 10, top + 90), (cx - 40, top + 20), (cx + 40, top + 20), (cx + sw / 2 - 10, top + 90)], fill=shade(sack, 0.95))
    pen.poly([(cx - 45, top + 20), (cx - 70, top - 20), (cx + 70, top - 20), (cx + 45, top + 20)], fill=shade(sack, 0.9))
    pen.rect((cx - 48, top + 8, cx + 48, top + 28), fill=tie, r=6)
    for i in range(6):
        pen.line([(cx - sw / 2 + 30 + i * 55, top + 110), (cx - sw / 2 + 20 + i * 58, y1 - 40)], fill=shade(sack, 0.92), width=2)
    pen.circle(cx, top + 230, 90, fill=green)
    for dx in (-30, 0, 30):  # paddy stalks
        pen.line([(cx + dx * 0.3, top + 300), (cx + dx, top + 170)], fill="#f4d35e", width=5)
        for j in range(5):
            yy = top + 180 + j * 18
            pen.ellipse((cx + dx - 12, yy - 6, cx + dx - 1, yy + 6), fill="#f4d35e")
            pen.ellipse((cx + dx + 1, yy - 6, cx + dx + 12, yy + 6), fill="#f4d35e")
    pen.text((cx, top + 360), s.opts.get("label", ""), 40, green, bold=True)
    hx = x0 + (x1 - x0) * 0.78
    pen.chord((hx - 190, y1 - 190, hx + 190, y1 + 40), 180, 360, fill=rice)
    pen.rect((hx - 190, y1 - 80, hx + 190, y1 - 70), fill=rice)
    for _ in range(240):
        x = rng.uniform(hx - 170, hx + 170)
        limit = 1 - ((x - hx) / 190) ** 2
        y = rng.uniform(y1 - 75 - 110 * limit, y1 - 78)
        pen.ellipse((x - 6, y - 2.5, x + 6, y + 2.5), fill=shade(rice, rng.choice((0.85, 0.92))))


def m_broom(pen, box, s, rng):
    x0, y0, x1, y1 = box
    wood, black, lidi, band = s.colors[:4]
    # broom with a long handle, leaning
    hx = x0 + 220
    pen.line([(hx + 130, y0 - 40), (hx, y1 - 230)], fill=wood, width=22)
    pen.poly([(hx - 70, y1 - 250), (hx + 60, y1 - 250), (hx + 70, y1 - 200), (hx - 80, y1 - 200)], fill=shade(wood, 0.7))
    for i in range(60):
        t = i / 59
        xs = hx - 75 + t * 145
        xe = hx - 170 + t * 330 + rng.uniform(-8, 8)
        pen.line([(xs, y1 - 205), (xe, y1)], fill=shade(black, 1.0 + rng.choice((0, 0.06, 0.12))), width=4)
    # a bundle of coconut-rib sticks
    lx = x1 - 160
    tie_y = y0 + 250
    for i in range(45):
        t = i / 44
        pen.line([(lx - 18 + t * 36, y0 + 20 + rng.uniform(0, 30)), (lx - 18 + t * 36, tie_y)], fill=shade(lidi, rng.choice((0.85, 1.0, 1.1))), width=3)
        pen.line([(lx - 18 + t * 36, tie_y), (lx - 120 + t * 240 + rng.uniform(-6, 6), y1)], fill=shade(lidi, rng.choice((0.85, 1.0, 1.1))), width=3)
    pen.rect((lx - 26, tie_y - 20, lx + 26, tie_y + 20), fill=band, r=6)


def m_fishrack(pen, box, s, rng):
    x0, y0, x1, y1 = box
    fishc, bamboo, rope, sea = s.colors[:4]
    pen.rect((x0 - 300, y0 + 10, x1 + 300, y0 + 120), fill=sea)  # the sea behind
    pen.rect((x0 - 300, y0 + 100, x1 + 300, y0 + 124), fill=shade(sea, 1.3))
    rack = (x0 - 60, y0 + 160, x1 + 60, y1 - 40)
    for x in (rack[0] + 20, rack[2] - 20):
        pen.line([(x, rack[1]), (x, y1 + 20)], fill=shade(bamboo, 0.8), width=14)
    pen.rect(rack, fill=shade(rope, 1.1), outline=bamboo, width=12)
    for i in range(1, 12):
        x = rack[0] + i * (rack[2] - rack[0]) / 12
        pen.line([(x, rack[1]), (x, rack[3])], fill=shade(rope, 0.9), width=4)
    for r in range(3):
        for c in range(5):
            x = rack[0] + 100 + c * (rack[2] - rack[0] - 200) / 4 + rng.uniform(-10, 10)
            y = rack[1] + 55 + r * (rack[3] - rack[1] - 110) / 2 + rng.uniform(-6, 6)
            fish(pen, x, y, rng.uniform(120, 150), shade(fishc, rng.choice((0.9, 1.0, 1.08))), flip=(r + c) % 2)


MOTIFS = {
    "bottle": m_bottle, "hive": m_hive, "jar": m_jar, "pouch": m_pouch, "pieces": m_pieces,
    "cloth": m_cloth, "bag": m_bag, "basket": m_basket, "mat": m_mat, "box": m_box,
    "cartons": m_cartons, "sack": m_sack, "broom": m_broom, "fishrack": m_fishrack,
}


# --- the scene around the motif ---------------------------------------------------------------

def wrap(text: str, px: int, width_px: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and font(px).getlength(trial) > width_px:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + [line] if line else lines


def draw(sketch: Sketch, title: str, seed: str) -> Image.Image:
    """The whole photo: background, table, shadow, motif, name panel and CONTOH labels."""
    w_out, h_out = PORTRAIT if sketch.portrait else LANDSCAPE
    uw, uh = w_out / UNIT, h_out / UNIT  # design units
    ss = SUPERSAMPLE
    grad = Image.linear_gradient("L").resize((w_out * ss, h_out * ss))
    img = ImageOps.colorize(grad, rgb(sketch.bg[0]), rgb(sketch.bg[1]))
    pen = Pen(img)
    rng = random.Random(seed)

    table_y = uh * (0.66 if not sketch.portrait else 0.7)
    if sketch.motif == "pieces":  # seen from above: the table fills most of the picture
        table_y = uh * 0.3
    pen.rect((0, table_y, uw, uh), fill=sketch.table)
    pen.rect((0, table_y, uw, table_y + 8), fill=shade(sketch.table, 1.2))
    if sketch.portrait:
        box = (110, 150, 640, uh * 0.7 + 60)
    else:
        box = (200, 80, 800, uh * 0.66 + 60)

    # a soft shadow under the product, drawn small and blurred
    small = Image.new("L", (w_out // 8, h_out // 8), 0)
    sd = ImageDraw.Draw(small)
    f = UNIT / 8
    sd.ellipse(((box[0] - 40) * f, (box[3] - 40) * f, (box[2] + 40) * f, (box[3] + 30) * f), fill=120)
    small = small.filter(ImageFilter.GaussianBlur(6)).resize(img.size, Image.BILINEAR)
    img.paste(Image.new("RGB", img.size, shade(sketch.table, 0.55)), (0, 0), small)

    MOTIFS[sketch.motif](pen, box, sketch, rng)

    # the product name on a panel at the bottom
    k = pen.k
    size = 30
    max_w = (uw - 80) * k - 60 * k
    lines = wrap(title, round(size * k), max_w)
    while len(lines) > 2 and size > 18:
        size -= 2
        lines = wrap(title, round(size * k), max_w)
    line_h = size * 1.25
    panel_h = 40 + line_h * len(lines) + 30
    py0 = uh - 30 - panel_h
    pen.rect((40, py0, uw - 40, uh - 30), fill=(255, 253, 247), outline=shade(sketch.table, 0.7), r=18, width=3)
    for i, line in enumerate(lines):
        pen.text((70, py0 + 24 + i * line_h), line, size, (43, 43, 43), anchor="la")
    pen.text((70, py0 + 30 + len(lines) * line_h), "Gambar contoh, bukan foto produk asli / sample drawing, not a real product photo", 15, (110, 110, 110), anchor="la")

    # a large faint diagonal CONTOH across the picture
    layer = Image.new("L", img.size, 0)
    ImageDraw.Draw(layer).text((img.width / 2, img.height / 2), "CONTOH", font=font(round(170 * k)), fill=45, anchor="mm")
    layer = layer.rotate(25, resample=Image.BICUBIC)
    img.paste(Image.new("RGB", img.size, (255, 255, 255)), (0, 0), layer)

    # and the CONTOH badge, top right
    bx1 = uw - 36
    pen.rect((bx1 - 210, 30, bx1, 100), fill=(198, 40, 40), r=14)
    pen.text((bx1 - 105, 66), "CONTOH", 38, (255, 255, 255), bold=True)

    return img.resize((w_out, h_out), Image.LANCZOS)


def save_jpeg(img: Image.Image, path: Path) -> None:
    # No exif/icc/comment is passed, so the file carries only the JFIF header.
    img.convert("RGB").save(path, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=False)


def product_info(product_yml: Path) -> tuple[str, list[str]]:
    """Indonesian product name and photo file names, read as plain text."""
    data = yaml.load(product_yml.read_text(encoding="utf-8-sig"), Loader=yaml.BaseLoader) or {}
    name = data.get("name", "")
    if isinstance(name, dict):
        name = name.get("id", "")
    files = [p.get("file", "") for p in data.get("photos", []) if isinstance(p, dict)]
    return str(name), files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m catalogue.samples", description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=Path, default=DEFAULT_PRODUCTS, help="folder of product folders (default: the repository's products/)")
    args = parser.parse_args(argv)

    problems = 0
    written = total = 0
    for slug, photos in sorted(SKETCHES.items()):
        folder = args.products / slug
        yml = folder / "product.yml"
        if not yml.is_file():
            print(f"{yml}: missing, skipped", file=sys.stderr)
            continue
        title, named = product_info(yml)
        if sorted(named) != sorted(photos):
            print(f"{yml}: photos {sorted(named)} do not match the sketches {sorted(photos)}", file=sys.stderr)
            problems += 1
            continue
        for file, sketch in photos.items():
            path = folder / file
            save_jpeg(draw(sketch, title or slug, f"{slug}/{file}"), path)
            written += 1
            total += path.stat().st_size
    print(f"{written} sample photos written, {total / 1e6:.2f} MB in total")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
