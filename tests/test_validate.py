"""Foundation: every bad input gives its exact message, and the others are still reported."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from catalogue.cli import main
from catalogue.products.validate import check_catalogue
from tests.helpers import write_photo, write_product

TODAY = date(2026, 11, 28)

# The file a careful secretary writes; each case below changes one thing in it.
BASE = """\
# yaml-language-server: $schema=../../catalogue/schema/product.schema.json
name:
  id: Kopi Liberika Pengaron
  en: Pengaron Liberica Coffee
summary: Kopi liberika sangrai dari kebun santri.
description:
  id: |
    Biji kopi liberika dipetik merah, dijemur, lalu disangrai sedang.
    - Berat bersih 250 g
category: minuman
tags: [kopi, liberika]
pesantren:
  name: Pondok Pesantren Darul Ilmi (contoh)
  regency: "63.03"
  address: Jl. Contoh No. 1, Pengaron
cooperative:
  name: Kopontren Darul Ilmi
  legal_entity: AHU-0001234.AH.01.26.TAHUN 2024
price:
  min: 35000
  unit: {id: bungkus 250 g, en: 250 g pack}
min_order: {quantity: 20, unit: {id: bungkus, en: packs}}
capacity: {quantity: 1500, unit: {id: bungkus, en: packs}, per: month}
certifications:
  - {type: halal, number: "ID63110000123450824", valid_until: 2028-08-01}
  - {type: pirt, number: "2016303010123-29"}
markets: [regional, national]
export: {ready: false, countries: [MY]}
photos:
  - file: kemasan.jpg
    alt: {id: Kemasan kopi liberika 250 gram, en: A 250 g pack of Liberica coffee}
contact:
  name: Ustadz Ahmad (contoh)
  whatsapp: "0811-5000-0001"
updated: 2024-10-03
"""

P = "products/kopi/product.yml"


def run_check(tmp_path: Path, text: str | bytes, photos=("kemasan.jpg",), slug="kopi", lang="id", strict=False) -> list[str]:
    products = tmp_path / "products"
    folder = products / slug
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        (folder / "product.yml").write_bytes(text)
    else:
        (folder / "product.yml").write_text(text, encoding="utf-8")
    for name in photos:
        write_photo(folder / name)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = check_catalogue(Path("products"), today=TODAY, strict=strict)
    finally:
        os.chdir(cwd)
    return [p.format(lang) for p in result.problems]


def test_base_is_valid(tmp_path):
    assert run_check(tmp_path, BASE) == []


CASES = [
    # (id, change to BASE (old, new) or a whole text, expected line)
    ("price with thousands dot", ("min: 35000", "min: 15.000"),
     f'{P}:20:8: galat: price.min: diharapkan angka rupiah tanpa titik atau "Rp", ditemukan "15.000" (perbaiki: tulis 15000)'),
    ("price with Rp", ("min: 35000", "min: Rp 15.000"),
     f'{P}:20:8: galat: price.min: diharapkan angka rupiah tanpa titik atau "Rp", ditemukan "Rp 15.000" (perbaiki: tulis 15000)'),
    ("phone unquoted", ('whatsapp: "0811-5000-0001"', "whatsapp: 081150000001"),
     f'{P}:34:13: galat: contact.whatsapp: diharapkan nomor dalam tanda kutip, ditemukan 081150000001 tanpa tanda kutip (perbaiki: tulis "081150000001"; tanpa kutip angka 0 di depan bisa hilang)'),
    ("phone not Indonesian", ('whatsapp: "0811-5000-0001"', 'whatsapp: "12345"'),
     f'{P}:34:13: galat: contact.whatsapp: diharapkan nomor WhatsApp Indonesia, ditemukan "12345" (perbaiki: mis. "0811-5000-123" atau "+62 811 5000 123")'),
    ("export.ready yes", ("ready: false", "ready: yes"),
     f'{P}:28:17: galat: export.ready: diharapkan true atau false, ditemukan "yes" (perbaiki: tulis true atau false, bukan yes/no/ya/tidak)'),
    ("impossible date", ("updated: 2024-10-03", "updated: 2024-02-30"),
     f'{P}:35:10: galat: updated: diharapkan tanggal yang ada di kalender, ditemukan "2024-02-30" (perbaiki: periksa bulan dan hari)'),
    ("future updated", ("updated: 2024-10-03", "updated: 2027-01-01"),
     f"{P}:35:10: galat: updated: diharapkan tanggal paling lambat hari ini (2026-11-28), ditemukan 2027-01-01 (perbaiki: tulis tanggal data terakhir diperiksa)"),
    ("duplicate key", ("category: minuman", "category: minuman\ncategory: makanan"),
     f"{P}:11:1: galat: category: diharapkan setiap kunci sekali saja, ditemukan kunci yang sama juga di baris 10 (perbaiki: hapus salah satunya)"),
    ("anchor and alias", ("category: minuman", "category: &c minuman\nkategori: *c"),
     f"{P}:10:11: galat: category: diharapkan nilai biasa, ditemukan anchor YAML `&c` (perbaiki: tulis nilainya langsung, tanpa & dan *)"),
    ("python tag", ("category: minuman", "category: !!python/object:os.system minuman"),
     f"{P}:10:11: galat: category: diharapkan nilai biasa, ditemukan tag YAML `tag:yaml.org,2002:python/object:os.system` (perbaiki: hapus tag yang diawali `!`)"),
    ("binary tag", ("category: minuman", "category: !!binary bWludW1hbg=="),
     f"{P}:10:11: galat: category: diharapkan nilai biasa, ditemukan tag YAML `tag:yaml.org,2002:binary` (perbaiki: hapus tag yang diawali `!`)"),
    ("two documents", BASE + "---\nname: lagi\n",
     f"{P}:36:1: galat: diharapkan satu dokumen, ditemukan `---` yang memulai dokumen kedua (perbaiki: satu produk per file; hapus `---` dan isi setelahnya)"),
    ("tab indentation", ("  name: Kopontren", "\tname: Kopontren"),
     f"{P}:17:1: galat: diharapkan indentasi dengan spasi, ditemukan karakter tab (perbaiki: ganti tab dengan 2 spasi)"),
    ("empty file", "",
     f"{P}:1:1: galat: diharapkan isi produk, ditemukan file kosong (perbaiki: salin contoh dari products/ atau jalankan `python build.py new`)"),
    ("list at top level", "- name: Kopi\n- price: 1\n",
     f"{P}:1:1: galat: diharapkan pasangan `kunci: nilai` di tingkat teratas, ditemukan list (perbaiki: mulai file dengan `name:`, tanpa `-` di depan)"),
    ("misspelt key", ("category: minuman", "categori: minuman"),
     f"{P}:10:1: galat: categori: kunci `categori` tidak dikenal (perbaiki: maksudnya `category`?)"),
    ("missing required", ("category: minuman\n", ""),
     f"{P}:2:1: galat: category: wajib diisi, tidak ditemukan (perbaiki: tambahkan kunci ini; lihat contoh di products/)"),
    ("photo path traversal", ("file: kemasan.jpg", "file: ../x.jpg"),
     f'{P}:30:11: galat: photos[0].file: diharapkan nama file di folder yang sama, ditemukan "../x.jpg" (perbaiki: letakkan foto di samping product.yml dan tulis namanya saja, mis. kemasan.jpg)'),
    ("photo absolute path", ("file: kemasan.jpg", "file: /etc/passwd"),
     f'{P}:30:11: galat: photos[0].file: diharapkan nama file di folder yang sama, ditemukan "/etc/passwd" (perbaiki: letakkan foto di samping product.yml dan tulis namanya saja, mis. kemasan.jpg)'),
    ("photo missing", ("file: kemasan.jpg", "file: Kemasan.JPG"),
     f'{P}:30:11: galat: photos[0].file: file "Kemasan.JPG" tidak ada di folder ini (perbaiki: maksudnya "kemasan.jpg"? huruf besar/kecil dibedakan)'),
    ("unknown category", ("category: minuman", "category: kopi"),
     f'{P}:10:11: galat: category: diharapkan salah satu dari: makanan, minuman, kerajinan, fesyen, pertanian, perikanan, peternakan, herbal, rumah-tangga, jasa; ditemukan "kopi"'),
    ("unknown regency", ('regency: "63.03"', 'regency: "63.99"'),
     f'{P}:14:12: galat: pesantren.regency: diharapkan salah satu dari: 63.01, 63.02, 63.03, 63.04, 63.05, 63.06, 63.07, 63.08, 63.09, 63.10, 63.11, 63.71, 63.72; ditemukan "63.99"'),
    ("halal shape", ('"ID63110000123450824"', '"63110000123450824"'),
     f'{P}:25:27: galat: certifications[0].number: diharapkan nomor sertifikat halal "ID" diikuti angka, ditemukan "63110000123450824" (perbaiki: salin dari sertifikat, mis. ID63110000123450824)'),
    ("pirt expired", ('"2016303010123-29"', '"2016303010123-22"'),
     f"{P}:26:26: peringatan: certifications[1].number: dua angka terakhir P-IRT menunjukkan berlaku sampai 2022, tahun itu sudah lewat (perbaiki: perpanjang P-IRT dan tulis nomor barunya)"),
    ("certificate expired", ("valid_until: 2028-08-01", "valid_until: 2023-05-01"),
     f"{P}:25:63: peringatan: certifications[0].valid_until: sertifikat berlaku sampai 2023-05-01, tanggal itu sudah lewat; situs menampilkannya sebagai kedaluwarsa (perbaiki: perpanjang dan perbarui tanggalnya)"),
    ("bpom shape", ('{type: pirt, number: "2016303010123-29"}', '{type: bpom-md, number: "ML 123"}'),
     f'{P}:26:29: galat: certifications[1].number: diharapkan "MD" diikuti 12 angka, ditemukan "ML 123" (perbaiki: salin dari kemasan atau cekbpom.pom.go.id)'),
    ("http website", ("  address: Jl. Contoh No. 1, Pengaron", "  address: Jl. Contoh No. 1, Pengaron\n  website: http://contoh.org"),
     f'{P}:16:12: galat: pesantren.website: diharapkan alamat yang diawali https://, ditemukan "http://contoh.org" (perbaiki: salin alamat lengkap dari peramban)'),
    ("raw html in description", ("- Berat bersih 250 g", "- Berat <b>bersih</b> 250 g"),
     f"{P}:9:13: galat: description.id: diharapkan Markdown tanpa HTML, ditemukan <b> (perbaiki: hapus tag HTML; gunakan **tebal**, *miring* atau daftar dengan -)"),
    ("javascript link", ("- Berat bersih 250 g", "- [klik](javascript:alert(1))"),
     f'{P}:9:14: galat: description.id: diharapkan tautan http://, https:// atau mailto:, ditemukan "javascript:alert(1)" (perbaiki: tulis alamat lengkap https://…)'),
    ("price max below min", ("  min: 35000", "  min: 35000\n  max: 20000"),
     f"{P}:21:8: galat: price.max: diharapkan harga tertinggi ≥ harga terendah (35000), ditemukan 20000 (perbaiki: tukar min dan max)"),
    ("name too long", ("  id: Kopi Liberika Pengaron", "  id: " + "K" * 81),
     f"{P}:3:7: galat: name.id: diharapkan paling banyak 80 karakter, ditemukan 81 (perbaiki: persingkat)"),
    ("single market not a list", ("markets: [regional, national]", "markets: regional"),
     f'{P}:27:10: galat: markets: diharapkan daftar, ditemukan satu nilai "regional" (perbaiki: tulis [regional])'),
    ("unknown country", ("countries: [MY]", "countries: [MY, XX]"),
     f'{P}:28:40: galat: export.countries[1]: diharapkan kode negara ISO 3166-1 dua huruf, ditemukan "XX" (perbaiki: tulis kode dua huruf besar, mis. MY untuk Malaysia, SG untuk Singapura, SA untuk Arab Saudi)'),
    ("country by a common alias", ("countries: [MY]", "countries: [MY, UK]"),
     f'{P}:28:40: galat: export.countries[1]: diharapkan kode negara ISO 3166-1 dua huruf, ditemukan "UK" (perbaiki: maksudnya GB (Inggris Raya)?)'),
    ("location outside", ("  address: Jl. Contoh No. 1, Pengaron", "  address: Jl. Contoh No. 1, Pengaron\n  location: {lat: 3.3, lon: 114.8}"),
     f"{P}:16:13: galat: pesantren.location: diharapkan koordinat di Kalimantan Selatan, ditemukan 3.3, 114.8 (perbaiki: lintang -4.3 s.d. -1.2 dan bujur 114.3 s.d. 116.6; periksa tanda minus)"),
]


@pytest.mark.parametrize("change,expected", [c[1:] for c in CASES if c[2]], ids=[c[0] for c in CASES if c[2]])
def test_bad_input_gives_exact_message(tmp_path, change, expected):
    if isinstance(change, tuple):
        assert change[0] in BASE
        text = BASE.replace(change[0], change[1], 1)
    else:
        text = change
    lines = run_check(tmp_path, text)
    assert expected in lines, "\n".join(lines)


def test_no_as_a_country_stays_norway(tmp_path):
    """YAML 1.1 reads `NO` as false; we read text, so Norway stays Norway."""
    assert run_check(tmp_path, BASE.replace("countries: [MY]", "countries: [MY, NO]")) == []


def test_unquoted_values_keep_their_text(tmp_path):
    """Unquoted `63.10` is 63.1 in YAML 1.1; we keep "63.10" (Kabupaten Tanah Bumbu)."""
    assert run_check(tmp_path, BASE.replace('regency: "63.03"', "regency: 63.10")) == []


def test_billion_laughs_is_one_clear_error_and_fast(tmp_path):
    lol = "lol: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"l{i}: &a{i} [{', '.join(['*a' if i == 0 else f'*a{i-1}'] * 9)}]\n" for i in range(9))
    lines = run_check(tmp_path, lol)
    assert f"{P}:1:6: galat: lol: diharapkan nilai biasa, ditemukan anchor YAML `&a` (perbaiki: tulis nilainya langsung, tanpa & dan *)" in lines
    assert sum("alias YAML" in line for line in lines) == 1


@pytest.mark.parametrize(
    "data,expected",
    [
        (BASE.encode("utf-16"), f"{P}:1:1: galat: diharapkan teks UTF-8, ditemukan UTF-16/UTF-32 (perbaiki: simpan ulang file sebagai UTF-8, mis. di editor web GitHub)"),
        (BASE.replace("Darul Ilmi (contoh)", "Darul Ilmi Pengarón").encode("latin-1"), f"{P}:13:43: galat: diharapkan teks UTF-8, ditemukan byte 0xF3 (perbaiki: simpan ulang file sebagai UTF-8; file ini mungkin Latin-1/Windows-1252)"),
        (b"# " + b"x" * (2 * 1024 * 1024), f"{P}:0:0: galat: diharapkan file paling besar 256 KiB, ditemukan 2048 KiB (perbaiki: file produk hanya berisi teks; foto disimpan sebagai file terpisah)"),
    ],
    ids=["utf-16", "latin-1", "2 MB"],
)
def test_bad_bytes(tmp_path, data, expected):
    assert run_check(tmp_path, data) == [expected]


def test_utf8_bom_is_fine(tmp_path):
    assert run_check(tmp_path, b"\xef\xbb\xbf" + BASE.encode()) == []


def test_photo_checks_from_the_header(tmp_path):
    folder = tmp_path / "products" / "kopi"
    folder.mkdir(parents=True)
    (folder / "kemasan.jpg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    Image.new("RGB", (900, 900)).save(folder / "gif.jpg", "GIF")
    Image.new("RGB", (600, 900)).save(folder / "kecil.jpg", "JPEG")
    text = BASE.replace(
        "  - file: kemasan.jpg\n",
        "  - file: gif.jpg\n    alt: GIF\n  - file: kecil.jpg\n    alt: kecil\n  - file: kemasan.jpg\n",
    )
    lines = run_check(tmp_path, text, photos=())
    assert lines == [
        f'{P}:30:11: galat: photos[0].file: diharapkan foto JPEG, PNG, WebP atau HEIC, ditemukan GIF di "gif.jpg" (perbaiki: simpan ulang sebagai JPEG)',
        f'{P}:32:11: galat: photos[1].file: diharapkan sisi terpendek paling sedikit 800 piksel, ditemukan 600×900 di "kecil.jpg" (perbaiki: unggah foto asli dari kamera, bukan tangkapan layar atau foto WhatsApp)',
        f'{P}:34:11: galat: photos[2].file: diharapkan foto JPEG, PNG, WebP atau HEIC, ditemukan SVG di "kemasan.jpg" (perbaiki: simpan ulang sebagai JPEG)',
    ]


def test_symlink_and_stray_file(tmp_path):
    folder = tmp_path / "products" / "kopi"
    folder.mkdir(parents=True)
    (folder / "catatan.txt").write_text("x")
    (folder / "link.jpg").symlink_to("/etc/passwd")
    lines = run_check(tmp_path, BASE)
    assert lines == [
        'products/kopi/catatan.txt:0:0: galat: file "catatan.txt" tidak disebut di product.yml (perbaiki: cantumkan di `photos:` atau hapus file ini)',
        'products/kopi/link.jpg:0:0: galat: diharapkan file biasa, ditemukan tautan simbolik "link.jpg" (perbaiki: unggah file aslinya)',
    ]


def test_two_products_for_one_pesantren(tmp_path):
    run_check(tmp_path, BASE, slug="kopi")
    lines = run_check(tmp_path, BASE.replace("Darul Ilmi (contoh)", "darul  ilmi (Contoh)"), slug="madu")
    assert lines == [
        'products/madu/product.yml:0:0: galat: pesantren: satu pesantren, satu produk unggulan: "Pondok Pesantren darul  ilmi (Contoh)" sudah punya produk di products/kopi/product.yml (perbaiki: gabungkan ke file itu)'
    ]


def test_all_problems_in_all_files_in_one_run(tmp_path):
    first = run_check(tmp_path, BASE.replace("min: 35000", "min: 15.000"), slug="kopi")
    assert [line.split(": galat: ")[1].split(":")[0] for line in first] == ["price.min"]
    lines = run_check(tmp_path, BASE.replace("Darul Ilmi (contoh)", "Lain").replace("ready: false", "ready: yes").replace("categor", "kategor"), slug="madu")
    madu = [line for line in lines if line.startswith("products/madu/")]
    assert len(lines) == len(madu) + 1
    assert [line.split(": galat: ")[1].split(":")[0] for line in madu] == ["category", "kategory", "export.ready"]


def test_english_messages(tmp_path):
    (line,) = run_check(tmp_path, BASE.replace("min: 35000", "min: 15.000"), lang="en")
    assert line == f'{P}:20:8: error: price.min: expected a rupiah amount without dots or "Rp", found "15.000" (fix: write 15000)'


def test_strict_needs_english_for_export_ready(tmp_path):
    lines = run_check(tmp_path, BASE.replace("ready: false", "ready: true"), strict=True)
    assert lines == [
        f"{P}:5:10: galat: summary: diharapkan terjemahan bahasa Inggris `en:` untuk produk siap ekspor, tidak ditemukan (perbaiki: tulis sebagai {{id: …, en: …}})",
        f"{P}:7:3: galat: description: diharapkan terjemahan bahasa Inggris `en:` untuk produk siap ekspor, tidak ditemukan (perbaiki: tulis sebagai {{id: …, en: …}})",
    ]


def test_products_from_dicts(tmp_path):
    write_product(tmp_path / "products", "kopi-contoh")
    result = check_catalogue(tmp_path / "products", today=TODAY)
    assert result.problems == []
    (product,) = result.catalogue.products
    assert product.price.min == 35000 and product.contact.whatsapp == "+6281150000001"
    assert product.photos[0].width == 1200 and product.photos[0].format == "jpeg"


@pytest.mark.parametrize("typed", ["0811-5000-0001", "+62 811 5000 0001", "62 811-5000-0001", "(0811) 5000 0001", "081150000001"])
def test_whatsapp_formats_normalise_to_e164(tmp_path, typed):
    write_product(tmp_path / "products", "kopi-contoh", contact={"name": "A", "whatsapp": typed})
    result = check_catalogue(tmp_path / "products", today=TODAY)
    assert result.catalogue.products[0].contact.whatsapp == "+6281150000001"


# --- the command line ---------------------------------------------------------------------------


def test_cli_exit_codes_and_count(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_product(tmp_path / "products", "kopi-contoh")
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.strip().endswith("Katalog valid: 1 produk, 0 peringatan.")
    (tmp_path / "products" / "kopi-contoh" / "product.yml").write_text("name: [", encoding="utf-8")
    assert main(["validate", "--lang", "en"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "Found 1 errors and 0 warnings in 1 files."
    with pytest.raises(SystemExit) as exit:
        main(["validate", "--lang", "fr"])
    assert exit.value.code == 2


def test_github_annotations_and_summary(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    for i in range(12):  # more than GitHub's 10 annotations per step
        write_product(tmp_path / "products", f"produk-{i:02d}", price={"min": "Rp 15.000", "unit": "pak"})
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    first = "::error file=products/produk-00/product.yml,line=24,col=10,title=price.min::"
    assert first + 'diharapkan angka rupiah tanpa titik atau "Rp", ditemukan "Rp 15.000" (perbaiki: tulis 15000)' in out
    assert out.count("::error ") == 12
    table = summary.read_text(encoding="utf-8")
    assert table.count("| ❌ |") == 12 and "produk-11" in table


def test_annotation_escaping():
    from catalogue.github import annotation
    from catalogue.products.problems import Problem

    problem = Problem.make("a,b:c.yml", 3, 4, "x:y,z", "yaml_syntax", detail="100% \r\nbad")
    assert annotation(problem) == (
        "::error file=a%2Cb%3Ac.yml,line=3,col=4,title=x%3Ay%2Cz::diharapkan YAML yang benar, ditemukan susunan yang tidak bisa"
        " dibaca di sini (perbaiki: periksa titik dua, tanda kutip dan indentasi di baris ini dan sebelumnya) [100%25 %0D%0Abad]"
    )


def test_committed_json_schema_is_current():
    from catalogue.products.schema_file import SCHEMA_PATH, schema_text

    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "run `python build.py schema` and commit the result"


def test_samples_validate_and_match_the_json_schema():
    import jsonschema
    import yaml

    from catalogue.products.schema import json_schema

    root = Path(__file__).parent.parent
    result = check_catalogue(root / "products")
    assert result.errors == [] and len(result.catalogue.products) >= 12
    # Editors read YAML 1.2-ish with types; the committed schema must accept what we accept.
    validator = jsonschema.Draft202012Validator(json_schema())
    for file in sorted((root / "products").glob("*/product.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for key in ("updated",):
            data[key] = str(data[key])
        for cert in data.get("certifications", []):
            if "valid_until" in cert:
                cert["valid_until"] = str(cert["valid_until"])
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], f"{file}: {errors}"


def test_never_a_traceback_on_random_bytes(tmp_path):
    import random

    rng = random.Random(7)
    for i in range(60):
        blob = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
        if i % 2:
            blob = BASE.encode()[: rng.randrange(len(BASE))] + blob[:20]
        run_check(tmp_path, blob)  # must not raise
