"""``_loop`` and ``repetition`` find what they found before the count over the word set.

``_loop`` now counts repeated words before it drops the words of punctuation only (a count
that dropping can only lower), and looks for them only in a text that passes it. The code
before is copied verbatim below and compared over generated texts: words of a small
Dari, Pashto and English vocabulary with punctuation attached, phrases of 1-5 words said
2-4 times, empty and punctuation-only words, odd whitespace.
"""

from __future__ import annotations

import codecs
import re
import sys
from itertools import pairwise

from hypothesis import example, given, settings
from hypothesis import strategies as st

from localize.checks import make_context
from localize.checks._base import UnitContext
from localize.checks.fidelity import (
    _ALPHABET,
    _ONE_BYTE,
    _SEPARATORS_TO_SPACE,
    _WHITESPACE,
    _loop,
    check_repetition,
)
from localize.model import Finding, Severity

# -- the code before ------------------------------------------------------------------------
_PUNCTUATION = ".,;:!?،؛؟«»\"“”()[]…"
_LONGEST_LOOP = 4  # words in the repeated phrase


def _loop_before(text: str) -> str:
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


def _check_repetition_before(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    repeated = _loop_before(target)
    if not repeated or _loop_before(source):
        return []
    return [Finding(
        "repetition", Severity.ERROR,
        f"'{repeated}' repeated 3 or more times in a row: a machine-translation loop?",
    )]


# -- generated texts ------------------------------------------------------------------------
_WORDS = ["کابل", "گفت", "که", "د", "په", "کې", "ناتو", "شدند", "می\u200cگوید", "۱۲", "12",
          "the", "said", "a", "A", "a.b", "x"]
_MARKS = [".", ",", "،", "؛", "؟", "«", "»", '"', "(", ")", "…", ":", "!", "[", "]", "“",
          "”", "-", "\u200c"]
_SPACES = [" ", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "\x1f"]


@st.composite
def _word(draw: st.DrawFn, vocabulary: list[str]) -> str:
    core = draw(st.sampled_from(vocabulary))
    before = "".join(draw(st.lists(st.sampled_from(_MARKS), max_size=2)))
    after = "".join(draw(st.lists(st.sampled_from(_MARKS), max_size=2)))
    return before + core + after


@st.composite
def _texts(draw: st.DrawFn) -> str:
    # A few words of the vocabulary (and the empty one), so that words meet again often.
    vocabulary = [*draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4)), ""]
    word = _word(vocabulary)
    words: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        words += draw(st.lists(word, max_size=4))
        if draw(st.booleans()):  # a phrase said again, its punctuation drawn anew or not
            phrase = draw(st.lists(word, min_size=1, max_size=5))
            for _ in range(draw(st.integers(2, 4))):
                if draw(st.booleans()):
                    words += phrase
                else:
                    words += [draw(word) if draw(st.booleans()) else w for w in phrase]
    text = ""
    for word in words:
        text += word + draw(st.sampled_from(_SPACES))
    return draw(st.sampled_from(["", " ", "."])) + text


@settings(max_examples=400, deadline=None)
@given(_texts())
@example("a b a b a b")
@example("x a b a b a b a b")
@example("a a a a a a")
@example("b a a a. c")
@example(". a . a . a")
@example("... … a «a» a")
@example(". . a a")
@example("a . a . b")
@example("a «a» (a)")
@example("a b c d e a b c d e a b c d e")
@example("دست\u200cکم ۱۳ غیرنظامی در انفجاری در کابل کشته شدند شدند شدند شدند.")
@example("")
def test_loop_finds_what_it_found_before(text: str) -> None:
    assert _loop(text) == _loop_before(text)


@settings(max_examples=100, deadline=None)
@given(_texts(), _texts())
@example("It said it said it said.", "گفت گفت گفت.")
@example("Done. . .", "شد «شد» شد.")
def test_repetition_finds_what_it_found_before(source: str, target: str) -> None:
    ctx = make_context(source, target, "fa_AF")
    found = [(f.check, f.severity.name, f.message)
             for f in check_repetition(source, target, ctx)]
    before = [(f.check, f.severity.name, f.message)
              for f in _check_repetition_before(source, target, ctx)]
    assert found == before


# -- the one-byte shortcut ------------------------------------------------------------------
# ``_loop`` first codes a text one byte a character and rules out most texts on its pieces
# (cut at whitespace and at punctuation). These tests pin what that relies on, and compare
# texts of any characters: separators of every kind, letters in and out of the alphabet.

def test_whitespace_is_what_str_split_splits_at() -> None:
    assert _WHITESPACE == "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())


def test_the_alphabet_codes_one_byte_a_character() -> None:
    assert len(_ALPHABET) <= 256 and len(set(_ALPHABET)) == len(_ALPHABET)
    assert not isinstance(_ONE_BYTE, dict)  # an EncodingMap: a dict would be far slower
    separators = set(_WHITESPACE + _PUNCTUATION)
    for byte, character in enumerate(_ALPHABET):
        coded = codecs.charmap_encode(character, "strict", _ONE_BYTE)[0]
        assert coded == bytes([byte])
        cut = coded.translate(_SEPARATORS_TO_SPACE)
        if character in separators:
            assert cut == b" "
        else:  # neither a cut nor a byte that bytes.split() cuts at
            assert cut == coded and not cut.isspace()


_OUTSIDE = ["é", "中", "\u200b", "\ufffe", "\U0001f600", "\ud800", "\u2212", "’"]
_INSIDE = ["a", "Z", "7", "-", "/", "%", "\x01", "\u0640", "\u200c", "\u200f", "ی", "ک", "ښ",
           "۱", "١", "٪", "\u0654", "⟦"]
_SEPARATOR_CHARACTERS = sorted(set(_WHITESPACE + _PUNCTUATION))


@st.composite
def _any_texts(draw: st.DrawFn) -> str:
    """Words of a few characters (any separator may sit inside one), said again and again."""
    pool = st.sampled_from(_INSIDE + _OUTSIDE + _SEPARATOR_CHARACTERS)
    letters = st.sampled_from(_INSIDE + _OUTSIDE)
    vocabulary = draw(st.lists(st.text(pool, min_size=1, max_size=3) | st.text(letters, min_size=1,
                                                                                max_size=2),
                               min_size=1, max_size=4))
    words = draw(st.lists(st.sampled_from(vocabulary), max_size=14))
    text = ""
    for word in words:
        text += word + draw(st.sampled_from([" ", *_WHITESPACE]))
    return text


@settings(max_examples=600, deadline=None)
@given(_any_texts())
@example("a.b a.b a.b")
@example("a.b b.a a.b b.a a")
@example("a,b a b a b")
@example("«کابل» کابل، کابل.")
@example("کابل؛ کابل؟ کابل")
@example("“a” “a” “a”")
@example("(a) [a] a!")
@example("x\u2003x\u3000x")
@example("x\x1cx\x1fx")
@example("x\xa0x\x85x")
@example("x\u200bx\u200bx")
@example("é é é")
@example("é a a a")
@example("\ufffe \ufffe \ufffe")
@example("\ud800 \ud800 \ud800")
@example("\U0001f600 a \U0001f600 a \U0001f600 a")
@example("a\u200cb a\u200cb a\u200cb")
@example("۱۲ ۱۲ ۱۲")
@example("۱۲٪ ۱۲٪ ۱۲%")
@example(". . . a")
@example("a ... a ... a")
@example("… ، ؛ ؟")
@example("a b c d a b c d a b c d")
@example("a b c d e a b c d e a b c d e")
@example("x a b a b a b a b")
@example("a a a a a a")
@example("b a a a. c")
@example("د په کې د په کې د په کې")
@example("د و در به را د په کې و در")
def test_loop_finds_what_it_found_before_in_any_text(text: str) -> None:
    assert _loop(text) == _loop_before(text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(_INSIDE + _OUTSIDE + _SEPARATOR_CHARACTERS), max_size=40))
def test_loop_finds_what_it_found_before_in_random_characters(text: str) -> None:
    assert _loop(text) == _loop_before(text)


def test_loop_pins() -> None:
    assert _loop("a.b a.b a.b") == "a.b"
    assert _loop("a,b a b a b") == ""  # its pieces loop, its words do not
    assert _loop("«کابل» کابل، کابل.") == "کابل"
    assert _loop("x\u2003x\u3000x") == "x"
    assert _loop("x\x1cx\x1fx") == "x"
    assert _loop("x\u200bx\u200bx") == ""  # U+200B is no whitespace: one word
    assert _loop("é é é") == "é"  # outside the alphabet: the long way
    assert _loop("\ud800 \ud800 \ud800") == "\ud800"
    assert _loop("a\u200cb a\u200cb a\u200cb") == "a\u200cb"
    assert _loop("a ... a ... a") == "a"
    assert _loop("a b c d a b c d a b c d") == "a b c d"
    assert _loop("a b c d e a b c d e a b c d e") == ""
