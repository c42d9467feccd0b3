"""What went wrong, said once in Indonesian and once in English.

Every message has the project's one shape, `where: field: expected …, found … (fix: …)`; the
English line repeats it for readers outside Indonesia (the national build is run by people
of many provinces, and its report may be read by a funder).
"""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    where: str  # "SOURCES.yml:4:11" or "provinsi 35 (Jawa Timur) products[3] kopi-x"
    field: str
    id: str  # "diharapkan …, ditemukan … (perbaiki: …)"
    en: str  # "expected …, found … (fix: …)"

    def format(self) -> str:
        head = f"{self.where}: {self.field}: " if self.field else f"{self.where}: "
        return f"{head}{self.id}\n  (en) {self.en}"


def shown(value, limit: int = 60) -> str:
    """A found value as a message quotes it: JSON-like, cut at `limit` characters, and with
    control characters made visible (a hostile value cannot rewrite the terminal)."""
    if isinstance(value, str):
        text = '"' + value + '"'
    elif value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (dict, list)):
        text = {dict: "an object {…}", list: "a list […]"}[type(value)]
    else:
        text = str(value)
    text = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
