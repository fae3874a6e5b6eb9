"""Precompiled patterns and small text helpers shared by the checks.

Kept private here rather than in ``localize.language.script`` (owned elsewhere): the shapes
of URLs, handles, hashtags, format placeholders and MT-engine debris, letter-range classes
and the loose folding used for glossary matching.

Speed notes: a substring test costs a tenth of a regex call, so the cheap "is there anything
to find?" tests below are substring tests. CPython's ``re`` skips ahead quickly only to a
pattern's opening literal or bare character class: a pattern opening with a repeat
(``[0-9]+``) or a look-behind is tried at every position, several times slower.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from ..language.script import ZWNJ

OBJECT = "\ufffc"  # stands in for a masked URL, handle or placeholder

# -- entities that must survive translation unchanged -------------------------------------
# Each pattern starts with a literal or a character class (lookbehinds come after it), so
# the regex engine can skip ahead quickly; each is only run when its trigger is in the text.
URL_RE = re.compile(r"""(?:https?://|ftp://|www\.)[^\s<>«»"“”]*[^\s<>«»"“”.,;:!?،؛؟)\]}'’]""")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
HANDLE_RE = re.compile(r"@(?<![\w@./]@)[A-Za-z0-9_]{1,30}(?![A-Za-z0-9_@])")
HASHTAG_RE = re.compile(r"#(?<![\w&#/]#)[^\W\d_]\w*")

# Placeholders a source may carry and a translation must keep (printf, format fields).
FORMAT_PLACEHOLDER_RE = re.compile(
    r"%(?:\([A-Za-z_]\w*\)|\d+\$)?[sdif](?![A-Za-z])|\{(?:\d+|[A-Za-z_]\w*)\}"
)
# Masks, unknown tokens and language tags an MT engine leaves behind. Every alternative
# opens with a literal, so that re skips ahead to a candidate (a leading look-behind makes it
# try every alternative at every position: ~100,000 instructions for a text with a "⟦0⟧"):
# a look-behind comes after the first character it guards (``(?<![A-Za-z])pX`` is written
# ``p(?<![A-Za-z]p)X``), and ``(?:__)?(?<![A-Za-z])X`` is ``__X|(?<![A-Za-z])X`` (after
# ``__`` the look-behind holds).
_TAG_END = r"_(?:Arab|Latn)(?:__)?(?![A-Za-z])"
ENGINE_DEBRIS_RE = re.compile(
    r"⟦\s*\d+\s*⟧|\[\[\s*\d+\s*\]\]|<unk>|<UNK>|\[UNK\]|⁇|\u2581"
    rf"|__(?:prs|pbt|pes|pus|fas|pbu|eng|arb|urd){_TAG_END}"
    rf"|p(?<![A-Za-z]p)(?:rs|bt|es|us|bu){_TAG_END}|f(?<![A-Za-z]f)as{_TAG_END}"
    rf"|e(?<![A-Za-z]e)ng{_TAG_END}|a(?<![A-Za-z]a)rb{_TAG_END}|u(?<![A-Za-z]u)rd{_TAG_END}"
    r"|p(?<![A-Za-z]p)(?:rs|bt|es) Arab(?![A-Za-z])"
    r"|_(?<![A-Za-z]_)_(?:fa|ps|en|prs|pbt)__(?![A-Za-z])"
)


# Every pattern above needs one of these characters or substrings (the tests below):
# a text without any holds no entity or placeholder, and ``mask_entities`` leaves it as is.
ENTITY_TRIGGER_CHARACTERS = r"@#/%{\[⟦<⁇\u2581_"
ENTITY_TRIGGER_SUBSTRINGS = ("www.", " Arab")
# A ``%`` opens a format placeholder only before one of these (``FORMAT_PLACEHOLDER_RE``): a
# text whose only trigger is a ``%`` without a match here ("12%") is left as is.
PERCENT_PLACEHOLDER_RE = re.compile(r"%[(\dsdif]")


class Entities(NamedTuple):
    """URLs, e-mail addresses, @handles and #hashtags of one text, counted.

    (A NamedTuple, not a frozen dataclass: it is built for every text holding one.)
    """

    urls: Counter[str]
    emails: Counter[str]
    handles: Counter[str]
    hashtags: Counter[str]


_NONE: Counter[str] = Counter()
NO_ENTITIES = Entities(_NONE, _NONE, _NONE, _NONE)


class Scan(NamedTuple):
    """What one text holds that must survive translation, and the text with it masked.

    ``masked`` has every URL, e-mail, handle, hashtag and placeholder replaced by U+FFFC
    (``OBJECT``), so that numbers, punctuation and letter counts ignore them.
    """

    masked: str
    entities: Entities
    placeholders: tuple[str, ...]


def scan(text: str) -> Scan:
    """Find the entities and placeholders of ``text`` and mask them.

    >>> found = scan("۱۲ نفر https://x.af/2024 @NATO %s ⟦1⟧")
    >>> found.masked.count(OBJECT), dict(found.entities.handles), found.placeholders
    (4, {'@NATO': 1}, ('%s', '⟦1⟧'))
    """
    return Scan(*mask_entities(text))


def mask_entities(text: str) -> tuple[str, Entities, tuple[str, ...]]:
    """``scan`` as a plain tuple (``UnitContext.build`` calls it twice per unit).

    Each pattern runs only when its trigger is in the text it runs on: masking never
    creates a trigger (U+FFFC is none), so testing the partly masked text is exact, and
    it spares the slow debris pattern the ``_`` of a URL already masked.
    """
    masked = text
    urls = emails = handles = hashtags = _NONE
    # Substring tests first: a character is found faster than a regex call is made. Every
    # alternative of ENGINE_DEBRIS_RE holds one of the substrings tested before its scan.
    if ("/" in masked and "://" in masked) or "www." in masked:
        urls, masked = _mask_counted(_URL_SPLIT_RE, masked)
    if "@" in masked:
        emails, masked = _mask_counted(_EMAIL_SPLIT_RE, masked)
        if "@" in masked:
            handles, masked = _mask_counted(_HANDLE_SPLIT_RE, masked)
    if "#" in masked:
        hashtags, masked = _mask_counted(_HASHTAG_SPLIT_RE, masked)
    placeholders: tuple[str, ...] = ()
    if "%" in masked or "{" in masked:
        parts = _FORMAT_SPLIT_RE.split(masked)
        if len(parts) > 1:  # else OBJECT.join(parts) is masked
            placeholders = tuple(parts[1::2])
            masked = OBJECT.join(parts[0::2])
    if (
        "[" in masked or "⟦" in masked or "<" in masked or "⁇" in masked or "\u2581" in masked
        or ("_" in masked and ("__" in masked or "_Arab" in masked or "_Latn" in masked))
        or " Arab" in masked
    ):
        parts = _DEBRIS_SPLIT_RE.split(masked)
        if len(parts) > 1:
            placeholders += tuple(parts[1::2])
            masked = OBJECT.join(parts[0::2])
    if urls or emails or handles or hashtags:  # _NONE is empty, anything found is not
        return masked, _new_entities(Entities, (urls, emails, handles, hashtags)), placeholders
    return masked, NO_ENTITIES, placeholders


# ``Entities(*found)`` without the NamedTuple's pure-Python ``__new__``.
_new_entities = tuple.__new__


# The patterns above wrapped in one group, for ``_mask``.
_URL_SPLIT_RE, _EMAIL_SPLIT_RE, _HANDLE_SPLIT_RE, _HASHTAG_SPLIT_RE = (
    re.compile(f"({pattern.pattern})") for pattern in (URL_RE, EMAIL_RE, HANDLE_RE, HASHTAG_RE)
)
_FORMAT_SPLIT_RE = re.compile(f"({FORMAT_PLACEHOLDER_RE.pattern})")
_DEBRIS_SPLIT_RE = re.compile(f"({ENGINE_DEBRIS_RE.pattern})")


def _mask(split_re: re.Pattern[str], text: str) -> tuple[list[str], str]:
    """The matches of ``split_re`` and ``text`` with each replaced by ``OBJECT``.

    One ``split`` (its pattern is one group) gives both: ``findall`` + ``sub`` scan twice.
    """
    parts = split_re.split(text)
    return parts[1::2], OBJECT.join(parts[0::2])


def _mask_counted(split_re: re.Pattern[str], text: str) -> tuple[Counter[str], str]:
    found, masked = _mask(split_re, text)
    return (_counted(found) if found else _NONE), masked


def _counted(items: list[str]) -> Counter[str]:
    """``Counter(items)``, built without ``Counter.__init__`` (pure Python: 4x slower)."""
    counts: Counter[str] = Counter.__new__(Counter)
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return counts


# -- letters ------------------------------------------------------------------------------
_NOT_LATIN_LETTER_RE = re.compile(r"[^A-Za-z\u00c0-\u024f]+")
_NOT_ARABIC_LETTER_RE = re.compile(
    r"[^\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f]+"
)
LATIN_LETTERS = r"A-Za-z\u00c0-\u024f"  # the body of a character class
LATIN_LETTER_RE = re.compile(f"[{LATIN_LETTERS}]")
ARABIC_LETTER_RE = re.compile(
    r"[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f]"
)


def latin_letter_count(text: str) -> int:
    return len(_NOT_LATIN_LETTER_RE.sub("", text))


def arabic_letter_count(text: str) -> int:
    return len(_NOT_ARABIC_LETTER_RE.sub("", text))


def is_latin_letter(char: str) -> bool:
    return ("A" <= char <= "Z") or ("a" <= char <= "z") or ("\u00c0" <= char <= "\u024f")


# -- folding for loose comparison (never for output) --------------------------------------
_FOLD = str.maketrans(
    {
        "\u064a": "\u06cc",  # ي -> ی
        "\u0649": "\u06cc",  # ى -> ی
        "\u0643": "\u06a9",  # ك -> ک
        "\u06c0": "\u0647",  # ۀ -> ه
        "\u0654": None,  # hamza above (ezafe): dropped
        ZWNJ: None,
        "\u200d": None,
    }
)


_FOLD_PAIRS = tuple((chr(code), new or "") for code, new in _FOLD.items())


def fold(text: str) -> str:
    """A comparison key: yeh/kaf unified, ezafe and ZWNJ dropped, lower-cased.

    >>> fold("دبیر‌كل") == fold("دبیرکل")
    True
    """
    for old, new in _FOLD_PAIRS:  # str.replace per pair: 10x faster than str.translate
        if old in text:
            text = text.replace(old, new)
    return text.casefold()
