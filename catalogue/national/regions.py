"""Names of Indonesia's provinces and regencies by Kemendagri code, from the package's
`regions/indonesia-kabupaten.csv` (columns kode, nama, kode_provinsi, provinsi; read as text,
so "63.01" stays a code and never becomes a number)."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

CSV_FILE = Path(__file__).resolve().parents[1] / "regions" / "indonesia-kabupaten.csv"


class Regions(NamedTuple):
    provinces: dict[str, str]  # "63" → "Kalimantan Selatan"
    regencies: dict[str, str]  # "63.01" → "Kabupaten Tanah Laut"


@lru_cache(maxsize=None)
def regions() -> Regions:
    provinces: dict[str, str] = {}
    regencies: dict[str, str] = {}
    with CSV_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            provinces[row["kode_provinsi"].strip()] = row["provinsi"].strip()
            regencies[row["kode"].strip()] = row["nama"].strip()
    return Regions(provinces, regencies)
