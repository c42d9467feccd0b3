"""`python build.py national SOURCES.yml --site DIR [--cache DIR]`: the national catalogue.

Exit codes: 0 the site was built (some provinces may be on their last good snapshot or left
out: the output and the job summary say which); 1 nothing was built (SOURCES.yml has
problems, or no province has data); 2 usage (SOURCES.yml does not exist).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

HELP = "Bangun katalog nasional dari data terbuka provinsi / build the national catalogue from the provinces' open data"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", type=Path, metavar="SOURCES.yml",
                        help="daftar provinsi dan alamat data/catalogue.json-nya / the provinces and where each publishes data/catalogue.json")
    parser.add_argument("--site", type=Path, default=Path("site-nasional"),
                        help="folder situs nasional (diganti hanya jika berhasil) / the national site's folder (replaced only on success); default: site-nasional")
    parser.add_argument("--cache", type=Path, default=None,
                        help="folder cuplikan terakhir yang baik / folder of last good snapshots; default: .national-cache beside SOURCES.yml")


def run(args) -> int:
    from catalogue.national.build import build_national
    from catalogue.national.report import markdown
    from catalogue.national.sources import read_sources

    if not args.sources.is_file():
        print(f"{args.sources}: berkas tidak ada (perbaiki: beri jalur SOURCES.yml; lihat docs/national.md)\n"
              f"  (en) {args.sources}: no such file (fix: give the path of SOURCES.yml; see docs/national.md)")
        return 2
    sources, problems = read_sources(args.sources)
    if sources is None:
        for problem in problems:
            print(problem.format())
        print(f"Situs nasional TIDAK dibangun: {len(problems)} masalah di {args.sources}.\n"
              f"  (en) The national site was NOT built: {len(problems)} problems in {args.sources}.")
        return 1
    cache = args.cache if args.cache is not None else args.sources.parent / ".national-cache"
    result = build_national(sources, args.site, cache)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(markdown(result.provinces, sources.title))
    return 0 if result.built else 1


def main(argv=None) -> int:
    """For `python -m catalogue.national.command` until build.py wires the subcommand."""
    parser = argparse.ArgumentParser(prog="build.py national", description=HELP)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
