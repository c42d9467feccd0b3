"""Interface strings per language: every word on a page that is not product data.

`t(lang, key, **params)` formats one string; a key missing in `lang` falls back to Indonesian,
and a key missing in Indonesian is a KeyError (a typo must fail the build, not show a key).
Arabic (`ar.py`) is written right to left; see catalogue.site.i18n for where each language lives.
"""

from __future__ import annotations

from collections.abc import Callable

from catalogue.locales import ar, en, id as _id

STRINGS: dict[str, dict[str, str]] = {"id": _id.STRINGS, "en": en.STRINGS, "ar": ar.STRINGS}


def t(lang: str, key: str, **params: object) -> str:
    template = STRINGS.get(lang, {}).get(key)
    if template is None:
        template = STRINGS["id"][key]
    return template.format(**params) if params else template


def plural(lang: str, key: str, count: int, **params: object) -> str:
    """`t` for a string about `count` things: uses "<key>#<form>" when `lang` has it, where
    form is CLDR's plural category of `count` in `lang` (one, two, few, many, other; Arabic
    has all of them, English one and other, Indonesian none), else "<key>"."""
    from babel import Locale

    form = Locale.parse(lang).plural_form(count)
    template = STRINGS.get(lang, {}).get(f"{key}#{form}")
    if template is None:
        return t(lang, key, **params)
    return template.format(**params)


def translator(lang: str) -> Callable[..., str]:
    """`t` bound to one language, for templates: `t("price.from", price=…)`."""

    def bound(key: str, **params: object) -> str:
        return t(lang, key, **params)

    return bound
