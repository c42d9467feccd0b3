"""Issue 18, part 1: a province is configuration. A Jawa Timur catalogue made by `build.py init`
validates and builds with its own regencies, coordinate box and map; broken region files are
reported with their line; the Kalimantan Selatan site does not change when its region file is
named; `init` output passes zizmor; the starter's workflows follow this repository's."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from catalogue import region
from catalogue.init import write_repository, workflow_for_starter
from conftest import REPO
from test_workflows import run_zizmor

PYTHON = sys.executable


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "OPOP_PHOTO_CACHE": str(cwd / ".cache" / "photos")}
    return subprocess.run([PYTHON, "build.py", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


def add_product(repo: Path, slug: str, regency: str, *, location: str = "", name: str = "Tempe Santri") -> None:
    """A copy of the example product with another slug, regency (and location)."""
    folder = repo / "products" / slug
    shutil.copytree(repo / "products" / "contoh-produk", folder)
    text = (folder / "product.yml").read_text(encoding="utf-8")
    text = text.replace("Keripik Singkong Santri (contoh)", f"{name} (contoh)").replace("Contoh (contoh)", f"{slug.title()} (contoh)")
    text = re.sub(r'regency: "[\d.]+"', f'regency: "{regency}"', text)
    if location:
        text = text.replace("  address:", f"  location: {location}\n  address:")
    (folder / "product.yml").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def jatim(tmp_path_factory) -> Path:
    """A Jawa Timur catalogue repository from `init`, with two more fictional products."""
    repo = tmp_path_factory.mktemp("jatim") / "katalog-opop-jatim"
    write_repository(repo, "35")
    add_product(repo, "tempe-santri-jombang", "35.17", location="{lat: -7.55, lon: 112.23}")
    add_product(repo, "batik-santri-kota-surabaya", "35.78", name="Batik Santri")
    return repo


def test_init_writes_a_repository_for_the_province(jatim):
    area = region.load(jatim / "region.yml")
    assert (area.code, area.name["id"], area.name["en"], area.slug) == ("35", "Jawa Timur", "East Java", "jatim")
    assert len(area.regencies) == 38 and area.regencies["35.78"]["id"] == "Kota Surabaya"
    assert area.map_file == jatim / "jawa-timur.map.json"
    for name in ("mkdocs.yml", "requirements.txt", "build.py", ".github/CONTRIBUTING.md", "README.md", "LICENSE-boundaries.txt",
                 ".github/workflows/pages.yml", ".github/workflows/pull-request.yml", ".github/workflows/formulir.yml",
                 ".github/ISSUE_TEMPLATE/produk-baru.yml", "schema/product.schema.json", "docs/index.md", "docs/en/index.md"):
        assert (jatim / name).is_file(), name
    assert (jatim / "requirements.txt").read_text().strip().splitlines()[-1] == "katalog-opop-kalsel==0.1.0"
    form = (jatim / ".github/ISSUE_TEMPLATE/produk-baru.yml").read_text(encoding="utf-8")
    assert "35.78 — Kota Surabaya" in form and "63.03" not in form and "Regional (Jawa Timur dan sekitarnya)" in form
    schema = (jatim / "schema/product.schema.json").read_text(encoding="utf-8")
    assert '"35.01"' in schema and '"63.01"' not in schema


def test_init_refuses_a_folder_with_files_and_an_unknown_province(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a.txt").write_text("keep me")
    result = run(["init", str(tmp_path / "x"), "--province", "35"], REPO)
    assert result.returncode == 1 and "folder tidak kosong" in result.stdout
    assert (tmp_path / "x" / "a.txt").read_text() == "keep me"
    result = run(["init", str(tmp_path / "y"), "--province", "99"], REPO)
    assert result.returncode == 1 and "kode provinsi '99' tidak dikenal" in result.stdout
    assert not (tmp_path / "y").exists() and not list(tmp_path.glob(".y-init-*"))


def test_a_province_without_a_shipped_map_gets_the_national_list(tmp_path):
    repo = tmp_path / "katalog-opop-jabar"
    write_repository(repo, "32")
    area = region.load(repo / "region.yml")
    assert (area.name["id"], area.short_name["id"], area.map_file) == ("Jawa Barat", "Jabar", None)
    assert area.regencies["32.73"] == {"id": "Kota Bandung", "en": "Bandung City"}
    assert area.box == region.INDONESIA_BOX
    result = run(["validate"], repo)
    assert result.returncode == 0, result.stdout + result.stderr


def test_init_output_validates_and_checks_regencies_and_box_of_its_province(jatim, tmp_path):
    result = run(["validate"], jatim)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Katalog valid: 3 produk" in result.stdout
    broken = tmp_path / "repo"
    shutil.copytree(jatim, broken)
    add_product(broken, "kalsel-di-jatim", "63.03")
    add_product(broken, "di-laut", "35.07", location="{lat: -3.3, lon: 114.8}")
    result = run(["validate"], broken)
    assert result.returncode == 1
    assert re.search(r"products/kalsel-di-jatim/product.yml:\d+:\d+: galat: pesantren.regency: .*63.03", result.stdout), result.stdout
    assert "35.01" in result.stdout  # the choices are this province's
    assert ("pesantren.location: diharapkan koordinat di Jawa Timur, ditemukan -3.3, 114.8 "
            "(perbaiki: lintang -8.9 s.d. -4.9 dan bujur 110.7 s.d. 116.4; periksa tanda minus)") in result.stdout


def test_init_output_builds_with_its_own_map(jatim):
    result = run(["build"], jatim)
    assert result.returncode == 0, result.stdout + result.stderr
    site = jatim / "site"
    page = (site / "kabupaten" / "index.html").read_text(encoding="utf-8")
    assert "Katalog OPOP Jatim" in page and "Jawa Timur" in page
    svg = re.search(r'<svg class="opop-map__svg opop-map__svg--wide".*?</svg>', page, re.S).group(0)  # 600 x 370: wide
    assert svg.count("<path") == 38
    assert 'aria-label="Kota Surabaya: 1 produk"' in svg and 'aria-label="Kabupaten Jombang: 1 produk"' in svg
    assert (site / "unduh" / "katalog-jatim.pdf").is_file()
    english = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "OPOP East Java Catalogue" in english
    # The programme office of the region file, in every page's footer.
    assert re.search(r"Program OPOP:\s+Dinas Koperasi dan Usaha Kecil Menengah Provinsi Jawa Timur", page)
    everything = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "Kalimantan" not in everything and "Kalsel" not in everything


def test_init_workflows_pass_zizmor(jatim):
    result = run_zizmor(jatim / ".github" / "workflows")
    assert result.returncode == 0, result.stdout + result.stderr


def test_starter_workflows_follow_this_repositorys():
    for path in sorted((REPO / ".github" / "workflows").glob("*.yml")):
        starter = REPO / "catalogue" / "starter" / "workflows" / path.name
        assert starter.read_text() == workflow_for_starter(path.read_text()), (
            f"{starter} is out of date: regenerate it with catalogue.init.workflow_for_starter")
    assert "pytest" not in (REPO / "catalogue/starter/workflows/pull-request.yml").read_text()


@pytest.mark.parametrize("text, message", [
    ('code: "63"\nname: X\n', "region.yml:1:1: regencies: wajib / required"),
    ('code: 6\nname: X\nregencies: {"63.01": A}\n', "region.yml:1:7: code: diharapkan kode provinsi dua angka, ditemukan '6'"),
    ('code: "63"\nname: X\nregencies:\n  "35.01": A\n', "region.yml:4:3: regencies: diharapkan kode 63.NN, ditemukan '35.01'"),
    ('code: "63"\nname: X\nregencies: {"63.01": A}\nmap: peta.json\n', "region.yml:4:6: map: file 'peta.json' tidak ada"),
    ('code: "63"\nname: X\nregencies: {"63.01": A}\nlocation_box: {lat_min: "-1", lat_max: "-4", lon_min: "1", lon_max: "2"}\n',
     "region.yml:4:15: location_box: batas minimum harus di bawah maksimum"),
    ('code: "63"\nname: X\nregencies: {"63.01": A}\nkode: "1"\n', "region.yml:4:7: kunci tidak dikenal / unknown key 'kode'"),
    ('code: "63"\nname: X\nregencies: {"63.01": A}\noffice: {name: D, website: "javascript:alert(1)"}\n',
     "region.yml:4:28: office.website: diharapkan alamat https://…"),
])
def test_a_broken_region_file_is_reported_with_its_line(tmp_path, text, message):
    (tmp_path / "region.yml").write_text(text, encoding="utf-8")
    config = (REPO / "catalogue" / "starter" / "mkdocs.yml").read_text().replace("{{", "").replace("}}", "")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "products").mkdir()
    (tmp_path / "build.py").write_text((REPO / "build.py").read_text())
    result = run(["validate"], tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert message in result.stderr, result.stderr


def test_naming_kalimantan_selatan_changes_no_byte(sample_site, tmp_path):
    """The samples' site with no region named (mkdocs.yml here: the package's default,
    sample_site) and with mkdocs.yml naming the shipped Kalimantan Selatan file: byte for byte
    the same."""
    from catalogue.site.build import build_site

    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^ +region:", config, re.M)
    named = config.replace("      photo_base_url: \"\"\n",
                           f"      photo_base_url: \"\"\n      region: {region.DEFAULT_FILE}\n")
    assert named != config
    named = named.replace("docs_dir: docs", f"docs_dir: {REPO / 'docs'}").replace("custom_dir: catalogue/theme", f"custom_dir: {REPO / 'catalogue/theme'}")
    (tmp_path / "mkdocs.yml").write_text(named, encoding="utf-8")
    assert region.configured_file(tmp_path / "mkdocs.yml") == region.DEFAULT_FILE
    site = tmp_path / "site"
    problems = build_site(REPO / "products", site, config_file=tmp_path / "mkdocs.yml")
    assert not [p for p in problems if p.is_error]
    ours = sorted(p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert ours == theirs
    different = [name for name in ours if (sample_site / name).read_bytes() != (site / name).read_bytes()]
    assert different == []



def test_spreadsheet_template_lists_the_provinces_regencies(jatim, tmp_path):
    import openpyxl

    result = run(["template", str(tmp_path / "katalog.xlsx")], jatim)
    assert result.returncode == 0, result.stdout + result.stderr
    book = openpyxl.load_workbook(tmp_path / "katalog.xlsx")
    codes = book["Kode"]
    listed = [codes.cell(r, 4).value for r in range(2, 40)]
    assert listed == list(region.load(jatim / "region.yml").regencies)
    assert codes["E4"].value == "Kabupaten Trenggalek"
    header = [c.value for c in book.worksheets[0][1]]
    example = dict(zip(header, [c.value for c in book.worksheets[0][2]]))
    assert example["Kabupaten/kota"] == "35.03"  # the example row names a regency of this province
