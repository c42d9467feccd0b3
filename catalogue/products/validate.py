"""Raw product files → a `Catalogue`, or every problem found in every file.

Gather first, then decide: all folders are read and checked, rules across files run on what
could be read, and only a catalogue with no errors is returned (design.md: "a catalogue with
an error never produces a site").
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import partial
from datetime import date
from pathlib import Path

from catalogue.products import model
from catalogue.clock import reference_day, today as default_today
from catalogue.products.markdown_text import find_description_problems as description_problems, link_as_written
from catalogue.products.imageinfo import ImageRejected, inspect_image
from catalogue.products.load import Mapping, Node, Placeholder, Scalar, Sequence, read_product_file
from catalogue.products.placeholders import MARK, placeholder_lines
from catalogue.products.problems import ERROR, WARNING, Problem, Problems, is_invisible, visible
from catalogue.products.schema import PRODUCT, REQUIRED, SLUG_PATTERN, WARN_IF_MISSING, Invalid, ListOf, Obj
from catalogue import region

PRODUCT_FILE = "product.yml"
LEGAL_ENTITY_SHAPE = re.compile(r"AHU-\d{7}\.AH\.01\.\d{2}\.TAHUN \d{4}")


@dataclass(frozen=True)
class CheckResult:
    catalogue: model.Catalogue | None  # None when any error was found
    problems: list[Problem]  # sorted, errors and warnings

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def shown(path: Path) -> str:
    """The path as a user should see it: relative to the working directory when inside it,
    with invisible characters escaped (`abon\\u200b-haruan` must not look like a valid name)."""
    try:
        text = Path(os.path.relpath(path)).as_posix() if not os.path.relpath(path).startswith("..") else path.as_posix()
    except ValueError:  # another drive on Windows
        text = path.as_posix()
    return visible(text)


class _FileCheck:
    """Converts one product file's nodes along the schema, collecting problems."""

    def __init__(self, path: str, problems: Problems, source: str = ""):
        self.path = path
        self.problems = problems
        self.lines = source.splitlines()

    def locate(self, node: Node, needle: str) -> tuple[int, int]:
        """Where `needle` first appears as typed inside `node`'s value (a multi-line value's
        own mark is only where it starts); the node's mark when it was written another way
        (an escape in double quotes)."""
        end_line, end_col = getattr(node, "end", None) or (len(self.lines) + 1, 1)
        for index in range(node.line - 1, min(end_line, len(self.lines))):
            line = self.lines[index] if index + 1 < end_line else self.lines[index][: end_col - 1]
            col = line.find(needle, node.col - 1 if index == node.line - 1 else 0)
            if needle and col >= 0:
                return index + 1, col + 1
        return node.line, node.col

    def report(self, node: Node, field: str, code: str, severity: str = ERROR, **params) -> None:
        self.problems.add(self.path, node.line, node.col, field, code, severity, **params)

    def convert(self, kind, node: Node, where: str):
        """The converted value, or None after reporting why it could not be converted."""
        if isinstance(kind, Obj):
            return self.convert_obj(kind, node, where)
        if isinstance(kind, ListOf):
            return self.convert_list(kind, node, where)
        try:
            return kind.convert(node)
        except Invalid as exc:
            at = exc.node or node
            line, col = self.locate(at, exc.at) if exc.at else (at.line, at.col)
            self.problems.add(self.path, line, col, where + exc.suffix, exc.code, **exc.params)
            return None

    def convert_obj(self, obj: Obj, node: Node, where: str) -> dict | None:
        if not isinstance(node, Mapping):
            found = "daftar/list" if isinstance(node, Sequence) else f'"{node.text}"' if isinstance(node, Scalar) else "?"
            self.report(node, where, "type", expected=obj.expected, found=found)
            return None
        known = [f.key for f in obj.fields]
        out: dict = {}
        blank: set[str] = set()
        for key, (key_node, value_node) in node.items.items():
            field = obj.field(key)
            path = f"{where}.{key}" if where else key
            if field is None:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6) or difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.6)
                if close:
                    self.report(key_node, path, "unknown_key_suggest", found=visible(key), suggestion=close[0])
                else:
                    self.report(key_node, path, "unknown_key", found=visible(key), allowed=", ".join(known))
                continue
            if isinstance(value_node, Placeholder):  # an alias: reported where it was read
                blank.add(key)
                continue
            if isinstance(value_node, Scalar) and not value_node.text.strip() and value_node.plain:
                # `key:` with nothing after it: said at the key (its parent's line means nothing
                # to the reader); an optional key left blank counts as absent.
                blank.add(key)
                if field.need == REQUIRED:
                    code = "empty_block" if isinstance(field.kind, (Obj, ListOf)) else "empty_value"
                    self.report(key_node, path, code, key=key)
                elif field.need == WARN_IF_MISSING:
                    self.report(key_node, path, "empty_recommended", WARNING, key=key)
                continue
            value = self.convert(field.kind, value_node, path)
            if value is not None:
                out[key] = value
            out[f"@{key}"] = value_node  # keep the node so later rules can point at it
        for field in obj.fields:
            if field.key in out or f"@{field.key}" in out or field.key in blank:
                continue
            path = f"{where}.{field.key}" if where else field.key
            if field.need == REQUIRED:
                self.report(node, path, "missing")
            elif field.need == WARN_IF_MISSING:
                self.report(node, path, "missing_recommended", WARNING)
        return out

    def convert_list(self, kind: ListOf, node: Node, where: str) -> list | None:
        if isinstance(node, Scalar) and kind.item is not None and not isinstance(kind.item, Obj):
            # `tags: kopi` or `markets: regional`: a single value where a list is expected.
            self.report(node, where, "list_expected", found=f'"{node.text}"', example=f"[{node.text}]")
            return None
        if not isinstance(node, Sequence):
            self.report(node, where, "type", expected="daftar (- …)", found="teks" if isinstance(node, Scalar) else "pemetaan/mapping")
            return None
        if len(node.items) < kind.min_items:
            self.report(node, where, "list_too_short", minimum=kind.min_items, found=len(node.items))
        if kind.max_items is not None and len(node.items) > kind.max_items:
            self.report(node.items[kind.max_items], where, "list_too_long", maximum=kind.max_items, found=len(node.items))
        out, seen = [], {}
        for index, item in enumerate(node.items):
            value = self.convert(kind.item, item, f"{where}[{index}]")
            if value is None:
                continue
            if kind.unique and isinstance(value, str):
                if value in seen:
                    self.report(item, f"{where}[{index}]", "list_duplicate", found=value, first=seen[value])
                    continue
                seen[value] = index
            out.append(value)
        return out


# --- product-level rules (need several fields or the file system) ------------------------------


def text(value: dict | None) -> model.Text | None:
    return model.Text(value.get("id"), value.get("en"), value.get("ar")) if value else None


def check_certification(check: _FileCheck, cert: dict, where: str, day: date) -> model.Certification | None:
    kind, number, node = cert.get("type"), cert.get("number"), cert.get("@number")
    if kind is None or number is None:
        return None
    expires_year = None
    compact = re.sub(r"[\s-]", "", number)
    if kind == "halal":
        if not re.fullmatch(r"ID\d+", compact):
            check.report(node, f"{where}.number", "halal_shape", found=number)
            return None
        if len(compact) - 2 != 17:
            check.report(node, f"{where}.number", "halal_length", WARNING, digits=len(compact) - 2)
    elif kind == "pirt":
        if not re.fullmatch(r"\d{15}", compact):
            check.report(node, f"{where}.number", "pirt_shape", found=number)
            return None
        expires_year = 2000 + int(compact[-2:])
        if expires_year < day.year:
            check.report(node, f"{where}.number", "pirt_expired", WARNING, year=expires_year)
    elif kind in ("bpom-md", "bpom-ml"):
        prefix = kind[-2:].upper()
        if not re.fullmatch(prefix + r"\d{12}", compact):
            check.report(node, f"{where}.number", "bpom_shape", found=number, prefix=prefix)
            return None
    valid_until = cert.get("valid_until")
    if valid_until is not None and valid_until < day:
        check.report(cert["@valid_until"], f"{where}.valid_until", "certificate_expired", WARNING, found=valid_until.isoformat())
    return model.Certification(kind, number, valid_until, expires_year)


def check_photos(check: _FileCheck, folder: Path, photos: list[dict]) -> tuple[list[model.Photo], set[str]]:
    """Photo entries → model photos; also the set of file names the product names."""
    out, named, folded = [], set(), {}
    for index, entry in enumerate(photos):
        where = f"photos[{index}].file"
        name, node = entry.get("file"), entry.get("@file")
        if name is None:
            continue
        named.add(name)
        if "/" in name or "\\" in name or name in (".", "..") or name.startswith("."):
            check.report(node, where, "photo_path", found=name)
            continue
        key = unicodedata.normalize("NFKC", name).casefold()
        if key in folded:
            check.report(node, where, "photo_duplicate", found=name, first=folded[key])
            continue
        folded[key] = name
        source = folder / name
        if source.is_symlink():
            check.report(node, where, "symlink", found=name)
            continue
        if not source.is_file():
            present = sorted(p.name for p in folder.iterdir() if p.name != PRODUCT_FILE and p.is_file())
            close = difflib.get_close_matches(name, present, n=1, cutoff=0.5)
            if close:
                check.report(node, where, "photo_missing_suggest", found=visible(name), suggestion=visible(close[0]))
            else:
                check.report(node, where, "photo_missing", found=visible(name), present=", ".join(map(visible, present)) or "-")
            continue
        try:
            info = inspect_image(source)
        except ImageRejected as exc:
            check.report(node, where, exc.code, file=name, **exc.params)
            continue
        alt = text(entry.get("alt"))
        if alt is None:
            continue
        out.append(model.Photo(name, alt, source.resolve(), info.width, info.height, info.format, text(entry.get("caption"))))
    return out, named


def check_stray_files(check: _FileCheck, folder: Path, named: set[str]) -> None:
    for entry in sorted(folder.iterdir()):
        if entry.name == PRODUCT_FILE:
            continue
        if entry.is_symlink():
            check.problems.add(shown(entry), 0, 0, "", "symlink", found=visible(entry.name))
        elif entry.name not in named and entry.is_file() and looks_like_product_file(entry.name):
            check.problems.add(shown(entry), 0, 0, "", "product_file_twice", found=visible(entry.name))
        elif entry.name not in named:
            check.problems.add(shown(entry), 0, 0, "", "stray_file", found=visible(entry.name))


def build_product(check: _FileCheck, folder: Path, raw: dict, day: date, strict: bool, errors_before: int) -> model.Product | None:
    """Apply the rules that span fields; a Product only when no error was added since
    `errors_before` (so every field below is present and converted)."""
    description = raw.get("description")
    if description:
        node = raw["@description"]
        for lang, md in description.items():
            at = node.items[lang][1] if isinstance(node, Mapping) else node
            for code, params in description_problems(md):
                if code == "description_link":  # quoted and found as typed, not as decoded
                    params = {**params, "found": link_as_written(md, params["found"])}
                line, col = check.locate(at, params["found"].removesuffix("…"))
                check.problems.add(check.path, line, col, "description" + (f".{lang}" if isinstance(node, Mapping) else ""), code, **params)

    price = raw.get("price") or {}
    if price.get("max") is not None and price.get("min") is not None and price["max"] < price["min"]:
        check.report(price["@max"], "price.max", "price_range", min=price["min"], max=price["max"])

    pesantren = raw.get("pesantren") or {}
    location = pesantren.get("location")
    if location and "lat" in location and "lon" in location:
        area = region.current()  # the province of this catalogue (its region file)
        box = area.box
        if not (box["lat_min"] <= location["lat"] <= box["lat_max"] and box["lon_min"] <= location["lon"] <= box["lon_max"]):
            check.report(pesantren["@location"], "pesantren.location", "location_outside", lat=location["lat"], lon=location["lon"],
                         province=area.name_in("id"), **box)

    cooperative = raw.get("cooperative") or {}
    legal = cooperative.get("legal_entity")
    if legal and not LEGAL_ENTITY_SHAPE.fullmatch(legal):
        check.report(cooperative["@legal_entity"], "cooperative.legal_entity", "legal_entity_shape", WARNING, found=legal)

    certifications = []
    for index, cert in enumerate(raw.get("certifications") or []):
        converted = check_certification(check, cert, f"certifications[{index}]", day)
        if converted:
            certifications.append(converted)

    photos, named = check_photos(check, folder, raw.get("photos") or [])
    if "photos" in raw:  # without a readable photo list every file would look stray
        check_stray_files(check, folder, named)

    export = raw.get("export") or {}
    if strict and export.get("ready"):
        for key in ("name", "summary", "description"):
            if raw.get(key) and "en" not in raw[key]:
                check.report(raw[f"@{key}"], key, "strict_english")

    if check.problems.error_count > errors_before:
        return None
    contact = raw["contact"]
    return model.Product(
        slug=folder.name,
        source=(folder / PRODUCT_FILE).resolve(),
        name=text(raw["name"]),
        summary=text(raw["summary"]),
        description=text(raw["description"]),
        category=raw["category"],
        pesantren=model.Pesantren(
            name=pesantren["name"],
            regency=pesantren["regency"],
            address=pesantren["address"],
            nspp=pesantren.get("nspp"),
            location=model.Location(location["lat"], location["lon"]) if location else None,
            website=pesantren.get("website"),
        ),
        cooperative=model.Cooperative(**{k: v for k, v in cooperative.items() if not k.startswith("@")}),
        price=model.Price(price["min"], text(price["unit"]), price.get("max")),
        markets=tuple(raw["markets"]),
        photos=tuple(photos),
        contact=model.Contact(contact["name"], contact["whatsapp"], contact.get("role"), contact.get("email"), tuple(contact.get("links") or ())),
        updated=raw["updated"],
        tags=tuple(raw.get("tags") or ()),
        min_order=model.Quantity(raw["min_order"]["quantity"], text(raw["min_order"]["unit"])) if raw.get("min_order") else None,
        capacity=model.Capacity(raw["capacity"]["quantity"], text(raw["capacity"]["unit"]), raw["capacity"]["per"]) if raw.get("capacity") else None,
        shelf_life_months=raw.get("shelf_life_months"),
        packaging=text(raw.get("packaging")),
        hs_code=raw.get("hs_code"),
        certifications=tuple(certifications),
        export=model.Export(export.get("ready"), tuple(export.get("countries") or ())),
        needs=tuple(model.Need(n["category"], text(n["text"])) for n in raw.get("needs") or () if "category" in n and "text" in n),
    )


# What a product file gets called by phones, editors and downloads: `Product.yml`,
# `product.yaml`, `produk.yml`, `product.yml.txt`, `product (1).yml`, `product copy.yml`.
MISNAMED_PRODUCT_FILE = re.compile(r"(product|produk)s?(\s*\(\d+\)|[\s_-]*(\d+|copy|salinan))?\.(ya?ml|txt|ya?ml\.txt)")


def _folded(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", name).casefold() if not is_invisible(c)).strip()


def looks_like_product_file(name: str) -> bool:
    """`Product.yml`, `product.yaml`, `prodcut.yml`…: a file meant to be a product.yml."""
    key = _folded(name)
    return bool(MISNAMED_PRODUCT_FILE.fullmatch(key)) or (
        key.endswith((".yml", ".yaml")) and difflib.SequenceMatcher(None, key, PRODUCT_FILE).ratio() >= 0.8
    )


def misnamed_product_file(folder: Path) -> str | None:
    """The name of a file in `folder` that is meant to be its product.yml, if there is one."""
    names = sorted(entry.name for entry in folder.iterdir() if entry.is_file() and not entry.is_symlink())
    return next((name for name in names if looks_like_product_file(name)), None)


def check_folder(folder: Path, problems: Problems, day: date, strict: bool) -> model.Product | None:
    """One product folder → a Product, or None with its problems added."""
    file = folder / PRODUCT_FILE
    path = shown(file)
    errors_before = problems.error_count
    if not re.fullmatch(SLUG_PATTERN, folder.name) or not 3 <= len(folder.name) <= 60:
        problems.add(shown(folder), 0, 0, "", "slug_format", found=visible(folder.name))
    if file.is_symlink():
        problems.add(path, 0, 0, "", "symlink", found=PRODUCT_FILE)
        return None
    # By its exact name: on a case-insensitive disk (Windows, macOS) `Product.yml` would open
    # as product.yml here and then be missing on the build server.
    if PRODUCT_FILE not in os.listdir(folder) or not file.is_file():
        wrong = misnamed_product_file(folder)
        if wrong is not None:
            problems.add(shown(folder / wrong), 0, 0, "", "file_misnamed", found=visible(wrong))
        else:
            problems.add(path, 0, 0, "", "file_missing", folder=visible(folder.name))
        return None
    loaded = read_product_file(file, path, problems)
    if loaded is None:
        return None
    root, source = loaded
    if MARK in source:  # left by `build.py new` after guessed values: a price of 1, a generic alt
        lines = source.splitlines()
        for line, field in placeholder_lines(source):
            text = lines[line - 1] if line <= len(lines) else ""
            column = text.find(MARK) + 1 or len(text) - len(text.lstrip()) + 1
            problems.add(path, line, column, field, "placeholder")
    check = _FileCheck(path, problems, source)
    raw = check.convert_obj(PRODUCT, root, "")
    if raw is None:
        return None
    return build_product(check, folder, raw, day, strict, errors_before)


def normalise_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def check_across(products: list[model.Product], folders: list[Path], problems: Problems) -> None:
    """Rules that need every file: unique slugs and one flagship product per pesantren."""
    seen: dict[str, Path] = {}
    for folder in folders:
        key = normalise_name(folder.name)
        if key in seen:
            problems.add(shown(folder), 0, 0, "", "slug_collision", other=shown(seen[key]))
        else:
            seen[key] = folder
    by_nspp: dict[str, model.Product] = {}
    by_name: dict[str, model.Product] = {}
    for product in products:
        here = shown(product.source)
        nspp = product.pesantren.nspp
        first = (by_nspp.get(nspp) if nspp else None) or by_name.get(normalise_name(product.pesantren.name))
        if first is not None:
            problems.add(here, 0, 0, "pesantren", "pesantren_twice", other=shown(first.source), name=product.pesantren.name)
            continue
        if nspp:
            by_nspp[nspp] = product
        by_name[normalise_name(product.pesantren.name)] = product


# Below this many products, starting worker processes costs more than it saves.
PARALLEL_FROM = 200


def _check_folders(folders: list[Path], day: date, strict: bool) -> tuple[list[model.Product], list[Problem]]:
    problems = Problems()
    with reference_day(day):  # the schema's "not in the future" rules judge against `day`
        products = [p for p in (check_folder(f, problems, day, strict) for f in folders) if p is not None]
    return products, problems.items


def check_catalogue(products_dir: Path, today: date | None = None, strict: bool = False) -> CheckResult:
    """Read and check every product folder under `products_dir`.

    Never raises for bad input: every problem ends up in `CheckResult.problems`.
    """
    day = today or default_today()
    products_dir = Path(products_dir)
    problems = Problems()
    if not products_dir.is_dir():
        problems.add(shown(products_dir), 0, 0, "", "products_dir_missing")
        return CheckResult(None, problems.sorted())
    folders: list[Path] = []
    for entry in sorted(products_dir.iterdir()):
        if entry.name.startswith(".") or entry.name in ("README.md",):
            continue  # .gitkeep, editor folders; a README may explain the folder
        if entry.is_symlink():
            problems.add(shown(entry), 0, 0, "", "symlink", found=visible(entry.name))
        elif entry.is_dir():
            folders.append(entry)
        else:
            problems.add(shown(entry), 0, 0, "", "stray_top_level", found=visible(entry.name))
    products = []
    # Folders in consecutive runs on every core (catalogue/parallel.py); order is kept, so the
    # first product of a pesantren is the same either way.
    from catalogue.parallel import chunks, run_all

    runs = chunks(folders, (os.cpu_count() or 1) if len(folders) >= PARALLEL_FROM else 1)
    for found, found_problems in run_all([partial(_check_folders, run, day, strict) for run in runs]):
        products += found
        problems.extend(found_problems)
    check_across(products, folders, problems)
    if strict:
        problems.items = [Problem(p.path, p.line, p.col, p.field, p.code, p.params, ERROR) for p in problems.items]
    ordered = problems.sorted()
    if any(p.is_error for p in ordered):
        return CheckResult(None, ordered)
    return CheckResult(model.Catalogue(tuple(sorted(products, key=lambda p: p.slug)), day), ordered)
