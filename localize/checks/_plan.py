"""Which checks ``check_unit`` runs on a unit: those that apply, less those it cannot fault.

A check with a ``Trigger`` can only find something when a text holds one of its rare
characters (a bracket, a bidi control, a Latin letter in the target...). One regex pass
per text, over the union of the triggers, tells which triggers the text holds: most texts
hold none, and the pass costs less than the tests it spares. The choice of checks for
each combination is made once and cached. The entity scan of ``UnitContext.build`` is
gated the same way (``ENTITIES``), a little finer: a ``%`` that opens no placeholder
("12%") fires the entity checks, as before, but spares the scan (it would find nothing).

Speed notes: the triggers a text holds are kept as the bits of an int (one per "part":
a trigger, with ``ENTITIES`` split in two, its ``%`` and the rest), and depend only on
which rare characters it holds: the runs found are joined and looked up whole (texts
repeat the same few: ``«»``, ``(ANA)``, ``#NATO``), then character by character.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from ._base import Check, CheckFunction, Trigger
from ._text import PERCENT_PLACEHOLDER_RE
from .entities import ENTITIES

# Bits of the two parts of ``ENTITIES``: the entity scan is needed for ``_SCAN``, not for a
# lone ``_PERCENT`` (``PERCENT_PLACEHOLDER_RE`` adds ``_SCAN`` for a ``%`` that opens one).
_SCAN, _PERCENT = 1, 2
_MAX_RUNS = 4096  # joined runs cached per survey


class _Part(NamedTuple):
    characters: str  # the body of a character class
    substrings: tuple[str, ...]


class _BitsOfChar(dict[str, int]):
    """A rare character -> the bits of the parts whose class holds it."""

    def __init__(self, classes: Sequence[tuple[int, re.Pattern[str]]]) -> None:
        super().__init__()
        self._classes = classes

    def __missing__(self, char: str) -> int:
        bits = 0
        for bit, pattern in self._classes:
            if pattern.match(char):
                bits |= bit
        self[char] = bits
        return bits


class _BitsOfRuns(dict[str, int]):
    """The runs of a text, joined -> the bits of the parts holding one of their characters.

    Emptied when it grows past ``_MAX_RUNS``; the characters' cache is bounded by the classes.
    """

    def __init__(self, classes: Sequence[tuple[int, re.Pattern[str]]]) -> None:
        super().__init__()
        self._of_char = _BitsOfChar(classes)

    def __missing__(self, runs: str) -> int:
        if len(self) >= _MAX_RUNS:
            self.clear()
        bits = 0
        for char in set(runs):
            bits |= self._of_char[char]
        self[runs] = bits
        return bits


class _BitsOfAscii(dict[bytes, int]):
    """``_BitsOfRuns`` for ASCII rare characters as bytes (what ``bytes.translate`` gives)."""

    def __init__(self, of_runs: _BitsOfRuns) -> None:
        super().__init__()
        self._of_runs = of_runs

    def __missing__(self, runs: bytes) -> int:
        if len(self) >= _MAX_RUNS:
            self.clear()
        bits = self[runs] = self._of_runs[runs.decode("ascii")]
        return bits


_SAME_BYTES = bytes(range(256))


class _Survey:
    """Which parts (bits) a text holds: ``runs`` finds the runs of their rare characters in
    one regex pass, ``held`` turns them into bits."""

    def __init__(self, parts: dict[int, _Part]) -> None:
        rare = "|".join(f"[{part.characters}]" for part in parts.values())
        # Runs of rare characters, one match each ("ANA" in a Dari text, not three). The
        # alternatives merge into one class, and a pattern that opens with a bare class
        # lets re skip ahead to a candidate.
        pattern = re.compile(f"(?:{rare})(?:{rare})*")
        self.runs: Callable[[str], list[str]] = pattern.findall
        classes = [(bit, re.compile(f"[{part.characters}]")) for bit, part in parts.items()]
        # The bits of a text's runs are those of its rare characters: cached by the runs
        # joined, and (each character of a new join) by character, which the classes bound.
        self._bits_of_runs = _BitsOfRuns(classes)
        self._substrings = tuple(
            (substring, bit) for bit, part in parts.items() for substring in part.substrings
        )
        # A substring holding a rare character needs no test in a text without any.
        self.always = tuple((s, b) for s, b in self._substrings if not pattern.search(s))
        # For an ASCII text, its rare characters are those ``bytes.translate`` keeps when it
        # deletes the others: a table lookup a byte, where a class regex costs ~50
        # instructions a character (and a substring test per rare character, more).
        self._not_rare_ascii = bytes(c for c in range(128) if not pattern.match(chr(c)))
        self._bits_of_ascii = _BitsOfAscii(self._bits_of_runs)

    def held(self, text: str, runs: list[str]) -> int:
        """The bits of the parts ``text`` holds, given its ``runs``."""
        if runs:
            bits = self._bits_of_runs["".join(runs)]
            substrings = self._substrings
        else:
            bits = 0
            substrings = self.always
        return self._finish(text, bits, substrings)

    def held_ascii(self, text: str) -> int:
        """``held(text, runs(text))`` for an ASCII ``text``, without the regex pass."""
        rare = text.encode().translate(_SAME_BYTES, self._not_rare_ascii)
        if rare:
            return self._finish(text, self._bits_of_ascii[rare], self._substrings)
        return self._finish(text, 0, self.always)

    def _finish(self, text: str, bits: int, substrings: tuple[tuple[str, int], ...]) -> int:
        for substring, bit in substrings:
            if not bits & bit and substring in text:
                bits |= bit
        if bits & (_SCAN | _PERCENT) == _PERCENT and PERCENT_PLACEHOLDER_RE.search(text):
            bits |= _SCAN
        return bits


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
        # Part bits: ENTITIES is _SCAN | _PERCENT, each other trigger one bit from 4 up.
        entity_characters = ENTITIES.characters_for(language)
        assert "%" in entity_characters and "\\%" not in entity_characters
        parts = {
            _SCAN: _Part(entity_characters.replace("%", ""), ENTITIES.substrings),
            _PERCENT: _Part("%", ()),
        }
        self._bits = {ENTITIES: _SCAN | _PERCENT}
        for index, trigger in enumerate(triggers[1:]):
            bit = self._bits[trigger] = 4 << index
            parts[bit] = _Part(trigger.characters_for(language), trigger.substrings)
        self._shift = 2 + len(triggers)
        self.survey_source = _Survey(
            {bit: p for bit, p in parts.items() if bit < 4 or self._in_source(bit, triggers)}
        )
        self.survey_target = _Survey(parts)
        self._choices: dict[int, Choice] = {}
        self._plain = self._choose(0)
        self._always_in_source = tuple(s for s, _ in self.survey_source.always)
        self._always_in_target = tuple(s for s, _ in self.survey_target.always)

    def _in_source(self, bit: int, triggers: list[Trigger]) -> bool:
        return any(self._bits[t] == bit and t.in_source for t in triggers)

    def choice_for(self, source: str, target: str) -> Choice:
        """The checks that may find something in a unit."""
        target_runs = self.survey_target.runs(target)
        if source.isascii():  # the usual English source: a few substring tests, no regex
            source_holds = self.survey_source.held_ascii(source)
            if not source_holds and not target_runs:
                for substring in self._always_in_target:
                    if substring in target:
                        break
                else:
                    return self._plain
        else:
            source_runs = self.survey_source.runs(source)
            if not source_runs and not target_runs:  # the usual case: no rare character
                for substring in self._always_in_source:
                    if substring in source:
                        break
                else:
                    for substring in self._always_in_target:
                        if substring in target:
                            break
                    else:
                        return self._plain
            source_holds = self.survey_source.held(source, source_runs)
        key = source_holds << self._shift | self.survey_target.held(target, target_runs)
        if (choice := self._choices.get(key)) is None:  # at most 2 ** (2 * _shift) keys
            choice = self._choose(key)
        return choice

    def _choose(self, key: int) -> Choice:
        source_holds, target_holds = key >> self._shift, key & ((1 << self._shift) - 1)

        def fired(trigger: Trigger) -> bool:
            bit = self._bits[trigger]
            return bool(target_holds & bit or (trigger.in_source and source_holds & bit))

        choice = self._choices[key] = Choice(
            tuple((c.name, c.function) for c in self._checks if not c.trigger or fired(c.trigger)),
            bool(source_holds & _SCAN),
            bool(target_holds & _SCAN),
        )
        return choice
