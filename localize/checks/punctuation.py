"""Punctuation checks: balanced brackets and quotes, sentence-final marks, ASCII marks.

A news sentence may open a quotation that a later sentence closes, so balance is compared
with the source's own balance rather than required absolutely.
"""

from __future__ import annotations

import re

from ..language.script import BIDI_CONTROLS
from ..model import Finding, Severity
from ._base import Trigger, UnitContext
from ._text import ARABIC_LETTER_RE, OBJECT, is_latin_letter

_BRACKET_PAIRS = {")": "(", "]": "[", "}": "{"}
BRACKETS = Trigger(r"()\[\]{}", in_source=True)
_BRACKET_RE = re.compile(f"[{BRACKETS.characters}]")


def _has_bracket(text: str) -> bool:
    # Substring tests: faster than a character-class search over Arabic-script text.
    return "(" in text or ")" in text or "[" in text or "]" in text or "{" in text or "}" in text


def _bracket_state(text: str) -> tuple[int, int, int, bool]:
    """Net ``(``, ``[``, ``{`` counts, and whether a closer ever came before its opener."""
    net = {"(": 0, "[": 0, "{": 0}
    disordered = False
    for char in _BRACKET_RE.findall(text):
        opener = _BRACKET_PAIRS.get(char)
        if opener is None:
            net[char] += 1
        else:
            net[opener] -= 1
            disordered = disordered or net[opener] < 0
    return net["("], net["["], net["{"], disordered


def check_brackets(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """Round, square and curly brackets are balanced in the target as in the source."""
    target_text = ctx.target_masked
    if not _has_bracket(target_text) and not _has_bracket(ctx.source_masked):
        return []
    *source_net, source_disordered = _bracket_state(ctx.source_masked)
    *target_net, target_disordered = _bracket_state(target_text)
    if target_net == source_net and (source_disordered or not target_disordered):
        return []
    return [Finding("brackets", Severity.WARNING, "brackets are not balanced as in the source")]


QUOTES = Trigger("«»“”\"„", in_source=True)
_QUOTE_RE = re.compile(f"[{QUOTES.characters}]")


def _has_quote(text: str) -> bool:
    return "«" in text or "»" in text or "“" in text or "”" in text or '"' in text or "„" in text


def _quote_imbalance(text: str) -> int:
    opened = text.count("«") + text.count("“") + text.count("„")
    closed = text.count("»") + text.count("”")
    return abs(opened - closed) + text.count('"') % 2


def _quotes_disordered(text: str) -> bool:
    """A closing mark (» ”) before any opening one (« “ „)."""
    depth = 0
    for char in _QUOTE_RE.findall(text):
        if char in "«“„":
            depth += 1
        elif char in "»”":
            depth -= 1
            if depth < 0:
                return True
    return False


def check_quotes(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """Quotation marks (« » “ ” ") open and close in the target as in the source."""
    if not _has_quote(target) and not _has_quote(source):
        return []
    problem = ""
    if _quote_imbalance(target) != _quote_imbalance(source):
        problem = "quotation marks are not balanced as in the source"
    elif _quotes_disordered(target) and not _quotes_disordered(source):
        problem = "a closing quotation mark comes before its opening one"
    return [Finding("quotes", Severity.WARNING, problem)] if problem else []


# -- sentence-final punctuation ---------------------------------------------------------
_TRAILING_CLOSERS = " \t\n\"'»«“”’‘)]}\u200c\u200d" + BIDI_CONTROLS
_FINAL_CLASS = {
    "?": "a question mark", "؟": "a question mark", "!": "an exclamation mark",
    ".": "a full stop", "…": "a full stop", ":": "a colon", ";": "a semicolon", "؛": "a semicolon",
}
_NO_MARK = "no final mark"


def _final_class(text: str) -> str:
    if (last := text[-1:]) in _FINAL_CLASS:  # the usual case: no closer to strip after it
        return _FINAL_CLASS[last]
    stripped = text.rstrip(_TRAILING_CLOSERS)
    return _FINAL_CLASS.get(stripped[-1:], _NO_MARK) if stripped else _NO_MARK


def check_end_punctuation(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """The target ends like the source: ``?``/``؟``, ``!``, ``.``, ``:``, ``;``/``؛`` or nothing."""
    if (last := target[-1:]) == source[-1:] and last in _FINAL_CLASS:  # the usual case
        return []
    expected, found = _final_class(source), _final_class(target)
    if expected == found:
        return []
    return [Finding(
        "end-punctuation", Severity.WARNING,
        f"the source ends with {expected}, the translation with {found}",
    )]


# -- ASCII , ; ? inside Arabic-script text ------------------------------------------------
ASCII_MARKS_IN_TARGET = Trigger(",;?")
_ASCII_MARK_RE = re.compile(f"[{ASCII_MARKS_IN_TARGET.characters}]")
_ARABIC_EQUIVALENT = {",": "،", ";": "؛", "?": "؟"}


def _previous_letter(text: str, index: int) -> str:
    """The nearest letter, digit or masked entity before ``index``."""
    for char in reversed(text[max(0, index - 40) : index]):
        if char.isalnum() or char == OBJECT:
            return char
    return ""


def _latin_like(char: str) -> bool:
    return char == OBJECT or ("0" <= char <= "9") or is_latin_letter(char)


def _in_latin_run(text: str, index: int) -> bool:
    """A mark inside a number (``3,500``) or ending a Latin run not followed by Arabic."""
    before, after = text[index - 1 : index], text[index + 1 : index + 2]
    if before.isdigit() and after.isdigit():
        return True
    if not _latin_like(_previous_letter(text, index)):
        return False
    following = text[index + 1 :].lstrip()[:1]
    return not following or not (following.isalnum() and not _latin_like(following))


def check_ascii_punctuation(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """ASCII ``,`` ``;`` ``?`` in Arabic-script prose (not in numbers, URLs or Latin runs)."""
    text = ctx.target_masked
    if not ("," in text or ";" in text or "?" in text) or not ARABIC_LETTER_RE.search(text):
        return []
    marks = [m.group() for m in _ASCII_MARK_RE.finditer(text) if not _in_latin_run(text, m.start())]
    if not marks:
        return []
    advice = ", ".join(f"{m} -> {_ARABIC_EQUIVALENT[m]}" for m in sorted(set(marks)))
    return [Finding(
        "ascii-punctuation", Severity.WARNING,
        f"{len(marks)} ASCII punctuation mark(s) in Arabic-script text; use {advice}",
    )]
