"""Print: QR codes for sell sheets and the printable catalogue.

A printed product page (the sell sheet, styled by assets/stylesheets/print.css) and every
entry of the printable catalogue carry a QR code to the product's page in the page's
language, so a buyer at a trade fair can scan it. Codes are made at build time with segno
(pure Python, no network) and inlined as SVG: nothing to fetch when the print dialog opens.

segno spends ~85 % of its 6.5 ms per code choosing the best of eight masks (measured: a
version 6 code for an 80-character address). The choice is kept (it is what makes a code
read reliably on a crumpled sheet), so codes are cached on disk by content instead, next to
the photo renditions: a warm build of 3,057 products × 3 languages reads 9,171 small files.
A cold cache is filled in parallel (`prepare`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from markupsafe import Markup, escape

from catalogue.files import write_atomic

ERROR_LEVEL = "m"  # 15 % of the code can be lost (a fold, a smudge) and it still reads
QUIET_ZONE = 4  # modules of white around the code, as the standard asks
_PARALLEL_FROM = 200  # fewer missing codes than this: spawning workers costs more than it saves


def _key(url: str) -> str:
    import segno

    return hashlib.sha256(f"segno={segno.__version__};error={ERROR_LEVEL};{url}".encode()).hexdigest()[:32]


def encode(url: str) -> str:
    """The code for `url` as "<modules> <svg path>": the path draws the dark modules, one
    1-unit stroke per run, quiet zone included in <modules>."""
    import io

    import segno

    code = segno.make(url, error=ERROR_LEVEL, micro=False)
    out = io.BytesIO()
    code.save(out, kind="svg", xmldecl=False, svgns=False, nl=False, omitsize=True,
              border=QUIET_ZONE, svgclass=None, lineclass=None)
    svg = out.getvalue().decode("ascii")
    path = svg.split(' d="', 1)[1].split('"', 1)[0]
    size = code.symbol_size(border=QUIET_ZONE)[0]
    return f"{size} {path}"


class QrCodes:
    """url → inline SVG, remembered in memory and (with `cache_dir`) on disk."""

    def __init__(self, cache_dir: Path | None = None):
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self._memo: dict[str, str] = {}

    def _file(self, url: str) -> Path | None:
        return self.cache_dir / f"{_key(url)}.qr" if self.cache_dir else None

    def encoded(self, url: str) -> str:
        found = self._memo.get(url)
        if found is not None:
            return found
        file = self._file(url)
        text = file.read_text("ascii") if file is not None and file.is_file() else ""
        # Written whole (temp file + rename) with a final newline; a cache restored cut short
        # lacks it, and the code is made again rather than printed wrong.
        if text.endswith("\n"):
            found = text[:-1]
        else:
            found = encode(url)
            if file is not None:
                write_atomic(file, (found + "\n").encode("ascii"))
        self._memo[url] = found
        return found

    def prepare(self, urls: Iterable[str], workers: int | None = None) -> int:
        """Encode every url that is neither remembered nor cached, in parallel when there are
        many. Returns how many were encoded."""
        wanted = sorted(set(urls) - set(self._memo))
        if self.cache_dir is not None:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            have = set(os.listdir(self.cache_dir))
            wanted = [u for u in wanted if f"{_key(u)}.qr" not in have]
        if not wanted:
            return 0
        workers = min(workers or os.cpu_count() or 1, len(wanted))
        if workers > 1 and len(wanted) >= _PARALLEL_FROM:
            # spawn, not fork: see catalogue.photos.renditions.render (mkdocs serve runs threads).
            with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
                done = list(pool.map(encode, wanted, chunksize=64))
        else:
            done = [encode(u) for u in wanted]
        for url, code in zip(wanted, done):
            self._memo[url] = code
            if self.cache_dir is not None:
                write_atomic(self._file(url), (code + "\n").encode("ascii"))
        return len(wanted)

    def svg(self, url: str, label: str = "") -> Markup:
        """The code as an inline <svg>, scaled by CSS (class opop-qr); `label` is its
        accessible name (the address it opens, usually)."""
        size, path = self.encoded(url).split(" ", 1)
        name = f' role="img" aria-label="{escape(label)}"' if label else ' aria-hidden="true"'
        return Markup(
            f'<svg class="opop-qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}"'
            f'{name} shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/>'
            f'<path stroke="#000" d="{path}"/></svg>')
