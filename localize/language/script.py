"""Unicode facts about Arabic-script Dari and Pashto, shared by normalisers and checks.

Sources: ``LANGUAGE.md`` §2 (letters, yeh/kaf, digits, punctuation, ZWNJ, bidi).
"""

from __future__ import annotations

ZWNJ = "\u200c"
ZWJ = "\u200d"

ASCII_DIGITS = "0123456789"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"  # U+06F0..U+06F9, bidi EN: what we emit
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"  # U+0660..U+0669, bidi AN: folded on input

ARABIC_DECIMAL_SEPARATOR = "\u066b"  # ٫
ARABIC_THOUSANDS_SEPARATOR = "\u066c"  # ٬
ARABIC_PERCENT = "\u066a"  # ٪
ARABIC_COMMA = "\u060c"  # ،
ARABIC_SEMICOLON = "\u061b"  # ؛
ARABIC_QUESTION_MARK = "\u061f"  # ؟

# Letters Pashto has and Persian lacks (LANGUAGE.md §2.1).
PASHTO_LETTERS = "ټځڅډړږښګڼېۍ"

# Bidi control characters that should not appear stray in stored translations.
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"

_TO_PERSIAN = str.maketrans(ASCII_DIGITS + ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2)
_TO_ASCII = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, ASCII_DIGITS * 2)


def to_persian_digits(text: str) -> str:
    """ASCII and Arabic-Indic digits to Persian (Extended Arabic-Indic) digits.

    >>> to_persian_digits("2024 ١٢")
    '۲۰۲۴ ۱۲'
    """
    return text.translate(_TO_PERSIAN)


def to_ascii_digits(text: str) -> str:
    """Persian and Arabic-Indic digits to ASCII (for comparing numbers across scripts).

    >>> to_ascii_digits("۱۲ ١٢")
    '12 12'
    """
    return text.translate(_TO_ASCII)


def is_arabic_letter(char: str) -> bool:
    """True for letters of the Arabic script blocks (not digits or punctuation)."""
    code = ord(char)
    return (
        (0x0620 <= code <= 0x064A)
        or (0x066E <= code <= 0x06D3)
        or code == 0x06D5
        or (0x06EE <= code <= 0x06EF)
        or (0x06FA <= code <= 0x06FF)
        or (0x0750 <= code <= 0x077F)
        or (0xFB50 <= code <= 0xFDFF)
        or (0xFE70 <= code <= 0xFEFF)
    )
