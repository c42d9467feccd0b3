"""The committed JSON Schema file, generated from catalogue.products.schema.PRODUCT."""

from __future__ import annotations

import json
from pathlib import Path

from catalogue.products.schema import json_schema

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "product.schema.json"


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(), encoding="utf-8")
    return path
