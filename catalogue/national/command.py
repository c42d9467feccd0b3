"""`python build.py national SOURCES.yml --site DIR [--cache DIR]`: the national catalogue.

Exit codes: 0 the site was built (some provinces may be on their last good snapshot or left
out: the output and the job summary say which); 1 nothing was built (SOURCES.yml has
problems, no province has products, --site is a folder the national build did not make, the
cache or site cannot be written, or the search index failed: one message, no traceback);
2 usage (SOURCES.yml does not exist).
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
    from catalogue.national.search_index import SearchIndexFailed
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
    try:
        result = build_national(sources, args.site, cache)
    except SearchIndexFailed as error:
        print(f"{args.site}: indeks pencarian tidak dapat dibuat: {error} (perbaiki: pasang ulang paket "
              "`pagefind[bin]` dengan `pip install -e .`, lalu bangun lagi); situs tidak diubah\n"
              f"  (en) {args.site}: the search index could not be made: {error} (fix: reinstall the "
              "`pagefind[bin]` package with `pip install -e .`, then build again); the site is unchanged")
        return 1
    except OSError as error:
        where = error.filename or args.site
        print(f"{where}: tidak dapat dibaca atau ditulis: {error.strerror or error} (perbaiki: periksa izin dan ruang disk "
              "folder ini, lalu bangun lagi); situs tidak diubah\n"
              f"  (en) {where}: cannot be read or written: {error.strerror or error} (fix: check this folder's "
              "permissions and free space, then build again); the site is unchanged")
        return 1
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and result.provinces:
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
