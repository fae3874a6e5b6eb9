"""The ``numbers`` check: the same numbers in source and target, whatever the digits.

``12`` = ``۱۲`` = ``١٢``; ``3,500`` = ``3500`` = ``۳٬۵۰۰``; ``2.5`` = ``۲٫۵``; ``10%`` = ``۱۰٪``.
Numbers are compared as multisets of canonical values. A mismatch that is fully explained by
a date converted to the solar Hijri calendar (2019 -> 1397, day 10 -> 21) is reported as a
warning, not an error. Small numbers spelled out as words on one side (``three`` / «سه» /
«درې») are accepted.
"""

from __future__ import annotations

import re
from collections import Counter

from ..language.script import ASCII_DIGITS, to_ascii_digits
from ..model import Finding, Severity
from ._base import UnitContext

NAME = "numbers"

_DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
# ``D D*`` rather than ``D+``: a pattern opening with a bare class lets CPython's re skip
# ahead to a digit; one opening with a repeat is tried at every position (3-4x slower).
_NUMBER_RE = re.compile(f"{_DIGIT}{_DIGIT}*(?:[.,\u066b\u066c]{_DIGIT}+)*")
# The same for text without non-ASCII digits: one range to test per character, not three.
_ASCII_NUMBER_RE = re.compile("[0-9][0-9]*(?:[.,][0-9]+)*")
# Two separators in one number of ``_digit_runs`` (``1.234.567``, ``1٫2.3``).
_TWO_SEPARATORS_RE = re.compile("[.,\u066b\u066c][0-9]+[.,\u066b\u066c]")
_SEPARATOR_RE = re.compile(r"([.,\u066b\u066c])")
_GROUP_SEPARATORS = frozenset(",\u066c")
_DECIMAL_SEPARATORS = frozenset(".\u066b")
_SEPARATORS = _GROUP_SEPARATORS | _DECIMAL_SEPARATORS
_WORD_RE = re.compile(r"[^\W\d_]+(?:\u200c[^\W\d_]+)*")  # ZWNJ joins: سه‌شنبه is one word

_ENGLISH_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "hundred": "100", "thousand": "1000",
}
_DARI_WORDS = {
    "یک": "1", "یکی": "1", "دو": "2", "سه": "3", "چهار": "4", "پنج": "5", "شش": "6",
    "هفت": "7", "هشت": "8", "نه": "9", "ده": "10", "یازده": "11", "دوازده": "12",
    "صد": "100", "یکصد": "100", "هزار": "1000",
}
_PASHTO_WORDS = {
    "یو": "1", "یوه": "1", "دوه": "2", "دوو": "2", "درې": "3", "دری": "3", "درېیو": "3",
    "څلور": "4", "پنځه": "5", "شپږ": "6", "اووه": "7", "اوه": "7", "اته": "8",
    "نهه": "9", "نه": "9", "لس": "10", "یوولس": "11", "دولس": "12", "سل": "100", "زر": "1000",
}
_SPELLED_NUMBERS = frozenset({*_ENGLISH_WORDS.values(), *_DARI_WORDS.values(),
                              *_PASHTO_WORDS.values()})


def _canonical(integer: str, fraction: str = "") -> str:
    integer = integer.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{integer}.{fraction}" if fraction else integer


def _values(token: str) -> list[str]:
    """Canonical values of one digit run such as ``3,500``, ``2.5``, ``1.234.567`` or ``1,2``."""
    # One separator between ASCII digits, the usual case: found by a strip (cheaper than
    # the split below), and the rules below unrolled.
    separator = token.strip(ASCII_DIGITS)
    if separator in _SEPARATORS:  # one character
        before, _, after = token.partition(separator)
        if separator in _GROUP_SEPARATORS and len(before) <= 3 and len(after) == 3:
            return [_canonical(before + after)]  # 3,500
        if separator in _DECIMAL_SEPARATORS or (separator == "," and len(after) != 3):
            return [_canonical(before, after)]  # 2.5, 1,5
        return [_canonical(before), _canonical(after)]  # 1234,567
    parts = _SEPARATOR_RE.split(token)
    if len(parts) == 1:
        return [_canonical(token)]
    groups, seps = parts[0::2], parts[1::2]
    head, tail = groups[0], groups[1:]
    grouped = len(head) <= 3 and all(len(g) == 3 for g in tail)
    if grouped and all(s in _GROUP_SEPARATORS for s in seps):
        return [_canonical("".join(groups))]
    if grouped and len(seps) > 1 and all(s == "." for s in seps):
        return [_canonical("".join(groups))]  # 1.234.567: dots as grouping (CLDR ps latn)
    last, body = seps[-1], seps[:-1]
    body_ok = not body or (len(head) <= 3 and all(len(g) == 3 for g in tail[:-1]))
    decimal = last in _DECIMAL_SEPARATORS or (last == "," and not body and len(tail[-1]) != 3)
    if decimal and body_ok and all(s in _GROUP_SEPARATORS for s in body):
        return [_canonical("".join(groups[:-1]), groups[-1])]
    return [_canonical(g) for g in groups]  # a list or a version: 1.2.3


def _digit_runs(text: str) -> str:
    """The numbers of ``text`` as written, with ASCII digits, one space between.

    >>> _digit_runs("۳٬۵۰۰ نفر در 2024")
    '3٬500 2024'
    """
    pattern = _ASCII_NUMBER_RE if text.isascii() else _NUMBER_RE
    joined = " ".join(pattern.findall(text))  # one translate for all the numbers
    return joined if joined.isascii() else to_ascii_digits(joined)


def _token_values(tokens: list[str]) -> list[str]:
    values: list[str] = []
    for token in tokens:
        if token.isdecimal():  # no separator
            values.append(str(int(token)))
        else:
            values.extend(_values(token))
    return values


def _number_list(text: str) -> list[str]:
    return _token_values(_digit_runs(text).split())


def numbers_in(text: str) -> Counter[str]:
    """The numbers of ``text`` as canonical ASCII strings.

    >>> sorted(numbers_in("۳٬۵۰۰ نفر، ۲٫۵ درصد و ۱۰٪ در ۲۰۲۴").elements())
    ['10', '2.5', '2024', '3500']
    """
    return Counter(_number_list(text))


def _spelled(text: str, table: dict[str, str], values: list[str]) -> Counter[str]:
    """How often ``text`` spells out each number of ``table``; only ``values`` are asked for.

    The word scan is skipped when no word for ``values`` is in the text (2024 or 3500 have
    none): the words it would find are substrings of the text.
    """
    if _SPELLED_NUMBERS.isdisjoint(values):
        return Counter()
    folded = text.casefold()
    wanted = set(values)
    if not any(w in folded for w, value in table.items() if value in wanted):
        return Counter()
    return Counter(table[w] for w in _WORD_RE.findall(folded) if w in table)


def _drop_spelled(missing: list[str], extra: list[str], source: str, target: str,
                  ctx: UnitContext) -> tuple[list[str], list[str]]:
    """Forgive numbers written as words on the other side (``3`` and «سه»)."""
    table = _PASHTO_WORDS if ctx.is_pashto else _DARI_WORDS
    if missing and (words := _spelled(target, table, missing)):
        missing = [n for n in missing if not _take(words, n)]
    if extra and (words := _spelled(source, _ENGLISH_WORDS, extra)):
        extra = [n for n in extra if not _take(words, n)]
    return missing, extra


def _take(pool: Counter[str], value: str) -> bool:
    if pool[value] > 0:
        pool[value] -= 1
        return True
    return False


def _is_int_in(value: str, low: int, high: int) -> bool:
    return value.isdigit() and low <= int(value) <= high


def _differences(source: list[str], target: list[str]) -> tuple[list[str], list[str]]:
    """What sorted ``source`` has more of than sorted ``target``, and the reverse, sorted.

    ``counter_diff`` of their Counters, without building any: the Counters and their
    arithmetic cost more than the rest of the check.
    """
    missing: list[str] = []
    extra: list[str] = []
    i = j = 0
    while i < len(source) and j < len(target):
        if source[i] == target[j]:
            i += 1
            j += 1
        elif source[i] < target[j]:
            missing.append(source[i])
            i += 1
        else:
            extra.append(target[j])
            j += 1
    return missing + source[i:], extra + target[j:]


def _hijri_conversion(missing: list[str], extra: list[str], source_numbers: list[str]) -> bool:
    """True when every mismatch is part of a Gregorian date rewritten as solar Hijri."""
    gregorian = [int(v) for v in source_numbers if _is_int_in(v, 1900, 2100)]
    hijri = [int(v) for v in extra if _is_int_in(v, 1279, 1480)]
    converted = {h for h in hijri for g in gregorian if g - 622 <= h <= g - 621}
    if not converted:
        return False
    leftovers = [v for v in missing if not _is_int_in(v, 1900, 2100)]
    leftovers += [v for v in extra if not (v.isdigit() and int(v) in converted)]
    return all(_is_int_in(v, 1, 31) for v in leftovers)


def check_numbers(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """Every number of the source is in the target and the target adds none."""
    source_text, target_text = ctx.source_masked, ctx.target_masked
    source_runs, target_runs = _digit_runs(source_text), _digit_runs(target_text)
    if source_runs == target_runs:
        return []
    # The usual case, and a cheap test: a number's values depend only on how it is written
    # (with ASCII digits), so the same numbers in any order have the same values.
    source_tokens, target_tokens = source_runs.split(), target_runs.split()
    source_sorted = sorted(source_tokens)
    if source_sorted == sorted(target_tokens):
        return []
    # ``12.5`` and ``۱۲٫۵``: a number with one separator has the same value with ``.`` or
    # ``٫`` (both decimal), so with no number of two separators the values are the same.
    if "\u066b" in target_runs:
        dotted = target_runs.replace("\u066b", ".")
        if ((dotted == source_runs or sorted(dotted.split()) == source_sorted)
                and not _TWO_SEPARATORS_RE.search(source_runs)):
            return []
    source_list, target_list = _token_values(source_tokens), _token_values(target_tokens)
    if source_list == target_list:
        return []
    source_list.sort()
    target_list.sort()
    if source_list == target_list:  # the same values in another order
        return []
    missing, extra = _differences(source_list, target_list)
    missing, extra = _drop_spelled(missing, extra, source_text, target_text, ctx)
    if not missing and not extra:
        return []
    parts = []
    if missing:
        parts.append("missing from the translation: " + ", ".join(missing))
    if extra:
        parts.append("not in the source: " + ", ".join(extra))
    message = "numbers differ; " + "; ".join(parts)
    if _hijri_conversion(missing, extra, source_list):
        message += " (looks like a date converted to the solar Hijri calendar: check it)"
        return [Finding(NAME, Severity.WARNING, message)]
    return [Finding(NAME, Severity.ERROR, message)]
