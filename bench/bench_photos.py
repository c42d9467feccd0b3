"""Measure the photo pipeline; prints Markdown tables for docs/photos.md.

    python bench/bench_photos.py                 # cold and warm numbers (about 4 minutes, 2 cores)
    python bench/bench_photos.py --tune          # also WebP/JPEG encoder settings and draft decoding
    python bench/bench_photos.py --products 300  # size of the warm-rebuild catalogue
    python bench/bench_photos.py --compare HEAD  # CPU and bytes per photo: this pipeline vs git's HEAD

Inputs are synthetic 12 MP (4000×3000) phone-like JPEGs, ~5 MB each at quality 92: gradients,
fractal edges and sensor grain, half of them stored sideways (EXIF orientation 6). They are
generated once into --work (default /tmp/opop-bench-photos) and reused. Not a test: nothing
here asserts a time.
"""

from __future__ import annotations

import argparse
import io
import math
import os
import resource
import shutil
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image, ImageChops, ImageFilter, ImageStat  # noqa: E402

from catalogue.photos import renditions as photos  # noqa: E402
from catalogue.products.imageinfo import inspect_image  # noqa: E402
from catalogue.products.model import Catalogue, Contact, Cooperative, Pesantren, Photo, Price, Product, Text  # noqa: E402

SIZE = (4000, 3000)


def synthetic_photo(seed: int) -> Image.Image:
    w, h = SIZE
    channels = []
    for i, extent in enumerate([(-2.0, -1.1, 0.6, 1.1), (-1.6, -0.9, 0.4, 0.9), (-0.75, 0.05, -0.72, 0.09)]):
        dx = 0.003 * seed * (extent[2] - extent[0])  # pan a little per seed
        extent = (extent[0] + dx, extent[1], extent[2] + dx, extent[3])
        fractal = Image.effect_mandelbrot((w // 2, h // 2), extent, 60 + 20 * i).resize(SIZE, Image.BICUBIC)
        ramp = Image.linear_gradient("L").resize(SIZE).rotate(40 * i + 7 * seed)
        channels.append(ImageChops.add(fractal.filter(ImageFilter.GaussianBlur(1)), ramp, scale=2.0))
    grain = Image.effect_noise(SIZE, 12).convert("RGB")
    return ImageChops.add(Image.merge("RGB", channels), grain, offset=-128)


def jpeg_inputs(work: Path, count: int) -> list[Path]:
    out = []
    for seed in range(count):
        path = work / "inputs" / f"photo{seed:02d}.jpg"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            im = synthetic_photo(seed)
            exif = Image.Exif()
            if seed % 2:  # stored sideways, as a phone held upright stores it
                im, exif[0x0112] = im.transpose(Image.Transpose.ROTATE_90), 6
            im.save(path, "JPEG", quality=92, exif=exif.tobytes())
        out.append(path)
    return out


def heic_inputs(work: Path, jpegs: list[Path]) -> list[Path]:
    import pillow_heif

    out = []
    for src in jpegs:
        path = src.with_suffix(".heic")
        if not path.exists():
            pillow_heif.from_pillow(Image.open(src).convert("RGB")).save(path, quality=80)
        out.append(path)
    return out


def variant(src: Path, dst: Path, tag: str) -> None:
    """Same pixels, different bytes (a JPEG comment after SOI): a distinct photo for hashing."""
    data = src.read_bytes()
    text = tag.encode()
    dst.write_bytes(data[:2] + b"\xff\xfe" + (len(text) + 2).to_bytes(2, "big") + text + data[2:])


def product(slug: str, paths: list[Path]) -> Product:
    infos = [inspect_image(p) for p in paths]
    return Product(
        slug=slug, source=paths[0].parent / "product.yml", name=Text(slug), summary=Text("-"),
        description=Text("-"), category="minuman", pesantren=Pesantren(slug, "63.03", "-"),
        cooperative=Cooperative(slug), price=Price(1, Text("-")), markets=("regional",),
        photos=tuple(Photo(p.name, Text("-"), p, i.width, i.height, i.format) for p, i in zip(paths, infos)),
        contact=Contact("-", "+6281150000001"), updated=date(2024, 1, 1),
    )


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def cold(paths: list[Path], work: Path, workers: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds) to render every rendition of `paths` into an empty cache.

    CPU time is this process's (1 worker runs inline) plus the pool workers' (reaped at the
    end of render), so it does not depend on what else the machine is doing."""
    cat = Catalogue(tuple(product(f"p{i}", [p]) for i, p in enumerate(paths)), date(2025, 1, 1))
    renditions = photos.all_renditions(photos.plan_catalogue(cat))
    cache = work / f"cold-{workers}"
    shutil.rmtree(cache, ignore_errors=True)
    before = _cpu()
    seconds, problems = timed(lambda: photos.render(renditions, cache, workers=workers, progress=False))
    assert problems == [], problems
    return seconds, _cpu() - before


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def warm(work: Path, sources: list[Path], count: int, workers: int) -> list[tuple[str, str]]:
    """A catalogue of `count` products × 2 photos; cold build, then one photo changed."""
    root = work / "catalogue"
    shutil.rmtree(root, ignore_errors=True)
    products = []
    for i in range(count):
        folder = root / f"produk-{i:04d}"
        folder.mkdir(parents=True)
        paths = []
        for j in range(2):
            variant(sources[(2 * i + j) % len(sources)], folder / f"foto{j}.jpg", f"{i}-{j}")
            paths.append(folder / f"foto{j}.jpg")
        products.append(paths)
    t_inspect, cat_products = timed(lambda: [product(f"produk-{i:04d}", p) for i, p in enumerate(products)])
    cat = Catalogue(tuple(cat_products), date(2025, 1, 1))
    total_bytes = sum(p.stat().st_size for ps in products for p in ps)
    cache = work / "warm-cache"
    shutil.rmtree(cache, ignore_errors=True)

    def build():
        cpu = _cpu()
        t_plan, plans = timed(lambda: photos.plan_catalogue(cat))
        renditions = photos.all_renditions(plans)
        t_render, problems = timed(lambda: photos.render(renditions, cache, workers=workers, progress=False))
        assert problems == []
        cpus.append(_cpu() - cpu)
        return t_plan, t_render, len(renditions)

    cpus: list[float] = []

    t_cold, (cold_plan, cold_render, n_renditions) = timed(build)
    time.sleep(2.1)  # older than the 2 s "racily clean" window, as files in a checkout are
    photos._digests.clear()  # a new process, as in CI
    t_noop, (noop_plan, noop_render, _) = timed(build)
    changed = products[count // 2][0]
    variant(sources[0], changed, "changed")
    cat = Catalogue(tuple(product(f"produk-{i:04d}", p) for i, p in enumerate(products)), date(2025, 1, 1))
    photos._digests.clear()
    t_warm, (warm_plan, warm_render, _) = timed(build)
    variant(sources[1], changed, "changed again")
    cat = Catalogue(tuple(product(f"produk-{i:04d}", p) for i, p in enumerate(products)), date(2025, 1, 1))
    t_serve, (serve_plan, serve_render, _) = timed(build)  # same process: digests remembered
    n = 2 * count
    load = os.getloadavg()[0]
    return [
        ("catalogue", f"{count} products, {n} photos, {total_bytes / 1e9:.2f} GB, {n_renditions} renditions"),
        ("inspect every photo (validator)", f"{t_inspect:.2f} s ({t_inspect / n * 1e6:.0f} µs per photo)"),
        ("cold build", f"{t_cold:.0f} s wall, {cpus[0]:.0f} s CPU (plan {cold_plan:.1f} s + render {cold_render:.0f} s)"),
        ("rebuild, nothing changed, new process (CI)",
         f"{t_noop:.2f} s wall, {cpus[1]:.2f} s CPU (hash {noop_plan:.2f} s = {total_bytes / noop_plan / 1e9:.1f} GB/s"
         f" + cache check {noop_render:.3f} s)"),
        ("rebuild, one photo changed, new process (CI)",
         f"{t_warm:.2f} s wall, {cpus[2]:.2f} s CPU (hash {warm_plan:.2f} s + render {warm_render:.2f} s)"),
        ("rebuild, one photo changed, same process (`mkdocs serve`)",
         f"{t_serve:.2f} s wall, {cpus[3]:.2f} s CPU (hash {serve_plan:.3f} s + render {serve_render:.2f} s)"),
        ("load average at the end", f"{load:.1f}"),
    ]


def psnr(a: Image.Image, b: Image.Image) -> float:
    rms = ImageStat.Stat(ImageChops.difference(a, b)).rms
    mse = sum(r * r for r in rms) / len(rms)
    return 10 * math.log10(255 ** 2 / mse) if mse else 99.0


def cpu_ms(fn, n=3) -> float:
    """Least CPU time of n runs, in ms: robust to other processes on a shared machine."""
    best = math.inf
    for _ in range(n):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best * 1000


def size_at(points: list[tuple[float, float]], target: float) -> float:
    """Size at a PSNR, interpolated (log size) between measured (psnr, size) points."""
    points = sorted(points)
    for (p0, s0), (p1, s1) in zip(points, points[1:]):
        if p0 <= target <= p1:
            return math.exp(math.log(s0) + (math.log(s1) - math.log(s0)) * (target - p0) / (p1 - p0))
    return math.nan


def tune(path: Path) -> list[str]:
    """Decode and encoder settings for a 1600-px rendition of a 12 MP JPEG: CPU time, size, PSNR.

    Two references: the grainy synthetic photo, and the same smoothed and sharpened, which is
    closer to what a phone's denoiser delivers.
    """
    data = path.read_bytes()

    def decode(draft):
        im = Image.open(io.BytesIO(data))
        if draft:
            im.draft(None, (1600, 1200))
        im.load()
        return im

    full = decode(False)
    grainy = full.resize((1600, 1200), Image.Resampling.LANCZOS)
    lines = ["| step | setting | CPU ms | PSNR (dB) vs exact |", "|---|---|---:|---:|"]
    for draft in (False, True):
        im = decode(draft)
        ms = cpu_ms(lambda: decode(draft)), cpu_ms(lambda: im.resize((1600, 1200), Image.Resampling.LANCZOS))
        out = im.resize((1600, 1200), Image.Resampling.LANCZOS)
        lines.append(f"| decode + resize to 1600 | draft={draft} ({im.size[0]}×{im.size[1]}) | {ms[0]:.0f} + {ms[1]:.0f} | "
                     f"{psnr(grainy, out):.1f} |")
    sizes = [(1600, 1200), (960, 720), (480, 360), (1200, 630)]
    for gap in (None, 2.0):
        ms = cpu_ms(lambda: [full.resize(size, Image.Resampling.LANCZOS, reducing_gap=gap) for size in sizes])
        worst = min(psnr(full.resize(size, Image.Resampling.LANCZOS),
                         full.resize(size, Image.Resampling.LANCZOS, reducing_gap=gap)) for size in sizes)
        lines.append(f"| resize 12 MP to 1600, 960, 480, 1200 wide | reducing_gap={gap} | {ms:.0f} | {worst:.1f} (worst) |")
    smooth = grainy.filter(ImageFilter.GaussianBlur(1.2)).filter(ImageFilter.UnsharpMask(2, 80, 2))
    lines += ["", "| encoder | setting | CPU ms grainy / smooth | KiB grainy / smooth | PSNR grainy / smooth |",
              "|---|---|---:|---:|---:|"]
    curves: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for fmt, settings in (("WebP", [{"method": m} for m in (0, 2, 4, 5, 6)]),
                          ("JPEG", [{}, {"optimize": True}, {"optimize": True, "progressive": True}])):
        for setting in settings:
            label = ", ".join(f"{k}={v}" for k, v in setting.items()) or "baseline"
            for quality in (70, 75, 80, 85, 90):
                cells = []
                for name, ref in (("grainy", grainy), ("smooth", smooth)):
                    buf = io.BytesIO()
                    ms = cpu_ms(lambda: ref.save(io.BytesIO(), fmt.upper(), quality=quality, **setting))
                    ref.save(buf, fmt.upper(), quality=quality, **setting)
                    p = psnr(ref, Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))
                    curves.setdefault((f"{fmt} {label}", name), []).append((p, buf.tell()))
                    cells.append((ms, buf.tell() / 1024, p))
                lines.append(f"| {fmt} | {label}, q{quality} | " + " | ".join(
                    " / ".join(fmtv.format(c[i]) for c in cells) for i, fmtv in enumerate(("{:.0f}", "{:.0f}", "{:.2f}"))) + " |")
    lines += ["", "Size at equal PSNR, relative to WebP method 4 (log-interpolated over q70–90):", "",
              "| encoder | grainy @ 35 dB | smooth @ 40.5 dB |", "|---|---:|---:|"]
    for encoder in sorted({e for e, _ in curves}):
        cells = []
        for name, target in (("grainy", 35.0), ("smooth", 40.5)):
            ratio = size_at(curves[(encoder, name)], target) / size_at(curves[("WebP method=4", name)], target)
            cells.append(f"{(ratio - 1) * 100:+.0f} %")
        lines.append(f"| {encoder} | {' | '.join(cells)} |")
    return lines


def pipeline_at(rev: str):
    """catalogue/photos/renditions.py as it is at git revision `rev`, imported under another
    name (it shares the rest of the package), to run old and new pipelines side by side."""
    import importlib.util
    import subprocess
    import tempfile

    source = subprocess.run(["git", "show", f"{rev}:catalogue/photos/renditions.py"], cwd=Path(__file__).parents[1],
                            capture_output=True, text=True, check=True).stdout
    path = Path(tempfile.mkdtemp()) / f"renditions_{rev.replace('/', '_')}.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def compare(rev: str, paths: list[Path], photos_per_product: int = 8, rounds: int = 5) -> list[str]:
    """CPU per 12 MP photo for every rendition of a product of `photos_per_product` photos,
    and the bytes, with the pipeline at `rev` and this one, runs interleaved (the machine's
    load hits both alike); the least CPU of `rounds` runs. Also PSNR of each new rendition
    against an exact rendering (full decode, Lanczos without reduction)."""
    old = pipeline_at(rev)
    sources = paths[:photos_per_product]
    lines = []
    results = {}
    for label, module in ((rev, old), ("now", photos)):
        product_ = product("p", sources)
        plan = module.plan_product(product_)
        jobs = []
        for ph in plan.photos:
            rs = list(module.all_renditions({"p": module.ProductImages((ph,), plan.og)})) if ph is plan.photos[0] else \
                [r for r in (*ph.gallery_webp, ph.card_webp) if r is not None]
            jobs.append((ph.photo.source.read_bytes(), sorted({r.name: r for r in rs}.values(), key=lambda r: r.name)))
        results[label] = (module, jobs)
    best = {label: [math.inf] * len(results[label][1]) for label in results}
    sizes = {}
    for _ in range(rounds):
        for label, (module, jobs) in results.items():
            for i, (data, rs) in enumerate(jobs):
                start = time.process_time()
                blobs = module.make_renditions(data, rs)
                best[label][i] = min(best[label][i], time.process_time() - start)
                sizes[(label, i)] = sum(map(len, blobs))
    lines += [f"| pipeline | first photo (all its renditions + link preview) ms | other photo ms | "
              f"per photo at {photos_per_product} photos ms | KiB per product |", "|---|---:|---:|---:|---:|"]
    for label, (module, jobs) in results.items():
        cpu = best[label]
        lines.append(f"| {label} | {cpu[0] * 1000:.0f} | {sum(cpu[1:]) / max(1, len(cpu) - 1) * 1000:.0f} | "
                     f"{sum(cpu) / len(cpu) * 1000:.0f} | {sum(sizes[(label, i)] for i in range(len(jobs))) / 1024:.0f} |")
    return lines


def quality(paths: list[Path]) -> list[str]:
    """PSNR of each rendition of the new pipeline against an exact rendering (full decode,
    Lanczos without reduction, same crop), and its bytes: what the cheaper steps cost."""
    lines = ["| photo | rendition | KiB | PSNR vs exact (dB) |", "|---|---|---:|---:|"]
    for path in paths[:4]:
        plan = photos.plan_product(product("p", [path]))
        rs = [*plan.photos[0].renditions, plan.og]
        data = path.read_bytes()
        blobs = photos.make_renditions(data, rs)
        info = inspect_image(path)
        full = Image.open(io.BytesIO(data))
        full.load()  # no draft: the whole photo
        if info.orientation in photos._UPRIGHT:
            full = full.transpose(photos._UPRIGHT[info.orientation])
        full = photos._to_srgb(full)
        for r, blob in zip(rs, blobs):
            x, y, w, h = r.place
            exact = full.resize((w, h), Image.Resampling.LANCZOS, box=r.box)
            got = Image.open(io.BytesIO(blob)).convert("RGB").crop((x, y, x + w, y + h))
            lines.append(f"| {path.name} | {r.kind} {r.width}×{r.height} | {len(blob) / 1024:.1f} | {psnr(exact, got):.2f} |")
    return lines


def rate_distortion(rev: str, paths: list[Path]) -> list[str]:
    """Quality per byte of the new resampling against `rev`'s: each pipeline's pixels for the
    960 gallery image and the link preview, encoded at several qualities; PSNR against an exact
    rendering; the new pipeline's size at the PSNR the old one reaches at its setting."""
    old = pipeline_at(rev)
    lines = ["| photo | rendition | old: KiB, dB at its setting | new at equal PSNR | new at its setting |",
             "|---|---|---:|---:|---:|"]
    for path in paths:
        data, info = path.read_bytes(), inspect_image(path)
        full = Image.open(io.BytesIO(data))
        full.load()
        if info.orientation in photos._UPRIGHT:
            full = full.transpose(photos._UPRIGHT[info.orientation])
        full = photos._to_srgb(full)
        new_plan, old_plan = photos.plan_product(product("p", [path])), old.plan_product(product("p", [path]))
        cases = (("gallery", new_plan.photos[0].gallery_webp[-1], old_plan.photos[0].gallery_webp[-1], "WEBP", 80, 80),
                 ("card", new_plan.photos[0].card_webp, old_plan.photos[0].card_webp, "WEBP", 80, 80),
                 ("og", new_plan.og, old_plan.og, "JPEG", old.OG_QUALITIES[0], photos.OG_QUALITIES[0]))
        for kind, r_new, r_old, fmt, q_old, q_new in cases:
            x, y, w, h = r_new.place
            exact = full.resize((w, h), Image.Resampling.LANCZOS, box=r_new.box)

            def pixels(module, r, siblings):
                made = module.make_renditions  # the module's own path to these pixels, without encoding
                encode, module._encode = module._encode, lambda im, r: im
                try:
                    return made(data, [r], siblings)[0].crop((x, y, x + w, y + h))
                finally:
                    module._encode = encode

            px_old = pixels(old, r_old, [*old_plan.photos[0].gallery_webp, old_plan.photos[0].card_webp, old_plan.og])
            px_new = pixels(photos, r_new, [*new_plan.photos[0].renditions, new_plan.og])

            def point(im, q):
                buf = io.BytesIO()
                options = {"method": photos.WEBP_METHOD} if fmt == "WEBP" else {"optimize": True, "progressive": True}
                im.save(buf, fmt, quality=q, **options)
                return psnr(exact, Image.open(io.BytesIO(buf.getvalue())).convert("RGB")), buf.tell()

            curve = [point(px_new, q) for q in range(50, 96, 5)]
            p_old, b_old = point(px_old, q_old)
            p_new, b_new = point(px_new, q_new)
            equal = size_at(curve, p_old)
            lines.append(f"| {path.name} | {kind} {w}×{h} | {b_old / 1024:.1f} KiB, {p_old:.2f} dB (q{q_old}) | "
                         f"{equal / 1024:.1f} KiB ({(equal / b_old - 1) * 100:+.1f} %) | "
                         f"{b_new / 1024:.1f} KiB, {p_new:.2f} dB (q{q_new}) |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=Path("/tmp/opop-bench-photos"))
    parser.add_argument("--photos", type=int, default=12, help="distinct 12 MP inputs for the cold runs")
    parser.add_argument("--products", type=int, default=300, help="products (2 photos each) for the warm rebuild")
    parser.add_argument("--tune", action="store_true")
    parser.add_argument("--compare", metavar="REV", help="CPU and bytes per photo: this pipeline against git's REV, then exit")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    jpegs = jpeg_inputs(args.work, args.photos)
    if args.compare:
        sys.path.insert(0, str(Path(__file__).parent))
        from generate import pool_photo

        pool = args.work / "pool"
        pool.mkdir(parents=True, exist_ok=True)
        for k in range(8):
            pool_photo(k, pool)
        bench_pool = sorted(pool.glob("pool-*.jpg"))[:8]
        print(f"load average {os.getloadavg()[0]:.1f}\n")
        print("bench/generate.py photos (4000×3000, grain, ~1.2 MB), a product of 8:\n")
        print("\n".join(compare(args.compare, bench_pool)) + "\n")
        print("bench_photos.py photos (fractal edges, q92 ~5 MB, half stored sideways), a product of 8:\n")
        print("\n".join(compare(args.compare, jpegs[:8])) + "\n")
        print("\n".join(rate_distortion(args.compare, bench_pool[:2] + jpegs[:2])))
        print(f"\nload average {os.getloadavg()[0]:.1f}")
        return
    heics = heic_inputs(args.work, jpegs[:4])
    mb = sum(p.stat().st_size for p in jpegs) / len(jpegs) / 1e6

    import PIL
    from PIL import features

    print(f"Pillow {PIL.__version__}, libjpeg-turbo {features.version('libjpeg_turbo')}, libwebp {features.version('webp')}, "
          f"{cores} cores, WebP q{photos.WEBP_QUALITY} method {photos.WEBP_METHOD}, link preview JPEG q{photos.OG_QUALITIES[0]}\n")
    if args.tune:
        print("\n".join(tune(jpegs[0])) + "\n")

    rows = []
    wall, cpu = cold(jpegs, args.work, 1)
    rows.append((f"12 MP JPEG ({mb:.1f} MB), cold, 1 worker",
                 f"**{len(jpegs) / cpu:.2f} photos/s per core** ({cpu / len(jpegs) * 1000:.0f} ms CPU per photo; "
                 f"wall {wall / len(jpegs) * 1000:.0f} ms)"))
    load = os.getloadavg()[0]
    wall, cpu = cold(jpegs, args.work, cores)
    rows.append((f"12 MP JPEG, cold, {cores} workers",
                 f"{len(jpegs) / wall:.2f} photos/s wall ({cpu / len(jpegs) * 1000:.0f} ms CPU per photo incl. pool "
                 f"start-up; load average before: {load:.1f})"))
    wall, cpu = cold(heics, args.work, 1)
    rows.append(("12 MP HEIC, cold, 1 worker", f"{len(heics) / cpu:.2f} photos/s per core ({cpu / len(heics) * 1000:.0f} ms CPU per photo)"))
    t_heic, _ = timed(lambda: [inspect_image(p) for p in heics])
    rows.append(("inspect 12 MP HEIC (validator)", f"{t_heic / len(heics) * 1000:.1f} ms per photo"))
    rows += warm(args.work, jpegs, args.products, cores)

    print("| measurement | result |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
