#!/usr/bin/env python3
"""{{site_name}}: `python build.py validate|build|serve|new|template|import --help`."""

import sys

from catalogue.cli import main

if __name__ == "__main__":
    sys.exit(main())
