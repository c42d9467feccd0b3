"""Fetching a province's catalogue.json: urllib with a timeout and a size cap, or a file.

No third-party HTTP library: urllib follows redirects and speaks HTTPS with the system's
certificates, which is all a static JSON file needs. The cap keeps a broken or hostile
province from filling the build machine's memory (the largest province, Jawa Timur, is
expected near 10,000 products ≈ 30 MB of JSON; the cap leaves room for four times that).
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from pathlib import Path

from catalogue.national.sources import Source

TIMEOUT_SECONDS = 30
MAX_BYTES = 128 * 1024 * 1024
USER_AGENT = "katalog-opop-nasional (+https://github.com/)"


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only (urllib would also follow one to ftp://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-http(s) address {newurl[:60]}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects)


class FetchFailed(Exception):
    """The file could not be had; `id` and `en` say why and what to do."""

    def __init__(self, id_text: str, en_text: str):
        super().__init__(en_text)
        self.id, self.en = id_text, en_text


def fetch(source: Source, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> bytes:
    if not source.is_url:
        path = Path(source.location)
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise _too_large(max_bytes)
            return path.read_bytes()
        except FileNotFoundError:
            raise FetchFailed(f"berkas {path} tidak ada (perbaiki: bangun situs provinsi atau perbaiki jalurnya di SOURCES.yml)",
                              f"file {path} does not exist (fix: build the province site or correct its path in SOURCES.yml)") from None
        except OSError as error:
            raise FetchFailed(f"berkas {path} tidak dapat dibaca: {error.strerror}",
                              f"file {path} cannot be read: {error.strerror}") from None
    request = urllib.request.Request(source.location, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
    try:
        with _OPENER.open(request, timeout=timeout) as response:  # scheme checked in sources.py
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise _too_large(max_bytes)
            data = response.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise _too_large(max_bytes)
            return data
    except urllib.error.HTTPError as error:
        raise FetchFailed(f"server menjawab HTTP {error.code} {error.reason} (perbaiki: periksa alamatnya dan bahwa situs provinsi sudah terbit)",
                          f"the server answered HTTP {error.code} {error.reason} (fix: check the address and that the province site is published)") from None
    except (socket.timeout, TimeoutError):
        raise FetchFailed(f"tidak ada jawaban dalam {timeout:g} detik", f"no answer within {timeout:g} seconds") from None
    except urllib.error.URLError as error:
        reason = getattr(error.reason, "strerror", None) or str(error.reason)
        raise FetchFailed(f"tidak dapat terhubung: {reason}", f"cannot connect: {reason}") from None
    except (OSError, ValueError) as error:
        raise FetchFailed(f"gagal mengambil: {error}", f"fetching failed: {error}") from None


def _too_large(max_bytes: int) -> FetchFailed:
    size = f"{max_bytes / 2**20:g} MiB" if max_bytes >= 2**20 else f"{max_bytes / 1024:g} KiB"
    return FetchFailed(f"lebih besar dari {size} (batas aman)", f"larger than {size} (the safety cap)")
