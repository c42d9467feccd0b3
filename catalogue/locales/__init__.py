"""Interface strings per language: every word on a page that is not product data.

`t(lang, key, **params)` formats one string; a key missing in `lang` falls back to Indonesian,
and a key missing in Indonesian is a KeyError (a typo must fail the build, not show a key).
Issue 5 adds Arabic by adding `ar.py` with the same keys.
"""

from __future__ import annotations

from collections.abc import Callable

from catalogue.locales import en, id as _id

STRINGS: dict[str, dict[str, str]] = {"id": _id.STRINGS, "en": en.STRINGS}


def t(lang: str, key: str, **params: object) -> str:
    template = STRINGS.get(lang, {}).get(key)
    if template is None:
        template = STRINGS["id"][key]
    return template.format(**params) if params else template


def translator(lang: str) -> Callable[..., str]:
    """`t` bound to one language, for templates: `t("price.from", price=…)`."""

    def bound(key: str, **params: object) -> str:
        return t(lang, key, **params)

    return bound
