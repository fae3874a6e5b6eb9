"""Isolating runs of the other direction inside a paragraph (LANGUAGE.md §2.7).

Inside right-to-left Dari or Pashto text, Latin names, ``#hashtags``, ``@handles``, URLs,
e-mail addresses and numbers joined by hyphens or colons display in the wrong order unless
they are isolated: ``تاریخ 2019-02-10`` shows as ``10-02-2019`` and ``#NATO`` as
``NATO#``. HTML isolates them with ``<bdi dir="ltr">``; plain text with FSI … PDI
(U+2068 … U+2069), which also keeps a Latin run from deciding a paragraph's direction.

Escaping is done per run, *after* splitting, so the patterns see the real text and an
entity is never cut in half.
"""

from __future__ import annotations

import re
from collections.abc import Callable

FSI = "\u2068"
PDI = "\u2069"

_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_DIGIT = "0-9\u06f0-\u06f9\u0660-\u0669"
_URL = r"(?:https?://|www\.)[^\s<>\"«»]*[^\s<>\"«».,;:!?'’)\]،؛؟]"
_EMAIL = r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
# A Latin word (optionally a #hashtag or @handle), ending in a letter or digit so that
# sentence punctuation stays outside the isolate and follows the paragraph direction.
_WORD = rf"[#@]?[0-9]*[{_LATIN}](?:[{_LATIN}0-9'’._&-]*[{_LATIN}0-9])?"
_LATIN_RUN = rf"{_WORD}(?:[ \u00a0]+{_WORD})*"
# Digits joined by separators, with at least one hyphen or colon (slashes and dots alone
# display correctly: the CS class joins number runs).
_NUMBER_RUN = rf"(?=[{_DIGIT}]+(?:[/.][{_DIGIT}]+)*[-\u2010\u2011\u2013:][{_DIGIT}])" \
              rf"[{_DIGIT}]+(?:[-\u2010\u2011\u2013:/.][{_DIGIT}]+)+"

LTR_RUN = re.compile(f"{_URL}|{_EMAIL}|{_NUMBER_RUN}|{_LATIN_RUN}")
"""Runs to isolate as left-to-right inside right-to-left text."""

_ARABIC = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
RTL_RUN = re.compile(rf"[{_ARABIC}]+(?:[\s\u200c]+[{_ARABIC}]+)*")
"""Runs to isolate as right-to-left inside left-to-right (English) text."""


# Where an LTR run can start: a Latin letter, ``#``/``@``, or a run of digits followed by
# something that can continue a match (a separator, ``@``, a Latin letter); plain numbers
# are passed over inside the regex engine. The pattern starts with one character class, so
# the engine scans the Arabic-script text quickly. When a candidate does not start a match,
# its same-script digit run is skipped whole: no later digit of that run can start one
# either. The result equals ``LTR_RUN.finditer`` (``test_bidi`` fuzzes this).
_LTR_START = re.compile(
    rf"[{_DIGIT}#@{_LATIN}](?:(?<=[{_DIGIT}])[{_DIGIT}]*(?=[-\u2010\u2011\u2013:/.@_%+{_LATIN}])"
    rf"|(?<![{_DIGIT}]))"
)
_DIGIT_RUN = re.compile("[0-9]+|[\u06f0-\u06f9]+|[\u0660-\u0669]+")


def _spans(text: str, direction: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every run of the other direction, in order."""
    if direction != "rtl":
        return [match.span() for match in RTL_RUN.finditer(text)]
    spans = []
    position = 0
    search, match, digits = _LTR_START.search, LTR_RUN.match, _DIGIT_RUN.match
    while (found := search(text, position)) is not None:
        start = found.start()
        run = match(text, start)
        if run is not None:
            spans.append(run.span())
            position = run.end()
        else:
            skip = digits(text, start)
            position = skip.end() if skip is not None else start + 1
    return spans


def isolate_markup(text: str, direction: str, escape: Callable[[str], str]) -> str:
    """``text`` escaped with ``escape``, runs of the other direction wrapped in ``<bdi>``.

    Args:
        text: raw catalog text.
        direction: the direction of the element the text goes into (``rtl`` or ``ltr``).
        escape: applied to every run, isolated or not (``html.escape`` or a Markdown
            escaper); its output must be safe inside HTML.

    >>> import html
    >>> isolate_markup("درود #NATO & ۲ <", "rtl", html.escape)
    'درود <bdi dir="ltr">#NATO</bdi> &amp; ۲ &lt;'
    """
    other = "ltr" if direction == "rtl" else "rtl"
    position = 0
    parts: list[str] = []
    for start, end in _spans(text, direction):
        parts.append(escape(text[position:start]))
        parts.append(f'<bdi dir="{other}">{escape(text[start:end])}</bdi>')
        position = end
    if not parts:
        return escape(text)
    parts.append(escape(text[position:]))
    return "".join(parts)


def isolate_plain(text: str, direction: str) -> str:
    """``text`` with runs of the other direction between FSI and PDI (U+2068, U+2069).

    >>> isolate_plain("سخنگوی ناتو Jens Stoltenberg گفت", "rtl") == (
    ...     "سخنگوی ناتو \\u2068Jens Stoltenberg\\u2069 گفت")
    True
    """
    spans = _spans(text, direction)
    if not spans:
        return text
    parts = []
    position = 0
    for start, end in spans:
        parts.append(f"{text[position:start]}{FSI}{text[start:end]}{PDI}")
        position = end
    parts.append(text[position:])
    return "".join(parts)
