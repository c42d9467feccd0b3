"""Product data → the text of a product.yml, as a careful person would write it.

Every path that creates or changes product files without a person typing YAML (the issue
forms, the spreadsheet import) writes through here: keys in the format's order, block style,
the editor modeline on top, multi-line text as `|` blocks, phone numbers always in double
quotes (the validator insists: unquoted, a leading 0 is lost elsewhere), and any other text in
quotes exactly when plain YAML would read it as something else. Changes to an existing file go
through ruamel.yaml's round trip, so the secretary's comments and layout stay where they were.

Values are what the file should say: text (str), whole numbers (int), dates, lists and dicts
of those. Nothing here checks them: the validator reads the result back like any other file.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from datetime import date
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.nodes import ScalarNode as RuamelScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from catalogue.products.schema import PRODUCT, Boolean, Day, Decimal, Integer, ListOf, Obj, Phone

_RESOLVER = VersionedResolver()
MODELINE = "# yaml-language-server: $schema=../../catalogue/schema/product.schema.json\n"


def modeline() -> str:
    """The editor's schema line: a repository made by `build.py init` keeps its schema in
    schema/ (it has no catalogue/ folder); this one in catalogue/schema/."""
    if Path("schema/product.schema.json").is_file() and not Path("catalogue/schema/product.schema.json").is_file():
        return MODELINE.replace("../../catalogue/schema/", "../../schema/")
    return MODELINE


def _yaml() -> YAML:
    y = YAML()  # round-trip: keeps comments, key order and quoting of what it read
    y.indent(mapping=2, sequence=4, offset=2)  # `  - file: …`, as in the samples
    y.width = 4096  # never fold a long line: a secretary edits these in the web editor
    y.preserve_quotes = True
    return y


def _shape(value: Any, kind: Any) -> Any:
    """`value` as ruamel nodes, keys ordered as `kind` declares them."""
    if isinstance(kind, Obj) and isinstance(value, dict):
        out = CommentedMap()
        for field in kind.fields:
            if value.get(field.key) not in (None, "", [], {}):
                out[field.key] = _shape(value[field.key], field.kind)
        for key in value:  # keys the format does not know stay visible, for the validator to name
            if key not in out and value[key] not in (None, "", [], {}) and kind.field(key) is None:
                out[key] = _shape(value[key], None)
        return out
    if isinstance(kind, ListOf) and isinstance(value, list):
        seq = CommentedSeq(_shape(v, kind.item) for v in value)
        if kind.item is not None and not isinstance(kind.item, Obj):
            seq.fa.set_flow_style()  # markets: [regional, national]
        return seq
    if isinstance(value, dict):  # a Text in several languages, or an unknown mapping
        return CommentedMap((k, _shape(v, None)) for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list):
        return CommentedSeq(_shape(v, None) for v in value)
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").strip()
        if isinstance(kind, Phone):
            return DoubleQuotedScalarString(value)
        typed = _typed(value, kind)
        if typed is not None:
            return typed
        if _misread(value):  # "63.10", "0812…", "NO": in double quotes, as the format's examples
            return DoubleQuotedScalarString(value)
        if "\n" in value:
            return LiteralScalarString(value + "\n")
    return value


def _misread(text: str) -> bool:
    """Would a YAML 1.1 reader (PyYAML, most tools) take this text, written plain, for
    something other than text: a number, a date, a boolean, null?"""
    plain = (True, False)
    return (yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, plain) != "tag:yaml.org,2002:str"
            or _RESOLVER.resolve(RuamelScalarNode, text, plain) != "tag:yaml.org,2002:str")  # and YAML 1.2


def _typed(text: str, kind: Any) -> Any:
    """A number, date or boolean written exactly as `text` reads, so it is written plain
    (`min: 35000`, `updated: 2026-11-28`) instead of quoted; None when `text` is not one."""
    if isinstance(kind, Integer) and re.fullmatch(r"[1-9]\d{0,14}|0", text):
        return int(text)
    if isinstance(kind, Decimal) and re.fullmatch(r"-?\d{1,3}\.\d{1,8}", text) and repr(float(text)) == text:
        return float(text)
    if isinstance(kind, Boolean) and text in ("true", "false"):
        return text == "true"
    if isinstance(kind, Day) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    return None


def _pruned(value: Any) -> Any:
    """`value` without empty texts, lists and mappings, at any depth (`export: {}` says nothing)."""
    if isinstance(value, dict):
        value = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in value.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [v for v in (_pruned(v) for v in value) if v not in (None, "", [], {})]
    return value.strip() if isinstance(value, str) else value


def product_text(data: dict) -> str:
    """The whole text of a new product.yml for `data` (empty values left out)."""
    out = io.StringIO()
    _yaml().dump(_shape(_pruned(data), PRODUCT), out)
    return modeline() + out.getvalue()


def _kind_at(path: list[str]) -> Any:
    kind: Any = PRODUCT
    for key in path:
        if isinstance(kind, ListOf):
            kind = kind.item
        if isinstance(kind, Obj):
            field = kind.field(key)
            kind = field.kind if field else None
        else:
            return None
    return kind


def update_text(source: str, changes: dict[str, Any]) -> str:
    """`source` with each dotted path in `changes` ("price.min", "photos") set to its value, or
    removed when the value is None; every other line, comments included, is kept."""
    y = _yaml()
    doc = y.load(source)
    for dotted, value in changes.items():
        keys = dotted.split(".")
        parent = doc
        for depth, key in enumerate(keys[:-1]):
            here = parent.get(key)
            if isinstance(here, str) and keys[depth + 1] == "id" and depth + 2 == len(keys):
                keys = keys[:depth + 1]  # `name: Kopi` stays one string when only Indonesian changes
                break
            if isinstance(here, str):  # a plain Indonesian text gains a translation
                parent[key] = CommentedMap(id=here)
            elif not isinstance(here, dict):
                parent[key] = CommentedMap()
            parent = parent[key]
        if value is None:
            parent.pop(keys[-1], None)
        else:
            parent[keys[-1]] = _shape(_pruned(value), _kind_at(keys))
    out = io.StringIO()
    y.dump(doc, out)
    return out.getvalue()


def read_data(source: str) -> dict:
    """The file's values as plain text, lists and dicts (no YAML type guessing), for comparing
    with new values."""
    def plain(node: Any) -> Any:
        if isinstance(node, dict):
            return {str(k): plain(v) for k, v in node.items()}
        if isinstance(node, list):
            return [plain(v) for v in node]
        if isinstance(node, date):
            return node.isoformat()
        return None if node is None else str(node).rstrip("\n") if isinstance(node, str) else str(node)

    y = YAML(typ="base")  # every scalar as text, like catalogue.products.load
    return plain(y.load(source)) or {}
