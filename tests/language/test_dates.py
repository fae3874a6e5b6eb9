"""Afghan dates: conversion (LANGUAGE.md §5), Dari and Pashto formats (§3.2), leap caveat (§3.4)."""

from __future__ import annotations

import datetime

import pytest

from localize.errors import LanguageError
from localize.language import dates
from localize.language.dates import (
    SAFE_RANGE,
    format_afghan_date,
    format_gregorian_date,
    needs_review,
    to_solar,
)

from .helpers import ARABIC_KAF, ARABIC_YEH

D = datetime.date

# Every pair of LANGUAGE.md §5 (jdatetime, persiantools, convertdate and ICU agree).
CONVERSIONS = [
    (D(2019, 2, 10), (1397, 11, 21)),
    (D(2019, 3, 21), (1398, 1, 1)),
    (D(2024, 3, 20), (1403, 1, 1)),
    (D(2025, 3, 20), (1403, 12, 30)),
    (D(2025, 3, 21), (1404, 1, 1)),
    (D(2026, 3, 20), (1404, 12, 29)),
    (D(2026, 3, 21), (1405, 1, 1)),
    (D(2029, 3, 20), (1408, 1, 1)),
    (D(2029, 3, 21), (1408, 1, 2)),
]


@pytest.mark.parametrize(("gregorian", "solar"), CONVERSIONS)
def test_conversion_pairs(gregorian: datetime.date, solar: tuple[int, int, int]) -> None:
    assert tuple(to_solar(gregorian)) == solar


def test_dari_dateline_example() -> None:
    assert format_afghan_date(D(2019, 2, 10), "fa_AF") == "یکشنبه ۲۱ دلو ۱۳۹۷"
    assert format_afghan_date(D(2019, 2, 10), "prs", with_weekday=False) == "۲۱ دلو ۱۳۹۷"


def test_pashto_dateline_example_and_zodiac_option() -> None:
    assert format_afghan_date(D(2019, 2, 10), "ps") == "یکشنبه، د ۱۳۹۷ کال د سلواغې ۲۱مه"
    assert (
        format_afghan_date(D(2019, 2, 10), "ps", with_weekday=False) == "د ۱۳۹۷ کال د سلواغې ۲۱مه"
    )
    assert (
        format_afghan_date(D(2019, 2, 10), "ps", pashto_months="zodiac")
        == "یکشنبه، د ۱۳۹۷ کال د دلوې ۲۱مه"
    )


@pytest.mark.parametrize(
    ("gregorian", "dari", "pashto"),
    [
        (D(2019, 3, 21), "پنجشنبه ۱ حمل ۱۳۹۸", "پنجشنبه، د ۱۳۹۸ کال د وري ۱مه"),
        (D(2024, 3, 20), "چهارشنبه ۱ حمل ۱۴۰۳", "چهارشنبه، د ۱۴۰۳ کال د وري ۱مه"),
        (D(2025, 3, 20), "پنجشنبه ۳۰ حوت ۱۴۰۳", "پنجشنبه، د ۱۴۰۳ کال د کب ۳۰مه"),
        (D(2026, 3, 20), "جمعه ۲۹ حوت ۱۴۰۴", "جمعه، د ۱۴۰۴ کال د کب ۲۹مه"),
        (D(2022, 3, 26), "شنبه ۶ حمل ۱۴۰۱", "شنبه، د ۱۴۰۱ کال د وري ۶مه"),  # 8am «شنبه، ۶ حمل»
        (D(2021, 5, 23), "یکشنبه ۲ جوزا ۱۴۰۰", "یکشنبه، د ۱۴۰۰ کال د غبرګولي ۲مه"),  # NDC
        (D(2022, 6, 14), "سه‌شنبه ۲۴ جوزا ۱۴۰۱", "سه شنبه، د ۱۴۰۱ کال د غبرګولي ۲۴مه"),  # Asvaka
        (D(2019, 10, 21), "دوشنبه ۲۹ میزان ۱۳۹۸", "دوشنبه، د ۱۳۹۸ کال د تلې ۲۹مه"),
    ],
)
def test_weekdays_and_months(gregorian: datetime.date, dari: str, pashto: str) -> None:
    assert format_afghan_date(gregorian, "fa_AF") == dari
    assert format_afghan_date(gregorian, "ps") == pashto


def test_gregorian_dates_in_afghan_transliteration() -> None:
    assert format_gregorian_date(D(2019, 2, 10), "fa_AF") == "۱۰ فبروری ۲۰۱۹"
    assert format_gregorian_date(D(2019, 2, 10), "ps") == "د ۲۰۱۹ کال د فبرورۍ ۱۰مه"
    assert format_gregorian_date(D(2019, 1, 15), "ps") == "د ۲۰۱۹ کال د جنورۍ ۱۵مه"  # DW Pashto
    assert format_gregorian_date(D(2019, 2, 10), "fa_AF", with_weekday=True) == (
        "یکشنبه ۱۰ فبروری ۲۰۱۹"
    )


def test_tables_are_complete_and_in_afghan_spelling() -> None:
    tables = [
        dates.DARI_MONTHS,
        dates.PASHTO_MONTHS,
        dates.PASHTO_MONTHS_OBLIQUE,
        dates.PASHTO_ZODIAC_MONTHS_OBLIQUE,
        dates.DARI_GREGORIAN_MONTHS,
        dates.PASHTO_GREGORIAN_MONTHS,
        dates.PASHTO_GREGORIAN_MONTHS_OBLIQUE,
    ]
    assert all(len(table) == 12 for table in tables)
    assert len(dates.DARI_WEEKDAYS) == len(dates.PASHTO_WEEKDAYS) == 7
    # No Iranian month names ever (the DW Pashto «دی» bug, §3.1).
    iranian = {"فروردین", "بهمن", "دی", "اسفند", "فوریه", "ژانویه"}
    assert not iranian & {name for table in tables for name in table}
    for name in dates.DARI_MONTHS + dates.DARI_GREGORIAN_MONTHS + dates.DARI_WEEKDAYS:
        assert ARABIC_YEH not in name and ARABIC_KAF not in name
    # Afghan ګ in Pashto names, never Persian گ.
    assert all("گ" not in name for name in dates.PASHTO_MONTHS + dates.PASHTO_MONTHS_OBLIQUE)


def test_output_has_persian_digits_only() -> None:
    day = D(2019, 2, 10)
    while day < D(2020, 2, 10):
        for text in (format_afghan_date(day, "fa_AF"), format_afghan_date(day, "ps")):
            assert not any(ch.isascii() and ch.isdigit() for ch in text)
        day += datetime.timedelta(days=17)


def test_leap_rule_caveat_from_2029() -> None:
    assert SAFE_RANGE == (D(1993, 3, 21), D(2029, 3, 19))
    assert not needs_review(D(2019, 2, 10))
    assert not needs_review(D(2029, 3, 19))
    assert needs_review(D(2029, 3, 20))
    assert needs_review(D(1990, 1, 1))
    # The published Afghan rule gives 30 Hut 1407 where jdatetime gives 1 Hamal 1408.
    assert tuple(to_solar(D(2029, 3, 20), rule="afghan")) == (1407, 12, 30)
    assert format_afghan_date(D(2029, 3, 20), "fa_AF", rule="afghan") == "سه‌شنبه ۳۰ حوت ۱۴۰۷"


def test_both_rules_agree_over_the_whole_safe_range() -> None:
    # Every day around each new year (where the rules could differ), every 5th day elsewhere.
    first, last = SAFE_RANGE
    days = {first + datetime.timedelta(days=n) for n in range(0, (last - first).days + 1, 5)}
    for year in range(first.year, last.year + 1):
        days.update(D(year, 3, 10) + datetime.timedelta(days=n) for n in range(20))
    for day in sorted(d for d in days if first <= d <= last):
        assert to_solar(day) == to_solar(day, rule="afghan"), day


def test_bad_arguments() -> None:
    with pytest.raises(LanguageError):
        format_afghan_date(D(2019, 2, 10), "fa")
    with pytest.raises(ValueError, match="pashto_months"):
        format_afghan_date(D(2019, 2, 10), "ps", pashto_months="iranian")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="rule"):
        to_solar(D(2019, 2, 10), rule="julian")  # type: ignore[arg-type]
