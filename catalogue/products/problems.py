"""What went wrong, where, and how to fix it: the one shape every problem takes.

Message texts live in `catalogue.products.messages` keyed by a code, so a problem can be shown in
Indonesian (default) or English, and tests can assert exact wording.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

ERROR = "error"
WARNING = "warning"

# unicodedata has no names for the C0 controls; these are their Unicode name aliases.
_C0_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY", "ACKNOWLEDGE",
    "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN",
    "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL",
    "END OF MEDIUM", "SUBSTITUTE", "ESCAPE", "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE",
)
_OTHER_NAMES = {0x7F: "DELETE", 0x85: "NEXT LINE"}
# Shown as nothing (or as a blank) although they are there: fillers and variation selectors
# that Unicode files under letters or marks.
_BLANK_LOOKING = {0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)}


def describe_char(char: str) -> str:
    """`U+0007 (BELL)`: a character a message cannot show, by code point and name."""
    code = ord(char)
    name = _C0_NAMES[code] if code < 0x20 else _OTHER_NAMES.get(code) or unicodedata.name(char, "")
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def is_invisible(char: str) -> bool:
    """Controls, format characters (zero-width, direction marks), separators other than the
    plain space, unassigned and private code points: what a screen does not show as itself."""
    category = unicodedata.category(char)
    return (category[0] in "CZ" and char != " ") or ord(char) in _BLANK_LOOKING


def visible(text: str) -> str:
    """`text` with every invisible character escaped, so a folder or file name that looks
    valid on screen is printed as it is: `abon\\u200b-haruan`."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(
        (f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}") if is_invisible(c) else c for c in text
    )


@dataclass(frozen=True, order=True)
class Problem:
    """One finding. `path` is relative to the repository (or as given), `line`/`col` 1-based
    (0 when the problem is about the whole file or folder)."""

    path: str
    line: int
    col: int
    field: str
    code: str
    params: tuple[tuple[str, Any], ...] = ()
    severity: str = ERROR

    @classmethod
    def make(cls, path, line, col, field, code, severity=ERROR, **params) -> "Problem":
        return cls(str(path), int(line), int(col), field, code, tuple(sorted(params.items())), severity)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def message(self, lang: str = "id") -> str:
        from catalogue.products.messages import render

        return render(self.code, dict(self.params), lang)

    def format(self, lang: str = "id") -> str:
        """`path:line:col: galat: field: expected …, found … (perbaiki: …)`."""
        from catalogue.products.messages import severity_label

        where = f"{self.path}:{self.line}:{self.col}"
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {severity_label(self.severity, lang)}: {field}{self.message(lang)}"


class CatalogueInvalid(Exception):
    """Raised at the edges when a catalogue has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{sum(p.is_error for p in problems)} error(s)")
        self.problems = problems


@dataclass
class Problems:
    """A collector passed through loading and validation."""

    items: list[Problem] = field(default_factory=list)

    error_count: int = 0

    def add(self, path, line, col, field, code, severity=ERROR, **params) -> None:
        self.items.append(Problem.make(path, line, col, field, code, severity, **params))
        self.error_count += severity == ERROR

    def warn(self, path, line, col, field, code, **params) -> None:
        self.add(path, line, col, field, code, WARNING, **params)

    def extend(self, other) -> None:
        for problem in other:
            self.items.append(problem)
            self.error_count += problem.is_error

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items), key=lambda p: (p.path, p.line, p.col, p.field, p.code, p.params))
