"""Katalog OPOP Kalsel: validate pesantren product files and render a static catalogue.

The package is laid out as the data flows (each stage imports only earlier ones; tests/test_layout.py
checks it):

    products/  product folders → a checked Catalogue, or every problem
    network/   the checked catalogue → what it says about the pesantren together
    photos/    uploaded photos → re-encoded renditions in a content-addressed cache
    site/      all of the above → pages, search index, exports; the one MkDocs adapter
    cli.py     the command line (`python build.py …`) over the stages

clock, parallel and locales/ are shared by every stage. No stage but site/ imports MkDocs.
"""

__version__ = "0.1.0"
