"""Interface strings per language: every word on a page that is not product data.

`t(lang, key, **params)` formats one string; a key missing in `lang` falls back to Indonesian,
and a key missing in Indonesian is a KeyError (a typo must fail the build, not show a key).
Arabic (`ar.py`) is written right to left; see catalogue.site.i18n for where each language lives.

The strings name no province: "{province}" and "{province_short}" are filled from the active
region file (catalogue/region.py), and a region file's `texts` (the programme's own figures,
e.g. how many kopontren hold legal status) replace a string of the same key.
"""

from __future__ import annotations

from collections.abc import Callable

from catalogue import region
from catalogue.locales import ar, en, id as _id

STRINGS: dict[str, dict[str, str]] = {"id": _id.STRINGS, "en": en.STRINGS, "ar": ar.STRINGS}


def _lookup(lang: str, key: str) -> str | None:
    """The string of `key` in `lang` (the region file's first), with the province filled in."""
    area = region.current()
    template = area.texts.get(lang, {}).get(key) or STRINGS.get(lang, {}).get(key)
    if template is not None and "{province" in template:
        for name, value in area.words(lang).items():
            template = template.replace("{" + name + "}", value)
    return template


def t(lang: str, key: str, **params: object) -> str:
    template = _lookup(lang, key)
    if template is None:
        template = _lookup("id", key)
        if template is None:
            raise KeyError(key)
    return template.format(**params) if params else template


def plural(lang: str, key: str, count: int, **params: object) -> str:
    """`t` for a string about `count` things: uses "<key>#<form>" when `lang` has it, where
    form is CLDR's plural category of `count` in `lang` (one, two, few, many, other; Arabic
    has all of them, English one and other, Indonesian none), else "<key>"."""
    from babel import Locale

    form = Locale.parse(lang).plural_form(count)
    template = _lookup(lang, f"{key}#{form}")
    if template is None:
        return t(lang, key, **params)
    return template.format(**params)


def translator(lang: str) -> Callable[..., str]:
    """`t` bound to one language, for templates: `t("price.from", price=…)`."""

    def bound(key: str, **params: object) -> str:
        return t(lang, key, **params)

    return bound
