"""`build.py import`: a spreadsheet (the template, or the published catalogue.csv) → product folders.

Gather, check, then write (design.md). Every row is read cell by cell
(catalogue.products.spreadsheet) and becomes the text of a product.yml (catalogue.products.writer).
All of them are written into a copy of the products folder and checked there by
`check_catalogue`, so every rule of the validator judges them, "one pesantren, one product"
included; each problem is pointed back at its cell. Only when no row has an error are the real
folders written. A row names its product by the `slug` column, else by its pesantren (one
pesantren, one product), else by a folder name made from the product name.

A row for an existing product changes nothing when it says the same (values are compared as
the validator reads them: "0811-5000-0001" and "+6281150000001" are the same number). When it
differs, it is an error unless `update`: then only the fields that differ are rewritten,
through ruamel's round trip, so the file's comments stay. A sheet manages the fields it has
columns for: an empty cell clears its field, a missing column leaves the field alone.
"""

from __future__ import annotations

import copy
import difflib
import os
import re
import shutil
import stat
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from catalogue.products.load import Mapping, Scalar, read_product_file
from catalogue.products.model import LANGUAGES
from catalogue.products.problems import ERROR, Problem, Problems
from catalogue.products.schema import PRODUCT, SLUG_PATTERN, Invalid, ListOf, MultiText, Obj
from catalogue.products.scaffold import slugify
from catalogue.products.spreadsheet import (
    CellProblem, Row, Sheet, SheetUnreadable, column_for, header_text, match_columns, read_row, read_sheet,
)
from catalogue.products.taxonomy import REGENCY_SLUGS
from catalogue.products.validate import PRODUCT_FILE, check_catalogue, normalise_name, shown
from catalogue.products.writer import product_text, read_data, update_text

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
CREATE, UPDATE, SAME, EXISTS = "create", "update", "same", "exists"
SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")

WORDS = {
    "id": {
        "created": "{folder}: dibuat ({photos} foto)",
        "would_create": "{folder}: akan dibuat ({photos} foto)",
        "changed": "{file}: {field} {old} → {new}",
        "photo_new": "{file}: foto baru",
        "photo_replaced": "{file}: foto diganti",
        "photo_removed": "{file}: foto dihapus",
        "done": "Impor selesai: {created} dibuat, {updated} diubah, {same} tidak berubah.",
        "dry": "Uji coba (--dry-run): {created} akan dibuat, {updated} akan diubah, {same} tidak berubah; tidak ada file yang ditulis.",
        "nothing": "Tidak ada yang berubah: {same} produk sama dengan {book}.",
        "no_rows": "Tidak ada baris produk di {book}.",
        "failed": "Impor dibatalkan: {errors} galat di {rows} baris; tidak ada file yang ditulis.",
        "skipped": "Dilewati: {examples} baris contoh, {blanks} baris kosong.",
        "elsewhere": "Catatan: {count} galat di produk lain yang tidak diubah lembar ini (jalankan `python build.py validate`).",
        "missing_file": "build.py import: {file} tidak ditemukan",
        "bad_suffix": "build.py import: {file}: diharapkan .xlsx atau .csv (perbaiki: simpan dari Excel/LibreOffice sebagai .xlsx atau CSV UTF-8)",
        "missing_dir": "build.py import: folder {folder} tidak ditemukan (perbaiki: periksa {flag})",
    },
    "en": {
        "created": "{folder}: created ({photos} photos)",
        "would_create": "{folder}: would be created ({photos} photos)",
        "changed": "{file}: {field} {old} → {new}",
        "photo_new": "{file}: new photo",
        "photo_replaced": "{file}: photo replaced",
        "photo_removed": "{file}: photo removed",
        "done": "Import done: {created} created, {updated} changed, {same} unchanged.",
        "dry": "Dry run (--dry-run): {created} would be created, {updated} would be changed, {same} unchanged; no file was written.",
        "nothing": "Nothing changed: {same} products are the same as in {book}.",
        "no_rows": "No product rows in {book}.",
        "failed": "Import cancelled: {errors} errors in {rows} rows; no file was written.",
        "skipped": "Skipped: {examples} example rows, {blanks} empty rows.",
        "elsewhere": "Note: {count} errors in other products this sheet does not change (run `python build.py validate`).",
        "missing_file": "build.py import: {file} not found",
        "bad_suffix": "build.py import: {file}: expected .xlsx or .csv (fix: save it from Excel/LibreOffice as .xlsx or UTF-8 CSV)",
        "missing_dir": "build.py import: folder {folder} not found (fix: check {flag})",
    },
}


# --- products already in the folder ------------------------------------------------------------


class Existing:
    """The product folders already there; each file is read only when a row needs it."""

    def __init__(self, products: Path):
        self.products = products
        self.slugs = sorted(p.name for p in products.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))
        self.folded = {s.casefold(): s for s in self.slugs}
        self._pesantren: dict[str, str] | None = None

    def has(self, slug: str) -> bool:
        return self.folded.get(slug.casefold()) == slug

    def text(self, slug: str) -> str | None:
        """The product file's text; None when it is missing, a link or not UTF-8."""
        file = self.products / slug / PRODUCT_FILE
        if file.is_symlink() or not file.is_file():
            return None
        try:
            return file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None

    def by_pesantren(self, nspp: str | None, name: str | None) -> str | None:
        """The folder whose product belongs to this pesantren (same NSPP, or the same name
        after normalising case and spaces), read with the strict loader."""
        if self._pesantren is None:
            self._pesantren = {}
            for slug in self.slugs:
                file = self.products / slug / PRODUCT_FILE
                loaded = read_product_file(file, slug, Problems()) if file.is_file() and not file.is_symlink() else None
                entry = loaded[0].items.get("pesantren") if loaded and isinstance(loaded[0], Mapping) else None
                if entry and isinstance(entry[1], Mapping):
                    for key, prefix in (("nspp", "nspp:"), ("name", "name:")):
                        node = entry[1].items.get(key, (None, None))[1]
                        if isinstance(node, Scalar) and node.text.strip():
                            self._pesantren.setdefault(prefix + normalise_name(node.text), slug)
        keys = ([f"nspp:{normalise_name(nspp)}"] if nspp else []) + ([f"name:{normalise_name(name)}"] if name else [])
        return next((self._pesantren[k] for k in keys if k in self._pesantren), None)


# --- comparing a row with a product file ---------------------------------------------------------


def kind_at(path: str) -> Any:
    """The schema kind of a dotted field path; None for one language of a Text."""
    kind: Any = PRODUCT
    for key in path.split("."):
        if not isinstance(kind, Obj):
            return None
        found = kind.field(key)
        kind = found.kind if found else None
    return kind


def _text(value: str) -> str:
    return value.replace("\r\n", "\n").strip()


def canon(value: Any, kind: Any) -> Any:
    """`value` as the validator would read it, for comparing: Texts as {lang: text}, numbers,
    dates and phone numbers converted; text the rule rejects stays text. Empty is None."""
    if value in (None, "", [], {}):
        return None
    if isinstance(kind, MultiText):
        value = {"id": value} if isinstance(value, str) else value
        return {k: _text(v) for k, v in value.items() if isinstance(v, str) and v.strip()} or None
    if isinstance(kind, Obj) and isinstance(value, dict):
        out = {k: canon(v, kind.field(k).kind if kind.field(k) else None) for k, v in value.items()}
        return {k: v for k, v in out.items() if v is not None} or None
    if isinstance(kind, ListOf) and isinstance(value, list):
        return [canon(v, kind.item) for v in value]
    if isinstance(value, str):
        if kind is not None and hasattr(kind, "convert"):
            try:
                return kind.convert(Scalar(0, 0, _text(value), False))
            except Invalid:
                pass
        return _text(value)
    return value


def get_path(data: dict, path: str) -> Any:
    """The value at a dotted path; `name.id` of a Text written as a plain string is that string."""
    keys = path.split(".")
    for index, key in enumerate(keys):
        if isinstance(data, str) and key == "id" and index == len(keys) - 1:
            return data
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def set_path(data: dict, path: str, value: Any) -> None:
    """Set (or with None remove) a dotted path, making parents as needed."""
    keys = path.split(".")
    for key in keys[:-1]:
        if not isinstance(data.get(key), dict):
            data[key] = {}
        data = data[key]
    if value is None:
        data.pop(keys[-1], None)
    else:
        data[keys[-1]] = value


def prune(value: Any) -> Any:
    """Without empty values and the mappings they leave empty."""
    if isinstance(value, dict):
        out = {k: prune(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})} or None
    return value


def _written(value: Any, kind: Any) -> Any:
    """A Text with only Indonesian is written as a plain string, as people write it."""
    if isinstance(kind, MultiText) and isinstance(value, dict) and set(value) == {"id"}:
        return value["id"]
    return value


@dataclass(frozen=True)
class Change:
    path: str
    old: Any
    new: Any


def compare(current: dict, values: dict[str, Any]) -> tuple[dict[str, Any], list[Change]]:
    """What `update_text` must set so the file says what the row says, and each change.

    One language of a Text is set on its own when the file writes the Text as a mapping; a Text
    written as a plain string is rewritten whole. A mapping left empty is removed whole."""
    merged = copy.deepcopy(current)
    units: set[str] = set()
    changes = []
    for path, new in values.items():
        if path == "slug" or canon(get_path(current, path), kind_at(path)) == canon(new, kind_at(path)):
            continue
        changes.append(Change(path, get_path(current, path), new))
        parent, _, last = path.rpartition(".")
        if last in LANGUAGES and isinstance(get_path(merged, parent), str):
            set_path(merged, parent, {"id": get_path(merged, parent)})
        set_path(merged, path, new)
        units.add(parent if last in LANGUAGES and isinstance(get_path(current, parent), str) else path)
    merged = prune(merged) or {}
    settled = set()
    for unit in units:
        while "." in unit and get_path(merged, unit.rpartition(".")[0]) is None and get_path(current, unit.rpartition(".")[0]) is not None:
            unit = unit.rpartition(".")[0]
        settled.add(unit)
    top = {u for u in settled if not any(u.startswith(other + ".") for other in settled)}
    return {u: _written(get_path(merged, u), kind_at(u)) for u in sorted(top)}, changes


def show(value: Any) -> str:
    """A value in one short line, for the list of changes."""
    if value in (None, "", [], {}):
        return "–"
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {show(v)}" for k, v in value.items()) + "}"
    text = " ".join(str(value).split())
    return text if len(text) <= 40 else text[:39] + "…"


def nest(values: dict[str, Any]) -> dict:
    """Dotted paths → the nested data of a new product file (empty cells left out)."""
    data: dict = {}
    for path, value in values.items():
        if path != "slug" and value not in (None, "", [], {}):
            set_path(data, path, copy.deepcopy(value))
    for path in ("name", "summary", "description", "price.unit", "min_order.unit", "capacity.unit", "packaging"):
        if get_path(data, path) is not None:
            set_path(data, path, _written(get_path(data, path), MultiText()))
    return data


# --- photos ----------------------------------------------------------------------------------


def resolve_photo(typed: str, photos: Path | None, folder: Path | None) -> tuple[str, Path | None, tuple[str, dict] | None]:
    """(file name in the product folder, file to copy or None to keep the folder's own, problem).

    A name may include subfolders of `photos` ("kopi/kemasan.jpg" → kemasan.jpg); it never
    leaves `photos`: no absolute path, no `..`, no hidden names, no symbolic link anywhere on
    the way, and only a regular file is taken."""
    parts = typed.split("/")
    if "\\" in typed or any(p in ("", ".", "..") or p.startswith(".") for p in parts):
        return typed, None, ("photo_bad_path", {"found": typed})
    name = parts[-1]
    if photos is not None:
        step = photos
        for part in parts:
            step = step / part
            if step.is_symlink():
                return name, None, ("photo_not_regular", {"found": typed})
        if step.exists():
            if not stat.S_ISREG(step.lstat().st_mode):
                return name, None, ("photo_not_regular", {"found": typed})
            return name, step, None
    if folder is not None and (folder / name).is_file() and not (folder / name).is_symlink():
        return name, None, None  # already in the product's folder
    if photos is None:
        return name, None, ("photo_no_folder", {"found": typed})
    near = step.parent
    present = {p.name.casefold(): p.name for p in sorted(near.iterdir()) if p.is_file()} if near.is_dir() else {}
    close = difflib.get_close_matches(name.casefold(), list(present), n=1, cutoff=0.8)  # mostly KEMASAN.JPG
    if close:
        return name, None, ("photo_not_found_suggest", {"found": typed, "folder": shown(near), "suggestion": present[close[0]]})
    return name, None, ("photo_not_found", {"found": typed, "folder": shown(near)})


def _same_bytes(a: Path, b: Path) -> bool:
    return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()


# --- planning each row ---------------------------------------------------------------------


@dataclass
class Plan:
    """What importing one row does to its folder."""

    row: Row
    slug: str  # "" when no folder name could be made
    folder: str  # the folder it is checked in: the slug, or a stand-in for a row without one
    action: str = CREATE
    text: str | None = None  # the product.yml to write
    copies: dict[str, Path] = field(default_factory=dict)  # file name → photo to copy in
    removals: list[str] = field(default_factory=list)  # photos the product no longer names
    changes: list[Change] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # photos whose file changes


def _problem(sheet: Sheet, row: Row, col: int | None, code: str, field_path: str = "", severity: str = ERROR, **params) -> CellProblem:
    header = header_text(sheet, col) if col else ""
    return CellProblem(row.number, col or 0, sheet.where(row.number, col or 1), header, "" if header else field_path, code, tuple(sorted(params.items())), severity)


def choose_slug(sheet: Sheet, row: Row, existing: Existing, used: dict[str, int]) -> tuple[str, CellProblem | None]:
    """The row's folder: its `slug` cell; else the folder of its pesantren's product; else one
    made from the product name (with the regency when that is taken)."""
    values = row.values
    col = row.cells.get("slug")
    typed = values.get("slug")
    if typed:
        if not (re.fullmatch(SLUG_PATTERN, typed) and 3 <= len(typed) <= 60):
            return "", _problem(sheet, row, col, "slug_format", found=typed)
        return typed, None
    mine = existing.by_pesantren(values.get("pesantren.nspp"), values.get("pesantren.name"))
    if mine:
        return mine, None
    name = values.get("name.id")
    if not name:
        return "", None  # the validator reports the missing name
    regency = REGENCY_SLUGS.get(values.get("pesantren.regency") or "")
    candidates = [c for c in (slugify(name), slugify(f"{name} {regency}") if regency else "") if re.fullmatch(SLUG_PATTERN, c) and 3 <= len(c) <= 60]
    for candidate in candidates:
        if candidate.casefold() not in existing.folded and candidate not in used:
            return candidate, None
    if not candidates:
        return "", _problem(sheet, row, col or row.cells.get("name.id"), "slug_none")
    taken = candidates[0]
    other = shown(existing.products / existing.folded[taken.casefold()]) if taken.casefold() in existing.folded else sheet.where(used[taken], 1)
    return "", _problem(sheet, row, col or row.cells.get("name.id"), "slug_taken", slug=taken, other=other)


def plan_row(sheet: Sheet, row: Row, slug: str, folder: str, existing: Existing, photos: Path | None, update: bool) -> tuple[Plan, list[CellProblem]]:
    plan = Plan(row, slug, folder)
    problems: list[CellProblem] = []
    there = existing.products / slug if slug and existing.has(slug) else None
    sources: dict[str, Path | None] = {}
    for index, typed in sorted(row.photo_names.items()):
        name, source, problem = resolve_photo(typed, photos, there)
        if problem:
            problems.append(_problem(sheet, row, row.cells.get(f"photos[{index}].file"), problem[0], **problem[1]))
            row.unreadable.add(f"photos[{index}].file")
        row.values["photos"][index]["file"] = name
        sources.setdefault(name, source)
    if there is None:
        plan.text = product_text(nest(row.values))
        plan.copies = {name: source for name, source in sources.items() if source is not None}
        return plan, problems
    text = existing.text(slug)
    try:
        current = read_data(text) if text is not None else None
    except Exception:  # ruamel's many parse errors: the validator names the line
        current = None
    if not isinstance(current, dict):
        problems.append(_problem(sheet, row, row.cells.get("slug"), "existing_unreadable", file=shown(there / PRODUCT_FILE)))
        plan.action = EXISTS
        return plan, problems
    updates, plan.changes = compare(current, row.values)
    plan.copies = {n: s for n, s in sources.items() if s is not None and not ((there / n).is_file() and _same_bytes(s, there / n))}
    plan.replaced = sorted(n for n in plan.copies if (there / n).exists())
    if "photos" in row.values:  # the sheet manages photos: files the product no longer names go
        named = {p.get("file") for p in current.get("photos") or [] if isinstance(p, dict)}
        plan.removals = sorted(n for n in named - set(sources) if isinstance(n, str) and (there / n).is_file() and not (there / n).is_symlink())
    if not (plan.changes or plan.copies or plan.removals):
        plan.action = SAME
        return plan, problems
    plan.text = update_text(text, updates) if updates else text
    plan.action = UPDATE if update else EXISTS
    if not update:
        fields = [c.path for c in plan.changes] + list(plan.copies) + plan.removals
        listed = ", ".join(fields[:5]) + (", …" if len(fields) > 5 else "")
        problems.append(_problem(sheet, row, row.cells.get("slug"), "exists", file=shown(there / PRODUCT_FILE), fields=listed))
    return plan, problems


def plan_sheet(sheet: Sheet, rows: list[Row], existing: Existing, photos: Path | None, update: bool) -> tuple[list[Plan], list[CellProblem]]:
    plans, problems = [], []
    used: dict[str, int] = {}
    for row in rows:
        slug, problem = choose_slug(sheet, row, existing, used)
        if problem:
            problems.append(problem)
        if slug in used:
            problems.append(_problem(sheet, row, row.cells.get("slug"), "row_duplicate", slug=slug, first=used[slug]))
            slug = ""
        if slug:
            used[slug] = row.number
        folder = slug or _stand_in(row.number, existing)
        plan, found = plan_row(sheet, row, slug, folder, existing, photos, update)
        plans.append(plan)
        problems += found
    return plans, problems


def _stand_in(number: int, existing: Existing) -> str:
    """A folder name for checking a row that has none (its problems are still worth reporting)."""
    name = f"import-row-{number}"
    while name in existing.folded:
        name += "-x"
    return name


# --- checking in a copy, and pointing problems back at cells -------------------------------------


def _link_or_copy(source: str, target: str) -> None:
    """Hard links make the copy cheap for a large catalogue; writes below replace a file's name
    (os.replace), never its content, so the originals are never touched."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


@contextmanager
def staged(products: Path) -> Iterator[Path]:
    """A throwaway copy of `products` beside it (so hard links work), removed afterwards."""
    try:
        root = Path(tempfile.mkdtemp(prefix=".import-", dir=products.resolve().parent))
    except OSError:
        root = Path(tempfile.mkdtemp(prefix="opop-import-"))
    try:
        copy_dir = root / "products"
        shutil.copytree(products, copy_dir, symlinks=True, copy_function=_link_or_copy)
        yield copy_dir
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _replace(target: Path, write) -> None:
    temporary = target.with_name(f".{target.name}.import")
    write(temporary)
    os.replace(temporary, target)


def apply(plan: Plan, folder: Path) -> None:
    """Write one plan into `folder` (the real one or the staged copy)."""
    folder.mkdir(exist_ok=plan.action != CREATE)
    text = plan.text.encode("utf-8")
    _replace(folder / PRODUCT_FILE, lambda path: path.write_bytes(text))
    for name, source in plan.copies.items():
        _replace(folder / name, lambda path, source=source: shutil.copyfile(source, path))
    for name in plan.removals:
        (folder / name).unlink(missing_ok=True)


def _folder_of(path: str, staging: Path) -> tuple[str, ...]:
    try:
        return Path(path).resolve().relative_to(staging.resolve()).parts
    except ValueError:
        return ()


SUPPRESSED_PARENT_CODES = ("missing", "missing_recommended", "text_missing_id", "list_too_short")


def _reported(row: Row, problem: Problem) -> bool:
    """True when the row's cell problem already covers this validator problem."""
    for path in row.unreadable:
        if problem.field == path or problem.field.startswith((path + ".", path + "[")):
            return True
        if path.startswith((problem.field + ".", problem.field + "[")) and problem.code in SUPPRESSED_PARENT_CODES:
            return True
    return False


def _missing(sheet: Sheet, row: Row, problem: Problem) -> CellProblem:
    """A required field with no value: its empty cell, or the column the sheet lacks."""
    column = column_for(problem.field)
    key = column.path if column and not column.group else column.group if column else None
    col = row.cells.get(problem.field) if "[" in problem.field else row.cells.get(key) if key else None
    if col:
        return _problem(sheet, row, col, "cell_required", problem.field)
    if problem.field == "photos":
        return _problem(sheet, row, None, "photos_required", problem.field)
    return _problem(sheet, row, None, "column_required", problem.field, header=column.header if column else problem.field)


def cell_problems(problems: list[Problem], staging: Path, plans: list[Plan], sheet: Sheet, products: Path) -> tuple[list[CellProblem], int]:
    """The validator's problems of the rows' folders as cell problems, and the number of errors
    in folders no row changes (reported by `validate`, not here)."""
    by_folder = {p.folder: p for p in plans if p.action != SAME}

    def named(path: str) -> str:
        parts = _folder_of(path, staging)
        plan = by_folder.get(parts[0]) if parts else None
        if plan is not None:
            return sheet.where(plan.row.number, 1)
        return shown(products.joinpath(*parts)) if parts else path

    out, elsewhere = [], 0
    for problem in problems:
        parts = _folder_of(problem.path, staging)
        plan = by_folder.get(parts[0]) if parts else None
        params = dict(problem.params)
        if plan is None and "other" in params:  # a rule across files, reported on the other file
            other = _folder_of(params["other"], staging)
            plan = by_folder.get(other[0]) if other else None
            if plan is not None:
                params["other"] = shown(products.joinpath(*parts))
        elif "other" in params:
            params["other"] = named(params["other"])
        if plan is None:
            elsewhere += problem.is_error
            continue
        if _reported(plan.row, problem) or (not plan.slug and not problem.field):
            continue
        if problem.code == "missing":
            out.append(_missing(sheet, plan.row, problem))
            continue
        col = plan.row.cell_of(problem.field) if problem.field else None
        out.append(_problem(sheet, plan.row, col, problem.code, problem.field, problem.severity, **params))
    return out, elsewhere


# --- the command ------------------------------------------------------------------------------


@dataclass
class Outcome:
    plans: list[Plan]
    problems: list[CellProblem]  # sorted by row and column
    examples: int = 0  # rows marked CONTOH
    blanks: int = 0  # empty rows between product rows (those after the last one are not rows)
    elsewhere: int = 0

    @property
    def errors(self) -> list[CellProblem]:
        return [p for p in self.problems if p.is_error]


def import_sheet(file: Path, products: Path, photos: Path | None = None, update: bool = False, today: date | None = None) -> Outcome:
    """Read, plan and check every row; writes nothing (see `write`)."""
    sheet = read_sheet(file, shown(file))
    columns, problems = match_columns(sheet)
    read = [read_row(sheet, number, columns) for number in range(2, len(sheet.rows) + 1)]
    last = max((row.number for row in read if not row.empty), default=0)
    rows = [row for row in read if not row.empty and not row.example]
    for row in read:
        problems += row.problems
    existing = Existing(products)
    plans, found = plan_sheet(sheet, rows, existing, photos, update)
    problems += found
    changing = [p for p in plans if p.action != SAME and p.text is not None]
    elsewhere = 0
    if changing:
        with staged(products) as staging:
            for plan in changing:
                apply(plan, staging / plan.folder)
            result = check_catalogue(staging, today=today)
            mapped, elsewhere = cell_problems(result.problems, staging, plans, sheet, products)
        problems += mapped
    examples = sum(row.example for row in read)
    blanks = sum(row.empty and row.number < last for row in read)
    return Outcome(plans, sorted(set(problems)), examples, blanks, elsewhere)


def write(outcome: Outcome, products: Path) -> None:
    """Write every planned change into `products` (only call when there is no error)."""
    for plan in outcome.plans:
        if plan.action in (CREATE, UPDATE) and plan.slug:  # a row without a slug always has an error
            apply(plan, products / plan.slug)


def report_lines(outcome: Outcome, products: Path, lang: str, dry_run: bool) -> list[str]:
    """What was (or would be) done, one line per product created and per field changed."""
    words = WORDS[lang]
    lines = []
    for plan in outcome.plans:
        folder = products / plan.slug
        if plan.action == CREATE:
            lines.append(words["would_create" if dry_run else "created"].format(folder=shown(folder) + "/", photos=len(plan.copies)))
        elif plan.action == UPDATE:
            for change in plan.changes:
                lines.append(words["changed"].format(file=shown(folder / PRODUCT_FILE), field=change.path, old=show(change.old), new=show(change.new)))
            for name in plan.copies:
                lines.append(words["photo_replaced" if name in plan.replaced else "photo_new"].format(file=shown(folder / name)))
            for name in plan.removals:
                lines.append(words["photo_removed"].format(file=shown(folder / name)))
    return lines


def run_import(args, out=None, today: date | None = None) -> int:
    """`build.py import FILE [--products DIR] [--photos DIR] [--dry-run] [--update] [--lang]`."""
    out = out or sys.stdout
    lang = getattr(args, "lang", "id") or "id"
    words = WORDS[lang]
    file, products, photos = Path(args.file), Path(args.products), Path(args.photos) if args.photos else None
    if not file.is_file():
        print(words["missing_file"].format(file=file), file=sys.stderr)
        return EXIT_USAGE
    if file.suffix.lower() not in SUFFIXES:
        print(words["bad_suffix"].format(file=file), file=sys.stderr)
        return EXIT_USAGE
    for folder, flag in ((products, "--products"), (photos, "--photos")):
        if folder is not None and not folder.is_dir():
            print(words["missing_dir"].format(folder=folder, flag=flag), file=sys.stderr)
            return EXIT_USAGE
    try:
        outcome = import_sheet(file, products, photos, update=args.update, today=today)
    except SheetUnreadable as exc:
        print(CellProblem(0, 0, shown(file), "", "", exc.code, tuple(sorted(exc.params.items()))).format(lang), file=out)
        return EXIT_INVALID
    for problem in outcome.problems:
        print(problem.format(lang), file=out)
    if outcome.errors:
        print(words["failed"].format(errors=len(outcome.errors), rows=len({p.row for p in outcome.errors})), file=out)
        return EXIT_INVALID
    if not args.dry_run:
        write(outcome, products)
    for line in report_lines(outcome, products, lang, args.dry_run):
        print(line, file=out)
    counts = {action: sum(p.action == action for p in outcome.plans) for action in (CREATE, UPDATE, SAME)}
    if outcome.examples or outcome.blanks:
        print(words["skipped"].format(examples=outcome.examples, blanks=outcome.blanks), file=out)
    if outcome.elsewhere:
        print(words["elsewhere"].format(count=outcome.elsewhere), file=out)
    if not outcome.plans:
        print(words["no_rows"].format(book=shown(file)), file=out)
    elif not counts[CREATE] and not counts[UPDATE]:
        print(words["nothing"].format(same=counts[SAME], book=shown(file)), file=out)
    else:
        summary = "dry" if args.dry_run else "done"
        print(words[summary].format(created=counts[CREATE], updated=counts[UPDATE], same=counts[SAME]), file=out)
    return EXIT_OK
