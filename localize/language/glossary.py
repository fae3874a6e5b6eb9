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
from functools import cached_property
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


# ``GlossaryMatch(start, end, term)`` without its pure-Python ``__new__`` (3x slower):
# ``_new_match(GlossaryMatch, (start, end, term))``.
_new_match = tuple.__new__


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


# The special case folds of re's IGNORECASE: ı and İ match i, ſ matches s, the Kelvin sign
# K matches k. No other non-ASCII character matches an ASCII one.
_SPECIAL_FOLDS = "\u0131\u017f\u0130\u212a"  # ı ſ İ K
_WORD_BYTES = b"abcdefghijklmnopqrstuvwxyz0123456789_"
# Lower-cases ASCII letters and turns every other byte but [a-z0-9_] into a space, so that
# the words of a text encoded as Latin-1 (one byte per character, "?" for the rest) are the
# runs of ASCII word characters, lower-cased: the "tokens" below.
_TOKEN_BYTES = bytes(
    code + 32 if 65 <= code <= 90 else code if code in _WORD_BYTES else 32
    for code in range(256)
)


def _first_tokens(term: str) -> tuple[str, ...]:
    """Every token that a match of ``_term_pattern(term)`` can begin with (its first word,
    or for a one-word term the word with each ending the pattern allows, or the ASCII letters
    that open it), or () when the term cannot be found by its first token: it opens with
    no ASCII letter, digit or _ (``#MeToo``, ``Élysée``), or holds a special fold."""
    words = [word for word in re.split(r"[\s\-\u2010\u2011]+", term) if word]
    if not words or any(char in term for char in _SPECIAL_FOLDS):
        return ()
    first = words[0].lower()
    opening = first.encode("latin-1", "replace").translate(_TOKEN_BYTES).split(b" ")[0]
    if not opening:
        return ()
    if len(opening) < len(first) or len(words) > 1:
        return (opening.decode(),)
    # More than ``_term_pattern`` allows (plurals, -man -> -men) does no harm.
    forms = [first, first + "s", first + "es"]
    if first.endswith("man"):
        forms.append(first[: -len("man")] + "men")
    return tuple(forms)


def _alternation(indexed: list[tuple[int, GlossaryEntry]]) -> re.Pattern[str]:
    alternatives = "|".join(f"(?P<t{index}>{_term_pattern(entry.term)})"
                            for index, entry in indexed)
    return re.compile(f"(?<![\\w#@])(?:{alternatives})(?![\\w@])", re.IGNORECASE)


def _token_scan(tokens: list[bytes]) -> re.Pattern[bytes]:
    """Finds b" token" in b" " + a text's tokens for each of ``tokens``, followed by the
    end of the token. re tries the alternatives of a branch one by one, so they are grouped
    by first letter."""
    by_first: dict[bytes, list[bytes]] = {}
    for token in sorted(tokens):
        by_first.setdefault(token[:1], []).append(re.escape(token[1:]))
    branch = b"|".join(first + b"(?:" + b"|".join(rests) + b")"
                       for first, rests in by_first.items())
    return re.compile(b" (?:" + branch + b")(?= |\\Z)")


@dataclass(frozen=True)
class Glossary:
    """A loaded glossary; build with ``load_glossary`` or ``Glossary.of``."""

    entries: tuple[GlossaryEntry, ...]
    language_code: str | None = None
    path: Path | None = None
    _ordered: tuple[GlossaryEntry, ...] = field(default=(), repr=False, compare=False)
    # Finds the tokens that terms may begin with (``_first_tokens``) in b" " + a text's
    # tokens; None when some term has none (every text then takes the whole pattern).
    _scan: re.Pattern[bytes] | None = field(default=None, repr=False, compare=False)
    # For each token found by the scan (b" token"), which of ``_groups`` can match there.
    _forms: dict[bytes, int] = field(default_factory=dict, repr=False, compare=False)
    # The indexes in ``_ordered`` of the terms that may begin with one token, in order.
    _groups: tuple[tuple[int, ...], ...] = field(default=(), repr=False, compare=False)
    # The matcher of each token's group, compiled on first use: Python's re tries every
    # alternative at every position, so one pattern of 30+ terms costs ~40 us per
    # sentence, and one of the one or two plausible terms ~2 us.
    _narrow: dict[bytes, tuple[Callable[[str, int], re.Match[str] | None],
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
        by_token: dict[bytes, list[int]] = {}
        for index, entry in enumerate(ordered):
            tokens = _first_tokens(entry.term)
            if not tokens:
                return cls(tuple(entries), language_code, path, tuple(ordered))
            for token in tokens:
                by_token.setdefault(token.encode(), []).append(index)
        groups: dict[tuple[int, ...], int] = {}
        forms = {b" " + token: groups.setdefault(tuple(indexes), len(groups))
                 for token, indexes in by_token.items()}
        scan = _token_scan(list(by_token)) if by_token else None
        return cls(tuple(entries), language_code, path, tuple(ordered), scan, forms,
                   tuple(groups))

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        """The alternation of every term, compiled on first use (~5 ms): ``find`` needs it
        only for texts holding a special fold."""
        return _alternation(list(enumerate(self._ordered))) if self._ordered else None

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
        # re's IGNORECASE equates ı and İ with i, ſ with s and K with k, which the tokens do
        # not: texts holding them take the whole pattern.
        scan = self._scan
        if scan is None or not english_text.isascii() and (
            "\u0131" in english_text or "\u017f" in english_text
            or "\u0130" in english_text or "\u212a" in english_text
        ):
            pattern = self._pattern
            if pattern is None:
                return []
            return [GlossaryMatch(m.start(), m.end(), self._ordered[int((m.lastgroup or "")[1:])])
                    for m in pattern.finditer(english_text)]
        # Encoded as Latin-1 ("?" past it), each character is one byte at the same index.
        # Every match begins at a token that is one of its term's first tokens, so the scan
        # finds, left to right, each place where a match may begin, and only the terms of
        # the token found there can match: trying them there (from the end of the last
        # match on) finds what the whole pattern's finditer finds. (A regex pass on bytes
        # that skips to the spaces costs far less than a substring test per term, or a
        # regex pass over the text for word starts.)
        tokens = b" " + english_text.encode("latin-1", "replace").translate(_TOKEN_BYTES)
        narrow = self._narrow
        matches: list[GlossaryMatch] = []
        end = 0
        for hit in scan.finditer(tokens):
            start = hit.start()  # of the space before the token: the token's index in the text
            if start < end:
                continue
            match_at, entries = narrow.get(hit[0]) or self._narrow_matcher(hit[0])
            match = match_at(english_text, start)
            if match:
                end = match.end()
                # Each term is one group, and term patterns capture nothing else.
                matches.append(_new_match(GlossaryMatch,
                                          (start, end, entries[(match.lastindex or 0) - 1])))
        return matches

    def _narrow_matcher(
        self, token: bytes
    ) -> tuple[Callable[[str, int], re.Match[str] | None], tuple[GlossaryEntry, ...]]:
        """The alternation of the terms of the group of ``token`` (as the scan finds it), in
        glossary order, and the entry of each of its groups."""
        group = self._forms[token]
        for other, found in self._narrow.items():  # compiled for another token of the group?
            if self._forms[other] == group:
                break
        else:
            plausible = self._groups[group]
            pattern = _alternation([(i, self._ordered[i]) for i in plausible])
            found = (pattern.match, tuple(self._ordered[i] for i in plausible))
        self._narrow[token] = found
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
