"""Normalise Dari and Pashto text: letters, digits, punctuation and ZWNJ.

Applied to every machine draft and callable on any text (``localize normalize``).
The rules come from ``LANGUAGE.md`` §2 and §7.4-7.5:

* NFC, and Arabic presentation forms (U+FB50-FDFF, U+FE70-FEFF) folded with NFKC
  applied to those characters only (NFKC on the whole text would rewrite other
  characters).
* Dari: ``ي ى → ی``, ``ك → ک``, ``ۀ → هٔ`` (the CLDR ``fa_AF`` ezafe spelling).
* Pashto: ``ك → ک``, ``ى → ی``, Urdu ``ٹ ڈ ڑ ڻ → ټ ډ ړ ڼ``. ``ي ی ې ۍ ئ`` are
  different Pashto letters and are never touched. No NFD is ever applied, so
  ``ئ`` (which decomposes to ``ي`` + hamza) cannot be corrupted.
* Digits (ASCII and Arabic-Indic) become Persian ``۰-۹``; between digits ``.`` and ``,``
  become ``٫`` and ``٬`` when the number is a plain decimal or uses groups of three;
  ``%`` right after a converted number becomes ``٪``.
* ASCII ``, ; ?`` become ``، ؛ ؟``, and straight (and curly) double quotes become ``«…»``.
* ZWNJ is kept; a ZWNJ next to whitespace or at either end of the text is an error and
  is removed, and runs of ZWNJ collapse to one.

What is left alone (Latin context): URLs, e-mail addresses, @handles, #hashtags that
contain a Latin letter, numbers glued to a Latin letter (``COVID-19``, ``F-16``, ``G20``),
and digits or punctuation whose nearest letters on both sides are Latin (quoted English,
Latin names with commas between them). In a text with Latin letters and no
Arabic-script letter at all, everything counts as Latin context.

The function is idempotent: ``normalize(normalize(x), lang) == normalize(x, lang)``.
"""

from __future__ import annotations

import re
import unicodedata

from ..langs import canonical_code
from .script import (
    ARABIC_COMMA,
    ARABIC_DECIMAL_SEPARATOR,
    ARABIC_PERCENT,
    ARABIC_QUESTION_MARK,
    ARABIC_SEMICOLON,
    ARABIC_THOUSANDS_SEPARATOR,
    ZWNJ,
    is_arabic_letter,
    to_ascii_digits,
    to_persian_digits,
)

__all__ = [
    "DARI_LETTER_FOLDS",
    "PASHTO_LETTER_FOLDS",
    "fold_letters",
    "normalize",
    "protected_spans",
]

DARI_LETTER_FOLDS: dict[str, str] = {
    "\u064a": "\u06cc",  # ARABIC YEH -> FARSI YEH
    "\u0649": "\u06cc",  # ALEF MAKSURA -> FARSI YEH
    "\u0643": "\u06a9",  # ARABIC KAF -> KEHEH
    "\u06c0": "\u0647\u0654",  # HEH WITH YEH ABOVE -> HEH + HAMZA ABOVE (CLDR fa_AF ezafe)
}
PASHTO_LETTER_FOLDS: dict[str, str] = {
    "\u0643": "\u06a9",  # ك -> ک
    "\u0649": "\u06cc",  # ى -> ی
    "\u0679": "\u067c",  # Urdu ٹ -> Pashto ټ
    "\u0688": "\u0689",  # Urdu ڈ -> Pashto ډ
    "\u0691": "\u0693",  # Urdu ڑ -> Pashto ړ
    "\u06bb": "\u06bc",  # Urdu ڻ -> Pashto ڼ
}
_FOLD_TABLES = {
    "fa_AF": str.maketrans(DARI_LETTER_FOLDS),
    "ps": str.maketrans(PASHTO_LETTER_FOLDS),
}

_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_ZWNJ_RUN = re.compile(ZWNJ + "+")

_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_NUMBER = re.compile(f"[{_DIGIT}]+(?:[.,\u066b\u066c][{_DIGIT}]+)*")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", re.ASCII)
_DECIMAL = re.compile(r"\d+\.\d+", re.ASCII)

# Spans copied verbatim. Trailing punctuation is not part of a URL.
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s«»\"“”<>]+", re.IGNORECASE)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_TAG = re.compile(r"(?<![\w@#])[@#][\w\u200c]+")
_URL_TRAILING = ".,;:!?)]}'\u060c\u061b\u061f\u066b\u066c\u00bb\u06d4"

_QUOTES = {'"', "\u201c", "\u201d"}
_ASCII_PUNCT = {",": ARABIC_COMMA, ";": ARABIC_SEMICOLON, "?": ARABIC_QUESTION_MARK}


def normalize(text: str, language_code: str) -> str:
    """Normalise a Dari or Pashto text for storage and review.

    Args:
        text: Any text (a machine draft, a reviewed translation, a whole article).
        language_code: Any accepted spelling of ``fa_AF`` (Dari) or ``ps`` (Pashto).

    Returns:
        The normalised text (see the module docstring for the rules).

    Raises:
        LanguageError: For an unknown language code.
    """
    code = canonical_code(language_code)
    text = unicodedata.normalize("NFC", text)
    text = _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = unicodedata.normalize("NFC", text)
    # NFC again: a fold can put marks out of canonical order (ۀ + ً → ه + ٔ + ً).
    text = unicodedata.normalize("NFC", fold_letters(text, code))
    text = _fix_zwnj(text)
    return _localise_marks(text)


def fold_letters(text: str, language_code: str) -> str:
    """Apply the language's letter folds only (no NFC, digits or punctuation).

    Args:
        text: Text already in NFC.
        language_code: Any accepted spelling of ``fa_AF`` or ``ps``.

    Returns:
        The text with Dari or Pashto letter folds applied.
    """
    return text.translate(_FOLD_TABLES[canonical_code(language_code)])


def _fix_zwnj(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        start, end = match.span()
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        if not before or not after or before.isspace() or after.isspace():
            return ""
        return ZWNJ

    return _ZWNJ_RUN.sub(repl, text)


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans left verbatim: URLs, e-mail addresses, and @handles/#hashtags with Latin.

    Args:
        text: The text to scan.

    Returns:
        Sorted, non-overlapping ``(start, end)`` spans.
    """
    spans: list[tuple[int, int]] = []
    for match in _URL.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _URL_TRAILING:
            end -= 1
        spans.append((start, end))
    for match in _EMAIL.finditer(text):
        spans.append(match.span())
    for match in _TAG.finditer(text):
        if any(ch.isascii() and ch.isalpha() for ch in match.group()):
            spans.append(match.span())
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _letter_script(char: str) -> str | None:
    if is_arabic_letter(char) or 0x08A0 <= ord(char) <= 0x08FF:
        return "A"
    if char.isalpha():
        return "L"
    return None


class _Context:
    """Nearest strong letter on each side of every position, computed once.

    Letters inside protected spans (URLs, hashtags …) are neutral islands: a comma after
    a URL takes its direction from the words around the URL, not from the URL.
    """

    def __init__(self, text: str, protected: list[tuple[int, int]]) -> None:
        scripts = [_letter_script(ch) for ch in text]
        self.all_latin = "L" in scripts and "A" not in scripts
        for start, end in protected:
            scripts[start:end] = [None] * (end - start)
        self.before: list[str | None] = []
        last: str | None = None
        for script in scripts:
            self.before.append(last)
            if script:
                last = script
        self.after: list[str | None] = [None] * len(text)
        last = None
        for index in range(len(text) - 1, -1, -1):
            self.after[index] = last
            if scripts[index]:
                last = scripts[index]

    def latin(self, start: int, end: int) -> bool:
        """True when the run ``text[start:end]`` sits between Latin letters."""
        if self.all_latin:
            return True
        return self.before[start] == "L" and self.after[end - 1] == "L"


def _glued_to_latin(text: str, start: int, end: int) -> bool:
    def latin_at(index: int) -> bool:
        return 0 <= index < len(text) and text[index].isascii() and text[index].isalpha()

    before = start - 1
    if before >= 0 and text[before] in "-_" and latin_at(before - 1):
        return True
    after = end
    if after < len(text) and text[after] in "-_" and latin_at(after + 1):
        return True
    return latin_at(before) or latin_at(after)


def _localise_number(number: str) -> str:
    canonical = to_ascii_digits(number).replace("\u066c", ",").replace("\u066b", ".")
    if _GROUPED.fullmatch(canonical) or _DECIMAL.fullmatch(canonical):
        canonical = canonical.replace(",", ARABIC_THOUSANDS_SEPARATOR)
        canonical = canonical.replace(".", ARABIC_DECIMAL_SEPARATOR)
        return to_persian_digits(canonical)
    return to_persian_digits(number)


def _localise_marks(text: str) -> str:
    """Digits, separators, punctuation and quotes, outside protected and Latin runs."""
    protected = protected_spans(text)
    context = _Context(text, protected)
    out: list[str] = []
    quote_positions: list[int] = []  # indexes into ``out`` of convertible double quotes
    position = 0
    span_index = 0
    length = len(text)
    while position < length:
        if span_index < len(protected) and position == protected[span_index][0]:
            end = protected[span_index][1]
            out.append(text[position:end])
            position = end
            span_index += 1
            continue
        number = _NUMBER.match(text, position)
        if number:
            end = number.end()
            if span_index < len(protected) and end > protected[span_index][0]:
                end = protected[span_index][0]  # a number never runs into a URL
            chunk = text[position:end]
            if _glued_to_latin(text, position, end) or context.latin(position, end):
                out.append(chunk)
            else:
                out.append(_localise_number(chunk))
                if end < length and text[end] == "%":
                    out.append(ARABIC_PERCENT)
                    end += 1
            position = end
            continue
        char = text[position]
        if char in _ASCII_PUNCT and not context.latin(position, position + 1):
            out.append(_ASCII_PUNCT[char])
        elif char in _QUOTES and not context.latin(position, position + 1):
            quote_positions.append(len(out))
            out.append(char)
        else:
            out.append(char)
        position += 1
    _pair_quotes(out, quote_positions)
    return "".join(out)


def _pair_quotes(out: list[str], positions: list[int]) -> None:
    """Curly quotes map by direction; straight ones pair up in order (an odd last one stays)."""
    straight = []
    for index in positions:
        if out[index] == "\u201c":
            out[index] = "\u00ab"
        elif out[index] == "\u201d":
            out[index] = "\u00bb"
        else:
            straight.append(index)
    for opening, closing in zip(straight[0::2], straight[1::2]):
        out[opening] = "\u00ab"
        out[closing] = "\u00bb"
