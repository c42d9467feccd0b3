"""Is every file in the photo cache whole? A damaged one is deleted, so the renderer makes it again.

The renderer writes each cache file atomically (temp file + rename), so a killed build never
leaves half a file under a final name. But the cache also arrives from elsewhere: restored by
CI from an archive, copied between machines, on a disk that filled up. A cut-short or empty
file there would be published as a broken photo, and since a name never changes for the same
input, it would stay broken in every later build.

The check reads 12 bytes at the start and 2 at the end of each file (no decoding): a JPEG must
start with SOI and end with EOI; a WebP's RIFF header must give the file's exact length.
That catches truncation, empty files and foreign content; a bit flipped inside the compressed
data is not caught (that would mean reading every byte of gigabytes on every build).
Measured on the 3,057-product benchmark: see docs/benchmarks.md.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable


def is_whole(path: Path | str) -> bool:
    """True if the JPEG or WebP at `path` is structurally complete (see the module docstring)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        size = os.fstat(fd).st_size
        if size < 16:
            return False
        head, tail = os.pread(fd, 12, 0), os.pread(fd, 2, size - 2)
    finally:
        os.close(fd)
    if head[:3] == b"\xff\xd8\xff":
        return tail == b"\xff\xd9"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return int.from_bytes(head[4:8], "little") + 8 == size
    return False


def drop_damaged(cache_dir: Path, names: Iterable[str]) -> list[str]:
    """Delete each of `names` present in `cache_dir` that is not whole; returns those names."""
    cache_dir = Path(cache_dir)
    try:
        present = set(os.listdir(cache_dir))
    except FileNotFoundError:
        return []
    damaged = sorted(n for n in set(names) & present
                     if n.endswith((".jpg", ".webp")) and not is_whole(cache_dir / n))
    for name in damaged:
        os.unlink(cache_dir / name)
    return damaged
