"""Which checks ``check_unit`` runs on a unit: those that apply, less those it cannot fault.

A check with a ``Trigger`` can only find something when a text holds one of its rare
characters (a bracket, a bidi control, a Latin letter in the target...). One regex pass
per text, over the union of the triggers, tells which triggers the text holds: most texts
hold none, and the pass costs less than the tests it spares. The choice of checks for
each combination is made once and cached. The entity scan of ``UnitContext.build`` is
gated the same way (``ENTITIES``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from ._base import Check, CheckFunction, Trigger
from .entities import ENTITIES

_NONE: frozenset[int] = frozenset()


class _TriggersOfRun(dict[str, frozenset[int]]):
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

Survey = Callable[[str], frozenset[int]]
"""Which of some triggers (by index) a text holds."""


def make_survey(triggers: Mapping[int, Trigger], language: str) -> Survey:
    """A function telling which of ``triggers`` a text holds, in one regex pass."""
    bodies = {index: trigger.characters_for(language) for index, trigger in triggers.items()}
    rare = "|".join(f"[{body}]" for body in bodies.values())
    # Runs of rare characters, one match each ("ANA" in a Dari text, not three). The
    # alternatives merge into one class, and a pattern that opens with a bare class lets
    # re skip ahead to a candidate.
    pattern = re.compile(f"(?:{rare})(?:{rare})*")
    runs = pattern.findall
    triggers_of = _TriggersOfRun(
        {index: re.compile(f"[{body}]") for index, body in bodies.items()}
    ).__getitem__
    substrings = tuple(
        (substring, index) for index, trigger in triggers.items()
        for substring in trigger.substrings
    )
    # A substring holding a rare character needs no test in a text without any.
    always = tuple((s, i) for s, i in substrings if not pattern.search(s))

    def survey(text: str) -> frozenset[int]:
        found = runs(text)
        held = _NONE.union(*map(triggers_of, found)) if found else _NONE
        for substring, index in substrings if found else always:
            if substring in text:
                held = held | {index}
        return held

    return survey


class Choice(NamedTuple):
    """What to run on a unit: the checks, and whether to scan each text for entities."""

    checks: tuple[tuple[str, CheckFunction], ...]
    scan_source: bool
    scan_target: bool


class Plan:
    """The checks for one target language, and how to choose among them for a unit.

    ``check_unit`` calls ``choose(survey_source(source), survey_target(target))``.
    """

    def __init__(self, checks: Sequence[Check], language: str) -> None:
        self._checks = [c for c in checks if c.applies_to(language)]
        triggers = [ENTITIES]  # always: it gates the entity scan of ``UnitContext.build``
        triggers += [c.trigger for c in self._checks if c.trigger and c.trigger not in triggers]
        self._index = {trigger: index for index, trigger in enumerate(triggers)}
        self.survey_source = make_survey(
            {i: t for i, t in enumerate(triggers) if t.in_source}, language
        )
        self.survey_target = make_survey(dict(enumerate(triggers)), language)
        self._choices: dict[tuple[frozenset[int], frozenset[int]], Choice] = {}

    def choose(self, source_holds: frozenset[int], target_holds: frozenset[int]) -> Choice:
        """The checks that may find something, given the triggers each text holds."""
        key = (source_holds, target_holds)
        if (choice := self._choices.get(key)) is None:  # at most 2 ** len(triggers) keys
            choice = self._choices[key] = self._choose(source_holds, target_holds)
        return choice

    def _choose(self, source_holds: frozenset[int], target_holds: frozenset[int]) -> Choice:
        def fired(trigger: Trigger) -> bool:
            index = self._index[trigger]
            return index in target_holds or (trigger.in_source and index in source_holds)

        return Choice(
            tuple((c.name, c.function) for c in self._checks if not c.trigger or fired(c.trigger)),
            self._index[ENTITIES] in source_holds,
            self._index[ENTITIES] in target_holds,
        )
