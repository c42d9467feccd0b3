"""How big the built site is, what it is made of, and whether it fits its budget.

GitHub Pages refuses a site larger than 1 GB, counted as the sum of its files' sizes (the
Pages artifact is a tar that dereferences hard links, so a photo linked from the cache counts
in full). Every build measures the site in its temporary folder, before it replaces site/:
from 80 % of the budget it warns, over the budget the build fails and names the biggest parts
and what to do. The budget is `size_budget` under the opop plugin in mkdocs.yml ("1 GB" by
default; GB here is 10^9 bytes, the stricter reading of GitHub's limit).

When photos are published from a second site (`photo_base_url`), that site is measured too,
against the same budget.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

DEFAULT_BUDGET = "1 GB"
WARN_AT = 0.8

# Parts of a site by where a file lives; the first match wins.
PARTS = ("photos", "html", "search", "downloads", "data", "assets", "other")
LABELS = {
    "id": {"photos": "foto (media/)", "html": "halaman HTML", "search": "indeks pencarian (pagefind/)",
           "downloads": "unduhan PDF (unduh/)",
           "data": "data terbuka (data/)", "assets": "tema (assets/)", "other": "lainnya (sitemap, robots, kata)"},
    "en": {"photos": "photos (media/)", "html": "HTML pages", "search": "search index (pagefind/)",
           "downloads": "PDF downloads (unduh/)",
           "data": "open data (data/)", "assets": "theme (assets/)", "other": "other (sitemap, robots, words)"},
}

_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30}
_SIZE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-z]*)\s*$", re.I)


def parse_size(value: int | str) -> int:
    """Bytes from 1000000000, "1 GB", "800 MB", "0.9 GiB". Raises ValueError naming the form."""
    if isinstance(value, bool):
        raise ValueError(f"expected a size such as 1 GB or 800 MB, found {value!r}")
    if isinstance(value, int):
        if value <= 0:
            raise ValueError(f"expected a positive size, found {value}")
        return value
    match = _SIZE.match(str(value))
    unit = match.group(2).lower() if match else ""
    if not match or unit not in _UNITS:
        raise ValueError(f"expected a size such as 1 GB, 800 MB or 1000000000, found {value!r}")
    size = round(float(match.group(1).replace(",", ".")) * _UNITS[unit])
    if size <= 0:
        raise ValueError(f"expected a positive size, found {value!r}")
    return size


def part_of(rel: str) -> str:
    """The part a site-relative file path belongs to."""
    head = rel.split("/", 1)[0]
    if head == "media":
        return "photos"
    if head == "pagefind":
        return "search"
    if head == "unduh":
        return "downloads"
    if head == "data":
        return "data"
    if head == "assets":
        return "assets"
    if rel.endswith(".html"):
        return "html"
    return "other"


@dataclass(frozen=True)
class Part:
    key: str
    bytes: int
    files: int


@dataclass(frozen=True)
class SiteSize:
    parts: tuple[Part, ...]  # every part in PARTS order, empty ones included

    @property
    def bytes(self) -> int:
        return sum(p.bytes for p in self.parts)

    @property
    def files(self) -> int:
        return sum(p.files for p in self.parts)

    def part(self, key: str) -> Part:
        return next(p for p in self.parts if p.key == key)

    def biggest(self, n: int = 3) -> list[Part]:
        return sorted((p for p in self.parts if p.bytes), key=lambda p: (-p.bytes, p.key))[:n]


def measure(root: Path) -> SiteSize:
    """Bytes and files of every regular file under `root`, by part (symbolic links are not
    followed; a hard-linked file counts in full, as in the Pages artifact)."""
    return measure_files(_walk(Path(root)))


def measure_files(files: Iterable[tuple[str, int]]) -> SiteSize:
    """A SiteSize from (site-relative path, bytes) pairs."""
    totals = {key: [0, 0] for key in PARTS}
    for rel, size in files:
        entry = totals[part_of(rel)]
        entry[0] += size
        entry[1] += 1
    return SiteSize(tuple(Part(key, *totals[key]) for key in PARTS))


def _walk(root: Path):
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((Path(entry.path), prefix + entry.name + "/"))
                elif entry.is_file(follow_symlinks=False):
                    yield prefix + entry.name, entry.stat(follow_symlinks=False).st_size


@dataclass(frozen=True)
class SizeReport:
    site: SiteSize
    budget: int
    photo_site: SiteSize | None = None  # the second site holding media/, when photo_base_url is set

    def level(self, size: SiteSize) -> str:
        """"ok", "warn" (from 80 % of the budget) or "over" (more than the budget)."""
        if size.bytes > self.budget:
            return "over"
        return "warn" if size.bytes >= WARN_AT * self.budget else "ok"

    @property
    def over(self) -> bool:
        return any(self.level(s) == "over" for s in self.sites())

    def sites(self) -> list[SiteSize]:
        return [self.site] + ([self.photo_site] if self.photo_site is not None else [])

    # --- words ------------------------------------------------------------------------------

    def lines(self, lang: str = "id") -> list[str]:
        """The summary every build prints: the total against the budget, one line per part,
        then a warning line from 80 %."""
        w, labels = WORDS[lang], LABELS[lang]
        out = []
        for size, name in self._named(lang):
            share = size.bytes / self.budget
            out.append(w["total"].format(site=name, size=human(size.bytes, lang), percent=percent(share, lang),
                                         budget=human(self.budget, lang), files=number(size.files, lang)))
            shown = [p for p in size.parts if p.files]
            width = max((len(labels[p.key]) for p in shown), default=0)
            for p in shown:
                out.append(f"  {labels[p.key]:<{width}}  {human(p.bytes, lang):>9}  "
                           f"{percent(p.bytes / self.budget, lang):>5}  {w['files'].format(n=number(p.files, lang))}")
            if self.level(size) == "warn":
                out.append(w["warn"].format(site=name, percent=percent(share, lang), budget=human(self.budget, lang),
                                            remedies=self._remedies(size, lang, short=True)))
        return out

    def error(self, lang: str = "id") -> str:
        """The message of a build that fails on its size: what is too big, its biggest parts,
        and the remedies."""
        w, labels = WORDS[lang], LABELS[lang]
        out = []
        for size, name in self._named(lang):
            if self.level(size) != "over":
                continue
            parts = ", ".join(f"{labels[p.key]} {human(p.bytes, lang)} ({percent(p.bytes / size.bytes, lang)})"
                              for p in size.biggest())
            out += [w["over"].format(site=name, size=human(size.bytes, lang), budget=human(self.budget, lang)),
                    w["biggest"].format(parts=parts), w["remedies"], *(f"  - {r}" for r in self._remedies(size, lang))]
        return "\n".join(out)

    def markdown(self, lang: str = "id") -> str:
        """A table for the GitHub Actions job summary."""
        w, labels = WORDS[lang], LABELS[lang]
        rows = [f"### {w['heading']}", ""]
        for size, name in self._named(lang):
            mark = {"ok": "", "warn": " ⚠️", "over": " ❌"}[self.level(size)]
            rows += [f"**{name}**: {human(size.bytes, lang)}, {percent(size.bytes / self.budget, lang)} "
                     f"{w['of_budget']} {human(self.budget, lang)}{mark}", "",
                     f"| {w['col_part']} | {w['col_size']} | {w['col_budget']} | {w['col_files']} |", "|---|---:|---:|---:|"]
            rows += [f"| {labels[p.key]} | {human(p.bytes, lang)} | {percent(p.bytes / self.budget, lang)} | {number(p.files, lang)} |"
                     for p in size.parts if p.files]
            rows += [f"| **{w['col_total']}** | **{human(size.bytes, lang)}** | **{percent(size.bytes / self.budget, lang)}** "
                     f"| **{number(size.files, lang)}** |", ""]
        return "\n".join(rows) + "\n"

    def _named(self, lang: str):
        w = WORDS[lang]
        yield self.site, w["site"]
        if self.photo_site is not None:
            yield self.photo_site, w["photo_site"]

    def _remedies(self, size: SiteSize, lang: str, short: bool = False):
        w = WORDS[lang]
        photos = size.part("photos").bytes
        order = []
        if photos and self.photo_site is None:  # photos still in the main site
            order += ["photo_site", "fewer_photos"]
        elif photos:  # this is the photo site itself
            order += ["fewer_photos", "second_photo_site"]
        if size.part("html").bytes:
            order.append("html")
        order.append("budget")
        if short:
            return "; ".join(w["short_" + key] for key in order[:2])
        return [w["do_" + key] for key in order]


WORDS = {
    "id": {
        "site": "Situs", "photo_site": "Situs foto",
        "total": "{site}: {size}, {percent} dari anggaran {budget} ({files} berkas)",
        "files": "{n} berkas",
        "warn": "peringatan: {site} sudah {percent} dari anggaran {budget} (size_budget di mkdocs.yml; "
                "GitHub Pages menolak situs di atas 1 GB). Sebelum penuh: {remedies}.",
        "over": "galat: {site} {size} melebihi anggaran {budget} (size_budget di mkdocs.yml); GitHub Pages "
                "tidak menerbitkan situs di atas 1 GB. Tidak ada yang diterbitkan dan folder situs tidak diubah.",
        "biggest": "Bagian terbesar: {parts}.",
        "remedies": "Cara mengatasi:",
        "short_photo_site": "terbitkan foto dari situs foto kedua (photo_base_url)",
        "short_fewer_photos": "kurangi foto per produk",
        "short_second_photo_site": "bagi foto ke situs foto lain",
        "short_html": "kecilkan halaman",
        "short_budget": "periksa size_budget",
        "do_photo_site": "terbitkan foto dari situs foto kedua: isi photo_base_url di bawah opop di mkdocs.yml "
                         "(atau variabel repositori OPOP_PHOTO_BASE_URL), lihat .github/MAINTAINERS.md, "
                         "\"Site size, the photo site, and sharded photo rendering\"",
        "do_fewer_photos": "kurangi foto per produk (setiap foto ±20 KB; 8 foto untuk 3.057 produk ±0,5 GB)",
        "do_second_photo_site": "situs foto pun penuh: bagi foto ke situs foto lain per kategori, atau ke penyimpanan lain",
        "do_html": "kecilkan halaman HTML (teks per produk dalam tiga bahasa; lihat docs/benchmarks.md)",
        "do_budget": "naikkan size_budget hanya bila tempat terbit menerima situs yang lebih besar (GitHub Pages: 1 GB)",
        "heading": "Ukuran situs", "of_budget": "dari anggaran", "col_part": "bagian", "col_size": "ukuran",
        "col_budget": "dari anggaran", "col_files": "berkas", "col_total": "jumlah",
    },
    "en": {
        "site": "Site", "photo_site": "Photo site",
        "total": "{site}: {size}, {percent} of the {budget} budget ({files} files)",
        "files": "{n} files",
        "warn": "warning: {site} is at {percent} of its {budget} budget (size_budget in mkdocs.yml; "
                "GitHub Pages refuses sites over 1 GB). Before it fills: {remedies}.",
        "over": "error: {site} is {size}, over its {budget} budget (size_budget in mkdocs.yml); GitHub Pages "
                "does not publish sites over 1 GB. Nothing was published and the site folder was left unchanged.",
        "biggest": "Biggest parts: {parts}.",
        "remedies": "Remedies:",
        "short_photo_site": "publish photos from a second photo site (photo_base_url)",
        "short_fewer_photos": "fewer photos per product",
        "short_second_photo_site": "split photos over another photo site",
        "short_html": "smaller pages",
        "short_budget": "check size_budget",
        "do_photo_site": "publish the photos from a second photo site: set photo_base_url under opop in mkdocs.yml "
                         "(or the repository variable OPOP_PHOTO_BASE_URL), see .github/MAINTAINERS.md, "
                         "\"Site size, the photo site, and sharded photo rendering\"",
        "do_fewer_photos": "fewer photos per product (each photo ~20 KB; 8 photos for 3,057 products ~0.5 GB)",
        "do_second_photo_site": "the photo site is full too: split the photos over another photo site by category, or another store",
        "do_html": "smaller HTML pages (text per product in three languages; see docs/benchmarks.md)",
        "do_budget": "raise size_budget only if the host accepts larger sites (GitHub Pages: 1 GB)",
        "heading": "Site size", "of_budget": "of the budget", "col_part": "part", "col_size": "size",
        "col_budget": "of budget", "col_files": "files", "col_total": "total",
    },
}


def human(n: int, lang: str = "id") -> str:
    """Decimal units, as the budget: 812.3 MB, 1.08 GB (comma decimals in Indonesian)."""
    if n >= 10**9:
        text = f"{n / 10**9:.2f}".rstrip("0").rstrip(".") + " GB"
    elif n >= 10**6:
        text = f"{n / 10**6:.1f} MB"
    elif n >= 10**3:
        text = f"{n / 10**3:.1f} KB"
    else:
        text = f"{n} B"
    return text.replace(".", ",") if lang == "id" else text


def percent(fraction: float, lang: str = "id") -> str:
    text = f"{fraction * 100:.0f} %"
    return text


def number(n: int, lang: str = "id") -> str:
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "id" else text


def write_step_summary(report: SizeReport, lang: str = "id") -> None:
    """Append the table to the GitHub Actions job summary ($GITHUB_STEP_SUMMARY), if any."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as f:
        f.write(report.markdown(lang))


class SiteTooLarge(Exception):
    """The built site (or the photo site) is over its budget; nothing was published."""

    def __init__(self, report: SizeReport):
        self.report = report
        super().__init__(report.error("en"))
