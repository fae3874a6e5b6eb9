"""``Plan.choice_for`` chooses what it chose before its fast paths, and the entity scan it
spares finds nothing.

Compared, over generated units, with a verbatim copy of ``localize/checks/_plan.py`` before
(renamed: ``PlanBefore``, ``_SurveyBefore``...), for both languages:

* the survey keeps the triggers as the bits of an int, looked up by the runs joined, and
  tests an ASCII source with ``bytes.translate`` instead of the regex pass;
* ``mask_entities`` (copied too: ``mask_entities_before``) inlines its tests, builds its
  tuples directly, and splits at engine debris with a pattern whose look-behinds come after
  a first literal;
* ``ENTITIES`` is split in two: a ``%`` that opens no placeholder ("12%") still fires the
  entity checks but spares the entity scan, which would find nothing
  (what a check sees is compared with a full scan).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from localize.checks import CHECKS, _plan
from localize.checks._base import Check, CheckFunction, Trigger
from localize.checks._plan import Plan
from localize.checks._text import (
    _DEBRIS_SPLIT_RE,
    _EMAIL_SPLIT_RE,
    _FORMAT_SPLIT_RE,
    _HANDLE_SPLIT_RE,
    _HASHTAG_SPLIT_RE,
    _URL_SPLIT_RE,
    ENGINE_DEBRIS_RE,
    NO_ENTITIES,
    Entities,
    _mask,
    _mask_counted,
    mask_entities,
)
from localize.checks._text import (
    _NONE as _NONE_COUNTER,
)
from localize.checks.entities import ENTITIES

# -- the code before (localize/checks/_plan.py) ---------------------------------------------

_NONE: frozenset[int] = frozenset()


class _TriggersOfRunBefore(dict[str, frozenset[int]]):
    """A run of rare characters -> the indices of the triggers it holds, filled on demand.

    Texts repeat the same few runs (``«``, ``(ANA)``, ``#NATO``); the cache is emptied when
    it grows past ``_MAX_RUNS``.
    """

    def __init__(self, classes: Mapping[int, re.Pattern[str]]) -> None:
        super().__init__()
        self._classes = classes

    def __missing__(self, run: str) -> frozenset[int]:
        if len(self) >= _MAX_RUNS:
            self.clear()
        held = frozenset(i for i, pattern in self._classes.items() if pattern.search(run))
        self[run] = held
        return held


_MAX_RUNS = 4096

class _SurveyBefore:
    """Which of some triggers (by index) a text holds, in one regex pass: ``runs`` finds the
    runs of their rare characters, ``held`` turns them into trigger indices."""

    def __init__(self, triggers: Mapping[int, Trigger], language: str) -> None:
        bodies = {index: trigger.characters_for(language) for index, trigger in triggers.items()}
        rare = "|".join(f"[{body}]" for body in bodies.values())
        # Runs of rare characters, one match each ("ANA" in a Dari text, not three). The
        # alternatives merge into one class, and a pattern that opens with a bare class
        # lets re skip ahead to a candidate.
        pattern = re.compile(f"(?:{rare})(?:{rare})*")
        self.runs: Callable[[str], list[str]] = pattern.findall
        self._triggers_of = _TriggersOfRunBefore(
            {index: re.compile(f"[{body}]") for index, body in bodies.items()}
        ).__getitem__
        self._substrings = tuple(
            (substring, index) for index, trigger in triggers.items()
            for substring in trigger.substrings
        )
        # A substring holding a rare character needs no test in a text without any.
        self.always = tuple((s, i) for s, i in self._substrings if not pattern.search(s))

    def held(self, text: str, runs: list[str]) -> frozenset[int]:
        """The triggers ``text`` holds, given its ``runs``."""
        held = _NONE.union(*map(self._triggers_of, runs)) if runs else _NONE
        for substring, index in self._substrings if runs else self.always:
            if substring in text:
                held = held | {index}
        return held

    def __call__(self, text: str) -> frozenset[int]:
        return self.held(text, self.runs(text))


class ChoiceBefore(NamedTuple):
    """What to run on a unit: the checks, and whether to scan each text for entities."""

    checks: tuple[tuple[str, CheckFunction], ...]
    scan_source: bool
    scan_target: bool


class PlanBefore:
    """The checks for one target language, and how to choose among them for a unit."""

    def __init__(self, checks: Sequence[Check], language: str) -> None:
        self._checks = [c for c in checks if c.applies_to(language)]
        triggers = [ENTITIES]  # always: it gates the entity scan of ``UnitContext.build``
        triggers += [c.trigger for c in self._checks if c.trigger and c.trigger not in triggers]
        self._index = {trigger: index for index, trigger in enumerate(triggers)}
        self.survey_source = _SurveyBefore(
            {i: t for i, t in enumerate(triggers) if t.in_source}, language
        )
        self.survey_target = _SurveyBefore(dict(enumerate(triggers)), language)
        self._choices: dict[tuple[frozenset[int], frozenset[int]], ChoiceBefore] = {}
        self._plain = self.choose(_NONE, _NONE)
        self._always_in_source = tuple(s for s, _ in self.survey_source.always)
        self._always_in_target = tuple(s for s, _ in self.survey_target.always)

    def choice_for(self, source: str, target: str) -> ChoiceBefore:
        """The checks that may find something in a unit."""
        source_runs = self.survey_source.runs(source)
        target_runs = self.survey_target.runs(target)
        if not source_runs and not target_runs:  # the usual case: no rare character at all
            for substring in self._always_in_source:
                if substring in source:
                    break
            else:
                for substring in self._always_in_target:
                    if substring in target:
                        break
                else:
                    return self._plain
        return self.choose(self.survey_source.held(source, source_runs),
                           self.survey_target.held(target, target_runs))

    def choose(self, source_holds: frozenset[int], target_holds: frozenset[int]) -> ChoiceBefore:
        """The checks that may find something, given the triggers each text holds."""
        key = (source_holds, target_holds)
        if (choice := self._choices.get(key)) is None:  # at most 2 ** len(triggers) keys
            choice = self._choices[key] = self._choose(source_holds, target_holds)
        return choice

    def _choose(self, source_holds: frozenset[int], target_holds: frozenset[int]) -> ChoiceBefore:
        def fired(trigger: Trigger) -> bool:
            index = self._index[trigger]
            return index in target_holds or (trigger.in_source and index in source_holds)

        return ChoiceBefore(
            tuple((c.name, c.function) for c in self._checks if not c.trigger or fired(c.trigger)),
            self._index[ENTITIES] in source_holds,
            self._index[ENTITIES] in target_holds,
        )


# -- the code before (localize/checks/_text.py) ---------------------------------------------

# ENGINE_DEBRIS_RE as it was written before its look-behinds moved (verbatim).
ENGINE_DEBRIS_BEFORE = re.compile(
    r"⟦\s*\d+\s*⟧|\[\[\s*\d+\s*\]\]|<unk>|<UNK>|\[UNK\]|⁇|\u2581"
    r"|(?:__)?(?<![A-Za-z])(?:prs|pbt|pes|pus|fas|pbu|eng|arb|urd)_(?:Arab|Latn)(?:__)?(?![A-Za-z])"
    r"|(?<![A-Za-z])(?:prs|pbt|pes) Arab(?![A-Za-z])"
    r"|(?<![A-Za-z])__(?:fa|ps|en|prs|pbt)__(?![A-Za-z])"
)
_DEBRIS_SPLIT_BEFORE = re.compile(f"({ENGINE_DEBRIS_BEFORE.pattern})")


def _may_hold_url_before(text: str) -> bool:
    return ("/" in text and "://" in text) or "www." in text  # one character is found faster


def _may_hold_format_before(text: str) -> bool:
    return "%" in text or "{" in text


def _may_hold_debris_before(text: str) -> bool:
    # Each alternative of ENGINE_DEBRIS_RE holds one of these. Substring tests beat one
    # character-class regex here (CPython's re is slow to scan non-Latin-1 text for a class).
    return (
        "[" in text or "⟦" in text or "<" in text or "⁇" in text or "\u2581" in text
        or ("_" in text and ("__" in text or "_Arab" in text or "_Latn" in text))
        or " Arab" in text
    )


def mask_entities_before(text: str) -> tuple[str, Entities, tuple[str, ...]]:
    """``scan`` as a plain tuple (``UnitContext.build`` calls it twice per unit).

    Each pattern runs only when its trigger is in the text it runs on: masking never
    creates a trigger (U+FFFC is none), so testing the partly masked text is exact, and
    it spares the slow debris pattern the ``_`` of a URL already masked.
    """
    masked = text
    urls = emails = handles = hashtags = _NONE_COUNTER
    if _may_hold_url_before(masked):
        urls, masked = _mask_counted(_URL_SPLIT_RE, masked)
    if "@" in masked:
        emails, masked = _mask_counted(_EMAIL_SPLIT_RE, masked)
        if "@" in masked:
            handles, masked = _mask_counted(_HANDLE_SPLIT_RE, masked)
    if "#" in masked:
        hashtags, masked = _mask_counted(_HASHTAG_SPLIT_RE, masked)
    formats: list[str] = []
    debris: list[str] = []
    if _may_hold_format_before(masked):
        formats, masked = _mask(_FORMAT_SPLIT_RE, masked)
    if _may_hold_debris_before(masked):
        debris, masked = _mask(_DEBRIS_SPLIT_BEFORE, masked)
    found = (urls, emails, handles, hashtags)
    entities = Entities(*found) if any(found) else NO_ENTITIES
    return masked, entities, (*formats, *debris)


# -- the comparison -------------------------------------------------------------------------

_LANGUAGES = ("fa_AF", "ps")
_BEFORE = {language: PlanBefore(CHECKS, language) for language in _LANGUAGES}

# Every character of a trigger (both languages), the characters a placeholder or an entity
# needs next to its trigger, and plain Latin and Arabic-script letters, digits and spaces.
_TOKENS = [
    *"@#/%{}[]⟦⟧<>⁇\u2581_()«»“”\"„,;?:.$-", *"\u200e\u200f\u202a\u202b\u202c\u202d\u202e",
    *"\u2066\u2067\u2068\u2069\u061c\u200c", *"يىكٹڈڑڻ\ufb50\ufdff\ufe70\ufeff\ufefb",
    *"sdifwAraxbnTé", "\u024f", "\u0250", *"ابدگټې", *"09۱۲٣", " ", " ", "www.", " Arab",
    "://", "https://", "%s", "%(", "%1$s", "%۱$d", "__", "_Arab", "prs_Arab", "<unk>", "[[1]]",
    "⟦0⟧", "#NATO", "@nato", "a@b.af", "12%", "۱۲٪", "prs", "pbt", "pes", "fas", "eng", "arb",
    "urd", "_Latn", "__fa__", "__", "UNK", "unk", "⟦ 1 ⟧", "[[ 2 ]]", "x", "_",
]
_texts = st.lists(st.sampled_from(_TOKENS), max_size=14).map("".join)
_ascii_texts = st.lists(st.sampled_from([t for t in _TOKENS if t.isascii()]), max_size=14).map(
    "".join
)
_PINNED = [
    "", " ", "12%", "12% (ANA)", "%", "%%", "%s", "%d", "%i", "%f", "%x", "%(", "%(name)s",
    "%1$s", "%۱$s", "%۱", "100%s", "50% off", "www.x.af", "see www.", " Arab", "prs Arab",
    "#NATO", "@nato", "a/b", "https://x.af/a_1", "{0}", "⟦0⟧", "«»", "“q”", "ﻻ", "\u200e",
    "ی", "The ministry said 2% of the schools had reopened.", "۲٪ مکاتب",
    "متن در https://www.nato.int/cps/en/natohq/news_4.htm بخوانید.",
    "prs_Arab", "xprs_Arab", "_prs_Arab", "__prs_Arab__", "__prs_Arabx", "aprs Arab", "pbt Arab",
    "pes Arabs", "__fa__", "x__fa__", "__fa__x", "___fa__", "eng_Latn", "arb_Arab__", "urd_Latn",
    "fas_Arab", "pbu_Latn", "pus_Arab", "<unk><UNK>[UNK]", "⟦0⟧⟦ 12 ⟧", "[[0]] ⁇ \u2581",
    "ینس ⟦0⟧ استولتنبرگ", "https://x.af/prs_Arab __fa__",
]


def _seen(text: str, scan: bool) -> tuple[object, ...]:
    """What the checks see of a text: its masks, entities and placeholders."""
    return mask_entities(text) if scan else (text, NO_ENTITIES, ())


def _assert_same(plan: Plan, before: PlanBefore, source: str, target: str) -> None:
    choice, expected = plan.choice_for(source, target), before.choice_for(source, target)
    for text in (source, target):
        found, found_before = mask_entities(text), mask_entities_before(text)
        assert found == found_before
        assert type(found[1]) is Entities and type(found[2]) is tuple
    assert choice.checks == expected.checks
    # The scan is spared only where it finds nothing: what the checks see is a full scan's.
    assert _seen(source, choice.scan_source) == mask_entities(source)
    assert _seen(target, choice.scan_target) == mask_entities(target)
    assert _seen(source, choice.scan_source) == _seen(source, expected.scan_source)
    assert _seen(target, choice.scan_target) == _seen(target, expected.scan_target)
    # ... and only for a text whose lone entity trigger is a "%" before no placeholder.
    if choice.scan_source != expected.scan_source:
        assert "%" in source and not choice.scan_source
    if choice.scan_target != expected.scan_target:
        assert "%" in target and not choice.scan_target


_PLANS = {language: Plan(CHECKS, language) for language in _LANGUAGES}


@pytest.mark.parametrize("language", _LANGUAGES)
@pytest.mark.parametrize("source", _PINNED)
def test_pinned_units_choose_as_before(language: str, source: str) -> None:
    for target in _PINNED:
        _assert_same(_PLANS[language], _BEFORE[language], source, target)


@settings(max_examples=1500, deadline=None)
@given(st.sampled_from(_LANGUAGES), st.one_of(_texts, _ascii_texts), _texts)
@example("fa_AF", "12%", "۱۲٪")
@example("ps", "%(x)s (ANA)", "%(x)s")
def test_generated_units_choose_as_before(language: str, source: str, target: str) -> None:
    _assert_same(_PLANS[language], _BEFORE[language], source, target)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_LANGUAGES), st.lists(st.tuples(_texts, _ascii_texts), max_size=12))
def test_small_caches_choose_as_before(language: str, units: list[tuple[str, str]]) -> None:
    """The caches of runs, emptied when full, give what they would have computed."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_plan, "_MAX_RUNS", 2)
        plan = Plan(CHECKS, language)
        for source, target in units + units[::-1]:
            _assert_same(plan, _BEFORE[language], source, target)
            _assert_same(plan, _BEFORE[language], target, source)


def test_entities_still_gates_the_scan() -> None:
    """``ENTITIES``'s characters hold a ``%``: the split of ``Plan`` relies on it."""
    assert "%" in ENTITIES.characters_for("fa_AF")


@settings(max_examples=1500, deadline=None)
@given(st.one_of(_texts, _ascii_texts))
@example("a__prs_Arab__ __fa__b xeng_Latn arb_Arab ⟦ 0 ⟧")
def test_debris_split_as_before(text: str) -> None:
    """The debris pattern splits (in ``mask_entities``) and matches whole items (in the
    placeholders check) as it did before its look-behinds moved."""
    assert _DEBRIS_SPLIT_RE.split(text) == _DEBRIS_SPLIT_BEFORE.split(text)
    for item in {text, *_DEBRIS_SPLIT_BEFORE.split(text)[1::2]}:
        assert bool(ENGINE_DEBRIS_RE.fullmatch(item)) == bool(ENGINE_DEBRIS_BEFORE.fullmatch(item))
