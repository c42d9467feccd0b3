"""`build.py new`: write products/<slug>/product.yml from a commented template, then check it.

Gather, then write: every value (asked in Indonesian on a terminal, or given as flags) is
checked with the schema's own kinds before anything touches the disk, and an existing folder is
never overwritten. The template fills every required field with a value that passes, so the
only error left in a fresh file is the photo that has not been uploaded yet (unless `--photo`
copied one in). Lines the secretary still has to complete carry a `# GANTI` comment; the
command lists them after writing.

Exit codes (catalogue.cli): 0 written, 1 written but the new file has an unexpected error,
2 nothing written (a missing or invalid value, an existing folder, a rejected photo).
"""

from __future__ import annotations

import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from catalogue.clock import today
from catalogue.products.imageinfo import ImageRejected, inspect_image
from catalogue.products.load import Mapping, Scalar, read_product_file
from catalogue.products.messages import render
from catalogue.products.problems import Problems
from catalogue.products.schema import PRODUCT, SLUG_PATTERN, Invalid, Phone
from catalogue.locales import t
from catalogue.products.writer import modeline
from catalogue.products.taxonomy import CATEGORIES, MARKETS, REGENCIES
from catalogue.products.placeholders import placeholder_lines
from catalogue.products.validate import PRODUCT_FILE, check_catalogue, normalise_name, shown

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
PHOTO_NAME = "foto-1"  # + extension of the detected type
EXTENSIONS = {"jpeg": ".jpg", "png": ".png", "webp": ".webp", "heif": ".heic"}
EXPECTED_PHOTO_CODES = ("photo_missing", "photo_missing_suggest")
# The new file is full of `# GANTI` lines on purpose: the next steps list them.
EXPECTED_CODES = ("placeholder",)

WORDS = {
    "id": {
        "intro": "Membuat produk baru. Tekan Enter untuk menerima nilai dalam [kurung]. Ctrl+C untuk batal.",
        "ask_pesantren": "Nama pondok pesantren: ",
        "regency_list": "Kabupaten/kota:",
        "ask_regency": "Nomor atau kode kabupaten/kota (mis. 3 atau {example}): ",
        "ask_name": "Nama produk (bahasa Indonesia): ",
        "category_list": "Kategori:",
        "ask_category": "Nomor atau nama kategori (mis. 2 atau minuman): ",
        "ask_whatsapp": "Nomor WhatsApp pembeli menghubungi (mis. 0811-5000-123): ",
        "ask_slug": "Nama folder (alamat halaman /produk/<nama-folder>/) [{default}]: ",
        "missing": "belum diisi: {flags} (perbaiki: tambahkan opsi tersebut, atau jalankan tanpa --yes di terminal agar ditanya)",
        "invalid": "{flag}: {message}",
        "exists": "folder {folder} sudah ada; `new` tidak pernah menimpa produk (perbaiki: pilih --slug lain, atau sunting {file} langsung)",
        "twice": "pesantren \"{name}\" sudah punya produk di {file}; satu pesantren, satu produk unggulan (perbaiki: sunting file itu)",
        "photo_unreadable": "--photo: file \"{file}\" tidak bisa dibaca (perbaiki: periksa nama dan letak filenya)",
        "no_slug": "nama folder tidak bisa dibuat dari nama produk (perbaiki: beri --slug, mis. kopi-liberika-pengaron)",
        "eof": "masukan berakhir sebelum semua nilai terisi; tidak ada file yang ditulis",
        "written": "Dibuat: {file}",
        "photo_copied": "Foto disalin ke: {file}",
        "check": "Pemeriksaan file baru:",
        "check_clean": "Pemeriksaan file baru: tidak ada galat.",
        "next": "Langkah berikutnya:",
        "next_photo": "Unggah foto produk ke folder {folder} dengan nama {photo} (foto asli dari kamera, sisi terpendek paling sedikit 800 piksel), atau ganti nama di `photos:` sesuai nama file Anda.",
        "next_fill": "Lengkapi baris bertanda GANTI di {file}, lalu hapus tanda GANTI-nya: {lines}.",
        "next_optional": "Isi kolom pilihan yang relevan (hapus tanda # di depannya): sertifikat, pesanan minimum, kapasitas, terjemahan bahasa Inggris.",
        "next_validate": "Periksa lagi dengan: python build.py validate",
        "line": "baris {line} ({field})",
    },
    "en": {
        "intro": "Creating a new product. Press Enter to accept the value in [brackets]. Ctrl+C to cancel.",
        "ask_pesantren": "Name of the pondok pesantren: ",
        "regency_list": "Regency/city:",
        "ask_regency": "Number or code of the regency/city (e.g. 3 or {example}): ",
        "ask_name": "Product name (Indonesian): ",
        "category_list": "Category:",
        "ask_category": "Number or id of the category (e.g. 2 or minuman): ",
        "ask_whatsapp": "WhatsApp number for buyers (e.g. 0811-5000-123): ",
        "ask_slug": "Folder name (page address /produk/<folder>/) [{default}]: ",
        "missing": "missing: {flags} (fix: add those options, or run without --yes in a terminal to be asked)",
        "invalid": "{flag}: {message}",
        "exists": "folder {folder} already exists; `new` never overwrites a product (fix: choose another --slug, or edit {file} directly)",
        "twice": "pesantren \"{name}\" already has a product in {file}; one pesantren, one flagship product (fix: edit that file)",
        "photo_unreadable": "--photo: cannot read \"{file}\" (fix: check the file's name and place)",
        "no_slug": "cannot make a folder name from the product name (fix: give --slug, e.g. kopi-liberika-pengaron)",
        "eof": "input ended before every value was given; no file was written",
        "written": "Created: {file}",
        "photo_copied": "Photo copied to: {file}",
        "check": "Check of the new file:",
        "check_clean": "Check of the new file: no errors.",
        "next": "Next steps:",
        "next_photo": "Upload a product photo into {folder} named {photo} (an original camera photo, at least 800 pixels on the short side), or change the name under `photos:` to your file's name.",
        "next_fill": "Complete the lines marked GANTI in {file}, then delete the GANTI marks: {lines}.",
        "next_optional": "Fill in the optional fields that apply (remove the # in front): certifications, minimum order, capacity, English translations.",
        "next_validate": "Check again with: python build.py validate",
        "line": "line {line} ({field})",
    },
}


class Refused(Exception):
    """Nothing is written: `message` says why (already in the user's language)."""


# --- the template ----------------------------------------------------------------------------
# <<key>> markers are replaced by `render_template`; every value put there is already checked
# and quoted. The modeline must stay the first line (yaml-language-server reads it there).

TEMPLATE = """\
# yaml-language-server: $schema=../../catalogue/schema/product.schema.json
#
# File produk <<site_name>>. Panduan lengkap: .github/CONTRIBUTING.md
# - Baris yang diawali # adalah keterangan dan tidak ikut dibaca.
# - Baris bertanda GANTI masih berisi isian sementara: ganti dengan data yang benar,
#   lalu hapus komentar GANTI-nya (selama masih ada, file ini ditolak).
# - Kolom pilihan ditulis dengan # di depannya. Untuk memakainya, hapus "# " di depan
#   baris itu (indentasi 2 spasi tetap dijaga; jangan pakai tab).
# - Tulis nomor (WhatsApp, NIB, NSPP, sertifikat) dan kode kabupaten dalam tanda kutip "...".
# - Teks boleh satu bahasa (Indonesia) atau beberapa: id (wajib), en (Inggris), ar (Arab).

# Nama produk, paling banyak 80 huruf per bahasa.
name:
  id: <<name>>
  # en: "English product name"
  # ar: "اسم المنتج"

# Satu kalimat untuk kartu produk dan pratinjau tautan, paling banyak 160 huruf.
summary:
  id: <<summary>>  # GANTI: satu kalimat yang membuat pembeli tertarik
  # en: "One sentence in English"

# Deskripsi lengkap: bahan, cara membuat, ukuran, rasa, keunggulan. Boleh memakai
# paragraf (pisahkan dengan baris kosong), daftar dengan "- ", **tebal**, *miring* dan
# tautan https://. HTML tidak boleh. Setiap baris teks diawali 4 spasi.
# GANTI: tulis deskripsi di bawah "id: |"
description:
  id: |
    <<description>>
  # en: |
  #   Full description in English.

# Kategori, salah satu dari:
<<category_list>>
category: <<category>>

# Kata kunci pencarian, huruf kecil, paling banyak 10.
# tags: [kopi, liberika, oleh-oleh]

pesantren:
  # Nama pondok pesantren.
  name: <<pesantren>>
  # Nomor Statistik Pondok Pesantren (NSPP), 12 angka, dalam tanda kutip.
  # nspp: "510063030001"
  # Kode Kemendagri kabupaten/kota, dalam tanda kutip:
<<regency_list>>
  regency: <<regency>>  # <<regency_label>>
  address: <<address>>  # GANTI: alamat jalan lengkap pesantren
  # Koordinat pesantren (Google Maps: tekan lama pada titiknya), angka desimal dengan titik.
  # location: {lat: -3.4123, lon: 114.8456}
  # Situs web pesantren, harus diawali https://
  # website: https://pesantren-anda.sch.id

cooperative:
  # Nama koperasi pondok pesantren (kopontren).
  name: <<cooperative>>  # GANTI bila nama koperasinya lain
  # Nomor SK badan hukum koperasi. Sebaiknya diisi (tanpa ini muncul peringatan).
  # legal_entity: "AHU-0001234.AH.01.26.TAHUN 2024"
  # Nomor Induk Berusaha (NIB), 13 angka, dalam tanda kutip.
  # nib: "8120000000000"
  # Tahun berdiri, jumlah anggota, tahun bergabung dengan OPOP.
  # founded: 2010
  # members: 50
  # opop_since: 2022

price:
  # Harga dalam rupiah, angka saja tanpa titik: 25000 (bukan 25.000 atau Rp 25.000).
  min: 1  # GANTI: harga terendah
  # max: 55000
  # Apa yang didapat pembeli dengan harga itu.
  unit: "bungkus"  # GANTI: mis. bungkus 250 g, botol 500 ml, lembar kain 2 m

# Pesanan minimum pembeli. Sebaiknya diisi (tanpa ini muncul peringatan).
# min_order: {quantity: 20, unit: bungkus}

# Kapasitas produksi; per: week (minggu), month (bulan) atau year (tahun). Sebaiknya diisi.
# capacity: {quantity: 1000, unit: bungkus, per: month}

# Masa simpan dalam bulan, dan keterangan kemasan.
# shelf_life_months: 6
# packaging: "Standing pouch 250 g dengan zipper"

# Kode HS untuk ekspor, 4 sampai 10 angka, titik boleh.
# hs_code: "0901.21"

# Sertifikat. Sebaiknya diisi (tanpa ini muncul peringatan). type: halal, pirt, bpom-md,
# bpom-ml, sni atau other; nomor dalam tanda kutip; valid_until = berlaku sampai (boleh kosong).
# certifications:
#   - {type: halal, number: "ID63110000123450824", valid_until: 2028-08-01}
#   - {type: pirt, number: "2016303010123-29"}

# Pasar saat ini, satu atau beberapa dari: <<markets>>.
markets: [regional]

# Ekspor: ready hanya true atau false; countries = kode negara 2 huruf tujuan ekspor.
# export:
#   ready: false
#   countries: [MY, SA]

# Foto produk, 1 sampai 8, diunggah ke folder yang sama dengan file ini.
# JPEG, PNG, WebP atau HEIC; sisi terpendek paling sedikit 800 piksel.
# alt = apa yang terlihat di foto, untuk pembaca tunanetra; caption = keterangan di bawah foto.
photos:
  - file: <<photo>>
    alt: <<alt>>  # GANTI: gambarkan isi foto, mis. Kemasan kopi 250 gram di atas meja kayu
    # caption: "Keterangan di bawah foto"

contact:
  # Nama orang yang dihubungi pembeli, dan jabatannya.
  name: <<contact>>  # GANTI: nama orang yang dihubungi
  # role: "Sekretaris"
  # Nomor WhatsApp, selalu dalam tanda kutip.
  whatsapp: <<whatsapp>>
  # email: "koperasi@pesantren-anda.sch.id"
  # Toko daring atau media sosial, harus diawali https://
  # links: [https://shopee.co.id/toko-anda, https://instagram.com/toko-anda]

# Yang dibutuhkan koperasi dari pesantren lain (kategori seperti di atas).
# needs:
#   - category: kerajinan
#     text: "Kemasan anyaman purun untuk paket hadiah"

# Tanggal data ini terakhir diperiksa, YYYY-MM-DD. Perbarui setiap kali mengubah file ini.
updated: <<updated>>
"""


def quote(text: str) -> str:
    """`text` as a YAML double-quoted scalar (what it says is exactly what is read)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _bulleted(items: dict, indent: str) -> str:
    width = max(len(code) for code in items)
    return "\n".join(f"{indent}#   {code.ljust(width)}  {label.id}" for code, label in items.items())


@dataclass(frozen=True)
class Answers:
    slug: str
    pesantren: str
    regency: str
    name: str
    category: str
    whatsapp: str
    photo: str = PHOTO_NAME + ".jpg"


def cooperative_guess(pesantren: str) -> str:
    core = re.sub(r"^(pondok\s+pesantren|pon\.?\s*pes\.?|pp\.?|pesantren)\s+", "", pesantren.strip(), flags=re.IGNORECASE)
    name = f"Kopontren {core}"
    return name if len(name) <= 120 else name[:120].rsplit(" ", 1)[0]


def summary_guess(a: Answers) -> str:
    region = REGENCIES[a.regency].id
    for text in (f"{a.name} dari {a.pesantren}, {region}.", f"{a.name} dari {a.pesantren}.", f"{a.name}, {region}."):
        if len(text) <= 160:
            return text
    return a.name


def render_template(a: Answers) -> str:
    values = {
        "name": quote(a.name),
        "summary": quote(summary_guess(a)),
        "description": f"{a.name} adalah produk unggulan {a.pesantren}.",
        "category_list": _bulleted(CATEGORIES, ""),
        "category": a.category,
        "pesantren": quote(a.pesantren),
        "regency_list": _bulleted(REGENCIES, "  "),
        "site_name": t("id", "site.name"),
        "regency": quote(a.regency),
        "regency_label": REGENCIES[a.regency].id,
        "address": quote(REGENCIES[a.regency].id),
        "cooperative": quote(cooperative_guess(a.pesantren)),
        "markets": ", ".join(MARKETS),
        "photo": a.photo,
        "alt": quote(f"Foto {a.name}"),
        "contact": quote(f"Pengurus {cooperative_guess(a.pesantren)}"[:100]),
        "whatsapp": quote(a.whatsapp),
        "updated": today().isoformat(),
    }
    return modeline() + re.sub(r"<<(\w+)>>", lambda m: values[m.group(1)], TEMPLATE).split("\n", 1)[1]


# --- checking one value with the schema's own kinds --------------------------------------------


def _kind(path: str):
    node = PRODUCT
    for key in path.split("."):
        node = node.field(key).kind
    return node


def _convert(kind, text: str, lang: str) -> str:
    """The converted value, or Refused with the schema's own message."""
    try:
        return kind.convert(Scalar(1, 1, text, False))
    except Invalid as exc:
        raise Refused(render(exc.code, exc.params, lang)) from None


def check_slug(text: str, lang: str) -> str:
    text = text.strip()
    if not re.fullmatch(SLUG_PATTERN, text) or not 3 <= len(text) <= 60:
        raise Refused(render("slug_format", {"found": text}, lang))
    return text


def check_regency(text: str, lang: str) -> str:
    text = text.strip()
    codes = list(REGENCIES)
    if text.isdigit() and 1 <= int(text) <= len(codes):
        return codes[int(text) - 1]
    wanted = normalise_name(text)
    for code, label in REGENCIES.items():
        names = {normalise_name(label.id), normalise_name(re.sub(r"^(Kabupaten|Kota)\s+", "", label.id))}
        if wanted in names:
            return code
    return _convert(_kind("pesantren.regency"), text, lang)


def check_category(text: str, lang: str) -> str:
    text = text.strip()
    ids = list(CATEGORIES)
    if text.isdigit() and 1 <= int(text) <= len(ids):
        return ids[int(text) - 1]
    for key, label in CATEGORIES.items():
        if normalise_name(text) in (key, normalise_name(label.id), normalise_name(label.en or "")):
            return key
    return _convert(_kind("category"), text, lang)


def check_whatsapp(text: str, lang: str) -> str:
    _convert(Phone(), text, lang)  # the file keeps the number as typed, quoted
    return text.strip()


CHECKS = {
    "pesantren": lambda text, lang: _convert(_kind("pesantren.name"), text, lang),
    "regency": check_regency,
    "name": lambda text, lang: _convert(_kind("name"), text, lang)["id"],
    "category": check_category,
    "whatsapp": check_whatsapp,
    "slug": check_slug,
}


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > 60:
        slug = slug[:60].rsplit("-", 1)[0]
    return slug


def suggest_slug(name: str, regency: str, products: Path) -> str:
    from catalogue.products.taxonomy import REGENCY_SLUGS

    base = slugify(name)
    for candidate in (base, slugify(f"{name} {REGENCY_SLUGS[regency]}")):
        if candidate and not (products / candidate).exists():
            return candidate
    return base


# --- gathering ----------------------------------------------------------------------------------


def _ask(words, key: str, check, lang: str, default: str | None = None) -> str:
    while True:
        prompt = words[key].format(default=default or "", example=list(REGENCIES)[min(2, len(REGENCIES) - 1)])  # 3 → the third code
        try:
            text = input(prompt).strip()
        except EOFError:
            raise Refused(words["eof"]) from None
        if not text and default:
            text = default
        if not text:
            continue
        try:
            return check(text, lang)
        except Refused as exc:
            print(f"  {exc}", file=sys.stderr)


def _print_numbered(title: str, items: dict, lang: str) -> None:
    print(title)
    for number, (code, label) in enumerate(items.items(), start=1):
        shown_code = f"{code}  " if code[0].isdigit() else ""
        print(f"  {number:>2}. {shown_code}{label.get(lang)}" + (f" ({code})" if not shown_code else ""))


def gather(args, interactive: bool) -> Answers:
    """Every value checked, asked for when `interactive`; Refused on the first problem."""
    lang = args.lang
    words = WORDS[lang]
    values: dict[str, str] = {}
    missing = []
    for key in ("pesantren", "regency", "name", "category", "whatsapp"):
        given = getattr(args, key, None)
        if given is not None:
            try:
                values[key] = CHECKS[key](given, lang)
            except Refused as exc:
                raise Refused(words["invalid"].format(flag=f"--{key}", message=exc)) from None
        elif not interactive:
            missing.append(f"--{key}")
    if missing:
        raise Refused(words["missing"].format(flags=", ".join(missing)))
    if interactive:
        print(words["intro"])
        if "pesantren" not in values:
            values["pesantren"] = _ask(words, "ask_pesantren", CHECKS["pesantren"], lang)
        if "regency" not in values:
            _print_numbered(words["regency_list"], REGENCIES, lang)
            values["regency"] = _ask(words, "ask_regency", check_regency, lang)
        if "name" not in values:
            values["name"] = _ask(words, "ask_name", CHECKS["name"], lang)
        if "category" not in values:
            _print_numbered(words["category_list"], CATEGORIES, lang)
            values["category"] = _ask(words, "ask_category", check_category, lang)
        if "whatsapp" not in values:
            values["whatsapp"] = _ask(words, "ask_whatsapp", check_whatsapp, lang)
    if args.slug is not None:
        try:
            values["slug"] = check_slug(args.slug, lang)
        except Refused as exc:
            raise Refused(words["invalid"].format(flag="--slug", message=exc)) from None
    else:
        default = suggest_slug(values["name"], values["regency"], args.products)
        if interactive:
            values["slug"] = _ask(words, "ask_slug", check_slug, lang, default=default or None)
        else:
            try:
                values["slug"] = check_slug(default, lang)
            except Refused:
                raise Refused(words["no_slug"]) from None
    return Answers(**values)


def existing_product_of(pesantren: str, products: Path) -> Path | None:
    """The product file that already belongs to this pesantren (same name, normalised)."""
    wanted = normalise_name(pesantren)
    for folder in sorted(p for p in products.iterdir() if p.is_dir() and not p.is_symlink()):
        file = folder / PRODUCT_FILE
        if not file.is_file() or file.is_symlink():
            continue
        loaded = read_product_file(file, shown(file), Problems())
        if loaded is None:
            continue
        entry = loaded[0].items.get("pesantren")
        if entry and isinstance(entry[1], Mapping) and "name" in entry[1].items:
            node = entry[1].items["name"][1]
            if isinstance(node, Scalar) and normalise_name(node.text) == wanted:
                return file
    return None


def check_photo(path: Path | None, lang: str) -> str | None:
    """The detected type's extension for the photo to copy in, or Refused."""
    if path is None:
        return None
    try:
        info = inspect_image(path)
    except ImageRejected as exc:
        raise Refused(words_invalid("--photo", render(exc.code, {"file": path.name, **exc.params}, lang), lang)) from None
    except OSError:
        raise Refused(WORDS[lang]["photo_unreadable"].format(file=path)) from None
    return EXTENSIONS[info.format]


def words_invalid(flag: str, message: str, lang: str) -> str:
    return WORDS[lang]["invalid"].format(flag=flag, message=message)


# --- the command --------------------------------------------------------------------------------


def run_new(args) -> int:
    lang = getattr(args, "lang", "id") or "id"
    words = WORDS[lang]
    products = Path(args.products)
    interactive = not args.yes and sys.stdin is not None and sys.stdin.isatty()
    photo_source = getattr(args, "photo", None)
    try:
        if not products.is_dir():
            raise Refused(f"{shown(products)}: {render('products_dir_missing', {}, lang)}")
        extension = check_photo(Path(photo_source) if photo_source else None, lang)
        answers = gather(args, interactive)
        folder = products / answers.slug
        if folder.exists() or folder.is_symlink() or any(normalise_name(p.name) == normalise_name(answers.slug) for p in products.iterdir()):
            raise Refused(words["exists"].format(folder=shown(folder), file=shown(folder / PRODUCT_FILE)))
        other = existing_product_of(answers.pesantren, products)
        if other is not None:
            raise Refused(words["twice"].format(name=answers.pesantren, file=shown(other)))
    except Refused as exc:
        print(f"build.py new: {exc}", file=sys.stderr)
        return EXIT_USAGE

    if extension:
        answers = Answers(**{**answers.__dict__, "photo": PHOTO_NAME + extension})
    text = render_template(answers)
    folder.mkdir()
    file = folder / PRODUCT_FILE
    file.write_text(text, encoding="utf-8", newline="\n")
    print(words["written"].format(file=shown(file)))
    if extension:
        shutil.copyfile(photo_source, folder / answers.photo)
        print(words["photo_copied"].format(file=shown(folder / answers.photo)))

    return report(products, folder, file, answers, text, bool(extension), lang)


def report(products: Path, folder: Path, file: Path, answers: Answers, text: str, has_photo: bool, lang: str) -> int:
    """Validate the catalogue, print the new product's problems and what to do next."""
    words = WORDS[lang]
    result = check_catalogue(products)
    here, mine = shown(folder), shown(file)
    problems = [
        p
        for p in result.problems
        if p.path == here or p.path.startswith(here + "/") or any(value == mine for _, value in p.params)
    ]
    if problems:
        print(words["check"])
        for problem in problems:
            print("  " + problem.format(lang))
    else:
        print(words["check_clean"])
    unexpected = [p for p in problems if p.is_error and p.code not in EXPECTED_CODES
                  and not (p.code in EXPECTED_PHOTO_CODES and p.field == "photos[0].file")]
    print(words["next"])
    steps = []
    if not has_photo:
        steps.append(words["next_photo"].format(folder=here + "/", photo=answers.photo))
    lines = ", ".join(words["line"].format(line=n, field=f) for n, f in placeholder_lines(text))
    steps.append(words["next_fill"].format(file=mine, lines=lines))
    steps.append(words["next_optional"])
    steps.append(words["next_validate"])
    for number, step in enumerate(steps, start=1):
        print(f"  {number}. {step}")
    return EXIT_INVALID if unexpected else EXIT_OK
