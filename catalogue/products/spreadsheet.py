"""Spreadsheet rows → product fields: the columns, and reading every cell as text.

One row is one product. `COLUMNS` declares each column once: a stable machine key (the column
name in the published `data/catalogue.csv` where it has one), the Indonesian header of the
template, the product field it fills, how its cells are read, and the note the template puts
on the header. A sheet may use either the header or the key, so the template and the
published CSV import the same way.

Spreadsheets guess types the way YAML 1.1 does (product-format.md, "Reading rules"): a
WhatsApp number typed as a number loses its leading 0, an NIB shows as 8.12E+12, a date
becomes a serial number, "1/2" becomes a date. So a cell is never taken at its face type:
its column's reader turns it into the text a secretary would have typed, when only one text
is possible (81150000001 → "081150000001", 35000.0 → "35000", a date serial → "2024-10-03"),
and raises `CellInvalid` with the fix when digits may have been lost or guessed. Everything
else is left to the validator, which reads the written product.yml like any other file.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import re
import string
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import phonenumbers
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900, from_excel, to_excel

from catalogue.products.messages import MESSAGES, severity_label
from catalogue.products.problems import ERROR
from catalogue.products.taxonomy import CAPACITY_PERIODS, CATEGORIES, CERTIFICATION_TYPES, MARKETS, REGENCIES

EXAMPLE_MARKS = ("CONTOH", "EXAMPLE")
CERT_SLOTS, PHOTO_SLOTS, NEED_SLOTS = 3, 4, 2
# Every way to sell in one or more markets, in the format's order: one dropdown, one cell.
MARKET_CHOICES = tuple("; ".join(m for i, m in enumerate(MARKETS) if mask >> i & 1) for mask in (1, 2, 4, 3, 5, 6, 7))


@dataclass(frozen=True)
class Column:
    """One column. `path` is the product field it fills ("price.min", "name.en"); a column of a
    numbered group (`group`, `slot`) fills one field of one list item ("type" of the 2nd
    certificate). `read` names the reader in READERS."""

    key: str
    header: str
    path: str
    read: str
    note: str
    choices: tuple[str, ...] = ()
    length: int = 0  # digits columns: the exact number of digits
    group: str = ""
    slot: int = 0
    in_template: bool = True
    width: int = 18


def _slots(group: str, count: int, parts) -> list[Column]:
    return [
        Column(f"{prefix}_{n}_{key}", f"{label} {n}: {header}", path, read, note, choices, group=group, slot=n, width=width)
        for n in range(1, count + 1)
        for prefix, label, key, header, path, read, note, choices, width in parts
    ]


TEXT_NOTE = "Bila teks ini juga ditulis dalam bahasa lain, isi kolom (Inggris)/(Arab)."
AS_TEXT = "Format kolom ini sebagai Teks agar angka 0 di depan tidak hilang."
LIST_NOTE = "Beberapa isi dipisah titik koma (;)."

COLUMNS: tuple[Column, ...] = (
    Column("example", "Contoh", "", "marker", "Baris bertanda CONTOH tidak diimpor. Biarkan kosong di baris produk Anda.", width=9),
    Column("slug", "Slug (nama folder)", "slug", "slug", "Nama folder dan alamat halaman /produk/<slug>/: 3–60 huruf kecil a-z, angka dan tanda hubung. Boleh kosong: dibuat dari nama produk. Jangan diubah setelah terbit.", width=28),
    Column("name_id", "Nama produk", "name.id", "text", "Wajib. Nama produk, paling banyak 80 karakter.", width=28),
    Column("name_en", "Nama produk (Inggris)", "name.en", "text", "Nama produk dalam bahasa Inggris (dianjurkan)."),
    Column("name_ar", "Nama produk (Arab)", "name.ar", "text", "Nama produk dalam bahasa Arab (boleh kosong)."),
    Column("summary_id", "Ringkasan", "summary.id", "text", "Wajib. Satu kalimat untuk kartu produk, paling banyak 160 karakter.", width=40),
    Column("summary_en", "Ringkasan (Inggris)", "summary.en", "text", "Ringkasan dalam bahasa Inggris."),
    Column("summary_ar", "Ringkasan (Arab)", "summary.ar", "text", "Ringkasan dalam bahasa Arab."),
    Column("description_id", "Deskripsi", "description.id", "lines", "Wajib. Paragraf dan daftar (baris diawali - ); **tebal**, *miring*, tautan https. Tanpa HTML. Baris baru di sel: Alt+Enter.", width=48),
    Column("description_en", "Deskripsi (Inggris)", "description.en", "lines", "Deskripsi dalam bahasa Inggris.", width=30),
    Column("description_ar", "Deskripsi (Arab)", "description.ar", "lines", "Deskripsi dalam bahasa Arab.", width=30),
    Column("category", "Kategori", "category", "choice", "Wajib. Pilih dari daftar (lembar Kode).", tuple(CATEGORIES), width=14),
    Column("tags", "Kata kunci", "tags", "list", "Kata kunci huruf kecil, paling banyak 10. " + LIST_NOTE),
    Column("pesantren", "Nama pesantren", "pesantren.name", "text", "Wajib. Nama pondok pesantren. Satu pesantren, satu produk unggulan.", width=30),
    Column("pesantren_nspp", "NSPP", "pesantren.nspp", "digits", "Nomor Statistik Pondok Pesantren, 12 angka. " + AS_TEXT, length=12, width=15),
    Column("regency", "Kabupaten/kota", "pesantren.regency", "regency", "Wajib. Kode Kemendagri, pilih dari daftar (nama di lembar Kode).", REGENCIES, width=12),
    Column("address", "Alamat", "pesantren.address", "text", "Wajib. Alamat jalan pesantren.", width=36),
    Column("lat", "Lintang", "pesantren.location.lat", "decimal", "Lintang dengan titik desimal, mis. -3.4123 (tanda minus di selatan khatulistiwa).", width=10),
    Column("lon", "Bujur", "pesantren.location.lon", "decimal", "Bujur dengan titik desimal, mis. 114.8412.", width=10),
    Column("website", "Situs web pesantren", "pesantren.website", "text", "Alamat lengkap yang diawali https://."),
    Column("cooperative", "Nama koperasi", "cooperative.name", "text", "Wajib. Nama koperasi pondok pesantren (kopontren).", width=26),
    Column("legal_entity", "Nomor SK badan hukum", "cooperative.legal_entity", "text", "Dianjurkan. Mis. AHU-0001234.AH.01.26.TAHUN 2024.", width=30),
    Column("nib", "NIB", "cooperative.nib", "digits", "Nomor Induk Berusaha, 13 angka. " + AS_TEXT, length=13, width=16),
    Column("founded", "Tahun berdiri", "cooperative.founded", "integer", "Tahun koperasi berdiri, 4 angka.", width=10),
    Column("members", "Jumlah anggota", "cooperative.members", "integer", "Jumlah anggota koperasi.", width=10),
    Column("opop_since", "Tahun bergabung OPOP", "cooperative.opop_since", "integer", "Tahun bergabung dengan program One Pesantren One Product.", width=10),
    Column("price_min", "Harga", "price.min", "integer", "Wajib. Harga (terendah) dalam rupiah, angka saja tanpa titik: 35000, bukan 35.000 atau Rp 35.000.", width=12),
    Column("price_max", "Harga tertinggi", "price.max", "integer", "Harga tertinggi dalam rupiah bila harganya berjenjang, angka saja.", width=12),
    Column("price_unit", "Satuan harga", "price.unit.id", "text", "Wajib. Apa yang dibeli dengan harga itu, mis. bungkus 250 g."),
    Column("price_unit_en", "Satuan harga (Inggris)", "price.unit.en", "text", "Satuan harga dalam bahasa Inggris, mis. 250 g pack."),
    Column("min_order", "Pesanan minimum", "min_order.quantity", "integer", "Dianjurkan. Jumlah pesanan terkecil, angka saja.", width=10),
    Column("min_order_unit", "Satuan pesanan minimum", "min_order.unit.id", "text", "Satuan pesanan minimum, mis. bungkus."),
    Column("min_order_unit_en", "Satuan pesanan minimum (Inggris)", "min_order.unit.en", "text", "Satuan pesanan minimum dalam bahasa Inggris, mis. packs."),
    Column("capacity", "Kapasitas produksi", "capacity.quantity", "integer", "Dianjurkan. Jumlah yang bisa dibuat per periode, angka saja.", width=10),
    Column("capacity_unit", "Satuan kapasitas", "capacity.unit.id", "text", "Satuan kapasitas, mis. bungkus."),
    Column("capacity_unit_en", "Satuan kapasitas (Inggris)", "capacity.unit.en", "text", "Satuan kapasitas dalam bahasa Inggris, mis. packs."),
    Column("capacity_per", "Kapasitas per", "capacity.per", "choice", "Periode kapasitas: week (minggu), month (bulan) atau year (tahun).", tuple(CAPACITY_PERIODS), width=10),
    Column("shelf_life_months", "Masa simpan (bulan)", "shelf_life_months", "integer", "Masa simpan dalam bulan, angka saja.", width=10),
    Column("packaging", "Kemasan", "packaging.id", "text", "Jenis kemasan, mis. standing pouch aluminium foil."),
    Column("packaging_en", "Kemasan (Inggris)", "packaging.en", "text", "Kemasan dalam bahasa Inggris."),
    Column("hs_code", "Kode HS", "hs_code", "hs", "Kode HS 4–10 angka, titik boleh, mis. 0901.21. " + AS_TEXT, width=12),
    *_slots("certifications", CERT_SLOTS, (
        ("cert", "Sertifikat", "type", "jenis", "type", "choice", "Jenis sertifikat, pilih dari daftar: halal, pirt, bpom-md, bpom-ml, sni, other.", tuple(CERTIFICATION_TYPES), 12),
        ("cert", "Sertifikat", "number", "nomor", "number", "code", "Nomor sertifikat persis seperti di sertifikat, mis. ID63110000123450824 atau 2016303010123-29. " + AS_TEXT, (), 24),
        ("cert", "Sertifikat", "valid_until", "berlaku s.d.", "valid_until", "date", "Tanggal berlaku sampai, bila tertulis di sertifikat (tanggal, mis. 2028-08-01).", (), 13),
    )),
    Column("certifications", "Sertifikat (gabungan)", "certifications", "certifications", "Semua sertifikat dalam satu sel, seperti di catalogue.csv: jenis:nomor (s.d. YYYY-MM-DD); dipisah titik koma.", in_template=False),
    Column("markets", "Pasar", "markets", "list", "Wajib. Pasar saat ini, pilih dari daftar: regional, national, international; beberapa dipisah titik koma.", tuple(MARKETS), width=22),
    Column("export_ready", "Siap ekspor", "export.ready", "boolean", "true atau false (bukan ya/tidak).", ("true", "false"), width=10),
    Column("export_countries", "Negara tujuan ekspor", "export.countries", "list", "Kode negara ISO 2 huruf tempat produk sudah dijual, mis. MY; SA. " + LIST_NOTE),
    *_slots("photos", PHOTO_SLOTS, (
        ("photo", "Foto", "file", "nama file", "file", "text", "Nama file foto di folder --photos, mis. kemasan.jpg (JPEG, PNG, WebP atau HEIC; sisi terpendek ≥ 800 piksel). Foto 1 wajib.", (), 18),
        ("photo", "Foto", "alt", "keterangan (alt)", "alt.id", "text", "Wajib untuk setiap foto: apa yang terlihat, untuk pembaca yang tidak bisa melihat foto.", (), 30),
        ("photo", "Foto", "alt_en", "keterangan (alt, Inggris)", "alt.en", "text", "Keterangan foto dalam bahasa Inggris.", (), 24),
        ("photo", "Foto", "caption", "teks di bawah foto", "caption.id", "text", "Teks yang tampil di bawah foto (boleh kosong).", (), 20),
    )),
    Column("contact", "Nama kontak", "contact.name", "text", "Wajib. Orang yang dihubungi pembeli.", width=22),
    Column("contact_role", "Jabatan kontak", "contact.role", "text", "Mis. Bendahara.", width=14),
    Column("whatsapp", "Nomor WhatsApp", "contact.whatsapp", "phone", "Wajib. Nomor Indonesia, mis. 0811-5000-123. " + AS_TEXT, width=16),
    Column("email", "E-mail", "contact.email", "text", "Alamat e-mail koperasi.", width=24),
    Column("links", "Tautan toko/media sosial", "contact.links", "list", "Alamat https:// toko daring atau media sosial. " + LIST_NOTE, width=30),
    *_slots("needs", NEED_SLOTS, (
        ("need", "Kebutuhan", "category", "kategori", "category", "choice", "Kategori yang dicari koperasi dari pesantren lain, pilih dari daftar.", tuple(CATEGORIES), 14),
        ("need", "Kebutuhan", "text", "apa yang dicari", "text.id", "text", "Apa yang dicari, mis. Gula aren 100 kg per bulan.", (), 30),
    )),
    Column("needs", "Kebutuhan (gabungan)", "needs", "needs", "Semua kebutuhan dalam satu sel, seperti di catalogue.csv: kategori: teks; dipisah titik koma.", in_template=False),
    Column("updated", "Tanggal diperiksa", "updated", "date", "Wajib. Tanggal data ini terakhir diperiksa (tanggal, mis. 2024-10-03); tidak boleh di masa depan.", width=13),
    # Published in catalogue.csv but made by the build: accepted and ignored on import.
    Column("url", "url", "", "ignore", "Alamat halaman produk (dibuat oleh situs).", in_template=False),
    Column("photo", "photo", "", "ignore", "Alamat foto pertama di situs; fotonya sendiri tidak ikut CSV.", in_template=False),
)

BY_PATH = {c.path: c for c in COLUMNS if c.path and not c.group}


def column_for(path: str) -> Column | None:
    """The column that fills product field `path` ("price.min", "name", "certifications[0].type")."""
    bare = re.sub(r"\[\d+\]", "", path)
    group = bare.split(".", 1)[0]
    if group in ("certifications", "photos", "needs") and "." in bare:
        sub = bare.split(".", 1)[1]
        return next((c for c in COLUMNS if c.group == group and (c.path == sub or c.path.startswith(sub + "."))), None)
    return BY_PATH.get(bare) or next((c for c in COLUMNS if not c.group and c.path.startswith(bare + ".")), None) or next(
        (c for c in COLUMNS if c.group == bare), None)


# --- problems ------------------------------------------------------------------------------

MESSAGES_SHEET: dict[str, tuple[str, str]] = {
    # the file and its header row
    "sheet_unreadable": ("berkas tidak bisa dibaca sebagai {kind}: {detail} (perbaiki: simpan ulang dari Excel atau LibreOffice sebagai .xlsx atau CSV UTF-8)", "the file cannot be read as {kind}: {detail} (fix: save it again from Excel or LibreOffice as .xlsx or UTF-8 CSV)"),
    "csv_encoding": ("diharapkan CSV UTF-8, ditemukan byte {byte} (perbaiki: simpan sebagai \"CSV UTF-8\"; di LibreOffice pilih set karakter Unicode (UTF-8))", "expected UTF-8 CSV, found byte {byte} (fix: save as \"CSV UTF-8\"; in LibreOffice choose the Unicode (UTF-8) character set)"),
    "no_header": ("diharapkan judul kolom di baris 1, ditemukan {found} (perbaiki: salin baris judul dari templat `python build.py template`)", "expected column headers in row 1, found {found} (fix: copy the header row of the template `python build.py template`)"),
    "unknown_column_suggest": ("kolom ini tidak dikenal (perbaiki: maksudnya \"{suggestion}\"?)", "unknown column (fix: did you mean \"{suggestion}\"?)"),
    "unknown_column": ("kolom ini tidak dikenal (perbaiki: gunakan judul dari templat atau nama kolom catalogue.csv)", "unknown column (fix: use a header of the template or a column name of catalogue.csv)"),
    "duplicate_column": ("kolom ini sama dengan kolom {first} (perbaiki: hapus salah satunya)", "this column is the same as column {first} (fix: remove one of them)"),
    "untitled_column": ("diharapkan judul kolom, ditemukan sel berisi di kolom tanpa judul (perbaiki: beri judul dari templat atau hapus isinya)", "expected a column header, found a filled cell in a column without one (fix: give it a header from the template or clear it)"),
    "marker": ("diharapkan kosong atau CONTOH, ditemukan \"{found}\" (perbaiki: kosongkan sel ini di baris produk)", "expected empty or CONTOH, found \"{found}\" (fix: leave this cell empty on product rows)"),
    # cells whose type the spreadsheet guessed
    "number_rounded": ("diharapkan {expected} sebagai teks, ditemukan angka {found} yang mungkin sudah dibulatkan (perbaiki: format kolom sebagai Teks lalu ketik ulang nomor lengkapnya)", "expected {expected} as text, found the number {found}, which may have been rounded (fix: format the column as Text and type the full number again)"),
    "number_short": ("diharapkan {expected}, ditemukan angka {found}: angka 0 di depan hilang karena sel berformat angka (perbaiki: format kolom sebagai Teks lalu ketik ulang nomornya)", "expected {expected}, found the number {found}: the leading 0 was lost because the cell is a number (fix: format the column as Text and type the number again)"),
    "phone_number": ("diharapkan nomor WhatsApp sebagai teks, ditemukan angka {found} yang bisa berarti {first} atau {second} (perbaiki: format kolom sebagai Teks lalu ketik nomornya lengkap)", "expected the WhatsApp number as text, found the number {found}, which can mean {first} or {second} (fix: format the column as Text and type the full number)"),
    "hs_number": ("diharapkan kode HS sebagai teks, ditemukan angka {found}: angka 0 di depan atau di belakang titik bisa hilang (perbaiki: format kolom sebagai Teks lalu ketik ulang, mis. 0901.21)", "expected the HS code as text, found the number {found}: zeros before or after the dot can be lost (fix: format the column as Text and type it again, e.g. 0901.21)"),
    "not_whole": ("diharapkan bilangan bulat, ditemukan {found} (perbaiki: tulis tanpa pecahan, mis. {suggestion})", "expected a whole number, found {found} (fix: write it without a fraction, e.g. {suggestion})"),
    "date_in_cell": ("diharapkan {expected}, ditemukan tanggal {found}: spreadsheet mengubah isi sel menjadi tanggal (perbaiki: format kolom sebagai Teks lalu ketik ulang)", "expected {expected}, found the date {found}: the spreadsheet turned the cell into a date (fix: format the column as Text and type it again)"),
    "date_implausible": ("diharapkan tanggal antara 1990 dan 2100, ditemukan {found}: angka {serial} di sel berformat tanggal? (perbaiki: tulis tanggal YYYY-MM-DD, mis. 2024-10-03)", "expected a date between 1990 and 2100, found {found}: the number {serial} in a date-formatted cell? (fix: write the date as YYYY-MM-DD, e.g. 2024-10-03)"),
    "date_number": ("diharapkan tanggal, ditemukan angka {found} (perbaiki: tulis tanggal YYYY-MM-DD, mis. 2024-10-03, atau format sel sebagai tanggal)", "expected a date, found the number {found} (fix: write the date as YYYY-MM-DD, e.g. 2024-10-03, or format the cell as a date)"),
    "cell_type": ("diharapkan {expected}, ditemukan {found}", "expected {expected}, found {found}"),
    "cert_item": ("diharapkan sertifikat jenis:nomor atau jenis:nomor (s.d. YYYY-MM-DD), dipisah titik koma, ditemukan \"{found}\" (perbaiki: mis. halal:ID63110000123450824 (s.d. 2028-08-01); pirt:2016303010123-29)", "expected certificates as type:number or type:number (s.d. YYYY-MM-DD), separated by semicolons, found \"{found}\" (fix: e.g. halal:ID63110000123450824 (s.d. 2028-08-01); pirt:2016303010123-29)"),
    "need_item": ("diharapkan kebutuhan kategori: teks, dipisah titik koma, ditemukan \"{found}\" (perbaiki: mis. pertanian: Gula aren 100 kg per bulan)", "expected needs as category: text, separated by semicolons, found \"{found}\" (fix: e.g. pertanian: Palm sugar, 100 kg a month)"),
    # rows and their products
    "cell_required": ("wajib diisi, sel kosong (perbaiki: isi sel ini)", "required, the cell is empty (fix: fill it in)"),
    "column_required": ("wajib diisi, kolom \"{header}\" tidak ada di lembar ini (perbaiki: tambahkan kolom itu dari templat)", "required, the sheet has no column \"{header}\" (fix: add that column from the template)"),
    "photos_required": ("wajib: paling sedikit satu foto, lembar ini tidak punya kolom foto (perbaiki: tambahkan kolom \"Foto 1: nama file\" dan \"Foto 1: keterangan (alt)\" lalu jalankan dengan --photos FOLDER; catalogue.csv hanya membawa alamat foto, bukan fotonya)", "required: at least one photo, and the sheet has no photo columns (fix: add the columns \"Foto 1: nama file\" and \"Foto 1: keterangan (alt)\" and run with --photos FOLDER; catalogue.csv carries photo addresses only, not the photos)"),
    "photo_no_folder": ("foto \"{found}\" perlu folder sumber (perbaiki: jalankan dengan --photos FOLDER yang berisi foto ini)", "photo \"{found}\" needs a source folder (fix: run with --photos FOLDER holding this photo)"),
    "photo_not_found": ("foto \"{found}\" tidak ada di {folder} (perbaiki: periksa nama filenya; huruf besar/kecil dibedakan)", "photo \"{found}\" is not in {folder} (fix: check the file name; case matters)"),
    "photo_not_found_suggest": ("foto \"{found}\" tidak ada di {folder} (perbaiki: maksudnya \"{suggestion}\"? huruf besar/kecil dibedakan)", "photo \"{found}\" is not in {folder} (fix: did you mean \"{suggestion}\"? case matters)"),
    "photo_bad_path": ("diharapkan nama file di dalam folder --photos, ditemukan \"{found}\" (perbaiki: tulis nama filenya saja, mis. kemasan.jpg)", "expected a file name inside the --photos folder, found \"{found}\" (fix: write the file name only, e.g. kemasan.jpg)"),
    "photo_not_regular": ("diharapkan file foto biasa, ditemukan tautan simbolik atau bukan file: \"{found}\" (perbaiki: salin foto aslinya ke folder --photos)", "expected a regular photo file, found a symbolic link or not a file: \"{found}\" (fix: copy the real photo into the --photos folder)"),
    "slug_none": ("nama folder tidak bisa dibuat dari nama produk (perbaiki: isi kolom \"Slug (nama folder)\", mis. kopi-liberika-pengaron)", "cannot make a folder name from the product name (fix: fill in the column \"Slug (nama folder)\", e.g. kopi-liberika-pengaron)"),
    "slug_taken": ("nama folder \"{slug}\" sudah dipakai {other} (perbaiki: isi kolom \"Slug (nama folder)\" dengan nama lain)", "the folder name \"{slug}\" is already used by {other} (fix: fill in the column \"Slug (nama folder)\" with another name)"),
    "row_duplicate": ("produk yang sama ({slug}) sudah ada di baris {first} (perbaiki: satu baris per produk; hapus salah satunya)", "the same product ({slug}) is already on row {first} (fix: one row per product; remove one of them)"),
    "exists": ("produk {file} sudah ada dan berbeda di: {fields} (perbaiki: jalankan dengan --update untuk mengubahnya)", "product {file} already exists and differs in: {fields} (fix: run with --update to change it)"),
    "existing_unreadable": ("{file} tidak bisa dibaca, jadi tidak bisa diubah (perbaiki: jalankan `python build.py validate` dan perbaiki file itu dulu)", "{file} cannot be read, so it cannot be changed (fix: run `python build.py validate` and fix that file first)"),
}

COLUMN_WORD = {"id": "kolom", "en": "column"}


class _Missing(dict):
    def __missing__(self, key):
        return "?"


def render_message(code: str, params: dict, lang: str = "id") -> str:
    """The text of a spreadsheet or validator message code."""
    texts = MESSAGES_SHEET.get(code) or MESSAGES.get(code)
    if texts is None:
        return f"{code} {params}"
    return string.Formatter().vformat(texts[1] if lang == "en" else texts[0], (), _Missing(params))


@dataclass(frozen=True, order=True)
class CellProblem:
    """A problem in one cell: `where` is `book!Sheet!C14` (`book!C14` for a CSV); `header` the
    column as the sheet names it, or "" when the problem has no column (then `field`, the
    product field, is shown instead)."""

    row: int
    col: int
    where: str
    header: str
    field: str
    code: str
    params: tuple[tuple[str, Any], ...] = ()
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self, lang: str = "id") -> str:
        """`dinas.xlsx!Produk!C14: galat: kolom "Harga": diharapkan …, ditemukan … (perbaiki: …)`."""
        label = f'{COLUMN_WORD.get(lang, "kolom")} "{self.header}": ' if self.header else f"{self.field}: " if self.field else ""
        return f"{self.where}: {severity_label(self.severity, lang)}: {label}{render_message(self.code, dict(self.params), lang)}"


class CellInvalid(Exception):
    """A cell its column's reader cannot turn into text without guessing."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


class SheetUnreadable(Exception):
    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


# --- readers: a cell value (str, int, float, bool, datetime from openpyxl; str from a CSV) → text --

SCIENTIFIC = re.compile(r"[+-]?\d+([.,]\d+)?[eE][+-]?\d+")
# Excel keeps 15 significant digits; its General format shows a long number as 8.12E+12
# (about 6 significant digits), and a CSV saved from that view keeps only those.
EXACT_DIGITS, SHOWN_DIGITS = 15, 6
# Serial numbers of plausible dates (1990-01-01 … 2100-12-31): a product's dates are recent
# or a few years ahead; a number outside (e.g. the year 2024) is not taken for a date.
SERIAL_RANGE = (32874, 73415)


def _digits(value: float | int) -> str:
    """A number as written without a type: 35000.0 → "35000", 35000.5 → "35000.5"."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        value = int(value)
    return str(value) if isinstance(value, int) else repr(value)


def _number(value: float | int) -> str:
    """A number as a message shows it, with the spreadsheet's view of a rounded one:
    8120000000000 (8.12E+12)."""
    text = _digits(value)
    if text.isdigit() and len(text) >= 10 and len(text.rstrip("0")) <= SHOWN_DIGITS:
        text += f" ({int(text):.{SHOWN_DIGITS}G})"
    return text


def _day(value: date | datetime) -> str:
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def _reject_odd(value: Any, column: Column, expected: str) -> None:
    """Dates and booleans where a column expects neither."""
    if isinstance(value, (datetime, date)):
        raise CellInvalid("date_in_cell", expected=expected, found=_day(value))
    if isinstance(value, (time, timedelta)):
        raise CellInvalid("cell_type", expected=expected, found=f"jam {value}")
    if isinstance(value, bool):
        raise CellInvalid("cell_type", expected=expected, found="TRUE" if value else "FALSE")


def read_text(value: Any, column: Column, epoch: datetime) -> str:
    """Any text; a number as it reads (an address "12"); a date here is Excel's guess ("1/2")."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    _reject_odd(value, column, "teks")
    if isinstance(value, (int, float)):
        return _digits(value)
    return value.replace("\r\n", "\n").strip()


def read_integer(value: Any, column: Column, epoch: datetime) -> str:
    """35000 or 35000.0 → "35000"; "35.000" is left for the validator's rupiah hint."""
    _reject_odd(value, column, "angka")
    if isinstance(value, float):
        if not value.is_integer():
            raise CellInvalid("not_whole", found=repr(value), suggestion=round(value))
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    text = value.strip()
    whole = re.fullmatch(r"(\d+)\.0", text)  # a float written out by another program
    return whole.group(1) if whole else text


def read_decimal(value: Any, column: Column, epoch: datetime) -> str:
    _reject_odd(value, column, "angka desimal")
    if isinstance(value, (int, float)):
        return str(value) if isinstance(value, int) else repr(value)
    return value.strip()


def read_date(value: Any, column: Column, epoch: datetime) -> str:
    """A date cell, a date-time (its day) or a serial number of a plausible date → YYYY-MM-DD.
    A date cell far from today is a number typed into a date-formatted cell (2024 → 1905-07-16)."""
    if isinstance(value, (datetime, date)):
        serial = to_excel(value, epoch)
        if not SERIAL_RANGE[0] <= serial <= SERIAL_RANGE[1]:
            raise CellInvalid("date_implausible", found=_day(value), serial=_digits(serial))
        return _day(value)
    if isinstance(value, bool) or isinstance(value, (time, timedelta)):
        raise CellInvalid("cell_type", expected="tanggal", found=str(value))
    if isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            return text  # the validator names what it expected
        value = float(text)
    if not SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
        raise CellInvalid("date_number", found=_number(value))
    return _day(from_excel(value, epoch))


def _indonesian(text: str) -> bool:
    try:
        number = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException:
        return False
    return number.country_code == 62 and phonenumbers.is_valid_number(number)


def read_phone(value: Any, column: Column, epoch: datetime) -> str:
    """A number that lost its leading 0 (81150000001) or + (6281150000001) is taken back when
    exactly one of the two readings is a valid Indonesian number, reported when both are, and
    left as it is (for the validator to reject) when neither is."""
    _reject_odd(value, column, "nomor WhatsApp")
    if isinstance(value, float) or (isinstance(value, str) and SCIENTIFIC.fullmatch(value.strip())):
        raise CellInvalid("number_rounded", expected="nomor WhatsApp", found=_number(value) if isinstance(value, float) else value.strip())
    text = str(value).strip()
    if not re.fullmatch(r"[1-9]\d{6,}", text):
        return text
    readings = [reading for reading in ("0" + text, "+" + text) if _indonesian(reading)]
    if len(readings) == 2:
        raise CellInvalid("phone_number", found=text, first=readings[0], second=readings[1])
    return readings[0] if readings else text


def read_code(value: Any, column: Column, epoch: datetime) -> str:
    """Identifiers (NIB, NSPP, certificate numbers): a whole number is kept only when no digit
    can have been lost: at most 15 digits (Excel's precision), not a rounded 8.12E+12 shape,
    and as many digits as the column needs."""
    expected = f"{column.length} angka" if column.length else "nomor"
    _reject_odd(value, column, expected)
    if isinstance(value, str):
        text = value.strip()
        if SCIENTIFIC.fullmatch(text):
            raise CellInvalid("number_rounded", expected=expected, found=text)
        return text
    if isinstance(value, float):
        raise CellInvalid("number_rounded", expected=expected, found=_number(value))
    text = str(value)
    if len(text) > EXACT_DIGITS or (len(text) >= 10 and len(text.rstrip("0")) <= SHOWN_DIGITS):
        raise CellInvalid("number_rounded", expected=expected, found=_number(value))
    if column.length and len(text) < column.length:
        raise CellInvalid("number_short", expected=expected, found=text)
    return text


def read_hs(value: Any, column: Column, epoch: datetime) -> str:
    """An HS code as a number keeps its digits only when whole with 4, 6, 8 or 10 of them (a
    lost leading 0 leaves an odd count; 0901.20 as a number is 901.2)."""
    _reject_odd(value, column, "kode HS")
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and len(str(value)) in (4, 6, 8, 10):
        return str(value)
    raise CellInvalid("hs_number", found=_number(value))


def read_regency(value: Any, column: Column, epoch: datetime) -> str:
    """63.03 as text or number; a number drops a trailing 0 (63.10 → 63.1), and since every
    code has two decimals the only reading of 63.1 is 63.10."""
    _reject_odd(value, column, "kode kabupaten/kota")
    text = _digits(value) if isinstance(value, (int, float)) else value.strip()
    if re.fullmatch(r"\d{2}\.\d", text) and f"{text}0" in REGENCIES:
        return f"{text}0"
    return text


def read_choice(value: Any, column: Column, epoch: datetime) -> str:
    text = read_text(value, column, epoch)
    return text.lower() if text not in column.choices and text.lower() in column.choices else text


def read_boolean(value: Any, column: Column, epoch: datetime) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = read_text(value, column, epoch)
    return text.lower() if text.lower() in ("true", "false") else text


def read_list(value: Any, column: Column, epoch: datetime) -> list[str]:
    """Items separated by semicolons or line breaks."""
    items = [item.strip() for item in re.split(r"[;\n]", read_text(value, column, epoch))]
    return [item.lower() if item.lower() in column.choices else item for item in items if item]


def read_certifications(value: Any, column: Column, epoch: datetime) -> list[dict]:
    """`halal:ID… (s.d. 2028-08-01); pirt:2016303010123-29`, as catalogue.csv writes them."""
    out = []
    for item in filter(None, (part.strip() for part in read_text(value, column, epoch).split(";"))):
        match = re.fullmatch(r"([^:\s]+)\s*:\s*(.+?)(?:\s*\(\s*(?:s\.d\.|until)\s*([^)]*)\))?", item)
        if not match:
            raise CellInvalid("cert_item", found=item)
        cert = {"type": match.group(1).lower(), "number": match.group(2)}
        if match.group(3):
            cert["valid_until"] = match.group(3).strip()
        out.append(cert)
    return out


def read_needs(value: Any, column: Column, epoch: datetime) -> list[dict]:
    """`pertanian: Gula aren; kerajinan: Keranjang purun`; an item starts at a category code, so a
    semicolon inside a need's text does not split it."""
    text = read_text(value, column, epoch)
    pattern = "|".join(re.escape(code) for code in CATEGORIES)
    out = []
    for item in filter(None, (part.strip() for part in re.split(rf";\s*(?=(?:{pattern})\s*:)", text))):
        match = re.fullmatch(r"([^:\s]+)\s*:\s*(.+)", item, re.DOTALL)
        if not match:
            raise CellInvalid("need_item", found=item)
        out.append({"category": match.group(1).lower(), "text": {"id": match.group(2).strip()}})
    return out


READERS = {
    "text": read_text, "lines": read_text, "slug": read_text, "marker": read_text, "ignore": read_text,
    "integer": read_integer, "decimal": read_decimal, "date": read_date, "phone": read_phone,
    "digits": read_code, "code": read_code, "hs": read_hs, "regency": read_regency,
    "choice": read_choice, "boolean": read_boolean, "list": read_list,
    "certifications": read_certifications, "needs": read_needs,
}


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- sheets ----------------------------------------------------------------------------------


@dataclass
class Sheet:
    """The cells of one sheet: row 1 holds the headers."""

    book: str  # the file as the user named it
    name: str | None  # the sheet's name; None for a CSV
    rows: list[list[Any]]  # rows[0] is row 1
    epoch: datetime = CALENDAR_WINDOWS_1900

    def where(self, row: int, col: int) -> str:
        cell = f"{get_column_letter(max(col, 1))}{row}"
        return f"{self.book}!{self.name}!{cell}" if self.name else f"{self.book}!{cell}"


SHEET_NAME = "Produk"


def read_xlsx(path: Path, book: str) -> Sheet:
    """The sheet named Produk, else the first; cached values of formulas."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise SheetUnreadable("sheet_unreadable", kind="Excel .xlsx", detail=type(exc).__name__) from None
    sheet = workbook[SHEET_NAME] if SHEET_NAME in workbook.sheetnames else workbook.worksheets[0]
    return Sheet(book, sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)], workbook.epoch)


def read_csv(path: Path, book: str) -> Sheet:
    """UTF-8 with or without a BOM (or UTF-16 with one, Excel's "Unicode text"); comma,
    semicolon (LibreOffice and Excel in Indonesian settings) or tab separated."""
    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SheetUnreadable("csv_encoding", byte=f"0x{data[exc.start]:02X}") from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = [[cell if cell != "" else None for cell in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return Sheet(book, None, rows)


def read_sheet(path: Path, book: str) -> Sheet:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path, book)
    return read_csv(path, book)


# --- headers and rows ------------------------------------------------------------------------


def _name(text: Any) -> str:
    return " ".join(str(text).split()).casefold()


NAMES = {**{_name(c.key): c for c in COLUMNS}, **{_name(c.header): c for c in COLUMNS}}


def match_columns(sheet: Sheet) -> tuple[dict[int, Column], list[CellProblem]]:
    """Column number (1-based) → Column for every header in row 1, and the header problems."""
    header = sheet.rows[0] if sheet.rows else []
    found: dict[int, Column] = {}
    first: dict[str, int] = {}
    problems = []

    def problem(col, text, code, **params):
        problems.append(CellProblem(1, col, sheet.where(1, col), text, "", code, tuple(sorted(params.items()))))

    for col, cell in enumerate(header, start=1):
        if blank(cell):
            filled = next((r for r, row in enumerate(sheet.rows[1:], start=2) if col <= len(row) and not blank(row[col - 1])), None)
            if filled:
                problems.append(CellProblem(filled, col, sheet.where(filled, col), "", "", "untitled_column"))
            continue
        text = " ".join(str(cell).split())
        column = NAMES.get(_name(cell))
        if column is None:
            close = difflib.get_close_matches(_name(cell), list(NAMES), n=1, cutoff=0.6)
            if close:
                problem(col, text, "unknown_column_suggest", suggestion=NAMES[close[0]].header)
            else:
                problem(col, text, "unknown_column")
        elif column.key in first:
            problem(col, text, "duplicate_column", first=get_column_letter(first[column.key]))
        else:
            first[column.key] = col
            found[col] = column
    if not found:
        shown = ", ".join(f'"{c}"' for c in header[:3] if not blank(c)) or "baris kosong"
        problems = [CellProblem(1, 1, sheet.where(1, 1), "", "", "no_header", (("found", shown),))]
    return found, problems


@dataclass
class Row:
    """What one row says. `values` maps each product field a column of this sheet fills to its
    text (a list for lists, None for an empty cell); `cells` maps product field paths (list
    items too, `certifications[1].number`, and parents, `price`) to the column they came from."""

    number: int
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, int] = field(default_factory=dict)
    problems: list[CellProblem] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)  # fields whose cell was reported already
    photo_names: dict[int, str] = field(default_factory=dict)  # photo index → name as typed
    example: bool = False
    empty: bool = False

    def cell_of(self, path: str) -> int | None:
        """The column of `path` or of its nearest parent that has one."""
        while path:
            if path in self.cells:
                return self.cells[path]
            path = path[: max(path.rfind("."), path.rfind("["), 0)]
        return None


@dataclass
class _Cell:
    column: Column
    col: int
    value: Any
    unreadable: bool


def header_text(sheet: Sheet, col: int) -> str:
    """The header of column `col` as the sheet writes it."""
    header = sheet.rows[0] if sheet.rows else []
    return " ".join(str(header[col - 1]).split()) if col <= len(header) and not blank(header[col - 1]) else ""


def read_row(sheet: Sheet, number: int, columns: dict[int, Column]) -> Row:
    """Row `number` (1-based) read with every column's reader; a cell that cannot be read is a
    problem, and its field stays out of `values`."""
    raw_cells = sheet.rows[number - 1]
    row = Row(number, empty=all(blank(c) for c in raw_cells))
    if row.empty:
        return row
    read: list[_Cell] = []
    for col, column in columns.items():
        raw = raw_cells[col - 1] if col <= len(raw_cells) else None
        value, unreadable = None, False
        if not blank(raw) and column.read != "ignore":
            try:
                value = READERS[column.read](raw, column, sheet.epoch)
            except CellInvalid as exc:
                row.problems.append(CellProblem(number, col, sheet.where(number, col), header_text(sheet, col), "", exc.code, tuple(sorted(exc.params.items()))))
                unreadable = True
        read.append(_Cell(column, col, value, unreadable))
    for cell in read:
        if cell.column.read == "marker" and cell.value:
            if cell.value.upper() in EXAMPLE_MARKS:
                row.example = True
            else:
                row.problems.append(CellProblem(number, cell.col, sheet.where(number, cell.col), header_text(sheet, cell.col), "", "marker", (("found", cell.value),)))
        elif cell.column.path and not cell.column.group and cell.column.path not in LIST_GROUPS:
            row.values[cell.column.path] = cell.value
            row.cells[cell.column.path] = cell.col
            if cell.unreadable:
                row.unreadable.add(cell.column.path)
    for group in LIST_GROUPS:
        _gather_list(row, group, [c for c in read if c.column.group == group or c.column.path == group])
    for path, col in sorted(row.cells.items(), key=lambda item: item[1]):
        for parent in _parents(path):
            row.cells.setdefault(parent, col)
    return row


LIST_GROUPS = ("certifications", "photos", "needs")


def _parents(path: str) -> list[str]:
    return [path[:i] for i, ch in enumerate(path) if ch in ".["]


def _gather_list(row: Row, group: str, cells: list[_Cell]) -> None:
    """Numbered columns (Sertifikat 1, 2 …) then the one-cell list (catalogue.csv's
    `certifications`) → `values[group]`. Empty slots are skipped, so items are numbered as the
    product file will number them (and as the validator names them)."""
    if not cells:
        return
    items: list[dict] = []
    for slot in sorted({c.column.slot for c in cells if c.column.group}):
        entries = [c for c in cells if c.column.slot == slot and c.column.group]
        if all(c.value is None and not c.unreadable for c in entries):
            continue
        index, item = len(items), {}
        for cell in entries:
            where = f"{group}[{index}].{cell.column.path}"
            row.cells[where] = cell.col
            if cell.unreadable:
                row.unreadable.add(where)
            elif cell.value is not None:
                _put(item, cell.column.path, cell.value)
                if cell.column.path == "file":
                    row.photo_names[index] = cell.value
        row.cells[f"{group}[{index}]"] = entries[0].col
        items.append(item)
    for cell in (c for c in cells if not c.column.group):
        for offset in range(len(cell.value or ())):
            row.cells[f"{group}[{len(items) + offset}]"] = cell.col
        items += cell.value or []
        if cell.unreadable:
            row.unreadable.add(group)
    row.cells[group] = min(c.col for c in cells)
    row.values[group] = items or None


def _put(target: dict, dotted: str, value: Any) -> None:
    keys = dotted.split(".")
    for key in keys[:-1]:
        target = target.setdefault(key, {})
    target[keys[-1]] = value
