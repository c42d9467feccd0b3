"""Last good snapshots of the provinces' files, so one province's bad day never breaks the
national site.

    <cache>/snapshots/<sha256>.json     a province file as fetched, named by its content
    <cache>/provinces/<code>.json       {"sha256": …, "fetched": "2026-11-28", "source": …}

A file is stored only once it has been read without a file-level problem (records with
problems may be in it: they are skipped again when it is read back). The pointer names the
last good file and the day that content was first fetched (`catalogue.clock.today()`, so
SOURCE_DATE_EPOCH gives the same day on a rebuild). The same content fetched again is not
stored twice and keeps its day: the site shows the day the data last changed, so unchanged
data rebuilds into the same bytes on any later day. Writes are atomic
(catalogue.files.write_atomic).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import NamedTuple

from catalogue.files import write_atomic


class Snapshot(NamedTuple):
    data: bytes
    sha256: str
    fetched: str  # "2026-11-28"


def _pointer(cache: Path, code: str) -> Path:
    return cache / "provinces" / f"{code}.json"


def save(cache: Path, code: str, data: bytes, fetched: str, source: str) -> Snapshot:
    """Store `data` as province `code`'s last good file; the returned snapshot's day is
    `fetched`, or the day already recorded if the last good file has the same content."""
    digest = hashlib.sha256(data).hexdigest()
    previous = last_good(cache, code)
    if previous is not None and previous.sha256 == digest:
        fetched = previous.fetched
    (cache / "snapshots").mkdir(parents=True, exist_ok=True)
    (cache / "provinces").mkdir(parents=True, exist_ok=True)
    stored = cache / "snapshots" / f"{digest}.json"
    if not stored.is_file():
        write_atomic(stored, data)
    pointer = {"fetched": fetched, "sha256": digest, "source": source}
    write_atomic(_pointer(cache, code), (json.dumps(pointer, indent=1, sort_keys=True) + "\n").encode("utf-8"))
    return Snapshot(data, digest, fetched)


def last_good(cache: Path, code: str) -> Snapshot | None:
    """The last good snapshot of province `code`, or None (never fetched, or the cache lost
    or damaged: a snapshot whose bytes no longer match its name is not trusted)."""
    try:
        pointer = json.loads(_pointer(cache, code).read_text("utf-8"))
        digest, fetched = pointer["sha256"], pointer["fetched"]
        data = (cache / "snapshots" / f"{digest}.json").read_bytes()
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(fetched, str) or hashlib.sha256(data).hexdigest() != digest:
        return None
    return Snapshot(data, digest, fetched)
