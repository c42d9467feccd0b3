#!/usr/bin/env python3
"""Katalog OPOP Kalsel command line: `python build.py validate|build|serve|new|schema --help`."""

import sys

from catalogue.cli import main

if __name__ == "__main__":
    sys.exit(main())
