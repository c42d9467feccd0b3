"""Hostile product folders, built end to end with `build.py build` in a fresh process.

A corpus of attacks on the YAML, the photos, the paths and the links: every one is refused with
its own message (file:line:col: field: …), the build stops before writing a site, nothing is
printed as a traceback, and no file is written outside the output and cache folders (an audit
hook in every Python process of the run watches; see tests/sandbox.py).

Then every field of the format, one at a time, with markup in it: each is either refused with
an error at that very field, or accepted and shown as text (escaped) on the built site.
"""

from __future__ import annotations

import copy
import gzip
import io
import os
import re
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from helpers import VALID, product_yaml, write_photo
from sandbox import run_build, tree_digest

from catalogue.products.messages import MESSAGES
from catalogue.products.validate import check_catalogue
from test_xss import _Scan

PWNED = "opop-pwned-marker"

# --- the photos -----------------------------------------------------------------------------


def jpeg(size=(1200, 900), colour=(150, 90, 40)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "JPEG", quality=70)
    return buf.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb() -> bytes:
    """A 100 000 × 100 000 PNG header (10 gigapixels) in 60 bytes."""
    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(b"\0" * 64)) + _chunk(b"IEND", b"")


def png_broken_data() -> bytes:
    """A PNG whose header and chunk layout are fine and whose compressed pixels are not:
    it validates (headers only) and fails when the renderer decodes it."""
    buf = io.BytesIO()
    Image.effect_noise((1000, 800), 40).convert("RGB").save(buf, "PNG")
    data = bytearray(buf.getvalue())
    at = data.index(b"IDAT") + 2000
    data[at:at + 4000] = b"\0" * 4000
    return bytes(data)


def animated_webp() -> bytes:
    buf = io.BytesIO()
    frames = [Image.new("RGB", (1000, 1000), c) for c in ((200, 0, 0), (0, 200, 0))]
    frames[0].save(buf, "WEBP", save_all=True, append_images=frames[1:], duration=100)
    return buf.getvalue()


def jpeg_with_payload(payload: bytes) -> bytes:
    """A valid JPEG with `payload` in a comment segment more than 4 KiB from either end
    (where the polyglot check does not look): accepted, and the payload must not be published."""
    data = jpeg()
    pad = b"\xff\xfe" + (6002).to_bytes(2, "big") + b"A" * 6000
    com = b"\xff\xfe" + (len(payload) + 2).to_bytes(2, "big") + payload
    return data[:2] + pad + com + data[2:]


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="2000" height="2000"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
GIF = b"GIF89a" + b"\xe8\x03\xe8\x03" + b"\0" * 64

# --- the corpus: slug -> (writer, expected {(file, field, code)}) ------------------------------


def _data(slug: str, **changes) -> dict:
    data = copy.deepcopy(VALID)
    data["pesantren"]["name"] = f"Pondok Pesantren {slug}"
    for key, value in changes.items():
        data[key] = value
    return data


def _write(folder: Path, text: str | bytes | None = None, photos: dict[str, bytes] | None = None, **changes) -> None:
    folder.mkdir(parents=True)
    if text is None:
        text = product_yaml(_data(folder.name, **changes))
    (folder / "product.yml").write_bytes(text.encode() if isinstance(text, str) else text)
    for name, data in (photos if photos is not None else {"kemasan.jpg": jpeg()}).items():
        (folder / name).write_bytes(data)


def _valid_text(slug: str) -> str:
    return product_yaml(_data(slug))


def _raw(slug: str, key: str, raw: str) -> str:
    """The valid file with the value of top-level `key` replaced by the YAML text `raw`."""
    return product_yaml(_data(slug, **{key: "@@RAW@@"})).replace('"@@RAW@@"', raw)


def _photo_entry(name: str) -> list[dict]:
    return [{"file": name, "alt": {"id": "Foto"}}]


def _deep(depth: int) -> str:
    return "{a: " * depth + "x" + "}" * depth


def _laughs() -> str:
    lines = ['lol0: &l0 "lol"']
    lines += [f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


CASES = {
    # YAML ------------------------------------------------------------------------------------
    "yaml-python-tag": (
        lambda f: _write(f, _raw(f.name, "name", f'!!python/object/apply:os.system ["touch {PWNED}"]')),
        {("name", "yaml_tag"), ("name", "type")}),
    "yaml-recursive-alias": (
        lambda f: _write(f, _raw(f.name, "tags", "&t [kopi, *t]")),
        {("tags", "yaml_anchor"), ("tags[1]", "yaml_alias"), ("tags[1]", "empty")}),
    "yaml-billion-laughs": (
        lambda f: _write(f, _laughs() + _valid_text(f.name)),
        {("lol0", "yaml_anchor"), ("lol1", "yaml_anchor"), ("lol2", "yaml_anchor"), ("lol3", "yaml_anchor"),
         ("lol4", "yaml_anchor"), ("lol5", "yaml_anchor"), ("lol6", "yaml_anchor"), ("lol7", "yaml_anchor"),
         ("lol8", "yaml_anchor"), ("lol9", "yaml_anchor"), ("lol1[0]", "yaml_alias"),
         *{(f"lol{i}", "unknown_key") for i in range(10)}}),
    "yaml-deep-nesting": (  # 4 KB, 990 levels: Python's stack ends before libyaml's limit
        lambda f: _write(f, _raw(f.name, "summary", _deep(990))),
        {("summary.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a", "yaml_too_deep"), ("summary", "text_language")}),
    "yaml-duplicate-key": (
        lambda f: _write(f, _valid_text(f.name) + "category: jasa\n"),
        {("category", "yaml_duplicate_key")}),
    "yaml-second-document": (
        lambda f: _write(f, _valid_text(f.name) + "---\nname: lain\n"),
        {("", "yaml_multiple_documents")}),
    "yaml-huge": (
        lambda f: _write(f, _valid_text(f.name) + ("# " + "x" * 1000 + "\n") * 300),
        {("", "file_too_large")}),
    "yaml-nul-byte": (
        lambda f: _write(f, _valid_text(f.name).replace("Kopi Contoh", "Kopi\0Contoh")),
        {("", "control_character")}),
    "yaml-latin1": (
        lambda f: _write(f, _valid_text(f.name).replace("Kopi Contoh", "Kopi Caf\u00e9").encode("latin-1")),
        {("", "file_encoding")}),
    "yaml-utf16": (
        lambda f: _write(f, _valid_text(f.name).encode("utf-16")),
        {("", "file_utf16")}),
    "yaml-list-root": (
        lambda f: _write(f, "- name: Kopi\n- name: Teh\n"),
        {("", "file_not_mapping")}),
    "yaml-complex-key": (
        lambda f: _write(f, "? [a, b]\n: x\n" + _valid_text(f.name)),
        {("", "yaml_complex_key")}),
    "yaml-tab-indent": (
        lambda f: _write(f, _valid_text(f.name).replace('  "id": "Kopi Contoh"', '\t"id": "Kopi Contoh"')),
        {("", "yaml_tab")}),
    "yaml-empty": (lambda f: _write(f, ""), {("", "file_empty")}),
    # Photos ----------------------------------------------------------------------------------
    "img-bomb": (lambda f: _write(f, photos={"kemasan.jpg": png_bomb()}), {("photos[0].file", "photo_too_large")}),
    "img-svg-script": (lambda f: _write(f, photos={"kemasan.jpg": SVG}), {("photos[0].file", "photo_type")}),
    "img-html": (lambda f: _write(f, photos={"kemasan.jpg": HTML}), {("photos[0].file", "photo_type")}),
    "img-jpeg-html-polyglot": (
        lambda f: _write(f, photos={"kemasan.jpg": jpeg() + HTML}), {("photos[0].file", "photo_type")}),
    "img-jpeg-zip-polyglot": (
        lambda f: _write(f, photos={"kemasan.jpg": jpeg() + b"PK\x05\x06" + b"\0" * 18}),
        {("photos[0].file", "photo_type")}),
    "img-gif": (lambda f: _write(f, photos={"kemasan.jpg": GIF}), {("photos[0].file", "photo_type")}),
    "img-animated": (lambda f: _write(f, photos={"kemasan.jpg": animated_webp()}), {("photos[0].file", "photo_animated")}),
    "img-empty": (lambda f: _write(f, photos={"kemasan.jpg": b""}), {("photos[0].file", "photo_corrupt")}),
    "img-truncated-header": (
        lambda f: _write(f, photos={"kemasan.jpg": jpeg()[:300]}), {("photos[0].file", "photo_corrupt")}),
    # Paths -----------------------------------------------------------------------------------
    "path-dotdot": (lambda f: _write_named(f, "../img-html/kemasan.jpg", {}), {("photos[0].file", "photo_path")}),
    "path-absolute": (lambda f: _write_named(f, "/etc/passwd", {}), {("photos[0].file", "photo_path")}),
    "path-backslash": (lambda f: _write_named(f, "..\\..\\x.jpg", {}), {("photos[0].file", "photo_path")}),
    "path-hidden-name": (lambda f: _write_named(f, ".kemasan.jpg", {".kemasan.jpg": jpeg()}), {("photos[0].file", "photo_path")}),
    "path-newline-name": (lambda f: _write_named(f, "kemasan\n.jpg", {}), {("photos[0].file", "multiline")}),
    "path-case-twin": (lambda f: _write_photos(f, ["kemasan.jpg", "KEMASAN.jpg"]), {("photos[1].file", "photo_duplicate")}),
    "path-symlink-photo": (
        lambda f: (_write(f, photos={}), os.symlink("/etc/passwd", f / "kemasan.jpg")),
        {("photos[0].file", "symlink"), ("", "symlink")}),
    "path-symlink-yml": (
        lambda f: (f.mkdir(), (f / "kemasan.jpg").write_bytes(jpeg()),
                   os.symlink("../../outside/product.yml", f / "product.yml")),
        {("", "symlink")}),
    "path-fifo-photo": (lambda f: (_write(f, photos={}), os.mkfifo(f / "kemasan.jpg")), {("photos[0].file", "photo_missing")}),
    "path-dir-photo": (lambda f: (_write(f, photos={}), (f / "kemasan.jpg").mkdir()), {("photos[0].file", "photo_missing")}),
    "Path-Bad_Slug": (lambda f: _write(f), {("", "slug_format")}),
    # Links -------------------------------------------------------------------------------------
    "link-javascript": (
        lambda f: _write(f, contact={**VALID["contact"], "links": ["javascript:alert(document.domain)"]}),
        {("contact.links[0]", "url")}),
    "link-data-url": (
        lambda f: _write(f, pesantren={"name": "Pondok link-data-url", "regency": "63.03", "address": "Jl. A",
                                       "website": "data:text/html,<script>alert(1)</script>"}),
        {("pesantren.website", "url")}),
    "link-plain-http": (
        lambda f: _write(f, contact={**VALID["contact"], "links": ["http://toko.example.org"]}),
        {("contact.links[0]", "url")}),
    "link-attribute-break": (
        lambda f: _write(f, contact={**VALID["contact"], "links": ['https://x.example/" onmouseover="alert(1)']}),
        {("contact.links[0]", "url")}),
    "link-email-header": (
        lambda f: _write(f, contact={**VALID["contact"], "email": "a@contoh.id?bcc=korban@contoh.id"}),
        {("contact.email", "email")}),
    "link-description-js": (
        lambda f: _write(f, description={"id": "Lihat [di sini](javascript:alert(1))."}),
        {("description.id", "description_link")}),
    "link-description-html": (
        lambda f: _write(f, description={"id": 'Foto <iframe src="https://evil.example"></iframe>'}),
        {("description.id", "description_html")}),
}


def _write_named(folder: Path, name: str, photos: dict[str, bytes]) -> None:
    folder.mkdir(parents=True)
    data = _data(folder.name, photos=_photo_entry(name))
    (folder / "product.yml").write_text(product_yaml(data), encoding="utf-8")
    for file, blob in photos.items():
        (folder / file).write_bytes(blob)


def _write_photos(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True)
    data = _data(folder.name, photos=[{"file": n, "alt": {"id": "Foto"}} for n in names])
    (folder / "product.yml").write_text(product_yaml(data), encoding="utf-8")
    for i, name in enumerate(names):
        (folder / name).write_bytes(jpeg(colour=(100 + i, 90, 40)))


TOP_LEVEL = {  # entries directly in products/
    "symlinked-folder": (lambda p: os.symlink("/etc", p / "symlinked-folder"), {("", "symlink")}),
    "index.html": (lambda p: (p / "index.html").write_bytes(HTML), {("", "stray_top_level")}),
}


def make_corpus(root: Path) -> Path:
    products = root / "products"
    products.mkdir(parents=True)
    (root / "outside").mkdir()
    (root / "outside" / "product.yml").write_text(_valid_text("outside"))
    for slug, (writer, _) in CASES.items():
        writer(products / slug)
    for _, (writer, _) in TOP_LEVEL.items():
        writer(products)
    return products


def _file_of(slug: str, field: str, code: str) -> str:
    if code == "slug_format":
        return f"products/{slug}"
    if code == "symlink" and field == "":
        return f"products/{slug}/kemasan.jpg" if slug == "path-symlink-photo" else f"products/{slug}/product.yml"
    return f"products/{slug}/product.yml"


def _shape(code: str) -> re.Pattern:
    """The Indonesian message of `code` with any values in its placeholders."""
    text = MESSAGES[code][0]
    return re.compile("".join(".+?" if p.startswith("{") else re.escape(p) for p in re.split(r"(\{\w+\})", text)), re.S)


def _found(problems, prefix: str) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in problems if p.is_error and p.path.startswith(prefix)}


# --- tests ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    make_corpus(root)
    return root


def test_corpus_build_refuses_everything_and_writes_nothing(corpus):
    before = tree_digest(corpus / "products")
    run = run_build(corpus, timeout=120)
    assert run.code == 1, run.output
    assert "Traceback" not in run.output and "internal error" not in run.output, run.output
    assert run.audit == []
    assert "Situs TIDAK dibangun" in run.stdout
    lines = run.stdout.splitlines()
    for slug, (_, expected) in CASES.items():
        for field, code in expected:
            where = _file_of(slug, field, code)
            label = f"galat: {field}: " if field else "galat: "
            shape = _shape(code)
            hits = [line for line in lines if line.startswith(where + ":") and label in line
                    and shape.fullmatch(line.split(label, 1)[1])]
            assert hits, f"{slug}: no `{where}: … {label}{MESSAGES[code][0]}` in\n" + "\n".join(
                line for line in lines if slug in line)
    for name, (_, expected) in TOP_LEVEL.items():
        for field, code in expected:
            assert any(line.startswith(f"products/{name}:0:0: galat: ") and _shape(code).search(line) for line in lines), name
    # Nothing was written: no site, no temporary folder, no cache entry, the input untouched.
    assert not (corpus / "out").exists() or list((corpus / "out").iterdir()) == []
    assert not (corpus / "cache").exists() or list((corpus / "cache").iterdir()) == []
    assert tree_digest(corpus / "products") == before
    assert not list(corpus.rglob(PWNED)) and not Path(PWNED).exists()
    assert list((corpus / "tmp").iterdir()) == [] and list((corpus / "home").iterdir()) == []


@pytest.mark.parametrize("slug", sorted(CASES))
def test_each_attack_alone_gives_exactly_its_errors(tmp_path, slug):
    """Each case by itself: exactly the expected errors, all in its own file or folder."""
    writer, expected = CASES[slug]
    products = tmp_path / "products"
    products.mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "product.yml").write_text(_valid_text("outside"))
    writer(products / slug)
    result = check_catalogue(products)
    assert result.catalogue is None
    assert {(p.field, p.code) for p in result.errors} == expected, [p.format() for p in result.errors]
    assert all(f"/{slug}" in p.path for p in result.errors)


def test_photo_that_breaks_only_when_decoded(tmp_path):
    """Headers fine, pixels broken: the build fails at the photo stage with the photo's message,
    the previous site stays byte for byte, and nothing half-made enters the cache."""
    products = tmp_path / "products"
    _write(products / "kopi-baik")
    run = run_build(tmp_path)
    assert run.code == 0, run.output
    site_before = tree_digest(tmp_path / "out" / "site")
    cache_before = set(os.listdir(tmp_path / "cache"))
    _write(products / "kopi-rusak", photos={"kemasan.jpg": png_broken_data()})
    assert check_catalogue(products).catalogue is not None  # validation cannot see it
    run = run_build(tmp_path)
    assert run.code == 1, run.output
    assert "Traceback" not in run.output and run.audit == []
    assert re.search(r"^products/kopi-rusak/kemasan\.jpg:0:0: galat: photos: foto \"kemasan\.jpg\" rusak atau terpotong: .+ "
                     r"\(perbaiki: unggah ulang fotonya\)$", run.stdout, re.M), run.stdout
    assert "Situs TIDAK dibangun" in run.stdout
    assert tree_digest(tmp_path / "out" / "site") == site_before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["site"]
    new = set(os.listdir(tmp_path / "cache")) - cache_before
    assert not any(n.startswith(".") for n in new)  # no temporary file left behind


def test_decode_failure_names_the_file(tmp_path):
    from catalogue.photos.renditions import plan_catalogue, all_renditions, render

    _write(tmp_path / "products" / "kopi-rusak", photos={"kemasan.jpg": png_broken_data()})
    catalogue = check_catalogue(tmp_path / "products").catalogue
    problems = render(all_renditions(plan_catalogue(catalogue)), tmp_path / "cache", workers=1)
    assert [p.message() for p in problems][0].startswith('foto "kemasan.jpg" rusak atau terpotong: ')


# --- every field with markup in it ------------------------------------------------------------

FULL = {
    "name": {"id": "Kopi Lengkap", "en": "Complete Coffee", "ar": "قهوة كاملة"},
    "summary": {"id": "Ringkasan.", "en": "Summary.", "ar": "ملخص."},
    "description": {"id": "Deskripsi **tebal**.\n\n- satu\n", "en": "Description.", "ar": "وصف."},
    "tags": ["kopi"],
    "category": "minuman",
    "pesantren": {"name": "Pondok Pesantren Lengkap", "nspp": "510063000001", "regency": "63.03",
                  "address": "Jl. Contoh No. 1", "location": {"lat": "-3.41", "lon": "114.84"},
                  "website": "https://pesantren.example.org"},
    "cooperative": {"name": "Kopontren Lengkap", "legal_entity": "AHU-0001234.AH.01.26.TAHUN 2024",
                    "nib": "9120400000001", "founded": "2015", "members": "120", "opop_since": "2019"},
    "price": {"min": "35000", "max": "70000", "unit": {"id": "bungkus", "en": "pack", "ar": "عبوة"}},
    "min_order": {"quantity": "20", "unit": {"id": "bungkus", "en": "packs"}},
    "capacity": {"quantity": "1500", "unit": {"id": "bungkus", "en": "packs"}, "per": "month"},
    "shelf_life_months": "12",
    "packaging": {"id": "Plastik", "en": "Plastic"},
    "hs_code": "0901.21",
    "certifications": [{"type": "halal", "number": "ID63110000123450824", "valid_until": "2028-08-01"}],
    "markets": ["regional"],
    "export": {"ready": "true", "countries": ["MY"]},
    "photos": [{"file": "kemasan.jpg", "alt": {"id": "Kemasan", "en": "Pack"}, "caption": {"id": "Depan", "en": "Front"}}],
    "contact": {"name": "Ustadz Lengkap", "role": "Bendahara", "whatsapp": "0811-5000-0001",
                "email": "koperasi@example.org", "links": ["https://toko.example.org/kopi"]},
    "needs": [{"category": "makanan", "text": {"id": "Butuh gula", "en": "Need sugar"}}],
    "updated": "2024-10-03",
}


def leaves(value, path=()):
    """Every scalar in FULL with its path, e.g. ("photos", 0, "alt", "id")."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, (*path, index))
    else:
        yield path


def field_name(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def payload(path) -> str:
    tag = "x" + re.sub(r"\W", "", field_name(path)).lower()[-14:]
    if path[-1] == "file":  # a file name has no "/"; the photo is written under this name
        return f'<svg onload=alert("{tag}")>.jpg'
    if path[0] == "tags":
        return f"<svg onload=alert({tag[:12]})>"
    return f'<script>alert("{tag}")</script>'


def with_value(path, value) -> dict:
    data = copy.deepcopy(FULL)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


def write_full(products: Path, data: dict, slug="kopi-lengkap") -> None:
    folder = products / slug
    folder.mkdir(parents=True)
    (folder / "product.yml").write_text(product_yaml(data), encoding="utf-8")
    write_photo(folder / data["photos"][0]["file"])


LEAVES = list(leaves(FULL))


def test_full_product_is_valid(tmp_path):
    write_full(tmp_path / "products", FULL)
    result = check_catalogue(tmp_path / "products")
    assert result.catalogue is not None and result.problems == [], [p.format() for p in result.problems]


def classify(tmp_path: Path) -> tuple[list, dict]:
    """(leaves that accept markup, {leaf: errors}) — and every error is at its own leaf."""
    free, refused = [], {}
    for n, path in enumerate(LEAVES):
        products = tmp_path / f"p{n}"
        write_full(products, with_value(path, payload(path)))
        result = check_catalogue(products)
        if not result.errors:
            free.append(path)
            continue
        name = field_name(path)
        assert all(p.field == name or p.field.startswith(name + ".") or p.field.startswith(name + "[")
                   for p in result.errors), (name, [p.format() for p in result.errors])
        refused[path] = result.errors
    return free, refused


def test_markup_in_any_field_is_refused_there_or_accepted(tmp_path):
    free, refused = classify(tmp_path)
    # Free text is accepted (and must be escaped, below); typed values are refused.
    must_be_free = {("name", "id"), ("summary", "id"), ("pesantren", "name"), ("pesantren", "address"),
                    ("cooperative", "name"), ("contact", "name"), ("contact", "role"),
                    ("photos", 0, "alt", "id"), ("photos", 0, "caption", "id"), ("packaging", "id"),
                    ("price", "unit", "id"), ("needs", 0, "text", "id"), ("tags", 0), ("photos", 0, "file")}
    assert must_be_free <= set(free)
    must_be_refused = {("description", "id"), ("category",), ("pesantren", "website"), ("contact", "whatsapp"),
                       ("contact", "email"), ("contact", "links", 0), ("price", "min"), ("updated",),
                       ("certifications", 0, "number"), ("pesantren", "nspp"), ("hs_code",)}
    assert must_be_refused <= set(refused)


def _decoded_site_files(site: Path):
    """(relative path, text) of every file a browser may read as text; Pagefind's gzip'd
    fragments and indexes decompressed."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        if rel.startswith("pagefind/") and data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        yield rel, data


def test_markup_in_every_free_field_is_shown_as_text(tmp_path):
    free, _ = classify(tmp_path / "classify")
    data = copy.deepcopy(FULL)
    for path in free:
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = payload(path)
    payloads = {field_name(p): payload(p) for p in free}
    photo = jpeg_with_payload(b"<script>alert('in-the-photo')</script>")
    root = tmp_path / "e2e"
    folder = root / "products" / "kopi-lengkap"
    folder.mkdir(parents=True)
    (folder / "product.yml").write_text(product_yaml(data), encoding="utf-8")
    (folder / data["photos"][0]["file"]).write_bytes(photo)
    run = run_build(root)
    assert run.code == 0, run.output
    assert "Traceback" not in run.output and run.audit == []
    site = root / "out" / "site"
    shown = set()
    for rel, blob in _decoded_site_files(site):
        assert b"in-the-photo" not in blob, rel  # photo metadata never published
        if rel.startswith("media/"):
            continue
        text = blob.decode("utf-8", "replace")
        for name, raw in payloads.items():
            if rel.endswith((".html", ".xml", ".svg", ".js", ".css")):
                assert raw not in text, (rel, name)
            if raw.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;") in text:
                shown.add(name)
        if rel.endswith(".html"):
            scan = _Scan()
            scan.feed(text)
            assert scan.handlers == [] and scan.js_urls == [], (rel, scan.handlers, scan.js_urls)
            assert not any("alert(" in s for s in scan.scripts), rel
    # The test tested something: the fields a buyer reads are on the product page, escaped.
    assert {"name.id", "summary.id", "pesantren.name", "contact.name", "photos[0].alt.id"} <= shown, shown
    assert not (root / "out" / "site" / "produk" / "kopi-lengkap" / data["photos"][0]["file"]).exists()
