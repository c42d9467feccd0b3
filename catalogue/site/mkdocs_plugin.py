"""The MkDocs adapter: the only module that knows MkDocs.

    plugins:
      - opop:
          products: products     # folder of product folders; $OPOP_PRODUCTS overrides
          featured: []           # slugs for the home page; empty = one per category
          pagefind: true         # index the built site for search
          size_budget: 1 GB      # warn from 80 %, fail above (catalogue/site/size.py)
          photo_base_url: ""     # photos from a second site; $OPOP_PHOTO_BASE_URL overrides (photo_site.py)
          pdf: true              # PDF catalogues to download (unduh/, catalogue/site/pdf_files.py)

on_config  validates the catalogue (every problem in one PluginError) and plans photos
on_files   renders photos into the cache and adds, for every language (catalogue.site.i18n), the
           generated pages; then media, open data (data/catalogue.json, .csv), robots.txt
on_nav     remembers the nav and every page address (alternates are looked up in that set)
on_page_markdown   fills the home page markers; sets deterministic sitemap dates
on_env     gives theme templates `opop_t` (interface strings; Indonesian for 404.html)
on_page_context    per page: its language, interface strings, language switcher, head tags
           (catalogue.site.seo), and for English and Arabic pages a translated nav
on_template_context  sitemap.xml with hreflang alternates (theme template sitemap.xml)
on_post_page       <html dir="rtl"> on right-to-left pages; white space minified (catalogue.site.minify)
on_post_template   404.html minified like the pages
on_post_build      runs Pagefind on the built site (one index per <html lang>), measures the
           site against its budget (catalogue.site.size), writes the photo site if there is one
on_serve   watches the products folder and the catalogue's templates
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
from functools import partial
from pathlib import Path
from types import MethodType

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkPage

from catalogue import region
from catalogue.site import csp, i18n, seo
from catalogue.site.minify import minify
from catalogue.site import pages as catalogue_pages
from catalogue.locales import STRINGS, translator
from catalogue.products.problems import Problem

log = logging.getLogger("mkdocs.plugins.opop")

# Generated index pages that mkdocs.yml lists in the nav; every other generated page is kept
# out of it, so the nav stays seven entries whatever the number of products.
NAV_PAGES = {"katalog/", "kategori/", "kabupaten/", "pesantren/", "cari/",
             "tukar/", "koperasi/", "statistik/"}  # the last three: the "Jaringan" tab (issue 6)
_MARKER = re.compile(r"^<!--\s*opop:([a-z-]+)\s*-->[ \t]*$", re.M)
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # catalogue/: templates, theme, locales


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
    # Reuse the HTML of pages whose inputs did not change (catalogue/site/page_cache.py).
    page_cache = c.Type(bool, default=True)
    # PDF catalogues in unduh/ (catalogue/site/pdf_files.py); false for a quicker local build.
    pdf = c.Type(bool, default=True)
    # GitHub Pages' limit (catalogue/site/size.py): bytes, or "1 GB", "800 MB".
    size_budget = c.Type((int, str), default="1 GB")
    # Photos published from a second site (catalogue/site/photo_site.py); "" = in this site.
    photo_base_url = c.Type(str, default="")
    # The province (catalogue/region.py): its region file, relative to mkdocs.yml; "" =
    # Kalimantan Selatan's, shipped with the package.
    region = c.Type(str, default="")


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    # Set by catalogue.site.build.build_site, which has already validated: skips a second check
    # and makes the build use exactly the catalogue that was checked.
    checked = None
    products_dir: Path | None = None
    cache_dir: Path | None = None
    pages_cache = None  # catalogue.site.page_cache.PageCache, set by on_files unless turned off

    def products_path(self, config: MkDocsConfig) -> Path:
        if self.products_dir is not None:
            return Path(self.products_dir)
        raw = os.environ.get("OPOP_PRODUCTS") or self.config.products
        return (Path(config.config_file_path).parent / raw).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        from catalogue.clock import today
        from catalogue.photos.renditions import plan_catalogue
        from catalogue.products.validate import check_catalogue

        if not config.use_directory_urls:
            raise PluginError("opop: use_directory_urls must be true (pages live at /produk/<slug>/)")
        if "search" in config.plugins:
            raise PluginError("opop: remove the 'search' plugin from mkdocs.yml; Pagefind replaces it")
        # The catalogue's theme overrides come with the package: a catalogue repository made by
        # `build.py init` has no custom_dir of its own (this repository names the same folder).
        theme_dir = str(PACKAGE_DIR / "theme")
        if not any(Path(d).resolve() == Path(theme_dir) for d in config.theme.dirs):
            config.theme.dirs.insert(0, theme_dir)
        try:
            area = region.load_file(Path(config.config_file_path).parent / self.config.region if self.config.region
                                    else region.DEFAULT_FILE)
        except region.RegionError as e:
            raise PluginError(f"opop: {e}") from e
        region.activate(area)  # for the rest of this process: `mkdocs build` builds one province
        # Part of the page cache's fingerprint: a region file outside the package may change.
        self.region_digest = hashlib.sha256(b"".join(p.read_bytes() for p in (area.path, area.map_file) if p)).hexdigest()
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
        from catalogue.site import photo_site, size

        try:
            self.budget = size.parse_size(self.config.size_budget)
            self.photo_base = photo_site.normalize_base(os.environ.get("OPOP_PHOTO_BASE_URL") or self.config.photo_base_url)
        except ValueError as e:
            raise PluginError(f"opop: {e}") from e
        self.config["photo_base_url"] = self.photo_base  # the effective one: part of the page cache's fingerprint
        self.images = plan_catalogue(result.catalogue, memo_file=self.photo_cache() / "digests.json",
                                     base_url=self.photo_base)
        return config

    def photo_cache(self) -> Path:
        from catalogue.photos.renditions import default_cache_dir

        return Path(self.cache_dir) if self.cache_dir else default_cache_dir()

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        from catalogue.photos.collage import render_collage
        from catalogue.photos.renditions import all_renditions, render

        cache = self.photo_cache()
        renditions = all_renditions(self.images)
        from catalogue.photos.cachecheck import drop_damaged  # a cut-short file from a restored cache is made again

        drop_damaged(cache, (r.name for r in renditions))
        problems = render(renditions, cache)
        if any(p.is_error for p in problems):
            raise CatalogueError(problems, self.config.lang)
        qr = None
        if config.site_url:  # a QR code needs the public address it opens
            from catalogue.site.printing import QrCodes

            qr = QrCodes(cache / "qr")
            qr.prepare(seo.absolute(config.site_url, i18n.localize(p.url, lang))
                       for p in self.catalogue.products for lang in i18n.LANGUAGES)
        # PDF catalogues (issue 16, catalogue/site/pdf_files.py), made before the pages so that
        # pages can offer them with their sizes: pdf_links[lang][page URL] = (PDF URL, bytes).
        self.pdf_links = {}
        if self.config.pdf:
            from catalogue.site.pdf_files import build_pdfs

            pdfs = build_pdfs(self.catalogue, self.images, cache, site_url=config.site_url, qr=qr)
            self.pdf_links = pdfs.links
            for path, cached in pdfs.files:
                files.append(_CachedPhoto.generated(config, path, abs_src_path=str(cached)))
            log.info(f"opop: {pdfs.made} PDF catalogues made, {pdfs.reused} from the cache")
        generated, self.home = [], {}

        def one_language(lang: str):
            pdfs = self.pdf_links.get(lang, {})
            return (catalogue_pages.build_pages(self.catalogue, self.images, lang, site_url=config.site_url, qr=qr, pdfs=pdfs),
                    catalogue_pages.home_sections(self.catalogue, self.images, lang, featured=self.config.featured, pdfs=pdfs))

        # The languages on both cores (catalogue/parallel.py): 18 s of a 3,057-product rebuild.
        from catalogue.parallel import run_all

        for lang, (built, home) in zip(i18n.LANGUAGES, run_all([partial(one_language, lang) for lang in i18n.LANGUAGES])):
            generated += built
            self.home[lang] = home
        self.titles = {page.url: page.title for page in generated}  # for translated nav entries
        self.generated = {page.src_uri for page in generated}
        for page in generated:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"opop: docs/{page.src_uri} clashes with a generated page; rename it")
            inclusion = InclusionLevel.UNDEFINED if page.url in NAV_PAGES else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
        # Photos go into the site, or with a photo site (photo_base_url) into its folder.
        self.photo_files = {}

        def add_photo(path: str, name: str) -> None:
            if self.photo_base:
                self.photo_files[path] = cache / name
            else:
                files.append(_CachedPhoto.generated(config, path, abs_src_path=str(cache / name)))

        for r in renditions:
            add_photo(r.path, r.name)
        # Link previews of the pages that are not one product (home, listings, network pages).
        self.default_preview = catalogue_pages.featured_slugs(self.catalogue, self.config.featured)
        previews = {}
        for wanted in [*(page.meta.get("preview") for page in generated), None]:  # None: the featured
            item = self.collage(wanted)
            if item is not None and len(item.sources) > 1:  # one source: its own preview, already there
                previews[item.name] = item  # by name: identical photos make one file
        for name, item in sorted(previews.items()):
            render_collage(item, cache)
            add_photo(item.path, item.name)
        for path, content in self.open_data(config.site_url).items():
            files.append(File.generated(config, path, content=content))
        from catalogue.site.search_words import VOCABULARY_FILE, vocabulary

        from catalogue.network.regency_map import SPRITE_URL, locator_sprite
        from catalogue.site.shortlist import DATA_FILE, shortlist_data

        sprite = locator_sprite()  # product pages' locator maps ("": the province has no map)
        if sprite:
            files.append(File.generated(config, SPRITE_URL, content=sprite))

        for lang in i18n.LANGUAGES:  # "Maksud Anda: …?" words, next to each search page
            files.append(File.generated(config, i18n.prefix(lang) + VOCABULARY_FILE, content=vocabulary(self.catalogue, lang)))
            # The shortlist page's product data; addresses relative to daftar/.
            files.append(File.generated(config, i18n.prefix(lang) + DATA_FILE, content=shortlist_data(
                self.catalogue, lang, lambda p: "../" + p.url)))
        if files.get_file_from_path("robots.txt") is None:
            files.append(File.generated(config, "robots.txt", content=seo.robots_txt(config.site_url)))
        # Dates for the sitemap: a product page changes when its data was last checked; other
        # pages when any product was. Never the build day, so two builds are byte-identical.
        self.updated = {i18n.localize(p.url, lang): p.updated.isoformat()
                        for p in self.catalogue.products for lang in i18n.LANGUAGES}
        self.latest = max(self.updated.values(), default="1970-01-01")
        self.by_slug = {p.slug: p for p in self.catalogue.products}
        from catalogue.site.page_cache import PageCache

        self.pages_cache = PageCache(cache / "pages") if self.config.page_cache else None
        self.fingerprint, self.pending, self.used = None, {}, set()
        return files

    def open_data(self, site_url: str | None) -> dict[str, str | bytes]:
        """data/catalogue.json and data/catalogue.csv (catalogue.site.exports), photo addresses
        from the photo plan: the largest rendition (WebP) of each photo. Absolute with a site_url;
        site-relative without one (only local builds lack it)."""
        from catalogue.site import exports

        base = site_url.rstrip("/") + "/" if site_url else ""
        photos = {slug: [_join(base, ph.gallery_webp[-1].url) for ph in plan.photos]
                  for slug, plan in self.images.items()}
        return {exports.JSON_PATH: exports.catalogue_json(self.catalogue, base, photos),
                exports.CSV_PATH: exports.catalogue_csv(self.catalogue, base, photos)}

    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        self.nav = nav
        # Every page address, for alternates: a page exists in a language only if built there.
        # (MkDocs gives the home page's file the URL "./"; its Page.url is "".)
        self.page_urls = frozenset("" if f.url in (".", "./") else f.url for f in files.documentation_pages())
        return nav

    def on_pre_page(self, page: MkPage, config: MkDocsConfig, files: Files) -> MkPage:
        if page.file.src_uri in getattr(self, "generated", ()):
            # A generated page's body is finished HTML (catalogue.site.html, autoescaped): passing
            # it through Markdown, as MkDocs does for every page, only re-parses that HTML.
            # That was 42 % of a 3,057-product build's time (profile of a 600-product build).
            page.render = MethodType(_render_finished_html, page)
        return page

    def on_page_markdown(self, markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        page.update_date = self.updated.get(page.url, self.latest)
        lang = i18n.lang_of(page.url)
        if page.file.src_uri != i18n.prefix(lang) + "index.md":
            return markdown

        def fill(match: re.Match) -> str:
            name = match.group(1)
            if name not in self.home[lang]:
                raise PluginError(f"opop: docs/{page.file.src_uri}: unknown marker opop:{name} "
                                  f"(known: {', '.join(catalogue_pages.HOME_MARKERS)})")
            return "\n" + str(self.home[lang][name]) + "\n"

        return _MARKER.sub(fill, markdown)

    def on_env(self, env, config: MkDocsConfig, files: Files):
        env.globals["opop_t"] = translator(self.config.lang)
        env.globals["opop_csp"] = csp.policy  # theme/partials/csp.html
        from catalogue.site.photo_site import origin

        env.globals["opop_photo_origin"] = origin(self.photo_base)  # img-src of the policy
        return env

    @staticmethod
    def page_lang(page: MkPage) -> str:
        """The language of a page: from its address (en/…, ar/…), or its front matter `lang`
        for a page outside the language folders (a maintainers' note written in English)."""
        lang = i18n.lang_of(page.url)
        declared = (page.meta or {}).get("lang")
        return declared if lang == i18n.DEFAULT and declared in i18n.LANGUAGES else lang

    def on_page_context(self, context, page: MkPage, config: MkDocsConfig, nav):
        lang = self.page_lang(page)
        t = translator(lang)
        home = i18n.localize("", lang)
        context["opop_lang"] = lang
        context["opop_t"] = t
        context["opop_home"] = home
        context["opop_is_home"] = page.url == home
        context["opop_prefix"] = i18n.prefix(lang)
        context["opop_office"] = region.current().office  # the programme office (region file), in the footer
        alternates = i18n.alternates(page.url, self.page_urls)
        exists = dict(alternates)
        # The switcher keeps the buyer on the same page; a page missing in a language (a docs
        # page not yet translated) sends them to that language's home instead.
        context["opop_languages"] = [
            {"lang": code, "name": i18n.NAMES[code], "url": exists.get(code, i18n.localize("", code)),
             "current": code == lang} for code in i18n.LANGUAGES]
        context["opop_head"] = self.head(page, lang, alternates, config.site_url)
        if lang != i18n.DEFAULT:
            context["nav"] = _TranslatedNav(self.nav, lang, page.url, self.titles)
        if self.pages_cache is not None:
            self.reuse_html(context, page, config)
        return context

    def nav_titles(self) -> list[tuple[str, str | None]]:
        """Every title a page's nav can show, in every language (see _TranslatedNav). Only
        these: a product's title is in its own page's inputs, and putting every title here
        would make one renamed product re-render the whole site."""
        urls = ["", *(p.url for p in self.nav.pages)]
        return [*((p.url, p.title) for p in self.nav.pages),
                *((u, self.titles.get(u)) for url in urls for lang in i18n.LANGUAGES
                  for u in [i18n.localize(url, lang)])]

    def reuse_html(self, context, page: MkPage, config: MkDocsConfig) -> None:
        """Look the page up in the page cache: on a hit, main.html outputs the stored HTML
        instead of rendering Material's templates; on a miss, on_post_page stores it."""
        from catalogue.site import page_cache

        if self.fingerprint is None:  # every page's title is known by now (MkDocs read them all)
            self.fingerprint = page_cache.site_fingerprint(
                package_dir=PACKAGE_DIR, config_file=config.config_file_path, site_url=config.site_url,
                options={**dict(self.config), "region_digest": self.region_digest}, page_urls=self.page_urls,
                nav_titles=self.nav_titles())
        key = page_cache.page_key(
            self.fingerprint, page.url, page.file.src_uri, page.title, page.meta, page.content,
            page.update_date, context["opop_head"], context["opop_languages"], context["opop_lang"])
        self.used.add(key)
        html = self.pages_cache.get(key)
        if html is None:
            self.pending[page.file.src_uri] = key
        else:
            context["opop_cached_html"] = html

    def preview_slugs(self, meta_preview) -> list[str]:
        """The products in a page's link preview: its own (`preview` meta), else the featured."""
        from catalogue.photos.collage import MAX_TILES

        return [s for s in (meta_preview or self.default_preview) if s in self.images][:MAX_TILES]

    def collage(self, meta_preview):
        from catalogue.photos.collage import collage

        return collage([self.images[s].og for s in self.preview_slugs(meta_preview)])

    def head(self, page: MkPage, lang: str, alternates, site_url: str | None):
        t = translator(lang)
        meta = page.meta or {}
        opop = meta.get("opop") or {}
        is_home = page.url == i18n.localize("", lang)
        title = t("site.name") if is_home else (page.title or t("site.name"))
        head = dict(
            lang=lang, title=title, description=meta.get("description") or t("site.description"),
            site_name=t("site.name"), url=seo.absolute(site_url, page.url),
            alternates=[(code, seo.absolute(site_url, url)) for code, url in alternates] if site_url else [],
        )
        product = self.by_slug.get(opop.get("slug")) if opop.get("kind") == "product" else None
        if product is not None:
            plan = self.images[product.slug]
            images = [seo.absolute(site_url, plan.og.url)] if site_url else []
            images += [seo.absolute(site_url, ph.gallery_webp[-1].url) for ph in plan.photos] if site_url else []
            head.update(
                kind="product", image=images[0] if images else None,
                image_width=plan.og.width, image_height=plan.og.height, image_alt=opop.get("image_alt", ""),
                jsonld=seo.product_jsonld(product, lang, page_url=head["url"], images=images))
        elif site_url and (preview := self.collage(meta.get("preview"))) is not None:
            names = ", ".join(self.by_slug[s].name.get(lang) for s in self.preview_slugs(meta.get("preview")))
            head.update(image=seo.absolute(site_url, preview.url), image_width=preview.width,
                        image_height=preview.height, image_alt=t("og.collage", names=names))
        return seo.tags(seo.Head(**head))

    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        if template_name == "sitemap.xml":
            # Empty without a site_url: MkDocs then writes no sitemap (addresses must be absolute).
            context["opop_sitemap"] = seo.sitemap(
                (seo.SitemapEntry(url, self.updated.get(url, self.latest), i18n.alternates(url, self.page_urls))
                 for url in self.page_urls), config.site_url) if config.site_url else ""
        return context

    def on_post_page(self, output: str, page: MkPage, config: MkDocsConfig) -> str:
        lang = self.page_lang(page)
        if i18n.direction(lang) == "rtl":
            # Material sets dir only on <body>; the root element needs it too (scrollbar side,
            # text direction of anything outside body), and base.html has no block for it.
            output = output.replace(f'<html lang="{lang}" class="no-js">',
                                    f'<html lang="{lang}" dir="rtl" class="no-js">', 1)
        # Before the page cache stores it and before Pagefind reads the written file: every
        # copy of the page is the minified one (catalogue/site/minify.py).
        output = minify(output)
        if self.pages_cache is not None:
            key = self.pending.pop(page.file.src_uri, None)
            if key is not None:
                self.pages_cache.put(key, output)
        return output

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """404.html, the one page MkDocs renders from a theme template alone, is minified like
        every other page; sitemap.xml is XML and left as it is."""
        return minify(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, config: MkDocsConfig) -> None:
        # Material ships lunr and its search worker (~1.2 MB) with every site; with its search
        # plugin off (mkdocs.yml) no page loads them.
        site = Path(config.site_dir)
        shutil.rmtree(site / "assets" / "javascripts" / "lunr", ignore_errors=True)
        shutil.rmtree(site / "assets" / "javascripts" / "workers", ignore_errors=True)
        if self.pages_cache is not None:
            self.pages_cache.keep_only(self.used)  # the cache holds the last build's pages
            log.info(f"opop: {self.pages_cache.hits} pages reused from the page cache, "
                     f"{self.pages_cache.misses} rendered")
        if self.config.pagefind:
            from catalogue.site.search import SearchIndexError, index_site

            try:
                index_site(Path(config.site_dir))
            except SearchIndexError as e:
                raise PluginError(str(e)) from e
        self.check_size(config)

    # Set by catalogue.site.build.build_site: the folder to write the photo site into (it swaps
    # it in with the site); a plain `mkdocs build` writes <site_dir>-foto itself.
    photo_site_out: Path | None = None
    size_report = None  # catalogue.site.size.SizeReport of the last build

    def check_size(self, config: MkDocsConfig) -> None:
        """Measure the built site (and the photo site), keep the report for build_site; a
        plain `mkdocs build` logs it and fails over the budget. Then write the photo site."""
        from catalogue.site import photo_site, size

        photos = None
        if self.photo_base:
            photos = size.measure_files((path, os.path.getsize(source)) for path, source in self.photo_files.items())
        self.size_report = report = size.SizeReport(size.measure(Path(config.site_dir)), self.budget, photos)
        if self.checked is None:  # `mkdocs build`; build_site prints the report itself
            for line in report.lines(self.config.lang):
                log.info(line)
            if report.over:
                raise PluginError(report.error(self.config.lang))
        elif report.over:
            return  # build_site fails the build; nothing is written
        if self.photo_base:
            target = self.photo_site_out or photo_site.default_dir(Path(config.site_dir))
            if self.photo_site_out is None:
                shutil.rmtree(target, ignore_errors=True)
            photo_site.write(target, self.photo_files, config.site_url)

    def on_serve(self, server, config: MkDocsConfig, builder):
        server.watch(str(self.products_path(config)))
        server.watch(str(PACKAGE_DIR / "templates"))
        return server


class _NavLink:
    """One entry of a translated nav, shaped like the MkDocs nav items Material's tabs and
    drawer read (title, url, active, children, is_section…)."""

    is_link = False
    is_index = False
    meta: dict = {}
    parent = None
    pages = None
    typeset = None

    def __init__(self, title: str, url: str | None, children: list | None = None, active: bool = False):
        self.title, self.url, self.children = title, url, children or None
        self.is_section = children is not None
        self.is_page = not self.is_section
        self.active = active or any(child.active for child in children or ())


class _TranslatedNav:
    """Material's nav for an English or Arabic page: the entries of mkdocs.yml's (Indonesian)
    nav, each pointing at its page in `lang`, titled by the `nav.<first path segment>` string
    (`nav.<section title>` for a section), else by that page's own title. Built per page (a
    handful of objects) so that `active` marks the entry of the page being shown."""

    def __init__(self, nav, lang: str, current: str, titles: dict[str, str]):
        strings = STRINGS.get(lang, {})

        def title(key: str, url: str | None, fallback: str) -> str:
            return strings.get(f"nav.{key}") or (titles.get(url) if url is not None else None) or fallback

        def convert(item) -> _NavLink:
            if getattr(item, "children", None):
                key = re.sub(r"[^a-z0-9]+", "-", (item.title or "").lower()).strip("-")
                return _NavLink(title(key, None, item.title), None, [convert(c) for c in item.children])
            if getattr(item, "is_link", False):  # an external link: the same in every language
                return _NavLink(item.title, item.url)
            url = i18n.localize(item.url, lang)
            key = item.url.split("/", 1)[0] or "home"
            return _NavLink(title(key, url, item.title), url, active=url == current)

        self.items = [convert(item) for item in nav.items]
        self.homepage = _NavLink(title("home", i18n.localize("", lang), ""), i18n.localize("", lang))
        self.pages = [item for item in self.items if item.is_page]


_ID = re.compile(r'\sid="([^"]+)"')


def _join(base: str, url: str) -> str:
    """`base` + a site-relative address; an absolute one (the photo site's) as it is."""
    return url if "://" in url else base + url


def _render_finished_html(page: MkPage, config: MkDocsConfig, files: Files) -> None:
    """MkDocs' Page.render for a generated page: its "Markdown" is already the page's HTML
    (one raw block, which Markdown would pass through unchanged). Sets what render sets:
    content, an empty toc (generated pages hide it), and the anchors others may link to."""
    from mkdocs.structure.toc import get_toc

    page.content = page.markdown.strip()
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set(_ID.findall(page.content))
    page.links_to_anchors = {}


class _CachedPhoto(File):
    """A rendition from the photo cache, hard-linked into the site rather than copied when both
    are on one file system: 3,057 products are ~48,000 files and gigabytes, copied on every
    build (docs/benchmarks.md). Safe because a cache file is never changed in place (a name
    always holds the same bytes; the renderer and catalogue.photos.cachecheck only create and delete),
    and the Pages artifact (tar) holds each file once, so it contains no hard link."""

    def copy_file(self, dirty: bool = False) -> None:
        dest = self.abs_dest_path
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        try:
            if os.path.lexists(dest):
                os.unlink(dest)
            os.link(self.abs_src_path, dest)
        except OSError:  # another file system, or links not allowed: copy
            super().copy_file(dirty)
