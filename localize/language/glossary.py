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


_SEPARATORS_RE = re.compile(r"[\s\-\u2010\u2011]+")  # between the words of a term


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


def _whole_word_forms(term: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """What ``_term_pattern(term)`` matches in full for a term of ASCII letters and digits
    only (``Taliban``, ``NATO``, ``G7``, ``spokesman``): the strings it matches as written
    (an acronym, or its capitalised form at 4+ letters), and the lower-cased strings it
    matches in any case (the term, and for an all-lower-case term ending in a letter other
    than s its -s/-es plurals, or -man/-men). None for any other term.

    ``Glossary.find`` decides such a term without its regex (see ``_plan``); the hypothesis
    tests compare the two.
    """
    if not (term.isascii() and term.isalnum()):
        return None
    if _is_acronym(term):
        if len(term) >= 4:
            return frozenset({term, term[0] + term[1:].lower()}), frozenset()
        return frozenset({term}), frozenset()
    if term == term.lower() and term[-1].isalpha() and not term.endswith("s"):
        if term.endswith("man"):
            return frozenset(), frozenset({term[:-3] + "man", term[:-3] + "men"})
        return frozenset(), frozenset({term, term + "s", term + "es"})
    return frozenset(), frozenset({term.lower()})


def _first_tokens(term: str) -> tuple[str, ...]:
    """Every token that a match of ``_term_pattern(term)`` can begin with (its first word,
    or for a one-word term the word with each ending the pattern allows, or the ASCII letters
    that open it), or () when the term cannot be found by its first token: it opens with
    no ASCII letter, digit or _ (``#MeToo``, ``Élysée``), or holds a special fold."""
    words = [word for word in _SEPARATORS_RE.split(term) if word]
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


def _next_tokens(term: str) -> bytes | None:
    """A bytes regex that the tokens of a text match right after the first token of a match
    of ``_term_pattern(term)`` (``_first_tokens``): its next tokens, as many as make four
    letters or more (``Ministry of Interior``: " +of +interior"), the last perhaps shortened;
    None for a term of one token (whose endings are forms of that token).

    In the tokens, each character of a match has the token byte of the term's character it
    matches (the same or its other case; texts with special folds take the whole pattern):
    ASCII letters lower-cased, digits and _ as they are, any other character a space. So
    the tokens of a match are those of the term, each after one space or more (a run of
    spaces and hyphens between words, or punctuation inside one), the last one perhaps with
    an ending. A shorter regex than the whole rest compiles faster, and tells as much.
    """
    # (Words joined by a space: the tokens of the words, which need no escaping.)
    tokens = " ".join(_SEPARATORS_RE.split(term)).lower().encode(
        "latin-1", "replace").translate(_TOKEN_BYTES).split()
    following = b""
    letters = 0
    for index, token in enumerate(tokens[1:], start=2):
        if index == len(tokens) and term.endswith("man"):
            token = token[: -len("man")]  # security man, security men: see _term_pattern
        following += b" +" + token
        letters += len(token)
        if letters >= 4:
            break
    return following or None


def _token_scan(followers: dict[bytes, set[bytes | None]]) -> re.Pattern[bytes]:
    """Finds b" token" in b" " + a text's tokens for each token of ``followers`` (their
    keys), followed by the end of the token and, when every term beginning with the token
    has more tokens, by the next tokens of one of these terms (``_next_tokens``, in a
    look-ahead: the scan goes on after the token). Where they are missing, no term can match
    (``Afghan`` alone), and ``find`` need not try them.

    re tries the alternatives of a branch one by one, so they are grouped by first letter;
    a token with its plurals is written once (``taliban(?:e?s)?``), to compile faster.
    """
    afters: dict[bytes, bytes] = {}
    for token, nexts in followers.items():
        if None in nexts:
            afters[token] = b""
        else:
            afters[token] = b"(?=" + b"|".join(sorted(n for n in nexts if n is not None)) + b")"
    by_first: dict[bytes, list[bytes]] = {}
    for token in sorted(afters):
        after = afters.pop(token, None)
        if after is None:  # written with its singular
            continue
        if after == b"" and afters.get(token + b"s") == b"" == afters.get(token + b"es"):
            del afters[token + b"s"], afters[token + b"es"]
            after = b"(?:e?s)?"
        by_first.setdefault(token[:1], []).append(re.escape(token[1:]) + after)
    branch = b"|".join(first + (tails[0] if len(tails) == 1 else b"(?:" + b"|".join(tails) + b")")
                       for first, tails in by_first.items())
    return re.compile(b" (?:" + branch + b")(?= |\\Z)")


# How ``Glossary.find`` decides whether a term matches where the scan found a token that
# terms begin with (see ``Glossary._plan``):
_Plan = tuple[
    # the alternation of the token's terms, tried there; None for a whole-word group:
    Callable[[str, int], re.Match[str] | None] | None,
    dict[str, int],  # whole-word group: the term matching the word as written (an acronym)
    int,  # whole-word group: the term matching the word whatever its case, or -1
    tuple[int, ...],  # the term of each group of the alternation
]  # (terms as their index in ``Glossary._ordered``)


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
    # The plan of each token found by the scan, made on first use: Python's re tries every
    # alternative at every position, so one pattern of 30+ terms costs ~40 us per sentence,
    # and one of the one or two plausible terms ~2 us; a token whose terms are all one
    # ASCII word (``Taliban``, ``NATO``) needs no regex at all.
    _plans: dict[bytes, _Plan] = field(default_factory=dict, repr=False, compare=False)

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
        followers: dict[bytes, set[bytes | None]] = {}
        for index, entry in enumerate(ordered):
            tokens = _first_tokens(entry.term)
            if not tokens:
                return cls(tuple(entries), language_code, path, tuple(ordered))
            following = _next_tokens(entry.term)
            for token in tokens:
                by_token.setdefault(token.encode(), []).append(index)
                followers.setdefault(token.encode(), set()).add(following)
        groups: dict[tuple[int, ...], int] = {}
        forms = {b" " + token: groups.setdefault(tuple(indexes), len(groups))
                 for token, indexes in by_token.items()}
        scan = _token_scan(followers) if followers else None
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
        spans: list[tuple[int, int]] = []
        terms = self.terms_in(english_text, spans)
        matches: list[GlossaryMatch] = []
        for (start, end), term in zip(spans, terms):
            matches.append(_new_match(GlossaryMatch, (start, end, term)))
        return matches

    def terms_in(
        self, english_text: str, spans: list[tuple[int, int]] | None = None
    ) -> list[GlossaryEntry]:
        """The term of each match of ``find(english_text)``, in text order: what the
        ``glossary`` check needs, without building the matches.

        Args:
            english_text: Source text.
            spans: If given, receives (start, end) of each match.
        """
        # re's IGNORECASE equates ı and İ with i, ſ with s and K with k, which the tokens do
        # not: texts holding them take the whole pattern.
        text = english_text
        scan = self._scan
        ascii_only = text.isascii()
        ordered = self._ordered
        terms: list[GlossaryEntry] = []
        if scan is None or not ascii_only and (
            "\u0131" in text or "\u017f" in text or "\u0130" in text or "\u212a" in text
        ):
            pattern = self._pattern
            for m in pattern.finditer(text) if pattern is not None else ():
                terms.append(ordered[int((m.lastgroup or "")[1:])])
                if spans is not None:
                    spans.append(m.span())
            return terms
        # Encoded as Latin-1 ("?" past it), each character is one byte at the same index.
        # Every match begins at a token that is one of its term's first tokens, followed by
        # the term's next tokens (``_next_tokens``), so the scan finds, left to right, each
        # place where a match may begin, and only the terms of the token found there can
        # match: trying them there (from the end of the last match on) finds what the whole
        # pattern's finditer finds. (A regex pass on bytes that skips to the spaces costs
        # far less than a substring test per term, or a regex pass over the text for word
        # starts.)
        tokens = b" " + text.encode("latin-1", "replace").translate(_TOKEN_BYTES)
        plans = self._plans
        end = 0
        for hit in scan.finditer(tokens):
            # The tokens have one byte more in front: the space before the token is at the
            # token's index in the text, and the token ends at ``stop - 1`` in the text.
            start, stop = hit.span()
            if start < end:
                continue
            token = hit[0]
            match_at, written, index, indexes = plans.get(token) or self._plan(token)
            if match_at is None:
                # Every term of the token is one ASCII word: it matches ASCII letters and
                # digits only (no special folds here), and the look-ahead wants no word
                # character after it, so a match is the whole token, text[start:stop]. The
                # alternation comes down to its look-behind and look-ahead (the tokens tell
                # that the characters around are no ASCII word characters; for re, other
                # letters and digits are: isalnum), and to the first term matching the word.
                stop -= 1  # in the text
                if start:
                    before = text[start - 1]
                    if before == "#" or before == "@" or not ascii_only and before.isalnum():
                        continue
                if stop < len(text):
                    after = text[stop]
                    if after == "@" or not ascii_only and after.isalnum():
                        continue
                if written:
                    index = written.get(text[start:stop], index)
                if index < 0:
                    continue
                end = stop
            else:
                match = match_at(text, start)
                if match is None:
                    continue
                end = match.end()
                # Each term is one group, and term patterns capture nothing else.
                index = indexes[(match.lastindex or 0) - 1]
            terms.append(ordered[index])
            if spans is not None:
                spans.append((start, end))
        return terms

    def _plan(self, token: bytes) -> _Plan:
        """How to decide a match where the scan found ``token`` (b" token"): the alternation
        of the terms of its group, in glossary order, or for a group of one-word terms
        (``_whole_word_forms``) which term matches the token as written."""
        plausible = self._groups[self._forms[token]]
        words: list[tuple[int, frozenset[str], frozenset[str]]] = []
        for index in plausible:
            forms = _whole_word_forms(self._ordered[index].term)
            if forms is None:
                break
            words.append((index, *forms))
        else:
            # The token is the word lower-cased. The first term matching it wins: a term
            # matching the word in any case wins over every later one, an acronym only as
            # written.
            word = token[1:].decode()
            written: dict[str, int] = {}
            for index, exact, any_case in words:
                if word in any_case:
                    plan: _Plan = (None, written, index, ())
                    break
                for form in exact:
                    if form.lower() == word:
                        written.setdefault(form, index)
            else:
                plan = (None, written, -1, ())
            self._plans[token] = plan
            return plan
        group = self._forms[token]
        for other, found in self._plans.items():  # compiled for another token of the group?
            if found[0] is not None and self._forms[other] == group:
                plan = found
                break
        else:
            # Groups named by position, not by index in the glossary: the same terms make the
            # same pattern, which re compiles once (Dari and Pashto share most terms).
            pattern = _alternation(list(enumerate(self._ordered[i] for i in plausible)))
            plan = (pattern.match, {}, -1, plausible)
        self._plans[token] = plan
        return plan


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
