"""``numbers`` finds what it found before its ASCII pattern and ``٫`` shortcut.

The check is compared with a verbatim copy of the code before (``_digit_runs`` with one
pattern for every text; no test for numbers that differ only by ``.`` and ``٫``) over
generated texts: numbers in ASCII, Persian and Arabic-Indic digits with ``.``, ``,``,
``٫`` and ``٬`` in odd combinations, spelled numbers, Gregorian and solar Hijri years.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from localize.checks import make_context
from localize.checks._base import UnitContext
from localize.checks.numerals import (
    _NUMBER_RE,
    NAME,
    _differences,
    _digit_runs,
    _drop_spelled,
    _hijri_conversion,
    _token_values,
    check_numbers,
)
from localize.language.script import to_ascii_digits
from localize.model import Finding, Severity


# -- the code before ------------------------------------------------------------------------
def _digit_runs_before(text: str) -> str:
    joined = " ".join(_NUMBER_RE.findall(text))  # one translate for all the numbers
    return joined if joined.isascii() else to_ascii_digits(joined)


def _check_numbers_before(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    source_text, target_text = ctx.source_masked, ctx.target_masked
    source_runs, target_runs = _digit_runs_before(source_text), _digit_runs_before(target_text)
    if source_runs == target_runs:
        return []
    source_tokens, target_tokens = source_runs.split(), target_runs.split()
    if sorted(source_tokens) == sorted(target_tokens):
        return []
    source_list, target_list = _token_values(source_tokens), _token_values(target_tokens)
    if source_list == target_list:
        return []
    source_list.sort()
    target_list.sort()
    if source_list == target_list:  # the same values in another order
        return []
    missing, extra = _differences(source_list, target_list)
    missing, extra = _drop_spelled(missing, extra, source_text, target_text, ctx)
    if not missing and not extra:
        return []
    parts = []
    if missing:
        parts.append("missing from the translation: " + ", ".join(missing))
    if extra:
        parts.append("not in the source: " + ", ".join(extra))
    message = "numbers differ; " + "; ".join(parts)
    if _hijri_conversion(missing, extra, source_list):
        message += " (looks like a date converted to the solar Hijri calendar: check it)"
        return [Finding(NAME, Severity.WARNING, message)]
    return [Finding(NAME, Severity.ERROR, message)]


# -- generated texts ------------------------------------------------------------------------
_DIGITS = ["0123456789", "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩"]
_SEPARATORS = [".", ",", "\u066b", "\u066c"]
_WORDS = ["the", "people", "three", "two", "Nine", "twelve", "hundred", "and", "نفر", "سه",
          "دو", "نه", "هزار", "یکصد", "درې", "دوه", "نهه", "لس", "زر", "سه\u200cشنبه", "و",
          "او", "k", "l", "(", ")", "%", "٪", "،", "؟", "\ufffc", "{0}", "%d"]


@st.composite
def _number(draw: st.DrawFn) -> str:
    system = draw(st.sampled_from(_DIGITS))
    kind = draw(st.integers(0, 3))
    if kind == 0:
        value = str(draw(st.integers(1900, 2100) | st.integers(1279, 1480)))
    elif kind == 1:
        value = str(draw(st.integers(0, 40)))
    else:
        tail = st.text("0123456789", min_size=3, max_size=3) if kind == 2 else st.text(
            "0123456789", min_size=1, max_size=4)  # kind 2: grouped, 1.234.567
        groups = [draw(st.text("0123456789", min_size=1, max_size=4)),
                  *draw(st.lists(tail, max_size=3))]
        seps = draw(st.lists(st.sampled_from(_SEPARATORS), min_size=len(groups) - 1,
                             max_size=len(groups) - 1))
        if kind == 2:  # one separator throughout: 1.234.567, 1٫234٫567, 1,234,567
            seps = [seps[0]] * len(seps) if seps else []
        value = groups[0] + "".join(s + g for s, g in zip(seps, groups[1:]))
    if draw(st.booleans()):  # a stray separator next to the number
        value = draw(st.sampled_from(_SEPARATORS + ["", " "])) + value + draw(
            st.sampled_from(_SEPARATORS + ["", " "]))
    return value.translate(str.maketrans("0123456789", system))


_pieces = st.lists(_number() | st.sampled_from(_WORDS) | st.sampled_from(_SEPARATORS),
                   max_size=8)


@st.composite
def _translations(draw: st.DrawFn) -> tuple[str, str]:
    source = draw(_pieces)
    if draw(st.booleans()):  # the same numbers, shuffled and in other digits
        target = [n.translate(str.maketrans(draw(st.sampled_from(_DIGITS)),
                                            draw(st.sampled_from(_DIGITS))))
                  for n in draw(st.permutations(source))]
        if draw(st.booleans()):
            target = [t.replace(".", "\u066b") for t in target]
        target += draw(st.lists(st.sampled_from(_WORDS), max_size=2))
    else:
        target = draw(_pieces)
    return " ".join(source), " ".join(target)


def _as_tuples(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.check, f.severity.name, f.message) for f in findings]


@settings(max_examples=1500, deadline=None)
@given(_translations(), st.sampled_from(["fa_AF", "ps"]))
@example(("It rose by 2.5 million.", "۲٫۵ میلیون افزایش یافت."), "fa_AF")
@example(("1.234.567 people", "۱٫۲۳۴٫۵۶۷ نفر"), "ps")
@example(("1.2.3 and 4.5", "۱٫۲.۳ و ۴٫۵"), "fa_AF")
@example(("1.2 and 3.4.5", "۱٫۲ و ۳٫۴٫۵"), "fa_AF")
@example(("1,5 and 1,500", "۱٬۵ و ۱٬۵۰۰"), "fa_AF")
@example(("12.5 and 2019", "۲۰۱۹ و ۱۲٫۵"), "ps")
@example(("12.5 k 3", "l ۱۲٫۵ ۳ k"), "ps")
@example(("The talks began on 10 February 2019.", "مذاکرات در ۲۱ دلو ۱۳۹۷ آغاز شد."), "fa_AF")
@example(("three soldiers", "۳ سرباز"), "ps")
def test_numbers_finds_what_it_found_before(pair: tuple[str, str], language: str) -> None:
    source, target = pair
    for a, b in ((source, target), (target, source)):
        ctx = make_context(a, b, language)
        assert (_as_tuples(check_numbers(a, b, ctx))
                == _as_tuples(_check_numbers_before(a, b, ctx)))


_ascii_pieces = st.lists(_number().map(lambda n: n if n.isascii() else to_ascii_digits(n))
                         | st.sampled_from(["the", "k", "l", ".", ",", "%", "(", ")"]),
                         max_size=8)


@settings(max_examples=500, deadline=None)
@given(_pieces.map(" ".join) | _ascii_pieces.map(" ".join) | _ascii_pieces.map("".join)
       | st.text())
@example("1,5 and 3,500 in 2024.")
def test_digit_runs_read_what_they_read_before(text: str) -> None:
    assert _digit_runs(text) == _digit_runs_before(text)
