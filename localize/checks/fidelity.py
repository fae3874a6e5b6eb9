"""Checks that the target is a translation of the source at all, and of all of it.

* ``untranslated``: the English copied through, or a target of mostly Latin letters.
* ``length``: far too short (omission) or far too long (hallucination) for the source.
* ``repetition``: a word or n-gram (n <= 4) repeated 3+ times in a row (an MT loop).
* ``glossary``: a glossary term of the source without its translation in the target.
"""

from __future__ import annotations

import codecs
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

# What str.split() splits at (str.isspace), pinned by a test.
_WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
               "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
# A one-byte code for the characters of most Dari and Pashto texts: ASCII as itself, then
# the other separators (whitespace, punctuation), then Arabic-script letters and digits,
# the joiners and the direction marks. Any other character makes a text take the long way.
_SEPARATORS = _WHITESPACE + _PUNCTUATION
_ALPHABET = "".join(map(chr, range(128))) + "".join(c for c in _SEPARATORS if c > "\x7f") + "".join(
    map(chr, [*range(0x621, 0x63B), *range(0x640, 0x656), *range(0x660, 0x66E), 0x670,
              *range(0x6F0, 0x6FA), 0x679, 0x67C, 0x67E, 0x681, 0x685, 0x686, 0x688, 0x689, 0x691,
              0x693, 0x696, 0x698, 0x69A, 0x6A9, 0x6AB, 0x6AF, 0x6BC, 0x6C0, 0x6CC, 0x6CD, 0x6D0,
              0x6D2, 0x200C, 0x200D, 0x200E, 0x200F, 0x27E6, 0x27E7]))
_ONE_BYTE = codecs.charmap_build(_ALPHABET.ljust(256, "\ufffe"))  # U+FFFE: no character
_SEPARATOR_BYTES = bytes(_ALPHABET.index(c) for c in _SEPARATORS)
_SEPARATORS_TO_SPACE = bytes.maketrans(_SEPARATOR_BYTES, b" " * len(_SEPARATOR_BYTES))
_charmap_encode = codecs.charmap_encode


def _loop(text: str) -> str:
    """The first phrase of 1-4 words said 3+ times in a row (the longest one there), or "".

    Words are compared with their punctuation stripped. Each distinct word is coded as one
    character, so that a short regex finds the loop in a string of a dozen characters.
    """
    # Most texts are ruled out in C, before their words are stripped one by one in Python:
    # cut at every separator (whitespace and punctuation, inside words too), a text falls
    # into pieces, and a word's pieces depend only on the word stripped of its punctuation
    # (a word of punctuation only has none, any other at least one). So a word said again
    # gives a piece said again (its first) and a pair of neighbouring words said again a pair
    # of neighbouring pieces (the last of one, the first of the other): if the pieces repeat
    # fewer than two or no pair, the words do too, and the tests below return "".
    coded = _charmap_encode(text, "ignore", _ONE_BYTE)[0]
    if len(coded) == len(text):  # no character outside the alphabet (it would be dropped)
        pieces = coded.translate(_SEPARATORS_TO_SPACE).split()
        if len(pieces) - len(set(pieces)) < 2 or len(set(pairwise(pieces))) == len(pieces) - 1:
            return ""
    # A word of letters and digits has no punctuation to strip, and is quicker to test.
    tokens = [word if word.isalnum() else word.strip(_PUNCTUATION) for word in text.split()]
    distinct = set(tokens)
    # A loop repeats at least two words. Dropping the empty words (punctuation only) below
    # can only lower this count, so most texts are done before any look for them.
    if len(tokens) - len(distinct) < 2:
        return ""
    if "" in distinct:
        tokens = [token for token in tokens if token]
        distinct.discard("")
        if len(tokens) - len(distinct) < 2:
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


# ``_translation_pattern(translation).search(fold(target))``, mostly without the regex and
# often without folding the target: ``fold`` replaces each character on its own (str.replace
# of single characters, then casefold, which maps each character alone), so ``fold(target)``
# holds ``fold(s)`` wherever ``target`` holds ``s``. The pattern of an alternative (each
# word's stem, up to two more non-space characters, spaces between) finds
# ``fold(alternative)``; that of a one-word alternative finds exactly the texts holding its
# stem (``\S{0,2}`` may match nothing), that of an alternative without words every text.
# So the test of a translation is, in this order:
# - literals: each alternative as written, folded (if folding it again changes nothing) and
#   for one word its stem (if folding it changes nothing): a target holding one of them
#   holds a match. Most targets do; Pashto oblique forms, Arabic ي/ك and ZWNJ may not.
# - stems: of the one-word alternatives: a folded target holding one of them holds a match.
# - phrases: whether some alternative has several words: only then may the pattern find
#   what the stems did not.
_TranslationTest = tuple[tuple[str, ...], tuple[str, ...], bool]  # literals, stems, phrases
_TRANSLATION_TESTS: dict[str, _TranslationTest | None] = {}


def _translation_test(translation: str) -> _TranslationTest | None:
    """The test of a glossary translation (made once per translation), or None for a
    translation without any alternative (the check skips it: it has no pattern)."""
    alternatives = [a for a in _ALTERNATIVES_RE.split(translation.strip()) if a]
    if not alternatives:
        return None
    literals: list[str] = []
    stems: list[str] = []
    phrases = False
    for alternative in alternatives:
        folded = fold(alternative)
        literals.append(alternative)
        if fold(folded) == folded:
            literals.append(folded)
        words = folded.split()
        if len(words) > 1:
            phrases = True
            continue
        stem = (words[0][:-1] if len(words[0]) >= 4 else words[0]) if words else ""
        stems.append(stem)
        if fold(stem) == stem:
            literals.append(stem)
    # A literal holding another is found only where that one is: drop it.
    unique = list(dict.fromkeys(literals))
    literals = [literal for literal in unique
                if not any(other in literal for other in unique if other != literal)]
    return tuple(literals), tuple(dict.fromkeys(stems)), phrases


def check_glossary(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """Each glossary term of the source has its translation (or itself, if kept) in the target."""
    glossary = ctx.glossary
    if glossary is None:
        return []
    # A term inside #NATO or a URL stays as is: the source is searched masked. A glossary
    # with ``terms_in`` (``localize.language.glossary``) gives the term of each match of
    # ``find`` without building the matches.
    terms_in = getattr(glossary, "terms_in", None)
    terms = (terms_in(ctx.source_masked) if terms_in is not None
             else [match.term for match in glossary.find(ctx.source_masked)])
    if not terms:
        return []
    folded_target = ""
    casefolded_target = ""
    missing: list[str] = []
    seen: set[str] = set()
    for term in terms:
        name = term.term
        if name in seen:
            continue
        seen.add(name)
        if term.do_not_translate:
            # casefold maps each character alone: a target holding the term as written holds
            # it casefolded.
            if name in target:
                continue
            casefolded_target = casefolded_target or target.casefold()
            if name.casefold() not in casefolded_target:
                missing.append(f"{name} -> {name}")
            continue
        translation = term.translation
        try:
            test = _TRANSLATION_TESTS[translation]
        except KeyError:
            if len(_TRANSLATION_TESTS) >= _MAX_CACHED_TERMS:
                _TRANSLATION_TESTS.clear()
            test = _TRANSLATION_TESTS[translation] = _translation_test(translation)
        if test is None:
            continue
        literals, stems, phrases = test
        for literal in literals:
            if literal in target:
                break
        else:
            folded_target = folded_target or fold(target)
            for stem in stems:
                if stem in folded_target:
                    break
            else:
                pattern = _translation_pattern(translation) if phrases else None
                if pattern is None or not pattern.search(folded_target):
                    missing.append(f"{name} -> {translation}")
    if not missing:
        return []
    message = f"glossary term(s) not followed: {quoted(missing)}"
    return [Finding("glossary", Severity.WARNING, message)]
