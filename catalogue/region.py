"""The province a catalogue serves, read from its region file (issue 18).

Everything province-specific lives in one YAML file that mkdocs.yml names
(`plugins: - opop: region: region.yml`): the province's code and names, its regencies
(Kemendagri codes and names in three languages), the coordinate box `pesantren.location` must
fall in, the map's shapes, the programme office and the sentences about the programme shown on
the site. The package ships Kalimantan Selatan's (`regions/kalimantan-selatan.yml`), used
when mkdocs.yml names none. `build.py init --province NN` writes one for any province from
`regions/indonesia-kabupaten.csv` (catalogue/init.py).

One process serves one province, so the active region is a module global (`use` sets it for a
block, `activate` for the rest of the process, e.g. MkDocs' plugin); forked workers
(catalogue/parallel.py) inherit it. Every stage reads it through `current()`; the values
taxonomy and schema expose (REGENCIES, the regency Choice) are views over it, never copies
taken at import.

The file is read as text (YAML's BaseLoader: no implicit types, "63.10" stays "63.10") and
checked; a bad file raises RegionError naming the file, line and what to fix.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterator

import yaml

REGIONS_DIR = Path(__file__).resolve().parent / "regions"
DEFAULT_FILE = REGIONS_DIR / "kalimantan-selatan.yml"
NATIONAL_LIST = REGIONS_DIR / "indonesia-kabupaten.csv"  # all 514 regencies (regions/README.md)
LANGS = ("id", "en", "ar")
# Indonesia's extent, the box of a region file that gives none (its map is still to come).
INDONESIA_BOX = {"lat_min": -11.2, "lat_max": 6.2, "lon_min": 94.8, "lon_max": 141.2}


class RegionError(ValueError):
    """A region file that cannot be used; the message says where and how to fix it."""


@dataclass(frozen=True, eq=False)  # eq=False: hashed by identity, one object per loaded file
class Region:
    code: str  # Kemendagri province code, "63"
    slug: str  # ASCII, for file names: "kalsel" → unduh/katalog-kalsel.pdf
    name: dict[str, str]  # per language; "en"/"ar" may be missing (Indonesian is used)
    short_name: dict[str, str]  # "Kalsel": in the site's name
    regencies: dict[str, dict[str, str]]  # "63.03" → {"id": "Kabupaten Banjar", "en": …}
    box: dict[str, float]  # lat_min, lat_max, lon_min, lon_max
    map_file: Path | None  # SVG shapes (bench/make_map.py); None: the site has no map
    office: dict[str, str] = field(default_factory=dict)  # the programme office: name, email, website, whatsapp
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # lang → locale key → sentence
    path: Path | None = None

    def name_in(self, lang: str) -> str:
        return self.name.get(lang) or self.name["id"]

    def short_in(self, lang: str) -> str:
        return self.short_name.get(lang) or self.short_name.get("id") or self.name_in(lang)

    def shapes(self) -> dict:
        """The map's viewBox and per-regency path; {} when the region has no map."""
        return _read_shapes(self.map_file) if self.map_file else {}

    def words(self, lang: str) -> dict[str, str]:
        """The placeholders interface strings may use: {province}, {province_short}."""
        return {"province": self.name_in(lang), "province_short": self.short_in(lang)}


@functools.cache
def _read_shapes(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# --- reading a region file ---------------------------------------------------------------

def _fail(path: Path, node, message: str, fix: str) -> RegionError:
    line = f":{node.start_mark.line + 1}:{node.start_mark.column + 1}" if node is not None else ""
    return RegionError(f"{path}{line}: {message} (perbaiki/fix: {fix})")


def _mapping(path: Path, node, where: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise _fail(path, node, f"{where}: diharapkan pasangan kunci: nilai / expected a mapping", f"tulis {where} sebagai kunci: nilai")
    out = {}
    for key, value in node.value:
        if key.value in out:
            raise _fail(path, key, f"{where}: kunci ganda / duplicate key {key.value!r}", "hapus salah satunya / remove one")
        out[key.value] = value
    return out


def _text(path: Path, node, where: str, *, required: bool = True) -> str:
    if node is None or not isinstance(node, yaml.ScalarNode) or (required and not node.value.strip()):
        raise _fail(path, node, f"{where}: diharapkan teks / expected text", f"isi {where}")
    return node.value.strip()


def _names(path: Path, node, where: str) -> dict[str, str]:
    """{id: …, en: …, ar: …} (id required) or a plain string (Indonesian only)."""
    if isinstance(node, yaml.ScalarNode):
        return {"id": _text(path, node, where)}
    names = _mapping(path, node, where)
    unknown = sorted(set(names) - set(LANGS))
    if unknown:
        raise _fail(path, names[unknown[0]], f"{where}: bahasa tidak dikenal / unknown language {unknown[0]!r}", "gunakan id, en atau ar")
    if "id" not in names:
        raise _fail(path, node, f"{where}.id: wajib / required", "tulis nama dalam bahasa Indonesia")
    return {lang: _text(path, names[lang], f"{where}.{lang}") for lang in LANGS if lang in names and names[lang].value.strip()}


KNOWN_KEYS = ("format_version", "code", "slug", "name", "short_name", "location_box", "map", "regencies", "office", "texts")


def load(path: Path) -> Region:
    path = Path(path).resolve()
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    except OSError as e:
        raise RegionError(f"{path}: file wilayah tidak dapat dibaca / region file cannot be read: {e.strerror}") from None
    except yaml.YAMLError as e:
        raise RegionError(f"{path}: bukan YAML yang valid / not valid YAML: {e}") from None
    top = _mapping(path, root, "region")
    for key in top:
        if key not in KNOWN_KEYS:
            raise _fail(path, top[key], f"kunci tidak dikenal / unknown key {key!r}", f"kunci yang dikenal: {', '.join(KNOWN_KEYS)}")
    for key in ("code", "name", "regencies"):
        if key not in top:
            raise _fail(path, root, f"{key}: wajib / required", f"tambahkan {key}")
    if "format_version" in top and _text(path, top["format_version"], "format_version") != "1":
        raise _fail(path, top["format_version"], "format_version: diharapkan 1 / expected 1", "perbarui paket katalog / update the catalogue package")
    code = _text(path, top["code"], "code")
    if not re.fullmatch(r"\d{2}", code):
        raise _fail(path, top["code"], f"code: diharapkan kode provinsi dua angka, ditemukan {code!r}", 'tulis mis. "63" dalam tanda kutip')
    name = _names(path, top["name"], "name")
    short = _names(path, top["short_name"], "short_name") if "short_name" in top else dict(name)
    slug = _text(path, top["slug"], "slug") if "slug" in top else slugify(short["id"])
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise _fail(path, top.get("slug"), f"slug: diharapkan huruf kecil, angka dan tanda hubung, ditemukan {slug!r}", "mis. kalsel")

    regencies = {}
    for key_node, value in _pairs(path, top["regencies"], "regencies"):
        rcode = key_node.value
        if not re.fullmatch(rf"{code}\.\d{{2}}", rcode):
            raise _fail(path, key_node, f"regencies: diharapkan kode {code}.NN, ditemukan {rcode!r}",
                        f"kode kabupaten/kota provinsi {code}, mis. \"{code}.01\"")
        if rcode in regencies:
            raise _fail(path, key_node, f"regencies: kode ganda / duplicate code {rcode}", "hapus salah satunya")
        regencies[rcode] = _names(path, value, f"regencies.{rcode}")
    if not regencies:
        raise _fail(path, top["regencies"], "regencies: kosong / empty", "daftarkan kabupaten/kota provinsi ini")

    box = dict(INDONESIA_BOX)
    if "location_box" in top:
        fields = _mapping(path, top["location_box"], "location_box")
        for key in INDONESIA_BOX:
            if key not in fields:
                raise _fail(path, top["location_box"], f"location_box.{key}: wajib / required", "lat_min, lat_max, lon_min, lon_max")
            try:
                box[key] = float(Decimal(_text(path, fields[key], f"location_box.{key}")))
            except InvalidOperation:
                raise _fail(path, fields[key], f"location_box.{key}: diharapkan angka desimal", "mis. -4.3") from None
        if not (box["lat_min"] < box["lat_max"] and box["lon_min"] < box["lon_max"]):
            raise _fail(path, top["location_box"], "location_box: batas minimum harus di bawah maksimum / min must be below max", "periksa tanda minus")

    map_file = None
    if "map" in top and _text(path, top["map"], "map", required=False):
        map_file = (path.parent / top["map"].value.strip()).resolve()
        if not map_file.is_file():
            raise _fail(path, top["map"], f"map: file {top['map'].value!r} tidak ada / not found", "jalankan bench/make_map.py atau kosongkan map")

    office = {}
    if "office" in top:
        fields = _mapping(path, top["office"], "office")
        for key, node in fields.items():
            if key not in ("name", "website", "email", "whatsapp"):
                raise _fail(path, node, f"office: kunci tidak dikenal / unknown key {key!r}", "name, website, email, whatsapp")
            office[key] = _text(path, node, f"office.{key}", required=False)
        if office.get("website") and not re.fullmatch(r"https?://[^\s\"'<>]+", office["website"]):
            raise _fail(path, fields["website"], "office.website: diharapkan alamat https://…", "mis. https://diskop.example.go.id")
        if office.get("email") and not re.fullmatch(r"[^@\s\"'<>]+@[^@\s\"'<>]+\.[a-z]{2,}", office["email"], re.I):
            raise _fail(path, fields["email"], "office.email: diharapkan alamat e-mail", "mis. opop@diskop.example.go.id")
    texts = {}
    if "texts" in top:
        for lang, node in _mapping(path, top["texts"], "texts").items():
            if lang not in LANGS:
                raise _fail(path, node, f"texts: bahasa tidak dikenal / unknown language {lang!r}", "gunakan id, en atau ar")
            texts[lang] = {k: _text(path, v, f"texts.{lang}.{k}") for k, v in _mapping(path, node, f"texts.{lang}").items()}
    return Region(code=code, slug=slug, name=name, short_name=short, regencies=regencies, box=box,
                  map_file=map_file, office=office, texts=texts, path=path)


def _pairs(path: Path, node, where: str):
    if not isinstance(node, yaml.MappingNode):
        raise _fail(path, node, f"{where}: diharapkan pasangan kode: nama / expected code: name pairs", f"tulis {where} sebagai \"63.01\": nama")
    return node.value


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --- the active region ---------------------------------------------------------------------

_ACTIVE: Region | None = None


@functools.cache
def _load_cached(path: Path, mtime_ns: int) -> Region:
    return load(path)


def load_file(path: Path) -> Region:
    """`load`, remembered while the file is unchanged (a build asks many times)."""
    path = Path(path).resolve()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return load(path)  # raises RegionError with the reason
    return _load_cached(path, mtime)


def current() -> Region:
    return _ACTIVE if _ACTIVE is not None else load_file(DEFAULT_FILE)


def activate(region: Region) -> None:
    global _ACTIVE
    _ACTIVE = region


@contextlib.contextmanager
def use(region: Region) -> Iterator[Region]:
    """`current()` is `region` inside this block."""
    global _ACTIVE
    before, _ACTIVE = _ACTIVE, region
    try:
        yield region
    finally:
        _ACTIVE = before


# --- which region a catalogue repository names -----------------------------------------------

class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml has tags (!ENV, !relative) only MkDocs resolves; here they read as text."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def configured_file(config_file: Path) -> Path | None:
    """The region file mkdocs.yml names under `plugins: - opop: region:`, resolved against the
    folder of mkdocs.yml; None when it names none (or there is no mkdocs.yml)."""
    config_file = Path(config_file)
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_IgnoreTags) or {}
    except (OSError, yaml.YAMLError):
        return None
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("opop"), dict):
            value = plugin["opop"].get("region")
            if isinstance(value, str) and value.strip():
                return (config_file.parent / value.strip()).resolve()
    return None


def for_config(config_file: Path) -> Region:
    """The region of the catalogue whose mkdocs.yml is `config_file` (the default if none)."""
    named = configured_file(config_file)
    return load_file(named) if named else load_file(DEFAULT_FILE)


# --- the national list ------------------------------------------------------------------------

@functools.cache
def national_list() -> dict[str, dict]:
    """Province code → {"name": "Jawa Timur", "regencies": {"35.01": "Kabupaten Pacitan", …}}."""
    provinces: dict[str, dict] = {}
    with NATIONAL_LIST.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            entry = provinces.setdefault(row["kode_provinsi"], {"name": row["provinsi"], "regencies": {}})
            entry["regencies"][row["kode"]] = row["nama"]
    return provinces
