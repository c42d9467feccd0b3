"""Build and serve the site: validate first, build into a temporary folder, swap it in.

`build_site` never leaves a half-built or stale-mixed site: an invalid catalogue (or a failed
build, or a site over its size budget) leaves the previous site/ exactly as it was. With a
photo site (photo_base_url), its folder `<site>-foto` is built and swapped in the same way.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from catalogue.files import recover, swap_folder, temp_prefix
from catalogue.products.problems import Problem
from catalogue.site.size import SiteTooLarge, SizeReport

__all__ = ["SiteTooLarge", "build_site", "serve_site"]


def build_site(products_dir: Path, site_dir: Path, *, config_file: Path = Path("mkdocs.yml"),
               cache_dir: Path | None = None, photo_site_dir: Path | None = None,
               on_size: Callable[[SizeReport], None] | None = None) -> list[Problem]:
    """`_build_site` for the province whose region file `config_file` names (catalogue/region.py)."""
    from catalogue import region

    with region.use(region.for_config(config_file)):
        return _build_site(products_dir, site_dir, config_file=config_file, cache_dir=cache_dir,
                           photo_site_dir=photo_site_dir, on_size=on_size)


def _build_site(products_dir: Path, site_dir: Path, *, config_file: Path, cache_dir: Path | None,
                photo_site_dir: Path | None, on_size: Callable[[SizeReport], None] | None) -> list[Problem]:
    """Validate `products_dir`, build the site with MkDocs + Pagefind, replace `site_dir`.

    Returns every problem found (warnings too). If any is an error, nothing is written.
    The built site is measured before it replaces `site_dir` (catalogue/site/size.py):
    `on_size` receives the report; over the budget SiteTooLarge is raised and nothing is
    written. With photo_base_url set, the photos go to `photo_site_dir` (default
    `<site_dir>-foto`), replaced in the same way. Other failures (a broken mkdocs.yml, a
    strict-mode warning, Pagefind failing) raise, and site_dir is left untouched as well.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from catalogue.clock import today
    from catalogue.site.mkdocs_plugin import CatalogueError, CataloguePlugin
    from catalogue.products.validate import check_catalogue

    products_dir, site_dir = Path(products_dir).resolve(), Path(site_dir).resolve()
    _recover(site_dir)
    result = check_catalogue(products_dir, today())
    if result.catalogue is None:
        return result.problems

    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Next to site_dir, so the final rename stays on one file system (atomic, no copy).
    tmp = Path(tempfile.mkdtemp(prefix=_temp_prefix(site_dir, "new"), dir=site_dir.parent))
    # mkdtemp makes the folder private (0700); a published site must be world-readable
    # (web servers, the Pages artifact), like any folder mkdir would make.
    os.chmod(tmp, 0o755)
    photos_tmp = None
    try:
        config = load_config(str(config_file), site_dir=str(tmp))
        plugin = _catalogue_plugin(config, CataloguePlugin)
        plugin.checked, plugin.products_dir, plugin.cache_dir = result, products_dir, cache_dir
        from catalogue.site.photo_site import default_dir

        photo_site_dir = Path(photo_site_dir).resolve() if photo_site_dir else default_dir(site_dir)
        _recover(photo_site_dir)
        photo_site_dir.parent.mkdir(parents=True, exist_ok=True)
        photos_tmp = Path(tempfile.mkdtemp(prefix=_temp_prefix(photo_site_dir, "new"), dir=photo_site_dir.parent))
        os.rmdir(photos_tmp)  # the plugin creates it only when there is a photo site
        plugin.photo_site_out = photos_tmp
        try:
            build(config)
        except (CatalogueError, Abort) as e:  # photos that validated but cannot be decoded
            # MkDocs turns a plugin's error into Abort("Aborted with a BuildError!") raised
            # while handling it, so the problems travel on the Abort's __context__.
            error = e if isinstance(e, CatalogueError) else e.__context__
            if not isinstance(error, CatalogueError):
                raise
            return sorted(set(result.problems) | set(error.problems))
        report = plugin.size_report
        if on_size is not None and report is not None:
            on_size(report)
        if report is not None and report.over:
            raise SiteTooLarge(report)
        if photos_tmp.exists():  # the photos first: the new pages link them
            _swap(photos_tmp, photo_site_dir)
        _swap(tmp, site_dir)
    finally:
        for folder in (tmp, photos_tmp):
            if folder is not None and folder.exists():
                shutil.rmtree(folder, ignore_errors=True)
    return result.problems


def _catalogue_plugin(config, plugin_type):
    for plugin in config.plugins.values():
        if isinstance(plugin, plugin_type):
            return plugin
    raise ValueError("mkdocs.yml does not enable the opop plugin (plugins: [opop])")


# The folder swap is shared with the national build (catalogue/files.py); these names stay
# because bench/run.py times `_swap`.
def _temp_prefix(site_dir: Path, kind: str) -> str:
    return temp_prefix(site_dir, kind)


def _recover(site_dir: Path) -> None:
    recover(site_dir)


def _swap(new: Path, site_dir: Path) -> None:
    swap_folder(new, site_dir)


def serve_site(products_dir: Path, *, config_file: Path = Path("mkdocs.yml"),
               addr: str = "127.0.0.1:8000") -> int:
    """`mkdocs serve` with the catalogue from `products_dir`; rebuilds when a product file or
    photo changes (the plugin watches the folder). Returns when the server is stopped."""
    from mkdocs.commands.serve import serve

    # MkDocs reloads the configuration on every rebuild, so the folder travels by environment.
    os.environ["OPOP_PRODUCTS"] = str(Path(products_dir).resolve())
    serve(config_file=str(config_file), dev_addr=addr, livereload=True)
    return 0
