"""Protect what an engine must not translate freely, and restore it afterwards.

``mask`` replaces, in the English source, glossary terms, dates, numbers, URLs, e-mail
addresses, @handles and #hashtags with numbered placeholders ``⟦0⟧``, ``⟦1⟧`` … (U+27E6
and U+27E7; the engine's tokenizer has them as user symbols). ``unmask`` puts the target
forms back:

* a glossary term becomes its translation (a do-not-translate term stays as written);
* a number gets Persian digits and separators (``3,500 → ۳٬۵۰۰``, ``2.5 → ۲٫۵``);
* a date is written with Afghan Gregorian month names (``10 February 2019`` →
  ``۱۰ فبروری ۲۰۱۹`` / ``د ۲۰۱۹ کال د فبرورۍ ۱۰مه``; month and year alone →
  ``فبروری ۲۰۱۹``; a month alone after *in, since, until, by, from, during, last, next,
  early, late, mid* → the month name);
* URLs, e-mail addresses, handles and hashtags come back unchanged, unwrapped (bidi
  isolation is the publisher's job).

Engines damage placeholders. ``unmask`` accepts ``⟦ 0 ⟧``, ``[[0]]`` and Persian or
Arabic-Indic digits inside the brackets, and repairs the rest, recording each repair in
``Unmasked.problems``: a dropped placeholder is re-inserted at the end of the text (before
the final full stop or question mark); a repeated one is kept the first time and removed
after; an unknown index is removed. Numbers glued to letters (``COVID-19``, ``G20``, ``21st``)
are left to the engine. Text that already looks like a placeholder is itself masked, so it
comes back verbatim.
"""

from __future__ import annotations

import datetime
import enum
import re
from dataclasses import dataclass

from ..langs import canonical_code
from .dates import (
    DARI_GREGORIAN_MONTHS,
    PASHTO_GREGORIAN_MONTHS,
    format_gregorian_date,
)
from .glossary import Glossary, GlossaryEntry
from .script import (
    ARABIC_DECIMAL_SEPARATOR,
    ARABIC_THOUSANDS_SEPARATOR,
    to_ascii_digits,
    to_persian_digits,
)

__all__ = [
    "DateParts",
    "Masked",
    "Slot",
    "SlotKind",
    "Unmasked",
    "mask",
    "placeholder",
    "restore",
    "unmask",
]

OPEN, CLOSE = "\u27e6", "\u27e7"


class SlotKind(str, enum.Enum):
    """What a placeholder stands for."""

    LITERAL = "literal"  # text in the source that looks like a placeholder
    URL = "url"
    EMAIL = "email"
    HANDLE = "handle"
    HASHTAG = "hashtag"
    DATE = "date"
    TERM = "term"
    NUMBER = "number"


@dataclass(frozen=True, slots=True)
class DateParts:
    """A date as written in English: the month is always there."""

    year: int | None
    month: int
    day: int | None


@dataclass(frozen=True, slots=True)
class Slot:
    """One masked span: ``source`` is the English text it replaced."""

    index: int
    kind: SlotKind
    source: str
    start: int
    end: int
    entry: GlossaryEntry | None = None
    date: DateParts | None = None


@dataclass(frozen=True, slots=True)
class Masked:
    """The text to send to the engine, and what each placeholder stands for."""

    text: str
    slots: list[Slot]
    source: str


@dataclass(frozen=True, slots=True)
class Unmasked:
    """The restored translation and the repairs made to it."""

    text: str
    problems: list[str]


def placeholder(index: int) -> str:
    """The placeholder for slot ``index``: ``⟦index⟧``."""
    return f"{OPEN}{index}{CLOSE}"


_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTH_NUMBERS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
_MONTH_NUMBERS.update({name[:3]: number for name, number in list(_MONTH_NUMBERS.items())})
_MONTH_NUMBERS["Sept"] = 9
_FULL_MONTH = "|".join(_MONTH_NAMES)
_MONTH = (
    f"(?P<m>{_FULL_MONTH}|"
    + "|".join(
        rf"{abbr}\.?"
        for abbr in (
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "Jun",
            "Jul",
            "Aug",
            "Sept",
            "Sep",
            "Oct",
            "Nov",
            "Dec",
        )
    )
    + ")"
)
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>\d{4})"
_DATE_PATTERNS = [
    re.compile(rf"\b{_DAY} (?:of )?{_MONTH},? {_YEAR}\b"),
    re.compile(rf"\b{_MONTH} {_DAY},? {_YEAR}\b"),
    re.compile(rf"\b{_YEAR}-(?P<mo>\d{{2}})-(?P<d>\d{{2}})\b"),
    re.compile(rf"\b{_DAY} (?:of )?{_MONTH}(?![\w])"),
    re.compile(rf"\b{_MONTH} {_DAY}(?![\w])"),
    re.compile(rf"\b{_MONTH},? {_YEAR}\b"),
    re.compile(
        r"\b(?i:in|since|until|by|from|during|last|next|early|late|mid)[ -]"
        rf"(?P<alone>(?P<m>{_FULL_MONTH}))(?![\w])"
    ),
]
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"“”«»]+", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_]{1,50}")
_HASHTAG = re.compile(r"(?<![\w#&])#[^\W_][\w\u200c]*")
_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])")
_LITERAL = re.compile(
    r"(?:\u27e6|\[\[)\s*[0-9\u06f0-\u06f9\u0660-\u0669]+\s*(?:\u27e7|\]\])|[\u27e6\u27e7]"
)
_PLACEHOLDER = re.compile(r"(?:\u27e6|\[\[)\s*([0-9\u06f0-\u06f9\u0660-\u0669]+)\s*(?:\u27e7|\]\])")
_URL_TRAILING = ".,;:!?'\u2019"
_FINAL_PUNCTUATION = re.compile(r"[\s.!?\u061f\u06d4\u2026]*$")


def _url_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _URL.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _URL_TRAILING:
            end -= 1
        if text[end - 1] == ")" and text.count("(", start, end) < text.count(")", start, end):
            end -= 1
        spans.append((start, end))
    return spans


def _glued_to_letter(text: str, start: int, end: int) -> bool:
    def letter(index: int) -> bool:
        return 0 <= index < len(text) and text[index].isalpha()

    if letter(start - 1) or letter(end):
        return True
    return (start >= 2 and text[start - 1] in "-_" and letter(start - 2)) or (
        end < len(text) - 1 and text[end] in "-_" and letter(end + 1)
    )


def _date_parts(match: re.Match[str]) -> DateParts | None:
    groups = match.groupdict()
    if groups.get("mo"):
        month = int(groups["mo"])
    else:
        month = _MONTH_NUMBERS.get(groups["m"].rstrip("."), 0)
    day = int(groups["d"]) if groups.get("d") else None
    year = int(groups["y"]) if groups.get("y") else None
    try:
        datetime.date(year or 2000, month, day or 1)
    except ValueError:
        return None
    return DateParts(year, month, day)


def _candidates(
    text: str, glossary: Glossary | None
) -> list[tuple[int, int, int, SlotKind, object]]:
    """(priority, start, end, kind, payload) for every maskable span, overlapping freely."""
    found: list[tuple[int, int, int, SlotKind, object]] = []
    for match in _LITERAL.finditer(text):
        found.append((0, *match.span(), SlotKind.LITERAL, None))
    for start, end in _url_spans(text):
        found.append((1, start, end, SlotKind.URL, None))
    for match in _EMAIL.finditer(text):
        found.append((1, *match.span(), SlotKind.EMAIL, None))
    for match in _HANDLE.finditer(text):
        found.append((2, *match.span(), SlotKind.HANDLE, None))
    for match in _HASHTAG.finditer(text):
        found.append((2, *match.span(), SlotKind.HASHTAG, None))
    for rank, pattern in enumerate(_DATE_PATTERNS):
        for match in pattern.finditer(text):
            parts = _date_parts(match)
            if parts is not None:
                span = match.span("alone") if "alone" in pattern.groupindex else match.span()
                found.append((3, *span, SlotKind.DATE, parts))
    if glossary is not None:
        for term in glossary.find(text):
            found.append((4, term.start, term.end, SlotKind.TERM, term.term))
    for match in _NUMBER.finditer(text):
        if not _glued_to_letter(text, *match.span()):
            found.append((5, *match.span(), SlotKind.NUMBER, None))
    return found


def mask(text: str, glossary: Glossary | None = None) -> Masked:
    """Replace protected spans of an English text by numbered placeholders.

    Args:
        text: The English source.
        glossary: The target language's glossary, or None to mask no terms.

    Returns:
        The masked text and its slots, numbered in text order from 0.
    """
    taken: list[tuple[int, int, SlotKind, object]] = []
    candidates = sorted(_candidates(text, glossary), key=lambda c: (c[0], c[1], -(c[2] - c[1])))
    for _priority, start, end, kind, payload in candidates:
        if all(end <= s or start >= e for s, e, _k, _p in taken):
            taken.append((start, end, kind, payload))
    taken.sort(key=lambda item: item[0])
    parts: list[str] = []
    slots: list[Slot] = []
    position = 0
    for index, (start, end, kind, payload) in enumerate(taken):
        parts.append(text[position:start])
        parts.append(placeholder(index))
        entry = payload if isinstance(payload, GlossaryEntry) else None
        date = payload if isinstance(payload, DateParts) else None
        slots.append(Slot(index, kind, text[start:end], start, end, entry, date))
        position = end
    parts.append(text[position:])
    return Masked("".join(parts), slots, text)


def _localise_number(number: str) -> str:
    digits = number.replace(",", ARABIC_THOUSANDS_SEPARATOR).replace(".", ARABIC_DECIMAL_SEPARATOR)
    return to_persian_digits(digits)


def _format_date(parts: DateParts, code: str) -> str:
    if parts.day is not None and parts.year is not None:
        return format_gregorian_date(datetime.date(parts.year, parts.month, parts.day), code)
    if code == "fa_AF":
        month = DARI_GREGORIAN_MONTHS[parts.month - 1]
        if parts.day is not None:
            return f"{to_persian_digits(str(parts.day))} {month}"
    else:
        if parts.day is not None:
            full = format_gregorian_date(datetime.date(2000, parts.month, parts.day), code)
            return full.split(" کال ", 1)[1]  # «د فبرورۍ ۱۰مه»
        month = PASHTO_GREGORIAN_MONTHS[parts.month - 1]
    if parts.year is not None:
        return f"{month} {to_persian_digits(str(parts.year))}"
    return month


def restore(slot: Slot, language_code: str) -> str:
    """The target-language text for one slot.

    Args:
        slot: A slot from ``mask``.
        language_code: ``fa_AF`` or ``ps`` (any accepted spelling).

    Returns:
        The translation, localised number or date, or the original text.
    """
    code = canonical_code(language_code)
    if slot.kind is SlotKind.TERM and slot.entry is not None:
        return slot.source if slot.entry.do_not_translate else slot.entry.translation
    if slot.kind is SlotKind.NUMBER:
        return _localise_number(slot.source)
    if slot.kind is SlotKind.DATE and slot.date is not None:
        return _format_date(slot.date, code)
    return slot.source


def _describe(slot: Slot) -> str:
    return f"{placeholder(slot.index)} ({slot.source})"


def unmask(translated: str, masked: Masked, language_code: str) -> Unmasked:
    """Put the target forms back into an engine's output.

    Args:
        translated: The engine output for ``masked.text``.
        masked: What ``mask`` returned for the source.
        language_code: ``fa_AF`` or ``ps`` (any accepted spelling).

    Returns:
        The restored text and a list of human-readable repairs (empty when the engine
        kept every placeholder exactly once).
    """
    code = canonical_code(language_code)
    by_index = {slot.index: slot for slot in masked.slots}
    seen: set[int] = set()
    problems: list[str] = []
    removed = "\x00"
    translated = translated.replace(removed, "")

    def replace(match: re.Match[str]) -> str:
        index = int(to_ascii_digits(match.group(1)))
        slot = by_index.get(index)
        if slot is None:
            problems.append(f"engine produced unknown placeholder {match.group()}; removed it")
            return removed
        if index in seen:
            problems.append(
                f"engine repeated {_describe(slot)}; kept the first, removed the repeat"
            )
            return removed
        seen.add(index)
        return restore(slot, code)

    text = _PLACEHOLDER.sub(replace, translated)
    text = re.sub(r"( ?)\x00+( ?)", lambda m: " " if m.group(1) and m.group(2) else "", text)
    missing = [slot for slot in masked.slots if slot.index not in seen]
    if missing:
        tail = _FINAL_PUNCTUATION.search(text)
        cut = tail.start() if tail else len(text)
        body, end = text[:cut], text[cut:].lstrip()
        additions = " ".join(restore(slot, code) for slot in missing)
        text = f"{body} {additions}{end}" if body else f"{additions}{end}"
        for slot in missing:
            problems.append(
                f"engine dropped {_describe(slot)}; re-inserted at the end: check placement"
            )
    return Unmasked(text, problems)
