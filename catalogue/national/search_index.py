"""One Pagefind index over every product of every province, from custom records.

Custom records (Pagefind's `AddRecord`) need no HTML page per product: the national site has
no product pages of its own (each result links to its province's page), and at 40,000
products writing pages only to index them would cost time and files. Each record is one
product: its Indonesian, English and Arabic names, summaries, tags, pesantren, regency and
province as searchable text; province, category and regency as filters; the lowest price as
the sort key `harga` (every record carries it: Pagefind leaves a record without the key out
of results sorted by it).

The pagefind Python package (1.5.2) is not used to send the records: its reader polls the
service's output every 0.1 s and takes one response per poll, so 40,000 records take 4,000 s
(measured: 100 records in 10.2 s). This module speaks the same protocol to the same binary
(`pagefind --service`: base64 JSON messages ending in a comma) synchronously, with a thread
reading responses so neither pipe can fill up: 40,000 records are sent in about 15 s and the
index written in about 30 s in all (10,000 records: 2.6 s and 5.9 s, measured). The index is
then made byte-stable with catalogue.site.pagefind_stable (Pagefind issue #638).
"""

from __future__ import annotations

import base64
import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Iterable

LANGUAGE = "id"
UNUSED_UI = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
             "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js",
             "wasm.unknown.pagefind")  # every record is in the Indonesian index: its WebAssembly is the one loaded


class SearchIndexFailed(RuntimeError):
    """Pagefind refused a record or could not write the index."""


class _Service:
    def __init__(self):
        try:
            from pagefind_bin import get_executable

            self.process = subprocess.Popen([str(get_executable()), "--service"], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except (ImportError, OSError) as error:  # the binary's package missing, or the binary
            raise SearchIndexFailed(f"pagefind cannot be started: {error}") from None
        self.responses: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buffer = bytearray()
        stream = self.process.stdout
        while True:
            chunk = stream.read1(1 << 16)
            if not chunk:
                self.responses.put(None)
                return
            buffer += chunk
            while (end := buffer.find(b",")) >= 0:
                message = bytes(buffer[:end])
                del buffer[: end + 1]
                self.responses.put(json.loads(base64.b64decode(message)))

    def post(self, payload: dict) -> None:
        self.next_id += 1
        message = json.dumps({"message_id": self.next_id, "payload": payload}, ensure_ascii=False)
        self.process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")

    def answer(self) -> dict:
        self.process.stdin.flush()
        response = self.responses.get(timeout=600)
        if response is None:
            raise SearchIndexFailed("pagefind --service stopped")
        payload = response.get("payload", {})
        if payload.get("type") == "Error":
            raise SearchIndexFailed(f"pagefind: {payload.get('message')}")
        return payload

    def close(self) -> None:
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _wait_for_writes(output: Path, limit: float = 30) -> None:
    """Pagefind answers WriteFiles before its files are written: each is created, then its
    bytes are handed to a tokio background write that nobody awaits (pagefind/src/output/mod.rs
    `write`: File::write_all, no flush), and the service exits at once when its input closes
    (service/mod.rs: EOF → process::exit), losing any write still pending. Seen here as an empty
    pagefind-entry.json under load. Every file it writes is small (< tokio's 2 MB buffer, so it
    is written in one go) and never empty, so: wait until no file is empty, then close."""
    end = time.monotonic() + limit
    while any(p.stat().st_size == 0 for p in output.rglob("*") if p.is_file()):
        if time.monotonic() > end:
            raise SearchIndexFailed(f"pagefind left empty files in {output} after {limit:g} s")
        time.sleep(0.02)


def write_index(records: Iterable[dict], output: Path, batch: int = 500) -> int:
    """Index `records` (dicts with url, content, meta, filters, sort) into `output` (the
    bundle folder, e.g. site/pagefind); returns how many were indexed."""
    from catalogue.site.pagefind_stable import stabilise

    service = _Service()
    try:
        service.post({"type": "NewIndex", "config": {"force_language": LANGUAGE}})
        index_id = service.answer()["index_id"]
        count = pending = 0
        for record in records:
            service.post({"type": "AddRecord", "index_id": index_id, "language": LANGUAGE, **record})
            count += 1
            pending += 1
            if pending == batch:  # a bounded number of answers in flight
                for _ in range(pending):
                    service.answer()
                pending = 0
        for _ in range(pending):
            service.answer()
        service.post({"type": "WriteFiles", "index_id": index_id, "output_path": str(output)})
        service.answer()
        _wait_for_writes(output)
    except (OSError, queue.Empty) as error:  # a broken pipe: the service died; no answer in 600 s
        raise SearchIndexFailed(f"pagefind --service failed: {error or type(error).__name__}") from None
    finally:
        service.close()
    if not (output / "pagefind.js").is_file():
        raise SearchIndexFailed(f"pagefind wrote no bundle in {output}")
    stabilise(output)
    for name in UNUSED_UI:
        (output / name).unlink(missing_ok=True)
    return count
