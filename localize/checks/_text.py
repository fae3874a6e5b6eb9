"""Precompiled patterns and small text helpers shared by the checks.

Kept private here rather than in ``localize.language.script`` (owned elsewhere): the shapes
of URLs, handles, hashtags, format placeholders and MT-engine debris, letter-range classes
and the loose folding used for glossary matching.

Speed note: CPython's ``re`` scans non-Latin-1 text slowly for a character class, so the
cheap "is there anything to find?" tests below are substring tests.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
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
# Masks, unknown tokens and language tags an MT engine leaves behind.
ENGINE_DEBRIS_RE = re.compile(
    r"⟦\s*\d+\s*⟧|\[\[\s*\d+\s*\]\]|<unk>|<UNK>|\[UNK\]|⁇|\u2581"
    r"|(?:__)?(?<![A-Za-z])(?:prs|pbt|pes|pus|fas|pbu|eng|arb|urd)_(?:Arab|Latn)(?:__)?(?![A-Za-z])"
    r"|(?<![A-Za-z])(?:prs|pbt|pes) Arab(?![A-Za-z])"
    r"|(?<![A-Za-z])__(?:fa|ps|en|prs|pbt)__(?![A-Za-z])"
)


def _may_hold_url(text: str) -> bool:
    return "://" in text or "www." in text


def _may_hold_debris(text: str) -> bool:
    # Substring tests beat one character-class regex here (CPython's re is slow to scan
    # non-Latin-1 text for a class).
    return (
        "_" in text or "[" in text or "⟦" in text or "<" in text or "⁇" in text
        or "\u2581" in text or " Arab" in text
    )


@dataclass(frozen=True, slots=True)
class Entities:
    """URLs, e-mail addresses, @handles and #hashtags of one text, counted."""

    urls: Counter[str]
    emails: Counter[str]
    handles: Counter[str]
    hashtags: Counter[str]


_NONE: Counter[str] = Counter()
_NO_ENTITIES = Entities(_NONE, _NONE, _NONE, _NONE)


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
    has_url, has_at, has_hash = _may_hold_url(text), "@" in text, "#" in text
    has_format, has_debris = "%" in text or "{" in text, _may_hold_debris(text)
    if not (has_url or has_at or has_hash or has_format or has_debris):
        return Scan(text, _NO_ENTITIES, ())
    masked = text
    urls = emails = handles = hashtags = _NONE
    if has_url and (found := URL_RE.findall(masked)):
        urls, masked = Counter(found), URL_RE.sub(OBJECT, masked)
    if has_at:
        if found := EMAIL_RE.findall(masked):
            emails, masked = Counter(found), EMAIL_RE.sub(OBJECT, masked)
        if found := HANDLE_RE.findall(masked):
            handles, masked = Counter(found), HANDLE_RE.sub(OBJECT, masked)
    if has_hash and (found := HASHTAG_RE.findall(masked)):
        hashtags, masked = Counter(found), HASHTAG_RE.sub(OBJECT, masked)
    placeholders: list[str] = []
    for present, pattern in ((has_format, FORMAT_PLACEHOLDER_RE), (has_debris, ENGINE_DEBRIS_RE)):
        if present and (found := pattern.findall(masked)):
            placeholders += found
            masked = pattern.sub(OBJECT, masked)
    return Scan(masked, Entities(urls, emails, handles, hashtags), tuple(placeholders))


# -- letters ------------------------------------------------------------------------------
_NOT_LATIN_LETTER_RE = re.compile(r"[^A-Za-z\u00c0-\u024f]+")
_NOT_ARABIC_LETTER_RE = re.compile(
    r"[^\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f]+"
)
LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
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


def fold(text: str) -> str:
    """A comparison key: yeh/kaf unified, ezafe and ZWNJ dropped, lower-cased.

    >>> fold("دبیر‌كل") == fold("دبیرکل")
    True
    """
    return text.translate(_FOLD).casefold()
