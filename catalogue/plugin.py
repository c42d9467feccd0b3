"""The MkDocs adapter: the only module that knows MkDocs.

    plugins:
      - opop:
          products: products     # folder of product folders; $OPOP_PRODUCTS overrides
          featured: []           # slugs for the home page; empty = one per category
          pagefind: true         # index the built site for search

on_config  validates the catalogue (every problem in one PluginError) and plans photos
on_files   renders photos into the cache and adds generated pages and media as Files
on_page_markdown   fills the home page markers; sets deterministic sitemap dates
on_env     gives theme templates `opop_t` (interface strings)
on_post_build      runs Pagefind on the built site
on_serve   watches the products folder and the catalogue's templates
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkPage

from catalogue import pages as catalogue_pages
from catalogue.locales import translator
from catalogue.problems import Problem

log = logging.getLogger("mkdocs.plugins.opop")

# Generated index pages that mkdocs.yml lists in the nav; every other generated page is kept
# out of it, so the nav stays seven entries whatever the number of products.
NAV_PAGES = {"katalog/", "kategori/", "kabupaten/", "pesantren/", "cari/"}
_MARKER = re.compile(r"^<!--\s*opop:([a-z-]+)\s*-->[ \t]*$", re.M)
PACKAGE_DIR = Path(__file__).parent


class CatalogueError(PluginError):
    """The catalogue (or its photos) has errors; `problems` holds every one of them."""

    def __init__(self, problems: list[Problem], lang: str = "id"):
        self.problems = problems
        lines = [p.format(lang) for p in problems if p.is_error]
        super().__init__(f"{len(lines)} galat di katalog produk:\n" + "\n".join(lines))


class CatalogueConfig(Config):
    products = c.Type(str, default="products")
    featured = c.ListOfItems(c.Type(str), default=[])
    pagefind = c.Type(bool, default=True)
    lang = c.Choice(("id", "en"), default="id")


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    # Set by catalogue.site.build_site, which has already validated: skips a second check
    # and makes the build use exactly the catalogue that was checked.
    checked = None
    products_dir: Path | None = None
    cache_dir: Path | None = None

    def products_path(self, config: MkDocsConfig) -> Path:
        if self.products_dir is not None:
            return Path(self.products_dir)
        raw = os.environ.get("OPOP_PRODUCTS") or self.config.products
        return (Path(config.config_file_path).parent / raw).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        from catalogue.clock import today
        from catalogue.photos import plan_catalogue
        from catalogue.validate import check_catalogue

        if not config.use_directory_urls:
            raise PluginError("opop: use_directory_urls must be true (pages live at /produk/<slug>/)")
        if "search" in config.plugins:
            raise PluginError("opop: remove the 'search' plugin from mkdocs.yml; Pagefind replaces it")
        result = self.checked or check_catalogue(self.products_path(config), today())
        if result.catalogue is None:
            raise CatalogueError(result.problems, self.config.lang)
        for problem in result.problems:
            # Warnings are the validator's business (`build.py validate` shows them); logged at
            # info so `mkdocs build --strict` does not fail on, e.g., an expired certificate.
            log.info(problem.format(self.config.lang))
        unknown = catalogue_pages.unknown_featured(result.catalogue, self.config.featured)
        if unknown:
            raise PluginError(f"opop: featured names no product: {', '.join(unknown)}")
        self.catalogue = result.catalogue
        self.images = plan_catalogue(result.catalogue)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        from catalogue.photos import all_renditions, default_cache_dir, render

        cache = Path(self.cache_dir) if self.cache_dir else default_cache_dir()
        renditions = all_renditions(self.images)
        problems = render(renditions, cache)
        if any(p.is_error for p in problems):
            raise CatalogueError(problems, self.config.lang)
        generated = catalogue_pages.build_pages(self.catalogue, self.images, self.config.lang,
                                                site_url=config.site_url)
        self.home = catalogue_pages.home_sections(self.catalogue, self.images, self.config.lang,
                                                  featured=self.config.featured)
        for page in generated:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"opop: docs/{page.src_uri} clashes with a generated page; rename it")
            inclusion = InclusionLevel.UNDEFINED if page.url in NAV_PAGES else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
        for r in renditions:
            files.append(File.generated(config, r.url, abs_src_path=str(cache / r.name)))
        # Dates for the sitemap: a product page changes when its data was last checked; other
        # pages when any product was. Never the build day, so two builds are byte-identical.
        self.updated = {p.url: p.updated.isoformat() for p in self.catalogue.products}
        self.latest = max(self.updated.values(), default="1970-01-01")
        return files

    def on_page_markdown(self, markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        page.update_date = self.updated.get(page.url, self.latest)
        if page.file.src_uri != "index.md":
            return markdown

        def fill(match: re.Match) -> str:
            name = match.group(1)
            if name not in self.home:
                raise PluginError(f"opop: docs/index.md: unknown marker opop:{name} "
                                  f"(known: {', '.join(catalogue_pages.HOME_MARKERS)})")
            return "\n" + str(self.home[name]) + "\n"

        return _MARKER.sub(fill, markdown)

    def on_env(self, env, config: MkDocsConfig, files: Files):
        env.globals["opop_t"] = translator(self.config.lang)
        return env

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.config.pagefind:
            from catalogue.search import SearchIndexError, index_site

            try:
                index_site(Path(config.site_dir))
            except SearchIndexError as e:
                raise PluginError(str(e)) from e

    def on_serve(self, server, config: MkDocsConfig, builder):
        server.watch(str(self.products_path(config)))
        server.watch(str(PACKAGE_DIR / "templates"))
        return server
