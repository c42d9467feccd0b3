"""The pages of a PDF catalogue: a `Booklet` of plain strings → PDF bytes, laid out with fpdf2.

Why fpdf2 (pure Python, on PyPI): WeasyPrint would render the existing print pages, but it
needs Debian's pango, which a fresh `pip install -e .` does not bring. fpdf2 embeds subsets of
the fonts shipped in catalogue/site/fonts (DejaVu Sans: Latin, and the Arabic script a
pesantren's name may contain), so text is selectable and searchable and no system font is
read. Arabic needs shaping (joined letter forms, right to left; uharfbuzz): it is switched on
only for strings that contain Arabic script, because shaping every string cost 26 ms and
2.5 KB per product instead of 4 ms and 0.5 KB (13 lines of text per product, measured). Text
is wrapped here and drawn with fpdf2's text(): its multi_cell took 61 ms a product.

Layout, A4 portrait: the cover (title, kabupaten/kota or category, data date, product count,
the site's address and a QR code to its page); the table of contents (two columns, each row a
link to its page, with the page number); then the products, two per page, a group (category or
kabupaten/kota, also a bookmark) starting on a new page. A product whose text does not fit
half a page takes a whole one. Each product: photo, name, pesantren, kabupaten/kota and
category, summary, price, minimum order, capacity, certifications with validity, cooperative,
contact, WhatsApp, e-mail, the page's address (a link) and a QR code to it, drawn as vectors
(one filled path of the dark modules' runs: sharp at any zoom, ~0.9 KB compressed).

Deterministic: the same booklet gives the same bytes. No clock (the creation date is the
booklet's data date), no random IDs (fpdf2's file ID is a digest of the document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from fpdf import FPDF

from catalogue.clock import WIB

FONTS = Path(__file__).with_name("fonts")
FONT = "DejaVu"
FONT_FILES = {"": FONTS / "DejaVuSans.ttf", "B": FONTS / "DejaVuSans-Bold.ttf"}

# Geometry, in millimetres.
PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 12.0
BODY_TOP, BODY_BOTTOM = 19.0, 284.0  # between the running header and the page number
SLOT_GAP = 5.0
HALF = (BODY_BOTTOM - BODY_TOP - SLOT_GAP) / 2  # 130 mm
PHOTO_W, PHOTO_H = 70.0, 52.5  # 4:3; a photo of another shape is fitted inside, centred
LABEL_W = 38.0
QR_SIZE = 30.0
TOC_LINE = 4.4
TOC_GAP = 6.0  # between the two columns

GREEN = (46, 125, 50)  # Material green 800: the site's colour, dark enough for white text
GREY = (95, 95, 95)
RULE = (200, 200, 200)

# Arabic, Syriac, Thaana, Arabic Supplement/Extended, presentation forms; Hebrew: shaped and
# laid out right to left by uharfbuzz and fpdf2's bidi. Everything else is drawn unshaped.
_NEEDS_SHAPING = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


@dataclass(frozen=True)
class Entry:
    """One product as printed, every string already in the booklet's language."""

    slug: str
    name: str
    pesantren: str
    place: str  # "Kabupaten Banjar · Minuman"
    summary: str
    rows: tuple[tuple[str, str], ...]  # (label, value); a value may hold several lines ("\n")
    url: str = ""  # the product page (absolute); "" without a site_url: no QR code, no link
    photo: str = ""  # the print photo's file name in the photo folder; "" for none


@dataclass(frozen=True)
class Group:
    title: str  # a category, or a kabupaten/kota
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Booklet:
    """Everything one PDF shows. `path` is its site-relative address (unduh/….pdf)."""

    path: str
    lang: str
    site_name: str  # "Katalog OPOP Kalsel"
    title: str  # "Katalog Produk Pesantren OPOP"
    scope: str  # "Kalimantan Selatan", "Kabupaten Banjar", "Kategori Minuman"
    as_of: str  # "Data per 3 Oktober 2024"
    count: str  # "235 produk"
    intro: str
    issued: date  # the data date: the latest `updated` of its products (the creation date)
    groups: tuple[Group, ...]
    labels: dict[str, str] = field(default_factory=dict)  # contents, scan, online
    site_url: str = ""  # the page of this scope on the site; "" without a site_url


def toc_pages(booklet: Booklet) -> int:
    """Pages of the table of contents: one row per group and per product, two columns."""
    rows = sum(1 + len(g.entries) for g in booklet.groups)
    per_page = 2 * int((BODY_BOTTOM - BODY_TOP - 12) // TOC_LINE)
    return max(1, -(-rows // per_page))


def render(booklet: Booklet, photo_dir: Path, qr=None) -> bytes:
    """The PDF. `photo_dir` holds the entries' print photos; `qr` encodes addresses
    (catalogue.site.printing.QrCodes; default: one without a disk cache)."""
    from catalogue.site.printing import QrCodes

    pdf = _Pdf(booklet, Path(photo_dir), qr or QrCodes())
    pdf.cover()
    pdf.contents()
    for group in booklet.groups:
        pdf.group(group)
    return bytes(pdf.output())


def qr_runs(encoded: str) -> tuple[int, list[tuple[int, int, int]]]:
    """(modules per side, [(x, y, length)] of every horizontal run of dark modules) from
    catalogue.site.printing's "<modules> <svg path>". segno writes the path as "M4 4.5h7" then
    "m<dx> <dy>h<n>" for every further run (moves relative to the end of the last run); split
    on those letters, it parses in 0.4 ms, a quarter of a regular expression's time."""
    size, path = encoded.split(" ", 1)
    first, *moves = path.split("m")
    start, n = first.removeprefix("M").split("h")
    x_text, y_text = start.split(" ")
    x, y, n = int(x_text), int(float(y_text)), int(n)
    runs = [(x, y, n)]
    x += n
    for move in moves:
        d, n = move.split("h")
        dx, dy = d.split(" ")
        x, y, n = x + int(dx), y + int(dy), int(n)
        runs.append((x, y, n))
        x += n
    return int(size), runs


class _Pdf(FPDF):
    def __init__(self, booklet: Booklet, photo_dir: Path, qr):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.booklet, self.photo_dir, self.qr = booklet, photo_dir, qr
        self.running = ""  # the group shown in the header
        self.last_toc_page = 1 + toc_pages(booklet)
        self.fresh = False  # the current page is empty (the first after the contents)
        self.toc: list[tuple[str, bool, int]] = []  # (name, is a group, page) of every contents row
        self._widths: dict[tuple[str, float, str], float] = {}
        for style, file in FONT_FILES.items():
            self.add_font(FONT, style, str(file))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(False)
        self.c_margin = 0
        b = booklet
        self.set_title(f"{b.title}: {b.scope}")
        self.set_subject(f"{b.as_of}. {b.count}.")
        self.set_author(b.site_name)
        self.set_creator(b.site_name)
        self.set_lang(b.lang)
        self.set_creation_date(datetime.combine(b.issued, time(0, 0), tzinfo=WIB))
        self.set_display_mode("fullwidth", "continuous")

    # --- text ---------------------------------------------------------------------------------
    # fpdf2's multi_cell re-measures a line for every character it adds (61 ms a product,
    # measured); words are measured once here, lines broken greedily, and drawn with text().
    # A string with Arabic script goes through cell() with shaping instead (rare).

    def style(self, size: float, bold: bool = False, colour=(0, 0, 0)) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.set_fill_color(*colour)  # text() then sets no colour of its own (q … rg … Q) per line

    def width(self, text: str) -> float:
        key = (self.font_style, self.font_size_pt, text)
        found = self._widths.get(key)
        if found is None:
            found = self._widths[key] = self.current_font.get_text_width(text, self.font_size_pt, None)[1] / self.k
        return found

    def wrap(self, text: str, w: float) -> list[str]:
        """`text` broken into lines no wider than `w` at spaces (a longer word, such as an
        address, at any character); "\n" starts a new line."""
        lines: list[str] = []
        space = self.width(" ")
        for paragraph in text.split("\n"):
            line, line_w = "", 0.0
            for word in filter(None, paragraph.split(" ")):  # not at no-break spaces ("IDR\u00a035,000")
                word_w = self.width(word)
                if line and line_w + space + word_w <= w:
                    line, line_w = f"{line} {word}", line_w + space + word_w
                    continue
                if line:
                    lines.append(line)
                while word_w > w:  # cut a long word where it fills the line
                    cut = max(1, self._prefix_fitting(word, w))
                    lines.append(word[:cut])
                    word = word[cut:]
                    word_w = self.width(word)
                line, line_w = word, word_w
            lines.append(line)
        return lines

    def _prefix_fitting(self, text: str, w: float, suffix: str = "") -> int:
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(text[:mid] + suffix) <= w:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def fit(self, text: str, w: float) -> str:
        """`text` cut with "…" to fit one line of width `w`."""
        if self.width(text) <= w:
            return text
        return text[:self._prefix_fitting(text, w, "…")].rstrip() + "…"

    def text_block(self, x: float, y: float, w: float, text: str, line: float, *, max_lines: int = 0,
                   link: str = "", align: str = "L", draw: bool = True) -> float:
        """Wrapped text from (x, y), at most `max_lines` lines (the last cut with "…"); its height."""
        if not text:
            return 0.0
        lines = self.wrap(text, w)
        if max_lines and len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = self.fit(lines[-1] + " …", w) if self.width(lines[-1] + " …") > w else lines[-1] + " …"
        if draw:
            shaped = bool(_NEEDS_SHAPING.search(text))
            for i, row in enumerate(lines):
                top = y + i * line
                if shaped:  # shaped and laid out by fpdf2 (uharfbuzz, bidi)
                    self.set_text_shaping(True)
                    self.set_xy(x, top)
                    self.cell(w, line, row, align=align)
                    self.set_text_shaping(False)
                    continue
                dx = {"L": 0.0, "C": (w - self.width(row)) / 2, "R": w - self.width(row)}[align]
                self.text(x + dx, top + line / 2 + 0.3 * self.font_size, row)
            if link:
                self.link(x, y, w, line * len(lines), link)
        return line * len(lines)

    # --- page furniture -----------------------------------------------------------------------

    def header(self) -> None:
        if self.page == 1:  # the cover
            return
        b = self.booklet
        running = self.booklet.labels.get("contents", "") if self.page <= self.last_toc_page else self.running
        w = PAGE_W - 2 * MARGIN
        self.style(7.5, bold=True, colour=GREY)
        right = self.width(running) + 4 if not _NEEDS_SHAPING.search(running) else w / 2
        self.text_block(PAGE_W - MARGIN - right, 9, right, running, 4, align="R")
        self.style(7.5, colour=GREY)
        self.text_block(MARGIN, 9, w - right, self.fit(f"{b.site_name} · {b.scope}", w - right), 4)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(MARGIN, 14.5, PAGE_W - MARGIN, 14.5)

    def footer(self) -> None:
        if self.page == 1:
            return
        self.style(7.5, colour=GREY)
        self.text_block(MARGIN, PAGE_H - 10, PAGE_W - 2 * MARGIN, str(self.page_no()), 4, align="C")

    def qr_code(self, url: str, x: float, y: float, size: float) -> None:
        """The QR code of `url`, `size` mm wide quiet zone included, top left at (x, y)."""
        modules, runs = qr_runs(self.qr.encoded(url))
        scale = size / modules * self.k
        path = " ".join(f"{rx} {ry} {n} 1 re" for rx, ry, n in runs)
        self._out(f"q {scale:.4f} 0 0 {-scale:.4f} {x * self.k:.2f} {(self.h - y) * self.k:.2f} cm 0 g {path} f Q")

    # --- the cover ----------------------------------------------------------------------------

    def cover(self) -> None:
        b = self.booklet
        self.add_page()
        self.set_fill_color(*GREEN)
        self.rect(0, 0, PAGE_W, 62, style="F")
        w = PAGE_W - 2 * MARGIN
        self.style(13, bold=True, colour=(255, 255, 255))
        self.text_block(MARGIN + 4, 18, w - 8, b.site_name, 6)
        self.style(26, bold=True, colour=(255, 255, 255))
        self.text_block(MARGIN + 4, 30, w - 8, b.title, 11, max_lines=2)
        y = 80.0
        self.style(22, bold=True, colour=GREEN)
        y += self.text_block(MARGIN, y, w, b.scope, 10, max_lines=2) + 8
        self.style(13)
        y += self.text_block(MARGIN, y, w, b.as_of, 7) + 1
        y += self.text_block(MARGIN, y, w, b.count, 7) + 10
        self.style(10.5, colour=GREY)
        self.text_block(MARGIN, y, w * 0.8, b.intro, 5.5)
        if b.site_url:
            size = 38.0
            top = PAGE_H - MARGIN - size
            self.qr_code(b.site_url, MARGIN - 3, top, size)
            self.style(9.5, colour=GREY)
            self.text_block(MARGIN + size + 2, top + 10, w - size - 2, b.labels.get("online", ""), 5)
            self.style(10.5, bold=True, colour=GREEN)
            self.text_block(MARGIN + size + 2, top + 16, w - size - 2, b.site_url, 5.5, link=b.site_url)

    # --- the table of contents ----------------------------------------------------------------

    def contents(self) -> None:
        self.add_page()
        # The page break(s) the placeholder makes start the first group's page.
        self.running = self.booklet.groups[0].title if self.booklet.groups else ""
        self.insert_toc_placeholder(self._render_contents, pages=toc_pages(self.booklet), reset_page_indices=False)
        self.fresh = True

    def _render_contents(self, pdf, outline) -> None:
        # Rows come from self.toc, not fpdf2's outline: bookmarks are kept to the groups (a
        # bookmark per product cost 140 bytes, 0.4 MB at 3,057 products).
        col_w = (PAGE_W - 2 * MARGIN - TOC_GAP) / 2
        top = BODY_TOP + 12
        per_col = int((BODY_BOTTOM - BODY_TOP - 12) // TOC_LINE)
        self.style(15, bold=True, colour=GREEN)
        self.text_block(MARGIN, BODY_TOP, PAGE_W - 2 * MARGIN, self.booklet.labels.get("contents", ""), 7)
        for i, (name, group, page) in enumerate(self.toc):
            page_index, row = divmod(i, 2 * per_col)
            if page_index and row == 0:
                self.add_page()  # the next page kept for the contents
            col, row = divmod(row, per_col)
            x, y = MARGIN + col * (col_w + TOC_GAP), top + row * TOC_LINE
            number = str(page)
            self.style(8, bold=group, colour=GREEN if group else (0, 0, 0))
            number_w = self.width(number) + 2
            indent = 0 if group else 3
            self.text_block(x + indent, y, col_w - indent - number_w, self.fit(name, col_w - indent - number_w),
                            TOC_LINE)
            self.text_block(x + col_w - number_w, y, number_w, number, TOC_LINE, align="R")
            self.link(x, y, col_w, TOC_LINE, self.add_link(page=page))

    # --- products -----------------------------------------------------------------------------

    def group(self, group: Group) -> None:
        self.running = group.title
        slot = 0 if self.fresh else None  # the free half of the current page: 0 top, 1 bottom, None: none
        self.fresh = False
        for i, entry in enumerate(group.entries):
            full = self.entry(entry, BODY_TOP, draw=False) > HALF
            if slot is None or (full and slot == 1):
                self.add_page()
                slot = 0
            top = BODY_TOP + slot * (HALF + SLOT_GAP)
            self.set_y(top)
            if i == 0:
                self.start_section(group.title, level=0)  # a bookmark
                self.toc.append((group.title, True, self.page))
            self.toc.append((entry.name, False, self.page))
            self.entry(entry, top)
            if full or slot == 1:
                slot = None
            else:
                self.set_draw_color(*RULE)
                self.set_line_width(0.2)
                self.line(MARGIN, top + HALF + SLOT_GAP / 2, PAGE_W - MARGIN, top + HALF + SLOT_GAP / 2)
                slot = 1

    def entry(self, e: Entry, top: float, draw: bool = True) -> float:
        """Draw one product from `top` (or, with draw=False, only measure); its height."""
        w = PAGE_W - 2 * MARGIN
        if draw and e.photo:
            self.image(self.photo_dir / e.photo, MARGIN, top, PHOTO_W, PHOTO_H, keep_aspect_ratio=True)
        x = MARGIN + PHOTO_W + 5
        tw = PAGE_W - MARGIN - x
        y = top
        self.style(13, bold=True)
        y += self.text_block(x, y, tw, e.name, 5.6, max_lines=2, draw=draw) + 1.2
        self.style(9.5)
        y += self.text_block(x, y, tw, e.pesantren, 4.4, max_lines=2, draw=draw) + 0.4
        self.style(8.5, colour=GREY)
        y += self.text_block(x, y, tw, e.place, 4, max_lines=2, draw=draw) + 2
        self.style(8.5)
        y += self.text_block(x, y, tw, e.summary, 4, max_lines=3, draw=draw)
        y = max(y, top + PHOTO_H) + 4
        value_x = MARGIN + LABEL_W
        value_w = w - LABEL_W - (QR_SIZE + 4 if e.url else 0)
        table_top = y
        for label, value in e.rows:
            self.style(8.5, colour=GREY)
            label_h = self.text_block(MARGIN, y, LABEL_W - 2, label, 4.2, draw=draw)
            self.style(8.5)
            value_h = self.text_block(value_x, y, value_w, value, 4.2, link=e.url if value == e.url else "", draw=draw)
            y += max(label_h, value_h) + 1.3
        if draw and e.url:
            qx = PAGE_W - MARGIN - QR_SIZE
            self.qr_code(e.url, qx, table_top - 2, QR_SIZE)
            self.style(6.5, colour=GREY)
            self.text_block(qx + 2, table_top - 2 + QR_SIZE, QR_SIZE - 4, self.booklet.labels.get("scan", ""), 3,
                            align="C")
        return max(y, table_top + (QR_SIZE + 8 if e.url else 0)) - top
