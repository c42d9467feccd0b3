"""Languages of the site and where each page lives in each of them.

One URL scheme, no lookups: Indonesian (the default) at the site root, every other language
under its code. `produk/kopi/` is `en/produk/kopi/` in English and `ar/produk/kopi/` in
Arabic; the path after the prefix stays Indonesian, because product addresses never change
once published (spec: the slug is the address) and a buyer can switch language by changing
two letters. Files shared by every language (photos, theme assets, the search bundle, the
open-data files) are never prefixed.

Alternates (hreflang, the language switcher, the sitemap) are therefore computed from a
page's own address in O(1); `alternates` only needs the set of addresses that exist.
"""

from __future__ import annotations

from collections.abc import Callable, Container

from catalogue.site import urls

DEFAULT = "id"
LANGUAGES = ("id", "en", "ar")  # the order of the language switcher and of hreflang links
RTL = frozenset({"ar"})
# Each language named in itself, for the switcher.
NAMES = {"id": "Bahasa Indonesia", "en": "English", "ar": "العربية"}
# Open Graph locales (language_TERRITORY); ar_AR is Facebook's code for Arabic.
OG_LOCALES = {"id": "id_ID", "en": "en_US", "ar": "ar_AR"}
# Top folders that hold files, not pages: one copy serves every language.
SHARED_DIRS = frozenset({"assets", "media", "pagefind", "search"})


def prefix(lang: str) -> str:
    """"" for Indonesian, "en/" for English, "ar/" for Arabic."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(LANGUAGES)})")
    return "" if lang == DEFAULT else f"{lang}/"


def direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"


def _split(url: str) -> tuple[str, str]:
    """("produk/x/", "#foto-2") from "produk/x/#foto-2"; the query stays with its tail too."""
    cut = min((i for i in (url.find("#"), url.find("?")) if i >= 0), default=len(url))
    return url[:cut], url[cut:]


def is_page(url: str) -> bool:
    """True for a page address ("", "katalog/", "produk/x/?q=1"), False for a file
    ("media/a.jpg", "data/catalogue.json") or a shared folder ("pagefind/")."""
    path, _ = _split(url)
    if path and not path.endswith("/"):
        return False
    return path.split("/", 1)[0] not in SHARED_DIRS


def lang_of(url: str) -> str:
    """The language of a site-relative page address: "en/produk/x/" → "en"."""
    head = url.split("/", 1)[0]
    return head if head in LANGUAGES and head != DEFAULT and "/" in url else DEFAULT


def base_of(url: str) -> str:
    """The address without its language prefix: "ar/produk/x/" → "produk/x/"."""
    lang = lang_of(url)
    return url[len(prefix(lang)):]


def localize(url: str, lang: str) -> str:
    """A site-relative address (written in Indonesian, unprefixed) in `lang`.

    >>> localize("produk/kopi/", "en"), localize("", "ar"), localize("media/a.jpg", "en")
    ('en/produk/kopi/', 'ar/', 'media/a.jpg')
    """
    return prefix(lang) + url if is_page(url) else url


def in_language(url: str, lang: str) -> str:
    """The same page in another language: "en/produk/x/" → "ar/produk/x/"."""
    return localize(base_of(url), lang)


def alternates(url: str, exists: Container[str] | None = None) -> list[tuple[str, str]]:
    """(lang, address) of this page in every language that has it, the page itself included,
    in LANGUAGES order. `exists` is the set of built page addresses (None: all exist)."""
    base = base_of(url)
    out = []
    for lang in LANGUAGES:
        target = localize(base, lang)
        if exists is None or target in exists:
            out.append((lang, target))
    return out


def linker(page_url: str, lang: str) -> Callable[..., str]:
    """`u` for templates of the page at unprefixed `page_url` in `lang`: u("kategori/x/") is
    the relative link to that page in the same language; u("", shared=True) links the site
    root itself (for the search bundle's base, which is not a page)."""
    here = localize(page_url, lang)

    def u(target: str, shared: bool = False) -> str:
        return urls.relative(here, target if shared else localize(target, lang))

    return u
