"""`build.py from-issue`: an issue form in a GitHub `issues` event → a product folder, checked.

Reads the event payload (never the body through a shell), writes `products/<slug>/product.yml`
and the attached photos through `writer`, checks the whole catalogue with the same validator
as every pull request, and reports every problem by the form field it was typed in. The
Indonesian comment for the issue goes to `--comment`; a small JSON result for the workflow's
next step (which branch, which folder, valid or not) to `--result`. Nothing from the issue
becomes a path except through the slug rule, so a form can only ever write inside
`products/<slug>/`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from catalogue.products import issue_form
from catalogue.products.imageinfo import ImageRejected, inspect_bytes
from catalogue.products.photo_download import Downloader, GITHUB_HOSTS, Refused
from catalogue.products.problems import ERROR, WARNING, Problem
from catalogue.products.schema import SLUG_PATTERN
from catalogue.products.validate import PRODUCT_FILE, check_catalogue
from catalogue.products.writer import product_text, read_data, update_text

MARKER = "<!-- katalog-opop:formulir -->"  # finds the workflow's own comment to update it
PULL_REQUEST = "{pull_request}"  # filled in by the publishing step once the pull request exists
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp", "heif": "heic"}
MAX_PHOTOS = 8
WIB = timezone(timedelta(hours=7))


class UsageError(Exception):
    """The event file cannot be used at all (exit 2)."""


@dataclass
class Outcome:
    kind: str  # "produk-baru" | "koreksi"
    slug: str
    problems: list[Problem] = field(default_factory=list)  # from the form and the validator
    changed: list[str] = field(default_factory=list)  # field paths a correction changes

    @property
    def valid(self) -> bool:
        return not any(p.is_error for p in self.problems)


def read_event(path: Path) -> dict:
    try:
        event = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"cannot read the event file {path}: {exc}") from None
    if not isinstance(event, dict) or not isinstance(event.get("issue"), dict):
        raise UsageError(f"{path} is not a GitHub `issues` event (no `issue` object)")
    return event


def form_kind(issue: dict) -> str:
    labels = {label.get("name") for label in issue.get("labels") or [] if isinstance(label, dict)}
    if "koreksi" in labels:
        return "koreksi"
    if "produk-baru" in labels:
        return "produk-baru"
    raise UsageError("the issue carries neither the `produk-baru` nor the `koreksi` label")


def reference_day(issue: dict, today: date) -> date:
    """The day the secretary last saved the form (in WIB), never after `today`."""
    stamp = issue.get("updated_at") or issue.get("created_at") or ""
    try:
        day = datetime.fromisoformat(str(stamp).replace("Z", "+00:00")).astimezone(WIB).date()
    except ValueError:
        return today
    return min(day, today)


def _problem(where: str, field_path: str, code: str, severity: str = ERROR, **params) -> Problem:
    return Problem.make(where, 0, 0, field_path, code, severity, **params)


def fetch_photos(entries: list[tuple[str, str]], folder: Path, name: str, downloader: Downloader,
                 where: str) -> tuple[list[dict], list[int], list[Problem]]:
    """Download each attachment into `folder` as foto-<n>.<type>; (photo entries, the form
    position of each entry, problems naming "Foto ke-<n>")."""
    photos, positions, problems = [], [], []
    if not entries:
        problems.append(_problem(where, "photos", "issue_photo_none"))
    if len(entries) > MAX_PHOTOS:
        problems.append(_problem(where, "photos", "issue_photo_count", maximum=MAX_PHOTOS, found=len(entries)))
    for position, (url, caption) in enumerate(entries[:MAX_PHOTOS]):
        try:
            data = downloader.fetch(url)
        except Refused as exc:
            problems.append(_problem(where, f"photos[{position}]", f"issue_photo_{exc.code}", **exc.params))
            continue
        try:
            extension = EXTENSIONS.get(inspect_bytes(data).format, "jpg")
        except ImageRejected:
            extension = "jpg"  # the validator names what the file really is
        file = f"foto-{position + 1}.{extension}"
        (folder / file).write_bytes(data)
        alt = caption or (name if position == 0 else f"{name}, foto ke-{position + 1}")
        photos.append({"file": file, "alt": alt[:200]})
        positions.append(position)
    return photos, positions, problems


def _free_slug(products: Path, slug: str, regency: str) -> str:
    """`slug`, or with the regency and then a number appended when a folder already has it."""
    from catalogue.products.taxonomy import REGENCY_SLUGS

    candidates = [slug, f"{slug}-{REGENCY_SLUGS.get(regency, '')}".strip("-")]
    candidates += [f"{slug}-{n}" for n in range(2, 100)]
    return next(c[:60].strip("-") for c in candidates if not (products / c[:60].strip("-")).exists())


def new_product(values: dict[str, str], products: Path, downloader: Downloader, day: date, where: str) -> Outcome:
    regency = issue_form.field_values(values).get("pesantren.regency", "")
    slug = _free_slug(products, issue_form.slug_from(values), str(regency))
    folder = products / slug
    folder.mkdir(parents=True)
    entries = issue_form.photo_entries(values.get("photos", ""))
    photos, positions, problems = fetch_photos(entries, folder, values.get("name", "").strip() or "Foto produk", downloader, where)
    data = issue_form.product_data(values, photos, day.isoformat())
    (folder / PRODUCT_FILE).write_text(product_text(data), encoding="utf-8")
    outcome = Outcome("produk-baru", slug, problems)
    outcome.problems += _renumber_photos(validate(products, slug, day), positions, outcome.problems)
    return outcome


def correction(values: dict[str, str], products: Path, downloader: Downloader, day: date, where: str) -> Outcome:
    slug = issue_form.slug_from_page(values.get("product", ""))
    folder = products / slug
    if not re.fullmatch(SLUG_PATTERN, slug) or not (folder / PRODUCT_FILE).is_file() or folder.is_symlink():
        return Outcome("koreksi", slug, [_problem(where, "product", "issue_product_unknown", found=values.get("product", ""))])
    changes: dict[str, object] = dict(issue_form.field_values(values, only_given=True))
    certificates = issue_form.certificates(values)
    if certificates:
        changes["certifications"] = certificates
    problems: list[Problem] = []
    positions: list[int] = []
    entries = issue_form.photo_entries(values.get("photos", ""))
    source = (folder / PRODUCT_FILE).read_text(encoding="utf-8")
    old = read_data(source)
    if entries:
        staging = folder / ".foto-baru"
        staging.mkdir()
        name = values.get("name") or _plain_name(old)
        photos, positions, problems = fetch_photos(entries, staging, name, downloader, where)
        for entry in old.get("photos") or []:  # the new photos replace the old ones
            old_file = folder / str(entry.get("file", ""))
            if old_file.parent == folder and old_file.is_file() and not old_file.is_symlink():
                old_file.unlink()
        for file in sorted(staging.iterdir()):
            file.replace(folder / file.name)
        staging.rmdir()
        changes["photos"] = photos
    changed = [path for path, value in changes.items() if _differs(old, path, value)]
    if changed:
        changes = {path: changes[path] for path in changed}
        changes["updated"] = day.isoformat()
        (folder / PRODUCT_FILE).write_text(update_text(source, changes), encoding="utf-8")
    outcome = Outcome("koreksi", slug, problems, changed)
    if not changed:
        outcome.problems.append(_problem(where, "", "issue_nothing_changed", WARNING))
    outcome.problems += _renumber_photos(validate(products, slug, day), positions, outcome.problems)
    return outcome


def _plain_name(data: dict) -> str:
    name = data.get("name")
    return name.get("id", "") if isinstance(name, dict) else str(name or "")


def _differs(old: dict, path: str, value: object) -> bool:
    here: object = old
    for key in path.split("."):
        if isinstance(here, str) and key == "id":
            break  # `name: Kopi` is the Indonesian text
        here = here.get(key) if isinstance(here, dict) else None
    return _normal(here) != _normal(value)


def _normal(value: object) -> object:
    if isinstance(value, dict):
        if set(value) == {"id"}:
            return _normal(value["id"])
        return {k: _normal(v) for k, v in value.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return None if value in (None, "") else str(value).strip()


def validate(products: Path, slug: str, day: date) -> list[Problem]:
    """The validator's problems that concern this product's folder."""
    folder = (products / slug).resolve()
    return [p for p in check_catalogue(products, today=day).problems if Path(p.path).resolve().is_relative_to(folder)]


def _renumber_photos(problems: list[Problem], positions: list[int], form_problems: list[Problem]) -> list[Problem]:
    """photos[i] → photos[<form position>] when a refused photo left a gap; "no photos" is not
    said again when the form's photos were already refused one by one."""
    out = []
    photos_refused = any(p.field.startswith("photos") for p in form_problems)
    for p in problems:
        if photos_refused and p.field == "photos" and p.code in ("missing", "list_too_short"):
            continue
        match = re.match(r"photos\[(\d+)\](.*)", p.field)
        if match and int(match.group(1)) < len(positions):
            p = Problem(p.path, p.line, p.col, f"photos[{positions[int(match.group(1))]}]{match.group(2)}", p.code, p.params, p.severity)
        out.append(p)
    return out


# --- the comment --------------------------------------------------------------------------


def comment(outcome: Outcome, issue_number: int) -> str:
    """The Indonesian comment for the issue: every problem by form field, or the good news."""
    errors = [p for p in outcome.problems if p.is_error]
    warnings = [p for p in outcome.problems if not p.is_error and p.code != "issue_nothing_changed"]
    lines = [MARKER]
    if errors:
        lines += [f"**Ada {len(errors)} hal yang perlu diperbaiki** sebelum produk ini bisa masuk katalog.", "",
                  "Cara memperbaiki: buka menu **⋯** di kanan atas formulir ini, pilih **Edit**, perbaiki isian "
                  "yang disebut di bawah, lalu **Update comment**. Pemeriksaan berjalan lagi dengan sendirinya.", ""]
        lines += [f"{n}. {_line(p)}" for n, p in enumerate(errors, 1)]
    elif outcome.kind == "koreksi" and not outcome.changed:
        lines += ["Tidak ada isian yang berbeda dari data produk sekarang, jadi tidak ada yang diubah. "
                  "Isi hanya bagian yang ingin diganti, lalu simpan (menu **⋯** → **Edit**)."]
    else:
        what = ("Perubahan pada " + ", ".join(f"`{c}`" for c in outcome.changed)) if outcome.kind == "koreksi" else "Semua isian"
        lines += [f"✅ {what} sudah diperiksa dan benar. Pull request: {PULL_REQUEST}", "",
                  "Pengelola katalog akan memeriksanya; setelah digabung, produk tampil di situs "
                  f"(`/produk/{outcome.slug}/`). Bila ada yang ingin diubah, edit formulir ini: pull request ikut diperbarui."]
    if warnings:
        lines += ["", "Saran (tidak menghalangi):", ""] + [f"- {_line(p)}" for p in warnings]
    lines += ["", f"<sub>Formulir #{issue_number} · folder `products/{outcome.slug}/`</sub>"]
    return "\n".join(lines) + "\n"


def _line(problem: Problem) -> str:
    if problem.code == "pesantren_twice":
        other = Path(dict(problem.params).get("other", "")).parent.name
        return (f"**Nama pondok pesantren**: pesantren ini sudah punya produk unggulan (`{other}`); satu pesantren, "
                "satu produk. Untuk mengubah data produk itu, gunakan formulir **Koreksi data produk**.")
    label = issue_form.field_label(problem.field) if problem.field != "product" else issue_form.PRODUCT_PAGE.label
    return f"**{label}**: {_inline(FORM_WORDING.get(problem.code) or problem.message())}"


# Validator messages that speak of YAML keys, said as a form would say them.
FORM_WORDING = {
    "missing": "wajib diisi, masih kosong (perbaiki: isi kotak ini)",
    "missing_recommended": "sebaiknya diisi agar pembeli lebih percaya (boleh menyusul)",
}


def _inline(text: str) -> str:
    """A message as Markdown text: no line breaks, and nothing GitHub would turn into a mention
    or a link to someone else's issue."""
    return " ".join(text.replace("@", "@\u200b").replace("#", "#\u200b").split())


# --- the command --------------------------------------------------------------------------


def run(event_path: Path, products: Path, allow_hosts: list[str], comment_file: Path | None,
        result_file: Path | None, today: date, lang: str = "id") -> int:
    """Exit code 0 valid, 1 problems; raises UsageError for an unusable event."""
    issue = read_event(event_path)["issue"]
    kind = form_kind(issue)
    number = int(issue.get("number") or 0)
    values = issue_form.parse_body(str(issue.get("body") or ""))
    day = reference_day(issue, today)
    downloader = Downloader(allowed_hosts=GITHUB_HOSTS + tuple(h.lower() for h in allow_hosts))
    where = f"issue #{number}"
    products.mkdir(parents=True, exist_ok=True)
    outcome = (correction if kind == "koreksi" else new_product)(values, products, downloader, day, where)
    for problem in outcome.problems:
        print(problem.format(lang))
    errors = sum(p.is_error for p in outcome.problems)
    print(f"{where}: {'valid' if not errors else f'{errors} galat'} → products/{outcome.slug}/")
    if comment_file:
        comment_file.write_text(comment(outcome, number), encoding="utf-8")
    if result_file:
        result_file.write_text(json.dumps({
            "kind": kind, "issue": number, "slug": outcome.slug, "valid": outcome.valid,
            "folder": f"products/{outcome.slug}", "branch": f"formulir/issue-{number}",
            "title": _title(kind, values, outcome.slug), "changed": outcome.changed,
        }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0 if outcome.valid else 1


def _title(kind: str, values: dict[str, str], slug: str) -> str:
    name = " ".join(values.get("name", "").split())[:80] or slug
    return f"Produk baru: {name}" if kind == "produk-baru" else f"Koreksi: {slug}"
