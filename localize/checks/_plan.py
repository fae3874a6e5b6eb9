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

class _Survey:
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
        self._triggers_of = _TriggersOfRun(
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


class Choice(NamedTuple):
    """What to run on a unit: the checks, and whether to scan each text for entities."""

    checks: tuple[tuple[str, CheckFunction], ...]
    scan_source: bool
    scan_target: bool


class Plan:
    """The checks for one target language, and how to choose among them for a unit."""

    def __init__(self, checks: Sequence[Check], language: str) -> None:
        self._checks = [c for c in checks if c.applies_to(language)]
        triggers = [ENTITIES]  # always: it gates the entity scan of ``UnitContext.build``
        triggers += [c.trigger for c in self._checks if c.trigger and c.trigger not in triggers]
        self._index = {trigger: index for index, trigger in enumerate(triggers)}
        self.survey_source = _Survey(
            {i: t for i, t in enumerate(triggers) if t.in_source}, language
        )
        self.survey_target = _Survey(dict(enumerate(triggers)), language)
        self._choices: dict[tuple[frozenset[int], frozenset[int]], Choice] = {}
        self._plain = self.choose(_NONE, _NONE)
        self._always_in_source = tuple(s for s, _ in self.survey_source.always)
        self._always_in_target = tuple(s for s, _ in self.survey_target.always)

    def choice_for(self, source: str, target: str) -> Choice:
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
