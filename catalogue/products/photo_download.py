"""Fetch the photos a secretary attached to an issue form, and nothing else.

An `issues` workflow reads text anyone can write, so every address is untrusted: only https,
only GitHub's attachment hosts (plus hosts a test names), redirects followed by hand and only
to allowed hosts, a timeout, and a size cap per photo and in total, enforced while reading (a
server that lies about Content-Length is cut off too). What arrives is only bytes: the caller
writes it under a name of its own choosing, and the validator's header checks and the photo
pipeline's re-encoding treat it like every other upload.
"""

from __future__ import annotations

import http.client
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

# Where GitHub serves attachments: the link in the body, and the hosts it redirects to.
GITHUB_HOSTS = ("github.com", "user-images.githubusercontent.com", "private-user-images.githubusercontent.com",
                "objects.githubusercontent.com")
MAX_PHOTO_BYTES = 25 * 1024 * 1024  # a 60 MP phone JPEG is ~20 MB; the validator caps pixels
MAX_TOTAL_BYTES = 100 * 1024 * 1024
TIMEOUT_SECONDS = 30
MAX_REDIRECTS = 5


class Refused(Exception):
    """A photo that was not fetched; `code` names the message (issue_photo_<code>)."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class Downloader:
    allowed_hosts: tuple[str, ...] = GITHUB_HOSTS
    max_photo: int = MAX_PHOTO_BYTES
    max_total: int = MAX_TOTAL_BYTES
    timeout: float = TIMEOUT_SECONDS
    fetched: int = 0  # bytes so far, against max_total

    def _check(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme != "https":
            raise Refused("scheme", url=url)
        if (parts.hostname or "").lower() not in self.allowed_hosts or parts.username or parts.password:
            raise Refused("host", host=parts.hostname or "?")

    def fetch(self, url: str) -> bytes:
        """The body at `url`, or Refused with the reason."""
        opener = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPSHandler(context=ssl.create_default_context()))
        for _ in range(MAX_REDIRECTS + 1):
            self._check(url)
            try:
                response = opener.open(urllib.request.Request(url, headers={"User-Agent": "katalog-opop-form"}), timeout=self.timeout)
            except urllib.error.HTTPError as exc:
                if exc.code in (301, 302, 303, 307, 308) and exc.headers.get("Location"):
                    url = urljoin(url, exc.headers["Location"])
                    continue
                raise Refused("status", status=exc.code) from None
            except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException, ValueError) as exc:
                raise Refused("network", detail=_reason(exc)) from None
            with response:
                return self._read(response)
        raise Refused("redirects", maximum=MAX_REDIRECTS)

    def _read(self, response) -> bytes:
        cap = min(self.max_photo, self.max_total - self.fetched)
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise Refused("too_large", mib=_mib(int(declared)), max_mib=_mib(cap))
        chunks, size = [], 0
        try:
            while chunk := response.read(64 * 1024):
                size += len(chunk)
                if size > cap:
                    raise Refused("too_large", mib=f"> {_mib(cap)}", max_mib=_mib(cap))
                chunks.append(chunk)
        except (TimeoutError, OSError, http.client.HTTPException) as exc:
            raise Refused("network", detail=_reason(exc)) from None
        self.fetched += size
        return b"".join(chunks)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back as errors, so each new address is checked before it is opened."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def _reason(exc: Exception) -> str:
    reason = getattr(exc, "reason", None) or exc
    return type(reason).__name__ if not str(reason) else str(reason)[:80]
