"""What the PDF catalogues cost (issue 16), written to docs/benchmarks.md:

    python bench/bench_pdf.py [--sizes 100,1000,3057] [--work /tmp/opop-bench-pdf] [--report-only]

For each N: the synthetic products of bench/generate.py (the products of a smaller N are hard
links to the first N of the largest, as bench/run.py does), validated and planned; the
renditions the PDFs read (each product's first-photo card) rendered into WORK/cache-N. Then the
PDF step of the build (catalogue.site.pdf_files.build_pdfs: print photos, then every PDF, on
every core), each in a fresh process:

- cold     empty print-photo and PDF caches
- warm     again, nothing changed (every PDF from the cache)
- change   one product's price changed (the middle product): its six PDFs are made again

and the sizes: the province PDF, the largest kabupaten/kota and category PDFs, all PDFs
together, bytes per product, the print photos. Results go to WORK/pdf-results-N.json; the
tables between the `bench-pdf:` markers of docs/benchmarks.md are rewritten from them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

LIMITS = {"province": 25_000_000, "regency": 5_000_000}  # issue 16: WhatsApp on mobile data
BEGIN, END = "<!-- bench-pdf:begin -->", "<!-- bench-pdf:end -->"


# --- the child: one measurement in a fresh process ---------------------------------------------


def child(kind: str, products: Path, cache: Path) -> dict:
    import dataclasses

    from catalogue.photos.renditions import plan_catalogue, render
    from catalogue.products.validate import check_catalogue
    from catalogue.site import pdf_files

    result = check_catalogue(products)
    catalogue = result.catalogue
    assert catalogue is not None, [p.format() for p in result.errors][:5]
    images = plan_catalogue(catalogue, memo_file=cache / "digests.json")
    out: dict = {"products": len(catalogue.products)}
    if kind == "prepare":
        start = time.perf_counter()
        problems = render([pdf_files.print_source(plan) for plan in images.values()], cache)
        assert not problems, problems[:3]
        out["render_seconds"] = time.perf_counter() - start
        return out
    if kind == "change":
        products = list(catalogue.products)
        middle = len(products) // 2
        p = products[middle]
        # The price: shown in both languages' PDFs (a summary in Indonesian only is in half).
        products[middle] = dataclasses.replace(p, price=dataclasses.replace(p.price, min=p.price.min + 500))
        catalogue = dataclasses.replace(catalogue, products=tuple(products))
        out["changed"] = p.slug
    me0, kids0 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    photos_start = time.perf_counter()
    pdf_files.prepare_print_photos(images, cache)
    out["print_photo_seconds"] = time.perf_counter() - photos_start
    built = pdf_files.build_pdfs(catalogue, images, cache, site_url="https://opop-kalsel.github.io/katalog/")
    out["seconds"] = time.perf_counter() - start
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    out["cpu"] = (me.ru_utime + me.ru_stime - me0.ru_utime - me0.ru_stime
                  + kids.ru_utime + kids.ru_stime - kids0.ru_utime - kids0.ru_stime)
    out["made"], out["reused"] = built.made, built.reused
    sizes = {path: file.stat().st_size for path, file in built.files}
    out["sizes"] = sizes
    names = pdf_files.prepare_print_photos(images, cache)
    photo_sizes = [(cache / "print" / name).stat().st_size for name in names.values()]
    out["print_photo_bytes"] = {"mean": sum(photo_sizes) / len(photo_sizes), "max": max(photo_sizes),
                                "at_cap": sum(s > pdf_files.PRINT_MAX_BYTES * 0.9 for s in photo_sizes)}
    return out


def run_child(kind: str, products: Path, cache: Path) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": "0", "CI": "true", "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", kind, str(products), str(cache)],
                          capture_output=True, text=True, env=env, cwd=REPO)
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed ({done.returncode}):\n{done.stderr[-4000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["process_seconds"] = time.perf_counter() - start
    return report


# --- the driver --------------------------------------------------------------------------------


def measure(n: int, largest: int, work: Path, seed: int) -> dict:
    import shutil

    from run import ensure_products

    products = ensure_products(n, largest, work, seed)
    cache = work / f"cache-{n}"
    results: dict = {"n": n}
    results["prepare"] = run_child("prepare", products, cache)
    print(f"N={n}: renditions ready ({results['prepare']['render_seconds']:.0f} s)", flush=True)
    for folder in ("print", "pdf"):
        shutil.rmtree(cache / folder, ignore_errors=True)
    for kind in ("cold", "warm", "change"):
        results[kind] = run_child(kind, products, cache)
        r = results[kind]
        print(f"N={n} {kind}: {r['seconds']:.1f} s wall, {r['cpu']:.1f} s CPU, {r['made']} made, "
              f"{r['reused']} reused", flush=True)
    import platform

    results["machine"] = {"cores": os.cpu_count(), "python": platform.python_version()}
    (work / f"pdf-results-{n}.json").write_text(json.dumps(results, indent=1, sort_keys=True))
    return results


def _mb(size: float) -> str:
    return f"{size / 1e6:.2f} MB"


def report(work: Path) -> str:
    runs = sorted((json.loads(p.read_text()) for p in work.glob("pdf-results-*.json")), key=lambda r: r["n"])
    if not runs:
        raise SystemExit(f"no results in {work}")
    cols = " | ".join(f"N = {r['n']:,}" for r in runs)
    lines = [f"| measure | {cols} |", "|---|" + "---:|" * len(runs)]

    def row(label: str, values) -> None:
        lines.append(f"| {label} | " + " | ".join(values) + " |")

    def biggest(r: dict, prefix: str) -> tuple[str, int]:
        found = [(size, path) for path, size in r["cold"]["sizes"].items() if path.startswith(prefix) and path.endswith(".pdf")]
        size, path = max(found)
        return path, size

    for r in runs:
        r["province"] = max(r["cold"]["sizes"]["unduh/katalog-kalsel.pdf"], r["cold"]["sizes"]["unduh/katalog-kalsel-en.pdf"])
        r["regency"] = biggest(r, "unduh/kabupaten/")
        r["category"] = biggest(r, "unduh/kategori/")
    row("province PDF, the larger language", [_mb(r["province"]) for r in runs])
    row("… bytes per product", [f"{r['province'] / r['n']:,.0f}" for r in runs])
    row("largest kabupaten/kota PDF", [f"{_mb(r['regency'][1])} ({_count(r, r['regency'][0])})" for r in runs])
    row("largest category PDF", [f"{_mb(r['category'][1])} ({_count(r, r['category'][0])})" for r in runs])
    row("all PDFs (added to the site)", [f"{_mb(sum(r['cold']['sizes'].values()))} in {len(r['cold']['sizes'])} files" for r in runs])
    row("print photo, mean / largest (bytes)",
        [f"{r['cold']['print_photo_bytes']['mean']:,.0f} / {r['cold']['print_photo_bytes']['max']:,}" for r in runs])
    row("cold: wall (s)", [f"{r['cold']['seconds']:.1f}" for r in runs])
    row("cold: CPU, all processes (s)", [f"{r['cold']['cpu']:.1f}" for r in runs])
    row("… of which print photos, wall (s)", [f"{r['cold']['print_photo_seconds']:.1f}" for r in runs])
    row("warm, nothing changed: wall (s)", [f"{r['warm']['seconds']:.2f}" for r in runs])
    row("one product changed: wall (s)", [f"{r['change']['seconds']:.1f}" for r in runs])
    row("one product changed: CPU (s)", [f"{r['change']['cpu']:.1f}" for r in runs])
    row("one product changed: PDFs made / reused", [f"{r['change']['made']} / {r['change']['reused']}" for r in runs])
    largest = runs[-1]
    verdicts = [
        "| target | measured | |", "|---|---|---|",
        f"| province PDF ≤ 25 MB at N = {largest['n']:,} | {_mb(largest['province'])} | "
        f"**{'met' if largest['province'] <= LIMITS['province'] else 'missed'}** |",
        f"| each kabupaten/kota PDF ≤ 5 MB at N = {largest['n']:,} | largest {_mb(largest['regency'][1])} | "
        f"**{'met' if largest['regency'][1] <= LIMITS['regency'] else 'missed'}** |",
    ]
    machine = largest["machine"]
    return "\n".join([BEGIN, *verdicts, "", *lines, "",
                      f"Machine: {machine['cores']} cores, Python {machine['python']}; `python bench/bench_pdf.py`.", END])


def _count(r: dict, path: str) -> str:
    return path.rsplit("/", 1)[-1].removeprefix("katalog-kalsel-").removesuffix(".pdf")


def write_report(work: Path, target: Path) -> None:
    text = target.read_text(encoding="utf-8")
    block = report(work)
    if BEGIN in text:
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        raise SystemExit(f"{target} has no {BEGIN} … {END} markers (under '## PDF catalogues (issue 16)')")
    target.write_text(text, encoding="utf-8")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,3057")
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("OPOP_BENCH_PDF_DIR", "/tmp/opop-bench-pdf")),
                        help="products (~12 GB at 3,057: 1-4 photos of 12 MP each), caches, results")
    parser.add_argument("--seed", type=int, default=3057)
    parser.add_argument("--master", type=int, default=3057, help="generate this many once; smaller N are hard links")
    parser.add_argument("--report", type=Path, default=REPO / "docs" / "benchmarks.md")
    parser.add_argument("--report-only", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if not args.report_only:
        sizes = sorted(int(s) for s in args.sizes.split(","))
        for n in sizes:
            measure(n, max(*sizes, args.master), args.work, args.seed)
    write_report(args.work, args.report)
    print(f"wrote {args.report}")


if __name__ == "__main__":
    main()
