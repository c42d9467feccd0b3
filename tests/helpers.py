"""Tiny catalogues for tests, written from dicts into a temporary folder."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml
from PIL import Image

VALID = {
    "name": {"id": "Kopi Contoh", "en": "Example Coffee"},
    "summary": {"id": "Kopi sangrai dari kebun santri.", "en": "Roasted coffee from the students' garden."},
    "description": {"id": "Biji kopi dipetik merah.\n\n- Berat bersih 250 g\n", "en": "Red-picked beans."},
    "category": "minuman",
    "tags": ["kopi"],
    "pesantren": {"name": "Pondok Pesantren Contoh", "regency": "63.03", "address": "Jl. Contoh No. 1, Martapura"},
    "cooperative": {"name": "Kopontren Contoh", "legal_entity": "AHU-0001234.AH.01.26.TAHUN 2024"},
    "price": {"min": "35000", "unit": {"id": "bungkus 250 g", "en": "250 g pack"}},
    "min_order": {"quantity": "20", "unit": {"id": "bungkus", "en": "packs"}},
    "capacity": {"quantity": "1500", "unit": {"id": "bungkus", "en": "packs"}, "per": "month"},
    "certifications": [{"type": "halal", "number": "ID63110000123450824", "valid_until": "2028-08-01"}],
    "markets": ["regional", "national"],
    "photos": [{"file": "kemasan.jpg", "alt": {"id": "Kemasan kopi", "en": "A coffee pack"}}],
    "contact": {"name": "Ustadz Contoh", "role": "Bendahara", "whatsapp": "0811-5000-0001"},
    "updated": "2024-10-03",
}


class _Dumper(yaml.SafeDumper):
    pass


# Quote every string so the test data means exactly what the dict says.
_Dumper.add_representer(str, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style='"' if "\n" not in s else "|"))


def product_yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def write_photo(path: Path, size=(1200, 900), color=(160, 90, 40)) -> Path:
    Image.new("RGB", size, color).save(path, "JPEG", quality=70)
    return path


def write_product(products_dir: Path, slug: str = "kopi-contoh", text: str | None = None, photos=("kemasan.jpg",), **overrides) -> Path:
    """Write products/<slug>/product.yml (VALID with top-level `overrides`; a value of None
    removes the key) or the exact `text`, plus the named photos. Returns the product.yml path."""
    folder = Path(products_dir) / slug
    folder.mkdir(parents=True, exist_ok=True)
    data = copy.deepcopy(VALID)
    data["pesantren"]["name"] = f"Pondok Pesantren {slug}"
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    file = folder / "product.yml"
    file.write_text(text if text is not None else product_yaml(data), encoding="utf-8")
    for name in photos:
        write_photo(folder / name)
    return file
