"""Afghan dates: solar Hijri with Dari or Pashto month names, and Gregorian in Afghan spelling.

Conversion uses jdatetime (the Iranian arithmetic, which ICU, persiantools and
convertdate agree with; ``LANGUAGE.md`` §5). Formatting uses the project's own tables
below, never Babel or ICU month names (their abbreviated and stand-alone ``fa_AF`` forms
fall back to Iranian names; §1.4).

Calendar caveat (§3.4): the published Afghan rule, "1 Hamal = 21 March, or 20 March when
the Gregorian year is a leap year", agrees with jdatetime for 1372-1407 SH (21 March 1993
to 19 March 2029) and differs by one day from 1408 SH (20 March 2029) onwards and for some
earlier years. ``needs_review`` flags those dates, and ``rule="afghan"`` converts with the
Afghan rule instead. Check such dates against a calendar printed in Afghanistan.

>>> import datetime
>>> format_afghan_date(datetime.date(2019, 2, 10), "fa_AF")
'یکشنبه ۲۱ دلو ۱۳۹۷'
>>> format_afghan_date(datetime.date(2019, 2, 10), "ps")
'یکشنبه، د ۱۳۹۷ کال د سلواغې ۲۱مه'
"""

from __future__ import annotations

import datetime
from typing import Literal, NamedTuple

import jdatetime

from ..langs import canonical_code
from .script import to_persian_digits

__all__ = [
    "DARI_GREGORIAN_MONTHS",
    "DARI_MONTHS",
    "DARI_WEEKDAYS",
    "PASHTO_GREGORIAN_MONTHS",
    "PASHTO_GREGORIAN_MONTHS_OBLIQUE",
    "PASHTO_MONTHS",
    "PASHTO_MONTHS_OBLIQUE",
    "PASHTO_WEEKDAYS",
    "PASHTO_ZODIAC_MONTHS_OBLIQUE",
    "SAFE_RANGE",
    "SolarDate",
    "format_afghan_date",
    "format_gregorian_date",
    "needs_review",
    "to_solar",
]

# Solar months, Dari (Arabic zodiac names; LANGUAGE.md §3.1, CLDR fa_AF persian wide names,
# without the ezafe hamza that CLDR puts on سنبلهٔ).
DARI_MONTHS: tuple[str, ...] = (
    "حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله",
    "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت",
)  # fmt: skip
# Pashto names (CLDR ps, with Afghan ګ where CLDR has گ) and their forms after «د»
# (tolafghan.com/articles/36598, rohi.af «د سلواغې»).
PASHTO_MONTHS: tuple[str, ...] = (
    "وری", "غویی", "غبرګولی", "چنګاښ", "زمری", "وږی",
    "تله", "لړم", "لیندۍ", "مرغومی", "سلواغه", "کب",
)  # fmt: skip
PASHTO_MONTHS_OBLIQUE: tuple[str, ...] = (
    "وري", "غویي", "غبرګولي", "چنګاښ", "زمري", "وږي",
    "تلې", "لړم", "لیندۍ", "مرغومي", "سلواغې", "کب",
)  # fmt: skip
# Zodiac names inflected in Pashto after «د» (a per-publication option). Attested: د دلوې
# (taand, Azadi Pashto). The other forms follow the same rule (feminine -ه → -ې, -ی → -ي;
# consonant-final names unchanged) and await a native editor's check.
PASHTO_ZODIAC_MONTHS_OBLIQUE: tuple[str, ...] = (
    "حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبلې",
    "میزان", "عقرب", "قوس", "جدي", "دلوې", "حوت",
)  # fmt: skip

# Weekdays indexed by ``date.weekday()`` (0 = Monday). Dari: CLDR fa_AF. Pashto: the
# Persian names Afghan Pashto media print (§1.3; not CLDR 49's اونۍ for Saturday), with a
# space where Dari has a ZWNJ (CLDR ps writes «سه شنبه»).
DARI_WEEKDAYS = ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه")
PASHTO_WEEKDAYS = ("دوشنبه", "سه شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه")

# Gregorian months in Afghan transliteration. Dari: CLDR 49 fa_AF. Pashto: CLDR ps format
# names with the stand-alone سپتمبر; after «د» the feminine -ي names take -ۍ
# (DW Pashto «د جنورۍ», LANGUAGE.md «د فبرورۍ»).
DARI_GREGORIAN_MONTHS: tuple[str, ...] = (
    "جنوری", "فبروری", "مارچ", "اپریل", "می", "جون",
    "جولای", "اگست", "سپتمبر", "اکتوبر", "نومبر", "دسمبر",
)  # fmt: skip
PASHTO_GREGORIAN_MONTHS: tuple[str, ...] = (
    "جنوري", "فبروري", "مارچ", "اپریل", "مۍ", "جون",
    "جولای", "اګست", "سپتمبر", "اکتوبر", "نومبر", "دسمبر",
)  # fmt: skip
PASHTO_GREGORIAN_MONTHS_OBLIQUE: tuple[str, ...] = (
    "جنورۍ", "فبرورۍ", "مارچ", "اپریل", "مۍ", "جون",
    "جولای", "اګست", "سپتمبر", "اکتوبر", "نومبر", "دسمبر",
)  # fmt: skip

# Gregorian dates for which jdatetime and the published Afghan rule agree (1372-1407 SH).
SAFE_RANGE = (datetime.date(1993, 3, 21), datetime.date(2029, 3, 19))

_MONTH_LENGTHS = (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30)


class SolarDate(NamedTuple):
    """A solar Hijri date; month 1 is Hamal (Dari) / Wray (Pashto)."""

    year: int
    month: int
    day: int


def _afghan_new_year(gregorian_year: int) -> datetime.date:
    leap = gregorian_year % 4 == 0 and (gregorian_year % 100 != 0 or gregorian_year % 400 == 0)
    return datetime.date(gregorian_year, 3, 20 if leap else 21)


def to_solar(d: datetime.date, *, rule: Literal["iranian", "afghan"] = "iranian") -> SolarDate:
    """Convert a Gregorian date to the solar Hijri calendar.

    Args:
        d: The Gregorian date.
        rule: ``"iranian"`` (jdatetime, the default) or ``"afghan"`` (1 Hamal = 21 March,
            or 20 March in a Gregorian leap year).

    Returns:
        The solar date.
    """
    if rule == "iranian":
        solar = jdatetime.date.fromgregorian(date=d)
        return SolarDate(int(solar.year), int(solar.month), int(solar.day))
    if rule != "afghan":
        raise ValueError(f"unknown calendar rule {rule!r}; use 'iranian' or 'afghan'")
    start = _afghan_new_year(d.year)
    if d < start:
        start = _afghan_new_year(d.year - 1)
    remaining = (d - start).days
    for month, length in enumerate(_MONTH_LENGTHS, start=1):
        if remaining < length:
            return SolarDate(start.year - 621, month, remaining + 1)
        remaining -= length
    return SolarDate(start.year - 621, 12, remaining + 1)


def needs_review(d: datetime.date) -> bool:
    """True when the date lies outside ``SAFE_RANGE`` (the two leap rules may disagree).

    >>> needs_review(datetime.date(2029, 3, 20)), needs_review(datetime.date(2029, 3, 19))
    (True, False)
    """
    return not (SAFE_RANGE[0] <= d <= SAFE_RANGE[1])


def format_afghan_date(
    d: datetime.date,
    language_code: str,
    *,
    with_weekday: bool = True,
    pashto_months: Literal["pashto", "zodiac"] = "pashto",
    rule: Literal["iranian", "afghan"] = "iranian",
) -> str:
    """Format a date in the solar Hijri calendar as Afghan news prints it.

    Dari: ``یکشنبه ۲۱ دلو ۱۳۹۷``. Pashto: ``یکشنبه، د ۱۳۹۷ کال د سلواغې ۲۱مه`` (or
    ``د دلوې`` with ``pashto_months="zodiac"``).

    Args:
        d: The Gregorian date.
        language_code: ``fa_AF`` or ``ps`` (any accepted spelling).
        with_weekday: Start with the weekday.
        pashto_months: Pashto month names (``"pashto"``: سلواغې) or zodiac names
            inflected in Pashto (``"zodiac"``: دلوې). Ignored for Dari.
        rule: The leap rule (see ``to_solar``); check ``needs_review(d)`` either way.

    Returns:
        The formatted date with Persian digits.

    Raises:
        LanguageError: For an unknown language code.
        ValueError: For an unknown ``pashto_months`` or ``rule``.
    """
    code = canonical_code(language_code)
    solar = to_solar(d, rule=rule)
    year, day = to_persian_digits(str(solar.year)), to_persian_digits(str(solar.day))
    if code == "fa_AF":
        text = f"{day} {DARI_MONTHS[solar.month - 1]} {year}"
        return f"{DARI_WEEKDAYS[d.weekday()]} {text}" if with_weekday else text
    if pashto_months == "pashto":
        month = PASHTO_MONTHS_OBLIQUE[solar.month - 1]
    elif pashto_months == "zodiac":
        month = PASHTO_ZODIAC_MONTHS_OBLIQUE[solar.month - 1]
    else:
        raise ValueError(f"unknown pashto_months {pashto_months!r}; use 'pashto' or 'zodiac'")
    text = f"د {year} کال د {month} {day}مه"
    return f"{PASHTO_WEEKDAYS[d.weekday()]}، {text}" if with_weekday else text


def format_gregorian_date(
    d: datetime.date, language_code: str, *, with_weekday: bool = False
) -> str:
    """Format a Gregorian date with Afghan month names and Persian digits.

    Dari: ``۱۰ فبروری ۲۰۱۹``. Pashto: ``د ۲۰۱۹ کال د فبرورۍ ۱۰مه``.

    Args:
        d: The date.
        language_code: ``fa_AF`` or ``ps`` (any accepted spelling).
        with_weekday: Start with the weekday (Dari ``یکشنبه ۱۰ فبروری ۲۰۱۹``,
            Pashto ``یکشنبه، د ۲۰۱۹ کال …``).

    Returns:
        The formatted date.

    Raises:
        LanguageError: For an unknown language code.
    """
    code = canonical_code(language_code)
    year, day = to_persian_digits(str(d.year)), to_persian_digits(str(d.day))
    if code == "fa_AF":
        text = f"{day} {DARI_GREGORIAN_MONTHS[d.month - 1]} {year}"
        return f"{DARI_WEEKDAYS[d.weekday()]} {text}" if with_weekday else text
    text = f"د {year} کال د {PASHTO_GREGORIAN_MONTHS_OBLIQUE[d.month - 1]} {day}مه"
    return f"{PASHTO_WEEKDAYS[d.weekday()]}، {text}" if with_weekday else text
