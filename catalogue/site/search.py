"""Search index: Pagefind over the built site (after MkDocs has written every page).

Only product pages carry `data-pagefind-body`, so only products are results; filters and
metadata come from the `data-pagefind-filter` / `data-pagefind-meta` attributes that
templates/product.html writes. The page language (`<html lang="id">`) selects Pagefind's
Indonesian stemmer. The UI files (pagefind-ui.js/css) are written next to the index, so the
site needs no CDN.
"""

from __future__ import annotations

import subprocess
from pathlib import Path



class SearchIndexError(RuntimeError):
    """Pagefind did not produce an index; the message carries its output."""


def index_site(site_dir: Path) -> None:
    """Write site_dir/pagefind/; raise SearchIndexError with Pagefind's output if it fails."""
    from pagefind_bin import get_executable

    cmd = [str(get_executable()), "--site", str(site_dir), "--quiet"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").is_file():
        raise SearchIndexError(f"pagefind failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    from catalogue.site.pagefind_stable import stabilise

    stabilise(site_dir / "pagefind")  # same bytes every run (Pagefind #638)
