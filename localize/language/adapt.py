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
import sys
from collections.abc import Callable, Iterator
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
    """Arabic yeh/kaf as Persian ی/ک. (Most texts hold none of the three, and three
    substring tests are cheap; str.translate looks up every character of a non-Latin text
    in a dict, ~50 times slower than three str.replace.)"""
    if "\u064a" in text or "\u0649" in text or "\u0643" in text:
        return text.replace("\u064a", "\u06cc").replace("\u0649", "\u06cc").replace(
            "\u0643", "\u06a9"
        )
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
    dari_prefix_text: str | None  # the Dari form when it begins with the Iranian one
    alternatives: tuple[str, ...]  # entry.alternatives, computed once
    _pattern: re.Pattern[str] | None = None
    _dari_prefix: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            self._pattern = re.compile(self.pattern_text)
        return self._pattern

    @property
    def dari_prefix(self) -> re.Pattern[str] | None:
        """Compiled on first use too (only a text holding the row's stem needs it)."""
        if self._dari_prefix is None and self.dari_prefix_text is not None:
            self._dari_prefix = re.compile(self.dari_prefix_text)
        return self._dari_prefix


_Group = tuple[tuple[int, _Matcher], ...]  # (position in the lexicon, matcher), in order


@dataclass(slots=True, eq=False)
class _Index:
    """Finds the places where the matchers can match a text with one regex search.

    A matcher's pattern matches where no word character precedes and its stem follows.
    For the matchers whose probe is a literal start of the stem, ``scanner`` finds every
    such place in the folded text (a non-word character, then any of their stems), and
    ``by_probe`` says which of them to try there. The others (a probe holding a comma,
    which a pattern writes as a class, or not at the start of the form) keep ``probe in
    text`` in ``fallback``.

    ``may_match_qa`` answers the QA check's question, whether a replace or date row may
    match, without the scanner (see ``_qa_pattern``). Both regexes are compiled on first
    use: a check run needs the scanner only for a text that holds such a row, an adaptation
    run never needs the QA one (each takes several ms to compile).
    """

    by_probe: dict[str, _Group] = field(default_factory=dict)
    probe_lengths: tuple[int, ...] = ()
    fallback: tuple[tuple[str, _Group], ...] = ()
    scanner_text: str = ""  # "" when no matcher is scanned
    qa_text: str = ""  # "" when no replace or date row is scanned
    qa_anywhere: bool = False  # the QA regex is searched for, not matched at 0
    qa_fallback: tuple[str, ...] = ()  # the probes in ``fallback`` of replace or date rows
    _scanner: re.Pattern[str] | None = None
    _qa_scan: Callable[[str], re.Match[str] | None] | None = None  # the QA regex's match

    @classmethod
    def of(cls, matchers: tuple[_Matcher, ...]) -> _Index:
        by_probe: dict[str, list[tuple[int, _Matcher]]] = {}
        fallback: dict[str, list[tuple[int, _Matcher]]] = {}
        stems: list[list[str]] = []  # the units (see ``_trie``) of the scanned stems
        qa_stems: list[list[str]] = []  # those of replace and date rows
        word_starts = True  # whether all of these stems begin with a word character
        qa_fallback: dict[str, None] = {}
        for index, matcher in enumerate(matchers):
            folded, probe = _folded(matcher.entry.iranian), matcher.probe
            qa = matcher.entry.mode is not _SUGGEST
            if probe and folded.startswith(probe) and not _NOT_LITERAL.intersection(probe):
                by_probe.setdefault(probe, []).append((index, matcher))
                units = _form_units(folded)
                stems.append(units)
                if qa:
                    if matcher.entry.mode is _DATE and len(folded) <= 3:
                        units = [*units, _LETTER_FOLLOWS_NOT]
                    qa_stems.append(units)
                    word_starts = word_starts and _starts_a_word(folded)
            else:
                fallback.setdefault(probe, []).append((index, matcher))
                if qa:
                    qa_fallback[probe] = None
        fallbacks = tuple((probe, tuple(group)) for probe, group in fallback.items())
        if not stems:
            return cls(fallback=fallbacks, qa_fallback=tuple(qa_fallback))
        qa_text, qa_anywhere = _qa_pattern(qa_stems, word_starts) if qa_stems else ("", False)
        return cls(
            {probe: tuple(group) for probe, group in by_probe.items()},
            tuple(sorted({len(probe) for probe in by_probe})),
            fallbacks,
            f"[^{_WORD}](?={_trie(stems)})",
            qa_text,
            qa_anywhere,
            tuple(qa_fallback),
        )

    @property
    def scanner(self) -> re.Pattern[str] | None:
        if self._scanner is None and self.scanner_text:
            self._scanner = re.compile(self.scanner_text)
        return self._scanner

    def starts(self, folded: str) -> list[int]:
        """Where a stem of the scanned matchers starts a word of the folded text, in
        order."""
        scanner = self.scanner
        if scanner is None:
            return []
        # A space before the text makes position 0 a place like any other: a match found
        # in the copy at i (the non-word character) is the place i of the text.
        copy = " " + folded
        first = scanner.search(copy)  # most texts hold no stem: one search
        if first is None:
            return []
        return [match.start() for match in scanner.finditer(copy, first.start())]

    def may_match_qa(self, folded: str) -> bool:
        """Whether a replace or date row may match the folded text (False: none does).

        Why False is exact: only the matchers of these rows give ``iranian_forms_in`` its
        hits. Each matches only where its stem starts a word (a date row: a whole word),
        and ``plausible`` tries one in ``fallback`` only where the text holds its probe.
        The QA regex tries exactly these stems, written as their patterns write them, at
        every start of a word (see ``_qa_pattern``). It may say yes where the row still
        does not match: a suffix that is none, a date without a number."""
        scan = self._qa_scan
        if scan is None:
            scan = self._qa_scan = self._compile_qa()
        # As in ``starts``, a space before the text makes position 0 a place like any other.
        if scan(" " + folded) is not None:
            return True
        return bool(self.qa_fallback) and any(probe in folded for probe in self.qa_fallback)

    def _compile_qa(self) -> Callable[[str], re.Match[str] | None]:
        if not self.qa_text:
            return _no_match
        qa = re.compile(self.qa_text)
        return qa.search if self.qa_anywhere else qa.match

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


def _no_match(text: str) -> None:
    return None


def _starts_a_word(text: str) -> bool:
    return re.match(f"[{_WORD}]", text) is not None


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


def _form_pattern(form: str) -> str:
    return "".join(_form_units(form))


# What re.escape does to a character (it leaves all others, non-ASCII ones included, alone);
# a dict lookup is ~20 times cheaper than a call, and a lexicon has thousands of characters.
_ESCAPED = {char: re.escape(char) for char in "()[]{}?*+-|^$\\.&~# \t\n\r\v\f"}


def _form_units(form: str) -> list[str]:
    """The pattern of each character of ``form`` (see ``_form_pattern``)."""
    parts: list[str] = []
    for char in _folded(form):
        if char == ZWNJ:
            parts.append("(?:\u200c| )?")
        elif char == " ":
            parts.append("(?:[ \u00a0]+|\u200c)")
        elif char in ("،", ","):
            parts.append("[،,]")
        else:
            parts.append(_ESCAPED.get(char, char))
    return parts


# A date row matches only a whole word, so no letter (here: Persian and Arabic ones, part
# of _WORD) follows its stem where it matches. The QA regex says so after the short month
# names only, which begin many words (دیگر, مهم, تیراندازی); each costs ~0.03 ms to compile.
_LETTER_FOLLOWS_NOT = "(?![\u0621-\u064a\u067e-\u06cc])"


def _trie(forms: list[list[str]]) -> str:
    """A pattern matching where one of ``forms`` (lists of unit patterns) matches, written
    as a trie: forms that begin with the same units share them, so at a place of the text
    a unit is tried once rather than once for each form."""
    groups: dict[str, list[list[str]]] = {}
    for units in forms:
        if not units:
            return ""  # a whole form: it matches wherever a longer one sharing it does
        groups.setdefault(units[0], []).append(units[1:])
    branches = [first + _trie(rests) for first, rests in groups.items()]
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


# Possessive repeats (``*+``): Python 3.11+.
_POSSESSIVE = sys.version_info >= (3, 11)


def _qa_pattern(
    stems: list[list[str]], word_starts: bool, possessive: bool = _POSSESSIVE
) -> tuple[str, bool]:
    """The QA regex for ``stems`` (lists of unit patterns, folded), to try on " " + the
    folded text, and whether to search for it (else: match it at 0).

    A stem counts where it starts a word: right after a non-word character. The plain
    way, the scanner's, searches for a non-word character and a stem, and so stops at
    each of ~20 non-word characters of a sentence. When every stem begins with a word
    character, a match from 0 tries the same places with fewer, cheaper stops: the first
    alternative gives back ``.*`` one character at a time, which sre does by skipping
    from space to space since a literal space follows, and tries the stems after each;
    the second gives back a repeat of (word characters or spaces)(other non-word
    characters) one pair at a time, and tries the stems where each run of other non-word
    characters ends: a word can start after one of them only there. (A stem beginning
    with a non-word character could start inside such a run, hence the condition. Python
    3.10 lacks possessive repeats, without which sre would also try every shorter run.)
    """
    any_stem = _trie(stems)
    if word_starts and possessive:
        return f"(?:(?s:.*) |(?:[{_WORD} ]*+[^{_WORD} ]++)*){any_stem}", False
    return f"[^{_WORD}]{any_stem}", True


def _compile(entry: LexiconEntry) -> _Matcher:
    stem = _form_pattern(entry.iranian)
    pattern = f"(?<![{_WORD}])(?P<stem>{stem})(?P<rest>[{_WORD}]*)"
    folded = _folded(entry.iranian)
    probe = folded.split()[0].split(ZWNJ)[0][:3]
    dari_prefix = None
    for alternative in entry.alternatives:
        if alternative.startswith(folded) and alternative != folded:
            dari_prefix = f"{_form_pattern(alternative)}(?![{_WORD}])"
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
        key = _folded(iranian)
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
            dari_prefix = matcher.dari_prefix
            if dari_prefix is not None and dari_prefix.match(text, start):
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
    index = lexicon._index
    folded = _folded(text)
    if not index.may_match_qa(folded):
        return []  # the usual case: no replace or date row matches
    starts = index.starts(folded)
    if not starts and not index.fallback:
        return []
    return [
        LexiconHit(c.start, c.end, text[c.start : c.end], c.proposal, c.matcher.entry)
        for c in _candidates(folded, lexicon, starts)
        if c.matcher.entry.mode is not _SUGGEST
    ]
