"""Benchmark of the national build (issue 18): N products split over generated provinces.

    python bench/bench_national.py [--sizes 3057,10000,40000] [--keep DIR] [--json FILE]

For each N: writes one catalogue.json per province (records shaped like the samples' real
ones: every field catalogue/site/exports.py writes, a long description, photos), a SOURCES.yml,
then runs `national` in a child process and measures

- wall time of the whole command, and its peak memory: resource.getrusage(RUSAGE_CHILDREN)
  after the child ends (the largest resident set of the build and of the Pagefind service it
  starts),
- the site: bytes (sum of file sizes, as GitHub Pages counts them) of HTML, of the Pagefind
  index, of the rest; number of files,
- first-search bytes: the site is served on 127.0.0.1 and headless Chromium opens the home
  page with `?q=madu` (a word in about a tenth of the products) and waits for the results;
  every response is counted. Pages gzips text (HTML, CSS, JS, JSON) on the wire; Pagefind's
  index files and WebAssembly are gzip already and go as they are: so text responses are
  counted as gzip -6 of their bodies, others at their size. Reported: Pagefind's files alone
  (the province budget's definition: its code, index and the results' data) and everything
  the page fetched (HTML, CSS, JS; photos excluded: they come from the provinces).

Prints a Markdown table; --json writes the raw numbers.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

# Share of products per province (Jawa Timur has most pesantren; then Jawa Barat, Jawa
# Tengah, Banten, Kalimantan Selatan, …): 8 provinces.
SHARES = {"35": 0.34, "32": 0.22, "33": 0.16, "36": 0.08, "63": 0.07, "11": 0.05, "13": 0.04, "73": 0.04}
WORDS = ("madu kopi keripik dodol batik sasirangan abon sambal teh jahe gula aren beras sabun minyak kerupuk "
         "rengginang emping tempe tahu kacang bawang cabai jamu kurma songkok sarung peci tas anyaman rotan").split()
CATEGORIES = ("makanan", "minuman", "kerajinan", "fesyen", "pertanian", "perikanan", "peternakan", "herbal", "rumah-tangga")


def template_record() -> dict:
    """One real record (the samples' first product with photos) to vary."""
    from catalogue.products.validate import check_catalogue
    from catalogue.site.exports import product_record

    result = check_catalogue(REPO / "products")
    product = next(p for p in result.catalogue.products if p.photos)
    record = product_record(product, "https://opop.example/katalog/",
                            [f"https://opop.example/katalog/media/{i:020x}-960.webp" for i in range(len(product.photos))])
    return json.loads(json.dumps(record, ensure_ascii=False))


def regencies_of(code: str) -> list[str]:
    from catalogue.national.regions import regions

    return sorted(r for r in regions().regencies if r.startswith(code + "."))


def generate(n: int, folder: Path) -> Path:
    base = template_record()
    counts = {code: int(n * share) for code, share in SHARES.items()}
    counts["35"] += n - sum(counts.values())
    lines = ["title: Katalog OPOP Nasional (bench)", "provinces:"]
    k = 0
    for code, count in counts.items():
        site = f"https://opop-{code}.example/katalog/"
        regs = regencies_of(code)
        products = []
        for i in range(count):
            r = copy.deepcopy(base)
            word, other = WORDS[k % len(WORDS)], WORDS[(k * 7 + 3) % len(WORDS)]
            slug = f"{word}-{other}-{code}-{i}"
            r["slug"] = slug
            r["name"] = {"id": f"{word.capitalize()} {other} {i} Pesantren {code}", "en": f"{word} {other} product {i}",
                         "ar": f"منتج {i}"}
            r["category"] = CATEGORIES[k % len(CATEGORIES)]
            r["tags"] = [word, other]
            r["pesantren"]["regency"] = regs[k % len(regs)]
            r["pesantren"]["name"] = f"Pondok Pesantren {other.capitalize()} {i % 997} (contoh)"
            r["price"]["min"] = 5_000 + (k * 7919) % 495_000
            r["price"]["max"] = r["price"]["min"] * 2
            r["url"] = f"{site}produk/{slug}/"
            for j, photo in enumerate(r["photos"]):
                photo["url"] = f"{site}media/{k:014x}{j:06x}-960.webp"
            products.append(r)
            k += 1
        doc = {"format": "katalog-opop-kalsel", "format_version": 1, "documentation": site + "data/", "products": products}
        path = folder / code / "data" / "catalogue.json"
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
        lines += [f'  - code: "{code}"', f"    catalogue: {code}/data/catalogue.json", f"    site: {site}"]
    sources = folder / "SOURCES.yml"
    sources.write_text("\n".join(lines) + "\n", "utf-8")
    return sources


def site_parts(site: Path) -> dict:
    parts = {"html": 0, "pagefind": 0, "other": 0, "files": 0, "pagefind_files": 0, "html_files": 0}
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            parts["files"] += 1
            rel = path.relative_to(site).parts
            if rel[0] == "pagefind":
                parts["pagefind"] += size
                parts["pagefind_files"] += 1
            elif path.suffix == ".html":
                parts["html"] += size
                parts["html_files"] += 1
            else:
                parts["other"] += size
    parts["total"] = parts["html"] + parts["pagefind"] + parts["other"]
    return parts


TEXT = (".js", ".json", ".html", ".css", ".svg", "/")


def first_search(site: Path) -> dict:
    from conftest import CHROMIUM_ARGS, serve_dir
    from playwright.sync_api import sync_playwright

    seen = []
    with serve_dir(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844})

        def on_response(response):
            if not response.url.startswith(url):
                return  # photos: at the provinces' addresses
            try:
                body = response.body()
            except Exception:  # noqa: BLE001 (a redirect or an aborted request has no body)
                return
            path = response.url[len(url):].split("?")[0]
            wire = len(gzip.compress(body, 6)) if path == "" or path.endswith(TEXT) else len(body)
            seen.append((path, len(body), wire))

        context.on("response", on_response)
        page = context.new_page()
        page.goto(url + "?q=madu")
        page.wait_for_selector("#cari[data-done]", timeout=120_000)
        count = page.locator(".search__status").text_content()
        browser.close()
    pagefind = [s for s in seen if s[0].startswith("pagefind/")]
    by_kind = {}
    for path, _, wire in pagefind:
        kind = path.split("/")[1] if path.count("/") > 1 else path.split("/")[-1].split(".")[-1]
        by_kind[kind] = by_kind.get(kind, 0) + wire
    return {"pagefind_bytes": sum(s[2] for s in pagefind), "all_bytes": sum(s[2] for s in seen),
            "requests": len(seen), "results": count, "by_kind": by_kind}


def run(n: int, keep: Path | None) -> dict:
    folder = Path(tempfile.mkdtemp(prefix=f"national-{n}-", dir=keep))
    sources = generate(n, folder)
    json_bytes = sum(p.stat().st_size for p in folder.rglob("catalogue.json"))
    site = folder / "site"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795842000")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "catalogue.national.command", str(sources), "--site", str(site)],
                          cwd=REPO, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode != 0:
        raise SystemExit(f"national build failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    result = {"n": n, "wall_s": round(wall, 1), "peak_rss_mb": round(peak_kb / 1024, 1),
              "input_json_mb": round(json_bytes / 1e6, 1), **site_parts(site), **first_search(site)}
    if keep is None:
        shutil.rmtree(folder)
    return result


def table(rows: list[dict]) -> str:
    head = "| measure | " + " | ".join(f"N = {r['n']:,}" for r in rows) + " |"
    lines = [head, "|---|" + "---:|" * len(rows)]

    def line(label, fn):
        lines.append(f"| {label} | " + " | ".join(fn(r) for r in rows) + " |")

    line("provinces' catalogue.json, total (MB)", lambda r: f"{r['input_json_mb']}")
    line("wall time, whole command (s)", lambda r: f"{r['wall_s']}")
    line("peak memory, build or Pagefind (MB RSS)", lambda r: f"{r['peak_rss_mb']}")
    line("site size (MB, sum of file sizes)", lambda r: f"{r['total'] / 1e6:.1f}")
    line("… HTML (MB) / pages", lambda r: f"{r['html'] / 1e6:.1f} / {r['html_files']:,}")
    line("… Pagefind index (MB) / files", lambda r: f"{r['pagefind'] / 1e6:.1f} / {r['pagefind_files']:,}")
    line("files in the site", lambda r: f"{r['files']:,}")
    line("first search `madu`: Pagefind (KB on the wire)", lambda r: f"{r['pagefind_bytes'] / 1024:.0f}")
    line("… of which the page list (pf_meta, KB)", lambda r: f"{r['by_kind'].get('pf_meta', 0) / 1024:.0f}")
    line("first search: everything the page fetched (KB)", lambda r: f"{r['all_bytes'] / 1024:.0f}")
    line("results shown for `madu`", lambda r: r["results"])
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="3057,10000,40000")
    parser.add_argument("--keep", type=Path, default=None, help="keep the generated provinces and sites here")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        # One child per size: RUSAGE_CHILDREN's peak is a maximum over all children so far,
        # so each size is measured in a fresh process of this script.
        if len(args.sizes.split(",")) > 1:
            out = subprocess.run([sys.executable, __file__, "--sizes", str(n), "--json", "/dev/stdout"]
                                 + (["--keep", str(args.keep)] if args.keep else []),
                                 capture_output=True, text=True, check=True).stdout
            rows.append(json.loads(out.strip().splitlines()[-1]))
        else:
            rows.append(run(n, args.keep))
        print(f"N = {n}: {json.dumps(rows[-1])}", file=sys.stderr)
    if args.json:
        with open(args.json, "w") as handle:
            handle.write(json.dumps(rows if len(rows) > 1 else rows[0]) + "\n")
    if len(rows) > 1 or not args.json:
        print(table(rows))


if __name__ == "__main__":
    main()
