"""The office spreadsheet: the template, importing it (and catalogue.csv), with exact messages.

Sheets are written here the way the offices' tools write them: .xlsx by openpyxl (what Excel
stores: numbers, dates as serials or date cells) and CSV the way LibreOffice saves it (UTF-8
with a BOM, CRLF, semicolons in Indonesian settings). The reference day is conftest's
SOURCE_DATE_EPOCH (2026-11-28), never the calendar.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import fields, replace
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from catalogue.cli import main
from catalogue.products.model import Text
from catalogue.products.spreadsheet import COLUMNS, MARKET_CHOICES, NAMES, Column, CellInvalid, READERS
from catalogue.products.spreadsheet_template import template_columns, write_template
from catalogue.products.taxonomy import CAPACITY_PERIODS, CATEGORIES, CERTIFICATION_TYPES, REGENCIES
from catalogue.products.validate import check_catalogue
from catalogue.site.exports import CSV_COLUMNS, catalogue_csv
from tests.helpers import write_photo

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 28)
KEYS = [c.key for c in template_columns()]

# One product as an office types it (text everywhere; the tests below put in the pitfalls).
GOOD = {
    "name_id": "Kopi Liberika Pengaron", "name_en": "Pengaron Liberica Coffee",
    "summary_id": "Kopi liberika sangrai dari kebun santri.",
    "description_id": "Biji kopi dipetik merah, lalu disangrai sedang.\n- Berat bersih 250 g",
    "category": "minuman", "tags": "kopi; liberika",
    "pesantren": "Pondok Pesantren Darul Ilmi", "regency": "63.03", "address": "Jl. Contoh No. 1, Pengaron",
    "cooperative": "Kopontren Darul Ilmi", "legal_entity": "AHU-0001234.AH.01.26.TAHUN 2024",
    "price_min": "35000", "price_unit": "bungkus 250 g", "min_order": "20", "min_order_unit": "bungkus",
    "capacity": "1500", "capacity_unit": "bungkus", "capacity_per": "month",
    "cert_1_type": "halal", "cert_1_number": "ID63110000123450824", "cert_1_valid_until": "2028-08-01",
    "markets": "regional; national", "photo_1_file": "kemasan.jpg", "photo_1_alt": "Kemasan kopi 250 gram",
    "contact": "Ustadz Ahmad", "whatsapp": "0811-5000-0001", "updated": "2024-10-03",
}


def at(key: str, row: int) -> str:
    """The template's cell of column `key` on `row`, e.g. at("price_min", 3) == "AA3"."""
    return f"{openpyxl.utils.get_column_letter(KEYS.index(key) + 1)}{row}"


def product(**changes) -> dict:
    """GOOD with another pesantren and name per call site, and `changes` (None clears a cell)."""
    return {**GOOD, **changes}


@pytest.fixture
def office(tmp_path, monkeypatch) -> Path:
    """An office's working folder (the current directory): products/, photos/kemasan.jpg."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "products").mkdir()
    (tmp_path / "photos").mkdir()
    write_photo(tmp_path / "photos" / "kemasan.jpg")
    return tmp_path


def write_xlsx(path: Path, rows: dict[int, dict], general: tuple[str, ...] = ()) -> Path:
    """The template with `rows` (row number → {column key: value}) typed in, as Excel saves it;
    the `general` columns lose the template's Text/date format, as a pasted column does."""
    write_template(path)
    book = openpyxl.load_workbook(path)
    sheet = book["Produk"]
    for number, values in rows.items():
        for key, value in values.items():
            cell = sheet.cell(number, KEYS.index(key) + 1)
            cell.value = value
            if key in general:
                cell.number_format = "General"
    book.save(path)
    return path


def write_csv(path: Path, rows: list[dict], delimiter: str = ";", headers: str = "header") -> Path:
    """A CSV as LibreOffice saves it: UTF-8 with a BOM, CRLF, every cell text."""
    columns = [c for c in template_columns() if c.key != "example"]
    names = [getattr(c, headers) for c in columns]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if row.get(c.key) is None else row[c.key] for c in columns])
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return path


def run(capsys, *argv: str) -> tuple[int, list[str]]:
    code = main(list(argv))
    return code, capsys.readouterr().out.splitlines()


def tree(folder: Path) -> dict[str, int]:
    """Every file under `folder` with its modification time (ns), to prove nothing was touched."""
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the template -------------------------------------------------------------------------------


def _listed(book, formula: str) -> list[str]:
    """The values a list validation offers (`Kode!$A$2:$A$11`)."""
    sheet_name, cells = formula.split("!")
    return [c.value for row in book[sheet_name][cells.replace("$", "")] for c in row]


def test_template_has_headers_notes_dropdowns_an_example_and_the_codes(office, capsys):
    assert run(capsys, "template", "dinas.xlsx") == (0, ["wrote dinas.xlsx"])
    book = openpyxl.load_workbook("dinas.xlsx")
    assert book.sheetnames == ["Produk", "Kode"]
    sheet = book["Produk"]
    header = [c.value for c in sheet[1]]
    assert header == [c.header for c in template_columns()]
    assert header[:3] == ["Contoh", "Slug (nama folder)", "Nama produk"] and "Harga" in header and "Nomor WhatsApp" in header
    for cell, column in zip(sheet[1], template_columns()):
        assert cell.comment.text == f"{column.note}\n\nKunci: {column.key}"
    assert sheet["A2"].value == "CONTOH" and sheet["A2"].font.i  # the example row, in italics
    assert sheet[at("name_id", 2)].value == "Kopi Liberika Pengaron"

    dropdowns = {}
    for validation in sheet.data_validations.dataValidation:
        column = header[openpyxl.utils.column_index_from_string(str(validation.sqref).split(":")[0].rstrip("0123456789")) - 1]
        dropdowns[column] = (_listed(book, validation.formula1), str(validation.sqref))
    assert dropdowns["Kategori"] == (list(CATEGORIES), f"{at('category', 2)}:{at('category', 1001)}")
    assert dropdowns["Kabupaten/kota"][0] == list(REGENCIES)
    assert dropdowns["Pasar"][0] == list(MARKET_CHOICES) == [
        "regional", "national", "international", "regional; national", "regional; international",
        "national; international", "regional; national; international"]
    for n in (1, 2, 3):
        assert dropdowns[f"Sertifikat {n}: jenis"][0] == list(CERTIFICATION_TYPES)
    assert dropdowns["Kebutuhan 1: kategori"][0] == list(CATEGORIES)
    assert dropdowns["Kapasitas per"][0] == list(CAPACITY_PERIODS)
    assert dropdowns["Siap ekspor"][0] == ["true", "false"]

    # Numbers that must stay text are formatted as Text before anyone types; dates as dates.
    for key in ("whatsapp", "nib", "pesantren_nspp", "hs_code", "regency", "cert_1_number"):
        assert sheet[at(key, 50)].number_format == "@", key
    assert sheet[at("updated", 50)].number_format == "yyyy-mm-dd"
    codes = book["Kode"]
    assert [codes.cell(r, 4).value for r in range(2, 15)] == list(REGENCIES)
    assert codes["D4"].value == "63.03" and codes["E4"].value == "Kabupaten Banjar"


def test_template_never_overwrites_and_imports_as_nothing(office, capsys):
    write_template(office / "dinas.xlsx")
    assert main(["template", "dinas.xlsx"]) == 2
    assert "dinas.xlsx already exists" in capsys.readouterr().err
    assert run(capsys, "import", "dinas.xlsx") == (0, ["Dilewati: 1 baris contoh, 0 baris kosong.", "Tidak ada baris produk di dinas.xlsx."])
    assert tree(office / "products") == {}


# --- reading cells ----------------------------------------------------------------------------


def _column(key: str) -> Column:
    return next(c for c in COLUMNS if c.key == key)


@pytest.mark.parametrize("key, value, expected", [
    ("whatsapp", 81150000001, "081150000001"),  # a number: the leading 0 was lost
    ("whatsapp", "81150000001", "081150000001"),  # the same, from a CSV
    ("whatsapp", 6281150000001, "+6281150000001"),  # the + was lost
    ("whatsapp", "0811-5000-0001", "0811-5000-0001"),
    ("whatsapp", 12345, "12345"),  # no Indonesian reading: the validator says so
    ("price_min", 35000, "35000"),
    ("price_min", 35000.0, "35000"),
    ("price_min", "35000.0", "35000"),  # a float written out by another program
    ("price_min", "35.000", "35.000"),  # thousands dot: the validator's hint says "tulis 35000"
    ("nib", 9120306303006, "9120306303006"),  # 13 digits, Excel keeps 15: nothing lost
    ("nib", "9120306303006", "9120306303006"),
    ("updated", 45568, "2024-10-03"),  # a date serial (1900 system)
    ("updated", "45568", "2024-10-03"),
    ("updated", datetime(2024, 10, 3, 14, 30), "2024-10-03"),
    ("updated", date(2024, 10, 3), "2024-10-03"),
    ("updated", "03/10/2024", "03/10/2024"),  # day or month first? the validator asks for ISO
    ("regency", 63.1, "63.10"),  # 63.10 as a number; every code has two decimals
    ("regency", 63.03, "63.03"),
    ("hs_code", 8516, "8516"),
    ("lat", -3.4905, "-3.4905"),
    ("export_ready", True, "true"),
    ("export_ready", "TRUE", "true"),
    ("category", "Minuman", "minuman"),
    ("markets", "Regional;national\nInternational", ["regional", "national", "international"]),
    ("certifications", "halal:ID63110000123450824 (s.d. 2028-08-01); pirt:2016303010123-29",
     [{"type": "halal", "number": "ID63110000123450824", "valid_until": "2028-08-01"}, {"type": "pirt", "number": "2016303010123-29"}]),
    ("needs", "pertanian: Gula aren; 100 kg per bulan; kerajinan: Keranjang",
     [{"category": "pertanian", "text": {"id": "Gula aren; 100 kg per bulan"}}, {"category": "kerajinan", "text": {"id": "Keranjang"}}]),
])
def test_cells_read_as_what_was_typed(key, value, expected):
    column = _column(key)
    assert READERS[column.read](value, column, datetime(1899, 12, 30)) == expected


@pytest.mark.parametrize("key, value, code, params", [
    ("whatsapp", 62811500001, "phone_number", {"found": "62811500001", "first": "062811500001", "second": "+62811500001"}),
    ("whatsapp", 8.1150000001e10, "number_rounded", {"expected": "nomor WhatsApp", "found": "81150000001"}),
    ("nib", 8.12e12, "number_rounded", {"expected": "13 angka", "found": "8120000000000 (8.12E+12)"}),
    ("nib", 8120000000000, "number_rounded", {"expected": "13 angka", "found": "8120000000000 (8.12E+12)"}),
    ("nib", "8,12E+12", "number_rounded", {"expected": "13 angka", "found": "8,12E+12"}),
    ("nib", 912030630300, "number_short", {"expected": "13 angka", "found": "912030630300"}),
    ("price_min", 35000.5, "not_whole", {"found": "35000.5", "suggestion": 35000}),
    ("updated", 2024, "date_number", {"found": "2024"}),
    ("hs_code", 901.21, "hs_number", {"found": "901.21"}),
    ("hs_code", 901, "hs_number", {"found": "901"}),
    ("packaging", datetime(2026, 2, 1), "date_in_cell", {"expected": "teks", "found": "2026-02-01"}),
    ("certifications", "halal ID631100", "cert_item", {"found": "halal ID631100"}),
])
def test_cells_that_may_have_lost_digits_are_reported(key, value, code, params):
    column = _column(key)
    with pytest.raises(CellInvalid) as caught:
        READERS[column.read](value, column, datetime(1899, 12, 30))
    assert (caught.value.code, caught.value.params) == (code, params)


# --- importing .xlsx ------------------------------------------------------------------------------


def test_xlsx_with_every_pitfall_reports_each_cell_and_writes_nothing(office, capsys):
    write_xlsx(office / "dinas.xlsx", {
        3: product(whatsapp=81150000001, price_min=35000.0, updated=45568, regency=63.1, nib=9120306303006),  # all readable
        # row 4 left empty
        5: product(name_id="Madu Kelulut", pesantren="Pondok Pesantren Nurul Huda", price_min="35.000", nib=8.12e12,
                   updated=datetime(2024, 10, 3), whatsapp=62811500001, hs_code=901.21),
        6: product(example="CONTOH", name_id="Contoh Lain", pesantren="PP Contoh"),
        7: product(name_id="Sabun Sereh", pesantren="Pondok Pesantren Al Falah", updated=2024, packaging=datetime(2026, 2, 1),
                   photo_1_file="sabun.jpg", cert_1_valid_until=2028),
    }, general=("updated", "whatsapp", "nib", "price_min", "hs_code"))
    code, lines = run(capsys, "import", "dinas.xlsx", "--photos", "photos")
    where = "dinas.xlsx!Produk!"
    assert lines == [
        f'{where}{at("nib", 5)}: galat: kolom "NIB": diharapkan 13 angka sebagai teks, ditemukan angka 8120000000000 (8.12E+12) yang mungkin sudah dibulatkan (perbaiki: format kolom sebagai Teks lalu ketik ulang nomor lengkapnya)',
        f'{where}{at("price_min", 5)}: galat: kolom "Harga": diharapkan angka rupiah tanpa titik atau "Rp", ditemukan "35.000" (perbaiki: tulis 35000)',
        f'{where}{at("hs_code", 5)}: galat: kolom "Kode HS": diharapkan kode HS sebagai teks, ditemukan angka 901.21: angka 0 di depan atau di belakang titik bisa hilang (perbaiki: format kolom sebagai Teks lalu ketik ulang, mis. 0901.21)',
        f'{where}{at("whatsapp", 5)}: galat: kolom "Nomor WhatsApp": diharapkan nomor WhatsApp sebagai teks, ditemukan angka 62811500001 yang bisa berarti 062811500001 atau +62811500001 (perbaiki: format kolom sebagai Teks lalu ketik nomornya lengkap)',
        f'{where}{at("packaging", 7)}: galat: kolom "Kemasan": diharapkan teks, ditemukan tanggal 2026-02-01: spreadsheet mengubah isi sel menjadi tanggal (perbaiki: format kolom sebagai Teks lalu ketik ulang)',
        f'{where}{at("cert_1_valid_until", 7)}: galat: kolom "Sertifikat 1: berlaku s.d.": diharapkan tanggal antara 1990 dan 2100, ditemukan 1905-07-20: angka 2028 di sel berformat tanggal? (perbaiki: tulis tanggal YYYY-MM-DD, mis. 2024-10-03)',
        f'{where}{at("photo_1_file", 7)}: galat: kolom "Foto 1: nama file": foto "sabun.jpg" tidak ada di photos (perbaiki: periksa nama filenya; huruf besar/kecil dibedakan)',
        f'{where}{at("updated", 7)}: galat: kolom "Tanggal diperiksa": diharapkan tanggal, ditemukan angka 2024 (perbaiki: tulis tanggal YYYY-MM-DD, mis. 2024-10-03, atau format sel sebagai tanggal)',
        "Impor dibatalkan: 8 galat di 2 baris; tidak ada file yang ditulis.",
    ]
    assert code == 1
    assert tree(office / "products") == {}
    assert sorted(p.name for p in office.iterdir()) == ["dinas.xlsx", "photos", "products"]  # no copy left behind

    assert run(capsys, "import", "dinas.xlsx", "--photos", "photos", "--lang", "en")[1][1] == (
        f'{where}{at("price_min", 5)}: error: column "Harga": expected a rupiah amount without dots or "Rp", found "35.000" (fix: write 35000)')


def test_xlsx_that_reads_cleanly_is_imported_and_reimporting_changes_nothing(office, capsys):
    write_xlsx(office / "dinas.xlsx", {3: product(whatsapp=81150000001, price_min=35000.0, updated=45568, regency=63.1,
                                                 nib=9120306303006, cert_1_valid_until=datetime(2028, 8, 1))})
    code, lines = run(capsys, "import", "dinas.xlsx", "--photos", "photos")
    assert (code, lines) == (0, [
        "products/kopi-liberika-pengaron/: dibuat (1 foto)",
        "Dilewati: 1 baris contoh, 0 baris kosong.",
        "Impor selesai: 1 dibuat, 0 diubah, 0 tidak berubah.",
    ])
    text = (office / "products/kopi-liberika-pengaron/product.yml").read_text("utf-8")
    for line in ('  whatsapp: "081150000001"\n', "  min: 35000\n", "updated: 2024-10-03\n", '  regency: "63.10"\n',
                 '  nib: "9120306303006"\n', "    valid_until: 2028-08-01\n", "tags: [kopi, liberika]\n", "description: |\n"):
        assert line in text, line
    assert check_catalogue(office / "products", today=TODAY).catalogue is not None
    before = tree(office / "products")
    assert run(capsys, "import", "dinas.xlsx", "--photos", "photos") == (0, [
        "Dilewati: 1 baris contoh, 0 baris kosong.", "Tidak ada yang berubah: 1 produk sama dengan dinas.xlsx."])
    assert run(capsys, "import", "dinas.xlsx")[0] == 0  # the photo is already in the folder
    assert tree(office / "products") == before


def test_nothing_is_written_when_one_row_of_many_has_an_error(office, capsys):
    write_xlsx(office / "dinas.xlsx", {
        3: product(),
        4: product(name_id="Madu Kelulut", pesantren="Pondok Pesantren Nurul Huda"),
        5: product(name_id="Sabun Sereh", pesantren="Pondok Pesantren Al Falah", category="sabun", updated="2027-01-01"),
    })
    code, lines = run(capsys, "import", "dinas.xlsx", "--photos", "photos")
    assert code == 1 and lines == [
        f'dinas.xlsx!Produk!{at("category", 5)}: galat: kolom "Kategori": diharapkan salah satu dari: {", ".join(CATEGORIES)}; ditemukan "sabun"',
        f'dinas.xlsx!Produk!{at("updated", 5)}: galat: kolom "Tanggal diperiksa": diharapkan tanggal paling lambat hari ini (2026-11-28), ditemukan 2027-01-01 (perbaiki: tulis tanggal data terakhir diperiksa)',
        "Impor dibatalkan: 2 galat di 1 baris; tidak ada file yang ditulis.",
    ]
    assert tree(office / "products") == {}
    assert run(capsys, "import", "dinas.xlsx", "--photos", "photos", "--dry-run")[0] == 1


def test_rules_across_products_point_at_the_rows(office, capsys):
    write_xlsx(office / "dinas.xlsx", {
        3: product(),
        4: product(slug="madu-kelulut", name_id="Madu Kelulut", pesantren="pondok  pesantren DARUL ilmi"),
        5: product(name_id="Gula Aren", pesantren="Pondok Pesantren Al Falah", photo_1_file=None, price_max="30000",
                   min_order=None, min_order_unit=None),
    })
    code, lines = run(capsys, "import", "dinas.xlsx", "--photos", "photos")
    assert code == 1 and lines == [
        # The validator names the later folder (kopi-… < madu-…), so the second row.
        f'dinas.xlsx!Produk!{at("pesantren", 4)}: galat: kolom "Nama pesantren": satu pesantren, satu produk unggulan: "pondok  pesantren DARUL ilmi" sudah punya produk di dinas.xlsx!Produk!A3 (perbaiki: gabungkan ke file itu)',
        f'dinas.xlsx!Produk!{at("price_max", 5)}: galat: kolom "Harga tertinggi": diharapkan harga tertinggi ≥ harga terendah (35000), ditemukan 30000 (perbaiki: tukar min dan max)',
        f'dinas.xlsx!Produk!{at("min_order", 5)}: peringatan: kolom "Pesanan minimum": sebaiknya diisi, tidak ditemukan (perbaiki: tambahkan agar pembeli lebih percaya)',
        f'dinas.xlsx!Produk!{at("photo_1_file", 5)}: galat: kolom "Foto 1: nama file": wajib diisi, sel kosong (perbaiki: isi sel ini)',
        "Impor dibatalkan: 3 galat di 2 baris; tidak ada file yang ditulis.",
    ]


# --- LibreOffice CSV ----------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", ","])
def test_libreoffice_csv_with_bom_crlf_and_numbers_that_lost_zeros(office, capsys, delimiter):
    write_csv(office / "dinas.csv", [
        product(whatsapp="81150000001", price_min="35000.0", updated="45568", regency="63.1", nib="9120306303006"),
        {},  # an empty line
        product(name_id="Madu Kelulut", pesantren="Pondok Pesantren Nurul Huda", nib="8.12E+12", price_min="Rp 35.000",
                updated="03/10/2024", whatsapp="12345"),
    ], delimiter)
    code, lines = run(capsys, "import", "dinas.csv", "--photos", "photos")
    nib, price, whatsapp, updated = (openpyxl.utils.get_column_letter(KEYS.index(k)) for k in ("nib", "price_min", "whatsapp", "updated"))
    assert code == 1 and lines == [
        f'dinas.csv!{nib}4: galat: kolom "NIB": diharapkan 13 angka sebagai teks, ditemukan angka 8.12E+12 yang mungkin sudah dibulatkan (perbaiki: format kolom sebagai Teks lalu ketik ulang nomor lengkapnya)',
        f'dinas.csv!{price}4: galat: kolom "Harga": diharapkan angka rupiah tanpa titik atau "Rp", ditemukan "Rp 35.000" (perbaiki: tulis 35000)',
        f'dinas.csv!{whatsapp}4: galat: kolom "Nomor WhatsApp": diharapkan nomor WhatsApp Indonesia, ditemukan "12345" (perbaiki: mis. "0811-5000-123" atau "+62 811 5000 123")',
        f'dinas.csv!{updated}4: galat: kolom "Tanggal diperiksa": diharapkan tanggal YYYY-MM-DD, ditemukan "03/10/2024" (perbaiki: mis. 2024-10-03)',
        "Impor dibatalkan: 4 galat di 1 baris; tidak ada file yang ditulis.",
    ]
    # Without the bad row, the first row is read as typed, under machine keys as well.
    write_csv(office / "dinas.csv", [product(whatsapp="81150000001", price_min="35000.0", updated="45568", regency="63.1")], delimiter, "key")
    assert run(capsys, "import", "dinas.csv", "--photos", "photos")[0] == 0
    text = (office / "products/kopi-liberika-pengaron/product.yml").read_text("utf-8")
    assert '  whatsapp: "081150000001"\n' in text and "  min: 35000\n" in text and "updated: 2024-10-03\n" in text


def test_unknown_and_repeated_columns_are_named_by_header_cell(office, capsys):
    path = office / "dinas.csv"
    path.write_text("Nama produk;Harga jual;harga;price_min;\r\nKopi;1;2;3;x\r\n", encoding="utf-8")
    code, lines = run(capsys, "import", "dinas.csv")
    assert code == 1 and lines[:2] == [
        'dinas.csv!B1: galat: kolom "Harga jual": kolom ini tidak dikenal (perbaiki: maksudnya "Harga"?)',
        'dinas.csv!D1: galat: kolom "price_min": kolom ini sama dengan kolom C (perbaiki: hapus salah satunya)',
    ]
    # The row is still checked; a field the sheet has no column for says which column to add.
    assert 'dinas.csv!A2: galat: category: wajib diisi, kolom "Kategori" tidak ada di lembar ini (perbaiki: tambahkan kolom itu dari templat)' in lines
    assert lines[-2:] == [
        "dinas.csv!E2: galat: diharapkan judul kolom, ditemukan sel berisi di kolom tanpa judul (perbaiki: beri judul dari templat atau hapus isinya)",
        "Impor dibatalkan: 13 galat di 2 baris; tidak ada file yang ditulis.",
    ]


def test_photo_names_cannot_leave_the_photos_folder(office, capsys):
    (office / "secret.jpg").write_bytes((office / "photos/kemasan.jpg").read_bytes())
    os.symlink(office / "secret.jpg", office / "photos/link.jpg")
    write_xlsx(office / "dinas.xlsx", {3: product(photo_1_file="../secret.jpg", photo_1_alt="a",
                                                 photo_2_file="link.jpg", photo_2_alt="b",
                                                 photo_3_file="Kemasan.JPG", photo_3_alt="c")})
    code, lines = run(capsys, "import", "dinas.xlsx", "--photos", "photos")
    assert code == 1 and lines[:3] == [
        f'dinas.xlsx!Produk!{at("photo_1_file", 3)}: galat: kolom "Foto 1: nama file": diharapkan nama file di dalam folder --photos, ditemukan "../secret.jpg" (perbaiki: tulis nama filenya saja, mis. kemasan.jpg)',
        f'dinas.xlsx!Produk!{at("photo_2_file", 3)}: galat: kolom "Foto 2: nama file": diharapkan file foto biasa, ditemukan tautan simbolik atau bukan file: "link.jpg" (perbaiki: salin foto aslinya ke folder --photos)',
        f'dinas.xlsx!Produk!{at("photo_3_file", 3)}: galat: kolom "Foto 3: nama file": foto "Kemasan.JPG" tidak ada di photos (perbaiki: maksudnya "kemasan.jpg"? huruf besar/kecil dibedakan)',
    ]
    assert tree(office / "products") == {}


# --- updating --------------------------------------------------------------------------------------


def test_update_changes_only_what_differs_and_keeps_comments(office, capsys):
    write_xlsx(office / "dinas.xlsx", {3: product()})
    assert run(capsys, "import", "dinas.xlsx", "--photos", "photos")[0] == 0
    file = office / "products/kopi-liberika-pengaron/product.yml"
    commented = file.read_text("utf-8").replace("  min: 35000\n", "  min: 35000  # harga grosir, naik Januari\n")
    file.write_text(commented, encoding="utf-8")
    write_xlsx(office / "dinas.xlsx", {3: product(price_min=40000, whatsapp="+62 811-5000-0001")})  # the same number

    code, lines = run(capsys, "import", "dinas.xlsx")
    assert (code, lines) == (1, [
        f"dinas.xlsx!Produk!{at('slug', 3)}: galat: kolom \"Slug (nama folder)\": produk products/kopi-liberika-pengaron/product.yml sudah ada dan berbeda di: price.min (perbaiki: jalankan dengan --update untuk mengubahnya)",
        "Impor dibatalkan: 1 galat di 1 baris; tidak ada file yang ditulis.",
    ])
    before = tree(office / "products")
    assert run(capsys, "import", "dinas.xlsx", "--update", "--dry-run") == (0, [
        "products/kopi-liberika-pengaron/product.yml: price.min 35000 → 40000",
        "Dilewati: 1 baris contoh, 0 baris kosong.",
        "Uji coba (--dry-run): 0 akan dibuat, 1 akan diubah, 0 tidak berubah; tidak ada file yang ditulis.",
    ])
    assert tree(office / "products") == before
    assert run(capsys, "import", "dinas.xlsx", "--update", "--lang", "en") == (0, [
        "products/kopi-liberika-pengaron/product.yml: price.min 35000 → 40000",
        "Skipped: 1 example rows, 0 empty rows.",
        "Import done: 0 created, 1 changed, 0 unchanged.",
    ])
    assert file.read_text("utf-8") == commented.replace("min: 35000  #", "min: 40000  #")
    assert run(capsys, "import", "dinas.xlsx", "--update")[1][-1] == "Tidak ada yang berubah: 1 produk sama dengan dinas.xlsx."


def test_a_row_finds_its_product_by_pesantren_and_clears_emptied_cells(office, capsys):
    write_xlsx(office / "dinas.xlsx", {3: product()})
    run(capsys, "import", "dinas.xlsx", "--photos", "photos")
    # Renamed product, same pesantren: the same folder; an emptied optional group goes whole.
    write_xlsx(office / "dinas.xlsx", {3: product(name_id="Kopi Liberika Premium", min_order=None, min_order_unit=None)})
    code, lines = run(capsys, "import", "dinas.xlsx", "--update")
    assert code == 0 and lines[:4] == [
        f"dinas.xlsx!Produk!{at('min_order', 3)}: peringatan: kolom \"Pesanan minimum\": sebaiknya diisi, tidak ditemukan (perbaiki: tambahkan agar pembeli lebih percaya)",
        "products/kopi-liberika-pengaron/product.yml: name.id Kopi Liberika Pengaron → Kopi Liberika Premium",
        "products/kopi-liberika-pengaron/product.yml: min_order.quantity 20 → –",
        "products/kopi-liberika-pengaron/product.yml: min_order.unit.id bungkus → –",
    ]
    text = (office / "products/kopi-liberika-pengaron/product.yml").read_text("utf-8")
    assert "min_order" not in text and "  id: Kopi Liberika Premium\n" in text


# --- the published CSV imports back ---------------------------------------------------------------

# What catalogue.csv cannot carry: photos (only the first one's address), and these translations.
NOT_CARRIED = "photos, Arabic of price/min_order/capacity units and packaging, translations of needs"


def carried(product):
    """The product as the CSV carries it."""
    def indonesian_english(text):
        return Text(text.id, text.en) if text else None

    return replace(
        product, source=None, photos=(),
        price=replace(product.price, unit=indonesian_english(product.price.unit)),
        min_order=product.min_order and replace(product.min_order, unit=indonesian_english(product.min_order.unit)),
        capacity=product.capacity and replace(product.capacity, unit=indonesian_english(product.capacity.unit)),
        packaging=indonesian_english(product.packaging),
        needs=tuple(replace(n, text=Text(n.text.id)) for n in product.needs),
    )


def test_every_published_csv_column_is_an_import_column():
    assert {name for name in CSV_COLUMNS} <= set(NAMES)
    assert {c.key for c in COLUMNS} >= set(CSV_COLUMNS)


def test_published_csv_imports_back_into_the_same_products(tmp_path, monkeypatch, capsys, sample_catalogue):
    monkeypatch.chdir(tmp_path)
    raw = catalogue_csv(sample_catalogue, "https://opop.example/katalog/", {})
    (tmp_path / "catalogue.csv").write_bytes(raw)
    (tmp_path / "products").mkdir()

    # Alone it cannot make products: it has no photos.
    code, lines = run(capsys, "import", "catalogue.csv")
    assert code == 1 and lines[0] == (
        "catalogue.csv!A2: galat: photos: wajib: paling sedikit satu foto, lembar ini tidak punya kolom foto (perbaiki: tambahkan kolom "
        '"Foto 1: nama file" dan "Foto 1: keterangan (alt)" lalu jalankan dengan --photos FOLDER; catalogue.csv hanya membawa alamat foto, bukan fotonya)')

    # With photo columns added (names inside --photos, here the sample folders), it can.
    rows = list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    extra = [f"photo_{n}_{part}" for n in range(1, 5) for part in ("file", "alt", "alt_en", "caption")]
    for row, sample in zip(rows, sample_catalogue.products):
        for n, photo in enumerate(sample.photos, start=1):
            row.update({f"photo_{n}_file": f"{sample.slug}/{photo.file}", f"photo_{n}_alt": photo.alt.id,
                        f"photo_{n}_alt_en": photo.alt.en or "", f"photo_{n}_caption": photo.caption.id if photo.caption else ""})
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS) + extra, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    (tmp_path / "with-photos.csv").write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    code, lines = run(capsys, "import", "with-photos.csv", "--photos", str(REPO / "products"))
    assert code == 0 and lines[-1] == f"Impor selesai: {len(rows)} dibuat, 0 diubah, 0 tidak berubah."

    imported = check_catalogue(tmp_path / "products", today=TODAY).catalogue
    assert imported is not None
    assert [p.slug for p in imported.products] == [p.slug for p in sample_catalogue.products]
    for original, again in zip(sample_catalogue.products, imported.products):
        for name in (f.name for f in fields(original)):
            assert getattr(carried(again), name) == getattr(carried(original), name), (original.slug, name)
        assert [(p.file, p.alt) for p in again.photos] == [(p.file, Text(p.alt.id, p.alt.en)) for p in original.photos]

    # And the published CSV, imported again, finds every product the same.
    before = tree(tmp_path / "products")
    assert run(capsys, "import", "catalogue.csv") == (0, [f"Tidak ada yang berubah: {len(rows)} produk sama dengan catalogue.csv."])
    assert tree(tmp_path / "products") == before


@pytest.mark.parametrize("name, data, expected", [
    ("dinas.xlsx", b"Nama produk;Harga\r\n", "dinas.xlsx: galat: berkas tidak bisa dibaca sebagai Excel .xlsx: BadZipFile (perbaiki: simpan ulang dari Excel atau LibreOffice sebagai .xlsx atau CSV UTF-8)"),
    ("dinas.csv", "Nama produk;Alamat\r\nKopi;Jl. Pasar Lama, Martapura\r\n".encode("cp1252").replace(b"a,", b"\xe9,"),
     'dinas.csv: galat: diharapkan CSV UTF-8, ditemukan byte 0xE9 (perbaiki: simpan sebagai "CSV UTF-8"; di LibreOffice pilih set karakter Unicode (UTF-8))'),
])
def test_unreadable_files_say_how_to_save_them(office, capsys, name, data, expected):
    (office / name).write_bytes(data)
    assert run(capsys, "import", name) == (1, [expected])


def test_usage_errors_exit_2(office, capsys):
    assert main(["import", "nope.xlsx"]) == 2
    (office / "dinas.ods").write_bytes(b"x")
    assert main(["import", "dinas.ods"]) == 2
    write_xlsx(office / "dinas.xlsx", {})
    assert main(["import", "dinas.xlsx", "--photos", "nowhere"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "build.py import: nope.xlsx tidak ditemukan",
        "build.py import: dinas.ods: diharapkan .xlsx atau .csv (perbaiki: simpan dari Excel/LibreOffice sebagai .xlsx atau CSV UTF-8)",
        "build.py import: folder nowhere tidak ditemukan (perbaiki: periksa --photos)",
    ]


def test_update_replaces_adds_and_removes_photo_files(office, capsys):
    write_photo(office / "photos" / "biji.jpg", color=(90, 60, 30))
    write_xlsx(office / "dinas.xlsx", {3: product(photo_2_file="biji.jpg", photo_2_alt="Biji kopi")})
    assert run(capsys, "import", "dinas.xlsx", "--photos", "photos")[0] == 0
    folder = office / "products/kopi-liberika-pengaron"
    write_photo(office / "photos" / "kemasan.jpg", color=(10, 200, 10))  # a new shot, same name
    write_photo(office / "photos" / "toples.jpg")
    write_xlsx(office / "dinas.xlsx", {3: product(photo_2_file="toples.jpg", photo_2_alt="Toples kopi")})
    code, lines = run(capsys, "import", "dinas.xlsx", "--photos", "photos", "--update")
    assert (code, lines) == (0, [
        "products/kopi-liberika-pengaron/product.yml: photos [{file: kemasan.jpg, alt: {id: Kemasan kopi 250 gram}}, {file: biji.jpg, alt: {id: Biji kopi}}]"
        " → [{file: kemasan.jpg, alt: {id: Kemasan kopi 250 gram}}, {file: toples.jpg, alt: {id: Toples kopi}}]",
        "products/kopi-liberika-pengaron/kemasan.jpg: foto diganti",
        "products/kopi-liberika-pengaron/toples.jpg: foto baru",
        "products/kopi-liberika-pengaron/biji.jpg: foto dihapus",
        "Dilewati: 1 baris contoh, 0 baris kosong.",
        "Impor selesai: 0 dibuat, 1 diubah, 0 tidak berubah.",
    ])
    assert sorted(p.name for p in folder.iterdir()) == ["kemasan.jpg", "product.yml", "toples.jpg"]
    assert (folder / "kemasan.jpg").read_bytes() == (office / "photos/kemasan.jpg").read_bytes()
    assert check_catalogue(office / "products", today=TODAY).catalogue is not None
