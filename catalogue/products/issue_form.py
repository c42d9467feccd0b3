"""The "Produk baru" and "Koreksi" issue forms: declared once, turned into product data.

A secretary on a phone fills a GitHub issue form; GitHub renders it into the issue body as
Markdown (`### <label>`, a blank line, the value; `_No response_` when empty). This module
declares the forms' fields (the committed `.github/ISSUE_TEMPLATE/*.yml` are generated from it,
and a test keeps them equal), reads a rendered body back into values by label, turns the
values into product data for `catalogue.products.writer`, and names a validator problem by
the form field the secretary typed it in ("Harga terendah (Rp)", "Foto ke-2"), never by a
YAML line. Pure: no I/O here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from catalogue import region
from catalogue.products.taxonomy import CAPACITY_PERIODS, CATEGORIES, CERTIFICATION_TYPES, REGENCIES

NO_RESPONSE = "_No response_"
MAX_CERTIFICATES = 3  # three pairs of fields; more go in the file later, by pull request


@dataclass(frozen=True)
class FormField:
    id: str
    label: str  # what the secretary sees, and the heading GitHub writes into the body
    type: str  # input | textarea | dropdown
    path: str = ""  # the product field it fills ("price.min"); "" for ones read specially
    required: bool = False
    description: str = ""
    placeholder: str = ""
    options: tuple[str, ...] = ()
    multiple: bool = False


def _option(code: str, label: str) -> str:
    return f"{code} — {label}"


class _Options(Sequence[str]):
    """Dropdown options read when used, not at import: the regencies (and the province's
    name) belong to the active region (catalogue/region.py)."""

    def __init__(self, make: Callable[[], tuple[str, ...]]):
        self._make = make

    def __getitem__(self, index):
        return self._make()[index]

    def __len__(self) -> int:
        return len(self._make())


def market_options() -> dict[str, str]:
    return {"regional": f"Regional ({region.current().name_in('id')} dan sekitarnya)", "national": "Nasional",
            "international": "Internasional (sudah ekspor)"}


REGENCY_OPTIONS = _Options(lambda: tuple(_option(code, text.id) for code, text in REGENCIES.items()))
CATEGORY_OPTIONS = tuple(_option(code, text.id) for code, text in CATEGORIES.items())
CERTIFICATE_OPTIONS = tuple(_option(code, text.id) for code, text in CERTIFICATION_TYPES.items())
PERIOD_OPTIONS = tuple(_option(code, text.id) for code, text in CAPACITY_PERIODS.items())
YES_NO = ("Ya", "Tidak")

PRODUCT_FIELDS: tuple[FormField, ...] = (
    FormField("name", "Nama produk", "input", "name.id", True, "Paling banyak 80 huruf.", "Kopi Liberika Pengaron"),
    FormField("category", "Kategori", "dropdown", "category", True, options=CATEGORY_OPTIONS),
    FormField("summary", "Ringkasan satu kalimat", "input", "summary.id", True,
              "Tampil di kartu produk dan saat tautan dibagikan. Paling banyak 160 huruf.",
              "Kopi liberika sangrai dari kebun santri di Pengaron."),
    FormField("description", "Deskripsi produk", "textarea", "description.id", True,
              "Bahan, cara membuat, ukuran, rasa, keunggulan. Daftar boleh dengan tanda - di awal baris. Tanpa HTML."),
    FormField("tags", "Kata kunci", "input", "tags", description="Pisahkan dengan koma, paling banyak 10.",
              placeholder="kopi, liberika, oleh-oleh"),
    FormField("price_min", "Harga terendah (Rp)", "input", "price.min", True, "Angka saja, tanpa titik dan tanpa Rp.", "35000"),
    FormField("price_max", "Harga tertinggi (Rp)", "input", "price.max", description="Bila ada beberapa ukuran. Angka saja.",
              placeholder="120000"),
    FormField("price_unit", "Harga untuk satuan", "input", "price.unit.id", True, placeholder="bungkus 250 g"),
    FormField("min_order", "Pesanan minimum", "input", "min_order", description="Jumlah lalu satuan.", placeholder="20 bungkus"),
    FormField("capacity", "Kapasitas produksi", "input", "capacity", description="Jumlah lalu satuan.", placeholder="1500 bungkus"),
    FormField("capacity_per", "Kapasitas per", "dropdown", "capacity.per", options=PERIOD_OPTIONS),
    FormField("shelf_life", "Masa simpan (bulan)", "input", "shelf_life_months", placeholder="12"),
    FormField("packaging", "Kemasan", "input", "packaging.id", placeholder="Standing pouch kraft dengan zip"),
    FormField("hs_code", "Kode HS (untuk ekspor)", "input", "hs_code", placeholder="0901.21"),
    *(f for n in range(1, MAX_CERTIFICATES + 1) for f in (
        FormField(f"cert{n}_type", f"Sertifikat {n}: jenis", "dropdown", f"certifications[{n - 1}].type", options=CERTIFICATE_OPTIONS),
        FormField(f"cert{n}_number", f"Sertifikat {n}: nomor", "input", f"certifications[{n - 1}].number",
                  description="Salin persis dari sertifikat." if n == 1 else "",
                  placeholder="ID63110000123450824" if n == 1 else ""),
        FormField(f"cert{n}_valid_until", f"Sertifikat {n}: berlaku sampai", "input", f"certifications[{n - 1}].valid_until",
                  description="Tahun-bulan-tanggal. Kosongkan bila tidak ada." if n == 1 else "",
                  placeholder="2028-08-01" if n == 1 else ""))),
    FormField("markets", "Pasar saat ini", "dropdown", "markets", True, options=_Options(lambda: tuple(market_options().values())), multiple=True),
    FormField("export_ready", "Siap ekspor?", "dropdown", "export.ready", options=YES_NO),
    FormField("export_countries", "Negara tujuan ekspor", "input", "export.countries",
              description="Kode 2 huruf, pisahkan dengan koma.", placeholder="MY, SA"),
    FormField("photos", "Foto produk (1 sampai 8)", "textarea", "photos", True,
              "Seret atau pilih foto asli dari kamera (bukan tangkapan layar). Sisi terpendek paling sedikit "
              "800 piksel. Di baris setelah setiap foto, tulis apa yang terlihat."),
    FormField("pesantren", "Nama pondok pesantren", "input", "pesantren.name", True, placeholder="Pondok Pesantren Darul Ilmi"),
    FormField("nspp", "NSPP pesantren (12 angka)", "input", "pesantren.nspp"),
    FormField("regency", "Kabupaten/kota", "dropdown", "pesantren.regency", True, options=REGENCY_OPTIONS),
    FormField("address", "Alamat pesantren", "input", "pesantren.address", True, placeholder="Jl. Contoh No. 1, Pengaron"),
    FormField("location", "Koordinat pesantren", "input", "pesantren.location",
              description="Dari Google Maps: tekan lama lokasinya, salin angkanya.", placeholder="-3.41, 114.84"),
    FormField("website", "Situs web pesantren", "input", "pesantren.website", placeholder="https://…"),
    FormField("cooperative", "Nama koperasi (kopontren)", "input", "cooperative.name", True, placeholder="Kopontren Darul Ilmi"),
    FormField("legal_entity", "Nomor SK badan hukum koperasi", "input", "cooperative.legal_entity",
              placeholder="AHU-0001234.AH.01.26.TAHUN 2024"),
    FormField("nib", "NIB koperasi (13 angka)", "input", "cooperative.nib"),
    FormField("founded", "Tahun koperasi berdiri", "input", "cooperative.founded", placeholder="2010"),
    FormField("members", "Jumlah anggota koperasi", "input", "cooperative.members"),
    FormField("opop_since", "Tahun bergabung dengan OPOP", "input", "cooperative.opop_since"),
    FormField("contact_name", "Nama yang dihubungi pembeli", "input", "contact.name", True, placeholder="Ustadz Ahmad"),
    FormField("contact_role", "Jabatan", "input", "contact.role", placeholder="Bendahara"),
    FormField("whatsapp", "Nomor WhatsApp", "input", "contact.whatsapp", True, placeholder="0811-5000-123"),
    FormField("email", "E-mail", "input", "contact.email"),
    FormField("links", "Tautan toko daring atau media sosial", "textarea", "contact.links", description="Satu tautan per baris, https://."),
    FormField("needs", "Yang dibutuhkan koperasi dari pesantren lain", "textarea", "needs",
              description="Satu per baris: kategori, titik dua, lalu kebutuhannya.",
              placeholder="kerajinan: kemasan anyaman purun untuk paket hadiah"),
    FormField("name_en", "Nama produk (bahasa Inggris)", "input", "name.en", placeholder="Pengaron Liberica Coffee"),
    FormField("summary_en", "Ringkasan (bahasa Inggris)", "input", "summary.en"),
    FormField("description_en", "Deskripsi (bahasa Inggris)", "textarea", "description.en"),
    FormField("price_unit_en", "Satuan harga (bahasa Inggris)", "input", "price.unit.en", placeholder="250 g pack"),
    FormField("name_ar", "Nama produk (bahasa Arab)", "input", "name.ar"),
    FormField("summary_ar", "Ringkasan (bahasa Arab)", "input", "summary.ar"),
    FormField("description_ar", "Deskripsi (bahasa Arab)", "textarea", "description.ar"),
)

# The correction form: which product, then the same fields, none required (empty = unchanged).
PRODUCT_PAGE = FormField("product", "Alamat halaman produk", "input", "", True,
                         "Salin dari peramban, atau tulis nama foldernya.", "https://…/produk/kopi-liberika-pengaron/")
CORRECTION_FIELDS: tuple[FormField, ...] = (PRODUCT_PAGE, *(
    FormField(f.id, f.label, f.type, f.path, False, f.description, f.placeholder, f.options, f.multiple)
    for f in PRODUCT_FIELDS))
CONSENT_LABEL = "Pernyataan"  # the checkboxes GitHub itself requires; nothing to read from them
BY_LABEL = {f.label: f for f in CORRECTION_FIELDS} | {CONSENT_LABEL: FormField("consent", CONSENT_LABEL, "checkboxes")}


# --- the rendered body → values -----------------------------------------------------------


def parse_body(body: str) -> dict[str, str]:
    """{field id: value} from an issue body as GitHub renders a form; empty answers are "".

    Headings that are not the form's (a secretary's own `###` inside a textarea stays part of
    that textarea's value) and text before the first heading are kept where they belong."""
    values: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in (body or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = re.fullmatch(r"### (.+?)\s*", line)
        if heading and heading.group(1) in BY_LABEL:
            if current is not None:
                values[current] = _answer(lines)
            current, lines = BY_LABEL[heading.group(1)].id, []
        elif current is not None:
            lines.append(line)
    if current is not None:
        values[current] = _answer(lines)
    return values


def _answer(lines: list[str]) -> str:
    text = "\n".join(lines).strip()
    return "" if text == NO_RESPONSE else text


def _code(value: str, options: dict[str, str] | None = None) -> str:
    """A dropdown answer → its code ("63.03 — Kabupaten Banjar" → "63.03"); other text as typed."""
    if options:
        for code, label in options.items():
            if value == label:
                return code
    return value.split(" — ", 1)[0].strip()


# Photos: GitHub writes an attachment as an <img> tag (new uploader) or a Markdown image/link.
_IMAGE = re.compile(r"<img\b[^>]*?\bsrc=[\"']([^\"']+)[\"'][^>]*>|!\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)|\[[^\]]*\]\(\s*<?(https://[^)\s>]+)>?\s*\)")


def photo_entries(text: str) -> list[tuple[str, str]]:
    """(URL, the text written after it until the next photo) for every attachment, in order."""
    found = list(_IMAGE.finditer(text))
    out = []
    for index, match in enumerate(found):
        url = next(g for g in match.groups() if g)
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        caption = " ".join(re.sub(r"<[^>]*>", " ", text[match.end():end]).split())
        out.append((url.strip(), caption))
    return out


def _quantity(text: str) -> dict:
    """"20 bungkus" → {quantity: "20", unit: "bungkus"}; otherwise the text as the quantity,
    for the validator to explain."""
    match = re.fullmatch(r"([\d.,]+)\s+(.+)", text.strip())
    if match:
        return {"quantity": match.group(1), "unit": {"id": match.group(2)}}
    return {"quantity": text.strip(), "unit": {"id": ""}}


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,\n;]", text) if part.strip()]


def _set(data: dict, path: str, value) -> None:
    keys = path.split(".")
    for key in keys[:-1]:
        data = data.setdefault(key, {})
    data[keys[-1]] = value


def field_values(values: dict[str, str], only_given: bool = False) -> dict[str, object]:
    """{product field path: value} for the answered fields (all fields unless `only_given`),
    certificates, photos aside (see `certificates`, `photo_entries`)."""
    out: dict[str, object] = {}
    for field in PRODUCT_FIELDS:
        value = values.get(field.id, "")
        if not field.path or field.id.startswith("cert") or field.id in ("photos", "capacity_per"):
            continue
        if only_given and not value:
            continue
        if field.id in ("category", "regency"):
            out[field.path] = _code(value)
        elif field.id == "markets":
            by_label = {label: code for code, label in market_options().items()}
            out[field.path] = [by_label.get(v.strip(), v.strip()) for v in value.split(", ") if v.strip()]
        elif field.id == "export_ready":
            out[field.path] = {"Ya": "true", "Tidak": "false"}.get(value, value)
        elif field.id == "tags":
            out[field.path] = [t.lower() for t in _split(value)]  # keywords: lower case is no loss
        elif field.id == "export_countries":
            out[field.path] = [c.upper() if len(c) == 2 else c for c in _split(value)]
        elif field.id == "links":
            out[field.path] = [line.strip() for line in value.split("\n") if line.strip()]
        elif field.id in ("min_order", "capacity"):
            if value:
                out[field.path] = _quantity(value)
        elif field.id == "location":
            parts = [p.strip() for p in re.split(r"[,;\s]+", value) if p.strip()]
            out[field.path] = {"lat": parts[0], "lon": parts[1]} if len(parts) == 2 else ({"lat": value} if value else "")
        elif field.id == "needs":
            out[field.path] = [{"category": n.split(":", 1)[0].strip().lower(), "text": {"id": n.split(":", 1)[1].strip()}}
                               if ":" in n else {"category": "", "text": {"id": n.strip()}}
                               for n in value.split("\n") if n.strip()]
        else:
            out[field.path] = value
    if values.get("capacity_per") and (not only_given or "capacity" in out):
        out.setdefault("capacity", _quantity(values.get("capacity", "")))
        out["capacity"]["per"] = _code(values["capacity_per"])
    return out


def certificates(values: dict[str, str]) -> list[dict]:
    """The answered certificate rows (a row with only a type or only a number still counts,
    so the validator can say what is missing)."""
    out = []
    for n in range(1, MAX_CERTIFICATES + 1):
        kind, number, until = (values.get(f"cert{n}_{k}", "") for k in ("type", "number", "valid_until"))
        if kind or number or until:
            out.append({"type": _code(kind), "number": number, "valid_until": until})
    return out


def product_data(values: dict[str, str], photos: list[dict], updated: str) -> dict:
    """Nested product data for a new product from the "Produk baru" form."""
    data: dict = {}
    for path, value in field_values(values).items():
        _set(data, path, value)
    data["certifications"] = certificates(values)
    data["photos"] = photos
    data["updated"] = updated
    for key in ("name", "summary", "description", "packaging"):  # one language: a plain string
        if isinstance(data.get(key), dict) and set(k for k, v in data[key].items() if v) <= {"id"}:
            data[key] = data[key].get("id", "")
    return data


# --- problems → form fields ---------------------------------------------------------------

_BY_PATH = {f.path: f for f in PRODUCT_FIELDS if f.path}


def field_label(path: str) -> str:
    """The form field a problem at product field `path` was typed in."""
    photo = re.match(r"photos\[(\d+)\]", path)
    if photo:
        return f"Foto ke-{int(photo.group(1)) + 1}"
    cert = re.match(r"certifications\[(\d+)\]\.(type|number|valid_until)", path)
    if cert:
        return f"Sertifikat {int(cert.group(1)) + 1}: " + {"type": "jenis", "number": "nomor", "valid_until": "berlaku sampai"}[cert.group(2)]
    if path.startswith("certifications"):
        return "Sertifikat 1: jenis"
    if re.match(r"needs\[\d+\]", path) or path == "needs":
        return _BY_PATH["needs"].label
    for candidate in (path, path.rsplit(".", 1)[0], path.split(".", 1)[0], path.split("[", 1)[0]):
        if candidate in _BY_PATH:
            return _BY_PATH[candidate].label
        if f"{candidate}.id" in _BY_PATH:
            return _BY_PATH[f"{candidate}.id"].label
    if path.startswith("capacity"):
        return _BY_PATH["capacity"].label
    if path.startswith("min_order"):
        return _BY_PATH["min_order"].label
    return path or "formulir"


def slug_from(values: dict[str, str]) -> str:
    """The folder name for a new product: its name in lower-case ASCII words joined by hyphens
    (3–60 characters); "produk" when the name has no letters to use."""
    import unicodedata

    name = unicodedata.normalize("NFKD", values.get("name", "")).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", name.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 60:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug if len(slug) >= 3 else "produk"


def slug_from_page(text: str) -> str:
    """The product folder named by a page address (…/produk/<slug>/, also /en/ and /ar/) or typed as is."""
    match = re.search(r"/produk/([^/?#\s]+)", text)
    return (match.group(1) if match else text.strip().strip("/")).lower()
