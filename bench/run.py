"""Benchmarks of the whole pipeline at N products, written to docs/benchmarks.md:

    python bench/run.py [--sizes 100,1000,3057] [--work /tmp/opop-bench] [--stages …] [--report-only]
    python bench/run.py --only photos8 [--sizes 3057] [--shard-products 300]   # 8 photos a product

For each N: synthetic products (bench/generate.py, seeded; the products of a smaller N are
hard links to the first N of the 3,057, which are the files the generator writes for that N),
then these stages, each build in a fresh process:

- validate    `check_catalogue` (3 runs, the median), and the whole command with start-up
- cold        build with an empty photo and page cache and no site/
- warm        the same build again, nothing changed
- change      one product changed (its summary and one photo's bytes), build again
- size        bytes and files of site/ by part, photos by rendition, HTML without indentation
- browser     Chromium at 390×844 CSS px, DPR 3 (a current phone), each load with an empty
              cache, served with gzip as GitHub Pages does: the bytes a product page transfers
              until the network is idle, and what the search page fetches for one query until
              the first result is shown (counted by the server, which also sees the requests
              of Pagefind's web worker)
- lighthouse  (once, not per N) the sample site: Lighthouse's mobile scores for the home,
              search and a product page, and the audits that cost points. Lighthouse comes from
              npm: $OPOP_LIGHTHOUSE, or `lighthouse` on PATH, or `npx lighthouse@12`.
- shards      photo rendering split over N = 2, 4, 8 machines, simulated here on the first
              --shard-products products: one machine renders everything into an empty cache;
              then for each N every share renders into its own empty cache, one after the other
              (each with all cores, as a runner would), the caches are merged by copying, and
              the final build runs on the merged cache. Reported: the slowest share, the merge,
              the final build, against one machine.

`--only photos8` is the worst case of issue 19: every product with 8 photos
(`bench/generate.py --photos 8`), in WORK/photos8 (its own products, caches and results),
stages cold, warm, size and shards, written to its own section of docs/benchmarks.md.

`--only pages8` measures what the HTML weighs (issue 17: a product page ≤ 20 KB) at 3,057
products × 8 photos without rendering 24,456 photos: every product's 8 photos are hard links
to the generator's pool of 12 distinct 12 MP photos, so the pages, their galleries (same
renditions and widths), Pagefind and the first search are those of the photos8 site, while
photo renditions are made for 12 photos only. In WORK/pages8, stages cold, size, pages and
browser; the whole site at 3,057 × 8 is then computed from its HTML and the photo, PDF and
other parts measured by the photos8 run (bench/report.py, section "Page weight").

The code under test is a snapshot of the working tree (WORK/code-<digest>), so edits during a
run of an hour change nothing; the digest is in the results. A build process reports its wall
and CPU time, its peak memory and, per stage (validate, hashing, photo rendering, page
generation, Markdown, templates, copying files, Pagefind, the swap), wall and CPU seconds,
taken by wrapping those functions: the profile needs no code in the catalogue. Results go to
WORK/results-N.json, merged stage by stage (a stage can be re-run alone), and the tables of
docs/benchmarks.md between its markers are rewritten (bench/report.py: growth per tenfold N
and a power-law fit). `--report-only` rewrites them from the saved results.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The code under test: a snapshot of the working tree taken when the benchmark starts (a build
# of 3,057 products runs for most of an hour, and edits meanwhile must not change what runs).
CODE = Path(os.environ.get("OPOP_BENCH_CODE") or REPO)
sys.path.insert(0, str(CODE))
sys.path.insert(0, str(REPO / "bench"))

STAGES = ("validate", "cold", "warm", "change", "size", "pages", "browser", "lighthouse", "shards")
# The default stages of each `--only` run.
ONLY_STAGES = {"photos8": "cold,warm,size,shards", "pages8": "cold,size,pages,browser"}
# npm's lighthouse CLI: $OPOP_LIGHTHOUSE (a path), else on PATH, else fetched by npx.
LIGHTHOUSE_PAGES = {"home": "", "search": "cari/?q=madu", "product": "produk/{slug}/"}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SEARCH_QUERY = "madu"
CODE_DIGEST = ""


# --- the child: one stage in a fresh process ---------------------------------------------------


class _Timers:
    """Inclusive wall time spent in wrapped functions, by label."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}  # this process's CPU time (photo workers and Pagefind are children)
        self.calls: dict[str, int] = {}

    def wrap(self, owner, name: str, label: str) -> None:
        original = getattr(owner, name)
        timers = self

        @functools.wraps(original)
        def timed(*args, **kwargs):
            start, cpu = time.perf_counter(), time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                timers.seconds[label] = timers.seconds.get(label, 0.0) + time.perf_counter() - start
                timers.cpu[label] = timers.cpu.get(label, 0.0) + time.process_time() - cpu
                timers.calls[label] = timers.calls.get(label, 0) + 1

        setattr(owner, name, timed)


def _install_timers() -> _Timers:
    import mkdocs.commands.build as mk_build
    from mkdocs.structure.files import File

    from catalogue.site import pages, search, build as site
    from catalogue.photos import renditions as photos
    from catalogue.products import validate

    t = _Timers()
    t.wrap(validate, "check_catalogue", "validate")
    t.wrap(photos, "plan_catalogue", "hash photos")
    t.wrap(photos, "render", "render photos")
    t.wrap(pages, "build_pages", "generate pages")
    t.wrap(pages, "home_sections", "generate pages")
    t.wrap(mk_build, "_populate_page", "markdown")
    t.wrap(mk_build, "_build_page", "templates")
    t.wrap(File, "copy_file", "copy files")
    t.wrap(search, "index_site", "pagefind")
    t.wrap(site, "_swap", "swap")
    t.wrap(mk_build, "build", "mkdocs build")
    return t


def child(kind: str, products: Path, site_dir: Path, cache: Path) -> dict:
    timers = _install_timers()
    from catalogue.site import build as site
    from catalogue.products import validate

    start = time.perf_counter()
    if kind == "validate":
        result = validate.check_catalogue(products)
        ok, count = result.catalogue is not None, len(result.catalogue.products) if result.catalogue else 0
        errors = [p.format() for p in result.errors][:5]
    else:
        problems = site.build_site(products, site_dir, config_file=CODE / "mkdocs.yml", cache_dir=cache)
        errors = [p.format() for p in problems if p.is_error][:5]
        ok, count = not errors, None
    wall = time.perf_counter() - start
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    stages, stages_cpu = dict(timers.seconds), dict(timers.cpu)
    inner = ("hash photos", "render photos", "generate pages", "markdown", "templates", "copy files", "pagefind")
    for table in (stages, stages_cpu):
        if "mkdocs build" in table:  # what MkDocs itself spends outside the wrapped stages
            table["mkdocs other"] = table.pop("mkdocs build") - sum(table.get(k, 0.0) for k in inner)
    import catalogue

    assert Path(catalogue.__file__).parent == CODE / "catalogue", catalogue.__file__
    return {
        "ok": ok, "errors": errors, "products": count, "seconds": wall,
        "cpu_self": me.ru_utime + me.ru_stime, "cpu_children": kids.ru_utime + kids.ru_stime,
        # Children: a forked child (Pagefind) counts the parent's pages until it execs, so this
        # is not the children's own peak; the report leaves it out.
        "rss_mib": me.ru_maxrss / 1024, "child_rss_mib": kids.ru_maxrss / 1024,
        "stages": stages, "stages_cpu": stages_cpu,
    }


def snapshot(work: Path) -> tuple[Path, str]:
    """Copy the code under test to WORK/code-<digest of its files>; returns it and the digest.
    A run started later with other code gets its own folder, so runs can overlap."""
    import hashlib
    import re

    staging = work / f"code-staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("catalogue", "docs"):
        shutil.copytree(REPO / name, staging / name, ignore=ignore)
    for name in ("mkdocs.yml", "build.py", "pyproject.toml"):
        shutil.copy2(REPO / name, staging / name)
    # The benchmark measures sizes past GitHub's 1 GB (report.py gives the verdicts); the build's
    # own size budget would stop it before the site could be measured.
    config = staging / "mkdocs.yml"
    config.write_text(re.sub(r"^(\s+size_budget:) .*$", r"\1 1000 GB", config.read_text("utf-8"), flags=re.M), "utf-8")
    digest = hashlib.sha256()
    for path in sorted(p for p in staging.rglob("*") if p.is_file()):
        digest.update(path.relative_to(staging).as_posix().encode() + b"\0" + path.read_bytes())
    short = digest.hexdigest()[:12]
    code = work / f"code-{short}"
    if code.exists():
        shutil.rmtree(staging)
    else:
        os.rename(staging, code)
    return code, short


def run_child(kind: str, products: Path, site_dir: Path, cache: Path) -> dict:
    """One stage in a fresh interpreter; wall time measured from outside too (start-up)."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "CI": "true",
           "OPOP_BENCH_CODE": str(CODE), "PYTHONPATH": str(CODE), "PYTHONDONTWRITEBYTECODE": "1"}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", kind, str(products), str(site_dir), str(cache)],
                          capture_output=True, text=True, env=env, cwd=CODE)
    outside = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed ({done.returncode}):\n{done.stderr[-4000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    if not report["ok"]:
        raise SystemExit(f"{kind}: the catalogue has errors:\n" + "\n".join(report["errors"]))
    report["process_seconds"] = outside
    report["code"] = CODE_DIGEST
    return report


# --- products ----------------------------------------------------------------------------------


def ensure_products(n: int, largest: int, work: Path, seed: int, photos: tuple[int, int] = (1, 4)) -> Path:
    """WORK/products-N: generated once for the largest N, hard-linked for smaller ones."""
    from generate import generate

    stamp_text = f"n={n} seed={seed} photos={photos} generator={_digest(REPO / 'bench' / 'generate.py')}\n"
    target = work / f"products-{n}"
    stamp = target / ".bench-stamp"
    if stamp.is_file() and stamp.read_text() == stamp_text:
        return target
    if target.exists():
        shutil.rmtree(target)
    if n == largest:
        print(f"generating {n} products into {target} …", flush=True)
        generate(n, target, seed, photos)
    else:
        source = ensure_products(largest, largest, work, seed, photos)
        target.mkdir(parents=True)
        for i in range(n):
            name = f"produk-sintetis-{i:05d}"
            (target / name).mkdir()
            for f in sorted((source / name).iterdir()):
                os.link(f, target / name / f.name)
    stamp.write_text(stamp_text)
    return target


def linked_products(n: int, work: Path, seed: int, photos: int = 8) -> Path:
    """WORK/products-N for `--only pages8`: the generator's products (same text, same seed),
    each photo a hard link to one of its 12 pool photos instead of a unique copy."""
    import random

    from generate import POOL_SIZE, pool_photo, product_yaml

    target = work / f"products-{n}"
    stamp_text = f"n={n} seed={seed} photos={photos} linked generator={_digest(REPO / 'bench' / 'generate.py')}\n"
    if (target / ".bench-stamp").is_file() and (target / ".bench-stamp").read_text() == stamp_text:
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    pool_dir = work / "pool"
    pool_dir.mkdir(exist_ok=True)
    for k in range(POOL_SIZE):
        pool_photo(k, pool_dir)
    rng = random.Random(seed)
    for i in range(n):  # the draws of generate.generate, in its order
        folder = target / f"produk-sintetis-{i:05d}"
        folder.mkdir()
        names = [f"foto-{k + 1}.jpg" for k in range(rng.randint(photos, photos))]
        for k, name in enumerate(names):
            os.link(pool_dir / f"pool-{(i + k) % POOL_SIZE:02d}.jpg", folder / name)
        (folder / "product.yml").write_text(product_yaml(i, rng, names), encoding="utf-8")
    (target / ".bench-stamp").write_text(stamp_text)
    return target


def page_weights(site_dir: Path) -> dict:
    """HTML bytes of the built pages, raw and gzip'd (level 6, as the test server sends them):
    product pages per language (mean, largest, 95th percentile), and the mean of each other
    kind of page (home, category, regency, …) per language."""
    kinds: dict[str, list[tuple[int, int]]] = {}
    for path in sorted(site_dir.rglob("index.html")):
        rel = path.relative_to(site_dir).parts[:-1]
        if rel[:1] == ("pagefind",):
            continue
        lang = rel[0] if rel[:1] in (("en",), ("ar",)) else "id"
        rest = rel[1:] if lang != "id" else rel
        kind = "home" if not rest else rest[0] if len(rest) == 1 else rest[0] + "/*"
        data = path.read_bytes()
        kinds.setdefault(f"{lang} {kind}", []).append((len(data), len(gzip.compress(data, 6, mtime=0))))
    out = {}
    for key, sizes in sorted(kinds.items()):
        raw = sorted(r for r, _ in sizes)
        gz = sorted(g for _, g in sizes)
        out[key] = {"pages": len(sizes), "raw_mean": sum(raw) / len(raw), "raw_max": raw[-1],
                    "raw_p95": raw[int(0.95 * (len(raw) - 1))], "gzip_mean": sum(gz) / len(gz), "gzip_max": gz[-1]}
    return out


def _digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _replace_bytes(path: Path, data: bytes) -> None:
    """New inode, so a hard-linked copy (another N) keeps its bytes."""
    tmp = path.with_name(f".{path.name}.bench")
    tmp.write_bytes(data)
    os.replace(tmp, path)


@contextlib.contextmanager
def one_product_changed(products: Path):
    """Change the middle product's summary and its first photo's bytes; restore afterwards."""
    from generate import unique_copy

    folders = sorted(p for p in products.iterdir() if p.is_dir())
    folder = folders[len(folders) // 2]
    yml, photo = folder / "product.yml", folder / "foto-1.jpg"
    old_yml, old_photo = yml.read_bytes(), photo.read_bytes()
    text = old_yml.decode().replace("summary:\n  id: ", "summary:\n  id: Diperbarui. ", 1)
    _replace_bytes(yml, text.encode())
    _replace_bytes(photo, unique_copy(old_photo, "changed"))
    try:
        yield folder.name
    finally:
        _replace_bytes(yml, old_yml)
        _replace_bytes(photo, old_photo)


# --- measurements on the built site ------------------------------------------------------------


def site_size(site_dir: Path) -> dict:
    """Bytes and files by part; photos also by rendition (format, width); and the HTML's size
    with indentation removed (what a minifier would save at least)."""
    import re

    from catalogue.site.size import part_of

    parts: dict[str, list[int]] = {}
    renditions: dict[str, list[int]] = {}
    html_unindented = 0
    for path in site_dir.rglob("*"):
        if path.is_file():
            rel = path.relative_to(site_dir).parts
            part = {"search": "pagefind"}.get(kind := part_of("/".join(rel)), kind)
            size = path.stat().st_size
            entry = parts.setdefault(part, [0, 0])
            entry[0] += size
            entry[1] += 1
            if part == "photos":
                m = re.search(r"-(\d+|og)\.(\w+)$", path.name)
                key = ("jpg 1200 (collage of previews)" if m and m.group(1) == "og"
                       else f"{m.group(2)} {m.group(1)}" if m else path.suffix)
                r = renditions.setdefault(key, [0, 0])
                r[0] += size
                r[1] += 1
            elif part == "html":
                html_unindented += len(re.sub(rb"\n[ \t]+", b"\n", path.read_bytes()))
    total = sum(v[0] for v in parts.values())
    return {"bytes": total, "files": sum(v[1] for v in parts.values()),
            "parts": {k: {"bytes": v[0], "files": v[1]} for k, v in sorted(parts.items())},
            "renditions": {k: {"bytes": v[0], "files": v[1]} for k, v in sorted(renditions.items())},
            "html_unindented": html_unindented}


GZIP_TYPES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".mjs", ".map"}


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzip'd as GitHub Pages serves it; every body sent is logged on the
    server (`server.sent`: path, bytes), which also sees what Pagefind's web worker fetches."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        body = path.read_bytes()
        gzipped = path.suffix in GZIP_TYPES and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = gzip.compress(body, 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.server.sent.append((self.path.split("?")[0], len(body), time.time()))
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sent: list[tuple[str, int, float]] = []  # path, bytes, when the request arrived

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(root: Path):
    server = _Server(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", server
    finally:
        server.shutdown()
        server.server_close()


def _phone(p, profile: str):
    """A fresh browser with an empty cache, at a phone's size: 390×844 CSS px, DPR 3."""
    # bypass_csp: the probe below is an init script; bytes are the same with or without CSP.
    return p.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, bypass_csp=True,
        viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True)


# Notes the moment (epoch ms) the first result card enters the page, so that only requests that
# arrived before it count as "until the first result" (reading the server's log when Playwright
# returns would also count what the page fetched in the milliseconds after).
FIRST_CARD_PROBE = """
new MutationObserver((_, observer) => {
  if (document.querySelector('.opop-search__list .opop-card')) {
    window.__firstCard = performance.timeOrigin + performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def browser_bytes(site_dir: Path, product_slug: str) -> dict:
    import tempfile

    from playwright.sync_api import sync_playwright

    out = {}
    with serve(site_dir) as (base, server), sync_playwright() as p:
        with tempfile.TemporaryDirectory() as profile:
            context = _phone(p, profile)
            try:
                page = context.new_page()
                page.goto(base + f"produk/{product_slug}/", wait_until="networkidle")
                page.wait_for_timeout(500)
                out["product_page"] = _summarise(server.sent)
            finally:
                context.close()
        server.sent.clear()
        with tempfile.TemporaryDirectory() as profile:
            context = _phone(p, profile)
            try:
                page = context.new_page()
                page.add_init_script(FIRST_CARD_PROBE)
                start = time.time()
                page.goto(base + f"cari/?q={SEARCH_QUERY}")
                page.wait_for_selector(".opop-search__list .opop-card", timeout=120_000)
                first_card = page.evaluate("window.__firstCard") / 1000
                first_ms = (first_card - start) * 1000
                first = _summarise([s for s in list(server.sent) if s[2] <= first_card])
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(500)
                results = page.evaluate("document.querySelectorAll('.opop-search__list .opop-card').length")
                out["search"] = {"query": SEARCH_QUERY, "first_result": first, "settled": _summarise(server.sent),
                                 "first_result_ms": first_ms, "results_shown": results}
            finally:
                context.close()
    return out


def _summarise(sent: list[tuple[str, int, float]]) -> dict:
    by_kind: dict[str, int] = {}
    files: dict[str, int] = {}
    for path, n, _ in sent:
        kind = ("pagefind" if path.startswith("/pagefind/") else "photos" if path.startswith("/media/")
                else "html" if path.endswith("/") or path.endswith(".html") else
                "css" if path.endswith(".css") else "js" if path.endswith(".js") else "other")
        by_kind[kind] = by_kind.get(kind, 0) + n
        files[path] = files.get(path, 0) + n
    return {"bytes": sum(by_kind.values()), "requests": len(sent), "by_kind": dict(sorted(by_kind.items())),
            "files": dict(sorted(files.items()))}


# --- Lighthouse on the sample site ------------------------------------------------------------


def lighthouse(work: Path) -> dict:
    """Build the samples (products/) and run Lighthouse (mobile, its default throttling) on the
    home, search and a product page; scores and the audits that cost points."""
    import tempfile

    site_dir, cache = work / "site-samples", work / "cache-samples"
    build = run_child("build", REPO / "products", site_dir, cache)
    slug = max(sorted(p.name for p in (REPO / "products").iterdir() if (p / "product.yml").is_file()),
               key=lambda s: sum(1 for f in (REPO / "products" / s).iterdir() if f.suffix in (".jpg", ".jpeg", ".png", ".webp")))
    command = os.environ.get("OPOP_LIGHTHOUSE") or shutil.which("lighthouse")
    command = [command] if command else ["npx", "--yes", "lighthouse@12"]
    out = {"build_seconds": build["seconds"], "product": slug, "pages": {}}
    with serve(site_dir) as (base, _), tempfile.TemporaryDirectory() as tmp:
        for name, path in LIGHTHOUSE_PAGES.items():
            report = Path(tmp) / f"{name}.json"
            done = subprocess.run(
                [*command, base + path.format(slug=slug), "--quiet", "--output=json", f"--output-path={report}",
                 "--only-categories=performance,accessibility,best-practices,seo",
                 "--chrome-flags=" + " ".join([*CHROMIUM_ARGS, f"--user-data-dir={tmp}/profile-{name}"])],
                env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=900)
            if done.returncode != 0 or not report.is_file():
                raise SystemExit(f"lighthouse failed on {path}:\n{done.stderr[-3000:]}")
            data = json.loads(report.read_text())
            failing = []
            for category in ("accessibility", "seo", "best-practices", "performance"):
                for ref in data["categories"][category]["auditRefs"]:
                    audit = data["audits"][ref["id"]]
                    if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                        items = (audit.get("details") or {}).get("items") or []
                        nodes = [((i.get("node") or {}).get("selector", ""), (i.get("node") or {}).get("explanation", "")[:200])
                                 for i in items[:6] if isinstance(i, dict) and i.get("node")]
                        failing.append({"category": category, "id": ref["id"], "score": audit["score"],
                                        "title": audit["title"], "value": audit.get("displayValue", ""), "nodes": nodes})
            metrics = {k: data["audits"][k].get("displayValue", "") for k in
                       ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                        "cumulative-layout-shift", "speed-index") if k in data["audits"]}
            out["pages"][name] = {
                "url": path.format(slug=slug),
                "scores": {k: round(v["score"] * 100) for k, v in data["categories"].items()},
                "metrics": metrics, "failing": failing,
                "lighthouse": data.get("lighthouseVersion"),
            }
            print(f"lighthouse {name}: {out['pages'][name]['scores']}", flush=True)
    (work / "lighthouse.json").write_text(json.dumps(out, indent=1, sort_keys=True))
    return out


# --- the driver --------------------------------------------------------------------------------


def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError):
        cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "")
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "commit": commit}


def shard_simulation(products: Path, work: Path, counts=(2, 4, 8)) -> dict:
    """Render the photos of `products` on one machine, then split in N shares for each N (one
    after the other, each share into an empty cache with all cores, as on its own runner),
    merge the shares' caches by copying, and build once on the merged cache."""
    from catalogue.photos.renditions import all_renditions, plan_catalogue
    from catalogue.photos.shards import Shard, render_share
    from catalogue.products.validate import check_catalogue

    plans = plan_catalogue(check_catalogue(products).catalogue)
    sources = len({r.digest for r in all_renditions(plans)})

    def one(shard, cache: Path) -> dict:
        shutil.rmtree(cache, ignore_errors=True)
        before, start = _children_cpu(), time.perf_counter()
        done = render_share(plans, cache, shard, progress=False)
        assert not done.problems, done.problems[:3]
        return {"seconds": time.perf_counter() - start, "cpu": _children_cpu() - before,
                "photos": done.sources, "files": len(done.rendered), "load": os.getloadavg()[0]}

    out = {"products": len(plans), "photos": sources, "cores": os.cpu_count(),
           "one_machine": one(None, work / "shard-cache-all")}
    print(f"shards: one machine {out['one_machine']['seconds']:.0f} s for {sources} photos", flush=True)
    merged = work / "shard-cache-merged"
    for count in counts:
        shares = [one(Shard(i, count), work / f"shard-cache-{i}") for i in range(1, count + 1)]
        shutil.rmtree(merged, ignore_errors=True)
        merged.mkdir(parents=True)
        start = time.perf_counter()
        for i in range(1, count + 1):  # what download-artifact does: copy every share's files
            for entry in os.scandir(work / f"shard-cache-{i}"):
                shutil.copyfile(entry.path, merged / entry.name)
        out[str(count)] = {"shares": shares, "merge_seconds": time.perf_counter() - start}
        print(f"shards: N={count} slowest {max(s['seconds'] for s in shares):.0f} s", flush=True)
    site = work / "shard-site"
    out["final_build"] = run_child("build", products, site, merged)
    for i in range(1, max(counts) + 1):
        shutil.rmtree(work / f"shard-cache-{i}", ignore_errors=True)
    return out


def _children_cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def run_size(n: int, largest: int, work: Path, stages: list[str], seed: int, photos: tuple[int, int] = (1, 4),
             shard_products: int = 300, linked: bool = False) -> dict:
    products = linked_products(n, work, seed, photos[0]) if linked else ensure_products(n, largest, work, seed, photos)
    site_dir, cache = work / f"site-{n}", work / f"cache-{n}"
    results_file = work / f"results-{n}.json"
    results = json.loads(results_file.read_text()) if results_file.exists() else {}
    results.update(n=n, machine=machine(), photos_per_product=list(photos))

    def save():
        results_file.write_text(json.dumps(results, indent=1, sort_keys=True))

    if "validate" in stages:
        runs = [run_child("validate", products, site_dir, cache) for _ in range(3)]
        runs.sort(key=lambda r: r["process_seconds"])
        results["validate"] = runs[1]
        save()
        print(f"N={n} validate {runs[1]['seconds']:.2f} s (process {runs[1]['process_seconds']:.2f} s)", flush=True)
    if "cold" in stages:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(site_dir, ignore_errors=True)
        results["cold"] = run_child("build", products, site_dir, cache)
        save()
        print(f"N={n} cold build {results['cold']['seconds']:.1f} s", flush=True)
    if "warm" in stages:
        results["warm"] = run_child("build", products, site_dir, cache)
        save()
        print(f"N={n} warm build {results['warm']['seconds']:.1f} s", flush=True)
    if "change" in stages:
        with one_product_changed(products) as slug:
            results["change"] = run_child("build", products, site_dir, cache)
            results["change"]["product"] = slug
        save()
        print(f"N={n} build after one change {results['change']['seconds']:.1f} s", flush=True)
    if "size" in stages:
        results["size"] = site_size(site_dir)
        save()
        print(f"N={n} site {results['size']['bytes'] / 2**20:.0f} MiB", flush=True)
    if "pages" in stages:
        results["pages"] = page_weights(site_dir)
        save()
        ar = results["pages"].get("ar produk/*", {})
        print(f"N={n} product pages: largest {ar.get('raw_max', 0) / 1024:.1f} KiB (Arabic)", flush=True)
    if "browser" in stages:
        slug = max(sorted(p.name for p in products.iterdir() if p.is_dir())[:50],
                   key=lambda s: len([f for f in (products / s).iterdir() if f.suffix == ".jpg"]))
        results["browser"] = browser_bytes(site_dir, slug)
        results["browser"]["product"] = slug
        save()
        print(f"N={n} product page {results['browser']['product_page']['bytes'] / 1024:.0f} KiB, "
              f"search {results['browser']['search']['first_result']['bytes'] / 1024:.0f} KiB", flush=True)
    if "shards" in stages:
        sample = ensure_products(min(n, shard_products), largest, work, seed, photos)
        results["shards"] = run_child("shards", sample, work, work)
        save()
    return results


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, products, site_dir, cache = sys.argv[2], *map(Path, sys.argv[3:6])
        if kind == "shards":  # site_dir is the work folder
            print(json.dumps({"ok": True, **shard_simulation(products, site_dir)}))
            return
        print(json.dumps(child(kind, products, site_dir, cache)))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,3057", help="comma-separated N (default: 100,1000,3057)")
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("OPOP_BENCH_DIR", "/tmp/opop-bench")),
                        help="folder for products, caches, sites and results (default: /tmp/opop-bench; 3,057 products need ~15 GB)")
    parser.add_argument("--stages", default=",".join(STAGES), help=f"comma-separated, from {','.join(STAGES)}")
    parser.add_argument("--seed", type=int, default=3057)
    parser.add_argument("--master", type=int, default=3057,
                        help="generate this many products once; smaller N are hard links to the first N (default: 3057)")
    parser.add_argument("--report", type=Path, default=REPO / "docs" / "benchmarks.md")
    parser.add_argument("--report-only", action="store_true", help="only rewrite the report from WORK/results-*.json")
    parser.add_argument("--only", choices=tuple(ONLY_STAGES),
                        help="photos8: every product with 8 photos, in WORK/photos8, stages cold,warm,size,shards; "
                             "pages8: the same products with linked photos, in WORK/pages8, stages cold,size,pages,browser")
    parser.add_argument("--photos-per-product", default="1-4", help="N or A-B (default 1-4; photos8 sets 8)")
    parser.add_argument("--shard-products", type=int, default=300,
                        help="products of the shard simulation (default 300: 2,400 photos at 8 a product)")
    args = parser.parse_args()
    from generate import photo_range

    photos = photo_range(args.photos_per_product)
    if args.only:  # 3,057 products × 8 photos, in WORK/<only>, with the stages that run measures
        photos = (8, 8)
        args.work = args.work / args.only
        if "--stages" not in sys.argv:
            args.stages = ONLY_STAGES[args.only]
        if "--sizes" not in sys.argv:
            args.sizes = "3057"
    sizes = sorted(int(s) for s in args.sizes.split(","))
    stages = [s for s in args.stages.split(",") if s]
    unknown = set(stages) - set(STAGES)
    if unknown:
        parser.error(f"unknown stages: {', '.join(sorted(unknown))}")
    args.work.mkdir(parents=True, exist_ok=True)
    global CODE, CODE_DIGEST
    if not args.report_only and set(stages) & {"validate", "cold", "warm", "change", "lighthouse", "shards"}:
        CODE, CODE_DIGEST = snapshot(args.work)
        print(f"code under test: {CODE} ({CODE_DIGEST})", flush=True)
    if not args.report_only and "lighthouse" in stages:
        lighthouse(args.work)
    stages = [s for s in stages if s != "lighthouse"]
    if not args.report_only and stages:
        largest = max(*sizes, args.master) if args.only is None else max(sizes)
        for i, n in enumerate(sizes):  # the shard simulation once, with the first (smallest) N
            run_size(n, largest, args.work, [s for s in stages if s != "shards" or i == 0], args.seed, photos,
                     args.shard_products, linked=args.only == "pages8")
    from report import write_pages8_report, write_photos8_report, write_report

    if args.only == "pages8":
        write_pages8_report(args.work, args.report)
    elif args.only == "photos8":
        write_photos8_report(args.work, args.report, main_work=args.work.parent)
    else:
        write_report(args.work, args.report)
    print(f"wrote {args.report}")


if __name__ == "__main__":
    main()
