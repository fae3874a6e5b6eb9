"""Newsroom glossaries: ``<locales>/<lang>/glossary.tsv``, one per target language.

The file is a spreadsheet-editable TSV (UTF-8, BOM tolerated) with the header
``term	translation	note	do_not_translate	source``. ``do_not_translate`` is ``yes``,
``no`` or empty (= no); a do-not-translate term is kept exactly as the English writes it
and needs no translation. Every row should say where its translation comes from.

Matching (``Glossary.find``) is on English text, whole words, longest term first
(``Afghan National Army`` before ``Army``), and:

* case-insensitive, except for acronyms (terms written in capitals, ``UN``, ``US``,
  ``NATO``): those match as written, or capitalised (``Nato``) when four letters or
  longer, so that ``US`` never matches the pronoun ``us``;
* a space or hyphen in a term matches any run of spaces and hyphens
  (``Secretary General`` = ``Secretary-General``);
* an all-lower-case term also matches its regular plural (``-s``/``-es``, and
  ``-man → -men``: ``spokesman``/``spokesmen``);
* never inside a hashtag or handle (``#NATO``): those are copied as they are.

The starter glossaries ship in the package (``localize/starter/<lang>/glossary.tsv``);
``starter_path`` finds them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..errors import DataFileError, LanguageError
from ..langs import canonical_code
from .tsv import read_tsv

__all__ = [
    "GLOSSARY_HEADER",
    "Glossary",
    "GlossaryEntry",
    "GlossaryMatch",
    "load_glossary",
    "starter_path",
]

GLOSSARY_HEADER = ("term", "translation", "note", "do_not_translate", "source")
_YES_NO = {"yes": True, "no": False, "": False}
_FORBIDDEN_LETTERS = {"fa_AF": "\u064a\u0649\u0643", "ps": "\u0649\u0643"}
STARTER_DIR = Path(__file__).resolve().parent.parent / "starter"  # packaged starter data


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One glossary row; ``line`` is its line in the file (0 when built in code)."""

    term: str
    translation: str
    note: str = ""
    do_not_translate: bool = False
    source: str = ""
    line: int = 0

    @property
    def rendering(self) -> str:
        """What the target text should contain: the translation, or the term itself."""
        return self.term if self.do_not_translate else self.translation


class GlossaryMatch(NamedTuple):
    """A glossary term found in English text.

    ``text[start:end]`` is the match as written (``Nato``, ``spokesmen``); ``term`` is the
    glossary entry it matched (``term.term`` is ``NATO``, ``term.translation`` ``ناتو``).
    (A NamedTuple: built for every match, it is 4x cheaper than a frozen dataclass.)
    """

    start: int
    end: int
    term: GlossaryEntry


def _is_acronym(term: str) -> bool:
    letters = [char for char in term if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def _term_pattern(term: str) -> str:
    words = [re.escape(word) for word in re.split(r"[\s\-\u2010\u2011]+", term) if word]
    body = r"[\s\-\u2010\u2011]+".join(words)
    if _is_acronym(term):
        variants = [body]
        if len(term) >= 4 and " " not in term:
            variants.append(re.escape(term[0] + term[1:].lower()))
        return "(?-i:" + "|".join(variants) + ")"
    if term == term.lower() and term[-1:].isalpha() and not term.endswith("s"):
        if term.endswith("man"):
            return body[: -len("man")] + "m[ae]n"
        return body + "(?:e?s)?"
    return body


def _anchor(term: str) -> str:
    """A lower-cased literal that every match of ``_term_pattern(term)`` contains: its first
    word (without a final "man", which the pattern lets become "men")."""
    words = [word for word in re.split(r"[\s\-\u2010\u2011]+", term) if word]
    first = words[0] if words else term
    if len(words) == 1 and not _is_acronym(term) and term == term.lower() \
            and term.endswith("man"):
        first = first[: -len("man")]
    return first.lower()


_SPECIAL_FOLDS = "\u0131\u017f\u0130"  # ı ſ İ


def _alternation(indexed: list[tuple[int, GlossaryEntry]]) -> re.Pattern[str]:
    alternatives = "|".join(f"(?P<t{index}>{_term_pattern(entry.term)})"
                            for index, entry in indexed)
    return re.compile(f"(?<![\\w#@])(?:{alternatives})(?![\\w@])", re.IGNORECASE)


@dataclass(frozen=True)
class Glossary:
    """A loaded glossary; build with ``load_glossary`` or ``Glossary.of``."""

    entries: tuple[GlossaryEntry, ...]
    language_code: str | None = None
    path: Path | None = None
    _ordered: tuple[GlossaryEntry, ...] = field(default=(), repr=False, compare=False)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    # Each distinct anchor with the indexes (in ``_ordered``) of the terms it anchors.
    _by_anchor: tuple[tuple[str, tuple[int, ...]], ...] = field(
        default=(), repr=False, compare=False)
    _anchor_list: list[tuple[int, str]] = field(  # (index in _by_anchor, anchor), for the scan
        default_factory=list, repr=False, compare=False)
    # Matchers of only the terms whose anchors a text holds, by the anchors' indexes in
    # ``_by_anchor``: Python's re tries every alternative at every position, so one pattern
    # of 30+ terms costs ~40 us per sentence, and one of the two or three plausible terms
    # ~2 us.
    _narrow: dict[tuple[int, ...], tuple[Callable[[str, int], re.Match[str] | None],
                                         tuple[GlossaryEntry, ...]]] = field(
        default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(
        cls,
        entries: list[GlossaryEntry] | tuple[GlossaryEntry, ...],
        language_code: str | None = None,
        path: Path | None = None,
    ) -> Glossary:
        """Build a glossary (and its matcher) from entries."""
        ordered = sorted(entries, key=lambda entry: (-len(entry.term), entry.term))
        pattern = _alternation(list(enumerate(ordered))) if ordered else None
        anchors = tuple(_anchor(entry.term) for entry in ordered)
        by_anchor: dict[str, list[int]] = {}
        for index, anchor in enumerate(anchors):
            by_anchor.setdefault(anchor, []).append(index)
        return cls(tuple(entries), language_code, path, tuple(ordered), pattern,
                   tuple((anchor, tuple(indexes)) for anchor, indexes in by_anchor.items()),
                   list(enumerate(by_anchor)))

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, term: str) -> GlossaryEntry | None:
        """The entry whose term is ``term`` (case-insensitive), or None."""
        wanted = term.casefold()
        for entry in self.entries:
            if entry.term.casefold() == wanted:
                return entry
        return None

    def find(self, english_text: str) -> list[GlossaryMatch]:
        """Glossary terms in English text, left to right, longest term first.

        Args:
            english_text: Source text.

        Returns:
            Non-overlapping matches in text order.
        """
        if self._pattern is None:
            return []
        lowered = english_text.lower()
        # A term whose anchor is absent cannot match, so dropping it from the alternation
        # changes no result (the order of the rest, longest first, is kept). re's
        # IGNORECASE also equates i with dotless ı and s with long ſ, which lower() does not,
        # and İ lowers to two characters: texts holding them take the whole pattern.
        if not english_text.isascii() and any(c in english_text for c in _SPECIAL_FOLDS):
            assert self._pattern is not None
            return [GlossaryMatch(m.start(), m.end(), self._ordered[int((m.lastgroup or "")[1:])])
                    for m in self._pattern.finditer(english_text)]
        held = [i for i, anchor in self._anchor_list if anchor in lowered]
        if not held:
            return []
        # Every match begins with its term's anchor, so the pattern is tried only where an
        # anchor begins (leftmost first, from the end of the last match on), as finditer
        # would find it; re cannot skip ahead by itself in a case-insensitive alternation.
        starts: set[int] = set()
        for i in held:
            anchor = self._by_anchor[i][0]
            at = lowered.find(anchor)
            while at >= 0:
                starts.add(at)
                at = lowered.find(anchor, at + 1)
        match_at, entries = self._narrow_matcher(tuple(held))
        matches: list[GlossaryMatch] = []
        end = 0
        for start in sorted(starts):
            if start < end:
                continue
            match = match_at(english_text, start)
            if match:
                end = match.end()
                # Each term is one group, and term patterns capture nothing else.
                matches.append(GlossaryMatch(start, end, entries[(match.lastindex or 0) - 1]))
        return matches

    def _narrow_matcher(
        self, held: tuple[int, ...]
    ) -> tuple[Callable[[str, int], re.Match[str] | None], tuple[GlossaryEntry, ...]]:
        """The alternation of the terms whose anchors are ``held`` (indexes in
        ``_by_anchor``), in glossary order, and the entry of each of its groups."""
        found = self._narrow.get(held)
        if found is None:
            if len(self._narrow) >= 4096:  # bounded: texts hold few distinct term sets
                self._narrow.clear()
            plausible = sorted(i for h in held for i in self._by_anchor[h][1])
            pattern = _alternation([(i, self._ordered[i]) for i in plausible])
            found = self._narrow[held] = (pattern.match,
                                          tuple(self._ordered[i] for i in plausible))
        return found


def _language_from_path(path: Path) -> str | None:
    try:
        return canonical_code(path.parent.name)
    except LanguageError:
        return None


def load_glossary(path: Path | str, language_code: str | None = None) -> Glossary:
    """Load and validate a glossary TSV.

    Args:
        path: The file (``<locales>/<lang>/glossary.tsv``).
        language_code: The target language; by default taken from the folder name when it
            is a known code. When known, translations are checked for letters that the
            language never uses (Arabic ``ي ى ك`` in Dari; ``ى ك`` in Pashto).

    Returns:
        The glossary.

    Raises:
        DataFileError: Unreadable or non-UTF-8 file, wrong header or column count, an
            empty term, a missing translation, a bad ``do_not_translate`` value, a
            repeated term, or a letter the language does not use.
        LanguageError: For an unknown ``language_code``.
    """
    path = Path(path)
    code = canonical_code(language_code) if language_code else _language_from_path(path)
    entries: list[GlossaryEntry] = []
    first_line: dict[str, int] = {}
    for row in read_tsv(path, GLOSSARY_HEADER):
        term, translation, note, flag, source = row.cells
        if not term:
            raise DataFileError(path, "empty term", line=row.line)
        if flag.lower() not in _YES_NO:
            raise DataFileError(
                path, f"do_not_translate must be yes, no or empty, not {flag!r}", line=row.line
            )
        keep = _YES_NO[flag.lower()]
        if not translation and not keep:
            raise DataFileError(
                path,
                f"no translation for {term!r}; fill it in or set do_not_translate to yes",
                line=row.line,
            )
        if code and any(char in translation for char in _FORBIDDEN_LETTERS[code]):
            raise DataFileError(
                path,
                f"translation {translation!r} has Arabic ي/ى/ك, which {code} does not use here; "
                "write ی and ک" + (" (Pashto ي is fine)" if code == "ps" else ""),
                line=row.line,
            )
        key = " ".join(re.split(r"[\s\-]+", term.casefold()))
        if key in first_line:
            raise DataFileError(
                path, f"term {term!r} is already listed on line {first_line[key]}", line=row.line
            )
        first_line[key] = row.line
        entries.append(GlossaryEntry(term, translation, note, keep, source, row.line))
    return Glossary.of(entries, code, path)


def starter_path(language_code: str, filename: str) -> Path:
    """The packaged starter file for a language (``localize/starter/<code>/<filename>``).

    Args:
        language_code: Any accepted spelling of ``fa_AF`` or ``ps``.
        filename: A file name such as ``glossary.tsv`` or ``dari_lexicon.tsv``.

    Returns:
        The path of the packaged file.

    Raises:
        LanguageError: For an unknown language code.
        DataFileError: When the package has no such starter file.
    """
    code = canonical_code(language_code)
    folder = STARTER_DIR / code
    path = folder / filename
    if Path(filename).name != filename or not path.is_file():
        available = sorted(p.name for p in folder.glob("*.tsv")) if folder.is_dir() else []
        raise DataFileError(
            path,
            f"no starter file {filename!r} for {code}; available: {', '.join(available) or 'none'}",
        )
    return path
