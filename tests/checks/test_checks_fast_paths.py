"""The shortcuts ``check_unit`` takes give the results of the plain, slow way.

``check_unit`` skips the checks whose ``Trigger`` a unit does not hold and the entity scan
of texts without its triggers; several checks answer the usual case early. Each property
below compares with the straightforward computation.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from localize.checks import CHECKS, check_unit, make_context
from localize.checks._text import _FOLD, NO_ENTITIES, fold, mask_entities
from localize.checks.entities import ENTITIES
from localize.checks.fidelity import _loop
from localize.checks.numerals import _values
from localize.checks.orthography import _BAD_ZWNJ_RE

from .standins import DARI_GLOSSARY, iranian_forms

# Plain words, and words and marks that trigger a check (or nearly do). A text holds a
# few of the latter, so that a unit often has a trigger on one side only.
_PLAIN = [
    "ناتو", "گفت", "که", "د", "په", "کې", "۱۲", "12", "۲٫۵", "3,500", "۳٬۵۰۰", "2019", "۱۳۹۸",
    "سه", "درې", "ټ", "ې", "گوند", "پشتو", "می\u200cگوید", "\u200c", "،", "؛", "؟", "!", ".",
    ":", "…",
]
_RARE = [
    "NATO", "Kabul", "(ANA)", "[مالی]", "«نقل»", "“q”", '"', "#NATO", "@nato_af",
    "press@nato.int", "https://x.af/a_1", "www.nato.int", "%s", "{0}", "⟦0⟧", "[[1]]", "<unk>",
    "⁇", "▁", "prs_Arab", "__fa__", "pbt Arab", "ي", "ك", "ى", "ٹ", "ﻻ", "\u200e",
    "\u2067x\u2069", "\u202e", "\u061c", ",", ";", "?", "Azɏ", "}", "]",
]
_texts = st.tuples(
    st.lists(st.sampled_from(_PLAIN), max_size=12), st.lists(st.sampled_from(_RARE), max_size=2)
).flatmap(lambda words: st.permutations(words[0] + words[1])).map(" ".join)


def _every_check(source: str, target: str, language: str) -> list[tuple[str, str, str]]:
    """All the checks for ``language``, each run on the full context, none skipped."""
    ctx = make_context(source, target, language, glossary=DARI_GLOSSARY,
                       iranian_forms=iranian_forms)
    found = []
    for check in CHECKS:
        if check.applies_to(ctx.language):
            found += check.function(source, target, ctx)
    return [(f.check, f.severity.name, f.message) for f in found]


@settings(max_examples=1000, deadline=None)
@given(_texts, _texts, st.sampled_from(["fa_AF", "ps"]))
def test_check_unit_finds_what_every_check_finds(source: str, target: str, language: str) -> None:
    found = check_unit(source, target, language, glossary=DARI_GLOSSARY,
                       iranian_forms=iranian_forms)
    expected = _every_check(source, target, language) if target.strip() else []
    assert [(f.check, f.severity.name, f.message) for f in found] == expected


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_a_text_without_entity_triggers_has_nothing_to_mask(text: str) -> None:
    holds_trigger = bool(re.search(f"[{ENTITIES.characters_for('fa_AF')}]", text)) or any(
        substring in text for substring in ENTITIES.substrings
    )
    if not holds_trigger:
        assert mask_entities(text) == (text, NO_ENTITIES, ())


# The repeated-phrase search as first written: a regex over the words joined by spaces.
_LOOP_REFERENCE_RE = re.compile(r"(?<!\S)(\S+(?: \S+){0,3}) \1 \1(?!\S)")
_PUNCTUATION = ".,;:!?،؛؟«»\"“”()[]…"


def _loop_reference(text: str) -> str:
    tokens = [t for t in (w.strip(_PUNCTUATION) for w in text.split()) if t]
    match = _LOOP_REFERENCE_RE.search(" ".join(tokens))
    return match.group(1) if match else ""


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "a.", "(a", "b,", "«c»", "...", "د", "د،"]),
                max_size=16).map(" ".join))
def test_loop_matches_the_regex_over_joined_words(text: str) -> None:
    assert _loop(text) == _loop_reference(text)


def test_loop_prefers_the_leftmost_then_the_longest_phrase() -> None:
    assert _loop("x a b a b a b a b") == "a b"
    assert _loop("a a a a a a") == "a a"
    assert _loop("b a a a. c") == "a"
    assert _loop("a b c d") == ""


def _values_reference(token: str) -> list[str]:
    """``numerals._values`` before its one-separator shortcut."""
    def canonical(integer: str, fraction: str = "") -> str:
        integer, fraction = integer.lstrip("0") or "0", fraction.rstrip("0")
        return f"{integer}.{fraction}" if fraction else integer

    parts = re.split(r"([.,\u066b\u066c])", token)
    if len(parts) == 1:
        return [canonical(token)]
    groups, seps = parts[0::2], parts[1::2]
    head, tail = groups[0], groups[1:]
    grouped = len(head) <= 3 and all(len(g) == 3 for g in tail)
    if grouped and all(s in ",\u066c" for s in seps):
        return [canonical("".join(groups))]
    if grouped and len(seps) > 1 and all(s == "." for s in seps):
        return [canonical("".join(groups))]
    last, body = seps[-1], seps[:-1]
    body_ok = not body or (len(head) <= 3 and all(len(g) == 3 for g in tail[:-1]))
    decimal = last in ".\u066b" or (last == "," and not body and len(tail[-1]) != 3)
    if decimal and body_ok and all(s in ",\u066c" for s in body):
        return [canonical("".join(groups[:-1]), groups[-1])]
    return [canonical(g) for g in groups]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet="0123456789", min_size=1, max_size=5), min_size=1, max_size=4),
       st.lists(st.sampled_from(".,\u066b\u066c"), min_size=3, max_size=3))
def test_number_values_match_the_general_rules(groups: list[str], seps: list[str]) -> None:
    token = groups[0] + "".join(s + g for s, g in zip(seps, groups[1:]))
    assert _values(token) == _values_reference(token)


_BAD_ZWNJ_REFERENCE_RE = re.compile(
    r"(?<![\w\u064b-\u065f\u0670])\u200c|\u200c(?![\w\u064b-\u065f\u0670])"
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aب\u200c .\u064b\u06701-\u200d\n", max_size=10))
def test_misplaced_zwnj_are_counted_as_before(text: str) -> None:
    assert len(_BAD_ZWNJ_RE.findall(text)) == len(_BAD_ZWNJ_REFERENCE_RE.findall(text))


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_fold_replaces_as_the_translation_table_does(text: str) -> None:
    assert fold(text) == text.translate(_FOLD).casefold()
