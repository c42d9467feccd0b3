"""Closed vocabularies shipped with the catalogue, with labels per language.

Codes are what product files contain; labels are what buyers read.
"""

import functools
import re
from collections.abc import Iterator, Mapping

from catalogue import region
from catalogue.products.model import Text

CATEGORIES: dict[str, Text] = {
    "makanan": Text("Makanan", "Food", "أطعمة"),
    "minuman": Text("Minuman", "Drinks", "مشروبات"),
    "kerajinan": Text("Kerajinan", "Crafts", "حرف يدوية"),
    "fesyen": Text("Fesyen & Kain", "Textiles & Fashion", "أزياء ومنسوجات"),
    "pertanian": Text("Pertanian & Perkebunan", "Crops & Plantation", "زراعة"),
    "perikanan": Text("Perikanan", "Fish & Seafood", "أسماك"),
    "peternakan": Text("Peternakan & Madu", "Livestock & Honey", "ثروة حيوانية وعسل"),
    "herbal": Text("Herbal & Kosmetik", "Herbal & Cosmetics", "أعشاب ومستحضرات تجميل"),
    "rumah-tangga": Text("Keperluan Rumah Tangga", "Household Goods", "أدوات منزلية"),
    "jasa": Text("Jasa", "Services", "خدمات"),
}

class _RegencyNames(Mapping[str, Text]):
    """Kemendagri code → names of the active province's regencies (catalogue/region.py), in
    the region file's order. A view, not a copy: a build for another province (its region
    file named in mkdocs.yml) sees its own regencies through the same name."""

    def _table(self) -> dict[str, Text]:
        return _texts(region.current())

    def __getitem__(self, code: str) -> Text:
        return self._table()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())

    def __contains__(self, code: object) -> bool:
        return code in self._table()

    def __repr__(self) -> str:
        return f"REGENCIES({list(self)})"


class _RegencySlugs(Mapping[str, str]):
    """Kemendagri code → the regency's slug in addresses: "63.03" → "banjar", "63.71" →
    "kota-banjarmasin"."""

    def __getitem__(self, code: str) -> str:
        return _slugs(region.current())[code]

    def __iter__(self) -> Iterator[str]:
        return iter(_slugs(region.current()))

    def __len__(self) -> int:
        return len(_slugs(region.current()))


@functools.cache
def _texts(area: region.Region) -> dict[str, Text]:
    return {code: Text(names["id"], names.get("en"), names.get("ar")) for code, names in area.regencies.items()}


@functools.cache
def _slugs(area: region.Region) -> dict[str, str]:
    return {code: re.sub(r"[^a-z0-9-]+", "-", label.id.lower().replace("kabupaten ", "").replace("kota ", "kota-").replace(" ", "-")).strip("-")
            for code, label in _texts(area).items()}


REGENCIES: Mapping[str, Text] = _RegencyNames()
REGENCY_SLUGS: Mapping[str, str] = _RegencySlugs()

CERTIFICATION_TYPES: dict[str, Text] = {
    "halal": Text("Halal", "Halal", "حلال"),
    "pirt": Text("P-IRT", "P-IRT (home industry food permit)", "تصريح صناعة غذائية منزلية"),
    "bpom-md": Text("BPOM MD", "BPOM MD (national food registration)", "تسجيل BPOM MD"),
    "bpom-ml": Text("BPOM ML", "BPOM ML (imported food registration)", "تسجيل BPOM ML"),
    "sni": Text("SNI", "SNI (Indonesian National Standard)", "المعيار الوطني الإندونيسي"),
    "other": Text("Lainnya", "Other", "أخرى"),
}

MARKETS: dict[str, Text] = {
    "regional": Text("Regional", "Regional", "إقليمي"),
    "national": Text("Nasional", "National", "وطني"),
    "international": Text("Internasional", "International", "دولي"),
}

CAPACITY_PERIODS: dict[str, Text] = {
    "week": Text("minggu", "week", "أسبوع"),
    "month": Text("bulan", "month", "شهر"),
    "year": Text("tahun", "year", "سنة"),
}

