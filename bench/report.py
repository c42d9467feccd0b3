"""The benchmark report: WORK/results-N.json → the generated part of docs/benchmarks.md.

Only the text between `<!-- bench:begin -->` and `<!-- bench:end -->` is rewritten; the
hand-written analysis around it stays.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
MIB = 2**20

# (label, unit, getter); a getter returns None when the stage was not measured.
ROWS = [
    ("validate, in-process", "s", lambda r: _get(r, "validate", "seconds")),
    ("validate, CPU", "s", lambda r: _get(r, "validate", "cpu_self")),
    ("validate, whole command (start-up included)", "s", lambda r: _get(r, "validate", "process_seconds")),
    ("cold build (empty photo cache): wall", "s", lambda r: _get(r, "cold", "seconds")),
    ("cold build: CPU (all processes)", "s", lambda r: _cpu(r, "cold")),
    ("warm build (nothing changed): wall", "s", lambda r: _get(r, "warm", "seconds")),
    ("warm build: CPU", "s", lambda r: _cpu(r, "warm")),
    ("build after one product changed: wall", "s", lambda r: _get(r, "change", "seconds")),
    ("build after one product changed: CPU", "s", lambda r: _cpu(r, "change")),
    ("peak memory, build process (cold)", "MiB", lambda r: _get(r, "cold", "rss_mib")),
    ("peak memory, build process (warm)", "MiB", lambda r: _get(r, "warm", "rss_mib")),
    ("site size, total", "MiB", lambda r: _size(r, None)),
    ("site size, photos (media/)", "MiB", lambda r: _size(r, "photos")),
    ("site size, HTML", "MiB", lambda r: _size(r, "html")),
    ("site size, Pagefind index", "MiB", lambda r: _size(r, "pagefind")),
    ("site files", "", lambda r: _get(r, "size", "files")),
    ("product page, first load at 390 px (DPR 3)", "KiB", lambda r: _kib(_get(r, "browser", "product_page", "bytes"))),
    ("search page + first result for one query", "KiB", lambda r: _kib(_get(r, "browser", "search", "first_result", "bytes"))),
    ("… of which Pagefind files", "KiB", lambda r: _kib(_get(r, "browser", "search", "first_result", "by_kind", "pagefind"))),
    ("… of which result thumbnails", "KiB", lambda r: _kib(_get(r, "browser", "search", "first_result", "by_kind", "photos"))),
    ("time to the first result, local server", "ms", lambda r: _get(r, "browser", "search", "first_result_ms")),
]

STAGE_ORDER = ["validate", "hash photos", "render photos", "generate pages", "markdown", "templates",
               "copy files", "pagefind", "mkdocs other", "swap"]


def _get(results: dict, *keys):
    value = results
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _cpu(results: dict, stage: str):
    part = results.get(stage)
    return None if not part else part["cpu_self"] + part["cpu_children"]


def _size(results: dict, part: str | None):
    size = results.get("size")
    if not size:
        return None
    value = size["bytes"] if part is None else size["parts"].get(part, {}).get("bytes", 0)
    return value / MIB


def _kib(value):
    return None if value is None else value / 1024


def _fmt(value, unit: str = "") -> str:
    if value is None:
        return "–"
    if unit == "" and isinstance(value, int):
        return f"{value:,}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(value) against log(N): value ∝ N^k."""
    points = [(n, v) for n, v in points if v and v > 0]
    if len(points) < 2:
        return None
    xs, ys = [math.log(n) for n, _ in points], [math.log(v) for _, v in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else None


def per_tenfold(points: list[tuple[int, float]]) -> float | None:
    """The growth factor for ten times the products, from the fitted exponent."""
    k = exponent(points)
    return None if k is None else 10**k


def load(work: Path) -> list[dict]:
    runs = [json.loads(p.read_text()) for p in work.glob("results-*.json")]
    return sorted((r for r in runs if r.get("n")), key=lambda r: r["n"])


def table(runs: list[dict]) -> str:
    ns = [r["n"] for r in runs]
    head = "| measure | " + " | ".join(f"N = {n:,}" for n in ns) + " | × per tenfold N | k (∝ N^k) |"
    lines = [head, "|---|" + "---:|" * len(ns) + "---:|---:|"]
    for label, unit, get in ROWS:
        values = [get(r) for r in runs]
        if all(v is None for v in values):
            continue
        points = [(n, v) for n, v in zip(ns, values) if v is not None]
        k, tenfold = exponent(points), per_tenfold(points)
        name = f"{label} ({unit})" if unit else label
        lines.append(f"| {name} | " + " | ".join(_fmt(v, unit) for v in values)
                     + f" | {_fmt(tenfold)} | {_fmt(k)} |")
    return "\n".join(lines)


def per_product(runs: list[dict]) -> str:
    ns = [r["n"] for r in runs]
    rows = [
        ("validate (ms)", lambda r: _get(r, "validate", "seconds"), 1000),
        ("cold build CPU (s)", lambda r: _cpu(r, "cold"), 1),
        ("warm build wall (ms)", lambda r: _get(r, "warm", "seconds"), 1000),
        ("site size (KiB)", lambda r: _size(r, None), 1024),
    ]
    lines = ["| per product | " + " | ".join(f"N = {n:,}" for n in ns) + " |", "|---|" + "---:|" * len(ns)]
    for label, get, scale in rows:
        values = [get(r) for r in runs]
        if all(v is None for v in values):
            continue
        lines.append(f"| {label} | " + " | ".join(_fmt(v * scale / r["n"]) if v is not None else "–"
                                                   for v, r in zip(values, runs)) + " |")
    return "\n".join(lines)


def stages(run: dict) -> str:
    """Wall and CPU seconds per stage; CPU is the build process's own (photo workers and
    Pagefind are child processes, counted in their own row)."""
    builds = [b for b in ("cold", "warm", "change") if run.get(b)]
    lines = [f"| stage (N = {run['n']:,}) | " + " | ".join(f"{b} wall s | {b} CPU s" for b in builds) + " |",
             "|---|" + "---:|---:|" * len(builds)]
    for stage in STAGE_ORDER:
        walls = [run[b]["stages"].get(stage) for b in builds]
        cpus = [(run[b].get("stages_cpu") or {}).get(stage) for b in builds]
        if all(v is None for v in walls):
            continue
        lines.append(f"| {stage} | " + " | ".join(f"{_fmt(w)} | {_fmt(c)}" for w, c in zip(walls, cpus)) + " |")
    lines.append("| child processes (photo workers, Pagefind) | "
                 + " | ".join(f"– | {_fmt(run[b]['cpu_children'])}" for b in builds) + " |")
    lines.append("| **total** | " + " | ".join(f"**{_fmt(run[b]['seconds'])}** | **{_fmt(run[b]['cpu_self'] + run[b]['cpu_children'])}**"
                                            for b in builds) + " |")
    return "\n".join(lines)


def size_projection(run: dict) -> str:
    """The photos by rendition, and what removing the HTML's indentation would save."""
    size = run.get("size") or {}
    rend = size.get("renditions")
    if not rend:
        return ""
    total, html = size["bytes"], size["parts"].get("html", {}).get("bytes", 0)
    unindented = size.get("html_unindented", html)
    lines = [f"N = {run['n']:,}, photos by rendition:", "",
             "| rendition | files | MiB | KiB each |", "|---|---:|---:|---:|"]
    for key, v in sorted(rend.items(), key=lambda kv: -kv[1]["bytes"]):
        lines.append(f"| {key} | {v['files']:,} | {_fmt(v['bytes'] / MIB)} | {_fmt(v['bytes'] / v['files'] / 1024)} |")
    lines += ["", "| site | MiB | GiB |", "|---|---:|---:|"]
    for label, value in (("as built", total), ("with the HTML's indentation removed", total - (html - unindented))):
        lines.append(f"| {label} | {_fmt(value / MIB)} | {value / 2**30:.2f} |")
    return "\n".join(lines)


def browser_detail(run: dict) -> str:
    b = run.get("browser")
    if not b:
        return ""
    lines = [f"N = {run['n']:,}, product `{b.get('product')}`, query `{b['search']['query']}` "
             f"({b['search']['results_shown']} results shown):", "",
             "| load | total KiB | requests | HTML | CSS | JS | photos | Pagefind | other |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for label, part in (("product page, first load", b["product_page"]),
                        ("search page until the first result", b["search"]["first_result"]),
                        ("search page, settled", b["search"]["settled"])):
        kinds = part["by_kind"]
        lines.append(f"| {label} | {_fmt(part['bytes'] / 1024)} | {part['requests']} | "
                     + " | ".join(_fmt(kinds.get(k, 0) / 1024) for k in ("html", "css", "js", "photos", "pagefind", "other"))
                     + " |")
    return "\n".join(lines)


def targets(runs: list[dict], lh: dict | None) -> str:
    """Issue 8's targets against the measurements, each marked met or not; the verdicts are
    computed here from the results, so the table cannot disagree with them."""
    big = runs[-1]
    n = f"{big['n']:,}"
    rows = []

    def row(target: str, measured: str, ok: bool | None) -> None:
        rows.append(f"| {target} | {measured} | {'–' if ok is None else ('**met**' if ok else '**not met**')} |")

    v = big.get("validate")
    row(f"validate {n} products in under 10 s",
        f"{_fmt(v['seconds'])} s in-process, {_fmt(v['process_seconds'])} s the whole command" if v else "–",
        v["process_seconds"] < 10 if v else None)
    ratios = [(r["n"], r["change"]["seconds"] / r["cold"]["seconds"]) for r in runs if r.get("change") and r.get("cold")]
    row("warm build after one change under 10 % of the cold build",
        ", ".join(f"{q * 100:.1f} % at N = {m:,}" for m, q in ratios) or "–",
        ratios[-1][1] < 0.10 if ratios else None)
    growth = []
    for label, get in (("validate", lambda r: _get(r, "validate", "seconds")), ("cold CPU", lambda r: _cpu(r, "cold")),
                       ("warm wall", lambda r: _get(r, "warm", "seconds")), ("site size", lambda r: _size(r, None))):
        k = exponent([(r["n"], get(r)) for r in runs if get(r) is not None])
        if k is not None:
            growth.append((label, k))
    row("no per-product cost that grows with N (k ≤ 1.1 in value ∝ N^k)",
        ", ".join(f"{label} k = {k:.2f}" for label, k in growth) or "–",
        all(k <= 1.1 for _, k in growth) if growth else None)
    size = big.get("size")
    row("site of 3,057 products with photos under 1 GB (GitHub Pages)",
        f"{size['bytes'] / 2**30:.2f} GiB ({size['bytes'] / 1e9:.2f} GB) at N = {n}" if size else "–",
        size["bytes"] < 1e9 if size else None)
    b = big.get("browser")
    if b:
        page, first = b["product_page"], b["search"]["first_result"]
        row("product page under 300 KB on first load at phone width (390 px, DPR 3)",
            f"{page['bytes'] / 1000:.0f} KB", page["bytes"] < 300_000)
        pagefind = first["by_kind"].get("pagefind", 0)
        row("first search result under 150 KB fetched (Pagefind: its code, index and the results' data)",
            f"{pagefind / 1000:.0f} KB of Pagefind; {first['bytes'] / 1000:.0f} KB with the page, its CSS/JS "
            f"and the result thumbnails, on an empty cache", pagefind < 150_000)
    else:
        row("product page under 300 KB on first load at phone width", "–", None)
        row("first search result under 150 KB fetched", "–", None)
    if lh:
        worst = {c: min(p["scores"].get(c, 0) for p in lh["pages"].values()) for c in ("accessibility", "seo")}
        row("Lighthouse accessibility and SEO ≥ 95 (home, search, product page)",
            f"lowest accessibility {worst['accessibility']}, lowest SEO {worst['seo']}", min(worst.values()) >= 95)
    return "\n".join([f"Against the targets of issue 8 (largest N = {n}):", "",
                      "| target | measured | |", "|---|---|---|", *rows])


def generated(runs: list[dict], lh: dict | None = None) -> str:
    if not runs:
        return "_No results yet: run `python bench/run.py`._"
    machine = runs[-1].get("machine", {})
    out = ["### Targets", "", targets(runs, lh), "", f"Machine: {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores, Python {machine.get('python', '?')}; "
           f"commit {machine.get('commit', '?')}; code snapshots "
           + ", ".join(sorted({str(_get(r, s, "code")) for r in runs for s in ("cold", "warm", "change") if _get(r, s, "code")}))
           + ".", "", "### Results by N", "", table(runs), "", "### Per product", "", per_product(runs), "",
           "### Where the time goes", ""]
    for run in runs:
        if run.get("cold") or run.get("warm"):
            out += [stages(run), ""]
    projections = [size_projection(r) for r in runs if (r.get("size") or {}).get("renditions")]
    if projections:
        out += ["### Site size by part", ""]
        for p in projections[-1:]:
            out += [p, ""]
    details = [browser_detail(r) for r in runs if r.get("browser")]
    if details:
        out += ["### Bytes on the wire (gzip, as GitHub Pages serves)", ""]
        for d in details:
            out += [d, ""]
    return "\n".join(out).rstrip() + "\n"


def lighthouse_table(data: dict) -> str:
    lines = [f"Sample site (products/), Lighthouse {next(iter(data['pages'].values())).get('lighthouse', '?')}, "
             "mobile (its default: Moto G Power emulation, simulated slow 4G, 4× CPU slowdown):", "",
             "| page | performance | accessibility | best practices | SEO | LCP | TBT | CLS |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, page in data["pages"].items():
        s, m = page["scores"], page["metrics"]
        lines.append(f"| {name} (`{page['url'] or '/'}`) | {s.get('performance')} | {s.get('accessibility')} | "
                     f"{s.get('best-practices')} | {s.get('seo')} | {m.get('largest-contentful-paint', '')} | "
                     f"{m.get('total-blocking-time', '')} | {m.get('cumulative-layout-shift', '')} |")
    failing = sorted({(f["category"], f["id"], f["title"]) for page in data["pages"].values() for f in page["failing"]})
    if failing:
        lines += ["", "Audits that cost points:", ""]
        for category, audit, title in failing:
            where = ", ".join(n for n, p in data["pages"].items() if any(f["id"] == audit for f in p["failing"]))
            lines.append(f"- {category}: `{audit}` ({title.rstrip('.')}) on {where}")
    return "\n".join(lines)


def write_report(work: Path, report: Path) -> None:
    path = Path(work) / "lighthouse.json"
    lh = json.loads(path.read_text()) if path.is_file() else None
    body = generated(load(Path(work)), lh)
    if lh:
        body += "\n### Lighthouse\n\n" + lighthouse_table(lh) + "\n"
    replace_section(report, BEGIN, END, body, missing="# Benchmarks\n\n", append=False)


def replace_section(report: Path, begin: str, end: str, body: str, *, missing: str, append: bool = True) -> None:
    """Write `body` between the markers `begin` and `end` of `report`, keeping the rest. Without
    the markers: `missing` (a heading) and the section go after the report's text (`append`), or
    replace it."""
    text = report.read_text("utf-8") if report.exists() else ""
    if begin in text and end in text:
        before, rest = text.split(begin, 1)
        after = rest.split(end, 1)[1]
    else:
        before, after = (text.rstrip() + "\n\n" if append else "") + missing, "\n"
    report.write_text(f"{before}{begin}\n{body}{end}{after}", "utf-8")


# --- 8 photos a product (bench/run.py --only photos8) -------------------------------------------

P8_BEGIN, P8_END = "<!-- bench:photos8:begin -->", "<!-- bench:photos8:end -->"
TARGET_N = 3057
SITE_LIMIT = 1e9  # GitHub Pages' 1 GB, read as 10^9 bytes (catalogue/site/size.py)
PARTS = ("photos", "html", "pagefind", "downloads", "data", "assets", "other")
PART_NAMES = {"photos": "photos (media/)", "html": "HTML", "pagefind": "Pagefind index", "downloads": "PDF downloads (unduh/)",
              "data": "open data (data/)",
              "assets": "theme (assets/)", "other": "other"}
# GitHub's standard runner for public repositories: 4 vCPUs (2 for private ones).
RUNNER_CORES = 4
# Growth exponents of the site's parts measured by the 1-4 photo benchmark (N = 100, 1,000,
# 3,057; the tables above): used to grow a single photos8 measurement to 3,057 when the main
# benchmark's results are not at hand. Parts it did not measure grow linearly (k = 1), except
# the theme, which does not grow.
MAIN_K = {None: 0.95, "photos": 1.00, "html": 0.98, "pagefind": 0.68, "assets": 0.0}


def _photos(run: dict) -> int | None:
    """Source photos of a run: products × photos per product (fixed in photos8 runs)."""
    per = run.get("photos_per_product")
    return run["n"] * per[0] if per and per[0] == per[1] else None


def photo_cpu_ms(run: dict) -> float | None:
    """CPU per source photo of the cold build's photo stage: the photo workers (children of
    the cold build minus those of the warm one, which are Pagefind's) plus the build process's
    own time in the render stage."""
    cold, warm, photos = run.get("cold"), run.get("warm"), _photos(run)
    if not cold or not warm or not photos:
        return None
    workers = cold["cpu_children"] - warm["cpu_children"]
    return (workers + (cold.get("stages_cpu") or {}).get("render photos", 0.0)) / photos * 1000


def _part_bytes(run: dict, part: str | None) -> float | None:
    size = run.get("size")
    if not size:
        return None
    return size["bytes"] if part is None else size["parts"].get(part, {}).get("bytes", 0)


def project(runs: list[dict], get, main_runs: list[dict] | None = None, main_get=None,
            target: int = TARGET_N, part: str | None = None) -> tuple[float | None, str]:
    """The value at `target` products: measured if a run has it, else a power law through the
    photos8 runs, else the largest photos8 run grown with the exponent the main benchmark
    measured for the same quantity (1.0 without one). Returns (value, how)."""
    points = [(r["n"], get(r)) for r in runs if get(r) is not None]
    exact = [v for n, v in points if n == target]
    if exact:
        return exact[0], "measured"
    if len(points) >= 2:
        k = exponent(points)
        n, v = max(points)
        return v * (target / n) ** k, f"projected from N = {', '.join(f'{m:,}' for m, _ in points)} (k = {k:.2f})"
    if points:
        n, v = points[0]
        k = exponent([(r["n"], main_get(r)) for r in (main_runs or []) if main_get(r) is not None]) if main_get else None
        if k is None:
            k = MAIN_K.get(part, 1.0)
        return v * (target / n) ** k, f"projected from N = {n:,} with k = {k:.2f} (measured with 1-4 photos)"
    return None, "not measured"


def photos8_section(runs: list[dict], main_runs: list[dict]) -> str:
    if not runs:
        return "_No results yet: run `python bench/run.py --only photos8`._\n"
    big = runs[-1]
    out = ["### 8 photos a product: targets", ""]
    total, how = project(runs, lambda r: _part_bytes(r, None), main_runs, lambda r: _part_bytes(r, None))
    if how != "measured" and total:  # parts grow differently (the theme not at all): their sum
        parts = [project(runs, lambda r, p=part: _part_bytes(r, p), main_runs, lambda r, p=part: _part_bytes(r, p),
                         part=part)[0] for part in PARTS]
        total = sum(v for v in parts if v)
        how = (how.split(" with k")[0].split(" (k =")[0] + ": the sum of the parts, each grown with its own exponent "
               "(the table below)")
    rows = ["| target | measured | |", "|---|---|---|"]

    def verdict(ok):
        return "–" if ok is None else ("**met**" if ok else "**not met**")

    rows.append(f"| whole site ≤ 1 GB at {TARGET_N:,} × 8 photos (sum of file sizes) | "
                + (f"{total / 1e9:.3f} GB ({total / 2**30:.2f} GiB), {how}" if total else "–")
                + f" | {verdict(total <= SITE_LIMIT if total else None)} |")
    photos_at, _ = project(runs, lambda r: _part_bytes(r, "photos"), main_runs, lambda r: _part_bytes(r, "photos"),
                           part="photos")
    if total and photos_at:
        pages = total - photos_at
        rows.append(f"| with the photo site (photo_base_url): each site ≤ 1 GB | pages {pages / 1e9:.3f} GB, photos "
                    f"{photos_at / 1e9:.3f} GB ({photos_at / 1024 / TARGET_N:.0f} KiB a product) | "
                    f"{verdict(pages <= SITE_LIMIT and photos_at <= SITE_LIMIT)} |")
    cpu = [(r["n"], photo_cpu_ms(r)) for r in runs if photo_cpu_ms(r) is not None]
    rows.append("| CPU per 12 MP photo, all its renditions, ≤ 100 ms (cold build, photo workers) | "
                + (", ".join(f"{v:.0f} ms at N = {n:,}" for n, v in cpu) or "–")
                + f" | {verdict(cpu[-1][1] <= 100 if cpu else None)} |")
    out += rows + [""]
    machine = big.get("machine", {})
    out += [f"Machine: {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores, Python {machine.get('python', '?')}; "
            f"commit {machine.get('commit', '?')}.", ""]
    out += ["### 8 photos a product: results by N", "", table(runs), ""]
    # Bytes per product by part, measured and at the target.
    ns = [r["n"] for r in runs]
    lines = ["| per product (KiB) | " + " | ".join(f"N = {n:,}" for n in ns) + f" | at N = {TARGET_N:,} | total at N = {TARGET_N:,} (MB) | how |",
             "|---|" + "---:|" * len(ns) + "---:|---:|---|"]
    for part in (*PARTS, None):
        values = [_part_bytes(r, part) for r in runs]
        if all(v is None for v in values) or (part and not any(values)):
            continue
        if part is None:
            lines.append(f"| **total** | " + " | ".join(_fmt(v / 1024 / r['n']) if v is not None else "–" for v, r in zip(values, runs))
                         + f" | {_fmt(total / 1024 / TARGET_N) if total else '–'} | {_fmt(total / 1e6) if total else '–'} | |")
            continue
        at, how_part = project(runs, lambda r, p=part: _part_bytes(r, p), main_runs, lambda r, p=part: _part_bytes(r, p), part=part)
        k = re.search(r"k = (-?[\d.]+)", how_part)
        label = PART_NAMES.get(part, "**total**") if part else "**total**"
        lines.append(f"| {label} | " + " | ".join(_fmt(v / 1024 / r['n']) if v is not None else "–" for v, r in zip(values, runs))
                     + f" | {_fmt(at / 1024 / TARGET_N) if at else '–'} | {_fmt(at / 1e6) if at else '–'} | "
                     + (f"k = {k.group(1)}" if k else how_part) + " |")
    out += ["Bytes per product by part (the last columns: measured at 3,057, or projected as the target row says):", "",
            *lines, ""]
    rend = (big.get("size") or {}).get("renditions")
    if rend:
        out += [size_projection(big), ""]
    for run in runs:
        if run.get("cold") or run.get("warm"):
            out += [stages(run), ""]
    sim = next((r["shards"] for r in reversed(runs) if r.get("shards")), None)
    if sim:
        out += [shard_table(sim, runs), ""]
    return "\n".join(out).rstrip() + "\n"


def shard_table(sim: dict, runs: list[dict]) -> str:
    """The simulation as measured (wall, which the shared machine's load blurs, and CPU), then
    the Pages workflow at 3,057 × 8 on GitHub's runners, projected from the CPU per photo."""
    one = sim["one_machine"]
    cores = sim["cores"]
    lines = ["### Photo rendering on several machines (simulated)", "",
             f"{sim['products']:,} products, {sim['photos']:,} photos of 12 MP, {cores} cores per share, each share "
             f"rendered alone into an empty cache, one after the other; then the shares' caches copied into one "
             f"(what the workflow's artifact download does) and the final build run on it: "
             f"{_fmt(sim['final_build']['seconds'])} s, rendering nothing. Wall times depend on what else ran on the "
             f"machine (load average in the table); the CPU columns do not. The last column is the same at "
             f"{TARGET_N:,} × 8 on this machine: the photos of the slowest share (as unbalanced as here) at the CPU per "
             f"photo of the largest run above, on {cores} cores, plus the copy grown with the photos.", "",
             "| machines | photos per share (min–max) | slowest share, wall s | slowest share, CPU s | "
             "slowest share at full use of its cores s | CPU per photo ms | merge (copy) s | load average | "
             f"slowest share + merge at {TARGET_N:,} × 8 here s |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    measured = [(r["n"], photo_cpu_ms(r)) for r in runs if photo_cpu_ms(r) is not None]
    c = measured[-1][1] / 1000 if measured else None
    photos = TARGET_N * 8

    def row(label, shares, merge):
        counts = [s["photos"] for s in shares]
        slow_cpu = max(s["cpu"] for s in shares)
        cpu = sum(s["cpu"] for s in shares) / max(1, sum(counts)) * 1000
        loads = [s.get("load", 0) for s in shares]
        imbalance = max(counts) / (sum(counts) / len(counts))
        copy = 0.0 if merge == "–" else float(merge) * photos / sim["photos"]
        here = _fmt(photos / len(shares) * imbalance * c / cores + copy) if c else "–"
        lines.append(f"| {label} | {min(counts):,}–{max(counts):,} | {_fmt(max(s['seconds'] for s in shares))} | "
                     f"{_fmt(slow_cpu)} | {_fmt(slow_cpu / cores)} | {cpu:.0f} | {merge} | "
                     f"{min(loads):.1f}–{max(loads):.1f} | {here} |")

    row("1", [one], "–")
    counts = sorted((k for k in sim if k.isdigit()), key=int)
    for count in counts:
        row(count, sim[count]["shares"], _fmt(sim[count]["merge_seconds"]))

    # The projection.
    if not measured:
        return "\n".join(lines)
    warm, how = project(runs, lambda r: _get(r, "warm", "seconds"), part="photos")
    setup, transfer = JOB_SETUP_S, RENDITIONS_GB * 1000 / ARTIFACT_MB_S
    lines += ["", f"Projected at {TARGET_N:,} products × 8 photos ({photos:,} photos, all missing: a first run or a "
              f"Pillow upgrade) on GitHub's standard runners ({RUNNER_CORES} vCPUs for a public repository), from "
              f"{c * 1000:.0f} ms CPU per photo (N = {measured[-1][0]:,} above) and the share imbalance measured in the "
              f"simulation. Each job: {setup} s to start (checkout of the code, Python, `pip install`, cache restore; "
              f"the source photos' own checkout is not counted, see the text); the renditions ({RENDITIONS_GB} GB) "
              f"travel as artifacts at {ARTIFACT_MB_S} MB/s; the final build as the warm build above "
              f"({_fmt(warm)} s at {TARGET_N:,}, {how}).", "",
              "| machines | slowest share: start + render + upload s | final job: start + download + build s | "
              "workflow, photos to deployable site min |", "|---|---:|---:|---:|",
              f"| 1 (no shares: the build renders them) | – | {setup} + {_fmt(photos * c / RUNNER_CORES)} (rendering) + "
              f"{_fmt(warm)} | {(setup + photos * c / RUNNER_CORES + warm) / 60:.1f} |"]
    for count in counts:
        shares = sim[count]["shares"]
        mean = sum(s["photos"] for s in shares) / len(shares)
        imbalance = max(s["photos"] for s in shares) / mean
        render = photos / int(count) * imbalance * c / RUNNER_CORES
        upload = transfer / int(count)
        final = setup + transfer + warm
        lines.append(f"| {count} | {setup} + {_fmt(render)} + {_fmt(upload)} | {setup} + {_fmt(transfer)} + {_fmt(warm)} | "
                     f"{(setup + render + upload + final) / 60:.1f} |")
    return "\n".join(lines)


# Assumptions of the projection (docs/benchmarks.md says where they come from).
JOB_SETUP_S = 90
RENDITIONS_GB = 0.6
ARTIFACT_MB_S = 50


def write_photos8_report(work: Path, report: Path, main_work: Path | None = None) -> None:
    body = photos8_section(load(Path(work)), load(Path(main_work)) if main_work else [])
    replace_section(report, P8_BEGIN, P8_END, body, missing="## 8 photos a product\n\n")


# --- page weight (issue 17): `bench/run.py --only pages8` ------------------------------------

PW_BEGIN, PW_END = "<!-- bench:pages8:begin -->", "<!-- bench:pages8:end -->"
PAGE_TARGET = 20 * 1000  # a product page's HTML, raw ("20 KB")
SEARCH_TARGET = 150 * 1000  # Pagefind's files fetched until the first result
SITE_TARGET = 10**9  # GitHub Pages, sum of file sizes
# The parts a pages8 site cannot measure (its photos are 12 pool photos; its PDFs embed them
# once), from the photos8 run at 3,057 × 8 (docs/benchmarks.md, "8 photos a product": photos
# 610 MB, PDFs 107 MB, HTML 454 MB); read from WORK/photos8/results-3057.json when it exists.
PHOTOS8_MEASURED = {"photos": 610e6, "downloads": 107e6, "html": 454e6}


def _photos8_parts(work: Path) -> tuple[dict, str]:
    path = work.parent / "photos8" / f"results-{TARGET_N}.json"
    if path.is_file():
        parts = json.loads(path.read_text())["size"]["parts"]
        return {k: parts.get(k, {}).get("bytes", 0) for k in PHOTOS8_MEASURED}, f"measured in {path}"
    return dict(PHOTOS8_MEASURED), "the photos8 run's measurement written in this file"


def pages8_section(run: dict, work: Path) -> str:
    weights, size = run.get("pages") or {}, run.get("size") or {}
    n = run["n"]
    lines = [f"### Page weight at {n:,} products × 8 photos: targets", "",
             "| target | measured | |", "|---|---|---|"]

    def verdict(ok):
        return "**met**" if ok else "**not met**"

    worst = {lang: weights.get(f"{lang} produk/*") for lang in ("id", "en", "ar")}
    if all(worst.values()):
        biggest = max(w["raw_max"] for w in worst.values())
        shown = ", ".join(f"{lang} {w['raw_max'] / 1000:.1f} KB (mean {w['raw_mean'] / 1000:.1f})" for lang, w in worst.items())
        miss = "" if biggest <= PAGE_TARGET else f"; over by {(biggest - PAGE_TARGET) / 1000:.1f} KB"
        lines.append(f"| product page HTML ≤ 20 KB raw, every page, each language | largest: {shown}{miss} | {verdict(biggest <= PAGE_TARGET)} |")
    search = _get(run, "browser", "search", "first_result", "by_kind", "pagefind")
    if search is not None:
        total = _get(run, "browser", "search", "first_result", "bytes")
        lines.append(f"| first search < 150 KB fetched (Pagefind: code, index, the results' data) | "
                     f"{search / 1000:.0f} KB of Pagefind ({total / 1000:.0f} KB with the page, CSS, JS, thumbnails) | {verdict(search < SEARCH_TARGET)} |")
    if size:
        measured8, source = _photos8_parts(work)
        own = {k: v["bytes"] for k, v in size["parts"].items()}
        computed = sum(v for k, v in own.items() if k not in ("photos", "downloads")) + measured8["photos"] + measured8["downloads"]
        lines.append(f"| whole site ≤ 1 GB at {n:,} × 8 photos (sum of file sizes) | {computed / 1e9:.3f} GB, **computed**: "
                     f"this run's HTML {own.get('html', 0) / 1e6:.0f} MB (was {measured8['html'] / 1e6:.0f} MB) and its other parts, "
                     f"plus photos {measured8['photos'] / 1e6:.0f} MB and PDFs {measured8['downloads'] / 1e6:.0f} MB from {source} | "
                     f"{verdict(computed <= SITE_TARGET)} |")
    lines += ["", f"Machine: {run.get('machine', {}).get('cpu', '?')}; code snapshot {run.get('cold', {}).get('code', '?')}. "
              "Photos are hard links to the generator's 12 pool photos (`bench/run.py --only pages8`): pages, galleries, "
              "Pagefind and search are those of the photos8 site; photo bytes are not.", "",
              f"### Page weight at {n:,} products × 8 photos: HTML by kind of page", "",
              "| pages | count | raw mean (KB) | raw p95 (KB) | raw max (KB) | gzip mean (KB) | gzip max (KB) |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    order = sorted(weights, key=lambda k: (not k.endswith("produk/*"), k.split(" ", 1)[1], k))
    for key in order:
        w = weights[key]
        lines.append(f"| {key} | {w['pages']:,} | {w['raw_mean'] / 1000:.1f} | {w['raw_p95'] / 1000:.1f} | "
                     f"{w['raw_max'] / 1000:.1f} | {w['gzip_mean'] / 1000:.1f} | {w['gzip_max'] / 1000:.1f} |")
    if size:
        lines += ["", "| part of the site | MB |", "|---|---:|"]
        lines += [f"| {k} | {v['bytes'] / 1e6:,.1f} |" for k, v in sorted(size["parts"].items())]
    return "\n".join(lines) + "\n"


def write_pages8_report(work: Path, report: Path) -> None:
    runs = [r for r in load(Path(work)) if r.get("pages") or r.get("size")]
    if not runs:
        return
    body = pages8_section(max(runs, key=lambda r: r["n"]), Path(work))
    replace_section(report, PW_BEGIN, PW_END, body, missing="## Page weight (issue 17)\n\n")
