"""What went wrong, where, and how to fix it: the one shape every problem takes.

Message texts live in `catalogue.products.messages` keyed by a code, so a problem can be shown in
Indonesian (default) or English, and tests can assert exact wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ERROR = "error"
WARNING = "warning"


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
