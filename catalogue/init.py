"""`build.py init DIR --province NN`: a new catalogue repository for any OPOP province.

Writes DIR with everything a provincial office needs on the first day: the region file
(catalogue/region.py), mkdocs.yml naming it, `products/` with one example product (photo
included) that validates, docs pages, the issue forms generated for the province's regencies,
the JSON Schema for editors, the three workflows (pull requests, Pages, forms) taken from this
repository's own and rewritten to install the pinned package instead of the source, a
CONTRIBUTING.md and a README. Its only dependency is this package, pinned in
requirements.txt.

The region file comes, in order of preference, from the package (`regions/<name>.yml` with
the same `code`: Kalimantan Selatan and Jawa Timur ship with their maps) or from the national
list (`regions/indonesia-kabupaten.csv`: names in Indonesian, English derived; no map and the
whole of Indonesia as the coordinate box until a map is made with bench/make_map.py).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
from pathlib import Path

from catalogue import region
from catalogue.locales import t

STARTER = Path(__file__).resolve().parent / "starter"  # templates of the new repository's files
PACKAGE_NAME = "katalog-opop-kalsel"

# English names of the provinces (Indonesian ones are in the national list) and the short
# names the provinces use for themselves ("Katalog OPOP Jatim").
PROVINCE_EN = {
    "11": "Aceh", "12": "North Sumatra", "13": "West Sumatra", "14": "Riau", "15": "Jambi",
    "16": "South Sumatra", "17": "Bengkulu", "18": "Lampung", "19": "Bangka Belitung Islands",
    "21": "Riau Islands", "31": "Jakarta", "32": "West Java", "33": "Central Java",
    "34": "Special Region of Yogyakarta", "35": "East Java", "36": "Banten", "51": "Bali",
    "52": "West Nusa Tenggara", "53": "East Nusa Tenggara", "61": "West Kalimantan",
    "62": "Central Kalimantan", "63": "South Kalimantan", "64": "East Kalimantan",
    "65": "North Kalimantan", "71": "North Sulawesi", "72": "Central Sulawesi",
    "73": "South Sulawesi", "74": "Southeast Sulawesi", "75": "Gorontalo", "76": "West Sulawesi",
    "81": "Maluku", "82": "North Maluku", "91": "Papua", "92": "West Papua", "93": "South Papua",
    "94": "Central Papua", "95": "Highland Papua", "96": "Southwest Papua",
}
SHORT_ID = {
    "12": "Sumut", "13": "Sumbar", "16": "Sumsel", "19": "Babel", "21": "Kepri", "31": "Jakarta",
    "32": "Jabar", "33": "Jateng", "34": "DIY", "35": "Jatim", "52": "NTB", "53": "NTT",
    "61": "Kalbar", "62": "Kalteng", "63": "Kalsel", "64": "Kaltim", "65": "Kaltara",
    "71": "Sulut", "72": "Sulteng", "73": "Sulsel", "74": "Sultra", "76": "Sulbar", "82": "Malut",
}


class InitError(Exception):
    """Nothing (more) is written; the message says why and what to do."""


def shipped_region(code: str) -> Path | None:
    """The package's region file for province `code`, if it ships one."""
    for path in sorted(region.REGIONS_DIR.glob("*.yml")):
        try:
            if region.load_file(path).code == code:
                return path
        except region.RegionError:
            continue
    return None


def _english(name: str) -> str:
    """"Kabupaten Pacitan" → "Pacitan Regency", "Kota Surabaya" → "Surabaya City"."""
    if name.startswith("Kabupaten "):
        return name.removeprefix("Kabupaten ") + " Regency"
    if name.startswith("Kota "):
        return name.removeprefix("Kota ") + " City"
    return name


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def region_from_list(code: str) -> str:
    """A region file's text for province `code` from the national list (no map, no box)."""
    provinces = region.national_list()
    if code not in provinces:
        known = ", ".join(f"{c} {p['name']}" for c, p in sorted(provinces.items()))
        raise InitError(f"kode provinsi {code!r} tidak dikenal / unknown province code (known: {known})")
    entry = provinces[code]
    name, en = entry["name"], PROVINCE_EN.get(code, entry["name"])
    short = SHORT_ID.get(code, name)
    lines = [
        "# Region file: everything about the province this catalogue serves. mkdocs.yml names it",
        "# (plugins: - opop: region: region.yml). Written by `build.py init` from the national list",
        "# of regencies; add Arabic names (ar:) and the programme's own figures (texts:) as you like.",
        'format_version: "1"',
        f'code: "{code}"',
        f"slug: {region.slugify(short)}",
        "name:",
        f"  id: {_quote(name)}",
        f"  en: {_quote(en)}",
        "short_name:",
        f"  id: {_quote(short)}",
        f"  en: {_quote(en)}",
        "# No map yet: make one from the province's boundaries with bench/make_map.py, put the",
        "# .map.json beside this file, name it here, and set location_box (see",
        "# catalogue/regions/kalimantan-selatan.yml). Until then coordinates are checked against",
        "# the whole of Indonesia.",
        'map: ""',
        "regencies:",
    ]
    for rcode, rname in entry["regencies"].items():
        lines.append(f'  "{rcode}": {{id: {_quote(rname)}, en: {_quote(_english(rname))}}}')
    lines += [
        "# The programme office: shown to secretaries as the place to ask.",
        "office:",
        f"  name: {_quote('Dinas Koperasi dan Usaha Kecil Menengah Provinsi ' + name)}",
    ]
    return "\n".join(lines) + "\n"


# --- the repository ---------------------------------------------------------------------------

def workflow_for_starter(text: str) -> str:
    """This repository's workflow, as a catalogue repository runs it: the package comes pinned
    from requirements.txt (it has no source of its own to install), the photo cache is keyed by
    that file, and the job that tests the package's code is left out."""
    text = text.replace('python -m pip install -e ".[test]"', "python -m pip install -r requirements.txt")
    text = text.replace("python -m pip install -e .", "python -m pip install -r requirements.txt")
    text = text.replace("hashFiles('pyproject.toml')", "hashFiles('requirements.txt')")
    text = re.sub(r"\n  uji:\n.*\Z", "\n", text, flags=re.S)  # the code's tests: not in a catalogue repository
    return text.replace("the code's tests (which also lint these workflows with zizmor)", "nothing else (the package is tested where it is made)")


def _fill(text: str, words: dict[str, str]) -> str:
    return re.sub(r"\{\{(\w+)\}\}", lambda m: words[m.group(1)], text)


def example_photo() -> bytes:
    """A plain, valid JPEG for the example product (replaced by a real photo)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 900), (232, 245, 233))
    draw = ImageDraw.Draw(image)
    draw.rectangle((300, 200, 900, 700), fill=(56, 142, 60))
    draw.ellipse((480, 330, 720, 570), fill=(200, 230, 201))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def write_repository(target: Path, code: str, package_spec: str | None = None) -> list[str]:
    """Write the new catalogue repository into `target` (missing or empty); returns the files
    (relative paths). Written into a temporary folder beside it and renamed when complete, so
    a failure leaves nothing half-written."""
    target = Path(target).resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(f"{target}: folder tidak kosong / folder is not empty (pilih folder baru / choose a new folder)")
    if not re.fullmatch(r"\d{2}", code or ""):
        raise InitError(f"--province: diharapkan kode dua angka, mis. 35 (Jawa Timur); ditemukan {code!r}")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-init-", dir=target.parent))
    try:
        written = _write(tmp, code, package_spec)
        if target.exists():
            target.rmdir()
        os.chmod(tmp, 0o755)
        tmp.rename(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return written


def _write(target: Path, code: str, package_spec: str | None) -> list[str]:
    from catalogue import __version__

    shipped = shipped_region(code)
    if shipped:  # with its map, which the region file names beside itself
        shutil.copyfile(shipped, target / "region.yml")
        map_file = region.load_file(shipped).map_file
        if map_file:
            shutil.copyfile(map_file, target / map_file.name)
            shutil.copyfile(region.REGIONS_DIR / "LICENSE-boundaries.txt", target / "LICENSE-boundaries.txt")
    else:
        (target / "region.yml").write_text(region_from_list(code), encoding="utf-8")
    area = region.load(target / "region.yml")  # checked as every build will check it
    files: dict[str, bytes | str] = {}
    first_code = next(iter(area.regencies))
    with region.use(area):
        site_name = t("id", "site.name")  # "Katalog OPOP Jatim"
    words = {
        "province": area.name_in("id"), "province_en": area.name_in("en"),
        "site_name": site_name, "regency": first_code, "regency_name": area.regencies[first_code]["id"],
        "office": area.office.get("name", ""),
        "package": package_spec or f"{PACKAGE_NAME}=={__version__}",
    }
    for path in sorted(p for p in STARTER.rglob("*") if p.is_file()):
        rel = path.relative_to(STARTER).as_posix()
        if rel.startswith("workflows/"):
            continue
        # "dot-github/…" → ".github/…"; "build.py.in" → "build.py" (not a module of this package)
        name = (rel.replace("dot-", ".", 1) if rel.startswith("dot-") else rel).removesuffix(".in")
        files[name] = _fill(path.read_text(encoding="utf-8"), words)
    for path in sorted((STARTER / "workflows").glob("*.yml")):
        files[f".github/workflows/{path.name}"] = path.read_text(encoding="utf-8")
    files["products/contoh-produk/foto-1.jpg"] = example_photo()

    for name, content in sorted(files.items()):
        dest = target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            dest.write_bytes(content)
        else:
            dest.write_text(content, encoding="utf-8")

    with region.use(area):  # the forms and the schema list this province's regencies
        from catalogue.products.issue_form_file import write_forms
        from catalogue.products.schema_file import write_schema

        write_forms(target / ".github" / "ISSUE_TEMPLATE")
        write_schema(target / "schema" / "product.schema.json")
    return sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())


def run_init(args) -> int:
    try:
        written = write_repository(args.dir, args.province, args.package)
    except InitError as e:
        print(f"build.py init: {e}")
        return 1
    area = region.load_file(Path(args.dir) / "region.yml")
    print(f"Katalog untuk provinsi {area.code} {area.name_in('id')} ditulis di {args.dir} ({len(written)} file).")
    print("Langkah berikutnya / next steps:")
    print(f"  cd {args.dir} && python -m venv .venv && . .venv/bin/activate && pip install -r requirements.txt")
    print("  python build.py validate && python build.py build")
    if area.map_file is None:
        print("  (belum ada peta / no map yet: lihat komentar di region.yml)")
    return 0


__all__ = ["InitError", "region_from_list", "run_init", "workflow_for_starter", "write_repository"]
