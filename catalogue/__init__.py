"""Katalog OPOP Kalsel: validate pesantren product files and render a static catalogue.

The core (load, validate, model, pages, photos) never imports MkDocs; `catalogue.plugin` is the
only MkDocs adapter and `catalogue.cli` the command line.
"""

__version__ = "0.1.0"
