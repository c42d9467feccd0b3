"""The reference day for "is this in the future / expired?" checks.

Honours SOURCE_DATE_EPOCH (reproducible-builds.org) so a build can be repeated byte for byte
on another day; otherwise it is today's date in Indonesia's western time zone (WIB, UTC+7),
where the catalogue's data is checked.

A check of a catalogue against a given day (`check_catalogue(..., today=day)`) runs inside
`reference_day(day)`, so every rule deep in the schema (a year not after this year, `updated`
not in the future) judges against that day and never against the wall clock.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
from datetime import date, datetime, timedelta, timezone
from typing import Iterator

WIB = timezone(timedelta(hours=7))

_REFERENCE_DAY: contextvars.ContextVar[date | None] = contextvars.ContextVar("reference_day", default=None)


def today() -> date:
    day = _REFERENCE_DAY.get()
    if day is not None:
        return day
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), WIB).date()
    return datetime.now(WIB).date()


@contextlib.contextmanager
def reference_day(day: date) -> Iterator[date]:
    """`today()` returns `day` inside this block."""
    token = _REFERENCE_DAY.set(day)
    try:
        yield day
    finally:
        _REFERENCE_DAY.reset(token)
