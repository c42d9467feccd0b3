"""Stage 3: the catalogue, its network and its photo plan → the website.

Takes a checked `Catalogue` and the photo plan; gives every page in id, en and ar (pages,
network_pages), head tags and structured data (seo), the Content-Security-Policy (csp), the
Pagefind index (search), open-data exports and print views, and hands them to MkDocs through
the one adapter, mkdocs_plugin. `build_site` builds into a temporary folder and swaps it in
only on success.
"""

from catalogue.site.build import build_site, serve_site

__all__ = ["build_site", "serve_site"]
