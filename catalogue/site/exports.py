"""Open-data exports of the whole catalogue: `catalogue.json` and `catalogue.csv`.

Both are published at stable addresses (`/data/catalogue.json`, `/data/catalogue.csv`) so a
trade agency can take the catalogue as data. The JSON carries every published field and is
versioned (`format_version`); the CSV has one row per product and a UTF-8 byte-order mark,
because Excel only detects UTF-8 with it. Both are deterministic: no timestamps, sorted keys.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from catalogue.products.model import Catalogue, Product, Text

FORMAT_VERSION = 1
JSON_PATH = "data/catalogue.json"
CSV_PATH = "data/catalogue.csv"


def _plain(value):
    """Model values → JSON-ready values (dates as ISO text, Text as {id, en, ar} without gaps)."""
    if isinstance(value, Text):
        return {lang: text for lang, text in (("id", value.id), ("en", value.en), ("ar", value.ar)) if text}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None and v != () and v != []}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def product_record(product: Product, site_url: str, photo_urls: list[str]) -> dict:
    """Every published field of one product, with its page address and photo URLs."""
    fields = {f: getattr(product, f) for f in product.__dataclass_fields__ if f != "source"}
    record = _plain({k: (v if not hasattr(v, "__dataclass_fields__") or isinstance(v, Text) else _dataclass_dict(v)) for k, v in fields.items()})
    record["certifications"] = [_plain(_dataclass_dict(c)) for c in product.certifications]
    record["photos"] = [
        _plain({"url": url, "alt": photo.alt, "caption": photo.caption, "width": photo.width, "height": photo.height})
        for photo, url in zip(product.photos, photo_urls)
    ]
    record["needs"] = [_plain(_dataclass_dict(n)) for n in product.needs]
    record["url"] = site_url + product.url
    return record


def _dataclass_dict(obj) -> dict:
    """Shallow: nested dataclasses become dicts, Text stays Text (asdict would flatten it)."""
    out = {}
    for name in obj.__dataclass_fields__:
        value = getattr(obj, name)
        if hasattr(value, "__dataclass_fields__") and not isinstance(value, Text):
            value = _dataclass_dict(value)
        out[name] = value
    return out


def catalogue_json(catalogue: Catalogue, site_url: str, photo_urls: dict[str, list[str]]) -> str:
    data = {
        "format": "katalog-opop-kalsel",
        "format_version": FORMAT_VERSION,
        "documentation": site_url + "data/",
        "products": [product_record(p, site_url, photo_urls.get(p.slug, [])) for p in catalogue.products],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


CSV_COLUMNS = (
    "slug", "url", "name_id", "name_en", "name_ar", "summary_id", "summary_en", "category", "tags",
    "pesantren", "pesantren_nspp", "regency", "address", "lat", "lon", "website",
    "cooperative", "legal_entity", "nib", "founded", "members", "opop_since",
    "price_min", "price_max", "price_unit", "min_order", "min_order_unit", "capacity", "capacity_unit", "capacity_per",
    "shelf_life_months", "packaging", "hs_code", "certifications", "markets", "export_ready", "export_countries",
    "contact", "contact_role", "whatsapp", "email", "links", "photo", "updated",
    # Added later, at the end so existing column positions stay: with these the CSV imports
    # back into the same products (`build.py import`), photos and a few translations aside.
    "summary_ar", "description_id", "description_en", "description_ar", "needs",
    "price_unit_en", "min_order_unit_en", "capacity_unit_en", "packaging_en",
)


def _row(product: Product, site_url: str, photo_urls: list[str]) -> dict:
    p, c, pr = product.pesantren, product.cooperative, product.price
    certs = "; ".join(f"{x.type}:{x.number}" + (f" (s.d. {x.valid_until.isoformat()})" if x.valid_until else "") for x in product.certifications)
    return {
        "slug": product.slug, "url": site_url + product.url,
        "name_id": product.name.id, "name_en": product.name.en, "name_ar": product.name.ar,
        "summary_id": product.summary.id, "summary_en": product.summary.en,
        "category": product.category, "tags": "; ".join(product.tags),
        "pesantren": p.name, "pesantren_nspp": p.nspp, "regency": p.regency, "address": p.address,
        "lat": p.location.lat if p.location else None, "lon": p.location.lon if p.location else None, "website": p.website,
        "cooperative": c.name, "legal_entity": c.legal_entity, "nib": c.nib, "founded": c.founded, "members": c.members, "opop_since": c.opop_since,
        "price_min": pr.min, "price_max": pr.max, "price_unit": pr.unit.id,
        "min_order": product.min_order.quantity if product.min_order else None, "min_order_unit": product.min_order.unit.id if product.min_order else None,
        "capacity": product.capacity.quantity if product.capacity else None, "capacity_unit": product.capacity.unit.id if product.capacity else None,
        "capacity_per": product.capacity.per if product.capacity else None,
        "shelf_life_months": product.shelf_life_months, "packaging": product.packaging.id if product.packaging else None, "hs_code": product.hs_code,
        "certifications": certs, "markets": "; ".join(product.markets),
        "export_ready": {True: "true", False: "false", None: None}[product.export.ready], "export_countries": "; ".join(product.export.countries),
        "contact": product.contact.name, "contact_role": product.contact.role, "whatsapp": product.contact.whatsapp,
        "email": product.contact.email, "links": "; ".join(product.contact.links),
        "photo": photo_urls[0] if photo_urls else None, "updated": product.updated.isoformat(),
        "summary_ar": product.summary.ar, "description_id": product.description.id,
        "description_en": product.description.en, "description_ar": product.description.ar,
        "needs": "; ".join(f"{n.category}: {n.text.id}" for n in product.needs),
        "price_unit_en": pr.unit.en, "min_order_unit_en": product.min_order.unit.en if product.min_order else None,
        "capacity_unit_en": product.capacity.unit.en if product.capacity else None,
        "packaging_en": product.packaging.en if product.packaging else None,
    }


def catalogue_csv(catalogue: Catalogue, site_url: str, photo_urls: dict[str, list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for product in catalogue.products:
        writer.writerow({k: ("" if v is None else v) for k, v in _row(product, site_url, photo_urls.get(product.slug, [])).items()})
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
