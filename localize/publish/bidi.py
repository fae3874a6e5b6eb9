"""Isolating runs of the other direction inside a paragraph (LANGUAGE.md §2.7).

Inside right-to-left Dari or Pashto text, Latin names, ``#hashtags``, ``@handles``, URLs,
e-mail addresses and numbers joined by hyphens or colons display in the wrong order unless
they are isolated: ``تاریخ 2019-02-10`` shows as ``10-02-2019`` and ``#NATO`` as
``NATO#``. HTML isolates them with ``<bdi dir="ltr">``; plain text with FSI … PDI
(U+2068 … U+2069), which also keeps a Latin run from deciding a paragraph's direction.

Escaping is done per run, *after* splitting, so the patterns see the real text and an
entity is never cut in half.

Every published sentence is also a bidi island (``balance_controls``): an embedding,
override or isolate opened inside a catalog sentence is closed inside it, and a closer
with nothing to close is dropped, so a stray RIGHT-TO-LEFT OVERRIDE or POP DIRECTIONAL
ISOLATE in one translation cannot reorder the next sentence, the paragraph or the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

LRE = "\u202a"  # LEFT-TO-RIGHT EMBEDDING
RLE = "\u202b"  # RIGHT-TO-LEFT EMBEDDING
PDF = "\u202c"  # POP DIRECTIONAL FORMATTING: closes LRE, RLE, LRO, RLO
LRO = "\u202d"  # LEFT-TO-RIGHT OVERRIDE
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
LRI = "\u2066"  # LEFT-TO-RIGHT ISOLATE
RLI = "\u2067"  # RIGHT-TO-LEFT ISOLATE
FSI = "\u2068"  # FIRST STRONG ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE: closes LRI, RLI, FSI

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


# -- sentences as bidi islands (UAX #9, rules X1-X8) --------------------------------------------
_CLOSER = {LRE: PDF, RLE: PDF, LRO: PDF, RLO: PDF, LRI: PDI, RLI: PDI, FSI: PDI}
# Bidi class B: each one ends the bidi paragraph, and with it every isolate around the
# sentence (the text after it would escape the sentence's isolate).
_PARAGRAPH_SEPARATORS = "\n\r\x1c\x1d\x1e\x85\u2029"
_EXPLICIT = re.compile(f"[{LRE}-{RLO}{LRI}-{PDI}{_PARAGRAPH_SEPARATORS}]")


def balance_controls(text: str) -> str:
    """``text`` with its explicit bidi controls closed inside it, so it cannot affect what
    follows it.

    Per UAX #9 (X1-X8), an embedding or override (LRE, RLE, LRO, RLO) lasts until its PDF and
    an isolate (LRI, RLI, FSI) until its PDI, or until the end of the paragraph; a PDI also
    closes the isolate *around* the text when the text opened none. So:

    * openers left open at the end are closed there, innermost first;
    * a PDF or PDI with nothing to close in ``text`` is dropped (it would close an embedding
      or isolate of the page around the sentence, or, for a PDF inside an isolate, do nothing);
    * embeddings still open inside an isolate get their PDF before the isolate's PDI, which
      closes them anyway (X6a), so that renderers that predate isolates agree;
    * a paragraph separator (bidi class B: ``\\n``, ``\\r``, U+001C-U+001E, U+0085, U+2029)
      becomes a space: it would end every isolate around the sentence, and HTML and Markdown
      show a line break inside a paragraph as a space anyway.

    Balanced controls (an LRI ... PDI around a name, LRO ... PDF) and the marks LRM, RLM and
    ALM are kept as written; text without explicit controls is returned as it is.

    >>> balance_controls("\\u202eabc") == "\\u202eabc\\u202c"
    True
    >>> balance_controls("a\\u2069b\\u202cc")  # closers with nothing to close
    'abc'
    >>> balance_controls("\\u2066NATO\\u2069 \\u200fگفت") == "\\u2066NATO\\u2069 \\u200fگفت"
    True
    """
    if _EXPLICIT.search(text) is None:
        return text
    parts: list[str] = []
    closers: list[str] = []  # the closer each open opener expects, innermost last
    isolates = 0  # how many of them are isolates
    position = 0
    for found in _EXPLICIT.finditer(text):
        parts.append(text[position:found.start()])
        position = found.end()
        char = found.group()
        if char in _CLOSER:
            closers.append(_CLOSER[char])
            if closers[-1] == PDI:
                isolates += 1
            parts.append(char)
        elif char == PDF:
            if closers and closers[-1] == PDF:
                parts.append(closers.pop())
        elif char == PDI:
            if isolates:
                while closers.pop() == PDF:
                    parts.append(PDF)
                isolates -= 1
                parts.append(PDI)
        else:  # a paragraph separator
            parts.append(" ")
    parts.append(text[position:])
    parts.extend(reversed(closers))
    balanced = "".join(parts)
    return text if balanced == text else balanced


_ISOLATE = {"ltr": LRI, "rtl": RLI}


def isolate_sentence(text: str, direction: str, render: Callable[[str], str]) -> str:
    """One catalog sentence for a text format (Markdown, plain text) as a bidi island.

    Returns ``render(balance_controls(text))``, wrapped in LRI or RLI (as ``direction``) ...
    PDI when the sentence's controls needed repair. A sentence whose controls are balanced
    (most have none) is published as written: in text, every isolate is two invisible
    characters that travel with copy and paste, and a line that starts with one takes its
    direction from what follows it (UAX #9 P2).

    Args:
        text: one raw catalog sentence.
        direction: the direction of the line or block the sentence goes into.
        render: what to do with the balanced text (``isolate_plain`` or ``isolate_markup``
            for that direction).

    >>> isolate_sentence("\\u202eبرعکس", "rtl", str) == "\\u2067\\u202eبرعکس\\u202c\\u2069"
    True
    >>> isolate_sentence("جمله", "rtl", str)
    'جمله'
    """
    balanced = balance_controls(text)
    if balanced == text:
        return render(text)
    return f"{_ISOLATE[direction]}{render(balanced)}{PDI}"
