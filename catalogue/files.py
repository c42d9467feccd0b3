"""Writing cache and output files so that a killed build never leaves half a file.

Every stage writes into caches that outlive a build (renditions, QR codes, PDFs, collages);
a file is either absent or complete, so a later build can trust whatever it finds by name.
"""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and one rename."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
