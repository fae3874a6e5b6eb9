"""Checks that the target is a translation of the source at all, and of all of it.

* ``untranslated``: the English copied through, or a target of mostly Latin letters.
* ``length``: far too short (omission) or far too long (hallucination) for the source.
* ``repetition``: a word or n-gram (n <= 4) repeated 3+ times in a row (an MT loop).
* ``glossary``: a glossary term of the source without its translation in the target.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..model import Finding, Severity
from ._base import Trigger, UnitContext, quoted
from ._text import (
    LATIN_LETTER_RE,
    LATIN_LETTERS,
    arabic_letter_count,
    fold,
    latin_letter_count,
)

# -- untranslated -------------------------------------------------------------------------
_LATIN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’.\-]*")
_MAX_PROPER_NOUN_WORDS = 5
_MAX_LATIN_SHARE = 0.6
_MIN_LATIN_LETTERS = 6


LATIN_IN_TARGET = Trigger(LATIN_LETTERS)  # ``untranslated`` needs a Latin letter in the target


def _proper_noun_only(masked_source: str) -> bool:
    """A byline, dateline or name (``Report: Shershah Nawabi``) may stay in Latin letters.

    That is: at most 5 Latin words, all capitalised. A sentence fails at its first
    lower-case word, so the words are read one by one.
    """
    for count, word in enumerate(_LATIN_WORD_RE.finditer(masked_source), start=1):
        if count > _MAX_PROPER_NOUN_WORDS or not word[0][0].isupper():
            return False
    return True


def check_untranslated(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """The target is the English source, or mostly Latin letters, for a translatable source."""
    target_text = ctx.target_masked
    if not LATIN_LETTER_RE.search(target_text) or _proper_noun_only(ctx.source_masked):
        return []
    if target.strip() == source.strip():
        return [Finding("untranslated", Severity.ERROR, "the translation is the English source")]
    latin = latin_letter_count(target_text)
    if latin < _MIN_LATIN_LETTERS:
        return []
    share = latin / (latin + arabic_letter_count(target_text))
    if share <= _MAX_LATIN_SHARE:
        return []
    return [Finding(
        "untranslated", Severity.ERROR,
        f"{share:.0%} of the letters are Latin: the English was not translated",
    )]


# -- length -------------------------------------------------------------------------------
# Dari and Pashto news translations run at 0.7-1.2 times the English length in characters
# (no short vowels written, but longer function words). The bounds only catch gross cases.
_MIN_SOURCE_FOR_SHORT = 25
_SHORT_RATIO, _SHORT_SLACK = 0.4, 5
_LONG_RATIO, _LONG_SLACK = 2.2, 10


def check_length(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """The target is far shorter (omission) or far longer (hallucination) than the source."""
    source_length = len(ctx.source_masked.strip())
    target_length = len(ctx.target_masked.strip()) - target.count("\u200c")
    if source_length >= _MIN_SOURCE_FOR_SHORT and (
        target_length < _SHORT_RATIO * source_length - _SHORT_SLACK
    ):
        problem = "far too short for the source (a part left out?)"
    elif target_length > _LONG_RATIO * source_length + _LONG_SLACK:
        problem = "far too long for the source (text added?)"
    else:
        return []
    return [Finding(
        "length", Severity.WARNING,
        f"{problem}: {target_length} characters for {source_length}",
    )]


# -- repetition ---------------------------------------------------------------------------
_PUNCTUATION = ".,;:!?،؛؟«»\"“”()[]…"
_LONGEST_LOOP = 4  # words in the repeated phrase


def _loop(text: str) -> str:
    """The first phrase of 1-4 words said 3+ times in a row (the longest one there), or "".

    Words are compared with their punctuation stripped. Each distinct word is coded as one
    character, so that a short regex finds the loop in a string of a dozen characters.
    """
    # A word of letters and digits has no punctuation to strip, and is quicker to test.
    tokens = [word if word.isalnum() else word.strip(_PUNCTUATION) for word in text.split()]
    if "" in tokens:
        tokens = [token for token in tokens if token]
    distinct = set(tokens)
    if len(tokens) - len(distinct) < 2:  # a loop repeats at least two words
        return ""
    # It also repeats a pair of neighbours (its first two words, or a word said thrice):
    # most texts that repeat words, the longer ones, repeat no pair.
    if len(set(pairwise(tokens))) == len(tokens) - 1:
        return ""
    code = dict(zip(distinct, map(chr, range(len(distinct)))))
    found = _CODED_LOOP_RE.search("".join(map(code.__getitem__, tokens)))
    if not found:
        return ""
    return " ".join(tokens[found.start() : found.end(1)])


# Leftmost start, then the longest phrase there (the quantifier is greedy).
_CODED_LOOP_RE = re.compile(rf"(.{{1,{_LONGEST_LOOP}}})\1\1", re.DOTALL)


def check_repetition(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """A word or phrase of up to 4 words repeated 3+ times in a row (an MT decoding loop)."""
    repeated = _loop(target)
    if not repeated or _loop(source):
        return []
    return [Finding(
        "repetition", Severity.ERROR,
        f"'{repeated}' repeated 3 or more times in a row: a machine-translation loop?",
    )]


# -- glossary -----------------------------------------------------------------------------
_ALTERNATIVES_RE = re.compile(r"\s*[/|;]\s*")


def _loose_pattern(translation: str) -> str:
    """Each word may change its last letter and grow two (Pashto oblique: ملګري -> ملګرو)."""
    parts = []
    for word in fold(translation).split():
        stem = word[:-1] if len(word) >= 4 else word
        parts.append(re.escape(stem) + r"\S{0,2}")
    return r"\s*".join(parts)


_MAX_CACHED_TERMS = 4096
_TRANSLATION_PATTERNS: dict[str, re.Pattern[str] | None] = {}


def _translation_pattern(translation: str) -> re.Pattern[str] | None:
    """One pattern finding any alternative of a glossary translation loosely (compiled once
    per translation), or None for a translation without any."""
    try:
        return _TRANSLATION_PATTERNS[translation]
    except KeyError:
        pass
    if len(_TRANSLATION_PATTERNS) >= _MAX_CACHED_TERMS:
        _TRANSLATION_PATTERNS.clear()
    alternatives = [a for a in _ALTERNATIVES_RE.split(translation.strip()) if a]
    pattern = re.compile("|".join(map(_loose_pattern, alternatives))) if alternatives else None
    _TRANSLATION_PATTERNS[translation] = pattern
    return pattern


def check_glossary(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """Each glossary term of the source has its translation (or itself, if kept) in the target."""
    if ctx.glossary is None:
        return []
    matches = ctx.glossary.find(ctx.source_masked)  # a term inside #NATO or a URL stays as is
    if not matches:
        return []
    folded_target = ""
    missing: list[str] = []
    seen: set[str] = set()
    for match in matches:
        term = match.term
        if term.term in seen:
            continue
        seen.add(term.term)
        if term.do_not_translate:
            if term.term.casefold() in target.casefold():
                continue
            missing.append(f"{term.term} -> {term.term}")
            continue
        pattern = _translation_pattern(term.translation)
        if pattern is None:
            continue
        folded_target = folded_target or fold(target)
        if not pattern.search(folded_target):
            missing.append(f"{term.term} -> {term.translation}")
    if not missing:
        return []
    message = f"glossary term(s) not followed: {quoted(missing)}"
    return [Finding("glossary", Severity.WARNING, message)]
