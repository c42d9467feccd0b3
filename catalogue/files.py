"""Writing cache and output files so that a killed build never leaves half a file.

Every stage writes into caches that outlive a build (renditions, QR codes, PDFs, collages);
a file is either absent or complete, so a later build can trust whatever it finds by name.
A whole output folder (a site) is built beside its target and swapped in by two renames
(`swap_folder`); `recover` clears up after a build that was killed mid-way.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
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


# --- Replacing a whole output folder (the site, the photo site, the national site) ----------


def temp_prefix(target: Path, kind: str) -> str:
    """`.site-new-<host>-<pid>-`: a later build can tell a killed build's folder from a running one's."""
    host = re.sub(r"[^A-Za-z0-9_]", "_", socket.gethostname())
    return f".{target.name}-{kind}-{host}-{os.getpid()}-"


def recover(target: Path) -> None:
    """Clear up after builds that were killed (SIGKILL, out of memory, power loss), whose
    `finally` never ran: delete their temporary folders (a 3,057-product site is gigabytes),
    and if one died between the two renames of `swap_folder`, put the previous folder back."""
    host = re.sub(r"[^A-Za-z0-9_]", "_", socket.gethostname())
    pattern = re.compile(rf"\.{re.escape(target.name)}-(new|old)-{re.escape(host)}-(\d+)-")
    abandoned = []
    if target.parent.is_dir():
        for entry in target.parent.iterdir():
            match = pattern.match(entry.name)
            if match and entry.is_dir() and not entry.is_symlink() and not _alive(int(match.group(2))):
                abandoned.append((match.group(1), entry))
    olds = sorted((e for kind, e in abandoned if kind == "old"), key=lambda e: e.stat().st_mtime)
    if olds and not target.exists():
        os.rename(olds.pop(), target)
    for _, entry in abandoned:
        if entry.exists():
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def swap_folder(new: Path, target: Path) -> None:
    """Put `new` in place of `target`: rename the old one away, rename the new one in, then
    delete the old one. A reader sees the old folder or the new one, never a mix."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=temp_prefix(target, "old"), dir=target.parent))
        os.rmdir(old)
        os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        if old is not None:
            os.rename(old, target)  # put the previous folder back
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
