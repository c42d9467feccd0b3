"""`python build.py photos [--products DIR] [--shard I/N] [--export DIR] [--count]`.

Renders the missing renditions of the catalogue's photos (or of one share of them,
catalogue/photos/shards.py) into the photo cache and exits; the build that follows finds them
cached. `--count` renders nothing and says how many photos are missing and how many shares
the Pages workflow should use (written to $GITHUB_OUTPUT as `missing`, `shards` and `matrix`
when that is set). Exit codes: 0 done, 1 the catalogue or a photo has errors, 2 usage.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from catalogue.photos.renditions import all_renditions, default_cache_dir, plan_catalogue
from catalogue.photos.shards import missing, parse_shard, render_share, shards_for

WORDS = {
    "id": {
        "count": "Foto: {sources} foto sumber; {missing} belum punya semua ukurannya ({renditions} berkas hilang). "
                 "Bagian yang disarankan: {shards}{note}.",
        "no_split": " (sedikit: build merendernya sendiri)",
        "share": "Foto{which}: {sources} foto sumber, {renditions} berkas; dibuat {made}, sudah ada {cached} ({seconds:.0f} d).",
        "which": " bagian {shard}",
        "exported": "Berkas baru disalin ke {dir}.",
        "bad": "Ditemukan {errors} galat; foto tidak dirender.",
        "shard": "build.py photos: --shard: {error}",
    },
    "en": {
        "count": "Photos: {sources} source photos; {missing} lack some of their sizes ({renditions} files missing). "
                 "Suggested shares: {shards}{note}.",
        "no_split": " (few: the build renders them itself)",
        "share": "Photos{which}: {sources} source photos, {renditions} files; made {made}, already cached {cached} ({seconds:.0f} s).",
        "which": " share {shard}",
        "exported": "New files copied to {dir}.",
        "bad": "Found {errors} errors; no photo rendered.",
        "shard": "build.py photos: --shard: {error}",
    },
}


def run_photos(products: Path, shard_text: str | None, export: Path | None, count: bool, lang: str = "id",
               cache_dir: Path | None = None, workers: int | None = None) -> int:
    from catalogue.clock import today
    from catalogue.products.validate import check_catalogue

    w = WORDS[lang]
    try:
        shard = parse_shard(shard_text) if shard_text else None
    except ValueError as e:
        print(w["shard"].format(error=e), file=sys.stderr)
        return 2
    result = check_catalogue(products, today())
    errors = [p for p in result.problems if p.is_error]
    if result.catalogue is None:
        for problem in errors:
            print(problem.format(lang))
        print(w["bad"].format(errors=len(errors)))
        return 1
    cache = Path(cache_dir) if cache_dir else default_cache_dir()
    plans = plan_catalogue(result.catalogue, memo_file=cache / "digests.json")
    if count:
        todo = missing(all_renditions(plans), cache)
        sources = len({r.digest for r in todo})
        shards = shards_for(sources)
        note = w["no_split"] if shards == 0 else ""
        total = len({r.digest for r in all_renditions(plans)})
        print(w["count"].format(sources=_n(total, lang), missing=_n(sources, lang), renditions=_n(len(todo), lang),
                                shards=shards, note=note))
        _github_output(missing=sources, shards=shards, matrix=json.dumps(list(range(1, shards + 1))))
        return 0
    start = time.monotonic()
    done = render_share(plans, cache, shard, export_dir=export)
    for problem in done.problems:
        print(problem.format(lang))
    which = w["which"].format(shard=shard) if shard else ""
    print(w["share"].format(which=which, sources=_n(done.sources, lang), renditions=_n(done.renditions, lang),
                            made=_n(len(done.rendered), lang), cached=_n(done.renditions - len(done.rendered), lang),
                            seconds=time.monotonic() - start))
    if export is not None:
        print(w["exported"].format(dir=export))
    return 1 if any(p.is_error for p in done.problems) else 0


def _n(value: int, lang: str) -> str:
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "id" else text


def _github_output(**values) -> None:
    path = os.environ.get("GITHUB_OUTPUT")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as f:
        for key, value in values.items():
            f.write(f"{key}={value}\n")
