"""Which runs get isolated inside right-to-left (and left-to-right) text."""

from __future__ import annotations

import html
import random

import pytest

from localize.publish.bidi import FSI, LTR_RUN, PDI, _spans, isolate_markup, isolate_plain


def _runs(text: str, direction: str = "rtl") -> list[str]:
    marked = isolate_plain(text, direction)
    return [part.split(PDI)[0] for part in marked.split(FSI)[1:]]


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("هشتگ #NATO امروز", ["#NATO"]),
        ("هشتگ #کابل امروز", []),  # Arabic-script hashtags display correctly
        ("آقای Jens Stoltenberg گفت", ["Jens Stoltenberg"]),
        ("آقای Jens Stoltenberg 2 بار گفت", ["Jens Stoltenberg"]),  # the 2 is Dari's
        ("تاریخ 2019-02-10 است", ["2019-02-10"]),
        ("تاریخ ۲۰۱۹-۰۲-۱۰ است", ["۲۰۱۹-۰۲-۱۰"]),
        ("ساعت ۱۰:۳۰ صبح", ["۱۰:۳۰"]),
        ("تاریخ ۱۳۹۷/۱۱/۲۱ و ۸٫۸ درصد و 2024", []),  # slashes, decimals, plain numbers
        ("ببینید https://nato.int/a?b=1&c=2، لطفاً", ["https://nato.int/a?b=1&c=2"]),
        ("ایمیل press@hq.nato.int.", ["press@hq.nato.int"]),
        ("حساب @NATO و #NATO Allies", ["@NATO", "#NATO Allies"]),
        ("با NATO.", ["NATO"]),  # the full stop stays in the Dari sentence
        ("«Afghan Army» و COVID-19", ["Afghan Army", "COVID-19"]),
    ],
)
def test_ltr_runs_inside_rtl_text(text: str, runs: list[str]) -> None:
    assert _runs(text) == runs


def test_rtl_runs_inside_english_text() -> None:
    assert _runs("The word ولسی جرگه means parliament.", "ltr") == ["ولسی جرگه"]
    assert _runs("Nothing to isolate here, #NATO 2019-02-10.", "ltr") == []


def test_markup_escapes_every_run_and_wraps_the_foreign_ones() -> None:
    text = 'گفت <script>alert("x")</script> Jens & Co'
    assert isolate_markup(text, "rtl", html.escape) == (
        "گفت &lt;<bdi dir=\"ltr\">script</bdi>&gt;<bdi dir=\"ltr\">alert</bdi>(&quot;"
        "<bdi dir=\"ltr\">x</bdi>&quot;)"
        "&lt;/<bdi dir=\"ltr\">script</bdi>&gt; <bdi dir=\"ltr\">Jens</bdi> &amp; "
        "<bdi dir=\"ltr\">Co</bdi>"
    )


def test_fast_scanner_finds_exactly_what_the_pattern_finds() -> None:
    alphabet = [*"ab Z09۱۲٣#@.-:/_%+’ سلامhw", "https://x.org/a", "a@b.co", "2019-02-10", "www.",
                "http://", "۱۰:۳۰", "x-y", "۲0a", "NATO Allies"]
    rng = random.Random(20190210)
    for _ in range(5_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert _spans(text, "rtl") == [m.span() for m in LTR_RUN.finditer(text)], text
