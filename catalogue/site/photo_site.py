"""The photo site: the catalogue's photos published from a second address, when the site with
them would not fit GitHub Pages' 1 GB (catalogue/site/size.py).

One setting, `photo_base_url` under the opop plugin in mkdocs.yml (or $OPOP_PHOTO_BASE_URL),
e.g. "https://<org>.github.io/katalog-foto/": every photo address in pages, srcset, JSON-LD,
Open Graph and the open data becomes absolute at that base; the pages' Content-Security-Policy
allows that one origin for images; and the build writes the photos (`media/<name>`, as they
would be in the site) into a separate folder, `<site>-foto/`, instead of the site. A second
Pages site of the same organisation has the origin `<org>.github.io` too, so the policy gains
no third party. How the folder is published: .github/MAINTAINERS.md.
"""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from catalogue.locales import t


def normalize_base(url: str) -> str:
    """The base as every photo address starts: absolute http(s), ending in "/". "" stays "".
    Raises ValueError naming what is wrong."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"photo_base_url: expected an absolute https:// address such as "
                         f"https://org.github.io/katalog-foto/, found {url!r}")
    return url if url.endswith("/") else url + "/"


def origin(base: str) -> str:
    """"https://org.github.io/katalog-foto/" → "https://org.github.io" (for img-src)."""
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}" if base else ""


def default_dir(site_dir: Path) -> Path:
    """Where the photo site is written: next to the site, `<site>-foto`."""
    site_dir = Path(site_dir)
    return site_dir.with_name(site_dir.name + "-foto")


INDEX = """<!doctype html>
<html lang="id">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Foto {name}</title>
<p>Foto produk untuk {link}. Setiap foto ada di <code>media/</code>.</p>
</html>
"""


def write(target: Path, files: dict[str, Path], site_url: str | None = None) -> int:
    """Write the photo site into the empty or missing folder `target`: each of `files`
    (site path such as "media/<name>" → the cache file) hard-linked, or copied across file
    systems, plus a one-line index.html pointing at the catalogue. Returns the bytes written."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    os.chmod(target, 0o755)
    total = 0
    for rel, source in sorted(files.items()):
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, dest)
        except OSError:
            shutil.copyfile(source, dest)
        total += dest.stat().st_size
    name = html.escape(t("id", "site.name"))
    link = f'<a href="{html.escape(site_url)}">{name}</a>' if site_url else name
    index = INDEX.format(link=link, name=name).encode("utf-8")
    (target / "index.html").write_bytes(index)
    return total + len(index)
