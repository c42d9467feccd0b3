"""Open data: catalogue.json and catalogue.csv carry every product and every field."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from catalogue.site.exports import CSV_COLUMNS, FORMAT_VERSION, catalogue_csv, catalogue_json
from catalogue.products.validate import check_catalogue

ROOT = Path(__file__).parent.parent
SITE = "https://opop.example/katalog/"


@pytest.fixture(scope="module")
def samples():
    result = check_catalogue(ROOT / "products", today=date(2026, 11, 28))
    assert result.catalogue is not None
    return result.catalogue


def test_json_round_trip(samples):
    urls = {p.slug: [f"{SITE}media/{p.slug}-{i}.jpg" for i in range(len(p.photos))] for p in samples.products}
    data = json.loads(catalogue_json(samples, SITE, urls))
    assert data["format_version"] == FORMAT_VERSION
    assert [r["slug"] for r in data["products"]] == [p.slug for p in samples.products]
    for record, product in zip(data["products"], samples.products):
        assert record["url"] == f"{SITE}produk/{product.slug}/"
        assert record["name"]["id"] == product.name.id and record["name"].get("en") == product.name.en
        assert record["description"]["id"] == product.description.id
        assert record["price"]["min"] == product.price.min and record["price"].get("max") == product.price.max
        assert record["pesantren"]["regency"] == product.pesantren.regency
        assert record["contact"]["whatsapp"] == product.contact.whatsapp
        assert record["updated"] == product.updated.isoformat()
        assert [c["number"] for c in record.get("certifications", [])] == [c.number for c in product.certifications]
        assert [p["url"] for p in record["photos"]] == urls[product.slug]
        assert all(p["alt"]["id"] for p in record["photos"])
        assert record.get("markets") == list(product.markets)
        assert len(record.get("needs", [])) == len(product.needs)
        assert "source" not in record  # no local file paths in public data


def test_csv_opens_in_excel_and_round_trips(samples):
    raw = catalogue_csv(samples, SITE, {})
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel detects UTF-8 only with a BOM
    rows = list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    assert list(rows[0].keys()) == list(CSV_COLUMNS)
    assert len(rows) == len(samples.products)
    for row, product in zip(rows, samples.products):
        assert row["slug"] == product.slug
        assert row["name_id"] == product.name.id
        assert int(row["price_min"]) == product.price.min
        assert row["whatsapp"] == product.contact.whatsapp
        assert row["regency"] == product.pesantren.regency
        assert row["markets"].split("; ") == list(product.markets)


def test_exports_are_deterministic(samples):
    assert catalogue_json(samples, SITE, {}) == catalogue_json(samples, SITE, {})
    assert catalogue_csv(samples, SITE, {}) == catalogue_csv(samples, SITE, {})
