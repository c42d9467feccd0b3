"""`build.py template`: the Excel template a Dinas office fills, one row per product.

Sheet "Produk": the Indonesian headers of `spreadsheet.COLUMNS` (each with a comment saying what
goes in it), an example row marked CONTOH that import skips, dropdowns for every closed list,
and the columns that hold numbers-as-text (WhatsApp, NIB, NSPP, HS code, certificate numbers)
formatted as Text, so Excel never turns 0811… into 811…. Sheet "Kode": the code lists the
dropdowns read from, with their names.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from catalogue.locales import t
from catalogue.products.spreadsheet import COLUMNS, MARKET_CHOICES, SHEET_NAME, Column
from catalogue.products.taxonomy import CAPACITY_PERIODS, CATEGORIES, CERTIFICATION_TYPES, MARKETS, REGENCIES

CODES_SHEET = "Kode"
ROWS = 1000  # rows the dropdowns and formats reach; a province has a few hundred pesantren
TEXT_FORMAT, DATE_FORMAT = "@", "yyyy-mm-dd"


def author() -> str:
    return t("id", "site.name")  # the active province's: "Katalog OPOP Kalsel"


def code_lists() -> tuple:
    """(title, codes, Indonesian names) of each list on the Kode sheet, two columns apart; the
    regencies are the active province's (catalogue/region.py)."""
    return (
        ("Kategori", list(CATEGORIES), [label.id for label in CATEGORIES.values()]),
        ("Kabupaten/kota", list(REGENCIES), [label.id for label in REGENCIES.values()]),
        ("Pasar", list(MARKET_CHOICES), [" + ".join(MARKETS[m].id for m in c.split("; ")) for c in MARKET_CHOICES]),
        ("Jenis sertifikat", list(CERTIFICATION_TYPES), [label.id for label in CERTIFICATION_TYPES.values()]),
        ("Kapasitas per", list(CAPACITY_PERIODS), [label.id for label in CAPACITY_PERIODS.values()]),
        ("Siap ekspor", ["true", "false"], ["ya", "tidak"]),
    )


# Which list each dropdown column takes, by the field it fills ("category" is also a need's).
LIST_OF = {"category": "Kategori", "pesantren.regency": "Kabupaten/kota", "markets": "Pasar", "type": "Jenis sertifikat",
           "capacity.per": "Kapasitas per", "export.ready": "Siap ekspor"}

EXAMPLE = {
    "example": "CONTOH", "slug": "kopi-liberika-pengaron",
    "name_id": "Kopi Liberika Pengaron", "name_en": "Pengaron Liberica Coffee",
    "summary_id": "Kopi liberika sangrai dari kebun santri di lereng Pengaron.",
    "summary_en": "Roasted Liberica coffee grown by students on the slopes of Pengaron.",
    "description_id": "Biji kopi liberika dipetik merah, dijemur, lalu disangrai sedang.\n- Berat bersih 250 g\n- Tersedia biji utuh dan bubuk",
    "category": "minuman", "tags": "kopi; liberika",
    "pesantren": "Pondok Pesantren Darul Ilmi (contoh)", "regency": "63.03", "address": "Jl. Contoh No. 1, Kabupaten Banjar",
    "cooperative": "Kopontren Darul Ilmi", "legal_entity": "AHU-0001234.AH.01.26.TAHUN 2024",
    "price_min": 35000, "price_unit": "bungkus 250 g", "price_unit_en": "250 g pack",
    "min_order": 20, "min_order_unit": "bungkus", "min_order_unit_en": "packs",
    "capacity": 1500, "capacity_unit": "bungkus", "capacity_unit_en": "packs", "capacity_per": "month",
    "cert_1_type": "halal", "cert_1_number": "ID63110000123450824", "cert_1_valid_until": date(2028, 8, 1),
    "cert_2_type": "pirt", "cert_2_number": "2016303010123-29",
    "markets": "regional; national",
    "photo_1_file": "kemasan.jpg", "photo_1_alt": "Kemasan kopi liberika 250 gram", "photo_1_alt_en": "A 250 g pack of Liberica coffee",
    "contact": "Ustadz Ahmad (contoh)", "contact_role": "Bendahara", "whatsapp": "0811-5000-0001",
    "need_1_category": "kerajinan", "need_1_text": "Kemasan anyaman purun untuk paket hadiah",
    "updated": date(2024, 10, 3),
}


def example_row() -> dict:
    """EXAMPLE in the active province: its third regency (Kabupaten Banjar in Kalimantan Selatan)."""
    code = list(REGENCIES)[min(2, len(REGENCIES) - 1)]
    return {**EXAMPLE, "regency": code, "address": f"Jl. Contoh No. 1, {REGENCIES[code].id}"}


def template_columns() -> list[Column]:
    return [c for c in COLUMNS if c.in_template]


def _codes_sheet(workbook: Workbook) -> dict[str, str]:
    """Write the Kode sheet; the range formula of each list's codes, by title."""
    sheet = workbook.create_sheet(CODES_SHEET)
    ranges = {}
    for index, (title, codes, names) in enumerate(code_lists()):
        code_col, name_col = 3 * index + 1, 3 * index + 2
        sheet.cell(1, code_col, title).font = Font(bold=True)
        sheet.cell(1, name_col, "Nama").font = Font(bold=True)
        for row, (code, name) in enumerate(zip(codes, names), start=2):
            sheet.cell(row, code_col, code).number_format = TEXT_FORMAT
            sheet.cell(row, name_col, name)
        letter = get_column_letter(code_col)
        sheet.column_dimensions[letter].width = max(12, max(len(c) for c in codes) + 2)
        sheet.column_dimensions[get_column_letter(name_col)].width = max(len(n) for n in names) + 2
        ranges[title] = f"{CODES_SHEET}!${letter}$2:${letter}${len(codes) + 1}"
    return ranges


def _dropdown(sheet, formula: str, title: str, cells: str) -> None:
    validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                                errorTitle=title, error=f"Pilih dari daftar {title} (lembar {CODES_SHEET}).",
                                promptTitle=title, prompt=f"Pilih dari daftar (lembar {CODES_SHEET}).", showInputMessage=True)
    validation.add(cells)
    sheet.add_data_validation(validation)


def write_template(path: Path) -> Path:
    """Write the template to `path` (.xlsx)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    ranges = _codes_sheet(workbook)
    header_fill = PatternFill("solid", fgColor="DDEBDA")
    example_font = Font(italic=True, color="808080")
    for index, column in enumerate(template_columns(), start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(1, index, column.header)
        cell.font, cell.fill = Font(bold=True), header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        comment = Comment(f"{column.note}\n\nKunci: {column.key}", author())
        comment.width, comment.height = 300, 140
        cell.comment = comment
        sheet.column_dimensions[letter].width = column.width
        number_format = TEXT_FORMAT if column.read in ("digits", "code", "phone", "hs", "regency", "slug") else DATE_FORMAT if column.read == "date" else None
        example = example_row().get(column.key)
        target = sheet.cell(2, index, example)
        target.font = example_font
        if number_format:
            # Each cell, not only the column: LibreOffice ignores a column's default format.
            for row in range(2, ROWS + 2):
                sheet.cell(row, index).number_format = number_format
        listed = LIST_OF.get(column.path)
        if listed:
            _dropdown(sheet, ranges[listed], listed, f"{letter}2:{letter}{ROWS + 1}")
    sheet.freeze_panes = "D2"  # the marker, slug and product name stay in view
    sheet.row_dimensions[1].height = 45
    workbook.save(path)
    return path


def run_template(args) -> int:
    """`build.py template FILE.xlsx`: never overwrites (it may be a filled-in sheet)."""
    import sys

    path = Path(args.file)
    if path.suffix.lower() != ".xlsx":
        print(f"build.py template: {path}: expected a name ending in .xlsx", file=sys.stderr)
        return 2
    if path.exists():
        print(f"build.py template: {path} already exists; choose another name (it may hold filled-in rows)", file=sys.stderr)
        return 2
    write_template(path)
    print(f"wrote {path}")
    return 0
