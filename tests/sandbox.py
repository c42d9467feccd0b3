"""Run `build.py` as a user would (a fresh process, its own working folder) and watch where it
writes.

Every Python process of the run (the CLI, the photo workers it spawns) loads a sitecustomize
that installs an audit hook (PEP 578): any open-for-writing, mkdir, rename, remove, link or
copy outside the folders a test allows is reported on stderr as `OPOP-AUDIT event path`.
Pagefind (a Rust binary) is not audited; it is given only `--site`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SITECUSTOMIZE = r'''
import os, sys
_ROOTS = tuple(os.path.realpath(p) + os.sep for p in os.environ.get("OPOP_AUDIT_WRITABLE", "").split(os.pathsep) if p)
_WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_PATHS = {"os.remove": (0,), "os.rmdir": (0,), "os.truncate": (0,), "os.chmod": (0,), "os.chown": (0,),
          "os.utime": (0,), "os.symlink": (1,), "os.link": (1,), "os.rename": (0, 1), "shutil.rmtree": (0,),
          "shutil.copyfile": (1,), "shutil.move": (0, 1), "os.mkdir": (0,), "os.mkfifo": (0,), "os.mknod": (0,)}


def _report(event, path):
    if isinstance(path, int):
        return
    p = os.path.realpath(os.fsdecode(path))
    if event == "os.mkdir" and os.path.exists(p):
        return  # makedirs(exist_ok=True) on a parent: nothing is written
    if not (p + os.sep).startswith(_ROOTS) and p != "/dev/null":
        os.write(2, f"OPOP-AUDIT {event} {p}\n".encode())


def _hook(event, args):
    if event == "open":
        path, mode, flags = args
        if path is None or isinstance(path, int):
            return
        if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (isinstance(flags, int) and flags & _WRITE):
            _report(event, path)
    elif event in _PATHS:
        if event in ("os.remove", "os.rmdir") and len(args) > 1 and args[1] not in (None, -100):
            return  # a name inside a directory opened by shutil.rmtree, which reported the tree
        for i in _PATHS[event]:
            if i < len(args):
                _report(event, args[i])


if _ROOTS:
    sys.addaudithook(_hook)
'''


class Run:
    def __init__(self, done: subprocess.CompletedProcess):
        self.code = done.returncode
        self.stdout = done.stdout
        lines = done.stderr.splitlines()
        self.audit = [line for line in lines if line.startswith("OPOP-AUDIT ")]
        self.stderr = "\n".join(line for line in lines if not line.startswith("OPOP-AUDIT "))

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_build(root: Path, *args: str, products: str = "products", site: str = "out/site",
              writable: tuple[str, ...] = ("out", "cache"), env: dict | None = None,
              command: str = "build", timeout: float = 300) -> Run:
    """`build.py build --products root/products --site root/out/site` with cwd=root, the photo
    cache in root/cache, HOME and TMPDIR inside root (and not writable), PYTHONHASHSEED random."""
    hooks = root / ".audit"
    hooks.mkdir(exist_ok=True)
    (hooks / "sitecustomize.py").write_text(SITECUSTOMIZE)
    for name in ("home", "tmp"):
        (root / name).mkdir(exist_ok=True)
    full_env = {
        **{k: v for k, v in os.environ.items() if k not in ("OPOP_DEBUG", "OPOP_PRODUCTS")},
        "PYTHONPATH": str(hooks), "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "random",
        "OPOP_PHOTO_CACHE": str(root / "cache"), "HOME": str(root / "home"), "TMPDIR": str(root / "tmp"),
        "OPOP_AUDIT_WRITABLE": os.pathsep.join(str(root / w) for w in writable),
        **(env or {}),
    }
    cmd = [sys.executable, str(REPO / "build.py"), command, "--products", products]
    if command == "build":
        cmd += ["--site", site, "--config", str(REPO / "mkdocs.yml")]
    done = subprocess.run([*cmd, *args], cwd=root, env=full_env, capture_output=True, text=True, timeout=timeout)
    return Run(done)


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path → sha256 (or the kind, for what is not a regular file), symlinks unfollowed."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = "symlink:" + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            out[rel] = "dir"
        else:
            out[rel] = "special"
    return out
