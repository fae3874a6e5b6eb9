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
import functools
import re
from collections.abc import Iterator
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


@dataclass(slots=True, eq=False)
class _Matcher:
    entry: LexiconEntry
    pattern_text: str  # compiled on first use: ~1 ms a row, and most rows match no text
    probe: str
    dari_prefix: re.Pattern[str] | None  # the Dari form when it begins with the Iranian one
    alternatives: tuple[str, ...]  # entry.alternatives, computed once
    _pattern: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            self._pattern = re.compile(self.pattern_text)
        return self._pattern


_Group = tuple[tuple[int, _Matcher], ...]  # (position in the lexicon, matcher), in order


@dataclass(frozen=True, slots=True, eq=False)
class _Index:
    """Finds the places where the matchers can match a text with one regex search.

    A matcher's pattern matches where no word character precedes and its stem follows.
    For the matchers whose probe is a literal start of the stem, ``scanner`` finds every
    such place (a non-word character, then any of their stems), and ``by_probe`` says
    which of them to try there. It accepts Arabic ي ى ك for ی ک, so a text without a
    place needs no folding. The others (a probe holding a comma, which a pattern writes
    as a class, or not at the start of the form) keep ``probe in text`` in ``fallback``.
    """

    scanner: re.Pattern[str] | None = None
    by_probe: dict[str, _Group] = field(default_factory=dict)
    probe_lengths: tuple[int, ...] = ()
    fallback: tuple[tuple[str, _Group], ...] = ()

    @classmethod
    def of(cls, matchers: tuple[_Matcher, ...]) -> _Index:
        by_probe: dict[str, list[tuple[int, _Matcher]]] = {}
        fallback: dict[str, list[tuple[int, _Matcher]]] = {}
        stems: dict[str, list[str]] = {}  # by first character: the rest of each stem
        for index, matcher in enumerate(matchers):
            folded, probe = matcher.entry.iranian.translate(_ARABIC_FORMS), matcher.probe
            if probe and folded.startswith(probe) and not _NOT_LITERAL.intersection(probe):
                by_probe.setdefault(probe, []).append((index, matcher))
                stems.setdefault(folded[0], []).append(_form_pattern(folded[1:], unfolded=True))
            else:
                fallback.setdefault(probe, []).append((index, matcher))
        fallbacks = tuple((probe, tuple(group)) for probe, group in fallback.items())
        if not stems:
            return cls(fallback=fallbacks)
        # Grouped by first character: a failing branch costs one comparison per group.
        any_stem = "|".join(
            f"{_form_pattern(first, unfolded=True)}(?:{'|'.join(rests)})"
            for first, rests in stems.items()
        )
        return cls(
            re.compile(f"[^{_WORD}](?={any_stem})"),
            {probe: tuple(group) for probe, group in by_probe.items()},
            tuple(sorted({len(probe) for probe in by_probe})),
            fallbacks,
        )

    def starts(self, text: str) -> list[int]:
        """Where a stem of the scanned matchers starts a word of ``text`` (folded or not),
        in order."""
        if self.scanner is None:
            return []
        # A space before the text makes position 0 a place like any other: a match found
        # in the copy at i (the non-word character) is the place i of the text.
        copy = " " + text
        first = self.scanner.search(copy)  # most texts hold no stem: one search
        if first is None:
            return []
        return [match.start() for match in self.scanner.finditer(copy, first.start())]

    def plausible(
        self, text: str, starts: list[int]
    ) -> list[tuple[_Matcher, list[int] | None]]:
        """The matchers that may match the folded ``text``, in lexicon order, each with
        the places where it may (``starts`` from ``self.starts``; None: search it all)."""
        places: dict[int, tuple[_Matcher, list[int]]] = {}
        for start in starts:
            for length in self.probe_lengths:
                for index, matcher in self.by_probe.get(text[start : start + length], ()):
                    places.setdefault(index, (matcher, []))[1].append(start)
        found: list[tuple[int, _Matcher, list[int] | None]] = [
            (index, matcher, where) for index, (matcher, where) in places.items()
        ]
        for probe, group in self.fallback:
            if probe in text:
                found += [(index, matcher, None) for index, matcher in group]
        if len(found) > 1:
            found.sort(key=lambda item: item[0])
        return [(matcher, where) for _, matcher, where in found]


# The characters that ``_form_pattern`` writes as something else than themselves.
_NOT_LITERAL = frozenset({ZWNJ, " ", "،", ","})


@dataclass(frozen=True)
class Lexicon:
    """A loaded, validated lexicon; build with ``load_lexicon`` or ``Lexicon.of``."""

    entries: tuple[LexiconEntry, ...]
    path: Path | None = None
    _matchers: tuple[_Matcher, ...] = field(default=(), repr=False, compare=False)
    _index: _Index = field(default_factory=_Index, repr=False, compare=False)

    @classmethod
    def of(
        cls, entries: list[LexiconEntry] | tuple[LexiconEntry, ...], path: Path | None = None
    ) -> Lexicon:
        """Build a lexicon (and its matchers) from entries already validated."""
        matchers = tuple(_compile(entry) for entry in entries)
        return cls(tuple(entries), path, matchers, _Index.of(matchers))

    def __len__(self) -> int:
        return len(self.entries)

    def by_mode(self, mode: LexiconMode) -> list[LexiconEntry]:
        """The entries of one mode, in file order."""
        return [entry for entry in self.entries if entry.mode is mode]


# A folded letter and the letters folded into it (``unfolded`` patterns match them all).
_UNFOLDED = {"\u06cc": "[\u06cc\u064a\u0649]", "\u06a9": "[\u06a9\u0643]"}


def _form_pattern(form: str, unfolded: bool = False) -> str:
    parts: list[str] = []
    for char in form.translate(_ARABIC_FORMS):
        if char == ZWNJ:
            parts.append("(?:\u200c| )?")
        elif char == " ":
            parts.append("(?:[ \u00a0]+|\u200c)")
        elif char in ("،", ","):
            parts.append("[،,]")
        elif unfolded and char in _UNFOLDED:
            parts.append(_UNFOLDED[char])
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _compile(entry: LexiconEntry) -> _Matcher:
    stem = _form_pattern(entry.iranian)
    pattern = f"(?<![{_WORD}])(?P<stem>{stem})(?P<rest>[{_WORD}]*)"
    folded = entry.iranian.translate(_ARABIC_FORMS)
    probe = folded.split()[0].split(ZWNJ)[0][:3]
    dari_prefix = None
    for alternative in entry.alternatives:
        if alternative.startswith(folded) and alternative != folded:
            dari_prefix = re.compile(f"{_form_pattern(alternative)}(?![{_WORD}])")
    return _Matcher(entry, pattern, probe, dari_prefix, entry.alternatives)


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


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    stem_length: int
    matcher: _Matcher
    proposal: str
    confident: bool
    note: str = ""


# (Looking a member up on an enum class is slow: these run once per match.)
_DATE, _SUGGEST = LexiconMode.DATE, LexiconMode.SUGGEST

EZAFE_NOTE = "an ezafe is written after a final vowel (اردوی امریکا): check"
_NEXT_WORD = re.compile("[ \u00a0]+[\u0620-\u064a\u066e-\u06d3\u06d5]")


def _ezafe_may_hide(stem: str, alternatives: tuple[str, ...]) -> bool:
    """A consonant-final stem replaced by a vowel-final one: before another word, an
    ezafe, unwritten on ارتش, would be written on اردو (ارتش امریکا → اردوی امریکا). Whether
    there is one cannot be told from the text (ارتش حمله کرد has none), so it is flagged."""
    if stem_class(stem) in (StemClass.VOWEL_A, StemClass.SILENT_H):
        return False
    return any(stem_class(word) is StemClass.VOWEL_A for word in alternatives)


@functools.lru_cache(maxsize=4096)
def _inflected(
    stem: str, rest: str, alternatives: tuple[str, ...]
) -> tuple[str, bool, bool] | None:
    """``(proposal, confident, ezafe_may_hide)`` for ``stem + rest`` (the Dari forms with
    its suffixes), or None when ``rest`` is no suffix chain: the same for every text, so
    it is computed once per word form."""
    suffix = parse_suffix(stem, rest)
    if suffix is None:
        return None
    words = []
    confident = True
    for alternative in alternatives:
        word, sure = realize_suffix(stem, alternative, suffix)
        words.append(word)
        confident = confident and sure
    hidden = suffix.morph is None and _ezafe_may_hide(stem, alternatives)
    return " / ".join(words), confident, hidden


def _in_date(text: str, start: int, end: int) -> bool:
    return bool(
        _DATE_AFTER.match(text, end) or _DATE_BEFORE.search(text, max(0, start - 12), start)
    )


def _matches(
    pattern: re.Pattern[str], text: str, starts: list[int] | None
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, trying only ``starts`` when given (in order,
    every place where a match may begin): like finditer, go on from the end of the last
    match, skipping the places before it. (A stem is never empty.)"""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in starts:
        if start >= end:
            match = pattern.match(text, start)
            if match is not None:
                yield match
                end = match.end()


def _candidates(
    text: str, lexicon: Lexicon, starts: list[int] | None = None
) -> list[_Candidate]:
    """The lexicon forms in the folded ``text``, in order; of overlapping ones, the first
    and then the longest is kept. ``starts``: ``lexicon._index.starts(text)``, if known."""
    index = lexicon._index
    if starts is None:
        starts = index.starts(text)
    if not starts and not index.fallback:
        return []
    found: list[_Candidate] = []
    for matcher, places in index.plausible(text, starts):
        entry = matcher.entry
        for match in _matches(matcher.pattern, text, places):
            start, end = match.span()
            if matcher.dari_prefix and matcher.dari_prefix.match(text, start):
                continue  # already the Dari form (وزارت دفاع ملی contains وزارت دفاع)
            stem, rest = match.group("stem"), match.group("rest")
            if entry.mode is _DATE:
                if rest or not _in_date(text, start, end):
                    continue
                found.append(_Candidate(start, end, len(stem), matcher, entry.dari, True))
                continue
            inflected = _inflected(stem, rest, matcher.alternatives)
            if inflected is None:
                continue
            proposal, confident, hidden = inflected
            note = EZAFE_NOTE if hidden and _NEXT_WORD.match(text, end) else ""
            found.append(_Candidate(start, end, len(stem), matcher, proposal, confident, note))
    if len(found) < 2:
        return found
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
        if entry.mode is _SUGGEST or not candidate.confident:
            note = "" if entry.mode is _SUGGEST else "suffix on the Dari form: check"
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
    starts = lexicon._index.starts(text)  # the same places in the text and its folded form
    if not starts and not lexicon._index.fallback:
        return []  # the usual case: no lexicon form at all
    return [
        LexiconHit(c.start, c.end, text[c.start : c.end], c.proposal, c.matcher.entry)
        for c in _candidates(_folded(text), lexicon, starts)
        if c.matcher.entry.mode is not _SUGGEST
    ]
