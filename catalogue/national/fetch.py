"""Fetching a province's catalogue.json: urllib with time limits and a size cap, or a file.

No third-party HTTP library: urllib follows redirects and speaks HTTPS with the system's
certificates, which is all a static JSON file needs. The cap keeps a broken or hostile
province from filling the build machine's memory (the largest province, Jawa Timur, is
expected near 10,000 products ≈ 30 MB of JSON; the cap leaves room for four times that).
Two time limits: no byte for TIMEOUT_SECONDS, or the whole download not done within
DEADLINE_SECONDS (a server that trickles a byte at a time would otherwise hold the build for
ever). Redirects are followed to http(s) only, never from https to http, and never from a
public address to a loopback or private one (a province's server cannot make the build
fetch from the build machine's own network).
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from catalogue.national.sources import Source

TIMEOUT_SECONDS = 30  # without a byte
DEADLINE_SECONDS = 120  # the whole download: 30 MB in 2 minutes is 2 Mbit/s
MAX_BYTES = 128 * 1024 * 1024
CHUNK = 1 << 16
USER_AGENT = "katalog-opop-nasional (+https://github.com/)"


def _internal(host: str | None) -> bool:
    """Does `host` name (or resolve to) a loopback, private, link-local or reserved address?"""
    if not host:
        return False
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return False  # the connection itself will fail and say so
    return any(not ipaddress.ip_address(a.split("%")[0]).is_global for a in addresses)


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to http(s), never https → http, never public → internal."""

    def http_error_302(self, req, fp, code, msg, headers):
        target = headers.get("location") or headers.get("uri")
        if target:
            new = urljoin(req.full_url, target.strip())
            refusal = None
            if urlsplit(new).scheme.lower() not in ("http", "https"):
                refusal = ("ke alamat yang bukan http(s)", "to an address that is not http(s)")
            elif urlsplit(req.full_url).scheme == "https" and urlsplit(new).scheme.lower() == "http":
                refusal = ("dari https ke http", "from https to http")
            elif _internal(urlsplit(new).hostname) and not _internal(req.origin_req_host):
                refusal = ("ke alamat jaringan lokal", "to a local network address")
            if refusal:
                fp.close()
                shown = new if len(new) <= 80 else new[:79] + "…"
                raise FetchFailed(f"server mengalihkan {refusal[0]}: {shown} (perbaiki: terbitkan data/catalogue.json "
                                  "di alamat https yang tertulis di SOURCES.yml, atau tulis alamat akhirnya di sana)",
                                  f"the server redirected {refusal[1]}: {shown} (fix: publish data/catalogue.json at "
                                  "the https address SOURCES.yml names, or write the final address there)")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


_OPENER = urllib.request.build_opener(_SafeRedirects)


class FetchFailed(Exception):
    """The file could not be had; `id` and `en` say why and what to do."""

    def __init__(self, id_text: str, en_text: str):
        super().__init__(en_text)
        self.id, self.en = id_text, en_text


def fetch(source: Source, *, timeout: float = TIMEOUT_SECONDS, deadline: float = DEADLINE_SECONDS,
          max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of the province's file; raises FetchFailed saying why not."""
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
    timeout = min(timeout, deadline)
    end = time.monotonic() + deadline
    try:
        with _OPENER.open(request, timeout=timeout) as response:  # scheme checked in sources.py
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise _too_large(max_bytes)
            data = bytearray()
            while chunk := response.read1(CHUNK):  # each read waits at most `timeout`
                data += chunk
                if len(data) > max_bytes:
                    raise _too_large(max_bytes)
                if time.monotonic() > end:
                    raise FetchFailed(f"unduhan tidak selesai dalam {deadline:g} detik (perbaiki: periksa bahwa situs "
                                      "provinsi menjawab dengan cepat, lalu bangun lagi)",
                                      f"the download did not finish within {deadline:g} seconds (fix: check that the "
                                      "province site answers quickly, then build again)")
            return bytes(data)
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
