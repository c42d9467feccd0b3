"""The national build: gather every province (fetch, check, snapshot), then write the site.

Gather first, then write (design.md): nothing is written to the site folder until every
province has been fetched and checked and every page and the index are built in a temporary
folder beside it, which then replaces the old site in two renames (catalogue.files.swap_folder).
A province that fails (or whose file has no usable product) keeps its last good snapshot; one
that never succeeded is left out; the build fails only if no province at all has products to
show. The site folder is replaced only if it is empty, missing, or made by an earlier national
build (it holds MARKER): `--site .` never deletes a working folder.

Determinism: provinces and products are sorted (province code, then slug); the only date in
the output is, per province, the day its shown content was first fetched (kept in the
snapshot pointer while the content is unchanged), so unchanged data rebuilds into the same
bytes on any day; the Pagefind index is made byte-stable.
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
from catalogue.files import recover, swap_folder, temp_prefix
from catalogue.national import pages, report, snapshots
from catalogue.national.fetch import FetchFailed, fetch
from catalogue.national.pages import ProvinceView, category_label, price_text
from catalogue.national.problems import Problem
from catalogue.national.records import Invalid, Item, read_catalogue
from catalogue.national.regions import regions
from catalogue.national.search_index import write_index
from catalogue.national.sources import Source, Sources, origin

DEFAULT_CACHE = Path(".national-cache")
MARKER = ".katalog-opop-nasional"  # in every national site: the folder may be replaced
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
    problems: list[Problem] = field(default_factory=list)  # the first records.MAX_PROBLEMS
    failure: Problem | None = None  # why this build could not use a fresh file
    fetched: str | None = None  # the day the shown content was first fetched
    more: int = 0  # problems beyond `problems`
    skipped: int = 0  # records skipped


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
            reading = read_catalogue(data, source)
    except (FetchFailed, Invalid) as error:
        failure = Problem(where, "", error.id, error.en)
    else:
        stored = snapshots.save(cache, source.code, data, today, source.location)
        return ProvinceResult(source, "ok", reading.items, reading.problems, None, stored.fetched,
                              reading.more, reading.skipped)
    snapshot = snapshots.last_good(cache, source.code)
    if snapshot is not None:
        try:
            with _PARSING:
                reading = read_catalogue(snapshot.data, source)
        except Invalid:  # e.g. this builder is older than the one that stored it
            pass
        else:
            return ProvinceResult(source, "stale", reading.items, reading.problems, failure, snapshot.fetched,
                                  reading.more, reading.skipped)
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
    content = " ".join(w if w.endswith((".", "!", "?", "؟")) else w + "." for w in words if w)
    return {"url": item.url, "content": content, "meta": meta,
            "filters": {"provinsi": [province], "kategori": [category], "kabupaten": [regency]},
            # Every record carries the key (a record without it drops out of sorted results).
            "sort": {"harga": str(item.price_min)}}


def province_site(source: Source) -> str | None:
    return source.base if source.base and source.base.startswith(("http://", "https://")) else None


def replaceable(site_dir: Path) -> bool:
    """May `site_dir` be replaced: missing, an empty folder, or an earlier national site."""
    if not site_dir.exists():
        return True
    if not site_dir.is_dir() or site_dir.is_symlink():
        return False
    return (site_dir / MARKER).is_file() or not any(site_dir.iterdir())


def build_national(sources: Sources, site_dir: Path, cache: Path = DEFAULT_CACHE, *, say=print,
                   **fetch_options) -> NationalResult:
    """Build the national site into `site_dir` (replaced only on success). Raises OSError
    (the cache or the site folder cannot be written) and SearchIndexFailed; the site folder
    is then untouched."""
    site_dir = Path(site_dir).resolve()
    recover(site_dir)
    if not replaceable(site_dir):
        say(f"{site_dir}: diharapkan folder situs nasional, folder kosong atau folder baru, ditemukan folder lain "
            f"(tanpa berkas {MARKER}) (perbaiki: pilih folder lain untuk --site; folder ini tidak diubah)\n"
            f"  (en) {site_dir}: expected a national site's folder, an empty folder or a new one, found another folder "
            f"(without a {MARKER} file) (fix: choose another folder for --site; this one is unchanged)")
        return NationalResult([], built=False)
    today = clock.today().isoformat()
    cache = Path(cache)
    with ThreadPoolExecutor(max_workers=FETCH_THREADS) as pool:
        results = list(pool.map(lambda s: gather(s, cache, today, **fetch_options), sources.provinces))
    results.sort(key=lambda r: r.source.code)
    say(report.terminal(results))
    shown = [r for r in results if r.items]
    total = sum(len(r.items) for r in shown)
    if not total:
        say("Situs nasional TIDAK dibangun: tidak ada provinsi yang datanya dapat ditampilkan; "
            f"{site_dir} tidak diubah.\n  (en) The national site was NOT built: no province has data to show; "
            f"{site_dir} is unchanged.")
        return NationalResult(results, built=False)

    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=temp_prefix(site_dir, "new"), dir=site_dir.parent))
    try:
        files = _write_site(tmp, sources.title, results)
        tmp.chmod(0o755)
        swap_folder(tmp, site_dir)
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
    # Each one the province's own or one of its photo_hosts (records.py keeps no other photo).
    photo_origins = sorted({origin(item.photo) for item in items if item.photo})
    views = [ProvinceView(r.source.code, r.source.name, r.status, r.fetched, province_site(r.source), len(r.items))
             for r in results]
    writer = pages.Writer(out, title, photo_origins, views, names.regencies, names.provinces)
    by_category: dict[str, list[Item]] = {}
    for item in items:
        by_category.setdefault(item.category, []).append(item)
    categories = sorted(Counter({c: len(v) for c, v in by_category.items()}).items(),
                        key=lambda kv: category_label(kv[0]).casefold())
    writer.home(categories)
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
    (out / MARKER).write_text("Situs ini dibangun oleh `build.py national`; pembangunan berikutnya menggantinya.\n"
                              "This site was built by `build.py national`; the next build replaces it.\n", encoding="utf-8")
    return sum(1 for p in out.rglob("*") if p.is_file())
