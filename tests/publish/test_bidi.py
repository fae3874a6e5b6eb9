"""Which runs get isolated inside right-to-left (and left-to-right) text."""

from __future__ import annotations

import html
import random
import re

import pytest

from localize.publish.bidi import (
    FSI,
    LRE,
    LRI,
    LRO,
    LTR_RUN,
    PDF,
    PDI,
    RLE,
    RLI,
    RLO,
    _spans,
    balance_controls,
    isolate_markup,
    isolate_plain,
    isolate_sentence,
)


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


# -- sentences as bidi islands ---------------------------------------------------------------
NAME = f"{LRI}Jens Stoltenberg{PDI}"


@pytest.mark.parametrize(
    "text",
    [
        "هنوز کارهای زیادی باید انجام شود.",  # no controls at all
        f"آقای {NAME} گفت.",  # an isolate around a Latin name
        f"نام {FSI}NATO{PDI} و {RLI}ناتو{PDI}.",
        f"فایل {RLO}exe.gnp{PDF} بی‌خطر است.",  # an override, closed
        f"{RLE}الف {LRE}b{PDF} ج{PDF}",  # nested embeddings, closed
        f"{LRI}a {RLE}ب{PDF} {RLI}ج{PDI}{PDI}",  # an embedding inside an isolate, closed
        "دما \u200e\u2212۵ درجه \u200fو \u061c۳",  # LRM, RLM, ALM are not explicit controls
        "",
    ],
)
def test_balanced_controls_are_kept_as_written(text: str) -> None:
    assert balance_controls(text) == text
    assert isolate_sentence(text, "rtl", str) == text  # not wrapped either


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"چهارم {RLO}برعکس", f"چهارم {RLO}برعکس{PDF}"),  # an override left open
        (f"a {LRO}b", f"a {LRO}b{PDF}"),
        (f"x {LRE}y", f"x {LRE}y{PDF}"),  # embeddings left open
        (f"x {RLE}y {RLE}z{PDF}", f"x {RLE}y {RLE}z{PDF}{PDF}"),
        (f"x {LRI}y", f"x {LRI}y{PDI}"),  # an isolate left open
        (f"{RLE}a {FSI}b", f"{RLE}a {FSI}b{PDI}{PDF}"),  # closed innermost first
        (f"x{PDI} {LRO}y", f"x {LRO}y{PDF}"),  # a PDI that would close the sentence's isolate
        (f"x{PDF}y{PDF}", "xy"),  # PDFs with nothing to close
        (f"{LRI}a{PDF}b{PDI}", f"{LRI}ab{PDI}"),  # a PDF cannot close across an isolate
        (f"{LRI}a {RLO}b{PDI}c", f"{LRI}a {RLO}b{PDF}{PDI}c"),  # the PDI closes the RLO too
        (f"a\u2029{RLO}b\nc\r\x85d\x1c\x1d\x1ee", f"a {RLO}b c  d   e{PDF}"),  # bidi class B
    ],
)
def test_unbalanced_controls_are_closed_inside_the_sentence(text: str, expected: str) -> None:
    assert balance_controls(text) == expected
    assert balance_controls(expected) == expected
    assert isolate_sentence(text, "rtl", str) == f"{RLI}{expected}{PDI}"
    assert isolate_sentence(text, "ltr", str) == f"{LRI}{expected}{PDI}"


# An independent reading of UAX #9 X1-X8 (explicit levels, with the depth limit of 125 and
# its overflow counters), used as the oracle for "cannot affect what follows".
_MAX_DEPTH = 125
_EMBEDDINGS = {LRE: (False, None), RLE: (True, None), LRO: (False, "L"), RLO: (True, "R")}
_ISOLATES = {LRI: False, RLI: True}


def _explicit_levels(text: str, paragraph_level: int) -> list[tuple[int, str | None]]:
    """``(embedding level, override)`` of every character, controls included (X9 would
    remove PDF, LRE...; isolate initiators and PDIs get the level of their surroundings)."""
    stack: list[tuple[int, str | None, bool]] = [(paragraph_level, None, False)]
    overflow_isolates = overflow_embeddings = valid_isolates = 0
    out: list[tuple[int, str | None]] = []

    def push(rtl: bool, override: str | None, isolate: bool) -> bool:
        level = stack[-1][0]
        level = level + 1 + (level % 2 == 0) if rtl else level + 1 + (level % 2 == 1)
        if level <= _MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
            stack.append((level, override, isolate))
            return True
        return False

    for position, char in enumerate(text):
        if char in _EMBEDDINGS:
            out.append(stack[-1][:2])
            if not push(*_EMBEDDINGS[char], False) and overflow_isolates == 0:
                overflow_embeddings += 1
        elif char in (LRI, RLI, FSI):
            out.append(stack[-1][:2])
            rtl = _ISOLATES[char] if char != FSI else _first_strong_rtl(text[position + 1:])
            if push(rtl, None, True):
                valid_isolates += 1
            else:
                overflow_isolates += 1
        elif char == PDI:
            if overflow_isolates:
                overflow_isolates -= 1
            elif valid_isolates:
                overflow_embeddings = 0
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                valid_isolates -= 1
            out.append(stack[-1][:2])
        elif char == PDF:
            if overflow_isolates:
                pass
            elif overflow_embeddings:
                overflow_embeddings -= 1
            elif not stack[-1][2] and len(stack) >= 2:
                stack.pop()
            out.append(stack[-1][:2])
        elif char in "\n\r\x1c\x1d\x1e\x85\u2029":  # X8: the paragraph ends
            del stack[1:]
            overflow_isolates = overflow_embeddings = valid_isolates = 0
            out.append(stack[-1][:2])
        else:
            out.append(stack[-1][:2])
    return out


def _first_strong_rtl(text: str) -> bool:
    """P2/P3 up to the matching PDI, skipping nested isolates."""
    depth = 0
    for char in text:
        if char in (LRI, RLI, FSI):
            depth += 1
        elif char == PDI:
            if depth == 0:
                return False
            depth -= 1
        elif depth == 0 and char in "aLاR":
            return char in "اR"
    return False


def _matching_pdi(text: str, start: int) -> int | None:
    """BD9: the PDI that closes the isolate initiator at ``start`` (none past a paragraph
    separator)."""
    depth = 0
    for position in range(start + 1, len(text)):
        char = text[position]
        if char in (LRI, RLI, FSI):
            depth += 1
        elif char == PDI:
            if depth == 0:
                return position
            depth -= 1
        elif char in "\n\r\x1c\x1d\x1e\x85\u2029":
            return None
    return None


def _compose(sentences: list[str], direction: str, plain: bool) -> tuple[str, int]:
    """A paragraph of sentences as a renderer sees it: HTML puts every sentence in an
    isolate (``<span dir>``), plain text only the repaired ones; where sentence 0 ends."""
    opener = RLI if direction == "rtl" else LRI
    parts = [isolate_sentence(s, direction, str) if plain
             else f"{opener}{balance_controls(s)}{PDI}" for s in sentences]
    return " ".join(parts), len(parts[0])


HOSTILE_ALPHABET = [LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, "a", "ا", " ", "\u2029", "\n"]


@pytest.mark.parametrize("direction", ["rtl", "ltr"])
@pytest.mark.parametrize("plain", [False, True], ids=["html", "plain"])
def test_no_control_in_a_sentence_reaches_the_next_one(direction: str, plain: bool) -> None:
    rng = random.Random(7)
    rest = ["سال 2024 بود.", f"آقای {NAME} گفت.", "جملهٔ سوم"]
    hostile = [
        f"اول {RLO}x", f"اول {PDI}{LRO}x", f"اول \u2029{LRO}x", f"{LRE}{RLE}y", f"{LRI}x",
        RLE * 130 + "x", RLI * 130 + "x" + PDF * 3, PDI * 3 + RLO,
        *("".join(rng.choice(HOSTILE_ALPHABET) for _ in range(rng.randint(1, 24)))
          for _ in range(3_000)),
    ]
    level = 1 if direction == "rtl" else 0
    calm, calm_end = _compose(["اول x", *rest], direction, plain)
    expected = _explicit_levels(calm, level)[calm_end:]
    for text in hostile:
        paragraph, end = _compose([text, *rest], direction, plain)
        assert _explicit_levels(paragraph, level)[end:] == expected, ascii(text)
        if not plain or balance_controls(text) != text:  # wrapped: its isolate holds it all
            assert _matching_pdi(paragraph, 0) == end - 1, ascii(text)
        if plain:  # the sentence itself keeps the paragraph's level where it starts and ends
            levels = _explicit_levels(paragraph, level)
            assert levels[0][0] == level and levels[end - 1][0] == level, ascii(text)


def test_balancing_keeps_every_other_character_and_is_idempotent() -> None:
    rng = random.Random(2024)
    controls = str.maketrans("", "", f"{LRE}{RLE}{PDF}{LRO}{RLO}{LRI}{RLI}{FSI}{PDI}")
    for _ in range(3_000):
        text = "".join(rng.choice(HOSTILE_ALPHABET) for _ in range(rng.randint(0, 24)))
        balanced = balance_controls(text)
        assert balance_controls(balanced) == balanced, ascii(text)
        expected = re.sub("[\n\u2029]", " ", text).translate(controls)
        assert balanced.translate(controls) == expected, ascii(text)
