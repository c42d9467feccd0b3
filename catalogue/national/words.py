"""The national site's own words (Indonesian), kept small: the province site's locale tables
(catalogue/locales) describe a province's pages; the few strings shared with them are taken
from there so both sites say the same thing the same way."""

from __future__ import annotations

from catalogue.locales import STRINGS

_SHARED = STRINGS["id"]

WORDS = {
    "search.label": _SHARED["search.label"],
    "search.placeholder": "Cari: kopi, batik, madu, sasirangan…",
    "search.filters": _SHARED["search.filters"],
    "search.clear": _SHARED["search.clear"],
    "search.loading": _SHARED["search.loading"],
    "search.count": _SHARED["search.count"],
    "search.none": _SHARED["search.none"],
    "search.error": "Pencarian tidak dapat dimuat. Lihat produk per provinsi di bawah.",
    "search.more": _SHARED["search.more"],
    "search.active": _SHARED["search.active"],
    "search.noscript": "Pencarian memerlukan JavaScript. Lihat produk per provinsi atau per kategori di bawah.",
    "sort.label": _SHARED["sort.label"],
    "sort.relevance": _SHARED["sort.relevance"],
    "sort.price_asc": _SHARED["sort.price_asc"],
    "sort.price_desc": _SHARED["sort.price_desc"],
    "skip": "Langsung ke isi",
    "nav.search": "Cari",
    "nav.provinces": "Provinsi",
    "nav.categories": "Kategori",
    "home.intro": "Produk unggulan koperasi pondok pesantren (One Pesantren One Product) dari seluruh provinsi, "
                  "dalam satu pencarian. Setiap produk tertaut ke halamannya di katalog provinsinya.",
    "home.provinces": "Provinsi",
    "home.categories": "Kategori",
    "filter.province": "Provinsi",
    "filter.category": "Kategori",
    "filter.regency": "Kabupaten/Kota",
    "products": "{n} produk",
    "page": "Halaman {n} dari {total}",
    "prev": "Sebelumnya",
    "next": "Berikutnya",
    "visit_province": "Katalog provinsi ini",
    "stale": "Data provinsi ini tidak dapat diperbarui pada pembangunan terakhir; yang tampil adalah data terakhir yang baik, diambil {date}.",
    "missing": "Data provinsi ini belum pernah berhasil diambil.",
    "fetched": "Data per {date}.",
    "footer": "Data terbuka dari katalog OPOP setiap provinsi. Harga dan ketersediaan: lihat halaman produk di katalog provinsinya.",
    "footer.data": "Status sumber data (JSON)",
    "unit": "/ {unit}",
}


def say(key: str, **values) -> str:
    text = WORDS[key]
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text
