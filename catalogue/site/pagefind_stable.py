"""Make Pagefind's output the same bytes for the same site, run after run.

Pagefind 1.5.2 keeps its filters in hash maps: each filter index file lists its values in
a different order on every run, and the metadata file lists the filters in a different order,
and the sort orders (data-pagefind-sort) in a different order too, so those files, their
content-derived names, the metadata file's name and pagefind-entry.json
change although nothing else did (Pagefind issue #638; page fragments and word indexes are
stable since 1.3). A deploy then uploads new search files for an unchanged catalogue, and
two builds of the same commit cannot be compared byte for byte.

`stabilise` rewrites those files in one canonical order, the one later Pagefind releases
write (values and filters sorted by name), under names made the way Pagefind makes them
(SHA-1 of the CBOR body, hex digits unpadded, shortened), and rewrites pagefind-entry.json
with its languages sorted. Nothing else in the index is touched, and what a search returns is
unchanged: the browser reads the same data in another order (our search page sorts facet
values itself).

The files are `gzip("pagefind_dcd" + CBOR)`; the small CBOR reader and writer below cover
what Pagefind writes (unsigned and negative integers, text, arrays) in minicbor's shortest
form, and refuse anything else rather than guess. tests/test_determinism.py checks that
re-encoding every index file of a built site gives back its exact bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

MAGIC = b"pagefind_dcd"


class PagefindFormatError(RuntimeError):
    """The index is not laid out as Pagefind 1.5 lays it out (a new Pagefind?)."""


# --- CBOR, as much as Pagefind uses -------------------------------------------------------------


def decode(data: bytes, at: int = 0):
    """(value, next offset) of the CBOR item at `at`."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        n = info
    elif info <= 27:
        size = 1 << (info - 24)
        n = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise PagefindFormatError(f"CBOR item with additional info {info} at byte {at - 1}")
    if major == 0:
        return n, at
    if major == 1:
        return -1 - n, at
    if major == 3:
        return data[at:at + n].decode("utf-8"), at + n
    if major == 4:
        items = []
        for _ in range(n):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    raise PagefindFormatError(f"CBOR major type {major} at byte {at - 1}")


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, n)
    raise PagefindFormatError(f"integer {n} too large for CBOR")


def encode(value) -> bytes:
    """Shortest-form CBOR of ints, str and lists (what minicbor writes for Pagefind)."""
    if isinstance(value, bool):
        raise PagefindFormatError("CBOR booleans are not used by Pagefind's index")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    raise PagefindFormatError(f"cannot encode {type(value).__name__}")


def read_index_file(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MAGIC):
        raise PagefindFormatError(f"{path.name}: no pagefind_dcd signature")
    value, end = decode(data, len(MAGIC))
    if end != len(data):
        raise PagefindFormatError(f"{path.name}: {len(data) - end} bytes after the CBOR item")
    return value


def _write_index_file(path: Path, body: bytes) -> None:
    # mtime 0 and a fixed level: the same body always gives the same file.
    path.write_bytes(gzip.compress(MAGIC + body, compresslevel=9, mtime=0))


def pagefind_hash(body: bytes) -> str:
    """Pagefind's `full_hash`: SHA-1, each byte as hex *without* zero padding (`{:x?}`)."""
    return "".join(format(b, "x") for b in hashlib.sha1(body).digest())


# --- the rewrite --------------------------------------------------------------------------------


def stabilise(pagefind_dir: Path) -> None:
    """Rewrite the filter indexes, metadata files and pagefind-entry.json of `pagefind_dir`
    in canonical order (see the module docstring)."""
    pagefind_dir = Path(pagefind_dir)
    entry_path = pagefind_dir / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text("utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = pagefind_dir / f"pagefind.{info['hash']}.pf_meta"
        meta = read_index_file(meta_path)
        # MetaIndex: [version, pages, index_chunks, filters, sorts, meta_fields]
        if not (isinstance(meta, list) and len(meta) == 6 and isinstance(meta[0], str) and meta[0].startswith("1.")
                and isinstance(meta[3], list)):
            raise PagefindFormatError(f"{meta_path.name}: unexpected metadata layout")
        filters = []
        for name, old_hash in meta[3]:
            path = pagefind_dir / "filter" / f"{old_hash}.pf_filter"
            index = read_index_file(path)  # FilterIndex: [filter, [[value, [page, …]], …]]
            if not (isinstance(index, list) and len(index) == 2 and index[0] == name):
                raise PagefindFormatError(f"{path.name}: unexpected filter layout")
            index[1].sort(key=lambda value: value[0])
            filters.append((name, path, encode(index)))
        for _, path, _ in filters:
            path.unlink()
        taken: set[str] = set()
        meta[3] = []
        for name, _, body in filters:
            full = f"{lang}_{pagefind_hash(body)}"
            short = full[: len(lang) + 8]
            while short in taken and len(short) < len(full):  # as Pagefind does on a collision
                short = full[: len(short) + 1]
            taken.add(short)
            _write_index_file(pagefind_dir / "filter" / f"{short}.pf_filter", body)
            meta[3].append([name, short])
        meta[3].sort()
        meta[4].sort(key=lambda sort: sort[0])  # MetaSort [name, pages]: also a hash map's order
        body = encode(meta)
        meta_hash = f"{lang}_{pagefind_hash(body)[: len(lang) + 8]}"
        meta_path.unlink()
        _write_index_file(pagefind_dir / f"pagefind.{meta_hash}.pf_meta", body)
        info["hash"] = meta_hash
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
