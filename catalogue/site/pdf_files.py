"""The PDF catalogues the site offers (issue 16): which files, what each holds, and a cache.

Files, in Indonesian and English ("-en" before ".pdf"; Arabic pages offer the English ones):

    unduh/katalog-kalsel.pdf                            the whole province
    unduh/kabupaten/katalog-kalsel-<regency slug>.pdf  one kabupaten/kota, by category
    unduh/kategori/katalog-kalsel-<category>.pdf       one category, by kabupaten/kota

The name says what the file is wherever it is forwarded (WhatsApp shows only the name).

Photos for print: the first photo's card rendition (480 × 360 WebP, already in the photo
cache), fitted into 320 × 240 px and saved as a baseline JPEG at quality 60, or coarser and
smaller until it is ≤ 5,000 bytes: the province PDF must stay ≤ 25 MB at 3,057 products
(docs/photos.md, "PDF catalogues"). Named by the rendition's (content-addressed) name and these
settings, kept in <photo cache>/print/ like the renditions.

Cache: a PDF is a pure function of its `Booklet` (every string it prints, the print photos'
names, the page addresses its QR codes open) and of the code that lays it out (this module,
pdf.py, printing.py, the fonts, the versions of fpdf2, uharfbuzz, fontTools and segno). It is
stored in <photo cache>/pdf/<digest of both>.pdf and hard-linked into the site, so a change to
one product rebuilds only the PDFs that show it (the province's, its kabupaten/kota's and its
category's, in each language). Entries this build did not use are deleted, unless touched
within the last hour (another build sharing the cache may be about to copy them).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
import os
import time
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from catalogue.files import write_atomic
from catalogue.locales import plural, t
from catalogue.products.model import Catalogue, Product
from catalogue.products.taxonomy import CAPACITY_PERIODS, CATEGORIES, REGENCIES, REGENCY_SLUGS
from catalogue import region
from catalogue.site import buyer_view, i18n, seo, urls
from catalogue.site import formatting as fmt
from catalogue.site.pdf import Booklet, Entry, Group

LANGUAGES = ("id", "en")  # the languages PDFs are made in; the others link to FALLBACK's
FALLBACK = "en"
FOLDER = "unduh/"

PRINT_BOX = (320, 240)  # px; shown 70 × 52.5 mm: 116 dpi, sharp on a phone, fair on paper
# (scale of the box, JPEG quality), tried in order until the photo is ≤ PRINT_MAX_BYTES: with
# the ~2.4 KB of text, QR code and links a product costs besides, 3,057 products stay under
# 23 MB however detailed their photos (docs/photos.md, "PDF catalogues").
PRINT_STEPS = ((1.0, 60), (1.0, 50), (1.0, 40), (0.8, 40), (0.8, 30), (0.6, 30), (0.5, 25))
PRINT_MAX_BYTES = 5_000
PRINT_VERSION = "1"  # bump when make_print_photo makes other bytes from the same settings
GRACE_SECONDS = 3600  # a cached PDF touched this recently is kept even if this build did not use it


# --- what each PDF holds (pure) ----------------------------------------------------------------


def pdf_path(kind: str, key: str, lang: str) -> str:
    """Site-relative address: pdf_path("kabupaten", "banjar", "en") →
    "unduh/kabupaten/katalog-kalsel-banjar-en.pdf"; kind "home" is the province."""
    suffix = "" if lang == i18n.DEFAULT else f"-{lang}"
    stem = f"katalog-{region.current().slug}"  # the region file's slug: "katalog-kalsel"
    if kind == "home":
        return f"{FOLDER}{stem}{suffix}.pdf"
    return f"{FOLDER}{kind}/{stem}-{key}{suffix}.pdf"


def _sort_key(product: Product, lang: str) -> tuple[str, str]:
    return unicodedata.normalize("NFKD", product.name.get(lang)).casefold(), product.slug


def entry(product: Product, lang: str, today, site_url: str | None, photo: str = "") -> Entry:
    """One product as the PDF prints it (catalogue.site.buyer_view for every formatted value)."""
    p = product
    rows = [(t(lang, "spec.price"), f"{buyer_view.price_range(p, lang)} / {p.price.unit.get(lang)}")]
    if p.min_order:
        rows.append((t(lang, "spec.min_order"), f"{fmt.number(p.min_order.quantity, lang)} {p.min_order.unit.get(lang)}"))
    if p.capacity:
        rows.append((t(lang, "spec.capacity"), t(
            lang, "spec.capacity_value", quantity=fmt.number(p.capacity.quantity, lang),
            unit=p.capacity.unit.get(lang), per=CAPACITY_PERIODS[p.capacity.per].get(lang))))
    certs = []
    for row in buyer_view.certification_rows(p, today, lang):
        line = f"{row.label}: {row.number}"
        if not row.valid:
            line += f" — {t(lang, 'cert.status_expired')} ({row.validity})" if row.validity else \
                f" — {t(lang, 'cert.status_expired')}"
        elif row.validity:
            line += f" — {t(lang, 'cert.status_valid')} {row.validity}"
        certs.append(line)
    if certs:
        rows.append((t(lang, "section.certifications"), "\n".join(certs)))
    rows.append((t(lang, "coop.heading"), p.cooperative.name))
    rows.append((t(lang, "pdf.contact"), p.contact.name + (f" ({p.contact.role})" if p.contact.role else "")))
    rows.append((t(lang, "print.contact"), fmt.phone(p.contact.whatsapp)))
    if p.contact.email:
        rows.append((t(lang, "pdf.email"), p.contact.email))
    url = seo.absolute(site_url, i18n.localize(p.url, lang)) or ""
    if url:
        rows.append((t(lang, "pdf.page"), url))
    place = f"{REGENCIES[p.pesantren.regency].get(lang)} · {CATEGORIES[p.category].get(lang)}"
    return Entry(p.slug, p.name.get(lang), p.pesantren.name, place, p.summary.get(lang), tuple(rows), url, photo)


def plan(catalogue: Catalogue, lang: str, site_url: str | None = None,
         photos: Mapping[str, str] | None = None) -> list[tuple[str, Booklet]]:
    """(page that offers it, Booklet) for every PDF in `lang`: the province (page ""), each
    kabupaten/kota with products ("kabupaten/<slug>/") and each category ("kategori/<code>/").
    `photos`: slug → print photo file name."""
    photos = photos or {}
    entries = {p.slug: entry(p, lang, catalogue.today, site_url, photos.get(p.slug, ""))
               for p in catalogue.products}
    by_category, by_regency = catalogue.by_category(), catalogue.by_regency()

    def groups(products: Sequence[Product], by: str) -> tuple[Group, ...]:
        labels, key = (CATEGORIES, lambda p: p.category) if by == "category" else \
            (REGENCIES, lambda p: p.pesantren.regency)
        out = []
        for code, label in labels.items():
            inside = sorted((p for p in products if key(p) == code), key=lambda p: _sort_key(p, lang))
            if inside:
                out.append(Group(label.get(lang), tuple(entries[p.slug] for p in inside)))
        return tuple(out)

    def booklet(page: str, path: str, scope: str, products: Sequence[Product], by: str) -> tuple[str, Booklet]:
        issued = max(p.updated for p in products)
        return page, Booklet(
            path=path, lang=lang, site_name=t(lang, "site.name"), title=t(lang, "pdf.title"), scope=scope,
            as_of=t(lang, "pdf.as_of", date=fmt.long_date(issued, lang)),
            count=plural(lang, "count.products", len(products), n=fmt.number(len(products), lang)),
            intro=t(lang, "pdf.intro"), issued=issued, groups=groups(products, by),
            labels={"contents": t(lang, "pdf.contents"), "scan": t(lang, "pdf.scan"), "online": t(lang, "pdf.online")},
            site_url=seo.absolute(site_url, i18n.localize(page, lang)) or "")

    out = []
    if catalogue.products:
        out.append(booklet(urls.HOME, pdf_path("home", "", lang), t(lang, "pdf.province"), catalogue.products, "category"))
    for code, label in REGENCIES.items():
        if code in by_regency:
            out.append(booklet(urls.regency(code), pdf_path("kabupaten", REGENCY_SLUGS[code], lang),
                               label.get(lang), by_regency[code], "category"))
    for code, label in CATEGORIES.items():
        if code in by_category:
            out.append(booklet(urls.category(code), pdf_path("kategori", code, lang),
                               t(lang, "pdf.category", category=label.get(lang)), by_category[code], "regency"))
    return out


# --- photos for print --------------------------------------------------------------------------


def print_source(images) -> object:
    """The rendition a product's print photo is made from: its first photo's card (480 × 360,
    the 4:3 crop the listings show, which fills the PDF's 4:3 photo box), else that photo's
    smallest gallery size."""
    first = images.photos[0]
    return first.card_webp or first.gallery_webp[0]


def print_name(rendition) -> str:
    """Content-addressed: the rendition's name (itself a digest of the source and the pixel
    pipeline) and the print settings."""
    params = f"{rendition.name}|{PRINT_BOX}|{PRINT_STEPS}|{PRINT_MAX_BYTES}|jpeg baseline optimize 4:2:0|{PRINT_VERSION}"
    return hashlib.blake2b(params.encode(), digest_size=10).hexdigest() + "-print.jpg"


def make_print_photo(data: bytes) -> bytes:
    """The print JPEG from a rendition's bytes: fitted into PRINT_BOX, ≤ PRINT_MAX_BYTES if any
    step of PRINT_STEPS gets there (else the last step's). No metadata (Pillow writes none
    unless given)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        im.load()
        base = im.convert("RGB")
    base.info = {}
    out = b""
    for scale, quality in PRINT_STEPS:
        box = (round(PRINT_BOX[0] * scale), round(PRINT_BOX[1] * scale))
        small = base.copy()
        small.thumbnail(box, Image.Resampling.LANCZOS, reducing_gap=2.0)
        buf = io.BytesIO()
        small.save(buf, "JPEG", quality=quality, optimize=True, subsampling="4:2:0")
        out = buf.getvalue()
        if len(out) <= PRINT_MAX_BYTES:
            break
    return out


def prepare_print_photos(images: Mapping[str, object], cache_dir: Path) -> dict[str, str]:
    """slug → print photo file name in cache_dir/print/, making the missing ones (on every
    core, catalogue.parallel) from the renditions in cache_dir."""
    from catalogue.parallel import chunks, run_all

    folder = Path(cache_dir) / "print"
    folder.mkdir(parents=True, exist_ok=True)
    sources = {slug: print_source(plan) for slug, plan in images.items()}
    names = {slug: print_name(r) for slug, r in sources.items()}
    have = set(os.listdir(folder))
    todo = sorted({(names[s], str(Path(cache_dir) / r.name)) for s, r in sources.items() if names[s] not in have})

    def make(batch) -> int:
        for name, source in batch:
            write_atomic(folder / name, make_print_photo(Path(source).read_bytes()))
        return len(batch)

    if todo:
        workers = 1 if len(todo) < 50 else (os.cpu_count() or 1)
        run_all([lambda batch=batch: make(batch) for batch in chunks(todo, workers)])
    return names


# --- the cache ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def code_version() -> str:
    """Digest of everything besides the Booklet that decides a PDF's bytes."""
    from importlib import metadata

    here = Path(__file__).parent
    h = hashlib.sha256()
    for path in (here / "pdf.py", here / "pdf_files.py", here / "printing.py", *sorted((here / "fonts").iterdir())):
        h.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    for name in ("fpdf2", "uharfbuzz", "fonttools", "segno"):
        h.update(f"{name}={metadata.version(name)};".encode())
    return h.hexdigest()


def booklet_key(booklet: Booklet) -> str:
    text = json.dumps([code_version(), dataclasses.asdict(booklet)], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class PdfCache:
    """<folder>/<key>.pdf. A file is never changed in place (so it can be hard-linked into
    the site); one that does not end like a PDF (cut short) is a miss."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.hits = self.misses = 0

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.pdf"

    def has(self, key: str) -> bool:
        path = self.path(key)
        try:
            with open(path, "rb") as f:
                f.seek(-16, os.SEEK_END)
                whole = b"%%EOF" in f.read()
        except OSError:
            whole = False
        if whole:
            self.hits += 1
            with contextlib.suppress(OSError):  # in use: see GRACE_SECONDS
                os.utime(path)
        else:
            self.misses += 1
        return whole

    def put(self, key: str, data: bytes) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path(key), data)
        return self.path(key)

    def keep_only(self, keys: set[str]) -> int:
        """Delete entries (and stray temporary files) not in `keys` and untouched for an hour."""
        removed, now = 0, time.time()
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return 0
        for e in entries:
            if e.name.removesuffix(".pdf") in keys:
                continue
            try:
                if now - e.stat().st_mtime > GRACE_SECONDS:
                    os.unlink(e.path)
                    removed += 1
            except OSError:
                pass
        return removed


# --- the build ---------------------------------------------------------------------------------


@dataclass
class BuiltPdfs:
    files: list[tuple[str, Path]]  # (site-relative path, file in the cache), to link into the site
    links: dict[str, dict[str, tuple[str, int]]]  # lang → page URL (unprefixed) → (PDF URL, bytes)
    made: int  # PDFs rendered by this build
    reused: int  # PDFs taken from the cache


def build_pdfs(catalogue: Catalogue, images: Mapping[str, object], cache_dir: Path, *,
               site_url: str | None = None, qr=None) -> BuiltPdfs:
    """Every PDF of the site: missing ones rendered (on every core), the rest from the cache.
    `images` is the photo plan (its renditions already rendered into cache_dir); `qr` a
    catalogue.site.printing.QrCodes (made here when there is a site_url and none is given)."""
    from catalogue.parallel import run_all
    from catalogue.site.pdf import render

    cache_dir = Path(cache_dir)
    if qr is None and site_url:
        from catalogue.site.printing import QrCodes

        qr = QrCodes(cache_dir / "qr")
    photos = prepare_print_photos(images, cache_dir)
    planned = [(lang, page, b) for lang in LANGUAGES for page, b in plan(catalogue, lang, site_url, photos)]
    cache = PdfCache(cache_dir / "pdf")
    keys = {b.path: booklet_key(b) for _, _, b in planned}
    missing = [b for _, _, b in planned if not cache.has(keys[b.path])]
    if qr is not None and missing:  # encoded once, before the workers fork (they share the memo)
        qr.prepare({e.url for b in missing for g in b.groups for e in g.entries if e.url}
                   | {b.site_url for b in missing if b.site_url})
    # Balanced by products per worker: the province's two PDFs are half the work.
    workers = min(os.cpu_count() or 1, len(missing)) or 1
    loads: list[list[Booklet]] = [[] for _ in range(workers)]
    for b in sorted(missing, key=lambda b: (-sum(len(g.entries) for g in b.groups), b.path)):
        min(loads, key=lambda batch: sum(sum(len(g.entries) for g in x.groups) for x in batch)).append(b)

    def make(batch: list[Booklet]) -> int:
        for b in batch:
            cache.put(keys[b.path], render(b, cache_dir / "print", qr))
        return len(batch)

    if missing:
        run_all([lambda batch=batch: make(batch) for batch in loads if batch])
    cache.keep_only(set(keys.values()))
    files = [(b.path, cache.path(keys[b.path])) for _, _, b in planned]
    links: dict[str, dict[str, tuple[str, int]]] = {lang: {} for lang in i18n.LANGUAGES}
    for lang, page, b in planned:
        links[lang][page] = (b.path, cache.path(keys[b.path]).stat().st_size)
    for lang in i18n.LANGUAGES:
        if lang not in LANGUAGES:
            links[lang] = dict(links[FALLBACK])
    return BuiltPdfs(files, links, made=len(missing), reused=len(planned) - len(missing))


def download_link(links: Mapping[str, tuple[str, int]], page: str, lang: str) -> tuple[str, str] | None:
    """For templates: (PDF URL, link text) offered on the page at unprefixed address `page`
    ("", "kabupaten/banjar/", "kategori/minuman/") from BuiltPdfs.links[lang], e.g.
    ("unduh/katalog-kalsel.pdf", "Unduh katalog PDF (2,4 MB)"); None if it has no PDF. The URL
    is site-relative and never language-prefixed (i18n.is_page is False for it)."""
    found = links.get(page)
    if found is None:
        return None
    url, size = found
    return url, t(lang, "pdf.download", size=human_size(size, lang))


def human_size(size: int, lang: str) -> str:
    """"2,4 MB" (id), "2.4 MB" (en), "850 KB": for the download links."""
    from babel.numbers import format_decimal

    if size < 1_000_000:
        return f"{fmt.number(max(1, round(size / 1000)), lang)} KB"
    return f"{format_decimal(size / 1_000_000, format='#,##0.0', locale=lang if lang in ('id', 'en', 'ar') else 'id', numbering_system='latn')} MB"
