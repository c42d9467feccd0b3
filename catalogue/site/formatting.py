"""Numbers, money, dates and country names as buyers read them, per language (Babel).

Pure functions: same input, same text. Indonesian is the reference: `rupiah(35000, "id")`
is "Rp35.000" and `long_date(date(2024, 10, 3), "id")` is "3 Oktober 2024".
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

# Babel locale per site language. Arabic numbers stay Latin digits ("ar" would give
# Arabic-Indic digits, which do not match prices written in the product files and on packs).
_LOCALES = {"id": "id", "en": "en", "ar": "ar"}


def _locale(lang: str) -> str:
    return _LOCALES.get(lang, "id")


# Remembered: a price is written on every card of every listing it appears on, in each
# language, and Babel takes ~0.3 ms per call.
@lru_cache(maxsize=2**16)
def rupiah(amount: int, lang: str = "id") -> str:
    """Whole rupiah with the local grouping: "Rp35.000" (id), "IDR 35,000" (en)."""
    # Rupiah prices have no cents in practice; CLDR would add ",00" for some locales.
    pattern = "¤#,##0" if lang == "id" else "¤\u00a0#,##0"
    return format_currency(
        amount, "IDR", format=pattern, locale=_locale(lang), currency_digits=False,
        numbering_system="latn",
    )


@lru_cache(maxsize=2**16)
def number(value: int, lang: str = "id") -> str:
    """An integer with thousands separators: 1500 → "1.500" (id)."""
    return format_decimal(value, locale=_locale(lang), numbering_system="latn")


def long_date(day: date, lang: str = "id") -> str:
    """A date written out: "3 Oktober 2024" (id), "3 October 2024" (en)."""
    return format_date(day, "d MMMM y", locale=_locale(lang))


def country(code: str, lang: str = "id") -> str:
    """The name of an ISO 3166-1 alpha-2 country in `lang`; the code itself if unknown."""
    return Locale.parse(_locale(lang)).territories.get(code.upper(), code.upper())


def phone(e164: str) -> str:
    """A stored WhatsApp number as people write it: "+6281150000001" → "+62 811-5000-0001"."""
    import phonenumbers

    try:
        return phonenumbers.format_number(phonenumbers.parse(e164, None),
                                          phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return e164
