"""Finished HTML of each page from the last builds, so a rebuild renders only changed pages.

Material's templates cost ~2 ms a page; 9,200 pages (3,057 products in three languages) are
20 s of a 78 s rebuild after one product changed (docs/benchmarks.md). A page's HTML is a pure
function of its inputs, so it is stored under a digest of all of them and reused when the
digest comes again:

- the site fingerprint: every file of the catalogue package (templates, theme, code), the
  MkDocs configuration file, the site address and plugin options, the versions of MkDocs,
  Material and Jinja, the set of page addresses (language alternates) and the nav's titles;
- the page: its address, title, meta, finished body (`page.content`), update date, and the
  context the plugin adds (head tags, language switcher).

Anything else a page shows comes through one of these, so a hit is byte-identical to a fresh
render; tests/test_determinism.py builds with a warm cache after a change and compares with a
clean build. Entries are written atomically and carry the digest of their own bytes, so a cut
short or damaged file (a restored CI cache, a full disk) is a miss, never a broken page.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable

MAGIC = b"opop-page-1 "


def _versions() -> str:
    names = ("mkdocs", "mkdocs-material", "jinja2", "markupsafe")
    return ";".join(f"{n}={metadata.version(n)}" for n in names)


def package_digest(package_dir: Path) -> str:
    """Digest of every file under the package (code, templates, theme, strings), by path."""
    h = hashlib.sha256()
    for path in sorted(p for p in Path(package_dir).rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def site_fingerprint(*, package_dir: Path, config_file: str | None, site_url: str | None, options: Any,
                     page_urls: Iterable[str], nav_titles: Iterable[tuple[str, str]]) -> str:
    config_bytes = Path(config_file).read_bytes() if config_file and Path(config_file).is_file() else b""
    parts = [package_digest(package_dir), hashlib.sha256(config_bytes).hexdigest(), site_url or "",
             json.dumps(options, sort_keys=True, default=str), _versions(),
             json.dumps(sorted(page_urls)), json.dumps(list(nav_titles))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def page_key(fingerprint: str, *parts: Any) -> str:
    """The digest naming one page's HTML: the site fingerprint and the page's own inputs."""
    text = json.dumps([fingerprint, *parts], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class PageCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.hits = self.misses = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.html"

    def get(self, key: str) -> str | None:
        """The stored HTML, or None if absent or not whole."""
        try:
            data = self._path(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        head, _, body = data.partition(b"\n")
        if head != MAGIC + hashlib.sha256(body).hexdigest().encode():
            self.misses += 1
            return None
        self.hits += 1
        return body.decode("utf-8")

    def put(self, key: str, html: str) -> None:
        """Store atomically; a cache that cannot be written only costs the next build time."""
        body = html.encode("utf-8", "xmlcharrefreplace")
        path = self._path(key)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(MAGIC + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
            os.replace(tmp, path)
        except OSError:
            tmp.unlink(missing_ok=True)

    def keep_only(self, keys: set[str]) -> None:
        """Delete entries (and stray temporary files) of pages this build did not have."""
        try:
            folders = list(os.scandir(self.folder))
        except OSError:
            return
        for folder in folders:
            if not folder.is_dir(follow_symlinks=False):
                continue
            for entry in os.scandir(folder.path):
                if not (entry.name.endswith(".html") and entry.name[:-5] in keys):
                    try:
                        os.unlink(entry.path)
                    except OSError:
                        pass
