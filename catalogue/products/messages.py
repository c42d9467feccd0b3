"""The text of every problem, in Indonesian (default) and English.

Each message follows one shape: what was expected, what was found, and how to fix it:
`diharapkan …, ditemukan … (perbaiki: …)` / `expected …, found … (fix: …)`.
Placeholders are the Problem's params.
"""

from __future__ import annotations

import string

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the file as a whole ---------------------------------------------------------------
    "products_dir_missing": ("folder produk tidak ditemukan (perbaiki: periksa --products)", "products folder not found (fix: check --products)"),
    "file_missing": ("folder {folder} tidak berisi product.yml (perbaiki: tambahkan product.yml atau hapus folder ini)", "folder {folder} has no product.yml (fix: add product.yml or remove the folder)"),
    "file_too_large": ("diharapkan file paling besar {max_kib} KiB, ditemukan {size_kib} KiB (perbaiki: file produk hanya berisi teks; foto disimpan sebagai file terpisah)", "expected a file of at most {max_kib} KiB, found {size_kib} KiB (fix: the product file holds text only; photos are separate files)"),
    "file_utf16": ("diharapkan teks UTF-8, ditemukan UTF-16/UTF-32 (perbaiki: simpan ulang file sebagai UTF-8, mis. di editor web GitHub)", "expected UTF-8 text, found UTF-16/UTF-32 (fix: save the file again as UTF-8, e.g. in GitHub's web editor)"),
    "file_encoding": ("diharapkan teks UTF-8, ditemukan byte {byte} (perbaiki: simpan ulang file sebagai UTF-8; file ini mungkin Latin-1/Windows-1252)", "expected UTF-8 text, found byte {byte} (fix: save the file again as UTF-8; it is probably Latin-1/Windows-1252)"),
    "file_empty": ("diharapkan isi produk, ditemukan file kosong (perbaiki: salin contoh dari products/ atau jalankan `python build.py new`)", "expected product data, found an empty file (fix: copy an example from products/ or run `python build.py new`)"),
    "file_not_mapping": ("diharapkan pasangan `kunci: nilai` di tingkat teratas, ditemukan {found} (perbaiki: mulai file dengan `name:`, tanpa `-` di depan)", "expected `key: value` pairs at the top level, found a {found} (fix: start the file with `name:`, no leading `-`)"),
    "yaml_tab": ("diharapkan indentasi dengan spasi, ditemukan karakter tab (perbaiki: ganti tab dengan 2 spasi)", "expected indentation with spaces, found a tab (fix: replace the tab with 2 spaces)"),
    "yaml_anchor": ("diharapkan nilai biasa, ditemukan anchor YAML `&{name}` (perbaiki: tulis nilainya langsung, tanpa & dan *)", "expected a plain value, found a YAML anchor `&{name}` (fix: write the value out, without & and *)"),
    "yaml_alias": ("diharapkan nilai biasa, ditemukan alias YAML `*{name}` (perbaiki: tulis nilainya langsung, tanpa & dan *)", "expected a plain value, found a YAML alias `*{name}` (fix: write the value out, without & and *)"),
    "yaml_tag": ("diharapkan nilai biasa, ditemukan tag YAML `{tag}` (perbaiki: hapus tag yang diawali `!`)", "expected a plain value, found a YAML tag `{tag}` (fix: remove the tag starting with `!`)"),
    "yaml_complex_key": ("diharapkan kunci berupa teks, ditemukan daftar atau pemetaan (perbaiki: tulis `kunci: nilai`)", "expected a text key, found a list or mapping (fix: write `key: value`)"),
    "yaml_duplicate_key": ("diharapkan setiap kunci sekali saja, ditemukan kunci yang sama juga di baris {first_line} (perbaiki: hapus salah satunya)", "expected each key once, found the same key on line {first_line} too (fix: remove one of them)"),
    "yaml_too_deep": ("diharapkan paling dalam {maximum} tingkat, ditemukan lebih dalam (perbaiki: file produk hanya butuh beberapa tingkat; salin susunan dari contoh di products/)", "expected at most {maximum} levels of nesting, found more (fix: a product file needs only a few levels; copy the layout of an example in products/)"),
    "yaml_multiple_documents": ("diharapkan satu dokumen, ditemukan `---` yang memulai dokumen kedua (perbaiki: satu produk per file; hapus `---` dan isi setelahnya)", "expected one document, found `---` starting a second one (fix: one product per file; remove `---` and what follows)"),
    "yaml_syntax": ("diharapkan YAML yang benar, ditemukan kesalahan: {detail} (perbaiki: periksa titik dua, tanda kutip dan indentasi di baris ini dan sebelumnya)", "expected valid YAML, found an error: {detail} (fix: check colons, quotes and indentation on this line and the one before)"),
    # --- keys -------------------------------------------------------------------------------
    "unknown_key_suggest": ("kunci `{found}` tidak dikenal (perbaiki: maksudnya `{suggestion}`?)", "unknown key `{found}` (fix: did you mean `{suggestion}`?)"),
    "unknown_key": ("kunci `{found}` tidak dikenal; yang boleh: {allowed} (perbaiki: hapus atau ganti namanya)", "unknown key `{found}`; allowed: {allowed} (fix: remove or rename it)"),
    "missing": ("wajib diisi, tidak ditemukan (perbaiki: tambahkan kunci ini; lihat contoh di products/)", "required, not found (fix: add this key; see the examples in products/)"),
    "missing_recommended": ("sebaiknya diisi, tidak ditemukan (perbaiki: tambahkan agar pembeli lebih percaya)", "recommended, not found (fix: add it so buyers can trust the listing)"),
    # --- values -----------------------------------------------------------------------------
    "type": ("diharapkan {expected}, ditemukan {found}", "expected {expected}, found {found}"),
    "empty": ("diharapkan {expected}, ditemukan nilai kosong (perbaiki: isi nilainya atau hapus kuncinya)", "expected {expected}, found an empty value (fix: fill it in or remove the key)"),
    "placeholder": ("diharapkan data yang sebenarnya, ditemukan isian sementara yang masih bertanda `# GANTI` (perbaiki: tulis data yang benar di baris ini, lalu hapus komentar `# GANTI`)", "expected the real data, found a temporary value still marked `# GANTI` (fix: write the correct data on this line, then delete the `# GANTI` comment)"),
    "multiline": ("diharapkan satu baris, ditemukan beberapa baris (perbaiki: tulis dalam satu baris)", "expected one line, found several (fix: write it on one line)"),
    "too_long": ("diharapkan paling banyak {maximum} karakter, ditemukan {length} (perbaiki: persingkat)", "expected at most {maximum} characters, found {length} (fix: shorten it)"),
    "pattern": ("diharapkan {expected}, ditemukan {found}", "expected {expected}, found {found}"),
    "tag_case": ("diharapkan kata kunci huruf kecil, ditemukan {found} (perbaiki: tulis dengan huruf kecil)", "expected a lowercase keyword, found {found} (fix: write it in lowercase)"),
    "text_language": ("diharapkan kode bahasa id, en atau ar, ditemukan `{found}` (perbaiki: gunakan id, en atau ar)", "expected language code id, en or ar, found `{found}` (fix: use id, en or ar)"),
    "text_missing_id": ("diharapkan teks bahasa Indonesia `id:`, tidak ditemukan (perbaiki: tambahkan `id: …`)", "expected Indonesian text `id:`, not found (fix: add `id: …`)"),
    "choice": ("diharapkan salah satu dari: {choices}; ditemukan {found}", "expected one of: {choices}; found {found}"),
    "rupiah_format": ("diharapkan angka rupiah tanpa titik atau \"Rp\", ditemukan {found} (perbaiki: tulis {digits})", "expected a rupiah amount without dots or \"Rp\", found {found} (fix: write {digits})"),
    "integer": ("diharapkan {expected}, ditemukan {found} (perbaiki: tulis angka saja, mis. 25)", "expected {expected}, found {found} (fix: write digits only, e.g. 25)"),
    "too_small": ("diharapkan paling kecil {minimum}, ditemukan {found}", "expected at least {minimum}, found {found}"),
    "too_big": ("diharapkan paling besar {maximum}, ditemukan {found}", "expected at most {maximum}, found {found}"),
    "year_future": ("diharapkan tahun paling lambat {maximum}, ditemukan {found}", "expected a year no later than {maximum}, found {found}"),
    "decimal": ("diharapkan angka desimal dengan titik, ditemukan {found} (perbaiki: mis. -3.4123)", "expected a decimal number with a dot, found {found} (fix: e.g. -3.4123)"),
    "date_format": ("diharapkan tanggal YYYY-MM-DD, ditemukan {found} (perbaiki: mis. 2024-10-03)", "expected a date YYYY-MM-DD, found {found} (fix: e.g. 2024-10-03)"),
    "date_impossible": ("diharapkan tanggal yang ada di kalender, ditemukan {found} (perbaiki: periksa bulan dan hari)", "expected a real calendar date, found {found} (fix: check the month and day)"),
    "date_future": ("diharapkan tanggal paling lambat hari ini ({today}), ditemukan {found} (perbaiki: tulis tanggal data terakhir diperiksa)", "expected a date no later than today ({today}), found {found} (fix: write the day the data was last checked)"),
    "boolean": ("diharapkan true atau false, ditemukan {found} (perbaiki: tulis true atau false, bukan yes/no/ya/tidak)", "expected true or false, found {found} (fix: write true or false, not yes/no)"),
    "url": ("diharapkan alamat yang diawali https://, ditemukan {found} (perbaiki: salin alamat lengkap dari peramban)", "expected an address starting with https://, found {found} (fix: copy the full address from the browser)"),
    "email": ("diharapkan alamat e-mail, ditemukan {found} (perbaiki: mis. koperasi@contoh.org)", "expected an e-mail address, found {found} (fix: e.g. cooperative@example.org)"),
    "phone_unquoted": ("diharapkan nomor dalam tanda kutip, ditemukan {found} tanpa tanda kutip (perbaiki: tulis \"{found}\"; tanpa kutip angka 0 di depan bisa hilang)", "expected a quoted number, found {found} without quotes (fix: write \"{found}\"; unquoted, the leading 0 can be lost)"),
    "phone": ("diharapkan nomor WhatsApp Indonesia, ditemukan {found} (perbaiki: mis. \"0811-5000-123\" atau \"+62 811 5000 123\")", "expected an Indonesian WhatsApp number, found {found} (fix: e.g. \"0811-5000-123\" or \"+62 811 5000 123\")"),
    "list_expected": ("diharapkan daftar, ditemukan satu nilai {found} (perbaiki: tulis {example})", "expected a list, found a single value {found} (fix: write {example})"),
    "list_too_short": ("diharapkan paling sedikit {minimum} isi, ditemukan {found}", "expected at least {minimum} entries, found {found}"),
    "list_too_long": ("diharapkan paling banyak {maximum} isi, ditemukan {found} (perbaiki: hapus yang berlebih)", "expected at most {maximum} entries, found {found} (fix: remove the extra ones)"),
    "list_duplicate": ("diharapkan setiap isi sekali saja, ditemukan {found} juga di urutan ke-{first} (mulai dari 0) (perbaiki: hapus salah satunya)", "expected each entry once, found {found} also at position {first} (counting from 0) (fix: remove one)"),
    # --- rules across fields ------------------------------------------------------------------
    "price_range": ("diharapkan harga tertinggi ≥ harga terendah ({min}), ditemukan {max} (perbaiki: tukar min dan max)", "expected the highest price ≥ the lowest ({min}), found {max} (fix: swap min and max)"),
    "location_outside": ("diharapkan koordinat di Kalimantan Selatan, ditemukan {lat}, {lon} (perbaiki: lintang sekitar -4.2 s.d. -1.3 dan bujur 114.4 s.d. 116.5; periksa tanda minus)", "expected coordinates in Kalimantan Selatan, found {lat}, {lon} (fix: latitude about -4.2 to -1.3 and longitude 114.4 to 116.5; check the minus sign)"),
    "legal_entity_shape": ("diharapkan bentuk seperti AHU-0001234.AH.01.26.TAHUN 2024, ditemukan \"{found}\" (perbaiki: salin nomor dari SK badan hukum)", "expected a shape like AHU-0001234.AH.01.26.TAHUN 2024, found \"{found}\" (fix: copy the number from the legal-entity decree)"),
    "halal_shape": ("diharapkan nomor sertifikat halal \"ID\" diikuti angka, ditemukan \"{found}\" (perbaiki: salin dari sertifikat, mis. ID63110000123450824)", "expected a halal certificate number \"ID\" followed by digits, found \"{found}\" (fix: copy it from the certificate, e.g. ID63110000123450824)"),
    "halal_length": ("diharapkan 17 angka setelah \"ID\", ditemukan {digits} (perbaiki: periksa kembali nomornya)", "expected 17 digits after \"ID\", found {digits} (fix: check the number again)"),
    "pirt_shape": ("diharapkan nomor P-IRT 15 angka (mis. 2016303010123-29), ditemukan \"{found}\"", "expected a 15-digit P-IRT number (e.g. 2016303010123-29), found \"{found}\""),
    "pirt_expired": ("dua angka terakhir P-IRT menunjukkan berlaku sampai {year}, tahun itu sudah lewat (perbaiki: perpanjang P-IRT dan tulis nomor barunya)", "the last two digits of the P-IRT number say it was valid until {year}, which has passed (fix: renew it and write the new number)"),
    "bpom_shape": ("diharapkan \"{prefix}\" diikuti 12 angka, ditemukan \"{found}\" (perbaiki: salin dari kemasan atau cekbpom.pom.go.id)", "expected \"{prefix}\" followed by 12 digits, found \"{found}\" (fix: copy it from the pack or cekbpom.pom.go.id)"),
    "certificate_expired": ("sertifikat berlaku sampai {found}, tanggal itu sudah lewat; situs menampilkannya sebagai kedaluwarsa (perbaiki: perpanjang dan perbarui tanggalnya)", "the certificate was valid until {found}, which has passed; the site shows it as expired (fix: renew it and update the date)"),
    "strict_english": ("diharapkan terjemahan bahasa Inggris `en:` untuk produk siap ekspor, tidak ditemukan (perbaiki: tulis sebagai {{id: …, en: …}})", "expected an English translation `en:` for an export-ready product, not found (fix: write it as {{id: …, en: …}})"),
    "description_html": ("diharapkan Markdown tanpa HTML, ditemukan {found} (perbaiki: hapus tag HTML; gunakan **tebal**, *miring* atau daftar dengan -)", "expected Markdown without HTML, found {found} (fix: remove the HTML tag; use **bold**, *italic* or - lists)"),
    "description_link": ("diharapkan tautan http://, https:// atau mailto:, ditemukan \"{found}\" (perbaiki: tulis alamat lengkap https://…)", "expected an http://, https:// or mailto: link, found \"{found}\" (fix: write the full https://… address)"),
    "description_image": ("diharapkan teks tanpa gambar, ditemukan gambar {found} (perbaiki: tambahkan foto lewat `photos:`)", "expected text without images, found an image {found} (fix: add photos under `photos:`)"),
    # --- folders, files and photos ----------------------------------------------------------
    "slug_format": ("diharapkan nama folder 3–60 huruf kecil a-z, angka dan tanda hubung tunggal, ditemukan \"{found}\" (perbaiki: ganti nama folder, mis. kopi-liberika-pengaron)", "expected a folder name of 3–60 lowercase a-z, digits and single hyphens, found \"{found}\" (fix: rename the folder, e.g. kopi-liberika-pengaron)"),
    "slug_collision": ("nama folder sama dengan {other} jika huruf besar/kecil diabaikan (perbaiki: beri nama lain)", "the folder name equals {other} when case is ignored (fix: choose another name)"),
    "pesantren_twice": ("satu pesantren, satu produk unggulan: \"{name}\" sudah punya produk di {other} (perbaiki: gabungkan ke file itu)", "one pesantren, one flagship product: \"{name}\" already has a product in {other} (fix: merge into that file)"),
    "symlink": ("diharapkan file biasa, ditemukan tautan simbolik \"{found}\" (perbaiki: unggah file aslinya)", "expected a regular file, found a symbolic link \"{found}\" (fix: upload the real file)"),
    "stray_file": ("file \"{found}\" tidak disebut di product.yml (perbaiki: cantumkan di `photos:` atau hapus file ini)", "file \"{found}\" is not named in product.yml (fix: list it under `photos:` or delete it)"),
    "stray_top_level": ("diharapkan hanya folder produk di products/, ditemukan file \"{found}\" (perbaiki: pindahkan ke products/<nama-produk>/)", "expected only product folders in products/, found file \"{found}\" (fix: move it into products/<product-name>/)"),
    "photo_path": ("diharapkan nama file di folder yang sama, ditemukan \"{found}\" (perbaiki: letakkan foto di samping product.yml dan tulis namanya saja, mis. kemasan.jpg)", "expected a file name in the same folder, found \"{found}\" (fix: put the photo next to product.yml and write its name only, e.g. kemasan.jpg)"),
    "photo_duplicate": ("foto \"{found}\" sama dengan \"{first}\" jika huruf besar/kecil diabaikan (perbaiki: beri nama lain)", "photo \"{found}\" equals \"{first}\" when case is ignored (fix: rename one)"),
    "photo_missing_suggest": ("file \"{found}\" tidak ada di folder ini (perbaiki: maksudnya \"{suggestion}\"? huruf besar/kecil dibedakan)", "file \"{found}\" is not in this folder (fix: did you mean \"{suggestion}\"? case matters)"),
    "photo_missing": ("file \"{found}\" tidak ada di folder ini; yang ada: {present} (perbaiki: unggah fotonya ke folder produk)", "file \"{found}\" is not in this folder; present: {present} (fix: upload the photo to the product folder)"),
    "photo_type": ("diharapkan foto JPEG, PNG, WebP atau HEIC, ditemukan {found} di \"{file}\" (perbaiki: simpan ulang sebagai JPEG)", "expected a JPEG, PNG, WebP or HEIC photo, found {found} in \"{file}\" (fix: save it again as JPEG)"),
    "photo_too_small": ("diharapkan sisi terpendek paling sedikit {minimum} piksel, ditemukan {width}×{height} di \"{file}\" (perbaiki: unggah foto asli dari kamera, bukan tangkapan layar atau foto WhatsApp)", "expected at least {minimum} pixels on the short side, found {width}×{height} in \"{file}\" (fix: upload the original camera photo, not a screenshot or a WhatsApp copy)"),
    "photo_too_large": ("diharapkan paling banyak {maximum} megapiksel, ditemukan {width}×{height} ({megapixels} MP) di \"{file}\" (perbaiki: perkecil foto)", "expected at most {maximum} megapixels, found {width}×{height} ({megapixels} MP) in \"{file}\" (fix: resize the photo)"),
    "photo_corrupt": ("foto \"{file}\" rusak atau terpotong: {detail} (perbaiki: unggah ulang fotonya)", "photo \"{file}\" is damaged or truncated: {detail} (fix: upload it again)"),
    "photo_animated": ("diharapkan foto diam, ditemukan animasi {frames} bingkai di \"{file}\" (perbaiki: unggah foto JPEG)", "expected a still photo, found an animation of {frames} frames in \"{file}\" (fix: upload a JPEG photo)"),
    # --- issue forms (build.py from-issue); the field is the form's, e.g. "Foto ke-2" ---------
    "issue_photo_scheme": ("diharapkan foto yang diunggah ke formulir, ditemukan alamat {url} (perbaiki: seret fotonya ke kotak foto, jangan menempel tautan)", "expected a photo uploaded to the form, found the address {url} (fix: drag the photo into the photo box instead of pasting a link)"),
    "issue_photo_host": ("diharapkan foto yang diunggah ke formulir, ditemukan tautan ke {host} (perbaiki: simpan foto ke ponsel lalu seret atau pilih ke kotak foto)", "expected a photo uploaded to the form, found a link to {host} (fix: save the photo to the phone, then drag or pick it into the photo box)"),
    "issue_photo_status": ("foto tidak bisa diambil, server menjawab {status} (perbaiki: hapus foto ini dari formulir dan unggah ulang)", "the photo could not be fetched, the server answered {status} (fix: remove this photo from the form and upload it again)"),
    "issue_photo_network": ("foto tidak bisa diambil ({detail}) (perbaiki: simpan formulir sekali lagi; bila tetap gagal, unggah ulang fotonya)", "the photo could not be fetched ({detail}) (fix: save the form once more; if it still fails, upload the photo again)"),
    "issue_photo_too_large": ("diharapkan foto paling besar {max_mib}, ditemukan {mib} (perbaiki: kirim foto dari kamera dengan ukuran biasa, bukan berkas RAW atau video)", "expected a photo of at most {max_mib}, found {mib} (fix: send the camera's normal photo, not a RAW file or a video)"),
    "issue_photo_redirects": ("foto tidak bisa diambil: dialihkan lebih dari {maximum} kali (perbaiki: unggah ulang fotonya)", "the photo could not be fetched: redirected more than {maximum} times (fix: upload the photo again)"),
    "issue_photo_none": ("diharapkan 1 sampai 8 foto, ditemukan belum ada foto (perbaiki: seret atau pilih foto dari ponsel ke kotak foto)", "expected 1 to 8 photos, found none (fix: drag or pick photos from the phone into the photo box)"),
    "issue_photo_count": ("diharapkan paling banyak {maximum} foto, ditemukan {found} (perbaiki: hapus foto yang paling tidak perlu)", "expected at most {maximum} photos, found {found} (fix: remove the photos least needed)"),
    "issue_product_unknown": ("diharapkan alamat halaman produk yang ada di katalog, ditemukan \"{found}\" (perbaiki: buka halaman produknya di situs dan salin alamat dari peramban)", "expected the address of a product page in the catalogue, found \"{found}\" (fix: open the product's page on the site and copy the address from the browser)"),
    "issue_nothing_changed": ("tidak ada isian yang berbeda dari data sekarang (perbaiki: isi hanya bagian yang ingin diganti)", "no field differs from the current data (fix: fill in only what should change)"),
}

SEVERITY = {"error": ("galat", "error"), "warning": ("peringatan", "warning")}


class _Missing(dict):
    def __missing__(self, key):  # a param a caller did not give: show "?", never crash
        return "?"


def render(code: str, params: dict, lang: str = "id") -> str:
    texts = MESSAGES.get(code)
    if texts is None:
        return f"{code} {params}"
    template = texts[1] if lang == "en" else texts[0]
    return string.Formatter().vformat(template, (), _Missing(params))


def severity_label(severity: str, lang: str = "id") -> str:
    labels = SEVERITY.get(severity, (severity, severity))
    return labels[1] if lang == "en" else labels[0]
