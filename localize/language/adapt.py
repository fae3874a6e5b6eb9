"""Dari adaptation of Persian-model output with the reviewed lexicon.

A Persian (Iranian) engine writes ``استان``, ``بیمارستان``, ``ارتش``; Afghan news writes
``ولایت``, ``شفاخانه``, ``اردو``. The lexicon (``dari_lexicon.tsv``, columns
``iranian, dari, english, mode, source``) drives three behaviours (``LexiconMode``):

* ``replace``: the Iranian form is replaced, whole words only, with its suffixes
  re-attached for the new stem (``morphology``);
* ``suggest``: both forms occur (or the Iranian word has other meanings); the Dari form
  is only offered to the reviewer;
* ``date``: month names, replaced only next to a day number or a year (Persian, Arabic-
  Indic or ASCII digits, optionally with ``/`` or spaces between) or right after ``ماه``,
  because ``تیر``, ``مهر``, ``دی``, ``مه`` are also ordinary words.

Word boundaries are ZWNJ-aware: ZWNJ is part of a word, so ``هم‌مرز`` does not contain
``مرز``. ZWNJ or a space inside a lexicon form also matches a space, a ZWNJ or (for ZWNJ)
nothing. The text is first folded to Dari ``ی``/``ک`` (Arabic ``ي ى ك`` never survive).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataFileError
from .morphology import StemClass, parse_suffix, realize_suffix, stem_class
from .script import ZWNJ
from .tsv import read_tsv

__all__ = [
    "LEXICON_HEADER",
    "Adaptation",
    "Lexicon",
    "LexiconEntry",
    "LexiconHit",
    "LexiconMode",
    "adapt_to_dari",
    "iranian_forms_in",
    "load_lexicon",
]

LEXICON_HEADER = ("iranian", "dari", "english", "mode", "source")

# Letters, marks, tatweel, ZWNJ/ZWJ and Latin letters: what a "word" is made of.
_WORD = "\u0620-\u064a\u064b-\u065f\u0670-\u06d3\u06d5-\u06ed\u06fa-\u06ff\u0640\u200c\u200dA-Za-z"
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_DATE_AFTER = re.compile(f"[ \u00a0/]*[{_DIGITS}]")
_DATE_BEFORE = re.compile(f"(?:[{_DIGITS}][ \u00a0/]*|ماه[ \u00a0\u200c]+)$")
_ARABIC_FORMS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})


def _folded(text: str) -> str:
    """Arabic yeh/kaf as Persian ی/ک. (str.translate looks up every character of a
    non-Latin text; most texts hold none of the three, and three substring tests are cheap.)"""
    if "\u064a" in text or "\u0649" in text or "\u0643" in text:
        return text.translate(_ARABIC_FORMS)
    return text


class LexiconMode(str, enum.Enum):
    """What the adaptation does with a lexicon row."""

    REPLACE = "replace"
    SUGGEST = "suggest"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One lexicon row; ``line`` is its line in the file (0 when built in code)."""

    iranian: str
    dari: str
    english: str
    mode: LexiconMode
    source: str
    line: int = 0

    @property
    def alternatives(self) -> tuple[str, ...]:
        """The Dari forms (a ``suggest`` row may list several, separated by ``/``)."""
        return tuple(part.strip() for part in self.dari.split("/") if part.strip())


@dataclass(frozen=True, slots=True)
class LexiconHit:
    """An Iranian form found in a text.

    ``start``/``end`` index the text the hit belongs to (``Adaptation.text`` for the
    results of ``adapt_to_dari``): for a replacement they span the new Dari word, for a
    suggestion the Iranian word left in place. ``found`` is the Iranian word as written
    (with its suffixes), ``proposal`` the Dari word with the same suffixes. ``note`` says
    what a reviewer should check (an unsure suffix, a possibly missing ezafe).
    """

    start: int
    end: int
    found: str
    proposal: str
    entry: LexiconEntry
    note: str = ""

    def __str__(self) -> str:
        return f"{self.found} → {self.proposal}"


@dataclass(frozen=True, slots=True)
class Adaptation:
    """The adapted text, what was replaced, and what is offered to the reviewer."""

    text: str
    replaced: list[LexiconHit]
    suggestions: list[LexiconHit]


@dataclass(frozen=True, slots=True)
class _Matcher:
    entry: LexiconEntry
    pattern: re.Pattern[str]
    probe: str
    dari_prefix: re.Pattern[str] | None  # the Dari form when it begins with the Iranian one


@dataclass(frozen=True)
class Lexicon:
    """A loaded, validated lexicon; build with ``load_lexicon`` or ``Lexicon.of``."""

    entries: tuple[LexiconEntry, ...]
    path: Path | None = None
    _matchers: tuple[_Matcher, ...] = field(default=(), repr=False, compare=False)
    # The matchers grouped by probe (many rows begin alike: وزارت ...), so that a text is
    # searched once per distinct probe, not once per row.
    _by_probe: tuple[tuple[str, tuple[tuple[int, _Matcher], ...]], ...] = field(
        default=(), repr=False, compare=False)

    @classmethod
    def of(
        cls, entries: list[LexiconEntry] | tuple[LexiconEntry, ...], path: Path | None = None
    ) -> Lexicon:
        """Build a lexicon (and its matchers) from entries already validated."""
        matchers = tuple(_compile(entry) for entry in entries)
        by_probe: dict[str, list[tuple[int, _Matcher]]] = {}
        for index, matcher in enumerate(matchers):
            by_probe.setdefault(matcher.probe, []).append((index, matcher))
        grouped = tuple((probe, tuple(group)) for probe, group in by_probe.items())
        return cls(tuple(entries), path, matchers, grouped)

    def _plausible(self, text: str) -> list[_Matcher]:
        """The matchers whose probe ``text`` holds, in lexicon order."""
        found = [pair for probe, group in self._by_probe if probe in text for pair in group]
        found.sort(key=lambda pair: pair[0])
        return [matcher for _, matcher in found]

    def __len__(self) -> int:
        return len(self.entries)

    def by_mode(self, mode: LexiconMode) -> list[LexiconEntry]:
        """The entries of one mode, in file order."""
        return [entry for entry in self.entries if entry.mode is mode]


def _form_pattern(form: str) -> str:
    parts: list[str] = []
    for char in form.translate(_ARABIC_FORMS):
        if char == ZWNJ:
            parts.append("(?:\u200c| )?")
        elif char == " ":
            parts.append("(?:[ \u00a0]+|\u200c)")
        elif char in ("،", ","):
            parts.append("[،,]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _compile(entry: LexiconEntry) -> _Matcher:
    stem = _form_pattern(entry.iranian)
    pattern = re.compile(f"(?<![{_WORD}])(?P<stem>{stem})(?P<rest>[{_WORD}]*)")
    folded = entry.iranian.translate(_ARABIC_FORMS)
    probe = folded.split()[0].split(ZWNJ)[0][:3]
    dari_prefix = None
    for alternative in entry.alternatives:
        if alternative.startswith(folded) and alternative != folded:
            dari_prefix = re.compile(f"{_form_pattern(alternative)}(?![{_WORD}])")
    return _Matcher(entry, pattern, probe, dari_prefix)


def load_lexicon(path: Path | str) -> Lexicon:
    """Load and validate a Dari lexicon TSV.

    Args:
        path: A file with the header ``iranian dari english mode source``.

    Returns:
        The lexicon.

    Raises:
        DataFileError: Unreadable or non-UTF-8 file, wrong header or column count, an
            empty cell, an unknown mode, a repeated Iranian form, Arabic ``ي ى ك`` in a
            Dari form, or several Dari forms on a ``replace``/``date`` row.
    """
    path = Path(path)
    entries: list[LexiconEntry] = []
    first_line: dict[str, int] = {}
    for row in read_tsv(path, LEXICON_HEADER):
        iranian, dari, english, mode_text, source = row.cells
        for name, value in zip(LEXICON_HEADER, row.cells):
            if not value:
                raise DataFileError(
                    path, f"empty {name!r} cell; every row needs all five", line=row.line
                )
        try:
            mode = LexiconMode(mode_text)
        except ValueError:
            accepted = ", ".join(m.value for m in LexiconMode)
            raise DataFileError(
                path, f"unknown mode {mode_text!r}; use one of: {accepted}", line=row.line
            ) from None
        if any(char in dari for char in "\u064a\u0649\u0643"):
            raise DataFileError(
                path, f"Dari form {dari!r} has Arabic ي/ى/ك; write ی and ک", line=row.line
            )
        if mode is not LexiconMode.SUGGEST and "/" in dari:
            raise DataFileError(
                path, f"a {mode.value} row needs exactly one Dari form, not {dari!r}", line=row.line
            )
        key = iranian.translate(_ARABIC_FORMS)
        if key in first_line:
            raise DataFileError(
                path, f"{iranian!r} is already listed on line {first_line[key]}", line=row.line
            )
        first_line[key] = row.line
        entries.append(LexiconEntry(iranian, dari, english, mode, source, row.line))
    return Lexicon.of(entries, path)


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    stem_length: int
    matcher: _Matcher
    proposal: str
    confident: bool
    note: str = ""


EZAFE_NOTE = "an ezafe is written after a final vowel (اردوی امریکا): check"
_NEXT_WORD = re.compile("[ \u00a0]+[\u0620-\u064a\u066e-\u06d3\u06d5]")


def _ezafe_may_show(stem: str, alternatives: tuple[str, ...], text: str, end: int) -> bool:
    """A consonant-final stem replaced by a vowel-final one, before another word: an
    ezafe, unwritten on ارتش, would be written on اردو (ارتش امریکا → اردوی امریکا). Whether
    there is one cannot be told from the text (ارتش حمله کرد has none), so it is flagged."""
    if stem_class(stem) in (StemClass.VOWEL_A, StemClass.SILENT_H):
        return False
    if not any(stem_class(word) is StemClass.VOWEL_A for word in alternatives):
        return False
    return bool(_NEXT_WORD.match(text, end))


def _in_date(text: str, start: int, end: int) -> bool:
    return bool(
        _DATE_AFTER.match(text, end) or _DATE_BEFORE.search(text, max(0, start - 12), start)
    )


def _candidates(text: str, lexicon: Lexicon) -> list[_Candidate]:
    found: list[_Candidate] = []
    for matcher in lexicon._plausible(text):
        entry = matcher.entry
        for match in matcher.pattern.finditer(text):
            start, end = match.span()
            if matcher.dari_prefix and matcher.dari_prefix.match(text, start):
                continue  # already the Dari form (وزارت دفاع ملی contains وزارت دفاع)
            stem, rest = match.group("stem"), match.group("rest")
            if entry.mode is LexiconMode.DATE:
                if rest or not _in_date(text, start, end):
                    continue
                found.append(_Candidate(start, end, len(stem), matcher, entry.dari, True))
                continue
            suffix = parse_suffix(stem, rest)
            if suffix is None:
                continue
            words = []
            confident = True
            for alternative in entry.alternatives:
                word, sure = realize_suffix(stem, alternative, suffix)
                words.append(word)
                confident = confident and sure
            note = ""
            if suffix.morph is None and _ezafe_may_show(stem, entry.alternatives, text, end):
                note = EZAFE_NOTE
            found.append(
                _Candidate(start, end, len(stem), matcher, " / ".join(words), confident, note)
            )
    found.sort(key=lambda c: (c.start, -c.stem_length, -c.end))
    chosen: list[_Candidate] = []
    position = 0
    for candidate in found:
        if candidate.start >= position:
            chosen.append(candidate)
            position = candidate.end
    return chosen


def adapt_to_dari(text: str, lexicon: Lexicon) -> Adaptation:
    """Adapt Persian text to Dari with the lexicon.

    Args:
        text: A Persian or Dari text (e.g. an Iranian-model draft).
        lexicon: The loaded lexicon.

    Returns:
        The adapted text with Arabic ``ي ى ك`` folded to ``ی ک``, the replacements made
        (positions in the new text) and the suggestions (Iranian forms left in place:
        ``suggest`` rows, and replacements whose suffix cannot be re-attached safely).
    """
    text = _folded(text)
    out: list[str] = []
    replaced: list[LexiconHit] = []
    suggestions: list[LexiconHit] = []
    position = 0
    length = 0
    for candidate in _candidates(text, lexicon):
        gap = text[position : candidate.start]
        out.append(gap)
        length += len(gap)
        found = text[candidate.start : candidate.end]
        entry = candidate.matcher.entry
        if entry.mode is LexiconMode.SUGGEST or not candidate.confident:
            note = "" if entry.mode is LexiconMode.SUGGEST else "suffix on the Dari form: check"
            suggestions.append(
                LexiconHit(length, length + len(found), found, candidate.proposal, entry, note)
            )
            out.append(found)
            length += len(found)
        else:
            end = length + len(candidate.proposal)
            replaced.append(
                LexiconHit(length, end, found, candidate.proposal, entry, candidate.note)
            )
            out.append(candidate.proposal)
            length += len(candidate.proposal)
        position = candidate.end
    out.append(text[position:])
    return Adaptation("".join(out), replaced, suggestions)


def iranian_forms_in(text: str, lexicon: Lexicon) -> list[LexiconHit]:
    """Iranian forms that the lexicon says must be replaced, still present in ``text`` (QA).

    Counts ``replace`` rows anywhere (with their suffixes) and ``date`` rows inside dates.
    ``suggest`` rows are preferences and are not counted.

    Args:
        text: A Dari text (for example an adapted, reviewed translation).
        lexicon: The loaded lexicon.

    Returns:
        One hit per occurrence, positions in ``text`` (Arabic yeh/kaf are matched too).
    """
    folded = _folded(text)
    return [
        LexiconHit(c.start, c.end, text[c.start : c.end], c.proposal, c.matcher.entry)
        for c in _candidates(folded, lexicon)
        if c.matcher.entry.mode is not LexiconMode.SUGGEST
    ]
