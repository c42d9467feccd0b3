"""The site's size by part, the warning from 80 % of the budget, and a build that fails over
it before anything replaces site/ (catalogue/site/size.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import write_product

from catalogue.site import size
from catalogue.site.build import SiteTooLarge, build_site

REPO = Path(__file__).resolve().parents[1]


def config_with(tmp_path: Path, **opop) -> Path:
    """The repository's mkdocs.yml in tmp_path, its folders absolute, opop options replaced."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {REPO / 'docs'}")
    text = text.replace("custom_dir: catalogue/theme", f"custom_dir: {REPO / 'catalogue' / 'theme'}")
    for key, value in opop.items():
        text, n = re.subn(rf"^(      {key}:) .*$", rf"\1 {value}", text, flags=re.M)
        assert n == 1, key
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def products(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("budget") / "products"
    for i in range(3):
        write_product(folder, f"kopi-{i}", pesantren={"name": f"Pondok Pesantren Kopi {i}", "regency": "63.03",
                                                      "address": "Jl. Contoh No. 1, Martapura"})
    return folder


@pytest.mark.parametrize("text,expected", [
    ("1 GB", 10**9), ("800 MB", 800 * 10**6), ("0.5 GiB", 2**29), ("1,5 GB", 15 * 10**8),
    ("1000000000", 10**9), (1234, 1234), ("2gb", 2 * 10**9),
])
def test_parse_size(text, expected):
    assert size.parse_size(text) == expected


@pytest.mark.parametrize("text", ["", "GB", "1 TB", "-1 GB", "0", 0, True, "satu GB"])
def test_parse_size_refuses(text):
    with pytest.raises(ValueError, match="expected a"):
        size.parse_size(text)


@pytest.mark.parametrize("rel,part", [
    ("media/a-960.webp", "photos"), ("index.html", "html"), ("en/produk/x/index.html", "html"),
    ("pagefind/pagefind.js", "search"), ("data/catalogue.csv", "data"), ("assets/stylesheets/opop.css", "assets"),
    ("unduh/katalog-kalsel.pdf", "downloads"), ("sitemap.xml", "other"), ("cari/kata.json", "other"),
])
def test_parts(rel, part):
    assert size.part_of(rel) == part


def example(photos_mb: int, html_mb: int, budget="1 GB", photo_site=False) -> size.SizeReport:
    files = [("media/a.webp", photos_mb * 10**6), ("index.html", html_mb * 10**6), ("pagefind/x.pf", 13 * 10**6)]
    if photo_site:
        main = size.measure_files(files[1:])
        return size.SizeReport(main, size.parse_size(budget), size.measure_files(files[:1]))
    return size.SizeReport(size.measure_files(files), size.parse_size(budget))


def test_report_lines_and_levels():
    ok = example(300, 400)
    assert ok.level(ok.site) == "ok" and not ok.over
    assert ok.lines("id") == [
        "Situs: 713,0 MB, 71 % dari anggaran 1 GB (3 berkas)",
        "  foto (media/)                  300,0 MB   30 %  1 berkas",
        "  halaman HTML                   400,0 MB   40 %  1 berkas",
        "  indeks pencarian (pagefind/)    13,0 MB    1 %  1 berkas",
    ]
    warn = example(400, 400)
    assert warn.level(warn.site) == "warn" and not warn.over
    assert warn.lines("en")[-1] == (
        "warning: Site is at 81 % of its 1 GB budget (size_budget in mkdocs.yml; GitHub Pages refuses sites "
        "over 1 GB). Before it fills: publish photos from a second photo site (photo_base_url); fewer photos per product.")
    assert warn.lines("id")[-1].startswith("peringatan: Situs sudah 81 % dari anggaran 1 GB")


def test_over_budget_message_names_biggest_parts_and_remedies():
    over = example(650, 420)
    assert over.over
    message = over.error("id").splitlines()
    assert message[0] == ("galat: Situs 1,08 GB melebihi anggaran 1 GB (size_budget di mkdocs.yml); GitHub Pages tidak "
                          "menerbitkan situs di atas 1 GB. Tidak ada yang diterbitkan dan folder situs tidak diubah.")
    assert message[1] == ("Bagian terbesar: foto (media/) 650,0 MB (60 %), halaman HTML 420,0 MB (39 %), "
                          "indeks pencarian (pagefind/) 13,0 MB (1 %).")
    assert message[2] == "Cara mengatasi:"
    assert message[3].startswith("  - terbitkan foto dari situs foto kedua: isi photo_base_url")
    assert message[4].startswith("  - kurangi foto per produk")
    english = over.error("en")
    assert english.startswith("error: Site is 1.08 GB, over its 1 GB budget") and "Remedies:" in english
    # With a photo site, the photos are measured there, against the same budget.
    split = example(650, 420, photo_site=True)
    assert not split.over and [s.bytes for s in split.sites()] == [433 * 10**6, 650 * 10**6]
    assert split.lines("en")[3] == "Photo site: 650.0 MB, 65 % of the 1 GB budget (1 files)"


def test_markdown_summary():
    table = example(400, 400).markdown("en")
    assert table.splitlines()[:5] == ["### Site size", "", "**Site**: 813.0 MB, 81 % of the budget 1 GB ⚠️", "",
                                      "| part | size | of budget | files |"]
    assert "| **total** | **813.0 MB** | **81 %** | **3** |" in table


def test_build_reports_size_by_part(tmp_path, products):
    reports = []
    site = tmp_path / "site"
    build_site(products, site, config_file=config_with(tmp_path), cache_dir=tmp_path / "cache", on_size=reports.append)
    (report,) = reports
    measured = size.measure(site)
    assert report.site == measured and report.budget == 10**9 and report.photo_site is None
    assert measured.bytes == sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    assert measured.part("photos").files == len(list((site / "media").iterdir()))
    assert all(measured.part(key).bytes > 0 for key in ("photos", "html", "search", "data", "assets"))


def test_over_budget_fails_and_leaves_site_untouched(tmp_path, products):
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("the previous site")
    with pytest.raises(SiteTooLarge) as caught:
        build_site(products, site, config_file=config_with(tmp_path, size_budget="100 KB"), cache_dir=tmp_path / "cache")
    assert caught.value.report.over
    assert sorted(os.listdir(site)) == ["old.html"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []  # no temporary folder left


def run_cli(tmp_path, products, budget, *extra, env=None):
    environment = {**os.environ, "OPOP_PHOTO_CACHE": str(tmp_path / "cache"), **(env or {})}
    environment.pop("GITHUB_ACTIONS", None) if not env or "GITHUB_ACTIONS" not in env else None
    return subprocess.run([sys.executable, "build.py", "build", "--products", str(products), "--site", str(tmp_path / "site"),
                           "--config", str(config_with(tmp_path, size_budget=budget)), *extra],
                          cwd=REPO, env=environment, capture_output=True, text=True, timeout=600)


def test_cli_fails_over_budget_in_indonesian_and_english(tmp_path, products):
    done = run_cli(tmp_path, products, "100 KB")
    assert done.returncode == 1
    assert done.stderr.startswith("galat: Situs ") and "melebihi anggaran 100,0 KB" in done.stderr
    assert "Bagian terbesar: " in done.stderr and "photo_base_url" in done.stderr
    assert done.stdout.rstrip().endswith(f"Situs TIDAK dibangun; {tmp_path / 'site'} tidak diubah.")
    assert not (tmp_path / "site").exists()
    english = run_cli(tmp_path, products, "100 KB", "--lang", "en")
    assert english.returncode == 1 and english.stderr.startswith("error: Site is ") and "Remedies:" in english.stderr


def test_cli_prints_size_warns_and_writes_job_summary(tmp_path, products):
    built = size.measure  # the budget is set just above the site, so it warns
    first = run_cli(tmp_path, products, "1 GB")
    assert first.returncode == 0, first.stderr
    total = built(tmp_path / "site").bytes
    assert re.search(r"^Situs: [\d,]+ [KM]B, 0 % dari anggaran 1 GB \(\d+ berkas\)$", first.stdout, re.M)
    assert re.search(r"^  foto \(media/\) +[\d,]+ KB +0 %  \d+ berkas$", first.stdout, re.M)
    summary = tmp_path / "summary.md"
    again = run_cli(tmp_path, products, str(int(total / 0.9)),
                    env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert again.returncode == 0, again.stderr
    assert re.search(r"^peringatan: Situs sudah 90 % dari anggaran ", again.stdout, re.M)
    assert summary.read_text(encoding="utf-8").startswith("### Ukuran situs\n\n**Situs**: ")
