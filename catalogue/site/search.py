"""Search index: Pagefind over the built site (after MkDocs has written every page).

Only product pages carry `data-pagefind-body`, so only products are results; filters and
metadata come from the `data-pagefind-filter` / `data-pagefind-meta` attributes that
templates/product.html writes. The page language (`<html lang="id">`) selects Pagefind's
Indonesian stemmer. The site has its own small search UI (assets/javascripts/opop-search.js
over Pagefind's JS API), so Pagefind's prebuilt UI bundles are removed after indexing.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

# Pagefind's prebuilt UIs (~376 KB per deployment): no page loads them.
UNUSED_UI = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
             "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


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
    for name in UNUSED_UI:
        (site_dir / "pagefind" / name).unlink(missing_ok=True)
