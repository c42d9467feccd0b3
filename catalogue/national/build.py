"""The national build: gather every province (fetch, check, snapshot), then write the site.

Gather first, then write (design.md): nothing is written to the site folder until every
province has been fetched and checked and every page and the index are built in a temporary
folder beside it, which then replaces the old site in two renames (catalogue.site.build's
swap). A province that fails keeps its last good snapshot; one that never succeeded is left
out; the build fails only if no province at all has products to show.

Determinism: provinces and products are sorted (province code, then slug); the only date in
the output is each province's fetch day, from `catalogue.clock.today()` (SOURCE_DATE_EPOCH);
the Pagefind index is made byte-stable. The same sources and cache give the same bytes.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from catalogue import clock
from catalogue.national import pages, report, snapshots
from catalogue.national.fetch import FetchFailed, fetch
from catalogue.national.pages import ProvinceView, category_label, origin, price_text
from catalogue.national.problems import Problem
from catalogue.national.records import Invalid, Item, read_catalogue
from catalogue.national.regions import regions
from catalogue.national.search_index import write_index
from catalogue.national.sources import Source, Sources

DEFAULT_CACHE = Path(".national-cache")
FETCH_THREADS = 8
# Files are fetched in parallel but parsed one at a time: a parsed catalogue.json takes about
# ten times its size in Python objects (a 50 MB Jawa Timur file ≈ 0.5 GB while it is read);
# eight at once made the 40,000-product build peak at 2.4 GB (bench/bench_national.py).
_PARSING = threading.Lock()


@dataclass
class ProvinceResult:
    source: Source
    status: str  # "ok": fetched now; "stale": last good snapshot; "missing": nothing to show
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # skipped records
    failure: Problem | None = None  # why this build could not use a fresh file
    fetched: str | None = None  # the day the shown data was fetched


@dataclass
class NationalResult:
    provinces: list[ProvinceResult]
    built: bool
    products: int = 0
    files: int = 0


def gather(source: Source, cache: Path, today: str, **fetch_options) -> ProvinceResult:
    """One province: a fresh file if it can be fetched and read, else its last good snapshot."""
    where = f"provinsi {source.code} ({source.name})"
    try:
        data = fetch(source, **fetch_options)
        with _PARSING:
            items, problems = read_catalogue(data, source)
    except (FetchFailed, Invalid) as error:
        failure = Problem(where, "", error.id, error.en)
    else:
        snapshots.save(cache, source.code, data, today, source.location)
        return ProvinceResult(source, "ok", items, problems, None, today)
    snapshot = snapshots.last_good(cache, source.code)
    if snapshot is not None:
        try:
            with _PARSING:
                items, problems = read_catalogue(snapshot.data, source)
        except Invalid:  # e.g. this builder is older than the one that stored it
            pass
        else:
            return ProvinceResult(source, "stale", items, problems, failure, snapshot.fetched)
    return ProvinceResult(source, "missing", [], [], failure, None)


def search_record(item: Item, province: str, regency: str) -> dict:
    category = category_label(item.category)
    words = [item.name.get("id", ""), item.name.get("en", ""), item.name.get("ar", ""),
             item.summary.get("id", ""), item.summary.get("en", ""), item.summary.get("ar", ""),
             " ".join(item.tags), item.pesantren, regency, province, category]
    meta = {"title": item.name["id"], "pesantren": item.pesantren, "kabupaten": regency, "provinsi": province,
            "harga": price_text(item), "satuan": item.unit}
    if item.photo:
        meta["image"] = item.photo
        meta["image_alt"] = item.photo_alt
    price = item.price_min
    content = " ".join(w if w.endswith((".", "!", "?", "؟")) else w + "." for w in words if w)
    return {"url": item.url, "content": content, "meta": meta,
            "filters": {"provinsi": [province], "kategori": [category], "kabupaten": [regency]},
            # Every record carries the key (a record without it drops out of sorted results).
            "sort": {"harga": str(price) if isinstance(price, int) else f"{price:.2f}"}}


def province_site(source: Source) -> str | None:
    return source.base if source.base and source.base.startswith(("http://", "https://")) else None


def build_national(sources: Sources, site_dir: Path, cache: Path = DEFAULT_CACHE, *, say=print,
                   **fetch_options) -> NationalResult:
    """Build the national site into `site_dir` (replaced only on success)."""
    from catalogue.site.build import _recover, _swap, _temp_prefix

    today = clock.today().isoformat()
    cache = Path(cache)
    with ThreadPoolExecutor(max_workers=FETCH_THREADS) as pool:
        results = list(pool.map(lambda s: gather(s, cache, today, **fetch_options), sources.provinces))
    results.sort(key=lambda r: r.source.code)
    say(report.terminal(results))
    shown = [r for r in results if r.status != "missing"]
    total = sum(len(r.items) for r in shown)
    if not shown:
        say("Situs nasional TIDAK dibangun: tidak ada provinsi yang datanya dapat ditampilkan; "
            f"{site_dir} tidak diubah.\n  (en) The national site was NOT built: no province has data to show; "
            f"{site_dir} is unchanged.")
        return NationalResult(results, built=False)

    site_dir = Path(site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _recover(site_dir)
    tmp = Path(tempfile.mkdtemp(prefix=_temp_prefix(site_dir, "new"), dir=site_dir.parent))
    try:
        files = _write_site(tmp, sources.title, results)
        tmp.chmod(0o755)
        _swap(tmp, site_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    stale = sum(r.status == "stale" for r in results)
    missing = sum(r.status == "missing" for r in results)
    say(f"Situs nasional dibangun di {site_dir} ({total} produk dari {len(shown)} provinsi; "
        f"{stale} memakai data lama, {missing} tidak ditampilkan).\n"
        f"  (en) National site built in {site_dir} ({total} products from {len(shown)} provinces; "
        f"{stale} on a last good snapshot, {missing} left out).")
    return NationalResult(results, built=True, products=total, files=files)


def _write_site(out: Path, title: str, results: list[ProvinceResult]) -> int:
    names = regions()
    shown = [r for r in results if r.status != "missing"]
    items = [item for r in shown for item in r.items]  # sorted: province code, then slug
    photo_origins = sorted({origin(item.photo) for item in items if item.photo})
    views = [ProvinceView(r.source.code, r.source.name, r.status, r.fetched, province_site(r.source), len(r.items))
             for r in results]
    writer = pages.Writer(out, title, photo_origins, views, names.regencies, names.provinces)
    by_category: dict[str, list[Item]] = {}
    for item in items:
        by_category.setdefault(item.category, []).append(item)
    categories = sorted(Counter({c: len(v) for c, v in by_category.items()}).items(),
                        key=lambda kv: category_label(kv[0]).casefold())
    writer.home(categories, len(items))
    by_name = lambda item: (item.name["id"].casefold(), item.province, item.slug)  # noqa: E731
    for view, result in zip(views, results):
        if result.status != "missing":
            writer.listing(f"provinsi/{view.code}/", view.name, sorted(result.items, key=by_name),
                           province=view, crumb="provinsi")
    for code, members in sorted(by_category.items()):
        writer.listing(f"kategori/{code}/", category_label(code), sorted(members, key=by_name), crumb="kategori")
    writer.assets()
    (out / "data").mkdir(exist_ok=True)
    (out / "data" / "provinsi.json").write_text(report.status_json(results), encoding="utf-8")
    count = write_index((search_record(item, names.provinces[item.province], names.regencies[item.regency])
                         for item in items), out / "pagefind")
    assert count == len(items)
    return sum(1 for p in out.rglob("*") if p.is_file())
