"""The MkDocs plugin's former address, kept so that an environment installed before the move
to catalogue/site/ (whose entry point still names `catalogue.plugin:CataloguePlugin`) keeps
building. New installs use `catalogue.site.mkdocs_plugin:CataloguePlugin`."""

from catalogue.site.mkdocs_plugin import CataloguePlugin

__all__ = ["CataloguePlugin"]
