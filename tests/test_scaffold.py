"""`build.py new`: the written file, the checks before writing, and the questions it asks."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from catalogue.cli import main
from catalogue.products.scaffold import TEMPLATE, placeholder_lines, run_new
from catalogue.products.schema import PRODUCT, ListOf, Obj
from catalogue.products.validate import check_catalogue
from tests.helpers import write_photo, write_product

FLAGS = [
    "--pesantren", "Pondok Pesantren Darul Ilmi",
    "--regency", "63.03",
    "--name", "Kopi Liberika Pengaron",
    "--category", "minuman",
    "--whatsapp", "0811-5000-0001",
]
NEW = "products/kopi-liberika-pengaron/product.yml"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / "products").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def new(*extra: str) -> int:
    return main(["new", "--yes", *FLAGS, *extra])


def namespace(**overrides) -> argparse.Namespace:
    """What cli.py passes to run_new, with values as the flags would give them."""
    values = dict(zip([f[2:] for f in FLAGS[::2]], FLAGS[1::2]))
    values.update(slug=None, yes=True, products=Path("products"), lang="id", photo=None)
    values.update(overrides)
    return argparse.Namespace(**values)


def filled(text: str) -> str:
    """The file after the secretary completed it: every `# GANTI` mark gone."""
    lines = [re.sub(r"\s*# GANTI.*$", "", line) for line in text.splitlines() if not line.startswith("# GANTI")]
    return "\n".join(lines) + "\n"


def test_new_writes_a_file_whose_only_errors_are_the_photo_and_the_marked_lines(repo, capsys):
    assert new() == 0
    out = capsys.readouterr().out
    text = (repo / NEW).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../catalogue/schema/product.schema.json\n")
    result = check_catalogue(Path("products"))
    photo_line = text.splitlines().index("  - file: foto-1.jpg") + 1
    photo = f'{NEW}:{photo_line}:11: galat: photos[0].file: file "foto-1.jpg" tidak ada di folder ini; yang ada: - (perbaiki: unggah fotonya ke folder produk)'
    assert [p.format() for p in result.errors if p.code != "placeholder"] == [photo]
    # Each guessed value is an error until completed: a price of 1 never reaches the site.
    marked = [(p.line, p.field) for p in result.errors if p.code == "placeholder"]
    assert marked == sorted(placeholder_lines(text)) and ("price.min" in dict(marked).values())
    price = next(p for p in result.errors if p.field == "price.min")
    line = text.splitlines()[price.line - 1]
    assert price.format() == (f"{NEW}:{price.line}:{line.index('# GANTI') + 1}: galat: price.min: diharapkan data yang "
                              "sebenarnya, ditemukan isian sementara yang masih bertanda `# GANTI` (perbaiki: tulis data "
                              "yang benar di baris ini, lalu hapus komentar `# GANTI`)")
    assert f"Dibuat: {NEW}" in out
    assert photo in out
    assert "Unggah foto produk ke folder products/kopi-liberika-pengaron/ dengan nama foto-1.jpg" in out
    assert f"Lengkapi baris bertanda GANTI di {NEW}, lalu hapus tanda GANTI-nya: baris " in out


def test_with_a_photo_the_new_product_is_valid(repo, capsys):
    source = write_photo(repo / "IMG_0001.JPG")
    assert run_new(namespace(photo=str(source))) == 0
    folder = repo / "products" / "kopi-liberika-pengaron"
    assert sorted(p.name for p in folder.iterdir()) == ["foto-1.jpg", "product.yml"]
    assert {p.code for p in check_catalogue(Path("products")).errors} == {"placeholder"}
    (folder / "product.yml").write_text(filled((folder / "product.yml").read_text(encoding="utf-8")), encoding="utf-8")
    result = check_catalogue(Path("products"))
    assert result.catalogue is not None, [p.format() for p in result.problems]
    product = result.catalogue.products[0]
    assert (product.name.id, product.category, product.pesantren.regency) == ("Kopi Liberika Pengaron", "minuman", "63.03")
    assert product.contact.whatsapp == "+6281150000001"
    assert "Pemeriksaan file baru:" in capsys.readouterr().out


def test_a_png_keeps_its_type_in_the_name(repo):
    from PIL import Image

    Image.new("RGB", (1000, 900), (10, 120, 30)).save(repo / "produk.jpg", "PNG")  # the bytes decide
    assert run_new(namespace(photo=str(repo / "produk.jpg"))) == 0
    assert (repo / "products/kopi-liberika-pengaron/foto-1.png").is_file()
    assert "file: foto-1.png" in (repo / NEW).read_text(encoding="utf-8")


def test_refuses_to_overwrite(repo, capsys):
    folder = repo / "products" / "kopi-liberika-pengaron"
    folder.mkdir()
    (folder / "product.yml").write_text("lama\n", encoding="utf-8")
    assert new("--slug", "kopi-liberika-pengaron") == 2
    err = capsys.readouterr().err
    assert err == (
        "build.py new: folder products/kopi-liberika-pengaron sudah ada; `new` tidak pernah menimpa produk "
        "(perbaiki: pilih --slug lain, atau sunting products/kopi-liberika-pengaron/product.yml langsung)\n"
    )
    assert (folder / "product.yml").read_text(encoding="utf-8") == "lama\n"


def test_a_taken_name_gets_the_regency_in_its_folder_name(repo, capsys):
    (repo / "products" / "kopi-liberika-pengaron").mkdir()
    assert new() == 0
    assert "Dibuat: products/kopi-liberika-pengaron-banjar/product.yml" in capsys.readouterr().out


def test_refuses_a_second_product_for_the_same_pesantren(repo, capsys):
    write_product(repo / "products", "dodol-lama", pesantren={"name": "PONDOK  Pesantren Darul Ilmi", "regency": "63.03", "address": "Jl. A"})
    assert new() == 2
    assert "sudah punya produk di products/dodol-lama/product.yml" in capsys.readouterr().err
    assert not (repo / NEW).exists()


@pytest.mark.parametrize(
    "flag, value, message",
    [
        ("--regency", "99", '--regency: diharapkan salah satu dari: 63.01, 63.02, 63.03, 63.04, 63.05, 63.06, 63.07, 63.08, 63.09, 63.10, 63.11, 63.71, 63.72; ditemukan "99"'),
        ("--category", "kopi", '--category: diharapkan salah satu dari: makanan, minuman, kerajinan, fesyen, pertanian, perikanan, peternakan, herbal, rumah-tangga, jasa; ditemukan "kopi"'),
        ("--whatsapp", "12345", '--whatsapp: diharapkan nomor WhatsApp Indonesia, ditemukan "12345" (perbaiki: mis. "0811-5000-123" atau "+62 811 5000 123")'),
        ("--slug", "Kopi_Baru", '--slug: diharapkan nama folder 3–60 huruf kecil a-z, angka dan tanda hubung tunggal, ditemukan "Kopi_Baru" (perbaiki: ganti nama folder, mis. kopi-liberika-pengaron)'),
        ("--name", "x" * 81, "--name: diharapkan paling banyak 80 karakter, ditemukan 81 (perbaiki: persingkat)"),
    ],
)
def test_invalid_values_are_refused_before_writing(repo, capsys, flag, value, message):
    assert new(flag, value) == 2
    assert capsys.readouterr().err == f"build.py new: {message}\n"
    assert list((repo / "products").iterdir()) == []


def test_missing_values_without_a_terminal(repo, capsys):
    assert main(["new", "--yes", "--name", "Kopi"]) == 2
    assert capsys.readouterr().err == (
        "build.py new: belum diisi: --pesantren, --regency, --category, --whatsapp "
        "(perbaiki: tambahkan opsi tersebut, atau jalankan tanpa --yes di terminal agar ditanya)\n"
    )


def test_regency_and_category_by_name_and_an_explicit_slug(repo):
    assert main(["new", "--yes", *FLAGS[:2], "--regency", "kota banjarmasin", *FLAGS[4:6], "--category", "Minuman", *FLAGS[8:], "--slug", "kopi-aranio"]) == 0
    text = (repo / "products/kopi-aranio/product.yml").read_text(encoding="utf-8")
    assert 'regency: "63.71"  # Kota Banjarmasin' in text
    assert "\ncategory: minuman\n" in text


def test_values_with_yaml_characters_are_read_back_exactly(repo):
    name = 'Kopi "Asli": #1 \\ Pengaron'
    assert run_new(namespace(name=name, slug="kopi-asli", photo=str(write_photo(repo / "a.jpg")))) == 0
    file = repo / "products" / "kopi-asli" / "product.yml"
    file.write_text(filled(file.read_text(encoding="utf-8")), encoding="utf-8")
    result = check_catalogue(Path("products"))
    assert result.catalogue is not None, [p.format() for p in result.problems]
    assert result.catalogue.products[0].name.id == name


def test_interactive_questions(repo, monkeypatch, capsys):
    answers = iter(["Pondok Pesantren Al-Falah", "99", "3", "Madu Kelulut", "7", "0811", "0811-5000-0002", ""])
    asked = []

    def fake_input(prompt):
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", fake_input)
    assert main(["new"]) == 0
    out, err = capsys.readouterr()
    assert "   3. 63.03  Kabupaten Banjar" in out
    assert "   7. Peternakan & Madu (peternakan)" in out
    assert asked[-1] == "Nama folder (alamat halaman /produk/<nama-folder>/) [madu-kelulut]: "
    assert 'ditemukan "99"' in err and 'ditemukan "0811"' in err  # asked again, not aborted
    text = (repo / "products/madu-kelulut/product.yml").read_text(encoding="utf-8")
    assert 'regency: "63.03"' in text and "category: peternakan" in text and 'whatsapp: "0811-5000-0002"' in text


def test_end_of_input_writes_nothing(repo, monkeypatch, capsys):
    def no_more(prompt):
        raise EOFError

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", no_more)
    assert main(["new"]) == 2
    assert "tidak ada file yang ditulis" in capsys.readouterr().err
    assert list((repo / "products").iterdir()) == []


def test_a_rejected_photo_writes_nothing(repo, capsys):
    small = write_photo(repo / "kecil.jpg", size=(640, 480))
    assert run_new(namespace(photo=str(small))) == 2
    assert capsys.readouterr().err == (
        'build.py new: --photo: diharapkan sisi terpendek paling sedikit 800 piksel, ditemukan 640×480 di "kecil.jpg" '
        "(perbaiki: unggah foto asli dari kamera, bukan tangkapan layar atau foto WhatsApp)\n"
    )
    assert list((repo / "products").iterdir()) == []


def test_english_messages(repo, capsys):
    assert main(["new", "--yes", "--lang", "en", *FLAGS[:2], "--regency", "99", *FLAGS[4:]]) == 2
    assert capsys.readouterr().err.startswith("build.py new: --regency: expected one of: 63.01,")


# --- the template -------------------------------------------------------------------------------


def keys(obj: Obj, prefix: str = "") -> list[str]:
    out = []
    for field in obj.fields:
        path = prefix + field.key
        out.append(path)
        kind = field.kind.item if isinstance(field.kind, ListOf) else field.kind
        if isinstance(kind, Obj):
            out += keys(kind, path + ".")
    return out


def uncomment_examples(text: str) -> str:
    """Every optional field of the template switched on, as a secretary would: by deleting
    the "# " in front of the example lines (not the notes, not the header)."""
    lines = text.splitlines()
    body_start = next(i for i, line in enumerate(lines) if not line.startswith("#") and line.strip())
    out, in_block = [], None
    for index, line in enumerate(lines):
        match = re.match(r"(\s*)# (.*)$", line)
        if index >= body_start and match:
            indent, rest = match.groups()
            is_example = re.match(r"(\s*)([a-z_]+: |[a-z_]+:$|- )", rest)
            if is_example or (in_block is not None and len(indent) == in_block):
                line = indent + rest
                in_block = len(indent) if rest.rstrip().endswith("|") else (in_block if not is_example else None)
                out.append(line)
                continue
        in_block = None
        out.append(line)
    return "\n".join(out) + "\n"


def test_the_template_names_every_field_of_the_format(repo):
    assert new() == 0
    text = uncomment_examples((repo / NEW).read_text(encoding="utf-8"))
    for path in keys(PRODUCT):
        key = path.rsplit(".", 1)[-1]
        assert re.search(rf"(^|[\s{{,]){key}:", text, re.MULTILINE), path


def test_every_example_in_the_template_is_valid(repo):
    assert run_new(namespace(photo=str(write_photo(repo / "a.jpg")))) == 0
    file = repo / NEW
    file.write_text(filled(uncomment_examples(file.read_text(encoding="utf-8"))), encoding="utf-8")
    result = check_catalogue(Path("products"))
    assert [p.format() for p in result.problems] == []
    product = result.catalogue.products[0]
    assert product.certifications and product.capacity and product.min_order and product.needs
    assert product.name.en == "English product name" and product.description.en == "Full description in English."


def test_placeholder_lines_point_at_values():
    text = "a:\n  b: 1  # GANTI x\n# GANTI: below\nc:\n  id: |\n    text\nd:\n  - e: 1\n    f: 2  # GANTI\n"
    assert placeholder_lines(text) == [(2, "a.b"), (6, "c.id"), (9, "d[0].f")]


def test_template_has_the_modeline_first():
    assert TEMPLATE.splitlines()[0] == "# yaml-language-server: $schema=../../catalogue/schema/product.schema.json"
