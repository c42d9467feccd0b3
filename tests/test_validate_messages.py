"""Every problem in a product file is findable by the person who typed it.

One corpus per class of mistake, each row the exact message: invisible and control
characters, text-direction controls, folder and file names, blank values, YAML syntax, long
closed lists (countries) and links written with character references. Rows change one thing
in tests/test_validate.py's BASE, the file a careful secretary writes.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from catalogue.products.load import check_characters, check_tabs, parse_yaml
from catalogue.products.problems import Problems
from catalogue.products.schema import suggest_countries
from catalogue.products.validate import check_catalogue
from tests.helpers import write_photo
from tests.test_validate import BASE, TODAY, P, run_check


def changed(change) -> str:
    old, new = change
    assert old in BASE, old
    return BASE.replace(old, new, 1)


# --- invisible and control characters ----------------------------------------------------------

DELETE_IT = "(perbaiki: hapus karakter ini, mis. dengan menghapus lalu mengetik ulang kata di sekitarnya; biasanya terbawa dari salinan PDF atau WhatsApp)"


def control(line: int, col: int, char: str) -> str:
    return f"{P}:{line}:{col}: galat: diharapkan teks biasa, ditemukan karakter kendali tak terlihat {char} {DELETE_IT}"


CONTROL = [
    ("bell in a name", ("Kopi Liberika Pengaron", "Kopi Liberika\x07 Pengaron"),
     [f"{P}:3:20: galat: diharapkan teks biasa, ditemukan karakter kendali tak terlihat U+0007 (BELL) (perbaiki: hapus karakter ini, mis. dengan menghapus lalu mengetik ulang kata di sekitarnya; biasanya terbawa dari salinan PDF atau WhatsApp)"]),
    ("nul and escape on one line", ("Kopi Liberika Pengaron", "Kopi\x00 Liberika\x1b Pengaron"),
     [control(3, 11, "U+0000 (NULL)"), control(3, 21, "U+001B (ESCAPE)")]),
    ("backspace in a key", ("category: minuman", "cate\x08gory: minuman"), [control(10, 5, "U+0008 (BACKSPACE)")]),
    ("form feed in a comment", ("# yaml-language-server", "#\x0c yaml-language-server"), [control(1, 2, "U+000C (FORM FEED)")]),
    ("delete", ("  address: Jl. Contoh", "  address: Jl.\x7f Contoh"), [control(15, 15, "U+007F (DELETE)")]),
    ("C1 control without a name", ("Kopontren Darul Ilmi", "Kopontren\x9d Darul Ilmi"), [control(17, 18, "U+009D")]),
    ("next line, a YAML line break", ("Kopontren Darul Ilmi", "Kopontren\x85Darul Ilmi"), [control(17, 18, "U+0085 (NEXT LINE)")]),
    ("line separator, a YAML line break", ("Kopontren Darul Ilmi", "Kopontren\u2028Darul Ilmi"), [control(17, 18, "U+2028 (LINE SEPARATOR)")]),
    ("after a line that ends in CR LF", (BASE, BASE.replace("\n", "\r\n").replace("Kopontren Darul", "Kopontren\x01 Darul")),
     [control(17, 18, "U+0001 (START OF HEADING)")]),
    ("with tab indentation, both reported", ("  name: Kopontren Darul Ilmi", "\tname: Kopontren\x07 Darul Ilmi"),
     [f"{P}:17:1: galat: diharapkan indentasi dengan spasi, ditemukan karakter tab (perbaiki: ganti tab dengan 2 spasi)", control(17, 17, "U+0007 (BELL)")]),
    ("written as an escape in double quotes", ("summary: Kopi liberika sangrai dari kebun santri.", 'summary: "Kopi \\a liberika"'),
     [f"{P}:5:10: galat: summary: diharapkan teks biasa, ditemukan karakter kendali tak terlihat U+0007 (BELL) di nilai ini (perbaiki: hapus karakter itu; di dalam tanda kutip ganda, `\\` diikuti huruf adalah kode karakter: tulis `\\\\` untuk garis miring terbalik atau pakai tanda kutip tunggal)"]),
]


@pytest.mark.parametrize("change,expected", [c[1:] for c in CONTROL], ids=[c[0] for c in CONTROL])
def test_control_characters_at_their_place(tmp_path, change, expected):
    text = change[1] if change[0] == BASE else changed(change)
    assert run_check(tmp_path, text) == expected


@pytest.mark.parametrize("change", [("Kopontren Darul Ilmi", "Kopontren\tDarul Ilmi"), ('"0811-5000-0001"', '"0811-5000-0001\t"')], ids=["plain", "quoted"])
def test_a_tab_inside_a_value_is_fine(tmp_path, change):
    assert run_check(tmp_path, changed(change)) == []


def test_a_file_full_of_control_characters_names_the_first_ones(tmp_path):
    lines = run_check(tmp_path, changed(("Kopi Liberika Pengaron", "Kopi" + "\x02" * 25)))
    assert lines == [control(3, 11 + n, "U+0002 (START OF TEXT)") for n in range(20)] + [
        f"{P}:3:31: galat: diharapkan teks biasa, ditemukan 5 karakter kendali tak terlihat lagi mulai di sini (perbaiki: salin ulang teksnya dari sumber lain atau ketik ulang bagian ini)"
    ]


def test_control_character_in_english(tmp_path):
    assert run_check(tmp_path, changed(("Kopi Liberika Pengaron", "Kopi Liberika\x07 Pengaron")), lang="en") == [
        f"{P}:3:20: error: expected plain text, found the invisible control character U+0007 (BELL) (fix: delete it, e.g. by deleting and retyping the words around it; it usually comes along when copying from a PDF or WhatsApp)"
    ]


# --- text-direction controls ------------------------------------------------------------------

REVERSES = "(perbaiki: hapus karakter ini, mis. dengan menghapus lalu mengetik ulang kata di sekitarnya; karakter ini membalik urutan huruf yang dilihat pembeli)"

BIDI_NAMES = {
    "\u202a": "U+202A (LEFT-TO-RIGHT EMBEDDING)",
    "\u202b": "U+202B (RIGHT-TO-LEFT EMBEDDING)",
    "\u202c": "U+202C (POP DIRECTIONAL FORMATTING)",
    "\u202d": "U+202D (LEFT-TO-RIGHT OVERRIDE)",
    "\u202e": "U+202E (RIGHT-TO-LEFT OVERRIDE)",
    "\u2066": "U+2066 (LEFT-TO-RIGHT ISOLATE)",
    "\u2067": "U+2067 (RIGHT-TO-LEFT ISOLATE)",
    "\u2068": "U+2068 (FIRST STRONG ISOLATE)",
    "\u2069": "U+2069 (POP DIRECTIONAL ISOLATE)",
}


@pytest.mark.parametrize("char", sorted(BIDI_NAMES), ids=[BIDI_NAMES[c][:6] for c in sorted(BIDI_NAMES)])
def test_every_direction_control_is_refused(tmp_path, char):
    lines = run_check(tmp_path, changed(("Kopi Liberika Pengaron", f"Kopi {char}Liberika Pengaron")))
    assert lines == [f"{P}:3:12: galat: name.id: diharapkan teks tanpa karakter pengatur arah tulisan, ditemukan {BIDI_NAMES[char]} {REVERSES}"]


BIDI = [
    ("override in a name", ("Kopi Liberika Pengaron", "Kopi \u202eLiberika Pengaron"),
     f"{P}:3:12: galat: name.id: diharapkan teks tanpa karakter pengatur arah tulisan, ditemukan U+202E (RIGHT-TO-LEFT OVERRIDE) (perbaiki: hapus karakter ini, mis. dengan menghapus lalu mengetik ulang kata di sekitarnya; karakter ini membalik urutan huruf yang dilihat pembeli)"),
    ("isolate on the second line of a description", ("- Berat bersih 250 g", "- Berat \u2066bersih\u2069 250 g"),
     f"{P}:9:13: galat: description.id: diharapkan teks tanpa karakter pengatur arah tulisan, ditemukan U+2066 (LEFT-TO-RIGHT ISOLATE) {REVERSES}"),
    ("escape in double quotes: the value's start", ("summary: Kopi liberika sangrai dari kebun santri.", 'summary: "Kopi \\u202Bliberika"'),
     f"{P}:5:10: galat: summary: diharapkan teks tanpa karakter pengatur arah tulisan, ditemukan U+202B (RIGHT-TO-LEFT EMBEDDING) {REVERSES}"),
    ("in a choice", ("category: minuman", "category: minu\u202eman"),
     f"{P}:10:15: galat: category: diharapkan teks tanpa karakter pengatur arah tulisan, ditemukan U+202E (RIGHT-TO-LEFT OVERRIDE) {REVERSES}"),
    ("in a tag", ("tags: [kopi, liberika]", "tags: [kopi, \u202dliberika]"),
     f"{P}:11:14: galat: tags[1]: diharapkan teks tanpa karakter pengatur arah tulisan, ditemukan U+202D (LEFT-TO-RIGHT OVERRIDE) {REVERSES}"),
    ("in a photo's English alt text", ("en: A 250 g pack", "en: A 250 g\u2067 pack"),
     f"{P}:31:58: galat: photos[0].alt.en: diharapkan teks tanpa karakter pengatur arah tulisan, ditemukan U+2067 (RIGHT-TO-LEFT ISOLATE) {REVERSES}"),
    ("in a phone number", ('"0811-5000-0001"', '"0811-5000-\u202e1000"'),
     f"{P}:34:24: galat: contact.whatsapp: diharapkan teks tanpa karakter pengatur arah tulisan, ditemukan U+202E (RIGHT-TO-LEFT OVERRIDE) {REVERSES}"),
]


@pytest.mark.parametrize("change,expected", [c[1:] for c in BIDI], ids=[c[0] for c in BIDI])
def test_direction_controls_in_every_text_field(tmp_path, change, expected):
    assert run_check(tmp_path, changed(change)) == [expected]


def test_direction_marks_and_joiners_stay_allowed(tmp_path):
    """Arabic needs RLM/ALM, mixed text LRM, emoji and Arabic shaping the joiners."""
    text = changed(("  en: Pengaron Liberica Coffee", "  en: Pengaron Liberica Coffee\u200e\n  ar: قهوة\u200f ليبيريكا\u061c بنغارون \u200c👩\u200d🌾"))
    assert run_check(tmp_path, text) == []


def test_direction_control_in_english(tmp_path):
    assert run_check(tmp_path, changed(("Kopi Liberika Pengaron", "Kopi \u202eLiberika Pengaron")), lang="en") == [
        f"{P}:3:12: error: name.id: expected text without direction-override characters, found U+202E (RIGHT-TO-LEFT OVERRIDE) (fix: delete it, e.g. by deleting and retyping the words around it; it reverses the order of the letters a buyer sees)"
    ]


# --- folder and file names, as they are -------------------------------------------------------


def check_files(tmp_path: Path, slug: str, files: dict[str, str | None], lang: str = "id") -> list[str]:
    """products/<slug>/ with `files` (text, or None for a photo), checked from `tmp_path`."""
    folder = tmp_path / "products" / slug
    folder.mkdir(parents=True)
    for name, text in files.items():
        if text is None:
            write_photo(folder / name)
        else:
            (folder / name).write_text(text, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        return [p.format(lang) for p in check_catalogue(Path("products"), today=TODAY).problems]
    finally:
        os.chdir(cwd)


SLUG_FIX = "(perbaiki: ganti nama folder, mis. kopi-liberika-pengaron)"

NAMES = [
    ("zero-width space in a folder name", "abon\u200b-haruan", {"product.yml": BASE, "kemasan.jpg": None},
     ['products/abon\\u200b-haruan:0:0: galat: diharapkan nama folder 3–60 huruf kecil a-z, angka dan tanda hubung tunggal, ditemukan "abon\\u200b-haruan" (perbaiki: ganti nama folder, mis. kopi-liberika-pengaron)']),
    ("no-break space in a folder name", "abon\u00a0haruan", {"product.yml": BASE, "kemasan.jpg": None},
     [f'products/abon\\u00a0haruan:0:0: galat: diharapkan nama folder 3–60 huruf kecil a-z, angka dan tanda hubung tunggal, ditemukan "abon\\u00a0haruan" {SLUG_FIX}']),
    ("override in a folder name", "abon\u202enaruah", {"product.yml": BASE, "kemasan.jpg": None},
     [f'products/abon\\u202enaruah:0:0: galat: diharapkan nama folder 3–60 huruf kecil a-z, angka dan tanda hubung tunggal, ditemukan "abon\\u202enaruah" {SLUG_FIX}']),
    ("capital P", "kopi", {"Product.yml": BASE, "kemasan.jpg": None},
     ['products/kopi/Product.yml:0:0: galat: diharapkan file bernama product.yml, ditemukan "Product.yml" (perbaiki: ganti nama file "Product.yml" menjadi product.yml)']),
    (".yaml", "kopi", {"product.yaml": BASE, "kemasan.jpg": None},
     ['products/kopi/product.yaml:0:0: galat: diharapkan file bernama product.yml, ditemukan "product.yaml" (perbaiki: ganti nama file "product.yaml" menjadi product.yml)']),
    ("capitals everywhere", "kopi", {"PRODUCT.YML": BASE},
     ['products/kopi/PRODUCT.YML:0:0: galat: diharapkan file bernama product.yml, ditemukan "PRODUCT.YML" (perbaiki: ganti nama file "PRODUCT.YML" menjadi product.yml)']),
    ("saved as text", "kopi", {"product.yml.txt": BASE, "kemasan.jpg": None},
     ['products/kopi/product.yml.txt:0:0: galat: diharapkan file bernama product.yml, ditemukan "product.yml.txt" (perbaiki: ganti nama file "product.yml.txt" menjadi product.yml)']),
    ("a second download", "kopi", {"product (1).yml": BASE},
     ['products/kopi/product (1).yml:0:0: galat: diharapkan file bernama product.yml, ditemukan "product (1).yml" (perbaiki: ganti nama file "product (1).yml" menjadi product.yml)']),
    ("in Indonesian", "kopi", {"produk.yml": BASE},
     ['products/kopi/produk.yml:0:0: galat: diharapkan file bernama product.yml, ditemukan "produk.yml" (perbaiki: ganti nama file "produk.yml" menjadi product.yml)']),
    ("a typo", "kopi", {"prodcut.yml": BASE},
     ['products/kopi/prodcut.yml:0:0: galat: diharapkan file bernama product.yml, ditemukan "prodcut.yml" (perbaiki: ganti nama file "prodcut.yml" menjadi product.yml)']),
    ("a zero-width space in it", "kopi", {"product\u200b.yml": BASE},
     ['products/kopi/product\\u200b.yml:0:0: galat: diharapkan file bernama product.yml, ditemukan "product\\u200b.yml" (perbaiki: ganti nama file "product\\u200b.yml" menjadi product.yml)']),
    ("photos only", "kopi", {"kemasan.jpg": None},
     ["products/kopi/product.yml:0:0: galat: diharapkan file product.yml di folder kopi, tidak ditemukan (perbaiki: tambahkan product.yml ke folder ini: salin contoh dari products/ atau jalankan `python build.py new`)"]),
    ("a second product file", "kopi", {"product.yml": BASE, "product.yaml": BASE, "kemasan.jpg": None},
     ['products/kopi/product.yaml:0:0: galat: diharapkan satu file produk, product.yml, ditemukan juga "product.yaml" (perbaiki: salin isi yang masih diperlukan dari "product.yaml" ke product.yml, lalu hapus "product.yaml")']),
    ("a stray file with a zero-width space", "kopi", {"product.yml": BASE, "kemasan.jpg": None, "foto\u200b.jpg": None},
     ['products/kopi/foto\\u200b.jpg:0:0: galat: file "foto\\u200b.jpg" tidak disebut di product.yml (perbaiki: cantumkan di `photos:` atau hapus file ini)']),
    ("a photo named with a zero-width space", "kopi", {"product.yml": BASE.replace("file: kemasan.jpg", "file: kemasan\u200b.jpg"), "kemasan.jpg": None},
     ['products/kopi/kemasan.jpg:0:0: galat: file "kemasan.jpg" tidak disebut di product.yml (perbaiki: cantumkan di `photos:` atau hapus file ini)',
      f'{P}:30:11: galat: photos[0].file: file "kemasan\\u200b.jpg" tidak ada di folder ini (perbaiki: maksudnya "kemasan.jpg"? huruf besar/kecil dibedakan)']),
]


@pytest.mark.parametrize("slug,files,expected", [c[1:] for c in NAMES], ids=[c[0] for c in NAMES])
def test_names_shown_as_they_are(tmp_path, slug, files, expected):
    assert check_files(tmp_path, slug, files) == expected


def test_misnamed_product_file_in_english(tmp_path):
    assert check_files(tmp_path, "kopi", {"Product.yml": BASE}, lang="en") == [
        'products/kopi/Product.yml:0:0: error: expected a file named product.yml, found "Product.yml" (fix: rename "Product.yml" to product.yml)'
    ]


def test_missing_product_file_never_suggests_deleting(tmp_path):
    (line,) = check_files(tmp_path, "kopi", {"kemasan.jpg": None}, lang="en")
    assert line == "products/kopi/product.yml:0:0: error: expected a product.yml file in folder kopi, not found (fix: add product.yml to this folder: copy an example from products/ or run `python build.py new`)"
    assert "delete" not in line and "remove" not in line


# --- blank values --------------------------------------------------------------------------------

SAME_LINE = "(perbaiki: tulis nilainya di baris yang sama, sesudah titik dua dan satu spasi)"

BLANK = [
    ("category", ("category: minuman", "category:"),
     f"{P}:10:1: galat: category: wajib diisi, ditemukan nilai kosong sesudah `category:` (perbaiki: tulis nilainya di baris yang sama, sesudah titik dua dan satu spasi)"),
    ("category with a comment", ("category: minuman", "category:    # isi nanti"),
     f"{P}:10:1: galat: category: wajib diisi, ditemukan nilai kosong sesudah `category:` {SAME_LINE}"),
    ("nested", ('  regency: "63.03"', "  regency:"),
     f"{P}:14:3: galat: pesantren.regency: wajib diisi, ditemukan nilai kosong sesudah `regency:` {SAME_LINE}"),
    ("a text", ("name:\n  id: Kopi Liberika Pengaron\n  en: Pengaron Liberica Coffee", "name:"),
     f"{P}:2:1: galat: name: wajib diisi, ditemukan nilai kosong sesudah `name:` {SAME_LINE}"),
    ("a mapping", ('pesantren:\n  name: Pondok Pesantren Darul Ilmi (contoh)\n  regency: "63.03"\n  address: Jl. Contoh No. 1, Pengaron\n', "pesantren:\n"),
     f"{P}:12:1: galat: pesantren: wajib diisi, ditemukan nilai kosong sesudah `pesantren:` (perbaiki: tulis isinya di baris-baris berikutnya, menjorok 2 spasi lebih dalam dari `pesantren:`)"),
    ("a list", ("markets: [regional, national]", "markets:"),
     f"{P}:27:1: galat: markets: wajib diisi, ditemukan nilai kosong sesudah `markets:` (perbaiki: tulis isinya di baris-baris berikutnya, menjorok 2 spasi lebih dalam dari `markets:`)"),
    ("recommended", ("  legal_entity: AHU-0001234.AH.01.26.TAHUN 2024", "  legal_entity:"),
     f"{P}:18:3: peringatan: cooperative.legal_entity: sebaiknya diisi, ditemukan nilai kosong sesudah `legal_entity:` (perbaiki: isi nilainya agar pembeli lebih percaya, atau hapus baris ini)"),
]


@pytest.mark.parametrize("change,expected", [c[1:] for c in BLANK], ids=[c[0] for c in BLANK])
def test_blank_value_at_its_key(tmp_path, change, expected):
    assert run_check(tmp_path, changed(change)) == [expected]


def test_blank_optional_value_counts_as_absent(tmp_path):
    assert run_check(tmp_path, changed(("tags: [kopi, liberika]", "tags:"))) == []


def test_blank_value_in_english(tmp_path):
    assert run_check(tmp_path, changed(("category: minuman", "category:")), lang="en") == [
        f"{P}:10:1: error: category: required, found an empty value after `category:` (fix: write the value on the same line, after the colon and a space)"
    ]


# --- YAML syntax ---------------------------------------------------------------------------------

QUOTE_IT = "(perbaiki: apit nilainya dengan tanda kutip, mis."

SYNTAX = [
    ("unclosed double quote, closed by a later one", ("summary: Kopi liberika sangrai dari kebun santri.", 'summary: "Kopi liberika sangrai dari kebun santri.'),
     f'{P}:5:10: galat: diharapkan tanda kutip penutup `"`, ditemukan tanda kutip pembuka di sini yang tidak ditutup (perbaiki: tambahkan `"` di akhir nilai ini; bila nilainya sendiri memuat `"`, apit dengan jenis tanda kutip yang lain) [did not find expected key]'),
    ("unclosed single quote, to the end of the file", ("updated: 2024-10-03", "updated: '2024-10-03"),
     f"{P}:35:10: galat: diharapkan tanda kutip penutup `'`, ditemukan tanda kutip pembuka di sini yang tidak ditutup (perbaiki: tambahkan `'` di akhir nilai ini; bila nilainya sendiri memuat `'`, apit dengan jenis tanda kutip yang lain) [found unexpected end of stream]"),
    ("missing colon", ("category: minuman", "category minuman"),
     f"{P}:10:1: galat: diharapkan `kunci: nilai`, ditemukan baris tanpa titik dua: `category minuman` (perbaiki: tulis titik dua dan spasi sesudah nama kunci, mis. `category: minuman`; bila baris ini lanjutan teks di atasnya, gabungkan ke baris itu) [could not find expected ':']"),
    ("no space after the colon", ("category: minuman", "category:minuman"),
     f"{P}:10:10: galat: diharapkan spasi sesudah titik dua, ditemukan `category:minuman` (perbaiki: tulis `category: minuman`) [could not find expected ':']"),
    ("no space after the colon in a list, found a line later", ("  - file: kemasan.jpg", "  - file:kemasan.jpg"),
     f"{P}:30:10: galat: diharapkan spasi sesudah titik dua, ditemukan `file:kemasan.jpg` (perbaiki: tulis `file: kemasan.jpg`) [mapping values are not allowed in this context]"),
    ("colon in an unquoted value", ("summary: Kopi liberika sangrai dari kebun santri.", "summary: Kopi liberika: sangrai dari kebun santri."),
     f'{P}:5:23: galat: diharapkan nilai tanpa titik dua dan spasi (`: `) bila tidak diapit tanda kutip, ditemukan titik dua di tengah nilai {QUOTE_IT} `summary: "Kopi liberika: sangrai dari kebun santri."`) [mapping values are not allowed in this context]'),
    ("key indented too little", ('  regency: "63.03"', ' regency: "63.03"'),
     f"{P}:14:2: galat: diharapkan baris ini sejajar dengan baris lain di tingkat yang sama, ditemukan `regency` di kolom 2, sedangkan di baris 13 isinya mulai di kolom 3 (perbaiki: samakan jumlah spasi di depan baris ini dengan kunci lain di tingkat yang sama; setiap tingkat menjorok 2 spasi) [did not find expected key]"),
    ("key indented too much", ("    alt: {id: Kemasan", "     alt: {id: Kemasan"),
     f"{P}:31:6: galat: diharapkan baris ini sejajar dengan baris lain di tingkat yang sama, ditemukan `alt` di kolom 6, sedangkan di baris 30 isinya mulai di kolom 5 (perbaiki: samakan jumlah spasi di depan baris ini dengan kunci lain di tingkat yang sama; setiap tingkat menjorok 2 spasi) [mapping values are not allowed in this context]"),
    ("first key indented", ("# yaml-language-server: $schema=../../catalogue/schema/product.schema.json\nname:", "  name:"),
     f"{P}:1:3: galat: diharapkan kunci tingkat teratas mulai di kolom 1, ditemukan `name` di kolom 3 (perbaiki: hapus spasi di depan baris ini) [did not find expected <document start>]"),
    ("list entry among keys", ("category: minuman", "category: minuman\n- makanan"),
     f"{P}:11:1: galat: diharapkan `kunci: nilai`, ditemukan isi daftar `- ` di tempat yang tidak boleh (perbaiki: tulis isi daftar di baris sendiri di bawah kuncinya, menjorok 2 spasi, mis. `tags:` lalu `  - kopi`; bila `-` bagian dari teks, apit nilainya dengan tanda kutip) [did not find expected key]"),
    ("dash after a key", ("category: minuman", "category: - minuman"),
     f"{P}:10:11: galat: diharapkan `kunci: nilai`, ditemukan isi daftar `- ` di tempat yang tidak boleh (perbaiki: tulis isi daftar di baris sendiri di bawah kuncinya, menjorok 2 spasi, mis. `tags:` lalu `  - kopi`; bila `-` bagian dari teks, apit nilainya dengan tanda kutip) [block sequence entries are not allowed in this context]"),
    ("text after the closing quote", ('  regency: "63.03"', '  regency: "63.03" Banjar'),
     f"{P}:14:20: galat: diharapkan nilai berakhir di tanda kutip penutup, ditemukan teks lagi sesudahnya: `Banjar` (perbaiki: apit seluruh nilai dengan tanda kutip, mis. `regency: '\"63.03\" Banjar'`) [did not find expected key]"),
    ("apostrophe inside single quotes", ("  name: Kopontren Darul Ilmi", "  name: 'Kopontren Jum'at Berkah'"),
     f"{P}:17:24: galat: diharapkan nilai berakhir di tanda kutip penutup, ditemukan teks lagi sesudahnya: `at Berkah'` (perbaiki: apit seluruh nilai dengan tanda kutip, mis. `name: \"Kopontren Jum'at Berkah\"`) [did not find expected key]"),
    ("unclosed bracket", ("tags: [kopi, liberika]", "tags: [kopi, liberika"),
     f"{P}:11:7: galat: diharapkan `]` untuk menutup `[` ini, ditemukan `[` yang tidak ditutup di baris yang sama (perbaiki: tambahkan `]` sesudah isi terakhir, mis. `tags: [kopi, liberika]`; isi yang memuat koma atau titik dua diapit tanda kutip) [did not find expected ',' or ']']"),
    ("unclosed brace", ("  unit: {id: bungkus 250 g, en: 250 g pack}", "  unit: {id: bungkus 250 g, en: 250 g pack"),
     f"{P}:21:9: galat: diharapkan `}}` untuk menutup `{{` ini, ditemukan `{{` yang tidak ditutup di baris yang sama (perbaiki: tambahkan `}}` sesudah isi terakhir, mis. `unit: {{id: bungkus 250 g, en: 250 g pack}}`; isi yang memuat koma atau titik dua diapit tanda kutip) [did not find expected ',' or '}}']"),
    ("unclosed bracket on the last line", ("updated: 2024-10-03", "updated: [2024-10-03"),
     f"{P}:35:10: galat: diharapkan `]` untuk menutup `[` ini, ditemukan `[` yang tidak ditutup di baris yang sama (perbaiki: tambahkan `]` sesudah isi terakhir, mis. `updated: [2024-10-03]`; isi yang memuat koma atau titik dua diapit tanda kutip) [did not find expected ',' or ']']"),
    ("no comma between entries", ("tags: [kopi, liberika]", 'tags: [kopi, "liberika" x]'),
     f"{P}:11:25: galat: diharapkan `,` atau `]`, ditemukan `x]` (perbaiki: pisahkan isi dengan koma; isi yang memuat tanda kutip, koma atau titik dua diapit tanda kutip) [did not find expected ',' or ']']"),
    ("double comma", ("tags: [kopi, liberika]", "tags: [kopi,, liberika]"),
     f"{P}:11:13: galat: diharapkan sebuah nilai, ditemukan `, liberika]` (perbaiki: bila itu bagian dari teks, apit seluruh nilai dengan tanda kutip; di dalam [ … ] tulis satu nilai di antara dua koma) [did not find expected node content]"),
    ("stray closing bracket", ("category: minuman", "category: ]"),
     f"{P}:10:11: galat: diharapkan sebuah nilai, ditemukan `]` (perbaiki: bila itu bagian dari teks, apit seluruh nilai dengan tanda kutip; di dalam [ … ] tulis satu nilai di antara dua koma) [did not find expected node content]"),
    ("at sign", ("category: minuman", "category: @minuman"),
     f'{P}:10:11: galat: diharapkan teks biasa, ditemukan "@" di awal nilai tanpa tanda kutip, yang tidak dibolehkan YAML {QUOTE_IT} `category: "@minuman"`) [found character that cannot start any token]'),
    ("percent inside a line", ("category: minuman", "category: %minuman"),
     f'{P}:10:11: galat: diharapkan teks biasa, ditemukan "%" di awal nilai tanpa tanda kutip, yang tidak dibolehkan YAML {QUOTE_IT} `category: "%minuman"`) [found character that cannot start any token]'),
    ("tab after a dash", ("  - file: kemasan.jpg", "  -\tfile: kemasan.jpg"),
     f"{P}:30:4: galat: diharapkan spasi, ditemukan karakter tab di tempat yang tidak boleh (perbaiki: ganti tab dengan spasi) [found character that cannot start any token]"),
    ("unknown escape", ("  address: Jl. Contoh No. 1, Pengaron", '  address: "Jl. Contoh\\d1"'),
     f"{P}:15:23: galat: diharapkan kode garis miring terbalik yang dikenal di dalam tanda kutip ganda, ditemukan `\\d` (perbaiki: tulis `\\\\` untuk garis miring terbalik, atau pakai tanda kutip tunggal, mis. `address: 'Jl. Contoh\\d1'`) [found unknown escape character]"),
    ("star and a space", ("category: minuman", "category: * minuman"),
     f'{P}:10:11: galat: diharapkan teks biasa, ditemukan nilai tanpa tanda kutip yang diawali `*`, tanda anchor atau alias YAML {QUOTE_IT} `category: "* minuman"`) [did not find expected alphabetic or numeric character]'),
    ("ampersand and a space", ("  name: Kopontren Darul Ilmi", "  name: & Co"),
     f'{P}:17:9: galat: diharapkan teks biasa, ditemukan nilai tanpa tanda kutip yang diawali `&`, tanda anchor atau alias YAML {QUOTE_IT} `name: "& Co"`) [did not find expected alphabetic or numeric character]'),
    ("text after a block indicator", ("description:\n  id: |", "description:\n  id: | Biji"),
     f"{P}:7:9: galat: diharapkan baris baru sesudah `|`, ditemukan `Biji` di baris yang sama (perbaiki: pindahkan teks ke baris berikutnya, menjorok 2 spasi lebih dalam dari kuncinya; bila `|` bagian dari teks, apit nilainya dengan tanda kutip) [did not find expected comment or line break]"),
    ("undefined tag handle", ("category: minuman", "category: !x!y minuman"),
     f'{P}:10:11: galat: diharapkan teks biasa, ditemukan nilai tanpa tanda kutip yang diawali `!`, tanda tag YAML {QUOTE_IT} `category: "!x!y minuman"`) [found undefined tag handle]'),
    ("percent at the start of a line", ("category: minuman", "%category: minuman"),
     f"{P}:10:1: galat: diharapkan `kunci: nilai`, ditemukan baris yang diawali `%`: `%category: minuman` (perbaiki: hapus baris ini, atau bila `%` bagian dari teks, tulis teks itu sebagai nilai dalam tanda kutip) [found unexpected non-alphabetical character]"),
    ("text after the document end", ("updated: 2024-10-03\n", "updated: 2024-10-03\n...\nlagi\n"),
     f"{P}:37:1: galat: diharapkan akhir file sesudah `...` di baris 36, ditemukan `lagi` (perbaiki: hapus baris `...`) [did not find expected <document start>]"),
]


@pytest.mark.parametrize("change,expected", [c[1:] for c in SYNTAX], ids=[c[0] for c in SYNTAX])
def test_syntax_error_explained_where_its_cause_is(tmp_path, change, expected):
    assert run_check(tmp_path, changed(change)) == [expected]


def test_syntax_errors_in_english(tmp_path):
    assert run_check(tmp_path, changed(("summary: Kopi liberika sangrai dari kebun santri.", 'summary: "Kopi liberika sangrai')), lang="en") == [
        f'{P}:5:10: error: expected a closing quote `"`, found an opening quote here that is never closed (fix: add `"` at the end of this value; if the value itself contains `"`, put the other kind of quotes around it) [did not find expected key]'
    ]
    assert run_check(tmp_path, changed(("category: minuman", "category:minuman")), lang="en") == [
        f"{P}:10:10: error: expected a space after the colon, found `category:minuman` (fix: write `category: minuman`) [could not find expected ':']"
    ]


def test_no_syntax_error_at_line_0_or_without_a_fix():
    """Mangled copies of BASE: every problem has its line and column, every syntax message
    says what to do, and none is libyaml's English alone."""
    rng = random.Random(14)
    marks = list(":'\"[]{}-,#&*!|>%@`?\\") + [": ", "- ", "  ", "\n  ", "\t", "...", "\x07"]
    seen = 0
    for _ in range(400):
        text = BASE
        for _ in range(rng.randrange(1, 4)):
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(marks) + text[at + rng.randrange(0, 3) :]
        problems = Problems()
        if check_characters(text, P, problems) & check_tabs(text, P, problems):
            parse_yaml(text, P, problems)
        for problem in problems.items:
            seen += problem.code == "yaml_syntax"
            assert problem.line >= 1 and problem.col >= 1, (text, problem)
            assert "(perbaiki: " in problem.format() and "(fix: " in problem.format("en"), problem
    assert seen > 100


# --- long closed lists: the nearest values, not all 250 -----------------------------------------

COUNTRY = "diharapkan kode negara ISO 3166-1 dua huruf"

COUNTRIES = [
    ("UK", f'{P}:28:40: galat: export.countries[1]: diharapkan kode negara ISO 3166-1 dua huruf, ditemukan "UK" (perbaiki: maksudnya GB (Inggris Raya)?)'),
    ("EL", f'{P}:28:40: galat: export.countries[1]: {COUNTRY}, ditemukan "EL" (perbaiki: maksudnya GR (Yunani)?)'),
    ("my", f'{P}:28:40: galat: export.countries[1]: {COUNTRY}, ditemukan "my" (perbaiki: maksudnya MY (Malaysia)?)'),
    ("Malaysia", f'{P}:28:40: galat: export.countries[1]: {COUNTRY}, ditemukan "Malaysia" (perbaiki: maksudnya MY (Malaysia)?)'),
    ("Britania Raya", f'{P}:28:40: galat: export.countries[1]: {COUNTRY}, ditemukan "Britania Raya" (perbaiki: maksudnya GB (Inggris Raya)?)'),
    ("United Kingdom", f'{P}:28:40: galat: export.countries[1]: {COUNTRY}, ditemukan "United Kingdom" (perbaiki: maksudnya GB (Inggris Raya)?)'),
    ("Arab Saudi", f'{P}:28:40: galat: export.countries[1]: {COUNTRY}, ditemukan "Arab Saudi" (perbaiki: maksudnya SA (Arab Saudi)?)'),
    ("SGP", f'{P}:28:40: galat: export.countries[1]: {COUNTRY}, ditemukan "SGP" (perbaiki: maksudnya SG (Singapura)?)'),
    ("Malasya", f'{P}:28:40: galat: export.countries[1]: {COUNTRY}, ditemukan "Malasya" (perbaiki: maksudnya MY (Malaysia)?)'),
    ("Australi", f'{P}:28:40: galat: export.countries[1]: {COUNTRY}, ditemukan "Australi" (perbaiki: maksudnya AU (Australia) atau AT (Austria)?)'),
    ("XX", f'{P}:28:40: galat: export.countries[1]: {COUNTRY}, ditemukan "XX" (perbaiki: tulis kode dua huruf besar, mis. MY untuk Malaysia, SG untuk Singapura, SA untuk Arab Saudi)'),
]


@pytest.mark.parametrize("typed,expected", COUNTRIES, ids=[c[0] for c in COUNTRIES])
def test_unknown_country_gets_the_nearest_codes(tmp_path, typed, expected):
    assert run_check(tmp_path, changed(("countries: [MY]", f"countries: [MY, {typed}]"))) == [expected]


def test_country_suggestion_in_english(tmp_path):
    assert run_check(tmp_path, changed(("countries: [MY]", "countries: [MY, UK]")), lang="en") == [
        f'{P}:28:40: error: export.countries[1]: expected a two-letter ISO 3166-1 country code, found "UK" (fix: did you mean GB (United Kingdom)?)'
    ]


@pytest.mark.parametrize(
    "typed,codes",
    [("UK", ["GB"]), ("EL", ["GR"]), ("my", ["MY"]), ("M.Y.", ["MY"]), ("Malaysia", ["MY"]), ("malaysia", ["MY"]),
     ("Britania Raya", ["GB"]), ("United Kingdom", ["GB"]), ("Inggris", ["GB"]), ("MYS", ["MY"]), ("KSA", ["SA"]),
     ("Saudi", ["SA"]), ("Tiongkok", ["CN"]), ("Singapur", ["SG"]), ("Turkey", ["TR"]), ("XX", []), ("Q", [])],
)
def test_suggest_countries(typed, codes):
    assert suggest_countries(typed) == codes


# --- links written with character references ---------------------------------------------------

LINK_FIX = "(perbaiki: tulis alamat lengkap https://…)"

LINKS = [
    ("decimal reference, on its own line", ("- Berat bersih 250 g", "- Berat bersih 250 g\n    - [klik](&#106;avascript:alert(1))"),
     [f'{P}:10:14: galat: description.id: diharapkan tautan http://, https:// atau mailto:, ditemukan "&#106;avascript:alert(1)" (perbaiki: tulis alamat lengkap https://…)']),
    ("hexadecimal reference in a paragraph", ("- Berat bersih 250 g", "- Berat bersih 250 g\n\n    Pesan di [sini](java&#x73;cript:alert(document.cookie)) ya."),
     [f'{P}:11:21: galat: description.id: diharapkan tautan http://, https:// atau mailto:, ditemukan "java&#x73;cript:alert(document.cookie)" {LINK_FIX}']),
    ("two links, each at its line", ("- Berat bersih 250 g", "- [a](&#x64;ata:text/html,x)\n    - [b](vbscript&#58;x)"),
     [f'{P}:9:11: galat: description.id: diharapkan tautan http://, https:// atau mailto:, ditemukan "&#x64;ata:text/html,x" {LINK_FIX}',
      f'{P}:10:11: galat: description.id: diharapkan tautan http://, https:// atau mailto:, ditemukan "vbscript&#58;x" {LINK_FIX}']),
    ("a reference that reads as https", ("- Berat bersih 250 g", "- [toko](&#x68;ttps://toko.example.org)"), []),
]


@pytest.mark.parametrize("change,expected", [c[1:] for c in LINKS], ids=[c[0] for c in LINKS])
def test_links_cited_as_written_where_written(tmp_path, change, expected):
    assert run_check(tmp_path, changed(change)) == expected
